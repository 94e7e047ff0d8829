/* benchutil.h - what the benchmark programs (ptybench.c, sshbench.c) share:
 * a clock, the C escapes a key is typed with, and finding a text in what a
 * terminal program writes.
 *
 * Contract: static inline functions, no state of their own.
 *  - bench_now_ms(): milliseconds on CLOCK_MONOTONIC.
 *  - bench_unescape(): s with \e, \033 (octal), \xHH, \n, \r, \t and \\
 *    decoded into out (NUL-terminated, its length in *len when len is not
 *    NULL); -1 when it does not fit in size bytes or is empty.
 *  - struct vtfind: start it zeroed with text set (NULL or "": never
 *    found).  vtfind_feed() reads output bytes through a small VT parser
 *    that keeps only the printable text, so the text is found however the
 *    program positions or colours it, and sets found.
 */
#ifndef HANDOUT_BENCHUTIL_H
#define HANDOUT_BENCHUTIL_H

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static inline double bench_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* So PgDn can be given on a command line as '\e[6~'. */
static inline int bench_unescape(const char *s, char *out, size_t size,
				 size_t *len)
{
	size_t n = 0;

	while (*s) {
		int c = (unsigned char)*s++;

		if (c == '\\' && *s) {
			c = (unsigned char)*s++;
			switch (c) {
			case 'e': c = 033; break;
			case 'n': c = '\n'; break;
			case 'r': c = '\r'; break;
			case 't': c = '\t'; break;
			case 'x': {
				char *end;
				char hex[3] = { s[0], s[0] ? s[1] : 0, 0 };
				c = (int)strtol(hex, &end, 16);
				s += end - hex;
				break;
			}
			case '0': case '1': case '2': case '3':
				c -= '0';
				for (int k = 0; k < 2 && *s >= '0' && *s <= '7'; k++)
					c = c * 8 + (*s++ - '0');
				break;
			default: break;   /* \\ and anything else: the character itself */
			}
		}
		if (n + 1 >= size)
			return -1;
		out[n++] = (char)c;
	}
	if (n == 0)
		return -1;
	out[n] = '\0';
	if (len)
		*len = n;
	return 0;
}

#define VTFIND_WINDOW 1024

/* States: 0 text, 1 after ESC, 2 in CSI, 3 in a string (OSC, DCS...),
 * 4 ESC inside a string, 5 one byte after a charset designator. */
struct vtfind {
	const char *text;
	int state;
	char window[VTFIND_WINDOW];   /* the last of the text, for a match */
	size_t len;
	bool found;
};

static inline void vtfind_feed(struct vtfind *f, const unsigned char *buf,
			       size_t n)
{
	size_t tlen = f->text ? strlen(f->text) : 0;

	for (size_t i = 0; i < n && tlen && !f->found; i++) {
		unsigned c = buf[i];

		switch (f->state) {
		case 0:
			if (c == 033) {
				f->state = 1;
				break;
			}
			if (c < 0x20 || c == 0x7f)
				break;
			if (f->len == sizeof f->window) {
				memmove(f->window, f->window + sizeof f->window / 2,
					sizeof f->window / 2);
				f->len = sizeof f->window / 2;
			}
			f->window[f->len++] = (char)c;
			if (f->len >= tlen &&
			    memcmp(f->window + f->len - tlen, f->text, tlen) == 0)
				f->found = true;
			break;
		case 1:
			if (c == '[')
				f->state = 2;
			else if (c == ']' || c == 'P' || c == '_' || c == '^' || c == 'X')
				f->state = 3;
			else if (c && strchr("()*+#%", (int)c))
				f->state = 5;
			else
				f->state = 0;
			break;
		case 2:
			if (c >= 0x40 && c <= 0x7e)
				f->state = 0;
			break;
		case 3:
			if (c == 07)
				f->state = 0;
			else if (c == 033)
				f->state = 4;
			break;
		case 4:
			f->state = c == '\\' ? 0 : 3;
			break;
		default:
			f->state = 0;
			break;
		}
	}
}

#endif
