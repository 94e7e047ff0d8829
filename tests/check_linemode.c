/* check_linemode.c - the line mode's command parser, and whole sessions
 * through linemode_run(): commands in from memory, answers out to memory. */
#include "config.h"

#include <check.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "command.h"
#include "document.h"
#include "linemode.h"
#include "session.h"
#include "loader.h"
#include "testutil.h"
#include "utf8.h"

/* Two sections, three questions, two signs, two glossary words. */
static const char fixture[] =
	TU_SAMPLE_HEAD
	"  - id: one\n"
	"    title: First\n"
	"    blocks:\n"
	"      - paragraph: Opening words. The needle sits here. Closing words.\n"
	"      - table:\n"
	"          columns: [Fruit, Colour]\n"
	"          rows:\n"
	"            - [Apple, Red]\n"
	TU_SAMPLE_FAQ("Second answer, with a needle.")
	TU_SAMPLE_CHECKLIST
	TU_SAMPLE_GLOSSARY
	"  - term: Lymph node\n"
	"    definition: A small gland that filters lymph.\n";

static struct tu_docs docs;

static void setup(void)
{
	tu_docs_load(&docs, fixture, sizeof fixture - 1);
}

static void teardown(void)
{
	tu_docs_free(&docs);
}

/* linemode_run() over a session of doc, set up as main sets one up, the
 * reader at section start. */
static int run_session(const struct document *doc, FILE *in, FILE *out,
		       const struct linemode_opts *o, size_t start)
{
	struct session ses;
	struct herror warn;

	ck_assert_int_eq(session_init_article(&ses, doc, NULL, false, &warn), 0);
	ses.st.kiosk = o->kiosk;
	ses.st.ascii = o->ascii;
	if (start)
		state_goto_section(&ses.st, doc, start);
	int r = linemode_run(&ses, in, out, o);
	session_free(&ses);
	return r;
}

/* A whole session: input in, everything written out (caller frees). */
static char *session_opts(const struct document *doc, const char *input,
			  const struct linemode_opts *o, size_t start,
			  int *status)
{
	struct tu_capture out;
	/* fmemopen() of an empty buffer is refused: give it one byte it
	 * will not read past. */
	FILE *in = fmemopen((void *)(input[0] ? input : "\n"),
			    input[0] ? strlen(input) : 0, "r");

	ck_assert_ptr_nonnull(in);
	*status = run_session(doc, in, tu_capture_open(&out), o, start);
	fclose(in);
	return tu_capture_close(&out);
}

static char *session(const struct document *doc, const char *input)
{
	struct linemode_opts o = { 0 };
	int status;
	char *text = session_opts(doc, input, &o, 0, &status);

	ck_assert_int_eq(status, 0);
	return text;
}

/* What the commands answered: the session's output after the greeting
 * (which an empty session prints alone) and the blank line after it. */
static char *answers(const struct document *doc, const char *input)
{
	char *greeting = session(doc, "");
	char *all = session(doc, input);
	size_t g = strlen(greeting);

	ck_assert_msg(strncmp(all, greeting, g) == 0, "greeting differs");
	ck_assert_msg(all[g] == '\n' || all[g] == '\0', "no gap after greeting");
	char *rest = strdup(all + g + (all[g] ? 1 : 0));
	free(greeting);
	free(all);
	return rest;
}

static void parse(const char *s, struct command *c)
{
	command_parse(s, strlen(s), c);
}

/* ---- the parser -------------------------------------------------------- */

START_TEST(every_form_in_the_table_parses)
{
	char line[64];
	struct command c;

	for (int id = CMD_UNKNOWN + 1; id < CMD_COUNT; id++) {
		const char *forms[3] = { command_short(id), command_word(id),
					 command_alias(id) };
		const char *arg = command_arg(id) == ARG_NUMBER ? "2" : "";
		for (int f = 0; f < 3; f++) {
			if (!forms[f] || (!*forms[f] && !*arg))
				continue;
			snprintf(line, sizeof line, "%s%s%s\n", forms[f],
				 *forms[f] && *arg ? " " : "", arg);
			parse(line, &c);
			ck_assert_msg(c.id == (enum command_id)id,
				      "'%s' parsed as %d, want %d", line, c.id, id);
			ck_assert_int_eq(c.error, CMDERR_NONE);
		}
		ck_assert_ptr_nonnull(command_help(id));
	}
	ck_assert_ptr_null(command_word(CMD_UNKNOWN));
	ck_assert_ptr_null(command_word(CMD_COUNT));
}
END_TEST

/* What command_parse() makes of the first len bytes of in (0: all of
 * them): the command and its error; with no error, whether it has a number
 * and which; and, where not NULL, its trimmed line and its argument. */
