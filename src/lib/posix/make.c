/* SPDX-License-Identifier: MIT */
/*
 * Making and removing POSIX objects by name: whole or not at all, in a
 * place, and only the object a record describes.  How each kind makes,
 * unlinks and checks reuse is its own (pshm.c, pmsg.c, psem.c).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

/* NAME_MAX */
#define NAME_BYTES	255

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
    const char *dname, const char *canon, unsigned int mode)
{
	int acc = (mode & 0444 ? R_OK : 0) | (mode & 0222 ? W_OK : 0);
	int dir, r, err;

	if (acc == 0)
		return 0;
	if (ops->reuse != NULL)
		return ops->reuse(canon, acc);
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
			if (may_reuse(ops, pl, dname, canon, mode) < 0)
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
