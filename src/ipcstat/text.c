/* SPDX-License-Identifier: MIT */
/*
 * ipcstat's text: every field under a word a student knows and the name
 * the man pages give it, pids with their commands, who is attached now.
 */
#define _DEFAULT_SOURCE	/* SHM_DEST, SHM_LOCKED */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <time.h>

#include "ipcstat.h"

/* "2026-11-21 14:05:09 CET", or "never" for 0. */
const char *
ipcstat_when(time_t t, char *buf, size_t len)
{
	struct tm tm;

	if (t == 0 || localtime_r(&t, &tm) == NULL ||
	    strftime(buf, len, "%Y-%m-%d %H:%M:%S %Z", &tm) == 0)
		return "never";
	return buf;
}

/* "1234 (sshd)", "1234 (not running)", or "0 (none)". */
static const char *
pid_desc(pid_t pid, char *buf, size_t len)
{
	char comm[256];
	const char *c = ipcstat_command_text(pid, comm, sizeof(comm));

	snprintf(buf, len, "%d (%s)", (int)pid, pid == 0 ? "none" :
	    c != NULL ? c : "not running");
	return buf;
}

/* "rw-r----- (0640)" */
const char *
ipcstat_mode(unsigned int mode, char *buf, size_t len)
{
	char bits[10];

	snprintf(buf, len, "%s (%04o)", cli_mode(mode, bits), mode & 0777);
	return buf;
}

