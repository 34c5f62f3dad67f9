/* SPDX-License-Identifier: MIT */
/*
 * ipcs --events: the kinds asked for walked again at each interval and
 * compared with the walk before (the library's snapshots), a line per
 * change: created, changed (the fields, before and after), removed; with
 * --initial first what is there, as present.  With --all-namespaces a
 * snapshot per namespace, and namespaces that appear or go are events too;
 * POSIX shared memory and semaphores are followed per /dev/shm, which
 * namespaces may share, so that each is said once.  Lines (or JSON Lines)
 * are flushed at the end of each walk.
 */
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "events.h"

static volatile sig_atomic_t stop;

static void
on_signal(int sig)
{
	stop = sig;
}

/* A namespace followed (its snapshot), or a /dev/shm (ino: of its root). */
struct followed {
	uint64_t	 dev, ino;
	ipck_snap	*snap;
	int		 seen;		/* in this round */
	int		 failed[IPCK_NKINDS];	/* said once, until it lists */
	char		 engine[32], container[160];
};

struct ev {
	struct args		*a;
	struct cli_json		*json;
	int			 round;
	const struct cli_ns	*ns;	/* --all-namespaces: the one walked */
	uint64_t		 nsino;	/* the namespace walked */
	struct followed		*nsv, *shmv;
	size_t			 nns, nshm;
	char			 stamp[32];	/* the walk's time, UTC */
};

/* The time now as ISO 8601 in UTC, to the millisecond. */
static void
stamp(struct ev *e)
{
	struct timespec ts;
	struct tm tm;
	char b[24];

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	strftime(b, sizeof(b), "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(e->stamp, sizeof(e->stamp), "%.19s.%03dZ", b,
	    (int)(ts.tv_nsec / 1000000) % 1000);
}

static struct followed *
follow(struct followed **v, size_t *n, uint64_t dev, uint64_t ino, int *made)
{
	struct followed *f = *v;
	size_t i;

	*made = 0;
	for (i = 0; i < *n; i++)
		if (f[i].dev == dev && f[i].ino == ino)
			return &f[i];
	f = *v = cli_grow(*v, *n, sizeof(*f));
	memset(&f[*n], 0, sizeof(*f));
	f[*n].dev = dev;
	f[*n].ino = ino;
	if ((f[*n].snap = ipck_snap_new()) == NULL)
		cli_die(CLI_FAIL, "%s", strerror(errno));
	*made = 1;
	return &f[(*n)++];
}

/* Whether an event about o (or before) passes the filters. */
static int
selected(const struct ev *e, const struct ipck_obj *before,
    const struct ipck_obj *o)
{
	const struct ipck_filter *f = &e->a->filt.f;

	return (o != NULL && ipck_match(f, o)) ||
	    (before != NULL && ipck_match(f, before));
}

/* One event about an object: what, the record after (or as it went). */
static void
object_event(struct ev *e, const char *what, const struct ipck_obj *before,
    const struct ipck_obj *o)
{
	const struct ipck_field *ch[64];
	size_t n = 0;

	if (!selected(e, before, o))
		return;
	if (before != NULL)
		n = ipck_obj_diff(before, o, ch, sizeof(ch) / sizeof(ch[0]));
	if (e->json != NULL)
		ipcs_event_json(e->json, e->stamp, what, e->ns, e->nsino, o,
		    before, ch, n);
	else
		ipcs_event_text(e->stamp, what, e->ns != NULL ? e->nsino : 0, o,
		    before, ch, n);
}

static int
gone(const struct ipck_obj *o, void *arg)
{
	object_event(arg, "removed", NULL, o);
	return 0;
}

/* One kind's walk against its snapshot. */
static void
walk_kind(struct ev *e, struct followed *fw, enum ipck_kind k)
{
	struct ipck_obj o, before;
	ipck_iter *it;
	int r = -1;

	stamp(e);
	ipck_snap_begin(fw->snap, k);
	if ((it = ipck_open_at(cli_place(), k, 0)) != NULL) {
		while ((r = ipck_next(it, &o)) > 0)
			switch (ipck_snap_put(fw->snap, &o, &before)) {
			case IPCK_SNAP_NEW:
				if (e->round > 0 || e->a->initial)
					object_event(e, e->round > 0 ?
					    "created" : "present", NULL, &o);
				break;
			case IPCK_SNAP_CHANGED:
				object_event(e, "changed", &before, &o);
				break;
			case IPCK_SNAP_REPLACED:
				object_event(e, "removed", NULL, &before);
				object_event(e, "created", NULL, &o);
				break;
			case IPCK_SNAP_SAME:
				break;
			default:
				cli_die(CLI_FAIL, "%s", strerror(errno));
			}
		ipck_close(it);
	}
	/* a walk that failed ends nothing: its objects did not go */
	if (r < 0) {
		if (!fw->failed[k])
			cli_cannot_list(k, errno);
		fw->failed[k] = 1;
		return;
	}
	fw->failed[k] = 0;
	(void)ipck_snap_end(fw->snap, k, gone, e);
}

