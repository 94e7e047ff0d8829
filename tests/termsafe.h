/* termsafe.h - is this output safe to send to a terminal?  The hostile
 * suite's oracle, shared by check_hostile.c and the termsafe program.
 *
 * Contract: termsafe_find() looks at len bytes and returns NULL when they
 * are valid UTF-8 holding no character that can drive a terminal or reorder
 * what it shows, else a short static reason with *off the byte offset of
 * the first offender.  Refused: every C0 control but '\n' (and '\t' when
 * allow_tab), DEL, every C1 control (U+0080-U+009F), bytes that are not
 * valid UTF-8 (a lone 0x9B is CSI to an 8-bit terminal), and the bidi
 * embeddings, overrides and isolates U+202A-U+202E and U+2066-U+2069.
 *
 * It is written apart from src/validate.c on purpose: an oracle that shares
 * the loader's code would share its bugs.
 */
#ifndef HANDOUT_TERMSAFE_H
#define HANDOUT_TERMSAFE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

static inline const char *termsafe_find(const char *buf, size_t len,
					bool allow_tab, size_t *off)
{
	const unsigned char *s = (const unsigned char *)buf;
	size_t i = 0;

	while (i < len) {
		unsigned char b = s[i];
		uint32_t cp;
		size_t n, k;

		*off = i;
		if (b == '\n' || (b == '\t' && allow_tab) ||
		    (b >= 0x20 && b < 0x7F)) {
			i++;
			continue;
		}
		if (b == 0x1B)
			return "ESC";
		if (b == '\r')
			return "CR";
		if (b == '\b')
			return "BS";
		if (b == '\a')
			return "BEL";
		if (b < 0x20)
			return "C0 control";
		if (b == 0x7F)
			return "DEL";
		if (b >= 0xC2 && b <= 0xDF)
			n = 2, cp = b & 0x1F;
		else if (b >= 0xE0 && b <= 0xEF)
			n = 3, cp = b & 0x0F;
		else if (b >= 0xF0 && b <= 0xF4)
			n = 4, cp = b & 0x07;
		else
			return "byte that is not UTF-8";
		if (len - i < n)
			return "truncated UTF-8";
		for (k = 1; k < n; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return "malformed UTF-8";
			cp = cp << 6 | (s[i + k] & 0x3F);
		}
		if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
		    cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return "overlong or surrogate UTF-8";
		if (cp >= 0x80 && cp <= 0x9F)
			return "C1 control";
		if ((cp >= 0x202A && cp <= 0x202E) ||
		    (cp >= 0x2066 && cp <= 0x2069))
			return "bidi control";
		i += n;
	}
	return NULL;
}

#endif
