/* import_main.c - handout-import, the program behind handout --import: a
 * Markdown page in, its YAML draft on standard output, what it leaves out
 * on standard error.  handout has checked the command line already; this
 * program is not meant to be run by hand, but says how it is used. */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "error.h"
#include "import.h"

int main(int argc, char **argv)
{
	struct herror err;
	char buf[1024], *yaml;
	size_t len;

	if (argc != 2) {
		fputs("usage: handout --import PAGE.md\n", stderr);
		return CLI_USAGE;
	}
	if (import_file(argv[1], stderr, NULL, &yaml, &len, &err)) {
		fprintf(stderr, "%s%s\n", err.line ? "" : "handout: ",
			herror_format(&err, buf, sizeof buf));
		return 1;
	}
	signal(SIGPIPE, SIG_DFL);
	fwrite(yaml, 1, len, stdout);
	free(yaml);
	return cli_close_stdout(0);
}
