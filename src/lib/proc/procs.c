/* SPDX-License-Identifier: MIT */
/* Every process /proc shows, once: the one walk the users, attachers and namespaces share. */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>

#include "internal.h"

int
ipck__each_pid(int (*fn)(void *arg, const char *name, pid_t pid), void *arg,
    size_t *hidden)
{
	struct dirent *d;
	DIR *dir;
	char *end;
	long pid;
	int r, saved = errno;

	if (hidden != NULL)
		*hidden = 0;
	if ((dir = opendir("/proc")) == NULL)
		return -1;
	while ((errno = 0, d = readdir(dir)) != NULL) {
		if (!isdigit((unsigned char)d->d_name[0]))
			continue;
		pid = strtol(d->d_name, &end, 10);
		if (*end != '\0' || pid <= 0 || pid > INT_MAX)
			continue;
		if (fn(arg, d->d_name, (pid_t)pid) == 0)
			continue;
		if (errno == EACCES || errno == EPERM) {
			if (hidden != NULL)
				(*hidden)++;
		} else if (errno != ENOENT && errno != ESRCH)
			break;
	}
	/* the end of the directory leaves errno 0; a failure does not */
	r = errno != 0 ? -1 : 0;
	saved = r == 0 ? saved : errno;
	closedir(dir);
	errno = saved;
	return r;
}
