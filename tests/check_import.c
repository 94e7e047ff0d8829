/* check_import.c - the Markdown importer: each mapping rule, each messy-page
 * case, text that must come back from the loader exactly, warnings with
 * their places, and every refusal. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "document.h"
#include "error.h"
#include "import.h"
#include "loader.h"
#include "testutil.h"

/* One import: its status, draft, warnings (one a line) and error. */
struct run {
	int rc;
	char *yaml;
	size_t len;
	char *warn;
	size_t nwarn;
	struct herror err;
	char msg[1024];
};

static void run_md(struct run *out, const char *name, const char *md,
		   size_t len)
{
	size_t wlen = 0;
	FILE *w;

	memset(out, 0, sizeof(*out));
	w = open_memstream(&out->warn, &wlen);
	ck_assert_ptr_nonnull(w);
	out->rc = import_markdown(name, md, len, w, &out->nwarn, &out->yaml,
				  &out->len, &out->err);
	fclose(w);
	herror_format(&out->err, out->msg, sizeof(out->msg));
}

static void run_free(struct run *run)
{
	free(run->yaml);
	free(run->warn);
	run->yaml = run->warn = NULL;
}

/* Most tests import one page into r and load its draft as d; a checked
 * fixture starts them empty and frees them after the test. */
static struct run r;
static struct document *d;

static void setup(void)
{
	memset(&r, 0, sizeof r);
	d = NULL;
}

/* Also for a test that imports again: what the last import left. */
static void teardown(void)
{
	doc_free(d);
	d = NULL;
	run_free(&r);
}

/* Import md as name; it must give a draft, which is loaded and returned;
 * the caller frees both. */
static struct document *import_named(struct run *out, const char *name,
				     const char *md)
{
	struct herror e;
	char m[1024];
	struct document *draft;

	run_md(out, name, md, strlen(md));
	ck_assert_msg(out->rc == 0, "import failed: %s", out->msg);
	ck_assert_ptr_nonnull(out->yaml);
	ck_assert_uint_eq(strlen(out->yaml), out->len);
	draft = doc_load_buffer("draft.yaml", out->yaml, out->len, &e);
	ck_assert_msg(draft != NULL, "draft does not load: %s\n%s",
		      herror_format(&e, m, sizeof(m)), out->yaml);
	return draft;
}

static struct document *import_ok(struct run *out, const char *md)
{
	return import_named(out, "t.md", md);
}

static const struct block *blk(const struct document *doc, size_t s, size_t b)
{
	ck_assert_uint_lt(s, doc->nsections);
	ck_assert_uint_lt(b, doc->sections[s].nblocks);
	return &doc->sections[s].blocks[b];
}

/* The same, which must be of that kind. */
static const struct block *blk_of(const struct document *doc, size_t s,
				  size_t b, enum block_kind kind)
{
	const struct block *k = blk(doc, s, b);

	ck_assert_int_eq(k->kind, kind);
	return k;
}

/* Section s of doc has n blocks, the first a text saying text. */
static void expect_section(const struct document *doc, size_t s, size_t n,
			   const char *text)
{
	ck_assert_uint_lt(s, doc->nsections);
	ck_assert_uint_eq(doc->sections[s].nblocks, n);
	ck_assert_str_eq(blk(doc, s, 0)->u.text, text);
}

/* b is a list of exactly the items named, in that order. */
#define EXPECT_ITEMS(b, ...) \
	expect_items((b), (const char *const []){ __VA_ARGS__, NULL })

static void expect_items(const struct block *b, const char *const *items)
{
	size_t n = 0;

	for (; items[n]; n++) {
		ck_assert_uint_lt(n, b->u.list.n);
		ck_assert_str_eq(b->u.list.items[n], items[n]);
	}
	ck_assert_uint_eq(b->u.list.n, n);
}

/* doc's sections have exactly the titles named, in that order. */
#define EXPECT_SECTIONS(doc, ...) \
	expect_sections((doc), (const char *const []){ __VA_ARGS__, NULL })

static void expect_sections(const struct document *doc,
			    const char *const *titles)
{
	size_t n = 0;

	for (; titles[n]; n++) {
		ck_assert_uint_lt(n, doc->nsections);
		ck_assert_str_eq(doc->sections[n].title, titles[n]);
	}
	ck_assert_uint_eq(doc->nsections, n);
}

#define HAS_WARNING(r, text) \
	ck_assert_msg(strstr((r)->warn, (text)) != NULL, \
		      "no warning '%s' in:\n%s", (text), (r)->warn)

/* ---- front matter and metadata --------------------------------------- */

