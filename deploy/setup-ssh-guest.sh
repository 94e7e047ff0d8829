#!/bin/sh
# setup-ssh-guest.sh - serve handout over SSH to a guest account, `handout`,
# that can read the article and do nothing else (README: "Serving handout
# over SSH").  Run as root; running it again changes nothing that is
# already right.
#
#   setup-ssh-guest.sh [OPTION]...
#
#   --handout PATH       the program sshd runs (default: /usr/bin/handout, or
#                        `command -v handout` when that is missing)
#   --add-key FILE       let the public key(s) in FILE log in (a shared key
#                        handed out with the thin clients); added once
#   --empty-password     a public guest: anyone may log in as `handout` with
#                        an empty password (only sensible on a network the
#                        clinic controls)
#   --conf-dir DIR       where the drop-in goes (default /etc/ssh/sshd_config.d)
#   --sshd-config FILE   the server's main configuration, for the checks
#                        (default /etc/ssh/sshd_config)
#   --keys-file FILE     the root-owned authorized keys file
#                        (default /etc/ssh/handout_authorized_keys)
#
# What it does:
#   1. creates the `handout` system user if it is missing: locked password,
#      shell /bin/sh (sshd runs ForceCommand as `SHELL -c COMMAND`, so
#      /usr/sbin/nologin would refuse every login; the shell only ever gets
#      the drop-in's command), home /var/lib/handout owned by root and empty,
#      so nothing can be written there (no ~/.ssh, no rc file, no
#      ~/.pam_environment).  An existing `handout` with a uid of 1000 or more
#      is a person's account: the script stops rather than change it;
#   2. writes handout-guest.conf (kept beside this script) into the conf
#      dir, with the handout path and the keys file filled in;
#   3. checks the whole configuration with `sshd -t`, and with `sshd -T` that
#      a login as `handout` really gets the forced command and no
#      forwarding (an earlier Match block could win); on failure it puts back
#      what was there and exits 1, so a broken file never stays behind;
#   4. tells what is left to do: reload sshd, and how logins are allowed.
#
# Nothing is enabled or reloaded by itself.  Exit 0 done, 1 failed, 2 usage.
set -eu

me=setup-ssh-guest.sh
here=$(cd "$(dirname "$0")" && pwd)
template=$here/sshd_config.d/handout-guest.conf
user=handout
home=/var/lib/handout
shell=/bin/sh
handout=""
conf_dir=/etc/ssh/sshd_config.d
sshd_config=/etc/ssh/sshd_config
keys_file=/etc/ssh/handout_authorized_keys
add_key=""
empty_password=no
sshd=/usr/sbin/sshd

die() {
	echo "$me: $*" >&2
	exit 1
}

usage() {
	sed -n '2,/^set -eu/{/^set -eu/d;s/^# \{0,1\}//;p}' "$0"
	exit "$1"
}

