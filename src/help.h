/* help.h - the help screen and key hints, generated from the key table.
 *
 * Contract: everything here is derived from ACTION_INFO (action.h) and the
 * binding table (keymap.h), so help never drifts from the keys.  Strings
 * passed to callbacks live only for the duration of the call.
 */
#ifndef HANDOUT_HELP_H
#define HANDOUT_HELP_H

#include <stddef.h>

#include "action.h"
#include "keymap.h"

/* The keys bound to a, in table order, joined with ", ", with the context
 * added where it is not the main text ("Space in the checklist"), into buf
 * (NUL-terminated, truncated).  Returns the length needed; 0 = unbound. */
size_t help_keys(enum action a, char *buf, size_t size);

/* Call emit once per action that has at least one key, in ACTION_INFO
 * order, with its keys (as help_keys) and help text.  Returns how many. */
typedef void (*help_emit_fn)(void *ctx, enum action a, const char *keys,
			     const char *text);
size_t help_each(help_emit_fn emit, void *ctx);

/* A short key hint for the status line in ctx, e.g.
 * "?:help  t:contents  /:search  q:quit", built from the table and cut to
 * fit cols columns at a whole hint.  quit is the word for what the quit
 * action does where the reader is (state_quit_word(): in a library's
 * article it goes back to the library); NULL is "quit".  Returns the
 * length written. */
size_t help_hint(enum keymap_context ctx, const char *quit, int cols,
		 char *buf, size_t size);

#endif
