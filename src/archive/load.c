/* SPDX-License-Identifier: MIT */
/*
 * An archive read and checked whole before anything is made: the manifest
 * must be JSON of this format and version; each object must have the
 * fields its kind is made from, in range; keys, ids and names must not be
 * there twice; each member must be one object's and lie within the
 * archive; a segment's extents must be in order and within its size; a
 * queue's messages must be whole, no longer than msgmax (System V) or the
 * queue's msgsize (POSIX), and as many as said; every checksum must agree.
 * The first thing wrong is the error, naming the member or object.
 */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "load.h"

#define MANIFEST_MAX	(256ULL << 20)

/* A queue's member as it is read: where its messages stand. */
struct msgs {
	unsigned char	hdr[AR_MSGHDR];
	size_t		hn;		/* bytes of a header so far */
	uint64_t	need;		/* bytes of a text still to come */
	uint64_t	count;
	uint64_t	max;		/* the longest a message may be */
};

/* A message's header, read whole: its type and length checked. */
static int
message(struct load *l, const struct ar_obj *o, struct msgs *q)
{
	uint64_t type = 0, len = 0;
	int b;

	for (b = 0; b < 8; b++) {
		type = type << 8 | q->hdr[b];
		len = len << 8 | q->hdr[8 + b];
	}
	if (o->kind == IPCK_MSG ? (int64_t)type < 1 : type > 32767) {
		snprintf(l->err, l->len, "%s: message %" PRIu64 ": its %s is "
		    "out of range", o->member->name, q->count, o->kind == IPCK_MSG ?
		    "type" : "priority");
		return -1;
	}
	if (len > q->max) {
		snprintf(l->err, l->len, "%s: message %" PRIu64 ": %" PRIu64
		    " bytes, longer than %" PRIu64 " (%s)", o->member->name,
		    q->count, len, q->max, o->kind == IPCK_PMSG ?
		    "the queue's msgsize" : q->max == o->qbytes ?
		    "the queue's byte limit" : "msgmax");
		return -1;
	}
	q->need = len;
	q->count++;
	return 0;
}

/* n bytes of a queue's member, message by message. */
static int
messages(struct load *l, const struct ar_obj *o, struct msgs *q,
    const unsigned char *p, size_t n)
{
	size_t j = 0;
	uint64_t t;

	while (j < n) {
		if (q->need > 0) {
			t = q->need < n - j ? q->need : n - j;
			q->need -= t;
			j += (size_t)t;
			continue;
		}
		q->hdr[q->hn++] = p[j++];
		if (q->hn < AR_MSGHDR)
			continue;
		q->hn = 0;
		if (message(l, o, q) < 0)
			return -1;
	}
	return 0;
}

/* The end of a queue's member: whole messages, as many as said. */
static int
messages_end(struct load *l, const struct ar_obj *o, const struct msgs *q)
{
	const char *m = o->member->name;

	if (q->hn != 0 || q->need != 0)
		snprintf(l->err, l->len, "%s: its last message is cut short", m);
	else if (q->count != o->nmsgs)
		snprintf(l->err, l->len, "%s: %" PRIu64 " messages, where the "
		    "manifest says %" PRIu64, m, q->count, o->nmsgs);
	else if (o->kind == IPCK_PMSG && q->count > o->maxmsg)
		snprintf(l->err, l->len, "%s: %" PRIu64 " messages, more than "
		    "the queue's maxmsg %" PRIu64, m, q->count, o->maxmsg);
	else
		return 0;
	return -1;
}

/* What the member's bytes go through: the checksum, and a queue's messages. */
struct through {
	struct load		*l;
	const struct ar_obj	*o;
	struct msgs		 q;
	struct ar_hash		 h;
	int			 queue;
};

static int
through(void *arg, const unsigned char *p, size_t k)
{
	struct through *t = arg;

	ar_hash_add(&t->h, p, k);
	return t->queue ? messages(t->l, t->o, &t->q, p, k) : 0;
}

