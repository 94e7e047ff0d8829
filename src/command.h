/* command.h - the line mode's commands, declared once, and their parser.
 *
 * Contract: COMMAND_INFO is the one list of line-mode commands, as
 * ACTION_INFO (action.h) is for the reader's actions.  Each entry is
 * X(ID, "short", "word", "alias", ARG, "argument name", "help text"):
 * ID becomes CMD_ID in enum command_id; "short" and "word" are the two
 * spellings the reader types (short "" means a bare number, as in "7");
 * "alias" is one more spelling or NULL; ARG says what may follow
 * (enum command_arg), and its name as the help says it ("a number"); the
 * help text is what `help` prints, in words a speech engine says as
 * written (no "N", which sounds like the command n).  The parser and
 * the help answer both work from this list, so adding a command here is
 * the only way to add one.
 *
 * command_parse() is a pure function of its input: no allocation, no I/O,
 * no global state.  It reads exactly len bytes (which may hold any byte,
 * NUL included) and never fails; what it could not make sense of it says
 * in cmd->error.  Pointers in struct command point into the input.
 */
#ifndef HANDOUT_COMMAND_H
#define HANDOUT_COMMAND_H

#include <stdbool.h>
#include <stddef.h>

/* What may follow a command word. */
enum command_arg {
	ARG_NONE,       /* nothing */
	ARG_NUMBER,     /* a number, required */
	ARG_OPT_NUMBER, /* a number, or nothing */
	ARG_TEXT        /* any text, or nothing */
};

#define COMMAND_INFO(X) \
	X(NEXT,      "n", "next",      NULL,       ARG_NONE,       NULL,       "read on: the next section (at the start, the first)") \
	X(PREV,      "p", "previous",  "prev",     ARG_NONE,       NULL,       "read the previous section") \
	X(SECTION,   "",  "section",   NULL,       ARG_NUMBER,     "a number", "read that section") \
	X(READ,      ".", "read",      NULL,       ARG_NONE,       NULL,       "read the current section again") \
	X(CONTENTS,  "t", "contents",  "toc",      ARG_NONE,       NULL,       "list the sections") \
	X(FAQ,       "f", "faq",       NULL,       ARG_OPT_NUMBER, "a number", "list the questions; with a number, for example f 4, read that answer (this expands it)") \
	X(CHECKLIST, "c", "checklist", NULL,       ARG_NONE,       NULL,       "list the warning signs and which are checked") \
	X(TOGGLE,    "x", "toggle",    NULL,       ARG_NUMBER,     "a number", "check or uncheck that warning sign") \
	X(DETAIL,    "d", "detail",    NULL,       ARG_NUMBER,     "a number", "what the article says about that warning sign") \
	X(SUMMARY,   "s", "summary",   NULL,       ARG_NONE,       NULL,       "the checked signs and the article's advice, for your care team") \
	X(SAVE,      "save", "write",  NULL,       ARG_NONE,       NULL,       "save that summary as a file in this folder (asks before replacing one)") \
	X(SEARCH,    "/", "search",    NULL,       ARG_TEXT,       "words",    "search the whole article for those words, for example /fatigue; a slash alone finds the next match") \
	X(GLOSSARY,  "g", "glossary",  NULL,       ARG_TEXT,       "a word",   "explain that medical word; g alone lists the words") \
	X(LINK,      "k", "link",      NULL,       ARG_OPT_NUMBER, "a number", "the full address of a link, where answers say only its site: with a number, for example k 2, that reference's; alone, every link of the article") \
	X(WHERE,     "w", "where",     NULL,       ARG_NONE,       NULL,       "where am I, and how many signs are checked") \
	X(LIBRARY,   "l", "library",   NULL,       ARG_NONE,       NULL,       "list the articles of the library (closes the open one)") \
	X(OPEN,      "o", "open",      NULL,       ARG_NUMBER,     "a number", "open that article of the library") \
	X(REPEAT,    "r", "repeat",    NULL,       ARG_NONE,       NULL,       "say the last answer again") \
	X(HELP,      "h", "help",      "?",        ARG_NONE,       NULL,       "this list of commands") \
	X(QUIT,      "q", "quit",      "exit",     ARG_NONE,       NULL,       "leave handout; in an article of a library, back to the library")

enum command_id {
	CMD_EMPTY = 0,          /* a blank line */
	CMD_UNKNOWN,            /* a word that is no command */
#define COMMAND_ENUM_(id, s, w, a, arg, an, help) CMD_##id,
	COMMAND_INFO(COMMAND_ENUM_)
#undef COMMAND_ENUM_
	CMD_COUNT
};

/* What was wrong with a known command's argument. */
enum command_error {
	CMDERR_NONE = 0,
	CMDERR_NEED_NUMBER,     /* "x" without a number */
	CMDERR_NOT_NUMBER,      /* "x two", "x -1", "x 2 3" */
	CMDERR_EXTRA            /* "next 3": the command takes nothing */
};

struct command {
	enum command_id id;
	enum command_error error;
	const char *line;       /* the trimmed input, line_len bytes */
	size_t line_len;
	const char *arg;        /* what follows the word, trimmed; arg_len may be 0 */
	size_t arg_len;
	bool has_num;           /* arg is a whole decimal number */
	size_t num;             /* its value as typed (1-based); SIZE_MAX if too big */
};

/* Parse one input line (without or with its '\n'): surrounding blanks are
 * ignored and the word's case does not matter.  "7" is CMD_SECTION 7,
 * "/words" is CMD_SEARCH "words", and a word may run straight into its
 * number ("x2"). */
void command_parse(const char *line, size_t len, struct command *cmd);

/* The command's short and word spellings, alias, argument kind, argument
 * name and help text; NULL / ARG_NONE for ids outside the table. */
const char *command_short(enum command_id id);
const char *command_word(enum command_id id);
const char *command_alias(enum command_id id);
enum command_arg command_arg(enum command_id id);
const char *command_arg_name(enum command_id id);
const char *command_help(enum command_id id);

#endif
