/* reader_fixture.h - a small article built by hand for the reader's tests.
 *
 * Contract: fixture_doc() returns a pointer to static storage, the same
 * document every call, never freed.  fixture_state() starts a reader's
 * state of a document, or the test fails; the caller frees it.  Built in C rather than loaded so the
 * state and layout tests do not depend on the loader; every block kind is
 * here, with words the tests search for:
 *   section 0 "Introduction": 3 long paragraphs, bullets  ("alpha" in para 0)
 *   section 1 "Changes": table (3 columns), numbered list, quote
 *   section 2 "Questions": paragraph, subheading, FAQ items 0-2
 *            ("zebrafish" only in answer 1; "alpha" in answer 2)
 *   section 3 "Sources": FAQ item 3, references with URLs
 */
#ifndef HANDOUT_READER_FIXTURE_H
#define HANDOUT_READER_FIXTURE_H

#include <check.h>

#include "document.h"
#include "state.h"

#define FX_S "Chemotherapy works on cells that divide quickly, and your care " \
	"team watches how the tumor responds over time. "
#define FX_LONG FX_S FX_S FX_S FX_S FX_S FX_S FX_S FX_S

static const char *const fx_bullets[] = {
	"A bullet item that is long enough to wrap at narrow widths, so the "
	"hanging indent shows on the lines after the first one.",
	"Short item.",
};
static const char *const fx_numbered[] = {
	"First step.", "Second step, which also runs on for quite a while "
	"so that it has to wrap somewhere.", "Third.",
};
static const char *const fx_columns[] = { "Change", "Description", "Sign" };
static const char *const fx_cells[] = {
	"Inflammation", "The body reacts to treatment and the tissue swells.", "Pain",
	"Resistance", "Cancer cells stop responding to the drugs.", "Growth",
	"Spread", "Cells travel through blood or lymph to new places.", "New lumps",
};
static const struct faq_item fx_faq2[] = {
	{ "Can cancer grow during chemotherapy?", "Sometimes it can, and "
	  "doctors watch for it with scans and blood tests at each visit.", 0 },
	{ "What should I tell my team?", "Tell them about any new symptom; "
	  "even a zebrafish-sized detail can matter to the people treating you. "
	  FX_S FX_S, 1 },
	{ "Is it my fault?", "No. Alpha and omega: it is never the patient's "
	  "fault when a treatment stops working.", 2 },
};
static const struct faq_item fx_faq3[] = {
	{ "Where can I read more?", "Ask your care team for reliable sources.", 3 },
};
static const struct reference fx_refs[] = {
	{ "A study of tumor spread during treatment.", "https://example.org/study" },
	{ "Another source without a link.", NULL },
};
static const struct block fx_blocks0[] = {
	{ .kind = BLOCK_PARAGRAPH, .u.text = "The alpha paragraph. " FX_LONG },
	{ .kind = BLOCK_PARAGRAPH, .u.text = FX_LONG },
	{ .kind = BLOCK_PARAGRAPH, .u.text = FX_LONG FX_LONG },
	{ .kind = BLOCK_BULLETS, .u.list = { 2, (const char **)fx_bullets } },
};
static const struct block fx_blocks1[] = {
	{ .kind = BLOCK_TABLE, .u.table = { "Changes in the tumor", 3, 3,
		(const char **)fx_columns, (const char **)fx_cells } },
	{ .kind = BLOCK_NUMBERED, .u.list = { 3, (const char **)fx_numbered } },
	{ .kind = BLOCK_QUOTE, .u.quote = { "Early detection is key. " FX_S, "A doctor" } },
};
static const struct block fx_blocks2[] = {
	{ .kind = BLOCK_PARAGRAPH, .u.text = "Questions people ask." },
	{ .kind = BLOCK_SUBHEADING, .u.text = "Common questions" },
	{ .kind = BLOCK_FAQ, .u.faq = { 3, fx_faq2 } },
};
static const struct block fx_blocks3[] = {
	{ .kind = BLOCK_FAQ, .u.faq = { 1, fx_faq3 } },
	{ .kind = BLOCK_REFERENCES, .u.refs = { 2, fx_refs } },
};
static const struct section fx_sections[] = {
	{ "intro", "Introduction", 4, fx_blocks0 },
	{ "changes", "Changes \xe2\x80\x94 what happens", 3, fx_blocks1 },
	{ "questions", "Questions", 3, fx_blocks2 },
	{ "sources", "Sources", 2, fx_blocks3 },
};
static const struct check_item fx_checks[] = {
	{ "pain", "New or worse pain", "Pain that is new, or worse than before." },
	{ "lumps", "New lumps", NULL },
	{ "tired", "Tiredness that does not go away",
	  "Fatigue that rest does not help." },
};
static const struct gloss_entry fx_glossary[] = {
	{ "Metastasis", "Cancer spreading from where it started to a new place." },
	{ "Chemotherapy", "Medicine that kills fast-growing cells." },
};
static const struct faq_item *const fx_faq[] = {
	&fx_faq2[0], &fx_faq2[1], &fx_faq2[2], &fx_faq3[0],
};

static const struct document fx_document = {
	.path = "fixture", .schema = 1, .id = "fixture",
	.title = "How Does Cancer Spread \xe2\x80\x94 And What Are the Signs?",
	.summary = "A short standfirst about the \xe2\x80\x9cwarning signs\xe2\x80\x9d.",
	.author = "A. Author", .updated = "2025-11-26", .publisher = "A Hospital",
	.source_url = "https://example.org/article",
	.disclaimer = "This is not medical advice. Talk to your care team.",
	.advice = "Tell your doctor right away.",
	.nsections = 4, .sections = fx_sections,
	.nchecks = 3, .checks = fx_checks,
	.nglossary = 2, .glossary = fx_glossary,
	.nfaq = 4, .faq = fx_faq,
};

static inline const struct document *fixture_doc(void)
{
	return &fx_document;
}

/* A reader's new state of doc in a terminal of cols x rows (0 x 0: none
 * yet, as before the first resize). */
static inline void fixture_state(struct reader_state *st,
				 const struct document *doc, int cols, int rows)
{
	ck_assert_int_eq(state_init(st, doc), 0);
	if (cols || rows)
		state_resize(st, doc, cols, rows);
}

#endif
