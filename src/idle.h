/* idle.h - the kiosk's idle timer: when to forget the last reader.
 *
 * Contract: pure arithmetic on times the caller passes in (milliseconds on
 * any clock that never goes back; the reader passes CLOCK_MONOTONIC), so
 * tests drive it with made-up times and never sleep.  No I/O, no global
 * state, no allocation.
 *  - idle_init() starts the timer as if a key had just been pressed.
 *  - idle_touch() says a key was pressed at now.
 *  - idle_due() is true once per quiet spell: the first time it is asked
 *    at least `seconds` after the last touch.  Later calls are false until
 *    the next touch, so an untouched kiosk resets once, not every tick.
 *  - idle_wait_ms() says how long a caller that sleeps until a key comes
 *    may sleep before it must look again: the time left until idle_due()
 *    turns true, 0 when it is due, or -1 when the reset has been done for
 *    this quiet spell (sleep until a key: nothing is due).
 *  - A clock that seems to go back (a caller's bug, or a wrapped counter)
 *    counts as a touch, never as a long wait.
 */
#ifndef HANDOUT_IDLE_H
#define HANDOUT_IDLE_H

#include <stdbool.h>

struct idle_timer {
	long long period_ms;     /* quiet time before a reset */
	long long last_ms;       /* when the last key came */
	bool fired;              /* reset already done for this quiet spell */
};

void idle_init(struct idle_timer *t, long seconds, long long now_ms);
void idle_touch(struct idle_timer *t, long long now_ms);
bool idle_due(struct idle_timer *t, long long now_ms);
long long idle_wait_ms(const struct idle_timer *t, long long now_ms);

#endif
