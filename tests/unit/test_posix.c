/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for the POSIX kinds: names, listing and describing shared
 * memory objects, named semaphores and message queues, checked against
 * what the C library's own calls say (sem_getvalue, mq_getattr, fstat).
 * tests/ns gives this a /dev/shm and an mqueue of its own.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <mqueue.h>
#include <sched.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/capability.h>

#include "ipckit.h"
#include "check.h"

static void
test_names(void)
{
	char buf[300], long256[300];
	const char *why = "";

	CHECK(ipck_parse_name(IPCK_PSHM, "my_shm", buf, sizeof(buf), NULL) == 0 &&
	    strcmp(buf, "/my_shm") == 0, "no slash");
	CHECK(ipck_parse_name(IPCK_PSHM, "/my_shm", buf, sizeof(buf), NULL) ==
	    0 && strcmp(buf, "/my_shm") == 0, "one slash");
	CHECK(ipck_parse_name(IPCK_PMSG, "/a/b", buf, sizeof(buf), &why) == -1 &&
	    errno == EINVAL && strstr(why, "'/'") != NULL, "a slash inside");
	CHECK(ipck_parse_name(IPCK_PSHM, "/", buf, sizeof(buf), &why) == -1 &&
	    errno == EINVAL && strstr(why, "empty") != NULL, "empty");
	CHECK(ipck_parse_name(IPCK_PSHM, "", buf, sizeof(buf), NULL) == -1 &&
	    errno == EINVAL, "empty string");
	CHECK(ipck_parse_name(IPCK_PSHM, "..", buf, sizeof(buf), &why) == -1 &&
	    errno == EINVAL, "..");
	memset(long256, 'x', 256);
	long256[256] = '\0';
	CHECK(ipck_parse_name(IPCK_PSHM, long256, buf, sizeof(buf), &why) == -1 &&
	    errno == ENAMETOOLONG, "256 bytes");
	long256[255] = '\0';
	CHECK(ipck_parse_name(IPCK_PSHM, long256, buf, sizeof(buf), NULL) == 0,
	    "255 bytes");
	CHECK(ipck_parse_name(IPCK_PSEM, long256, buf, sizeof(buf), &why) == -1 &&
	    errno == ENAMETOOLONG && strstr(why, "251") != NULL,
	    "a semaphore: 251");
	long256[251] = '\0';
	CHECK(ipck_parse_name(IPCK_PSEM, long256, buf, sizeof(buf), NULL) == 0,
	    "251 bytes");
	CHECK(ipck_parse_name(IPCK_SHM, "x", buf, sizeof(buf), NULL) == -1 &&
	    errno == EOPNOTSUPP, "System V has no names");
}

/* The object "/name" of kind, as the listing gives it; 0 when it is not there. */
static int
listed(enum ipck_kind kind, const char *name, struct ipck_obj *out)
{
	struct ipck_obj o;
	ipck_iter *it = ipck_open(kind, 0);
	int r, n = 0;

	if (it == NULL)
		return -1;
	while ((r = ipck_next(it, &o)) > 0)
		if (strcmp(o.name, name) == 0) {
			*out = o;
			n++;
		}
	ipck_close(it);
	return r < 0 ? -1 : n;
}

