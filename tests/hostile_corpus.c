/* hostile_corpus.c - every hostile input the suite feeds the loader, built
 * on demand (see hostile_corpus.h for the contract).
 *
 * Groups, in case order:
 *   esc-FIELD-N   a YAML escape that decodes to a control, an escape
 *                 sequence or a bidi control, in each of the article's
 *                 text fields (and a key): refused at the backslash
 *   raw-FIELD-N   the same characters as raw bytes, and bytes that are not
 *                 UTF-8: refused at the byte (a raw CR or NEL is a line
 *                 break in YAML and is folded away, so those load)
 *   style-S-N     raw bytes in plain, single-quoted and literal scalars
 *   zw-FIELD-N    zero-width and invisible characters that are not
 *                 controls: kept, and must come out harmless
 *   shape-NAME    empty, anchors, aliases, tags, nesting, sizes, counts
 *   cut-N         the bundled article truncated at several points
 *   rand-KIND-N   random bytes, text and YAML tokens, fixed seeds
 */
#include "hostile_corpus.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

/* ---- a growing buffer: a memory stream -------------------------------- */

/* A case is written into f; after sb_close(), p holds its n bytes.  A
 * failed write (no memory) shows in ferror(), and the loops that write
 * much stop on it. */
struct sb {
	FILE *f;
	char *p;
	size_t n;
};

static bool sb_failed(struct sb *b)
{
	return ferror(b->f) != 0;
}

static void sb_add(struct sb *b, const char *s, size_t len)
{
	fwrite(s, 1, len, b->f);
}

static void sb_str(struct sb *b, const char *s)
{
	fputs(s, b->f);
}

