/* SPDX-License-Identifier: MIT */
/*
 * Who uses a POSIX object: the processes that map its file (/proc/PID/maps)
 * or hold a descriptor of it (/proc/PID/fd), matched by the device and
 * inode the kernel reports, never by path: glibc maps a semaphore it made
 * under a temporary name, which then shows as "(deleted)", and a process
 * in another mount or IPC namespace has other files of the same names.
 */
#define _DEFAULT_SOURCE	/* DT_DIR */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

/* What a walk over every process does with each file it finds in use. */
struct visit {
	int	(*fn)(void *arg, pid_t pid, dev_t dev, ino_t ino,
		    const struct ipck_user *u);
	void	*arg;
	char	*line;
	size_t	 cap;
	pid_t	 pid;		/* the process being walked */
};

/* One mapping of a file, of the process v->pid. */
static int
mapping(void *arg, const struct ipck__mapping *m)
{
	const struct visit *v = arg;
	struct ipck_user u = { v->pid, IPCK_USE_MAP, m->start, m->end,
	    m->perms[1] != 'w', -1 };

	if (m->ino == 0)
		return 0;	/* anonymous memory, no file */
	return v->fn(v->arg, v->pid, m->dev, (ino_t)m->ino, &u);
}

/* One process's mappings of files. */
static int
maps(const char *pidstr, pid_t pid, struct visit *v)
{
	v->pid = pid;
	return ipck__maps_each(pidstr, &v->line, &v->cap, mapping, v);
}

/* One process's open descriptors: each stat()ed through its link. */
static int
fds(const char *pidstr, pid_t pid, struct visit *v)
{
	struct ipck_user u;
	struct dirent *d;
	struct stat st;
	char path[288];
	DIR *dir;
	int r = 0;

	snprintf(path, sizeof(path), "/proc/%s/fd", pidstr);
	if ((dir = opendir(path)) == NULL)
		return -1;
	while (r == 0 && (d = readdir(dir)) != NULL) {
		if (!isdigit((unsigned char)d->d_name[0]) ||
		    fstatat(dirfd(dir), d->d_name, &st, 0) < 0)
			continue;
		u = (struct ipck_user){ pid, IPCK_USE_FD, 0, 0, 0,
		    atoi(d->d_name) };
		r = v->fn(v->arg, pid, st.st_dev, st.st_ino, &u);
	}
	closedir(dir);
	return r;
}

/* One process's mappings, then its descriptors. */
static int
one_process(void *arg, const char *name, pid_t pid)
{
	struct visit *v = arg;
	int r;

	if ((r = maps(name, pid, v)) == 0)
		r = fds(name, pid, v);
	return r;
}

/* Every process the caller can see; *hidden counts those it may not read. */
static int
walk(struct visit *v, size_t *hidden)
{
	int r = ipck__each_pid(one_process, v, hidden), saved = errno;

	free(v->line);
	v->line = NULL;
	errno = saved;
	return r;
}

/* ipck_users: the uses of one file, in a growing list. */
struct found {
	dev_t			 dev;
	ino_t			 ino;
	struct ipck_user	*v;
	size_t			 n, cap;
};

static int
collect(void *arg, pid_t pid, dev_t dev, ino_t ino, const struct ipck_user *u)
{
	struct found *f = arg;
	struct ipck_user *v;

	(void)pid;
	if (dev != f->dev || ino != f->ino)
		return 0;
	if (f->n == f->cap) {
		f->cap = f->cap ? 2 * f->cap : 8;
		if ((v = realloc(f->v, f->cap * sizeof(*v))) == NULL)
			return -1;
		f->v = v;
	}
	f->v[f->n++] = *u;
	return 0;
}

IPCK_API int
ipck_users(const struct ipck_obj *o, struct ipck_user **list, size_t *n,
    size_t *hidden)
{
	struct found f = { 0, 0, NULL, 0, 0 };
	struct visit v = { collect, &f, NULL, 0, 0 };

	if (ipck__posix_file(o, &f.dev, &f.ino) < 0)
		return -1;
	if (walk(&v, hidden) < 0) {
		free(f.v);
		return -1;
	}
	*list = f.v;
	*n = f.n;
	return 0;
}

/* The set of files in use: open addressing over (dev, ino) pairs. */
struct ipck_inuse {
	struct pair {
		dev_t		dev;
		ino_t		ino;
		int		used;
		pid_t		last;	/* the process counted last */
		unsigned int	procs;	/* how many use it */
	}		*slot;
	size_t		 mask;
	size_t		 count;
};

static size_t
slot_of(const struct ipck_inuse *u, dev_t dev, ino_t ino)
{
	size_t i = (size_t)(((uint64_t)ino * 0x9e3779b97f4a7c15ULL ^
	    (uint64_t)dev) >> 17) & u->mask;

	while (u->slot[i].used && (u->slot[i].dev != dev ||
	    u->slot[i].ino != ino))
		i = (i + 1) & u->mask;
	return i;
}

static int
grow(struct ipck_inuse *u)
{
	struct ipck_inuse n = { NULL, u->mask ? 2 * u->mask + 1 : 255, 0 };
	size_t i;

	if ((n.slot = calloc(n.mask + 1, sizeof(*n.slot))) == NULL)
		return -1;
	for (i = 0; u->slot != NULL && i <= u->mask; i++)
		if (u->slot[i].used)
			n.slot[slot_of(&n, u->slot[i].dev, u->slot[i].ino)] =
			    u->slot[i];
	n.count = u->count;
	free(u->slot);
	*u = n;
	return 0;
}

static int
note(void *arg, pid_t pid, dev_t dev, ino_t ino, const struct ipck_user *use)
{
	struct ipck_inuse *u = arg;
	size_t i;

	(void)use;
	if ((u->count + 1) * 2 > u->mask + 1 && grow(u) < 0)
		return -1;
	i = slot_of(u, dev, ino);
	if (!u->slot[i].used) {
		u->slot[i] = (struct pair){ dev, ino, 1, 0, 0 };
		u->count++;
	}
	/* the walk meets each process's files together: count it once */
	if (u->slot[i].procs == 0 || u->slot[i].last != pid) {
		u->slot[i].last = pid;
		u->slot[i].procs++;
	}
	return 0;
}

IPCK_API ipck_inuse *
ipck_inuse_open(void)
{
	struct ipck_inuse *u = calloc(1, sizeof(*u));
	struct visit v = { note, u, NULL, 0, 0 };
	size_t hidden;

	if (u == NULL || grow(u) < 0 || walk(&v, &hidden) < 0) {
		ipck_inuse_close(u);
		return NULL;
	}
	return u;
}

IPCK_API int
ipck_inuse_has(const ipck_inuse *u, const struct ipck_obj *o)
{
	dev_t dev;
	ino_t ino;

	size_t i;

	if (ipck__posix_file(o, &dev, &ino) < 0)
		return 0;
	i = slot_of(u, dev, ino);
	return u->slot[i].used ? (int)u->slot[i].procs : 0;
}

IPCK_API void
ipck_inuse_close(ipck_inuse *u)
{
	int saved = errno;

	if (u != NULL)
		free(u->slot);
	free(u);
	errno = saved;
}