START_TEST(front_matter_is_metadata)
{
	d = import_ok(&r,
		"---\n"
		"title: 'Washing Hands - Clinic'\n"
		"url: https://clinic.example/hands\n"
		"lastReviewed: '2025-12-30'\n"
		"date: 2024-01-02T10:00:00Z\n"
		"source: Clinic\n"
		"language: en\n"
		"license: public_domain\n"
		"author: Nursing Team\n"
		"description: Clean hands stop germs.\n"
		"tags: [a, b]\n"
		"---\n"
		"\n"
		"Wash often.\n");

	tu_expect_meta(d, &(struct tu_meta){
		.id = "t", .title = "Washing Hands",
		.summary = "Clean hands stop germs.", .author = "Nursing Team",
		.source_url = "https://clinic.example/hands", .publisher = "Clinic",
		.updated = "2024-01-02", .reviewed = "2025-12-30",
		.language = "en", .license = "public_domain" });
	ck_assert_str_eq(r.warn,
		"t.md:11:1: warning: front matter key 'tags' has no place in the article; left out\n");
	ck_assert_uint_eq(r.nwarn, 1);
}
END_TEST

START_TEST(front_matter_bad_values_are_warned)
{
	d = import_ok(&r,
		"---\n"
		"date: December 2024\n"
		"title: [not, text]\n"
		"publisher: A\n"
		"source: B\n"
		"language: ''\n"
		"---\n"
		"# T\n\nText.\n");

	tu_expect_meta(d, &(struct tu_meta){ .updated = TU_NONE,
		.publisher = "A", .language = TU_NONE });
	HAS_WARNING(&r, "t.md:2:7: warning: front matter 'date' is not a date written YYYY-MM-DD; left out\n");
	HAS_WARNING(&r, "t.md:3:8: warning: front matter 'title' is not text; left out\n");
	HAS_WARNING(&r, "t.md:5:1: warning: front matter 'source' says again what an earlier key said; the first is used\n");
	HAS_WARNING(&r, "t.md:6:11: warning: front matter 'language' is empty\n");
}
END_TEST

/* A first "---" block that is no mapping is Markdown: nothing is lost. */
START_TEST(dashes_that_are_not_front_matter)
{
	d = import_ok(&r, "---\nJust words\n---\n\nMore.\n");

	/* A thematic break, then a setext heading. */
	ck_assert_str_eq(d->sections[0].title, "Just words");
	ck_assert_str_eq(blk(d, 0, 0)->u.text, "More.");
	HAS_WARNING(&r, "t.md:1:1: warning: the first '---' block is not a YAML mapping");
	HAS_WARNING(&r, "t.md:1:1: warning: thematic break left out");
}
END_TEST

/* ---- the title and the id ------------------------------------------- */

/* Pages, the title the importer finds in each, and what it warns. */
struct title_case {
	const char *md;
	const char *title;
	const char *section;    /* the first section's title, or NULL */
	size_t nsections;       /* 0: any number */
	const char *warn[2];    /* what the warnings say (tu_expect()) */
};

static const struct title_case title_cases[] = {
	/* Front matter that is no YAML is left out whole. */
	{ .md = "---\ntitle: [unclosed\n---\n# T\n\nText.\n", .title = "T",
	  .warn = { TU_HAS("the front matter is not valid YAML"),
		    TU_HAS("none of it is used") } },
	/* Aliases in the front matter are not expanded. */
	{ .md = "---\na: &x [1, 2]\ntitle: *x\n---\n# T\n\nText.\n", .title = "T",
	  .warn = { TU_HAS("t.md:3:8: warning: front matter 'title' is not text; left out") } },
	/* The site's copy of the title is skipped; the only text has no
	 * heading: one section named for the title. */
	{ .md = "---\nsource: NCI\n---\n\n"
		"# Chemotherapy to Treat Cancer - NCI\n\n"
		"# Chemotherapy to Treat Cancer\n\n"
		"Text.\n",
	  .title = "Chemotherapy to Treat Cancer",
	  .section = "Chemotherapy to Treat Cancer", .nsections = 1,
	  .warn = { TU_IS("t.md:5:1: warning: level-1 heading 'Chemotherapy to Treat Cancer - NCI' left out: the title is 'Chemotherapy to Treat Cancer'\n") } },
	/* Without a publisher, the copy is the candidate with a tail. */
	{ .md = "# Page - Side Effects - Site\n\n# Page\n\n## A\n\nText.\n",
	  .title = "Page" },
	/* The front matter's title, without the site's name. */
	{ .md = "---\ntitle: Hands | Clinic\npublisher: Clinic\n---\n## A\n\nText.\n",
	  .title = "Hands", .section = "A" },
	{ .md = "---\ntitle: Another Name\n---\n# Real Title\n\nText.\n",
	  .title = "Real Title",
	  .warn = { TU_HAS("t.md:2:1: warning: front matter title 'Another Name' is not the page's heading; the heading is the title\n") } },
};

static void expect_title(const struct title_case *c, const char *which)
{
	d = import_ok(&r, c->md);
	ck_assert_msg(strcmp(d->title, c->title) == 0, "%s: title \"%s\"", which,
		      d->title);
	if (c->section)
		ck_assert_str_eq(d->sections[0].title, c->section);
	if (c->nsections)
		ck_assert_uint_eq(d->nsections, c->nsections);
	tu_expect(which, r.warn, c->warn, 2);
}

