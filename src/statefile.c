/* statefile.c - finding, reading, checking, merging and atomically writing
 * the per-article state file (format and rules in statefile.h).
 *
 * The file is read whole into memory and checked completely before any of
 * it is used, so a bad line late in the file cannot leave the reader half
 * restored.
 *
 * Several sessions of one user share the file (two terminals, a dropped
 * SSH link and the new login, the reader and the line mode).  So a save
 * never writes a session's whole memory over the file: under a lock it
 * reads the file again and changes in it only what this session changed
 * since its last save - the items it ticked or unticked, and its place if
 * it moved.  The session learns the others' ticks from the same re-read,
 * and from statefile_refresh() when the file is no longer the one it
 * last saw.
 */
#include "config.h"
#include "statefile.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "atomicio.h"
#include "utf8.h"
#include "validate.h"

#define SUFFIX ".state"
#define BAD_SUFFIX ".bad"
#define LOCK_SUFFIX ".lock"
/* Room in a file name beyond ID.state: the temporary file's, the lock's
 * and a set-aside copy's ".20261126T101500Z-99.bad". */
#define NAME_EXTRA 32
#define MAX_FIELDS 6
/* How long a save waits for another session's save to finish. */
#define LOCK_WAIT_MS 2000
#define LOCK_STEP_MS 10

/* Which file the path named when it was last read or written: a save
 * replaces the file by a rename, so any change shows in these. */
struct file_id {
	bool exists;
	dev_t dev;
	ino_t ino;
	off_t size;
	struct timespec mtime, ctime;
};

struct statefile {
	char dir[PATH_MAX];
	char name[NAME_MAX + 1];     /* ID.state */
	char lock[NAME_MAX + 8];     /* .ID.state.lock */
	char path[PATH_MAX + NAME_MAX + 2];
	bool readonly;               /* never write: the file could not be
	                                read, or the folder is not safe */
	size_t nchecks;

	/* what statefile_load() found, checked against the document */
	bool loaded;
	bool *checked;               /* nchecks entries */
	size_t section;
	bool have_place;
	struct anchor place;

	/* this session's side of the merge */
	struct file_id seen;         /* the file as last read or written */
	bool *known;                 /* the ticks the reader's state was last
	                                seen with or given */
	bool *changed;               /* items this session ticked or unticked
	                                since its last save (value: known) */
	size_t mine_section;         /* the place this session last loaded or */
	bool mine_have_place;        /* saved: it writes its place only when */
	struct anchor mine_place;    /* the reader has moved from it */

	/* the failure last reported, so a full disk is said once, not per key */
	bool failing;
	int fail_errno;

	/* every distinct warning given, for statefile_warning() */
	struct herror said[STATEFILE_SAID_MAX];
	size_t nsaid;
};

/* ---- where -------------------------------------------------------- */

int statefile_dir(char *buf, size_t size)
{
	const char *xdg = getenv("XDG_STATE_HOME");
	const char *home;

	/* The XDG spec: a relative path is invalid and must be ignored. */
	if (xdg && xdg[0] == '/') {
		if ((size_t)snprintf(buf, size, "%s/handout", xdg) < size)
			return 0;
		buf[0] = '\0';
		return -2;
	}
	home = getenv("HOME");
	if (!home || home[0] != '/') {
		struct passwd *pw = getpwuid(getuid());
		home = pw ? pw->pw_dir : NULL;
	}
	if (size)
		buf[0] = '\0';
	if (!home || home[0] != '/')
		return -1;
	if ((size_t)snprintf(buf, size, "%s/.local/state/handout", home) >= size) {
		buf[0] = '\0';
		return -2;
	}
	return 0;
}

struct statefile *statefile_open(const struct document *doc, const char *dir,
				 struct herror *warn)
{
	struct statefile *sf;
	char where[PATH_MAX];

