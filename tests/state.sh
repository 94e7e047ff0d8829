#!/bin/sh
# state.sh - saved state and the care team's summary, from the outside:
# --summary against tests/golden/summary-*.txt (dated by SOURCE_DATE_EPOCH),
# --no-state, bad state files set aside in one line, where the state lives.
# REGEN=1 rewrites the golden files from the current build.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

golden="$top_srcdir/tests/golden"
id=cancer-spread-during-chemotherapy
# 2026-11-26 00:00:00 UTC: the date every summary here carries.
SOURCE_DATE_EPOCH=1795651200
XDG_STATE_HOME="$tmp/xdg"
HOME="$tmp/home"
export SOURCE_DATE_EPOCH XDG_STATE_HOME HOME
sdir="$XDG_STATE_HOME/handout"
sfile="$sdir/$id.state"

# state TEXT: the saved state file holds exactly TEXT.
state() {
	mkdir -p "$sdir" && printf '%s' "$1" >"$sfile"
}

# compare NAME ARGS...: handout --summary ARGS... prints golden/NAME.txt.
compare() {
	name=$1
	shift
	checks=$((checks + 1))
	if ! "$HANDOUT" --summary "$@" >"$tmp/$name.txt" 2>"$tmp/err"; then
		fail "$name: handout --summary $* failed: $(cat "$tmp/err")"
		return
	fi
	if [ -n "$REGEN" ]; then
		cp "$tmp/$name.txt" "$golden/$name.txt" || fail "$name: cannot write"
		pass "$name (regenerated)"
	elif diff -u "$golden/$name.txt" "$tmp/$name.txt" >"$tmp/diff"; then
		pass "$name"
	else
		fail "$name: differs from tests/golden/$name.txt:"
		cat "$tmp/diff" >&2
	fi
}

head="handout-state 1
article $id
"

# Two signs ticked, in the reverse of the article's order: the summary
# lists them in the article's order, each with the article's words.
state "${head}section warning-signs
checked fatigue
checked ongoing-pain
end
"
compare summary-w72 --width 72
compare summary-w40-ascii --width 40 --ascii
run --summary --width 72
check_eq "--summary exits 0" "$status" 0
check_empty "--summary says nothing on stderr for a good file" "$err"

# Nothing ticked: said in words, not shown as an empty list.
state "${head}end
"
compare summary-none-w72 --width 72

# No saved state at all: the same, and no file or folder made by a read.
rm -rf "$XDG_STATE_HOME"
run --summary --width 72
check_eq "--summary without state exits 0" "$status" 0
check_eq "--summary without state says none" \
	"$(diff "$golden/summary-none-w72.txt" "$tmp/out" && echo same)" same
check_eq "--summary creates no state folder" \
	"$(ls -A "$tmp" | grep -c xdg)" 0

# --no-state with --summary: there is no saved state to summarise.
run --summary --no-state
check_eq "--summary --no-state is a usage error" "$status" 2
check_match "--summary --no-state says why" "$err" "cannot be used with --no-state"

# A corrupt file: one line, set aside as .bad, a clean summary, exit 0.
state "${head}section warning-signs
checked fati"
run --summary --width 72
check_eq "corrupt state: exit 0" "$status" 0
check_eq "corrupt state: one line on stderr" "$(printf '%s\n' "$err" | wc -l)" 1
check_match "corrupt state: the line says what and where" "$err" \
	"^handout: .*/$id\.state:4: cut short .*set aside as $id\.state\.bad, starting clean$"
check_eq "corrupt state: the bad file is kept" "$(cat "$sfile.bad")" \
	"$(printf '%s' "${head}section warning-signs
checked fati")"
check_eq "corrupt state: gone from the state's place" "$(ls "$sfile" 2>/dev/null)" ""
check_match "corrupt state: a clean summary" "$out" "No warning signs are checked."

# A foreign file (another article's state under this name).
state "handout-state 1
article some-other-article
checked fatigue
end
"
run --summary
check_match "foreign state: named as such" "$err" \
	"another article \('some-other-article'\); set aside"
check_match "foreign state: nothing of it used" "$out" "No warning signs are checked."

# An item the article no longer has: dropped with a note, the rest kept.
state "${head}checked fatigue
checked hair-loss
end
"
run --summary --width 72
check_match "unknown item: a note" "$err" \
	"note: dropped checklist item 'hair-loss', no longer in the article"
check_match "unknown item: the rest kept" "$out" "^- Fatigue$"
check_eq "unknown item: the file is not set aside" "$(ls "$sfile.bad" 2>/dev/null)" \
	"$sfile.bad"   # (the .bad from before, untouched)

# Relative XDG_STATE_HOME is ignored: $HOME/.local/state is used instead.
mkdir -p "$HOME/.local/state/handout"
printf '%s' "${head}checked weight-loss
end
" >"$HOME/.local/state/handout/$id.state"
XDG_STATE_HOME=relative/path run --summary
check_match "relative XDG_STATE_HOME ignored" "$out" "^- Unexplained weight loss$"
XDG_STATE_HOME= run --summary
check_match "empty XDG_STATE_HOME ignored" "$out" "^- Unexplained weight loss$"

finish
