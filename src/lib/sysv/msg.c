/* SPDX-License-Identifier: MIT */
/* System V message queues: the kind's operations. */
#define _GNU_SOURCE	/* MSG_STAT_ANY, MSG_INFO */
#include <errno.h>
#include <stdint.h>
#include <sys/ipc.h>
#include <sys/msg.h>

#include "internal.h"

static int
msg_get(key_t key, uint64_t size, int flg)
{
	(void)size;
	return msgget(key, flg);
}

static void
fill(struct ipck_obj *obj, int id, const struct msqid_ds *ds)
{
	ipck__sysv_fill(obj, IPCK_MSG, id, &ds->msg_perm);
	obj->have |= IPCK_HAVE_QBYTES;
	obj->ctime = ds->msg_ctime;
	obj->u.msg.cbytes = ds->msg_cbytes;
	obj->u.msg.qnum = ds->msg_qnum;
	obj->u.msg.qbytes = ds->msg_qbytes;
	obj->u.msg.lspid = ds->msg_lspid;
	obj->u.msg.lrpid = ds->msg_lrpid;
	obj->u.msg.stime = ds->msg_stime;
	obj->u.msg.rtime = ds->msg_rtime;
}

static int
msg_stat(int id, struct ipck_obj *obj)
{
	struct msqid_ds ds;

	if (msgctl(id, IPC_STAT, &ds) < 0)
		return -1;
	fill(obj, id, &ds);
	return id;
}

static int
msg_stat_index(int index, struct ipck_obj *obj)
{
	/* zeroed for valgrind, which does not know MSG_STAT_ANY writes it */
	struct msqid_ds ds = { 0 };
	int id;

	if ((id = msgctl(index, MSG_STAT_ANY, &ds)) < 0)
		return -1;
	fill(obj, id, &ds);
	return id;
}

static int
msg_remove(int id)
{
	return msgctl(id, IPC_RMID, NULL);
}

/* MSG_INFO is O(1) too, and says how many queues exist (msgpool). */
static int
msg_max_index(int *count)
{
	struct msginfo mi;
	int r = msgctl(0, MSG_INFO, (struct msqid_ds *)(void *)&mi);

	*count = r < 0 ? -1 : mi.msgpool;
	return r;
}

static int
msg_limits(struct ipck_limits *lim)
{
	struct msginfo mi;

	if (msgctl(0, IPC_INFO, (struct msqid_ds *)(void *)&mi) < 0)
		return -1;
	lim->msgmni = (uint64_t)mi.msgmni;
	lim->msgmax = (uint64_t)mi.msgmax;
	lim->msgmnb = (uint64_t)mi.msgmnb;
	return 0;
}

/* MSG_INFO reuses the fields: pool = queues, map = messages, tql = bytes. */
static int
msg_usage(struct ipck_usage *use)
{
	struct msginfo mi;

	if (msgctl(0, MSG_INFO, (struct msqid_ds *)(void *)&mi) < 0)
		return -1;
	use->ids = (uint64_t)mi.msgpool;
	use->msg_headers = (uint64_t)mi.msgmap;
	use->msg_bytes = (uint64_t)mi.msgtql;
	return 0;
}

/* A queue keeps no creator pid: only its last sender and receiver. */
static int
msg_orphaned(const struct ipck_obj *o)
{
	int known = 0;

	return ipck__dead(o->u.msg.lspid, &known) &&
	    ipck__dead(o->u.msg.lrpid, &known) && known;
}

/* Where MSG_INFO is refused: one queue added as MSG_INFO counts it. */
static void
msg_tally(const struct ipck_obj *o, struct ipck_usage *use)
{
	use->ids++;
	use->msg_headers += o->u.msg.qnum;
	use->msg_bytes += o->u.msg.cbytes;
}

const struct ipck__ops ipck__msg_ops = {
	.get = msg_get,
	.stat = msg_stat,
	.stat_index = msg_stat_index,
	.remove = msg_remove,
	.max_index = msg_max_index,
	.limits = msg_limits,
	.usage = msg_usage,
	.orphaned = msg_orphaned,
	.proc = "/proc/sysvipc/msg",
	.tally = msg_tally,
};
