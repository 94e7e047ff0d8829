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
#include "fuzz_doc.h"
#include "loader.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

static void check_refusal(const struct herror *e)
{
	char msg[1024];
	bool placeless = e->code == HERR_EMPTY || e->code == HERR_TOOBIG ||
			 e->code == HERR_NOMEM;

	herror_format(e, msg, sizeof(msg));
	fuzz_check_safe(msg, strlen(msg), false);
	if (strncmp(msg, "fuzz.yaml:", 10))
		fuzz_fail("error message does not start with the file name");
	if (e->code == HERR_OK)
		fuzz_fail("refused without an error code");
	if (!placeless && (!e->line || !e->column))
		fuzz_fail("error without a line and column");
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
	fuzz_check_document(d);
	doc_free(d);
	return 0;
}
