#!/bin/sh
# bounded.sh - every input is bounded: a line of 100 MB into the line mode
# (a command, then a search) keeps its peak memory under 16 MiB, is read
# only as far as 4 KiB, says so in one line, and is never echoed back
# whole.  Peak memory is the kernel's high-water mark, VmHWM in
# /proc/PID/status, read while the process still runs.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

need mkfifo coreutils
need awk mawk

LIMIT_KB=16384
BIG=100000000

mkfifo "$tmp/in" || exit 99
"$HANDOUT" --accessible --no-state "$ARTICLE" <"$tmp/in" >"$tmp/out" 2>"$tmp/err" &
pid=$!
exec 3>"$tmp/in"

# wait_count N: the output has N "warning signs checked." lines (the
# answers to w), within 60 seconds.
wait_count() {
	i=0
	while [ "$(grep -c 'warning signs checked\.$' "$tmp/out")" -lt "$1" ]; do
		kill -0 "$pid" 2>/dev/null || { fail "handout ended early"; return 1; }
		[ $i -lt 6000 ] || { fail "no answer to w within 60 s"; return 1; }
		sleep 0.01
		i=$((i + 1))
	done
}

# hwm: handout's peak resident memory so far, in KiB; nothing when
# $PROC/PID/status cannot be read (the check then fails: "unreadable").
hwm() {
	sed -n 's/^VmHWM:[[:space:]]*\([0-9]*\) kB$/\1/p' "$PROC/$pid/status" 2>/dev/null
}

# check_peak WHAT: handout's peak memory so far is under the limit.
check_peak() {
	peak=$(hwm)
	checks=$((checks + 1))
	if [ -n "$peak" ] && [ "$peak" -lt "$LIMIT_KB" ]; then
		pass "$1: peak RSS $peak KiB < $LIMIT_KB KiB"
	else
		fail "$1: peak RSS ${peak:-unreadable} KiB, limit $LIMIT_KB KiB"
	fi
}

t0=$(now_ms)
head -c "$BIG" /dev/zero | tr '\0' a >&3
printf '\nw\n' >&3
wait_count 1
check_peak "a 100 MB line"
echo "a 100 MB command line: $(($(now_ms) - t0)) ms"
check_eq "the long line gets one notice" \
	"$(grep -c '^Note: That line was longer than 4096 bytes; only the first 4096 were read\.$' "$tmp/out")" 1
check_match "and its start is quoted, 40 bytes of it" "$(cat "$tmp/out")" \
	"^Unknown command \"a{40}\"\\. Type h for help\\.\$"

# A search of 100 MB: cut as the reader cuts one, and quoted at most that.
{ printf '/'; head -c "$BIG" /dev/zero | tr '\0' a; printf '\nw\n'; } >&3
wait_count 2
check_peak "a 100 MB search"
check_match "the search is cut to 255 bytes" "$(cat "$tmp/out")" \
	"^\"a{255}\" is not in the article\\.\$"
exec 3>&-
wait "$pid"
check_eq "end of input ends it: exit 0" "$?" 0
longest=$(awk '{ if (length($0) > n) n = length($0) } END { print n + 0 }' "$tmp/out")
checks=$((checks + 1))
[ "$longest" -le 4096 ] && pass "no output line longer than the bound ($longest bytes)" ||
	fail "an output line of $longest bytes"
size=$(wc -c <"$tmp/out")
checks=$((checks + 1))
[ "$size" -lt 65536 ] && pass "the whole output is $size bytes" ||
	fail "the output is $size bytes: input was echoed"
check_empty "nothing on stderr" "$(cat "$tmp/err")"

finish
