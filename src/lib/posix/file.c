/* SPDX-License-Identifier: MIT */
/*
 * A POSIX object is a file: its record's header from the file's stat, an
 * entry of its kind's directory described, and the very file a record was
 * read from found and opened again.  Shared memory objects and named
 * semaphores are files in a /dev/shm (shmdir.c); message queues, of the
 * IPC namespace's mqueue filesystem (pmsg.c).
 */
#define _GNU_SOURCE	/* DT_UNKNOWN */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

/* NAME_MAX */
#define NAME_BYTES	255

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
	obj->file.atime = st->st_atime;
	obj->file.mtime = st->st_mtime;
	obj->file.dev = st->st_dev;
	obj->file.ino = st->st_ino;
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
ipck__posix_stat(const struct ipck__ops *ops, const struct ipck_place *pl,
    const char *name, struct ipck_obj *obj)
{
	char dname[NAME_BYTES + 1];
	int dirfd, r, err;

	if (ops->dname(name, dname, sizeof(dname)) < 0 ||
	    (dirfd = ops->dir(pl)) < 0)
		return -1;
	r = ops->entry(dirfd, dname, DT_UNKNOWN, obj);
	err = errno;
	close(dirfd);
	errno = err;
	if (r == 0)
		errno = ENOENT;		/* there, but not an object of this kind */
	if (r == 1)
		obj->place = pl;
	return r == 1 ? 0 : -1;
}

int
ipck__posix_file(const struct ipck_obj *o, dev_t *dev, ino_t *ino)
{
	if (o->kind != IPCK_PSHM && o->kind != IPCK_PMSG &&
	    o->kind != IPCK_PSEM) {
		errno = EINVAL;
		return -1;
	}
	*dev = o->file.dev;
	*ino = o->file.ino;
	return 0;
}

int
ipck__posix_open(const struct ipck_obj *o, int flags, struct stat *st)
{
	const struct ipck__ops *ops = ipck__ops(o->kind);
	char dname[NAME_BYTES + 1];
	struct stat own;
	dev_t dev;
	ino_t ino;
	int dir, fd, err;

	if (st == NULL)
		st = &own;
	if (ops == NULL || ipck__posix_file(o, &dev, &ino) < 0 ||
	    ops->dname == NULL || ops->dir == NULL ||
	    ops->dname(o->name, dname, sizeof(dname)) < 0 ||
	    (dir = ops->dir(o->place)) < 0)
		return -1;
	/* O_NONBLOCK: were it a fifo by now, opening it would wait */
	fd = openat(dir, dname, flags | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY |
	    O_CLOEXEC);
	err = errno;
	close(dir);
	if (fd < 0) {
		errno = err;
		return -1;
	}
	if (fstat(fd, st) < 0 || !S_ISREG(st->st_mode) || st->st_dev != dev ||
	    st->st_ino != ino) {
		close(fd);
		errno = ENOENT;		/* replaced since it was described */
		return -1;
	}
	return fd;
}
