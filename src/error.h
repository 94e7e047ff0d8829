/* error.h - error codes, their messages, and a filled-in error with a place.
 *
 * Contract:
 *  - HERR_INFO is the one table of error codes: each X(NAME, "message")
 *    gives enum value HERR_NAME and the static message herr_message()
 *    returns.  Add a code by adding a line; nothing else changes.
 *  - struct herror is a plain value, owned by whoever declares it; it holds
 *    no pointers, so it can be copied, returned and kept freely.
 *  - Positions are 1-based; line 0 means "no position" (e.g. a file that
 *    cannot be opened), column 0 with a line means "the whole line".
 */
#ifndef HANDOUT_ERROR_H
#define HANDOUT_ERROR_H

#include <stddef.h>

#define HERR_INFO(X) \
	X(OK,         "no error") \
	X(NOMEM,      "out of memory") \
	X(OPEN,       "cannot open file") \
	X(READ,       "cannot read file") \
	X(NOTFILE,    "not a regular file") \
	X(TOOBIG,     "file too large") \
	X(EMPTY,      "empty file") \
	X(ENCODING,   "not UTF-8 text") \
	X(SYNTAX,     "YAML syntax error") \
	X(MULTIDOC,   "more than one YAML document") \
	X(ANCHOR,     "anchors and aliases are not allowed") \
	X(TAG,        "tag not allowed") \
	X(DEPTH,      "nesting too deep") \
	X(TOOLONG,    "string too long") \
	X(TOOMANY,    "too many items in a list") \
	X(CHAR,       "character not allowed") \
	X(TYPE,       "wrong type") \
	X(KEY,        "unknown key") \
	X(MISSING,    "missing key") \
	X(DUPKEY,     "duplicate key") \
	X(ORDER,      "key out of order") \
	X(BLANK,      "empty value") \
	X(ID,         "malformed id") \
	X(DUPID,      "duplicate id") \
	X(LINK,       "no such article") \
	X(VALUE,      "invalid value") \
	X(CORRUPT,    "corrupt file") \
	X(FOREIGN,    "file belongs to another article") \
	X(WRITE,      "cannot write file") \
	X(EXISTS,     "file already exists") \
	X(NOHOME,     "no home folder") \
	X(UNSAFE,     "unsafe folder") \
	X(BUSY,       "file in use") \
	X(DROPPED,    "saved item no longer in the article") \
	X(BUG,        "internal error")

enum herr {
#define HERR_ENUM(name, msg) HERR_##name,
	HERR_INFO(HERR_ENUM)
#undef HERR_ENUM
	HERR_COUNT
};

/* The table's message for code: a static string, never NULL. */
const char *herr_message(enum herr code);

struct herror {
	enum herr code;
	char file[512];            /* the path as given, truncated if longer */
	unsigned line, column;     /* 1-based; 0 when there is no position */
	char detail[256];          /* the specific message, truncated if longer */
};

/* Fill *e.  file may be NULL (stored as "").  fmt may be NULL, in which
 * case detail is the table's message for code. */
void herror_set(struct herror *e, enum herr code, const char *file,
		unsigned line, unsigned column, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/* Write "FILE:LINE:COLUMN: detail", "FILE:LINE: detail" (column 0),
 * "FILE: detail" (line 0) or "detail" alone (no file and line 0: a message
 * about the program itself, which the caller prefixes with "handout: ") into buf,
 * truncating to size at a character boundary; returns buf.
 * An empty detail is replaced by herr_message(e->code).  The result is
 * one line of printable UTF-8: any control, C1 or bidi character and any
 * byte that is not UTF-8 (from a hostile file name, say) becomes '?'. */
const char *herror_format(const struct herror *e, char *buf, size_t size);

#endif
