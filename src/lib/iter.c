/* SPDX-License-Identifier: MIT */
/* Every object of a kind: the *_STAT_ANY walk, or /proc/sysvipc read by column name. */
#include <errno.h>
#include <stdlib.h>

#include "internal.h"

struct ipck_iter {
	const struct ipck__ops	*ops;
	enum ipck_kind		 kind;
	int			 idx;		/* walk: next index */
	int			 maxidx;	/* walk: highest index in use */
	int			 found;		/* objects returned so far */
	struct ipck__proc	*proc;		/* or: /proc/sysvipc, open */
};

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
	while (it->idx <= it->maxidx) {
		if (it->ops->stat_index(it->idx++, obj) >= 0)
			return 1;
		/* an empty slot, or an object removed under us */
		if (errno == EINVAL || errno == EIDRM)
			continue;
		/* a security module may deny the walk yet allow /proc */
		if (it->found == 0 && (errno == EACCES || errno == EPERM))
			break;
		return -1;
	}
	if (it->found == 0 && (it->idx <= it->maxidx || walk_missed(it))) {
		if ((it->proc = ipck__proc_open(it->kind, it->ops->proc)) == NULL)
			return -1;
		return ipck__proc_next(it->proc, obj);
	}
	return 0;
}

IPCK_API ipck_iter *
ipck_open(enum ipck_kind kind, unsigned int flags)
{
	const struct ipck__ops *ops = ipck__ops(kind);
	struct ipck_iter *it;
	int saved = errno;

	if (ops == NULL || (it = calloc(1, sizeof(*it))) == NULL)
		return NULL;
	it->ops = ops;
	it->kind = kind;
	if (flags & IPCK_ITER_PROC) {
		if ((it->proc = ipck__proc_open(kind, ops->proc)) == NULL)
			goto fail;
	} else if ((it->maxidx = ops->max_index()) < 0)
		goto fail;
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

	r = it->proc != NULL ? ipck__proc_next(it->proc, obj) :
	    walk_next(it, obj);
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
	free(it);
	errno = saved;
}
