#!/bin/sh
# sshd.sh - the SSH guest service with the real OpenSSH server: sshd on
# 127.0.0.1 and a free high port, its own host key and sshd_config, which
# includes deploy/sshd_config.d/handout-guest.conf as installed by
# deploy/setup-ssh-guest.sh, for the `handout` user that script creates;
# key authentication with a key made here.
#
# The server's own settings are deliberately permissive (forwarding, tunnels,
# user environment and LD_PRELOAD/TERMINFO accepted), as a careless server's
# might be: every refusal below must come from the drop-in.
#
#   - over `ssh -tt` in tmux: the kiosk reads, ticks, `q` goes back to the
#     start; the reader leaves with OpenSSH's Enter ~ . and the server-side
#     handout ends;
#   - `ssh handout@ id`, `... /bin/sh -c ...`, `-tt ... /bin/sh`: the kiosk,
#     never the command;  sftp, scp (SFTP and the old protocol, both ways):
#     fail, nothing copied;  -L, -R, -D, -W to a listener run here: refused,
#     the listener never sees a connection;  SetEnv/SendEnv LD_PRELOAD,
#     TERMINFO: not in handout's environment, while LC_ALL is (the control);
#   - `ssh -N` (no session at all) is closed by the server;
#   - killing the ssh client ends the server-side handout within 2 s;
#     after every session no process of ours and no file of the guest is left;
#   - the public-guest set-up (setup-ssh-guest.sh --empty-password) lets an
#     empty password in, and only then.
#
# setup-ssh-guest.sh itself: idempotent, and refusing (with nothing left
# behind) a server on which another Match block would win over the drop-in.
#
# The handout that sshd runs is a copy of $HANDOUT with the bundled article
# under this test's folder (the guest must be able to read both, wherever
# the build tree is); setup-ssh-guest.sh --handout writes its path into the
# drop-in, exactly as a clinic with /usr/local/bin/handout would.
#
# A window of 10000x10000 cells, which any SSH client may claim, is
# tests/sshd_window.sh.
#
# Needs root (it creates the `handout` system user and runs sshd); skips
# otherwise.  It leaves the machine as it found it but for that user and its
# empty, root-owned home: its files live under a folder in /run (sshd's
# StrictModes refuses keys under the world-writable /tmp), removed at exit
# with every process it started.  Only 127.0.0.1 is ever connected to.
# shellcheck source=tests/e2e_lib.sh
. "${top_srcdir:-.}/tests/e2e_lib.sh"

# shellcheck source=tests/sshd_lib.sh
. "$top_srcdir/tests/sshd_lib.sh"
sshd_need

bg_pids=""
cleanup() {
	for p in $bg_pids; do kill "$p" 2>/dev/null; done
	e2e_cleanup
	sshd_cleanup
	rm -rf "$E2E_STATE"
	[ -z "${saved_pw:-}" ] || usermod -p "$saved_pw" handout 2>/dev/null
}
trap cleanup EXIT
trap 'cleanup; exit 1' INT TERM HUP

# --- the guest's program, user, keys, server ------------------------------
# A cap on the guest's address space keeps a runaway session (a huge
# window) from taking the machine down with it: 1 GiB, far above what a
# reader needs.
# Permissive on purpose: the drop-in must close all of this for the guest.
SSHD_CAP_KIB=1048576
sshd_prepare "X11Forwarding yes
AllowTcpForwarding yes
AllowAgentForwarding yes
AllowStreamLocalForwarding yes
PermitTunnel yes
PermitUserEnvironment yes
AcceptEnv LANG LC_* LD_PRELOAD TERMINFO PATH" || exit 99
ok "setup-ssh-guest.sh: user, drop-in, key"
sh "$top_srcdir/deploy/setup-ssh-guest.sh" --handout "$T/bin/handout" \
	--conf-dir "$T/sshd_config.d" --sshd-config "$T/sshd_config" \
	--keys-file "$T/authorized_keys" --add-key "$T/client_key.pub" >"$T/setup2.out" 2>&1 &&
	grep -q 'is up to date' "$T/setup2.out" && [ "$(wc -l <"$T/authorized_keys")" -eq 1 ] &&
	ok "setup-ssh-guest.sh again: nothing changed" ||
	bad "setup-ssh-guest.sh is not idempotent: $(cat "$T/setup2.out")"
