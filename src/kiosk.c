/* kiosk.c - signals, core dumps and terminal keys in kiosk mode (kiosk.h). */
#include "config.h"
#include "kiosk.h"

#include <errno.h>
#include <signal.h>
#include <stddef.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

/* Signals that end or stop a process by default and that a stranger, a
 * stray program of the kiosk account, or a closed pipe could send. */
static const int ignored[] = {
	SIGINT, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU, SIGUSR1, SIGUSR2,
	SIGALRM, SIGVTALRM, SIGPROF, SIGPIPE, SIGIO, SIGXFSZ,
#ifdef SIGPWR
	SIGPWR,
#endif
#ifdef SIGSTKFLT
	SIGSTKFLT,
#endif
};

int kiosk_lockdown(void)
{
	struct rlimit none = { 0, 0 };
	struct sigaction sa = { .sa_handler = SIG_IGN };
	int r = 0;

	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof ignored / sizeof ignored[0]; i++)
		sigaction(ignored[i], &sa, NULL);
	/* The C library keeps a few real-time signals for itself and
	 * refuses them here; the rest end a process by default too. */
	for (int sig = SIGRTMIN; sig <= SIGRTMAX; sig++)
		sigaction(sig, &sa, NULL);
	if (setrlimit(RLIMIT_CORE, &none) < 0)
		r = -1;
	if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) < 0)
		r = -1;
	return r;
}

int kiosk_tty_hold(int fd, struct termios *saved)
{
	struct termios t;

	if (!isatty(fd))
		return 0;
	if (tcgetattr(fd, saved) < 0)
		return -1;
	t = *saved;
	t.c_lflag &= ~(tcflag_t)ISIG;
	t.c_iflag &= ~(tcflag_t)(IXON | IXOFF);
	/* Belt and braces: were ISIG turned on again by someone else's
	 * stty, the keys would still send nothing. */
	t.c_cc[VINTR] = _POSIX_VDISABLE;
	t.c_cc[VQUIT] = _POSIX_VDISABLE;
	t.c_cc[VSUSP] = _POSIX_VDISABLE;
	if (tcsetattr(fd, TCSANOW, &t) < 0)
		return -1;
	return 1;
}

void kiosk_tty_release(int fd, const struct termios *saved)
{
	int saved_errno = errno;

	tcsetattr(fd, TCSANOW, saved);
	errno = saved_errno;
}