static const struct parse_case {
	const char *in;
	size_t len;
	enum command_id id;
	enum command_error error;
	bool has_num;
	size_t num;
	const char *line, *arg;
} parses[] = {
	/* Case and blanks do not matter. */
	{ "  NEXT \r\n", 0, CMD_NEXT, CMDERR_NONE, false, 0, "NEXT", NULL },
	{ "\tQ\n", 0, CMD_QUIT, CMDERR_NONE, false, 0, NULL, NULL },
	{ "Previous", 0, CMD_PREV, CMDERR_NONE, false, 0, NULL, NULL },
	{ "  \t \n", 0, CMD_EMPTY, CMDERR_NONE, false, 0, NULL, NULL },
	{ "", 0, CMD_EMPTY, CMDERR_NONE, false, 0, NULL, NULL },
	/* Exactly len bytes are read. */
	{ "nextXYZ", 4, CMD_NEXT, CMDERR_NONE, false, 0, NULL, NULL },
	/* Numbers, also run into the word, and too big for a size_t. */
	{ "7", 0, CMD_SECTION, CMDERR_NONE, true, 7, NULL, NULL },
	{ "x2", 0, CMD_TOGGLE, CMDERR_NONE, true, 2, NULL, NULL },
	{ "Toggle   12  ", 0, CMD_TOGGLE, CMDERR_NONE, true, 12, NULL, NULL },
	{ "d 0", 0, CMD_DETAIL, CMDERR_NONE, true, 0, NULL, NULL },
	{ "f 99999999999999999999999999", 0, CMD_FAQ, CMDERR_NONE, true, SIZE_MAX, NULL, NULL },
	{ "f", 0, CMD_FAQ, CMDERR_NONE, false, 0, NULL, NULL },
	/* Commands used wrongly. */
	{ "x", 0, CMD_TOGGLE, CMDERR_NEED_NUMBER, false, 0, NULL, NULL },
	{ "detail", 0, CMD_DETAIL, CMDERR_NEED_NUMBER, false, 0, NULL, NULL },
	{ "section", 0, CMD_SECTION, CMDERR_NEED_NUMBER, false, 0, NULL, NULL },
	{ "x two", 0, CMD_TOGGLE, CMDERR_NOT_NUMBER, false, 0, NULL, NULL },
	{ "x -1", 0, CMD_TOGGLE, CMDERR_NOT_NUMBER, false, 0, NULL, NULL },
	{ "x +1", 0, CMD_TOGGLE, CMDERR_NOT_NUMBER, false, 0, NULL, NULL },
	{ "x 2 3", 0, CMD_TOGGLE, CMDERR_NOT_NUMBER, false, 0, NULL, NULL },
	{ "3 4", 0, CMD_SECTION, CMDERR_NOT_NUMBER, false, 0, NULL, NULL },
	{ "3a", 0, CMD_SECTION, CMDERR_NOT_NUMBER, false, 0, NULL, NULL },
	{ "f abc", 0, CMD_FAQ, CMDERR_NOT_NUMBER, false, 0, NULL, NULL },
	{ "next 3", 0, CMD_NEXT, CMDERR_EXTRA, false, 0, NULL, NULL },
	{ "q now", 0, CMD_QUIT, CMDERR_EXTRA, false, 0, NULL, NULL },
	/* Not commands at all. */
	{ "xyz", 0, CMD_UNKNOWN, CMDERR_NONE, false, 0, NULL, NULL },
	{ "nn", 0, CMD_UNKNOWN, CMDERR_NONE, false, 0, NULL, NULL },
	{ "quitter", 0, CMD_UNKNOWN, CMDERR_NONE, false, 0, NULL, NULL },
	{ "\xc3\xa9", 0, CMD_UNKNOWN, CMDERR_NONE, false, 0, NULL, NULL },
	{ "\x1b[A", 0, CMD_UNKNOWN, CMDERR_NONE, false, 0, NULL, NULL },
	{ "-", 0, CMD_UNKNOWN, CMDERR_NONE, false, 0, NULL, NULL },
	{ "#", 0, CMD_UNKNOWN, CMDERR_NONE, false, 0, NULL, NULL },
	{ "n\xc3\xa9", 0, CMD_UNKNOWN, CMDERR_NONE, false, 0, NULL, NULL },
	{ "next!", 0, CMD_UNKNOWN, CMDERR_NONE, false, 0, NULL, NULL },
	{ "q.", 0, CMD_UNKNOWN, CMDERR_NONE, false, 0, NULL, NULL },
	/* A NUL inside the line is a byte like any other. */
	{ "q\0uit", 5, CMD_UNKNOWN, CMDERR_NONE, false, 0, NULL, NULL },
	{ "x 2\0", 4, CMD_TOGGLE, CMDERR_NOT_NUMBER, false, 0, NULL, NULL },
	/* Search and the glossary take text. */
	{ "/fatigue\n", 0, CMD_SEARCH, CMDERR_NONE, false, 0, NULL, "fatigue" },
	{ "/", 0, CMD_SEARCH, CMDERR_NONE, false, 0, NULL, "" },
	{ "search  weight loss \n", 0, CMD_SEARCH, CMDERR_NONE, false, 0, NULL, "weight loss" },
	{ "G EMT", 0, CMD_GLOSSARY, CMDERR_NONE, false, 0, NULL, "EMT" },
};

/* len bytes at got are the text want. */
static bool text_is(const char *got, size_t len, const char *want)
{
	return len == strlen(want) && memcmp(got, want, len) == 0;
}

