#!/bin/sh
# sessions.sh - many sessions of one user, one state file: two line-mode
# processes and two readers (tmux) that tick different items both keep
# their ticks; a stale session that scrolls, changes section, quits or is
# hung up on never removes a tick it did not untick; and 200 interleaved
# tick / save / kill rounds across two processes end with a valid file
# holding exactly the expected ticks and no temporary file.
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

need mkfifo coreutils
need "${TMUX_BIN:-tmux}" tmux "two readers in real terminals"

private_state
items="new-metastases tumor-growth no-shrinkage ongoing-pain weight-loss fatigue"

# item_id N: the id of checklist item N (1-based).
item_id() {
	set -- "$1" $items
	shift "$1"
	echo "$1"
}

# has ID: the state file ticks ID.
has() {
	grep -qx "checked $1" "$sfile" 2>/dev/null
}

# --- line-mode processes driven through FIFOs -----------------------------
# Two slots, a and b, on descriptors 3 and 4.  Each answer to a tick ends
# with one "N of 6 checked." line (an answer to w: "N of 6 warning signs
# checked."), written only after the save
# (linemode.h), so seeing it means the tick is on disk.
mkfifo "$tmp/in_a" "$tmp/in_b" || exit 99

# proc_start SLOT: a fresh line-mode process reading the slot's FIFO.
proc_start() {
	# Without the other slot's descriptor: it would keep that FIFO open.
	"$HANDOUT" --accessible "$ARTICLE" <"$tmp/in_$1" >"$tmp/out_$1" 2>"$tmp/err_$1" 3>&- 4>&- &
	eval "pid_$1=$!"
	if [ "$1" = a ]; then exec 3>"$tmp/in_a"; else exec 4>"$tmp/in_b"; fi
	eval "seen_$1=0"
}

# send SLOT LINE
send() {
	if [ "$1" = a ]; then printf '%s\n' "$2" >&3; else printf '%s\n' "$2" >&4; fi
}

# answers SLOT: how many tick answers the slot's process has given.
answers() {
	grep -Ec '^[0-9]+ of 6 (warning signs )?checked\.$' "$tmp/out_$1" 2>/dev/null
}

# wait_answer SLOT: the next tick answer within 10 s; its count line in $got.
wait_answer() {
	eval "want=\$((seen_$1 + 1))"
	end=$(( $(now_ms) + 10000 ))
	while [ "$(answers "$1")" -lt "$want" ]; do
		[ "$(now_ms)" -lt "$end" ] || { got=""; return 1; }
		sleep 0.01
	done
	eval "seen_$1=$want"
	got=$(grep -E '^[0-9]+ of 6 (warning signs )?checked\.$' "$tmp/out_$1" | tail -n 1)
	return 0
}

# proc_end SLOT SIGNAL: end the slot's process with SIGNAL (or EOF) and
# wait for it; its exit status in $st.
proc_end() {
	eval "p=\$pid_$1"
	if [ "$2" = EOF ]; then
		if [ "$1" = a ]; then exec 3>&-; else exec 4>&-; fi
		wait "$p"
		st=$?
		return
	fi
	kill -s "$2" "$p"
	wait "$p"
	st=$?
	if [ "$1" = a ]; then exec 3>&-; else exec 4>&-; fi
}

# --- two line-mode processes, one tick each -------------------------------
proc_start a
proc_start b
send a "x 1"
wait_answer a || fail "line mode A: no answer"
send b "x 2"
wait_answer b || fail "line mode B: no answer"
check_eq "line mode B sees A's tick with its own" "$got" "2 of 6 checked."
send a "x 3"
wait_answer a
check_eq "line mode A sees B's tick by its next answer" "$got" "3 of 6 checked."
proc_end a EOF
proc_end b EOF
checks=$((checks + 1))
if has new-metastases && has tumor-growth && has no-shrinkage; then
	pass "two line-mode processes: all three ticks saved"
else
	fail "two line-mode processes: lost a tick: $(cat "$sfile")"
