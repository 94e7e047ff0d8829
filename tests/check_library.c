/* check_library.c - a folder of articles: what is an article, headers read
 * lazily and little, documents kept within a budget, a search whose
 * prefilter never hides a match, --validate DIR's links.
 *
 * The fixtures are tests/data/library/: shelf/ holds good articles, one
 * whose header is wrong, one whose body is, two with one id, a dangling
 * related id, a non-YAML file, a hidden one, a subfolder, a folder named
 * like an article and a link to an article in good/, outside the folder.
 * Linked with --wrap=read: read() counts the bytes it hands back, so a
 * test can tell how much of a file was read.
 */
#include "config.h"         /* _GNU_SOURCE: asprintf */

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "library.h"
#include "loader.h"
#include "search.h"
#include "state.h"
#include "testutil.h"

ssize_t __real_read(int fd, void *buf, size_t n);
ssize_t __wrap_read(int fd, void *buf, size_t n);

static size_t bytes_read;

ssize_t __wrap_read(int fd, void *buf, size_t n)
{
	ssize_t r = __real_read(fd, buf, n);

	if (r > 0)
		bytes_read += (size_t)r;
	return r;
}

/* shelf/, in library order. */
enum {
	ALPHA, BAD_DATE, BETA, BROKEN, DANGLING, DUP, GAMMA, LINKED, NSHELF
};
static const char *const shelf_names[NSHELF] = {
	"alpha.yaml", "bad-date.yaml", "beta.yaml", "broken.yaml",
	"dangling.yaml", "dup.yaml", "gamma.yaml", "linked.yaml"
};

static char shelf[4096];

static struct library *open_ok(const char *dir)
{
	struct herror e;
	char m[1024];
	struct library *lib = library_open(dir, &e);

	ck_assert_msg(lib != NULL, "%s", herror_format(&e, m, sizeof m));
	return lib;
}

static struct library *open_shelf(void)
{
	tu_path(shelf, sizeof shelf, "tests/data/library/shelf");
	return open_ok(shelf);
}

static const char *error_text(const struct library *lib, size_t i, char *buf,
			      size_t size)
{
	const struct herror *e = library_error(lib, i);

	return e ? herror_format(e, buf, size) : "(none)";
}

/* Article i of the shelf's library failed with this message, its path
 * (the shelf's) left out. */
static void expect_shelf_error(const struct library *lib, size_t i,
			       const char *msg)
{
	char m[1024], want[8192];

	snprintf(want, sizeof want, "%s/%s", shelf, msg);
	ck_assert_str_eq(error_text(lib, i, m, sizeof m), want);
}

static void write_file(const char *path, const char *text)
{
	tu_write_file(path, text, strlen(text));
}

/* A one-section article with id and this paragraph. */
static void write_article(const char *dir, const char *name, const char *id,
			  const char *paragraph)
{
	char path[4096];
	char *text;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	ck_assert_int_ge(asprintf(&text,
		"schema: 1\nid: %s\ntitle: T %s\ndisclaimer: D\n"
		"sections:\n- id: s\n  title: Section of %s\n  blocks:\n"
		"  - paragraph: \"%s\"\n", id, id, id, paragraph), 0);
	write_file(path, text);
	free(text);
}

/* ---- the folder -------------------------------------------------------- */

START_TEST(open_lists_articles)
{
	struct library *lib = open_shelf();
	char want[4200];

	ck_assert_str_eq(library_dir(lib), shelf);
	ck_assert_uint_eq(library_count(lib), NSHELF);
	for (size_t i = 0; i < NSHELF; i++) {
		snprintf(want, sizeof want, "%s/%s", shelf, shelf_names[i]);
		ck_assert_str_eq(library_path(lib, i), want);
		/* Nothing read yet. */
		ck_assert_ptr_null(library_error(lib, i));
	}
	library_free(lib);
	library_free(NULL);

	/* A trailing slash makes no double one. */
	snprintf(want, sizeof want, "%s/", shelf);
	lib = open_ok(want);
	snprintf(want, sizeof want, "%s/alpha.yaml", shelf);
	ck_assert_str_eq(library_path(lib, 0), want);
	library_free(lib);
}
END_TEST

