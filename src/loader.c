/* loader.c - the loader's entry points: open the file (loader_file.c),
 * refuse what is not UTF-8, run the schema walk (loader_schema.c, over the
 * events loader_events.c checks), and hand back a whole document or
 * nothing.  The calls run down that list and never back up.
 */
#include "loader.h"
#include "loader_file.h"
#include "loader_schema.h"
#include "arena.h"

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

/* The loader proper, its input set up: l->buf and l->len hold the whole
 * text, or (l->input) its first bytes. */
static struct document *load(struct loader *l, struct herror *err)
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
		r = d->path ? loader_read_stream(l, d) : loader_nomem(l);
	}

	if (l->have_ev)
		yaml_event_delete(&l->ev);
	yaml_parser_delete(&l->parser);
	free(l->section_ids.slots);
	free(l->check_ids.slots);
	free(l->related_ids.slots);
	free(l->related_marks.p);
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
	l->related_marks.size = sizeof(yaml_mark_t);
	herror_set(err, HERR_OK, name, 0, 0, NULL);
}

struct document *doc_load_buffer(const char *name, const char *buf, size_t len,
				 struct herror *err)
{
	struct loader l;

	loader_init(&l, name, (const unsigned char *)buf, len, err);
	if (len > LOADER_MAX_FILE) {
		herror_set(err, HERR_TOOBIG, name, 0, 0,
			   "file is %zu bytes; the limit is %u MiB", len,
			   LOADER_MAX_FILE >> 20);
		return NULL;
	}
	return load(&l, err);
}

struct document *doc_load(const char *path, struct herror *err)
{
	struct document *d = NULL;
	struct loader_file f;
	unsigned char head[4];
	struct loader l;
	size_t got;

	if (loader_file_open(&f, path, err))
		return NULL;
	/* The first bytes, for the checks made before parsing; libyaml then
	 * reads the file from its start. */
	got = loader_file_head(&f, head, sizeof(head));
	if (!f.err) {
		loader_init(&l, path, head, got, err);
		l.input = &f;
		d = load(&l, err);
	}
	if (loader_file_close(&f, err)) {
		doc_free(d);
		d = NULL;
	}
	return d;
}
