#!/bin/sh
# kiosk_line.sh - the kiosk when its terminal cannot do full screen and it
# runs the line mode (TERM=dumb, as an unknown TERM would, and
# --accessible),
# started from an interactive shell in a real terminal (tmux): Ctrl-C,
# Ctrl-\, Ctrl-Z and Ctrl-D are keys that lead nowhere, SIGINT, SIGQUIT,
# SIGTSTP, SIGUSR1, SIGUSR2, SIGALRM and SIGPIPE end or stop nothing, no
# file appears (a core file included), the idle reset forgets the last
# reader, and SIGTERM ends it with the terminal's settings put back.
. "${top_srcdir:-.}/tests/e2e_lib.sh"
need bash bash "the kiosk started from an interactive shell"

K=$(mktemp -d "${TMPDIR:-/tmp}/handout-kline.XXXXXX") || exit 99
trap 'e2e_cleanup; rm -rf "$E2E_STATE" "$K"' EXIT
trap 'e2e_cleanup; rm -rf "$E2E_STATE" "$K"; exit 1' INT TERM HUP
mkdir "$K/home" "$K/state" "$K/cwd" || exit 99

# child_of PID: the first process whose parent is PID; fails when there is
# none within three seconds or the process table cannot be read.
child_of() {
	end=$(( $(now_ms) + 3000 ))
	while [ "$(now_ms)" -lt "$end" ]; do
		kids=$(proc_children "$1") || return 1
		[ -n "$kids" ] && { printf '%s\n' "$kids" | head -n 1; return 0; }
		sleep 0.05
	done
	return 1
}

# wait_line TEXT WHAT: a screen line that is exactly TEXT shows.
wait_line() {
	end=$(( $(now_ms) + E2E_TIMEOUT * 1000 ))
	while [ "$(now_ms)" -lt "$end" ]; do
		screen | grep -qx -- "$1" && { ok "$2"; return 0; }
		sleep 0.05
	done
	fail "$2: no line '$1'"
	return 1
}

# wait_pid_gone PID: the process has ended (a core, if any, is written by
# then), within three seconds.
wait_pid_gone() {
	end=$(( $(now_ms) + 3000 ))
	while kill -0 "$1" 2>/dev/null; do
		[ "$(now_ms)" -lt "$end" ] || return 1
		sleep 0.05
	done
}

# alive WHAT: handout runs, neither stopped nor gone nor a zombie.
alive() {
	proc_running "$hpid"
	case $? in
	0) ok "$1: handout still runs" ;;
	1) fail "$1: handout is stopped or gone (state $(proc_state "$hpid"))" ;;
	*) fail "$1: cannot read the state of handout ($hpid) in $PROC" ;;
	esac
}

# nothing_written WHAT: no file in the home, state or current folder.
nothing_written() {
	found=$(find "$K/home" "$K/state" "$K/cwd" -mindepth 1 2>/dev/null)
	[ -z "$found" ] && ok "$1: no file written" || fail "$1: found $found"
}

# An interactive shell with job control, as a kiosk set up by hand has.
start 80 24 "cd '$K/cwd' && exec env -i PATH='$PATH' HOME='$K/home' TERM=screen PS1='sh$ ' bash --norc --noprofile -i"
wait_for 'sh$' "an interactive shell"
shpid=$(pane '#{pane_pid}')
keys "env HOME='$K/home' XDG_STATE_HOME='$K/state' TERM=dumb LC_ALL=C.UTF-8 '$HANDOUT' --kiosk --idle-reset 3 '$ARTICLE'; echo \"exit=\$?\"; stty -a | tr ' ' '\\n' | grep -x -- '-*isig'" Enter
wait_for "Type n to start, h for help" "--kiosk on TERM=dumb: the line mode"
if hpid=$(child_of "$shpid"); then
	ok "found handout, pid $hpid"
else
	fail "cannot read the shell's child process in $PROC"
	echo "$E2E_FAILS failure(s)"
	exit 1
fi

# Core dumps are off: the limit, and below, a fault that would dump.
if limits=$(cat "$PROC/$hpid/limits" 2>/dev/null); then
	printf '%s\n' "$limits" | grep -Eq '^Max core file size +0 +0 ' &&
		ok "core file size limit 0" ||
		fail "core limit: $(printf '%s\n' "$limits" | grep -i core)"
else
	fail "cannot read $PROC/$hpid/limits"
fi

# --- the keys ----------------------------------------------------------
keys C-c Enter
wait_for 'Unknown command' "Ctrl-C is a character, not a signal"
alive "after Ctrl-C"
keys 'C-\' Enter
alive "after Ctrl-\\"
keys C-z
sleep 0.3
alive "after Ctrl-Z"
screen | grep -q 'Stopped' && fail "Ctrl-Z: the shell says handout stopped" ||
	ok "Ctrl-Z: the shell did not take over"
