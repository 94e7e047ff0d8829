/* check_state.c - the reader's state machine, driven by actions and keys. */
#define _GNU_SOURCE
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keymap.h"
#include "reader_fixture.h"
#include "state.h"
#include "testutil.h"
#include "utf8.h"

static const struct document *doc;
static struct reader_state st;

static void setup(void)
{
	doc = fixture_doc();
	fixture_state(&st, doc, 80, 24);
}

static void teardown(void)
{
	state_free(&st);
}

static size_t lines(void)
{
	return state_body(&st, doc)->n;
}

static size_t rows(void)
{
	struct geometry g;
	state_geometry(&st, &g);
	return (size_t)g.body_rows;
}

static unsigned act(enum action a)
{
	return state_apply(&st, doc, a);
}

/* Index of the first question line of FAQ item k in the body, or -1. */
static long question_line(int k)
{
	const struct layout *lay = state_body(&st, doc);
	for (size_t i = 0; i < lay->n; i++)
		if (lay->lines[i].faq == k && lay->lines[i].role == ROLE_FAQ_QUESTION)
			return (long)i;
	return -1;
}

START_TEST(test_init)
{
	ck_assert_uint_eq(st.section, 0);
	ck_assert_uint_eq(st.top, 0);
	ck_assert_int_eq(st.faq_focus, -1);
	ck_assert_int_eq(st.view, VIEW_MAIN);
	ck_assert_uint_eq(st.nchecked, 0);
	ck_assert(lines() > rows());
}
END_TEST

START_TEST(test_page_down_continues)
{
	size_t guard = 0;
	unsigned r = act(ACTION_PAGE_DOWN);

	ck_assert(r & REDRAW_BODY);
	ck_assert_uint_eq(st.top, rows());
	ck_assert_uint_eq(st.section, 0);
	/* Keep paging: the section ends, and the next begins at its top. */
	while (st.section == 0 && guard++ < 100)
		act(ACTION_PAGE_DOWN);
	ck_assert_uint_eq(st.section, 1);
	ck_assert_uint_eq(st.top, 0);
}
END_TEST

START_TEST(test_page_up_goes_back_to_end)
{
	state_goto_section(&st, doc, 1);
	act(ACTION_PAGE_UP);
	ck_assert_uint_eq(st.section, 0);
	ck_assert_uint_eq(st.top, lines() - rows());
	ck_assert(st.top > 0);
	act(ACTION_PAGE_UP);
	ck_assert_uint_eq(st.top, lines() - 2 * rows());
}
END_TEST

START_TEST(test_top_bottom)
{
	act(ACTION_BOTTOM);
	ck_assert_uint_eq(st.top, lines() - rows());
	act(ACTION_LINE_DOWN);
	ck_assert_uint_eq(st.top, lines() - rows());
	ck_assert_uint_eq(st.section, 0);
	act(ACTION_TOP);
	ck_assert_uint_eq(st.top, 0);
	act(ACTION_LINE_UP);
	ck_assert_uint_eq(st.top, 0);
	/* The keys, not just the actions. */
	state_key(&st, doc, 'G');
	ck_assert_uint_eq(st.top, lines() - rows());
	state_key(&st, doc, KEYC_HOME);
	ck_assert_uint_eq(st.top, 0);
}
END_TEST

START_TEST(test_section_bounds)
{
	act(ACTION_PREV_SECTION);
	ck_assert_uint_eq(st.section, 0);
	ck_assert_str_eq(st.status, "This is the first section.");
	state_key(&st, doc, KEYC_RIGHT);
	state_key(&st, doc, ']');
	state_key(&st, doc, ']');
	ck_assert_uint_eq(st.section, 3);
	act(ACTION_NEXT_SECTION);
	ck_assert_uint_eq(st.section, 3);
	ck_assert_str_eq(st.status, "This is the last section.");
	state_key(&st, doc, '[');
	ck_assert_uint_eq(st.section, 2);
	ck_assert_str_eq(st.status, "");
}
END_TEST

