/* SPDX-License-Identifier: MIT */
/* util-linux's tables, byte for byte: the default, -c, -t and -p, and -i. */
#define _DEFAULT_SOURCE	/* SHM_DEST, SHM_LOCKED */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ipc.h>
#include <sys/shm.h>

#include "ipcs.h"

/* What util-linux calls each kind's id column, and its tables' titles. */
static const struct {
	const char	*idname;	/* NULL: a kind these tables do not show */
	const char	*title[F_PID + 1];
} kinds[IPCK_NKINDS] = {
	[IPCK_SHM] = { "shmid", {
		[F_DEFAULT] = "Shared Memory Segments",
		[F_CREATOR] = "Shared Memory Segment Creators/Owners",
		[F_TIME] = "Shared Memory Attach/Detach/Change Times",
		[F_PID] = "Shared Memory Creator/Last-op PIDs" } },
	[IPCK_MSG] = { "msqid", {
		[F_DEFAULT] = "Message Queues",
		[F_CREATOR] = "Message Queues Creators/Owners",
		[F_TIME] = "Message Queues Send/Recv/Change Times",
		[F_PID] = "Message Queues PIDs" } },
	[IPCK_SEM] = { "semid", {
		[F_DEFAULT] = "Semaphore Arrays",
		[F_CREATOR] = "Semaphore Arrays Creators/Owners",
		[F_TIME] = "Semaphore Operation/Change Times" } },
};

/* The owner column: the name cut at 10, or the uid. */
static void
owner(uid_t uid)
{
	const char *name = cli_user(uid);

	if (name != NULL)
		printf("%-10.10s", name);
	else
		printf("%-10u", (unsigned int)uid);
}

static void
person(const char *n, unsigned int id, const char *end)
{
	if (n != NULL)
		printf(" %-10s%s", n, end);
	else
		printf(" %-10u%s", id, end);
}

static void
begin(const struct ipcs *q)
{
	(void)q;
	printf("\n");
}

static void
end_section(const struct ipcs *q)
{
	(void)q;
	printf("\n");
}

static void
header(enum ipck_kind kind, enum format fmt, enum unit unit)
{
	const char *idn = kinds[kind].idname;

	printf("------ %s --------\n", kinds[kind].title[fmt]);
	switch (fmt) {
	case F_CREATOR:
		printf("%-10s %-10s %-10s %-10s %-10s %-10s\n", idn, "perms",
		    "cuid", "cgid", "uid", "gid");
		return;
	case F_TIME:
		if (kind == IPCK_SHM)
			printf("%-10s %-10s %-20s %-20s %-20s\n", idn, "owner",
			    "attached", "detached", "changed");
		else if (kind == IPCK_MSG)
			printf("%-8s %-10s %-20s %-20s %-20s\n", idn, "owner",
			    "send", "recv", "change");
		else if (kind == IPCK_SEM)
			printf("%-8s %-10s %-26.24s %-26.24s\n", idn, "owner",
			    "last-op", "last-changed");
		return;
	case F_PID:
		printf("%-10s %-10s %-10s %-10s\n", idn, "owner",
		    kind == IPCK_SHM ? "cpid" : "lspid",
		    kind == IPCK_SHM ? "lpid" : "lrpid");
		return;
	default:
		break;
	}
	if (kind == IPCK_SHM)
		printf("%-10s %-10s %-10s %-10s %-10s %-10s %-12s\n", "key", idn,
		    "owner", "perms", unit == U_HUMAN ? "size" : "bytes",
		    "nattch", "status");
	else if (kind == IPCK_MSG)
		printf("%-10s %-10s %-10s %-10s %-12s %-12s\n", "key", idn,
		    "owner", "perms", unit == U_HUMAN ? "size" : "used-bytes",
		    "messages");
	else if (kind == IPCK_SEM)
		printf("%-10s %-10s %-10s %-10s %-10s\n", "key", idn, "owner",
		    "perms", "nsems");
}

