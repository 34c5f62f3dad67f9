/* SPDX-License-Identifier: MIT */
/*
 * /dev/shm: a place (the directory a caller names, or its own), and files
 * made whole in it and unlinked from it, for shared memory objects and
 * named semaphores.
 */
#define _GNU_SOURCE	/* O_TMPFILE, AT_EMPTY_PATH */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

IPCK_API int
ipck_place_open(struct ipck_place *pl, pid_t pid)
{
	char path[64];

	if (pid < 0) {
		errno = EINVAL;
		return -1;
	}
	if (pid > 0)
		snprintf(path, sizeof(path), "/proc/%d/root" IPCK__SHM_DIR,
		    (int)pid);
	else
		snprintf(path, sizeof(path), "%s", IPCK__SHM_DIR);
	pl->shm_dir = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	return pl->shm_dir < 0 ? -1 : 0;
}

IPCK_API void
ipck_place_none(struct ipck_place *pl)
{
	pl->shm_dir = -1;
}

IPCK_API void
ipck_place_close(struct ipck_place *pl)
{
	int saved = errno;

	if (pl->shm_dir >= 0)
		close(pl->shm_dir);
	pl->shm_dir = AT_FDCWD;
	errno = saved;
}

IPCK_API int
ipck_place_stat(const struct ipck_place *pl, struct stat *st)
{
	if (pl != NULL && pl->shm_dir >= 0)
		return fstat(pl->shm_dir, st);
	if (pl != NULL && pl->shm_dir != AT_FDCWD) {
		errno = ENXIO;
		return -1;
	}
	return stat(IPCK__SHM_DIR, st);
}

int
ipck__shm_dir(const struct ipck_place *pl)
{
	if (pl == NULL || pl->shm_dir == AT_FDCWD)
		return open(IPCK__SHM_DIR, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (pl->shm_dir < 0) {
		errno = ENXIO;	/* no /dev/shm is known for this namespace */
		return -1;
	}
	/* a descriptor of its own, which the caller closes */
	return openat(pl->shm_dir, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
}

int
ipck__shm_make(const struct ipck_place *pl, const char *dname,
    const void *data, size_t len, uint64_t size, unsigned int mode)
{
	char proc[40];
	int dir, fd = -1, r = -1, err;

	if ((dir = ipck__shm_dir(pl)) < 0)
		return -1;
	/* unnamed until whole: its mode set, its bytes there */
	if ((fd = openat(dir, ".", O_TMPFILE | O_RDWR | O_CLOEXEC, 0600)) < 0 ||
	    fchmod(fd, mode) < 0)
		goto out;
	if (len > 0 && pwrite(fd, data, len, 0) != (ssize_t)len) {
		if (errno == 0)
			errno = ENOSPC;
		goto out;
	}
	if (size > (uint64_t)INT64_MAX) {
		errno = EFBIG;
		goto out;
	}
	if (size > 0 && ftruncate(fd, (off_t)size) < 0)
		goto out;
	/* a link fails when the name is taken: EEXIST, and nothing is made */
	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
	if (linkat(AT_FDCWD, proc, dir, dname, AT_SYMLINK_FOLLOW) == 0)
		r = 0;
	else if (errno == ENOENT &&	/* no /proc: needs CAP_DAC_READ_SEARCH */
	    linkat(fd, "", dir, dname, AT_EMPTY_PATH) == 0)
		r = 0;
out:
	err = errno;
	if (fd >= 0)
		close(fd);
	close(dir);
	errno = err;
	return r;
}

int
ipck__shm_unlink(const struct ipck_place *pl, const char *dname, int check,
    dev_t dev, ino_t ino)
{
	struct stat st;
	int dir, r = -1, err;

	if ((dir = ipck__shm_dir(pl)) < 0)
		return -1;
	if (fstatat(dir, dname, &st, AT_SYMLINK_NOFOLLOW) == 0) {
		/* only a real object; not one made since under its name */
		if (!S_ISREG(st.st_mode) || (check && (st.st_dev != dev ||
		    st.st_ino != ino)))
			errno = ENOENT;
		else
			r = unlinkat(dir, dname, 0);
	}
	err = errno;
	close(dir);
	errno = err;
	return r;
}

/* The ops of a POSIX kind, and name's entry in its directory. */
