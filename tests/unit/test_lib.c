/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for libipckit against the kernel: create, look up, stat,
 * enumerate (the walk and /proc must agree), attach, remove, limits.
 * They make and remove objects, so they run only in a private namespace.
 */
#define _GNU_SOURCE	/* SHM_DEST, O_TMPFILE, F_SETPIPE_SZ */
#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ipckit.h"
#include "check.h"

/* The System V kinds come first in the kind table. */
#define NSYSV	3

#define NOBJ	40

static uint64_t
proc_value(const char *path)
{
	unsigned long long v = 0;
	FILE *f = fopen(path, "r");

	if (f != NULL) {
		if (fscanf(f, "%llu", &v) != 1)
			v = 0;
		fclose(f);
	}
	return v;
}

static void
test_create_lookup(void)
{
	int id, id2, created = -1;

	errno = 12345;
	id = ipck_create(IPCK_SHM, 0x7e570001, 8192, 0640, IPCK_EXCL, &created);
	CHECK(id >= 0 && created == 1 && errno == 12345,
	    "create shm: id=%d created=%d errno=%d", id, created, errno);
	CHECK(ipck_lookup(IPCK_SHM, 0x7e570001) == id, "lookup finds it");
	CHECK(errno == 12345, "errno untouched on success: %d", errno);

	id2 = ipck_create(IPCK_SHM, 0x7e570001, 8192, 0640, IPCK_EXCL, NULL);
	CHECK(id2 == -1 && errno == EEXIST, "exclusive twice: %d %d", id2, errno);
	errno = 12345;
	id2 = ipck_create(IPCK_SHM, 0x7e570001, 4096, 0640, 0, &created);
	CHECK(id2 == id && created == 0 && errno == 12345,
	    "reuse: id=%d created=%d errno=%d", id2, created, errno);
	id2 = ipck_create(IPCK_SHM, 0x7e570001, 16384, 0640, 0, NULL);
	CHECK(id2 == -1 && errno == EINVAL, "reuse smaller: %d %d", id2, errno);

	CHECK(ipck_lookup(IPCK_SHM, 0x7e570002) == -1 && errno == ENOENT,
	    "missing key: errno=%d", errno);
	CHECK(ipck_lookup(IPCK_MSG, 0) == -1 && errno == EINVAL,
	    "key 0 names nothing: errno=%d", errno);
	CHECK(ipck_lookup(IPCK_PSHM, 1) == -1 && errno == EOPNOTSUPP,
	    "POSIX kinds reserved: errno=%d", errno);
	CHECK(ipck_create(IPCK_MSG, 0, 0, 01777, 0, NULL) == -1 && errno == EINVAL,
	    "mode beyond 0777: errno=%d", errno);
	CHECK(ipck_create(IPCK_MSG, 0, 0, 0600, IPCK_HUGETLB, NULL) == -1 &&
	    errno == EINVAL, "huge pages for a queue: errno=%d", errno);

	/* the same key names one object of each kind */
	CHECK(ipck_create(IPCK_MSG, 0x7e570001, 0, 0600, IPCK_EXCL, NULL) >= 0,
	    "msg with the shm's key");
	CHECK(ipck_create(IPCK_SEM, 0x7e570001, 3, 0600, IPCK_EXCL, NULL) >= 0,
	    "sem with the shm's key");
	CHECK(ipck_remove(IPCK_SHM, id) == 0, "remove shm");
	errno = 12345;
	id2 = ipck_lookup(IPCK_MSG, 0x7e570001);
	CHECK(ipck_remove_key(IPCK_MSG, 0x7e570001) == id2 && errno == 12345,
	    "remove msg by key: errno=%d", errno);
	CHECK(ipck_lookup(IPCK_MSG, 0x7e570001) == -1 && errno == ENOENT,
	    "the queue is gone");
	CHECK(ipck_remove_key(IPCK_SEM, 0x7e570001) >= 0, "remove sem by key");
	CHECK(ipck_remove_key(IPCK_SEM, 0x7e570001) == -1 && errno == ENOENT,
	    "remove by key twice: errno=%d", errno);
	CHECK(ipck_remove_key(IPCK_SHM, 0) == -1 && errno == EINVAL,
	    "remove key 0: errno=%d", errno);
	CHECK(ipck_remove(IPCK_SHM, id) == -1 && errno == EINVAL,
	    "remove twice: errno=%d", errno);
}

