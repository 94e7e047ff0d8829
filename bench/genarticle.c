/* genarticle.c - write a large, valid handout article for the benchmark,
 * or a library of many articles of ordinary sizes.
 *
 * Contract:
 *   genarticle [BYTES]     (default 10000000; a suffix k or M multiplies)
 *   genarticle --library DIR [N]   (default 1000)
 *
 * Writes to standard output one article in the format of content/SCHEMA.md
 * (schema 1) of at least BYTES bytes (it stops at the first section boundary
 * past BYTES minus the checklist and glossary that follow).  The output is
 * the same on every run and every machine: the text comes from a fixed
 * vocabulary through a fixed-seed generator, never from the clock.
 *
 * What it holds, so a reader is exercised the way a real article would
 * exercise it, only more of it:
 *  - many sections of moderate size (about 4 KB each, so 10 MB is about
 *    2400 sections), each with a unique id;
 *  - every block kind: paragraph, subheading, bullets, numbered, table (with
 *    and without a caption), quote (both the plain and the mapping form),
 *    faq, references (with and without a url); the first section has all of
 *    them, later ones rotate the rarer kinds in;
 *  - a checklist and a glossary;
 *  - UTF-8 beyond ASCII (curly quotes, dashes, accented letters), as the
 *    bundled article has.
 * Every string is non-empty, free of control characters, far below the
 * 64 KiB limit, and written double-quoted or as a folded block scalar, so no
 * word can be misread as YAML syntax.
 *
 * --library writes N articles into the folder DIR (which must exist), as
 * DIR/topic-0001.yaml and on, the same on every run.  Each is a few KB to
 * about 30 KB (sizes spread evenly on a log scale from 3 KB to 30 KB; the
 * smallest is one section, about 4 KB), with the header of an imported
 * page (summary, dates, source, licence), two to four related ids of
 * other articles of the library, sections of every block kind as above,
 * a checklist in one article of three and a glossary.  Words for searches
 * that must find something known: "lymphoedema" once in every article,
 * "zebrafish" once in every 200th (topic-0008, topic-0208, ...).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const words[] = {
	"cancer", "cell", "cells", "tumor", "treatment", "chemotherapy", "doctor",
	"patient", "team", "oncology", "blood", "test", "scan", "sign", "signs",
	"pain", "fever", "fatigue", "weight", "appetite", "breath", "cough",
	"swelling", "lymph", "node", "bone", "liver", "lung", "brain", "spread",
	"growth", "risk", "care", "plan", "dose", "cycle", "week", "month",
	"early", "often", "sometimes", "rarely", "may", "can", "should", "will",
	"the", "a", "an", "and", "or", "but", "with", "without", "during",
	"after", "before", "because", "while", "when", "if", "your", "their",
	"this", "that", "these", "new", "persistent", "unusual", "mild", "severe",
	"important", "helpful", "clear", "simple", "careful", "regular", "daily",
	"follow-up", "side-effect", "immune", "system", "response", "resistance",
	"environment", "microenvironment", "inflammation", "healing", "recovery",
	"report", "notice", "watch", "ask", "tell", "call", "check", "measure",
	"café", "naïve", "rôle", "don’t", "it’s", "patient’s", "—", "–",
};
#define NWORDS (sizeof words / sizeof words[0])

/* xorshift64*: small, fast, and the same everywhere for a fixed seed. */
static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static unsigned rnd(unsigned n)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (unsigned)((rng_state * 0x2545f4914f6cdd1dULL) >> 33) % n;
}

static unsigned long long written;

static void out(const char *s)
{
	size_t n = strlen(s);

	if (fwrite(s, 1, n, stdout) != n) {
		perror("genarticle");
		exit(1);
	}
	written += n;
}

__attribute__((format(printf, 1, 2)))
static void outf(const char *fmt, ...)
{
	char buf[128];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	out(buf);
}

/* A sentence of lo..hi words, capitalised when it starts with an ASCII
 * letter, ending with a full stop.  Words never contain '"' or '\\', so the
 * sentence is safe inside a double-quoted scalar. */
static void sentence(unsigned lo, unsigned hi)
{
	unsigned n = lo + rnd(hi - lo + 1);
	const char *w = words[rnd(NWORDS - 8)];  /* an ASCII word first */
	char first[64];

	snprintf(first, sizeof first, "%s", w);
	first[0] = (char)(first[0] - 'a' + 'A');
	out(first);
	for (unsigned i = 1; i < n; i++) {
		out(i % 9 == 8 ? ", " : " ");
		out(words[rnd(NWORDS)]);
	}
	out(".");
}

/* A short phrase (list item, cell, label): double-quoted, one line. */
static void phrase(unsigned lo, unsigned hi)
{
	out("\"");
	sentence(lo, hi);
	out("\"\n");
}

/* A paragraph as a folded block scalar, wrapped at about 76 columns of
 * source, indented under its key. */
