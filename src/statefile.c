/* statefile.c - finding, reading, checking and atomically writing the
 * per-article state file (format and rules in statefile.h).
 *
 * The file is read whole into memory and checked completely before any of
 * it is used, so a bad line late in the file cannot leave the reader half
 * restored.  What was last read or written is kept as bytes: a save that
 * would write the same bytes writes nothing.
 */
#include "statefile.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomicio.h"
#include "validate.h"

#define SUFFIX ".state"
#define BAD_SUFFIX ".bad"
/* Room in a file name for the temporary file's "." and ".XXXXXX". */
#define TMP_EXTRA 8
#define MAX_FIELDS 6

struct statefile {
	char dir[PATH_MAX];
	char name[NAME_MAX + 1];     /* ID.state */
	char path[PATH_MAX + NAME_MAX + 2];
	bool readonly;               /* the file could not be read: keep it */

	/* what statefile_load() found, checked against the document */
	bool loaded;
	bool *checked;               /* nchecks entries */
	size_t nchecks;
	size_t section;
	bool have_place;
	struct anchor place;

	/* the bytes last read or written, to skip saves that change nothing */
	char *last;
	size_t last_len;

	/* the failure last reported, so a full disk is said once, not per key */
	bool failing;
	int fail_errno;
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
		return -1;
	}
	home = getenv("HOME");
	if (!home || home[0] != '/') {
		struct passwd *pw = getpwuid(getuid());
		home = pw ? pw->pw_dir : NULL;
	}
	if (!home || home[0] != '/' ||
	    (size_t)snprintf(buf, size, "%s/.local/state/handout", home) >= size) {
		if (size)
			buf[0] = '\0';
		return -1;
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
		if (statefile_dir(where, sizeof where) < 0) {
			herror_set(warn, HERR_NOHOME, "handout", 0, 0,
				   "no home folder to keep the reader's state in; "
				   "ticks will not be saved");
			return NULL;
		}
		dir = where;
	}
	if (strlen(doc->id) + strlen(SUFFIX) + TMP_EXTRA > NAME_MAX ||
	    strlen(dir) + 1 + NAME_MAX >= PATH_MAX) {
		herror_set(warn, HERR_TOOLONG, "handout", 0, 0,
			   "the article id or state folder is too long for a "
			   "file name; ticks will not be saved");
		return NULL;
	}
	sf = calloc(1, sizeof *sf);
	if (sf)
		sf->checked = calloc(doc->nchecks + 1, sizeof *sf->checked);
	if (!sf || !sf->checked) {
		free(sf);
		herror_set(warn, HERR_NOMEM, "handout", 0, 0, NULL);
		return NULL;
	}
	sf->nchecks = doc->nchecks;
	snprintf(sf->dir, sizeof sf->dir, "%s", dir);
	snprintf(sf->name, sizeof sf->name, "%s%s", doc->id, SUFFIX);
	snprintf(sf->path, sizeof sf->path, "%s/%s", sf->dir, sf->name);
	return sf;
}

void statefile_close(struct statefile *sf)
{
	if (!sf)
		return;
	free(sf->checked);
	free(sf->last);
	free(sf);
}