static void
test_stat(void)
{
	struct ipck_obj o;
	int id;

	id = ipck_create(IPCK_SHM, 0x7e570010, 12345, 0604, IPCK_EXCL, NULL);
	errno = 12345;
	CHECK(ipck_stat(IPCK_SHM, id, &o) == 0 && errno == 12345, "stat shm");
	CHECK(o.kind == IPCK_SHM && o.id == id && o.key == 0x7e570010 &&
	    o.mode == 0604 && o.uid == geteuid() && o.cuid == geteuid() &&
	    o.gid == getegid() && o.cgid == getegid(), "shm perm fields");
	CHECK(o.u.shm.size == 12345 && o.u.shm.nattch == 0 &&
	    o.u.shm.cpid == getpid() && o.u.shm.lpid == 0 &&
	    o.u.shm.atime == 0 && o.u.shm.dtime == 0 && o.ctime > 0,
	    "shm fields: size=%llu cpid=%d", (unsigned long long)o.u.shm.size,
	    (int)o.u.shm.cpid);
	CHECK(o.have == IPCK_HAVE_CREATOR, "STAT does not know pages, knows the "
	    "creator: have=%#x", o.have);
	CHECK(ipck_remove(IPCK_SHM, id) == 0, "remove");

	id = ipck_create(IPCK_SEM, 0, 7, 0640, 0, NULL);
	CHECK(ipck_stat(IPCK_SEM, id, &o) == 0 && o.u.sem.nsems == 7 &&
	    o.mode == 0640 && o.key == 0 && o.u.sem.otime == 0, "stat sem");
	CHECK(ipck_remove(IPCK_SEM, id) == 0, "remove sem");

	id = ipck_create(IPCK_MSG, 0x7e570011, 0, 0600, 0, NULL);
	CHECK(ipck_stat(IPCK_MSG, id, &o) == 0 && o.u.msg.qnum == 0 &&
	    o.u.msg.cbytes == 0 && (o.have & IPCK_HAVE_QBYTES) &&
	    o.u.msg.qbytes == proc_value("/proc/sys/kernel/msgmnb"),
	    "stat msg: qbytes=%llu", (unsigned long long)o.u.msg.qbytes);
	CHECK(ipck_remove(IPCK_MSG, id) == 0, "remove msg");

	CHECK(ipck_stat(IPCK_MSG, id, &o) == -1 && errno == EINVAL,
	    "stat removed: errno=%d", errno);
	CHECK(ipck_stat(IPCK_SHM, -1, &o) == -1 && errno == EINVAL,
	    "stat -1: errno=%d", errno);
}

/* Everything both sources know must be the same. */
static int
same(const struct ipck_obj *a, const struct ipck_obj *b)
{
	if (a->kind != b->kind || a->id != b->id || a->key != b->key ||
	    a->mode != b->mode || a->uid != b->uid || a->gid != b->gid ||
	    a->cuid != b->cuid || a->cgid != b->cgid || a->ctime != b->ctime)
		return 0;
	switch (a->kind) {
	case IPCK_SHM:
		return a->u.shm.size == b->u.shm.size &&
		    a->u.shm.nattch == b->u.shm.nattch &&
		    a->u.shm.cpid == b->u.shm.cpid &&
		    a->u.shm.lpid == b->u.shm.lpid &&
		    a->u.shm.atime == b->u.shm.atime &&
		    a->u.shm.dtime == b->u.shm.dtime;
	case IPCK_MSG:
		return a->u.msg.cbytes == b->u.msg.cbytes &&
		    a->u.msg.qnum == b->u.msg.qnum &&
		    a->u.msg.lspid == b->u.msg.lspid &&
		    a->u.msg.lrpid == b->u.msg.lrpid &&
		    a->u.msg.stime == b->u.msg.stime &&
		    a->u.msg.rtime == b->u.msg.rtime;
	default:
		return a->u.sem.nsems == b->u.sem.nsems &&
		    a->u.sem.otime == b->u.sem.otime;
	}
}

/* Walk a kind both ways; every id in want[] must be seen once, and nothing else. */
static void
test_iter_kind(enum ipck_kind kind, const int *want, int nwant)
{
	struct ipck_obj walk[NOBJ], proc[NOBJ], o;
	ipck_iter *it;
	int nw = 0, np = 0, i, j, r;

	it = ipck_open(kind, 0);
	CHECK(it != NULL, "open walk %s", ipck_kind_name(kind));
	while (it != NULL && (r = ipck_next(it, &o)) == 1 && nw < NOBJ)
		walk[nw++] = o;
	ipck_close(it);
	it = ipck_open(kind, IPCK_ITER_PROC);
	CHECK(it != NULL, "open proc %s", ipck_kind_name(kind));
	while (it != NULL && (r = ipck_next(it, &o)) == 1 && np < NOBJ)
		proc[np++] = o;
	ipck_close(it);

	CHECK(nw == nwant && np == nwant, "%s: walk %d, proc %d, want %d",
	    ipck_kind_name(kind), nw, np, nwant);
	for (i = 0; i < nw && i < np; i++) {
		for (j = 0; j < nwant && want[j] != walk[i].id; j++)
			continue;
		CHECK(j < nwant, "%s: walk found id %d nobody made",
		    ipck_kind_name(kind), walk[i].id);
		for (j = 0; j < np && proc[j].id != walk[i].id; j++)
			continue;
		CHECK(j < np && same(&walk[i], &proc[j]),
		    "%s id %d: walk and /proc disagree", ipck_kind_name(kind),
		    walk[i].id);
	}
	if (kind == IPCK_SHM && np > 0)
		CHECK(proc[0].have & IPCK_HAVE_PAGES, "/proc knows pages");
}

