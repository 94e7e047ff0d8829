/* ptybench.c - drive a full-screen program under a pseudo-terminal and
 * measure what it costs: time to its first screen, its peak memory, and the
 * bytes it sends to the terminal per keystroke.
 *
 * Contract:
 *   ptybench [OPTION]... -- COMMAND [ARG]...
 *
 *   Runs COMMAND --runs times in each of two sessions, every time under a new
 *   pseudo-terminal of --size COLSxROWS, in an environment built from nothing
 *   but PATH, HOME, TERM, LC_ALL and the -e NAME=VALUE pairs, so two programs
 *   measured with the same options see the same terminal and environment.
 *
 *     page session: open, --pages presses of the page key, the quit key
 *     line session: open, --lines presses of the line key, the quit key
 *
 *   Every byte COMMAND writes to the terminal is read and counted (and, with
 *   --trace, logged with its time stamp).  After each key the program is
 *   given until its output has been quiet for --quiet-ms; a key that draws
 *   nothing within --idle-ms counts zero bytes.
 *
 *   Figures, one line each on standard output, tab-separated:
 *     NAME  MEDIAN  MIN  MAX  UNIT
 *   over the runs.  Definitions (also in bench/RESULTS.md):
 *     first_screen_ms  page session: from just before forkpty() to the last
 *                      byte of the burst in which the --marker text appeared
 *                      (escape sequences and control characters stripped),
 *                      a burst ending at the first silence of --quiet-ms.
 *                      Nothing is subtracted.
 *     peak_rss_kib     page session: ru_maxrss of the child from wait4().
 *     open_bytes       page session: bytes up to the end of the first screen.
 *     session_bytes    page session: every byte, open + page keys + quit.
 *     page_bytes       page session: bytes of all page keys / --pages.
 *     page_ms          page session: for each page key, key sent to the last
 *                      byte of its answer (0 when it drew nothing); the mean.
 *     line_bytes       line session: bytes of all line keys / --lines.
 *     line_ms          line session: as page_ms, for the line key.
 *
 *   Exit status: 0 when every run completed; 1 when one did not (the marker
 *   never appeared, the program would not quit, it could not be started);
 *   2 on a usage error.  Linux and glibc only (forkpty, ru_maxrss in KiB).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "benchutil.h"

#define MAX_ENV 32
#define MAX_RUNS 1000

struct config {
	struct bench_opts o; /* --size, --marker (NULL: none), --pages... */
	int runs;
	int lines;
	int idle_ms;         /* a key with no answer by then drew nothing */
	const char *term;
	const char *lc_all;
	char line_key[16], quit_key[16];
	const char *env[MAX_ENV];
	int nenv;
	FILE *trace;
	char **argv;         /* the command */
};

/* What one session under the pty found. */
struct session {
	int fd;
	pid_t pid;
	bool eof;
	double t_fork;
	struct vtfind marker;  /* the --marker text in the output */
	/* Totals. */
	size_t bytes;
	double first_screen_ms;
	size_t open_bytes;
	size_t key_bytes;
	double key_ms_sum;
	long maxrss_kib;
	const char *name;    /* "page" or "line", for the trace */
	int run;
};

struct figures {
	double first_screen_ms[MAX_RUNS], peak_rss_kib[MAX_RUNS];
	double open_bytes[MAX_RUNS], session_bytes[MAX_RUNS];
	double page_bytes[MAX_RUNS], page_ms[MAX_RUNS];
	double line_bytes[MAX_RUNS], line_ms[MAX_RUNS];
};

/* Log one chunk of output: time since fork, size, and the bytes escaped so
 * the trace stays one line per chunk. */
static void trace_chunk(const struct config *cf, const struct session *s,
			const char *phase, double t, const unsigned char *buf,
			size_t n)
{
	FILE *f = cf->trace;

	if (!f)
		return;
	fprintf(f, "%d\t%s\t%s\t%.3f\t%zu\t", s->run, s->name, phase,
		t - s->t_fork, n);
	for (size_t i = 0; i < n; i++) {
		unsigned c = buf[i];
		if (c == '\\')
			fputs("\\\\", f);
		else if (c < 0x20 || c == 0x7f)
			fprintf(f, "\\%03o", c);
		else
			putc((int)c, f);
	}
	putc('\n', f);
}

/* Read the program's answer to whatever was last sent at time start.
 * Returns when the output has been quiet for quiet_ms after at least one
 * byte (and, with need_marker, after the marker has appeared); when no byte
 * came within idle_ms (without need_marker); at end of file; or at cap_ms,
 * which is a failure (-1).  *bytes gets the count, *last the time of the
 * last byte (start when there was none). */
