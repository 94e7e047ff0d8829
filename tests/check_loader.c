/* check_loader.c - the loader: valid articles, every error's place, every
 * refusal of hostile input. */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "error.h"
#include "loader.h"
#include "loader_file.h"
#include "testutil.h"
#include "utf8.h"
#include "validate.h"

/* A valid article in two parts, so tests can slip lines in between.
 * HEAD is lines 1-4, SECT lines 5-9. */
#define HEAD "schema: 1\nid: x\ntitle: T\ndisclaimer: D\n"
#define SECT "sections:\n- id: s\n  title: S\n  blocks:\n  - paragraph: P\n"
/* HEAD without its title line (lines 1-3), for tests that write their own. */
#define HEAD_NT "schema: 1\nid: x\ndisclaimer: D\n"

/* YAML the loader must refuse with code and, when msg is not NULL, with
 * exactly that message (the place is in it). */
struct refusal {
	const char *yaml;
	enum herr code;
	const char *msg;
};

/* r is refused as it says; which names it in a failure. */
static void expect_refusal(const struct refusal *r, const char *which)
{
	char m[1024];
	enum herr c = tu_load_str(r->yaml, m, sizeof(m));

	ck_assert_msg(c == r->code, "%s: got %s, wanted %s: %s", which,
		      herr_message(c), herr_message(r->code), m);
	if (r->msg)
		ck_assert_msg(strcmp(m, r->msg) == 0, "%s: \"%s\", wanted \"%s\"",
			      which, m, r->msg);
}

/* The file at path is refused with code, with a message holding text
 * (NULL: whatever it says). */
static void expect_file_refused(const char *path, enum herr code,
				const char *text)
{
	char m[1024];
	enum herr c = tu_load_file(path, m, sizeof(m));

	ck_assert_msg(c == code, "%s: got %s, wanted %s: %s", path,
		      herr_message(c), herr_message(code), m);
	if (text)
		ck_assert_msg(strstr(m, text) != NULL, "no \"%s\" in \"%s\"",
			      text, m);
}

static struct document *load_ok(const char *yaml)
{
	return tu_must_load_mem("t.yaml", yaml, strlen(yaml));
}

/* A file of the tree, which keeps the path it was loaded from. */
static struct document *load_fixture(const char *rel)
{
	char path[4096];
	struct document *d = tu_must_load_file(rel);

	ck_assert_str_eq(d->path, tu_path(path, sizeof(path), rel));
	return d;
}

/* ---- the error table ------------------------------------------------- */

START_TEST(error_table_messages)
{
	ck_assert_str_eq(herr_message(HERR_OK), "no error");
	ck_assert_str_eq(herr_message(HERR_NOMEM), "out of memory");
	ck_assert_str_eq(herr_message(HERR_OPEN), "cannot open file");
	for (int c = 0; c < HERR_COUNT; c++)
		ck_assert_msg(herr_message(c)[0] != '\0', "code %d", c);
	ck_assert_str_eq(herr_message(HERR_COUNT), "unknown error");
	ck_assert_str_eq(herr_message((enum herr)-1), "unknown error");
}
END_TEST

START_TEST(error_format_forms)
{
	struct herror e;
	char buf[600];

	herror_set(&e, HERR_KEY, "a.yaml", 12, 5, "unknown key '%s'", "titel");
	ck_assert_str_eq(herror_format(&e, buf, sizeof(buf)),
			 "a.yaml:12:5: unknown key 'titel'");
	herror_set(&e, HERR_SYNTAX, "a.yaml", 3, 0, "bad line");
	ck_assert_str_eq(herror_format(&e, buf, sizeof(buf)),
			 "a.yaml:3: bad line");
	herror_set(&e, HERR_OPEN, "gone.yaml", 0, 7, NULL);
	ck_assert_uint_eq(e.column, 0);
	ck_assert_str_eq(herror_format(&e, buf, sizeof(buf)),
			 "gone.yaml: cannot open file");
	herror_set(&e, HERR_TYPE, NULL, 1, 1, "x");
	ck_assert_str_eq(herror_format(&e, buf, sizeof(buf)), ":1:1: x");
	/* No file, no place: the program speaks of itself, and its caller
	 * says "handout: " once. */
	herror_set(&e, HERR_NOHOME, NULL, 0, 0, "no home folder");
	ck_assert_str_eq(herror_format(&e, buf, sizeof(buf)), "no home folder");
	/* Cut short at a character boundary, never inside one. */
	herror_set(&e, HERR_KEY, "a.yaml", 0, 0, "caf\xc3\xa9");
	ck_assert_str_eq(herror_format(&e, buf, 13), "a.yaml: caf");
	/* Truncation keeps a terminated string. */
	herror_set(&e, HERR_KEY, "a.yaml", 1, 2, "long message");
	ck_assert_str_eq(herror_format(&e, buf, 8), "a.yaml:");
}
END_TEST

START_TEST(error_truncates_long_path)
{
	char path[2000];
	struct herror e;

	memset(path, 'p', sizeof(path) - 1);
	path[sizeof(path) - 1] = '\0';
	herror_set(&e, HERR_OPEN, path, 0, 0, "%s", path);
	ck_assert_uint_eq(strlen(e.file), sizeof(e.file) - 1);
	ck_assert_uint_eq(strlen(e.detail), sizeof(e.detail) - 1);
}
END_TEST

/* ---- valid articles -------------------------------------------------- */

START_TEST(minimal_article)
{
	struct document *d = load_fixture("tests/data/loader/minimal.yaml");

	ck_assert_int_eq(d->schema, 1);
	tu_expect_meta(d, &(struct tu_meta){
		.id = "minimal", .title = "Minimal",
		.disclaimer = "Not medical advice.", .summary = TU_NONE,
		.author = TU_NONE, .updated = TU_NONE, .reviewed = TU_NONE,
		.publisher = TU_NONE, .source_url = TU_NONE,
		.language = TU_NONE, .license = TU_NONE, .advice = TU_NONE });
	ck_assert_uint_eq(d->nrelated, 0);
	ck_assert_ptr_null(d->related);
	ck_assert_uint_eq(d->nsections, 1);
	ck_assert_str_eq(d->sections[0].id, "only");
	ck_assert_uint_eq(d->sections[0].nblocks, 1);
	ck_assert_int_eq(d->sections[0].blocks[0].kind, BLOCK_PARAGRAPH);
	ck_assert_uint_eq(d->sections[0].blocks[0].line, 9);
	ck_assert_str_eq(d->sections[0].blocks[0].u.text, "One paragraph.");
	ck_assert_uint_eq(d->nchecks, 0);
	ck_assert_uint_eq(d->nglossary, 0);
	ck_assert_uint_eq(d->nfaq, 0);
	ck_assert_ptr_nonnull(d->arena);
	doc_free(d);
}
END_TEST

