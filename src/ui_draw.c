/* ui_draw.c - panes drawn from layouts, only what changed, one doupdate.
 *
 * Bytes on a slow link are what matter here: every window is redrawn into
 * curses' memory only when the state says it changed, and curses compares
 * the result with what the terminal already shows, so a keystroke costs
 * only the cells that really differ.  The body window has idlok() so that
 * a one-line scroll becomes a terminal scroll where the body is full width.
 */
#include "ui_draw.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "help.h"
#include "layout.h"
#include "search.h"
#include "ui_roles.h"
#include "utf8.h"

static const char too_small[] = "Terminal too small";

int ui_screen_init(struct ui_screen *s, bool ascii)
{
	memset(s, 0, sizeof *s);
	s->ascii = ascii;
	return 0;
}

static void del_windows(struct ui_screen *s)
{
	WINDOW **w[] = { &s->title, &s->body, &s->sep, &s->side, &s->status };

	for (size_t i = 0; i < sizeof w / sizeof w[0]; i++) {
		if (*w[i])
			delwin(*w[i]);
		*w[i] = NULL;
	}
	s->made = false;
}

void ui_screen_free(struct ui_screen *s)
{
	del_windows(s);
}

/* Windows for geometry g, or the old ones when g has not changed.
 * *remade says the new ones are blank and must all be drawn. */
static int make_windows(struct ui_screen *s, const struct geometry *g,
			bool *remade)
{
	*remade = false;
	if (s->made && !memcmp(&s->g, g, sizeof *g))
		return 0;
	del_windows(s);
	*remade = true;
	s->g = *g;
	/* The panes tile the screen, so they are windows into stdscr's own
	 * cells (subwin()) rather than copies of their own: a screenful of
	 * cells less per reader. */
	s->title = subwin(stdscr, 1, g->cols, 0, 0);
	s->body = subwin(stdscr, g->body_rows, g->main_cols, g->body_row, 0);
	s->status = subwin(stdscr, 1, g->cols, g->status_row, 0);
	if (g->side_cols) {
		s->sep = subwin(stdscr, g->body_rows, 1, g->body_row, g->side_col - 1);
		s->side = subwin(stdscr, g->body_rows, g->side_cols, g->body_row,
				 g->side_col);
	}
	if (!s->title || !s->body || !s->status
	    || (g->side_cols && (!s->sep || !s->side))) {
		del_windows(s);
		return -1;
	}
	/* Lines that move up or down as a whole may be scrolled by the
	 * terminal instead of rewritten. */
	idlok(s->body, TRUE);
	s->made = true;
	return 0;
}

/* What must not reach the screen: a status line can show a file name or a
 * query, which may hold anything, and a row has no room for a line break. */
static bool is_control(uint32_t cp)
{
	return cp == '\n' || cp == '\t' || utf8_unsafe(cp);
}

/* Draw len bytes of UTF-8 at s, at most maxcols columns; returns the
 * columns drawn.  Control and bidirectional formatting characters become
 * spaces; in ASCII mode other
 * characters are transliterated; a wide character that would not fit whole
 * is left out, so nothing ever wraps. */
static int put_text(WINDOW *w, const char *s, size_t len, int maxcols,
		    bool ascii)
{
	int cols = 0;
	size_t i = 0;

	while (i < len && cols < maxcols) {
		/* Runs of printable ASCII go out in one call. */
		size_t run = 0;
		while (i + run < len && run < (size_t)(maxcols - cols)
		       && s[i + run] >= 0x20 && s[i + run] < 0x7f)
			run++;
		if (run) {
			waddnstr(w, s + i, (int)run);
			cols += (int)run;
			i += run;
			continue;
		}

		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);
		const char *out = s + i;
		size_t outlen = n;
		int cw;
		char buf[2];

		if (is_control(cp)) {
			out = " ";
			outlen = 1;
			cw = 1;
		} else if (ascii || (cp == UTF8_REPLACEMENT && n == 1)) {
			out = ascii ? utf8_translit(cp, buf) : "?";
			outlen = strlen(out);
			cw = (int)outlen;
		} else {
			cw = utf8_cpwidth(cp);
			/* A mark with nothing to sit on is dropped. */
			if (cw == 0 && cols == 0)
				outlen = 0;
		}
		i += n;
		if (cols + cw > maxcols)
			break;
		if (outlen)
			waddnstr(w, out, (int)outlen);
		cols += cw;
	}
	return cols;
}