TU_ROW_TEST(titles, title_cases, expect_title)

START_TEST(title_from_file_name)
{
	d = import_named(&r, "/some/dir/My Page 2.md", "Just a paragraph.\n");
	tu_expect_meta(d, &(struct tu_meta){ .id = "my-page-2",
		.title = "my-page-2" });
	ck_assert_ptr_nonnull(strstr(r.yaml, "# The page has no title"));
	/* The path is not in the draft: only the file's name. */
	ck_assert_ptr_null(strstr(r.yaml, "/some/dir"));
}
END_TEST

/* A file name with no letter first: the id comes from the title. */
START_TEST(id_from_title)
{
	d = import_named(&r, "2024.md", "# Hand Washing, Step by Step\n\nText.\n");
	ck_assert_str_eq(d->id, "hand-washing-step-by-step");
}
END_TEST

/* ---- sections and blocks ---------------------------------------------- */

START_TEST(headings_are_sections_and_subheadings)
{
	d = import_ok(&r,
		"# Title\n\nOpening words.\n\n## First\n\nOne.\n\n### Sub\n\nTwo.\n\n"
		"#### Deeper\n\nThree.\n\n## First\n\nFour.\n");

	EXPECT_SECTIONS(d, "Introduction", "First", "First");
	ck_assert_str_eq(d->sections[0].id, "introduction");
	ck_assert_ptr_nonnull(strstr(r.yaml, "'Introduction' is the"));
	ck_assert_str_eq(d->sections[1].id, "first");
	ck_assert_str_eq(blk_of(d, 1, 1, BLOCK_SUBHEADING)->u.text, "Sub");
	ck_assert_str_eq(blk_of(d, 1, 3, BLOCK_SUBHEADING)->u.text, "Deeper");
	/* Two sections of one name get two ids. */
	ck_assert_str_eq(d->sections[2].id, "first-2");
}
END_TEST

/* Pages that use "###" for their sections have sections all the same. */
START_TEST(shallowest_level_is_sections)
{
	d = import_ok(&r,
		"# T\n\n### A\n\nOne.\n\n#### A1\n\nTwo.\n\n### B\n\nThree.\n");

	EXPECT_SECTIONS(d, "A", "B");
	ck_assert_str_eq(blk(d, 0, 1)->u.text, "A1");
}
END_TEST

START_TEST(later_level_one_heading_is_a_section)
{
	d = import_ok(&r,
		"# T\n\n## A\n\nOne.\n\n# Appendix\n\nTwo.\n");

	EXPECT_SECTIONS(d, "A", "Appendix");
	HAS_WARNING(&r, "t.md:7:1: warning: a level-1 heading after the title: made a section like the level-2 ones\n");
}
END_TEST

START_TEST(empty_section_left_out)
{
	d = import_ok(&r, "# T\n\n## Empty\n\n## Full\n\nText.\n");

	EXPECT_SECTIONS(d, "Full");
	HAS_WARNING(&r, "t.md:3:1: warning: section 'Empty' has nothing in it; left out\n");
}
END_TEST

START_TEST(lists)
{
	d = import_ok(&r,
		"# T\n\n- one\n- *two*\n\n3. three\n4. four\n");

	EXPECT_ITEMS(blk_of(d, 0, 0, BLOCK_BULLETS), "one", "two");
	EXPECT_ITEMS(blk_of(d, 0, 1, BLOCK_NUMBERED), "three", "four");
	HAS_WARNING(&r, "t.md:6:1: warning: numbered list starts at 3; the article numbers it from 1\n");
}
END_TEST

START_TEST(nested_list_joins_its_item)
{
	d = import_ok(&r,
		"# T\n\n- whether it is used to:\n  - cure\n  - control\n- Parent\n  1. a\n  2. b\n- last\n");

	EXPECT_ITEMS(blk(d, 0, 0), "whether it is used to: cure; control",
		     "Parent: a; b", "last");
	HAS_WARNING(&r, "t.md:4:3: warning: a list inside a list item is joined to the item");
}
END_TEST

/* The page flattened its nested list: the items stay, the author is told
 * in a warning and in a comment over the list. */
START_TEST(flattened_list_is_flagged)
{
	d = import_ok(&r,
		"# T\n\n- your type of cancer\n- whether it is used to:\n- cure\n- ease symptoms\n- the dose\n");

	EXPECT_ITEMS(blk(d, 0, 0), "your type of cancer", "whether it is used to:",
		     "cure", "ease symptoms", "the dose");
	ck_assert_str_eq(r.warn,
		"t.md:4:1: warning: list item ends with ':' but has no list of its own: the items after it may be its own, flattened by the page; check the draft\n");
	ck_assert_ptr_nonnull(strstr(r.yaml,
		"      # Item 2 ends with ':' and has no list of its own"));
}
END_TEST