/* The member read through: its checksum, and a queue's messages. */
static int
verify(struct load *l, struct ar_obj *o)
{
	const struct ar_member *m = o->member;
	struct through t;

	memset(&t, 0, sizeof(t));
	t.l = l;
	t.o = o;
	t.queue = o->kind == IPCK_MSG || o->kind == IPCK_PMSG;
	t.q.max = o->kind == IPCK_MSG ? (l->msgmax > 0 && l->msgmax < o->qbytes ?
	    l->msgmax : o->qbytes) : o->msgsize;
	ar_hash_init(&t.h);
	l->err[0] = '\0';
	if (ar_in_scan(l->in, m->off, m->size, through, &t) < 0) {
		if (l->err[0] == '\0')
			snprintf(l->err, l->len, "%s: %s", m->name, strerror(errno));
		return -1;
	}
	if (t.queue && messages_end(l, o, &t.q) < 0)
		return -1;
	if (ar_hash_end(&t.h) != o->checksum) {
		snprintf(l->err, l->len, "%s: its checksum is wrong (damaged)",
		    m->name);
		return -1;
	}
	return 0;
}

static int
same(const struct ar_obj *a, const struct ar_obj *b)
{
	if (a->kind != b->kind)
		return 0;
	if (ipck_kind_info(a->kind)->family == IPCK_POSIX)
		return strcmp(a->name, b->name) == 0;
	return a->id == b->id || (a->key != 0 && a->key == b->key);
}

static int
by_kind_key(const void *x, const void *y)
{
	const struct ar_obj *a = *(const struct ar_obj *const *)x;
	const struct ar_obj *b = *(const struct ar_obj *const *)y;

	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	if (ipck_kind_info(a->kind)->family == IPCK_POSIX)
		return strcmp(a->name, b->name);
	return a->id < b->id ? -1 : a->id > b->id;
}

static int
by_kind_keynum(const void *x, const void *y)
{
	const struct ar_obj *a = *(const struct ar_obj *const *)x;
	const struct ar_obj *b = *(const struct ar_obj *const *)y;

	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	return a->key < b->key ? -1 : a->key > b->key;
}

/* Of two objects the same, the one later in the manifest is the one said. */
static size_t
later(const struct ar_manifest *m, const struct ar_obj *a,
    const struct ar_obj *b)
{
	return (size_t)((a > b ? a : b) - m->v);
}

/* A key, id or name there twice: the error. */
static int
twice(struct load *l, struct ar_manifest *m)
{
	const struct ar_obj **v;
	size_t i;
	int r = 0;

	if (m->n < 2)
		return 0;
	if ((v = calloc(m->n, sizeof(*v))) == NULL)
		return oops(l, (size_t)-1, "%s", strerror(errno));
	for (i = 0; i < m->n; i++)
		v[i] = &m->v[i];
	qsort(v, m->n, sizeof(*v), by_kind_key);
	for (i = 1; r == 0 && i < m->n; i++)
		if (v[i]->kind == v[i - 1]->kind && (ipck_kind_info(v[i]->kind)->family ==
		    IPCK_POSIX ? strcmp(v[i]->name, v[i - 1]->name) == 0 :
		    v[i]->id == v[i - 1]->id))
			r = oops(l, later(m, v[i], v[i - 1]), "%s", "the same id "
			    "or name as another object of its kind");
	qsort(v, m->n, sizeof(*v), by_kind_keynum);
	for (i = 1; r == 0 && i < m->n; i++)
		if (ipck_kind_info(v[i]->kind)->family == IPCK_SYSV &&
		    same(v[i], v[i - 1]) && v[i]->key != 0)
			r = oops(l, later(m, v[i], v[i - 1]), "%s", "the same key "
			    "as another object of its kind");
	free(v);
	return r;
}

/*
 * Each of the manifest's objects as the parser meets it, into l->m; the
 * first one wrong is the error, said once the format and version are
 * known good.
 */
