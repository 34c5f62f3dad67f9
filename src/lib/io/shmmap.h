/* SPDX-License-Identifier: MIT */
/*
 * shmmap.c, the way through a segment's mapping: what shmio.c, the ways
 * through its file, calls and shares with it.
 */
#ifndef IPCK_SHMMAP_H
#define IPCK_SHMMAP_H

#include <stdint.h>
#include <sys/types.h>

#include "internal.h"

/* A pipe this large wakes its reader once per 256 pages, not once per 16. */
#define PIPE_BYTES	(1 << 20)

/*
 * An attached segment (addr), or a POSIX object (addr NULL); its own
 * shmem file when the caller may open it (always for a POSIX object),
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

/*
 * Where the bytes of the mapping go, or come from: an fd by write(2),
 * vmsplice(2) or read(2), or a caller's function (ipck_shm_scan).
 */
enum way_how { WAY_WRITE, WAY_VMSPLICE, WAY_READ, WAY_FN };
struct way {
	enum way_how	  how;
	int		  fd;
	int		(*fn)(void *arg, const void *p, size_t n);
	void		 *arg;
};

/*
 * Between the way and the mapping (shmmap.c): 0 done (or, reading, the
 * input ended), 1 vmsplice cannot work with the fd, nothing moved yet;
 * -1 error.  c->done counts the bytes as they move.
 */
int	ipck__by_map(struct seg *s, uint64_t off, uint64_t len,
	    const struct way *w, struct ipck_copy *c);
/* All n bytes at p through the way, counted in c->done: 0, 1 or -1 as above. */
int	ipck__pump(const struct way *w, char *p, size_t n, struct ipck_copy *c);
/* Release what the mapping's way took (the zeros). */
void	ipck__map_done(struct seg *s);
/* A failed call worth retrying: interrupted, or a non-blocking fd now ready. */
int	ipck__again(int fd, short events);
/* The first call said this way cannot work with these fds: try the next. */
int	ipck__unsupported(const struct ipck_copy *c);

#endif /* IPCK_SHMMAP_H */
