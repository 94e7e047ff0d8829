/* atomicio.c - temporary file, fsync, rename, fsync the folder.
 *
 * The order matters: the data must be on disk before the rename makes it
 * the file (else a crash can leave an empty file under the real name), and
 * the folder must be synced after it (else the rename can be lost and the
 * old file come back, which is safe but loses the change).
 */
#include "atomicio.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int write_all(int fd, const char *p, size_t len)
{
	while (len) {
		ssize_t n = write(fd, p, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (n == 0) {
			/* Nothing written and no reason given: a full disk. */
			errno = ENOSPC;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Sync the folder so a rename or link in it survives a crash.  File
 * systems that cannot sync folders say EINVAL; that is not a failure. */
static int sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int r = 0;

	if (fd < 0)
		return -1;
	if (fsync(fd) < 0 && errno != EINVAL)
		r = -1;
	int saved = errno;
	close(fd);
	errno = saved;
	return r;
}

/* Without hard links: create the name exclusively and write it there.  Not
 * atomic against a crash, but it never replaces an existing file. */
static int write_exclusive(const char *path, const void *data, size_t len,
			   mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);

	if (fd < 0)
		return -1;
	if (fchmod(fd, mode) < 0 || write_all(fd, data, len) < 0 ||
	    fsync(fd) < 0) {
		int saved = errno;
		close(fd);
		unlink(path);
		errno = saved;
		return -1;
	}
	return close(fd);
}

int atomic_write(const char *dir, const char *name, const void *data,
		 size_t len, mode_t mode, bool replace)
{
	char path[PATH_MAX], tmp[PATH_MAX];
	int saved;

	if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, name) >= sizeof path ||
	    (size_t)snprintf(tmp, sizeof tmp, "%s/.%s.XXXXXX", dir, name) >= sizeof tmp) {
		errno = ENAMETOOLONG;
		return -1;
	}
	int fd = mkstemp(tmp);
	if (fd < 0)
		return -1;
	if (fchmod(fd, mode) < 0 || write_all(fd, data, len) < 0 ||
	    fsync(fd) < 0)
		goto fail;
	if (close(fd) < 0) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (replace) {
		if (rename(tmp, path) < 0)
			goto fail;
	} else if (link(tmp, path) < 0) {
		if (errno != EPERM && errno != ENOTSUP && errno != EOPNOTSUPP &&
		    errno != EMLINK)
			goto fail;
		unlink(tmp);
		if (write_exclusive(path, data, len, mode) < 0)
			return -1;
	} else {
		unlink(tmp);
	}
	return sync_dir(dir);
fail:
	saved = errno;
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	errno = saved;
	return -1;
}

int atomic_mkdirs(const char *path, mode_t mode)
{
	char buf[PATH_MAX];
	struct stat sb;
	size_t len = strlen(path);

	if (len == 0 || len >= sizeof buf) {
		errno = len ? ENAMETOOLONG : ENOENT;
		return -1;
	}
	memcpy(buf, path, len + 1);
	/* Each prefix ending before a '/', then the whole path. */
	for (size_t i = 1; i <= len; i++) {
		if (buf[i] != '/' && buf[i] != '\0')
			continue;
		if (buf[i - 1] == '/')
			continue;          /* "a//b" */
		char c = buf[i];
		buf[i] = '\0';
		if (mkdir(buf, mode) < 0) {
			int saved = errno;
			if (saved != EEXIST) {
				errno = saved;
				return -1;
			}
			/* EEXIST also for a file: say what is in the way. */
			if (stat(buf, &sb) < 0)
				return -1;
			if (!S_ISDIR(sb.st_mode)) {
				errno = ENOTDIR;
				return -1;
			}
		}
		buf[i] = c;
	}
	return 0;
}