START_TEST(schema_example)
{
	struct document *d = load_fixture("tests/data/loader/example.yaml");
	const struct section *s;
	const struct block *b;

	tu_expect_meta(d, &(struct tu_meta){
		.id = "hand-washing", .updated = "2025-01-31",
		.reviewed = "2025-06-30", .license = "CC BY 4.0",
		.language = "en", .author = "Clinic Nursing Team",
		.publisher = "Example Clinic",
		.source_url = "https://clinic.example/hand-washing",
		/* A folded scalar: lines joined by spaces, one final
		 * newline. */
		.disclaimer = "General education, not medical advice. Talk to "
			"your care team. In an emergency call your local "
			"emergency number.\n" });
	ck_assert_uint_eq(d->nrelated, 1);
	ck_assert_str_eq(d->related[0].id, "infection-signs");
	ck_assert_uint_eq(d->nsections, 1);
	s = &d->sections[0];
	ck_assert_uint_eq(s->nblocks, 7);
	b = s->blocks;
	ck_assert_int_eq(b[0].kind, BLOCK_PARAGRAPH);
	ck_assert_int_eq(b[1].kind, BLOCK_SUBHEADING);
	ck_assert_str_eq(b[1].u.text, "When to wash");
	ck_assert_int_eq(b[2].kind, BLOCK_BULLETS);
	ck_assert_uint_eq(b[2].u.list.n, 2);
	ck_assert_str_eq(b[2].u.list.items[1], "After using the toilet");
	ck_assert_int_eq(b[3].kind, BLOCK_TABLE);
	ck_assert_uint_eq(b[3].u.table.ncols, 2);
	ck_assert_uint_eq(b[3].u.table.nrows, 1);
	ck_assert_str_eq(b[3].u.table.columns[1], "Time");
	ck_assert_str_eq(b[3].u.table.cells[0], "Plain soap");
	ck_assert_str_eq(b[3].u.table.cells[1], "20 seconds");
	ck_assert_ptr_null(b[3].u.table.caption);
	ck_assert_int_eq(b[4].kind, BLOCK_QUOTE);
	ck_assert_str_eq(b[4].u.quote.by, "Clinic Nursing Team");
	ck_assert_int_eq(b[5].kind, BLOCK_FAQ);
	ck_assert_uint_eq(b[5].u.faq.n, 1);
	ck_assert_int_eq(b[6].kind, BLOCK_REFERENCES);
	ck_assert_str_eq(b[6].u.refs.items[0].url, "https://clinic.example/hygiene");
	ck_assert_uint_eq(d->nfaq, 1);
	ck_assert_ptr_eq(d->faq[0], &b[5].u.faq.items[0]);
	ck_assert_uint_eq(d->nchecks, 1);
	ck_assert_str_eq(d->checks[0].id, "fever");
	ck_assert_str_eq(d->checks[0].detail, "Call the clinic's hotline at once.");
	ck_assert_uint_eq(d->nglossary, 1);
	ck_assert_str_eq(d->glossary[0].term, "White blood cells");
	doc_free(d);
}
END_TEST

START_TEST(bundled_article)
{
	struct document *d =
		load_fixture("content/cancer-spread-during-chemotherapy.yaml");

	ck_assert_int_eq(d->schema, 1);
	ck_assert_ptr_nonnull(d->title);
	ck_assert_ptr_nonnull(d->disclaimer);
	ck_assert_uint_ge(d->nsections, 2);
	ck_assert_uint_eq(d->nfaq, 10);
	for (size_t i = 0; i < d->nfaq; i++)
		ck_assert_uint_eq(d->faq[i]->number, i);
	ck_assert_uint_gt(d->nchecks, 0);
	ck_assert_uint_gt(d->nglossary, 0);
	doc_free(d);
}
END_TEST

START_TEST(reviewed_license_related)
{
	/* related before id: the check against the article's own id waits
	 * for the end of the article. */
	struct document *d = load_ok("schema: 1\n"
		"related: [chemotherapy, metastatic-cancer]\n"
		"id: infection\ntitle: T\ndisclaimer: D\n"
		"reviewed: 2020-01-23\n"
		"license: Public domain (a US government work)\n" SECT);

	tu_expect_meta(d, &(struct tu_meta){ .reviewed = "2020-01-23",
		.updated = TU_NONE, .license = "Public domain (a US government work)" });
	ck_assert_uint_eq(d->nrelated, 2);
	ck_assert_str_eq(d->related[0].id, "chemotherapy");
	ck_assert_str_eq(d->related[1].id, "metastatic-cancer");
	/* Each with its place, for a check across articles. */
	ck_assert_uint_eq(d->related[0].line, 2);
	ck_assert_uint_eq(d->related[0].column, 11);
	ck_assert_uint_eq(d->related[1].line, 2);
	ck_assert_uint_eq(d->related[1].column, 25);
	doc_free(d);
	/* An empty list says "none", like an empty checklist. */
	d = load_ok(HEAD "related: []\n" SECT);
	ck_assert_uint_eq(d->nrelated, 0);
	doc_free(d);
}
END_TEST

/* The articles installed together: each loads, its id is its file's name,
 * and every article it calls related is one of them. */
static const char *const bundled[] = {
	"cancer-spread-during-chemotherapy", "metastatic-cancer",
	"chemotherapy", "infection-neutropenia"
};
#define NBUNDLED (sizeof bundled / sizeof bundled[0])

START_TEST(bundled_library)
{
	struct document *d[NBUNDLED];
	char rel[128];

	for (size_t i = 0; i < NBUNDLED; i++) {
		snprintf(rel, sizeof rel, "content/%s.yaml", bundled[i]);
		d[i] = load_fixture(rel);
		ck_assert_str_eq(d[i]->id, bundled[i]);
		ck_assert_ptr_nonnull(d[i]->summary);
		ck_assert_uint_gt(d[i]->nglossary, 0);
	}
	for (size_t i = 0; i < NBUNDLED; i++)
		for (size_t r = 0; r < d[i]->nrelated; r++) {
			size_t j = 0;

			while (j < NBUNDLED && strcmp(d[i]->related[r].id, bundled[j]))
				j++;
			ck_assert_msg(j < NBUNDLED, "%s: related '%s' is not bundled",
				      bundled[i], d[i]->related[r].id);
		}
	/* The NCI pages are credited with their review date and licence. */
	for (size_t i = 1; i < NBUNDLED; i++) {
		ck_assert_str_eq(d[i]->publisher, "National Cancer Institute");
		ck_assert_ptr_nonnull(d[i]->source_url);
		ck_assert_ptr_nonnull(d[i]->reviewed);
		ck_assert_str_eq(d[i]->license, "Public domain (a US government work)");
		ck_assert_uint_gt(d[i]->nrelated, 0);
	}
	/* A checklist where the page lists signs to watch for. */
	ck_assert_uint_gt(d[1]->nchecks, 0);
	ck_assert_uint_eq(d[2]->nchecks, 0);
	ck_assert_uint_gt(d[3]->nchecks, 0);
	for (size_t i = 0; i < NBUNDLED; i++)
		doc_free(d[i]);
}
END_TEST

START_TEST(faq_numbered_across_blocks)
{
	struct document *d = load_ok(HEAD
		"sections:\n"
		"- id: a\n  title: A\n  blocks:\n"
		"  - faq:\n    - {question: Q1, answer: A1}\n    - {question: Q2, answer: A2}\n"
		"- id: b\n  title: B\n  blocks:\n"
		"  - paragraph: P\n"
		"  - faq:\n    - {answer: A3, question: Q3}\n");

	ck_assert_uint_eq(d->nfaq, 3);
	for (size_t i = 0; i < 3; i++)
		ck_assert_uint_eq(d->faq[i]->number, i);
	ck_assert_str_eq(d->faq[2]->question, "Q3");
	ck_assert_str_eq(d->faq[2]->answer, "A3");
	ck_assert_ptr_eq(d->faq[2], &d->sections[1].blocks[1].u.faq.items[0]);
	doc_free(d);
}
END_TEST

START_TEST(table_rows_before_columns)
{
	struct document *d = load_ok(HEAD SECT
		"  - table:\n"
		"      rows: [[a, b, c], [d, e, f]]\n"
		"      caption: Cap\n"
		"      columns: [X, Y, Z]\n");
	const struct table *t = &d->sections[0].blocks[1].u.table;

	ck_assert_uint_eq(t->ncols, 3);
	ck_assert_uint_eq(t->nrows, 2);
	ck_assert_str_eq(t->cells[1 * 3 + 2], "f");
	ck_assert_str_eq(t->caption, "Cap");
	doc_free(d);
}
END_TEST

