/* SPDX-License-Identifier: MIT */
/* System V shared memory segments: the kind's operations, attaching and detaching. */
#define _GNU_SOURCE	/* SHM_STAT_ANY, SHM_INFO, struct shm_info */
#include <errno.h>
#include <stdint.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <unistd.h>

#include "internal.h"

static int
shm_get(key_t key, uint64_t size, int flg)
{
	if (size > SIZE_MAX) {
		errno = EINVAL;
		return -1;
	}
	return shmget(key, (size_t)size, flg);
}

static void
fill(struct ipck_obj *obj, int id, const struct shmid_ds *ds)
{
	ipck__sysv_fill(obj, IPCK_SHM, id, &ds->shm_perm);
	obj->ctime = ds->shm_ctime;
	obj->u.shm.size = ds->shm_segsz;
	obj->u.shm.nattch = ds->shm_nattch;
	obj->u.shm.cpid = ds->shm_cpid;
	obj->u.shm.lpid = ds->shm_lpid;
	obj->u.shm.atime = ds->shm_atime;
	obj->u.shm.dtime = ds->shm_dtime;
}

static int
shm_stat(int id, struct ipck_obj *obj)
{
	struct shmid_ds ds;

	if (shmctl(id, IPC_STAT, &ds) < 0)
		return -1;
	fill(obj, id, &ds);
	return id;
}

static int
shm_stat_index(int index, struct ipck_obj *obj)
{
	/* zeroed for valgrind, which does not know SHM_STAT_ANY writes it */
	struct shmid_ds ds = { 0 };
	int id;

	if ((id = shmctl(index, SHM_STAT_ANY, &ds)) < 0)
		return -1;
	fill(obj, id, &ds);
	return id;
}

static int
shm_remove(int id)
{
	return shmctl(id, IPC_RMID, NULL);
}

/* IPC_INFO is O(1); SHM_INFO walks every segment to add up its pages. */
static int
shm_max_index(int *count)
{
	struct shminfo si;

	*count = -1;
	return shmctl(0, IPC_INFO, (struct shmid_ds *)(void *)&si);
}

static int
shm_limits(struct ipck_limits *lim)
{
	struct shminfo si;

	if (shmctl(0, IPC_INFO, (struct shmid_ds *)(void *)&si) < 0)
		return -1;
	lim->shmmax = si.shmmax;
	lim->shmmin = si.shmmin;
	lim->shmall = si.shmall;
	lim->shmmni = si.shmmni;
	return 0;
}

static int
shm_usage(struct ipck_usage *use)
{
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

/*
 * Where SHM_INFO is refused: one segment added as SHM_INFO counts it, its
 * size in pages rounded up; resident and swapped pages where the record
 * has them (/proc/sysvipc, in bytes).
 */
static void
shm_tally(const struct ipck_obj *o, struct ipck_usage *use)
{
	uint64_t page = (uint64_t)sysconf(_SC_PAGESIZE);

	use->ids++;
	use->shm_pages += o->u.shm.size / page + (o->u.shm.size % page != 0);
	if (o->have & IPCK_HAVE_PAGES) {
		use->shm_rss += o->u.shm.rss / page;
		use->shm_swap += o->u.shm.swap / page;
	}
}

/* With nothing attached, a live creator or last user still counts. */
static int
shm_orphaned(const struct ipck_obj *o)
{
	return o->u.shm.nattch == 0 && !ipck_pid_alive(o->u.shm.cpid) &&
	    !ipck_pid_alive(o->u.shm.lpid);
}

const struct ipck__ops ipck__shm_ops = {
	.get = shm_get,
	.stat = shm_stat,
	.stat_index = shm_stat_index,
	.remove = shm_remove,
	.max_index = shm_max_index,
	.limits = shm_limits,
	.usage = shm_usage,
	.orphaned = shm_orphaned,
	.proc = "/proc/sysvipc/shm",
	.tally = shm_tally,
};

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
