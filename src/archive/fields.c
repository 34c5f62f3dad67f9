/* SPDX-License-Identifier: MIT */
/*
 * Each object of the manifest read into struct ar_obj: its kind, owner,
 * group and mode, its id and key or its name, the fields its kind is made
 * from, in range, and its contents' member, checksum and extents, or its
 * values.  Anything missing or out of range is the error, naming the
 * object by its place in the manifest.
 */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base64.h"
#include "load.h"

int
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

int
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
		/* a name from the manifest is said only if it is plain text */
		if (strspn(l->d.v[k].s, "abcdefghijklmnopqrstuvwxyz"
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789./_-") == l->d.v[k].len &&
		    l->d.v[k].len < 100)
			oops(l, i, "its member %s is not in the archive",
			    l->d.v[k].s);
		else
			oops(l, i, "its member is not in the archive");
		return NULL;
	}
	if (l->used[m - l->in->m]) {
		oops(l, i, "its member %s is another object's too", m->name);
		return NULL;
	}
	l->used[m - l->in->m] = 1;
	return m;
}

/*
 * An object's contents: bytes, and for bytes in a member, the member and
 * its checksum; contents of no bytes have no member (ipckit 0.2.0 before
 * this wrote an empty one, which is read too).
 */
static int
checksum(struct load *l, size_t i, int contents, struct ar_obj *o)
{
	int k = jr_get(&l->d, contents, "checksum");
	int64_t bytes;
	char *end;

	if (integer(l, contents, "bytes", 0, INT64_MAX, &bytes) < 0)
		return oops(l, i, "%s", "its contents have no bytes");
	if (jr_get(&l->d, contents, "member") < 0 && bytes == 0) {
		o->has_contents = 1;
		return 0;
	}
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
	if (total != o->bytes && o->member == NULL)
		return oops(l, i, "its extents add up to %" PRIu64 " bytes, "
		    "and it has none", total);
	if (total != o->bytes) {
		snprintf(l->err, l->len, "%s: its extents add up to %" PRIu64
		    " bytes, not %" PRIu64, o->member->name, total, o->bytes);
		return -1;
	}
	return 0;
}

/* What every kind has: kind, owner, group, mode; id and key, or name. */
static int
common(struct load *l, size_t i, int n, struct ar_obj *o)
{
	char name[300];
	int64_t v;
	int k;
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
		/* ipcs -J writes a key as the kernel's unsigned 32 bits */
		if (integer(l, n, "key_num", INT32_MIN, UINT32_MAX, &v) < 0)
			return oops(l, i, "%s", "no key_num, or out of range");
		o->key = (key_t)(int32_t)(uint32_t)v;
	} else {
		k = jr_get(&l->d, n, "name_base64");
		if (k < 0 || l->d.v[k].t != JR_STR ||
		    (len = cli_unbase64(l->d.v[k].s, l->d.v[k].len, name,
		    sizeof(name) - 1)) < 2 || len > 256 || name[0] != '/' ||
		    memchr(name, '\0', (size_t)len) != NULL ||
		    memchr(name + 1, '/', (size_t)len - 1) != NULL ||
		    (len == 2 && name[1] == '.') ||
		    (len == 3 && name[1] == '.' && name[2] == '.'))
			return oops(l, i, "%s", "no name_base64, or not a POSIX "
			    "object's name");
		if ((o->name = malloc((size_t)len + 1)) == NULL)
			return oops(l, i, "%s", strerror(errno));
		memcpy(o->name, name, (size_t)len);
		o->name[len] = '\0';
	}
	return 0;
}

/* What its kind is made from, and its contents or values. */
static int
kind_fields(struct load *l, size_t i, int n, struct ar_obj *o)
{
	int64_t v, w;
	int k, c, e;

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
		if (o->member == NULL && o->nmsgs != 0)
			return oops(l, i, "%" PRIu64 " messages, and no member",
			    o->nmsgs);
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

int
ar_object(struct load *l, size_t i, int n, struct ar_obj *o)
{
	if (common(l, i, n, o) < 0)
		return -1;
	return kind_fields(l, i, n, o);
}
