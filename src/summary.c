/* summary.c - what the summary for the care team says, as parts, as plain
 * text, and as a dated file. */
#include "summary.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "atomicio.h"

/* The last second of 9999-12-31: past it, years stop being four digits. */
#define MAX_EPOCH 253402300799LL

static void part(summary_fn fn, void *ctx, enum summary_kind kind,
		 int indent, const char *prefix, const char *text, int check)
{
	struct summary_part p = { kind, indent, prefix, text, check };

	fn(ctx, &p);
}

void summary_parts(const struct document *doc, const bool *checked,
		   const char *date, summary_fn fn, void *ctx)
{
	size_t n = 0;

	part(fn, ctx, SUM_HEADING, 0, NULL, "Summary for your care team", -1);
	if (date && *date)
		part(fn, ctx, SUM_DATE, 0, "Date: ", date, -1);
	part(fn, ctx, SUM_BLANK, 0, NULL, "", -1);
	part(fn, ctx, SUM_TITLE, 0, NULL, doc->title, -1);
	if (doc->publisher)
		part(fn, ctx, SUM_SOURCE, 0, "Source: ", doc->publisher, -1);
	if (doc->source_url)
		part(fn, ctx, SUM_URL, 0, NULL, doc->source_url, -1);
	part(fn, ctx, SUM_BLANK, 0, NULL, "", -1);

	for (size_t i = 0; checked && i < doc->nchecks; i++)
		n += checked[i];
	if (!n) {
		part(fn, ctx, SUM_NOTE, 0, NULL, "No warning signs are checked.", -1);
	} else {
		part(fn, ctx, SUM_NOTE, 0, NULL, "Warning signs I have noticed:", -1);
		for (size_t i = 0; i < doc->nchecks; i++) {
			if (!checked[i])
				continue;
			part(fn, ctx, SUM_SIGN, 0, "- ", doc->checks[i].label, (int)i);
			if (doc->checks[i].detail)
				part(fn, ctx, SUM_DETAIL, 2, NULL,
				     doc->checks[i].detail, (int)i);
		}
	}
	part(fn, ctx, SUM_BLANK, 0, NULL, "", -1);
	if (doc->advice) {
		part(fn, ctx, SUM_ADVICE_HEADING, 0, NULL,
		     "What to tell your care team", -1);
		part(fn, ctx, SUM_ADVICE, 0, NULL, doc->advice, -1);
		part(fn, ctx, SUM_BLANK, 0, NULL, "", -1);
	}
	part(fn, ctx, SUM_DISCLAIMER, 0, "Important: ", doc->disclaimer, -1);
}

struct writer {
	FILE *out;
	const struct plain_opts *po;
	int err;                     /* errno of the first failure, or 0 */
};

static void write_part(void *ctx, const struct summary_part *p)
{
	struct writer *w = ctx;
	int r;

	if (w->err)
		return;
	if (p->kind == SUM_BLANK) {
		if (!w->po->compact && putc('\n', w->out) == EOF)
			w->err = errno ? errno : EIO;
		return;
	}
	/* As text, a part's indent is dropped: no line of plain text starts
	 * with a blank (plain.h), and the "- " before a sign already says
	 * where its detail begins. */
	if (p->kind == SUM_URL)
		r = plain_link(w->out, "", p->text, w->po);
	else
		r = plain_text(w->out, p->prefix ? p->prefix : "", p->text, w->po);
	if (r < 0)
		w->err = errno ? errno : EIO;
}

int summary_write(FILE *out, const struct document *doc, const bool *checked,
		  const char *date, const struct plain_opts *po)
{
	struct writer w = { out, po, 0 };

	summary_parts(doc, checked, date, write_part, &w);
	if (w.err) {
		errno = w.err;
		return -1;
	}
	return 0;
}

static struct summary_date date_of(const struct tm *tm)
{
	struct summary_date d = { tm->tm_year + 1900, tm->tm_mon + 1, tm->tm_mday };

	return d;
}

struct summary_date summary_today(void)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	struct tm tm;
	time_t now;

	if (sde && *sde >= '0' && *sde <= '9') {
		char *end;
		errno = 0;
		long long v = strtoll(sde, &end, 10);
		now = (time_t)v;
		/* Reproducible builds read it as UTC; a malformed value falls
		 * back to the clock rather than to 1970. */
		if (!errno && !*end && v <= MAX_EPOCH && gmtime_r(&now, &tm))
			return date_of(&tm);
	}
	now = time(NULL);
	if (!localtime_r(&now, &tm))
		gmtime_r(&now, &tm);
	return date_of(&tm);
}

const char *summary_date_text(struct summary_date d, char *buf, size_t size)
{
	char ymd[16];

	snprintf(ymd, sizeof ymd, "%04d-%02d-%02d", d.year, d.month, d.day);
	return plain_date(ymd, buf, size);
}

const char *summary_file_name(struct summary_date d, char *buf, size_t size)
{
	snprintf(buf, size, "handout-summary-%04d-%02d-%02d.txt", d.year,
		 d.month, d.day);
	return buf;
}

int summary_save(const char *dir, const struct document *doc,
		 const bool *checked, struct summary_date d,
		 const struct plain_opts *po, bool overwrite,
		 char *name, size_t namesize, struct herror *err)
{
	char date[SUMMARY_DATE_MAX];
	char *buf = NULL;
	size_t len = 0;

	herror_set(err, HERR_OK, NULL, 0, 0, NULL);
	summary_file_name(d, name, namesize);
	FILE *mem = open_memstream(&buf, &len);
	if (!mem) {
		herror_set(err, HERR_NOMEM, name, 0, 0, NULL);
		return SUMMARY_FAILED;
	}
	int r = summary_write(mem, doc, checked,
			      summary_date_text(d, date, sizeof date), po);
	if (fclose(mem) != 0 || r < 0) {
		free(buf);
		herror_set(err, HERR_NOMEM, name, 0, 0, NULL);
		return SUMMARY_FAILED;
	}
	r = atomic_write(dir ? dir : ".", name, buf, len, 0600, overwrite);
	int saved = errno;
	free(buf);
	if (r == 0)
		return SUMMARY_SAVED;
	if (saved == EEXIST && !overwrite) {
		herror_set(err, HERR_EXISTS, name, 0, 0,
			   "%s already exists", name);
		return SUMMARY_EXISTS;
	}
	herror_set(err, HERR_WRITE, name, 0, 0, "cannot save the summary: %s",
		   strerror(saved));
	return SUMMARY_FAILED;
}
