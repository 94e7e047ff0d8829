/* plain.c - the article as linear text for pipes, printers, speech and
 * braille: structure is spoken in words ("Section 2 of 12", "Row 1 of 3"),
 * never drawn with symbols. */
#include "plain.h"
#include "utf8.h"
#include "wrap.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct out {
	FILE *f;
	const struct plain_opts *po;
	int err;                /* errno of the first failure, 0 if none */
	bool any;               /* a part was written: the next needs a gap */
	char *buf;              /* the paragraph being built, clean text */
	size_t len, cap;
};

static void out_init(struct out *o, FILE *f, const struct plain_opts *po)
{
	memset(o, 0, sizeof *o);
	o->f = f;
	o->po = po;
}

static int out_done(struct out *o)
{
	free(o->buf);
	if (o->err) {
		errno = o->err;
		return -1;
	}
	return 0;
}

static void put(struct out *o, const char *s, size_t n)
{
	if (o->err || n == 0)
		return;
	if (fwrite(s, 1, n, o->f) != n)
		o->err = errno ? errno : EIO;
}

static void reserve(struct out *o, size_t n)
{
	if (o->err || o->cap - o->len >= n)
		return;
	size_t cap = o->cap ? o->cap : 256;
	while (cap - o->len < n) {
		if (cap > SIZE_MAX / 2) {
			o->err = ENOMEM;
			return;
		}
		cap *= 2;
	}
	char *p = realloc(o->buf, cap);
	if (!p) {
		o->err = ENOMEM;
		return;
	}
	o->buf = p;
	o->cap = cap;
}

