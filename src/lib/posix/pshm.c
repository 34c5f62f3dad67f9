/* SPDX-License-Identifier: MIT */
/*
 * POSIX shared memory objects: the regular files of /dev/shm that are not
 * named semaphores (sem.*).  Directories, fifos, sockets and symlinks
 * there are not objects: never followed, never listed.  A stat tells all.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "internal.h"

static int
pshm_entry(int dirfd, const char *dname, unsigned char type,
    struct ipck_obj *obj)
{
	struct stat st;
	int r;

	if (strncmp(dname, "sem.", 4) == 0)
		return 0;
	if ((r = ipck__posix_entry(dirfd, dname, type, &st, NULL, NULL)) <= 0)
		return r;
	ipck__posix_fill(obj, IPCK_PSHM, dname, &st);
	obj->u.pshm.size = (uint64_t)st.st_size;
	obj->u.pshm.allocated = (uint64_t)st.st_blocks * 512;
	return 1;
}

static int
pshm_dname(const char *name, char *buf, size_t len)
{
	char n[258];

	if (ipck_parse_name(IPCK_PSHM, name, n, sizeof(n), NULL) < 0)
		return -1;
	snprintf(buf, len, "%s", n + 1);
	return 0;
}

static void
pshm_tally(const struct ipck_obj *o, struct ipck_usage *use)
{
	use->ids++;
	use->bytes += o->u.pshm.size;
	use->allocated += o->u.pshm.allocated;
}

static int
pshm_make(const struct ipck_place *pl, const char *dname, const char *name,
    const struct ipck_posix_attr *attr, unsigned int mode)
{
	(void)name;
	return ipck__shm_make(pl, dname, NULL, 0, attr->size, mode);
}

static int
pshm_unlink(const struct ipck_place *pl, const char *dname, const char *name,
    int check, dev_t dev, ino_t ino)
{
	(void)name;
	return ipck__shm_unlink(pl, dname, check, dev, ino);
}

const struct ipck__ops ipck__pshm_ops = {
	.dir = ipck__shm_dir,
	.entry = pshm_entry,
	.dname = pshm_dname,
	.tally = pshm_tally,
	.make = pshm_make,
	.unlink = pshm_unlink,
};
