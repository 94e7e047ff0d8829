#!/bin/sh
# ssh100.sh - a hundred kiosk readers at once over SSH, on loopback.
#
#   bench/ssh100.sh [--sessions N] [--pages P] [--idle SECONDS]
#
# Sets up OpenSSH's sshd on 127.0.0.1 as tests/sshd.sh does (its own host
# key and sshd_config including the shipped drop-in, the `handout` user made
# by deploy/setup-ssh-guest.sh, key authentication), then bench/sshbench
# opens N (default 100) `ssh -tt` sessions of the kiosk, each under its own
# 80x24 pseudo-terminal (8 at a time still connecting, under sshd's default
# MaxStartups), pages every one to the end of the article (Space, every
# session pressing at the same moment: the worst case), and holds them idle.
# Meanwhile this script reads /proc on the server side and prints:
#
#   - PSS per session (Pss of /proc/PID/smaps_rollup, summed over the
#     processes and divided by N): handout's, and sshd's own (each session
#     has two sshd processes: the privileged monitor and the user's);
#   - wake-ups per idle session per second: voluntary + involuntary context
#     switches (/proc/PID/status) over the idle window (default 10 s),
#     for handout and for sshd, divided by N and by the window's length;
#   - the key answer times (bench/sshbench: from the key's write to the last
#     byte of its answer): median, 99th percentile and the slowest of all;
#   - CPU time: handout's and the sshd sessions' (utime + stime, children
#     included, from /proc/PID/stat at the end of the idle window), the ssh
#     clients' (the driver's children), and their total, against the wall
#     clock of the whole run.
#
# After the idle window every client is hung up; the script checks that
# every server-side handout has ended within 5 s.  Run by `make bench-ssh`
# (which builds bench/sshbench), as root, never by `make check`: it creates
# the `handout` user like the test and leaves nothing else.  Exit 0 when
# every figure was measured and every session behaved; 1 otherwise; 77 when
# it cannot run here (not root, no sshd: the reason is printed).
set -u

sessions=100
pages=100
idle=10
# shellcheck source=bench/benchlib.sh
. "$(dirname "$0")/benchlib.sh"
bench_args "sessions pages idle" "$@"

HANDOUT=${HANDOUT:-$top_builddir/src/handout}
sshbench=${SSHBENCH:-$top_builddir/bench/sshbench}
for f in "$HANDOUT" "$sshbench"; do
	[ -x "$f" ] && continue
	echo "ssh100.sh: $f is not built: run 'make bench-ssh' from the build folder" >&2
	exit 1
done

# shellcheck source=tests/sshd_lib.sh
. "$top_srcdir/tests/sshd_lib.sh"
sshd_need
bench_pid=""
cleanup() {
	[ -z "$bench_pid" ] || kill -TERM "$bench_pid" 2>/dev/null
	sshd_cleanup
}
trap cleanup EXIT
trap 'cleanup; exit 1' HUP INT TERM

t_start=$(now_ms)
sshd_prepare || exit 1
sshd_start || exit 1

echo "handout over SSH: $sessions kiosk sessions at once on 127.0.0.1"
echo "date:    $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine: $(nproc) CPU, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1), $(uname -sr), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "handout: $("$HANDOUT" --version | head -n 1); server: $("$SSHD" -V 2>&1 | head -n 1)"
echo "each:    80x24, TERM=xterm-256color, LC_ALL=C.UTF-8; Space to the end of the article (at most $pages), all sessions at once; idle ${idle}s"
echo

# shellcheck disable=SC2086
TERM=xterm-256color LC_ALL=C.UTF-8 "$sshbench" -n "$sessions" --pages "$pages" -- \
	ssh $SSH_OPTS -p "$port" -tt -o SendEnv=LC_ALL handout@127.0.0.1 \
	>"$T/bench.out" 2>"$T/bench.err" &
bench_pid=$!

# The driver says "ready" once every session is paged through.
ready() {
	grep -qx ready "$T/bench.out" || proc_ended "$bench_pid"
}
if ! within 900000 ready || ! grep -qx ready "$T/bench.out"; then
	cat "$T/bench.out" "$T/bench.err"
	echo "ssh100.sh: the sessions never all got going"
	exit 1
fi
fig() {
	awk -F'\t' -v n="$1" '$1 == n { print $2 }' "$T/bench.out"
}

