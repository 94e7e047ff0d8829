/* linemode.c - the accessible line mode: a conversation in plain text.
 *
 * Each answer is written to a memory buffer first and then appended to the
 * output in one go: so "repeat" can say it again word for word, and a
 * screen reader gets an answer whole, never half of one.  All text, ours
 * and the document's, goes out through plain.h, which cleans, transliterates
 * and wraps it: nothing here writes a document string directly. */
#include "config.h"         /* _GNU_SOURCE: asprintf, open_memstream */
#include "linemode.h"

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "command.h"
#include "idle.h"
#include "plain.h"
#include "search.h"
#include "state.h"
#include "session.h"
#include "statefile.h"
#include "summary.h"
#include "utf8.h"

/* How much of a mistyped line an error message quotes back. */
#define ECHO_MAX 40
/* Notes that may wait for the next answer (state warnings, a long line). */
#define NOTES_MAX 4

/* What was typed: read with read(2) from a descriptor, or getc() from a
 * memory stream, a line at a time and never more than LINEMODE_LINE_MAX
 * bytes of one kept. */
struct input {
	FILE *f;
	int fd;                 /* fileno(f), or -1: read f with getc() */
	bool tty;               /* fd is a terminal */
	char raw[4096];         /* read, not yet looked at: raw[pos..end) */
	size_t pos, end;
	char line[LINEMODE_LINE_MAX + 1];
	size_t len;
	bool over;              /* the line ran past LINEMODE_LINE_MAX */
};

/* What reading a line came to. */
enum got { GOT_LINE, GOT_EOF, GOT_ERROR, GOT_IDLE, GOT_STOP };

struct lm {
	struct session *ses;    /* the state, the open article, its saving */
	const struct document *doc;   /* session_doc(ses), kept in step */
	const struct linemode_opts *o;
	struct reader_state *st;      /* &ses->st */
	struct plain_opts po;
	FILE *out;
	FILE *ans;              /* the answer being written (a memstream) */
	char *buf;              /* its buffer */
	size_t len;
	char *last;             /* the last answer, for repeat */
	size_t last_len;
	bool unread;            /* the reader has not heard this section yet */
	bool gap;               /* an answer was written: a blank line is due */
	bool confirm;           /* "Overwrite? (y/n)" was asked: the next line
	                           is its answer, not a command */
	char notes[NOTES_MAX][300];  /* said at the end of the next answer */
	size_t nnotes;
	struct idle_timer idle; /* kiosk with idle_reset only */
	bool idle_on;
	int err;                /* errno of the first failure, 0 if none */
};

/* ---- writing answers ---------------------------------------------------- */

static void check(struct lm *lm, int r)
{
	if (r < 0 && !lm->err)
		lm->err = errno ? errno : EIO;
}

static bool begin(struct lm *lm)
{
	lm->buf = NULL;
	lm->len = 0;
	lm->ans = open_memstream(&lm->buf, &lm->len);
	if (!lm->ans && !lm->err)
		lm->err = errno ? errno : ENOMEM;
	return lm->ans != NULL;
}

/* The blank line that separates answers goes out just before whatever
 * comes next, prompt or answer, so a prompt follows a gap and an answer
 * follows the reader's command directly. */
static void put_gap(struct lm *lm)
{
	if (lm->gap && fputc('\n', lm->out) == EOF)
		check(lm, -1);
	lm->gap = false;
}

static void emit(struct lm *lm, const char *s, size_t n)
{
	put_gap(lm);
	if (n && fwrite(s, 1, n, lm->out) != n)
		check(lm, -1);
	if (fflush(lm->out) == EOF)
		check(lm, -1);
	lm->gap = true;
}

static void say(struct lm *lm, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void keep_state(struct lm *lm);

/* Send the answer.  keep: it is what "repeat" says next (mistakes are
 * not: after a typo, repeat should still say the text). */
static void end(struct lm *lm, bool keep)
{
	size_t kept;

	/* Saved before the answer goes out: what it says ("checked") is on
	 * disk when it is heard, and a save that failed is said in it. */
	keep_state(lm);
	/* Notes end the answer, and "repeat" leaves them out: they were
	 * news once. */
	if (fflush(lm->ans) == EOF)
		check(lm, -1);
	kept = lm->len;
	for (size_t i = 0; i < lm->nnotes; i++)
		say(lm, "Note: %s", lm->notes[i]);
	lm->nnotes = 0;
	if (fclose(lm->ans) == EOF)
		check(lm, -1);
	lm->ans = NULL;
	if (!lm->err)
		emit(lm, lm->buf, lm->len);
	if (keep && !lm->err) {
		free(lm->last);
		lm->last = lm->buf;
		lm->last_len = kept;
	} else {
		free(lm->buf);
	}
	lm->buf = NULL;
}

/* One paragraph of text: prefix (ours, ASCII) and text (anything). */
static void text(struct lm *lm, const char *prefix, const char *s)
{
	check(lm, plain_text(lm->ans, prefix, s, &lm->po));
}

/* One paragraph of our own words, which may quote the document or the
 * reader: formatted first, then cleaned like any other text. */
static void say(struct lm *lm, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	int n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0) {
		check(lm, -1);
		return;
	}
	text(lm, "", s);
	free(s);
}

/* A line for the end of the next answer (each said once). */
__attribute__((format(printf, 2, 3)))
static void note(struct lm *lm, const char *fmt, ...)
{
	va_list ap;
	char line[sizeof lm->notes[0]];

	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	for (size_t i = 0; i < lm->nnotes; i++)
		if (!strcmp(lm->notes[i], line))
			return;
	if (lm->nnotes < NOTES_MAX)
		memcpy(lm->notes[lm->nnotes++], line, sizeof line);
}

/* A state warning, for the next answer: where a screen-reader user hears
 * it, rather than on stderr after they have gone. */
static void note_warning(struct lm *lm, const struct herror *w)
{
	char line[1024];

	if (w && w->code != HERR_OK)
		note(lm, "%s", statefile_brief(w, line, sizeof line));
}

/* "Section 7 of 12: TITLE": the first line of an answer that moved the
 * reader (a section read, a search that went to another section, the
 * greeting) or that says where they are.  Other answers start with what
 * they have to say: a listener who has just heard where they are does not
 * want to hear it again before every result. */
