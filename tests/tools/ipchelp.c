/* SPDX-License-Identifier: MIT */
/*
 * ipchelp: puts IPC objects in the states the tests need, with plain
 * system calls and none of ipckit's code.
 *   ipchelp attach ID [ro]     attach in a child that stays; print its pid
 *   ipchelp attach ID detach   the same, but the child detaches again
 *   ipchelp attach ID rw NAME  the same, the child named NAME (its comm)
 *   ipchelp forge-long ID DIR  a child that maps a file under DIR whose
 *                              path, past byte 511 of its maps line, reads
 *                              as a mapping of segment ID; print its pid
 *   ipchelp forge-inode ID     a child that maps /SYSV00000000 with inode
 *                              ID, on a tmpfs of its own; print its pid
 *   ipchelp send ID TEXT...    queue one message per TEXT (type 1)
 *   ipchelp typed ID TYPE:TEXT...  one message per operand, of TYPE
 *   ipchelp take ID TYPE       one msgrcv(2), without waiting: print
 *                              "TYPE SIZE" and the text on a line of its own
 *   ipchelp mqtake NAME        one mq_receive(3), the same way
 *   ipchelp floor send ID N LEN   the kernel's floor for sending N
 *                              messages of LEN bytes (msgsnd in a loop)
 *   ipchelp floor recv ID N    and for taking N (msgrcv in a loop)
 *   ipchelp floor copy ID N    and for copying N (msgrcv MSG_COPY in a loop)
 *   ipchelp semop ID NUM DELTA one semop(2)
 *   ipchelp setval ID NUM VAL  SETVAL
 *   ipchelp chown shm|msg|sem ID UID GID [MODE]   IPC_SET the owner
 *                              (and the mode, octal)
 *   ipchelp mk shm|msg|sem N [UID]   N private objects (owned by UID)
 *   ipchelp dump ID            the segment to stdout, write(2) 1 MiB a call
 *   ipchelp load ID            stdin into the segment, read(2) 1 MiB a call,
 *                              until it is full or the input ends
 *   ipchelp mkposix pshm|psem|pmsg N [PREFIX]   N POSIX objects /PREFIXi
 *                              (4 KiB, value i % 7, 1 message of "x")
 *   ipchelp walk shm|sem|mq    the kernel's floor for listing the kind
 *   ipchelp socket PATH        a unix socket bound at PATH, and left there
 *   ipchelp semvalue NAME      a named semaphore's value (sem_getvalue)
 *   ipchelp mqattr NAME        a queue's "maxmsg msgsize curmsgs" (mq_getattr)
 *   ipchelp mqsend NAME TEXT...  one message per TEXT (priority 0)
 *   ipchelp deny ERRNO CMD...  run CMD where *_STAT_ANY and *_INFO fail with
 *                              ERRNO (a seccomp filter, as SELinux refuses
 *                              them to a container)
 *   ipchelp run N CMD...       run CMD N times, stdout to /dev/null; print
 *                              "<median wall microseconds> <peak RSS KiB>"
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/resource.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <mqueue.h>
#include <semaphore.h>
#include <time.h>
#include <unistd.h>

union semun {
	int		 val;
	struct semid_ds	*buf;
};

/* attach: the child's name, when given */
static const char *comm;

static int
die(const char *what)
{
	perror(what);
	return 1;
}

/*
 * Fork a child that runs fn(arg), tells the parent it is ready, and then
 * waits to be killed; print its pid.
 */
static int
stay(int (*fn)(void *), void *arg)
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
		if (fn(arg) != 0)
			_exit(1);
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

struct forge {
	int		 id;
	const char	*dir;
};

/* The start of this process's maps line for addr, up to where the path begins. */
static int
maps_prefix(const void *addr, const char *path)
{
	char want[32], line[4096];
	FILE *fp = fopen("/proc/self/maps", "r");
	int n = -1;

	snprintf(want, sizeof(want), "%lx-", (unsigned long)addr);
	while (fp != NULL && fgets(line, sizeof(line), fp) != NULL)
		if (strncmp(line, want, strlen(want)) == 0 &&
		    strstr(line, path) != NULL) {
			n = (int)(strstr(line, path) - line);
			break;
		}
	if (fp != NULL)
		fclose(fp);
	return n;
}

