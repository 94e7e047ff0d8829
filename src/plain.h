/* plain.h - the article as plain, linear text (for pipes, printers, speech
 * and braille), and the pieces of it the line mode prints on demand.
 *
 * Contract:
 *  - Every function borrows doc and po for the call only and writes to out
 *    nothing but printable text and '\n': no byte below 0x20 other than
 *    '\n', no DEL, no C1 control, no escape sequence, whatever the document
 *    holds.  With po->ascii the output is ASCII only (utf8_translit()).
 *  - Lines are wrapped with wrap_textn() so that none is wider than
 *    po->width display columns, prefixes included; width 0 means no
 *    wrapping.  (A 2-column character at width 1 is the one exception;
 *    see wrap.h.)
 *  - No line starts with a blank: there are no hanging indents, and a
 *    prefix ("1. ", "Answer: ") wraps with its text.  A braille display
 *    shows blank cells as noise, and a screen reader reflows anyway.
 *  - The words are the program's own only where the document has none to
 *    say ("Section 2 of 12", "Answer: "): article text is never reworded.
 *    They are chosen to be heard: no symbol a speech engine spells out or
 *    leaves silent, a count said once for a list ("10 questions.") and
 *    its items numbered.
 *  - Each function's output ends with '\n' and neither starts nor ends with
 *    a blank line; plain_write() puts one blank line between the parts
 *    (paragraphs, list, questions), and so do the others, unless
 *    po->compact.
 *  - Return value: 0, or -1 after the first failed write (errno says why;
 *    nothing more is written by that call).  Buffered errors may surface
 *    only at fflush(out): the caller checks that too.
 *  - Numbers given to these functions are 0-based; the text says "1 of N".
 */
#ifndef HANDOUT_PLAIN_H
#define HANDOUT_PLAIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "document.h"
#include "library.h"

struct plain_opts {
	int width;      /* display columns per line; 0: do not wrap */
	bool ascii;     /* transliterate to ASCII, then wrap */
	/* NULL (plain output): every FAQ answer is printed.  Else the line
	 * mode's open answers, indexed by faq_item.number: questions say
	 * "collapsed" or "expanded", and only expanded ones show the answer. */
	const bool *faq_open;
	/* The titles of the articles the article names as related (`related`,
	 * found in its library), said as "See also" after its last section;
	 * nsee_also 0: none. */
	const char *const *see_also;
	size_t nsee_also;
	/* Links as their host only ("cancer.gov"): for the line mode, which
	 * says the whole address when asked.  Else the whole address. */
	bool short_links;
	/* No blank lines between the parts: the line mode, where one blank
	 * line is the end of an answer and nothing else. */
	bool compact;
	/* The standfirst (doc->summary) where the first section begins, not
	 * in the header: the line mode's greeting is kept short to hear, and
	 * the standfirst opens the article where its reading starts. */
	bool lead_in_section;
};

/* The whole article: header, contents, every section, the checklist with
 * the advice, the glossary. */
int plain_write(FILE *out, const struct document *doc,
		const struct plain_opts *po);

/* Title, summary, "By AUTHOR. Last updated DATE. Reviewed DATE. Source:
 * PUBLISHER (URL). Licence: LICENSE." (the parts the document has) and
 * "Important: DISCLAIMER".  A FAQ block of a section reads "N questions."
 * and then each as "N. QUESTION" and "Answer: ANSWER" (with po->faq_open,
 * only the expanded ones' answers); a reference "N. TEXT" and "Link: URL"
 * (po->short_links: its host). */
int plain_header(FILE *out, const struct document *doc,
		 const struct plain_opts *po);

/* "Section I+1 of N: TITLE" and every block of section i (i < nsections). */
int plain_section(FILE *out, const struct document *doc, size_t i,
		  const struct plain_opts *po);

/* doc->faq[n] (n < nfaq) as an item of the list of questions: "N+1.
 * QUESTION", and with po->faq_open, "N+1. Expanded: QUESTION" for an
 * expanded one (plain_item()). */
int plain_faq_question(FILE *out, const struct document *doc, size_t n,
		       const struct plain_opts *po);

/* doc->faq[n] on its own: "Question N+1: QUESTION", then "Answer: ANSWER". */
int plain_faq_answer(FILE *out, const struct document *doc, size_t n,
		     const struct plain_opts *po);

/* An item of a list the line mode reads out: "N. TEXT", or with a state
 * (may be NULL) "N. STATE: TEXT", the state first so that it stays on the
 * item's first line at any width.  The one place that decides where a
 * state word goes. */
int plain_item(FILE *out, size_t n, const char *state, const char *text,
	       const struct plain_opts *po);

/* "[ ] LABEL" ("[x]" when checked) and the detail after it. */
int plain_check_item(FILE *out, const struct document *doc, size_t i,
		     bool checked, const struct plain_opts *po);

/* "Warning-sign checklist (N items)", every item (checked[i] marks item i;
 * checked may be NULL: none), then the article's advice if it has one.
 * Prints nothing and returns 0 when the document has no checklist. */
int plain_checklist(FILE *out, const struct document *doc,
		    const bool *checked, const struct plain_opts *po);

/* "TERM: DEFINITION". */
int plain_gloss_entry(FILE *out, const struct document *doc, size_t i,
		      const struct plain_opts *po);

/* A YYYY-MM-DD date as text reads it aloud ("26 November 2025"), into
 * buf; anything else is copied as written.  Returns buf. */
#define PLAIN_DATE_MAX 32
const char *plain_date(const char *ymd, char *buf, size_t size);

/* The first page's byline, in parts: what it says, in which order and in
 * which words is decided here once, and each view only sets it out (plain
 * text as sentences, the reader with the link and licence on lines of
 * their own).  plain_byline() fills *by with the parts the document has,
 * in this order; text points into the document or into *by, which must
 * outlive its use. */
enum byline_kind {
	BYLINE_AUTHOR,           /* "By " author */
	BYLINE_UPDATED,          /* "Last updated " date */
	BYLINE_REVIEWED,         /* "Reviewed " date */
	BYLINE_SOURCE,           /* "Source: " publisher */
	BYLINE_URL,              /* the source's address; only with a source */
	BYLINE_LICENCE,          /* "Licence: " licence */
	BYLINE_KINDS
};

struct byline {
	size_t n;
	struct byline_part {
		enum byline_kind kind;
		const char *label;   /* "By ", ...; "" for the URL */
		const char *text;
	} part[BYLINE_KINDS];
	char dates[2][PLAIN_DATE_MAX];
};

void plain_byline(const struct document *doc, struct byline *by);

/* One article of a library, as one paragraph after prefix ("1. "): its
 * title, publisher and date, and summary. */
int plain_library_entry(FILE *out, const char *prefix,
			const struct doc_header *h, const struct plain_opts *po);

/* "Library: N articles." and every article of lib, numbered (reading each
 * header). */
int plain_library(FILE *out, struct library *lib, const struct plain_opts *po);

/* Any text as one wrapped paragraph after prefix (may be ""). */
int plain_text(FILE *out, const char *prefix, const char *text,
	       const struct plain_opts *po);

/* A link as one paragraph after prefix: the whole address, or with
 * po->short_links its host. */
int plain_link(FILE *out, const char *prefix, const char *url,
	       const struct plain_opts *po);

/* The host of a link, as a listener needs it: "cancer.gov" for
 * "https://www.cancer.gov/types/metastatic-cancer" (no scheme, user,
 * port, path or leading "www.").  Returns a pointer into url and its
 * length in *len; the whole of url when it names no host. */
const char *plain_link_host(const char *url, size_t *len);

#endif
