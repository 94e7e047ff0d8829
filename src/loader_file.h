/* loader_file.h - the bottom of the loader: an article file opened safely
 * and read as libyaml asks for it, never held whole.
 *
 * Contract:
 *  - loader_file_open() opens path for reading as an article: a regular
 *    file within LOADER_MAX_FILE, opened without waiting (a FIFO has no
 *    writer to wait for).  It fills *f and returns 0, or returns -1 with
 *    *err set (HERR_OPEN, HERR_READ, HERR_NOTFILE or HERR_TOOBIG) and
 *    nothing to close.  f keeps path for messages: path must outlive f.
 *  - The file is read up to the size it had when opened, which passed the
 *    limit: one that grows meanwhile is read up to that size, one that
 *    shrinks as it now is.
 *  - loader_file_read() is a libyaml read handler (yaml_read_handler_t)
 *    whose data is the struct loader_file; it reads on from where it
 *    stopped.  A failed read ends the input as if the file ended there and
 *    keeps its errno in f->err.
 *  - loader_file_head() and loader_file_text() read from the start of the
 *    file without moving loader_file_read()'s place: the first bytes into
 *    buf (the count read; a failure sets f->err), or the whole text again
 *    in a malloc'd buffer the caller frees (*len bytes, NULL with *len 0
 *    when out of memory; a failed read gives what came before it).
 *  - loader_file_close() closes the file: 0, or -1 with *err set to
 *    HERR_READ when a read failed, whatever else err held.
 *  - doc_read_file() is the same way in for readers of other formats (the
 *    Markdown importer) that must refuse what the loader refuses: the
 *    whole file at path in a malloc'd buffer the caller frees,
 *    NUL-terminated (the NUL not counted in *len), or NULL with *err
 *    filled in.  It checks only the file, not what is in it.
 */
#ifndef HANDOUT_LOADER_FILE_H
#define HANDOUT_LOADER_FILE_H

#include <stddef.h>

#include "error.h"

struct loader_file {
	int fd;
	const char *path;          /* the caller's, for messages */
	size_t size;               /* what fstat() gave when opened */
	size_t got;                /* read so far by loader_file_read() */
	int err;                   /* errno of a failed read, or 0 */
	size_t chunk;              /* the most one loader_file_read() reads,
				    * for a reader that stops early; 0 (as
				    * opened): as much as libyaml asks */
};

int loader_file_open(struct loader_file *f, const char *path,
		     struct herror *err);

int loader_file_read(void *f, unsigned char *buffer, size_t size,
		     size_t *size_read);

size_t loader_file_head(struct loader_file *f, unsigned char *buf,
			size_t size);

unsigned char *loader_file_text(struct loader_file *f, size_t *len);

int loader_file_close(struct loader_file *f, struct herror *err);

char *doc_read_file(const char *path, size_t *len, struct herror *err);

#endif
