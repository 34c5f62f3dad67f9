/* SPDX-License-Identifier: MIT */
/*
 * IPC namespaces: open one by process or by file, enter it, find every one
 * on the machine.
 * System V objects and POSIX queues belong to the IPC namespace, so setns
 * makes them the caller's; shared memory objects and named semaphores are
 * files in a mount namespace's /dev/shm, which /proc/PID/root/dev/shm
 * shows without moving into that mount namespace.
 */
#define _GNU_SOURCE	/* setns, CLONE_NEWIPC */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <linux/nsfs.h>

#include "internal.h"

/* fd is an IPC namespace: 0; else EINVAL. */
static int
is_ipc(int fd)
{
	int type = ioctl(fd, NS_GET_NSTYPE);

	if (type == CLONE_NEWIPC)
		return 0;
	errno = EINVAL;
	return -1;
}

IPCK_API int
ipck_ns_open(pid_t pid, const char *path)
{
	char buf[64];
	int fd, err;

	if ((pid > 0) == (path != NULL && *path != '\0')) {
		errno = EINVAL;
		return -1;
	}
	if (pid > 0) {
		snprintf(buf, sizeof(buf), "/proc/%d/ns/ipc", (int)pid);
		path = buf;
	}
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return -1;
	if (is_ipc(fd) < 0) {
		err = errno;
		close(fd);
		errno = err;
		return -1;
	}
	return fd;
}

IPCK_API int
ipck_ns_enter(int fd)
{
	return setns(fd, CLONE_NEWIPC);
}

/* The namespace a file names, as device and inode. */
static int
ns_id(const char *path, dev_t *dev, ino_t *ino)
{
	struct stat st;

	if (stat(path, &st) < 0)
		return -1;
	*dev = st.st_dev;
	*ino = st.st_ino;
	return 0;
}

struct nslist {
	struct ipck_nsinfo	*v;
	size_t			 n, cap;
	size_t			 hidden;	/* processes whose namespace is not ours to see */
};

static struct ipck_nsinfo *
find(struct nslist *l, dev_t dev, ino_t ino)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (l->v[i].ino == ino && l->v[i].dev == dev)
			return &l->v[i];
	return NULL;
}

static struct ipck_nsinfo *
add(struct nslist *l, dev_t dev, ino_t ino)
{
	struct ipck_nsinfo *v;
	size_t cap;

	if (l->n == l->cap) {
		cap = l->cap ? 2 * l->cap : 16;
		if ((v = realloc(l->v, cap * sizeof(*v))) == NULL)
			return NULL;
		l->v = v;
		l->cap = cap;
	}
	v = &l->v[l->n++];
	memset(v, 0, sizeof(*v));
	v->dev = dev;
	v->ino = ino;
	return v;
}

/* A process's command, from /proc/PID/comm; "" when it is gone. */
static void
comm_of(pid_t pid, char *buf, size_t len)
{
	char path[64];
	ssize_t n;
	int fd;

	buf[0] = '\0';
	snprintf(path, sizeof(path), "/proc/%d/comm", (int)pid);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n < 0)
		n = 0;
	buf[n] = '\0';
	if (n > 0 && buf[n - 1] == '\n')
		buf[n - 1] = '\0';
}

/* Process pid holds namespace dev/ino, by the file path. */
static int
hold(struct nslist *l, pid_t pid, const char *path, dev_t dev, ino_t ino)
{
	struct ipck_nsinfo *ns;

	if ((ns = find(l, dev, ino)) == NULL && (ns = add(l, dev, ino)) == NULL)
		return -1;
	if (ns->nprocs++ == 0 || pid < ns->pid || ns->pid == 0) {
		ns->pid = pid;
		snprintf(ns->path, sizeof(ns->path), "%s", path);
	}
	return 0;
}

