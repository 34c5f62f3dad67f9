/* SPDX-License-Identifier: MIT */
/*
 * What the POSIX kinds share: their names, and a record's header from the
 * stat of the object's file.  Shared memory objects and named semaphores
 * are files in the mount namespace's /dev/shm; message queues are files
 * of the IPC namespace's mqueue filesystem (pmsg.c).
 */
#define _GNU_SOURCE	/* DT_REG, O_TMPFILE, AT_EMPTY_PATH */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <mqueue.h>
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
ipck__shm_make(const struct ipck_place *pl, const char *dname, const void *data, size_t len, uint64_t size,
    unsigned int mode)
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
ipck__shm_unlink(const struct ipck_place *pl, const char *dname, int check, dev_t dev, ino_t ino)
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
static const struct ipck__ops *
named(enum ipck_kind kind, const char *name, char *dname, size_t len,
    char *canon, size_t clen)
{
	const struct ipck__ops *ops = ipck__ops(kind);

	if (ops == NULL)
		return NULL;
	if (ops->make == NULL || ops->unlink == NULL || ops->dname == NULL ||
	    ops->dir == NULL || ops->entry == NULL) {
		errno = EOPNOTSUPP;
		return NULL;
	}
	if (ipck_parse_name(kind, name, canon, clen, NULL) < 0 ||
	    ops->dname(canon, dname, len) < 0)
		return NULL;
	return ops;
}

/* 1 when the directory has an entry dname, 0 when not, -1 and errno. */
static int
held(const struct ipck__ops *ops, const struct ipck_place *pl,
    const char *dname)
{
	struct stat st;
	int dir, r, err;

	if ((dir = ops->dir(pl)) < 0)
		return -1;
	r = fstatat(dir, dname, &st, AT_SYMLINK_NOFOLLOW) == 0;
	err = errno;
	close(dir);
	errno = err;
	return r;
}

/*
 * Reusing an object takes the access its mode would give: read when the
 * mode has a read bit, write when it has a write bit, as shmget(2) asks
 * of a key that is taken.  Asked of the kernel, so ACLs and capabilities
 * count: faccessat on the file, or for a queue an mq_open, closed again.
 */
static int
may_reuse(const struct ipck__ops *ops, const struct ipck_place *pl,
    enum ipck_kind kind, const char *dname, const char *canon,
    unsigned int mode)
{
	int acc = (mode & 0444 ? R_OK : 0) | (mode & 0222 ? W_OK : 0);
	int dir, r, err;
	mqd_t q;

	if (acc == 0)
		return 0;
	if (kind == IPCK_PMSG) {
		q = mq_open(canon, (acc == (R_OK | W_OK) ? O_RDWR : acc == R_OK ?
		    O_RDONLY : O_WRONLY) | O_NONBLOCK | O_CLOEXEC);
		if (q == (mqd_t)-1)
			return -1;
		mq_close(q);
		return 0;
	}
	if ((dir = ops->dir(pl)) < 0)
		return -1;
	r = faccessat(dir, dname, acc, AT_EACCESS);
	err = errno;
	close(dir);
	errno = err;
	return r;
}

IPCK_API int
ipck_create_name(enum ipck_kind kind, const char *name,
    const struct ipck_posix_attr *attr, unsigned int mode, unsigned int flags,
    struct ipck_obj *obj, int *created)
{
	return ipck_create_name_at(NULL, kind, name, attr, mode, flags, obj,
	    created);
}

IPCK_API int
ipck_create_name_at(const struct ipck_place *pl, enum ipck_kind kind,
    const char *name, const struct ipck_posix_attr *attr, unsigned int mode,
    unsigned int flags, struct ipck_obj *obj, int *created)
{
	static const struct ipck_posix_attr none = { 0, 0, 0, 0 };
	char dname[NAME_BYTES + 1], canon[NAME_BYTES + 2];
	const struct ipck__ops *ops;
	struct ipck_obj o;
	int tries, there, saved = errno;

	if ((ops = named(kind, name, dname, sizeof(dname), canon,
	    sizeof(canon))) == NULL)
		return -1;
	if ((mode & ~0777U) != 0 || (flags & ~IPCK_EXCL) != 0) {
		errno = EINVAL;
		return -1;
	}
	if (attr == NULL)
		attr = &none;
	if (obj == NULL)
		obj = &o;
	/*
	 * Exclusive first, then, when that may be, the one there; it may
	 * vanish in between, and another be made.
	 */
	for (tries = 0; tries < 8; tries++) {
		if (ops->make(pl, dname, canon, attr, mode) == 0) {
			if (created != NULL)
				*created = 1;
			/* described as made; gone already is no failure */
			if (ipck__posix_stat(ops, pl, canon, obj) < 0)
				memset(obj, 0, sizeof(*obj));
			errno = saved;
			return 0;
		}
		if (errno != EEXIST || (flags & IPCK_EXCL))
			return -1;
		if (ipck__posix_stat(ops, pl, canon, obj) == 0) {
			if (may_reuse(ops, pl, kind, dname, canon, mode) < 0)
				return -1;
			if (created != NULL)
				*created = 0;
			errno = saved;
			return 0;
		}
		if (errno != ENOENT)
			return -1;
		/* the name is held by what is no object: a directory, a fifo */
		if ((there = held(ops, pl, dname)) != 0) {
			if (there > 0)
				errno = EEXIST;
			return -1;
		}
	}
	errno = EAGAIN;
	return -1;
}

IPCK_API int
ipck_remove_name(enum ipck_kind kind, const char *name)
{
	return ipck_remove_name_at(NULL, kind, name);
}

IPCK_API int
ipck_remove_name_at(const struct ipck_place *pl, enum ipck_kind kind,
    const char *name)
{
	char dname[NAME_BYTES + 1], canon[NAME_BYTES + 2];
	const struct ipck__ops *ops;

	if ((ops = named(kind, name, dname, sizeof(dname), canon,
	    sizeof(canon))) == NULL)
		return -1;
	return ops->unlink(pl, dname, canon, 0, 0, 0);
}

int
ipck__posix_remove(const struct ipck_obj *obj)
{
	char dname[NAME_BYTES + 1], canon[NAME_BYTES + 2];
	const struct ipck__ops *ops;
	dev_t dev;
	ino_t ino;

	if (ipck__posix_file(obj, &dev, &ino) < 0 || (ops = named(obj->kind,
	    obj->name, dname, sizeof(dname), canon, sizeof(canon))) == NULL)
		return -1;
	return ops->unlink(obj->place, dname, canon, 1, dev, ino);
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
