/* arena.h - bump allocator behind "one root, one free": a document's
 * strings and arrays, and the text a layout makes.
 *
 * Contract: everything allocated from an arena lives until arena_reset()
 * or arena_free() on it; there is no per-object free.  arena_reset() keeps
 * the memory for the next allocations, so a layout made again and again
 * stops allocating.  Allocation failure returns NULL (the caller reports
 * it); the arena stays usable and freeable.
 */
#ifndef HANDOUT_ARENA_H
#define HANDOUT_ARENA_H

#include <stddef.h>

struct arena;

/* A new, empty arena, or NULL when out of memory. */
struct arena *arena_new(void);

/* Free the arena and every block it handed out.  NULL is a no-op. */
void arena_free(struct arena *a);

/* Forget everything handed out; keep the memory for what comes next. */
void arena_reset(struct arena *a);

/* n bytes aligned for any object, or NULL.  n == 0 gives a valid pointer. */
void *arena_alloc(struct arena *a, size_t n);

/* Like arena_alloc for an array; NULL also when count * size overflows. */
void *arena_array(struct arena *a, size_t count, size_t size);

/* A NUL-terminated copy of the len bytes at s, or NULL. */
char *arena_strndup(struct arena *a, const char *s, size_t len);

#endif
