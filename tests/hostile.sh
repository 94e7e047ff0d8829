#!/bin/sh
# hostile.sh - the hostile corpus (tests/hostile_corpus.c) through the
# program itself, in every mode: --validate, --plain, piped (plain by
# fallback), the line mode (--accessible) and the reader in tmux; plus
# files that are not articles (a directory, a FIFO, a device, a sparse file
# over the size limit).
#
# Every run is bounded: ulimit -v (1 GiB) and timeout, so a hang or a
# runaway allocation is a failure with a name, not a stuck make check.
# What reaches stdout and stderr is checked byte by byte by the
# independent oracle in tests/termsafe.h (check_hostile --termsafe): no
# ESC, C0 but newline, DEL, C1, bidi control or invalid UTF-8, ever.
me=hostile
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

# This script changes folder: make the paths it was given absolute.
top_builddir=$(cd "$top_builddir" && pwd)
case $HANDOUT in /*) ;; *) HANDOUT=$(pwd)/$HANDOUT ;; esac
tool=$top_builddir/tests/check_hostile
[ -x "$tool" ] || { echo "check_hostile not built at $tool" >&2; exit 99; }
need timeout coreutils

corpus=$tmp/corpus
"$tool" --write "$corpus" || { echo "cannot write the corpus" >&2; exit 99; }
manifest=$corpus/MANIFEST
total=$(wc -l <"$manifest")
check_match "corpus written" "$total" '^[0-9]{4,}$'

# bounded SECONDS CMD...: run CMD with a deadline; status 124 means the
# deadline passed.  The memory bound (1 GiB of address space) is set once
# for the whole script: a subshell per run would double the test's time.
# AddressSanitizer reserves terabytes of address space at start-up, so a
# sanitizer build cannot run under ulimit -v: there ASan bounds memory.
if (ulimit -v 1048576 && "$HANDOUT" --version) >/dev/null 2>&1; then
	ulimit -v 1048576
elif grep -qa __asan_init "$HANDOUT"; then
	echo "note: no ulimit -v in a sanitizer build; AddressSanitizer bounds memory"
else
	not_run "ulimit -v: the 1 GiB memory bound on every run"
fi
bounded() {
	secs=$1
	shift
	timeout -k 2 "$secs" "$@"
}

# safe WHAT FILE: FILE holds nothing that can drive a terminal.
safe() {
	checks=$((checks + 1))
	if r=$("$tool" --termsafe "$2"); then
		pass "$1: terminal-safe"
	else
		fail "$1: $r"
	fi
}

# ---- --validate: the whole corpus in one run --------------------------------
# One line per refused file, FILE:LINE:COLUMN: where it has a place, the
# place the corpus wants; nothing for files that load.
cd "$corpus" || exit 99
# shellcheck disable=SC2046
bounded 300 "$HANDOUT" --validate $(awk '{print $1 ".yaml"}' MANIFEST) \
	>"$tmp/v.out" 2>"$tmp/v.err"
status=$?
check_eq "--validate over the corpus: exit status" "$status" 1
check_empty "--validate over the corpus: nothing on stdout" "$(cat "$tmp/v.out")"
safe "--validate over the corpus: stderr" "$tmp/v.err"
bad=$(awk '
	FNR == NR { n = index($0, ".yaml:"); if (n) { f = substr($0, 1, n - 1); msg[f] = $0; cnt[f]++ } next }
	{
		name = $1; want = $2; line = $4; col = $5; seen++
		if (want == "load" && (name in msg)) { print "refused but should load: " msg[name]; next }
		if (want == "refuse" && !(name in msg)) { print name ": not refused"; next }
		if (cnt[name] > 1) { print name ": more than one line"; next }
		if (want == "refuse" && line > 0 && index(msg[name], name ".yaml:" line ":" col ": ") != 1)
			print name ": wanted " line ":" col ", got: " msg[name]
	}
	END { if (seen < 5000) print "only " seen " cases read" }' "$tmp/v.err" MANIFEST 2>&1 | head -n 20)
check_empty "--validate: each file refused or loaded as the corpus says, at its place" "$bad"
cd "$tmp" || exit 99

# ---- each mode, over a cross-section of the corpus --------------------------
# Every payload in one field (the title), each payload kind in every field,
# every shape and truncation, some random cases.  (check_hostile runs them
# all in-process; here each costs a process or three.)
grep -E '^(esc-title|raw-title|zw-paragraph|shape|cut)-|^rand-[a-z]+-[01]|^(esc|raw)-[a-z-]+-0[12] |^zw-[a-z-]+-00 ' \
	"$manifest" >"$tmp/subset"
commands=$(printf 'n\nt\nf\nf 1\nc\nx 1\ns\n/ok\nh\nr\np\nq\n')

modes="plain piped line"
# Each run costs only the program and timeout(1): on a slow machine every
# fork counts, so the checks below use the shell's builtins.
for mode in $modes; do
	nbad=0 nrun=0 first=""
	mkdir "$tmp/$mode"
	while read -r name want code line col; do
		f=$corpus/$name.yaml
		o=$tmp/$mode/$name.out
		e=$tmp/$mode/$name.err
		nrun=$((nrun + 1))
		case $mode in
		plain) bounded 30 "$HANDOUT" --plain --width 40 "$f" >"$o" 2>"$e" </dev/null ;;
		# stdout a pipe, not a terminal: plain by fallback.
		piped) st=$({ { bounded 30 "$HANDOUT" "$f" 2>"$e" </dev/null
				echo $? >&3; } | cat >"$o"; } 3>&1)
			(exit "$st") ;;
		line) printf '%s\n' "$commands" |
			bounded 30 "$HANDOUT" --accessible --no-state "$f" >"$o" 2>"$e" ;;
		esac
		st=$?
		why="" l1="" l2=""
		{ read -r l1; read -r l2; } <"$e"
		if [ "$st" -ge 124 ]; then
			why="timed out or killed (status $st)"
		elif [ "$want" = refuse ] || { [ "$want" = either ] && [ -s "$e" ] && [ ! -s "$o" ]; }; then
			[ "$st" -eq 1 ] || why="refused with status $st"
			[ -s "$o" ] && why="refused but wrote to stdout"
			[ -z "$l2" ] || why="more than one line on stderr"
			case $l1 in
			"$f:"* | "handout: $f:"*) ;;
			*) why="message does not name the file: $l1" ;;
			esac
			if [ "$line" -gt 0 ]; then
				case $l1 in
				"$f:$line:$col: "*) ;;
				*) why="wanted $line:$col: $l1" ;;
				esac
			fi
		else
			[ "$st" -eq 0 ] || why="loaded but status $st: $l1"
			[ -s "$o" ] || why="loaded but nothing on stdout"
		fi
		if [ -n "$why" ]; then
			nbad=$((nbad + 1))
			[ -n "$first" ] || first="$name: $why"
		fi
	done <"$tmp/subset"
	# One oracle run over every output and message of this mode.
	if ! r=$(cd "$tmp/$mode" && "$tool" --termsafe ./*); then
		nbad=$((nbad + 1))
		first=${first:-$(printf '%s\n' "$r" | head -n 3)}
	fi
	rm -rf "${tmp:?}/$mode"
	checks=$((checks + 1))
	if [ "$nbad" -eq 0 ]; then
		pass "$mode mode: $nrun hostile files, all refused or shown harmlessly"
	else
		fail "$mode mode: $nbad of $nrun files went wrong; first: $first"
	fi
done

# ---- files that are not articles, in every mode -----------------------------
mkdir "$tmp/dir.yaml"
mkfifo "$tmp/fifo.yaml" 2>/dev/null || true
: >"$tmp/big.yaml"
truncate -s $((64 * 1024 * 1024 + 1)) "$tmp/big.yaml" 2>/dev/null || true
: >"$tmp/empty.yaml"
# A folder is a library (of no article here), even named .yaml, in every
# mode, --validate DIR included.
for spec in "dir.yaml:no article in the folder" \
	"fifo.yaml:not a regular file .it is a FIFO." \
	"big.yaml:file is 67108865 bytes; the limit is 64 MiB" \
	"empty.yaml:empty file" \
	"/dev/zero:not a regular file .it is a device."; do
	f=${spec%%:*}
	want=${spec#*:}
	case $f in /*) ;; *) f=$tmp/$f ;; esac
	[ -e "$f" ] || { not_run "cannot make $f here"; continue; }
	for args in "--validate" "--plain" "" "--accessible"; do
		# shellcheck disable=SC2086
		bounded 5 "$HANDOUT" $args "$f" </dev/null >"$tmp/o" 2>"$tmp/e"
		status=$?
		check_eq "${f##*/} ${args:-piped}: exit status" "$status" 1
		check_match "${f##*/} ${args:-piped}: says why" "$(cat "$tmp/e")" "$want"
		check_empty "${f##*/} ${args:-piped}: nothing on stdout" "$(cat "$tmp/o")"
	done