static void where(struct lm *lm)
{
	char prefix[64];

	if (!lm->doc) {
		size_t n = library_count(lm->ses->lib);
		say(lm, "Library: %zu article%s.", n, n == 1 ? "" : "s");
		return;
	}
	snprintf(prefix, sizeof prefix, "Section %zu of %zu: ",
		 lm->st->section + 1, lm->doc->nsections);
	text(lm, prefix, lm->doc->sections[lm->st->section].title);
}

/* What a state call's flags asked of the session: an article opened or
 * closed.  Returns true when the open article changed. */
static bool follow(struct lm *lm, unsigned redraw)
{
	const struct document *was = lm->doc;
	struct herror warn;

	session_handle(lm->ses, redraw, &warn);
	note_warning(lm, &warn);
	lm->doc = session_doc(lm->ses);
	lm->po.faq_open = lm->st->faq_open;
	lm->po.see_also = lm->st->see_also;
	lm->po.nsee_also = lm->st->nsee_also;
	if (lm->doc != was)
		lm->unread = true;
	return lm->doc != was;
}

/* A one-line answer to a command that could not be carried out. */
__attribute__((format(printf, 2, 3)))
static void mistake(struct lm *lm, const char *fmt, ...)
{
	va_list ap;
	char *s;

	if (!begin(lm))
		return;
	va_start(ap, fmt);
	int n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0)
		check(lm, -1);
	else
		text(lm, "", s);
	if (n >= 0)
		free(s);
	end(lm, false);
}

/* What the reader typed, short enough to quote back: cut at a character
 * boundary, so the quote never ends inside a UTF-8 sequence. */
static int echo_len(const char *s, size_t len)
{
	return (int)utf8_cut(s, len, ECHO_MAX);
}

/* ---- reading the article ------------------------------------------------ */

/* What a section read out offers beyond its text: the first question it
 * leaves closed (0: none), and the first reference with a link (0: none),
 * numbered as f and k take them. */
static void section_offers(const struct lm *lm, size_t *closed, size_t *link)
{
	const struct section *sec = &lm->doc->sections[lm->st->section];
	size_t ref = 0;

	*closed = *link = 0;
	for (size_t j = 0; j < lm->st->section; j++) {
		const struct section *before = &lm->doc->sections[j];
		for (size_t k = 0; k < before->nblocks; k++)
			if (before->blocks[k].kind == BLOCK_REFERENCES)
				ref += before->blocks[k].u.refs.n;
	}
	for (size_t k = 0; k < sec->nblocks; k++) {
		const struct block *bl = &sec->blocks[k];
		if (bl->kind == BLOCK_FAQ)
			for (size_t i = 0; i < bl->u.faq.n && !*closed; i++)
				if (!lm->st->faq_open[bl->u.faq.items[i].number])
					*closed = bl->u.faq.items[i].number + 1;
		if (bl->kind == BLOCK_REFERENCES)
			for (size_t i = 0; i < bl->u.refs.n; i++, ref++)
				if (bl->u.refs.items[i].url && !*link)
					*link = ref + 1;
	}
}

static void read_section(struct lm *lm)
{
	size_t closed, link;

	lm->unread = false;
	if (!begin(lm))
		return;
	/* plain_section() starts with "Section N of M: TITLE": the where line. */
	check(lm, plain_section(lm->ans, lm->doc, lm->st->section, &lm->po));
	/* Its closed questions and its links' hosts are said; how to hear
	 * the rest is said once, after them. */
	section_offers(lm, &closed, &link);
	if (closed)
		say(lm, "Type f and a number to hear an answer, for example f %zu.",
		    closed);
	if (link)
		say(lm, "Type k and a reference's number to hear its full "
		    "address, for example k %zu.", link);
	end(lm, true);
}

/* After a move the state refused ("This is the last section."): the
 * reader is where they were, so it is not said again. */
static void stay(struct lm *lm, const char *hint)
{
	if (!begin(lm))
		return;
	say(lm, "%s %s", lm->st->status, hint);
	end(lm, true);
}

static void next_section(struct lm *lm)
{
	size_t was = lm->st->section;

	if (lm->unread) {
		read_section(lm);
		return;
	}
	state_apply(lm->st, lm->doc, ACTION_NEXT_SECTION);
	if (lm->st->section != was)
		read_section(lm);
	else
		stay(lm, "Type p for the previous section or t for the contents.");
}

static void prev_section(struct lm *lm)
{
	size_t was = lm->st->section;

	state_apply(lm->st, lm->doc, ACTION_PREV_SECTION);
	if (lm->st->section != was)
		read_section(lm);
	else
		stay(lm, "Type n for the next section or t for the contents.");
}

/* "There is no section 14; sections are 1 to 12."  False when n is out of
 * 1..count (the reader has been told), true when it names one.  none
 * names what the article lacks when count is 0. */
static bool in_range(struct lm *lm, size_t n, size_t count, const char *what,
		     const char *whats, const char *none)
{
	if (count == 0) {
		mistake(lm, "This article has no %s.", none);
		return false;
	}
	if (n >= 1 && n <= count)
		return true;
	if (n == SIZE_MAX)
		mistake(lm, "There is no %s that big; %s are 1 to %zu.", what,
			whats, count);
	else if (count == 1)
		mistake(lm, "There is no %s %zu; there is only %s 1.", what, n, what);
	else
		mistake(lm, "There is no %s %zu; %s are 1 to %zu.", what, n,
			whats, count);
	return false;
}

static void goto_section(struct lm *lm, size_t n)
{
	if (!in_range(lm, n, lm->doc->nsections, "section", "sections", "sections"))
		return;
	state_goto_section(lm->st, lm->doc, n - 1);
	read_section(lm);
}

static void contents(struct lm *lm)
{
	if (!begin(lm))
		return;
	/* Counted once, as every list the line mode says. */
	say(lm, "%zu %s.", lm->doc->nsections,
	    lm->doc->nsections == 1 ? "section" : "sections");
	for (size_t i = 0; i < lm->doc->nsections; i++)
		check(lm, plain_item(lm->ans, i + 1, NULL,
				     lm->doc->sections[i].title, &lm->po));
	say(lm, "A number reads that section.");
	end(lm, true);
}

/* ---- the FAQ -------------------------------------------------------------- */

