/* SPDX-License-Identifier: MIT */
/*
 * ipcs --metrics: what a namespace holds, against its limits, in the
 * Prometheus text format that node_exporter's textfile collector reads.
 * Each namespace is measured into a record first (a walk of each kind,
 * the limits, the pages), and the families are written after, each whole:
 * the format wants a family's samples together, and --all-namespaces
 * measures one namespace at a time.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ipcs.h"
#include "metrics.h"

/* The queues kept for the per-queue families: the fullest, at most top. */
static void
keep_queue(struct ipcs_nsm *m, const struct ipck_obj *o, size_t top)
{
	struct ipcs_queue q;
	size_t i, worst = 0;

	memset(&q, 0, sizeof(q));
	q.kind = o->kind;
	q.id = o->id;
	q.key = o->key;
	snprintf(q.name, sizeof(q.name), "%s", o->name);
	if (o->kind == IPCK_MSG) {
		q.messages = o->u.msg.qnum;
		q.bytes = o->u.msg.cbytes;
		q.limit = o->u.msg.qbytes;
		q.limit_known = (o->have & IPCK_HAVE_QBYTES) != 0;
	} else {
		q.messages = o->u.pmsg.curmsgs;
		q.bytes = o->u.pmsg.qsize;
		q.limit = o->u.pmsg.maxmsg;	/* a POSIX queue's: messages */
		q.limit_known = 1;
	}
	q.fill = q.limit_known && q.limit > 0 ? (double)(o->kind == IPCK_MSG ?
	    q.bytes : q.messages) / (double)q.limit : 0;
	if (top == 0)
		return;
	if (m->nqueues < top) {
		m->queues = cli_grow(m->queues, m->nqueues, sizeof(*m->queues));
		m->queues[m->nqueues++] = q;
		return;
	}
	for (i = 1; i < m->nqueues; i++)
		if (m->queues[i].fill < m->queues[worst].fill)
			worst = i;
	if (q.fill > m->queues[worst].fill)
		m->queues[worst] = q;
}

/* The sets most waited on, at most top of them. */
static void
keep_waited(struct ipcs_nsm *m, const struct ipck_obj *o, uint64_t waiters,
    size_t top)
{
	size_t i, least = 0;

	if (top == 0 || waiters == 0)
		return;
	if (m->nwaited < top) {
		m->waited = cli_grow(m->waited, m->nwaited, sizeof(*m->waited));
		m->waited[m->nwaited++] = (struct ipcs_waited){ o->id, o->key,
		    waiters };
		return;
	}
	for (i = 1; i < m->nwaited; i++)
		if (m->waited[i].waiters < m->waited[least].waiters)
			least = i;
	if (waiters > m->waited[least].waiters)
		m->waited[least] = (struct ipcs_waited){ o->id, o->key, waiters };
}

/* Why a kind could not be read, as a label value: short, and the same each time. */
static const char *
reason(int err)
{
	switch (err) {
	case EACCES:
	case EPERM:
		return "permission";
	case ENODEV:
		return "no_mqueue_mount";
	case EXDEV:
		return "other_namespace_mqueue";
	case ENXIO:
		return "no_dev_shm";
	case ENOSYS:
	case EOPNOTSUPP:
		return "not_supported";
	default:
		return "error";
	}
}

/*
 * Whether a pid runs, asked once for the few that recur: one process
 * often makes and uses many segments, and each answer is a kill(2) and,
 * for a live one, a read of its /proc/PID/stat.
 */
struct pids {
	pid_t		pid[4];
	int		alive[4];
	unsigned int	next;
};

static int
alive(struct pids *p, pid_t pid)
{
	unsigned int i;

	if (pid <= 0)
		return 0;
	for (i = 0; i < 4; i++)
		if (p->pid[i] == pid)
			return p->alive[i];
	i = p->next++ % 4;
	p->pid[i] = pid;
	return p->alive[i] = ipck_pid_alive(pid);
}

