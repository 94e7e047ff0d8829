/* check_plain.c - plain output: every block kind, spoken structure, widths,
 * and that nothing but printable text and '\n' ever comes out. */
#include "config.h"

#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "document.h"
#include "loader.h"
#include "plain.h"
#include "testutil.h"
#include "utf8.h"

/* Every block kind, two FAQ blocks, a table with a caption, a checklist. */
static const char fixture[] =
	TU_SAMPLE_HEAD
	"  - id: one\n"
	"    title: First\n"
	"    blocks:\n"
	"      - paragraph: Some words that go on long enough to wrap at twenty.\n"
	"      - subheading: A Subheading\n"
	"      - bullets: [Apples and pears and plums, Bananas]\n"
	"      - numbered: [Wash, Dry thoroughly afterwards]\n"
	"      - table:\n"
	"          caption: Fruit facts\n"
	"          columns: [Fruit, Colour, Question]\n"
	"          rows:\n"
	"            - [Apple, Red., Why?]\n"
	"            - [Banana, Yellow, Really!]\n"
	"      - quote:\n"
	"          text: Eat well.\n"
	"          by: A Nurse\n"
	TU_SAMPLE_FAQ("Second answer.")
	"      - references:\n"
	"          - text: A Book. (2020).\n"
	"            url: https://example.org/book\n"
	"          - text: A Leaflet.\n"
	TU_SAMPLE_CHECKLIST
	TU_SAMPLE_GLOSSARY;

static struct tu_docs docs;

static void setup(void)
{
	tu_docs_load(&docs, fixture, sizeof fixture - 1);
}

static void teardown(void)
{
	tu_docs_free(&docs);
}

static char *render(const struct document *doc, int width, bool ascii)
{
	struct tu_capture c;
	struct plain_opts po = { .width = width, .ascii = ascii };
	ck_assert_int_eq(plain_write(tu_capture_open(&c), doc, &po), 0);
	return tu_capture_close(&c);
}

/* The widest line, in display columns. */
static int widest(const char *text)
{
	int max = 0;
	while (*text) {
		const char *nl = strchr(text, '\n');
		ck_assert_ptr_nonnull(nl);     /* every line ends with '\n' */
		int w = utf8_width(text, (size_t)(nl - text));
		if (w > max)
			max = w;
		text = nl + 1;
	}
	return max;
}

static void assert_clean(const char *text, bool ascii)
{
	for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
		ck_assert_msg(*p >= 0x20 || *p == '\n', "control byte 0x%02x", *p);
		ck_assert_msg(*p != 0x7f, "DEL in output");
		if (ascii)
			ck_assert_msg(*p < 0x80, "non-ASCII byte 0x%02x", *p);
	}
	/* No C1 control either, as UTF-8 (U+0080-U+009F is C2 80-9F). */
	ck_assert_ptr_null(strstr(text, "\xc2\x9b"));
	ck_assert_ptr_null(strstr(text, "\xc2\x85"));
	ck_assert_ptr_null(strstr(text, "\n\n\n"));
}

/* Long texts: report the first difference, not both texts whole. */
static void assert_text_eq(const char *got, const char *want)
{
	size_t i = 0, line = 1;
	while (got[i] && got[i] == want[i]) {
		line += got[i] == '\n';
		i++;
	}
	ck_assert_msg(got[i] == want[i], "line %zu differs: got \"%.40s\", want \"%.40s\"",
		      line, got + i, want + i);
}