static void faq_list(struct lm *lm)
{
	if (!lm->doc->nfaq) {
		mistake(lm, "This article has no questions.");
		return;
	}
	size_t open = 0;
	for (size_t i = 0; i < lm->doc->nfaq; i++)
		open += lm->st->faq_open[i];
	if (!begin(lm))
		return;
	/* The count once; each question's state only when it is expanded. */
	if (open)
		say(lm, "%zu %s, %zu expanded.", lm->doc->nfaq,
		    lm->doc->nfaq == 1 ? "question" : "questions", open);
	else
		say(lm, "%zu %s.", lm->doc->nfaq,
		    lm->doc->nfaq == 1 ? "question" : "questions");
	for (size_t i = 0; i < lm->doc->nfaq; i++)
		check(lm, plain_faq_question(lm->ans, lm->doc, i, &lm->po));
	say(lm, "f and a number reads an answer.");
	end(lm, true);
}

/* Reading an answer opens it, as Enter on the question does in the
 * reader; reading it again leaves it open. */
static void faq_answer(struct lm *lm, size_t n)
{
	if (!in_range(lm, n, lm->doc->nfaq, "question", "questions", "questions"))
		return;
	if (!lm->st->faq_open[n - 1])
		state_toggle_faq(lm->st, n - 1);
	if (!begin(lm))
		return;
	check(lm, plain_faq_answer(lm->ans, lm->doc, n - 1, &lm->po));
	end(lm, true);
}

/* ---- the checklist ------------------------------------------------------ */

/* "" when s ends a sentence already, else ".": a label is the
 * article's, and may end with its own question mark. */
static const char *stop(const char *s)
{
	size_t n = strlen(s);

	return n && strchr(".!?", s[n - 1]) ? "" : ".";
}

/* "Checked 2: Existing tumors growing." - the result first. */
static void check_line(struct lm *lm, size_t i, const char *word)
{
	const char *label = lm->doc->checks[i].label;

	say(lm, "%s %zu: %s%s", word, i + 1, label, stop(label));
}

static void count_line(struct lm *lm)
{
	say(lm, "%zu of %zu warning %s checked.", lm->st->nchecked,
	    lm->doc->nchecks, lm->doc->nchecks == 1 ? "sign" : "signs");
}

static void checklist(struct lm *lm)
{
	if (!lm->doc->nchecks) {
		mistake(lm, "This article has no checklist.");
		return;
	}
	if (!begin(lm))
		return;
	/* The count once; an item's state only when it is checked. */
	if (lm->st->nchecked)
		say(lm, "%zu warning %s, %zu checked.", lm->doc->nchecks,
		    lm->doc->nchecks == 1 ? "sign" : "signs", lm->st->nchecked);
	else
		say(lm, "%zu warning %s, none checked.", lm->doc->nchecks,
		    lm->doc->nchecks == 1 ? "sign" : "signs");
	for (size_t i = 0; i < lm->doc->nchecks; i++)
		check(lm, plain_item(lm->ans, i + 1,
				     lm->st->checked[i] ? "Checked" : NULL,
				     lm->doc->checks[i].label, &lm->po));
	say(lm, "x and a number checks or unchecks a sign; d and a number "
	    "says more about it.");
	end(lm, true);
}

static void toggle(struct lm *lm, size_t n)
{
	if (!in_range(lm, n, lm->doc->nchecks, "item", "items", "checklist"))
		return;
	state_toggle_check(lm->st, n - 1);
	if (!begin(lm))
		return;
	check_line(lm, n - 1, lm->st->checked[n - 1] ? "Checked" : "Unchecked");
	say(lm, "%zu of %zu checked.", lm->st->nchecked, lm->doc->nchecks);
	end(lm, true);
}

static void detail(struct lm *lm, size_t n)
{
	if (!in_range(lm, n, lm->doc->nchecks, "item", "items", "checklist"))
		return;
	if (!begin(lm))
		return;
	check_line(lm, n - 1, lm->st->checked[n - 1] ? "Checked" : "Not checked");
	if (lm->doc->checks[n - 1].detail)
		text(lm, "", lm->doc->checks[n - 1].detail);
	else
		say(lm, "The article says nothing more about this sign.");
	end(lm, true);
}

static void summary(struct lm *lm)
{
	if (!begin(lm))
		return;
	check(lm, summary_write(lm->ans, lm->doc, lm->st->checked, lm->o->date,
				&lm->po));
	end(lm, true);
}

/* The summary as a file, replacing one of the same name only when the
 * reader said so.  The reader's own action decides whether saving is
 * allowed at all (kiosk mode refuses), so both front-ends agree. */
static struct summary_date save_day(const struct lm *lm)
{
	return lm->o->day.year ? lm->o->day : summary_today();
}

static void save(struct lm *lm, bool overwrite)
{
	struct plain_opts po = { .width = SUMMARY_FILE_WIDTH, .ascii = lm->o->ascii };
	struct summary_date day = save_day(lm);
	char name[SUMMARY_NAME_MAX], line[1024];
	struct herror err;

	if (!(state_apply(lm->st, lm->doc, ACTION_SAVE_SUMMARY) & REDRAW_SAVE)) {
		mistake(lm, "%s", lm->st->status);
		return;
	}
	int r = summary_save(lm->o->save_dir, lm->doc, lm->st->checked, day, &po,
			     overwrite, name, sizeof name, &err);
	if (r == SUMMARY_FAILED) {
		mistake(lm, "%s", herror_format(&err, line, sizeof line));
		return;
	}
	if (!begin(lm))
		return;
	if (r == SUMMARY_EXISTS) {
		say(lm, "%s exists. Overwrite? (y/n)", name);
		say(lm, "Type y to replace it; anything else keeps it.");
		lm->confirm = true;
	} else {
		say(lm, "Saved the summary as %s in this folder.", name);
	}
	end(lm, false);
}

/* The answer to "Overwrite? (y/n)": yes only when the reader says so. */
static void confirm(struct lm *lm, const struct command *c)
{
	const char *a = c->line;
	size_t n = c->line_len;
	char name[SUMMARY_NAME_MAX];
	bool yes = (n == 1 && (*a == 'y' || *a == 'Y'))
		|| (n == 3 && (a[0] | 0x20) == 'y' && (a[1] | 0x20) == 'e'
		    && (a[2] | 0x20) == 's');

	lm->confirm = false;
	if (yes) {
		save(lm, true);
		return;
	}
	mistake(lm, "Kept %s; the summary was not saved.",
		summary_file_name(save_day(lm), name, sizeof name));
}

