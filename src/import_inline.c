/* import_inline.c - a block's inline Markdown as the draft's plain text.
 *
 * The article format has no inline markup, so emphasis, code spans and
 * links become their words.  What carries no words is left out and, when
 * it mattered to the page, warned about: images, inline HTML, and the
 * targets of links that are not full URLs (a full URL becomes a reference
 * of its section instead).  Pages converted from HTML often lose the space
 * after a bold label ("**oral:**comes"); it is put back.
 */
#include "import_base.h"

#include <string.h>
#include <strings.h>

bool imp_is(cmark_node *node, const char *type)
{
	const char *t = cmark_node_get_type_string(node);

	return t && !strcmp(t, type);
}

/* Schemes a reader can follow from a printed page. */
static bool full_url(const char *url)
{
	static const char *const schemes[] = {
		"http://", "https://", "ftp://", "mailto:"
	};

	for (size_t i = 0; i < sizeof(schemes) / sizeof(schemes[0]); i++) {
		size_t n = strlen(schemes[i]);

		if (!strncasecmp(url, schemes[i], n) && url[n])
			return true;
	}
	return false;
}

static bool ends_label(const struct imp_buf *b)
{
	return b->len && strchr(":;.,!?", b->p[b->len - 1]);
}

static bool starts_word(const char *s)
{
	unsigned char c = (unsigned char)*s;

	return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	       (c >= 'A' && c <= 'Z');
}

/* "<br>", "<br/>", "<br />" in any case: a line break. */
static bool html_break(const char *s)
{
	if (strncasecmp(s, "<br", 3))
		return false;
	s += 3;
	while (*s == ' ')
		s++;
	if (*s == '/')
		s++;
	return !strcmp(s, ">");
}

/* The words of a subtree, for a message. */
static void words(cmark_node *node, char *out, size_t size)
{
	cmark_iter *it = cmark_iter_new(node);
	cmark_event_type ev;
	size_t n = 0;

	out[0] = '\0';
	if (!it)
		return;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE && n + 1 < size) {
		cmark_node *c = cmark_iter_get_node(it);
		const char *lit;

		if (ev != CMARK_EVENT_ENTER ||
		    cmark_node_get_type(c) != CMARK_NODE_TEXT)
			continue;
		lit = cmark_node_get_literal(c);
		while (lit && *lit && n + 1 < size)
			out[n++] = *lit++;
	}
	/* Never cut a character in two. */
	while (n && ((unsigned char)out[n - 1] & 0xC0) == 0x80)
		n--;
	if (n && (unsigned char)out[n - 1] >= 0xC0)
		n--;
	out[n] = '\0';
	cmark_iter_free(it);
}

static int add_ref(struct imp *im, struct imp_section *sec, cmark_node *link,
		   const char *text, size_t len, const char *url)
{
	const char *t, *u;

	/* The same link again close by: once is enough (a bounded look back,
	 * so a page of a million links costs no more than a page of one). */
	for (size_t i = sec->refs.n, k = 0; i >= 2 && k < 32; i -= 2, k++)
		if (!strcmp(sec->refs.p[i - 1], url))
			return 0;
	u = imp_textn(im, link, url, strlen(url), "link");
	if (!u)
		return -1;
	t = imp_textn(im, link, text, len, "link text");
	if (!t)
		return -1;
	if (!*u)
		return 0;
	return imp_push(im, &sec->refs, *t ? t : u) ||
	       imp_push(im, &sec->refs, u) ? -1 : 0;
}

static int end_link(struct imp *im, cmark_node *link, struct imp_buf *b,
		    size_t at, struct imp_section *sec)
{
	const char *url = cmark_node_get_url(link);
	const char *text = b->p ? b->p + at : "";
	size_t len = b->len - at;
	char u[128];

	if (!url || !*url)
		return 0;
	while (len && (*text == ' ' || *text == '\n')) {
		text++;
		len--;
	}
	if (!len) {
		imp_warn_node(im, link, "link to '%s' has no text; left out",
			      imp_snippet_n(url, 100, u, sizeof(u)));
	} else if (sec && full_url(url)) {
		return add_ref(im, sec, link, text, len, url);
	} else {
		char words[200], q2[64];
		size_t n = len < sizeof(words) - 1 ? len : sizeof(words) - 1;

		memcpy(words, text, n);
		words[n] = '\0';
		/* The whole target where it fits: it is what is lost. */
		imp_warn_node(im, link, "link target '%s' left out; its text '%s' is kept",
			      imp_snippet_n(url, 100, u, sizeof(u)),
			      imp_snippet(words, q2, sizeof(q2)));
	}
	return 0;
}

/* "**oral:**comes": a closing "**" after punctuation and before a letter
 * cannot close (CommonMark's flanking rules), so cmark leaves the
 * asterisks in the text.  Pages converted from HTML are full of these
 * labels; their words are "oral: comes". */
