#!/bin/sh
# honest.sh - a test of the tests: the process-watching tests must not pass
# when they cannot watch processes.  kiosk.sh, kiosk_line.sh, e2e_reader.sh
# and torture.sh ask whether handout is alive, stopped, gone, has children
# or a controlling terminal.  They run here twice:
#  - with ps and pgrep replaced by commands that fail: they must still pass,
#    since no test may depend on procps, which a bare Debian lacks;
#  - with /proc hidden too (HANDOUT_TEST_PROC, tests/needs.sh): every
#    question is now unanswerable, so each must report FAIL (or SKIP),
#    never PASS.
# And no test script may call ps or pgrep at all.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

need "${TMUX_BIN:-tmux}" tmux

# No test calls ps or pgrep: the process checks live in tests/needs.sh.
uses=$(grep -nE '(^|[^a-z_-])(ps|pgrep|pkill|pidof)( +-|$)' \
	"$top_srcdir"/tests/*.sh | grep -v '^[^:]*:[0-9]*:[ \t]*#')
check_empty "no test script calls ps, pgrep, pkill or pidof" "$uses"

# Commands that fail, as a machine without procps (or a broken one) has.
mkdir "$tmp/bin"
for c in ps pgrep pkill pidof; do
	printf '#!/bin/sh\necho "%s: hidden by honest.sh" >&2\nexit 1\n' "$c" >"$tmp/bin/$c"
	chmod +x "$tmp/bin/$c"
done
mkdir "$tmp/noproc"

# run_test NAME [ENV...]: status of tests/NAME.sh in that environment.
run_test() {
	name=$1
	shift
	# In a folder of its own: a test whose checks fail may leave a
	# reader running that takes the next keys (S saves a summary here).
	mkdir -p "$tmp/cwd-$name"
	(cd "$tmp/cwd-$name" &&
		env PATH="$tmp/bin:$PATH" "$@" sh "$top_srcdir/tests/$name.sh") \
		>"$tmp/$name.out" 2>&1
	echo $?
}

# Without procps every process-watching test still runs and passes.
for t in kiosk kiosk_line e2e_reader torture; do
	st=$(run_test "$t")
	check_eq "$t.sh passes with ps and pgrep failing" "$st" 0
	[ "$st" = 0 ] || tail -n 20 "$tmp/$t.out" >&2
done

# Without /proc, the checks that read it cannot pass.  (e2e_reader.sh asks
# only "is it gone?", which kill -0 answers truly without /proc.)
for t in kiosk kiosk_line torture; do
	st=$(run_test "$t" HANDOUT_TEST_PROC="$tmp/noproc")
	checks=$((checks + 1))
	case $st in
	0) fail "$t.sh PASSED with /proc hidden: a process check passes without looking"
	   grep -E '^ok: ' "$tmp/$t.out" | head -n 40 >&2 ;;
	77) pass "$t.sh with /proc hidden: SKIP" ;;
	*) pass "$t.sh with /proc hidden: FAIL (status $st)" ;;
	esac
	# And it failed for the right reason: a process question went unanswered.
	check_match "$t.sh with /proc hidden: a process check said it cannot tell" \
		"$(grep -E '^FAIL: ' "$tmp/$t.out")" 'cannot read|no process named|unreadable'
done

finish