static void paragraph(const char *indent, unsigned sentences)
{
	out(">-\n");
	for (unsigned i = 0; i < sentences; i++) {
		out(indent);
		sentence(8, 22);
		out("\n");
	}
}

static void table(unsigned long sec, int with_caption)
{
	unsigned cols = 2 + rnd(3), rows = 3 + rnd(4);

	out("      - table:\n");
	if (with_caption) {
		out("          caption: ");
		phrase(3, 7);
	}
	out("          columns:\n");
	for (unsigned c = 0; c < cols; c++) {
		outf("            - \"Column %u", c + 1);
		outf(" of table %lu\"\n", sec + 1);
	}
	out("          rows:\n");
	for (unsigned r = 0; r < rows; r++) {
		for (unsigned c = 0; c < cols; c++) {
			out(c == 0 ? "            - - " : "              - ");
			phrase(1, 8);
		}
	}
}

/* A list block (bullets, numbered) of 3 to 2 + more items. */
static void list_block(const char *kind, unsigned more)
{
	outf("      - %s:\n", kind);
	for (unsigned i = 0, n = 3 + rnd(more); i < n; i++) {
		out("          - ");
		phrase(4, 14);
	}
}

/* The first line of a faq or references block; how many items it gets. */
static unsigned items_block(const char *kind)
{
	outf("      - %s:\n", kind);
	return 2 + rnd(3);
}

/* An item's first line, KEY: "LABEL N<sep> sentence", N the next number
 * of *no: every question and reference is told apart by its number. */
static void numbered(const char *key, const char *label, char sep,
		     unsigned long *no, unsigned lo, unsigned hi)
{
	outf("          - %s: \"%s %lu%c ", key, label, ++*no, sep);
	sentence(lo, hi);
	out("\"\n");
}

static void section(unsigned long sec, unsigned long *faq_no, unsigned long *ref_no)
{
	unsigned rot = (unsigned)(sec % 4);
	int all = sec == 0;   /* the first section shows every kind */

	outf("  - id: section-%lu\n", sec + 1);
	outf("    title: \"Part %lu: ", sec + 1);
	sentence(3, 6);
	out("\"\n    blocks:\n");

	for (unsigned p = 0; p < 3; p++) {
		out("      - paragraph: ");
		paragraph("          ", 3 + rnd(4));
	}
	out("      - subheading: ");
	phrase(2, 5);
	list_block("bullets", 5);
	out("      - paragraph: ");
	paragraph("          ", 2 + rnd(4));
	if (all || rot == 0 || rot == 2)
		list_block("numbered", 4);
	if (all || rot == 1 || rot == 3)
		table(sec, all || rot == 1);
	if (all || rot == 2) {
		out("      - quote: ");
		phrase(8, 20);
	}
	if (all || rot == 3) {
		out("      - quote:\n          text: ");
		phrase(8, 20);
		out("          by: ");
		phrase(2, 4);
	}
	out("      - subheading: ");
	phrase(2, 5);
	out("      - paragraph: ");
	paragraph("          ", 3 + rnd(4));
	if (all || sec % 5 == 4)
		for (unsigned i = 0, n = items_block("faq"); i < n; i++) {
			numbered("question", "Question", ':', faq_no, 4, 10);
			out("            answer: ");
			paragraph("              ", 2 + rnd(3));
		}
	if (all || sec % 10 == 9)
		for (unsigned i = 0, n = items_block("references"); i < n; i++) {
			numbered("text", "Reference", '.', ref_no, 5, 12);
			if (i % 2 == 0)
				outf("            url: \"https://example.org/ref/%lu\"\n",
				     *ref_no);
		}
}

static unsigned long long parse_size(const char *s)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || end == s)
		return 0;
	if (*end == 'k' || *end == 'K')
		v *= 1000, end++;
	else if (*end == 'M')
		v *= 1000000, end++;
	return *end ? 0 : v;
}

/* A size from 3000 to 30000 bytes, even on a log scale: 3000 * 10^(k/1000). */
static unsigned long long library_size(void)
{
	double size = 3000;

	for (unsigned k = rnd(1000); k; k--)
		size *= 1.0023052380778996;   /* 10^(1/1000) */
	return (unsigned long long)size;
}