static void
test_iter(void)
{
	int ids[IPCK_NKINDS][NOBJ], n[IPCK_NKINDS] = { 0 }, i, k;
	void *addr;
	struct ipck_usage use;
	struct ipck_obj o;

	for (k = 0; k < NSYSV; k++) {
		for (i = 0; i < NOBJ; i++) {
			key_t key = i % 3 == 0 ? 0 : (key_t)(0x7e571000 + i);

			ids[k][i] = ipck_create((enum ipck_kind)k, key, 4096,
			    0600 | (unsigned)(i % 8), IPCK_EXCL, NULL);
			CHECK(ids[k][i] >= 0, "create %d", i);
		}
		/* leave holes in the index space */
		for (i = 0; i < NOBJ; i += 4)
			CHECK(ipck_remove((enum ipck_kind)k, ids[k][i]) == 0,
			    "punch hole");
		for (i = 0; i < NOBJ; i++)
			if (i % 4 != 0)
				ids[k][n[k]++] = ids[k][i];
	}
	/* an attached segment, and one removed while attached */
	addr = ipck_attach(ids[IPCK_SHM][0], 0);
	CHECK(addr != NULL, "attach");
	CHECK(ipck_attach(ids[IPCK_SHM][1], 1) != NULL, "attach read-only");
	CHECK(ipck_remove(IPCK_SHM, ids[IPCK_SHM][1]) == 0, "remove attached");

	for (k = 0; k < NSYSV; k++)
		test_iter_kind((enum ipck_kind)k, ids[k], n[k]);

	{
		CHECK(ipck_stat(IPCK_SHM, ids[IPCK_SHM][1], &o) == 0 &&
		    (o.mode & SHM_DEST) && o.key == 0 && o.u.shm.nattch == 1,
		    "removed but attached: mode=%o key=%#x", o.mode,
		    (unsigned)o.key);
	}
	CHECK(ipck_usage(IPCK_SHM, &use) == 0 && use.ids == (uint64_t)n[IPCK_SHM],
	    "usage shm ids %llu", (unsigned long long)use.ids);
	CHECK(ipck_usage(IPCK_SEM, &use) == 0 && use.sem_sems ==
	    4096ULL * (uint64_t)n[IPCK_SEM], "usage sems");
	CHECK(ipck_detach(addr) == 0, "detach");
	CHECK(ipck_detach(addr) == -1 && errno == EINVAL, "detach twice");

	for (k = 0; k < NSYSV; k++)
		for (i = 0; i < n[k]; i++)
			if (!(k == IPCK_SHM && i == 1))
				CHECK(ipck_remove((enum ipck_kind)k, ids[k][i]) == 0,
				    "clean up");
	test_iter_kind(IPCK_MSG, NULL, 0);
	/* what the POSIX kinds cannot do yet, every function says so */
	errno = 0;
	CHECK(ipck_lookup(IPCK_PSHM, 1) == -1 && errno == EOPNOTSUPP, "lookup");
	errno = 0;
	CHECK(ipck_stat(IPCK_PMSG, 0, &o) == -1 && errno == EOPNOTSUPP, "stat");
	errno = 0;
	CHECK(ipck_remove(IPCK_PSEM, 0) == -1 && errno == EOPNOTSUPP, "remove");
	errno = 0;
	CHECK(ipck_create(IPCK_PSHM, 0, 1, 0600, 0, NULL) == -1 &&
	    errno == EOPNOTSUPP, "create");
	errno = 0;
	CHECK(ipck_open((enum ipck_kind)IPCK_NKINDS, 0) == NULL &&
	    errno == EINVAL, "no such kind");
}

static void
test_limits(void)
{
	struct ipck_limits lim;

	CHECK(ipck_limits(&lim) == 0, "limits");
	CHECK(lim.shmmax == proc_value("/proc/sys/kernel/shmmax") &&
	    lim.shmall == proc_value("/proc/sys/kernel/shmall") &&
	    lim.shmmni == proc_value("/proc/sys/kernel/shmmni") &&
	    lim.msgmni == proc_value("/proc/sys/kernel/msgmni") &&
	    lim.msgmax == proc_value("/proc/sys/kernel/msgmax") &&
	    lim.msgmnb == proc_value("/proc/sys/kernel/msgmnb") &&
	    lim.semmsl == proc_value("/proc/sys/kernel/sem") && lim.shmmin == 1,
	    "limits match /proc/sys/kernel");
}

