/* fuzz_import.c - libFuzzer target: any bytes through the Markdown
 * importer (handout --import).
 *
 * The importer either refuses the page, with an error code and a message
 * that names the file and is terminal-safe, or gives a draft that loads.
 * It proves the draft itself (HERR_BUG when the loader refuses it); this
 * target loads the draft again on its own, so a wrong proof is caught too.
 * Warnings are one "fuzz.md:LINE:COLUMN: warning: ..." (or "fuzz.md:
 * warning: ...") line each, terminal-safe.
 */
#include "config.h"

#include <stdbool.h>
#include <string.h>

#include "fuzz.h"
#include "import.h"
#include "loader.h"
#include "../tests/termsafe.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

static void check_safe(const char *s, size_t len)
{
	size_t off;

	if (termsafe_find(s, len, false, &off))
		fuzz_fail("output that could drive a terminal");
}

static void check_warnings(const char *w, size_t len)
{
	size_t start = 0;

	check_safe(w, len);
	for (size_t i = 0; i < len; i++) {
		if (w[i] != '\n')
			continue;
		if (strncmp(w + start, "fuzz.md:", 8))
			fuzz_fail("a warning that does not start with the file name");
		if (!memmem(w + start, i - start, ": warning: ", 11))
			fuzz_fail("a warning line without 'warning:'");
		start = i + 1;
	}
	if (start != len)
		fuzz_fail("warnings that do not end with a line break");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *warn = NULL, *yaml = NULL, msg[1024];
	size_t wlen = 0, len = 0, nwarn = 0;
	struct herror e, le;
	struct document *d;
	FILE *w = open_memstream(&warn, &wlen);
	int r;

	if (!w)
		return 0;
	r = import_markdown("fuzz.md", (const char *)data, size, w, &nwarn,
			    &yaml, &len, &e);
	fclose(w);
	check_warnings(warn, wlen);
	free(warn);
	if (r) {
		if (yaml)
			fuzz_fail("a refusal with a draft");
		if (e.code == HERR_BUG || e.code == HERR_OK) {
			fprintf(stderr, "%s\n", herror_format(&e, msg, sizeof(msg)));
			fuzz_fail("the importer failed on its own account");
		}
		herror_format(&e, msg, sizeof(msg));
		check_safe(msg, strlen(msg));
		if (strncmp(msg, "fuzz.md:", 8))
			fuzz_fail("an error that does not start with the file name");
		return 0;
	}
	if (!yaml || strlen(yaml) != len)
		fuzz_fail("a draft that is not one NUL-terminated text");
	d = doc_load_buffer("draft.yaml", yaml, len, &le);
	if (!d) {
		fprintf(stderr, "%s\n", herror_format(&le, msg, sizeof(msg)));
		fuzz_fail("a draft that does not load");
	}
	doc_free(d);
	free(yaml);
	return 0;
}
