#!/bin/sh
# torture.sh - signals and faults in a real terminal (tmux):
#  - hang-up: tmux kill-server mid-session (SIGHUP) ends the reader within
#    a second, with the ticks and the place saved; the reader idles
#    without spinning before;
#  - hang-up without SIGHUP: the reader in its own session (setsid: the pty
#    is not its controlling terminal, so no SIGHUP comes when it goes)
#    still stops within two seconds, saves, and does not spin meanwhile;
#  - Ctrl-C, SIGTERM, Ctrl-Z and fg, through an interactive bash: the
#    terminal settings (stty -g) and the main screen come back each time,
#    and fg redraws the reader;
#  - a resize storm (50 resizes, random sizes down to 1x1, then 80x24):
#    still running, the same section and top line as before;
#  - the state folder read-only, full (a small tmpfs, and ulimit -f 0), or
#    a file in its place: one line on stderr, exit 0, the old state byte
#    for byte as it was, no temporary file left.
. "${top_srcdir:-.}/tests/e2e_lib.sh"

need bash bash "Ctrl-C, SIGTERM and Ctrl-Z through a shell"
need setsid util-linux "the hang-up without SIGHUP"
need unshare util-linux "a full state folder"
need getconf libc-bin "CPU use"

REAL_HANDOUT=$HANDOUT
# The program under a name of its own, so proc_named finds this run's and
# nobody else's (the name is what the kernel calls the process).
name=hot$$
HANDOUT=$E2E_STATE/$name
ln -s "$REAL_HANDOUT" "$HANDOUT" || exit 99
HZ=$(getconf CLK_TCK) || exit 99
id=cancer-spread-during-chemotherapy

# find_pid: the pid of this run's handout, waiting for it to exist.
find_pid() {
	end=$(( $(now_ms) + E2E_TIMEOUT * 1000 ))
	while [ "$(now_ms)" -lt "$end" ]; do
		# proc_named leaves out one that ended and waits to be reaped.
		p=$(proc_named "$name" | head -n 1)
		[ -n "$p" ] && { echo "$p"; return 0; }
		sleep 0.05
	done
	return 1
}

# settle: wait until the screen stops changing (two equal looks in a row).
settle() {
	end=$(( $(now_ms) + E2E_TIMEOUT * 1000 ))
	last=
	while [ "$(now_ms)" -lt "$end" ]; do
		cur=$(screen)
		[ -n "$last" ] && [ "$cur" = "$last" ] && return 0
		last=$cur
		sleep 0.15
	done
}

# gone_or_idle PID MS WHAT: PID ends within MS; its CPU use meanwhile is
# reported, and must stay under 10% while it lives.
gone_or_idle() {
	t0=$(proc_cpu_ticks "$1")
	start_ms=$(now_ms)
	if proc_gone "$1" "$2"; then
		ok "$3: the process ended within $(( $(now_ms) - start_ms )) ms"
		return 0
	fi
	t1=$(proc_cpu_ticks "$1")
	fail "$3: still running after $2 ms"
	# No spinning at least: under 10% of a CPU over the wait.
	if [ -n "$t0" ] && [ -n "$t1" ] &&
		[ $(( (t1 - t0) * 1000 * 10 )) -lt $(( HZ * $2 )) ]; then
		echo "   (but idle: $((t1 - t0)) ticks in $2 ms)"
	else
		echo "   (and SPINNING: $((${t1:-0} - ${t0:-0})) ticks in $2 ms)"
	fi
	kill -KILL "$1" 2>/dev/null
	return 1
}

# idle_check PID WHAT: under 10% of a CPU over a second, while waiting for
# keys (getch wakes every 250 ms: that must cost next to nothing).
idle_check() {
	t0=$(proc_cpu_ticks "$1")
	sleep 1
	t1=$(proc_cpu_ticks "$1")
	if [ -n "$t0" ] && [ -n "$t1" ] && [ $(( (t1 - t0) * 10 )) -lt "$HZ" ]; then
		ok "$2: $((t1 - t0)) clock ticks in a second (of $HZ)"
	else
		fail "$2: ${t0:-?} -> ${t1:-?} clock ticks in a second (of $HZ)"
	fi
}

