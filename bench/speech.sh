#!/bin/sh
# speech.sh - how long the line mode takes to hear: one scripted session
# spoken by espeak-ng, as a screen reader would speak it, before and after.
#
#   bench/speech.sh                 the table: each answer, before and after
#   bench/speech.sh --record FILE   write this handout's transcript to FILE
#
# The session is a listening test's: open the bundled article, then `t`,
# `7`, `f`, `f 4`, `c`, `x 2`, `x 5`, `s`, `q`, with nothing saved from
# before (a fresh XDG_STATE_HOME) and the summary dated 26 November 2025.
# Only handout's answers are spoken, not the commands typed.  Each answer
# is spoken alone (`espeak-ng -w OUT.wav -f ANSWER`, the default voice and
# rate) and measured with `soxi -D`; the total is the whole transcript
# spoken in one go, as a listener hears it, and again with `-l` (each line
# ends a clause, as a screen reader speaking line by line would pause).
#
# "Before" is bench/speech-before.txt: the transcript of handout as it was
# before the line mode was made shorter to hear, kept so the comparison can
# be run again.  "After" is the handout of this build.  A transcript file
# holds the answers in order, each after a line "#> COMMAND" ("#> (open)"
# for the greeting); those lines are not spoken.
#
# Run by `make bench-speech` from the build tree; standalone it needs
# HANDOUT, or a build under $top_builddir.  Never run by `make check`: it
# prints figures, it does not pass or fail on them.  Needs espeak-ng and
# sox (Debian packages espeak-ng, sox).  Exit 0 when every figure was
# measured, 1 when one could not be, 2 on a usage error.
set -eu

top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
top_builddir=$(cd "${top_builddir:-.}" && pwd)
handout=${HANDOUT:-$top_builddir/src/handout}
article=$top_srcdir/content/cancer-spread-during-chemotherapy.yaml
before=$top_srcdir/bench/speech-before.txt
record=""

case ${1:-} in
--record) [ $# -eq 2 ] || { echo "speech.sh: --record needs a FILE" >&2; exit 2; }
	record=$2 ;;
-h|--help) sed -n '2,27s/^# \{0,1\}//p' "$0"; exit 0 ;;
"") ;;
*) echo "speech.sh: unknown argument '$1' (try --help)" >&2; exit 2 ;;
esac

need() {
	command -v "$1" >/dev/null 2>&1 && return 0
	echo "speech.sh: '$1' is not installed: apt-get install $2" >&2
	exit 1
}
[ -x "$handout" ] || { echo "speech.sh: no handout at $handout (build first, or set HANDOUT)" >&2; exit 1; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/handout-speech.XXXXXX")
trap 'rm -rf "$tmp"' EXIT HUP INT TERM

# The commands, one a line; the first answer is the greeting.
commands='t
7
f
f 4
c
x 2
x 5
s
q'

# transcript FILE: the session's answers, each after its "#> COMMAND" line.
# The line mode only appends, so the answer to command k is what the run
# with k commands printed beyond the run with k - 1 (and the blank line
# between answers).
transcript() {
	: >"$1"
	prev=$tmp/prev.txt
	: >"$prev"
	k=0
	printf '(open)\n%s\n' "$commands" | while IFS= read -r cmd; do
		printf '%s\n' "$commands" | head -n "$k" >"$tmp/in.txt"
		rm -rf "$tmp/state"
		XDG_STATE_HOME=$tmp/state SOURCE_DATE_EPOCH=1764115200 \
			"$handout" --accessible "$article" <"$tmp/in.txt" >"$tmp/out.txt"
		printf '#> %s\n' "$cmd" >>"$1"
		skip=$(wc -c <"$prev")
		[ "$skip" -eq 0 ] || skip=$((skip + 1))   # the blank line between
		tail -c +"$((skip + 1))" "$tmp/out.txt" >>"$1"
		cp "$tmp/out.txt" "$prev"
		k=$((k + 1))
	done
}

if [ -n "$record" ]; then
	transcript "$record"
	exit 0
fi

need espeak-ng espeak-ng
need soxi sox
[ -f "$before" ] || { echo "speech.sh: $before is missing" >&2; exit 1; }

transcript "$tmp/after.txt"

# seconds FILE [OPTION...]: how long espeak-ng takes to say the text in
# FILE, with espeak-ng's OPTIONs.
seconds() {
	f=$1
	shift
	if [ ! -s "$f" ] || ! grep -q '[[:alnum:]]' "$f"; then
		echo 0
		return
	fi
	espeak-ng "$@" -w "$tmp/say.wav" -f "$f" 2>/dev/null &&
		soxi -D "$tmp/say.wav" 2>/dev/null || echo failed
}

# split FILE DIR: answer k of FILE into DIR/k.txt, its command in DIR/k.cmd.
split() {
	mkdir -p "$2"
	awk -v dir="$2" '
		/^#> / { n++; f = dir "/" n ".txt"; printf "" >f;
			 print substr($0, 4) >(dir "/" n ".cmd"); next }
		n { print >>f }' "$1"
}

