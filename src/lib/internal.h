/* SPDX-License-Identifier: MIT */
/* libipckit's private declarations: shared between its files, never exported. */
#ifndef IPCK_INTERNAL_H
#define IPCK_INTERNAL_H

#include <errno.h>
#include <stdint.h>
#include <sys/types.h>

#include "ipckit.h"

/* Marks a definition as part of the library's ABI (built -fvisibility=hidden). */
#define IPCK_API	__attribute__((visibility("default")))

struct semid_ds;
struct seminfo;

/* glibc and musl leave the definition of semctl's fourth argument to us. */
union semun {
	int			 val;
	struct semid_ds		*buf;
	unsigned short		*array;
	struct seminfo		*__buf;
};

/*
 * What a kind can do, in its own file (shm.c, msg.c, sem.c); the kind
 * table (kind.c) points each row at its operations, or at none.
 */
struct ipck__ops {
	/* *get(2): size is bytes for shm, the set's length for sem */
	int	(*get)(key_t key, uint64_t size, int flg);
	/* IPC_STAT by id */
	int	(*stat)(int id, struct ipck_obj *obj);
	/* *_STAT_ANY by index, which needs no permission; returns the id */
	int	(*stat_index)(int index, struct ipck_obj *obj);
	int	(*remove)(int id);
	/*
	 * IPC_INFO or *_INFO: the highest index in use (0 also when there is
	 * none), and in *count how many objects exist, or -1 when telling
	 * costs more than the walk (SHM_INFO adds up every segment's pages)
	 */
	int	(*max_index)(int *count);
	/* this kind's part of the limits, and what it uses now */
	int	(*limits)(struct ipck_limits *lim);
	int	(*usage)(struct ipck_usage *use);
	/* nothing shows a live user (IPCK_F_ORPHANED) */
	int	(*orphaned)(const struct ipck_obj *obj);
	/* the file of /proc/sysvipc that lists this kind */
	const char	*proc;
	/*
	 * POSIX kinds, whose objects are files: the directory that holds
	 * them, as an fd; one entry of it described (1), or not one of this
	 * kind's (0), or -1, given the type its directory gives it (a DT_
	 * constant, DT_UNKNOWN for none); and the entry a "/name" is.
	 */
	int	(*dir)(const struct ipck_place *pl);
	int	(*entry)(int dirfd, const char *dname, unsigned char type,
		    struct ipck_obj *obj);
	int	(*dname)(const char *name, char *buf, size_t len);
	/* add one object to what the kind uses (no counter to ask) */
	void	(*tally)(const struct ipck_obj *obj, struct ipck_usage *use);
	/*
	 * Make the object with exactly mode (EEXIST when the name is
	 * taken), or unlink it, given its entry's name (dname) and "/name".
	 * unlink checks that the entry is the file of dev and ino when
	 * check is set.
	 */
	int	(*make)(const struct ipck_place *pl, const char *dname,
		    const char *name,
		    const struct ipck_posix_attr *attr, unsigned int mode);
	int	(*unlink)(const struct ipck_place *pl, const char *dname,
		    const char *name, int check, dev_t dev, ino_t ino);
	/*
	 * Whether the caller has acc (R_OK, W_OK) to "/name", asked of the
	 * kernel; NULL: the file's own access, faccessat in the directory.
	 * And whether "/name" exists where the directory cannot say (a
	 * queue is looked up by mq_open in the thread's namespace, mounted
	 * or not): 0, or -1 and errno (ENOENT); NULL: the directory says.
	 */
	int	(*reuse)(const char *name, int acc);
	int	(*exists)(const char *name);
};
extern const struct ipck__ops ipck__shm_ops, ipck__msg_ops, ipck__sem_ops;
extern const struct ipck__ops ipck__pshm_ops, ipck__pmsg_ops, ipck__psem_ops;

/* The operation op of ops exists; else errno EOPNOTSUPP. */
#define IPCK__CAN(ops, op) \
	((ops) != NULL && ((ops)->op != NULL || (errno = EOPNOTSUPP, 0)))

/*
 * The operations of kind; NULL with errno EINVAL for a number that is no
 * kind, EOPNOTSUPP for a kind whose operations are still to come.
 */
const struct ipck__ops	*ipck__ops(enum ipck_kind kind);

/* What the POSIX kinds share (posix.c). */
#define IPCK__SHM_DIR	"/dev/shm"
/* The header of a POSIX object's record, from its file's stat. */
struct stat;
void	ipck__posix_fill(struct ipck_obj *obj, enum ipck_kind kind,
	    const char *name, const struct stat *st);
/* Describe the object "/name" of kind, by its directory entry. */
int	ipck__posix_stat(const struct ipck__ops *ops,
	    const struct ipck_place *pl, const char *name, struct ipck_obj *obj);
/*
 * The stat of the entry dname of dirfd, of the given DT_ type: 1 when it
 * is a regular file, 0 when it is not (nothing more is done with it), -1
 * and errno.  With fd, a regular file is opened for reading too: *fd, or
 * -1 and *err the open's errno.  Only a regular file is ever opened.
 */