START_TEST(tables_and_captions)
{
	d = import_ok(&r,
		"# T\n\nCommon Sites\n\n| Type | Sites |\n| --- | --- |\n| Bladder | Bone, *liver* |\n| Colon | |\n| Lung | a | extra |\n");
	const struct block *b = blk_of(d, 0, 0, BLOCK_TABLE);

	ck_assert_str_eq(b->u.table.caption, "Common Sites");
	ck_assert_uint_eq(b->u.table.ncols, 2);
	ck_assert_uint_eq(b->u.table.nrows, 3);
	ck_assert_str_eq(b->u.table.cells[1], "Bone, liver");
	ck_assert_str_eq(b->u.table.cells[3], "\xE2\x80\x94");
	ck_assert_str_eq(r.warn,
		"t.md:5:1: warning: 1 empty table cell written as an em dash (the format has no empty text)\n"
		"t.md:9:1: warning: table row has more cells than the header's 2; the rest are left out\n");
}
END_TEST

/* A sentence before a table is not its caption. */
START_TEST(sentence_before_table_stays)
{
	d = import_ok(&r,
		"# T\n\nThe list shows sites:\n\n| A |\n| - |\n| b |\n");

	blk_of(d, 0, 0, BLOCK_PARAGRAPH);
	ck_assert_ptr_null(blk_of(d, 0, 1, BLOCK_TABLE)->u.table.caption);
}
END_TEST

START_TEST(quotes)
{
	d = import_ok(&r,
		"# T\n\n> Wash often.\n>\n> \xE2\x80\x94 Nurse Jo\n\n> Plain quote.\n> Two lines.\n");

	ck_assert_str_eq(blk_of(d, 0, 0, BLOCK_QUOTE)->u.quote.text, "Wash often.");
	ck_assert_str_eq(blk(d, 0, 0)->u.quote.by, "Nurse Jo");
	ck_assert_str_eq(blk_of(d, 0, 1, BLOCK_QUOTE)->u.quote.text,
			 "Plain quote. Two lines.");
	ck_assert_ptr_null(blk(d, 0, 1)->u.quote.by);
}
END_TEST

START_TEST(faq_section)
{
	d = import_ok(&r,
		"# T\n\n## Frequently Asked Questions\n\nAsk us.\n\n"
		"### Can it spread?\n\nYes.\n\nSometimes.\n\n"
		"### How often?\n\n- daily\n- weekly\n");
	const struct section *s = &d->sections[0];

	expect_section(d, 0, 2, "Ask us.");
	ck_assert_int_eq(s->blocks[1].kind, BLOCK_FAQ);
	ck_assert_uint_eq(s->blocks[1].u.faq.n, 2);
	ck_assert_str_eq(s->blocks[1].u.faq.items[0].question, "Can it spread?");
	ck_assert_str_eq(s->blocks[1].u.faq.items[0].answer, "Yes.\nSometimes.");
	ck_assert_str_eq(s->blocks[1].u.faq.items[1].answer, "- daily\n- weekly");
	ck_assert_uint_eq(d->nfaq, 2);
	HAS_WARNING(&r, "a list or table in an answer is written as lines of text");
}
END_TEST

/* Subheadings that are not all questions: an ordinary section. */
START_TEST(faq_needs_questions)
{
	d = import_ok(&r,
		"# T\n\n## FAQ\n\n### Can it spread?\n\nYes.\n\n### Costs\n\nSome.\n");

	blk_of(d, 0, 0, BLOCK_SUBHEADING);
	ck_assert_uint_eq(d->nfaq, 0);
}
END_TEST

/* A question whose answer has no words (a table with a header and no
 * rows) cannot be an item: the section stays as the page has it, and the
 * draft loads. */
START_TEST(faq_needs_answers)
{
	d = import_ok(&r,
		"# T\n\n## Frequently Asked Questions\n\n### One?\n\n"
		"| k | v |\n|---|--\n\n### Two?\n\nYes.\n");

	blk_of(d, 0, 0, BLOCK_SUBHEADING);
	blk_of(d, 0, 1, BLOCK_TABLE);
	ck_assert_uint_eq(d->nfaq, 0);
	HAS_WARNING(&r, "question 'One?' has no answer in words");
}
END_TEST

START_TEST(links_and_references)
{
	d = import_ok(&r,
		"# T\n\nSee [the guide](https://clinic.example/g) and [dictionary](/def/1).\n"
		"Again [the guide](https://clinic.example/g).\n");
	const struct block *b = blk_of(d, 0, 1, BLOCK_REFERENCES);

	ck_assert_str_eq(blk(d, 0, 0)->u.text,
			 "See the guide and dictionary. Again the guide.");
	ck_assert_uint_eq(b->u.refs.n, 1);
	ck_assert_str_eq(b->u.refs.items[0].text, "the guide");
	ck_assert_str_eq(b->u.refs.items[0].url, "https://clinic.example/g");
	ck_assert_str_eq(r.warn,
		"t.md:3:47: warning: link target '/def/1' left out; its text 'dictionary' is kept\n");
}
END_TEST

