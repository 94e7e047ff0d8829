/* wrap.h - the word wrapper shared by plain output, the line mode and the
 * reader's layout.
 *
 * Contract:
 *  - wrap_text() breaks text into lines of at most width display columns
 *    (utf8.h widths).  It allocates nothing, keeps no state between calls
 *    and never writes to text; each line is handed to emit() as a pointer
 *    into text, valid as long as text is.
 *  - Lines end at every '\n' (a final '\n' ends the last line and does not
 *    start an empty one) and, when width > 0, at spaces or tabs so that no
 *    line is wider than width.  A word wider than width is split after a
 *    '/', '.' or '-' in the second half of the line where it has one, else
 *    between characters: never inside a UTF-8 sequence, never between a combining
 *    mark (or zero-width character) and its base, never through a wide
 *    character.  The one exception to the width: a 2-column character when
 *    width is 1 gets a line of its own, 2 columns wide.
 *  - Spaces at the end of a line, and at the start of a line that a wrap
 *    (not a '\n') began, are dropped.  Spaces at the start of a text line
 *    are kept as indentation unless they leave no room for its first word.
 *  - Tabs count as one column and break like spaces; callers that draw
 *    should draw them as spaces.
 *  - Returns the number of lines emitted: 0 for "", >= 1 otherwise.
 *    Indents are the caller's: wrap at width - indent and prefix.
 */
#ifndef HANDOUT_WRAP_H
#define HANDOUT_WRAP_H

#include <stddef.h>

/* One output line: len bytes at s, cols display columns wide. */
typedef void (*wrap_emit_fn)(void *ctx, const char *s, size_t len, int cols);

/* Wrap the NUL-terminated text at width columns (width <= 0: no limit;
 * only '\n' breaks). */
size_t wrap_text(const char *text, int width, wrap_emit_fn emit, void *ctx);

/* The same for the len bytes at text, which need not be NUL-terminated. */
size_t wrap_textn(const char *text, size_t len, int width, wrap_emit_fn emit,
		  void *ctx);

#endif
