/* ui_input.h - the reader's input: keys, signals and the window's size,
 * waited for in one place, with no wake-up while nobody types.
 *
 * On a terminal server every idle reader costs its wake-ups, and the
 * window size is whatever an SSH client claims.  So:
 *  - The reader blocks in ppoll() on the terminal; SIGINT (not in a kiosk),
 *    SIGTERM, SIGHUP and SIGWINCH are blocked everywhere else and let in
 *    only there, so a signal can never slip in between "look at the flags"
 *    and "sleep".  There is a timeout only when the caller asks for one
 *    (the kiosk's idle reset, when it is due).
 *  - SIGWINCH is ours, not curses' (curses leaves a signal that has a
 *    handler alone): the size is read with TIOCGWINSZ and capped at
 *    UI_MAX_COLS x UI_MAX_ROWS before curses is told (resizeterm()), so a
 *    claimed 10000x10000 window costs what 512x256 costs.  The start-up size
 *    is capped the same way, through LINES and COLUMNS, before newterm().
 *
 * Contract:
 *  - ui_input_start() before newterm(); ui_input_stop() after endwin(), on
 *    every way out.  One struct ui_input at a time (signal handlers are
 *    process-wide).
 *  - ui_input_wait() needs curses running (it reads with wget_wch() on
 *    stdscr, which it puts in no-delay mode).  It returns what happened:
 *    a key (*key a keymap.h key, never KEYC_RESIZE), a resize (call
 *    ui_input_resize()), a signal (ui_input_signal() says which), the
 *    timeout, or the terminal gone (hung up without a signal).
 */
#ifndef HANDOUT_UI_INPUT_H
#define HANDOUT_UI_INPUT_H

#include <signal.h>
#include <stdbool.h>

#define UI_MAX_COLS 512
#define UI_MAX_ROWS 256

enum ui_event {
	UI_EV_KEY,
	UI_EV_RESIZE,
	UI_EV_SIGNAL,
	UI_EV_TIMEOUT,
	UI_EV_GONE
};

struct ui_input {
	struct sigaction old[4];
	bool set[4];
	sigset_t old_mask;       /* the mask before ui_input_start() */
	sigset_t wait_mask;      /* the mask ppoll() waits with */
	int empty_reads;         /* "readable" with no key, in a row */
};

/* Handlers and the blocked mask; the capped start-up size for newterm().
 * kiosk: SIGINT is left as it is (main ignores it in a kiosk). */
void ui_input_start(struct ui_input *in, bool kiosk);
void ui_input_stop(struct ui_input *in);

/* Wait for what comes first; timeout_ms < 0 waits for ever. */
enum ui_event ui_input_wait(struct ui_input *in, long long timeout_ms, int *key);

/* The signal that ended the wait with UI_EV_SIGNAL (0: none). */
int ui_input_signal(void);

/* Tell curses the window's size, capped; *rows and *cols get what curses
 * now uses.  Returns true when the window is bigger than that. */
bool ui_input_resize(int *rows, int *cols);

#endif
