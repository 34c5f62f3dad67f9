/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for IPC namespaces and container names: a child in an IPC
 * namespace of its own holds a segment, found by entering it, never from
 * here; and cgroup paths in the shapes each engine writes them.
 * tests/ns gives this a namespace of its own to start from.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ipckit.h"
#include "check.h"

/* One sample: the file's text, and what it names. */
struct sample {
	const char	*what;
	const char	*text;
	int		 named;
	const char	*engine, *id, *pod;
};

#define ID64 "3f2a1b9c0d1e4f5a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c"

static const struct sample samples[] = {
	{ "docker, systemd driver", "0::/system.slice/docker-" ID64 ".scope\n",
	    1, "docker", ID64, "" },
	{ "docker, cgroupfs, v1 lines", "12:pids:/docker/" ID64 "\n"
	    "11:memory:/docker/" ID64 "\n1:name=systemd:/docker/" ID64 "\n",
	    1, "docker", ID64, "" },
	{ "containerd under Kubernetes",
	    "0::/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-"
	    "pod1f2e3d4c_5b6a_7980_a1b2_c3d4e5f60718.slice/cri-containerd-"
	    ID64 ".scope\n", 1, "containerd", ID64,
	    "1f2e3d4c-5b6a-7980-a1b2-c3d4e5f60718" },
	{ "cri-o", "0::/kubepods.slice/kubepods-burstable.slice/kubepods-"
	    "burstable-podabc_def.slice/crio-" ID64 ".scope\n", 1, "cri-o",
	    ID64, "abc-def" },
	{ "cri-o's conmon is no container", "0::/kubepods.slice/crio-conmon-"
	    ID64 ".scope\n", 0, "", "", "" },
	{ "podman", "0::/user.slice/user-1000.slice/user@1000.service/user."
	    "slice/libpod-" ID64 ".scope\n", 1, "podman", ID64, "" },
	{ "podman's conmon is no container", "0::/machine.slice/libpod-conmon-"
	    ID64 ".scope\n", 0, "", "", "" },
	{ "podman, cgroupfs", "0::/libpod_parent/libpod-" ID64 "\n", 1,
	    "podman", ID64, "" },
	{ "systemd-nspawn, a machine scope",
	    "0::/machine.slice/machine-my\\x2dbox.scope/payload\n", 1, "nspawn",
	    "my-box", "" },
	{ "systemd-nspawn, its service", "0::/machine.slice/systemd-nspawn@"
	    "build.service/payload\n", 1, "nspawn", "build", "" },
	{ "a pod, cgroupfs driver", "0::/kubepods/besteffort/pod1234-5678/"
	    ID64 "\n", 1, "kubernetes", ID64, "1234-5678" },
	{ "none: a login session", "0::/user.slice/user-1000.slice/session-4."
	    "scope\n", 0, "", "", "" },
	{ "none: a service", "0::/system.slice/cron.service\n", 0, "", "", "" },
	{ "none: the root", "0::/\n", 0, "", "", "" },
	{ "none: too short to be an id", "0::/system.slice/docker-abc.scope\n",
	    0, "", "", "" },
	{ "none: not hex", "0::/docker/zzzzzzzzzzzzzzzz\n", 0, "", "", "" },
	{ "none: empty", "", 0, "", "", "" },
};

static void
test_cgroup(void)
{
	struct ipck_container c;
	size_t i;
	int r;

	for (i = 0; i < sizeof(samples) / sizeof(samples[0]); i++) {
		r = ipck_parse_cgroup(samples[i].text, &c);
		CHECK(r == samples[i].named && strcmp(c.engine,
		    samples[i].engine) == 0 && strcmp(c.id, samples[i].id) == 0 &&
		    strcmp(c.pod, samples[i].pod) == 0, "%s: %d '%s' '%s' '%s'",
		    samples[i].what, r, c.engine, c.id, c.pod);
	}
	errno = 0;
	CHECK(ipck_parse_cgroup(NULL, &c) == -1 && errno == EINVAL, "NULL");
	CHECK(ipck_container_of(getpid(), &c) >= 0, "this process's own");
}

