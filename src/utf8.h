/* utf8.h - UTF-8 decoding and encoding, the characters that must never
 * reach a terminal, display width and ASCII transliteration.  Every other
 * file decodes, encodes and judges characters through these: one decoder,
 * one encoder, one rule.
 *
 * Contract:
 *  - Nothing here allocates except utf8_to_ascii(), whose result the caller
 *    frees with free().  No function keeps a pointer to its arguments.
 *  - The decoder is strict: only a whole, shortest-form sequence of a code
 *    point up to U+10FFFF that is not a surrogate is a character.
 *    utf8_decode_strict() says when the bytes are not one (the loader
 *    refuses the file); utf8_decode() never fails: what the strict decoder
 *    refuses reads as U+FFFD and consumes one byte, so a loop over it
 *    always makes progress.
 *  - Widths come from wcwidth(), so the program must have called
 *    setlocale(LC_CTYPE, "") (or LC_ALL) first.  Where wcwidth() has no
 *    answer (-1: a non-UTF-8 locale, or a code point its tables lack)
 *    combining marks count 0 and other printable characters 1.  Zero-width characters (U+200B-U+200D,
 *    U+2060, U+FEFF) always count 0; control characters count 0.
 */
#ifndef HANDOUT_UTF8_H
#define HANDOUT_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define UTF8_REPLACEMENT 0xFFFDu

/* Decode the character at s, reading at most n bytes: its length (1 to 4)
 * with its code point in *cp, or 0 when the bytes do not start one
 * (malformed, overlong, a surrogate, past U+10FFFF, or cut short by n; also
 * when n is 0), with the first byte in *cp for a message to name. */
size_t utf8_decode_strict(const char *s, size_t n, uint32_t *cp);

/* The same, never failing (n >= 1): a refused byte reads as U+FFFD and
 * takes one byte. */
size_t utf8_decode(const char *s, size_t n, uint32_t *cp);

/* Write cp as UTF-8 to out: its length, 1 to 4.  What is not a character
 * (a surrogate, or past U+10FFFF) is written as U+FFFD. */
size_t utf8_encode(uint32_t cp, char out[4]);

/* The one rule on what must never reach a terminal, whatever the text or a
 * file name or a query holds: C0 controls but newline and tab, DEL, C1
 * controls, and the bidirectional formatting characters U+202A-U+202E and
 * U+2066-U+2069, which would reorder what the reader sees.  Text may hold
 * newline and tab; what is shown on one line refuses those two as well. */
bool utf8_unsafe(uint32_t cp);

/* The bidirectional formatting characters among them, for a message that
 * says which kind of character was refused. */
bool utf8_is_bidi(uint32_t cp);

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
