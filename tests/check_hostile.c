/* check_hostile.c - the hostile corpus (hostile_corpus.c) through the
 * loader in-process, and whatever loads through plain output and the
 * reader's layout, with an independent oracle (termsafe.h) on every byte.
 *
 * With no arguments: the Check suite (make check).  Two more uses, so the
 * shell tests and the fuzzers share one corpus and one oracle:
 *   check_hostile --write DIR        write every case to DIR/NAME.yaml and
 *                                    DIR/MANIFEST ("NAME EXPECT CODE LINE COL")
 *   check_hostile --termsafe FILE... exit 1 naming the first unsafe byte
 *                                    (--termsafe-tab: tabs allowed too)
 *
 * What each case must do is in hostile_corpus.c; here: a refusal has the
 * code and place wanted, names the file and echoes nothing unsafe; a load
 * produces plain text and layout lines that are safe, valid UTF-8 and no
 * wider than asked, at widths 0, 1, 2, 20 and 80, with and without --ascii.
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "document.h"
#include "error.h"
#include "hostile_corpus.h"
#include "layout.h"
#include "loader.h"
#include "plain.h"
#include "state.h"
#include "termsafe.h"
#include "testutil.h"
#include "utf8.h"

/* Cases per Check loop iteration: forks stay few, a failure stays local.
 * Inner loops test with if () and call ck_abort_msg() only on a failure:
 * every ck_assert() that passes is a message to Check's parent process,
 * and millions of them made this suite take minutes instead of seconds. */
#define BLOCK 64

static const char *expect_name(enum hc_expect e)
{
	return e == HC_REFUSE ? "refuse" : e == HC_LOAD ? "load" : "either";
}

/* Errors that concern the whole file and so have no place in it. */
static bool placeless(enum herr code)
{
	return code == HERR_EMPTY || code == HERR_TOOBIG || code == HERR_NOMEM ||
	       code == HERR_OPEN || code == HERR_READ || code == HERR_NOTFILE;
}

/* Every line of len bytes at s is at most width columns (width >= 2). */
static void assert_width(const char *name, const char *s, size_t len, int width)
{
	size_t start = 0;

	for (size_t i = 0; i <= len; i++) {
		if (i < len && s[i] != '\n')
			continue;
		if (utf8_width(s + start, i - start) > width)
			ck_abort_msg("%s: a line at offset %zu is wider than %d",
				     name, start, width);
		start = i + 1;
	}
}

static void assert_safe_tab(const char *name, const char *what, const char *s,
			    size_t len, bool tab)
{
	size_t off = 0;
	const char *why = termsafe_find(s, len, tab, &off);

	if (why)
		ck_abort_msg("%s: %s has %s at byte %zu", name, what, why, off);
}

static void assert_safe(const char *name, const char *what, const char *s,
			size_t len)
{
	assert_safe_tab(name, what, s, len, false);
}

static void walk_plain(const char *name, const struct document *d)
{
	static const int widths[] = { 0, 1, 2, 20, 80 };

	for (size_t w = 0; w < sizeof(widths) / sizeof(widths[0]); w++) {
		for (int ascii = 0; ascii < 2; ascii++) {
			struct plain_opts po = { .width = widths[w], .ascii = ascii };
			struct tu_capture c;

			ck_assert_int_eq(plain_write(tu_capture_open(&c), d, &po), 0);
			char *buf = tu_capture_close(&c);
			size_t len = c.len;

			ck_assert_msg(len > 0, "%s: no plain output", name);
			assert_safe(name, "plain output", buf, len);
			if (ascii)
				for (size_t i = 0; i < len; i++)
					if ((unsigned char)buf[i] >= 0x80)
						ck_abort_msg("%s: --ascii output has byte 0x%02X at %zu",
							     name, (unsigned char)buf[i], i);
			if (widths[w] >= 2)
				assert_width(name, buf, len, widths[w]);
			free(buf);
		}
	}
}