static void add_bytes(struct out *o, const char *s, size_t n)
{
	reserve(o, n);
	if (o->err)
		return;
	memcpy(o->buf + o->len, s, n);
	o->len += n;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

/* Append the bytes s..end made safe to print: tabs become spaces, other
 * controls are dropped, invalid bytes become U+FFFD, and with ascii every
 * character is transliterated here, before anything is measured. */
static void add_clean(struct out *o, const char *s, const char *end)
{
	reserve(o, (size_t)(end - s) + 1);
	while (s < end && !o->err) {
		unsigned char c = (unsigned char)*s;
		if (c >= 0x20 && c < 0x7f) {
			/* Runs of ASCII are the common case: copy them whole. */
			const char *r = s;
			while (r < end && (unsigned char)*r >= 0x20 &&
			       (unsigned char)*r < 0x7f)
				r++;
			add_bytes(o, s, (size_t)(r - s));
			s = r;
			continue;
		}
		uint32_t cp;
		size_t n = utf8_decode(s, (size_t)(end - s), &cp);
		if (cp == '\t') {
			add_bytes(o, " ", 1);
		} else if (cp == '\n') {
			add_bytes(o, "\n", 1);
		} else if (utf8_unsafe(cp)) {
			/* dropped: the loader refuses them, this is the
			 * second line of defence */
		} else if (o->po->ascii) {
			char tb[2];
			const char *t = utf8_translit(cp, tb);
			add_bytes(o, t, strlen(t));
		} else if (cp == UTF8_REPLACEMENT) {
			add_bytes(o, "\xef\xbf\xbd", 3);
		} else {
			add_bytes(o, s, n);
		}
		s += n;
	}
}

/* Append document text without the blank lines and spaces around it. */
static void add(struct out *o, const char *s)
{
	const char *end = s + strlen(s);

	while (s < end && is_blank(*s))
		s++;
	while (end > s && is_blank(end[-1]))
		end--;
	add_clean(o, s, end);
}

/* Append text to end a sentence: a period unless it ends one already. */
static void add_sentence(struct out *o, const char *s)
{
	add(o, s);
	size_t i = o->len;
	/* Look through closing quotes and brackets: 'said "yes."' is done. */
	while (i > 0) {
		unsigned char c = (unsigned char)o->buf[i - 1];
		if (c == '"' || c == '\'' || c == ')' || c == ']') {
			i--;
		} else if (i >= 3 && c >= 0x80 &&
			   (memcmp(o->buf + i - 3, "\xe2\x80\x9d", 3) == 0 ||
			    memcmp(o->buf + i - 3, "\xe2\x80\x99", 3) == 0)) {
			i -= 3;
		} else {
			break;
		}
	}
	if (i > 0 && strchr(".!?", o->buf[i - 1]))
		return;
	if (i >= 3 && memcmp(o->buf + i - 3, "\xe2\x80\xa6", 3) == 0)
		return;
	add_bytes(o, ".", 1);
}

/* Append our own words (ASCII, short). */
__attribute__((format(printf, 2, 3)))
static void addf(struct out *o, const char *fmt, ...)
{
	char tmp[128];
	va_list ap;

	va_start(ap, fmt);
	int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	if (n > 0)
		add_bytes(o, tmp, (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
}

static void emit_line(void *ctx, const char *s, size_t len, int cols)
{
	struct out *o = ctx;

	(void)cols;
	/* No line starts with a blank, not even one the text itself began
	 * with: on a braille display blank cells are noise, and a screen
	 * reader has nothing to say about them. */
	while (len > 0 && *s == ' ') {
		s++;
		len--;
	}
	put(o, s, len);
	put(o, "\n", 1);
}

/* Write the buffer as one paragraph and empty it.  There are no hanging
 * indents: what a prefix starts ("1. ", "Answer: ") wraps with the text,
 * and every line starts at column 0. */
static void flush_para(struct out *o)
{
	if (o->err)
		return;
	wrap_textn(o->buf, o->len, o->po->width > 0 ? o->po->width : 0,
		   emit_line, o);
	o->len = 0;
}

/* One blank line between parts, none before the first; none at all in
 * compact text. */
static void gap(struct out *o)
{
	if (o->any && !o->po->compact)
		put(o, "\n", 1);
	o->any = true;
}

static void para(struct out *o, const char *text)
{
	add(o, text);
	flush_para(o);
}

/* A list item: "PREFIX text". */
static void item(struct out *o, const char *prefix, const char *text)
{
	add_bytes(o, prefix, strlen(prefix));
	add(o, text);
	flush_para(o);
}

/* A numbered item of a list the reader moves in: "N. TEXT", or with a
 * state "N. STATE: TEXT".  The state comes first so that it stays on the
 * item's first line however narrow the braille display, and a list says
 * a state only where there is one (checked, expanded): the rest is
 * silence, not "not checked" six times over. */
static void state_item(struct out *o, size_t n, const char *state,
		       const char *text)
{
	addf(o, "%zu. ", n);
	if (state)
		addf(o, "%s: ", state);
	add(o, text);
	flush_para(o);
}

/* The part of a link a listener needs: its host, without "www." -
 * "cancer.gov" for https://www.cancer.gov/types/metastatic-cancer.  *len
 * bytes at the pointer returned, a part of url; the whole of url when no
 * host can be found in it. */
const char *plain_link_host(const char *url, size_t *len)
{
	const char *h = strstr(url, "://"), *end;

	h = h ? h + 3 : url;
	end = h + strcspn(h, "/?#");
	/* user:password@ comes before the host, :port after it */
	for (const char *at = h; at < end; at++)
		if (*at == '@')
			h = at + 1;
	for (const char *c = h; c < end; c++)
		if (*c == ':') {
			end = c;
			break;
		}
	if ((size_t)(end - h) > 4 && strncasecmp(h, "www.", 4) == 0)
		h += 4;
	if (end == h) {
		*len = strlen(url);
		return url;
	}
	*len = (size_t)(end - h);
	return h;
}

/* A link: the whole address, or with po->short_links only its host (the
 * line mode says the whole one when asked). */
static void add_link(struct out *o, const char *url)
{
	size_t n;
	const char *h;

	if (!o->po->short_links) {
		add(o, url);
		return;
	}
	h = plain_link_host(url, &n);
	add_clean(o, h, h + n);
}

static const char *plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/* "26 November 2025" reads aloud well in English, unlike 2025-11-26; the
 * month names are English, not the locale's, like the article. */
const char *plain_date(const char *ymd, char *buf, size_t size)
{
	static const char *const month[] = {
		"January", "February", "March", "April", "May", "June", "July",
		"August", "September", "October", "November", "December"
	};
	unsigned y, m, d;
	char tail;

	if (sscanf(ymd, "%4u-%2u-%2u%c", &y, &m, &d, &tail) == 3 &&
	    strlen(ymd) == 10 && m >= 1 && m <= 12 && d >= 1 && d <= 31)
		snprintf(buf, size, "%u %s %u", d, month[m - 1], y);
	else
		snprintf(buf, size, "%s", ymd);
	return buf;
}

static void by_part(struct byline *by, enum byline_kind kind,
		    const char *label, const char *text)
{
	if (text)
		by->part[by->n++] = (struct byline_part){ kind, label, text };
}

void plain_byline(const struct document *doc, struct byline *by)
{
	by->n = 0;
	by_part(by, BYLINE_AUTHOR, "By ", doc->author);
	if (doc->updated)
		by_part(by, BYLINE_UPDATED, "Last updated ",
			plain_date(doc->updated, by->dates[0], sizeof by->dates[0]));
	if (doc->reviewed)
		by_part(by, BYLINE_REVIEWED, "Reviewed ",
			plain_date(doc->reviewed, by->dates[1], sizeof by->dates[1]));
	by_part(by, BYLINE_SOURCE, "Source: ", doc->publisher);
	if (doc->publisher)
		by_part(by, BYLINE_URL, "", doc->source_url);
	/* The credit a reuser needs comes right after whose text it is. */
	by_part(by, BYLINE_LICENCE, "Licence: ", doc->license);
}

static void do_header(struct out *o, const struct document *doc)
{
	struct byline by;

	gap(o);
	para(o, doc->title);
	if (doc->summary && !o->po->lead_in_section) {
		gap(o);
		para(o, doc->summary);
	}
	plain_byline(doc, &by);
	if (by.n) {
		gap(o);
		/* One paragraph of sentences; the link in brackets after the
		 * source it belongs to. */
		for (size_t i = 0; i < by.n; i++) {
			const struct byline_part *p = &by.part[i];
			bool url_next = i + 1 < by.n && by.part[i + 1].kind == BYLINE_URL;

			if (p->kind == BYLINE_URL)
				continue;
			addf(o, "%s%s", i ? " " : "", p->label);
			if (url_next) {
				add(o, p->text);
				addf(o, " (");
				add_link(o, by.part[i + 1].text);
				addf(o, ").");
			} else {
				add_sentence(o, p->text);
			}
		}
		flush_para(o);
	}
	gap(o);
	addf(o, "Important: ");
	add(o, doc->disclaimer);
	flush_para(o);
}

static void do_contents(struct out *o, const struct document *doc)
{
	gap(o);
	addf(o, "Contents (%zu %s)", doc->nsections,
	     plural(doc->nsections, "section", "sections"));
	flush_para(o);
	for (size_t i = 0; i < doc->nsections; i++) {
		char num[32];
		snprintf(num, sizeof num, "%zu. ", i + 1);
		item(o, num, doc->sections[i].title);
	}
}

/* A question in a list: "N. QUESTION" (N counts every question of the
 * article); with state, an open one in the line mode says so. */
static void do_faq_question(struct out *o, const struct faq_item *q,
			    bool state)
{
	bool open = o->po->faq_open && o->po->faq_open[q->number];

	state_item(o, q->number + 1, state && open ? "Expanded" : NULL,
		   q->question);
}

static void do_faq_answer(struct out *o, const struct faq_item *q)
{
	addf(o, "Answer: ");
	add(o, q->answer);
	flush_para(o);
}

static void do_table(struct out *o, const struct table *t)
{
	gap(o);
	if (t->caption) {
		addf(o, "Table: ");
		add(o, t->caption);
		addf(o, " (%zu %s).", t->nrows, plural(t->nrows, "row", "rows"));
	} else {
		addf(o, "Table with %zu %s.", t->nrows,
		     plural(t->nrows, "row", "rows"));
	}
	/* Say the columns once, so the rows that follow are expected. */
	addf(o, " Columns: ");
	for (size_t c = 0; c < t->ncols; c++) {
		if (c)
			addf(o, ", ");
		add(o, t->columns[c]);
	}
	addf(o, ".");
	flush_para(o);
	for (size_t r = 0; r < t->nrows; r++) {
		gap(o);
		addf(o, "Row %zu of %zu.", r + 1, t->nrows);
		for (size_t c = 0; c < t->ncols; c++) {
			addf(o, " ");
			add(o, t->columns[c]);
			if (o->len == 0 || o->buf[o->len - 1] != ':')
				add_bytes(o, ":", 1);
			add_bytes(o, " ", 1);
			add_sentence(o, t->cells[r * t->ncols + c]);
		}
		flush_para(o);
	}
}

static void do_block(struct out *o, const struct document *doc,
		     const struct block *b)
{
	char num[32];

	switch (b->kind) {
	case BLOCK_PARAGRAPH:
	case BLOCK_SUBHEADING:
		gap(o);
		para(o, b->u.text);
		break;
	case BLOCK_BULLETS:
		gap(o);
		for (size_t i = 0; i < b->u.list.n; i++)
			item(o, "- ", b->u.list.items[i]);
		break;
	case BLOCK_NUMBERED:
		gap(o);
		for (size_t i = 0; i < b->u.list.n; i++) {
			snprintf(num, sizeof num, "%zu. ", i + 1);
			item(o, num, b->u.list.items[i]);
		}
		break;
	case BLOCK_TABLE:
		do_table(o, &b->u.table);
		break;
	case BLOCK_QUOTE:
		gap(o);
		addf(o, "Quote: \"");
		add(o, b->u.quote.text);
		addf(o, "\"");
		if (b->u.quote.by) {
			addf(o, " - ");
			add(o, b->u.quote.by);
		}
		flush_para(o);
		break;
	case BLOCK_FAQ:
		/* The count once, then numbered questions; in the line mode an
		 * answer follows only an expanded question, which it marks. */
		gap(o);
		addf(o, "%zu %s.", b->u.faq.n,
		     plural(b->u.faq.n, "question", "questions"));
		flush_para(o);
		for (size_t i = 0; i < b->u.faq.n; i++) {
			const struct faq_item *q = &b->u.faq.items[i];
			gap(o);
			do_faq_question(o, q, false);
			if (!o->po->faq_open || o->po->faq_open[q->number])
				do_faq_answer(o, q);
		}
		break;
	case BLOCK_REFERENCES:
		gap(o);
		for (size_t i = 0; i < b->u.refs.n; i++) {
			const struct reference *r = &b->u.refs.items[i];
			snprintf(num, sizeof num, "%zu. ", i + 1);
			item(o, num, r->text);
			if (r->url) {
				addf(o, "Link: ");
				add_link(o, r->url);
				flush_para(o);
			}
		}
		break;
	}
}

static void do_section(struct out *o, const struct document *doc, size_t i)
{
	const struct section *s = &doc->sections[i];

	gap(o);
	addf(o, "Section %zu of %zu: ", i + 1, doc->nsections);
	add(o, s->title);
	flush_para(o);
	if (i == 0 && doc->summary && o->po->lead_in_section) {
		gap(o);
		para(o, doc->summary);
	}
	for (size_t b = 0; b < s->nblocks && !o->err; b++)
		do_block(o, doc, &s->blocks[b]);
	/* The end of the article: where to read on. */
	if (i + 1 == doc->nsections && o->po->nsee_also) {
		gap(o);
		addf(o, "See also:");
		flush_para(o);
		for (size_t k = 0; k < o->po->nsee_also && !o->err; k++)
			item(o, "- ", o->po->see_also[k]);
	}
}

static void do_check_item(struct out *o, const struct document *doc, size_t i,
			  bool checked)
{
	const struct check_item *c = &doc->checks[i];

	item(o, checked ? "[x] " : "[ ] ", c->label);
	if (c->detail)
		para(o, c->detail);
}

static void do_checklist(struct out *o, const struct document *doc,
			 const bool *checked)
{
	if (doc->nchecks == 0)
		return;
	gap(o);
	addf(o, "Warning-sign checklist (%zu %s)", doc->nchecks,
	     plural(doc->nchecks, "item", "items"));
	flush_para(o);
	for (size_t i = 0; i < doc->nchecks && !o->err; i++) {
		gap(o);
		do_check_item(o, doc, i, checked && checked[i]);
	}
	if (doc->advice) {
		gap(o);
		addf(o, "Advice: ");
		add(o, doc->advice);
		flush_para(o);
	}
}

static void do_gloss_entry(struct out *o, const struct document *doc, size_t i)
{
	add(o, doc->glossary[i].term);
	add_bytes(o, ": ", 2);
	add(o, doc->glossary[i].definition);
	flush_para(o);
}

static void do_glossary(struct out *o, const struct document *doc)
{
	if (doc->nglossary == 0)
		return;
	gap(o);
	addf(o, "Glossary (%zu %s)", doc->nglossary,
	     plural(doc->nglossary, "term", "terms"));
	flush_para(o);
	/* A blank line between entries: with no hanging indent, it is what
	 * shows where a term starts. */
	for (size_t i = 0; i < doc->nglossary && !o->err; i++) {
		gap(o);
		do_gloss_entry(o, doc, i);
	}
}

int plain_write(FILE *out, const struct document *doc,
		const struct plain_opts *po)
{
	struct out o;

	out_init(&o, out, po);
	do_header(&o, doc);
	do_contents(&o, doc);
	for (size_t i = 0; i < doc->nsections && !o.err; i++)
		do_section(&o, doc, i);
	do_checklist(&o, doc, NULL);
	do_glossary(&o, doc);
	return out_done(&o);
}

int plain_header(FILE *out, const struct document *doc,
		 const struct plain_opts *po)
{
	struct out o;

	out_init(&o, out, po);
	do_header(&o, doc);
	return out_done(&o);
}

int plain_section(FILE *out, const struct document *doc, size_t i,
		  const struct plain_opts *po)
{
	struct out o;

	out_init(&o, out, po);
	do_section(&o, doc, i);
	return out_done(&o);
}

int plain_faq_question(FILE *out, const struct document *doc, size_t n,
		       const struct plain_opts *po)
{
	struct out o;

	out_init(&o, out, po);
	do_faq_question(&o, doc->faq[n], true);
	return out_done(&o);
}

int plain_faq_answer(FILE *out, const struct document *doc, size_t n,
		     const struct plain_opts *po)
{
	struct out o;

	out_init(&o, out, po);
	addf(&o, "Question %zu: ", doc->faq[n]->number + 1);
	add(&o, doc->faq[n]->question);
	flush_para(&o);
	do_faq_answer(&o, doc->faq[n]);
	return out_done(&o);
}

int plain_check_item(FILE *out, const struct document *doc, size_t i,
		     bool checked, const struct plain_opts *po)
{
	struct out o;

	out_init(&o, out, po);
	do_check_item(&o, doc, i, checked);
	return out_done(&o);
}

int plain_checklist(FILE *out, const struct document *doc,
		    const bool *checked, const struct plain_opts *po)
{
	struct out o;

	out_init(&o, out, po);
	do_checklist(&o, doc, checked);
	return out_done(&o);
}

int plain_gloss_entry(FILE *out, const struct document *doc, size_t i,
		      const struct plain_opts *po)
{
	struct out o;

	out_init(&o, out, po);
	do_gloss_entry(&o, doc, i);
	return out_done(&o);
}

int plain_text(FILE *out, const char *prefix, const char *text,
	       const struct plain_opts *po)
{
	struct out o;

	out_init(&o, out, po);
	add_clean(&o, prefix, prefix + strlen(prefix));
	add(&o, text);
	flush_para(&o);
	return out_done(&o);
}

int plain_item(FILE *out, size_t n, const char *state, const char *text,
	       const struct plain_opts *po)
{
	struct out o;

	out_init(&o, out, po);
	state_item(&o, n, state, text);
	return out_done(&o);
}

int plain_link(FILE *out, const char *prefix, const char *url,
	       const struct plain_opts *po)
{
	struct out o;

	out_init(&o, out, po);
	add_clean(&o, prefix, prefix + strlen(prefix));
	add_link(&o, url);
	flush_para(&o);
	return out_done(&o);
}

int plain_library_entry(FILE *out, const char *prefix,
			const struct doc_header *h, const struct plain_opts *po)
{
	char date[PLAIN_DATE_MAX];
	const char *when = h->reviewed ? h->reviewed : h->updated;
	struct out o;

	out_init(&o, out, po);
	add_clean(&o, prefix, prefix + strlen(prefix));
	add_sentence(&o, h->title);
	if (h->publisher || when) {
		addf(&o, " ");
		if (h->publisher)
			add(&o, h->publisher);
		if (h->publisher && when)
			addf(&o, ", ");
		if (when)
			add(&o, plain_date(when, date, sizeof date));
		addf(&o, ".");
	}
	if (h->summary) {
		addf(&o, " ");
		add_sentence(&o, h->summary);
	}
	flush_para(&o);
	return out_done(&o);
}

int plain_library(FILE *out, struct library *lib, const struct plain_opts *po)
{
	size_t n = library_count(lib);
	int r = 0;
	struct out o;

	out_init(&o, out, po);
	addf(&o, "Library: %zu article%s.", n, n == 1 ? "" : "s");
	flush_para(&o);
	r = out_done(&o);
	for (size_t i = 0; i < n && r == 0; i++) {
		const struct doc_header *h = library_header(lib, i);
		char num[32];

		snprintf(num, sizeof num, "%zu. ", i + 1);
		if (fputc('\n', out) == EOF)
			return -1;
		if (h) {
			r = plain_library_entry(out, num, h, po);
		} else {
			const char *p = library_path(lib, i), *slash = strrchr(p, '/');
			char line[PATH_MAX + 64];
			snprintf(line, sizeof line, "%s cannot be opened.",
				 slash ? slash + 1 : p);
			r = plain_text(out, num, line, po);
		}
	}
	return r;
}