/* The kinds asked for, of the namespace entered. */
static void
walk_ns(struct ev *e, struct followed *fw)
{
	struct followed *sh = NULL;
	struct stat st;
	int k, made;

	if (ipck_place_stat(cli_place(), &st) == 0) {
		sh = follow(&e->shmv, &e->nshm, (uint64_t)st.st_dev,
		    (uint64_t)st.st_ino, &made);
		/* another namespace with this /dev/shm said its files */
		if (sh->seen == e->round + 1)
			sh = NULL;
		else
			sh->seen = e->round + 1;
	}
	for (k = 0; k < IPCK_NKINDS; k++) {
		if (!e->a->want[k] || !cli_ns_lists(e->ns, (enum ipck_kind)k))
			continue;
		if (k == IPCK_PSHM || k == IPCK_PSEM) {
			if (sh != NULL)
				walk_kind(e, sh, (enum ipck_kind)k);
		} else
			walk_kind(e, fw, (enum ipck_kind)k);
	}
}

static int
one_ns(const struct cli_ns *ns, int err, void *arg)
{
	struct ev *e = arg;
	struct followed *fw;
	int made;

	if (err != 0)
		return CLI_FAIL;
	fw = follow(&e->nsv, &e->nns, 0, (uint64_t)ns->info->ino, &made);
	fw->seen = e->round + 1;
	e->ns = ns;
	e->nsino = (uint64_t)ns->info->ino;
	if (made) {
		if (ns->has_container) {
			snprintf(fw->engine, sizeof(fw->engine), "%s",
			    ns->container.engine);
			snprintf(fw->container, sizeof(fw->container), "%s",
			    ns->container.id);
		}
		if (e->round > 0 || e->a->initial) {
			stamp(e);
			ipcs_ns_event(e->json, e->stamp, e->round > 0 ?
			    "appeared" : "present", ns, e->nsino, NULL, NULL);
		}
	}
	walk_ns(e, fw);
	e->ns = NULL;
	return CLI_OK;
}

/* Namespaces not met this round went: their objects with them. */
static void
sweep(struct ev *e)
{
	size_t i = 0;
	int k;

	while (i < e->nns) {
		struct followed *fw = &e->nsv[i];

		if (fw->seen == e->round + 1) {
			i++;
			continue;
		}
		stamp(e);
		e->nsino = fw->ino;
		for (k = 0; k < IPCK_NKINDS; k++) {
			ipck_snap_begin(fw->snap, (enum ipck_kind)k);
			(void)ipck_snap_end(fw->snap, (enum ipck_kind)k, gone, e);
		}
		ipcs_ns_event(e->json, e->stamp, "gone", NULL, fw->ino,
		    fw->engine, fw->container);
		ipck_snap_free(fw->snap);
		e->nsv[i] = e->nsv[--e->nns];
	}
	/* a /dev/shm no namespace reaches is no longer followed */
	for (i = 0; i < e->nshm; )
		if (e->shmv[i].seen != e->round + 1) {
			ipck_snap_free(e->shmv[i].snap);
			e->shmv[i] = e->shmv[--e->nshm];
		} else
			i++;
}

/* One round: every namespace asked for, walked and compared. */
static void
walk_all(struct ev *e, ipck_inuse **inuse)
{
	struct followed *fw;
	struct stat st;
	int made;

	/* --unattached of POSIX shared memory: who uses it, as of now */
	if (*inuse != NULL) {
		ipck_inuse_close(*inuse);
		*inuse = ipck_inuse_open();
		e->a->filt.f.inuse = *inuse;
	}
	if (e->a->allns) {
		(void)cli_each_ns(one_ns, e);
		cli_ns_quiet(1);
		sweep(e);
	} else {
		if (e->nsino == 0 && stat("/proc/self/ns/ipc", &st) == 0)
			e->nsino = (uint64_t)st.st_ino;
		fw = follow(&e->nsv, &e->nns, 0, e->nsino, &made);
		walk_ns(e, fw);
	}
	fflush(stdout);
	if (ferror(stdout))
		cli_die(CLI_FAIL, "standard output: %s", strerror(errno));
}

/* Until the next walk is due on the monotonic clock, or a signal. */
static void
pause_until(struct timespec *next, uint64_t step)
{
	ipcs_tick(next, step);
	while (!stop && clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, next,
	    NULL) == EINTR)
		continue;
}

int
ipcs_events(struct args *a, struct cli_json *json)
{
	struct ev e = { a, json, 0, NULL, 0, NULL, NULL, 0, 0, "" };
	struct sigaction sa;
	struct timespec next;
	ipck_inuse *inuse = NULL;
	size_t i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	if (json != NULL)
		json_lines(json, 1);
	if ((a->filt.f.what & IPCK_F_UNATTACHED) && a->want[IPCK_PSHM])
		inuse = ipck_inuse_open();
	a->filt.f.inuse = inuse;
	clock_gettime(CLOCK_MONOTONIC, &next);
	for (; !stop; e.round++) {
		walk_all(&e, &inuse);
		if (a->count != 0 && (uint64_t)e.round + 1 >= a->count)
			break;
		pause_until(&next, a->interval);
	}
	for (i = 0; i < e.nns; i++)
		ipck_snap_free(e.nsv[i].snap);
	for (i = 0; i < e.nshm; i++)
		ipck_snap_free(e.shmv[i].snap);
	free(e.nsv);
	free(e.shmv);
	ipck_inuse_close(inuse);
	return CLI_OK;
}
