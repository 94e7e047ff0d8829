/* linemode.h - the accessible line mode: commands in, plain text out, for
 * screen readers, braille displays and terminals that cannot do full
 * screen.
 *
 * Contract:
 *  - linemode_run() reads one command a line from in (command.h) and
 *    answers each by appending text to out.  It never moves the cursor,
 *    never clears, and writes nothing but printable text and '\n': no
 *    escape sequence, no control character, no box drawing, whatever the
 *    document or the input holds (every string goes through plain.h).
 *    With o->ascii the output is ASCII only.
 *  - One model: it keeps a struct reader_state and changes it only with
 *    the reader's own functions (state.h), so a toggled item, an opened
 *    answer or a search is exactly what the full-screen reader would do.
 *  - Short to hear: an answer says where the reader is ("Section 7 of
 *    12: TITLE") only when that changed (a section read, a search that
 *    went to another section, the greeting) or when asked (`where`);
 *    every other answer starts with its result ("Checked: item 2,
 *    LABEL.").  Lists say their count once and number their items, with
 *    a state only where there is one (plain_item()); a search says which
 *    match of how many; links are said by their host (plain.h
 *    short_links) and `link` says the whole address.  A command it
 *    cannot carry out gets one line saying why, and the reader stays
 *    where they were.  Answers are separated by one blank line and have
 *    none inside (plain.h compact); "repeat" says the last answer again.
 *  - It starts with the article's title, byline and disclaimer, the
 *    section the reader is at, how many signs were checked last time (when
 *    any were), and how to get help.  The article's standfirst opens its
 *    first section instead (plain_opts.lead_in_section), so the greeting is
 *    short to hear.  The first `next` reads that section; later ones move
 *    on.
 *  - Lines are wrapped at o->width columns; 0 does not wrap (screen
 *    readers reflow text themselves; braille users set the width of their
 *    display).  No line starts with a blank.
 *  - `save` writes the summary with summary_save(), never over an existing
 *    file unasked: it asks "Overwrite? (y/n)" and takes the next line as
 *    the answer (only y or yes replaces the file; anything else, a blank
 *    line included, keeps it), so a piped script answers on the next
 *    line too.  In kiosk mode it refuses and writes nothing.
 *  - Input is bounded: a command is at most LINEMODE_LINE_MAX bytes; the
 *    rest of a longer line is read and dropped, never kept, and the
 *    answer ends with a one-line notice.  A search query is cut to
 *    SEARCH_QUERY_MAX bytes, as in the reader, and nothing the reader
 *    typed is quoted back longer than that.  When in has a file
 *    descriptor it is read with read(2) (never through stdio, so a poll()
 *    on it tells the truth); a memory stream is read with getc().
 *  - It drives a session (session.h): one article, or a library, whose
 *    articles `open N` opens and `library` closes, each with its saved
 *    state.  Before each command the others' ticks are brought in
 *    (session_refresh()); a command that ticked or changed section is
 *    saved (session_keep()) before its answer goes out, so an answer
 *    heard is a change on disk; the caller saves once more at the end
 *    (session_end()).  A warning - from start-up (o->warning), a save, or
 *    an article opened - ends the answer that follows it, as "Note: ...".
 *    Nothing is printed on stderr here.
 *  - With a library and no article open, the greeting and `library`
 *    start with "Library: N articles", a search covers every article
 *    (its matches by article, each title said once), and what needs an
 *    article says how to open one.
 *  - Kiosk mode (o->kiosk): quit goes back to the start; on a terminal,
 *    so does end of input (Ctrl-D), and a hang-up ends the run; with
 *    o->idle_reset (and a file descriptor to poll), after that many
 *    seconds without a command the reader is forgotten (state_reset()),
 *    a half-typed line is discarded, and a "New reader" separator and the
 *    greeting are printed.  The line mode only appends, so what the last
 *    reader saw stays in the scrollback.
 *  - o->stop, when set (a signal handler sets it), ends the run before
 *    the next command; a wait for input is cut short by the signal.
 *  - It returns 0 when the reader quits, the input ends or *o->stop is
 *    set, and -1 (errno set) when writing to out fails, reading in fails
 *    or memory runs out.  It borrows ses, in, out and o for the call and
 *    closes neither stream.
 */
#ifndef HANDOUT_LINEMODE_H
#define HANDOUT_LINEMODE_H

#include <signal.h>
#include <stdbool.h>
#include <stdio.h>

#include "document.h"
#include "error.h"
#include "session.h"
#include "summary.h"

/* The longest command read, in bytes. */
#define LINEMODE_LINE_MAX 4096

struct linemode_opts {
	int width;          /* wrap at this many columns; 0: do not wrap */
	bool ascii;         /* ASCII only (--ascii, or a non-UTF-8 locale) */
	bool prompt;        /* print "> " before each command (a terminal) */
	bool kiosk;         /* quit goes back to the start instead */
	const char *date;   /* the summary's date ("26 November 2025"), or NULL */
	struct summary_date day;  /* the same date, for a saved summary's file
	                             name; year 0: summary_today() */
	const char *save_dir;     /* where `save` writes; NULL: the current
	                             folder.  Kiosk mode never writes. */
	const struct herror *warning;  /* a state warning from start-up, said
	                                  in the first answer; NULL: none */
	long idle_reset;          /* kiosk: forget the reader after this many
	                             seconds without a command; 0: never */
	const volatile sig_atomic_t *stop;  /* non-zero: end the run; NULL:
	                                       nothing ends it from outside */
};

int linemode_run(struct session *ses, FILE *in, FILE *out,
		 const struct linemode_opts *o);

#endif
