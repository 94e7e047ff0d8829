/* idle.c - the kiosk's idle timer (idle.h). */
#include "idle.h"

void idle_init(struct idle_timer *t, long seconds, long long now_ms)
{
	t->period_ms = (long long)seconds * 1000;
	t->last_ms = now_ms;
	t->fired = false;
}

void idle_touch(struct idle_timer *t, long long now_ms)
{
	t->last_ms = now_ms;
	t->fired = false;
}

bool idle_due(struct idle_timer *t, long long now_ms)
{
	if (now_ms < t->last_ms) {
		idle_touch(t, now_ms);
		return false;
	}
	if (t->fired || now_ms - t->last_ms < t->period_ms)
		return false;
	t->fired = true;
	return true;
}

long long idle_wait_ms(const struct idle_timer *t, long long now_ms)
{
	if (t->fired)
		return -1;
	if (now_ms < t->last_ms)
		return t->period_ms;    /* idle_due() will count this as a touch */
	long long left = t->period_ms - (now_ms - t->last_ms);
	return left > 0 ? left : 0;
}
