/* ui.h - the full-screen curses reader (the only part that uses curses).
 *
 * Contract: ui_run() drives ses (session.h: the reader's state, the
 * article open in it, its saved state) until the reader quits or a signal
 * asks it to; main has set the session up (the article or the library, the
 * section named by --section, the state's kiosk, ascii and date) and
 * saves and reports after it (session_end(), session_report()).  It
 * borrows ro.  It opens the terminal with newterm() and always restores
 * it before it returns, on every path.  Return value: an exit status (0 on
 * a normal quit), or UI_NO_TERMINAL when curses could not start on this
 * terminal, in which case nothing was drawn and the caller falls back to
 * another mode.
 */
#ifndef HANDOUT_UI_H
#define HANDOUT_UI_H

#include <stdbool.h>

#include "error.h"
#include "session.h"

#define UI_NO_TERMINAL (-1)

/* The reader's options, as main resolved them. */
struct reader_opts {
	bool kiosk;              /* a shared terminal (--kiosk) */
	bool ascii;              /* draw ASCII only */
	bool no_color;
	long idle_reset;         /* kiosk: seconds without a key before the
	                            next reader starts afresh */
	const struct herror *state_warning; /* what loading the saved state
	                            said, shown on the status line (HERR_OK or
	                            NULL: nothing) */
};

int ui_run(struct session *ses, const struct reader_opts *ro);

#endif
