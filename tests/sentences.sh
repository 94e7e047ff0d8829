#!/bin/sh
# sentences.sh - how much of a Markdown page's text reached handout's plain
# output: the share of the page's sentences found in it, and which are missing.
#
# Usage: sh tests/sentences.sh [-q] [-x OMISSIONS] [-m MIN] SOURCE.md PLAIN.txt
#
#   SOURCE.md  the page as Markdown (what an article was transcribed or
#              imported from)
#   PLAIN.txt  the article as `handout --plain --width 0 FILE.yaml` prints it
#   -x FILE    sentences the article leaves out on purpose, one to a line as
#              this script prints them after "missing: "; blank lines and
#              lines starting with '#' (say why) are ignored
#   -m MIN     fail when the share is below MIN (e.g. 0.98); with -x, the share
#              of the sentences not listed there
#   -q         print only the figures, not each missing sentence
#
# What counts as a sentence: the Markdown is read block by block (paragraph,
# heading, list item, table cell; YAML front matter and code fences skipped)
# and its syntax is taken away: images entirely (their alt text is not page
# text), links down to their words, emphasis marks, HTML tags; a bold label
# run into its text ("**oral:**comes") gets its space back.  Curly quotes
# become straight ones and every run of white space (no-break spaces too) one
# space, in the source and in the plain text alike.  A block is then cut after
# each '.', '?' or '!' (and any closing quote or bracket) that a space
# follows.  A sentence is found when it occurs in the plain text, all its
# lines joined, between characters that are not letters or digits.
#
# Output: "missing: SENTENCE" for each sentence not found and not listed,
# "left out: SENTENCE" for each listed one (not with -q), "stale: SENTENCE"
# for each listed one that is found after all or is no sentence of the
# source, then one line of figures:
#   SOURCE: F of T sentences found (F/T); L left out as listed, M missing;
#   without the listed ones F/(T-L)
# Exit status: 0; 1 when a sentence is missing that is not listed, a listed
# one is stale, or the share is below MIN; 2 on a usage error or a file that
# cannot be read.
#
# POSIX sh and awk only (Debian's mawk is enough): a bare system has no
# Python.  tests/transcription.sh runs it on the bundled NCI articles.

usage() {
	echo "usage: sh sentences.sh [-q] [-x OMISSIONS] [-m MIN] SOURCE.md PLAIN.txt" >&2
	exit 2
}

omit=/dev/null
min=
quiet=0
while getopts qx:m: opt; do
	case $opt in
	q) quiet=1 ;;
	x) omit=$OPTARG ;;
	m) min=$OPTARG ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[ $# -eq 2 ] || usage
case $min in
''|[0-9]|[0-9].[0-9]*|.[0-9]*) ;;
*) echo "sentences.sh: -m wants a number such as 0.98, not '$min'" >&2; exit 2 ;;
esac
for f in "$omit" "$1" "$2"; do
	if [ ! -r "$f" ] || [ -d "$f" ]; then
		echo "sentences.sh: cannot read $f" >&2
		exit 2
	fi
done

awk -v quiet="$quiet" -v min="$min" -v name="$1" '
# One space for any run of white space (tab, CR, no-break space); straight
# quotes for curly ones; no space at either end.
function norm(s) {
	gsub(/\342\200[\230\231]/, "\047", s)
	gsub(/\342\200[\234\235]/, "\"", s)
	gsub(/\302\240/, " ", s)
	gsub(/[ \t\r]+/, " ", s)
	sub(/^ /, "", s)
	sub(/ $/, "", s)
	return s
}

