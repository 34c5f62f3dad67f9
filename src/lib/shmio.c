/* SPDX-License-Identifier: MIT */
/*
 * A segment's bytes to and from a file descriptor, by the fastest way the
 * caller may use: sendfile(2) or splice(2) on the segment's own file when
 * it may open it, else through the mapping (shmmap.c).
 */
#define _GNU_SOURCE	/* sendfile, splice, F_SETPIPE_SZ */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <unistd.h>

#include "shmio.h"

/* Bytes per system call: below the 2 GiB that sendfile and splice move at most. */
#define CHUNK		((size_t)1 << 30)

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
	ipck__map_done(s);
	ipck_detach(s->addr);
	errno = saved;
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
	struct way pipe = { WAY_VMSPLICE, fd, NULL, NULL };
	struct way plain = { WAY_WRITE, fd, NULL, NULL };
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
		r = ipck__by_map(&s, off, len, &pipe, c);
	}
	if (r == 1) {
		c->via = "write";
		r = ipck__by_map(&s, off, len, &plain, c);
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
		} else if (ipck__unsupported(c))
			return 1;
		else if (!ipck__again(fd, POLLIN))
			return -1;
	}
	return 0;
}

IPCK_API int
ipck_shm_write(int id, uint64_t off, uint64_t len, int fd, struct ipck_copy *c)
{
	struct way in = { WAY_READ, fd, NULL, NULL };
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
		r = ipck__by_map(&s, off, len, &in, c);
	}
	seg_close(&s);
	return r < 0 ? -1 : 0;
}

IPCK_API int
ipck_shm_scan(int id, uint64_t off, uint64_t len,
    int (*fn)(void *arg, const void *p, size_t n), void *arg,
    struct ipck_copy *c)
{
	struct way w = { WAY_FN, -1, fn, arg };
	struct seg s;
	int r;

	c->done = 0;
	c->eof = 0;
	c->via = NULL;
	if (seg_open(id, 0, off, len, &s) < 0)
		return -1;
	c->via = "shmat";
	r = ipck__by_map(&s, off, len, &w, c);
	seg_close(&s);
	return r < 0 ? -1 : 0;
}
