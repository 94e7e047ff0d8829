#!/bin/sh
# sshd_window.sh - a window of 10000x10000 cells over SSH.  An SSH client
# chooses the size of the terminal sshd gives handout, so a guest can claim
# any size: from the start of the session, or with a resize in the middle.
# Either way the session must go on: the kiosk answers keys once the window
# is 80x24 again, ends cleanly when the reader leaves with Enter ~ ., and a
# SIGTERM (the supervisor's way to end a kiosk) ends it within 2 s.
# handout's peak memory is printed for the record.
#
# Set up as tests/sshd.sh (tests/sshd_lib.sh): sshd on 127.0.0.1, the
# shipped drop-in, the `handout` user.  The guest's memory is capped at
# 1 GiB (ulimit -v, or ASan's hard_rss_limit_mb in a sanitizer build; see
# tests/sshd_lib.sh), so a session that does not bound its memory fails here
# instead of taking the machine down.
# Needs root; skips otherwise.
# shellcheck source=tests/e2e_lib.sh
. "${top_srcdir:-.}/tests/e2e_lib.sh"

# shellcheck source=tests/sshd_lib.sh
. "$top_srcdir/tests/sshd_lib.sh"
sshd_need

cleanup() {
	e2e_cleanup
	sshd_cleanup
	rm -rf "$E2E_STATE"
}
trap cleanup EXIT
trap 'cleanup; exit 1' INT TERM HUP

SSHD_CAP_KIB=1048576
sshd_prepare || exit 99
sshd_start || exit 1
SSH_CMD="ssh $SSH_OPTS -p $port -o SendEnv=LC_ALL"

# peak PID: handout's peak resident memory so far.
peak() {
	sed -n 's/^VmHWM:[[:space:]]*//p' "/proc/$1/status" 2>/dev/null
}
# settle PID: give a huge redraw a moment; the process must still be there.
settle() {
	within 2000 proc_ended "$1" && return 1
	return 0
}
tty_size() {
	stty -F "$(pane '#{pane_tty}')" rows "$1" cols "$2"
}

# --- huge from the start, then 80x24, then huge again mid-session ---------
ssh_session 80 24 "stty rows 10000 cols 10000 && exec $SSH_CMD -tt handout@127.0.0.1"
if within 10000 one_handout; then
	hp=$(server_handouts)
	settle "$hp" && ok "10000x10000 from the start: handout runs (peak $(peak "$hp"))" ||
		bad "10000x10000 from the start: handout ended"
	tty_size 24 80
	wait_for "section 1/12" "back to 80x24: the kiosk's reader redraws"
	keys Right
	wait_for "section 2/12" "and answers keys"
	tty_size 10000 10000
	settle "$hp" && ok "resized to 10000x10000 mid-session: handout runs (peak $(peak "$hp"))" ||
		bad "resized to 10000x10000 mid-session: handout ended"
	tty_size 24 80
	keys Right
	wait_for "section 3/12" "back to 80x24 again: answers keys"
	echo "peak memory of the session: $(peak "$hp")"
else
	bad "10000x10000: no handout started on the server"
fi
leave
wait_dead 10000 && ok "the session ends with ~." || bad "the client did not end"
after "huge window, left with ~."

# --- huge, and the supervisor's SIGTERM ------------------------------------
ssh_session 80 24 "stty rows 10000 cols 10000 && exec $SSH_CMD -tt handout@127.0.0.1"
if within 10000 one_handout; then
	hp=$(server_handouts)
	settle "$hp" || bad "10000x10000: handout ended by itself"
	kill -TERM "$hp" 2>/dev/null
	t0=$(now_ms)
	if within 2000 proc_ended "$hp"; then
		ok "10000x10000: SIGTERM ends handout in $(( $(now_ms) - t0 )) ms"
	else
		bad "10000x10000: handout still running 2 s after SIGTERM"
	fi
else
	bad "10000x10000: no handout started on the server"
fi
wait_dead 10000 || bad "the client did not end after the server's handout did"
after "huge window, SIGTERM"

sshd_cleanup
if [ "$FAILS" -ne 0 ] || [ "$E2E_FAILS" -ne 0 ]; then
	echo "$((FAILS + E2E_FAILS)) failure(s)"
	exit 1
fi
echo "all huge-window checks passed"
