/* SPDX-License-Identifier: MIT */
/*
 * Semaphores to read, set and operate on, of either kind: a System V set
 * by id (semop, semtimedop, GETVAL, SETVAL, SETALL), a POSIX named
 * semaphore through its file mapped as sem_t, as sem_open(3) maps it, but
 * found in the /dev/shm this library reads (another mount namespace's,
 * with --ns), and checked to be the very file that was looked up.
 */
#define _GNU_SOURCE	/* semtimedop */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <semaphore.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/sem.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"

IPCK_API int
ipck_parse_semop(const char *s, struct ipck_semop *op)
{
	const char *colon;
	uint64_t num, mag;
	int sign = 0;
	char numbuf[16];

	if (s == NULL || (colon = strchr(s, ':')) == NULL ||
	    (size_t)(colon - s) >= sizeof(numbuf)) {
		errno = EINVAL;
		return -1;
	}
	memcpy(numbuf, s, (size_t)(colon - s));
	numbuf[colon - s] = '\0';
	if (colon[1] == '+' || colon[1] == '-')
		sign = colon[1] == '-' ? -1 : 1;
	/* semnum is an unsigned short, sem_op a short */
	if (ipck__parse_u64(numbuf, 10, USHRT_MAX, &num) < 0 ||
	    ipck__parse_u64(colon + 1 + (sign != 0), 10, sign < 0 ?
	    (uint64_t)-(long)SHRT_MIN : SHRT_MAX, &mag) < 0)
		return -1;
	if (sign != 0 && mag == 0) {
		errno = EINVAL;		/* "+0" and "-0" say a change of none */
		return -1;
	}
	op->num = (unsigned int)num;
	op->delta = sign < 0 ? -(int)mag : (int)mag;
	return 0;
}

