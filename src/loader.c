/* loader.c - the loader's entry points: read the file safely, refuse
 * what is not UTF-8, run the schema reader, and hand back a whole document
 * or nothing.  (loader_events.c checks events; loader_schema.c walks the
 * schema; loader_impl.h is what they share.)
 */
#include "loader_impl.h"
#include "arena.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- entry points ---------------------------------------------------- */

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

/* A file read as libyaml asks for it, never held whole: up to the size
 * fstat() gave (a file that grows is read up to the size it had, which
 * passed the limit; one that shrinks is read as it now is).  The whole
 * file is read again only for the place of an error (loader_source()). */
struct file_input {
	int fd;
	size_t size, got;
	int err;                   /* errno of a failed read, or 0 */
};

static int file_input_read(void *data, unsigned char *buffer, size_t size,
			   size_t *size_read)
{
	struct file_input *in = data;
	size_t want = in->size - in->got;

	*size_read = 0;
	if (want > size)
		want = size;
	while (want) {
		ssize_t r = read(in->fd, buffer, want);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			in->err = errno;
			return 0;
		}
		*size_read = (size_t)r;
		in->got += (size_t)r;
		break;
	}
	return 1;
}

void loader_source(struct loader *l)
{
	struct file_input *in = l->input;
	unsigned char *buf;
	size_t got = 0;

	if (!in || l->own_buf)
		return;
	buf = malloc(in->size ? in->size : 1);
	if (!buf)
		return;                 /* the place falls back to the start */
	while (got < in->size) {
		ssize_t r = pread(in->fd, buf + got, in->size - got, (off_t)got);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	l->own_buf = buf;
	l->buf = buf;
	l->len = got;
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
		yaml_parser_set_input(&l->parser, file_input_read, l->input);
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

struct document *doc_load_buffer(const char *name, const char *buf, size_t len,
				 struct herror *err)
{
	struct loader l;

	memset(&l, 0, sizeof(l));
	l.name = name;
	l.buf = (const unsigned char *)buf;
	l.len = len;
	l.err = err;
	l.faq.size = sizeof(const struct faq_item *);
	l.related_marks.size = sizeof(yaml_mark_t);
	herror_set(err, HERR_OK, name, 0, 0, NULL);

	if (len > LOADER_MAX_FILE) {
		herror_set(err, HERR_TOOBIG, name, 0, 0,
			   "file is %zu bytes; the limit is %u MiB", len,
			   LOADER_MAX_FILE >> 20);
		return NULL;
	}
	return load(&l, err);
}

static const char *file_kind(mode_t mode)
{
	if (S_ISDIR(mode))
		return "a directory";
	if (S_ISFIFO(mode))
		return "a FIFO";
	if (S_ISCHR(mode) || S_ISBLK(mode))
		return "a device";
	if (S_ISSOCK(mode))
		return "a socket";
	return "not a regular file";
}

/* Open path for reading as an article: a regular file within the size
 * limit.  Returns the descriptor and fills *st, or -1 with *err set. */
static int open_checked(const char *path, struct stat *st, struct herror *err)
{
	/* O_NONBLOCK: opening a FIFO must not wait for a writer. */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);

	if (fd < 0) {
		herror_set(err, HERR_OPEN, path, 0, 0, "cannot open: %s",
			   strerror(errno));
		return -1;
	}
	if (fstat(fd, st)) {
		herror_set(err, HERR_READ, path, 0, 0, "cannot read: %s",
			   strerror(errno));
		close(fd);
		return -1;
	}
	if (!S_ISREG(st->st_mode)) {
		herror_set(err, HERR_NOTFILE, path, 0, 0,
			   "not a regular file (it is %s)",
			   file_kind(st->st_mode));
		close(fd);
		return -1;
	}
	if ((uintmax_t)st->st_size > LOADER_MAX_FILE) {
		herror_set(err, HERR_TOOBIG, path, 0, 0,
			   "file is %jd bytes; the limit is %u MiB",
			   (intmax_t)st->st_size, LOADER_MAX_FILE >> 20);
		close(fd);
		return -1;
	}
	return fd;
}

char *doc_read_file(const char *path, size_t *len, struct herror *err)
{
	struct file_input in = { -1, 0, 0, 0 };
	struct stat st;
	char *buf;
	int fd = open_checked(path, &st, err);

	if (fd < 0)
		return NULL;
	in.fd = fd;
	in.size = (size_t)st.st_size;
	buf = malloc(in.size + 1);
	if (!buf) {
		herror_set(err, HERR_NOMEM, path, 0, 0, NULL);
		close(fd);
		return NULL;
	}
	/* As doc_load() reads: up to the size fstat() gave. */
	while (in.got < in.size) {
		size_t size_read;

		if (!file_input_read(&in, (unsigned char *)buf + in.got,
				     in.size - in.got, &size_read) || !size_read)
			break;
	}
	close(fd);
	if (in.err) {
		herror_set(err, HERR_READ, path, 0, 0, "cannot read: %s",
			   strerror(in.err));
		free(buf);
		return NULL;
	}
	buf[in.got] = '\0';
	*len = in.got;
	herror_set(err, HERR_OK, path, 0, 0, NULL);
	return buf;
}

struct document *doc_load(const char *path, struct herror *err)
{
	struct file_input in = { -1, 0, 0, 0 };
	unsigned char head[4];
	struct document *d;
	struct loader l;
	struct stat st;
	size_t got = 0;
	int fd = open_checked(path, &st, err);

	if (fd < 0)
		return NULL;
	/* The first bytes, for the checks made before parsing. */
	in.fd = fd;
	in.size = (size_t)st.st_size;
	while (got < sizeof(head) && got < in.size) {
		size_t size_read;

		if (!file_input_read(&in, head + got, sizeof(head) - got,
				     &size_read) || !size_read)
			break;
		got += size_read;
	}
	if (in.err) {
		herror_set(err, HERR_READ, path, 0, 0, "cannot read: %s",
			   strerror(in.err));
		close(fd);
		return NULL;
	}
	memset(&l, 0, sizeof(l));
	l.name = path;
	l.buf = head;
	l.len = got;
	l.input = &in;
	l.err = err;
	l.faq.size = sizeof(const struct faq_item *);
	l.related_marks.size = sizeof(yaml_mark_t);
	herror_set(err, HERR_OK, path, 0, 0, NULL);
	/* libyaml reads on after the first bytes: it gets them again. */
	in.got = 0;
	if (lseek(fd, 0, SEEK_SET) < 0)
		in.err = errno;
	d = in.err ? NULL : load(&l, err);
	if (in.err) {
		herror_set(err, HERR_READ, path, 0, 0, "cannot read: %s",
			   strerror(in.err));
		doc_free(d);
		d = NULL;
	}
	close(fd);
	return d;
}