fi

# --- a stale line-mode session that moves and is hung up on -------------
rm -rf "$XDG_STATE_HOME"
proc_start b                        # opened first: the stale one
proc_start a
send a "x 4"
wait_answer a
send a "x 6"
wait_answer a
send b "3"                          # changes section
send b "n"
send b "w"                          # (its answer counts ticks too)
wait_answer b || fail "stale line mode: no answer"
proc_end b HUP                      # its SSH connection drops
check_eq "stale session hung up: exit status" "$st" 129
checks=$((checks + 1))
if has ongoing-pain && has fatigue; then
	pass "stale session moved and was hung up on: A's ticks kept"
else
	fail "stale session removed ticks: $(cat "$sfile")"
fi
check_match "stale session's section is saved" "$(cat "$sfile")" "^section chemo-influence$"
proc_end a TERM
check_eq "SIGTERM ends the line mode (143)" "$st" 143
checks=$((checks + 1))
has ongoing-pain && has fatigue && pass "and A's SIGTERM keeps them" ||
	fail "A's SIGTERM lost ticks: $(cat "$sfile")"

# --- 200 rounds: tick, save, sometimes kill, across two processes --------
rm -rf "$XDG_STATE_HOME"
proc_start a
proc_start b
expect=""                           # ids ticked, space-separated
nexpect=0
t0=$(now_ms)
bad=0
r=0
while [ $r -lt 200 ]; do
	if [ $((r % 2)) = 0 ]; then slot=a; else slot=b; fi
	n=$(( (r * 7 + r / 6) % 6 + 1 ))
	iid=$(item_id $n)
	case $((r % 10)) in
	3|8)
		# Tick and SIGTERM at once: the signal may come before the
		# command is read, in the middle of its save, or after.  A
		# command that was read is carried out, saved and answered.
		send $slot "x $n"
		if [ $((r % 20)) = 3 ]; then sig=TERM; else sig=HUP; fi
		eval "before=\$seen_$slot"
		proc_end $slot $sig
		if [ "$(answers $slot)" -gt "$before" ]; then acted=1; else acted=0; fi
		;;
	5)
		# SIGKILL: the tick is saved or not, never half; the next
		# start removes what a save killed before its rename left.
		send $slot "x $n"
		eval "before=\$seen_$slot"
		eval "p=\$pid_$slot"
		kill -KILL "$p"
		{ wait "$p"; } 2>/dev/null   # (no "Killed" from the shell)
		if [ $slot = a ]; then exec 3>&-; else exec 4>&-; fi
		case " $expect " in *" $iid "*) was=1 ;; *) was=0 ;; esac
		if has "$iid"; then now=1; else now=0; fi
		acted=$(( was != now ))
		if [ "$(answers $slot)" -gt "$before" ] && [ $acted = 0 ]; then
			bad=$((bad + 1))
			fail "round $r: answered but not saved"
		fi
		;;
	*)
		send $slot "x $n"
		wait_answer $slot || { bad=$((bad + 1)); fail "round $r: no answer from $slot"; }
		acted=1
		;;
	esac
	if [ $acted = 1 ]; then
		case " $expect " in
		*" $iid "*)
			expect=$(printf '%s\n' $expect | grep -vx "$iid" | tr '\n' ' ')
			nexpect=$((nexpect - 1)) ;;
		*)
			expect="$expect $iid"
			nexpect=$((nexpect + 1)) ;;
		esac
	fi
	case $((r % 10)) in
	3|5|8) proc_start $slot ;;
	*)
		# What the answer counted: this process saw the other's
		# ticks (refresh) and its own (merge).
		if [ "$got" != "$nexpect of 6 checked." ]; then
			bad=$((bad + 1))
			fail "round $r ($slot, x $n): '$got', want $nexpect"
		fi ;;
	esac
	r=$((r + 1))
