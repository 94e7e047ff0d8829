/* check_text.c - utf8.c and wrap.c: decoding, encoding, the characters
 * that never reach a terminal, widths, transliteration and exact line
 * breaks. */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "search.h"
#include "testutil.h"
#include "utf8.h"
#include "wrap.h"

/* The lines of one wrap_text() call joined by '|', and a check on each. */
struct lines {
	char text[4096];
	size_t len;
	int width;
	int maxcols;
};

static void collect(void *ctx, const char *s, size_t len, int cols)
{
	struct lines *l = ctx;

	/* utf8_width() gives tabs no width; the wrapper counts them as one. */
	int tabs = 0;
	for (size_t i = 0; i < len; i++)
		tabs += s[i] == '\t';
	ck_assert_int_eq(cols, utf8_width(s, len) + tabs);
	if (l->width > 0)
		ck_assert_int_le(cols, l->width);
	if (cols > l->maxcols)
		l->maxcols = cols;
	ck_assert_uint_lt(l->len + len + 2, sizeof l->text);
	if (l->len)
		l->text[l->len++] = '|';
	memcpy(l->text + l->len, s, len);
	l->len += len;
	l->text[l->len] = '\0';
}

static size_t wrap(struct lines *l, const char *text, int width)
{
	memset(l, 0, sizeof *l);
	l->width = width;
	return wrap_text(text, width, collect, l);
}

START_TEST(decode_ascii_and_multibyte)
{
	uint32_t cp;

	ck_assert_uint_eq(utf8_decode("A", 1, &cp), 1);
	ck_assert_uint_eq(cp, 'A');
	ck_assert_uint_eq(utf8_decode("\xc3\xa9", 2, &cp), 2);
	ck_assert_uint_eq(cp, 0xe9);
	ck_assert_uint_eq(utf8_decode("\xe2\x80\x94", 3, &cp), 3);
	ck_assert_uint_eq(cp, 0x2014);
	ck_assert_uint_eq(utf8_decode("\xf0\x9f\x98\x80", 4, &cp), 4);
	ck_assert_uint_eq(cp, 0x1f600);
}
END_TEST

START_TEST(decode_invalid_is_replacement)
{
	static const char *const bad[] = {
		"\x80", "\xbf", "\xc0\xaf", "\xc1\xbf", "\xe0\x80\xaf",
		"\xed\xa0\x80", "\xf4\x90\x80\x80", "\xf8\x88\x80\x80\x80",
		"\xff", "\xc3(", "\xe2\x80(",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		uint32_t cp = 0;
		ck_assert_uint_eq(utf8_decode(bad[i], strlen(bad[i]), &cp), 1);
		ck_assert_uint_eq(cp, UTF8_REPLACEMENT);
	}
	/* A sequence cut short by the length limit. */
	uint32_t cp;
	ck_assert_uint_eq(utf8_decode("\xe2\x80\x94", 2, &cp), 1);
	ck_assert_uint_eq(cp, UTF8_REPLACEMENT);
}
END_TEST

/* Every class of malformed UTF-8, refused by the one strict decoder (0,
 * with the first byte kept for a message) and read by the lenient one as
 * U+FFFD taking one byte; each with the bytes the checks see, since a
 * string may hold NUL. */
