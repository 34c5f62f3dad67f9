/* SPDX-License-Identifier: MIT */
/* Selecting objects by key, id, owner, creator, attachment, liveness and age. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/ipc.h>
#include <sys/sem.h>

#include "internal.h"

/* A zombie still answers kill(2), but it runs no more: its state says so. */
static int
zombie(pid_t pid)
{
	char path[32], buf[512], *p;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	/* "pid (comm) S ...": comm may hold anything, so find the last ')' */
	if ((p = strrchr(buf, ')')) == NULL || p[1] != ' ')
		return 0;
	return p[2] == 'Z' || p[2] == 'X';
}

IPCK_API int
ipck_pid_alive(pid_t pid)
{
	int saved = errno, alive;

	/* EPERM: it exists, it is just not ours to signal */
	alive = pid > 0 && (kill(pid, 0) == 0 || errno == EPERM) && !zombie(pid);
	errno = saved;
	return alive;
}

/* 1 when pid is known (not 0) and dead; *known notes that one was known. */
static int
dead(pid_t pid, int *known)
{
	if (pid == 0)
		return 1;
	*known = 1;
	return !ipck_pid_alive(pid);
}

/* A set's semaphores keep the pid of their last semop; reading it needs read access. */
static int
sem_orphaned(const struct ipck_obj *o)
{
	uint64_t i;
	int saved = errno, known = 0, pid;

	for (i = 0; i < o->u.sem.nsems; i++) {
		if ((pid = semctl(o->id, (int)i, GETPID)) < 0) {
			errno = saved;
			return 0;	/* cannot tell, so not orphaned */
		}
		if (!dead(pid, &known))
			return 0;
	}
	return known;
}

static int
orphaned(const struct ipck_obj *o)
{
	int known = 0;

	switch (o->kind) {
	case IPCK_SHM:
		if (o->u.shm.nattch != 0)
			return 0;
		/* with nothing attached, live creator or last user still counts */
		return !ipck_pid_alive(o->u.shm.cpid) &&
		    !ipck_pid_alive(o->u.shm.lpid);
	case IPCK_MSG:
		/* a queue keeps no creator pid: only its last sender and receiver */
		return dead(o->u.msg.lspid, &known) &&
		    dead(o->u.msg.lrpid, &known) && known;
	case IPCK_SEM:
		return sem_orphaned(o);
	default:
		return 0;
	}
}

/* any_key(v, n, x) and the others: one of the n values at v equals x. */
#define ANY_OF(name, type)						\
static int								\
name(const type *v, size_t n, type x)					\
{									\
	size_t i;							\
									\
	for (i = 0; i < n; i++)						\
		if (v[i] == x)						\
			return 1;					\
	return 0;							\
}
ANY_OF(any_key, key_t)
ANY_OF(any_id, int)
ANY_OF(any_uid, uid_t)
#undef ANY_OF

IPCK_API int
ipck_match(const struct ipck_filter *f, const struct ipck_obj *o)
{
	if (f == NULL || f->what == 0)
		return 1;
	if ((f->what & IPCK_F_KEY) && !any_key(f->keys, f->nkeys, o->key))
		return 0;
	if ((f->what & IPCK_F_ID) && !any_id(f->ids, f->nids, o->id))
		return 0;
	if ((f->what & IPCK_F_OWNER) && !any_uid(f->owners, f->nowners, o->uid))
		return 0;
	if ((f->what & IPCK_F_CREATOR) &&
	    !any_uid(f->creators, f->ncreators, o->cuid))
		return 0;
	if ((f->what & IPCK_F_CHANGED_BEFORE) && o->ctime >= f->changed_before)
		return 0;
	if ((f->what & IPCK_F_UNATTACHED) &&
	    (o->kind != IPCK_SHM || o->u.shm.nattch != 0))
		return 0;
	/* last: it may cost a system call a pid */
	if ((f->what & IPCK_F_ORPHANED) && !orphaned(o))
		return 0;
	return 1;
}
