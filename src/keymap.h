/* keymap.h - keys, independent of curses, and the table binding them.
 *
 * Contract:
 *  - A key is an int.  A character is its Unicode code point (control keys
 *    are their control code: Ctrl-G is 7, Ctrl-L is 12).  Special keys are
 *    the KEYC_ values, all above the Unicode range.  The front-end turns its
 *    own key codes (curses KEY_*) into these before asking anything here.
 *  - keymap_lookup() normalises first ('\r' and '\n' are KEYC_ENTER, '\t' is
 *    KEYC_TAB, 27 is KEYC_ESC, 8 and 127 are KEYC_BACKSPACE), so either
 *    spelling may be passed.
 *  - The binding table is static data in keymap.c; keymap_binding() walks it
 *    in table order (the help screen is generated from this walk).  Bindings
 *    for a specific context win over KEYCTX_ANY ones.
 *  - Every string returned is static or lives in the caller's buffer.
 */
#ifndef HANDOUT_KEYMAP_H
#define HANDOUT_KEYMAP_H

#include <stddef.h>

#include "action.h"

enum {
	KEYC_BASE = 0x110000,
	KEYC_UP = KEYC_BASE,
	KEYC_DOWN,
	KEYC_LEFT,
	KEYC_RIGHT,
	KEYC_PGUP,
	KEYC_PGDN,
	KEYC_HOME,
	KEYC_END,
	KEYC_ENTER,
	KEYC_TAB,
	KEYC_BTAB,
	KEYC_ESC,
	KEYC_BACKSPACE,
	KEYC_DELETE,
	KEYC_INSERT,
	KEYC_F1,
	KEYC_RESIZE,   /* never bound: the front-end calls state_resize() */
	KEYC_MOUSE,    /* never bound: the front-end calls state_click() */
	KEYC_LIMIT
};

/* Ctrl-x for a letter x, as a key. */
#define KEYC_CTRL(c) ((c) & 0x1f)

/* Where a key is pressed: the same key may mean different things. */
enum keymap_context {
	KEYCTX_ANY,    /* everywhere unless a more specific binding exists */
	KEYCTX_MAIN,   /* the article text has the focus */
	KEYCTX_SIDE,   /* the checklist in the side pane has the focus */
	KEYCTX_VIEW,   /* a sub-view: contents, help, glossary, summary, detail */
	KEYCTX_CHECKLIST, /* the checklist shown full screen */
	KEYCTX_LIBRARY, /* the library screen: the folder's articles */
	KEYCTX_COUNT
};

struct key_binding {
	enum keymap_context ctx;
	int key;
	enum action action;
};

/* The canonical spelling of key (see the normalisation above). */
int keymap_normalize(int key);

/* The action key triggers in ctx, or ACTION_NONE when it is not bound. */
enum action keymap_lookup(enum keymap_context ctx, int key);

/* The i-th binding of the table (0-based), or NULL past its end. */
const struct key_binding *keymap_binding(size_t i);

/* Human name of a key: "Space", "PgDn", "Ctrl-G", "F1", "q", "?" or the
 * UTF-8 of a character.  Written to buf (NUL-terminated, truncated to size)
 * and returned; KEYMAP_NAME_MAX bytes are always enough. */
#define KEYMAP_NAME_MAX 16
const char *keymap_key_name(int key, char *buf, size_t size);

/* Human name of a context for the help screen: "" for KEYCTX_ANY and
 * KEYCTX_MAIN, else e.g. "in the checklist". Static. */
const char *keymap_context_name(enum keymap_context ctx);

#endif
