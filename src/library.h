/* library.h - a folder of articles: what the library screen lists, what a
 * search across it finds, and what --list and --validate DIR report.
 *
 * A clinic's folder may hold a thousand articles, so nothing is read before
 * it is needed:
 *  - library_open() reads only the folder's names.  An article is a name
 *    that ends in ".yaml", does not start with '.', and leads to a regular
 *    file; a symbolic link is followed wherever it points (a clinic may
 *    link in the packaged articles it wants), and a name that leads to
 *    anything else (a folder, a FIFO, a dangling link) is not an article.
 *    Subfolders are not entered.  Sorted by name (strcmp), at most
 *    LIBRARY_MAX_ARTICLES of them.
 *  - library_header() reads an article's header when it is first asked
 *    for, with doc_load_header() (loader.h), which stops reading the file
 *    at `sections`.  A screen asks only for the entries it shows.
 *  - library_doc() loads a whole article (doc_load()) when it is asked for.
 *  - library_search() reads the files of the articles not loaded and
 *    loads only those whose bytes hold every word of the query (see
 *    library.c for why that never hides a match), then searches them with
 *    search_each() (search.h).
 *
 * Contract:
 *  - The library owns everything it hands out.  Paths, headers and errors
 *    live until library_free().  A document from library_doc() lives until
 *    library_free() or the next library_doc() call for another article:
 *    the library keeps the documents it loaded within a budget
 *    (LIBRARY_KEEP_BYTES of their files' sizes, library_set_keep()),
 *    letting go of the least recently used first, but never of the one
 *    library_doc() returned last.  Search results live until the next
 *    search call (library_search*()) or library_free().  Nothing handed
 *    out is ever changed.  Not thread-safe.
 *  - An article that cannot be read stays in the list.  When its header
 *    cannot be read, library_header() and library_doc() return NULL; when
 *    only its body is at fault, library_header() works and library_doc()
 *    returns NULL.  library_error() then says why, in one herror
 *    (FILE:LINE:COLUMN where it has a place).  A failure is remembered:
 *    the file is not read again for the same thing.
 *  - Errors of library_open() itself (the folder cannot be read, holds no
 *    article or too many) come back in *err with a NULL library; err must
 *    not be NULL.  Out of memory later shows as an article's error
 *    (HERR_NOMEM) or as library_search()'s -1.
 *  - i is an index below library_count(); every function taking one
 *    requires it.
 */
#ifndef HANDOUT_LIBRARY_H
#define HANDOUT_LIBRARY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "document.h"
#include "error.h"
#include "search.h"

#define LIBRARY_MAX_ARTICLES 100000
#define LIBRARY_MAX_MATCHES  1000       /* a search stops there */
#define LIBRARY_KEEP_BYTES   (16u << 20)
/* A match's snippet: at most this many bytes of its string either side of
 * the match, and a section title at most LIBRARY_TITLE_MAX bytes. */
#define LIBRARY_SNIPPET_BEFORE 60
#define LIBRARY_SNIPPET_AFTER  100
#define LIBRARY_TITLE_MAX      200

struct library;

struct library *library_open(const char *dir, struct herror *err);

/* NULL is a no-op. */
void library_free(struct library *lib);

size_t library_count(const struct library *lib);

/* The folder as given to library_open(). */
const char *library_dir(const struct library *lib);

/* Article i's file: the folder and its name ("DIR/NAME.yaml"). */
const char *library_path(const struct library *lib, size_t i);

/* Article i's header, read on first use; NULL when it cannot be read. */
const struct doc_header *library_header(struct library *lib, size_t i);

/* Why article i could not be read, or NULL (nothing wrong, or not read). */
const struct herror *library_error(const struct library *lib, size_t i);

/* The index of the first article whose id is id (reading headers as far
 * as needed), or -1. */
long library_find(struct library *lib, const char *id);

/* Article i whole, loaded on first use; NULL when it cannot be (then
 * library_error() says why). */
const struct document *library_doc(struct library *lib, size_t i);

/* The budget of documents kept loaded, in their files' bytes: by default
 * LIBRARY_KEEP_BYTES; 0 keeps only the one library_doc() returned last.
 * Lowering it lets go of documents at once. */
void library_set_keep(struct library *lib, size_t bytes);

/* One match of a search across the library. */
struct library_match {
	size_t article;
	/* Where it is in library_doc(lib, article), for opening the article
	 * there (search_match_text() gives its string).  Should the file
	 * change before it is opened, m may name nothing: check. */
	struct search_match m;
	const char *section;       /* that section's title, cut to
				    * LIBRARY_TITLE_MAX bytes */
	/* The match and a little of its string around it, starting and
	 * ending at a word where it can, on one line ('\n' and '\t' made
	 * spaces): the match is snippet[at .. at + m.len). */
	const char *snippet;
	size_t at;
	bool cut_before, cut_after;   /* the string goes on beyond it */
};

struct library_results {
	size_t n;
	const struct library_match *items;   /* owned by the library; NULL
					      * when n is 0 */
	bool truncated;    /* there were more than LIBRARY_MAX_MATCHES */
	bool done;         /* every article searched (or truncated) */
};

/* Every match of query in every article, in library order and document
 * order within an article (as search_each() finds them), up to
 * LIBRARY_MAX_MATCHES.  Articles that cannot be read are skipped (their
 * errors are kept for library_error()).  Returns 0, or -1 when out of
 * memory (*out then holds no match and the search is over).  An empty or
 * NULL query matches nothing. */
int library_search(struct library *lib, const char *query,
		   struct library_results *out);

/* The same search a part at a time, for a screen that shows the first
 * matches at once however large the library: library_search_part() stops
 * once the results hold at least `want` matches (the article it stopped
 * in searched to its end), and library_search_more() goes on from there
 * until they hold at least `more` matches more, adding to the same
 * results: read out->items again, it may have moved.  out->done says
 * when nothing is left to search.  library_search() is
 * library_search_part() with want SIZE_MAX; library_search_more() after
 * it, or with no search, gives the results as they are. */
int library_search_part(struct library *lib, const char *query, size_t want,
			struct library_results *out);
int library_search_more(struct library *lib, size_t more,
			struct library_results *out);

/* --validate DIR: every article loaded whole, then the links between
 * them: an id that an earlier article already has, a `related` id that
 * no article has.  Each problem goes to out as one line,
 * FILE:LINE:COLUMN: message (herror_format()), articles in library order,
 * their own errors first and the links after.  Returns the number of
 * problems (0: all valid). */
size_t library_validate(struct library *lib, FILE *out);

#endif