static enum section
section(const struct ipcs *q, enum ipck_kind kind, int listable)
{
	(void)listable;
	if ((unsigned int)kind < IPCK_NKINDS &&
	    ipck_kind_info(kind)->family == IPCK_POSIX)
		return ipcs_ptab_section(q, kind);
	/* a kind util-linux does not list; and it has no PID table for sets */
	if ((unsigned int)kind >= IPCK_NKINDS || kinds[kind].title[q->fmt] ==
	    NULL)
		return NO_ROWS;
	header(kind, q->fmt, q->unit);
	return ROWS;
}

/*
 * A time cell of the -t tables: lead, then ctime's text from skip, cut at
 * prec and padded to width (shm and msg drop the weekday and the year).
 */
static void
when(const char *lead, time_t t, int skip, int width, int prec,
    const char *end)
{
	char buf[32];
	const char *s = ipcs_ctime(t, buf);

	printf("%s%-*.*s%s", lead, width, prec, t != 0 ? s + skip : s, end);
}

static void
times(const struct ipck_obj *o)
{
	printf(o->kind == IPCK_SHM ? "%-10d " : "%-8d ", o->id);
	owner(o->uid);
	switch (o->kind) {
	case IPCK_SHM:
		when(" ", o->u.shm.atime, 4, 20, 16, "");
		when(" ", o->u.shm.dtime, 4, 20, 16, "");
		when(" ", o->ctime, 4, 20, 16, "\n");
		break;
	case IPCK_MSG:
		when(" ", o->u.msg.stime, 4, 20, 16, "");
		when(" ", o->u.msg.rtime, 4, 20, 16, "");
		when(" ", o->ctime, 4, 20, 16, "\n");
		break;
	case IPCK_SEM:
		/* util-linux's extra space: sem rows sit one right of the header */
		when("  ", o->u.sem.otime, 0, 26, 24, "");
		when(" ", o->ctime, 0, 26, 24, "\n");
		break;
	default:
		putchar('\n');
		break;
	}
}

static void
row(const struct ipcs *q, const struct ipck_obj *o)
{
	if (ipck_kind_info(o->kind)->family == IPCK_POSIX) {
		ipcs_ptab_row(q, o);
		return;
	}
	switch (q->fmt) {
	case F_CREATOR:
		printf("%-10d %-10o", o->id, o->mode & 0777);
		person(cli_user(o->cuid), (unsigned int)o->cuid, "");
		person(cli_group(o->cgid), (unsigned int)o->cgid, "");
		person(cli_user(o->uid), (unsigned int)o->uid, "");
		person(cli_group(o->gid), (unsigned int)o->gid, "\n");
		return;
	case F_TIME:
		times(o);
		return;
	case F_PID:
		/* util-linux prints queue rows 8 and 5 wide under a 10-wide header */
		printf("%-10d ", o->id);
		owner(o->uid);
		printf(" %-10d %-10d\n", o->kind == IPCK_SHM ?
		    (int)o->u.shm.cpid : (int)o->u.msg.lspid,
		    o->kind == IPCK_SHM ? (int)o->u.shm.lpid :
		    (int)o->u.msg.lrpid);
		return;
	default:
		break;
	}
	printf("0x%08x %-10d ", (unsigned int)o->key, o->id);
	owner(o->uid);
	printf(" %-10o ", o->mode & 0777);
	switch (o->kind) {
	case IPCK_SHM:
		if (q->unit == U_HUMAN)
			ipcs_size(q->unit, NULL, o->u.shm.size, "    ", 6);
		else
			ipcs_size(q->unit, NULL, o->u.shm.size, NULL, -10);
		printf(" %-10" PRIu64 " %-6s %-6s\n", o->u.shm.nattch,
		    (o->mode & SHM_DEST) ? "dest" : " ",
		    (o->mode & SHM_LOCKED) ? "locked" : " ");
		break;
	case IPCK_MSG:
		if (q->unit == U_HUMAN)
			ipcs_size(q->unit, NULL, o->u.msg.cbytes, "      ", 6);
		else
			ipcs_size(q->unit, NULL, o->u.msg.cbytes, NULL, -12);
		printf(" %-12" PRIu64 "\n", o->u.msg.qnum);
		break;
	case IPCK_SEM:
		printf("%-10" PRIu64 "\n", o->u.sem.nsems);
		break;
	default:
		putchar('\n');
		break;
	}
}

