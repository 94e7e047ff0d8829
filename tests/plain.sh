#!/bin/sh
# plain.sh - plain output against the files in tests/golden/, which are the
# product: read a diff of them as a reader would before committing it.
# REGEN=1 rewrites them from the current build.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

for doc in article:content/cancer-spread-during-chemotherapy.yaml \
	   every-block:tests/data/plain/every-block.yaml \
	   credits:tests/data/plain/credits.yaml; do
	base=${doc%%:*}
	file=$top_srcdir/${doc#*:}
	check_prints "$base-w80" --plain --width 80 "$file"
	check_prints "$base-w0" --plain --width 0 "$file"
	check_prints "$base-w40-ascii" --plain --width 40 --ascii "$file"
done

finish