static void fix_labels(struct imp_buf *b, size_t from)
{
	size_t i = from;

	while (b->p && i + 4 <= b->len) {
		char *p = b->p;
		size_t j, lim;

		if (p[i] != '*' || p[i + 1] != '*' ||
		    (i > from && p[i - 1] != ' ' && p[i - 1] != '\n' &&
		     p[i - 1] != '(') ||
		    p[i + 2] == ' ' || p[i + 2] == '*') {
			i++;
			continue;
		}
		lim = i + 2 + 120;
		for (j = i + 2; j + 1 < b->len && j < lim; j++)
			if (p[j] == '*' && p[j + 1] == '*')
				break;
		if (j + 2 >= b->len || p[j] != '*' || p[j + 1] != '*' ||
		    !strchr(":.;,!?)", p[j - 1]) || !starts_word(p + j + 2)) {
			i++;
			continue;
		}
		memmove(p + i, p + i + 2, j - (i + 2));
		p[j - 2] = ' ';
		memmove(p + j - 1, p + j + 2, b->len - (j + 2) + 1);
		b->len -= 3;
		i = j - 1;
	}
}

int imp_inline(struct imp *im, cmark_node *node, struct imp_buf *b,
	       struct imp_section *sec, bool quiet)
{
	size_t from = b->len;
	cmark_iter *it = cmark_iter_new(node);
	cmark_event_type ev;
	bool label = false;
	size_t link_at = 0;
	char q[64];
	int r = 0;

	if (!it)
		return imp_nomem(im);
	while (!r && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type type = cmark_node_get_type(n);
		const char *lit;

		if (n == node)
			continue;
		if (ev == CMARK_EVENT_EXIT) {
			if (type == CMARK_NODE_STRONG || type == CMARK_NODE_EMPH)
				label = ends_label(b);
			else if (type == CMARK_NODE_LINK && !quiet)
				r = end_link(im, n, b, link_at, sec);
			continue;
		}
		switch (type) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			lit = cmark_node_get_literal(n);
			if (!lit)
				break;
			if (label && starts_word(lit))
				imp_buf_add(b, " ", 1);
			imp_buf_str(b, lit);
			label = false;
			break;
		case CMARK_NODE_SOFTBREAK:
			imp_buf_add(b, " ", 1);
			label = false;
			break;
		case CMARK_NODE_LINEBREAK:
			imp_buf_add(b, "\n", 1);
			label = false;
			break;
		case CMARK_NODE_HTML_INLINE:
			lit = cmark_node_get_literal(n);
			if (lit && html_break(lit))
				imp_buf_add(b, "\n", 1);
			else if (!quiet)
				imp_warn_node(im, n, "inline HTML '%s' left out",
					      imp_snippet(lit ? lit : "", q, sizeof(q)));
			label = false;
			break;
		case CMARK_NODE_IMAGE:
			if (!quiet) {
				char alt[200];

				words(n, alt, sizeof(alt));
				if (*alt)
					imp_warn_node(im, n, "image left out: '%s'",
						      imp_snippet(alt, q, sizeof(q)));
				else
					imp_warn_node(im, n, "image left out");
			}
			/* Its description is the image's, not the text's. */
			cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
			break;
		case CMARK_NODE_LINK:
			link_at = b->len;
			break;
		case CMARK_NODE_FOOTNOTE_REFERENCE:
			lit = cmark_node_get_literal(n);
			if (!quiet)
				imp_warn_node(im, n, "footnote reference '%s' left out",
					      imp_snippet(lit ? lit : "", q, sizeof(q)));
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
	if (!r && b->oom)
		r = imp_nomem(im);
	if (!r)
		fix_labels(b, from);
	return r;
}

bool imp_is_image_para(cmark_node *node, bool *open_card)
{
	bool image = false, first = true;

	*open_card = false;
	for (cmark_node *c = cmark_node_first_child(node); c;
	     c = cmark_node_next(c), first = false) {
		const char *lit;

		switch (cmark_node_get_type(c)) {
		case CMARK_NODE_TEXT:
			lit = cmark_node_get_literal(c);
			if (!lit)
				break;
			if (first && *lit == '[')
				*open_card = true;
			if (lit[strspn(lit, " \t[]")])
				return false;
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			break;
		case CMARK_NODE_IMAGE:
			image = true;
			break;
		case CMARK_NODE_LINK:
			/* A linked image: [![alt](src)](href). */
			for (cmark_node *d = cmark_node_first_child(c); d;
			     d = cmark_node_next(d)) {
				if (cmark_node_get_type(d) == CMARK_NODE_IMAGE)
					image = true;
				else if (cmark_node_get_type(d) != CMARK_NODE_TEXT ||
					 (lit = cmark_node_get_literal(d)) == NULL ||
					 lit[strspn(lit, " \t")])
					return false;
			}
			break;
		default:
			return false;
		}
	}
	return image;
}