/* One line: a word a student knows, the man page's name for it, the value. */
void
ipcstat_field(const char *word, const char *name, const char *fmt, ...)
{
	char label[48];
	va_list ap;

	if (name != NULL)
		snprintf(label, sizeof(label), "%s (%s)", word, name);
	else
		snprintf(label, sizeof(label), "%s", word);
	printf("  %-29s ", label);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

/* ipcstat_field() for a member of the kind's perm struct: shm_perm.uid. */
static const char *
pname(enum ipck_kind kind, const char *member, char *buf, size_t len)
{
	snprintf(buf, len, "%s_perm.%s", ipck_kind_info(kind)->prefix, member);
	return buf;
}

/* ipcstat_field() for a member named <prefix>_<name>: shm_atime, msg_qnum. */
static const char *
kname(enum ipck_kind kind, const char *member, char *buf, size_t len)
{
	snprintf(buf, len, "%s_%s", ipck_kind_info(kind)->prefix, member);
	return buf;
}

static void
print_pid(const char *word, enum ipck_kind kind, const char *member, pid_t pid)
{
	char nb[32], pb[288];

	ipcstat_field(word, kname(kind, member, nb, sizeof(nb)), "%s",
	    pid_desc(pid, pb, sizeof(pb)));
}

static void
print_time(const char *word, enum ipck_kind kind, const char *member, time_t t)
{
	char nb[32], tb[64];

	ipcstat_field(word, kname(kind, member, nb, sizeof(nb)), "%s",
	    ipcstat_when(t, tb, sizeof(tb)));
}

/* What /proc/sysvipc/shm alone says: pages resident and swapped. */
int
ipcstat_pages(int id, struct ipck_obj *pages)
{
	if (ipck_stat_proc(IPCK_SHM, id, pages) < 0)
		return -1;
	return (pages->have & IPCK_HAVE_PAGES) ? 0 : -1;
}

static void
print_attachers(const struct ipck_obj *o)
{
	struct ipck_user *u;
	size_t i, n, hidden;

	if (ipcstat_users(o, &u, &n, &hidden) < 0) {
		printf("  attached now: cannot tell (%s)\n", strerror(errno));
		return;
	}
	if (n == 0 && o->u.shm.nattch == 0)
		printf("  attached now: none\n");
	else
		printf("  attached now:\n");
	for (i = 0; i < n; i++)
		ipcstat_user_text(&u[i]);
	/* every attachment found: the processes we could not read hold none */
	if (n < o->u.shm.nattch && hidden > 0)
		printf("    %" PRIu64 " more, not shown: %zu process%s hidden "
		    "(not this user's to inspect), or in another PID namespace\n",
		    o->u.shm.nattch - n, hidden, hidden == 1 ? " is" : "es are");
	else if (n < o->u.shm.nattch)
		printf("    %" PRIu64 " more, not shown: in another PID namespace\n",
		    o->u.shm.nattch - n);
	free(u);
}

static void
print_sems(const struct ipck_obj *o)
{
	struct ipck_semval *v;
	char pb[288], ob[CLI_OWNER_LEN], mb[32];
	uint64_t i;

	if ((v = calloc(o->u.sem.nsems ? o->u.sem.nsems : 1, sizeof(*v))) ==
	    NULL || ipck_sem_values(o->id, o->u.sem.nsems, v) < 0) {
		printf("  semaphores: %s (mode %s, owner %s)\n",
		    ipck_strerror(errno, IPCK_BY_ID), ipcstat_mode(o->mode, mb, sizeof(mb)),
		    cli_owner(o->uid, ob, sizeof(ob)));
		free(v);
		return;
	}
	printf("  %-6s %-8s %-24s %-8s %s\n", "semnum", "semval", "sempid",
	    "semncnt", "semzcnt");
	for (i = 0; i < o->u.sem.nsems; i++)
		printf("  %-6" PRIu64 " %-8d %-24s %-8d %d\n", i, v[i].val,
		    pid_desc(v[i].pid, pb, sizeof(pb)), v[i].ncnt, v[i].zcnt);
	free(v);
}

void
ipcstat_text(const struct ipck_obj *o)
{
	enum ipck_kind k = o->kind;
	struct ipck_obj pages;
	char nb[32], b1[CLI_OWNER_LEN];

	printf("%s %d\n", ipck_kind_info(k)->object, o->id);
	ipcstat_field("key", pname(k, "__key", nb, sizeof(nb)), "0x%08x (%d)",
	    (unsigned int)o->key, (int)o->key);
	ipcstat_field("owner", pname(k, "uid", nb, sizeof(nb)), "%s",
	    cli_owner(o->uid, b1, sizeof(b1)));
	ipcstat_field("group", pname(k, "gid", nb, sizeof(nb)), "%s",
	    cli_group_owner(o->gid, b1, sizeof(b1)));
	ipcstat_field("creator", pname(k, "cuid", nb, sizeof(nb)), "%s",
	    cli_owner(o->cuid, b1, sizeof(b1)));
	ipcstat_field("creator group", pname(k, "cgid", nb, sizeof(nb)), "%s",
	    cli_group_owner(o->cgid, b1, sizeof(b1)));
	ipcstat_field("mode", pname(k, "mode", nb, sizeof(nb)), "%s",
	    ipcstat_mode(o->mode, b1, sizeof(b1)));
	switch (k) {
	case IPCK_SHM:
		/* the kernel keeps both flags in the mode's high bits */
		ipcstat_field("status", NULL, "%s%s%s",
		    o->mode & SHM_DEST ?
		    "SHM_DEST: removed, freed at the last detach" : "",
		    (o->mode & (SHM_DEST | SHM_LOCKED)) ==
		    (SHM_DEST | SHM_LOCKED) ? "; " : "",
		    o->mode & SHM_LOCKED ? "SHM_LOCKED: locked in memory" :
		    o->mode & SHM_DEST ? "" : "neither SHM_DEST nor SHM_LOCKED");
		print_time("changed", k, "ctime", o->ctime);
		ipcstat_field("size", "shm_segsz", "%" PRIu64 " bytes", o->u.shm.size);
		if (ipcstat_pages(o->id, &pages) == 0)
			ipcstat_field("resident, swapped", NULL, "%" PRIu64 " bytes, %"
			    PRIu64 " bytes", pages.u.shm.rss, pages.u.shm.swap);
		else
			ipcstat_field("resident, swapped", NULL, "unknown (%s)",
			    "/proc/sysvipc/shm cannot be read");
		ipcstat_field("attached", "shm_nattch", "%" PRIu64, o->u.shm.nattch);
		print_pid("creator pid", k, "cpid", o->u.shm.cpid);
		print_pid("last pid", k, "lpid", o->u.shm.lpid);
		print_time("last attach", k, "atime", o->u.shm.atime);
		print_time("last detach", k, "dtime", o->u.shm.dtime);
		print_attachers(o);
		break;
	case IPCK_MSG:
		print_time("changed", k, "ctime", o->ctime);
		ipcstat_field("messages", "msg_qnum", "%" PRIu64, o->u.msg.qnum);
		ipcstat_field("bytes queued", "__msg_cbytes", "%" PRIu64, o->u.msg.cbytes);
		ipcstat_field("byte limit", "msg_qbytes", "%" PRIu64, o->u.msg.qbytes);
		print_pid("last sender", k, "lspid", o->u.msg.lspid);
		print_pid("last receiver", k, "lrpid", o->u.msg.lrpid);
		print_time("last send", k, "stime", o->u.msg.stime);
		print_time("last receive", k, "rtime", o->u.msg.rtime);
		ipcstat_waiting_text(o);
		break;
	case IPCK_SEM:
		print_time("changed", k, "ctime", o->ctime);
		ipcstat_field("semaphores", "sem_nsems", "%" PRIu64, o->u.sem.nsems);
		print_time("last semop", k, "otime", o->u.sem.otime);
		print_sems(o);
		ipcstat_waiting_text(o);
		break;
	default:
		break;
	}
}

