#!/bin/sh
# state.sh - saved state and the care team's summary, from the outside:
# --summary against tests/golden/summary-*.txt (dated by SOURCE_DATE_EPOCH),
# --no-state, bad state files set aside in one line, where the state lives.
# REGEN=1 rewrites the golden files from the current build.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

golden="$top_srcdir/tests/golden"
private_state
# 2026-11-26 00:00:00 UTC: the date every summary here carries.
SOURCE_DATE_EPOCH=1795651200
export SOURCE_DATE_EPOCH

# state TEXT: the saved state file holds exactly TEXT.
state() {
	mkdir -p "$sdir" && printf '%s' "$1" >"$sfile"
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
check_prints summary-w72 --summary --width 72 "$ARTICLE"
check_prints summary-w40-ascii --summary --width 40 --ascii "$ARTICLE"
run --summary --width 72 "$ARTICLE"
check_eq "--summary exits 0" "$status" 0
check_empty "--summary says nothing on stderr for a good file" "$err"

# Nothing ticked: said in words, not shown as an empty list.
state "${head}end
"
check_prints summary-none-w72 --summary --width 72 "$ARTICLE"

# No saved state at all: the same, and no file or folder made by a read.
rm -rf "$XDG_STATE_HOME"
run --summary --width 72 "$ARTICLE"
check_eq "--summary without state exits 0" "$status" 0
check_eq "--summary without state says none" \
	"$(diff "$golden/summary-none-w72.txt" "$tmp/out" && echo same)" same
check_eq "--summary creates no state folder" \
	"$(ls -A "$tmp" | grep -c xdg)" 0

# --no-state with --summary: there is no saved state to summarise.
run --summary --no-state "$ARTICLE"
check_eq "--summary --no-state is a usage error" "$status" 2
check_match "--summary --no-state says why" "$err" "cannot be used with --no-state"

# A corrupt file: one line, set aside as .bad, a clean summary, exit 0.
state "${head}section warning-signs
checked fati"
run --summary --width 72 "$ARTICLE"
check_eq "corrupt state: exit 0" "$status" 0
check_eq "corrupt state: one line on stderr" "$(printf '%s\n' "$err" | wc -l)" 1
check_match "corrupt state: the line says what and where" "$err" \
	"^handout: .*/$id\.state:4: cut short .*set aside as $id\.state\.[0-9]{8}T[0-9]{6}Z\.bad, starting clean$"
bad=$(ls "$sdir"/$id.state.*.bad)
check_eq "corrupt state: the bad file is kept" "$(cat "$bad")" \
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
run --summary "$ARTICLE"
check_match "foreign state: named as such" "$err" \
	"another article \('some-other-article'\); set aside"
check_match "foreign state: nothing of it used" "$out" "No warning signs are checked."

# An item the article no longer has: dropped with a note, the rest kept.
bads=$(ls "$sdir"/*.bad)
state "${head}checked fatigue
checked hair-loss
end
"
run --summary --width 72 "$ARTICLE"
check_match "unknown item: a note" "$err" \
	"note: dropped checklist item 'hair-loss', no longer in the article"
check_match "unknown item: the rest kept" "$out" "^- Fatigue$"
check_eq "unknown item: the file is not set aside" "$(ls "$sdir"/*.bad 2>/dev/null)" \
	"$bads"   # (the .bad files from before, untouched)

# Relative XDG_STATE_HOME is ignored: $HOME/.local/state is used instead.
mkdir -p "$HOME/.local/state/handout"
printf '%s' "${head}checked weight-loss
end
" >"$HOME/.local/state/handout/$id.state"
XDG_STATE_HOME=relative/path run --summary "$ARTICLE"
check_match "relative XDG_STATE_HOME ignored" "$out" "^- Unexplained weight loss$"
XDG_STATE_HOME= run --summary "$ARTICLE"
check_match "empty XDG_STATE_HOME ignored" "$out" "^- Unexplained weight loss$"

# --- the line mode: x N saves, the next session starts from it ---------
rm -rf "$XDG_STATE_HOME"
printf 'x 2\nx 5\nx 2\n3\nq\n' | "$HANDOUT" --accessible "$ARTICLE" >"$tmp/out" 2>"$tmp/err"
check_eq "line mode: exit 0" "$?" 0
check_empty "line mode: nothing on stderr" "$(cat "$tmp/err")"
run --summary --width 72 "$ARTICLE"
check_match "line mode: the tick kept" "$out" "^- Unexplained weight loss$"
check_eq "line mode: the untick kept" "$(printf '%s\n' "$out" | grep -c "Existing tumors")" 0
check_match "line mode: the section kept" "$(cat "$sfile")" "^section science$"
printf 'c\nq\n' | "$HANDOUT" --accessible "$ARTICLE" >"$tmp/out" 2>&1
check_match "line mode: the next session has the tick" "$(cat "$tmp/out")" \
	"^5\. Checked: Unexplained weight loss$"
check_match "line mode: and starts in the saved section" "$(cat "$tmp/out")" \
	"^Section 3 of 12"
printf 'x 1\nq\n' | "$HANDOUT" --accessible --no-state "$ARTICLE" >/dev/null 2>&1
check_eq "line mode --no-state: nothing saved" \
	"$(grep -c new-metastases "$sfile")" 0

# --- the reader, in a real terminal (tmux) ------------------------------
TMUX_BIN=${TMUX_BIN:-tmux}
if ! command -v "$TMUX_BIN" >/dev/null 2>&1; then
	not_run "tmux not found (Debian package tmux): the reader's saved state"
	finish
fi
# reader STATE-HOME [ARGS]: the reader in a fresh 100x30 session.
reader() {
	T kill-server >/dev/null 2>&1
	tmux_session s 100 30 "exec env TERM=screen \
LC_ALL=C.UTF-8 XDG_STATE_HOME='$1' '$HANDOUT' ${2:-} '$ARTICLE'"
}

# A hang-up in the middle of a session keeps the last tick and section.
rm -rf "$XDG_STATE_HOME" "$tmp/home"
reader "$XDG_STATE_HOME"
see s "Warning signs 0/6" "reader starts clean"
T send-keys -t s ']' ']'
see s "section 3/12" "moved to section 3"
T send-keys -t s Tab Space
see s "Warning signs 1/6" "ticked one sign"
T send-keys -t s Down Space
see s "Warning signs 2/6" "ticked a second sign"
# Saved on the change itself, not only on the way out.
check_match "each tick is saved as it happens" "$(cat "$sfile")" "^checked tumor-growth$"
pid=$(T display-message -p -t s '#{pane_pid}')
T kill-server                  # the SSH link drops: SIGHUP
proc_gone "$pid" 5000
run --summary --width 72 "$ARTICLE"
check_match "after SIGHUP, --summary has the first tick" "$out" "^- New metastases$"
check_match "after SIGHUP, --summary has the last tick" "$out" "^- Existing tumors growing$"
check_eq "state folder is 0700" "$(stat -c %a "$sdir")" 700
check_eq "state file is 0600" "$(stat -c %a "$sfile")" 600
check_eq "no temporary files left" "$(ls -A "$sdir" | grep -v "^\.$id\.state\.lock\$")" "$id.state"

# The next start is where the last one stopped, ticks and section.
reader "$XDG_STATE_HOME"
see s "Warning signs 2/6" "ticks restored at the next start"
see s "section 3/12" "section restored at the next start"
# --no-state: neither read nor written.
before=$(cat "$sfile")
reader "$XDG_STATE_HOME" --no-state
see s "Warning signs 0/6" "--no-state starts clean"
T send-keys -t s Tab Space
see s "Warning signs 1/6" "--no-state still ticks"
T send-keys -t s q
sleep 0.3
check_eq "--no-state wrote nothing" "$(cat "$sfile")" "$before"

# Where the state folder should be there is a file: a one-line warning on
# the status line, the reader goes on, the file is untouched.
printf 'in the way\n' >"$tmp/blocker"
reader "$tmp/blocker"
see s "Warning signs 0/6" "reader starts with an unusable state folder"
T send-keys -t s Tab Space
see s "cannot save the ticks and place (Not a directory)" \
	"a failed save is one line on the status line"
see s "Warning signs 1/6" "the tick itself stands"
check_eq "the file in the way is untouched" "$(cat "$tmp/blocker")" "in the way"
T kill-server >/dev/null 2>&1

finish
