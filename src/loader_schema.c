/* loader_schema.c - the article's schema (content/SCHEMA.md) as a
 * recursive descent over checked events, building the document as it goes.
 *
 * Each read_* function starts with the first event of its node current and
 * ends with the node's last event current.  A node of the wrong type is
 * skipped before the type error is reported, so a hostile subtree is
 * refused for what makes it hostile (depth, aliases, characters) rather
 * than for its type.  Lists grow in malloc'd vectors and move into the
 * arena, at their exact size, when they end.
 */
#include "loader_schema.h"
#include "arena.h"
#include "validate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	r = loader_idset_add(set, *out, (unsigned)mark.line + 1, &first);
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

/* A mapping's known keys.  Each mapping declares them once, as a list of
 * X(INDEX, "name", required); MAPPING_KEYS() makes of it the enum its
 * reader switches on (so the compiler names a key it does not read), the
 * count of keys and the table map_next() matches keys against: the three
 * cannot drift, and no count is written by hand. */
struct keyspec {
	const char *name;
	bool required;
};

struct keyset {
	const struct keyspec *key;
	size_t n;
};

#define MAX_KEYS 16

#define KEY_INDEX_(index, name, required) index,
#define KEY_ONE_(index, name, required) 1 +
#define KEY_SPEC_(index, name, required) [index] = { name, required },
#define MAPPING_KEYS(set, LIST, COUNT) \
	enum set { LIST(KEY_INDEX_) }; \
	enum { COUNT = LIST(KEY_ONE_) 0 }; \
	static const struct keyspec set##_spec[COUNT] = { LIST(KEY_SPEC_) }; \
	static const struct keyset set = { set##_spec, COUNT }; \
	_Static_assert(COUNT <= MAX_KEYS, "struct mapctx holds MAX_KEYS keys")

/* The fields after `what` are map_next()'s. */
struct mapctx {
	const struct keyset *keys;
	const char *what;          /* "section", "article", ... */
	yaml_mark_t start, key;    /* the mapping's and the current key's */
	unsigned first[MAX_KEYS];  /* line of each key seen, 0 when not yet */
	size_t which;              /* index of the current key */
	char label[64];            /* "'title' in section", for messages */
};

/* The current node must be a mapping with the given keys; set m up. */
static int map_begin(struct loader *l, struct mapctx *m,
		     const struct keyset *keys, const char *what, const char *as)
{
	if (expect(l, YAML_MAPPING_START_EVENT, as))
		return -1;
	memset(m, 0, sizeof(*m));
	m->keys = keys;
	m->what = what;
	m->start = l->ev.start_mark;
	return 0;
}

static void map_expected(const struct mapctx *m, char *buf, size_t size)
{
	size_t o = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < m->keys->n && o < size; i++)
		o += (size_t)snprintf(buf + o, size - o, "%s%s",
				      i ? ", " : "", m->keys->key[i].name);
}

/* m->label = "'name' in what", cut to fit as snprintf() would cut it.
 * This runs for every key of the file: snprintf() here was 4% of the
 * instructions of loading a 10 MB article. */
static void map_label(struct mapctx *m, const char *name)
{
	const char *part[] = { "'", name, "' in ", m->what };
	size_t o = 0;

	for (size_t i = 0; i < sizeof part / sizeof part[0]; i++) {
		size_t n = strlen(part[i]);

		if (n > sizeof(m->label) - 1 - o)
			n = sizeof(m->label) - 1 - o;
		memcpy(m->label + o, part[i], n);
		o += n;
	}
	m->label[o] = '\0';
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
		for (i = 0; i < m->keys->n; i++)
			if (m->keys->key[i].required && !m->first[i])
				return loader_fail(l, HERR_MISSING, m->start,
						   "missing key '%s' in %s",
						   m->keys->key[i].name, m->what);
		return 0;
	}
	m->key = l->ev.start_mark;
	if (l->ev.type != YAML_SCALAR_EVENT) {
		snprintf(expected, sizeof(expected), "a key in %s", m->what);
		return loader_wrong_type(l, "text", expected);
	}
	k = (const char *)l->ev.data.scalar.value;
	len = l->ev.data.scalar.length;
	for (i = 0; i < m->keys->n; i++)
		if (strlen(m->keys->key[i].name) == len &&
		    !memcmp(k, m->keys->key[i].name, len))
			break;
	/* Consume the value first: what is wrong inside it matters more. */
	if (i == m->keys->n || m->first[i]) {
		loader_quote(k, len, q, sizeof(q));
		if (loader_next(l) || loader_skip(l))
			return -1;
		if (i < m->keys->n)
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
	map_label(m, m->keys->key[i].name);
	return loader_next(l) ? -1 : 1;
}

