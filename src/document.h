/* document.h - the immutable in-memory form of one article.
 *
 * Contract:
 *  - A struct document is produced only by doc_load() (loader.h) and is never
 *    modified after it is returned.  Every string and array it points to lives
 *    in one arena owned by the document; doc_free() releases all of it at once.
 *    Pointers into a document stay valid until doc_free() on that document.
 *  - All strings are valid UTF-8, NUL-terminated, non-empty, and free of
 *    control characters other than '\n' and '\t' and of bidirectional
 *    formatting characters (the loader refuses anything else).
 *  - Optional strings are NULL when absent, never "".
 *  - Counts are exact; arrays with a count of 0 may be NULL.
 *
 * Nothing here includes curses or libyaml.
 */
#ifndef HANDOUT_DOCUMENT_H
#define HANDOUT_DOCUMENT_H

#include <stddef.h>

struct arena;

enum block_kind {
	BLOCK_PARAGRAPH,   /* u.text */
	BLOCK_SUBHEADING,  /* u.text */
	BLOCK_BULLETS,     /* u.list */
	BLOCK_NUMBERED,    /* u.list */
	BLOCK_TABLE,       /* u.table */
	BLOCK_QUOTE,       /* u.quote */
	BLOCK_FAQ,         /* u.faq */
	BLOCK_REFERENCES   /* u.refs */
};

struct text_list {
	size_t n;
	const char **items;
};

struct table {
	const char *caption;       /* optional */
	size_t ncols, nrows;
	const char **columns;      /* ncols headers */
	const char **cells;        /* nrows * ncols, row-major: cells[r * ncols + c] */
};

struct quote {
	const char *text;
	const char *by;            /* optional attribution */
};

struct faq_item {
	const char *question;
	const char *answer;
	size_t number;             /* 0-based position among all FAQ items of the document */
};

struct faq {
	size_t n;
	const struct faq_item *items;
};

struct reference {
	const char *text;
	const char *url;           /* optional */
};

struct references {
	size_t n;
	const struct reference *items;
};

struct block {
	enum block_kind kind;
	unsigned line;             /* 1-based source line, for messages */
	union {
		const char *text;
		struct text_list list;
		struct table table;
		struct quote quote;
		struct faq faq;
		struct references refs;
	} u;
};

struct section {
	const char *id;
	const char *title;
	size_t nblocks;
	const struct block *blocks;
};

struct check_item {
	const char *id;
	const char *label;         /* short, fits a side pane */
	const char *detail;        /* optional: the article's own words */
};

struct gloss_entry {
	const char *term;
	const char *definition;
};

/* A related article's id, with its place in the file (1-based line and
 * column) for the messages of a check across articles (library.h). */
struct related_ref {
	const char *id;
	unsigned line, column;
};

struct document {
	const char *path;          /* the file it was loaded from */
	int schema;                /* schema version, currently 1 */
	const char *id;            /* stable key for saved state */
	const char *title;
	const char *summary;       /* the standfirst; optional */
	const char *author;        /* optional */
	const char *updated;       /* YYYY-MM-DD; optional */
	const char *reviewed;      /* YYYY-MM-DD, last reviewed; optional */
	const char *language;      /* optional, e.g. "en" */
	const char *publisher;     /* source publisher; optional */
	const char *source_url;    /* optional */
	const char *license;       /* the text's licence; optional */
	const char *disclaimer;
	const char *advice;        /* what to tell the care team; optional */

	/* Ids of related articles: each a valid id, none twice, never the
	 * article's own.  Whether they exist is for whoever loads the
	 * others; a lone article cannot know. */
	size_t nrelated;
	const struct related_ref *related;

	size_t nsections;
	const struct section *sections;

	size_t nchecks;
	const struct check_item *checks;

	size_t nglossary;
	const struct gloss_entry *glossary;

	/* Every FAQ item in document order, for "Question N of M" and search. */
	size_t nfaq;
	const struct faq_item *const *faq;

	struct arena *arena;       /* owns everything above */
};

/* What a list of articles shows of one, from the keys before `sections`
 * (doc_load_header(), loader.h): one block of memory, never changed,
 * freed by doc_header_free().  Strings obey the rules above; optional ones
 * are NULL when absent.  The fields mean what the document's do. */
struct doc_header {
	const char *path;          /* the file it was read from */
	const char *id;
	unsigned id_line, id_column;  /* where the id is, for messages */
	const char *title;
	const char *summary;
	const char *publisher;
	const char *updated;
	const char *reviewed;
	size_t nrelated;
	const struct related_ref *related;
};

/* Release a document and everything it points to.  NULL is a no-op. */
void doc_free(struct document *doc);

/* Release a header.  NULL is a no-op. */
void doc_header_free(struct doc_header *h);

/* The index of the section / checklist item with that id, or -1. */
long doc_section_by_id(const struct document *doc, const char *id);
long doc_check_by_id(const struct document *doc, const char *id);

#endif
