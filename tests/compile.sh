#!/bin/sh
# compile.sh - compiled articles from the outside: --compile's output and
# exit codes, the bundled articles compiled by `make` into the build tree
# (the same bytes --compile writes now), the build tree's handout taking a
# document from there and from nowhere else, any damage to it read as a
# miss, and nothing written when an article is only read.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

forge=$top_builddir/tests/cache_forge
cache=$top_builddir/cache
fixture=$top_srcdir/tests/data/plain/every-block.yaml
minimal=$top_srcdir/tests/data/loader/minimal.yaml
[ -x "$forge" ] || { echo "tests/cache_forge is not built" >&2; exit 99; }

# --- the command line ---------------------------------------------------
run --compile
check_eq "--compile without DIR exits 2" "$status" 2
run --compile "$tmp/c"
check_eq "--compile without FILE exits 2" "$status" 2
check_match "--compile without FILE says so" "$err" "^handout: --compile needs at least one FILE"
run --compile "$tmp/c" --kiosk "$fixture"
check_eq "--compile with --kiosk exits 2" "$status" 2
check_match "--compile with --kiosk says so" "$err" "^handout: --compile cannot be used with --kiosk"
run --plain --compile "$tmp/c" "$fixture"
check_eq "--compile with --plain exits 2" "$status" 2
run --import "$fixture" --compile "$tmp/c"
check_eq "--import with --compile exits 2" "$status" 2
check_eq "a usage error writes nothing" "$(test -e "$tmp/c" && echo written)" ""

printf 'schema: 1\nid: bad\ntitle: Bad\nsurprise: yes\n' >"$tmp/bad.yaml"
run --compile "$tmp/c" "$fixture" "$tmp/bad.yaml" "$tmp/missing.yaml" "$minimal"
check_eq "--compile with a bad file exits 1" "$status" 1
check_match "a bad file is named FILE:LINE:COLUMN" "$err" "^$tmp/bad\.yaml:4:1: unknown key"
check_match "a missing file is named" "$err" "^handout: $tmp/missing\.yaml: cannot open"
check_empty "--compile prints nothing on stdout" "$out"
check_eq "the good files are compiled, the bad ones not" \
	"$(ls "$tmp/c" | grep -Ec '^[0-9a-f]{16}\.cache$')" 2
check_eq "and nothing else is written" "$(ls -A "$tmp/c" | wc -l | tr -d ' ')" 2
check_eq "caches are written 0644" \
	"$(find "$tmp/c" -name '*.cache' ! -perm 0644 | wc -l | tr -d ' ')" 0
: >"$tmp/file"
run --compile "$tmp/file" "$fixture"
check_eq "a DIR that is a file exits 1" "$status" 1
check_match "and says it cannot write" "$err" "^handout: $tmp/file/[0-9a-f]{16}\.cache: cannot write: "

# --- the build tree's caches --------------------------------------------
if [ ! -f "$cache/stamp" ]; then
	# A cross build compiles nothing (configure says so); then the rest
	# has nothing to look at.
	not_run "the build tree's caches (none: make did not compile any)"
	finish
fi
run --compile "$tmp/now" "$top_srcdir"/content/*.yaml
check_eq "--compile on the bundled articles exits 0" "$status" 0
check_eq "make compiled every bundled article" \
	"$(ls "$cache"/*.cache | wc -l | tr -d ' ')" \
	"$(ls "$top_srcdir"/content/*.yaml | wc -l | tr -d ' ')"
same=yes
for f in "$tmp"/now/*.cache; do
	cmp -s "$f" "$cache/${f##*/}" || same=no
done
check_eq "the build tree's caches are what --compile writes (byte for byte)" "$same" yes

# An article of this run's own, so no other test shares its cache file,
# and a cache that says its text is every-block.yaml's document.
article=$tmp/own.yaml
{ printf '# compile.sh %s %s\n' "$$" "$(date +%s%N)"; cat "$minimal"; } >"$article"
"$HANDOUT" --plain --width 60 "$fixture" >"$tmp/fixture.txt"
"$HANDOUT" --plain --width 60 "$article" >"$tmp/article.txt"
name=$("$forge" "$cache" "$article" "$fixture") || { fail "cache_forge failed"; finish; }
trap 'rm -f "$cache/$name"; rm -rf "$tmp"' EXIT
run --plain --width 60 "$article"
check_eq "the build tree's handout takes the build tree's cache" "$out" "$(cat "$tmp/fixture.txt")"
run --validate "$article"
check_eq "--validate takes it too" "$status" 0

# Copied out of its build tree, the program looks in the installed
# folder, not here.
cp "$HANDOUT" "$tmp/handout-elsewhere"
"$tmp/handout-elsewhere" --plain --width 60 "$article" >"$tmp/elsewhere.txt" 2>&1
check_eq "a binary outside the build tree ignores its cache" \
	"$(cat "$tmp/elsewhere.txt")" "$(cat "$tmp/article.txt")"

# Damage of any kind: the file is parsed, nothing is said.
cp "$cache/$name" "$tmp/forged"
size=$(wc -c <"$tmp/forged")
for at in 3 9 20 30 44 60 $((size / 2)) $((size - 1)); do
	cp "$tmp/forged" "$cache/$name"
	printf '\377' | dd of="$cache/$name" bs=1 seek="$at" conv=notrunc 2>/dev/null
	run --plain --width 60 "$article"
	check_eq "a byte changed at $at: parsed" "$out" "$(cat "$tmp/article.txt")"
	check_empty "a byte changed at $at: nothing said" "$err"
done
head -c $((size - 7)) "$tmp/forged" >"$cache/$name"
run --plain --width 60 "$article"
check_eq "a cut cache: parsed" "$out" "$(cat "$tmp/article.txt")"
cp "$tmp/forged" "$cache/$name"
chmod 0666 "$cache/$name"
run --plain --width 60 "$article"
check_eq "a cache others could write: parsed" "$out" "$(cat "$tmp/article.txt")"
chmod 0644 "$cache/$name"
run --plain --width 60 "$article"
check_eq "made whole again: taken" "$out" "$(cat "$tmp/fixture.txt")"
rm -f "$cache/$name"

# Reading writes nothing, in any mode.
before=$(ls -A "$cache")
printf '# another %s\n' "$$" | cat - "$minimal" >"$tmp/new.yaml"
run --plain "$tmp/new.yaml"
run --validate "$tmp/new.yaml"
printf 'q\n' | TERM=dumb "$HANDOUT" --kiosk --accessible "$tmp/new.yaml" >/dev/null 2>&1
check_eq "opening an article writes no cache" "$(ls -A "$cache")" "$before"
finish
