/* wrap.c - greedy word wrapping by display columns. */
#include "wrap.h"
#include "utf8.h"

#include <stdbool.h>
#include <string.h>

static bool is_space(char c)
{
	return c == ' ' || c == '\t';
}

/* Length in bytes of the character at s with the zero-width characters that
 * ride on it; its width goes to *w. */
static size_t cluster(const char *s, const char *end, int *w)
{
	unsigned char c = (unsigned char)*s;

	/* The reader wraps on every keystroke: keep plain ASCII cheap. */
	if (c >= 0x20 && c < 0x7f && (s + 1 == end || (unsigned char)s[1] < 0x80)) {
		*w = 1;
		return 1;
	}
	uint32_t cp;
	const char *p = s + utf8_decode(s, (size_t)(end - s), &cp);
	*w = utf8_cpwidth(cp);
	while (p < end && (unsigned char)*p >= 0x80) {
		size_t n = utf8_decode(p, (size_t)(end - p), &cp);
		if (utf8_cpwidth(cp) != 0)
			break;
		p += n;
	}
	return (size_t)(p - s);
}

static const char *trim_right(const char *s, const char *end)
{
	while (end > s && is_space(end[-1]))
		end--;
	return end;
}

/* Wrap one line of text (no '\n' in [p, eol)); returns lines emitted. */
static size_t wrap_line(const char *p, const char *eol, int width,
			wrap_emit_fn emit, void *ctx)
{
	if (width <= 0) {
		const char *e = trim_right(p, eol);
		emit(ctx, p, (size_t)(e - p), utf8_width(p, (size_t)(e - p)));
		return 1;
	}

	size_t n = 0;
	const char *start = p;  /* the output line being filled */
	const char *end = p;    /* end of its last word */
	int cols = 0;           /* columns of start..end */
	bool has_word = false, wrapped = false;
	const char *q = p;

	for (;;) {
		const char *ws = q;
		while (q < eol && is_space(*q))
			q++;
		if (q == eol)
			break;
		int spcols = (int)(q - ws);

		/* Measure the word only until it is known not to fit: a
		 * 64 KiB word would otherwise be measured again for every
		 * line cut from it, quadratic in its length. */
		const char *we = q;
		int wcols = 0;
		while (we < eol && !is_space(*we) && wcols <= width) {
			int cw;
			we += cluster(we, eol, &cw);
			wcols += cw;
		}

		if (!has_word && (wrapped || spcols + wcols > width)) {
			/* Indentation goes when a wrap began the line or when it
			 * would leave the first word no room. */
			start = q;
			spcols = 0;
		}
		if (cols + spcols + wcols <= width) {
			end = we;
			cols += spcols + wcols;
			has_word = true;
			q = we;
			continue;
		}
		if (has_word) {
			emit(ctx, start, (size_t)(end - start), cols);
			n++;
			start = end = q;
			cols = 0;
			has_word = false;
			wrapped = true;
			/* The word is measured again against an empty line. */
			continue;
		}

		/* A word wider than a whole line: cut it where it reaches width,
		 * or after its last '/', '.' or '-' in the second half of the
		 * line, so that links, host names and compounds break where a
		 * reader expects. */
		const char *r = q, *cut = NULL;
		int c = 0, cutcols = 0;
		while (r < we) {
			int cw;
			size_t len = cluster(r, we, &cw);
			if (c + cw > width && r > q)
				break;
			r += len;
			c += cw;
			if ((r[-1] == '/' || r[-1] == '.' || r[-1] == '-') && len == 1 &&
			    2 * c >= width && r < we) {
				cut = r;
				cutcols = c;
			}
		}
		if (cut && r < we) {
			r = cut;
			c = cutcols;
		}
		emit(ctx, start, (size_t)(r - start), c);
		n++;
		start = end = q = r;
		cols = 0;
		wrapped = true;
	}
	if (has_word) {
		emit(ctx, start, (size_t)(end - start), cols);
		n++;
	} else if (n == 0) {
		emit(ctx, p, 0, 0);     /* an empty or blank line is still a line */
		n++;
	}
	return n;
}

size_t wrap_textn(const char *text, size_t len, int width, wrap_emit_fn emit,
		  void *ctx)
{
	const char *p = text, *end = text + len;
	size_t n = 0;

	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		if (!eol)
			eol = end;
		n += wrap_line(p, eol, width, emit, ctx);
		p = eol < end ? eol + 1 : end;
	}
	return n;
}

size_t wrap_text(const char *text, int width, wrap_emit_fn emit, void *ctx)
{
	return wrap_textn(text, strlen(text), width, emit, ctx);
}
