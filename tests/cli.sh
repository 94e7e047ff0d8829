#!/bin/sh
# cli.sh - the command line's promises: where output goes and exit codes
# (0 success, 1 content or file errors, 2 usage errors).
. "${top_srcdir:-$(dirname "$0")/..}/tests/lib.sh"

article="$top_srcdir/content/cancer-spread-during-chemotherapy.yaml"
fixture="$top_srcdir/tests/data/plain/every-block.yaml"

run --help
check_eq "--help exits 0" "$status" 0
check_match "--help goes to stdout" "$out" '^Usage: handout \[OPTION\]\.\.\. \[FILE\]'
check_empty "--help says nothing on stderr" "$err"

run --version
check_eq "--version exits 0" "$status" 0
check_match "--version names program and version" "$out" '^handout \(handout\) [0-9]+\.[0-9]+'

run --bogus
check_eq "unknown option exits 2" "$status" 2
check_eq "unknown option message" "$err" "handout: unrecognized option '--bogus'
Try 'handout --help' for more information."
check_empty "usage errors print nothing on stdout" "$out"

for w in abc -1 1001 '' 12x ' 5'; do
	run --plain --width "$w" "$fixture"
	check_eq "--width '$w' exits 2" "$status" 2
	check_match "--width '$w' message" "$err" "^handout: invalid width"
done
run --width
check_eq "--width without a value exits 2" "$status" 2
run --plain=yes
check_eq "--plain=yes exits 2" "$status" 2
check_match "--plain=yes message" "$err" "^handout: option '--plain' doesn't allow an argument"
run "$fixture" "$fixture"
check_eq "two files exit 2" "$status" 2
run --validate
check_eq "--validate without files exits 2" "$status" 2

run --plain "$tmp/no-such-file.yaml"
check_eq "missing file exits 1" "$status" 1
check_match "missing file message" "$err" "^handout: .*no-such-file\.yaml: "
check_empty "missing file prints nothing on stdout" "$out"

run --validate "$article" "$fixture"
check_eq "--validate on good files exits 0" "$status" 0
check_empty "--validate is quiet on success" "$out$err"

