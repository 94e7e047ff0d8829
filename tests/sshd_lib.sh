# shellcheck shell=sh disable=SC2034,SC2154
# sshd_lib.sh - a private OpenSSH server for the `handout` guest, shared by
# tests/sshd.sh and bench/ssh100.sh; source it after setting top_srcdir and
# HANDOUT.
#
#   sshd_need            exit 77 with the reason (and the Debian package)
#                        unless root, sshd and the ssh client tools are there
#                        and the system may be changed (HANDOUT_TEST_NO_SYSTEM
#                        unset: a package build sets it)
#   sshd_prepare [CONF]  a folder $T under /run (sshd's StrictModes refuses
#                        keys under the world-writable /tmp) holding a copy of
#                        $HANDOUT and the bundled article, host and client
#                        keys, and an sshd_config: Debian's order (the
#                        drop-ins first), 127.0.0.1 only, then CONF (extra
#                        lines); then deploy/setup-ssh-guest.sh creates the
#                        `handout` user and installs the drop-in into $T
#   sshd_start           sshd on a free high port: sets $port and $sshd_pid
#   sshd_cleanup         ends every process of the server, its sessions
#                        included, and removes $T (and /run/sshd if made here)
#
# The guest runs $T/bin/handout, a wrapper that execs the copy with the
# article as its file, so neither the build tree nor an installed handout
# needs to be readable by the guest.  SSHD_CAP_KIB, when set, caps the
# guest's memory so a runaway session cannot take the machine down with it:
# its address space (ulimit -v), or for an AddressSanitizer build, which
# reserves terabytes of address space, its resident size (ASan's
# hard_rss_limit_mb, which ends the process beyond it).
#
# Helpers: descendants PID, server_handouts, listening PORT, free_port;
# $SSH_OPTS for the client; and from tests/needs.sh (sourced here when it
# was not), now_ms, within MS CMD... and proc_ended PID.
# For the tests (with tests/e2e_lib.sh sourced first): bad, one_handout,
# no_handout, sshd_idle, guest_files, after WHAT, guest_ssh ARGS,
# ssh_session COLS ROWS COMMAND, leave.

command -v within >/dev/null 2>&1 || . "$top_srcdir/tests/needs.sh"

SSHD=${SSHD:-/usr/sbin/sshd}
sshd_pid=""
made_privsep=no

sshd_need() {
	[ -z "${HANDOUT_TEST_NO_SYSTEM:-}" ] || {
		echo "SKIP: HANDOUT_TEST_NO_SYSTEM is set (a package build): no user is created, no server run"
		exit 77
	}
	if [ "$(id -u)" -ne 0 ]; then
		echo "SKIP: needs root (creates the handout user, runs sshd)"
		exit 77
	fi
	if [ ! -x "$SSHD" ]; then
		echo "SKIP: $SSHD not found (Debian package openssh-server)"
		exit 77
	fi
	for t in ssh sftp scp ssh-keygen; do
		command -v $t >/dev/null 2>&1 && continue
		echo "SKIP: $t not found (Debian package openssh-client)"
		exit 77
	done
	for t in perl:perl-base timeout:coreutils awk:mawk flock:util-linux; do
		command -v "${t%%:*}" >/dev/null 2>&1 && continue
		echo "SKIP: ${t%%:*} not found (Debian package ${t#*:})"
		exit 77
	done
}

# Every live descendant of PID, from one pass over /proc/*/stat (cat goes
# on past a process that ends meanwhile; the command name may hold spaces).
descendants() {
	cat /proc/[0-9]*/stat 2>/dev/null | awk -v root="$1" '
		{ pid = $1; s = $0; sub(/^.*\) /, "", s); split(s, f, " "); pp[pid] = f[2] }
		END {
			mark[root] = 1
			do {
				changed = 0
				for (p in pp)
					if (!(p in mark) && (pp[p] in mark)) { mark[p] = 1; changed = 1 }
			} while (changed)
			for (p in mark) if (p != root) print p
		}'
}

# The server-side handout processes: those running this folder's copy.
server_handouts() {
	find /proc -mindepth 2 -maxdepth 2 -path '/proc/[0-9]*/exe' \
		-lname "$T/libexec/handout" 2>/dev/null | cut -d/ -f3
}

