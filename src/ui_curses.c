/* ui_curses.c - the full-screen reader: start-up, the key loop, the
 * prompts, resize and shutdown.
 *
 * Everything the reader does is the core's (state_apply() and friends);
 * this file only takes keys from ui_input.c, hands them over, and asks
 * ui_draw() to show the result.  The terminal is restored by one function,
 * leave(), that every way out goes through.
 */
#include "ui.h"

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
#include "session.h"
#include "statefile.h"
#include "summary.h"
#include "ui_draw.h"
#include "ui_input.h"
#include "ui_keys.h"
#include "ui_roles.h"
#include "utf8.h"

/* Last: it defines macros named after capabilities ("lines", "columns")
 * that would rename struct members in the headers above. */
#include <term.h>

/* Lines one turn of the wheel scrolls. */
#define WHEEL_LINES 3

/* next_key()'s answers that are not keys. */
#define KEY_NONE (-1)    /* a wait ran out, nothing to do */
#define KEY_IDLE (-2)    /* the kiosk's idle reset is due */
#define KEY_STOP (-3)    /* a signal or a lost terminal: stop */

/* One run of the reader. */
struct reader {
	struct ui_screen scr;
	struct session *ses;       /* the state, the open article, its saving */
	struct reader_state *st;   /* &ses->st */
	struct idle_timer *idle;   /* the kiosk's; NULL outside kiosk mode */
	struct ui_input in;
	int stop;                  /* the exit status once it must stop */
};

/* The terminal as newterm() found it, or NULL when it cannot be drawn
 * on: no TERM, no description of it, or no cursor addressing (TERM=dumb),
 * which gets the line mode instead.  The description is read and parsed
 * once, by newterm() (a check of its own before it did all that twice).
 * A terminal without cursor addressing has no screen to switch to, so
 * newterm() has sent it nothing; it only changed its modes, which are
 * put back. */
static SCREEN *new_screen(void)
{
	const char *term = getenv("TERM");

	if (!term || !*term)
		return NULL;
	SCREEN *sp = newterm(NULL, stdout, stdin);
	if (!sp)
		return NULL;
	char *cup = tigetstr("cup");
	if (cup && cup != (char *)-1)
		return sp;
	reset_shell_mode();
	delscreen(sp);
	return NULL;
}

static SCREEN *start_curses(bool use_color, bool kiosk)
{
	SCREEN *sp = new_screen();

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
	/* Screen readers and magnifiers follow the hardware cursor. */
	curs_set(1);
	ui_roles_init(use_color);
	ui_mouse_start();
	return sp;
}