# A server whose own Match block comes first would win over the drop-in:
# the script must see it (sshd -T), refuse, and leave no drop-in behind.
mkdir "$T/bad.d"
printf 'Match User handout\n\tForceCommand /bin/sh\nMatch all\nInclude %s/bad.d/*.conf\nHostKey %s/host_key\n' \
	"$T" "$T" >"$T/bad_config"
if sh "$top_srcdir/deploy/setup-ssh-guest.sh" --handout "$T/bin/handout" \
	--conf-dir "$T/bad.d" --sshd-config "$T/bad_config" \
	--keys-file "$T/authorized_keys" >"$T/setup-bad.out" 2>&1; then
	bad "setup-ssh-guest.sh accepted a server where another Match block wins"
elif [ -e "$T/bad.d/handout-guest.conf" ]; then
	bad "setup-ssh-guest.sh refused but left its drop-in behind"
else
	ok "setup-ssh-guest.sh refuses when an earlier Match block would win, and removes its drop-in"
fi
entry=$(getent passwd handout)
case $entry in
handout:*:/var/lib/handout:/bin/sh) ok "handout user: $entry" ;;
*) bad "handout user: $entry" ;;
esac
case $(getent shadow handout | cut -d: -f2) in
'!'* | '*'*) ok "handout's password is locked" ;;
*) bad "handout's password is not locked" ;;
esac
[ "$(stat -c %U:%a /var/lib/handout)" = root:755 ] && ok "home is root's, 0755" ||
	bad "home: $(stat -c %U:%a /var/lib/handout)"

sshd_start || exit 1
ok "sshd listens on 127.0.0.1:$port (pid $sshd_pid)"

SSH_CMD="ssh $SSH_OPTS -p $port -o SendEnv=LC_ALL"

# --- reading over ssh -tt --------------------------------------------------
ssh_session 80 24 "exec $SSH_CMD -tt handout@127.0.0.1"
wait_for "section 1/12" "ssh -tt: the kiosk's first screen"
keys Right
wait_for "section 2/12" "reads on"
keys Tab Space
wait_for "Warning signs 1/6" "ticks a sign"
keys q
wait_for "Back at the start." "q: back to the start, not out"
wait_for "section 1/12"
one_handout && ok "one handout on the server" || bad "server handouts: $(server_handouts)"
hp=$(server_handouts | head -n 1)
[ -n "$hp" ] && [ "$(stat -c %U "/proc/$hp")" = handout ] && ok "it runs as handout" ||
	bad "handout runs as $(stat -c %U "/proc/$hp" 2>/dev/null)"
leave
wait_dead 5000 && ok "Enter ~ . ends the client" || bad "the client did not end"
after "ssh -tt, left with ~."

# --- a command, a shell: the kiosk or nothing ------------------------------
out=$(guest_ssh handout@127.0.0.1 id 2>&1)
case $out in
*uid=*) bad "ssh handout@ id ran id: $out" ;;
*"How Does Cancer Spread During Chemotherapy"*) ok "ssh handout@ id: the article, not id" ;;
*) bad "ssh handout@ id: unexpected: $(echo "$out" | head -n 3)" ;;
esac
after "ssh id"
out=$(guest_ssh handout@127.0.0.1 /bin/sh -c "'echo escaped-\$((6*7))'" 2>&1)
case $out in
*escaped-42*) bad "ssh handout@ /bin/sh ran the shell" ;;
*"How Does Cancer Spread During Chemotherapy"*) ok "ssh handout@ /bin/sh -c: the article, no shell" ;;
*) bad "ssh /bin/sh: unexpected: $(echo "$out" | head -n 3)" ;;
esac
after "ssh /bin/sh -c"
ssh_session 80 24 "exec $SSH_CMD -tt handout@127.0.0.1 /bin/sh"
wait_for "section 1/12" "ssh -tt handout@ /bin/sh: the kiosk"
keys 'echo escaped-$((6*7))' Enter
sleep 0.5
screen | grep -q 'escaped-42' && bad "a shell answered" || ok "no shell answers"
leave
wait_dead 5000 || bad "the client did not end"
after "ssh -tt /bin/sh"

# --- file transfer ---------------------------------------------------------
printf 'get /etc/passwd %s/got-sftp\nput %s/article.yaml /tmp/handout-sshd-put\n' "$T" "$T" >"$T/batch"
# shellcheck disable=SC2086
timeout 30 sftp $SSH_OPTS -P "$port" -b "$T/batch" handout@127.0.0.1 >"$T/sftp.out" 2>&1 &&
	bad "sftp succeeded" || ok "sftp fails ($(tail -n 1 "$T/sftp.out"))"