/* One object into its kind's figures. */
static void
count(struct ipcs_nsm *m, const struct ipck_obj *o, size_t top,
    const ipck_inuse *inuse, struct pids *pids)
{
	struct ipcs_kindm *k = &m->k[o->kind];
	uint64_t waiters;

	k->objects++;
	if (o->ctime != 0 && (k->oldest == 0 || o->ctime < k->oldest))
		k->oldest = o->ctime;
	switch (o->kind) {
	case IPCK_SHM:
		k->bytes += o->u.shm.size;
		/* no attach, and neither creator nor last user alive */
		if (o->u.shm.nattch == 0 && !alive(pids, o->u.shm.cpid) &&
		    !alive(pids, o->u.shm.lpid)) {
			k->orphans++;
			k->orphan_bytes += o->u.shm.size;
		}
		break;
	case IPCK_MSG:
		k->bytes += o->u.msg.cbytes;
		k->messages += o->u.msg.qnum;
		keep_queue(m, o, top);
		break;
	case IPCK_SEM:
		k->semaphores += o->u.sem.nsems;
		if (ipck_sem_waiters(o->id, o->u.sem.nsems, &waiters) == 0) {
			k->waiters += waiters;
			keep_waited(m, o, waiters, top);
		} else
			k->unreadable++;
		break;
	case IPCK_PSHM:
		k->bytes += o->u.pshm.size;
		k->allocated += o->u.pshm.allocated;
		/* --orphans: no process maps it or holds it open */
		if (inuse != NULL && ipck_inuse_has(inuse, o) == 0) {
			k->orphans++;
			k->orphan_bytes += o->u.pshm.size;
		}
		break;
	case IPCK_PMSG:
		if (!(o->have & IPCK_HAVE_QUEUE)) {
			k->unreadable++;
			break;
		}
		k->bytes += o->u.pmsg.qsize;
		k->messages += o->u.pmsg.curmsgs;
		keep_queue(m, o, top);
		break;
	default:
		break;
	}
}

/* Walk each kind of the namespace entered, and read its limits. */
void
ipcs_metrics_measure(struct ipcs_nsm *m, const struct cli_ns *ns, size_t top,
    int orphans)
{
	ipck_inuse *inuse = NULL;
	struct pids pids = { { 0 }, { 0 }, 0 };
	struct ipck_posix_limits pl;
	struct ipck_usage use;
	struct ipck_obj o;
	struct stat st;
	ipck_iter *it;
	time_t now = time(NULL);
	int k, r;

	m->ns = ns;
	if (ipck_limits(&m->lim) == 0)
		m->have_lim = 1;
	/* read apart, so that one unreadable does not hide the other */
	if (ipck_posix_limits_for(cli_place(), IPCK_PLIM_QUEUES, &pl) == 0) {
		m->plim.queues_max = pl.queues_max;
		m->have_qmax = 1;
	}
	if (ipck_posix_limits_for(cli_place(), IPCK_PLIM_SHM, &pl) == 0) {
		m->plim.shm_size = pl.shm_size;
		m->plim.shm_inodes = pl.shm_inodes;
		m->have_tmpfs = 1;
	}
	if (ipck_place_stat(cli_place(), &st) == 0) {
		m->shm_known = 1;
		m->shm_dev = st.st_dev;
		m->shm_ino = st.st_ino;
	}
	if (ipck_usage(IPCK_SHM, &use) == 0) {
		m->k[IPCK_SHM].resident = use.shm_rss;
		m->k[IPCK_SHM].swapped = use.shm_swap;
		m->have_pages = 1;
	}
	for (k = 0; k < IPCK_NKINDS; k++) {
		if (ns != NULL && !cli_ns_lists(ns, (enum ipck_kind)k)) {
			m->k[k].err = ENXIO;
			continue;
		}
		if ((it = ipck_open_at(cli_place(), (enum ipck_kind)k, 0)) ==
		    NULL) {
			m->k[k].err = errno;
			continue;
		}
		/* one walk of /proc for every object of the kind */
		if (k == IPCK_PSHM && orphans && (inuse = ipck_inuse_open()) ==
		    NULL) {
			m->k[k].err = errno;
			ipck_close(it);
			continue;
		}
		while ((r = ipck_next(it, &o)) > 0)
			count(m, &o, top, k == IPCK_PSHM ? inuse : NULL, &pids);
		m->k[k].orphans_known = k == IPCK_SHM || inuse != NULL;
		if (r < 0)
			m->k[k].err = errno;
		ipck_close(it);
		ipck_inuse_close(inuse);
		inuse = NULL;
	}
	m->now = now;
	for (k = 0; k < IPCK_NKINDS; k++)
		m->k[k].reason = m->k[k].err != 0 ? reason(m->k[k].err) : NULL;
}