START_TEST(open_refuses)
{
	char dir[256], path[512], m[1024];
	struct herror e;

	ck_assert_ptr_nonnull(tu_tmpdir(dir, sizeof dir));
	ck_assert_ptr_null(library_open(dir, &e));
	ck_assert_int_eq(e.code, HERR_EMPTY);
	snprintf(path, sizeof path, "%s: no article in the folder (an article's name ends in .yaml)",
		 dir);
	ck_assert_str_eq(herror_format(&e, m, sizeof m), path);

	/* Names that are not articles do not make a library. */
	snprintf(path, sizeof path, "%s/notes.txt", dir);
	write_file(path, "text");
	snprintf(path, sizeof path, "%s/.hidden.yaml", dir);
	write_file(path, "text");
	snprintf(path, sizeof path, "%s/.yaml", dir);
	write_file(path, "text");
	ck_assert_ptr_null(library_open(dir, &e));
	ck_assert_int_eq(e.code, HERR_EMPTY);

	snprintf(path, sizeof path, "%s/none", dir);
	ck_assert_ptr_null(library_open(path, &e));
	ck_assert_int_eq(e.code, HERR_OPEN);
	ck_assert_ptr_nonnull(strstr(herror_format(&e, m, sizeof m),
				     "cannot open the folder: No such file"));
	snprintf(path, sizeof path, "%s/notes.txt", dir);
	ck_assert_ptr_null(library_open(path, &e));
	ck_assert_int_eq(e.code, HERR_NOTFILE);
	ck_assert_str_eq(e.detail, "not a folder");
	ck_assert_int_eq(tu_rmtree(dir), 0);
}
END_TEST

/* A FIFO, a dangling link and a folder named like articles are not
 * articles; a link to a file anywhere is one.  Nothing blocks. */
START_TEST(what_is_an_article)
{
	char dir[256], path[512], target[512];
	struct library *lib;

	ck_assert_ptr_nonnull(tu_tmpdir(dir, sizeof dir));
	write_article(dir, "real.yaml", "real", "Here.");
	snprintf(path, sizeof path, "%s/fifo.yaml", dir);
	ck_assert_int_eq(mkfifo(path, 0600), 0);
	snprintf(path, sizeof path, "%s/gone.yaml", dir);
	ck_assert_int_eq(symlink("nowhere.yaml", path), 0);
	snprintf(path, sizeof path, "%s/dir.yaml", dir);
	ck_assert_int_eq(mkdir(path, 0700), 0);
	snprintf(path, sizeof path, "%s/to-dir.yaml", dir);
	ck_assert_int_eq(symlink("dir.yaml", path), 0);
	tu_path(target, sizeof target, "tests/data/library/good/near.yaml");
	snprintf(path, sizeof path, "%s/linked.yaml", dir);
	ck_assert_int_eq(symlink(target, path), 0);

	lib = open_ok(dir);
	ck_assert_uint_eq(library_count(lib), 2);
	snprintf(path, sizeof path, "%s/linked.yaml", dir);
	ck_assert_str_eq(library_path(lib, 0), path);
	ck_assert_str_eq(library_header(lib, 0)->id, "near");
	ck_assert_str_eq(library_header(lib, 1)->id, "real");
	library_free(lib);
	ck_assert_int_eq(tu_rmtree(dir), 0);
}
END_TEST

/* ---- headers ------------------------------------------------------------- */

START_TEST(headers_and_errors)
{
	struct library *lib = open_shelf();
	const struct doc_header *h = library_header(lib, ALPHA);
	char want[4200];

	tu_expect_header(h, &(struct tu_meta){
		.id = "alpha", .title = "Alpha Article",
		.summary = "The first article on the shelf.",
		.publisher = "Shelf Clinic", .updated = "2025-01-31",
		.reviewed = "2025-06-30" });
	ck_assert_uint_eq(h->nrelated, 2);
	ck_assert_str_eq(h->related[1].id, "far-away");
	ck_assert_ptr_eq(library_header(lib, ALPHA), h);   /* read once */
	ck_assert_ptr_null(library_error(lib, ALPHA));

	/* A wrong header: no header, no document, and why. */
	ck_assert_ptr_null(library_header(lib, BAD_DATE));
	expect_shelf_error(lib, BAD_DATE,
		"bad-date.yaml:4:10: 'updated' must be a date written YYYY-MM-DD, not '2025-02-30'");
	ck_assert_ptr_null(library_doc(lib, BAD_DATE));

	/* A wrong body: a header, but no document. */
	tu_expect_header(library_header(lib, BROKEN),
			 &(struct tu_meta){ .id = "broken-body" });
	ck_assert_ptr_null(library_error(lib, BROKEN));
	ck_assert_ptr_null(library_doc(lib, BROKEN));
	expect_shelf_error(lib, BROKEN,
		"broken.yaml:10:9: unknown key 'paragraf' in block (expected paragraph, subheading, bullets, numbered, table, quote, faq, references)");
	ck_assert_ptr_nonnull(library_header(lib, BROKEN));

	/* The link is read where it leads, under its own name. */
	h = library_header(lib, LINKED);
	tu_expect_header(h, &(struct tu_meta){ .id = "far-away" });
	snprintf(want, sizeof want, "%s/linked.yaml", shelf);
	ck_assert_str_eq(h->path, want);
	library_free(lib);
}
END_TEST