# =====================================================================
# Hang-up with SIGHUP: tmux kill-server in the middle of a session.
start_reader 80 24
state_home=$E2E_STATE/$E2E_SESSIONS
sfile=$state_home/handout/$id.state
wait_for "section 1/12" "hang-up: the reader runs"
pid=$(find_pid) || fail "hang-up: no process named $name"
keys Tab Space
wait_for "Warning signs 1/6" "hang-up: a sign ticked"
keys Tab ']' ']'
wait_for "section 3/12" "hang-up: moved to section 3"
settle
idle_check "$pid" "hang-up: the waiting reader does not spin"
saved=$(cat "$sfile" 2>/dev/null)
keys Space
settle
tm kill-server
gone_or_idle "$pid" 1000 "hang-up (SIGHUP)"
out=$(XDG_STATE_HOME=$state_home "$HANDOUT" --summary "$ARTICLE" 2>&1)
printf '%s\n' "$out" | grep -q '^- New metastases' &&
	ok "hang-up: the next --summary has the tick" ||
	fail "hang-up: the tick was lost: $out"
grep -q '^section science$' "$sfile" && ok "hang-up: the section saved" ||
	fail "hang-up: the section lost: $(cat "$sfile")"
[ "$(cat "$sfile")" != "$saved" ] && ok "hang-up: the place saved on the way out" ||
	fail "hang-up: the place after paging was not saved"
[ "$(ls -A "$state_home/handout" | grep -v "^\.$id\.state\.lock\$")" = "$id.state" ] &&
	ok "hang-up: no temporary file left" ||
	fail "hang-up: files left: $(ls -A "$state_home/handout")"

# =====================================================================
# Hang-up without SIGHUP: the pty vanishes under a reader that has it only
# as its stdin and stdout (setsid: not its controlling terminal, so the
# kernel sends it no SIGHUP, and tmux signals only the pane's own group).
E2E_SESSIONS=$((E2E_SESSIONS + 1))
state_home=$E2E_STATE/$E2E_SESSIONS
sfile=$state_home/handout/$id.state
start 80 24 "setsid -w env TERM=screen LC_ALL=C.UTF-8 XDG_STATE_HOME='$state_home' '$HANDOUT' '$ARTICLE'; exec sleep 60"
wait_for "section 1/12" "silent hang-up: the reader runs in its own session"
pid=$(find_pid) || fail "silent hang-up: no process named $name"
# tty_nr 0: no controlling terminal.
tty_nr=$(proc_field "$pid" 5)
[ "$tty_nr" = 0 ] && ok "silent hang-up: no controlling terminal" ||
	fail "silent hang-up: controlling terminal '${tty_nr:-unreadable}'"
keys Tab Space
wait_for "Warning signs 1/6" "silent hang-up: a sign ticked"
keys Tab Space
settle
saved=$(cat "$sfile" 2>/dev/null)
tm kill-server
gone_or_idle "$pid" 2000 "silent hang-up (no SIGHUP)"
grep -q '^checked new-metastases$' "$sfile" && ok "silent hang-up: the tick saved" ||
	fail "silent hang-up: the tick lost"
[ "$(cat "$sfile")" != "$saved" ] && ok "silent hang-up: the place saved on the way out" ||
	fail "silent hang-up: the place after paging was not saved"

# =====================================================================
# Ctrl-C, SIGTERM, Ctrl-Z and fg, with an interactive bash as the witness.
{
	# In a scratch folder: keys meant for the shell that reach a reader
	# by mistake (S saves a summary) must not write into the build tree.
	start 80 24 "cd '$E2E_STATE' && exec env HISTFILE= PS1='READY\$ ' TERM=screen bash --norc --noprofile -i"
	wait_for 'READY$' "bash: the prompt"
	run_it="env TERM=screen LC_ALL=C.UTF-8 '$HANDOUT' --no-state '$ARTICLE'"
	keys -l 's=$(stty -g); clear'
	keys Enter
	# same TAG: the terminal settings are those saved before.
	same() {
		keys -l "[ \"\$s\" = \"\$(stty -g)\" ] && echo SAME-$1 || echo DIFFERENT-$1"
		keys Enter
		wait_for "SAME-$1" "$1: stty -g the same as before"
		check_restored "$1"
		keys -l clear
		keys Enter
		wait_gone "SAME-$1"
	}

	keys -l "$run_it; echo \"END-INT=\$?\""
	keys Enter
	wait_for "section 1/12" "Ctrl-C: the reader runs"
	keys C-c
	wait_for "END-INT=130" "Ctrl-C: exit status 130"
	same Ctrl-C

	keys -l "$run_it; echo \"END-TERM=\$?\""
	keys Enter
	wait_for "section 1/12" "SIGTERM: the reader runs"
	if pid=$(find_pid); then kill -TERM "$pid"; else fail "SIGTERM: no process named $name"; fi
	wait_for "END-TERM=143" "SIGTERM: exit status 143"
	same SIGTERM

	keys -l "$run_it"
	keys Enter
	wait_for "section 1/12" "Ctrl-Z: the reader runs"
	keys ']'
	wait_for "section 2/12" "Ctrl-Z: section 2"
	keys C-z
	wait_for "Stopped" "Ctrl-Z: the job is stopped"
	wait_for 'READY$' "Ctrl-Z: the prompt is back"
	pid=$(find_pid) || fail "Ctrl-Z: no process named $name"
	case $(proc_state "$pid") in
	T*) ok "Ctrl-Z: the process is stopped" ;;
	*) fail "Ctrl-Z: process state '$(proc_state "$pid")'" ;;
	esac
	same Ctrl-Z
	keys -l "fg; echo \"END-FG=\$?\""
	keys Enter
	wait_for "section 2/12" "fg: the reader redraws where it was"
	[ "$(pane '#{alternate_on}')" = 1 ] && ok "fg: on the alternate screen again" ||
		fail "fg: not on the alternate screen"
	keys ']'
	wait_for "section 3/12" "fg: keys work again"
	keys q
	wait_for "END-FG=0" "fg: q exits 0"
	same fg
}

