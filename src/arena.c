/* arena.c - bump allocator: a list of chunks, freed all at once.
 *
 * Allocation walks on from the current chunk to the first with room, so
 * after arena_reset() the same chunks are filled again in the same order
 * and a layout rebuilt per keystroke allocates nothing new. */
#include "arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK_MIN (64 * 1024)
#define ALIGN _Alignof(max_align_t)

struct chunk {
	struct chunk *next;
	size_t size, used;
	max_align_t data[];
};

struct arena {
	struct chunk *head;      /* every chunk, in the order they are filled */
	struct chunk *cur;       /* where the next allocation looks first */
};

struct arena *arena_new(void)
{
	return calloc(1, sizeof(struct arena));
}

void arena_free(struct arena *a)
{
	if (!a)
		return;
	struct chunk *c = a->head;
	while (c) {
		struct chunk *next = c->next;
		free(c);
		c = next;
	}
	free(a);
}

void arena_reset(struct arena *a)
{
	for (struct chunk *c = a->head; c; c = c->next)
		c->used = 0;
	a->cur = a->head;
}

void *arena_alloc(struct arena *a, size_t n)
{
	if (n > SIZE_MAX - ALIGN)
		return NULL;
	n = (n + ALIGN - 1) & ~(size_t)(ALIGN - 1);
	struct chunk *c = a->cur;
	while (c && c->size - c->used < n)
		c = c->next;
	if (!c) {
		size_t size = n > CHUNK_MIN ? n : CHUNK_MIN;
		if (size > SIZE_MAX - sizeof(struct chunk))
			return NULL;
		c = malloc(sizeof(struct chunk) + size);
		if (!c)
			return NULL;
		c->size = size;
		c->used = 0;
		/* After the current chunk, so a reset fills them in order.  A
		 * big request's chunk of its own does not become the current
		 * one: small requests keep packing the one they were in. */
		if (a->cur) {
			c->next = a->cur->next;
			a->cur->next = c;
		} else {
			c->next = a->head;
			a->head = c;
		}
		if (n <= CHUNK_MIN || !a->cur)
			a->cur = c;
	} else if (c != a->cur && n <= CHUNK_MIN) {
		a->cur = c;
	}
	void *p = (char *)c->data + c->used;
	c->used += n;
	return p;
}

void *arena_array(struct arena *a, size_t count, size_t size)
{
	if (size && count > SIZE_MAX / size)
		return NULL;
	return arena_alloc(a, count * size);
}

char *arena_strndup(struct arena *a, const char *s, size_t len)
{
	if (len == SIZE_MAX)
		return NULL;
	char *p = arena_alloc(a, len + 1);
	if (!p)
		return NULL;
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}
