/* SPDX-License-Identifier: MIT */
/*
 * An LD_PRELOAD shim for the tests: each IPC_RMID first removes the object
 * itself, as another process racing the tool would, so the tool's own call
 * meets an object that vanished between being found and being removed.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdarg.h>
#include <stddef.h>
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
