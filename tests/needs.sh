# needs.sh - what a shell test needs, said before it runs, and the process
# checks every test shares.  Sourced by tests/lib.sh and tests/e2e_lib.sh.
#
# A test passes only when it ran everything it claims to test:
#  - need TOOL PACKAGE: a missing tool ends the test as SKIP (exit 77) with
#    the Debian package that has it, before anything runs;
#  - not_run WHAT: a part this machine cannot run (no mount namespaces, say)
#    is recorded; a test with such parts ends as SKIP, never PASS, so CI
#    (where a SKIP is a failure) finds the missing install step;
#  - the process checks read /proc (always there on Linux) and kill -0,
#    never ps or pgrep, and a check that cannot read what it needs says so
#    as a failure: "cannot tell" is never "gone" or "alive".
#
# HANDOUT_TEST_PROC names the proc file system (default /proc); tests/honest.sh
# points it at an empty folder to prove that no check passes without it.

PROC=${HANDOUT_TEST_PROC:-/proc}
# The bundled article by name: handout with no FILE opens the library of
# every bundled article (tests/library.sh), so a test of one article says
# which.
ARTICLE=$top_srcdir/content/cancer-spread-during-chemotherapy.yaml
export ARTICLE
NOT_RUN=""

# need TOOL PACKAGE [WHAT]: TOOL on PATH, or SKIP naming PACKAGE.
need() {
	command -v "$1" >/dev/null 2>&1 && return 0
	echo "SKIP: $1 not found (Debian package $2)${3:+; $3 not tested}"
	exit 77
}

# not_run WHAT: this part cannot run here; the test will end as SKIP.
not_run() {
	NOT_RUN="$NOT_RUN
  - $1"
	echo "NOT RUN: $1"
}

# not_run_exit: after a test's own checks passed, SKIP when parts did not run.
not_run_exit() {
	[ -z "$NOT_RUN" ] && return 0
	echo "SKIP: parts of this test could not run here:$NOT_RUN"
	exit 77
}

# now_ms: milliseconds on the wall clock, for deadlines.
now_ms() {
	date +%s%3N
}

# within MS COMMAND...: COMMAND succeeds, tried every 50 ms until MS
# milliseconds have passed; a wait with a deadline, never a fixed sleep.
within() {
	_end=$(( $(now_ms) + $1 ))
	shift
	until "$@"; do
		[ "$(now_ms)" -lt "$_end" ] || return 1
		sleep 0.05
	done
}

# proc_field PID N: field N (1 = state, 2 = ppid, 5 = tty_nr, 12/13 = utime/
# stime) of /proc/PID/stat, counted after the command name, which may hold
# spaces and parentheses.  Fails, printing nothing, when it cannot be read.
proc_field() {
	_s=$(cat "$PROC/$1/stat" 2>/dev/null) || return 1
	case $_s in *") "*) ;; *) return 1 ;; esac
	_n=$2
	for _f in ${_s##*) }; do
		_n=$((_n - 1))
		[ "$_n" -eq 0 ] && { printf '%s\n' "$_f"; return 0; }
	done
	return 1
}

# proc_state PID: R, S, D, T, t, Z...; fails when it cannot be read.
proc_state() {
	proc_field "$1" 1
}

# proc_running PID: the process exists, is not a zombie and is not stopped.
# Status 0 yes, 1 no, 2 cannot tell (then the caller must fail).
proc_running() {
	kill -0 "$1" 2>/dev/null || return 1
	_st=$(proc_state "$1") || {
		# Gone between the two looks, or /proc unreadable.
		kill -0 "$1" 2>/dev/null || return 1
		return 2
	}
	case $_st in Z* | T* | t*) return 1 ;; esac
	return 0
}

# proc_children PID: the pids whose parent is PID, one a line.  Fails when
# the process table cannot be read (PID itself must be in it).
proc_children() {
	_seen=0
	for _d in "$PROC"/[0-9]*; do
		_p=${_d##*/}
		_pp=$(proc_field "$_p" 2) || continue
		[ "$_p" = "$1" ] && _seen=1
		[ "$_pp" = "$1" ] && echo "$_p"
	done
	[ "$_seen" = 1 ]
}

# proc_named NAME: pids of live processes whose command name is NAME.
# Fails when the process table cannot be read at all.
proc_named() {
	_any=0
	for _d in "$PROC"/[0-9]*; do
		_c=$(cat "$_d/comm" 2>/dev/null) || continue
		_any=1
		[ "$_c" = "$1" ] || continue
		_st=$(proc_state "${_d##*/}") || continue
		case $_st in Z*) continue ;; esac
		echo "${_d##*/}"
	done
	[ "$_any" = 1 ]
}

# proc_ended PID: the process is gone or a zombie (status 0), not yet (1),
# or cannot tell (2: kill -0 finds it but its state cannot be read).
proc_ended() {
	kill -0 "$1" 2>/dev/null || return 0
	_st=$(proc_state "$1") || {
		kill -0 "$1" 2>/dev/null || return 0
		return 2
	}
	case $_st in Z*) return 0 ;; esac
	return 1
}

# proc_gone PID [MS]: the process ends within MS milliseconds (default
# 1000).  One that cannot be told from a live one is not gone: the wait
# runs out and the caller fails.
proc_gone() {
	within "${2:-1000}" proc_ended "$1"
}

# proc_cpu_ticks PID: user + system time so far, in clock ticks.
proc_cpu_ticks() {
	_u=$(proc_field "$1" 12) && _k=$(proc_field "$1" 13) || return 1
	echo $((_u + _k))
}
