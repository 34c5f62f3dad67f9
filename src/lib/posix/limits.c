/* SPDX-License-Identifier: MIT */
/*
 * The POSIX kinds' limits: the mqueue sysctls of the thread's IPC
 * namespace, and the tmpfs behind a place's /dev/shm.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "internal.h"

/* One number of /proc/sys/fs/mqueue, which is the IPC namespace's own. */
static int
mqueue_sysctl(const char *name, uint64_t *v)
{
	char path[64], line[32];
	ssize_t n;
	int fd, err;

	/* open, read, close: three calls, where stdio's fopen adds a stat */
	snprintf(path, sizeof(path), "/proc/sys/fs/mqueue/%s", name);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return -1;
	n = read(fd, line, sizeof(line) - 1);
	err = errno;
	close(fd);
	if (n < 0) {
		errno = err;
		return -1;
	}
	line[n] = '\0';
	line[strcspn(line, "\n")] = '\0';
	if (ipck__parse_u64(line, 10, UINT64_MAX, v) < 0) {
		errno = EPROTO;
		return -1;
	}
	return 0;
}

IPCK_API int
ipck_posix_limits(struct ipck_posix_limits *lim)
{
	return ipck_posix_limits_at(NULL, lim);
}

IPCK_API int
ipck_posix_limits_at(const struct ipck_place *pl,
    struct ipck_posix_limits *lim)
{
	return ipck_posix_limits_for(pl, IPCK_PLIM_ALL, lim);
}

/* The tmpfs behind a place's /dev/shm: its own descriptor, not a copy. */
static int
shm_statvfs(const struct ipck_place *pl, struct statvfs *sv)
{
	if (pl == NULL || pl->shm_dir == AT_FDCWD)
		return statvfs(IPCK__SHM_DIR, sv);
	if (pl->shm_dir < 0) {
		errno = ENXIO;	/* no /dev/shm is known for this namespace */
		return -1;
	}
	return fstatvfs(pl->shm_dir, sv);
}

IPCK_API int
ipck_posix_limits_for(const struct ipck_place *pl, unsigned int want,
    struct ipck_posix_limits *lim)
{
	struct statvfs sv;
	int saved = errno;

	memset(lim, 0, sizeof(*lim));
	if ((want & ~IPCK_PLIM_ALL) != 0) {
		errno = EINVAL;
		return -1;
	}
	if ((want & IPCK_PLIM_QUEUES) &&
	    mqueue_sysctl("queues_max", &lim->queues_max) < 0)
		return -1;
	if ((want & IPCK_PLIM_SIZES) &&
	    (mqueue_sysctl("msg_max", &lim->msg_max) < 0 ||
	    mqueue_sysctl("msgsize_max", &lim->msgsize_max) < 0 ||
	    mqueue_sysctl("msg_default", &lim->msg_default) < 0 ||
	    mqueue_sysctl("msgsize_default", &lim->msgsize_default) < 0))
		return -1;
	if (want & IPCK_PLIM_SHM) {
		if (shm_statvfs(pl, &sv) < 0)
			return -1;
		lim->shm_size = (uint64_t)sv.f_blocks * sv.f_frsize;
		lim->shm_free = (uint64_t)sv.f_bavail * sv.f_frsize;
		lim->shm_inodes = (uint64_t)sv.f_files;
	}
	errno = saved;
	return 0;
}