static void
test_ftok(void)
{
	key_t k;

	CHECK(ipck_ftok("/", 'A', &k) == 0 && k == ftok("/", 'A'), "ftok /");
	CHECK(ipck_ftok("/", 0x141, &k) == 0 && k == ftok("/", 'A'),
	    "only the low 8 bits count");
	CHECK(ipck_ftok("/", 0x100, &k) == -1 && errno == EINVAL,
	    "low byte 0: errno=%d", errno);
	CHECK(ipck_ftok("/nonexistent/ipckit", 1, &k) == -1 && errno == ENOENT,
	    "missing path: errno=%d", errno);
}

static void
test_stat_proc(void)
{
	struct ipck_obj a, b;
	uint64_t ps = (uint64_t)sysconf(_SC_PAGESIZE);
	char *p;
	int id;

	id = ipck_create(IPCK_SHM, 0x7e570021, 3 * ps, 0640, 0, NULL);
	p = ipck_attach(id, 0);
	CHECK(p != NULL, "attached");
	if (p != NULL)
		p[0] = 1;	/* one page resident */
	errno = 12345;
	CHECK(ipck_stat_proc(IPCK_SHM, id, &b) == 0 && errno == 12345,
	    "stat from /proc");
	CHECK(ipck_stat(IPCK_SHM, id, &a) == 0, "stat");
	CHECK(b.id == id && b.key == a.key && b.mode == a.mode &&
	    b.uid == a.uid && b.u.shm.size == a.u.shm.size &&
	    b.u.shm.nattch == 1 && b.u.shm.cpid == a.u.shm.cpid,
	    "/proc and IPC_STAT agree");
	CHECK((b.have & IPCK_HAVE_PAGES) && b.u.shm.rss >= ps &&
	    b.u.shm.rss < 3 * ps, "pages: have %#x rss %llu", b.have,
	    (unsigned long long)b.u.shm.rss);
	if (p != NULL)
		ipck_detach(p);
	ipck_remove(IPCK_SHM, id);
	CHECK(ipck_stat_proc(IPCK_SHM, id, &b) == -1 && errno == EINVAL,
	    "gone: %d", errno);
}

/* As a user who may not read it: described all the same, errno untouched. */
static void
test_stat_unreadable(void)
{
	struct ipck_obj o;
	int id, st;
	pid_t pid;

	id = ipck_create(IPCK_SHM, 0x7e570020, 4096, 0, 0, NULL);
	CHECK(id >= 0, "a segment of mode 000");
	if ((pid = fork()) == 0) {
		if (setgid(65534) != 0 || setuid(65534) != 0)
			_exit(77);
		errno = 4321;
		_exit(ipck_stat(IPCK_SHM, id, &o) == 0 && errno == 4321 &&
		    o.id == id && o.key == 0x7e570020 && o.mode == 0 ? 0 : 1);
	}
	CHECK(pid > 0 && waitpid(pid, &st, 0) == pid && WIFEXITED(st),
	    "child ran");
	if (WEXITSTATUS(st) == 77)
		printf("test_lib: no uid 65534 here: unreadable stat not tried\n");
	else
		CHECK(WEXITSTATUS(st) == 0, "stat as uid 65534: %d",
		    WEXITSTATUS(st));
	ipck_remove(IPCK_SHM, id);
}

static void
test_sem_values(void)
{
	struct ipck_semval v[3];
	struct sembuf op = { 1, 4, 0 };
	int id;

	id = ipck_create(IPCK_SEM, 0, 3, 0600, 0, NULL);
	CHECK(id >= 0 && semop(id, &op, 1) == 0, "a set, semaphore 1 raised");
	errno = 12345;
	CHECK(ipck_sem_values(id, 3, v) == 0 && errno == 12345, "values");
	CHECK(v[0].val == 0 && v[0].pid == 0 && v[1].val == 4 &&
	    v[1].pid == getpid() && v[2].val == 0 && v[1].ncnt == 0 &&
	    v[1].zcnt == 0, "val/pid: %d/%d %d/%d %d", v[0].val, v[0].pid,
	    v[1].val, v[1].pid, v[2].val);
	CHECK(ipck_remove(IPCK_SEM, id) == 0, "remove");
	CHECK(ipck_sem_values(id, 3, v) == -1 && errno == EINVAL,
	    "gone: %d", errno);
}

