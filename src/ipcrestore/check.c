/* SPDX-License-Identifier: MIT */
/*
 * ipcrestore's checks, all before anything is made: what is in use
 * already, whether the saved ids can be kept, and whether the objects fit
 * the namespace's limits.  Each problem is a line; none is fixed here.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "ipcrestore.h"

const char *
restore_arg(const struct ar_obj *o, int id, char *buf, size_t len)
{
	struct ipck_obj x;

	memset(&x, 0, sizeof(x));
	x.kind = o->kind;
	x.id = id;
	if (o->name != NULL)
		snprintf(x.name, sizeof(x.name), "%s", o->name);
	return cli_object_arg(&x, buf, len);
}

/* Whether the caller has capability cap (CapEff of /proc/self/status). */
static int
has_cap(int cap)
{
	char line[256];
	unsigned long long eff = 0;
	FILE *f;

	if ((f = fopen("/proc/self/status", "r")) == NULL)
		return 0;
	while (fgets(line, sizeof(line), f) != NULL)
		if (sscanf(line, "CapEff: %llx", &eff) == 1)
			break;
	fclose(f);
	return (eff >> cap) & 1;
}

#define CAP_SYS_RESOURCE_BIT	24

int
restore_conflicts(struct run *r)
{
	struct ipck_obj x;
	struct ipck_ref ref;
	char arg[1100], by[1100], why[1200];
	size_t i;
	int rc = CLI_OK, id;

	for (i = 0; i < r->m.n; i++) {
		const struct ar_obj *o = &r->m.v[i];

		why[0] = '\0';
		if (ipck_kind_info(o->kind)->family == IPCK_SYSV) {
			if (o->key != 0 && (id = ipck_lookup(o->kind, o->key)) >= 0) {
				snprintf(why, sizeof(why), "key 0x%08x is in use "
				    "(by %s)", (unsigned int)o->key,
				    restore_arg(o, id, by, sizeof(by)));
			} else if (r->exact && ipck_stat(o->kind, o->id, &x) == 0)
				snprintf(why, sizeof(why), "id %d is in use", o->id);
		} else {
			memset(&ref, 0, sizeof(ref));
			ref.kind = o->kind;
			ref.by = IPCK_BY_NAME;
			ref.name = o->name;
			ref.place = cli_place();
			if (ipck_resolve(&ref, &x) == 0 || errno == EACCES)
				snprintf(why, sizeof(why), "the name is in use");
		}
		if (why[0] == '\0')
			continue;
		restore_arg(o, o->id, arg, sizeof(arg));
		if (r->skip) {
			r->skipped[i] = 1;
			cli_err("%s: skipped: %s", arg, why);
		} else {
			cli_err("%s: %s", arg, why);
			rc = CLI_FAIL;
		}
	}
	return rc;
}

/*
 * Whether the caller may set kind's next id: the kernel asks for the
 * capability before it looks at what is written, so "-1", which it
 * refuses as a value (EINVAL) and so never sets, tells without changing
 * anything; EPERM (or a file not ours to open) says no.
 */
static int
may_set_id(enum ipck_kind kind)
{
	char path[64];
	int fd, ok;

	snprintf(path, sizeof(path), "/proc/sys/kernel/%s_next_id",
	    ipck_kind_name(kind));
	if ((fd = open(path, O_WRONLY | O_CLOEXEC)) < 0)
		return 0;
	ok = write(fd, "-1\n", 3) == 3 || errno == EINVAL;
	close(fd);
	return ok;
}

static uint64_t
id_tag(enum ipck_kind kind, int id)
{
	return (uint64_t)((unsigned int)kind + 1) << 32 | (uint32_t)id;
}

/* The ids in use of the kinds needed, from one walk of each. */
static void
in_use(const int *need, struct cli_seen *used)
{
	struct ipck_usage u;
	struct ipck_obj o;
	size_t n = 0;
	ipck_iter *it;
	int k;

	for (k = 0; k < IPCK_NKINDS; k++)
		if (need[k] && ipck_usage((enum ipck_kind)k, &u) == 0)
			n += (size_t)u.ids;
	cli_seen_init(used, n + 64);
	for (k = 0; k < IPCK_NKINDS; k++) {
		if (!need[k] || (it = ipck_open((enum ipck_kind)k, 0)) == NULL)
			continue;
		/* more made meanwhile than the table holds: not looked for */
		while (n-- > 0 && ipck_next(it, &o) > 0)
			cli_seen_add(used, id_tag(o.kind, o.id));
		ipck_close(it);
	}
}