# =====================================================================
# A resize storm: 50 resizes, random sizes from 1x1 to 200x60 (1x1 among
# them), the last 80x24.
start_reader 80 24 -- --no-state
wait_for "section 1/12" "storm: the reader runs"
pid=$(find_pid) || fail "storm: no process named $name"
i=0
while [ $i -lt 12 ] && ! screen | grep -qF "section 5/12"; do
	keys ']'
	sleep 0.1
	i=$((i + 1))
done
wait_for "section 5/12" "storm: at section 5"
keys NPage
settle
keys NPage
settle
topline=$(screen | sed -n 2p | cut -c1-50 | sed 's/ *$//')
[ -n "$topline" ] || fail "storm: an empty top line"
seed=$(( $(now_ms) % 100000 ))
awk -v seed="$seed" 'BEGIN {
	srand(seed)
	for (i = 1; i < 50; i++)
		if (i == 25) print 1, 1
		else print 1 + int(rand() * 200), 1 + int(rand() * 60)
	print 80, 24
}' >"$E2E_STATE/sizes"
t0=$(now_ms)
while read -r x y; do
	tm resize-window -t e2e -x "$x" -y "$y"
done <"$E2E_STATE/sizes"
echo "   (50 resizes in $(( $(now_ms) - t0 )) ms, seed $seed)"
[ "$(pane '#{window_width}x#{window_height}')" = 80x24 ] || fail "storm: not back at 80x24"
wait_for "section 5/12" "storm: the same section after the storm"
wait_for "$topline" "storm: the same top line ('$topline')"
[ "$(screen | sed -n 2p | cut -c1-50 | sed 's/ *$//')" = "$topline" ] &&
	ok "storm: and on the top row" ||
	fail "storm: the top row is '$(screen | sed -n 2p)'"
[ "$(pane '#{pane_dead}')" = 0 ] && kill -0 "$pid" 2>/dev/null &&
	ok "storm: the same process still runs" || fail "storm: the reader died"
keys q
wait_dead 2000 && ok "storm: q exits" || fail "storm: q did not end it"

# =====================================================================
# State-folder faults, in the line mode (stdin a pipe: deterministic).
fdir=$E2E_STATE/faults
mkdir "$fdir"

# seed_state HOME: a normal run writes a state with one tick; its copy
# goes to $fdir/prev.
seed_state() {
	rm -rf "$1"
	printf 'x 1\nq\n' | XDG_STATE_HOME=$1 "$HANDOUT" --accessible "$ARTICLE" >/dev/null 2>&1
	cp "$1/handout/$id.state" "$fdir/prev" 2>/dev/null &&
		grep -q '^checked new-metastases$' "$fdir/prev" ||
		fail "faults: the first run saved no state in $1"
}

# judge WHAT STATUS ERRFILE STATEFILE [LISTING]: exit 0, one line on
# stderr saying the save failed, STATEFILE byte for byte the saved one, no
# temporary file beside it (or in LISTING, the folder's ls -A when it was
# in a mount namespace of its own).
judge() {
	[ "$2" = 0 ] && ok "$1: exit 0" || fail "$1: exit status $2"
	lines=$(wc -l <"$3")
	if [ "$lines" -eq 1 ] && grep -q '^handout: .*cannot save' "$3"; then
		ok "$1: one line on stderr: $(cat "$3")"
	else
		fail "$1: stderr ($lines lines): $(cat "$3")"
	fi
	cmp -s "$fdir/prev" "$4" && ok "$1: the old state intact" ||
		fail "$1: the old state changed: $(cat "$4" 2>&1)"
	if [ -n "${5:-}" ]; then
		left=$(cat "$5")
	else
		left=$(ls -A "$(dirname "$4")")
	fi
	left=$(printf '%s\n' "$left" | grep -v "^$id.state\$" | grep -v '^fill$' |
		grep -v "^\.$id\.state\.lock\$")
	[ -z "$left" ] && ok "$1: no temporary file left" || fail "$1: left behind: $left"
}

