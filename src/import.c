/* import.c - the importer's entry points: refuse what the loader refuses,
 * parse the Markdown with cmark-gfm, walk it into the draft's model, write
 * the YAML, and prove that the draft loads.  Also the helpers every part
 * shares: places, warnings, checked text.
 */
#include "import.h"
#include "import_impl.h"
#include "loader.h"
#include "loader_file.h"
#include "validate.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>

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

static int build_lines(struct imp *im)
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

static int warn_cmp(const void *a, const void *b)
{
	const struct imp_warning *x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->column != y->column)
		return x->column < y->column ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void flush_warnings(struct imp *im, FILE *out)
{
	char line[1024];

	if (im->nwarns)
		qsort(im->warns, im->nwarns, sizeof(*im->warns), warn_cmp);
	for (size_t i = 0; out && i < im->nwarns; i++) {
		struct herror e;

		herror_set(&e, HERR_OK, im->name, im->warns[i].line,
			   im->warns[i].line ? im->warns[i].column : 0,
			   "warning: %s", im->warns[i].msg);
		fprintf(out, "%s\n", herror_format(&e, line, sizeof(line)));
	}
	if (out && im->more_warns) {
		struct herror e;

		herror_set(&e, HERR_OK, im->name, 0, 0,
			   "warning: %zu more warnings not shown",
			   im->more_warns);
		fprintf(out, "%s\n", herror_format(&e, line, sizeof(line)));
	}
	for (size_t i = 0; i < im->nwarns; i++)
		free(im->warns[i].msg);
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

/* ---- the file ------------------------------------------------------- */

/* The loader's rules on characters, over the whole file: a CR is a line
 * end here (Markdown files from Windows), everything else as in text. */
static int check_file(struct imp *im)
{
	size_t at = 0, off;
	uint32_t cp;

	for (;;) {
		enum text_fault f = validate_text(im->src + at, im->len - at,
						  &off, &cp);
		unsigned line, column;

		if (f == TEXT_OK)
			return 0;
		if (f == TEXT_CONTROL && cp == '\r') {
			at += off + 1;
			continue;
		}
		imp_offset_pos(im, at + off, &line, &column);
		if (f == TEXT_BAD_UTF8)
			return imp_fail(im, HERR_ENCODING, line, column,
					"not UTF-8: invalid byte 0x%02X",
					(unsigned)cp);
		return imp_fail(im, HERR_CHAR, line, column,
				"%s character U+%04X is not allowed",
				f == TEXT_BIDI ? "bidirectional formatting" :
				"control", (unsigned)cp);
	}
}

/* Inputs on which cmark-gfm 0.29 (Debian 12, without the 2023 fixes)
 * takes quadratic time, refused before it sees them:
 *  - its tables append each cell to a linked list by walking it, so a row
 *    of n cells costs n * n / 2 steps: every line with '|' counts as a
 *    possible row;
 *  - an unclosed "<?" or "<![CDATA[" scans the rest of its paragraph for
 *    the end, each of them: a run of lines without a blank one stands for
 *    a paragraph.
 * No article has rows of more than a few dozen cells or paragraphs full of
 * processing instructions; a page that does is hostile or not prose. */
#define MAX_PIPES_PER_LINE 512
#define MAX_TABLE_STEPS (256u << 20)
#define MAX_SCAN_STEPS (256u << 20)

static bool blank_line(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!blank(s[i]))
			return false;
	return true;
}

static int check_pathological(struct imp *im)
{
	uint64_t steps = 0, scan = 0, opens = 0;
	size_t run = 0, run_line = 0;

	for (size_t l = 0; l <= im->nlines; l++) {
		size_t from = l < im->nlines ? im->line_off[l] : im->len;
		size_t to = l + 1 < im->nlines ? im->line_off[l + 1] : im->len;
		uint64_t pipes = 0;

		if (from < im->body_off)
			continue;
		if (l == im->nlines || blank_line(im->src + from, to - from)) {
			scan += opens * run;
			if (scan > MAX_SCAN_STEPS)
				return imp_fail(im, HERR_TOOMANY, (unsigned)run_line + 1, 1,
						"too many unclosed '<?' or '<![CDATA[' (the Markdown parser's time grows with their number times the paragraph's length)");
			opens = 0;
			run = 0;
			continue;
		}
		if (!run)
			run_line = l;
		run += to - from;
		for (size_t i = from; i < to; i++) {
			if (im->src[i] == '|')
				pipes++;
			else if (im->src[i] == '<' && i + 1 < to &&
				 (im->src[i + 1] == '?' ||
				  (to - i >= 9 && !memcmp(im->src + i, "<![CDATA[", 9))))
				opens++;
		}
		steps += pipes * pipes / 2;
		if (pipes > MAX_PIPES_PER_LINE)
			return imp_fail(im, HERR_TOOMANY, (unsigned)l + 1, 1,
					"a line with %llu '|': the importer reads table rows of at most %d cells (the Markdown parser's time grows with the square of a row's cells)",
					(unsigned long long)pipes, MAX_PIPES_PER_LINE);
		if (steps > MAX_TABLE_STEPS)
			return imp_fail(im, HERR_TOOMANY, (unsigned)l + 1, 1,
					"too many wide table rows by this line (the Markdown parser's time grows with the square of a row's cells)");
	}
	return 0;
}