/* A header costs what lies before `sections` and what libyaml reads ahead,
 * not the article. */
START_TEST(a_header_reads_little)
{
	char dir[256], path[512];
	struct library *lib;
	size_t before;
	FILE *f;

	ck_assert_ptr_nonnull(tu_tmpdir(dir, sizeof dir));
	snprintf(path, sizeof path, "%s/big.yaml", dir);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs("schema: 1\nid: big\ntitle: Big\ndisclaimer: D\nsections:\n", f);
	for (int s = 0; s < 2000; s++) {
		fprintf(f, "- id: s%d\n  title: S\n  blocks:\n", s);
		for (int p = 0; p < 10; p++)
			fputs("  - paragraph: Some words of a long body, "
			      "over and over again.\n", f);
	}
	ck_assert_int_eq(fclose(f), 0);

	lib = open_ok(dir);
	before = bytes_read;
	ck_assert_ptr_nonnull(library_header(lib, 0));
	ck_assert_uint_lt(bytes_read - before, 8 * 1024);
	before = bytes_read;
	ck_assert_ptr_nonnull(library_doc(lib, 0));
	ck_assert_uint_gt(bytes_read - before, 1000 * 1000);
	library_free(lib);
	ck_assert_int_eq(tu_rmtree(dir), 0);
}
END_TEST

START_TEST(find_by_id)
{
	struct library *lib = open_shelf();

	/* The first of two articles with one id. */
	ck_assert_int_eq(library_find(lib, "alpha"), ALPHA);
	ck_assert_int_eq(library_find(lib, "far-away"), LINKED);
	ck_assert_int_eq(library_find(lib, "gamma"), GAMMA);
	ck_assert_int_eq(library_find(lib, "nowhere"), -1);
	/* An article whose header cannot be read has no id. */
	ck_assert_int_eq(library_find(lib, "bad-date"), -1);
	library_free(lib);
}
END_TEST

/* ---- documents ------------------------------------------------------------ */

START_TEST(documents_are_kept)
{
	struct library *lib = open_shelf();
	const struct document *a = library_doc(lib, ALPHA);
	size_t before;

	ck_assert_ptr_nonnull(a);
	ck_assert_str_eq(a->id, "alpha");
	ck_assert_uint_eq(a->nsections, 2);
	ck_assert_ptr_eq(library_doc(lib, ALPHA), a);
	ck_assert_ptr_nonnull(library_doc(lib, GAMMA));
	before = bytes_read;
	ck_assert_ptr_eq(library_doc(lib, ALPHA), a);
	ck_assert_ptr_nonnull(library_doc(lib, GAMMA));
	/* Both kept: neither file read again. */
	ck_assert_uint_eq(bytes_read, before);
	library_free(lib);
}
END_TEST

/* Over the budget, the least recently used go first; the last one
 * library_doc() returned stays whatever the budget. */
