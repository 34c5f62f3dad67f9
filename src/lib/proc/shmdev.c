/* SPDX-License-Identifier: MIT */
/*
 * Where the kernel keeps System V segments: each is a file on an internal
 * mount, shmem's (shared with memfd) or hugetlbfs's (one per huge page
 * size), which /proc/PID/maps shows by device number.  Neither mount can
 * be named by a user, so a mapping on one of them, with the segment's id
 * as its inode, is that segment, whatever its path text says.
 */
#define _GNU_SOURCE	/* memfd_create */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "internal.h"

#ifndef MFD_HUGETLB
#define MFD_HUGETLB	0x0004U
#endif
#define HUGE_SHIFT	26	/* MFD_HUGE_SHIFT: log2 of the page size, here */

static int
memfd_dev(unsigned int flags, dev_t *dev)
{
	struct stat st;
	int fd, r;

	if ((fd = memfd_create("ipckit", MFD_CLOEXEC | flags)) < 0)
		return -1;
	r = fstat(fd, &st);
	close(fd);
	if (r == 0)
		*dev = st.st_dev;
	return r;
}

int
ipck__shm_devs(dev_t *devs, size_t max)
{
	/* the default huge page size, then 2 MiB and 1 GiB explicitly */
	static const unsigned int huge[] = { 0, 21U << HUGE_SHIFT,
	    30U << HUGE_SHIFT };
	size_t n = 0, i, j;
	int saved = errno;
	dev_t d = 0;

	if (max == 0 || memfd_dev(0, &devs[n++]) < 0)
		return -1;
	for (i = 0; i < sizeof(huge) / sizeof(huge[0]) && n < max; i++) {
		if (memfd_dev(MFD_HUGETLB | huge[i], &d) < 0)
			continue;	/* no such huge page size here */
		for (j = 0; j < n && devs[j] != d; j++)
			continue;
		if (j == n)
			devs[n++] = d;
	}
	errno = saved;
	return (int)n;
}

int
ipck__maps_line(const char *line, struct ipck__mapping *m)
{
	unsigned int maj, min;
	int n = 0;

	/* start-end perms offset major:minor inode, then padding and the path */
	if (sscanf(line, "%" SCNx64 "-%" SCNx64 " %4s %*s %x:%x %"
	    SCNu64 "%n", &m->start, &m->end, m->perms, &maj, &min, &m->ino,
	    &n) != 6 || n == 0) {
		errno = EPROTO;
		return -1;
	}
	m->dev = makedev(maj, min);
	m->path = line + n + strspn(line + n, " ");
	return 0;
}

int
ipck__maps_each(const char *pidstr, char **line, size_t *cap,
    int (*fn)(void *arg, const struct ipck__mapping *m), void *arg)
{
	struct ipck__mapping m;
	char path[288];
	FILE *fp;
	int r = 0, err;

	snprintf(path, sizeof(path), "/proc/%s/maps", pidstr);
	if ((fp = fopen(path, "re")) == NULL)
		return -1;
	/* whole lines: a long path must not pass for a line of its own */
	while (r == 0 && getline(line, cap, fp) > 0)
		if (ipck__maps_line(*line, &m) == 0)
			r = fn(arg, &m);
	/* a process that ended while we read leaves a short file, not an error */
	if (r == 0 && ferror(fp) && errno != ESRCH)
		r = -1;
	err = errno;
	fclose(fp);
	errno = err;
	return r;
}

/* map_dev: the mapping that starts at the address, its device */
struct at {
	uint64_t	 start;
	dev_t		*dev;
};

static int
at(void *arg, const struct ipck__mapping *m)
{
	const struct at *a = arg;

	if (m->start != a->start)
		return 0;
	*a->dev = m->dev;
	return 1;
}

int
ipck__map_dev(const void *addr, dev_t *dev)
{
	struct at a = { (uint64_t)(uintptr_t)addr, dev };
	char *line = NULL;
	size_t cap = 0;
	int r = ipck__maps_each("self", &line, &cap, at, &a);

	free(line);
	if (r == 0)
		errno = ENOENT;
	return r > 0 ? 0 : -1;
}