/* mkdir -p for each directory in path. */
static int
mkdirs(char *path)
{
	char *p;

	for (p = strchr(path + 1, '/'); p != NULL; p = strchr(p + 1, '/')) {
		*p = '\0';
		if (mkdir(path, 0755) < 0 && errno != EEXIST)
			return die(path);
		*p = '/';
	}
	return 0;
}

/*
 * A reader that takes maps a 512-byte line at a time reads what follows
 * byte 511 of a line as a line of its own: name a file so that it says
 * "1000-2000 rw-s 00000000 00:01 ID /SYSV00000000" there.
 */
static int
forge_long(void *arg)
{
	const struct forge *f = arg;
	char first[4096], path[4096], fake[96];
	size_t at;
	void *addr;
	int fd, pre;

	snprintf(first, sizeof(first), "%s/forged", f->dir);
	if ((fd = open(first, O_RDWR | O_CREAT, 0644)) < 0 ||
	    ftruncate(fd, 4096) < 0)
		return die(first);
	if ((addr = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
	    0)) == MAP_FAILED)
		return die("mmap");
	if ((pre = maps_prefix(addr, first)) < 0 || pre > 200)
		return die("maps");
	/*
	 * The path's bytes before the fake line: dir, then directories of
	 * 'p's, each at most 200 long and none empty (the kernel shows the
	 * path without "//"), ending at byte 511 of the line.
	 */
	snprintf(path, sizeof(path), "%s/", f->dir);
	at = strlen(path);
	while ((size_t)pre + at < 511) {
		size_t left = 511 - (size_t)pre - at, k = left - 1;

		if (k > 200)
			k = 200;
		if (left - (k + 1) == 1)
			k--;	/* leave room for "p/", not a bare "/" */
		if (k == 0) {
			fprintf(stderr, "forge-long: no room in %s\n", path);
			return 1;
		}
		memset(path + at, 'p', k);
		at += k;
		path[at++] = '/';
	}
	snprintf(fake, sizeof(fake), "1000-2000 rw-s 00000000 00:01 %d ",
	    f->id);
	snprintf(path + at, sizeof(path) - at, "%s/SYSV00000000", fake);
	if (mkdirs(path) != 0 || rename(first, path) < 0)
		return die(path);
	return 0;
}

/*
 * The path and inode of a segment's mapping, from a tmpfs mounted where
 * nobody else can see it: /SYSV00000000, its inode ID.
 */
static int
forge_inode(void *arg)
{
	const struct forge *f = arg;
	struct stat st;
	char name[32];
	void *addr;
	int fs, mnt, fd, i;

	if ((fs = (int)syscall(SYS_fsopen, "tmpfs", 0)) < 0 ||
	    syscall(SYS_fsconfig, fs, 6 /* FSCONFIG_CMD_CREATE */, NULL, NULL,
	    0) < 0 || (mnt = (int)syscall(SYS_fsmount, fs, 0, 0)) < 0)
		return die("fsmount");
	/* tmpfs numbers its inodes in order: make files until one is ID */
	for (i = 0;; i++) {
		if ((fd = openat(mnt, "SYSV00000000", O_RDWR | O_CREAT, 0644)) < 0 ||
		    fstat(fd, &st) < 0)
			return die("SYSV00000000");
		if (st.st_ino >= (ino_t)f->id)
			break;
		close(fd);
		snprintf(name, sizeof(name), "pad%d", i);
		if (renameat(mnt, "SYSV00000000", mnt, name) < 0)
			return die(name);
	}
	if (st.st_ino != (ino_t)f->id || ftruncate(fd, 4096) < 0) {
		fprintf(stderr, "forge-inode: inode %lu, not %d\n",
		    (unsigned long)st.st_ino, f->id);
		return 1;
	}
	if ((addr = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
	    0)) == MAP_FAILED)
		return die("mmap");
	(void)addr;
	return 0;
}

struct attach {
	int	id;
	int	ro;
	int	detach;
};

