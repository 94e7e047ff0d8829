#!/bin/sh
# transcription.sh - the bundled NCI articles are their pages word for word:
# every sentence of each page (tests/data/nci/) reaches the article's plain
# text, except those its ID.omit lists with a reason.  A sentence lost or
# reworded fails, and so does a listed one that is back (the lists stay true).
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

nci="$top_srcdir/tests/data/nci"
sentences="$top_srcdir/tests/sentences.sh"

# body ID: the article's plain text up to its checklist or glossary, whose
# labels, details and definitions repeat the article's words and would hide a
# sentence lost from the text itself.
body() {
	"$HANDOUT" --plain --width 0 "$top_srcdir/content/$1.yaml" >"$tmp/$1.all" &&
		sed -e '/^Warning-sign checklist ([0-9]* items\{0,1\})$/,$d' \
		    -e '/^Glossary ([0-9]* terms\{0,1\})$/,$d' "$tmp/$1.all" >"$tmp/$1.txt"
}

for id in metastatic-cancer chemotherapy infection-neutropenia; do
	if ! body "$id"; then
		fail "$id: handout --plain failed"
		continue
	fi
	check_eq "$id: the body stops before the checklist and glossary" \
		"$(grep -c '^Glossary (' "$tmp/$id.txt")" 0
	sh "$sentences" -q -x "$nci/$id.omit" "$nci/nci-$id.md" "$tmp/$id.txt" >"$tmp/out" 2>&1
	status=$?
	cat "$tmp/out"
	check_eq "$id: every sentence of the page but the listed ones" "$status" 0
done

# The check can fail: a sentence dropped from the text, a word changed, and a
# listed omission that is back are each caught.
id=infection-neutropenia
body "$id"
grep -v '^- chills$' "$tmp/$id.txt" | sed 's/throughout the body/through the body/' >"$tmp/lost.txt"
sh "$sentences" -q -x "$nci/$id.omit" "$nci/nci-$id.md" "$tmp/lost.txt" >"$tmp/out" 2>&1
check_eq "a lost sentence fails" "$?" 1
check_match "a lost list item is named" "$(cat "$tmp/out")" '^missing: chills$'
check_match "a reworded sentence is named" "$(cat "$tmp/out")" '^missing: An infection can begin anywhere in the body, may spread throughout'
printf 'Credit: National Cancer Institute\n' >>"$tmp/$id.txt"
sh "$sentences" -q -x "$nci/$id.omit" "$nci/nci-$id.md" "$tmp/$id.txt" >"$tmp/out" 2>&1
check_eq "a listed omission that is back fails" "$?" 1
check_match "it is named stale" "$(cat "$tmp/out")" '^stale: Credit: National Cancer Institute'
printf '# why\nNo such sentence.\n' >"$tmp/extra.omit"
sh "$sentences" -q -x "$tmp/extra.omit" "$nci/nci-$id.md" "$tmp/lost.txt" >"$tmp/out" 2>&1
check_match "a listed sentence the page lacks is stale" "$(cat "$tmp/out")" '^stale: No such sentence\. \(no such sentence in the source\)$'

# The figures and the minimum share, as an importer's measure uses them.
sh "$sentences" -q -x "$nci/$id.omit" -m 0.98 "$nci/nci-$id.md" "$tmp/lost.txt" >"$tmp/out" 2>&1
check_match "-m fails below the share" "$(cat "$tmp/out")" 'below the minimum share 0\.98$'
sh "$sentences" -q -m 0.8 "$nci/nci-$id.md" "$tmp/$id.all" >"$tmp/out" 2>&1
check_match "the figures line" "$(tail -1 "$tmp/out")" \
	'nci-infection-neutropenia\.md: 47 of 53 sentences found \(0\.887\); 0 left out as listed, 6 missing; without the listed ones 0\.887$'
sh "$sentences" -m x "$nci/nci-$id.md" "$tmp/lost.txt" >/dev/null 2>&1
check_eq "a bad -m is a usage error" "$?" 2
sh "$sentences" "$nci/nci-$id.md" "$tmp/no-such-file" >/dev/null 2>&1
check_eq "an unreadable file is exit 2" "$?" 2

finish