# listening PORT: something listens on PORT (any local address).
listening() {
	awk -v p=":$(printf '%04X' "$1")" \
		'$4 == "0A" && substr($2, length($2) - 4) == p { f = 1 } END { exit !f }' \
		/proc/net/tcp /proc/net/tcp6 2>/dev/null
}

free_port() {
	fp_i=0
	while [ $fp_i -lt 50 ]; do
		fp_p=$(( 20000 + $(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % 40000 ))
		listening "$fp_p" || { echo "$fp_p"; return 0; }
		fp_i=$((fp_i + 1))
	done
	return 1
}

sshd_prepare() {
	# The sshd tests share the system's `handout` user, which each sets
	# up and sshd.sh changes (an empty password, then locked again), so
	# make check -j runs them one at a time: a login must never meet the
	# other test's half-changed account.  The lock goes with the process.
	exec 8>/run/handout-sshd-tests.lock
	flock -w 900 8 || {
		echo "FAIL: another sshd test held /run/handout-sshd-tests.lock for 15 minutes"
		exit 1
	}
	T=$(mktemp -d /run/handout-sshd.XXXXXX) || {
		echo "SKIP: cannot make a folder under /run"
		exit 77
	}
	chmod 0755 "$T"
	# sshd reads the keys and starts handout as the guest, who must be
	# able to walk down to $T: a root of mode 0700 (a chroot unpacked
	# into a mktemp folder) makes every login fail as "Permission denied".
	for sp_dir in / /run; do
		sp_mode=$(stat -c %a "$sp_dir")
		case $sp_mode in
		*[1357]) ;;
		*)
			echo "SKIP: the guest user cannot reach $T: $sp_dir has mode $sp_mode (chmod o+x $sp_dir)"
			rmdir "$T"
			exit 77
			;;
		esac
	done
	mkdir -p "$T/libexec" "$T/bin" "$T/sshd_config.d" || return 1
	cp "$HANDOUT" "$T/libexec/handout" &&
		cp "$top_srcdir/content/cancer-spread-during-chemotherapy.yaml" "$T/article.yaml" || return 1
	sp_cap=""
	if [ -z "${SSHD_CAP_KIB:-}" ]; then
		:
	elif grep -q __asan_init "$HANDOUT"; then
		sp_cap="ASAN_OPTIONS=hard_rss_limit_mb=$((SSHD_CAP_KIB / 1024)); export ASAN_OPTIONS;"
	else
		sp_cap="ulimit -v $SSHD_CAP_KIB;"
	fi
	printf '#!/bin/sh\n%s exec %s "$@" %s\n' "$sp_cap" "$T/libexec/handout" "$T/article.yaml" \
		>"$T/bin/handout"
	chmod 0755 "$T/bin/handout" "$T/libexec/handout"
	chmod 0644 "$T/article.yaml"

	ssh-keygen -q -t ed25519 -N '' -C handout-sshd-host -f "$T/host_key" || return 1
	ssh-keygen -q -t ed25519 -N '' -C handout-sshd-client -f "$T/client_key" || return 1
	if [ ! -d /run/sshd ]; then
		mkdir -m 0755 /run/sshd && made_privsep=yes
	fi
	port=$(free_port) || return 1
	{
		echo "# Debian's order: the drop-ins first."
		echo "Include $T/sshd_config.d/*.conf"
		echo "ListenAddress 127.0.0.1:$port"
		echo "HostKey $T/host_key"
		echo "PidFile $T/sshd.pid"
		echo "UsePAM yes"
		echo "KbdInteractiveAuthentication no"
		echo "PasswordAuthentication no"
		echo "AllowUsers handout"
		echo "AuthorizedKeysFile none"
		echo "LogLevel VERBOSE"
		echo "Subsystem sftp /usr/lib/openssh/sftp-server"
		printf '%s\n' "${1:-}"
	} >"$T/sshd_config"

	sh "$top_srcdir/deploy/setup-ssh-guest.sh" --handout "$T/bin/handout" \
		--conf-dir "$T/sshd_config.d" --sshd-config "$T/sshd_config" \
		--keys-file "$T/authorized_keys" --add-key "$T/client_key.pub" \
		>"$T/setup.out" 2>&1 || {
		cat "$T/setup.out"
		echo "setup-ssh-guest.sh failed"
		return 1
	}

	# The client reads no configuration of the tester's, and never asks.
	SSH_OPTS="-F /dev/null -i $T/client_key -o IdentitiesOnly=yes -o BatchMode=yes \
-o UserKnownHostsFile=$T/known_hosts -o GlobalKnownHostsFile=/dev/null \
-o StrictHostKeyChecking=yes -o ConnectTimeout=10 -o LogLevel=ERROR"
}