int	ipck__posix_entry(int dirfd, const char *dname, unsigned char type,
	    struct stat *st, int *fd, int *err);
/*
 * In /dev/shm: a file of size bytes, or holding len bytes of data, with
 * exactly mode, built unnamed (O_TMPFILE) and linked in as dname whole;
 * EEXIST when the name is taken.  And the unlinking of the regular file
 * dname (of dev and ino, when check is set).
 */
int	ipck__shm_make(const struct ipck_place *pl, const char *dname, const void *data, size_t len,
	    uint64_t size, unsigned int mode);
int	ipck__shm_unlink(const struct ipck_place *pl, const char *dname, int check, dev_t dev, ino_t ino);
/* Remove the POSIX object obj by its name, if its file is still the one described. */
int	ipck__posix_remove(const struct ipck_obj *obj);
/* The device and inode of the file a POSIX object is; EINVAL for another kind. */
int	ipck__posix_file(const struct ipck_obj *o, dev_t *dev, ino_t *ino);
/*
 * The very file o was described from, opened in its kind's directory
 * with flags (O_RDONLY, O_RDWR, O_PATH, ...), never following a link nor
 * waiting on a fifo; ENOENT when the name has another file now.  *st
 * (when not NULL) gets its stat.
 */
int	ipck__posix_open(const struct ipck_obj *o, int flags, struct stat *st);
/* A queue file's "QSIZE:N ... NOTIFY_PID:N" (pmsg.c); EPROTO when it is not that. */
int	ipck__mq_status(const char *text, uint64_t *qsize, pid_t *pid);
/* /dev/shm, as a directory fd. */
/*
 * fn(arg, "1234", 1234) for every process /proc shows (procs.c).  A
 * process fn fails on with EACCES or EPERM is counted in *hidden (may be
 * NULL), one gone meanwhile (ENOENT, ESRCH) skipped; any other errno ends
 * the walk: -1 and that errno.
 */
int	ipck__each_pid(int (*fn)(void *arg, const char *name, pid_t pid),
	    void *arg, size_t *hidden);
/* A descriptor of place pl's /dev/shm (NULL: "/dev/shm"), to close (ns.c). */
int	ipck__shm_dir(const struct ipck_place *pl);

/* 1 when pid is known (not 0) and dead; *known notes that one was known (pid.c). */
int	ipck__dead(pid_t pid, int *known);

/* The header every System V kind shares, from its ipc_perm (sysv.c). */
struct ipc_perm;
void	ipck__sysv_fill(struct ipck_obj *obj, enum ipck_kind kind, int id,
	    const struct ipc_perm *perm);

/* Whether err is a call refused (a security module, a seccomp filter), not failed (iter.c). */
int	ipck__refused(int err);

/* /proc/sysvipc read by column name (sysv.c): open, one object at a time, close. */
struct ipck__proc;
struct ipck__proc	*ipck__proc_open(enum ipck_kind kind, const char *path);
int	ipck__proc_next(struct ipck__proc *p, struct ipck_obj *obj);
void	ipck__proc_close(struct ipck__proc *p);

/* Unsigned whole-string number in base 8, 10 or 16 (no prefix), at most max. */
int	ipck__parse_u64(const char *s, unsigned int base, uint64_t max,
	    uint64_t *out);
/*
 * The devices of the internal mounts that hold System V segments: shmem's
 * first, then hugetlbfs's.  Returns how many, at most max.
 */
int	ipck__shm_devs(dev_t *devs, size_t max);
/* One line of /proc/PID/maps, its fields as the kernel wrote them. */
struct ipck__mapping {
	uint64_t	 start, end;
	char		 perms[5];
	dev_t		 dev;
	uint64_t	 ino;
	const char	*path;		/* into the line: the rest of it */
};
int	ipck__maps_line(const char *line, struct ipck__mapping *m);
/*
 * Each mapping of /proc/PIDSTR/maps ("self" too) to fn, until it returns
 * other than 0, which is returned; 0 at the end; -1 and errno when the
 * file cannot be opened or read.  *line and *cap are getline's buffer.
 */
int	ipck__maps_each(const char *pidstr, char **line, size_t *cap,
	    int (*fn)(void *arg, const struct ipck__mapping *m), void *arg);
/* The device of the file mapped at addr in this process. */
int	ipck__map_dev(const void *addr, dev_t *dev);
/* Pages of a mapped segment, for telling data from holes (holes.c). */
struct ipck__pages {
	int		 id;
	char		*addr;		/* where it is attached */
	uint64_t	 page;		/* the page size */
	int		 known;		/* mincore tells holes (shmem, not hugetlb); -1 not asked yet */
	int		 swap;		/* swap is on: a page may be out of it */
};
/* Whether the holes of the segment attached at addr can be told. */
int	ipck__holes_known(const void *addr);
int	ipck__swap_on(void);
/*
 * vec[i] = 1 when page i of those under at .. at+n holds data, 0 when it
 * is a hole that reads as zeros; all 1 when that cannot be told.
 */
void	ipck__data_pages(const struct ipck__pages *pg, uint64_t at, size_t n,
	    unsigned char *vec);

#endif /* IPCK_INTERNAL_H */
