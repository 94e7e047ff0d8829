/* ui_curses.c - the full-screen reader: start-up, the key loop, signals,
 * resize and shutdown.
 *
 * Everything the reader does is the core's (state_apply() and friends);
 * this file only reads keys, hands them over, and asks ui_draw() to show
 * the result.  The terminal is restored by one function, leave(), that
 * every way out goes through.
 */
#include "ui.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <curses.h>

#include "idle.h"
#include "keymap.h"
#include "state.h"
#include "statefile.h"
#include "summary.h"
#include "ui_draw.h"
#include "ui_keys.h"
#include "ui_roles.h"
#include "utf8.h"

/* Last: it defines macros named after capabilities ("lines", "columns")
 * that would rename struct members in the headers above. */
#include <term.h>

/* getch() gives up after this long so the loop can look at signals. */
#define TICK_MS 250
/* An ERR this much faster than TICK_MS means no wait happened: the
 * terminal is gone.  After this many in a row, the reader stops. */
#define FAST_ERR_MS 50
#define FAST_ERR_MAX 10
/* Lines one turn of the wheel scrolls. */
#define WHEEL_LINES 3

static volatile sig_atomic_t caught;

static void on_signal(int sig)
{
	caught = sig;
}

static const int handled[] = { SIGINT, SIGTERM, SIGHUP };

struct saved_signals {
	struct sigaction old[sizeof handled / sizeof handled[0]];
	bool set[sizeof handled / sizeof handled[0]];
};

/* Our handlers go in before newterm(): curses then leaves SIGINT and
 * SIGTERM to us (it only takes signals nobody handles), and keeps SIGTSTP
 * (suspend and resume redraw) and SIGWINCH (KEY_RESIZE) for itself.  In
 * kiosk mode SIGINT stays ignored, as main's kiosk_lockdown() left it
 * with every other signal that could end or stop a shared terminal: the
 * supervisor ends a kiosk with SIGTERM or SIGHUP. */
static void catch_signals(struct saved_signals *ss, bool kiosk)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	memset(ss, 0, sizeof *ss);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: a signal cuts a read short and the loop sees it. */
	for (size_t i = 0; i < sizeof handled / sizeof handled[0]; i++) {
		if (kiosk && handled[i] == SIGINT)
			continue;
		ss->set[i] = sigaction(handled[i], &sa, &ss->old[i]) == 0;
	}
	caught = 0;
}

static void restore_signals(const struct saved_signals *ss)
{
	for (size_t i = 0; i < sizeof handled / sizeof handled[0]; i++)
		if (ss->set[i])
			sigaction(handled[i], &ss->old[i], NULL);
}

/* Can this terminal be drawn on at all?  Asked before newterm(), which
 * already switches screens, so a terminal that cannot is left untouched. */
static bool usable_terminal(void)
{
	const char *term = getenv("TERM");
	int err = 0;

	if (!term || !*term)
		return false;
	if (setupterm(NULL, STDOUT_FILENO, &err) != OK)
		return false;
	/* Without cursor addressing there is no full screen: such a
	 * terminal gets the line mode instead. */
	char *cup = tigetstr("cup");
	bool ok = cup && cup != (char *)-1;
	del_curterm(cur_term);
	return ok;
}

static SCREEN *start_curses(bool use_color, bool kiosk)
{
	SCREEN *sp = newterm(NULL, stdout, stdin);

	if (!sp)
		return NULL;
	/* ncurses 6 flushes its output at every cursor movement until the
	 * screen has once been left and resumed: a write(2) per line drawn,
	 * so a packet per line over SSH.  Leaving and resuming once, before
	 * anything is drawn, costs 78 bytes and makes every later doupdate()
	 * one write. */
	endwin();
	doupdate();
	set_escdelay(25);
	/* A kiosk's keyboard sends no signals (Ctrl-C, Ctrl-Z, Ctrl-\ are
	 * keys that do nothing) and cannot freeze the screen with Ctrl-S for
	 * the next patient: raw mode turns off flow control as well. */
	if (kiosk)
		raw();
	else
		cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	wtimeout(stdscr, TICK_MS);
	/* Screen readers and magnifiers follow the hardware cursor. */
	curs_set(1);
	ui_roles_init(use_color);
	ui_mouse_start();
	return sp;
}

static void leave(SCREEN *sp, const struct saved_signals *ss)
{
	if (sp) {
		endwin();
		delscreen(sp);
	}
	restore_signals(ss);
}

