/* import_walk.c - the page's blocks -> the draft's sections and blocks.
 *
 * The rules (README.md, "Importing a Markdown page", says them for
 * authors):
 *
 *  - The title.  The page's leading level-1 headings are candidates (a
 *    page saved from a browser often starts with the browser's title, "X -
 *    SITE", then the page's own "X").  A candidate that ends in " - " (or
 *    " | ", en or em dash) and the front matter's source or publisher, or
 *    that is another candidate with such a tail, is the site's copy; the
 *    title is the last candidate that is not.  With no leading level-1
 *    heading, a page's only level-1 heading is its title; else the front
 *    matter's title (without the site's tail), else the file name.
 *  - Sections.  The shallowest level among the other headings starts
 *    sections; deeper headings are subheadings.  Text before the first
 *    section goes in a section the importer calls "Introduction" (or, when
 *    the page has no other heading, one named after the article).  A
 *    section with nothing in it is left out.
 *  - Empty headings.  A heading with no text followed by a short one-line
 *    paragraph takes that paragraph as its text (cancer.gov's copies put
 *    "##" on its own line and the heading's words under it).
 *  - FAQ.  A section titled like "Frequently Asked Questions" whose
 *    subheadings all end in '?' becomes a faq block: each subheading a
 *    question, what follows it the answer.
 *  - Blocks.  Paragraphs, bullet and numbered lists, GitHub tables and
 *    block quotes map to their kinds.  A short one-line paragraph without
 *    a final stop right before a table is its caption.  A code block is
 *    kept as a paragraph; HTML blocks and thematic breaks are left out.
 *  - Lists.  The format has no nested lists: a sub-list joins its item as
 *    "item: sub; sub".  An item that ends in ':' with no sub-list is the
 *    sign of a nested list the page flattened; the draft keeps the items
 *    as they are (nothing says where the sub-list ends) and asks the
 *    author to check them.
 *  - Web furniture.  A paragraph of images (and its '[' when it opens a
 *    linked card) is left out, with the card's words up to the paragraph
 *    that closes it with "](...)".  Up to two short paragraphs after an
 *    image are its caption when a credit line, an "Enlarge" link, a video
 *    line, a heading or the end of the page follows them.  "Credit:"
 *    lines, "Enlarge Image" links and video-player lines ("Play the
 *    audio-described version of this video") are left out wherever they
 *    are.
 *  - Everything left out is warned about with its place.
 */
#include "import_base.h"
#include "loader.h"
#include "utf8.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define ID_MAX 48               /* bytes of an id made from a title */
#define CAPTION_MAX 150         /* bytes of a caption or a heading's text */
#define IMAGE_CAPTION_MAX 400   /* bytes of one paragraph of an image caption */
#define MAX_CANDIDATES 8        /* leading level-1 headings that may be the title */

/* ---- ids ------------------------------------------------------------- */

/* A set of ids, each with the next number to try after it. */
struct idmap {
	char **keys;
	unsigned *next;
	size_t cap, n;
};

static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603u;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211u;
	return h;
}

static size_t idmap_find(const struct idmap *m, const char *s)
{
	size_t i = hash(s) & (m->cap - 1);

	while (m->keys[i] && strcmp(m->keys[i], s))
		i = (i + 1) & (m->cap - 1);
	return i;
}

static int idmap_grow(struct idmap *m)
{
	struct idmap g = { NULL, NULL, m->cap ? m->cap * 2 : 64, m->n };

	g.keys = calloc(g.cap, sizeof(char *));
	g.next = calloc(g.cap, sizeof(unsigned));
	if (!g.keys || !g.next) {
		free(g.keys);
		free(g.next);
		return -1;
	}
	for (size_t i = 0; i < m->cap; i++)
		if (m->keys[i]) {
			size_t j = idmap_find(&g, m->keys[i]);

			g.keys[j] = m->keys[i];
			g.next[j] = m->next[i];
		}
	free(m->keys);
	free(m->next);
	*m = g;
	return 0;
}

static void idmap_free(struct idmap *m)
{
	free(m->keys);
	free(m->next);
}

/* Lower-case ASCII letters and digits of s, other runs as one '-'. */
static void slug(const char *s, char *out, size_t max)
{
	size_t n = 0;
	bool dash = false;

	while (*s && n < max) {
		char tb[2];
		uint32_t cp;
		size_t k = utf8_decode(s, strlen(s), &cp);
		const char *t = utf8_translit(cp, tb);

		s += k;
		for (; *t && n < max; t++) {
			char c = *t;

			if (c >= 'A' && c <= 'Z')
				c = (char)(c - 'A' + 'a');
			if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
				if (dash && n && n + 1 < max)
					out[n++] = '-';
				out[n++] = c;
				dash = false;
			} else if (*t != '\'') {
				/* An apostrophe joins ("don't" is "dont"). */
				dash = true;
			}
		}
	}
	/* Cut at the last whole word when the title was longer. */
	if (*s && n == max) {
		size_t cut = n;

		while (cut > 0 && out[cut - 1] != '-')
			cut--;
		if (cut > max / 2)
			n = cut - 1;
	}
	while (n && out[n - 1] == '-')
		n--;
	out[n] = '\0';
}

