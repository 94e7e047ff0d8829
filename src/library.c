/* library.c - a folder of articles, read lazily (library.h).
 *
 * The search's prefilter.  An article not in memory is loaded only when
 * its file's bytes hold every *piece* of the query: the query folded by
 * search_fold() and cut at the characters a YAML file may write otherwise
 * than the text holds them (white space, where line folding puts a space
 * or a line break; ' and ", which quoting doubles or escapes; \).  Each
 * piece, if the text holds the query, lies within one string of the text
 * with every character as the file has it, side by side, so the file's
 * bytes, folded the same way, hold it too.  But for one thing: an escape
 * in a double-quoted scalar ("\u2019", "\x41", a "\" that joins two lines)
 * gives the text a character the file does not hold.  A file with a
 * backslash that is not one of the escapes of a separator (\" \\ \t \n,
 * and a backslash before a space or a tab) is loaded and searched whatever
 * the prefilter would say.  Files larger than PREFILTER_MAX are loaded
 * without it too: it saves time, it is not needed for a right answer.
 */
#include "config.h"         /* _GNU_SOURCE: memmem */
#include "library.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "loader.h"
#include "loader_file.h"
#include "utf8.h"

#define PREFILTER_MAX (4u << 20)
#define NONE SIZE_MAX

struct entry {
	const char *path;          /* in lib->names */
	struct doc_header *head;
	struct document *doc;
	struct herror *err;        /* the last failure, or NULL */
	bool head_tried, doc_failed;
	bool lost;                 /* failed, but err could not be kept */
	size_t cost;               /* the file's size while doc is kept */
	size_t newer, older;       /* the kept documents, most recent first */
};

struct library {
	char *dir;
	struct arena *names;
	size_t n;
	struct entry *e;

	size_t newest, oldest;     /* the kept documents' list */
	size_t kept, keep;         /* their files' bytes, and the budget */
	size_t pinned;             /* the last library_doc(), or NONE */

	struct arena *found;       /* the last search's results */
	struct library_match *items;
	size_t nitems, capitems;
	/* The last search, for library_search_more(): its query (malloc'd,
	 * NULL when there is none), the query's pieces, the next article. */
	char *query;
	char *pieces;
	size_t npieces;
	size_t next;
	bool truncated;
};

/* ---- the folder ------------------------------------------------------ */

static bool article_name(const char *name)
{
	size_t len = strlen(name);

	return name[0] != '.' && len > 5 && !strcmp(name + len - 5, ".yaml");
}

/* Does name in the open folder lead to a regular file?  A link is followed;
 * d_type spares a stat() for the plain files that most folders hold. */
