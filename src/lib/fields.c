/* SPDX-License-Identifier: MIT */
/*
 * Fields as data: for each kind, every field of its record in the order
 * ipcs -J lists them, with its stable name, its type, what it needs to be
 * known, a line of what it means, and where struct ipck_obj keeps it; the
 * same for the figures of what a kind uses and its limits.  Every output
 * form reads fields through here, and the JSON field reference is made
 * from these tables.
 */
#define _DEFAULT_SOURCE	/* SHM_DEST, SHM_LOCKED */
#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <unistd.h>

#include "internal.h"

/* How a field's value is had (the private how of struct ipck_field). */
enum how {
	AT,		/* a number at offset at, of size bytes */
	KIND,		/* the kind's name */
	NAME,		/* obj->name */
	DEST,		/* a segment's SHM_DEST bit */
	LOCKED,		/* a segment's SHM_LOCKED bit */
	PSEM_VALID,	/* a semaphore's file holds one */
	PAGE_SIZE,	/* sysconf(_SC_PAGESIZE) */
	SEM_MAX		/* SEM_VALUE_MAX */
};

#define OBJ(member)	offsetof(struct ipck_obj, member), \
			sizeof(((struct ipck_obj *)0)->member)
#define USE(member)	offsetof(struct ipck_usage, member), \
			sizeof(((struct ipck_usage *)0)->member)
#define LIM(member)	offsetof(struct ipck_limits, member), \
			sizeof(((struct ipck_limits *)0)->member)
#define PLIM(member)	offsetof(struct ipck_posix_limits, member), \
			sizeof(((struct ipck_posix_limits *)0)->member)
#define NONE		0, 0

/* The header of every kind: the kind, then how it is named. */
#define KIND_F \
	{ "kind", NULL, IPCK_T_KIND, 0, 0, \
	    "the kind: shm, msg, sem, pshm, pmsg or psem", NONE, KIND }
#define SYSV_HEAD \
	KIND_F, \
	{ "id", NULL, IPCK_T_INT, 0, 0, "the identifier", OBJ(id), AT }, \
	{ "key", "key_num", IPCK_T_KEY, 0, 0, \
	    "the key", \
	    OBJ(key), AT }
#define OWNERS \
	{ "mode", "perms", IPCK_T_MODE, 0, 0, \
	    "the kernel's mode (a segment's has SHM_DEST 01000 and " \
	    "SHM_LOCKED 02000 beside the permission bits)", \
	    OBJ(mode), AT }, \
	{ "uid", "owner", IPCK_T_UID, 0, 0, \
	    "the owner", \
	    OBJ(uid), AT }, \
	{ "gid", "group", IPCK_T_GID, 0, 0, \
	    "the group", \
	    OBJ(gid), AT }
#define CREATOR \
	{ "cuid", "creator", IPCK_T_UID, 0, 0, \
	    "the creator", OBJ(cuid), AT }, \
	{ "cgid", "creator_group", IPCK_T_GID, 0, 0, \
	    "the creator's group", OBJ(cgid), AT }
#define CTIME \
	{ "ctime", "ctime_epoch", IPCK_T_TIME, 0, 0, \
	    "the last change", OBJ(ctime), AT }
#define POSIX_HEAD \
	KIND_F, \
	{ "name", "name_base64", IPCK_T_NAME, 0, 0, \
	    "its name, \"/name\"", NONE, NAME }
#define FILE_TIMES(what) \
	{ "atime", "atime_epoch", IPCK_T_TIME, 0, 0, \
	    "its file's last access", \
	    OBJ(file.atime), AT }, \
	{ "mtime", "mtime_epoch", IPCK_T_TIME, 0, 0, what, \
	    OBJ(file.mtime), AT }