/* ---- search ----------------------------------------------------------- */

static bool sentence_end(const char *s, size_t i, size_t len)
{
	return (s[i] == '.' || s[i] == '?' || s[i] == '!')
		&& (i + 1 == len || s[i + 1] == ' ' || s[i + 1] == '\n');
}

/* The sentence of s holding bytes [off, off + n): read aloud, a whole
 * paragraph would bury the match; a sentence keeps its sense. */
static void match_sentence(const char *s, size_t off, size_t n,
			   size_t *start, size_t *stop)
{
	size_t len = strlen(s), a = off, b = off + n;

	while (a > 0 && s[a - 1] != '\n' && !(a >= 2 && sentence_end(s, a - 2, len)
					       && s[a - 1] == ' '))
		a--;
	while (b < len && s[b] != '\n' && !sentence_end(s, b, len))
		b++;
	if (b < len && s[b] != '\n')
		b++;    /* keep the full stop */
	*start = a;
	*stop = b;
}

/* "In the answer to question 4", into a malloc'd string; NULL in *s for
 * a paragraph, which needs no words to say so.  False when out of memory. */
static bool match_place(const struct lm *lm, const struct search_match *m,
			char **s)
{
	const struct section *sec = &lm->doc->sections[m->section];
	const struct block *b = m->block >= 0 ? &sec->blocks[m->block] : NULL;
	int r = 0;

	*s = NULL;
	if (!b)
		return (*s = strdup("In the section's title")) != NULL;
	switch (b->kind) {
	case BLOCK_PARAGRAPH:
		return true;
	case BLOCK_SUBHEADING:
		return (*s = strdup("In a heading")) != NULL;
	case BLOCK_BULLETS:
	case BLOCK_NUMBERED:
		r = asprintf(s, "In list item %d", m->item + 1);
		break;
	case BLOCK_TABLE:
		if (m->item == -2)
			return (*s = strdup("In a table's title")) != NULL;
		if (m->item == -1)
			return (*s = strdup("In a table's column names")) != NULL;
		r = asprintf(s, "In a table, row %d, column %s", m->item + 1,
			     b->u.table.columns[m->field]);
		break;
	case BLOCK_QUOTE:
		return (*s = strdup("In a quote")) != NULL;
	case BLOCK_FAQ:
		r = asprintf(s, "In %squestion %d",
			     m->field == 1 ? "the answer to " : "", m->faq + 1);
		break;
	case BLOCK_REFERENCES:
		r = asprintf(s, "In reference %d", m->item + 1);
		break;
	}
	if (r < 0)
		*s = NULL;
	return r >= 0;
}

/* Where a match is among all of its query's: which, of how many. */
struct tally {
	const struct search_match *m;
	size_t n, at;           /* at: 1-based, 0 until m is met */
};

static bool same_match(const struct search_match *a, const struct search_match *b)
{
	return a->section == b->section && a->block == b->block
		&& a->item == b->item && a->field == b->field && a->off == b->off;
}

static bool tally_one(const struct search_match *m, void *arg)
{
	struct tally *t = arg;

	t->n++;
	if (!t->at && same_match(m, t->m))
		t->at = t->n;
	return true;
}

/* "Match 2 of 5" (with the section when the search went to another one),
 * where in the section it is, and the sentence it is in.  One match and
 * many never sound alike: "Only one match". */
static void found(struct lm *lm, bool moved)
{
	const struct search_match *m = &lm->st->match;
	const char *s = search_match_text(lm->doc, m);
	struct tally t = { .m = m };
	char head[96], *place;
	size_t a, b;

	if (!s || !match_place(lm, m, &place)) {
		check(lm, -1);
		return;
	}
	search_each(lm->doc, lm->st->query, tally_one, &t);
	if (t.n <= 1)
		snprintf(head, sizeof head, "Only one match");
	else if (!t.at)
		snprintf(head, sizeof head, "One of %zu matches", t.n);
	else
		snprintf(head, sizeof head, "Match %zu of %zu", t.at, t.n);
	if (moved) {
		char prefix[160];
		snprintf(prefix, sizeof prefix, "%s, section %zu of %zu: ", head,
			 lm->st->section + 1, lm->doc->nsections);
		text(lm, prefix, lm->doc->sections[lm->st->section].title);
	} else {
		say(lm, "%s.", head);
	}
	match_sentence(s, m->off, m->len, &a, &b);
	char *sentence = strndup(s + a, b - a);
	if (!sentence) {
		free(place);
		check(lm, -1);
		return;
	}
	if (place)
		say(lm, "%s: %s", place, sentence);
	else
		text(lm, "", sentence);
	free(sentence);
	free(place);
	if (t.n > 1)
		say(lm, "Type / for the next match, or read for the whole section.");
	else
		say(lm, "Type read for the whole section.");
}

/* A search with no article open covers the library: the matches by
 * article, each article's number and title said once, then each match
 * as "Section 2, TITLE: words" ("Also in section 2: words" after one in
 * the same section). */
static void search_library(struct lm *lm, const char *query)
{
	char *q = strdup(query);

	if (!q) {
		check(lm, -1);
		return;
	}
	state_search(lm->st, NULL, q);
	free(q);
	state_results_all(lm->st);   /* the count comes first, so find all */
	const struct library_results *res = &lm->st->results;
	if (!begin(lm))
		return;
	if (!res->n) {
		say(lm, "\"%s\" is in no article.", lm->st->query);
		end(lm, true);
		return;
	}
	size_t narticles = 0;
	for (size_t i = 0; i < res->n; i++)
		narticles += !i || res->items[i].article != res->items[i - 1].article;
	say(lm, "%zu%s %s for \"%s\", in %zu %s.", res->n,
	    res->truncated ? " or more" : "", res->n == 1 ? "match" : "matches",
	    lm->st->query, narticles, narticles == 1 ? "article" : "articles");
	for (size_t i = 0; i < res->n && !lm->err; i++) {
		const struct library_match *m = &res->items[i];
		const struct doc_header *h = library_header(lm->ses->lib, m->article);
		bool same_article = i && res->items[i - 1].article == m->article;
		char *head, *words;
		int r;

		if (!h)
			continue;
		if (!same_article) {
			size_t k = 0;
			for (size_t j = i; j < res->n && res->items[j].article == m->article; j++)
				k++;
			say(lm, "Article %zu, %s, %zu %s:", m->article + 1, h->title,
			    k, k == 1 ? "match" : "matches");
		}
		if (same_article && res->items[i - 1].m.section == m->m.section)
			r = asprintf(&head, "Also in section %zu: ", m->m.section + 1);
		else
			r = asprintf(&head, "Section %zu, %s: ", m->m.section + 1,
				     m->section);
		if (r < 0) {
			check(lm, -1);
			break;
		}
		if (asprintf(&words, "%s%s%s", m->cut_before ? "... " : "",
			     m->snippet, m->cut_after ? " ..." : "") < 0) {
			free(head);
			check(lm, -1);
			break;
		}
		text(lm, head, words);
		free(words);
		free(head);
	}
	say(lm, "Type o and an article's number to open it.");
	end(lm, true);
}

