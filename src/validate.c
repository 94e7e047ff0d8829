/* validate.c - character, id and date checks for loaded text. */
#include "validate.h"
#include "utf8.h"

#include <string.h>

/* TEXT_OK, or the fault of code point cp as text content. */
static enum text_fault fault_of(uint32_t cp)
{
	if (!utf8_unsafe(cp))
		return TEXT_OK;
	return utf8_is_bidi(cp) ? TEXT_BIDI : TEXT_CONTROL;
}

enum text_fault validate_text(const char *s, size_t len, size_t *off,
			      uint32_t *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < len) {
		uint32_t c;
		size_t n;
		enum text_fault f;

		/* The common case, printable ASCII, eight bytes at a time: a
		 * byte below 0x20 or above 0x7E sets its top bit in one of
		 * the three terms (carries and borrows only ever flag a byte
		 * above the first bad one, which then goes the slow way). */
		while (len - i >= 8) {
			uint64_t w;

			memcpy(&w, p + i, 8);
			if ((w | (w - 0x2020202020202020u) |
			     (w + 0x0101010101010101u)) & 0x8080808080808080u)
				break;
			i += 8;
		}
		if (i >= len)
			break;
		if (p[i] >= 0x20 && p[i] < 0x7F) {
			i++;
			continue;
		}
		n = utf8_decode_strict(s + i, len - i, &c);
		f = n ? fault_of(c) : TEXT_BAD_UTF8;
		if (f != TEXT_OK) {
			*off = i;
			*cp = c;
			return f;
		}
		i += n;
	}
	return TEXT_OK;
}

bool validate_blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
			return false;
	return true;
}

bool validate_id(const char *s, size_t len)
{
	if (!len || s[0] < 'a' || s[0] > 'z')
		return false;
	for (size_t i = 1; i < len; i++) {
		char c = s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      c == '-'))
			return false;
	}
	return true;
}

static int validate_digits(const char *s, size_t n)
{
	int v = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

bool validate_date(const char *s, size_t len)
{
	static const int mdays[12] = {
		31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	int y, m, d;

	if (len != 10 || s[4] != '-' || s[7] != '-')
		return false;
	y = validate_digits(s, 4);
	m = validate_digits(s + 5, 2);
	d = validate_digits(s + 8, 2);
	if (y < 0 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return false;
	if (m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
		return false;
	return true;
}
