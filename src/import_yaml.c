/* import_yaml.c - the draft's model -> YAML text an author can read.
 *
 * Any text must come back from the loader exactly as it went in, so each
 * is written one of two ways: as a folded block scalar (">-", wrapped at
 * single spaces) when nothing in it could change on the way back (no line
 * break, tab, leading or trailing space, or character YAML reads as a
 * line break or refuses raw), else double-quoted, with escapes for '"',
 * '\', line breaks, tabs and anything YAML would not take as it is.  Only
 * ids (checked, never "null") and dates are plain.  Comments, which the
 * loader skips, carry what the author must review.
 */
#include "import_base.h"
#include "utf8.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WIDTH 80

/* What libyaml reads raw in a scalar or a comment. */
static bool yaml_printable(uint32_t cp)
{
	return cp == '\t' || (cp >= 0x20 && cp <= 0x7E) ||
	       (cp >= 0xA0 && cp <= 0xD7FF) ||
	       (cp >= 0xE000 && cp <= 0xFFFD && cp != 0xFEFF) ||
	       (cp >= 0x10000 && cp <= 0x10FFFF);
}

/* Line and paragraph separators are line breaks to YAML 1.1. */
static bool yaml_break(uint32_t cp)
{
	return cp == 0x85 || cp == 0x2028 || cp == 0x2029;
}

static bool block_safe(const char *s)
{
	size_t len = strlen(s);

	if (!len || s[0] == ' ' || s[len - 1] == ' ')
		return false;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = utf8_decode_strict(s + i, len - i, &cp);

		if (!n || cp == '\t' || cp == '\n' || !yaml_printable(cp) ||
		    yaml_break(cp))
			return false;
		i += n;
	}
	return true;
}

static void dquoted(FILE *f, const char *s)
{
	size_t len = strlen(s);

	fputc('"', f);
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = utf8_decode_strict(s + i, len - i, &cp);

		if (!n) {
			/* Not reached: the text was checked.  An escape the
			 * loader refuses keeps the draft honest anyway. */
			fprintf(f, "\\x%02X", (unsigned)(unsigned char)s[i]);
			i++;
			continue;
		}
		if (cp == '"')
			fputs("\\\"", f);
		else if (cp == '\\')
			fputs("\\\\", f);
		else if (cp == '\n')
			fputs("\\n", f);
		else if (cp == '\t')
			fputs("\\t", f);
		else if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0))
			fprintf(f, "\\x%02X", (unsigned)cp);
		else if (!yaml_printable(cp) || yaml_break(cp))
			fprintf(f, cp > 0xFFFF ? "\\U%08X" : "\\u%04X",
				(unsigned)cp);
		else
			fwrite(s + i, 1, n, f);
		i += n;
	}
	fputc('"', f);
}

