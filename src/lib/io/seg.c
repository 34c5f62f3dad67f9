/* SPDX-License-Identifier: MIT */
/*
 * What shared memory's bytes are copied to and from: a System V segment
 * attached (and its own file, where the caller may open it), or a POSIX
 * object's file, the range checked first; and writes that never grow an
 * object its owner shrank meanwhile.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "seg.h"

int
ipck__seg_open(int id, int wr, uint64_t off, uint64_t len, struct seg *s)
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
	/* how to tell holes is asked only if the bytes go through the mapping */
	if (!wr && len > 0)
		s->pg.known = -1;
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

/*
 * A POSIX object's file, opened to read or write: the very object a
 * lookup found (replaced in between, it is ENOENT), the range checked
 * first as for a segment.  Writing needs only write permission.
 */
int
ipck__pshm_open(const struct ipck_obj *o, int wr, uint64_t off, uint64_t len,
    struct seg *s)
{
	struct stat st;
	uint64_t size;

	if (o->kind != IPCK_PSHM) {
		errno = EINVAL;
		return -1;
	}
	if ((s->fd = ipck__posix_open(o, wr ? O_WRONLY : O_RDONLY, &st)) < 0)
		return -1;
	size = (uint64_t)st.st_size;
	if (off > size || len > size - off) {
		close(s->fd);
		s->fd = -1;
		errno = ERANGE;
		return -1;
	}
	s->addr = NULL;
	s->zeros = NULL;
	return 0;
}

void
ipck__seg_close(struct seg *s)
{
	int saved = errno;

	if (s->fd >= 0)
		close(s->fd);
	if (s->addr != NULL) {
		ipck__map_done(s);
		ipck_detach(s->addr);
	}
	errno = saved;
}

/*
 * Of n bytes to be written at pos, how many the memory holds now.  A
 * segment's size is fixed; a POSIX object's owner may truncate it while
 * we write, and a write past its end would grow it again: each write
 * stops at the end the file has just before it.
 */
size_t
ipck__fits(const struct seg *s, uint64_t pos, size_t n)
{
	struct stat st;

	if (s->addr != NULL || fstat(s->fd, &st) < 0)
		return n;
	if ((uint64_t)st.st_size <= pos)
		return 0;
	return (uint64_t)st.st_size - pos < n ? (size_t)((uint64_t)st.st_size -
	    pos) : n;
}

/* n bytes of buf into the file at pos, counted in c->done. */
int
ipck__put(const struct seg *s, const char *buf, size_t n, uint64_t pos,
    struct ipck_copy *c)
{
	size_t k = 0, room;
	ssize_t r;

	room = ipck__fits(s, pos, n);
	while (k < room) {
		if ((r = pwrite(s->fd, buf + k, room - k, (off_t)(pos + k))) > 0) {
			k += (size_t)r;
			c->done += (uint64_t)r;
		} else if (r == 0 || errno != EINTR) {
			if (r == 0)
				errno = EIO;
			return -1;
		}
	}
	if (room < n) {
		errno = EFBIG;	/* the object shrank: never grown again */
		return -1;
	}
	return 0;
}

