/* action.h - everything a reader can do, declared once.
 *
 * Contract: ACTION_INFO is the one list of reader actions.  Each entry is
 * X(ID, "name", "help text"): ID becomes ACTION_ID in enum action, "name" is
 * a stable lower-case word (for line mode, tests and key tables) and the help
 * text is what the help screen prints next to the keys bound to it.  The
 * key table (keymap.c), the help screen (help.c) and state_apply() (state.c)
 * all work from this list, so adding an action here is the only way to add
 * one.  ACTION_NONE (0) means "no action" and is not in the list.
 *
 * All strings returned are static and live for the whole program.
 */
#ifndef HANDOUT_ACTION_H
#define HANDOUT_ACTION_H

#define ACTION_INFO(X) \
	X(LINE_DOWN,     "line-down",     "scroll down one line") \
	X(LINE_UP,       "line-up",       "scroll up one line") \
	X(FOCUS_NEXT,    "focus-next",    "next question or checklist item, else down one line") \
	X(FOCUS_PREV,    "focus-prev",    "previous question or checklist item, else up one line") \
	X(PAGE_DOWN,     "page-down",     "next page (goes on into the next section)") \
	X(PAGE_UP,       "page-up",       "previous page (goes back into the previous section)") \
	X(HALF_DOWN,     "half-down",     "down half a page") \
	X(HALF_UP,       "half-up",       "up half a page") \
	X(TOP,           "top",           "start of the section") \
	X(BOTTOM,        "bottom",        "end of the section") \
	X(NEXT_SECTION,  "next-section",  "next section") \
	X(PREV_SECTION,  "prev-section",  "previous section (at the first, back to the library)") \
	X(TOGGLE,        "toggle",        "open or close the question; tick or untick the sign; choose in a list") \
	X(EXPAND_ALL,    "expand-all",    "open every question in the section") \
	X(COLLAPSE_ALL,  "collapse-all",  "close every question in the section") \
	X(SWITCH_PANE,   "switch-pane",   "move between the text and the checklist") \
	X(CONTENTS,      "contents",      "table of contents") \
	X(CHECKLIST,     "checklist",     "warning-sign checklist") \
	X(DETAIL,        "detail",        "what the article says about the chosen sign") \
	X(SUMMARY,       "summary",       "summary of ticked signs for your care team") \
	X(SAVE_SUMMARY,  "save-summary",  "save the summary to a file in this folder") \
	X(GLOSSARY,      "glossary",      "glossary: medical words explained") \
	X(SEARCH,        "search",        "search the whole article") \
	X(SEARCH_NEXT,   "search-next",   "next match") \
	X(SEARCH_PREV,   "search-prev",   "previous match") \
	X(WHERE,         "where",         "where am I: section, position, signs ticked") \
	X(LIBRARY,       "library",       "the library: every article in the folder") \
	X(HELP,          "help",          "this help") \
	X(BACK,          "back",          "close this view; in an article, back to the library") \
	X(QUIT,          "quit",          "quit; in an article, back to the library (in kiosk mode: back to the start)") \
	X(REDRAW,        "redraw",        "redraw the screen")

enum action {
	ACTION_NONE = 0,
#define ACTION_ENUM_(id, name, help) ACTION_##id,
	ACTION_INFO(ACTION_ENUM_)
#undef ACTION_ENUM_
	ACTION_COUNT
};

/* The action's "name", or NULL for ACTION_NONE and out-of-range values. */
const char *action_name(enum action a);

/* The action's help text, or NULL for ACTION_NONE and out-of-range values. */
const char *action_help(enum action a);

/* The action named name (exact match), or ACTION_NONE. */
enum action action_by_name(const char *name);

#endif