/* Now on the clock the idle timer runs on, in milliseconds. */
static long long monotonic_ms(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (long long)now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

/* A key from a person (a resize is not one) restarts the kiosk's idle
 * timer; idle is NULL outside kiosk mode. */
static void touched(struct idle_timer *idle, int key)
{
	if (idle && key >= 0 && key != KEYC_RESIZE)
		idle_touch(idle, monotonic_ms());
}

/* Quiet for long enough in kiosk mode: the next person must find nothing
 * of the last one, on the screen or in the terminal's scrollback. */
static unsigned forget_reader(struct reader_state *st)
{
	state_reset(st);
	/* E3 clears the scrollback (ncurses' clear(1) sends it too).  putp()
	 * writes through stdio, not curses' own buffer: flushed now, so it
	 * goes before the repaint that the next doupdate() sends. */
	char *e3 = tigetstr("E3");
	if (e3 && e3 != (char *)-1) {
		putp(e3);
		fflush(stdout);
	}
	return REDRAW_ALL | REDRAW_CLEAR;
}

static long elapsed_ms(const struct timespec *from)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - from->tv_sec) * 1000
	       + (now.tv_nsec - from->tv_nsec) / 1000000;
}

/* True when the terminal is gone: poll() says so, or reads keep failing
 * at once. */
static bool hung_up(int fast_errs)
{
	struct pollfd p = { .fd = STDIN_FILENO, .events = POLLIN };

	if (poll(&p, 1, 0) > 0 && (p.revents & (POLLHUP | POLLERR | POLLNVAL)))
		return true;
	return fast_errs >= FAST_ERR_MAX;
}

/* The next key (keymap.h), or -1 when none came within a tick.  Sets
 * *gone when the terminal has gone away, so the loop stops instead of
 * spinning on reads that fail at once. */
static int read_key(bool *gone)
{
	static int fast_errs;
	struct timespec t0;
	wint_t wch = 0;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	int ret = wget_wch(stdscr, &wch);
	if (ret == ERR) {
		if (caught)
			return -1;
		if (elapsed_ms(&t0) < FAST_ERR_MS)
			fast_errs++;
		else
			fast_errs = 0;
		if (fast_errs && hung_up(fast_errs))
			*gone = true;
		return -1;
	}
	fast_errs = 0;
	return ui_key_from_curses(ret, wch);
}

static unsigned resize(struct reader_state *st, const struct document *doc)
{
	int rows, cols;

	getmaxyx(stdscr, rows, cols);
	/* curses already knows every cell is stale after a resize: asking
	 * for a clear as well would only send the screen twice. */
	return state_resize(st, doc, cols, rows) & ~REDRAW_CLEAR;
}

