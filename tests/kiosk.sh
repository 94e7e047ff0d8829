#!/bin/sh
# kiosk.sh - --kiosk as a waiting room's terminal meets it, in a real
# terminal (tmux): a stranger pressing every key that might lead out (q, Q,
# Ctrl-Z, Ctrl-\, Ctrl-C, !, |, v, S, escape sequences) gets nowhere, no
# file is written anywhere, no program is started whatever $SHELL, $EDITOR,
# $PAGER or $BROWSER say, and $TERMINFO is not read; after --idle-reset the
# next person finds nothing of the last (scrollback included); SIGTERM from
# the supervisor ends it at once with the terminal restored.
. "${top_srcdir:-.}/tests/e2e_lib.sh"

K=$(mktemp -d "${TMPDIR:-/tmp}/handout-kiosk.XXXXXX") || exit 99
trap 'e2e_cleanup; rm -rf "$E2E_STATE" "$K"' EXIT
trap 'e2e_cleanup; rm -rf "$E2E_STATE" "$K"; exit 1' INT TERM HUP
mkdir "$K/home" "$K/state" "$K/cwd" "$K/bin" "$K/terminfo" || exit 99

# Programs a way out would start: each leaves a mark if it ever runs.
for p in shell editor visual pager browser; do
	printf '#!/bin/sh\n: >"%s/ran-%s"\n' "$K" "$p" >"$K/bin/$p"
	chmod +x "$K/bin/$p"
