/* ui_draw.h - the reader's screen drawn from the core's layouts.
 *
 * Contract: a struct ui_screen owns the curses windows of the reader (title
 * bar, body, separator, side pane, status line), made for the geometry the
 * state asks for and remade when it changes (resize, a view without the side
 * pane).  ui_draw() repaints only what its REDRAW_* flags name, erases
 * nothing it does not repaint, never calls clear(), and ends with one
 * doupdate() that leaves the hardware cursor at the start of the focused
 * line or item (state_cursor()).  Below STATE_MIN_COLS x STATE_MIN_ROWS it
 * draws one "Terminal too small" line instead, at any size down to 1x1.
 * Text goes out through one routine that never draws a control character
 * and, in ASCII mode, nothing but ASCII.
 * Only the curses front-end includes this header; it must have started
 * curses (newterm) before ui_screen_init() and ends it after
 * ui_screen_free().
 */
#ifndef HANDOUT_UI_DRAW_H
#define HANDOUT_UI_DRAW_H

#include <stdbool.h>

#include <curses.h>

#include "document.h"
#include "state.h"

struct ui_screen {
	WINDOW *title, *body, *sep, *side, *status;
	struct geometry g;       /* what the windows were made for */
	bool made;               /* the windows exist */
	bool ascii;              /* draw ASCII only */
};

/* Prepare s; no window is made until the first ui_draw().  Returns 0. */
int ui_screen_init(struct ui_screen *s, bool ascii);

/* Delete the windows and what s owns. */
void ui_screen_free(struct ui_screen *s);

/* Repaint what redraw (REDRAW_* flags) names, everything when the windows
 * had to be remade, then place the cursor and doupdate() once.
 * Returns 0, or -1 when curses could not make a window (out of memory). */
int ui_draw(struct ui_screen *s, struct reader_state *st,
	    const struct document *doc, unsigned redraw);

/* Show the prompt line on the status row: label, then text (UTF-8, what the
 * reader typed so far), the cursor after it; one doupdate(). */
void ui_draw_prompt(struct ui_screen *s, struct reader_state *st,
		    const char *label, const char *text);

#endif
