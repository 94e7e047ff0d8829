/* check_doccache.c - compiled articles: every fixture and bundled article
 * reads back as the very document the loader built, and any damage to a
 * cache, any key or text that is not this program's and this article's,
 * and any document the loader would refuse, is a miss. */
#include "config.h"

#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "doccache.h"
#include "loader.h"
#include "loader_file.h"
#include "plain.h"
#include "testutil.h"

/* Every valid article under tests/data and content/: what a cache must
 * carry, between them, holds every field of every block kind (checked by
 * fixtures_cover_every_field). */
static const char *const fixtures[] = {
	"tests/data/loader/example.yaml",
	"tests/data/loader/minimal.yaml",
	"tests/data/linemode/bare.yaml",
	"tests/data/plain/credits.yaml",
	"tests/data/plain/every-block.yaml",
	"tests/data/search/folds.yaml",
	"content/cancer-spread-during-chemotherapy.yaml",
	"content/metastatic-cancer.yaml",
	"content/chemotherapy.yaml",
	"content/infection-neutropenia.yaml",
};
#define NFIXTURES (sizeof fixtures / sizeof fixtures[0])

/* What the fixtures leave out: the other side of each optional field (no
 * caption, no rows, a quote without its author, a reference without a
 * URL, FAQ and reference lists left empty). */
static const char other_side[] =
	"schema: 1\nid: other-side\ntitle: The Other Side\n"
	"language: en\ndisclaimer: D\n"
	"source:\n  publisher: P\n"
	"sections:\n"
	"- id: s\n  title: S\n  blocks:\n"
	"  - table:\n      columns: [A, B]\n      rows: []\n"
	"  - quote: Just the words.\n"
	"  - references:\n    - text: No URL.\n"
	"  - faq: []\n"
	"  - references: []\n"
	"checklist:\n- id: c\n  label: L\n";

/* A loaded fixture with the text it came from. */
struct fixture {
	char *text;
	size_t len;
	struct document *doc;
};

static void fixture_load(const char *rel, struct fixture *f)
{
	char path[4096], msg[1024];
	struct herror e;

	tu_path(path, sizeof path, rel);
	f->text = doc_read_file(path, &f->len, &e);
	ck_assert_msg(f->text != NULL, "%s", herror_format(&e, msg, sizeof msg));
	f->doc = tu_must_load_mem(path, f->text, f->len);
}

static void fixture_free(struct fixture *f)
{
	doc_free(f->doc);
	free(f->text);
}

/* ---- comparing two documents, field by field ------------------------ */

static void same_str(const char *a, const char *b, const char *what)
{
	if (!a || !b)
		ck_assert_msg(a == b, "%s: %s against %s", what,
			      a ? a : "(absent)", b ? b : "(absent)");
	else
		ck_assert_msg(!strcmp(a, b), "%s: '%s' against '%s'", what, a, b);
}

static void same_strs(const char *const *a, const char *const *b, size_t n,
		      const char *what)
{
	for (size_t i = 0; i < n; i++)
		same_str(a[i], b[i], what);
}

static void same_block(const struct block *a, const struct block *b)
{
	ck_assert_int_eq(a->kind, b->kind);
	ck_assert_uint_eq(a->line, b->line);
	switch (a->kind) {
	case BLOCK_PARAGRAPH:
	case BLOCK_SUBHEADING:
		same_str(a->u.text, b->u.text, "text");
		break;
	case BLOCK_BULLETS:
	case BLOCK_NUMBERED:
		ck_assert_uint_eq(a->u.list.n, b->u.list.n);
		same_strs(a->u.list.items, b->u.list.items, a->u.list.n, "item");
		break;
	case BLOCK_TABLE:
		same_str(a->u.table.caption, b->u.table.caption, "caption");
		ck_assert_uint_eq(a->u.table.ncols, b->u.table.ncols);
		ck_assert_uint_eq(a->u.table.nrows, b->u.table.nrows);
		same_strs(a->u.table.columns, b->u.table.columns,
			  a->u.table.ncols, "column");
		same_strs(a->u.table.cells, b->u.table.cells,
			  a->u.table.nrows * a->u.table.ncols, "cell");
		ck_assert(!a->u.table.nrows == !b->u.table.cells);
		break;
	case BLOCK_QUOTE:
		same_str(a->u.quote.text, b->u.quote.text, "quote");
		same_str(a->u.quote.by, b->u.quote.by, "quote by");
		break;
	case BLOCK_FAQ:
		ck_assert_uint_eq(a->u.faq.n, b->u.faq.n);
		ck_assert(!a->u.faq.items == !b->u.faq.items);
		for (size_t i = 0; i < a->u.faq.n; i++) {
			same_str(a->u.faq.items[i].question,
				 b->u.faq.items[i].question, "question");
			same_str(a->u.faq.items[i].answer,
				 b->u.faq.items[i].answer, "answer");
			ck_assert_uint_eq(a->u.faq.items[i].number,
					  b->u.faq.items[i].number);
		}
		break;
	case BLOCK_REFERENCES:
		ck_assert_uint_eq(a->u.refs.n, b->u.refs.n);
		ck_assert(!a->u.refs.items == !b->u.refs.items);
		for (size_t i = 0; i < a->u.refs.n; i++) {
			same_str(a->u.refs.items[i].text,
				 b->u.refs.items[i].text, "reference");
			same_str(a->u.refs.items[i].url,
				 b->u.refs.items[i].url, "reference url");
		}
		break;
	}
}

