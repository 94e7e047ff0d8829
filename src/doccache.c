/* doccache.c - a document written as bytes and read back, checked as
 * untrusted input (doccache.h has the contract and the frame).
 *
 * The payload, in the order it is written and read:
 *   u32 schema; str id, title; opt summary, author, updated, reviewed,
 *   language, publisher, source_url, license; str disclaimer; opt advice;
 *   u32 nrelated, each: str id, u32 line, u32 column;
 *   u32 nsections, each: str id, title; u32 nblocks, each block:
 *     u32 kind, u32 line, then by kind:
 *       paragraph, subheading: str
 *       bullets, numbered: u32 n, str each
 *       table: opt caption; u32 ncols, nrows; str each column; str each
 *              cell, row by row
 *       quote: str text; opt by
 *       faq: u32 n, each: str question, answer
 *       references: u32 n, each: str text; opt url
 *   u32 nchecks, each: str id, label; opt detail;
 *   u32 nglossary, each: str term, definition
 * and nothing after.  str: u32 length (1 or more), the bytes, a NUL; opt:
 * the same, or a length of 0 alone for an absent string.  What the loader
 * derives (FAQ numbers, the document's FAQ index) is derived again, not
 * stored.
 *
 * Reading copies the payload into the document's arena once and points
 * every string into that copy: the NUL after each string ends it there.
 */
#include "config.h"
#include "doccache.h"
#include "doccache_key.h"
#include "arena.h"
#include "atomicio.h"
#include "loader_limits.h"
#include "validate.h"

#include <endian.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

static const unsigned char magic[8] = "HOCACHE\n";

/* A cache holds at most a whole text of the largest size and its
 * document, which takes fewer bytes per string than YAML does, plus the
 * counts; four times the text bounds it with room to spare. */
#define DOCCACHE_MAX ((size_t)4 * LOADER_MAX_FILE)

/* The hash takes its input in blocks of four words, one to each lane. */
#define BLOCK 32

/* The program's key with its padding fits in this (it is far shorter). */
#define KEY_MAX 128

/* The article is read and hashed in pieces of this size (whole blocks);
 * one that fits is read once and compared from memory. */
#define CHUNK (256u * 1024)

/* The zero bytes after n bytes that make them whole blocks: the key and
 * the text are padded so, and the payload starts on a block of the
 * body's hash. */
static size_t pad(size_t n)
{
	return (BLOCK - (n % BLOCK)) % BLOCK;
}

/* ---- the hash ------------------------------------------------------- */

#define HASH_SEED 0x6a09e667f3bcc908u
#define HASH_MUL 0x9e3779b97f4a7c15u

/* Little-endian fields at any alignment, one load on a little-endian
 * machine. */
static inline uint64_t le64(const unsigned char *p)
{
	uint64_t v;

	memcpy(&v, p, sizeof v);
	return le64toh(v);
}

static inline uint32_t le32(const unsigned char *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof v);
	return le32toh(v);
}

/* Four lanes, each taking every fourth word: the steps of one lane
 * depend on each other, the lanes do not, so the processor runs them side
 * by side (a 10 MB article that no cache holds is hashed in a few ms). */
struct hash {
	uint64_t lane[4];
};

static void hash_start(struct hash *h)
{
	for (int k = 0; k < 4; k++)
		h->lane[k] = HASH_SEED + (uint64_t)k * HASH_MUL;
}

static uint64_t mix(uint64_t h, uint64_t w)
{
	h ^= w;
	return (h << 29 | h >> 35) * HASH_MUL;
}

/* Each step is a bijection of its lane for a given word (xor, rotation,
 * odd multiplier), so two inputs that differ in one word never hash
 * alike; the rotation carries high bits down, where the multiplier
 * cannot.  n is whole blocks. */
static void hash_blocks(struct hash *h, const unsigned char *p, size_t n)
{
	uint64_t a = h->lane[0], b = h->lane[1], c = h->lane[2], d = h->lane[3];

	for (; n >= BLOCK; p += BLOCK, n -= BLOCK) {
		a = mix(a, le64(p));
		b = mix(b, le64(p + 8));
		c = mix(c, le64(p + 16));
		d = mix(d, le64(p + 24));
	}
	h->lane[0] = a;
	h->lane[1] = b;
	h->lane[2] = c;
	h->lane[3] = d;
}

