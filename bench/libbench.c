/* libbench.c - time the library (src/library.h) on a folder of articles,
 * for bench/library.sh.
 *
 * Contract: each call measures one thing in a fresh process and prints one
 * line of figures on standard output (times in ms, memory in KiB):
 *
 *   libbench open DIR [N]      library_open() and the headers of the
 *                              first N articles (default 24, a screen):
 *                              "ms HWM"
 *   libbench search DIR WORD   library_open(), then library_search() of
 *                              WORD twice, the first in a process that
 *                              has loaded nothing (cold), the second
 *                              with what the first kept (warm), and the
 *                              CPU time (user and system) of the first:
 *                              "cold_ms warm_ms matches truncated HWM
 *                              cold_cpu_ms"
 *   libbench part DIR WORD N   library_open(), then library_search_part()
 *                              of WORD for N matches, cold: what a screen
 *                              of results waits for: "ms matches done HWM"
 *   libbench run PROGRAM [ARG]...   PROGRAM's wall time and peak RSS
 *                              (ru_maxrss), its output thrown away:
 *                              "ms maxrss status"
 *
 * HWM is VmHWM from /proc/self/status at the end: the process's peak
 * resident memory, everything it did included.  Exit 0, 1 when the
 * library could not be opened or a figure not taken, 2 on usage.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "library.h"

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* VmHWM in KiB, or -1. */
static long hwm_kib(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	long kib = -1;

	if (!f)
		return -1;
	while (fgets(line, sizeof line, f))
		if (sscanf(line, "VmHWM: %ld kB", &kib) == 1)
			break;
	fclose(f);
	return kib;
}

/* CPU time of this process so far, user and system, in ms. */
static double cpu_ms(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
	       (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
}

static struct library *open_lib(const char *dir)
{
	struct herror err;
	char buf[1024];
	struct library *lib = library_open(dir, &err);

	if (!lib)
		fprintf(stderr, "libbench: %s\n",
			herror_format(&err, buf, sizeof buf));
	return lib;
}

static int bench_open(const char *dir, size_t n)
{
	double t0 = now_ms();
	struct library *lib = open_lib(dir);

	if (!lib)
		return 1;
	for (size_t i = 0; i < n && i < library_count(lib); i++)
		if (!library_header(lib, i)) {
			fprintf(stderr, "libbench: %s has no header\n",
				library_path(lib, i));
			library_free(lib);
			return 1;
		}
	double t1 = now_ms();
	printf("%.2f %ld\n", t1 - t0, hwm_kib());
	library_free(lib);
	return 0;
}

static int bench_search(const char *dir, const char *word)
{
	struct library *lib = open_lib(dir);
	struct library_results r;
	double t0, t1, t2, c0, c1;
	size_t n;

	if (!lib)
		return 1;
	c0 = cpu_ms();
	t0 = now_ms();
	if (library_search(lib, word, &r)) {
		fputs("libbench: out of memory\n", stderr);
		return 1;
	}
	t1 = now_ms();
	c1 = cpu_ms();
	n = r.n;
	if (library_search(lib, word, &r) || r.n != n) {
		fputs("libbench: the warm search found something else\n", stderr);
		return 1;
	}
	t2 = now_ms();
	printf("%.2f %.2f %zu %d %ld %.1f\n", t1 - t0, t2 - t1, n, r.truncated,
	       hwm_kib(), c1 - c0);
	library_free(lib);
	return 0;
}

static int bench_part(const char *dir, const char *word, size_t want)
{
	struct library *lib = open_lib(dir);
	struct library_results r;
	double t0, t1;

	if (!lib)
		return 1;
	t0 = now_ms();
	if (library_search_part(lib, word, want, &r)) {
		fputs("libbench: out of memory\n", stderr);
		return 1;
	}
	t1 = now_ms();
	printf("%.2f %zu %d %ld\n", t1 - t0, r.n, r.done, hwm_kib());
	library_free(lib);
	return 0;
}

static int bench_run(char **argv)
{
	double t0 = now_ms();
	struct rusage ru;
	int status;
	pid_t pid = fork();

	if (pid < 0) {
		perror("libbench: fork");
		return 1;
	}
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);

		if (null >= 0) {
			dup2(null, STDOUT_FILENO);
			dup2(null, STDERR_FILENO);
		}
		execv(argv[0], argv);
		_exit(127);
	}
	if (wait4(pid, &status, 0, &ru) != pid) {
		perror("libbench: wait4");
		return 1;
	}
	printf("%.2f %ld %d\n", now_ms() - t0, ru.ru_maxrss,
	       WIFEXITED(status) ? WEXITSTATUS(status) : 128);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 3 && argc <= 4 && !strcmp(argv[1], "open"))
		return bench_open(argv[2], argc == 4 ? strtoul(argv[3], NULL, 10)
					  : 24);
	if (argc == 4 && !strcmp(argv[1], "search"))
		return bench_search(argv[2], argv[3]);
	if (argc == 5 && !strcmp(argv[1], "part"))
		return bench_part(argv[2], argv[3], strtoul(argv[4], NULL, 10));
	if (argc >= 3 && !strcmp(argv[1], "run"))
		return bench_run(argv + 2);
	fputs("Usage: libbench open DIR [N] | search DIR WORD | part DIR WORD N\n"
	      "       | run PROGRAM [ARG]...\n", stderr);
	return 2;
}