static void check_layout(const char *name, const struct layout *lay, int width)
{
	for (size_t i = 0; i < lay->n; i++) {
		const struct layout_line *l = &lay->lines[i];

		/* Tabs are allowed here: wrap.h lets them through as one
		 * column and the curses drawing (ui_draw.c) puts a space. */
		if (l->prefix)
			assert_safe_tab(name, "a layout prefix", l->prefix,
					strlen(l->prefix), true);
		assert_safe_tab(name, "a layout line", l->text, l->len, true);
		if (layout_line_cols(l) > width)
			ck_abort_msg("%s: layout line %zu is %d columns at width %d",
				     name, i, layout_line_cols(l), width);
	}
}

/* The reader's model draws only layout lines: if they are safe, so is
 * what the curses front-end puts on the screen. */
static void walk_layout(const char *name, const struct document *d)
{
	static const int widths[] = { 2, 20, 80 };
	struct reader_state st;
	struct layout lay;

	layout_init(&lay);
	ck_assert_int_eq(state_init(&st, d), 0);
	for (int ascii = 0; ascii < 2; ascii++) {
		st.ascii = ascii;
		for (size_t w = 0; w < sizeof(widths) / sizeof(widths[0]); w++) {
			/* A handful of sections is enough to see every block
			 * kind; 100,000 of them would only cost time. */
			for (size_t s = 0; s < d->nsections && s < 8; s++) {
				if (layout_section(&lay, d, input_of(&st), s, widths[w]))
					ck_abort_msg("%s: layout failed", name);
				check_layout(name, &lay, widths[w]);
			}
			ck_assert_int_eq(layout_checklist(&lay, d, input_of(&st), widths[w]), 0);
			check_layout(name, &lay, widths[w]);
		}
	}
	layout_free(&lay);
	state_free(&st);
}

static void check_case(size_t i)
{
	struct hcase c;
	struct herror e;
	struct document *d;
	char msg[1024];
	size_t nlen;

	ck_assert_msg(hc_make(i, tu_srcdir(), &c) == 0, "case %zu: cannot build", i);
	d = doc_load_buffer(c.name, c.data, c.len, &e);
	if (d) {
		ck_assert_msg(c.expect != HC_REFUSE, "%s: loaded, wanted %s at %u:%u",
			      c.name, herr_message(c.code), c.line, c.column);
		walk_plain(c.name, d);
		walk_layout(c.name, d);
		doc_free(d);
		hc_release(&c);
		return;
	}
	herror_format(&e, msg, sizeof(msg));
	ck_assert_msg(c.expect != HC_LOAD, "%s: refused: %s", c.name, msg);
	assert_safe(c.name, "the error message", msg, strlen(msg));
	nlen = strlen(c.name);
	ck_assert_msg(!strncmp(msg, c.name, nlen) && msg[nlen] == ':',
		      "%s: message does not start with the file: %s", c.name, msg);
	if (c.code != HERR_OK)
		ck_assert_msg(e.code == c.code, "%s: wanted %s, got: %s", c.name,
			      herr_message(c.code), msg);
	if (c.line)
		ck_assert_msg(e.line == c.line && e.column == c.column,
			      "%s: wanted %u:%u, got: %s", c.name, c.line,
			      c.column, msg);
	if (!placeless(e.code))
		ck_assert_msg(e.line >= 1 && e.column >= 1,
			      "%s: no line and column: %s", c.name, msg);
	hc_release(&c);
}

START_TEST(corpus_block)
{
	size_t n = hc_count();
	/* HOSTILE_STEP=N runs every Nth case only: valgrind (tests/valgrind.sh)
	 * is some 50 times slower, and a sample still crosses every group. */
	const char *step_env = getenv("HOSTILE_STEP");
	size_t step = step_env && atoi(step_env) > 1 ? (size_t)atoi(step_env) : 1;

	/* A hang is a failure with a name, not a stuck make check. */
	alarm(step > 1 ? 600 : 120);
	for (size_t i = (size_t)_i * BLOCK; i < n && i < (size_t)(_i + 1) * BLOCK; i++)
		if (i % step == 0)
			check_case(i);
	alarm(0);
}
END_TEST

