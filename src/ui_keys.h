/* ui_keys.h - curses input turned into the reader's own keys.
 *
 * Contract: ui_key_from_curses() takes what wget_wch() returned (its
 * return value and the character it stored) and gives a keymap.h key: a
 * character as its code point, a special key as a KEYC_ value (KEYC_RESIZE
 * and KEYC_MOUSE included), or -1 for input the reader ignores.  It keeps
 * no state.  ui_mouse_start() asks the terminal for clicks and the wheel
 * where it reports them; ui_mouse_read() then reads one event after
 * KEYC_MOUSE.  Only the curses front-end includes this header.
 */
#ifndef HANDOUT_UI_KEYS_H
#define HANDOUT_UI_KEYS_H

#include <stdbool.h>
#include <wchar.h>

enum ui_mouse_kind {
	UI_MOUSE_NONE,        /* nothing the reader uses */
	UI_MOUSE_CLICK,       /* first button pressed at (y, x) */
	UI_MOUSE_WHEEL_UP,
	UI_MOUSE_WHEEL_DOWN
};

int ui_key_from_curses(int ret, wint_t wch);

/* Turn mouse reporting on; false when the terminal has none. */
bool ui_mouse_start(void);

/* The pending mouse event, screen row and column in *y and *x. */
enum ui_mouse_kind ui_mouse_read(int *y, int *x);

#endif
