/* SPDX-License-Identifier: MIT */
/*
 * Which pages of an attached segment hold data.  A page the segment never
 * had reads as zeros, but reading it through the mapping makes shmem
 * allocate it: one reader could make a 1 GiB --noreserve segment cost its
 * owner 1 GiB.  mincore(2) tells the pages in the segment's page cache; a
 * page outside it is a hole, unless it was swapped out, which mincore
 * cannot tell apart: so holes count only while the segment has nothing in
 * swap.  hugetlb mappings answer mincore from the page table alone, so
 * their pages all count as data.
 */
#define _DEFAULT_SOURCE	/* mincore */
#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/sysinfo.h>

#include "internal.h"

int
ipck__holes_known(const void *addr)
{
	dev_t devs[1], dev;
	int saved = errno, r;

	/* shmem's device only (it comes first): a hugetlbfs one is no use */
	r = ipck__shm_devs(devs, 1) > 0 &&
	    ipck__map_dev(addr, &dev) == 0 && dev == devs[0];
	errno = saved;
	return r;
}

int
ipck__swap_on(void)
{
	struct sysinfo si;

	/* without swap, no page is ever out of the page cache but a hole */
	return sysinfo(&si) < 0 || si.totalswap > 0;
}

/* Nothing of segment id is in swap now. */
static int
none_swapped(int id)
{
	struct ipck_obj o;
	int saved = errno, r;

	r = ipck_stat_proc(IPCK_SHM, id, &o) == 0 &&
	    (o.have & IPCK_HAVE_PAGES) && o.u.shm.swap == 0;
	errno = saved;
	return r;
}

void
ipck__data_pages(const struct ipck__pages *pg, uint64_t at, size_t n,
    unsigned char *vec)
{
	uint64_t first = at / pg->page, last = (at + n - 1) / pg->page, i;
	size_t count = (size_t)(last - first + 1);
	int hole = 0;

	if (!pg->known || mincore(pg->addr + first * pg->page,
	    (size_t)(count * pg->page), vec) < 0) {
		memset(vec, 1, count);
		return;
	}
	for (i = 0; i < count; i++) {
		vec[i] &= 1;
		hole |= !vec[i];
	}
	/* asked after mincore: a page swapped out before it is still out */
	if (hole && pg->swap && !none_swapped(pg->id))
		memset(vec, 1, count);
}
