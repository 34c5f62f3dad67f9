/* SPDX-License-Identifier: MIT */
/*
 * Tables for the POSIX kinds in the spirit of util-linux's System V ones:
 * a title, a header, a row an object, the name first (as the key is) and
 * never cut.  What needs an open the caller was refused shows as "-".
 */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>

#include "ipcs.h"

static const struct {
	const char	*title[F_PID + 1];	/* NULL: no such table */
} kinds[IPCK_NKINDS] = {
	[IPCK_PSHM] = { {
		[F_DEFAULT] = "POSIX Shared Memory Objects",
		[F_CREATOR] = "POSIX Shared Memory Objects Owners",
		[F_TIME] = "POSIX Shared Memory Objects Access/Modify/Change Times" } },
	[IPCK_PMSG] = { {
		[F_DEFAULT] = "POSIX Message Queues",
		[F_CREATOR] = "POSIX Message Queues Owners",
		[F_TIME] = "POSIX Message Queues Access/Modify/Change Times",
		[F_PID] = "POSIX Message Queues Notification PIDs" } },
	[IPCK_PSEM] = { {
		[F_DEFAULT] = "POSIX Named Semaphores",
		[F_CREATOR] = "POSIX Named Semaphores Owners",
		[F_TIME] = "POSIX Named Semaphores Access/Modify/Change Times" } },
};

enum section
ipcs_ptab_section(const struct ipcs *q, enum ipck_kind kind)
{
	if ((unsigned int)kind >= IPCK_NKINDS || kinds[kind].title[q->fmt] ==
	    NULL)
		return NO_ROWS;
	printf("------ %s --------\n", kinds[kind].title[q->fmt]);
	printf("%-20s ", "name");
	switch (q->fmt) {
	case F_CREATOR:
		printf("%-10s %-10s %-10s\n", "perms", "owner", "group");
		return ROWS;
	case F_TIME:
		printf("%-10s %-20s %-20s %-20s\n", "owner", "accessed",
		    "modified", "changed");
		return ROWS;
	case F_PID:
		printf("%-10s %-10s\n", "owner", "notify-pid");
		return ROWS;
	default:
		break;
	}
	printf("%-10s %-10s ", "owner", "perms");
	if (kind == IPCK_PSHM)
		printf("%-10s %-10s\n", q->unit == U_HUMAN ? "size" : "bytes",
		    "allocated");
	else if (kind == IPCK_PMSG)
		printf("%-12s %-12s\n", q->unit == U_HUMAN ? "size" :
		    "used-bytes", "messages");
	else
		printf("%-10s\n", "value");
	return ROWS;
}

/* The owner or group column: the name, or the number. */
static void
who(const char *name, unsigned int id, int width, int cut)
{
	if (name != NULL)
		cli_cell(name, width, cut);
	else
		printf("%-*u", width, id);
}

/* A size cell as the System V tables write theirs; "-" when not known. */
static void
size(const struct ipcs *q, uint64_t v, int known, int width)
{
	if (known)
		ipcs_size(q->unit, NULL, v, NULL, -width);
	else
		printf("%-*s", width, "-");
}

static void
when(time_t t, const char *end)
{
	char buf[32];
	const char *s = ipcs_ctime(t, buf);

	printf(" %-20.16s%s", t != 0 ? s + 4 : s, end);
}

void
ipcs_ptab_row(const struct ipcs *q, const struct ipck_obj *o)
{
	char name[4 * sizeof(o->name)];
	int qk = (o->have & IPCK_HAVE_QUEUE) != 0;

	/* anyone may name a file of /dev/shm "\x1b[2J" */
	cli_cell(cli_escape(o->name, name, sizeof(name), CLI_ESC_BACKSLASH), 20,
	    INT_MAX);
	putchar(' ');
	switch (q->fmt) {
	case F_CREATOR:
		printf("%-10o ", o->mode & 0777);
		who(cli_user(o->uid), (unsigned int)o->uid, 10, 1 << 30);
		putchar(' ');
		who(cli_group(o->gid), (unsigned int)o->gid, 10, 1 << 30);
		putchar('\n');
		return;
	case F_TIME:
		who(cli_user(o->uid), (unsigned int)o->uid, 10, 10);
		when(o->file.atime, "");
		when(o->file.mtime, "");
		when(o->ctime, "\n");
		return;
	case F_PID:
		who(cli_user(o->uid), (unsigned int)o->uid, 10, 10);
		if (qk)
			printf(" %-10d\n", (int)o->u.pmsg.notify_pid);
		else
			printf(" %-10s\n", "-");
		return;
	default:
		break;
	}
	who(cli_user(o->uid), (unsigned int)o->uid, 10, 10);
	printf(" %-10o ", o->mode & 0777);
	switch (o->kind) {
	case IPCK_PSHM:
		size(q, o->u.pshm.size, 1, 10);
		putchar(' ');
		size(q, o->u.pshm.allocated, 1, 10);
		putchar('\n');
		break;
	case IPCK_PMSG:
		size(q, o->u.pmsg.qsize, qk, 12);
		if (qk)
			printf(" %-12" PRIu64 "\n", o->u.pmsg.curmsgs);
		else
			printf(" %-12s\n", "-");
		break;
	case IPCK_PSEM:
		if (o->have & IPCK_HAVE_VALUE)
			printf("%-10u\n", o->u.psem.value);
		else
			printf("%-10s\n", o->u.psem.err == EINVAL ? "invalid" :
			    "-");
		break;
	default:
		putchar('\n');
		break;
	}
}