/* Every thread of process pid: the namespaces it holds, counted once for it. */
static int
scan_process(struct nslist *l, pid_t pid)
{
	char path[64], *end;
	struct dirent *e;
	struct stat st;
	long tid;
	dev_t dev, seen_dev[8];
	ino_t ino, seen_ino[8];
	size_t nseen = 0, i;
	int hid = 0;
	DIR *d;

	/* one thread (the task directory's links are 2 + threads): no walk */
	snprintf(path, sizeof(path), "/proc/%d/task", (int)pid);
	if (stat(path, &st) == 0 && st.st_nlink == 3) {
		snprintf(path, sizeof(path), "/proc/%d/ns/ipc", (int)pid);
		if (ns_id(path, &dev, &ino) < 0) {
			/* another user's: ptrace's rule hides its namespaces */
			if (errno == EACCES || errno == EPERM)
				l->hidden++;
			return 0;
		}
		return hold(l, pid, path, dev, ino);
	}
	if ((d = opendir(path)) == NULL)
		return 0;	/* gone, or not ours to see */
	while ((e = readdir(d)) != NULL) {
		tid = strtol(e->d_name, &end, 10);
		if (!isdigit((unsigned char)e->d_name[0]) || *end != '\0' ||
		    tid <= 0 || tid > INT_MAX)
			continue;
		snprintf(path, sizeof(path), "/proc/%d/task/%ld/ns/ipc", (int)pid,
		    tid);
		if (ns_id(path, &dev, &ino) < 0) {
			if ((errno == EACCES || errno == EPERM) && !hid++)
				l->hidden++;
			continue;
		}
		for (i = 0; i < nseen; i++)
			if (seen_ino[i] == ino && seen_dev[i] == dev)
				break;
		if (i < nseen)
			continue;
		if (nseen < sizeof(seen_ino) / sizeof(seen_ino[0])) {
			seen_dev[nseen] = dev;
			seen_ino[nseen++] = ino;
		}
		if (hold(l, pid, path, dev, ino) < 0) {
			closedir(d);
			return -1;
		}
	}
	closedir(d);
	return 0;
}

/*
 * A mount point field of /proc/self/mountinfo, its octal escapes (\040
 * for a space) undone, in place.
 */
static void
unescape(char *s)
{
	char *w = s;

	for (; *s != '\0'; s++, w++) {
		if (s[0] == '\\' && s[1] >= '0' && s[1] <= '3' && s[2] >= '0' &&
		    s[2] <= '7' && s[3] >= '0' && s[3] <= '7') {
			*w = (char)((s[1] - '0') << 6 | (s[2] - '0') << 3 |
			    (s[3] - '0'));
			s += 3;
		} else
			*w = *s;
	}
	*w = '\0';
}

/* Namespace files bound anywhere: nsfs mounts in this mount namespace's table. */
static int
scan_mounts(struct nslist *l)
{
	struct ipck_nsinfo *ns;
	char *line = NULL, *f[10], *p, *dash;
	size_t cap = 0;
	dev_t dev, d2, nsfs;
	ino_t ino, i2;
	FILE *fp;
	int i, rc = 0;

	/* every namespace file is on the one nsfs */
	if (ns_id("/proc/self/ns/ipc", &nsfs, &i2) < 0 ||
	    (fp = fopen("/proc/self/mountinfo", "re")) == NULL)
		return 0;
	while (rc == 0 && getline(&line, &cap, fp) > 0) {
		/* id parent maj:min root point options ... - fstype source ... */
		if ((dash = strstr(line, " - ")) == NULL ||
		    strncmp(dash + 3, "nsfs ", 5) != 0)
			continue;
		for (i = 0, p = line; i < 5 && p != NULL; i++)
			f[i] = strsep(&p, " ");
		if (i < 5 || f[4] == NULL || strncmp(f[3], "ipc:[", 5) != 0)
			continue;
		unescape(f[4]);
		/* "ipc:[INODE]" says which, even where the file cannot be reached */
		ino = (ino_t)strtoull(f[3] + 5, NULL, 10);
		dev = nsfs;
		if (ns_id(f[4], &d2, &i2) == 0 && i2 == ino)
			dev = d2;
		if ((ns = find(l, dev, ino)) == NULL &&
		    (ns = add(l, dev, ino)) == NULL)
			rc = -1;
		else if (ns->bound == NULL && (ns->bound = strdup(f[4])) == NULL)
			rc = -1;
	}
	free(line);
	fclose(fp);
	return rc;
}

