/* SPDX-License-Identifier: MIT */
/*
 * An LD_PRELOAD shim for the tests: each IPC_RMID first removes the object
 * itself, as another process racing the tool would, so the tool's own call
 * meets an object that vanished between being found and being removed.
 * With VANISH_SHMAT set, each segment is also removed as soon as it has
 * been attached: it goes while the tool is using it.  With VANISH_NS_PIDS
 * (pids, space-separated), the first setns kills those processes and
 * waits until they are gone: namespaces found a moment ago lose their
 * last process while the tool walks them.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>

union semun {
	int		 val;
	struct semid_ds	*buf;
	unsigned short	*array;
};

int
shmctl(int id, int cmd, struct shmid_ds *buf)
{
	int (*real)(int, int, struct shmid_ds *);

	*(void **)&real = dlsym(RTLD_NEXT, "shmctl");
	if (cmd == IPC_RMID)
		real(id, IPC_RMID, NULL);
	return real(id, cmd, buf);
}

void *
shmat(int id, const void *addr, int flg)
{
	void *(*real)(int, const void *, int);
	int (*ctl)(int, int, struct shmid_ds *);
	void *p;

	*(void **)&real = dlsym(RTLD_NEXT, "shmat");
	*(void **)&ctl = dlsym(RTLD_NEXT, "shmctl");
	p = real(id, addr, flg);
	if (p != (void *)-1 && getenv("VANISH_SHMAT") != NULL)
		ctl(id, IPC_RMID, NULL);
	return p;
}

int
msgctl(int id, int cmd, struct msqid_ds *buf)
{
	int (*real)(int, int, struct msqid_ds *);

	*(void **)&real = dlsym(RTLD_NEXT, "msgctl");
	if (cmd == IPC_RMID)
		real(id, IPC_RMID, NULL);
	return real(id, cmd, buf);
}

int
semctl(int id, int num, int cmd, ...)
{
	int (*real)(int, int, int, ...);
	union semun arg = { 0 };
	va_list ap;

	*(void **)&real = dlsym(RTLD_NEXT, "semctl");
	if (cmd == IPC_RMID) {
		real(id, 0, IPC_RMID);
		return real(id, 0, IPC_RMID);
	}
	va_start(ap, cmd);
	arg = va_arg(ap, union semun);
	va_end(ap);
	return real(id, num, cmd, arg);
}

int
setns(int fd, int nstype)
{
	static int done;
	int (*real)(int, int);
	const char *pids = getenv("VANISH_NS_PIDS");
	struct timespec nap = { 0, 10000000 };
	char path[64], *end;
	struct stat st;
	long pid;
	int i;

	*(void **)&real = dlsym(RTLD_NEXT, "setns");
	for (; pids != NULL && !done; pids = end) {
		pid = strtol(pids, &end, 10);
		if (end == pids)
			break;
		kill((pid_t)pid, SIGKILL);
		snprintf(path, sizeof(path), "/proc/%ld/ns/ipc", pid);
		for (i = 0; i < 200 && stat(path, &st) == 0; i++)
			nanosleep(&nap, NULL);
	}
	done = 1;
	return real(fd, nstype);
}
