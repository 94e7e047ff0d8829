# shellcheck shell=sh disable=SC2034,SC2154
# parts.sh - a run made of parts, one result line each: sourced by
# tests/ci-extra.sh and deploy/test-deb.sh, whose lines quickstart.sh counts
# (by their first two words).
#
# The script that sources it sets parts_prefix, the first word of every
# line ("ci-extra:", "deb:"), and then calls:
#
#   part NAME STATUS SECONDS   prints "PREFIX PASS|SKIPPED|FAIL  NAME  SECONDSs"
#                              (STATUS 0 passes, 77 skips, anything else
#                              fails and sets failed=1) and adds the line,
#                              without PREFIX, to $results for a summary
#   since T0                   the seconds since T0, a `date +%s`
#
# failed stays 0 while every part passed or skipped.
failed=0
results=""

part() {
	case $2 in
	0) r=PASS ;;
	77) r=SKIPPED ;;
	*) r=FAIL; failed=1 ;;
	esac
	line=$(printf '%-8s %-40s %5ss' "$r" "$1" "$3")
	echo "$parts_prefix $line"
	results="$results$line
"
}

since() {
	echo $(($(date +%s) - $1))
}