START_TEST(parses_as_expected)
{
	const struct parse_case *t = &parses[_i];
	struct command c;

	command_parse(t->in, t->len ? t->len : strlen(t->in), &c);
	ck_assert_msg(c.id == t->id && c.error == t->error,
		      "'%s': command %d error %d, want %d error %d",
		      t->in, c.id, c.error, t->id, t->error);
	if (t->error == CMDERR_NONE)
		ck_assert_msg(c.has_num == t->has_num &&
			      (!t->has_num || c.num == t->num),
			      "'%s': number %d %zu, want %d %zu", t->in,
			      c.has_num, c.num, t->has_num, t->num);
	if (t->line)
		ck_assert_msg(text_is(c.line, c.line_len, t->line),
			      "'%s': line '%.*s'", t->in, (int)c.line_len, c.line);
	if (t->arg)
		ck_assert_msg(text_is(c.arg, c.arg_len, t->arg),
			      "'%s': argument '%.*s'", t->in, (int)c.arg_len, c.arg);
}
END_TEST

/* ---- sessions ----------------------------------------------------------- */

#define OPTS(...) (&(const struct linemode_opts){ __VA_ARGS__ })

static const volatile sig_atomic_t stop_now = SIGTERM;
static const struct herror link_warning = {
	HERR_UNSAFE, "/home/pat/.local/state/handout", 0, 0,
	"the state folder is a symbolic link; the ticks and place are not "
	"read or saved"
};

/* What a session over the fixture says to input: with no options, its
 * answers after the greeting; with options o, all of it (and it ends
 * with status 0).  Why names the rule. */
