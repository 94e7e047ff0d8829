/* state.h - the reader's state, and the only functions that change it.
 *
 * Contract:
 *  - struct reader_state is plain data.  Front-ends read its fields freely
 *    but change it only through the functions below (state_apply() and the
 *    small functions for actions that carry an argument).  Full-screen reader
 *    and line mode share these: toggling an item is one function, not two.
 *  - state_init() borrows doc: the document must outlive the state and must
 *    be the doc passed to every later call.  The state owns its arrays
 *    (faq_open, checked), its query copy and its layout caches; state_free()
 *    releases them.  state_reset() forgets the reader (kiosk idle reset) but
 *    keeps the geometry, kiosk, ascii and one_column settings.
 *  - Functions that change the state return redraw flags (REDRAW_*): what
 *    the front-end must repaint, plus REDRAW_QUIT when the reader asked to
 *    quit, REDRAW_PROMPT when it must read a search query and pass it to
 *    state_search(), and REDRAW_SAVE when it must save the summary as a
 *    file (the core does no I/O; in kiosk mode it refuses instead, with a
 *    status, and never asks for a save).  0 means nothing changed.
 *  - status[] holds a one-line message for the status line ("" = show the
 *    key hints).  Every state_apply() first clears it.
 *  - Geometry: the front-end calls state_resize() with the terminal size
 *    before the first draw and on every resize.  state_geometry() says where
 *    the panes are; layouts are computed at those widths.  The reader's place
 *    is kept across resizes by an anchor (block, item, byte offset) of the
 *    top line, so the same text stays at the top after reflow.
 *  - Out of memory: functions that lay text out leave the state consistent
 *    and set status to "Out of memory"; nothing here aborts.
 */
#ifndef HANDOUT_STATE_H
#define HANDOUT_STATE_H

#include <stdbool.h>
#include <stddef.h>

#include "action.h"
#include "document.h"
#include "keymap.h"
#include "layout.h"
#include "library.h"
#include "search.h"
#include "view.h"

enum pane { PANE_MAIN, PANE_SIDE };

enum {
	REDRAW_STATUS = 1 << 0,   /* status line */
	REDRAW_BODY   = 1 << 1,   /* main pane or sub-view */
	REDRAW_SIDE   = 1 << 2,   /* checklist side pane */
	REDRAW_TITLE  = 1 << 3,   /* title bar */
	REDRAW_ALL    = REDRAW_STATUS | REDRAW_BODY | REDRAW_SIDE | REDRAW_TITLE,
	REDRAW_CLEAR  = 1 << 4,   /* repaint every cell (Ctrl-L: clearok) */
	REDRAW_PROMPT = 1 << 5,   /* read a search query, then state_search() */
	REDRAW_QUIT   = 1 << 6,   /* the reader asked to quit */
	REDRAW_SAVE   = 1 << 7,   /* save the summary (summary_save()) */
	REDRAW_OPEN   = 1 << 8,   /* open article st->open_request of the
	                             library: load it, state_open_document() */
	REDRAW_CLOSE  = 1 << 9    /* close the article (save what it had),
	                             then state_close_document() */
};

/* Below this the front-end shows one "terminal too small" line. */
#define STATE_MIN_COLS 20
#define STATE_MIN_ROWS 6
/* The checklist is a side pane from this width on, else full screen. */
#define STATE_SIDE_MIN_COLS 80

/* Where things go on the screen, derived from the terminal size. */
struct geometry {
	int cols, rows;          /* the terminal */
	int body_row;            /* first row of the body (row 0 is the title bar) */
	int body_rows;           /* rows of body between title bar and status line */
	int main_cols;           /* width of the main pane or sub-view */
	int side_col;            /* first column of the side pane (0 = no side pane) */
	int side_cols;           /* its width, 0 when there is none; a one-column
	                            gap at side_col - 1 separates the panes */
	int status_row;          /* last row */
};

/* The place on the page, independent of the width. */
struct anchor {
	int block;               /* as layout_line.block */
	int item, field;         /* as layout_line.item / field */
	size_t off;              /* byte offset of the top line's text */
};


struct reader_state {
	/* settings, kept by state_reset() */
	bool kiosk;              /* q goes back to the start instead of quitting */
	bool ascii;              /* layouts transliterate to ASCII */
	bool one_column;         /* never a side pane: the checklist is a
	                            screen of its own at any width, so a
	                            screen reader that speaks whole rows
	                            never reads two panes mixed */
	int cols, rows;          /* terminal size, from state_resize() */

