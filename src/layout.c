/* layout.c - display lines for one section or one sub-view.
 *
 * Text is wrapped by wrap_text(); lines point into the document where they
 * can and into the layout's arena where the layout made the text (numbers,
 * table rows, transliterations).  An arena never moves what it handed out,
 * so pointers stay put while the layout grows, and the next layout reuses
 * its memory (arena_reset()) instead of allocating again.
 */
#include "layout.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "help.h"
#include "plain.h"
#include "summary.h"
#include "table.h"
#include "utf8.h"
#include "wrap.h"

/* One wrapped table cell line. */
struct slice {
	const char *s;
	size_t len;
	int cols;
};

struct layout_pool {
	struct arena *text;      /* text the layout made */
	struct slice *slices;    /* scratch for table rows */
	size_t nslices, slices_cap;
};

/* Everything one layout call needs; the emit callback's context. */
struct builder {
	struct layout *lay;
	const struct document *doc;
	const struct layout_input *in;
	int width;
	bool failed;
	/* the item being wrapped */
	struct layout_line tmpl;
	const char *prefix;
	int prefix_cols;
	const char *base;        /* start of the source string, for off */
	size_t shift;            /* bytes of made-up label before the source text */
	bool first;
};

void layout_init(struct layout *lay)
{
	memset(lay, 0, sizeof *lay);
}

void layout_free(struct layout *lay)
{
	if (lay->pool) {
		arena_free(lay->pool->text);
		free(lay->pool->slices);
		free(lay->pool);
	}
	free(lay->lines);
	memset(lay, 0, sizeof *lay);
}

int layout_line_cols(const struct layout_line *l)
{
	return l->indent + l->prefix_cols + l->cols;
}

static int layout_start(struct layout *lay, int width)
{
	lay->n = 0;
	lay->width = width;
	if (!lay->pool) {
		lay->pool = calloc(1, sizeof *lay->pool);
		if (!lay->pool)
			return -1;
	}
	if (!lay->pool->text && !(lay->pool->text = arena_new()))
		return -1;
	arena_reset(lay->pool->text);
	return 0;
}

static char *pool_alloc(struct builder *b, size_t n)
{
	char *r = arena_alloc(b->lay->pool->text, n);

	if (!r)
		b->failed = true;
	return r;
}

