#!/bin/sh
# fuzz/run.sh - run the libFuzzer targets for a bounded time each.
#
#   sh fuzz/run.sh BUILDDIR [SECONDS]     (default 60 s per target)
#
# BUILDDIR was configured with CC=clang --enable-fuzzers.  Each target
# starts from a corpus seeded with the bundled article, the hostile corpus
# (check_hostile --write) and the regressions, and uses fuzz/yaml.dict for
# the loader; the importer's starts from the NCI pages and its regressions,
# with fuzz/markdown.dict; the compiled-article reader's from every article
# and fixture compiled (handout --compile) and its regressions.  A crash leaves crash-* in BUILDDIR/fuzz-out/TARGET/: copy it
# to fuzz/regressions/TARGET/ once fixed, so make check replays it.
# Exit status: 0 when no target found anything.
set -u
build=${1:?usage: run.sh BUILDDIR [SECONDS]}
secs=${2:-60}
src=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "$build" && pwd)
out=$build/fuzz-out
status=0

for t in loader command import doccache; do
	bin=$build/fuzz/fuzz_$t
	[ -x "$bin" ] || { echo "fuzz/run.sh: $bin not built (configure CC=clang --enable-fuzzers)" >&2; exit 2; }
	corpus=$out/$t/corpus
	mkdir -p "$corpus"
	cp "$src"/fuzz/regressions/$t/* "$corpus"/ 2>/dev/null
	if [ $t = loader ]; then
		cp "$src"/content/*.yaml "$src"/tests/data/*/*.yaml "$corpus"/ 2>/dev/null
		# The hostile corpus, but not its megabyte cases: libFuzzer
		# reads only the first max_len bytes anyway.
		make -s -C "$build" tests/check_hostile >/dev/null 2>&1
		"$build"/tests/check_hostile --write "$out/hostile" >/dev/null &&
			find "$out/hostile" -name '*.yaml' -size -64k -exec cp {} "$corpus"/ \;
		dict=-dict=$src/fuzz/yaml.dict
		maxlen=-max_len=65536
	elif [ $t = doccache ]; then
		"$build"/src/handout --compile "$corpus" "$src"/content/*.yaml \
			"$src"/tests/data/*/*.yaml >/dev/null 2>&1
		dict=""
		maxlen=-max_len=65536
	elif [ $t = import ]; then
		cp "$src"/tests/data/nci/*.md "$corpus"/ 2>/dev/null
		dict=-dict=$src/fuzz/markdown.dict
		maxlen=-max_len=65536
	else
		printf 'n\nn\nt\nf\nf 3\nc\nx 2\nx 2\ns\n/cancer\n/\nh\nr\np\nq\n' >"$corpus/session"
		printf '7\nx99999999999999999999\nF 1\n  next  \n\001\033[31m\nsave\ny\n' >"$corpus/odd"
		dict=""
		maxlen=-max_len=4096
	fi
	echo "fuzz/run.sh: $t for ${secs}s ($(ls "$corpus" | wc -l) seeds)"
	# shellcheck disable=SC2086
	(cd "$out/$t" && top_srcdir=$src ASAN_OPTIONS=detect_leaks=1 \
		"$bin" $dict $maxlen -max_total_time="$secs" -timeout=10 \
		-rss_limit_mb=2048 -print_final_stats=1 corpus) >"$out/$t.log" 2>&1
	st=$?
	tail -n 12 "$out/$t.log" | grep -E 'stat::number_of_executed_units|SUMMARY|ERROR' | tail -n 4
	grep -E '^#[0-9]+.*(DONE|pulse)' "$out/$t.log" | tail -n 1
	if [ $st -ne 0 ]; then
		echo "fuzz/run.sh: $t FOUND A FAILURE (status $st); see $out/$t.log and $out/$t/crash-*" >&2
		status=1
	fi
done
exit $status
