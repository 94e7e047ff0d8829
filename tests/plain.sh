#!/bin/sh
# plain.sh - plain output against the files in tests/golden/, which are the
# product: read a diff of them as a reader would before committing it.
# REGEN=1 rewrites them from the current build.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

golden="$top_srcdir/tests/golden"

# compare NAME ARGS...: handout --plain ARGS... must print golden/NAME.txt.
compare() {
	name=$1
	shift
	if ! "$HANDOUT" --plain "$@" >"$tmp/$name.txt" 2>"$tmp/err"; then
		fail "$name: handout $* failed: $(cat "$tmp/err")"
		return
	fi
	check_golden "$name" "$tmp/$name.txt" "$golden/$name.txt"
}

for doc in article:content/cancer-spread-during-chemotherapy.yaml \
	   every-block:tests/data/plain/every-block.yaml \
	   credits:tests/data/plain/credits.yaml; do
	base=${doc%%:*}
	file=$top_srcdir/${doc#*:}
	compare "$base-w80" --width 80 "$file"
	compare "$base-w0" --width 0 "$file"
	compare "$base-w40-ascii" --width 40 --ascii "$file"
done

finish
