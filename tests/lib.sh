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

# A scratch folder, removed on exit, with the test's tmux server if it
# started one (tmux_session).
tmp=$(mktemp -d "${TMPDIR:-/tmp}/handout-test.XXXXXX") || exit 99
tmux_used=
cleanup() {
	if [ -n "$tmux_used" ]; then
		T kill-server >/dev/null 2>&1
		rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$tmux_sock"
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT

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

# private_state: saved state goes to a folder of this test's own, with a
# home beside it ($XDG_STATE_HOME, $HOME); sdir and sfile are where the
# bundled article's (id's) state then lives.
private_state() {
	id=cancer-spread-during-chemotherapy
	XDG_STATE_HOME="$tmp/xdg"
	HOME="$tmp/home"
	export XDG_STATE_HOME HOME
	sdir="$XDG_STATE_HOME/handout"
	sfile="$sdir/$id.state"
}

# check_within MS WHAT WHY COMMAND...: COMMAND comes true within MS
# milliseconds; else the check fails, saying WHY.
check_within() {
	checks=$((checks + 1))
	_ms=$1 _what=$2 _why=$3
	shift 3
	if within "$_ms" "$@"; then
		pass "$_what"
		return 0
	fi
	fail "$_what: $_why"
	return 1
}

# check_prints NAME ARGS...: handout ARGS... prints exactly the golden file
# golden/NAME.txt (REGEN=1 rewrites it, as check_golden does).
check_prints() {
	_name=$1
	shift
	if ! "$HANDOUT" "$@" >"$tmp/$_name.txt" 2>"$tmp/err"; then
		checks=$((checks + 1))
		fail "$_name: handout $* failed: $(cat "$tmp/err")"
		return
	fi
	check_golden "$_name" "$tmp/$_name.txt" "$top_srcdir/tests/golden/$_name.txt"
}

# --- the reader in a real terminal, for tests that look at it too --------
# (tmux: check with need or command -v first; tests/e2e_lib.sh is for
# tests that are only about the reader.)

# T ARGS...: tmux, on this test's own server.
tmux_sock=handout-${0##*/}-$$
T() {
	"${TMUX_BIN:-tmux}" -L "$tmux_sock" -f /dev/null "$@"
}

# tmux_session NAME COLS ROWS COMMAND: a new session NAME running COMMAND (a
# shell command line).  A server just killed may still be on its way out,
# so it tries again; after five seconds the test fails.
tmux_session() {
	tmux_used=1
	within 5000 T new-session -d -s "$1" -x "$2" -y "$3" "$4" 2>/dev/null ||
		{ fail "tmux could not start"; finish; }
}

# shows SESSION TEXT: TEXT is on SESSION's screen now.
shows() {
	T capture-pane -p -t "$1" 2>/dev/null | grep -qF -- "$2"
}

# hides SESSION TEXT: TEXT is not on SESSION's screen now.
hides() {
	! shows "$1" "$2"
}

# see SESSION TEXT WHAT: TEXT shows within five seconds (else the screen
# goes to stderr); unseen: it is gone within five seconds.
see() {
	check_within 5000 "$3" "'$2' never showed in $1" shows "$1" "$2" ||
		{ T capture-pane -p -t "$1" >&2; return 1; }
}

unseen() {
	check_within 5000 "$3" "'$2' is still there in $1" hides "$1" "$2"
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
