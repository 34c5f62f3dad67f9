/* SPDX-License-Identifier: MIT */
/*
 * libipckit, permissions: the kernel's rules, asked of a caller's credentials.
 * Include <ipckit.h>, which includes every one of these.
 */
#ifndef IPCKIT_ACCESS_H
#define IPCKIT_ACCESS_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

#include "object.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Who the caller is, as the kernel's IPC permission checks see it: the
 * effective ids, the groups, and the capabilities that count, held over
 * the user namespace that owns the caller's IPC namespace (a root of a
 * child user namespace holds none there).  ipck_cred_self() fills it;
 * ipck_cred_free() releases the groups.
 */
#define IPCK_CAP_IPC_OWNER	0x1	/* read and write whatever the mode says */
#define IPCK_CAP_SYS_ADMIN	0x2	/* remove and change any object */
#define IPCK_CAP_IPC_LOCK	0x20	/* lock and unlock any segment, past RLIMIT_MEMLOCK */
/* The POSIX kinds are files, and the file rules hold, in the caller's own namespace: */
#define IPCK_CAP_FOWNER		0x4	/* remove any (from a sticky directory) */
#define IPCK_CAP_DAC_OVERRIDE	0x8	/* read and write whatever the mode says */
#define IPCK_CAP_CHOWN		0x40	/* give a file away, or to any group */
/* Held in the initial user namespace only, where the kernel asks for it: */
#define IPCK_CAP_SYS_RESOURCE	0x10	/* POSIX queues past /proc/sys/fs/mqueue */
struct ipck_cred {
	uid_t		 euid;
	gid_t		 egid;
	gid_t		*groups;
	size_t		 ngroups;
	unsigned int	 caps;		/* IPCK_CAP_* */
	uid_t		 shm_owner;	/* of /dev/shm, who may remove from it */
};
int	ipck_cred_self(struct ipck_cred *cred);
void	ipck_cred_free(struct ipck_cred *cred);

/* What ipck_may() is asked about. */
#define IPCK_MAY_READ		04	/* IPC_STAT, shmat read-only, msgrcv */
#define IPCK_MAY_WRITE		02	/* msgsnd, semop, SETVAL */
#define IPCK_MAY_CHANGE		0x100	/* IPC_RMID and IPC_SET; a POSIX
					   object's unlink */
/* 1 when the kernel would allow every access in what, else 0. */
int	ipck_may(const struct ipck_cred *cred, const struct ipck_obj *obj,
	    unsigned int what);
/*
 * Which three bits of the mode the kernel reads for cred: the owner's
 * (the owner or the creator), the group's (the group or the creator's
 * group), or the others'.  Returns the shift: 6, 3 or 0.
 */
int	ipck_mode_class(const struct ipck_cred *cred, const struct ipck_obj *obj);
/*
 * Whether the kernel would make the change ch to obj and, when lock is 0
 * or 1, SHM_UNLOCK or SHM_LOCK it: 0 yes, else why not (IPCK_DENY_*).  A
 * System V object: the owner, the creator or CAP_SYS_ADMIN changes it;
 * the owner, the creator or CAP_IPC_LOCK locks it, and locking without
 * CAP_IPC_LOCK needs room under RLIMIT_MEMLOCK.  A POSIX object's file:
 * chown to another owner needs CAP_CHOWN; chgrp the owner into one of
 * its own groups, or CAP_CHOWN; chmod the owner, or CAP_FOWNER.  A file
 * capability counts only when the caller's user namespace maps the file's
 * owner and group (then IPCK_DENY_UNMAPPED is or'd in).  A queue's byte
 * limit above msgmnb is the caller's to check (ipck_limits).
 */
#define IPCK_DENY_OWNER		1	/* neither the owner (nor creator) nor the capability */
#define IPCK_DENY_GIVE		2	/* another owner: CAP_CHOWN */
#define IPCK_DENY_GROUP		3	/* a group not the owner's own: CAP_CHOWN */
#define IPCK_DENY_LOCK		4	/* SHM_LOCK, SHM_UNLOCK: owner, creator or CAP_IPC_LOCK */
#define IPCK_DENY_MEMLOCK	5	/* locking: no room under RLIMIT_MEMLOCK */
#define IPCK_DENY_UNMAPPED	0x100	/* the capability is held, but not over the file */
struct ipck_change;
int	ipck_may_change(const struct ipck_cred *cred, const struct ipck_obj *obj,
	    const struct ipck_change *ch, int lock);

#ifdef __cplusplus
}
#endif

#endif /* IPCKIT_ACCESS_H */