	/* where the reader is */
	enum view view;
	enum view prev_view;     /* where BACK goes from view */
	enum pane pane;          /* which pane has the focus in VIEW_MAIN */
	size_t section;          /* current section, < doc->nsections */
	size_t top;              /* first body line shown, in the section's layout */
	int faq_focus;           /* focused FAQ item (faq_item.number), or -1 */
	size_t check_cursor;     /* chosen checklist item (side pane, full screen,
	                            detail); < doc->nchecks unless nchecks == 0 */
	size_t view_cursor;      /* VIEW_CONTENTS: chosen section */
	size_t view_top;         /* first line shown in a sub-view */

	/* the reader's marks: arrays owned by the state */
	bool *faq_open;          /* doc->nfaq entries: answer shown */
	bool *checked;           /* doc->nchecks entries: sign ticked */
	size_t nchecked;         /* how many of checked[] are true */
	size_t nfaq, nchecks;    /* the sizes of the two arrays */

	/* search */
	char *query;             /* owned copy of the last query, or NULL */
	bool have_match;         /* match is valid */
	struct search_match match;
	bool cursor_at_match;    /* the search just went to match: the
	                            hardware cursor goes there, until the
	                            next action moves the focus */

	char status[160];        /* one-line message, "" for none */
	char date[32];           /* the summary's date ("26 November 2026"),
	                            set by the front-end; "" shows none.
	                            Layout stays pure: it never asks the clock */

	/* the place kept across resizes: set by the first resize after the
	 * reader moved, so a run of resizes never drifts */
	struct anchor anchor;
	size_t anchor_skip;      /* blank lines above the anchored line */
	bool anchor_valid;

	/* the library: the folder's articles, or NULL when one article was
	 * opened on its own.  The state reads the headers of the articles it
	 * shows through it (library_header()); documents are opened by the
	 * front-end (REDRAW_OPEN). */
	struct library *lib;
	const struct document *doc;   /* the open article (lib's), or NULL on
	                                 the library screen: pass it on */
	size_t lib_cursor;       /* the chosen article on the library screen */
	size_t lib_top;          /* the first article it shows */
	size_t article;          /* the open article's index in lib */
	size_t open_request;     /* REDRAW_OPEN: the article to open */
	bool open_at_match;      /* ...and at result_cursor's match */
	enum view lib_view;      /* where closing an article goes back to */
	struct library_results results;   /* the last search across the library */
	size_t result_cursor;    /* the chosen result */
	/* what the library screen shows, filled for the layout: the headers
	 * of articles lib_top... (NULL where one cannot be read), and each
	 * search result's words */
	const char *const *see_also;        /* the open article's related
	                                       titles, set by its opener */
	size_t nsee_also;
	struct layout_article *lib_shown;   /* lib_nshown, for the layout */
	size_t lib_nshown;
	struct layout_result *result_lines; /* results.n, for the layout */

	/* caches owned by the state: the current body and side pane laid out
	 * at the current geometry; rebuilt when stale */
	struct layout body, side;
	bool body_stale, side_stale;
};

/* Set up a fresh state for doc: first section, nothing ticked, nothing
 * open, an 80x24 terminal until state_resize() says otherwise.  Returns 0,
 * or -1 when out of memory (then state_free() is still safe). */
int state_init(struct reader_state *st, const struct document *doc);

/* Set up a fresh state on a library's screen: no article open (the doc
 * passed to later calls is NULL until state_open_document()).  Borrows
 * lib, which must outlive the state.  Returns 0, or -1 out of memory. */
int state_init_library(struct reader_state *st, struct library *lib);

/* The front-end has loaded the article REDRAW_OPEN asked for (index
 * st->open_request of the library): show it from its start, with nothing
 * ticked or open; doc is the doc of every later call, until
 * state_close_document().  Then give it its saved state (statefile_apply())
 * and call state_opened().  Returns REDRAW_* flags. */
unsigned state_open_document(struct reader_state *st, const struct document *doc);

/* After the saved state went in: go to the search match the article was
 * opened at, if it was.  Returns REDRAW_* flags. */
unsigned state_opened(struct reader_state *st, const struct document *doc);

/* Back to the library screen (REDRAW_CLOSE asked for it, and the front-end
 * has saved what the article had).  Returns REDRAW_* flags. */
unsigned state_close_document(struct reader_state *st);

/* Release what the state owns.  Safe on a zeroed or failed state. */
void state_free(struct reader_state *st);

/* Forget the reader: marks, open answers, search, place, view, status.
 * Keeps kiosk, ascii and the terminal size. */
void state_reset(struct reader_state *st);

/* What the quit action does here, in a word for the status line's hint:
 * "library" in an article of a library (it goes back to the library's
 * screen), "start" in a kiosk (it never quits), else "quit".  Static. */
const char *state_quit_word(const struct reader_state *st);

/* The context keys are looked up in, from the view and the focused pane. */
enum keymap_context state_keymap_context(const struct reader_state *st);

