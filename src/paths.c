/* paths.c - the build tree or the installed tree, decided once from where
 * the running binary is. */
#include "config.h"
#include "paths.h"

#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Does this binary run from its build tree, from src/ or (a benchmark,
 * which measures what the build tree's handout does) bench/?  Then the
 * source tree's content and the build tree's programs and caches are the
 * ones meant.  The kernel's name for the binary is resolved already: when
 * its folder's parent is the build folder as configure wrote it, that is
 * the answer, without the system calls realpath() makes; else the build
 * folder is resolved too, so a symlinked one still matches. */
static bool in_build_tree(void)
{
	static int known = -1;
	char exe[PATH_MAX], top[PATH_MAX];

	if (known >= 0)
		return known;
	known = 0;
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	char *slash = n > 0 ? memrchr(exe, '/', (size_t)n) : NULL;
	if (!slash)
		return known;
	*slash = '\0';
	char *leaf = strrchr(exe, '/');
	if (!leaf || (strcmp(leaf, "/src") && strcmp(leaf, "/bench")))
		return known;
	*leaf = '\0';
	known = !strcmp(exe, BUILD_TOP_BUILDDIR) ||
		(realpath(BUILD_TOP_BUILDDIR, top) && !strcmp(exe, top));
	return known;
}

const char *paths_default_content(void)
{
	static char path[PATH_MAX + sizeof "/content"];

	if (in_build_tree())
		snprintf(path, sizeof path, "%s/content", BUILD_TOP_SRCDIR);
	else
		snprintf(path, sizeof path, "%s", PKGDATADIR);
	return path;
}

const char *paths_import_program(void)
{
	return in_build_tree() ? BUILD_BINDIR "/handout-import"
			       : PKGLIBEXECDIR "/handout-import";
}

const char *paths_cache_dir(void)
{
	return in_build_tree() ? BUILD_CACHEDIR : PKGCACHEDIR;
}