static cmark_node *parse(struct imp *im)
{
	cmark_syntax_extension *table;
	cmark_parser *p;
	cmark_node *doc;

	cmark_gfm_core_extensions_ensure_registered();
	table = cmark_find_syntax_extension("table");
	p = cmark_parser_new(CMARK_OPT_SOURCEPOS);
	if (!p || !table || !cmark_parser_attach_syntax_extension(p, table)) {
		if (p)
			cmark_parser_free(p);
		imp_fail(im, HERR_BUG, 0, 0,
			 "cmark-gfm has no table extension");
		return NULL;
	}
	cmark_parser_feed(p, im->src + im->body_off, im->len - im->body_off);
	doc = cmark_parser_finish(p);
	cmark_parser_free(p);
	if (!doc)
		imp_nomem(im);
	return doc;
}

/* The draft must load; if it does not, the importer has a bug, and the
 * author must not get a file that handout refuses. */
static int prove(struct imp *im, const char *yaml, size_t len)
{
	char name[600], msg[1024];
	struct herror e;
	struct document *d;

	if (len > LOADER_MAX_FILE)
		return imp_fail(im, HERR_TOOBIG, 0, 0,
				"the draft would be %zu bytes; the article format's limit is %u MiB",
				len, LOADER_MAX_FILE >> 20);
	snprintf(name, sizeof(name), "%s (draft)", im->name);
	d = doc_load_buffer(name, yaml, len, &e);
	if (d) {
		doc_free(d);
		return 0;
	}
	if (e.code == HERR_NOMEM)
		return imp_nomem(im);
	return imp_fail(im, HERR_BUG, 0, 0,
			"the draft does not load (a bug in handout --import): %s",
			herror_format(&e, msg, sizeof(msg)));
}

int import_markdown(const char *name, const char *md, size_t len, FILE *warn,
		    size_t *nwarnings, char **out, size_t *out_len,
		    struct herror *err)
{
	struct imp im;
	cmark_node *doc = NULL;
	char *yaml = NULL;
	size_t ylen = 0;

	memset(&im, 0, sizeof(im));
	im.name = name;
	im.src = md;
	im.len = len;
	im.err = err;
	*out = NULL;
	*out_len = 0;
	herror_set(err, HERR_OK, name, 0, 0, NULL);

	if (len > LOADER_MAX_FILE)
		imp_fail(&im, HERR_TOOBIG, 0, 0,
			 "file is %zu bytes; the limit is %u MiB", len,
			 LOADER_MAX_FILE >> 20);
	else if (validate_blank(md, len))
		imp_fail(&im, HERR_EMPTY, 0, 0,
			 "empty file: nothing to import");
	else if (!(im.arena = arena_new()))
		imp_nomem(&im);
	else if (!build_lines(&im) && !check_file(&im) && !imp_front(&im) &&
		 !check_pathological(&im) && (doc = parse(&im)) && !imp_walk(&im, doc) &&
		 !imp_write(&im, &yaml, &ylen) && !prove(&im, yaml, ylen)) {
		*out = yaml;
		*out_len = ylen;
		yaml = NULL;
	}
	if (doc)
		cmark_node_free(doc);
	free(yaml);
	if (!*out && err->code == HERR_OK)
		herror_set(err, HERR_BUG, name, 0, 0,
			   "the import failed without saying why (a bug in handout --import)");
	flush_warnings(&im, warn);
	if (nwarnings)
		*nwarnings = im.nwarns + im.more_warns;
	free(im.warns);
	free(im.line_off);
	arena_free(im.arena);
	return *out ? 0 : -1;
}

int import_file(const char *path, FILE *warn, size_t *nwarnings, char **out,
		size_t *out_len, struct herror *err)
{
	size_t len;
	char *md = doc_read_file(path, &len, err);
	int r;

	*out = NULL;
	*out_len = 0;
	if (nwarnings)
		*nwarnings = 0;
	if (!md)
		return -1;
	r = import_markdown(path, md, len, warn, nwarnings, out, out_len, err);
	free(md);
	return r;
}