done
# A terminal description of our own for TERM=screen, without cursor
# addressing: read, it would turn the reader into the line mode.
need tic ncurses-bin "the kiosk ignoring \$TERMINFO"
printf 'screen|not the real screen,\n\tam, cols#80, lines#24,\n' >"$K/bogus.src"
tic -o "$K/terminfo" "$K/bogus.src" 2>/dev/null || rm -rf "$K/terminfo"/*
have_bogus=$(find "$K/terminfo" -type f | head -n 1)
[ -n "$have_bogus" ] || not_run "tic could not compile a test terminal: \$TERMINFO is not proven ignored"

# kiosk_env TERM: the environment a hostile kiosk account could have.
kiosk_env() {
	echo "HOME='$K/home' XDG_STATE_HOME='$K/state' TERM=$1 LC_ALL=C.UTF-8" \
	     "SHELL='$K/bin/shell' EDITOR='$K/bin/editor' VISUAL='$K/bin/visual'" \
	     "PAGER='$K/bin/pager' BROWSER='$K/bin/browser' TERMINFO='$K/terminfo'"
}

# run_kiosk TERM ARGS...: handout in the empty folder, in that environment.
run_kiosk() {
	t=$1
	shift
	start 80 24 "cd '$K/cwd' && exec env -u NO_COLOR -u TERMINFO_DIRS $(kiosk_env "$t") '$HANDOUT' $* '$ARTICLE'"
}

# Nothing written in the home, state or current folder; no marker.
nothing_written() {
	found=$(find "$K/home" "$K/state" "$K/cwd" -mindepth 1 2>/dev/null; ls "$K"/ran-* 2>/dev/null)
	if [ -z "$found" ]; then
		ok "$1: no file written, no program started"
	else
		fail "$1: found $found"
	fi
}

# alive WHAT: the program still runs, is not stopped, and started nothing.
alive() {
	pid=$(pane '#{pane_pid}')
	if [ "$(pane '#{pane_dead}')" != 0 ]; then
		fail "$1: handout ended"
		return
	fi
	proc_running "$pid"
	case $? in
	0) ok "$1: still running, not suspended" ;;
	1) fail "$1: handout is stopped or gone (state $(proc_state "$pid"))" ;;
	*) fail "$1: cannot read the state of process $pid" ;;
	esac
	if kids=$(proc_children "$pid"); then
		[ -z "$kids" ] && ok "$1: no child process" ||
			fail "$1: child processes $kids"
	else
		fail "$1: cannot read the process table"
	fi
}

# --- the control: outside kiosk mode the bogus TERMINFO is read ----------
if [ -n "$have_bogus" ]; then
	run_kiosk screen --no-state
	wait_for "using line mode" "control: without --kiosk, \$TERMINFO is read"
	keys q Enter
	wait_dead 2000 || fail "control: line mode did not end"
fi

# --- a stranger at the keyboard ------------------------------------------
run_kiosk screen --kiosk
wait_for "section 1/12" "--kiosk: the reader, though \$TERMINFO names a bogus screen"
keys Right Right
wait_for "section 3/12"
keys q
wait_for "section 1/12" "q goes back to the first section"
wait_for "Back at the start." "q says so"
keys Right Q
wait_for "section 1/12" "Q goes back too"
keys Right
wait_for "section 2/12"
keys C-z
wait_for "Ctrl-Z does nothing here" "Ctrl-Z is a key that does nothing"
keys 'C-\'
wait_for 'Ctrl-\ does nothing here' "Ctrl-\\ is a key that does nothing"
keys C-c
wait_for "Ctrl-C does nothing here" "Ctrl-C is a key that does nothing"
keys C-s
wait_for "Ctrl-S does nothing here" "Ctrl-S does not freeze the screen"
alive "after Ctrl-Z, Ctrl-\\, Ctrl-C, Ctrl-S"
keys '!' '|' v
wait_for "v does nothing here"
keys s
wait_for "Summary for your care team" "s: the summary stays reachable"
keys S
wait_for "Saving is turned off on this terminal." "S refuses to save"
# Escape sequences a terminal or a paste could bring: bracketed paste
# holding a shell command, a clipboard write, a title, a status query.
keys -l "$(printf '\033[200~sh -c id\033[201~')"
keys -l "$(printf '\033]52;c;aWQK\007\033]0;owned\007\033[6n\033P+q6b64\033\\')"
keys Escape Escape Escape Escape
keys q q q
wait_for "section 1/12" "after escape sequences, q leads back to the start"
keys Right
wait_for "section 2/12" "and the reader still answers keys"
alive "after the escape sequences"
nothing_written "--kiosk"

kill -TERM "$(pane '#{pane_pid}')"
if wait_dead 1000; then
	ok "SIGTERM ends a kiosk within a second"
	[ "$E2E_STATUS" = 143 ] || [ "$E2E_STATUS" = unknown ] \
		&& ok "exit status after SIGTERM: $E2E_STATUS" \
		|| fail "exit status after SIGTERM: $E2E_STATUS, want 143"
else
	fail "SIGTERM did not end the kiosk"
fi
[ "$(pane '#{alternate_on}')" = 0 ] && ok "SIGTERM restores the screen" \
	|| fail "SIGTERM left the alternate screen on"

# --- the next person finds nothing of the last ---------------------------
# tmux-256color offers E3, so the scrollback can be cleared; the lines
# printed first stand for what the terminal showed before.
IDLE=3
start 80 24 "cd '$K/cwd' && seq 1 100 && exec env -u NO_COLOR $(kiosk_env tmux-256color) '$HANDOUT' --kiosk --idle-reset $IDLE '$ARTICLE'"
wait_for "section 1/12" "--kiosk --idle-reset $IDLE"
keys Tab Space Tab
wait_for "Warning signs 1/6" "a sign ticked"
keys / factors Space play Enter
wait_for "[-] How often does cancer spread during chemo" "a search opened an answer"
# Timed from before the last key, so a slow screen poll cannot make a
# correct reset look early.
last_key=$(now_ms)
keys t Home Down Down Down Down Enter
wait_for "section 5/12" "moved to section 5"
[ "$(pane '#{history_size}')" -gt 0 ] && ok "scrollback before the reset" \
	|| fail "no scrollback to clear (history $(pane '#{history_size}'))"
E2E_TIMEOUT=$((IDLE + 4))
wait_for "section 1/12" "idle: back at the first section"
waited=$(( $(now_ms) - last_key ))
[ "$waited" -ge $((IDLE * 1000)) ] && ok "not before ${IDLE}s ($waited ms)" \
	|| fail "reset after $waited ms, before the ${IDLE}s asked for"
E2E_TIMEOUT=5
wait_for "Warning signs 0/6" "idle: the checklist cleared"
[ "$(pane '#{history_size}')" = 0 ] && ok "idle: scrollback cleared (E3)" \
	|| fail "idle: scrollback kept ($(pane '#{history_size}') lines)"
keys n
wait_for "No search yet" "idle: the search forgotten"
keys t End Up Enter
wait_for "section 11/12"
wait_for "[+] How often does cancer spread during chemo" "idle: the answer closed"
alive "after the idle reset"
nothing_written "--kiosk --idle-reset"
kill -TERM "$(pane '#{pane_pid}')"
wait_dead 1000 && ok "SIGTERM ends it" || fail "SIGTERM did not end it"

# --- the line mode in a kiosk: q goes back, end of input ends it ---------
out=$(cd "$K/cwd" && printf '3\nq\nsave\nw\n' |
	HOME="$K/home" XDG_STATE_HOME="$K/state" TERM=dumb SHELL="$K/bin/shell" \
	EDITOR="$K/bin/editor" VISUAL="$K/bin/visual" PAGER="$K/bin/pager" \
	BROWSER="$K/bin/browser" TERMINFO="$K/terminfo" \
	"$HANDOUT" --kiosk --accessible "$ARTICLE" 2>&1)
status=$?
case $out in
*"Back at the start."*) ok "line mode: q goes back to the start" ;;
*) fail "line mode: q did not go back: $out" ;;
esac
case $out in
*"Saving is turned off on this terminal."*) ok "line mode: save refuses" ;;
*) fail "line mode: save did not refuse" ;;
esac
[ "$status" = 0 ] && ok "line mode: end of input ends it (0)" \
	|| fail "line mode: status $status"
nothing_written "--kiosk --accessible"

e2e_finish "all kiosk checks passed"
