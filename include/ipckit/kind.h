/* SPDX-License-Identifier: MIT */
/*
 * libipckit, kinds: the six kinds of object, their families and words.
 * Include <ipckit.h>, which includes every one of these.
 */
#ifndef IPCKIT_KIND_H
#define IPCKIT_KIND_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The kinds of object, two families.  What each is (its words, its
 * family) is in one table: see ipck_kind_info().  An operation a kind
 * has not is EOPNOTSUPP; a number that is no kind is EINVAL.
 */
enum ipck_kind {
	IPCK_SHM = 0,		/* System V shared memory segment */
	IPCK_MSG = 1,		/* System V message queue */
	IPCK_SEM = 2,		/* System V semaphore set */
	IPCK_PSHM = 3,		/* POSIX shared memory object */
	IPCK_PMSG = 4,		/* POSIX message queue */
	IPCK_PSEM = 5		/* POSIX named semaphore */
};
#define IPCK_NKINDS	6	/* every kind, 0 .. IPCK_NKINDS-1 */

enum ipck_family {
	IPCK_SYSV,		/* named by id and key, in the IPC namespace */
	IPCK_POSIX		/* named by "/name" */
};

struct ipck_kind_info {
	enum ipck_kind	 kind;
	enum ipck_family family;
	const char	*name;		/* "shm": JSON, --all=, TYPE operands */
	const char	*digit;		/* the tutorial's TYPE, "0"; NULL if none */
	const char	*noun;		/* "shared memory": what messages call it */
	const char	*object;	/* "shared memory segment": one of them */
	const char	*prefix;	/* of the kernel's field names: "shm" */
	const char	*ul_word;	/* util-linux's in ipcrm -v: "semaphore" */
	const char	*tutorial;	/* the tutorial's programs': "share memory" */
	char		 letter;	/* 'm', 'q', 's': option letters, ipcs's T */
	enum ipck_kind	 cousin;	/* the other family's kind of the same use:
					   IPCK_SHM's is IPCK_PSHM, and back */
};
/* The kind's row of the table; NULL with EINVAL for a number that is no kind. */
const struct ipck_kind_info	*ipck_kind_info(enum ipck_kind kind);

/* The table's name ("shm") and noun ("shared memory"); "?" for no kind. */
const char	*ipck_kind_name(enum ipck_kind kind);
const char	*ipck_kind_noun(enum ipck_kind kind);

#ifdef __cplusplus
}
#endif

#endif /* IPCKIT_KIND_H */