static void leave(SCREEN *sp, struct ui_input *in)
{
	if (sp) {
		endwin();
		delscreen(sp);
	}
	ui_input_stop(in);
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
static unsigned forget_reader(struct reader *r)
{
	unsigned redraw = session_forget(r->ses);
	/* E3 clears the scrollback (ncurses' clear(1) sends it too).  putp()
	 * writes through stdio, not curses' own buffer: flushed now, so it
	 * goes before the repaint that the next doupdate() sends. */
	char *e3 = tigetstr("E3");
	if (e3 && e3 != (char *)-1) {
		putp(e3);
		fflush(stdout);
	}
	return redraw;
}

/* The next key, waiting without a wake-up until one comes: KEYC_RESIZE
 * for a resize, or one of the KEY_ answers above (r->stop then holds the
 * exit status). */
static int next_key(struct reader *r)
{
	long long wait = r->idle ? idle_wait_ms(r->idle, monotonic_ms()) : -1;
	int key = KEY_NONE;

	switch (ui_input_wait(&r->in, wait, &key)) {
	case UI_EV_KEY:
		touched(r->idle, key);
		return key;
	case UI_EV_RESIZE:
		return KEYC_RESIZE;
	case UI_EV_TIMEOUT:
		return r->idle && idle_due(r->idle, monotonic_ms()) ? KEY_IDLE
								     : KEY_NONE;
	case UI_EV_SIGNAL:
		r->stop = 128 + ui_input_signal();
		return KEY_STOP;
	case UI_EV_GONE:
		r->stop = 128 + SIGHUP;
		return KEY_STOP;
	}
	return KEY_NONE;
}

/* The window changed (or the reader starts): its size, capped, to curses
 * and to the state; a capped window says so. */
static unsigned resize(struct reader *r)
{
	int rows, cols;
	bool capped = ui_input_resize(&rows, &cols);
	/* curses already knows every cell is stale after a resize: asking
	 * for a clear as well would only send the screen twice. */
	unsigned redraw = state_resize(r->st, session_doc(r->ses), cols, rows) & ~REDRAW_CLEAR;

	if (capped) {
		char line[sizeof r->st->status];
		snprintf(line, sizeof line, "The window is bigger than %dx%d: "
			 "handout uses the top left %dx%d of it.",
			 UI_MAX_COLS, UI_MAX_ROWS, cols, rows);
		state_set_status(r->st, line);
		redraw |= REDRAW_STATUS;
	}
	return redraw;
}

/* Draw; an out-of-memory failure stops the reader. */
static bool draw(struct reader *r, unsigned redraw)
{
	if (ui_draw(&r->scr, r->st, session_doc(r->ses), redraw) < 0) {
		r->stop = -1;
		return false;
	}
	return true;
}

/* Append code point cp to buf (size bytes of room) as UTF-8. */
static void prompt_add(char *buf, size_t size, uint32_t cp)
{
	size_t len = strlen(buf);
	char enc[4];
	size_t n = utf8_encode(cp, enc);

	if (len + n < size) {
		memcpy(buf + len, enc, n);
		buf[len + n] = '\0';
	}
}

/* Drop the last character of buf. */
static void prompt_chop(char *buf)
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
static enum prompt_end read_query(struct reader *r, char *buf, size_t size)
{
	buf[0] = '\0';
	for (;;) {
		ui_draw_prompt(&r->scr, r->st, "/", buf);
		int key = next_key(r);
		if (key == KEY_STOP)
			return PROMPT_EXIT;
		/* A half-typed search is a trace of the last reader too. */
		if (key == KEY_IDLE)
			return PROMPT_IDLE;
		if (key < 0 || key == KEYC_MOUSE)
			continue;
		if (key == KEYC_RESIZE) {
			if (!draw(r, resize(r)))
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
			prompt_chop(buf);
			break;
		case KEYC_CTRL('u'):
			buf[0] = '\0';
			break;
		default:
			/* Nothing typed may drive the terminal when the
			 * prompt or "Pattern not found" shows it. */
			if (key >= 0x20 && key < KEYC_BASE &&
			    !utf8_unsafe((uint32_t)key))
				prompt_add(buf, size, (uint32_t)key);
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
 * any other key (only y replaces a file), -1 when the reader must stop
 * meanwhile (r->stop says why). */
static int ask_yes_no(struct reader *r, const char *question)
{
	for (;;) {
		ui_draw_prompt(&r->scr, r->st, question, "");
		int key = next_key(r);
		if (key == KEY_STOP)
			return -1;
		if (key < 0 || key == KEYC_MOUSE)
			continue;
		if (key == KEYC_RESIZE) {
			if (!draw(r, resize(r)))
				return -1;
			continue;
		}
		return key == 'y' || key == 'Y';
	}
}

/* S: the summary as a file in the current folder, dated today; a file of
 * that name is replaced only when the reader says y.  The outcome goes to
 * the status line.  False when the reader must stop (see ask_yes_no). */
static bool save_summary(struct reader *r)
{
	struct reader_state *st = r->st;
	struct plain_opts po = { .width = SUMMARY_FILE_WIDTH, .ascii = st->ascii };
	struct summary_date day = summary_today();
	char name[SUMMARY_NAME_MAX], line[sizeof st->status];
	struct herror err;

	int res = summary_save(NULL, session_doc(r->ses), st->checked, day, &po, false, name,
			       sizeof name, &err);
	if (res == SUMMARY_EXISTS) {
		snprintf(line, sizeof line, "%s exists. Overwrite? (y/n) ", name);
		int yes = ask_yes_no(r, line);
		if (yes < 0)
			return false;
		if (!yes) {
			snprintf(line, sizeof line, "Kept %s; the summary was not saved.",
				 name);
			state_set_status(st, line);
			return true;
		}
		res = summary_save(NULL, session_doc(r->ses), st->checked, day, &po, true, name,
				   sizeof name, &err);
	}
	if (res == SUMMARY_SAVED)
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

/* After a key: what it asked of the session (an article to open or
 * close), and the saved state kept up (statefile_keep() in the session);
 * a warning goes to the status line.  Redraw flags. */
static unsigned after_key(struct reader *r, unsigned redraw)
{
	struct herror warn;

	redraw = session_handle(r->ses, redraw, &warn);
	redraw |= show_warning(r->st, &warn);
	redraw |= session_keep(r->ses, &warn);
	return redraw | show_warning(r->st, &warn);
}

/* The reader proper, once curses runs.  Returns an exit status, or -1
 * when out of memory. */
static int loop(struct reader *r)
{
	struct reader_state *st = r->st;
	unsigned redraw = resize(r) | REDRAW_ALL;
	char query[SEARCH_QUERY_MAX];

	for (;;) {
		if (redraw & REDRAW_CLEAR)
			clearok(curscr, TRUE);
		if (redraw && !draw(r, redraw))
			return r->stop;
		redraw = 0;

		int key = next_key(r);
		if (key == KEY_STOP)
			return r->stop;
		if (key == KEY_IDLE) {
			redraw = forget_reader(r);
			continue;
		}
		if (key < 0)
			continue;
		if (key == KEYC_RESIZE) {
			redraw = resize(r);
			continue;
		}
		/* Another session's ticks, before this key acts on them; a
		 * warning is shown after the key, which would clear it. */
		struct herror warn;
		unsigned synced = session_refresh(r->ses, &warn);
		const struct document *doc = session_doc(r->ses);
		if (key == KEYC_MOUSE) {
			redraw = synced;
			if (!state_too_small(st))
				redraw |= mouse(st, doc);
			redraw |= show_warning(st, &warn);
			redraw = after_key(r, redraw);
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
		redraw = after_key(r, redraw);
		if (redraw & REDRAW_QUIT)
			return 0;
		if (redraw & REDRAW_SAVE) {
			if (!draw(r, redraw & ~REDRAW_SAVE) || !save_summary(r))
				return r->stop;
			redraw = REDRAW_STATUS;
		}
		if (redraw & REDRAW_PROMPT) {
			if (!draw(r, redraw & ~REDRAW_PROMPT))
				return r->stop;
			switch (read_query(r, query, sizeof query)) {
			case PROMPT_EXIT:
				return r->stop;
			case PROMPT_SEARCH:
				redraw = state_search(st, session_doc(r->ses), query)
					| REDRAW_STATUS;
				redraw = after_key(r, redraw);
				break;
			case PROMPT_CANCEL:
				redraw = REDRAW_STATUS;
				break;
			case PROMPT_IDLE:
				redraw = forget_reader(r);
				break;
			}
		}
	}
}

int ui_run(struct session *ses, const struct reader_opts *ro)
{
	struct reader r;
	int status;

	memset(&r, 0, sizeof r);
	r.ses = ses;
	r.st = &ses->st;
	if (ro->kiosk) {
		/* Only the system's terminal descriptions: a kiosk user's
		 * environment must not choose what gets sent. */
		unsetenv("TERMINFO");
		unsetenv("TERMINFO_DIRS");
	}
	ui_screen_init(&r.scr, ro->ascii);
	/* A problem with the saved state, said where the reader looks. */
	show_warning(r.st, ro->state_warning);
	ui_input_start(&r.in, ro->kiosk);
	SCREEN *sp = start_curses(!ro->no_color, ro->kiosk);
	if (!sp) {
		leave(NULL, &r.in);
		ui_screen_free(&r.scr);
		return UI_NO_TERMINAL;
	}
	struct idle_timer idle;
	idle_init(&idle, ro->idle_reset, monotonic_ms());
	r.idle = ro->kiosk ? &idle : NULL;
	status = loop(&r);
	ui_screen_free(&r.scr);
	leave(sp, &r.in);
	if (status < 0) {
		fputs("handout: out of memory\n", stderr);
		status = 1;
	}
	return status;
}
