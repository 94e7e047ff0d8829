# shellcheck shell=sh
# benchlib.sh - what bench/run.sh, bench/ssh100.sh and bench/library.sh
# share: their options, their --help (the script's opening comment) and the
# two folders.  Source it from the script, as
# `. "$(dirname "$0")/benchlib.sh"`.
#
#   bench_args SPEC ARG...   reads the script's arguments: each word of SPEC
#                            is NAME (--NAME VALUE sets $NAME) or NAME=VALUE
#                            (--NAME alone sets $NAME to VALUE); -h or --help
#                            prints the opening comment and exits 0, anything
#                            else is a usage error (exit 2)
#
# Sourcing it sets me (the script's name), top_srcdir (default: the tree
# this file is in) and top_builddir (default: the current folder), both
# absolute.
me=${0##*/}
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
top_builddir=$(cd "${top_builddir:-.}" && pwd)

# The script's opening comment, from its second line to its `set` line.
bench_help() {
	sed -n '2,/^set -/{/^set -/d;s/^# \{0,1\}//;p}' "$0"
}

bench_usage_error() {
	echo "$me: $1 (try --help)" >&2
	exit 2
}

# (POSIX sh has no local variables: these are prefixed b_.)
bench_args() {
	b_spec=$1
	shift
	while [ $# -gt 0 ]; do
		case $1 in
		-h | --help) bench_help; exit 0 ;;
		esac
		b_took=0
		for b_opt in $b_spec; do
			case $b_opt in
			*=*)
				[ "$1" = "--${b_opt%%=*}" ] || continue
				eval "${b_opt%%=*}=\${b_opt#*=}"
				b_took=1 ;;
			*)
				[ "$1" = "--$b_opt" ] || continue
				[ $# -ge 2 ] || bench_usage_error "$1 needs a value"
				eval "$b_opt=\$2"
				b_took=2 ;;
			esac
			break
		done
		[ "$b_took" -gt 0 ] || bench_usage_error "unknown argument '$1'"
		shift "$b_took"
	done
}