START_TEST(test_faq_focus_moves)
{
	state_goto_section(&st, doc, 2);
	act(ACTION_FOCUS_NEXT);
	ck_assert_int_eq(st.faq_focus, 0);
	act(ACTION_FOCUS_NEXT);
	ck_assert_int_eq(st.faq_focus, 1);
	act(ACTION_FOCUS_NEXT);
	ck_assert_int_eq(st.faq_focus, 2);
	act(ACTION_FOCUS_PREV);
	ck_assert_int_eq(st.faq_focus, 1);
	/* The cursor sits on the focused question. */
	ck_assert_uint_eq(state_cursor_line(&st, doc), (size_t)question_line(1));
	ck_assert(state_body(&st, doc)->lines[question_line(1)].flags & LINE_FOCUS);
}
END_TEST

START_TEST(test_faq_focus_scrolls_text_first)
{
	/* In a section of text without questions, Down scrolls a line. */
	act(ACTION_FOCUS_NEXT);
	ck_assert_uint_eq(st.top, 1);
	ck_assert_int_eq(st.faq_focus, -1);
}
END_TEST

START_TEST(test_faq_toggle)
{
	state_goto_section(&st, doc, 2);
	act(ACTION_FOCUS_NEXT);
	act(ACTION_FOCUS_NEXT);
	size_t before = lines();
	state_key(&st, doc, '\n');
	ck_assert(st.faq_open[1]);
	ck_assert(lines() > before);
	long q = question_line(1);
	const struct layout_line *ans = &state_body(&st, doc)->lines[q + 1];
	ck_assert_int_eq(ans->role, ROLE_FAQ_ANSWER);
	ck_assert_int_eq(ans->faq, 1);
	state_key(&st, doc, KEYC_ENTER);
	ck_assert(!st.faq_open[1]);
	ck_assert_uint_eq(lines(), before);
	/* Space pages in the text; it never toggles there. */
	ck_assert_int_eq(keymap_lookup(KEYCTX_MAIN, ' '), ACTION_PAGE_DOWN);
}
END_TEST

START_TEST(test_toggle_without_focus)
{
	state_goto_section(&st, doc, 2);
	act(ACTION_TOGGLE);
	for (size_t i = 0; i < doc->nfaq; i++)
		ck_assert(!st.faq_open[i]);
	ck_assert(strstr(st.status, "Up and Down") != NULL);
}
END_TEST

START_TEST(test_expand_collapse_all)
{
	state_goto_section(&st, doc, 2);
	state_key(&st, doc, '+');
	ck_assert(st.faq_open[0] && st.faq_open[1] && st.faq_open[2]);
	ck_assert(!st.faq_open[3]);     /* another section's question */
	state_key(&st, doc, '-');
	ck_assert(!st.faq_open[0] && !st.faq_open[1] && !st.faq_open[2]);
	state_goto_section(&st, doc, 0);
	act(ACTION_EXPAND_ALL);
	ck_assert_str_eq(st.status, "There are no questions in this section.");
}
END_TEST

START_TEST(test_checklist_side_pane)
{
	state_resize(&st, doc, 100, 30);
	ck_assert_int_eq(state_keymap_context(&st), KEYCTX_MAIN);
	state_key(&st, doc, '\t');
	ck_assert_int_eq(st.pane, PANE_SIDE);
	state_key(&st, doc, KEYC_DOWN);
	ck_assert_uint_eq(st.check_cursor, 1);
	unsigned r = state_key(&st, doc, ' ');
	ck_assert(r & REDRAW_SIDE);
	ck_assert(st.checked[1]);
	ck_assert_uint_eq(st.nchecked, 1);
	state_key(&st, doc, KEYC_DOWN);
	state_key(&st, doc, KEYC_ENTER);
	ck_assert_uint_eq(st.nchecked, 2);
	state_key(&st, doc, ' ');
	ck_assert(!st.checked[2]);
	ck_assert_uint_eq(st.nchecked, 1);
	/* The side pane's title counts, and the ticked item says so. */
	const struct layout *side = state_side(&st, doc);
	ck_assert(strncmp(side->lines[0].text, "Warning signs 1/3", side->lines[0].len) == 0);
	state_key(&st, doc, KEYC_TAB);
	ck_assert_int_eq(st.pane, PANE_MAIN);
}
END_TEST