	herror_set(warn, HERR_OK, NULL, 0, 0, NULL);
	if (!dir) {
		int r = statefile_dir(where, sizeof where);
		if (r == -1) {
			herror_set(warn, HERR_NOHOME, NULL, 0, 0,
				   "no home folder to keep the reader's state in; "
				   "ticks will not be saved");
			return NULL;
		}
		if (r < 0) {
			herror_set(warn, HERR_TOOLONG, NULL, 0, 0,
				   "the state folder's path is too long; ticks "
				   "will not be saved");
			return NULL;
		}
		dir = where;
	}
	if (strlen(doc->id) + strlen(SUFFIX) + NAME_EXTRA > NAME_MAX ||
	    strlen(dir) + 1 + NAME_MAX >= PATH_MAX) {
		herror_set(warn, HERR_TOOLONG, NULL, 0, 0,
			   "the article id or state folder is too long for a "
			   "file name; ticks will not be saved");
		return NULL;
	}
	sf = calloc(1, sizeof *sf);
	if (sf) {
		/* One spare element each: calloc(0) may return NULL. */
		sf->checked = calloc(doc->nchecks + 1, sizeof *sf->checked);
		sf->known = calloc(doc->nchecks + 1, sizeof *sf->known);
		sf->changed = calloc(doc->nchecks + 1, sizeof *sf->changed);
	}
	if (!sf || !sf->checked || !sf->known || !sf->changed) {
		if (sf) {
			free(sf->checked);
			free(sf->known);
			free(sf->changed);
		}
		free(sf);
		herror_set(warn, HERR_NOMEM, NULL, 0, 0, NULL);
		return NULL;
	}
	sf->nchecks = doc->nchecks;
	snprintf(sf->dir, sizeof sf->dir, "%s", dir);
	snprintf(sf->name, sizeof sf->name, "%s%s", doc->id, SUFFIX);
	snprintf(sf->lock, sizeof sf->lock, ".%s%s", sf->name, LOCK_SUFFIX);
	snprintf(sf->path, sizeof sf->path, "%s/%s", sf->dir, sf->name);
	return sf;
}

void statefile_close(struct statefile *sf)
{
	if (!sf)
		return;
	free(sf->checked);
	free(sf->known);
	free(sf->changed);
	free(sf);
}

const char *statefile_path(const struct statefile *sf)
{
	return sf ? sf->path : "";
}

/* A warning goes back to the caller and is kept for the exit, once. */
static void tell(struct statefile *sf, const struct herror *warn)
{
	if (warn->code == HERR_OK)
		return;
	for (size_t i = 0; i < sf->nsaid; i++)
		if (sf->said[i].code == warn->code &&
		    !strcmp(sf->said[i].detail, warn->detail) &&
		    !strcmp(sf->said[i].file, warn->file))
			return;
	if (sf->nsaid < STATEFILE_SAID_MAX)
		sf->said[sf->nsaid++] = *warn;
}

const char *statefile_brief(const struct herror *w, char *buf, size_t size)
{
	struct herror brief = *w;
	char detail[sizeof w->detail + 16];

	brief.file[0] = '\0';
	brief.line = brief.column = 0;
	herror_format(&brief, detail, sizeof detail);
	snprintf(buf, size, "State file: %s", detail);
	if (size && strlen(buf) == size - 1)
		buf[utf8_cut(buf, size - 1, size - 1)] = '\0';
	return buf;
}

const struct herror *statefile_warning(const struct statefile *sf, size_t i)
{
	return sf && i < sf->nsaid ? &sf->said[i] : NULL;
}

/* ---- the folder, the lock, leftovers ------------------------------- */

/* The folder is not safe to keep state in: say why, and use no state
 * at all this run - neither read nor written. */
static int refuse(struct statefile *sf, struct herror *warn, const char *why)
{
	sf->readonly = true;
	sf->loaded = false;
	herror_set(warn, HERR_UNSAFE, sf->dir, 0, 0,
		   "%s; the ticks and place are not read or saved", why);
	return -2;
}

/* The state folder, open, checked: not a symbolic link (which could lead
 * anywhere, another user's folder included), the user's own, and private
 * (an existing folder open to others loses the group's and others' bits).  With create, missing
 * folders are made first.  A descriptor; -1 with errno when it is not
 * there or cannot be made; -2 when it is refused (warn says why). */
static int open_dir(struct statefile *sf, bool create, struct herror *warn)
{
	struct stat sb;

	if (lstat(sf->dir, &sb) == 0 && S_ISLNK(sb.st_mode))
		return refuse(sf, warn, "the state folder is a symbolic link");
	if (create && atomic_mkdirs(sf->dir, 0700) < 0)
		return -1;
	int fd = open(sf->dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		/* Made a link between the lstat() and the open(). */
		if (errno == ELOOP)
			return refuse(sf, warn, "the state folder is a symbolic link");
		return -1;
	}
	if (fstat(fd, &sb) < 0) {
		int saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	if (sb.st_uid != geteuid()) {
		close(fd);
		return refuse(sf, warn, "the state folder belongs to another user");
	}
	/* Tightened, never loosened: a folder the user made read-only for
	 * themselves stays so. */
	if ((sb.st_mode & 077) && fchmod(fd, sb.st_mode & 0700) < 0) {
		char why[160];
		snprintf(why, sizeof why, "the state folder is open to others "
			 "(mode %03o) and cannot be made private (%s)",
			 (unsigned)(sb.st_mode & 07777), strerror(errno));
		close(fd);
		return refuse(sf, warn, why);
	}
	return fd;
}

static void sleep_ms(long ms)
{
	struct timespec t = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&t, NULL);
}

