/* main.c - handout: pick a front-end for the article and report failures
 * the GNU way ("handout: ..." on stderr; exit 0, 1 for content and files,
 * 2 for usage). */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "cli.h"
#include "doccache.h"
#include "document.h"
#include "error.h"
#include "kiosk.h"
#include "linemode.h"
#include "library.h"
#include "loader.h"
#include "loader_file.h"
#include "paths.h"
#include "plain.h"
#include "session.h"
#include "state.h"
#include "statefile.h"
#include "summary.h"
#include "ui.h"
#include "utf8.h"

#define EXIT_CONTENT 1
#define DEFAULT_WIDTH 80

static void print_version(void)
{
	fputs("handout (handout) " PACKAGE_VERSION "\n"
	      "Copyright (C) 2026 the handout authors.\n"
	      "License GPLv3+: GNU GPL version 3 or later "
	      "<https://gnu.org/licenses/gpl.html>.\n"
	      "This is free software: you are free to change and redistribute it.\n"
	      "There is NO WARRANTY, to the extent permitted by law.\n", stdout);
}

/* Load one article, or report why not.  Messages with a place in the file
 * keep the FILE:LINE:COLUMN: form editors jump to; the others say who
 * speaks. */
static void say_error(const struct herror *err)
{
	char buf[1024];

	fprintf(stderr, "%s%s\n", err->line ? "" : "handout: ",
		herror_format(err, buf, sizeof buf));
}

static struct document *load(const char *path)
{
	struct herror err;
	struct document *doc = doc_load(path, &err);

	if (!doc)
		say_error(&err);
	return doc;
}

/* A folder's library (reading only its names), or why not. */
static struct library *open_library(const char *dir)
{
	struct herror err;
	struct library *lib = library_open(dir, &err);

	if (!lib)
		say_error(&err);
	return lib;
}

/* A folder: each article in it, then the links between them. */
static int validate_dir(const char *dir)
{
	struct herror err;
	char buf[1024];
	struct library *lib = library_open(dir, &err);

	if (!lib) {
		fprintf(stderr, "%s\n", herror_format(&err, buf, sizeof buf));
		return EXIT_CONTENT;
	}
	size_t problems = library_validate(lib, stderr);
	library_free(lib);
	return problems ? EXIT_CONTENT : 0;
}

static int validate(const struct options *opt)
{
	int status = 0;

	for (int i = 0; i < opt->nfiles; i++) {
		struct herror err;
		char buf[1024];
		struct stat st;

		if (stat(opt->files[i], &st) == 0 && S_ISDIR(st.st_mode)) {
			if (validate_dir(opt->files[i]))
				status = EXIT_CONTENT;
			continue;
		}
		struct document *doc = doc_load(opt->files[i], &err);
		if (!doc) {
			fprintf(stderr, "%s\n", herror_format(&err, buf, sizeof buf));
			status = EXIT_CONTENT;
		}
		doc_free(doc);
	}
	return status;
}

/* A title on one line of a list: its line breaks and tabs as spaces, in
 * ASCII when asked; NULL when out of memory. */
static char *list_title(const char *title, bool ascii)
{
	char *t = ascii ? utf8_to_ascii(title) : strdup(title);

	for (char *c = t; c && *c; c++)
		if (*c == '\n' || *c == '\t')
			*c = ' ';
	return t;
}

/* --list: "id<TAB>title" for each article, from the headers alone; an
 * article whose header cannot be read is said on stderr, and the status
 * says there was one. */
static int list(const struct options *opt)
{
	const char *dir = opt->file ? opt->file : paths_default_content();
	struct library *lib = open_library(dir);
	int status = 0;

	if (!lib)
		return EXIT_CONTENT;
	/* Piped into head(1), stop quietly when it stops reading. */
	signal(SIGPIPE, SIG_DFL);
	for (size_t i = 0; i < library_count(lib); i++) {
		const struct doc_header *h = library_header(lib, i);

		if (!h) {
			say_error(library_error(lib, i));
			status = EXIT_CONTENT;
			continue;
		}
		char *title = list_title(h->title, opt->ascii);
		if (!title) {
			fputs("handout: out of memory\n", stderr);
			status = EXIT_CONTENT;
			break;
		}
		printf("%s\t%s\n", h->id, title);
		free(title);
	}
	library_free(lib);
	return cli_close_stdout(status);
}

/* --compile: each file checked as --validate checks it (parsed: a cache
 * never vouches for the file it is made from), then its compiled form
 * written into the folder.  Errors as --validate says them; a file that
 * fails is skipped and the rest are still done. */
