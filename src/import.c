/* import.c - the importer's entry points: refuse what the loader refuses,
 * parse the Markdown with cmark-gfm, walk it into the draft's model, write
 * the YAML, prove that the draft loads, and say the warnings in the
 * file's order.  The stages are import_front.c, import_walk.c (with
 * import_inline.c) and import_yaml.c; what they share is import_base.c.
 */
#include "import.h"
#include "import_base.h"
#include "loader.h"
#include "loader_file.h"
#include "validate.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>

/* ---- warnings, in the file's order ----------------------------------- */

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
		if (l == im->nlines || validate_blank(im->src + from, to - from)) {
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
	else if (!imp_index_lines(&im) && !check_file(&im) && !imp_front(&im) &&
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