/* A unique section id for title, in the arena. */
static const char *section_id(struct imp *im, struct idmap *m,
			      const char *title)
{
	char base[ID_MAX + 1], cand[ID_MAX + 16];
	size_t i;

	slug(title, base, ID_MAX);
	if (!(base[0] >= 'a' && base[0] <= 'z')) {
		char tmp[ID_MAX + 1];

		snprintf(tmp, sizeof(tmp), "%s", base);
		if (*tmp)
			snprintf(base, sizeof(base), "section-%.*s",
				 ID_MAX - 8, tmp);
		else
			snprintf(base, sizeof(base), "section");
	}
	if ((m->n + 1) * 2 > m->cap && idmap_grow(m)) {
		imp_nomem(im);
		return NULL;
	}
	i = idmap_find(m, base);
	if (!m->keys[i]) {
		snprintf(cand, sizeof(cand), "%s", base);
	} else {
		unsigned *k = &m->next[i];

		for (;;) {
			size_t j;

			snprintf(cand, sizeof(cand), "%s-%u", base, (*k)++);
			j = idmap_find(m, cand);
			if (!m->keys[j])
				break;
		}
	}
	char *id = imp_strdup(im, cand);

	if (!id)
		return NULL;
	i = idmap_find(m, id);
	m->keys[i] = id;
	m->next[i] = 2;
	m->n++;
	return id;
}

/* ---- the walk ----------------------------------------------------------- */

struct walk {
	struct imp *im;
	cmark_node **nodes;      /* the page's top-level blocks */
	size_t n;
	bool *used;              /* taken already by a look ahead */
	const char **htext;      /* a heading's text, checked; NULL if none */
	size_t *hsrc;            /* the node that holds a heading's words */
	bool *candidate;         /* a title candidate */
	int section_level;
	bool has_sections;
	struct imp_section *sec;
	struct idmap ids;
	struct imp_buf buf, tmp;
	const char *caption;     /* for the table that follows */
};

static bool is_para(cmark_node *n)
{
	return n && cmark_node_get_type(n) == CMARK_NODE_PARAGRAPH;
}

static bool is_heading(cmark_node *n)
{
	return n && cmark_node_get_type(n) == CMARK_NODE_HEADING;
}

static bool one_line(cmark_node *n)
{
	return cmark_node_get_start_line(n) == cmark_node_get_end_line(n);
}

/* The text of a paragraph or heading into b, without warnings: to look
 * at before deciding what it is.  NULL on a failure. */
static const char *peek(struct walk *w, cmark_node *n, struct imp_buf *b)
{
	imp_buf_reset(b);
	if (imp_inline(w->im, n, b, NULL, true))
		return NULL;
	if (b->oom) {
		imp_nomem(w->im);
		return NULL;
	}
	return b->p ? b->p : "";
}

static size_t trimmed_len(const char *s)
{
	size_t n = strlen(s);

	while (n && (s[n - 1] == ' ' || s[n - 1] == '\n'))
		n--;
	return n;
}

static bool starts_with_ci(const char *s, const char *prefix)
{
	while (*s == ' ')
		s++;
	return !strncasecmp(s, prefix, strlen(prefix));
}

/* "Credit: ...", "Photo credit: ...", "Image credit: ...". */
static bool credit_line(const char *t)
{
	return strlen(t) <= 300 &&
	       (starts_with_ci(t, "credit:") || starts_with_ci(t, "photo credit:") ||
		starts_with_ci(t, "image credit:"));
}

static bool enlarge_line(const char *t)
{
	while (*t == ' ')
		t++;
	size_t n = trimmed_len(t);

	if (n && t[n - 1] == '.')
		n--;
	return (n == 13 && !strncasecmp(t, "Enlarge Image", 13)) ||
	       (n == 7 && !strncasecmp(t, "Enlarge", 7));
}

/* A video player's line: "Play the audio-described version of this
 * video", "Watch the video". */
static bool video_line(const char *t)
{
	if (strlen(t) > 120 || !(starts_with_ci(t, "play ") ||
				 starts_with_ci(t, "watch ")))
		return false;
	for (const char *p = t; *p; p++)
		if (!strncasecmp(p, "video", 5))
			return true;
	return false;
}

/* What furniture the paragraph is: a name for the warning, or NULL. */
static const char *furniture(struct walk *w, cmark_node *n,
			     struct imp_buf *b)
{
	const char *t;

	if (!is_para(n) || !(t = peek(w, n, b)))
		return NULL;
	if (credit_line(t))
		return "credit line";
	if (enlarge_line(t))
		return "'Enlarge Image' link";
	if (video_line(t))
		return "video player's line";
	return NULL;
}

/* The paragraph closes a linked card: its text ends in "](target)". */
static bool closes_card(const char *t)
{
	size_t n = trimmed_len(t);
	const char *open;

	if (!n || t[n - 1] != ')')
		return false;
	open = NULL;
	for (size_t i = n; i-- > 1;)
		if (t[i] == '(' && t[i - 1] == ']') {
			open = t + i;
			break;
		}
	if (!open)
		return false;
	for (const char *p = open + 1; p < t + n - 1; p++)
		if (*p == ' ' || *p == '(' || *p == ')')
			return false;
	return true;
}

/* ---- sections ------------------------------------------------------- */

static int start_section(struct walk *w, const char *title, cmark_node *at,
			 const char *note)
{
	struct imp *im = w->im;
	struct imp_section *s = arena_alloc(im->arena, sizeof(*s));
	unsigned line, column;

	if (!s)
		return imp_nomem(im);
	memset(s, 0, sizeof(*s));
	s->title = title;
	s->note = note;
	imp_node_pos(im, at, &line, &column);
	s->line = line;
	s->id = section_id(im, &w->ids, title);
	if (!s->id || imp_push(im, &im->sections, s))
		return -1;
	w->sec = s;
	return 0;
}

