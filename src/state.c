/* state.c - the reader's state machine: every change goes through here.
 *
 * Positions are line numbers in the current section's layout at the main
 * pane's width.  The layout is a cache: any change that can alter it marks
 * it stale, and the next question about lines lays the section out again
 * (one section only, so this is cheap enough to do per keystroke).
 */
#include "state.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

static void invalidate(struct reader_state *st)
{
	st->body_stale = true;
	st->side_stale = true;
}

static void set_status(struct reader_state *st, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static size_t body_rows(const struct reader_state *st);
static unsigned goto_match(struct reader_state *st, const struct document *doc,
			   const struct search_match *m, bool wrapped);
static unsigned toggle(struct reader_state *st, const struct document *doc);

/* ---- the views ---------------------------------------------------------
 *
 * What each view of VIEW_INFO does beyond showing its layout: a view that
 * is a list (the contents, the full-screen checklist) says how long it is,
 * where its cursor is and what choosing an entry does; any view may say
 * what opening it and clicking a line of it do.  NULL: nothing. */
struct view_ops {
	size_t (*count)(const struct reader_state *st, const struct document *doc);
	size_t *(*cursor)(struct reader_state *st);
	unsigned (*choose)(struct reader_state *st, const struct document *doc);
	unsigned (*click)(struct reader_state *st, const struct document *doc,
			  const struct layout_line *l);
	void (*opened)(struct reader_state *st);
	/* A list found a part at a time: make it hold at least n entries, or
	 * all there are.  NULL for a list that is whole from the start. */
	void (*reach)(struct reader_state *st, size_t n);
};

static size_t count_sections(const struct reader_state *st,
			     const struct document *doc)
{
	return doc->nsections;
}

static size_t count_checks(const struct reader_state *st,
			   const struct document *doc)
{
	return doc->nchecks;
}

static size_t *section_cursor(struct reader_state *st)
{
	return &st->view_cursor;
}

static size_t *check_cursor(struct reader_state *st)
{
	return &st->check_cursor;
}

static unsigned choose_section(struct reader_state *st, const struct document *doc)
{
	return state_goto_section(st, doc, st->view_cursor);
}

static unsigned choose_check(struct reader_state *st, const struct document *doc)
{
	return state_toggle_check(st, st->check_cursor);
}

static unsigned choose_in_main(struct reader_state *st, const struct document *doc);
static unsigned click_in_main(struct reader_state *st, const struct document *doc,
			      const struct layout_line *l);

static unsigned click_section(struct reader_state *st, const struct document *doc,
			      const struct layout_line *l)
{
	return l->section >= 0 ? state_goto_section(st, doc, (size_t)l->section) : 0;
}

static unsigned click_check(struct reader_state *st, const struct document *doc,
			    const struct layout_line *l)
{
	return l->check >= 0 ? state_toggle_check(st, (size_t)l->check) : 0;
}

static void contents_opened(struct reader_state *st)
{
	st->view_cursor = st->section;
}

static size_t count_articles(const struct reader_state *st,
			     const struct document *doc)
{
	return st->lib ? library_count(st->lib) : 0;
}

static size_t *article_cursor(struct reader_state *st)
{
	return &st->lib_cursor;
}

static size_t count_results(const struct reader_state *st,
			    const struct document *doc)
{
	return st->results.n;
}

static size_t *result_cursor(struct reader_state *st)
{
	return &st->result_cursor;
}

/* The library's search goes on only as far as the list is read: a word in
 * every one of a thousand articles nobody compiled takes a parse of each,
 * but a screenful of matches takes a few. */
static void reach_results(struct reader_state *st, size_t n)
{
	if (st->results.done || st->results.n >= n)
		return;
	if (library_search_more(st->lib, n - st->results.n, &st->results) < 0)
		set_status(st, "Out of memory: the matches so far are listed.");
	invalidate(st);
}

/* Enter on an article: the front-end opens it (REDRAW_OPEN), unless it
 * is known not to open. */
static unsigned open_article(struct reader_state *st, size_t i, bool at_match)
{
	if (!st->lib || i >= library_count(st->lib))
		return 0;
	if (!library_header(st->lib, i)) {
		set_status(st, "This article cannot be opened: handout --validate "
			   "says why.");
		return REDRAW_STATUS;
	}
	st->open_request = i;
	st->open_at_match = at_match;
	return REDRAW_OPEN;
}

static unsigned choose_article(struct reader_state *st, const struct document *doc)
{
	return open_article(st, st->lib_cursor, false);
}

static unsigned choose_result(struct reader_state *st, const struct document *doc)
{
	if (st->result_cursor >= st->results.n)
		return 0;
	return open_article(st, st->results.items[st->result_cursor].article, true);
}

static unsigned click_article(struct reader_state *st, const struct document *doc,
			      const struct layout_line *l)
{
	if (l->item < 0)
		return 0;
	st->lib_cursor = (size_t)l->item;
	return choose_article(st, doc);
}

static unsigned click_result(struct reader_state *st, const struct document *doc,
			     const struct layout_line *l)
{
	if (l->role != ROLE_ENTRY || l->item < 0)
		return 0;
	st->result_cursor = (size_t)l->item;
	return choose_result(st, doc);
}

static const struct view_ops main_view = {
	.choose = choose_in_main, .click = click_in_main,
};
static const struct view_ops contents_view = {
	.count = count_sections, .cursor = section_cursor,
	.choose = choose_section, .click = click_section,
	.opened = contents_opened,
};
static const struct view_ops help_view, glossary_view, summary_view, detail_view;
static const struct view_ops checklist_view = {
	.count = count_checks, .cursor = check_cursor,
	.choose = choose_check, .click = click_check,
};

static const struct view_ops library_view = {
	.count = count_articles, .cursor = article_cursor,
	.choose = choose_article, .click = click_article,
};
static const struct view_ops matches_view = {
	.count = count_results, .cursor = result_cursor,
	.choose = choose_result, .click = click_result,
	.reach = reach_results,
};

static const struct view_ops *const view_ops[VIEW_COUNT] = {
#define VIEW_OPS_(ID, id, title, ctx) [VIEW_##ID] = &id##_view,
	VIEW_INFO(VIEW_OPS_)
#undef VIEW_OPS_
};

/* The article's side pane is the checklist as a list too. */
static const struct view_ops *ops_of(const struct reader_state *st)
{
	if (st->view == VIEW_MAIN && st->pane == PANE_SIDE)
		return &checklist_view;
	return view_ops[st->view];
}

/* Articles a library screen shows at once. */
static size_t articles_per_screen(const struct reader_state *st)
{
	size_t n = body_rows(st) / LAYOUT_ARTICLE_LINES;
	return n ? n : 1;
}

/* The library screen shows articles lib_top..., with the chosen one among
 * them: their headers are read now (the first time each is shown) into
 * what the layout is given. */
static void fill_library(struct reader_state *st)
{
	size_t total = library_count(st->lib), per = articles_per_screen(st);

	if (st->lib_cursor >= total)
		st->lib_cursor = total ? total - 1 : 0;
	if (st->lib_cursor < st->lib_top)
		st->lib_top = st->lib_cursor;
	if (st->lib_cursor >= st->lib_top + per)
		st->lib_top = st->lib_cursor - per + 1;
	size_t n = total - st->lib_top < per ? total - st->lib_top : per;
	struct layout_article *a = realloc(st->lib_shown, (n + 1) * sizeof *a);
	if (!a) {
		st->lib_nshown = 0;
		return;
	}
	st->lib_shown = a;
	st->lib_nshown = n;
	for (size_t k = 0; k < n; k++) {
		size_t i = st->lib_top + k;
		const struct doc_header *h = library_header(st->lib, i);
		const char *path = library_path(st->lib, i), *slash = strrchr(path, '/');

		memset(&a[k], 0, sizeof a[k]);
		a[k].name = slash ? slash + 1 : path;
		if (!h) {
			const struct herror *e = library_error(st->lib, i);
			a[k].problem = e && e->detail[0] ? e->detail : "it cannot be read";
			continue;
		}
		a[k].title = h->title;
		a[k].summary = h->summary;
		a[k].publisher = h->publisher;
		a[k].date = h->reviewed ? h->reviewed : h->updated;
	}
}

/* The results of the last search across the library, as the layout shows
 * them (the words are the documents' own, which the library keeps). */
static void fill_results(struct reader_state *st)
{
	size_t n = st->results.n;
	struct layout_result *r = realloc(st->result_lines, (n + 1) * sizeof *r);

	if (!r)
		return;
	st->result_lines = r;
	for (size_t k = 0; k < n; k++) {
		const struct library_match *m = &st->results.items[k];
		const struct doc_header *h = library_header(st->lib, m->article);

		r[k].article = h ? h->title : library_path(st->lib, m->article);
		r[k].section = m->section;
		r[k].text = m->snippet;
		r[k].off = m->at;
		r[k].len = m->m.len;
		r[k].cut_before = m->cut_before;
	}
}

void state_layout_input(const struct reader_state *st, struct layout_input *in)
{
	memset(in, 0, sizeof *in);
	in->ascii = st->ascii;
	in->section = st->section;
	in->faq_open = st->faq_open;
	in->faq_focus = st->view == VIEW_MAIN && st->pane == PANE_MAIN
		? st->faq_focus : -1;
	in->checked = st->checked;
	in->nchecked = st->nchecked;
	in->check_focus = st->pane == PANE_SIDE || st->view == VIEW_CHECKLIST;
	in->check_cursor = st->check_cursor;
	in->section_cursor = st->view_cursor;
	in->date = st->date;
	in->see_also = st->see_also;
	in->nsee_also = st->nsee_also;
	in->articles = st->lib_shown;
	in->narticles = st->lib_nshown;
	in->lib_first = st->lib_top;
	in->lib_total = st->lib ? library_count(st->lib) : 0;
	in->lib_cursor = st->lib_cursor;
	in->results = st->result_lines;
	in->nresults = st->result_lines ? st->results.n : 0;
	in->result_cursor = st->result_cursor;
	in->results_cut = st->results.truncated || !st->results.done;
	in->query = st->query;
}

static void set_status(struct reader_state *st, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	int n = vsnprintf(st->status, sizeof st->status, fmt, ap);
	va_end(ap);
	/* Cut short: never in the middle of a character, which would show as
	 * a '?' at the end of the line. */
	if (n >= (int)sizeof st->status)
		st->status[utf8_cut(st->status, strlen(st->status),
				    sizeof st->status)] = '\0';
}

void state_set_status(struct reader_state *st, const char *text)
{
	set_status(st, "%s", text);
}

int state_init(struct reader_state *st, const struct document *doc)
{
	memset(st, 0, sizeof *st);
	st->cols = 80;
	st->rows = 24;
	st->faq_focus = -1;
	st->nfaq = doc->nfaq;
	st->nchecks = doc->nchecks;
	/* One spare element so a document without any still gets an array. */
	st->faq_open = calloc(doc->nfaq + 1, sizeof *st->faq_open);
	st->checked = calloc(doc->nchecks + 1, sizeof *st->checked);
	invalidate(st);
	if (!st->faq_open || !st->checked)
		return -1;
	return 0;
}

int state_init_library(struct reader_state *st, struct library *lib)
{
	memset(st, 0, sizeof *st);
	st->cols = 80;
	st->rows = 24;
	st->faq_focus = -1;
	st->lib = lib;
	st->view = st->prev_view = st->lib_view = VIEW_LIBRARY;
	st->faq_open = calloc(1, sizeof *st->faq_open);
	st->checked = calloc(1, sizeof *st->checked);
	invalidate(st);
	return st->faq_open && st->checked ? 0 : -1;
}

/* Arrays for doc's questions and signs, all closed and unticked. */
static int marks_for(struct reader_state *st, const struct document *doc)
{
	size_t nfaq = doc ? doc->nfaq : 0, nchecks = doc ? doc->nchecks : 0;
	bool *open = calloc(nfaq + 1, sizeof *open);
	bool *checked = calloc(nchecks + 1, sizeof *checked);

	if (!open || !checked) {
		free(open);
		free(checked);
		return -1;
	}
	free(st->faq_open);
	free(st->checked);
	st->faq_open = open;
	st->checked = checked;
	st->nfaq = nfaq;
	st->nchecks = nchecks;
	st->nchecked = 0;
	return 0;
}

/* Back to the top of an article: nothing focused, no place kept. */
static void article_start(struct reader_state *st)
{
	st->pane = PANE_MAIN;
	st->section = 0;
	st->top = 0;
	st->faq_focus = -1;
	st->check_cursor = 0;
	st->view_cursor = 0;
	st->view_top = 0;
	st->have_match = false;
	st->cursor_at_match = false;
	st->anchor_valid = false;
}

unsigned state_open_document(struct reader_state *st, const struct document *doc)
{
	if (marks_for(st, doc) < 0) {
		set_status(st, "Out of memory");
		return REDRAW_STATUS;
	}
	st->doc = doc;
	st->article = st->open_request;
	article_start(st);
	st->lib_view = st->view == VIEW_MATCHES ? VIEW_MATCHES : VIEW_LIBRARY;
	st->view = st->prev_view = VIEW_MAIN;
	invalidate(st);
	return REDRAW_ALL;
}

unsigned state_opened(struct reader_state *st, const struct document *doc)
{
	if (!st->open_at_match || st->result_cursor >= st->results.n)
		return 0;
	st->open_at_match = false;
	return goto_match(st, doc, &st->results.items[st->result_cursor].m, false);
}

unsigned state_close_document(struct reader_state *st)
{
	marks_for(st, NULL);
	st->doc = NULL;
	article_start(st);
	st->view = st->prev_view = st->lib && st->lib_view == VIEW_MATCHES
		? VIEW_MATCHES : VIEW_LIBRARY;
	st->lib_cursor = st->article;
	invalidate(st);
	return REDRAW_ALL | REDRAW_CLEAR;
}

void state_free(struct reader_state *st)
{
	free(st->lib_shown);
	free(st->result_lines);
	st->lib_shown = NULL;
	st->result_lines = NULL;
	free(st->faq_open);
	free(st->checked);
	free(st->query);
	layout_free(&st->body);
	layout_free(&st->side);
	st->faq_open = NULL;
	st->checked = NULL;
	st->query = NULL;
}

void state_reset(struct reader_state *st)
{
	/* In a library the next reader starts on the library screen: the
	 * article closes (a kiosk saves nothing, so there is nothing to
	 * save), and the last search across it is forgotten. */
	if (st->lib) {
		if (st->doc)
			marks_for(st, NULL);
		st->doc = NULL;
		st->lib_cursor = st->lib_top = 0;
		st->results.n = 0;
		st->result_cursor = 0;
		st->open_at_match = false;
	}
	if (st->faq_open)
		memset(st->faq_open, 0, st->nfaq * sizeof *st->faq_open);
	if (st->checked)
		memset(st->checked, 0, st->nchecks * sizeof *st->checked);
	st->nchecked = 0;
	free(st->query);
	st->query = NULL;
	st->have_match = false;
	st->cursor_at_match = false;
	memset(&st->match, 0, sizeof st->match);
	st->view = st->prev_view = st->lib ? VIEW_LIBRARY : VIEW_MAIN;
	st->lib_view = VIEW_LIBRARY;
	article_start(st);
	st->status[0] = '\0';
	invalidate(st);
}

const char *state_quit_word(const struct reader_state *st)
{
	if (st->lib && st->doc)
		return "library";
	return st->kiosk ? "start" : "quit";
}

enum keymap_context state_keymap_context(const struct reader_state *st)
{
	if (st->view == VIEW_MAIN && st->pane == PANE_SIDE)
		return KEYCTX_SIDE;
	return view_keymap_context(st->view);
}

bool state_too_small(const struct reader_state *st)
{
	return st->cols < STATE_MIN_COLS || st->rows < STATE_MIN_ROWS;
}

/* Room for the checklist beside the text: wide enough, and not one
 * column by choice. */
static bool side_room(const struct reader_state *st)
{
	return st->cols >= STATE_SIDE_MIN_COLS && !st->one_column;
}

static bool side_visible(const struct reader_state *st)
{
	return st->view == VIEW_MAIN && side_room(st);
}

void state_geometry(const struct reader_state *st, struct geometry *g)
{
	memset(g, 0, sizeof *g);
	g->cols = st->cols > 1 ? st->cols : 1;
	g->rows = st->rows > 1 ? st->rows : 1;
	g->body_row = 1;
	g->body_rows = g->rows > 3 ? g->rows - 2 : 1;
	g->status_row = g->rows - 1;
	g->main_cols = g->cols;
	if (side_visible(st)) {
		/* A third of the screen, so labels of about 30 columns fit at
		 * 100 columns and the text keeps 50 or more at 80. */
		int side = g->cols / 3;
		if (side < 24)
			side = 24;
		if (side > 36)
			side = 36;
		g->side_cols = side;
		g->side_col = g->cols - side;
		g->main_cols = g->side_col - 1;
	}
}

const struct layout *state_body(struct reader_state *st, const struct document *doc)
{
	struct geometry g;

	state_geometry(st, &g);
	if (st->body_stale || st->body.width != g.main_cols) {
		struct layout_input in;

		if (st->view == VIEW_LIBRARY && st->lib)
			fill_library(st);
		if (st->view == VIEW_MATCHES && st->lib)
			fill_results(st);
		state_layout_input(st, &in);
		if (layout_view(&st->body, doc, st->view, &in, g.main_cols) < 0) {
			set_status(st, "Out of memory");
			return NULL;
		}
		st->body_stale = false;
	}
	return &st->body;
}

const struct layout *state_side(struct reader_state *st, const struct document *doc)
{
	struct geometry g;

	state_geometry(st, &g);
	if (!g.side_cols)
		return NULL;
	if (st->side_stale || st->side.width != g.side_cols) {
		struct layout_input in;

		state_layout_input(st, &in);
		if (layout_checklist(&st->side, doc, &in, g.side_cols) < 0) {
			set_status(st, "Out of memory");
			return NULL;
		}
		st->side_stale = false;
	}
	return &st->side;
}

static size_t body_lines(struct reader_state *st, const struct document *doc)
{
	const struct layout *lay = state_body(st, doc);
	return lay ? lay->n : 0;
}

static size_t body_rows(const struct reader_state *st)
{
	struct geometry g;

	state_geometry(st, &g);
	return (size_t)g.body_rows;
}

static size_t max_top(struct reader_state *st, const struct document *doc)
{
	size_t n = body_lines(st, doc), rows = body_rows(st);
	return n > rows ? n - rows : 0;
}

/* The top line of whatever the body shows. */
static size_t *top_of(struct reader_state *st)
{
	return st->view == VIEW_MAIN ? &st->top : &st->view_top;
}

/* Index of the first line of the focused question, or -1. */
static long focus_line(struct reader_state *st, const struct document *doc)
{
	const struct layout *lay;

	if (st->faq_focus < 0 || st->view != VIEW_MAIN || !(lay = state_body(st, doc)))
		return -1;
	for (size_t i = 0; i < lay->n; i++)
		if (lay->lines[i].faq == st->faq_focus
		    && lay->lines[i].role == ROLE_FAQ_QUESTION)
			return (long)i;
	return -1;
}

/* Focus goes with its question: scrolled out of view, nothing is focused,
 * so the cursor and Enter never act on text the reader cannot see. */
static void drop_hidden_focus(struct reader_state *st, const struct document *doc)
{
	long fl = focus_line(st, doc);

	if (st->faq_focus >= 0 && (fl < 0 || (size_t)fl < st->top
				   || (size_t)fl >= st->top + body_rows(st))) {
		st->faq_focus = -1;
		invalidate(st);
	}
}

static unsigned scroll_to(struct reader_state *st, const struct document *doc,
			  size_t top)
{
	size_t *t = top_of(st), mt = max_top(st, doc);

	if (top > mt)
		top = mt;
	if (top == *t)
		return 0;
	*t = top;
	st->anchor_valid = false;
	if (st->view == VIEW_MAIN)
		drop_hidden_focus(st, doc);
	return REDRAW_BODY;
}

static unsigned scroll_by(struct reader_state *st, const struct document *doc,
			  long delta)
{
	size_t t = *top_of(st);

	if (delta < 0)
		return scroll_to(st, doc, (size_t)-delta > t ? 0 : t - (size_t)-delta);
	return scroll_to(st, doc, t + (size_t)delta);
}

/* Make line i visible, moving as little as possible. */
static unsigned show_line(struct reader_state *st, const struct document *doc,
			  size_t i)
{
	size_t *t = top_of(st), rows = body_rows(st);

	if (i < *t)
		return scroll_to(st, doc, i);
	if (i >= *t + rows)
		return scroll_to(st, doc, i - rows + 1);
	return 0;
}

static unsigned enter_section(struct reader_state *st, const struct document *doc,
			      size_t n, bool at_end)
{
	st->view = VIEW_MAIN;
	st->section = n;
	st->top = 0;
	st->faq_focus = -1;
	st->anchor_valid = false;
	invalidate(st);
	if (at_end)
		st->top = max_top(st, doc);
	return REDRAW_ALL;
}

unsigned state_goto_section(struct reader_state *st, const struct document *doc,
			    size_t n)
{
	if (n >= doc->nsections)
		return 0;
	return enter_section(st, doc, n, false);
}

unsigned state_toggle_check(struct reader_state *st, size_t i)
{
	if (i >= st->nchecks)
		return 0;
	st->checked[i] = !st->checked[i];
	if (st->checked[i])
		st->nchecked++;
	else
		st->nchecked--;
	st->check_cursor = i;
	invalidate(st);
	return REDRAW_SIDE | REDRAW_BODY | REDRAW_STATUS;
}

unsigned state_set_checks(struct reader_state *st, const bool *checked)
{
	size_t n = 0;
	bool same = true;

	for (size_t i = 0; i < st->nchecks; i++) {
		same = same && st->checked[i] == checked[i];
		st->checked[i] = checked[i];
		n += checked[i];
	}
	if (same)
		return 0;
	st->nchecked = n;
	invalidate(st);
	return REDRAW_SIDE | REDRAW_BODY;
}

unsigned state_toggle_faq(struct reader_state *st, size_t i)
{
	if (i >= st->nfaq)
		return 0;
	st->faq_open[i] = !st->faq_open[i];
	st->anchor_valid = false;
	invalidate(st);
	return REDRAW_BODY;
}

/* ---- moving in the main pane ---------------------------------------- */

static unsigned page_down(struct reader_state *st, const struct document *doc,
			  size_t by)
{
	size_t mt = max_top(st, doc);

	if (st->view == VIEW_MAIN && st->top >= mt) {
		if (st->section + 1 < doc->nsections)
			return enter_section(st, doc, st->section + 1, false);
		set_status(st, "End of the article. Press [ or b to go back.");
		return REDRAW_STATUS;
	}
	return scroll_by(st, doc, (long)by);
}

static unsigned page_up(struct reader_state *st, const struct document *doc,
			size_t by)
{
	if (st->view == VIEW_MAIN && st->top == 0) {
		if (st->section > 0)
			return enter_section(st, doc, st->section - 1, true);
		set_status(st, "Start of the article.");
		return REDRAW_STATUS;
	}
	return scroll_by(st, doc, -(long)by);
}

/* Down/Up in the text: hop between questions that are on screen, else
 * scroll a line, as a browser's links do; so the text is never skipped. */
static unsigned focus_move(struct reader_state *st, const struct document *doc,
			   int dir)
{
	const struct layout *lay = state_body(st, doc);
	size_t rows = body_rows(st), top = st->top;
	long cur = focus_line(st, doc), cand = -1;

	if (!lay)
		return REDRAW_STATUS;
	for (size_t i = 0; i < lay->n; i++) {
		const struct layout_line *l = &lay->lines[i];
		if (l->role != ROLE_FAQ_QUESTION || !(l->flags & LINE_FIRST))
			continue;
		if (i < top || i >= top + rows)
			continue;
		if (dir > 0 && (long)i > cur) {
			cand = (long)i;
			break;
		}
		if (dir < 0 && (cur < 0 || (long)i < cur))
			cand = (long)i;
	}
	/* Up from a question with text above it on screen scrolls first. */
	if (cand >= 0) {
		st->faq_focus = lay->lines[cand].faq;
		invalidate(st);
		return REDRAW_BODY;
	}
	return scroll_by(st, doc, dir);
}

static size_t list_count(const struct reader_state *st, const struct document *doc)
{
	return ops_of(st)->count(st, doc);
}

static size_t *list_cursor(struct reader_state *st)
{
	return ops_of(st)->cursor(st);
}

/* Line of the chosen entry in a list view, or the body's first line. */
static size_t cursor_line(struct reader_state *st, const struct document *doc)
{
	const struct layout *lay = state_body(st, doc);

	if (!lay)
		return 0;
	for (size_t i = 0; i < lay->n; i++)
		if (lay->lines[i].flags & LINE_FOCUS)
			return i;
	return *top_of(st);
}

static unsigned list_move(struct reader_state *st, const struct document *doc,
			  long delta)
{
	size_t n = list_count(st, doc), *cur = list_cursor(st), want;

	/* A list found a part at a time is found a screen beyond where the
	 * cursor goes, so the screen it lands on is whole; to its end for
	 * the end (a move by the whole count). */
	if (delta > 0 && ops_of(st)->reach) {
		bool to_end = (size_t)delta >= n;

		ops_of(st)->reach(st, to_end ? SIZE_MAX
				  : *cur + (size_t)delta + 2 * (size_t)body_rows(st) + 1);
		n = list_count(st, doc);
		if (to_end)
			delta = (long)n;
	}
	if (!n)
		return 0;
	if (delta < 0)
		want = (size_t)-delta > *cur ? 0 : *cur - (size_t)-delta;
	else
		want = *cur + (size_t)delta >= n ? n - 1 : *cur + (size_t)delta;
	if (want == *cur)
		return 0;
	*cur = want;
	invalidate(st);
	if (st->view == VIEW_MAIN) /* the side pane */
		return REDRAW_SIDE;
	show_line(st, doc, cursor_line(st, doc));
	return REDRAW_BODY;
}

static bool in_list(const struct reader_state *st)
{
	return ops_of(st)->count != NULL;
}

/* ---- views ------------------------------------------------------------ */

static unsigned open_view(struct reader_state *st, const struct document *doc,
			  enum view v)
{
	if (st->view == v) {
		/* The key that opened a view closes it, as in less's help. */
		st->view = st->prev_view != v ? st->prev_view : VIEW_MAIN;
		st->prev_view = VIEW_MAIN;
	} else {
		st->prev_view = st->view;
		st->view = v;
		st->view_top = 0;
		if (view_ops[v]->opened)
			view_ops[v]->opened(st);
	}
	invalidate(st);
	if (st->view != VIEW_MAIN && in_list(st))
		show_line(st, doc, cursor_line(st, doc));
	return REDRAW_ALL;
}

/* Where a sub-view goes back to when it came from nowhere else: the
 * article, or the library screen when none is open. */
static enum view home_view(const struct reader_state *st)
{
	return st->doc || !st->lib ? VIEW_MAIN : VIEW_LIBRARY;
}

static unsigned go_back(struct reader_state *st)
{
	if (st->view == VIEW_MAIN) {
		if (st->pane == PANE_SIDE) {
			st->pane = PANE_MAIN;
			invalidate(st);
			return REDRAW_ALL;
		}
		/* An article of a library goes back to the library. */
		return st->lib ? REDRAW_CLOSE : 0;
	}
	if (st->view == VIEW_LIBRARY)
		return 0;
	st->view = st->prev_view != st->view ? st->prev_view : home_view(st);
	st->prev_view = home_view(st);
	invalidate(st);
	return REDRAW_ALL;
}

/* Does a only move through what the view shows? */
static bool scrolls(enum action a)
{
	switch (a) {
	case ACTION_LINE_DOWN: case ACTION_LINE_UP:
	case ACTION_FOCUS_NEXT: case ACTION_FOCUS_PREV:
	case ACTION_PAGE_DOWN: case ACTION_PAGE_UP:
	case ACTION_HALF_DOWN: case ACTION_HALF_UP:
	case ACTION_TOP: case ACTION_BOTTOM:
		return true;
	default:
		return false;
	}
}

/* An action on the library screen or its search results, where no
 * article is open; what has no meaning there says so. */
static unsigned library_act(struct reader_state *st, enum action a);

/* The title bar says which article is chosen: it follows the cursor. */
static unsigned library_apply(struct reader_state *st, enum action a)
{
	unsigned r = library_act(st, a);

	return r & REDRAW_BODY ? r | REDRAW_TITLE : r;
}

static unsigned library_act(struct reader_state *st, enum action a)
{
	size_t page = st->view == VIEW_LIBRARY ? articles_per_screen(st)
					       : body_rows(st);

	switch (a) {
	case ACTION_LINE_DOWN:
	case ACTION_FOCUS_NEXT:
		return list_move(st, NULL, 1);
	case ACTION_LINE_UP:
	case ACTION_FOCUS_PREV:
		return list_move(st, NULL, -1);
	case ACTION_PAGE_DOWN:
		return list_move(st, NULL, (long)page);
	case ACTION_PAGE_UP:
		return list_move(st, NULL, -(long)page);
	case ACTION_HALF_DOWN:
		return list_move(st, NULL, (long)(page + 1) / 2);
	case ACTION_HALF_UP:
		return list_move(st, NULL, -(long)(page + 1) / 2);
	case ACTION_TOP:
		return list_move(st, NULL, -(long)list_count(st, NULL));
	case ACTION_BOTTOM:
		return list_move(st, NULL, (long)list_count(st, NULL));
	case ACTION_TOGGLE:
		return toggle(st, NULL);
	case ACTION_SEARCH:
		return REDRAW_PROMPT | REDRAW_STATUS;
	case ACTION_SEARCH_NEXT:
	case ACTION_SEARCH_PREV:
		if (!st->results.n) {
			set_status(st, "No search yet: press / to search every article.");
			return REDRAW_STATUS;
		}
		if (st->view != VIEW_MATCHES)
			return open_view(st, NULL, VIEW_MATCHES);
		return list_move(st, NULL, a == ACTION_SEARCH_NEXT ? 1 : -1);
	case ACTION_LIBRARY:
		if (st->view == VIEW_LIBRARY)
			return 0;
		st->view = st->prev_view = VIEW_LIBRARY;
		invalidate(st);
		return REDRAW_ALL;
	case ACTION_HELP:
		return open_view(st, NULL, VIEW_HELP);
	case ACTION_BACK:
		return go_back(st);
	case ACTION_WHERE:
		snprintf(st->status, sizeof st->status, "Library, article %zu of %zu",
			 st->lib_cursor + 1, library_count(st->lib));
		return REDRAW_STATUS;
	case ACTION_QUIT:
		if (!st->kiosk)
			return REDRAW_QUIT;
		/* A shared terminal never quits: the next reader starts here. */
		st->view = st->prev_view = VIEW_LIBRARY;
		st->lib_cursor = st->lib_top = 0;
		invalidate(st);
		set_status(st, "Back at the start.");
		return REDRAW_ALL;
	case ACTION_REDRAW:
		return REDRAW_ALL | REDRAW_CLEAR;
	default:
		set_status(st, "Open an article first: Enter opens the chosen one.");
		return REDRAW_STATUS;
	}
}

static unsigned open_checklist(struct reader_state *st, const struct document *doc)
{
	if (side_room(st) && st->view != VIEW_CHECKLIST) {
		st->view = VIEW_MAIN;
		st->pane = PANE_SIDE;
		invalidate(st);
		return REDRAW_ALL;
	}
	return open_view(st, doc, VIEW_CHECKLIST);
}

static unsigned expand_all(struct reader_state *st, const struct document *doc,
			   bool open)
{
	const struct section *sec = &doc->sections[st->section];
	size_t count = 0;

	for (size_t b = 0; b < sec->nblocks; b++) {
		if (sec->blocks[b].kind != BLOCK_FAQ)
			continue;
		for (size_t i = 0; i < sec->blocks[b].u.faq.n; i++) {
			size_t k = sec->blocks[b].u.faq.items[i].number;
			if (k < st->nfaq) {
				st->faq_open[k] = open;
				count++;
			}
		}
	}
	if (!count) {
		set_status(st, "There are no questions in this section.");
		return REDRAW_STATUS;
	}
	st->anchor_valid = false;
	invalidate(st);
	if (st->view != VIEW_MAIN) {
		st->view = VIEW_MAIN;
		return REDRAW_ALL;
	}
	if (st->top > max_top(st, doc))
		st->top = max_top(st, doc);
	return REDRAW_BODY;
}

/* Enter in the article's text: the focused question opens or closes. */
static unsigned choose_in_main(struct reader_state *st, const struct document *doc)
{
	if (st->faq_focus >= 0)
		return state_toggle_faq(st, (size_t)st->faq_focus);
	set_status(st, "Nothing chosen here: Up and Down choose a question.");
	return REDRAW_STATUS;
}

static unsigned toggle(struct reader_state *st, const struct document *doc)
{
	const struct view_ops *ops = ops_of(st);

	return ops->choose ? ops->choose(st, doc) : 0;
}

/* ---- search --------------------------------------------------------- */

/* The place the top of the page shows, for "search from here". */
static void top_place(struct reader_state *st, const struct document *doc,
		      struct search_match *m)
{
	const struct layout *lay = st->view == VIEW_MAIN ? state_body(st, doc) : NULL;

	memset(m, 0, sizeof *m);
	m->section = st->section;
	m->block = LAYOUT_HEADING;
	m->item = -1;
	m->faq = -1;
	if (!lay)
		return;
	for (size_t i = st->top; i < lay->n; i++) {
		const struct layout_line *l = &lay->lines[i];
		if (l->block < LAYOUT_HEADING || l->role == ROLE_BLANK)
			continue;
		m->block = l->block;
		m->item = l->item;
		m->field = l->field < 0 ? 0 : l->field;
		m->off = l->off;
		return;
	}
}

/* The line showing match m in the current layout: the last line of the
 * same string that starts at or before the match. */
static size_t match_line(struct reader_state *st, const struct document *doc,
			 const struct search_match *m)
{
	const struct layout *lay = state_body(st, doc);
	size_t best = 0;
	bool found = false;

	if (!lay)
		return 0;
	for (size_t i = 0; i < lay->n; i++) {
		const struct layout_line *l = &lay->lines[i];
		if (l->block != m->block || l->item != m->item
		    || l->role == ROLE_BLANK)
			continue;
		if (l->field == -1 && !found) {
			best = i;
			found = true;
		}
		if (l->field == m->field && (!found || l->off <= m->off)) {
			if (found && lay->lines[best].field == m->field
			    && l->off > m->off)
				continue;
			best = i;
			found = true;
		}
	}
	return best;
}

static unsigned goto_match(struct reader_state *st, const struct document *doc,
			   const struct search_match *m, bool wrapped)
{
	size_t line;

	st->match = *m;
	st->have_match = true;
	st->cursor_at_match = true;
	st->anchor_valid = false;
	st->view = VIEW_MAIN;
	if (st->section != m->section) {
		st->section = m->section;
		st->top = 0;
	}
	if (m->faq >= 0 && (size_t)m->faq < st->nfaq) {
		st->faq_open[m->faq] = m->field == 1 || st->faq_open[m->faq];
		st->faq_focus = m->faq;
	} else {
		st->faq_focus = -1;
	}
	invalidate(st);
	line = match_line(st, doc, m);
	/* Off screen, the match goes to the top, as in less. */
	if (line < st->top || line >= st->top + body_rows(st))
		st->top = line > max_top(st, doc) ? max_top(st, doc) : line;
	if (m->faq >= 0)
		drop_hidden_focus(st, doc);
	if (wrapped)
		set_status(st, "Search went round the end of the article.");
	return REDRAW_ALL;
}

static unsigned match_step(struct reader_state *st, const struct document *doc,
			    int dir)
{
	struct search_match from, m;
	bool wrapped;

	if (!st->query) {
		set_status(st, "No search yet: press / to search.");
		return REDRAW_STATUS;
	}
	if (st->have_match)
		from = st->match;
	else
		top_place(st, doc, &from);
	if (!search_next(doc, st->query, &from, dir, &m, &wrapped)) {
		set_status(st, "Pattern not found: %s", st->query);
		return REDRAW_STATUS;
	}
	return goto_match(st, doc, &m, wrapped);
}

/* A search from the library screen covers every article: the results
 * list them, "article: section: words".  The first RESULTS_FIRST are
 * found at once (more than any screen holds), the rest as the list is
 * read (reach_results()). */
#define RESULTS_FIRST 100

static unsigned library_find_all(struct reader_state *st, const char *query)
{
	if (library_search_part(st->lib, query, RESULTS_FIRST, &st->results) < 0) {
		st->results.n = 0;
		set_status(st, "Out of memory");
		return REDRAW_STATUS;
	}
	st->result_cursor = 0;
	if (st->view != VIEW_MATCHES) {
		st->prev_view = VIEW_LIBRARY;
		st->view = VIEW_MATCHES;
	}
	st->view_top = 0;
	invalidate(st);
	if (!st->results.n)
		set_status(st, "Pattern not found in any article: %s", query);
	return REDRAW_ALL;
}

void state_results_all(struct reader_state *st)
{
	if (st->lib)
		reach_results(st, SIZE_MAX);
}

unsigned state_search(struct reader_state *st, const struct document *doc,
		      const char *query)
{
	struct search_match from, m;
	bool wrapped;

	st->status[0] = '\0';
	st->cursor_at_match = false;
	if (!query || !*query) {
		if (st->query)
			return match_step(st, doc, 1);
		set_status(st, "No search yet.");
		return REDRAW_STATUS;
	}
	char *copy = strdup(query);
	if (!copy) {
		set_status(st, "Out of memory");
		return REDRAW_STATUS;
	}
	free(st->query);
	st->query = copy;
	st->have_match = false;
	if (st->lib && !doc)
		return library_find_all(st, query);
	top_place(st, doc, &from);
	if (!search_next(doc, query, &from, 1, &m, &wrapped)) {
		set_status(st, "Pattern not found: %s", query);
		return REDRAW_STATUS | REDRAW_BODY;
	}
	return goto_match(st, doc, &m, wrapped);
}

/* ---- where am I ------------------------------------------------------ */

size_t state_where(struct reader_state *st, const struct document *doc,
		   char *buf, size_t size)
{
	size_t n = body_lines(st, doc), rows = body_rows(st);
	size_t top = *top_of(st), last = top + rows < n ? top + rows : n;
	char place[64], signs[64] = "";
	int len;

	if (st->view == VIEW_MAIN)
		snprintf(place, sizeof place, "Section %zu of %zu", st->section + 1,
			 doc->nsections);
	else
		snprintf(place, sizeof place, "%s", view_title(st->view));
	if (doc->nchecks)
		snprintf(signs, sizeof signs, ", %zu of %zu signs ticked",
			 st->nchecked, doc->nchecks);
	len = snprintf(buf, size, "%s, lines %zu-%zu of %zu (%zu%%)%s", place,
		       n ? top + 1 : 0, last, n, n ? last * 100 / n : 100, signs);
	return len < 0 ? 0 : (size_t)len;
}

/* ---- the dispatcher ---------------------------------------------------- */

unsigned state_apply(struct reader_state *st, const struct document *doc,
		     enum action a)
{
	unsigned r = st->status[0] ? REDRAW_STATUS : 0;
	size_t rows = body_rows(st);

	st->status[0] = '\0';
	/* Any action takes the cursor back to the focus; a search step puts
	 * it on its match again. */
	st->cursor_at_match = false;
	/* No article is open: the library screen, its search results, or the
	 * help opened from them. */
	if (st->lib && !doc && !(st->view == VIEW_HELP && scrolls(a)))
		return r | library_apply(st, a);
	switch (a) {
	case ACTION_LINE_DOWN:
	case ACTION_FOCUS_NEXT:
	case ACTION_LINE_UP:
	case ACTION_FOCUS_PREV: {
		int dir = a == ACTION_LINE_DOWN || a == ACTION_FOCUS_NEXT ? 1 : -1;
		if (in_list(st))
			return r | list_move(st, doc, dir);
		if (st->view == VIEW_MAIN && (a == ACTION_FOCUS_NEXT
					      || a == ACTION_FOCUS_PREV))
			return r | focus_move(st, doc, dir);
		return r | scroll_by(st, doc, dir);
	}
	case ACTION_PAGE_DOWN:
		if (in_list(st))
			return r | list_move(st, doc, (long)rows);
		return r | page_down(st, doc, rows);
	case ACTION_PAGE_UP:
		if (in_list(st))
			return r | list_move(st, doc, -(long)rows);
		return r | page_up(st, doc, rows);
	case ACTION_HALF_DOWN:
		return r | scroll_by(st, doc, (long)(rows + 1) / 2);
	case ACTION_HALF_UP:
		return r | scroll_by(st, doc, -(long)(rows + 1) / 2);
	case ACTION_TOP:
		if (in_list(st))
			return r | list_move(st, doc, -(long)list_count(st, doc));
		return r | scroll_to(st, doc, 0);
	case ACTION_BOTTOM:
		if (in_list(st))
			return r | list_move(st, doc, (long)list_count(st, doc));
		return r | scroll_to(st, doc, max_top(st, doc));
	case ACTION_NEXT_SECTION:
		if (st->section + 1 >= doc->nsections) {
			set_status(st, "This is the last section.");
			return r | REDRAW_STATUS;
		}
		return r | state_goto_section(st, doc, st->section + 1);
	case ACTION_PREV_SECTION:
		/* Left from an article's start goes back to its library. */
		if (st->section == 0 && st->lib)
			return r | REDRAW_CLOSE;
		if (st->section == 0) {
			set_status(st, "This is the first section.");
			return r | REDRAW_STATUS;
		}
		return r | state_goto_section(st, doc, st->section - 1);
	case ACTION_TOGGLE:
		return r | toggle(st, doc);
	case ACTION_EXPAND_ALL:
	case ACTION_COLLAPSE_ALL:
		return r | expand_all(st, doc, a == ACTION_EXPAND_ALL);
	case ACTION_SWITCH_PANE:
		if (!side_visible(st)) {
			set_status(st, st->one_column
				   ? "One column: c opens the checklist."
				   : "No side pane at this width: c opens the checklist.");
			return r | REDRAW_STATUS;
		}
		st->pane = st->pane == PANE_MAIN ? PANE_SIDE : PANE_MAIN;
		invalidate(st);
		return r | REDRAW_BODY | REDRAW_SIDE;
	case ACTION_CONTENTS:
		return r | open_view(st, doc, VIEW_CONTENTS);
	case ACTION_CHECKLIST:
		return r | open_checklist(st, doc);
	case ACTION_DETAIL:
		if (!doc->nchecks) {
			set_status(st, "This article has no checklist.");
			return r | REDRAW_STATUS;
		}
		return r | open_view(st, doc, VIEW_DETAIL);
	case ACTION_SUMMARY:
		return r | open_view(st, doc, VIEW_SUMMARY);
	case ACTION_SAVE_SUMMARY:
		/* A shared terminal keeps nothing: the next patient must not
		 * find the last one's summary in the folder. */
		if (st->kiosk) {
			set_status(st, "Saving is turned off on this terminal.");
			return r | REDRAW_STATUS;
		}
		return r | REDRAW_SAVE | REDRAW_STATUS;
	case ACTION_GLOSSARY:
		return r | open_view(st, doc, VIEW_GLOSSARY);
	case ACTION_HELP:
		return r | open_view(st, doc, VIEW_HELP);
	case ACTION_SEARCH:
		return r | REDRAW_PROMPT | REDRAW_STATUS;
	case ACTION_SEARCH_NEXT:
		return r | match_step(st, doc, 1);
	case ACTION_SEARCH_PREV:
		return r | match_step(st, doc, -1);
	case ACTION_WHERE:
		state_where(st, doc, st->status, sizeof st->status);
		return r | REDRAW_STATUS;
	case ACTION_BACK:
		return r | go_back(st);
	case ACTION_LIBRARY:
		if (!st->lib) {
			set_status(st, "This article was opened on its own: there is no library.");
			return r | REDRAW_STATUS;
		}
		return r | REDRAW_CLOSE;
	case ACTION_QUIT:
		/* In a library, q leaves the article for the library, kiosk or
		 * not. */
		if (st->lib)
			return r | REDRAW_CLOSE;
		if (!st->kiosk)
			return r | REDRAW_QUIT;
		/* A shared terminal never quits: the next reader starts here. */
		st->view = st->prev_view = VIEW_MAIN;
		st->pane = PANE_MAIN;
		enter_section(st, doc, 0, false);
		set_status(st, "Back at the start.");
		return r | REDRAW_ALL;
	case ACTION_REDRAW:
		return r | REDRAW_ALL | REDRAW_CLEAR;
	case ACTION_NONE:
	case ACTION_COUNT:
		break;
	}
	return r;
}

unsigned state_key(struct reader_state *st, const struct document *doc, int key)
{
	enum action a = keymap_lookup(state_keymap_context(st), key);
	char name[KEYMAP_NAME_MAX];

	if (a == ACTION_NONE) {
		set_status(st, "%s does nothing here. Press ? for help.",
			   keymap_key_name(key, name, sizeof name));
		return REDRAW_STATUS;
	}
	return state_apply(st, doc, a);
}

/* ---- geometry, mouse, cursor ------------------------------------------ */

/* Where the top line's text is, so a reflow can find it again. */
static size_t find_anchor(const struct layout *lay, const struct anchor *a)
{
	size_t best = 0;
	bool found = false;

	for (size_t i = 0; i < lay->n; i++) {
		const struct layout_line *l = &lay->lines[i];
		if (l->role == ROLE_BLANK)
			continue;
		if (l->block == a->block && l->item == a->item && l->field == a->field
		    && (!found || l->off <= a->off)) {
			best = i;
			found = true;
		}
		if (!found && l->block > a->block) {
			best = i;
			found = true;
		}
	}
	return best;
}

/* The anchor of line i of lay; a blank line is anchored by the text after
 * it.  Returns how many blank lines were skipped. */
static size_t anchor_of(const struct layout *lay, size_t i, struct anchor *a)
{
	size_t first = i;

	while (i + 1 < lay->n && lay->lines[i].role == ROLE_BLANK)
		i++;
	a->block = lay->lines[i].block;
	a->item = lay->lines[i].item;
	a->field = lay->lines[i].field;
	a->off = lay->lines[i].off;
	return i - first;
}

unsigned state_resize(struct reader_state *st, const struct document *doc,
		      int cols, int rows)
{
	const struct layout *lay;

	if (cols == st->cols && rows == st->rows)
		return REDRAW_ALL;
	if (!st->anchor_valid && st->view == VIEW_MAIN
	    && (lay = state_body(st, doc)) && st->top < lay->n) {
		st->anchor_skip = anchor_of(lay, st->top, &st->anchor);
		st->anchor_valid = st->top > 0;
	}
	st->cols = cols;
	st->rows = rows;
	if (!side_visible(st))
		st->pane = PANE_MAIN;
	invalidate(st);
	if (st->anchor_valid && st->view == VIEW_MAIN && (lay = state_body(st, doc))) {
		size_t i = find_anchor(lay, &st->anchor);
		st->top = i >= st->anchor_skip ? i - st->anchor_skip : 0;
	}
	if (st->top > max_top(st, doc))
		st->top = max_top(st, doc);
	if (st->view_top > max_top(st, doc))
		st->view_top = max_top(st, doc);
	if (st->view == VIEW_MAIN)
		drop_hidden_focus(st, doc);
	return REDRAW_ALL | REDRAW_CLEAR;
}

bool state_place(struct reader_state *st, const struct document *doc,
		 struct anchor *a)
{
	memset(a, 0, sizeof *a);
	/* Kept by a resize: the truth until the reader moves. */
	if (st->anchor_valid) {
		*a = st->anchor;
		return true;
	}
	if (st->top == 0)
		return false;
	if (st->view == VIEW_MAIN) {
		const struct layout *lay = state_body(st, doc);
		if (!lay || st->top >= lay->n)
			return false;
		anchor_of(lay, st->top, a);
		return true;
	}
	/* A sub-view is open: lay the section out as the main pane shows it,
	 * without touching the state's caches. */
	struct reader_state as_main = *st;
	struct layout_input in;
	struct geometry g;
	struct layout lay;
	bool ok = false;

	as_main.view = VIEW_MAIN;
	state_geometry(&as_main, &g);
	state_layout_input(&as_main, &in);
	layout_init(&lay);
	if (layout_section(&lay, doc, &in, st->section, g.main_cols) == 0 &&
	    st->top < lay.n) {
		anchor_of(&lay, st->top, a);
		ok = true;
	}
	layout_free(&lay);
	return ok;
}

unsigned state_restore(struct reader_state *st, const struct document *doc,
		       const bool *checked, size_t section,
		       const struct anchor *place)
{
	const struct layout *lay;

	st->nchecked = 0;
	for (size_t i = 0; i < st->nchecks; i++) {
		st->checked[i] = checked && checked[i];
		st->nchecked += st->checked[i];
	}
	invalidate(st);
	if (section >= doc->nsections)
		return REDRAW_ALL;
	enter_section(st, doc, section, false);
	if (place && (lay = state_body(st, doc))) {
		st->anchor = *place;
		st->anchor_skip = 0;
		st->anchor_valid = true;
		st->top = find_anchor(lay, place);
		if (st->top > max_top(st, doc))
			st->top = max_top(st, doc);
	}
	return REDRAW_ALL;
}

size_t state_side_top(struct reader_state *st, const struct document *doc)
{
	const struct layout *lay = state_side(st, doc);
	size_t rows = body_rows(st), cur = 0;

	if (!lay)
		return 0;
	for (size_t i = 0; i < lay->n; i++)
		if (lay->lines[i].check == (int)st->check_cursor) {
			/* The item's last line must show too. */
			cur = i;
		}
	if (lay->n <= rows || cur < rows)
		return 0;
	return cur - rows + 1;
}

unsigned state_click(struct reader_state *st, const struct document *doc,
		     int y, int x)
{
	struct geometry g;
	const struct layout *lay;
	size_t i;

	state_geometry(st, &g);
	st->status[0] = '\0';
	st->cursor_at_match = false;
	if (y < g.body_row || y >= g.body_row + g.body_rows || x < 0)
		return 0;
	if (g.side_cols && x >= g.side_col) {
		size_t top = state_side_top(st, doc);
		if (!(lay = state_side(st, doc)))
			return REDRAW_STATUS;
		i = top + (size_t)(y - g.body_row);
		st->pane = PANE_SIDE;
		invalidate(st);
		if (i < lay->n && lay->lines[i].check >= 0)
			return state_toggle_check(st, (size_t)lay->lines[i].check)
				| REDRAW_BODY;
		return REDRAW_BODY | REDRAW_SIDE;
	}
	if (x >= g.main_cols || !(lay = state_body(st, doc)))
		return 0;
	i = *top_of(st) + (size_t)(y - g.body_row);
	if (i >= lay->n)
		return 0;
	const struct view_ops *ops = view_ops[st->view];
	return ops->click ? ops->click(st, doc, &lay->lines[i]) : 0;
}

/* A click in the article's text moves the focus there, and on a question
 * opens or closes it. */
static unsigned click_in_main(struct reader_state *st, const struct document *doc,
			      const struct layout_line *l)
{
	unsigned r = st->pane == PANE_SIDE ? REDRAW_SIDE | REDRAW_BODY : 0;

	st->pane = PANE_MAIN;
	invalidate(st);
	if (l->role == ROLE_FAQ_QUESTION && l->faq >= 0) {
		st->faq_focus = l->faq;
		return r | state_toggle_faq(st, (size_t)l->faq);
	}
	return r;
}

size_t state_cursor_line(struct reader_state *st, const struct document *doc)
{
	long fl;

	if (st->view == VIEW_MAIN) {
		fl = focus_line(st, doc);
		if (fl >= 0 && (size_t)fl >= st->top
		    && (size_t)fl < st->top + body_rows(st))
			return (size_t)fl;
		return st->top;
	}
	if (in_list(st))
		return cursor_line(st, doc);
	return st->view_top;
}

/* Columns from the start of line l's text to where match m starts in it:
 * by its offset, or in ASCII (where the text is a transliteration and
 * offsets differ) where the query is found in the line. */
static int match_col(const struct reader_state *st, const struct layout_line *l,
		     const struct search_match *m)
{
	size_t at, n;

	if (!st->ascii) {
		if (m->off < l->off)
			return 0;
		at = m->off - l->off;
		return at > l->len ? l->cols : utf8_width(l->text, at);
	}
	if (st->query && search_in(l->text, l->len, st->query, 0, &at, &n))
		return utf8_width(l->text, at);
	return 0;
}

/* The screen place of the match the search just went to: true when it is
 * on screen, in the main pane. */
static bool match_cursor(struct reader_state *st, const struct document *doc,
			 const struct geometry *g, int *y, int *x)
{
	const struct layout *lay;

	if (!st->cursor_at_match || !st->have_match || st->view != VIEW_MAIN
	    || st->pane != PANE_MAIN || st->match.section != st->section)
		return false;
	size_t i = match_line(st, doc, &st->match);
	if (!(lay = state_body(st, doc)) || i >= lay->n || i < st->top
	    || i >= st->top + (size_t)g->body_rows)
		return false;
	const struct layout_line *l = &lay->lines[i];
	int col = l->indent + l->prefix_cols + match_col(st, l, &st->match);
	*y = g->body_row + (int)(i - st->top);
	*x = col < g->main_cols ? col : g->main_cols - 1;
	return true;
}

void state_cursor(struct reader_state *st, const struct document *doc,
		  int *y, int *x)
{
	struct geometry g;
	const struct layout *lay;

	state_geometry(st, &g);
	*y = g.body_row;
	*x = 0;
	if (match_cursor(st, doc, &g, y, x))
		return;
	if (g.side_cols && st->pane == PANE_SIDE && (lay = state_side(st, doc))) {
		size_t top = state_side_top(st, doc);
		for (size_t i = top; i < lay->n && i < top + (size_t)g.body_rows; i++)
			if (lay->lines[i].flags & LINE_FOCUS) {
				*y = g.body_row + (int)(i - top);
				*x = g.side_col + lay->lines[i].indent;
				return;
			}
		*x = g.side_col;
		return;
	}
	size_t i = state_cursor_line(st, doc), top = *top_of(st);
	if ((lay = state_body(st, doc)) && i < lay->n && i >= top
	    && i < top + (size_t)g.body_rows) {
		*y = g.body_row + (int)(i - top);
		*x = lay->lines[i].indent;
	}
}
