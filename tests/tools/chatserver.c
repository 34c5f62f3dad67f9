/* SPDX-License-Identifier: MIT */
/*
 * The tutorial's chat server (seed 004), as far as its buffer goes: one
 * POSIX shared memory object with a 1024-byte slot per client, made with
 * shm_open, sized with ftruncate, mapped with mmap, and a message in one
 * client's slot.  It then stays, in a child, and prints the child's pid.
 *   chatserver [NAME [CLIENTS [CLIENT TEXT]]]   default /my_shm 5 2 hello
 */
#include <fcntl.h>
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
	size_t size = (size_t)clients * SLOT;
	int fd, p[2];
	char *buf, c;
	pid_t pid;

	if (pipe(p) < 0 || (pid = fork()) < 0)
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
	for (;;)
		pause();
}
