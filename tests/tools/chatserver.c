/* SPDX-License-Identifier: MIT */
/*
 * The tutorial's chat server (seed 004), as far as its buffer goes: one
 * POSIX shared memory object with a 1024-byte slot per client, made with
 * shm_open, sized with ftruncate, mapped with mmap, and a message in one
 * client's slot.  It then stays, in a child, and prints the child's pid.
 * With OUT, each SIGUSR1 makes it write its whole buffer, as its mapping
 * holds it now, to OUT (by way of OUT.tmp, so OUT appears whole).
 *   chatserver [NAME [CLIENTS [CLIENT TEXT [OUT]]]]   default /my_shm 5 2 hello
 */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define SLOT	1024

int
main(int argc, char *argv[])
{
	const char *name = argc > 1 ? argv[1] : "/my_shm";
	int clients = argc > 2 ? atoi(argv[2]) : 5;
	int client = argc > 3 ? atoi(argv[3]) : 2;
	const char *text = argc > 4 ? argv[4] : "hello";
	const char *out = argc > 5 ? argv[5] : NULL;
	sigset_t usr1;
	char tmp[4096];
	int sig;
	size_t size = (size_t)clients * SLOT;
	int fd, p[2];
	char *buf, c;
	pid_t pid;

	/* blocked before the fork, so no SIGUSR1 is lost before sigwait */
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	if (sigprocmask(SIG_BLOCK, &usr1, NULL) < 0 || pipe(p) < 0 ||
	    (pid = fork()) < 0)
		return 1;
	if (pid > 0) {
		close(p[1]);
		if (read(p[0], &c, 1) != 1)
			return 1;
		printf("%d\n", (int)pid);
		return 0;
	}
	close(p[0]);
	if ((fd = shm_open(name, O_CREAT | O_RDWR, 0666)) < 0 ||
	    ftruncate(fd, (off_t)size) < 0) {
		perror(name);
		_exit(1);
	}
	buf = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (buf == MAP_FAILED) {
		perror("mmap");
		_exit(1);
	}
	close(fd);
	memcpy(buf + (size_t)client * SLOT, text, strlen(text));
	if (write(p[1], "k", 1) != 1)
		_exit(1);
	close(p[1]);
	freopen("/dev/null", "w", stdout);
	for (;;) {
		if (out == NULL) {
			pause();
			continue;
		}
		if (sigwait(&usr1, &sig) != 0)
			_exit(1);
		snprintf(tmp, sizeof(tmp), "%s.tmp", out);
		if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644)) < 0 ||
		    write(fd, buf, size) != (ssize_t)size || close(fd) < 0 ||
		    rename(tmp, out) < 0)
			_exit(1);
	}
}