/* The last 0-31 bytes, zero-padded, and the length (which tells "a" from
 * "a\0"); the lanes folded into one, each fold a bijection of its lane,
 * then murmur3's finalizer to spread every bit. */
static uint64_t hash_end(struct hash *h, const unsigned char *p, size_t n,
			 uint64_t total)
{
	unsigned char last[BLOCK] = { 0 };
	uint64_t v = total;

	if (n) {
		memcpy(last, p, n);
		hash_blocks(h, last, BLOCK);
	}
	for (int k = 0; k < 4; k++)
		v = mix(v, h->lane[k]);
	v ^= v >> 33;
	v *= 0xff51afd7ed558ccdu;
	v ^= v >> 33;
	v *= 0xc4ceb9fe1a85ec53u;
	v ^= v >> 33;
	return v;
}

uint64_t doccache_hash(const void *p, size_t n)
{
	size_t whole = n - n % BLOCK;
	struct hash h;

	hash_start(&h);
	hash_blocks(&h, p, whole);
	return hash_end(&h, (const unsigned char *)p + whole, n - whole, n);
}

void doccache_name(uint64_t hash, char *name)
{
	snprintf(name, DOCCACHE_NAME_LEN + 1, "%016llx.cache",
		 (unsigned long long)hash);
}

/* The buffer past the key stays zero: doccache_find() hashes the key
 * with its padding from here. */
const char *doccache_key(void)
{
	static char key[KEY_MAX];
	int major, minor, patch;

	if (!key[0]) {
		/* The libyaml that runs, not the one compiled against: a
		 * library upgraded under the program may parse otherwise. */
		yaml_get_version(&major, &minor, &patch);
		snprintf(key, sizeof key,
			 "handout %s; loader %s; libyaml %d.%d.%d",
			 PACKAGE_VERSION, DOCCACHE_SOURCES, major, minor, patch);
	}
	return key;
}

/* ---- writing -------------------------------------------------------- */

struct out {
	unsigned char *p;
	size_t n, cap;
	bool fail, nomem;
};

static void put(struct out *o, const void *b, size_t n)
{
	if (o->fail)
		return;
	if (n > DOCCACHE_MAX - o->n) {
		o->fail = true;
		return;
	}
	/* Grown by doubling; what is kept stays within DOCCACHE_MAX. */
	if (o->cap - o->n < n) {
		size_t cap = o->cap ? o->cap : 4096;
		unsigned char *p;

		while (cap - o->n < n)
			cap *= 2;
		p = realloc(o->p, cap);
		if (!p) {
			o->fail = o->nomem = true;
			return;
		}
		o->p = p;
		o->cap = cap;
	}
	memcpy(o->p + o->n, b, n);
	o->n += n;
}

static void put_u32(struct out *o, size_t v)
{
	unsigned char b[4];

	if (v > UINT32_MAX) {
		o->fail = true;
		return;
	}
	for (int i = 0; i < 4; i++)
		b[i] = (unsigned char)(v >> (8 * i));
	put(o, b, 4);
}

/* n bytes of v, little-endian, at at. */
static void set_le(unsigned char *at, uint64_t v, int n)
{
	for (int i = 0; i < n; i++)
		at[i] = (unsigned char)(v >> (8 * i));
}

/* A string with its NUL, or an absent one as a length of 0. */
static void put_str(struct out *o, const char *s)
{
	size_t len = s ? strlen(s) : 0;

	put_u32(o, len);
	if (len)
		put(o, s, len + 1);
}

static void put_block(struct out *o, const struct block *b)
{
	put_u32(o, b->kind);
	put_u32(o, b->line);
	switch (b->kind) {
	case BLOCK_PARAGRAPH:
	case BLOCK_SUBHEADING:
		put_str(o, b->u.text);
		break;
	case BLOCK_BULLETS:
	case BLOCK_NUMBERED:
		put_u32(o, b->u.list.n);
		for (size_t i = 0; i < b->u.list.n; i++)
			put_str(o, b->u.list.items[i]);
		break;
	case BLOCK_TABLE:
		put_str(o, b->u.table.caption);
		put_u32(o, b->u.table.ncols);
		put_u32(o, b->u.table.nrows);
		for (size_t i = 0; i < b->u.table.ncols; i++)
			put_str(o, b->u.table.columns[i]);
		for (size_t i = 0; i < b->u.table.nrows * b->u.table.ncols; i++)
			put_str(o, b->u.table.cells[i]);
		break;
	case BLOCK_QUOTE:
		put_str(o, b->u.quote.text);
		put_str(o, b->u.quote.by);
		break;
	case BLOCK_FAQ:
		put_u32(o, b->u.faq.n);
		for (size_t i = 0; i < b->u.faq.n; i++) {
			put_str(o, b->u.faq.items[i].question);
			put_str(o, b->u.faq.items[i].answer);
		}
		break;
	case BLOCK_REFERENCES:
		put_u32(o, b->u.refs.n);
		for (size_t i = 0; i < b->u.refs.n; i++) {
			put_str(o, b->u.refs.items[i].text);
			put_str(o, b->u.refs.items[i].url);
		}
		break;
	}
}

