/* ui_roles.h - what each kind of line looks like on the terminal.
 *
 * Contract: roles name what a thing is (layout.h's enum role, plus the
 * reader's own chrome below), never a colour.  ui_roles_init() is called
 * once after curses has started; from then on ui_role_attr() gives the
 * attributes to draw a role with.  Monochrome first: every role gets its
 * meaning from A_BOLD, A_REVERSE and A_UNDERLINE alone; a colour pair is
 * only added when the terminal has colours and colour was not turned off
 * (NO_COLOR, --no-color), so no colour escape is ever sent otherwise.
 * Only the curses front-end includes this header.
 */
#ifndef HANDOUT_UI_ROLES_H
#define HANDOUT_UI_ROLES_H

#include <stdbool.h>

#include <curses.h>

#include "layout.h"

/* The reader's chrome, numbered after the layout's roles. */
enum ui_role {
	UI_TITLEBAR = ROLE_COUNT,   /* top line: article title, section N/M */
	UI_STATUSBAR,               /* bottom line: key hints */
	UI_MESSAGE,                 /* bottom line: a message from the reader */
	UI_PROMPT,                  /* bottom line: the search prompt */
	UI_SEPARATOR,               /* the line between text and side pane */
	UI_FOCUS,                   /* added to a focused line */
	UI_MATCH,                   /* added to a search match */
	UI_TOO_SMALL,               /* the "terminal too small" notice */
	UI_ROLE_COUNT
};

/* Choose the attributes; colour only when use_color and the terminal has
 * colours.  Call once, after newterm(). */
void ui_roles_init(bool use_color);

/* Attributes (and colour pair) for role: an enum role or enum ui_role. */
attr_t ui_role_attr(int role);

/* Attributes for a search match drawn over text whose attributes are base:
 * reverse video, or, where base is already reversed, bold underline. */
attr_t ui_match_attr(attr_t base);

#endif
