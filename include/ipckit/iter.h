/* SPDX-License-Identifier: MIT */
/*
 * libipckit, iteration and selection: every object of a kind, and who uses it.
 * Include <ipckit.h>, which includes every one of these.
 */
#ifndef IPCKIT_ITER_H
#define IPCKIT_ITER_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

#include "object.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Every object of one kind, opendir-shaped.  ipck_next() returns 1 with
 * *obj filled, 0 at the end, -1 on error.  Objects that vanish during the
 * walk are skipped.  IPCK_ITER_PROC reads /proc/sysvipc instead of the
 * (faster) *_STAT_ANY walk; only it fills the shm page counts.
 */
#define IPCK_ITER_PROC	0x1
typedef struct ipck_iter ipck_iter;
ipck_iter	*ipck_open(enum ipck_kind kind, unsigned int flags);
/* The same in a place (NULL: here); each object found keeps pl. */
ipck_iter	*ipck_open_at(const struct ipck_place *pl, enum ipck_kind kind,
		    unsigned int flags);
int		 ipck_next(ipck_iter *it, struct ipck_obj *obj);
void		 ipck_close(ipck_iter *it);

/*
 * Selecting objects.  Every criterion set in what must hold (AND); one
 * given several values holds when any of them does (OR): keys[0 ..
 * nkeys-1], and so on.  Key 0 selects the IPC_PRIVATE objects.
 * IPCK_F_UNATTACHED: a segment no process has attached, or a POSIX shared
 * memory object no process maps or holds open (other kinds never).
 * IPCK_F_ORPHANED: nothing shows a live user: for a segment, none attached
 * and neither creator nor last pid alive; for a queue, its last sender and
 * receiver known and dead; for a set, its semaphores' last pids known and
 * dead.  Objects no process ever touched are not called orphaned.
 */
typedef struct ipck_inuse ipck_inuse;
#define IPCK_F_KEY		0x01
#define IPCK_F_ID		0x02
#define IPCK_F_OWNER		0x04
#define IPCK_F_CREATOR		0x08
#define IPCK_F_UNATTACHED	0x10
#define IPCK_F_ORPHANED		0x20
#define IPCK_F_CHANGED_BEFORE	0x40
struct ipck_filter {
	unsigned int	 what;		/* IPCK_F_* */
	const key_t	*keys;
	size_t		 nkeys;
	const int	*ids;
	size_t		 nids;
	const uid_t	*owners;
	size_t		 nowners;
	const uid_t	*creators;
	size_t		 ncreators;
	time_t		 changed_before;	/* ctime earlier than this */
	const ipck_inuse *inuse;	/* IPCK_F_UNATTACHED of POSIX shared
					   memory; NULL: asked anew each time */
};
/* 1 when obj is selected, 0 when not. */
int	ipck_match(const struct ipck_filter *f, const struct ipck_obj *obj);
/* 1 when a process with this pid exists (0 is none), else 0. */
int	ipck_pid_alive(pid_t pid);
/*
 * The command of a running process, as the kernel keeps it (its comm: any
 * bytes a process chose, at most 15), in buf; ESRCH when none runs.
 */
int	ipck_pid_command(pid_t pid, char *buf, size_t len);

/* One mapping of a segment by a process (from /proc/PID/maps). */
struct ipck_attacher {
	pid_t		pid;
	uint64_t	start;		/* first address */
	uint64_t	end;		/* one past the last */
	int		rdonly;		/* attached SHM_RDONLY */
};
/*
 * Every mapping of segment shmid in the processes the caller can see, in
 * *list (malloc'd: free it) and *n; *hidden counts processes whose maps
 * the caller may not read.  Processes in other PID namespaces are unseen.
 */
int	ipck_attachers(int shmid, struct ipck_attacher **list, size_t *n,
	    size_t *hidden);

/*
 * Who uses a POSIX object now: each mapping of its file and each open
 * descriptor of it, in the processes the caller can see, matched by device
 * and inode (a semaphore that glibc made under a temporary name is mapped
 * as "(deleted)").  *list is malloc'd (free it); *hidden counts processes
 * whose maps or descriptors the caller may not read.
 */
#define IPCK_USE_MAP	0x1	/* mapped, from start to end */
#define IPCK_USE_FD	0x2	/* an open descriptor, fd */
struct ipck_user {
	pid_t		pid;
	unsigned int	how;		/* IPCK_USE_* */
	uint64_t	start;
	uint64_t	end;
	int		rdonly;		/* mapped without write */
	int		fd;
};
int	ipck_users(const struct ipck_obj *obj, struct ipck_user **list,
	    size_t *n, size_t *hidden);

/*
 * The threads of the caller's IPC namespace blocked in an IPC call, and
 * on what: msgrcv or mq_timedreceive (IPCK_WAIT_RECEIVE), msgsnd or
 * mq_timedsend (IPCK_WAIT_SEND), semop or semtimedop (IPCK_WAIT_SEMOP);
 * kind, and id (System V) or name (a POSIX queue, from the descriptor's
 * link).  From /proc/PID/task/TID/syscall, which needs ptrace access:
 * *hidden counts the processes the caller may not look into (a user sees
 * its own).  For semop, the operation it can wait on (the first with a
 * sem_op of 0 or less: a positive one never waits) and how many the call
 * has, read from the process's memory where that may be read; nsops 0:
 * not known.  A named semaphore's sem_wait is a futex wait, and not told.
 * Free *list.
 */
#define IPCK_WAIT_RECEIVE	1
#define IPCK_WAIT_SEND		2
#define IPCK_WAIT_SEMOP		3
struct ipck_waiter {
	pid_t		pid;
	enum ipck_kind	kind;
	int		id;		/* System V; -1 for a POSIX queue */
	unsigned int	how;		/* IPCK_WAIT_* */
	char		name[257];	/* a POSIX queue's "/name"; else "" */
	unsigned int	nsops;		/* semop: its operations; 0 not known */
	unsigned short	semnum;		/* semop: the semaphore it can wait on */
	short		semop;		/* and that operation's sem_op */
};
int	ipck_waiters(struct ipck_waiter **list, size_t *n, size_t *hidden);

/*
 * Every file the processes the caller can see map or hold open, walked
 * once, for asking of many objects whether anyone uses them (the filter's
 * IPCK_F_UNATTACHED for POSIX shared memory).  ipck_inuse_has() returns
 * how many of those processes use the object: 0 when none.
 */
ipck_inuse	*ipck_inuse_open(void);
int		 ipck_inuse_has(const ipck_inuse *u, const struct ipck_obj *obj);
void		 ipck_inuse_close(ipck_inuse *u);

#ifdef __cplusplus
}
#endif

#endif /* IPCKIT_ITER_H */
