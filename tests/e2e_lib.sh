# e2e_lib.sh - drive the reader in a real terminal: a private tmux server.
#
# Sourced by tests/e2e_*.sh and the other tmux tests.  Needs HANDOUT (the
# program) and optionally TMUX_BIN.  Exits 77 (skip) when tmux is not
# installed.  Every wait polls the screen until what is expected shows up,
# with a deadline, so a loaded machine makes the test slower, not flaky.
# End a test with e2e_finish, which also turns parts that could not run
# (not_run, tests/needs.sh) into a SKIP.

: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
. "$top_srcdir/tests/needs.sh"
TMUX_BIN=${TMUX_BIN:-tmux}
need "$TMUX_BIN" tmux
: "${HANDOUT:?HANDOUT must name the program}"

E2E_SOCK=handout-e2e-$$
E2E_FAILS=0
E2E_TIMEOUT=${E2E_TIMEOUT:-5}

tm() {
	"$TMUX_BIN" -L "$E2E_SOCK" -f /dev/null "$@"
}

e2e_cleanup() {
	tm kill-server >/dev/null 2>&1
	# The socket too: a server on its way out must not be found again.
	rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$E2E_SOCK"
}
# Saved state (ticks, place) goes to a private folder, a fresh one for each
# session: runs never see each other's ticks, nor touch the tester's home.
E2E_STATE=$(mktemp -d "${TMPDIR:-/tmp}/handout-e2e-state.XXXXXX") || exit 99
E2E_SESSIONS=0
trap 'e2e_cleanup; rm -rf "$E2E_STATE"' EXIT
trap 'e2e_cleanup; rm -rf "$E2E_STATE"; exit 1' INT TERM HUP

# start COLS ROWS COMMAND: a fresh session running COMMAND (a shell command
# line); the pane stays after it exits, so its exit status can be read.
start() {
	e2e_cleanup
	# A server just killed may still be on its way out: try again.
	tries=0
	# remain-on-exit in the same call, so it holds before the program can
	# exit: the pane stays and its exit status can be read.
	until tm new-session -d -s e2e -x "$1" -y "$2" "$3" \; \
		set-option -g remain-on-exit on 2>/dev/null; do
		tries=$((tries + 1))
		[ $tries -lt 50 ] || {
			echo "FAIL: tmux could not start a session"
			exit 1
		}
		sleep 0.1
	done
}

# The reader in a session: start_reader COLS ROWS [ENV=VALUE...] [-- ARGS],
# on the bundled article ($ARTICLE) or E2E_FILE.
# TERM is tmux's own (screen), so the keys tmux sends are the ones the
# terminal description promises.
start_reader() {
	cols=$1 rows=$2
	shift 2
	E2E_SESSIONS=$((E2E_SESSIONS + 1))
	envs="TERM=screen LC_ALL=C.UTF-8 XDG_STATE_HOME=$E2E_STATE/$E2E_SESSIONS"
	while [ $# -gt 0 ] && [ "$1" != -- ]; do
		envs="$envs $1"
		shift
	done
	[ "${1:-}" = -- ] && shift
	# The bundled article, unless E2E_FILE names another file or folder
	# (empty: the test's ARGS name it).
	file=${E2E_FILE-$ARTICLE}
	[ -n "$file" ] && file="'$file'"
	start "$cols" "$rows" "exec env -u NO_COLOR $envs '$HANDOUT' $* $file"
}

keys() {
	tm send-keys -t e2e "$@"
}

screen() {
	tm capture-pane -p -t e2e
}

pane() {
	tm display-message -p -t e2e "$1"
}

fail() {
	echo "FAIL: $*"
	echo "---- screen ----"
	screen
	echo "----------------"
	E2E_FAILS=$((E2E_FAILS + 1))
}

ok() {
	echo "ok: $*"
}

# on_screen TEXT: TEXT (a fixed string) is on the screen now; off_screen:
# it is not.
on_screen() {
	screen | grep -qF -- "$1"
}

off_screen() {
	! on_screen "$1"
}

# await WHAT WHY COMMAND...: COMMAND comes true within E2E_TIMEOUT
# seconds; else a failure that says WHY.
await() {
	_what=$1 _why=$2
	shift 2
	if within $((E2E_TIMEOUT * 1000)) "$@"; then
		ok "$_what"
		return 0
	fi
	fail "$_what: $_why"
	return 1
}

# wait_for TEXT [WHAT]: poll the screen until TEXT shows.
wait_for() {
	await "${2:-sees '$1'}" "'$1' never showed" on_screen "$1"
}

# wait_gone TEXT [WHAT]: poll until TEXT is no longer on the screen.
wait_gone() {
	await "${2:-'$1' went away}" "'$1' is still there" off_screen "$1"
}

# check_restored WHAT: the pane is as a shell wants it back: the main
# screen, the cursor visible, keypad and mouse modes off.
check_restored() {
	[ "$(pane '#{alternate_on}')" = 0 ] && ok "$1: the main screen is back" ||
		fail "$1: alternate screen left on"
	[ "$(pane '#{cursor_flag}#{keypad_flag}#{mouse_any_flag}')" = 100 ] &&
		ok "$1: cursor visible, keypad and mouse modes off" ||
		fail "$1: modes left: $(pane 'cursor #{cursor_flag} keypad #{keypad_flag} mouse #{mouse_any_flag}')"
}

# wait_dead [MS]: the pane's program has exited within MS (default 1000);
# its exit status is then in E2E_STATUS.
wait_dead() {
	end=$(( $(now_ms) + ${1:-1000} ))
	while [ "$(now_ms)" -lt "$end" ]; do
		d=$(pane '#{pane_dead}:#{pane_dead_status}#{?pane_dead_signal,signal #{pane_dead_signal},}')
		# Dead from the pty's end-of-file first; the status follows
		# when the child is reaped.
		case $d in
		1:?*) E2E_STATUS=${d#1:}; return 0 ;;
		1:) dead=1 ;;
		esac
		sleep 0.02
	done
	# tmux 3.3 sometimes never records the status of a pane that died
	# from its pty's end-of-file: dead in time is what was asked.
	[ "${dead:-0}" = 1 ] && { E2E_STATUS=unknown; dead=0; return 0; }
	return 1
}

# e2e_finish MESSAGE: the exit status for the test driver.
e2e_finish() {
	[ "$E2E_FAILS" -eq 0 ] || { echo "$E2E_FAILS failure(s)"; exit 1; }
	not_run_exit
	echo "$1"
	exit 0
}

# The row (0-based) of the first screen line holding TEXT, or nothing.
row_of() {
	screen | grep -nF -- "$1" | head -n 1 | cut -d: -f1 | awk '{ print $1 - 1 }'
}
