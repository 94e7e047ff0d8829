#!/bin/sh
# quickstart.sh - set up handout on a fresh Debian 12 machine and run it.
#
#   ./quickstart.sh          install what is missing, build, open the bundled article
#   ./quickstart.sh check    the same set-up, then run the whole test suite
#
# Builds in ./build so the source tree stays clean.  Needs root or sudo only
# when packages are missing.
set -eu

cd "$(dirname "$0")"
top=$(pwd)

# Build and test dependencies, as Debian package names.
packages="build-essential autoconf automake pkg-config libncurses-dev libyaml-dev \
check libsubunit-dev tmux less clang libclang-rt-14-dev valgrind"

missing=""
for p in $packages; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
		missing="$missing $p"
done
if [ -n "$missing" ]; then
	echo "quickstart: installing:$missing"
	if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
fi

[ -x configure ] && [ configure -nt configure.ac ] && [ configure -nt Makefile.am ] ||
	autoreconf -fi
mkdir -p build
cd build
[ -f Makefile ] && [ Makefile -nt ../Makefile.am ] || ../configure -q
make -j"$(nproc 2>/dev/null || echo 2)" >/dev/null

case "${1:-run}" in
run)
	exec ./src/handout
	;;
check)
	status=0
	make -j"$(nproc 2>/dev/null || echo 2)" check || status=$?
	# One closing line a person or CI can read without digging in logs.
	pass=$(grep -c '^:test-result: PASS' $(find tests -name '*.trs') /dev/null | awk -F: '{s+=$NF} END {print s+0}')
	fail=$(grep -c '^:test-result: \(FAIL\|ERROR\|XPASS\)' $(find tests -name '*.trs') /dev/null | awk -F: '{s+=$NF} END {print s+0}')
	skip=$(grep -c '^:test-result: SKIP' $(find tests -name '*.trs') /dev/null | awk -F: '{s+=$NF} END {print s+0}')
	[ "$status" -eq 0 ] || { cat tests/*.log 2>/dev/null | tail -n 60; }
	echo "$pass passed, $fail failed, $skip skipped"
	# Sanitizers, valgrind and the fuzzers (issue 6), once the suite passed.
	[ "$status" -ne 0 ] || sh ../tests/ci-extra.sh || status=$?
	exit "$status"
	;;
*)
	echo "usage: $0 [check]" >&2
	exit 2
	;;
esac