START_TEST(decode_strict_refuses_every_malformed_class)
{
	static const struct { const char *s; size_t n; const char *why; } bad[] = {
		{ "\x80", 1, "a lone continuation byte" },
		{ "\xbf\x80", 2, "a continuation byte first" },
		{ "\xc0\xaf", 2, "overlong '/' in two bytes (C0)" },
		{ "\xc1\xbf", 2, "overlong in two bytes (C1)" },
		{ "\xe0\x80\xaf", 3, "overlong '/' in three bytes" },
		{ "\xe0\x9f\xbf", 3, "overlong U+07FF in three bytes" },
		{ "\xf0\x80\x80\xaf", 4, "overlong '/' in four bytes" },
		{ "\xf0\x8f\xbf\xbf", 4, "overlong U+FFFF in four bytes" },
		{ "\xed\xa0\x80", 3, "the first surrogate" },
		{ "\xed\xbf\xbf", 3, "the last surrogate" },
		{ "\xf4\x90\x80\x80", 4, "U+110000" },
		{ "\xf5\x80\x80\x80", 4, "lead F5" },
		{ "\xf7\xbf\xbf\xbf", 4, "lead F7" },
		{ "\xf8\x88\x80\x80\x80", 5, "a five-byte form" },
		{ "\xfc\x84\x80\x80\x80\x80", 6, "a six-byte form" },
		{ "\xfe", 1, "FE" },
		{ "\xff", 1, "FF" },
		{ "\xc3(", 2, "two bytes, second not a continuation" },
		{ "\xe2\x80(", 3, "three bytes, third not a continuation" },
		{ "\xf0\x9f\x98(", 4, "four bytes, fourth not a continuation" },
		{ "\xc3\0", 2, "NUL where a continuation should be" },
		{ "\xc3", 1, "two bytes cut to one" },
		{ "\xe2\x80\x94", 2, "three bytes cut to two" },
		{ "\xf0\x9f\x98\x80", 3, "four bytes cut to three" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		uint32_t cp = 0;

		ck_assert_msg(utf8_decode_strict(bad[i].s, bad[i].n, &cp) == 0,
			      "strict decoder took %s", bad[i].why);
		ck_assert_msg(cp == (unsigned char)bad[i].s[0],
			      "%s: the first byte is not kept", bad[i].why);
		ck_assert_msg(utf8_decode(bad[i].s, bad[i].n, &cp) == 1 &&
			      cp == UTF8_REPLACEMENT,
			      "lenient decoder: %s is not U+FFFD", bad[i].why);
	}
	uint32_t cp = 7;
	ck_assert_uint_eq(utf8_decode_strict("", 0, &cp), 0);
	ck_assert_uint_eq(cp, 7);
}
END_TEST

/* The edges of each length and of the surrogates are characters. */
START_TEST(decode_strict_takes_the_edges)
{
	static const struct { const char *s; uint32_t cp; } good[] = {
		{ "\x7f", 0x7f }, { "\xc2\x80", 0x80 }, { "\xdf\xbf", 0x7ff },
		{ "\xe0\xa0\x80", 0x800 }, { "\xed\x9f\xbf", 0xd7ff },
		{ "\xee\x80\x80", 0xe000 }, { "\xef\xbf\xbf", 0xffff },
		{ "\xf0\x90\x80\x80", 0x10000 },
		{ "\xf4\x8f\xbf\xbf", 0x10ffff },
	};
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		size_t n = strlen(good[i].s);
		uint32_t cp = 0;

		ck_assert_uint_eq(utf8_decode_strict(good[i].s, n, &cp), n);
		ck_assert_uint_eq(cp, good[i].cp);
		ck_assert_uint_eq(utf8_decode(good[i].s, n, &cp), n);
		ck_assert_uint_eq(cp, good[i].cp);
	}
	uint32_t cp = 1;
	ck_assert_uint_eq(utf8_decode_strict("\0", 1, &cp), 1);
	ck_assert_uint_eq(cp, 0);
}
END_TEST

/* The encoder writes what the strict decoder reads back, for every
 * character; what is no character comes out as U+FFFD. */
START_TEST(encode_round_trips_every_character)
{
	char out[4];
	uint32_t cp, back;
	size_t n;

	for (cp = 0; cp <= 0x10ffff; cp++) {
		if (cp == 0xd800)
			cp = 0xe000;
		/* No ck_assert per code point: each one costs a message to
		 * Check's log, which valgrind makes minutes. */
		n = utf8_encode(cp, out);
		if (n != (cp < 0x80 ? 1u : cp < 0x800 ? 2u : cp < 0x10000 ? 3u : 4u) ||
		    utf8_decode_strict(out, n, &back) != n || back != cp)
			ck_abort_msg("U+%04X does not read back", (unsigned)cp);
	}
	static const uint32_t none[] = { 0xd800, 0xdbff, 0xdc00, 0xdfff,
					 0x110000, 0x7fffffff, 0xffffffff };
	for (size_t i = 0; i < sizeof none / sizeof none[0]; i++) {
		n = utf8_encode(none[i], out);
		ck_assert_uint_eq(n, 3);
		ck_assert(!memcmp(out, "\xef\xbf\xbd", 3));
	}
}
END_TEST