START_TEST(quote_forms_and_allowed_text)
{
	struct document *d = load_ok(HEAD_NT
		"title: \"Tab\\there, line\\nnext \\u00e9 \\u200b\"\n"
		"updated: 2024-02-29\n"
		SECT
		"  - quote: Just the words.\n"
		"  - quote: {text: Said, by: Someone}\n"
		"  - numbered: [one, 'two', \"three\", !!str 4]\n");
	const struct block *b = d->sections[0].blocks;

	ck_assert_str_eq(d->title, "Tab\there, line\nnext \xc3\xa9 \xe2\x80\x8b");
	ck_assert_str_eq(b[1].u.quote.text, "Just the words.");
	ck_assert_ptr_null(b[1].u.quote.by);
	ck_assert_str_eq(b[2].u.quote.by, "Someone");
	ck_assert_int_eq(b[3].kind, BLOCK_NUMBERED);
	ck_assert_uint_eq(b[3].u.list.n, 4);
	ck_assert_str_eq(b[3].u.list.items[3], "4");
	doc_free(d);
}
END_TEST

START_TEST(explicit_document_markers_and_bom)
{
	struct document *d = load_ok("\xEF\xBB\xBF%YAML 1.1\n---\n" HEAD SECT "...\n");

	ck_assert_str_eq(d->title, "T");
	doc_free(d);
}
END_TEST

START_TEST(string_at_limit_loads)
{
	size_t n = LOADER_MAX_STRING;
	char *y = malloc(n + 200);
	struct document *d;

	ck_assert_ptr_nonnull(y);
	strcpy(y, HEAD_NT "title: ");
	memset(y + strlen(y), 'x', n);
	strcpy(y + strlen(HEAD_NT "title: ") + n, "\n" SECT);
	d = load_ok(y);
	ck_assert_uint_eq(strlen(d->title), n);
	doc_free(d);
	free(y);
}
END_TEST

/* 100,000 list items must load, and quickly: a long list is not an attack. */
START_TEST(many_items_load)
{
	size_t n = 100000, cap = n * 12 + 200, o;
	char *y = malloc(cap);
	struct document *d;

	ck_assert_ptr_nonnull(y);
	o = (size_t)sprintf(y, "%s%s  - bullets:\n", HEAD, SECT);
	for (size_t i = 0; i < n; i++)
		o += (size_t)sprintf(y + o, "    - i%zu\n", i % 1000);
	d = load_ok(y);
	ck_assert_uint_eq(d->sections[0].blocks[1].u.list.n, n);
	ck_assert_str_eq(d->sections[0].blocks[1].u.list.items[n - 1], "i999");
	doc_free(d);
	free(y);
}
END_TEST

/* ---- schema errors, with their exact place --------------------------- */

static const struct refusal schema_refusals[] = {
	/* Unknown keys, with the keys that would do. */
	{ HEAD "sections:\n- id: s\n  titel: S\n  blocks:\n  - paragraph: P\n", HERR_KEY,
	  "t.yaml:7:3: unknown key 'titel' in section (expected id, title, blocks)" },
	{ HEAD SECT "  - paragraf: P\n", HERR_KEY,
	  "t.yaml:10:5: unknown key 'paragraf' in block (expected paragraph, subheading, bullets, numbered, table, quote, faq, references)" },
	/* Missing keys. */
	{ HEAD "sections:\n- id: s\n  blocks:\n  - paragraph: P\n", HERR_MISSING,
	  "t.yaml:6:3: missing key 'title' in section" },
	{ "schema: 1\nid: x\ntitle: T\n" SECT, HERR_MISSING,
	  "t.yaml:4:1: missing key 'disclaimer' in article (it must come before 'sections')" },
	/* Without sections, the first key missing at the end, as for any
	 * mapping. */
	{ "schema: 1\nid: x\ntitle: T\n", HERR_MISSING,
	  "t.yaml:1:1: missing key 'disclaimer' in article" },
	{ HEAD SECT "  - faq:\n    - question: Q\n", HERR_MISSING,
	  "t.yaml:11:7: missing key 'answer' in FAQ item" },
	{ HEAD "source: {url: u}\n" SECT, HERR_MISSING,
	  "t.yaml:5:9: missing key 'publisher' in source" },
	/* Duplicate keys. */
	{ HEAD "title: Again\n" SECT, HERR_DUPKEY,
	  "t.yaml:5:1: duplicate key 'title' in article (first on line 3)" },
	{ HEAD SECT "checklist:\n- id: a\n  label: L\n  label: M\n", HERR_DUPKEY,
	  "t.yaml:13:3: duplicate key 'label' in checklist item (first on line 12)" },
	/* The wrong kind of value. */
	{ HEAD_NT "title:\n  text: T\n" SECT, HERR_TYPE,
	  "t.yaml:5:3: expected text for 'title' in article, found a mapping" },
	{ HEAD "sections: none\n", HERR_TYPE,
	  "t.yaml:5:11: expected a list for 'sections', found text" },
	{ HEAD SECT "  - bullets: [a, [b]]\n", HERR_TYPE,
	  "t.yaml:10:18: expected text for an item of 'bullets' in block, found a list" },
	{ HEAD "sections:\n- just text\n", HERR_TYPE,
	  "t.yaml:6:3: expected a mapping for a section, found text" },
	{ "- schema: 1\n", HERR_TYPE,
	  "t.yaml:1:1: expected a mapping for the article, found a list" },
	{ HEAD_NT "title: !!int 3\n" SECT, HERR_TYPE,
	  "t.yaml:4:8: expected text for 'title' in article, found an integer" },
	{ HEAD "? [a]\n: b\n" SECT, HERR_TYPE,
	  "t.yaml:5:3: expected text for a key in article, found a list" },
	{ HEAD SECT "  - quote: [a]\n", HERR_TYPE, NULL },
	/* Empty text and empty lists. */
	{ HEAD_NT "title: '  \t '\n" SECT, HERR_BLANK,
	  "t.yaml:4:8: 'title' in article is empty" },
	{ HEAD_NT "title:\n" SECT, HERR_BLANK,
	  "t.yaml:4:7: 'title' in article is empty" },
	{ HEAD_NT "title: ~\n" SECT, HERR_BLANK,
	  "t.yaml:4:8: 'title' in article is empty" },
	{ HEAD SECT "  - bullets: []\n", HERR_BLANK,
	  "t.yaml:10:14: 'bullets' in block is an empty list; it needs at least one item" },
	{ HEAD "sections: []\n", HERR_BLANK, NULL },
	{ HEAD SECT "  - subheading: \"\"\n", HERR_BLANK, NULL },
	/* Duplicate ids. */
	{ HEAD SECT "- id: s\n  title: S2\n  blocks: [paragraph: Q]\n", HERR_DUPID,
	  "t.yaml:10:7: duplicate section id 's' (first used on line 6)" },
	{ HEAD SECT "checklist:\n- {id: a, label: A}\n- {id: a, label: B}\n", HERR_DUPID,
	  "t.yaml:12:8: duplicate checklist id 'a' (first used on line 11)" },
	/* Malformed ids. */
	{ HEAD "sections:\n- id: Why\n  title: S\n  blocks: [paragraph: P]\n", HERR_ID,
	  "t.yaml:6:7: malformed section id 'Why': use lower-case letters, digits and '-', starting with a letter" },
	{ "schema: 1\nid: 1abc\ntitle: T\ndisclaimer: D\n" SECT, HERR_ID, NULL },
	{ HEAD SECT "checklist:\n- {id: a_b, label: A}\n", HERR_ID, NULL },
	{ HEAD SECT "checklist:\n- {id: \"a b\", label: A}\n", HERR_ID, NULL },
	/* Related articles: well-formed ids, each once, never this article. */
	{ HEAD "related: [a, Chemo]\n" SECT, HERR_ID,
	  "t.yaml:5:14: malformed related article id 'Chemo': use lower-case letters, digits and '-', starting with a letter" },
	{ HEAD "related:\n- a\n- b\n- a\n" SECT, HERR_DUPID,
	  "t.yaml:8:3: duplicate related article id 'a' (first used on line 6)" },
	{ HEAD "related: [a, x]\n" SECT, HERR_VALUE,
	  "t.yaml:5:14: 'related' names the article itself ('x'); list other articles' ids" },
	/* The same when the article's id comes after the list. */
	{ "schema: 1\nrelated:\n- x\nid: x\ntitle: T\ndisclaimer: D\n" SECT, HERR_VALUE,
	  "t.yaml:3:3: 'related' names the article itself ('x'); list other articles' ids" },
	{ HEAD "related: chemotherapy\n" SECT, HERR_TYPE,
	  "t.yaml:5:10: expected a list for 'related', found text" },
	{ HEAD "related: [[a]]\n" SECT, HERR_TYPE,
	  "t.yaml:5:11: expected text for related article id, found a list" },
	{ HEAD "related: ['']\n" SECT, HERR_BLANK, NULL },
	/* A table row has one cell per column. */
	{ HEAD SECT "  - table:\n      columns: [A, B]\n      rows:\n      - [a, b]\n      - [c]\n", HERR_VALUE,
	  "t.yaml:14:9: table row has 1 cell, expected 2 (one per column)" },
	{ HEAD SECT "  - table:\n      rows: [[a, b, c]]\n      columns: [A, B]\n", HERR_VALUE, NULL },
	{ HEAD SECT "  - table:\n      rows: [[a]]\n", HERR_MISSING,
	  "t.yaml:11:7: missing key 'columns' in table" },
	/* The schema version: the integer 1. */
	{ "schema: 2\nid: x\ntitle: T\ndisclaimer: D\n" SECT, HERR_VALUE,
	  "t.yaml:1:9: unsupported schema 2 (this handout reads schema 1)" },
	{ "schema: '1'\nid: x\ntitle: T\ndisclaimer: D\n" SECT, HERR_TYPE,
	  "t.yaml:1:9: expected the integer 1 for 'schema', found text" },
	{ "schema: 1.0\nid: x\ntitle: T\ndisclaimer: D\n" SECT, HERR_TYPE, NULL },
	{ "id: x\ntitle: T\ndisclaimer: D\n" SECT, HERR_MISSING, NULL },
	/* Dates are real and written YYYY-MM-DD. */
	{ HEAD "updated: 2025-02-30\n" SECT, HERR_VALUE,
	  "t.yaml:5:10: 'updated' must be a date written YYYY-MM-DD, not '2025-02-30'" },
	{ HEAD "updated: 2025-1-31\n" SECT, HERR_VALUE,
	  "t.yaml:5:10: 'updated' must be a date written YYYY-MM-DD, not '2025-1-31'" },
	{ HEAD "updated: 2023-02-29\n" SECT, HERR_VALUE,
	  "t.yaml:5:10: 'updated' must be a date written YYYY-MM-DD, not '2023-02-29'" },
	{ HEAD "updated: 31/01/2025\n" SECT, HERR_VALUE,
	  "t.yaml:5:10: 'updated' must be a date written YYYY-MM-DD, not '31/01/2025'" },
	{ HEAD "reviewed: 2025-12-32\n" SECT, HERR_VALUE,
	  "t.yaml:5:11: 'reviewed' must be a date written YYYY-MM-DD, not '2025-12-32'" },
	{ HEAD "reviewed: 30 December 2025\n" SECT, HERR_VALUE,
	  "t.yaml:5:11: 'reviewed' must be a date written YYYY-MM-DD, not '30 December 2025'" },
	{ HEAD "reviewed: ''\n" SECT, HERR_BLANK,
	  "t.yaml:5:11: 'reviewed' in article is empty" },
	/* A block is one key, its kind. */
	{ HEAD SECT "  - paragraph: A\n    subheading: B\n", HERR_VALUE,
	  "t.yaml:11:5: a block has exactly one key, its kind: found 'subheading' after 'paragraph'" },
	{ HEAD SECT "  - {}\n", HERR_MISSING,
	  "t.yaml:10:5: empty block: expected one of paragraph, subheading, bullets, numbered, table, quote, faq, references" },
	/* Syntax errors at their place. */
	{ HEAD SECT "  - bullets: [a, b\n  - paragraph: Q\n", HERR_SYNTAX,
	  "t.yaml:11:14: did not find expected ',' or ']' while parsing a flow sequence that starts at line 10, column 14" },
	{ "schema: 1\nid: x\n- e\n", HERR_SYNTAX,
	  "t.yaml:3:1: did not find expected key while parsing a block mapping that starts at line 1, column 1" },
	{ "key: \"unterminated\n", HERR_SYNTAX, NULL },
	/* Windows line endings still give the right line. */
	{ "schema: 1\r\nid: x\r\ntitle: T\r\ntitel: U\r\n", HERR_KEY,
	  "t.yaml:4:1: unknown key 'titel' in article (expected schema, id, title, summary, author, updated, reviewed, language, source, license, disclaimer, advice, related, sections, checklist, glossary)" },
};

