/* check_idle.c - the kiosk's idle timer, on made-up times: no sleeping. */
#include <check.h>
#include <stdlib.h>

#include "idle.h"
#include "testutil.h"

/* A clock that starts far from zero, as CLOCK_MONOTONIC does. */
#define T0 123456789000LL

START_TEST(test_due_after_the_period_not_before)
{
	struct idle_timer t;

	idle_init(&t, 180, T0);
	ck_assert(!idle_due(&t, T0));
	ck_assert(!idle_due(&t, T0 + 179999));
	ck_assert(idle_due(&t, T0 + 180000));
}
END_TEST

START_TEST(test_once_per_quiet_spell)
{
	struct idle_timer t;

	idle_init(&t, 2, T0);
	ck_assert(idle_due(&t, T0 + 2500));
	/* The reader's loop asks every tick: one reset, not one a tick. */
	ck_assert(!idle_due(&t, T0 + 2750));
	ck_assert(!idle_due(&t, T0 + 3600000));
	/* A key starts a new spell, and it is due again later. */
	idle_touch(&t, T0 + 3600000);
	ck_assert(!idle_due(&t, T0 + 3601999));
	ck_assert(idle_due(&t, T0 + 3602000));
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

START_TEST(test_clock_going_back_is_not_a_wait)
{
	struct idle_timer t;

	idle_init(&t, 5, T0);
	/* Backwards counts as a key, so the period starts again there. */
	ck_assert(!idle_due(&t, T0 - 100000));
	ck_assert(!idle_due(&t, T0 - 100000 + 4999));
	ck_assert(idle_due(&t, T0 - 100000 + 5000));
}
END_TEST

START_TEST(test_longest_period)
{
	struct idle_timer t;

	/* A day in milliseconds does not fit in 32 bits. */
	idle_init(&t, 86400, T0);
	ck_assert(!idle_due(&t, T0 + 86400LL * 1000 - 1));
	ck_assert(idle_due(&t, T0 + 86400LL * 1000));
}
END_TEST

/* The line mode sleeps in poll() for exactly this long, and no longer
 * than it must: forever once the reset is done. */
START_TEST(test_wait_until_due)
{
	struct idle_timer t;

	idle_init(&t, 3, T0);
	ck_assert_int_eq(idle_wait_ms(&t, T0), 3000);
	ck_assert_int_eq(idle_wait_ms(&t, T0 + 2999), 1);
	ck_assert_int_eq(idle_wait_ms(&t, T0 + 3000), 0);
	ck_assert_int_eq(idle_wait_ms(&t, T0 + 99000), 0);
	ck_assert(idle_due(&t, T0 + 99000));
	ck_assert_int_eq(idle_wait_ms(&t, T0 + 99001), -1);
	idle_touch(&t, T0 + 100000);
	ck_assert_int_eq(idle_wait_ms(&t, T0 + 100500), 2500);
	/* A clock gone back: a whole period, as idle_due() will see it. */
	ck_assert_int_eq(idle_wait_ms(&t, T0), 3000);
}
END_TEST

static Suite *idle_suite(void)
{
	Suite *s = suite_create("idle");

	tu_add_tests(tu_tcase(s, "idle"), test_due_after_the_period_not_before,
		     test_once_per_quiet_spell, test_keys_put_it_off,
		     test_clock_going_back_is_not_a_wait, test_longest_period,
		     test_wait_until_due);
	return s;
}

int main(void)
{
	return tu_run(idle_suite());
}
