/* SPDX-License-Identifier: MIT */
/*
 * POSIX message queues: the files of the IPC namespace's mqueue
 * filesystem.  With CAP_SYS_ADMIN they are read through a private
 * instance of this namespace's mqueue (fsopen, fsmount: detached, seen by
 * nobody else, gone when closed), which is right whatever is mounted
 * where; else through /dev/mqueue, when an mqueue filesystem of this
 * namespace is mounted there: another's is EXDEV, and an empty directory
 * is not "no queues" but ENODEV.
 */
#define _GNU_SOURCE	/* syscall */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <mqueue.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "internal.h"

#define MQUEUE_MAGIC		0x19800202
#define MQUEUE_DIR		"/dev/mqueue"
#define FSCONFIG_CMD_CREATE	6

/* This IPC namespace's mqueue, mounted nowhere: the fd of its root. */
static int
private_instance(void)
{
#if defined(SYS_fsopen) && defined(SYS_fsconfig) && defined(SYS_fsmount)
	int fs, mnt = -1, saved = errno;

	int dir;

	if ((fs = (int)syscall(SYS_fsopen, "mqueue", 1 /* FSOPEN_CLOEXEC */)) < 0)
		return -1;
	if (syscall(SYS_fsconfig, fs, FSCONFIG_CMD_CREATE, NULL, NULL, 0) == 0)
		mnt = (int)syscall(SYS_fsmount, fs, 1 /* FSMOUNT_CLOEXEC */, 0);
	close(fs);
	if (mnt < 0)
		return -1;
	/* fsmount's fd is a path: a directory to read is opened from it */
	dir = openat(mnt, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	close(mnt);
	if (dir >= 0)
		errno = saved;
	return dir;
#else
	errno = ENOSYS;
	return -1;
#endif
}

/*
 * Whether the mqueue mounted at dirfd is this IPC namespace's: it shows
 * the queues of the namespace that mounted it, which may be another (a
 * container's /dev/mqueue seen from outside, or a namespace made without
 * a mount of its own).  One queue it lists is opened by name, the way
 * mq_open finds this namespace's: gone, or another file, and it is not.
 * An empty listing cannot be told, and shows nothing wrong.
 */
static int
ours(int dirfd)
{
	struct dirent *d;
	struct stat mine, seen;
	DIR *dir;
	int fd, r = 1, saved = errno;

	/* its own open of the directory: a dup would share, and move, the offset */
	if ((fd = openat(dirfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0 ||
	    (dir = fdopendir(fd)) == NULL) {
		if (fd >= 0)
			close(fd);
		return 1;
	}
	while ((d = readdir(dir)) != NULL) {
		if (d->d_name[0] == '.' || fstatat(dirfd, d->d_name, &seen,
		    AT_SYMLINK_NOFOLLOW) < 0 || !S_ISREG(seen.st_mode))
			continue;
		/* the kernel takes the name without its "/" */
		fd = (int)syscall(SYS_mq_open, d->d_name, O_RDONLY | O_NONBLOCK |
		    O_CLOEXEC, 0, NULL);
		if (fd >= 0) {
			r = fstat(fd, &mine) == 0 && mine.st_dev == seen.st_dev &&
			    mine.st_ino == seen.st_ino;
			close(fd);
		} else
			/* EACCES: there is one of that name here; ENOENT: none */
			r = errno != ENOENT;
		break;
	}
	closedir(dir);
	errno = saved;
	return r;
}

/* A queue is the thread's IPC namespace's, whatever the place. */
static int
pmsg_dir(const struct ipck_place *pl)
{
	struct statfs sf;
	int fd, saved = errno;

	(void)pl;
	if ((fd = private_instance()) >= 0)
		return fd;
	errno = saved;
	if ((fd = open(MQUEUE_DIR, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0 &&
	    fstatfs(fd, &sf) == 0 && sf.f_type == MQUEUE_MAGIC) {
		if (ours(fd))
			return fd;
		close(fd);
		errno = EXDEV;
		return -1;
	}
	if (fd >= 0)
		close(fd);
	errno = ENODEV;
	return -1;
}

/* The digits after "NAME:" in text, as a number no larger than max. */
static int
field(const char *text, const char *name, uint64_t max, uint64_t *v)
{
	const char *p = strstr(text, name);
	size_t n;
	char num[24];

	if (p == NULL)
		return -1;
	p += strlen(name);
	/* digits only: sscanf's %llu would take "-1" as 18446744073709551615 */
	if ((n = strspn(p, "0123456789")) == 0 || n >= sizeof(num))
		return -1;
	memcpy(num, p, n);
	num[n] = '\0';
	return ipck__parse_u64(num, 10, max, v);
}

int
ipck__mq_status(const char *text, uint64_t *qsize, pid_t *pid)
{
	uint64_t q, p;
	int saved = errno;

	if (field(text, "QSIZE:", UINT64_MAX, &q) < 0 ||
	    field(text, "NOTIFY_PID:", INT32_MAX, &p) < 0) {
		errno = EPROTO;
		return -1;
	}
	errno = saved;
	*qsize = q;
	*pid = (pid_t)p;
	return 0;
}

/* What the queue's file says ("QSIZE:... NOTIFY_PID:...") and mq_getattr. */
static int
counts(int fd, struct ipck_obj *obj)
{
	struct mq_attr a;
	char buf[160];
	ssize_t n;
	uint64_t qsize;
	pid_t pid;

	if ((n = pread(fd, buf, sizeof(buf) - 1, 0)) < 0)
		return -1;
	buf[n] = '\0';
	if (ipck__mq_status(buf, &qsize, &pid) < 0)
		return -1;
	/* a descriptor of the mqueue filesystem is a message queue descriptor */
	if (syscall(SYS_mq_getsetattr, fd, NULL, &a) < 0)
		return -1;
	obj->u.pmsg.qsize = qsize;
	obj->u.pmsg.notify_pid = (pid_t)pid;
	obj->u.pmsg.curmsgs = (uint64_t)a.mq_curmsgs;
	obj->u.pmsg.maxmsg = (uint64_t)a.mq_maxmsg;
	obj->u.pmsg.msgsize = (uint64_t)a.mq_msgsize;
	obj->have |= IPCK_HAVE_QUEUE;
	return 0;
}

static int
pmsg_entry(int dirfd, const char *dname, unsigned char type,
    struct ipck_obj *obj)
{
	struct stat st;
	int fd, err, r;

	/* the one open the counts need: a reader's, which receives nothing */
	if ((r = ipck__posix_entry(dirfd, dname, type, &st, &fd, &err)) <= 0)
		return r;
	ipck__posix_fill(obj, IPCK_PMSG, dname, &st);
	if (fd < 0) {
		obj->u.pmsg.err = err;
		return 1;
	}
	if (counts(fd, obj) < 0)
		obj->u.pmsg.err = errno;
	close(fd);
	return 1;
}

static int
pmsg_dname(const char *name, char *buf, size_t len)
{
	char n[258];

	if (ipck_parse_name(IPCK_PMSG, name, n, sizeof(n), NULL) < 0)
		return -1;
	snprintf(buf, len, "%s", n + 1);
	return 0;
}

static void
pmsg_tally(const struct ipck_obj *o, struct ipck_usage *use)
{
	use->ids++;
	if (!(o->have & IPCK_HAVE_QUEUE)) {
		use->unknown++;
		return;
	}
	use->bytes += o->u.pmsg.qsize;
	use->messages += o->u.pmsg.curmsgs;
}

/*
 * mq_open makes a queue in the caller's IPC namespace, wherever its mqueue
 * is mounted or not; the mode then set exactly, past the umask.  A size
 * not given is the namespace's default.
 */
static int
pmsg_make(const struct ipck_place *pl, const char *dname, const char *name,
    const struct ipck_posix_attr *attr, unsigned int mode)
{
	struct ipck_posix_limits lim;
	struct mq_attr a, *ap = NULL;
	mqd_t q;
	int err;

	(void)pl;
	(void)dname;
	if (attr->maxmsg != 0 || attr->msgsize != 0) {
		memset(&a, 0, sizeof(a));
		if ((attr->maxmsg == 0 || attr->msgsize == 0) &&
		    ipck_posix_limits(&lim) < 0)
			return -1;
		a.mq_maxmsg = (long)(attr->maxmsg != 0 ? attr->maxmsg :
		    lim.msg_default);
		a.mq_msgsize = (long)(attr->msgsize != 0 ? attr->msgsize :
		    lim.msgsize_default);
		if (attr->maxmsg > (uint64_t)LONG_MAX ||
		    attr->msgsize > (uint64_t)LONG_MAX) {
			errno = EINVAL;
			return -1;
		}
		ap = &a;
	}
	q = mq_open(name, O_CREAT | O_EXCL | O_RDONLY | O_CLOEXEC,
	    (mode_t)mode, ap);
	if (q == (mqd_t)-1)
		return -1;
	if (fchmod((int)q, (mode_t)mode) < 0) {
		err = errno;
		mq_close(q);
		mq_unlink(name);
		errno = err;
		return -1;
	}
	mq_close(q);
	return 0;
}

/* Only the queue that was listed: its inode, seen in this namespace's mqueue. */
static int
pmsg_unlink(const struct ipck_place *pl, const char *dname, const char *name,
    int check, dev_t dev, ino_t ino)
{
	struct stat st;
	int dir, r;

	if (check) {
		if ((dir = pmsg_dir(pl)) < 0)
			return -1;
		r = fstatat(dir, dname, &st, AT_SYMLINK_NOFOLLOW);
		close(dir);
		if (r < 0)
			return -1;
		if (st.st_dev != dev || st.st_ino != ino) {
			errno = ENOENT;
			return -1;
		}
	}
	/*
	 * The kernel's own call: glibc's mq_unlink turns EPERM (not the
	 * owner, in the sticky directory) into EACCES, and EPERM is what
	 * removing says for every other kind.  The kernel takes the name
	 * without its "/", as dname is.
	 */
	(void)name;
	return (int)syscall(SYS_mq_unlink, dname);
}

/* Reusing a queue takes what an mq_open with acc's access takes. */
static int
pmsg_reuse(const char *name, int acc)
{
	mqd_t q;

	q = mq_open(name, (acc == (R_OK | W_OK) ? O_RDWR : acc == R_OK ?
	    O_RDONLY : O_WRONLY) | O_NONBLOCK | O_CLOEXEC);
	if (q == (mqd_t)-1)
		return -1;
	mq_close(q);
	return 0;
}

static int
pmsg_exists(const char *name)
{
	char canon[NAME_MAX + 2];
	mqd_t q;

	if (ipck_parse_name(IPCK_PMSG, name, canon, sizeof(canon), NULL) < 0)
		return -1;
	/* opened to read, closed again: nothing received, nothing changed */
	if ((q = mq_open(canon, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) != (mqd_t)-1) {
		mq_close(q);
		return 0;
	}
	return errno == EACCES ? 0 : -1;
}

const struct ipck__ops ipck__pmsg_ops = {
	.dir = pmsg_dir,
	.entry = pmsg_entry,
	.dname = pmsg_dname,
	.tally = pmsg_tally,
	.make = pmsg_make,
	.unlink = pmsg_unlink,
	.reuse = pmsg_reuse,
	.exists = pmsg_exists,
};