static int
attach_one(void *arg)
{
	const struct attach *a = arg;
	void *addr;

	if (comm != NULL)
		prctl(PR_SET_NAME, comm);
	if ((addr = shmat(a->id, NULL, a->ro ? SHM_RDONLY : 0)) == (void *)-1)
		return die("shmat");
	if (a->detach && shmdt(addr) < 0)
		return die("shmdt");
	return 0;
}

static int
attach(int id, int ro, int detach)
{
	struct attach a = { id, ro, detach };

	return stay(attach_one, &a);
}

/*
 * Queues i .. n-1, by uid: each real uid may queue RLIMIT_MSGQUEUE bytes
 * (819200 by default, about 7000 small queues), which a sandbox may not
 * let even root lift, so each 5000 are made by another uid: c, the system
 * accounts daemon, bin, sys..., which have passwd entries, so that a listing
 * of them measures the lister and not the C library's search for a name.
 */
static int
mkqueues(int i, int n, const char *prefix, int c)
{
	struct rlimit unlimited = { RLIM_INFINITY, RLIM_INFINITY };
	struct mq_attr attr = { 0, 1, 16, 0, { 0 } };
	char name[300];
	mqd_t q;

	(void)setrlimit(RLIMIT_MSGQUEUE, &unlimited);
	if (c > 0 && (setresgid(c, c, c) < 0 || setresuid(c, c, c) < 0))
		return die("setresuid (other uids must be mapped)");
	for (; i < n; i++) {
		snprintf(name, sizeof(name), "/%s%d", prefix, i);
		q = mq_open(name, O_CREAT | O_WRONLY, 0644, &attr);
		if (q == (mqd_t)-1 || mq_send(q, "x", 1, 0) < 0)
			return die(name);
		mq_close(q);
	}
	return 0;
}

/* N POSIX objects of a kind, named PREFIX0, PREFIX1, ... */
static int
mkposix(const char *kind, int n, const char *prefix)
{
	char name[300];
	int i, c, fd, st;
	pid_t pid;

	if (strcmp(kind, "pmsg") == 0) {
		for (c = 0; c * 5000 < n; c++) {
			if ((pid = fork()) == 0)
				_exit(mkqueues(c * 5000, n < (c + 1) * 5000 ? n :
				    (c + 1) * 5000, prefix, c));
			if (pid < 0 || waitpid(pid, &st, 0) < 0 ||
			    !WIFEXITED(st) || WEXITSTATUS(st) != 0)
				return 1;
		}
		return 0;
	}
	for (i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "/%s%d", prefix, i);
		if (strcmp(kind, "pshm") == 0) {
			if ((fd = shm_open(name, O_CREAT | O_RDWR, 0644)) < 0 ||
			    ftruncate(fd, 4096) < 0)
				return die(name);
			close(fd);
		} else {
			sem_t *s = sem_open(name, O_CREAT, 0644, i % 7);

			if (s == SEM_FAILED)
				return die(name);
			sem_close(s);
		}
	}
	return 0;
}

static int
mk(const char *kind, int n, int uid)
{
	int i, id;

	for (i = 0; i < n; i++) {
		if (kind[1] == 'h') {
			struct shmid_ds ds;

			if ((id = shmget(IPC_PRIVATE, 4096, 0644)) < 0)
				return die("shmget");
			if (uid >= 0 && (shmctl(id, IPC_STAT, &ds) < 0 ||
			    (ds.shm_perm.uid = (uid_t)uid,
			    shmctl(id, IPC_SET, &ds) < 0)))
				return die("shmctl");
		} else if (kind[0] == 'm') {
			struct msqid_ds ds;

			if ((id = msgget(IPC_PRIVATE, 0644)) < 0)
				return die("msgget");
			if (uid >= 0 && (msgctl(id, IPC_STAT, &ds) < 0 ||
			    (ds.msg_perm.uid = (uid_t)uid,
			    msgctl(id, IPC_SET, &ds) < 0)))
				return die("msgctl");
		} else {
			struct semid_ds ds;
			union semun arg = { .buf = &ds };

			if ((id = semget(IPC_PRIVATE, 1, 0644)) < 0)
				return die("semget");
			if (uid >= 0 && (semctl(id, 0, IPC_STAT, arg) < 0 ||
			    (ds.sem_perm.uid = (uid_t)uid,
			    semctl(id, 0, IPC_SET, arg) < 0)))
				return die("semctl");
		}
	}
	return 0;
}