TU_ROW_TEST(schema_refused, schema_refusals, expect_refusal)

/* Quoted, "null" is a word like any other. */
START_TEST(quoted_null_is_a_word)
{
	struct document *d = load_ok(HEAD_NT "title: 'null'\n" SECT);

	ck_assert_str_eq(d->title, "null");
	doc_free(d);
}
END_TEST

/* Ids are unique among their kind only. */
START_TEST(ids_unique_among_their_kind)
{
	struct document *d = load_ok(HEAD SECT "checklist:\n- {id: s, label: A}\n");

	ck_assert_str_eq(d->checks[0].id, "s");
	doc_free(d);
}
END_TEST

START_TEST(many_unique_ids)
{
	size_t n = 20000, o;
	char *y = malloc(n * 60 + 200);

	ck_assert_ptr_nonnull(y);
	o = (size_t)sprintf(y, "%s", HEAD "sections:\n");
	for (size_t i = 0; i < n; i++)
		o += (size_t)sprintf(y + o, "- {id: s%zu, title: T, blocks: [paragraph: P]}\n", i);
	{
		struct document *d = load_ok(y);

		ck_assert_uint_eq(d->nsections, n);
		doc_free(d);
	}
	sprintf(y + o, "- {id: s%zu, title: T, blocks: [paragraph: P]}\n", n / 2);
	expect_refusal(&(const struct refusal){ y, HERR_DUPID, NULL },
		       "20,000 section ids and one of them again");
	free(y);
}
END_TEST

/* Related ids are a kind of their own: a section may share one. */
START_TEST(related_id_may_be_a_section_id)
{
	struct document *d = load_ok(HEAD "related: [s]\n" SECT);

	ck_assert_str_eq(d->related[0].id, "s");
	doc_free(d);
}
END_TEST

START_TEST(schema_as_a_tagged_integer)
{
	struct document *d = load_ok("schema: !!int 1\nid: x\ntitle: T\ndisclaimer: D\n" SECT);

	ck_assert_int_eq(d->schema, 1);
	doc_free(d);
}
END_TEST

/* The rules on one string by themselves: is text valid by the rule? */
struct rule_case {
	bool (*rule)(const char *s, size_t len);
	const char *text;
	bool valid;
};

static const struct rule_case rule_cases[] = {
	{ validate_id, "a-1", true },
	{ validate_id, "-a", false },
	{ validate_id, "", false },
	{ validate_date, "2000-02-29", true },   /* a leap year */
	{ validate_date, "1900-02-29", false },  /* a century that is not one */
	{ validate_date, "2025-13-01", false },
};

