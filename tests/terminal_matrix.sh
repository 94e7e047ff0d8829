#!/bin/sh
# terminal_matrix.sh - every kind of terminal handout may meet, in a real
# one (a tmux pane, through a shell): TERM unset, dumb, a name with no
# description, vt100, linux and xterm-256color, each under LC_ALL=C and
# LC_ALL=C.UTF-8.  For each: no death in curses start-up (exit 0 after
# quitting), the right front-end (the full-screen reader where the
# terminal can address the cursor, else one notice and the line mode),
# `stty -g` the same after as before, and under LC_ALL=C nothing but ASCII
# on the screen.  Then the same TERM with stdout a file: plain text, no
# escape byte, the terminal untouched.
. "${top_srcdir:-.}/tests/e2e_lib.sh"

# In a sanitizer build, TERM=linux makes ncurses start the console's GPM
# mouse, which keeps a small buffer until exit (tests/lsan.supp).  The
# suppression can only match with full stacks through ncurses, which has no
# frame pointers; these runs are short, so the slow unwinder costs little.
LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}fast_unwind_on_malloc=0"
export LSAN_OPTIONS

# Lines joined where the pane wrapped them: the notice is longer than 80.
screen() {
	tm capture-pane -p -J -t e2e
}

out=$E2E_STATE/out
mkdir "$out" || exit 99

# no_high FILE: FILE holds no byte >= 0x80.
no_high() {
	[ "$(LC_ALL=C tr -d '\000-\177' <"$1" | wc -c)" -eq 0 ]
}

# has_high FILE: FILE holds some byte >= 0x80 (UTF-8 text).
has_high() {
	[ "$(LC_ALL=C tr -d '\000-\177' <"$1" | wc -c)" -gt 0 ]
}

n=0
for locale in C C.UTF-8; do
	for term in UNSET dumb handout-no-such-terminal vt100 linux xterm-256color; do
		n=$((n + 1))
		what="TERM=$term LC_ALL=$locale"
		if [ "$term" = UNSET ]; then
			envs="-u TERM LC_ALL=$locale"
		else
			envs="TERM=$term LC_ALL=$locale"
		fi
		case $term in
		vt100 | linux | xterm-256color) full=1 ;;
		*) full=0 ;;
		esac
		piped=$out/piped.$n
		# The shell in the pane is the witness: it saves the terminal's
		# settings, runs handout on the terminal, says how it ended and
		# whether the settings came back; then once more with stdout a
		# file.  The pane then stays, for capture-pane.
		start 80 24 "s=\$(stty -g)
env -u NO_COLOR $envs '$HANDOUT' --no-state '$ARTICLE'
echo \"EXIT=\$?\"
[ \"\$s\" = \"\$(stty -g)\" ] && echo SAME || echo DIFFERENT
env $envs '$HANDOUT' --no-state '$ARTICLE' >'$piped' 2>'$piped.err'
echo \"PIPED=\$?\"
[ \"\$s\" = \"\$(stty -g)\" ] && echo STILL-SAME || echo PIPED-DIFFERENT
exec sleep 60"

		if [ $full = 1 ]; then
			wait_for "section 1/12" "$what: the full-screen reader" || continue
			screen | grep -qF "using line mode" &&
				fail "$what: a line-mode notice with the reader"
			tm capture-pane -p -t e2e >"$out/screen.$n"
			if [ "$locale" = C ]; then
				no_high "$out/screen.$n" && ok "$what: ASCII only on the reader's screen" ||
					fail "$what: non-ASCII bytes on the screen"
			else
				# The check above can see such bytes at all.
				has_high "$out/screen.$n" && ok "$what: UTF-8 drawn (the ASCII check can see it)" ||
					fail "$what: no UTF-8 on the screen"
			fi
			keys q
		else
			wait_for "using line mode" "$what: one notice, then the line mode" || continue
			wait_for "Type n to start, h for help" "$what: the line mode's first page"
			[ "$(pane '#{alternate_on}')" = 0 ] && ok "$what: the screen is not switched" ||
				fail "$what: alternate screen on in the line mode"
			keys q Enter
		fi
		wait_for "EXIT=0" "$what: exits 0" || continue
		wait_for "SAME" "$what: stty -g the same after as before"
		check_restored "$what"
		if [ "$locale" = C ]; then
			# All of it, scrolled-off lines included.
			tm capture-pane -p -S - -t e2e >"$out/all.$n"
			no_high "$out/all.$n" && ok "$what: ASCII only, history included" ||
				fail "$what: non-ASCII bytes reached the screen"
		fi

		# stdout not a terminal (stdin still is): plain text.
		wait_for "PIPED=0" "$what, piped: exits 0" || continue
		wait_for "STILL-SAME" "$what, piped: the terminal untouched"
		if grep -q "^How Does Cancer Spread During Chemotherapy" "$piped" &&
			! grep -q 'Type n to start, h for help' "$piped"; then
			ok "$what, piped: plain text"
		else
			fail "$what, piped: not the plain text: $(head -c 200 "$piped")"
		fi
		if LC_ALL=C grep -q "$(printf '\033')" "$piped"; then
			fail "$what, piped: an escape byte in the output"
		else
			ok "$what, piped: no escape byte"
		fi
		[ ! -s "$piped.err" ] && ok "$what, piped: nothing on stderr" ||
			fail "$what, piped: stderr: $(cat "$piped.err")"
		if [ "$locale" = C ]; then
			no_high "$piped" && ok "$what, piped: ASCII only" ||
				fail "$what, piped: non-ASCII bytes"
		fi
	done
done

e2e_finish "all terminal matrix checks passed ($n terminals)"