START_TEST(code_html_and_breaks)
{
	d = import_ok(&r,
		"# T\n\n```\nkeep  this\n\tand this\n```\n\n<div>gone</div>\n\n***\n\nEnd<br>line <span>x</span>\n");

	ck_assert_str_eq(blk(d, 0, 0)->u.text, "keep  this\n\tand this");
	ck_assert_str_eq(blk(d, 0, 1)->u.text, "End\nline x");
	ck_assert_str_eq(r.warn,
		"t.md:3:1: warning: code block kept as plain text\n"
		"t.md:8:1: warning: HTML left out: '<div>gone</div>'\n"
		"t.md:10:1: warning: thematic break left out\n"
		"t.md:12:13: warning: inline HTML '<span>' left out\n"
		"t.md:12:20: warning: inline HTML '</span>' left out\n");
}
END_TEST

START_TEST(comments_for_the_author)
{
	d = import_ok(&r, "# T\n\nText.\n");

	ck_assert_uint_eq(d->nchecks, 0);
	ck_assert_uint_eq(d->nglossary, 0);
	ck_assert_ptr_nonnull(strstr(r.yaml, "\n# checklist: none imported."));
	ck_assert_ptr_nonnull(strstr(r.yaml, "\n# glossary: none imported."));
	ck_assert_ptr_nonnull(strstr(r.yaml,
		"\n# REVIEW: the page has no disclaimer; this is handout's default wording.\ndisclaimer:"));
	ck_assert_ptr_nonnull(strstr(d->disclaimer, "not medical advice"));
}
END_TEST

/* ---- web furniture -------------------------------------------------- */

START_TEST(video_and_enlarge)
{
	d = import_ok(&r,
		"# T\n\n## How It Spreads\n\n![](/thumb.jpg)\n\nMetastasis: How Cancer Spreads\n\n"
		"During metastasis, cells spread.\n\n"
		"[Play the audio-described version of this video](https://player.example/1).\n\n"
		"Cells spread in steps.\n\n![Drawing.](/d.jpg)\n\nIn metastasis, cells break away.\n\n"
		"Credit: \xC2\xA9 Artist\n\n[Enlarge Image](/big.jpg)\n\nSites\n\n| A |\n| - |\n| b |\n");

	expect_section(d, 0, 2, "Cells spread in steps.");
	ck_assert_str_eq(blk(d, 0, 1)->u.table.caption, "Sites");
	ck_assert_uint_eq(r.nwarn, 8);
	HAS_WARNING(&r, "t.md:11:1: warning: video player's line left out: 'Play the audio-described version of this...'\n");
	HAS_WARNING(&r, "t.md:21:1: warning: 'Enlarge Image' link left out: 'Enlarge Image'\n");
}
END_TEST

/* Pages with a web page's furniture around their text: section 0 keeps
 * nblocks blocks, the first saying text; what the warnings say. */
struct furniture_case {
	const char *md;
	size_t nblocks;
	const char *text;
	const char *warn;       /* a tu_expect() of the warnings, or NULL */
};

static const struct furniture_case furniture_cases[] = {
	{ "# T\n\n![A nurse.](/img.jpg)\n\nChemotherapy works.\n\n"
	  "Credit: National Cancer Institute\n\nChemotherapy is a treatment.\n",
	  1, "Chemotherapy is a treatment.",
	  TU_IS("t.md:3:1: warning: image left out: 'A nurse.'\n"
		"t.md:5:1: warning: image caption left out: 'Chemotherapy works.'\n"
		"t.md:7:1: warning: credit line left out: 'Credit: National Cancer Institute'\n") },
	/* A featured card: "[" and its image, a title, a blurb closed by
	 * "](...)". */
	{ "# T\n\n## What Is It?\n\n[![Alt](/card.png)\n\nThe Challenges\n\n"
	  "Survivors describe issues.](/blog/post)\n\nCancer that spreads is metastatic.\n",
	  1, "Cancer that spreads is metastatic.",
	  TU_IS("t.md:5:2: warning: image left out: 'Alt'\n"
		"t.md:7:1: warning: linked card left out: 'The Challenges'\n"
		"t.md:9:1: warning: linked card left out: 'Survivors describe issues.](/blog/post)'\n") },
	/* Paragraphs after an image with no credit, heading or end to close
	 * them are text, not a caption. */
	{ "# T\n\n![x](/x.png)\n\nFirst.\n\nSecond.\n\nThird.\n", 3, "First.",
	  NULL },
};

static void expect_furniture(const struct furniture_case *c, const char *which)
{
	d = import_ok(&r, c->md);
	expect_section(d, 0, c->nblocks, c->text);
	tu_expect(which, r.warn, &c->warn, 1);
}

TU_ROW_TEST(furniture, furniture_cases, expect_furniture)

/* ---- messy pages ------------------------------------------------------ */

