/* SPDX-License-Identifier: MIT */
/*
 * libipckit, bytes, messages and semaphores: moving what objects hold.
 * Include <ipckit.h>, which includes every one of these.
 */
#ifndef IPCKIT_IO_H
#define IPCKIT_IO_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

#include "object.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * A segment's bytes to or from a file descriptor.  Each takes the fastest
 * way the caller's privileges and fd allow (sendfile or splice on the
 * segment's own file with CAP_SYS_ADMIN or CAP_CHECKPOINT_RESTORE, else
 * vmsplice to a pipe, else write or read on a mapping); every way moves the
 * same bytes.  Pages the segment never had (it has no swap, and they are
 * not resident) read as zeros without being allocated, so a reader never
 * makes the segment's owner pay for memory it did not use.  off and len
 * must lie within the segment (ERANGE), checked before attaching.
 * ipck_shm_read attaches read-only, so read permission is enough;
 * ipck_shm_write needs read and write permission, stops after len bytes
 * or at the end of the input, and never reads past len.  c->done counts
 * the bytes moved, also when the call fails part way.
 */
struct ipck_copy {
	uint64_t	 done;	/* bytes copied */
	int		 eof;	/* ipck_shm_write: the input ended */
	const char	*via;	/* the system call that moved them: "sendfile",
				   "splice", "vmsplice", "write", "read" or
				   "pread";
				   NULL when the segment failed (ERANGE,
				   EACCES, EINVAL, EIDRM), before any copy */
};
int	ipck_shm_read(int id, uint64_t off, uint64_t len, int fd,
	    struct ipck_copy *c);
int	ipck_shm_write(int id, uint64_t off, uint64_t len, int fd,
	    struct ipck_copy *c);
/*
 * n runs of the segment, in order and apart, filled from fd one after
 * another as ipck_shm_write fills each, the segment attached and opened
 * once: an archive's extents, the holes between them left untouched.
 * EINVAL for runs out of order or overlapping; ERANGE as above, for the
 * span from the first run to the last; c->done counts every run's bytes.
 */
struct ipck_run {
	uint64_t	 off, len;
};
int	ipck_shm_write_runs(int id, const struct ipck_run *runs, size_t n,
	    int fd, struct ipck_copy *c);
/*
 * The same bytes as ipck_shm_read, handed to fn(arg, p, n) a run at a
 * time and in order, for a caller that looks at them itself (a hex dump).
 * fn returns 0 to go on, or -1 with errno to stop: ipck_shm_scan then
 * returns -1 with that errno.
 */
int	ipck_shm_scan(int id, uint64_t off, uint64_t len,
	    int (*fn)(void *arg, const void *p, size_t n), void *arg,
	    struct ipck_copy *c);
/*
 * The same for the POSIX shared memory object o (as ipck_resolve or an
 * iterator described it): sendfile or splice on its file (every caller
 * may open it), else pread and pwrite; "pread" is ipck_pshm_scan's via.
 * Reading needs read permission, writing only write permission; the
 * object is never resized.  Only the very object o is copied: ENOENT when
 * its name has another file now, or none.  off and len are checked
 * against the size o says.
 */
int	ipck_pshm_read(const struct ipck_obj *o, uint64_t off, uint64_t len,
	    int fd, struct ipck_copy *c);
int	ipck_pshm_write(const struct ipck_obj *o, uint64_t off, uint64_t len,
	    int fd, struct ipck_copy *c);
int	ipck_pshm_write_runs(const struct ipck_obj *o,
	    const struct ipck_run *runs, size_t n, int fd, struct ipck_copy *c);
int	ipck_pshm_scan(const struct ipck_obj *o, uint64_t off, uint64_t len,
	    int (*fn)(void *arg, const void *p, size_t n), void *arg,
	    struct ipck_copy *c);

/*
 * Messages, through a queue of either kind (msgio.c).  struct ipck_msg is
 * one message and the buffer that holds it, grown as messages need: zero
 * it before its first use, ipck_msg_free() after its last.  type is a
 * System V message's type or a POSIX message's priority.
 * ipck_msg_room() makes room for len bytes at text, keeping those there
 * (text may move): text, or NULL with errno ENOMEM.
 */
struct ipck_msg {
	long		 type;
	size_t		 len;		/* bytes at text */
	unsigned char	*text;
	void		*buf;		/* private: the type, then text */
	size_t		 cap;		/* private: bytes text can hold */
};
unsigned char	*ipck_msg_room(struct ipck_msg *m, size_t len);
void	ipck_msg_free(struct ipck_msg *m);

/*
 * A queue opened once to send or receive many messages, from what
 * ipck_resolve() described: a System V queue by its id (the kernel asks
 * for permission at each call), a POSIX queue by name, opened now with
 * how's access (EACCES now, when the mode refuses it).  maxlen is the
 * longest message the queue can take: msgmax, or the queue's byte limit
 * when that is less; a POSIX queue's mq_msgsize.
 */
#define IPCK_Q_READ	0x1
#define IPCK_Q_WRITE	0x2
struct ipck_queue {
	enum ipck_kind	 kind;
	int		 id;		/* IPCK_MSG */
	int		 fd;		/* IPCK_PMSG: its descriptor; else -1 */
	uint64_t	 maxlen;	/* bytes */
	int		 nonblock;	/* private */
};
int	ipck_queue_open(struct ipck_queue *q, const struct ipck_obj *o,
	    unsigned int how);
