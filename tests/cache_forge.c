/* cache_forge.c - write a cache that says "the text of A is document B",
 * for tests/compile.sh to tell, from the outside, whether handout took its
 * document from a cache (it then shows B) or parsed the file (A).
 *
 *   cache_forge DIR A.yaml B.yaml      0, or 1 with the reason on stderr
 *
 * Only a test can do this: handout --compile always writes the document
 * of the text it keys. */
#include <stdio.h>
#include <stdlib.h>

#include "doccache.h"
#include "loader.h"
#include "loader_file.h"

int main(int argc, char **argv)
{
	char msg[1024], name[DOCCACHE_NAME_LEN + 1];
	struct herror e;
	struct document *b;
	size_t alen, blen;
	char *a, *btext;

	if (argc != 4) {
		fputs("usage: cache_forge DIR A.yaml B.yaml\n", stderr);
		return 2;
	}
	a = doc_read_file(argv[2], &alen, &e);
	btext = a ? doc_read_file(argv[3], &blen, &e) : NULL;
	b = btext ? doc_load_buffer(argv[3], btext, blen, &e) : NULL;
	if (!b || doccache_save(argv[1], b, a, alen, name, &e)) {
		fprintf(stderr, "cache_forge: %s\n", herror_format(&e, msg, sizeof msg));
		return 1;
	}
	printf("%s\n", name);
	doc_free(b);
	free(btext);
	free(a);
	return 0;
}