static int drain(const struct config *cf, struct session *s, const char *phase,
		 double start, bool need_marker, int cap_ms, size_t *bytes,
		 double *last)
{
	static unsigned char buf[65536];
	bool got = false;

	*bytes = 0;
	*last = start;
	for (;;) {
		double t = bench_now_ms(), wait;

		if (need_marker && !s->marker.found)
			wait = start + cap_ms - t;
		else if (got)
			wait = *last + cf->o.quiet_ms - t;
		else
			wait = start + cf->idle_ms - t;
		if (wait <= 0) {
			if (need_marker && !s->marker.found)
				return -1;
			return 0;
		}
		if (t - start > cap_ms)
			return -1;     /* still talking: never went quiet */

		struct pollfd p = { .fd = s->fd, .events = POLLIN };
		int r = poll(&p, 1, (int)wait + 1);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (r == 0)
			continue;
		ssize_t n = read(s->fd, buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {          /* EIO: the last slave descriptor closed */
			s->eof = true;
			return need_marker && !s->marker.found ? -1 : 0;
		}
		t = bench_now_ms();
		got = true;
		*last = t;
		*bytes += (size_t)n;
		s->bytes += (size_t)n;
		vtfind_feed(&s->marker, buf, (size_t)n);
		trace_chunk(cf, s, phase, t, buf, (size_t)n);
	}
}

static int send_key(const struct session *s, const char *key)
{
	size_t len = strlen(key), off = 0;

	while (off < len) {
		ssize_t n = write(s->fd, key + off, len - off);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		off += (size_t)n;
	}
	return 0;
}

/* In the child, between forkpty() and exec: the fixed environment, then
 * the command.  An exec failure is reported through errfd (close-on-exec,
 * so a successful exec closes it and the parent reads nothing). */
static void child(const struct config *cf, int errfd)
{
	const char *path = getenv("PATH"), *home = getenv("HOME");
	char *keep_path = path ? strdup(path) : NULL;
	char *keep_home = home ? strdup(home) : NULL;

	clearenv();
	setenv("PATH", keep_path ? keep_path : "/usr/bin:/bin", 1);
	if (keep_home)
		setenv("HOME", keep_home, 1);
	setenv("TERM", cf->term, 1);
	setenv("LC_ALL", cf->lc_all, 1);
	for (int i = 0; i < cf->nenv; i++)
		putenv((char *)cf->env[i]);
	execvp(cf->argv[0], cf->argv);
	int e = errno;
	if (write(errfd, &e, sizeof e) < 0)
		_exit(126);
	_exit(127);
}

/* Wait up to cap_ms for the child to finish, reading (and counting) any last
 * output so it never blocks on a full pty; kill it after the cap. */
static int reap(const struct config *cf, struct session *s)
{
	double start = bench_now_ms();
	int status;
	struct rusage ru;

	for (;;) {
		pid_t r = wait4(s->pid, &status, WNOHANG, &ru);
		if (r == s->pid)
			break;
		if (r < 0 && errno != EINTR)
			return -1;
		if (bench_now_ms() - start > cf->o.key_cap_ms) {
			kill(s->pid, SIGKILL);
			wait4(s->pid, &status, 0, &ru);
			fprintf(stderr, "ptybench: %s did not quit; killed\n",
				cf->argv[0]);
			return -1;
		}
		if (!s->eof) {
			size_t n;
			double last;
			drain(cf, s, "exit", bench_now_ms(), false, cf->o.key_cap_ms, &n, &last);
		} else {
			poll(NULL, 0, 5);
		}
	}
	s->maxrss_kib = ru.ru_maxrss;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "ptybench: %s ended with status 0x%x\n",
			cf->argv[0], status);
		return -1;
	}
	return 0;
}

/* One session: start the program, wait for its first screen, press key
 * presses times, quit.  Fills s; returns 0 or -1 after saying why. */
