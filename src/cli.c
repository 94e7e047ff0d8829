/* cli.c - parsing the command line, GNU style. */
#include "config.h"
#include "cli.h"
#include "document.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define MAX_WIDTH 1000
/* A day: a kiosk left longer than that has been forgotten anyway. */
#define MAX_IDLE_RESET 86400

/* Long-only options get values above any character. */
enum {
	OPT_PLAIN = UCHAR_MAX + 1,
	OPT_WIDTH,
	OPT_VALIDATE,
	OPT_NO_COLOR,
	OPT_ASCII,
	OPT_SECTION,
	OPT_NO_STATE,
	OPT_SUMMARY,
	OPT_ACCESSIBLE,
	OPT_KIOSK,
	OPT_IDLE_RESET,
	OPT_IMPORT,
	OPT_LIST,
	OPT_ONE_COLUMN,
	OPT_FULL_SCREEN,
	OPT_COMPILE,
	OPT_HELP,
	OPT_VERSION
};

static const struct option longopts[] = {
	{ "plain",    no_argument,       NULL, OPT_PLAIN },
	{ "width",    required_argument, NULL, OPT_WIDTH },
	{ "validate", no_argument,       NULL, OPT_VALIDATE },
	{ "no-color", no_argument,       NULL, OPT_NO_COLOR },
	{ "ascii",    no_argument,       NULL, OPT_ASCII },
	{ "section",  required_argument, NULL, OPT_SECTION },
	{ "no-state", no_argument,       NULL, OPT_NO_STATE },
	{ "summary",  no_argument,       NULL, OPT_SUMMARY },
	{ "accessible", no_argument,     NULL, OPT_ACCESSIBLE },
	{ "kiosk",    no_argument,       NULL, OPT_KIOSK },
	{ "idle-reset", required_argument, NULL, OPT_IDLE_RESET },
	{ "import",   required_argument, NULL, OPT_IMPORT },
	{ "list",     no_argument,       NULL, OPT_LIST },
	{ "one-column", no_argument,     NULL, OPT_ONE_COLUMN },
	{ "full-screen", no_argument,    NULL, OPT_FULL_SCREEN },
	{ "compile",  required_argument, NULL, OPT_COMPILE },
	{ "help",     no_argument,       NULL, OPT_HELP },
	{ "version",  no_argument,       NULL, OPT_VERSION },
	{ NULL, 0, NULL, 0 }
};