/* The reader's search: the same query, the same next match, the same
 * opened answer as / and n in the full-screen reader. */
static void search(struct lm *lm, const struct command *c)
{
	/* The reader's bound, so both search for the same. */
	char *query = strndup(c->arg, utf8_cut(c->arg, c->arg_len,
					       SEARCH_QUERY_MAX - 1));

	if (!query) {
		check(lm, -1);
		return;
	}
	if (!*query && !lm->st->query) {
		free(query);
		mistake(lm, "No search yet. Type / and the words to find, "
			"for example /fatigue.");
		return;
	}
	if (!lm->doc) {
		search_library(lm, *query ? query : lm->st->query);
		free(query);
		return;
	}
	size_t was = lm->st->section;
	state_search(lm->st, lm->doc, query);
	free(query);
	if (!begin(lm))
		return;
	/* A match is valid only when this search found one: state_search()
	 * drops the old one before it looks for a new query.  Its status
	 * then says no more than the count does ("went round the end"). */
	if (lm->st->have_match) {
		bool moved = lm->st->section != was;
		if (moved)
			lm->unread = false;
		found(lm, moved);
	} else {
		say(lm, "\"%s\" is not in the article.", lm->st->query);
	}
	end(lm, true);
}

/* ---- the glossary ------------------------------------------------------ */

/* Which glossary entries the reader asked for: the one whose term is
 * exactly q, else every one whose term holds q (case aside, as in search). */
static size_t gloss_match(const struct document *doc, const char *q,
			  bool *want)
{
	size_t hits = 0, at, n;

	for (size_t i = 0; i < doc->nglossary; i++) {
		const char *t = doc->glossary[i].term;
		size_t tlen = strlen(t);
		want[i] = search_in(t, tlen, q, 0, &at, &n);
		if (want[i] && at == 0 && n == tlen) {
			memset(want, 0, doc->nglossary * sizeof *want);
			want[i] = true;
			return 1;
		}
		hits += want[i];
	}
	return hits;
}

static void gloss_list(struct lm *lm)
{
	const struct document *doc = lm->doc;

	say(lm, "Glossary, %zu %s:", doc->nglossary,
	    doc->nglossary == 1 ? "word" : "words");
	for (size_t i = 0; i < doc->nglossary; i++) {
		char num[32];
		snprintf(num, sizeof num, "%zu. ", i + 1);
		text(lm, num, doc->glossary[i].term);
	}
	say(lm, "Type g and a word or its number to hear what it means, "
	    "for example g 1.");
}

static void glossary(struct lm *lm, const struct command *c)
{
	const struct document *doc = lm->doc;

	if (c->has_num) {
		if (!in_range(lm, c->num, doc->nglossary, "word", "words", "glossary"))
			return;
	} else if (!doc->nglossary) {
		mistake(lm, "This article has no glossary.");
		return;
	}
	/* One spare element: calloc(0) may return NULL. */
	bool *want = calloc(doc->nglossary + 1, sizeof *want);
	char *q = strndup(c->arg, c->arg_len);
	if (!want || !q) {
		check(lm, -1);
		goto out;
	}
	if (c->has_num) {
		want[c->num - 1] = true;
	} else if (*q && !gloss_match(doc, q, want)) {
		mistake(lm, "No glossary word matches \"%.*s\". Type g for the list.",
			echo_len(c->arg, c->arg_len), c->arg);
		goto out;
	}
	if (!begin(lm))
		goto out;
	if (!*q)
		gloss_list(lm);
	for (size_t i = 0; *q && i < doc->nglossary; i++)
		if (want[i])
			check(lm, plain_gloss_entry(lm->ans, doc, i, &lm->po));
	end(lm, true);
out:
	free(want);
	free(q);
}

/* ---- links ---------------------------------------------------------------- */

/* The article's references, counted from its first as k takes them: the
 * number of them, and in *r the one numbered n (1-based; 0: none). */
static size_t references(const struct document *doc, size_t n,
			 const struct reference **r)
{
	size_t count = 0;

	*r = NULL;
	for (size_t i = 0; i < doc->nsections; i++)
		for (size_t k = 0; k < doc->sections[i].nblocks; k++) {
			const struct block *b = &doc->sections[i].blocks[k];
			if (b->kind != BLOCK_REFERENCES)
				continue;
			if (n > count && n <= count + b->u.refs.n)
				*r = &b->u.refs.items[n - count - 1];
			count += b->u.refs.n;
		}
	return count;
}

/* A link's whole address, which answers and plain text give as its host
 * alone: spelt out, an address takes longer to hear than the reference it
 * belongs to. */
static void link_line(struct lm *lm, const char *prefix, const char *url)
{
	struct plain_opts po = lm->po;

	po.short_links = false;
	check(lm, plain_link(lm->ans, prefix, url, &po));
}

