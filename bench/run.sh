#!/bin/sh
# run.sh - the benchmark: handout against less, side by side.
#
#   bench/run.sh [--runs N] [--sizes "80x24 132x43"] [--only bundled|generated]
#                [--callgrind]
#
# Measures, with bench/ptybench under a pseudo-terminal, the bundled article
# and a generated one of about 10 MB (bench/genarticle), at 80x24 and 132x43:
# handout's reader, and less reading handout's own --plain output of the same
# article at the same width (so both show the same text).  Prints a table of
# median [min-max] over the runs for each program and handout/less; exits 0
# when every measurement was made, 1 when one could not be.
# --callgrind also counts the instructions each program executes to open,
# draw its first screen and quit, under valgrind (repeatable, unlike time).
#
# Run by `make bench` from the build tree, which builds src/handout,
# bench/ptybench and bench/genarticle first.  Standalone, it looks for them
# under $top_builddir (default: the current directory) and builds them with
# make when they are missing.  The definitions of the figures are in
# bench/RESULTS.md and at the top of bench/ptybench.c.
#
# Environment: top_builddir, top_srcdir, HANDOUT, LESS_BIN, BENCH_RUNS,
# HANDOUT_MARKER (text on handout's status line that says the first screen is
# complete; default "?:help").
set -eu

runs=${BENCH_RUNS:-7}
sizes="80x24 132x43"
only=""
callgrind=no
# shellcheck source=bench/benchlib.sh
. "$(dirname "$0")/benchlib.sh"
bench_args "runs sizes only callgrind=yes" "$@"

handout=${HANDOUT:-$top_builddir/src/handout}
ptybench=$top_builddir/bench/ptybench
genarticle=$top_builddir/bench/genarticle
marker=${HANDOUT_MARKER:-?:help}
bundled=$top_srcdir/content/cancer-spread-during-chemotherapy.yaml

# What a fresh machine may lack: say which Debian package brings it.
need() {
	command -v "$1" >/dev/null 2>&1 && return 0
	echo "run.sh: '$1' is not installed: apt-get install $2" >&2
	exit 1
}
need less less
need awk mawk
[ "$callgrind" = no ] || need valgrind valgrind
less_bin=${LESS_BIN:-$(command -v less)}

if [ ! -x "$handout" ] || [ ! -x "$ptybench" ] || [ ! -x "$genarticle" ]; then
	[ -f "$top_builddir/Makefile" ] || {
		echo "run.sh: no build in $top_builddir: configure first, or set top_builddir" >&2
		exit 1
	}
	make -C "$top_builddir" src/handout bench/ptybench bench/genarticle >/dev/null
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/handout-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT HUP INT TERM
# Both programs run in $tmp, so less's prompt shows a short file name.
cd "$tmp"
mkdir state

echo "handout benchmark: handout against less under a pseudo-terminal"
echo "date:    $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine: $(nproc) CPU, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1), $(uname -sr)"
echo "handout: $("$handout" --version 2>/dev/null | head -n 1 || echo '?')"
echo "less:    $("$less_bin" --version | head -n 1)"
echo "runs:    $runs per figure (median [min-max]); TERM=xterm-256color LC_ALL=C.UTF-8"

"$genarticle" 10M >generated.yaml
echo "generated article: $(wc -c <generated.yaml) bytes, $(grep -c '^  - id: section-' generated.yaml) sections"
if ! "$handout" --validate generated.yaml >validate.log 2>&1; then
	echo "run.sh: handout --validate refuses the generated article:" >&2
	head -n 5 validate.log >&2
	exit 1
fi

# Nothing saved: the runs must not read each other's place.  XDG_STATE_HOME
# (a temporary folder, below) keeps $HOME out of it as well.
nostate=--no-state

status=0

