/* utf8.h - decoding, display width and ASCII transliteration of UTF-8 text.
 *
 * Contract:
 *  - Nothing here allocates except utf8_to_ascii(), whose result the caller
 *    frees with free().  No function keeps a pointer to its arguments.
 *  - Decoding never fails: a byte that does not start a valid, shortest-form
 *    sequence (or a truncated one) reads as U+FFFD and consumes one byte, so
 *    a loop over utf8_decode() always makes progress.
 *  - Widths come from wcwidth(), so the program must have called
 *    setlocale(LC_ALL, "") first.  Where wcwidth() has no answer (-1: a
 *    non-UTF-8 locale, or a code point its tables lack) combining marks count
 *    0 and other printable characters 1.  Zero-width characters (U+200B-U+200D,
 *    U+2060, U+FEFF) always count 0; control characters count 0.
 */
#ifndef HANDOUT_UTF8_H
#define HANDOUT_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define UTF8_REPLACEMENT 0xFFFDu

/* Decode the code point at s, reading at most n bytes (n >= 1).  Stores it
 * in *cp and returns the number of bytes it took (1 to 4). */
size_t utf8_decode(const char *s, size_t n, uint32_t *cp);

/* Display columns of one code point: 0, 1 or 2. */
int utf8_cpwidth(uint32_t cp);

/* Display columns of the n bytes at s. */
int utf8_width(const char *s, size_t n);

/* True for code points drawn on top of the previous one (combining marks,
 * variation selectors, zero-width joiners): they must stay with their base. */
bool utf8_is_zero_width(uint32_t cp);

/* The ASCII spelling of one code point: a static string of at most three
 * characters ("" for zero-width characters and combining marks, "?" when
 * there is no good one), or for ASCII itself, the character written to buf.
 * Control characters other than '\n' and '\t' read as "". */
const char *utf8_translit(uint32_t cp, char buf[2]);

/* A malloc'd, NUL-terminated ASCII transliteration of the string s (see
 * utf8_translit), or NULL when out of memory. */
char *utf8_to_ascii(const char *s);

/* The transliteration of the n bytes at s into out (NUL-terminated), or
 * with out NULL only its length.  Returns the length, without the NUL:
 * ask first, then allocate that plus one. */
size_t utf8_translit_str(const char *s, size_t n, char *out);

/* The length of the longest prefix of s[0..len) that is no longer than max
 * bytes and does not end inside a UTF-8 sequence: where to cut a string
 * that must be shortened (or was, by snprintf) so that no character is
 * left half there, to be shown as '?'. */
size_t utf8_cut(const char *s, size_t len, size_t max);

/* True when the current locale's character set is UTF-8. */
bool utf8_locale(void);

#endif