START_TEST(documents_within_a_budget)
{
	struct library *lib = open_shelf();
	size_t before;

	ck_assert_ptr_nonnull(library_doc(lib, ALPHA));
	ck_assert_ptr_nonnull(library_doc(lib, BETA));
	ck_assert_ptr_nonnull(library_doc(lib, GAMMA));
	library_set_keep(lib, 0);
	before = bytes_read;
	ck_assert_ptr_nonnull(library_doc(lib, GAMMA));
	ck_assert_uint_eq(bytes_read, before);          /* pinned: kept */
	ck_assert_ptr_nonnull(library_doc(lib, ALPHA));
	ck_assert_uint_gt(bytes_read, before);          /* let go: read again */
	before = bytes_read;
	ck_assert_ptr_nonnull(library_doc(lib, GAMMA));
	ck_assert_uint_gt(bytes_read, before);          /* no longer pinned */

	/* Room for alpha and gamma (the files' sizes), not for beta too:
	 * beta goes, being the least recently used. */
	{
		struct stat a, g;
		char path[4200];

		snprintf(path, sizeof path, "%s/alpha.yaml", shelf);
		ck_assert_int_eq(stat(path, &a), 0);
		snprintf(path, sizeof path, "%s/gamma.yaml", shelf);
		ck_assert_int_eq(stat(path, &g), 0);
		library_set_keep(lib, (size_t)(a.st_size + g.st_size));
	}
	ck_assert_ptr_nonnull(library_doc(lib, BETA));
	ck_assert_ptr_nonnull(library_doc(lib, ALPHA));
	ck_assert_ptr_nonnull(library_doc(lib, GAMMA));
	before = bytes_read;
	ck_assert_ptr_nonnull(library_doc(lib, ALPHA));
	ck_assert_uint_eq(bytes_read, before);
	ck_assert_ptr_nonnull(library_doc(lib, BETA));
	ck_assert_uint_gt(bytes_read, before);
	library_free(lib);
}
END_TEST

/* ---- search ------------------------------------------------------------- */

/* Every match of query, article by article, the slow way: each article
 * loaded afresh and searched whole. */
struct truth {
	size_t n;
	struct library_match m[LIBRARY_MAX_MATCHES + 1];
	size_t article;
};

static bool truth_add(const struct search_match *m, void *arg)
{
	struct truth *t = arg;

	if (t->n == LIBRARY_MAX_MATCHES + 1)
		return false;
	t->m[t->n].article = t->article;
	t->m[t->n].m = *m;
	t->n++;
	return true;
}

static void the_slow_way(struct library *lib, const char *query,
			 struct truth *t)
{
	t->n = 0;
	for (size_t i = 0; i < library_count(lib); i++) {
		struct herror e;
		struct document *d = doc_load(library_path(lib, i), &e);

		if (!d)
			continue;
		t->article = i;
		search_each(d, query, truth_add, t);
		doc_free(d);
	}
}

static void same_as_the_slow_way(struct library *lib, const char *query)
{
	static struct truth t;
	struct library_results r;

	the_slow_way(lib, query, &t);
	ck_assert_int_eq(library_search(lib, query, &r), 0);
	ck_assert_msg(r.n == (t.n > LIBRARY_MAX_MATCHES ? LIBRARY_MAX_MATCHES : t.n),
		      "'%s': %zu matches, the slow way %zu", query, r.n, t.n);
	ck_assert_int_eq(r.truncated, t.n > LIBRARY_MAX_MATCHES);
	for (size_t k = 0; k < r.n; k++) {
		const struct search_match *a = &r.items[k].m, *b = &t.m[k].m;

		ck_assert_msg(r.items[k].article == t.m[k].article &&
			      a->section == b->section && a->block == b->block &&
			      a->item == b->item && a->field == b->field &&
			      a->faq == b->faq && a->off == b->off &&
			      a->len == b->len,
			      "'%s': match %zu differs", query, k);
	}
}

static const char *const queries[] = {
	"fever", "FEVER", "café", "CAFÉ", "caf", "lymphoedema", "lymph",
	"oedema", "naïve", "don't", "don’t", "don''t", "it's", "it’s",
	"two words", "words on two lines", "literal block keeps",
	"block\nkeeps", "plain scalar that goes", "double-quoted one that goes",
	"rest", "\"rest\"", "“rest”", "and\tsmiled", "and smiled",
	"smiled. then", "long dash", "—", "-", "travel", "a", "the", "e", " ",
	"'", "\\", "xyzzy", "thermometer",
};

START_TEST(search_finds_what_the_slow_way_finds)
{
	struct library *lib = open_shelf();

	/* Twice: once reading files, once from what the first kept. */
	for (int pass = 0; pass < 2; pass++)
		for (size_t q = 0; q < sizeof queries / sizeof queries[0]; q++)
			same_as_the_slow_way(lib, queries[q]);
	library_free(lib);
	/* A fresh library for each query: every file through the
	 * prefilter. */
	for (size_t q = 0; q < sizeof queries / sizeof queries[0]; q++) {
		lib = open_shelf();
		same_as_the_slow_way(lib, queries[q]);
		library_free(lib);
	}
	/* The bundled articles, with their curly quotes and dashes. */
	{
		static const char *const words[] = {
			"chemotherapy", "white blood cells", "don't", "it's",
			"fever", "NEUTROPENIA", "—", "38", "call your doctor",
		};
		char dir[4096];

		tu_path(dir, sizeof dir, "content");
		for (size_t q = 0; q < sizeof words / sizeof words[0]; q++) {
			lib = open_ok(dir);
			same_as_the_slow_way(lib, words[q]);
			library_free(lib);
		}
	}
}
END_TEST

