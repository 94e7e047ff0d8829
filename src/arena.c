/* arena.c - bump allocator: a chain of chunks, freed all at once. */
#include "arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK_MIN (64 * 1024)
#define ALIGN _Alignof(max_align_t)

struct chunk {
	struct chunk *prev;
	size_t size, used;
	max_align_t data[];
};

struct arena {
	struct chunk *top;
	size_t used;
};

struct arena *arena_new(void)
{
	return calloc(1, sizeof(struct arena));
}

void arena_free(struct arena *a)
{
	if (!a)
		return;
	struct chunk *c = a->top;
	while (c) {
		struct chunk *prev = c->prev;
		free(c);
		c = prev;
	}
	free(a);
}

void *arena_alloc(struct arena *a, size_t n)
{
	if (n > SIZE_MAX - ALIGN)
		return NULL;
	n = (n + ALIGN - 1) & ~(size_t)(ALIGN - 1);
	struct chunk *c = a->top;
	if (!c || c->size - c->used < n) {
		/* Big requests get a chunk of their own so small ones keep packing. */
		size_t size = n > CHUNK_MIN ? n : CHUNK_MIN;
		if (size > SIZE_MAX - sizeof(struct chunk))
			return NULL;
		struct chunk *nc = malloc(sizeof(struct chunk) + size);
		if (!nc)
			return NULL;
		nc->size = size;
		nc->used = 0;
		if (c && n > CHUNK_MIN && c->size - c->used >= ALIGN) {
			/* Keep the partly used chunk on top for later small requests. */
			nc->prev = c->prev;
			c->prev = nc;
			nc->used = n;
			a->used += n;
			return (char *)nc->data;
		}
		nc->prev = c;
		a->top = c = nc;
	}
	void *p = (char *)c->data + c->used;
	c->used += n;
	a->used += n;
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

size_t arena_used(const struct arena *a)
{
	return a->used;
}
