/* check_idle.c - the kiosk's idle timer, on made-up times: no sleeping. */
#include <check.h>
#include <stdlib.h>

#include "idle.h"
#include "testutil.h"

/* A clock that starts far from zero, as CLOCK_MONOTONIC does. */
#define T0 123456789000LL

/* What happens to a timer of a period, step by step: a key comes at a
 * time, or at a time it is (or is not) due, or idle_wait_ms() says how
 * long to wait.  Times are milliseconds after T0. */
enum what { END, KEY, DUE, NOT_DUE, WAITS };

struct step {
	enum what what;
	long long at;
	long long ms;           /* WAITS: what idle_wait_ms() says */
};

#define KEY_AT(at) { KEY, (at), 0 }
#define DUE_AT(at) { DUE, (at), 0 }
#define NOT_DUE_AT(at) { NOT_DUE, (at), 0 }
#define WAITS_AT(at, ms) { WAITS, (at), (ms) }

static const struct story {
	const char *why;
	long period;
	struct step steps[12];
} stories[] = {
	{ "due after the period, not before", 180,
	  { NOT_DUE_AT(0), NOT_DUE_AT(179999), DUE_AT(180000) } },
	/* The reader's loop asks every tick: one reset, not one a tick.  A
	 * key starts a new spell, and it is due again later. */
	{ "once per quiet spell", 2,
	  { DUE_AT(2500), NOT_DUE_AT(2750), NOT_DUE_AT(3600000),
	    KEY_AT(3600000), NOT_DUE_AT(3601999), DUE_AT(3602000) } },
	/* Backwards counts as a key, so the period starts again there. */
	{ "a clock going back is not a wait", 5,
	  { NOT_DUE_AT(-100000), NOT_DUE_AT(-100000 + 4999),
	    DUE_AT(-100000 + 5000) } },
	/* A day in milliseconds does not fit in 32 bits. */
	{ "the longest period", 86400,
	  { NOT_DUE_AT(86400LL * 1000 - 1), DUE_AT(86400LL * 1000) } },
	/* The line mode sleeps in poll() for exactly this long, and no
	 * longer than it must: forever once the reset is done.  A clock gone
	 * back waits a whole period, as idle_due() will see it. */
	{ "the wait until it is due", 3,
	  { WAITS_AT(0, 3000), WAITS_AT(2999, 1), WAITS_AT(3000, 0),
	    WAITS_AT(99000, 0), DUE_AT(99000), WAITS_AT(99001, -1),
	    KEY_AT(100000), WAITS_AT(100500, 2500), WAITS_AT(0, 3000) } },
};

START_TEST(test_story)
{
	const struct story *s = &stories[_i];
	struct idle_timer t;

	idle_init(&t, s->period, T0);
	for (const struct step *p = s->steps; p->what != END; p++) {
		long long now = T0 + p->at;

		switch (p->what) {
		case KEY:
			idle_touch(&t, now);
			break;
		case DUE:
		case NOT_DUE:
			ck_assert_msg(idle_due(&t, now) == (p->what == DUE),
				      "%s: step %td, at T0%+lld: want %s", s->why,
				      p - s->steps, p->at,
				      p->what == DUE ? "due" : "not due");
			break;
		case WAITS:
			ck_assert_msg(idle_wait_ms(&t, now) == p->ms,
				      "%s: step %td, at T0%+lld: waits %lld, want %lld",
				      s->why, p - s->steps, p->at,
				      idle_wait_ms(&t, now), p->ms);
			break;
		case END:
			break;
		}
	}
}
END_TEST

START_TEST(test_keys_put_it_off)
{
	struct idle_timer t;

	idle_init(&t, 10, T0);
	for (long long now = T0; now < T0 + 60000; now += 9000) {
		ck_assert(!idle_due(&t, now));
		idle_touch(&t, now);
	}
	/* The last key came at T0 + 54000. */
	ck_assert(!idle_due(&t, T0 + 54000 + 9999));
	ck_assert(idle_due(&t, T0 + 54000 + 10000));
}
END_TEST

int main(void)
{
	Suite *s = suite_create("idle");
	TCase *tc = tu_tcase(s, "idle");

	tcase_add_loop_test(tc, test_story, 0,
			    (int)(sizeof stories / sizeof stories[0]));
	tcase_add_test(tc, test_keys_put_it_off);
	return tu_run(s);
}