/* util-linux's -i for a set: the header, then a line per semaphore. */
static int
one_sem(const char *arg, const struct ipck_obj *o)
{
	struct ipck_semval *v;
	char b1[32], b2[32];
	uint64_t i;

	printf("\nSemaphore Array semid=%d\n", o->id);
	printf("uid=%u\t gid=%u\t cuid=%u\t cgid=%u\n", (unsigned)o->uid,
	    (unsigned)o->gid, (unsigned)o->cuid, (unsigned)o->cgid);
	printf("mode=%#o, access_perms=%#o\n", o->mode, o->mode & 0777);
	printf("nsems = %" PRIu64 "\n", o->u.sem.nsems);
	printf("otime = %-26.24s\n", ipcs_ctime(o->u.sem.otime, b1));
	printf("ctime = %-26.24s\n", ipcs_ctime(o->ctime, b2));
	if ((v = ipcs_sem_values(arg, o)) == NULL)
		return CLI_FAIL;
	printf("%-10s %-10s %-10s %-10s %-10s\n", "semnum", "value", "ncount",
	    "zcount", "pid");
	for (i = 0; i < o->u.sem.nsems; i++)
		printf("%-10" PRIu64 " %-10d %-10d %-10d %-10d\n", i, v[i].val,
		    v[i].ncnt, v[i].zcnt, (int)v[i].pid);
	free(v);
	printf("\n");
	return CLI_OK;
}

static int
one(const struct ipcs *q, const char *arg, const struct ipck_obj *o)
{
	char b1[32], b2[32], b3[32];
	enum unit u = q->unit;

	switch (o->kind) {
	case IPCK_SHM:
		printf("\nShared memory Segment shmid=%d\n", o->id);
		printf("uid=%u\tgid=%u\tcuid=%u\tcgid=%u\n", (unsigned)o->uid,
		    (unsigned)o->gid, (unsigned)o->cuid, (unsigned)o->cgid);
		printf("mode=%#o\taccess_perms=%#o\n", o->mode, o->mode & 0777);
		ipcs_size(u, u == U_HUMAN ? "size=" : "bytes=", o->u.shm.size,
		    "\t", 0);
		printf("lpid=%d\tcpid=%d\tnattch=%" PRIu64 "\n",
		    (int)o->u.shm.lpid, (int)o->u.shm.cpid, o->u.shm.nattch);
		printf("att_time=%-26.24s\n", ipcs_ctime(o->u.shm.atime, b1));
		printf("det_time=%-26.24s\n", ipcs_ctime(o->u.shm.dtime, b2));
		printf("change_time=%-26.24s\n", ipcs_ctime(o->ctime, b3));
		break;
	case IPCK_MSG:
		printf("\nMessage Queue msqid=%d\n", o->id);
		printf("uid=%u\tgid=%u\tcuid=%u\tcgid=%u\tmode=%#o\n",
		    (unsigned)o->uid, (unsigned)o->gid, (unsigned)o->cuid,
		    (unsigned)o->cgid, o->mode);
		ipcs_size(u, u == U_HUMAN ? "csize=" : "cbytes=",
		    o->u.msg.cbytes, "\t", 0);
		ipcs_size(u, u == U_HUMAN ? "qsize=" : "qbytes=",
		    o->u.msg.qbytes, "\t", 0);
		printf("qnum=%" PRIu64 "\tlspid=%d\tlrpid=%d\n", o->u.msg.qnum,
		    (int)o->u.msg.lspid, (int)o->u.msg.lrpid);
		printf("send_time=%-26.24s\n", ipcs_ctime(o->u.msg.stime, b1));
		printf("rcv_time=%-26.24s\n", ipcs_ctime(o->u.msg.rtime, b2));
		printf("change_time=%-26.24s\n", ipcs_ctime(o->ctime, b3));
		break;
	case IPCK_SEM:
		return one_sem(arg, o);
	default:
		return CLI_FAIL;
	}
	printf("\n");
	return CLI_OK;
}

const struct layout ipcs_ul = {
	begin, section, row, end_section, NULL, one,
};