/* The rest of a mapping whose values are all text: each key's into
 * *field[its index]. */
static int read_text_values(struct loader *l, struct mapctx *m,
			    const char **const field[])
{
	int r;

	while ((r = map_next(l, m)) > 0)
		if (read_text(l, m->label, field[m->which]))
			return -1;
	return r;
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
		elem = loader_vec_push(&v);
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
	return loader_vec_finish(l, &v, items);
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

#define TABLE_KEYS(X) \
	X(TABLE_COLUMNS, "columns", true) \
	X(TABLE_ROWS,    "rows",    true) \
	X(TABLE_CAPTION, "caption", false)
MAPPING_KEYS(table_keys, TABLE_KEYS, TABLE_NKEYS);

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
	struct row_shape *shape = loader_vec_push(&t->shape);

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
		cell = loader_vec_push(&t->cells);
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
	void *p = NULL;
	struct mapctx m;
	int r;

	if (map_begin(l, &m, &table_keys, "table", "'table'"))
		return -1;
	while ((r = map_next(l, &m)) > 0) {
		switch ((enum table_keys)m.which) {
		case TABLE_COLUMNS:
			r = read_list(l, m.label, true, sizeof(const char *),
				      item_text, (void *)"a table column",
				      &t->ncols, &p);
			t->columns = p;
			break;
		case TABLE_ROWS:
			r = read_rows(l, m.label, &rows);
			break;
		case TABLE_CAPTION:
			r = read_text(l, m.label, &t->caption);
			break;
		}
		if (r)
			goto fail;
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
	if (loader_vec_finish(l, &rows.cells, &p))
		return -1;
	t->cells = p;
	return 0;
fail:
	free(rows.cells.p);
	free(rows.shape.p);
	return -1;
}

#define QUOTE_KEYS(X) \
	X(QUOTE_TEXT, "text", true) \
	X(QUOTE_BY,   "by",   false)
MAPPING_KEYS(quote_keys, QUOTE_KEYS, QUOTE_NKEYS);

static int read_quote(struct loader *l, struct quote *q)
{
	const char **const field[QUOTE_NKEYS] = {
		[QUOTE_TEXT] = &q->text, [QUOTE_BY] = &q->by
	};
	struct mapctx m;

	if (l->ev.type == YAML_SCALAR_EVENT)
		return read_text(l, "'quote'", &q->text);
	if (l->ev.type != YAML_MAPPING_START_EVENT)
		return loader_wrong_type(l, "text or a mapping", "'quote'");
	if (map_begin(l, &m, &quote_keys, "quote", "'quote'"))
		return -1;
	return read_text_values(l, &m, field);
}

#define FAQ_KEYS(X) \
	X(FAQ_QUESTION, "question", true) \
	X(FAQ_ANSWER,   "answer",   true)
MAPPING_KEYS(faq_keys, FAQ_KEYS, FAQ_NKEYS);

static int item_faq(struct loader *l, void *elem, void *arg)
{
	struct faq_item *f = elem;
	const char **const field[FAQ_NKEYS] = {
		[FAQ_QUESTION] = &f->question, [FAQ_ANSWER] = &f->answer
	};
	struct mapctx m;

	if (map_begin(l, &m, &faq_keys, "FAQ item", "a FAQ item") ||
	    read_text_values(l, &m, field))
		return -1;
	f->number = l->nfaq++;
	return 0;
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
		const struct faq_item **slot = loader_vec_push(&l->faq);

		if (!slot)
			return loader_nomem(l);
		*slot = &faq->items[i];
	}
	return 0;
}

#define REF_KEYS(X) \
	X(REF_TEXT, "text", true) \
	X(REF_URL,  "url",  false)
MAPPING_KEYS(ref_keys, REF_KEYS, REF_NKEYS);

