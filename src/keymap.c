/* keymap.c - the key table.  Order matters: the help screen lists keys in
 * this order, so the key most people know comes first. */
#include "keymap.h"
#include "utf8.h"

#include <stdio.h>
#include <string.h>

#define B(ctx, key, act) { KEYCTX_##ctx, key, ACTION_##act }

static const struct key_binding bindings[] = {
	B(ANY,  KEYC_DOWN,      FOCUS_NEXT),
	B(ANY,  KEYC_UP,        FOCUS_PREV),
	B(ANY,  'j',            LINE_DOWN),
	B(ANY,  KEYC_CTRL('n'), LINE_DOWN),
	B(ANY,  'k',            LINE_UP),
	B(ANY,  KEYC_CTRL('p'), LINE_UP),
	/* Space pages, as in less, except where there is an item to tick. */
	B(MAIN, ' ',            PAGE_DOWN),
	B(VIEW, ' ',            PAGE_DOWN),
	B(LIBRARY, ' ',         PAGE_DOWN),
	B(ANY,  KEYC_PGDN,      PAGE_DOWN),
	B(ANY,  'f',            PAGE_DOWN),
	B(ANY,  'b',            PAGE_UP),
	B(ANY,  KEYC_PGUP,      PAGE_UP),
	B(ANY,  KEYC_CTRL('d'), HALF_DOWN),
	B(ANY,  KEYC_CTRL('u'), HALF_UP),
	B(ANY,  'g',            TOP),
	B(ANY,  KEYC_HOME,      TOP),
	B(ANY,  '<',            TOP),
	B(ANY,  'G',            BOTTOM),
	B(ANY,  KEYC_END,       BOTTOM),
	B(ANY,  '>',            BOTTOM),
	B(MAIN, KEYC_RIGHT,     NEXT_SECTION),
	B(SIDE, KEYC_RIGHT,     NEXT_SECTION),
	B(ANY,  ']',            NEXT_SECTION),
	B(MAIN, KEYC_LEFT,      PREV_SECTION),
	B(SIDE, KEYC_LEFT,      PREV_SECTION),
	B(ANY,  '[',            PREV_SECTION),
	B(ANY,  KEYC_ENTER,     TOGGLE),
	B(SIDE, ' ',            TOGGLE),
	B(SIDE, 'x',            TOGGLE),
	B(CHECKLIST, ' ',       TOGGLE),
	B(CHECKLIST, 'x',       TOGGLE),
	B(ANY,  '+',            EXPAND_ALL),
	B(ANY,  'E',            EXPAND_ALL),
	B(ANY,  '-',            COLLAPSE_ALL),
	B(ANY,  'C',            COLLAPSE_ALL),
	B(ANY,  KEYC_TAB,       SWITCH_PANE),
	B(ANY,  KEYC_BTAB,      SWITCH_PANE),
	B(ANY,  't',            CONTENTS),
	B(ANY,  'c',            CHECKLIST),
	B(ANY,  'd',            DETAIL),
	B(ANY,  'i',            DETAIL),
	B(ANY,  's',            SUMMARY),
	B(ANY,  'S',            SAVE_SUMMARY),
	B(ANY,  'w',            GLOSSARY),
	B(ANY,  '/',            SEARCH),
	B(ANY,  'n',            SEARCH_NEXT),
	B(ANY,  'N',            SEARCH_PREV),
	B(ANY,  '=',            WHERE),
	B(ANY,  KEYC_CTRL('g'), WHERE),
	B(ANY,  'l',            LIBRARY),
	B(ANY,  '?',            HELP),
	B(ANY,  KEYC_F1,        HELP),
	B(ANY,  'h',            HELP),
	B(VIEW, 'q',            BACK),
	B(VIEW, KEYC_LEFT,      BACK),
	B(CHECKLIST, 'q',       BACK),
	B(CHECKLIST, KEYC_LEFT, BACK),
	B(ANY,  KEYC_ESC,       BACK),
	B(ANY,  KEYC_BACKSPACE, BACK),
	B(MAIN, 'q',            QUIT),
	B(SIDE, 'q',            QUIT),
	B(LIBRARY, 'q',         QUIT),
	B(ANY,  'Q',            QUIT),
	B(ANY,  KEYC_CTRL('l'), REDRAW),
};