static void
test_pshm(void)
{
	struct ipck_ref ref = { IPCK_PSHM, IPCK_BY_NAME, 0, 0, "/t_shm", NULL };
	struct ipck_obj o, byname;
	struct ipck_usage use;
	struct stat st;
	int fd, sock;
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	char *p;

	fd = shm_open("/t_shm", O_CREAT | O_EXCL | O_RDWR, 0640);
	CHECK(fd >= 0 && ftruncate(fd, 5 * 1024) == 0, "shm_open");
	p = mmap(NULL, 5 * 1024, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK(p != MAP_FAILED, "mmap");
	memcpy(p + 1024, "hello", 5);	/* one page of five made resident */
	fstat(fd, &st);
	CHECK(listed(IPCK_PSHM, "/t_shm", &o) == 1, "listed");
	CHECK(o.kind == IPCK_PSHM && o.id == -1 && o.key == 0 &&
	    o.u.pshm.size == 5120 && o.u.pshm.allocated ==
	    (uint64_t)st.st_blocks * 512 && o.u.pshm.allocated > 0 &&
	    o.u.pshm.allocated < 5120 && (o.mode & 0777) == 0640 &&
	    o.uid == geteuid() && o.gid == getegid() &&
	    !(o.have & IPCK_HAVE_CREATOR) && o.ctime == st.st_ctime &&
	    o.file.mtime == st.st_mtime,
	    "fields: size %llu allocated %llu mode %o",
	    (unsigned long long)o.u.pshm.size,
	    (unsigned long long)o.u.pshm.allocated, o.mode);
	CHECK(ipck_resolve(&ref, &byname) == 0 &&
	    memcmp(&byname, &o, sizeof(o)) == 0, "by name, the same record");
	ref.name = "t_shm";
	CHECK(ipck_ref_id(&ref) == 0, "a name without its slash");
	ref.name = "/no_such";
	errno = 0;
	CHECK(ipck_resolve(&ref, &byname) == -1 && errno == ENOENT &&
	    strcmp(ipck_strerror(errno, IPCK_BY_NAME), "No such name") == 0,
	    "missing: errno %d", errno);
	/* what is not an object is not listed, nor found by name */
	CHECK(mkdir("/dev/shm/t_dir", 0755) == 0 &&
	    mkfifo("/dev/shm/t_fifo", 0644) == 0 &&
	    symlink("t_shm", "/dev/shm/t_link") == 0, "non-objects made");
	snprintf(sa.sun_path, sizeof(sa.sun_path), "/dev/shm/t_sock");
	sock = socket(AF_UNIX, SOCK_STREAM, 0);
	CHECK(sock >= 0 && bind(sock, (struct sockaddr *)&sa, sizeof(sa)) == 0,
	    "a socket");
	CHECK(listed(IPCK_PSHM, "/t_dir", &o) == 0 &&
	    listed(IPCK_PSHM, "/t_fifo", &o) == 0 &&
	    listed(IPCK_PSHM, "/t_link", &o) == 0 &&
	    listed(IPCK_PSHM, "/t_sock", &o) == 0, "only regular files");
	ref.name = "/t_fifo";
	errno = 0;
	CHECK(ipck_resolve(&ref, &byname) == -1 && errno == ENOENT, "a fifo");
	CHECK(ipck_usage(IPCK_PSHM, &use) == 0 && use.ids == 1 &&
	    use.bytes == 5120 && use.allocated > 0, "usage: %llu objects",
	    (unsigned long long)use.ids);
	close(sock);
	unlink("/dev/shm/t_sock");
	rmdir("/dev/shm/t_dir");
	unlink("/dev/shm/t_fifo");
	unlink("/dev/shm/t_link");
	munmap(p, 5 * 1024);
	close(fd);
	shm_unlink("/t_shm");
}

static void
test_psem(void)
{
	struct ipck_ref ref = { IPCK_PSEM, IPCK_BY_NAME, 0, 0, "/t_sem", NULL };
	struct ipck_obj o;
	sem_t *s;
	pid_t pid;
	int v = -1, fd, st;

	s = sem_open("/t_sem", O_CREAT | O_EXCL, 0600, 7);
	CHECK(s != SEM_FAILED, "sem_open");
	sem_post(s);
	sem_getvalue(s, &v);
	CHECK(listed(IPCK_PSEM, "/t_sem", &o) == 1 && (o.have & IPCK_HAVE_VALUE) &&
	    (int)o.u.psem.value == v && v == 8 && o.u.psem.waiters == 0 &&
	    (o.mode & 0777) == 0600, "value %u, as sem_getvalue says %d",
	    o.u.psem.value, v);
	CHECK(listed(IPCK_PSHM, "/sem.t_sem", &o) == 0, "not a shm object");
	sem_wait(s);
	CHECK(ipck_resolve(&ref, &o) == 0 && o.u.psem.value == 7, "by name: 7");
	/* anyone may make a file too short to be a semaphore: never mapped */
	fd = open("/dev/shm/sem.t_short", O_CREAT | O_WRONLY, 0644);
	CHECK(fd >= 0 && write(fd, "abc", 3) == 3, "a short sem. file");
	close(fd);
	CHECK(listed(IPCK_PSEM, "/t_short", &o) == 1 &&
	    !(o.have & IPCK_HAVE_VALUE) && o.u.psem.err == EINVAL,
	    "not a valid semaphore");
	fd = open("/dev/shm/sem.t_empty", O_CREAT | O_WRONLY, 0644);
	close(fd);
	CHECK(listed(IPCK_PSEM, "/t_empty", &o) == 1 && o.u.psem.err == EINVAL,
	    "zero length");
	CHECK(listed(IPCK_PSEM, "/", &o) == 0, "sem. alone names none");
	/*
	 * What is not a regular file is never opened: a writer waiting on a
	 * fifo named like a semaphore waits on, since no reader came.
	 */
	CHECK(mkfifo("/dev/shm/sem.t_fifo", 0644) == 0, "a sem. fifo");
	if ((pid = fork()) == 0)
		_exit(open("/dev/shm/sem.t_fifo", O_WRONLY) < 0);
	usleep(20000);
	CHECK(listed(IPCK_PSEM, "/t_fifo", &o) == 0, "a fifo is no semaphore");
	ref.name = "/t_fifo";
	CHECK(ipck_resolve(&ref, &o) == -1 && errno == ENOENT, "nor by name");
	usleep(20000);
	CHECK(waitpid(pid, &st, WNOHANG) == 0, "and it was never opened");
	/* let the writer go, if it still waits */
	close(open("/dev/shm/sem.t_fifo", O_RDONLY | O_NONBLOCK));
	waitpid(pid, &st, 0);
	unlink("/dev/shm/sem.t_fifo");
	unlink("/dev/shm/sem.t_short");
	unlink("/dev/shm/sem.t_empty");
	sem_close(s);
	sem_unlink("/t_sem");
}

/* In a child that gives up CAP_SYS_ADMIN: the fallback to /dev/mqueue, and its absence. */
static void
test_pmsg_unprivileged(void)
{
	struct __user_cap_header_struct hdr = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct cap[2];
	struct ipck_obj o;
	pid_t pid;
	int st, r;

	if ((pid = fork()) == 0) {
		r = 0;
		if (syscall(SYS_capget, &hdr, cap) != 0)
			_exit(64);
		/* mounts of its own, to take /dev/mqueue away after */
		if (unshare(CLONE_NEWNS) < 0)
			_exit(65);
		mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL);
		cap[0].effective &= ~(1U << CAP_SYS_ADMIN);
		if (syscall(SYS_capset, &hdr, cap) != 0)
			_exit(66);
		if (listed(IPCK_PMSG, "/t_mq", &o) != 1 ||
		    o.u.pmsg.curmsgs != 2)
			r |= 1;
		/* the capability is needed to umount: a second child cannot */
		_exit(r);
	}
	CHECK(pid > 0 && waitpid(pid, &st, 0) == pid && WIFEXITED(st) &&
	    WEXITSTATUS(st) == 0, "without CAP_SYS_ADMIN, through /dev/mqueue: "
	    "exit %d", WEXITSTATUS(st));
	if ((pid = fork()) == 0) {
		if (syscall(SYS_capget, &hdr, cap) != 0 || unshare(CLONE_NEWNS) < 0)
			_exit(64);
		mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL);
		if (umount2("/dev/mqueue", MNT_DETACH) < 0)
			_exit(65);
		cap[0].effective &= ~(1U << CAP_SYS_ADMIN);
		if (syscall(SYS_capset, &hdr, cap) != 0)
			_exit(66);
		/* an empty directory is not "no queues" */
		errno = 0;
		_exit(ipck_open(IPCK_PMSG, 0) == NULL && errno == ENODEV ? 0 : 1);
	}
	CHECK(pid > 0 && waitpid(pid, &st, 0) == pid && WIFEXITED(st) &&
	    WEXITSTATUS(st) == 0, "no mqueue mounted: ENODEV (exit %d)",
	    WEXITSTATUS(st));
}

