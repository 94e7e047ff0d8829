/* table.c - a table's column widths: everyone gets a floor, the rest goes
 * in proportion to what each column still wants. */
#include "table.h"

#include <string.h>

#include "utf8.h"

static int widest_word(const char *s)
{
	int best = 0;
	const char *w = s;

	for (const char *p = s;; p++) {
		if (*p == ' ' || *p == '\n' || *p == '\t' || !*p) {
			int cols = utf8_width(w, (size_t)(p - w));
			if (cols > best)
				best = cols;
			w = p + 1;
		}
		if (!*p)
			break;
	}
	return best;
}

static int text_cols(const char *s)
{
	return utf8_width(s, strlen(s));
}

/* The most measure() gives for column c, header and cells. */
static int column_most(const char *const *head, const char *const *cells,
		       size_t ncols, size_t nrows, size_t c,
		       int (*measure)(const char *))
{
	int most = measure(head[c]);

	for (size_t r = 0; r < nrows; r++) {
		int m = measure(cells[r * ncols + c]);
		if (m > most)
			most = m;
	}
	return most;
}

bool table_fit(const char *const *head, const char *const *cells, size_t ncols,
	       size_t nrows, int avail, int *w)
{
	long want = 0, demand = 0;

	if (avail < (int)ncols * TABLE_MIN_COLS)
		return false;
	for (size_t c = 0; c < ncols; c++) {
		int nat = column_most(head, cells, ncols, nrows, c, text_cols);
		w[ncols + c] = nat;    /* natural width, kept after the widths */
		want += nat;
	}
	if (want <= avail) {
		for (size_t c = 0; c < ncols; c++)
			w[c] = w[ncols + c] ? w[ncols + c] : 1;
		return true;
	}
	/* Everyone gets a floor, then the rest in proportion to what each
	 * still wants: a long column grows, a short one stays short. */
	int left = avail;
	for (size_t c = 0; c < ncols; c++) {
		int nat = w[ncols + c];
		w[c] = nat < TABLE_MIN_COLS ? (nat ? nat : 1) : TABLE_MIN_COLS;
		left -= w[c];
		demand += nat - w[c];
	}
	int spare = left;
	for (size_t c = 0; c < ncols && demand > 0; c++) {
		int extra = (int)((long)spare * (w[ncols + c] - w[c]) / demand);
		w[c] += extra;
		left -= extra;
	}
	for (size_t c = 0; left > 0; c = (c + 1) % ncols) {
		bool any = false;
		for (size_t k = 0; k < ncols; k++)
			if (w[k] < w[ncols + k])
				any = true;
		if (!any)
			break;
		if (w[c] < w[ncols + c]) {
			w[c]++;
			left--;
		}
	}
	/* A column narrower than its longest word splits words: give up on
	 * the grid when that would happen to a word longer than the floor. */
	for (size_t c = 0; c < ncols; c++) {
		int word = column_most(head, cells, ncols, nrows, c, widest_word);
		if (word > w[c] && w[c] < TABLE_MIN_COLS * 2)
			return false;
	}
	return true;
}

