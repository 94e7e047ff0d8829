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
	"      - faq:\n"
	"          - question: First question?\n"
	"            answer: First answer.\n"
	"  - id: two\n"
	"    title: Second\n"
	"    blocks:\n"
	"      - faq:\n"
	"          - question: Second question?\n"
	"            answer: Second answer.\n"
	"          - question: Third question?\n"
	"            answer: Third answer.\n"
	"      - references:\n"
	"          - text: A Book. (2020).\n"
	"            url: https://example.org/book\n"
	"          - text: A Leaflet.\n"
	TU_SAMPLE_CHECKLIST
	TU_SAMPLE_GLOSSARY;

static struct document *load_fixture(void)
{
	return tu_must_load_mem("fixture.yaml", fixture, sizeof fixture - 1);
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
	struct document *doc = load_fixture();
	char *out = render(doc, 40, false);

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
		"Question 1 of 3: First question?\n"
		"Answer: First answer.\n"
		"\n"
		"Section 2 of 2: Second\n"
		"\n"
		"Question 2 of 3: Second question?\n"
		"Answer: Second answer.\n"
		"\n"
		"Question 3 of 3: Third question?\n"
		"Answer: Third answer.\n"
		"\n"
		"1. A Book. (2020).\n"
		"   Link: https://example.org/book\n"
		"2. A Leaflet.\n"
		"\n"
		"Warning-sign checklist (2 items)\n"
		"\n"
		"[ ] Fever\n"
		"    A temperature of 38 C or more.\n"
		"\n"
		"[ ] Pain\n"
		"\n"
		"Advice: Tell your team.\n"
		"\n"
		"Glossary (1 term)\n"
		"\n"
		"Lymph: A clear fluid that flows\n"
		"  through thin vessels.\n");
	free(out);
	doc_free(doc);
}
END_TEST

START_TEST(disclaimer_before_first_section)
{
	struct document *doc = tu_must_load_article();
	char *out = render(doc, 80, false);
	char *imp = strstr(out, "Important: This article is for general education");
	char *sec = strstr(out, "Section 1 of ");

	ck_assert_ptr_nonnull(imp);
	ck_assert_ptr_nonnull(sec);
	ck_assert(imp < sec);
	ck_assert(strncmp(out, doc->title, strlen(doc->title)) == 0);
	ck_assert_ptr_nonnull(strstr(out, "By Bilal Hasdemir. Last updated 26 November 2025."));
	free(out);
	doc_free(doc);
}
END_TEST

START_TEST(bullets_hang_under_their_text)
{
	struct document *doc = load_fixture();
	struct tu_capture c;
	struct plain_opts po = { .width = 20 };

	ck_assert_int_eq(plain_section(tu_capture_open(&c), doc, 0, &po), 0);
	const char *out = tu_capture_close(&c);
	ck_assert_ptr_nonnull(strstr(out, "- Apples and pears\n  and plums\n- Bananas\n"));
	ck_assert_ptr_nonnull(strstr(out, "2. Dry thoroughly\n   afterwards\n"));
	ck_assert_int_le(widest(out), 20);
	free(c.text);
	doc_free(doc);
}
END_TEST

START_TEST(table_rows_are_sentences)
{
	struct document *doc = tu_must_load_article();
	char *out = render(doc, 0, false);

	ck_assert_ptr_nonnull(strstr(out,
		"Row 1 of 3. Change: Release of Growth Factors. Description: "
		"Chemotherapy can cause the release of various growth factors. "
		"Potential Impact: May promote tumor growth and metastasis.\n"));
	ck_assert_ptr_nonnull(strstr(out,
		"Row 3 of 3. Benefits of Chemotherapy: Enhances quality of life. "
		"Risks and Possible Complications: Side effects and toxicity.\n"));
	ck_assert_ptr_null(strstr(out, ".."));
	free(out);
	doc_free(doc);
}
END_TEST

START_TEST(faq_numbered_across_the_article)
{
	struct document *doc = tu_must_load_article();
	char *out = render(doc, 80, false);

	ck_assert_uint_eq(doc->nfaq, 10);
	char want[64];
	const char *p = out;
	for (int i = 1; i <= 10; i++) {
		snprintf(want, sizeof want, "\nQuestion %d of 10: ", i);
		const char *q = strstr(p, want);
		ck_assert_msg(q != NULL, "missing %s", want + 1);
		ck_assert_ptr_nonnull(strstr(q, "\nAnswer: "));
		p = q + 1;
	}
	free(out);
	doc_free(doc);
}
END_TEST

START_TEST(single_faq_answer_and_question)
{
	struct document *doc = load_fixture();
	struct tu_capture c;
	struct plain_opts po = { .width = 0 };

	ck_assert_int_eq(plain_faq_answer(tu_capture_open(&c), doc, 2, &po), 0);
	ck_assert_str_eq(tu_capture_close(&c),
			 "Question 3 of 3: Third question?\nAnswer: Third answer.\n");
	free(c.text);
	ck_assert_int_eq(plain_faq_question(tu_capture_open(&c), doc, 0, &po), 0);
	ck_assert_str_eq(tu_capture_close(&c), "Question 1 of 3: First question?\n");
	free(c.text);
	doc_free(doc);
}
END_TEST