START_TEST(test_checklist_narrow)
{
	state_resize(&st, doc, 60, 20);
	act(ACTION_SWITCH_PANE);
	ck_assert_int_eq(st.pane, PANE_MAIN);
	ck_assert(strstr(st.status, "c opens the checklist") != NULL);
	state_key(&st, doc, 'c');
	ck_assert_int_eq(st.view, VIEW_CHECKLIST);
	state_key(&st, doc, ' ');
	ck_assert(st.checked[0]);
	state_key(&st, doc, 'd');
	ck_assert_int_eq(st.view, VIEW_DETAIL);
	state_key(&st, doc, 'q');
	ck_assert_int_eq(st.view, VIEW_CHECKLIST);
	unsigned r = state_key(&st, doc, 'q');
	ck_assert(!(r & REDRAW_QUIT));
	ck_assert_int_eq(st.view, VIEW_MAIN);
}
END_TEST

START_TEST(test_checklist_wide_focuses_side)
{
	state_resize(&st, doc, 120, 40);
	state_key(&st, doc, 'c');
	ck_assert_int_eq(st.view, VIEW_MAIN);
	ck_assert_int_eq(st.pane, PANE_SIDE);
	int y, x;
	struct geometry g;
	state_geometry(&st, &g);
	state_cursor(&st, doc, &y, &x);
	ck_assert_int_ge(x, g.side_col);
}
END_TEST

START_TEST(test_contents_jump)
{
	state_key(&st, doc, 't');
	ck_assert_int_eq(st.view, VIEW_CONTENTS);
	ck_assert_uint_eq(st.view_cursor, 0);
	state_key(&st, doc, KEYC_DOWN);
	state_key(&st, doc, 'j');
	state_key(&st, doc, KEYC_ENTER);
	ck_assert_int_eq(st.view, VIEW_MAIN);
	ck_assert_uint_eq(st.section, 2);
	ck_assert_uint_eq(st.top, 0);
}
END_TEST

START_TEST(test_search_opens_answer)
{
	unsigned r = act(ACTION_SEARCH);
	ck_assert(r & REDRAW_PROMPT);
	state_search(&st, doc, "ZEBRAFISH");
	ck_assert_str_eq(st.status, "");
	ck_assert_uint_eq(st.section, 2);
	ck_assert(st.faq_open[1]);
	ck_assert_int_eq(st.faq_focus, 1);
	ck_assert(st.have_match);
	/* The line holding the match is on screen and holds the word. */
	const struct layout *lay = state_body(&st, doc);
	bool seen = false;
	for (size_t i = st.top; i < lay->n && i < st.top + rows(); i++)
		if (memmem(lay->lines[i].text, lay->lines[i].len, "zebrafish", 9))
			seen = true;
	ck_assert(seen);
}
END_TEST

/* The screen place of the text the query finds on screen row y: column
 * of its first character, or -1. */
static int col_of(int y, const char *word)
{
	struct geometry g;
	const struct layout *lay = state_body(&st, doc);
	size_t i = st.top + (size_t)(y - 1), at, n;

	state_geometry(&st, &g);
	if (y < g.body_row || i >= lay->n)
		return -1;
	const struct layout_line *l = &lay->lines[i];
	if (!search_in(l->text, l->len, word, 0, &at, &n))
		return -1;
	return l->indent + l->prefix_cols + utf8_width(l->text, at);
}

/* After a search the hardware cursor is on the match, not at the top
 * left; the next key takes it back to the focus. */
