# shellcheck shell=sh
# export-tree.sh - the clean source tree the Debian package is built and
# tested from; sourced by deploy/build-deb.sh and deploy/test-deb.sh.
#
#   export_tree SRC DEST [SKIP]   fills the existing folder DEST
#
# In a git checkout, the last commit (git archive HEAD: what a clean clone
# has, never uncommitted changes or build folders).  A tree that is not a
# git checkout (a release tarball, an export) is its own clean copy: it is
# copied as it is, without its build folders (those holding a
# config.status) and without SKIP (an output folder inside it).  Prints
# where the tree came from; returns 1, with a message on stderr, for a tree
# it cannot tell clean (a git checkout without a commit, or one configured
# in place).
export_tree() {
	et_src=$1 et_dest=$2 et_skip=${3:-}
	if command -v git >/dev/null 2>&1 &&
		git -C "$et_src" rev-parse --verify -q HEAD >/dev/null 2>&1; then
		git -C "$et_src" archive --format=tar HEAD | tar -C "$et_dest" -xf - || return 1
		echo "the commit $(git -C "$et_src" rev-parse --short HEAD)"
		return 0
	fi
	if [ -e "$et_src/.git" ]; then
		echo "$et_src is a git checkout, but git or a commit is missing: nothing to export" >&2
		return 1
	fi
	if [ -f "$et_src/config.status" ]; then
		echo "$et_src is configured in place and is no git checkout: build in a folder of its own (./quickstart.sh uses ./build)" >&2
		return 1
	fi
	set --
	for et_d in "$et_src"/*/; do
		[ -f "$et_d/config.status" ] && set -- "$@" --exclude="./$(basename "$et_d")"
	done
	case $et_skip in
	"$et_src"/*) set -- "$@" --exclude="./${et_skip#"$et_src"/}" ;;
	esac
	tar -C "$et_src" "$@" -cf - . | tar -C "$et_dest" -xf - || return 1
	echo "the tree in $et_src (not a git checkout)"
}
