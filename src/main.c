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
#include <unistd.h>

#include "cli.h"
#include "document.h"
#include "error.h"
#include "linemode.h"
#include "loader.h"
#include "plain.h"
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

/* Flush and close stdout, so that a full disk or a closed pipe is reported
 * instead of lost; returns the exit status to use. */
static int close_stdout(int status)
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
	return EXIT_CONTENT;
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

/* Plain text on a terminal fits the terminal; elsewhere 80 columns, the
 * width of a printed page and of most braille-friendly setups. */
static int plain_width(const struct options *opt)
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
		.width = plain_width(opt),
		.ascii = opt->ascii,
	};

	/* Piped into head(1) and friends, stop quietly when they stop reading. */
	signal(SIGPIPE, SIG_DFL);
	if (section >= 0)
		plain_section(stdout, doc, (size_t)section, &po);
	else
		plain_write(stdout, doc, &po);
	return close_stdout(0);
}

/* The saved state for the reader and the line mode: read and checked
 * here, before any front-end owns the terminal, so a warning about it is
 * an ordinary stderr line.  NULL when state is off or has nowhere to go. */
static struct statefile *open_state(const struct document *doc,
				    const struct options *opt)
{
	struct herror warn;
	char buf[1024];

	if (opt->no_state || opt->kiosk)
		return NULL;
	struct statefile *sf = statefile_open(doc, NULL, &warn);
	if (sf)
		statefile_load(sf, doc, &warn);
	if (warn.code != HERR_OK)
		fprintf(stderr, "handout: %s\n", herror_format(&warn, buf, sizeof buf));
	return sf;
}

/* --summary: the saved ticks as the care team's summary, on stdout. */
static int print_summary(const struct options *opt)
{
	const char *path = opt->file ? opt->file : cli_default_article();
	struct document *doc = load(path);
	struct reader_state st;
	char date[SUMMARY_DATE_MAX];

	if (!doc)
		return EXIT_CONTENT;
	struct statefile *sf = open_state(doc, opt);
	if (state_init(&st, doc) < 0) {
		fputs("handout: out of memory\n", stderr);
		state_free(&st);
		statefile_close(sf);
		doc_free(doc);
		return EXIT_CONTENT;
	}
	statefile_apply(sf, doc, &st);
	struct plain_opts po = { .width = plain_width(opt), .ascii = opt->ascii };
	signal(SIGPIPE, SIG_DFL);
	summary_write(stdout, doc, st.checked,
		      summary_date_text(summary_today(), date, sizeof date), &po);
	state_free(&st);
	statefile_close(sf);
	doc_free(doc);
	return close_stdout(0);
}

/* The line mode: commands from stdin, answers on stdout.  It wraps only
 * when --width says so: screen readers reflow text themselves, and a
 * braille user knows the width of their display. */
static int run_line(const struct document *doc, const struct options *opt,
		    long section)
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
		.state = opt->state,
	};

	signal(SIGPIPE, SIG_DFL);
	if (linemode_run(doc, stdin, stdout, &lo) < 0 && errno != EPIPE) {
		fprintf(stderr, "handout: %s\n", strerror(errno));
		close_stdout(0);
		return EXIT_CONTENT;
	}
	return close_stdout(0);
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
	struct options with_state = *opt;
	if (opt->mode == MODE_AUTO && isatty(STDIN_FILENO) &&
	    isatty(STDOUT_FILENO)) {
		with_state.state = open_state(doc, opt);
		status = ui_run(doc, &with_state);
		if (status != UI_NO_TERMINAL) {
			statefile_close(with_state.state);
			doc_free(doc);
			return status;
		}
		/* TERM unset, dumb, unknown, or without cursor addressing
		 * (ui_run() checks before it draws anything): someone is at
		 * a terminal, so they get a conversation, not a text dump. */
		line_mode_notice();
		status = run_line(doc, &with_state, section);
	} else if (opt->mode == MODE_LINE) {
		with_state.state = open_state(doc, opt);
		status = run_line(doc, &with_state, section);
	} else {
		status = run_plain(doc, opt, section);
	}
	statefile_close(with_state.state);
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
	/* Without UTF-8 the terminal would show mojibake: spell it in ASCII. */
	if (!utf8_locale())
		opt.ascii = true;

	switch (opt.mode) {
	case MODE_HELP:
		cli_usage(stdout);
		return close_stdout(0);
	case MODE_VERSION:
		print_version();
		return close_stdout(0);
	case MODE_VALIDATE:
		return validate(&opt);
	case MODE_SUMMARY:
		return print_summary(&opt);
	default:
		return show(&opt);
	}
}