/* Characters, not bytes: close enough to columns for wrapping a draft. */
static size_t chars(const char *s, size_t n)
{
	size_t c = 0;

	for (size_t i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			c++;
	return c;
}

static void spaces(FILE *f, int n)
{
	for (int i = 0; i < n; i++)
		fputc(' ', f);
}

/* A folded scalar's lines, at indent, broken only at single spaces, so
 * folding gives back exactly the one space that was there. */
static void folded(FILE *f, const char *s, int indent)
{
	size_t len = strlen(s), start = 0;
	size_t avail = WIDTH > indent + 20 ? (size_t)(WIDTH - indent) : 20;

	fputs(">-\n", f);
	while (start < len) {
		size_t brk = 0, i;

		for (i = start + 1; i + 1 < len; i++) {
			if (s[i] != ' ' || s[i - 1] == ' ' || s[i + 1] == ' ')
				continue;
			if (chars(s + start, i - start) > avail && brk)
				break;
			brk = i;
			if (chars(s + start, i - start) > avail)
				break;
		}
		if (chars(s + start, len - start) <= avail || !brk)
			brk = len;
		spaces(f, indent);
		fwrite(s + start, 1, brk - start, f);
		fputc('\n', f);
		start = brk < len ? brk + 1 : len;
	}
}

/* A text value after "key: " (col: the column it starts at; indent: that
 * of the key). */
static void text(FILE *f, const char *s, int indent, int col)
{
	if (block_safe(s) && col + (int)chars(s, strlen(s)) + 2 > WIDTH) {
		folded(f, s, indent + 2);
		return;
	}
	dquoted(f, s);
	fputc('\n', f);
}

/* key: text, at indent. */
static void field(FILE *f, int indent, const char *key, const char *s)
{
	spaces(f, indent);
	fprintf(f, "%s: ", key);
	text(f, s, indent, indent + (int)strlen(key) + 2);
}

/* "- text" as an item of a list at indent. */
static void item(FILE *f, int indent, const char *s)
{
	spaces(f, indent);
	fputs("- ", f);
	text(f, s, indent, indent + 2);
}

static void put_plain_id(FILE *f, int indent, const char *key, const char *id)
{
	spaces(f, indent);
	/* Plain "null" would read as nothing. */
	if (!strcmp(id, "null"))
		fprintf(f, "%s: \"null\"\n", key);
	else
		fprintf(f, "%s: %s\n", key, id);
}

/* A comment, wrapped, with anything YAML or a terminal should not see
 * replaced by '?'. */
static void comment(FILE *f, int indent, const char *s)
{
	size_t len = strlen(s), start = 0;
	size_t avail = WIDTH - 2 > indent + 20 ? (size_t)(WIDTH - 2 - indent) : 20;
	char *clean = malloc(len + 1);

	if (!clean)
		return;
	for (size_t i = 0, o = 0; i <= len;) {
		uint32_t cp = 0;
		size_t n = i < len ? utf8_decode_strict(s + i, len - i, &cp) : 0;

		if (i == len) {
			clean[o] = '\0';
			break;
		}
		if (!n || cp == '\t' || utf8_unsafe(cp) ||
		    !yaml_printable(cp) || yaml_break(cp)) {
			clean[o++] = cp == '\n' || cp == '\t' ? ' ' : '?';
			i += n ? n : 1;
		} else {
			memcpy(clean + o, s + i, n);
			o += n;
			i += n;
		}
	}
	len = strlen(clean);
	while (start < len) {
		size_t brk = len, i;

		if (chars(clean + start, len - start) > avail) {
			brk = 0;
			for (i = start + 1; i < len; i++)
				if (clean[i] == ' ') {
					if (brk && chars(clean + start, i - start) > avail)
						break;
					brk = i;
				}
			if (!brk)
				brk = len;
		}
		spaces(f, indent);
		fputs("# ", f);
		fwrite(clean + start, 1, brk - start, f);
		fputc('\n', f);
		start = brk;
		while (start < len && clean[start] == ' ')
			start++;
	}
	free(clean);
}

static void flow_row(FILE *f, const struct imp_vec *v, size_t from, size_t n)
{
	fputc('[', f);
	for (size_t i = 0; i < n; i++) {
		if (i)
			fputs(", ", f);
		dquoted(f, v->p[from + i]);
	}
	fputs("]\n", f);
}

static void block(FILE *f, const struct imp_block *b)
{
	/* "      - kind: ": the dash at 6, the key at 8. */
	const int d = 6, k = 8;

	if (b->note)
		comment(f, d, b->note);
	spaces(f, d);
	fputs("- ", f);
	switch (b->kind) {
	case IMP_PARAGRAPH:
		fputs("paragraph: ", f);
		text(f, b->text, k, k + 11);
		break;
	case IMP_SUBHEADING:
		fputs("subheading: ", f);
		text(f, b->text, k, k + 12);
		break;
	case IMP_BULLETS:
	case IMP_NUMBERED:
		fputs(b->kind == IMP_BULLETS ? "bullets:\n" : "numbered:\n", f);
		for (size_t i = 0; i < b->items.n; i++)
			item(f, k + 2, b->items.p[i]);
		break;
	case IMP_TABLE:
		fputs("table:\n", f);
		if (b->caption)
			field(f, k + 2, "caption", b->caption);
		spaces(f, k + 2);
		fputs("columns: ", f);
		flow_row(f, &b->items, 0, b->ncols);
		spaces(f, k + 2);
		if (b->items.n <= b->ncols) {
			fputs("rows: []\n", f);
			break;
		}
		fputs("rows:\n", f);
		for (size_t r = b->ncols; r < b->items.n; r += b->ncols) {
			spaces(f, k + 4);
			fputs("- ", f);
			flow_row(f, &b->items, r, b->ncols);
		}
		break;
	case IMP_QUOTE:
		if (!b->by) {
			fputs("quote: ", f);
			text(f, b->text, k, k + 7);
			break;
		}
		fputs("quote:\n", f);
		field(f, k + 2, "text", b->text);
		field(f, k + 2, "by", b->by);
		break;
	case IMP_FAQ:
		fputs("faq:\n", f);
		for (size_t i = 0; i + 1 < b->items.n; i += 2) {
			spaces(f, k + 2);
			fputs("- question: ", f);
			text(f, b->items.p[i], k + 4, k + 14);
			field(f, k + 4, "answer", b->items.p[i + 1]);
		}
		break;
	case IMP_REFS:
		fputs("references:\n", f);
		for (size_t i = 0; i + 1 < b->items.n; i += 2) {
			spaces(f, k + 2);
			fputs("- text: ", f);
			text(f, b->items.p[i], k + 4, k + 10);
			field(f, k + 4, "url", b->items.p[i + 1]);
		}
		break;
	}
}

static void section(FILE *f, const struct imp_section *s)
{
	spaces(f, 2);
	fputs("- ", f);
	put_plain_id(f, 0, "id", s->id);
	if (s->note)
		comment(f, 4, s->note);
	field(f, 4, "title", s->title);
	spaces(f, 4);
	fputs("blocks:\n", f);
	for (size_t i = 0; i < s->blocks.n; i++)
		block(f, s->blocks.p[i]);
}

static const char *const default_disclaimer =
	"This article is for general education and is not medical advice. "
	"Please talk to your care team about any question you have or any "
	"symptom you notice. In an emergency, call your local emergency "
	"number.";

/* "www.example.org" of "https://www.example.org/page", or all of url. */
static const char *host(struct imp *im, const char *url)
{
	const char *p = strstr(url, "://"), *e;
	char *h;

	if (!p || !p[3])
		return url;
	p += 3;
	e = p + strcspn(p, "/?#");
	h = arena_strndup(im->arena, p, (size_t)(e - p));
	return h && *h ? h : url;
}

int imp_write(struct imp *im, char **out, size_t *len)
{
	const struct imp_meta *m = &im->meta;
	char *buf = NULL, *head;
	const char *base;
	size_t size = 0;
	FILE *f = open_memstream(&buf, &size);

	if (!f)
		return imp_nomem(im);
	base = strrchr(im->name, '/');
	head = imp_printf(im,
			  "%s, imported by handout --import: a draft. Review it against the page, then check it with handout --validate. The format: content/SCHEMA.md.",
			  base ? base + 1 : im->name);
	if (!head) {
		fclose(f);
		free(buf);
		return -1;
	}
	comment(f, 0, head);
	fputs("schema: 1\n", f);
	put_plain_id(f, 0, "id", im->id);
	if (im->title_note)
		comment(f, 0, im->title_note);
	field(f, 0, "title", im->title);
	if (m->summary)
		field(f, 0, "summary", m->summary);
	else
		comment(f, 0, "summary: the page has none. One or two sentences of the article's own for under the title; optional.");
	if (m->author)
		field(f, 0, "author", m->author);
	if (m->updated)
		fprintf(f, "updated: %s\n", m->updated);
	if (m->reviewed)
		fprintf(f, "reviewed: %s\n", m->reviewed);
	if (m->language)
		field(f, 0, "language", m->language);
	if (m->publisher || m->url) {
		fputs("source:\n", f);
		if (m->publisher) {
			field(f, 2, "publisher", m->publisher);
		} else {
			comment(f, 2, "REVIEW: the page does not name its publisher: this is its address's host.");
			field(f, 2, "publisher", host(im, m->url));
		}
		if (m->url)
			field(f, 2, "url", m->url);
	}
	if (m->license)
		field(f, 0, "license", m->license);
	comment(f, 0, "REVIEW: the page has no disclaimer; this is handout's default wording.");
	field(f, 0, "disclaimer", default_disclaimer);
	fputs("sections:\n", f);
	for (size_t i = 0; i < im->sections.n; i++)
		section(f, im->sections.p[i]);
	comment(f, 0, "checklist: none imported. Add the article's warning signs here, as a list of items with id, label and detail in the article's own words (content/SCHEMA.md, \"Checklist items\").");
	comment(f, 0, "glossary: none imported. Add the article's medical words here, as a list of entries with term and definition (content/SCHEMA.md, \"Glossary entries\").");
	if (ferror(f)) {
		fclose(f);
		free(buf);
		return imp_nomem(im);
	}
	if (fclose(f)) {
		free(buf);
		return imp_nomem(im);
	}
	*out = buf;
	*len = size;
	return 0;
}