START_TEST(test_cursor_on_match)
{
	int y, x;

	for (int ascii = 0; ascii <= 1; ascii++) {
		st.ascii = ascii;
		state_goto_section(&st, doc, 0);
		state_search(&st, doc, "ZEBRAFISH");
		state_cursor(&st, doc, &y, &x);
		ck_assert_msg(x > 0 && x == col_of(y, "zebrafish"),
			      "ascii %d: cursor at %d,%d, match at column %d", ascii,
			      y, x, col_of(y, "zebrafish"));
		/* n goes to the next match: the cursor follows it. */
		state_search(&st, doc, "alpha");
		state_key(&st, doc, 'n');
		state_cursor(&st, doc, &y, &x);
		ck_assert_int_eq(x, col_of(y, "alpha"));
		/* A key that is not a search gives the cursor back to the
		 * focus, at the start of its line. */
		act(ACTION_LINE_DOWN);
		state_cursor(&st, doc, &y, &x);
		struct layout_line l = state_body(&st, doc)->lines[state_cursor_line(&st, doc)];
		ck_assert_int_eq(x, l.indent);
	}
}
END_TEST

/* One column: no side pane at any width, the checklist a screen of its
 * own, as below 80 columns. */
START_TEST(test_one_column)
{
	struct geometry g;

	st.one_column = true;
	state_resize(&st, doc, 132, 43);
	state_geometry(&st, &g);
	ck_assert_int_eq(g.side_cols, 0);
	ck_assert_int_eq(g.main_cols, 132);
	ck_assert_ptr_null(state_side(&st, doc));
	act(ACTION_SWITCH_PANE);
	ck_assert_int_eq(st.pane, PANE_MAIN);
	ck_assert_str_eq(st.status, "One column: c opens the checklist.");
	state_key(&st, doc, 'c');
	ck_assert_int_eq(st.view, VIEW_CHECKLIST);
	/* It is a setting: forgetting the reader keeps it. */
	state_reset(&st);
	ck_assert(st.one_column);
}
END_TEST

START_TEST(test_search_wraps)
{
	state_goto_section(&st, doc, 3);
	state_search(&st, doc, "inflammation");
	ck_assert_uint_eq(st.section, 1);
	ck_assert_str_eq(st.status, "Search went round the end of the article.");
}
END_TEST

START_TEST(test_search_next_prev)
{
	/* "alpha": paragraph 0 of section 0, then answer 2 of section 2. */
	state_search(&st, doc, "alpha");
	ck_assert_uint_eq(st.section, 0);
	ck_assert_int_eq(st.match.block, 0);
	state_key(&st, doc, 'n');
	ck_assert_uint_eq(st.section, 2);
	ck_assert(st.faq_open[2]);
	state_key(&st, doc, 'n');
	ck_assert_uint_eq(st.section, 0);
	ck_assert_str_eq(st.status, "Search went round the end of the article.");
	state_key(&st, doc, 'N');
	ck_assert_uint_eq(st.section, 2);
}
END_TEST

START_TEST(test_search_not_found)
{
	state_goto_section(&st, doc, 1);
	state_search(&st, doc, "xyzzy");
	ck_assert_str_eq(st.status, "Pattern not found: xyzzy");
	ck_assert_uint_eq(st.section, 1);
	act(ACTION_SEARCH_NEXT);
	ck_assert_str_eq(st.status, "Pattern not found: xyzzy");
	/* A status cut short ends on a whole character: no '?' at its end.
	 * "Pattern not found: x" is 20 bytes, so the 159 bytes the status
	 * holds end in the middle of an 'é' unless it is cut before it. */
	char query[300] = "x";
	for (int i = 0; i < 100; i++)
		strcat(query, "\xc3\xa9");
	state_search(&st, doc, query);
	size_t n = strlen(st.status);
	ck_assert_uint_eq(n, 20 + 2 * 69);
	ck_assert_uint_eq(utf8_cut(st.status, n, n), n);
}
END_TEST

START_TEST(test_where)
{
	char want[160], buf[160];
	size_t n = lines();

	state_toggle_check(&st, 2);
	state_key(&st, doc, '=');
	snprintf(want, sizeof want, "Section 1 of 4, lines 1-22 of %zu (%zu%%), "
		 "1 of 3 signs ticked", n, 22 * 100 / n);
	ck_assert_str_eq(st.status, want);
	state_key(&st, doc, KEYC_CTRL('g'));
	ck_assert_str_eq(st.status, want);
	act(ACTION_BOTTOM);
	state_where(&st, doc, buf, sizeof buf);
	ck_assert(strstr(buf, "(100%)") != NULL);
}
END_TEST

