/* ui_input.c - keys, signals and the window's size; see ui_input.h. */
#include "config.h"     /* _GNU_SOURCE: ppoll */
#include "ui_input.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include <curses.h>

#include "keymap.h"
#include "ui_keys.h"

/* "Readable" this many times in a row without a key: the terminal has
 * gone (a read at end of file), though poll() said no hang-up. */
#define EMPTY_READS_MAX 10

static volatile sig_atomic_t caught, winched;

static void on_signal(int sig)
{
	caught = sig;
}

static void on_winch(int sig)
{
	winched = 1;
}

static const int handled[] = { SIGINT, SIGTERM, SIGHUP, SIGWINCH };

/* The window's size from the terminal, capped; false when it cannot be
 * read (then curses' own idea stands). */
static bool window_size(int *rows, int *cols)
{
	struct winsize ws;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) < 0 &&
	    ioctl(STDIN_FILENO, TIOCGWINSZ, &ws) < 0)
		return false;
	if (!ws.ws_row || !ws.ws_col)
		return false;
	*rows = ws.ws_row;
	*cols = ws.ws_col;
	return true;
}

void ui_input_start(struct ui_input *in, bool kiosk)
{
	struct sigaction sa;
	sigset_t block;
	int rows, cols;

	memset(in, 0, sizeof *in);
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sigemptyset(&block);
	for (size_t i = 0; i < sizeof handled / sizeof handled[0]; i++) {
		if (kiosk && handled[i] == SIGINT)
			continue;
		sa.sa_handler = handled[i] == SIGWINCH ? on_winch : on_signal;
		in->set[i] = sigaction(handled[i], &sa, &in->old[i]) == 0;
		sigaddset(&block, handled[i]);
	}
	sigprocmask(SIG_BLOCK, &block, &in->old_mask);
	in->wait_mask = in->old_mask;
	for (size_t i = 0; i < sizeof handled / sizeof handled[0]; i++)
		sigdelset(&in->wait_mask, handled[i]);
	caught = 0;
	winched = 0;
	/* newterm() sizes its screens from LINES and COLUMNS when they are
	 * set: a huge window is never allocated, not even once. */
	if (window_size(&rows, &cols) &&
	    (rows > UI_MAX_ROWS || cols > UI_MAX_COLS)) {
		char n[16];
		snprintf(n, sizeof n, "%d", rows > UI_MAX_ROWS ? UI_MAX_ROWS : rows);
		setenv("LINES", n, 1);
		snprintf(n, sizeof n, "%d", cols > UI_MAX_COLS ? UI_MAX_COLS : cols);
		setenv("COLUMNS", n, 1);
	}
}

void ui_input_stop(struct ui_input *in)
{
	/* Unblocked while our handlers are still in: a signal that came
	 * while it was blocked only sets a flag now, after the terminal was
	 * put back and before the caller saves. */
	sigprocmask(SIG_SETMASK, &in->old_mask, NULL);
	for (size_t i = 0; i < sizeof handled / sizeof handled[0]; i++)
		if (in->set[i])
			sigaction(handled[i], &in->old[i], NULL);
}

int ui_input_signal(void)
{
	return caught;
}

bool ui_input_resize(int *rows, int *cols)
{
	bool capped = false;

	if (window_size(rows, cols)) {
		capped = *rows > UI_MAX_ROWS || *cols > UI_MAX_COLS;
		if (*rows > UI_MAX_ROWS)
			*rows = UI_MAX_ROWS;
		if (*cols > UI_MAX_COLS)
			*cols = UI_MAX_COLS;
		if (*rows != LINES || *cols != COLS)
			resizeterm(*rows, *cols);
	}
	getmaxyx(stdscr, *rows, *cols);
	return capped;
}

static long long now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

enum ui_event ui_input_wait(struct ui_input *in, long long timeout_ms, int *key)
{
	long long deadline = timeout_ms >= 0 ? now_ms() + timeout_ms : -1;

	nodelay(stdscr, TRUE);
	for (;;) {
		wint_t wch = 0;

		if (caught)
			return UI_EV_SIGNAL;
		if (winched) {
			winched = 0;
			return UI_EV_RESIZE;
		}
		/* What curses has read already, or what the terminal has. */
		int ret = wget_wch(stdscr, &wch);
		if (ret != ERR) {
			in->empty_reads = 0;
			*key = ui_key_from_curses(ret, wch);
			if (*key >= 0 && *key != KEYC_RESIZE)
				return UI_EV_KEY;
			continue;
		}

		struct pollfd p = { .fd = STDIN_FILENO, .events = POLLIN };
		struct timespec ts, *tp = NULL;
		if (deadline >= 0) {
			long long left = deadline - now_ms();
			if (left < 0)
				left = 0;
			ts.tv_sec = (time_t)(left / 1000);
			ts.tv_nsec = (long)(left % 1000) * 1000000;
			tp = &ts;
		}
		int n = ppoll(&p, 1, tp, &in->wait_mask);
		if (n < 0) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			return UI_EV_GONE;
		}
		if (n == 0)
			return UI_EV_TIMEOUT;
		if (p.revents & (POLLHUP | POLLERR | POLLNVAL))
			return UI_EV_GONE;
		/* Readable, yet the last read gave no key, again and again:
		 * end of file. */
		if (++in->empty_reads > EMPTY_READS_MAX)
			return UI_EV_GONE;
	}
}
