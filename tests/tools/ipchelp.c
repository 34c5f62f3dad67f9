/* SPDX-License-Identifier: MIT */
/*
 * ipchelp: puts IPC objects in the states the tests need, with plain
 * system calls and none of ipckit's code.
 *   ipchelp attach ID [ro]     attach in a child that stays; print its pid
 *   ipchelp send ID TEXT...    queue one message per TEXT (type 1)
 *   ipchelp semop ID NUM DELTA one semop(2)
 *   ipchelp setval ID NUM VAL  SETVAL
 *   ipchelp chown shm|msg|sem ID UID GID   IPC_SET the owner
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <unistd.h>

union semun {
	int		 val;
	struct semid_ds	*buf;
};

static int
die(const char *what)
{
	perror(what);
	return 1;
}

static int
attach(int id, int ro)
{
	int fd[2];
	pid_t pid;
	char c;

	if (pipe(fd) < 0)
		return die("pipe");
	if ((pid = fork()) < 0)
		return die("fork");
	if (pid == 0) {
		close(fd[0]);
		if (shmat(id, NULL, ro ? SHM_RDONLY : 0) == (void *)-1)
			_exit(die("shmat"));
		if (write(fd[1], "k", 1) != 1)
			_exit(1);
		close(fd[1]);
		freopen("/dev/null", "w", stdout);
		for (;;)
			pause();
	}
	close(fd[1]);
	if (read(fd[0], &c, 1) != 1)
		return 1;
	printf("%d\n", (int)pid);
	return 0;
}

int
main(int argc, char *argv[])
{
	int id, i;

	if (argc < 3)
		return 2;
	id = atoi(argv[2]);
	if (strcmp(argv[1], "attach") == 0)
		return attach(id, argc > 3 && strcmp(argv[3], "ro") == 0);
	if (strcmp(argv[1], "send") == 0) {
		for (i = 3; i < argc; i++) {
			struct { long type; char text[256]; } m = { 1, "" };
			size_t n = strlen(argv[i]);

			if (n > sizeof(m.text))
				n = sizeof(m.text);
			memcpy(m.text, argv[i], n);
			if (msgsnd(id, &m, n, 0) < 0)
				return die("msgsnd");
		}
		return 0;
	}
	if (strcmp(argv[1], "semop") == 0 && argc == 5) {
		struct sembuf op = { (unsigned short)atoi(argv[3]),
		    (short)atoi(argv[4]), 0 };

		return semop(id, &op, 1) < 0 ? die("semop") : 0;
	}
	if (strcmp(argv[1], "setval") == 0 && argc == 5) {
		union semun arg = { .val = atoi(argv[4]) };

		return semctl(id, atoi(argv[3]), SETVAL, arg) < 0 ?
		    die("semctl") : 0;
	}
	if (strcmp(argv[1], "chown") == 0 && argc == 6) {
		id = atoi(argv[3]);
		if (strcmp(argv[2], "shm") == 0) {
			struct shmid_ds ds;

			if (shmctl(id, IPC_STAT, &ds) < 0)
				return die("shmctl");
			ds.shm_perm.uid = (uid_t)atoi(argv[4]);
			ds.shm_perm.gid = (gid_t)atoi(argv[5]);
			return shmctl(id, IPC_SET, &ds) < 0 ? die("shmctl") : 0;
		}
		if (strcmp(argv[2], "msg") == 0) {
			struct msqid_ds ds;

			if (msgctl(id, IPC_STAT, &ds) < 0)
				return die("msgctl");
			ds.msg_perm.uid = (uid_t)atoi(argv[4]);
			ds.msg_perm.gid = (gid_t)atoi(argv[5]);
			return msgctl(id, IPC_SET, &ds) < 0 ? die("msgctl") : 0;
		} else {
			struct semid_ds ds;
			union semun arg = { .buf = &ds };

			if (semctl(id, 0, IPC_STAT, arg) < 0)
				return die("semctl");
			ds.sem_perm.uid = (uid_t)atoi(argv[4]);
			ds.sem_perm.gid = (gid_t)atoi(argv[5]);
			return semctl(id, 0, IPC_SET, arg) < 0 ? die("semctl") : 0;
		}
	}
	return 2;
}
