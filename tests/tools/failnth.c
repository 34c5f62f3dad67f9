/* SPDX-License-Identifier: MIT */
/*
 * An LD_PRELOAD shim for the tests: the FAIL_NTH-th object a tool makes
 * (shmget, msgget or semget with IPC_CREAT, mq_open with O_CREAT, or the
 * linkat that names a POSIX shared memory object or semaphore) fails with
 * ENOSPC, as a limit reached or a name taken by someone else midway
 * would: for checking that a restore that fails at any step leaves
 * nothing behind.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <mqueue.h>
#include <stdarg.h>
#include <stdlib.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/types.h>

/* Whether this making is the one to fail. */
static int
fail_now(void)
{
	static int count;
	const char *n = getenv("FAIL_NTH");

	if (n == NULL || ++count != atoi(n))
		return 0;
	errno = ENOSPC;
	return 1;
}

int
shmget(key_t key, size_t size, int flg)
{
	int (*real)(key_t, size_t, int);

	if ((flg & IPC_CREAT) && fail_now())
		return -1;
	*(void **)&real = dlsym(RTLD_NEXT, "shmget");
	return real(key, size, flg);
}

int
msgget(key_t key, int flg)
{
	int (*real)(key_t, int);

	if ((flg & IPC_CREAT) && fail_now())
		return -1;
	*(void **)&real = dlsym(RTLD_NEXT, "msgget");
	return real(key, flg);
}

int
semget(key_t key, int n, int flg)
{
	int (*real)(key_t, int, int);

	if ((flg & IPC_CREAT) && fail_now())
		return -1;
	*(void **)&real = dlsym(RTLD_NEXT, "semget");
	return real(key, n, flg);
}

mqd_t
mq_open(const char *name, int oflag, ...)
{
	mqd_t (*real)(const char *, int, ...);
	struct mq_attr *attr = NULL;
	mode_t mode = 0;
	va_list ap;

	if (oflag & O_CREAT) {
		va_start(ap, oflag);
		mode = (mode_t)va_arg(ap, unsigned int);
		attr = va_arg(ap, struct mq_attr *);
		va_end(ap);
		if (fail_now())
			return (mqd_t)-1;
	}
	*(void **)&real = dlsym(RTLD_NEXT, "mq_open");
	return (oflag & O_CREAT) ? real(name, oflag, mode, attr) :
	    real(name, oflag);
}

int
linkat(int olddir, const char *old, int newdir, const char *new, int flags)
{
	int (*real)(int, const char *, int, const char *, int);

	if (fail_now())
		return -1;
	*(void **)&real = dlsym(RTLD_NEXT, "linkat");
	return real(olddir, old, newdir, new, flags);
}
