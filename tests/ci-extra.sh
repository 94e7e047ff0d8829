#!/bin/sh
# ci-extra.sh - the hardening checks beyond `make check`, for CI and by hand:
#
#   1. a build with --enable-sanitizers (ASan+UBSan, halting on the first
#      error) and its `make check`
#   2. tests/valgrind.sh: the unit tests and plain output under memcheck
#   3. the libFuzzer targets (loader, line-mode commands, Markdown
#      importer, compiled articles) for FUZZ_SECONDS each (default 60),
#      when clang with libFuzzer is there (Debian: clang,
#      libclang-rt-14-dev)
#
#   sh tests/ci-extra.sh            from a configured build folder whose
#                                   `make check` has passed (quickstart.sh
#                                   check runs it from ./build)
#
# Each part builds in its own folder inside the current one (ci-san,
# ci-fuzz), never in the source tree.  Prints one line per part and a
# summary; exits non-zero if any part failed.  A part whose tool is missing
# (valgrind, clang) is reported as SKIPPED, not passed.
set -u
here=$(pwd)
src=$(cd "$(dirname "$0")/.." && pwd)
jobs=$(nproc 2>/dev/null || echo 2)
secs=${FUZZ_SECONDS:-60}
parts_prefix=ci-extra:
# shellcheck source=tests/parts.sh
. "$src/tests/parts.sh"

# 1. sanitizers
t0=$(date +%s)
san=$here/ci-san
mkdir -p "$san"
(
	cd "$san" &&
		{ [ -f Makefile ] || "$src/configure" -q --enable-sanitizers; } &&
		make -j"$jobs" >/dev/null &&
		ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
			make -j"$jobs" check >make-check.out 2>&1
)
st=$?
if [ $st -ne 0 ]; then
	tail -n 40 "$san/make-check.out" 2>/dev/null
	cat "$san"/tests/*.log 2>/dev/null | grep -E -A15 'ERROR: AddressSanitizer|runtime error' | head -n 60
	# The end of each failed test's log: what it saw, not only its name.
	for trs in $(grep -l '^:test-result: \(FAIL\|ERROR\)' "$san"/tests/*.trs 2>/dev/null); do
		echo "==== sanitizers: ${trs%.trs}.log, its end"
		tail -n 30 "${trs%.trs}.log"
	done
fi
part "sanitizers: make check" $st "$(since "$t0")"

# 2. valgrind, on this (plain) build
t0=$(date +%s)
make -j"$jobs" check TESTS= >/dev/null 2>&1
sh "$src/tests/valgrind.sh" "$here"
part "valgrind: unit tests, plain output" $? "$(since "$t0")"

# 3. fuzzers
t0=$(date +%s)
fz=$here/ci-fuzz
if command -v clang >/dev/null 2>&1; then
	mkdir -p "$fz"
	(
		cd "$fz" &&
			{ [ -f Makefile ] || "$src/configure" -q CC=clang --enable-fuzzers; }
	) >"$here/fuzz-configure.out" 2>&1
	st=$?
	if [ $st -ne 0 ] && grep -q 'needs clang with libFuzzer' "$here/fuzz-configure.out"; then
		cat "$here/fuzz-configure.out"
		st=77
	elif [ $st -eq 0 ]; then
		make -C "$fz" -j"$jobs" >/dev/null 2>&1 &&
			sh "$src/fuzz/run.sh" "$fz" "$secs"
		st=$?
	fi
else
	echo "ci-extra: clang not found; fuzzers not run"
	st=77
fi
part "fuzzers: ${secs}s per target" $st "$(since "$t0")"

echo
echo "ci-extra summary:"
printf '%s' "$results"
[ $failed -eq 0 ] && echo "ci-extra: all parts passed" || echo "ci-extra: SOME PARTS FAILED"
exit $failed