static int compile(const struct options *opt)
{
	int status = 0;

	for (int i = 0; i < opt->nfiles; i++) {
		const char *path = opt->files[i];
		char name[DOCCACHE_NAME_LEN + 1];
		struct document *doc = NULL;
		struct herror err;
		size_t len;
		char *text = doc_read_file(path, &len, &err);

		if (text)
			doc = doc_load_buffer(path, text, len, &err);
		if (!doc || doccache_save(opt->compile_dir, doc, text, len,
					  name, &err)) {
			say_error(&err);
			status = EXIT_CONTENT;
		}
		doc_free(doc);
		free(text);
	}
	return status;
}

/* --import: the draft on stdout, warnings and errors on stderr.  Nothing
 * is written on stdout unless the whole draft loads. */
/* --import: the importer is a program of its own, so the reader that
 * patients run neither carries nor loads a Markdown parser. */
static int import(const struct options *opt)
{
	const char *prog = paths_import_program();
	char *const argv[] = { (char *)prog, (char *)opt->file, NULL };

	fflush(NULL);
	execv(prog, argv);
	fprintf(stderr, "handout: cannot run the importer %s: %s\n", prog,
		strerror(errno));
	return EXIT_CONTENT;
}

/* Plain text on a terminal fits the terminal; elsewhere 80 columns, the
 * width of a printed page and of most braille-friendly setups. */
static int text_width(const struct options *opt)
{
	struct winsize ws;

	if (opt->width >= 0)
		return opt->width;
	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 &&
	    ws.ws_col > 0)
		return ws.ws_col;
	return DEFAULT_WIDTH;
}

static int run_plain(const struct document *doc, const struct options *opt,
		     long section, struct library *folder)
{
	size_t nsee = 0;
	const char **see = session_see_also(folder, doc, &nsee);
	struct plain_opts po = {
		.width = text_width(opt),
		.ascii = opt->ascii,
		.see_also = see,
		.nsee_also = nsee,
	};

	/* Piped into head(1) and friends, stop quietly when they stop reading. */
	signal(SIGPIPE, SIG_DFL);
	if (section >= 0)
		plain_section(stdout, doc, (size_t)section, &po);
	else
		plain_write(stdout, doc, &po);
	free(see);
	return cli_close_stdout(0);
}

