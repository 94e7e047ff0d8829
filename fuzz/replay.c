/* replay.c - run a fuzz target over files, without libFuzzer: make check
 * replays fuzz/regressions/TARGET/ with it, under any compiler.
 *
 *   fuzz_TARGET_replay              every file in $top_srcdir/fuzz/regressions/TARGET
 *   fuzz_TARGET_replay FILE...      those files (a crash found elsewhere)
 *
 * A crash or a failed check aborts, which fails the test; an input that
 * takes more than 20 seconds is a hang and fails it too (SIGALRM).
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"

#ifndef FUZZ_TARGET
#error "FUZZ_TARGET names the regression folder"
#endif
#ifndef BUILD_TOP_SRCDIR
#define BUILD_TOP_SRCDIR "."
#endif

static int replay(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t len = 0, got;
	char chunk[65536];
	FILE *m;

	if (!f) {
		perror(path);
		return -1;
	}
	m = open_memstream(&buf, &len);
	if (!m) {
		fclose(f);
		return -1;
	}
	while ((got = fread(chunk, 1, sizeof(chunk), f)) > 0)
		fwrite(chunk, 1, got, m);
	fclose(f);
	fclose(m);
	alarm(20);
	/* An exact-size copy, so ASan sees a read one past the end. */
	{
		unsigned char *exact = malloc(len ? len : 1);

		if (!exact) {
			free(buf);
			return -1;
		}
		memcpy(exact, buf, len);
		LLVMFuzzerTestOneInput(exact, len);
		free(exact);
	}
	alarm(0);
	free(buf);
	return 0;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
	const char *src = getenv("top_srcdir");
	char dir[4096], path[8192];
	char *names[4096];
	size_t n = 0;
	struct dirent *de;
	DIR *d;
	int status = 0;

	LLVMFuzzerInitialize(&argc, &argv);
	if (argc > 1) {
		for (int i = 1; i < argc; i++)
			if (replay(argv[i]))
				status = 1;
		return status;
	}
	snprintf(dir, sizeof(dir), "%s/fuzz/regressions/%s",
		 src && *src ? src : BUILD_TOP_SRCDIR, FUZZ_TARGET);
	d = opendir(dir);
	if (!d) {
		perror(dir);
		return 99;
	}
	while ((de = readdir(d)) && n < sizeof(names) / sizeof(names[0]))
		if (de->d_name[0] != '.' && (names[n] = strdup(de->d_name)))
			n++;
	closedir(d);
	qsort(names, n, sizeof(names[0]), name_cmp);
	for (size_t i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		if (replay(path))
			status = 1;
		free(names[i]);
	}
	/* An empty folder would make this a test that cannot fail. */
	if (!n) {
		fprintf(stderr, "%s: no regression inputs\n", dir);
		return 99;
	}
	printf("%s: %zu inputs replayed\n", FUZZ_TARGET, n);
	return status;
}