IPCK_API int
ipck_semset_open(struct ipck_semset *s, const struct ipck_obj *o)
{
	struct stat st;
	void *p;
	int fd, err;

	s->kind = o->kind;
	s->id = o->id;
	s->psem = NULL;
	if (o->kind == IPCK_SEM) {
		s->nsems = o->u.sem.nsems;
		return 0;
	}
	if (o->kind != IPCK_PSEM) {
		errno = EINVAL;
		return -1;
	}
	s->nsems = 1;
	/* sem_open's access: the C library's semaphores are read and written */
	if ((fd = ipck__posix_open(o, O_RDWR, &st)) < 0)
		return -1;
	if ((uint64_t)st.st_size < sizeof(sem_t)) {
		close(fd);
		errno = EINVAL;		/* too short to hold one */
		return -1;
	}
	p = mmap(NULL, sizeof(sem_t), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	err = errno;
	close(fd);
	if (p == MAP_FAILED) {
		errno = err;
		return -1;
	}
	s->psem = p;
	return 0;
}

IPCK_API void
ipck_semset_close(struct ipck_semset *s)
{
	int saved = errno;

	if (s->psem != NULL)
		munmap(s->psem, sizeof(sem_t));
	s->psem = NULL;
	errno = saved;
}

/* A POSIX semaphore's one operation: take one, or give n. */
static int
psem_op(struct ipck_semset *s, const struct ipck_semop *op, unsigned int flags,
    const struct timespec *timeout)
{
	struct timespec at;
	int i;

	if (op->num != 0 || op->delta == 0 || op->delta < -1 ||
	    (flags & IPCK_UNDO)) {
		errno = EINVAL;
		return -1;
	}
	if (op->delta > 0) {
		/* each post can be seen at once: a value near SEM_VALUE_MAX fails part way */
		for (i = 0; i < op->delta; i++)
			if (sem_post(s->psem) < 0)
				return -1;
		return 0;
	}
	if (flags & IPCK_NOWAIT)
		return sem_trywait(s->psem);
	if (timeout == NULL)
		return sem_wait(s->psem);
	/* sem_timedwait takes the realtime clock's time, not a span */
	clock_gettime(CLOCK_REALTIME, &at);
	at.tv_sec += timeout->tv_sec;
	if ((at.tv_nsec += timeout->tv_nsec) >= 1000000000L) {
		at.tv_nsec -= 1000000000L;
		at.tv_sec++;
	}
	if (sem_timedwait(s->psem, &at) == 0)
		return 0;
	if (errno == ETIMEDOUT)
		errno = EAGAIN;
	return -1;
}

IPCK_API int
ipck_semset_op(struct ipck_semset *s, const struct ipck_semop *ops, size_t n,
    unsigned int flags, const struct timespec *timeout)
{
	struct sembuf small[16], *b = small;
	struct timespec ts;
	size_t i;
	int r, err;

	if (n == 0) {
		errno = EINVAL;
		return -1;
	}
	if (s->kind == IPCK_PSEM) {
		if (n != 1) {
			errno = EINVAL;
			return -1;
		}
		return psem_op(s, ops, flags, timeout);
	}
	if (n > sizeof(small) / sizeof(small[0]) &&
	    (b = calloc(n, sizeof(*b))) == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		b[i].sem_num = (unsigned short)ops[i].num;
		b[i].sem_op = (short)ops[i].delta;
		b[i].sem_flg = (short)((flags & IPCK_NOWAIT ? IPC_NOWAIT : 0) |
		    (flags & IPCK_UNDO ? SEM_UNDO : 0));
	}
	if (timeout != NULL)
		ts = *timeout;
	/* all of them or none: one call */
	r = semtimedop(s->id, b, n, timeout != NULL ? &ts : NULL);
	err = errno;
	if (b != small)
		free(b);
	errno = err;
	return r;
}

/* Every value in one GETALL, not a GETVAL each: a set may have 32000. */
IPCK_API int
ipck_semset_values(struct ipck_semset *s, int *vals)
{
	unsigned short small[64], *all = small;
	union semun arg;
	uint64_t i;
	int r, err;

	if (s->kind == IPCK_PSEM) {
		if (sem_getvalue(s->psem, &vals[0]) < 0)
			return -1;
		if (vals[0] < 0)
			vals[0] = 0;	/* glibc never says how many wait */
		return 0;
	}
	if (s->nsems > sizeof(small) / sizeof(small[0]) &&
	    (all = calloc(s->nsems, sizeof(*all))) == NULL)
		return -1;
	arg.array = all;
	if ((r = semctl(s->id, 0, GETALL, arg)) == 0)
		for (i = 0; i < s->nsems; i++)
			vals[i] = all[i];
	err = errno;
	if (all != small)
		free(all);
	errno = err;
	return r < 0 ? -1 : 0;
}

IPCK_API int
ipck_semset_set(struct ipck_semset *s, const int *vals)
{
	unsigned short *all;
	union semun arg;
	uint64_t i, given = 0;
	int now, r, err;

	/* System V's values are unsigned shorts; a sem_t's reach SEM_VALUE_MAX */
	for (i = 0; i < s->nsems; i++)
		if (s->kind != IPCK_PSEM && vals[i] > USHRT_MAX) {
			errno = ERANGE;
			return -1;
		} else if (vals[i] >= 0)
			given++;
	if (s->kind == IPCK_PSEM) {
		if (vals[0] < 0)
			return 0;
		/* only raised, by posting: lowering would mean taking */
		if (sem_getvalue(s->psem, &now) < 0)
			return -1;
		if (vals[0] < now) {
			errno = ERANGE;
			return -1;
		}
		for (; now < vals[0]; now++)
			if (sem_post(s->psem) < 0)
				return -1;
		return 0;
	}
	if (given < s->nsems) {
		/* some: each by itself */
		for (i = 0; i < s->nsems; i++) {
			if (vals[i] < 0)
				continue;
			arg.val = vals[i];
			if (semctl(s->id, (int)i, SETVAL, arg) < 0)
				return -1;
		}
		return 0;
	}
	/* every one: SETALL, at once */
	if ((all = calloc(s->nsems, sizeof(*all))) == NULL)
		return -1;
	for (i = 0; i < s->nsems; i++)
		all[i] = (unsigned short)vals[i];
	arg.array = all;
	r = semctl(s->id, 0, SETALL, arg);
	err = errno;
	free(all);
	errno = err;
	return r;
}