static const struct ipck_field shm_fields[] = {
	SYSV_HEAD, OWNERS, CREATOR, CTIME,
	{ "size", NULL, IPCK_T_BYTES, 0, 0, "its size", OBJ(u.shm.size), AT },
	{ "nattch", NULL, IPCK_T_COUNT, 0, 0, "attaches now",
	    OBJ(u.shm.nattch), AT },
	{ "dest", NULL, IPCK_T_BOOL, 0, 0,
	    "marked for removal once the last process detaches", NONE, DEST },
	{ "locked", NULL, IPCK_T_BOOL, 0, 0, "locked in memory (SHM_LOCK)",
	    NONE, LOCKED },
	{ "cpid", NULL, IPCK_T_PID, 0, 0, "the process that created it",
	    OBJ(u.shm.cpid), AT },
	{ "lpid", NULL, IPCK_T_PID, 0, 0,
	    "the last process to attach or detach", OBJ(u.shm.lpid), AT },
	{ "atime", "atime_epoch", IPCK_T_TIME, 0, 0,
	    "the last attach", OBJ(u.shm.atime), AT },
	{ "dtime", "dtime_epoch", IPCK_T_TIME, 0, 0,
	    "the last detach", OBJ(u.shm.dtime), AT },
	{ "rss", NULL, IPCK_T_BYTES, IPCK_HAVE_PAGES, IPCK_FIELD_DETAIL,
	    "bytes resident in memory", OBJ(u.shm.rss), AT },
	{ "swap", NULL, IPCK_T_BYTES, IPCK_HAVE_PAGES, IPCK_FIELD_DETAIL,
	    "bytes swapped out", OBJ(u.shm.swap), AT },
};

static const struct ipck_field msg_fields[] = {
	SYSV_HEAD, OWNERS, CREATOR, CTIME,
	{ "used_bytes", NULL, IPCK_T_BYTES, 0, 0, "bytes queued",
	    OBJ(u.msg.cbytes), AT },
	{ "messages", NULL, IPCK_T_COUNT, 0, 0, "messages queued",
	    OBJ(u.msg.qnum), AT },
	{ "qbytes", NULL, IPCK_T_BYTES, IPCK_HAVE_QBYTES, 0,
	    "the most bytes it may hold (null when /proc/sysvipc was read)",
	    OBJ(u.msg.qbytes), AT },
	{ "lspid", NULL, IPCK_T_PID, 0, 0, "the last process to send",
	    OBJ(u.msg.lspid), AT },
	{ "lrpid", NULL, IPCK_T_PID, 0, 0, "the last process to receive",
	    OBJ(u.msg.lrpid), AT },
	{ "stime", "stime_epoch", IPCK_T_TIME, 0, 0,
	    "the last send", OBJ(u.msg.stime), AT },
	{ "rtime", "rtime_epoch", IPCK_T_TIME, 0, 0,
	    "the last receive", OBJ(u.msg.rtime), AT },
};

static const struct ipck_field sem_fields[] = {
	SYSV_HEAD, OWNERS, CREATOR, CTIME,
	{ "nsems", NULL, IPCK_T_COUNT, 0, 0, "semaphores in the set",
	    OBJ(u.sem.nsems), AT },
	{ "otime", "otime_epoch", IPCK_T_TIME, 0, 0,
	    "the last semop", OBJ(u.sem.otime), AT },
};

static const struct ipck_field pshm_fields[] = {
	POSIX_HEAD, OWNERS, CTIME,
	{ "size", NULL, IPCK_T_BYTES, 0, 0, "its size", OBJ(u.pshm.size), AT },
	{ "allocated", NULL, IPCK_T_BYTES, 0, 0,
	    "bytes its pages take (a sparse object's are fewer)",
	    OBJ(u.pshm.allocated), AT },
	FILE_TIMES("its file's last write"),
};