START_TEST(contents_checklist_glossary_parts)
{
	struct document *doc = load_fixture();
	struct tu_capture c;
	struct plain_opts po = { .width = 30 };
	bool checked[2] = { false, true };

	ck_assert_int_eq(plain_contents(tu_capture_open(&c), doc, &po), 0);
	ck_assert_str_eq(tu_capture_close(&c), "Contents (2 sections)\n1. First\n2. Second\n");
	free(c.text);

	ck_assert_int_eq(plain_checklist(tu_capture_open(&c), doc, checked, &po), 0);
	ck_assert_str_eq(tu_capture_close(&c),
		"Warning-sign checklist (2\nitems)\n\n"
		"[ ] Fever\n    A temperature of 38 C or\n    more.\n\n"
		"[x] Pain\n\nAdvice: Tell your team.\n");
	free(c.text);

	ck_assert_int_eq(plain_check_item(tu_capture_open(&c), doc, 0, true, &po), 0);
	ck_assert_str_eq(tu_capture_close(&c), "[x] Fever\n    A temperature of 38 C or\n    more.\n");
	free(c.text);

	ck_assert_int_eq(plain_gloss_entry(tu_capture_open(&c), doc, 0, &po), 0);
	ck_assert_str_eq(tu_capture_close(&c),
		"Lymph: A clear fluid that\n  flows through thin vessels.\n");
	free(c.text);
	doc_free(doc);
}
END_TEST

START_TEST(plain_text_hangs_its_prefix)
{
	struct tu_capture c;
	struct plain_opts po = { .width = 24 };

	ck_assert_int_eq(plain_text(tu_capture_open(&c), "Note: ",
				    "one two three four five six seven", &po), 0);
	ck_assert_str_eq(tu_capture_close(&c), "Note: one two three four\n      five six seven\n");
	free(c.text);
}
END_TEST

START_TEST(no_line_wider_than_width)
{
	struct document *doc = tu_must_load_article();

	for (int w = 1; w <= 120; w++) {
		char *out = render(doc, w, false);
		ck_assert_msg(widest(out) <= w, "width %d: a line of %d", w, widest(out));
		free(out);
		out = render(doc, w, true);
		ck_assert_msg(widest(out) <= w, "ascii width %d: a line of %d", w, widest(out));
		free(out);
	}
	doc_free(doc);
}
END_TEST

START_TEST(width_zero_does_not_wrap)
{
	struct document *doc = tu_must_load_article();
	char *out = render(doc, 0, false);

	/* The whole disclaimer on one line. */
	ck_assert_ptr_nonnull(strstr(out, "\nImportant: This article is for general "
		"education and is not medical advice. Please talk to your care team "
		"(your oncology team) about any question you have or any symptom you "
		"notice. In an emergency, call your local emergency number.\n"));
	ck_assert_int_gt(widest(out), 200);
	/* Long links stay whole for copying. */
	ck_assert_ptr_nonnull(strstr(out, "   Link: https://www.cancer.gov/news-events/"
		"cancer-currents-blog/2017/chemotherapy-effect-metastasis\n"));
	free(out);
	doc_free(doc);
}
END_TEST

START_TEST(output_is_clean_text)
{
	struct document *doc = tu_must_load_article();
	for (int w = 0; w <= 80; w += 40) {
		char *out = render(doc, w, false);
		assert_clean(out, false);
		free(out);
		out = render(doc, w, true);
		assert_clean(out, true);
		/* What the transliteration is for. */
		ck_assert_ptr_nonnull(strstr(out, "Chemotherapy -- And"));
		ck_assert_ptr_nonnull(strstr(out, "they're getting"));
		free(out);
	}
	doc_free(doc);
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
	struct document *doc = tu_must_load_article();
	struct plain_opts po = { .width = 80 };
	FILE *f = fopen("/dev/full", "w");

	if (!f)
		return;         /* no /dev/full here: nothing to test against */
	setvbuf(f, NULL, _IONBF, 0);
	errno = 0;
	ck_assert_int_eq(plain_write(f, doc, &po), -1);
	ck_assert_int_eq(errno, ENOSPC);
	fclose(f);
	doc_free(doc);
}
END_TEST

START_TEST(section_alone)
{
	struct document *doc = load_fixture();
	struct tu_capture c;
	struct plain_opts po = { .width = 60 };

	ck_assert_int_eq(plain_section(tu_capture_open(&c), doc, 1, &po), 0);
	const char *out = tu_capture_close(&c);
	ck_assert(strncmp(out, "Section 2 of 2: Second\n\nQuestion 2 of 3:", 40) == 0);
	ck_assert_ptr_null(strstr(out, "Section 1"));
	ck_assert_ptr_null(strstr(out, "Important:"));
	ck_assert(out[strlen(out) - 1] == '\n' && out[strlen(out) - 2] != '\n');
	free(c.text);
	doc_free(doc);
}
END_TEST

static Suite *plain_suite(void)
{
	Suite *s = suite_create("plain");
	TCase *t = tu_tcase(s, "plain");

	tcase_set_timeout(t, 60);
	tu_add_tests(t, every_block_kind, disclaimer_before_first_section,
		     bullets_hang_under_their_text, table_rows_are_sentences,
		     faq_numbered_across_the_article,
		     single_faq_answer_and_question,
		     contents_checklist_glossary_parts,
		     plain_text_hangs_its_prefix, no_line_wider_than_width,
		     width_zero_does_not_wrap, output_is_clean_text,
		     hostile_strings_are_neutralised, write_error_is_reported,
		     section_alone);
	return s;
}

int main(void)
{
	tu_utf8_locale();
	return tu_run(plain_suite());
}
