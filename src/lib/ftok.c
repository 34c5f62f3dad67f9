/* SPDX-License-Identifier: MIT */
/* ftok(3) with its one trap closed: a key that happens to be -1 is not an error. */
#include <errno.h>
#include <sys/ipc.h>

#include "internal.h"

IPCK_API int
ipck_ftok(const char *path, int projid, key_t *key)
{
	int saved = errno;
	key_t k;

	/* ftok keeps only the low 8 bits; 0 there gives every path's key a 0 top byte */
	if (path == NULL || (projid & 0xff) == 0) {
		errno = EINVAL;
		return -1;
	}
	errno = 0;
	k = ftok(path, projid);
	if (k == (key_t)-1 && errno != 0)
		return -1;
	errno = saved;
	*key = k;
	return 0;
}