# Every article that is installed, not only the one that opens by default.
run --validate "$top_srcdir"/content/*.yaml
check_eq "--validate on every bundled article exits 0" "$status" 0
check_empty "every bundled article is valid" "$out$err"

printf 'schema: 1\nid: bad\ntitle: Bad\nsurprise: yes\n' >"$tmp/bad.yaml"
run --validate "$fixture" "$tmp/bad.yaml"
check_eq "--validate with one bad file exits 1" "$status" 1
check_match "--validate names FILE:LINE:COLUMN" "$err" "^$tmp/bad\.yaml:4:1: "
check_empty "--validate prints nothing on stdout" "$out"

run --plain "$tmp/bad.yaml"
check_eq "showing a bad file exits 1" "$status" 1
check_match "showing a bad file names its place" "$err" "^$tmp/bad\.yaml:4:1: "

# Standard output is a file here, not a terminal: plain text without --plain.
run --width 60 "$fixture"
check_eq "piped output exits 0" "$status" 0
check_match "piped output is plain text" "$(printf '%s\n' "$out" | head -1)" '^A Sample Article$'
check_match "piped output announces sections" "$out" '^Section 2 of 2: Second$'

run
check_eq "no FILE shows the library of the bundled articles" "$status" 0
check_match "the library's list" "$(printf '%s\n' "$out" | head -1)" '^Library: 4 articles\.$'
check_match "with the bundled article first" "$out" '^1\. How Does Cancer Spread'
run --section 2
check_eq "--section with a folder is a usage error" "$status" 2
check_match "--section with a folder says why" "$err" '^handout: --section needs an article'

run --plain --section faq "$article"
check_eq "--section ID exits 0" "$status" 0
check_match "--section ID prints that section" "$(printf '%s\n' "$out" | head -1)" '^Section 11 of 12: Frequently Asked Questions$'
check_eq "--section prints only that section" "$(printf '%s\n' "$out" | grep -c '^Section ')" 1
run --plain --section 2 "$article"
check_match "--section N prints section N" "$(printf '%s\n' "$out" | head -1)" '^Section 2 of 12: '
for s in 0 13 nowhere; do
	run --plain --section "$s" "$article"
	check_eq "--section $s exits 1" "$status" 1
	check_match "--section $s message" "$err" "^handout: no section '$s'"
done

run --plain --ascii "$article"
check_eq "--ascii exits 0" "$status" 0
check_eq "--ascii output is ASCII" "$(printf '%s\n' "$out" | LC_ALL=C grep -c '[^ -~]')" 0

# A locale without UTF-8 gets ASCII too.
out=$(LC_ALL=C "$HANDOUT" --plain "$fixture")
check_eq "C locale output is ASCII" "$(printf '%s\n' "$out" | LC_ALL=C grep -c '[^ -~]')" 0

if [ -w /dev/full ]; then
	"$HANDOUT" --plain "$article" >/dev/full 2>"$tmp/err"
	check_eq "write to a full disk exits 1" "$?" 1
	check_match "write error message" "$(cat "$tmp/err")" '^handout: write error: '
fi

# A reader that stops early ends handout quietly (SIGPIPE), without a message.
{ "$HANDOUT" --plain --width 0 "$article" 2>"$tmp/err"; echo $? >"$tmp/status"; } | head -c 10 >/dev/null
check_empty "closed pipe prints no error" "$(cat "$tmp/err")"
check_match "closed pipe ends handout" "$(cat "$tmp/status")" '^(0|141)$'

# A kiosk reads nothing but its article: no saved state to print, no files
# to validate.  Its idle time is whole seconds, up to a day.
run --kiosk --summary
check_eq "--kiosk --summary exits 2" "$status" 2
check_match "--kiosk --summary message" "$err" "^handout: --summary .*--kiosk"
run --kiosk --validate "$fixture"
check_eq "--kiosk --validate exits 2" "$status" 2
run --idle-reset 5
check_eq "--idle-reset without --kiosk exits 2" "$status" 2
check_match "--idle-reset without --kiosk message" "$err" "^handout: --idle-reset is for --kiosk only"
for s in 0 -3 86401 2x '' ' 5' 99999999999999999999; do
	run --kiosk --idle-reset "$s"
	check_eq "--idle-reset '$s' exits 2" "$status" 2
	check_match "--idle-reset '$s' message" "$err" "^handout: invalid idle time"
done
run --kiosk --idle-reset 86400 --plain --section 2 "$article"
check_eq "--kiosk --idle-reset 86400 is accepted" "$status" 0

# --list [DIR]: one line per article, "id<TAB>title", in the order of the
# files' names; the bundled articles without DIR.  An article whose header
# cannot be read is said on stderr and the status is 1, the others still
# listed.
tab=$(printf '\t')
run --list
check_eq "--list exits 0" "$status" 0
check_eq "--list lists the bundled articles" "$out" "cancer-spread-during-chemotherapy${tab}How Does Cancer Spread During Chemotherapy — And What Are the Warning Signs?
chemotherapy${tab}Chemotherapy to Treat Cancer
infection-neutropenia${tab}Infection and Neutropenia during Cancer Treatment
metastatic-cancer${tab}Metastatic Cancer: When Cancer Spreads"
check_empty "--list says nothing on stderr" "$err"
run --list --ascii "$top_srcdir/content/"
check_match "--list --ascii spells titles in ASCII" "$(printf '%s\n' "$out" | head -1)" "${tab}How Does Cancer Spread During Chemotherapy -- And What"
check_eq "--list --ascii output is ASCII" "$(printf '%s\n' "$out" | LC_ALL=C grep -c '[^ -~	]')" 0
shelf="$top_srcdir/tests/data/library/shelf"
run --list "$shelf"
check_eq "--list of a folder with a broken header exits 1" "$status" 1
check_eq "--list lists what it can read, in order" "$out" "alpha${tab}Alpha Article
beta${tab}Beta: Escapes
broken-body${tab}A Broken Body
dangling${tab}A Dangling Link
alpha${tab}Another Alpha
gamma${tab}Gamma: Quoting and Folding
far-away${tab}Far Away"
check_eq "--list names the unreadable header on stderr" "$err" "$shelf/bad-date.yaml:4:10: 'updated' must be a date written YYYY-MM-DD, not '2025-02-30'"
mkdir "$tmp/empty"
run --list "$tmp/empty"
check_eq "--list of an empty folder exits 1" "$status" 1
check_eq "--list of an empty folder says so" "$err" "handout: $tmp/empty: no article in the folder (an article's name ends in .yaml)"
run --list "$fixture"
check_eq "--list of a file exits 1" "$status" 1
check_eq "--list of a file says so" "$err" "handout: $fixture: not a folder"
for args in "--list $shelf $shelf" "--list --plain" "--list --validate $shelf" \
	"--summary --list" "--list --kiosk" "--list --width 40" "--list --no-state" \
	"--list --section 1"; do
	# shellcheck disable=SC2086
	run $args
	check_eq "'$args' exits 2" "$status" 2
	check_empty "'$args' prints nothing on stdout" "$out"
done
run --list --plain
check_eq "--list with another option names it" "$err" "handout: --list cannot be used with --plain
Try 'handout --help' for more information."
out=$(ACCESSIBLE=1 NO_COLOR=1 "$HANDOUT" --list --no-color 2>/dev/null)
check_eq "ACCESSIBLE, NO_COLOR and --no-color do not stop --list" "$?" 0

# --validate DIR: every article of the folder, then the links between
# them; mixed with files.
run --validate "$top_srcdir/content" "$top_srcdir/tests/data/library/good"
check_eq "--validate of good folders exits 0" "$status" 0
check_empty "--validate of good folders is quiet" "$out$err"
run --validate "$fixture" "$shelf" "$tmp/bad.yaml"
check_eq "--validate of a folder with problems exits 1" "$status" 1
check_empty "--validate DIR prints nothing on stdout" "$out"
check_eq "--validate DIR says each problem in order, with files around it" "$err" "$shelf/bad-date.yaml:4:10: 'updated' must be a date written YYYY-MM-DD, not '2025-02-30'
$shelf/broken.yaml:10:9: unknown key 'paragraf' in block (expected paragraph, subheading, bullets, numbered, table, quote, faq, references)
$shelf/dangling.yaml:7:5: related article 'nowhere' is not in the folder (no article there has that id)
$shelf/dup.yaml:2:5: duplicate article id 'alpha' ($shelf/alpha.yaml has it too)
$tmp/bad.yaml:4:1: unknown key 'surprise' in article (expected schema, id, title, summary, author, updated, reviewed, language, source, license, disclaimer, advice, related, sections, checklist, glossary)"
run --validate "$tmp/empty"
check_eq "--validate of a folder without articles exits 1" "$status" 1
check_eq "--validate of a folder without articles says so" "$err" "$tmp/empty: no article in the folder (an article's name ends in .yaml)"
# --full-screen asks for the reader where ACCESSIBLE asks for the line mode;
# with --accessible it asks for two modes at once.
run --accessible --full-screen "$article"
check_eq "--accessible --full-screen exits 2" "$status" 2
check_match "--accessible --full-screen message" "$err" \
	"^handout: --accessible and --full-screen ask for different modes"
out=$(printf 'q\n' | ACCESSIBLE=1 "$HANDOUT" --full-screen "$article" 2>&1 | head -n 1)
check_eq "ACCESSIBLE with --full-screen, not on a terminal: plain text, as without" \
	"$out" "$("$HANDOUT" "$article" | head -n 1)"
run --one-column --plain --section 2 "$article"
check_eq "--one-column is accepted (and plain text has one column anyway)" "$status" 0

# --import PAGE: a draft on stdout, warnings on stderr; one page, no other
# option (2); a page that cannot be read or is refused, 1, with nothing on
# stdout.
page="$top_srcdir/tests/data/nci/nci-chemotherapy.md"
run --import "$page"
check_eq "--import exits 0" "$status" 0
check_match "--import writes the draft on stdout" "$out" '^schema: 1$'
check_match "--import warns on stderr with FILE:LINE:COLUMN" "$err" "^$page:[0-9]+:[0-9]+: warning: "
run --import="$page"
check_eq "--import=PAGE exits 0" "$status" 0
out=$(ACCESSIBLE=1 NO_COLOR=1 "$HANDOUT" --import "$page" 2>/dev/null)
check_eq "ACCESSIBLE and NO_COLOR do not stop --import" "$?" 0
run --import
check_eq "--import without a page exits 2" "$status" 2
check_match "--import without a page message" "$err" "^handout: option '--import' requires an argument"
run --import=
check_eq "--import= exits 2" "$status" 2
for args in "--import $page $page" "--import $page --import $page" \
	"--import $page --plain" "--validate --import $page" "--import $page --width 40" \
	"--kiosk --import $page" "--import $page --no-state" "--ascii --import $page"; do
	# shellcheck disable=SC2086
	run $args
	check_eq "'$args' exits 2" "$status" 2
	check_empty "'$args' prints nothing on stdout" "$out"
done
run --import "$page" --plain
check_match "--import with another option names it" "$err" "^handout: --import cannot be used with --plain$"
run --import "$page" "$page"
check_match "--import with a second page names it" "$err" "^handout: extra operand '.*' \(--import takes one FILE\)$"
run --import "$tmp/no-such-page.md"
check_eq "--import of a missing page exits 1" "$status" 1
check_match "--import of a missing page message" "$err" "^handout: .*no-such-page\.md: cannot open: "
check_empty "--import of a missing page prints nothing on stdout" "$out"
run --import "$tmp"
check_eq "--import of a folder exits 1" "$status" 1
printf '# Page\n\nred \033[31m text\n' >"$tmp/hostile.md"
run --import "$tmp/hostile.md"
check_eq "--import of a hostile page exits 1" "$status" 1
check_eq "--import of a hostile page names the place" "$err" "$tmp/hostile.md:3:5: control character U+001B is not allowed"
check_empty "--import of a hostile page prints nothing on stdout" "$out"
: >"$tmp/empty.md"
run --import "$tmp/empty.md"
check_eq "--import of an empty page exits 1" "$status" 1
if [ -w /dev/full ]; then
	"$HANDOUT" --import "$page" >/dev/full 2>/dev/null
	check_eq "--import to a full disk exits 1" "$?" 1
fi

finish
