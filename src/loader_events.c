/* loader_events.c - libyaml events, checked against the rules that hold
 * whatever the schema, and the places that go into messages.
 *
 * Every event goes through loader_next(), so a hostile file stops at the
 * first event that breaks a rule: an anchor or alias, a foreign tag, the
 * 17th level of nesting, an over-long string or list, a control or bidi
 * character.  Positions follow libyaml's marks (0-based, columns in
 * characters); reader errors carry only a byte offset, so the line and
 * column are counted here from the buffer: the text itself, or, for a
 * file parsed as it was read, the whole file read again (loader_file.c)
 * when an error needs its place.
 */
#include "loader_events.h"
#include "loader_file.h"
#include "arena.h"
#include "utf8.h"
#include "validate.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- errors and positions ------------------------------------------- */

int loader_fail_at(struct loader *l, enum herr code, unsigned line,
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

int loader_nomem(struct loader *l)
{
	herror_set(l->err, HERR_NOMEM, l->name, 0, 0, NULL);
	return -1;
}

/* Copy up to 40 bytes of s for quoting in a message: printable ASCII as is,
 * anything else as '?', so a message never carries what the file smuggled. */
const char *loader_quote(const char *s, size_t len, char *out, size_t size)
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

/* Make l->buf hold the whole text, for the place of an error, when the
 * file was parsed as it was read (best effort: it stays empty when the
 * file cannot be read again, and the place is then the start). */
static void need_text(struct loader *l)
{
	if (!l->input || l->own_buf)
		return;
	l->own_buf = loader_file_text(l->input, &l->len);
	l->buf = l->own_buf;
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
	n = utf8_decode_strict((const char *)b, left, &c);
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
			if (n && utf8_unsafe(cp))
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
		if (utf8_unsafe((uint32_t)c))
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
		need_text(l);
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
	need_text(l);
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
int loader_next(struct loader *l)
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
int loader_skip(struct loader *l)
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
int loader_wrong_type(struct loader *l, const char *expected,
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

void *loader_vec_push(struct vec *v)
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
int loader_vec_finish(struct loader *l, struct vec *v, void **out)
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

static size_t loader_idset_hash(const char *s)
{
	size_t h = 2166136261u;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

/* Add id; 1 when added, 0 when already there (*first = its line), -1 when
 * out of memory. */
int loader_idset_add(struct idset *set, const char *id, unsigned line,
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
			j = loader_idset_hash(set->slots[i].id) & (cap - 1);
			while (slots[j].id)
				j = (j + 1) & (cap - 1);
			slots[j] = set->slots[i];
		}
		free(set->slots);
		set->slots = slots;
		set->cap = cap;
	}
	for (i = loader_idset_hash(id) & (set->cap - 1); set->slots[i].id;
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