/* The lock every save holds from its re-read to its rename: a descriptor,
 * or -1 with errno (EBUSY when another session held it for too long).
 * Without wait, a lock that is taken is -1 at once. */
static int take_lock(const struct statefile *sf, int dirfd, bool wait)
{
	int fd = openat(dirfd, sf->lock, O_RDWR | O_CREAT | O_NOFOLLOW |
			O_NONBLOCK | O_CLOEXEC, 0600);
	struct stat sb;

	/* A read-only folder: an existing lock still locks. */
	if (fd < 0 && (errno == EROFS || errno == EACCES))
		fd = openat(dirfd, sf->lock, O_RDONLY | O_NOFOLLOW | O_NONBLOCK |
			    O_CLOEXEC);
	if (fd < 0)
		return -1;
	if (fstat(fd, &sb) < 0 || !S_ISREG(sb.st_mode)) {
		close(fd);
		errno = EBUSY;
		return -1;
	}
	for (long waited = 0;; waited += LOCK_STEP_MS) {
		if (flock(fd, LOCK_EX | LOCK_NB) == 0)
			return fd;
		if (errno != EWOULDBLOCK && errno != EINTR)
			break;
		if (!wait || waited >= LOCK_WAIT_MS) {
			errno = EBUSY;
			break;
		}
		sleep_ms(LOCK_STEP_MS);
	}
	int saved = errno;
	close(fd);
	errno = saved;
	return -1;
}

static void drop_lock(int fd)
{
	if (fd >= 0)
		close(fd);      /* closing releases the flock */
}