START_TEST(empty_heading_takes_next_line)
{
	d = import_ok(&r,
		"# T\n\n##\n\nWhat Is Metastatic Cancer?\n\nCancer that spreads.\n\n##\n\n"
		"A paragraph that is much too long to be a heading, since it goes on and on, "
		"sentence after sentence, far past any heading's length, and is plainly text "
		"that a reader must see as text.\n");

	ck_assert_uint_eq(d->nsections, 1);
	ck_assert_str_eq(d->sections[0].title, "What Is Metastatic Cancer?");
	ck_assert_str_eq(d->sections[0].id, "what-is-metastatic-cancer");
	ck_assert_uint_eq(d->sections[0].nblocks, 2);
	HAS_WARNING(&r, "t.md:9:1: warning: empty heading left out\n");
}
END_TEST

START_TEST(bold_label_gets_its_space)
{
	d = import_ok(&r,
		"# T\n\n- **oral:**comes in pills\n- **intravenous (IV):**goes into a vein\n"
		"- **injection:** given by a shot\n- **Port:**A port is small. **Pump:**Pumps help.\n"
		"- 2**3** and a**b**c stay\n");

	EXPECT_ITEMS(blk(d, 0, 0), "oral: comes in pills",
		     "intravenous (IV): goes into a vein",
		     "injection: given by a shot",
		     "Port: A port is small. Pump: Pumps help.", "23 and abc stay");
}
END_TEST

START_TEST(crlf_page_same_as_lf)
{
	struct run a, b;
	struct document *da = import_ok(&a, "---\ntitle: X\n---\n# T\n\n## S\n\nOne\ntwo.\n\n- i\n");
	struct document *db = import_ok(&b, "---\r\ntitle: X\r\n---\r\n# T\r\n\r\n## S\r\n\r\nOne\r\ntwo.\r\n\r\n- i\r\n");

	ck_assert_str_eq(a.yaml, b.yaml);
	ck_assert_str_eq(a.warn, b.warn);
	doc_free(da);
	doc_free(db);
	run_free(&a);
	run_free(&b);
}
END_TEST

/* ---- text comes back exactly ------------------------------------------ */

/* Markdown text whose words reach the draft as they are (code spans
 * keep Markdown's characters). */
static const char *const round_trip[] = {
	"He said \"hi\" \\ and 'so'",
	"# not a comment: yes [x] {y} & * ! % @ ` |",
	"- a leading dash",
	"null",
	"~",
	"yes",
	"12",
	"2025-01-01",
	"key: value # comment",
	"two  spaces,   three",
	"\xC2\xA0no-break at the start",
	"line separator \xE2\x80\xA8 and paragraph \xE2\x80\xA9 here",
	"byte-order mark \xEF\xBB\xBF inside",
	"noncharacter \xEF\xBF\xBE here",
	"astral \xF0\x9F\x98\x80 face",
	"---",
	"...",
	"\"quoted\"",
	"'single'",
	">folded",
	"|literal",
	"%TAG",
	"tab\there",
	"trailing backslash \\",
	"&amp; stays",
};

START_TEST(text_round_trips)
{
	const char *text = round_trip[_i];
	size_t n = strlen(text);
	char *md = malloc(n + 64);

	/* A code span: Markdown's own characters are words there. */
	snprintf(md, n + 64, "# T\n\n``%s%s%s``\n", text[0] == '`' ? " " : "",
		 text, text[n - 1] == '`' ? " " : "");
	d = import_ok(&r, md);
	ck_assert_str_eq(blk(d, 0, 0)->u.text, text);
	free(md);
}
END_TEST

/* Long texts are folded over lines: they must unfold to the same. */
START_TEST(long_text_round_trips)
{
	static const char *const words[] = {
		"cancer", "a", "  ", "x\xC2\xA0y", "\xE4\xB8\xAD\xE6\x96\x87",
		"very-long-word-with-no-space-in-it-at-all-for-sixty-columns-or-more",
		"end.", "#", "-", ":"
	};
	char text[4096], md[4200];
	size_t n = 0;
	unsigned seed = 7;

	for (int round = 0; round < 40; round++) {
		n = 0;
		text[0] = '\0';
		while (n < 300 + (size_t)round * 60) {
			seed = seed * 1103515245u + 12345u;
			const char *w = words[(seed >> 16) % 10];

			n += (size_t)snprintf(text + n, sizeof(text) - n, "%s%s",
					      n ? " " : "", w);
		}
		/* The page's own ends are trimmed; so are the draft's. */
		while (n && text[n - 1] == ' ')
			text[--n] = '\0';
		snprintf(md, sizeof(md), "# T\n\n``%s``\n", text);
		d = import_ok(&r, md);
		const char *got = blk(d, 0, 0)->u.text;
		const char *want = text;

		while (*want == ' ')
			want++;
		ck_assert_str_eq(got, want);
		teardown();
	}
}
END_TEST

/* ---- warnings -------------------------------------------------------- */