START_TEST(every_block_kind)
{
	char *out = render(docs.sample, 40, false);

	assert_text_eq(out,
		"A Sample Article\n"
		"\n"
		"A short standfirst.\n"
		"\n"
		"By Dr. A. Writer. Last updated 31\n"
		"January 2025. Source: Example Clinic\n"
		"(https://clinic.example/a).\n"
		"\n"
		"Important: Not medical advice.\n"
		"\n"
		"Contents (2 sections)\n"
		"1. First\n"
		"2. Second\n"
		"\n"
		"Section 1 of 2: First\n"
		"\n"
		"Some words that go on long enough to\n"
		"wrap at twenty.\n"
		"\n"
		"A Subheading\n"
		"\n"
		"- Apples and pears and plums\n"
		"- Bananas\n"
		"\n"
		"1. Wash\n"
		"2. Dry thoroughly afterwards\n"
		"\n"
		"Table: Fruit facts (2 rows). Columns:\n"
		"Fruit, Colour, Question.\n"
		"\n"
		"Row 1 of 2. Fruit: Apple. Colour: Red.\n"
		"Question: Why?\n"
		"\n"
		"Row 2 of 2. Fruit: Banana. Colour:\n"
		"Yellow. Question: Really!\n"
		"\n"
		"Quote: \"Eat well.\" - A Nurse\n"
		"\n"
		"1 question.\n"
		"\n"
		"1. First question?\n"
		"Answer: First answer.\n"
		"\n"
		"Section 2 of 2: Second\n"
		"\n"
		"2 questions.\n"
		"\n"
		"2. Second question?\n"
		"Answer: Second answer.\n"
		"\n"
		"3. Third question?\n"
		"Answer: Third answer.\n"
		"\n"
		"1. A Book. (2020).\n"
		"Link: https://example.org/book\n"
		"2. A Leaflet.\n"
		"\n"
		"Warning-sign checklist (2 items)\n"
		"\n"
		"[ ] Fever\n"
		"A temperature of 38 C or more.\n"
		"\n"
		"[ ] Pain\n"
		"\n"
		"Advice: Tell your team.\n"
		"\n"
		"Glossary (1 term)\n"
		"\n"
		"Lymph: A clear fluid that flows through\n"
		"thin vessels.\n");
	free(out);
}
END_TEST

START_TEST(disclaimer_before_first_section)
{
	char *out = render(docs.article, 80, false);
	char *imp = strstr(out, "Important: This article is for general education");
	char *sec = strstr(out, "Section 1 of ");

	ck_assert_ptr_nonnull(imp);
	ck_assert_ptr_nonnull(sec);
	ck_assert(imp < sec);
	ck_assert(strncmp(out, docs.article->title, strlen(docs.article->title)) == 0);
	ck_assert_ptr_nonnull(strstr(out, "By Bilal Hasdemir. Last updated 26 November 2025."));
	free(out);
}
END_TEST

START_TEST(faq_numbered_across_the_article)
{
	char *out = render(docs.article, 80, false);

	ck_assert_uint_eq(docs.article->nfaq, 10);
	char want[64];
	const char *p = strstr(out, "\n10 questions.\n");
	ck_assert_ptr_nonnull(p);
	for (int i = 1; i <= 10; i++) {
		snprintf(want, sizeof want, "\n%d. ", i);
		const char *q = strstr(p, want);
		ck_assert_msg(q != NULL, "missing %s", want + 1);
		ck_assert_ptr_nonnull(strstr(q, "\nAnswer: "));
		p = q + 1;
	}
	free(out);
}
END_TEST

/* The parts plain output is made of, each written on its own. */
enum part { WHOLE, SECTION, FAQ_QUESTION, FAQ_ANSWER, CHECK_ITEM,
	    CHECKLIST, GLOSS_ENTRY };

/* One part of the fixture (or with article set, the bundled article) at
 * width: the whole text, section n, FAQ item n's question or
 * question and answer, checklist item n (ticked), the checklist (item n
 * ticked), glossary entry n; and what it must say.  Every line of it fits
 * the width. */
