/* SPDX-License-Identifier: MIT */
/* seg.c: opening what shmio.c copies, and writing into it. */
#ifndef IPCK_SEG_H
#define IPCK_SEG_H

#include <stdint.h>

#include "shmmap.h"

/*
 * Segment id attached (read-only unless wr), its range checked first, and
 * its own file opened where the caller may; or the POSIX object o's very
 * file.  0, or -1 and errno (ERANGE for a range past the end).
 */
int	ipck__seg_open(int id, int wr, uint64_t off, uint64_t len,
	    struct seg *s);
int	ipck__pshm_open(const struct ipck_obj *o, int wr, uint64_t off,
	    uint64_t len, struct seg *s);
/* Close and detach what was opened, errno kept. */
void	ipck__seg_close(struct seg *s);
/* Of n bytes to be written at pos, how many the memory holds now. */
size_t	ipck__fits(const struct seg *s, uint64_t pos, size_t n);
/* n bytes of buf into the file at pos, counted in c->done; EFBIG past an end it shrank to. */
int	ipck__put(const struct seg *s, const char *buf, size_t n, uint64_t pos,
	    struct ipck_copy *c);

#endif /* IPCK_SEG_H */
