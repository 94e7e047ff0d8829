/* check_summary.c - the summary for the care team: its parts, its plain
 * text, its date, the reader's view of it, and saving it as a file. */
#include <check.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "layout.h"
#include "reader_fixture.h"
#include "state.h"
#include "summary.h"
#include "testutil.h"

static const struct document *doc;

static void setup(void)
{
	doc = fixture_doc();
}

/* The summary as summary_write() prints it, in a malloc'd string. */
static char *render(const bool *checked, const char *date, int width, bool ascii)
{
	struct plain_opts po = { .width = width, .ascii = ascii };
	struct tu_capture c;

	ck_assert_int_eq(summary_write(tu_capture_open(&c), doc, checked, date, &po), 0);
	return tu_capture_close(&c);
}

struct kinds {
	enum summary_kind k[64];
	size_t n;
};

static void collect(void *ctx, const struct summary_part *p)
{
	struct kinds *k = ctx;

	ck_assert_ptr_nonnull(p->text);
	if (k->n < 64)
		k->k[k->n++] = p->kind;
}

START_TEST(test_parts_none_checked)
{
	static const enum summary_kind want[] = {
		SUM_HEADING, SUM_DATE, SUM_BLANK, SUM_TITLE, SUM_SOURCE, SUM_URL,
		SUM_BLANK, SUM_NOTE, SUM_BLANK, SUM_ADVICE_HEADING, SUM_ADVICE,
		SUM_BLANK, SUM_DISCLAIMER
	};
	struct kinds k = { .n = 0 };

	summary_parts(doc, NULL, "1 May 2026", collect, &k);
	ck_assert_uint_eq(k.n, sizeof want / sizeof want[0]);
	for (size_t i = 0; i < k.n; i++)
		ck_assert_int_eq(k.k[i], want[i]);
	/* No date, no date line. */
	k.n = 0;
	summary_parts(doc, NULL, "", collect, &k);
	ck_assert_int_eq(k.k[1], SUM_BLANK);
}
END_TEST

START_TEST(test_text_exact)
{
	static const bool checked[] = { true, false, true };
	char *s = render(checked, "26 November 2026", 40, false);

	ck_assert_str_eq(s,
		"Summary for your care team\n"
		"Date: 26 November 2026\n"
		"\n"
		"How Does Cancer Spread \xe2\x80\x94 And What Are\n"
		"the Signs?\n"
		"Source: A Hospital\n"
		"https://example.org/article\n"
		"\n"
		"Warning signs I have noticed:\n"
		"- New or worse pain\n"
		"Pain that is new, or worse than before.\n"
		"- Tiredness that does not go away\n"
		"Fatigue that rest does not help.\n"
		"\n"
		"What to tell your care team\n"
		"Tell your doctor right away.\n"
		"\n"
		"Important: This is not medical advice.\n"
		"Talk to your care team.\n");
	free(s);
}
END_TEST

/* The line mode's summary: no blank lines (one ends an answer there), and
 * the source's link by its host. */
START_TEST(test_text_compact_short_links)
{
	static const bool checked[] = { false, true, false };
	struct plain_opts po = { .width = 0, .compact = true, .short_links = true };
	struct tu_capture c;

	ck_assert_int_eq(summary_write(tu_capture_open(&c), doc, checked,
				       "26 November 2026", &po), 0);
	char *s = tu_capture_close(&c);
	ck_assert_ptr_null(strstr(s, "\n\n"));
	ck_assert_ptr_nonnull(strstr(s, "\nSource: A Hospital\nexample.org\n"));
	ck_assert_ptr_null(strstr(s, "https:"));
	free(s);
}
END_TEST

/* Every word of a text in order, whatever the blanks between them. */
static char *words_of(const char *text)
{
	char *w = malloc(strlen(text) + 1), *p = w;

	ck_assert_ptr_nonnull(w);
	for (; *text; text++) {
		bool blank = *text == ' ' || *text == '\n';
		if (blank && (p == w || p[-1] == ' '))
			continue;
		*p++ = blank ? ' ' : *text;
	}
	if (p > w && p[-1] == ' ')
		p--;
	*p = '\0';
	return w;
}