static void put_document(struct out *o, const struct document *d)
{
	const char *head[] = {
		d->id, d->title, d->summary, d->author, d->updated,
		d->reviewed, d->language, d->publisher, d->source_url,
		d->license, d->disclaimer, d->advice
	};

	put_u32(o, (size_t)d->schema);
	for (size_t i = 0; i < sizeof head / sizeof head[0]; i++)
		put_str(o, head[i]);
	put_u32(o, d->nrelated);
	for (size_t i = 0; i < d->nrelated; i++) {
		put_str(o, d->related[i].id);
		put_u32(o, d->related[i].line);
		put_u32(o, d->related[i].column);
	}
	put_u32(o, d->nsections);
	for (size_t i = 0; i < d->nsections; i++) {
		const struct section *s = &d->sections[i];

		put_str(o, s->id);
		put_str(o, s->title);
		put_u32(o, s->nblocks);
		for (size_t j = 0; j < s->nblocks; j++)
			put_block(o, &s->blocks[j]);
	}
	put_u32(o, d->nchecks);
	for (size_t i = 0; i < d->nchecks; i++) {
		put_str(o, d->checks[i].id);
		put_str(o, d->checks[i].label);
		put_str(o, d->checks[i].detail);
	}
	put_u32(o, d->nglossary);
	for (size_t i = 0; i < d->nglossary; i++) {
		put_str(o, d->glossary[i].term);
		put_str(o, d->glossary[i].definition);
	}
}

static const unsigned char zeros[BLOCK];

/* -1 with errno ENOMEM or EFBIG (over DOCCACHE_MAX). */
int doccache_encode(const struct document *doc, const void *text, size_t len,
		    unsigned char **out, size_t *outlen)
{
	unsigned char header[DOCCACHE_HEADER] = { 0 };
	const char *key = doccache_key();
	struct out o = { NULL, 0, 0, false, false };
	size_t body;

	put(&o, header, sizeof header);
	put(&o, key, strlen(key));
	put(&o, zeros, pad(strlen(key)));
	put(&o, text, len);
	put(&o, zeros, pad(len));
	put_document(&o, doc);
	if (o.fail) {
		free(o.p);
		errno = o.nomem ? ENOMEM : EFBIG;
		return -1;
	}
	body = o.n - DOCCACHE_HEADER;
	memcpy(o.p, magic, sizeof magic);
	set_le(o.p + 8, DOCCACHE_FORMAT, 4);
	set_le(o.p + 12, strlen(key), 4);
	set_le(o.p + 16, len, 8);
	set_le(o.p + 24, doccache_hash(text, len), 8);
	set_le(o.p + 32, body, 8);
	set_le(o.p + 40, doccache_hash(o.p + DOCCACHE_HEADER, body), 8);
	*out = o.p;
	*outlen = o.n;
	return 0;
}

int doccache_save(const char *dir, const struct document *doc,
		  const void *text, size_t len, char *name,
		  struct herror *err)
{
	unsigned char *buf;
	size_t n;
	char path[1024];

	doccache_name(doccache_hash(text, len), name);
	snprintf(path, sizeof path, "%s/%s", dir, name);
	if (doccache_encode(doc, text, len, &buf, &n)) {
		/* Only a text near the loader's limits comes near the bound. */
		if (errno == ENOMEM)
			herror_set(err, HERR_NOMEM, path, 0, 0, NULL);
		else
			herror_set(err, HERR_TOOBIG, path, 0, 0,
				   "a cache is at most %zu MiB",
				   DOCCACHE_MAX >> 20);
		return -1;
	}
	/* 0644 whatever the umask: the reader takes no cache that others
	 * could have written. */
	if (atomic_mkdirs(dir, 0755) ||
	    atomic_write(dir, name, buf, n, 0644, true)) {
		herror_set(err, HERR_WRITE, path, 0, 0, "cannot write: %s",
			   strerror(errno));
		free(buf);
		return -1;
	}
	free(buf);
	herror_set(err, HERR_OK, path, 0, 0, NULL);
	return 0;
}