# measure NAME SIZE FILE: one table for one article at one size.  (POSIX sh
# has no local variables: these are prefixed m_ so they clobber nothing.)
measure() {
	m_name=$1 m_size=$2 m_file=$3
	cols=${m_size%x*}
	plain=$m_name-$cols.txt
	if ! "$handout" --plain --width "$cols" "$m_file" >"$plain" 2>plain.err; then
		echo "run.sh: handout --plain failed on $m_file:" >&2
		head -n 5 plain.err >&2
		status=1
		return
	fi
	# The same terminal and environment for both; no user configuration
	# (LESS empty, no history file, handout's state kept out of $HOME).
	common="-s $m_size -n $runs -e LESS= -e LESSHISTFILE=- -e LESSOPEN= -e LESSCLOSE= -e XDG_STATE_HOME=$tmp/state"
	# shellcheck disable=SC2086
	if ! "$ptybench" $common -m "$marker" -- "$handout" $nostate "$m_file" >h.tsv 2>h.err; then
		echo "run.sh: handout could not be measured ($m_name, $m_size):" >&2
		cat h.err >&2
		: >h.tsv
		status=1
	fi
	# less's first prompt is the file name, drawn last on its bottom line.
	# shellcheck disable=SC2086
	if ! "$ptybench" $common -m "$plain" -- "$less_bin" "$plain" >l.tsv 2>l.err; then
		echo "run.sh: less could not be measured ($m_name, $m_size):" >&2
		cat l.err >&2
		: >l.tsv
		status=1
	fi
	echo
	echo "== $m_name article ($(wc -c <"$m_file") bytes of YAML, $(wc -l <"$plain") lines of plain text at $cols columns), $m_size"
	awk -F '\t' '
	function fmt(v, unit) {
		if (unit == "ms") return sprintf("%.1f", v)
		if (unit == "KiB") return sprintf("%d", v + 0.5)
		return (v == int(v)) ? sprintf("%d", v) : sprintf("%.1f", v)
	}
	function cell(f, m) {
		if (!(f in m)) return "failed"
		split(m[f], x, SUBSEP)
		return fmt(x[1], x[4]) " [" fmt(x[2], x[4]) "-" fmt(x[3], x[4]) "]"
	}
	FILENAME == "h.tsv" { h[$1] = $2 SUBSEP $3 SUBSEP $4 SUBSEP $5 }
	FILENAME == "l.tsv" { l[$1] = $2 SUBSEP $3 SUBSEP $4 SUBSEP $5 }
	END {
		n = split("first_screen_ms peak_rss_kib open_bytes session_bytes page_bytes page_ms line_bytes line_ms", order, " ")
		label["first_screen_ms"] = "time to first screen (ms)"
		label["peak_rss_kib"] = "peak RSS (KiB)"
		label["open_bytes"] = "bytes: first screen"
		label["session_bytes"] = "bytes: open + 20 PgDn + quit"
		label["page_bytes"] = "bytes per page-down"
		label["page_ms"] = "time per page-down (ms)"
		label["line_bytes"] = "bytes per line scroll (j)"
		label["line_ms"] = "time per line scroll (ms)"
		printf "%-30s %-26s %-26s %s\n", "figure", "handout median [min-max]", "less median [min-max]", "ratio"
		for (i = 1; i <= n; i++) {
			f = order[i]
			r = "-"
			if ((f in h) && (f in l)) {
				split(h[f], a, SUBSEP); split(l[f], b, SUBSEP)
				if (b[1] > 0) r = sprintf("%.2f", a[1] / b[1])
			}
			printf "%-30s %-26s %-26s %s\n", label[f], cell(f, h), cell(f, l), r
		}
		# A key that drew nothing did not move the view: say so rather
		# than let a 0 pass for frugality.
		split(h["line_bytes"], a, SUBSEP); split(l["line_bytes"], b, SUBSEP)
		if (("line_bytes" in h) && a[1] == 0 && b[1] > 0)
			print "note: handout sent nothing for j here: it did not scroll (nothing below in the section?)"
	}' h.tsv l.tsv
}

for which in bundled generated; do
	[ -z "$only" ] || [ "$only" = "$which" ] || continue
	case $which in
	bundled) file=$bundled ;;
	generated) file=$tmp/generated.yaml ;;
	esac
	for size in $sizes; do
		measure "$which" "$size" "$file"
	done
done

# instructions NAME FILE: instructions executed (valgrind's Ir) to start,
# draw the first screen at 80x24 and quit, for both programs.
instructions() {
	i_name=$1 i_file=$2
	"$handout" --plain --width 80 "$i_file" >"$i_name-80.txt" 2>/dev/null || return 0
	cg="-s 80x24 -n 1 --pages 0 --lines 0 --quiet-ms 300 --start-cap-ms 600000 --key-cap-ms 600000"
	cg="$cg -e LESS= -e LESSHISTFILE=- -e LESSOPEN= -e LESSCLOSE= -e XDG_STATE_HOME=$tmp/state"
	vg="valgrind --tool=callgrind --log-file=vg.log"
	# shellcheck disable=SC2086
	if ! "$ptybench" $cg -m "$marker" -- $vg --callgrind-out-file=h.cg \
		"$handout" $nostate "$i_file" >/dev/null 2>cg.err ||
	   ! "$ptybench" $cg -m "$i_name-80.txt" -- $vg --callgrind-out-file=l.cg \
		"$less_bin" "$i_name-80.txt" >/dev/null 2>>cg.err; then
		echo "run.sh: callgrind run failed ($i_name):" >&2
		cat cg.err vg.log >&2
		status=1
		return 0
	fi
	hi=$(sed -n 's/^\(summary\|totals\): //p' h.cg | head -n 1)
	li=$(sed -n 's/^\(summary\|totals\): //p' l.cg | head -n 1)
	if [ -z "$hi" ] || [ -z "$li" ]; then
		echo "run.sh: no instruction count in callgrind's output ($i_name)" >&2
		status=1
		return 0
	fi
	awk -v n="$i_name" -v h="$hi" -v l="$li" 'BEGIN {
		printf "%-30s %-26s %-26s %.2f\n", n " article", h, l, h / l }'
}

if [ "$callgrind" = yes ]; then
	echo
	echo "== instructions to open, draw the first screen and quit, 80x24 (callgrind Ir)"
	printf '%-30s %-26s %-26s %s\n' "article" "handout" "less" "ratio"
	[ "$only" = generated ] || instructions bundled "$bundled"
	[ "$only" = bundled ] || instructions generated "$tmp/generated.yaml"
fi
exit $status