/* The corpus holds what it claims: every kind of case, in numbers. */
START_TEST(corpus_shape)
{
	size_t n = hc_count(), refuse = 0, load = 0;

	ck_assert_uint_gt(n, 5000);
	for (size_t i = 0; i < n; i++) {
		struct hcase c;

		/* The big shapes are built too; that is cheap enough. */
		ck_assert_int_eq(hc_make(i, tu_srcdir(), &c), 0);
		if (strspn(c.name, "abcdefghijklmnopqrstuvwxyz0123456789-") !=
		    strlen(c.name))
			ck_abort_msg("case %zu: bad name %s", i, c.name);
		refuse += c.expect == HC_REFUSE;
		load += c.expect == HC_LOAD;
		hc_release(&c);
	}
	ck_assert_uint_gt(refuse, 4000);
	ck_assert_uint_gt(load, 500);
}
END_TEST

/* ---- files that are not articles --------------------------------------- */

static void expect_file(const char *path, enum herr code, const char *want)
{
	struct herror e;
	struct document *d;
	char msg[1024];

	alarm(10);
	d = doc_load(path, &e);
	alarm(0);
	doc_free(d);
	ck_assert_msg(d == NULL, "%s loaded", path);
	herror_format(&e, msg, sizeof(msg));
	ck_assert_msg(e.code == code, "%s: %s", path, msg);
	assert_safe(path, "the error message", msg, strlen(msg));
	if (want)
		ck_assert_msg(strstr(msg, want) != NULL, "%s: '%s' not in '%s'",
			      path, want, msg);
}

START_TEST(devices_refused)
{
	expect_file("/dev/null", HERR_NOTFILE, "(it is a device)");
	/* Reading /dev/zero would never end. */
	expect_file("/dev/zero", HERR_NOTFILE, "(it is a device)");
}
END_TEST

START_TEST(symlinks)
{
	char dir[512], a[600], b[600], m[1024];

	ck_assert_ptr_nonnull(tu_tmpdir(dir, sizeof(dir)));
	snprintf(a, sizeof(a), "%s/a.yaml", dir);
	snprintf(b, sizeof(b), "%s/b.yaml", dir);
	ck_assert_int_eq(symlink("b.yaml", a), 0);
	ck_assert_int_eq(symlink("a.yaml", b), 0);
	expect_file(a, HERR_OPEN, "cannot open: Too many levels of symbolic links");
	unlink(a);
	ck_assert_int_eq(symlink(".", a), 0);
	expect_file(a, HERR_NOTFILE, "(it is a directory)");
	unlink(a);
	unlink(b);
	rmdir(dir);
	(void)m;
}
END_TEST

/* A file nobody may read: refused with the system's reason.  (root reads
 * anything, so there the test has nothing to show.) */
START_TEST(unreadable_file)
{
	char dir[512], path[600];
	int fd;

	if (geteuid() == 0)
		return;
	ck_assert_ptr_nonnull(tu_tmpdir(dir, sizeof(dir)));
	snprintf(path, sizeof(path), "%s/locked.yaml", dir);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0);
	ck_assert_int_ge(fd, 0);
	close(fd);
	expect_file(path, HERR_OPEN, "Permission denied");
	unlink(path);
	rmdir(dir);
}
END_TEST

/* The name of a file is echoed in every message: a name built to drive the
 * terminal must not get through, whatever the file holds or whether it
 * exists at all. */
