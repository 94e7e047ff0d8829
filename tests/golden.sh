#!/bin/sh
# golden.sh - plain output against the files in tests/golden/, which are the
# product: read a diff of them as a reader would before committing it.
# REGEN=1 rewrites them from the current build.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

golden="$top_srcdir/tests/golden"

# compare NAME ARGS...: handout --plain ARGS... must print golden/NAME.txt.
compare() {
	name=$1
	shift
	checks=$((checks + 1))
	if ! "$HANDOUT" --plain "$@" >"$tmp/$name.txt" 2>"$tmp/err"; then
		fail "$name: handout $* failed: $(cat "$tmp/err")"
		return
	fi
	if [ -n "$REGEN" ]; then
		cp "$tmp/$name.txt" "$golden/$name.txt" || fail "$name: cannot write"
		pass "$name (regenerated)"
	elif diff -u "$golden/$name.txt" "$tmp/$name.txt" >"$tmp/diff"; then
		pass "$name"
	else
		head -40 "$tmp/diff" >&2
		fail "$name differs from tests/golden/$name.txt (REGEN=1 to accept)"
	fi
}

for doc in article:content/cancer-spread-during-chemotherapy.yaml \
	   every-block:tests/data/plain/every-block.yaml; do
	base=${doc%%:*}
	file=$top_srcdir/${doc#*:}
	compare "$base-w80" --width 80 "$file"
	compare "$base-w0" --width 0 "$file"
	compare "$base-w40-ascii" --width 40 --ascii "$file"
done

finish
