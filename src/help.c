/* help.c - help text and key hints derived from the key table. */
#include "help.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* Append s to buf at *len, counting what would not fit too. */
static void help_append(char *buf, size_t size, size_t *len, const char *s)
{
	size_t n = strlen(s);

	if (*len < size) {
		size_t room = size - *len - 1;
		memcpy(buf + *len, s, n < room ? n : room);
		buf[*len + (n < room ? n : room)] = '\0';
	}
	*len += n;
}

size_t help_keys(enum action a, char *buf, size_t size)
{
	size_t len = 0;
	const struct key_binding *b;

	if (size)
		buf[0] = '\0';
	for (size_t i = 0; (b = keymap_binding(i)); i++) {
		char name[KEYMAP_NAME_MAX];
		bool seen = false;

		if (b->action != a)
			continue;
		/* A key bound to the same action in several contexts is named once. */
		for (size_t j = 0; j < i; j++) {
			const struct key_binding *e = keymap_binding(j);
			if (e->action == a && e->key == b->key)
				seen = true;
		}
		if (seen)
			continue;
		if (len)
			help_append(buf, size, &len, ", ");
		help_append(buf, size, &len, keymap_key_name(b->key, name, sizeof name));
		/* Say where, unless the same key does this everywhere it is bound. */
		if (b->ctx != KEYCTX_ANY && b->ctx != KEYCTX_MAIN) {
			help_append(buf, size, &len, " ");
			help_append(buf, size, &len, keymap_context_name(b->ctx));
		}
	}
	return len;
}

size_t help_each(help_emit_fn emit, void *ctx)
{
	size_t count = 0;

	for (int a = ACTION_NONE + 1; a < ACTION_COUNT; a++) {
		char keys[128];

		if (!help_keys((enum action)a, keys, sizeof keys))
			continue;
		emit(ctx, (enum action)a, keys, action_help((enum action)a));
		count++;
	}
	return count;
}

/* The actions worth a hint, most useful first. */
static const struct {
	enum action action;
	const char *word;
} hints[] = {
	{ ACTION_HELP, "help" },
	{ ACTION_BACK, "back" },
	{ ACTION_QUIT, "quit" },
	{ ACTION_PAGE_DOWN, "more" },
	{ ACTION_TOGGLE, "open/tick" },
	{ ACTION_CONTENTS, "contents" },
	{ ACTION_CHECKLIST, "checklist" },
	{ ACTION_SEARCH, "search" },
	{ ACTION_SWITCH_PANE, "pane" },
};

/* The first key the table binds to a in ctx (or everywhere), or 0. */
static int help_first_key(enum keymap_context ctx, enum action a)
{
	const struct key_binding *b;

	for (size_t i = 0; (b = keymap_binding(i)); i++)
		if (b->action == a && (b->ctx == ctx || b->ctx == KEYCTX_ANY)
		    && keymap_lookup(ctx, b->key) == a)
			return b->key;
	return 0;
}

size_t help_hint(enum keymap_context ctx, const char *quit, int cols,
		 char *buf, size_t size)
{
	size_t len = 0;

	if (size)
		buf[0] = '\0';
	for (size_t i = 0; i < sizeof hints / sizeof hints[0]; i++) {
		char name[KEYMAP_NAME_MAX], one[64];
		int key = help_first_key(ctx, hints[i].action);

		if (!key)
			continue;
		/* QUIT and BACK share q in some contexts: hint the one q does. */
		bool sub = ctx == KEYCTX_VIEW || ctx == KEYCTX_CHECKLIST;
		if (hints[i].action == ACTION_QUIT && sub)
			continue;
		if (hints[i].action == ACTION_BACK && !sub)
			continue;
		if (hints[i].action == ACTION_SWITCH_PANE && sub)
			continue;
		/* The library's screen has no article: what needs one is no
		 * hint there. */
		if (ctx == KEYCTX_LIBRARY && (hints[i].action == ACTION_CONTENTS
		    || hints[i].action == ACTION_CHECKLIST
		    || hints[i].action == ACTION_SWITCH_PANE))
			continue;
		const char *word = hints[i].action == ACTION_QUIT && quit
				   ? quit : hints[i].word;
		snprintf(one, sizeof one, "%s%s:%s", len ? "  " : "",
			 keymap_key_name(key, name, sizeof name), word);
		if (len + strlen(one) > (size_t)(cols > 0 ? cols : 0) || len + strlen(one) >= size)
			break;
		help_append(buf, size, &len, one);
	}
	return len;
}
