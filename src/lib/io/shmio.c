/* SPDX-License-Identifier: MIT */
/*
 * Shared memory's bytes to and from a file descriptor, by the fastest way
 * the caller may use: sendfile(2) or splice(2) on the memory's own file
 * when it may open it (a System V segment's with a capability, a POSIX
 * object's always), else through a segment's mapping (shmmap.c), or
 * pread/pwrite on a POSIX object's file.
 */
#define _GNU_SOURCE	/* sendfile, splice, F_SETPIPE_SZ */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <unistd.h>

#include "seg.h"

/* Bytes per system call: below the 2 GiB that sendfile and splice move at most. */
#define CHUNK		((size_t)1 << 30)
/* Bytes per pread or pwrite, where no other way goes. */
#define FILE_BUF	((size_t)1 << 20)

/*
 * A POSIX object's bytes by pread(2) and pwrite(2) through a buffer,
 * where neither sendfile nor splice works with the fd (an O_APPEND
 * output, a terminal, a caller's function).  A hole reads as zeros
 * without being allocated, as it does through sendfile.
 */
/*
 * Reading from pos, where the data next starts: the first byte of a page
 * the file has (in memory or in swap, as SEEK_DATA tells it), or end if
 * none; *run is where that data ends (SEEK_HOLE).  Where the file cannot
 * say, all is data.
 */
static uint64_t
data_from(int fd, uint64_t pos, uint64_t end, uint64_t *run)
{
	off_t d, h;

	*run = end;
	if ((d = lseek(fd, (off_t)pos, SEEK_DATA)) < 0)
		return errno == ENXIO ? end : pos;
	if ((uint64_t)d >= end)
		return end;
	if ((h = lseek(fd, d, SEEK_HOLE)) >= 0 && (uint64_t)h < end)
		*run = (uint64_t)h;
	return (uint64_t)d;
}

static int
by_file(struct seg *s, uint64_t off, uint64_t len, const struct way *w,
    struct ipck_copy *c)
{
	struct ipck_copy got;
	uint64_t data = 0, run = 0;
	char *buf;
	size_t n;
	ssize_t r;
	int rc = 0, zeroed = 0;

	if ((buf = malloc(FILE_BUF)) == NULL)
		return -1;
	while (rc == 0 && c->done < len && !c->eof) {
		n = len - c->done < FILE_BUF ? (size_t)(len - c->done) : FILE_BUF;
		if (w->how != WAY_READ && off + c->done >= run)
			data = data_from(s->fd, off + c->done, off + len, &run);
		if (w->how != WAY_READ && off + c->done < data) {
			/* a hole: zeros handed over, nothing read */
			if (data - off - c->done < n)
				n = (size_t)(data - off - c->done);
			if (!zeroed)
				memset(buf, 0, FILE_BUF);
			zeroed = 1;
			rc = ipck__pump(w, buf, n, c);
			continue;
		}
		zeroed = 0;
		if (w->how == WAY_READ) {
			/* what was read is written, even when the input failed */
			got = (struct ipck_copy){ 0, 0, NULL };
			rc = ipck__pump(w, buf, n, &got);
			c->eof = got.eof;
			if (ipck__put(s, buf, (size_t)got.done, off + c->done, c) < 0)
				rc = -1;
			continue;
		}
		r = pread(s->fd, buf, n, (off_t)(off + c->done));
		if (r > 0)
			rc = ipck__pump(w, buf, (size_t)r, c);
		else if (r < 0 && errno == EINTR)
			continue;
		else {
			if (r == 0)
				errno = EIO;	/* the file ended before the range */
			rc = -1;
		}
	}
	free(buf);
	return rc < 0 ? -1 : 0;
}

static size_t
chunk(uint64_t left)
{
	return left < CHUNK ? (size_t)left : CHUNK;
}

