/* SPDX-License-Identifier: MIT */
/*
 * A segment's bytes through its mapping, for a caller without the
 * capability that opens the segment's own file: write(2) or vmsplice(2)
 * out, read(2) in, or a caller's function.  The mapping is worked 16 MiB
 * at a time, its page tables built ahead (cheaper than a fault a page)
 * and dropped after, so memory stays small; holes go out as zeros.
 */
#define _GNU_SOURCE	/* vmsplice, MADV_POPULATE_* */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include "shmmap.h"

/* Bytes of the mapping given page tables at a time, so peak memory stays small. */
#define WINDOW		((uint64_t)16 << 20)
/* Bytes of zeros handed out at a time for a hole (one pipe's worth). */
#define ZEROS		((size_t)PIPE_BYTES)

#ifndef MADV_POPULATE_READ
#define MADV_POPULATE_READ	22
#define MADV_POPULATE_WRITE	23
#endif

/* For a non-blocking fd that said EAGAIN: 0 once it is ready, else -1. */
static int
wait_fd(int fd, short events)
{
	struct pollfd p = { .fd = fd, .events = events };

	while (poll(&p, 1, -1) < 0)
		if (errno != EINTR)
			return -1;
	return 0;
}

int
ipck__again(int fd, short events)
{
	if (errno == EINTR)
		return 1;
	return errno == EAGAIN && wait_fd(fd, events) == 0;
}

int
ipck__unsupported(const struct ipck_copy *c)
{
	return c->done == 0 && (errno == EINVAL || errno == ENOSYS ||
	    errno == EOPNOTSUPP || errno == EBADF || errno == EXDEV);
}

/* The pages under bytes at .. at+n of the mapping, for madvise(2). */
static void
advise(struct seg *s, uint64_t at, size_t n, int advice)
{
	uint64_t start = at - at % s->page;
	uint64_t end = (at + n + s->page - 1) / s->page * s->page;

	/* only speed and memory depend on this: an old kernel says EINVAL */
	(void)madvise(s->addr + start, (size_t)(end - start), advice);
}

/* The bytes from at to the end of its 16 MiB window, or fewer when left is less. */
static size_t
window(uint64_t at, uint64_t left)
{
	uint64_t n = WINDOW - at % WINDOW;

	return (size_t)(n < left ? n : left);
}

/* One call of the way, for up to n bytes at p. */
static ssize_t
io(const struct way *w, char *p, size_t n)
{
	struct iovec iov = { .iov_base = p, .iov_len = n };

	switch (w->how) {
	case WAY_WRITE:
		return write(w->fd, p, n);
	case WAY_VMSPLICE:
		return vmsplice(w->fd, &iov, 1, 0);
	case WAY_READ:
		return read(w->fd, p, n);
	default:
		return w->fn(w->arg, p, n) < 0 ? -1 : (ssize_t)n;
	}
}

/*
 * How many bytes fd is sure to give next, so that no page is built for
 * input that never comes (building it allocates a fresh segment's memory):
 * the rest of a regular file, what a pipe holds, else one byte.
 */
static uint64_t
expected(int fd)
{
	struct stat st;
	off_t pos;
	int queued;

	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    (pos = lseek(fd, 0, SEEK_CUR)) >= 0 && st.st_size > pos)
		return (uint64_t)(st.st_size - pos);
	if (ioctl(fd, FIONREAD, &queued) == 0 && queued > 0)
		return (uint64_t)queued;
	return 1;
}

/* ipck__pump: 0 done (or, in, the input ended), 1 vmsplice cannot work with this fd, -1 error. */
int
ipck__pump(const struct way *w, char *p, size_t n, struct ipck_copy *c)
{
	int in = w->how == WAY_READ;
	size_t k = 0;
	ssize_t r;

	while (k < n) {
		if ((r = io(w, p + k, n - k)) > 0) {
			k += (size_t)r;
			c->done += (uint64_t)r;
			continue;
		}
		if (r == 0 && in) {
			c->eof = 1;
			return 0;
		}
		if (r < 0 && w->how == WAY_VMSPLICE && ipck__unsupported(c))
			return 1;
		if (r == 0)
			errno = EIO;
		else if (w->how != WAY_FN &&
		    ipck__again(w->fd, in ? POLLIN : POLLOUT))
			continue;
		return -1;
	}
	return 0;
}

/* n bytes of zeros through the way, for a hole, without touching the segment. */
static int
zeros(struct seg *s, const struct way *w, uint64_t at, size_t n,
    struct ipck_copy *c)
{
	void *z;
	size_t k;
	int r;

	if (s->zeros == NULL) {
		z = mmap(NULL, ZEROS, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS,
		    -1, 0);
		/* no memory for even that: the segment's own pages will do */
		if (z == MAP_FAILED)
			return ipck__pump(w, s->addr + at, n, c);
		s->zeros = z;
	}
	for (; n > 0; n -= k) {
		k = n < ZEROS ? n : ZEROS;
		if ((r = ipck__pump(w, s->zeros, k, c)) != 0)
			return r;
	}
	return 0;
}

void
ipck__map_done(struct seg *s)
{
	if (s->zeros != NULL)
		munmap(s->zeros, ZEROS);
	s->zeros = NULL;
}

/*
 * Out of the mapping, one window at at: runs of pages with data go from
 * the mapping, their page tables built ahead and dropped after; runs of
 * holes go as zeros.  0, 1 or -1 as pump.
 */
static int
out_window(struct seg *s, uint64_t at, size_t n, const struct way *w,
    struct ipck_copy *c)
{
	unsigned char vec[WINDOW / 4096 + 2];
	uint64_t first = at / s->page, end = at + n, x, y;
	int data, r;

	ipck__data_pages(&s->pg, at, n, vec);
	for (x = at; x < end; x = y) {
		data = vec[x / s->page - first];
		for (y = x; y < end && vec[y / s->page - first] == data;)
			y = (y / s->page + 1) * s->page;
		if (y > end)
			y = end;
		if (!data) {
			r = zeros(s, w, x, (size_t)(y - x), c);
		} else {
			advise(s, x, (size_t)(y - x), MADV_POPULATE_READ);
			r = ipck__pump(w, s->addr + x, (size_t)(y - x), c);
			/* its page tables dropped: the pages stay in the segment */
			advise(s, x, (size_t)(y - x), MADV_DONTNEED);
		}
		if (r != 0)
			return r;
	}
	return 0;
}

/* Input builds pages only as far as it is sure to reach. */
int
ipck__by_map(struct seg *s, uint64_t off, uint64_t len, const struct way *w,
    struct ipck_copy *c)
{
	uint64_t left, next, at, from;
	size_t n;
	int r;

	if (s->pg.known < 0) {
		s->pg.known = ipck__holes_known(s->addr);
		s->pg.swap = ipck__swap_on();
	}
	while ((left = len - c->done) > 0 && !c->eof) {
		at = off + c->done;
		if (w->how != WAY_READ) {
			if ((r = out_window(s, at, window(at, left), w, c)) != 0)
				return r;
			continue;
		}
		if ((next = expected(w->fd)) < left)
			left = next;
		n = window(at, left);
		advise(s, at, n, MADV_POPULATE_WRITE);
		from = c->done;
		r = ipck__pump(w, s->addr + at, n, c);
		advise(s, at, (size_t)(c->done - from), MADV_DONTNEED);
		if (r != 0)
			return r;
	}
	return 0;
}
