#!/bin/sh
# README.md must list every key the reader binds, with the help text the
# help screen shows, and every option --help prints: a new key or option
# without documentation fails here.
. "$top_srcdir/tests/lib.sh"

readme="$top_srcdir/README.md"
"$top_builddir/tests/help_dump" >"$tmp/rows" || fail "help_dump failed"
while IFS= read -r row; do
	checks=$((checks + 1))
	if grep -qxF -- "$row" "$readme"; then
		pass "README has key row $row"
	else
		fail "README.md lacks the key row: $row"
	fi
done <"$tmp/rows"
checks=$((checks + 1))
[ -s "$tmp/rows" ] || fail "help_dump printed no keys"

for opt in $("$HANDOUT" --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do
	checks=$((checks + 1))
	if grep -q -- "$opt" "$readme"; then
		pass "README mentions $opt"
	else
		fail "README.md does not mention $opt"
	fi
done
finish