START_TEST(search_examples)
{
	struct library *lib = open_shelf();
	struct library_results r;

	ck_assert_int_eq(library_search(lib, "café", &r), 0);
	ck_assert_uint_eq(r.n, 2);        /* title and paragraph of beta */
	ck_assert_uint_eq(r.items[0].article, BETA);
	ck_assert_str_eq(r.items[0].section, "Caf\xc3\xa9 Talk");
	ck_assert_str_eq(r.items[1].snippet, "A caf\xc3\xa9 near the clinic sells tea.");
	ck_assert_uint_eq(r.items[1].at, 2);
	ck_assert(!r.items[1].cut_before && !r.items[1].cut_after);

	ck_assert_int_eq(library_search(lib, "LYMPHOEDEMA", &r), 0);
	ck_assert_uint_eq(r.n, 1);
	ck_assert_uint_eq(r.items[0].article, BETA);

	/* One line: the line break and tab are spaces in the snippet. */
	ck_assert_int_eq(library_search(lib, "smiled", &r), 0);
	ck_assert_uint_eq(r.n, 1);
	ck_assert_str_eq(r.items[0].snippet,
			 "She said \"rest\" and smiled. Then she left.");
	ck_assert_uint_eq(r.items[0].article, GAMMA);
	ck_assert_str_eq(r.items[0].section, "QUOTING");

	/* Linked in from outside the folder, and searched. */
	ck_assert_int_eq(library_search(lib, "travel", &r), 0);
	ck_assert_uint_eq(r.n, 2);
	ck_assert_uint_eq(r.items[0].article, LINKED);

	ck_assert_int_eq(library_search(lib, "", &r), 0);
	ck_assert_uint_eq(r.n, 0);
	ck_assert_ptr_null(r.items);
	ck_assert_int_eq(library_search(lib, NULL, &r), 0);
	ck_assert_uint_eq(r.n, 0);
	library_free(lib);
}
END_TEST

/* The prefilter spares the articles whose bytes cannot hold the query:
 * the broken article is not loaded, so its fault is not found, until a
 * query its bytes hold. */
START_TEST(search_loads_only_what_may_match)
{
	struct library *lib = open_shelf();
	struct library_results r;
	char m[1024];

	ck_assert_int_eq(library_search(lib, "travel", &r), 0);
	ck_assert_ptr_null(library_error(lib, BROKEN));
	ck_assert_ptr_null(library_error(lib, BAD_DATE));
	ck_assert_int_eq(library_search(lib, "thermometer", &r), 0);
	ck_assert_uint_eq(r.n, 0);
	ck_assert_ptr_nonnull(strstr(error_text(lib, BROKEN, m, sizeof m),
				     "unknown key 'paragraf'"));
	ck_assert_ptr_null(library_error(lib, BAD_DATE));
	/* "fever" is in bad-date's bytes: loaded, refused, skipped. */
	ck_assert_int_eq(library_search(lib, "fever", &r), 0);
	ck_assert_ptr_nonnull(library_error(lib, BAD_DATE));
	for (size_t k = 0; k < r.n; k++)
		ck_assert_uint_eq(r.items[k].article, ALPHA);
	library_free(lib);
}
END_TEST

