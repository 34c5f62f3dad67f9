/* SPDX-License-Identifier: MIT */
/* An object as the user named it: by id, by key, or (POSIX) by name. */
#include <errno.h>

#include "internal.h"

IPCK_API int
ipck_ref_id(const struct ipck_ref *ref)
{
	if (ipck__ops(ref->kind) == NULL)
		return -1;
	switch (ref->by) {
	case IPCK_BY_ID:
		return ref->id;
	case IPCK_BY_KEY:
		return ipck_lookup(ref->kind, ref->key);
	case IPCK_BY_NAME: {
		struct ipck_obj obj;

		/* A POSIX object has no id: found is 0. */
		const struct ipck__ops *ops = ipck__ops(ref->kind);

		if (ops != NULL && ops->exists != NULL)
			return ops->exists(ref->name);
		return ipck_resolve(ref, &obj) < 0 ? -1 : 0;
	}
	default:
		errno = EINVAL;
		return -1;
	}
}

IPCK_API int
ipck_resolve(const struct ipck_ref *ref, struct ipck_obj *obj)
{
	const struct ipck__ops *ops = ipck__ops(ref->kind);
	int id;

	if (ref->by == IPCK_BY_NAME) {
		if (!IPCK__CAN(ops, entry))
			return -1;
		if (ipck__posix_stat(ops, ref->place, ref->name, obj) == 0)
			return 0;
		/*
		 * Not in the directory we read, but the kind finds it by
		 * name (a queue by mq_open): what we read is another
		 * namespace's (an empty one cannot be told).
		 */
		if (errno == ENOENT && ops->exists != NULL &&
		    ops->exists(ref->name) == 0)
			errno = EXDEV;
		return -1;
	}
	if ((id = ipck_ref_id(ref)) < 0)
		return -1;
	if (ipck_stat(ref->kind, id, obj) == 0)
		return id;
	/* found by its key, gone before it could be described */
	if (ref->by == IPCK_BY_KEY && errno == EINVAL)
		errno = EIDRM;
	return -1;
}