/* Spaces in the current attributes, so reversed bars fill their width. */
static void put_spaces(WINDOW *w, int n)
{
	while (n-- > 0)
		waddch(w, ' ');
}

/* Line b carries on the text of line a: the same string, starting after a
 * ends, with nothing between them but the blanks a wrap drops. */
static bool follows(const struct layout_line *a, const struct layout_line *b)
{
	const char *end = a->text + a->len;

	if (a->block != b->block || a->item != b->item || a->field != b->field ||
	    !a->text || !b->text || b->text < end || b->text - end > 64)
		return false;
	for (const char *p = end; p < b->text; p++)
		if (*p != ' ' && *p != '\t' && *p != '\n')
			return false;
	return true;
}

static bool highlight_matches(const struct reader_state *st)
{
	return st->view == VIEW_MAIN && st->query && st->query[0];
}

/* The lines one string was wrapped into, around line i: from its first
 * line (LINE_FIRST) to the last before the next, as far as their texts
 * follow one another in memory with only the blanks the wrap dropped in
 * between.  So a match that a wrap cut in two is found whole. */
static void run_of(const struct layout *lay, size_t i, size_t *first,
		   size_t *last)
{
	*first = *last = i;
	while (*first > 0 && !(lay->lines[*first].flags & LINE_FIRST) &&
	       follows(&lay->lines[*first - 1], &lay->lines[*first]))
		(*first)--;
	while (*last + 1 < lay->n &&
	       !(lay->lines[*last + 1].flags & LINE_FIRST) &&
	       follows(&lay->lines[*last], &lay->lines[*last + 1]))
		(*last)++;
}

/* Draw len bytes at s with the matches of query in the run around it
 * highlighted; returns the columns drawn. */
static int put_matches(struct ui_screen *s, WINDOW *w, const struct layout *lay,
		       size_t i, int width, attr_t base, const char *query)
{
	const struct layout_line *l = &lay->lines[i];
	size_t first, last;
	int col = 0;

	run_of(lay, i, &first, &last);
	const char *span = lay->lines[first].text;
	size_t slen = (size_t)(lay->lines[last].text + lay->lines[last].len - span);
	size_t lo = (size_t)(l->text - span), hi = lo + l->len;
	/* A match that reaches into this line starts at most this far
	 * before it: each character of the query matches one of at most
	 * four bytes. */
	size_t back = 4 * strlen(query), pos = lo > back ? lo - back : 0, done = lo;
	while (pos > 0 && ((unsigned char)span[pos] & 0xc0) == 0x80)
		pos--;

	size_t at, n;
	while (done < hi && col < width &&
	       search_in(span, slen, query, pos, &at, &n) && at < hi) {
		size_t a = at > done ? at : done, b = at + n < hi ? at + n : hi;
		if (b > done) {
			col += put_text(w, span + done, a - done, width - col, s->ascii);
			wattrset(w, ui_match_attr(base));
			col += put_text(w, span + a, b - a, width - col, s->ascii);
			wattrset(w, base);
			done = b;
		}
		pos = at + (n ? n : 1);
	}
	if (done < hi && col < width)
		col += put_text(w, span + done, hi - done, width - col, s->ascii);
	return col;
}

/* One layout line (lay's line i) at row y of w, at most width columns.
 * With a query, every match in the text is shown in reverse video (as the
 * core's search folds case and quotes, so does search_in()). */