static bool regular_file(int dfd, const struct dirent *d)
{
	struct stat st;

	if (d->d_type == DT_REG)
		return true;
	if (d->d_type != DT_LNK && d->d_type != DT_UNKNOWN)
		return false;
	return fstatat(dfd, d->d_name, &st, 0) == 0 && S_ISREG(st.st_mode);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The article names in dir, sorted, into *names (in lib->names); 0, or -1
 * with err set. */
static int read_names(struct library *lib, const char *dir, char ***names,
		      struct herror *err)
{
	DIR *d = opendir(dir);
	char **v = NULL;
	size_t n = 0, cap = 0;
	struct dirent *de;

	if (!d && errno == ENOTDIR) {
		herror_set(err, HERR_NOTFILE, dir, 0, 0, "not a folder");
		return -1;
	}
	if (!d) {
		herror_set(err, HERR_OPEN, dir, 0, 0,
			   "cannot open the folder: %s", strerror(errno));
		return -1;
	}
	for (;;) {
		errno = 0;
		de = readdir(d);
		if (!de)
			break;
		if (!article_name(de->d_name) || !regular_file(dirfd(d), de))
			continue;
		if (n == LIBRARY_MAX_ARTICLES) {
			herror_set(err, HERR_TOOMANY, dir, 0, 0,
				   "more than %d articles in the folder",
				   LIBRARY_MAX_ARTICLES);
			goto fail;
		}
		if (n == cap) {
			size_t c = cap ? 2 * cap : 64;
			char **p = realloc(v, c * sizeof(*v));

			if (!p)
				goto nomem;
			v = p;
			cap = c;
		}
		v[n] = arena_strndup(lib->names, de->d_name,
				     strlen(de->d_name));
		if (!v[n])
			goto nomem;
		n++;
	}
	if (errno) {
		herror_set(err, HERR_READ, dir, 0, 0,
			   "cannot read the folder: %s", strerror(errno));
		goto fail;
	}
	closedir(d);
	if (!n) {
		free(v);
		herror_set(err, HERR_EMPTY, dir, 0, 0,
			   "no article in the folder (an article's name ends in .yaml)");
		return -1;
	}
	qsort(v, n, sizeof(*v), by_name);
	*names = v;
	lib->n = n;
	return 0;
nomem:
	herror_set(err, HERR_NOMEM, dir, 0, 0, NULL);
fail:
	closedir(d);
	free(v);
	return -1;
}

struct library *library_open(const char *dir, struct herror *err)
{
	struct library *lib = calloc(1, sizeof(*lib));
	size_t dlen = strlen(dir);
	char **names = NULL;

	herror_set(err, HERR_OK, dir, 0, 0, NULL);
	if (!lib || !(lib->names = arena_new()) ||
	    !(lib->dir = strdup(dir)) || !(lib->found = arena_new())) {
		herror_set(err, HERR_NOMEM, dir, 0, 0, NULL);
		library_free(lib);
		return NULL;
	}
	lib->newest = lib->oldest = lib->pinned = NONE;
	lib->keep = LIBRARY_KEEP_BYTES;
	if (read_names(lib, dir, &names, err)) {
		library_free(lib);
		return NULL;
	}
	lib->e = calloc(lib->n, sizeof(*lib->e));
	if (!lib->e)
		goto nomem;
	/* "DIR/NAME", with no second slash after a DIR that ends in one. */
	while (dlen > 1 && dir[dlen - 1] == '/')
		dlen--;
	for (size_t i = 0; i < lib->n; i++) {
		size_t nlen = strlen(names[i]);
		char *p = arena_alloc(lib->names, dlen + 1 + nlen + 1);

		if (!p)
			goto nomem;
		memcpy(p, dir, dlen);
		p[dlen] = '/';
		memcpy(p + dlen + (dlen == 1 && dir[0] == '/' ? 0 : 1),
		       names[i], nlen + 1);
		lib->e[i].path = p;
		lib->e[i].newer = lib->e[i].older = NONE;
	}
	free(names);
	return lib;
nomem:
	free(names);
	herror_set(err, HERR_NOMEM, dir, 0, 0, NULL);
	library_free(lib);
	return NULL;
}

void library_free(struct library *lib)
{
	if (!lib)
		return;
	for (size_t i = 0; lib->e && i < lib->n; i++) {
		doc_header_free(lib->e[i].head);
		doc_free(lib->e[i].doc);
		free(lib->e[i].err);
	}
	free(lib->e);
	free(lib->items);
	free(lib->query);
	free(lib->pieces);
	arena_free(lib->found);
	arena_free(lib->names);
	free(lib->dir);
	free(lib);
}

size_t library_count(const struct library *lib)
{
	return lib->n;
}

const char *library_dir(const struct library *lib)
{
	return lib->dir;
}

const char *library_path(const struct library *lib, size_t i)
{
	return lib->e[i].path;
}

/* What library_error() says of a failure it had no memory to keep. */
static const struct herror lost = {
	.code = HERR_NOMEM,
	.detail = "out of memory (the article's own error could not be kept)",
};

const struct herror *library_error(const struct library *lib, size_t i)
{
	const struct entry *e = &lib->e[i];

	return e->err ? e->err : e->lost ? &lost : NULL;
}

/* Keep e's failure (an entry that failed always has an error to give). */
static void remember(struct entry *e, const struct herror *err)
{
	if (!e->err)
		e->err = malloc(sizeof(*e->err));
	if (e->err)
		*e->err = *err;
	else
		e->lost = true;
}

/* ---- headers ----------------------------------------------------------- */

const struct doc_header *library_header(struct library *lib, size_t i)
{
	struct entry *e = &lib->e[i];
	struct herror err;

	if (e->head_tried)
		return e->head;
	e->head_tried = true;
	e->head = doc_load_header(e->path, &err);
	if (!e->head) {
		remember(e, &err);
		/* The whole load would stop at the same fault. */
		e->doc_failed = true;
	}
	return e->head;
}

long library_find(struct library *lib, const char *id)
{
	for (size_t i = 0; i < lib->n; i++) {
		const struct doc_header *h = library_header(lib, i);

		if (h && !strcmp(h->id, id))
			return (long)i;
	}
	return -1;
}

/* ---- documents, kept within a budget ----------------------------------- */

static void unlink_kept(struct library *lib, size_t i)
{
	struct entry *e = &lib->e[i];

	if (e->newer != NONE)
		lib->e[e->newer].older = e->older;
	else
		lib->newest = e->older;
	if (e->older != NONE)
		lib->e[e->older].newer = e->newer;
	else
		lib->oldest = e->newer;
	e->newer = e->older = NONE;
}

static void push_kept(struct library *lib, size_t i)
{
	struct entry *e = &lib->e[i];

	e->older = lib->newest;
	e->newer = NONE;
	if (lib->newest != NONE)
		lib->e[lib->newest].newer = i;
	else
		lib->oldest = i;
	lib->newest = i;
}

static void drop_doc(struct library *lib, size_t i)
{
	struct entry *e = &lib->e[i];

	unlink_kept(lib, i);
	lib->kept -= e->cost;
	e->cost = 0;
	doc_free(e->doc);
	e->doc = NULL;
}

/* Let go of the least recently used documents until those kept fit the
 * budget, but never of the pinned one or of `keep`. */
static void fit_budget(struct library *lib, size_t keep)
{
	size_t i = lib->oldest;

	while (lib->kept > lib->keep && i != NONE) {
		size_t next = lib->e[i].newer;

		if (i != lib->pinned && i != keep)
			drop_doc(lib, i);
		i = next;
	}
}

/* Article i's document, loaded if need be and made the most recent; NULL
 * when it cannot be.  It may be over the budget until fit_budget(). */
static struct document *use_doc(struct library *lib, size_t i)
{
	struct entry *e = &lib->e[i];
	struct herror err;
	struct stat st;

	if (e->doc) {
		unlink_kept(lib, i);
		push_kept(lib, i);
		return e->doc;
	}
	if (e->doc_failed)
		return NULL;
	e->doc = doc_load(e->path, &err);
	if (!e->doc) {
		remember(e, &err);
		e->doc_failed = true;
		return NULL;
	}
	/* The file's size stands for the document's: close enough for a
	 * budget, and known without asking the loader. */
	e->cost = stat(e->path, &st) == 0 && st.st_size > 0 ?
		  (size_t)st.st_size : 1;
	lib->kept += e->cost;
	push_kept(lib, i);
	return e->doc;
}

const struct document *library_doc(struct library *lib, size_t i)
{
	struct document *d = use_doc(lib, i);

	if (d)
		lib->pinned = i;
	fit_budget(lib, i);
	return d;
}

void library_set_keep(struct library *lib, size_t bytes)
{
	lib->keep = bytes;
	fit_budget(lib, NONE);
}

/* ---- the prefilter ----------------------------------------------------- */

/* The query, folded, cut into pieces (see the top of this file). */
struct pieces {
	char *buf;                 /* the pieces, each NUL-terminated */
	size_t n;
};

static bool separator(uint32_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '"' ||
	       c == '\'' || c == '\\';
}

/* Append the folded character at s (n bytes left) to out; its length in s. */
static size_t fold_one(const char *s, size_t n, char *out, size_t *o,
		       uint32_t *folded)
{
	uint32_t c;
	size_t k;

	if ((unsigned char)*s < 0x80) {
		c = (unsigned char)*s;
		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		out[(*o)++] = (char)c;
		*folded = c;
		return 1;
	}
	k = utf8_decode(s, n, &c);
	c = search_fold(c);
	*o += utf8_encode(c, out + *o);
	*folded = c;
	return k;
}

static int cut_pieces(const char *query, struct pieces *p)
{
	size_t len = strlen(query), o = 0;
	bool open = false;

	p->n = 0;
	/* A character folds to at most 4 bytes from at least 1; one NUL per
	 * piece at most per character. */
	p->buf = malloc(5 * len + 1);
	if (!p->buf)
		return -1;
	for (size_t i = 0; i < len;) {
		size_t start = o;
		uint32_t c;

		i += fold_one(query + i, len - i, p->buf, &o, &c);
		if (separator(c)) {
			o = start;
			if (open)
				p->buf[o++] = '\0';
			open = false;
		} else if (!open) {
			open = true;
			p->n++;
		}
	}
	if (open)
		p->buf[o++] = '\0';
	return 0;
}

/* Is there an escape in buf that makes the text hold a character the file
 * does not, other than a separator? */
static bool foreign_escape(const char *buf, size_t len)
{
	const char *p = buf, *end = buf + len;

	while ((p = memchr(p, '\\', (size_t)(end - p)))) {
		if (p + 1 == end)
			return true;
		switch (p[1]) {
		case '"': case '\\': case 't': case 'n': case ' ': case '\t':
			p += 2;
			break;
		default:
			return true;
		}
	}
	return false;
}

/* Buffers the prefilter reuses from one file to the next. */
struct scratch {
	char *raw, *fold;
	size_t rawcap, foldcap;
};

static bool grow(char **p, size_t *cap, size_t want)
{
	char *q;

	if (want <= *cap)
		return true;
	q = realloc(*p, want);
	if (!q)
		return false;
	*p = q;
	*cap = want;
	return true;
}

/* May the article at path hold the query?  false only when its bytes
 * prove it cannot; anything in the way of a proof says "maybe". */
static bool may_match(const char *path, const struct pieces *q,
		      struct scratch *s)
{
	struct loader_file f;
	struct herror ignored;
	size_t len = 0, o = 0;
	bool maybe = true;
	const char *piece;

	if (!q->n || loader_file_open(&f, path, &ignored))
		return true;
	if (f.size > PREFILTER_MAX ||
	    !grow(&s->raw, &s->rawcap, f.size + 1) ||
	    !grow(&s->fold, &s->foldcap, 4 * f.size + 4))
		goto out;
	while (len < f.size) {
		size_t got;

		if (!loader_file_read(&f, (unsigned char *)s->raw + len,
				      f.size - len, &got) || !got)
			break;
		len += got;
	}
	if (f.err || foreign_escape(s->raw, len))
		goto out;
	for (size_t i = 0; i < len;) {
		unsigned char b = (unsigned char)s->raw[i];
		uint32_t c;

		/* ASCII, most of the file, without a call. */
		if (b < 0x80) {
			s->fold[o++] = (char)(b >= 'A' && b <= 'Z' ?
					      b - 'A' + 'a' : b);
			i++;
			continue;
		}
		i += fold_one(s->raw + i, len - i, s->fold, &o, &c);
	}
	piece = q->buf;
	for (size_t k = 0; k < q->n && maybe; k++) {
		size_t plen = strlen(piece);

		maybe = memmem(s->fold, o, piece, plen) != NULL;
		piece += plen + 1;
	}
out:
	loader_file_close(&f, &ignored);
	return maybe;
}

/* ---- search -------------------------------------------------------------- */

struct collect {
	struct library *lib;
	size_t article;
	const struct document *doc;
	const char *title;         /* the last section's title, as copied */
	size_t title_of;           /* ...and its section, or NONE */
	bool more, nomem;
};

static bool space(char c)
{
	return c == ' ' || c == '\n' || c == '\t';
}

/* The snippet of m in s (library.h): into item. */
static bool make_snippet(struct library *lib, const char *s,
			 const struct search_match *m,
			 struct library_match *item)
{
	size_t len = strlen(s), start, end, mend = m->off + m->len;
	char *p;

	start = m->off > LIBRARY_SNIPPET_BEFORE ?
		m->off - LIBRARY_SNIPPET_BEFORE : 0;
	while (start < m->off && ((unsigned char)s[start] & 0xC0) == 0x80)
		start++;
	if (start > 0) {
		/* From the start of a word, if one starts in the window. */
		for (size_t k = start; k < m->off; k++)
			if (space(s[k])) {
				start = k + 1;
				break;
			}
	}
	end = len - mend > LIBRARY_SNIPPET_AFTER ?
	      mend + LIBRARY_SNIPPET_AFTER : len;
	if (end < len) {
		end = mend + utf8_cut(s + mend, len - mend, end - mend);
		/* Up to the end of a word, if one ends in the window. */
		for (size_t k = end; k > mend; k--)
			if (space(s[k])) {
				end = k;
				break;
			}
	}
	p = arena_strndup(lib->found, s + start, end - start);
	if (!p)
		return false;
	for (char *c = p; *c; c++)
		if (*c == '\n' || *c == '\t')
			*c = ' ';
	item->snippet = p;
	item->at = m->off - start;
	item->cut_before = start > 0;
	item->cut_after = end < len;
	return true;
}

static bool collect_match(const struct search_match *m, void *arg)
{
	struct collect *c = arg;
	struct library *lib = c->lib;
	struct library_match *item;
	const char *s = search_match_text(c->doc, m);

	if (lib->nitems == LIBRARY_MAX_MATCHES) {
		c->more = true;     /* one match more than the results hold */
		return false;
	}
	if (!s)
		return false;
	if (lib->nitems == lib->capitems) {
		size_t cap = lib->capitems ? 2 * lib->capitems : 64;
		struct library_match *v;

		if (cap > LIBRARY_MAX_MATCHES)
			cap = LIBRARY_MAX_MATCHES;
		v = realloc(lib->items, cap * sizeof(*v));
		if (!v)
			goto nomem;
		lib->items = v;
		lib->capitems = cap;
	}
	item = &lib->items[lib->nitems];
	item->article = c->article;
	item->m = *m;
	if (c->title_of != m->section) {
		const char *t = c->doc->sections[m->section].title;

		c->title = arena_strndup(lib->found, t,
					 utf8_cut(t, strlen(t),
						  LIBRARY_TITLE_MAX));
		if (!c->title)
			goto nomem;
		c->title_of = m->section;
	}
	item->section = c->title;
	if (!make_snippet(lib, s, m, item))
		goto nomem;
	lib->nitems++;
	return true;
nomem:
	c->nomem = true;
	return false;
}

static void forget_search(struct library *lib)
{
	free(lib->query);
	free(lib->pieces);
	lib->query = lib->pieces = NULL;
	lib->npieces = 0;
	arena_reset(lib->found);
	lib->nitems = 0;
	lib->next = 0;
	lib->truncated = false;
}

static void results(const struct library *lib, struct library_results *out)
{
	out->n = lib->nitems;
	out->items = lib->nitems ? lib->items : NULL;
	out->truncated = lib->truncated;
	out->done = !lib->query || lib->truncated || lib->next == lib->n;
}

/* The search goes on from lib->next until the results hold `want`
 * matches (the article it is in searched to its end), every article is
 * searched, or they are full and one match more was seen: truncated says
 * there were more, never that there may be. */
static int search_on(struct library *lib, size_t want,
		     struct library_results *out)
{
	struct scratch s = { NULL, NULL, 0, 0 };
	struct pieces q = { lib->pieces, lib->npieces };
	int r = 0;

	while (lib->query && lib->next < lib->n && !lib->truncated &&
	       lib->nitems < want) {
		size_t i = lib->next++;
		struct entry *e = &lib->e[i];
		struct collect c = { lib, i, NULL, NULL, NONE, false, false };

		if (e->doc_failed)
			continue;
		if (!e->doc && !may_match(e->path, &q, &s))
			continue;
		c.doc = use_doc(lib, i);
		if (!c.doc)
			continue;
		search_each(c.doc, lib->query, collect_match, &c);
		lib->truncated = c.more;
		fit_budget(lib, NONE);
		if (c.nomem) {
			r = -1;
			break;
		}
	}
	free(s.raw);
	free(s.fold);
	if (r)
		forget_search(lib);
	results(lib, out);
	return r;
}

int library_search_part(struct library *lib, const char *query, size_t want,
			struct library_results *out)
{
	struct pieces q;

	forget_search(lib);
	if (query && *query) {
		lib->query = strdup(query);
		if (!lib->query || cut_pieces(query, &q)) {
			forget_search(lib);
			results(lib, out);
			return -1;
		}
		lib->pieces = q.buf;
		lib->npieces = q.n;
	}
	return search_on(lib, want, out);
}

int library_search(struct library *lib, const char *query,
		   struct library_results *out)
{
	return library_search_part(lib, query, SIZE_MAX, out);
}

int library_search_more(struct library *lib, size_t more,
			struct library_results *out)
{
	size_t want = lib->nitems + more;

	return search_on(lib, want < more ? SIZE_MAX : want, out);
}

/* ---- validation ---------------------------------------------------------- */

static void say(FILE *out, const struct herror *e)
{
	char buf[1024];

	fprintf(out, "%s\n", herror_format(e, buf, sizeof(buf)));
}

struct idref {
	const char *id;
	size_t article;
};

static int by_id(const void *a, const void *b)
{
	const struct idref *x = a, *y = b;
	int c = strcmp(x->id, y->id);

	if (c)
		return c;
	return x->article < y->article ? -1 : x->article > y->article;
}

/* The first article (in library order) with id among the sorted ids, or
 * NULL. */
static const struct idref *find_id(const struct idref *ids, size_t n,
				   const char *id)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(ids[mid].id, id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && !strcmp(ids[lo].id, id) ? &ids[lo] : NULL;
}

static size_t check_links(struct library *lib, FILE *out)
{
	struct idref *ids = malloc(lib->n * sizeof(*ids));
	size_t nids = 0, problems = 0;
	struct herror e;

	if (!ids) {
		herror_set(&e, HERR_NOMEM, lib->dir, 0, 0,
			   "out of memory: the links between articles are not checked");
		say(out, &e);
		return 1;
	}
	for (size_t i = 0; i < lib->n; i++) {
		const struct doc_header *h = library_header(lib, i);

		if (h)
			ids[nids++] = (struct idref){ h->id, i };
	}
	qsort(ids, nids, sizeof(*ids), by_id);
	for (size_t i = 0; i < lib->n; i++) {
		const struct doc_header *h = lib->e[i].head;
		const struct idref *first;

		if (!h)
			continue;
		first = find_id(ids, nids, h->id);
		if (first && first->article != i) {
			herror_set(&e, HERR_DUPID, h->path, h->id_line,
				   h->id_column,
				   "duplicate article id '%s' (%s has it too)",
				   h->id, lib->e[first->article].path);
			say(out, &e);
			problems++;
		}
		for (size_t r = 0; r < h->nrelated; r++) {
			const struct related_ref *ref = &h->related[r];

			if (find_id(ids, nids, ref->id))
				continue;
			herror_set(&e, HERR_LINK, h->path, ref->line,
				   ref->column,
				   "related article '%s' is not in the folder (no article there has that id)",
				   ref->id);
			say(out, &e);
			problems++;
		}
	}
	free(ids);
	return problems;
}

size_t library_validate(struct library *lib, FILE *out)
{
	size_t problems = 0;

	for (size_t i = 0; i < lib->n; i++) {
		struct entry *e = &lib->e[i];
		struct document *d;
		struct herror err;

		/* A header that cannot be read fails the load the same way;
		 * one that can is wanted for the links anyway. */
		if (!library_header(lib, i) || e->doc_failed) {
			say(out, library_error(lib, i));
			problems++;
			continue;
		}
		if (e->doc)
			continue;
		/* Loaded to be checked, not kept: the documents a reader
		 * opened stay as they were. */
		d = doc_load(e->path, &err);
		if (!d) {
			remember(e, &err);
			e->doc_failed = true;
			say(out, &err);
			problems++;
		}
		doc_free(d);
	}
	return problems + check_links(lib, out);
}
