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

#include "archive.h"

#define MANIFEST_MAX	(256ULL << 20)

struct load {
	const struct ar_in	*in;
	struct jr_doc		 d;
	char			*err;
	size_t			 len;
	uint64_t		 msgmax;
	char			*used;		/* used[i]: member i is an object's */
};

static int oops(struct load *l, size_t i, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
oops(struct load *l, size_t i, const char *fmt, ...)
{
	char m[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(m, sizeof(m), fmt, ap);
	va_end(ap);
	if (i == (size_t)-1)
		snprintf(l->err, l->len, "%s: %s", AR_MANIFEST, m);
	else
		snprintf(l->err, l->len, "%s: object %zu: %s", AR_MANIFEST, i, m);
	return -1;
}

/* Member obj.key as an integer within [lo, hi]; 0, or -1 when it is not. */
static int
integer(struct load *l, int obj, const char *key, int64_t lo, int64_t hi,
    int64_t *v)
{
	int k = jr_get(&l->d, obj, key);

	if (k < 0 || l->d.v[k].t != JR_INT || l->d.v[k].i < lo ||
	    l->d.v[k].i > hi)
		return -1;
	*v = l->d.v[k].i;
	return 0;
}

static int
b64(int c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	return c == '+' ? 62 : c == '/' ? 63 : -1;
}

/* RFC 4648 base64 with its padding into out (at most cap bytes): the length, or -1. */
static long
unbase64(const char *s, size_t n, char *out, size_t cap)
{
	size_t i, o = 0;
	int a, b, c, d;

	if (n % 4 != 0)
		return -1;
	for (i = 0; i < n; i += 4) {
		a = b64(s[i]);
		b = b64(s[i + 1]);
		c = s[i + 2] == '=' && i + 4 == n ? 0 : b64(s[i + 2]);
		d = s[i + 3] == '=' && i + 4 == n ? 0 : b64(s[i + 3]);
		if (a < 0 || b < 0 || c < 0 || d < 0 ||
		    (s[i + 2] == '=' && s[i + 3] != '='))
			return -1;
		if (o + 3 > cap)
			return -1;
		out[o++] = (char)(a << 2 | b >> 4);
		if (s[i + 2] != '=')
			out[o++] = (char)((b & 15) << 4 | c >> 2);
		if (s[i + 3] != '=')
			out[o++] = (char)((c & 3) << 6 | d);
	}
	return (long)o;
}

/* The member an object's contents name, found and not another's already. */
static const struct ar_member *
member(struct load *l, size_t i, int contents)
{
	const struct ar_member *m;
	int k = jr_get(&l->d, contents, "member");

	if (k < 0 || l->d.v[k].t != JR_STR) {
		oops(l, i, "%s", "its contents name no member");
		return NULL;
	}
	if ((m = ar_in_find(l->in, l->d.v[k].s)) == NULL ||
	    strcmp(m->name, AR_MANIFEST) == 0) {
		oops(l, i, "its member %s is not in the archive", l->d.v[k].s);
		return NULL;
	}
	if (l->used[m - l->in->m]) {
		oops(l, i, "its member %s is another object's too", m->name);
		return NULL;
	}
	l->used[m - l->in->m] = 1;
	return m;
}

static int
checksum(struct load *l, size_t i, int contents, struct ar_obj *o)
{
	int k = jr_get(&l->d, contents, "checksum");
	int64_t bytes;
	char *end;

	if (integer(l, contents, "bytes", 0, INT64_MAX, &bytes) < 0)
		return oops(l, i, "%s", "its contents have no bytes");
	if (k < 0 || l->d.v[k].t != JR_STR || l->d.v[k].len != 16)
		return oops(l, i, "%s", "its contents have no checksum");
	errno = 0;
	o->checksum = strtoull(l->d.v[k].s, &end, 16);
	if (errno != 0 || *end != '\0')
		return oops(l, i, "%s", "its checksum is not 16 hex digits");
	if ((o->member = member(l, i, contents)) == NULL)
		return -1;
	o->bytes = (uint64_t)bytes;
	if (o->member->size != o->bytes) {
		snprintf(l->err, l->len, "%s: %" PRIu64 " bytes, where the "
		    "manifest says %" PRIu64, o->member->name, o->member->size,
		    o->bytes);
		return -1;
	}
	o->has_contents = 1;
	return 0;
}

static int
extents(struct load *l, size_t i, int contents, struct ar_obj *o)
{
	int k = jr_get(&l->d, contents, "extents"), e, x;
	uint64_t at = 0, total = 0;
	size_t n = 0;

	if (k < 0 || l->d.v[k].t != JR_ARR)
		return oops(l, i, "%s", "its contents have no extents");
	if ((o->ext = calloc(l->d.v[k].count + 1, sizeof(*o->ext))) == NULL)
		return oops(l, i, "%s", strerror(errno));
	for (e = l->d.v[k].first; e >= 0; e = l->d.v[e].next, n++) {
		int64_t v[2];

		x = l->d.v[e].first;
		if (l->d.v[e].t != JR_ARR || l->d.v[e].count != 2 ||
		    l->d.v[x].t != JR_INT || l->d.v[l->d.v[x].next].t != JR_INT)
			return oops(l, i, "%s", "an extent is not [offset, length]");
		v[0] = l->d.v[x].i;
		v[1] = l->d.v[l->d.v[x].next].i;
		if (v[0] < 0 || v[1] <= 0 || (uint64_t)v[0] < at ||
		    (uint64_t)v[1] > o->size || (uint64_t)v[0] > o->size - (uint64_t)v[1])
			return oops(l, i, "%s", "its extents overlap, are out of "
			    "order, or go past its size");
		o->ext[n].off = (uint64_t)v[0];
		o->ext[n].len = (uint64_t)v[1];
		at = o->ext[n].off + o->ext[n].len;
		total += o->ext[n].len;
	}
	o->next = n;
	if (total != o->bytes) {
		snprintf(l->err, l->len, "%s: its extents add up to %" PRIu64
		    " bytes, not %" PRIu64, o->member->name, total, o->bytes);
		return -1;
	}
	return 0;
}

/* The member read through: its checksum, and a queue's messages. */
static int
verify(struct load *l, struct ar_obj *o)
{
	static unsigned char buf[1 << 16];
	const struct ar_member *m = o->member;
	struct ar_hash h;
	uint64_t at = 0, need = 0, count = 0, max;
	unsigned char hdr[AR_MSGHDR];
	size_t hn = 0, k, j;
	int queue = o->kind == IPCK_MSG || o->kind == IPCK_PMSG;

	max = o->kind == IPCK_MSG ? (l->msgmax > 0 && l->msgmax < o->qbytes ?
	    l->msgmax : o->qbytes) : o->msgsize;
	ar_hash_init(&h);
	while (at < m->size) {
		k = m->size - at < sizeof(buf) ? (size_t)(m->size - at) : sizeof(buf);
		if (ar_in_read(l->in, m->off + at, buf, k) < 0) {
			snprintf(l->err, l->len, "%s: %s", m->name, strerror(errno));
			return -1;
		}
		ar_hash_add(&h, buf, k);
		for (j = 0; queue && j < k;) {
			if (need > 0) {
				uint64_t t = need < k - j ? need : k - j;

				need -= t;
				j += (size_t)t;
				continue;
			}
			hdr[hn++] = buf[j++];
			if (hn < AR_MSGHDR)
				continue;
			hn = 0;
			{
				uint64_t type = 0, len = 0;
				int b;

				for (b = 0; b < 8; b++) {
					type = type << 8 | hdr[b];
					len = len << 8 | hdr[8 + b];
				}
				if (o->kind == IPCK_MSG ? (int64_t)type < 1 :
				    type > 32767) {
					snprintf(l->err, l->len, "%s: message %" PRIu64
					    ": its %s is out of range", m->name, count,
					    o->kind == IPCK_MSG ? "type" : "priority");
					return -1;
				}
				if (len > max) {
					snprintf(l->err, l->len, "%s: message %" PRIu64
					    ": %" PRIu64 " bytes, longer than %" PRIu64
					    " (%s)", m->name, count, len, max,
					    o->kind == IPCK_PMSG ? "the queue's msgsize" :
					    max == o->qbytes ? "the queue's byte limit" :
					    "msgmax");
					return -1;
				}
				need = len;
				count++;
			}
		}
		at += k;
	}
	if (queue && (hn != 0 || need != 0)) {
		snprintf(l->err, l->len, "%s: its last message is cut short", m->name);
		return -1;
	}
	if (queue && count != o->nmsgs) {
		snprintf(l->err, l->len, "%s: %" PRIu64 " messages, where the "
		    "manifest says %" PRIu64, m->name, count, o->nmsgs);
		return -1;
	}
	if (o->kind == IPCK_PMSG && count > o->maxmsg) {
		snprintf(l->err, l->len, "%s: %" PRIu64 " messages, more than "
		    "the queue's maxmsg %" PRIu64, m->name, count, o->maxmsg);
		return -1;
	}
	if (ar_hash_end(&h) != o->checksum) {
		snprintf(l->err, l->len, "%s: its checksum is wrong (damaged)",
		    m->name);
		return -1;
	}
	return 0;
}

static int
object(struct load *l, size_t i, int n, struct ar_obj *o)
{
	char name[300];
	int64_t v, w;
	int k, c, e;
	long len;

	if (l->d.v[n].t != JR_OBJ)
		return oops(l, i, "%s", "not a JSON object");
	k = jr_get(&l->d, n, "kind");
	if (k < 0 || l->d.v[k].t != JR_STR || ipck_parse_kind(l->d.v[k].s,
	    &o->kind) < 0 || strcmp(l->d.v[k].s, ipck_kind_name(o->kind)) != 0)
		return oops(l, i, "%s", "no kind, or not one of shm, msg, sem, "
		    "pshm, pmsg, psem");
	if (integer(l, n, "uid", 0, UINT32_MAX - 1, &v) < 0)
		return oops(l, i, "%s", "no uid, or out of range");
	o->uid = (uid_t)v;
	if (integer(l, n, "gid", 0, UINT32_MAX - 1, &v) < 0)
		return oops(l, i, "%s", "no gid, or out of range");
	o->gid = (gid_t)v;
	if (integer(l, n, "mode", 0, 0xffff, &v) < 0)
		return oops(l, i, "%s", "no mode, or out of range");
	o->mode = (unsigned int)v & 0777;
	if (ipck_kind_info(o->kind)->family == IPCK_SYSV) {
		if (integer(l, n, "id", 0, INT_MAX, &v) < 0)
			return oops(l, i, "%s", "no id, or out of range");
		o->id = (int)v;
		if (integer(l, n, "key_num", INT32_MIN, INT32_MAX, &v) < 0)
			return oops(l, i, "%s", "no key_num, or out of range");
		o->key = (key_t)v;
	} else {
		k = jr_get(&l->d, n, "name_base64");
		if (k < 0 || l->d.v[k].t != JR_STR ||
		    (len = unbase64(l->d.v[k].s, l->d.v[k].len, name,
		    sizeof(name) - 1)) < 2 || len > 256 || name[0] != '/' ||
		    memchr(name, '\0', (size_t)len) != NULL ||
		    memchr(name + 1, '/', (size_t)len - 1) != NULL ||
		    (len == 2 && name[1] == '.') ||
		    (len == 3 && name[1] == '.' && name[2] == '.'))
			return oops(l, i, "%s", "no name_base64, or not a POSIX "
			    "object's name");
		memcpy(o->name, name, (size_t)len);
		o->name[len] = '\0';
	}
	c = jr_get(&l->d, n, "contents");
	switch (o->kind) {
	case IPCK_SHM:
	case IPCK_PSHM:
		if (integer(l, n, "size", o->kind == IPCK_SHM, INT64_MAX, &v) < 0)
			return oops(l, i, "%s", "no size, or out of range");
		o->size = (uint64_t)v;
		if (c < 0 || l->d.v[c].t != JR_OBJ)
			return oops(l, i, "%s", "no contents");
		if (checksum(l, i, c, o) < 0 || extents(l, i, c, o) < 0)
			return -1;
		break;
	case IPCK_MSG:
	case IPCK_PMSG:
		if (o->kind == IPCK_MSG) {
			if (integer(l, n, "qbytes", 0, INT64_MAX, &v) < 0)
				return oops(l, i, "%s", "no qbytes, or out of range");
			o->qbytes = (uint64_t)v;
		} else {
			if (integer(l, n, "maxmsg", 1, INT32_MAX, &v) < 0 ||
			    integer(l, n, "msgsize", 1, INT32_MAX, &w) < 0)
				return oops(l, i, "%s", "no maxmsg or msgsize, or "
				    "out of range");
			o->maxmsg = (uint64_t)v;
			o->msgsize = (uint64_t)w;
		}
		if (c >= 0 && l->d.v[c].t == JR_NULL && o->kind == IPCK_PMSG)
			break;	/* its messages were not saved */
		if (c < 0 || l->d.v[c].t != JR_OBJ)
			return oops(l, i, "%s", "no contents");
		if (integer(l, c, "messages", 0, INT64_MAX, &v) < 0)
			return oops(l, i, "%s", "its contents say no messages");
		o->nmsgs = (uint64_t)v;
		if (checksum(l, i, c, o) < 0)
			return -1;
		break;
	case IPCK_SEM:
		if (integer(l, n, "nsems", 1, 65535, &v) < 0)
			return oops(l, i, "%s", "no nsems, or out of range");
		o->nsems = (uint64_t)v;
		k = jr_get(&l->d, n, "values");
		if (k < 0 || l->d.v[k].t != JR_ARR || l->d.v[k].count != o->nsems)
			return oops(l, i, "%s", "no values, or not nsems of them");
		if ((o->values = calloc(o->nsems, sizeof(int))) == NULL)
			return oops(l, i, "%s", strerror(errno));
		for (e = l->d.v[k].first, v = 0; e >= 0; e = l->d.v[e].next, v++) {
			if (l->d.v[e].t != JR_INT || l->d.v[e].i < 0 ||
			    l->d.v[e].i > 32767)
				return oops(l, i, "%s", "a value is not 0 to 32767");
			o->values[v] = (int)l->d.v[e].i;
		}
		break;
	case IPCK_PSEM:
		if (integer(l, n, "value", 0, INT_MAX, &v) < 0)
			return oops(l, i, "%s", "no value, or out of range");
		if ((o->values = calloc(1, sizeof(int))) == NULL)
			return oops(l, i, "%s", strerror(errno));
		o->values[0] = (int)v;
		break;
	default:
		break;
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
			r = oops(l, (size_t)(v[i] - m->v), "%s", "the same id or "
			    "name as another object of its kind");
	qsort(v, m->n, sizeof(*v), by_kind_keynum);
	for (i = 1; r == 0 && i < m->n; i++)
		if (ipck_kind_info(v[i]->kind)->family == IPCK_SYSV &&
		    same(v[i], v[i - 1]) && v[i]->key != 0)
			r = oops(l, (size_t)(v[i] - m->v), "%s", "the same key as "
			    "another object of its kind");
	free(v);
	return r;
}

int
ar_load(struct ar_in *in, struct ar_manifest *m, uint64_t msgmax, char *err,
    size_t len)
{
	struct load l = { in, { NULL, 0, 0, "" }, err, len, msgmax, NULL };
	const struct ar_member *man;
	char *text = NULL;
	int root, k, o;
	int64_t v;
	size_t i;
	int r = -1;

	memset(m, 0, sizeof(*m));
	if ((man = ar_in_find(in, AR_MANIFEST)) == NULL) {
		snprintf(err, len, "no %s: not an archive of ipcsave",
		    AR_MANIFEST);
		return -1;
	}
	if (man->size > MANIFEST_MAX) {
		snprintf(err, len, "%s: larger than %llu MiB", AR_MANIFEST,
		    MANIFEST_MAX >> 20);
		return -1;
	}
	if ((text = malloc(man->size + 1)) == NULL ||
	    (l.used = calloc(in->n + 1, 1)) == NULL ||
	    ar_in_read(in, man->off, text, (size_t)man->size) < 0) {
		snprintf(err, len, "%s: %s", AR_MANIFEST, strerror(errno));
		goto out;
	}
	l.used[man - in->m] = 1;
	if (jr_parse(&l.d, text, (size_t)man->size) < 0) {
		snprintf(err, len, "%s: not JSON: %s", AR_MANIFEST, l.d.err);
		goto out;
	}
	root = 0;
	k = jr_get(&l.d, root, "format");
	if (k < 0 || l.d.v[k].t != JR_STR || strcmp(l.d.v[k].s, AR_FORMAT) != 0) {
		oops(&l, (size_t)-1, "%s", "not the manifest of an ipckit archive");
		goto out;
	}
	if (integer(&l, root, "version", 1, INT_MAX, &v) < 0) {
		oops(&l, (size_t)-1, "%s", "no version");
		goto out;
	}
	if (v != AR_VERSION) {
		char b[64];

		snprintf(b, sizeof(b), "%lld", (long long)v);
		oops(&l, (size_t)-1, "version %s; this ipckit reads version 1", b);
		goto out;
	}
	m->version = (int)v;
	if (integer(&l, root, "saved_epoch", 0, INT64_MAX, &v) == 0)
		m->saved = (time_t)v;
	k = jr_get(&l.d, root, "objects");
	if (k < 0 || l.d.v[k].t != JR_ARR) {
		oops(&l, (size_t)-1, "%s", "no objects");
		goto out;
	}
	if ((m->v = calloc(l.d.v[k].count + 1, sizeof(*m->v))) == NULL) {
		oops(&l, (size_t)-1, "%s", strerror(errno));
		goto out;
	}
	for (o = l.d.v[k].first, i = 0; o >= 0; o = l.d.v[o].next, i++) {
		m->n = i + 1;
		if (object(&l, i, o, &m->v[i]) < 0)
			goto out;
		if (m->v[i].kind == IPCK_PMSG && !m->v[i].has_contents)
			m->pmsg_unsaved++;
	}
	if (twice(&l, m) < 0)
		goto out;
	for (i = 0; i < in->n; i++)
		if (!l.used[i]) {
			snprintf(err, len, "member %s: no object's (the "
			    "manifest does not name it)", in->m[i].name);
			goto out;
		}
	for (i = 0; i < m->n; i++)
		if (m->v[i].has_contents && verify(&l, &m->v[i]) < 0)
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
	}
	free(m->v);
	memset(m, 0, sizeof(*m));
}