START_TEST(test_resize_keeps_place)
{
	act(ACTION_PAGE_DOWN);
	act(ACTION_PAGE_DOWN);
	const struct layout_line old = state_body(&st, doc)->lines[st.top];
	ck_assert_int_ge(old.block, 0);
	for (int w = 30; w <= 200; w += 17) {
		state_resize(&st, doc, w, 24);
		const struct layout *lay = state_body(&st, doc);
		size_t i = 0;
		/* The line that now holds the old top line's first word... */
		while (i < lay->n && !(lay->lines[i].block == old.block
				       && lay->lines[i].item == old.item
				       && lay->lines[i].off + lay->lines[i].len >= old.off))
			i++;
		ck_assert_uint_lt(i, lay->n);
		ck_assert_uint_le(lay->lines[i].off, old.off);
		/* ...is the top line, unless the section ends too soon for that. */
		if (st.top + rows() < lay->n)
			ck_assert_uint_eq(st.top, i);
		else
			ck_assert(i >= st.top && i < st.top + rows());
	}
}
END_TEST

START_TEST(test_reset_forgets)
{
	state_toggle_check(&st, 0);
	state_toggle_faq(&st, 3);
	state_search(&st, doc, "zebrafish");
	state_goto_section(&st, doc, 3);
	act(ACTION_HELP);
	state_reset(&st);
	ck_assert_uint_eq(st.nchecked, 0);
	ck_assert(!st.checked[0]);
	for (size_t i = 0; i < doc->nfaq; i++)
		ck_assert(!st.faq_open[i]);
	ck_assert_ptr_null(st.query);
	ck_assert(!st.have_match);
	ck_assert_uint_eq(st.section, 0);
	ck_assert_int_eq(st.view, VIEW_MAIN);
	act(ACTION_SEARCH_NEXT);
	ck_assert_str_eq(st.status, "No search yet: press / to search.");
	ck_assert_int_eq(st.cols, 80);     /* the terminal is not forgotten */
}
END_TEST

START_TEST(test_quit_and_kiosk)
{
	ck_assert(state_key(&st, doc, 'q') & REDRAW_QUIT);
	st.kiosk = true;
	state_goto_section(&st, doc, 2);
	state_toggle_check(&st, 1);
	unsigned r = state_key(&st, doc, 'q');
	ck_assert(!(r & REDRAW_QUIT));
	ck_assert_uint_eq(st.section, 0);
	ck_assert_uint_eq(st.nchecked, 1);  /* only the idle reset forgets */
}
END_TEST

/* S asks the front-end to save (the core writes no file); in kiosk mode
 * it refuses with a status and never asks. */
START_TEST(test_save_summary_kiosk_refuses)
{
	unsigned r = state_key(&st, doc, 'S');
	ck_assert(r & REDRAW_SAVE);
	ck_assert_str_eq(st.status, "");
	state_key(&st, doc, 's');
	ck_assert_int_eq(st.view, VIEW_SUMMARY);
	ck_assert(state_key(&st, doc, 'S') & REDRAW_SAVE);
	st.kiosk = true;
	r = state_key(&st, doc, 'S');
	ck_assert(!(r & REDRAW_SAVE));
	ck_assert(r & REDRAW_STATUS);
	ck_assert_str_eq(st.status, "Saving is turned off on this terminal.");
}
END_TEST

START_TEST(test_views_open_and_close)
{
	state_key(&st, doc, '?');
	ck_assert_int_eq(st.view, VIEW_HELP);
	state_key(&st, doc, '?');
	ck_assert_int_eq(st.view, VIEW_MAIN);
	state_key(&st, doc, KEYC_F1);
	ck_assert_int_eq(st.view, VIEW_HELP);
	state_key(&st, doc, 27);
	ck_assert_int_eq(st.view, VIEW_MAIN);
	state_key(&st, doc, 'w');
	ck_assert_int_eq(st.view, VIEW_GLOSSARY);
	state_key(&st, doc, 'q');
	ck_assert_int_eq(st.view, VIEW_MAIN);
	state_key(&st, doc, 's');
	ck_assert_int_eq(st.view, VIEW_SUMMARY);
	ck_assert(state_key(&st, doc, KEYC_CTRL('l')) & REDRAW_CLEAR);
	state_key(&st, doc, KEYC_BACKSPACE);
	ck_assert_int_eq(st.view, VIEW_MAIN);
}
END_TEST

