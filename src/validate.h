/* validate.h - the loader's checks on single strings: characters, ids, dates.
 *
 * Contract: pure functions over (pointer, length) byte ranges; they neither
 * allocate nor keep pointers, and never read past s + len.  Strings may hold
 * embedded NUL bytes (a YAML "\0" escape makes one), so nothing here uses
 * strlen.  No libyaml here, so anything can reuse these checks.
 * Characters are decoded and judged by utf8.h's strict decoder and its
 * rule on unsafe characters; this adds only which fault to report.
 */
#ifndef HANDOUT_VALIDATE_H
#define HANDOUT_VALIDATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum text_fault {
	TEXT_OK,
	TEXT_BAD_UTF8,   /* what utf8_decode_strict() refuses */
	TEXT_CONTROL,    /* utf8_unsafe(): C0 but \n and \t, NUL, DEL, C1 */
	TEXT_BIDI        /* utf8_unsafe() and utf8_is_bidi() */
};

/* The first fault in len bytes at s.  On a fault, *off is the byte offset of
 * the offending character and *cp its code point (for TEXT_BAD_UTF8, the
 * offending byte). */
enum text_fault validate_text(const char *s, size_t len, size_t *off,
			      uint32_t *cp);

/* True when len bytes at s are only spaces, tabs and line breaks (or none). */
bool validate_blank(const char *s, size_t len);

/* An id: a lower-case ASCII letter, then lower-case letters, digits, '-'. */
bool validate_id(const char *s, size_t len);

/* A real calendar date written YYYY-MM-DD. */
bool validate_date(const char *s, size_t len);

#endif
