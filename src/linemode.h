/* linemode.h - the accessible line mode (DESIGN.md view 2): commands in,
 * plain text out, for screen readers, braille displays and terminals that
 * cannot do full screen.
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
 *  - Every answer begins with where the reader is ("Section 7 of 12:
 *    TITLE"); a command it cannot carry out gets one line saying why, and
 *    the reader stays where they were.  Answers are separated by one blank
 *    line; "repeat" says the last answer again.
 *  - It starts with the article's title, byline and disclaimer, the
 *    section the reader is at, and how to get help.  The first `next`
 *    reads that section; later ones move on.
 *  - Lines are wrapped at o->width columns; 0 does not wrap (screen
 *    readers reflow text themselves; braille users set the width of their
 *    display).
 *  - `save` writes the summary with summary_save(), never over an existing
 *    file unasked: it asks "Overwrite? (y/n)" and takes the next line as
 *    the answer (only y or yes replaces the file; anything else, a blank
 *    line included, keeps it), so a piped script answers on the next
 *    line too.  In kiosk mode it refuses and writes nothing.
 *  - It returns 0 when the reader quits or the input ends, and -1 (errno
 *    set) when writing to out fails, reading in fails or memory runs out.
 *    It borrows doc, in, out and o for the call and closes neither stream.
 */
#ifndef HANDOUT_LINEMODE_H
#define HANDOUT_LINEMODE_H

#include <stdbool.h>
#include <stdio.h>

#include "document.h"
#include "summary.h"

struct statefile;

struct linemode_opts {
	int width;          /* wrap at this many columns; 0: do not wrap */
	bool ascii;         /* ASCII only (--ascii, or a non-UTF-8 locale) */
	bool prompt;        /* print "> " before each command (a terminal) */
	bool kiosk;         /* quit goes back to the start instead */
	long section;       /* 0-based section to start at, or -1: the first */
	const char *date;   /* the summary's date ("26 November 2025"), or NULL */
	struct summary_date day;  /* the same date, for a saved summary's file
	                             name; year 0: summary_today() */
	const char *save_dir;     /* where `save` writes; NULL: the current
	                             folder.  Kiosk mode never writes. */
	struct statefile *state;  /* saved state (statefile.h), NULL: none */
};

int linemode_run(const struct document *doc, FILE *in, FILE *out,
		 const struct linemode_opts *o);

#endif
