/* summary.h - the summary for the care team: one text, wherever it shows.
 *
 * Contract:
 *  - summary_parts() is the one place that decides what the summary says
 *    and in what order; the reader's summary view (layout.c), the line
 *    mode's `summary` command and `handout --summary` (summary_write()) all
 *    show what it hands out, so they cannot drift apart.  The summary is:
 *
 *        Summary for your care team
 *        Date: 26 November 2026
 *
 *        TITLE
 *        Source: PUBLISHER
 *        URL
 *
 *        Warning signs I have noticed:          | No warning signs are checked.
 *        - LABEL
 *          DETAIL   (on the screen; as text, the detail is not indented)
 *
 *        What to tell your care team
 *        ADVICE
 *
 *        Important: DISCLAIMER
 *
 *    (lines for a missing date, publisher, URL, detail or advice are left
 *    out; the parts are paragraphs, wrapped by whoever shows them).
 *  - checked has doc->nchecks entries (NULL: none checked).  Nothing here
 *    keeps pointers past the call; part text points into doc, into date, or
 *    to static words.
 *  - summary_write() prints the parts as plain text with plain_text(): no
 *    escapes, no control characters, wrapped at po->width (0: not wrapped),
 *    ASCII only with po->ascii, no line starting with a blank (the
 *    parts' indents are for the reader's screen), the URL as
 *    po->short_links says, and no blank lines with po->compact.  0, or -1 after a failed write (errno).
 *  - Dates: the date is passed in, never read here, except by
 *    summary_today(), which honours SOURCE_DATE_EPOCH (the reproducible-
 *    builds convention: seconds since 1970, read as UTC) so tests and
 *    reproducible printouts get a fixed date.
 *  - summary_save() writes the summary as a file NAME =
 *    "handout-summary-YYYY-MM-DD.txt" in dir, mode 0600 (it is health
 *    information), atomically (atomicio.h).  An existing file is replaced
 *    only when overwrite is true; otherwise the return value is
 *    SUMMARY_EXISTS and nothing is written, so the front-end can ask and
 *    call again.  Kiosk mode must never call it.
 */
#ifndef HANDOUT_SUMMARY_H
#define HANDOUT_SUMMARY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "document.h"
#include "error.h"
#include "plain.h"

#define SUMMARY_DATE_MAX 32          /* "26 September 2026" and room to spare */
#define SUMMARY_NAME_MAX 48          /* "handout-summary-2026-11-26.txt" */
/* Saved files are wrapped for a printed page, whatever the screen was. */
#define SUMMARY_FILE_WIDTH 72

struct summary_date {
	int year, month, day;        /* month 1-12, day 1-31 */
};

enum summary_kind {
	SUM_HEADING,         /* "Summary for your care team" */
	SUM_DATE,            /* prefix "Date: ", the date */
	SUM_TITLE,           /* the article's title */
	SUM_SOURCE,          /* prefix "Source: ", the publisher */
	SUM_URL,             /* the source URL */
	SUM_NOTE,            /* "Warning signs I have noticed:" or "No warning
	                        signs are checked." */
	SUM_SIGN,            /* prefix "- ", a checked sign's label */
	SUM_DETAIL,          /* indent 2, the sign's detail */
	SUM_ADVICE_HEADING,  /* "What to tell your care team" */
	SUM_ADVICE,          /* doc->advice */
	SUM_DISCLAIMER,      /* prefix "Important: ", doc->disclaimer */
	SUM_BLANK            /* an empty line between groups; text "" */
};

struct summary_part {
	enum summary_kind kind;
	int indent;                  /* blank columns before prefix and text */
	const char *prefix;          /* ASCII, on the first line only; or NULL */
	const char *text;            /* one paragraph, never NULL */
	int check;                   /* checklist index (signs, details), or -1 */
};

typedef void (*summary_fn)(void *ctx, const struct summary_part *part);

/* Hand fn every part of the summary in order.  date "" or NULL: no date
 * line. */
void summary_parts(const struct document *doc, const bool *checked,
		   const char *date, summary_fn fn, void *ctx);

int summary_write(FILE *out, const struct document *doc, const bool *checked,
		  const char *date, const struct plain_opts *po);

/* Today's date (see the contract for SOURCE_DATE_EPOCH). */
struct summary_date summary_today(void);

/* "26 November 2026" into buf; returns buf. */
const char *summary_date_text(struct summary_date d, char *buf, size_t size);

/* "handout-summary-2026-11-26.txt" into buf; returns buf. */
const char *summary_file_name(struct summary_date d, char *buf, size_t size);

enum {
	SUMMARY_SAVED = 0,
	SUMMARY_EXISTS = 1,          /* the file exists and overwrite is false */
	SUMMARY_FAILED = -1          /* err says why (HERR_WRITE, HERR_NOMEM) */
};

/* Save the summary dated d in dir (NULL: the current folder); its file
 * name goes into name (SUMMARY_NAME_MAX).  Returns SUMMARY_*. */
int summary_save(const char *dir, const struct document *doc,
		 const bool *checked, struct summary_date d,
		 const struct plain_opts *po, bool overwrite,
		 char *name, size_t namesize, struct herror *err);

#endif
