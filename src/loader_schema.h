/* loader_schema.h - the article's schema (content/SCHEMA.md), walked over
 * checked events.
 *
 * Contract: internal to the loader; the entry points (loader.c) call it,
 * and it stands on the event layer (loader_events.h) alone.
 * loader_read_stream() reads the whole stream from l, whose parser is set
 * up and no event read yet, into d (zeroed, in l->arena): 0 with d whole,
 * or -1 with l->err filled in.  Either way the caller frees what l holds.
 * Every top-level key but sections, checklist and glossary comes before
 * `sections` (content/SCHEMA.md), so a header can be read without the
 * body.
 */
#ifndef HANDOUT_LOADER_SCHEMA_H
#define HANDOUT_LOADER_SCHEMA_H

#include "loader_events.h"

/* One document whose root is the article, and nothing after it. */
int loader_read_stream(struct loader *l, struct document *d);

/* The same up to the `sections` key, and no further: the header's fields
 * of d (and every key before sections, each checked as a whole read
 * checks it), l->id_line and l->id_column.  0, or -1 with l->err filled
 * in: the same error a whole read of the file gives, when its cause lies
 * before `sections` (or within what libyaml reads ahead of it). */
int loader_read_header(struct loader *l, struct document *d);

#endif