static const struct piece {
	const char *why;
	bool article;
	enum part part;
	size_t n;
	int width;
	const char *expect[4];
} pieces[] = {
	{ "no hanging indents: an item's later lines start at column 0",
	  false, SECTION, 0, 20,
	  { TU_HAS("- Apples and pears\nand plums\n- Bananas\n"),
	    TU_HAS("2. Dry thoroughly\nafterwards\n") } },
	{ "a section alone: its heading first, no other's, one newline at the end",
	  false, SECTION, 1, 60,
	  { TU_STARTS("Section 2 of 2: Second\n\n2 questions.\n\n2. Second question?\n"),
	    TU_LACKS("Section 1"),
	    TU_LACKS("Important:"),
	    TU_ENDS("A Leaflet.\n") } },
	{ "table rows are sentences, each cell after its column's name",
	  true, WHOLE, 0, 0,
	  { TU_HAS("Row 1 of 3. Change: Release of Growth Factors. Description: "
		   "Chemotherapy can cause the release of various growth factors. "
		   "Potential Impact: May promote tumor growth and metastasis.\n"),
	    TU_HAS("Row 3 of 3. Benefits of Chemotherapy: Enhances quality of life. "
		   "Risks and Possible Complications: Side effects and toxicity.\n"),
	    TU_LACKS("..") } },
	{ "one FAQ answer is its question and the answer",
	  false, FAQ_ANSWER, 2, 0,
	  { TU_IS("Question 3: Third question?\nAnswer: Third answer.\n") } },
	{ "one FAQ question alone is an item of the list of them",
	  false, FAQ_QUESTION, 0, 0,
	  { TU_IS("1. First question?\n") } },
	{ "the checklist, its ticks, and the advice after it",
	  false, CHECKLIST, 1, 30,
	  { TU_IS("Warning-sign checklist (2\nitems)\n\n"
		  "[ ] Fever\nA temperature of 38 C or more.\n\n"
		  "[x] Pain\n\nAdvice: Tell your team.\n") } },
	{ "one checklist item, ticked",
	  false, CHECK_ITEM, 0, 30,
	  { TU_IS("[x] Fever\nA temperature of 38 C or more.\n") } },
	{ "one glossary entry, wrapped to column 0",
	  false, GLOSS_ENTRY, 0, 30,
	  { TU_IS("Lymph: A clear fluid that\nflows through thin vessels.\n") } },
};

static int write_part(FILE *f, const struct document *doc,
		      const struct piece *p, const struct plain_opts *po)
{
	bool ticked[] = { p->n == 0, p->n == 1 };

	switch (p->part) {
	case WHOLE:
		return plain_write(f, doc, po);
	case SECTION:
		return plain_section(f, doc, p->n, po);
	case FAQ_QUESTION:
		return plain_faq_question(f, doc, p->n, po);
	case FAQ_ANSWER:
		return plain_faq_answer(f, doc, p->n, po);
	case CHECK_ITEM:
		return plain_check_item(f, doc, p->n, true, po);
	case CHECKLIST:
		return plain_checklist(f, doc, ticked, po);
	case GLOSS_ENTRY:
		return plain_gloss_entry(f, doc, p->n, po);
	}
	return -1;
}

START_TEST(each_part)
{
	const struct piece *p = &pieces[_i];
	const struct document *doc = p->article ? docs.article : docs.sample;
	struct plain_opts po = { .width = p->width };
	struct tu_capture c;

	ck_assert_msg(write_part(tu_capture_open(&c), doc, p, &po) == 0,
		      "%s: not written", p->why);
	tu_capture_close(&c);
	tu_expect(p->why, c.text, p->expect, sizeof p->expect / sizeof p->expect[0]);
	if (p->width > 0)
		ck_assert_msg(widest(c.text) <= p->width, "%s: a line of %d columns",
			      p->why, widest(c.text));
	free(c.text);
}
END_TEST

START_TEST(plain_text_wraps_with_its_prefix)
{
	struct tu_capture c;
	struct plain_opts po = { .width = 24 };

	ck_assert_int_eq(plain_text(tu_capture_open(&c), "Note: ",
				    "one two three four five six seven", &po), 0);
	ck_assert_str_eq(tu_capture_close(&c), "Note: one two three four\nfive six seven\n");
	free(c.text);
	/* Blanks the text itself starts a line with are not kept either. */
	ck_assert_int_eq(plain_text(tu_capture_open(&c), "",
				    "one\n   indented\n\ttabbed", &po), 0);
	ck_assert_str_eq(tu_capture_close(&c), "one\nindented\ntabbed\n");
	free(c.text);
}
END_TEST