/* The section for text with no heading of its own before it. */
static int need_section(struct walk *w, cmark_node *at)
{
	struct imp *im = w->im;

	if (w->sec)
		return 0;
	if (!w->has_sections)
		return start_section(w, im->title, at, NULL);
	return start_section(w, "Introduction", at,
			     "The page has no heading for its opening part: 'Introduction' is the importer's title. Review it.");
}

static struct imp_block *new_block(struct walk *w, enum imp_kind kind,
				   cmark_node *at)
{
	struct imp *im = w->im;
	struct imp_block *b;
	unsigned column;

	if (need_section(w, at))
		return NULL;
	b = arena_alloc(im->arena, sizeof(*b));
	if (!b) {
		imp_nomem(im);
		return NULL;
	}
	memset(b, 0, sizeof(*b));
	b->kind = kind;
	imp_node_pos(im, at, &b->line, &column);
	if (imp_push(im, &w->sec->blocks, b))
		return NULL;
	return b;
}

/* The checked text of a paragraph or heading, warnings and references
 * going to the current section. */
static const char *inline_text(struct walk *w, cmark_node *n,
			       const char *what)
{
	imp_buf_reset(&w->buf);
	if (imp_inline(w->im, n, &w->buf, w->sec, false))
		return NULL;
	return imp_text(w->im, n, &w->buf, what);
}

/* ---- text of any block, for list items, quotes and answers ---------- */

static int block_text(struct walk *w, cmark_node *n, struct imp_buf *b,
		      int depth, bool in_item);

/* Everything's words, in a line: past the depth the format allows. */
static int flat_words(struct walk *w, cmark_node *n, struct imp_buf *b)
{
	cmark_iter *it = cmark_iter_new(n);
	cmark_event_type ev;

	if (!it)
		return imp_nomem(w->im);
	imp_warn_node(w->im, n,
		      "nested deeper than %d: its words are kept as one line",
		      LOADER_MAX_DEPTH);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *c = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(c);

		if (ev != CMARK_EVENT_ENTER)
			continue;
		if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE) {
			const char *lit = cmark_node_get_literal(c);

			if (b->len && b->p[b->len - 1] != ' ')
				imp_buf_add(b, " ", 1);
			imp_buf_str(b, lit ? lit : "");
		}
	}
	cmark_iter_free(it);
	return 0;
}

static void separate(struct imp_buf *b, size_t from, const char *sep)
{
	if (b->len > from)
		imp_buf_str(b, sep);
}

/* A table as lines of "Column: value; Column: value". */
static int table_lines(struct walk *w, cmark_node *n, struct imp_buf *b)
{
	cmark_node *head = cmark_node_first_child(n);
	size_t from = b->len;

	imp_warn_node(w->im, n,
		      "a table inside a list, a quote or an answer is written as lines of text");
	for (cmark_node *row = head ? cmark_node_next(head) : NULL; row;
	     row = cmark_node_next(row)) {
		cmark_node *h = cmark_node_first_child(head);

		separate(b, from, "\n");
		for (cmark_node *c = cmark_node_first_child(row); c;
		     c = cmark_node_next(c)) {
			if (c != cmark_node_first_child(row))
				imp_buf_str(b, "; ");
			if (h) {
				if (imp_inline(w->im, h, b, w->sec, true))
					return -1;
				imp_buf_str(b, ": ");
				h = cmark_node_next(h);
			}
			if (imp_inline(w->im, c, b, w->sec, false))
				return -1;
		}
	}
	return 0;
}

static int list_text(struct walk *w, cmark_node *n, struct imp_buf *b,
		     int depth, bool in_item)
{
	bool ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
	int number = cmark_node_get_list_start(n);
	size_t from = b->len;

	for (cmark_node *it = cmark_node_first_child(n); it;
	     it = cmark_node_next(it), number++) {
		size_t at = b->len;

		if (in_item) {
			separate(b, from, "; ");
		} else {
			char mark[32];

			separate(b, from, "\n");
			if (ordered)
				snprintf(mark, sizeof(mark), "%d. ", number);
			else
				snprintf(mark, sizeof(mark), "- ");
			imp_buf_str(b, mark);
		}
		at = b->len;
		if (block_text(w, it, b, depth + 1, in_item))
			return -1;
		(void)at;
	}
	return 0;
}

static int item_text(struct walk *w, cmark_node *n, struct imp_buf *b,
		     int depth)
{
	size_t from = b->len;

	for (cmark_node *c = cmark_node_first_child(n); c;
	     c = cmark_node_next(c)) {
		if (cmark_node_get_type(c) == CMARK_NODE_LIST) {
			if (b->len > from) {
				if (b->p[b->len - 1] != ':')
					imp_buf_str(b, ":");
				imp_buf_str(b, " ");
			}
			imp_warn_node(w->im, c,
				      "a list inside a list item is joined to the item as 'item: sub; sub' (the format has no nested lists)");
			if (list_text(w, c, b, depth + 1, true))
				return -1;
		} else {
			separate(b, from, "\n");
			if (block_text(w, c, b, depth + 1, true))
				return -1;
		}
	}
	return 0;
}

