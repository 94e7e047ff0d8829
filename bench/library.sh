#!/bin/sh
# library.sh - the library at scale: a generated folder of articles, listed,
# searched and validated.
#
#   bench/library.sh [--runs N] [--articles N] [--keep DIR]
#
# Generates N articles (default 1000) with bench/genarticle --library and
# measures, each figure in a fresh process (bench/libbench), the median
# [min-max] over the runs (default 5):
#  - the library screen's first draw, as far as the core goes:
#    library_open() and the headers of the first 24 articles;
#  - a search across every article, for a word in a few articles
#    ("zebrafish", 5 of 1000), a word once in every article
#    ("lymphoedema": every article loaded and searched) and a word many
#    times in every article ("cancer": the search stops at its 1000th
#    match), cold (the process's first search) and warm (the same again,
#    with the documents the first one kept), with the cold search's CPU
#    time (on a machine shared with other work, wall time is not all
#    ours);
#  - the first screen of results: library_search_part() for 24 matches,
#    cold, for each word;
#  - the peak resident memory (VmHWM) of each of those processes;
#  - the wall time and peak RSS of handout --validate DIR and --list DIR;
#  - the word in every article again, cold, with every article compiled
#    (handout --compile), as a clinic would ship a library it does not
#    edit every day.  The compiled copies go into the build tree's cache/,
#    where the build tree's programs look, and are taken out again on any
#    exit.
# "Cold" means a process that has loaded nothing; the files are in the page
# cache all the same (the generator has just written them).  The targets
# are the ones the library was built to: a first screen under 100 ms, a
# search under 300 ms, under 64 MiB, --validate DIR under 5 s.  Exits 0
# when every figure was taken (met or not), 1 when one could not be.
#
# Run by `make bench-library` from the build tree, which builds what it
# needs first; standalone, set top_builddir.  --keep DIR leaves the
# generated library in DIR.
set -eu

runs=5
articles=1000
keep=""
# shellcheck source=bench/benchlib.sh
. "$(dirname "$0")/benchlib.sh"
bench_args "runs articles keep" "$@"

handout=${HANDOUT:-$top_builddir/src/handout}
libbench=$top_builddir/bench/libbench
genarticle=$top_builddir/bench/genarticle
for p in "$handout" "$libbench" "$genarticle"; do
	[ -x "$p" ] || {
		echo "library.sh: $p is not built: run make bench-library" >&2
		exit 1
	}
done
command -v awk >/dev/null 2>&1 || {
	echo "library.sh: 'awk' is not installed: apt-get install mawk" >&2
	exit 1
}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/handout-library.XXXXXX")
cache=$top_builddir/cache
# Only the copies this run put into cache/ are taken out.
cleanup() {
	if [ -s "$tmp/copied" ]; then
		while read -r c; do rm -f "$cache/$c"; done <"$tmp/copied"
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' HUP INT TERM
lib=${keep:-$tmp/lib}
mkdir -p "$lib"
"$genarticle" --library "$lib" "$articles"

echo "handout library benchmark"
echo "date:     $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine:  $(nproc) CPU, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1), $(uname -sr), load $(cut -d ' ' -f 1-3 /proc/loadavg)"
echo "handout:  $("$handout" --version | head -n 1)"
for f in "$lib"/*.yaml; do wc -c <"$f"; done | sort -n | awk -v n="$articles" '
	{ s[NR] = $1; t += $1 }
	END { printf "library:  %d articles, %.1f MB, %.1f KB to %.1f KB each (median %.1f KB)\n",
		n, t / 1e6, s[1] / 1e3, s[NR] / 1e3, s[int((NR + 1) / 2)] / 1e3 }'
echo "runs:     $runs per figure, each in a fresh process; median [min-max]"
if ! "$handout" --validate "$lib" >"$tmp/validate.log" 2>&1; then
	echo "library.sh: handout --validate refuses the generated library:" >&2
	head -n 5 "$tmp/validate.log" >&2
	exit 1
fi

# spread FILE COLUMN: "median [min-max]" of a column of FILE.
spread() {
	sort -n -k "$2,$2" "$1" | awk -v c="$2" '{ v[NR] = $c }
		END { if (!NR) { print "?"; exit }
		      m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
		      printf "%s [%s-%s]", m, v[1], v[NR] }'
}
median() {
	sort -n -k "$2,$2" "$1" | awk -v c="$2" '{ v[NR] = $c }
		END { print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
# row LABEL VALUE TARGET: one line of the table.
row() {
	printf '%-52s %-26s %s\n' "$1" "$2" "$3"
}
# verdict FILE COLUMN LIMIT: "met" or "MISSED" for the median against LIMIT.
verdict() {
	awk -v m="$(median "$1" "$2")" -v l="$3" 'BEGIN { print (m < l ? "met" : "MISSED") }'
}

status=0
i=0
while [ "$i" -lt "$runs" ]; do
	i=$((i + 1))
	"$libbench" open "$lib" 24 >>"$tmp/open" || status=1
	for w in zebrafish lymphoedema cancer; do
		"$libbench" search "$lib" "$w" >>"$tmp/search-$w" || status=1
		"$libbench" part "$lib" "$w" 24 >>"$tmp/part-$w" || status=1
	done
	"$libbench" run "$handout" --validate "$lib" >>"$tmp/validate" || status=1
	"$libbench" run "$handout" --list "$lib" >>"$tmp/list" || status=1
done

# The compiled pass: written by the build tree's handout, whose key the
# build tree's libbench shares (a copy another program wrote is a miss).
mkdir "$tmp/compiled"
: >"$tmp/copied"
"$top_builddir/src/handout" --compile "$tmp/compiled" "$lib"/*.yaml >/dev/null || status=1
for c in "$tmp/compiled"/*.cache; do
	c=${c##*/}
	[ -e "$cache/$c" ] && continue
	echo "$c" >>"$tmp/copied"
	cp "$tmp/compiled/$c" "$cache/$c"