#undef B

int keymap_normalize(int key)
{
	switch (key) {
	case '\r':
	case '\n':
		return KEYC_ENTER;
	case '\t':
		return KEYC_TAB;
	case 27:
		return KEYC_ESC;
	case 8:
	case 127:
		return KEYC_BACKSPACE;
	default:
		return key;
	}
}

enum action keymap_lookup(enum keymap_context ctx, int key)
{
	enum action any = ACTION_NONE;

	key = keymap_normalize(key);
	for (size_t i = 0; i < sizeof bindings / sizeof bindings[0]; i++) {
		if (bindings[i].key != key)
			continue;
		if (bindings[i].ctx == ctx && ctx != KEYCTX_ANY)
			return bindings[i].action;
		if (bindings[i].ctx == KEYCTX_ANY && any == ACTION_NONE)
			any = bindings[i].action;
	}
	return any;
}

const struct key_binding *keymap_binding(size_t i)
{
	if (i >= sizeof bindings / sizeof bindings[0])
		return NULL;
	return &bindings[i];
}

static const char *const special_names[KEYC_LIMIT - KEYC_BASE] = {
	[KEYC_UP - KEYC_BASE] = "Up",
	[KEYC_DOWN - KEYC_BASE] = "Down",
	[KEYC_LEFT - KEYC_BASE] = "Left",
	[KEYC_RIGHT - KEYC_BASE] = "Right",
	[KEYC_PGUP - KEYC_BASE] = "PgUp",
	[KEYC_PGDN - KEYC_BASE] = "PgDn",
	[KEYC_HOME - KEYC_BASE] = "Home",
	[KEYC_END - KEYC_BASE] = "End",
	[KEYC_ENTER - KEYC_BASE] = "Enter",
	[KEYC_TAB - KEYC_BASE] = "Tab",
	[KEYC_BTAB - KEYC_BASE] = "Shift-Tab",
	[KEYC_ESC - KEYC_BASE] = "Esc",
	[KEYC_BACKSPACE - KEYC_BASE] = "Backspace",
	[KEYC_DELETE - KEYC_BASE] = "Delete",
	[KEYC_INSERT - KEYC_BASE] = "Insert",
	[KEYC_F1 - KEYC_BASE] = "F1",
	[KEYC_RESIZE - KEYC_BASE] = "Resize",
	[KEYC_MOUSE - KEYC_BASE] = "Mouse",
};

const char *keymap_key_name(int key, char *buf, size_t size)
{
	char tmp[KEYMAP_NAME_MAX];

	key = keymap_normalize(key);
	if (key >= KEYC_BASE && key < KEYC_LIMIT && special_names[key - KEYC_BASE])
		snprintf(tmp, sizeof tmp, "%s", special_names[key - KEYC_BASE]);
	else if (key == ' ')
		snprintf(tmp, sizeof tmp, "Space");
	else if (key > 0 && key < 32)
		snprintf(tmp, sizeof tmp, "Ctrl-%c", key + '@');
	else if (key > 32 && key < 127)
		snprintf(tmp, sizeof tmp, "%c", key);
	else if (key >= 0x80 && key < KEYC_BASE) {
		/* UTF-8 whatever the locale. */
		char enc[4];
		size_t n = utf8_encode((uint32_t)key, enc);
		snprintf(tmp, sizeof tmp, "%.*s", (int)n, enc);
	} else
		snprintf(tmp, sizeof tmp, "key %d", key);
	if (size) {
		strncpy(buf, tmp, size - 1);
		buf[size - 1] = '\0';
	}
	return buf;
}

const char *keymap_context_name(enum keymap_context ctx)
{
	switch (ctx) {
	case KEYCTX_SIDE:
	case KEYCTX_CHECKLIST:
		return "in the checklist";
	case KEYCTX_VIEW:
		return "in other views";
	case KEYCTX_LIBRARY:
		return "in the library";
	default:
		return "";
	}
}