static int block_text(struct walk *w, cmark_node *n, struct imp_buf *b,
		      int depth, bool in_item)
{
	struct imp *im = w->im;
	size_t from = b->len;
	const char *lit;
	char q[64];

	if (depth > LOADER_MAX_DEPTH)
		return flat_words(w, n, b);
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_PARAGRAPH:
	case CMARK_NODE_HEADING:
		return imp_inline(im, n, b, w->sec, false);
	case CMARK_NODE_ITEM:
		return item_text(w, n, b, depth);
	case CMARK_NODE_LIST:
		return list_text(w, n, b, depth, in_item);
	case CMARK_NODE_BLOCK_QUOTE:
		for (cmark_node *c = cmark_node_first_child(n); c;
		     c = cmark_node_next(c)) {
			separate(b, from, "\n");
			if (block_text(w, c, b, depth + 1, in_item))
				return -1;
		}
		return 0;
	case CMARK_NODE_CODE_BLOCK:
		lit = cmark_node_get_literal(n);
		imp_warn_node(im, n, "code block kept as plain text");
		imp_buf_str(b, lit ? lit : "");
		while (b->len && b->p[b->len - 1] == '\n')
			b->p[--b->len] = '\0';
		return 0;
	case CMARK_NODE_HTML_BLOCK:
		lit = cmark_node_get_literal(n);
		imp_warn_node(im, n, "HTML left out: '%s'",
			      imp_snippet(lit ? lit : "", q, sizeof(q)));
		return 0;
	case CMARK_NODE_THEMATIC_BREAK:
		imp_warn_node(im, n, "thematic break left out");
		return 0;
	default:
		if (imp_is(n, "table"))
			return table_lines(w, n, b);
		imp_warn_node(im, n, "'%s' block left out",
			      cmark_node_get_type_string(n));
		return 0;
	}
}

/* ---- blocks --------------------------------------------------------- */

static int do_list(struct walk *w, cmark_node *n)
{
	struct imp *im = w->im;
	bool ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
	struct imp_block *blk = NULL;
	size_t index = 0, flagged = 0;
	cmark_node *it;

	if (ordered && cmark_node_get_list_start(n) != 1)
		imp_warn_node(im, n,
			      "numbered list starts at %d; the article numbers it from 1",
			      cmark_node_get_list_start(n));
	for (it = cmark_node_first_child(n); it; it = cmark_node_next(it)) {
		bool nested = false;
		const char *t;

		for (cmark_node *c = cmark_node_first_child(it); c;
		     c = cmark_node_next(c))
			if (cmark_node_get_type(c) == CMARK_NODE_LIST)
				nested = true;
		imp_buf_reset(&w->tmp);
		if (need_section(w, n) || block_text(w, it, &w->tmp, 1, false))
			return -1;
		t = imp_text(im, it, &w->tmp, "a list item");
		if (!t)
			return -1;
		if (!*t) {
			imp_warn_node(im, it, "empty list item left out");
			continue;
		}
		if (!blk && !(blk = new_block(w, ordered ? IMP_NUMBERED : IMP_BULLETS, n)))
			return -1;
		if (imp_push(im, &blk->items, t))
			return -1;
		index++;
		/* "whether chemotherapy is used to:" then its sub-items as
		 * items of the same list: nothing says where they end. */
		if (!nested && t[strlen(t) - 1] == ':' && cmark_node_next(it)) {
			imp_warn_node(im, it,
				      "list item ends with ':' but has no list of its own: the items after it may be its own, flattened by the page; check the draft");
			if (!flagged)
				flagged = index;
		}
	}
	if (blk && flagged)
		blk->note = imp_printf(im,
				       "Item %zu ends with ':' and has no list of its own: the items after it may belong to it (the page flattened a nested list). Check where its list ends.",
				       flagged);
	return im->failed ? -1 : 0;
}

/* cells past the header's columns: cmark drops them, the author hears. */
static void extra_cells(struct walk *w, cmark_node *row, size_t ncols)
{
	struct imp *im = w->im;
	cmark_node *last = cmark_node_last_child(row);
	int line = cmark_node_get_start_line(row);
	size_t l = (size_t)line - 1 + im->body_line;
	int end = cmark_node_get_end_column(row), lend;
	const char *p, *e;

	if (!last || line <= 0 || l >= im->nlines || end <= 0)
		return;
	lend = cmark_node_get_end_column(last);
	if (lend <= 0 || lend >= end)
		return;
	p = im->src + im->line_off[l] + lend;
	e = im->src + im->line_off[l] + end;
	if (e > im->src + im->len)
		return;
	for (; p < e; p++)
		if (*p != '|' && *p != ' ' && *p != '\t') {
			imp_warn_node(im, row,
				      "table row has more cells than the header's %zu; the rest are left out",
				      ncols);
			return;
		}
}

static int do_table(struct walk *w, cmark_node *n)
{
	struct imp *im = w->im;
	cmark_node *head = cmark_node_first_child(n);
	struct imp_block *blk;
	size_t ncols = 0, empty = 0;

	if (!head)
		return 0;
	for (cmark_node *c = cmark_node_first_child(head); c;
	     c = cmark_node_next(c))
		ncols++;
	if (!ncols)
		return 0;
	blk = new_block(w, IMP_TABLE, n);
	if (!blk)
		return -1;
	blk->ncols = ncols;
	blk->caption = w->caption;
	w->caption = NULL;
	for (cmark_node *row = head; row; row = cmark_node_next(row)) {
		size_t k = 0;

		for (cmark_node *c = cmark_node_first_child(row); c && k < ncols;
		     c = cmark_node_next(c), k++) {
			const char *t = inline_text(w, c, "a table cell");

			if (!t)
				return -1;
			if (!*t) {
				t = "\xE2\x80\x94";     /* an em dash */
				empty++;
			}
			if (imp_push(im, &blk->items, t))
				return -1;
		}
		for (; k < ncols; k++, empty++)
			if (imp_push(im, &blk->items, "\xE2\x80\x94"))
				return -1;
		extra_cells(w, row, ncols);
	}
	if (empty)
		imp_warn_node(im, n,
			      "%zu empty table %s written as an em dash (the format has no empty text)",
			      empty, empty == 1 ? "cell" : "cells");
	return 0;
}