/* The one rule on what never reaches a terminal, as a table: these ranges
 * and nothing else, over every code point. */
START_TEST(unsafe_characters_are_exactly_these)
{
	static const struct { uint32_t lo, hi; bool bidi; } unsafe[] = {
		{ 0x00, 0x08, false },     /* C0 up to tab */
		{ 0x0b, 0x1f, false },     /* C0 after newline */
		{ 0x7f, 0x9f, false },     /* DEL and C1 */
		{ 0x202a, 0x202e, true },  /* LRE RLE PDF LRO RLO */
		{ 0x2066, 0x2069, true },  /* LRI RLI FSI PDI */
	};
	size_t k = 0;

	for (uint32_t cp = 0; cp <= 0x110000; cp++) {
		bool in = false, bidi = false;

		while (k < sizeof unsafe / sizeof unsafe[0] && cp > unsafe[k].hi)
			k++;
		if (k < sizeof unsafe / sizeof unsafe[0] && cp >= unsafe[k].lo) {
			in = true;
			bidi = unsafe[k].bidi;
		}
		if (utf8_unsafe(cp) != in || utf8_is_bidi(cp) != bidi)
			ck_abort_msg("U+%04X: unsafe %d, bidi %d; the rule says %d, %d",
				     (unsigned)cp, utf8_unsafe(cp),
				     utf8_is_bidi(cp), in, bidi);
	}
}
END_TEST

START_TEST(width_of_code_points)
{
	ck_assert_int_eq(utf8_cpwidth('a'), 1);
	ck_assert_int_eq(utf8_cpwidth(0xe9), 1);        /* é */
	ck_assert_int_eq(utf8_cpwidth(0x4e2d), 2);      /* 中 */
	ck_assert_int_eq(utf8_cpwidth(0xff21), 2);      /* fullwidth A */
	ck_assert_int_eq(utf8_cpwidth(0x0301), 0);      /* combining acute */
	ck_assert_int_eq(utf8_cpwidth(0x200b), 0);
	ck_assert_int_eq(utf8_cpwidth(0x200d), 0);
	ck_assert_int_eq(utf8_cpwidth(0x2060), 0);
	ck_assert_int_eq(utf8_cpwidth(0xfeff), 0);
	ck_assert_int_eq(utf8_cpwidth(0x1b), 0);
	ck_assert_int_eq(utf8_cpwidth(0x85), 0);
}
END_TEST

START_TEST(width_of_strings)
{
	ck_assert_int_eq(utf8_width("", 0), 0);
	ck_assert_int_eq(utf8_width("hello", 5), 5);
	ck_assert_int_eq(utf8_width("caf\xc3\xa9", 5), 4);
	ck_assert_int_eq(utf8_width("cafe\xcc\x81", 6), 4);     /* e + U+0301 */
	ck_assert_int_eq(utf8_width("\xe4\xb8\xad\xe6\x96\x87", 6), 4);
	ck_assert_int_eq(utf8_width("a\xe2\x80\x8b" "b", 5), 2);
	/* Invalid bytes show as U+FFFD, one column each. */
	ck_assert_int_eq(utf8_width("a\xff" "b", 3), 3);
}
END_TEST

START_TEST(zero_width_and_combining)
{
	ck_assert(utf8_is_zero_width(0x0301));
	ck_assert(utf8_is_zero_width(0x20d7));
	ck_assert(utf8_is_zero_width(0xfe0f));
	ck_assert(utf8_is_zero_width(0x200c));
	ck_assert(!utf8_is_zero_width('a'));
	ck_assert(!utf8_is_zero_width(0xe9));
	ck_assert(!utf8_is_zero_width(0x4e2d));
}
END_TEST

static void check_ascii(const char *in, const char *want)
{
	char *got = utf8_to_ascii(in);
	ck_assert_ptr_nonnull(got);
	ck_assert_str_eq(got, want);
	free(got);
}

