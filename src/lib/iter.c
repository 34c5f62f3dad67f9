/* SPDX-License-Identifier: MIT */
/*
 * Every object of a kind: for System V, the *_STAT_ANY walk or
 * /proc/sysvipc read by column name; for POSIX, the directory of the
 * kind's files, each entry described by the kind.
 */
#define _DEFAULT_SOURCE	/* fdopendir */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#include "internal.h"

struct ipck_iter {
	const struct ipck__ops	*ops;
	enum ipck_kind		 kind;
	int			 idx;		/* walk: next index */
	int			 maxidx;	/* walk: highest index in use */
	int			 found;		/* objects returned so far */
	int			 none;		/* walk: the kind said it has none */
	struct ipck__proc	*proc;		/* or: /proc/sysvipc, open */
	DIR			*dir;		/* or: the POSIX kind's files */
	const struct ipck_place	*place;		/* where they are; NULL: here */
};

/*
 * What a security module or a seccomp filter says of a call it refuses:
 * the walk's calls may be refused where /proc/sysvipc is not
 * (container-selinux#46: SELinux in a container refuses SHM_INFO).
 */
int
ipck__refused(int err)
{
	return err == EACCES || err == EPERM || err == ENOSYS;
}

/* The walk found nothing although objects exist: *_STAT_ANY (Linux 4.17) is missing. */
static int
walk_missed(const struct ipck_iter *it)
{
	struct ipck_usage use = { 0 };

	return it->ops->usage(&use) == 0 && use.ids > 0;
}

static int
walk_next(struct ipck_iter *it, struct ipck_obj *obj)
{
	int denied = 0;

	while (it->idx <= it->maxidx) {
		if (it->ops->stat_index(it->idx++, obj) >= 0)
			return 1;
		/* an empty slot, or an object removed under us */
		if (errno == EINVAL || errno == EIDRM)
			continue;
		/* a security module may deny the walk yet allow /proc */
		if (it->found == 0 && ipck__refused(errno)) {
			denied = 1;
			break;
		}
		return -1;
	}
	if (it->found == 0 && !it->none && (denied || walk_missed(it))) {
		if ((it->proc = ipck__proc_open(it->kind, it->ops->proc)) == NULL)
			return -1;
		return ipck__proc_next(it->proc, obj);
	}
	return 0;
}

/* The next entry that is one of the kind's objects; those gone meanwhile are skipped. */
static int
dir_next(struct ipck_iter *it, struct ipck_obj *obj)
{
	struct dirent *d;
	int r;

	for (;;) {
		errno = 0;
		if ((d = readdir(it->dir)) == NULL)
			return errno == 0 ? 0 : -1;
		if (d->d_name[0] == '.' && (d->d_name[1] == '\0' ||
		    (d->d_name[1] == '.' && d->d_name[2] == '\0')))
			continue;
		r = it->ops->entry(dirfd(it->dir), d->d_name, d->d_type, obj);
		if (r > 0)
			obj->place = it->place;
		if (r > 0 || (r < 0 && errno != ENOENT))
			return r;
	}
}

static int
dir_open(struct ipck_iter *it)
{
	int fd = it->ops->dir(it->place);

	if (fd < 0)
		return -1;
	if ((it->dir = fdopendir(fd)) == NULL) {
		close(fd);
		return -1;
	}
	return 0;
}

IPCK_API ipck_iter *
ipck_open(enum ipck_kind kind, unsigned int flags)
{
	return ipck_open_at(NULL, kind, flags);
}

IPCK_API ipck_iter *
ipck_open_at(const struct ipck_place *pl, enum ipck_kind kind,
    unsigned int flags)
{
	const struct ipck__ops *ops = ipck__ops(kind);
	struct ipck_iter *it;
	int saved = errno, count;

	if (ops == NULL || (ops->entry == NULL && !IPCK__CAN(ops, stat_index)))
		return NULL;
	if ((it = calloc(1, sizeof(*it))) == NULL)
		return NULL;
	it->ops = ops;
	it->kind = kind;
	it->place = pl;
	if (ops->entry != NULL) {
		if (dir_open(it) < 0)
			goto fail;
	} else if (flags & IPCK_ITER_PROC) {
		if ((it->proc = ipck__proc_open(kind, ops->proc)) == NULL)
			goto fail;
	} else if ((it->maxidx = ops->max_index(&count)) < 0) {
		/* *_INFO refused: /proc/sysvipc may still say it all */
		if (!ipck__refused(errno) ||
		    (it->proc = ipck__proc_open(kind, ops->proc)) == NULL)
			goto fail;
	} else if (count == 0) {
		it->none = 1;	/* nothing to walk, nor to miss */
		it->maxidx = -1;
	}
	errno = saved;
	return it;
fail:
	ipck_close(it);
	return NULL;
}

IPCK_API int
ipck_next(ipck_iter *it, struct ipck_obj *obj)
{
	int saved = errno, r;

	if (it->dir != NULL)
		r = dir_next(it, obj);
	else if (it->proc != NULL)
		r = ipck__proc_next(it->proc, obj);
	else
		r = walk_next(it, obj);
	if (r > 0)
		it->found++;
	if (r >= 0)
		errno = saved;
	return r;
}

IPCK_API void
ipck_close(ipck_iter *it)
{
	int saved = errno;

	if (it == NULL)
		return;
	ipck__proc_close(it->proc);
	if (it->dir != NULL)
		closedir(it->dir);
	free(it);
	errno = saved;
}