static void expect_rule(const struct rule_case *c, const char *which)
{
	ck_assert_msg(c->rule(c->text, strlen(c->text)) == c->valid,
		      "%s: '%s' is %s", which, c->text,
		      c->valid ? "refused" : "taken");
}

TU_ROW_TEST(string_rules, rule_cases, expect_rule)

/* ---- refused characters ---------------------------------------------- */

static const struct refusal char_refusals[] = {
	/* Columns after a BOM count from the first real character. */
	{ "\xEF\xBB\xBF" "titel: x\n", HERR_KEY,
	  "t.yaml:1:1: unknown key 'titel' in article (expected schema, id, title, summary, author, updated, reviewed, language, source, license, disclaimer, advice, related, sections, checklist, glossary)" },
	/* Escapes that decode to a control or a bidi control. */
	{ HEAD_NT "title: \"red \\e[31m\"\n" SECT, HERR_CHAR,
	  "t.yaml:4:13: control character U+001B is not allowed in text" },
	{ HEAD_NT "title: \"a\\0b\"\n" SECT, HERR_CHAR,
	  "t.yaml:4:10: control character U+0000 is not allowed in text" },
	{ HEAD_NT "title: \"x\\x9b2J\"\n" SECT, HERR_CHAR,
	  "t.yaml:4:10: control character U+009B is not allowed in text" },
	{ HEAD_NT "title: \"x\\u202e\"\n" SECT, HERR_CHAR,
	  "t.yaml:4:10: bidirectional formatting character U+202E is not allowed in text" },
	{ HEAD_NT "title: \"x\\x7f\"\n" SECT, HERR_CHAR,
	  "t.yaml:4:10: control character U+007F is not allowed in text" },
	{ HEAD_NT "title: \"bell\\a\"\n" SECT, HERR_CHAR, NULL },
	{ HEAD_NT "title: \"cr\\r\"\n" SECT, HERR_CHAR, NULL },
	{ HEAD_NT "title: \"nel\\N\"\n" SECT, HERR_CHAR, NULL },
	{ HEAD_NT "title: \"U\\U0000001b\"\n" SECT, HERR_CHAR, NULL },
	/* Columns count characters, and the place is the escape even on a
	 * later line of a multi-line scalar. */
	{ HEAD_NT "title: \"\xc3\xa9\xc3\xa9\xc3\xa9\\e\"\n" SECT, HERR_CHAR,
	  "t.yaml:4:12: control character U+001B is not allowed in text" },
	{ HEAD_NT "title: \"first line\n  and \\b here\"\n" SECT, HERR_CHAR,
	  "t.yaml:5:7: control character U+0008 is not allowed in text" },
	/* A raw bidi override in a plain scalar. */
	{ HEAD_NT "title: ab\xe2\x80\xae" "cd\n" SECT, HERR_CHAR,
	  "t.yaml:4:10: bidirectional formatting character U+202E is not allowed in text" },
	/* Controls in keys too. */
	{ HEAD "\"ti\\etle\": T\n" SECT, HERR_CHAR, NULL },
	/* Not UTF-8: libyaml reports a byte offset; the place is computed
	 * from it. */
	{ HEAD_NT "title: \xc3\xa9\xff\n" SECT, HERR_ENCODING,
	  "t.yaml:4:9: not UTF-8: invalid leading UTF-8 octet (0xFF)" },
	{ HEAD_NT "title: \xc0\x80\n" SECT, HERR_ENCODING, NULL },
	{ HEAD_NT "title: \xed\xa0\x80\n" SECT, HERR_ENCODING, NULL },
	{ HEAD_NT "title: abc\xe2\x82\n" SECT, HERR_ENCODING, NULL },
	/* A raw control byte is refused by libyaml's reader: same place rule. */
	{ HEAD_NT "title: ab\x1b[31m\n" SECT, HERR_CHAR,
	  "t.yaml:4:10: control character U+001B is not allowed" },
	{ HEAD_NT "title: ok\n" SECT "  - paragraph: x\x7f\n", HERR_CHAR,
	  "t.yaml:10:17: control character U+007F is not allowed" },
};

TU_ROW_TEST(characters_refused, char_refusals, expect_refusal)

/* Every C0 (but \t and \n), DEL and C1, as an escape, in a list item. */
START_TEST(every_control_refused)
{
	char y[512], m[1024];

	for (unsigned c = 0; c <= 0x9F; c++) {
		enum herr code;

		if (c == '\t' || c == '\n' || (c >= 0x20 && c < 0x7F))
			continue;
		snprintf(y, sizeof(y), HEAD SECT "  - bullets: [\"ok\\x%02X\"]\n", c);
		code = tu_load_str(y, m, sizeof(m));
		ck_assert_msg(code == HERR_CHAR, "U+%04X: %s", c, m);
		ck_assert_msg(strstr(m, "t.yaml:10:18: control character U+") == m,
			      "U+%04X: %s", c, m);
	}
}
END_TEST

START_TEST(every_bidi_refused)
{
	static const unsigned bidi[] = {
		0x202A, 0x202B, 0x202C, 0x202D, 0x202E,
		0x2066, 0x2067, 0x2068, 0x2069
	};
	char y[512], m[1024];

	for (size_t i = 0; i < sizeof(bidi) / sizeof(bidi[0]); i++) {
		snprintf(y, sizeof(y), HEAD SECT "checklist:\n- id: a\n  label: L\n  detail: \"\\u%04X\"\n",
			 bidi[i]);
		ck_assert_int_eq(tu_load_str(y, m, sizeof(m)), HERR_CHAR);
		ck_assert_msg(strstr(m, "t.yaml:13:12: bidirectional") == m, "%s", m);
	}
	/* Their neighbours are ordinary text. */
	ck_assert_int_eq(tu_load_str(HEAD SECT "  - paragraph: \"\\u2029 \\u202F \\u2065 \\u206A\"\n",
				     m, sizeof(m)), HERR_OK);
}
END_TEST

START_TEST(wide_encodings_refused)
{
	static const char utf16le[] = "s\0c\0h\0e\0m\0a\0:\0 \0001\0\n\0";
	static const char utf16bom[] = "\xff\xfes\0c\0";
	char m[1024];

	ck_assert_int_eq(tu_load_mem(utf16le, sizeof(utf16le) - 1, m, sizeof(m)),
			 HERR_ENCODING);
	ck_assert_str_eq(m, "t.yaml:1:1: not UTF-8: the file looks like UTF-16 or UTF-32; save it as UTF-8");
	ck_assert_int_eq(tu_load_mem(utf16le + 1, sizeof(utf16le) - 2, m, sizeof(m)),
			 HERR_ENCODING);
	ck_assert_int_eq(tu_load_mem(utf16bom, sizeof(utf16bom) - 1, m, sizeof(m)),
			 HERR_ENCODING);
	ck_assert_str_eq(m, "t.yaml:1:1: not UTF-8: the file starts with a UTF-16 byte-order mark; save it as UTF-8");
	/* A NUL further in is a control character at its place. */
	ck_assert_int_eq(tu_load_mem(HEAD "x\0", sizeof(HEAD) + 1, m, sizeof(m)),
			 HERR_CHAR);
	ck_assert_str_eq(m, "t.yaml:5:2: control character U+0000 is not allowed");
}
END_TEST

/* ---- anchors, aliases, tags, documents ------------------------------ */

