/* SPDX-License-Identifier: MIT */
/*
 * Writing an archive's container: POSIX ustar (IEEE 1003.1), regular
 * files only.  Each member's header goes down first and its size is
 * filled in when the member ends (a segment's data is known only once
 * read), so the writer needs a file it can seek in; a size past ustar's
 * 11 octal digits (8 GiB) is written in base-256, as GNU tar, bsdtar and
 * star read it.
 */
#define _GNU_SOURCE	/* sync_file_range */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tar.h"

#define OUTBUF	(256U << 10)
/* Bytes the disk is told to start on at a time. */
#define SYNC_STEP	((uint64_t)64 << 20)

/* The header's checksum: its bytes added up, the checksum field as spaces. */
unsigned long
ar_tar_sum(const struct header *h)
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
	snprintf(h->chksum, sizeof(h->chksum), "%06lo", ar_tar_sum(h));
	h->chksum[7] = ' ';
}

/*
 * n bytes at p written whole.  Every SYNC_STEP bytes the disk is told to
 * start on what came before (sync_file_range: it does not wait), so the
 * fsync before the rename finds little left to do; where the file cannot
 * (a pipe), nothing is asked.
 */
static int
out(struct ar_out *o, const char *p, size_t n)
{
	ssize_t k;

	while (n > 0) {
		if ((k = write(o->fd, p, n)) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += k;
		n -= (size_t)k;
		o->written += (uint64_t)k;
	}
	if (o->written - o->synced >= SYNC_STEP) {
		if (!o->nosync && sync_file_range(o->fd, (off_t)o->synced,
		    (off_t)(o->written - o->synced), SYNC_FILE_RANGE_WRITE) < 0)
			o->nosync = 1;
		o->synced = o->written;
	}
	return 0;
}

static int
flush(struct ar_out *o)
{
	if (out(o, (const char *)o->buf, o->nbuf) < 0)
		return -1;
	o->nbuf = 0;
	return 0;
}

static int
put(struct ar_out *o, const void *p, size_t n)
{
	const char *c = p;
	size_t k;

	o->at += n;
	/* much at once: what is buffered, then the caller's bytes, uncopied */
	if (n >= OUTBUF) {
		if (flush(o) < 0)
			return -1;
		return out(o, c, n);
	}
	while (n > 0) {
		if (o->nbuf == OUTBUF && flush(o) < 0)
			return -1;
		k = OUTBUF - o->nbuf < n ? OUTBUF - o->nbuf : n;
		memcpy(o->buf + o->nbuf, c, k);
		o->nbuf += k;
		c += k;
		n -= k;
	}
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
	/* still all in the buffer: taken back there, no system call */
	if (o->hdr >= o->at - o->nbuf) {
		o->nbuf -= (size_t)(o->at - o->hdr);
		o->at = o->hdr;
		return 0;
	}
	if (flush(o) < 0 || ftruncate(o->fd, (off_t)o->hdr) < 0 ||
	    lseek(o->fd, (off_t)o->hdr, SEEK_SET) < 0)
		return -1;
	o->at = o->written = o->hdr;
	if (o->synced > o->hdr)
		o->synced = o->hdr;
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