const char *statefile_path(const struct statefile *sf)
{
	return sf ? sf->path : "";
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

static void remember(struct statefile *sf, char *bytes, size_t len)
{
	free(sf->last);
	sf->last = bytes;
	sf->last_len = len;
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

static long find_check(const struct document *doc, const char *id)
{
	for (size_t i = 0; i < doc->nchecks; i++)
		if (strcmp(doc->checks[i].id, id) == 0)
			return (long)i;
	return -1;
}

static long find_section(const struct document *doc, const char *id)
{
	for (size_t i = 0; i < doc->nsections; i++)
		if (strcmp(doc->sections[i].id, id) == 0)
			return (long)i;
	return -1;
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
			p->section = find_section(doc, field[1]);
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
			long i = find_check(doc, field[1]);
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

/* Keep a bad file for the curious and out of the reader's way. */
static int set_aside(struct statefile *sf, const struct fault *f,
		     struct herror *warn)
{
	char bad[sizeof sf->path + sizeof BAD_SUFFIX];

	snprintf(bad, sizeof bad, "%s%s", sf->path, BAD_SUFFIX);
	if (rename(sf->path, bad) < 0) {
		/* It cannot be moved: leave it, and never write over it. */
		sf->readonly = true;
		herror_set(warn, f->code, sf->path, f->line, 0,
			   "%s; cannot set it aside (%s), so the state will "
			   "not be saved", f->what, strerror(errno));
		return -1;
	}
	herror_set(warn, f->code, sf->path, f->line, 0,
		   "%s; set aside as %s%s, starting clean", f->what, sf->name,
		   BAD_SUFFIX);
	return -1;
}

/* Read the whole file into a new buffer (NUL-terminated).  0; 1 for a
 * file to set aside (f says why); 2 when there is none; -1 when it could
 * not be read at all (warn says why). */
static int read_file(struct statefile *sf, char **out, size_t *outlen,
		     struct fault *f, struct herror *warn)
{
	struct stat sb;
	/* O_NONBLOCK: a FIFO planted at the path must not hang the start. */
	int fd = open(sf->path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);

	*out = NULL;
	if (fd < 0) {
		if (errno == ELOOP) {
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

int statefile_load(struct statefile *sf, const struct document *doc,
		   struct herror *warn)
{
	struct parsed p = { .section = -1 };
	struct fault f = { 0, HERR_OK, "" };
	char *buf, *copy;
	size_t len;

	herror_set(warn, HERR_OK, NULL, 0, 0, NULL);
	if (!sf)
		return 0;
	sf->loaded = false;
	int r = read_file(sf, &buf, &len, &f, warn);
	if (r < 0)
		return -1;
	if (r == 1)
		return set_aside(sf, &f, warn);
	if (r == 2) {
		/* A first run: a save that changes nothing writes nothing. */
		if (serialize(doc, NULL, 0, NULL, &copy, &len) == 0)
			remember(sf, copy, len);
		return 0;
	}
	copy = malloc(len + 1);
	p.checked = calloc(doc->nchecks + 1, sizeof *p.checked);
	if (!copy || !p.checked) {
		free(copy);
		free(p.checked);
		free(buf);
		sf->readonly = true;
		herror_set(warn, HERR_NOMEM, sf->path, 0, 0, NULL);
		return -1;
	}
	memcpy(copy, buf, len + 1);
	r = parse(buf, len, doc, &p, &f);
	free(buf);
	if (r < 0) {
		free(copy);
		free(p.checked);
		return set_aside(sf, &f, warn);
	}
	free(sf->checked);
	sf->checked = p.checked;
	sf->section = p.section >= 0 ? (size_t)p.section : 0;
	/* A place belongs to its section: without that, it means nothing. */
	sf->have_place = p.have_place && p.section >= 0;
	sf->place = p.place;
	sf->loaded = true;
	remember(sf, copy, len);
	if (p.dropped)
		herror_set(warn, HERR_DROPPED, sf->path, 0, 0,
			   "note: dropped %s%s, no longer in the article",
			   p.first_dropped,
			   p.dropped > 1 ? " and others" : "");
	return 0;
}

void statefile_apply(const struct statefile *sf, const struct document *doc,
		     struct reader_state *st)
{
	if (!sf || !sf->loaded)
		return;
	state_restore(st, doc, sf->checked, sf->section,
		      sf->have_place ? &sf->place : NULL);
}

int statefile_save(struct statefile *sf, const struct document *doc,
		   struct reader_state *st, struct herror *warn)
{
	struct anchor place;
	char *buf;
	size_t len;

	herror_set(warn, HERR_OK, NULL, 0, 0, NULL);
	if (!sf || sf->readonly)
		return 0;
	bool have_place = state_place(st, doc, &place);
	if (serialize(doc, st->checked, st->section, have_place ? &place : NULL,
		      &buf, &len) < 0) {
		herror_set(warn, HERR_NOMEM, sf->path, 0, 0, NULL);
		return 1;
	}
	if (sf->last && len == sf->last_len && !memcmp(buf, sf->last, len)) {
		free(buf);
		return 0;
	}
	const char *what = sf->path;
	int r = atomic_mkdirs(sf->dir, 0700);
	if (r < 0)
		what = sf->dir;
	else
		r = atomic_write(sf->dir, sf->name, buf, len, 0600, true);
	if (r == 0) {
		remember(sf, buf, len);
		sf->failing = false;
		return 0;
	}
	int saved = errno;
	free(buf);
	if (sf->failing && sf->fail_errno == saved)
		return 0;
	sf->failing = true;
	sf->fail_errno = saved;
	herror_set(warn, HERR_WRITE, what, 0, 0,
		   "cannot save the ticks and place (%s); the last saved "
		   "state is kept", strerror(saved));
	return 1;
}