START_TEST(snippets)
{
	char dir[256], text[2048];
	struct library_results r;
	struct library *lib;
	size_t o = 0;

	ck_assert_ptr_nonnull(tu_tmpdir(dir, sizeof dir));
	for (int i = 0; i < 30; i++)
		o += (size_t)snprintf(text + o, sizeof text - o, "word%02d ", i);
	o += (size_t)snprintf(text + o, sizeof text - o, "NEEDLE");
	for (int i = 30; i < 60; i++)
		o += (size_t)snprintf(text + o, sizeof text - o, " word%02d", i);
	write_article(dir, "a.yaml", "a", text);
	write_article(dir, "b.yaml", "b", "needle at the start");
	/* "caf", forty e-acutes (two bytes each), "xneedle": no space, and
	 * 60 bytes back from the match is inside an e-acute. */
	o = (size_t)snprintf(text, sizeof text, "caf");
	for (int i = 0; i < 40; i++)
		o += (size_t)snprintf(text + o, sizeof text - o, "\xc3\xa9");
	snprintf(text + o, sizeof text - o, "xneedle");
	write_article(dir, "c.yaml", "c", text);
	lib = open_ok(dir);
	ck_assert_int_eq(library_search(lib, "needle", &r), 0);
	ck_assert_uint_eq(r.n, 3);
	/* In the middle of a long string: whole words either side, within
	 * the window. */
	ck_assert_str_eq(r.items[0].snippet,
			 "word22 word23 word24 word25 word26 word27 word28 word29 NEEDLE word30 word31 word32 word33 word34 word35 word36 word37 word38 word39 word40 word41 word42 word43");
	ck_assert_uint_eq(r.items[0].at, 56);
	ck_assert_uint_le(r.items[0].at, LIBRARY_SNIPPET_BEFORE);
	ck_assert(r.items[0].cut_before && r.items[0].cut_after);
	ck_assert_str_eq(r.items[0].section, "Section of a");
	/* At the start. */
	ck_assert_str_eq(r.items[1].snippet, "needle at the start");
	ck_assert_uint_eq(r.items[1].at, 0);
	ck_assert(!r.items[1].cut_before && !r.items[1].cut_after);
	/* No space in the window: cut at a character, never inside one. */
	ck_assert_uint_eq(r.items[2].at, 59);
	ck_assert(r.items[2].cut_before);
	ck_assert(!r.items[2].cut_after);
	ck_assert_str_eq(r.items[2].snippet + r.items[2].at, "needle");
	ck_assert_int_eq((unsigned char)r.items[2].snippet[0], 0xc3);
	library_free(lib);
	ck_assert_int_eq(tu_rmtree(dir), 0);
}
END_TEST

/* LIBRARY_MAX_MATCHES, then truncated only when there was one more. */
START_TEST(search_stops_at_the_most)
{
	char dir[256];
	struct library_results r;
	struct library *lib;
	char *text = malloc(LIBRARY_MAX_MATCHES * 2 + 16);
	size_t o = 0;

	ck_assert_ptr_nonnull(text);
	ck_assert_ptr_nonnull(tu_tmpdir(dir, sizeof dir));
	for (size_t i = 0; i < LIBRARY_MAX_MATCHES - 1; i++) {
		text[o++] = 'x';
		text[o++] = ' ';
	}
	text[o] = '\0';
	write_article(dir, "a.yaml", "a", text);       /* 999 x's */
	write_article(dir, "b.yaml", "b", "no match");
	write_article(dir, "c.yaml", "c", "x");        /* the 1000th */
	lib = open_ok(dir);
	ck_assert_int_eq(library_search(lib, "x", &r), 0);
	ck_assert_uint_eq(r.n, LIBRARY_MAX_MATCHES);
	ck_assert(!r.truncated);
	ck_assert_uint_eq(r.items[r.n - 1].article, 2);
	library_free(lib);
	write_article(dir, "d.yaml", "d", "no match either");
	write_article(dir, "e.yaml", "e", "x");        /* one more */
	lib = open_ok(dir);
	ck_assert_int_eq(library_search(lib, "x", &r), 0);
	ck_assert_uint_eq(r.n, LIBRARY_MAX_MATCHES);
	ck_assert(r.truncated);
	library_free(lib);
	free(text);
	ck_assert_int_eq(tu_rmtree(dir), 0);
}
END_TEST

