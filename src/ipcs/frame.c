/* SPDX-License-Identifier: MIT */
/*
 * ipcs --watch's frames: the listing as the layout printed it, split into
 * lines; each row known by its object, marked against the last frame
 * (appeared, changed, gone), its changed cells highlighted, and the whole
 * cut to the terminal.  The marks are characters (+ ~ -), so they survive
 * NO_COLOR and a monochrome terminal; colour only adds to them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "watch.h"

#define SGR_NEW		"\033[32m"
#define SGR_GONE	"\033[31m"
#define SGR_CELL	"\033[1;7m"
#define SGR_TOP		"\033[7m"
#define SGR_OFF		"\033[m"

static int
by_key(const void *a, const void *b)
{
	const struct wrow *x = *(const struct wrow *const *)a;
	const struct wrow *y = *(const struct wrow *const *)b;

	if (x->ns != y->ns)
		return x->ns < y->ns ? -1 : 1;
	if (x->kind != y->kind)
		return x->kind - y->kind;
	if (x->name != NULL && y->name != NULL)
		return strcmp(x->name, y->name);
	return (x->id > y->id) - (x->id < y->id);
}

/* The last frame's row for the same object, or NULL. */
static const struct wrow *
find(const struct frame *last, const struct wrow *r)
{
	const struct wrow *const *p;

	if (last == NULL || last->sorted == NULL)
		return NULL;
	p = bsearch(&r, last->sorted, last->nrows, sizeof(*last->sorted),
	    by_key);
	return p != NULL ? *p : NULL;
}

void
frame_parse(struct frame *f)
{
	size_t k = 0, i, n;
	char *p = f->buf, *end = f->buf + f->len, *nl;

	for (; p < end; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		if (*p == FRAME_ROW && k < f->nrows) {
			f->rows[k].text = p + 1;
			f->rows[k].len = (size_t)(nl - p - 1);
			k++;
		}
	}
	/* rows past the lines kept are not this frame's to show */
	for (n = k; n < f->nrows; n++)
		free(f->rows[n].name);
	f->nrows = k;
	n = f->nrows;
	if ((f->sorted = malloc((n + 1) * sizeof(*f->sorted))) == NULL)
		cli_die(CLI_FAIL, "out of memory");
	for (i = 0; i < n; i++)
		f->sorted[i] = &f->rows[i];
	if (n > 0)
		qsort(f->sorted, n, sizeof(*f->sorted), by_key);
}

/* A copy of n bytes of s, which the row owns (its was). */
static void
own_text(struct wrow *r, const char *s, size_t n)
{
	if ((r->was = malloc(n + 1)) == NULL)
		cli_die(CLI_FAIL, "out of memory");
	memcpy(r->was, s, n);
	r->was[n] = '\0';
	r->text = r->was;
	r->len = n;
}

void
frame_gone_text(struct frame *f, const struct frame *last, long now,
    long hold)
{
	const struct wrow *r, *g;
	struct wrow c;
	size_t i;

	for (i = 0; i < f->ngone; i++) {
		f->gone[i].since = now;
		if ((r = find(last, &f->gone[i])) != NULL)
			own_text(&f->gone[i], r->text, r->len);
	}
	/* those that went lately stay, unless they are back */
	for (i = 0; last != NULL && i < last->ngone; i++) {
		g = &last->gone[i];
		if (g->text == NULL || now - g->since >= hold || find(f, g) != NULL)
			continue;
		c = *g;
		if (g->name != NULL && (c.name = strdup(g->name)) == NULL)
			cli_die(CLI_FAIL, "out of memory");
		own_text(&c, g->text, g->len);
		f->gone = cli_grow(f->gone, f->ngone, sizeof(*f->gone));
		f->gone[f->ngone++] = c;
	}
}

