#!/bin/sh
# import.sh - handout --import on the three National Cancer Institute pages
# (tests/data/nci/, cancer.gov as Markdown, web furniture and all): each draft
# and its warnings match the golden files, each draft passes --validate, and
# each keeps the page's sentences: at least 98% of them reach the draft's
# plain text, counting as the page's sentences all but the web furniture the
# importer's rules leave out (tests/data/import/ID.omit says which and why).
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

nci="$top_srcdir/tests/data/nci"
handout=$(cd "$(dirname "$HANDOUT")" && pwd)/$(basename "$HANDOUT")

for id in metastatic-cancer chemotherapy infection-neutropenia; do
	# From the pages' folder, so the warnings name the file as a user would.
	(cd "$nci" && "$handout" --import "nci-$id.md") >"$tmp/$id.yaml" 2>"$tmp/$id.warnings"
	check_eq "$id: --import exits 0" "$?" 0
	check_golden "$id: the draft" "$tmp/$id.yaml" "$top_srcdir/tests/golden/import-$id.yaml"
	check_golden "$id: the warnings" "$tmp/$id.warnings" \
		"$top_srcdir/tests/golden/import-$id.warnings"
	check_eq "$id: every warning has FILE:LINE:COLUMN" \
		"$(grep -cv "^nci-$id\.md:[0-9]*:[0-9]*: warning: " "$tmp/$id.warnings")" 0

	run --validate "$tmp/$id.yaml"
	check_eq "$id: the draft passes --validate" "$status" 0
	check_empty "$id: --validate says nothing" "$out$err"

	if ! "$HANDOUT" --plain --width 0 "$tmp/$id.yaml" >"$tmp/$id.txt"; then
		fail "$id: --plain of the draft failed"
		continue
	fi
	sh "$top_srcdir/tests/sentences.sh" -q -m 0.98 -x "$top_srcdir/tests/data/import/$id.omit" \
		"$nci/nci-$id.md" "$tmp/$id.txt" >"$tmp/out" 2>&1
	status=$?
	# The figures, for whoever reads the log.
	cat "$tmp/out"
	check_eq "$id: >= 0.98 of the page's sentences reach the plain text" "$status" 0
done

# The measure can fail: a draft that loses a sentence is caught.
id=chemotherapy
grep -v 'Most insurance plans pay' "$tmp/$id.txt" >"$tmp/lost.txt"
sh "$top_srcdir/tests/sentences.sh" -q -m 0.98 -x "$top_srcdir/tests/data/import/$id.omit" \
	"$nci/nci-$id.md" "$tmp/lost.txt" >"$tmp/out" 2>&1
check_eq "a lost sentence fails" "$?" 1
check_match "it is named" "$(cat "$tmp/out")" '^missing: Most insurance plans pay for chemotherapy\.$'

finish
