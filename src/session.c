/* session.c - opening, saving and closing articles for both front-ends;
 * see session.h. */
#include "session.h"

#include <stdlib.h>
#include <string.h>

#include "statefile.h"

/* Keep a warning for the report at exit, once. */
static void said(struct session *s, const struct herror *w)
{
	char a[1024], b[1024];

	if (!w || w->code == HERR_OK)
		return;
	herror_format(w, a, sizeof a);
	for (size_t i = 0; i < s->nsaid; i++)
		if (!strcmp(herror_format(&s->said[i], b, sizeof b), a))
			return;
	if (s->nsaid < SESSION_SAID_MAX)
		s->said[s->nsaid++] = *w;
}

/* Open doc's saved state and put it into the reader's state. */
static void open_state(struct session *s, const struct document *doc,
		       struct herror *warn)
{
	herror_set(warn, HERR_OK, NULL, 0, 0, NULL);
	if (!s->keep)
		return;
	s->sf = statefile_open(doc, NULL, warn);
	if (s->sf)
		statefile_load(s->sf, doc, warn);
	said(s, warn);
	statefile_apply(s->sf, doc, &s->st);
}

const char **session_see_also(struct library *lib, const struct document *doc,
			      size_t *n)
{
	const char **t;

	*n = 0;
	if (!lib || !doc->nrelated)
		return NULL;
	if (!(t = calloc(doc->nrelated, sizeof *t)))
		return NULL;
	for (size_t i = 0; i < doc->nrelated; i++) {
		long k = library_find(lib, doc->related[i].id);
		const struct doc_header *h = k >= 0 ? library_header(lib, (size_t)k) : NULL;
		if (h)
			t[(*n)++] = h->title;
	}
	if (!*n) {
		free(t);
		return NULL;
	}
	return t;
}

/* The open article's "See also", for the layouts. */
static void see_also(struct session *s, const struct document *doc)
{
	size_t n = 0;

	free(s->see_also);
	s->see_also = doc ? session_see_also(s->lib ? s->lib : s->folder, doc, &n)
			  : NULL;
	s->st.see_also = s->see_also;
	s->st.nsee_also = n;
}

int session_init_article(struct session *s, const struct document *doc,
			 struct library *folder, bool keep, struct herror *warn)
{
	memset(s, 0, sizeof *s);
	s->keep = keep;
	s->folder = folder;
	herror_set(warn, HERR_OK, NULL, 0, 0, NULL);
	if (state_init(&s->st, doc) < 0)
		return -1;
	s->st.doc = doc;
	see_also(s, doc);
	open_state(s, doc, warn);
	return 0;
}

int session_init_library(struct session *s, struct library *lib, bool keep)
{
	memset(s, 0, sizeof *s);
	s->keep = keep;
	s->lib = lib;
	return state_init_library(&s->st, lib);
}

const struct document *session_doc(const struct session *s)
{
	return s->st.doc;
}

/* One of statefile's calls on the open article, its warning kept. */
static unsigned with_state(struct session *s, struct herror *warn,
			   unsigned (*call)(struct statefile *,
					    const struct document *,
					    struct reader_state *, struct herror *))
{
	herror_set(warn, HERR_OK, NULL, 0, 0, NULL);
	if (!s->sf)
		return 0;
	unsigned r = call(s->sf, s->st.doc, &s->st, warn);
	said(s, warn);
	return r;
}

/* Save the open article's state and let go of it. */
static void close_state(struct session *s, struct herror *warn)
{
	with_state(s, warn, statefile_save);
	statefile_close(s->sf);
	s->sf = NULL;
}

unsigned session_handle(struct session *s, unsigned redraw, struct herror *warn)
{
	herror_set(warn, HERR_OK, NULL, 0, 0, NULL);
	if ((redraw & REDRAW_CLOSE) && s->st.doc && s->lib) {
		close_state(s, warn);
		redraw |= state_close_document(&s->st);
		see_also(s, NULL);
	}
	redraw &= ~REDRAW_CLOSE;
	if (redraw & REDRAW_OPEN) {
		redraw &= ~REDRAW_OPEN;
		const struct document *doc = s->lib
			? library_doc(s->lib, s->st.open_request) : NULL;
		if (!doc) {
			char line[sizeof s->st.status], why[256];
			const struct herror *e = s->lib
				? library_error(s->lib, s->st.open_request) : NULL;
			snprintf(line, sizeof line, "This article cannot be opened: %s",
				 e ? herror_format(e, why, sizeof why) : "out of memory");
			state_set_status(&s->st, line);
			return redraw | REDRAW_STATUS;
		}
		redraw |= state_open_document(&s->st, doc);
		see_also(s, doc);
		open_state(s, doc, warn);
		redraw |= state_opened(&s->st, doc);
	}
	return redraw;
}


unsigned session_refresh(struct session *s, struct herror *warn)
{
	return with_state(s, warn, statefile_refresh);
}

unsigned session_keep(struct session *s, struct herror *warn)
{
	return with_state(s, warn, statefile_keep);
}

void session_end(struct session *s)
{
	struct herror warn;

	with_state(s, &warn, statefile_save);
}

unsigned session_forget(struct session *s)
{
	/* A kiosk keeps no state: there is no saved state to close. */
	state_reset(&s->st);
	if (s->lib)
		see_also(s, NULL);
	return REDRAW_ALL | REDRAW_CLEAR;
}

void session_report(const struct session *s, FILE *out)
{
	char buf[1024];

	for (size_t i = 0; i < s->nsaid; i++)
		fprintf(out, "handout: %s\n", herror_format(&s->said[i], buf, sizeof buf));
}

void session_free(struct session *s)
{
	free(s->see_also);
	s->see_also = NULL;
	statefile_close(s->sf);
	s->sf = NULL;
	state_free(&s->st);
}