static void sb_printf(struct sb *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void sb_printf(struct sb *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(b->f, fmt, ap);
	va_end(ap);
}

static void sb_rep(struct sb *b, const char *s, size_t times)
{
	for (size_t i = 0; i < times && *s && !sb_failed(b); i++)
		fputs(s, b->f);
}

/* 0 when the case was written whole into p and n, else -1 (p freed). */
static int sb_close(struct sb *b)
{
	bool failed = sb_failed(b);

	if (fclose(b->f) != 0 || failed) {
		free(b->p);
		b->p = NULL;
		return -1;
	}
	return 0;
}

/* ---- the article with a slot in every text field ---------------------- */

/* One line per entry; '@' marks a slot.  The last line (a key) is written
 * only when it is the slot being filled, since any other key is unknown. */
static const char *const tmpl[] = {
	"schema: 1",
	"id: hostile",
	"title: \"@\"",
	"summary: \"@\"",
	"author: \"@\"",
	"updated: 2025-01-31",
	"language: \"@\"",
	"source:",
	"  publisher: \"@\"",
	"  url: \"@\"",
	"disclaimer: \"@\"",
	"advice: \"@\"",
	"sections:",
	"  - id: one",
	"    title: \"@\"",
	"    blocks:",
	"      - paragraph: \"@\"",
	"      - subheading: \"@\"",
	"      - bullets:",
	"          - \"@\"",
	"      - numbered:",
	"          - \"@\"",
	"      - table:",
	"          caption: \"@\"",
	"          columns:",
	"            - \"@\"",
	"          rows:",
	"            - - \"@\"",
	"      - quote:",
	"          text: \"@\"",
	"          by: \"@\"",
	"      - quote: \"@\"",
	"      - faq:",
	"          - question: \"@\"",
	"            answer: \"@\"",
	"      - references:",
	"          - text: \"@\"",
	"            url: \"@\"",
	"checklist:",
	"  - id: sign",
	"    label: \"@\"",
	"    detail: \"@\"",
	"glossary:",
	"  - term: \"@\"",
	"    definition: \"@\"",
	"\"@\": key",
};
#define NTMPL (sizeof(tmpl) / sizeof(tmpl[0]))

/* The slots' names, in template order. */
static const char *const fields[] = {
	"title", "summary", "author", "language", "publisher", "source-url",
	"disclaimer", "advice", "section-title", "paragraph", "subheading",
	"bullet", "numbered", "caption", "column", "cell", "quote-text",
	"quote-by", "quote-short", "question", "answer", "ref-text", "ref-url",
	"check-label", "check-detail", "term", "definition", "key",
};
#define NFIELDS (sizeof(fields) / sizeof(fields[0]))

/* The article with payload (plen bytes, written as is) between "ok" and
 * "ok" in slot `field`, every other slot holding plain words.  *line and
 * *column get the payload's place (1-based; the template is ASCII, so
 * columns are bytes up to there). */
static void build_article(struct sb *b, size_t field, const char *payload,
			  size_t plen, unsigned *line, unsigned *column)
{
	size_t slot = 0;
	unsigned ln = 0;

	for (size_t i = 0; i < NTMPL; i++) {
		const char *at = strchr(tmpl[i], '@');

		if (!at) {
			sb_str(b, tmpl[i]);
			sb_str(b, "\n");
			ln++;
			continue;
		}
		if (i == NTMPL - 1 && slot != field)
			break;
		ln++;
		sb_add(b, tmpl[i], (size_t)(at - tmpl[i]));
		if (slot == field) {
			*line = ln;
			*column = (unsigned)(at - tmpl[i]) + 3;
			sb_str(b, "ok");
			sb_add(b, payload, plen);
			sb_str(b, "ok");
		} else {
			sb_printf(b, "Plain words for %s", fields[slot]);
		}
		sb_str(b, at + 1);
		sb_str(b, "\n");
		slot++;
	}
}

/* ---- payloads ----------------------------------------------------------- */

/* Escapes (YAML source text, inside double quotes) that decode to
 * something refused.  The first character decoded is always refused, so
 * the error is at the backslash. */
static const char *const esc_named[] = {
	"\\e[31m",                     /* CSI: colour */
	"\\e[2J\\e[H",                 /* CSI: clear screen */
	"\\e]0;pwned\\a",              /* OSC 0: window title */
	"\\e]52;c;cHduZWQ=\\a",        /* OSC 52: set the clipboard */
	"\\e]8;;http://evil/\\e\\\\",  /* OSC 8: hyperlink */
	"\\eP+q\\e\\\\",               /* DCS */
	"\\x9b2J",                     /* 8-bit CSI */
	"\\x9d0;pwned\\x9c",           /* 8-bit OSC, 8-bit ST */
	"\\r\\e[K",                    /* return and erase the line */
	"\\b\\b\\b",                   /* backspace over what came before */
	"\\U0000001b[31m",             /* ESC in the long form */
	"\\u001B[31m",
	"\\N",                         /* NEL, a C1 control */
	"\\0",
	"\\a",
	"\\v",
	"\\f",
};
#define NESC_NAMED (sizeof(esc_named) / sizeof(esc_named[0]))

static const unsigned bidi[] = {
	0x202A, 0x202B, 0x202C, 0x202D, 0x202E,
	0x2066, 0x2067, 0x2068, 0x2069,
};
#define NBIDI (sizeof(bidi) / sizeof(bidi[0]))

/* C0 (but tab and newline), DEL, C1: 30 + 1 + 32. */
#define NCTRL 63

static unsigned ctrl_code(size_t k)
{
	if (k < 30)
		return (unsigned)(k < 9 ? k : k + 2);   /* skip 0x09, 0x0A */
	if (k == 30)
		return 0x7F;
	return (unsigned)(0x80 + (k - 31));
}

#define NESC (NESC_NAMED + NCTRL + NBIDI)

/* Escape payload k into buf. */
static void esc_payload(size_t k, char *buf, size_t size)
{
	if (k < NESC_NAMED)
		snprintf(buf, size, "%s", esc_named[k]);
	else if (k < NESC_NAMED + NCTRL)
		snprintf(buf, size, "\\x%02X", ctrl_code(k - NESC_NAMED));
	else
		snprintf(buf, size, "\\u%04X", bidi[k - NESC_NAMED - NCTRL]);
}

/* Raw payloads: the bytes, what the loader must say, and whether the
 * error is at the payload (every refusal here is). */
struct raw {
	const char *bytes;
	size_t len;
	enum hc_expect expect;
	enum herr code;
	unsigned at;            /* the error's column after the payload's */
};

#define RAW(s, e, c) { s, sizeof(s) - 1, e, c, 0 }
/* libyaml reports a cut-short character at the byte that should have
 * continued it. */
#define CUT(s) { s, sizeof(s) - 1, HC_REFUSE, HERR_ENCODING, sizeof(s) - 1 }
static const struct raw raw_named[] = {
	RAW("\x1b[31m", HC_REFUSE, HERR_CHAR),
	RAW("\x1b]0;pwned\x07", HC_REFUSE, HERR_CHAR),
	RAW("\x1b]52;c;cHduZWQ=\x07", HC_REFUSE, HERR_CHAR),
	RAW("\r", HC_LOAD, HERR_OK),                 /* a line break: folded */
	RAW("\r\n", HC_LOAD, HERR_OK),
	RAW("\xc2\x85", HC_LOAD, HERR_OK),           /* NEL: a line break too */
	RAW("\xe2\x80\xa8", HC_LOAD, HERR_OK),       /* LS: kept, harmless */
	RAW("\x80", HC_REFUSE, HERR_ENCODING),
	RAW("\x9b", HC_REFUSE, HERR_ENCODING),       /* 8-bit CSI as a byte */
	RAW("\xc0\x80", HC_REFUSE, HERR_ENCODING),   /* overlong NUL */
	RAW("\xc1\xbf", HC_REFUSE, HERR_ENCODING),
	RAW("\xe0\x80\x9b", HC_REFUSE, HERR_ENCODING), /* overlong CSI */
	RAW("\xed\xa0\x80", HC_REFUSE, HERR_ENCODING), /* surrogate */
	RAW("\xf4\x90\x80\x80", HC_REFUSE, HERR_ENCODING), /* > U+10FFFF */
	RAW("\xf8\x88\x80\x80\x80", HC_REFUSE, HERR_ENCODING),
	RAW("\xfe", HC_REFUSE, HERR_ENCODING),
	RAW("\xff", HC_REFUSE, HERR_ENCODING),
	CUT("\xe2\x82"),
	CUT("\xc2"),
};
#define NRAW_NAMED (sizeof(raw_named) / sizeof(raw_named[0]))
/* ... then every control as a raw character (C1 as UTF-8), but tab,
 * newline and CR (above), then every bidi control. */
#define NRAW_CTRL (NCTRL - 1)
#define NRAW (NRAW_NAMED + NRAW_CTRL + NBIDI)

static struct raw raw_payload(size_t k, char *buf)
{
	struct raw r = { buf, 0, HC_REFUSE, HERR_CHAR, 0 };
	unsigned c;

	if (k < NRAW_NAMED)
		return raw_named[k];
	k -= NRAW_NAMED;
	if (k < NRAW_CTRL) {
		c = ctrl_code(k < 11 ? k : k + 1);      /* skip 0x0D */
		if (c == 0x85)                         /* NEL breaks a line */
			r.expect = HC_LOAD, r.code = HERR_OK;
		if (c < 0x80) {
			buf[0] = (char)c;
			r.len = 1;
		} else {
			buf[0] = (char)(0xC0 | c >> 6);
			buf[1] = (char)(0x80 | (c & 0x3F));
			r.len = 2;
		}
		return r;
	}
	c = bidi[k - NRAW_CTRL];
	buf[0] = (char)(0xE0 | c >> 12);
	buf[1] = (char)(0x80 | ((c >> 6) & 0x3F));
	buf[2] = (char)(0x80 | (c & 0x3F));
	r.len = 3;
	return r;
}

/* Invisible characters that are not controls, as escapes: they have real
 * uses (joiners in Persian and emoji, marks in Arabic and Hebrew, soft
 * hyphens), so the loader keeps them and the output shows them as they
 * are: none moves the cursor or reorders text the way an override does. */
static const char *const zw[] = {
	"\\u200B", "\\u200C", "\\u200D", "\\u2060", "\\uFEFF", "\\u200E",
	"\\u200F", "\\u061C", "\\u00AD", "\\u034F", "\\u180E", "\\u3164",
	"\\uFE0F", "\\uFFF9", "\\uFFFB", "\\uFFFC", "\\u2028", "\\u2029",
	"\\u0301\\u0301\\u0301", "\\U000E0041\\U000E007F", "\\u00A0",
	"\\uFFFD", "\\U0001F469\\u200D\\U0001F4BB",
};
#define NZW (sizeof(zw) / sizeof(zw[0]))

/* ---- shapes: one case each ---------------------------------------------- */

#define HEAD "schema: 1\nid: x\ntitle: T\ndisclaimer: D\n"
#define HEAD_NT "schema: 1\nid: x\ndisclaimer: D\n"
#define SECT "sections:\n- id: s\n  title: S\n  blocks:\n  - paragraph: P\n"

#define BIG (1u << 20)
#define MANY 100000u

/* s written times times, every '#' in it the number of the copy (0, 1,
 * ...): a list of many items, each its own. */
static void sb_numbered(struct sb *b, const char *s, unsigned times)
{
	if (!strchr(s, '#')) {
		sb_rep(b, s, times);
		return;
	}
	for (unsigned i = 0; i < times && !sb_failed(b); i++)
		for (const char *p = s; *p;) {
			size_t n = strcspn(p, "#");

			sb_add(b, p, n);
			p += n;
			if (*p == '#') {
				sb_printf(b, "%u", i);
				p++;
			}
		}
}

/* The shapes no head, run and tail can write. */
static void nul_byte(struct sb *b)
{
	sb_add(b, "\0", 1);
}

static void billion_laughs(struct sb *b)
{
	sb_str(b, "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
	for (char k = 'b'; k <= 'z'; k++)
		sb_printf(b, "%c: &%c [*%c,*%c,*%c,*%c,*%c,*%c,*%c,*%c,*%c]\n",
			  k, k, k - 1, k - 1, k - 1, k - 1, k - 1, k - 1,
			  k - 1, k - 1, k - 1);
}

static void deep_block(struct sb *b)
{
	for (size_t i = 0; i < 2000; i++) {
		sb_rep(b, " ", i);
		sb_str(b, "-\n");
	}
}

static void columns_10k(struct sb *b)
{
	sb_str(b, HEAD SECT "  - table:\n      columns: [");
	for (unsigned i = 0; i < 10000; i++)
		sb_printf(b, "%sc%u", i ? ", " : "", i);
	sb_str(b, "]\n      rows:\n      - [");
	for (unsigned i = 0; i < 10000; i++)
		sb_printf(b, "%sv%u", i ? ", " : "", i);
	sb_str(b, "]\n");
}

/* One shape: head, then run written times times ('#' numbering the copies,
 * as sb_numbered() does), close as many times, then tail; or what build()
 * writes.  Then what the loader must do with it. */
static const struct shape {
	const char *name;
	enum hc_expect expect;
	enum herr code;
	unsigned line, column;
	void (*build)(struct sb *b);
	const char *head, *run, *close;
	unsigned times;
	const char *tail;
} shapes[] = {
	{ "empty", HC_REFUSE, HERR_EMPTY, 0, 0, NULL,
	  "", "", "", 0, "" },
	{ "newlines", HC_REFUSE, HERR_EMPTY, 0, 0, NULL,
	  "\n\n\n", "", "", 0, "" },
	{ "comment", HC_REFUSE, HERR_EMPTY, 0, 0, NULL,
	  "# nothing but a comment\n", "", "", 0, "" },
	{ "markers", HC_REFUSE, HERR_EMPTY, 0, 0, NULL,
	  "---\n...\n", "", "", 0, "" },
	{ "bom-only", HC_REFUSE, HERR_EMPTY, 0, 0, NULL,
	  "\xef\xbb\xbf", "", "", 0, "" },
	{ "nul", HC_REFUSE, HERR_ENCODING, 1, 1, nul_byte,
	  "", "", "", 0, "" },
	{ "scalar-root", HC_REFUSE, HERR_TYPE, 1, 1, NULL,
	  "just words\n", "", "", 0, "" },
	{ "list-root", HC_REFUSE, HERR_TYPE, 1, 1, NULL,
	  "- a\n- b\n", "", "", 0, "" },
	{ "billion-laughs", HC_REFUSE, HERR_ANCHOR, 1, 4, billion_laughs,
	  "", "", "", 0, "" },
	{ "self-alias", HC_REFUSE, HERR_ANCHOR, 1, 4, NULL,
	  "a: *a\n", "", "", 0, "" },
	{ "undefined-alias", HC_REFUSE, HERR_ANCHOR, 10, 9, NULL,
	  HEAD SECT "advice: *nowhere\n", "", "", 0, "" },
	{ "merge-key", HC_REFUSE, HERR_ANCHOR, 11, 7, NULL,
	  HEAD SECT "checklist:\n- <<: *base\n  id: a\n", "", "", 0, "" },
	{ "root-anchor", HC_REFUSE, HERR_ANCHOR, 1, 5, NULL,
	  "--- &root\n" HEAD SECT, "", "", 0, "" },
	{ "key-anchor", HC_REFUSE, HERR_ANCHOR, 4, 1, NULL,
	  HEAD_NT "&k title: T\n" SECT, "", "", 0, "" },
	{ "tag-directive", HC_REFUSE, HERR_TAG, 6, 8, NULL,
	  "%TAG !e! tag:evil.example,2025:\n---\n" HEAD_NT "title: !e!run T\n" SECT, "", "", 0, "" },
	{ "yaml-1-1", HC_LOAD, HERR_OK, 0, 0, NULL,
	  "%YAML 1.1\n---\n" HEAD SECT, "", "", 0, "" },
	{ "yaml-2-0", HC_REFUSE, HERR_SYNTAX, 1, 1, NULL,
	  "%YAML 2.0\n---\n" HEAD SECT, "", "", 0, "" },
	{ "deep-flow-200k", HC_REFUSE, HERR_DEPTH, 1, 17, NULL,
	  "", "[", "]", 200000, "" },
	{ "deep-map-200k", HC_REFUSE, HERR_DEPTH, 1, 65, NULL,
	  "", "{a: ", "}", 200000, "" },
	{ "deep-unclosed-200k", HC_REFUSE, HERR_DEPTH, 4, 23, NULL,
	  HEAD_NT "title: ", "[", "", 200000, "" },
	{ "deep-block-2000", HC_REFUSE, HERR_DEPTH, 17, 17, deep_block,
	  "", "", "", 0, "" },
	/* Within the depth limit: the unknown key is the fault. */
	{ "deep-in-unknown-key", HC_REFUSE, HERR_KEY, 5, 1, NULL,
	  HEAD "extra: ", "[", "]", 14, "\n" SECT },
	{ "string-1m-plain", HC_REFUSE, HERR_TOOLONG, 4, 8, NULL,
	  HEAD_NT "title: ", "x", "", BIG, "\n" SECT },
	/* Over the length limit before a single character is looked at. */
	{ "string-1m-escapes", HC_REFUSE, HERR_TOOLONG, 4, 8, NULL,
	  HEAD_NT "title: \"", "\\e", "", BIG / 2, "\"\n" SECT },
	{ "string-1m-literal", HC_REFUSE, HERR_TOOLONG, 10, 16, NULL,
	  HEAD SECT "  - paragraph: |\n", "      line of sixty-four bytes in a literal block scalar ....\n", "", BIG / 64, "" },
	{ "key-1m-explicit", HC_REFUSE, HERR_TOOLONG, 5, 3, NULL,
	  HEAD "? ", "k", "", BIG, "\n: v\n" SECT },
	/* libyaml allows 1024 characters in an implicit key. */
	{ "key-1m-plain", HC_REFUSE, HERR_OK, 0, 0, NULL,
	  HEAD, "k", "", BIG, ": v\n" SECT },
	{ "comment-1m", HC_LOAD, HERR_OK, 0, 0, NULL,
	  HEAD "# ", "c", "", BIG, "\n" SECT },
	{ "blank-lines-1m", HC_LOAD, HERR_OK, 0, 0, NULL,
	  "", "\n", "", BIG, HEAD SECT },
	{ "bullets-100k", HC_LOAD, HERR_OK, 0, 0, NULL,
	  HEAD SECT "  - bullets:\n", "    - item #\n", "", MANY, "" },
	{ "sections-100k", HC_LOAD, HERR_OK, 0, 0, NULL,
	  HEAD "sections:\n", "- {id: s#, title: Section #, blocks: [paragraph: P]}\n", "", MANY, "" },
	{ "faq-100k", HC_LOAD, HERR_OK, 0, 0, NULL,
	  HEAD SECT "  - faq:\n", "    - {question: Q#?, answer: A#.}\n", "", MANY, "" },
	{ "checklist-100k", HC_LOAD, HERR_OK, 0, 0, NULL,
	  HEAD SECT "checklist:\n", "- {id: c#, label: Sign #}\n", "", MANY, "" },
	{ "glossary-100k", HC_LOAD, HERR_OK, 0, 0, NULL,
	  HEAD SECT "glossary:\n", "- {term: T#, definition: D#}\n", "", MANY, "" },
	{ "rows-100k", HC_LOAD, HERR_OK, 0, 0, NULL,
	  HEAD SECT "  - table:\n      columns: [A, B]\n      rows:\n", "      - [a#, b#]\n", "", MANY, "" },
	{ "columns-10k", HC_LOAD, HERR_OK, 0, 0, columns_10k,
	  "", "", "", 0, "" },
	/* Header keys come before sections (a header key after it is
	 * refused for its place before it is a duplicate). */
	{ "dupkeys-100k", HC_REFUSE, HERR_DUPKEY, 6, 1, NULL,
	  HEAD, "advice: A\n", "", MANY, SECT },
	{ "documents-100k", HC_REFUSE, HERR_MULTIDOC, 10, 1, NULL,
	  HEAD SECT, "---\n" HEAD SECT, "", MANY, "" },
	{ "huge-int", HC_REFUSE, HERR_VALUE, 1, 9, NULL,
	  "schema: 99999999999999999999999999999999999999999\nid: x\ntitle: T\ndisclaimer: D\n" SECT, "", "", 0, "" },
	{ "long-word-60k", HC_LOAD, HERR_OK, 0, 0, NULL,
	  HEAD SECT "  - paragraph: ", "w", "", 60000, "\n" },
	{ "wide-60k", HC_LOAD, HERR_OK, 0, 0, NULL,
	  HEAD SECT "  - paragraph: ", "\xe4\xb8\xad", "", 20000, "\n" },
	{ "zalgo-60k", HC_LOAD, HERR_OK, 0, 0, NULL,
	  HEAD SECT "  - paragraph: a", "\xcc\x81", "", 30000, " b\n" },
	{ "zwj-60k", HC_LOAD, HERR_OK, 0, 0, NULL,
	  HEAD SECT "  - paragraph: a", "\xe2\x80\x8d", "", 20000, "b\n" },
	{ "long-url", HC_LOAD, HERR_OK, 0, 0, NULL,
	  HEAD SECT "  - references:\n    - text: R\n      url: https://example.org/", "a/", "", 30000, "\n" },
	{ "tabs", HC_LOAD, HERR_OK, 0, 0, NULL,
	  HEAD SECT "  - paragraph: \"\\t\\tTabs\\tinside\\ttext\\t\"\n", "", "", 0, "" },
};
#define NSHAPES (sizeof(shapes) / sizeof(shapes[0]))

static void shape(struct hcase *c, struct sb *b, const struct shape *s)
{
	c->expect = s->expect;
	c->code = s->code;
	c->line = s->line;
	c->column = s->column;
	if (s->build) {
		s->build(b);
		return;
	}
	sb_str(b, s->head);
	sb_numbered(b, s->run, s->times);
	sb_rep(b, s->close, s->times);
	sb_str(b, s->tail);
}

/* ---- truncations of the bundled article --------------------------------- */

#define NCUTS 18

static char *read_article(const char *srcdir, size_t *len)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s/" TU_ARTICLE, srcdir);
	return tu_read_file(path, len);
}

/* Cuts 0-15 fall at sixteenths; 16 is inside a multi-byte character in the
 * middle of the file; 17 leaves off the last byte (the final newline). */
static int cut(struct hcase *c, struct sb *b, size_t k, const char *srcdir)
{
	size_t len, at;
	char *art = read_article(srcdir, &len);

	if (!art)
		return -1;
	if (k < 16) {
		at = len * (k + 1) / 17;
		c->expect = HC_EITHER;
	} else if (k == 16) {
		for (at = len / 2; at < len && (unsigned char)art[at] < 0xC0; at++)
			;
		at++;
		c->expect = HC_REFUSE;
		c->code = HERR_ENCODING;
	} else {
		at = len - 1;
		c->expect = HC_LOAD;
	}
	sb_add(b, art, at < len ? at : len);
	free(art);
	return 0;
}

/* ---- random inputs ------------------------------------------------------ */

#define NRAND 48

static uint64_t xorshift(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

static const char *const tokens[] = {
	"schema: 1\n", "id: x\n", "title: ", "disclaimer: ", "sections:\n",
	"- ", "  ", "\n", "[", "]", "{", "}", ", ", ": ", "? ", "&a ", "*a",
	"!!str ", "!x ", "\"", "'", "|", ">", "# c", "---\n", "...\n", "%YAML 1.1\n",
	"paragraph", "blocks", "faq", "question", "answer", "\\e", "\\u202E",
	"\xe2\x80\xae", "\x1b", "\xc3\xa9", "\t", "\r\n", "~", "null", "0x1F",
	"id", "checklist", "label", "<<", "-1", "1e999",
};
#define NTOKENS (sizeof(tokens) / sizeof(tokens[0]))

static void random_case(struct hcase *c, struct sb *b, size_t k)
{
	uint64_t seed = 0x9E3779B97F4A7C15ull * (k + 1);
	size_t len = 1 + (size_t)(xorshift(&seed) % 8192);
	char ch;

	c->expect = HC_REFUSE;
	c->code = HERR_OK;
	for (size_t i = 0; i < len && !sb_failed(b); i++) {
		uint64_t r = xorshift(&seed);

		switch (k % 3) {
		case 0:         /* any byte */
			ch = (char)(r & 0xFF);
			sb_add(b, &ch, 1);
			break;
		case 1:         /* printable ASCII and line breaks */
			ch = (r & 15) == 0 ? '\n' : (char)(0x20 + r % 95);
			sb_add(b, &ch, 1);
			break;
		default:        /* YAML tokens */
			sb_str(b, tokens[r % NTOKENS]);
			break;
		}
	}
}

/* ---- the index ---------------------------------------------------------- */

#define G_ESC   (NFIELDS * NESC)
#define G_RAW   (NFIELDS * NRAW)
#define NSTYLES 3
#define G_STYLE (NSTYLES * NRAW)
#define G_ZW    (NFIELDS * NZW)

size_t hc_count(void)
{
	return G_ESC + G_RAW + G_STYLE + G_ZW + NSHAPES + NCUTS + NRAND;
}

/* Raw payload r in paragraph, in style st: plain, single-quoted, literal. */
static void style_case(struct hcase *c, struct sb *b, size_t st,
		       const struct raw *r)
{
	static const char *const pre[NSTYLES] = {
		"  - paragraph: ok", "  - paragraph: 'ok", "  - paragraph: |\n      ok",
	};
	static const char *const post[NSTYLES] = { "ok\n", "ok'\n", "ok\n" };

	sb_str(b, HEAD SECT);
	sb_str(b, pre[st]);
	sb_add(b, r->bytes, r->len);
	sb_str(b, post[st]);
	c->expect = r->expect;
	c->code = r->code;
	if (r->expect == HC_REFUSE) {
		c->line = st == 2 ? 11 : 10;
		c->column = (st == 2 ? 9 : (unsigned)strlen(pre[st]) + 1) + r->at;
	}
	/* A line break in a plain or literal scalar puts "ok" at column 1,
	 * where it cannot go on; only the quoted style folds it away. */
	if (st != 1 && r->expect == HC_LOAD)
		c->expect = HC_EITHER;
}

int hc_make(size_t i, const char *srcdir, struct hcase *c)
{
	struct sb b = { 0 };
	char tmp[64];
	size_t k;

	memset(c, 0, sizeof(*c));
	c->code = HERR_OK;
	b.f = open_memstream(&b.p, &b.n);
	if (!b.f)
		return -1;
	if (i < G_ESC) {
		k = i % NESC;
		esc_payload(k, tmp, sizeof(tmp));
		build_article(&b, i / NESC, tmp, strlen(tmp), &c->line, &c->column);
		snprintf(c->name, sizeof(c->name), "esc-%s-%02zu", fields[i / NESC], k);
		c->expect = HC_REFUSE;
		c->code = HERR_CHAR;
		goto done;
	}
	i -= G_ESC;
	if (i < G_RAW) {
		struct raw r = raw_payload(i % NRAW, tmp);

		build_article(&b, i / NRAW, r.bytes, r.len, &c->line, &c->column);
		snprintf(c->name, sizeof(c->name), "raw-%s-%02zu", fields[i / NRAW], i % NRAW);
		c->expect = r.expect;
		c->code = r.code;
		c->column += r.at;
		if (r.expect != HC_REFUSE)
			c->line = c->column = 0;
		/* A line break in a key is a syntax error; a key that
		 * loads is still a key nobody knows. */
		if (r.expect == HC_LOAD && i / NRAW == NFIELDS - 1)
			c->expect = HC_REFUSE;
		goto done;
	}
	i -= G_RAW;
	if (i < G_STYLE) {
		struct raw r = raw_payload(i % NRAW, tmp);

		style_case(c, &b, i / NRAW, &r);
		snprintf(c->name, sizeof(c->name), "style-%zu-%02zu", i / NRAW, i % NRAW);
		goto done;
	}
	i -= G_STYLE;
	if (i < G_ZW) {
		unsigned line, col;

		build_article(&b, i / NZW, zw[i % NZW], strlen(zw[i % NZW]), &line, &col);
		snprintf(c->name, sizeof(c->name), "zw-%s-%02zu", fields[i / NZW], i % NZW);
		/* Except as a key, which is then an unknown key. */
		c->expect = i / NZW == NFIELDS - 1 ? HC_REFUSE : HC_LOAD;
		c->code = i / NZW == NFIELDS - 1 ? HERR_KEY : HERR_OK;
		goto done;
	}
	i -= G_ZW;
	if (i < NSHAPES) {
		shape(c, &b, &shapes[i]);
		snprintf(c->name, sizeof(c->name), "shape-%s", shapes[i].name);
		goto done;
	}
	i -= NSHAPES;
	if (i < NCUTS) {
		if (cut(c, &b, i, srcdir)) {
			sb_close(&b);
			free(b.p);
			return -1;
		}
		snprintf(c->name, sizeof(c->name), "cut-%02zu", i);
		goto done;
	}
	i -= NCUTS;
	random_case(c, &b, i);
	snprintf(c->name, sizeof(c->name), "rand-%s-%02zu",
		 i % 3 == 0 ? "bytes" : i % 3 == 1 ? "text" : "tokens", i);
done:
	if (sb_close(&b))
		return -1;
	/* Even an empty case is a real (empty, NUL-terminated) allocation. */
	c->data = b.p;
	c->len = b.n;
	return 0;
}

void hc_release(struct hcase *c)
{
	free(c->data);
	c->data = NULL;
	c->len = 0;
}