/* The plain loop a user would write: no ipckit, no tricks. */
static int
copy(int id, int in)
{
	struct shmid_ds ds;
	char *p;
	size_t off = 0, n;
	ssize_t r;

	if (shmctl(id, IPC_STAT, &ds) < 0)
		return die("shmctl");
	if ((p = shmat(id, NULL, in ? 0 : SHM_RDONLY)) == (void *)-1)
		return die("shmat");
	while (off < ds.shm_segsz) {
		n = ds.shm_segsz - off < (1 << 20) ? ds.shm_segsz - off :
		    (1 << 20);
		if ((r = in ? read(0, p + off, n) : write(1, p + off, n)) < 0)
			return die(in ? "read" : "write");
		if (r == 0)
			break;
		off += (size_t)r;
	}
	return 0;
}

static int
cmp_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return (x > y) - (x < y);
}

/*
 * The system calls a listing cannot do without, and nothing else: read
 * the directory, then per object a stat (shm: /dev/shm but sem.*), or an
 * open, fstat, read and close (sem: /dev/shm's sem.*), and mq_getattr too
 * (mq: /dev/mqueue).
 */
static int
walk(const char *what)
{
	int sem = strcmp(what, "sem") == 0, mq = strcmp(what, "mq") == 0;
	DIR *d = opendir(mq ? "/dev/mqueue" : "/dev/shm");
	struct dirent *e;
	struct mq_attr a;
	struct stat st;
	char buf[256];
	int fd;

	if (d == NULL)
		return die(what);
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0 ||
		    (!mq && (strncmp(e->d_name, "sem.", 4) == 0) != sem))
			continue;
		if (!sem && !mq) {
			(void)fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW);
			continue;
		}
		fd = openat(dirfd(d), e->d_name, O_RDONLY | O_NONBLOCK | O_NOFOLLOW);
		if (fd < 0)
			continue;
		(void)fstat(fd, &st);
		(void)!pread(fd, buf, sizeof(buf), 0);
		if (mq)
			(void)syscall(SYS_mq_getsetattr, fd, NULL, &a);
		close(fd);
	}
	closedir(d);
	return 0;
}

/* Whole-process timing, fork to wait4, as perf-baseline.md measured. */
/*
 * The kernel's floor: n messages of len bytes sent, n taken, or n copied
 * where they stand (MSG_COPY, by index), by plain calls.
 */
static int
floor_loop(int how, int id, long n, int len)
{
	static struct { long type; char text[8192]; } m = { 1, "" };
	long i;

	memset(m.text, 'x', sizeof(m.text));
	for (i = 0; i < n; i++)
		if (how == 's' ? msgsnd(id, &m, (size_t)len, 0) < 0 :
		    how == 'c' ? msgrcv(id, &m, sizeof(m.text), i,
		    IPC_NOWAIT | MSG_COPY) < 0 :
		    msgrcv(id, &m, sizeof(m.text), 0, IPC_NOWAIT) < 0)
			return die(how == 's' ? "msgsnd" : "msgrcv");
	return 0;
}

/*
 * CMD with the System V listing calls refused: shmctl and msgctl take
 * the command as their second argument, semctl as its third; glibc adds
 * IPC_64 (0x100), so the low byte is compared.
 */
static int
deny(int err, char *argv[])
{
#define ARG(n)	(offsetof(struct seccomp_data, args) + (n) * sizeof(__u64))
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_shmctl, 3, 0),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_msgctl, 2, 0),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_semctl, 7, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		/* shmctl, msgctl: SHM_INFO 14, SHM_STAT_ANY 15, MSG_INFO 12, MSG_STAT_ANY 13 */
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, ARG(1)),
		BPF_STMT(BPF_ALU | BPF_AND | BPF_K, 0xff),
		BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, 12, 0, 1),
		BPF_JUMP(BPF_JMP | BPF_JGT | BPF_K, 15, 0, 7),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		/* semctl: SEM_INFO 19, SEM_STAT_ANY 20 */
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, ARG(2)),
		BPF_STMT(BPF_ALU | BPF_AND | BPF_K, 0xff),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 19, 2, 0),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 20, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (err & SECCOMP_RET_DATA)),
	};
	struct sock_fprog prog = { sizeof(f) / sizeof(f[0]), f };

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 ||
	    prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) < 0)
		return die("seccomp");
	execvp(argv[0], argv);
	return die(argv[0]);