static const struct refusal hostile_refusals[] = {
	/* Anchors. */
	{ HEAD_NT "title: &t T\n" SECT, HERR_ANCHOR,
	  "t.yaml:4:8: anchor '&t' is not allowed (anchors and aliases are refused)" },
	{ HEAD "sections: &s\n- id: s\n  title: S\n  blocks: [paragraph: P]\n", HERR_ANCHOR, NULL },
	/* Aliases. */
	{ HEAD SECT "advice: *t\n", HERR_ANCHOR,
	  "t.yaml:10:9: alias '*t' is not allowed (anchors and aliases are refused)" },
	/* Inside an unknown key's value, the alias is what is reported. */
	{ HEAD "extra: [*a]\n" SECT, HERR_ANCHOR, NULL },
	/* Merge keys need an alias, so they go too. */
	{ HEAD SECT "checklist:\n- <<: *base\n", HERR_ANCHOR, NULL },
	/* An alias of itself. */
	{ "a: &a [*a]\n", HERR_ANCHOR, NULL },
	/* Tags other than !!str, !!int, !!seq and !!map. */
	{ HEAD_NT "title: !foo T\n" SECT, HERR_TAG,
	  "t.yaml:4:8: tag '!foo' is not allowed here (only !!str, !!int, !!seq and !!map)" },
	{ HEAD_NT "title: !!binary aGk=\n" SECT, HERR_TAG, NULL },
	{ HEAD_NT "title: ! T\n" SECT, HERR_TAG, NULL },
	{ HEAD "sections: !!map [a]\n", HERR_TAG, NULL },
	{ HEAD "sections: !!set {a}\n", HERR_TAG, NULL },
	/* One document per file. */
	{ HEAD SECT "---\n" HEAD SECT, HERR_MULTIDOC,
	  "t.yaml:10:1: only one document per file: a second one starts here" },
	{ HEAD SECT "...\n---\nfoo\n", HERR_MULTIDOC, NULL },
	/* No document at all. */
	{ "# only a comment\n\n", HERR_EMPTY, NULL },
	{ "---\n", HERR_EMPTY, NULL },
	{ "   \n", HERR_EMPTY, NULL },
	{ "", HERR_EMPTY,
	  "t.yaml: empty file: no YAML document in it" },
};

TU_ROW_TEST(hostile_refused, hostile_refusals, expect_refusal)

START_TEST(billion_laughs_refused)
{
	char path[4096];

	expect_file_refused(tu_path(path, sizeof(path),
				    "tests/data/loader/billion-laughs.yaml"),
			    HERR_ANCHOR, "billion-laughs.yaml:1:4: anchor '&a'");
}
END_TEST

START_TEST(the_four_tags_load)
{
	struct document *d = load_ok("!!map\n" HEAD_NT "title: !!str T\n"
				     "sections: !!seq\n- !!map {id: s, title: S, blocks: [paragraph: P]}\n");

	ck_assert_str_eq(d->title, "T");
	doc_free(d);
}
END_TEST

/* ---- limits ---------------------------------------------------------- */

/* 200,000 levels: refused at level 17, before libyaml reads much of it. */
START_TEST(deep_nesting_refused)
{
	size_t n = 200000, o;
	char *y = malloc(2 * n + 100), m[1024];

	ck_assert_ptr_nonnull(y);
	o = (size_t)sprintf(y, "%s", HEAD_NT "title: ");
	memset(y + o, '[', n);
	memset(y + o + n, ']', n);
	y[o + 2 * n] = '\0';
	ck_assert_int_eq(tu_load_str(y, m, sizeof(m)), HERR_DEPTH);
	/* Top mapping is level 1; the 16th '[' (column 8 + 15) is level 17. */
	ck_assert_str_eq(m, "t.yaml:4:23: nesting deeper than 16 levels");
	/* The same at the top of the file, and in block style. */
	ck_assert_int_eq(tu_load_str(y + o, m, sizeof(m)), HERR_DEPTH);
	ck_assert_str_eq(m, "t.yaml:1:17: nesting deeper than 16 levels");
	o = 0;
	for (size_t i = 0; i < 40; i++)
		o += (size_t)sprintf(y + o, "%*s- \n", (int)(2 * i), "");
	ck_assert_int_eq(tu_load_str(y, m, sizeof(m)), HERR_DEPTH);
	free(y);
}
END_TEST

START_TEST(long_string_refused)
{
	size_t n = 1u << 20, o;
	char *y = malloc(n + 200), m[1024];

	ck_assert_ptr_nonnull(y);
	o = (size_t)sprintf(y, "%s", HEAD_NT "title: ");
	memset(y + o, 'x', n);
	strcpy(y + o + n, "\n" SECT);
	ck_assert_int_eq(tu_load_str(y, m, sizeof(m)), HERR_TOOLONG);
	ck_assert_str_eq(m, "t.yaml:4:8: string of 1048576 bytes is longer than the limit of 65536");
	/* One byte over the limit is enough. */
	y[o + LOADER_MAX_STRING + 1] = '\n';
	ck_assert_int_eq(tu_load_str(y, m, sizeof(m)), HERR_TOOLONG);
	free(y);
}
END_TEST

START_TEST(too_many_items_refused)
{
	size_t n = LOADER_MAX_ITEMS + 1, o;
	char *y = malloc(n * 4 + 200), m[1024];

	ck_assert_ptr_nonnull(y);
	o = (size_t)sprintf(y, "%s%s  - bullets: [", HEAD, SECT);
	for (size_t i = 0; i < n; i++) {
		memcpy(y + o, "a, ", 3);
		o += 3;
	}
	strcpy(y + o, "a]\n");
	ck_assert_int_eq(tu_load_str(y, m, sizeof(m)), HERR_TOOMANY);
	/* Item 1,000,001 starts 3,000,000 columns after the first, at 15. */
	ck_assert_str_eq(m, "t.yaml:10:3000015: more than 1000000 items in one list");
	free(y);
}
END_TEST

/* ---- files ----------------------------------------------------------- */

START_TEST(missing_file)
{
	char m[1024];

	ck_assert_int_eq(tu_load_file("/nonexistent/handout.yaml", m, sizeof(m)),
			 HERR_OPEN);
	ck_assert_str_eq(m, "/nonexistent/handout.yaml: cannot open: No such file or directory");
}
END_TEST

START_TEST(directory_refused)
{
	char path[4096];

	expect_file_refused(tu_path(path, sizeof(path), "tests/data/loader"),
			    HERR_NOTFILE, "loader: not a regular file (it is a directory)");
}
END_TEST

/* Opening a FIFO with no writer would block forever; it must not. */
START_TEST(fifo_refused_without_blocking)
{
	char dir[512], path[600];

	ck_assert_ptr_nonnull(tu_tmpdir(dir, sizeof(dir)));
	snprintf(path, sizeof(path), "%s/fifo.yaml", dir);
	ck_assert_int_eq(mkfifo(path, 0600), 0);
	alarm(5);       /* a hang becomes a failure, not a stuck test run */
	expect_file_refused(path, HERR_NOTFILE,
			    "fifo.yaml: not a regular file (it is a FIFO)");
	alarm(0);
	unlink(path);
	rmdir(dir);
}
END_TEST

START_TEST(oversize_file_refused)
{
	char dir[512], path[600], m[1024], want[1024];
	int fd;

	ck_assert_ptr_nonnull(tu_tmpdir(dir, sizeof(dir)));
	snprintf(path, sizeof(path), "%s/big.yaml", dir);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	ck_assert_int_ge(fd, 0);
	/* Sparse: one byte over the limit without writing 64 MiB. */
	ck_assert_int_eq(ftruncate(fd, (off_t)LOADER_MAX_FILE + 1), 0);
	close(fd);
	ck_assert_int_eq(tu_load_file(path, m, sizeof(m)), HERR_TOOBIG);
	snprintf(want, sizeof(want), "%s: file is %u bytes; the limit is 64 MiB",
		 path, LOADER_MAX_FILE + 1);
	ck_assert_str_eq(m, want);
	unlink(path);
	rmdir(dir);
}
END_TEST

START_TEST(empty_file)
{
	char dir[512], path[600];
	int fd;

	ck_assert_ptr_nonnull(tu_tmpdir(dir, sizeof(dir)));
	snprintf(path, sizeof(path), "%s/empty.yaml", dir);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	ck_assert_int_ge(fd, 0);
	close(fd);
	expect_file_refused(path, HERR_EMPTY, NULL);
	unlink(path);
	rmdir(dir);
}
END_TEST

