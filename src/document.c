/* document.c - releasing a document (see document.h for ownership), and
 * finding its parts by id. */
#include "document.h"
#include "arena.h"

#include <stdlib.h>
#include <string.h>

void doc_free(struct document *doc)
{
	/* The document itself lives in its own arena. */
	if (doc)
		arena_free(doc->arena);
}

void doc_header_free(struct doc_header *h)
{
	/* One block: the header, then its related ids, then its strings. */
	free(h);
}

long doc_section_by_id(const struct document *doc, const char *id)
{
	for (size_t i = 0; i < doc->nsections; i++)
		if (strcmp(doc->sections[i].id, id) == 0)
			return (long)i;
	return -1;
}

long doc_check_by_id(const struct document *doc, const char *id)
{
	for (size_t i = 0; i < doc->nchecks; i++)
		if (strcmp(doc->checks[i].id, id) == 0)
			return (long)i;
	return -1;
}