static int do_quote(struct walk *w, cmark_node *n)
{
	struct imp *im = w->im;
	cmark_node *last = cmark_node_last_child(n);
	const char *by = NULL, *t;
	struct imp_block *blk;

	/* A last paragraph "— Name" is the attribution. */
	if (last && last != cmark_node_first_child(n) && is_para(last)) {
		const char *p = peek(w, last, &w->tmp);

		if (!p)
			return -1;
		if (!strncmp(p, "\xE2\x80\x94", 3) || !strncmp(p, "\xE2\x80\x93", 3) ||
		    !strncmp(p, "--", 2)) {
			size_t skip = p[0] == '-' ? 2 : 3;

			imp_buf_reset(&w->tmp);
			if (imp_inline(im, last, &w->tmp, w->sec, false))
				return -1;
			by = imp_textn(im, last, w->tmp.p + skip,
				       w->tmp.len > skip ? w->tmp.len - skip : 0,
				       "a quote's attribution");
			if (!by)
				return -1;
			if (!*by)
				by = NULL;
		}
	}
	imp_buf_reset(&w->tmp);
	if (need_section(w, n))
		return -1;
	for (cmark_node *c = cmark_node_first_child(n); c; c = cmark_node_next(c)) {
		if (by && c == last)
			break;
		separate(&w->tmp, 0, "\n");
		if (block_text(w, c, &w->tmp, 2, false))
			return -1;
	}
	t = imp_text(im, n, &w->tmp, "a quote");
	if (!t)
		return -1;
	if (!*t) {
		imp_warn_node(im, n, "empty quote left out");
		return 0;
	}
	blk = new_block(w, IMP_QUOTE, n);
	if (!blk)
		return -1;
	blk->text = t;
	blk->by = by;
	return 0;
}

/* Left out: an image paragraph and what goes with it. */
static int do_image(struct walk *w, size_t i, bool open_card)
{
	struct imp *im = w->im;
	size_t j, g = 0;
	char q[64];

	/* The images themselves, each warned about. */
	imp_buf_reset(&w->tmp);
	if (imp_inline(im, w->nodes[i], &w->tmp, w->sec, false))
		return -1;
	if (open_card) {
		for (j = i + 1; j < w->n && j <= i + 3 && !w->used[j] &&
			     is_para(w->nodes[j]); j++) {
			const char *t = peek(w, w->nodes[j], &w->tmp);

			if (!t)
				return -1;
			if (!closes_card(t))
				continue;
			for (size_t k = i + 1; k <= j; k++) {
				t = peek(w, w->nodes[k], &w->tmp);
				if (!t)
					return -1;
				imp_warn_node(im, w->nodes[k],
					      "linked card left out: '%s'",
					      imp_snippet(t, q, sizeof(q)));
				w->used[k] = true;
			}
			return 0;
		}
	}
	for (j = i + 1; g < 2 && j < w->n && !w->used[j] && is_para(w->nodes[j]);
	     j++, g++) {
		bool card;
		const char *t;

		if (imp_is_image_para(w->nodes[j], &card) ||
		    furniture(w, w->nodes[j], &w->tmp))
			break;
		if (!(t = peek(w, w->nodes[j], &w->tmp)))
			return -1;
		if (strlen(t) > IMAGE_CAPTION_MAX)
			break;
	}
	if (im->failed)
		return -1;
	if (!g)
		return 0;
	/* A used paragraph here is a heading's words. */
	if (!(j >= w->n || w->used[j] || is_heading(w->nodes[j]) ||
	      cmark_node_get_type(w->nodes[j]) == CMARK_NODE_THEMATIC_BREAK ||
	      furniture(w, w->nodes[j], &w->tmp)))
		return im->failed ? -1 : 0;    /* text after all, not a caption */
	for (size_t k = i + 1; k < j; k++) {
		const char *t = peek(w, w->nodes[k], &w->tmp);

		if (!t)
			return -1;
		imp_warn_node(im, w->nodes[k], "image caption left out: '%s'",
			      imp_snippet(t, q, sizeof(q)));
		w->used[k] = true;
	}
	return 0;
}

static int do_paragraph(struct walk *w, size_t i)
{
	struct imp *im = w->im;
	cmark_node *n = w->nodes[i];
	const char *t, *kind;
	struct imp_block *blk;
	bool card;
	char q[64];

	if (imp_is_image_para(n, &card))
		return do_image(w, i, card);
	if ((kind = furniture(w, n, &w->tmp))) {
		imp_warn_node(im, n, "%s left out: '%s'", kind,
			      imp_snippet(w->tmp.p ? w->tmp.p : "", q, sizeof(q)));
		return 0;
	}
	if (im->failed)
		return -1;
	/* A table's caption: a short line just before it. */
	if (i + 1 < w->n && imp_is(w->nodes[i + 1], "table") && one_line(n)) {
		if (!(t = peek(w, n, &w->tmp)))
			return -1;
		size_t len = trimmed_len(t);

		if (len && len <= CAPTION_MAX && !strchr(".:;,!?", t[len - 1])) {
			if (need_section(w, n) ||
			    !(w->caption = inline_text(w, n, "a table caption")))
				return -1;
			return 0;
		}
	}
	if (need_section(w, n) || !(t = inline_text(w, n, "a paragraph")))
		return -1;
	if (!*t)
		return 0;
	blk = new_block(w, IMP_PARAGRAPH, n);
	if (!blk)
		return -1;
	blk->text = t;
	return 0;
}

