/* search.h - finding text anywhere in a document.
 *
 * Contract: pure functions over an immutable document; no allocation.
 * Matching compares characters folded by search_fold(), the query's and
 * the text's alike: so case does not matter in any script, and what the
 * reader types on a keyboard finds what the article prints with curly
 * quotes and long dashes (and what ASCII mode shows as ' " -).  A match
 * may therefore be longer or shorter in bytes than the query.  Searched,
 * in document order: each section's title,
 * then its blocks: paragraph and subheading text, list items, table caption,
 * column names and cells, quote text and attribution, FAQ questions and
 * answers, reference texts and URLs.  The first-page head (title, summary,
 * disclaimer) is not searched.  An empty query never matches.
 */
#ifndef HANDOUT_SEARCH_H
#define HANDOUT_SEARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "document.h"

/* A place in the document.  block, item and field mean what they mean in
 * struct layout_line (layout.h): block LAYOUT_HEADING (-1) is the section
 * title; item -1 a table's column names or a text block's only string,
 * item -2 a table's caption. */
/* Bytes of UTF-8 a search query may have (the reader's prompt and the
 * line mode both stop there). */
#define SEARCH_QUERY_MAX 256

struct search_match {
	size_t section;
	int block, item, field;
	int faq;                 /* FAQ item number when inside one, else -1 */
	size_t off;              /* byte offset of the match in its string */
	size_t len;              /* bytes matched in the string */
};

/* Find the next (dir > 0) or previous (dir < 0) match of query after /
 * before the place `from` (compared by section, block, item, field, off),
 * wrapping round the end of the document once.  A previous match
 * (from->len > 0) is skipped; a bare place (from->len == 0) counts as
 * "at or after" going forward.  With from == NULL the search starts at the
 * very beginning (dir > 0) or end (dir < 0).
 * Returns true and fills *match, or false when query occurs nowhere.
 * *wrapped (if not NULL) says whether the search went round the end. */
bool search_next(const struct document *doc, const char *query,
		 const struct search_match *from, int dir,
		 struct search_match *match, bool *wrapped);

/* Every match of query in doc, in the order search_next() finds them
 * going forward from the start, up to the end (no wrapping): fn(m, arg)
 * for each, until fn returns false.  One walk over the document, where
 * search_next() from match to match would scan a section again for each.
 * Returns the number of matches handed to fn. */
size_t search_each(const struct document *doc, const char *query,
		   bool (*fn)(const struct search_match *m, void *arg),
		   void *arg);

/* The string match m lies in: the one search_next() scanned at m's
 * section, block, item and field (so m->off indexes it), or NULL when m
 * names no string of doc.  For reading a match out in line mode. */
const char *search_match_text(const struct document *doc,
			      const struct search_match *m);

/* The first match of query in text[0..len) at or after byte `from` (a
 * character boundary): true with *at its offset and *n its length in
 * bytes, or false.  For highlighting, and the glossary. */
bool search_in(const char *text, size_t len, const char *query, size_t from,
	       size_t *at, size_t *n);

/* The one folding rule of search, for query and text alike: the
 * character in lower case (towlower(), so every script the C library's
 * UTF-8 tables know, in a UTF-8 locale), with a few that a keyboard
 * cannot easily type made equal to what it can: curly single quotes and
 * primes to ', curly double quotes to ", en and em dashes, the minus sign
 * and other hyphens to -, Turkish dotless i to i (and so both Turkish I's,
 * as towlower() makes dotted capital I an i), final sigma to sigma. */
uint32_t search_fold(uint32_t cp);

#endif
