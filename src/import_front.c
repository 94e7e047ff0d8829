/* import_front.c - the page's YAML front matter: the block between a first
 * line "---" and the next "---" (or "...") line, as static-site
 * generators write it.  Its keys become the article's metadata; the others
 * are reported, since the draft has no place for them.
 *
 * Read with libyaml's event parser, which never expands aliases, and only
 * as deep as the loader would go.  Front matter that is not YAML is
 * reported and left out; a first "---" block that is not a mapping is no
 * front matter at all (a thematic break and a setext heading, say) and is
 * read as Markdown.
 */
#include "import_base.h"
#include "loader.h"
#include "validate.h"

#include <string.h>
#include <yaml.h>

enum field {
	F_TITLE, F_URL, F_REVIEWED, F_UPDATED, F_PUBLISHER, F_LANGUAGE,
	F_LICENSE, F_AUTHOR, F_SUMMARY
};

/* The names sites use for what the article has.  A page's own "source" is
 * the short name of its publisher (cancer.gov's copies say "NCI"). */
static const struct {
	const char *key;
	enum field field;
} keys[] = {
	{ "title", F_TITLE },
	{ "url", F_URL },
	{ "lastReviewed", F_REVIEWED },
	{ "last_reviewed", F_REVIEWED },
	{ "reviewed", F_REVIEWED },
	{ "date", F_UPDATED },
	{ "updated", F_UPDATED },
	{ "lastUpdated", F_UPDATED },
	{ "last_updated", F_UPDATED },
	{ "source", F_PUBLISHER },
	{ "publisher", F_PUBLISHER },
	{ "language", F_LANGUAGE },
	{ "lang", F_LANGUAGE },
	{ "license", F_LICENSE },
	{ "licence", F_LICENSE },
	{ "author", F_AUTHOR },
	{ "summary", F_SUMMARY },
	{ "description", F_SUMMARY },
};

static const char **field_slot(struct imp_meta *m, enum field f)
{
	switch (f) {
	case F_TITLE: return &m->title;
	case F_URL: return &m->url;
	case F_REVIEWED: return &m->reviewed;
	case F_UPDATED: return &m->updated;
	case F_PUBLISHER: return &m->publisher;
	case F_LANGUAGE: return &m->language;
	case F_LICENSE: return &m->license;
	case F_AUTHOR: return &m->author;
	case F_SUMMARY: return &m->summary;
	}
	return &m->title;
}

/* The length of the line at off, without its line end; *next is where the
 * following line starts. */
static size_t line_at(const struct imp *im, size_t off, size_t *next)
{
	size_t e = off;

	while (e < im->len && im->src[e] != '\n' && im->src[e] != '\r')
		e++;
	*next = e;
	if (*next < im->len && im->src[*next] == '\r')
		(*next)++;
	if (*next < im->len && im->src[*next] == '\n' &&
	    (*next == e || im->src[e] == '\r'))
		(*next)++;
	return e - off;
}

