/* SPDX-License-Identifier: MIT */
/*
 * ipcstat for a POSIX object: what stat(2) of its file tells, what one
 * open tells (a semaphore's value, a queue's counts), and the processes
 * that map it or hold it open now.  A POSIX object keeps no creator and
 * no count of its users: only the walk of /proc finds them.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ipcstat.h"
#include "json.h"

/* Where the object's file is, for a student to look at. */
static const char *
file_of(const struct ipck_obj *o, char *buf, size_t len)
{
	char name[4 * sizeof(o->name)];

	cli_escape(o->name + 1, name, sizeof(name), CLI_ESC_BACKSLASH);
	if (o->kind == IPCK_PMSG)
		snprintf(buf, len, "%s in the IPC namespace's mqueue "
		    "(mount -t mqueue none /dev/mqueue)", name);
	else
		snprintf(buf, len, "/dev/shm/%s%s", o->kind == IPCK_PSEM ?
		    "sem." : "", name);
	return buf;
}

/* Why what needs an open is not known. */
static const char *
unknown(int err, char *buf, size_t len)
{
	snprintf(buf, len, "unknown (%s: the file is not readable)",
	    strerror(err));
	return buf;
}

static void
times(time_t atime, time_t mtime, time_t ctime)
{
	char tb[64];

	ipcstat_field("last access", "st_atime", "%s",
	    ipcstat_when(atime, tb, sizeof(tb)));
	ipcstat_field("last modification", "st_mtime", "%s",
	    ipcstat_when(mtime, tb, sizeof(tb)));
	ipcstat_field("changed", "st_ctime", "%s",
	    ipcstat_when(ctime, tb, sizeof(tb)));
}

static void
kind_fields(const struct ipck_obj *o)
{
	char b[160];

	switch (o->kind) {
	case IPCK_PSHM:
		ipcstat_field("size", "st_size", "%" PRIu64 " bytes",
		    o->u.pshm.size);
		ipcstat_field("allocated", "st_blocks", "%" PRIu64 " bytes",
		    o->u.pshm.allocated);
		times(o->file.atime, o->file.mtime, o->ctime);
		break;
	case IPCK_PMSG:
		if (o->have & IPCK_HAVE_QUEUE) {
			ipcstat_field("messages", "mq_curmsgs", "%" PRIu64,
			    o->u.pmsg.curmsgs);
			ipcstat_field("bytes queued", "QSIZE", "%" PRIu64,
			    o->u.pmsg.qsize);
			ipcstat_field("message limit", "mq_maxmsg", "%" PRIu64,
			    o->u.pmsg.maxmsg);
			ipcstat_field("largest message", "mq_msgsize",
			    "%" PRIu64 " bytes", o->u.pmsg.msgsize);
			ipcstat_field("notified", "NOTIFY_PID", "%d%s",
			    (int)o->u.pmsg.notify_pid, o->u.pmsg.notify_pid == 0 ?
			    " (none)" : "");
		} else
			ipcstat_field("messages", "mq_curmsgs", "%s",
			    unknown(o->u.pmsg.err, b, sizeof(b)));
		times(o->file.atime, o->file.mtime, o->ctime);
		break;
	case IPCK_PSEM:
		if (o->have & IPCK_HAVE_VALUE) {
			ipcstat_field("value", "sem_getvalue", "%u",
			    o->u.psem.value);
			ipcstat_field("waiters", NULL, "%u", o->u.psem.waiters);
		} else if (o->u.psem.err == EINVAL)
			ipcstat_field("value", "sem_getvalue", "%s",
			    "none: the file is too short to hold a semaphore");
		else
			ipcstat_field("value", "sem_getvalue", "%s",
			    unknown(o->u.psem.err, b, sizeof(b)));
		times(o->file.atime, o->file.mtime, o->ctime);
		break;
	default:
		break;
	}
}

static void
users(const struct ipck_obj *o)
{
	struct ipck_user *u;
	size_t i, n, hidden;

	if (ipcstat_users(o, &u, &n, &hidden) < 0) {
		printf("  used now: cannot tell (%s)\n", strerror(errno));
		return;
	}
	printf(n == 0 ? "  used now: by no process seen\n" : "  used now:\n");
	for (i = 0; i < n; i++)
		ipcstat_user_text(&u[i]);
	if (hidden > 0)
		printf("    and maybe more: %zu process%s could not be "
		    "inspected\n", hidden, hidden == 1 ? "" : "es");
	free(u);
}

void
ipcstat_posix_text(const struct ipck_obj *o)
{
	char name[4 * sizeof(o->name)], b[CLI_OWNER_LEN], f[sizeof(name) + 80];

	printf("%s %s\n", ipck_kind_info(o->kind)->object,
	    cli_escape(o->name, name, sizeof(name), CLI_ESC_BACKSLASH));
	ipcstat_field("file", NULL, "%s", file_of(o, f, sizeof(f)));
	ipcstat_field("owner", "st_uid", "%s", cli_owner(o->uid, b, sizeof(b)));
	ipcstat_field("group", "st_gid", "%s",
	    cli_group_owner(o->gid, b, sizeof(b)));
	ipcstat_field("mode", "st_mode", "%s", ipcstat_mode(o->mode, b,
	    sizeof(b)));
	kind_fields(o);
	users(o);
	if (o->kind == IPCK_PMSG)
		ipcstat_waiting_text(o);
}

void
ipcstat_posix_json(struct cli_json *j, const struct ipck_obj *o)
{
	ipcstat_users_json(j, "users", o);
	if (o->kind == IPCK_PMSG)
		ipcstat_waiting_json(j, o);
}
