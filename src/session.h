/* session.h - one reader's run over one article or a library: the
 * reader's state, the article open in it and that article's saved state,
 * opened and closed as the state asks.
 *
 * Both front-ends (the full-screen reader and the line mode) drive a
 * session, so they open, save and close articles alike:
 *  - session_init_article() starts on one article (handout FILE),
 *    session_init_library() on a library's screen (handout DIR, or no
 *    FILE).  With keep, each article's ticks and place are read when it
 *    opens and saved (statefile.h); without (--no-state, a kiosk), nothing
 *    is read or written.
 *  - session_handle() does what a state call's flags ask of the session:
 *    REDRAW_CLOSE saves the open article's state and closes it (back to
 *    the library), REDRAW_OPEN opens st.open_request (library_doc()) with
 *    its saved state, at the search match it was chosen at.  It returns
 *    the flags with those two replaced by what must be redrawn.
 *  - session_refresh() (before each key or command) brings in other
 *    sessions' ticks; session_keep() (after it) saves when ticks or the
 *    section changed (statefile_keep()); session_end() saves the place
 *    once more at the end.
 *  - A state warning (a file set aside, a save that failed) comes back in
 *    *warn for the front-end to show where the reader looks; every
 *    distinct one is kept for session_report(), which main calls at exit.
 *  - The session borrows doc and lib; the documents of a library are the
 *    library's.  session_free() closes what is open (without saving: call
 *    session_end() first).
 */
#ifndef HANDOUT_SESSION_H
#define HANDOUT_SESSION_H

#include <stdbool.h>
#include <stdio.h>

#include "document.h"
#include "error.h"
#include "library.h"
#include "state.h"

#define SESSION_SAID_MAX 8

struct statefile;

struct session {
	struct reader_state st;
	struct library *lib;          /* NULL: one article */
	struct library *folder;       /* where a lone article's related
	                                 articles are looked up; may be NULL */
	const char **see_also;        /* the open article's, for st */
	struct statefile *sf;         /* the open article's saved state */
	bool keep;                    /* read and save state */
	struct herror said[SESSION_SAID_MAX];
	size_t nsaid;
};

/* Returns 0, or -1 when out of memory.  *warn: what loading the saved
 * state said (code HERR_OK: nothing). */
int session_init_article(struct session *s, const struct document *doc,
			 struct library *folder, bool keep, struct herror *warn);

/* The titles of the articles doc names as related, found in lib (those it
 * does not have are left out): a malloc'd array of n pointers into lib's
 * headers, or NULL when there are none (or out of memory). */
const char **session_see_also(struct library *lib, const struct document *doc,
			      size_t *n);
int session_init_library(struct session *s, struct library *lib, bool keep);

/* The open article, or NULL on the library's screen. */
const struct document *session_doc(const struct session *s);

unsigned session_handle(struct session *s, unsigned redraw, struct herror *warn);
unsigned session_refresh(struct session *s, struct herror *warn);
unsigned session_keep(struct session *s, struct herror *warn);
void session_end(struct session *s);

/* The kiosk's idle reset: the next reader starts afresh (nothing is saved:
 * a kiosk keeps no state). */
unsigned session_forget(struct session *s);

/* Every distinct state warning of the run, one "handout: ..." line each. */
void session_report(const struct session *s, FILE *out);

void session_free(struct session *s);

#endif