static void links(struct lm *lm, const struct command *c)
{
	const struct document *doc = lm->doc;
	const struct reference *r;
	size_t nrefs = references(doc, c->has_num ? c->num : 0, &r), nurls = 0;
	char prefix[48];

	if (c->has_num) {
		if (!in_range(lm, c->num, nrefs, "reference", "references",
			      "references"))
			return;
		if (!r->url) {
			mistake(lm, "Reference %zu has no link.", c->num);
			return;
		}
		if (!begin(lm))
			return;
		snprintf(prefix, sizeof prefix, "Reference %zu: ", c->num);
		link_line(lm, prefix, r->url);
		end(lm, true);
		return;
	}
	for (size_t i = 1; i <= nrefs; i++) {
		references(doc, i, &r);
		nurls += r && r->url;
	}
	if (!doc->source_url && !nurls) {
		mistake(lm, "This article has no links.");
		return;
	}
	if (!begin(lm))
		return;
	if (doc->source_url)
		link_line(lm, "Source: ", doc->source_url);
	for (size_t i = 1; i <= nrefs; i++) {
		references(doc, i, &r);
		if (!r || !r->url)
			continue;
		snprintf(prefix, sizeof prefix, "Reference %zu: ", i);
		link_line(lm, prefix, r->url);
	}
	end(lm, true);
}

/* ---- where, help, repeat ------------------------------------------------ */

static void where_am_i(struct lm *lm)
{
	size_t open = 0;

	for (size_t i = 0; i < lm->st->nfaq; i++)
		open += lm->st->faq_open[i];
	if (!begin(lm))
		return;
	where(lm);
	if (!lm->doc) {
		say(lm, "No article is open: type o and a number to open one, "
		    "l to list them.");
		end(lm, true);
		return;
	}
	if (lm->unread)
		say(lm, "You have not read this section yet: type n to read it.");
	if (lm->doc->nchecks)
		count_line(lm);
	if (lm->doc->nfaq)
		say(lm, "%zu of %zu %s expanded.", open, lm->doc->nfaq,
		    lm->doc->nfaq == 1 ? "question" : "questions");
	if (lm->st->query)
		say(lm, "Last search: \"%s\".", lm->st->query);
	end(lm, true);
}

/* A spelling as it is heard: a speech engine says nothing for "." or
 * "?", so keys are named in words. */
static const char *key_words(const char *s)
{
	if (!strcmp(s, "."))
		return "a full stop";
	if (!strcmp(s, "?"))
		return "a question mark";
	if (!strcmp(s, "/"))
		return "a slash";
	if (!*s)                /* a bare number */
		return "a number, for example 7,";
	return s;
}

/* "x or toggle, and a number: check or uncheck that warning sign.", from
 * the table: every spelling, keys named in words, and what follows them. */
static void say_help_line(struct lm *lm, enum command_id id)
{
	const char *form[3] = { command_short(id), command_word(id),
				command_alias(id) };
	const char *an = command_arg_name(id);
	enum command_arg arg = command_arg(id);
	char line[160];
	size_t n = 0, count = 0;

	for (int i = 0; i < 3; i++)
		count += form[i] != NULL;
	for (size_t i = 0, k = 0; i < 3; i++) {
		if (!form[i])
			continue;
		const char *sep = k == 0 ? "" : k + 1 == count ? " or " : ", ";
		n += (size_t)snprintf(line + n, sizeof line - n, "%s%s", sep,
				      key_words(form[i]));
		if (n >= sizeof line)
			n = sizeof line - 1;
		k++;
	}
	/* What must or may follow; an optional number the help text says. */
	if (an && (arg == ARG_NUMBER || arg == ARG_TEXT))
		snprintf(line + n, sizeof line - n, " and %s", an);
	if (line[0] == 'a' && line[1] == ' ')
		line[0] = 'A';
	/* No hanging indent: on a braille line a run of blanks is noise. */
	say(lm, "%s: %s.", line, command_help(id));
}

static void help(struct lm *lm)
{
	if (!begin(lm))
		return;
	say(lm, "Type a command and press Enter. Each has a short and a long "
	    "form; capital letters do not matter.");
	for (int id = CMD_UNKNOWN + 1; id < CMD_COUNT; id++)
		say_help_line(lm, (enum command_id)id);
	end(lm, true);
}

static void repeat(struct lm *lm)
{
	if (!lm->last) {
		mistake(lm, "Nothing to repeat yet.");
		return;
	}
	emit(lm, lm->last, lm->last_len);
}

/* ---- the conversation --------------------------------------------------- */

/* The library's articles, numbered as `open N` takes them. */
static void list_articles(struct lm *lm)
{
	struct library *lib = lm->ses->lib;

	for (size_t i = 0; i < library_count(lib); i++) {
		const struct doc_header *h = library_header(lib, i);
		char num[32];

		snprintf(num, sizeof num, "%zu. ", i + 1);
		if (!h) {
			const char *p = library_path(lib, i), *slash = strrchr(p, '/');
			say(lm, "%s%s cannot be opened.", num, slash ? slash + 1 : p);
			continue;
		}
		check(lm, plain_library_entry(lm->ans, num, h, &lm->po));
	}
}

static void library(struct lm *lm)
{
	if (!begin(lm))
		return;
	where(lm);
	list_articles(lm);
	say(lm, "Type o and a number to open an article, for example o 1.");
	end(lm, true);
}

static void greet(struct lm *lm)
{
	if (!lm->doc) {
		if (!begin(lm))
			return;
		where(lm);
		if (library_count(lm->ses->lib) <= 10)
			list_articles(lm);
		else
			say(lm, "Type l to list them.");
		say(lm, "Type o and a number to open an article, for example o 1; "
		    "/ and words searches them all; h for help, q to quit.");
		end(lm, true);
		return;
	}
	if (!begin(lm))
		return;
	check(lm, plain_header(lm->ans, lm->doc, &lm->po));
	where(lm);
	/* Coming back: the ticks saved last time are news worth a line. */
	if (lm->st->nchecked)
		say(lm, "%zu of %zu warning %s checked last time: type c to "
		    "hear them.", lm->st->nchecked, lm->doc->nchecks,
		    lm->doc->nchecks == 1 ? "sign was" : "signs were");
	say(lm, "Type n to start, h for help, q to quit.");
	end(lm, true);
}

/* The kiosk's idle reset: the next person finds nothing of the last one
 * that handout can take back.  Only the scrollback keeps what was said:
 * the line mode never clears the screen. */
