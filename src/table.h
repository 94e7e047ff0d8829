/* table.h - fitting a table's columns into a width: the grid's one
 * decision, apart from drawing it.
 *
 * Contract: pure; no allocation.  table_fit() gets the column headers
 * (ncols), the cells (nrows * ncols, row-major) and the columns avail for
 * the cells (the gaps already taken off), and fills w[0..ncols) with each
 * column's width; w must have room for 2 * ncols ints (the second half is
 * scratch: each column's natural width).  It returns false when the table
 * does not fit as a grid: a column would get fewer than TABLE_MIN_COLS
 * columns while it wants more, or a word longer than its column would be
 * split in a column narrower than twice that.  The caller then sets the
 * table out as "Column: value" lines.
 */
#ifndef HANDOUT_TABLE_H
#define HANDOUT_TABLE_H

#include <stdbool.h>
#include <stddef.h>

#define TABLE_MIN_COLS 8
#define TABLE_GAP 2              /* blank columns between two columns */

bool table_fit(const char *const *head, const char *const *cells, size_t ncols,
	       size_t nrows, int avail, int *w);

#endif
