/* loader.c - the loader's entry points: open the file (loader_file.c),
 * take its compiled form when this program compiled exactly these bytes
 * (doccache.c), else refuse what is not UTF-8, run the schema walk
 * (loader_schema.c, over the events loader_events.c checks), and hand back
 * a whole document or nothing; or, read only as far as `sections`, a whole
 * header or nothing.  The calls run down that list and never back up.
 */
#include "loader.h"
#include "loader_file.h"
#include "loader_schema.h"
#include "arena.h"
#include "doccache.h"
#include "paths.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* Refuse what libyaml would otherwise decode or misread: UTF-16 and UTF-32
 * (with or without a byte-order mark) are not UTF-8. */
static int loader_check_encoding(struct loader *l)
{
	const unsigned char *b = l->buf;
	size_t n = l->len < 4 ? l->len : 4;

	if (l->len >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) ||
			    (b[0] == 0xFE && b[1] == 0xFF)))
		return loader_fail_at(l, HERR_ENCODING, 1, 1,
				      "not UTF-8: the file starts with a UTF-16 byte-order mark; save it as UTF-8");
	/* YAML text starts with a printable character, so a NUL among the
	 * first bytes means a wide encoding without a byte-order mark. */
	for (size_t i = 0; i < n; i++)
		if (!b[i])
			return loader_fail_at(l, HERR_ENCODING, 1, 1,
					      "not UTF-8: the file looks like UTF-16 or UTF-32; save it as UTF-8");
	return 0;
}

/* How much of the stream a load reads: loader_read_stream() or
 * loader_read_header(). */
typedef int (*walk_fn)(struct loader *l, struct document *d);

/* The loader proper, its input set up: l->buf and l->len hold the whole
 * text, or (l->input) its first bytes. */
static struct document *load(struct loader *l, struct herror *err,
			     walk_fn walk)
{
	struct document *d = NULL;
	int r = -1;

	if (!l->len) {
		herror_set(err, HERR_EMPTY, l->name, 0, 0,
			   "empty file: no YAML document in it");
		return NULL;
	}
	if (loader_check_encoding(l))
		return NULL;
	if (!yaml_parser_initialize(&l->parser)) {
		herror_set(err, HERR_NOMEM, l->name, 0, 0, NULL);
		return NULL;
	}
	if (l->input) {
		yaml_parser_set_input(&l->parser, loader_file_read, l->input);
		/* Only the first bytes were read, for the check above. */
		l->buf = NULL;
		l->len = 0;
	} else {
		yaml_parser_set_input_string(&l->parser, l->buf, l->len);
	}
	l->arena = arena_new();
	if (l->arena)
		d = arena_alloc(l->arena, sizeof(*d));
	if (!d) {
		loader_nomem(l);
	} else {
		memset(d, 0, sizeof(*d));
		d->arena = l->arena;
		d->path = arena_strndup(l->arena, l->name, strlen(l->name));
		r = d->path ? walk(l, d) : loader_nomem(l);
	}

	if (l->have_ev)
		yaml_event_delete(&l->ev);
	yaml_parser_delete(&l->parser);
	free(l->section_ids.slots);
	free(l->check_ids.slots);
	free(l->related_ids.slots);
	free(l->faq.p);
	free(l->own_buf);
	if (r) {
		arena_free(l->arena);
		return NULL;
	}
	return d;
}

/* l reads len bytes at buf, under name, into err. */
static void loader_init(struct loader *l, const char *name,
			const unsigned char *buf, size_t len, struct herror *err)
{
	memset(l, 0, sizeof(*l));
	l->name = name;
	l->buf = buf;
	l->len = len;
	l->err = err;
	l->faq.size = sizeof(const struct faq_item *);
	herror_set(err, HERR_OK, name, 0, 0, NULL);
}

static struct document *load_buffer(struct loader *l, const char *name,
				    const char *buf, size_t len,
				    struct herror *err, walk_fn walk)
{
	loader_init(l, name, (const unsigned char *)buf, len, err);
	if (len > LOADER_MAX_FILE) {
		herror_set(err, HERR_TOOBIG, name, 0, 0,
			   "file is %zu bytes; the limit is %u MiB", len,
			   LOADER_MAX_FILE >> 20);
		return NULL;
	}
	return load(l, err, walk);
}

/* The file at path through walk; chunk: the most to read at a time
 * (loader_file.h), 0 for no limit; with compiled, its compiled form
 * (doccache.h) stands for a whole read when there is one. */
