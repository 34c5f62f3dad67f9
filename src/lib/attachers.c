/* SPDX-License-Identifier: MIT */
/*
 * Who has a segment attached: the kernel counts them (shm_nattch) but names
 * none.  Each attachment is a mapping of the segment's file, whose inode
 * number is the shmid, so /proc/PID/maps of every process tells.  Ids are
 * per IPC namespace, so a process in another one is not counted.
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
	char path[48];
	struct stat st;

	snprintf(path, sizeof(path), "/proc/%s/ns/ipc", pid);
	return stat(path, &st) == 0 ? st.st_ino : 0;
}

/*
 * One process's mappings of the segment.  Returns 0, or -1 with errno:
 * EACCES/EPERM when its maps are not ours to read, ENOENT/ESRCH when it
 * ended, anything else a real failure.
 */
static int
scan(const char *pidstr, pid_t pid, int shmid, ino_t ns, struct list *l)
{
	char path[48], line[512], perms[8], name[64];
	struct ipck_attacher a;
	unsigned long long start, end, ino;
	FILE *fp;
	int r = 0;

	snprintf(path, sizeof(path), "/proc/%s/maps", pidstr);
	if ((fp = fopen(path, "re")) == NULL)
		return -1;
	/* start-end perms offset dev inode path: SysV segments are /SYSV<key> */
	while (fgets(line, sizeof(line), fp) != NULL) {
		name[0] = '\0';
		if (sscanf(line, "%llx-%llx %7s %*s %*s %llu %63s", &start, &end,
		    perms, &ino, name) != 5 || ino != (unsigned long long)shmid ||
		    strncmp(name, "/SYSV", 5) != 0)
			continue;
		/* the same id in another namespace is another segment */
		if (ipc_ns(pidstr) != ns)
			break;
		a.pid = pid;
		a.start = start;
		a.end = end;
		a.rdonly = perms[1] != 'w';
		if ((r = push(l, &a)) < 0)
			break;
	}
	/* a process that ended while we read leaves a short file, not an error */
	if (ferror(fp) && errno != ESRCH)
		r = -1;
	fclose(fp);
	return r;
}

IPCK_API int
ipck_attachers(int shmid, struct ipck_attacher **list, size_t *n,
    size_t *hidden)
{
	struct list l = { NULL, 0, 0 };
	struct dirent *d;
	DIR *dir;
	char *end;
	long pid;
	ino_t ns;
	int saved = errno;

	*hidden = 0;
	if ((ns = ipc_ns("self")) == 0 || (dir = opendir("/proc")) == NULL)
		return -1;
	while ((errno = 0, d = readdir(dir)) != NULL) {
		if (!isdigit((unsigned char)d->d_name[0]))
			continue;
		pid = strtol(d->d_name, &end, 10);
		if (*end != '\0' || pid <= 0)
			continue;
		if (scan(d->d_name, (pid_t)pid, shmid, ns, &l) == 0)
			continue;
		if (errno == EACCES || errno == EPERM)
			(*hidden)++;
		else if (errno != ENOENT && errno != ESRCH)
			goto fail;
	}
	if (errno != 0)
		goto fail;
	closedir(dir);
	*list = l.v;
	*n = l.n;
	errno = saved;
	return 0;
fail:
	saved = errno;
	closedir(dir);
	free(l.v);
	errno = saved;
	return -1;
}