/* Where the panes are at the current size.  side_cols is 0 unless the view
 * is VIEW_MAIN, the terminal is at least STATE_SIDE_MIN_COLS wide and the
 * state is not one_column. */
void state_geometry(const struct reader_state *st, struct geometry *g);

/* True when the terminal is below STATE_MIN_COLS x STATE_MIN_ROWS. */
bool state_too_small(const struct reader_state *st);

/* Do action a.  Returns REDRAW_* flags. */
unsigned state_apply(struct reader_state *st, const struct document *doc,
		     enum action a);

/* keymap_lookup() in the current context, then state_apply(); an unbound
 * key gives a short hint in status. */
unsigned state_key(struct reader_state *st, const struct document *doc, int key);

/* The terminal is now cols x rows: reflow, keeping the top line's text. */
unsigned state_resize(struct reader_state *st, const struct document *doc,
		      int cols, int rows);

/* Search for query (copied) from the top of the current page onwards,
 * wrapping round the article; go to the match, opening a closed answer
 * that holds it.  "" repeats the last query.  Status says
 * "Pattern not found: ..." when there is no match. */
unsigned state_search(struct reader_state *st, const struct document *doc,
		      const char *query);

/* From the library screen, state_search() finds the first matches only
 * and the matches view finds more as it is read; this finds them all (up
 * to LIBRARY_MAX_MATCHES), for a front-end that gives every match at
 * once. */
void state_results_all(struct reader_state *st);

/* Go to section n (0-based), its first line, main view. */
unsigned state_goto_section(struct reader_state *st, const struct document *doc,
			    size_t n);

/* Tick or untick checklist item i / open or close FAQ item i (its number).
 * Out-of-range i returns 0 and changes nothing. */
unsigned state_toggle_check(struct reader_state *st, size_t i);
unsigned state_toggle_faq(struct reader_state *st, size_t i);

/* A mouse click at screen row y, column x (0-based, whole terminal):
 * toggles the FAQ question or checklist item there, chooses a list entry,
 * or moves the focus to the pane clicked. */
unsigned state_click(struct reader_state *st, const struct document *doc,
		     int y, int x);

/* The reader's place in the main pane as saved state keeps it: the
 * anchor of the top line's text, independent of the width.  Returns false
 * (and a zeroed *a) when the reader is at the top of the section. */
bool state_place(struct reader_state *st, const struct document *doc,
		 struct anchor *a);

/* Put back what a saved state holds, into a fresh state: the ticked items
 * (checked has doc->nchecks entries; NULL for none), the section and the
 * place in it (NULL: its top).  The place is found again at the current
 * geometry and kept across the first resize, as state_resize() keeps it.
 * A section out of range leaves the reader at the start. */
unsigned state_restore(struct reader_state *st, const struct document *doc,
		       const bool *checked, size_t section,
		       const struct anchor *place);

/* The checklist as another session saved it (statefile.h merges): item i
 * ticked when checked[i] (doc->nchecks entries).  The cursor and
 * everything else stay.  REDRAW_* flags; 0 when nothing changed. */
unsigned state_set_checks(struct reader_state *st, const bool *checked);

/* A message from outside the core for the status line (a save that
 * failed); the next action clears it, as it clears the core's own. */
void state_set_status(struct reader_state *st, const char *text);

/* "Section 3 of 12, lines 1-20 of 45 (44%), 2 of 6 signs ticked" into buf
 * (NUL-terminated, truncated to size).  Returns the length it needed. */
size_t state_where(struct reader_state *st, const struct document *doc,
		   char *buf, size_t size);

/* What layouts of st show: its open answers, ticks, focus and choices.
 * in borrows st's arrays until st next changes. */
void state_layout_input(const struct reader_state *st,
			struct layout_input *in);

/* The current body (main pane section or sub-view) and side pane, laid out
 * at the current geometry.  The pointers stay valid until the next call
 * that changes the state.  NULL only when out of memory. */
const struct layout *state_body(struct reader_state *st, const struct document *doc);
const struct layout *state_side(struct reader_state *st, const struct document *doc);

/* Index in state_body() of the line the hardware cursor belongs on in the
 * body: the focused question, the chosen list entry, or the top line. */
size_t state_cursor_line(struct reader_state *st, const struct document *doc);

/* First line of state_side() shown: the side pane scrolls so that the
 * chosen item is always in view. */
size_t state_side_top(struct reader_state *st, const struct document *doc);

/* Screen row and column (0-based) for the hardware cursor: the start of the
 * focused line or item, in whichever pane has the focus; right after a
 * search went to a match (cursor_at_match) and while it is on screen, the
 * match's first character, so a screen reader or magnifier that follows
 * the cursor finds what was searched for. */
void state_cursor(struct reader_state *st, const struct document *doc,
		  int *y, int *x);

#endif
