/* check_layout.c - display lines, sub-views, help from the key table, search. */
#define _GNU_SOURCE
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "help.h"
#include "keymap.h"
#include "layout.h"
#include "reader_fixture.h"
#include "search.h"
#include "state.h"
#include "testutil.h"

static const struct document *doc;
static struct reader_state st;
static struct layout lay;

static void setup(void)
{
	doc = fixture_doc();
	fixture_state(&st, doc, 0, 0);
	layout_init(&lay);
}

static void teardown(void)
{
	layout_free(&lay);
	state_free(&st);
}

/* Does any line of lay hold needle? */
static long find_text(const struct layout *l, const char *needle)
{
	for (size_t i = 0; i < l->n; i++)
		if (memmem(l->lines[i].text, l->lines[i].len, needle, strlen(needle)))
			return (long)i;
	return -1;
}

/* Lays out section s of doc at width w into lay. */
static void lay_out(size_t s, int w)
{
	ck_assert_int_eq(layout_section(&lay, doc, input_of(&st), s, w), 0);
}

/* The same, and the first line holding text, which must be there. */
static long line_of(size_t s, int w, const char *text)
{
	long i;

	lay_out(s, w);
	i = find_text(&lay, text);
	ck_assert_msg(i >= 0, "no \"%s\" in section %zu at width %d", text, s, w);
	return i;
}

static void assert_fits(const struct layout *l, int width)
{
	for (size_t i = 0; i < l->n; i++) {
		const struct layout_line *ln = &l->lines[i];
		ck_assert_msg(layout_line_cols(ln) <= width,
			      "line %zu is %d columns at width %d: '%.*s'", i,
			      layout_line_cols(ln), width, (int)ln->len, ln->text);
		ck_assert(ln->len == 0 || ln->text != NULL);
		ck_assert(!memchr(ln->text, '\n', ln->len));
	}
}

START_TEST(test_never_wider_than_width)
{
	/* Everything open and ticked, so every kind of line shows. */
	for (size_t i = 0; i < doc->nfaq; i++)
		state_toggle_faq(&st, i);
	state_toggle_check(&st, 0);
	for (int ascii = 0; ascii < 2; ascii++) {
		st.ascii = ascii;
		for (int w = 20; w <= 200; w++) {
			for (size_t s = 0; s < doc->nsections; s++) {
				lay_out(s, w);
				ck_assert(lay.n > 0);
				assert_fits(&lay, w);
			}
			for (int v = VIEW_CONTENTS; v < VIEW_COUNT; v++) {
				st.view = (enum view)v;
				ck_assert_int_eq(layout_view(&lay, doc, st.view, input_of(&st), w), 0);
				assert_fits(&lay, w);
			}
			st.view = VIEW_MAIN;
			ck_assert_int_eq(layout_checklist(&lay, doc, input_of(&st), w), 0);
			assert_fits(&lay, w);
		}
	}
}
END_TEST

START_TEST(test_first_page_head)
{
	lay_out(0, 80);
	ck_assert_int_eq(lay.lines[0].role, ROLE_TITLE);
	long d = -1, h = -1;
	for (size_t i = 0; i < lay.n; i++) {
		if (lay.lines[i].role == ROLE_DISCLAIMER && d < 0)
			d = (long)i;
		if (lay.lines[i].role == ROLE_HEADING && h < 0)
			h = (long)i;
	}
	ck_assert_int_ge(d, 0);
	ck_assert_int_gt(h, d);
	ck_assert_int_ge(find_text(&lay, "By A. Author. Last updated 26 November 2025. Source: A Hospital"), 0);
	/* Other sections start with their own heading. */
	lay_out(1, 80);
	ck_assert_int_eq(lay.lines[0].role, ROLE_HEADING);
	ck_assert_int_eq(lay.lines[0].block, LAYOUT_HEADING);
	ck_assert_int_lt(find_text(&lay, "not medical advice"), 0);
}
END_TEST

/* Reviewed sits beside the date; the licence after the source and its
 * link, on a line of its own. */