static int
by_inode(const void *a, const void *b)
{
	const struct ipck_nsinfo *x = a, *y = b;

	return x->ino < y->ino ? -1 : x->ino > y->ino;
}

static int
each_process(void *arg, const char *name, pid_t pid)
{
	(void)name;
	return scan_process(arg, pid);
}

IPCK_API int
ipck_ns_all(struct ipck_nsinfo **out, size_t *n)
{
	return ipck_ns_scan(out, n, NULL);
}

IPCK_API int
ipck_ns_scan(struct ipck_nsinfo **out, size_t *n, size_t *hidden)
{
	struct nslist l = { NULL, 0, 0, 0 };
	size_t i;
	int err;

	/* scan_process fails only for want of memory; what it cannot see it skips */
	if (ipck__each_pid(each_process, &l, NULL) < 0 || scan_mounts(&l) < 0)
		goto fail;
	for (i = 0; i < l.n; i++)
		if (l.v[i].pid > 0)
			comm_of(l.v[i].pid, l.v[i].comm, sizeof(l.v[i].comm));
	if (l.n > 1)
		qsort(l.v, l.n, sizeof(*l.v), by_inode);
	*out = l.v;
	*n = l.n;
	if (hidden != NULL)
		*hidden = l.hidden;
	return 0;
fail:
	err = errno;
	ipck_ns_free(l.v, l.n);
	errno = err;
	return -1;
}

IPCK_API void
ipck_ns_free(struct ipck_nsinfo *v, size_t n)
{
	size_t i;

	for (i = 0; v != NULL && i < n; i++)
		free(v[i].bound);
	free(v);
}

IPCK_API int
ipck_nsinfo_open(const struct ipck_nsinfo *ns)
{
	/*
	 * A thread's file first: a bind mount's path may have been replaced.
	 * .../ns/ipc is an IPC namespace by its name: no NS_GET_NSTYPE.
	 */
	if (ns->pid > 0 && ns->path[0] != '\0')
		return open(ns->path, O_RDONLY | O_CLOEXEC);
	if (ns->bound != NULL)
		return ipck_ns_open(0, ns->bound);
	errno = ENOENT;
	return -1;
}

/* What holder_but_self looks for, and has found. */
struct holder {
	dev_t	dev;
	ino_t	ino;
	pid_t	self, pid;
};

static int
holds(void *arg, const char *name, pid_t pid)
{
	struct holder *h = arg;
	char path[64];
	dev_t d;
	ino_t i;

	(void)name;
	snprintf(path, sizeof(path), "/proc/%d/ns/ipc", (int)pid);
	if (pid != h->self && ns_id(path, &d, &i) == 0 && d == h->dev &&
	    i == h->ino && (h->pid == 0 || pid < h->pid))
		h->pid = pid;
	return 0;
}

/* The lowest pid but the caller's with a thread in the namespace. */
static int
holder_but_self(dev_t dev, ino_t ino, pid_t *pid)
{
	struct holder h = { dev, ino, getpid(), 0 };
	int r = ipck__each_pid(holds, &h, NULL);

	*pid = h.pid;
	return r;
}

IPCK_API int
ipck_ns_holder(int fd, pid_t *pid)
{
	struct ipck_nsinfo *v;
	struct stat st;
	size_t n, i;

	if (fstat(fd, &st) < 0 || ipck_ns_all(&v, &n) < 0)
		return -1;
	*pid = 0;
	for (i = 0; i < n; i++)
		if (v[i].dev == st.st_dev && v[i].ino == st.st_ino)
			*pid = v[i].pid;
	/* the caller, once it has entered, is no other holder */
	if (*pid == getpid()) {
		ipck_ns_free(v, n);
		return holder_but_self(st.st_dev, st.st_ino, pid);
	}
	ipck_ns_free(v, n);
	return 0;
}