static void draw_line(struct ui_screen *s, WINDOW *w, int y,
		      const struct layout *lay, size_t i, int width,
		      const char *query)
{
	const struct layout_line *l = &lay->lines[i];
	attr_t base = ui_role_attr((int)l->role);
	int col = l->indent < width ? l->indent : width;

	if (l->flags & LINE_FOCUS)
		base |= ui_role_attr(UI_FOCUS);
	wmove(w, y, col);
	wattrset(w, base);
	if (l->prefix)
		col += put_text(w, l->prefix, strlen(l->prefix), width - col,
				s->ascii);
	if (query && *query && col < width)
		put_matches(s, w, lay, i, width - col, base, query);
	else if (col < width)
		put_text(w, l->text, l->len, width - col, s->ascii);
	wattrset(w, A_NORMAL);
}

/* Lines top.. of lay into w, erasing first. */
static void draw_lines(struct ui_screen *s, WINDOW *w, const struct layout *lay,
		       size_t top, const char *query)
{
	int rows, cols;

	getmaxyx(w, rows, cols);
	werase(w);
	for (int y = 0; lay && y < rows && top + (size_t)y < lay->n; y++)
		draw_line(s, w, y, lay, top + (size_t)y, cols, query);
}

static void draw_title(struct ui_screen *s, struct reader_state *st,
		       const struct document *doc)
{
	char right[64];
	int cols = s->g.cols, rlen;
	/* The article, or the library when none is open; in ASCII as it is
	 * drawn, so that its width is measured as drawn. */
	const char *title = doc ? doc->title : "Library";
	char *ascii = s->ascii ? utf8_to_ascii(title) : NULL;

	if (ascii)
		title = ascii;
	if (st->view == VIEW_MAIN)
		rlen = snprintf(right, sizeof right, "section %zu/%zu",
				st->section + 1, doc->nsections);
	else if (st->view == VIEW_LIBRARY)
		rlen = snprintf(right, sizeof right, "article %zu/%zu",
				st->lib_cursor + 1, library_count(st->lib));
	else
		rlen = snprintf(right, sizeof right, "%s", view_title(st->view));
	if (rlen < 0)
		rlen = 0;
	/* The place wins over the title when space is short: it is what
	 * changes, the title is known. */
	if (rlen + 2 > cols)
		rlen = cols > 2 ? cols - 2 : 0;

	wbkgdset(s->title, ' ' | ui_role_attr(UI_TITLEBAR));
	werase(s->title);
	wattrset(s->title, ui_role_attr(UI_TITLEBAR));
	wmove(s->title, 0, 0);
	put_spaces(s->title, 1);
	int room = cols - rlen - 3, used = 0;
	size_t tlen = strlen(title);
	if (room > 3 && utf8_width(title, tlen) > room) {
		/* Cut titles say so. */
		used = put_text(s->title, title, tlen, room - 3, s->ascii);
		used += put_text(s->title, "...", 3, 3, true);
	} else if (room > 0) {
		used = put_text(s->title, title, tlen, room, s->ascii);
	}
	put_spaces(s->title, cols - 1 - used - rlen - 1);
	put_text(s->title, right, (size_t)rlen, rlen, true);
	wattrset(s->title, A_NORMAL);
	free(ascii);
}

static void draw_status(struct ui_screen *s, struct reader_state *st)
{
	char hint[256];
	/* The bottom-right cell is left alone: writing it makes some
	 * terminals scroll, and curses would spend bytes avoiding that. */
	int width = s->g.cols - 1;

	werase(s->status);
	wmove(s->status, 0, 0);
	if (st->status[0]) {
		wattrset(s->status, ui_role_attr(UI_MESSAGE));
		put_text(s->status, st->status, strlen(st->status), width,
			 s->ascii);
	} else {
		size_t n = help_hint(state_keymap_context(st),
				     state_quit_word(st), width, hint,
				     sizeof hint);
		wattrset(s->status, ui_role_attr(UI_STATUSBAR));
		put_text(s->status, hint, n < sizeof hint ? n : sizeof hint - 1,
			 width, s->ascii);
	}
	wattrset(s->status, A_NORMAL);
}

