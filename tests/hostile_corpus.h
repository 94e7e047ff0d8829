/* hostile_corpus.h - the hostile corpus, generated one case at a time.
 *
 * Contract:
 *  - Cases are numbered 0 .. hc_count() - 1 and are the same on every run
 *    and machine (random ones use fixed seeds), so a failure names a case
 *    that can be regenerated and looked at.
 *  - hc_make() fills *c with a malloc'd buffer; hc_release() frees it.
 *    Only one case need be in memory at a time: the large ones (200,000
 *    levels, 1 MiB strings, 100,000 items) are built on demand.
 *  - Cases that need the bundled article (truncations) read it from
 *    srcdir/content/; hc_make() returns -1 when it cannot (or on ENOMEM).
 *  - expect says what the loader must do.  For HC_REFUSE, code is the error
 *    wanted (HERR_OK: any), and line/column the place wanted (0: any place,
 *    but errors that can have a place must have one).
 */
#ifndef HANDOUT_HOSTILE_CORPUS_H
#define HANDOUT_HOSTILE_CORPUS_H

#include <stddef.h>

#include "error.h"

enum hc_expect {
	HC_REFUSE,      /* refused with code at line:column */
	HC_LOAD,        /* loads; what it shows must be harmless */
	HC_EITHER       /* either, but a refusal must be well formed */
};

struct hcase {
	char name[96];           /* a file name: [a-z0-9.-] */
	char *data;
	size_t len;
	enum hc_expect expect;
	enum herr code;
	unsigned line, column;
};

size_t hc_count(void);
int hc_make(size_t i, const char *srcdir, struct hcase *c);
void hc_release(struct hcase *c);

#endif
