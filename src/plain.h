/* plain.h - the article as plain, linear text (for pipes, printers, speech
 * and braille), and the pieces of it the line mode prints on demand.
 *
 * Contract:
 *  - Every function borrows doc and po for the call only and writes to out
 *    nothing but printable text and '\n': no byte below 0x20 other than
 *    '\n', no DEL, no C1 control, no escape sequence, whatever the document
 *    holds.  With po->ascii the output is ASCII only (utf8_translit()).
 *  - Lines are wrapped with wrap_textn() so that none is wider than
 *    po->width display columns, prefixes and indents included; width 0
 *    means no wrapping.  (A 2-column character at width 1 is the one
 *    exception; see wrap.h.)
 *  - Each function's output ends with '\n' and neither starts nor ends with
 *    a blank line; plain_write() puts one blank line between the parts.
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
};

/* The whole article: header, contents, every section, the checklist with
 * the advice, the glossary. */
int plain_write(FILE *out, const struct document *doc,
		const struct plain_opts *po);

/* Title, summary, "By AUTHOR. Last updated DATE. Reviewed DATE. Source:
 * PUBLISHER (URL). Licence: LICENSE." (the parts the document has) and
 * "Important: DISCLAIMER". */
int plain_header(FILE *out, const struct document *doc,
		 const struct plain_opts *po);

/* "Contents (N sections)" and the numbered section titles. */
int plain_contents(FILE *out, const struct document *doc,
		   const struct plain_opts *po);

/* "Section I+1 of N: TITLE" and every block of section i (i < nsections). */
int plain_section(FILE *out, const struct document *doc, size_t i,
		  const struct plain_opts *po);

/* "Question N+1 of M: QUESTION" for doc->faq[n] (n < nfaq); with
 * po->faq_open, "Question N+1 of M, collapsed: QUESTION" (or expanded). */
int plain_faq_question(FILE *out, const struct document *doc, size_t n,
		       const struct plain_opts *po);

/* The question line as above, then "Answer: ANSWER". */
int plain_faq_answer(FILE *out, const struct document *doc, size_t n,
		     const struct plain_opts *po);

/* "[ ] LABEL" ("[x]" when checked) and the detail indented under it. */
int plain_check_item(FILE *out, const struct document *doc, size_t i,
		     bool checked, const struct plain_opts *po);

/* "Warning-sign checklist (N items)", every item (checked[i] marks item i;
 * checked may be NULL: none), then the article's advice if it has one.
 * Prints nothing and returns 0 when the document has no checklist. */
int plain_checklist(FILE *out, const struct document *doc,
		    const bool *checked, const struct plain_opts *po);

/* "TERM: DEFINITION", continuation lines indented by two. */
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

/* Any text as one wrapped paragraph: prefix (may be "") on the first line,
 * later lines indented by its width, as list items are. */
int plain_text(FILE *out, const char *prefix, const char *text,
	       const struct plain_opts *po);

#endif