/* "---" or "..." (when dots) and nothing but spaces after. */
static bool fence(const char *s, size_t n, bool dots)
{
	if (n < 3 || !(memcmp(s, "---", 3) == 0 || (dots && memcmp(s, "...", 3) == 0)))
		return false;
	for (size_t i = 3; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return false;
	return true;
}

struct front {
	struct imp *im;
	yaml_parser_t parser;
	yaml_event_t ev;
	bool have_ev;
	unsigned first_line;     /* the file's line of the YAML's first line */
	struct imp_meta meta;
};

static void mark_pos(const struct front *f, const yaml_mark_t *m,
		     unsigned *line, unsigned *column)
{
	*line = f->first_line + (unsigned)m->line;
	*column = (unsigned)m->column + 1;
}

/* The next event; 1 on a YAML error (reported as a warning), -1 on a
 * failure of the import. */
static int next(struct front *f)
{
	if (f->have_ev)
		yaml_event_delete(&f->ev);
	f->have_ev = false;
	if (!yaml_parser_parse(&f->parser, &f->ev)) {
		unsigned line, column;

		if (f->parser.error == YAML_MEMORY_ERROR)
			return imp_nomem(f->im);
		mark_pos(f, &f->parser.problem_mark, &line, &column);
		imp_warn(f->im, line, column,
			 "the front matter is not valid YAML (%s); none of it is used",
			 f->parser.problem ? f->parser.problem : "syntax error");
		return 1;
	}
	f->have_ev = true;
	return 0;
}

/* Skip the node that starts with the current event. */
static int skip(struct front *f)
{
	int depth = 0, r;

	for (;;) {
		switch (f->ev.type) {
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT:
			if (++depth > LOADER_MAX_DEPTH) {
				unsigned line, column;

				mark_pos(f, &f->ev.start_mark, &line, &column);
				imp_warn(f->im, line, column,
					 "the front matter is nested deeper than %d; none of it is used",
					 LOADER_MAX_DEPTH);
				return 1;
			}
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			depth--;
			break;
		default:
			break;
		}
		if (depth <= 0)
			return 0;
		if ((r = next(f)))
			return r;
	}
}

static bool lookup(const char *key, enum field *field)
{
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (!strcmp(keys[i].key, key)) {
			*field = keys[i].field;
			return true;
		}
	return false;
}

/* A date as YYYY-MM-DD, or the date part of a timestamp. */
static bool date_value(const char *s, size_t *len)
{
	if (*len == 10 && validate_date(s, 10))
		return true;
	if (*len > 10 && (s[10] == 'T' || s[10] == ' ') && validate_date(s, 10)) {
		*len = 10;
		return true;
	}
	return false;
}

/* The value of key (the current event is its first). */
static int value(struct front *f, const char *key, unsigned kline,
		 unsigned kcol)
{
	struct imp *im = f->im;
	enum field field;
	unsigned line, column;
	const char **slot;
	char what[80];

	mark_pos(f, &f->ev.start_mark, &line, &column);
	if (!lookup(key, &field)) {
		imp_warn(im, kline, kcol,
			 "front matter key '%s' has no place in the article; left out",
			 key);
		return skip(f);
	}
	if (f->ev.type != YAML_SCALAR_EVENT) {
		imp_warn(im, line, column,
			 "front matter '%s' is not text; left out", key);
		return skip(f);
	}
	const char *s = (const char *)f->ev.data.scalar.value;
	size_t len = f->ev.data.scalar.length;

	slot = field_slot(&f->meta, field);
	if (validate_blank(s, len)) {
		imp_warn(im, line, column, "front matter '%s' is empty", key);
		return 0;
	}
	if (*slot) {
		imp_warn(im, kline, kcol,
			 "front matter '%s' says again what an earlier key said; the first is used",
			 key);
		return 0;
	}
	if ((field == F_REVIEWED || field == F_UPDATED) && !date_value(s, &len)) {
		imp_warn(im, line, column,
			 "front matter '%s' is not a date written YYYY-MM-DD; left out",
			 key);
		return 0;
	}
	snprintf(what, sizeof(what), "front matter '%s'", key);
	*slot = imp_textn_at(im, line, column, s, len, what);
	if (!*slot)
		return -1;
	if (field == F_TITLE)
		f->meta.title_line = line;
	return 0;
}

/* The mapping; 1 when it is not one (then the block is no front matter)
 * or is not YAML. */
static int mapping(struct front *f)
{
	int r;

	if ((r = next(f)) || (r = next(f)))        /* stream, document start */
		return r;
	if ((r = next(f)))
		return r;
	if (f->ev.type == YAML_SCALAR_EVENT && !f->ev.data.scalar.length &&
	    f->ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE)
		return 0;                          /* "---\n---": nothing */
	if (f->ev.type != YAML_MAPPING_START_EVENT)
		return 2;
	for (;;) {
		unsigned kline, kcol;

		if ((r = next(f)))
			return r;
		if (f->ev.type == YAML_MAPPING_END_EVENT)
			break;
		mark_pos(f, &f->ev.start_mark, &kline, &kcol);
		if (f->ev.type != YAML_SCALAR_EVENT) {
			imp_warn(f->im, kline, kcol,
				 "front matter key that is not text; left out");
			if ((r = skip(f)) || (r = next(f)) || (r = skip(f)))
				return r;
			continue;
		}
		/* The key's name, for messages only: herror_format() makes
		 * them safe for a terminal. */
		char key[64];
		size_t klen = f->ev.data.scalar.length;

		if (klen >= sizeof(key) || memchr(f->ev.data.scalar.value, 0, klen))
			klen = 0;
		memcpy(key, f->ev.data.scalar.value, klen);
		key[klen] = '\0';
		if ((r = next(f)))
			return r;
		if ((r = value(f, klen ? key : "?", kline, kcol)))
			return r;
	}
	/* A second document after the first is not front matter's. */
	if ((r = next(f)))
		return r;
	if (f->ev.type != YAML_DOCUMENT_END_EVENT)
		return 0;
	if ((r = next(f)))
		return r;
	if (f->ev.type != YAML_STREAM_END_EVENT) {
		unsigned line, column;

		mark_pos(f, &f->ev.start_mark, &line, &column);
		imp_warn(f->im, line, column,
			 "a second YAML document in the front matter; left out");
	}
	return 0;
}

int imp_front(struct imp *im)
{
	size_t start = 0, next_off, off, n, y0;
	unsigned lines = 1;
	struct front f;
	int r;

	im->body_off = 0;
	im->body_line = 0;
	if (im->len >= 3 && !memcmp(im->src, "\xEF\xBB\xBF", 3))
		start = 3;
	n = line_at(im, start, &next_off);
	if (!fence(im->src + start, n, false))
		return 0;
	/* The closing line. */
	for (off = next_off; off < im->len; off = next_off, lines++) {
		n = line_at(im, off, &next_off);
		if (fence(im->src + off, n, true))
			break;
	}
	if (off >= im->len)
		return 0;       /* no closing line: a thematic break */

	memset(&f, 0, sizeof(f));
	f.im = im;
	f.first_line = 2;
	if (!yaml_parser_initialize(&f.parser))
		return imp_nomem(im);
	/* The YAML: from the line after the first fence to the closing one. */
	line_at(im, start, &y0);
	yaml_parser_set_input_string(&f.parser,
				     (const unsigned char *)im->src + y0,
				     off - y0);
	r = mapping(&f);
	if (f.have_ev)
		yaml_event_delete(&f.ev);
	yaml_parser_delete(&f.parser);
	if (r < 0)
		return -1;
	if (r == 2) {
		imp_warn(im, 1, 1,
			 "the first '---' block is not a YAML mapping, so it is not front matter; read as Markdown");
		return 0;
	}
	if (r == 0)
		im->meta = f.meta;
	im->body_off = next_off;
	im->body_line = lines + 1;
	return 0;
}