#undef ARG
}

static int
run(int n, char *argv[])
{
	long long *us = calloc((size_t)n, sizeof(*us));
	long maxrss = 0;
	int i, st = 0;

	for (i = 0; us != NULL && i < n; i++) {
		struct timespec t0, t1;
		struct rusage ru;
		pid_t pid;

		clock_gettime(CLOCK_MONOTONIC, &t0);
		if ((pid = fork()) < 0)
			return die("fork");
		if (pid == 0) {
			int fd = open("/dev/null", O_WRONLY);

			dup2(fd, 1);
			execvp(argv[0], argv);
			_exit(127);
		}
		if (wait4(pid, &st, 0, &ru) < 0)
			return die("wait4");
		clock_gettime(CLOCK_MONOTONIC, &t1);
		us[i] = (long long)(t1.tv_sec - t0.tv_sec) * 1000000 +
		    (t1.tv_nsec - t0.tv_nsec) / 1000;
		if (ru.ru_maxrss > maxrss)
			maxrss = ru.ru_maxrss;
	}
	if (us == NULL)
		return die("calloc");
	qsort(us, (size_t)n, sizeof(*us), cmp_ll);
	printf("%lld %ld\n", us[n / 2], maxrss);
	free(us);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 1;
}

int
main(int argc, char *argv[])
{
	int id, i;

	if (argc < 3)
		return 2;
	if (strcmp(argv[1], "deny") == 0 && argc > 3)
		return deny(atoi(argv[2]), argv + 3);
	if (strcmp(argv[1], "run") == 0 && argc > 3)
		return run(atoi(argv[2]), argv + 3);
	if (strcmp(argv[1], "walk") == 0)
		return walk(argv[2]);
	if (strcmp(argv[1], "socket") == 0) {
		struct sockaddr_un sa = { .sun_family = AF_UNIX };
		int fd = socket(AF_UNIX, SOCK_STREAM, 0);

		snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", argv[2]);
		if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0)
			return die(argv[2]);
		return 0;
	}
	if (strcmp(argv[1], "semvalue") == 0) {
		sem_t *sem = sem_open(argv[2], 0);
		int v;

		if (sem == SEM_FAILED || sem_getvalue(sem, &v) < 0)
			return die(argv[2]);
		printf("%d\n", v);
		return 0;
	}
	if (strcmp(argv[1], "mqattr") == 0) {
		struct mq_attr a;
		mqd_t q = mq_open(argv[2], O_RDONLY);

		if (q == (mqd_t)-1 || mq_getattr(q, &a) < 0)
			return die(argv[2]);
		printf("%ld %ld %ld\n", a.mq_maxmsg, a.mq_msgsize, a.mq_curmsgs);
		return 0;
	}
	if (strcmp(argv[1], "mqsend") == 0) {
		mqd_t q = mq_open(argv[2], O_WRONLY);

		if (q == (mqd_t)-1)
			return die(argv[2]);
		for (i = 3; i < argc; i++)
			if (mq_send(q, argv[i], strlen(argv[i]), 0) < 0)
				return die("mq_send");
		return 0;
	}
	if (strcmp(argv[1], "mkposix") == 0 && argc >= 4)
		return mkposix(argv[2], atoi(argv[3]), argc > 4 ? argv[4] : "o");
	if (strcmp(argv[1], "mk") == 0 && argc >= 4)
		return mk(argv[2], atoi(argv[3]), argc > 4 ? atoi(argv[4]) : -1);
	id = atoi(argv[2]);
	if (strcmp(argv[1], "attach") == 0) {
		if (argc > 4)
			comm = argv[4];
		return attach(id, argc > 3 && strcmp(argv[3], "ro") == 0,
		    argc > 3 && strcmp(argv[3], "detach") == 0);
	}
	if (strcmp(argv[1], "forge-long") == 0 && argc == 4) {
		struct forge f = { id, argv[3] };

		return stay(forge_long, &f);
	}
	if (strcmp(argv[1], "forge-inode") == 0) {
		struct forge f = { id, NULL };

		return stay(forge_inode, &f);
	}
	if (strcmp(argv[1], "dump") == 0 || strcmp(argv[1], "load") == 0)
		return copy(id, argv[1][0] == 'l');
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
	if (strcmp(argv[1], "typed") == 0) {
		for (i = 3; i < argc; i++) {
			struct { long type; char text[256]; } m = { 1, "" };
			char *colon = strchr(argv[i], ':');
			size_t n;

			if (colon == NULL)
				return 2;
			m.type = strtol(argv[i], NULL, 10);
			n = strlen(colon + 1);
			if (n > sizeof(m.text))
				n = sizeof(m.text);
			memcpy(m.text, colon + 1, n);
			if (msgsnd(id, &m, n, 0) < 0)
				return die("msgsnd");
		}
		return 0;
	}
	if (strcmp(argv[1], "take") == 0 && argc == 4) {
		static struct { long type; char text[1 << 16]; } m;
		ssize_t n = msgrcv(id, &m, sizeof(m.text), strtol(argv[3], NULL,
		    10), IPC_NOWAIT);

		if (n < 0)
			return die("msgrcv");
		printf("%ld %zd\n", m.type, n);
		fwrite(m.text, 1, (size_t)n, stdout);
		putchar('\n');
		return 0;
	}
	if (strcmp(argv[1], "mqtake") == 0 && argc == 3) {
		static char text[1 << 20];
		unsigned int prio;
		ssize_t n;
		mqd_t q = mq_open(argv[2], O_RDONLY | O_NONBLOCK);

		if (q == (mqd_t)-1)
			return die("mq_open");
		if ((n = mq_receive(q, text, sizeof(text), &prio)) < 0)
			return die("mq_receive");
		printf("%u %zd\n", prio, n);
		fwrite(text, 1, (size_t)n, stdout);
		putchar('\n');
		return 0;
	}
	if (strcmp(argv[1], "floor") == 0 && argc >= 5)
		return floor_loop(argv[2][0], atoi(argv[3]),
		    strtol(argv[4], NULL, 10), argc > 5 ? atoi(argv[5]) : 0);
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
	if (strcmp(argv[1], "chown") == 0 && (argc == 6 || argc == 7)) {
		unsigned long mode = argc == 7 ? strtoul(argv[6], NULL, 8) : ~0UL;

		id = atoi(argv[3]);
		if (strcmp(argv[2], "shm") == 0) {
			struct shmid_ds ds;

			if (shmctl(id, IPC_STAT, &ds) < 0)
				return die("shmctl");
			ds.shm_perm.uid = (uid_t)strtoul(argv[4], NULL, 10);
			ds.shm_perm.gid = (gid_t)strtoul(argv[5], NULL, 10);
			if (mode != ~0UL)
				ds.shm_perm.mode = (unsigned short)mode;
			return shmctl(id, IPC_SET, &ds) < 0 ? die("shmctl") : 0;
		}
		if (strcmp(argv[2], "msg") == 0) {
			struct msqid_ds ds;

			if (msgctl(id, IPC_STAT, &ds) < 0)
				return die("msgctl");
			ds.msg_perm.uid = (uid_t)strtoul(argv[4], NULL, 10);
			ds.msg_perm.gid = (gid_t)strtoul(argv[5], NULL, 10);
			if (mode != ~0UL)
				ds.msg_perm.mode = (unsigned short)mode;
			return msgctl(id, IPC_SET, &ds) < 0 ? die("msgctl") : 0;
		} else {
			struct semid_ds ds;
			union semun arg = { .buf = &ds };

			if (semctl(id, 0, IPC_STAT, arg) < 0)
				return die("semctl");
			ds.sem_perm.uid = (uid_t)strtoul(argv[4], NULL, 10);
			ds.sem_perm.gid = (gid_t)strtoul(argv[5], NULL, 10);
			if (mode != ~0UL)
				ds.sem_perm.mode = (unsigned short)mode;
			return semctl(id, 0, IPC_SET, arg) < 0 ? die("semctl") : 0;
		}
	}
	return 2;
}