void cli_usage(FILE *out)
{
	fputs("Usage: handout [OPTION]... [FILE]\n"
	      "  or:  handout --validate FILE|DIR...\n"
	      "  or:  handout --list [DIR]\n"
	      "  or:  handout --import PAGE.md > ARTICLE.yaml\n"
	      "  or:  handout --compile DIR FILE...\n"
	      "Explain a patient-education article in the terminal.\n"
	      "\n"
	      "FILE is an article in handout's YAML format, DIR a folder of them (a\n"
	      "library); without either, the library of the bundled articles opens.\n"
	      "On a terminal handout opens a full-screen reader; when standard\n"
	      "output is not a terminal it prints the article (or the list) as text.\n"
	      "A terminal that cannot show the reader (TERM unset, dumb or unknown)\n"
	      "gets the line mode instead.\n"
	      "\n"
	      "      --plain         print the whole article as plain text\n"
	      "      --accessible    line mode for screen readers and braille:\n"
	      "                      type commands, hear plain text (h for help;\n"
	      "                      also: ACCESSIBLE set non-empty)\n"
	      "      --full-screen   open the full-screen reader even when ACCESSIBLE\n"
	      "                      is set; it is then in one column\n"
	      "      --one-column    the reader in one column: the checklist is a\n"
	      "                      screen of its own (c) at any width, so a\n"
	      "                      screen reader never reads two panes as one\n"
	      "      --width=N       wrap plain text and line mode at N columns\n"
	      "                      (0: do not wrap; line mode's default)\n"
	      "      --section=ID|N  start at section ID or number N; with --plain,\n"
	      "                      print only that section\n"
	      "      --ascii         use ASCII characters only\n"
	      "      --no-color      do not use colour (also: NO_COLOR set non-empty)\n"
	      "      --no-state      do not restore or save the ticked signs and\n"
	      "                      the place in the article\n"
	      "      --summary       print the summary for your care team (the\n"
	      "                      saved ticked signs) and exit\n"
	      "      --kiosk         for a shared terminal: nothing saved or read\n"
	      "                      but the article, q goes back to the start,\n"
	      "                      Ctrl-C, Ctrl-Z and Ctrl-\\ do nothing; ended\n"
	      "                      by SIGTERM or SIGHUP from its supervisor\n"
	      "      --idle-reset=SECONDS\n"
	      "                      with --kiosk: after SECONDS without a key\n"
	      "                      (default 180), forget the last reader\n"
	      "      --validate      check each FILE, and each article in each\n"
	      "                      folder DIR with the links between them (ids\n"
	      "                      used twice, related ids no article has);\n"
	      "                      report errors as FILE:LINE:COLUMN: message,\n"
	      "                      print nothing else\n"
	      "      --list          print each article in DIR (default: the\n"
	      "                      bundled ones) as its id, a tab and its title\n"
	      "      --import=PAGE   write a YAML draft of the Markdown page PAGE\n"
	      "                      to standard output; what it leaves out is\n"
	      "                      reported as FILE:LINE:COLUMN: warning: ...\n"
	      "      --compile=DIR   check each FILE and write its compiled form\n"
	      "                      into DIR, which handout reads instead of\n"
	      "                      parsing the same bytes again (for packagers:\n"
	      "                      only the program's own cache folder is read)\n"
	      "      --help          display this help and exit\n"
	      "      --version       output version information and exit\n"
	      "\n"
	      "In the reader, press ? for the keys; in line mode, type h.\n"
	      "\n"
	      "Exit status: 0 on success, 1 if a file could not be read or is not a\n"
	      "valid article, 2 on a usage error.\n", out);
}

__attribute__((format(printf, 2, 3)))
static int usage_error(FILE *err, const char *fmt, ...)
{
	va_list ap;

	fputs("handout: ", err);
	va_start(ap, fmt);
	vfprintf(err, fmt, ap);
	va_end(ap);
	fputs("\nTry 'handout --help' for more information.\n", err);
	return CLI_USAGE;
}

/* The argument getopt_long() stopped at, to name it in a message. */
static const char *bad_option(char **argv)
{
	const char *a = argv[optind - 1];
	return a ? a : "";
}

/* "--v" could be --version or --validate: say so rather than "unknown". */
static bool ambiguous(const char *arg)
{
	if (strncmp(arg, "--", 2) != 0)
		return false;
	arg += 2;
	size_t len = strcspn(arg, "=");
	int matches = 0;
	for (const struct option *o = longopts; o->name; o++)
		if (strncmp(o->name, arg, len) == 0)
			matches++;
	return matches > 1;
}

/* A positive number of seconds, at most MAX_IDLE_RESET. */
static bool parse_seconds(const char *s, long *seconds)
{
	char *end;

	if (*s < '0' || *s > '9')
		return false;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || *end || v < 1 || v > MAX_IDLE_RESET)
		return false;
	*seconds = v;
	return true;
}

static bool parse_width(const char *s, int *width)
{
	char *end;

	if (*s < '0' || *s > '9')
		return false;   /* strtol would take " 5", "+5" and "-0" */
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || *end || v > MAX_WIDTH)
		return false;
	*width = (int)v;
	return true;
}

