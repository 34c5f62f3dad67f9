/* SPDX-License-Identifier: MIT */
/* A segment's bytes to and from a file descriptor, by the fastest way the caller may use. */
#define _GNU_SOURCE	/* sendfile, splice, vmsplice, F_SETPIPE_SZ, MADV_POPULATE_* */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include "internal.h"

/* Bytes per system call: below the 2 GiB that sendfile and splice move at most. */
#define CHUNK		((size_t)1 << 30)
/* Bytes of the mapping given page tables at a time, so peak memory stays small. */
#define WINDOW		((uint64_t)16 << 20)
/* A pipe this large wakes its reader once per 256 pages, not once per 16. */
#define PIPE_BYTES	(1 << 20)

#ifndef MADV_POPULATE_READ
#define MADV_POPULATE_READ	22
#define MADV_POPULATE_WRITE	23
#endif

/* Bytes of zeros handed out at a time for a hole (one pipe's worth). */
#define ZEROS		((size_t)PIPE_BYTES)

/*
 * An attached segment, its own shmem file when the caller may open it,
 * what is known of its holes, and (once a hole is met) a mapping of zeros
 * to copy them from, which maps the shared zero page and costs nothing.
 */
struct seg {
	char			*addr;
	uint64_t		 maplen;
	uint64_t		 page;
	int			 fd;
	struct ipck__pages	 pg;
	char			*zeros;
};

static int
seg_open(int id, int wr, uint64_t off, uint64_t len, struct seg *s)
{
	struct ipck_obj o;
	char path[64];

	/* a range the segment cannot hold is refused before attaching */
	if (ipck_stat(IPCK_SHM, id, &o) < 0)
		return -1;
	if (off > o.u.shm.size || len > o.u.shm.size - off) {
		errno = ERANGE;
		return -1;
	}
	if ((s->addr = ipck_attach(id, !wr)) == NULL)
		return -1;
	s->page = (uint64_t)sysconf(_SC_PAGESIZE);
	s->maplen = (o.u.shm.size + s->page - 1) / s->page * s->page;
	s->zeros = NULL;
	s->pg = (struct ipck__pages){ id, s->addr, s->page, 0, 0 };
	if (!wr && len > 0) {
		s->pg.known = ipck__holes_known(s->addr);
		s->pg.swap = ipck__swap_on();
	}
	/*
	 * The mapping's file is the segment's shmem file, which sendfile and
	 * splice can use without building a page table.  Opening it through
	 * map_files takes CAP_SYS_ADMIN or CAP_CHECKPOINT_RESTORE; shmat has
	 * already checked the access asked for.  Without it: the mapping.
	 */
	snprintf(path, sizeof(path), "/proc/self/map_files/%lx-%lx",
	    (unsigned long)(uintptr_t)s->addr,
	    (unsigned long)((uintptr_t)s->addr + s->maplen));
	s->fd = open(path, (wr ? O_RDWR : O_RDONLY) | O_CLOEXEC);
	return 0;
}

static void
seg_close(struct seg *s)
{
	int saved = errno;

	if (s->fd >= 0)
		close(s->fd);
	if (s->zeros != NULL)
		munmap(s->zeros, ZEROS);
	ipck_detach(s->addr);
	errno = saved;
}

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

/* A failed call worth retrying: interrupted, or a non-blocking fd not ready. */
static int
again(int fd, short events)
{
	if (errno == EINTR)
		return 1;
	return errno == EAGAIN && wait_fd(fd, events) == 0;
}

/* The first call says this way cannot work with these fds: try the next. */
static int
unsupported(const struct ipck_copy *c)
{
	return c->done == 0 && (errno == EINVAL || errno == ENOSYS ||
	    errno == EOPNOTSUPP || errno == EBADF || errno == EXDEV);
}

static size_t
chunk(uint64_t left)
{
	return left < CHUNK ? (size_t)left : CHUNK;
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
		} else if (unsupported(c))
			return 1;
		else if (!again(fd, POLLOUT))
			return -1;
	}
	return 0;
}

