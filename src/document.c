/* document.c - releasing a document (see document.h for ownership). */
#include "document.h"
#include "arena.h"

void doc_free(struct document *doc)
{
	/* The document itself lives in its own arena. */
	if (doc)
		arena_free(doc->arena);
}
