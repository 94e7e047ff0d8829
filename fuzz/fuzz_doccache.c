/* fuzz_doccache.c - libFuzzer target: any bytes as a compiled article.
 *
 * A cache is untrusted input (doccache.h), so each input is read twice:
 *  1. as a whole cache file, header, key, checksum and all: refused, or a
 *     document;
 *  2. as a document's payload in a frame made right around it (this
 *     program's key, a text, the checksum), so that the fuzzer's changes
 *     reach the payload's reader instead of all dying at the checksum.
 *     An input that starts like a cache (a seed written by --compile, of
 *     any key) gives its own text and payload; any other input is the
 *     payload, after a text of TEXT_LINES empty lines.
 * A document that comes back must pass what fuzz_loader.c checks of a
 * loaded one (fuzz_doc.h), and must be exactly what its payload says:
 * written again, it gives the same bytes, so the reader accepts no second
 * spelling of anything.
 */
#include <stdbool.h>
#include <string.h>

#include "doccache.h"
#include "fuzz.h"
#include "fuzz_doc.h"

#define TEXT_LINES 4096

static unsigned char lines[TEXT_LINES];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	memset(lines, '\n', sizeof lines);
	return 0;
}

static uint64_t le(const uint8_t *p, int n)
{
	uint64_t v = 0;

	while (n--)
		v = v << 8 | p[n];
	return v;
}

static void put_le(unsigned char *p, uint64_t v, int n)
{
	for (int i = 0; i < n; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

/* The key and the text are padded to whole blocks of the hash. */
static size_t pad(size_t n)
{
	return (32 - (n % 32)) % 32;
}

/* The cache for text and payload under this program's key, as the frame
 * in doccache.h lays it out; malloc'd, *n its size. */
static unsigned char *frame(const uint8_t *text, size_t tlen,
			    const uint8_t *payload, size_t plen, size_t *n)
{
	const char *key = doccache_key();
	size_t klen = strlen(key), at = DOCCACHE_HEADER;
	unsigned char *buf;

	*n = DOCCACHE_HEADER + klen + pad(klen) + tlen + pad(tlen) + plen;
	buf = calloc(1, *n);
	if (!buf)
		return NULL;
	memcpy(buf, "HOCACHE\n", 8);
	put_le(buf + 8, DOCCACHE_FORMAT, 4);
	put_le(buf + 12, klen, 4);
	put_le(buf + 16, tlen, 8);
	put_le(buf + 24, doccache_hash(text, tlen), 8);
	put_le(buf + 32, *n - DOCCACHE_HEADER, 8);
	memcpy(buf + at, key, klen);
	at += klen + pad(klen);
	memcpy(buf + at, text, tlen);
	at += tlen + pad(tlen);
	memcpy(buf + at, payload, plen);
	put_le(buf + 40, doccache_hash(buf + DOCCACHE_HEADER,
				       *n - DOCCACHE_HEADER), 8);
	return buf;
}

/* A document read back is checked, and written again must give the very
 * payload it came from. */
static void check(struct document *d, const struct doccache_frame *f)
{
	struct doccache_frame again;
	unsigned char *buf;
	size_t n;

	if (!d)
		return;
	if (strcmp(d->path, "fuzz.cache"))
		fuzz_fail("the document's path is not the name given");
	fuzz_check_document(d);
	if (doccache_encode(d, f->text, f->size, &buf, &n) == 0) {
		if (doccache_open(buf, n, &again) ||
		    again.payload_len != f->payload_len ||
		    memcmp(again.payload, f->payload, f->payload_len))
			fuzz_fail("a payload read back is not what writing it gives");
		free(buf);
	}
	doc_free(d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *text = lines, *payload = data;
	size_t tlen = sizeof lines, plen = size, n;
	struct doccache_frame f;
	unsigned char *buf;

	/* 1. The input as it is, in an exact-size copy (ASan sees a read
	 * one past its end). */
	buf = malloc(size ? size : 1);
	if (!buf)
		return 0;
	memcpy(buf, data, size);
	if (!doccache_open(buf, size, &f))
		check(doccache_decode(&f, "fuzz.cache"), &f);
	free(buf);

	/* 2. Its payload in a frame made right.  A seed from --compile:
	 * its own text and payload, whatever key wrote it. */
	if (size >= DOCCACHE_HEADER && !memcmp(data, "HOCACHE\n", 8)) {
		uint64_t klen = le(data + 12, 4), t = le(data + 16, 8);
		uint64_t at = DOCCACHE_HEADER + klen + pad(klen);

		if (at <= size && t <= size - at &&
		    t + pad(t) <= size - at) {
			text = data + at;
			tlen = t;
			payload = data + at + t + pad(t);
			plen = size - (at + t + pad(t));
		}
	}
	buf = frame(text, tlen, payload, plen, &n);
	if (!buf)
		return 0;
	if (doccache_open(buf, n, &f))
		fuzz_fail("a frame made right is refused");
	check(doccache_decode(&f, "fuzz.cache"), &f);
	free(buf);
	return 0;
}