START_TEST(warnings_in_page_order_with_character_columns)
{
	d = import_ok(&r,
		"# T\n\n\xC3\xA9\xC3\xA9 [x](/a) and ![i](/i.png)\n");

	/* Columns in characters, as the loader counts them: "éé " is 3. */
	ck_assert_str_eq(r.warn,
		"t.md:3:4: warning: link target '/a' left out; its text 'x' is kept\n"
		"t.md:3:16: warning: image left out: 'i'\n");
}
END_TEST

/* A hostile page could ask for millions of warnings: a bounded number is
 * kept, and the rest counted. */
START_TEST(warnings_are_bounded)
{
	size_t n = IMPORT_MAX_WARNINGS + 50, len = 0;
	char *md = malloc(n * 12 + 16);

	len += (size_t)sprintf(md, "# T\n\n");
	for (size_t i = 0; i < n; i++)
		len += (size_t)sprintf(md + len, "[a](/b) ");
	run_md(&r, "t.md", md, len);
	ck_assert_int_eq(r.rc, 0);
	ck_assert_uint_eq(r.nwarn, n);
	ck_assert_ptr_nonnull(strstr(r.warn, "t.md: warning: 50 more warnings not shown\n"));
	free(md);
}
END_TEST

/* ---- refusals -------------------------------------------------------- */

/* A page the importer must refuse, with exactly this error; len 0 is the
 * text's strlen(). */
struct refusal {
	const char *md;
	size_t len;
	enum herr code;
	const char *msg;
};

/* which names the case in a failure. */
static void expect_refusal(const struct refusal *want, const char *which)
{
	struct run got;

	run_md(&got, "t.md", want->md, want->len ? want->len : strlen(want->md));
	ck_assert_msg(got.rc == -1, "%s: not refused", which);
	ck_assert_ptr_null(got.yaml);
	ck_assert_msg(got.err.code == want->code, "%s: got %s: %s", which,
		      herr_message(got.err.code), got.msg);
	ck_assert_msg(strcmp(got.msg, want->msg) == 0, "%s: \"%s\", want \"%s\"",
		      which, got.msg, want->msg);
	run_free(&got);
}

static const struct refusal refusals[] = {
	{ "", 0, HERR_EMPTY, "t.md: empty file: nothing to import" },
	{ " \n\n", 0, HERR_EMPTY, "t.md: empty file: nothing to import" },
	{ "---\ntitle: T\n---\n", 0, HERR_EMPTY,
	  "t.md: the page has no text to import" },
	{ "![only](/an/image.png)\n", 0, HERR_EMPTY,
	  "t.md: the page has no text to import" },
	{ "# T\n\nbad \x1b[31m\n", 0, HERR_CHAR,
	  "t.md:3:5: control character U+001B is not allowed" },
	{ "# T\n\nnul \0 here\n", 16, HERR_CHAR,
	  "t.md:3:5: control character U+0000 is not allowed" },
	{ "# T\n\n\xE2\x80\xAE reversed\n", 0, HERR_CHAR,
	  "t.md:3:1: bidirectional formatting character U+202E is not allowed" },
	{ "# T\n\nbad \xC3( here\n", 0, HERR_ENCODING,
	  "t.md:3:5: not UTF-8: invalid byte 0xC3" },
	{ "\xFF\xFE#\0 \0T\0", 8, HERR_ENCODING,
	  "t.md:1:1: not UTF-8: invalid byte 0xFF" },
	/* Character references and escapes are checked once decoded. */
	{ "# T\n\nsay &#27;[31m red\n", 0, HERR_CHAR,
	  "t.md:3:1: control character U+001B is not allowed in text" },
	{ "# T\n\n- a &#x202E; b\n", 0, HERR_CHAR,
	  "t.md:3:1: bidirectional formatting character U+202E is not allowed in text" },
	{ "---\ntitle: \"\\e[31m\"\n---\nText.\n", 0, HERR_CHAR,
	  "t.md:2:8: control character U+001B is not allowed in text" },
	{ "# T &#8238;\n\nText.\n", 0, HERR_CHAR,
	  "t.md:1:1: bidirectional formatting character U+202E is not allowed in text" },
};

TU_ROW_TEST(refused, refusals, expect_refusal)

START_TEST(too_long_text_refused)
{
	size_t n = LOADER_MAX_STRING + 10;
	char *md = malloc(n + 16);

	memcpy(md, "# T\n\n", 5);
	memset(md + 5, 'a', n);
	expect_refusal(&(const struct refusal){ md, n + 5, HERR_TOOLONG,
		"t.md:3:1: a paragraph of more than 65536 bytes is longer than the article format allows" },
		"a long paragraph");
	free(md);
}
END_TEST

/* cmark-gfm's time grows with the square of a row's cells: rows of
 * thousands are refused before it sees them. */