/* A queue's file: any read of it (the walk's own) sets its atime and ctime. */
static const struct ipck_field pmsg_fields[] = {
	POSIX_HEAD, OWNERS,
	{ "ctime", "ctime_epoch", IPCK_T_TIME, 0, IPCK_FIELD_VOLATILE,
	    "the last change, or read of its file", OBJ(ctime), AT },
	{ "used_bytes", NULL, IPCK_T_BYTES, IPCK_HAVE_QUEUE, 0,
	    "bytes queued (null: the queue could not be opened to read)",
	    OBJ(u.pmsg.qsize), AT },
	{ "messages", NULL, IPCK_T_COUNT, IPCK_HAVE_QUEUE, 0,
	    "messages queued", OBJ(u.pmsg.curmsgs), AT },
	{ "maxmsg", NULL, IPCK_T_COUNT, IPCK_HAVE_QUEUE, 0,
	    "the most messages it holds", OBJ(u.pmsg.maxmsg), AT },
	{ "msgsize", NULL, IPCK_T_BYTES, IPCK_HAVE_QUEUE, 0,
	    "the longest message it takes", OBJ(u.pmsg.msgsize), AT },
	{ "notify_pid", NULL, IPCK_T_PID, IPCK_HAVE_QUEUE, 0,
	    "the process mq_notify registered, 0: none",
	    OBJ(u.pmsg.notify_pid), AT },
	{ "atime", "atime_epoch", IPCK_T_TIME, 0, IPCK_FIELD_VOLATILE,
	    "its file's last read", OBJ(file.atime), AT },
	{ "mtime", "mtime_epoch", IPCK_T_TIME, 0, 0,
	    "the last send or receive", OBJ(file.mtime), AT },
};

static const struct ipck_field psem_fields[] = {
	POSIX_HEAD, OWNERS, CTIME,
	{ "value", NULL, IPCK_T_COUNT, IPCK_HAVE_VALUE, 0,
	    "its value (null: not readable)", OBJ(u.psem.value), AT },
	{ "waiters", NULL, IPCK_T_COUNT, IPCK_HAVE_VALUE, 0,
	    "processes waiting, as the C library counts them",
	    OBJ(u.psem.waiters), AT },
	{ "valid", NULL, IPCK_T_BOOL, 0, 0,
	    "its file is big enough to hold a semaphore", NONE, PSEM_VALID },
	FILE_TIMES("its file's last write"),
};

#define USAGE_IDS(what) \
	{ "objects", NULL, IPCK_T_COUNT, 0, 0, what, USE(ids), AT }

static const struct ipck_field shm_usage[] = {
	USAGE_IDS("segments"),
	{ "pages", NULL, IPCK_T_PAGES, 0, 0, "pages allocated",
	    USE(shm_pages), AT },
	{ "pages_resident", NULL, IPCK_T_PAGES, 0, 0, "pages resident",
	    USE(shm_rss), AT },
	{ "pages_swapped", NULL, IPCK_T_PAGES, 0, 0, "pages swapped out",
	    USE(shm_swap), AT },
};

static const struct ipck_field msg_usage[] = {
	USAGE_IDS("queues"),
	{ "messages", NULL, IPCK_T_COUNT, 0, 0, "messages queued",
	    USE(msg_headers), AT },
	{ "bytes", NULL, IPCK_T_BYTES, 0, 0, "bytes queued",
	    USE(msg_bytes), AT },
};

static const struct ipck_field sem_usage[] = {
	USAGE_IDS("sets"),
	{ "semaphores", NULL, IPCK_T_COUNT, 0, 0, "semaphores in them",
	    USE(sem_sems), AT },
};

static const struct ipck_field pshm_usage[] = {
	USAGE_IDS("objects"),
	{ "bytes", NULL, IPCK_T_BYTES, 0, 0, "their sizes, added up",
	    USE(bytes), AT },
	{ "allocated", NULL, IPCK_T_BYTES, 0, 0, "bytes their pages take",
	    USE(allocated), AT },
};

static const struct ipck_field pmsg_usage[] = {
	USAGE_IDS("queues"),
	{ "messages", NULL, IPCK_T_COUNT, 0, 0,
	    "messages queued in those that could be read", USE(messages), AT },
	{ "bytes", NULL, IPCK_T_BYTES, 0, 0, "bytes queued in them",
	    USE(bytes), AT },
	{ "unreadable", NULL, IPCK_T_COUNT, 0, 0,
	    "queues that could not be opened to read, not counted",
	    USE(unknown), AT },
};

