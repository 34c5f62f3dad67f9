/* SPDX-License-Identifier: MIT */
/* Whether the process a kernel record names still runs. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

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

int
ipck__dead(pid_t pid, int *known)
{
	if (pid == 0)
		return 1;
	*known = 1;
	return !ipck_pid_alive(pid);
}

IPCK_API int
ipck_pid_command(pid_t pid, char *buf, size_t len)
{
	char path[32];
	ssize_t n;
	int fd, saved = errno;

	if (len == 0 || !ipck_pid_alive(pid)) {
		errno = len == 0 ? EINVAL : ESRCH;
		return -1;
	}
	snprintf(path, sizeof(path), "/proc/%d/comm", (int)pid);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return -1;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n < 0)
		return -1;
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	errno = saved;
	return 0;
}