static bool is_folder(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

/* The saved state of doc, read and checked; what reading it said is said
 * at once on stderr (no front-end runs).  NULL when state is off or there
 * is none. */
static struct statefile *saved_state(const struct document *doc,
				     const struct options *opt)
{
	struct herror warn;
	char buf[1024];

	herror_set(&warn, HERR_OK, NULL, 0, 0, NULL);
	if (opt->no_state)
		return NULL;
	struct statefile *sf = statefile_open(doc, NULL, &warn);
	if (sf)
		statefile_load(sf, doc, &warn);
	if (warn.code != HERR_OK)
		fprintf(stderr, "handout: %s\n", herror_format(&warn, buf, sizeof buf));
	return sf;
}

/* One article's summary for the care team, from its saved ticks; with
 * only_ticked, nothing when it has none.  Returns whether it printed. */
static bool summarise(const struct document *doc, const struct options *opt,
		      bool only_ticked, bool gap)
{
	struct plain_opts po = { .width = text_width(opt), .ascii = opt->ascii };
	char date[SUMMARY_DATE_MAX];
	struct statefile *sf = saved_state(doc, opt);
	const bool *checked = statefile_checked(sf);
	bool any = false;

	for (size_t i = 0; checked && i < doc->nchecks; i++)
		any = any || checked[i];
	if (!only_ticked || any) {
		if (gap)
			fputc('\n', stdout);
		summary_write(stdout, doc, checked,
			      summary_date_text(summary_today(), date, sizeof date),
			      &po);
	}
	statefile_close(sf);
	return !only_ticked || any;
}

/* Is there a saved state for the article with this id?  Asked before the
 * article is read, so a library of a thousand reads only those. */
static bool has_state(const char *id)
{
	char dir[PATH_MAX], path[PATH_MAX + 256];

	if (statefile_dir(dir, sizeof dir) != 0)
		return false;
	snprintf(path, sizeof path, "%s/%s.state", dir, id);
	return access(path, F_OK) == 0;
}

/* --summary: the saved ticks as the care team's summary, on stdout: of
 * the article, or of every article of a library that has a tick. */
static int print_summary(const struct options *opt)
{
	const char *path = opt->file ? opt->file : paths_default_content();

	signal(SIGPIPE, SIG_DFL);
	if (!is_folder(path)) {
		struct document *doc = load(path);
		if (!doc)
			return EXIT_CONTENT;
		summarise(doc, opt, false, false);
		doc_free(doc);
		return cli_close_stdout(0);
	}
	struct library *lib = open_library(path);
	if (!lib)
		return EXIT_CONTENT;
	size_t printed = 0;
	for (size_t i = 0; i < library_count(lib); i++) {
		const struct doc_header *h = library_header(lib, i);
		const struct document *doc;
		if (!h || opt->no_state || !has_state(h->id) ||
		    !(doc = library_doc(lib, i)))
			continue;
		printed += summarise(doc, opt, true, printed > 0);
	}
	if (!printed)
		printf("No warning signs are ticked in any article of %s.\n", path);
	library_free(lib);
	return cli_close_stdout(0);
}

static volatile sig_atomic_t line_stop;

static void on_line_signal(int sig)
{
	line_stop = sig;
}

/* The line mode: commands from stdin, answers on stdout.  It wraps only
 * when --width says so: screen readers reflow text themselves, and a
 * braille user knows the width of their display.  SIGTERM and SIGHUP (and
 * Ctrl-C outside a kiosk) end it as they end the reader: the save under
 * way finishes, the place is saved, the terminal is put back, and the
 * status says which signal it was. */
static int run_line(struct session *ses, const struct options *opt,
		    const struct herror *state_warning)
{
	char date[SUMMARY_DATE_MAX];
	struct summary_date today = summary_today();
	struct linemode_opts lo = {
		.width = opt->width > 0 ? opt->width : 0,
		.ascii = opt->ascii,
		/* A prompt is for someone typing; a script needs none. */
		.prompt = isatty(STDIN_FILENO),
		.kiosk = opt->kiosk,
		.date = summary_date_text(today, date, sizeof date),
		.day = today,
		.warning = state_warning,
		.idle_reset = opt->kiosk ? opt->idle_reset : 0,
		.stop = &line_stop,
	};
	static const int stops[] = { SIGTERM, SIGHUP, SIGINT };
	struct sigaction sa, old[3];
	bool set[3] = { false, false, false };
	struct termios tty;
	int held = 0;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_line_signal;
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: a signal cuts a read short and the loop sees it. */
	for (int i = 0; i < 3; i++)
		if (!(opt->kiosk && stops[i] == SIGINT))
			set[i] = sigaction(stops[i], &sa, &old[i]) == 0;
	/* Piped into head(1), stop quietly when it stops reading; a kiosk
	 * ignores SIGPIPE (kiosk_lockdown()). */
	if (!opt->kiosk)
		signal(SIGPIPE, SIG_DFL);
	if (opt->kiosk && (held = kiosk_tty_hold(STDIN_FILENO, &tty)) < 0)
		fprintf(stderr, "handout: cannot turn off the terminal's signal "
			"keys: %s\n", strerror(errno));

	int r = linemode_run(ses, stdin, stdout, &lo);
	int err = errno;

	if (held > 0)
		kiosk_tty_release(STDIN_FILENO, &tty);
	for (int i = 0; i < 3; i++)
		if (set[i])
			sigaction(stops[i], &old[i], NULL);
	/* Ended by a signal: a hung-up terminal cannot take more words. */
	if (line_stop) {
		fclose(stdout);
		return 128 + line_stop;
	}
	if (r < 0) {
		/* Said once: stdout is closed without a second message. */
		if (err != EPIPE)
			fprintf(stderr, "handout: %s\n", strerror(err));
		fclose(stdout);
		return EXIT_CONTENT;
	}
	return cli_close_stdout(0);
}

/* One line on stderr before the line mode takes over from a reader that
 * could not start: what went wrong, and how to ask for this on purpose. */
static void line_mode_notice(void)
{
	const char *term = getenv("TERM");

	if (!term || !*term)
		fputs("handout: TERM is not set, so the full-screen reader cannot "
		      "start; using line mode (see --accessible)\n", stderr);
	else
		fprintf(stderr, "handout: terminal '%s' cannot show the full-screen "
			"reader; using line mode (see --accessible)\n", term);
}

/* The reader on a terminal that can show it, else the line mode; both
 * over one session.  The state is saved and its warnings said at the end. */
static int converse(struct session *ses, const struct options *opt,
		    const struct herror *warn)
{
	int status;

	ses->st.kiosk = opt->kiosk;
	ses->st.ascii = opt->ascii;
	ses->st.one_column = opt->one_column;
	summary_date_text(summary_today(), ses->st.date, sizeof ses->st.date);
	if (opt->mode == MODE_AUTO && isatty(STDIN_FILENO) &&
	    isatty(STDOUT_FILENO)) {
		struct reader_opts ro = {
			.kiosk = opt->kiosk, .ascii = opt->ascii,
			.no_color = opt->no_color, .idle_reset = opt->idle_reset,
			.state_warning = warn,
		};
		status = ui_run(ses, &ro);
		if (status == UI_NO_TERMINAL) {
			/* TERM unset, dumb, unknown, or without cursor
			 * addressing (ui_run() checks before it draws
			 * anything): someone is at a terminal, so they get a
			 * conversation, not a text dump. */
			line_mode_notice();
			status = run_line(ses, opt, warn);
		}
	} else {
		status = run_line(ses, opt, warn);
	}
	session_end(ses);
	session_report(ses, stderr);
	session_free(ses);
	return status;
}

/* Does the reader talk (reader or line mode), or print? */
static bool talks(const struct options *opt)
{
	return opt->mode == MODE_LINE ||
		(opt->mode == MODE_AUTO && isatty(STDOUT_FILENO));
}

/* handout DIR, or no FILE: the library of the folder's articles. */
static int show_library(const char *dir, const struct options *opt)
{
	struct library *lib = open_library(dir);

	if (!lib)
		return EXIT_CONTENT;
	if (opt->section) {
		fprintf(stderr, "handout: --section needs an article; %s is a "
			"folder of %zu\n", dir, library_count(lib));
		library_free(lib);
		return CLI_USAGE;
	}
	int status;
	if (!talks(opt)) {
		struct plain_opts po = { .width = text_width(opt), .ascii = opt->ascii };
		signal(SIGPIPE, SIG_DFL);
		plain_library(stdout, lib, &po);
		status = cli_close_stdout(0);
	} else {
		struct session ses;
		if (session_init_library(&ses, lib, !opt->no_state && !opt->kiosk) < 0) {
			fputs("handout: out of memory\n", stderr);
			session_free(&ses);
			library_free(lib);
			return EXIT_CONTENT;
		}
		status = converse(&ses, opt, NULL);
	}
	library_free(lib);
	return status;
}


static int show(const struct options *opt)
{
	const char *path = opt->file ? opt->file : paths_default_content();
	if (is_folder(path))
		return show_library(path, opt);

	struct document *doc = load(path);
	if (!doc)
		return EXIT_CONTENT;

	long section = -1;
	if (opt->section) {
		section = cli_section_index(doc, opt->section);
		if (section < 0) {
			fprintf(stderr, "handout: no section '%s' in %s\n",
				opt->section, path);
			doc_free(doc);
			return EXIT_CONTENT;
		}
	}

	/* The folder it is in is its library, where its related articles
	 * are found for "See also" (only their headers are read). */
	struct library *folder = NULL;
	if (doc->nrelated) {
		char dir[PATH_MAX];
		struct herror ignored;
		snprintf(dir, sizeof dir, "%s", path);
		char *slash = strrchr(dir, '/');
		if (slash)
			*slash = '\0';
		folder = library_open(slash ? (*dir ? dir : "/") : ".", &ignored);
	}
	int status;
	if (!talks(opt)) {
		status = run_plain(doc, opt, section, folder);
	} else {
		/* The reader and the line mode keep state; plain text does
		 * not.  Loaded once, so a fallback from one to the other
		 * warns once. */
		struct session ses;
		struct herror warn;
		if (session_init_article(&ses, doc, folder,
					 !opt->no_state && !opt->kiosk, &warn) < 0) {
			fputs("handout: out of memory\n", stderr);
			session_free(&ses);
			library_free(folder);
			doc_free(doc);
			return EXIT_CONTENT;
		}
		/* The saved place first: an explicit --section wins. */
		if (section >= 0)
			state_goto_section(&ses.st, doc, (size_t)section);
		status = converse(&ses, opt, &warn);
	}
	library_free(folder);
	doc_free(doc);
	return status;
}

int main(int argc, char **argv)
{
	struct options opt;

	/* The character set is all the locale decides here (widths, UTF-8 or
	 * ASCII, what curses draws): the other categories would cost a file
	 * read each before the first screen, for nothing handout uses. */
	setlocale(LC_CTYPE, "");
	/* Over a file size limit (ulimit -f), write(2) fails with EFBIG when
	 * SIGXFSZ is ignored; by default the signal kills us mid-save instead,
	 * with a temporary file left behind and no word said. */
	signal(SIGXFSZ, SIG_IGN);
	int status = cli_parse(argc, argv, &opt, stderr);
	if (status)
		return status;
	/* A waiting room's terminal: no signal but the supervisor's ends it
	 * and no core file holds what was on it, from here on, whatever
	 * front-end runs. */
	if (opt.kiosk && kiosk_lockdown() < 0)
		fprintf(stderr, "handout: cannot turn core dumps off: %s\n",
			strerror(errno));
	/* Without UTF-8 the terminal would show mojibake: spell it in ASCII. */
	if (!utf8_locale())
		opt.ascii = true;

	switch (opt.mode) {
	case MODE_HELP:
		cli_usage(stdout);
		return cli_close_stdout(0);
	case MODE_VERSION:
		print_version();
		return cli_close_stdout(0);
	case MODE_VALIDATE:
		return validate(&opt);
	case MODE_LIST:
		return list(&opt);
	case MODE_COMPILE:
		return compile(&opt);
	case MODE_SUMMARY:
		return print_summary(&opt);
	case MODE_IMPORT:
		return import(&opt);
	default:
		return show(&opt);
	}
}