/* A part at a time: the same matches as all at once, in the same order. */
START_TEST(search_a_part_at_a_time)
{
	char dir[256], name[32], id[32];
	struct library_results r, all;
	struct library_match first[5];
	struct library *lib;

	ck_assert_ptr_nonnull(tu_tmpdir(dir, sizeof dir));
	for (int i = 0; i < 5; i++) {
		snprintf(name, sizeof name, "a%d.yaml", i);
		snprintf(id, sizeof id, "a%d", i);
		write_article(dir, name, id, i == 2 ? "x and x" : "one x");
	}
	lib = open_ok(dir);
	ck_assert_int_eq(library_search_part(lib, "x", 2, &r), 0);
	ck_assert_uint_eq(r.n, 2);
	ck_assert(!r.done);
	memcpy(first, r.items, 2 * sizeof first[0]);
	/* An article is searched to its end: 2 more asked, 3 found. */
	ck_assert_int_eq(library_search_more(lib, 1, &r), 0);
	ck_assert_uint_eq(r.n, 4);
	ck_assert(!r.done);
	ck_assert_uint_eq(r.items[2].article, 2);
	ck_assert_uint_eq(r.items[3].article, 2);
	ck_assert_int_eq(library_search_more(lib, 100, &r), 0);
	ck_assert_uint_eq(r.n, 6);
	ck_assert(r.done && !r.truncated);
	ck_assert_uint_eq(r.items[0].article, first[0].article);
	ck_assert_uint_eq(r.items[1].m.off, first[1].m.off);
	/* Nothing left: the results as they are. */
	ck_assert_int_eq(library_search_more(lib, 100, &r), 0);
	ck_assert_uint_eq(r.n, 6);
	ck_assert(r.done);
	/* All at once finds the same. */
	ck_assert_int_eq(library_search(lib, "x", &all), 0);
	ck_assert(all.done);
	ck_assert_uint_eq(all.n, 6);
	{
		static const size_t in[] = { 0, 1, 2, 2, 3, 4 };

		for (size_t k = 0; k < all.n; k++)
			ck_assert_uint_eq(all.items[k].article, in[k]);
	}
	/* No query: nothing, and done. */
	ck_assert_int_eq(library_search_part(lib, "", 3, &r), 0);
	ck_assert(r.done && r.n == 0);
	ck_assert_int_eq(library_search_more(lib, 3, &r), 0);
	ck_assert(r.done && r.n == 0);
	library_free(lib);

	/* On the shelf: the first part is alpha's matches alone. */
	lib = open_shelf();
	ck_assert_int_eq(library_search_part(lib, "fever", 1, &r), 0);
	ck_assert_uint_eq(r.n, 3);
	ck_assert(!r.done);
	for (size_t k = 0; k < r.n; k++)
		ck_assert_uint_eq(r.items[k].article, ALPHA);
	ck_assert_int_eq(library_search_more(lib, 1, &r), 0);
	ck_assert_uint_eq(r.n, 3);
	ck_assert(r.done);
	library_free(lib);
	ck_assert_int_eq(tu_rmtree(dir), 0);
}
END_TEST


/* The reader's matches view finds a screenful at once and the rest as it
 * is read; whatever way it is read, it ends with what one whole search
 * finds, and it says "or more" until it has them all. */
START_TEST(reader_finds_more_as_it_reads)
{
	enum { N = 260 };
	char dir[256], name[32], id[32];
	struct reader_state st;
	struct layout_input in;
	struct library *lib;

	ck_assert_ptr_nonnull(tu_tmpdir(dir, sizeof dir));
	for (int i = 0; i < N; i++) {
		snprintf(name, sizeof name, "a%03d.yaml", i);
		snprintf(id, sizeof id, "a%03d", i);
		write_article(dir, name, id, "one x");
	}
	lib = open_ok(dir);
	ck_assert_int_eq(state_init_library(&st, lib), 0);
	state_resize(&st, NULL, 80, 24);
	state_search(&st, NULL, "x");
	ck_assert_uint_eq(st.view, VIEW_MATCHES);
	ck_assert_uint_gt(st.results.n, 24);
	ck_assert_uint_lt(st.results.n, N);
	state_layout_input(&st, &in);
	ck_assert(in.results_cut);
	/* Page by page past the first part: every screen the cursor lands
	 * on is full, and the search is not run to its end for it. */
	for (int k = 0; k < 6; k++) {
		state_apply(&st, NULL, ACTION_PAGE_DOWN);
		ck_assert_uint_ge(st.results.n,
				  st.result_cursor + 1 + (size_t)st.rows);
	}
	ck_assert_uint_gt(st.result_cursor, 100);
	ck_assert_uint_lt(st.results.n, N);
	/* The end is the last of all. */
	state_apply(&st, NULL, ACTION_BOTTOM);
	ck_assert_uint_eq(st.results.n, N);
	ck_assert_uint_eq(st.result_cursor, N - 1);
	ck_assert(st.results.done);
	state_layout_input(&st, &in);
	ck_assert(!in.results_cut);
	ck_assert_uint_eq(st.results.items[N - 1].article, N - 1);
	/* A new search starts with a part again, and End goes to the end
	 * of all of it, not of the part. */
	state_apply(&st, NULL, ACTION_LIBRARY);
	state_search(&st, NULL, "one");
	ck_assert_uint_lt(st.results.n, N);
	ck_assert_uint_eq(st.result_cursor, 0);
	state_apply(&st, NULL, ACTION_BOTTOM);
	ck_assert_uint_eq(st.results.n, N);
	ck_assert_uint_eq(st.result_cursor, N - 1);
	/* The line mode's call finds all at once. */
	state_apply(&st, NULL, ACTION_LIBRARY);
	state_search(&st, NULL, "x");
	ck_assert_uint_lt(st.results.n, N);
	state_results_all(&st);
	ck_assert_uint_eq(st.results.n, N);
	ck_assert(st.results.done);
	state_free(&st);
	library_free(lib);
	ck_assert_int_eq(tu_rmtree(dir), 0);
}
END_TEST


