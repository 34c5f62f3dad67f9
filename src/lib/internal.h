/* SPDX-License-Identifier: MIT */
/* libipckit's private declarations: shared between its files, never exported. */
#ifndef IPCK_INTERNAL_H
#define IPCK_INTERNAL_H

#include <stdint.h>
#include <sys/types.h>

#include "ipckit.h"

/* Marks a definition as part of the library's ABI (built -fvisibility=hidden). */
#define IPCK_API	__attribute__((visibility("default")))

struct semid_ds;
struct seminfo;

/* glibc and musl leave the definition of semctl's fourth argument to us. */
union semun {
	int			 val;
	struct semid_ds		*buf;
	unsigned short		*array;
	struct seminfo		*__buf;
};

/*
 * Fill *obj from the kernel: by id with IPC_STAT (any = 0), or by index with
 * *_STAT_ANY (any = 1).  Returns the object's id.
 */
int	ipck__stat_kernel(enum ipck_kind kind, int n, int any,
	    struct ipck_obj *obj);
/* The highest index in use (IPC_INFO); 0 also when there is none. */
int	ipck__max_index(enum ipck_kind kind);
/* Unsigned whole-string number in base 8, 10 or 16 (no prefix), at most max. */
int	ipck__parse_u64(const char *s, unsigned int base, uint64_t max,
	    uint64_t *out);
/*
 * The devices of the internal mounts that hold System V segments: shmem's
 * first, then hugetlbfs's.  Returns how many, at most max.
 */
int	ipck__shm_devs(dev_t *devs, size_t max);
/* One line of /proc/PID/maps, its fields as the kernel wrote them. */
struct ipck__mapping {
	uint64_t	 start, end;
	char		 perms[5];
	dev_t		 dev;
	uint64_t	 ino;
	const char	*path;		/* into the line: the rest of it */
};
int	ipck__maps_line(const char *line, struct ipck__mapping *m);
/* The device of the file mapped at addr in this process. */
int	ipck__map_dev(const void *addr, dev_t *dev);
/* Pages of a mapped segment, for telling data from holes (holes.c). */
struct ipck__pages {
	int		 id;
	char		*addr;		/* where it is attached */
	uint64_t	 page;		/* the page size */
	int		 known;		/* mincore tells holes (shmem, not hugetlb) */
	int		 swap;		/* swap is on: a page may be out of it */
};
/* Whether the holes of the segment attached at addr can be told. */
int	ipck__holes_known(const void *addr);
int	ipck__swap_on(void);
/*
 * vec[i] = 1 when page i of those under at .. at+n holds data, 0 when it
 * is a hole that reads as zeros; all 1 when that cannot be told.
 */
void	ipck__data_pages(const struct ipck__pages *pg, uint64_t at, size_t n,
	    unsigned char *vec);
/* 0 when kind is a System V kind, else -1 with EOPNOTSUPP or EINVAL. */
int	ipck__sysv_kind(enum ipck_kind kind);

#endif /* IPCK_INTERNAL_H */
