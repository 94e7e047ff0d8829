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

/* Is dir, the folder of this binary as the kernel names it, the build
 * folder's want?  The kernel's name is resolved already: when it is the
 * folder's name as configure wrote it, that is the answer, without the
 * system call per folder that realpath() makes.  Else both sides
 * resolved, so a symlinked build folder still matches. */
static bool same_dir(const char *dir, const char *want)
{
	char real[PATH_MAX];

	return !strcmp(dir, want) || (realpath(want, real) && !strcmp(dir, real));
}

/* Does this binary run from its build tree?  Then the source tree's
 * content and the build tree's programs and caches are the ones meant.
 * The benchmarks built beside handout count too, so that what they
 * measure is what the build tree's handout does. */
static bool in_build_tree(void)
{
	static int known = -1;
	char exe[PATH_MAX];

	if (known >= 0)
		return known;
	known = 0;
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	char *slash = n > 0 ? memrchr(exe, '/', (size_t)n) : NULL;
	if (!slash)
		return known;
	*slash = '\0';
	known = same_dir(exe, BUILD_BINDIR) || same_dir(exe, BUILD_BENCHDIR);
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
