/* ui.h - the full-screen curses reader (the only part that uses curses).
 *
 * Contract: ui_run() borrows doc and opt for its whole run and changes
 * neither.  It opens the terminal with newterm(), runs until the reader
 * quits (or a signal asks it to), and always restores the terminal before it
 * returns, on every path.  Return value: an exit status (0 on a normal
 * quit), or UI_NO_TERMINAL when curses could not start on this terminal, in
 * which case nothing was drawn and the caller falls back to another mode.
 */
#ifndef HANDOUT_UI_H
#define HANDOUT_UI_H

#include "cli.h"
#include "document.h"

#define UI_NO_TERMINAL (-1)

int ui_run(const struct document *doc, const struct options *opt);

#endif
