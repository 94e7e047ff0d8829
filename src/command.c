/* command.c - the line mode's command table and parser.
 *
 * The parser is kept apart from the line mode's answers so it can be
 * tested and fuzzed alone: bytes in, a struct command out. */
#include "command.h"

#include <stdint.h>
#include <string.h>

struct command_info {
	const char *sh, *word, *alias;
	enum command_arg arg;
	const char *arg_name, *help;
};

static const struct command_info table[CMD_COUNT] = {
#define COMMAND_ROW_(id, s, w, a, arg, an, help) \
	[CMD_##id] = { s, w, a, arg, an, help },
	COMMAND_INFO(COMMAND_ROW_)
#undef COMMAND_ROW_
};

static const struct command_info *info(enum command_id id)
{
	/* CMD_EMPTY and CMD_UNKNOWN have no row: their word is NULL. */
	if ((unsigned)id >= CMD_COUNT || !table[id].word)
		return NULL;
	return &table[id];
}

const char *command_short(enum command_id id)
{
	return info(id) ? info(id)->sh : NULL;
}

const char *command_word(enum command_id id)
{
	return info(id) ? info(id)->word : NULL;
}

const char *command_alias(enum command_id id)
{
	return info(id) ? info(id)->alias : NULL;
}

enum command_arg command_arg(enum command_id id)
{
	return info(id) ? info(id)->arg : ARG_NONE;
}

const char *command_arg_name(enum command_id id)
{
	return info(id) ? info(id)->arg_name : NULL;
}

const char *command_help(enum command_id id)
{
	return info(id) ? info(id)->help : NULL;
}

static bool is_blank(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v'
		|| c == '\f';
}

static bool is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

/* ASCII only: the locale must not change what a command means. */
static bool is_alpha(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static unsigned char lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* s[0..len) equals the lower-case spelling name, ignoring case. */
static bool same_word(const char *s, size_t len, const char *name)
{
	if (!name || strlen(name) != len || len == 0)
		return false;
	for (size_t i = 0; i < len; i++)
		if (lower((unsigned char)s[i]) != (unsigned char)name[i])
			return false;
	return true;
}

static enum command_id lookup(const char *w, size_t len)
{
	for (int id = 0; id < CMD_COUNT; id++) {
		const struct command_info *c = info((enum command_id)id);
		if (c && (same_word(w, len, c->sh) || same_word(w, len, c->word)
			  || same_word(w, len, c->alias)))
			return (enum command_id)id;
	}
	return CMD_UNKNOWN;
}

/* A whole decimal number: digits only, no sign, no blanks inside. */
static bool parse_num(const char *s, size_t len, size_t *num)
{
	size_t v = 0;

	if (len == 0)
		return false;
	for (size_t i = 0; i < len; i++) {
		unsigned d;
		if (!is_digit((unsigned char)s[i]))
			return false;
		d = (unsigned)(s[i] - '0');
		/* Saturate: "x 99999999999999999999" is still "no such item". */
		v = v > (SIZE_MAX - d) / 10 ? SIZE_MAX : v * 10 + d;
	}
	*num = v;
	return true;
}

void command_parse(const char *line, size_t len, struct command *cmd)
{
	const char *s = line, *end = line + len;
	size_t wlen;

	memset(cmd, 0, sizeof *cmd);
	while (s < end && is_blank((unsigned char)*s))
		s++;
	while (end > s && is_blank((unsigned char)end[-1]))
		end--;
	cmd->line = s;
	cmd->line_len = (size_t)(end - s);
	if (s == end) {
		cmd->id = CMD_EMPTY;
		return;
	}

	/* The word: letters ("x" in "x2"), nothing before a bare number, or
	 * one punctuation mark ("/" in "/words"). */
	if (is_digit((unsigned char)*s))
		wlen = 0;
	else if (is_alpha((unsigned char)*s))
		for (wlen = 1; s + wlen < end && is_alpha((unsigned char)s[wlen]); wlen++)
			;
	else
		wlen = 1;
	cmd->id = wlen ? lookup(s, wlen) : CMD_SECTION;
	/* "next!" or "né" is a word we do not know, not "next" misused. */
	if (is_alpha((unsigned char)*s) && s + wlen < end
	    && !is_blank((unsigned char)s[wlen]) && !is_digit((unsigned char)s[wlen]))
		cmd->id = CMD_UNKNOWN;
	if (cmd->id == CMD_UNKNOWN)
		return;

	const char *a = s + wlen;
	while (a < end && is_blank((unsigned char)*a))
		a++;
	cmd->arg = a;
	cmd->arg_len = (size_t)(end - a);
	cmd->has_num = parse_num(a, cmd->arg_len, &cmd->num);

	switch (command_arg(cmd->id)) {
	case ARG_NONE:
		if (cmd->arg_len)
			cmd->error = CMDERR_EXTRA;
		break;
	case ARG_NUMBER:
		if (!cmd->arg_len)
			cmd->error = CMDERR_NEED_NUMBER;
		else if (!cmd->has_num)
			cmd->error = CMDERR_NOT_NUMBER;
		break;
	case ARG_OPT_NUMBER:
		if (cmd->arg_len && !cmd->has_num)
			cmd->error = CMDERR_NOT_NUMBER;
		break;
	case ARG_TEXT:
		break;
	}
}
