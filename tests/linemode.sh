#!/bin/sh
# linemode.sh - the line mode as its users meet it: scripted sessions
# against the transcripts in tests/golden/linemode-*.txt (read a diff of
# them as a screen-reader user would hear it before committing it; REGEN=1
# rewrites them), and the terminals that cannot do full screen, run in a
# real pty with script(1) so that stdin and stdout are terminals.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

golden="$top_srcdir/tests/golden"
bare="$top_srcdir/tests/data/linemode/bare.yaml"
# A fixed date for the summary, and saved state kept out of $HOME.
SOURCE_DATE_EPOCH=1764115200        # 26 November 2025
XDG_STATE_HOME=$tmp/state
export SOURCE_DATE_EPOCH XDG_STATE_HOME
# Line mode saves ticks and section (tests/state.sh tests that): here every
# session starts from none, so one transcript's ticks never reach the next.
printf '#!/bin/sh\nrm -rf "$XDG_STATE_HOME"\nexec %s "$@"\n' "'$HANDOUT'" \
	>"$tmp/handout" && chmod +x "$tmp/handout" && HANDOUT=$tmp/handout
unset ACCESSIBLE

# clean NAME FILE: nothing but printable text and newlines; no escape,
# no control character, no box drawing or decorative symbol.
clean() {
	checks=$((checks + 1))
	if LC_ALL=C grep -q "$(printf '[\001-\011\013-\037\177]')" "$2"; then
		fail "$1: control characters in the output"
	elif LC_ALL=C grep -q "$(printf '\342\224\|\342\225\|\342\226\|\342\227\|\342\234\|\342\206\|\342\200\242')" "$2"; then
		fail "$1: box drawing or decorative symbols in the output"
	else
		pass "$1: clean text"
	fi
}

# session NAME INPUT ARGS...: printf INPUT | handout ARGS... must print
# golden/linemode-NAME.txt, whose first line is the command, so the file
# reads as the conversation it records.
session() {
	name=$1 input=$2
	shift 2
	checks=$((checks + 1))
	out=$tmp/linemode-$name.txt
	printf '$ printf %s | handout %s\n' "'$input'" "$(printf '%s' "$*" | sed "s|$top_srcdir/||g")" >"$out"
	printf '%b' "$input" | "$HANDOUT" "$@" >>"$out" 2>"$tmp/err"
	status=$?
	if [ $status -ne 0 ] || [ -s "$tmp/err" ]; then
		fail "$name: exit $status, stderr: $(cat "$tmp/err")"
		return
	fi
	clean "$name" "$out"
	check_golden "$name" "$out" "$golden/linemode-$name.txt"
}

# The issue's example, with --accessible and with ACCESSIBLE=1.
example='contents\nnext\nf 1\nx 1\nsummary\nquit\n'
session example "$example" --accessible "$ARTICLE"
printf '%b' "$example" | ACCESSIBLE=1 "$HANDOUT" "$ARTICLE" >"$tmp/env.txt" 2>"$tmp/err"
check_eq "ACCESSIBLE=1 exits 0" "$?" 0
check_eq "ACCESSIBLE=1 answers as --accessible does" \
	"$(sed 1d "$golden/linemode-example.txt")" "$(cat "$tmp/env.txt")"
printf '%b' "$example" | ACCESSIBLE= "$HANDOUT" "$ARTICLE" >"$tmp/empty.txt"
check_match "ACCESSIBLE empty: plain output, not line mode" \
	"$(grep -c '^Section 12 of 12' "$tmp/empty.txt")" '^1$'
printf 'q\n' | ACCESSIBLE=1 "$HANDOUT" --plain "$ARTICLE" >"$tmp/plain.txt"
check_eq "--plain wins over ACCESSIBLE" \
	"$(head -c 200 "$tmp/plain.txt")" "$("$HANDOUT" --plain "$ARTICLE" | head -c 200)"

# Every command, short forms and words: the same conversation.
short='h\nw\nn\nn\np\n.\n7\nt\nf\nf 4\nc\nx 2\nx 2\nx 4\nd 4\ns\n/fatigue\n/\n/metastasis\n/\ng\ng 4\ng emt\nr\nq\n'
words='HELP\nwhere\nnext\nnext\nprevious\nread\nsection 7\ncontents\nfaq\nfaq 4\nchecklist\ntoggle 2\ntoggle 2\ntoggle 4\ndetail 4\nsummary\nsearch fatigue\nsearch\nsearch metastasis\nsearch\nglossary\nglossary 4\nGlossary EMT\nrepeat\nQuit\n'
session commands "$short" --accessible "$ARTICLE"
printf '%b' "$words" | "$HANDOUT" --accessible "$ARTICLE" >"$tmp/words.txt" 2>&1
check_eq "word forms answer as the short forms do" \
	"$(sed 1d "$golden/linemode-commands.txt")" "$(cat "$tmp/words.txt")"
printf 'prev\n?\nexit\n' | "$HANDOUT" --accessible "$ARTICLE" >"$tmp/alias.txt"
printf 'p\nh\nq\n' | "$HANDOUT" --accessible "$ARTICLE" >"$tmp/short.txt"
check_eq "aliases prev, ? and exit" "$(cat "$tmp/alias.txt")" "$(cat "$tmp/short.txt")"

