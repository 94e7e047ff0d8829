/* import_base.c - what every stage of the importer stands on: growing
 * strings and arrays, copies into the import's arena, places in the file,
 * warnings and failures, and text checked as the loader checks it
 * (import_base.h).  It calls none of the stages, so they all sit above it.
 */
#include "import_base.h"
#include "loader.h"
#include "loader_limits.h"
#include "validate.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- growing strings and arrays -------------------------------------- */

/* Past this a text is refused anyway: stop copying there. */
#define BUF_LIMIT (LOADER_MAX_STRING + 8u)

void imp_buf_add(struct imp_buf *b, const char *s, size_t n)
{
	if (b->full || b->oom)
		return;
	if (n > BUF_LIMIT - b->len) {
		b->full = true;
		return;
	}
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 128;
		char *p;

		while (cap < b->len + n + 1)
			cap *= 2;
		p = realloc(b->p, cap);
		if (!p) {
			b->oom = true;
			return;
		}
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

void imp_buf_str(struct imp_buf *b, const char *s)
{
	imp_buf_add(b, s, strlen(s));
}

void imp_buf_reset(struct imp_buf *b)
{
	b->len = 0;
	b->full = false;
	b->oom = false;
	if (b->p)
		b->p[0] = '\0';
}

void imp_buf_free(struct imp_buf *b)
{
	free(b->p);
	memset(b, 0, sizeof(*b));
}

int imp_push(struct imp *im, struct imp_vec *v, const void *p)
{
	if (v->n >= LOADER_MAX_ITEMS)
		return imp_fail(im, HERR_TOOMANY, 0, 0,
				"more than %u items in one list; the article format's limit",
				(unsigned)LOADER_MAX_ITEMS);
	if (v->n == v->cap) {
		size_t cap = v->cap ? v->cap * 2 : 8;
		void **np = arena_array(im->arena, cap, sizeof(void *));

		if (!np)
			return imp_nomem(im);
		if (v->n)
			memcpy(np, v->p, v->n * sizeof(void *));
		v->p = np;
		v->cap = cap;
	}
	v->p[v->n++] = (void *)(uintptr_t)p;
	return 0;
}

char *imp_strdup(struct imp *im, const char *s)
{
	char *r = arena_strndup(im->arena, s, strlen(s));

	if (!r)
		imp_nomem(im);
	return r;
}

char *imp_printf(struct imp *im, const char *fmt, ...)
{
	char tmp[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	return imp_strdup(im, tmp);
}

/* ---- places ------------------------------------------------------------ */

int imp_index_lines(struct imp *im)
{
	size_t n = 1, i, k = 0;

	for (i = 0; i < im->len; i++)
		if (im->src[i] == '\n' ||
		    (im->src[i] == '\r' && (i + 1 >= im->len || im->src[i + 1] != '\n')))
			n++;
	im->line_off = malloc(n * sizeof(size_t));
	if (!im->line_off)
		return imp_nomem(im);
	im->line_off[k++] = 0;
	for (i = 0; i < im->len; i++)
		if (im->src[i] == '\n' ||
		    (im->src[i] == '\r' && (i + 1 >= im->len || im->src[i + 1] != '\n')))
			im->line_off[k++] = i + 1;
	im->nlines = k;
	return 0;
}

/* The column (characters, from 1) of byte off on line l (0-based). */
static unsigned char_column(struct imp *im, size_t l, size_t off)
{
	size_t start = im->line_off[l], from = start;
	unsigned col = 1;

	/* Like the loader (and libyaml), a byte-order mark is not a column. */
	if (start == 0 && im->len >= 3 && !memcmp(im->src, "\xEF\xBB\xBF", 3) &&
	    off >= 3)
		from = start = 3;
	if (im->col && im->col_line == l && im->col_off >= from &&
	    im->col_off <= off) {
		from = im->col_off;
		col = im->col;
	}
	for (size_t i = from; i < off && i < im->len; i++)
		if (((unsigned char)im->src[i] & 0xC0) != 0x80)
			col++;
	im->col_line = l;
	im->col_off = off;
	im->col = col;
	return col;
}

void imp_offset_pos(struct imp *im, size_t off, unsigned *line,
		    unsigned *column)
{
	size_t lo = 0, hi = im->nlines;

	/* The last line that starts at or before off. */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (im->line_off[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	*line = (unsigned)lo + 1;
	*column = char_column(im, lo, off);
}

void imp_node_pos(struct imp *im, cmark_node *node, unsigned *line,
		  unsigned *column)
{
	while (node && cmark_node_get_start_line(node) <= 0)
		node = cmark_node_parent(node);
	*line = 0;
	*column = 0;
	if (!node)
		return;
	/* cmark counts lines from where it was given the text, columns in
	 * bytes. */
	size_t l = (size_t)cmark_node_get_start_line(node) - 1 + im->body_line;
	int c = cmark_node_get_start_column(node);

	if (l >= im->nlines)
		return;
	*line = (unsigned)l + 1;
	if (c <= 0) {
		*column = 1;
		return;
	}
	size_t off = im->line_off[l] + (size_t)c - 1;

	*column = char_column(im, l, off);
}

/* ---- messages ---------------------------------------------------------- */

const char *imp_snippet(const char *s, char *out, size_t size)
{
	return imp_snippet_n(s, 40, out, size);
}

const char *imp_snippet_n(const char *s, size_t max, char *out, size_t size)
{
	size_t n = 0, cols = 0;

	while (s[n] && cols < max && n + 8 < size) {
		size_t k = 1;

		while (s[n + k] && ((unsigned char)s[n + k] & 0xC0) == 0x80)
			k++;
		n += k;
		cols++;
	}
	memcpy(out, s, n);
	if (s[n] && n + 4 <= size) {
		memcpy(out + n, "...", 3);
		n += 3;
	}
	out[n] = '\0';
	/* One line: a message is one line. */
	for (size_t i = 0; i < n; i++)
		if (out[i] == '\n' || out[i] == '\t' || out[i] == '\r')
			out[i] = ' ';
	while (n && out[n - 1] == ' ')
		out[--n] = '\0';
	return out;
}

__attribute__((format(printf, 4, 0)))
static void vwarn(struct imp *im, unsigned line, unsigned column,
		  const char *fmt, va_list ap)
{
	char msg[256];

	if (im->nwarns >= IMPORT_MAX_WARNINGS) {
		im->more_warns++;
		return;
	}
	if (im->nwarns == im->capwarns) {
		size_t cap = im->capwarns ? im->capwarns * 2 : 32;
		struct imp_warning *w = realloc(im->warns, cap * sizeof(*w));

		if (!w) {
			im->more_warns++;
			return;
		}
		im->warns = w;
		im->capwarns = cap;
	}
	vsnprintf(msg, sizeof(msg), fmt, ap);
	struct imp_warning *w = &im->warns[im->nwarns];

	w->msg = strdup(msg);
	if (!w->msg) {
		im->more_warns++;
		return;
	}
	w->line = line;
	w->column = column;
	w->seq = im->nwarns++;
}

void imp_warn(struct imp *im, unsigned line, unsigned column,
	      const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn(im, line, column, fmt, ap);
	va_end(ap);
}

void imp_warn_node(struct imp *im, cmark_node *node, const char *fmt, ...)
{
	unsigned line, column;
	va_list ap;

	if (im->nwarns >= IMPORT_MAX_WARNINGS) {
		im->more_warns++;
		return;
	}
	imp_node_pos(im, node, &line, &column);
	va_start(ap, fmt);
	vwarn(im, line, column, fmt, ap);
	va_end(ap);
}

int imp_fail(struct imp *im, enum herr code, unsigned line, unsigned column,
	     const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	if (im->failed)
		return -1;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	herror_set(im->err, code, im->name, line, line ? column : 0, "%s", msg);
	im->failed = true;
	return -1;
}

int imp_fail_node(struct imp *im, enum herr code, cmark_node *node,
		  const char *fmt, ...)
{
	unsigned line, column;
	char msg[256];
	va_list ap;

	imp_node_pos(im, node, &line, &column);
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return imp_fail(im, code, line, column, "%s", msg);
}

int imp_nomem(struct imp *im)
{
	return imp_fail(im, HERR_NOMEM, 0, 0, "out of memory");
}

/* ---- checked text ------------------------------------------------------ */

static bool blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

const char *imp_textn_at(struct imp *im, unsigned line, unsigned column,
			 const char *s, size_t len, const char *what)
{
	size_t off;
	uint32_t cp;
	char *r;

	while (len && blank(*s)) {
		s++;
		len--;
	}
	while (len && blank(s[len - 1]))
		len--;
	if (len > LOADER_MAX_STRING) {
		imp_fail(im, HERR_TOOLONG, line, column,
			 "%s of more than %u bytes is longer than the article format allows",
			 what, LOADER_MAX_STRING);
		return NULL;
	}
	/* The file itself was checked; what is left to catch comes from
	 * character references and escapes. */
	switch (validate_text(s, len, &off, &cp)) {
	case TEXT_OK:
		break;
	case TEXT_BAD_UTF8:
		imp_fail(im, HERR_ENCODING, line, column,
			 "not UTF-8: invalid byte 0x%02X in %s", (unsigned)cp,
			 what);
		return NULL;
	case TEXT_BIDI:
		imp_fail(im, HERR_CHAR, line, column,
			 "bidirectional formatting character U+%04X is not allowed in text",
			 (unsigned)cp);
		return NULL;
	case TEXT_CONTROL:
		imp_fail(im, HERR_CHAR, line, column,
			 "control character U+%04X is not allowed in text",
			 (unsigned)cp);
		return NULL;
	}
	r = arena_strndup(im->arena, s, len);
	if (!r)
		imp_nomem(im);
	return r;
}

const char *imp_textn(struct imp *im, cmark_node *node, const char *s,
		      size_t len, const char *what)
{
	unsigned line, column;

	imp_node_pos(im, node, &line, &column);
	return imp_textn_at(im, line, column, s, len, what);
}

const char *imp_text(struct imp *im, cmark_node *node, struct imp_buf *b,
		     const char *what)
{
	if (b->oom) {
		imp_nomem(im);
		return NULL;
	}
	if (b->full) {
		imp_fail_node(im, HERR_TOOLONG, node,
			      "%s of more than %u bytes is longer than the article format allows",
			      what, LOADER_MAX_STRING);
		return NULL;
	}
	return imp_textn(im, node, b->p ? b->p : "", b->len, what);
}
