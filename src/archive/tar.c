/* SPDX-License-Identifier: MIT */
/*
 * The archive's container: POSIX ustar (IEEE 1003.1), regular files only.
 * The writer puts each member's header down first and fills in its size
 * when the member ends (a segment's data is known only once read), so it
 * needs a file it can seek in; a size past ustar's 11 octal digits (8 GiB)
 * is written in base-256, as GNU tar, bsdtar and star read it.  The reader
 * indexes every header before anything else is read, and trusts none of
 * it: checksums, magic, types, names, sizes, and that each member lies
 * inside the file.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "archive.h"

#define BLOCK	512
#define OUTBUF	(1U << 20)

struct header {
	char	name[100];
	char	mode[8];
	char	uid[8];
	char	gid[8];
	char	size[12];
	char	mtime[12];
	char	chksum[8];
	char	typeflag;
	char	linkname[100];
	char	magic[6];
	char	version[2];
	char	uname[32];
	char	gname[32];
	char	devmajor[8];
	char	devminor[8];
	char	prefix[155];
	char	pad[12];
};

/* The header's checksum: its bytes added up, the checksum field as spaces. */
static unsigned long
sum(const struct header *h)
{
	const unsigned char *p = (const unsigned char *)h;
	unsigned long s = 0;
	size_t i;

	for (i = 0; i < BLOCK; i++)
		s += (i >= 148 && i < 156) ? ' ' : p[i];
	return s;
}

/* v in len - 1 octal digits, then a NUL (v must fit). */
static void
octal(char *field, size_t len, uint64_t v)
{
	size_t i;

	field[len - 1] = '\0';
	for (i = len - 1; i > 0; i--, v >>= 3)
		field[i - 1] = (char)('0' + (v & 7));
}

static void
size_field(char f[12], uint64_t v)
{
	int i;

	if (v < (uint64_t)1 << 33) {
		octal(f, 12, v);
		return;
	}
	memset(f, 0, 12);
	f[0] = (char)0x80;
	for (i = 11; i > 0; i--, v >>= 8)
		f[i] = (char)(v & 0xff);
}

static void
fill(struct header *h, const char *name, uint64_t size, time_t mtime)
{
	memset(h, 0, sizeof(*h));
	snprintf(h->name, sizeof(h->name), "%s", name);
	octal(h->mode, sizeof(h->mode), 0600);
	octal(h->uid, sizeof(h->uid), 0);
	octal(h->gid, sizeof(h->gid), 0);
	size_field(h->size, size);
	octal(h->mtime, sizeof(h->mtime), mtime > 0 ? (uint64_t)mtime : 0);
	h->typeflag = '0';
	memcpy(h->magic, "ustar", 6);
	memcpy(h->version, "00", 2);
	snprintf(h->chksum, sizeof(h->chksum), "%06lo", sum(h));
	h->chksum[7] = ' ';
}

