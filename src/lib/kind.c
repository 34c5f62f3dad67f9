/* SPDX-License-Identifier: MIT */
/*
 * The kind table: what each kind of object is, and where its operations
 * are.  Every function that takes a kind asks here, so a kind without
 * operations fails the same way everywhere (EOPNOTSUPP) and none falls
 * into another kind's branch.
 */
#include <errno.h>
#include <stddef.h>
#include <string.h>

#include "internal.h"

static const struct row {
	struct ipck_kind_info	 info;
	const struct ipck__ops	*ops;
} table[IPCK_NKINDS] = {
	[IPCK_SHM] = { { IPCK_SHM, IPCK_SYSV, "shm", "0", "shared memory",
	    "shared memory segment", "shm", "shared memory segment",
	    "share memory", 'm', IPCK_PSHM }, &ipck__shm_ops },
	[IPCK_MSG] = { { IPCK_MSG, IPCK_SYSV, "msg", "1", "message queue",
	    "message queue", "msg", "message queue", "message queue", 'q', IPCK_PMSG },
	    &ipck__msg_ops },
	[IPCK_SEM] = { { IPCK_SEM, IPCK_SYSV, "sem", "2", "semaphore set",
	    "semaphore set", "sem", "semaphore", "semaphore", 's', IPCK_PSEM },
	    &ipck__sem_ops },
	[IPCK_PSHM] = { { IPCK_PSHM, IPCK_POSIX, "pshm", NULL,
	    "POSIX shared memory", "POSIX shared memory object", NULL,
	    "POSIX shared memory", NULL, 0, IPCK_SHM }, &ipck__pshm_ops },
	[IPCK_PMSG] = { { IPCK_PMSG, IPCK_POSIX, "pmsg", NULL,
	    "POSIX message queue", "POSIX message queue", NULL,
	    "POSIX message queue", NULL, 0, IPCK_MSG }, &ipck__pmsg_ops },
	[IPCK_PSEM] = { { IPCK_PSEM, IPCK_POSIX, "psem", NULL,
	    "POSIX semaphore", "POSIX named semaphore", NULL,
	    "POSIX semaphore", NULL, 0, IPCK_SEM }, &ipck__psem_ops },
};

IPCK_API const struct ipck_kind_info *
ipck_kind_info(enum ipck_kind kind)
{
	if ((unsigned int)kind >= IPCK_NKINDS) {
		errno = EINVAL;
		return NULL;
	}
	return &table[kind].info;
}

const struct ipck__ops *
ipck__ops(enum ipck_kind kind)
{
	if ((unsigned int)kind >= IPCK_NKINDS) {
		errno = EINVAL;
		return NULL;
	}
	if (table[kind].ops == NULL)
		errno = EOPNOTSUPP;
	return table[kind].ops;
}

IPCK_API const char *
ipck_kind_name(enum ipck_kind kind)
{
	return (unsigned int)kind < IPCK_NKINDS ? table[kind].info.name : "?";
}

IPCK_API const char *
ipck_kind_noun(enum ipck_kind kind)
{
	return (unsigned int)kind < IPCK_NKINDS ? table[kind].info.noun : "?";
}

IPCK_API int
ipck_parse_kind(const char *s, enum ipck_kind *kind)
{
	size_t k;

	for (k = 0; s != NULL && k < IPCK_NKINDS; k++) {
		const struct ipck_kind_info *i = &table[k].info;

		if (strcmp(s, i->name) == 0 ||
		    (i->digit != NULL && strcmp(s, i->digit) == 0)) {
			*kind = i->kind;
			return 0;
		}
	}
	errno = EINVAL;
	return -1;
}