int
restore_ids(struct run *r)
{
	int need[IPCK_NKINDS] = { 0 }, k, may = 1;
	struct cli_seen used;
	size_t i;

	for (i = 0; i < r->m.n; i++)
		if (!r->skipped[i] &&
		    ipck_kind_info(r->m.v[i].kind)->family == IPCK_SYSV)
			need[r->m.v[i].kind] = 1;
	for (k = 0; k < IPCK_NKINDS; k++)
		if (need[k] && !may_set_id((enum ipck_kind)k))
			may = 0;
	r->ids = may;
	if (!may && r->exact) {
		cli_err("--exact-ids: the kernel's next id cannot be set here "
		    "(it takes CAP_CHECKPOINT_RESTORE or CAP_SYS_ADMIN over the "
		    "namespace's user namespace)");
		return CLI_FAIL;
	}
	/* an id in use is given up for a new one (--exact-ids: said above) */
	in_use(need, &used);
	for (i = 0; i < r->m.n; i++)
		if (ipck_kind_info(r->m.v[i].kind)->family == IPCK_SYSV &&
		    (!may || cli_seen_has(&used, id_tag(r->m.v[i].kind,
		    r->m.v[i].id))))
			r->newid[i] = -1;
	cli_seen_free(&used);
	return CLI_OK;
}

static void
over(int *rc, const char *what, uint64_t want, uint64_t have,
    uint64_t limit, const char *name, const char *setting)
{
	cli_err("%s: %" PRIu64 " from the archive and %" PRIu64 " there are "
	    "more than %s, %" PRIu64 " (sysctl %s)", what, want, have, name,
	    limit, setting);
	*rc = CLI_FAIL;
}

/* What the archive's objects (those not skipped) add up to. */
struct need {
	uint64_t	n[IPCK_NKINDS];
	uint64_t	sems, pages, shmbytes, mqbytes;
	int		res;		/* CAP_SYS_RESOURCE */
};

static void
tally(const struct run *r, struct need *w)
{
	uint64_t page = (uint64_t)sysconf(_SC_PAGESIZE);
	size_t i;

	memset(w, 0, sizeof(*w));
	w->res = has_cap(CAP_SYS_RESOURCE_BIT);
	for (i = 0; i < r->m.n; i++) {
		const struct ar_obj *o = &r->m.v[i];

		if (r->skipped[i])
			continue;
		w->n[o->kind]++;
		if (o->kind == IPCK_SHM)
			w->pages += (o->size + page - 1) / page;
		else if (o->kind == IPCK_SEM)
			w->sems += o->nsems;
		else if (o->kind == IPCK_PSHM)
			w->shmbytes += (o->bytes + page - 1) / page * page;
		else if (o->kind == IPCK_PSEM)
			w->shmbytes += page;
		else if (o->kind == IPCK_PMSG)
			w->mqbytes += o->maxmsg * o->msgsize;
	}
}

/* Each System V object against the limits of one. */
static void
sysv_each(const struct run *r, const struct need *w,
    const struct ipck_limits *lim, int *rc)
{
	char arg[1100];
	size_t i;

	for (i = 0; i < r->m.n; i++) {
		const struct ar_obj *o = &r->m.v[i];

		if (r->skipped[i])
			continue;
		restore_arg(o, o->id, arg, sizeof(arg));
		if (o->kind == IPCK_SHM && o->size > lim->shmmax) {
			cli_err("%s: %" PRIu64 " bytes, more than shmmax %" PRIu64
			    " (sysctl kernel.shmmax)", arg, o->size, lim->shmmax);
			*rc = CLI_FAIL;
		}
		if (o->kind == IPCK_SEM && o->nsems > lim->semmsl) {
			cli_err("%s: %" PRIu64 " semaphores, more than semmsl %"
			    PRIu64 " (kernel.sem, its 1st field)", arg, o->nsems,
			    lim->semmsl);
			*rc = CLI_FAIL;
		}
		if (o->kind == IPCK_MSG && o->qbytes > lim->msgmnb && !w->res) {
			cli_err("%s: a byte limit of %" PRIu64 ", more than msgmnb "
			    "%" PRIu64 ", takes CAP_SYS_RESOURCE (or sysctl "
			    "kernel.msgmnb)", arg, o->qbytes, lim->msgmnb);
			*rc = CLI_FAIL;
		}
	}
}