static struct document *load_path(struct loader *l, const char *path,
				  struct herror *err, walk_fn walk,
				  size_t chunk, bool compiled)
{
	struct document *d = NULL;
	struct loader_file f;
	unsigned char head[4];
	size_t got;

	if (loader_file_open(&f, path, err))
		return NULL;
	f.chunk = chunk;
	/* Bytes this program has checked already, when they were compiled:
	 * their document, read back and checked again, but not parsed.  A
	 * miss of any kind is silent and leaves the file where it was. */
	if (compiled)
		d = doccache_find(paths_cache_dir(), path, f.fd, f.size);
	if (d) {
		/* Nothing was read through f: closing it cannot fail. */
		loader_file_close(&f, err);
		herror_set(err, HERR_OK, path, 0, 0, NULL);
		return d;
	}
	/* The first bytes, for the checks made before parsing; libyaml then
	 * reads the file from its start. */
	got = loader_file_head(&f, head, sizeof(head));
	if (!f.err) {
		loader_init(l, path, head, got, err);
		l->input = &f;
		d = load(l, err, walk);
	}
	if (loader_file_close(&f, err)) {
		doc_free(d);
		d = NULL;
	}
	return d;
}

struct document *doc_load_buffer(const char *name, const char *buf, size_t len,
				 struct herror *err)
{
	struct loader l;

	return load_buffer(&l, name, buf, len, err, loader_read_stream);
}

struct document *doc_load(const char *path, struct herror *err)
{
	struct loader l;

	return load_path(&l, path, err, loader_read_stream, 0, true);
}

/* ---- the header alone ------------------------------------------------ */

#define HEADER_CHUNK 4096

static size_t str_size(const char *s)
{
	return s ? strlen(s) + 1 : 0;
}

/* Copy s (or NULL) to *at, moving *at on past it. */
static const char *str_put(char **at, const char *s)
{
	char *p = *at;
	size_t n = str_size(s);

	if (!s)
		return NULL;
	memcpy(p, s, n);
	*at += n;
	return p;
}

/* The header of d, read by loader_read_header() with l, in one block of
 * memory at its exact size, so a library of a thousand keeps a thousand
 * small blocks and no arena. */
static struct doc_header *header_of(const struct document *d,
				    const struct loader *l, struct herror *err)
{
	const char *const strs[] = {
		d->path, d->id, d->title, d->summary, d->publisher, d->updated,
		d->reviewed
	};
	size_t size = sizeof(struct doc_header) +
		      d->nrelated * sizeof(struct related_ref);
	struct related_ref *rel;
	struct doc_header *h;
	char *at;

	for (size_t i = 0; i < sizeof(strs) / sizeof(strs[0]); i++)
		size += str_size(strs[i]);
	for (size_t i = 0; i < d->nrelated; i++)
		size += str_size(d->related[i].id);
	h = malloc(size);
	if (!h) {
		herror_set(err, HERR_NOMEM, d->path, 0, 0, NULL);
		return NULL;
	}
	rel = (struct related_ref *)(h + 1);
	at = (char *)(rel + d->nrelated);
	h->path = str_put(&at, d->path);
	h->id = str_put(&at, d->id);
	h->id_line = l->id_line;
	h->id_column = l->id_column;
	h->title = str_put(&at, d->title);
	h->summary = str_put(&at, d->summary);
	h->publisher = str_put(&at, d->publisher);
	h->updated = str_put(&at, d->updated);
	h->reviewed = str_put(&at, d->reviewed);
	h->nrelated = d->nrelated;
	h->related = d->nrelated ? rel : NULL;
	for (size_t i = 0; i < d->nrelated; i++) {
		rel[i] = d->related[i];
		rel[i].id = str_put(&at, d->related[i].id);
	}
	return h;
}

/* The scratch document a header was read into becomes the header. */
static struct doc_header *header_from(struct document *d,
				      const struct loader *l,
				      struct herror *err)
{
	struct doc_header *h = d ? header_of(d, l, err) : NULL;

	doc_free(d);
	return h;
}

struct doc_header *doc_load_header(const char *path, struct herror *err)
{
	struct loader l;
	/* libyaml asks for 16 KiB at a time; a header is most often a
	 * fraction of that, and a list of a thousand headers reads each.
	 * Never compiled: a compiled form is found by reading all of it. */
	struct document *d = load_path(&l, path, err, loader_read_header,
				       HEADER_CHUNK, false);

	return header_from(d, &l, err);
}

struct doc_header *doc_load_header_buffer(const char *name, const char *buf,
					  size_t len, struct herror *err)
{
	struct loader l;
	struct document *d = load_buffer(&l, name, buf, len, err,
					  loader_read_header);

	return header_from(d, &l, err);
}