START_TEST(transliterate_punctuation)
{
	check_ascii("it\xe2\x80\x99s \xe2\x80\x98ok\xe2\x80\x99", "it's 'ok'");
	check_ascii("\xe2\x80\x9cquoted\xe2\x80\x9d", "\"quoted\"");
	check_ascii("a\xe2\x80\x94" "b\xe2\x80\x93" "c", "a--b-c");
	check_ascii("wait\xe2\x80\xa6", "wait...");
	check_ascii("chemo\xe2\x80\x91induced", "chemo-induced");
	check_ascii("3\xc3\x97" "4 \xe2\x80\xa2 x", "3x4 - x");
	check_ascii("a\xc2\xa0" "b\xe2\x80\x89" "c\xe2\x80\xaf" "d", "a b c d");
}
END_TEST

START_TEST(transliterate_letters_and_unknowns)
{
	check_ascii("Caf\xc3\xa9 na\xc3\xafve \xc3\x85ngstr\xc3\xb6m", "Cafe naive Angstrom");
	check_ascii("\xc5\x81\xc3\xb3" "d\xc5\xba \xc5\x93uvre Stra\xc3\x9f" "e",
		    "Lodz oeuvre Strasse");
	check_ascii("e\xcc\x81", "e");                         /* combining mark dropped */
	check_ascii("a\xe2\x80\x8b" "b", "ab");                /* zero width dropped */
	check_ascii("\xe4\xb8\xad!", "?!");                    /* no ASCII spelling */
	check_ascii("x\xff" "y", "x?y");                       /* invalid byte */
	check_ascii("tab\there\nline", "tab\there\nline");
	check_ascii("esc\x1b[31m", "esc[31m");                 /* never a control */
	check_ascii("", "");
}
END_TEST

START_TEST(transliteration_is_ascii)
{
	/* Every code point of the first planes comes out as printable ASCII. */
	char buf[2];
	for (uint32_t cp = 0x80; cp < 0x30000; cp++) {
		const char *t = utf8_translit(cp, buf);
		for (; *t; t++)
			ck_assert(*t >= 0x20 && *t < 0x7f);
	}
}
END_TEST

START_TEST(locale_is_utf8)
{
	/* The suite runs under LC_ALL=C.UTF-8 (main() sets it up). */
	ck_assert(utf8_locale());
}
END_TEST

/* One wrap_text() call: text at width gives n lines, joined here by '|';
 * the widest is widest columns when that is not 0.  Why names the rule. */
