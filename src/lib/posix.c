/* SPDX-License-Identifier: MIT */
/*
 * What the POSIX kinds share: their names, and a record's header from the
 * stat of the object's file.  Shared memory objects and named semaphores
 * are files in the mount namespace's /dev/shm; message queues are files
 * of the IPC namespace's mqueue filesystem (pmsg.c).
 */
#define _DEFAULT_SOURCE	/* DT_REG, DT_UNKNOWN */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

/* NAME_MAX, and what glibc's "sem." prefix leaves of it. */
#define NAME_BYTES	255
#define SEM_PREFIX	"sem."

IPCK_API int
ipck_parse_name(enum ipck_kind kind, const char *s, char *buf, size_t len,
    const char **why)
{
	const struct ipck_kind_info *info = ipck_kind_info(kind);
	size_t n, max;
	const char *rule = NULL;

	if (info == NULL || s == NULL) {
		errno = EINVAL;
		return -1;
	}
	if (info->family != IPCK_POSIX) {
		errno = EOPNOTSUPP;
		return -1;
	}
	max = kind == IPCK_PSEM ? NAME_BYTES - strlen(SEM_PREFIX) : NAME_BYTES;
	if (*s == '/')
		s++;
	n = strlen(s);
	if (n == 0)
		rule = "a name is not empty";
	else if (strchr(s, '/') != NULL)
		rule = "a name has no '/' but the first";
	else if (strcmp(s, ".") == 0 || strcmp(s, "..") == 0)
		rule = "a name is not '.' or '..'";
	if (rule != NULL) {
		if (why != NULL)
			*why = rule;
		errno = EINVAL;
		return -1;
	}
	if (n > max || n + 2 > len) {
		if (why != NULL)
			*why = kind == IPCK_PSEM ? "a semaphore's name is at most "
			    "251 bytes" : "a name is at most 255 bytes";
		errno = ENAMETOOLONG;
		return -1;
	}
	buf[0] = '/';
	memcpy(buf + 1, s, n + 1);
	return 0;
}

void
ipck__posix_fill(struct ipck_obj *obj, enum ipck_kind kind, const char *name,
    const struct stat *st)
{
	memset(obj, 0, sizeof(*obj));
	obj->kind = kind;
	obj->id = -1;
	obj->mode = (unsigned int)st->st_mode & 07777;
	obj->uid = st->st_uid;
	obj->gid = st->st_gid;
	obj->ctime = st->st_ctime;
	snprintf(obj->name, sizeof(obj->name), "/%s", name);
}

/*
 * When the directory says the entry is a regular file, the open comes
 * first and fstat tells the rest: a system call fewer than a stat before
 * the open, and no less sure, for either way only what was opened is
 * known for certain; its fstat is what counts.  An entry the directory
 * gives as anything else is never opened; one it gives no type for is
 * opened only after a stat shows a regular file.
 */
int
ipck__posix_entry(int dirfd, const char *dname, unsigned char type,
    struct stat *st, int *fd, int *err)
{
	const int how = O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC;
	int f, e = 0;

	if (type != DT_REG && type != DT_UNKNOWN)
		return 0;
	if (fd != NULL && type == DT_REG) {
		if ((f = openat(dirfd, dname, how)) >= 0) {
			if (fstat(f, st) < 0) {
				e = errno;
				close(f);
				errno = e;
				return -1;
			}
			if (!S_ISREG(st->st_mode)) {
				close(f);	/* changed since it was listed */
				return 0;
			}
			*fd = f;
			*err = 0;
			return 1;
		}
		if (errno == ENOENT)
			return -1;
		e = errno;	/* unreadable: the stat still says whose it is */
	}
	if (fstatat(dirfd, dname, st, AT_SYMLINK_NOFOLLOW) < 0)
		return -1;
	if (!S_ISREG(st->st_mode))
		return 0;
	if (fd != NULL) {
		*fd = e == 0 ? openat(dirfd, dname, how) : -1;
		*err = e == 0 && *fd < 0 ? errno : e;
	}
	return 1;
}

int
ipck__shm_dir(void)
{
	return open(IPCK__SHM_DIR, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
}

int
ipck__posix_stat(const struct ipck__ops *ops, const char *name,
    struct ipck_obj *obj)
{
	char dname[NAME_BYTES + 1];
	int dirfd, r, err;

	if (ops->dname(name, dname, sizeof(dname)) < 0 ||
	    (dirfd = ops->dir()) < 0)
		return -1;
	r = ops->entry(dirfd, dname, DT_UNKNOWN, obj);
	err = errno;
	close(dirfd);
	errno = err;
	if (r == 0)
		errno = ENOENT;		/* there, but not an object of this kind */
	return r == 1 ? 0 : -1;
}