static const struct ipck_field psem_usage[] = {
	USAGE_IDS("semaphores"),
};

static const struct ipck_field shm_limits[] = {
	{ "shmmni", NULL, IPCK_T_COUNT, 0, 0, "the most segments",
	    LIM(shmmni), AT },
	{ "shmmax", NULL, IPCK_T_BYTES, 0, 0, "the largest segment",
	    LIM(shmmax), AT },
	{ "shmall", NULL, IPCK_T_PAGES, 0, 0, "the most pages of all segments",
	    LIM(shmall), AT },
	{ "shmmin", NULL, IPCK_T_BYTES, 0, 0, "the smallest segment",
	    LIM(shmmin), AT },
	{ "page_size", NULL, IPCK_T_BYTES, 0, 0, "the bytes of a page",
	    NONE, PAGE_SIZE },
};

static const struct ipck_field msg_limits[] = {
	{ "msgmni", NULL, IPCK_T_COUNT, 0, 0, "the most queues",
	    LIM(msgmni), AT },
	{ "msgmax", NULL, IPCK_T_BYTES, 0, 0, "the longest message",
	    LIM(msgmax), AT },
	{ "msgmnb", NULL, IPCK_T_BYTES, 0, 0, "a new queue's byte limit",
	    LIM(msgmnb), AT },
};

static const struct ipck_field sem_limits[] = {
	{ "semmni", NULL, IPCK_T_COUNT, 0, 0, "the most sets", LIM(semmni), AT },
	{ "semmsl", NULL, IPCK_T_COUNT, 0, 0, "the most semaphores in a set",
	    LIM(semmsl), AT },
	{ "semmns", NULL, IPCK_T_COUNT, 0, 0, "the most semaphores of all sets",
	    LIM(semmns), AT },
	{ "semopm", NULL, IPCK_T_COUNT, 0, 0, "the most operations a semop",
	    LIM(semopm), AT },
	{ "semvmx", NULL, IPCK_T_COUNT, 0, 0, "the largest value",
	    LIM(semvmx), AT },
};

static const struct ipck_field pshm_limits[] = {
	{ "size", NULL, IPCK_T_BYTES, 0, 0, "the size of the /dev/shm tmpfs",
	    PLIM(shm_size), AT },
	{ "free", NULL, IPCK_T_BYTES, 0, 0, "bytes free in it",
	    PLIM(shm_free), AT },
};

static const struct ipck_field pmsg_limits[] = {
	{ "queues_max", NULL, IPCK_T_COUNT, 0, 0, "the most queues",
	    PLIM(queues_max), AT },
	{ "msg_max", NULL, IPCK_T_COUNT, 0, 0, "the largest maxmsg",
	    PLIM(msg_max), AT },
	{ "msgsize_max", NULL, IPCK_T_BYTES, 0, 0, "the largest msgsize",
	    PLIM(msgsize_max), AT },
	{ "msg_default", NULL, IPCK_T_COUNT, 0, 0, "a new queue's maxmsg",
	    PLIM(msg_default), AT },
	{ "msgsize_default", NULL, IPCK_T_BYTES, 0, 0,
	    "a new queue's msgsize", PLIM(msgsize_default), AT },
};

static const struct ipck_field psem_limits[] = {
	{ "value_max", NULL, IPCK_T_COUNT, 0, 0, "the largest value",
	    NONE, SEM_MAX },
};

#define ROW(a)	{ a, sizeof(a) / sizeof(a[0]) }
static const struct {
	const struct ipck_field	*v;
	size_t			 n;
} tables[3][IPCK_NKINDS] = {
	[IPCK_FIELDS_OBJECT] = {
		ROW(shm_fields), ROW(msg_fields), ROW(sem_fields),
		ROW(pshm_fields), ROW(pmsg_fields), ROW(psem_fields),
	},
	[IPCK_FIELDS_USAGE] = {
		ROW(shm_usage), ROW(msg_usage), ROW(sem_usage),
		ROW(pshm_usage), ROW(pmsg_usage), ROW(psem_usage),
	},
	[IPCK_FIELDS_LIMITS] = {
		ROW(shm_limits), ROW(msg_limits), ROW(sem_limits),
		ROW(pshm_limits), ROW(pmsg_limits), ROW(psem_limits),
	},
};

