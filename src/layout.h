/* layout.h - a document and what the reader has open, ticked and chosen,
 * turned into display lines.
 *
 * Contract:
 *  - Pure: no curses, no I/O, and no reader state: what a layout depends on
 *    besides the document is all in struct layout_input, which the reader's
 *    state fills (state_layout_input()) and a test may fill by hand.
 *  - A layout is a list of lines, each tagged with
 *    a role (what it is, never what colour it is: the front-end maps roles to
 *    attributes) and with what it belongs to, so a front-end can put the
 *    cursor on a focused item and map mouse clicks back to the document.
 *  - No line is wider than the width asked for: indent + prefix_cols + cols
 *    <= width for every line at any width >= 2 (text that cannot fit is
 *    split inside words by wrap_text(); indentation shrinks in narrow
 *    panes).  Table grid rows are one line each with the cells padded into
 *    columns (field -1); narrow tables become "Column: value" lines.
 *  - Memory: struct layout owns its line array and a buffer for text it made
 *    (numbers, table rows, ASCII transliterations).  Line text points either
 *    into the document or into that buffer; both stay valid until the next
 *    layout_*() call on the same struct layout, layout_free(), or doc_free().
 *    Calls reuse the buffers, so laying out again per keystroke is cheap.
 *  - layout_*() return 0, or -1 when out of memory (the layout is then
 *    empty but valid).  Start with a zeroed struct layout (or layout_init).
 *  - Only the one section asked for is laid out: the cost is the section's
 *    size, never the document's.
 */
#ifndef HANDOUT_LAYOUT_H
#define HANDOUT_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

#include "document.h"
#include "view.h"

enum role {
	ROLE_BLANK,          /* an empty line between blocks */
	ROLE_TITLE,          /* the article's title (first page) */
	ROLE_SUMMARY,        /* the standfirst */
	ROLE_BYLINE,         /* author, date, publisher, source URL */
	ROLE_DISCLAIMER,     /* the medical disclaimer (first page, summary) */
	ROLE_HEADING,        /* the section's title; sub-view titles */
	ROLE_SUBHEADING,
	ROLE_BODY,           /* paragraph text */
	ROLE_BULLET,         /* bulleted list item (prefix "- ") */
	ROLE_NUMBERED,       /* numbered list item (prefix "1. ") */
	ROLE_TABLE_CAPTION,
	ROLE_TABLE_HEADER,   /* the column names row(s) */
	ROLE_TABLE_CELL,     /* a row of cells, or a "Column: value" line */
	ROLE_QUOTE,
	ROLE_ATTRIBUTION,    /* who said the quote */
	ROLE_FAQ_QUESTION,   /* prefix "[+] " closed or "[-] " open */
	ROLE_FAQ_ANSWER,
	ROLE_REFERENCE,      /* prefix "[1] " */
	ROLE_URL,            /* a link on its own line */
	ROLE_CHECK,          /* checklist item, prefix "[ ] " or "[x] " */
	ROLE_ENTRY,          /* a contents entry */
	ROLE_TERM,           /* glossary term */
	ROLE_DEFINITION,     /* glossary definition */
	ROLE_KEY,            /* help: the keys column */
	ROLE_NOTE,           /* a remark the program makes ("No warning signs ticked yet.") */
	ROLE_COUNT
};

/* layout_line.flags */
enum {
	LINE_FOCUS   = 1 << 0,  /* the focused question / chosen entry or item */
	LINE_CHECKED = 1 << 1,  /* a ticked checklist item */
	LINE_OPEN    = 1 << 2,  /* an open FAQ question */
	LINE_FIRST   = 1 << 3   /* first line of its item (carries the prefix) */
};

/* layout_line.block for lines that are not a block's */
#define LAYOUT_HEAD    (-2)  /* first-page head: title, summary, byline, disclaimer */
#define LAYOUT_HEADING (-1)  /* the section title */

struct layout_line {
	enum role role;
	unsigned flags;          /* LINE_* */
	int indent;              /* blank columns before the prefix */
	const char *prefix;      /* "- ", "1. ", "[+] ", "[x] "... or NULL; on
	                            continuation lines NULL, indent covers it */
	int prefix_cols;         /* display width of prefix (ASCII: its length) */
	const char *text;        /* len bytes of UTF-8, not NUL-terminated */
	size_t len;
	int cols;                /* display width of text */