static const struct wrap_case {
	const char *why;
	const char *text;
	int width;
	const char *lines;
	size_t n;
	int widest;
} wrap_cases[] = {
	{ "words break at spaces",
	  "the quick brown fox jumps over the lazy dog", 10,
	  "the quick|brown fox|jumps over|the lazy|dog", 5, 0 },
	{ "a line exactly as wide as asked stays whole",
	  "aaaa bbbb", 9,
	  "aaaa bbbb", 1, 0 },
	{ "one column less breaks it",
	  "aaaa bbbb", 8,
	  "aaaa|bbbb", 2, 0 },
	{ "trailing spaces go; a wrap never starts a line with spaces",
	  "one   two   three   ", 7,
	  "one|two|three", 3, 0 },
	{ "leading spaces of a text line are indentation and stay",
	  "  one two", 20,
	  "  one two", 1, 0 },
	{ "... unless they leave the first word no room",
	  "      abcdef", 8,
	  "abcdef", 1, 0 },
	{ "a word longer than the width is cut",
	  "abcdefghij", 4,
	  "abcd|efgh|ij", 3, 0 },
	{ "a long word among short ones is cut on its own lines",
	  "ab abcdefghij cd", 4,
	  "ab|abcd|efgh|ij|cd", 5, 0 },
	{ "the rest of a cut word shares its line with what follows",
	  "abcdefg hi", 5,
	  "abcde|fg hi", 2, 0 },
	{ "a line may break after a slash",
	  "https://example.org/some/long-path", 20,
	  "https://example.org/|some/long-path", 2, 0 },
	{ "... or after a full stop: a host name breaks between its parts",
	  "pmc.ncbi.nlm.nih.gov", 12,
	  "pmc.ncbi.|nlm.nih.gov", 2, 0 },
	{ "a hyphen too early in the line is not worth the short line",
	  "a-bcdefghijkl", 6,
	  "a-bcde|fghijk|l", 3, 0 },
	{ "four 2-column characters at width 5: two a line",
	  "\xe4\xb8\xad\xe6\x96\x87\xe5\xad\x97\xe7\xac\xa6", 5,
	  "\xe4\xb8\xad\xe6\x96\x87|\xe5\xad\x97\xe7\xac\xa6", 2, 4 },
	{ "a wide character that would straddle the edge goes down",
	  "ab\xe4\xb8\xad", 3,
	  "ab|\xe4\xb8\xad", 2, 0 },
	{ "width 1: the only case where a line may be wider than asked",
	  "\xe4\xb8\xad\xe6\x96\x87", 1,
	  "\xe4\xb8\xad|\xe6\x96\x87", 2, 2 },
	{ "a combining accent stays on its e",
	  "cafe\xcc\x81s", 4,
	  "cafe\xcc\x81|s", 2, 0 },
	{ "zero-width characters ride along",
	  "ab\xe2\x80\x8b" "cd\xe2\x80\x8d" "ef", 6,
	  "ab\xe2\x80\x8b" "cd\xe2\x80\x8d" "ef", 1, 0 },
	{ "... and never break a line",
	  "ab\xe2\x80\x8b" "cd", 2,
	  "ab\xe2\x80\x8b|cd", 2, 0 },
	{ "ten 2-byte characters at width 3: every piece whole characters",
	  "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", 3,
	  "\xc3\xa9\xc3\xa9\xc3\xa9|\xc3\xa9\xc3\xa9\xc3\xa9|\xc3\xa9\xc3\xa9\xc3\xa9|\xc3\xa9", 4, 0 },
	{ "width 0 does not wrap, and trailing spaces go",
	  "a long line that would wrap at any small width   ", 0,
	  "a long line that would wrap at any small width", 1, 0 },
	{ "a negative width does not wrap either",
	  "one\ntwo", -5,
	  "one|two", 2, 0 },
	{ "no text, no line",
	  "", 10,
	  "", 0, 0 },
	{ "blanks are one empty line",
	  "     ", 10,
	  "", 1, 0 },
	{ "a newline alone is one empty line",
	  "\n", 10,
	  "", 1, 0 },
	{ "a newline always breaks the line",
	  "one\ntwo three\n\nfour", 5,
	  "one|two|three||four", 5, 0 },
	{ "a final newline ends the last line; it does not add one",
	  "one\n", 5,
	  "one", 1, 0 },
	{ "a second final newline is an empty line",
	  "one\n\n", 5,
	  "one|", 2, 0 },
	{ "text after a newline is a new line: its indentation is kept",
	  "a\n  b", 5,
	  "a|  b", 2, 0 },
	{ "tabs break like spaces",
	  "one\ttwo\tthree", 8,
	  "one\ttwo|three", 2, 0 },
};

START_TEST(wrap_breaks)
{
	const struct wrap_case *c = &wrap_cases[_i];
	struct lines l;
	size_t n;

	memset(&l, 0, sizeof l);
	/* collect() holds every line to the width, or to the widest wanted
	 * where that is wider (width 1 and a wide character). */
	l.width = c->widest > c->width ? c->widest : c->width;
	n = wrap_text(c->text, c->width, collect, &l);
	ck_assert_msg(n == c->n, "%s: %zu lines, want %zu", c->why, n, c->n);
	ck_assert_msg(strcmp(l.text, c->lines) == 0, "%s: \"%s\", want \"%s\"",
		      c->why, l.text, c->lines);
	if (c->widest)
		ck_assert_msg(l.maxcols == c->widest, "%s: widest line %d, want %d",
			      c->why, l.maxcols, c->widest);
}
END_TEST

START_TEST(wrap_textn_stops_at_len)
{
	struct lines l;

	memset(&l, 0, sizeof l);
	l.width = 3;
	ck_assert_uint_eq(wrap_textn("abc def", 5, 3, collect, &l), 2);
	ck_assert_str_eq(l.text, "abc|d");
}
END_TEST