keys Enter
keys 3 Enter w Enter
wait_for "questions expanded" "the kiosk still answers" &&
wait_for "Section 3 of 12" "at the section asked for"
keys C-d
wait_for "Back at the start." "Ctrl-D goes back to the start"
alive "after Ctrl-D"
keys C-d C-d C-d
sleep 0.3
alive "after three more Ctrl-D"

# --- the signals ---------------------------------------------------------
for sig in INT QUIT TSTP USR1 USR2 ALRM PIPE TTIN TTOU; do
	kill -s "$sig" "$hpid" 2>/dev/null || fail "kill -$sig failed"
done
sleep 0.3
alive "after SIGINT, SIGQUIT, SIGTSTP, SIGUSR1, SIGUSR2, SIGALRM, SIGPIPE, SIGTTIN, SIGTTOU"
keys w Enter
wait_for "0 of 6 warning signs checked." "and answers after them"
nothing_written "after the keys and signals"

# --- the idle reset --------------------------------------------------------
keys x 2 Enter
wait_for "Checked 2: Existing tumors growing." "a sign ticked"
keys "half typed"
last=$(now_ms)
E2E_TIMEOUT=8
wait_for "New reader. Everything the last reader did here has been forgotten." \
	"the idle reset prints a new-reader separator"
E2E_TIMEOUT=5
waited=$(( $(now_ms) - last ))
[ "$waited" -ge 2500 ] && ok "not before the 3 seconds ($waited ms)" ||
	fail "reset after $waited ms, before 3 s"
keys c Enter
wait_for "6 warning signs, none checked." "the reset cleared the tick"
screen | grep -q 'Unknown command "half typed' &&
	fail "the half-typed line survived the reset" ||
	ok "the half-typed line went with the reset"
keys r Enter
wait_for "6 warning signs, none checked." "repeat says this reader's answer"
alive "after the idle reset"

# --- SIGTERM: ends it, and the terminal is as it was ---------------------
kill -TERM "$hpid"
wait_line "exit=143" "SIGTERM ends the kiosk (143)"
wait_line "isig" "the terminal's signal keys are back (stty: isig)"
nothing_written "--kiosk in the line mode"

# --- --kiosk --accessible on a terminal that could do full screen --------
keys "clear" Enter
keys "env HOME='$K/home' XDG_STATE_HOME='$K/state' TERM=screen LC_ALL=C.UTF-8 '$HANDOUT' --kiosk --accessible '$ARTICLE'; echo \"exit=\$?\"" Enter
wait_for "Type n to start, h for help" "--kiosk --accessible: the line mode"
hpid=$(child_of "$shpid") || fail "cannot read the shell's child process in $PROC"
keys C-c Enter
wait_for 'Unknown command' "--accessible: Ctrl-C is a character"
keys C-z Enter 'C-\' Enter
sleep 0.3
alive "--accessible: after Ctrl-C, Ctrl-Z, Ctrl-\\"
keys C-d
wait_for "Back at the start." "--accessible: Ctrl-D goes back to the start"
alive "--accessible: after Ctrl-D"
kill -HUP "$hpid"
wait_line "exit=129" "--accessible: SIGHUP ends it (129)"

# --- no core file, even from a fault that would write one --------------
# The control: without --kiosk and with core dumps allowed, SIGSEGV in
# this folder writes a core file here - where the system's core_pattern
# puts core files in the current folder, as Debian's default does.
keys "ulimit -c unlimited; rm -f core core.*; env HOME='$K/home' XDG_STATE_HOME='$K/state' TERM=dumb '$HANDOUT' --no-state '$ARTICLE'" Enter
wait_for "Section 1 of 12" "the control: line mode without --kiosk"
cpid=$(child_of "$shpid") && kill -SEGV "$cpid" && wait_pid_gone "$cpid"
control=$(ls "$K/cwd" | grep '^core' | head -n 1)
rm -f "$K/cwd"/core*
if [ -n "$control" ]; then
	keys "clear" Enter
	keys "env HOME='$K/home' XDG_STATE_HOME='$K/state' TERM=dumb '$HANDOUT' --kiosk '$ARTICLE'" Enter
	wait_for "Type n to start, h for help" "the kiosk again, core dumps allowed by the shell"
	if kpid=$(child_of "$shpid"); then
		kill -SEGV "$kpid"
		wait_pid_gone "$kpid" || fail "the kiosk did not end on SIGSEGV"
		nothing_written "a kiosk killed by SIGSEGV: no core file"
	else
		fail "cannot read the shell's child process in $PROC"
	fi
else
	# The system sends core files elsewhere (a pipe to a crash
	# collector, a sanitizer's handler): none can appear here, with or
	# without the kiosk, and the core limit above is what stands.
	echo "NOTE: no core file from the control here (core_pattern: $(cat /proc/sys/kernel/core_pattern 2>/dev/null)): the fault case is not shown"
fi

e2e_finish "all line-mode kiosk checks passed"
