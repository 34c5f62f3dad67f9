/* SPDX-License-Identifier: MIT */
/*
 * ipccheck waits: the processes blocked in msgrcv, msgsnd, semop and
 * mq_timedreceive or mq_timedsend, by the object they wait on (the
 * library's ipck_waiters, from /proc/PID/task/TID/syscall).  Info on its
 * own; a warning where senders wait on a full queue.  A caller that may
 * not look into every process is told that the list is incomplete.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "ipccheck.h"
#include "waiter.h"

size_t
waiting_on(const struct opts *o, const struct ipck_obj *obj, char *buf,
    size_t len, size_t *senders)
{
	char comm[64], e[4 * 64 + 8], how[128];
	size_t i, n = 0, at = 0;
	int k;

	*senders = 0;
	if (len > 0)
		buf[0] = '\0';
	for (i = 0; i < o->nwaiters; i++) {
		const struct ipck_waiter *w = &o->waiters[i];

		if (!cli_waits_on(w, obj))
			continue;
		n++;
		*senders += w->how == IPCK_WAIT_SEND;
		if (ipck_pid_command(w->pid, comm, sizeof(comm)) < 0)
			snprintf(comm, sizeof(comm), "?");
		k = snprintf(buf + at, len > at ? len - at : 0, "%s%d (%s) %s",
		    n > 1 ? ", " : "", (int)w->pid, cli_escape(comm, e,
		    sizeof(e), 0), cli_wait_how(w, how, sizeof(how)));
		if (k > 0 && at + (size_t)k < len)
			at += (size_t)k;
	}
	return n;
}

/* Whether queue obj is full enough that a sender waits for room. */
static int
full(const struct opts *o, const struct ipck_obj *q)
{
	if (q->kind == IPCK_MSG)
		return (q->have & IPCK_HAVE_QBYTES) && q->u.msg.qbytes > 0 &&
		    q->u.msg.cbytes * 100 >= (uint64_t)o->full * q->u.msg.qbytes;
	return q->kind == IPCK_PMSG && (q->have & IPCK_HAVE_QUEUE) &&
	    q->u.pmsg.curmsgs >= q->u.pmsg.maxmsg;
}

void
waits_object(const struct opts *o, const struct ipck_obj *obj, void *ctx)
{
	struct finding f = { SEV_INFO, "waits", (int)obj->kind, obj,
	    ipck_kind_name(obj->kind), "", "", "" };
	char list[1024], b[4 * 256 + 32];
	size_t n, senders;

	(void)ctx;
	if (obj->kind != IPCK_MSG && obj->kind != IPCK_SEM &&
	    obj->kind != IPCK_PMSG)
		return;
	if ((n = waiting_on(o, obj, list, sizeof(list), &senders)) == 0)
		return;
	snprintf(f.what, sizeof(f.what), "%zu process%s wait%s: %s", n,
	    n == 1 ? "" : "es", n == 1 ? "s" : "", list);
	if (senders > 0 && full(o, obj)) {
		f.sev = SEV_WARNING;
		snprintf(f.why, sizeof(f.why), "it is full: its senders sleep "
		    "until its reader takes messages");
	} else
		snprintf(f.why, sizeof(f.why), "%s", obj->kind == IPCK_SEM ?
		    "they sleep until the semaphores change" : "a receiver "
		    "waits for a message, a sender for room: normal, unless it "
		    "lasts");
	snprintf(f.fix, sizeof(f.fix), "ipcstat%s %s", ns_opt(),
	    cli_object_arg(obj, b, sizeof(b)));
	report(o, &f);
}

void
waits_end(const struct opts *o, void *ctx)
{
	(void)ctx;
	if (o->waiters_err != 0)
		cannot_see(o, "waits", NULL, "who waits cannot be told",
		    strerror(o->waiters_err));
	else if (o->hidden > 0)
		cannot_see(o, "waits", NULL, "the processes of other users, "
		    "who may wait too", "their /proc/PID/syscall is not this "
		    "user's to read");
}
