/* SPDX-License-Identifier: MIT */
/*
 * The layout of POSIX.1-2008 (XSI), as FreeBSD and illumos print it: a
 * banner, then for each kind a line of headings, a title and the rows;
 * -b -c -o -p -t add columns.
 */
#define _DEFAULT_SOURCE	/* SHM_DEST */
#include <inttypes.h>
#include <stdio.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <time.h>

#include "ipcs.h"

/* The standard's words for each kind's facility, when the kernel lacks it. */
static const char *const facility[IPCK_NKINDS] = {
	[IPCK_SHM] = "Shared Memory", [IPCK_MSG] = "Message Queue",
	[IPCK_SEM] = "Semaphore",
};

/* The standard's 11-character MODE: two flags, then r, w or a, and - per class. */
static const char *
xsi_mode(const struct ipck_obj *o, char *buf)
{
	int i;

	buf[0] = o->kind == IPCK_SHM && (o->mode & SHM_DEST) ? 'D' : '-';
	buf[1] = '-';
	for (i = 0; i < 3; i++) {
		unsigned int bits = (o->mode >> (6 - 3 * i)) & 7;

		buf[2 + 3 * i] = (bits & 4) ? 'r' : '-';
		buf[3 + 3 * i] = (bits & 2) ? (o->kind == IPCK_SEM ? 'a' : 'w') : '-';
		buf[4 + 3 * i] = '-';
	}
	buf[11] = '\0';
	return buf;
}

/* A time as the standard's "%d:%2.2d:%2.2d", or "no-entry". */
static void
xsi_time(time_t t)
{
	struct tm tm;

	if (t == 0 || localtime_r(&t, &tm) == NULL)
		printf(" %8s", "no-entry");
	else
		printf(" %2d:%2.2d:%2.2d", tm.tm_hour, tm.tm_min, tm.tm_sec);
}

static void
xsi_name(const char *name, unsigned int id)
{
	if (name != NULL)
		printf(" %8s", name);
	else
		printf(" %8u", id);
}

static void
header(unsigned int xsi, enum ipck_kind kind)
{
	printf("%s %6s %-10s %-11s %8s %8s", "T", "ID", "KEY", "MODE", "OWNER",
	    "GROUP");
	if (xsi & X_C)
		printf(" %8s %8s", "CREATOR", "CGROUP");
	switch (kind) {
	case IPCK_MSG:
		if (xsi & X_O)
			printf(" %6s %6s", "CBYTES", "QNUM");
		if (xsi & X_B)
			printf(" %6s", "QBYTES");
		if (xsi & X_P)
			printf(" %6s %6s", "LSPID", "LRPID");
		if (xsi & X_T)
			printf(" %8s %8s %8s", "STIME", "RTIME", "CTIME");
		printf("\nMessage Queues:\n");
		break;
	case IPCK_SHM:
		if (xsi & X_O)
			printf(" %6s", "NATTCH");
		if (xsi & X_B)
			printf(" %10s", "SEGSZ");
		if (xsi & X_P)
			printf(" %6s %6s", "CPID", "LPID");
		if (xsi & X_T)
			printf(" %8s %8s %8s", "ATIME", "DTIME", "CTIME");
		printf("\nShared Memory:\n");
		break;
	case IPCK_SEM:
		if (xsi & X_B)
			printf(" %5s", "NSEMS");
		if (xsi & X_T)
			printf(" %8s %8s", "OTIME", "CTIME");
		printf("\nSemaphores:\n");
		break;
	default:
		putchar('\n');
		break;
	}
}

static void
row(const struct ipcs *q, const struct ipck_obj *o)
{
	unsigned int xsi = q->columns;
	char mode[12];

	printf("%c %6d 0x%08x %s", ipck_kind_info(o->kind)->letter, o->id,
	    (unsigned int)o->key, xsi_mode(o, mode));
	xsi_name(cli_user(o->uid), (unsigned int)o->uid);
	xsi_name(cli_group(o->gid), (unsigned int)o->gid);
	if (xsi & X_C) {
		xsi_name(cli_user(o->cuid), (unsigned int)o->cuid);
		xsi_name(cli_group(o->cgid), (unsigned int)o->cgid);
	}
	switch (o->kind) {
	case IPCK_MSG:
		if (xsi & X_O)
			printf(" %6" PRIu64 " %6" PRIu64, o->u.msg.cbytes,
			    o->u.msg.qnum);
		if (xsi & X_B)
			printf(" %6" PRIu64, o->u.msg.qbytes);
		if (xsi & X_P)
			printf(" %6d %6d", (int)o->u.msg.lspid,
			    (int)o->u.msg.lrpid);
		if (xsi & X_T) {
			xsi_time(o->u.msg.stime);
			xsi_time(o->u.msg.rtime);
			xsi_time(o->ctime);
		}
		break;
	case IPCK_SHM:
		if (xsi & X_O)
			printf(" %6" PRIu64, o->u.shm.nattch);
		if (xsi & X_B)
			printf(" %10" PRIu64, o->u.shm.size);
		if (xsi & X_P)
			printf(" %6d %6d", (int)o->u.shm.cpid,
			    (int)o->u.shm.lpid);
		if (xsi & X_T) {
			xsi_time(o->u.shm.atime);
			xsi_time(o->u.shm.dtime);
			xsi_time(o->ctime);
		}
		break;
	case IPCK_SEM:
		if (xsi & X_B)
			printf(" %5" PRIu64, o->u.sem.nsems);
		if (xsi & X_T) {
			xsi_time(o->u.sem.otime);
			xsi_time(o->ctime);
		}
		break;
	default:
		break;
	}
	putchar('\n');
}

static void
banner(const struct ipcs *q)
{
	char date[64];
	time_t now = time(NULL);
	struct tm tm;

	(void)q;
	/* what date(1) prints in the POSIX locale */
	if (localtime_r(&now, &tm) == NULL ||
	    strftime(date, sizeof(date), "%a %b %e %H:%M:%S %Z %Y", &tm) == 0)
		snprintf(date, sizeof(date), "%lld", (long long)now);
	printf("IPC status from <running system> as of %s\n", date);
}

static enum section
section(const struct ipcs *q, enum ipck_kind kind, int listable)
{
	if ((unsigned int)kind >= IPCK_NKINDS || facility[kind] == NULL)
		return NO_ROWS;
	if (!listable) {
		printf("%s facility not in system.\n", facility[kind]);
		return NO_ROWS;
	}
	header(q->columns, kind);
	return ROWS;
}

const struct layout ipcs_xsi = {
	banner, section, row, NULL, NULL, NULL,
};
