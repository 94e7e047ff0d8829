#!/bin/sh
# e2e_reader.sh - the full-screen reader in a real terminal (tmux): paging,
# sections, FAQ panes, the checklist, contents, search, help, resize down
# to 1x1 and back, the hardware cursor, NO_COLOR, ASCII, vt100, mouse, and
# every way out (q, Ctrl-C, SIGTERM, hang-up) restoring the terminal.
. "${top_srcdir:-.}/tests/e2e_lib.sh"

# press KEY until TEXT shows, at most MAX times.
press_until() {
	i=0
	while [ $i -lt "$3" ]; do
		screen | grep -qF -- "$2" && { ok "reached '$2'"; return 0; }
		keys "$1"
		i=$((i + 1))
		sleep 0.1
	done
	wait_for "$2"
}

# click X Y: a press and release of the first button at column X, row Y
# (0-based), in the X10 encoding TERM=screen's kmous asks for.
click() {
	cx=$(printf '%03o' $(($1 + 33)))
	cy=$(printf '%03o' $(($2 + 33)))
	keys -l "$(printf "\\033[M \\$cx\\$cy\\033[M#\\$cx\\$cy")"
}

cursor_on() {   # cursor_on TEXT WHAT: the hardware cursor is on TEXT's row
	want=$(row_of "$1")
	got=$(pane '#{cursor_y}')
	if [ -n "$want" ] && [ "$want" = "$got" ]; then
		ok "cursor on $2 (row $got)"
	else
		fail "cursor on $2: cursor row $got, text row ${want:-none}"
	fi
}

# --- open, page, sections ----------------------------------------------
start_reader 80 24
wait_for "section 1/12" "title bar shows section 1/12"
wait_for "Warning signs 0/6" "side pane with its count"
wait_for "general education" "disclaimer on the first page"
[ "$(pane '#{cursor_y},#{cursor_x}')" = "1,0" ] && ok "cursor at the body's top-left" \
	|| fail "cursor at the body's top-left: $(pane '#{cursor_y},#{cursor_x}')"
keys Space
press_until NPage "section 2/12" 12
keys Right
wait_for "section 3/12" "Right: next section"
keys Left
wait_for "section 2/12" "Left: previous section"

# --- contents jump, FAQ panes, cursor -----------------------------------
keys t
wait_for "Contents" "t opens the contents"
keys End Up
sleep 0.2
cursor_on "Frequently Asked Questions" "the chosen contents entry"
keys Enter
wait_for "section 11/12" "contents jump to the FAQ"
wait_for "[+] Can cancer spread while on chemotherapy?" "questions start collapsed"
keys Down
sleep 0.2
cursor_on "Can cancer spread while on chemotherapy?" "the focused question"
keys Enter
wait_for "[-] Can cancer spread while on chemotherapy?" "Enter expands"
wait_for "complexities of" "the answer shows"
keys Enter
wait_for "[+] Can cancer spread while on chemotherapy?" "Enter collapses"
wait_gone "complexities of" "the answer hides"

# --- checklist in the side pane -----------------------------------------
keys Tab Space
wait_for "Warning signs 1/6" "Tab + Space ticks an item; count changes"
wait_for "[x] New metastases" "ticked item drawn [x]"
cursor_on "[x] New metastases" "the focused checklist item"
keys Tab

# --- search, across sections, into a closed answer ----------------------
keys t Home Enter
wait_for "section 1/12" "back to section 1 through the contents"
keys / factors Space play Enter
wait_for "section 11/12" "search goes to the section with the match"
wait_for "[-] How often does cancer spread during chemo" "search opens the answer"
wait_for "factors play" "the match is visible"
# The hardware cursor is on the match, where a screen reader or magnifier
# that follows it finds what was searched for.
sleep 0.2
mrow=$(row_of "factors play")
mline=$(screen | sed -n "$((mrow + 1))p")
mcol=$(printf '%s' "${mline%%factors play*}" | wc -L)
[ "$(pane '#{cursor_y},#{cursor_x}')" = "$mrow,$mcol" ] && ok "cursor on the match ($mrow,$mcol)" \
	|| fail "cursor on the match: at $(pane '#{cursor_y},#{cursor_x}'), match at $mrow,$mcol"
if tm capture-pane -p -e -t e2e | grep -q "$(printf '\033')\[[0-9;]*7[0-9;]*mfactors play"; then
	ok "match in reverse video"
else
	fail "match in reverse video"
fi
# A bidirectional control typed at the prompt would reorder the status line
# ("Pattern not found: ..." shows the query): it is never taken, and never
# reaches the terminal.
rlo=$(printf '\342\200\256')
keys /
keys -l "zq${rlo}xw"
wait_for "zqxw" "the prompt shows the query without the bidi control"
keys Enter
wait_for "Pattern not found: zqxw" "the status line shows it without it too"
if tm capture-pane -p -t e2e | grep -qF "$rlo"; then
	fail "a bidi control reached the screen"
else
	ok "no bidi control on the screen"
fi

# --- help -----------------------------------------------------------------
keys ?
wait_for "scroll down one line" "help lists the actions"
keys G
wait_for "quit" "help lists quit"
keys q
wait_for "section 11/12" "q leaves help"

# --- resize: narrow, too small, 1x1, back -------------------------------
keys Space
sleep 0.2
section=$(screen | head -n 1 | grep -o 'section [0-9]*/[0-9]*')
topline=$(screen | sed -n 2p | cut -c1-40 | sed 's/ *$//')
tm resize-window -t e2e -x 60 -y 20
wait_gone "Warning signs 1/6" "at 60 columns the side pane hides"
keys c
wait_for "Warning signs: 1 of 6 ticked" "c opens the checklist full screen"
keys q
wait_gone "Warning signs: 1 of 6" "q closes it"
tm resize-window -t e2e -x 20 -y 6
wait_for "/12" "20x6 still reads"
tm resize-window -t e2e -x 19 -y 5
wait_for "Terminal too small" "19x5: the too-small notice"
tm resize-window -t e2e -x 1 -y 1
sleep 0.3
[ "$(pane '#{pane_dead}')" = 0 ] && ok "1x1 does not crash" || fail "1x1 crashed"
tm resize-window -t e2e -x 80 -y 24
wait_for "$section" "back at 80x24 in the same section"
wait_for "$topline" "the place is kept ('$topline')"
wait_for "Warning signs 1/6" "side pane back, tick kept"

# --- mouse: click a question, click a checklist item, wheel -------------
row=$(row_of "How often does cancer spread")
if [ -n "$row" ]; then
	click 3 "$row"
	wait_for "[+] How often does cancer spread" "a click closes the question"
fi
row=$(row_of "[ ] Ongoing pain")
click 60 "$row"
wait_for "Warning signs 2/6" "a click ticks a checklist item"

# --- q exits 0 and restores the terminal --------------------------------
keys q
if wait_dead 2000; then
	ok "q exits"
	# tmux may lose the status (see wait_dead); the session below
	# checks it through the shell instead.
	case $E2E_STATUS in
	0 | unknown) ok "exit status $E2E_STATUS" ;;
	*) fail "exit status $E2E_STATUS" ;;
	esac