void
frame_marks(struct frame *f, const struct frame *last, long now, long hold)
{
	const struct wrow *was;
	struct wrow *r;
	size_t i;

	for (i = 0; i < f->nrows; i++) {
		r = &f->rows[i];
		was = find(last, r);
		if (r->mark == M_NEW) {
			r->since = now;
		} else if (was != NULL && (was->len != r->len ||
		    memcmp(was->text, r->text, r->len) != 0)) {
			r->mark = M_CHANGED;
			r->since = now;
			r->wlen = was->len;
			if ((r->was = malloc(was->len + 1)) == NULL)
				cli_die(CLI_FAIL, "out of memory");
			memcpy(r->was, was->text, was->len);
		} else if (was != NULL && was->mark != M_NONE &&
		    now - was->since < hold) {
			/* the same as the last frame, which was marked lately */
			r->mark = was->mark;
			r->since = was->since;
			if (was->was != NULL) {
				r->wlen = was->wlen;
				if ((r->was = malloc(was->wlen + 1)) == NULL)
					cli_die(CLI_FAIL, "out of memory");
				memcpy(r->was, was->was, was->wlen);
			}
		}
	}
}

/* One line to draw: its mark, its text, what it was (for the cells). */
struct dline {
	enum mark	 mark;
	const char	*s, *p;
	size_t		 n, pn;
};

struct lines {
	struct dline	*v;
	size_t		 n;
};

static void
add(struct lines *l, enum mark m, const char *s, size_t n, const char *p,
    size_t pn)
{
	l->v = cli_grow(l->v, l->n, sizeof(*l->v));
	l->v[l->n++] = (struct dline){ m, s, p, n, pn };
}

/* The gone rows of the same namespace and kind as r (all: r NULL). */
static void
add_gone(struct lines *l, const struct frame *f, const struct wrow *r,
    char *said)
{
	size_t i;

	for (i = 0; i < f->ngone; i++)
		if (!said[i] && f->gone[i].text != NULL && (r == NULL ||
		    (f->gone[i].ns == r->ns && f->gone[i].kind == r->kind))) {
			add(l, M_GONE, f->gone[i].text, f->gone[i].len, NULL, 0);
			said[i] = 1;
		}
}

/* The lines of the frame in order, each with what to compare it with. */
static void
lines_of(struct lines *l, const struct frame *f, const struct frame *last,
    char *said)
{
	const char *p = f->buf, *end = f->buf + f->len, *nl, *lp, *lnl;
	const char *lend = last != NULL ? last->buf + last->len : NULL;
	const struct wrow *r;
	size_t k = 0;

	lp = last != NULL ? last->buf : NULL;
	for (; p < end; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		if (*p != FRAME_ROW || k >= f->nrows) {
			/* not a row: compared with the last frame's next such line */
			while (lp != NULL && lp < lend && *lp == FRAME_ROW)
				lp = (lnl = memchr(lp, '\n', (size_t)(lend - lp))) ==
				    NULL ? lend : lnl + 1;
			lnl = lp != NULL && lp < lend ? memchr(lp, '\n',
			    (size_t)(lend - lp)) : NULL;
			if (lp != NULL && lp < lend && lnl == NULL)
				lnl = lend;
			add(l, M_NONE, p, (size_t)(nl - p), lnl != NULL ? lp : NULL,
			    lnl != NULL ? (size_t)(lnl - lp) : 0);
			if (lnl != NULL)
				lp = lnl + 1;
			continue;
		}
		r = &f->rows[k++];
		add(l, r->mark, r->text, r->len, r->mark == M_CHANGED ? r->was :
		    NULL, r->mark == M_CHANGED ? r->wlen : 0);
		if (k == f->nrows || f->rows[k].ns != r->ns ||
		    f->rows[k].kind != r->kind)
			add_gone(l, f, r, said);
	}
	add_gone(l, f, NULL, said);
}

/* The next token (a run of non-blanks) of s[0..n) from *i: its bounds. */
static int
token(const char *s, size_t n, size_t *i, size_t *b, size_t *e)
{
	while (*i < n && s[*i] == ' ')
		(*i)++;
	if (*i >= n)
		return 0;
	*b = *i;
	while (*i < n && s[*i] != ' ')
		(*i)++;
	*e = *i;
	return 1;
}

