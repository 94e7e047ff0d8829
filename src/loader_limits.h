/* loader_limits.h - the most one article file may hold, and the most the
 * importer says about one page.
 *
 * Contract: constants only, with nothing below them, so every layer of the
 * loader can share them without reaching up to its entry points.  The
 * loader enforces them while it reads, so a hostile file costs bounded
 * time and memory; the importer refuses a draft that would pass them, so
 * whatever it writes, the loader reads.  loader.h hands them on to every
 * other reader.
 */
#ifndef HANDOUT_LOADER_LIMITS_H
#define HANDOUT_LOADER_LIMITS_H

#define LOADER_MAX_FILE   (64u << 20)   /* bytes in one file */
#define LOADER_MAX_DEPTH  16            /* nested lists and mappings */
#define LOADER_MAX_STRING (64u << 10)   /* bytes in one string */
#define LOADER_MAX_ITEMS  1000000       /* entries in one list or mapping */

/* The importer's warnings about one page, past which one line says how
 * many more there were. */
#define IMPORT_MAX_WARNINGS 1000

#endif
