/* SPDX-License-Identifier: MIT */
/* A POSIX object's name as a user types it: the one parser of names. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

/* NAME_MAX, and what glibc's "sem." prefix leaves of it. */
#define NAME_BYTES	255
#define SEM_PREFIX	"sem."

IPCK_API int
ipck_parse_name(enum ipck_kind kind, const char *s, char *buf, size_t len,
    const char **why)
{
	const struct ipck_kind_info *info = ipck_kind_info(kind);
	size_t n, max;
	const char *rule = NULL;

	if (info == NULL || s == NULL) {
		errno = EINVAL;
		return -1;
	}
	if (info->family != IPCK_POSIX) {
		errno = EOPNOTSUPP;
		return -1;
	}
	max = kind == IPCK_PSEM ? NAME_BYTES - strlen(SEM_PREFIX) : NAME_BYTES;
	if (*s == '/')
		s++;
	n = strlen(s);
	if (n == 0)
		rule = "a name is not empty";
	else if (strchr(s, '/') != NULL)
		rule = "a name has no '/' but the first";
	else if (strcmp(s, ".") == 0 || strcmp(s, "..") == 0)
		rule = "a name is not '.' or '..'";
	if (rule != NULL) {
		if (why != NULL)
			*why = rule;
		errno = EINVAL;
		return -1;
	}
	if (n > max || n + 2 > len) {
		if (why != NULL)
			*why = kind == IPCK_PSEM ? "a semaphore's name is at most "
			    "251 bytes" : "a name is at most 255 bytes";
		errno = ENAMETOOLONG;
		return -1;
	}
	buf[0] = '/';
	memcpy(buf + 1, s, n + 1);
	return 0;
}
