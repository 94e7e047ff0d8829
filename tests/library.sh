#!/bin/sh
# library.sh - a folder of articles as a reader meets it: the library
# screen in a real terminal (tmux): open an article, back with q, Left at
# its start and Esc, a search across every article whose Enter opens the
# article at the match, ticks kept per article, the kiosk's q and idle
# reset returning to the library; the line mode's `l`, `o N` and search
# across the library; --plain, --list and --summary of a folder.
. "${top_srcdir:-.}/tests/e2e_lib.sh"

content=$top_srcdir/content
first="How Does Cancer Spread During"
L=$E2E_STATE/lib
mkdir "$L" || exit 99
# The reader's library: the bundled folder, as `handout` with no FILE.
E2E_FILE=
say_lib() { start_reader 100 30 "$@"; }

# --- the library screen -----------------------------------------------
say_lib -- "'$content'"
wait_for "Library" "no FILE: the library screen"
wait_for "article 1/4" "four articles, the first chosen"
wait_for "$first" "the bundled article is listed"
wait_for "Metastatic Cancer: When Cancer Spreads" "the NCI articles are listed"
wait_for "National Cancer Institute, " "publisher and date"
keys Down
wait_for "article 2/4" "Down chooses the next article"
keys Enter
wait_for "Chemotherapy to Treat Cancer" "Enter opens it"
wait_for "section 1/" "the article's first section"
keys q
wait_for "article 2/4" "q goes back to the library, at the article"
keys Up Enter
wait_for "section 1/12" "the first article opens"
keys Left
wait_for "article 1/4" "Left at an article's start goes back to the library"
keys Enter
wait_for "section 1/12"
keys Escape
wait_for "article 1/4" "Esc goes back to the library"

# --- ticks stay per article ------------------------------------------
keys Enter
wait_for "section 1/12"
keys Tab Space
wait_for "Warning signs 1/6" "a sign ticked in the first article"
keys q
wait_for "article 1/4"
keys End Enter
wait_for "Metastatic Cancer: When Cancer Spreads" "the last article opens"
wait_for "Warning signs 0/" "its checklist has none of the first's ticks"
keys q Home Enter
wait_for "Warning signs 1/6" "the first article's tick is still there"
keys q

# --- search across the library -----------------------------------------
keys /
keys -l "neutrophils"
keys Enter
wait_for "in the library" "/ in the library lists matches"
wait_for "Infection and Neutropenia during Cancer Treatment:" "as 'article: section: ...'"
keys Enter
wait_for "Infection and Neutropenia during Cancer Treatment" "Enter opens the article"
wait_for "neutrophils" "at the match"
keys q
wait_for "in the library" "q goes back to the results"
keys q
wait_for "article 3/4" "and q again to the library"

# --- quit ------------------------------------------------------------------
keys q
wait_dead 2000 && ok "q in the library quits" || fail "q in the library did not quit"
[ "${E2E_STATUS:-}" = 0 ] || [ "${E2E_STATUS:-}" = unknown ] ||
	fail "q in the library: exit status $E2E_STATUS"

# --- the kiosk returns to the library ----------------------------------------
start_reader 100 30 -- --kiosk --idle-reset 2 "'$content'"
wait_for "article 1/4" "kiosk: the library"
keys Down Enter
wait_for "section 1/" "kiosk: an article opens"
keys q
wait_for "article 2/4" "kiosk: q goes back to the library"
keys Enter
wait_for "section 1/"
# The idle reset: back at the library's start, with no trace.
E2E_TIMEOUT=8 wait_for "article 1/4" "kiosk: the idle reset goes back to the library"
keys q
sleep 0.3
[ "$(pane '#{pane_dead}')" = 0 ] && ok "kiosk: q in the library does not quit" ||
	fail "kiosk: q in the library ended it"

# --- the line mode ------------------------------------------------------------
printf 'l\no 3\nn\nl\n/neutrophils\nw\nq\n' |
	XDG_STATE_HOME=$L/state "$HANDOUT" --accessible "$content" >"$L/line.txt" 2>"$L/err"
out=$(cat "$L/line.txt")
check() {
	if printf '%s\n' "$out" | grep -qF -- "$2"; then ok "$1"; else
		fail "$1: no '$2' in: $(printf '%s' "$out" | head -c 600)"; fi
}
check "line mode: greets with the library" "Library: 4 articles."
check "line mode: l lists the articles" "4. Metastatic Cancer: When Cancer Spreads."
check "line mode: o 3 opens the third" "Infection and Neutropenia during Cancer Treatment"
check "line mode: n reads its first section" "Section 1 of"
check "line mode: search covers the library" "Article 3, Infection and Neutropenia during Cancer Treatment, "
check "line mode: and counts once" " matches for \"neutrophils\", in "
check "line mode: and says how to open" "Type o and an article's number to open it."
[ -s "$L/err" ] && fail "line mode: stderr: $(cat "$L/err")" || ok "line mode: nothing on stderr"
printf 'x 1\n' | XDG_STATE_HOME=$L/state "$HANDOUT" --accessible "$content" >"$L/line2.txt" 2>&1
grep -q "Open an article first" "$L/line2.txt" && ok "line mode: x with no article says how to open one" ||
	fail "line mode: x with no article: $(cat "$L/line2.txt")"

# --- plain, --list, --summary of a folder --------------------------------------
"$HANDOUT" --plain "$content" >"$L/plain.txt" 2>&1
grep -q '^Library: 4 articles\.$' "$L/plain.txt" && ok "--plain DIR: the library list" ||
	fail "--plain DIR: $(head -5 "$L/plain.txt")"
printf 'o 1\nx 2\nq\nq\n' | XDG_STATE_HOME=$L/sum "$HANDOUT" --accessible "$content" >/dev/null 2>&1
XDG_STATE_HOME=$L/sum "$HANDOUT" --summary "$content" >"$L/summary.txt" 2>&1
grep -q "Existing tumors growing" "$L/summary.txt" && ok "--summary DIR: the ticked article" ||
	fail "--summary DIR: $(cat "$L/summary.txt")"
[ "$(grep -c 'Summary for your care team' "$L/summary.txt")" = 1 ] &&
	ok "--summary DIR: only articles with a tick" ||
	fail "--summary DIR: $(grep -c 'Summary for your care team' "$L/summary.txt") summaries"

e2e_finish "all library checks passed"