static void
test_attachers(void)
{
	struct ipck_attacher *a;
	size_t n, hidden;
	void *rw, *ro;
	int id;

	id = ipck_create(IPCK_SHM, 0, 8192, 0600, 0, NULL);
	CHECK(ipck_attachers(id, &a, &n, &hidden) == 0 && n == 0,
	    "none yet: %zu", n);
	free(a);
	rw = ipck_attach(id, 0);
	ro = ipck_attach(id, 1);
	CHECK(rw != NULL && ro != NULL, "attached twice");
	errno = 12345;
	CHECK(ipck_attachers(id, &a, &n, &hidden) == 0 && errno == 12345 &&
	    n == 2, "two mappings: %zu", n);
	if (n == 2) {
		if (a[0].start != (uint64_t)(uintptr_t)rw) {
			struct ipck_attacher t = a[0];

			a[0] = a[1];
			a[1] = t;
		}
		CHECK(a[0].pid == getpid() && a[1].pid == getpid(), "pids");
		CHECK(a[0].start == (uint64_t)(uintptr_t)rw &&
		    a[0].end - a[0].start == 8192 && !a[0].rdonly,
		    "rw mapping");
		CHECK(a[1].start == (uint64_t)(uintptr_t)ro && a[1].rdonly,
		    "ro mapping");
	}
	free(a);
	ipck_detach(rw);
	ipck_detach(ro);
	CHECK(ipck_attachers(id, &a, &n, &hidden) == 0 && n == 0,
	    "detached: %zu", n);
	free(a);
	ipck_remove(IPCK_SHM, id);
}

/* The test pattern: no period a window or page size would hide. */
static unsigned char
pat(uint64_t i)
{
	return (unsigned char)((i * 131U) ^ (i >> 9) ^ (i >> 17));
}

/*
 * A child that reads fd to its end and checks it is pat(off ..): its pid.
 * other is the pipe's write end, which the child must not hold open.
 */
static pid_t
reader(int fd, int other, uint64_t off, uint64_t len, int slow)
{
	static unsigned char buf[100003];
	uint64_t got = 0, i;
	ssize_t r;
	pid_t pid = fork();

	if (pid != 0)
		return pid;
	if (other >= 0)
		close(other);
	if (slow)
		usleep(100000);
	while ((r = read(fd, buf, sizeof(buf))) > 0) {
		for (i = 0; i < (uint64_t)r; i++)
			if (got + i >= len || buf[i] != pat(off + got + i))
				_exit(1);
		got += (uint64_t)r;
	}
	_exit(r == 0 && got == len ? 0 : 2);
}

/* A child that writes pat(0 .. len) to fd in odd pieces: its pid. */
static pid_t
writer(int fd, uint64_t len)
{
	static unsigned char buf[65537];
	uint64_t done = 0, i;
	size_t n;
	pid_t pid = fork();

	if (pid != 0)
		return pid;
	while (done < len) {
		n = len - done < sizeof(buf) ? (size_t)(len - done) : sizeof(buf);
		for (i = 0; i < n; i++)
			buf[i] = pat(done + i);
		if (write(fd, buf, n) != (ssize_t)n)
			_exit(1);
		done += n;
	}
	_exit(0);
}

static int
reaped(pid_t pid)
{
	int st;

	return waitpid(pid, &st, 0) == pid && WIFEXITED(st) &&
	    WEXITSTATUS(st) == 0;
}

/* Whether the segment's bytes off .. off+len are pat(from ..). */
static int
holds(int id, uint64_t off, uint64_t len, uint64_t from)
{
	const unsigned char *p = shmat(id, NULL, SHM_RDONLY);
	uint64_t i;
	int ok = p != (void *)-1;

	for (i = 0; ok && i < len; i++)
		ok = p[off + i] == pat(from + i);
	if (p != (void *)-1)
		shmdt(p);
	return ok;
}

/* An unnamed file in /tmp holding pat(0 .. len), at offset 0. */
static int
pattern_file(uint64_t len)
{
	int fd = open("/tmp", O_TMPFILE | O_RDWR, 0600);
	pid_t pid;

	if (fd < 0)
		return -1;
	pid = writer(fd, len);
	if (!reaped(pid) || lseek(fd, 0, SEEK_SET) != 0) {
		close(fd);
		return -1;
	}
	return fd;
}

/*
 * Every way in and out, across the 16 MiB windows of the mapping: fast
 * names the ways a caller with the capability takes, slow the others.
 */