START_TEST(hostile_file_names)
{
	static const char *const names[] = {
		"\x1b]0;pwned\x07.yaml",
		"\x1b[2J\x1b[H.yaml",
		"\xc2\x9b" "31m.yaml",
		"\xe2\x80\xae" "lmay.exe",
		"bad\xff\xfe.yaml",
		"cr\rbs\b.yaml",
	};
	char dir[512], path[700];
	struct herror e;
	struct document *d;
	char msg[1024];
	int fd;

	ck_assert_ptr_nonnull(tu_tmpdir(dir, sizeof(dir)));
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		/* Missing: the open error names it. */
		expect_file(path, HERR_OPEN, "cannot open");
		/* Present, with a fault at a place. */
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
		ck_assert_int_ge(fd, 0);
		ck_assert_int_eq(write(fd, "title: \"\\e\"\n", 12), 12);
		close(fd);
		expect_file(path, HERR_CHAR, ":1:9: control character U+001B");
		unlink(path);
		/* In memory too, the name given is what messages use. */
		d = doc_load_buffer(names[i], "a: \"\\e\"\n", 8, &e);
		ck_assert_ptr_null(d);
		herror_format(&e, msg, sizeof(msg));
		assert_safe("doc_load_buffer", "the error message", msg, strlen(msg));
	}
	rmdir(dir);
}
END_TEST

static Suite *hostile_suite(void)
{
	Suite *s = suite_create("hostile");
	TCase *corpus = tu_tcase(s, "corpus");

	/* alarm() inside each test is the hang guard; Check's own timeout
	 * would need tuning for slow machines and valgrind. */
	tcase_set_timeout(corpus, 0);
	tcase_add_test(corpus, corpus_shape);
	tcase_add_loop_test(corpus, corpus_block, 0,
			    (int)((hc_count() + BLOCK - 1) / BLOCK));
	tu_add_tests(tu_tcase(s, "files"), devices_refused, symlinks,
		     unreadable_file, hostile_file_names);
	return s;
}

/* ---- the two tools ------------------------------------------------------ */

static int write_corpus(const char *dir)
{
	char path[4096];
	FILE *man, *f;
	size_t n = hc_count();

	if (mkdir(dir, 0755) && errno != EEXIST) {
		perror(dir);
		return 1;
	}
	snprintf(path, sizeof(path), "%s/MANIFEST", dir);
	man = fopen(path, "w");
	if (!man) {
		perror(path);
		return 1;
	}
	for (size_t i = 0; i < n; i++) {
		struct hcase c;

		if (hc_make(i, tu_srcdir(), &c)) {
			fprintf(stderr, "check_hostile: case %zu: cannot build\n", i);
			fclose(man);
			return 1;
		}
		snprintf(path, sizeof(path), "%s/%s.yaml", dir, c.name);
		f = fopen(path, "wb");
		if (!f || fwrite(c.data, 1, c.len, f) != c.len || fclose(f)) {
			perror(path);
			hc_release(&c);
			fclose(man);
			return 1;
		}
		fprintf(man, "%s %s %d %u %u\n", c.name, expect_name(c.expect),
			(int)c.code, c.line, c.column);
		hc_release(&c);
	}
	return fclose(man) ? 1 : 0;
}

static int termsafe_files(int argc, char **argv, bool tab)
{
	int status = 0;

	for (int i = 0; i < argc; i++) {
		size_t len, off = 0;
		char *buf = tu_read_file(argv[i], &len);
		const char *why;

		if (!buf) {
			perror(argv[i]);
			return 2;
		}
		why = termsafe_find(buf, len, tab, &off);
		if (why) {
			printf("%s: %s at byte %zu\n", argv[i], why, off);
			status = 1;
		}
		free(buf);
	}
	return status;
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "--write"))
		return write_corpus(argv[2]);
	if (argc >= 2 && !strcmp(argv[1], "--termsafe"))
		return termsafe_files(argc - 2, argv + 2, false);
	if (argc >= 2 && !strcmp(argv[1], "--termsafe-tab"))
		return termsafe_files(argc - 2, argv + 2, true);
	if (argc != 1) {
		fprintf(stderr, "usage: check_hostile [--write DIR | --termsafe[-tab] FILE...]\n");
		return 2;
	}
	return tu_run(hostile_suite());
}
