/* SPDX-License-Identifier: MIT */
/* Every object of a kind: the *_STAT_ANY walk, or /proc/sysvipc read by column name. */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

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

struct ipck_iter {
	enum ipck_kind		 kind;
	int			 idx;		/* walk: next index */
	int			 maxidx;	/* walk: highest index in use */
	int			 found;		/* objects returned so far */
	FILE			*fp;		/* /proc: the open file */
	char			*line;
	size_t			 cap;
	int			 ncols;
	const struct column	*cols[MAXCOLS];	/* NULL: a column we skip */
};

static const char *const proc_files[IPCK_NKINDS] = {
	[IPCK_SHM] = "/proc/sysvipc/shm",
	[IPCK_MSG] = "/proc/sysvipc/msg",
	[IPCK_SEM] = "/proc/sysvipc/sem",
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

static int
proc_open(struct ipck_iter *it)
{
	char *field[MAXCOLS];
	int i, n;
	size_t c;

	if ((it->fp = fopen(proc_files[it->kind], "re")) == NULL)
		return -1;
	if (getline(&it->line, &it->cap, it->fp) < 0) {
		if (!ferror(it->fp))
			errno = EPROTO;
		return -1;
	}
	n = split(it->line, field, MAXCOLS);
	for (i = 0; i < n; i++) {
		it->cols[i] = NULL;
		for (c = 0; c < sizeof(columns) / sizeof(columns[0]); c++)
			if (strcmp(field[i], columns[c].name) == 0)
				it->cols[i] = &columns[c];
	}
	it->ncols = n;
	return 0;
}

static int
proc_field(struct ipck_obj *obj, const struct column *col, const char *s)
{
	void *p = (char *)obj + col->off;
	uint64_t v;

	switch (col->type) {
	case C_KEY:
		return ipck_parse_key(s, (key_t *)p);
	case C_MODE:
		/* the kernel prints perms in octal, SHM_DEST and SHM_LOCKED included */
		if (ipck__parse_u64(s, 8, 07777, &v) < 0)
			return -1;
		*(unsigned int *)p = (unsigned int)v;
		return 0;
	default:
		break;
	}
	if (ipck__parse_u64(s, 10, UINT64_MAX, &v) < 0)
		return -1;
	switch (col->type) {
	case C_ID:
		*(int *)p = (int)v;
		break;
	case C_PID:
		*(pid_t *)p = (pid_t)v;
		break;
	case C_UID:
		*(uid_t *)p = (uid_t)v;
		break;
	case C_TIME:
		*(time_t *)p = (time_t)v;
		break;
	default:
		*(uint64_t *)p = v;
		break;
	}
	obj->have |= col->have;
	return 0;
}

static int
proc_next(struct ipck_iter *it, struct ipck_obj *obj)
{
	char *field[MAXCOLS];
	int i, n;

	errno = 0;
	if (getline(&it->line, &it->cap, it->fp) < 0)
		return errno == 0 ? 0 : -1;
	n = split(it->line, field, MAXCOLS);
	if (n != it->ncols) {
		errno = EPROTO;
		return -1;
	}
	memset(obj, 0, sizeof(*obj));
	obj->kind = it->kind;
	for (i = 0; i < n; i++) {
		if (it->cols[i] == NULL)
			continue;
		if (proc_field(obj, it->cols[i], field[i]) < 0) {
			errno = EPROTO;
			return -1;
		}
	}
	return 1;
}

/* The walk found nothing although objects exist: *_STAT_ANY (Linux 4.17) is missing. */
static int
walk_missed(enum ipck_kind kind)
{
	struct ipck_usage use;

	return ipck_usage(kind, &use) == 0 && use.ids > 0;
}

static int
walk_next(struct ipck_iter *it, struct ipck_obj *obj)
{
	while (it->idx <= it->maxidx) {
		if (ipck__stat_kernel(it->kind, it->idx++, 1, obj) >= 0)
			return 1;
		/* an empty slot, or an object removed under us */
		if (errno == EINVAL || errno == EIDRM)
			continue;
		/* a security module may deny the walk yet allow /proc */
		if (it->found == 0 && (errno == EACCES || errno == EPERM))
			break;
		return -1;
	}
	if (it->found == 0 && (it->idx <= it->maxidx || walk_missed(it->kind))) {
		if (proc_open(it) < 0)
			return -1;
		return proc_next(it, obj);
	}
	return 0;
}

IPCK_API ipck_iter *
ipck_open(enum ipck_kind kind, unsigned int flags)
{
	struct ipck_iter *it;
	int saved = errno;

	if (ipck__sysv_kind(kind) < 0)
		return NULL;
	if ((it = calloc(1, sizeof(*it))) == NULL)
		return NULL;
	it->kind = kind;
	if (flags & IPCK_ITER_PROC) {
		if (proc_open(it) < 0)
			goto fail;
	} else if ((it->maxidx = ipck__max_index(kind)) < 0)
		goto fail;
	errno = saved;
	return it;
fail:
	ipck_close(it);
	return NULL;
}

IPCK_API int
ipck_next(ipck_iter *it, struct ipck_obj *obj)
{
	int saved = errno, r;

	r = it->fp != NULL ? proc_next(it, obj) : walk_next(it, obj);
	if (r > 0)
		it->found++;
	if (r >= 0)
		errno = saved;
	return r;
}

IPCK_API void
ipck_close(ipck_iter *it)
{
	int saved = errno;

	if (it == NULL)
		return;
	if (it->fp != NULL)
		fclose(it->fp);
	free(it->line);
	free(it);
	errno = saved;
}