/* Segment to fd with sendfile(2): 0 done, 1 not possible, -1 error. */
static int
out_file(struct seg *s, uint64_t off, uint64_t len, int fd,
    struct ipck_copy *c)
{
	off_t pos = (off_t)off;
	ssize_t r;

	while (c->done < len) {
		if ((r = sendfile(fd, s->fd, &pos, chunk(len - c->done))) > 0)
			c->done += (uint64_t)r;
		else if (r == 0) {
			errno = EIO;	/* the file ended before the segment */
			return -1;
		} else if (ipck__unsupported(c))
			return 1;
		else if (!ipck__again(fd, POLLOUT))
			return -1;
	}
	return 0;
}

/*
 * What both directions do first: fd checked (were it closed, its number
 * would go to the segment's file), the range checked and the segment
 * attached or the object opened (c->via stays NULL when that fails), a
 * pipe grown.
 */
static int
begin(int id, const struct ipck_obj *o, int wr, uint64_t off, uint64_t len,
    int fd, struct seg *s, struct stat *st, int *fl, struct ipck_copy *c)
{
	const char *plain = wr ? "read" : "write";

	c->done = 0;
	c->eof = 0;
	c->via = plain;
	if (fstat(fd, st) < 0 || (*fl = fcntl(fd, F_GETFL)) < 0)
		return -1;
	c->via = NULL;
	if ((o != NULL ? ipck__pshm_open(o, wr, off, len, s) : ipck__seg_open(id, wr,
	    off, len, s)) < 0)
		return -1;
	c->via = plain;
	if (S_ISFIFO(st->st_mode) && len > 0 &&
	    fcntl(fd, F_GETPIPE_SZ) < PIPE_BYTES)
		(void)fcntl(fd, F_SETPIPE_SZ, PIPE_BYTES);
	return 0;
}

/* A segment (id) or a POSIX object (o) to fd. */
static int
shm_read(int id, const struct ipck_obj *o, uint64_t off, uint64_t len, int fd,
    struct ipck_copy *c)
{
	struct way pipe = { WAY_VMSPLICE, fd, NULL, NULL };
	struct way plain = { WAY_WRITE, fd, NULL, NULL };
	struct seg s;
	struct stat st;
	int r = 1, fl;

	if (begin(id, o, 0, off, len, fd, &s, &st, &fl, c) < 0)
		return -1;
	/* sendfile and splice refuse an O_APPEND output: write to it */
	if (s.fd >= 0 && !(fl & O_APPEND)) {
		c->via = "sendfile";
		r = out_file(&s, off, len, fd, c);
	}
	if (r == 1 && s.addr != NULL && S_ISFIFO(st.st_mode) &&
	    !(fl & O_APPEND)) {
		c->via = "vmsplice";
		r = ipck__by_map(&s, off, len, &pipe, c);
	}
	if (r == 1) {
		c->via = "write";
		r = s.addr != NULL ? ipck__by_map(&s, off, len, &plain, c) :
		    by_file(&s, off, len, &plain, c);
	}
	ipck__seg_close(&s);
	return r < 0 ? -1 : 0;
}

IPCK_API int
ipck_shm_read(int id, uint64_t off, uint64_t len, int fd, struct ipck_copy *c)
{
	return shm_read(id, NULL, off, len, fd, c);
}

IPCK_API int
ipck_pshm_read(const struct ipck_obj *o, uint64_t off, uint64_t len, int fd,
    struct ipck_copy *c)
{
	return shm_read(-1, o, off, len, fd, c);
}

/* fd to segment with sendfile(2), or splice(2) from a pipe: 0, 1 or -1. */
static int
in_file(struct seg *s, uint64_t off, uint64_t len, int fd, int pipe,
    struct ipck_copy *c)
{
	loff_t pos = (loff_t)off;
	size_t n;
	ssize_t r;

