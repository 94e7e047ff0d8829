/* loader.c - YAML file -> libyaml events -> checked, immutable document.
 *
 * Two layers in one pass over the event stream:
 *  - loader_next() takes one event from libyaml and applies the rules that
 *    hold everywhere, whatever the schema: no anchors, aliases or foreign
 *    tags, bounded nesting, string length and list length, and no control or
 *    bidi characters in any scalar.  Because every event goes through it, a
 *    hostile file stops at the first event that breaks a rule.
 *  - The read_* functions below it walk the schema of content/SCHEMA.md by
 *    recursive descent, building the document in its arena as they go.
 * A node of the wrong type is skipped (through loader_next) before the type
 * error is reported, so a hostile subtree is refused for what makes it
 * hostile (depth, aliases, characters) rather than for its type.
 */
#include "loader.h"
#include "arena.h"
#include "validate.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

#define TAG_STR "tag:yaml.org,2002:str"
#define TAG_INT "tag:yaml.org,2002:int"
#define TAG_SEQ "tag:yaml.org,2002:seq"
#define TAG_MAP "tag:yaml.org,2002:map"

/* A growing array of fixed-size elements for a list being read; its
 * contents are copied into the arena, at their exact size, when the list
 * ends. */
struct vec {
	char *p;
	size_t n, cap, size;
};

struct idslot {
	const char *id;            /* in the arena; NULL for an empty slot */
	unsigned line;             /* where it was first seen */
};

/* Ids seen so far among one kind, hashed so a million ids stay linear. */
struct idset {
	struct idslot *slots;
	size_t cap, n;
};

struct loader {
	yaml_parser_t parser;
	yaml_event_t ev;           /* the current event, when have_ev */
	bool have_ev;
	const char *name;          /* the file, for messages */
	const unsigned char *buf;
	size_t len;
	struct herror *err;
	struct arena *arena;       /* the document's */

	unsigned depth;            /* open sequences and mappings */
	size_t nodes[LOADER_MAX_DEPTH + 1];  /* nodes so far in each */
	bool in_seq[LOADER_MAX_DEPTH + 1];

	struct idset section_ids, check_ids;
	struct vec faq;            /* const struct faq_item *, in order */
	size_t nfaq;               /* FAQ items numbered so far */
};

/* ---- errors and positions ------------------------------------------- */

