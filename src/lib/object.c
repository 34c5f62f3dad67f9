/* SPDX-License-Identifier: MIT */
/* One object's life: create it, or find it by key; remove it. */
#define _DEFAULT_SOURCE	/* SHM_HUGETLB, SHM_NORESERVE */
#include <errno.h>
#include <sys/ipc.h>
#include <sys/shm.h>

#include "internal.h"

IPCK_API int
ipck_create(enum ipck_kind kind, key_t key, uint64_t size, unsigned int mode,
    unsigned int flags, int *created)
{
	const struct ipck__ops *ops = ipck__ops(kind);
	int flg, id, tries, saved = errno;

	if (!IPCK__CAN(ops, get))
		return -1;
	if ((mode & ~0777U) != 0 ||
	    (kind != IPCK_SHM && (flags & (IPCK_HUGETLB | IPCK_NORESERVE)))) {
		errno = EINVAL;
		return -1;
	}
	flg = IPC_CREAT | (int)mode;
	if (flags & IPCK_HUGETLB)
		flg |= SHM_HUGETLB;
	if (flags & IPCK_NORESERVE)
		flg |= SHM_NORESERVE;
	/*
	 * Without IPCK_EXCL an existing object is fine, but the caller wants
	 * to know whether it made one, which a plain IPC_CREAT cannot tell.
	 * So: exclusive first, then open; the object may vanish in between.
	 */
	for (tries = 0; tries < 8; tries++) {
		if ((id = ops->get(key, size, flg | IPC_EXCL)) >= 0) {
			if (created != NULL)
				*created = 1;
			errno = saved;
			return id;
		}
		if (errno != EEXIST || (flags & IPCK_EXCL) || key == IPC_PRIVATE)
			return -1;
		/* the mode asks for the access the object would give us */
		if ((id = ops->get(key, size, (int)mode)) >= 0) {
			if (created != NULL)
				*created = 0;
			errno = saved;
			return id;
		}
		if (errno != ENOENT && errno != EIDRM)
			return -1;
	}
	errno = EAGAIN;
	return -1;
}

IPCK_API int
ipck_lookup(enum ipck_kind kind, key_t key)
{
	const struct ipck__ops *ops = ipck__ops(kind);

	if (!IPCK__CAN(ops, get))
		return -1;
	if (key == IPC_PRIVATE) {
		/* msgget(IPC_PRIVATE, 0) would make a new queue */
		errno = EINVAL;
		return -1;
	}
	return ops->get(key, 0, 0);
}

IPCK_API int
ipck_remove(enum ipck_kind kind, int id)
{
	const struct ipck__ops *ops = ipck__ops(kind);

	return IPCK__CAN(ops, remove) ? ops->remove(id) : -1;
}

IPCK_API int
ipck_remove_key(enum ipck_kind kind, key_t key)
{
	int id = ipck_lookup(kind, key);

	if (id < 0 || ipck_remove(kind, id) < 0)
		return -1;
	return id;
}

IPCK_API int
ipck_remove_obj(const struct ipck_obj *obj)
{
	if (obj == NULL || ipck_kind_info(obj->kind) == NULL) {
		errno = EINVAL;
		return -1;
	}
	if (ipck_kind_info(obj->kind)->family == IPCK_POSIX)
		return ipck__posix_remove(obj);
	return ipck_remove(obj->kind, obj->id);
}