	if (!pipe && lseek(s->fd, (off_t)off, SEEK_SET) < 0)
		return 1;
	while (c->done < len) {
		if ((n = ipck__fits(s, off + c->done, chunk(len - c->done))) == 0) {
			errno = EFBIG;
			return -1;
		}
		/*
		 * Not blocked inside splice while the pipe is empty: what
		 * fits is asked again once there is something to write.
		 */
		r = pipe ? splice(fd, NULL, s->fd, &pos, n, SPLICE_F_MOVE |
		    SPLICE_F_NONBLOCK) : sendfile(s->fd, fd, NULL, n);
		if (r > 0)
			c->done += (uint64_t)r;
		else if (r == 0) {
			c->eof = 1;
			break;
		} else if (ipck__unsupported(c))
			return 1;
		else if (!ipck__again(fd, POLLIN))
			return -1;
	}
	return 0;
}

/*
 * A file (not a pipe) into the memory's file through a pipe of our own,
 * grown to 1 MiB: splice(2) in, splice out.  It does what sendfile does
 * with the kernel's 64 KiB pipe, in a sixteenth of the rounds.  The fd's
 * offset moves on as read(2) would move it.  p is the pipe, made here
 * on the first call (-1, -1) and closed by the caller.  0, 1 (splice
 * cannot read fd, nothing moved) or -1.
 */
static int
through_pipe(struct seg *s, uint64_t off, uint64_t len, int fd, int p[2],
    struct ipck_copy *c)
{
	loff_t pos = (loff_t)off;
	ssize_t r, w;
	size_t k;
	int rc = 0;

	/* the pipe is made for the first run and kept for the others */
	if (p[0] < 0) {
		if (pipe2(p, O_CLOEXEC) < 0) {
			p[0] = p[1] = -1;
			return 1;
		}
		(void)fcntl(p[1], F_SETPIPE_SZ, PIPE_BYTES);
	}
	while (rc == 0 && c->done < len) {
		r = splice(fd, NULL, p[1], NULL, len - c->done < PIPE_BYTES ?
		    (size_t)(len - c->done) : PIPE_BYTES, SPLICE_F_MOVE);
		if (r == 0) {
			c->eof = 1;
			break;
		}
		if (r < 0) {
			if (ipck__unsupported(c))
				rc = 1;
			else if (!ipck__again(fd, POLLIN))
				rc = -1;
			continue;
		}
		for (k = 0; k < (size_t)r; k += (size_t)w) {
			if ((w = (ssize_t)ipck__fits(s, off + c->done, (size_t)r - k)) == 0) {
				errno = EFBIG;
				rc = -1;
				break;
			}
			w = splice(p[0], NULL, s->fd, &pos, (size_t)w,
			    SPLICE_F_MOVE);
			if (w <= 0 && (w == 0 || errno != EINTR)) {
				if (w == 0)
					errno = EIO;
				rc = -1;
				break;
			}
			if (w < 0)
				w = 0;
			c->done += (uint64_t)w;
		}
	}
	return rc;
}

/* One run [off, off + len) of the opened memory from fd, by the fastest way: 0 or -1. */
static int
fill_run(struct seg *s, uint64_t off, uint64_t len, int fd, int pipe,
    int p[2], struct ipck_copy *c)
{
	struct way in = { WAY_READ, fd, NULL, NULL };
	int r = 1;

	if (s->fd >= 0 && !pipe) {
		c->via = "splice";
		r = through_pipe(s, off, len, fd, p, c);
	}
	if (s->fd >= 0 && r == 1) {
		c->via = pipe ? "splice" : "sendfile";
		r = in_file(s, off, len, fd, pipe, c);
	}
	if (r == 1) {
		c->via = "read";
		r = s->addr != NULL ? ipck__by_map(s, off, len, &in, c) :
		    by_file(s, off, len, &in, c);
	}
	return r < 0 ? -1 : 0;
}

/*
 * fd to n runs of a segment (id) or a POSIX object (o), one after
 * another, the memory opened once; c->done counts every run's bytes.
 */