static void
test_pmsg(void)
{
	struct mq_attr attr = { 0, 4, 100, 0, { 0 } }, got;
	struct ipck_obj o;
	struct ipck_usage use;
	struct stat st;
	mqd_t q;

	q = mq_open("/t_mq", O_CREAT | O_EXCL | O_RDWR, 0620, &attr);
	CHECK(q != (mqd_t)-1, "mq_open");
	CHECK(mq_send(q, "hello", 5, 1) == 0 && mq_send(q, "!", 1, 2) == 0,
	    "mq_send");
	mq_getattr(q, &got);
	stat("/dev/mqueue/t_mq", &st);
	CHECK(listed(IPCK_PMSG, "/t_mq", &o) == 1 && (o.have & IPCK_HAVE_QUEUE) &&
	    o.u.pmsg.curmsgs == (uint64_t)got.mq_curmsgs && got.mq_curmsgs == 2 &&
	    o.u.pmsg.maxmsg == 4 && o.u.pmsg.msgsize == 100 &&
	    o.u.pmsg.notify_pid == 0 && o.mode == (st.st_mode & 07777) &&
	    o.uid == st.st_uid && o.file.mtime == st.st_mtime &&
	    o.u.pmsg.qsize == 6, "counts: %llu messages, %llu bytes",
	    (unsigned long long)o.u.pmsg.curmsgs,
	    (unsigned long long)o.u.pmsg.qsize);
	/* looking received nothing */
	mq_getattr(q, &got);
	CHECK(got.mq_curmsgs == 2, "still 2 messages");
	CHECK(ipck_usage(IPCK_PMSG, &use) == 0 && use.ids == 1 &&
	    use.messages == 2 && use.unknown == 0, "usage");
	test_pmsg_unprivileged();
	mq_close(q);
	mq_unlink("/t_mq");
}

