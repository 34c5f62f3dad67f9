/* SPDX-License-Identifier: MIT */
/* One object's record from the kernel: IPC_STAT by id, *_STAT_ANY by index. */
#define _GNU_SOURCE
#include <errno.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>

#include "internal.h"

int
ipck__sysv_kind(enum ipck_kind kind)
{
	if ((unsigned int)kind < IPCK_NKINDS)
		return 0;
	errno = kind <= IPCK_PSEM ? EOPNOTSUPP : EINVAL;
	return -1;
}

static void
fill_perm(struct ipck_obj *obj, enum ipck_kind kind, int id,
    const struct ipc_perm *perm)
{
	memset(obj, 0, sizeof(*obj));
	obj->kind = kind;
	obj->id = id;
	obj->key = perm->__key;
	obj->mode = perm->mode;
	obj->uid = perm->uid;
	obj->gid = perm->gid;
	obj->cuid = perm->cuid;
	obj->cgid = perm->cgid;
}

int
ipck__stat_kernel(enum ipck_kind kind, int n, int any, struct ipck_obj *obj)
{
	int id;

	switch (kind) {
	case IPCK_SHM: {
		struct shmid_ds ds;

		if ((id = shmctl(n, any ? SHM_STAT_ANY : IPC_STAT, &ds)) < 0)
			return -1;
		if (!any)
			id = n;
		fill_perm(obj, kind, id, &ds.shm_perm);
		obj->ctime = ds.shm_ctime;
		obj->u.shm.size = ds.shm_segsz;
		obj->u.shm.nattch = ds.shm_nattch;
		obj->u.shm.cpid = ds.shm_cpid;
		obj->u.shm.lpid = ds.shm_lpid;
		obj->u.shm.atime = ds.shm_atime;
		obj->u.shm.dtime = ds.shm_dtime;
		return id;
	}
	case IPCK_MSG: {
		struct msqid_ds ds;

		if ((id = msgctl(n, any ? MSG_STAT_ANY : IPC_STAT, &ds)) < 0)
			return -1;
		if (!any)
			id = n;
		fill_perm(obj, kind, id, &ds.msg_perm);
		obj->have = IPCK_HAVE_QBYTES;
		obj->ctime = ds.msg_ctime;
		obj->u.msg.cbytes = ds.msg_cbytes;
		obj->u.msg.qnum = ds.msg_qnum;
		obj->u.msg.qbytes = ds.msg_qbytes;
		obj->u.msg.lspid = ds.msg_lspid;
		obj->u.msg.lrpid = ds.msg_lrpid;
		obj->u.msg.stime = ds.msg_stime;
		obj->u.msg.rtime = ds.msg_rtime;
		return id;
	}
	case IPCK_SEM: {
		struct semid_ds ds;
		union semun arg;

		arg.buf = &ds;
		if ((id = semctl(n, 0, any ? SEM_STAT_ANY : IPC_STAT, arg)) < 0)
			return -1;
		if (!any)
			id = n;
		fill_perm(obj, kind, id, &ds.sem_perm);
		obj->ctime = ds.sem_ctime;
		obj->u.sem.nsems = ds.sem_nsems;
		obj->u.sem.otime = ds.sem_otime;
		return id;
	}
	default:
		return ipck__sysv_kind(kind);
	}
}

/* The object's line in /proc/sysvipc, which needs no permission at all. */
IPCK_API int
ipck_stat_proc(enum ipck_kind kind, int id, struct ipck_obj *obj)
{
	ipck_iter *it;
	int r, saved = errno;

	if ((it = ipck_open(kind, IPCK_ITER_PROC)) == NULL)
		return -1;
	while ((r = ipck_next(it, obj)) > 0 && obj->id != id)
		continue;
	ipck_close(it);
	if (r < 0)
		return -1;
	if (r == 0) {
		errno = EINVAL;		/* as IPC_STAT says of an id that names nothing */
		return -1;
	}
	errno = saved;
	return 0;
}

/*
 * IPC_STAT needs read permission, but *_STAT_ANY (Linux 4.17) does not: it
 * takes the index, which is the id's low bits (15 of them, or 24 with the
 * ipcmni_extend boot option).  The id it answers with tells which was right.
 * Where even that is refused (an older kernel, a security module),
 * /proc/sysvipc still describes the object.
 */
IPCK_API int
ipck_stat(enum ipck_kind kind, int id, struct ipck_obj *obj)
{
	static const int masks[] = { 0x7fff, 0xffffff };
	size_t i;
	int entry = errno;

	if (ipck__sysv_kind(kind) < 0)
		return -1;
	if (ipck__stat_kernel(kind, id, 0, obj) >= 0)
		return 0;
	if (errno != EACCES)
		return -1;
	for (i = 0; i < sizeof(masks) / sizeof(masks[0]); i++)
		if (ipck__stat_kernel(kind, id & masks[i], 1, obj) == id)
			goto found;
	if (ipck_stat_proc(kind, id, obj) == 0)
		goto found;
	errno = EACCES;
	return -1;
found:
	errno = entry;
	return 0;
}
