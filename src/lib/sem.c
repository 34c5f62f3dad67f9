/* SPDX-License-Identifier: MIT */
/* What semctl(2) keeps per semaphore: value, last pid, and who waits. */
#include <errno.h>
#include <limits.h>
#include <sys/ipc.h>
#include <sys/sem.h>

#include "internal.h"

IPCK_API int
ipck_sem_values(int id, uint64_t nsems, struct ipck_semval *v)
{
	uint64_t i;
	int num, saved = errno;

	if (nsems > INT_MAX) {
		errno = EINVAL;
		return -1;
	}
	/* each needs read permission, and the set may go at any call */
	for (i = 0; i < nsems; i++) {
		num = (int)i;
		if ((v[i].val = semctl(id, num, GETVAL)) < 0 ||
		    (v[i].pid = semctl(id, num, GETPID)) < 0 ||
		    (v[i].ncnt = semctl(id, num, GETNCNT)) < 0 ||
		    (v[i].zcnt = semctl(id, num, GETZCNT)) < 0)
			return -1;
	}
	errno = saved;
	return 0;
}