split "$before" "$tmp/b"
split "$tmp/after.txt" "$tmp/a"
# The whole transcript as it was heard: a blank line between answers.
whole() {
	awk '/^#> / { if (n++) print ""; next } { print }' "$1" >"$2"
}
whole "$before" "$tmp/before-all.txt"
whole "$tmp/after.txt" "$tmp/after-all.txt"

echo "handout speech benchmark: the listening test's session, spoken by espeak-ng"
echo "espeak-ng: $(espeak-ng --version | head -n 1)"
echo "handout:   $("$handout" --version 2>/dev/null | head -n 1 || echo '?')"
echo
status=0
printf '%-10s %10s %10s %8s %8s %8s\n' answer 'before s' 'after s' change \
	'words' 'words'
printf '%-10s %10s %10s %8s %8s %8s\n' '' '' '' '' before after
k=1
while [ -f "$tmp/b/$k.txt" ] || [ -f "$tmp/a/$k.txt" ]; do
	cmd=$(cat "$tmp/b/$k.cmd" 2>/dev/null || cat "$tmp/a/$k.cmd")
	b=$(seconds "$tmp/b/$k.txt" 2>/dev/null || echo failed)
	a=$(seconds "$tmp/a/$k.txt" 2>/dev/null || echo failed)
	wb=$(cat "$tmp/b/$k.txt" 2>/dev/null | wc -w)
	wa=$(cat "$tmp/a/$k.txt" 2>/dev/null | wc -w)
	case "$b$a" in *failed*) status=1 ;; esac
	awk -v c="$cmd" -v b="$b" -v a="$a" -v wb="$wb" -v wa="$wa" 'BEGIN {
		ch = "-"
		if (b + 0 > 0 && a != "failed" && b != "failed")
			ch = sprintf("%+.0f%%", (a - b) * 100 / b)
		if (b != "failed") b = sprintf("%.1f", b)
		if (a != "failed") a = sprintf("%.1f", a)
		printf "%-10s %10s %10s %8s %8d %8d\n", c, b, a, ch, wb, wa }'
	k=$((k + 1))
done
tb=$(seconds "$tmp/before-all.txt")
ta=$(seconds "$tmp/after-all.txt")
case "$tb$ta" in *failed*) status=1 ;; esac
awk -v b="$tb" -v a="$ta" -v wb="$(wc -w <"$tmp/before-all.txt")" \
	-v wa="$(wc -w <"$tmp/after-all.txt")" 'BEGIN {
	printf "%-10s %10.1f %10.1f %+7.0f%% %8d %8d\n", "total", b, a,
		(a - b) * 100 / b, wb, wa }'
# A screen reader speaks each new line as a unit; espeak-ng's -l makes
# every line end a clause, as near as it comes to that.
tb=$(seconds "$tmp/before-all.txt" -l 10000)
ta=$(seconds "$tmp/after-all.txt" -l 10000)
case "$tb$ta" in *failed*) status=1 ;; esac
awk -v b="$tb" -v a="$ta" 'BEGIN {
	printf "%-10s %10.1f %10.1f %+7.0f%%   (espeak-ng -l: each line a clause)\n",
		"total -l", b, a, (a - b) * 100 / b }'
exit $status