/* The FAQ index points into each document's own blocks, in order. */
static void same_faq_index(const struct document *a, const struct document *b)
{
	size_t k = 0;

	ck_assert_uint_eq(a->nfaq, b->nfaq);
	ck_assert(!a->faq == !b->faq);
	for (size_t i = 0; i < b->nsections; i++)
		for (size_t j = 0; j < b->sections[i].nblocks; j++) {
			const struct block *bl = &b->sections[i].blocks[j];

			if (bl->kind != BLOCK_FAQ)
				continue;
			for (size_t q = 0; q < bl->u.faq.n; q++, k++) {
				ck_assert_ptr_eq(b->faq[k], &bl->u.faq.items[q]);
				ck_assert_uint_eq(b->faq[k]->number, k);
				same_str(a->faq[k]->question, b->faq[k]->question,
					 "indexed question");
			}
		}
	ck_assert_uint_eq(k, b->nfaq);
}

static void same_document(const struct document *a, const struct document *b)
{
	same_str(a->path, b->path, "path");
	ck_assert_int_eq(a->schema, b->schema);
	same_str(a->id, b->id, "id");
	same_str(a->title, b->title, "title");
	same_str(a->summary, b->summary, "summary");
	same_str(a->author, b->author, "author");
	same_str(a->updated, b->updated, "updated");
	same_str(a->reviewed, b->reviewed, "reviewed");
	same_str(a->language, b->language, "language");
	same_str(a->publisher, b->publisher, "publisher");
	same_str(a->source_url, b->source_url, "source url");
	same_str(a->license, b->license, "license");
	same_str(a->disclaimer, b->disclaimer, "disclaimer");
	same_str(a->advice, b->advice, "advice");
	ck_assert_uint_eq(a->nrelated, b->nrelated);
	ck_assert(!a->related == !b->related);
	for (size_t i = 0; i < a->nrelated; i++) {
		same_str(a->related[i].id, b->related[i].id, "related");
		ck_assert_uint_eq(a->related[i].line, b->related[i].line);
		ck_assert_uint_eq(a->related[i].column, b->related[i].column);
	}
	ck_assert_uint_eq(a->nsections, b->nsections);
	for (size_t i = 0; i < a->nsections; i++) {
		same_str(a->sections[i].id, b->sections[i].id, "section id");
		same_str(a->sections[i].title, b->sections[i].title,
			 "section title");
		ck_assert_uint_eq(a->sections[i].nblocks, b->sections[i].nblocks);
		for (size_t j = 0; j < a->sections[i].nblocks; j++)
			same_block(&a->sections[i].blocks[j],
				   &b->sections[i].blocks[j]);
	}
	ck_assert_uint_eq(a->nchecks, b->nchecks);
	ck_assert(!a->checks == !b->checks);
	for (size_t i = 0; i < a->nchecks; i++) {
		same_str(a->checks[i].id, b->checks[i].id, "check id");
		same_str(a->checks[i].label, b->checks[i].label, "check label");
		same_str(a->checks[i].detail, b->checks[i].detail, "check detail");
	}
	ck_assert_uint_eq(a->nglossary, b->nglossary);
	ck_assert(!a->glossary == !b->glossary);
	for (size_t i = 0; i < a->nglossary; i++) {
		same_str(a->glossary[i].term, b->glossary[i].term, "term");
		same_str(a->glossary[i].definition, b->glossary[i].definition,
			 "definition");
	}
	same_faq_index(a, b);
}

/* The whole plain text of doc at width, malloc'd. */
static char *plain_of(const struct document *doc, int width)
{
	struct plain_opts po = { .width = width };
	struct tu_capture c;

	ck_assert_int_eq(plain_write(tu_capture_open(&c), doc, &po), 0);
	return tu_capture_close(&c);
}

static void same_plain(const struct document *a, const struct document *b)
{
	static const int widths[] = { 0, 24, 80 };

	for (size_t i = 0; i < sizeof widths / sizeof widths[0]; i++) {
		char *pa = plain_of(a, widths[i]), *pb = plain_of(b, widths[i]);

		ck_assert_str_eq(pa, pb);
		free(pa);
		free(pb);
	}
}