START_TEST(test_click)
{
	struct geometry g;

	state_resize(&st, doc, 100, 30);
	state_goto_section(&st, doc, 2);
	state_geometry(&st, &g);
	long q = question_line(2);
	ck_assert_int_ge(q, 0);
	state_click(&st, doc, g.body_row + (int)q, 1);
	ck_assert(st.faq_open[2]);
	ck_assert_int_eq(st.faq_focus, 2);
	/* Side pane: line 0 is the title, line 1 the first item. */
	state_click(&st, doc, g.body_row + 1, g.side_col + 1);
	ck_assert(st.checked[0]);
	ck_assert_int_eq(st.pane, PANE_SIDE);
	/* The title bar does nothing. */
	ck_assert_uint_eq(state_click(&st, doc, 0, 5), 0);
}
END_TEST

START_TEST(test_unbound_key)
{
	unsigned r = state_key(&st, doc, 'z');
	ck_assert(r & REDRAW_STATUS);
	ck_assert_str_eq(st.status, "z does nothing here. Press ? for help.");
	ck_assert_int_eq(keymap_lookup(KEYCTX_SIDE, ' '), ACTION_TOGGLE);
	ck_assert_int_eq(keymap_lookup(KEYCTX_VIEW, 'q'), ACTION_BACK);
	ck_assert_int_eq(keymap_lookup(KEYCTX_MAIN, '\r'), ACTION_TOGGLE);
}
END_TEST

START_TEST(test_key_names)
{
	char buf[KEYMAP_NAME_MAX];

	ck_assert_str_eq(keymap_key_name(KEYC_PGDN, buf, sizeof buf), "PgDn");
	ck_assert_str_eq(keymap_key_name(KEYC_CTRL('g'), buf, sizeof buf), "Ctrl-G");
	ck_assert_str_eq(keymap_key_name(' ', buf, sizeof buf), "Space");
	ck_assert_str_eq(keymap_key_name('\n', buf, sizeof buf), "Enter");
	ck_assert_str_eq(keymap_key_name(0xe9, buf, sizeof buf), "\xc3\xa9");
	ck_assert_str_eq(action_name(ACTION_PAGE_DOWN), "page-down");
	ck_assert_int_eq(action_by_name("toggle"), ACTION_TOGGLE);
	ck_assert_int_eq(action_by_name("nonsense"), ACTION_NONE);
}
END_TEST

START_TEST(test_too_small)
{
	state_resize(&st, doc, 1, 1);
	ck_assert(state_too_small(&st));
	/* Still consistent: actions at 1x1 neither crash nor misbehave. */
	act(ACTION_PAGE_DOWN);
	act(ACTION_FOCUS_NEXT);
	state_resize(&st, doc, 80, 24);
	ck_assert(!state_too_small(&st));
}
END_TEST

int main(void)
{
	Suite *s = suite_create("state");

	tu_add_tests(tu_tcase_fixture(s, "core", setup, teardown), test_init,
		     test_page_down_continues, test_page_up_goes_back_to_end,
		     test_top_bottom,
		     test_section_bounds, test_faq_focus_moves,
		     test_faq_focus_scrolls_text_first, test_faq_toggle,
		     test_toggle_without_focus, test_expand_collapse_all,
		     test_checklist_side_pane, test_checklist_narrow,
		     test_checklist_wide_focuses_side, test_contents_jump,
		     test_search_opens_answer, test_search_wraps,
		     test_search_next_prev, test_search_not_found, test_where,
		     test_resize_keeps_place, test_reset_forgets,
		     test_quit_and_kiosk, test_save_summary_kiosk_refuses,
		     test_views_open_and_close, test_click, test_unbound_key,
		     test_key_names, test_too_small, test_cursor_on_match,
		     test_one_column);
	return tu_run(s);
}
