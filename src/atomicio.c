/* atomicio.c - temporary file, fsync, rename, fsync the folder.
 *
 * The order matters: the data must be on disk before the rename makes it
 * the file (else a crash can leave an empty file under the real name), and
 * the folder must be synced after it (else the rename can be lost and the
 * old file come back, which is safe but loses the change).
 */
#include "config.h"
#include "atomicio.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
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
static int sync_dir(int dirfd)
{
	if (fsync(dirfd) < 0 && errno != EINVAL)
		return -1;
	return 0;
}

/* Without hard links: create the name exclusively and write it there.  Not
 * atomic against a crash, but it never replaces an existing file. */
static int write_exclusive(int dirfd, const char *name, const void *data,
			   size_t len, mode_t mode)
{
	int fd = openat(dirfd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
			O_CLOEXEC, mode);

	if (fd < 0)
		return -1;
	if (fchmod(fd, mode) < 0 || write_all(fd, data, len) < 0 ||
	    fsync(fd) < 0) {
		int saved = errno;
		close(fd);
		unlinkat(dirfd, name, 0);
		errno = saved;
		return -1;
	}
	return close(fd);
}

/* The temporary file: ".NAME." and ATOMIC_TMP_RANDOM letters or digits,
 * created exclusively, as mkstemp() does, but in the folder dirfd names,
 * which mkstemp() cannot do.  The name need not be unguessable, only
 * unlikely to be taken: O_EXCL makes it safe, a clash just tries again. */
static int make_temp(int dirfd, const char *name, char *tmp, size_t size)
{
	static const char abc[] =
		"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
	static unsigned long long counter;
	struct timespec now;

	if ((size_t)snprintf(tmp, size, ".%s.", name) + ATOMIC_TMP_RANDOM >= size) {
		errno = ENAMETOOLONG;
		return -1;
	}
	char *x = tmp + strlen(tmp);
	x[ATOMIC_TMP_RANDOM] = '\0';
	for (int tries = 0; tries < 100; tries++) {
		clock_gettime(CLOCK_REALTIME, &now);
		unsigned long long v = (unsigned long long)now.tv_nsec
			^ (unsigned long long)now.tv_sec << 30
			^ (unsigned long long)getpid() << 40
			^ ++counter * 0x9e3779b97f4a7c15ULL;
		for (int i = 0; i < ATOMIC_TMP_RANDOM; i++, v /= 62)
			x[i] = abc[v % 62];
		int fd = openat(dirfd, tmp, O_WRONLY | O_CREAT | O_EXCL |
				O_NOFOLLOW | O_CLOEXEC, 0600);
		if (fd >= 0 || errno != EEXIST)
			return fd;
	}
	return -1;
}

int atomic_write_at(int dirfd, const char *name, const void *data, size_t len,
		    mode_t mode, bool replace)
{
	char tmp[NAME_MAX + 1];
	int saved;

	int fd = make_temp(dirfd, name, tmp, sizeof tmp);
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
		if (renameat(dirfd, tmp, dirfd, name) < 0)
			goto fail;
	} else if (linkat(dirfd, tmp, dirfd, name, 0) < 0) {
		if (errno != EPERM && errno != ENOTSUP && errno != EOPNOTSUPP &&
		    errno != EMLINK)
			goto fail;
		unlinkat(dirfd, tmp, 0);
		if (write_exclusive(dirfd, name, data, len, mode) < 0)
			return -1;
	} else {
		unlinkat(dirfd, tmp, 0);
	}
	return sync_dir(dirfd);
fail:
	saved = errno;
	if (fd >= 0)
		close(fd);
	unlinkat(dirfd, tmp, 0);
	errno = saved;
	return -1;
}

int atomic_write(const char *dir, const char *name, const void *data,
		 size_t len, mode_t mode, bool replace)
{
	int dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (dirfd < 0)
		return -1;
	int r = atomic_write_at(dirfd, name, data, len, mode, replace);
	int saved = errno;
	close(dirfd);
	errno = saved;
	return r;
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