/* A state goes first, so that it stays on the item's first line. */
START_TEST(plain_item_puts_the_state_first)
{
	struct tu_capture c;
	struct plain_opts po = { .width = 20 };

	ck_assert_int_eq(plain_item(tu_capture_open(&c), 2, "Checked",
				    "Existing tumors growing", &po), 0);
	ck_assert_str_eq(tu_capture_close(&c), "2. Checked: Existing\ntumors growing\n");
	free(c.text);
	ck_assert_int_eq(plain_item(tu_capture_open(&c), 12, NULL, "Fatigue", &po), 0);
	ck_assert_str_eq(tu_capture_close(&c), "12. Fatigue\n");
	free(c.text);
}
END_TEST

/* What a link's host is: what a listener hears of it in the line mode. */
static const struct host_case {
	const char *url, *host;
} hosts[] = {
	{ "https://www.cancer.gov/types/metastatic-cancer", "cancer.gov" },
	{ "https://pmc.ncbi.nlm.nih.gov/articles/PMC6035114/", "pmc.ncbi.nlm.nih.gov" },
	{ "http://user:secret@Example.org:8080/a?b#c", "Example.org" },
	{ "HTTPS://WWW.EXAMPLE.ORG", "EXAMPLE.ORG" },
	{ "example.org/page", "example.org" },
	{ "www.", "www." },
	{ "mailto:clinic@example.org", "example.org" },
	{ "/just/a/path", "/just/a/path" },
};

START_TEST(link_host)
{
	const struct host_case *t = &hosts[_i];
	size_t n;
	const char *h = plain_link_host(t->url, &n);

	ck_assert_msg(n == strlen(t->host) && strncmp(h, t->host, n) == 0,
		      "%s: host \"%.*s\", want \"%s\"", t->url, (int)n, h, t->host);
}
END_TEST

START_TEST(short_links_say_the_host)
{
	struct plain_opts po = { .width = 0, .short_links = true };
	struct tu_capture c;

	ck_assert_int_eq(plain_section(tu_capture_open(&c), docs.article,
				       docs.article->nsections - 1, &po), 0);
	tu_capture_close(&c);
	ck_assert_ptr_nonnull(strstr(c.text, "\nLink: cancer.gov\n"));
	ck_assert_ptr_nonnull(strstr(c.text, "\nLink: pmc.ncbi.nlm.nih.gov\n"));
	ck_assert_ptr_null(strstr(c.text, "https:"));
	free(c.text);
	ck_assert_int_eq(plain_link(tu_capture_open(&c), "Source: ",
				    "https://www.cancer.gov/x", &po), 0);
	ck_assert_str_eq(tu_capture_close(&c), "Source: cancer.gov\n");
	free(c.text);
}
END_TEST

START_TEST(compact_has_no_blank_lines)
{
	struct plain_opts po = { .width = 40, .compact = true };
	struct tu_capture c;

	ck_assert_int_eq(plain_section(tu_capture_open(&c), docs.sample, 0, &po), 0);
	tu_capture_close(&c);
	ck_assert_ptr_null(strstr(c.text, "\n\n"));
	ck_assert_ptr_nonnull(strstr(c.text, "A Subheading\n- Apples"));
	free(c.text);
}
END_TEST

/* A braille display shows a blank cell as noise: no line starts with one. */
static void assert_flush_left(const char *text, int w)
{
	ck_assert_msg(*text != ' ' && !strstr(text, "\n "),
		      "width %d: a line starts with a blank", w);
}

START_TEST(no_line_wider_than_width)
{

	for (int w = 1; w <= 120; w++) {
		char *out = render(docs.article, w, false);
		ck_assert_msg(widest(out) <= w, "width %d: a line of %d", w, widest(out));
		assert_flush_left(out, w);
		free(out);
		out = render(docs.article, w, true);
		ck_assert_msg(widest(out) <= w, "ascii width %d: a line of %d", w, widest(out));
		assert_flush_left(out, w);
		free(out);
	}
}
END_TEST