/* As uid 65534: root's 0600 semaphore and queue are listed, their counts unknown. */
static void
test_unreadable(void)
{
	struct mq_attr attr = { 0, 2, 16, 0, { 0 } };
	struct ipck_obj o;
	sem_t *s;
	mqd_t q;
	pid_t pid;
	int st, r;

	s = sem_open("/t_sem600", O_CREAT | O_EXCL, 0600, 3);
	q = mq_open("/t_mq600", O_CREAT | O_EXCL | O_RDWR, 0600, &attr);
	CHECK(s != SEM_FAILED && q != (mqd_t)-1, "root's objects");
	if ((pid = fork()) == 0) {
		if (setresgid(65534, 65534, 65534) < 0 ||
		    setresuid(65534, 65534, 65534) < 0)
			_exit(77);
		r = 0;
		if (listed(IPCK_PSEM, "/t_sem600", &o) != 1 ||
		    (o.have & IPCK_HAVE_VALUE) || o.u.psem.err != EACCES ||
		    o.uid != 0)
			r |= 1;
		if (listed(IPCK_PMSG, "/t_mq600", &o) != 1 ||
		    (o.have & IPCK_HAVE_QUEUE) || o.u.pmsg.err != EACCES)
			r |= 2;
		_exit(r);
	}
	CHECK(pid > 0 && waitpid(pid, &st, 0) == pid && WIFEXITED(st), "child");
	if (WEXITSTATUS(st) == 77)
		fprintf(stderr, "test_posix: uid 65534 is not mapped here; "
		    "skipped\n");
	else
		CHECK(WEXITSTATUS(st) == 0, "listed, counts unknown: %d",
		    WEXITSTATUS(st));
	sem_close(s);
	sem_unlink("/t_sem600");
	mq_close(q);
	mq_unlink("/t_mq600");
}

static uint64_t
sysctl(const char *name)
{
	char path[64];
	unsigned long long v = 0;
	FILE *fp;

	snprintf(path, sizeof(path), "/proc/sys/fs/mqueue/%s", name);
	if ((fp = fopen(path, "r")) != NULL) {
		if (fscanf(fp, "%llu", &v) != 1)
			v = 0;
		fclose(fp);
	}
	return v;
}

static void
test_limits(void)
{
	struct ipck_posix_limits lim;
	struct statvfs sv;

	CHECK(ipck_posix_limits(&lim) == 0 && statvfs("/dev/shm", &sv) == 0,
	    "limits");
	CHECK(lim.queues_max == sysctl("queues_max") && lim.msg_max ==
	    sysctl("msg_max") && lim.msgsize_max == sysctl("msgsize_max") &&
	    lim.msg_default == sysctl("msg_default") && lim.msgsize_default ==
	    sysctl("msgsize_default") && lim.msg_max > 0, "the sysctls");
	CHECK(lim.shm_size == (uint64_t)sv.f_blocks * sv.f_frsize &&
	    lim.shm_size > 0 && lim.shm_free <= lim.shm_size, "/dev/shm");
}

