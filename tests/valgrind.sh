#!/bin/sh
# valgrind.sh - the unit tests and a plain-output run under valgrind
# memcheck: no invalid read or write, no use of uninitialised memory, no
# leak ("definitely" or "indirectly" lost, or "possibly" lost).
#
#   sh tests/valgrind.sh [BUILDDIR]      (default: the current folder)
#
# BUILDDIR is a plain build (not --enable-sanitizers: ASan and valgrind do
# not mix) on which `make check` has built the tests.  Check runs each test
# in-process (CK_FORK=no) so valgrind sees it; check_hostile runs with a
# sample of its corpus to stay within a few minutes.  Not part of
# `make check` (it takes minutes); tests/ci-extra.sh runs it.
# Exit status: 0 clean, 1 an error or leak, 77 valgrind not installed.
set -u
build=$(cd "${1:-.}" && pwd)
src=$(cd "$(dirname "$0")/.." && pwd)
command -v valgrind >/dev/null 2>&1 || { echo "SKIP: valgrind not found"; exit 77; }
log=$build/valgrind-logs
rm -rf "$log"
mkdir -p "$log"

export top_srcdir="$src" top_builddir="$build" CK_FORK=no LC_ALL=C.UTF-8
export CK_VERBOSITY=silent CK_DEFAULT_TIMEOUT=600 HOSTILE_STEP=${HOSTILE_STEP:-13}
vg() {
	name=$1
	shift
	valgrind --quiet --error-exitcode=42 --leak-check=full \
		--show-leak-kinds=definite,indirect,possible \
		--errors-for-leak-kinds=definite,indirect,possible \
		--log-file="$log/$name.%p" "$@" >"$log/$name.out" 2>&1
}

status=0
started=$(date +%s)
for t in "$build"/tests/check_*; do
	[ -x "$t" ] && [ -f "$t" ] || continue
	case $t in *.o | *.log | *.trs) continue ;; esac
	name=${t##*/}
	t0=$(date +%s)
	vg "$name" "$t"
	st=$?
	secs=$(($(date +%s) - t0))
	if [ $st -eq 0 ]; then
		echo "valgrind: $name clean (${secs}s)"
	else
		echo "valgrind: $name FAILED (status $st, ${secs}s); see $log/$name.*" >&2
		cat "$log/$name".[0-9]* 2>/dev/null | head -n 40 >&2
		status=1
	fi
done

# The program itself, plain output of the bundled article (from the build
# tree's compiled copy) and of a file with every block kind (parsed), at
# two widths and in ASCII, and compiling one.
for args in "--plain --width 0" "--plain --width 20 --ascii" \
	"--plain --width 33 $src/tests/data/plain/every-block.yaml" \
	"--compile $log/compiled $src/tests/data/plain/every-block.yaml" \
	"--validate $src/tests/data/loader/billion-laughs.yaml" \
	"--import $src/tests/data/nci/nci-chemotherapy.md"; do
	name=handout-$(printf '%s' "$args" | tr -c 'a-z0-9' '-' | cut -c1-40)
	# shellcheck disable=SC2086
	vg "$name" "$build/src/handout" $args </dev/null
	st=$?
	# --validate of a bad file exits 1: that is its answer, not valgrind's.
	if [ $st -eq 42 ] || [ -s "$(ls "$log/$name".[0-9]* 2>/dev/null | head -n 1)" ]; then
		echo "valgrind: handout $args FAILED; see $log/$name.*" >&2
		cat "$log/$name".[0-9]* | head -n 40 >&2
		status=1
	else
		echo "valgrind: handout $args clean"
	fi
done
echo "valgrind: done in $(($(date +%s) - started))s"
exit $status