/* A child in an IPC namespace of its own, with segment key 0x7e57; its pid. */
static pid_t
child_ns(int *ready)
{
	int p[2];
	pid_t pid;
	char c;

	if (pipe(p) < 0 || (pid = fork()) < 0)
		return -1;
	if (pid == 0) {
		close(p[0]);
		if (unshare(CLONE_NEWIPC) < 0 ||
		    ipck_create(IPCK_SHM, 0x7e57, 4096, 0600, IPCK_EXCL, NULL) < 0)
			_exit(1);
		if (write(p[1], "k", 1) != 1)
			_exit(1);
		pause();
		_exit(0);
	}
	close(p[1]);
	*ready = read(p[0], &c, 1) == 1;
	close(p[0]);
	return pid;
}

static void
test_enter(void)
{
	struct ipck_nsinfo *v, gone;
	struct stat own, st;
	size_t n, i, found = 0;
	pid_t pid, holder;
	int ready = 0, fd, self, uts;

	CHECK(stat("/proc/self/ns/ipc", &own) == 0, "own namespace");
	pid = child_ns(&ready);
	CHECK(pid > 0 && ready, "a child in a namespace of its own");
	CHECK(ipck_lookup(IPCK_SHM, 0x7e57) == -1 && errno == ENOENT,
	    "its segment is not here");
	/* every namespace once: ours and the child's, each with its holder */
	CHECK(ipck_ns_all(&v, &n) == 0, "all namespaces");
	for (i = 0; i < n; i++) {
		if (v[i].ino == own.st_ino)
			found |= 1;
		if (v[i].pid == pid) {
			found |= 2;
			CHECK(v[i].nprocs == 1, "one process holds the child's: %u",
			    v[i].nprocs);
			CHECK(strcmp(v[i].comm, "test_ns") == 0, "its command: %s",
			    v[i].comm);
			fd = ipck_nsinfo_open(&v[i]);
			CHECK(fd >= 0 && fstat(fd, &st) == 0 &&
			    st.st_ino == v[i].ino, "opened by what was found");
			if (fd >= 0)
				close(fd);
		}
		if (i > 0)
			CHECK(v[i - 1].ino < v[i].ino, "sorted, each once");
	}
	CHECK(found == 3, "ours and the child's are listed: %zu", found);
	ipck_ns_free(v, n);
	/* entering it finds the segment; coming back does not */
	self = ipck_ns_open(0, "/proc/self/ns/ipc");
	fd = ipck_ns_open(pid, NULL);
	CHECK(self >= 0 && fd >= 0, "both opened");
	CHECK(ipck_ns_holder(fd, &holder) == 0 && holder == pid,
	    "the child holds it: %d", (int)holder);
	CHECK(ipck_ns_enter(fd) == 0, "entered");
	CHECK(ipck_lookup(IPCK_SHM, 0x7e57) >= 0, "its segment, there");
	CHECK(ipck_ns_enter(self) == 0, "back");
	CHECK(ipck_lookup(IPCK_SHM, 0x7e57) == -1, "and not here");
	close(fd);
	close(self);
	/* refusals: not an IPC namespace, no such process, both or neither */
	uts = ipck_ns_open(0, "/proc/self/ns/uts");
	CHECK(uts == -1 && errno == EINVAL, "a UTS namespace is no IPC one");
	errno = 0;
	CHECK(ipck_ns_open(0, "/proc/self/status") == -1 && errno == EINVAL,
	    "a plain file is none");
	errno = 0;
	CHECK(ipck_ns_open(0x7ffffff0, NULL) == -1 && errno == ENOENT,
	    "no such process");
	errno = 0;
	CHECK(ipck_ns_open(1, "/proc/self/ns/ipc") == -1 && errno == EINVAL,
	    "pid and path both");
	errno = 0;
	CHECK(ipck_ns_open(0, NULL) == -1 && errno == EINVAL, "neither");
	/* a namespace whose last process leaves after the walk: ENOENT */
	memset(&gone, 0, sizeof(gone));
	CHECK(ipck_ns_all(&v, &n) == 0, "all, again");
	for (i = 0; i < n; i++)
		if (v[i].pid == pid)
			gone = v[i];
	gone.bound = NULL;
	ipck_ns_free(v, n);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	errno = 0;
	CHECK(gone.pid == pid && ipck_nsinfo_open(&gone) == -1 &&
	    errno == ENOENT, "gone: ENOENT (%s)", strerror(errno));
}

