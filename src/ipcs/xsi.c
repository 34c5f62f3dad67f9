/* SPDX-License-Identifier: MIT */
/*
 * The layout of POSIX.1-2008 (XSI), as FreeBSD and illumos print it: a
 * banner, then for each kind a line of headings, a title and the rows;
 * -b -c -o -p -t add columns.
 */
#define _DEFAULT_SOURCE	/* SHM_DEST */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
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

/* How a column writes its field. */
enum style { S_LETTER, S_ID, S_KEY, S_MODE, S_WHO, S_NUMBER, S_TIME };

/*
 * A column: shown always (when 0) or with one of -b -c -o -p -t; its
 * heading, field (of the library's table) and width.  The header and the
 * rows read the same list, so they cannot disagree.
 */
struct col {
	unsigned int	 when;		/* X_*; 0: always */
	const char	*head;
	const char	*field;
	int		 width;		/* < 0: left-aligned */
	enum style	 style;
};

#define HEAD_COLS \
	{ 0, "T", "kind", 0, S_LETTER }, { 0, "ID", "id", 6, S_ID }, \
	{ 0, "KEY", "key", -10, S_KEY }, { 0, "MODE", "mode", -11, S_MODE }, \
	{ 0, "OWNER", "uid", 8, S_WHO }, { 0, "GROUP", "gid", 8, S_WHO }, \
	{ X_C, "CREATOR", "cuid", 8, S_WHO }, { X_C, "CGROUP", "cgid", 8, S_WHO }

static const struct col msg_cols[] = { HEAD_COLS,
	{ X_O, "CBYTES", "used_bytes", 6, S_NUMBER },
	{ X_O, "QNUM", "messages", 6, S_NUMBER },
	{ X_B, "QBYTES", "qbytes", 6, S_NUMBER },
	{ X_P, "LSPID", "lspid", 6, S_NUMBER },
	{ X_P, "LRPID", "lrpid", 6, S_NUMBER },
	{ X_T, "STIME", "stime", 8, S_TIME }, { X_T, "RTIME", "rtime", 8, S_TIME },
	{ X_T, "CTIME", "ctime", 8, S_TIME } };
static const struct col shm_cols[] = { HEAD_COLS,
	{ X_O, "NATTCH", "nattch", 6, S_NUMBER },
	{ X_B, "SEGSZ", "size", 10, S_NUMBER },
	{ X_P, "CPID", "cpid", 6, S_NUMBER }, { X_P, "LPID", "lpid", 6, S_NUMBER },
	{ X_T, "ATIME", "atime", 8, S_TIME }, { X_T, "DTIME", "dtime", 8, S_TIME },
	{ X_T, "CTIME", "ctime", 8, S_TIME } };
static const struct col sem_cols[] = { HEAD_COLS,
	{ X_B, "NSEMS", "nsems", 5, S_NUMBER },
	{ X_T, "OTIME", "otime", 8, S_TIME }, { X_T, "CTIME", "ctime", 8, S_TIME } };

static const struct {
	const struct col	*v;
	size_t			 n;
	const char		*title;
} tables[IPCK_NKINDS] = {
	[IPCK_SHM] = { shm_cols, sizeof(shm_cols) / sizeof(shm_cols[0]),
	    "Shared Memory:" },
	[IPCK_MSG] = { msg_cols, sizeof(msg_cols) / sizeof(msg_cols[0]),
	    "Message Queues:" },
	[IPCK_SEM] = { sem_cols, sizeof(sem_cols) / sizeof(sem_cols[0]),
	    "Semaphores:" },
};

static void
header(unsigned int xsi, enum ipck_kind kind)
{
	const struct col *c = tables[kind].v;
	size_t i;

	for (i = 0; i < tables[kind].n; i++)
		if (c[i].when == 0 || (xsi & c[i].when))
			printf(i == 0 ? "%*s" : " %*s", c[i].width, c[i].head);
	printf("\n%s\n", tables[kind].title);
}

/* One cell, with the space before it (but the first's). */
static void
cell(const struct col *c, const struct ipck_obj *o)
{
	const struct ipck_field *f = ipck_field_find(IPCK_FIELDS_OBJECT,
	    o->kind, c->field);
	struct ipck_value v;
	const char *name;
	char mode[12];

	if (f == NULL)
		return;		/* every column names a field of its kind */
	/* a value not known is the kernel's 0, as the standard's tools print it */
	if (ipck_field_get(f, o, &v) < 0)
		memset(&v, 0, sizeof(v));
	switch (c->style) {
	case S_LETTER:
		putchar(ipck_kind_info(o->kind)->letter);
		break;
	case S_ID:
		printf(" %*d", c->width, (int)v.i);
		break;
	case S_KEY:
		printf(" 0x%08x", (unsigned int)v.u);
		break;
	case S_MODE:
		printf(" %s", xsi_mode(o, mode));
		break;
	case S_WHO:
		name = f->type == IPCK_T_UID ? cli_user((uid_t)v.u) :
		    cli_group((gid_t)v.u);
		if (name != NULL)
			printf(" %*s", c->width, name);
		else
			printf(" %*u", c->width, (unsigned int)v.u);
		break;
	case S_TIME:
		xsi_time((time_t)v.i);
		break;
	default:
		if (f->type == IPCK_T_PID)
			printf(" %*d", c->width, (int)v.i);
		else
			printf(" %*" PRIu64, c->width, v.u);
		break;
	}
}

static void
row(const struct ipcs *q, const struct ipck_obj *o)
{
	const struct col *c = tables[o->kind].v;
	size_t i;

	for (i = 0; i < tables[o->kind].n; i++)
		if (c[i].when == 0 || (q->columns & c[i].when))
			cell(&c[i], o);
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