/* Append code point cp to buf (len bytes of room) as UTF-8. */
static void utf8_append(char *buf, size_t size, uint32_t cp)
{
	size_t len = strlen(buf);
	char enc[4];
	size_t n;

	if (cp < 0x80) {
		enc[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		enc[0] = (char)(0xc0 | cp >> 6);
		enc[1] = (char)(0x80 | (cp & 0x3f));
		n = 2;
	} else if (cp < 0x10000) {
		enc[0] = (char)(0xe0 | cp >> 12);
		enc[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		enc[2] = (char)(0x80 | (cp & 0x3f));
		n = 3;
	} else {
		enc[0] = (char)(0xf0 | cp >> 18);
		enc[1] = (char)(0x80 | (cp >> 12 & 0x3f));
		enc[2] = (char)(0x80 | (cp >> 6 & 0x3f));
		enc[3] = (char)(0x80 | (cp & 0x3f));
		n = 4;
	}
	if (len + n < size) {
		memcpy(buf + len, enc, n);
		buf[len + n] = '\0';
	}
}

/* Drop the last character of buf. */
static void utf8_chop(char *buf)
{
	size_t len = strlen(buf);

	while (len > 0 && ((unsigned char)buf[--len] & 0xc0) == 0x80)
		;
	buf[len] = '\0';
}

/* What the prompt loop ended with. */
enum prompt_end { PROMPT_SEARCH, PROMPT_CANCEL, PROMPT_IDLE, PROMPT_EXIT };

/* The search prompt: a small line editor on the status line.  Printable
 * characters are typed, Backspace deletes one, Ctrl-U clears, Enter
 * searches, Esc cancels.  Resizes and signals are still seen. */
static enum prompt_end read_query(struct ui_screen *scr, struct reader_state *st,
				  const struct document *doc, char *buf,
				  size_t size, struct idle_timer *idle, bool *gone)
{
	buf[0] = '\0';
	for (;;) {
		ui_draw_prompt(scr, st, "/", buf);
		int key = read_key(gone);
		if (caught || *gone)
			return PROMPT_EXIT;
		/* A half-typed search is a trace of the last reader too. */
		if (key < 0 && idle && idle_due(idle, monotonic_ms()))
			return PROMPT_IDLE;
		touched(idle, key);
		if (key < 0 || key == KEYC_MOUSE)
			continue;
		if (key == KEYC_RESIZE) {
			if (ui_draw(scr, st, doc, resize(st, doc)) < 0)
				return PROMPT_EXIT;
			continue;
		}
		switch (key) {
		case KEYC_ENTER:
			return PROMPT_SEARCH;
		case KEYC_ESC:
		case KEYC_CTRL('g'):
			return PROMPT_CANCEL;
		case KEYC_BACKSPACE:
			if (!buf[0])
				return PROMPT_CANCEL;   /* as in less */
			utf8_chop(buf);
			break;
		case KEYC_CTRL('u'):
			buf[0] = '\0';
			break;
		default:
			if (key >= 0x20 && key < KEYC_BASE && key != 0x7f
			    && !(key >= 0x80 && key < 0xa0))
				utf8_append(buf, size, (uint32_t)key);
			break;
		}
	}
}

static unsigned mouse(struct reader_state *st, const struct document *doc)
{
	enum action a = ACTION_LINE_DOWN;
	unsigned r = 0;
	int y, x;

	switch (ui_mouse_read(&y, &x)) {
	case UI_MOUSE_CLICK:
		return state_click(st, doc, y, x);
	case UI_MOUSE_WHEEL_UP:
		a = ACTION_LINE_UP;
		/* fall through */
	case UI_MOUSE_WHEEL_DOWN:
		for (int i = 0; i < WHEEL_LINES; i++)
			r |= state_apply(st, doc, a);
		return r;
	case UI_MOUSE_NONE:
		break;
	}
	return 0;
}

/* Ask question on the status line until a key answers it: 1 for y, 0 for
 * any other key (only y replaces a file), -1 when a signal or a lost
 * terminal ends the reader meanwhile. */
static int ask_yes_no(struct ui_screen *scr, struct reader_state *st,
		      const struct document *doc, const char *question,
		      bool *gone)
{
	for (;;) {
		ui_draw_prompt(scr, st, question, "");
		int key = read_key(gone);
		if (caught || *gone)
			return -1;
		if (key < 0 || key == KEYC_MOUSE)
			continue;
		if (key == KEYC_RESIZE) {
			if (ui_draw(scr, st, doc, resize(st, doc)) < 0)
				return -1;
			continue;
		}
		return key == 'y' || key == 'Y';
	}
}

/* S: the summary as a file in the current folder, dated today; a file of
 * that name is replaced only when the reader says y.  The outcome goes to
 * the status line.  False when the reader must stop (see ask_yes_no). */
static bool save_summary(struct ui_screen *scr, struct reader_state *st,
			 const struct document *doc, bool *gone)
{
	struct plain_opts po = { .width = SUMMARY_FILE_WIDTH, .ascii = st->ascii };
	struct summary_date day = summary_today();
	char name[SUMMARY_NAME_MAX], line[sizeof st->status];
	struct herror err;

	int r = summary_save(NULL, doc, st->checked, day, &po, false, name,
			     sizeof name, &err);
	if (r == SUMMARY_EXISTS) {
		snprintf(line, sizeof line, "%s exists. Overwrite? (y/n) ", name);
		int yes = ask_yes_no(scr, st, doc, line, gone);
		if (yes < 0)
			return false;
		if (!yes) {
			snprintf(line, sizeof line, "Kept %s; the summary was not saved.",
				 name);
			state_set_status(st, line);
			return true;
		}
		r = summary_save(NULL, doc, st->checked, day, &po, true, name,
				 sizeof name, &err);
	}
	if (r == SUMMARY_SAVED)
		snprintf(line, sizeof line, "Saved %s", name);
	else
		herror_format(&err, line, sizeof line);
	state_set_status(st, line);
	return true;
}

/* A state warning goes to the status line, where the reader looks; the
 * next key clears it, and main says it again on stderr at exit. */
static unsigned show_warning(struct reader_state *st, const struct herror *warn)
{
	char line[sizeof st->status];

	if (!warn || warn->code == HERR_OK)
		return 0;
	state_set_status(st, statefile_brief(warn, line, sizeof line));
	return REDRAW_STATUS;
}

/* Saved state follows the ticks and the section (statefile_keep()).  The
 * save may bring in other sessions' ticks: redraw flags. */
static unsigned keep_state(struct statefile *sf, struct reader_state *st,
			   const struct document *doc)
{
	struct herror warn;

	unsigned r = statefile_keep(sf, doc, st, &warn);
	return r | show_warning(st, &warn);
}

/* The reader proper, once curses runs.  Returns an exit status.  idle is
 * the kiosk's idle timer, NULL outside kiosk mode. */
static int loop(struct ui_screen *scr, struct reader_state *st,
		const struct document *doc, struct statefile *sf,
		struct idle_timer *idle)
{
	unsigned redraw = resize(st, doc) | REDRAW_ALL;
	char query[SEARCH_QUERY_MAX];
	bool gone = false;

	for (;;) {
		if (redraw & REDRAW_CLEAR)
			clearok(curscr, TRUE);
		if (redraw && ui_draw(scr, st, doc, redraw) < 0)
			return -1;
		redraw = 0;

		int key = read_key(&gone);
		if (caught)
			return 128 + caught;
		if (gone)
			return 128 + SIGHUP;
		/* getch() wakes every tick, so the reset comes on time. */
		if (key < 0 && idle && idle_due(idle, monotonic_ms()))
			redraw = forget_reader(st);
		touched(idle, key);
		if (key < 0)
			continue;
		if (key == KEYC_RESIZE) {
			redraw = resize(st, doc);
			continue;
		}
		/* Another session's ticks, before this key acts on them; a
		 * warning is shown after the key, which would clear it. */
		struct herror warn;
		unsigned synced = statefile_refresh(sf, doc, st, &warn);
		if (key == KEYC_MOUSE) {
			redraw = synced;
			if (!state_too_small(st))
				redraw |= mouse(st, doc);
			redraw |= show_warning(st, &warn);
			redraw |= keep_state(sf, st, doc);
			continue;
		}
		/* Nothing is shown to act on, but the reader can still leave. */
		if (state_too_small(st)
		    && keymap_lookup(state_keymap_context(st), key) != ACTION_QUIT) {
			redraw = synced;
			continue;
		}

		redraw = synced | state_key(st, doc, key);
		redraw |= show_warning(st, &warn);
		redraw |= keep_state(sf, st, doc);
		if (redraw & REDRAW_QUIT)
			return 0;
		if (redraw & REDRAW_SAVE) {
			if (ui_draw(scr, st, doc, redraw & ~REDRAW_SAVE) < 0)
				return -1;
			if (!save_summary(scr, st, doc, &gone))
				return caught ? 128 + caught : 128 + SIGHUP;
			redraw = REDRAW_STATUS;
		}
		if (redraw & REDRAW_PROMPT) {
			if (ui_draw(scr, st, doc, redraw & ~REDRAW_PROMPT) < 0)
				return -1;
			switch (read_query(scr, st, doc, query, sizeof query, idle,
					   &gone)) {
			case PROMPT_EXIT:
				return caught ? 128 + caught : 128 + SIGHUP;
			case PROMPT_SEARCH:
				redraw = state_search(st, doc, query) | REDRAW_STATUS;
				redraw |= keep_state(sf, st, doc);
				break;
			case PROMPT_CANCEL:
				redraw = REDRAW_STATUS;
				break;
			case PROMPT_IDLE:
				redraw = forget_reader(st);
				break;
			}
		}
	}
}

int ui_run(const struct document *doc, const struct reader_opts *ro)
{
	struct saved_signals ss;
	struct reader_state st;
	struct ui_screen scr;
	int status;

	if (ro->kiosk) {
		/* Only the system's terminal descriptions: a kiosk user's
		 * environment must not choose what gets sent. */
		unsetenv("TERMINFO");
		unsetenv("TERMINFO_DIRS");
	}
	if (!usable_terminal())
		return UI_NO_TERMINAL;
	if (state_init(&st, doc) < 0 || ui_screen_init(&scr, doc, ro->ascii) < 0) {
		state_free(&st);
		fputs("handout: out of memory\n", stderr);
		return 1;
	}
	st.kiosk = ro->kiosk;
	st.ascii = ro->ascii;
	summary_date_text(summary_today(), st.date, sizeof st.date);
	/* The saved ticks and place first: an explicit --section wins. */
	statefile_apply(ro->state, doc, &st);
	if (ro->section >= 0)
		state_goto_section(&st, doc, (size_t)ro->section);

	/* A problem with the saved state, said where the reader looks. */
	show_warning(&st, ro->state_warning);
	catch_signals(&ss, ro->kiosk);
	SCREEN *sp = start_curses(!ro->no_color, ro->kiosk);
	if (!sp) {
		leave(NULL, &ss);
		ui_screen_free(&scr);
		state_free(&st);
		return UI_NO_TERMINAL;
	}
	struct idle_timer idle;
	idle_init(&idle, ro->idle_reset, monotonic_ms());
	status = loop(&scr, &st, doc, ro->state, ro->kiosk ? &idle : NULL);
	ui_screen_free(&scr);
	leave(sp, &ss);
	/* Once more on the way out (quit, SIGHUP, SIGTERM): the place.  Its
	 * warnings, and all before, main says on stderr. */
	struct herror warn;
	statefile_save(ro->state, doc, &st, &warn);
	if (status < 0) {
		fputs("handout: out of memory\n", stderr);
		status = 1;
	}
	state_free(&st);
	return status;
}
