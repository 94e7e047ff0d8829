/* cli.h - the command line: options and their parsing (where the bundled
 * article and the other files are: paths.h).
 *
 * Contract: cli_parse() fills *opt from argv without touching any file or the
 * terminal.  Strings in *opt point into argv and live as long as argv does.
 * It returns 0 on success, or CLI_USAGE (2) after printing a GNU-style
 * "handout: message" line and a "Try 'handout --help'" hint to err.
 */
#ifndef HANDOUT_CLI_H
#define HANDOUT_CLI_H

#include <stdbool.h>
#include <stdio.h>


#define CLI_USAGE 2

enum run_mode {
	MODE_AUTO,      /* reader on a terminal, plain text otherwise */
	MODE_PLAIN,     /* --plain */
	MODE_LINE,      /* --accessible, or ACCESSIBLE set non-empty (unless
			 * --full-screen) */
	MODE_VALIDATE,  /* --validate FILE|DIR... */
	MODE_LIST,      /* --list [DIR]: id<TAB>title of each article */
	MODE_SUMMARY,   /* --summary */
	MODE_IMPORT,    /* --import FILE: a Markdown page -> a YAML draft */
	MODE_COMPILE,   /* --compile DIR FILE...: compiled articles into DIR */
	MODE_HELP,      /* --help */
	MODE_VERSION    /* --version */
};

struct options {
	enum run_mode mode;
	int width;              /* --width N; -1 when not given, 0 = no wrapping */
	bool no_color;          /* --no-color, or NO_COLOR set non-empty */
	bool ascii;             /* --ascii (a non-UTF-8 locale also forces ASCII) */
	bool kiosk;             /* --kiosk */
	bool no_state;          /* --no-state */
	bool one_column;        /* --one-column, or --full-screen with
				 * ACCESSIBLE set: no side pane */
	long idle_reset;        /* --idle-reset SECONDS, default 180 */
	const char *section;    /* --section ID|N, or NULL */
	const char *file;       /* the article, or NULL for the bundled one;
				 * with --import, the Markdown page; with
				 * --list, the folder (NULL: the bundled
				 * articles' folder) */
	char **files;           /* --validate: the files and folders;
				 * --compile: the files; nfiles of them */
	int nfiles;
	const char *compile_dir;  /* --compile DIR */
};

int cli_parse(int argc, char **argv, struct options *opt, FILE *err);

struct document;

/* The 0-based index of the section that --section's spec names: a number
 * from 1 to nsections, or a section id.  -1 when there is no such section. */
long cli_section_index(const struct document *doc, const char *spec);

/* Print --help text to out. */
void cli_usage(FILE *out);

/* Flush and close stdout, so that a full disk or a closed pipe is said
 * ("handout: write error: ...") instead of lost.  Returns status, or 1
 * when writing failed. */
int cli_close_stdout(int status);

#endif
