/* search.c - case-insensitive search over every string of a document.
 *
 * A search walks whole sections, in order, from the section of the place it
 * starts at, so its cost is bounded by the document's size and it needs no
 * index (the document is immutable; an index would only cost memory). */
#include "search.h"

#include <string.h>
#include <wctype.h>

#include "utf8.h"

uint32_t search_fold(uint32_t cp)
{
	if (cp < 0x80)
		return cp >= 'A' && cp <= 'Z' ? cp - 'A' + 'a' : cp;
	switch (cp) {
	case 0x2018: case 0x2019: case 0x201a: case 0x201b:   /* ‘ ’ ‚ ‛ */
	case 0x2032: case 0x02bc:                             /* prime, modifier apostrophe */
		return '\'';
	case 0x201c: case 0x201d: case 0x201e: case 0x201f:   /* “ ” „ ‟ */
	case 0x2033:                                          /* double prime */
		return '"';
	case 0x2010: case 0x2011: case 0x2012: case 0x2013:   /* hyphens, – */
	case 0x2014: case 0x2015: case 0x2212:                /* — ― minus */
		return '-';
	case 0x0131:                                          /* dotless ı */
		return 'i';
	case 0x03c2:                                          /* final ς */
		return 0x03c3;
	}
	wint_t low = towlower((wint_t)cp);
	return low == 0x03c2 ? 0x03c3 : (uint32_t)low;
}

/* The folded character at s (n >= 1 bytes left) into *cp; its length.
 * ASCII, most of any article, takes no call: a library's search folds
 * every byte of a thousand articles. */
static inline size_t fold_at(const char *s, size_t n, uint32_t *cp)
{
	unsigned char b = (unsigned char)*s;
	size_t k;

	if (b < 0x80) {
		*cp = b >= 'A' && b <= 'Z' ? b - 'A' + 'a' : b;
		return 1;
	}
	k = utf8_decode(s, n, cp);
	*cp = search_fold(*cp);
	return k;
}

bool search_in(const char *text, size_t len, const char *query, size_t from,
	       size_t *at, size_t *n)
{
	size_t qlen = strlen(query);
	uint32_t q0, a, b;

	if (!qlen)
		return false;
	size_t q0n = fold_at(query, qlen, &q0);
	for (size_t i = from; i < len;) {
		size_t step = fold_at(text + i, len - i, &a);
		if (a == q0) {
			size_t j = i + step, k = q0n;
			while (k < qlen && j < len) {
				size_t kn = fold_at(query + k, qlen - k, &b);
				size_t jn = fold_at(text + j, len - j, &a);
				if (a != b)
					break;
				k += kn;
				j += jn;
			}
			if (k == qlen) {
				*at = i;
				if (n)
					*n = j - i;
				return true;
			}
		}
		i += step;
	}
	return false;
}

/* <0, 0, >0 as place a is before, at, after place b. */
static int search_cmp(const struct search_match *a, const struct search_match *b)
{
	if (a->section != b->section)
		return a->section < b->section ? -1 : 1;
	if (a->block != b->block)
		return a->block < b->block ? -1 : 1;
	if (a->item != b->item)
		return a->item < b->item ? -1 : 1;
	if (a->field != b->field)
		return a->field < b->field ? -1 : 1;
	if (a->off != b->off)
		return a->off < b->off ? -1 : 1;
	return 0;
}

/* One section's scan: the first (dir > 0) or last (dir < 0) match that
 * passes the constraint against from (none when from is NULL). */
struct scan {
	const char *query;
	const struct search_match *from;
	int dir;
	bool found;
	struct search_match best;
	/* search_each(): every match to each(), none kept in best. */
	bool (*each)(const struct search_match *m, void *arg);
	void *arg;
	size_t count;
	bool stopped;
};

static bool scan_accepts(const struct scan *sc, const struct search_match *m)
{
	if (!sc->from)
		return true;
	int c = search_cmp(m, sc->from);
	if (sc->dir < 0)
		return c < 0;
	return sc->from->len ? c > 0 : c >= 0;
}

static void scan_string(struct scan *sc, size_t section, int block, int item,
			int field, int faq, const char *s)
{
	size_t len, at, pos = 0;
	struct search_match m;

	if (!s || (sc->found && sc->dir > 0) || sc->stopped)
		return;
	len = strlen(s);
	m.section = section;
	m.block = block;
	m.item = item;
	m.field = field;
	m.faq = faq;
	while (search_in(s, len, sc->query, pos, &at, &m.len)) {
		uint32_t cp;
		m.off = at;
		if (sc->each) {
			sc->count++;
			if (!sc->each(&m, sc->arg)) {
				sc->stopped = true;
				return;
			}
		} else if (scan_accepts(sc, &m)) {
			sc->best = m;
			sc->found = true;
			if (sc->dir > 0)
				return;
		}
		/* On by one character: a match may start inside this one. */
		pos = at + utf8_decode(s + at, len - at, &cp);
	}
}

