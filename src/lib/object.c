/* SPDX-License-Identifier: MIT */
/* One object's life: create or find it by key, remove it, attach and detach. */
#define _DEFAULT_SOURCE	/* SHM_HUGETLB, SHM_NORESERVE */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>

#include "internal.h"

/* The kind's *get(2); size is bytes for shm and the set's length for sem. */
static int
get(enum ipck_kind kind, key_t key, uint64_t size, int flg)
{
	switch (kind) {
	case IPCK_SHM:
		if (size > SIZE_MAX)
			break;
		return shmget(key, (size_t)size, flg);
	case IPCK_MSG:
		return msgget(key, flg);
	case IPCK_SEM:
		if (size > INT_MAX)
			break;
		return semget(key, (int)size, flg);
	default:
		return ipck__sysv_kind(kind);
	}
	errno = EINVAL;
	return -1;
}

IPCK_API int
ipck_create(enum ipck_kind kind, key_t key, uint64_t size, unsigned int mode,
    unsigned int flags, int *created)
{
	int flg, id, tries, saved = errno;

	if (ipck__sysv_kind(kind) < 0)
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
		if ((id = get(kind, key, size, flg | IPC_EXCL)) >= 0) {
			if (created != NULL)
				*created = 1;
			errno = saved;
			return id;
		}
		if (errno != EEXIST || (flags & IPCK_EXCL) || key == IPC_PRIVATE)
			return -1;
		/* the mode asks for the access the object would give us */
		if ((id = get(kind, key, size, (int)mode)) >= 0) {
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
	if (ipck__sysv_kind(kind) < 0)
		return -1;
	if (key == IPC_PRIVATE) {
		/* msgget(IPC_PRIVATE, 0) would make a new queue */
		errno = EINVAL;
		return -1;
	}
	return get(kind, key, 0, 0);
}

IPCK_API int
ipck_remove(enum ipck_kind kind, int id)
{
	switch (kind) {
	case IPCK_SHM:
		return shmctl(id, IPC_RMID, NULL);
	case IPCK_MSG:
		return msgctl(id, IPC_RMID, NULL);
	case IPCK_SEM:
		return semctl(id, 0, IPC_RMID);
	default:
		return ipck__sysv_kind(kind);
	}
}

IPCK_API int
ipck_remove_key(enum ipck_kind kind, key_t key)
{
	int id = ipck_lookup(kind, key);

	if (id < 0 || ipck_remove(kind, id) < 0)
		return -1;
	return id;
}

IPCK_API void *
ipck_attach(int id, int rdonly)
{
	void *addr = shmat(id, NULL, rdonly ? SHM_RDONLY : 0);

	return addr == (void *)-1 ? NULL : addr;
}

IPCK_API int
ipck_detach(const void *addr)
{
	return shmdt(addr);
}