static void
test_place(void)
{
	struct ipck_place none, here = IPCK_PLACE_HERE, mine;
	struct stat a, b;
	ipck_iter *it;
	struct ipck_obj o;

	ipck_place_none(&none);
	errno = 0;
	it = ipck_open_at(&none, IPCK_PSHM, 0);
	CHECK((it == NULL && errno == ENXIO) || (it != NULL &&
	    ipck_next(it, &o) == -1 && errno == ENXIO), "none: listing is ENXIO");
	if (it != NULL)
		ipck_close(it);
	errno = 0;
	CHECK(ipck_place_stat(&none, &a) == -1 && errno == ENXIO,
	    "none: no stat");
	CHECK(ipck_place_open(&mine, getpid()) == 0 && mine.shm_dir >= 0,
	    "this process's /dev/shm, by its root");
	CHECK(ipck_place_stat(&mine, &a) == 0 && ipck_place_stat(&here, &b) ==
	    0 && ipck_place_stat(NULL, &b) == 0 && a.st_ino == b.st_ino &&
	    a.st_dev == b.st_dev, "the same directory as here");
	it = ipck_open_at(&mine, IPCK_PSHM, 0);
	CHECK(it != NULL, "listed from there");
	if (it != NULL)
		ipck_close(it);
	ipck_place_close(&mine);
	CHECK(mine.shm_dir == here.shm_dir, "closed: here again");
	errno = 0;
	CHECK(ipck_place_open(&mine, -1) == -1 && errno == EINVAL,
	    "a negative pid: EINVAL");
}

/*
 * Two threads, each in an IPC namespace of its own (setns and unshare are
 * per thread) and with a /dev/shm of its own (a place), list all six kinds
 * at once, over and over: each must see its own objects and nothing of
 * the other's.  With the old hidden directory this could not work.
 */
struct lister {
	const char		*tag;		/* "a" or "b" */
	key_t			 key;
	struct ipck_place	 place;
	pthread_barrier_t	*start;
	int			 rounds, wrong, err;
	char			 why[160];
};

static void
saw(struct lister *l, const char *what, const char *wrong)
{
	if (l->wrong++ == 0)
		snprintf(l->why, sizeof(l->why), "%s: %s", what, wrong);
}

/* Each kind listed once: exactly one object, and it is this thread's. */
static void
list_once(struct lister *l)
{
	char want[64];
	struct ipck_obj o;
	ipck_iter *it;
	int k, n;

	for (k = 0; k < IPCK_NKINDS; k++) {
		if ((it = ipck_open_at(&l->place, (enum ipck_kind)k, 0)) == NULL) {
			l->err = errno;
			saw(l, ipck_kind_name((enum ipck_kind)k), "cannot list");
			return;
		}
		n = 0;
		snprintf(want, sizeof(want), "/t_place_%s", l->tag);
		while (ipck_next(it, &o) > 0) {
			n++;
			if (k < IPCK_PSHM ? o.key != l->key :
			    strcmp(o.name, want) != 0)
				saw(l, ipck_kind_name((enum ipck_kind)k),
				    "another thread's object");
			else if (k >= IPCK_PSHM && o.place != &l->place)
				saw(l, ipck_kind_name((enum ipck_kind)k),
				    "its place not kept");
		}
		ipck_close(it);
		if (n != 1)
			saw(l, ipck_kind_name((enum ipck_kind)k),
			    "not exactly one object");
	}
}

