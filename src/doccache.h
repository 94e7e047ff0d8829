/* doccache.h - an article's compiled form: the document the loader built
 * from one YAML text, kept so that the next reader of the same bytes need
 * not parse them again.
 *
 * Contract:
 *  - A cache holds the document doc_load_buffer() built from a text, and
 *    that text itself, under a key: a format version, the text's size and
 *    64-bit hash (doccache_hash()), and the key of the program that wrote
 *    it (its version, a fingerprint of the loader's sources, the libyaml
 *    it ran with).  A program whose key differs trusts none of it.  It is
 *    the same bytes on every architecture: fixed-width little-endian
 *    fields, counts and lengths, no pointers.  Its file is named by the
 *    hash, DOCCACHE_NAME_LEN characters ("%016x.cache"), so the same text
 *    at any path finds it.
 *  - A cache is untrusted input.  doccache_find() gives a document only
 *    when the file is whole (a checksum over all of it, every count and
 *    length inside it), carries this program's key, holds exactly the
 *    bytes of the article being opened (compared byte for byte, so even a
 *    text made to collide with the hash gains nothing), and describes a
 *    document that obeys document.h and content/SCHEMA.md: every string
 *    is checked again by validate.c's rules, every id, date and count as
 *    the loader checks them.  Anything else is a miss: NULL, nothing said,
 *    nothing left open or allocated; the caller parses the text instead.
 *    The document it gives is the caller's, freed with doc_free(), and is
 *    the one doc_load_buffer() builds from those bytes, doc->path aside.
 *  - Only files in the program's own cache folder are read (paths.h), and
 *    only those that are regular, owned by root or by this user, and
 *    writable by no one else: whoever can write there could replace the
 *    bundled articles too.  Nothing here writes but doccache_save(), which
 *    only `handout --compile` calls.
 *  - doccache_open() and doccache_decode() are doccache_find()'s two
 *    steps over a cache already in memory, for tests and the fuzzer:
 *    open checks the frame (magic, version, key, sizes, checksum) and
 *    points into buf; decode builds the document from the frame's payload
 *    or gives NULL.  Neither keeps buf after it returns.
 *  - doccache_encode() writes doc's cache for text into a malloc'd buffer
 *    the caller frees; doccache_save() writes it atomically as
 *    DIR/NAME (atomicio.h), creating DIR if need be.  Both -1 on failure
 *    (save with *err filled in: HERR_NOMEM, HERR_TOOBIG or HERR_WRITE).
 *
 * The frame (offsets in bytes, integers little-endian):
 *    0  8  magic "HOCACHE\n"
 *    8  4  format version (DOCCACHE_FORMAT)
 *   12  4  length K of the program key
 *   16  8  size of the text
 *   24  8  doccache_hash() of the text
 *   32  8  length of the body (what follows the header)
 *   40  8  doccache_hash() of the body
 *   48     body: the key (K bytes), the text, the document's payload;
 *          the key and the text each padded with zero bytes to a
 *          multiple of 32 (a block of the hash)
 * The payload is read front to back (doccache.c lists its order); a string
 * is its length (u32; 0 for an absent optional one), its bytes and a NUL.
 */
#ifndef HANDOUT_DOCCACHE_H
#define HANDOUT_DOCCACHE_H

#include <stddef.h>
#include <stdint.h>

#include "document.h"
#include "error.h"

#define DOCCACHE_FORMAT 1
#define DOCCACHE_HEADER 48
/* "0123456789abcdef.cache" */
#define DOCCACHE_NAME_LEN 22

/* A 64-bit hash of n bytes, eight at a time in four lanes: names a cache
 * and checks it whole.  Not cryptographic: a text is matched byte for
 * byte besides. */
uint64_t doccache_hash(const void *p, size_t n);

/* The file name of the cache for a text of that hash, into name (at least
 * DOCCACHE_NAME_LEN + 1 bytes). */
void doccache_name(uint64_t hash, char *name);

/* The key this program writes and accepts (static, NUL-terminated). */
const char *doccache_key(void);

/* The document of the size bytes of the file open as fd (read with
 * pread(), so its offset does not move), from a cache in dir; doc->path
 * is name.  NULL on any miss. */
struct document *doccache_find(const char *dir, const char *name, int fd,
			       size_t size);

struct doccache_frame {
	const unsigned char *text;     /* the text the cache was made from */
	size_t size;
	uint64_t hash;                 /* as the header says: doccache_find()
					* holds it against the article's */
	const unsigned char *payload;  /* the document */
	size_t payload_len;
};

/* Check the frame of the n bytes at buf: 0 with *f pointing into buf, or
 * -1 for a file that is not a whole cache of this program's key. */
int doccache_open(const unsigned char *buf, size_t n, struct doccache_frame *f);

/* The document in f's payload, doc->path a copy of name, or NULL when it
 * is not one that the loader would build. */
struct document *doccache_decode(const struct doccache_frame *f,
				 const char *name);

/* doc's cache, text being what it was loaded from: *out (malloc'd) and
 * *outlen, or -1 when out of memory or over the size a cache may have. */
int doccache_encode(const struct document *doc, const void *text, size_t len,
		    unsigned char **out, size_t *outlen);

/* Write doc's cache for text into dir, its file name into name (at least
 * DOCCACHE_NAME_LEN + 1 bytes).  0, or -1 with *err filled in. */
int doccache_save(const char *dir, const struct document *doc,
		  const void *text, size_t len, char *name,
		  struct herror *err);

#endif