static void forget(struct lm *lm, struct input *in)
{
	session_forget(lm->ses);
	lm->doc = session_doc(lm->ses);
	lm->po.faq_open = lm->st->faq_open;
	lm->po.see_also = lm->st->see_also;
	lm->po.nsee_also = lm->st->nsee_also;
	lm->unread = true;
	lm->confirm = false;
	lm->nnotes = 0;
	free(lm->last);
	lm->last = NULL;
	lm->last_len = 0;
	/* A half-typed line is a trace of the last reader too. */
	in->len = 0;
	in->over = false;
	in->pos = in->end = 0;
	if (in->tty)
		tcflush(in->fd, TCIFLUSH);
	if (lm->o->prompt && fputc('\n', lm->out) == EOF)
		check(lm, -1);  /* end the prompt's line */
	if (!begin(lm))
		return;
	say(lm, "========================================");
	say(lm, "New reader. Everything the last reader did here has been "
	    "forgotten.");
	say(lm, "========================================");
	end(lm, false);
	greet(lm);
}

/* A known command used the wrong way: say how it is used. */
static void misused(struct lm *lm, const struct command *c)
{
	const char *sh = command_short(c->id), *word = command_word(c->id);
	const char *form = *sh ? sh : word;
	int n = echo_len(c->arg, c->arg_len);

	switch (c->error) {
	case CMDERR_NEED_NUMBER:
		mistake(lm, "%s needs a number, for example %s 2.", word, form);
		break;
	case CMDERR_NOT_NUMBER:
		mistake(lm, "\"%.*s\" is not a number. Type %s and a number, "
			"for example %s 2.", n, c->arg, form, form);
		break;
	case CMDERR_EXTRA:
		mistake(lm, "%s takes nothing after it: type %s alone.", word, form);
		break;
	case CMDERR_NONE:
		break;
	}
}

/* Does command id need an article open? */
static bool needs_article(enum command_id id)
{
	switch (id) {
	case CMD_EMPTY: case CMD_UNKNOWN: case CMD_SEARCH: case CMD_WHERE:
	case CMD_REPEAT: case CMD_HELP: case CMD_QUIT: case CMD_LIBRARY:
	case CMD_OPEN: case CMD_COUNT:
		return false;
	default:
		return true;
	}
}

/* open N: the article, with its saved state, from its start (the open
 * one is closed and saved first). */
static void open_article(struct lm *lm, size_t n)
{
	struct library *lib = lm->ses->lib;

	if (!lib) {
		mistake(lm, "This article was opened on its own: there is no "
			"library to open another from.");
		return;
	}
	if (!in_range(lm, n, library_count(lib), "article", "articles", "articles"))
		return;
	if (lm->doc)
		follow(lm, state_apply(lm->st, lm->doc, ACTION_LIBRARY));
	/* From the list of articles, not from a search's matches, where
	 * choosing opens the chosen match's article instead of article n. */
	if (lm->st->view != VIEW_LIBRARY)
		state_apply(lm->st, NULL, ACTION_LIBRARY);
	lm->st->lib_cursor = n - 1;
	if (!follow(lm, state_apply(lm->st, NULL, ACTION_TOGGLE))) {
		if (!begin(lm))
			return;
		say(lm, "%s", lm->st->status);
		end(lm, true);
		return;
	}
	greet(lm);
}

/* Back to the library (the open article saved and closed). */
static void to_library(struct lm *lm)
{
	if (!lm->ses->lib) {
		mistake(lm, "This article was opened on its own: there is no "
			"library.");
		return;
	}
	if (lm->doc)
		follow(lm, state_apply(lm->st, lm->doc, ACTION_LIBRARY));
	library(lm);
}

/* Carry out one command; false when the reader asked to quit. */
static bool run(struct lm *lm, const struct command *c)
{
	if (c->error) {
		misused(lm, c);
		return true;
	}
	if (!lm->doc && needs_article(c->id)) {
		mistake(lm, "Open an article first: type o and its number, for "
			"example o 1, or l to list them.");
		return true;
	}
	switch (c->id) {
	case CMD_EMPTY:
		break;
	case CMD_UNKNOWN:
		mistake(lm, "Unknown command \"%.*s\". Type h for help.",
			echo_len(c->line, c->line_len), c->line);
		break;
	case CMD_NEXT:      next_section(lm); break;
	case CMD_PREV:      prev_section(lm); break;
	case CMD_SECTION:   goto_section(lm, c->num); break;
	case CMD_READ:      read_section(lm); break;
	case CMD_CONTENTS:  contents(lm); break;
	case CMD_FAQ:
		if (c->has_num)
			faq_answer(lm, c->num);
		else
			faq_list(lm);
		break;
	case CMD_CHECKLIST: checklist(lm); break;
	case CMD_TOGGLE:    toggle(lm, c->num); break;
	case CMD_DETAIL:    detail(lm, c->num); break;
	case CMD_SUMMARY:   summary(lm); break;
	case CMD_SAVE:      save(lm, false); break;
	case CMD_SEARCH:    search(lm, c); break;
	case CMD_GLOSSARY:  glossary(lm, c); break;
	case CMD_LINK:      links(lm, c); break;
	case CMD_WHERE:     where_am_i(lm); break;
	case CMD_LIBRARY:   to_library(lm); break;
	case CMD_OPEN:      open_article(lm, c->num); break;
	case CMD_REPEAT:    repeat(lm); break;
	case CMD_HELP:      help(lm); break;
	case CMD_QUIT: {
		/* The reader's own quit: an article of a library goes back to
		 * the library; in kiosk mode it goes back to the start for the
		 * next person instead. */
		unsigned r = state_apply(lm->st, lm->doc, ACTION_QUIT);
		if (r & REDRAW_QUIT) {
			emit(lm, "Goodbye.\n", 9);
			return false;
		}
		if (r & REDRAW_CLOSE) {
			follow(lm, r);
			library(lm);
			break;
		}
		lm->unread = true;
		if (!lm->doc) {
			greet(lm);
			break;
		}
		/* Back at the start: a move, so where to is said. */
		if (begin(lm)) {
			where(lm);
			say(lm, "%s Type n to start reading.", lm->st->status);
			end(lm, true);
		}
		break;
	}
	case CMD_COUNT:
		break;
	}
	return true;
}

/* ---- reading commands ---------------------------------------------------- */