done
i=0
while [ "$i" -lt "$runs" ]; do
	i=$((i + 1))
	"$libbench" search "$lib" lymphoedema >>"$tmp/compiled-search" || status=1
done

for f in "$tmp/validate" "$tmp/list"; do
	awk '$3 != 0 { bad = 1 } END { exit bad }' "$f" || {
		echo "library.sh: a handout run failed (${f##*/})" >&2
		status=1
	}
done

echo
printf '%-52s %-26s %s\n' "figure" "median [min-max]" "target"
row "first screen: open + 24 headers (ms)" "$(spread "$tmp/open" 1)" "< 100 ($(verdict "$tmp/open" 1 100))"
row "  peak RSS (KiB)" "$(spread "$tmp/open" 2)" "< 65536 ($(verdict "$tmp/open" 2 65536))"
for w in zebrafish lymphoedema cancer; do
	f=$tmp/search-$w
	n=$(median "$f" 3)
	t=$(median "$f" 4)
	[ "$t" = 1 ] && n="$n, truncated"
	row "search '$w' ($n matches) cold (ms)" "$(spread "$f" 1)" "< 300 ($(verdict "$f" 1 300))"
	row "  its CPU time (ms)" "$(spread "$f" 6)" "< 300 ($(verdict "$f" 6 300))"
	row "  warm (ms)" "$(spread "$f" 2)" "< 300 ($(verdict "$f" 2 300))"
	row "  peak RSS (KiB)" "$(spread "$f" 5)" "< 65536 ($(verdict "$f" 5 65536))"
	f=$tmp/part-$w
	row "  first $(median "$f" 2) matches, cold (ms)" "$(spread "$f" 1)" "< 300 ($(verdict "$f" 1 300))"
done
row "handout --validate DIR (ms)" "$(spread "$tmp/validate" 1)" "< 5000 ($(verdict "$tmp/validate" 1 5000))"
row "  peak RSS (KiB)" "$(spread "$tmp/validate" 2)" "< 65536 ($(verdict "$tmp/validate" 2 65536))"
row "handout --list DIR (ms)" "$(spread "$tmp/list" 1)" ""
row "  peak RSS (KiB)" "$(spread "$tmp/list" 2)" "< 65536 ($(verdict "$tmp/list" 2 65536))"
f=$tmp/compiled-search
echo "compiled: $(wc -l <"$tmp/copied") copies put into $cache for the next rows"
row "search 'lymphoedema' ($(median "$f" 3)), compiled, cold (ms)" "$(spread "$f" 1)" "< 300 ($(verdict "$f" 1 300))"
row "  its CPU time (ms)" "$(spread "$f" 6)" "< 300 ($(verdict "$f" 6 300))"
row "  peak RSS (KiB)" "$(spread "$f" 5)" "< 65536 ($(verdict "$f" 5 65536))"
exit "$status"