/* Only the parts asked for are read; the rest are 0, not stale. */
static void
test_limits_for(void)
{
	struct ipck_posix_limits lim;
	struct ipck_place none;
	struct statvfs sv;

	memset(&lim, 0xff, sizeof(lim));
	CHECK(ipck_posix_limits_for(NULL, IPCK_PLIM_QUEUES, &lim) == 0 &&
	    lim.queues_max == sysctl("queues_max") && lim.msg_max == 0 &&
	    lim.msgsize_default == 0 && lim.shm_size == 0 &&
	    lim.shm_inodes == 0, "queues_max alone");
	CHECK(ipck_posix_limits_for(NULL, IPCK_PLIM_SIZES, &lim) == 0 &&
	    lim.queues_max == 0 && lim.msg_max == sysctl("msg_max") &&
	    lim.msgsize_max == sysctl("msgsize_max") && lim.msg_default ==
	    sysctl("msg_default") && lim.msgsize_default ==
	    sysctl("msgsize_default") && lim.shm_size == 0, "the sizes alone");
	CHECK(ipck_posix_limits_for(NULL, IPCK_PLIM_SHM, &lim) == 0 &&
	    statvfs("/dev/shm", &sv) == 0 && lim.queues_max == 0 &&
	    lim.msg_max == 0 && lim.shm_size == (uint64_t)sv.f_blocks *
	    sv.f_frsize && lim.shm_inodes == (uint64_t)sv.f_files,
	    "the tmpfs alone");
	/* a place without /dev/shm: the tmpfs cannot be read, the sysctls can */
	ipck_place_none(&none);
	errno = 0;
	CHECK(ipck_posix_limits_for(&none, IPCK_PLIM_SHM, &lim) < 0 &&
	    errno == ENXIO, "no /dev/shm: ENXIO");
	CHECK(ipck_posix_limits_for(&none, IPCK_PLIM_QUEUES | IPCK_PLIM_SIZES,
	    &lim) == 0 && lim.queues_max == sysctl("queues_max"),
	    "no /dev/shm: the sysctls still");
	errno = 0;
	CHECK(ipck_posix_limits_for(NULL, 0x8, &lim) < 0 && errno == EINVAL,
	    "an unknown part: EINVAL");
}

/* How this process uses o: IPCK_USE_* or-ed, from ipck_users. */
static unsigned int
my_uses(const struct ipck_obj *o, size_t *n)
{
	struct ipck_user *u;
	size_t i, hidden;
	unsigned int how = 0;

	*n = 0;
	if (ipck_users(o, &u, n, &hidden) < 0)
		return 0x80;
	for (i = 0; i < *n; i++)
		if (u[i].pid == getpid())
			how |= u[i].how;
	free(u);
	return how;
}

static void
test_users(void)
{
	struct ipck_obj o;
	struct ipck_filter f;
	ipck_inuse *in;
	size_t n;
	sem_t *s;
	mqd_t q;
	void *p;
	int fd;

	memset(&f, 0, sizeof(f));
	f.what = IPCK_F_UNATTACHED;
	fd = shm_open("/t_used", O_CREAT | O_EXCL | O_RDWR, 0600);
	CHECK(fd >= 0 && ftruncate(fd, 4096) == 0, "shm_open");
	p = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0);
	listed(IPCK_PSHM, "/t_used", &o);
	CHECK(my_uses(&o, &n) == (IPCK_USE_MAP | IPCK_USE_FD), "mapped and open");
	CHECK(!ipck_match(&f, &o), "in use: not unattached");
	in = ipck_inuse_open();
	f.inuse = in;
	CHECK(in != NULL && ipck_inuse_has(in, &o) && !ipck_match(&f, &o),
	    "the set knows it");
	ipck_inuse_close(in);
	f.inuse = NULL;
	close(fd);
	CHECK(my_uses(&o, &n) == IPCK_USE_MAP, "mapped only");
	munmap(p, 4096);
	CHECK(my_uses(&o, &n) == 0 && n == 0 && ipck_match(&f, &o),
	    "unused: unattached");
	in = ipck_inuse_open();
	CHECK(in != NULL && !ipck_inuse_has(in, &o), "the set agrees");
	ipck_inuse_close(in);
	shm_unlink("/t_used");

	/* glibc maps a new semaphore from a temporary name: matched by inode */
	s = sem_open("/t_usem", O_CREAT | O_EXCL, 0600, 1);
	listed(IPCK_PSEM, "/t_usem", &o);
	CHECK(s != SEM_FAILED && my_uses(&o, &n) == IPCK_USE_MAP,
	    "a semaphore, mapped");
	o.kind = IPCK_PSEM;
	CHECK(!ipck_match(&f, &o), "--unattached is not for semaphores");
	sem_close(s);
	CHECK(my_uses(&o, &n) == 0, "closed");
	sem_unlink("/t_usem");

	q = mq_open("/t_umq", O_CREAT | O_EXCL | O_RDONLY, 0600, NULL);
	listed(IPCK_PMSG, "/t_umq", &o);
	CHECK(q != (mqd_t)-1 && my_uses(&o, &n) == IPCK_USE_FD,
	    "a queue, by its descriptor");
	mq_close(q);
	CHECK(my_uses(&o, &n) == 0, "closed");
	mq_unlink("/t_umq");
}

