/* main.c - handout: pick a front-end for the article and report failures
 * the GNU way ("handout: ..." on stderr; exit 0, 1 for content and files,
 * 2 for usage). */
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "cli.h"
#include "document.h"
#include "error.h"
#include "kiosk.h"
#include "linemode.h"
#include "loader.h"
#include "plain.h"
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
static struct document *load(const char *path)
{
	struct herror err;
	char buf[1024];

	struct document *doc = doc_load(path, &err);
	if (!doc)
		fprintf(stderr, "%s%s\n", err.line ? "" : "handout: ",
			herror_format(&err, buf, sizeof buf));
	return doc;
}

static int validate(const struct options *opt)
{
	int status = 0;

	for (int i = 0; i < opt->nfiles; i++) {
		struct herror err;
		char buf[1024];
		struct document *doc = doc_load(opt->files[i], &err);
		if (!doc) {
			fprintf(stderr, "%s\n", herror_format(&err, buf, sizeof buf));
			status = EXIT_CONTENT;
		}
		doc_free(doc);
	}
	return status;
}

/* --import: the draft on stdout, warnings and errors on stderr.  Nothing
 * is written on stdout unless the whole draft loads. */
/* --import: the importer is a program of its own, so the reader that
 * patients run neither carries nor loads a Markdown parser. */
static int import(const struct options *opt)
{
	const char *prog = cli_import_program();
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
		     long section)
{
	struct plain_opts po = {
		.width = text_width(opt),
		.ascii = opt->ascii,
	};

	/* Piped into head(1) and friends, stop quietly when they stop reading. */
	signal(SIGPIPE, SIG_DFL);
	if (section >= 0)
		plain_section(stdout, doc, (size_t)section, &po);
	else
		plain_write(stdout, doc, &po);
	return cli_close_stdout(0);
}

/* The saved state for the reader and the line mode, read and checked
 * before any front-end owns the terminal.  What it has to say goes to
 * *warn, for the front-end to show where the reader looks (main says it
 * again at exit, report_state()).  NULL when state is off or has nowhere
 * to go. */
static struct statefile *open_state(const struct document *doc,
				    const struct options *opt,
				    struct herror *warn)
{
	herror_set(warn, HERR_OK, NULL, 0, 0, NULL);
	if (opt->no_state || opt->kiosk)
		return NULL;
	struct statefile *sf = statefile_open(doc, NULL, warn);
	if (sf)
		statefile_load(sf, doc, warn);
	return sf;
}

static void say_warning(const struct herror *w)
{
	char buf[1024];

	fprintf(stderr, "handout: %s\n", herror_format(w, buf, sizeof buf));
}

/* At exit, on stderr, every distinct state warning of the run: the
 * start-up's and the saves' (the state file keeps them; without one, only
 * the start-up's, which said why there was none). */
static void report_state(const struct statefile *sf, const struct herror *start)
{
	const struct herror *w;

	if (!sf) {
		if (start->code != HERR_OK)
			say_warning(start);
		return;
	}
	for (size_t i = 0; (w = statefile_warning(sf, i)); i++)
		say_warning(w);
}

/* --summary: the saved ticks as the care team's summary, on stdout. */
static int print_summary(const struct options *opt)
{
	const char *path = opt->file ? opt->file : cli_default_article();
	struct document *doc = load(path);
	char date[SUMMARY_DATE_MAX];

	if (!doc)
		return EXIT_CONTENT;
	struct herror warn;
	struct statefile *sf = open_state(doc, opt, &warn);
	/* No front-end: said at once. */
	report_state(sf, &warn);
	struct plain_opts po = { .width = text_width(opt), .ascii = opt->ascii };
	signal(SIGPIPE, SIG_DFL);
	summary_write(stdout, doc, statefile_checked(sf),
		      summary_date_text(summary_today(), date, sizeof date), &po);
	statefile_close(sf);
	doc_free(doc);
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
static int run_line(const struct document *doc, const struct options *opt,
		    long section, struct statefile *sf,
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
		.section = section,
		.date = summary_date_text(today, date, sizeof date),
		.day = today,
		.state = sf,
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

	int r = linemode_run(doc, stdin, stdout, &lo);
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

static int show(const struct options *opt)
{
	const char *path = opt->file ? opt->file : cli_default_article();
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

	int status;
	/* The reader and the line mode keep state; plain text does not.
	 * Loaded once, so a fallback from one to the other warns once. */
	struct statefile *sf = NULL;
	struct herror warn;
	herror_set(&warn, HERR_OK, NULL, 0, 0, NULL);
	if (opt->mode == MODE_AUTO && isatty(STDIN_FILENO) &&
	    isatty(STDOUT_FILENO)) {
		sf = open_state(doc, opt, &warn);
		struct reader_opts ro = {
			.kiosk = opt->kiosk, .ascii = opt->ascii,
			.no_color = opt->no_color, .idle_reset = opt->idle_reset,
			.section = section, .state = sf, .state_warning = &warn,
		};
		status = ui_run(doc, &ro);
		if (status == UI_NO_TERMINAL) {
			/* TERM unset, dumb, unknown, or without cursor
			 * addressing (ui_run() checks before it draws
			 * anything): someone is at a terminal, so they get a
			 * conversation, not a text dump. */
			line_mode_notice();
			status = run_line(doc, opt, section, sf, &warn);
		}
	} else if (opt->mode == MODE_LINE) {
		sf = open_state(doc, opt, &warn);
		status = run_line(doc, opt, section, sf, &warn);
	} else {
		status = run_plain(doc, opt, section);
	}
	report_state(sf, &warn);
	statefile_close(sf);
	doc_free(doc);
	return status;
}

int main(int argc, char **argv)
{
	struct options opt;

	setlocale(LC_ALL, "");
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
	case MODE_SUMMARY:
		return print_summary(&opt);
	case MODE_IMPORT:
		return import(&opt);
	default:
		return show(&opt);
	}
}
