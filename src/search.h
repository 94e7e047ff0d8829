/* search.h - finding text anywhere in a document.
 *
 * Contract: pure functions over an immutable document; no allocation.
 * Matching is case-insensitive for ASCII letters; other bytes (UTF-8)
 * must match exactly.  Searched, in document order: each section's title,
 * then its blocks: paragraph and subheading text, list items, table caption,
 * column names and cells, quote text and attribution, FAQ questions and
 * answers, reference texts and URLs.  The first-page head (title, summary,
 * disclaimer) is not searched.  An empty query never matches.
 */
#ifndef HANDOUT_SEARCH_H
#define HANDOUT_SEARCH_H

#include <stdbool.h>
#include <stddef.h>

#include "document.h"

/* A place in the document.  block, item and field mean what they mean in
 * struct layout_line (layout.h): block LAYOUT_HEADING (-1) is the section
 * title; item -1 a table's column names or a text block's only string,
 * item -2 a table's caption. */
struct search_match {
	size_t section;
	int block, item, field;
	int faq;                 /* FAQ item number when inside one, else -1 */
	size_t off;              /* byte offset of the match in its string */
	size_t len;              /* bytes matched (the query's length) */
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

/* The string match m lies in: the one search_next() scanned at m's
 * section, block, item and field (so m->off indexes it), or NULL when m
 * names no string of doc.  For reading a match out in line mode. */
const char *search_match_text(const struct document *doc,
			      const struct search_match *m);

/* The first match of query in text[0..len) at or after byte `from`:
 * true and *at set to its offset, or false.  For highlighting. */
bool search_in(const char *text, size_t len, const char *query, size_t from,
	       size_t *at);

#endif