static void
test_shm_copy_as(int cap)
{
	const uint64_t size = (40 << 20) + 5, off = (16 << 20) - 7;
	const uint64_t len = (16 << 20) + 20;
	struct ipck_copy c;
	struct stat st;
	int id, p[2], fd, r;
	pid_t pid;

	id = ipck_create(IPCK_SHM, 0, size, 0600, 0, NULL);
	CHECK(id >= 0, "a 40 MiB segment");

	/* in from a regular file, then from a pipe, each at an offset */
	fd = pattern_file(size);
	CHECK(fd >= 0, "a pattern file");
	r = ipck_shm_write(id, 0, size, fd, &c);
	CHECK(r == 0 && c.done == size && !c.eof &&
	    strcmp(c.via, cap ? "splice" : "read") == 0,
	    "file in: %d %llu %s", r, (unsigned long long)c.done, c.via);
	CHECK(holds(id, 0, size, 0), "the file's bytes, all of them");
	CHECK(lseek(fd, 0, SEEK_CUR) == (off_t)size, "input read to its end");
	close(fd);

	CHECK(pipe(p) == 0, "pipe");
	pid = writer(p[1], len - 10);
	close(p[1]);
	r = ipck_shm_write(id, off, len, p[0], &c);
	CHECK(r == 0 && c.done == len - 10 && c.eof &&
	    strcmp(c.via, cap ? "splice" : "read") == 0,
	    "pipe in: %d %llu %s", r, (unsigned long long)c.done, c.via);
	CHECK(reaped(pid), "writer done");
	close(p[0]);
	CHECK(holds(id, off, len - 10, 0) && holds(id, 0, off, 0) &&
	    holds(id, off + len - 10, size - off - len + 10, off + len - 10),
	    "the pipe's bytes at the offset, the rest as it was");

	/* out to a pipe (blocking, then non-blocking and slow to drain) */
	fd = pattern_file(size);
	r = ipck_shm_write(id, 0, size, fd, &c);
	close(fd);
	CHECK(r == 0, "pattern back in");
	for (int nb = 0; nb < 2; nb++) {
		CHECK(pipe(p) == 0, "pipe");
		if (nb)
			fcntl(p[1], F_SETFL, O_NONBLOCK);
		pid = reader(p[0], p[1], off, len, nb);
		close(p[0]);
		r = ipck_shm_read(id, off, len, p[1], &c);
		close(p[1]);
		CHECK(r == 0 && c.done == len &&
		    strcmp(c.via, cap ? "sendfile" : "vmsplice") == 0,
		    "pipe out (%s): %d %llu %s", nb ? "non-blocking" :
		    "blocking", r, (unsigned long long)c.done, c.via);
		CHECK(reaped(pid), "the reader got pat(off ..) and no more");
	}

	/* out to a file, plain and O_APPEND */
	for (int app = 0; app < 2; app++) {
		fd = open("/tmp", O_TMPFILE | O_RDWR | (app ? O_APPEND : 0),
		    0600);
		CHECK(fd >= 0 && write(fd, "x", 1) == 1, "output file");
		r = ipck_shm_read(id, off, len, fd, &c);
		CHECK(r == 0 && c.done == len && strcmp(c.via, cap && !app ?
		    "sendfile" : "write") == 0, "file out%s: %d %s",
		    app ? " (O_APPEND)" : "", r, c.via);
		CHECK(fstat(fd, &st) == 0 && (uint64_t)st.st_size == len + 1,
		    "file size %lld", (long long)st.st_size);
		CHECK(lseek(fd, 1, SEEK_SET) == 1 && reaped(reader(fd, -1, off,
		    len, 0)), "the file holds pat(off ..)");
		close(fd);
	}

	/* the range is checked before anything is attached */
	c.via = "unset";
	CHECK(ipck_shm_read(id, size + 1, 0, 1, &c) == -1 && errno == ERANGE &&
	    c.via == NULL && c.done == 0, "offset past the end");
	CHECK(ipck_shm_read(id, 1, size, 1, &c) == -1 && errno == ERANGE,
	    "length past the end");
	CHECK(ipck_shm_write(id, 0, UINT64_MAX, 0, &c) == -1 &&
	    errno == ERANGE, "huge length");
	CHECK(ipck_shm_read(id, size, 0, 1, &c) == 0 && c.done == 0,
	    "an empty range at the end");
	ipck_remove(IPCK_SHM, id);
	CHECK(ipck_shm_read(id, 0, 1, 1, &c) == -1 && errno == EINVAL &&
	    c.via == NULL, "gone: %d", errno);
}

/* What a scan saw: every byte checked against the segment's contents. */
struct seen {
	uint64_t	 at;		/* offset of the next byte */
	uint64_t	 bad;		/* bytes not as written */
	uint64_t	 calls;
	uint64_t	 stop_at;	/* fail once at reaches it (0: never) */
	const uint64_t	*data;		/* pairs: start, length of pat() runs */
	size_t		 ndata;
};