START_TEST(test_first_page_credits)
{
	struct document d = *doc;

	d.reviewed = "2025-12-30";
	d.license = "Public domain (a US government work)";
	/* Wide enough that the byline is one line. */
	ck_assert_int_eq(layout_section(&lay, &d, input_of(&st), 0, 120), 0);
	ck_assert_int_ge(find_text(&lay, "By A. Author. Last updated 26 November 2025. Reviewed 30 December 2025. Source: A Hospital"), 0);
	long l = find_text(&lay, "Licence: Public domain (a US government work)");
	ck_assert_int_gt(l, find_text(&lay, "Source: A Hospital"));
	ck_assert_int_eq(lay.lines[l].role, ROLE_BYLINE);
	d.author = NULL;
	d.updated = NULL;
	ck_assert_int_eq(layout_section(&lay, &d, input_of(&st), 0, 80), 0);
	ck_assert_int_ge(find_text(&lay, "Reviewed 30 December 2025. Source: A Hospital"), 0);
	ck_assert_int_lt(find_text(&lay, ". Reviewed"), 0);
	d.publisher = NULL;
	d.source_url = NULL;
	ck_assert_int_eq(layout_section(&lay, &d, input_of(&st), 0, 80), 0);
	l = find_text(&lay, "Reviewed 30 December 2025");
	ck_assert_int_ge(l, 0);
	ck_assert_uint_eq(lay.lines[l].len, strlen("Reviewed 30 December 2025"));
	ck_assert_int_eq(find_text(&lay, "Licence: "), l + 1);
}
END_TEST

START_TEST(test_table_grid_when_wide)
{
	long h = line_of(1, 100, "Description");
	ck_assert_int_eq(lay.lines[h].role, ROLE_TABLE_HEADER);
	ck_assert(memmem(lay.lines[h].text, lay.lines[h].len, "Change", 6));
	ck_assert(memmem(lay.lines[h].text, lay.lines[h].len, "Sign", 4));
	ck_assert_int_lt(find_text(&lay, "Change: "), 0);
	/* Columns line up: "Description" starts where row 1's text does. */
	const char *hd = memmem(lay.lines[h].text, lay.lines[h].len, "Description", 11);
	long r = find_text(&lay, "The body reacts");
	const char *cell = memmem(lay.lines[r].text, lay.lines[r].len, "The body", 8);
	ck_assert_int_eq(hd - lay.lines[h].text, cell - lay.lines[r].text);
}
END_TEST

START_TEST(test_table_falls_back_when_narrow)
{
	long c = line_of(1, 28, "Change: Inflammation");
	ck_assert_int_eq(lay.lines[c].role, ROLE_TABLE_CELL);
	ck_assert_int_eq(lay.lines[c].item, 0);
	ck_assert_int_eq(lay.lines[c].field, 0);
	ck_assert_int_ge(find_text(&lay, "Sign: New lumps"), 0);
	ck_assert_int_lt(find_text(&lay, "Change  "), 0);
}
END_TEST

START_TEST(test_faq_panes)
{
	long q = line_of(2, 60, "Can cancer grow");
	ck_assert_str_eq(lay.lines[q].prefix, "[+] ");
	ck_assert_int_eq(lay.lines[q].faq, 0);
	ck_assert_int_lt(find_text(&lay, "Sometimes it can"), 0);
	state_toggle_faq(&st, 0);
	q = line_of(2, 60, "Can cancer grow");
	ck_assert_str_eq(lay.lines[q].prefix, "[-] ");
	ck_assert(lay.lines[q].flags & LINE_OPEN);
	ck_assert_int_eq(lay.lines[q + 1].role, ROLE_FAQ_ANSWER);
	ck_assert_int_eq(lay.lines[q + 1].indent, 4);
	ck_assert_int_ge(find_text(&lay, "Sometimes it can"), 0);
}
END_TEST

START_TEST(test_lists_hang)
{
	long b = line_of(0, 30, "A bullet item");
	ck_assert_str_eq(lay.lines[b].prefix, "- ");
	ck_assert(lay.lines[b].flags & LINE_FIRST);
	ck_assert_int_eq(lay.lines[b + 1].role, ROLE_BULLET);
	ck_assert_ptr_null(lay.lines[b + 1].prefix);
	ck_assert_int_eq(lay.lines[b + 1].indent, 2);
	long n = line_of(1, 30, "Second step");
	ck_assert_str_eq(lay.lines[n].prefix, "2. ");
	ck_assert_int_eq(lay.lines[n + 1].indent, 3);
}
END_TEST