/*
 * Where the bytes of the mapping go, or come from: an fd by write,
 * vmsplice or read, or a caller's function (ipck_shm_scan).
 */
struct way {
	ssize_t	(*io)(const struct way *w, char *p, size_t n);
	int	  fd;
	int	(*fn)(void *arg, const void *p, size_t n);
	void	 *arg;
};

static ssize_t
to_fd(const struct way *w, char *p, size_t n)
{
	return write(w->fd, p, n);
}

static ssize_t
to_pipe(const struct way *w, char *p, size_t n)
{
	struct iovec iov = { .iov_base = p, .iov_len = n };

	return vmsplice(w->fd, &iov, 1, 0);
}

static ssize_t
from_fd(const struct way *w, char *p, size_t n)
{
	return read(w->fd, p, n);
}

static ssize_t
to_fn(const struct way *w, char *p, size_t n)
{
	return w->fn(w->arg, p, n) < 0 ? -1 : (ssize_t)n;
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

/*
 * All n bytes at p through the way, counted in c->done as they move: 0
 * done (or, in, the input ended), 1 vmsplice cannot work with this fd
 * (nothing moved yet), -1 error.
 */
static int
pump(const struct way *w, char *p, size_t n, struct ipck_copy *c)
{
	int in = w->io == from_fd;
	size_t k = 0;
	ssize_t r;

	while (k < n) {
		if ((r = w->io(w, p + k, n - k)) > 0) {
			k += (size_t)r;
			c->done += (uint64_t)r;
			continue;
		}
		if (r == 0 && in) {
			c->eof = 1;
			return 0;
		}
		if (r < 0 && w->io == to_pipe && unsupported(c))
			return 1;
		if (r == 0)
			errno = EIO;
		else if (w->fn == NULL && again(w->fd, in ? POLLIN : POLLOUT))
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
			return pump(w, s->addr + at, n, c);
		s->zeros = z;
	}
	for (; n > 0; n -= k) {
		k = n < ZEROS ? n : ZEROS;
		if ((r = pump(w, s->zeros, k, c)) != 0)
			return r;
	}
	return 0;
}

/*
 * Out of the mapping, one window at at: runs of pages with data go from
 * the mapping, their page tables built ahead (cheaper than a fault a
 * page) and dropped after; runs of holes go as zeros.  0, 1 or -1 as pump.
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
			r = pump(w, s->addr + x, (size_t)(y - x), c);
			/* its page tables dropped: the pages stay in the segment */
			advise(s, x, (size_t)(y - x), MADV_DONTNEED);
		}
		if (r != 0)
			return r;
	}
	return 0;
}

/*
 * Between the way and the mapping, a window at a time: 0 done (or, in,
 * the input ended), 1 vmsplice cannot work with the fd, -1 error.  Input
 * builds pages only as far as it is sure to reach.
 */
static int
by_map(struct seg *s, uint64_t off, uint64_t len, const struct way *w,
    struct ipck_copy *c)
{
	uint64_t left, next, at, from;
	size_t n;
	int r;

	while ((left = len - c->done) > 0 && !c->eof) {
		at = off + c->done;
		if (w->io != from_fd) {
			if ((r = out_window(s, at, window(at, left), w, c)) != 0)
				return r;
			continue;
		}
		if ((next = expected(w->fd)) < left)
			left = next;
		n = window(at, left);
		advise(s, at, n, MADV_POPULATE_WRITE);
		from = c->done;
		r = pump(w, s->addr + at, n, c);
		advise(s, at, (size_t)(c->done - from), MADV_DONTNEED);
		if (r != 0)
			return r;
	}
	return 0;
}

/*
 * What both directions do first: fd checked (were it closed, its number
 * would go to the segment's file), the range checked and the segment
 * attached (c->via stays NULL when that fails), a pipe grown.
 */
static int
begin(int id, int wr, uint64_t off, uint64_t len, int fd, struct seg *s,
    struct stat *st, int *fl, struct ipck_copy *c)
{
	const char *plain = wr ? "read" : "write";

