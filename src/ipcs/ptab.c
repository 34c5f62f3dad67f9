/* SPDX-License-Identifier: MIT */
/*
 * Tables for the POSIX kinds in the spirit of util-linux's System V ones:
 * a title, a header, a row an object, the name first (as the key is) and
 * never cut.  What needs an open the caller was refused shows as "-".
 * Each table is a list of columns, each a field of the library's table
 * (ipck_fields) and how its cell is written: the rows are built from the
 * fields, not from struct ipck_obj's members.
 */
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "ipcs.h"

/* How a column writes its field. */
enum style {
	S_NAME,		/* escaped, never cut */
	S_WHO,		/* a user's or group's name, else the number */
	S_OCTAL,	/* permission bits */
	S_SIZE,		/* bytes, in the unit asked for */
	S_NUMBER,
	S_TIME,		/* "Mon Jan  2 15:04", or "Not set" */
	S_VALUE		/* a semaphore's: "invalid" when its file holds none */
};

struct col {
	const char	*head;		/* NULL: the size heading ("bytes" or "size") */
	const char	*field;
	int		 width;
	int		 cut;		/* S_WHO: columns a name may take */
	enum style	 style;
};

#define NAME_COL	{ "name", "name", 20, 0, S_NAME }
#define OWNER_COL	{ "owner", "uid", 10, 10, S_WHO }
#define PERMS_COL	{ "perms", "mode", 10, 0, S_OCTAL }
#define TIME_COLS \
	{ "accessed", "atime", 20, 0, S_TIME }, \
	{ "modified", "mtime", 20, 0, S_TIME }, \
	{ "changed", "ctime", 20, 0, S_TIME }
#define CREATOR_COLS \
	NAME_COL, PERMS_COL, { "owner", "uid", 10, 1 << 30, S_WHO }, \
	{ "group", "gid", 10, 1 << 30, S_WHO }

static const struct col pshm_cols[] = { NAME_COL, OWNER_COL, PERMS_COL,
	{ NULL, "size", 10, 0, S_SIZE }, { "allocated", "allocated", 10, 0,
	S_SIZE } };
static const struct col pmsg_cols[] = { NAME_COL, OWNER_COL, PERMS_COL,
	{ NULL, "used_bytes", 12, 0, S_SIZE }, { "messages", "messages", 12, 0,
	S_NUMBER } };
static const struct col psem_cols[] = { NAME_COL, OWNER_COL, PERMS_COL,
	{ "value", "value", 10, 0, S_VALUE } };
static const struct col creator_cols[] = { CREATOR_COLS };
static const struct col time_cols[] = { NAME_COL, OWNER_COL, TIME_COLS };
static const struct col pid_cols[] = { NAME_COL, OWNER_COL,
	{ "notify-pid", "notify_pid", 10, 0, S_NUMBER } };

#define TABLE(title, cols)	{ title, cols, sizeof(cols) / sizeof(cols[0]) }
static const struct table {
	const char		*title;		/* NULL: no such table */
	const struct col	*cols;
	size_t			 n;
} tables[IPCK_NKINDS][F_PID + 1] = {
	[IPCK_PSHM] = {
		[F_DEFAULT] = TABLE("POSIX Shared Memory Objects", pshm_cols),
		[F_CREATOR] = TABLE("POSIX Shared Memory Objects Owners",
		    creator_cols),
		[F_TIME] = TABLE("POSIX Shared Memory Objects Access/Modify/"
		    "Change Times", time_cols) },
	[IPCK_PMSG] = {
		[F_DEFAULT] = TABLE("POSIX Message Queues", pmsg_cols),
		[F_CREATOR] = TABLE("POSIX Message Queues Owners", creator_cols),
		[F_TIME] = TABLE("POSIX Message Queues Access/Modify/Change Times",
		    time_cols),
		[F_PID] = TABLE("POSIX Message Queues Notification PIDs",
		    pid_cols) },
	[IPCK_PSEM] = {
		[F_DEFAULT] = TABLE("POSIX Named Semaphores", psem_cols),
		[F_CREATOR] = TABLE("POSIX Named Semaphores Owners", creator_cols),
		[F_TIME] = TABLE("POSIX Named Semaphores Access/Modify/Change "
		    "Times", time_cols) },
};

static const struct table *
table_of(const struct ipcs *q, enum ipck_kind kind)
{
	if ((unsigned int)kind >= IPCK_NKINDS || tables[kind][q->fmt].title ==
	    NULL)
		return NULL;
	return &tables[kind][q->fmt];
}

enum section
ipcs_ptab_section(const struct ipcs *q, enum ipck_kind kind)
{
	const struct table *t = table_of(q, kind);
	size_t i;

	if (t == NULL)
		return NO_ROWS;
	printf("------ %s --------\n", t->title);
	for (i = 0; i < t->n; i++)
		printf("%-*s%c", t->cols[i].width, t->cols[i].head != NULL ?
		    t->cols[i].head : q->unit == U_HUMAN ? "size" : kind ==
		    IPCK_PMSG ? "used-bytes" : "bytes", i + 1 < t->n ? ' ' : '\n');
	return ROWS;
}

/* One cell: field f of o, written as the column says. */
static void
cell(const struct ipcs *q, const struct col *c, const struct ipck_field *f,
    const struct ipck_obj *o)
{
	char buf[4 * sizeof(o->name)];
	const char *s, *name;
	struct ipck_value v;
	int known = ipck_field_get(f, o, &v) == 1;

	if (!known && c->style != S_VALUE) {
		printf("%-*s", c->width, "-");
		return;
	}
	switch (c->style) {
	case S_NAME:
		/* anyone may name a file of /dev/shm "\x1b[2J" */
		cli_cell(cli_escape(v.s, buf, sizeof(buf), CLI_ESC_BACKSLASH),
		    c->width, INT_MAX);
		break;
	case S_WHO:
		name = f->type == IPCK_T_UID ? cli_user((uid_t)v.u) :
		    cli_group((gid_t)v.u);
		if (name != NULL)
			cli_cell(name, c->width, c->cut);
		else
			printf("%-*u", c->width, (unsigned int)v.u);
		break;
	case S_OCTAL:
		printf("%-*o", c->width, (unsigned int)v.u & 0777);
		break;
	case S_SIZE:
		ipcs_size(q->unit, NULL, v.u, NULL, -c->width);
		break;
	case S_TIME:
		s = ipcs_ctime((time_t)v.i, buf);
		printf("%-*.16s", c->width, v.i != 0 ? s + 4 : s);
		break;
	case S_VALUE:
		if (known)
			printf("%-*" PRIu64, c->width, v.u);
		else if (ipck_field_get(ipck_field_find(IPCK_FIELDS_OBJECT,
		    o->kind, "valid"), o, &v) == 1 && v.u == 0)
			printf("%-*s", c->width, "invalid");
		else
			printf("%-*s", c->width, "-");
		break;
	default:
		if (f->type == IPCK_T_PID || f->type == IPCK_T_INT)
			printf("%-*" PRId64, c->width, v.i);
		else
			printf("%-*" PRIu64, c->width, v.u);
		break;
	}
}

void
ipcs_ptab_row(const struct ipcs *q, const struct ipck_obj *o)
{
	const struct table *t = table_of(q, o->kind);
	const struct ipck_field *f;
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; i < t->n; i++) {
		f = ipck_field_find(IPCK_FIELDS_OBJECT, o->kind, t->cols[i].field);
		if (f != NULL)
			cell(q, &t->cols[i], f, o);
		putchar(i + 1 < t->n ? ' ' : '\n');
	}
}
