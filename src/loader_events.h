/* loader_events.h - the loader's reading state, and the event layer the
 * schema walk stands on: every libyaml event checked against the rules
 * that hold whatever the schema, errors with their places, and the small
 * containers lists are built in.
 *
 * Contract: internal to the loader, whose files include <yaml.h> (no
 * other file does but the importer's front matter).  It reads top-down:
 * loader.c (the entry points) -> loader_schema.h -> this -> loader_file.h,
 * and nothing here knows the layers above.  Every function that returns
 * int gives 0 on success or -1 with l->err filled in; after -1 the caller
 * stops and unwinds.  Strings handed out are in l->arena, which is the
 * document's.
 */
#ifndef HANDOUT_LOADER_EVENTS_H
#define HANDOUT_LOADER_EVENTS_H

#include <stdbool.h>
#include <stddef.h>
#include <yaml.h>

#include "document.h"
#include "error.h"
#include "loader_limits.h"

struct loader_file;

#define TAG_STR "tag:yaml.org,2002:str"
#define TAG_INT "tag:yaml.org,2002:int"
#define TAG_SEQ "tag:yaml.org,2002:seq"
#define TAG_MAP "tag:yaml.org,2002:map"

/* ---- the reading state ------------------------------------------------ */

/* A growing array of fixed-size elements for a list being read; its
 * contents are copied into the arena, at their exact size, when the list
 * ends. */
struct vec {
	char *p;
	size_t n, cap, size;
};

struct idslot {
	const char *id;            /* in the arena; NULL for an empty slot */
	unsigned line;             /* where it was first seen */
};

/* Ids seen so far among one kind, hashed so a million ids stay linear. */
struct idset {
	struct idslot *slots;
	size_t cap, n;
};

/* Set up and freed by the entry points (loader.c); the fields after
 * in_seq are the schema walk's own. */
struct loader {
	yaml_parser_t parser;
	yaml_event_t ev;           /* the current event, when have_ev */
	bool have_ev;
	const char *name;          /* the file, for messages */
	const unsigned char *buf;  /* the text, for the place of an error */
	size_t len;
	struct loader_file *input; /* a file read as parsed, or NULL */
	unsigned char *own_buf;    /* buf when read again from input */
	struct herror *err;
	struct arena *arena;       /* the document's */

	unsigned depth;            /* open sequences and mappings */
	size_t nodes[LOADER_MAX_DEPTH + 1];  /* nodes so far in each */
	bool in_seq[LOADER_MAX_DEPTH + 1];

	struct idset section_ids, check_ids, related_ids;
	struct vec faq;            /* const struct faq_item *, in order */
	size_t nfaq;               /* FAQ items numbered so far */
	unsigned id_line, id_column;  /* where the article's id is */
};

/* ---- errors and places ------------------------------------------------ */

int loader_fail_at(struct loader *l, enum herr code, unsigned line,
		   unsigned column, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/* libyaml marks are 0-based; messages are 1-based. */
#define loader_fail(l, code, mark, ...) \
	loader_fail_at((l), (code), (unsigned)(mark).line + 1, \
		       (unsigned)(mark).column + 1, __VA_ARGS__)

int loader_nomem(struct loader *l);

/* Up to 40 bytes of s, printable ASCII kept and the rest as '?', in out
 * (at least 44 bytes): safe to put in a message.  Returns out. */
const char *loader_quote(const char *s, size_t len, char *out, size_t size);

/* ---- events ----------------------------------------------------------- */

/* Advance to the next event and check it against the rules that hold
 * everywhere (anchors, aliases, tags, depth, lengths, characters).  When
 * an error needs its place and the file was parsed as it was read, the
 * whole text is read again from l->input into l->own_buf. */
int loader_next(struct loader *l);

/* The current event starts a node: consume the rest of it, still checking
 * every event. */
int loader_skip(struct loader *l);

/* The current node is not what `what` needs: skip it, then report
 * "expected EXPECTED for WHAT, found ..." at its start. */
int loader_wrong_type(struct loader *l, const char *expected, const char *what);

/* ---- small containers ------------------------------------------------- */

/* A zeroed new element at the end of v, or NULL when out of memory. */
void *loader_vec_push(struct vec *v);

/* Copy v's elements into the arena at their exact size (NULL when there
 * are none) into *out, and free v. */
int loader_vec_finish(struct loader *l, struct vec *v, void **out);

/* Add id (seen on line); 1 when new, 0 when already there (*first is the
 * line it was first seen on), -1 when out of memory. */
int loader_idset_add(struct idset *set, const char *id, unsigned line,
		     unsigned *first);

#endif
