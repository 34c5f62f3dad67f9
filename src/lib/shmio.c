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

/* An attached segment, and its own shmem file when the caller may open it. */
struct seg {
	char		*addr;
	uint64_t	 maplen;
	uint64_t	 page;
	int		 fd;
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

/*
 * The bytes of the mapping to work on next, from at to the end of its
 * 16 MiB window or of the range, with their page tables built ahead of the
 * copy (cheaper than a fault a page).  Returns how many.
 */
static size_t
window(struct seg *s, uint64_t at, uint64_t left, int advice)
{
	uint64_t n = WINDOW - at % WINDOW;

	if (n > left)
		n = left;
	advise(s, at, (size_t)n, advice);
	return (size_t)n;
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

/* The calls that move bytes between fd and a mapping. */
static ssize_t
to_fd(int fd, char *p, size_t n)
{
	return write(fd, p, n);
}

static ssize_t
to_pipe(int fd, char *p, size_t n)
{
	struct iovec iov = { .iov_base = p, .iov_len = n };

	return vmsplice(fd, &iov, 1, 0);
}

static ssize_t
from_fd(int fd, char *p, size_t n)
{
	return read(fd, p, n);
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
 * Between fd and the mapping with io, a window at a time: 0 done (or, in,
 * the input ended), 1 vmsplice cannot work with fd, -1 error.
 */
static int
by_map(struct seg *s, uint64_t off, uint64_t len, int fd,
    ssize_t (*io)(int, char *, size_t), struct ipck_copy *c)
{
	int in = io == from_fd;
	uint64_t left, next;
	size_t n, w;
	ssize_t r;

	while ((left = len - c->done) > 0 && !c->eof) {
		if (in && (next = expected(fd)) < left)
			left = next;
		n = window(s, off + c->done, left,
		    in ? MADV_POPULATE_WRITE : MADV_POPULATE_READ);
		for (w = 0; w < n; w += (size_t)r) {
			if ((r = io(fd, s->addr + off + c->done + w, n - w)) > 0)
				continue;
			if (r == 0 && in) {
				c->eof = 1;
				break;
			}
			if (r < 0 && io == to_pipe && c->done + w == 0 &&
			    unsupported(c))
				return 1;
			if (r == 0)
				errno = EIO;
			else if (again(fd, in ? POLLIN : POLLOUT)) {
				r = 0;
				continue;
			}
			c->done += w;
			return -1;
		}
		/* its page tables dropped: the pages stay in the segment */
		advise(s, off + c->done, w, MADV_DONTNEED);
		c->done += w;
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
		r = by_map(&s, off, len, fd, to_pipe, c);
	}
	if (r == 1) {
		c->via = "write";
		r = by_map(&s, off, len, fd, to_fd, c);
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
		r = by_map(&s, off, len, fd, from_fd, c);
	}
	seg_close(&s);
	return r < 0 ? -1 : 0;
}