/* ---- reading -------------------------------------------------------- */

/* What a cache's header says, once checked. */
struct frame {
	size_t keyspan;            /* the key and its padding */
	size_t size;               /* the text's */
	size_t textspan;           /* the text and its padding */
	uint64_t hash, sum;
	size_t payload_len;
};

static size_t keyspan(void)
{
	size_t keylen = strlen(doccache_key());

	return keylen + pad(keylen);
}

/* The header and key at head (DOCCACHE_HEADER + keyspan() bytes) checked
 * against this program and against a file of n bytes: 0 with *f filled
 * in, or -1 for anything but a cache of this program's key whose parts
 * fit n exactly. */
static int check_head(const unsigned char *head, size_t n, struct frame *f)
{
	const char *key = doccache_key();
	size_t keylen = strlen(key);
	uint64_t size, body;

	f->keyspan = keylen + pad(keylen);
	if (n < DOCCACHE_HEADER + f->keyspan || n > DOCCACHE_MAX ||
	    memcmp(head, magic, sizeof magic) ||
	    le32(head + 8) != DOCCACHE_FORMAT || le32(head + 12) != keylen ||
	    memcmp(head + DOCCACHE_HEADER, key, keylen) ||
	    memcmp(head + DOCCACHE_HEADER + keylen, zeros, pad(keylen)))
		return -1;
	size = le64(head + 16);
	body = le64(head + 32);
	if (body != n - DOCCACHE_HEADER || size > LOADER_MAX_FILE ||
	    size + pad(size) > body - f->keyspan)
		return -1;
	f->size = size;
	f->textspan = size + pad(size);
	f->hash = le64(head + 24);
	f->sum = le64(head + 40);
	f->payload_len = body - f->keyspan - f->textspan;
	return 0;
}

int doccache_open(const unsigned char *buf, size_t n, struct doccache_frame *f)
{
	struct frame fr;

	if (n < DOCCACHE_HEADER + keyspan() || check_head(buf, n, &fr) ||
	    fr.sum != doccache_hash(buf + DOCCACHE_HEADER, n - DOCCACHE_HEADER))
		return -1;
	f->text = buf + DOCCACHE_HEADER + fr.keyspan;
	if (memcmp(f->text + fr.size, zeros, fr.textspan - fr.size) ||
	    fr.hash != doccache_hash(f->text, fr.size))
		return -1;
	f->size = fr.size;
	f->hash = fr.hash;
	f->payload = f->text + fr.textspan;
	f->payload_len = fr.payload_len;
	return 0;
}

/* The payload, being read: p walks from the start of the arena's copy to
 * end; every get_*() checks that what it takes is there. */
struct in {
	const unsigned char *p, *end;
	size_t nfaq;               /* FAQ items numbered so far */
	uint32_t line;             /* the last block's line */
	uint64_t lines;            /* the most lines the text can have */
};

static int get_u32(struct in *r, uint32_t *v)
{
	if (r->end - r->p < 4)
		return -1;
	*v = le32(r->p);
	r->p += 4;
	return 0;
}

/* A count of elements that each take at least `least` bytes: no more than
 * a list may hold, nor than the bytes left could encode, so nothing is
 * allocated for what is not there. */
static int get_count(struct in *r, size_t least, size_t *n)
{
	uint32_t v;

	if (get_u32(r, &v) || v > LOADER_MAX_ITEMS ||
	    (size_t)v > (size_t)(r->end - r->p) / least)
		return -1;
	*n = v;
	return 0;
}

/* The least bytes each kind of element takes, for get_count(). */
#define LEAST_STR 6        /* u32, a byte, the NUL */
#define LEAST_OPT 4
#define LEAST_BLOCK 12     /* kind, line, an empty list */
#define LEAST_SECTION (2 * LEAST_STR + 4 + LEAST_BLOCK)

/* A string as the loader leaves them (document.h): within the loader's
 * length limit, NUL-terminated, not blank, UTF-8 without a character
 * utf8_unsafe() refuses.  Optional ones may be absent (NULL). */