static int do_heading(struct walk *w, size_t i)
{
	struct imp *im = w->im;
	cmark_node *n = w->nodes[i];
	cmark_node *src;
	const char *t;
	struct imp_block *blk;

	if (w->candidate[i])
		return 0;
	if (!w->htext[i]) {
		imp_warn_node(im, n, "empty heading left out");
		return 0;
	}
	src = w->nodes[w->hsrc[i]];
	if (cmark_node_get_heading_level(n) < w->section_level)
		imp_warn_node(im, n,
			      "a level-%d heading after the title: made a section like the level-%d ones",
			      cmark_node_get_heading_level(n), w->section_level);
	if (cmark_node_get_heading_level(n) <= w->section_level) {
		/* The section first, so the heading's links are its. */
		if (start_section(w, w->htext[i], n, NULL))
			return -1;
		return inline_text(w, src, "a heading") ? 0 : -1;
	}
	if (need_section(w, n) || !(t = inline_text(w, src, "a heading")))
		return -1;
	blk = new_block(w, IMP_SUBHEADING, n);
	if (!blk)
		return -1;
	blk->text = t;
	return 0;
}

/* ---- the title -------------------------------------------------------- */

static const char *const seps[] = {
	" - ", " | ", " \xE2\x80\x93 ", " \xE2\x80\x94 "
};

/* The length of s without " - SITE" when it ends so; else strlen(s). */
static size_t without_site(const char *s, const char *site)
{
	size_t n = strlen(s), m = site ? strlen(site) : 0;

	if (!m || n <= m)
		return n;
	if (strcmp(s + n - m, site))
		return n;
	for (size_t k = 0; k < sizeof(seps) / sizeof(seps[0]); k++) {
		size_t sl = strlen(seps[k]);

		if (n >= m + sl + 1 && !strncmp(s + n - m - sl, seps[k], sl))
			return n - m - sl;
	}
	return n;
}

/* s is t with a " - something" tail. */
static bool tail_of(const char *s, const char *t)
{
	size_t n = strlen(t);

	if (strncmp(s, t, n))
		return false;
	for (size_t k = 0; k < sizeof(seps) / sizeof(seps[0]); k++)
		if (!strncmp(s + n, seps[k], strlen(seps[k])))
			return true;
	return false;
}

static bool site_copy(struct walk *w, size_t i, const char *site)
{
	const char *t = w->htext[i];

	if (without_site(t, site) != strlen(t))
		return true;
	for (size_t j = 0; j < w->n && w->candidate[j]; j++)
		if (j != i && w->htext[j] && tail_of(t, w->htext[j]))
			return true;
	return false;
}

/* The file's base name, without its extension, as an id. */
static const char *file_id(struct imp *im)
{
	const char *base = strrchr(im->name, '/');
	char tmp[256], id[ID_MAX + 1];
	char *dot;

	snprintf(tmp, sizeof(tmp), "%s", base ? base + 1 : im->name);
	dot = strrchr(tmp, '.');
	if (dot && dot != tmp)
		*dot = '\0';
	slug(tmp, id, ID_MAX);
	if (id[0] >= 'a' && id[0] <= 'z')
		return imp_strdup(im, id);
	return NULL;
}

static int choose_title(struct walk *w)
{
	struct imp *im = w->im;
	const char *site = im->meta.publisher;
	size_t title = SIZE_MAX, ncand = 0, nh1 = 0, only = SIZE_MAX;
	char q[64], q2[64];

	/* The leading run of level-1 headings: a few at most (each is
	 * compared with the others). */
	for (size_t i = 0; i < w->n && i < MAX_CANDIDATES &&
		     is_heading(w->nodes[i]) &&
		     cmark_node_get_heading_level(w->nodes[i]) == 1; i++) {
		w->candidate[i] = true;
		ncand++;
	}
	for (size_t i = 0; i < w->n; i++)
		if (is_heading(w->nodes[i]) && w->htext[i] &&
		    cmark_node_get_heading_level(w->nodes[i]) == 1) {
			nh1++;
			only = i;
		}
	for (size_t i = 0; i < ncand; i++)
		if (w->htext[i] && !site_copy(w, i, site))
			title = i;
	if (title == SIZE_MAX)
		for (size_t i = 0; i < ncand; i++)
			if (w->htext[i])
				title = i;
	if (title == SIZE_MAX && !ncand && nh1 == 1) {
		bool deeper = true;

		for (size_t i = 0; i < only; i++)
			if (is_heading(w->nodes[i]) && w->htext[i])
				deeper = false;
		if (deeper) {
			title = only;
			w->candidate[only] = true;
		}
	}

	if (title != SIZE_MAX) {
		const char *t = w->htext[title];

		im->title = imp_textn(im, w->nodes[title], t,
				      without_site(t, site), "the title");
		if (!im->title)
			return -1;
		/* Its words again, with warnings about what they lose. */
		imp_buf_reset(&w->tmp);
		if (imp_inline(im, w->nodes[w->hsrc[title]], &w->tmp, NULL, false))
			return -1;
		for (size_t i = 0; i < ncand; i++)
			if (i != title && w->htext[i])
				imp_warn_node(im, w->nodes[i],
					      "level-1 heading '%s' left out: the title is '%s'",
					      imp_snippet(w->htext[i], q, sizeof(q)),
					      imp_snippet(im->title, q2, sizeof(q2)));
			else if (i != title)
				imp_warn_node(im, w->nodes[i], "empty heading left out");
		if (im->meta.title) {
			const char *m = im->meta.title;
			size_t ml = without_site(m, site);

			if (ml != strlen(im->title) || strncmp(m, im->title, ml))
				imp_warn(im, im->meta.title_line, 1,
					 "front matter title '%s' is not the page's heading; the heading is the title",
					 imp_snippet(m, q, sizeof(q)));
		}
	} else if (im->meta.title) {
		im->title = imp_textn_at(im, im->meta.title_line, 1, im->meta.title,
					 without_site(im->meta.title, site),
					 "the title");
		if (!im->title)
			return -1;
	}
	if (!im->title || !*im->title) {
		const char *id = file_id(im);

		im->title = id ? id : "Untitled";
		im->title_note = "The page has no title: this one is made from the file name. Review it.";
	}
	im->id = file_id(im);
	if (!im->id) {
		char id[ID_MAX + 1];

		slug(im->title, id, ID_MAX);
		im->id = imp_strdup(im, id[0] >= 'a' && id[0] <= 'z' ? id : "article");
	}
	return im->id ? 0 : -1;
}

