/* statefile.h - the reader's ticks and place, saved per article between
 * runs.
 *
 * Where: $XDG_STATE_HOME/handout/ID.state, ID the article's id
 * (doc->id).  An XDG_STATE_HOME that is empty or relative is ignored, as
 * the XDG spec says; then $HOME/.local/state/handout, HOME from the
 * password database when unset or not absolute.  Missing folders are
 * created mode 0700 when the first save happens (never by a load); the file
 * is mode 0600.
 *
 * Format, version 1: UTF-8 text, one record a line, each line ending in
 * '\n', fields separated by one space, at most STATEFILE_MAX bytes:
 *
 *     handout-state 1                  magic and version: always first
 *     article ID                       the article it belongs to: second
 *     section SECTION-ID               optional, at most once
 *     place BLOCK ITEM FIELD OFFSET    optional, at most once: the top
 *                                      line's anchor in that section
 *                                      (struct anchor; width-independent)
 *     checked ITEM-ID                  one per ticked checklist item
 *     end                              always last: a file without it
 *                                      was cut short
 *
 * Ids are the article's (lower-case letters, digits and '-', starting with a
 * letter); numbers are decimal, BLOCK >= -2, ITEM and FIELD >= -1.  Anything
 * else - another magic or version, another article's id, an unknown or
 * repeated record, a malformed line, a NUL byte, no "end", a file that is
 * not a regular file or is too big - makes the file corrupt or foreign:
 * statefile_load() renames it to ID.state.bad (replacing an older .bad),
 * says so in one line, and the reader starts clean.  A section or item id
 * the article no longer has is dropped with a one-line note; the rest is
 * kept.
 *
 * Contract:
 *  - A NULL struct statefile * means "no state" (--no-state, kiosk mode):
 *    every function accepts it and does nothing, so front-ends call them
 *    unconditionally.
 *  - Messages come back in a struct herror (code HERR_OK: nothing to say);
 *    herror_format() makes the one line to show.  Nothing here prints.
 *  - statefile_save() is cheap when nothing changed (it compares with what
 *    was last read or written, and writes nothing then), so front-ends call
 *    it after every toggle and every section change, and once at exit.  A
 *    save is atomic (atomicio.h): a crash, a full disk, a read-only folder
 *    leave the previous file as it was.
 *  - A file that exists but cannot be read (permissions, I/O error) turns
 *    saving off for the run, so it is never replaced unseen.
 *  - The document passed to each call must be the one given to
 *    statefile_open().
 */
#ifndef HANDOUT_STATEFILE_H
#define HANDOUT_STATEFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "document.h"
#include "error.h"
#include "state.h"

#define STATEFILE_MAX (64 * 1024)
#define STATEFILE_MAGIC "handout-state"
#define STATEFILE_VERSION 1

struct statefile;

/* The state folder by the rules above, into buf.  0, or -1 when there is no
 * absolute home folder to put it in (buf then holds ""). */
int statefile_dir(char *buf, size_t size);

/* A handle on doc's state file in dir (NULL: statefile_dir()).  Touches no
 * file.  NULL when the state has nowhere to go (no home folder, an id too
 * long for a file name) or memory ran out; warn says why. */
struct statefile *statefile_open(const struct document *doc, const char *dir,
				 struct herror *warn);

void statefile_close(struct statefile *sf);

/* The state file's path (for messages and tests). */
const char *statefile_path(const struct statefile *sf);

/* Read and check the saved state.  Returns 0 when it was read or there is
 * none (a first run), -1 when it was set aside or could not be read (the
 * reader starts clean).  warn gets the one line to show, if any: the file
 * set aside, or the note about dropped ids (returned with 0). */
int statefile_load(struct statefile *sf, const struct document *doc,
		   struct herror *warn);

/* What was loaded, put into st (fresh from state_init()): ticks, section,
 * place.  Nothing when nothing was loaded. */
void statefile_apply(const struct statefile *sf, const struct document *doc,
		     struct reader_state *st);

/* Save st's ticks, section and place if they differ from what the file
 * holds.  Returns 1 when warn holds a new warning to show (a save failed;
 * the old file is intact), else 0 (saved, unchanged, or the same failure
 * as last time, already shown).  st is not const: its place is computed
 * from its layout cache. */
int statefile_save(struct statefile *sf, const struct document *doc,
		   struct reader_state *st, struct herror *warn);

#endif