static void
sysv_fits(const struct run *r, const struct need *w, int *rc)
{
	struct ipck_limits lim;
	struct ipck_usage u[IPCK_SEM + 1];
	const uint64_t *n = w->n;
	int k;

	if ((!n[IPCK_SHM] && !n[IPCK_MSG] && !n[IPCK_SEM]) || ipck_limits(&lim) < 0)
		return;
	memset(u, 0, sizeof(u));
	for (k = IPCK_SHM; k <= IPCK_SEM; k++)
		if (n[k] && ipck_usage((enum ipck_kind)k, &u[k]) < 0)
			memset(&u[k], 0, sizeof(u[k]));
	if (n[IPCK_SHM] && n[IPCK_SHM] + u[IPCK_SHM].ids > lim.shmmni)
		over(rc, "segments", n[IPCK_SHM], u[IPCK_SHM].ids, lim.shmmni,
		    "shmmni", "kernel.shmmni");
	if (n[IPCK_SHM] && w->pages + u[IPCK_SHM].shm_pages > lim.shmall)
		over(rc, "pages of shared memory", w->pages,
		    u[IPCK_SHM].shm_pages, lim.shmall, "shmall", "kernel.shmall");
	if (n[IPCK_MSG] && n[IPCK_MSG] + u[IPCK_MSG].ids > lim.msgmni)
		over(rc, "queues", n[IPCK_MSG], u[IPCK_MSG].ids, lim.msgmni,
		    "msgmni", "kernel.msgmni");
	if (n[IPCK_SEM] && n[IPCK_SEM] + u[IPCK_SEM].ids > lim.semmni)
		over(rc, "semaphore sets", n[IPCK_SEM], u[IPCK_SEM].ids,
		    lim.semmni, "semmni", "kernel.sem, its 4th field");
	if (n[IPCK_SEM] && w->sems + u[IPCK_SEM].sem_sems > lim.semmns)
		over(rc, "semaphores", w->sems, u[IPCK_SEM].sem_sems, lim.semmns,
		    "semmns", "kernel.sem, its 2nd field");
	sysv_each(r, w, &lim, rc);
}

static void
posix_fits(const struct run *r, const struct need *w, int *rc)
{
	struct ipck_posix_limits pl;
	struct ipck_usage u;
	const uint64_t *n = w->n;
	struct rlimit rl;
	char arg[1100];
	size_t i;

	if ((!n[IPCK_PSHM] && !n[IPCK_PSEM] && !n[IPCK_PMSG]) ||
	    ipck_posix_limits_for(cli_place(), n[IPCK_PMSG] ? IPCK_PLIM_ALL :
	    IPCK_PLIM_SHM, &pl) < 0)
		return;
	if ((n[IPCK_PSHM] || n[IPCK_PSEM]) && w->shmbytes > pl.shm_free) {
		cli_err("/dev/shm: %" PRIu64 " bytes free, and the archive's POSIX "
		    "shared memory and semaphores take %" PRIu64, pl.shm_free,
		    w->shmbytes);
		*rc = CLI_FAIL;
	}
	if (!n[IPCK_PMSG] || w->res)
		return;
	if (ipck_usage_at(cli_place(), IPCK_PMSG, &u) == 0 &&
	    n[IPCK_PMSG] + u.ids > pl.queues_max)
		over(rc, "POSIX queues", n[IPCK_PMSG], u.ids, pl.queues_max,
		    "queues_max", "fs.mqueue.queues_max");
	for (i = 0; i < r->m.n; i++) {
		const struct ar_obj *o = &r->m.v[i];

		if (r->skipped[i] || o->kind != IPCK_PMSG ||
		    (o->maxmsg <= pl.msg_max && o->msgsize <= pl.msgsize_max))
			continue;
		cli_err("%s: maxmsg %" PRIu64 " and msgsize %" PRIu64 " take "
		    "CAP_SYS_RESOURCE past msg_max %" PRIu64 " and msgsize_max %"
		    PRIu64 " (sysctl fs.mqueue)", restore_arg(o, 0, arg,
		    sizeof(arg)), o->maxmsg, o->msgsize, pl.msg_max,
		    pl.msgsize_max);
		*rc = CLI_FAIL;
	}
	if (getrlimit(RLIMIT_MSGQUEUE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY &&
	    w->mqbytes > rl.rlim_cur) {
		cli_err("the archive's POSIX queues take %" PRIu64 " bytes of "
		    "RLIMIT_MSGQUEUE, which is %" PRIu64 " (ulimit -q)",
		    w->mqbytes, (uint64_t)rl.rlim_cur);
		*rc = CLI_FAIL;
	}
}

int
restore_fits(struct run *r)
{
	struct need w;
	int rc = CLI_OK;

	tally(r, &w);
	sysv_fits(r, &w, &rc);
	posix_fits(r, &w, &rc);
	return rc;
}