static const struct exchange {
	const char *why;
	const char *input;
	const struct linemode_opts *o;
	const char *expect[8];
} exchanges[] = {
	{ "the greeting says the title, the place, help and the disclaimer",
	  "", OPTS(.prompt = false),
	  { TU_STARTS("A Sample Article\n"),
	    TU_HAS("Important: Not medical advice.\n"),
	    TU_HAS("\nSection 1 of 2: First\n"),
	    TU_HAS("h for help"),
	    /* Nothing read yet: the first next reads section 1, and the
	     * standfirst with it, so the greeting stays short. */
	    TU_LACKS("Opening words"),
	    TU_LACKS("standfirst") } },
	{ "the first next reads section 1, the standfirst leading it in",
	  "n\n", NULL,
	  { TU_STARTS("Section 1 of 2: First\nA short standfirst.\n"
		      "Opening words.") } },
	{ "the next next reads section 2",
	  "n\nnext\n", NULL,
	  { TU_HAS("\n\nSection 2 of 2: Second\n") } },
	{ "toggle is the reader's toggle, said result first; the summary reads its marks",
	  "x 2\ntoggle 2\nx 1\nc\nsummary\n", NULL,
	  { TU_STARTS("Checked 2: Pain.\n1 of 2 checked.\n"),
	    TU_HAS("\n\nUnchecked 2: Pain.\n0 of 2 checked.\n"),
	    /* The count once; the state only where there is one. */
	    TU_HAS("\n\n2 warning signs, 1 checked.\n1. Checked: Fever\n2. Pain\n"),
	    TU_THEN("\n\nSummary for your care team"),
	    TU_HAS("- Fever\n"),
	    TU_LACKS("- Pain") } },
	{ "an empty checklist says none, and detail says the state first",
	  "c\nd 2\nx 2\nd 2\n", NULL,
	  { TU_STARTS("2 warning signs, none checked.\n1. Fever\n2. Pain\n"),
	    TU_HAS("\n\nNot checked 2: Pain.\nThe article says nothing more"),
	    TU_HAS("\n\nChecked 2: Pain.\nThe article says nothing more") } },
	{ "a summary with nothing ticked says so",
	  "s\n", NULL,
	  { TU_HAS("No warning signs") } },
	{ "reading an answer expands it, and section 2 then reads it out",
	  "f\nf 2\nf\n2\n", NULL,
	  /* The count once, numbered questions, a state only when open. */
	  { TU_STARTS("3 questions.\n1. First question?\n2. Second question?\n"
		      "3. Third question?\nf and a number reads an answer.\n"),
	    TU_HAS("\n\nQuestion 2: Second question?\n"
		   "Answer: Second answer, with a needle.\n\n"),
	    TU_HAS("\n\n3 questions, 1 expanded.\n1. First question?\n"
		   "2. Expanded: Second question?\n3. Third question?\n"),
	    /* The open answer read aloud, the closed question alone, and
	     * how to hear that one. */
	    TU_THEN("\n\nSection 2 of 2: Second\n2 questions.\n"
		    "2. Second question?\nAnswer: Second answer, with a needle.\n"
		    "3. Third question?\n"
		    "Type f and a number to hear an answer, for example f 3.\n"),
	    TU_LACKS("Third answer"),
	    TU_LACKS("collapsed") } },
	{ "a number out of range says the range",
	  "14\nx 9\nf 0\nd 99999999999999999999999\ng 3\n", NULL,
	  { TU_IS("There is no section 14; sections are 1 to 2.\n\n"
		  "There is no item 9; items are 1 to 2.\n\n"
		  "There is no question 0; questions are 1 to 3.\n\n"
		  "There is no item that big; items are 1 to 2.\n\n"
		  "There is no word 3; words are 1 to 2.\n") } },
	{ "a mistake gets one line",
	  "xyz\nx\nx two\nnext 3\n\x1b[31mred\n", NULL,
	  { TU_IS("Unknown command \"xyz\". Type h for help.\n\n"
		  "toggle needs a number, for example x 2.\n\n"
		  "\"two\" is not a number. Type x and a number, for example x 2.\n\n"
		  "next takes nothing after it: type n alone.\n\n"
		  "Unknown command \"[31mred\". Type h for help.\n") } },
	{ "the end of input ends a last command with no newline, no quit",
	  "n", NULL,
	  { TU_HAS("Opening words.") } },
	{ "quit says goodbye and reads nothing after it",
	  "q\nn\n", NULL,
	  { TU_IS("Goodbye.\n") } },
	{ "search counts its matches, names a section it goes to, reads the sentence",
	  "/NEEDLE\n/\n/\nf\n/nowhere\n", NULL,
	  /* Where the reader is already: no section said. */
	  { TU_STARTS("Match 1 of 2.\nThe needle sits here.\n"
		      "Type / for the next match, or read for the whole section.\n"),
	    TU_HAS("\n\nMatch 2 of 2, section 2 of 2: Second\n"
		   "In the answer to question 2: Second answer, with a needle.\n"),
	    /* Round the end: the count says so. */
	    TU_HAS("\n\nMatch 1 of 2, section 1 of 2: First\n"
		   "The needle sits here.\n"),
	    TU_LACKS("round the end"),
	    /* The match opened the answer that holds it, as in the reader. */
	    TU_HAS("2. Expanded: Second question?"),
	    TU_HAS("\"nowhere\" is not in the article.") } },
	{ "one match says so plainly, and again when it is found again",
	  "/sits\n/\n", NULL,
	  { TU_IS("Only one match.\nThe needle sits here.\n"
		  "Type read for the whole section.\n\n"
		  "Only one match.\nThe needle sits here.\n"
		  "Type read for the whole section.\n") } },
	{ "a match's place is said where a paragraph's is not",
	  "/red\n/lymph\n", NULL,
	  { TU_STARTS("Only one match.\nIn a table, row 1, column Colour: Red\n"),
	    TU_HAS("\"lymph\" is not in the article.") } },
	{ "links: the host in answers, the address when asked",
	  "k\nk 1\n", NULL,
	  { TU_IS("Source: https://clinic.example/a\n\n"
		  "This article has no references.\n") } },
	{ "searching again before any search says how to search",
	  "/\n", NULL,
	  { TU_IS("No search yet. Type / and the words to find, "
		  "for example /fatigue.\n") } },
	{ "the glossary lists its words",
	  "g\n", NULL,
	  { TU_HAS("1. Lymph\n2. Lymph node\n") } },
	{ "a glossary word given exactly is its one entry",
	  "g LYMPH\n", NULL,
	  { TU_HAS("Lymph: A clear fluid"),
	    TU_LACKS("Lymph node:") } },
	{ "a glossary word found by a part of it",
	  "glossary node\n", NULL,
	  { TU_HAS("Lymph node: A small gland") } },
	{ "a part that both words hold explains both",
	  "g ymp\n", NULL,
	  { TU_HAS("Lymph: "),
	    TU_HAS("Lymph node: ") } },
	{ "no glossary word matches: said, with how to list them",
	  "g spleen\n", NULL,
	  { TU_IS("No glossary word matches \"spleen\". Type g for the list.\n") } },
	{ "in kiosk mode quit goes back to the start and keeps listening",
	  "2\nq\nw\n", OPTS(.kiosk = true),
	  { TU_THEN("Section 1 of 2: First\nBack at the start."),
	    TU_HAS("\n\nSection 1 of 2: First\nYou have not read") } },
	{ "kiosk mode, input that is not a terminal: its end is the end",
	  "2\nq\n", OPTS(.kiosk = true, .idle_reset = 1),
	  { TU_HAS("Back at the start."),
	    TU_LACKS("New reader") } },
	{ "on a terminal a prompt, whose line the end of input ends",
	  "n\n", OPTS(.prompt = true),
	  { TU_HAS("q to quit.\n\n> Section 1 of 2: First\n"),
	    TU_ENDS("\n> \n") } },
	{ "off a terminal no prompt",
	  "n\n", OPTS(.prompt = false),
	  { TU_LACKS("> ") } },
	{ "a start-up warning is said once, in the greeting, before the first answer",
	  "w\n", OPTS(.warning = &link_warning),
	  { TU_THEN("Note: State file: the state folder is a symbolic link; "
		    "the ticks and place are not read or saved\n"),
	    TU_LACKS("Note:"),
	    TU_HAS("Section 1 of 2: First\nYou have not") } },
	{ "a start-up warning is not in what repeat says",
	  "r\n", OPTS(.warning = &link_warning),
	  { TU_THEN("q to quit.\nNote: State file:"),
	    TU_LACKS("Note:"),
	    TU_ENDS("q to quit.\n") } },
	{ "the stop flag ends the run before the next command",
	  "x 1\nx 2\n", OPTS(.stop = &stop_now),
	  { TU_HAS("q to quit."),
	    TU_LACKS("Item 1") } },
};