START_TEST(test_references_and_quote)
{
	long r = line_of(3, 80, "A study of tumor");
	ck_assert_str_eq(lay.lines[r].prefix, "[1] ");
	ck_assert_int_eq(lay.lines[r + 1].role, ROLE_URL);
	ck_assert_int_eq((int)lay.lines[r + 1].len, (int)strlen("https://example.org/study"));
	long q = line_of(1, 80, "Early detection");
	ck_assert_int_eq(lay.lines[q].role, ROLE_QUOTE);
	ck_assert_int_gt(lay.lines[q].indent, 0);
	ck_assert_int_ge(find_text(&lay, "A doctor"), 0);
}
END_TEST

START_TEST(test_ascii_only)
{
	st.ascii = true;
	for (size_t s = 0; s < doc->nsections; s++) {
		lay_out(s, 50);
		for (size_t i = 0; i < lay.n; i++)
			for (size_t k = 0; k < lay.lines[i].len; k++)
				ck_assert_uint_lt((unsigned char)lay.lines[i].text[k], 0x80);
	}
	lay_out(0, 80);
	ck_assert_int_ge(find_text(&lay, "How Does Cancer Spread -"), 0);
	st.ascii = false;
	lay_out(0, 80);
	ck_assert_int_ge(find_text(&lay, "Spread \xe2\x80\x94 And"), 0);
}
END_TEST

/* Collects what help_each() says. */
struct seen {
	bool action[ACTION_COUNT];
	size_t n;
};

static void seen_emit(void *ctx, enum action a, const char *keys, const char *text)
{
	struct seen *s = ctx;
	ck_assert(keys[0] != '\0');
	ck_assert_str_eq(text, action_help(a));
	s->action[a] = true;
	s->n++;
}

START_TEST(test_help_lists_every_bound_action)
{
	struct seen s = { 0 };
	const struct key_binding *b;
	size_t count = help_each(seen_emit, &s);

	ck_assert_uint_eq(count, s.n);
	for (size_t i = 0; (b = keymap_binding(i)); i++)
		ck_assert_msg(s.action[b->action], "%s bound but not in help",
			      action_name(b->action));
	/* Every action has a key: an action nobody can reach is a bug. */
	for (int a = ACTION_NONE + 1; a < ACTION_COUNT; a++)
		ck_assert_msg(s.action[a], "%s has no key", action_name((enum action)a));
	/* And the help view shows each one's keys and text. */
	st.view = VIEW_HELP;
	ck_assert_int_eq(layout_view(&lay, doc, st.view, input_of(&st), 100), 0);
	for (int a = ACTION_NONE + 1; a < ACTION_COUNT; a++) {
		char keys[128];
		help_keys((enum action)a, keys, sizeof keys);
		ck_assert_int_ge(find_text(&lay, keys), 0);
		ck_assert_int_ge(find_text(&lay, action_help((enum action)a)), 0);
	}
}
END_TEST

START_TEST(test_help_keys_text)
{
	char buf[128];

	help_keys(ACTION_PAGE_DOWN, buf, sizeof buf);
	ck_assert_str_eq(buf, "Space, PgDn, f");
	help_keys(ACTION_TOGGLE, buf, sizeof buf);
	ck_assert_str_eq(buf, "Enter, Space in the checklist, x in the checklist");
	help_keys(ACTION_WHERE, buf, sizeof buf);
	ck_assert_str_eq(buf, "=, Ctrl-G");
	/* Truncation still counts the full length. */
	ck_assert_uint_eq(help_keys(ACTION_PAGE_DOWN, buf, 4), strlen("Space, PgDn, f"));
	ck_assert_str_eq(buf, "Spa");
}
END_TEST