done
proc_end a EOF
proc_end b EOF
t1=$(now_ms)
check_eq "200 rounds: every answer counted the merged ticks" "$bad" 0
echo "200 rounds in $((t1 - t0)) ms"
# The file: valid (read without a word on stderr) and exactly as expected.
run --summary --width 72
check_eq "after 200 rounds: the state file reads clean" "$status:$err" "0:"
got_ticks=$(sed -n 's/^checked //p' "$sfile" | sort | tr '\n' ' ')
want_ticks=$(printf '%s\n' $expect | sort | tr '\n' ' ')
check_eq "after 200 rounds: exactly the expected ticks" "$got_ticks" "$want_ticks"
check_eq "after 200 rounds: no temporary or bad file" \
	"$(ls -A "$sdir" | grep -v "^$id\.state\$" | grep -v "^\.$id\.state\.lock\$")" ""

# --- two readers in real terminals (tmux) ---------------------------------
# reader NAME: a reader in tmux session NAME, 100x30, on the shared state.
reader() {
	tmux_session "$1" 100 30 "exec env TERM=screen \
LC_ALL=C.UTF-8 XDG_STATE_HOME='$XDG_STATE_HOME' '$HANDOUT' '$ARTICLE'"
}

# gone PID: the process has ended (or is a zombie) within five seconds.
gone() {
	proc_gone "$1" 5000
}

rm -rf "$XDG_STATE_HOME"
reader a
reader b
see a "Warning signs 0/6" "reader A starts clean"
see b "Warning signs 0/6" "reader B starts clean"
T send-keys -t a Tab Space
see a "Warning signs 1/6" "reader A ticks item 1"
T send-keys -t b Tab Down Space
see b "Warning signs 2/6" "reader B ticks item 2 and shows A's with it"
T send-keys -t a '='
see a "Warning signs 2/6" "reader A shows B's tick by its next key"
pa=$(T display-message -p -t a '#{pane_pid}')
pb=$(T display-message -p -t b '#{pane_pid}')
T send-keys -t a q
T send-keys -t b q
gone "$pa" && gone "$pb" || fail "the two readers did not quit"
checks=$((checks + 1))
has new-metastases && has tumor-growth && pass "two readers: both ticks saved" ||
	fail "two readers: lost a tick: $(cat "$sfile")"

# Stale readers: opened before A's ticks, then they scroll and quit,
# change section and quit, or are hung up on.
rm -rf "$XDG_STATE_HOME"
reader s1
reader s2
reader s3
see s3 "Warning signs 0/6" "three stale readers open"
reader a
see a "Warning signs 0/6" "reader A opens"
T send-keys -t a Tab Space Down Down Space
see a "Warning signs 2/6" "reader A ticks items 1 and 3"
T send-keys -t s1 j j j
see s1 "Warning signs 2/6" "a stale reader shows A's ticks after a key"
# One after the other: the place saved is the last one's.
p1=$(T display-message -p -t s1 '#{pane_pid}')
T send-keys -t s1 q
gone "$p1" || fail "the scrolled reader did not quit"
T send-keys -t s2 ']' ']'
see s2 "section 3/12" "a stale reader changes section"
p2=$(T display-message -p -t s2 '#{pane_pid}')
T send-keys -t s2 q
gone "$p2" || fail "the reader in section 3 did not quit"
p3=$(T display-message -p -t s3 '#{pane_pid}')
T kill-session -t s3                   # the SSH link drops: SIGHUP
gone "$p3" || fail "the hung-up reader did not end"
pa=$(T display-message -p -t a '#{pane_pid}')
T send-keys -t a q
gone "$pa" || fail "reader A did not quit"
checks=$((checks + 1))
if has new-metastases && has no-shrinkage; then
	pass "stale readers that scroll, change section, quit, are hung up on: A's ticks kept"
else
	fail "stale readers removed ticks: $(cat "$sfile")"
fi
check_match "the section is the last moved session's" "$(cat "$sfile")" "^section science$"
T kill-server >/dev/null 2>&1

finish