[ ! -e "$T/got-sftp" ] && [ ! -e /tmp/handout-sshd-put ] && ok "sftp copied nothing" ||
	bad "sftp copied a file"
after "sftp"
for proto in -s -O; do
	# shellcheck disable=SC2086
	timeout 30 scp $proto $SSH_OPTS -P "$port" handout@127.0.0.1:/etc/passwd "$T/got-scp" >"$T/scp.out" 2>&1 &&
		bad "scp $proto download succeeded" || ok "scp $proto download fails"
	# shellcheck disable=SC2086
	timeout 30 scp $proto $SSH_OPTS -P "$port" "$T/article.yaml" handout@127.0.0.1:/tmp/handout-sshd-put >"$T/scp.out" 2>&1 &&
		bad "scp $proto upload succeeded" || ok "scp $proto upload fails"
	[ ! -e "$T/got-scp" ] && [ ! -e /tmp/handout-sshd-put ] && ok "scp $proto copied nothing" ||
		bad "scp $proto copied a file"
	after "scp $proto"
done

# --- forwarding, every kind, to a listener of our own ----------------------
# The listener notes every connection it accepts; it is the proof that
# nothing ever reached it through sshd.
perl -MIO::Socket::INET -e '
	$SIG{ALRM} = sub { exit 0 }; alarm 600;
	my $s = IO::Socket::INET->new(LocalAddr => "127.0.0.1", LocalPort => 0,
		Listen => 16, ReuseAddr => 1) or die "listen: $!";
	open my $f, ">", "$ARGV[0].tmp" or die; print $f $s->sockport, "\n"; close $f;
	rename "$ARGV[0].tmp", $ARGV[0];
	while (my $c = $s->accept) {
		open my $h, ">>", $ARGV[1] or die; print $h "hit\n"; close $h; close $c;
	}' "$T/listener.port" "$T/listener.hits" &
bg_pids="$bg_pids $!"
within 5000 test -s "$T/listener.port" || { echo "FAIL: listener did not start"; exit 1; }
lport=$(cat "$T/listener.port")
: >"$T/listener.hits"

# connect PORT [SOCKS]: open a TCP connection to 127.0.0.1:PORT, send a few
# bytes (a SOCKS4 request for the listener with SOCKS), wait for an answer.
# Exit 0 if the connection was accepted.
connect() {
	perl -MIO::Socket::INET -e '
		$SIG{ALRM} = sub { exit 0 }; alarm 5;
		my $c = IO::Socket::INET->new(PeerAddr => "127.0.0.1",
			PeerPort => $ARGV[0], Timeout => 3) or exit 2;
		if ($ARGV[1]) {
			print $c pack("CCnC4", 4, 1, $ARGV[1], 127, 0, 0, 1), "x\0";
		} else {
			print $c "hello\n";
		}
		my $r; sysread($c, $r, 64); exit 0;' "$@"
}
hits() {
	wc -l <"$T/listener.hits"
}
connect "$lport" && [ "$(hits)" -eq 1 ] && ok "control: the listener counts a direct connection" ||
	bad "control: the listener did not see a direct connection"
: >"$T/listener.hits"

# refused N: sshd's log has more than N refused forwards.
refused() {
	[ "$(grep -c 'refused local port forward' "$T/sshd.log")" -gt "$1" ]
}

# fwd_client WHAT LOCALPORT ARGS: an ssh -N client holding a forward open.
fwd_client() {
	what=$1 fport=$2
	shift 2
	before=$(grep -c 'refused local port forward' "$T/sshd.log")
	# shellcheck disable=SC2086
	timeout 60 ssh $SSH_OPTS -o LogLevel=INFO -p "$port" -N "$@" handout@127.0.0.1 \
		>"$T/fwd.out" 2>&1 &
	fwd_pid=$!
	bg_pids="$bg_pids $fwd_pid"
	if within 10000 listening "$fport"; then
		connect "$fport" ${socks:+"$lport"} && ok "$what: the client's end accepted a connection" ||
			bad "$what: could not connect to the client's end"
		within 3000 refused "$before" &&
			ok "$what: sshd refused the channel ($(grep 'refused' "$T/sshd.log" | tail -n 1))" ||
			bad "$what: no refusal in sshd's log: $(tail -n 5 "$T/sshd.log")"
	else
		bad "$what: the client never listened on $fport: $(cat "$T/fwd.out")"
	fi
	kill "$fwd_pid" 2>/dev/null
	wait "$fwd_pid" 2>/dev/null
	[ "$(hits)" -eq 0 ] && ok "$what: the listener saw nothing" ||
		bad "$what: the listener saw $(hits) connection(s)"
	after "$what"
}

