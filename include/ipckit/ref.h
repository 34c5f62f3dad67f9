/* SPDX-License-Identifier: MIT */
/*
 * libipckit, references and operations: find, make, remove, change.
 * Include <ipckit.h>, which includes every one of these.
 */
#ifndef IPCKIT_REF_H
#define IPCKIT_REF_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

#include "object.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * A reference: an object as a user names it, by kind and id, key or (the
 * POSIX kinds) name.  ipck_resolve() finds and describes it; its failure
 * is in the terms of how it was named (ipck_strerror(errno, ref->by)):
 * ENOENT for a key that names nothing, EINVAL for an id that does not, and
 * EIDRM for an object found by its key and gone before it was described.
 */
enum ipck_by {
	IPCK_BY_ID,
	IPCK_BY_KEY,
	IPCK_BY_NAME
};
struct ipck_ref {
	enum ipck_kind	 kind;
	enum ipck_by	 by;
	int		 id;		/* IPCK_BY_ID */
	key_t		 key;		/* IPCK_BY_KEY; 0 names nothing */
	const char	*name;		/* IPCK_BY_NAME */
	const struct ipck_place *place;	/* IPCK_BY_NAME: where; NULL: here */
};
/* Find and describe: *obj filled, returns the id. */
int	ipck_resolve(const struct ipck_ref *ref, struct ipck_obj *obj);
/* Only find: the id, without describing (one system call fewer). */
int	ipck_ref_id(const struct ipck_ref *ref);

/* Flags for ipck_create(). */
#define IPCK_EXCL	0x1	/* fail with EEXIST when the key is taken */
#define IPCK_HUGETLB	0x2	/* shm: SHM_HUGETLB */
#define IPCK_NORESERVE	0x4	/* shm: SHM_NORESERVE */

/*
 * Create an object, or with a key and without IPCK_EXCL find the one that
 * has it.  size is bytes for shm, the number of semaphores for sem, unused
 * for msg.  Returns the id; *created (when not NULL) tells which happened.
 */
int	ipck_create(enum ipck_kind kind, key_t key, uint64_t size,
	    unsigned int mode, unsigned int flags, int *created);
/* The id of the object with this key.  Key 0 names nothing: EINVAL. */
int	ipck_lookup(enum ipck_kind kind, key_t key);
/* Describe one object by id, even one the caller may not read. */
int	ipck_stat(enum ipck_kind kind, int id, struct ipck_obj *obj);
/* The same from /proc/sysvipc: slower, but it alone has a segment's pages. */
int	ipck_stat_proc(enum ipck_kind kind, int id, struct ipck_obj *obj);
/* Remove by id; a segment still attached is only marked for removal. */
int	ipck_remove(enum ipck_kind kind, int id);
/* Remove the object that has key; returns its id.  Key 0: EINVAL. */
int	ipck_remove_key(enum ipck_kind kind, key_t key);
/*
 * POSIX objects by name ("/name", the slash optional).  What one is made
 * with: a shared memory object's size, a semaphore's value (at most
 * SEM_VALUE_MAX), a queue's mq_maxmsg and mq_msgsize (0: the namespace's
 * default, /proc/sys/fs/mqueue/msg*_default).
 */
struct ipck_posix_attr {
	uint64_t	size;
	unsigned int	value;
	uint64_t	maxmsg;
	uint64_t	msgsize;
};
/*
 * Make the object with exactly mode (the umask does not apply), whole or
 * not at all: a shared memory object or semaphore is built unnamed and
 * linked in at once, so no one opens it half made.  With IPCK_EXCL a
 * name in use is EEXIST; without, the object that has it is taken as it
 * is, never changed (not resized, its value kept), if the caller has the
 * access mode would give (EACCES).  *obj (when not NULL)
 * describes what was made or found; *created tells which.
 */
int	ipck_create_name(enum ipck_kind kind, const char *name,
	    const struct ipck_posix_attr *attr, unsigned int mode,
	    unsigned int flags, struct ipck_obj *obj, int *created);
int	ipck_create_name_at(const struct ipck_place *pl, enum ipck_kind kind,
	    const char *name, const struct ipck_posix_attr *attr,
	    unsigned int mode, unsigned int flags, struct ipck_obj *obj,
	    int *created);
/*
 * Remove the object the name has: only a real one (a regular file, for
 * the kinds in /dev/shm; anything else there is ENOENT).  Processes that
 * have it open or mapped keep it until they let go.
 */
int	ipck_remove_name(enum ipck_kind kind, const char *name);
int	ipck_remove_name_at(const struct ipck_place *pl, enum ipck_kind kind,
	    const char *name);
/*
 * Remove the very object obj describes: by id for the System V kinds, by
 * name for the POSIX ones, and only when the name still has the file obj
 * was read from (ENOENT when it is gone or another object has it now).
 */
int	ipck_remove_obj(const struct ipck_obj *obj);
/* Attach a segment (read-only when rdonly); NULL and errno on failure. */
void	*ipck_attach(int id, int rdonly);
int	ipck_detach(const void *addr);

/*
 * Changing an object.  ipck_change sets what ch->what names (IPCK_SET_*):
 * a System V object's owner, group, low 9 mode bits and a queue's
 * msg_qbytes, all in one IPC_SET over what IPC_STAT says now, so a refusal
 * (EPERM: only the owner, the creator or CAP_SYS_ADMIN may) changes
 * nothing; the creator never changes.  A POSIX object's file, the very
 * one obj describes (ENOENT when it was replaced), gets fchownat and then
 * chmod, by the file rules.  A mode above 0777 is EINVAL, never masked;
 * IPCK_SET_QBYTES is for queues only.  ipck_shm_lock: SHM_LOCK (lock 1)
 * or SHM_UNLOCK.  ipck_mode_apply: old changed by an octal mode (ERANGE
 * above 0777) or by chmod(1)'s symbolic clauses ("g+r", "u=rw,go=",
 * "o=u"); EINVAL else.
 */
#define IPCK_SET_UID	0x1
#define IPCK_SET_GID	0x2
#define IPCK_SET_MODE	0x4
#define IPCK_SET_QBYTES	0x8
struct ipck_change {
	unsigned int	 what;
	uid_t		 uid;
	gid_t		 gid;
	unsigned int	 mode;
	uint64_t	 qbytes;
};
int	ipck_change(const struct ipck_obj *obj, const struct ipck_change *ch);
int	ipck_shm_lock(int id, int lock);
int	ipck_mode_apply(const char *s, unsigned int old, unsigned int *mode);

#ifdef __cplusplus
}
#endif

#endif /* IPCKIT_REF_H */