/* --section: the reader starts there, its answers closed. */
START_TEST(start_section)
{
	struct linemode_opts o = { 0 };
	int status = 0;
	char *a = session_opts(docs.sample, "n\n", &o, 1, &status);
	const char *expect[] = {
		TU_HAS("\nSection 2 of 2: Second\nType n"),
		TU_HAS("\n2. Second question?\n3. Third question?\nType f"),
		TU_LACKS("Second answer"),
	};

	ck_assert_int_eq(status, 0);
	tu_expect("a start section is where the reader is", a, expect,
		  sizeof expect / sizeof expect[0]);
	free(a);
}
END_TEST

START_TEST(answers_as_expected)
{
	const struct exchange *x = &exchanges[_i];
	int status = 0;
	char *a = x->o ? session_opts(docs.sample, x->input, x->o, 0, &status)
		       : answers(docs.sample, x->input);

	ck_assert_msg(status == 0, "%s: status %d", x->why, status);

	tu_expect(x->why, a, x->expect, sizeof x->expect / sizeof x->expect[0]);
	free(a);
}
END_TEST

/* Where the reader is is said when it changes, or when asked; the other
 * answers start with what they have to say. */
START_TEST(where_is_said_when_it_changes)
{
	static const struct {
		const char *cmd;
		bool where;
	} cmds[] = {
		{ "n", true }, { "next", true }, { "2", true },
		{ "p", false },         /* at the first section: refused, not moved */
		{ "section 1", true }, { ".", true }, { "w", true },
		{ "/third", true },     /* in section 2: the reader goes there */
		{ "/needle", false },   /* in section 1, where the reader is */
		{ "t", false }, { "f", false }, { "f 1", false }, { "c", false },
		{ "x 1", false }, { "d 1", false }, { "s", false }, { "g", false },
		{ "g lymph", false }, { "g 2", false }, { "h", false }, { "k", false },
	};

	for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
		char in[32];
		snprintf(in, sizeof in, "3\n%s\n", cmds[i].cmd);   /* 3: a mistake */
		char *a = answers(docs.sample, in);
		char *second = strchr(a, '\n');
		ck_assert_ptr_nonnull(second);
		/* The mistake is one line, then a gap, then the answer. */
		ck_assert_msg(strncmp(second, "\n\n", 2) == 0, "'%s': no gap", cmds[i].cmd);
		/* "Section 2 of 2: Second", or a match that names it. */
		const char *first = second + 2, *eol = strchr(first, '\n');
		const char *named = strstr(first, ", section ");
		bool where = strncmp(first, "Section ", 8) == 0
			|| (strncmp(first, "Match ", 6) == 0 && named && named < eol);
		ck_assert_msg(where == cmds[i].where, "'%s' answered: %s",
			      cmds[i].cmd, second + 2);
		free(a);
	}
}
END_TEST

/* Coming back: the greeting says how many signs were ticked last time,
 * and says nothing of it when none were. */
START_TEST(greeting_says_last_times_ticks)
{
	struct session ses;
	struct herror warn;
	struct linemode_opts o = { 0 };
	struct tu_capture out;
	FILE *in = fmemopen((void *)"\n", 0, "r");

	ck_assert_ptr_nonnull(in);
	ck_assert_int_eq(session_init_article(&ses, docs.sample, NULL, false, &warn), 0);
	state_toggle_check(&ses.st, 1);
	ck_assert_int_eq(linemode_run(&ses, in, tu_capture_open(&out), &o), 0);
	fclose(in);
	session_free(&ses);
	char *a = tu_capture_close(&out);
	ck_assert_ptr_nonnull(strstr(a, "\nSection 1 of 2: First\n"
				     "1 of 2 warning signs were checked last time: "
				     "type c to hear them.\n"));
	free(a);
	a = session(docs.sample, "");
	ck_assert_ptr_null(strstr(a, "last time"));
	free(a);
}
END_TEST

/* The program's own words are said as written: no symbol a speech engine
 * spells out or says nothing for, no abbreviation read as letters, no "N"
 * that sounds like the command n.  (The sample's own text has none.) */
START_TEST(own_words_are_speakable)
{
	static const char *const unsaid[] = {
		"e.g.", "i.e.", "n.d.", "etc.", " N ", " N.", " N:", "(s)",
		"collapsed", "of 3,", "[+]",
	};
	char *a = session(docs.sample, "h\nw\nn\nn\np\n.\n1\nt\nf\nf 1\nf 2\nc\n"
			  "x 1\nx 2\nd 1\nd 2\ns\n/needle\n/\n/\ng\ng 1\nk\n"
			  "k 1\nw\n99\nx\nxyz\nq\n");

	for (size_t i = 0; i < sizeof unsaid / sizeof unsaid[0]; i++)
		ck_assert_msg(!strstr(a, unsaid[i]), "\"%s\" in: %s", unsaid[i],
			      strstr(a, unsaid[i]));
	/* A slash between words is "or" written for the eye; the only
	 * slash said alone is the key to type. */
	for (const char *p = strstr(a, " / "); p; p = strstr(p + 1, " / "))
		ck_assert_msg(p - a >= 4 && !strncmp(p - 4, "Type / ", 7),
			      "a slash for \"or\": %.40s", p - 10 > a ? p - 10 : a);
	free(a);
}
END_TEST

