/* import_base.h - what the importer's files share (not a public header):
 * the draft's model, what import_base.c gives every stage, and the stages.
 *
 * Contract: internal to import.c (entry points, checks, messages),
 * import_base.c (what they all share: buffers, places, warnings, checked
 * text), import_front.c (the front matter), import_inline.c (inline Markdown ->
 * text), import_walk.c (the page's blocks -> the draft's model) and
 * import_yaml.c (the model -> YAML text).
 *  - struct imp is one import's working state, on the caller's stack.
 *    Every string and array of the model lives in im->arena and goes with
 *    it; warnings are malloc'd and freed by import.c.
 *  - Functions returning int return 0, or -1 after im->err has been filled
 *    in (imp_fail()); the first failure ends the import.
 *  - Positions given to imp_warn() and imp_fail() are the file's: 1-based
 *    line, 1-based column in characters; line 0 means "no place".
 */
#ifndef HANDOUT_IMPORT_BASE_H
#define HANDOUT_IMPORT_BASE_H

#include <stdbool.h>
#include <stddef.h>

#include <cmark-gfm.h>

#include "arena.h"
#include "error.h"

/* A growing array of pointers in the arena. */
struct imp_vec {
	void **p;
	size_t n, cap;
};

/* A growing string, malloc'd; it stops growing (full) a little past the
 * loader's longest string, which is refused anyway. */
struct imp_buf {
	char *p;
	size_t len, cap;
	bool full, oom;
};

enum imp_kind {
	IMP_PARAGRAPH,  /* text */
	IMP_SUBHEADING, /* text */
	IMP_BULLETS,    /* items */
	IMP_NUMBERED,   /* items */
	IMP_TABLE,      /* items: ncols headers, then the rows' cells; caption */
	IMP_QUOTE,      /* text, by */
	IMP_FAQ,        /* items: question, answer, question, answer... */
	IMP_REFS        /* items: text, url, text, url... */
};

struct imp_block {
	enum imp_kind kind;
	const char *text;
	const char *by;          /* quote: attribution, or NULL */
	const char *caption;     /* table: or NULL */
	size_t ncols;            /* table */
	struct imp_vec items;
	const char *note;        /* a comment for the author, or NULL */
	unsigned line;           /* where it starts in the page */
};

struct imp_section {
	const char *id;
	const char *title;
	const char *note;        /* a comment for the author, or NULL */
	unsigned line;
	struct imp_vec blocks;
	struct imp_vec refs;     /* text, url, ...: the section's full-URL links */
};

/* What the front matter gave (NULL when absent). */
struct imp_meta {
	const char *title, *url, *reviewed, *updated, *publisher, *language,
		   *license, *author, *summary;
	unsigned title_line;
};

struct imp_warning {
	unsigned line, column;
	size_t seq;              /* order of arrival, to keep sorting stable */
	char *msg;
};

struct imp {
	const char *name;
	const char *src;         /* the whole file */
	size_t len;
	size_t body_off;         /* the Markdown after the front matter */
	unsigned body_line;      /* lines before body_off */
	size_t *line_off;        /* start of each line (0-based index) */
	size_t nlines;
	/* The last column counted, to count on from it: a page may be one
	 * line of megabytes, with a warning every few bytes. */
	size_t col_line, col_off;
	unsigned col;
	struct arena *arena;
	struct herror *err;
	bool failed;

	struct imp_warning *warns;
	size_t nwarns, capwarns, more_warns;

	struct imp_meta meta;
	const char *id;
	const char *title;
	const char *title_note;
	struct imp_vec sections;
};

/* ---- import_base.c: messages, places, checked text, buffers ---------- */

/* Index the lines of im->src, for the places below. */
int imp_index_lines(struct imp *im);

void imp_warn(struct imp *im, unsigned line, unsigned column,
	      const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void imp_warn_node(struct imp *im, cmark_node *node, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int imp_fail(struct imp *im, enum herr code, unsigned line, unsigned column,
	     const char *fmt, ...) __attribute__((format(printf, 5, 6)));
int imp_fail_node(struct imp *im, enum herr code, cmark_node *node,
		  const char *fmt, ...) __attribute__((format(printf, 4, 5)));
int imp_nomem(struct imp *im);

/* The file's line and column of a node (of its nearest ancestor with a
 * place, for nodes cmark gives none). */
void imp_node_pos(struct imp *im, cmark_node *node, unsigned *line,
		  unsigned *column);
/* The file's line and column of byte offset off. */
void imp_offset_pos(struct imp *im, size_t off, unsigned *line,
		    unsigned *column);

/* The text in b, spaces and line breaks at either end trimmed, copied into
 * the arena after the loader's checks on text (characters, length): NULL
 * after imp_fail() at node's place; "" when nothing is left. */
const char *imp_text(struct imp *im, cmark_node *node, struct imp_buf *b,
		     const char *what);
/* The same for len bytes at s. */
const char *imp_textn(struct imp *im, cmark_node *node, const char *s,
		      size_t len, const char *what);
/* The same with the place given as the file's line and column. */
const char *imp_textn_at(struct imp *im, unsigned line, unsigned column,
			 const char *s, size_t len, const char *what);

/* At most about 40 (max) characters of s for a message, on one line,
 * with "..." when cut. */
const char *imp_snippet(const char *s, char *out, size_t size);
const char *imp_snippet_n(const char *s, size_t max, char *out, size_t size);

int imp_push(struct imp *im, struct imp_vec *v, const void *p);
char *imp_strdup(struct imp *im, const char *s);
char *imp_printf(struct imp *im, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

void imp_buf_add(struct imp_buf *b, const char *s, size_t n);
void imp_buf_str(struct imp_buf *b, const char *s);
void imp_buf_reset(struct imp_buf *b);
void imp_buf_free(struct imp_buf *b);

/* ---- import_front.c ------------------------------------------------- */

/* Find the front matter, if any, set body_off and body_line past it, and
 * fill im->meta from it. */
int imp_front(struct imp *im);

/* ---- import_inline.c ------------------------------------------------- */

/* Append the text of node's inline content (node: a paragraph, heading
 * or table cell) to b.  Unless quiet, what is dropped is warned about and
 * links to a full URL are added to sec->refs (warned about too when sec
 * is NULL); quiet is for a look at the text before deciding what it is. */
int imp_inline(struct imp *im, cmark_node *node, struct imp_buf *b,
	       struct imp_section *sec, bool quiet);

/* True when node (a paragraph) holds images and nothing else but
 * brackets and spaces; *open_card when it starts with a '[' that a later
 * paragraph closes (a linked card spread over several paragraphs). */
bool imp_is_image_para(cmark_node *node, bool *open_card);

/* A cmark node type by name, for the extension's nodes. */
bool imp_is(cmark_node *node, const char *type);

/* ---- import_walk.c --------------------------------------------------- */

int imp_walk(struct imp *im, cmark_node *doc);

/* ---- import_yaml.c --------------------------------------------------- */

/* The draft as YAML text, malloc'd, in *out and *len. */
int imp_write(struct imp *im, char **out, size_t *len);

#endif
