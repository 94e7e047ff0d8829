/* sshbench.c - run many full-screen sessions at once, each under its own
 * pseudo-terminal: wait for every first screen, page them all, then hold
 * them open and idle until told to stop.  bench/ssh100.sh drives it with
 * 100 `ssh -tt` clients of the kiosk and measures the server side meanwhile.
 *
 * Contract:
 *   sshbench [-n N] [--size COLSxROWS] [--pages P] [--page-key KEY]
 *            [--marker TEXT] [--end-marker TEXT] [--quiet-ms Q]
 *            [--start-cap-ms S] [--key-cap-ms C] [--starting K]
 *            -- COMMAND [ARG]...
 *
 *   Starts N copies of COMMAND (default 100), each under a new pty of
 *   --size (default 80x24), with at most K (default 8) of them still waiting
 *   for their first screen at a time: an SSH server refuses unauthenticated
 *   connections beyond MaxStartups.  A first screen is complete when --marker
 *   (default "?:help") has appeared in the session's output, escape
 *   sequences and control characters stripped, and the output has then been
 *   quiet for Q ms (default 50); it must be within S ms (default 30000).
 *
 *   Then up to P rounds (default 100), until every session has shown
 *   --end-marker (default "End of the article.", what handout says when the
 *   page key reaches the end): the page key (default " ", C escapes such as
 *   \e[6~ understood) is written to every session that has not, all at
 *   once, and each
 *   session's answer time runs from that write to the last byte of its
 *   answer, i.e. quiet for Q ms after at least one byte.  No byte within C ms
 *   (default 10000) is a failed key.  Every round waits for every session,
 *   so 100 sessions make 100 readers pressing a key at the same moment: the
 *   worst case, not the average one.  Every session must reach the end
 *   marker within the P rounds.
 *
 *   Then it prints the figures and a line "ready", flushes, and holds every
 *   session open (reading and discarding any output) until SIGUSR1 or
 *   SIGTERM; then it hangs every pty up (closes its master side), waits for
 *   the children (SIGKILL after 5 s), and prints their CPU time.
 *
 *   Figures, one per line on standard output, tab-separated NAME VALUE UNIT:
 *     sessions, first_screen_ms_median, first_screen_ms_max,
 *     key_ms_median, key_ms_p99, key_ms_max, rounds, keys_answered, keys_failed,
 *     reached_end, client_cpu_s (after the hang-up: the clients' user+system).
 *
 *   Exit status: 0 when every session started, answered every key and
 *   reached the end marker; 1 otherwise; 2 on a usage error.  Linux and
 *   glibc only (forkpty, ppoll).
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

#define MAX_SESSIONS 1000
#define MAX_PAGES 1000

enum phase { WAITING, STARTING, READY, DEAD };

struct session {
	int fd;
	pid_t pid;
	enum phase phase;
	double t_fork, t_last, t_sent;
	bool got;            /* a byte since the last key was sent */
	bool answered;
	struct vtfind start, end;
};

struct config {
	struct bench_opts o;   /* --size, --marker, --pages, --page-key... */
	int n, starting;
	const char *end_marker;
	char **argv;
};

static volatile sig_atomic_t stop;

static void on_stop(int sig)
{
	(void)sig;
	stop = 1;
}