static int
shm_write(int id, const struct ipck_obj *o, const struct ipck_run *runs,
    size_t n, int fd, struct ipck_copy *c)
{
	struct ipck_copy one;
	struct seg s;
	struct stat st;
	uint64_t lo = n > 0 ? runs[0].off : 0, hi = lo;
	size_t i;
	int r = 0, fl, p[2] = { -1, -1 };

	for (i = 0; i < n; i++) {
		if (runs[i].off < hi || runs[i].len > UINT64_MAX - runs[i].off) {
			errno = EINVAL;	/* out of order, overlapping or past 2^64 */
			return -1;
		}
		hi = runs[i].off + runs[i].len;
	}
	if (begin(id, o, 1, lo, hi - lo, fd, &s, &st, &fl, c) < 0)
		return -1;
	for (i = 0; i < n && r == 0 && !c->eof; i++) {
		one = (struct ipck_copy){ 0, 0, NULL };
		r = fill_run(&s, runs[i].off, runs[i].len, fd, S_ISFIFO(st.st_mode),
		    p, &one);
		c->done += one.done;
		c->eof = one.eof;
		c->via = one.via;
	}
	if (p[0] >= 0) {
		close(p[0]);
		close(p[1]);
	}
	ipck__seg_close(&s);
	return r;
}

IPCK_API int
ipck_shm_write(int id, uint64_t off, uint64_t len, int fd, struct ipck_copy *c)
{
	struct ipck_run run = { off, len };

	return shm_write(id, NULL, &run, 1, fd, c);
}

IPCK_API int
ipck_shm_write_runs(int id, const struct ipck_run *runs, size_t n, int fd,
    struct ipck_copy *c)
{
	return shm_write(id, NULL, runs, n, fd, c);
}

IPCK_API int
ipck_pshm_write(const struct ipck_obj *o, uint64_t off, uint64_t len, int fd,
    struct ipck_copy *c)
{
	struct ipck_run run = { off, len };

	return shm_write(-1, o, &run, 1, fd, c);
}

IPCK_API int
ipck_pshm_write_runs(const struct ipck_obj *o, const struct ipck_run *runs,
    size_t n, int fd, struct ipck_copy *c)
{
	return shm_write(-1, o, runs, n, fd, c);
}

/* A segment's or POSIX object's bytes to fn, a run at a time. */
static int
shm_scan(int id, const struct ipck_obj *o, uint64_t off, uint64_t len,
    int (*fn)(void *arg, const void *p, size_t n), void *arg,
    struct ipck_copy *c)
{
	struct way w = { WAY_FN, -1, fn, arg };
	struct seg s;
	int r;

	c->done = 0;
	c->eof = 0;
	c->via = NULL;
	if ((o != NULL ? ipck__pshm_open(o, 0, off, len, &s) : ipck__seg_open(id, 0,
	    off, len, &s)) < 0)
		return -1;
	/*
	 * The segment's own file, where the caller may open it, is read
	 * with pread: the kernel copies from its pages with no page table
	 * built, where the mapping takes a fault and a TLB miss a page.
	 */
	if (s.addr != NULL && s.fd < 0) {
		c->via = "shmat";
		r = ipck__by_map(&s, off, len, &w, c);
	} else {
		c->via = "pread";
		r = by_file(&s, off, len, &w, c);
	}
	ipck__seg_close(&s);
	return r < 0 ? -1 : 0;
}

IPCK_API int
ipck_shm_scan(int id, uint64_t off, uint64_t len,
    int (*fn)(void *arg, const void *p, size_t n), void *arg,
    struct ipck_copy *c)
{
	return shm_scan(id, NULL, off, len, fn, arg, c);
}

IPCK_API int
ipck_pshm_scan(const struct ipck_obj *o, uint64_t off, uint64_t len,
    int (*fn)(void *arg, const void *p, size_t n), void *arg,
    struct ipck_copy *c)
{
	return shm_scan(-1, o, off, len, fn, arg, c);
}