/* Made whole, with exactly the mode asked, whatever the umask. */
static void
test_create(void)
{
	struct ipck_posix_attr a = { 5 * 1024, 3, 0, 0 };
	struct ipck_obj o, again;
	struct mq_attr qa;
	struct stat st;
	sem_t *s;
	mqd_t q;
	mode_t old = umask(077);
	int created = -1, v = -1, fd;

	CHECK(ipck_create_name(IPCK_PSHM, "t_new", &a, 0640, IPCK_EXCL, &o,
	    &created) == 0 && created == 1, "made: errno %d", errno);
	CHECK(stat("/dev/shm/t_new", &st) == 0 && (st.st_mode & 07777) ==
	    0640 && st.st_size == 5120 && S_ISREG(st.st_mode),
	    "mode %o past umask 077, size %lld", (unsigned int)st.st_mode,
	    (long long)st.st_size);
	CHECK(strcmp(o.name, "/t_new") == 0 && o.u.pshm.size == 5120 &&
	    o.file.ino == st.st_ino, "described as made");
	errno = 0;
	CHECK(ipck_create_name(IPCK_PSHM, "/t_new", &a, 0640, IPCK_EXCL, NULL,
	    NULL) == -1 && errno == EEXIST, "exclusive: EEXIST");
	/* taken as it is: never resized */
	a.size = 1;
	CHECK(ipck_create_name(IPCK_PSHM, "/t_new", &a, 0600, 0, &again,
	    &created) == 0 && created == 0 && again.u.pshm.size == 5120 &&
	    (again.mode & 0777) == 0640, "reused unchanged");
	CHECK(stat("/dev/shm/t_new", &st) == 0 && st.st_size == 5120,
	    "still 5120 bytes");
	a.size = 5120;

	/* a semaphore: sem_open finds what we made, and its value */
	CHECK(ipck_create_name(IPCK_PSEM, "/t_nsem", &a, 0604, IPCK_EXCL, &o,
	    &created) == 0 && created == 1 && (o.have & IPCK_HAVE_VALUE) &&
	    o.u.psem.value == 3, "semaphore made, value %u", o.u.psem.value);
	CHECK(stat("/dev/shm/sem.t_nsem", &st) == 0 &&
	    (st.st_mode & 07777) == 0604, "its mode %o",
	    (unsigned int)st.st_mode & 07777);
	s = sem_open("/t_nsem", 0);
	CHECK(s != SEM_FAILED && sem_getvalue(s, &v) == 0 && v == 3 &&
	    sem_post(s) == 0, "sem_getvalue: %d", v);
	a.value = 9;
	CHECK(ipck_create_name(IPCK_PSEM, "t_nsem", &a, 0604, 0, &o,
	    &created) == 0 && created == 0 && o.u.psem.value == 4,
	    "reused: its value kept (%u)", o.u.psem.value);
	if (s != SEM_FAILED)
		sem_close(s);
	a.value = (unsigned int)SEM_VALUE_MAX + 1U;
	errno = 0;
	CHECK(ipck_create_name(IPCK_PSEM, "t_big", &a, 0600, IPCK_EXCL, NULL,
	    NULL) == -1 && errno == EINVAL && access("/dev/shm/sem.t_big",
	    F_OK) == -1, "past SEM_VALUE_MAX: EINVAL, nothing made");
	a.value = 3;

	/* a queue: its sizes as asked, the other the default */
	a.maxmsg = 5;
	a.msgsize = 64;
	CHECK(ipck_create_name(IPCK_PMSG, "/t_nq", &a, 0620, IPCK_EXCL, &o,
	    &created) == 0 && created == 1, "queue made: errno %d", errno);
	q = mq_open("/t_nq", O_WRONLY);
	CHECK(q != (mqd_t)-1 && mq_getattr(q, &qa) == 0 && qa.mq_maxmsg == 5 &&
	    qa.mq_msgsize == 64, "mq_getattr: %ld %ld", (long)qa.mq_maxmsg,
	    (long)qa.mq_msgsize);
	CHECK(q != (mqd_t)-1 && fstat((int)q, &st) == 0 &&
	    (st.st_mode & 07777) == 0620, "its mode %o",
	    (unsigned int)st.st_mode & 07777);
	if (q != (mqd_t)-1)
		mq_close(q);
	errno = 0;
	CHECK(ipck_create_name(IPCK_PMSG, "/t_nq", &a, 0620, IPCK_EXCL, NULL,
	    NULL) == -1 && errno == EEXIST, "queue: EEXIST");
	a.maxmsg = 0;
	a.msgsize = 100;
	CHECK(ipck_create_name(IPCK_PMSG, "/t_nq2", &a, 0600, IPCK_EXCL, &o,
	    NULL) == 0 && (o.have & IPCK_HAVE_QUEUE) && o.u.pmsg.msgsize == 100,
	    "one size given");
	umask(old);

	/* a name held by what is no object is taken all the same */
	CHECK(mkdir("/dev/shm/t_taken", 0755) == 0, "a directory");
	errno = 0;
	CHECK(ipck_create_name(IPCK_PSHM, "/t_taken", &a, 0600, 0, NULL, NULL) ==
	    -1 && errno == EEXIST, "held by a directory: EEXIST");
	errno = 0;
	CHECK(ipck_create_name(IPCK_PSHM, "/a/b", &a, 0600, 0, NULL, NULL) ==
	    -1 && errno == EINVAL, "a bad name");
	CHECK(ipck_create_name(IPCK_SHM, "/x", &a, 0600, 0, NULL, NULL) == -1 &&
	    errno == EOPNOTSUPP, "System V has no names");
	CHECK(ipck_create_name(IPCK_PSHM, "/t_x", &a, 01777, 0, NULL, NULL) ==
	    -1 && errno == EINVAL, "mode past 0777");

	/* only real objects are removed */
	CHECK(mkfifo("/dev/shm/t_rfifo", 0644) == 0 &&
	    symlink("t_new", "/dev/shm/t_rlink") == 0, "non-objects");
	errno = 0;
	CHECK(ipck_remove_name(IPCK_PSHM, "/t_taken") == -1 &&
	    errno == ENOENT && access("/dev/shm/t_taken", F_OK) == 0,
	    "a directory is not removed");
	errno = 0;
	CHECK(ipck_remove_name(IPCK_PSHM, "/t_rfifo") == -1 &&
	    errno == ENOENT && access("/dev/shm/t_rfifo", F_OK) == 0,
	    "nor a fifo");
	errno = 0;
	CHECK(ipck_remove_name(IPCK_PSHM, "/t_rlink") == -1 &&
	    errno == ENOENT && lstat("/dev/shm/t_rlink", &st) == 0 &&
	    access("/dev/shm/t_new", F_OK) == 0, "nor a symlink, nor its target");
	/* the very object listed: not one made since under its name */
	CHECK(listed(IPCK_PSHM, "/t_new", &o) == 1, "listed");
	CHECK(ipck_remove_name(IPCK_PSHM, "t_new") == 0 &&
	    access("/dev/shm/t_new", F_OK) == -1, "removed by name");
	fd = shm_open("/t_new", O_CREAT | O_EXCL | O_RDWR, 0600);
	close(fd);
	errno = 0;
	CHECK(ipck_remove_obj(&o) == -1 && errno == ENOENT &&
	    access("/dev/shm/t_new", F_OK) == 0, "a new one of the name stays");
	CHECK(listed(IPCK_PSHM, "/t_new", &o) == 1 && ipck_remove_obj(&o) == 0 &&
	    access("/dev/shm/t_new", F_OK) == -1, "the listed one goes");
	CHECK(listed(IPCK_PSEM, "/t_nsem", &o) == 1 && ipck_remove_obj(&o) == 0 &&
	    access("/dev/shm/sem.t_nsem", F_OK) == -1, "a semaphore goes");
	CHECK(listed(IPCK_PMSG, "/t_nq", &o) == 1 && ipck_remove_obj(&o) == 0 &&
	    mq_open("/t_nq", O_RDONLY) == (mqd_t)-1 && errno == ENOENT,
	    "a queue goes");
	CHECK(ipck_remove_name(IPCK_PMSG, "/t_nq2") == 0, "by name");
	errno = 0;
	CHECK(ipck_remove_name(IPCK_PMSG, "/t_nq2") == -1 &&
	    errno == ENOENT, "twice: ENOENT");
	rmdir("/dev/shm/t_taken");
	unlink("/dev/shm/t_rfifo");
	unlink("/dev/shm/t_rlink");
}