int cli_parse(int argc, char **argv, struct options *opt, FILE *err)
{
	memset(opt, 0, sizeof *opt);
	opt->mode = MODE_AUTO;
	opt->width = -1;
	opt->idle_reset = 180;
	const char *nc = getenv("NO_COLOR");
	opt->no_color = nc && *nc;

	bool plain = false, validate = false, summary = false, idle = false;
	/* --import and --compile are modes of their own: the first other
	 * option, to name it; --list takes only the options that change how
	 * it spells. */
	const char *import = NULL, *compile = NULL, *other = NULL;
	const char *list_other = NULL;
	bool list = false;
	int longindex;
	/* Set once in a screen-reader user's profile, it holds for every run. */
	const char *acc = getenv("ACCESSIBLE");
	bool acc_env = acc && *acc, accessible = false;
	bool full_screen = false, one_column = false;
	int c;

	/* 0 rather than 1 makes glibc start afresh, so tests may parse twice. */
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":", longopts, &longindex)) != -1) {
		if (c > UCHAR_MAX && c != OPT_IMPORT && c != OPT_COMPILE &&
		    c != OPT_HELP && c != OPT_VERSION && !other)
			other = longopts[longindex].name;
		if (c > UCHAR_MAX && c != OPT_LIST && c != OPT_ASCII &&
		    c != OPT_NO_COLOR && c != OPT_HELP && c != OPT_VERSION &&
		    !list_other)
			list_other = longopts[longindex].name;
		switch (c) {
		case OPT_PLAIN:
			plain = true;
			break;
		case OPT_WIDTH:
			if (!parse_width(optarg, &opt->width))
				return usage_error(err,
					"invalid width '%s' (a number from 0 to 1000)",
					optarg);
			break;
		case OPT_VALIDATE:
			validate = true;
			break;
		case OPT_NO_COLOR:
			opt->no_color = true;
			break;
		case OPT_ASCII:
			opt->ascii = true;
			break;
		case OPT_SECTION:
			if (!*optarg)
				return usage_error(err, "empty section name");
			opt->section = optarg;
			break;
		case OPT_NO_STATE:
			opt->no_state = true;
			break;
		case OPT_SUMMARY:
			summary = true;
			break;
		case OPT_ACCESSIBLE:
			accessible = true;
			break;
		case OPT_KIOSK:
			opt->kiosk = true;
			break;
		case OPT_ONE_COLUMN:
			one_column = true;
			break;
		case OPT_FULL_SCREEN:
			full_screen = true;
			break;
		case OPT_IDLE_RESET:
			if (!parse_seconds(optarg, &opt->idle_reset))
				return usage_error(err,
					"invalid idle time '%s' (seconds, from 1 to %d)",
					optarg, MAX_IDLE_RESET);
			idle = true;
			break;
		case OPT_IMPORT:
			if (import)
				return usage_error(err, "--import takes one FILE");
			if (!*optarg)
				return usage_error(err, "--import needs a FILE");
			import = optarg;
			break;
		case OPT_LIST:
			list = true;
			break;
		case OPT_COMPILE:
			if (compile)
				return usage_error(err, "--compile takes one DIR");
			if (!*optarg)
				return usage_error(err, "--compile needs a DIR");
			compile = optarg;
			break;
		case OPT_HELP:
			opt->mode = MODE_HELP;
			return 0;
		case OPT_VERSION:
			opt->mode = MODE_VERSION;
			return 0;
		case ':':
			return usage_error(err, "option '%s' requires an argument",
					   bad_option(argv));
		default:
			if (optopt && optopt <= UCHAR_MAX) {
				char s[2] = { (char)optopt, '\0' };
				return usage_error(err, "invalid option -- '%s'", s);
			}
			if (optopt)
				return usage_error(err,
					"option '%.*s' doesn't allow an argument",
					(int)strcspn(bad_option(argv), "="),
					bad_option(argv));
			if (ambiguous(bad_option(argv)))
				return usage_error(err, "option '%s' is ambiguous",
						   bad_option(argv));
			return usage_error(err, "unrecognized option '%s'",
					   bad_option(argv));
		}
	}

	int nargs = argc - optind;
	if (import) {
		if (other || compile)
			return usage_error(err, "--import cannot be used with --%s",
					   other ? other : "compile");
		if (nargs)
			return usage_error(err, "extra operand '%s' (--import takes one FILE)",
					   argv[optind]);
		opt->mode = MODE_IMPORT;
		opt->file = import;
		return 0;
	}
	if (list) {
		if (list_other)
			return usage_error(err, "--list cannot be used with --%s",
					   list_other);
		if (nargs > 1)
			return usage_error(err, "extra operand '%s' (--list takes one DIR)",
					   argv[optind + 1]);
		opt->mode = MODE_LIST;
		opt->file = nargs ? argv[optind] : NULL;
		return 0;
	}
	if (compile) {
		if (other)
			return usage_error(err, "--compile cannot be used with --%s",
					   other);
		if (nargs == 0)
			return usage_error(err, "--compile needs at least one FILE after DIR");
		opt->mode = MODE_COMPILE;
		opt->compile_dir = compile;
		opt->files = argv + optind;
		opt->nfiles = nargs;
		return 0;
	}
	/* A kiosk reads nothing but its article and writes nothing: the saved
	 * state --summary prints, and files to validate, are not for it. */
	if (opt->kiosk && validate)
		return usage_error(err, "--kiosk cannot be used with --validate");
	if (opt->kiosk && summary)
		return usage_error(err, "--summary prints the saved state; "
				   "it cannot be used with --kiosk");
	if (accessible && full_screen)
		return usage_error(err, "--accessible and --full-screen ask for "
				   "different modes: choose one");
	/* ACCESSIBLE asks for the line mode; --full-screen asks for the
	 * reader anyway, in one column: the screen reader that ACCESSIBLE
	 * says is there would otherwise speak rows of text and checklist
	 * side by side as one. */
	if (acc_env && !full_screen)
		accessible = true;
	opt->one_column = one_column || (acc_env && full_screen);
	/* Only a kiosk forgets its reader; accepted alone, it would be an
	 * option that silently does nothing. */
	if (idle && !opt->kiosk)
		return usage_error(err, "--idle-reset is for --kiosk only");
	if (validate) {
		if (nargs == 0)
			return usage_error(err, "--validate needs at least one FILE or DIR");
		opt->mode = MODE_VALIDATE;
		opt->files = argv + optind;
		opt->nfiles = nargs;
		return 0;
	}
	if (nargs > 1)
		return usage_error(err, "extra operand '%s'", argv[optind + 1]);
	if (nargs == 1)
		opt->file = argv[optind];
	/* The summary is of the saved state: without state there is none to
	 * print, and an empty one would look like "nothing to report". */
	if (summary && opt->no_state)
		return usage_error(err, "--summary prints the saved state; "
				   "it cannot be used with --no-state");
	if (summary)
		opt->mode = MODE_SUMMARY;
	else if (plain)
		opt->mode = MODE_PLAIN;
	else if (accessible)   /* --plain and --summary print and exit: they win */
		opt->mode = MODE_LINE;
	return 0;
}

long cli_section_index(const struct document *doc, const char *spec)
{
	if (*spec >= '1' && *spec <= '9') {
		char *end;
		errno = 0;
		unsigned long n = strtoul(spec, &end, 10);
		if (!errno && !*end)
			return n <= doc->nsections ? (long)n - 1 : -1;
	}
	return doc_section_by_id(doc, spec);
}

int cli_close_stdout(int status)
{
	bool failed = ferror(stdout);
	int saved = errno;

	if (fclose(stdout) != 0) {
		failed = true;
		saved = errno;
	}
	if (!failed)
		return status;
	/* A reader that went away (SIGPIPE ignored by our parent) is no news. */
	if (saved != EPIPE)
		fprintf(stderr, "handout: write error: %s\n",
			strerror(saved ? saved : EIO));
	return 1;
}