START_TEST(test_hint_fits)
{
	char buf[256];

	for (int cols = 0; cols <= 120; cols += 7) {
		size_t n = help_hint(KEYCTX_MAIN, NULL, cols, buf, sizeof buf);
		ck_assert_uint_le(n, (size_t)cols);
		ck_assert_uint_eq(strlen(buf), n);
	}
	help_hint(KEYCTX_MAIN, NULL, 200, buf, sizeof buf);
	ck_assert(strstr(buf, "?:help") == buf);
	ck_assert(strstr(buf, "q:quit") != NULL);
	/* In a library's article q goes back to the library: the hint says so. */
	help_hint(KEYCTX_MAIN, "library", 200, buf, sizeof buf);
	ck_assert(strstr(buf, "q:library") != NULL);
	ck_assert(strstr(buf, "quit") == NULL);
	help_hint(KEYCTX_VIEW, "library", 200, buf, sizeof buf);
	ck_assert(strstr(buf, "q:back") != NULL);
	ck_assert(strstr(buf, "quit") == NULL);
}
END_TEST

START_TEST(test_summary)
{
	st.view = VIEW_SUMMARY;
	ck_assert_int_eq(layout_view(&lay, doc, st.view, input_of(&st), 70), 0);
	ck_assert_int_ge(find_text(&lay, "No warning signs are checked."), 0);
	ck_assert_int_ge(find_text(&lay, "Tell your doctor right away."), 0);
	ck_assert_int_ge(find_text(&lay, "This is not medical advice."), 0);
	state_toggle_check(&st, 2);
	ck_assert_int_eq(layout_view(&lay, doc, st.view, input_of(&st), 70), 0);
	ck_assert_int_lt(find_text(&lay, "No warning signs are checked."), 0);
	ck_assert_int_ge(find_text(&lay, "Tiredness that does not go away"), 0);
	ck_assert_int_ge(find_text(&lay, "Fatigue that rest does not help."), 0);
	ck_assert_int_lt(find_text(&lay, "New lumps"), 0);
}
END_TEST

START_TEST(test_checklist_and_contents_views)
{
	state_toggle_check(&st, 1);
	ck_assert_int_eq(layout_checklist(&lay, doc, input_of(&st), 30), 0);
	long c = find_text(&lay, "New lumps");
	ck_assert_str_eq(lay.lines[c].prefix, "[x] ");
	ck_assert(lay.lines[c].flags & LINE_CHECKED);
	ck_assert_int_eq(lay.lines[c].check, 1);
	ck_assert_str_eq(lay.lines[c - 1].prefix, "[ ] ");
	st.view = VIEW_CONTENTS;
	st.view_cursor = 2;
	ck_assert_int_eq(layout_view(&lay, doc, st.view, input_of(&st), 40), 0);
	long e = find_text(&lay, "Questions");
	ck_assert_int_eq(lay.lines[e].section, 2);
	ck_assert(lay.lines[e].flags & LINE_FOCUS);
	ck_assert_str_eq(lay.lines[e].prefix, "3. ");
}
END_TEST

START_TEST(test_glossary_view)
{
	st.view = VIEW_GLOSSARY;
	ck_assert_int_eq(layout_view(&lay, doc, st.view, input_of(&st), 40), 0);
	long t = find_text(&lay, "Metastasis");
	ck_assert_int_eq(lay.lines[t].role, ROLE_TERM);
	ck_assert_int_eq(lay.lines[t + 1].role, ROLE_DEFINITION);
}
END_TEST

START_TEST(test_search_module)
{
	struct search_match m, from;
	bool wrapped;
	size_t at, n;
	char where[128];

	ck_assert(search_in("Hello World", 11, "world", 0, &at, &n));
	ck_assert_uint_eq(at, 6);
	ck_assert_uint_eq(n, 5);
	ck_assert(!search_in("Hello", 5, "", 0, &at, &n));
	ck_assert(!search_in("Hello", 5, "hello!", 0, &at, &n));
	ck_assert(search_next(doc, "zebrafish", NULL, 1, &m, &wrapped));
	ck_assert_uint_eq(m.section, 2);
	ck_assert_int_eq(m.faq, 1);
	ck_assert_int_eq(m.field, 1);
	ck_assert(!wrapped);
	/* Table cells and reference URLs are searched too. */
	ck_assert_str_eq(tu_first_match(doc, "new lumps", where, sizeof where),
			 "section 1 block 0 item 2 field 2 faq -1 at 0+9");
	ck_assert_str_eq(tu_first_match(doc, "example.org/study", where,
					sizeof where),
			 "section 3 block 1 item 0 field 1 faq -1 at 8+17");
	/* Backwards from the start wraps to the end. */
	memset(&from, 0, sizeof from);
	from.block = -1;
	from.item = -1;
	ck_assert(search_next(doc, "alpha", &from, -1, &m, &wrapped));
	ck_assert_uint_eq(m.section, 2);
	ck_assert(wrapped);
	ck_assert(!search_next(doc, "xyzzy", NULL, 1, &m, NULL));
}
END_TEST