static void draw_separator(struct ui_screen *s)
{
	/* U+2502 itself rather than the alternate character set: no
	 * charset switching on the wire, and what tmux or a screen reader
	 * reads back is the line, not the letter 'x'. */
	const char *bar = s->ascii ? "|" : "\xe2\x94\x82";

	werase(s->sep);
	wattrset(s->sep, ui_role_attr(UI_SEPARATOR));
	for (int y = 0; y < s->g.body_rows; y++)
		mvwaddstr(s->sep, y, 0, bar);
	wattrset(s->sep, A_NORMAL);
}

/* The one line shown when the terminal is too small to read in. */
static void draw_too_small(struct ui_screen *s, struct reader_state *st)
{
	int cols = st->cols > 0 ? st->cols : 1;
	int n = (int)sizeof too_small - 1;

	del_windows(s);
	werase(stdscr);
	wattrset(stdscr, ui_role_attr(UI_TOO_SMALL));
	/* On a one-line terminal the last cell would scroll it. */
	mvwaddnstr(stdscr, 0, 0, too_small,
		   n < cols ? n : (st->rows > 1 ? cols : cols - 1));
	wattrset(stdscr, A_NORMAL);
	wnoutrefresh(stdscr);
	setsyx(0, 0);
	doupdate();
}

int ui_draw(struct ui_screen *s, struct reader_state *st,
	    const struct document *doc, unsigned redraw)
{
	struct geometry g;
	bool remade;

	if (state_too_small(st)) {
		draw_too_small(s, st);
		return 0;
	}
	state_geometry(st, &g);
	if (make_windows(s, &g, &remade) < 0)
		return -1;
	if (remade) {
		/* stdscr is never drawn on except for the too-small notice;
		 * keep it blank and clean so getch() never repaints it. */
		werase(stdscr);
		wnoutrefresh(stdscr);
		redraw |= REDRAW_ALL;
	}
	if (redraw & REDRAW_TITLE)
		draw_title(s, st, doc);
	if (redraw & REDRAW_BODY)
		draw_lines(s, s->body, state_body(st, doc),
			   st->view == VIEW_MAIN ? st->top : st->view_top,
			   highlight_matches(st) ? st->query : NULL);
	if ((redraw & REDRAW_SIDE) && s->side) {
		draw_separator(s);
		draw_lines(s, s->side, state_side(st, doc),
			   state_side_top(st, doc), NULL);
	}
	/* Last: laying out may have left a message (out of memory). */
	if (redraw & (REDRAW_STATUS | REDRAW_BODY))
		draw_status(s, st);

	wnoutrefresh(s->title);
	wnoutrefresh(s->body);
	if (s->side) {
		wnoutrefresh(s->sep);
		wnoutrefresh(s->side);
	}
	wnoutrefresh(s->status);

	int y, x;
	state_cursor(st, doc, &y, &x);
	setsyx(y, x);
	doupdate();
	return 0;
}

void ui_draw_prompt(struct ui_screen *s, struct reader_state *st,
		    const char *label, const char *text)
{
	if (state_too_small(st) || !s->made)
		return;
	int width = s->g.cols - 1, used;
	size_t len = strlen(text);
	const char *from = text;

	werase(s->status);
	wmove(s->status, 0, 0);
	wattrset(s->status, ui_role_attr(UI_PROMPT));
	used = put_text(s->status, label, strlen(label), width, s->ascii);
	wattrset(s->status, A_NORMAL);
	/* Long queries show their end, where the typing happens. */
	while (*from && utf8_width(from, len - (size_t)(from - text)) > width - used - 1) {
		uint32_t cp;
		from += utf8_decode(from, len - (size_t)(from - text), &cp);
	}
	used += put_text(s->status, from, len - (size_t)(from - text),
			 width - used, s->ascii);
	wnoutrefresh(s->status);
	setsyx(s->g.status_row, used < width ? used : width);
	doupdate();
}
