/* import.h - a Markdown page -> a YAML draft of the article, as text.
 *
 * Contract:
 *  - The importer turns Markdown (CommonMark with GitHub tables, parsed by
 *    libcmark-gfm) into the text of an article in handout's YAML form
 *    (content/SCHEMA.md).  It never builds a struct document: the draft is
 *    text for an author to review and edit, and the loader is what reads it.
 *  - import_markdown() reads len bytes at md (need not be NUL-terminated).
 *    name stands for the file in messages, and the article's id is made
 *    from its base name.  On success it returns 0 and sets *out to the
 *    draft, malloc'd and NUL-terminated (the caller frees it with free()),
 *    and *out_len to its length without the NUL.  On failure it returns -1,
 *    *out is NULL and *err says why.  err must not be NULL.
 *  - Refused, like the loader refuses them: an empty file, more than
 *    LOADER_MAX_FILE bytes, bytes that are not UTF-8, control characters
 *    (but CR, for CR LF line ends) and bidirectional formatting characters,
 *    whether written as such or as character references (&#27;), a text or
 *    a list longer than the loader's limits, and a page with no text at all;
 *    also what cmark-gfm 0.29 spends quadratic time on: lines of more
 *    than 512 '|' (and too many wide ones), paragraphs full of unclosed
 *    "<?" or "<![CDATA[" (see check_pathological() in import.c).
 *    Errors read FILE:LINE:COLUMN (columns in characters, as the loader
 *    counts them) where the problem has a place.
 *  - The draft always loads: before it returns, import_markdown() runs the
 *    draft through doc_load_buffer().  If the draft does not load, that is
 *    a bug in the importer: it returns -1 with HERR_BUG and the loader's
 *    message, and the draft is not returned.
 *  - What the page has that the draft cannot carry (images and their
 *    captions, web furniture, link targets, HTML, front-matter keys with no
 *    place in the schema, ...) is reported, one warning a line, as
 *    "FILE:LINE:COLUMN: warning: ..." on warn (when not NULL), in the
 *    order of the page; those lines are terminal-safe (herror_format()).
 *    *nwarnings (when not NULL) gets how many there were.  Warnings are
 *    written on failure too.  Past IMPORT_MAX_WARNINGS, one line says how
 *    many more there were.
 *  - import_file() reads path with the loader's checks on the file
 *    (doc_read_file()), then does what import_markdown() does.
 *  - The rules that map a page to an article are in README.md ("Importing
 *    a Markdown page") and at the top of import_walk.c.
 */
#ifndef HANDOUT_IMPORT_H
#define HANDOUT_IMPORT_H

#include <stddef.h>
#include <stdio.h>

#include "error.h"
#include "loader_limits.h"          /* IMPORT_MAX_WARNINGS */

int import_markdown(const char *name, const char *md, size_t len, FILE *warn,
		    size_t *nwarnings, char **out, size_t *out_len,
		    struct herror *err);

int import_file(const char *path, FILE *warn, size_t *nwarnings, char **out,
		size_t *out_len, struct herror *err);

#endif