fp=$(free_port) || exit 99
socks="" fwd_client "ssh -L" "$fp" -L "$fp:127.0.0.1:$lport"
fp=$(free_port) || exit 99
socks=1 fwd_client "ssh -D" "$fp" -D "127.0.0.1:$fp"

rp=$(free_port) || exit 99
# shellcheck disable=SC2086
timeout 30 ssh $SSH_OPTS -o LogLevel=INFO -o ExitOnForwardFailure=yes -p "$port" -N \
	-R "$rp:127.0.0.1:$lport" handout@127.0.0.1 >"$T/fwd.out" 2>&1
st=$?
[ $st -eq 255 ] && grep -q 'remote port forwarding failed' "$T/fwd.out" &&
	ok "ssh -R: refused (exit $st)" || bad "ssh -R: exit $st: $(cat "$T/fwd.out")"
listening "$rp" && bad "ssh -R: something listens on $rp" || ok "ssh -R: nothing listens on $rp"
connect "$rp" && bad "ssh -R: $rp accepted a connection" || true
[ "$(hits)" -eq 0 ] && ok "ssh -R: the listener saw nothing" || bad "ssh -R: the listener saw $(hits)"
after "ssh -R"

before=$(grep -c 'refused local port forward' "$T/sshd.log")
# shellcheck disable=SC2086
echo hello | timeout 30 ssh $SSH_OPTS -o LogLevel=INFO -p "$port" -W "127.0.0.1:$lport" \
	handout@127.0.0.1 >"$T/fwd.out" 2>&1
st=$?
[ $st -ne 0 ] && grep -q 'stdio forwarding failed' "$T/fwd.out" && refused "$before" &&
	ok "ssh -W: refused (exit $st)" || bad "ssh -W: exit $st: $(cat "$T/fwd.out")"
[ "$(hits)" -eq 0 ] && ok "ssh -W: the listener saw nothing" || bad "ssh -W: the listener saw $(hits)"
after "ssh -W"

# -w asks for a tun device: the client opens its own first, so there is
# something to refuse only where it can (root, /dev/net/tun).
# shellcheck disable=SC2086
timeout 30 ssh $SSH_OPTS -v -o ExitOnForwardFailure=yes -o Tunnel=point-to-point \
	-w any -p "$port" -N handout@127.0.0.1 >"$T/fwd.out" 2>&1
st=$?
if grep -q 'Tunnel device open failed' "$T/fwd.out"; then
	echo "note: ssh -w not tried: this machine's client cannot open a tun device"
elif [ $st -ne 0 ] && grep -q 'Server has rejected tunnel device forwarding' "$T/fwd.out"; then
	ok "ssh -w (tun device): refused (exit $st)"
else
	bad "ssh -w: exit $st: $(grep -i 'tun' "$T/fwd.out" | tail -n 5)"
fi
after "ssh -w"

# --- the environment a client sends ----------------------------------------
ssh_session 80 24 "TERMINFO=$T/terminfo exec $SSH_CMD -tt -o SendEnv=TERMINFO \
-o 'SetEnv=LD_PRELOAD=$T/evil.so PATH=$T/evil LC_NUMERIC=C' handout@127.0.0.1"
wait_for "section 1/12" "SendEnv/SetEnv: the kiosk"
if within 3000 one_handout; then
	envs=$(tr '\0' '\n' <"/proc/$(server_handouts)/environ")
	echo "$envs" | grep -qx 'LC_ALL=C.UTF-8' && echo "$envs" | grep -qx 'LC_NUMERIC=C' &&
		ok "control: LC_ALL (SendEnv) and LC_NUMERIC (SetEnv) reach handout" ||
		bad "LC_ALL/LC_NUMERIC did not reach handout: $envs"
	for v in LD_PRELOAD TERMINFO; do
		echo "$envs" | grep -q "^$v=" && bad "$v reached handout" || ok "$v not honoured"
	done
	echo "$envs" | grep -q "^PATH=$T/evil" && bad "PATH reached handout" || ok "PATH not honoured"