# A listening test's session, kept as it is heard (bench/speech.sh speaks
# it): where the reader is said once, lists counted once, results first.
session listening 't\n7\nf\nf 4\nc\nx 2\nx 5\ns\nq\n' --accessible "$ARTICLE"
# References said by their site; k says the whole address.
session links '12\nk 1\nk\nk 6\nk 0\nq\n' --accessible "$ARTICLE"
# The library's answers: its list, a search across it by article, opening
# an article from the list after a search, and back.
session library 'l\n/fatigue\n/\nw\no 4\nk\nl\nx 1\nq\n' --accessible "$top_srcdir/content"

# Mistakes: unknown words, bad numbers, missing and stray arguments.
session mistakes 'xyz\n14\n0\nx 9\nx\nx two\nf 11\nd 99999999999999999999\nnext 3\ng 99\ng spleen\n/\n\n   \nNEXT\nr\n' --accessible "$ARTICLE"

# End of input quits cleanly, mid-conversation, with status 0.
printf 'n\nx 1' | "$HANDOUT" --accessible "$ARTICLE" >"$tmp/eof.txt" 2>"$tmp/err"
check_eq "end of input: exit 0" "$?" 0
check_match "end of input: the last command still answered" \
	"$(tail -2 "$tmp/eof.txt")" 'Checked 1: New metastases'
check_empty "end of input: nothing on stderr" "$(cat "$tmp/err")"

# A braille display 40 cells wide, ASCII only; an article with nothing
# but one section; a non-UTF-8 locale.
session braille-w40 'n\nf 1\nx 2\nc\nq\n' --accessible --ascii --width 40 --section 7 "$ARTICLE"
checks=$((checks + 1))
if awk 'NR > 1 && length > 40 { bad = 1 } END { exit bad }' "$golden/linemode-braille-w40.txt"; then
	pass "braille-w40: no line over 40 columns"
else
	fail "braille-w40: a line is wider than 40 columns"
fi
session bare 'n\nn\np\nf\nf 1\nc\nx 1\nd 1\ns\ng\ng 1\n/nothing\nw\n2\nq\n' --accessible "$bare"
printf '7\nq\n' | LC_ALL=C "$HANDOUT" --accessible "$ARTICLE" >"$tmp/c.txt"
check_match "C locale: ASCII only" "$(LC_ALL=C grep -c "$(printf '[\200-\377]')" "$tmp/c.txt")" '^0$'
check_match "C locale: quotes transliterated" "$(cat "$tmp/c.txt")" "Isn't Working"

# ---- terminals that cannot do full screen ---------------------------------
# pty CMD: run the shell command CMD in a pseudo-terminal, commands from
# $tmp/in; its output (without carriage returns) in $tmp/pty.
pty() {
	timeout 20 script -qec "$1" /dev/null <"$tmp/in" 2>/dev/null | tr -d '\r' >"$tmp/pty"
}

if ! command -v script >/dev/null 2>&1 || ! command -v timeout >/dev/null 2>&1; then
	not_run "script(1) (bsdutils) or timeout(1) (coreutils) missing: terminal fallbacks"
	finish
fi

printf 'x 2\nq\n' >"$tmp/in"
# fallback NAME ENV...: handout started on a terminal with the environment
# ENV must say so in one line on stderr and answer in line mode.
fallback() {
	name=$1
	shift
	pty "env $* '$HANDOUT' '$ARTICLE' 2>'$tmp/err'; echo \"status \$?\""
	check_match "$name: one notice line on stderr" "$(cat "$tmp/err")" \
		"^handout: .*using line mode \(see --accessible\)$"
	check_eq "$name: the notice is one line" "$(wc -l <"$tmp/err")" 1
	check_match "$name: line mode answered" "$(cat "$tmp/pty")" \
		'Checked 2: Existing tumors growing\.'
	check_match "$name: quit with status 0" "$(cat "$tmp/pty")" 'status 0'
	clean "$name" "$tmp/pty"
}

fallback "TERM unset" -u TERM
check_match "TERM unset: says so" "$(cat "$tmp/err")" "TERM is not set"
fallback "TERM=dumb" TERM=dumb
check_match "TERM=dumb: names it" "$(cat "$tmp/err")" "terminal 'dumb' cannot"
fallback "unknown TERM" TERM=no-such-terminal-here
check_match "unknown TERM: names it" "$(cat "$tmp/err")" "'no-such-terminal-here'"

# A terminal description without cursor addressing (cup), compiled here.
if ! command -v tic >/dev/null 2>&1; then
	not_run "tic (ncurses-bin) missing: a terminal without cursor addressing"
else
	printf 'nocup|terminal without cursor addressing,\n\tcols#80, lines#24,\n\tbel=^G, cr=\\r, cud1=\\n, ind=\\n,\n' >"$tmp/nocup.src"
	if tic -o "$tmp/terminfo" "$tmp/nocup.src" 2>/dev/null; then
		fallback "TERM without cup" TERM=nocup TERMINFO="$tmp/terminfo"
	else
		not_run "tic could not compile a test terminal: a terminal without cursor addressing"
	fi
fi

# On a terminal the line mode prompts; --accessible on a good terminal is
# the line mode too, with no notice.
pty "TERM=xterm '$HANDOUT' --accessible '$ARTICLE' 2>'$tmp/err'"
check_match "--accessible on a terminal: a prompt" "$(cat "$tmp/pty")" '^> '
check_empty "--accessible on a terminal: no notice" "$(cat "$tmp/err")"

finish
