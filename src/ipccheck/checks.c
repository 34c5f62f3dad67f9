/* SPDX-License-Identifier: MIT */
/* ipccheck's checks of objects: orphans, stuck locks, full queues. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ipccheck.h"

static time_t
latest(time_t a, time_t b, time_t c)
{
	time_t m = a > b ? a : b;

	return m > c ? m : c;
}

static const char *
age_text(uint64_t s, char *buf, size_t len)
{
	static const struct {
		uint64_t	 secs;
		const char	*unit;
	} units[] = { { 86400, "day" }, { 3600, "hour" }, { 60, "minute" },
	    { 1, "second" } };
	size_t i;
	uint64_t n;

	for (i = 0; i + 1 < sizeof(units) / sizeof(units[0]) &&
	    s < units[i].secs; i++)
		continue;
	n = s / units[i].secs;
	snprintf(buf, len, "%" PRIu64 " %s%s", n, units[i].unit, n == 1 ?
	    "" : "s");
	return buf;
}

/* A segment with no attach whose creator and last user are gone, not lately used. */
static void
orphan_shm(const struct opts *o, const struct ipck_obj *s, void *arg)
{
	struct finding f = { SEV_WARNING, "orphans", IPCK_SHM, s, "shm", "",
	    "", "" };
	time_t last = latest(s->ctime, s->u.shm.atime, s->u.shm.dtime);
	char a[32], b[64], u[96];

	(void)arg;
	if (s->u.shm.nattch != 0 || ipck_pid_alive(s->u.shm.cpid) ||
	    ipck_pid_alive(s->u.shm.lpid) || (uint64_t)(o->now - last) <
	    o->min_age)
		return;
	if (s->u.shm.lpid > 0)
		snprintf(u, sizeof(u), "its creator (pid %d) and last user "
		    "(pid %d) are gone", (int)s->u.shm.cpid, (int)s->u.shm.lpid);
	else
		snprintf(u, sizeof(u), "its creator (pid %d) is gone, and "
		    "nothing ever attached it", (int)s->u.shm.cpid);
	snprintf(f.what, sizeof(f.what), "%" PRIu64 " bytes no process has "
	    "attached; %s; last used %s ago", s->u.shm.size, u,
	    age_text((uint64_t)(o->now - last), a, sizeof(a)));
	snprintf(f.why, sizeof(f.why), "it holds its memory until removed or "
	    "the machine restarts, and counts against shmall and shmmni");
	snprintf(f.fix, sizeof(f.fix), "ipcrm%s %s", ns_opt(),
	    cli_object_arg(s, b, sizeof(b)));
	report(o, &f);
}

/* A POSIX shared memory object no process maps or holds, not lately written. */
static void
orphan_pshm(const struct opts *o, const struct ipck_obj *p, void *arg)
{
	struct finding f = { SEV_WARNING, "orphans", IPCK_PSHM, p, "pshm", "",
	    "", "" };
	time_t last = latest(p->ctime, p->file.mtime, p->file.atime);
	char a[32], b[4 * 256 + 32];

	if (ipck_inuse_has(arg, p) != 0 || (uint64_t)(o->now - last) <
	    o->min_age)
		return;
	snprintf(f.what, sizeof(f.what), "%" PRIu64 " bytes (%" PRIu64
	    " allocated) no process maps or holds open; last written %s ago",
	    p->u.pshm.size, p->u.pshm.allocated, age_text((uint64_t)(o->now -
	    last), a, sizeof(a)));
	snprintf(f.why, sizeof(f.why), "its pages stay in /dev/shm, which is "
	    "memory, until it is removed");
	/* another user's processes are not this one's to look into */
	if (geteuid() != 0) {
		f.sev = SEV_INFO;
		snprintf(f.why, sizeof(f.why), "no process this user can look "
		    "into has it; another user's may (root sees them all)");
	}
	snprintf(f.fix, sizeof(f.fix), "ipcrm%s %s", ns_opt(),
	    cli_object_arg(p, b, sizeof(b)));
	report(o, &f);
}