/* ---- caches in memory ------------------------------------------------ */

static unsigned char *encode(const struct document *doc, const void *text,
			     size_t len, size_t *n)
{
	unsigned char *buf;

	ck_assert_int_eq(doccache_encode(doc, text, len, &buf, n), 0);
	return buf;
}

/* The document a cache in memory gives, or NULL for a miss. */
static struct document *read_back(const unsigned char *buf, size_t n,
				  const char *name)
{
	struct doccache_frame f;

	if (doccache_open(buf, n, &f))
		return NULL;
	return doccache_decode(&f, name);
}

static uint64_t le64_at(const unsigned char *p)
{
	uint64_t v = 0;

	for (int i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

static void le64_put(unsigned char *p, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

/* The checksum made right again, after a change made on purpose: what is
 * then refused is refused for the change itself. */
static void fix_sum(unsigned char *buf, size_t n)
{
	le64_put(buf + 40, doccache_hash(buf + DOCCACHE_HEADER,
					 n - DOCCACHE_HEADER));
}

/* The payload's offset in a cache of this program's key, from the frame. */
static size_t payload_at(const unsigned char *buf, size_t n)
{
	struct doccache_frame f;

	ck_assert_int_eq(doccache_open(buf, n, &f), 0);
	return (size_t)(f.payload - buf);
}

START_TEST(fixtures_read_back_identical)
{
	for (size_t i = 0; i < NFIXTURES; i++) {
		struct fixture fx;
		struct document *back;
		unsigned char *buf;
		size_t n;

		fixture_load(fixtures[i], &fx);
		buf = encode(fx.doc, fx.text, fx.len, &n);
		back = read_back(buf, n, fx.doc->path);
		ck_assert_msg(back != NULL, "%s did not read back", fixtures[i]);
		same_document(fx.doc, back);
		same_plain(fx.doc, back);
		doc_free(back);
		free(buf);
		fixture_free(&fx);
	}
}
END_TEST

START_TEST(other_side_reads_back_identical)
{
	struct document *d = tu_must_load_mem("o.yaml", other_side,
					      strlen(other_side));
	size_t n;
	unsigned char *buf = encode(d, other_side, strlen(other_side), &n);
	struct document *back = read_back(buf, n, "o.yaml");

	ck_assert_ptr_nonnull(back);
	same_document(d, back);
	same_plain(d, back);
	doc_free(back);
	free(buf);
	doc_free(d);
}
END_TEST

/* The round trips above prove something only if the documents they carry
 * hold every field: every block kind, and each optional string both there
 * and absent somewhere. */
enum { F_SUMMARY, F_AUTHOR, F_UPDATED, F_REVIEWED, F_LANGUAGE, F_PUBLISHER,
       F_URL, F_LICENSE, F_ADVICE, F_RELATED, F_CAPTION, F_ROWS, F_BY,
       F_REFURL, F_DETAIL, F_FAQ, F_REFS, F_CHECKS, F_GLOSSARY, F_COUNT };

static void note(unsigned seen[F_COUNT][2], int field, bool present)
{
	seen[field][present] = 1;
}

static void survey(const struct document *d, unsigned seen[F_COUNT][2],
		   bool kinds[BLOCK_REFERENCES + 1])
{
	note(seen, F_SUMMARY, d->summary);
	note(seen, F_AUTHOR, d->author);
	note(seen, F_UPDATED, d->updated);
	note(seen, F_REVIEWED, d->reviewed);
	note(seen, F_LANGUAGE, d->language);
	note(seen, F_PUBLISHER, d->publisher);
	note(seen, F_URL, d->source_url);
	note(seen, F_LICENSE, d->license);
	note(seen, F_ADVICE, d->advice);
	note(seen, F_RELATED, d->nrelated);
	note(seen, F_CHECKS, d->nchecks);
	note(seen, F_GLOSSARY, d->nglossary);
	for (size_t i = 0; i < d->nchecks; i++)
		note(seen, F_DETAIL, d->checks[i].detail);
	for (size_t i = 0; i < d->nsections; i++)
		for (size_t j = 0; j < d->sections[i].nblocks; j++) {
			const struct block *b = &d->sections[i].blocks[j];

			kinds[b->kind] = true;
			if (b->kind == BLOCK_TABLE) {
				note(seen, F_CAPTION, b->u.table.caption);
				note(seen, F_ROWS, b->u.table.nrows);
			} else if (b->kind == BLOCK_QUOTE) {
				note(seen, F_BY, b->u.quote.by);
			} else if (b->kind == BLOCK_FAQ) {
				note(seen, F_FAQ, b->u.faq.n);
			} else if (b->kind == BLOCK_REFERENCES) {
				note(seen, F_REFS, b->u.refs.n);
				for (size_t r = 0; r < b->u.refs.n; r++)
					note(seen, F_REFURL, b->u.refs.items[r].url);
			}
		}
}

START_TEST(fixtures_cover_every_field)
{
	unsigned seen[F_COUNT][2] = { { 0 } };
	bool kinds[BLOCK_REFERENCES + 1] = { false };
	struct document *o = tu_must_load_mem("o.yaml", other_side,
					      strlen(other_side));

	for (size_t i = 0; i < NFIXTURES; i++) {
		struct fixture fx;

		fixture_load(fixtures[i], &fx);
		survey(fx.doc, seen, kinds);
		fixture_free(&fx);
	}
	survey(o, seen, kinds);
	doc_free(o);
	for (int k = 0; k <= BLOCK_REFERENCES; k++)
		ck_assert_msg(kinds[k], "no block of kind %d in the fixtures", k);
	for (int f = 0; f < F_COUNT; f++)
		ck_assert_msg(seen[f][0] && seen[f][1],
			      "field %d is not both present and absent", f);
}
END_TEST

/* Every single byte changed, three ways: a miss every time, never a crash
 * (under ASan and valgrind too). */
START_TEST(any_flipped_byte_is_a_miss)
{
	static const unsigned char flips[] = { 0x01, 0x80, 0xff };
	struct fixture fx;
	unsigned char *buf;
	size_t n;

	fixture_load("tests/data/plain/every-block.yaml", &fx);
	buf = encode(fx.doc, fx.text, fx.len, &n);
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < sizeof flips; k++) {
			buf[i] ^= flips[k];
			ck_assert_msg(read_back(buf, n, "x") == NULL,
				      "byte %zu ^ 0x%02x read back", i,
				      flips[k]);
			buf[i] ^= flips[k];
		}
	struct document *back = read_back(buf, n, "x");
	ck_assert_ptr_nonnull(back);
	doc_free(back);
	free(buf);
	fixture_free(&fx);
}
END_TEST

START_TEST(truncated_or_extended_is_a_miss)
{
	struct fixture fx;
	unsigned char *buf, *longer;
	size_t n;

	fixture_load("tests/data/plain/every-block.yaml", &fx);
	buf = encode(fx.doc, fx.text, fx.len, &n);
	for (size_t len = 0; len < n; len++) {
		/* An exact-size copy, so a read past the end is seen. */
		unsigned char *cut = malloc(len ? len : 1);

		memcpy(cut, buf, len);
		ck_assert_msg(read_back(cut, len, "x") == NULL,
			      "%zu of %zu bytes read back", len, n);
		free(cut);
	}
	longer = malloc(n + 1);
	memcpy(longer, buf, n);
	longer[n] = 0;
	ck_assert_ptr_null(read_back(longer, n + 1, "x"));
	/* Even with the body's length and sum made to agree, a byte after
	 * the document is one the loader never wrote. */
	le64_put(longer + 32, n + 1 - DOCCACHE_HEADER);
	fix_sum(longer, n + 1);
	ck_assert_ptr_null(read_back(longer, n + 1, "x"));
	free(longer);
	free(buf);
	fixture_free(&fx);
}
END_TEST

START_TEST(other_versions_are_a_miss)
{
	const char *key = doccache_key();
	struct fixture fx;
	unsigned char *buf;
	size_t n;

	fixture_load("tests/data/loader/minimal.yaml", &fx);
	buf = encode(fx.doc, fx.text, fx.len, &n);
	/* The key names this program and the libyaml it runs with. */
	ck_assert_ptr_nonnull(strstr(key, "handout " PACKAGE_VERSION ";"));
	ck_assert_ptr_nonnull(strstr(key, "; libyaml "));
	ck_assert_mem_eq(buf + DOCCACHE_HEADER, key, strlen(key));

	/* Another format version (the header is checked, not summed). */
	buf[8] = DOCCACHE_FORMAT + 1;
	ck_assert_ptr_null(read_back(buf, n, "x"));
	buf[8] = DOCCACHE_FORMAT;
	struct document *same = read_back(buf, n, "x");
	ck_assert_ptr_nonnull(same);
	doc_free(same);

	/* Another program: each byte of the key changed, the sum made
	 * right, so that only the key can refuse it. */
	for (size_t i = 0; i < strlen(key); i++) {
		buf[DOCCACHE_HEADER + i] ^= 0x01;
		fix_sum(buf, n);
		ck_assert_msg(read_back(buf, n, "x") == NULL,
			      "key byte %zu changed read back", i);
		buf[DOCCACHE_HEADER + i] ^= 0x01;
	}
	fix_sum(buf, n);
	struct document *back = read_back(buf, n, "x");
	ck_assert_ptr_nonnull(back);
	doc_free(back);
	free(buf);
	fixture_free(&fx);
}
END_TEST

/* The text the documents below were loaded from. */
static struct fixture refusing;

/* A document the loader would refuse, written as a cache (the encoder
 * writes what it is given): reading it back is a miss. */
static void refused(const struct document *bad, const char *why)
{
	size_t n;
	unsigned char *buf = encode(bad, refusing.text, refusing.len, &n);

	ck_assert_msg(read_back(buf, n, "x") == NULL, "read back: %s", why);
	free(buf);
}

START_TEST(documents_the_loader_refuses_are_a_miss)
{
	static const char *const bad_text[] = {
		"bell\a", "esc\x1b[31m", "del\x7f", "c1\xc2\x85", "bidi\xe2\x80\xae",
		"isolate\xe2\x81\xa6", "byte\xff", "overlong\xc0\xaf",
		"surrogate\xed\xa0\x80", "cut\xe2\x82", "   ", "\n\t ", "cr\r",
	};
	struct fixture fx;
	struct document m;

	fixture_load("tests/data/plain/every-block.yaml", &fx);
	refusing = fx;
	const struct document *d = fx.doc;
	struct section secs[8];
	struct block blocks[16];
	struct check_item checks[4];
	struct related_ref related[3] = {
		{ "other", 1, 1 }, { "other", 2, 1 }, { "other", 3, 1 }
	};

	ck_assert_uint_le(d->nsections, 8);
	ck_assert_uint_le(d->sections[0].nblocks, 16);
	ck_assert_uint_le(d->nchecks, 4);
	for (size_t i = 0; i < sizeof bad_text / sizeof bad_text[0]; i++) {
		m = *d;
		m.title = bad_text[i];
		refused(&m, bad_text[i]);
		m = *d;
		m.summary = bad_text[i];
		refused(&m, bad_text[i]);
		/* Deep in a block, too. */
		m = *d;
		memcpy(secs, d->sections, d->nsections * sizeof *secs);
		memcpy(blocks, d->sections[0].blocks,
		       d->sections[0].nblocks * sizeof *blocks);
		blocks[0].u.text = bad_text[i];
		secs[0].blocks = blocks;
		m.sections = secs;
		refused(&m, bad_text[i]);
	}

	char *huge = malloc(LOADER_MAX_STRING + 2);
	memset(huge, 'a', LOADER_MAX_STRING + 1);
	huge[LOADER_MAX_STRING + 1] = '\0';
	m = *d;
	m.advice = huge;
	refused(&m, "a string over the loader's limit");
	huge[LOADER_MAX_STRING] = '\0';
	m.advice = huge;
	{
		size_t n;
		unsigned char *buf = encode(&m, fx.text, fx.len, &n);
		struct document *back = read_back(buf, n, "x");

		ck_assert_msg(back != NULL, "a string at the limit is refused");
		doc_free(back);
		free(buf);
	}
	free(huge);

	m = *d;
	m.title = NULL;
	refused(&m, "no title");
	m = *d;
	m.disclaimer = NULL;
	refused(&m, "no disclaimer");
	m = *d;
	m.schema = 2;
	refused(&m, "schema 2");
	m = *d;
	m.id = "Not-An-Id";
	refused(&m, "a malformed article id");
	m = *d;
	m.updated = "2025-02-30";
	refused(&m, "a date that is no date");
	m = *d;
	m.reviewed = "yesterday";
	refused(&m, "a date not written YYYY-MM-DD");
	m = *d;
	m.publisher = NULL;
	refused(&m, "a source URL without its publisher");
	m = *d;
	related[1].id = d->id;
	m.related = related;
	m.nrelated = 2;
	refused(&m, "related to itself");
	related[1].id = "other";
	refused(&m, "a related id twice");
	related[1].id = "Bad Id";
	refused(&m, "a malformed related id");
	related[1].id = "another";
	related[1].line = 0;
	refused(&m, "a related id on line 0");
	related[1].line = 2;
	related[1].column = 0;
	refused(&m, "a related id in column 0");
	related[1].column = 1;
	related[1].line = (unsigned)fx.len + 2;
	refused(&m, "a related id past the text's last line");
	related[1].line = 2;
	m = *d;
	m.nsections = 0;
	refused(&m, "no sections");

	m = *d;
	memcpy(secs, d->sections, d->nsections * sizeof *secs);
	m.sections = secs;
	secs[1].id = secs[0].id;
	refused(&m, "two sections with one id");
	secs[1].id = d->sections[1].id;
	secs[0].id = "0zero";
	refused(&m, "a malformed section id");
	secs[0].id = d->sections[0].id;
	secs[0].nblocks = 0;
	refused(&m, "a section without blocks");
	secs[0].nblocks = d->sections[0].nblocks;

	memcpy(blocks, d->sections[0].blocks,
	       d->sections[0].nblocks * sizeof *blocks);
	secs[0].blocks = blocks;
	blocks[0].line = 0;
	refused(&m, "a block on line 0");
	blocks[0].line = (unsigned)fx.len + 2;
	refused(&m, "a block past the text's last line");
	blocks[0].line = blocks[1].line + 1;
	refused(&m, "blocks out of the text's order");
	blocks[0].line = d->sections[0].blocks[0].line;
	blocks[0].kind = (enum block_kind)(BLOCK_REFERENCES + 1);
	refused(&m, "a block of no kind");
	blocks[0] = d->sections[0].blocks[0];
	for (size_t j = 0; j < d->sections[0].nblocks; j++) {
		struct block *b = &blocks[j];

		if (b->kind == BLOCK_BULLETS) {
			b->u.list.n = 0;
			refused(&m, "an empty list");
		} else if (b->kind == BLOCK_TABLE) {
			b->u.table.ncols = 0;
			b->u.table.nrows = 0;
			refused(&m, "a table without columns");
		}
		*b = d->sections[0].blocks[j];
	}

	m = *d;
	memcpy(checks, d->checks, d->nchecks * sizeof *checks);
	m.checks = checks;
	checks[1].id = checks[0].id;
	refused(&m, "two checklist items with one id");
	checks[1].id = "Fever!";
	refused(&m, "a malformed checklist id");
	checks[1] = d->checks[1];
	checks[1].label = NULL;
	refused(&m, "a checklist item without its label");

	/* And the untouched copy still reads back, so each refusal above
	 * was for its change. */
	m = *d;
	{
		size_t n;
		unsigned char *buf = encode(&m, fx.text, fx.len, &n);
		struct document *back = read_back(buf, n, "x");

		ck_assert_ptr_nonnull(back);
		doc_free(back);
		free(buf);
	}
	fixture_free(&fx);
}
END_TEST

/* Bytes no encoder writes, summed right so that only what they say can
 * refuse them: a NUL inside a string, counts beyond the bytes there. */
START_TEST(payloads_no_encoder_writes_are_a_miss)
{
	struct fixture fx;
	unsigned char *buf;
	size_t n, p;

	fixture_load("tests/data/loader/minimal.yaml", &fx);
	buf = encode(fx.doc, fx.text, fx.len, &n);
	p = payload_at(buf, n);
	/* schema, then the id's length and "minimal" */
	ck_assert_mem_eq(buf + p + 8, "minimal", 8);
	buf[p + 8 + 3] = '\0';
	fix_sum(buf, n);
	ck_assert_ptr_null(read_back(buf, n, "x"));
	buf[p + 8 + 3] = 'i';
	/* The id's length one more than it is: its NUL is then inside. */
	buf[p + 4]++;
	fix_sum(buf, n);
	ck_assert_ptr_null(read_back(buf, n, "x"));
	buf[p + 4]--;
	/* Every 32-bit field of the payload set to a huge count. */
	for (size_t off = p; off + 4 <= n; off++) {
		unsigned char keep[4];

		memcpy(keep, buf + off, 4);
		memset(buf + off, 0xff, 4);
		fix_sum(buf, n);
		ck_assert_msg(read_back(buf, n, "x") == NULL,
			      "0xffffffff at %zu read back", off);
		memcpy(buf + off, keep, 4);
	}
	fix_sum(buf, n);
	struct document *back = read_back(buf, n, fx.doc->path);
	ck_assert_ptr_nonnull(back);
	same_document(fx.doc, back);
	doc_free(back);
	free(buf);
	fixture_free(&fx);
}
END_TEST

/* ---- caches on disk: doccache_save() and doccache_find() ------------ */

/* dir/name holding len bytes of data: its path, malloc'd. */
static char *write_file(const char *dir, const char *name, const void *data,
			size_t len)
{
	char *path = malloc(strlen(dir) + strlen(name) + 2);

	ck_assert_ptr_nonnull(path);
	sprintf(path, "%s/%s", dir, name);
	tu_write_file(path, data, len);
	return path;
}

/* doccache_find() on the file at path, as doc_load() asks. */
static struct document *find(const char *dir, const char *path)
{
	struct stat st;
	struct document *d;
	int fd = open(path, O_RDONLY);

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(fstat(fd, &st), 0);
	d = doccache_find(dir, path, fd, (size_t)st.st_size);
	/* pread(): the loader reads on from where it was. */
	ck_assert_int_eq(lseek(fd, 0, SEEK_CUR), 0);
	close(fd);
	return d;
}

static void rm_dir(const char *dir)
{
	ck_assert_int_eq(tu_rmtree(dir), 0);
}

START_TEST(saved_and_found_at_any_path)
{
	char dir[4096], cdir[4200], cpath[4300], name[DOCCACHE_NAME_LEN + 1];
	char msg[1024];
	struct herror e;

	ck_assert_ptr_nonnull(tu_tmpdir(dir, sizeof dir));
	snprintf(cdir, sizeof cdir, "%s/cache/made", dir);
	for (size_t i = 0; i < NFIXTURES; i++) {
		struct fixture fx;
		char copy[64];
		char *path;
		struct document *found;
		struct stat st;

		fixture_load(fixtures[i], &fx);
		ck_assert_msg(!doccache_save(cdir, fx.doc, fx.text, fx.len, name,
					     &e), "%s",
			      herror_format(&e, msg, sizeof msg));
		ck_assert_uint_eq(strlen(name), DOCCACHE_NAME_LEN);
		ck_assert_str_eq(name + 16, ".cache");
		/* The same bytes anywhere else find it. */
		snprintf(copy, sizeof copy, "copy-%zu.yaml", i);
		path = write_file(dir, copy, fx.text, fx.len);
		found = find(cdir, path);
		ck_assert_msg(found != NULL, "%s not found", fixtures[i]);
		ck_assert_str_eq(found->path, path);
		found->path = fx.doc->path;
		same_document(fx.doc, found);
		same_plain(fx.doc, found);
		doc_free(found);
		/* Written for no one else to change. */
		snprintf(cpath, sizeof cpath, "%s/%s", cdir, name);
		ck_assert_int_eq(stat(cpath, &st), 0);
		ck_assert_uint_eq(st.st_mode & 0777, 0644);
		free(path);
		fixture_free(&fx);
	}
	rm_dir(dir);
}
END_TEST

START_TEST(not_this_text_is_a_miss)
{
	char dir[4096], name[DOCCACHE_NAME_LEN + 1], other[DOCCACHE_NAME_LEN + 1];
	char cpath[4200], opath[4200];
	struct herror e;
	struct fixture fx;
	char *path, *b;
	unsigned char *buf;
	size_t n;

	ck_assert_ptr_nonnull(tu_tmpdir(dir, sizeof dir));
	fixture_load("tests/data/plain/every-block.yaml", &fx);
	ck_assert_int_eq(doccache_save(dir, fx.doc, fx.text, fx.len, name, &e), 0);
	path = write_file(dir, "a.yaml", fx.text, fx.len);
	struct document *first = find(dir, path);
	ck_assert_ptr_nonnull(first);
	doc_free(first);

	/* The article changed by a byte: its own name, no cache. */
	b = malloc(fx.len);
	memcpy(b, fx.text, fx.len);
	b[fx.len / 2] ^= 0x20;
	free(write_file(dir, "a.yaml", b, fx.len));
	ck_assert_ptr_null(find(dir, path));

	/* A's cache under B's name: the header's hash is not B's. */
	doccache_name(doccache_hash(b, fx.len), other);
	snprintf(cpath, sizeof cpath, "%s/%s", dir, name);
	snprintf(opath, sizeof opath, "%s/%s", dir, other);
	ck_assert_int_eq(link(cpath, opath), 0);
	ck_assert_ptr_null(find(dir, path));
	unlink(opath);

	/* And with the header saying B's hash, as a collision of hashes
	 * would: the text is compared, byte for byte. */
	buf = encode(fx.doc, fx.text, fx.len, &n);
	le64_put(buf + 24, doccache_hash(b, fx.len));
	ck_assert_uint_eq(le64_at(buf + 16), fx.len);
	free(write_file(dir, other, buf, n));
	ck_assert_ptr_null(find(dir, path));

	/* B itself again: found. */
	free(write_file(dir, "a.yaml", fx.text, fx.len));
	struct document *d = find(dir, path);
	ck_assert_ptr_nonnull(d);
	doc_free(d);
	free(buf);
	free(b);
	free(path);
	fixture_free(&fx);
	rm_dir(dir);
}
END_TEST

START_TEST(only_safe_files_are_read)
{
	char dir[4096], name[DOCCACHE_NAME_LEN + 1], cpath[4200], moved[4200];
	struct herror e;
	struct fixture fx;
	char *path;

	ck_assert_ptr_nonnull(tu_tmpdir(dir, sizeof dir));
	fixture_load("tests/data/loader/minimal.yaml", &fx);
	ck_assert_int_eq(doccache_save(dir, fx.doc, fx.text, fx.len, name, &e), 0);
	path = write_file(dir, "m.yaml", fx.text, fx.len);
	snprintf(cpath, sizeof cpath, "%s/%s", dir, name);

	ck_assert_int_eq(chmod(cpath, 0664), 0);
	ck_assert_ptr_null(find(dir, path));
	ck_assert_int_eq(chmod(cpath, 0646), 0);
	ck_assert_ptr_null(find(dir, path));
	ck_assert_int_eq(chmod(cpath, 0444), 0);
	struct document *d = find(dir, path);
	ck_assert_ptr_nonnull(d);
	doc_free(d);

	/* A symbolic link is not followed. */
	snprintf(moved, sizeof moved, "%s/elsewhere", dir);
	ck_assert_int_eq(rename(cpath, moved), 0);
	ck_assert_int_eq(symlink(moved, cpath), 0);
	ck_assert_ptr_null(find(dir, path));
	/* Nor is anything but a file. */
	unlink(cpath);
	ck_assert_int_eq(mkdir(cpath, 0755), 0);
	ck_assert_ptr_null(find(dir, path));
	/* No folder at all: a miss, nothing said. */
	ck_assert_ptr_null(find("/nonexistent/handout-cache", path));
	free(path);
	fixture_free(&fx);
	rm_dir(dir);
}
END_TEST

/* An article longer than doccache_find() holds in memory at once: hashed
 * in pieces, compared by reading it again. */
START_TEST(long_article_found_in_pieces)
{
	char dir[4096], name[DOCCACHE_NAME_LEN + 1];
	struct herror e;
	char *yaml, *path;
	size_t len = 0, cap = 1 << 20;
	struct document *d, *found;
	unsigned char *buf;
	size_t n;

	ck_assert_ptr_nonnull(tu_tmpdir(dir, sizeof dir));
	yaml = malloc(cap);
	len += (size_t)sprintf(yaml, "schema: 1\nid: long\ntitle: Long\n"
			       "disclaimer: D\nsections:\n- id: s\n  title: S\n"
			       "  blocks:\n");
	for (int i = 0; len < 700000; i++)
		len += (size_t)sprintf(yaml + len,
				       "  - paragraph: Paragraph %d of a long article.\n",
				       i);
	d = tu_must_load_mem("long.yaml", yaml, len);
	ck_assert_int_eq(doccache_save(dir, d, yaml, len, name, &e), 0);
	path = write_file(dir, "long.yaml", yaml, len);
	found = find(dir, path);
	ck_assert_ptr_nonnull(found);
	found->path = d->path;
	same_document(d, found);
	doc_free(found);

	/* A difference far past the first piece, with the hash made to
	 * agree: the second reading finds it. */
	yaml[len - 10] = 'X';
	free(write_file(dir, "long.yaml", yaml, len));
	yaml[len - 10] = 'e';
	buf = encode(d, yaml, len, &n);
	yaml[len - 10] = 'X';
	le64_put(buf + 24, doccache_hash(yaml, len));
	doccache_name(doccache_hash(yaml, len), name);
	free(write_file(dir, name, buf, n));
	ck_assert_ptr_null(find(dir, path));

	free(buf);
	free(path);
	free(yaml);
	doc_free(d);
	rm_dir(dir);
}
END_TEST

START_TEST(hash_is_the_documented_one)
{
	/* Fixed values: a cache written anywhere names the same file. */
	ck_assert_uint_eq(doccache_hash("", 0), doccache_hash("", 0));
	ck_assert_uint_ne(doccache_hash("a", 1), doccache_hash("a\0", 2));
	ck_assert_uint_ne(doccache_hash("abcdefgh", 8),
			  doccache_hash("abcdefgi", 8));
	/* One changed word never hashes alike: each step is a bijection. */
	unsigned char w[64] = { 0 };
	uint64_t base = doccache_hash(w, sizeof w);
	for (size_t i = 0; i < sizeof w; i++)
		for (int bit = 0; bit < 8; bit++) {
			w[i] ^= (unsigned char)(1u << bit);
			ck_assert_uint_ne(doccache_hash(w, sizeof w), base);
			w[i] ^= (unsigned char)(1u << bit);
		}
	char name[DOCCACHE_NAME_LEN + 1];
	doccache_name(0x0123456789abcdefu, name);
	ck_assert_str_eq(name, "0123456789abcdef.cache");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("doccache");
	TCase *trip = tu_tcase(s, "round trip");
	TCase *miss = tu_tcase(s, "misses");
	TCase *disk = tu_tcase(s, "on disk");

	tu_utf8_locale();
	/* Valgrind and the sanitizers run these many times slower. */
	tcase_set_timeout(trip, 120);
	tcase_set_timeout(miss, 300);
	tcase_set_timeout(disk, 120);
	tu_add_tests(trip, fixtures_read_back_identical,
		     other_side_reads_back_identical, fixtures_cover_every_field,
		     hash_is_the_documented_one);
	tu_add_tests(miss, any_flipped_byte_is_a_miss,
		     truncated_or_extended_is_a_miss, other_versions_are_a_miss,
		     documents_the_loader_refuses_are_a_miss,
		     payloads_no_encoder_writes_are_a_miss);
	tu_add_tests(disk, saved_and_found_at_any_path, not_this_text_is_a_miss,
		     only_safe_files_are_read, long_article_found_in_pieces);
	return tu_run(s);
}