static int
expect(void *arg, const void *p, size_t n)
{
	struct seen *s = arg;
	const unsigned char *b = p;
	size_t i, k;
	unsigned char want;

	s->calls++;
	for (i = 0; i < n; i++, s->at++) {
		want = 0;
		for (k = 0; k < s->ndata; k += 2)
			if (s->at >= s->data[k] && s->at < s->data[k] + s->data[k + 1])
				want = pat(s->at);
		s->bad += b[i] != want;
	}
	if (s->stop_at != 0 && s->at >= s->stop_at) {
		errno = ENOSPC;
		return -1;
	}
	return 0;
}

/* A scan hands over every byte in order, and never allocates a hole. */
static void
test_shm_scan(void)
{
	/* at the start, across the 16 MiB edge, and at the very end */
	static const uint64_t data[] = { 0, 100, (16 << 20) - 10, 20,
	    (40 << 20) - 3, 3 };
	const uint64_t size = 40 << 20;
	struct ipck_obj before, after;
	struct ipck_copy c;
	struct seen s;
	unsigned char *p;
	uint64_t i;
	size_t k;
	int id;

	id = ipck_create(IPCK_SHM, 0, size, 0600, IPCK_NORESERVE, NULL);
	p = ipck_attach(id, 0);
	CHECK(id >= 0 && p != NULL, "a sparse segment");
	if (p == NULL)
		return;
	for (k = 0; k < sizeof(data) / sizeof(data[0]); k += 2)
		for (i = data[k]; i < data[k] + data[k + 1]; i++)
			p[i] = pat(i);
	ipck_detach(p);
	CHECK(ipck_stat_proc(IPCK_SHM, id, &before) == 0 &&
	    before.u.shm.rss == 4 * (uint64_t)sysconf(_SC_PAGESIZE),
	    "4 pages resident: %llu",
	    (unsigned long long)before.u.shm.rss);

	memset(&s, 0, sizeof(s));
	s.data = data;
	s.ndata = sizeof(data) / sizeof(data[0]);
	CHECK(ipck_shm_scan(id, 0, size, expect, &s, &c) == 0 &&
	    s.at == size && c.done == size && s.bad == 0 &&
	    strcmp(c.via, "pread") == 0, "the whole segment: at %llu, bad %llu",
	    (unsigned long long)s.at, (unsigned long long)s.bad);
	CHECK(s.calls >= 5, "runs of data and zeros apart: %llu calls",
	    (unsigned long long)s.calls);
	CHECK(ipck_stat_proc(IPCK_SHM, id, &after) == 0 &&
	    after.u.shm.rss == before.u.shm.rss, "no page allocated: %llu",
	    (unsigned long long)after.u.shm.rss);

	/* a range starting in a hole and ending inside data */
	memset(&s, 0, sizeof(s));
	s.data = data;
	s.ndata = sizeof(data) / sizeof(data[0]);
	s.at = 50;
	CHECK(ipck_shm_scan(id, 50, (16 << 20) - 50, expect, &s, &c) == 0 &&
	    s.bad == 0 && s.at == 16 << 20, "a range: at %llu",
	    (unsigned long long)s.at);

	/* the function stops it, and its errno is the answer */
	memset(&s, 0, sizeof(s));
	s.data = data;
	s.ndata = sizeof(data) / sizeof(data[0]);
	s.stop_at = 20 << 20;
	errno = 0;
	CHECK(ipck_shm_scan(id, 0, size, expect, &s, &c) == -1 &&
	    errno == ENOSPC && c.done < size, "stopped: errno %d", errno);
	CHECK(ipck_shm_scan(id, 1, size, expect, &s, &c) == -1 &&
	    errno == ERANGE && c.via == NULL, "past the end");
	ipck_remove(IPCK_SHM, id);
}

/*
 * Runs of a sparse segment filled from one input, one after another: the
 * bytes land where the runs say, the holes between stay unallocated, and
 * runs out of order or past the end are refused before anything moves.
 */