static void scan_section(struct scan *sc, const struct document *doc, size_t s)
{
	const struct section *sec = &doc->sections[s];

	scan_string(sc, s, -1, -1, 0, -1, sec->title);
	for (size_t b = 0; b < sec->nblocks; b++) {
		const struct block *bl = &sec->blocks[b];
		int bi = (int)b;

		switch (bl->kind) {
		case BLOCK_PARAGRAPH:
		case BLOCK_SUBHEADING:
			scan_string(sc, s, bi, -1, 0, -1, bl->u.text);
			break;
		case BLOCK_BULLETS:
		case BLOCK_NUMBERED:
			for (size_t i = 0; i < bl->u.list.n; i++)
				scan_string(sc, s, bi, (int)i, 0, -1, bl->u.list.items[i]);
			break;
		case BLOCK_TABLE: {
			const struct table *t = &bl->u.table;
			scan_string(sc, s, bi, -2, 0, -1, t->caption);
			for (size_t c = 0; c < t->ncols; c++)
				scan_string(sc, s, bi, -1, (int)c, -1, t->columns[c]);
			for (size_t r = 0; r < t->nrows; r++)
				for (size_t c = 0; c < t->ncols; c++)
					scan_string(sc, s, bi, (int)r, (int)c, -1,
						    t->cells[r * t->ncols + c]);
			break;
		}
		case BLOCK_QUOTE:
			scan_string(sc, s, bi, -1, 0, -1, bl->u.quote.text);
			scan_string(sc, s, bi, -1, 1, -1, bl->u.quote.by);
			break;
		case BLOCK_FAQ:
			for (size_t i = 0; i < bl->u.faq.n; i++) {
				const struct faq_item *f = &bl->u.faq.items[i];
				scan_string(sc, s, bi, (int)i, 0, (int)f->number, f->question);
				scan_string(sc, s, bi, (int)i, 1, (int)f->number, f->answer);
			}
			break;
		case BLOCK_REFERENCES:
			for (size_t i = 0; i < bl->u.refs.n; i++) {
				scan_string(sc, s, bi, (int)i, 0, -1, bl->u.refs.items[i].text);
				scan_string(sc, s, bi, (int)i, 1, -1, bl->u.refs.items[i].url);
			}
			break;
		}
	}
}

size_t search_each(const struct document *doc, const char *query,
		   bool (*fn)(const struct search_match *m, void *arg),
		   void *arg)
{
	struct scan sc = { .query = query, .dir = 1, .each = fn, .arg = arg };

	if (!query || !*query)
		return 0;
	for (size_t s = 0; s < doc->nsections && !sc.stopped; s++)
		scan_section(&sc, doc, s);
	return sc.count;
}

/* The inverse of scan_section()'s walk: keep the two in step. */
const char *search_match_text(const struct document *doc,
			      const struct search_match *m)
{
	if (m->section >= doc->nsections)
		return NULL;
	const struct section *sec = &doc->sections[m->section];
	if (m->block == -1)        /* LAYOUT_HEADING: the section title */
		return sec->title;
	if (m->block < 0 || (size_t)m->block >= sec->nblocks)
		return NULL;
	const struct block *bl = &sec->blocks[m->block];
	size_t i = (size_t)m->item;
	bool has_item = m->item >= 0;

	switch (bl->kind) {
	case BLOCK_PARAGRAPH:
	case BLOCK_SUBHEADING:
		return bl->u.text;
	case BLOCK_BULLETS:
	case BLOCK_NUMBERED:
		return has_item && i < bl->u.list.n ? bl->u.list.items[i] : NULL;
	case BLOCK_TABLE: {
		const struct table *t = &bl->u.table;
		if (m->item == -2)
			return t->caption;
		if (m->field < 0 || (size_t)m->field >= t->ncols)
			return NULL;
		if (m->item == -1)
			return t->columns[m->field];
		return has_item && i < t->nrows
			? t->cells[i * t->ncols + (size_t)m->field] : NULL;
	}
	case BLOCK_QUOTE:
		return m->field == 1 ? bl->u.quote.by : bl->u.quote.text;
	case BLOCK_FAQ:
		if (!has_item || i >= bl->u.faq.n)
			return NULL;
		return m->field == 1 ? bl->u.faq.items[i].answer
			: bl->u.faq.items[i].question;
	case BLOCK_REFERENCES:
		if (!has_item || i >= bl->u.refs.n)
			return NULL;
		return m->field == 1 ? bl->u.refs.items[i].url
			: bl->u.refs.items[i].text;
	}
	return NULL;
}

static bool scan_one(const struct document *doc, const char *query,
		     const struct search_match *from, int dir, size_t s,
		     struct search_match *match)
{
	struct scan sc = { .query = query, .from = from, .dir = dir };

	scan_section(&sc, doc, s);
	if (sc.found)
		*match = sc.best;
	return sc.found;
}

bool search_next(const struct document *doc, const char *query,
		 const struct search_match *from, int dir,
		 struct search_match *match, bool *wrapped)
{
	size_t n = doc->nsections, start;

	if (wrapped)
		*wrapped = false;
	if (!query || !*query || !n)
		return false;
	dir = dir < 0 ? -1 : 1;
	if (from && from->section < n) {
		start = from->section;
		/* The rest of the starting section, beyond from. */
		if (scan_one(doc, query, from, dir, start, match))
			return true;
	} else {
		from = NULL;
		start = dir > 0 ? n - 1 : 0;
	}
	/* Every other section once, going round the end; then the start
	 * section again without the constraint (what lies before from). */
	for (size_t k = 1; k <= n; k++) {
		size_t s = dir > 0 ? (start + k) % n : (start + n - k) % n;

		if (scan_one(doc, query, NULL, dir, s, match)) {
			if (wrapped && from)
				*wrapped = dir > 0 ? s <= start : s >= start;
			return true;
		}
	}
	return false;
}
