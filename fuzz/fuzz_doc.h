/* fuzz_doc.h - what every fuzz target that ends with a document checks
 * in it: the promises that matter on a terminal.
 *
 * Contract: static inline helpers for the targets (fuzz_loader.c,
 * fuzz_doccache.c); fuzz_fail() (fuzz.h) on the first that does not hold.
 * Plain output and layout lines are terminal-safe (tests/termsafe.h) and
 * no wider than asked.
 */
#ifndef HANDOUT_FUZZ_DOC_H
#define HANDOUT_FUZZ_DOC_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "layout.h"
#include "plain.h"
#include "../tests/termsafe.h"
#include "utf8.h"

static inline void fuzz_check_safe(const char *s, size_t len, bool tab)
{
	size_t off;

	if (termsafe_find(s, len, tab, &off))
		fuzz_fail("output that could drive a terminal");
}

static inline void fuzz_check_plain(const struct document *d, int width, bool ascii)
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
	fuzz_check_safe(buf, len, false);
	for (size_t i = 0; width >= 2 && i < len; i++) {
		if (buf[i] != '\n')
			continue;
		if (utf8_width(buf + start, i - start) > width)
			fuzz_fail("a plain line wider than the width");
		start = i + 1;
	}
	free(buf);
}

static inline void fuzz_check_layout(const struct document *d)
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
				fuzz_check_safe(lay.lines[i].text, lay.lines[i].len, true);
				if (layout_line_cols(&lay.lines[i]) > widths[w])
					fuzz_fail("a layout line wider than the width");
			}
		}
	}
	layout_free(&lay);
}

/* Plain text at three widths, in UTF-8 and ASCII, and the layout of the
 * first sections at three widths. */
static inline void fuzz_check_document(const struct document *d)
{
	fuzz_check_plain(d, 0, false);
	fuzz_check_plain(d, 13, false);
	fuzz_check_plain(d, 80, true);
	fuzz_check_layout(d);
}

#endif
