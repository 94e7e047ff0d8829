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
	jobs=$(nproc 2>/dev/null || echo 2)
	status=0
	make -j"$jobs" check || status=$?
	# The logs of what failed, not of everything.
	for trs in $(grep -l '^:test-result: \(FAIL\|ERROR\|XPASS\)' tests/*.trs 2>/dev/null); do
		echo "==== ${trs%.trs}.log"
		tail -n 40 "${trs%.trs}.log"
	done
	count() {
		grep -c "^:test-result: $1" tests/*.trs /dev/null | awk -F: '{s+=$NF} END {print s+0}'
	}
	pass=$(count PASS) fail=$(count '\(FAIL\|ERROR\|XPASS\)') skip=$(count SKIP)
	if [ "$status" -eq 0 ]; then
		# Sanitizers, valgrind and the fuzzers (issue 6); each part
		# prints one "ci-extra: PASS|FAIL|SKIPPED" line.
		{ sh ../tests/ci-extra.sh; echo $? >ci-extra.status; } 2>&1 | tee ci-extra.out
		[ "$(cat ci-extra.status)" -eq 0 ] || status=1
		parts() {
			awk -v r="$1" '$1 == "ci-extra:" && $2 == r { n++ } END { print n + 0 }' ci-extra.out
		}
		pass=$((pass + $(parts PASS)))
		fail=$((fail + $(parts FAIL)))
		skip=$((skip + $(parts SKIPPED)))
		# The release tarball builds, tests, installs and uninstalls.
		echo "distcheck: building and testing the release tarball"
		if make -j"$jobs" distcheck >distcheck.out 2>&1; then
			pass=$((pass + 1))
			echo "distcheck: PASS"
		else
			fail=$((fail + 1))
			status=1
			tail -n 60 distcheck.out
			echo "distcheck: FAIL"
		fi
	fi
	# One closing line a person or CI can read without digging in logs.
	echo "$pass passed, $fail failed, $skip skipped"
	exit "$status"
	;;
*)
	echo "usage: $0 [check]" >&2
	exit 2
	;;
esac