/* s[0..n), at most cols columns of it, its changed cells highlighted. */
static void
draw_text(FILE *out, const struct dline *d, int cols, int color)
{
	size_t i = 0, pi = 0, b = 0, e = 0, pb = 0, pe = 0, k;
	int used = 0, w, hi = 0, ptok;
	long cp;

	ptok = d->p != NULL;
	while (i < d->n && used < cols) {
		if (i == e) {
			/* the next cell: changed if the last frame's differs */
			size_t j = i;

			if (!token(d->s, d->n, &j, &b, &e))
				b = e = d->n;
			if (d->p != NULL)
				ptok = token(d->p, d->pn, &pi, &pb, &pe);
			hi = d->mark == M_CHANGED && (!ptok || pe - pb != e - b ||
			    memcmp(d->p + pb, d->s + b, e - b) != 0);
		}
		if (i == b && hi && color)
			fputs(SGR_CELL, out);
		if ((cp = cli_utf8(d->s + i, &k)) < 0)
			k = 1;
		w = cp < 0 ? 1 : cli_cp_columns(cp);
		if (used + w > cols)
			break;
		fwrite(d->s + i, 1, k, out);
		used += w;
		i += k;
		if (i == e && hi && color)
			fputs(SGR_OFF, out);
	}
	if (hi && color && i < e)
		fputs(SGR_OFF, out);
}

static void
draw_line(FILE *out, const struct dline *d, int cols, int color)
{
	static const char marks[] = { ' ', '+', '~', '-' };

	if (color && d->mark == M_NEW)
		fputs(SGR_NEW, out);
	else if (color && d->mark == M_GONE)
		fputs(SGR_GONE, out);
	if (cols >= 2) {
		putc(marks[d->mark], out);
		putc(' ', out);
		draw_text(out, d, cols - 2, color);
	}
	if (color && (d->mark == M_NEW || d->mark == M_GONE))
		fputs(SGR_OFF, out);
	fputs("\033[K", out);
}

void
frame_draw(FILE *out, const struct frame *f, const struct frame *last,
    const char *top, int cols, int lines, int color)
{
	struct lines l = { NULL, 0 };
	struct dline t = { M_NONE, top, NULL, strlen(top), 0 };
	char *said = calloc(f->ngone + 1, 1), more[64];
	size_t i, room;

	if (said == NULL)
		cli_die(CLI_FAIL, "out of memory");
	lines_of(&l, f, last, said);
	fputs("\033[H", out);
	if (color)
		fputs(SGR_TOP, out);
	draw_text(out, &t, cols, 0);
	if (color)
		fputs(SGR_OFF, out);
	fputs("\033[K", out);
	/* each line after a newline, so that the last one never scrolls */
	room = lines > 1 ? (size_t)lines - 1 : 0;
	for (i = 0; i < l.n && i < room; i++) {
		if (i + 1 == room && l.n + f->more > room) {
			snprintf(more, sizeof(more), "... %zu more lines",
			    l.n + f->more - i);
			t = (struct dline){ M_NONE, more, NULL, strlen(more), 0 };
			fputs("\r\n", out);
			draw_line(out, &t, cols, 0);
			break;
		}
		fputs("\r\n", out);
		draw_line(out, &l.v[i], cols, color);
	}
	fputs("\033[J", out);
	free(l.v);
	free(said);
}

void
frame_free(struct frame *f)
{
	size_t i;

	for (i = 0; i < f->nrows; i++) {
		free(f->rows[i].name);
		free(f->rows[i].was);
	}
	for (i = 0; i < f->ngone; i++) {
		free(f->gone[i].name);
		free(f->gone[i].was);
	}
	free(f->rows);
	free(f->gone);
	free(f->sorted);
	free(f->buf);
	memset(f, 0, sizeof(*f));
}