static void *
lister(void *arg)
{
	struct lister *l = arg;
	struct ipck_posix_attr attr = { 64, 1, 4, 16 };
	char name[64];
	int k, i;

	snprintf(name, sizeof(name), "/t_place_%s", l->tag);
	if (unshare(CLONE_NEWIPC) < 0) {
		l->err = errno;
		saw(l, "unshare", "failed");
		pthread_barrier_wait(l->start);
		return NULL;
	}
	for (k = 0; k < IPCK_NKINDS; k++)
		if (k < IPCK_PSHM ? ipck_create((enum ipck_kind)k, l->key,
		    k == IPCK_SHM ? 4096 : 1, 0600, IPCK_EXCL, NULL) < 0 :
		    ipck_create_name_at(&l->place, (enum ipck_kind)k, name,
		    &attr, 0600, IPCK_EXCL, NULL, NULL) < 0) {
			l->err = errno;
			saw(l, ipck_kind_name((enum ipck_kind)k),
			    "cannot make it");
		}
	pthread_barrier_wait(l->start);
	for (i = 0; i < l->rounds && l->wrong == 0; i++)
		list_once(l);
	(void)ipck_remove_name_at(NULL, IPCK_PMSG, name);
	return NULL;
}

static void
test_two_threads(void)
{
	struct lister l[2] = {
		{ .tag = "a", .key = 0x7a11ce01, .rounds = 300 },
		{ .tag = "b", .key = 0x7a11ce02, .rounds = 300 },
	};
	pthread_barrier_t start;
	pthread_t t[2];
	char dir[64];
	int i;

	pthread_barrier_init(&start, NULL, 2);
	for (i = 0; i < 2; i++) {
		snprintf(dir, sizeof(dir), "/dev/shm/t_place_dir_%s", l[i].tag);
		CHECK(mkdir(dir, 0700) == 0, "%s", dir);
		l[i].place.shm_dir = open(dir, O_RDONLY | O_DIRECTORY |
		    O_CLOEXEC);
		l[i].start = &start;
	}
	for (i = 0; i < 2; i++)
		CHECK(pthread_create(&t[i], NULL, lister, &l[i]) == 0,
		    "thread %s", l[i].tag);
	for (i = 0; i < 2; i++) {
		pthread_join(t[i], NULL);
		CHECK(l[i].wrong == 0, "thread %s: %s (%s)", l[i].tag,
		    l[i].why, strerror(l[i].err));
	}
	pthread_barrier_destroy(&start);
	for (i = 0; i < 2; i++) {
		(void)unlinkat(l[i].place.shm_dir, l[i].tag[0] == 'a' ?
		    "t_place_a" : "t_place_b", 0);
		(void)unlinkat(l[i].place.shm_dir, l[i].tag[0] == 'a' ?
		    "sem.t_place_a" : "sem.t_place_b", 0);
		ipck_place_close(&l[i].place);
		snprintf(dir, sizeof(dir), "/dev/shm/t_place_dir_%s", l[i].tag);
		CHECK(rmdir(dir) == 0, "%s emptied", dir);
	}
	/* the System V objects went with the threads' namespaces */
	CHECK(ipck_lookup(IPCK_SHM, 0x7a11ce01) == -1, "not made here");
}

int
main(void)
{
	const char *ns = getenv("IPCKIT_PRIVATE_NS");

	if (ns == NULL || *ns == '\0') {
		fprintf(stderr, "test_ns: not in a private namespace; run it "
		    "through tests/ns\n");
		return 1;
	}
	test_cgroup();
	test_enter();
	test_place();
	test_two_threads();
	return check_done("test_ns");
}