/* scan's function: the bytes appended to a buffer */
struct got {
	char	buf[8192];
	size_t	n;
};

static int
collect(void *arg, const void *p, size_t n)
{
	struct got *g = arg;

	if (g->n + n > sizeof(g->buf)) {
		errno = ENOSPC;
		return -1;
	}
	memcpy(g->buf + g->n, p, n);
	g->n += n;
	return 0;
}

/* The bytes of a POSIX object in and out, checked with read(2) and fstat. */
static void
test_pshm_copy(void)
{
	struct ipck_ref ref = { IPCK_PSHM, IPCK_BY_NAME, 0, 0, "t_copy", NULL };
	struct ipck_copy c;
	struct got g = { .n = 0 };
	struct ipck_obj o;
	struct stat st;
	char buf[64];
	int fd, fd2 = -1, p[2];

	fd = open("/dev/shm/t_copy", O_RDWR | O_CREAT | O_EXCL, 0600);
	CHECK(fd >= 0 && write(fd, "0123456789", 10) == 10 &&
	    ftruncate(fd, 4096) == 0, "made a 4096-byte object");
	/* out to a pipe: sendfile, the range only */
	CHECK(ipck_resolve(&ref, &o) == 0, "described");
	CHECK(pipe(p) == 0, "pipe");
	CHECK(ipck_pshm_read(&o, 2, 5, p[1], &c) == 0 && c.done == 5 &&
	    strcmp(c.via, "sendfile") == 0, "read 5 bytes by sendfile");
	CHECK(read(p[0], buf, sizeof(buf)) == 5 && memcmp(buf, "23456", 5) == 0,
	    "the bytes at 2");
	/* in from a pipe: splice, in place, never grown */
	CHECK(write(p[1], "abc", 3) == 3 && close(p[1]) == 0, "input");
	CHECK(ipck_pshm_write(&o, 4094, 2, p[0], &c) == 0 && c.done == 2 &&
	    strcmp(c.via, "splice") == 0 && !c.eof, "wrote 2 of 3 by splice");
	close(p[0]);
	CHECK(fstat(fd, &st) == 0 && st.st_size == 4096, "not grown");
	CHECK(pread(fd, buf, 2, 4094) == 2 && memcmp(buf, "ab", 2) == 0,
	    "the bytes at 4094");
	/* scan: pread, in order */
	CHECK(ipck_pshm_scan(&o, 0, 10, collect, &g, &c) == 0 &&
	    g.n == 10 && memcmp(g.buf, "0123456789", 10) == 0 &&
	    strcmp(c.via, "pread") == 0, "scan by pread");
	/* the range is checked first, against the size the file has now */
	errno = 0;
	CHECK(ipck_pshm_read(&o, 4000, 97, 1, &c) == -1 && errno == ERANGE &&
	    c.via == NULL, "past the end: ERANGE before any copy");
	CHECK(ftruncate(fd, 8192) == 0, "grown by its owner");
	CHECK(ipck_pshm_read(&o, 4000, 97, open("/dev/null", O_WRONLY), &c) ==
	    0 && c.done == 97, "the size now counts, not the one described");
	/* only the very object: its name given to another file is ENOENT */
	CHECK(unlink("/dev/shm/t_copy") == 0 && (fd2 = open("/dev/shm/t_copy",
	    O_RDWR | O_CREAT | O_EXCL, 0600)) >= 0, "the name given again");
	errno = 0;
	CHECK(ipck_pshm_read(&o, 0, 0, 1, &c) == -1 && errno == ENOENT &&
	    c.via == NULL, "another file: ENOENT");
	close(fd2);
	CHECK(unlink("/dev/shm/t_copy") == 0 && mkdir("/dev/shm/t_copy", 0700) ==
	    0, "a directory now");
	errno = 0;
	CHECK(ipck_pshm_read(&o, 0, 0, 1, &c) == -1 && errno == ENOENT,
	    "a directory is no object");
	rmdir("/dev/shm/t_copy");
	o.kind = IPCK_PSEM;
	errno = 0;
	CHECK(ipck_pshm_read(&o, 0, 0, 1, &c) == -1 && errno == EINVAL,
	    "not a shared memory object: EINVAL");
	close(fd);
	unlink("/dev/shm/t_copy");
}

int
main(void)
{
	const char *ns = getenv("IPCKIT_PRIVATE_NS");

	if (ns == NULL || *ns == '\0') {
		fprintf(stderr, "test_posix: not in a private namespace; run it "
		    "through tests/ns\n");
		return 1;
	}
	test_names();
	test_pshm();
	test_psem();
	test_pmsg();
	test_unreadable();
	test_limits();
	test_limits_for();
	test_users();
	test_create();
	test_pshm_copy();
	return check_done("test_posix");
}