static long long monotonic_ms(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (long long)now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

static bool stopped(const struct lm *lm)
{
	return lm->o->stop && *lm->o->stop;
}

/* More bytes into in->raw.  GOT_LINE when some came; GOT_IDLE when the
 * kiosk's idle reset fell due first. */
static enum got fill(struct lm *lm, struct input *in)
{
	if (in->fd < 0) {
		int c = getc(in->f);
		if (c == EOF)
			return ferror(in->f) ? GOT_ERROR : GOT_EOF;
		in->raw[0] = (char)c;
		in->pos = 0;
		in->end = 1;
		return GOT_LINE;
	}
	for (;;) {
		if (stopped(lm))
			return GOT_STOP;
		/* A timeout only while a reset is due: otherwise handout
		 * sleeps until a key comes, and costs nothing when idle. */
		long long wait = lm->idle_on
			? idle_wait_ms(&lm->idle, monotonic_ms()) : -1;
		if (wait >= 0) {
			struct pollfd p = { .fd = in->fd, .events = POLLIN };
			int r = poll(&p, 1, wait > INT_MAX ? INT_MAX : (int)wait);
			if (r < 0 && errno == EINTR)
				continue;
			if (r < 0)
				return GOT_ERROR;
			if (r == 0) {
				if (idle_due(&lm->idle, monotonic_ms()))
					return GOT_IDLE;
				continue;
			}
		}
		ssize_t n = read(in->fd, in->raw, sizeof in->raw);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return GOT_ERROR;
		if (n == 0)
			return GOT_EOF;
		in->pos = 0;
		in->end = (size_t)n;
		if (lm->idle_on)
			idle_touch(&lm->idle, monotonic_ms());
		return GOT_LINE;
	}
}

/* The next line, without its '\n', in in->line (in->len bytes; in->over
 * when more was dropped).  A last line without '\n' counts. */
static enum got read_line(struct lm *lm, struct input *in)
{
	in->len = 0;
	in->over = false;
	for (;;) {
		while (in->pos < in->end) {
			char c = in->raw[in->pos++];
			if (c == '\n') {
				in->line[in->len] = '\0';
				return GOT_LINE;
			}
			if (in->len < LINEMODE_LINE_MAX)
				in->line[in->len++] = c;
			else
				in->over = true;
		}
		enum got g = fill(lm, in);
		if (g == GOT_LINE)
			continue;
		if (g == GOT_EOF && (in->len || in->over)) {
			in->line[in->len] = '\0';
			return GOT_LINE;
		}
		if (g == GOT_IDLE) {
			in->len = 0;
			in->over = false;
		}
		return g;
	}
}

/* End of input on a terminal: a person's Ctrl-D, or a terminal that has
 * been hung up, which poll() reports as such.  (Were it not reported, the
 * answer written to a hung-up terminal fails, and that ends the run: no
 * count of Ctrl-Ds, which a paste could reach, is ever a way out.) */
static bool terminal_gone(const struct input *in)
{
	struct pollfd p = { .fd = in->fd, .events = POLLIN };

	return poll(&p, 1, 0) > 0 &&
		(p.revents & (POLLHUP | POLLERR | POLLNVAL));
}

/* ---- the conversation's loop ------------------------------------------- */

/* Saved state follows the ticks and the section (statefile_keep()); end()
 * asks before the answer goes out.  A warning goes into the answer. */
static void keep_state(struct lm *lm)
{
	struct herror warn;

	session_keep(lm->ses, &warn);
	note_warning(lm, &warn);
}

int linemode_run(struct session *ses, FILE *in, FILE *out,
		 const struct linemode_opts *o)
{
	struct lm lm = {
		.ses = ses, .st = &ses->st, .doc = session_doc(ses), .o = o,
		.out = out, .unread = true,
		/* Spoken: a link is its host, and `link` says the rest; the
		 * one blank line is between answers, none inside one. */
		.po = { .width = o->width, .ascii = o->ascii, .short_links = true,
			.compact = true, .lead_in_section = true },
	};
	struct input *inp = calloc(1, sizeof *inp);
	struct herror warn;
	bool going = true;

	if (!inp) {
		errno = ENOMEM;
		return -1;
	}
	inp->f = in;
	inp->fd = fileno(in);
	inp->tty = inp->fd >= 0 && isatty(inp->fd);
	lm.po.faq_open = lm.st->faq_open;
	lm.po.see_also = lm.st->see_also;
	lm.po.nsee_also = lm.st->nsee_also;
	if (o->kiosk && o->idle_reset > 0 && inp->fd >= 0) {
		idle_init(&lm.idle, o->idle_reset, monotonic_ms());
		lm.idle_on = true;
	}
	note_warning(&lm, o->warning);
	greet(&lm);
	while (going && !lm.err && !stopped(&lm)) {
		if (o->prompt) {
			put_gap(&lm);
			if (fputs("> ", out) == EOF || fflush(out) == EOF)
				check(&lm, -1);
		}
		enum got g = read_line(&lm, inp);
		if (g == GOT_IDLE) {
			forget(&lm, inp);
			continue;
		}
		if (g == GOT_EOF && o->kiosk && inp->tty && !terminal_gone(inp)) {
			/* Ctrl-D at a kiosk: the next person's start, as q. */
			struct command q = { .id = CMD_QUIT };
			if (o->prompt && fputc('\n', out) == EOF)
				check(&lm, -1);
			lm.confirm = false;
			run(&lm, &q);
			continue;
		}
		if (g != GOT_LINE) {
			if (g == GOT_ERROR && !(inp->tty && errno == EIO))
				check(&lm, -1);
			else if (g != GOT_ERROR && o->prompt &&
				 (fputc('\n', out) == EOF || fflush(out) == EOF))
				check(&lm, -1);  /* end the prompt's line */
			break;
		}
		if (inp->over)
			note(&lm, "That line was longer than %d bytes; only the "
			     "first %d were read.", LINEMODE_LINE_MAX,
			     LINEMODE_LINE_MAX);
		/* Others' ticks first, so this command sees them; they are
		 * not this session's change, so nothing to save for them. */
		session_refresh(ses, &warn);
		note_warning(&lm, &warn);
		struct command c;
		command_parse(inp->line, inp->len, &c);
		if (lm.confirm) {
			confirm(&lm, &c);
			continue;
		}
		/* A blank line on a terminal: just ask again. */
		if (c.id == CMD_EMPTY && !c.error)
			continue;
		going = run(&lm, &c);
	}
	free(inp);
	free(lm.last);
	if (lm.err) {
		errno = lm.err;
		return -1;
	}
	return 0;
}
