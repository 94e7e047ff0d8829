/* testutil.h - helpers shared by the Check tests (static inline, no state).
 *
 * Contract: every program's main() ends in tu_run(), which runs its suite
 * as `make check` asks (CK_VERBOSITY, CK_FORK, CK_RUN_CASE... from the
 * environment) and gives the exit status; tu_tcase(), tu_tcase_fixture(),
 * tu_add_tests() and tu_add_rows() build the suite.  The expect helpers
 * fail the test with a message naming what differs.  Paths returned are written into the caller's buffer and
 * live as long as it does.  The source tree is $top_srcdir (set by `make check`),
 * else the tree this binary was configured from.  Loading helpers return
 * the formatted error ("FILE:LINE:COLUMN: message") in the caller's buffer
 * and free any document, so a failing assertion leaks nothing.
 */
#ifndef HANDOUT_TESTUTIL_H
#define HANDOUT_TESTUTIL_H

#include <check.h>
#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loader.h"
#include "search.h"
#include "state.h"

/* st's layout input, as state.c gives it to layout_*(); valid until the
 * next call. */
static inline const struct layout_input *input_of(const struct reader_state *st)
{
	static struct layout_input in;

	state_layout_input(st, &in);
	return &in;
}

#define TU_ARTICLE "content/cancer-spread-during-chemotherapy.yaml"

/* A small article written for the tests, in parts, so that each test
 * writes the blocks it needs around them: the head sets every field
 * before the sections ("A Sample Article" from "Example Clinic"), the FAQ
 * ends section 1 and opens section 2, the checklist has Fever (with a
 * detail) and Pain (without), and the glossary starts with Lymph. */
#define TU_SAMPLE_HEAD \
	"schema: 1\n" \
	"id: sample\n" \
	"title: A Sample Article\n" \
	"summary: A short standfirst.\n" \
	"author: Dr. A. Writer\n" \
	"updated: 2025-01-31\n" \
	"source:\n" \
	"  publisher: Example Clinic\n" \
	"  url: https://clinic.example/a\n" \
	"disclaimer: Not medical advice.\n" \
	"advice: Tell your team.\n" \
	"sections:\n"
/* The sample's questions: one at the end of section 1 ("First"), two in
 * section 2 ("Second"), which it opens; answer2 answers the second. */
#define TU_SAMPLE_FAQ(answer2) \
	"      - faq:\n" \
	"          - question: First question?\n" \
	"            answer: First answer.\n" \
	"  - id: two\n" \
	"    title: Second\n" \
	"    blocks:\n" \
	"      - faq:\n" \
	"          - question: Second question?\n" \
	"            answer: " answer2 "\n" \
	"          - question: Third question?\n" \
	"            answer: Third answer.\n"
#define TU_SAMPLE_CHECKLIST \
	"checklist:\n" \
	"  - id: fever\n" \
	"    label: Fever\n" \
	"    detail: A temperature of 38 C or more.\n" \
	"  - id: pain\n" \
	"    label: Pain\n"
#define TU_SAMPLE_GLOSSARY \
	"glossary:\n" \
	"  - term: Lymph\n" \
	"    definition: A clear fluid that flows through thin vessels.\n"

#ifndef BUILD_TOP_SRCDIR
#define BUILD_TOP_SRCDIR "."
#endif

/* ---- running a suite --------------------------------------------------- */

/* A new test case of s, named name. */
static inline TCase *tu_tcase(Suite *s, const char *name)
{
	TCase *tc = tcase_create(name);

	suite_add_tcase(s, tc);
	return tc;
}

/* A new test case of s, named name, whose tests each run between setup
 * and teardown (either may be NULL) in the test's own process. */
static inline TCase *tu_tcase_fixture(Suite *s, const char *name, SFun setup,
				      SFun teardown)
{
	TCase *tc = tu_tcase(s, name);

	tcase_add_checked_fixture(tc, setup, teardown);
	return tc;
}

/* tu_add_tests(tc, test_a, test_b, ...): the tests, in that order. */
#define tu_add_tests(tc, ...) \
	tu_add_tests_((tc), (const TTest *const []){ __VA_ARGS__, NULL })

static inline void tu_add_tests_(TCase *tc, const TTest *const *t)
{
	for (; *t; t++)
		tcase_add_test(tc, *t);
}