static int item_ref(struct loader *l, void *elem, void *arg)
{
	struct reference *ref = elem;
	const char **const field[REF_NKEYS] = {
		[REF_TEXT] = &ref->text, [REF_URL] = &ref->url
	};
	struct mapctx m;

	if (map_begin(l, &m, &ref_keys, "reference", "a reference"))
		return -1;
	return read_text_values(l, &m, field);
}

/* A block's one key is its kind: the keys are indexed by enum
 * block_kind, which BLOCK_REFERENCES ends.  A kind added to the enum needs
 * its key here (the size check below) and its case in item_block() (the
 * compiler's switch warning). */
static const struct keyspec block_spec[] = {
	[BLOCK_PARAGRAPH] = { "paragraph", false },
	[BLOCK_SUBHEADING] = { "subheading", false },
	[BLOCK_BULLETS] = { "bullets", false },
	[BLOCK_NUMBERED] = { "numbered", false },
	[BLOCK_TABLE] = { "table", false },
	[BLOCK_QUOTE] = { "quote", false },
	[BLOCK_FAQ] = { "faq", false },
	[BLOCK_REFERENCES] = { "references", false },
};
#define BLOCK_NKINDS (sizeof(block_spec) / sizeof(block_spec[0]))
_Static_assert(BLOCK_NKINDS == BLOCK_REFERENCES + 1,
	       "one key per block kind");
_Static_assert(BLOCK_NKINDS <= MAX_KEYS, "struct mapctx holds MAX_KEYS keys");
static const struct keyset block_keys = { block_spec, BLOCK_NKINDS };

static int item_block(struct loader *l, void *elem, void *arg)
{
	struct block *b = elem;
	char expected[200];
	struct mapctx m;
	void *p;
	int r;

	if (map_begin(l, &m, &block_keys, "block", "a block"))
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
				   block_spec[m.which].name,
				   block_spec[b->kind].name);
	return r;
}

#define SECTION_KEYS(X) \
	X(SECTION_ID,     "id",     true) \
	X(SECTION_TITLE,  "title",  true) \
	X(SECTION_BLOCKS, "blocks", true)
MAPPING_KEYS(section_keys, SECTION_KEYS, SECTION_NKEYS);

static int item_section(struct loader *l, void *elem, void *arg)
{
	struct section *s = elem;
	struct mapctx m;
	void *p;
	int r;

	if (map_begin(l, &m, &section_keys, "section", "a section"))
		return -1;
	while ((r = map_next(l, &m)) > 0) {
		switch ((enum section_keys)m.which) {
		case SECTION_ID:
			r = read_id(l, "section id", &l->section_ids, &s->id);
			break;
		case SECTION_TITLE:
			r = read_text(l, m.label, &s->title);
			break;
		case SECTION_BLOCKS:
			r = read_list(l, m.label, true, sizeof(struct block),
				      item_block, NULL, &s->nblocks, &p);
			s->blocks = p;
			break;
		}
		if (r)
			return -1;
	}
	return r;
}

#define CHECK_KEYS(X) \
	X(CHECK_ID,     "id",     true) \
	X(CHECK_LABEL,  "label",  true) \
	X(CHECK_DETAIL, "detail", false)
MAPPING_KEYS(check_keys, CHECK_KEYS, CHECK_NKEYS);

static int item_check(struct loader *l, void *elem, void *arg)
{
	struct check_item *c = elem;
	struct mapctx m;
	int r;

	if (map_begin(l, &m, &check_keys, "checklist item",
		      "a checklist item"))
		return -1;
	while ((r = map_next(l, &m)) > 0) {
		switch ((enum check_keys)m.which) {
		case CHECK_ID:
			r = read_id(l, "checklist id", &l->check_ids, &c->id);
			break;
		case CHECK_LABEL:
			r = read_text(l, m.label, &c->label);
			break;
		case CHECK_DETAIL:
			r = read_text(l, m.label, &c->detail);
			break;
		}
		if (r)
			return -1;
	}
	return r;
}

#define GLOSS_KEYS(X) \
	X(GLOSS_TERM,       "term",       true) \
	X(GLOSS_DEFINITION, "definition", true)
MAPPING_KEYS(gloss_keys, GLOSS_KEYS, GLOSS_NKEYS);