START_TEST(repeat_says_the_last_answer_again)
{
	char *one = answers(docs.sample, "c\n");
	char *two = answers(docs.sample, "c\nxyz\nr\n");
	char *want;

	ck_assert_int_ge(asprintf(&want, "%s\nUnknown command \"xyz\". Type h for help.\n\n%s",
				  one, one), 0);
	ck_assert_str_eq(two, want);
	free(one);
	free(two);
	free(want);
	char *a = answers(docs.sample, "repeat\n");
	ck_assert_ptr_nonnull(strstr(a, "A Sample Article"));  /* the greeting */
	free(a);
}
END_TEST

START_TEST(help_is_the_command_table)
{
	char *a = answers(docs.sample, "h\n");

	for (int id = CMD_UNKNOWN + 1; id < CMD_COUNT; id++) {
		ck_assert_msg(strstr(a, command_word(id)), "no %s", command_word(id));
		ck_assert_msg(strstr(a, command_help(id)), "no help for %s",
			      command_word(id));
	}
	ck_assert_ptr_nonnull(strstr(a, "\nx or toggle and a number: "));
	ck_assert_ptr_nonnull(strstr(a, "\nA slash or search and words: "));
	ck_assert_ptr_nonnull(strstr(a, "\np, previous or prev: "));
	/* Keys a speech engine says nothing for are named; no "N", which
	 * sounds like the command n. */
	ck_assert_ptr_nonnull(strstr(a, "\nA number, for example 7, or section and a number: "));
	ck_assert_ptr_nonnull(strstr(a, "\nA full stop or read: "));
	ck_assert_ptr_nonnull(strstr(a, "\nh, help or a question mark: "));
	ck_assert_ptr_null(strstr(a, " N "));
	ck_assert_ptr_null(strstr(a, " N:"));
	free(a);
}
END_TEST

/* Only printable text and '\n'; nothing a terminal would act on, and no
 * box drawing, block, geometric, arrow or check-mark symbols to be read
 * aloud.  Returns a description of the first bad byte, or NULL. */
static const char *bad_output(const char *s, bool ascii_only)
{
	static char why[64];
	const char *end = s + strlen(s);

	while (s < end) {
		unsigned char c = (unsigned char)*s;
		uint32_t cp;
		size_t n = utf8_decode(s, (size_t)(end - s), &cp);
		if ((c < 0x20 && c != '\n') || c == 0x7f || cp == UTF8_REPLACEMENT
		    || (cp >= 0x80 && cp < 0xa0)
		    || (cp >= 0x2190 && cp <= 0x21ff)     /* arrows */
		    || (cp >= 0x2500 && cp <= 0x25ff)     /* boxes, blocks, shapes */
		    || (cp >= 0x2600 && cp <= 0x27bf)     /* symbols, dingbats */
		    || cp == 0x2022 || (ascii_only && c >= 0x80)) {
			snprintf(why, sizeof why, "U+%04X at \"%.12s\"", (unsigned)cp, s);
			return why;
		}
		s += n;
	}
	return NULL;
}

static const char every_command[] =
	"h\nw\nn\nn\np\n.\n1\nt\nf\nf 1\nf 2\nc\nx 1\nx 2\nd 1\nd 2\ns\n"
	"/the\n/\n/\n/chemotherapy\ng\ng 1\ng tumor\nr\n99\nx\nxyz\n"
	"\x1b[2J\x1b]0;title\x07\n\xe2\x80\xae\xc2\x9b" "evil\n\x7f\x01\x02\n"
	"/\x1b[31m\ng \x1b\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\nq\n";

START_TEST(output_is_clean_text)
{
	char *a = session(docs.article, every_command);
	const char *why = bad_output(a, false);

	ck_assert_msg(!why, "bad output: %s", why);
	ck_assert_ptr_nonnull(strstr(a, "Section 12 of 12: References"));
	ck_assert_ptr_nonnull(strstr(a, "Goodbye."));
	free(a);

	struct linemode_opts o = { .ascii = true, .width = 30 };
	int status;
	a = session_opts(docs.article, every_command, &o, 0, &status);
	ck_assert_int_eq(status, 0);
	why = bad_output(a, true);
	ck_assert_msg(!why, "bad ASCII output: %s", why);
	ck_assert_ptr_nonnull(strstr(a, "Isn't Working"));
	free(a);
}
END_TEST

