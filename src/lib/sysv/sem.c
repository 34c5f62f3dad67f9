/* SPDX-License-Identifier: MIT */
/* System V semaphore sets: the kind's operations, and what semctl(2) keeps per semaphore. */
#define _GNU_SOURCE	/* SEM_STAT_ANY, SEM_INFO */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <sys/ipc.h>
#include <sys/sem.h>

#include "internal.h"

static int
sem_get(key_t key, uint64_t size, int flg)
{
	if (size > INT_MAX) {
		errno = EINVAL;
		return -1;
	}
	return semget(key, (int)size, flg);
}

static void
fill(struct ipck_obj *obj, int id, const struct semid_ds *ds)
{
	ipck__sysv_fill(obj, IPCK_SEM, id, &ds->sem_perm);
	obj->ctime = ds->sem_ctime;
	obj->u.sem.nsems = ds->sem_nsems;
	obj->u.sem.otime = ds->sem_otime;
}

/* semctl with a semid_ds, which it takes through the union. */
static int
ctl_ds(int n, int cmd, struct semid_ds *ds)
{
	union semun arg;

	arg.buf = ds;
	return semctl(n, 0, cmd, arg);
}

static int
sem_stat(int id, struct ipck_obj *obj)
{
	struct semid_ds ds;

	if (ctl_ds(id, IPC_STAT, &ds) < 0)
		return -1;
	fill(obj, id, &ds);
	return id;
}

static int
sem_stat_index(int index, struct ipck_obj *obj)
{
	/*
	 * Zeroed, though the kernel fills it: valgrind (3.19) does not know
	 * that SEM_STAT_ANY writes it, and would see every field as unset.
	 */
	struct semid_ds ds = { 0 };
	int id;

	if ((id = ctl_ds(index, SEM_STAT_ANY, &ds)) < 0)
		return -1;
	fill(obj, id, &ds);
	return id;
}

static int
sem_remove(int id)
{
	return semctl(id, 0, IPC_RMID);
}

/* IPC_INFO, or with SEM_INFO the same record with some fields reused. */
static int
info(int cmd, struct seminfo *si)
{
	union semun arg;

	arg.__buf = si;
	return semctl(0, 0, cmd, arg);
}

/* SEM_INFO is O(1) too, and says how many sets exist (semusz). */
static int
sem_max_index(int *count)
{
	struct seminfo si;
	int r = info(SEM_INFO, &si);

	*count = r < 0 ? -1 : si.semusz;
	return r;
}

static int
sem_limits(struct ipck_limits *lim)
{
	struct seminfo si;

	if (info(IPC_INFO, &si) < 0)
		return -1;
	lim->semmni = (uint64_t)si.semmni;
	lim->semmsl = (uint64_t)si.semmsl;
	lim->semmns = (uint64_t)si.semmns;
	lim->semopm = (uint64_t)si.semopm;
	lim->semvmx = (uint64_t)si.semvmx;
	return 0;
}

/* SEM_INFO reuses the fields: usz = sets, aem = semaphores. */
static int
sem_usage(struct ipck_usage *use)
{
	struct seminfo si;

	if (info(SEM_INFO, &si) < 0)
		return -1;
	use->ids = (uint64_t)si.semusz;
	use->sem_sems = (uint64_t)si.semaem;
	return 0;
}

/* Each semaphore keeps the pid of its last semop; reading it needs read access. */
static int
sem_orphaned(const struct ipck_obj *o)
{
	uint64_t i;
	int saved = errno, known = 0, pid;

	for (i = 0; i < o->u.sem.nsems; i++) {
		if ((pid = semctl(o->id, (int)i, GETPID)) < 0) {
			errno = saved;
			return 0;	/* cannot tell, so not orphaned */
		}
		if (!ipck__dead(pid, &known))
			return 0;
	}
	return known;
}

/* Where SEM_INFO is refused: one set added as SEM_INFO counts it. */
static void
sem_tally(const struct ipck_obj *o, struct ipck_usage *use)
{
	use->ids++;
	use->sem_sems += o->u.sem.nsems;
}

const struct ipck__ops ipck__sem_ops = {
	.get = sem_get,
	.stat = sem_stat,
	.stat_index = sem_stat_index,
	.remove = sem_remove,
	.max_index = sem_max_index,
	.limits = sem_limits,
	.usage = sem_usage,
	.orphaned = sem_orphaned,
	.proc = "/proc/sysvipc/sem",
	.tally = sem_tally,
};

IPCK_API int
ipck_sem_waiters(int id, uint64_t nsems, uint64_t *waiters)
{
	uint64_t i;
	int n, z, saved = errno;

	*waiters = 0;
	if (nsems > INT_MAX) {
		errno = EINVAL;
		return -1;
	}
	/* two calls a semaphore, each needing read permission */
	for (i = 0; i < nsems; i++) {
		if ((n = semctl(id, (int)i, GETNCNT)) < 0 ||
		    (z = semctl(id, (int)i, GETZCNT)) < 0)
			return -1;
		*waiters += (uint64_t)n + (uint64_t)z;
	}
	errno = saved;
	return 0;
}

IPCK_API int
ipck_sem_values(int id, uint64_t nsems, struct ipck_semval *v)
{
	uint64_t i;
	int num, saved = errno;

	if (nsems > INT_MAX) {
		errno = EINVAL;
		return -1;
	}
	/* each needs read permission, and the set may go at any call */
	for (i = 0; i < nsems; i++) {
		num = (int)i;
		if ((v[i].val = semctl(id, num, GETVAL)) < 0 ||
		    (v[i].pid = semctl(id, num, GETPID)) < 0 ||
		    (v[i].ncnt = semctl(id, num, GETNCNT)) < 0 ||
		    (v[i].zcnt = semctl(id, num, GETZCNT)) < 0)
			return -1;
	}
	errno = saved;
	return 0;
}