struct each_log {
	struct search_match m[4096];
	size_t n, stop_at;
};

static bool log_match(const struct search_match *m, void *arg)
{
	struct each_log *log = arg;

	if (log->n < sizeof log->m / sizeof log->m[0])
		log->m[log->n] = *m;
	log->n++;
	return log->n != log->stop_at;
}

/* search_each() is search_next() from the start to the end, in one walk:
 * the same matches in the same order, overlapping ones included. */
START_TEST(test_search_each_is_search_next)
{
	static const char *const queries[] = {
		"a", "the", "ss", "alpha", "example.org", "zebrafish", "xyzzy",
		"\xe2\x80\x94", "'",
	};
	struct document *article = tu_must_load_article();
	const struct document *docs[2] = { doc, article };

	for (size_t d = 0; d < 2; d++)
		for (size_t q = 0; q < sizeof queries / sizeof queries[0]; q++) {
			static struct each_log log;
			struct search_match m, prev;
			size_t n = 0;
			bool wrapped = false, have = false;

			memset(&log, 0, sizeof log);
			ck_assert_uint_eq(search_each(docs[d], queries[q],
						      log_match, &log), log.n);
			while (search_next(docs[d], queries[q], have ? &prev : NULL,
					   1, &m, &wrapped) && !wrapped) {
				ck_assert_msg(n < log.n, "%s: more by search_next",
					      queries[q]);
				ck_assert_msg(m.section == log.m[n].section &&
					      m.block == log.m[n].block &&
					      m.item == log.m[n].item &&
					      m.field == log.m[n].field &&
					      m.faq == log.m[n].faq &&
					      m.off == log.m[n].off &&
					      m.len == log.m[n].len,
					      "%s: match %zu differs", queries[q], n);
				prev = m;
				have = true;
				n++;
			}
			ck_assert_uint_eq(n, log.n);
			ck_assert_msg(log.n < sizeof log.m / sizeof log.m[0],
				      "raise the log's size");
			if (strcmp(queries[q], "a") == 0)
				ck_assert_uint_gt(log.n, 100);
		}
	/* fn stops the walk. */
	{
		static struct each_log log;

		memset(&log, 0, sizeof log);
		log.stop_at = 3;
		ck_assert_uint_eq(search_each(docs[1], "a", log_match, &log), 3);
		ck_assert_uint_eq(search_each(docs[1], "", log_match, &log), 0);
	}
	doc_free(article);
}
END_TEST

START_TEST(test_relayout_reuses)
{
	lay_out(0, 40);
	size_t n = lay.n;
	struct layout_line *lines = lay.lines;
	lay_out(2, 40);
	lay_out(0, 40);
	ck_assert_uint_eq(lay.n, n);
	ck_assert_ptr_eq(lay.lines, lines);     /* no new array */
	ck_assert_int_eq(lay.width, 40);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("layout");
	TCase *tc = tu_tcase(s, "core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tu_add_tests(tc, test_never_wider_than_width, test_first_page_head,
		     test_first_page_credits, test_table_grid_when_wide,
		     test_table_falls_back_when_narrow, test_faq_panes,
		     test_lists_hang, test_references_and_quote,
		     test_ascii_only, test_help_lists_every_bound_action,
		     test_help_keys_text, test_hint_fits, test_summary,
		     test_checklist_and_contents_views, test_glossary_view,
		     test_search_module, test_search_each_is_search_next,
		     test_relayout_reuses);
	return tu_run(s);
}