START_TEST(width_wraps_every_line)
{
	struct linemode_opts o = { .width = 32 };
	int status;
	char *a = session_opts(docs.article, every_command, &o, 0, &status);
	size_t longest = 0;

	ck_assert_int_eq(status, 0);
	for (char *line = a, *nl; *line; line = nl + 1) {
		nl = strchr(line, '\n');
		ck_assert_ptr_nonnull(nl);
		int w = utf8_width(line, (size_t)(nl - line));
		ck_assert_msg(w <= 32, "%d columns: %.*s", w, (int)(nl - line), line);
		if ((size_t)w > longest)
			longest = (size_t)w;
	}
	ck_assert_uint_ge(longest, 25);   /* it wraps, it does not chop */
	free(a);
	/* Width 0 does not wrap: the greeting's disclaimer is one line. */
	o.width = 0;
	a = session_opts(docs.article, "", &o, 0, &status);
	ck_assert_ptr_nonnull(strstr(a, "\nImportant: This article is for general "
				     "education and is not medical advice. Please"));
	free(a);
}
END_TEST

START_TEST(write_errors_end_the_run)
{
	struct linemode_opts o = { 0 };
	FILE *full = fopen("/dev/full", "w");
	if (full) {
		FILE *in = fmemopen((void *)"n\nn\n", 4, "r");
		errno = 0;
		ck_assert_int_eq(run_session(docs.sample, in, full, &o, 0), -1);
		ck_assert_int_eq(errno, ENOSPC);
		fclose(in);
		fclose(full);
	}
}
END_TEST

/* ---- saving the summary ------------------------------------------------ */

#define SAVED_NAME "handout-summary-2026-11-26.txt"

/* The text of the summary saved in dir, or NULL when there is none
 * (caller frees). */
static char *saved_text(const char *dir)
{
	char path[600];

	snprintf(path, sizeof path, "%s/" SAVED_NAME, dir);
	return tu_read_file(path, NULL);
}

/* Someone's own file where the summary would go. */
static void someones_file(const char *dir, const char *text)
{
	char path[600];

	snprintf(path, sizeof path, "%s/" SAVED_NAME, dir);
	tu_write_file(path, text, strlen(text));
}

/* One session in dir, saving on 26 November 2026; the answers (caller
 * frees). */
static char *save_session(const struct document *doc, const char *dir,
			  bool kiosk, const char *input)
{
	struct linemode_opts o = {
		.kiosk = kiosk, .date = "26 November 2026",
		.day = { 2026, 11, 26 }, .save_dir = dir,
	};
	int status;
	char *a = session_opts(doc, input, &o, 0, &status);
	ck_assert_int_eq(status, 0);
	return a;
}

START_TEST(save_writes_the_summary_and_asks_before_replacing)
{
	char dir[256];
	ck_assert_ptr_nonnull(tu_tmpdir(dir, sizeof dir));

	char *a = save_session(docs.sample, dir, false, "x 1\nsave\n");
	ck_assert_ptr_nonnull(strstr(a, "\n\nSaved the summary as " SAVED_NAME
				     " in this folder.\n"));
	free(a);
	char *text = saved_text(dir);
	ck_assert_ptr_nonnull(text);
	ck_assert_ptr_nonnull(strstr(text, "Date: 26 November 2026\n"));
	ck_assert_ptr_nonnull(strstr(text, "- Fever\n"));
	ck_assert_ptr_null(strstr(text, "- Pain"));
	free(text);

	/* Someone's file of that name: asked, and n keeps it; the next
	 * line is a command again. */
	someones_file(dir, "my notes\n");
	a = save_session(docs.sample, dir, false, "save\nn\nw\n");
	ck_assert_ptr_nonnull(strstr(a, SAVED_NAME " exists. Overwrite? (y/n)\n"));
	ck_assert_ptr_nonnull(strstr(a, "\n\nKept " SAVED_NAME
				     "; the summary was not saved.\n\n"
				     "Section 1 of 2: First\n"));
	free(a);
	text = saved_text(dir);
	ck_assert_str_eq(text, "my notes\n");
	free(text);

	/* A blank line, or a command, is not a yes: kept, and the command
	 * is not carried out (it was taken as the answer). */
	a = save_session(docs.sample, dir, false, "save\n\nsave\nnext\n");
	ck_assert_ptr_null(strstr(a, "Opening words."));
	const char *kept = strstr(a, "Kept " SAVED_NAME);
	ck_assert_ptr_nonnull(kept);
	ck_assert_ptr_nonnull(strstr(kept + 1, "Kept " SAVED_NAME));
	free(a);
	text = saved_text(dir);
	ck_assert_str_eq(text, "my notes\n");
	free(text);

	/* yes, in any case, replaces it. */
	a = save_session(docs.sample, dir, false, "x 2\nsave\n YES \n");
	ck_assert_ptr_nonnull(strstr(a, "Saved the summary as " SAVED_NAME));
	free(a);
	text = saved_text(dir);
	ck_assert_ptr_null(strstr(text, "my notes"));
	ck_assert_ptr_nonnull(strstr(text, "- Pain\n"));
	free(text);

	/* A folder that cannot take it: one line that says why. */
	char gone[300];
	snprintf(gone, sizeof gone, "%s/missing", dir);
	a = save_session(docs.sample, gone, false, "save\n");
	ck_assert_ptr_nonnull(strstr(a, "\n\n" SAVED_NAME ": cannot save the "
				     "summary: No such file or directory\n"));
	free(a);
	ck_assert_int_eq(tu_rmtree(dir), 0);
}
END_TEST