# --- the server side, idle ---------------------------------------------
# sample PIDS: "pid ctxsw cputicks pss_kib" per process, in three reads of
# /proc whatever the number of processes (grep goes on past a process that
# has ended; its line is then missing and the process is not counted).
sample() {
	[ $# -gt 0 ] || return 0
	{
		for p in "$@"; do echo "/proc/$p/status"; done | xargs grep -H -E '^(voluntary|nonvoluntary)_ctxt_switches:' 2>/dev/null
		for p in "$@"; do echo "/proc/$p/stat"; done | xargs grep -H '' 2>/dev/null
		for p in "$@"; do echo "/proc/$p/smaps_rollup"; done | xargs grep -H '^Pss:' 2>/dev/null
	} | awk '
		{ split($0, path, "/"); pid = path[3] }
		/\/status:/ { n = split($0, f, /[ \t]+/); cs[pid] += f[n]; seen[pid]++ }
		/\/stat:/ { s = $0; sub(/^.*\) /, "", s); split(s, f, " "); cpu[pid] = f[12] + f[13] + f[14] + f[15]; seen[pid]++ }
		/\/smaps_rollup:/ { pss[pid] = $2; seen[pid]++ }
		END { for (p in seen) if (seen[p] == 4) print p, cs[p], cpu[p], pss[p] }'
}
handouts=$(server_handouts)
nh=$(echo "$handouts" | grep -c .)
sshds=""
for p in $(descendants "$sshd_pid"); do
	echo "$handouts" | grep -qx "$p" || sshds="$sshds $p"
done
# shellcheck disable=SC2086
{
	t0=$(now_ms)
	sample $handouts >"$T/h0"
	sample $sshds >"$T/s0"
	t1=$(now_ms)
	sleep "$idle"
	t2=$(now_ms)
	sample $handouts >"$T/h1"
	sample $sshds >"$T/s1"
	t3=$(now_ms)
}
window_ms=$(( (t2 + t3) / 2 - (t0 + t1) / 2 ))
hz=$(getconf CLK_TCK)

# per_session BEFORE AFTER: "processes ctxsw_per_session_per_s cpu_s pss_kib_per_session"
# over the processes present in both samples.
per_session() {
	awk -v n="$sessions" -v ms="$window_ms" -v hz="$hz" '
		FNR == NR { cs[$1] = $2; next }
		$1 in cs { k++; d += $2 - cs[$1]; cpu += $3; pss += $4 }
		END { printf "%d %.3f %.2f %.0f\n", k, d / n / (ms / 1000), cpu / hz, pss / n }' "$1" "$2"
}
# shellcheck disable=SC2046
set -- $(per_session "$T/h0" "$T/h1")
h_procs=$1 h_wake=$2 h_cpu=$3 h_pss=$4
# shellcheck disable=SC2046
set -- $(per_session "$T/s0" "$T/s1")
s_procs=$1 s_wake=$2 s_cpu=$3 s_pss=$4

# --- hang up, and every server-side handout must end -------------------
kill -USR1 "$bench_pid"
wait "$bench_pid"
bench_status=$?
bench_pid=""
t_hup=$(now_ms)
if within 5000 eval '[ -z "$(server_handouts)" ]'; then
	gone="every server-side handout ended $(( $(now_ms) - t_hup )) ms after the hang-up"
	gone_ok=0
else
	gone="$(server_handouts | grep -c .) server-side handout(s) still running 5 s after the hang-up"
	gone_ok=1
fi
wall=$(( $(now_ms) - t_start ))
client_cpu=$(fig client_cpu_s)

printf '%-44s %s\n' "sessions (server-side handouts / sshd procs)" "$(fig sessions) ($nh / $s_procs)"
printf '%-44s %s\n' "handout PSS per session" "$h_pss KiB"
printf '%-44s %s\n' "sshd PSS per session (2 processes)" "$s_pss KiB"
printf '%-44s %s\n' "idle wake-ups per session per second" "handout $h_wake, sshd $s_wake (over $window_ms ms)"
printf '%-44s %s\n' "key answer: median / p99 / slowest" "$(fig key_ms_median) / $(fig key_ms_p99) / $(fig key_ms_max) ms ($(fig rounds) rounds, $(fig keys_answered) keys, $(fig keys_failed) failed)"
printf '%-44s %s\n' "first screen: median / slowest" "$(fig first_screen_ms_median) / $(fig first_screen_ms_max) ms (8 connecting at a time)"
printf '%-44s %s\n' "paged to the end of the article" "$(fig reached_end) of $sessions sessions"
printf '%-44s %s\n' "CPU: handout / sshd sessions / ssh clients" "$h_cpu / $s_cpu / $client_cpu s"
printf '%-44s %s\n' "CPU total, wall clock" "$(awk -v a="$h_cpu" -v b="$s_cpu" -v c="$client_cpu" 'BEGIN { printf "%.2f", a + b + c }') s in $(awk -v w="$wall" 'BEGIN { printf "%.1f", w / 1000 }') s"
printf '%-44s %s\n' "after the hang-up" "$gone"
[ -s "$T/bench.err" ] && sed 's/^/sshbench: /' "$T/bench.err"

status=0
[ "$bench_status" -eq 0 ] || { echo "ssh100.sh: sshbench reported a failure ($bench_status)"; status=1; }
[ "$h_procs" -eq "$sessions" ] || { echo "ssh100.sh: measured $h_procs handouts, not $sessions"; status=1; }
[ $gone_ok -eq 0 ] || status=1
exit $status
