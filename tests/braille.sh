#!/bin/sh
# braille.sh - the line mode and the summary on a braille display: at
# --width 40 and --width 20 no line starts with a blank (a braille display
# shows blank cells as noise, and a hanging indent once split a sign from
# its state) and none is wider than the display.  What is read: the
# listening test's session on the bundled article, the library's answers,
# a section of links, and --summary of what the session ticked.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

need wc coreutils
SOURCE_DATE_EPOCH=1764115200        # 26 November 2025
XDG_STATE_HOME=$tmp/state
export SOURCE_DATE_EPOCH XDG_STATE_HOME
unset ACCESSIBLE

# The listening test's session, and the checklist once more at its end.
listening='t\n7\nf\nf 4\nc\nx 2\nx 5\ns\nc\nq\n'
library='l\n/fatigue\n/\nw\no 1\n12\nk 1\nk\no 4\nk\nl\nq\n'

# fits NAME WIDTH FILE: no line of FILE starts with a blank, and none is
# wider than WIDTH display columns (wc -L measures them in this UTF-8
# locale, wide characters as two).
fits() {
	checks=$((checks + 1))
	if [ "$(wc -l <"$3")" -lt 10 ]; then
		fail "$1: only $(wc -l <"$3") lines came out"
		return
	fi
	bad=$(grep -n '^[[:blank:]]' "$3" | head -n 1)
	if [ -n "$bad" ]; then
		fail "$1: a line starts with a blank: $bad"
	else
		pass "$1: no line starts with a blank"
	fi
	checks=$((checks + 1))
	widest=$(wc -L <"$3")
	if [ "$widest" -le "$2" ]; then
		pass "$1: no line wider than $2 ($widest)"
	else
		fail "$1: a line of $widest columns: $(while IFS= read -r l; do
			[ "$(printf '%s' "$l" | wc -L)" -gt "$2" ] && { printf '%s' "$l"; break; }
			done <"$3")"
	fi
}

for w in 40 20; do
	rm -rf "$XDG_STATE_HOME"
	printf '%b' "$listening" | "$HANDOUT" --accessible --width "$w" "$ARTICLE" \
		>"$tmp/listening-$w.txt" 2>"$tmp/err"
	check_eq "listening session at $w: exit 0, nothing on stderr" \
		"$?:$(cat "$tmp/err")" "0:"
	fits "listening session at $w" "$w" "$tmp/listening-$w.txt"

	"$HANDOUT" --summary --width "$w" "$ARTICLE" >"$tmp/summary-$w.txt" 2>"$tmp/err"
	check_eq "--summary at $w: exit 0, nothing on stderr" "$?:$(cat "$tmp/err")" "0:"
	check_match "--summary at $w: the session's ticks" "$(cat "$tmp/summary-$w.txt")" \
		'^- Unexplained weight'
	fits "--summary at $w" "$w" "$tmp/summary-$w.txt"

	rm -rf "$XDG_STATE_HOME"
	printf '%b' "$library" | "$HANDOUT" --accessible --width "$w" "$top_srcdir/content" \
		>"$tmp/library-$w.txt" 2>"$tmp/err"
	check_eq "library's answers at $w: exit 0, nothing on stderr" \
		"$?:$(cat "$tmp/err")" "0:"
	check_match "library's answers at $w: a link's whole address, broken where it can" \
		"$(cat "$tmp/library-$w.txt")" '^Reference 1:'
	fits "library's answers at $w" "$w" "$tmp/library-$w.txt"
done

# At 20 cells a sign's state stays on the sign's first line.
check_match "width 20: the state on the item's first line" \
	"$(cat "$tmp/listening-20.txt")" '^2\. Checked: Existing$'
check_match "width 20: the toggle's result first" \
	"$(cat "$tmp/listening-20.txt")" '^Checked 5:'
finish