/* A temporary file of a save of ours (atomicio.h): ".ID.state.XXXXXX". */
static bool is_our_temp(const struct statefile *sf, const char *entry)
{
	size_t n = strlen(sf->name);

	if (entry[0] != '.' || strncmp(entry + 1, sf->name, n) != 0 ||
	    entry[n + 1] != '.' || strlen(entry + n + 2) != ATOMIC_TMP_RANDOM)
		return false;
	for (const char *p = entry + n + 2; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9')))
			return false;
	return true;
}

/* Temporary files of saves that were killed before their rename.  With
 * remove, they go (the caller holds the lock, so no save is running);
 * without, it only says whether there are any. */
static bool leftovers(const struct statefile *sf, int dirfd, bool remove)
{
	int fd = dup(dirfd);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	struct dirent *e;
	bool any = false;

	if (!d) {
		if (fd >= 0)
			close(fd);
		return false;
	}
	while ((e = readdir(d))) {
		if (!is_our_temp(sf, e->d_name))
			continue;
		any = true;
		if (!remove)
			break;
		unlinkat(dirfd, e->d_name, 0);
	}
	closedir(d);
	return any;
}

/* ---- the text form ------------------------------------------------- */

/* The state as the file holds it; malloc'd into *out.  0 or -1 (memory). */
static int serialize(const struct document *doc, const bool *checked,
		     size_t section, const struct anchor *place,
		     char **out, size_t *len)
{
	FILE *f = open_memstream(out, len);

	if (!f)
		return -1;
	fprintf(f, "%s %d\narticle %s\n", STATEFILE_MAGIC, STATEFILE_VERSION,
		doc->id);
	if (section < doc->nsections)
		fprintf(f, "section %s\n", doc->sections[section].id);
	if (place)
		fprintf(f, "place %d %d %d %zu\n", place->block, place->item,
			place->field, place->off);
	for (size_t i = 0; checked && i < doc->nchecks; i++)
		if (checked[i])
			fprintf(f, "checked %s\n", doc->checks[i].id);
	fputs("end\n", f);
	if (fclose(f) != 0) {
		free(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}

/* One problem with the file: where, and what. */
struct fault {
	unsigned line;
	enum herr code;
	char what[160];
};

static int fault(struct fault *f, unsigned line, enum herr code,
		 const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static int fault(struct fault *f, unsigned line, enum herr code,
		 const char *fmt, ...)
{
	va_list ap;

	f->line = line;
	f->code = code;
	va_start(ap, fmt);
	vsnprintf(f->what, sizeof f->what, fmt, ap);
	va_end(ap);
	return -1;
}

/* Split line (NUL-terminated, no '\n') at single spaces.  -1 for empty
 * fields (two spaces, a leading or trailing space) or too many. */
static int split(char *line, char **field)
{
	int n = 0;

	for (char *p = line;; p++) {
		char *sp = strchr(p, ' ');
		if (n == MAX_FIELDS)
			return -1;
		field[n++] = p;
		if (!*p || p == sp)
			return -1;
		if (!sp)
			return n;
		*sp = '\0';
		p = sp;
	}
}

/* A decimal number in [min, max]: digits, with '-' only when min < 0. */
static bool parse_num(const char *s, long long min, unsigned long long max,
		      long long *sv, unsigned long long *uv)
{
	bool neg = *s == '-';
	const char *d = neg ? s + 1 : s;
	char *end;

	if (*d < '0' || *d > '9' || (neg && min >= 0))
		return false;
	if (d[0] == '0' && d[1])
		return false;          /* one spelling per number */
	errno = 0;
	unsigned long long v = strtoull(d, &end, 10);
	if (errno || *end)
		return false;
	if (neg) {
		if (v > (unsigned long long)-min)
			return false;
		*sv = -(long long)v;
		return true;
	}
	if (v > max)
		return false;
	if (sv)
		*sv = (long long)v;
	if (uv)
		*uv = v;
	return true;
}

static bool parse_place(char **f, struct anchor *a)
{
	long long block, item, field;
	unsigned long long off;

	if (!parse_num(f[1], -2, INT_MAX, &block, NULL) ||
	    !parse_num(f[2], -1, INT_MAX, &item, NULL) ||
	    !parse_num(f[3], -1, INT_MAX, &field, NULL) ||
	    !parse_num(f[4], 0, SIZE_MAX, NULL, &off))
		return false;
	a->block = (int)block;
	a->item = (int)item;
	a->field = (int)field;
	a->off = (size_t)off;
	return true;
}

/* What a parse collects before it is committed to the statefile. */
struct parsed {
	bool *checked;
	long section;                /* -1: none given or dropped */
	bool have_section, have_place;
	struct anchor place;
	size_t dropped;              /* ids the article no longer has */
	char first_dropped[80];
};

static void drop(struct parsed *p, const char *kind, const char *id)
{
	if (!p->dropped++)
		snprintf(p->first_dropped, sizeof p->first_dropped, "%s '%s'",
			 kind, id);
}

/* Check every line of buf (len bytes, NUL-terminated after them). */
static int parse(char *buf, size_t len, const struct document *doc,
		 struct parsed *p, struct fault *f)
{
	char *field[MAX_FIELDS];
	unsigned lineno = 0;
	bool ended = false;
	char *line = buf, *end = buf + len;

	if (memchr(buf, '\0', len))
		return fault(f, 0, HERR_CORRUPT, "binary data in the state file");
	if (len == 0)
		return fault(f, 0, HERR_CORRUPT, "empty state file");
	while (line < end) {
		char *nl = memchr(line, '\n', (size_t)(end - line));
		lineno++;
		if (!nl)
			return fault(f, lineno, HERR_CORRUPT,
				     "cut short (no end of line)");
		*nl = '\0';
		if (ended)
			return fault(f, lineno, HERR_CORRUPT,
				     "text after the 'end' line");
		int n = split(line, field);
		if (n < 0)
			return fault(f, lineno, HERR_CORRUPT, "malformed line");
		if (lineno == 1) {
			if (n != 2 || strcmp(field[0], STATEFILE_MAGIC) != 0)
				return fault(f, lineno, HERR_FOREIGN,
					     "not a handout state file");
			if (strcmp(field[1], "1") != 0)
				return fault(f, lineno, HERR_FOREIGN,
					     "state file version not supported "
					     "(this handout reads version %d)",
					     STATEFILE_VERSION);
		} else if (lineno == 2) {
			if (n != 2 || strcmp(field[0], "article") != 0 ||
			    !validate_id(field[1], strlen(field[1])))
				return fault(f, lineno, HERR_CORRUPT,
					     "expected 'article ID'");
			if (strcmp(field[1], doc->id) != 0)
				return fault(f, lineno, HERR_FOREIGN,
					     "state of another article ('%s')",
					     field[1]);
		} else if (n == 1 && strcmp(field[0], "end") == 0) {
			ended = true;
		} else if (n == 2 && strcmp(field[0], "section") == 0 &&
			   validate_id(field[1], strlen(field[1]))) {
			if (p->have_section)
				return fault(f, lineno, HERR_CORRUPT,
					     "a second 'section' line");
			p->have_section = true;
			p->section = doc_section_by_id(doc, field[1]);
			if (p->section < 0)
				drop(p, "section", field[1]);
		} else if (n == 5 && strcmp(field[0], "place") == 0) {
			if (p->have_place)
				return fault(f, lineno, HERR_CORRUPT,
					     "a second 'place' line");
			if (!parse_place(field, &p->place))
				return fault(f, lineno, HERR_CORRUPT,
					     "malformed 'place' line");
			p->have_place = true;
		} else if (n == 2 && strcmp(field[0], "checked") == 0 &&
			   validate_id(field[1], strlen(field[1]))) {
			long i = doc_check_by_id(doc, field[1]);
			if (i < 0) {
				drop(p, "checklist item", field[1]);
			} else if (p->checked[i]) {
				return fault(f, lineno, HERR_CORRUPT,
					     "item '%s' checked twice", field[1]);
			} else {
				p->checked[i] = true;
			}
		} else {
			return fault(f, lineno, HERR_CORRUPT, "unknown record");
		}
		line = nl + 1;
	}
	if (lineno < 2)
		return fault(f, lineno, HERR_CORRUPT, "cut short (no article line)");
	if (!ended)
		return fault(f, lineno, HERR_CORRUPT, "cut short (no 'end' line)");
	return 0;
}

/* Keep a bad file for the curious and out of the reader's way: renamed to
 * ID.state.STAMP.bad, STAMP the time in UTC, "-2", "-3"... when that
 * name is taken, so every bad file is kept.  Always -1: nothing usable. */
static int set_aside(struct statefile *sf, int dirfd, const struct fault *f,
		     const char *then, struct herror *warn)
{
	char bad[NAME_MAX + NAME_EXTRA + 1], stamp[24];
	time_t now = time(NULL);
	struct tm tm;
	int r = -1;

	if (!gmtime_r(&now, &tm) ||
	    !strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm))
		snprintf(stamp, sizeof stamp, "%lld", (long long)now);
	for (int i = 1; i < 100; i++) {
		if (i == 1)
			snprintf(bad, sizeof bad, "%s.%s%s", sf->name, stamp,
				 BAD_SUFFIX);
		else
			snprintf(bad, sizeof bad, "%s.%s-%d%s", sf->name, stamp,
				 i, BAD_SUFFIX);
		r = renameat2(dirfd, sf->name, dirfd, bad, RENAME_NOREPLACE);
		if (r < 0 && (errno == EINVAL || errno == ENOSYS)) {
			/* A file system without RENAME_NOREPLACE: look first. */
			struct stat sb;
			if (fstatat(dirfd, bad, &sb, AT_SYMLINK_NOFOLLOW) == 0)
				errno = EEXIST;
			else
				r = renameat(dirfd, sf->name, dirfd, bad);
		}
		if (r == 0 || errno != EEXIST)
			break;
	}
	if (r < 0) {
		/* It cannot be moved: leave it, and never write over it. */
		sf->readonly = true;
		herror_set(warn, f->code, sf->path, f->line, 0,
			   "%s; cannot set it aside (%s), so the state will "
			   "not be saved", f->what, strerror(errno));
		return -1;
	}
	herror_set(warn, f->code, sf->path, f->line, 0, "%s; set aside as %s%s",
		   f->what, bad, then);
	return -1;
}

static void id_of(const struct stat *sb, struct file_id *id)
{
	id->exists = true;
	id->dev = sb->st_dev;
	id->ino = sb->st_ino;
	id->size = sb->st_size;
	id->mtime = sb->st_mtim;
	id->ctime = sb->st_ctim;
}

static bool same_id(const struct file_id *a, const struct file_id *b)
{
	if (a->exists != b->exists)
		return false;
	return !a->exists ||
		(a->dev == b->dev && a->ino == b->ino && a->size == b->size &&
		 a->mtime.tv_sec == b->mtime.tv_sec &&
		 a->mtime.tv_nsec == b->mtime.tv_nsec &&
		 a->ctime.tv_sec == b->ctime.tv_sec &&
		 a->ctime.tv_nsec == b->ctime.tv_nsec);
}

/* The file now, by its path: false when that cannot be told. */
static bool current_id(const struct statefile *sf, struct file_id *id)
{
	struct stat sb;

	memset(id, 0, sizeof *id);
	if (fstatat(AT_FDCWD, sf->path, &sb, AT_SYMLINK_NOFOLLOW) == 0) {
		id_of(&sb, id);
		return true;
	}
	return errno == ENOENT || errno == ENOTDIR;
}

/* Read the whole file in dirfd into a new buffer (NUL-terminated), and
 * which file it was into *id.  0; 1 for a file to set aside (f says why);
 * 2 when there is none; -1 when it could not be read at all (warn says
 * why, and the file is never written over). */
static int read_file(struct statefile *sf, int dirfd, char **out,
		     size_t *outlen, struct file_id *id, struct fault *f,
		     struct herror *warn)
{
	struct stat sb;
	int fd = -1;

	*out = NULL;
	memset(id, 0, sizeof *id);
	if (dirfd < 0)
		return 2;
	/* O_NONBLOCK: a FIFO planted at the path must not hang the start. */
	fd = openat(dirfd, sf->name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK |
		    O_CLOEXEC);
	if (fd < 0) {
		if (errno == ELOOP) {
			id->exists = true;
			fault(f, 0, HERR_NOTFILE,
			      "a symbolic link, not a state file");
			return 1;
		}
		if (errno == ENOENT || errno == ENOTDIR)
			return 2;
		goto unreadable;
	}
	if (fstat(fd, &sb) < 0)
		goto unreadable_fd;
	id_of(&sb, id);
	if (!S_ISREG(sb.st_mode) || sb.st_size > STATEFILE_MAX) {
		close(fd);
		goto too_odd;
	}
	char *buf = malloc(STATEFILE_MAX + 2);
	size_t len = 0;
	if (!buf) {
		close(fd);
		herror_set(warn, HERR_NOMEM, sf->path, 0, 0, NULL);
		return -1;
	}
	/* Read one byte past the limit: the file may have grown since fstat. */
	while (len <= STATEFILE_MAX) {
		ssize_t n = read(fd, buf + len, STATEFILE_MAX + 1 - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			free(buf);
			goto unreadable_fd;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	close(fd);
	if (len > STATEFILE_MAX) {
		free(buf);
		goto too_odd;
	}
	buf[len] = '\0';
	*out = buf;
	*outlen = len;
	return 0;

too_odd:
	if (!S_ISREG(sb.st_mode))
		fault(f, 0, HERR_NOTFILE, "not a regular file");
	else
		fault(f, 0, HERR_TOOBIG, "state file larger than %d KiB",
		      STATEFILE_MAX / 1024);
	return 1;

unreadable_fd:
	{
		int saved = errno;
		close(fd);
		errno = saved;
	}
unreadable:
	sf->readonly = true;
	herror_set(warn, HERR_READ, sf->path, 0, 0,
		   "cannot read the state file (%s); starting clean, and "
		   "leaving it as it is", strerror(errno));
	return -1;
}

/* read_file() and parse(): 0 with *p filled in (p->checked is the
 * caller's to free) and the bytes read in *bytes (also the caller's);
 * 1, 2 and -1 as read_file() says, the file's fault in f. */
static int read_state(struct statefile *sf, const struct document *doc,
		      int dirfd, struct parsed *p, char **bytes, size_t *len,
		      struct file_id *id, struct fault *f, struct herror *warn)
{
	char *buf;

	memset(p, 0, sizeof *p);
	p->section = -1;
	*bytes = NULL;
	int r = read_file(sf, dirfd, &buf, len, id, f, warn);
	if (r != 0)
		return r;
	char *copy = malloc(*len + 1);
	p->checked = calloc(doc->nchecks + 1, sizeof *p->checked);
	if (!copy || !p->checked) {
		free(copy);
		free(p->checked);
		p->checked = NULL;
		free(buf);
		sf->readonly = true;
		herror_set(warn, HERR_NOMEM, sf->path, 0, 0, NULL);
		return -1;
	}
	memcpy(copy, buf, *len + 1);
	r = parse(buf, *len, doc, p, f);
	free(buf);
	if (r < 0) {
		free(copy);
		free(p->checked);
		p->checked = NULL;
		return 1;
	}
	*bytes = copy;
	return 0;
}

int statefile_load(struct statefile *sf, const struct document *doc,
		   struct herror *warn)
{
	struct parsed p;
	struct fault f = { 0, HERR_OK, "" };
	struct file_id id;
	char *bytes;
	size_t len;

	herror_set(warn, HERR_OK, NULL, 0, 0, NULL);
	if (!sf)
		return 0;
	sf->loaded = false;
	if (sf->readonly)
		return -1;
	int dirfd = open_dir(sf, false, warn);
	if (dirfd == -2) {
		tell(sf, warn);
		return -1;
	}
	if (dirfd < 0 && errno != ENOENT && errno != ENOTDIR) {
		/* A folder that cannot be read: its file cannot be either. */
		sf->readonly = true;
		herror_set(warn, HERR_READ, sf->dir, 0, 0,
			   "cannot read the state folder (%s); starting clean, "
			   "and leaving it as it is", strerror(errno));
		tell(sf, warn);
		return -1;
	}
	/* The lock, when the folder is there and it can be had: to clear
	 * what killed saves left and to set a bad file aside, so no running
	 * save loses its temporary file or has its new file moved. */
	int lock = dirfd >= 0 ? take_lock(sf, dirfd, true) : -1;
	if (lock >= 0)
		leftovers(sf, dirfd, true);
	int r = read_state(sf, doc, dirfd, &p, &bytes, &len, &id, &f, warn);
	if (r == 1)
		set_aside(sf, dirfd, &f, ", starting clean", warn);
	drop_lock(lock);
	if (dirfd >= 0)
		close(dirfd);
	sf->seen = id;
	if (r != 0) {
		tell(sf, warn);
		if (r == 2) {
			sf->seen.exists = false;
			return 0;       /* a first run */
		}
		return -1;
	}
	free(bytes);
	free(sf->checked);
	sf->checked = p.checked;
	sf->section = p.section >= 0 ? (size_t)p.section : 0;
	/* A place belongs to its section: without that, it means nothing. */
	sf->have_place = p.have_place && p.section >= 0;
	sf->place = p.place;
	sf->loaded = true;
	if (p.dropped) {
		herror_set(warn, HERR_DROPPED, sf->path, 0, 0,
			   "note: dropped %s%s, no longer in the article",
			   p.first_dropped,
			   p.dropped > 1 ? " and others" : "");
		tell(sf, warn);
	}
	return 0;
}

void statefile_apply(struct statefile *sf, const struct document *doc,
		     struct reader_state *st)
{
	if (!sf || !sf->loaded)
		return;
	state_restore(st, doc, sf->checked, sf->section,
		      sf->have_place ? &sf->place : NULL);
	/* What the reader was given is no change of this session's. */
	memcpy(sf->known, st->checked, sf->nchecks * sizeof *sf->known);
	sf->mine_section = sf->section;
	sf->mine_have_place = sf->have_place;
	sf->mine_place = sf->place;
}

const bool *statefile_checked(const struct statefile *sf)
{
	return sf && sf->loaded ? sf->checked : NULL;
}

/* ---- merging ------------------------------------------------------- */

/* The reader's ticks that differ from what it was last seen with are this
 * session's changes: called after every key, so each is seen, and the
 * last of several to one item is what counts. */
static void collect(struct statefile *sf, const struct reader_state *st)
{
	for (size_t i = 0; i < sf->nchecks; i++) {
		if (st->checked[i] != sf->known[i]) {
			sf->known[i] = st->checked[i];
			sf->changed[i] = true;
		}
	}
}

/* The file's ticks (NULL: none) with this session's unsaved changes on
 * top, into out: the later change to an item wins. */
static void overlay(const struct statefile *sf, const bool *file, bool *out)
{
	for (size_t i = 0; i < sf->nchecks; i++)
		out[i] = sf->changed[i] ? sf->known[i] : file && file[i];
}

/* Show the merged ticks in the reader's state. */
static unsigned show(struct statefile *sf, struct reader_state *st,
		     const bool *merged)
{
	memcpy(sf->known, merged, sf->nchecks * sizeof *merged);
	return state_set_checks(st, merged);
}

unsigned statefile_refresh(struct statefile *sf, const struct document *doc,
			   struct reader_state *st, struct herror *warn)
{
	struct file_id id;
	struct parsed p;
	struct fault f;
	char *bytes;
	size_t len;
	unsigned redraw = 0;

	herror_set(warn, HERR_OK, NULL, 0, 0, NULL);
	if (!sf || sf->readonly)
		return 0;
	collect(sf, st);
	/* The one cost when nothing changed: a stat of the path. */
	if (!current_id(sf, &id) || same_id(&id, &sf->seen))
		return 0;
	int dirfd = open_dir(sf, false, warn);
	if (dirfd == -2) {
		tell(sf, warn);
		return 0;
	}
	int r = read_state(sf, doc, dirfd, &p, &bytes, &len, &id, &f, warn);
	if (dirfd >= 0)
		close(dirfd);
	/* A bad or unreadable file is left for the next save, which holds
	 * the lock and can set it aside; it is not read again meanwhile. */
	if (r == 1) {
		sf->seen = id;
		return 0;
	}
	if (r < 0) {
		tell(sf, warn);
		return 0;
	}
	bool *merged = malloc((sf->nchecks + 1) * sizeof *merged);
	if (merged) {
		overlay(sf, r == 0 ? p.checked : NULL, merged);
		redraw = show(sf, st, merged);
		sf->seen = id;
		if (r == 2)
			sf->seen.exists = false;
	}
	free(merged);
	free(p.checked);
	free(bytes);
	return redraw;
}

unsigned statefile_keep(struct statefile *sf, const struct document *doc,
			struct reader_state *st, struct herror *warn)
{
	herror_set(warn, HERR_OK, NULL, 0, 0, NULL);
	if (!sf || sf->readonly)
		return 0;
	collect(sf, st);
	bool any = st->section != sf->mine_section;
	for (size_t i = 0; i < sf->nchecks && !any; i++)
		any = sf->changed[i];
	return any ? statefile_save(sf, doc, st, warn) : 0;
}

static bool same_place(const struct anchor *a, const struct anchor *b)
{
	return a->block == b->block && a->item == b->item &&
		a->field == b->field && a->off == b->off;
}

/* A save that failed: said once per kind of failure, not per key. */
static void save_failed(struct statefile *sf, const char *what, int err,
			struct herror *warn)
{
	if (sf->failing && sf->fail_errno == err)
		return;
	sf->failing = true;
	sf->fail_errno = err;
	if (err == EBUSY)
		herror_set(warn, HERR_BUSY, what, 0, 0,
			   "another handout is saving and does not finish; "
			   "the ticks and place will be saved with the next "
			   "change");
	else
		herror_set(warn, HERR_WRITE, what, 0, 0,
			   "cannot save the ticks and place (%s); the last "
			   "saved state is kept", strerror(err));
	tell(sf, warn);
}

unsigned statefile_save(struct statefile *sf, const struct document *doc,
			struct reader_state *st, struct herror *warn)
{
	struct anchor place;
	struct parsed p;
	struct fault f = { 0, HERR_OK, "" };
	struct file_id id;
	char *bytes = NULL, *buf = NULL;
	size_t len = 0, blen;
	unsigned redraw = 0;

	herror_set(warn, HERR_OK, NULL, 0, 0, NULL);
	if (!sf || sf->readonly)
		return 0;
	collect(sf, st);
	bool have_place = state_place(st, doc, &place);
	bool moved = st->section != sf->mine_section ||
		have_place != sf->mine_have_place ||
		(have_place && !same_place(&place, &sf->mine_place));
	bool any = false;
	for (size_t i = 0; i < sf->nchecks && !any; i++)
		any = sf->changed[i];
	/* A session that changed nothing writes nothing. */
	if (!any && !moved)
		return 0;

	int dirfd = open_dir(sf, true, warn);
	if (dirfd == -2) {
		tell(sf, warn);
		return 0;
	}
	if (dirfd < 0) {
		save_failed(sf, sf->dir, errno, warn);
		return 0;
	}
	int lock = take_lock(sf, dirfd, true);
	if (lock < 0) {
		save_failed(sf, sf->path, errno, warn);
		close(dirfd);
		return 0;
	}
	int r = read_state(sf, doc, dirfd, &p, &bytes, &len, &id, &f, warn);
	if (r == 1) {
		/* Damaged since this session read it: kept aside, and this
		 * session's state becomes the file. */
		set_aside(sf, dirfd, &f, "; this session's ticks and place "
			  "are saved afresh", warn);
		r = 2;
	}
	tell(sf, warn);
	if (sf->readonly)
		goto out;       /* unreadable, or bad and cannot be moved */

	bool *merged = malloc((sf->nchecks + 1) * sizeof *merged);
	if (!merged) {
		herror_set(warn, HERR_NOMEM, sf->path, 0, 0, NULL);
		goto out;
	}
	overlay(sf, r == 0 ? p.checked : NULL, merged);
	/* The place: this session's when it moved, else the file's, which
	 * may be another session's newer one. */
	size_t section = SIZE_MAX;
	const struct anchor *at = NULL;
	if (moved) {
		section = st->section;
		at = have_place ? &place : NULL;
	} else if (r == 0 && p.section >= 0) {
		section = (size_t)p.section;
		at = p.have_place ? &p.place : NULL;
	}
	int w = serialize(doc, merged, section, at, &buf, &blen);
	if (w == 0 && !(r == 0 && blen == len && !memcmp(buf, bytes, len)))
		w = atomic_write_at(dirfd, sf->name, buf, blen, 0600, true);
	if (w == 0) {
		memset(sf->changed, 0, sf->nchecks * sizeof *sf->changed);
		if (moved) {
			sf->mine_section = st->section;
			sf->mine_have_place = have_place;
			sf->mine_place = place;
		}
		struct stat sb;
		if (fstatat(dirfd, sf->name, &sb, AT_SYMLINK_NOFOLLOW) == 0)
			id_of(&sb, &id);
		sf->failing = false;
	} else {
		save_failed(sf, sf->path, errno ? errno : ENOMEM, warn);
	}
	/* What this session last saw of the file, others' ticks included. */
	sf->seen = id;
	redraw = show(sf, st, merged);
	free(merged);
out:
	free(buf);
	free(bytes);
	free(p.checked);
	drop_lock(lock);
	close(dirfd);
	return redraw;
}
