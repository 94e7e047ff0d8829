/* fuzz_command.c - libFuzzer target: any bytes as the line mode's input,
 * over the bundled article.
 *
 * Each line goes through command_parse() (whose pointers must stay inside
 * the line), then the whole input through linemode_run() as a reader at a
 * screen reader would type it.  Kiosk mode, so `save` writes no file
 * whatever the fuzzer types; no saved state.  The answers must be
 * terminal-safe (tests/termsafe.h): the typed text is echoed in messages
 * ("no command 'x'"), so a hostile line must not come back raw.
 */
#include <stdbool.h>
#include <string.h>

#include "command.h"
#include "fuzz.h"
#include "linemode.h"
#include "session.h"
#include "loader.h"
#include "../tests/termsafe.h"

#ifndef BUILD_TOP_SRCDIR
#define BUILD_TOP_SRCDIR "."
#endif

static struct document *doc;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *src = getenv("top_srcdir");
	char path[4096];
	struct herror e;

	(void)argc;
	(void)argv;
	snprintf(path, sizeof(path), "%s/content/cancer-spread-during-chemotherapy.yaml",
		 src && *src ? src : BUILD_TOP_SRCDIR);
	doc = doc_load(path, &e);
	if (!doc) {
		char msg[1024];

		fprintf(stderr, "fuzz_command: %s\n", herror_format(&e, msg, sizeof(msg)));
		exit(1);
	}
	return 0;
}

static void check_parse(const char *line, size_t len)
{
	struct command c;

	command_parse(line, len, &c);
	if (c.id >= CMD_COUNT)
		fuzz_fail("command id out of range");
	if (c.line_len && (c.line < line || c.line + c.line_len > line + len))
		fuzz_fail("command line points outside the input");
	if (c.arg_len && (c.arg < line || c.arg + c.arg_len > line + len))
		fuzz_fail("command argument points outside the input");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct linemode_opts o = {
		.width = 40,
		.kiosk = true,
		.date = "1 January 2025",
		.day = { 2025, 1, 1 },
	};
	const char *s = (const char *)data, *end = s + size;
	char *buf = NULL;
	size_t len = 0, off;
	FILE *in, *out;

	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		size_t n = nl ? (size_t)(nl - s) : (size_t)(end - s);

		check_parse(s, n);
		s += n + (nl != NULL);
	}
	if (!size)
		return 0;
	in = fmemopen((void *)data, size, "r");
	out = open_memstream(&buf, &len);
	if (!in || !out) {
		if (in)
			fclose(in);
		if (out)
			fclose(out);
		free(buf);
		return 0;
	}
	struct session ses;
	struct herror warn;
	if (session_init_article(&ses, doc, NULL, false, &warn) < 0)
		fuzz_fail("out of memory");
	ses.st.kiosk = true;
	if (linemode_run(&ses, in, out, &o))
		fuzz_fail("linemode_run failed on memory streams");
	session_free(&ses);
	fclose(in);
	fclose(out);
	if (termsafe_find(buf, len, false, &off))
		fuzz_fail("line-mode output that could drive a terminal");
	free(buf);
	return 0;
}