START_TEST(save_goes_to_the_current_folder)
{
	char dir[256], was[4096];
	ck_assert_ptr_nonnull(getcwd(was, sizeof was));
	ck_assert_ptr_nonnull(tu_tmpdir(dir, sizeof dir));
	ck_assert_int_eq(chdir(dir), 0);

	char *a = save_session(docs.sample, NULL, false, "save\n");
	ck_assert_ptr_nonnull(strstr(a, "Saved the summary as " SAVED_NAME));
	free(a);
	struct stat sb;
	ck_assert_int_eq(stat(SAVED_NAME, &sb), 0);
	/* Health information: for the owner's eyes only. */
	ck_assert_int_eq(sb.st_mode & 07777, 0600);

	ck_assert_int_eq(chdir(was), 0);
	ck_assert_int_eq(tu_rmtree(dir), 0);
}
END_TEST

START_TEST(kiosk_saves_nothing)
{
	char dir[256];
	ck_assert_ptr_nonnull(tu_tmpdir(dir, sizeof dir));

	char *a = save_session(docs.sample, dir, true, "x 1\nsave\nwrite\ny\n");
	ck_assert_ptr_nonnull(strstr(a, "\n\nSaving is turned off on this terminal.\n\n"
				     "Saving is turned off on this terminal.\n"));
	/* No question was asked, so y is an unknown command. */
	ck_assert_ptr_null(strstr(a, "Overwrite"));
	ck_assert_ptr_nonnull(strstr(a, "Unknown command \"y\""));
	free(a);
	char cmd[600];
	snprintf(cmd, sizeof cmd, "test -z \"$(ls -A '%s')\"", dir);
	ck_assert_int_eq(system(cmd), 0);
	ck_assert_int_eq(tu_rmtree(dir), 0);
}
END_TEST

/* ---- bounded input, notes, the stop flag ------------------------------ */

/* Over LINEMODE_LINE_MAX: the command is its first bytes, the rest is
 * dropped, one note says so, and the next line is a command again.  Both
 * ways of reading: a memory stream, and a descriptor (a pipe). */
static void check_long_line_answer(const char *a)
{
	ck_assert_ptr_nonnull(strstr(a, "Unknown command \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\". "
				     "Type h for help.\nNote: That line was longer than "
				     "4096 bytes; only the first 4096 were read.\n"));
	ck_assert_ptr_null(strstr(a, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"));
	ck_assert_ptr_nonnull(strstr(a, "Checked 1: Fever."));
	/* Said once, not again with the next answer. */
	ck_assert_ptr_null(strstr(strstr(a, "Note:") + 5, "Note:"));
}

START_TEST(long_lines_are_cut_and_said)
{
	size_t n = 3 * LINEMODE_LINE_MAX;
	char *input = malloc(n + 16);

	memset(input, 'x', n);
	strcpy(input + n, "\nx 1\n");
	char *a = answers(docs.sample, input);
	check_long_line_answer(a);
	free(a);

	/* Through a pipe: read(2) in chunks, never the whole line. */
	int fds[2];
	ck_assert_int_eq(pipe(fds), 0);
	pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		close(fds[0]);
		size_t len = strlen(input), off = 0;
		while (off < len) {
			ssize_t w = write(fds[1], input + off, len - off);
			if (w <= 0)
				break;
			off += (size_t)w;
		}
		/* The child's copies: valgrind stays quiet. */
		free(input);
		tu_docs_free(&docs);
		_exit(off == len ? 0 : 1);
	}
	close(fds[1]);
	FILE *in = fdopen(fds[0], "r");
	struct tu_capture out;
	struct linemode_opts o = { 0 };
	ck_assert_int_eq(run_session(docs.sample, in, tu_capture_open(&out), &o, 0), 0);
	fclose(in);
	char *text = tu_capture_close(&out);
	waitpid(pid, NULL, 0);
	check_long_line_answer(text);
	free(text);
	free(input);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("linemode");
	TCase *t;

	tu_utf8_locale();
	t = tu_tcase(s, "parser");
	tcase_add_test(t, every_form_in_the_table_parses);
	tcase_add_loop_test(t, parses_as_expected, 0,
			    (int)(sizeof parses / sizeof parses[0]));
	t = tu_tcase(s, "session");
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_set_timeout(t, 30);
	tcase_add_loop_test(t, answers_as_expected, 0,
			    (int)(sizeof exchanges / sizeof exchanges[0]));
	tu_add_tests(t, start_section, where_is_said_when_it_changes,
		     greeting_says_last_times_ticks, own_words_are_speakable,
		     repeat_says_the_last_answer_again,
		     help_is_the_command_table, output_is_clean_text,
		     width_wraps_every_line, write_errors_end_the_run,
		     save_writes_the_summary_and_asks_before_replacing,
		     save_goes_to_the_current_folder, kiosk_saves_nothing,
		     long_lines_are_cut_and_said);
	return tu_run(s);
}