/* The status line's word for q says where q goes. */
START_TEST(quit_says_where_it_goes)
{
	struct reader_state st;
	struct library *lib = open_shelf();

	ck_assert_int_eq(state_init_library(&st, lib), 0);
	ck_assert_str_eq(state_quit_word(&st), "quit");
	st.lib_cursor = ALPHA;
	ck_assert(state_apply(&st, NULL, ACTION_TOGGLE) & REDRAW_OPEN);
	const struct document *doc = library_doc(lib, st.open_request);
	ck_assert_ptr_nonnull(doc);
	state_open_document(&st, doc);
	ck_assert_str_eq(state_quit_word(&st), "library");
	ck_assert(state_apply(&st, doc, ACTION_QUIT) & REDRAW_CLOSE);
	state_close_document(&st);
	ck_assert_str_eq(state_quit_word(&st), "quit");
	st.kiosk = true;
	ck_assert_str_eq(state_quit_word(&st), "start");
	state_free(&st);
	library_free(lib);
}
END_TEST

/* ---- validation ------------------------------------------------------------ */

static char *validate_text(const char *rel, size_t *problems)
{
	char dir[4096];
	struct library *lib = open_ok(tu_path(dir, sizeof dir, rel));
	struct tu_capture c;

	*problems = library_validate(lib, tu_capture_open(&c));
	library_free(lib);
	return tu_capture_close(&c);
}

START_TEST(validate_a_folder)
{
	size_t problems;
	char *out = validate_text("tests/data/library/shelf", &problems);
	char *want;

	ck_assert_int_ge(asprintf(&want,
		"%1$s/bad-date.yaml:4:10: 'updated' must be a date written YYYY-MM-DD, not '2025-02-30'\n"
		"%1$s/broken.yaml:10:9: unknown key 'paragraf' in block (expected paragraph, subheading, bullets, numbered, table, quote, faq, references)\n"
		"%1$s/dangling.yaml:7:5: related article 'nowhere' is not in the folder (no article there has that id)\n"
		"%1$s/dup.yaml:2:5: duplicate article id 'alpha' (%1$s/alpha.yaml has it too)\n",
		shelf), 0);
	ck_assert_str_eq(out, want);
	ck_assert_uint_eq(problems, 4);
	free(out);
	free(want);

	out = validate_text("tests/data/library/good", &problems);
	ck_assert_str_eq(out, "");
	ck_assert_uint_eq(problems, 0);
	free(out);
	out = validate_text("content", &problems);
	ck_assert_str_eq(out, "");
	ck_assert_uint_eq(problems, 0);
	free(out);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("library");
	TCase *search;

	/* shelf[] for the tests that do not open it themselves. */
	tu_path(shelf, sizeof shelf, "tests/data/library/shelf");
	tu_add_tests(tu_tcase(s, "folder"), open_lists_articles, open_refuses,
		     what_is_an_article, headers_and_errors,
		     a_header_reads_little, find_by_id, validate_a_folder);
	tu_add_tests(tu_tcase(s, "documents"), documents_are_kept,
		     documents_within_a_budget);
	search = tu_tcase(s, "search");
	/* Valgrind runs these many times slower. */
	tcase_set_timeout(search, 300);
	tu_add_tests(search, search_finds_what_the_slow_way_finds,
		     search_examples, search_loads_only_what_may_match, snippets,
		     search_stops_at_the_most, search_a_part_at_a_time,
		     reader_finds_more_as_it_reads, quit_says_where_it_goes);
	return tu_run(s);
}