/* ---- FAQ ------------------------------------------------------------- */

static bool faq_title(const char *t)
{
	static const char *const whole[] = {
		"faq", "faqs", "faq's", "q&a", "q & a", "questions and answers",
		"common questions"
	};
	char low[128];
	size_t n = 0;

	for (; *t && n + 1 < sizeof(low); t++)
		low[n++] = (*t >= 'A' && *t <= 'Z') ? (char)(*t - 'A' + 'a') : *t;
	low[n] = '\0';
	if (strstr(low, "frequently asked question"))
		return true;
	for (size_t i = 0; i < sizeof(whole) / sizeof(whole[0]); i++)
		if (!strcmp(low, whole[i]))
			return true;
	return false;
}

/* A block's words as part of an answer. */
static void answer_add(struct imp_buf *b, const struct imp_block *blk)
{
	if (b->len)
		imp_buf_str(b, "\n");
	switch (blk->kind) {
	case IMP_BULLETS:
	case IMP_NUMBERED:
		for (size_t i = 0; i < blk->items.n; i++) {
			char mark[32];

			if (i)
				imp_buf_str(b, "\n");
			snprintf(mark, sizeof(mark), "%zu. ", i + 1);
			imp_buf_str(b, blk->kind == IMP_BULLETS ? "- " : mark);
			imp_buf_str(b, blk->items.p[i]);
		}
		break;
	case IMP_TABLE:
		for (size_t r = 1; r * blk->ncols < blk->items.n; r++) {
			if (r > 1)
				imp_buf_str(b, "\n");
			for (size_t c = 0; c < blk->ncols; c++) {
				if (c)
					imp_buf_str(b, "; ");
				imp_buf_str(b, blk->items.p[c]);
				imp_buf_str(b, ": ");
				imp_buf_str(b, blk->items.p[r * blk->ncols + c]);
			}
		}
		break;
	default:
		imp_buf_str(b, blk->text ? blk->text : "");
		break;
	}
}

static int make_faq(struct walk *w, struct imp_section *s)
{
	struct imp *im = w->im;
	struct imp_vec keep = { NULL, 0, 0 };
	struct imp_block *faq;
	size_t nq = 0, first = SIZE_MAX;

	if (!faq_title(s->title))
		return 0;
	for (size_t i = 0; i < s->blocks.n; i++) {
		const struct imp_block *b = s->blocks.p[i];

		if (b->kind != IMP_SUBHEADING)
			continue;
		if (b->text[strlen(b->text) - 1] != '?' ||
		    i + 1 >= s->blocks.n ||
		    ((const struct imp_block *)s->blocks.p[i + 1])->kind == IMP_SUBHEADING)
			return 0;
		if (first == SIZE_MAX)
			first = i;
		nq++;
	}
	if (!nq)
		return 0;
	faq = arena_alloc(im->arena, sizeof(*faq));
	if (!faq)
		return imp_nomem(im);
	memset(faq, 0, sizeof(*faq));
	faq->kind = IMP_FAQ;
	faq->line = ((const struct imp_block *)s->blocks.p[first])->line;
	for (size_t i = 0; i < first; i++)
		if (imp_push(im, &keep, s->blocks.p[i]))
			return -1;
	if (imp_push(im, &keep, faq))
		return -1;
	/* Every answer first: a question whose answer has no words (a table
	 * with a header and no rows) cannot be an item, so then the section
	 * stays as the page has it, and nothing is said about answers. */
	for (size_t i = first; i < s->blocks.n;) {
		const struct imp_block *q = s->blocks.p[i++];
		const char *a;

		imp_buf_reset(&w->tmp);
		for (; i < s->blocks.n &&
		       ((const struct imp_block *)s->blocks.p[i])->kind != IMP_SUBHEADING; i++)
			answer_add(&w->tmp, s->blocks.p[i]);
		a = imp_text(im, NULL, &w->tmp, "an answer");
		if (!a)
			return -1;
		if (!*a) {
			char t[64];

			imp_warn(im, q->line, 1,
				 "question '%s' has no answer in words; the section is not made a list of questions",
				 imp_snippet(q->text, t, sizeof(t)));
			return 0;
		}
		if (imp_push(im, &faq->items, q->text) || imp_push(im, &faq->items, a))
			return -1;
	}
	for (size_t i = first; i < s->blocks.n; i++) {
		const struct imp_block *b = s->blocks.p[i];

		if (b->kind != IMP_SUBHEADING && b->kind != IMP_PARAGRAPH &&
		    b->kind != IMP_QUOTE)
			imp_warn(im, b->line, 1,
				 "a list or table in an answer is written as lines of text");
	}
	s->blocks = keep;
	return 0;
}

/* ---- the page ---------------------------------------------------------- */