# Markdown syntax away, words kept.
function unmark(s,    t) {
	while (match(s, /!\[[^]]*\]\([^)]*\)/))
		s = substr(s, 1, RSTART - 1) substr(s, RSTART + RLENGTH)
	while (match(s, /\[[^]]*\]\([^)]*\)/)) {
		t = substr(s, RSTART + 1, RLENGTH - 1)
		sub(/\]\(.*$/, "", t)
		s = substr(s, 1, RSTART - 1) t substr(s, RSTART + RLENGTH)
	}
	# The two ends of a link whose words span blocks (a card: image,
	# title, blurb).
	gsub(/\]\([^)]*\)/, "", s)
	sub(/^[ \t]*\[[ \t]*$/, "", s)
	gsub(/<[^>]*>/, "", s)
	gsub(/:\*\*/, ": ", s)
	gsub(/\*\*|__|[*`]/, "", s)
	return s
}

# Cut a block into sentences, appended to src[].
function add_block(s,    cut) {
	s = norm(unmark(s))
	while (s != "") {
		if (match(s, /[.?!][]"\047)]* /)) {
			cut = RSTART + RLENGTH - 1
			src[++nsrc] = substr(s, 1, cut - 1)
			s = substr(s, cut + 1)
		} else {
			src[++nsrc] = s
			s = ""
		}
	}
}

function flush() {
	if (block != "")
		add_block(block)
	block = ""
}

function isword(c) {
	return c ~ /^[A-Za-z0-9]$/
}

# Is s in the plain text, with no letter or digit touching it where its own
# first or last character is one?
function found(s,    from, p, before, after) {
	from = 1
	while ((p = index(substr(plain, from), s)) > 0) {
		p += from - 1
		before = p > 1 ? substr(plain, p - 1, 1) : ""
		after = substr(plain, p + length(s), 1)
		if ((!isword(before) || !isword(substr(s, 1, 1))) &&
		    (!isword(after) || !isword(substr(s, length(s), 1))))
			return 1
		from = p + 1
	}
	return 0
}

# By name, not by FNR: an empty omissions file has no first record.
FILENAME == ARGV[1] {
	line = norm($0)
	if (line != "" && line !~ /^#/)
		omitted[line] = 1
	next
}

FILENAME == ARGV[2] {
	if (FNR == 1 && $0 == "---") { front = 1; next }
	if (front) { if ($0 == "---") front = 0; next }
	if ($0 ~ /^ *(```|~~~)/) { flush(); fence = !fence; next }
	if (fence) next
	if ($0 ~ /^[ \t\302\240]*$/) { flush(); next }
	line = $0
	sub(/^ *> ?/, "", line)
	if (line ~ /^ *#+( |$)/) {
		flush()
		sub(/^ *#+ */, "", line)
		sub(/ *#* *$/, "", line)
		add_block(line)
		next
	}
	if (line ~ /^ *\|/) {
		flush()
		if (line ~ /^[ |:-]+$/)
			next
		n = split(line, cell, "|")
		for (i = 1; i <= n; i++)
			add_block(cell[i])
		next
	}
	if (line ~ /^ *([-*+]|[0-9]+[.)]) /) {
		flush()
		sub(/^ *([-*+]|[0-9]+[.)]) +/, "", line)
	}
	block = block " " line
	next
}

{
	flush()
	plain = plain " " $0
}

END {
	flush()
	plain = norm(plain)
	nfound = nleft = nmiss = nstale = 0
	for (i = 1; i <= nsrc; i++) {
		s = src[i]
		if (s == "")
			continue
		total++
		seen[s] = 1
		if (found(s)) {
			nfound++
			if (s in omitted) {
				print "stale: " s " (it is in the plain text)"
				nstale++
				delete omitted[s]
			}
		} else if (s in omitted) {
			nleft++
			if (!quiet)
				print "left out: " s
		} else {
			nmiss++
			print "missing: " s
		}
	}
	for (s in omitted)
		if (!(s in seen)) {
			print "stale: " s " (no such sentence in the source)"
			nstale++
		}
	share = total ? nfound / total : 1
	rest = total - nleft ? nfound / (total - nleft) : 1
	printf "%s: %d of %d sentences found (%.3f); %d left out as listed, %d missing; without the listed ones %.3f\n",
	       name, nfound, total, share, nleft, nmiss, rest
	bad = nmiss || nstale
	if (min != "" && (nleft ? rest : share) < min + 0) {
		printf "%s: below the minimum share %s\n", name, min
		bad = 1
	}
	exit bad ? 1 : 0
}
' "$omit" "$1" "$2"
