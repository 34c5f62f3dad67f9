/* SPDX-License-Identifier: MIT */
/*
 * libipckit, objects: the one record of every kind, and the place it is in.
 * Include <ipckit.h>, which includes every one of these.
 */
#ifndef IPCKIT_OBJECT_H
#define IPCKIT_OBJECT_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

#include "kind.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * A place: where the POSIX shared memory objects and named semaphores are,
 * which are files in a /dev/shm directory (of a mount namespace), as a
 * directory descriptor.  System V objects and POSIX queues need none: they
 * are the calling thread's IPC namespace's (see ipck_ns_enter).  Every
 * call that takes a place takes NULL for the caller's own /dev/shm, as
 * does a place set to IPCK_PLACE_HERE; the calls without a place
 * argument use that.  A place holds no other state, so two threads may
 * list two places at once.
 *
 * ipck_place_open: process pid's /dev/shm (through /proc/PID/root), or
 * with pid 0 the caller's, held open; ipck_place_none: a place with no
 * /dev/shm (a namespace no process is in): listing it is ENXIO.
 * ipck_place_close closes what was opened and leaves IPCK_PLACE_HERE;
 * call it after the last use of an object found there (each keeps a
 * pointer to its place).
 */
struct ipck_place {
	int	shm_dir;	/* O_DIRECTORY descriptor; -1: none known;
				   AT_FDCWD (-100): "/dev/shm", opened at
				   each use */
};
#define IPCK_PLACE_HERE	{ -100 }
int	ipck_place_open(struct ipck_place *pl, pid_t pid);
void	ipck_place_none(struct ipck_place *pl);
void	ipck_place_close(struct ipck_place *pl);
/* The stat(2) of pl's /dev/shm (NULL: here); ENXIO for none. */
struct stat;
int	ipck_place_stat(const struct ipck_place *pl, struct stat *st);

/* Which fields of struct ipck_obj are known (ipck_obj.have). */
#define IPCK_HAVE_PAGES		0x1	/* u.shm.rss and u.shm.swap */
#define IPCK_HAVE_QBYTES	0x2	/* u.msg.qbytes */
#define IPCK_HAVE_CREATOR	0x4	/* cuid, cgid: POSIX objects keep none */
#define IPCK_HAVE_VALUE		0x8	/* u.psem.value, u.psem.waiters */
#define IPCK_HAVE_QUEUE		0x10	/* u.pmsg's counts, sizes and notify_pid */

/*
 * One object, whatever its kind: filled from *_STAT, *_STAT_ANY or
 * /proc/sysvipc for the System V kinds, from stat(2) of its file (and, for
 * a semaphore's value and a queue's counts, one open) for the POSIX ones.
 * mode is the kernel's, so for a segment it carries SHM_DEST (01000) and
 * SHM_LOCKED (02000) beside the permission bits.  A POSIX object has no id
 * (-1) and no key, and its name in name.
 */
struct ipck_obj {
	enum ipck_kind	kind;
	int		id;
	key_t		key;
	unsigned int	mode;
	uid_t		uid;
	gid_t		gid;
	uid_t		cuid;
	gid_t		cgid;
	time_t		ctime;		/* last change; 0 = never */
	unsigned int	have;		/* IPCK_HAVE_* */
	union {
		struct {
			uint64_t	size;	/* bytes */
			uint64_t	nattch;
			pid_t		cpid;
			pid_t		lpid;
			time_t		atime;
			time_t		dtime;
			uint64_t	rss;	/* bytes resident */
			uint64_t	swap;	/* bytes swapped */
		} shm;
		struct {
			uint64_t	cbytes;	/* bytes queued */
			uint64_t	qnum;	/* messages queued */
			uint64_t	qbytes;	/* byte limit */
			pid_t		lspid;
			pid_t		lrpid;
			time_t		stime;
			time_t		rtime;
		} msg;
		struct {
			uint64_t	nsems;
			time_t		otime;
		} sem;
		struct {
			uint64_t	size;		/* bytes */
			uint64_t	allocated;	/* bytes the pages take */
		} pshm;
		struct {
			uint64_t	qsize;		/* bytes queued */
			uint64_t	curmsgs;	/* messages queued */
			uint64_t	maxmsg;
			uint64_t	msgsize;
			pid_t		notify_pid;	/* registered by mq_notify; 0 */
			int		err;		/* no IPCK_HAVE_QUEUE: why */
		} pmsg;
		struct {
			unsigned int	value;
			unsigned int	waiters;
			int		err;		/* no IPCK_HAVE_VALUE: why;
							   EINVAL: not a semaphore */
		} psem;
		uint64_t	reserved[12];
	} u;
	/*
	 * The POSIX kinds: the file the object is (a queue's in the mqueue
	 * mount), its times (a queue's mtime is its last send or receive),
	 * and the place it was found in (see struct ipck_place), which
	 * ipck_remove_obj, ipck_change and the byte, message and semaphore
	 * calls act in.  Zero for the System V kinds.
	 */
	struct {
		time_t		atime;
		time_t		mtime;
		dev_t		dev;
		ino_t		ino;
	} file;
	const struct ipck_place	*place;
	char		name[257];	/* POSIX kinds: "/name" (NAME_MAX + 2); else "" */
};

#ifdef __cplusplus
}
#endif

#endif /* IPCKIT_OBJECT_H */