void	ipck_queue_close(struct ipck_queue *q);
/*
 * Flags for a send or receive.  Without IPCK_NOWAIT each waits for room
 * or for a message, as msgsnd and msgrcv do, until a signal: EINTR, and
 * nothing sent or taken.  A System V queue removed meanwhile is EIDRM.
 */
#define IPCK_NOWAIT	0x1	/* no waiting: EAGAIN when full, ENOMSG when empty */
#define IPCK_EXCEPT	0x2	/* System V: the first message not of type */
/*
 * Send m->len bytes at m->text, of type m->type (System V: at least 1;
 * POSIX: a priority below MQ_PRIO_MAX, else EINVAL).  Longer than
 * maxlen: EMSGSIZE, before anything is sent.
 */
int	ipck_queue_send(struct ipck_queue *q, struct ipck_msg *m,
	    unsigned int flags);
/*
 * Take one message into m.  System V by msgrcv's rule: type 0 the first;
 * > 0 the first of that type, or with IPCK_EXCEPT the first of any other;
 * < 0 the first of the lowest type up to -type.  POSIX: the oldest of the
 * highest priority (type must be 0).
 */
int	ipck_queue_recv(struct ipck_queue *q, long type, unsigned int flags,
	    struct ipck_msg *m);
/*
 * Copy the System V message at index (0 the oldest) into m, leaving it
 * queued and the queue's times and pids alone (MSG_COPY: read permission,
 * never waits).  ENOMSG past the last message; ENOSYS where the kernel
 * cannot (built without CONFIG_CHECKPOINT_RESTORE); E2BIG for a message
 * longer than msgmax is now; EOPNOTSUPP for a POSIX queue, which cannot
 * be looked at without taking.
 */
int	ipck_queue_peek(struct ipck_queue *q, size_t index, struct ipck_msg *m);

/* One semaphore, as GETVAL, GETPID, GETNCNT and GETZCNT tell it. */
struct ipck_semval {
	int	val;		/* semval */
	pid_t	pid;		/* sempid: the last to operate on it */
	int	ncnt;		/* semncnt: processes waiting for an increase */
	int	zcnt;		/* semzcnt: processes waiting for zero */
};
/* v[0 .. nsems-1] for set id; needs read permission (EACCES). */
int	ipck_sem_values(int id, uint64_t nsems, struct ipck_semval *v);
/* The processes waiting on set id's semaphores, semncnt + semzcnt of each, added up. */
int	ipck_sem_waiters(int id, uint64_t nsems, uint64_t *waiters);

/*
 * Semaphores of either kind, to read, set and operate on (semio.c): a
 * System V set by id (the kernel checks permission at each call), or a
 * POSIX named semaphore, its file opened and mapped now (it needs read
 * and write permission, as sem_open does: EACCES now), as one semaphore.
 * ipck_semset_open takes what ipck_resolve() described.
 */
struct ipck_semset {
	enum ipck_kind	 kind;
	int		 id;		/* IPCK_SEM */
	uint64_t	 nsems;		/* IPCK_PSEM: 1 */
	void		*psem;		/* IPCK_PSEM: its sem_t, mapped */
};
int	ipck_semset_open(struct ipck_semset *s, const struct ipck_obj *o);
void	ipck_semset_close(struct ipck_semset *s);
/* One operation: semaphore num changed by delta, or waited on to be 0 (delta 0). */
struct ipck_semop {
	unsigned int	num;
	int		delta;
};
/* "INDEX:DELTA": 0:-1 takes one, 0:+2 gives two (0:2 too), 1:0 waits for zero. */
int	ipck_parse_semop(const char *s, struct ipck_semop *op);
#define IPCK_UNDO	0x4	/* System V: SEM_UNDO, the kernel undoes it at exit */
/*
 * The n operations at once, all or none (semtimedop).  Each waits, until
 * it can be done, timeout (NULL: no limit) or a signal (EINTR), unless
 * flags has IPCK_NOWAIT; what would wait, or waited too long, is EAGAIN,
 * and nothing was done.  A set removed meanwhile is EIDRM.  A POSIX
 * semaphore takes one operation on semaphore 0: -1 (sem_wait,
 * sem_trywait or sem_timedwait) or +N (N sem_posts); no IPCK_UNDO.
 */
int	ipck_semset_op(struct ipck_semset *s, const struct ipck_semop *ops,
	    size_t n, unsigned int flags, const struct timespec *timeout);
/*
 * Each semaphore's value in vals[nsems], in one call (GETALL, or
 * sem_getvalue); ipck_sem_values has a System V set's pids and waiters too.
 */
int	ipck_semset_values(struct ipck_semset *s, int *vals);
/*
 * vals[nsems]: the new values, or -1 to leave one be.  Every one given
 * is SETALL, at once; some, SETVAL each in turn (above USHRT_MAX is
 * ERANGE).  A POSIX semaphore can only be raised, by posting, up to
 * SEM_VALUE_MAX: a value below its own is ERANGE.
 */
int	ipck_semset_set(struct ipck_semset *s, const int *vals);

#ifdef __cplusplus
}
#endif

#endif /* IPCKIT_IO_H */