static int get_str(struct in *r, bool optional, const char **out)
{
	const char *s = (const char *)r->p + 4;
	uint32_t len;
	size_t off;
	uint32_t cp;

	if (get_u32(r, &len))
		return -1;
	if (!len) {
		*out = NULL;
		return optional ? 0 : -1;
	}
	if (len > LOADER_MAX_STRING || (size_t)(r->end - r->p) <= len ||
	    r->p[len] || validate_text(s, len, &off, &cp) != TEXT_OK ||
	    validate_blank(s, len))
		return -1;
	r->p += len + 1;
	*out = s;
	return 0;
}

static int get_id(struct in *r, const char **out)
{
	if (get_str(r, false, out))
		return -1;
	return validate_id(*out, strlen(*out)) ? 0 : -1;
}

static int get_date(struct in *r, const char **out)
{
	if (get_str(r, true, out))
		return -1;
	return !*out || validate_date(*out, strlen(*out)) ? 0 : -1;
}

/* An array of n elements in the arena, or NULL for none, as the loader
 * leaves an empty list: 0, or -1 when out of memory. */
static int get_array(struct arena *a, size_t n, size_t size, void *out)
{
	void *v = n ? arena_array(a, n, size) : NULL;

	memcpy(out, &v, sizeof v);
	return n && !v ? -1 : 0;
}

/* n strings into a new array in the arena. */
static int get_strs(struct in *r, struct arena *a, size_t n, const char ***out)
{
	const char **v;

	if (get_array(a, n, sizeof *v, &v))
		return -1;
	for (size_t i = 0; i < n; i++)
		if (get_str(r, false, &v[i]))
			return -1;
	*out = v;
	return 0;
}

static int get_list(struct in *r, struct arena *a, bool nonempty,
		    struct text_list *l)
{
	if (get_count(r, LEAST_STR, &l->n) || (nonempty && !l->n))
		return -1;
	return get_strs(r, a, l->n, &l->items);
}

static int get_table(struct in *r, struct arena *a, struct table *t)
{
	uint32_t ncols, nrows;

	if (get_str(r, true, &t->caption) || get_u32(r, &ncols) ||
	    get_u32(r, &nrows))
		return -1;
	/* As the loader has them: at least one column, rows of exactly
	 * that many cells, no list longer than a list may be. */
	if (!ncols || ncols > LOADER_MAX_ITEMS || nrows > LOADER_MAX_ITEMS ||
	    ((uint64_t)nrows + 1) * ncols >
		    (uint64_t)(r->end - r->p) / LEAST_STR)
		return -1;
	t->ncols = ncols;
	t->nrows = nrows;
	return get_strs(r, a, t->ncols, &t->columns) ||
	       get_strs(r, a, t->nrows * t->ncols, &t->cells) ? -1 : 0;
}

static int get_faq(struct in *r, struct arena *a, struct faq *faq)
{
	struct faq_item *items;

	if (get_count(r, 2 * LEAST_STR, &faq->n) ||
	    get_array(a, faq->n, sizeof *items, &items))
		return -1;
	for (size_t i = 0; i < faq->n; i++) {
		if (get_str(r, false, &items[i].question) ||
		    get_str(r, false, &items[i].answer))
			return -1;
		items[i].number = r->nfaq++;
	}
	faq->items = items;
	return 0;
}

static int get_refs(struct in *r, struct arena *a, struct references *refs)
{
	struct reference *items;

	if (get_count(r, LEAST_STR + LEAST_OPT, &refs->n) ||
	    get_array(a, refs->n, sizeof *items, &items))
		return -1;
	for (size_t i = 0; i < refs->n; i++)
		if (get_str(r, false, &items[i].text) ||
		    get_str(r, true, &items[i].url))
			return -1;
	refs->items = items;
	return 0;
}