/* Tables of cases: one loop test runs every row of a table.  TU_ROWS is a
 * table's number of rows; tu_add_rows() adds test as a loop over table's;
 * TU_ROW_TEST(test, table, check) defines test as check(&table[_i],
 * which) with which naming the row in a failure ("table[3]"). */
#define TU_ROWS(table) ((int)(sizeof(table) / sizeof((table)[0])))
#define tu_add_rows(tc, test, table) \
	tcase_add_loop_test((tc), (test), 0, TU_ROWS(table))
#define TU_ROW_TEST(test, table, check) \
	START_TEST(test) \
	{ \
		char which_[64]; \
		snprintf(which_, sizeof which_, "%s[%d]", #table, _i); \
		check(&(table)[_i], which_); \
	} \
	END_TEST

/* The suites about text measure widths in the locale's terms: UTF-8, as
 * make check runs them (LC_ALL=C.UTF-8), whatever the caller's is. */
static inline void tu_utf8_locale(void)
{
	if (!setlocale(LC_ALL, "C.UTF-8"))
		setlocale(LC_ALL, "");
}

/* Runs s, frees it, and gives main()'s exit status. */
static inline int tu_run(Suite *s)
{
	SRunner *sr = srunner_create(s);
	int failed;

	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

/* ---- what a text must say ------------------------------------------------ */

/* Expectations of a text, for tables of cases: each is a string whose first
 * character says what it wants of the rest. */
#define TU_IS(s) "=" s          /* the text is s */
#define TU_STARTS(s) "^" s      /* the text starts with s */
#define TU_HAS(s) "+" s         /* s is in the text */
#define TU_LACKS(s) "-" s       /* s is not in the text */
#define TU_ENDS(s) "$" s        /* the text ends with s */
#define TU_THEN(s) ">" s        /* s is in it; what follows looks after s */

/* text meets every expectation of expect, up to a NULL or n of them; what
 * names the case in a failure. */
static inline void tu_expect(const char *what, const char *text,
			     const char *const *expect, size_t n)
{
	const char *from = text;

	for (size_t i = 0; i < n && expect[i]; i++) {
		const char *s = expect[i] + 1, *at = strstr(from, s);

		switch (expect[i][0]) {
		case '=':
			ck_assert_msg(strcmp(from, s) == 0,
				      "%s: \"%s\", want \"%s\"", what, from, s);
			break;
		case '^':
			ck_assert_msg(strncmp(from, s, strlen(s)) == 0,
				      "%s: does not start with \"%s\": %s",
				      what, s, from);
			break;
		case '$':
			ck_assert_msg(strlen(from) >= strlen(s) &&
				      strcmp(from + strlen(from) - strlen(s), s) == 0,
				      "%s: does not end with \"%s\": %s", what, s, from);
			break;
		case '+':
		case '>':
			ck_assert_msg(at != NULL, "%s: no \"%s\" in: %s",
				      what, s, from);
			if (expect[i][0] == '>')
				from = at + strlen(s);
			break;
		case '-':
			ck_assert_msg(at == NULL, "%s: \"%s\" in: %s", what, s, from);
			break;
		default:
			ck_abort_msg("%s: expectation %zu has no kind", what, i);
		}
	}
}

/* ---- an article's metadata ---------------------------------------------- */

/* What a test expects of an article's metadata, field by field: a field
 * left NULL is not looked at, TU_NONE says the article has none (the
 * pointer itself, not its text, means that), any other text is the
 * field's exact text.  X(field) for each field: those a struct doc_header
 * holds too, then the others. */
#define TU_HEADER_META_FIELDS(X) \
	X(id) X(title) X(summary) X(updated) X(reviewed) X(publisher)
#define TU_BODY_META_FIELDS(X) \
	X(author) X(language) X(source_url) X(license) X(disclaimer) X(advice)
#define TU_META_FIELDS(X) TU_HEADER_META_FIELDS(X) TU_BODY_META_FIELDS(X)

struct tu_meta {
#define TU_META_MEMBER(f) const char *f;
	TU_META_FIELDS(TU_META_MEMBER)
#undef TU_META_MEMBER
};

static const char tu_none_[] = "(none)";
#define TU_NONE tu_none_

/* got is what want says of the field name (NULL: anything). */
static inline void tu_field_is(const char *name, const char *got,
			       const char *want)
{
	if (!want)
		return;
	if (want == TU_NONE)
		ck_assert_msg(got == NULL, "%s is \"%s\", want none", name, got);
	else
		ck_assert_msg(got && strcmp(got, want) == 0,
			      "%s is \"%s\", want \"%s\"", name,
			      got ? got : "(none)", want);
}

/* d's metadata is as want says. */
static inline void tu_expect_meta(const struct document *d,
				  const struct tu_meta *want)
{
#define TU_META_CHECK(f) tu_field_is(#f, d->f, want->f);
	TU_META_FIELDS(TU_META_CHECK)
#undef TU_META_CHECK
}

/* The same of a header, which must be there; want asks nothing of a field
 * a header does not hold. */
static inline void tu_expect_header(const struct doc_header *h,
				    const struct tu_meta *want)
{
	ck_assert_ptr_nonnull(h);
#define TU_META_CHECK(f) tu_field_is(#f, h->f, want->f);
#define TU_META_UNASKED(f) \
	ck_assert_msg(want->f == NULL, "a header holds no " #f);
	TU_HEADER_META_FIELDS(TU_META_CHECK)
	TU_BODY_META_FIELDS(TU_META_UNASKED)
#undef TU_META_CHECK
#undef TU_META_UNASKED
}

/* A header, and the document of the same text, agree field by field. */
static inline void tu_same_header(const struct doc_header *h,
				  const struct document *d)
{
	ck_assert_str_eq(h->path, d->path);
#define TU_META_SAME(f) tu_field_is(#f, h->f, d->f ? d->f : TU_NONE);
	TU_HEADER_META_FIELDS(TU_META_SAME)
#undef TU_META_SAME
	ck_assert_uint_eq(h->nrelated, d->nrelated);
	for (size_t i = 0; i < d->nrelated; i++) {
		ck_assert_str_eq(h->related[i].id, d->related[i].id);
		ck_assert_uint_eq(h->related[i].line, d->related[i].line);
		ck_assert_uint_eq(h->related[i].column, d->related[i].column);
	}
	if (!d->nrelated)
		ck_assert_ptr_null(h->related);
}

/* ---- search -------------------------------------------------------------- */

/* Where search_next() first finds query in d, from its start going
 * forward, in buf: "section S block B item I field F faq Q at OFF+LEN",
 * or "(none)". */
static inline const char *tu_first_match(const struct document *d,
					 const char *query, char *buf,
					 size_t size)
{
	struct search_match m;

	if (!search_next(d, query, NULL, 1, &m, NULL))
		snprintf(buf, size, "(none)");
	else
		snprintf(buf, size, "section %zu block %d item %d field %d faq %d at %zu+%zu",
			 m.section, m.block, m.item, m.field, m.faq, m.off, m.len);
	return buf;
}

/* ---- files and documents ------------------------------------------------ */

static inline const char *tu_srcdir(void)
{
	const char *s = getenv("top_srcdir");

	return s && *s ? s : BUILD_TOP_SRCDIR;
}

/* "$top_srcdir/rel" in buf. */
static inline const char *tu_path(char *buf, size_t size, const char *rel)
{
	snprintf(buf, size, "%s/%s", tu_srcdir(), rel);
	return buf;
}

/* A new empty directory under $TMPDIR (or /tmp), its name in buf; NULL on
 * failure.  The caller removes it. */
static inline const char *tu_tmpdir(char *buf, size_t size)
{
	const char *t = getenv("TMPDIR");

	snprintf(buf, size, "%s/handout-test-XXXXXX", t && *t ? t : "/tmp");
	return mkdtemp(buf);
}

/* The whole file at path, NUL-terminated, in a malloc'd buffer (its length
 * in *len unless len is NULL); NULL with errno set (and a length of 0) when
 * it cannot be read.
 * It asserts nothing, so the tools in the test programs use it too. */
static inline char *tu_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL, *p;
	size_t n = 0, cap = 0, got;

	if (len)
		*len = 0;
	if (!f)
		return NULL;
	do {
		if (cap - n < 4096) {
			cap = cap ? 2 * cap : 65536;
			p = realloc(buf, cap);
			if (!p) {
				free(buf);
				fclose(f);
				errno = ENOMEM;
				return NULL;
			}
			buf = p;
		}
		got = fread(buf + n, 1, cap - n - 1, f);
		n += got;
	} while (got > 0);
	if (ferror(f)) {
		int e = errno;

		free(buf);
		fclose(f);
		errno = e;
		return NULL;
	}
	fclose(f);
	buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
}

/* path holds exactly len bytes of text, or the test fails. */
static inline void tu_write_file(const char *path, const char *text, size_t len)
{
	FILE *f = fopen(path, "w");

	ck_assert_msg(f != NULL, "cannot write %s", path);
	ck_assert_uint_eq(fwrite(text, 1, len, f), len);
	ck_assert_int_eq(fclose(f), 0);
}

/* Removes dir and everything in it, made writable first (tests leave
 * folders read-only on purpose); rm's exit status, 0 when all went. */
static inline int tu_rmtree(const char *dir)
{
	char cmd[4200];

	snprintf(cmd, sizeof cmd, "chmod -R u+rwx '%s'; rm -rf '%s'", dir, dir);
	return system(cmd);
}

/* Output captured in memory: write to the stream tu_capture_open() gives;
 * tu_capture_close() gives the text (the caller frees it, as c->text). */
struct tu_capture {
	char *text;
	size_t len;
	FILE *f;
};

static inline FILE *tu_capture_open(struct tu_capture *c)
{
	memset(c, 0, sizeof *c);
	c->f = open_memstream(&c->text, &c->len);
	ck_assert_ptr_nonnull(c->f);
	return c->f;
}

static inline char *tu_capture_close(struct tu_capture *c)
{
	ck_assert_int_eq(fclose(c->f), 0);
	return c->text;
}

/* What a load came to: HERR_OK and "(loaded)" in msg, the document freed;
 * or the error's code, its formatted message in msg. */
static inline enum herr tu_outcome(struct document *d, const struct herror *e,
				   char *msg, size_t size)
{
	if (d) {
		doc_free(d);
		snprintf(msg, size, "(loaded)");
		return HERR_OK;
	}
	herror_format(e, msg, size);
	return e->code;
}

/* Load len bytes of YAML under the name "t.yaml"; what it came to, as
 * tu_outcome() says. */
static inline enum herr tu_load_mem(const char *yaml, size_t len, char *msg,
				    size_t size)
{
	struct herror e;

	return tu_outcome(doc_load_buffer("t.yaml", yaml, len, &e), &e, msg, size);
}

static inline enum herr tu_load_str(const char *yaml, char *msg, size_t size)
{
	return tu_load_mem(yaml, strlen(yaml), msg, size);
}

/* The same for a file. */
static inline enum herr tu_load_file(const char *path, char *msg, size_t size)
{
	struct herror e;

	return tu_outcome(doc_load(path, &e), &e, msg, size);
}

/* d, or the test fails with the loader's message in e. */
static inline struct document *tu_must(struct document *d,
				       const struct herror *e)
{
	char msg[1024];

	if (!d)
		ck_abort_msg("did not load: %s", herror_format(e, msg, sizeof msg));
	return d;
}

/* len bytes of YAML loaded as name, or the test fails with the loader's
 * message.  The caller frees the document. */
static inline struct document *tu_must_load_mem(const char *name,
						const char *yaml, size_t len)
{
	struct herror e;

	return tu_must(doc_load_buffer(name, yaml, len, &e), &e);
}

/* The file $top_srcdir/rel, or the test fails.  The caller frees it. */
static inline struct document *tu_must_load_file(const char *rel)
{
	char path[4096];
	struct herror e;

	return tu_must(doc_load(tu_path(path, sizeof path, rel), &e), &e);
}

/* The bundled article, or the test fails.  The caller frees it. */
static inline struct document *tu_must_load_article(void)
{
	return tu_must_load_file(TU_ARTICLE);
}

/* The documents a suite's tests read: its own sample (YAML written for
 * the suite) and the bundled article.  A checked fixture loads them before
 * each test and frees them after it, so no test has to. */
struct tu_docs {
	struct document *sample, *article;
};

static inline void tu_docs_load(struct tu_docs *d, const char *yaml,
				size_t len)
{
	d->sample = tu_must_load_mem("sample.yaml", yaml, len);
	d->article = tu_must_load_article();
}

static inline void tu_docs_free(struct tu_docs *d)
{
	doc_free(d->sample);
	doc_free(d->article);
}

#endif