static int
each(void *arg, struct jr_doc *d, const char *name, int node)
{
	struct load *l = arg;
	struct ar_manifest *m = l->m;
	struct ar_obj *v;
	size_t i = m->n;

	(void)d;
	if (strcmp(name, "objects") != 0 || l->bad)
		return 0;
	if (m->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		if ((v = realloc(m->v, l->cap * sizeof(*v))) == NULL) {
			l->bad = 1;
			return oops(l, (size_t)-1, "%s", strerror(errno));
		}
		m->v = v;
	}
	memset(&m->v[i], 0, sizeof(m->v[i]));
	m->n++;
	if (ar_object(l, i, node, &m->v[i]) < 0)
		l->bad = 1;
	else if (m->v[i].kind == IPCK_PMSG && !m->v[i].has_contents)
		m->pmsg_unsaved++;
	return 0;
}

/* The manifest read and parsed (its text in *text, its objects in m), its format and version checked. */
static int
manifest(struct load *l, struct ar_manifest *m, char **text)
{
	const struct ar_member *man;
	int64_t v;
	int k;

	if ((man = ar_in_find(l->in, AR_MANIFEST)) == NULL) {
		snprintf(l->err, l->len, "no %s: not an archive of ipcsave",
		    AR_MANIFEST);
		return -1;
	}
	if (man->size > MANIFEST_MAX)
		return oops(l, (size_t)-1, "larger than %llu MiB",
		    MANIFEST_MAX >> 20);
	if ((*text = malloc(man->size + 1)) == NULL ||
	    ar_in_read(l->in, man->off, *text, (size_t)man->size) < 0)
		return oops(l, (size_t)-1, "%s", strerror(errno));
	l->used[man - l->in->m] = 1;
	l->m = m;
	l->d.each = each;
	l->d.arg = l;
	if (jr_parse(&l->d, *text, (size_t)man->size) < 0)
		return oops(l, (size_t)-1, "not JSON: %s", l->d.err);
	k = jr_get(&l->d, 0, "format");
	if (k < 0 || l->d.v[k].t != JR_STR || strcmp(l->d.v[k].s, AR_FORMAT) != 0)
		return oops(l, (size_t)-1, "not the manifest of an ipckit archive");
	if (integer(l, 0, "version", 1, INT_MAX, &v) < 0)
		return oops(l, (size_t)-1, "no version");
	if (v != AR_VERSION)
		return oops(l, (size_t)-1, "version %lld; this ipckit reads "
		    "version %d", (long long)v, AR_VERSION);
	m->version = (int)v;
	if (integer(l, 0, "saved_epoch", 0, INT64_MAX, &v) == 0)
		m->saved = (time_t)v;
	return 0;
}

int
ar_load(struct ar_in *in, struct ar_manifest *m, uint64_t msgmax, char *err,
    size_t len)
{
	struct load l;
	char *text = NULL;
	int k, r = -1;
	size_t i;

	memset(m, 0, sizeof(*m));
	memset(&l, 0, sizeof(l));
	l.in = in;
	l.err = err;
	l.len = len;
	l.msgmax = msgmax;
	if ((l.used = calloc(in->n + 1, 1)) == NULL) {
		snprintf(err, len, "%s", strerror(errno));
		return -1;
	}
	if (manifest(&l, m, &text) < 0)
		goto out;
	k = jr_get(&l.d, 0, "objects");
	if (k < 0 || l.d.v[k].t != JR_ARR) {
		oops(&l, (size_t)-1, "no objects");
		goto out;
	}
	if (l.bad)
		goto out;	/* an object's error, already in err */
	if (twice(&l, m) < 0)
		goto out;
	for (i = 0; i < in->n; i++)
		if (!l.used[i]) {
			snprintf(err, len, "member %s: no object's (the "
			    "manifest does not name it)", in->m[i].name);
			goto out;
		}
	for (i = 0; i < m->n; i++)
		if (m->v[i].member != NULL && verify(&l, &m->v[i]) < 0)
			goto out;
	r = 0;
out:
	jr_free(&l.d);
	free(l.used);
	free(text);
	if (r < 0)
		ar_manifest_free(m);
	return r;
}

void
ar_manifest_free(struct ar_manifest *m)
{
	size_t i;

	for (i = 0; i < m->n; i++) {
		free(m->v[i].values);
		free(m->v[i].ext);
		free(m->v[i].name);
	}
	free(m->v);
	memset(m, 0, sizeof(*m));
}