/* ---- the text checks on their own ------------------------------------ */

START_TEST(validate_text_faults)
{
	size_t off = 99;
	uint32_t cp = 0;

	ck_assert_int_eq(validate_text("plain \xc3\xa9 text\n\t", 15, &off, &cp), TEXT_OK);
	ck_assert_int_eq(validate_text("ab\0c", 4, &off, &cp), TEXT_CONTROL);
	ck_assert_uint_eq(off, 2);
	ck_assert_uint_eq(cp, 0);
	ck_assert_int_eq(validate_text("\xc3\xa9\xc2\x9b", 4, &off, &cp), TEXT_CONTROL);
	ck_assert_uint_eq(off, 2);
	ck_assert_uint_eq(cp, 0x9B);
	ck_assert_int_eq(validate_text("x\xe2\x81\xa6", 4, &off, &cp), TEXT_BIDI);
	ck_assert_uint_eq(cp, 0x2066);
	ck_assert_int_eq(validate_text("x\xe0\x80\x80", 4, &off, &cp), TEXT_BAD_UTF8);
	ck_assert_int_eq(validate_text("\xf4\x90\x80\x80", 4, &off, &cp), TEXT_BAD_UTF8);
	ck_assert_int_eq(validate_text("\xc3", 1, &off, &cp), TEXT_BAD_UTF8);
	ck_assert(validate_blank(" \t\n", 3));
	ck_assert(!validate_blank(" x", 2));
}
END_TEST

/* The loader's check is as strict as the decoder: each malformed class is
 * refused where it starts, after good text, and every code point is judged
 * by the one rule (utf8_unsafe(), whose table check_text holds). */
START_TEST(validate_text_strict_and_by_the_rule)
{
	static const char *const bad[] = {
		"\x80", "\xc0\xaf", "\xc1\xbf", "\xe0\x9f\xbf",
		"\xf0\x8f\xbf\xbf", "\xed\xa0\x80", "\xed\xbf\xbf",
		"\xf4\x90\x80\x80", "\xf5\x80\x80\x80",
		"\xf8\x88\x80\x80\x80", "\xfe", "\xff", "\xc3(",
		"\xe2\x80(", "\xf0\x9f\x98(", "\xc3", "\xe2\x80",
		"\xf0\x9f\x98",
	};
	char buf[32], enc[4];
	size_t off;
	uint32_t cp;

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		int n = snprintf(buf, sizeof buf, "ok \xc3\xa9 %s", bad[i]);

		ck_assert_int_eq(validate_text(buf, (size_t)n, &off, &cp),
				 TEXT_BAD_UTF8);
		ck_assert_uint_eq(off, 6);
		ck_assert_uint_eq(cp, (unsigned char)bad[i][0]);
	}
	for (cp = 0; cp <= 0x10ffff; cp++) {
		enum text_fault want;
		uint32_t got_cp = 0;
		size_t n;

		if (cp == 0xd800)
			cp = 0xe000;    /* surrogates are no characters */
		want = !utf8_unsafe(cp) ? TEXT_OK :
		       utf8_is_bidi(cp) ? TEXT_BIDI : TEXT_CONTROL;
		n = utf8_encode(cp, enc);
		if (validate_text(enc, n, &off, &got_cp) != want ||
		    (want != TEXT_OK && got_cp != cp))
			ck_abort_msg("U+%04X is not judged by the rule",
				     (unsigned)cp);
	}
}
END_TEST

/* The header keys come before `sections`, so the library can read a
 * header without the body; only the body's keys may follow. */
static const struct refusal order_refusals[] = {
	{ HEAD SECT "summary: S\n", HERR_ORDER,
	  "t.yaml:10:1: 'summary' must come before 'sections' (only checklist and glossary may follow it)" },
	{ HEAD SECT "related: [a]\n", HERR_ORDER,
	  "t.yaml:10:1: 'related' must come before 'sections' (only checklist and glossary may follow it)" },
	{ HEAD SECT "glossary: []\nsource: {publisher: P}\n", HERR_ORDER,
	  "t.yaml:11:1: 'source' must come before 'sections' (only checklist and glossary may follow it)" },
	/* A required key after sections is missing where the header ends. */
	{ "schema: 1\nid: x\ntitle: T\n" SECT "disclaimer: D\n", HERR_MISSING,
	  "t.yaml:4:1: missing key 'disclaimer' in article (it must come before 'sections')" },
	/* What is wrong inside the value matters more than where it is. */
	{ HEAD SECT "summary: &a S\n", HERR_ANCHOR, NULL },
	{ HEAD SECT "summary: [\n", HERR_SYNTAX, NULL },
	/* A duplicate is a duplicate wherever it comes. */
	{ HEAD SECT "title: T\n", HERR_DUPKEY, NULL },
};

START_TEST(header_keys_before_sections)
{
	for (size_t i = 0; i < sizeof order_refusals / sizeof order_refusals[0]; i++)
		expect_refusal(&order_refusals[i], order_refusals[i].yaml);
	/* The body's keys, on either side of sections. */
	{
		struct document *d = load_ok(HEAD
			"glossary:\n- term: A\n  definition: B\n"
			"checklist:\n- id: c\n  label: C\n" SECT);

		ck_assert_uint_eq(d->nglossary, 1);
		ck_assert_uint_eq(d->nchecks, 1);
		doc_free(d);
		d = load_ok(HEAD SECT "glossary:\n- term: A\n  definition: B\n"
			    "checklist:\n- id: c\n  label: C\n");
		ck_assert_uint_eq(d->nglossary, 1);
		doc_free(d);
	}
}
END_TEST

START_TEST(header_of_every_bundled_article)
{
	const char *const files[] = {
		"tests/data/loader/example.yaml",
		"tests/data/loader/minimal.yaml",
		"content/cancer-spread-during-chemotherapy.yaml",
		"content/metastatic-cancer.yaml",
		"content/chemotherapy.yaml",
		"content/infection-neutropenia.yaml",
	};

	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		char path[4096], m[1024];
		struct document *d = load_fixture(files[i]);
		struct herror e;
		struct doc_header *h = doc_load_header(d->path, &e);

		ck_assert_msg(h != NULL, "%s: %s", files[i],
			      herror_format(&e, m, sizeof m));
		tu_same_header(h, d);
		doc_header_free(h);
		/* The same from memory. */
		{
			size_t len;
			char *text = doc_read_file(tu_path(path, sizeof path,
							   files[i]), &len, &e);

			ck_assert_ptr_nonnull(text);
			h = doc_load_header_buffer(d->path, text, len, &e);
			ck_assert_ptr_nonnull(h);
			tu_same_header(h, d);
			doc_header_free(h);
			free(text);
		}
		doc_free(d);
	}
}
END_TEST

START_TEST(header_fields_and_places)
{
	const char *yaml = "schema: 1\n"
		"id: hand-washing\n"
		"title: \"Wash \\u2019em\"\n"
		"summary: >\n  Clean hands\n  help.\n"
		"updated: 2025-01-31\n"
		"source:\n  publisher: Example Clinic\n  url: https://x.example\n"
		"disclaimer: D\n"
		"related:\n  - infection-signs\n  - fever\n" SECT;
	struct herror e;
	struct doc_header *h = doc_load_header_buffer("t.yaml", yaml,
						      strlen(yaml), &e);

	tu_expect_header(h, &(struct tu_meta){
		.id = "hand-washing", .title = "Wash \xe2\x80\x99" "em",
		.summary = "Clean hands help.\n", .publisher = "Example Clinic",
		.updated = "2025-01-31", .reviewed = TU_NONE });
	ck_assert_str_eq(h->path, "t.yaml");
	ck_assert_uint_eq(h->id_line, 2);
	ck_assert_uint_eq(h->id_column, 5);
	ck_assert_uint_eq(h->nrelated, 2);
	ck_assert_str_eq(h->related[1].id, "fever");
	ck_assert_uint_eq(h->related[1].line, 14);
	ck_assert_uint_eq(h->related[1].column, 5);
	doc_header_free(h);
	doc_header_free(NULL);
}
END_TEST

