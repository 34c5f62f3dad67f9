/* SPDX-License-Identifier: MIT */
/*
 * What the System V kinds share: the header of the record from an ipc_perm,
 * and /proc/sysvipc, which lists every object of a kind without needing
 * any permission, read by column name.
 */
#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>

#include "internal.h"

void
ipck__sysv_fill(struct ipck_obj *obj, enum ipck_kind kind, int id,
    const struct ipc_perm *perm)
{
	memset(obj, 0, sizeof(*obj));
	obj->kind = kind;
	obj->id = id;
	obj->key = perm->__key;
	obj->mode = perm->mode;
	obj->uid = perm->uid;
	obj->gid = perm->gid;
	obj->cuid = perm->cuid;
	obj->cgid = perm->cgid;
	obj->have = IPCK_HAVE_CREATOR;
}

enum col_type { C_KEY, C_ID, C_MODE, C_U64, C_PID, C_UID, C_TIME };

/*
 * /proc/sysvipc/{shm,msg,sem} name their columns in a header line; reading
 * by name serves all three kinds and survives a kernel that adds columns.
 */
struct column {
	const char	*name;
	enum col_type	 type;
	size_t		 off;
	unsigned int	 have;
};

#define COL(n, t, f)	{ n, t, offsetof(struct ipck_obj, f), 0 }
static const struct column columns[] = {
	COL("key", C_KEY, key),
	COL("shmid", C_ID, id),
	COL("msqid", C_ID, id),
	COL("semid", C_ID, id),
	COL("perms", C_MODE, mode),
	COL("uid", C_UID, uid),
	COL("gid", C_UID, gid),
	COL("cuid", C_UID, cuid),
	COL("cgid", C_UID, cgid),
	COL("ctime", C_TIME, ctime),
	COL("size", C_U64, u.shm.size),
	COL("nattch", C_U64, u.shm.nattch),
	COL("cpid", C_PID, u.shm.cpid),
	COL("lpid", C_PID, u.shm.lpid),
	COL("atime", C_TIME, u.shm.atime),
	COL("dtime", C_TIME, u.shm.dtime),
	{ "rss", C_U64, offsetof(struct ipck_obj, u.shm.rss), IPCK_HAVE_PAGES },
	{ "swap", C_U64, offsetof(struct ipck_obj, u.shm.swap), IPCK_HAVE_PAGES },
	COL("cbytes", C_U64, u.msg.cbytes),
	COL("qnum", C_U64, u.msg.qnum),
	COL("lspid", C_PID, u.msg.lspid),
	COL("lrpid", C_PID, u.msg.lrpid),
	COL("stime", C_TIME, u.msg.stime),
	COL("rtime", C_TIME, u.msg.rtime),
	COL("nsems", C_U64, u.sem.nsems),
	COL("otime", C_TIME, u.sem.otime),
};
#undef COL

#define MAXCOLS	32

struct ipck__proc {
	enum ipck_kind		 kind;
	FILE			*fp;
	char			*line;
	size_t			 cap;
	int			 ncols;
	const struct column	*cols[MAXCOLS];	/* NULL: a column we skip */
};

/* Split line in place at blanks; returns the number of fields. */
static int
split(char *line, char **field, int max)
{
	int n = 0;

	for (;;) {
		line += strspn(line, " \t\n");
		if (*line == '\0' || n == max)
			return n;
		field[n++] = line;
		line += strcspn(line, " \t\n");
		if (*line != '\0')
			*line++ = '\0';
	}
}

void
ipck__proc_close(struct ipck__proc *p)
{
	int saved = errno;

	if (p == NULL)
		return;
	if (p->fp != NULL)
		fclose(p->fp);
	free(p->line);
	free(p);
	errno = saved;
}

struct ipck__proc *
ipck__proc_open(enum ipck_kind kind, const char *path)
{
	struct ipck__proc *p;
	char *field[MAXCOLS];
	size_t c;
	int i, n;

	if ((p = calloc(1, sizeof(*p))) == NULL)
		return NULL;
	p->kind = kind;
	if ((p->fp = fopen(path, "re")) == NULL)
		goto fail;
	if (getline(&p->line, &p->cap, p->fp) < 0) {
		if (!ferror(p->fp))
			errno = EPROTO;
		goto fail;
	}
	n = split(p->line, field, MAXCOLS);
	for (i = 0; i < n; i++) {
		p->cols[i] = NULL;
		for (c = 0; c < sizeof(columns) / sizeof(columns[0]); c++)
			if (strcmp(field[i], columns[c].name) == 0)
				p->cols[i] = &columns[c];
	}
	p->ncols = n;
	return p;
fail:
	ipck__proc_close(p);
	return NULL;
}

static int
field_value(struct ipck_obj *obj, const struct column *col, const char *s)
{
	void *at = (char *)obj + col->off;
	uint64_t v;

	switch (col->type) {
	case C_KEY:
		return ipck_parse_key(s, (key_t *)at);
	case C_MODE:
		/* the kernel prints perms in octal, SHM_DEST and SHM_LOCKED included */
		if (ipck__parse_u64(s, 8, 07777, &v) < 0)
			return -1;
		*(unsigned int *)at = (unsigned int)v;
		return 0;
	default:
		break;
	}
	/* each within what its type holds: a wider number is no such field */
	if (ipck__parse_u64(s, 10, col->type == C_ID || col->type == C_PID ?
	    (uint64_t)INT_MAX : col->type == C_UID ? (uint64_t)UINT32_MAX :
	    col->type == C_TIME ? (uint64_t)INT64_MAX : UINT64_MAX, &v) < 0)
		return -1;
	switch (col->type) {
	case C_ID:
		*(int *)at = (int)v;
		break;
	case C_PID:
		*(pid_t *)at = (pid_t)v;
		break;
	case C_UID:
		*(uid_t *)at = (uid_t)v;
		break;
	case C_TIME:
		*(time_t *)at = (time_t)v;
		break;
	default:
		*(uint64_t *)at = v;
		break;
	}
	obj->have |= col->have;
	return 0;
}

int
ipck__proc_next(struct ipck__proc *p, struct ipck_obj *obj)
{
	char *field[MAXCOLS];
	int i, n;

	errno = 0;
	if (getline(&p->line, &p->cap, p->fp) < 0)
		return errno == 0 ? 0 : -1;
	n = split(p->line, field, MAXCOLS);
	if (n != p->ncols) {
		errno = EPROTO;
		return -1;
	}
	memset(obj, 0, sizeof(*obj));
	obj->kind = p->kind;
	obj->have = IPCK_HAVE_CREATOR;
	for (i = 0; i < n; i++) {
		if (p->cols[i] == NULL)
			continue;
		if (field_value(obj, p->cols[i], field[i]) < 0) {
			errno = EPROTO;
			return -1;
		}
	}
	return 1;
}
