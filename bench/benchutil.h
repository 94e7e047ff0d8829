/* benchutil.h - what the benchmark programs (ptybench.c, sshbench.c) share:
 * a clock, the options both take, the C escapes a key is typed with, and
 * finding a text in what a terminal program writes.
 *
 * Contract: static inline functions, no state of their own.
 *  - bench_now_ms(): milliseconds on CLOCK_MONOTONIC.
 *  - bench_unescape(): s with \e, \033 (octal), \xHH, \n, \r, \t and \\
 *    decoded into out (NUL-terminated, its length in *len when len is not
 *    NULL); -1 when it does not fit in size bytes or is empty.
 *  - bench_number(): s as a whole number from min to max in *out; -1 when
 *    it is not one.
 *  - BENCH_OPTIONS: getopt_long() rows of the options both programs take
 *    (--size, --marker, --pages, --page-key, --quiet-ms, --start-cap-ms,
 *    --key-cap-ms); their codes are 's', 'm' and BENCH_OPT_*, and a
 *    program's own codes start at BENCH_OPT_OWN.  bench_option() sets
 *    struct bench_opts from one of them: 0, -1 when the argument is no
 *    value for it, 1 when the code is not one of them.
 *  - struct vtfind: start it zeroed with text set (NULL or "": never
 *    found).  vtfind_feed() reads output bytes through a small VT parser
 *    that keeps only the printable text, so the text is found however the
 *    program positions or colours it, and sets found.
 */
#ifndef HANDOUT_BENCHUTIL_H
#define HANDOUT_BENCHUTIL_H

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static inline double bench_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static inline int bench_number(const char *s, int min, int max, int *out)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (end == s || *end || v < min || v > max)
		return -1;
	*out = (int)v;
	return 0;
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

/* What the options both programs take set. */
struct bench_opts {
	unsigned short cols, rows;   /* --size COLSxROWS, 1 to 1000 each */
	const char *marker;          /* text that says the first screen is drawn */
	int pages;                   /* 0 to 100000 */
	char page_key[32];           /* the key that pages, and its length */
	size_t page_key_len;
	int quiet_ms;                /* silence that ends an answer */
	int start_cap_ms;            /* give up on the first screen after this */
	int key_cap_ms;              /* give up on one key's answer after this */
};

enum {
	BENCH_OPT_PAGES = 256, BENCH_OPT_PAGE_KEY, BENCH_OPT_QUIET,
	BENCH_OPT_START_CAP, BENCH_OPT_KEY_CAP, BENCH_OPT_OWN
};

#define BENCH_OPTIONS \
	{ "size", required_argument, NULL, 's' }, \
	{ "marker", required_argument, NULL, 'm' }, \
	{ "pages", required_argument, NULL, BENCH_OPT_PAGES }, \
	{ "page-key", required_argument, NULL, BENCH_OPT_PAGE_KEY }, \
	{ "quiet-ms", required_argument, NULL, BENCH_OPT_QUIET }, \
	{ "start-cap-ms", required_argument, NULL, BENCH_OPT_START_CAP }, \
	{ "key-cap-ms", required_argument, NULL, BENCH_OPT_KEY_CAP }

static inline int bench_option(struct bench_opts *o, int code, const char *arg)
{
	int cols, rows;
	char x;

	switch (code) {
	case 's':
		if (sscanf(arg, "%d%c%d", &cols, &x, &rows) != 3 || x != 'x' ||
		    cols < 1 || rows < 1 || cols > 1000 || rows > 1000)
			return -1;
		o->cols = (unsigned short)cols;
		o->rows = (unsigned short)rows;
		return 0;
	case 'm':
		o->marker = arg;
		return 0;
	case BENCH_OPT_PAGES:
		return bench_number(arg, 0, 100000, &o->pages);
	case BENCH_OPT_PAGE_KEY:
		return bench_unescape(arg, o->page_key, sizeof o->page_key,
				      &o->page_key_len);
	case BENCH_OPT_QUIET:
		return bench_number(arg, 1, 60000, &o->quiet_ms);
	case BENCH_OPT_START_CAP:
		return bench_number(arg, 1, 600000, &o->start_cap_ms);
	case BENCH_OPT_KEY_CAP:
		return bench_number(arg, 1, 600000, &o->key_cap_ms);
	default:
		return 1;
	}
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