START_TEST(wide_table_refused)
{
	char md[2048];
	size_t n = 0;

	n += (size_t)sprintf(md, "# T\n\n");
	for (int i = 0; i < 600; i++)
		md[n++] = '|';
	md[n++] = '\n';
	md[n] = '\0';
	expect_refusal(&(const struct refusal){ md, n, HERR_TOOMANY,
		"t.md:3:1: a line with 600 '|': the importer reads table rows of at most 512 cells (the Markdown parser's time grows with the square of a row's cells)" },
		"a wide table");
}
END_TEST

/* So does a paragraph full of unclosed "<?", each of which cmark-gfm
 * scans to the paragraph's end; a few are only inline HTML. */
START_TEST(unclosed_instructions_refused)
{
	size_t n = 20000, len = 0;
	char *md = malloc(n * 4 + 16);

	len += (size_t)sprintf(md, "# T\n\n");
	for (size_t i = 0; i < n; i++)
		len += (size_t)sprintf(md + len, "a <?");
	expect_refusal(&(const struct refusal){ md, len, HERR_TOOMANY,
		"t.md:3:1: too many unclosed '<?' or '<![CDATA[' (the Markdown parser's time grows with their number times the paragraph's length)" },
		"unclosed instructions");
	free(md);
	d = import_ok(&r, "# T\n\nSome <?php x ?> and <![CDATA[ y ]]> here.\n");
	ck_assert_str_eq(blk(d, 0, 0)->u.text, "Some  and  here.");
}
END_TEST

START_TEST(too_big_refused)
{
	size_t n = (size_t)LOADER_MAX_FILE + 1;
	char *md = malloc(n);

	ck_assert_ptr_nonnull(md);
	memset(md, 'a', n);
	run_md(&r, "t.md", md, n);
	ck_assert_int_eq(r.rc, -1);
	ck_assert_int_eq(r.err.code, HERR_TOOBIG);
	ck_assert_str_eq(r.msg, "t.md: file is 67108865 bytes; the limit is 64 MiB");
	free(md);
}
END_TEST

START_TEST(files)
{
	char dir[4096], path[4200];
	char *yaml = (char *)"unchanged";
	size_t len = 99, nwarn = 99;
	struct herror e;
	FILE *f;

	ck_assert_ptr_nonnull(tu_tmpdir(dir, sizeof(dir)));
	ck_assert_int_eq(import_file(dir, NULL, &nwarn, &yaml, &len, &e), -1);
	ck_assert_int_eq(e.code, HERR_NOTFILE);
	ck_assert_ptr_null(yaml);
	ck_assert_uint_eq(nwarn, 0);
	snprintf(path, sizeof(path), "%s/missing.md", dir);
	ck_assert_int_eq(import_file(path, NULL, NULL, &yaml, &len, &e), -1);
	ck_assert_int_eq(e.code, HERR_OPEN);
	snprintf(path, sizeof(path), "%s/page.md", dir);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs("# Page\n\n[x](/y)\n", f);
	fclose(f);
	ck_assert_int_eq(import_file(path, NULL, &nwarn, &yaml, &len, &e), 0);
	ck_assert_uint_eq(nwarn, 1);
	ck_assert_ptr_nonnull(strstr(yaml, "id: page\n"));
	free(yaml);
	unlink(path);
	rmdir(dir);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("import");
	TCase *tc;

	tc = tu_tcase_fixture(s, "metadata", setup, teardown);
	tu_add_tests(tc, front_matter_is_metadata,
		     front_matter_bad_values_are_warned,
		     dashes_that_are_not_front_matter);
	tu_add_rows(tc, titles, title_cases);
	tu_add_tests(tc, title_from_file_name, id_from_title);
	tu_add_tests(tu_tcase_fixture(s, "blocks", setup, teardown),
		     headings_are_sections_and_subheadings,
		     shallowest_level_is_sections,
		     later_level_one_heading_is_a_section,
		     empty_section_left_out, lists, nested_list_joins_its_item,
		     tables_and_captions, sentence_before_table_stays, quotes,
		     faq_section, faq_needs_questions, faq_needs_answers, links_and_references,
		     code_html_and_breaks, comments_for_the_author);
	tc = tu_tcase_fixture(s, "furniture", setup, teardown);
	tu_add_rows(tc, furniture, furniture_cases);
	tu_add_tests(tc, video_and_enlarge);
	tu_add_tests(tu_tcase_fixture(s, "messy", setup, teardown),
		     empty_heading_takes_next_line, bold_label_gets_its_space,
		     flattened_list_is_flagged, crlf_page_same_as_lf);
	tc = tu_tcase_fixture(s, "text", setup, teardown);
	tu_add_rows(tc, text_round_trips, round_trip);
	tu_add_tests(tc, long_text_round_trips,
		     warnings_in_page_order_with_character_columns,
		     warnings_are_bounded);
	tc = tu_tcase_fixture(s, "refusals", setup, teardown);
	tu_add_rows(tc, refused, refusals);
	tu_add_tests(tc, too_long_text_refused, wide_table_refused,
		     unclosed_instructions_refused, too_big_refused, files);
	return tu_run(s);
}