else
	fail "q did not exit"
fi
start 80 24 "env TERM=screen LC_ALL=C.UTF-8 '$HANDOUT' '$ARTICLE'; echo EXIT=\$?; exec sleep 60"
wait_for "section 1/12"
keys q
wait_for "EXIT=0" "q exits 0 to the shell"
[ "$(pane '#{alternate_on}')" = 0 ] && ok "alternate screen left" \
	|| fail "still on the alternate screen"
[ "$(pane '#{mouse_any_flag}#{cursor_flag}#{keypad_flag}')" = 010 ] \
	&& ok "mouse off, cursor visible, keypad mode off" \
	|| fail "terminal modes: $(pane 'mouse #{mouse_any_flag} cursor #{cursor_flag} keypad #{keypad_flag}')"

# --- colour: on by default, none with NO_COLOR or --no-color ------------
colour_sgr() {
	tm capture-pane -p -e -t e2e | grep -o "$(printf '\033')\[[0-9;]*m" |
		tr -d '\033[m' | tr ';' '\n' | grep -cE '^(3[0-8]|4[0-8]|9[0-7]|10[0-7])$'
}
start_reader 80 24
wait_for "section 1/12"
[ "$(colour_sgr)" -gt 0 ] && ok "colour by default" || fail "no colour by default"
start_reader 80 24 NO_COLOR=1
wait_for "section 1/12"
[ "$(colour_sgr)" -eq 0 ] && ok "NO_COLOR: no colour SGR" || fail "NO_COLOR: colour sent"
start_reader 80 24 -- --no-color
wait_for "section 1/12"
[ "$(colour_sgr)" -eq 0 ] && ok "--no-color: no colour SGR" || fail "--no-color: colour sent"

# --- ASCII, vt100 ---------------------------------------------------------
start_reader 80 24 -- --ascii
wait_for "section 1/12"
[ "$(screen | LC_ALL=C tr -d '\000-\177' | wc -c)" -eq 0 ] && ok "--ascii draws ASCII only" \
	|| fail "--ascii drew non-ASCII"
wait_for "Chemotherapy -- And What" "--ascii transliterates the dash"
start_reader 80 24 TERM=vt100
wait_for "section 1/12" "TERM=vt100 works"
keys q
wait_dead 2000 && ok "vt100: q exits" || fail "vt100: q did not exit"