static int item_gloss(struct loader *l, void *elem, void *arg)
{
	struct gloss_entry *g = elem;
	const char **const field[GLOSS_NKEYS] = {
		[GLOSS_TERM] = &g->term, [GLOSS_DEFINITION] = &g->definition
	};
	struct mapctx m;

	if (map_begin(l, &m, &gloss_keys, "glossary entry",
		      "a glossary entry"))
		return -1;
	return read_text_values(l, &m, field);
}

#define SOURCE_KEYS(X) \
	X(SOURCE_PUBLISHER, "publisher", true) \
	X(SOURCE_URL,       "url",       false)
MAPPING_KEYS(source_keys, SOURCE_KEYS, SOURCE_NKEYS);

static int read_source(struct loader *l, struct document *d)
{
	const char **const field[SOURCE_NKEYS] = {
		[SOURCE_PUBLISHER] = &d->publisher, [SOURCE_URL] = &d->source_url
	};
	struct mapctx m;

	if (map_begin(l, &m, &source_keys, "source", "'source'"))
		return -1;
	return read_text_values(l, &m, field);
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

/* The order is the one messages list them in: the header keys, then the
 * body. */
#define TOP_KEYS(X) \
	X(TOP_SCHEMA,     "schema",     true) \
	X(TOP_ID,         "id",         true) \
	X(TOP_TITLE,      "title",      true) \
	X(TOP_SUMMARY,    "summary",    false) \
	X(TOP_AUTHOR,     "author",     false) \
	X(TOP_UPDATED,    "updated",    false) \
	X(TOP_REVIEWED,   "reviewed",   false) \
	X(TOP_LANGUAGE,   "language",   false) \
	X(TOP_SOURCE,     "source",     false) \
	X(TOP_LICENSE,    "license",    false) \
	X(TOP_DISCLAIMER, "disclaimer", true) \
	X(TOP_ADVICE,     "advice",     false) \
	X(TOP_RELATED,    "related",    false) \
	X(TOP_SECTIONS,   "sections",   true) \
	X(TOP_CHECKLIST,  "checklist",  false) \
	X(TOP_GLOSSARY,   "glossary",   false)
MAPPING_KEYS(top_keys, TOP_KEYS, TOP_NKEYS);

static int read_date(struct loader *l, const char *key, const char *label,
		     const char **out)
{
	yaml_mark_t mark = l->ev.start_mark;
	char q[64];

	if (read_text(l, label, out))
		return -1;
	if (!validate_date(*out, strlen(*out)))
		return loader_fail(l, HERR_VALUE, mark,
				   "'%s' must be a date written YYYY-MM-DD, not '%s'",
				   key, loader_quote(*out, strlen(*out), q,
						     sizeof(q)));
	return 0;
}

/* A related article's id, with its place: for the check against the
 * article's own id, and for a check across articles (library.h). */
static int item_related(struct loader *l, void *elem, void *arg)
{
	struct related_ref *ref = elem;

	ref->line = (unsigned)l->ev.start_mark.line + 1;
	ref->column = (unsigned)l->ev.start_mark.column + 1;
	return read_id(l, "related article id", &l->related_ids, &ref->id);
}

/* An article that names itself as related would send "See also" in a
 * circle of one. */
static int check_related(struct loader *l, const struct document *d)
{
	for (size_t i = 0; i < d->nrelated; i++)
		if (!strcmp(d->related[i].id, d->id))
			return loader_fail_at(l, HERR_VALUE, d->related[i].line,
					      d->related[i].column,
					      "'related' names the article itself ('%s'); list other articles' ids",
					      d->id);
	return 0;
}

static int read_top_value(struct loader *l, struct mapctx *m,
			  struct document *d)
{
	void *p;
	int r = -1;

	switch ((enum top_keys)m->which) {
	case TOP_SCHEMA:
		r = read_schema(l, d);
		break;
	case TOP_ID:
		l->id_line = (unsigned)l->ev.start_mark.line + 1;
		l->id_column = (unsigned)l->ev.start_mark.column + 1;
		r = read_id(l, "article id", NULL, &d->id);
		break;
	case TOP_TITLE:
		r = read_text(l, m->label, &d->title);
		break;
	case TOP_SUMMARY:
		r = read_text(l, m->label, &d->summary);
		break;
	case TOP_AUTHOR:
		r = read_text(l, m->label, &d->author);
		break;
	case TOP_UPDATED:
		r = read_date(l, "updated", m->label, &d->updated);
		break;
	case TOP_REVIEWED:
		r = read_date(l, "reviewed", m->label, &d->reviewed);
		break;
	case TOP_LANGUAGE:
		r = read_text(l, m->label, &d->language);
		break;
	case TOP_SOURCE:
		r = read_source(l, d);
		break;
	case TOP_LICENSE:
		r = read_text(l, m->label, &d->license);
		break;
	case TOP_DISCLAIMER:
		r = read_text(l, m->label, &d->disclaimer);
		break;
	case TOP_ADVICE:
		r = read_text(l, m->label, &d->advice);
		break;
	case TOP_RELATED:
		r = read_list(l, "'related'", false, sizeof(struct related_ref),
			      item_related, NULL, &d->nrelated, &p);
		d->related = p;
		break;
	case TOP_SECTIONS:
		r = read_list(l, "'sections'", true, sizeof(struct section),
			      item_section, NULL, &d->nsections, &p);
		d->sections = p;
		break;
	case TOP_CHECKLIST:
		r = read_list(l, "'checklist'", false,
			      sizeof(struct check_item), item_check, NULL,
			      &d->nchecks, &p);
		d->checks = p;
		break;
	case TOP_GLOSSARY:
		r = read_list(l, "'glossary'", false,
			      sizeof(struct gloss_entry), item_gloss, NULL,
			      &d->nglossary, &p);
		d->glossary = p;
		break;
	}
	return r;
}

/* The stream up to the article's first key: its mapping begun in m. */
static int read_prologue(struct loader *l, struct mapctx *m)
{
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
	return map_begin(l, m, &top_keys, "article", "the article");
}

/* At the `sections` key (m->key), the header is whole: every key but the
 * body's comes before it, so what it lacks now it lacks for good.  A
 * header-only read stops here, and a whole one says the same things
 * here: the two never disagree about a header. */
static int header_done(struct loader *l, const struct mapctx *m,
		       const struct document *d)
{
	for (size_t i = 0; i < TOP_SECTIONS; i++)
		if (top_keys.key[i].required && !m->first[i])
			return loader_fail(l, HERR_MISSING, m->key,
					   "missing key '%s' in article (it must come before 'sections')",
					   top_keys.key[i].name);
	return check_related(l, d);
}

/* The keys that may follow `sections`: the body's. */
static bool body_key(size_t which)
{
	return which == TOP_SECTIONS || which == TOP_CHECKLIST ||
	       which == TOP_GLOSSARY;
}

/* The whole stream: exactly one document whose root is the article. */
int loader_read_stream(struct loader *l, struct document *d)
{
	struct mapctx m;
	void *p;
	int r;

	if (read_prologue(l, &m))
		return -1;
	while ((r = map_next(l, &m)) > 0) {
		if (m.which == TOP_SECTIONS) {
			if (header_done(l, &m, d))
				return -1;
		} else if (m.first[TOP_SECTIONS] && !body_key(m.which)) {
			/* Its value first, as for an unknown key: what is
			 * wrong inside it matters more. */
			if (loader_skip(l))
				return -1;
			return loader_fail(l, HERR_ORDER, m.key,
					   "'%s' must come before 'sections' (only checklist and glossary may follow it)",
					   top_keys.key[m.which].name);
		}
		if (read_top_value(l, &m, d))
			return -1;
	}
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
	if (loader_vec_finish(l, &l->faq, &p))
		return -1;
	d->faq = p;
	return 0;
}

int loader_read_header(struct loader *l, struct document *d)
{
	struct mapctx m;
	int r;

	if (read_prologue(l, &m))
		return -1;
	while ((r = map_next(l, &m)) > 0) {
		if (m.which == TOP_SECTIONS)
			return header_done(l, &m, d);
		if (read_top_value(l, &m, d))
			return -1;
	}
	/* map_next() ends the mapping only when every required key came,
	 * `sections` among them, which returned above. */
	return r < 0 ? -1 : loader_fail_at(l, HERR_BUG, 0, 0,
					    "an article without 'sections' passed");
}
