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
 *  - The limits below are enforced while reading, so a hostile file costs
 *    bounded time and memory: the call stops at the first offending event.
 *  - doc_read_file() is the loader's way of opening a file, for readers of
 *    other formats (the Markdown importer) that must refuse what the loader
 *    refuses: it returns the whole file in a malloc'd buffer the caller
 *    frees, NUL-terminated (the NUL not counted in *len), or NULL with *err
 *    filled in.  It checks only the file (a regular file within
 *    LOADER_MAX_FILE), not what is in it.
 */
#ifndef HANDOUT_LOADER_H
#define HANDOUT_LOADER_H

#include <stddef.h>

#include "document.h"
#include "error.h"

#define LOADER_MAX_FILE   (64u << 20)   /* bytes in one file */
#define LOADER_MAX_DEPTH  16            /* nested lists and mappings */
#define LOADER_MAX_STRING (64u << 10)   /* bytes in one string */
#define LOADER_MAX_ITEMS  1000000       /* entries in one list or mapping */

/* Load and validate the article at path. */
struct document *doc_load(const char *path, struct herror *err);

/* The same from len bytes at buf (need not be NUL-terminated); name stands
 * for the file in messages and in doc->path. */
struct document *doc_load_buffer(const char *name, const char *buf, size_t len,
				 struct herror *err);

/* The whole file at path, with doc_load()'s checks on the file. */
char *doc_read_file(const char *path, size_t *len, struct herror *err);

#endif