# --- signals: SIGINT, SIGTERM, hang-up ----------------------------------
start_reader 80 24
wait_for "section 1/12"
keys C-c
wait_dead 1000 && ok "Ctrl-C ends it within a second" || fail "Ctrl-C did not end it"
[ "$(pane '#{alternate_on}')" = 0 ] && ok "Ctrl-C restores the screen" || fail "Ctrl-C left the alternate screen on"

start_reader 80 24
wait_for "section 1/12"
kill -TERM "$(pane '#{pane_pid}')"
wait_dead 1000 && ok "SIGTERM ends it within a second" || fail "SIGTERM did not end it"
[ "$(pane '#{alternate_on}')" = 0 ] && ok "SIGTERM restores the screen" || fail "SIGTERM left the alternate screen on"

start_reader 80 24
wait_for "section 1/12"
pid=$(pane '#{pane_pid}')
tm kill-server
proc_gone "$pid" 1000 && ok "hang-up (tmux kill-server) ends it within a second" \
	|| { fail "hang-up did not end it"; kill -KILL "$pid" 2>/dev/null; }

# --- no usable terminal description: line mode instead, exit 0 ----------
start 80 24 "env TERM=dumb LC_ALL=C.UTF-8 '$HANDOUT' '$ARTICLE'; echo EXIT=\$?; exec sleep 60"
wait_for "using line mode" "TERM=dumb: one notice, then line mode"
keys q Enter
wait_for "EXIT=0" "TERM=dumb: q in line mode exits 0"
[ "$(pane '#{alternate_on}')" = 0 ] && ok "TERM=dumb: screen untouched" \
	|| fail "TERM=dumb switched screens"

# --- one column: ACCESSIBLE with --full-screen, and --one-column ----------
# A screen reader that speaks whole rows must not read the text and the
# checklist side by side as one: the checklist is a screen of its own.
start_reader 100 30 ACCESSIBLE=1 -- --full-screen
wait_for "section 1/12" "ACCESSIBLE with --full-screen: the full-screen reader"
sleep 0.2
off_screen "Warning signs 0/6" && ok "ACCESSIBLE with --full-screen: one column, no side pane" \
	|| fail "ACCESSIBLE with --full-screen: the side pane is drawn at 100 columns"
keys Tab
wait_for "One column: c opens the checklist." "Tab says where the checklist is"
keys c
wait_for "[ ] New metastases" "c opens the checklist full screen"
keys q q
wait_dead 2000 && ok "q leaves the one-column reader" || fail "q did not leave"
start_reader 100 30 -- --one-column
wait_for "section 1/12" "--one-column"
sleep 0.2
off_screen "Warning signs 0/6" && ok "--one-column: no side pane at 100 columns" \
	|| fail "--one-column: the side pane is drawn"
keys q
wait_dead 2000 || fail "q did not leave"
start_reader 100 30 ACCESSIBLE=1
wait_for "Type n to start, h for help" "ACCESSIBLE alone: still the line mode"
keys q Enter
wait_dead 2000 || fail "q did not leave the line mode"

# --- S saves the summary in the current folder, never over a file unasked
save_dir=$E2E_STATE/save
mkdir "$save_dir"
saved=$save_dir/handout-summary-2026-11-26.txt
start 80 24 "cd '$save_dir' && exec env TERM=screen LC_ALL=C.UTF-8 SOURCE_DATE_EPOCH=1795651200 '$HANDOUT' --no-state '$ARTICLE'"
wait_for "section 1/12"
keys Tab Space Tab S
wait_for "Saved handout-summary-2026-11-26.txt" "S saves the summary and says so"
grep -q '^- New metastases' "$saved" 2>/dev/null && ok "the file holds the ticked sign" \
	|| fail "the saved summary lacks the ticked sign"
echo "my notes" >"$saved"
keys S
wait_for "handout-summary-2026-11-26.txt exists. Overwrite? (y/n)" "S again asks first"
keys n
wait_for "Kept handout-summary-2026-11-26.txt" "n keeps the file"
[ "$(cat "$saved")" = "my notes" ] && ok "the file is untouched" || fail "n replaced the file"
keys S
wait_for "Overwrite? (y/n)"
keys y
wait_for "Saved handout-summary-2026-11-26.txt" "y replaces it"
grep -q '^Summary for your care team' "$saved" && ok "the file is the summary" \
	|| fail "y did not replace the file"
[ "$(ls -A "$save_dir")" = handout-summary-2026-11-26.txt ] && ok "no other file written" \
	|| fail "files in the folder: $(ls -A "$save_dir")"
keys q
wait_dead 2000 && ok "q exits after saving" || fail "q did not exit"

e2e_finish "all reader end-to-end checks passed"
