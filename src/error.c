/* error.c - the error table and the FILE:LINE:COLUMN form of an error. */
#include "error.h"
#include "utf8.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const char *const herr_messages[] = {
#define HERR_MSG(name, msg) msg,
	HERR_INFO(HERR_MSG)
#undef HERR_MSG
};

const char *herr_message(enum herr code)
{
	/* A code from outside the table is a caller's bug; say so rather
	 * than read past the array. */
	if ((unsigned)code >= HERR_COUNT)
		return "unknown error";
	return herr_messages[code];
}

void herror_set(struct herror *e, enum herr code, const char *file,
		unsigned line, unsigned column, const char *fmt, ...)
{
	e->code = code;
	snprintf(e->file, sizeof(e->file), "%s", file ? file : "");
	e->line = line;
	e->column = line ? column : 0;
	if (fmt) {
		va_list ap;

		va_start(ap, fmt);
		int n = vsnprintf(e->detail, sizeof(e->detail), fmt, ap);
		va_end(ap);
		if (n >= (int)sizeof(e->detail))
			e->detail[utf8_cut(e->detail, strlen(e->detail),
					   sizeof(e->detail))] = '\0';
	} else {
		snprintf(e->detail, sizeof(e->detail), "%s", herr_message(code));
	}
}

/* Replace, in place, every byte of what is not printable text with '?':
 * controls (newline and tab too: a name holding "\nx.yaml:1:1: " would
 * forge a second message), DEL, C1, bidi controls and bytes that are not
 * UTF-8 (a file name is any bytes, and truncation may cut a character).
 * Messages go to a terminal; a file name must not drive it. */
static void make_printable(char *s)
{
	unsigned char *p = (unsigned char *)s;
	size_t len = strlen(s);

	while (*p) {
		uint32_t cp;
		size_t n = utf8_decode_strict((const char *)p, len, &cp);

		if (!n || cp == '\n' || cp == '\t' || utf8_unsafe(cp)) {
			for (size_t i = 0; i < (n ? n : 1); i++)
				p[i] = '?';
			n = n ? n : 1;
		}
		p += n;
		len -= n;
	}
}

const char *herror_format(const struct herror *e, char *buf, size_t size)
{
	const char *detail = e->detail[0] ? e->detail : herr_message(e->code);

	int n;

	if (!size)
		return buf;
	/* No file and no place: a message about the program's own
	 * situation, which the caller prefixes with "handout: " itself. */
	if (!e->file[0] && !e->line)
		n = snprintf(buf, size, "%s", detail);
	else if (!e->line)
		n = snprintf(buf, size, "%s: %s", e->file, detail);
	else if (!e->column)
		n = snprintf(buf, size, "%s:%u: %s", e->file, e->line, detail);
	else
		n = snprintf(buf, size, "%s:%u:%u: %s", e->file, e->line,
			     e->column, detail);
	if (n >= (int)size)
		buf[utf8_cut(buf, strlen(buf), size)] = '\0';
	make_printable(buf);
	return buf;
}
