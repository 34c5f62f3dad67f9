/* SPDX-License-Identifier: MIT */
/* The namespace's limits (IPC_INFO) and what is in use (*_INFO). */
#define _GNU_SOURCE
#include <errno.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>

#include "internal.h"

/*
 * IPC_INFO is O(1) and returns the highest index in use, which the walk
 * needs; SHM_INFO walks every segment to add up pages, so it is only used
 * where those pages are wanted.
 */
int
ipck__max_index(enum ipck_kind kind)
{
	switch (kind) {
	case IPCK_SHM: {
		struct shminfo si;

		return shmctl(0, IPC_INFO, (struct shmid_ds *)(void *)&si);
	}
	case IPCK_MSG: {
		struct msginfo mi;

		return msgctl(0, IPC_INFO, (struct msqid_ds *)(void *)&mi);
	}
	case IPCK_SEM: {
		struct seminfo si;
		union semun arg;

		arg.__buf = &si;
		return semctl(0, 0, IPC_INFO, arg);
	}
	default:
		return ipck__sysv_kind(kind);
	}
}

IPCK_API int
ipck_limits(struct ipck_limits *lim)
{
	struct shminfo shi;
	struct msginfo mi;
	struct seminfo si;
	union semun arg;

	arg.__buf = &si;
	if (shmctl(0, IPC_INFO, (struct shmid_ds *)(void *)&shi) < 0 ||
	    msgctl(0, IPC_INFO, (struct msqid_ds *)(void *)&mi) < 0 ||
	    semctl(0, 0, IPC_INFO, arg) < 0)
		return -1;
	lim->shmmax = shi.shmmax;
	lim->shmmin = shi.shmmin;
	lim->shmall = shi.shmall;
	lim->shmmni = shi.shmmni;
	lim->msgmni = (uint64_t)mi.msgmni;
	lim->msgmax = (uint64_t)mi.msgmax;
	lim->msgmnb = (uint64_t)mi.msgmnb;
	lim->semmni = (uint64_t)si.semmni;
	lim->semmsl = (uint64_t)si.semmsl;
	lim->semmns = (uint64_t)si.semmns;
	lim->semopm = (uint64_t)si.semopm;
	lim->semvmx = (uint64_t)si.semvmx;
	return 0;
}

IPCK_API int
ipck_usage(enum ipck_kind kind, struct ipck_usage *use)
{
	*use = (struct ipck_usage){ 0 };
	switch (kind) {
	case IPCK_SHM: {
		struct shm_info si;

		if (shmctl(0, SHM_INFO, (struct shmid_ds *)(void *)&si) < 0)
			return -1;
		use->ids = (uint64_t)si.used_ids;
		use->shm_pages = si.shm_tot;
		use->shm_rss = si.shm_rss;
		use->shm_swap = si.shm_swp;
		use->shm_swap_attempts = si.swap_attempts;
		use->shm_swap_successes = si.swap_successes;
		return 0;
	}
	case IPCK_MSG: {
		struct msginfo mi;

		/* MSG_INFO reuses the fields: pool = queues, map = messages, tql = bytes */
		if (msgctl(0, MSG_INFO, (struct msqid_ds *)(void *)&mi) < 0)
			return -1;
		use->ids = (uint64_t)mi.msgpool;
		use->msg_headers = (uint64_t)mi.msgmap;
		use->msg_bytes = (uint64_t)mi.msgtql;
		return 0;
	}
	case IPCK_SEM: {
		struct seminfo si;
		union semun arg;

		/* SEM_INFO reuses the fields: usz = sets, aem = semaphores */
		arg.__buf = &si;
		if (semctl(0, 0, SEM_INFO, arg) < 0)
			return -1;
		use->ids = (uint64_t)si.semusz;
		use->sem_sems = (uint64_t)si.semaem;
		return 0;
	}
	default:
		return ipck__sysv_kind(kind);
	}
}