/* The processes' files, walked once: on the first POSIX object met. */
struct orphans {
	ipck_inuse	*in;
	int		 tried;
};

void
orphans_begin(const struct opts *o, void **ctx)
{
	(void)o;
	if ((*ctx = calloc(1, sizeof(struct orphans))) == NULL)
		cli_die(CLI_FAIL, "out of memory");
}

void
orphans_object(const struct opts *o, const struct ipck_obj *obj, void *ctx)
{
	struct orphans *st = ctx;

	if (obj->kind == IPCK_SHM)
		orphan_shm(o, obj, NULL);
	if (obj->kind != IPCK_PSHM)
		return;
	if (!st->tried) {
		st->tried = 1;
		if ((st->in = ipck_inuse_open()) == NULL)
			cannot_see(o, "pshm", NULL, "who uses POSIX shared "
			    "memory cannot be told", strerror(errno));
	}
	if (st->in != NULL)
		orphan_pshm(o, obj, st->in);
}

void
orphans_end(const struct opts *o, void *ctx)
{
	struct orphans *st = ctx;

	(void)o;
	ipck_inuse_close(st->in);
	free(st);
}

/* A set's semaphore that processes wait on, whose last operator is gone. */
static void
stuck_sem(const struct opts *o, const struct ipck_obj *s, void *arg)
{
	struct finding f = { SEV_CRITICAL, "stuck-locks", IPCK_SEM, s, "sem",
	    "", "", "" };
	struct ipck_semval *v;
	uint64_t i, n = s->u.sem.nsems, nwait;
	char b[64], waiting[768];
	size_t senders;

	(void)arg;
	/* the waiters first: two calls a semaphore, where the values are four */
	if (ipck_sem_waiters(s->id, n, &nwait) == 0 && nwait == 0)
		return;
	(void)waiting_on(o, s, waiting, sizeof(waiting), &senders);
	if ((v = calloc(n ? n : 1, sizeof(*v))) == NULL)
		cli_die(CLI_FAIL, "out of memory");
	if (ipck_sem_values(s->id, n, v) < 0) {
		cannot_see(o, "sem", s, "its values and waiters cannot be read",
		    strerror(errno));
		free(v);
		return;
	}
	for (i = 0; i < n; i++) {
		if (v[i].ncnt + v[i].zcnt == 0 || v[i].pid <= 0 ||
		    ipck_pid_alive(v[i].pid))
			continue;
		snprintf(f.what, sizeof(f.what), "semaphore %" PRIu64 " is %d; "
		    "its last operator, pid %d, is gone, and %d process%s wait%s "
		    "(%d for more, %d for zero)%s%s", i, v[i].val, (int)v[i].pid,
		    v[i].ncnt + v[i].zcnt, v[i].ncnt + v[i].zcnt == 1 ? "" : "es",
		    v[i].ncnt + v[i].zcnt == 1 ? "s" : "", v[i].ncnt, v[i].zcnt,
		    waiting[0] != '\0' ? "; on the set: " : "", waiting);
		snprintf(f.why, sizeof(f.why), "a lock its holder took without "
		    "SEM_UNDO and never gave back: the waiters sleep until "
		    "someone changes it");
		snprintf(f.fix, sizeof(f.fix), "ipcstat%s %s (its semaphores; semop "
		    "-s %d %" PRIu64 ":+1 gives it back once it is sure no one "
		    "holds it)", ns_opt(), cli_object_arg(s, b, sizeof(b)), s->id, i);
		report(o, &f);
	}
	free(v);
}

