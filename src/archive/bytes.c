/* SPDX-License-Identifier: MIT */
/*
 * A segment's or POSIX object's bytes into its member, as the library
 * hands them over (holes as zeros, never allocated), block by block: a
 * block of AR_BLOCK zeros is kept as no data, runs of the rest are written
 * at once and listed as extents [offset, length].  A 1 GiB segment never
 * written is an empty member.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "save.h"

/*
 * An object's "contents" begun: member, bytes and checksum, left open; an
 * object with no bytes (member NULL) has no member, only "bytes": 0.
 */
void
ar_contents(struct cli_json *j, const char *member, uint64_t size,
    uint64_t hash)
{
	char h[20];

	json_begin(j, "contents", '{');
	if (member == NULL) {
		json_uint(j, "bytes", 0);
		return;
	}
	json_str(j, "member", member);
	json_uint(j, "bytes", size);
	snprintf(h, sizeof(h), "%016" PRIx64, hash);
	json_str(j, "checksum", h);
}

int
ar_gone(const struct ipck_obj *o, int err)
{
	if (ipck_kind_info(o->kind)->family == IPCK_POSIX)
		return err == ENOENT;
	return err == EIDRM || err == EINVAL;
}

/* The bytes of a segment or POSIX object, as they come. */
struct bytes {
	struct ar_out		*out;
	uint64_t		 pos;		/* bytes seen */
	unsigned char		 blk[AR_BLOCK];
	size_t			 nblk;
	struct ipck_run	*ext;
	size_t			 next, cap;
	int			 err;
};

static int
zero(const unsigned char *p, size_t n)
{
	uint64_t w[8];
	size_t i;

	for (; n >= sizeof(w); p += sizeof(w), n -= sizeof(w)) {
		memcpy(w, p, sizeof(w));
		if ((w[0] | w[1] | w[2] | w[3] | w[4] | w[5] | w[6] | w[7]) != 0)
			return 0;
	}
	for (i = 0; i < n; i++)
		if (p[i] != 0)
			return 0;
	return 1;
}

/* n bytes of data at offset at, written and added to the extents. */
static int
data(struct bytes *b, uint64_t at, const unsigned char *p, size_t n)
{
	struct ipck_run *e;

	if (b->next > 0 && b->ext[b->next - 1].off + b->ext[b->next - 1].len == at)
		b->ext[b->next - 1].len += n;
	else {
		if (b->next == b->cap) {
			b->cap = b->cap ? b->cap * 2 : 16;
			if ((e = realloc(b->ext, b->cap * sizeof(*e))) == NULL)
				return -1;
			b->ext = e;
		}
		b->ext[b->next++] = (struct ipck_run){ at, n };
	}
	return ar_out_write(b->out, p, n);
}

/* Whole blocks at p (n a multiple of AR_BLOCK, or the last), runs of data at once. */
static int
blocks(struct bytes *b, uint64_t at, const unsigned char *p, size_t n)
{
	size_t i = 0, start, k;

	while (i < n) {
		k = n - i < AR_BLOCK ? n - i : AR_BLOCK;
		if (zero(p + i, k)) {
			i += k;
			continue;
		}
		for (start = i; i < n; i += k) {
			k = n - i < AR_BLOCK ? n - i : AR_BLOCK;
			if (zero(p + i, k))
				break;
		}
		if (data(b, at + start, p + start, i - start) < 0) {
			b->err = errno;	/* the archive's failure, not the object's */
			return -1;
		}
	}
	return 0;
}

static int
take(void *arg, const void *v, size_t n)
{
	struct bytes *b = arg;
	const unsigned char *p = v;
	size_t k;

	while (n > 0) {
		if (b->nblk > 0 || n < AR_BLOCK) {
			k = AR_BLOCK - b->nblk < n ? AR_BLOCK - b->nblk : n;
			memcpy(b->blk + b->nblk, p, k);
			b->nblk += k;
			p += k;
			n -= k;
			if (b->nblk == AR_BLOCK) {
				if (blocks(b, b->pos, b->blk, AR_BLOCK) < 0)
					return -1;
				b->pos += AR_BLOCK;
				b->nblk = 0;
			}
			continue;
		}
		k = n - n % AR_BLOCK;
		if (blocks(b, b->pos, p, k) < 0)
			return -1;
		b->pos += k;
		p += k;
		n -= k;
	}
	return 0;
}

static void
extents(struct cli_json *j, const struct bytes *b)
{
	size_t i;

	json_begin(j, "extents", '[');
	for (i = 0; i < b->next; i++) {
		json_begin(j, NULL, '[');
		json_uint(j, NULL, b->ext[i].off);
		json_uint(j, NULL, b->ext[i].len);
		json_end(j, ']');
	}
	json_end(j, ']');
}

int
ar_save_bytes(struct ar_save *s, const struct ipck_obj *o, const char *member,
    char *err, size_t len)
{
	struct cli_json *j = s->json;
	struct bytes b;
	struct ipck_copy c;
	uint64_t size, hash;
	int r, e;

	memset(&b, 0, sizeof(b));
	b.out = &s->out;
	if (o->kind == IPCK_SHM && (o->have & IPCK_HAVE_PAGES) &&
	    o->u.shm.rss == 0 && o->u.shm.swap == 0)
		goto none;	/* no page at all: nothing to read, no attach */
	if (ar_out_begin(&s->out, member) < 0)
		goto fail;
	memset(&c, 0, sizeof(c));
	if (o->kind == IPCK_SHM)
		r = ipck_shm_scan(o->id, 0, o->u.shm.size, take, &b, &c);
	else
		r = ipck_pshm_scan(o, 0, o->u.pshm.size, take, &b, &c);
	if (r == 0 && b.nblk > 0)
		r = blocks(&b, b.pos, b.blk, b.nblk);
	if (r < 0) {
		e = errno;
		ar_out_drop(&s->out);
		free(b.ext);
		if (c.via == NULL && ar_gone(o, e))
			return 1;
		snprintf(err, len, "%s: %s", b.err ? "the archive" : "its bytes",
		    strerror(e));
		errno = e;
		return -1;
	}
	if (b.next == 0) {
		/* no data: no member; the header goes, most often unwritten */
		if (ar_out_drop(&s->out) < 0)
			goto fail;
none:
		member = NULL;
		size = hash = 0;
	} else if (ar_out_end(&s->out, &size, &hash) < 0)
		goto fail;
	json_object(j, NULL, o);
	ar_contents(j, member, size, hash);
	extents(j, &b);
	json_end(j, '}');
	json_end(j, '}');
	free(b.ext);
	return 0;
fail:
	snprintf(err, len, "the archive: %s", strerror(errno));
	free(b.ext);
	return -1;
}