START_TEST(test_none_checked_says_so)
{
	static const bool none[] = { false, false, false };
	char *s = render(none, "26 November 2026", 0, false);
	char *t = render(NULL, "26 November 2026", 0, false);

	ck_assert(strstr(s, "\nNo warning signs are checked.\n") != NULL);
	ck_assert(strstr(s, "noticed") == NULL);
	ck_assert(strstr(s, "New lumps") == NULL);
	ck_assert_str_eq(s, t);
	free(s);
	free(t);
}
END_TEST

/* Every line fits, at every width, and starts with no blank; ASCII output
 * is ASCII. */
START_TEST(test_widths_and_ascii)
{
	static const bool all[] = { true, true, true };

	static const int widths[] = { 8, 9, 10, 13, 20, 27, 39, 40, 41, 72, 90 };

	for (size_t i = 0; i < sizeof widths / sizeof widths[0]; i++) {
		int w = widths[i];
		char *s = render(all, "26 November 2026", w, true);
		size_t col = 0;
		for (const char *p = s; *p; p++) {
			ck_assert_msg((unsigned char)*p < 0x80 && (*p >= 0x20 || *p == '\n'),
				      "byte 0x%02x at width %d", (unsigned char)*p, w);
			ck_assert_msg(!(col == 0 && *p == ' '),
				      "a line starts with a blank at width %d", w);
			col = *p == '\n' ? 0 : col + 1;
			ck_assert_msg(col <= (size_t)w, "line too wide at width %d", w);
		}
		ck_assert(strstr(s, "--") != NULL);   /* the em dash, spelt */
		free(s);
	}
}
END_TEST

START_TEST(test_dates)
{
	char buf[SUMMARY_DATE_MAX], name[SUMMARY_NAME_MAX];
	struct summary_date d = { 2026, 11, 26 };

	ck_assert_str_eq(summary_date_text(d, buf, sizeof buf), "26 November 2026");
	ck_assert_str_eq(summary_file_name(d, name, sizeof name),
			 "handout-summary-2026-11-26.txt");
	d = (struct summary_date){ 2027, 1, 3 };
	ck_assert_str_eq(summary_date_text(d, buf, sizeof buf), "3 January 2027");
	ck_assert_str_eq(summary_file_name(d, name, sizeof name),
			 "handout-summary-2027-01-03.txt");

	/* SOURCE_DATE_EPOCH is read as UTC: 2026-11-26 00:00:00 and the last
	 * second of that day both give the 26th, whatever TZ says. */
	setenv("TZ", "Pacific/Kiritimati", 1);
	setenv("SOURCE_DATE_EPOCH", "1795651200", 1);
	d = summary_today();
	ck_assert_int_eq(d.year, 2026);
	ck_assert_int_eq(d.month, 11);
	ck_assert_int_eq(d.day, 26);
	setenv("SOURCE_DATE_EPOCH", "1795737599", 1);
	ck_assert_int_eq(summary_today().day, 26);
	/* Malformed values fall back to the clock, not to 1970. */
	setenv("SOURCE_DATE_EPOCH", "12abc", 1);
	ck_assert_int_ge(summary_today().year, 2024);
	setenv("SOURCE_DATE_EPOCH", "-5", 1);
	ck_assert_int_ge(summary_today().year, 2024);
	unsetenv("SOURCE_DATE_EPOCH");
	ck_assert_int_ge(summary_today().year, 2024);
}
END_TEST

