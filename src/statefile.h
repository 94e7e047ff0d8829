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
 * not a regular file (a symbolic link included) or is too big - makes the
 * file corrupt or foreign: it is renamed to ID.state.STAMP.bad (STAMP the
 * time in UTC, 20261126T101500Z; "-2", "-3"... added when taken, so every
 * bad copy is kept), that is said in one line, and the reader starts
 * clean.  A section or item id the article no longer has is dropped with a
 * one-line note; the rest is kept.
 *
 * The folder: it must not be a symbolic link and must belong to the user;
 * one open to others is made private (its group and other bits cleared,
 * so 0777 becomes 0700; the owner's own bits are left as they are).  A
 * folder that fails this is refused with a warning (HERR_UNSAFE), and the
 * run neither reads nor writes state.  The state file itself is never
 * read or written through a link.
 *
 * Many sessions, one file.  Sessions of one user (two terminals, a
 * dropped SSH link and the next login) share the file, and no save loses
 * another's work:
 *  - A save takes an exclusive flock() on .ID.state.lock beside the file
 *    (made 0600 on first use, never removed), reads the file again,
 *    applies only what this session changed since its last save - each
 *    item it ticked or unticked, and its place if it moved - and writes
 *    the result atomically (atomicio.h).  So two sessions that tick
 *    different items keep both; of two changes to one item the one saved
 *    later wins; the place is the last moved session's.
 *  - A session that changed nothing writes nothing.
 *  - The same re-read brings the others' ticks into the reader's state;
 *    so does statefile_refresh(), which the front-ends call on every key
 *    (line mode: every command): one stat of the path, and a read only
 *    when the file is not the one last read or written.  Nothing polls.
 *  - A save whose process is killed leaves at worst a temporary file,
 *    ".ID.state.XXXXXX"; the next statefile_load() removes those, under
 *    the lock, so never one of a save that is running.
 *
 * Contract:
 *  - A NULL struct statefile * means "no state" (--no-state, kiosk mode):
 *    every function accepts it and does nothing, so front-ends call them
 *    unconditionally.
 *  - Messages come back in a struct herror (code HERR_OK: nothing to say);
 *    herror_format() makes the one line to show.  Nothing here prints.
 *    Every distinct warning given is also kept, for statefile_warning():
 *    the front-ends show a warning where the reader looks when it
 *    happens, and main says them all again on stderr at exit.
 *  - statefile_save() is cheap when nothing changed (no file is touched),
 *    so front-ends call it after every toggle and every section change,
 *    and once at exit.  A save is atomic: a crash, a full disk, a
 *    read-only folder leave the previous file as it was.
 *  - A file that exists but cannot be read (permissions, I/O error) turns
 *    saving off for the run, so it is never replaced unseen.
 *  - The document passed to each call must be the one given to
 *    statefile_open(), and the reader's state the one statefile_apply()
 *    filled.
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

/* Distinct warnings kept for statefile_warning(); later ones are dropped. */
#define STATEFILE_SAID_MAX 4

struct statefile;

/* The state folder by the rules above, into buf.  0; -1 when there is no
 * absolute home folder to put it in; -2 when the path does not fit in
 * size (buf then holds ""). */
int statefile_dir(char *buf, size_t size);

/* A handle on doc's state file in dir (NULL: statefile_dir()).  Touches no
 * file.  NULL when the state has nowhere to go (no home folder, a path or
 * id too long for a file name) or memory ran out; warn says why. */
struct statefile *statefile_open(const struct document *doc, const char *dir,
				 struct herror *warn);

void statefile_close(struct statefile *sf);

/* The state file's path (for messages and tests). */
const char *statefile_path(const struct statefile *sf);

/* Check the folder, remove what killed saves left, read and check the
 * saved state.  Returns 0 when it was read or there is none (a first
 * run), -1 when it was set aside, could not be read or the folder was
 * refused (the reader starts clean).  warn gets the one line to show, if
 * any: the file set aside, the folder refused, or the note about dropped
 * ids (returned with 0).  Makes no folder. */
int statefile_load(struct statefile *sf, const struct document *doc,
		   struct herror *warn);

/* What was loaded, put into st (fresh from state_init()): ticks, section,
 * place.  Nothing when nothing was loaded.  What st is given here is
 * where this session starts: its changes are counted from it. */
void statefile_apply(struct statefile *sf, const struct document *doc,
		     struct reader_state *st);

/* The ticks statefile_load() read (doc->nchecks entries, valid until the
 * next call on sf), or NULL when none were read: for --summary, which needs
 * no reader. */
const bool *statefile_checked(const struct statefile *sf);

/* Bring other sessions' saved ticks into st, keeping this session's
 * unsaved changes.  Returns REDRAW_* flags (0: nothing changed).  A file
 * that has become unreadable or bad is left for the next save; warn says
 * only what must be said now (the folder refused). */
unsigned statefile_refresh(struct statefile *sf, const struct document *doc,
			   struct reader_state *st, struct herror *warn);

/* Save this session's changes to the ticks, and its section and place
 * if it moved, merged into the file as it is now (above).  Returns
 * REDRAW_* flags for the other sessions' ticks it brought into st (0:
 * none).  warn->code is not HERR_OK when there is a new warning to show: a
 * save that failed (the old file is intact; this session's changes are
 * kept and saved with the next change), a bad file set aside.  The same
 * failure again is not new.  st is not const: its place is computed from
 * its layout cache, and others' ticks are put into it. */
unsigned statefile_save(struct statefile *sf, const struct document *doc,
			struct reader_state *st, struct herror *warn);

/* What the front-ends call after every key (line mode: every command): a
 * save, as statefile_save(), when this session's ticks or its section
 * changed since its last save, so a dropped link loses nothing; else
 * nothing at all - a scroll alone is saved at exit, not fsync'd per key. */
unsigned statefile_keep(struct statefile *sf, const struct document *doc,
			struct reader_state *st, struct herror *warn);

/* A warning as the front-ends show it where the reader looks - the
 * reader's status line, the line mode's answer: "State file: " and the
 * detail, without the path (which stderr gets at exit), so what happened
 * fits a line.  One line of printable text in buf; returns buf. */
const char *statefile_brief(const struct herror *w, char *buf, size_t size);

/* The i-th distinct warning given so far (0-based), or NULL. */
const struct herror *statefile_warning(const struct statefile *sf, size_t i);

#endif