done

# ---- the reader, in a real terminal -------------------------------------------
# What the content holds must not reach the terminal as a command: the pane
# title (OSC 0) and tmux's paste buffer (OSC 52) stay untouched, and the raw
# bytes the pane received carry no OSC, C1 or bidi control.
TMUX_BIN=${TMUX_BIN:-tmux}
if command -v "$TMUX_BIN" >/dev/null 2>&1; then
	sock=handout-hostile-$$
	tmx() { "$TMUX_BIN" -L "$sock" -f /dev/null "$@"; }
	for name in esc-title-02 esc-paragraph-03 raw-title-01 zw-paragraph-00 \
		zw-title-19 shape-bullets-100k shape-long-word-60k cut-17; do
		f=$corpus/$name.yaml
		tmx kill-server 2>/dev/null
		: >"$tmp/raw"
		tmx new-session -d -s h -x 80 -y 24 \
			"sleep 0.3; TERM=screen LC_ALL=C.UTF-8 XDG_STATE_HOME=$tmp/state '$HANDOUT' --no-state '$f'; echo EXIT=\$?; sleep 30" \; \
			set-option -g set-titles off \; set-option -g set-clipboard on \; \
			pipe-pane -t h -o "cat >>'$tmp/raw'"
		# Wait for the reader (or the refusal), page, quit.
		n=0
		until tmx capture-pane -p -t h 2>/dev/null | grep -q . || [ $n -ge 50 ]; do
			sleep 0.1; n=$((n + 1))
		done
		sleep 0.5
		tmx send-keys -t h ' ' ' ' G q 2>/dev/null
		n=0
		until tmx capture-pane -p -t h | grep -q 'EXIT=' || [ $n -ge 100 ]; do
			sleep 0.1; n=$((n + 1))
		done
		title=$(tmx display-message -p -t h '#{pane_title}')
		buffers=$(tmx list-buffers 2>/dev/null | wc -l)
		exitline=$(tmx capture-pane -p -t h | grep -o 'EXIT=[0-9]*')
		tmx kill-server 2>/dev/null
		check_match "reader $name: exits" "$exitline" '^EXIT=[01]$'
		checks=$((checks + 1))
		case $title in *pwned*) fail "reader $name: the content set the title" ;; *) pass "reader $name: title untouched" ;; esac
		check_eq "reader $name: clipboard untouched" "$buffers" 0
		check_empty "reader $name: no OSC, C1 or bidi control sent" \
			"$(LC_ALL=C grep -c -a -P '\x1b\]|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]|pwned' "$tmp/raw" | grep -v '^0$')"
	done
	tmx kill-server 2>/dev/null
else
	not_run "tmux not found (Debian package tmux): the reader"
fi

finish