static int finish(struct walk *w)
{
	struct imp *im = w->im;
	struct imp_vec keep = { NULL, 0, 0 };

	for (size_t i = 0; i < im->sections.n; i++) {
		struct imp_section *s = im->sections.p[i];

		if (make_faq(w, s))
			return -1;
		if (s->refs.n) {
			struct imp_block *b = arena_alloc(im->arena, sizeof(*b));

			if (!b)
				return imp_nomem(im);
			memset(b, 0, sizeof(*b));
			b->kind = IMP_REFS;
			b->items = s->refs;
			if (imp_push(im, &s->blocks, b))
				return -1;
		}
		if (!s->blocks.n) {
			char q[64];

			imp_warn(im, s->line, 1,
				 "section '%s' has nothing in it; left out",
				 imp_snippet(s->title, q, sizeof(q)));
			continue;
		}
		if (imp_push(im, &keep, s))
			return -1;
	}
	im->sections = keep;
	if (!keep.n)
		return imp_fail(im, HERR_EMPTY, 0, 0,
				"the page has no text to import");
	return 0;
}

/* Headings' texts, with the empty-heading repair. */
static int headings(struct walk *w)
{
	struct imp *im = w->im;
	bool title_h1 = false;
	int min = 7;

	for (size_t i = 0; i < w->n; i++) {
		cmark_node *n = w->nodes[i];
		const char *t;

		if (!is_heading(n) || w->used[i])
			continue;
		w->hsrc[i] = i;
		if (!(t = peek(w, n, &w->tmp)))
			return -1;
		if (!trimmed_len(t) && i + 1 < w->n && is_para(w->nodes[i + 1]) &&
		    one_line(w->nodes[i + 1])) {
			bool card;

			if (!(t = peek(w, w->nodes[i + 1], &w->tmp)))
				return -1;
			if (trimmed_len(t) <= CAPTION_MAX &&
			    !imp_is_image_para(w->nodes[i + 1], &card)) {
				w->hsrc[i] = i + 1;
				w->used[i + 1] = true;
			}
		}
		if (!peek(w, w->nodes[w->hsrc[i]], &w->tmp))
			return -1;
		t = imp_text(im, w->nodes[w->hsrc[i]], &w->tmp, "a heading");
		if (!t)
			return -1;
		w->htext[i] = *t ? t : NULL;
	}
	if (choose_title(w))
		return -1;
	/* When the title is a level-1 heading, a later one is a slip of the
	 * page: a section, but not a reason to make every level-2 heading a
	 * subheading. */
	for (size_t i = 0; i < w->n; i++)
		if (w->candidate[i])
			title_h1 = true;
	for (size_t i = 0; i < w->n; i++)
		if (is_heading(w->nodes[i]) && w->htext[i] && !w->candidate[i]) {
			int level = cmark_node_get_heading_level(w->nodes[i]);

			if (level < min && !(title_h1 && level == 1))
				min = level;
			w->has_sections = true;
		}
	w->section_level = min < 7 ? min : 2;
	return 0;
}

int imp_walk(struct imp *im, cmark_node *doc)
{
	struct walk w;
	size_t n = 0;
	int r = -1;

	memset(&w, 0, sizeof(w));
	w.im = im;
	for (cmark_node *c = cmark_node_first_child(doc); c; c = cmark_node_next(c))
		n++;
	w.n = n;
	w.nodes = calloc(n + 1, sizeof(*w.nodes));
	w.used = calloc(n + 1, sizeof(*w.used));
	w.htext = calloc(n + 1, sizeof(*w.htext));
	w.hsrc = calloc(n + 1, sizeof(*w.hsrc));
	w.candidate = calloc(n + 1, sizeof(*w.candidate));
	if (!w.nodes || !w.used || !w.htext || !w.hsrc || !w.candidate) {
		imp_nomem(im);
		goto out;
	}
	n = 0;
	for (cmark_node *c = cmark_node_first_child(doc); c; c = cmark_node_next(c))
		w.nodes[n++] = c;
	if (headings(&w))
		goto out;
	for (size_t i = 0; i < w.n; i++) {
		cmark_node *c = w.nodes[i];
		int st = 0;

		if (w.used[i])
			continue;
		switch (cmark_node_get_type(c)) {
		case CMARK_NODE_HEADING:
			st = do_heading(&w, i);
			break;
		case CMARK_NODE_PARAGRAPH:
			st = do_paragraph(&w, i);
			break;
		case CMARK_NODE_LIST:
			st = do_list(&w, c);
			break;
		case CMARK_NODE_BLOCK_QUOTE:
			st = do_quote(&w, c);
			break;
		case CMARK_NODE_CODE_BLOCK: {
			struct imp_block *b;
			const char *t;

			imp_buf_reset(&w.tmp);
			if (need_section(&w, c) || block_text(&w, c, &w.tmp, 1, false) ||
			    !(t = imp_text(im, c, &w.tmp, "a code block"))) {
				st = -1;
				break;
			}
			if (*t) {
				if (!(b = new_block(&w, IMP_PARAGRAPH, c)))
					st = -1;
				else
					b->text = t;
			}
			break;
		}
		default:
			if (imp_is(c, "table")) {
				st = do_table(&w, c);
			} else {
				imp_buf_reset(&w.tmp);
				st = block_text(&w, c, &w.tmp, 1, false);
			}
			break;
		}
		if (st || im->failed)
			goto out;
	}
	r = finish(&w);
out:
	free(w.nodes);
	free(w.used);
	free(w.htext);
	free(w.hsrc);
	free(w.candidate);
	idmap_free(&w.ids);
	imp_buf_free(&w.buf);
	imp_buf_free(&w.tmp);
	return r;
}
