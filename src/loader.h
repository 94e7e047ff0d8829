/* loader.h - YAML article file -> validated, immutable struct document.
 *
 * Contract:
 *  - doc_load() and doc_load_buffer() return a whole document that obeys
 *    document.h and content/SCHEMA.md, or NULL with *err filled in; never a
 *    partial document.  The caller owns the document and frees it with
 *    doc_free().  err must not be NULL.
 *  - Nothing is kept from the arguments: path, name and buf may be freed as
 *    soon as the call returns (doc->path is a copy).
 *  - Errors carry the file name as given and a 1-based line and column when
 *    the problem has a place in the file; format them with herror_format().
 *  - doc_load_header() and doc_load_header_buffer() read the same file only
 *    up to its `sections` key (which the schema puts after every key but
 *    the body's) and stop reading there: a whole header, every key before
 *    `sections` checked as doc_load() checks it, or NULL with *err filled
 *    in, never a partial one.  Its error is the one doc_load() gives for
 *    that file whenever doc_load()'s lies before `sections` (libyaml reads
 *    a little ahead, so a fault just after the key may show in both).  A
 *    file whose header reads may still fail doc_load() on its body.  The
 *    caller frees the header with doc_header_free().
 *  - doc_load() first looks for the file's compiled form (doccache.h) in
 *    the cache folder that belongs with the running program (paths.h):
 *    when this program compiled exactly these bytes, their document is
 *    read back, checked again, and returned as if parsed.  Any miss means
 *    parsing, with no difference a caller can see.  doc_load_buffer()
 *    and the header reads always parse.
 *  - The limits (loader_limits.h, included here) are enforced while
 *    reading, so a hostile file costs bounded time and memory: the call
 *    stops at the first offending event.  doc_read_file() (loader_file.h)
 *    opens a file the way doc_load() does, for readers of other formats.
 */
#ifndef HANDOUT_LOADER_H
#define HANDOUT_LOADER_H

#include <stddef.h>

#include "document.h"
#include "error.h"
#include "loader_limits.h"

/* Load and validate the article at path. */
struct document *doc_load(const char *path, struct herror *err);

/* The same from len bytes at buf (need not be NUL-terminated); name stands
 * for the file in messages and in doc->path. */
struct document *doc_load_buffer(const char *name, const char *buf, size_t len,
				 struct herror *err);

/* The article's header only: what a list of articles shows of it. */
struct doc_header *doc_load_header(const char *path, struct herror *err);

struct doc_header *doc_load_header_buffer(const char *name, const char *buf,
					  size_t len, struct herror *err);

#endif
