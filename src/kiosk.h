/* kiosk.h - what holds a waiting room's handout in every front-end: no
 * signal or key ends, stops or suspends it but the supervisor's, and no
 * core file can carry the article or a reader's ticks away.
 *
 * Contract:
 *  - kiosk_lockdown() is called once by main in kiosk mode, before the
 *    article is read.  It turns core dumps off (RLIMIT_CORE 0, and the
 *    process not dumpable, whatever the system's core pattern says) and
 *    ignores every signal whose default would end, stop or suspend the
 *    process, but for SIGTERM and SIGHUP, which the supervisor uses, and
 *    the faults a program cannot ignore (SIGSEGV and its like).  Returns
 *    0, or -1 with errno when core dumps could not be turned off.
 *  - kiosk_tty_hold() turns off a terminal's signal keys (Ctrl-C, Ctrl-\,
 *    Ctrl-Z become characters) and its flow control (Ctrl-S cannot freeze
 *    it) for the line mode, which keeps the terminal's line editing: the
 *    full-screen reader gets the same from curses' raw mode.  The old
 *    settings go to *saved.  1 when it changed them, 0 when fd is not a
 *    terminal, -1 with errno on failure.  kiosk_tty_release() puts saved
 *    back; whoever held the terminal calls it on every way out.
 */
#ifndef HANDOUT_KIOSK_H
#define HANDOUT_KIOSK_H

#include <termios.h>

int kiosk_lockdown(void);

int kiosk_tty_hold(int fd, struct termios *saved);
void kiosk_tty_release(int fd, const struct termios *saved);

#endif
