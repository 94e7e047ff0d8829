/* view.h - what the reader's screen can show, declared once.
 *
 * Contract: VIEW_INFO is the one list of views, in the idiom of
 * ACTION_INFO.  Each entry is X(ID, id, "Title", CONTEXT):
 *  - ID becomes VIEW_ID in enum view;
 *  - id is the view's lower-case name (view_name()), and names what every
 *    view must have: layout.c lays it out with layout_view_<id>(), and state.c
 *    gives it its behaviour with the struct view_ops <id>_view.  A new
 *    entry without them does not compile, so adding a view is one line here
 *    and those two definitions;
 *  - "Title" is what the title bar and "where am I" call it (NULL for the
 *    article itself, which is named by its section);
 *  - CONTEXT is the key-table context (keymap.h) its keys are looked up in
 *    (the article's side pane has KEYCTX_SIDE instead; state.c says so).
 * The strings are static and live for the whole program.
 */
#ifndef HANDOUT_VIEW_H
#define HANDOUT_VIEW_H

#include "keymap.h"

#define VIEW_INFO(X) \
	X(MAIN,      main,      NULL,          KEYCTX_MAIN) \
	X(CONTENTS,  contents,  "Contents",    KEYCTX_VIEW) \
	X(HELP,      help,      "Help",        KEYCTX_VIEW) \
	X(GLOSSARY,  glossary,  "Glossary",    KEYCTX_VIEW) \
	X(SUMMARY,   summary,   "Summary",     KEYCTX_VIEW) \
	X(CHECKLIST, checklist, "Checklist",   KEYCTX_CHECKLIST) \
	X(DETAIL,    detail,    "Sign detail", KEYCTX_VIEW) \
	X(LIBRARY,   library,   "Library",     KEYCTX_LIBRARY) \
	X(MATCHES,   matches,   "Found in the library", KEYCTX_VIEW)

enum view {
#define VIEW_ENUM_(ID, id, title, ctx) VIEW_##ID,
	VIEW_INFO(VIEW_ENUM_)
#undef VIEW_ENUM_
	VIEW_COUNT
};

/* The view's lower-case name ("contents"), or NULL out of range. */
const char *view_name(enum view v);

/* The view's title ("Contents"); NULL for VIEW_MAIN and out of range. */
const char *view_title(enum view v);

/* The key-table context of the view. */
enum keymap_context view_keymap_context(enum view v);

#endif