sshd_start() {
	ss_tries=0
	while :; do
		"$SSHD" -D -e -f "$T/sshd_config" 2>>"$T/sshd.log" &
		sshd_pid=$!
		within 5000 listening "$port" && break
		kill "$sshd_pid" 2>/dev/null
		wait "$sshd_pid" 2>/dev/null
		sshd_pid=""
		ss_tries=$((ss_tries + 1))
		if [ $ss_tries -ge 5 ]; then
			tail -n 20 "$T/sshd.log"
			echo "sshd did not start"
			return 1
		fi
		# Someone took the port meanwhile: another one.
		port=$(free_port) || return 1
		sed -i "s/^ListenAddress .*/ListenAddress 127.0.0.1:$port/" "$T/sshd_config"
	done
	printf '[127.0.0.1]:%s %s\n' "$port" "$(cut -d' ' -f1,2 "$T/host_key.pub")" >"$T/known_hosts"
}

sshd_cleanup() {
	if [ -n "$sshd_pid" ]; then
		# The sessions first, while they can still be found under the
		# server; then the server.
		# Each is waited for by its pid: a user process whose monitor
		# ended first is no longer under the server, but still running.
		sc_all=$(descendants "$sshd_pid")
		for sc_p in $sc_all; do kill "$sc_p" 2>/dev/null; done
		for sc_p in $sc_all; do
			within 5000 proc_ended "$sc_p" || kill -9 "$sc_p" 2>/dev/null
		done
		kill "$sshd_pid" 2>/dev/null
		within 3000 proc_ended "$sshd_pid" || kill -9 "$sshd_pid" 2>/dev/null
		sshd_pid=""
	fi
	if [ -n "${T:-}" ]; then
		for sc_p in $(server_handouts); do kill -9 "$sc_p" 2>/dev/null; done
		rm -rf "$T"
	fi
	[ "$made_privsep" = no ] || rmdir /run/sshd 2>/dev/null
	made_privsep=no
}

# --- for the tests, which source tests/e2e_lib.sh first -------------------
FAILS=0
bad() {
	echo "FAIL: $*"
	FAILS=$((FAILS + 1))
}

one_handout() {
	oh_h=$(server_handouts)
	[ -n "$oh_h" ] && [ "$(echo "$oh_h" | wc -l)" -eq 1 ]
}
# Both answer only when /proc shows the server itself: an empty answer from
# a process table that cannot be read is "cannot tell" (2), never "none".
no_handout() {
	[ -r "/proc/$sshd_pid/stat" ] || return 2
	[ -z "$(server_handouts)" ]
}
# Only the listening sshd itself: no session's privileged or user process.
sshd_idle() {
	[ -r "/proc/$sshd_pid/stat" ] || return 2
	[ -z "$(descendants "$sshd_pid")" ]
}

# Files the guest could have left: it can only write where everyone may.
guest_files() {
	find /tmp /var/tmp /dev/shm /run /var/lib/handout -xdev -user handout \
		2>/dev/null | grep -v "^$T" | head -n 5
}

# after WHAT: the session is over and left nothing behind.
after() {
	if within 2000 no_handout; then
		ok "$1: no handout left on the server"
	else
		bad "$1: handout still running on the server: $(server_handouts)"
		for af_p in $(server_handouts); do kill -9 "$af_p" 2>/dev/null; done
	fi
	within 3000 sshd_idle || bad "$1: sshd session processes left: $(descendants "$sshd_pid")"
	af_f=$(guest_files)
	if [ -z "$af_f" ]; then ok "$1: no file of the guest's"; else bad "$1: files left: $af_f"; fi
}

# guest_ssh ARGS...: a client that gives up after 30 s.
# shellcheck disable=SC2086
guest_ssh() {
	timeout 30 ssh $SSH_OPTS -p "$port" "$@"
}

# ssh_session COLS ROWS COMMAND: a tmux session (TERM=screen) whose pane
# runs COMMAND; pane_pid is then the ssh client.
ssh_session() {
	ss_cols=$1 ss_rows=$2
	shift 2
	start "$ss_cols" "$ss_rows" "$*"
}

# OpenSSH's escape to disconnect, as a reader would type it.
leave() {
	keys Enter '~' .
}
