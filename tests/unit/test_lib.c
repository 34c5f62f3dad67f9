/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for libipckit against the kernel: create, look up, stat,
 * enumerate (the walk and /proc must agree), attach, remove, limits.
 * They make and remove objects, so they run only in a private namespace.
 */
#define _DEFAULT_SOURCE	/* SHM_DEST */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ipckit.h"
#include "check.h"

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
	CHECK(o.have == 0, "STAT does not know pages: have=%#x", o.have);
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

	for (k = 0; k < IPCK_NKINDS; k++) {
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

	for (k = 0; k < IPCK_NKINDS; k++)
		test_iter_kind((enum ipck_kind)k, ids[k], n[k]);

	{
		struct ipck_obj o;

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

	for (k = 0; k < IPCK_NKINDS; k++)
		for (i = 0; i < n[k]; i++)
			if (!(k == IPCK_SHM && i == 1))
				CHECK(ipck_remove((enum ipck_kind)k, ids[k][i]) == 0,
				    "clean up");
	test_iter_kind(IPCK_MSG, NULL, 0);
	CHECK(ipck_open(IPCK_PMSG, 0) == NULL && errno == EOPNOTSUPP,
	    "POSIX iter reserved");
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
	return check_done("test_lib");
}
