/* ui.h - the full-screen curses reader (the only part that uses curses).
 *
 * Contract: ui_run() borrows doc and ro (and what ro points to) for its
 * whole run and changes neither; main resolves every option before (the
 * section named by --section, the saved state opened and loaded).  It opens
 * the terminal with newterm(), runs until the reader quits (or a signal
 * asks it to), and always restores the terminal before it returns, on
 * every path.  Return value: an exit status (0 on a normal quit), or
 * UI_NO_TERMINAL when curses could not start on this terminal, in which
 * case nothing was drawn and the caller falls back to another mode.
 */
#ifndef HANDOUT_UI_H
#define HANDOUT_UI_H

#include <stdbool.h>

#include "document.h"
#include "error.h"

#define UI_NO_TERMINAL (-1)

struct statefile;

/* The reader's options, as main resolved them. */
struct reader_opts {
	bool kiosk;              /* a shared terminal (--kiosk) */
	bool ascii;              /* draw ASCII only */
	bool no_color;
	long idle_reset;         /* kiosk: seconds without a key before the
	                            next reader starts afresh */
	long section;            /* 0-based section to open at; -1: where
	                            the saved state left off */
	struct statefile *state; /* the saved state, loaded; NULL: none */
	const struct herror *state_warning; /* what loading it said, shown on
	                            the status line (HERR_OK: nothing) */
};

int ui_run(const struct document *doc, const struct reader_opts *ro);

#endif