START_TEST(wrap_every_width_fits)
{
	/* Mixed text at every width: no line wider than asked, nothing lost. */
	const char *t = "Chemotherapy\xe2\x80\x91induced metastasis: \xe4\xb8\xad\xe6\x96\x87 "
			"caf\xc3\xa9 cafe\xcc\x81 https://pmc.ncbi.nlm.nih.gov/articles/PMC6035114/ "
			"\xe2\x80\x9cquoted\xe2\x80\x9d end.";
	size_t letters = 0;
	for (const char *p = t; *p; p++)
		letters += *p != ' ';
	for (int w = 2; w <= 90; w++) {
		struct lines l;
		wrap(&l, t, w);
		size_t got = 0;
		for (const char *p = l.text; *p; p++)
			got += *p != ' ' && *p != '|';
		ck_assert_uint_eq(got, letters);
		ck_assert_int_le(l.maxcols, w);
	}
}
END_TEST

/* ---- cutting at a character boundary ------------------------------- */

START_TEST(cut_keeps_whole_characters)
{
	const char *s = "ab\xc3\xa9\xe2\x80\x99\xf0\x9f\x98\x80";   /* ab é ’ 😀 */

	ck_assert_uint_eq(utf8_cut(s, 11, 100), 11);
	ck_assert_uint_eq(utf8_cut(s, 11, 11), 11);
	ck_assert_uint_eq(utf8_cut(s, 11, 10), 7);   /* inside the emoji */
	ck_assert_uint_eq(utf8_cut(s, 11, 8), 7);
	ck_assert_uint_eq(utf8_cut(s, 11, 7), 7);
	ck_assert_uint_eq(utf8_cut(s, 11, 6), 4);    /* inside ’ */
	ck_assert_uint_eq(utf8_cut(s, 11, 5), 4);
	ck_assert_uint_eq(utf8_cut(s, 11, 4), 4);
	ck_assert_uint_eq(utf8_cut(s, 11, 3), 2);    /* inside é */
	ck_assert_uint_eq(utf8_cut(s, 11, 2), 2);
	ck_assert_uint_eq(utf8_cut(s, 11, 0), 0);
	/* A string already cut short (as snprintf leaves it). */
	ck_assert_uint_eq(utf8_cut(s, 3, 3), 2);
	ck_assert_uint_eq(utf8_cut(s, 9, 9), 7);
	/* Bytes that are not UTF-8 are not this function's business. */
	ck_assert_uint_eq(utf8_cut("a\x80\x80", 3, 3), 3);
}
END_TEST

/* ---- search folding ------------------------------------------------- */

START_TEST(fold_quotes_dashes_and_case)
{
	ck_assert_uint_eq(search_fold(0x2019), '\'');
	ck_assert_uint_eq(search_fold(0x2018), '\'');
	ck_assert_uint_eq(search_fold(0x201c), '"');
	ck_assert_uint_eq(search_fold(0x201d), '"');
	ck_assert_uint_eq(search_fold(0x2013), '-');
	ck_assert_uint_eq(search_fold(0x2014), '-');
	ck_assert_uint_eq(search_fold('Q'), 'q');
	ck_assert_uint_eq(search_fold(0xd6), 0xf6);     /* Ö ö */
	ck_assert_uint_eq(search_fold(0x130), 'i');     /* İ */
	ck_assert_uint_eq(search_fold(0x131), 'i');     /* ı */
	ck_assert_uint_eq(search_fold('I'), 'i');
	ck_assert_uint_eq(search_fold(0x3a3), 0x3c3);   /* Σ σ */
	ck_assert_uint_eq(search_fold(0x3c2), 0x3c3);   /* ς σ */
	ck_assert_uint_eq(search_fold(0x41f), 0x43f);   /* П п */
	ck_assert_uint_eq(search_fold(0x4e00), 0x4e00); /* no case */
}
END_TEST