static int
flush(struct ar_out *o)
{
	size_t done = 0;
	ssize_t k;

	while (done < o->nbuf) {
		if ((k = write(o->fd, o->buf + done, o->nbuf - done)) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		done += (size_t)k;
	}
	o->nbuf = 0;
	return 0;
}

static int
put(struct ar_out *o, const void *p, size_t n)
{
	if (o->nbuf + n > OUTBUF && flush(o) < 0)
		return -1;
	if (n >= OUTBUF) {
		size_t done = 0;
		ssize_t k;

		while (done < n) {
			if ((k = write(o->fd, (const char *)p + done, n - done)) < 0) {
				if (errno == EINTR)
					continue;
				return -1;
			}
			done += (size_t)k;
		}
	} else {
		memcpy(o->buf + o->nbuf, p, n);
		o->nbuf += n;
	}
	o->at += n;
	return 0;
}

int
ar_out_init(struct ar_out *o, int fd, time_t mtime)
{
	memset(o, 0, sizeof(*o));
	o->fd = fd;
	o->mtime = mtime;
	if ((o->buf = malloc(OUTBUF)) == NULL)
		return -1;
	return 0;
}

int
ar_out_begin(struct ar_out *o, const char *name)
{
	struct header h;

	if (strlen(name) >= sizeof(h.name)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	fill(&h, name, 0, o->mtime);
	o->hdr = o->at;
	o->size = 0;
	snprintf(o->name, sizeof(o->name), "%s", name);
	ar_hash_init(&o->hash);
	return put(o, &h, sizeof(h));
}

int
ar_out_write(struct ar_out *o, const void *p, size_t n)
{
	ar_hash_add(&o->hash, p, n);
	o->size += n;
	return put(o, p, n);
}

int
ar_out_end(struct ar_out *o, uint64_t *size, uint64_t *hash)
{
	static const char zeros[BLOCK];
	struct header h;
	size_t pad = (size_t)((BLOCK - o->size % BLOCK) % BLOCK);

	if (put(o, zeros, pad) < 0)
		return -1;
	fill(&h, o->name, o->size, o->mtime);
	/* the header still in the buffer is mended there, else in the file */
	if (o->hdr >= o->at - o->nbuf)
		memcpy(o->buf + (o->hdr - (o->at - o->nbuf)), &h, sizeof(h));
	else if (pwrite(o->fd, &h, sizeof(h), (off_t)o->hdr) != (ssize_t)sizeof(h))
		return -1;
	if (size != NULL)
		*size = o->size;
	if (hash != NULL)
		*hash = ar_hash_end(&o->hash);
	return 0;
}

int
ar_out_drop(struct ar_out *o)
{
	if (flush(o) < 0 || ftruncate(o->fd, (off_t)o->hdr) < 0 ||
	    lseek(o->fd, (off_t)o->hdr, SEEK_SET) < 0)
		return -1;
	o->at = o->hdr;
	return 0;
}

int
ar_out_member(struct ar_out *o, const char *name, const void *p, size_t n,
    uint64_t *hash)
{
	if (ar_out_begin(o, name) < 0 || ar_out_write(o, p, n) < 0)
		return -1;
	return ar_out_end(o, NULL, hash);
}

int
ar_out_finish(struct ar_out *o)
{
	static const char zeros[2 * BLOCK];

	return put(o, zeros, sizeof(zeros)) < 0 || flush(o) < 0 ? -1 : 0;
}

void
ar_out_free(struct ar_out *o)
{
	free(o->buf);
	o->buf = NULL;
}

/* Reading: each header checked, each member indexed. */

static void
bad(struct ar_in *in, uint64_t at, const char *what)
{
	snprintf(in->err, sizeof(in->err), "the header at byte %llu: %s",
	    (unsigned long long)at, what);
}

/* An octal field (digits, then NUL or spaces) or base-256: 0, or -1. */
static int
number(const char *f, size_t len, uint64_t *v)
{
	size_t i = 0;

	*v = 0;
	if ((unsigned char)f[0] == 0x80) {
		for (i = 1; i < len; i++) {
			if (*v >> 56)
				return -1;
			*v = *v << 8 | (unsigned char)f[i];
		}
		return 0;
	}
	while (i < len && f[i] == ' ')
		i++;
	if (i == len || f[i] < '0' || f[i] > '7')
		return -1;
	for (; i < len && f[i] >= '0' && f[i] <= '7'; i++) {
		if (*v >> 60)
			return -1;
		*v = *v << 3 | (uint64_t)(f[i] - '0');
	}
	for (; i < len; i++)
		if (f[i] != ' ' && f[i] != '\0')
			return -1;
	return 0;
}

/* The member's name: prefix/name, NUL-terminated fields; 0 or -1. */
static int
member_name(const struct header *h, char *buf, size_t len)
{
	size_t n = strnlen(h->name, sizeof(h->name));
	size_t p = strnlen(h->prefix, sizeof(h->prefix));

	if (n == 0 || p + 1 + n + 1 > len)
		return -1;
	if (p > 0)
		snprintf(buf, len, "%.*s/%.*s", (int)p, h->prefix, (int)n, h->name);
	else
		snprintf(buf, len, "%.*s", (int)n, h->name);
	return 0;
}

/* A name that stays inside: relative, no "..", no empty part, printable. */
static int
safe_name(const char *s)
{
	const char *p;

	if (*s == '/' || *s == '\0')
		return 0;
	for (p = s; *p != '\0'; p++)
		if ((unsigned char)*p < 0x21 || (unsigned char)*p > 0x7e)
			return 0;
	for (p = s; p != NULL; p = strchr(p, '/')) {
		if (*p == '/')
			p++;
		if (*p == '/' || *p == '\0' || (p[0] == '.' && (p[1] == '/' ||
		    p[1] == '\0' || (p[1] == '.' && (p[2] == '/' || p[2] == '\0')))))
			return 0;
	}
	return 1;
}

int
ar_in_read(const struct ar_in *in, uint64_t off, void *buf, size_t n)
{
	size_t done = 0;
	ssize_t k;

	while (done < n) {
		k = pread(in->fd, (char *)buf + done, n - done,
		    (off_t)(off + done));
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			if (k == 0)
				errno = EIO;
			return -1;
		}
		done += (size_t)k;
	}
	return 0;
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(((const struct ar_member *)a)->name,
	    ((const struct ar_member *)b)->name);
}

int
ar_in_open(struct ar_in *in, int fd)
{
	struct header h;
	struct stat st;
	uint64_t at = 0, size, chk;
	char name[sizeof(h.prefix) + sizeof(h.name) + 2];
	size_t i;

	memset(in, 0, sizeof(*in));
	in->fd = fd;
	if (fstat(fd, &st) < 0) {
		snprintf(in->err, sizeof(in->err), "%s", strerror(errno));
		return -1;
	}
	in->len = (uint64_t)st.st_size;
	for (;;) {
		if (at + BLOCK > in->len) {
			snprintf(in->err, sizeof(in->err), "it ends at byte %llu, "
			    "inside a header or without the end of the archive",
			    (unsigned long long)in->len);
			return -1;
		}
		if (ar_in_read(in, at, &h, sizeof(h)) < 0) {
			snprintf(in->err, sizeof(in->err), "%s", strerror(errno));
			return -1;
		}
		if (h.name[0] == '\0' && sum(&h) == 8 * ' ')
			break;	/* a block of zeros: the end */
		if (number(h.chksum, sizeof(h.chksum), &chk) < 0 ||
		    chk != sum(&h)) {
			bad(in, at, "its checksum is wrong (not a tar "
			    "archive, or damaged)");
			return -1;
		}
		if (memcmp(h.magic, "ustar", 5) != 0) {
			bad(in, at, "not a ustar header");
			return -1;
		}
		if (member_name(&h, name, sizeof(name)) < 0 || !safe_name(name)) {
			bad(in, at, "a member name that is empty, too "
			    "long, absolute, climbs out with .., or is not "
			    "printable ASCII");
			return -1;
		}
		if (h.typeflag != '0' && h.typeflag != '\0') {
			snprintf(in->err, sizeof(in->err), "member %s: not a "
			    "regular file (type '%c')", name,
			    h.typeflag > 0x20 && h.typeflag < 0x7f ? h.typeflag : '?');
			return -1;
		}
		if (number(h.size, sizeof(h.size), &size) < 0 ||
		    size > in->len - at - BLOCK) {
			snprintf(in->err, sizeof(in->err), "member %s: its size "
			    "is unreadable or goes past the end of the file", name);
			return -1;
		}
		if (in->n == in->cap) {
			struct ar_member *v;

			in->cap = in->cap ? in->cap * 2 : 64;
			if ((v = realloc(in->m, in->cap * sizeof(*v))) == NULL) {
				snprintf(in->err, sizeof(in->err), "%s",
				    strerror(errno));
				return -1;
			}
			in->m = v;
		}
		snprintf(in->m[in->n].name, sizeof(in->m[in->n].name), "%s", name);
		in->m[in->n].off = at + BLOCK;
		in->m[in->n].size = size;
		in->n++;
		at += BLOCK + (size + BLOCK - 1) / BLOCK * BLOCK;
		if (at > in->len) {
			snprintf(in->err, sizeof(in->err), "member %s: its "
			    "padding goes past the end of the file", name);
			return -1;
		}
	}
	/* by name, for finding; a name twice is refused */
	if (in->n > 1)
		qsort(in->m, in->n, sizeof(in->m[0]), by_name);
	for (i = 1; i < in->n; i++)
		if (strcmp(in->m[i - 1].name, in->m[i].name) == 0) {
			snprintf(in->err, sizeof(in->err), "member %s: there "
			    "twice", in->m[i].name);
			return -1;
		}
	return 0;
}

const struct ar_member *
ar_in_find(const struct ar_in *in, const char *name)
{
	struct ar_member key;

	if (in->n == 0 || strlen(name) >= sizeof(key.name))
		return NULL;
	snprintf(key.name, sizeof(key.name), "%s", name);
	return bsearch(&key, in->m, in->n, sizeof(in->m[0]), by_name);
}

void
ar_in_free(struct ar_in *in)
{
	free(in->m);
	in->m = NULL;
	in->n = 0;
}
