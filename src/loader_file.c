/* loader_file.c - opening an article file safely (its type and size, no
 * blocking) and reading it: as libyaml asks, from the start again for the
 * place of an error, or whole for the importer.
 */
#include "loader_file.h"
#include "loader_limits.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

int loader_file_open(struct loader_file *f, const char *path,
		     struct herror *err)
{
	/* O_NONBLOCK: opening a FIFO must not wait for a writer. */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	struct stat st;

	if (fd < 0) {
		herror_set(err, HERR_OPEN, path, 0, 0, "cannot open: %s",
			   strerror(errno));
		return -1;
	}
	if (fstat(fd, &st)) {
		herror_set(err, HERR_READ, path, 0, 0, "cannot read: %s",
			   strerror(errno));
	} else if (!S_ISREG(st.st_mode)) {
		herror_set(err, HERR_NOTFILE, path, 0, 0,
			   "not a regular file (it is %s)",
			   file_kind(st.st_mode));
	} else if ((uintmax_t)st.st_size > LOADER_MAX_FILE) {
		herror_set(err, HERR_TOOBIG, path, 0, 0,
			   "file is %jd bytes; the limit is %u MiB",
			   (intmax_t)st.st_size, LOADER_MAX_FILE >> 20);
	} else {
		f->fd = fd;
		f->path = path;
		f->size = (size_t)st.st_size;
		f->got = 0;
		f->err = 0;
		f->chunk = 0;
		return 0;
	}
	close(fd);
	return -1;
}

int loader_file_read(void *data, unsigned char *buffer, size_t size,
		     size_t *size_read)
{
	struct loader_file *f = data;
	size_t want = f->size - f->got;

	*size_read = 0;
	if (want > size)
		want = size;
	if (f->chunk && want > f->chunk)
		want = f->chunk;
	while (want) {
		ssize_t r = read(f->fd, buffer, want);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			f->err = errno;
			return 0;
		}
		*size_read = (size_t)r;
		f->got += (size_t)r;
		break;
	}
	return 1;
}

/* Up to size bytes from the start of the file into buf; the count read.
 * A failed read stops it and leaves its errno in *err. */
static size_t read_from_start(const struct loader_file *f, unsigned char *buf,
			      size_t size, int *err)
{
	size_t got = 0;

	if (size > f->size)
		size = f->size;
	while (got < size) {
		ssize_t r = pread(f->fd, buf + got, size - got, (off_t)got);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			*err = errno;
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	return got;
}

size_t loader_file_head(struct loader_file *f, unsigned char *buf,
			size_t size)
{
	return read_from_start(f, buf, size, &f->err);
}

unsigned char *loader_file_text(struct loader_file *f, size_t *len)
{
	unsigned char *buf = malloc(f->size ? f->size : 1);
	int ignored = 0;

	*len = buf ? read_from_start(f, buf, f->size, &ignored) : 0;
	return buf;
}

int loader_file_close(struct loader_file *f, struct herror *err)
{
	close(f->fd);
	f->fd = -1;
	if (!f->err)
		return 0;
	herror_set(err, HERR_READ, f->path, 0, 0, "cannot read: %s",
		   strerror(f->err));
	return -1;
}

char *doc_read_file(const char *path, size_t *len, struct herror *err)
{
	struct loader_file f;
	size_t got;
	char *buf;

	if (loader_file_open(&f, path, err))
		return NULL;
	buf = malloc(f.size + 1);
	if (!buf) {
		herror_set(err, HERR_NOMEM, path, 0, 0, NULL);
		loader_file_close(&f, err);
		return NULL;
	}
	got = read_from_start(&f, (unsigned char *)buf, f.size, &f.err);
	if (loader_file_close(&f, err)) {
		free(buf);
		return NULL;
	}
	buf[got] = '\0';
	*len = got;
	herror_set(err, HERR_OK, path, 0, 0, NULL);
	return buf;
}