static int get_block(struct in *r, struct arena *a, struct block *b)
{
	uint32_t kind, line;

	memset(b, 0, sizeof *b);
	/* Lines are 1-based, within the text (each line before takes a
	 * byte at least), and in the order of the text. */
	if (get_u32(r, &kind) || get_u32(r, &line) || line < r->line ||
	    line > r->lines || kind > BLOCK_REFERENCES)
		return -1;
	r->line = line;
	b->kind = (enum block_kind)kind;
	b->line = line;
	switch (b->kind) {
	case BLOCK_PARAGRAPH:
	case BLOCK_SUBHEADING:
		return get_str(r, false, &b->u.text);
	case BLOCK_BULLETS:
	case BLOCK_NUMBERED:
		return get_list(r, a, true, &b->u.list);
	case BLOCK_TABLE:
		return get_table(r, a, &b->u.table);
	case BLOCK_QUOTE:
		return get_str(r, false, &b->u.quote.text) ||
		       get_str(r, true, &b->u.quote.by) ? -1 : 0;
	case BLOCK_FAQ:
		return get_faq(r, a, &b->u.faq);
	case BLOCK_REFERENCES:
		return get_refs(r, a, &b->u.refs);
	}
	return -1;
}

static int get_sections(struct in *r, struct arena *a, struct document *d)
{
	struct section *v;

	if (get_count(r, LEAST_SECTION, &d->nsections) || !d->nsections ||
	    get_array(a, d->nsections, sizeof *v, &v))
		return -1;
	for (size_t i = 0; i < d->nsections; i++) {
		struct block *blocks;

		if (get_id(r, &v[i].id) || get_str(r, false, &v[i].title) ||
		    get_count(r, LEAST_BLOCK, &v[i].nblocks) || !v[i].nblocks ||
		    get_array(a, v[i].nblocks, sizeof *blocks, &blocks))
			return -1;
		for (size_t j = 0; j < v[i].nblocks; j++)
			if (get_block(r, a, &blocks[j]))
				return -1;
		v[i].blocks = blocks;
	}
	d->sections = v;
	return 0;
}

static int get_checks(struct in *r, struct arena *a, struct document *d)
{
	struct check_item *v;

	if (get_count(r, 2 * LEAST_STR + LEAST_OPT, &d->nchecks) ||
	    get_array(a, d->nchecks, sizeof *v, &v))
		return -1;
	for (size_t i = 0; i < d->nchecks; i++)
		if (get_id(r, &v[i].id) || get_str(r, false, &v[i].label) ||
		    get_str(r, true, &v[i].detail))
			return -1;
	d->checks = v;
	return 0;
}