START_TEST(width_zero_does_not_wrap)
{
	char *out = render(docs.article, 0, false);

	/* The whole disclaimer on one line. */
	ck_assert_ptr_nonnull(strstr(out, "\nImportant: This article is for general "
		"education and is not medical advice. Please talk to your care team "
		"(your oncology team) about any question you have or any symptom you "
		"notice. In an emergency, call your local emergency number.\n"));
	ck_assert_int_gt(widest(out), 200);
	/* Long links stay whole for copying. */
	ck_assert_ptr_nonnull(strstr(out, "\nLink: https://www.cancer.gov/news-events/"
		"cancer-currents-blog/2017/chemotherapy-effect-metastasis\n"));
	free(out);
}
END_TEST

START_TEST(output_is_clean_text)
{
	for (int w = 0; w <= 80; w += 40) {
		char *out = render(docs.article, w, false);
		assert_clean(out, false);
		free(out);
		out = render(docs.article, w, true);
		assert_clean(out, true);
		/* What the transliteration is for. */
		ck_assert_ptr_nonnull(strstr(out, "Chemotherapy -- And"));
		ck_assert_ptr_nonnull(strstr(out, "they're getting"));
		free(out);
	}
}
END_TEST

/* A document the loader would refuse, built by hand, to show that plain
 * output defends itself anyway. */
START_TEST(hostile_strings_are_neutralised)
{
	static const char *const items[] = { "tab\there", "bell\a and \x1b[2J clear" };
	static const struct block blocks[] = {
		{ .kind = BLOCK_PARAGRAPH,
		  .u.text = "esc \x1b]0;title\x07 c1 \xc2\x9b" "31m del \x7f cr\r "
			    "bidi \xe2\x80\xae" "evil bad \xff\xfe end" },
		{ .kind = BLOCK_BULLETS, .u.list = { 2, (const char **)items } },
	};
	static const struct section sec = {
		.id = "s", .title = "Title\x1b[1m", .nblocks = 2, .blocks = blocks,
	};
	struct document doc = {
		.title = "T", .disclaimer = "D", .nsections = 1, .sections = &sec,
	};

	for (int ascii = 0; ascii <= 1; ascii++) {
		char *out = render(&doc, 30, ascii);
		assert_clean(out, ascii);
		ck_assert_ptr_null(strstr(out, "\xe2\x80\xae"));
		ck_assert_ptr_nonnull(strstr(out, "- tab here\n"));
		ck_assert_ptr_nonnull(strstr(out, ascii ? "bad ?? end" :
					     "bad \xef\xbf\xbd\xef\xbf\xbd end"));
		free(out);
	}
}
END_TEST

START_TEST(write_error_is_reported)
{
	struct plain_opts po = { .width = 80 };
	FILE *f = fopen("/dev/full", "w");

	if (!f)
		return;         /* no /dev/full here: nothing to test against */
	setvbuf(f, NULL, _IONBF, 0);
	errno = 0;
	ck_assert_int_eq(plain_write(f, docs.article, &po), -1);
	ck_assert_int_eq(errno, ENOSPC);
	fclose(f);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("plain");
	TCase *t = tu_tcase(s, "plain");

	tu_utf8_locale();
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_set_timeout(t, 60);
	tu_add_tests(t, every_block_kind, disclaimer_before_first_section,
		     faq_numbered_across_the_article);
	tcase_add_loop_test(t, each_part, 0,
			    (int)(sizeof pieces / sizeof pieces[0]));
	tu_add_tests(t, plain_text_wraps_with_its_prefix,
		     plain_item_puts_the_state_first, short_links_say_the_host,
		     compact_has_no_blank_lines, no_line_wider_than_width,
		     width_zero_does_not_wrap, output_is_clean_text,
		     hostile_strings_are_neutralised, write_error_is_reported);
	tcase_add_loop_test(t, link_host, 0, (int)(sizeof hosts / sizeof hosts[0]));
	return tu_run(s);
}