# A path that goes into sshd_config and sed as it is: absolute, and no
# character either of them would read as something else.
check_path() {
	case $2 in
	/*) ;;
	*) echo "$me: $1 must be an absolute path: '$2'" >&2; exit 2 ;;
	esac
	case $2 in
	*[!A-Za-z0-9/._+-]*) echo "$me: $1 may only hold letters, digits and / . _ + -: '$2'" >&2; exit 2 ;;
	esac
}

while [ $# -gt 0 ]; do
	case $1 in
	--handout) handout=${2:?}; shift 2 ;;
	--add-key) add_key=${2:?}; shift 2 ;;
	--empty-password) empty_password=yes; shift ;;
	--conf-dir) conf_dir=${2:?}; shift 2 ;;
	--sshd-config) sshd_config=${2:?}; shift 2 ;;
	--keys-file) keys_file=${2:?}; shift 2 ;;
	-h|--help) usage 0 ;;
	*) echo "$me: unknown option '$1'" >&2; usage 2 >&2 ;;
	esac
done

[ "$(id -u)" -eq 0 ] || die "run it as root: it creates a user and writes sshd's configuration"
[ -x "$sshd" ] || die "$sshd not found: apt-get install openssh-server"
[ -r "$template" ] || die "$template not found (keep this script beside its sshd_config.d folder)"
if [ -z "$handout" ]; then
	handout=/usr/bin/handout
	[ -x "$handout" ] || handout=$(command -v handout 2>/dev/null) ||
		die "handout is not installed: install it, or name it with --handout PATH"
fi
check_path --handout "$handout"
check_path --keys-file "$keys_file"
[ -x "$handout" ] || die "$handout is not an executable program"
[ -z "$add_key" ] || [ -r "$add_key" ] || die "cannot read the key file $add_key"
[ -r "$sshd_config" ] || die "cannot read $sshd_config"

# --- 1. the user ---------------------------------------------------------
if entry=$(getent passwd "$user"); then
	uid=$(echo "$entry" | cut -d: -f3)
	[ "$uid" -lt 1000 ] || die "user '$user' exists with uid $uid, a person's account: not touching it"
	# A guest set up by hand or an older version: same home and shell.
	[ "$(echo "$entry" | cut -d: -f6)" = "$home" ] || usermod --home "$home" "$user"
	[ "$(echo "$entry" | cut -d: -f7)" = "$shell" ] || usermod --shell "$shell" "$user"
	echo "$me: user '$user' is there"
else
	useradd --system --user-group --no-create-home --home-dir "$home" \
		--shell "$shell" --comment "handout SSH guest" "$user"
	echo "$me: created the system user '$user'"
fi
# Root's, empty, and not writable by the guest.
mkdir -p "$home"
chown root:root "$home"
chmod 0755 "$home"

# --- 2. keys and password ------------------------------------------------
if [ -n "$add_key" ]; then
	[ -e "$keys_file" ] || install -m 0644 -o root -g root /dev/null "$keys_file"
	while IFS= read -r line; do
		case $line in "" | "#"*) continue ;; esac
		grep -qxF -- "$line" "$keys_file" || printf '%s\n' "$line" >>"$keys_file"
	done <"$add_key"
	chown root:root "$keys_file"
	chmod 0644 "$keys_file"
	echo "$me: the key(s) in $add_key may log in (list: $keys_file)"
fi
if [ "$empty_password" = yes ]; then
	passwd -d "$user" >/dev/null
	echo "$me: '$user' has an empty password"
fi

# --- 3. the drop-in, checked before it is kept ---------------------------
mkdir -p "$conf_dir"
dest=$conf_dir/handout-guest.conf
new=$(mktemp "$conf_dir/.handout-guest.XXXXXX")
trap 'rm -f "$new"' EXIT
sed -e "s|^\([[:space:]]*ForceCommand exec \)/usr/bin/handout |\1$handout |" \
	-e "s|^\([[:space:]]*AuthorizedKeysFile \)/etc/ssh/handout_authorized_keys\$|\1$keys_file|" \
	"$template" >"$new"
if [ "$empty_password" = yes ]; then
	sed -i -e 's/^\([[:space:]]*\)#\(PasswordAuthentication yes\)$/\1\2/' \
		-e 's/^\([[:space:]]*\)#\(PermitEmptyPasswords yes\)$/\1\2/' "$new"
elif [ -e "$dest" ] && grep -q '^[[:space:]]*PermitEmptyPasswords yes' "$dest"; then
	# Run again without --empty-password: keep what was chosen before.
	sed -i -e 's/^\([[:space:]]*\)#\(PasswordAuthentication yes\)$/\1\2/' \
		-e 's/^\([[:space:]]*\)#\(PermitEmptyPasswords yes\)$/\1\2/' "$new"
fi
chmod 0644 "$new"

backup=""
if [ -e "$dest" ]; then
	if cmp -s "$new" "$dest"; then
		rm -f "$new"
		echo "$me: $dest is up to date"
	else
		backup=$(mktemp "$conf_dir/.handout-guest.old.XXXXXX")
		cp -p "$dest" "$backup"
		mv -f "$new" "$dest"
		echo "$me: updated $dest"
	fi
else
	mv -f "$new" "$dest"
	echo "$me: installed $dest"
fi

undo() {
	if [ -n "$backup" ]; then
		mv -f "$backup" "$dest"
		echo "$me: put the previous $dest back" >&2
	else
		rm -f "$dest"
		echo "$me: removed $dest again" >&2
	fi
	exit 1
}

if ! "$sshd" -t -f "$sshd_config"; then
	echo "$me: sshd -t rejects the configuration" >&2
	undo
fi
# What a login as the guest really gets: Match blocks are first-wins, and
# the main file must include the drop-in folder.
eff=$("$sshd" -T -f "$sshd_config" -C "user=$user,host=localhost,addr=127.0.0.1" 2>&1) || {
	echo "$eff" >&2
	undo
}
want() {
	printf '%s\n' "$eff" | grep -qixF -- "$1" && return 0
	echo "$me: a login as '$user' would not get '$1': does $sshd_config include $conf_dir/*.conf before any other Match block?" >&2
	undo
}
want "forcecommand exec $handout --kiosk"
want "disableforwarding yes"
want "permittunnel no"
want "permituserenvironment no"
want "authorizedkeysfile $keys_file"
if printf '%s\n' "$eff" | grep -qix 'usepam no' && [ "$empty_password" = no ]; then
	echo "$me: warning: UsePAM is off, and sshd then refuses even keys for a locked account; Debian's default (UsePAM yes) is needed" >&2
fi
[ -z "$backup" ] || rm -f "$backup"

# --- 4. what is left -----------------------------------------------------
cat <<EOF
$me: done.  sshd reads the change when reloaded:  systemctl reload ssh
$me: logins as '$user' are allowed by one of:
  - a shared key:      $0 --add-key KEY.pub   (then: ssh -i KEY $user@HOST)
  - an empty password: $0 --empty-password    (anyone who reaches the port)
EOF
