/* ui_roles.c - roles to attributes: monochrome first, colour only adds. */
#include "ui_roles.h"

struct role_style {
	attr_t mono;     /* what the role looks like without colour */
	short fg;        /* an added foreground: FG(COLOR_x), or 0 for none */
};

/* Stored off by one, so a role left out of the table has no colour. */
#define FG(c) ((short)((c) + 1))

/* A role left out is plain text.  Colours are modest so text on any
 * background stays readable; the meaning is always in `mono'. */
static const struct role_style styles[UI_ROLE_COUNT] = {
	[ROLE_TITLE]        = { A_BOLD, FG(COLOR_CYAN) },
	[ROLE_BYLINE]       = { A_NORMAL, 0 },
	[ROLE_DISCLAIMER]   = { A_BOLD, FG(COLOR_YELLOW) },
	[ROLE_HEADING]      = { A_BOLD | A_UNDERLINE, FG(COLOR_CYAN) },
	[ROLE_SUBHEADING]   = { A_BOLD, FG(COLOR_CYAN) },
	[ROLE_TABLE_CAPTION] = { A_BOLD, 0 },
	[ROLE_TABLE_HEADER] = { A_BOLD | A_UNDERLINE, 0 },
	[ROLE_QUOTE]        = { A_NORMAL, FG(COLOR_GREEN) },
	[ROLE_ATTRIBUTION]  = { A_NORMAL, FG(COLOR_GREEN) },
	[ROLE_FAQ_QUESTION] = { A_BOLD, FG(COLOR_YELLOW) },
	[ROLE_URL]          = { A_UNDERLINE, FG(COLOR_BLUE) },
	[ROLE_CHECK]        = { A_NORMAL, 0 },
	[ROLE_TERM]         = { A_BOLD, 0 },
	[ROLE_KEY]          = { A_BOLD, 0 },
	[UI_TITLEBAR]       = { A_REVERSE, FG(COLOR_BLUE) },
	[UI_STATUSBAR]      = { A_NORMAL, 0 },
	[UI_MESSAGE]        = { A_BOLD, 0 },
	[UI_PROMPT]         = { A_BOLD, 0 },
	[UI_SEPARATOR]      = { A_NORMAL, 0 },
	[UI_FOCUS]          = { A_REVERSE, 0 },
	[UI_MATCH]          = { A_REVERSE, 0 },
	[UI_TOO_SMALL]      = { A_BOLD, 0 },
};

static attr_t attrs[UI_ROLE_COUNT];

void ui_roles_init(bool use_color)
{
	bool color = use_color && has_colors() && start_color() == OK;
	short pair = 0;

	/* Default colours keep the user's own background; without them,
	 * pair colours must be real ones. */
	bool defaults = color && use_default_colors() == OK;

	for (int r = 0; r < UI_ROLE_COUNT; r++) {
		const struct role_style *st = &styles[r];
		attrs[r] = st->mono;
		if (!color || !st->fg || pair + 1 >= COLOR_PAIRS)
			continue;
		/* Only the foreground: the reader's own background stays. */
		if (init_pair(++pair, st->fg - 1, defaults ? -1 : COLOR_BLACK) != OK)
			continue;
		attrs[r] = st->mono | COLOR_PAIR(pair);
	}
}

attr_t ui_role_attr(int role)
{
	if (role < 0 || role >= UI_ROLE_COUNT)
		return A_NORMAL;
	return attrs[role];
}

attr_t ui_match_attr(attr_t base)
{
	if (base & A_REVERSE)
		return (base & ~A_REVERSE) | A_BOLD | A_UNDERLINE;
	return base | attrs[UI_MATCH];
}