static void
test_shm_runs(void)
{
	const uint64_t size = 40 << 20, page = (uint64_t)sysconf(_SC_PAGESIZE);
	const struct ipck_run runs[] = { { 0, 100 }, { 16 << 20, 4096 },
	    { size - 3, 3 } }, back[] = { { 8192, 1 }, { 0, 1 } };
	struct ipck_obj after;
	struct ipck_copy c;
	unsigned char buf[4096], *p;
	uint64_t i, bad = 0;
	size_t k;
	int id, fd;

	id = ipck_create(IPCK_SHM, 0, size, 0600, IPCK_NORESERVE, NULL);
	fd = open("/dev/shm", O_TMPFILE | O_RDWR, 0600);
	CHECK(id >= 0 && fd >= 0, "a sparse segment and an input");
	if (id < 0 || fd < 0)
		return;
	/* the input: each run's bytes, pat() of where they go, back to back */
	for (k = 0; k < sizeof(runs) / sizeof(runs[0]); k++) {
		for (i = 0; i < runs[k].len; i++)
			buf[i] = pat(runs[k].off + i);
		CHECK(write(fd, buf, (size_t)runs[k].len) == (ssize_t)runs[k].len,
		    "the input written");
	}
	lseek(fd, 0, SEEK_SET);
	CHECK(ipck_shm_write_runs(id, runs, 3, fd, &c) == 0 &&
	    c.done == 100 + 4096 + 3 && !c.eof, "three runs: %llu bytes",
	    (unsigned long long)c.done);
	CHECK(lseek(fd, 0, SEEK_CUR) == 100 + 4096 + 3, "the input read to its end");
	CHECK(ipck_stat_proc(IPCK_SHM, id, &after) == 0 &&
	    after.u.shm.rss == 3 * page, "only the runs' pages allocated: %llu",
	    (unsigned long long)after.u.shm.rss);
	if ((p = ipck_attach(id, 1)) != NULL) {
		for (k = 0; k < sizeof(runs) / sizeof(runs[0]); k++)
			for (i = runs[k].off; i < runs[k].off + runs[k].len; i++)
				bad += p[i] != pat(i);
		bad += p[100] != 0 || p[(16 << 20) - 1] != 0;
		ipck_detach(p);
	}
	CHECK(p != NULL && bad == 0, "the bytes where the runs say: %llu bad",
	    (unsigned long long)bad);
	lseek(fd, 0, SEEK_SET);
	CHECK(ipck_shm_write_runs(id, back, 2, fd, &c) == -1 && errno == EINVAL &&
	    lseek(fd, 0, SEEK_CUR) == 0, "runs out of order: nothing read");
	CHECK(ipck_shm_write_runs(id, runs + 2, 1, fd, &c) == 0 && c.done == 3,
	    "one run at the very end");
	{
		const struct ipck_run past[] = { { 0, 1 }, { size - 1, 2 } };

		CHECK(ipck_shm_write_runs(id, past, 2, fd, &c) == -1 &&
		    errno == ERANGE && c.via == NULL, "a run past the end");
	}
	close(fd);
	ipck_remove(IPCK_SHM, id);
}

/* 1 when this process may open a mapping's file through map_files. */
static int
have_map_files(void)
{
	int id = ipck_create(IPCK_SHM, 0, 4096, 0600, 0, NULL), fd;
	char path[64];
	char *p = ipck_attach(id, 1);

	snprintf(path, sizeof(path), "/proc/self/map_files/%lx-%lx",
	    (unsigned long)(uintptr_t)p, (unsigned long)(uintptr_t)p + 4096);
	fd = open(path, O_RDONLY);
	if (fd >= 0)
		close(fd);
	ipck_detach(p);
	ipck_remove(IPCK_SHM, id);
	return fd >= 0;
}

static void
test_shm_copy(void)
{
	struct __user_cap_header_struct hdr = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct cap[2];
	int st, fast = have_map_files();
	pid_t pid;

	test_shm_copy_as(fast);
	if (!fast) {
		printf("test_lib: map_files is closed here: only the ways "
		    "without it tried\n");
		return;
	}
	/* the same without the capabilities, in a child that gives them up */
	fflush(stdout);
	if ((pid = fork()) == 0) {
		check_pass = check_fail = 0;
		if (syscall(SYS_capget, &hdr, cap) != 0)
			_exit(3);
		cap[0].effective &= ~(1U << CAP_SYS_ADMIN);
		cap[1].effective &= ~(1U << (CAP_CHECKPOINT_RESTORE - 32));
		if (syscall(SYS_capset, &hdr, cap) != 0 || have_map_files())
			_exit(3);
		test_shm_copy_as(0);
		_exit(check_fail != 0);
	}
	CHECK(pid > 0 && waitpid(pid, &st, 0) == pid && WIFEXITED(st) &&
	    WEXITSTATUS(st) == 0, "without CAP_SYS_ADMIN: exit %d",
	    WEXITSTATUS(st));
}

int
main(void)
{
	const char *ns = getenv("IPCKIT_PRIVATE_NS");

	if (ns == NULL || *ns == '\0') {
		fprintf(stderr, "test_lib: not in a private IPC namespace; "
		    "run it through tests/ns\n");
		return 1;
	}
	test_create_lookup();
	test_stat();
	test_iter();
	test_limits();
	test_ftok();
	test_stat_proc();
	test_stat_unreadable();
	test_sem_values();
	test_attachers();
	test_shm_scan();
	test_shm_runs();
	test_shm_copy();
	return check_done("test_lib");
}
