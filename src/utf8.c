/* utf8.c - UTF-8 decoding and encoding, unsafe characters, display
 * widths, ASCII transliteration. */
#include "config.h"
#include "utf8.h"

#include <langinfo.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>

size_t utf8_decode_strict(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t c, min;
	size_t len;

	if (!n)
		return 0;
	c = u[0];
	*cp = c;
	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf) {
		len = 2;
		c &= 0x1f;
		min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3;
		c &= 0x0f;
		min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4;
		c &= 0x07;
		min = 0x10000;
	} else {
		return 0;       /* a continuation byte, C0/C1 lead, or F5-FF */
	}
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((u[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (u[i] & 0x3f);
	}
	/* Overlong forms and surrogates would let one character hide as
	 * another, past a check that looks only at decoded values. */
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

size_t utf8_decode(const char *s, size_t n, uint32_t *cp)
{
	size_t len = utf8_decode_strict(s, n, cp);

	if (len)
		return len;
	*cp = UTF8_REPLACEMENT;
	return 1;
}

size_t utf8_encode(uint32_t cp, char out[4])
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		cp = UTF8_REPLACEMENT;
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | cp >> 12);
		out[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | cp >> 18);
	out[1] = (char)(0x80 | (cp >> 12 & 0x3f));
	out[2] = (char)(0x80 | (cp >> 6 & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

bool utf8_is_bidi(uint32_t cp)
{
	return (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

bool utf8_unsafe(uint32_t cp)
{
	if (cp == '\n' || cp == '\t')
		return false;
	return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || utf8_is_bidi(cp);
}

/* Combining ranges for when wcwidth() cannot tell (non-UTF-8 locales). */
struct cp_range { uint32_t lo, hi; };

static const struct cp_range combining[] = {
	{ 0x0300, 0x036f }, { 0x0483, 0x0489 }, { 0x0591, 0x05bd },
	{ 0x05bf, 0x05bf }, { 0x05c1, 0x05c2 }, { 0x05c4, 0x05c5 },
	{ 0x05c7, 0x05c7 }, { 0x0610, 0x061a }, { 0x064b, 0x065f },
	{ 0x0670, 0x0670 }, { 0x06d6, 0x06dc }, { 0x06df, 0x06e4 },
	{ 0x0900, 0x0902 }, { 0x093a, 0x093a }, { 0x093c, 0x093c },
	{ 0x0941, 0x0948 }, { 0x094d, 0x094d }, { 0x0e31, 0x0e31 },
	{ 0x0e34, 0x0e3a }, { 0x0e47, 0x0e4e }, { 0x1ab0, 0x1aff },
	{ 0x1dc0, 0x1dff }, { 0x200b, 0x200f }, { 0x2060, 0x2064 },
	{ 0x20d0, 0x20ff }, { 0x302a, 0x302f }, { 0x3099, 0x309a },
	{ 0xfe00, 0xfe0f }, { 0xfe20, 0xfe2f }, { 0xfeff, 0xfeff },
	{ 0xe0100, 0xe01ef },
};

/* bsearch()'s comparator: a code point against a range. */
static int in_range(const void *key, const void *elem)
{
	uint32_t cp = *(const uint32_t *)key;
	const struct cp_range *r = elem;

	return cp < r->lo ? -1 : cp > r->hi;
}

bool utf8_is_zero_width(uint32_t cp)
{
	if (cp < 0x300)
		return false;
	if ((cp >= 0x200b && cp <= 0x200d) || cp == 0x2060 || cp == 0xfeff)
		return true;
	if (bsearch(&cp, combining, sizeof combining / sizeof combining[0],
		    sizeof combining[0], in_range))
		return true;
	return wcwidth((wchar_t)cp) == 0;
}

int utf8_cpwidth(uint32_t cp)
{
	if (cp >= 0x20 && cp < 0x7f)
		return 1;
	if (cp < 0xa0)
		return 0;       /* C0, DEL, C1 */
	/* glibc gives U+200B and friends 0, others may not: be sure. */
	if ((cp >= 0x200b && cp <= 0x200d) || cp == 0x2060 || cp == 0xfeff)
		return 0;
	int w = wcwidth((wchar_t)cp);
	if (w >= 0)
		return w > 2 ? 2 : w;
	return utf8_is_zero_width(cp) ? 0 : 1;
}

int utf8_width(const char *s, size_t n)
{
	const char *end = s + n;
	int w = 0;

	while (s < end) {
		unsigned char c = (unsigned char)*s;
		if (c >= 0x20 && c < 0x7f) {
			w++;
			s++;
			continue;
		}
		uint32_t cp;
		s += utf8_decode(s, (size_t)(end - s), &cp);
		w += utf8_cpwidth(cp);
	}
	return w;
}

/* U+00C0-U+00FF and U+0100-U+017F to base letters; '*' marks the few that
 * need more than one letter (see multi[]). */
static const char latin1[] =
	"AAAAAA*CEEEEIIIIDNOOOOOxOUUUUY**aaaaaa*ceeeeiiiidnooooo/ouuuuy*y";
static const char latin_ext_a[] =
	"AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIi**JjKkkLlLlLlL"
	"lLlNnNnNnnNnOoOoOo**RrRrRrSsSsSsSsTtTtTtUuUuUuUuUuUuWwYyYZzZzZzs";

struct spelling { uint32_t cp; const char *s; };

static const struct spelling multi[] = {
	{ 0x00a0, " " },   { 0x00a9, "(c)" }, { 0x00ab, "\"" },  { 0x00ad, "" },
	{ 0x00ae, "(R)" }, { 0x00b0, "deg" }, { 0x00b1, "+/-" }, { 0x00b5, "u" },
	{ 0x00b7, "." },   { 0x00bb, "\"" },  { 0x00bc, "1/4" }, { 0x00bd, "1/2" },
	{ 0x00be, "3/4" }, { 0x00c6, "AE" },  { 0x00de, "Th" },  { 0x00df, "ss" },
	{ 0x00e6, "ae" },  { 0x00fe, "th" },  { 0x0132, "IJ" },  { 0x0133, "ij" },
	{ 0x0152, "OE" },  { 0x0153, "oe" },  { 0x03bc, "u" },   { 0x2010, "-" },
	{ 0x2011, "-" },   { 0x2012, "-" },   { 0x2013, "-" },   { 0x2014, "--" },
	{ 0x2015, "--" },  { 0x2018, "'" },   { 0x2019, "'" },   { 0x201a, "'" },
	{ 0x201b, "'" },   { 0x201c, "\"" },  { 0x201d, "\"" },  { 0x201e, "\"" },
	{ 0x201f, "\"" },  { 0x2022, "-" },   { 0x2026, "..." }, { 0x2032, "'" },
	{ 0x2033, "\"" },  { 0x2039, "'" },   { 0x203a, "'" },   { 0x2122, "(TM)" },
	{ 0x2190, "<-" },  { 0x2192, "->" },  { 0x2212, "-" },   { 0x2264, "<=" },
	{ 0x2265, ">=" },  { 0xfffd, "?" },
};

/* bsearch()'s comparator: a code point against a spelling's. */
static int spelled(const void *key, const void *elem)
{
	uint32_t cp = *(const uint32_t *)key;
	const struct spelling *sp = elem;

	return cp < sp->cp ? -1 : cp > sp->cp;
}

const char *utf8_translit(uint32_t cp, char buf[2])
{
	if (cp < 0x80) {
		if (cp < 0x20 && cp != '\n' && cp != '\t')
			return "";
		if (cp == 0x7f)
			return "";
		buf[0] = (char)cp;
		buf[1] = '\0';
		return buf;
	}
	if (cp < 0xa0)
		return "";
	/* Every space but the ideographic one is one column wide; keep it so. */
	if ((cp >= 0x2000 && cp <= 0x200a) || cp == 0x202f || cp == 0x205f ||
	    cp == 0x3000)
		return " ";

	const struct spelling *sp = bsearch(&cp, multi, sizeof multi / sizeof multi[0],
					    sizeof multi[0], spelled);
	if (sp)
		return sp->s;
	if (cp >= 0xc0 && cp <= 0xff) {
		buf[0] = latin1[cp - 0xc0];
	} else if (cp >= 0x100 && cp <= 0x17f) {
		buf[0] = latin_ext_a[cp - 0x100];
	} else if (utf8_is_zero_width(cp)) {
		return "";
	} else {
		return "?";
	}
	buf[1] = '\0';
	return buf;
}

size_t utf8_translit_str(const char *s, size_t n, char *out)
{
	const char *end = s + n;
	size_t len = 0;

	while (s < end) {
		uint32_t cp;
		char buf[2];
		s += utf8_decode(s, (size_t)(end - s), &cp);
		const char *t = utf8_translit(cp, buf);
		size_t tl = strlen(t);
		if (out)
			memcpy(out + len, t, tl);
		len += tl;
	}
	if (out)
		out[len] = '\0';
	return len;
}

char *utf8_to_ascii(const char *s)
{
	size_t n = strlen(s);
	char *out = malloc(utf8_translit_str(s, n, NULL) + 1);

	if (out)
		utf8_translit_str(s, n, out);
	return out;
}

size_t utf8_cut(const char *s, size_t len, size_t max)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = len < max ? len : max, lead = n;

	/* The lead byte of the last character: back over at most three
	 * continuation bytes. */
	while (lead > 0 && n - lead < 3 && (u[lead - 1] & 0xc0) == 0x80)
		lead--;
	if (lead == 0 || u[lead - 1] < 0xc0)
		return n;       /* ASCII last, or stray bytes: nothing cut short */
	lead--;
	size_t want = u[lead] >= 0xf0 ? 4 : u[lead] >= 0xe0 ? 3 : 2;
	return lead + want <= n ? n : lead;
}

bool utf8_locale(void)
{
	const char *cs = nl_langinfo(CODESET);
	return cs && (strcasecmp(cs, "UTF-8") == 0 || strcasecmp(cs, "utf8") == 0);
}