/* A NUL-terminated copy of printf output in the pool, or NULL. */
static char *pool_printf(struct builder *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static char *pool_printf(struct builder *b, const char *fmt, ...)
{
	va_list ap;
	char tmp[256];
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	if (n < 0)
		return NULL;
	char *s = pool_alloc(b, (size_t)n + 1);
	if (!s)
		return NULL;
	if ((size_t)n < sizeof tmp) {
		memcpy(s, tmp, (size_t)n + 1);
	} else {
		va_start(ap, fmt);
		vsnprintf(s, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	return s;
}

/* s as it is drawn: itself, or its ASCII transliteration in the pool. */
static const char *layout_text(struct builder *b, const char *s)
{
	size_t n = 0;
	bool plain = true;

	if (!s || !b->in->ascii)
		return s;
	for (const char *p = s; *p; p++, n++)
		if ((unsigned char)*p >= 0x80)
			plain = false;
	if (plain)
		return s;
	char *r = pool_alloc(b, utf8_translit_str(s, n, NULL) + 1);
	if (!r)
		return s;
	utf8_translit_str(s, n, r);
	return r;
}

static struct layout_line *push_line(struct builder *b)
{
	struct layout *lay = b->lay;

	if (b->failed)
		return NULL;
	if (lay->n == lay->cap) {
		size_t cap = lay->cap ? lay->cap * 2 : 128;
		struct layout_line *l = realloc(lay->lines, cap * sizeof *l);
		if (!l) {
			b->failed = true;
			return NULL;
		}
		lay->lines = l;
		lay->cap = cap;
	}
	return &lay->lines[lay->n++];
}

/* A template for lines that belong to nothing in particular. */
static struct layout_line line_of(enum role role, int block, int item, int field)
{
	struct layout_line l = {
		.role = role, .block = block, .item = item, .field = field,
		.faq = -1, .check = -1, .section = -1,
	};
	return l;
}

static void blank(struct builder *b)
{
	struct layout_line *l;

	/* Never two blank lines in a row, nor one at the start. */
	if (!b->lay->n || b->lay->lines[b->lay->n - 1].role == ROLE_BLANK)
		return;
	l = push_line(b);
	if (l) {
		*l = line_of(ROLE_BLANK, b->lay->lines[b->lay->n - 2].block, -1, -1);
		l->text = "";
	}
}

static void emit_line(void *ctx, const char *s, size_t len, int cols)
{
	struct builder *b = ctx;
	struct layout_line *l = push_line(b);
	size_t off;

	if (!l)
		return;
	*l = b->tmpl;
	if (b->first) {
		l->prefix = b->prefix;
		l->prefix_cols = b->prefix_cols;
		l->flags |= LINE_FIRST;
		b->first = false;
	} else {
		l->indent += b->prefix_cols;
	}
	l->text = s;
	l->len = len;
	l->cols = cols;
	off = (size_t)(s - b->base);
	l->off = off > b->shift ? off - b->shift : 0;
}

/* Wrap text as lines like tmpl, the first with prefix, the rest hanging
 * under it.  text is drawn as it is (already transliterated if need be). */
static void put_raw(struct builder *b, const struct layout_line *tmpl,
		    const char *prefix, const char *text, size_t shift)
{
	int pcols = prefix ? (int)strlen(prefix) : 0;
	int indent = tmpl->indent;
	int avail;

	if (b->failed || !text)
		return;
	/* Narrow panes lose indentation before they lose text. */
	while (indent > 0 && indent + pcols >= b->width)
		indent /= 2;
	avail = b->width - indent - pcols;
	if (avail < 1) {
		prefix = NULL;
		pcols = 0;
		avail = b->width - indent;
	}
	b->tmpl = *tmpl;
	b->tmpl.indent = indent;
	b->prefix = prefix;
	b->prefix_cols = pcols;
	b->base = text;
	b->shift = shift;
	b->first = true;
	if (!*text)
		emit_line(b, text, 0, 0);
	else
		wrap_text(text, avail < 1 ? 1 : avail, emit_line, b);
}

static void put(struct builder *b, const struct layout_line *tmpl,
		const char *prefix, const char *text)
{
	put_raw(b, tmpl, prefix, layout_text(b, text), 0);
}

static void put_simple(struct builder *b, enum role role, int indent,
		       int block, const char *text)
{
	struct layout_line t = line_of(role, block, -1, 0);

	t.indent = indent;
	put(b, &t, NULL, text);
}

/* ---- the first page's head and the section's blocks ---------------- */

static void layout_head(struct builder *b)
{
	const struct document *doc = b->doc;

	put_simple(b, ROLE_TITLE, 0, LAYOUT_HEAD, doc->title);
	blank(b);
	if (doc->summary) {
		put_simple(b, ROLE_SUMMARY, 0, LAYOUT_HEAD, doc->summary);
		blank(b);
	}
	/* plain_byline()'s parts; the link and the licence get lines of their
	 * own: a URL wraps badly inside a sentence. */
	struct byline by;
	const char *line = NULL;

	plain_byline(doc, &by);
	for (size_t i = 0; i < by.n && !b->failed; i++) {
		const struct byline_part *p = &by.part[i];
		if (p->kind == BYLINE_URL || p->kind == BYLINE_LICENCE)
			continue;
		line = line ? pool_printf(b, "%s. %s%s", line, p->label, p->text)
			: pool_printf(b, "%s%s", p->label, p->text);
	}
	if (line)
		put_simple(b, ROLE_BYLINE, 0, LAYOUT_HEAD, line);
	for (size_t i = 0; i < by.n && !b->failed; i++) {
		const struct byline_part *p = &by.part[i];
		if (p->kind == BYLINE_URL)
			put_simple(b, ROLE_URL, 0, LAYOUT_HEAD, p->text);
		else if (p->kind == BYLINE_LICENCE)
			put_simple(b, ROLE_BYLINE, 0, LAYOUT_HEAD,
				   pool_printf(b, "%s%s", p->label, p->text));
	}
	blank(b);
	put_simple(b, ROLE_DISCLAIMER, 0, LAYOUT_HEAD, doc->disclaimer);
	blank(b);
}

static void layout_list(struct builder *b, const struct block *bl, int bi)
{
	bool numbered = bl->kind == BLOCK_NUMBERED;
	/* Numbers line up: "9. " is padded like "10. " */
	int digits = snprintf(NULL, 0, "%zu", bl->u.list.n);

	for (size_t i = 0; i < bl->u.list.n; i++) {
		struct layout_line t = line_of(numbered ? ROLE_NUMBERED : ROLE_BULLET,
					       bi, (int)i, 0);
		const char *prefix = "- ";
		if (numbered)
			prefix = pool_printf(b, "%*zu. ", digits, i + 1);
		put(b, &t, prefix, bl->u.list.items[i]);
	}
}

static void collect_slice(void *ctx, const char *s, size_t len, int cols)
{
	struct builder *b = ctx;
	struct layout_pool *p = b->lay->pool;

	if (b->failed)
		return;
	if (p->nslices == p->slices_cap) {
		size_t cap = p->slices_cap ? p->slices_cap * 2 : 64;
		struct slice *n = realloc(p->slices, cap * sizeof *n);
		if (!n) {
			b->failed = true;
			return;
		}
		p->slices = n;
		p->slices_cap = cap;
	}
	p->slices[p->nslices++] = (struct slice){ s, len, cols };
}

/* One table row as grid lines: each cell wrapped in its column. */
static void table_row(struct builder *b, const char **cells, size_t ncols,
		      const int *w, size_t *start, enum role role, int bi, int item)
{
	struct layout_pool *p = b->lay->pool;
	size_t height = 0;

	p->nslices = 0;
	for (size_t c = 0; c < ncols; c++) {
		start[c] = p->nslices;
		wrap_text(layout_text(b, cells[c]), w[c], collect_slice, b);
		if (p->nslices - start[c] > height)
			height = p->nslices - start[c];
	}
	start[ncols] = p->nslices;
	if (b->failed)
		return;
	for (size_t k = 0; k < height; k++) {
		size_t len = 0;
		for (size_t c = 0; c < ncols; c++) {
			len += (size_t)w[c] + TABLE_GAP;
			if (start[c] + k < start[c + 1])
				len += p->slices[start[c] + k].len;
		}
		char *s = pool_alloc(b, len + 1), *q = s;
		int cols = 0, pad = 0;
		if (!s)
			return;
		for (size_t c = 0; c < ncols; c++) {
			const struct slice *sl = start[c] + k < start[c + 1]
				? &p->slices[start[c] + k] : NULL;
			if (sl && sl->len) {
				memset(q, ' ', (size_t)pad);
				q += pad;
				cols += pad;
				pad = 0;
				memcpy(q, sl->s, sl->len);
				q += sl->len;
				cols += sl->cols;
			}
			pad += w[c] - (sl ? sl->cols : 0) + TABLE_GAP;
		}
		*q = '\0';
		struct layout_line *l = push_line(b);
		if (!l)
			return;
		*l = line_of(role, bi, item, -1);
		if (k == 0)
			l->flags |= LINE_FIRST;
		l->text = s;
		l->len = (size_t)(q - s);
		l->cols = cols;
	}
}

static void layout_table(struct builder *b, const struct block *bl, int bi)
{
	const struct table *t = &bl->u.table;
	int avail = b->width - TABLE_GAP * ((int)t->ncols - 1);
	int *w = calloc(2 * t->ncols + 1, sizeof *w);
	size_t *start = calloc(t->ncols + 1, sizeof *start);

	if (!w || !start) {
		free(w);
		free(start);
		b->failed = true;
		return;
	}
	if (t->caption) {
		struct layout_line c = line_of(ROLE_TABLE_CAPTION, bi, -2, 0);
		put(b, &c, NULL, t->caption);
	}
	if (table_fit(t->columns, t->cells, t->ncols, t->nrows, avail, w)) {
		table_row(b, t->columns, t->ncols, w, start, ROLE_TABLE_HEADER,
			  bi, -1);
		for (size_t r = 0; r < t->nrows; r++)
			table_row(b, t->cells + r * t->ncols, t->ncols, w, start,
				  ROLE_TABLE_CELL, bi, (int)r);
		free(w);
		free(start);
		return;
	}
	free(w);
	free(start);
	/* Too narrow for a grid: each record as "Column: value" lines. */
	for (size_t r = 0; r < t->nrows; r++) {
		for (size_t c = 0; c < t->ncols; c++) {
			struct layout_line l = line_of(ROLE_TABLE_CELL, bi, (int)r, (int)c);
			const char *col = layout_text(b, t->columns[c]);
			char *s = pool_printf(b, "%s: %s", col,
					      layout_text(b, t->cells[r * t->ncols + c]));
			if (!s)
				return;
			l.indent = c ? 2 : 0;
			put_raw(b, &l, NULL, s, strlen(col) + 2);
		}
		blank(b);
	}
}

static void layout_faq(struct builder *b, const struct block *bl, int bi)
{
	const struct layout_input *in = b->in;

	for (size_t i = 0; i < bl->u.faq.n; i++) {
		const struct faq_item *f = &bl->u.faq.items[i];
		bool open = in->faq_open && f->number < b->doc->nfaq
			&& in->faq_open[f->number];
		struct layout_line q = line_of(ROLE_FAQ_QUESTION, bi, (int)i, 0);

		q.faq = (int)f->number;
		if (open)
			q.flags |= LINE_OPEN;
		if (in->faq_focus == (int)f->number)
			q.flags |= LINE_FOCUS;
		put(b, &q, open ? "[-] " : "[+] ", f->question);
		if (!open)
			continue;
		struct layout_line a = line_of(ROLE_FAQ_ANSWER, bi, (int)i, 1);
		a.faq = (int)f->number;
		a.indent = 4;
		put(b, &a, NULL, f->answer);
		blank(b);
	}
}

static void layout_refs(struct builder *b, const struct block *bl, int bi)
{
	int digits = snprintf(NULL, 0, "%zu", bl->u.refs.n);

	for (size_t i = 0; i < bl->u.refs.n; i++) {
		const struct reference *r = &bl->u.refs.items[i];
		struct layout_line t = line_of(ROLE_REFERENCE, bi, (int)i, 0);
		const char *prefix = pool_printf(b, "[%*zu] ", digits, i + 1);

		put(b, &t, prefix, r->text);
		if (r->url) {
			struct layout_line u = line_of(ROLE_URL, bi, (int)i, 1);
			u.indent = prefix ? (int)strlen(prefix) : 0;
			put(b, &u, NULL, r->url);
		}
	}
}

static void layout_block(struct builder *b, const struct block *bl, int bi)
{
	struct layout_line t;

	switch (bl->kind) {
	case BLOCK_PARAGRAPH:
		put_simple(b, ROLE_BODY, 0, bi, bl->u.text);
		break;
	case BLOCK_SUBHEADING:
		put_simple(b, ROLE_SUBHEADING, 0, bi, bl->u.text);
		break;
	case BLOCK_BULLETS:
	case BLOCK_NUMBERED:
		layout_list(b, bl, bi);
		break;
	case BLOCK_TABLE:
		layout_table(b, bl, bi);
		break;
	case BLOCK_QUOTE:
		t = line_of(ROLE_QUOTE, bi, -1, 0);
		t.indent = 4;
		put(b, &t, NULL, bl->u.quote.text);
		if (bl->u.quote.by) {
			t = line_of(ROLE_ATTRIBUTION, bi, -1, 1);
			t.indent = 6;
			put(b, &t, NULL, bl->u.quote.by);
		}
		break;
	case BLOCK_FAQ:
		layout_faq(b, bl, bi);
		break;
	case BLOCK_REFERENCES:
		layout_refs(b, bl, bi);
		break;
	}
	blank(b);
}

/* Drop a trailing blank line: the end of a page is blank enough. */
static int layout_finish(struct builder *b)
{
	struct layout *lay = b->lay;

	if (b->failed) {
		lay->n = 0;
		return -1;
	}
	while (lay->n && lay->lines[lay->n - 1].role == ROLE_BLANK)
		lay->n--;
	return 0;
}

static void builder_init(struct builder *b, struct layout *out,
			 const struct document *doc,
			 const struct layout_input *in, int width)
{
	memset(b, 0, sizeof *b);
	b->lay = out;
	b->doc = doc;
	b->in = in;
	b->width = width > 0 ? width : 1;
	if (layout_start(out, b->width) < 0)
		b->failed = true;
}

static void section_lines(struct builder *b, size_t section)
{
	const struct document *doc = b->doc;

	if (section >= doc->nsections)
		return;
	const struct section *sec = &doc->sections[section];
	if (section == 0)
		layout_head(b);
	put_simple(b, ROLE_HEADING, 0, LAYOUT_HEADING, sec->title);
	blank(b);
	for (size_t i = 0; i < sec->nblocks; i++)
		layout_block(b, &sec->blocks[i], (int)i);
	/* The end of the article: where to read on. */
	if (section + 1 == doc->nsections && b->in->nsee_also) {
		int bi = (int)sec->nblocks;
		put_simple(b, ROLE_SUBHEADING, 0, bi, "See also");
		for (size_t k = 0; k < b->in->nsee_also; k++) {
			struct layout_line t = line_of(ROLE_BULLET, bi, (int)k, 0);
			put(b, &t, "- ", b->in->see_also[k]);
		}
	}
}

int layout_section(struct layout *out, const struct document *doc,
		   const struct layout_input *in, size_t section, int width)
{
	struct builder b;

	builder_init(&b, out, doc, in, width);
	section_lines(&b, section);
	return layout_finish(&b);
}

/* ---- sub-views ------------------------------------------------------ */

static void put_view_title(struct builder *b, const char *text)
{
	put_raw(b, &(struct layout_line){ .role = ROLE_HEADING, .block = -1,
		.item = -1, .field = -1, .faq = -1, .check = -1, .section = -1 },
		NULL, text, 0);
	blank(b);
}

static void note(struct builder *b, const char *text)
{
	struct layout_line t = line_of(ROLE_NOTE, -1, -1, -1);
	put_raw(b, &t, NULL, text, 0);
}

static void layout_view_main(struct builder *b)
{
	section_lines(b, b->in->section);
}

static void layout_view_contents(struct builder *b)
{
	const struct document *doc = b->doc;
	int digits = snprintf(NULL, 0, "%zu", doc->nsections);

	put_view_title(b, "Contents");
	for (size_t i = 0; i < doc->nsections; i++) {
		struct layout_line t = line_of(ROLE_ENTRY, -1, (int)i, -1);
		t.section = (int)i;
		if (i == b->in->section_cursor)
			t.flags |= LINE_FOCUS;
		put(b, &t, pool_printf(b, "%*zu. ", digits, i + 1),
		    doc->sections[i].title);
	}
}

static void help_entry_lines(void *ctx, enum action a, const char *keys, const char *text)
{
	struct builder *b = ctx;
	struct layout_line k = line_of(ROLE_KEY, -1, (int)a, 0);
	struct layout_line h = line_of(ROLE_BODY, -1, (int)a, 1);
	char *copy = pool_printf(b, "%s", keys);

	put_raw(b, &k, NULL, copy, 0);
	h.indent = 4;
	put_raw(b, &h, NULL, text, 0);
}

static void layout_view_help(struct builder *b)
{
	put_view_title(b, "Keys");
	help_each(help_entry_lines, b);
	blank(b);
	note(b, "Mouse: click a question to open or close it, click a sign to "
	     "tick it; the wheel scrolls.");
}

static void layout_view_glossary(struct builder *b)
{
	const struct document *doc = b->doc;

	put_view_title(b, "Glossary");
	if (!doc->nglossary)
		note(b, "This article has no glossary.");
	for (size_t i = 0; i < doc->nglossary; i++) {
		struct layout_line t = line_of(ROLE_TERM, -1, (int)i, 0);
		put(b, &t, NULL, doc->glossary[i].term);
		t = line_of(ROLE_DEFINITION, -1, (int)i, 1);
		t.indent = 4;
		put(b, &t, NULL, doc->glossary[i].definition);
		blank(b);
	}
}

static void check_lines(struct builder *b)
{
	const struct document *doc = b->doc;
	const struct layout_input *in = b->in;

	for (size_t i = 0; i < doc->nchecks; i++) {
		struct layout_line t = line_of(ROLE_CHECK, -1, (int)i, 0);
		bool on = in->checked && in->checked[i];
		t.check = (int)i;
		if (on)
			t.flags |= LINE_CHECKED;
		if (in->check_focus && i == in->check_cursor)
			t.flags |= LINE_FOCUS;
		put(b, &t, on ? "[x] " : "[ ] ", doc->checks[i].label);
	}
	if (!doc->nchecks)
		note(b, "This article has no checklist.");
}

int layout_checklist(struct layout *out, const struct document *doc,
		     const struct layout_input *in, int width)
{
	struct builder b;

	builder_init(&b, out, doc, in, width);
	put_raw(&b, &(struct layout_line){ .role = ROLE_HEADING, .block = -1,
		.item = -1, .field = -1, .faq = -1, .check = -1, .section = -1 },
		NULL, pool_printf(&b, "Warning signs %zu/%zu", in->nchecked,
				  doc->nchecks), 0);
	check_lines(&b);
	return layout_finish(&b);
}

static void layout_view_checklist(struct builder *b)
{
	put_view_title(b, pool_printf(b, "Warning signs: %zu of %zu ticked",
				    b->in->nchecked, b->doc->nchecks));
	check_lines(b);
}

static void layout_view_detail(struct builder *b)
{
	const struct document *doc = b->doc;
	const struct layout_input *in = b->in;

	if (in->check_cursor >= doc->nchecks) {
		put_view_title(b, "Warning sign");
		note(b, "This article has no checklist.");
		return;
	}
	const struct check_item *c = &doc->checks[in->check_cursor];
	struct layout_line t = line_of(ROLE_HEADING, -1, -1, -1);
	t.check = (int)in->check_cursor;
	put(b, &t, NULL, c->label);
	blank(b);
	if (c->detail)
		put_simple(b, ROLE_BODY, 0, -1, c->detail);
	else
		note(b, "The article says no more about this sign.");
	blank(b);
	note(b, in->checked && in->checked[in->check_cursor] ? "You have ticked this sign."
	     : "You have not ticked this sign.");
}

/* The summary's words are summary.c's, so the view, the line mode and
 * --summary say the same; here they only get roles. */
static void summary_part_lines(void *ctx, const struct summary_part *p)
{
	static const enum role roles[] = {
		[SUM_HEADING] = ROLE_HEADING, [SUM_DATE] = ROLE_BYLINE,
		[SUM_TITLE] = ROLE_SUBHEADING, [SUM_SOURCE] = ROLE_BYLINE,
		[SUM_URL] = ROLE_URL, [SUM_NOTE] = ROLE_NOTE,
		[SUM_SIGN] = ROLE_BULLET, [SUM_DETAIL] = ROLE_BODY,
		[SUM_ADVICE_HEADING] = ROLE_SUBHEADING, [SUM_ADVICE] = ROLE_BODY,
		[SUM_DISCLAIMER] = ROLE_DISCLAIMER, [SUM_BLANK] = ROLE_BLANK,
	};
	struct builder *b = ctx;

	if (p->kind == SUM_BLANK) {
		blank(b);
		return;
	}
	struct layout_line t = line_of(roles[p->kind], -1, p->check,
				       p->kind == SUM_DETAIL);
	t.check = p->check;
	t.indent = p->indent;
	put(b, &t, p->prefix, p->text);
}

/* text on one line of the width, cut at a character with an ellipsis when
 * it is longer, and at its first line break. */
static void put_line_cut(struct builder *b, const struct layout_line *tmpl,
			 const char *prefix, const char *text)
{
	const char *dots = b->in->ascii ? "..." : "\u2026";
	int dots_cols = b->in->ascii ? 3 : 1;
	int pcols = prefix ? (int)strlen(prefix) : 0;
	int avail = b->width - tmpl->indent - pcols;
	size_t len, cut = 0;
	int cols = 0;

	if (b->failed || !text)
		return;
	text = layout_text(b, text);
	len = strcspn(text, "\n");
	if (avail < 1) {
		prefix = NULL;
		pcols = 0;
		avail = b->width - tmpl->indent;
	}
	if (utf8_width(text, len) > avail) {
		/* Room for the ellipsis: whole characters up to avail - it. */
		while (cut < len) {
			uint32_t cp;
			size_t n = utf8_decode(text + cut, len - cut, &cp);
			int w = utf8_cpwidth(cp);
			if (cols + w > avail - dots_cols)
				break;
			cols += w;
			cut += n;
		}
		char *t = pool_printf(b, "%.*s%s", (int)cut, text, dots);
		if (!t)
			return;
		text = t;
		len = strlen(t);
		cols += dots_cols;
	} else {
		cols = utf8_width(text, len);
	}
	struct layout_line *l = push_line(b);
	if (!l)
		return;
	*l = *tmpl;
	l->prefix = prefix;
	l->prefix_cols = pcols;
	l->flags |= LINE_FIRST;
	l->text = text;
	l->len = len;
	l->cols = cols;
}

/* The library screen: LAYOUT_ARTICLE_LINES lines an article, so the
 * screen pages by whole articles and only the articles shown are read. */
static void layout_view_library(struct builder *b)
{
	const struct layout_input *in = b->in;
	int digits = snprintf(NULL, 0, "%zu", in->lib_total);

	for (size_t k = 0; k < in->narticles; k++) {
		const struct layout_article *a = &in->articles[k];
		size_t i = in->lib_first + k;
		struct layout_line t = line_of(ROLE_ENTRY, -1, (int)i, 0);
		struct layout_line by = line_of(ROLE_BYLINE, -1, (int)i, 1);
		struct layout_line sum = line_of(ROLE_SUMMARY, -1, (int)i, 2);
		char *prefix = pool_printf(b, "%*zu. ", digits, i + 1);

		if (i == in->lib_cursor)
			t.flags |= LINE_FOCUS;
		by.indent = sum.indent = prefix ? (int)strlen(prefix) : 0;
		if (!a->title) {
			put_line_cut(b, &t, prefix, a->name);
			put_line_cut(b, &by, NULL, "This article cannot be opened:");
			put_line_cut(b, &sum, NULL, a->problem);
			continue;
		}
		char date[PLAIN_DATE_MAX];
		const char *when = a->date ? plain_date(a->date, date, sizeof date)
					   : NULL;
		put_line_cut(b, &t, prefix, a->title);
		if (a->publisher && when)
			put_line_cut(b, &by, NULL, pool_printf(b, "%s, %s",
							   a->publisher, when));
		else if (a->publisher || when)
			put_line_cut(b, &by, NULL, a->publisher ? a->publisher : when);
		else
			put_line_cut(b, &by, NULL, " ");
		put_line_cut(b, &sum, NULL, a->summary ? a->summary : " ");
	}
	if (!in->lib_total)
		note(b, "This folder has no articles.");
}

/* A search across the library: one line a match, "article: section:
 * words around it", the chosen one flagged. */
static void layout_view_matches(struct builder *b)
{
	const struct layout_input *in = b->in;

	put_view_title(b, in->nresults
		       ? pool_printf(b, "%zu%s match%s of '%s' in the library",
				     in->nresults, in->results_cut ? " or more" : "",
				     in->nresults == 1 ? "" : "es",
				     in->query ? in->query : "")
		       : pool_printf(b, "No match of '%s' in the library",
				     in->query ? in->query : ""));
	for (size_t i = 0; i < in->nresults; i++) {
		const struct layout_result *r = &in->results[i];
		struct layout_line t = line_of(ROLE_ENTRY, -1, (int)i, 0);
		/* The match must show: of the columns the words get, at
		 * most a third go to what comes before it. */
		const char *head = pool_printf(b, "%s: %s: ", r->article, r->section);
		int room = b->width - (head ? utf8_width(head, strlen(head)) : 0);
		size_t from = 0;
		bool cut = r->cut_before;
		if (room > 9) {
			while (from < r->off &&
			       utf8_width(r->text + from, r->off - from) > room / 3) {
				uint32_t cp;
				from += utf8_decode(r->text + from, r->off - from, &cp);
				cut = true;
			}
			/* From a word's start where one is near. */
			size_t w = from;
			while (w < r->off && w > 0 && r->text[w - 1] != ' ')
				w++;
			if (w < r->off)
				from = w;
		}
		const char *snip = pool_printf(b, "%s%s%s", head ? head : "",
					       cut ? "..." : "", r->text + from);

		if (i == in->result_cursor)
			t.flags |= LINE_FOCUS;
		put_line_cut(b, &t, NULL, snip);
	}
}

static void layout_view_summary(struct builder *b)
{
	summary_parts(b->doc, b->in->checked, b->in->date ? b->in->date : "",
		      summary_part_lines, b);
}

int layout_view(struct layout *out, const struct document *doc, enum view v,
		const struct layout_input *in, int width)
{
	/* Every view of VIEW_INFO has its layout_view_<id>(). */
	static void (*const lay[VIEW_COUNT])(struct builder *) = {
#define VIEW_LAYOUT_(ID, id, title, ctx) [VIEW_##ID] = layout_view_##id,
		VIEW_INFO(VIEW_LAYOUT_)
#undef VIEW_LAYOUT_
	};
	struct builder b;

	builder_init(&b, out, doc, in, width);
	if ((unsigned)v < VIEW_COUNT)
		lay[v](&b);
	return layout_finish(&b);
}