else
	bad "no server-side handout to inspect"
fi
leave
wait_dead 5000 || bad "the client did not end"
after "SendEnv/SetEnv"

# --- the client dropped ----------------------------------------------------
ssh_session 80 24 "exec $SSH_CMD -tt handout@127.0.0.1"
wait_for "section 1/12" "a session to drop"
keys Right
wait_for "section 2/12"
within 3000 one_handout || bad "no server-side handout"
hp=$(server_handouts)
kill -9 "$(pane '#{pane_pid}')"
t0=$(now_ms)
if within 2000 proc_ended "$hp"; then
	ok "kill -9 ssh: the server's handout ended in $(( $(now_ms) - t0 )) ms"
else
	bad "kill -9 ssh: handout $hp still running after 2 s"
fi
after "client killed"

# --- a connection with no session is not held open ----------------------
# The drop-in's UnusedConnectionTimeout, shortened from its 60 s so the test
# need not wait a minute (setup-ssh-guest.sh below writes it back).
sed -i 's/^\([[:space:]]*UnusedConnectionTimeout\) 60$/\1 2/' "$T/sshd_config.d/handout-guest.conf"
if grep -q 'UnusedConnectionTimeout 2$' "$T/sshd_config.d/handout-guest.conf"; then
	kill -HUP "$sshd_pid"
	sleep 0.5
	within 5000 listening "$port" || true
	t0=$(now_ms)
	# shellcheck disable=SC2086
	timeout 20 ssh $SSH_OPTS -o LogLevel=INFO -p "$port" -N handout@127.0.0.1 >"$T/idle.out" 2>&1
	st=$?
	waited=$(( $(now_ms) - t0 ))
	[ $st -eq 255 ] && grep -q 'closed by remote host' "$T/idle.out" && [ $waited -lt 15000 ] &&
		ok "ssh -N: closed by the server after ${waited} ms" ||
		bad "ssh -N: exit $st after $waited ms: $(cat "$T/idle.out")"
	after "ssh -N"
else
	bad "UnusedConnectionTimeout 60 not found in the drop-in"
fi

# --- the public guest: an empty password, and only when asked for ----------
askpass=$T/askpass
printf '#!/bin/sh\necho\n' >"$askpass"
chmod 0755 "$askpass"
# shellcheck disable=SC2086
pw_login() {
	SSH_ASKPASS=$askpass SSH_ASKPASS_REQUIRE=force DISPLAY=:0 \
	timeout 30 ssh -F /dev/null -o UserKnownHostsFile="$T/known_hosts" \
		-o GlobalKnownHostsFile=/dev/null -o StrictHostKeyChecking=yes \
		-o PubkeyAuthentication=no -o PasswordAuthentication=yes \
		-o KbdInteractiveAuthentication=no -o NumberOfPasswordPrompts=1 \
		-o LogLevel=ERROR -p "$port" handout@127.0.0.1 true </dev/null 2>&1
}
out=$(pw_login)
case $out in
*"How Does Cancer Spread"*) bad "an empty password got in before --empty-password" ;;
*) ok "no password login by default" ;;
esac
saved_pw=$(getent shadow handout | cut -d: -f2)
if sh "$top_srcdir/deploy/setup-ssh-guest.sh" --handout "$T/bin/handout" \
	--conf-dir "$T/sshd_config.d" --sshd-config "$T/sshd_config" \
	--keys-file "$T/authorized_keys" --empty-password >"$T/setup3.out" 2>&1; then
	kill -HUP "$sshd_pid"
	within 5000 listening "$port" || true
	sleep 0.5
	out=$(pw_login)
	case $out in
	*"How Does Cancer Spread"*) ok "--empty-password: an empty password gets the kiosk" ;;
	*) bad "--empty-password: no login: $out" ;;
	esac
	after "empty password"
else
	bad "setup-ssh-guest.sh --empty-password: $(cat "$T/setup3.out")"
fi
usermod -p "$saved_pw" handout && saved_pw=""

if [ "$FAILS" -ne 0 ] || [ "$E2E_FAILS" -ne 0 ]; then
	echo "---- sshd log (last 40 lines)"
	tail -n 40 "$T/sshd.log"
	echo "$((FAILS + E2E_FAILS)) failure(s)"
	exit 1
fi
sshd_cleanup
echo "all sshd checks passed"