	/* what it belongs to; -1 where it does not apply */
	int block;               /* block index in the section, or LAYOUT_* */
	int item;                /* list item, table row (-1 for the header),
	                            FAQ item in its block, reference, sub-view entry */
	int field;               /* table column; FAQ 0 question, 1 answer;
	                            reference 0 text, 1 url; quote 0 text, 1 by */
	int faq;                 /* FAQ item number (doc-wide), or -1 */
	int check;               /* checklist index, or -1 */
	int section;             /* contents entry: the section it jumps to, or -1 */
	size_t off;              /* byte offset of text in its source string */
};

struct layout_pool;

struct layout {
	struct layout_line *lines;
	size_t n;                /* lines[0..n-1] */
	int width;               /* the width it was laid out for */
	/* private */
	size_t cap;
	struct layout_pool *pool;
};

/* An article as the library screen lists it. */
struct layout_article {
	const char *title;       /* NULL when it cannot be read: then */
	const char *problem;     /* says why (one line) */
	const char *name;        /* its file's name */
	const char *summary, *publisher, *date;   /* each may be NULL */
};

/* One match of a search across the library, as the results list it. */
struct layout_result {
	const char *article;     /* the article's title */
	const char *section;     /* the section's title */
	const char *text;        /* the words around the match, one line */
	size_t off, len;         /* the match in text */
	bool cut_before;         /* text is cut short before it */
};

/* What a layout shows of the reader's marks and choices.  The arrays are
 * borrowed for the call. */
struct layout_input {
	bool ascii;              /* transliterate to ASCII */
	size_t section;          /* the section VIEW_MAIN shows */
	const bool *faq_open;    /* doc->nfaq entries, answer shown; or NULL */
	int faq_focus;           /* the question flagged LINE_FOCUS, or -1 */
	const bool *checked;     /* doc->nchecks entries, ticked; or NULL */
	size_t nchecked;         /* how many of checked[] are true */
	bool check_focus;        /* the checklist has the focus: its chosen
	                            item is flagged LINE_FOCUS */
	size_t check_cursor;     /* the chosen checklist item */
	size_t section_cursor;   /* the contents' chosen section */
	const char *date;        /* the summary's date; NULL or "" for none */
	/* the titles the article's "See also" lists after its last section */
	const char *const *see_also;
	size_t nsee_also;
	/* VIEW_LIBRARY: articles lib_first... of lib_total, the chosen one */
	const struct layout_article *articles;
	size_t narticles, lib_first, lib_total, lib_cursor;
	/* VIEW_MATCHES: the results of a search across the library */
	const struct layout_result *results;
	size_t nresults, result_cursor;
	bool results_cut;        /* the search stopped at its limit */
	const char *query;       /* what was searched for */
};

/* A zeroed layout; equivalent to {0}. */
void layout_init(struct layout *lay);

/* Free what lay owns and zero it.  Safe on a zeroed layout. */
void layout_free(struct layout *lay);

/* Section `section` of doc at width columns, with in's open answers,
 * focus and ascii setting.  The first section starts with the head: title,
 * summary, byline and disclaimer. */
int layout_section(struct layout *out, const struct document *doc,
		   const struct layout_input *in, size_t section, int width);

/* Lines a library entry takes on the library screen: the screen shows
 * body rows / LAYOUT_ARTICLE_LINES of them. */
#define LAYOUT_ARTICLE_LINES 3

/* What view v shows (VIEW_MAIN: section in->section).  doc may be NULL for
 * the views that show no article (the library, its search results, the
 * help). */
int layout_view(struct layout *out, const struct document *doc, enum view v,
		const struct layout_input *in, int width);

/* The checklist as the side pane draws it: a title with the count ticked,
 * then "[ ] label" / "[x] label" items, the chosen one flagged LINE_FOCUS
 * when in->check_focus. */
int layout_checklist(struct layout *out, const struct document *doc,
		     const struct layout_input *in, int width);

/* Display width of a whole line: indent + prefix_cols + cols. */
int layout_line_cols(const struct layout_line *l);

#endif