static int get_glossary(struct in *r, struct arena *a, struct document *d)
{
	struct gloss_entry *v;

	if (get_count(r, 2 * LEAST_STR, &d->nglossary) ||
	    get_array(a, d->nglossary, sizeof *v, &v))
		return -1;
	for (size_t i = 0; i < d->nglossary; i++)
		if (get_str(r, false, &v[i].term) ||
		    get_str(r, false, &v[i].definition))
			return -1;
	d->glossary = v;
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* No id twice among the n at ids[0], ids[stride], ...: sorted, so a
 * million of them cost n log n, as the loader's hashed set costs n. */
static bool ids_unique(const void *ids, size_t stride, size_t n)
{
	const char **v;
	bool ok = true;

	if (n < 2)
		return true;
	v = malloc(n * sizeof *v);
	if (!v)
		return false;
	for (size_t i = 0; i < n; i++)
		memcpy(&v[i], (const char *)ids + i * stride, sizeof *v);
	qsort(v, n, sizeof *v, cmp_str);
	for (size_t i = 1; i < n && ok; i++)
		ok = strcmp(v[i - 1], v[i]) != 0;
	free(v);
	return ok;
}

/* What the loader checks across the document: ids unique in their kind,
 * no article related to itself, a source's URL only with its publisher. */
static bool whole_ok(const struct document *d)
{
	for (size_t i = 0; i < d->nrelated; i++)
		if (!strcmp(d->related[i].id, d->id))
			return false;
	return (d->publisher || !d->source_url) &&
	       (d->nrelated < 2 ||
		ids_unique(&d->related[0].id, sizeof *d->related,
			   d->nrelated)) &&
	       ids_unique(&d->sections[0].id, sizeof *d->sections,
			  d->nsections) &&
	       (!d->nchecks || ids_unique(&d->checks[0].id, sizeof *d->checks,
					  d->nchecks));
}

/* The document's index of every FAQ item, in document order. */
static int index_faq(struct arena *a, struct document *d, size_t nfaq)
{
	const struct faq_item **v;
	size_t k = 0;

	if (get_array(a, nfaq, sizeof *v, &v))
		return -1;
	for (size_t i = 0; i < d->nsections; i++)
		for (size_t j = 0; j < d->sections[i].nblocks; j++) {
			const struct block *b = &d->sections[i].blocks[j];

			if (b->kind != BLOCK_FAQ)
				continue;
			for (size_t q = 0; q < b->u.faq.n; q++)
				v[k++] = &b->u.faq.items[q];
		}
	d->nfaq = nfaq;
	d->faq = v;
	return 0;
}

static int get_document(struct in *r, struct arena *a, struct document *d)
{
	const char **const head[] = {
		&d->id, &d->title, &d->summary, &d->author, &d->updated,
		&d->reviewed, &d->language, &d->publisher, &d->source_url,
		&d->license, &d->disclaimer, &d->advice
	};
	struct related_ref *rel;
	uint32_t schema;

	if (get_u32(r, &schema) || schema != 1)
		return -1;
	d->schema = 1;
	for (size_t i = 0; i < sizeof head / sizeof head[0]; i++) {
		const char **f = head[i];
		int bad;

		if (f == &d->id)
			bad = get_id(r, f);
		else if (f == &d->updated || f == &d->reviewed)
			bad = get_date(r, f);
		else
			bad = get_str(r, f != &d->title && f != &d->disclaimer,
				      f);
		if (bad)
			return -1;
	}
	if (get_count(r, LEAST_STR + 8, &d->nrelated) ||
	    get_array(a, d->nrelated, sizeof *rel, &rel))
		return -1;
	for (size_t i = 0; i < d->nrelated; i++) {
		uint32_t line, column;

		/* Places are 1-based, within the text, as the loader gives
		 * them (a column, like a line, takes a byte at least). */
		if (get_id(r, &rel[i].id) || get_u32(r, &line) ||
		    get_u32(r, &column) || !line || !column ||
		    line > r->lines || column > r->lines)
			return -1;
		rel[i].line = line;
		rel[i].column = column;
	}
	d->related = rel;
	if (get_sections(r, a, d) || get_checks(r, a, d) ||
	    get_glossary(r, a, d) || r->p != r->end || !whole_ok(d))
		return -1;
	return index_faq(a, d, r->nfaq);
}

/* The document in the len bytes at payload, which are already in its
 * arena a (the strings stay there), from a text of size bytes.  a is the
 * document's, or freed. */
static struct document *decode_in(struct arena *a, const unsigned char *payload,
				  size_t len, size_t size, const char *name)
{
	struct document *d = arena_alloc(a, sizeof *d);
	struct in r = { payload, payload + len, 0, 1, (uint64_t)size + 1 };

	if (!d)
		goto miss;
	memset(d, 0, sizeof *d);
	d->arena = a;
	d->path = arena_strndup(a, name, strlen(name));
	if (!d->path || get_document(&r, a, d))
		goto miss;
	return d;
miss:
	arena_free(a);
	return NULL;
}

struct document *doccache_decode(const struct doccache_frame *f,
				 const char *name)
{
	struct arena *a = arena_new();
	unsigned char *copy = a ? arena_alloc(a, f->payload_len) : NULL;

	if (!copy) {
		arena_free(a);
		return NULL;
	}
	memcpy(copy, f->payload, f->payload_len);
	return decode_in(a, copy, f->payload_len, f->size, name);
}

/* Read size bytes of fd from offset off into buf: 0, or -1 when they are
 * not all there. */
static int read_at(int fd, void *buf, size_t size, off_t off)
{
	size_t got = 0;

	while (got < size) {
		ssize_t r = pread(fd, (char *)buf + got, size - got,
				  off + (off_t)got);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		got += (size_t)r;
	}
	return 0;
}

/* The hash of fd's first size bytes, read into buf (cap bytes, whole
 * blocks unless it holds them all). */
static int hash_fd(int fd, size_t size, unsigned char *buf, size_t cap,
		   uint64_t *hash)
{
	struct hash h;
	size_t off = 0;

	hash_start(&h);
	for (;;) {
		size_t n = size - off < cap ? size - off : cap;

		if (read_at(fd, buf, n, (off_t)off))
			return -1;
		off += n;
		if (off == size) {
			size_t whole = n - n % BLOCK;

			hash_blocks(&h, buf, whole);
			*hash = hash_end(&h, buf + whole, n - whole, size);
			return 0;
		}
		hash_blocks(&h, buf, n);
	}
}

/* A cache file open for reading, and the article it must match. */
struct cachefile {
	int fd;
	size_t n;                  /* its size */
	struct frame f;
	int art;                   /* the article's descriptor */
	unsigned char *text;       /* its bytes, all of them when held */
	size_t held, cap;          /* held is its size or 0; cap: text's */
};

/* Open dir's cache for hash, if one may be read (doccache.h: a regular
 * file, root's or ours, written by no one else), with its header and key
 * checked: 0, or -1 with nothing open. */
static int open_cache(const char *dir, uint64_t hash, struct cachefile *c)
{
	unsigned char head[DOCCACHE_HEADER + KEY_MAX];
	char name[DOCCACHE_NAME_LEN + 1], path[4096];
	size_t span = keyspan();
	struct stat st;

	doccache_name(hash, name);
	if (span > KEY_MAX ||
	    (size_t)snprintf(path, sizeof path, "%s/%s", dir, name) >=
		    sizeof path)
		return -1;
	c->fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY |
			   O_CLOEXEC);
	if (c->fd < 0)
		return -1;
	if (!fstat(c->fd, &st) && S_ISREG(st.st_mode) &&
	    (st.st_uid == 0 || st.st_uid == geteuid()) &&
	    !(st.st_mode & (S_IWGRP | S_IWOTH)) &&
	    (uintmax_t)st.st_size <= DOCCACHE_MAX &&
	    (size_t)st.st_size >= DOCCACHE_HEADER + span &&
	    !read_at(c->fd, head, DOCCACHE_HEADER + span, 0) &&
	    !check_head(head, (size_t)st.st_size, &c->f)) {
		c->n = (size_t)st.st_size;
		return 0;
	}
	close(c->fd);
	return -1;
}

