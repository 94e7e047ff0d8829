#!/bin/sh
# search.sh - search finds what the reader sees: what a keyboard types
# (straight quotes, a hyphen, capitals of any script) finds what the
# article prints (curly quotes, long dashes, lower case), in the line mode
# and in the reader, where ASCII mode shows they're for they’re; and a match
# that a wrap cuts in two is highlighted on both lines.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

need "${TMUX_BIN:-tmux}" tmux "highlighting in the reader"

folds="$top_srcdir/tests/data/search/folds.yaml"
XDG_STATE_HOME="$tmp/xdg"
export XDG_STATE_HOME

# found QUERY WHERE FILE TEXT: the line mode's /QUERY in FILE (""; the
# bundled article) says it found it, how many there are, and reads the
# sentence with TEXT, after WHERE ("": a paragraph, which needs no words).
found() {
	out=$(printf '/%s\nq\n' "$1" | "$HANDOUT" --accessible "${3:-$ARTICLE}" 2>&1)
	check_match "/$1 is found and counted" "$out" \
		"^(Only one match|Match [0-9]+ of [0-9]+)(\\.|, section [0-9]+ of [0-9]+: )"
	check_match "/$1 reads its sentence${2:+ $2}" "$out" "^${2:+$2: }$4"
}

found "they're" "" "$folds" "When they’re tired"
found "THEY'RE TIRED" "" "$folds" "When they’re tired"
found '"enough"' "" "$folds" ".*say “enough”"
found "rest - and" "" "$folds" ".*rest — and"
found "ÖNEMLİ BİLGİ" "In the section's title" "$folds" "Önemli bilgi$"
found "ATEŞ VE AĞRI" "" "$folds" "Ateş ve ağrı"
found "ΠΌΝΟΣ ΚΑΙ" "" "$folds" "Ο πόνος και"
found "isn't" "" "" ".*isn’t"
# In ASCII the text reads they're, and so does the query.
out=$(printf "/they're\nq\n" | LC_ALL=C "$HANDOUT" --accessible "$folds" 2>&1)
check_match "ASCII line mode: /they're finds they're" "$out" "^When they're tired"
# Still not everything matches everything.
out=$(printf '/they"re\nq\n' | "$HANDOUT" --accessible "$folds" 2>&1)
check_match "a double quote does not match an apostrophe" "$out" 'is not in the article\.$'

# --- the reader, in ASCII, at a width where "blood pressure" wraps --------
tmux_session s 40 16 "exec env TERM=screen LC_ALL=C \
XDG_STATE_HOME='$XDG_STATE_HOME' '$HANDOUT' '$folds'"
esc=$(printf '\033')

see s "section 1/3" "the reader opens the fixture"
T send-keys -t s / t h e y "'" r e Enter
see s "When they're tired" "ASCII reader shows they're"
checks=$((checks + 1))
T capture-pane -p -t s | grep -q "Pattern not found" &&
	fail "ASCII reader: /they're was not found" || pass "ASCII reader: /they're was found"
check_match "ASCII reader: /they're is found and highlighted" \
	"$(T capture-pane -p -e -t s)" "${esc}\\[[0-9;]*7[0-9;]*mthey're"
T send-keys -t s / b l o o d Space p r e s s u r e Enter
see s "pressure as soon" "the match that wraps is on screen"
screen=$(T capture-pane -p -e -t s)
check_match "the wrapped match's first half is highlighted" "$screen" \
	"${esc}\\[[0-9;]*7[0-9;]*mblood\$"
# tmux carries the reverse video from the line before: no change of
# attributes before "pressure" means it is highlighted too.
check_match "and its second half too" "$screen" "^pressure${esc}\\[0?m"
T kill-server >/dev/null 2>&1

finish