static void library_article(unsigned long i, unsigned long n)
{
	unsigned long long target = library_size();
	unsigned long faq_no = 0, ref_no = 0, sec, nrel;

	written = 0;
	out("# Generated by bench/genarticle --library; not medical content.\n"
	    "schema: 1\n");
	outf("id: topic-%04lu\n", i + 1);
	outf("title: \"Topic %lu: ", i + 1);
	sentence(3, 7);
	out("\"\nsummary: ");
	phrase(10, 24);
	outf("updated: 2025-%02u-%02u\n", 1 + rnd(12), 1 + rnd(28));
	outf("reviewed: 2024-%02u-%02u\n", 1 + rnd(12), 1 + rnd(28));
	out("language: en\n"
	    "source:\n"
	    "  publisher: \"The handout benchmark\"\n");
	outf("  url: \"https://example.org/topic/%lu\"\n", i + 1);
	out("license: \"Generated for a benchmark; no rights reserved\"\n"
	    "disclaimer: >-\n"
	    "  Generated text for a benchmark. It is not medical advice and means\n"
	    "  nothing; talk to your care team about your own care.\n"
	    "advice: \"Tell your care team about any sign you have ticked.\"\n");
	nrel = n > 4 ? 2 + rnd(3) : n - 1;
	if (nrel) {
		unsigned long first = 1 + rnd((unsigned)(n - nrel));

		/* nrel ids in a row after this one, round the library: never
		 * this one, never twice. */
		out("related:\n");
		for (unsigned long r = 0; r < nrel; r++)
			outf("  - topic-%04lu\n", (i + first + r) % n + 1);
	}
	out("sections:\n");
	for (sec = 0; sec == 0 || written + 2000 < target; sec++)
		section(sec, &faq_no, &ref_no);
	/* Into the last section's blocks. */
	out("      - paragraph: >-\n          Ask about lymphoedema, the swelling that ");
	sentence(6, 12);
	out("\n");
	if (i % 200 == 7) {
		out("      - paragraph: \"Research in zebrafish ");
		sentence(6, 12);
		out("\"\n");
	}
	if (i % 3 == 0) {
		out("checklist:\n");
		for (unsigned long k = 0, m = 3 + rnd(6); k < m; k++) {
			outf("  - id: sign-%lu\n    label: ", k + 1);
			phrase(2, 5);
			out("    detail: ");
			phrase(8, 20);
		}
	}
	out("glossary:\n");
	for (unsigned long k = 0, m = 3 + rnd(8); k < m; k++) {
		outf("  - term: \"Term %lu ", k + 1);
		out(words[rnd(NWORDS - 8)]);
		out("\"\n    definition: ");
		phrase(6, 16);
	}
}

static int library(const char *dir, const char *count)
{
	unsigned long long n = count ? parse_size(count) : 1000;
	char path[4096];

	if (!n || n > 9999) {
		fputs("genarticle: --library takes 1 to 9999 articles\n", stderr);
		return 2;
	}
	for (unsigned long i = 0; i < n; i++) {
		snprintf(path, sizeof path, "%s/topic-%04lu.yaml", dir, i + 1);
		if (!freopen(path, "w", stdout)) {
			perror(path);
			return 1;
		}
		library_article(i, (unsigned long)n);
		if (fflush(stdout) != 0) {
			perror(path);
			return 1;
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	unsigned long long target = 10000000;
	unsigned long faq_no = 0, ref_no = 0, sec;
	/* The checklist and glossary written after the sections: about this
	 * many bytes, so the total lands just past the target. */
	const unsigned long long tail = 40000;

	if (argc >= 3 && argc <= 4 && !strcmp(argv[1], "--library"))
		return library(argv[2], argc == 4 ? argv[3] : NULL);
	if (argc > 2 || (argc == 2 && !(target = parse_size(argv[1])))) {
		fputs("Usage: genarticle [BYTES]   (e.g. 10M; default 10000000)\n"
		      "       genarticle --library DIR [N]   (default 1000)\n",
		      stderr);
		return 2;
	}

	out("# Generated by bench/genarticle for the benchmark; not medical content.\n"
	    "schema: 1\n"
	    "id: generated-benchmark-article\n"
	    "title: \"A Generated Article — For Measuring the Reader\"\n"
	    "summary: \"Synthetic text in the shape of a patient-education article.\"\n"
	    "author: \"bench/genarticle\"\n"
	    "updated: 2025-01-01\n"
	    "language: en\n"
	    "source:\n"
	    "  publisher: \"The handout benchmark\"\n"
	    "  url: \"https://example.org/generated\"\n"
	    "disclaimer: >-\n"
	    "  Generated text for a benchmark. It is not medical advice and means\n"
	    "  nothing; talk to your care team about your own care.\n"
	    "advice: \"Tell your care team about any sign you have ticked.\"\n"
	    "sections:\n");
	for (sec = 0; sec == 0 || written + tail < target; sec++)
		section(sec, &faq_no, &ref_no);

	out("checklist:\n");
	for (unsigned long i = 0; i < 12; i++) {
		outf("  - id: sign-%lu\n    label: ", i + 1);
		phrase(2, 5);
		if (i % 3 != 2) {
			out("    detail: ");
			phrase(8, 20);
		}
	}
	out("glossary:\n");
	for (unsigned long i = 0; written < target || i < 10; i++) {
		outf("  - term: \"Term %lu ", i + 1);
		out(words[rnd(NWORDS - 8)]);
		out("\"\n    definition: ");
		phrase(6, 16);
	}
	if (fflush(stdout) != 0) {
		perror("genarticle");
		return 1;
	}
	return 0;
}
