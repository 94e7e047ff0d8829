#!/bin/sh
# test-deb.sh - the Debian package end to end, as CI runs it:
#
#   1. deploy/build-deb.sh: the .deb from a clean export of HEAD (outside
#      git: of the tree, deploy/export-tree.sh), lintian
#      with no error and no warning;
#   2. the package's autopkgtest tests (debian/tests) against that .deb,
#      installed into this machine: `autopkgtest DEB TREE/ -- null`.
#
#   sh deploy/test-deb.sh [OUTDIR]      (default ./deb; quickstart.sh check
#                                       runs it from ./build)
#
# OUTDIR also gets autopkgtest.log (autopkgtest's own output),
# autopkgtest-tests.log (every test's output) and autopkgtest.summary.
#
# The null testbed is this machine itself, so step 2 needs root and installs
# handout (and the tests' dependencies) with apt; a handout package that was
# not installed before is purged again afterwards.  Prints one
# "deb: PASS|FAIL|SKIPPED  part  seconds" line per part (the build, then
# each autopkgtest test), then exits non-zero if any part failed.
set -u
src=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-deb}
parts_prefix=deb:
# shellcheck source=tests/parts.sh
. "$src/tests/parts.sh"

t0=$(date +%s)
sh "$src/deploy/build-deb.sh" "$out"
st=$?
part "build (clean export) + lintian" $st "$(since "$t0")"
if [ $st -ne 0 ]; then
	part "autopkgtest (not run: no package)" 77 0
	exit $failed
fi
out=$(cd "$out" && pwd)
version=$(dpkg-parsechangelog -l "$src/debian/changelog" -S Version)
deb=$(ls "$out"/handout_"$version"_*.deb)

t0=$(date +%s)
if [ "$(id -u)" -ne 0 ]; then
	echo "deb: autopkgtest needs root (it installs the package on this machine)"
	part "autopkgtest (installed package)" 77 0
	exit $failed
fi
if ! command -v autopkgtest >/dev/null 2>&1; then
	echo "deb: autopkgtest not found: apt-get install autopkgtest"
	part "autopkgtest (installed package)" 77 0
	exit $failed
fi
was_installed=no
dpkg-query -W -f='${Status}' handout 2>/dev/null | grep -q 'install ok installed' && was_installed=yes
work=$(mktemp -d "${TMPDIR:-/tmp}/handout-autopkgtest.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir "$work/tree"
# shellcheck source=deploy/export-tree.sh
. "$src/deploy/export-tree.sh"
export_tree "$src" "$work/tree" "$out" >/dev/null || exit 1
autopkgtest --output-dir "$work/out" "$deb" "$work/tree/" -- null >"$out/autopkgtest.log" 2>&1
st=$?
# 0 all passed, 2 some skipped, 4 a test failed, 8 none ran, others: trouble.
[ ! -f "$work/out/log" ] || cp "$work/out/log" "$out/autopkgtest-tests.log"
if [ -s "$work/out/summary" ]; then
	cp "$work/out/summary" "$out/autopkgtest.summary"
	while read -r name result _; do
		case $result in
		PASS) s=0 ;;
		SKIP) s=77 ;;
		*) s=1 ;;
		esac
		# A failure's own output: between autopkgtest's brackets.
		[ $s -eq 0 ] || awk -v b="test $name: [" -v e="test $name: -" \
			'index($0, b) { on = 1 } on { print } on && index($0, e) { on = 0 }' \
			"$work/out/log" | tail -n 60
		part "autopkgtest $name" $s "$(since "$t0")"
	done <"$work/out/summary"
	case $st in 0 | 2) ;; *) failed=1 ;; esac
else
	tail -n 40 "$out/autopkgtest.log"
	part "autopkgtest (exit $st, no summary)" 1 "$(since "$t0")"
fi
dpkg -L handout >/dev/null 2>&1 && echo "deb: handout $version was installed from $deb"
if [ "$was_installed" = no ]; then
	DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq handout >/dev/null 2>&1 &&
		echo "deb: purged handout again (it was not installed before)"
fi
exit $failed