static int session(const struct config *cf, struct session *s,
		   const char *key, int presses)
{
	struct winsize ws = { .ws_row = cf->o.rows, .ws_col = cf->o.cols };
	int errpipe[2];
	size_t n;
	double last;

	if (pipe2(errpipe, O_CLOEXEC) < 0) {
		perror("ptybench: pipe");
		return -1;
	}
	s->t_fork = bench_now_ms();
	s->pid = forkpty(&s->fd, NULL, NULL, &ws);
	if (s->pid < 0) {
		perror("ptybench: forkpty");
		return -1;
	}
	if (s->pid == 0)
		child(cf, errpipe[1]);
	close(errpipe[1]);
	int e;
	if (read(errpipe[0], &e, sizeof e) == (ssize_t)sizeof e) {
		fprintf(stderr, "ptybench: %s: %s\n", cf->argv[0], strerror(e));
		close(errpipe[0]);
		close(s->fd);
		waitpid(s->pid, NULL, 0);
		return -1;
	}
	close(errpipe[0]);

	int rc = drain(cf, s, "open", s->t_fork, cf->o.marker != NULL,
		       cf->o.start_cap_ms, &n, &last);
	if (rc < 0 || s->eof) {
		fprintf(stderr, "ptybench: %s: no first screen%s%s%s within %d ms\n",
			cf->argv[0], cf->o.marker ? " (marker '" : "",
			cf->o.marker ? cf->o.marker : "", cf->o.marker ? "')" : "",
			cf->o.start_cap_ms);
		kill(s->pid, SIGKILL);
		reap(cf, s);
		close(s->fd);
		return -1;
	}
	s->first_screen_ms = last - s->t_fork;
	s->open_bytes = n;

	for (int i = 0; i < presses; i++) {
		double sent = bench_now_ms();
		if (send_key(s, key) < 0 ||
		    drain(cf, s, "key", sent, false, cf->o.key_cap_ms, &n, &last) < 0 ||
		    s->eof) {
			fprintf(stderr, "ptybench: %s: key %d of %d failed\n",
				cf->argv[0], i + 1, presses);
			kill(s->pid, SIGKILL);
			reap(cf, s);
			close(s->fd);
			return -1;
		}
		s->key_bytes += n;
		s->key_ms_sum += last - sent;
	}

	if (send_key(s, cf->quit_key) < 0) {
		kill(s->pid, SIGKILL);
		reap(cf, s);
		close(s->fd);
		return -1;
	}
	rc = reap(cf, s);
	/* Read what the program wrote before it exited (restoring the terminal,
	 * say): it is still in the pty's buffer. */
	while (!s->eof && drain(cf, s, "quit", bench_now_ms(), false, cf->o.key_cap_ms,
				&n, &last) == 0 && n > 0)
		;
	close(s->fd);
	return rc;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static void report(const char *name, double *v, int n, const char *unit)
{
	qsort(v, (size_t)n, sizeof *v, cmp_double);
	double med = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
	printf("%s\t%.3f\t%.3f\t%.3f\t%s\n", name, med, v[0], v[n - 1], unit);
}

static void usage(FILE *f)
{
	fputs("Usage: ptybench [OPTION]... -- COMMAND [ARG]...\n"
	      "Run COMMAND under a pseudo-terminal, press keys, and report what it\n"
	      "sent to the terminal (median, min, max over the runs).\n\n"
	      "  -s, --size COLSxROWS  terminal size (default 80x24)\n"
	      "  -n, --runs N          runs of each session (default 7)\n"
	      "  -m, --marker TEXT     text that completes the first screen\n"
	      "      --pages N         page-key presses (default 20; 0 skips)\n"
	      "      --lines N         line-key presses (default 20; 0 skips the session)\n"
	      "      --page-key KEY    default ' ' (C escapes allowed: '\\e[6~')\n"
	      "      --line-key KEY    default 'j'\n"
	      "      --quit-key KEY    default 'q'\n"
	      "      --quiet-ms N      silence that ends an answer (default 50)\n"
	      "      --idle-ms N       no answer by then: the key drew nothing (default 250)\n"
	      "      --start-cap-ms N  limit for the first screen (default 10000)\n"
	      "      --key-cap-ms N    limit for one answer or the exit (default 5000)\n"
	      "  -t, --term NAME       TERM for the program (default xterm-256color)\n"
	      "  -l, --locale NAME     LC_ALL for the program (default C.UTF-8)\n"
	      "  -e NAME=VALUE         add to the program's environment\n"
	      "      --trace FILE      log every chunk of output with its time\n",
	      f);
}

static int parse(int argc, char **argv, struct config *cf)
{
	enum { O_LINES = BENCH_OPT_OWN, O_LINE_KEY, O_QUIT_KEY, O_IDLE,
	       O_TRACE };
	static const struct option longopts[] = {
		BENCH_OPTIONS,
		{ "runs", required_argument, NULL, 'n' },
		{ "term", required_argument, NULL, 't' },
		{ "locale", required_argument, NULL, 'l' },
		{ "lines", required_argument, NULL, O_LINES },
		{ "line-key", required_argument, NULL, O_LINE_KEY },
		{ "quit-key", required_argument, NULL, O_QUIT_KEY },
		{ "idle-ms", required_argument, NULL, O_IDLE },
		{ "trace", required_argument, NULL, O_TRACE },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	*cf = (struct config){
		.o = { .cols = 80, .rows = 24, .pages = 20, .page_key = " ",
		       .page_key_len = 1, .quiet_ms = 50, .start_cap_ms = 10000,
		       .key_cap_ms = 5000 },
		.runs = 7, .lines = 20, .idle_ms = 250, .term = "xterm-256color",
		.lc_all = "C.UTF-8", .line_key = "j", .quit_key = "q",
	};
	while ((c = getopt_long(argc, argv, "+s:n:m:t:l:e:h", longopts, NULL)) != -1) {
		int bad = 0;

		switch (c) {
		case 'n': bad = bench_number(optarg, 1, MAX_RUNS, &cf->runs); break;
		case 't': cf->term = optarg; break;
		case 'l': cf->lc_all = optarg; break;
		case 'e':
			bad = !strchr(optarg, '=') || cf->nenv == MAX_ENV;
			if (!bad)
				cf->env[cf->nenv++] = optarg;
			break;
		case O_LINES: bad = bench_number(optarg, 0, 100000, &cf->lines); break;
		case O_LINE_KEY: bad = bench_unescape(optarg, cf->line_key, sizeof cf->line_key, NULL); break;
		case O_QUIT_KEY: bad = bench_unescape(optarg, cf->quit_key, sizeof cf->quit_key, NULL); break;
		case O_IDLE: bad = bench_number(optarg, 1, 60000, &cf->idle_ms); break;
		case O_TRACE:
			cf->trace = fopen(optarg, "w");
			if (!cf->trace) {
				fprintf(stderr, "ptybench: %s: %s\n", optarg, strerror(errno));
				return -1;
			}
			break;
		case 'h': usage(stdout); exit(0);
		default:
			bad = bench_option(&cf->o, c, optarg);
			if (bad > 0)    /* an option neither program takes */
				optarg = NULL;
			break;
		}
		if (bad) {
			if (optarg)
				fprintf(stderr, "ptybench: bad argument '%s'\n", optarg);
			usage(stderr);
			return -1;
		}
	}
	/* --marker '': no marker, the first screen ends in silence. */
	if (cf->o.marker && !*cf->o.marker)
		cf->o.marker = NULL;
	if (optind >= argc) {
		fputs("ptybench: no command given\n", stderr);
		usage(stderr);
		return -1;
	}
	cf->argv = argv + optind;
	return 0;
}

int main(int argc, char **argv)
{
	static struct config cf;
	static struct figures fg;

	if (parse(argc, argv, &cf) < 0)
		return 2;
	/* A program that dies with our write pending must not kill us. */
	signal(SIGPIPE, SIG_IGN);

	for (int r = 0; r < cf.runs; r++) {
		struct session s = { .name = "page", .run = r + 1,
				     .marker.text = cf.o.marker };

		if (session(&cf, &s, cf.o.page_key, cf.o.pages) < 0)
			return 1;
		fg.first_screen_ms[r] = s.first_screen_ms;
		fg.peak_rss_kib[r] = (double)s.maxrss_kib;
		fg.open_bytes[r] = (double)s.open_bytes;
		fg.session_bytes[r] = (double)s.bytes;
		fg.page_bytes[r] = cf.o.pages ? (double)s.key_bytes / cf.o.pages : 0;
		fg.page_ms[r] = cf.o.pages ? s.key_ms_sum / cf.o.pages : 0;

		if (cf.lines == 0)
			continue;
		struct session l = { .name = "line", .run = r + 1,
				     .marker.text = cf.o.marker };
		if (session(&cf, &l, cf.line_key, cf.lines) < 0)
			return 1;
		fg.line_bytes[r] = (double)l.key_bytes / cf.lines;
		fg.line_ms[r] = l.key_ms_sum / cf.lines;
	}

	report("first_screen_ms", fg.first_screen_ms, cf.runs, "ms");
	report("peak_rss_kib", fg.peak_rss_kib, cf.runs, "KiB");
	report("open_bytes", fg.open_bytes, cf.runs, "bytes");
	report("session_bytes", fg.session_bytes, cf.runs, "bytes");
	if (cf.o.pages) {
		report("page_bytes", fg.page_bytes, cf.runs, "bytes");
		report("page_ms", fg.page_ms, cf.runs, "ms");
	}
	if (cf.lines) {
		report("line_bytes", fg.line_bytes, cf.runs, "bytes");
		report("line_ms", fg.line_ms, cf.runs, "ms");
	}
	if (cf.trace)
		fclose(cf.trace);
	return 0;
}