/* The body after the key, read in pieces: the text held against the
 * article's bytes (read again when not held), then the payload into
 * payload; all of it hashed on from h, which holds the key's part.  0
 * when the text is the article's, the padding zero and the sum right. */
static int read_body(struct cachefile *c, struct hash *h,
		     unsigned char *payload)
{
	size_t whole = c->f.payload_len - c->f.payload_len % BLOCK;
	unsigned char piece[8192], mine[8192];
	size_t off = DOCCACHE_HEADER + c->f.keyspan;
	size_t done = 0;

	while (done < c->f.textspan) {
		size_t n = c->f.textspan - done, in_text;

		if (n > sizeof piece)
			n = sizeof piece;
		if (read_at(c->fd, piece, n, (off_t)(off + done)))
			return -1;
		in_text = done >= c->f.size ? 0 :
			  c->f.size - done < n ? c->f.size - done : n;
		if (c->held ? memcmp(piece, c->text + done, in_text) :
		    read_at(c->art, mine, in_text, (off_t)done) ||
		    memcmp(piece, mine, in_text))
			return -1;
		if (memcmp(piece + in_text, zeros, n - in_text))
			return -1;
		hash_blocks(h, piece, n);
		done += n;
	}
	if (read_at(c->fd, payload, c->f.payload_len, (off_t)(off + done)))
		return -1;
	hash_blocks(h, payload, whole);
	return hash_end(h, payload + whole, c->f.payload_len - whole,
			c->n - DOCCACHE_HEADER) == c->f.sum ? 0 : -1;
}

struct document *doccache_find(const char *dir, const char *name, int fd,
			       size_t size)
{
	struct cachefile c = { .art = fd };
	unsigned char *payload;
	struct arena *a = NULL;
	struct document *d = NULL;
	struct hash sum;
	uint64_t hash;

	/* An empty file is refused for what it is, by the parse. */
	if (!size)
		return NULL;
	c.cap = size < CHUNK ? size : CHUNK;
	c.text = malloc(c.cap);
	if (!c.text || hash_fd(fd, size, c.text, c.cap, &hash) ||
	    open_cache(dir, hash, &c)) {
		free(c.text);
		return NULL;
	}
	c.held = size <= c.cap ? size : 0;
	/* The sum starts with the key, which the header check found to be
	 * ours: doccache_key()'s buffer holds it padded with zeros. */
	hash_start(&sum);
	hash_blocks(&sum, (const unsigned char *)doccache_key(), c.f.keyspan);
	if (c.f.size == size && c.f.hash == hash &&
	    (a = arena_new()) &&
	    (payload = arena_alloc(a, c.f.payload_len)) &&
	    !read_body(&c, &sum, payload)) {
		d = decode_in(a, payload, c.f.payload_len, size, name);
		a = NULL;
	}
	arena_free(a);
	close(c.fd);
	free(c.text);
	return d;
}