/* The body is not read: what is wrong in it does not stop a header. */
START_TEST(header_ignores_the_body)
{
	const char *const bodies[] = {
		HEAD SECT "  - paragraf: P\n",
		HEAD SECT "  - paragraph: *alias\n",
		HEAD SECT "checklist:\n- id: A\n  label: L\n",
		HEAD SECT "summary: after the body\n",
		HEAD SECT "---\nschema: 1\n",
	};

	for (size_t i = 0; i < sizeof bodies / sizeof bodies[0]; i++) {
		struct herror e;
		char m[1024];
		struct doc_header *h = doc_load_header_buffer(
			"t.yaml", bodies[i], strlen(bodies[i]), &e);

		ck_assert_msg(h != NULL, "case %zu: %s", i,
			      herror_format(&e, m, sizeof m));
		ck_assert_str_eq(h->id, "x");
		doc_header_free(h);
		ck_assert_int_ne(tu_load_str(bodies[i], m, sizeof m), HERR_OK);
	}
}
END_TEST

/* Far enough past `sections` that libyaml has not read it, not even a
 * byte libyaml's reader refuses stops a header. */
START_TEST(header_ignores_a_far_fault)
{
	size_t cap = 300000, len;
	char *yaml = malloc(cap), m[1024];
	struct doc_header *h;
	struct herror e;

	ck_assert_ptr_nonnull(yaml);
	len = (size_t)snprintf(yaml, cap, "%s", HEAD SECT);
	while (len < 200000)
		len += (size_t)snprintf(yaml + len, cap - len,
					"  - paragraph: Some words of the body.\n");
	len += (size_t)snprintf(yaml + len, cap - len, "  - paragraph: \x01\n");
	h = doc_load_header_buffer("t.yaml", yaml, len, &e);
	ck_assert_msg(h != NULL, "%s", herror_format(&e, m, sizeof m));
	doc_header_free(h);
	ck_assert_int_eq(tu_load_mem(yaml, len, m, sizeof m), HERR_CHAR);
	free(yaml);
}
END_TEST

/* A header that fails fails with the error the whole load gives: the
 * two readers never disagree about what lies before `sections`. */
START_TEST(header_errors_are_the_loads)
{
	const char *const heads[] = {
		"",
		"\xff\xfe" "s\0c\0",
		"# only a comment\n",
		"[1, 2]\n",
		"schema: 1\nid: x\ntitle: T\n" SECT,
		"id: x\ntitle: T\ndisclaimer: D\n" SECT,
		"schema: 2\nid: x\ntitle: T\ndisclaimer: D\n" SECT,
		"schema: 1\nid: X\ntitle: T\ndisclaimer: D\n" SECT,
		HEAD "updated: 2025-02-30\n" SECT,
		HEAD "reviewed: soon\n" SECT,
		HEAD "related: [a, x]\n" SECT,
		"schema: 1\nrelated: [x]\nid: x\ntitle: T\ndisclaimer: D\n" SECT,
		HEAD "related: [a, a]\n" SECT,
		HEAD "summary: &a S\n" SECT,
		HEAD "summary: !foo S\n" SECT,
		HEAD "summary: \"bad \\e escape\"\n" SECT,
		HEAD "summary: \"\xe2\x80\xae\"\n" SECT,
		HEAD "summary: \"\xc3\x28\"\n" SECT,
		HEAD "summary: [S]\n" SECT,
		HEAD "title: again\n" SECT,
		HEAD "titel: T\n" SECT,
		HEAD "source: {url: u}\n" SECT,
		HEAD "checklist: [{id: c}]\n" SECT,
		HEAD "summary: \"unterminated\n",
		HEAD,
	};

	for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++) {
		size_t len = strlen(heads[i]) + (i == 1 ? 4 : 0);
		struct herror eh, ed;
		char mh[1024], md[1024];
		struct doc_header *h = doc_load_header_buffer("t.yaml", heads[i],
							      len, &eh);
		struct document *d = doc_load_buffer("t.yaml", heads[i], len,
						     &ed);

		ck_assert_msg(!h && !d, "case %zu read", i);
		herror_format(&eh, mh, sizeof mh);
		herror_format(&ed, md, sizeof md);
		ck_assert_msg(eh.code == ed.code && !strcmp(mh, md),
			      "case %zu: header says '%s', load says '%s'", i,
			      mh, md);
	}
}
END_TEST

START_TEST(header_of_files)
{
	char dir[256], path[512], m[1024];
	struct herror e;
	struct doc_header *h;

	ck_assert_ptr_nonnull(tu_tmpdir(dir, sizeof dir));
	snprintf(path, sizeof path, "%s/none.yaml", dir);
	ck_assert_ptr_null(doc_load_header(path, &e));
	ck_assert_int_eq(e.code, HERR_OPEN);
	ck_assert_ptr_null(doc_load_header(dir, &e));
	ck_assert_int_eq(e.code, HERR_NOTFILE);
	snprintf(path, sizeof path, "%s/ok.yaml", dir);
	{
		FILE *f = fopen(path, "w");

		ck_assert_ptr_nonnull(f);
		fputs(HEAD SECT, f);
		fclose(f);
	}
	h = doc_load_header(path, &e);
	ck_assert_msg(h != NULL, "%s", herror_format(&e, m, sizeof m));
	ck_assert_str_eq(h->path, path);
	doc_header_free(h);
	unlink(path);
	rmdir(dir);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("loader");
	TCase *tc;

	tu_add_tests(tu_tcase(s, "valid"), error_table_messages,
		     error_format_forms, error_truncates_long_path,
		     minimal_article, schema_example, bundled_article,
		     reviewed_license_related, bundled_library,
		     faq_numbered_across_blocks, table_rows_before_columns,
		     quote_forms_and_allowed_text,
		     explicit_document_markers_and_bom, string_at_limit_loads,
		     many_items_load, validate_text_faults,
		     validate_text_strict_and_by_the_rule);
	tc = tu_tcase(s, "schema errors");
	tu_add_rows(tc, schema_refused, schema_refusals);
	tu_add_tests(tc, quoted_null_is_a_word, ids_unique_among_their_kind,
		     many_unique_ids, related_id_may_be_a_section_id,
		     schema_as_a_tagged_integer);
	tu_add_rows(tc, string_rules, rule_cases);
	tc = tu_tcase(s, "characters");
	tu_add_rows(tc, characters_refused, char_refusals);
	tu_add_tests(tc, every_control_refused, every_bidi_refused,
		     wide_encodings_refused);
	tc = tu_tcase(s, "hostile");
	/* Valgrind runs these many times slower. */
	tcase_set_timeout(tc, 120);
	tu_add_rows(tc, hostile_refused, hostile_refusals);
	tu_add_tests(tc, billion_laughs_refused, the_four_tags_load,
		     deep_nesting_refused, long_string_refused,
		     too_many_items_refused);
	tu_add_tests(tu_tcase(s, "files"), missing_file, directory_refused,
		     fifo_refused_without_blocking, oversize_file_refused,
		     empty_file);
	tu_add_tests(tu_tcase(s, "header"), header_keys_before_sections,
		     header_of_every_bundled_article, header_fields_and_places,
		     header_ignores_the_body, header_ignores_a_far_fault,
		     header_errors_are_the_loads, header_of_files);
	return tu_run(s);
}