static int loader_fail_at(struct loader *l, enum herr code, unsigned line,
			  unsigned column, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static int loader_fail_at(struct loader *l, enum herr code, unsigned line,
			  unsigned column, const char *fmt, ...)
{
	char detail[sizeof(l->err->detail)];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(detail, sizeof(detail), fmt, ap);
	va_end(ap);
	herror_set(l->err, code, l->name, line, column, "%s", detail);
	return -1;
}

/* libyaml marks are 0-based; messages are 1-based. */
#define loader_fail(l, code, mark, ...) \
	loader_fail_at((l), (code), (unsigned)(mark).line + 1, \
		       (unsigned)(mark).column + 1, __VA_ARGS__)

static int loader_nomem(struct loader *l)
{
	herror_set(l->err, HERR_NOMEM, l->name, 0, 0, NULL);
	return -1;
}

/* Copy up to 40 bytes of s for quoting in a message: printable ASCII as is,
 * anything else as '?', so a message never carries what the file smuggled. */
static const char *loader_quote(const char *s, size_t len, char *out,
				size_t size)
{
	size_t i, o = 0, max = size - 4;

	if (max > 40)
		max = 40;
	for (i = 0; i < len && o < max; i++)
		out[o++] = (s[i] >= 0x20 && s[i] < 0x7F) ? s[i] : '?';
	if (i < len) {
		memcpy(out + o, "...", 3);
		o += 3;
	}
	out[o] = '\0';
	return out;
}

/* A place in the buffer, counted the way libyaml counts marks: 0-based,
 * columns in characters, CR LF as one break, and CR, LF, NEL, LS and PS
 * each ending a line. */
struct pos {
	size_t off;
	unsigned line, column;
};

static struct pos pos_start(const struct loader *l)
{
	struct pos p = { 0, 0, 0 };

	/* libyaml drops a UTF-8 BOM before it starts counting. */
	if (l->len >= 3 && !memcmp(l->buf, "\xEF\xBB\xBF", 3))
		p.off = 3;
	return p;
}

/* Step over the character at p->off; returns its code point, or -1 for a
 * byte that does not start valid UTF-8 (stepped over as one column). */
static long pos_step(const struct loader *l, struct pos *p)
{
	const unsigned char *b = l->buf + p->off;
	size_t left = l->len - p->off, n;
	uint32_t c;

	if (b[0] == '\r' && left > 1 && b[1] == '\n') {
		p->off += 2;
		p->line++;
		p->column = 0;
		return '\n';
	}
	n = validate_utf8_char(b, left, &c);
	if (!n) {
		p->off++;
		p->column++;
		return -1;
	}
	p->off += n;
	if (c == '\r' || c == '\n' || c == 0x85 || c == 0x2028 ||
	    c == 0x2029) {
		p->line++;
		p->column = 0;
	} else {
		p->column++;
	}
	return c;
}

/* The position of byte offset off (libyaml's reader reports only that). */
static struct pos pos_of_offset(const struct loader *l, size_t off)
{
	struct pos p = pos_start(l);

	while (p.off < off && p.off < l->len)
		pos_step(l, &p);
	return p;
}

/* The buffer position of a libyaml mark. */
static struct pos pos_of_mark(const struct loader *l, const yaml_mark_t *m)
{
	struct pos p = pos_start(l);

	while (p.off < l->len &&
	       (p.line < m->line || (p.line == m->line && p.column < m->column)))
		pos_step(l, &p);
	return p;
}

static int hexval(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decode the escape at b (just after a backslash) in a double-quoted
 * scalar.  Returns its length after the backslash and sets *cp, or 0 for
 * an escaped line break or anything libyaml would not have accepted. */
static size_t escape_decode(const unsigned char *b, size_t left, uint32_t *cp)
{
	static const char simple[] = "0abtnvfre \"/\\N_LP\t";
	static const uint32_t values[] = {
		0, 7, 8, 9, 10, 11, 12, 13, 27, 32, '"', '/', '\\',
		0x85, 0xA0, 0x2028, 0x2029, 9
	};
	size_t digits = 0;
	const char *s;

	if (!left)
		return 0;
	if (b[0] && (s = strchr(simple, b[0]))) {
		*cp = values[s - simple];
		return 1;
	}
	if (b[0] == 'x')
		digits = 2;
	else if (b[0] == 'u')
		digits = 4;
	else if (b[0] == 'U')
		digits = 8;
	if (!digits || left < digits + 1)
		return 0;
	*cp = 0;
	for (size_t i = 1; i <= digits; i++) {
		int h = hexval(b[i]);

		if (h < 0)
			return 0;
		*cp = *cp << 4 | (uint32_t)h;
	}
	return digits + 1;
}

/* Find, in the source of the scalar ev, the character (or escape) that
 * produced a refused character, so the message points at it.  Falls back
 * to the scalar's start if the source does not show it. */
static struct pos locate_bad_char(const struct loader *l,
				  const yaml_event_t *ev)
{
	struct pos start = pos_of_mark(l, &ev->start_mark);
	struct pos p = start, end = pos_of_mark(l, &ev->end_mark);
	bool dq = ev->data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE;

	while (p.off < end.off) {
		struct pos here = p;
		uint32_t cp;
		size_t n;
		long c;

		if (dq && l->buf[p.off] == '\\') {
			n = escape_decode(l->buf + p.off + 1,
					  l->len - p.off - 1, &cp);
			if (n && validate_codepoint(cp) != TEXT_OK)
				return here;
			p.off += 1 + n;
			p.column += 1 + (unsigned)n;
			continue;
		}
		c = pos_step(l, &p);
		if (c < 0)
			return here;
		/* Line breaks were turned into '\n' by libyaml. */
		if (p.line != here.line)
			continue;
		if (validate_codepoint((uint32_t)c) != TEXT_OK)
			return here;
	}
	return start;
}

/* Report libyaml's own error with the best position it allows. */
static int loader_yaml_error(struct loader *l)
{
	const yaml_parser_t *y = &l->parser;
	const char *problem = y->problem ? y->problem : "syntax error";
	struct pos p;

	switch (y->error) {
	case YAML_MEMORY_ERROR:
		return loader_nomem(l);
	case YAML_READER_ERROR:
		p = pos_of_offset(l, y->problem_offset);
		if (strstr(problem, "control characters"))
			return loader_fail_at(l, HERR_CHAR, p.line + 1,
					      p.column + 1,
					      "control character U+%04X is not allowed",
					      (unsigned)y->problem_value);
		if (y->problem_value >= 0)
			return loader_fail_at(l, HERR_ENCODING, p.line + 1,
					      p.column + 1,
					      "not UTF-8: %s (0x%X)", problem,
					      (unsigned)y->problem_value);
		return loader_fail_at(l, HERR_ENCODING, p.line + 1,
				      p.column + 1, "not UTF-8: %s", problem);
	default:
		if (y->context && (y->context_mark.line != y->problem_mark.line ||
				   y->context_mark.column != y->problem_mark.column))
			return loader_fail(l, HERR_SYNTAX, y->problem_mark,
					   "%s %s that starts at line %u, column %u",
					   problem, y->context,
					   (unsigned)y->context_mark.line + 1,
					   (unsigned)y->context_mark.column + 1);
		if (y->context)
			return loader_fail(l, HERR_SYNTAX, y->problem_mark,
					   "%s %s", problem, y->context);
		return loader_fail(l, HERR_SYNTAX, y->problem_mark, "%s",
				   problem);
	}
}

/* ---- events and the rules that hold everywhere --------------------- */

static bool tag_fits(const char *tag, yaml_event_type_t type)
{
	if (!tag)
		return true;
	if (type == YAML_SCALAR_EVENT)
		return !strcmp(tag, TAG_STR) || !strcmp(tag, TAG_INT);
	if (type == YAML_SEQUENCE_START_EVENT)
		return !strcmp(tag, TAG_SEQ);
	return !strcmp(tag, TAG_MAP);
}

static int loader_check_scalar(struct loader *l)
{
	const yaml_event_t *ev = &l->ev;
	size_t len = ev->data.scalar.length, off;
	enum text_fault f;
	struct pos p;
	uint32_t cp;

	if (len > LOADER_MAX_STRING)
		return loader_fail(l, HERR_TOOLONG, ev->start_mark,
				   "string of %zu bytes is longer than the limit of %u",
				   len, LOADER_MAX_STRING);
	f = validate_text((const char *)ev->data.scalar.value, len, &off, &cp);
	if (f == TEXT_OK)
		return 0;
	p = locate_bad_char(l, ev);
	if (f == TEXT_BAD_UTF8)
		return loader_fail_at(l, HERR_ENCODING, p.line + 1,
				      p.column + 1,
				      "not UTF-8: invalid byte 0x%02X in string",
				      (unsigned)cp);
	return loader_fail_at(l, HERR_CHAR, p.line + 1, p.column + 1,
			      "%s character U+%04X is not allowed in text",
			      f == TEXT_BIDI ? "bidirectional formatting" :
			      "control", (unsigned)cp);
}

/* A new node inside the innermost open collection: count it. */
static int loader_count_node(struct loader *l)
{
	size_t limit;

	if (!l->depth)
		return 0;
	/* A mapping's nodes are its keys and values. */
	limit = l->in_seq[l->depth] ? LOADER_MAX_ITEMS : 2u * LOADER_MAX_ITEMS;
	if (++l->nodes[l->depth] > limit)
		return loader_fail(l, HERR_TOOMANY, l->ev.start_mark,
				   "more than %u items in one list",
				   (unsigned)LOADER_MAX_ITEMS);
	return 0;
}

static int loader_check_event(struct loader *l)
{
	const yaml_event_t *ev = &l->ev;
	const char *anchor = NULL, *tag = NULL;
	char q[64];

	switch (ev->type) {
	case YAML_ALIAS_EVENT:
		anchor = (const char *)ev->data.alias.anchor;
		return loader_fail(l, HERR_ANCHOR, ev->start_mark,
				   "alias '*%s' is not allowed (anchors and aliases are refused)",
				   loader_quote(anchor, strlen(anchor), q, sizeof(q)));
	case YAML_SCALAR_EVENT:
		anchor = (const char *)ev->data.scalar.anchor;
		tag = (const char *)ev->data.scalar.tag;
		break;
	case YAML_SEQUENCE_START_EVENT:
		anchor = (const char *)ev->data.sequence_start.anchor;
		tag = (const char *)ev->data.sequence_start.tag;
		break;
	case YAML_MAPPING_START_EVENT:
		anchor = (const char *)ev->data.mapping_start.anchor;
		tag = (const char *)ev->data.mapping_start.tag;
		break;
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		l->depth--;
		return 0;
	default:
		return 0;
	}
	if (anchor)
		return loader_fail(l, HERR_ANCHOR, ev->start_mark,
				   "anchor '&%s' is not allowed (anchors and aliases are refused)",
				   loader_quote(anchor, strlen(anchor), q, sizeof(q)));
	if (!tag_fits(tag, ev->type))
		return loader_fail(l, HERR_TAG, ev->start_mark,
				   "tag '%s' is not allowed here (only !!str, !!int, !!seq and !!map)",
				   loader_quote(tag, strlen(tag), q, sizeof(q)));
	if (loader_count_node(l))
		return -1;
	if (ev->type == YAML_SCALAR_EVENT)
		return loader_check_scalar(l);
	if (l->depth >= LOADER_MAX_DEPTH)
		return loader_fail(l, HERR_DEPTH, ev->start_mark,
				   "nesting deeper than %d levels",
				   LOADER_MAX_DEPTH);
	l->depth++;
	l->nodes[l->depth] = 0;
	l->in_seq[l->depth] = ev->type == YAML_SEQUENCE_START_EVENT;
	return 0;
}

/* Advance to the next event; 0, or -1 with the error set. */
static int loader_next(struct loader *l)
{
	if (l->have_ev) {
		yaml_event_delete(&l->ev);
		l->have_ev = false;
	}
	if (!yaml_parser_parse(&l->parser, &l->ev))
		return loader_yaml_error(l);
	l->have_ev = true;
	return loader_check_event(l);
}

/* The current event starts a node: consume the rest of it. */
static int loader_skip(struct loader *l)
{
	unsigned level = 0;

	do {
		switch (l->ev.type) {
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT:
			level++;
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			level--;
			break;
		default:
			break;
		}
		if (level && loader_next(l))
			return -1;
	} while (level);
	return 0;
}

static const char *node_kind(const yaml_event_t *ev)
{
	switch (ev->type) {
	case YAML_SEQUENCE_START_EVENT:
		return "a list";
	case YAML_MAPPING_START_EVENT:
		return "a mapping";
	default:
		return "text";
	}
}

/* The current node is not what `what` needs: skip it, then say so. */
static int loader_wrong_type(struct loader *l, const char *expected,
			     const char *what)
{
	yaml_mark_t mark = l->ev.start_mark;
	const char *found = node_kind(&l->ev);

	if (l->ev.type == YAML_SCALAR_EVENT && l->ev.data.scalar.tag &&
	    !strcmp((const char *)l->ev.data.scalar.tag, TAG_INT))
		found = "an integer";
	if (loader_skip(l))
		return -1;
	return loader_fail(l, HERR_TYPE, mark, "expected %s for %s, found %s",
			   expected, what, found);
}

/* ---- small containers ------------------------------------------------ */

static void *vec_push(struct vec *v)
{
	if (v->n == v->cap) {
		size_t cap = v->cap ? v->cap * 2 : 8;
		char *p;

		if (cap > SIZE_MAX / v->size)
			return NULL;
		p = realloc(v->p, cap * v->size);
		if (!p)
			return NULL;
		v->p = p;
		v->cap = cap;
	}
	memset(v->p + v->n * v->size, 0, v->size);
	return v->p + v->n++ * v->size;
}

/* Move v's elements into the arena at their exact size and free v.
 * Returns 0 (with *out NULL for an empty list) or -1. */
static int vec_finish(struct loader *l, struct vec *v, void **out)
{
	void *p = NULL;

	if (v->n) {
		p = arena_array(l->arena, v->n, v->size);
		if (!p) {
			free(v->p);
			v->p = NULL;
			return loader_nomem(l);
		}
		memcpy(p, v->p, v->n * v->size);
	}
	free(v->p);
	v->p = NULL;
	*out = p;
	return 0;
}

static size_t idset_hash(const char *s)
{
	size_t h = 2166136261u;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

/* Add id; 1 when added, 0 when already there (*first = its line), -1 when
 * out of memory. */
static int idset_add(struct idset *set, const char *id, unsigned line,
		     unsigned *first)
{
	size_t i;

	if (2 * (set->n + 1) > set->cap) {
		size_t cap = set->cap ? 2 * set->cap : 64;
		struct idslot *slots = calloc(cap, sizeof(*slots));

		if (!slots)
			return -1;
		for (i = 0; i < set->cap; i++) {
			size_t j;

			if (!set->slots[i].id)
				continue;
			j = idset_hash(set->slots[i].id) & (cap - 1);
			while (slots[j].id)
				j = (j + 1) & (cap - 1);
			slots[j] = set->slots[i];
		}
		free(set->slots);
		set->slots = slots;
		set->cap = cap;
	}
	for (i = idset_hash(id) & (set->cap - 1); set->slots[i].id;
	     i = (i + 1) & (set->cap - 1)) {
		if (!strcmp(set->slots[i].id, id)) {
			*first = set->slots[i].line;
			return 0;
		}
	}
	set->slots[i].id = id;
	set->slots[i].line = line;
	set->n++;
	return 1;
}

/* ---- reading values -------------------------------------------------- */

/* Read the current node as text for `what` into the arena. */
static int read_text(struct loader *l, const char *what, const char **out)
{
	const yaml_event_t *ev = &l->ev;
	const char *s;
	size_t len;

	if (ev->type != YAML_SCALAR_EVENT ||
	    (ev->data.scalar.tag &&
	     !strcmp((const char *)ev->data.scalar.tag, TAG_INT)))
		return loader_wrong_type(l, "text", what);
	s = (const char *)ev->data.scalar.value;
	len = ev->data.scalar.length;
	/* A plain ~ or null is YAML's "nothing", not the word. */
	if (ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
	    !ev->data.scalar.tag &&
	    (!strcmp(s, "~") || !strcmp(s, "null") || !strcmp(s, "Null") ||
	     !strcmp(s, "NULL")))
		len = 0;
	if (validate_blank(s, len))
		return loader_fail(l, HERR_BLANK, ev->start_mark,
				   "%s is empty", what);
	*out = arena_strndup(l->arena, s, len);
	return *out ? 0 : loader_nomem(l);
}

static int read_id(struct loader *l, const char *what, struct idset *set,
		   const char **out)
{
	yaml_mark_t mark = l->ev.start_mark;
	unsigned first;
	char q[64];
	int r;

	if (read_text(l, what, out))
		return -1;
	if (!validate_id(*out, strlen(*out)))
		return loader_fail(l, HERR_ID, mark,
				   "malformed %s '%s': use lower-case letters, digits and '-', starting with a letter",
				   what, loader_quote(*out, strlen(*out), q, sizeof(q)));
	if (!set)
		return 0;
	r = idset_add(set, *out, (unsigned)mark.line + 1, &first);
	if (r < 0)
		return loader_nomem(l);
	if (!r)
		return loader_fail(l, HERR_DUPID, mark,
				   "duplicate %s '%s' (first used on line %u)",
				   what, *out, first);
	return 0;
}

static int expect(struct loader *l, yaml_event_type_t type, const char *what)
{
	if (l->ev.type == type)
		return 0;
	return loader_wrong_type(l, type == YAML_SEQUENCE_START_EVENT ?
				 "a list" : "a mapping", what);
}

/* A mapping of known keys.  The fields after `what` are the reader's. */
struct keyspec {
	const char *name;
	bool required;
};

#define MAX_KEYS 16

struct mapctx {
	const struct keyspec *keys;
	size_t nkeys;
	const char *what;          /* "section", "article", ... */
	yaml_mark_t start, key;    /* the mapping's and the current key's */
	unsigned first[MAX_KEYS];  /* line of each key seen, 0 when not yet */
	size_t which;              /* index of the current key */
	char label[64];            /* "'title' in section", for messages */
};

/* The current node must be a mapping with the given keys; set m up. */
static int map_begin(struct loader *l, struct mapctx *m,
		     const struct keyspec *keys, size_t nkeys, const char *what,
		     const char *as)
{
	if (expect(l, YAML_MAPPING_START_EVENT, as))
		return -1;
	memset(m, 0, sizeof(*m));
	m->keys = keys;
	m->nkeys = nkeys;
	m->what = what;
	m->start = l->ev.start_mark;
	return 0;
}

static void map_expected(const struct mapctx *m, char *buf, size_t size)
{
	size_t o = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < m->nkeys && o < size; i++)
		o += (size_t)snprintf(buf + o, size - o, "%s%s",
				      i ? ", " : "", m->keys[i].name);
}

/* Advance to the next key.  Returns 1 with m->which set and the value's
 * first event current, 0 at the end of the mapping (after checking that
 * every required key came), or -1. */
static int map_next(struct loader *l, struct mapctx *m)
{
	char q[64], expected[200];
	const char *k;
	size_t i, len;

	if (loader_next(l))
		return -1;
	if (l->ev.type == YAML_MAPPING_END_EVENT) {
		for (i = 0; i < m->nkeys; i++)
			if (m->keys[i].required && !m->first[i])
				return loader_fail(l, HERR_MISSING, m->start,
						   "missing key '%s' in %s",
						   m->keys[i].name, m->what);
		return 0;
	}
	m->key = l->ev.start_mark;
	if (l->ev.type != YAML_SCALAR_EVENT) {
		snprintf(expected, sizeof(expected), "a key in %s", m->what);
		return loader_wrong_type(l, "text", expected);
	}
	k = (const char *)l->ev.data.scalar.value;
	len = l->ev.data.scalar.length;
	for (i = 0; i < m->nkeys; i++)
		if (strlen(m->keys[i].name) == len && !memcmp(k, m->keys[i].name, len))
			break;
	loader_quote(k, len, q, sizeof(q));
	/* Consume the value first: what is wrong inside it matters more. */
	if (i == m->nkeys || m->first[i]) {
		if (loader_next(l) || loader_skip(l))
			return -1;
		if (i < m->nkeys)
			return loader_fail(l, HERR_DUPKEY, m->key,
					   "duplicate key '%s' in %s (first on line %u)",
					   q, m->what, m->first[i]);
		map_expected(m, expected, sizeof(expected));
		return loader_fail(l, HERR_KEY, m->key,
				   "unknown key '%s' in %s (expected %s)",
				   q, m->what, expected);
	}
	m->first[i] = (unsigned)m->key.line + 1;
	m->which = i;
	snprintf(m->label, sizeof(m->label), "'%s' in %s", m->keys[i].name,
		 m->what);
	return loader_next(l) ? -1 : 1;
}

/* Read a list: the current node must be a sequence; item() reads each
 * element (its first event current) into a zeroed elem of `size` bytes.
 * The result is copied into the arena. */
typedef int (*item_fn)(struct loader *l, void *elem, void *arg);

static int read_list(struct loader *l, const char *what, bool nonempty,
		     size_t size, item_fn item, void *arg, size_t *n,
		     void **items)
{
	struct vec v = { NULL, 0, 0, size };
	yaml_mark_t start = l->ev.start_mark;

	if (expect(l, YAML_SEQUENCE_START_EVENT, what))
		return -1;
	for (;;) {
		void *elem;

		if (loader_next(l))
			goto fail;
		if (l->ev.type == YAML_SEQUENCE_END_EVENT)
			break;
		elem = vec_push(&v);
		if (!elem) {
			loader_nomem(l);
			goto fail;
		}
		if (item(l, elem, arg))
			goto fail;
	}
	if (nonempty && !v.n) {
		loader_fail(l, HERR_BLANK, start,
			    "%s is an empty list; it needs at least one item",
			    what);
		goto fail;
	}
	*n = v.n;
	return vec_finish(l, &v, items);
fail:
	free(v.p);
	return -1;
}

static int item_text(struct loader *l, void *elem, void *arg)
{
	return read_text(l, arg, elem);
}

static int read_text_list(struct loader *l, const char *what,
			  struct text_list *out)
{
	void *items;

	char item[96];

	snprintf(item, sizeof(item), "an item of %s", what);
	if (read_list(l, what, true, sizeof(const char *), item_text, item,
		      &out->n, &items))
		return -1;
	out->items = items;
	return 0;
}

/* ---- the schema ------------------------------------------------------ */

static const struct keyspec table_keys[] = {
	{ "columns", true }, { "rows", true }, { "caption", false }
};

struct table_rows {
	struct vec cells;          /* const char *, row-major */
	struct vec shape;          /* struct row_shape, one per row */
};

struct row_shape {
	size_t ncells;
	yaml_mark_t mark;
};

/* One row: a list of cells, appended to the table's cells. */
static int read_row(struct loader *l, struct table_rows *t)
{
	struct row_shape *shape = vec_push(&t->shape);

	if (!shape)
		return loader_nomem(l);
	shape->mark = l->ev.start_mark;
	if (expect(l, YAML_SEQUENCE_START_EVENT, "a table row"))
		return -1;
	for (;;) {
		const char **cell;

		if (loader_next(l))
			return -1;
		if (l->ev.type == YAML_SEQUENCE_END_EVENT)
			return 0;
		cell = vec_push(&t->cells);
		if (!cell)
			return loader_nomem(l);
		if (read_text(l, "a table cell", cell))
			return -1;
		shape->ncells++;
	}
}

static int read_rows(struct loader *l, const char *what, struct table_rows *t)
{
	if (expect(l, YAML_SEQUENCE_START_EVENT, what))
		return -1;
	for (;;) {
		if (loader_next(l))
			return -1;
		if (l->ev.type == YAML_SEQUENCE_END_EVENT)
			return 0;
		if (read_row(l, t))
			return -1;
	}
}

static int read_table(struct loader *l, struct table *t)
{
	struct table_rows rows = {
		{ NULL, 0, 0, sizeof(const char *) },
		{ NULL, 0, 0, sizeof(struct row_shape) }
	};
	void *p;
	struct mapctx m;
	int r;

	if (map_begin(l, &m, table_keys, 3, "table", "'table'"))
		return -1;
	while ((r = map_next(l, &m)) > 0) {
		if (m.which == 0)
			r = read_list(l, m.label, true, sizeof(const char *),
				      item_text, (void *)"a table column",
				      &t->ncols, &p);
		else if (m.which == 1)
			r = read_rows(l, m.label, &rows);
		else
			r = read_text(l, m.label, &t->caption);
		if (r)
			goto fail;
		if (m.which == 0)
			t->columns = p;
	}
	if (r < 0)
		goto fail;
	/* Rows are checked against the columns only now that both are
	 * known: the keys may come in any order. */
	for (size_t i = 0; i < rows.shape.n; i++) {
		const struct row_shape *s = (const struct row_shape *)rows.shape.p + i;

		if (s->ncells != t->ncols) {
			loader_fail(l, HERR_VALUE, s->mark,
				    "table row has %zu %s, expected %zu (one per column)",
				    s->ncells, s->ncells == 1 ? "cell" : "cells",
				    t->ncols);
			goto fail;
		}
	}
	t->nrows = rows.shape.n;
	free(rows.shape.p);
	if (vec_finish(l, &rows.cells, &p))
		return -1;
	t->cells = p;
	return 0;
fail:
	free(rows.cells.p);
	free(rows.shape.p);
	return -1;
}

static const struct keyspec quote_keys[] = {
	{ "text", true }, { "by", false }
};

static int read_quote(struct loader *l, struct quote *q)
{
	struct mapctx m;
	int r;

	if (l->ev.type == YAML_SCALAR_EVENT)
		return read_text(l, "'quote'", &q->text);
	if (l->ev.type != YAML_MAPPING_START_EVENT)
		return loader_wrong_type(l, "text or a mapping", "'quote'");
	if (map_begin(l, &m, quote_keys, 2, "quote", "'quote'"))
		return -1;
	while ((r = map_next(l, &m)) > 0)
		if (read_text(l, m.label, m.which ? &q->by : &q->text))
			return -1;
	return r;
}

static const struct keyspec faq_keys[] = {
	{ "question", true }, { "answer", true }
};

static int item_faq(struct loader *l, void *elem, void *arg)
{
	struct faq_item *f = elem;
	struct mapctx m;
	int r;

	if (map_begin(l, &m, faq_keys, 2, "FAQ item", "a FAQ item"))
		return -1;
	while ((r = map_next(l, &m)) > 0)
		if (read_text(l, m.label, m.which ? &f->answer : &f->question))
			return -1;
	f->number = l->nfaq++;
	return r;
}

static int read_faq(struct loader *l, struct faq *faq)
{
	void *p;

	if (read_list(l, "'faq'", false, sizeof(struct faq_item), item_faq,
		      NULL, &faq->n, &p))
		return -1;
	faq->items = p;
	/* The items now sit still in the arena: index them. */
	for (size_t i = 0; i < faq->n; i++) {
		const struct faq_item **slot = vec_push(&l->faq);

		if (!slot)
			return loader_nomem(l);
		*slot = &faq->items[i];
	}
	return 0;
}

static const struct keyspec ref_keys[] = {
	{ "text", true }, { "url", false }
};

static int item_ref(struct loader *l, void *elem, void *arg)
{
	struct reference *ref = elem;
	struct mapctx m;
	int r;

	if (map_begin(l, &m, ref_keys, 2, "reference", "a reference"))
		return -1;
	while ((r = map_next(l, &m)) > 0)
		if (read_text(l, m.label, m.which ? &ref->url : &ref->text))
			return -1;
	return r;
}

/* The block kinds, in enum block_kind order. */
static const struct keyspec block_keys[] = {
	{ "paragraph", false }, { "subheading", false }, { "bullets", false },
	{ "numbered", false }, { "table", false }, { "quote", false },
	{ "faq", false }, { "references", false }
};

static int item_block(struct loader *l, void *elem, void *arg)
{
	struct block *b = elem;
	char expected[200];
	struct mapctx m;
	void *p;
	int r;

	if (map_begin(l, &m, block_keys, 8, "block", "a block"))
		return -1;
	b->line = (unsigned)m.start.line + 1;
	r = map_next(l, &m);
	if (r == 0) {
		map_expected(&m, expected, sizeof(expected));
		return loader_fail(l, HERR_MISSING, m.start,
				   "empty block: expected one of %s", expected);
	}
	if (r < 0)
		return -1;
	b->kind = (enum block_kind)m.which;
	switch (b->kind) {
	case BLOCK_PARAGRAPH:
	case BLOCK_SUBHEADING:
		r = read_text(l, m.label, &b->u.text);
		break;
	case BLOCK_BULLETS:
	case BLOCK_NUMBERED:
		r = read_text_list(l, m.label, &b->u.list);
		break;
	case BLOCK_TABLE:
		r = read_table(l, &b->u.table);
		break;
	case BLOCK_QUOTE:
		r = read_quote(l, &b->u.quote);
		break;
	case BLOCK_FAQ:
		r = read_faq(l, &b->u.faq);
		break;
	case BLOCK_REFERENCES:
		r = read_list(l, m.label, false, sizeof(struct reference),
			      item_ref, NULL, &b->u.refs.n, &p);
		b->u.refs.items = p;
		break;
	}
	if (r)
		return -1;
	r = map_next(l, &m);
	if (r > 0)
		return loader_fail(l, HERR_VALUE, m.key,
				   "a block has exactly one key, its kind: found '%s' after '%s'",
				   m.keys[m.which].name, block_keys[b->kind].name);
	return r;
}

static const struct keyspec section_keys[] = {
	{ "id", true }, { "title", true }, { "blocks", true }
};

static int item_section(struct loader *l, void *elem, void *arg)
{
	struct section *s = elem;
	struct mapctx m;
	void *p;
	int r;

	if (map_begin(l, &m, section_keys, 3, "section", "a section"))
		return -1;
	while ((r = map_next(l, &m)) > 0) {
		switch (m.which) {
		case 0:
			r = read_id(l, "section id", &l->section_ids, &s->id);
			break;
		case 1:
			r = read_text(l, m.label, &s->title);
			break;
		default:
			r = read_list(l, m.label, true, sizeof(struct block),
				      item_block, NULL, &s->nblocks, &p);
			s->blocks = p;
		}
		if (r)
			return -1;
	}
	return r;
}

static const struct keyspec check_keys[] = {
	{ "id", true }, { "label", true }, { "detail", false }
};

static int item_check(struct loader *l, void *elem, void *arg)
{
	struct check_item *c = elem;
	struct mapctx m;
	int r;

	if (map_begin(l, &m, check_keys, 3, "checklist item",
		      "a checklist item"))
		return -1;
	while ((r = map_next(l, &m)) > 0) {
		if (m.which == 0)
			r = read_id(l, "checklist id", &l->check_ids, &c->id);
		else
			r = read_text(l, m.label,
				      m.which == 1 ? &c->label : &c->detail);
		if (r)
			return -1;
	}
	return r;
}

static const struct keyspec gloss_keys[] = {
	{ "term", true }, { "definition", true }
};

static int item_gloss(struct loader *l, void *elem, void *arg)
{
	struct gloss_entry *g = elem;
	struct mapctx m;
	int r;

	if (map_begin(l, &m, gloss_keys, 2, "glossary entry",
		      "a glossary entry"))
		return -1;
	while ((r = map_next(l, &m)) > 0)
		if (read_text(l, m.label, m.which ? &g->definition : &g->term))
			return -1;
	return r;
}

static const struct keyspec source_keys[] = {
	{ "publisher", true }, { "url", false }
};

static int read_source(struct loader *l, struct document *d)
{
	struct mapctx m;
	int r;

	if (map_begin(l, &m, source_keys, 2, "source", "'source'"))
		return -1;
	while ((r = map_next(l, &m)) > 0)
		if (read_text(l, m.label,
			      m.which ? &d->source_url : &d->publisher))
			return -1;
	return r;
}

static int read_schema(struct loader *l, struct document *d)
{
	const yaml_event_t *ev = &l->ev;
	const char *s = (const char *)ev->data.scalar.value;
	bool is_int = false;
	char q[64];

	if (ev->type == YAML_SCALAR_EVENT) {
		const char *tag = (const char *)ev->data.scalar.tag;

		is_int = tag ? !strcmp(tag, TAG_INT) :
			 ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		for (size_t i = 0; is_int && i < ev->data.scalar.length; i++)
			is_int = s[i] >= '0' && s[i] <= '9';
		is_int = is_int && ev->data.scalar.length;
	}
	if (!is_int)
		return loader_wrong_type(l, "the integer 1", "'schema'");
	if (strcmp(s, "1"))
		return loader_fail(l, HERR_VALUE, ev->start_mark,
				   "unsupported schema %s (this handout reads schema 1)",
				   loader_quote(s, ev->data.scalar.length, q, sizeof(q)));
	d->schema = 1;
	return 0;
}

enum {
	TOP_SCHEMA, TOP_ID, TOP_TITLE, TOP_SUMMARY, TOP_AUTHOR, TOP_UPDATED,
	TOP_LANGUAGE, TOP_SOURCE, TOP_DISCLAIMER, TOP_ADVICE, TOP_SECTIONS,
	TOP_CHECKLIST, TOP_GLOSSARY, TOP_NKEYS
};

static const struct keyspec top_keys[TOP_NKEYS] = {
	{ "schema", true }, { "id", true }, { "title", true },
	{ "summary", false }, { "author", false }, { "updated", false },
	{ "language", false }, { "source", false }, { "disclaimer", true },
	{ "advice", false }, { "sections", true }, { "checklist", false },
	{ "glossary", false }
};

static int read_top_value(struct loader *l, struct mapctx *m,
			  struct document *d)
{
	yaml_mark_t mark = l->ev.start_mark;
	void *p;
	char q[64];
	int r;

	switch (m->which) {
	case TOP_SCHEMA:
		return read_schema(l, d);
	case TOP_ID:
		return read_id(l, "article id", NULL, &d->id);
	case TOP_TITLE:
		return read_text(l, m->label, &d->title);
	case TOP_SUMMARY:
		return read_text(l, m->label, &d->summary);
	case TOP_AUTHOR:
		return read_text(l, m->label, &d->author);
	case TOP_UPDATED:
		if (read_text(l, m->label, &d->updated))
			return -1;
		if (!validate_date(d->updated, strlen(d->updated)))
			return loader_fail(l, HERR_VALUE, mark,
					   "'updated' must be a date written YYYY-MM-DD, not '%s'",
					   loader_quote(d->updated, strlen(d->updated),
							q, sizeof(q)));
		return 0;
	case TOP_LANGUAGE:
		return read_text(l, m->label, &d->language);
	case TOP_SOURCE:
		return read_source(l, d);
	case TOP_DISCLAIMER:
		return read_text(l, m->label, &d->disclaimer);
	case TOP_ADVICE:
		return read_text(l, m->label, &d->advice);
	case TOP_SECTIONS:
		r = read_list(l, "'sections'", true, sizeof(struct section),
			      item_section, NULL, &d->nsections, &p);
		d->sections = p;
		return r;
	case TOP_CHECKLIST:
		r = read_list(l, "'checklist'", false,
			      sizeof(struct check_item), item_check, NULL,
			      &d->nchecks, &p);
		d->checks = p;
		return r;
	default:
		r = read_list(l, "'glossary'", false,
			      sizeof(struct gloss_entry), item_gloss, NULL,
			      &d->nglossary, &p);
		d->glossary = p;
		return r;
	}
}

/* The whole stream: exactly one document whose root is the article. */
static int read_stream(struct loader *l, struct document *d)
{
	struct mapctx m;
	void *p;
	int r;

	if (loader_next(l))                /* stream start */
		return -1;
	if (loader_next(l))
		return -1;
	if (l->ev.type == YAML_STREAM_END_EVENT)
		return loader_fail_at(l, HERR_EMPTY, 0, 0,
				      "empty file: no YAML document in it");
	if (loader_next(l))                /* past the document start */
		return -1;
	if (l->ev.type == YAML_SCALAR_EVENT && !l->ev.data.scalar.length &&
	    l->ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE)
		return loader_fail(l, HERR_EMPTY, l->ev.start_mark,
				   "empty document: expected the article's keys");
	if (map_begin(l, &m, top_keys, TOP_NKEYS, "article", "the article"))
		return -1;
	while ((r = map_next(l, &m)) > 0)
		if (read_top_value(l, &m, d))
			return -1;
	if (r < 0)
		return -1;
	if (loader_next(l))                /* document end */
		return -1;
	if (loader_next(l))
		return -1;
	if (l->ev.type != YAML_STREAM_END_EVENT)
		return loader_fail(l, HERR_MULTIDOC, l->ev.start_mark,
				   "only one document per file: a second one starts here");
	d->nfaq = l->faq.n;
	if (vec_finish(l, &l->faq, &p))
		return -1;
	d->faq = p;
	return 0;
}

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

struct document *doc_load_buffer(const char *name, const char *buf, size_t len,
				 struct herror *err)
{
	struct loader l;
	struct document *d = NULL;
	int r = -1;

	memset(&l, 0, sizeof(l));
	l.name = name;
	l.buf = (const unsigned char *)buf;
	l.len = len;
	l.err = err;
	l.faq.size = sizeof(const struct faq_item *);
	herror_set(err, HERR_OK, name, 0, 0, NULL);

	if (len > LOADER_MAX_FILE) {
		herror_set(err, HERR_TOOBIG, name, 0, 0,
			   "file is %zu bytes; the limit is %u MiB", len,
			   LOADER_MAX_FILE >> 20);
		return NULL;
	}
	if (!len) {
		herror_set(err, HERR_EMPTY, name, 0, 0,
			   "empty file: no YAML document in it");
		return NULL;
	}
	if (loader_check_encoding(&l))
		return NULL;
	if (!yaml_parser_initialize(&l.parser)) {
		herror_set(err, HERR_NOMEM, name, 0, 0, NULL);
		return NULL;
	}
	yaml_parser_set_input_string(&l.parser, l.buf, len);
	l.arena = arena_new();
	if (l.arena)
		d = arena_alloc(l.arena, sizeof(*d));
	if (!d) {
		loader_nomem(&l);
	} else {
		memset(d, 0, sizeof(*d));
		d->arena = l.arena;
		d->path = arena_strndup(l.arena, name, strlen(name));
		r = d->path ? read_stream(&l, d) : loader_nomem(&l);
	}

	if (l.have_ev)
		yaml_event_delete(&l.ev);
	yaml_parser_delete(&l.parser);
	free(l.section_ids.slots);
	free(l.check_ids.slots);
	free(l.faq.p);
	if (r) {
		arena_free(l.arena);
		return NULL;
	}
	return d;
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

struct document *doc_load(const char *path, struct herror *err)
{
	struct document *d;
	struct stat st;
	size_t got = 0;
	char *buf;
	int fd;

	/* O_NONBLOCK: opening a FIFO must not wait for a writer. */
	fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0) {
		herror_set(err, HERR_OPEN, path, 0, 0, "cannot open: %s",
			   strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st)) {
		herror_set(err, HERR_READ, path, 0, 0, "cannot read: %s",
			   strerror(errno));
		close(fd);
		return NULL;
	}
	if (!S_ISREG(st.st_mode)) {
		herror_set(err, HERR_NOTFILE, path, 0, 0,
			   "not a regular file (it is %s)",
			   file_kind(st.st_mode));
		close(fd);
		return NULL;
	}
	if ((uintmax_t)st.st_size > LOADER_MAX_FILE) {
		herror_set(err, HERR_TOOBIG, path, 0, 0,
			   "file is %jd bytes; the limit is %u MiB",
			   (intmax_t)st.st_size, LOADER_MAX_FILE >> 20);
		close(fd);
		return NULL;
	}
	buf = malloc(st.st_size ? (size_t)st.st_size : 1);
	if (!buf) {
		herror_set(err, HERR_NOMEM, path, 0, 0, NULL);
		close(fd);
		return NULL;
	}
	/* A file that shrinks meanwhile is read as it now is; one that grows
	 * is read up to the size it had, which passed the limit. */
	while (got < (size_t)st.st_size) {
		ssize_t r = read(fd, buf + got, (size_t)st.st_size - got);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			herror_set(err, HERR_READ, path, 0, 0,
				   "cannot read: %s", strerror(errno));
			free(buf);
			close(fd);
			return NULL;
		}
		if (!r)
			break;
		got += (size_t)r;
	}
	close(fd);
	d = doc_load_buffer(path, buf, got, err);
	free(buf);
	return d;
}
