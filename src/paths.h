/* paths.h - where this program's own files are: the build tree's when the
 * binary runs from its build tree, else where `make install` put them.
 *
 * Contract: the answers depend only on where the running binary is, which
 * is looked up once (/proc/self/exe); nothing here reads the environment,
 * so no user can point a kiosk's program at other files.  Strings returned
 * are static and live for the whole program.
 */
#ifndef HANDOUT_PATHS_H
#define HANDOUT_PATHS_H

/* The folder of the bundled articles, what handout opens with no FILE:
 * the source tree's content/ from a build tree, else PKGDATADIR. */
const char *paths_default_content(void);

/* The program that --import runs, found the same way. */
const char *paths_import_program(void);

/* The folder of compiled articles (doccache.h) that belongs with this
 * binary: the build tree's cache/ (which `make` fills), else
 * PKGDATADIR/cache (which `make install` fills). */
const char *paths_cache_dir(void);

#endif
