#!/bin/sh
# statedir.sh - the state folder is checked, not trusted as found: a
# symbolic link is refused, a folder open to others is made 0700, every
# damaged file is kept (two in a row, two .bad copies), what a killed save
# left is removed at the next start; and a problem with the saved state is
# said where the reader looks - the reader's status line, the line mode's
# first answer - as well as on stderr at exit.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

need "${TMUX_BIN:-tmux}" tmux "the warning on the reader's status line"

private_state
head="handout-state 1
article $id
"

# line CMDS...: the line mode with these commands; $out, $err, $status.
line() {
	printf '%s\n' "$@" | "$HANDOUT" --accessible --width 0 "$ARTICLE" >"$tmp/out" 2>"$tmp/err"
	status=$?
	out=$(cat "$tmp/out")
	err=$(cat "$tmp/err")
}

# --- a symbolic link where the folder should be -------------------------
mkdir -p "$XDG_STATE_HOME" "$tmp/elsewhere"
printf '%s' "${head}checked fatigue
end
" >"$tmp/elsewhere/$id.state"
cp "$tmp/elsewhere/$id.state" "$tmp/before"
ln -s "$tmp/elsewhere" "$sdir"
line "x 1" q
check_eq "symlinked folder: exit 0" "$status" 0
check_match "symlinked folder: said in the first answer" "$out" \
	"^Note: State file: the state folder is a symbolic link; the ticks and place are not read or saved\$"
check_match "symlinked folder: and on stderr at exit" "$err" \
	"^handout: .*handout: the state folder is a symbolic link"
check_eq "symlinked folder: one line on stderr" "$(printf '%s\n' "$err" | wc -l)" 1
check_match "symlinked folder: its ticks are not read" "$out" "^1 of 6 checked\.\$"
cmp -s "$tmp/before" "$tmp/elsewhere/$id.state" &&
	check_eq "symlinked folder: nothing written through the link" \
		"$(ls -A "$tmp/elsewhere")" "$id.state" ||
	fail "symlinked folder: the state behind the link changed"
run --summary "$ARTICLE"
check_match "symlinked folder: --summary reads nothing there" "$out" "No warning signs are checked."
rm "$sdir"

# --- a folder open to everyone ---------------------------------------------
mkdir -p "$sdir"
chmod 0777 "$sdir"
line "x 2" q
check_eq "0777 folder: made 0700" "$(stat -c %a "$sdir")" 700
check_match "0777 folder: the tick is saved" "$(cat "$sfile")" "^checked tumor-growth\$"
check_empty "0777 folder: nothing to say" "$err"

# --- two damaged files in a row: both kept ------------------------------
printf 'first damage' >"$sfile"
line "x 3" q
check_match "first damaged file: said" "$out" "^Note: .*set aside as $id\.state\.[0-9]{8}T[0-9]{6}Z\.bad"
printf 'second damage' >"$sfile"
line "x 4" q
check_match "second damaged file: said" "$out" "^Note: .*set aside as $id\.state\.[0-9]{8}T[0-9]{6}Z(-2)?\.bad"
check_eq "two .bad copies kept" "$(ls "$sdir" | grep -c '\.bad$')" 2
check_eq "the first damage is kept" "$(cat "$sdir"/*.bad | grep -c 'first damage')" 1
check_eq "the second damage is kept" "$(cat "$sdir"/*.bad | grep -c 'second damage')" 1
check_match "and the last tick is saved" "$(cat "$sfile")" "^checked ongoing-pain\$"

# --- what a killed save left is removed at the next start ---------------
for x in Qw3rTy 000000 zZ9aA1; do
	printf 'half a save' >"$sdir/.$id.state.$x"
done
printf 'mine' >"$sdir/.$id.state.notours"
run --summary "$ARTICLE"
check_eq "leftovers: removed at the next start" \
	"$(ls -A "$sdir" | grep -c "^\.$id\.state\.[A-Za-z0-9]\{6\}\$")" 0
check_eq "leftovers: other files stay" "$(cat "$sdir/.$id.state.notours")" mine

# --- the reader: a warning on its status line, and on stderr at exit ----
printf 'damaged' >"$sfile"
tmux_session s 160 30 "env TERM=screen LC_ALL=C.UTF-8 \
XDG_STATE_HOME='$XDG_STATE_HOME' '$HANDOUT' '$ARTICLE' 2>'$tmp/reader-err'; echo \"exit=\$?\"; sleep 60"

see s "set aside as $id.state." "the reader shows the damaged file on its status line"
check_match "before any key, on the last line" "$(T capture-pane -p -t s | tail -n 1)" \
	"^State file: cut short \(no end of line\); set aside as $id\.state\.[0-9]{8}T[0-9]{6}Z(-[0-9]+)?\.bad, starting clean"
T send-keys -t s j
unseen s "set aside as" "the next key clears it"
T send-keys -t s q
see s "exit=0" "the reader quits"
check_match "and says it on stderr at exit" "$(cat "$tmp/reader-err")" \
	"^handout: .*$id\.state:1: cut short \(no end of line\); set aside as"
T kill-server >/dev/null 2>&1

finish
