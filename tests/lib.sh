# lib.sh - helpers shared by the shell tests; source it after setting "me".
#
# Every test runs with top_srcdir, top_builddir and HANDOUT from `make check`
# (see AM_TESTS_ENVIRONMENT in Makefile.am); run by hand, they default to the
# source tree and ./src/handout.

: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${top_builddir:=.}"
: "${HANDOUT:=$top_builddir/src/handout}"
: "${LC_ALL:=C.UTF-8}"
export LC_ALL
. "$top_srcdir/tests/needs.sh"

failures=0
checks=0

# A scratch folder, removed on exit.
tmp=$(mktemp -d "${TMPDIR:-/tmp}/handout-test.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT

# fail MESSAGE: record a failure and say what it was.
fail() {
	failures=$((failures + 1))
	printf 'FAIL: %s\n' "$*" >&2
}

pass() {
	printf 'ok: %s\n' "$*"
}

# check_eq WHAT GOT WANT
check_eq() {
	checks=$((checks + 1))
	if [ "$2" = "$3" ]; then
		pass "$1"
	else
		fail "$1: got '$2', want '$3'"
	fi
}

# check_match WHAT TEXT PATTERN: TEXT matches the grep -E PATTERN.
check_match() {
	checks=$((checks + 1))
	if printf '%s\n' "$2" | grep -Eq -- "$3"; then
		pass "$1"
	else
		fail "$1: '$2' does not match /$3/"
	fi
}

# check_empty WHAT TEXT
check_empty() {
	check_eq "$1" "$2" ""
}

# run ARGS...: run handout; sets $status, and $out and $err to its output.
run() {
	"$HANDOUT" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
	status=$?
	out=$(cat "$tmp/out")
	err=$(cat "$tmp/err")
}

# check_golden NAME GOT GOLDEN: the file GOT must equal the golden file
# GOLDEN; with REGEN set, GOT replaces it instead (read the diff: golden
# files are the product).
check_golden() {
	checks=$((checks + 1))
	if [ -n "${REGEN:-}" ]; then
		cp "$2" "$3" || { fail "$1: cannot write $3"; return; }
		pass "$1 (regenerated)"
	elif diff -u "$3" "$2" >"$tmp/diff"; then
		pass "$1"
	else
		head -40 "$tmp/diff" >&2
		fail "$1 differs from ${3#"$top_srcdir"/} (REGEN=1 to accept)"
	fi
}

# finish: the exit status for the test driver: FAIL on any failure, SKIP
# when a part could not run here (not_run), PASS only when all ran.
finish() {
	if [ "$failures" -ne 0 ]; then
		printf '%d of %d checks failed\n' "$failures" "$checks" >&2
		exit 1
	fi
	printf '%d checks passed\n' "$checks"
	not_run_exit
	printf 'all %d checks passed\n' "$checks"
	exit 0
}

if [ ! -x "$HANDOUT" ]; then
	echo "handout not built at $HANDOUT" >&2
	exit 99
fi