	c->done = 0;
	c->eof = 0;
	c->via = plain;
	if (fstat(fd, st) < 0 || (*fl = fcntl(fd, F_GETFL)) < 0)
		return -1;
	c->via = NULL;
	if (seg_open(id, wr, off, len, s) < 0)
		return -1;
	c->via = plain;
	if (S_ISFIFO(st->st_mode) && len > 0 &&
	    fcntl(fd, F_GETPIPE_SZ) < PIPE_BYTES)
		(void)fcntl(fd, F_SETPIPE_SZ, PIPE_BYTES);
	return 0;
}

IPCK_API int
ipck_shm_read(int id, uint64_t off, uint64_t len, int fd, struct ipck_copy *c)
{
	struct way pipe = { to_pipe, fd, NULL, NULL }, plain = { to_fd, fd,
	    NULL, NULL };
	struct seg s;
	struct stat st;
	int r = 1, fl;

	if (begin(id, 0, off, len, fd, &s, &st, &fl, c) < 0)
		return -1;
	/* sendfile and splice refuse an O_APPEND output: write to it */
	if (s.fd >= 0 && !(fl & O_APPEND)) {
		c->via = "sendfile";
		r = out_file(&s, off, len, fd, c);
	}
	if (r == 1 && S_ISFIFO(st.st_mode) && !(fl & O_APPEND)) {
		c->via = "vmsplice";
		r = by_map(&s, off, len, &pipe, c);
	}
	if (r == 1) {
		c->via = "write";
		r = by_map(&s, off, len, &plain, c);
	}
	seg_close(&s);
	return r < 0 ? -1 : 0;
}

/* fd to segment with sendfile(2), or splice(2) from a pipe: 0, 1 or -1. */
static int
in_file(struct seg *s, uint64_t off, uint64_t len, int fd, int pipe,
    struct ipck_copy *c)
{
	loff_t pos = (loff_t)off;
	ssize_t r;

	if (!pipe && lseek(s->fd, (off_t)off, SEEK_SET) < 0)
		return 1;
	while (c->done < len) {
		r = pipe ? splice(fd, NULL, s->fd, &pos, chunk(len - c->done),
		    SPLICE_F_MOVE) : sendfile(s->fd, fd, NULL,
		    chunk(len - c->done));
		if (r > 0)
			c->done += (uint64_t)r;
		else if (r == 0) {
			c->eof = 1;
			break;
		} else if (unsupported(c))
			return 1;
		else if (!again(fd, POLLIN))
			return -1;
	}
	return 0;
}

IPCK_API int
ipck_shm_write(int id, uint64_t off, uint64_t len, int fd, struct ipck_copy *c)
{
	struct way in = { from_fd, fd, NULL, NULL };
	struct seg s;
	struct stat st;
	int r = 1, fl, pipe;

	if (begin(id, 1, off, len, fd, &s, &st, &fl, c) < 0)
		return -1;
	pipe = S_ISFIFO(st.st_mode);
	if (s.fd >= 0) {
		c->via = pipe ? "splice" : "sendfile";
		r = in_file(&s, off, len, fd, pipe, c);
	}
	if (r == 1) {
		c->via = "read";
		r = by_map(&s, off, len, &in, c);
	}
	seg_close(&s);
	return r < 0 ? -1 : 0;
}

IPCK_API int
ipck_shm_scan(int id, uint64_t off, uint64_t len,
    int (*fn)(void *arg, const void *p, size_t n), void *arg,
    struct ipck_copy *c)
{
	struct way w = { to_fn, -1, fn, arg };
	struct seg s;
	int r;

	c->done = 0;
	c->eof = 0;
	c->via = NULL;
	if (seg_open(id, 0, off, len, &s) < 0)
		return -1;
	c->via = "shmat";
	r = by_map(&s, off, len, &w, c);
	seg_close(&s);
	return r < 0 ? -1 : 0;
}