START_TEST(search_in_folds_both_sides)
{
	size_t at, n;
	const char *t = "and they\xe2\x80\x99re here";

	/* What a keyboard types finds what the article prints. */
	ck_assert(search_in(t, strlen(t), "they're", 0, &at, &n));
	ck_assert_uint_eq(at, 4);
	ck_assert_uint_eq(n, 9);                     /* ’ is three bytes */
	ck_assert(search_in(t, strlen(t), "THEY\xe2\x80\x98RE", 0, &at, &n));
	ck_assert(search_in("a \xe2\x80\x94 b", 7, "a - b", 0, &at, &n));
	ck_assert_uint_eq(n, 7);
	ck_assert(search_in("\xe2\x80\x9cquoted\xe2\x80\x9d", 12, "\"quoted\"",
			    0, &at, &n));
	/* Turkish, both ways and with both I's. */
	const char *tr = "\xc3\x96NEML\xc4\xb0 bilgi";          /* ÖNEMLİ */
	ck_assert(search_in(tr, strlen(tr), "\xc3\xb6nemli", 0, &at, &n));
	ck_assert_uint_eq(at, 0);
	ck_assert_uint_eq(n, 8);
	ck_assert(search_in("\xc3\xb6nemli", 7, "\xc3\x96NEML\xc4\xb0", 0, &at, &n));
	ck_assert(search_in("s\xc4\xb1" "cak", 6, "SICAK", 0, &at, &n));  /* sıcak */
	/* Greek, with a final sigma. */
	const char *el = "\xce\xbf\xce\xb4\xcf\x8c\xcf\x82";      /* οδός */
	ck_assert(search_in(el, strlen(el), "\xce\x9f\xce\x94\xce\x8c\xce\xa3", 0,
			    &at, &n));                       /* ΟΔΌΣ */
	ck_assert_uint_eq(n, strlen(el));
	/* Not everything matches everything. */
	ck_assert(!search_in(t, strlen(t), "they\"re", 0, &at, &n));
	ck_assert(!search_in(tr, strlen(tr), "onemli", 0, &at, &n));
	/* from is where the search starts. */
	ck_assert(search_in("ab ab", 5, "AB", 1, &at, &n));
	ck_assert_uint_eq(at, 3);
}
END_TEST

/* The whole search, over an article: the text a reader sees is found. */
START_TEST(search_next_finds_folded_text)
{
	static const char yaml[] =
		"schema: 1\n"
		"id: folds\n"
		"title: Folds\n"
		"disclaimer: Not medical advice.\n"
		"sections:\n"
		"  - id: one\n"
		"    title: One\n"
		"    blocks:\n"
		"      - paragraph: If they\xe2\x80\x99re tired, rest.\n"
		"  - id: two\n"
		"    title: \xc3\x96NEML\xc4\xb0 B\xc4\xb0LG\xc4\xb0\n"
		"    blocks:\n"
		"      - paragraph: \xce\xa0\xce\x9f\xce\x9d\xce\x9f\xce\xa3 \xe2\x80\x94 pain.\n";
	struct document *d = tu_must_load_mem("folds.yaml", yaml, sizeof yaml - 1);
	char where[128];

	ck_assert_str_eq(tu_first_match(d, "they're", where, sizeof where),
			 "section 0 block 0 item -1 field 0 faq -1 at 3+9");
	ck_assert_str_eq(tu_first_match(d, "\xc3\xb6nemli bilgi", where,
					sizeof where),
			 "section 1 block -1 item -1 field 0 faq -1 at 0+16");
	ck_assert_str_eq(tu_first_match(d, "\xcf\x80\xce\xbf\xce\xbd\xce\xbf\xcf\x82 - pain",
					where, sizeof where),  /* πονος - pain */
			 "section 1 block 0 item -1 field 0 faq -1 at 0+19");
	doc_free(d);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("text");
	TCase *w;

	/* Widths come from the locale; the suite is about UTF-8 text. */
	tu_utf8_locale();
	tu_add_tests(tu_tcase(s, "utf8"), decode_ascii_and_multibyte,
		     decode_invalid_is_replacement,
		     decode_strict_refuses_every_malformed_class,
		     decode_strict_takes_the_edges,
		     encode_round_trips_every_character,
		     unsafe_characters_are_exactly_these, width_of_code_points,
		     width_of_strings, zero_width_and_combining,
		     transliterate_punctuation,
		     transliterate_letters_and_unknowns,
		     transliteration_is_ascii, locale_is_utf8);
	w = tu_tcase(s, "wrap");
	tcase_add_loop_test(w, wrap_breaks, 0,
			    (int)(sizeof wrap_cases / sizeof wrap_cases[0]));
	tu_add_tests(w, wrap_textn_stops_at_len, wrap_every_width_fits);
	tu_add_tests(tu_tcase(s, "search"), cut_keeps_whole_characters,
		     fold_quotes_dashes_and_case, search_in_folds_both_sides,
		     search_next_finds_folded_text);
	return tu_run(s);
}
