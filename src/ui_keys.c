/* ui_keys.c - curses key codes and mouse events to keymap.h keys. */
#include "ui_keys.h"

#include <curses.h>

#include "keymap.h"

/* Terminals disagree on what Home, End and the keypad send; every
 * spelling curses knows lands on the same key. */
static const struct {
	int curses, key;
} special[] = {
	{ KEY_UP, KEYC_UP },         { KEY_DOWN, KEYC_DOWN },
	{ KEY_LEFT, KEYC_LEFT },     { KEY_RIGHT, KEYC_RIGHT },
	{ KEY_PPAGE, KEYC_PGUP },    { KEY_NPAGE, KEYC_PGDN },
	{ KEY_A3, KEYC_PGUP },       { KEY_C3, KEYC_PGDN },
	{ KEY_HOME, KEYC_HOME },     { KEY_END, KEYC_END },
	{ KEY_FIND, KEYC_HOME },     { KEY_SELECT, KEYC_END },
	{ KEY_A1, KEYC_HOME },       { KEY_C1, KEYC_END },
	{ KEY_BEG, KEYC_HOME },      { KEY_LL, KEYC_END },
	{ KEY_ENTER, KEYC_ENTER },   { KEY_BTAB, KEYC_BTAB },
	{ KEY_BACKSPACE, KEYC_BACKSPACE },
	{ KEY_DC, KEYC_DELETE },     { KEY_IC, KEYC_INSERT },
	{ KEY_F(1), KEYC_F1 },       { KEY_HELP, KEYC_F1 },
	{ KEY_RESIZE, KEYC_RESIZE }, { KEY_MOUSE, KEYC_MOUSE },
};

int ui_key_from_curses(int ret, wint_t wch)
{
	if (ret == KEY_CODE_YES) {
		for (size_t i = 0; i < sizeof special / sizeof special[0]; i++)
			if (special[i].curses == (int)wch)
				return special[i].key;
		return -1;
	}
	if (ret != OK || wch >= KEYC_BASE)
		return -1;
	return keymap_normalize((int)wch);
}

bool ui_mouse_start(void)
{
	/* Presses, not clicks: with mouseinterval(0) a click arrives at once
	 * instead of after a double-click wait, and is seen once. */
	mmask_t want = BUTTON1_PRESSED | BUTTON4_PRESSED;
#ifdef BUTTON5_PRESSED
	want |= BUTTON5_PRESSED;
#endif
	mouseinterval(0);
	return mousemask(want, NULL) != 0;
}

enum ui_mouse_kind ui_mouse_read(int *y, int *x)
{
	MEVENT ev;

	if (getmouse(&ev) != OK)
		return UI_MOUSE_NONE;
	*y = ev.y;
	*x = ev.x;
	if (ev.bstate & BUTTON4_PRESSED)
		return UI_MOUSE_WHEEL_UP;
#ifdef BUTTON5_PRESSED
	if (ev.bstate & BUTTON5_PRESSED)
		return UI_MOUSE_WHEEL_DOWN;
#endif
	if (ev.bstate & BUTTON1_PRESSED)
		return UI_MOUSE_CLICK;
	return UI_MOUSE_NONE;
}
