/* SPDX-License-Identifier: MIT */
/*
 * Who has a segment attached: the kernel counts them (shm_nattch) but names
 * none.  Each attachment is a mapping of the segment's file, whose inode
 * number is the shmid, on a mount no user can name (shmdev.c), so
 * /proc/PID/maps of every process tells.  Lines are matched by the device
 * and inode the kernel writes, never by the path, which a user chooses.
 * Ids are per IPC namespace, so a process in another one is not counted.
 */
#define _DEFAULT_SOURCE	/* DT_DIR */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "internal.h"

struct list {
	struct ipck_attacher	*v;
	size_t			 n, cap;
};

static int
push(struct list *l, const struct ipck_attacher *a)
{
	struct ipck_attacher *v;
	size_t cap;

	if (l->n == l->cap) {
		cap = l->cap ? 2 * l->cap : 8;
		if ((v = realloc(l->v, cap * sizeof(*v))) == NULL)
			return -1;
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = *a;
	return 0;
}

/* The IPC namespace a process is in, as its inode; 0 when it cannot be told. */
static ino_t
ipc_ns(const char *pid)
{
	char path[288];
	struct stat st;

	snprintf(path, sizeof(path), "/proc/%s/ns/ipc", pid);
	return stat(path, &st) == 0 ? st.st_ino : 0;
}

/* The devices a segment's file can be on. */
struct devs {
	dev_t	v[4];
	size_t	n;
};

static int
on_shm(const struct devs *d, dev_t dev)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if (d->v[i] == dev)
			return 1;
	return 0;
}

/* What scan looks for in one process's mappings, and where it puts them. */
struct scan {
	const char		*pidstr;
	pid_t			 pid;
	int			 shmid;
	ino_t			 ns;
	const struct devs	*d;
	struct list		*l;
};

static int
segment(void *arg, const struct ipck__mapping *m)
{
	const struct scan *s = arg;
	struct ipck_attacher a;

	if (m->ino != (uint64_t)s->shmid || !on_shm(s->d, m->dev) ||
	    strncmp(m->path, "/SYSV", 5) != 0)
		return 0;
	/* the same id in another namespace is another segment */
	if (ipc_ns(s->pidstr) != s->ns)
		return 1;
	a.pid = s->pid;
	a.start = m->start;
	a.end = m->end;
	a.rdonly = m->perms[1] != 'w';
	return push(s->l, &a);
}

/*
 * One process's mappings of the segment.  Returns 0, or -1 with errno:
 * EACCES/EPERM when its maps are not ours to read, ENOENT/ESRCH when it
 * ended, anything else a real failure.
 */
static int
scan(const char *pidstr, pid_t pid, int shmid, ino_t ns, const struct devs *d,
    char **line, size_t *cap, struct list *l)
{
	struct scan s = { pidstr, pid, shmid, ns, d, l };

	return ipck__maps_each(pidstr, line, cap, segment, &s) < 0 ? -1 : 0;
}

/* What one process is given, and what it adds to, in ipck_attachers. */
struct walk {
	int		 shmid;
	ino_t		 ns;
	struct devs	 devs;
	char		*line;
	size_t		 cap;
	struct list	 l;
};

static int
one_process(void *arg, const char *name, pid_t pid)
{
	struct walk *w = arg;

	return scan(name, pid, w->shmid, w->ns, &w->devs, &w->line, &w->cap,
	    &w->l);
}

IPCK_API int
ipck_attachers(int shmid, struct ipck_attacher **list, size_t *n,
    size_t *hidden)
{
	struct walk w;
	int ndevs, r, saved;

	memset(&w, 0, sizeof(w));
	w.shmid = shmid;
	*hidden = 0;
	ndevs = ipck__shm_devs(w.devs.v, sizeof(w.devs.v) / sizeof(w.devs.v[0]));
	if (ndevs < 0)
		return -1;
	w.devs.n = (size_t)ndevs;
	if ((w.ns = ipc_ns("self")) == 0)
		return -1;
	r = ipck__each_pid(one_process, &w, hidden);
	saved = errno;
	free(w.line);
	if (r < 0) {
		free(w.l.v);
		errno = saved;
		return -1;
	}
	*list = w.l.v;
	*n = w.l.n;
	errno = saved;
	return 0;
}
