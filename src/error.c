/* error.c - the error table and the FILE:LINE:COLUMN form of an error. */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>

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
		vsnprintf(e->detail, sizeof(e->detail), fmt, ap);
		va_end(ap);
	} else {
		snprintf(e->detail, sizeof(e->detail), "%s", herr_message(code));
	}
}

const char *herror_format(const struct herror *e, char *buf, size_t size)
{
	const char *detail = e->detail[0] ? e->detail : herr_message(e->code);

	if (!size)
		return buf;
	if (!e->line)
		snprintf(buf, size, "%s: %s", e->file, detail);
	else if (!e->column)
		snprintf(buf, size, "%s:%u: %s", e->file, e->line, detail);
	else
		snprintf(buf, size, "%s:%u:%u: %s", e->file, e->line,
			 e->column, detail);
	return buf;
}
