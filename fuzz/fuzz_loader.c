/* fuzz_loader.c - libFuzzer target: any bytes through the loader, and
 * whatever loads through plain output and the reader's layout; the same
 * bytes through the header-only read, which must agree with the whole one.
 *
 * Beyond what ASan and UBSan catch, it checks the promises that matter on
 * a terminal: an error message is FILE:LINE:COLUMN (or FILE: for errors of
 * the whole file) and terminal-safe; plain output and layout lines are
 * terminal-safe (tests/termsafe.h) and no wider than asked.  A header
 * that reads matches the document field by field whenever the document
 * loads; a header that fails fails with the document's very error.
 */
#include <stdbool.h>
#include <string.h>

#include "fuzz.h"
#include "layout.h"
#include "loader.h"
#include "plain.h"
#include "../tests/termsafe.h"
#include "utf8.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

static void check_safe(const char *s, size_t len, bool tab)
{
	size_t off;

	if (termsafe_find(s, len, tab, &off))
		fuzz_fail("output that could drive a terminal");
}

static void check_refusal(const struct herror *e)
{
	char msg[1024];
	bool placeless = e->code == HERR_EMPTY || e->code == HERR_TOOBIG ||
			 e->code == HERR_NOMEM;

	herror_format(e, msg, sizeof(msg));
	check_safe(msg, strlen(msg), false);
	if (strncmp(msg, "fuzz.yaml:", 10))
		fuzz_fail("error message does not start with the file name");
	if (e->code == HERR_OK)
		fuzz_fail("refused without an error code");
	if (!placeless && (!e->line || !e->column))
		fuzz_fail("error without a line and column");
}

static void check_plain(const struct document *d, int width, bool ascii)
{
	struct plain_opts po = { .width = width, .ascii = ascii };
	char *buf = NULL;
	size_t len = 0, start = 0;
	FILE *f = open_memstream(&buf, &len);

	if (!f)
		return;
	if (plain_write(f, d, &po))
		fuzz_fail("plain_write failed on a memory stream");
	fclose(f);
	check_safe(buf, len, false);
	for (size_t i = 0; width >= 2 && i < len; i++) {
		if (buf[i] != '\n')
			continue;
		if (utf8_width(buf + start, i - start) > width)
			fuzz_fail("a plain line wider than the width");
		start = i + 1;
	}
	free(buf);
}

static void check_layout(const struct document *d)
{
	static const int widths[] = { 3, 24, 80 };
	const struct layout_input in = { .faq_focus = -1 };
	struct layout lay;

	layout_init(&lay);
	for (size_t w = 0; w < 3; w++) {
		for (size_t s = 0; s < d->nsections && s < 4; s++) {
			if (layout_section(&lay, d, &in, s, widths[w]))
				continue;
			for (size_t i = 0; i < lay.n; i++) {
				check_safe(lay.lines[i].text, lay.lines[i].len, true);
				if (layout_line_cols(&lay.lines[i]) > widths[w])
					fuzz_fail("a layout line wider than the width");
			}
		}
	}
	layout_free(&lay);
}

static bool same_str(const char *a, const char *b)
{
	return a && b ? !strcmp(a, b) : a == b;
}

static void check_header(const struct doc_header *h, const struct herror *he,
			 const struct document *d, const struct herror *de)
{
	char hm[1024], dm[1024];

	if (!h) {
		check_refusal(he);
		if (d)
			fuzz_fail("a header refused where the document loads");
		if (he->code != de->code ||
		    strcmp(herror_format(he, hm, sizeof hm),
			   herror_format(de, dm, sizeof dm)))
			fuzz_fail("the header's error is not the document's");
		return;
	}
	if (!d)
		return;     /* the body may hold what the header never reads */
	if (!same_str(h->id, d->id) || !same_str(h->title, d->title) ||
	    !same_str(h->summary, d->summary) ||
	    !same_str(h->publisher, d->publisher) ||
	    !same_str(h->updated, d->updated) ||
	    !same_str(h->reviewed, d->reviewed) ||
	    h->nrelated != d->nrelated)
		fuzz_fail("a header that differs from its document");
	for (size_t i = 0; i < d->nrelated; i++)
		if (strcmp(h->related[i].id, d->related[i].id) ||
		    h->related[i].line != d->related[i].line ||
		    h->related[i].column != d->related[i].column)
			fuzz_fail("a related id that differs from its document's");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct herror e, he;
	struct document *d = doc_load_buffer("fuzz.yaml", (const char *)data,
					     size, &e);
	struct doc_header *h = doc_load_header_buffer("fuzz.yaml",
						      (const char *)data,
						      size, &he);

	check_header(h, &he, d, &e);
	doc_header_free(h);
	if (!d) {
		check_refusal(&e);
		return 0;
	}
	check_plain(d, 0, false);
	check_plain(d, 13, false);
	check_plain(d, 80, true);
	check_layout(d);
	doc_free(d);
	return 0;
}
