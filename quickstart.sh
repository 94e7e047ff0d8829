#!/bin/sh
# quickstart.sh - set up handout on a fresh Debian 12 machine and run it.
#
#   ./quickstart.sh          install what building and running needs, build,
#                            open the bundled articles (their library)
#   ./quickstart.sh check    also install what the tests need, build, and run
#                            the whole test suite
#
# Builds in ./build so the source tree stays clean.  Needs root or sudo only
# when packages are missing.  With CI=true (as CI runs it) a skipped test is
# a failure: CI must run everything, so a skip there means an install step
# is missing.
set -eu

cd "$(dirname "$0")"

mode=${1:-run}
case $mode in
run | check) ;;
*)
	echo "usage: $0 [check]" >&2
	exit 2
	;;
esac

# What building and running handout needs, as Debian package names.
run_packages="build-essential autoconf automake pkg-config libncurses-dev libyaml-dev"
# The Markdown importer (handout --import): CommonMark with GitHub tables.
run_packages="$run_packages libcmark-gfm-dev libcmark-gfm-extensions-dev"
# What the tests need on top: Check for the unit tests, tmux for the
# terminal sessions, clang and its runtime for the fuzzers, valgrind; and
# for the deployment tests, the Debian package tools, a real OpenSSH
# server and client, and systemd-analyze.
check_packages="check libsubunit-dev tmux clang libclang-rt-14-dev valgrind \
debhelper dpkg-dev lintian autopkgtest git openssh-server openssh-client \
systemd man-db"

packages=$run_packages
[ "$mode" = check ] && packages="$packages $check_packages"

missing=""
for p in $packages; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
		missing="$missing $p"
done
if [ -n "$missing" ]; then
	if [ "$(id -u)" -eq 0 ]; then
		sudo=""
	elif command -v sudo >/dev/null 2>&1; then
		sudo="sudo"
	else
		echo "quickstart: these packages are missing:$missing" >&2
		echo "quickstart: run this as root, or install sudo" >&2
		exit 1
	fi
	echo "quickstart: installing ($mode):$missing"
	# The tests run their own sshd on 127.0.0.1; the system's ssh service
	# is not wanted.  Debian's documented switch keeps it from starting
	# (remove the file to use it).
	case " $missing " in
	*" openssh-server "*)
		$sudo mkdir -p /etc/ssh
		$sudo touch /etc/ssh/sshd_not_to_be_run
		echo "quickstart: /etc/ssh/sshd_not_to_be_run keeps the system's sshd off"
		;;
	esac
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
fi

[ -x configure ] && [ configure -nt configure.ac ] && [ configure -nt Makefile.am ] ||
	autoreconf -fi
mkdir -p build
cd build
# Configure again when packages came in: configure decides what to build
# (the unit tests need Check) from what it finds installed.
if [ -n "$missing" ] || ! [ -f Makefile ] || ! [ Makefile -nt ../Makefile.am ] ||
	! [ Makefile -nt ../configure ]; then
	../configure -q
fi
make -j"$(nproc 2>/dev/null || echo 2)" >/dev/null

if [ "$mode" = run ]; then
	exec ./src/handout
fi

jobs=$(nproc 2>/dev/null || echo 2)
status=0
make -j"$jobs" check || status=$?
# The logs of what failed, not of everything; and why each skip skipped.
for trs in $(grep -l '^:test-result: \(FAIL\|ERROR\|XPASS\)' tests/*.trs 2>/dev/null); do
	log=${trs%.trs}.log
	echo "==== $log: what failed"
	grep -n -A 3 '^FAIL\|^not ok\|:[EF]:' "$log" | head -n 60
	echo "==== $log: its end"
	tail -n 20 "$log"
done
for trs in $(grep -l '^:test-result: SKIP' tests/*.trs 2>/dev/null); do
	echo "==== skipped: ${trs%.trs}: $(grep -m 1 'SKIP' "${trs%.trs}.log")"
done
count() {
	grep -c "^:test-result: $1" tests/*.trs /dev/null | awk -F: '{s+=$NF} END {print s+0}'
}
pass=$(count PASS) fail=$(count '\(FAIL\|ERROR\|XPASS\)') skip=$(count SKIP)
if [ "$status" -eq 0 ]; then
	# Sanitizers, valgrind and the fuzzers; each part prints one
	# "ci-extra: PASS|FAIL|SKIPPED" line.
	# (set -e would end the group at a failing part before its status
	# is written down.)
	{ st=0; sh ../tests/ci-extra.sh || st=$?; echo "$st" >ci-extra.status; } 2>&1 | tee ci-extra.out
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
	# The Debian package from a clean export of HEAD, lintian, and its
	# autopkgtest tests against the installed .deb; one "deb:
	# PASS|FAIL|SKIPPED" line per part.  nocheck: make check and distcheck
	# have just tested this same tree.
	{ st=0; DEB_BUILD_OPTIONS=nocheck sh ../deploy/test-deb.sh deb || st=$?; echo "$st" >deb.status; } 2>&1 | tee deb.out
	[ "$(cat deb.status)" -eq 0 ] || status=1
	debparts() {
		awk -v r="$1" '$1 == "deb:" && $2 == r { n++ } END { print n + 0 }' deb.out
	}
	pass=$((pass + $(debparts PASS)))
	fail=$((fail + $(debparts FAIL)))
	skip=$((skip + $(debparts SKIPPED)))
fi
# One closing line a person or CI can read without digging in logs.
if [ "$skip" -gt 0 ] && [ "${CI:-}" = true ]; then
	status=1
	echo "$pass passed, $fail failed, $skip skipped (in CI a skip is a failure: an install step is missing)"
else
	echo "$pass passed, $fail failed, $skip skipped"
fi
exit "$status"