/* --all-namespaces: each namespace measured as cli_each_ns enters it. */
struct all {
	struct ipcs_nsm	*v;
	size_t		 n;
	size_t		 top;
	int		 orphans;
};

static int
one_ns(const struct cli_ns *ns, int err, void *arg)
{
	struct all *a = arg;
	struct ipcs_nsm *m;

	a->v = cli_grow(a->v, a->n, sizeof(*a->v));
	m = &a->v[a->n++];
	memset(m, 0, sizeof(*m));
	snprintf(m->nslabel, sizeof(m->nslabel), "ipc:[%ju]",
	    (uintmax_t)ns->info->ino);
	if (ns->has_container) {
		snprintf(m->engine, sizeof(m->engine), "%s", ns->container.engine);
		snprintf(m->container, sizeof(m->container), "%s",
		    ns->container.id);
	}
	if (err != 0) {
		m->entered_err = err;
		return CLI_FAIL;
	}
	ipcs_metrics_measure(m, NULL, a->top, a->orphans);
	m->ns = NULL;
	return CLI_OK;
}

/* Namespaces that share a /dev/shm: only the first writes its files' series. */
static void
first_of_each_shm(struct ipcs_nsm *v, size_t n)
{
	size_t i, k;

	for (i = 0; i < n; i++) {
		v[i].shm_first = v[i].shm_known;
		for (k = 0; k < i && v[i].shm_first; k++)
			if (v[k].shm_known && v[k].shm_dev == v[i].shm_dev &&
			    v[k].shm_ino == v[i].shm_ino)
				v[i].shm_first = 0;
	}
}

/*
 * FILE written whole or not at all: a file beside it, written, flushed
 * and renamed over it, so a scrape never reads half (the textfile
 * collector's rule).  Its name does not end in .prom, so the collector
 * never reads it either.
 */
static int
write_file(const char *path, const struct ipcs_nsm *v, size_t n, int allns)
{
	char tmp[4096];
	const char *slash = strrchr(path, '/');
	FILE *f;
	int fd, err;

	if (snprintf(tmp, sizeof(tmp), "%.*s.%s.XXXXXX", slash != NULL ?
	    (int)(slash - path + 1) : 0, path, slash != NULL ? slash + 1 : path)
	    >= (int)sizeof(tmp)) {
		cli_err("%s: name too long", path);
		return CLI_FAIL;
	}
	if ((fd = mkstemp(tmp)) < 0) {
		cli_err("%s: cannot write beside it: %s", path, strerror(errno));
		return CLI_FAIL;
	}
	if (fchmod(fd, 0644) < 0 || (f = fdopen(fd, "w")) == NULL) {
		err = errno;
		close(fd);
		unlink(tmp);
		cli_err("%s: %s", path, strerror(err));
		return CLI_FAIL;
	}
	ipcs_metrics_write(f, v, n, allns);
	if (fflush(f) != 0 || ferror(f) || fsync(fileno(f)) < 0) {
		err = errno;
		fclose(f);
		unlink(tmp);
		cli_err("%s: %s; the old file is left as it was", path,
		    strerror(err != 0 ? err : EIO));
		return CLI_FAIL;
	}
	if (fclose(f) != 0 || rename(tmp, path) < 0) {
		err = errno;
		unlink(tmp);
		cli_err("%s: %s; the old file is left as it was", path,
		    strerror(err));
		return CLI_FAIL;
	}
	return CLI_OK;
}

int
ipcs_metrics(int allns, size_t top, int orphans, const char *path)
{
	struct all a = { NULL, 0, top, orphans };
	size_t i;
	int rc = CLI_OK;

	if (allns)
		rc = cli_each_ns(one_ns, &a);
	else {
		a.v = cli_grow(NULL, 0, sizeof(*a.v));
		memset(a.v, 0, sizeof(*a.v));
		a.n = 1;
		ipcs_metrics_measure(a.v, NULL, top, orphans);
	}
	first_of_each_shm(a.v, a.n);
	if (path != NULL) {
		if (write_file(path, a.v, a.n, allns) != CLI_OK)
			rc = CLI_FAIL;
	} else
		ipcs_metrics_write(stdout, a.v, a.n, allns);
	for (i = 0; i < a.n; i++) {
		free(a.v[i].queues);
		free(a.v[i].waited);
	}
	free(a.v);
	return rc;
}