# toggle HOME: tick sign 2 in the line mode, on HOME's state; stdout to
# nowhere, stderr into $fdir/err, the exit status into $fdir/status.
toggle_cmd='printf "x 2\nq\n" | XDG_STATE_HOME="$1" "$2" --accessible "$ARTICLE" >/dev/null 2>"$3"; echo $? >"$4"'

# in_mount_ns SCRIPT ARGS...: sh -c SCRIPT in a mount namespace of its own.
# In a chroot "/" is not a mount point, so unshare cannot make the mounts
# private: there the namespace keeps the host's propagation, and SCRIPT
# must unmount what it mounted (an unmount propagates like a mount).
in_mount_ns() {
	if unshare -m true 2>/dev/null; then
		unshare -m sh -c "$@"
	else
		unshare -m --propagation unchanged sh -c "$@"
	fi
}

# (a) read-only: the state folder belongs to the user, who may not write
# it.  root ignores permission bits, so as root the run is made without the
# capabilities that let it (setpriv drops them from the bounding set).
home=$fdir/ro
seed_state "$home"
as_owner=""
if [ "$(id -u)" = 0 ]; then
	need setpriv util-linux "a read-only state folder, as root"
	as_owner="setpriv --bounding-set -dac_override,-dac_read_search,-fowner"
fi
chmod 0500 "$home/handout"
$as_owner sh -c "$toggle_cmd" sh "$home" "$HANDOUT" "$fdir/err" "$fdir/status"
chmod 0700 "$home/handout"
judge "read-only folder" "$(cat "$fdir/status")" "$fdir/err" "$home/handout/$id.state"

# (b) full: a 16 KiB tmpfs filled up after the first save.
home=$fdir/full
mkdir "$home"
rm -f "$fdir/status"
in_mount_ns 'mount -t tmpfs -o size=16k,mode=0700 tmpfs "$1" || exit 99
	printf "x 1\nq\n" | XDG_STATE_HOME="$1" "$2" --accessible "$ARTICLE" >/dev/null 2>&1
	cp "$1/handout/'"$id"'.state" "$5/prev" || { umount "$1"; exit 99; }
	cat /dev/zero >"$1/handout/fill" 2>/dev/null
	'"$toggle_cmd"'
	cp "$1/handout/'"$id"'.state" "$5/after"
	ls -A "$1/handout" >"$5/listing"
	umount "$1"' \
	sh "$home" "$HANDOUT" "$fdir/err" "$fdir/status" "$fdir"
if [ -f "$fdir/status" ]; then
	judge "full disk (tmpfs)" "$(cat "$fdir/status")" "$fdir/err" \
		"$fdir/after" "$fdir/listing"
else
	not_run "full disk: no tmpfs could be mounted in a mount namespace here"
fi

# (b') over the file size limit: ulimit -f 0.  Output through pipes, which
# the limit does not cover; a SIGXFSZ must not kill handout mid-save.
home=$fdir/fsize
seed_state "$home"
( printf 'x 2\nq\n' | XDG_STATE_HOME=$home sh -c 'ulimit -f 0; exec "$0" --accessible "$ARTICLE"' \
	"$HANDOUT" 2>&1 >/dev/null; echo "status=$?" ) | cat >"$fdir/both"
grep -v '^status=' "$fdir/both" >"$fdir/err"
judge "ulimit -f 0" "$(sed -n 's/^status=//p' "$fdir/both")" "$fdir/err" \
	"$home/handout/$id.state"

# (c) a file where the state folder should be; the old folder moved aside.
home=$fdir/file
seed_state "$home"
mv "$home/handout" "$home/moved"
printf 'in the way\n' >"$home/handout"
cp "$home/handout" "$fdir/blocker"
sh -c "$toggle_cmd" sh "$home" "$HANDOUT" "$fdir/err" "$fdir/status"
judge "a file in the folder's place" "$(cat "$fdir/status")" "$fdir/err" "$home/moved/$id.state"
cmp -s "$fdir/blocker" "$home/handout" && ok "a file in the folder's place: that file untouched" ||
	fail "a file in the folder's place: the file changed"

e2e_finish "all torture checks passed"
