#!/bin/sh
# build-deb.sh - build handout's Debian package from a clean export of the
# committed tree, and check it with lintian.
#
#   deploy/build-deb.sh [OUTDIR]      (`make deb` runs it into ./deb)
#
# dpkg-buildpackage wants a source tree of its own, so the last commit (git
# archive HEAD: what a clean clone has, never the working tree's uncommitted
# changes or build folders) is exported into a scratch folder and built there
# with `dpkg-buildpackage -us -uc -b`; a tree that is not a git checkout is
# copied instead (deploy/export-tree.sh says how).  OUTDIR (default ./deb) receives the
# .deb, .changes and .buildinfo, build.log and lintian.log.  lintian must
# report no error and no warning; an informational tag kept on purpose would
# go in debian/handout.lintian-overrides with its reason (there is none).  DEB_BUILD_OPTIONS
# from the environment is passed on (nocheck skips `make check`).
#
# Exit 0 built and lintian-clean; 1 the build or lintian failed; 77 a tool
# is missing (named with its Debian package).
set -eu

me=build-deb.sh
src=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-deb}

need() {
	command -v "$1" >/dev/null 2>&1 && return 0
	echo "$me: $1 not found: apt-get install $2" >&2
	exit 77
}
need dpkg-buildpackage dpkg-dev
need dh debhelper
need lintian lintian
# shellcheck source=deploy/export-tree.sh
. "$src/deploy/export-tree.sh"
if command -v git >/dev/null 2>&1 &&
	[ -n "$(git -C "$src" status --porcelain --untracked-files=no -- . 2>/dev/null)" ]; then
	echo "$me: note: uncommitted changes are not in the package (it is built from HEAD)" >&2
fi

version=$(dpkg-parsechangelog -l "$src/debian/changelog" -S Version)
mkdir -p "$out"
out=$(cd "$out" && pwd)
rm -f "$out"/handout_*.deb "$out"/handout-dbgsym_*.deb "$out"/handout_*.changes \
	"$out"/handout_*.buildinfo
work=$(mktemp -d "${TMPDIR:-/tmp}/handout-deb.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'rm -rf "$work"; exit 1' HUP INT TERM

mkdir "$work/handout-$version"
what=$(export_tree "$src" "$work/handout-$version" "$out") || {
	echo "$me: cannot export the source tree" >&2
	exit 1
}
echo "$me: building handout $version from $what in $work"
if ! (cd "$work/handout-$version" && dpkg-buildpackage -us -uc -b) >"$out/build.log" 2>&1; then
	tail -n 60 "$out/build.log"
	echo "$me: dpkg-buildpackage failed (whole log: $out/build.log)" >&2
	exit 1
fi
for f in "$work"/*.deb "$work"/*.changes "$work"/*.buildinfo; do
	[ -e "$f" ] && mv -f "$f" "$out"/
done
changes=$(ls "$out"/handout_"$version"_*.changes)
echo "$me: built $(cd "$out" && ls ./*.deb | tr '\n' ' ')in $out"

# lintian on the .changes: the .deb and the build record.  --info explains
# any tag it prints; informational tags are shown too (-I), and only errors
# and warnings fail.
if lintian -I --info --fail-on error,warning "$changes" >"$out/lintian.log" 2>&1; then
	echo "$me: lintian: no errors, no warnings ($(grep -c "^I: " "$out/lintian.log") informational)"
else
	cat "$out/lintian.log"
	echo "$me: lintian reports errors or warnings" >&2
	exit 1
fi
