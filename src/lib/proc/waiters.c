/* SPDX-License-Identifier: MIT */
/*
 * Who waits on what: the threads blocked in an IPC call, from
 * /proc/PID/task/TID/syscall (the call's number and its arguments, while
 * it is in one; "running" otherwise), which needs ptrace access to the
 * process: root sees all, a user its own.  The first argument is the
 * queue's or set's id, or for a POSIX queue a descriptor, whose
 * /proc/PID/fd link names the queue.  Only processes of the caller's IPC
 * namespace: an id means nothing in another.
 */
#define _GNU_SOURCE	/* the SYS_ numbers of <sys/syscall.h> */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sem.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "internal.h"

/* The IPC call number nr is, and what it does: 1, or 0 for another call. */
static int
ipc_call(long nr, enum ipck_kind *kind, unsigned int *how)
{
	static const struct {
		long		 nr;
		enum ipck_kind	 kind;
		unsigned int	 how;
	} calls[] = {
#ifdef SYS_msgrcv
		{ SYS_msgrcv, IPCK_MSG, IPCK_WAIT_RECEIVE },
#endif
#ifdef SYS_msgsnd
		{ SYS_msgsnd, IPCK_MSG, IPCK_WAIT_SEND },
#endif
#ifdef SYS_semop
		{ SYS_semop, IPCK_SEM, IPCK_WAIT_SEMOP },
#endif
#ifdef SYS_semtimedop
		{ SYS_semtimedop, IPCK_SEM, IPCK_WAIT_SEMOP },
#endif
#ifdef SYS_mq_timedreceive
		{ SYS_mq_timedreceive, IPCK_PMSG, IPCK_WAIT_RECEIVE },
#endif
#ifdef SYS_mq_timedsend
		{ SYS_mq_timedsend, IPCK_PMSG, IPCK_WAIT_SEND },
#endif
		{ -1, IPCK_SHM, 0 },
	};
	size_t i;

	for (i = 0; calls[i].nr >= 0; i++)
		if (calls[i].nr == nr) {
			*kind = calls[i].kind;
			*how = calls[i].how;
			return 1;
		}
	return 0;
}

/*
 * The operation a thread blocked in semop(id, sops, nsops) can wait on:
 * the first whose sem_op is 0 or less (the kernel applies them in order,
 * all or none, and a positive one never waits), read from its memory,
 * which takes the same ptrace access as its syscall file.  w->nsops stays
 * 0 when it cannot be read.
 */
static void
semop_of(pid_t pid, unsigned long long sops, unsigned long long nsops,
    struct ipck_waiter *w)
{
	struct sembuf b[64];
	char path[48];
	size_t i, n = nsops < 64 ? (size_t)nsops : 64;
	ssize_t got;
	int fd;

	if (n == 0 || sops == 0)
		return;
	snprintf(path, sizeof(path), "/proc/%d/mem", (int)pid);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return;
	got = pread(fd, b, n * sizeof(b[0]), (off_t)sops);
	close(fd);
	if (got != (ssize_t)(n * sizeof(b[0])))
		return;
	for (i = 0; i < n && b[i].sem_op > 0; i++)
		continue;
	if (i == n)
		i = 0;	/* none could wait: the call is about to return */
	w->nsops = (unsigned int)nsops;
	w->semnum = b[i].sem_num;
	w->semop = b[i].sem_op;
}

/* One thread's call: 1 with *w filled, 0 not in an IPC call, -1 not ours to see. */
static int
thread(pid_t pid, const char *tid, struct ipck_waiter *w)
{
	char path[320], line[256], link[300];
	unsigned long long arg, sops, nsops;
	ssize_t n;
	long nr;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/task/%s/syscall", (int)pid, tid);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return errno == EACCES || errno == EPERM ? -1 : 0;
	n = read(fd, line, sizeof(line) - 1);
	close(fd);
	if (n <= 0)
		return n < 0 && (errno == EACCES || errno == EPERM) ? -1 : 0;
	line[n] = '\0';
	memset(w, 0, sizeof(*w));
	if (sscanf(line, "%ld %llx %llx %llx", &nr, &arg, &sops, &nsops) != 4 ||
	    !ipc_call(nr, &w->kind, &w->how))
		return 0;
	w->pid = pid;
	w->id = -1;
	if (w->kind == IPCK_SEM)
		semop_of(pid, sops, nsops, w);
	if (w->kind != IPCK_PMSG) {
		w->id = (int)arg;
		return 1;
	}
	/* a POSIX queue's descriptor: its link is "/name" in the mqueue mount */
	snprintf(path, sizeof(path), "/proc/%d/fd/%llu", (int)pid, arg);
	if ((n = readlink(path, link, sizeof(link) - 1)) <= 0)
		return 0;
	link[n] = '\0';
	if (link[0] != '/' || (size_t)n >= sizeof(w->name))
		return 0;
	memcpy(w->name, link, (size_t)n + 1);
	return 1;
}

/*
 * Whether process pid is in the IPC namespace whose inode is ino: 1, 0,
 * or -1 when it is not the caller's to look into.
 */
static int
same_ns(pid_t pid, ino_t ino)
{
	char path[48];
	struct stat st;

	snprintf(path, sizeof(path), "/proc/%d/ns/ipc", (int)pid);
	if (stat(path, &st) < 0)
		return errno == EACCES || errno == EPERM ? -1 : 0;
	return st.st_ino == ino;
}

/* Each thread of process pid in an IPC call, added to *v. */
static int
process(pid_t pid, struct ipck_waiter **v, size_t *n, size_t *cap,
    size_t *hidden)
{
	char path[48];
	struct ipck_waiter w, *more;
	struct dirent *d;
	DIR *dir;
	int r, denied = 0;

	snprintf(path, sizeof(path), "/proc/%d/task", (int)pid);
	if ((dir = opendir(path)) == NULL)
		return 0;
	while ((d = readdir(dir)) != NULL) {
		if (d->d_name[0] < '0' || d->d_name[0] > '9')
			continue;
		if ((r = thread(pid, d->d_name, &w)) < 0)
			denied = 1;
		if (r <= 0)
			continue;
		if (*n == *cap) {
			*cap = *cap ? *cap * 2 : 16;
			if ((more = realloc(*v, *cap * sizeof(**v))) == NULL) {
				closedir(dir);
				return -1;
			}
			*v = more;
		}
		(*v)[(*n)++] = w;
	}
	closedir(dir);
	*hidden += (size_t)denied;
	return 0;
}

IPCK_API int
ipck_waiters(struct ipck_waiter **list, size_t *n, size_t *hidden)
{
	struct ipck_waiter *v = NULL;
	struct dirent *d;
	struct stat st;
	size_t cap = 0;
	DIR *proc;
	char *end;
	long pid;
	int saved = errno, r;

	*list = NULL;
	*n = *hidden = 0;
	if (stat("/proc/self/ns/ipc", &st) < 0 ||
	    (proc = opendir("/proc")) == NULL)
		return -1;
	while ((d = readdir(proc)) != NULL) {
		pid = strtol(d->d_name, &end, 10);
		if (*end != '\0' || pid <= 0)
			continue;
		if ((r = same_ns((pid_t)pid, st.st_ino)) < 0)
			(*hidden)++;
		if (r <= 0)
			continue;
		if (process((pid_t)pid, &v, n, &cap, hidden) < 0) {
			closedir(proc);
			free(v);
			*n = 0;
			errno = ENOMEM;
			return -1;
		}
	}
	closedir(proc);
	*list = v;
	errno = saved;
	return 0;
}