/* A named semaphore at 0 that processes wait on, and no other process has. */
static void
stuck_psem(const struct opts *o, const struct ipck_obj *s, void *arg)
{
	struct finding f = { SEV_CRITICAL, "stuck-locks", IPCK_PSEM, s, "psem",
	    "", "", "" };
	struct ipck_user *u = NULL;
	size_t n = 0, hidden = 0;
	char b[4 * 256 + 32];

	(void)arg;
	if (!(s->have & IPCK_HAVE_VALUE) || s->u.psem.value != 0 ||
	    s->u.psem.waiters == 0)
		return;
	if (ipck_users(s, &u, &n, &hidden) < 0) {
		cannot_see(o, "psem", s, "who has it open cannot be told",
		    strerror(errno));
		return;
	}
	free(u);
	if (hidden > 0 && n <= s->u.psem.waiters)
		cannot_see(o, "psem", s, "it is 0 with waiters, and processes "
		    "this user cannot look into may have it", "a process of "
		    "another user is not this one's to look into");
	if (n > s->u.psem.waiters || hidden > 0)
		return;		/* someone else may still post it */
	snprintf(f.what, sizeof(f.what), "it is 0 and %u process%s wait%s, and "
	    "no other process has it open", s->u.psem.waiters,
	    s->u.psem.waiters == 1 ? "" : "es", s->u.psem.waiters == 1 ?
	    "s" : "");
	snprintf(f.why, sizeof(f.why), "only a process that has it can post "
	    "it: the waiters sleep until one opens it and does");
	snprintf(f.fix, sizeof(f.fix), "ipcstat%s %s", ns_opt(),
	    cli_object_arg(s, b, sizeof(b)));
	report(o, &f);
}

void
stuck_object(const struct opts *o, const struct ipck_obj *obj, void *ctx)
{
	(void)ctx;
	if (obj->kind == IPCK_SEM)
		stuck_sem(o, obj, NULL);
	else if (obj->kind == IPCK_PSEM)
		stuck_psem(o, obj, NULL);
}

/* A queue near its byte limit (System V) or at its message limit (POSIX). */
static void
full_queue(const struct opts *o, const struct ipck_obj *q, void *arg)
{
	struct finding f = { SEV_WARNING, "full-queues", (int)q->kind, q,
	    ipck_kind_name(q->kind), "", "", "" };
	char b[4 * 256 + 32];

	(void)arg;
	if (q->kind == IPCK_MSG) {
		if (!(q->have & IPCK_HAVE_QBYTES) || q->u.msg.qbytes == 0 ||
		    q->u.msg.cbytes * 100 < (uint64_t)o->full * q->u.msg.qbytes)
			return;
		snprintf(f.what, sizeof(f.what), "%" PRIu64 " of its %" PRIu64
		    " bytes are taken (%" PRIu64 "%%), in %" PRIu64 " messages",
		    q->u.msg.cbytes, q->u.msg.qbytes, q->u.msg.cbytes * 100 /
		    q->u.msg.qbytes, q->u.msg.qnum);
	} else {
		if (!(q->have & IPCK_HAVE_QUEUE) || q->u.pmsg.maxmsg == 0 ||
		    q->u.pmsg.curmsgs * 100 < (uint64_t)o->full *
		    q->u.pmsg.maxmsg)
			return;
		snprintf(f.what, sizeof(f.what), "%" PRIu64 " of its %" PRIu64
		    " messages are there", q->u.pmsg.curmsgs, q->u.pmsg.maxmsg);
	}
	snprintf(f.why, sizeof(f.why), "a full queue blocks its senders (or "
	    "fails them with EAGAIN): its reader is slow, stuck or gone");
	snprintf(f.fix, sizeof(f.fix), "msgcat%s --peek -a %s (what is "
	    "queued; ipcstat tells who last sent and took)", ns_opt(),
	    cli_object_arg(q, b, sizeof(b)));
	report(o, &f);
}

void
full_object(const struct opts *o, const struct ipck_obj *obj, void *ctx)
{
	(void)ctx;
	if (obj->kind == IPCK_MSG || obj->kind == IPCK_PMSG)
		full_queue(o, obj, NULL);
}