static int spawn(const struct config *cf, struct session *s)
{
	struct winsize ws = { .ws_row = cf->o.rows, .ws_col = cf->o.cols };

	s->t_fork = bench_now_ms();
	s->pid = forkpty(&s->fd, NULL, NULL, &ws);
	if (s->pid < 0)
		return -1;
	if (s->pid == 0) {
		signal(SIGUSR1, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		execvp(cf->argv[0], cf->argv);
		_exit(127);
	}
	fcntl(s->fd, F_SETFL, fcntl(s->fd, F_GETFL) | O_NONBLOCK);
	fcntl(s->fd, F_SETFD, FD_CLOEXEC);
	s->phase = STARTING;
	s->t_last = s->t_fork;
	return 0;
}

/* Read whatever every live session has written, waiting at most
 * timeout_ms (-1: until a byte or a signal) for the first of it. */
static void pump(struct session *ss, int n, int timeout_ms, const sigset_t *mask)
{
	static struct pollfd pfd[MAX_SESSIONS];
	static int idx[MAX_SESSIONS];
	int np = 0;

	for (int i = 0; i < n; i++) {
		if (ss[i].phase == STARTING || ss[i].phase == READY) {
			pfd[np].fd = ss[i].fd;
			pfd[np].events = POLLIN;
			idx[np++] = i;
		}
	}
	if (np == 0)
		return;
	struct timespec ts = { timeout_ms / 1000, (timeout_ms % 1000) * 1000000L };
	int r = ppoll(pfd, (nfds_t)np, timeout_ms < 0 ? NULL : &ts, mask);
	if (r <= 0)
		return;
	double t = bench_now_ms();
	for (int k = 0; k < np; k++) {
		if (!pfd[k].revents)
			continue;
		struct session *s = &ss[idx[k]];
		unsigned char buf[8192];
		ssize_t got;

		while ((got = read(s->fd, buf, sizeof buf)) > 0) {
			s->t_last = t;
			s->got = true;
			vtfind_feed(&s->start, buf, (size_t)got);
			vtfind_feed(&s->end, buf, (size_t)got);
		}
		if (got == 0 || (got < 0 && errno != EAGAIN && errno != EINTR)) {
			/* EIO: the program on the other side has gone. */
			close(s->fd);
			s->fd = -1;
			s->phase = DEAD;
		}
	}
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double pct(double *v, int n, double p)
{
	if (n == 0)
		return 0;
	qsort(v, (size_t)n, sizeof *v, cmp_double);
	int i = (int)(p * (n - 1) + 0.5);
	return v[i];
}

static void usage(FILE *f)
{
	fputs("usage: sshbench [-n N] [--size COLSxROWS] [--pages P] [--page-key KEY]\n"
	      "                [--marker TEXT] [--end-marker TEXT] [--quiet-ms Q]\n"
	      "                [--start-cap-ms S] [--key-cap-ms C] [--starting K]\n"
	      "                -- COMMAND [ARG]...\n", f);
}

static int parse(int argc, char **argv, struct config *cf)
{
	enum { O_END_MARKER = BENCH_OPT_OWN, O_STARTING };
	static const struct option opts[] = {
		BENCH_OPTIONS,
		{ "end-marker", required_argument, NULL, O_END_MARKER },
		{ "starting", required_argument, NULL, O_STARTING },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	*cf = (struct config){
		.o = { .cols = 80, .rows = 24, .marker = "?:help", .pages = 100,
		       .page_key = " ", .page_key_len = 1, .quiet_ms = 50,
		       .start_cap_ms = 30000, .key_cap_ms = 10000 },
		.n = 100, .starting = 8, .end_marker = "End of the article.",
	};
	while ((c = getopt_long(argc, argv, "+n:", opts, NULL)) != -1) {
		int bad;

		switch (c) {
		case 'n': bad = bench_number(optarg, 1, MAX_SESSIONS, &cf->n); break;
		case O_STARTING: bad = bench_number(optarg, 1, MAX_SESSIONS, &cf->starting); break;
		case O_END_MARKER: cf->end_marker = optarg; bad = 0; break;
		default: bad = bench_option(&cf->o, c, optarg); break;
		}
		if (bad)
			return -1;
	}
	if (optind >= argc || cf->o.pages > MAX_PAGES || !*cf->o.marker ||
	    !*cf->end_marker)
		return -1;
	cf->argv = argv + optind;
	return 0;
}

int main(int argc, char **argv)
{
	static struct session ss[MAX_SESSIONS];
	struct config cf;
	sigset_t block, waitmask;
	bool ok = true;

	if (parse(argc, argv, &cf) < 0) {
		usage(stderr);
		return 2;
	}
	/* SIGUSR1/SIGTERM only ever arrive inside ppoll(), so a stop that
	 * comes between two polls is not lost. */
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigaddset(&block, SIGTERM);
	sigprocmask(SIG_BLOCK, &block, &waitmask);
	sigdelset(&waitmask, SIGUSR1);
	sigdelset(&waitmask, SIGTERM);
	struct sigaction sa = { .sa_handler = on_stop };
	sigemptyset(&sa.sa_mask);
	sigaction(SIGUSR1, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);

	for (int i = 0; i < cf.n; i++) {
		ss[i] = (struct session){ .fd = -1, .phase = WAITING };
		ss[i].start.text = cf.o.marker;
		ss[i].end.text = cf.end_marker;
	}

	/* --- every first screen, K at a time -------------------------------- */
	static double first[MAX_SESSIONS];
	int nfirst = 0, launched = 0, failed_start = 0;
	for (;;) {
		int starting = 0;
		double t = bench_now_ms();

		for (int i = 0; i < launched; i++) {
			struct session *s = &ss[i];
			if (s->phase != STARTING)
				continue;
			if (s->start.found && t - s->t_last >= cf.o.quiet_ms) {
				s->phase = READY;
				first[nfirst++] = s->t_last - s->t_fork;
			} else if (t - s->t_fork > cf.o.start_cap_ms) {
				fprintf(stderr, "sshbench: session %d: no first screen in %d ms\n",
					i, cf.o.start_cap_ms);
				kill(s->pid, SIGKILL);
				close(s->fd);
				s->fd = -1;
				s->phase = DEAD;
			} else {
				starting++;
			}
		}
		while (launched < cf.n && starting < cf.starting) {
			if (spawn(&cf, &ss[launched]) < 0) {
				perror("sshbench: forkpty");
				return 1;
			}
			launched++;
			starting++;
		}
		if (launched == cf.n && starting == 0)
			break;
		if (stop)
			break;
		pump(ss, launched, 10, &waitmask);
	}
	/* Those that timed out, and those that ended before a first screen. */
	for (int i = 0; i < cf.n; i++)
		failed_start += ss[i].phase != READY;
	if (failed_start) {
		fprintf(stderr, "sshbench: %d session(s) never showed a first screen\n",
			failed_start);
		ok = false;
	}

	/* --- paging: a key to every session at once, every round ------------ */
	static double ans[MAX_SESSIONS * 8];
	double *answers = cf.n * cf.o.pages <= (int)(sizeof ans / sizeof ans[0]) ? ans :
		malloc(sizeof(double) * (size_t)cf.n * (size_t)cf.o.pages);
	int nans = 0, failed_keys = 0;
	if (!answers) {
		perror("sshbench");
		return 1;
	}
	int rounds = 0;
	for (; rounds < cf.o.pages && !stop; rounds++) {
		bool all_end = true;
		for (int i = 0; i < cf.n; i++)
			if (ss[i].phase == READY && !ss[i].end.found)
				all_end = false;
		if (all_end)
			break;
		for (int i = 0; i < cf.n; i++) {
			struct session *s = &ss[i];
			s->t_sent = 0;
			if (s->phase != READY || s->end.found)
				continue;
			s->got = false;
			s->answered = false;
			s->t_sent = bench_now_ms();
			if (write(s->fd, cf.o.page_key, cf.o.page_key_len) != (ssize_t)cf.o.page_key_len) {
				s->answered = true;
				failed_keys++;
			}
		}
		for (;;) {
			int waiting = 0;
			double t = bench_now_ms();

			for (int i = 0; i < cf.n; i++) {
				struct session *s = &ss[i];
				if (s->answered || s->t_sent <= 0)
					continue;
				if (s->phase == DEAD) {
					s->answered = true;
					failed_keys++;
				} else if (s->got && t - s->t_last >= cf.o.quiet_ms) {
					s->answered = true;
					answers[nans++] = s->t_last - s->t_sent;
				} else if (!s->got && t - s->t_sent > cf.o.key_cap_ms) {
					s->answered = true;
					failed_keys++;
				} else {
					waiting++;
				}
			}
			if (!waiting || stop)
				break;
			pump(ss, cf.n, 5, &waitmask);
		}
	}
	int reached_end = 0;
	for (int i = 0; i < cf.n; i++)
		reached_end += ss[i].phase == READY && ss[i].end.found;
	if (failed_keys || reached_end != cf.n)
		ok = false;

	int live = 0;
	for (int i = 0; i < cf.n; i++)
		live += ss[i].phase == READY;
	printf("sessions\t%d\tlive of %d\n", live, cf.n);
	printf("first_screen_ms_median\t%.1f\tms\n", pct(first, nfirst, 0.5));
	printf("first_screen_ms_max\t%.1f\tms\n", pct(first, nfirst, 1.0));
	double key_med = pct(answers, nans, 0.5), key_p99 = pct(answers, nans, 0.99),
	       key_max = pct(answers, nans, 1.0);
	printf("key_ms_median\t%.1f\tms\n", key_med);
	printf("key_ms_p99\t%.1f\tms\n", key_p99);
	printf("key_ms_max\t%.1f\tms\n", key_max);
	printf("rounds\t%d\tkeys per session\n", rounds);
	printf("keys_answered\t%d\tkeys\n", nans);
	printf("keys_failed\t%d\tkeys\n", failed_keys + failed_start * cf.o.pages);
	printf("reached_end\t%d\tsessions\n", reached_end);
	printf("ready\n");
	fflush(stdout);

	/* --- idle: hold every session open until told to stop --------------- */
	while (!stop) {
		int open = 0;
		for (int i = 0; i < cf.n; i++)
			open += ss[i].phase == READY;
		if (!open)
			break;
		pump(ss, cf.n, -1, &waitmask);
	}

	/* --- hang up every session and collect the clients ------------------- */
	for (int i = 0; i < cf.n; i++) {
		if (ss[i].fd >= 0)
			close(ss[i].fd);
		ss[i].fd = -1;
	}
	double deadline = bench_now_ms() + 5000;
	int left = 0;
	for (int i = 0; i < launched; i++)
		left += ss[i].pid > 0;
	while (left > 0) {
		int st;
		pid_t p = waitpid(-1, &st, WNOHANG);
		if (p > 0) {
			left--;
			continue;
		}
		if (p < 0 && errno == ECHILD)
			break;
		if (bench_now_ms() > deadline) {
			for (int i = 0; i < launched; i++)
				if (ss[i].pid > 0)
					kill(ss[i].pid, SIGKILL);
			deadline = bench_now_ms() + 60000;
			ok = false;
		}
		struct timespec nap = { 0, 10000000L };
		nanosleep(&nap, NULL);
	}
	struct rusage ru;
	getrusage(RUSAGE_CHILDREN, &ru);
	printf("client_cpu_s\t%.2f\ts\n",
	       ru.ru_utime.tv_sec + ru.ru_stime.tv_sec +
	       (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6);
	if (answers != ans)
		free(answers);
	return ok ? 0 : 1;
}