IPCK_API const struct ipck_field *
ipck_fields(enum ipck_fieldset set, enum ipck_kind kind, size_t *n)
{
	if ((unsigned int)set > IPCK_FIELDS_LIMITS ||
	    (unsigned int)kind >= IPCK_NKINDS) {
		errno = EINVAL;
		return NULL;
	}
	*n = tables[set][kind].n;
	return tables[set][kind].v;
}

IPCK_API const struct ipck_field *
ipck_field_find(enum ipck_fieldset set, enum ipck_kind kind, const char *name)
{
	const struct ipck_field *v;
	size_t n, i;

	if ((v = ipck_fields(set, kind, &n)) == NULL)
		return NULL;
	for (i = 0; i < n; i++)
		if (strcmp(v[i].name, name) == 0 ||
		    (v[i].also != NULL && strcmp(v[i].also, name) == 0))
			return &v[i];
	errno = ENOENT;
	return NULL;
}

/*
 * The number of size bytes at p, sign-extended when the type is signed
 * (a pid, an id, a time): every listing reads each field through here, so
 * it is a plain load, not a loop.
 */
static void
number(const struct ipck_field *f, const unsigned char *p,
    struct ipck_value *v)
{
	int sign = f->type == IPCK_T_INT || f->type == IPCK_T_PID ||
	    f->type == IPCK_T_TIME;
	uint32_t x32;
	uint16_t x16;
	uint8_t x8;

	switch (f->size) {
	case 8:
		memcpy(&v->u, p, 8);
		v->i = (int64_t)v->u;
		return;
	case 4:
		memcpy(&x32, p, 4);
		v->i = sign ? (int64_t)(int32_t)x32 : (int64_t)x32;
		break;
	case 2:
		memcpy(&x16, p, 2);
		v->i = sign ? (int64_t)(int16_t)x16 : (int64_t)x16;
		break;
	default:
		memcpy(&x8, p, 1);
		v->i = sign ? (int64_t)(int8_t)x8 : (int64_t)x8;
		break;
	}
	v->u = (uint64_t)v->i;
	if (!sign)
		v->u &= f->size == 4 ? 0xffffffffU : f->size == 2 ? 0xffffU : 0xffU;
}

IPCK_API int
ipck_field_get(const struct ipck_field *f, const void *rec,
    struct ipck_value *v)
{
	const struct ipck_obj *o = rec;

	v->s = NULL;
	switch ((enum how)f->how) {
	case AT:
		if (f->have != 0 && (o->have & f->have) != f->have) {
			v->i = 0;
			v->u = 0;
			return 0;
		}
		number(f, (const unsigned char *)rec + f->at, v);
		return 1;
	case KIND:
		v->s = ipck_kind_name(o->kind);
		v->i = 0;
		v->u = 0;
		return 1;
	case NAME:
		v->s = o->name;
		v->i = 0;
		v->u = 0;
		return 1;
	case DEST:
		v->u = (o->mode & SHM_DEST) != 0;
		break;
	case LOCKED:
		v->u = (o->mode & SHM_LOCKED) != 0;
		break;
	case PSEM_VALID:
		v->u = (o->have & IPCK_HAVE_VALUE) || o->u.psem.err != EINVAL;
		break;
	case PAGE_SIZE:
		v->u = (uint64_t)sysconf(_SC_PAGESIZE);
		break;
	case SEM_MAX:
		v->u = (uint64_t)SEM_VALUE_MAX;
		break;
	default:
		errno = EINVAL;
		return -1;
	}
	v->i = (int64_t)v->u;
	return 1;
}