/* The reader's summary view says what --summary prints, word for word. */
START_TEST(test_view_matches_text)
{
	struct reader_state st;
	struct layout lay;

	fixture_state(&st, doc, 0, 0);
	layout_init(&lay);
	snprintf(st.date, sizeof st.date, "26 November 2026");
	state_toggle_check(&st, 2);
	state_toggle_check(&st, 0);
	st.view = VIEW_SUMMARY;
	for (int w = 30; w <= 70; w += 20) {
		char *want = render(st.checked, st.date, w, false);
		struct tu_capture c;
		FILE *f = tu_capture_open(&c);

		ck_assert_int_eq(layout_view(&lay, doc, st.view, input_of(&st), w), 0);
		for (size_t i = 0; i < lay.n; i++) {
			const struct layout_line *l = &lay.lines[i];
			fprintf(f, "%*s%s%.*s\n", l->indent, "",
				l->prefix ? l->prefix : "", (int)l->len, l->text);
		}
		char *got = tu_capture_close(&c);
		/* The screen hangs lines under "- " and "Important: "; text
		 * never starts a line with a blank (plain.h).  The words are
		 * the same, in the same order. */
		char *gw = words_of(got), *ww = words_of(want);
		ck_assert_str_eq(gw, ww);
		free(gw);
		free(ww);
		/* and the signs are tied to their checklist items */
		long sign = -1;
		for (size_t i = 0; i < lay.n; i++)
			if (lay.lines[i].role == ROLE_BULLET)
				sign = lay.lines[i].check;
		ck_assert_int_eq(sign, 2);
		free(got);
		free(want);
	}
	layout_free(&lay);
	state_free(&st);
}
END_TEST

static char *slurp(const char *path)
{
	char *text = tu_read_file(path, NULL);

	ck_assert_msg(text != NULL, "cannot read %s", path);
	return text;
}

START_TEST(test_save_never_overwrites_unasked)
{
	static const bool checked[] = { false, true, false };
	struct plain_opts po = { .width = 72 };
	struct summary_date d = { 2026, 11, 26 };
	char dir[256], path[512], name[SUMMARY_NAME_MAX];
	struct herror err;
	struct stat sb;

	ck_assert_ptr_nonnull(tu_tmpdir(dir, sizeof dir));
	ck_assert_int_eq(summary_save(dir, doc, checked, d, &po, false, name,
				      sizeof name, &err), SUMMARY_SAVED);
	ck_assert_str_eq(name, "handout-summary-2026-11-26.txt");
	snprintf(path, sizeof path, "%s/%s", dir, name);
	ck_assert_int_eq(stat(path, &sb), 0);
	ck_assert_int_eq(sb.st_mode & 07777, 0600);
	char *want = render(checked, "26 November 2026", 72, false);
	char *got = slurp(path);
	ck_assert_str_eq(got, want);
	free(got);

	/* Someone's file of that name: kept, and the caller told so. */
	tu_write_file(path, "my notes\n", 9);
	ck_assert_int_eq(summary_save(dir, doc, checked, d, &po, false, name,
				      sizeof name, &err), SUMMARY_EXISTS);
	ck_assert_int_eq(err.code, HERR_EXISTS);
	got = slurp(path);
	ck_assert_str_eq(got, "my notes\n");
	free(got);

	/* Asked and allowed: replaced. */
	ck_assert_int_eq(summary_save(dir, doc, checked, d, &po, true, name,
				      sizeof name, &err), SUMMARY_SAVED);
	got = slurp(path);
	ck_assert_str_eq(got, want);
	free(got);
	free(want);

	/* No temporary files left behind. */
	char cmd[600];
	snprintf(cmd, sizeof cmd, "test \"$(ls -A '%s')\" = '%s'", dir, name);
	ck_assert_int_eq(system(cmd), 0);

	/* A folder that is not there: a failure with a message. */
	char gone[300];
	snprintf(gone, sizeof gone, "%s/missing", dir);
	ck_assert_int_eq(summary_save(gone, doc, checked, d, &po, false, name,
				      sizeof name, &err), SUMMARY_FAILED);
	ck_assert_int_eq(err.code, HERR_WRITE);
	ck_assert(strstr(err.detail, "No such file") != NULL);

	ck_assert_int_eq(tu_rmtree(dir), 0);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("summary");

	tu_add_tests(tu_tcase_fixture(s, "summary", setup, NULL),
		     test_parts_none_checked, test_text_exact,
		     test_text_compact_short_links,
		     test_none_checked_says_so, test_widths_and_ascii,
		     test_dates, test_view_matches_text,
		     test_save_never_overwrites_unasked);
	return tu_run(s);
}
