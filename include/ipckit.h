/* SPDX-License-Identifier: MIT */
/*
 * libipckit: a thin library over Linux IPC objects, System V and POSIX.
 *
 * Every int function returns >= 0 on success and -1 with errno set on
 * failure; every pointer function returns NULL with errno set.  errno is
 * left alone on success.  Nothing here prints or exits.
 */
#ifndef IPCKIT_H
#define IPCKIT_H

#include <stdint.h>
#include <sys/types.h>
#include <time.h>

#ifdef __cplusplus
extern "C" {
#endif

#define IPCK_VERSION	"0.2.0"

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

/*
 * Fields as data.  For each kind, every field of its record (struct
 * ipck_obj), in the order ipcs -J lists them, and the figures of what it
 * uses (struct ipck_usage) and of its limits (struct ipck_limits for the
 * System V kinds, struct ipck_posix_limits for the POSIX ones).  name is
 * stable: the JSON member ipcs -J writes.  also, where not NULL, is a
 * second member that shows the same value another way: a time's
 * "ctime_epoch" (seconds) beside "ctime" (ISO 8601), a uid's user name
 * ("owner"), a mode's "perms", a key's "key_num", a name's "name_base64".
 */
enum ipck_ftype {
	IPCK_T_KIND,	/* the kind's name, "shm" (ipck_value.s) */
	IPCK_T_NAME,	/* a POSIX object's "/name": bytes, maybe not UTF-8 */
	IPCK_T_INT,	/* a signed number: an id */
	IPCK_T_PID,	/* a process id; 0: none */
	IPCK_T_COUNT,	/* a number of things */
	IPCK_T_BYTES,	/* a size in bytes */
	IPCK_T_PAGES,	/* a size in pages (of sysconf(_SC_PAGESIZE) bytes) */
	IPCK_T_TIME,	/* seconds since 1970; 0: never */
	IPCK_T_UID,
	IPCK_T_GID,
	IPCK_T_MODE,	/* the kernel's mode bits */
	IPCK_T_KEY,	/* a System V key (ipck_value.u: its 32 bits) */
	IPCK_T_BOOL	/* 0 or 1 */
};
#define IPCK_FIELD_DETAIL	0x1	/* not in a listing's row: it costs more
					   than the walk (ipcstat gives it) */
struct ipck_field {
	const char	*name;
	const char	*also;
	enum ipck_ftype	 type;
	unsigned int	 have;	/* IPCK_HAVE_* bits it needs to be known */
	unsigned int	 flags;	/* IPCK_FIELD_* */
	const char	*doc;	/* what it is, in a line */
	unsigned short	 at, size, how;	/* private: where it is */
};
enum ipck_fieldset {
	IPCK_FIELDS_OBJECT,	/* of struct ipck_obj */
	IPCK_FIELDS_USAGE,	/* of struct ipck_usage */
	IPCK_FIELDS_LIMITS	/* of struct ipck_limits or ipck_posix_limits */
};
/* A field's value: integers in i (signed types) and u, text in s. */
struct ipck_value {
	int64_t		 i;
	uint64_t	 u;
	const char	*s;	/* into the record: IPCK_T_KIND, IPCK_T_NAME */
};
/* The fields of one set for kind: *n of them; NULL and EINVAL for no kind. */
const struct ipck_field	*ipck_fields(enum ipck_fieldset set,
	    enum ipck_kind kind, size_t *n);
/* The field named name (or also), or NULL and ENOENT. */
const struct ipck_field	*ipck_field_find(enum ipck_fieldset set,
	    enum ipck_kind kind, const char *name);
/*
 * The value of field f of the record rec (of the set's struct, and for
 * an object of the field's kind): 1, or 0 when it is not known (the
 * record's have lacks f->have: JSON says null), -1 on error.
 */
int	ipck_field_get(const struct ipck_field *f, const void *rec,
	    struct ipck_value *v);

/*
 * Parsers.  Each reads the whole string and nothing else: empty input,
 * a sign where none belongs, white space or trailing junk give EINVAL, a
 * value out of range ERANGE.
 */
/* 0x hex, leading-0 octal, decimal, or the signed decimal of /proc. */
int	ipck_parse_key(const char *s, key_t *key);
/* Hexadecimal, with or without 0x: the tutorial's key operand. */
int	ipck_parse_key_hex(const char *s, key_t *key);
/* A non-negative decimal int. */
int	ipck_parse_id(const char *s, int *id);
/* Bytes: 4096, 4K, 4KiB (1024), 4KB (1000), K M G T P E; or 0x1000. */
int	ipck_parse_size(const char *s, uint64_t *size);
/* Octal permission bits, at most 0777. */
int	ipck_parse_mode(const char *s, unsigned int *mode);
/* A kind's name (shm msg sem pshm pmsg psem), or the tutorial's 0 1 2. */
int	ipck_parse_kind(const char *s, enum ipck_kind *kind);
/* ftok's project id: a number (any base) or one character; low 8 bits != 0. */
int	ipck_parse_projid(const char *s, int *projid);
/*
 * A POSIX object's name as a user types it, with or without its leading
 * "/": into buf as "/name".  Not empty, no other "/", not "." or "..", at
 * most 255 bytes (251 for a semaphore, whose file is "sem.name"): else
 * EINVAL or ENAMETOOLONG, and *why (when not NULL) says which rule.
 */
int	ipck_parse_name(enum ipck_kind kind, const char *s, char *buf,
	    size_t len, const char **why);
/* A decimal uid or gid, 0 .. 4294967294 ((uid_t)-1 means "none" to the kernel). */
int	ipck_parse_uid(const char *s, uid_t *uid);
int	ipck_parse_gid(const char *s, gid_t *gid);

/* The table's name ("shm") and noun ("shared memory"); "?" for no kind. */
const char	*ipck_kind_name(enum ipck_kind kind);
const char	*ipck_kind_noun(enum ipck_kind kind);

/* ftok(3): only the low 8 bits of projid count, and they must not be 0. */
int	ipck_ftok(const char *path, int projid, key_t *key);

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
/* Seconds: 90, 90s, 15m, 2h, 3d, 1w; ERANGE beyond 64 bits. */
int	ipck_parse_duration(const char *s, uint64_t *seconds);
/*
 * How long to wait, in nanoseconds: seconds with a fraction and a unit,
 * 90, 0.5s, 250ms, 1.5m, 2h, 1d, 1w; ERANGE beyond 64 bits.
 */
int	ipck_parse_wait(const char *s, uint64_t *ns);

/* One semaphore, as GETVAL, GETPID, GETNCNT and GETZCNT tell it. */
struct ipck_semval {
	int	val;		/* semval */
	pid_t	pid;		/* sempid: the last to operate on it */
	int	ncnt;		/* semncnt: processes waiting for an increase */
	int	zcnt;		/* semzcnt: processes waiting for zero */
};
/* v[0 .. nsems-1] for set id; needs read permission (EACCES). */
int	ipck_sem_values(int id, uint64_t nsems, struct ipck_semval *v);

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
 * Every file the processes the caller can see map or hold open, walked
 * once, for asking of many objects whether anyone uses them (the filter's
 * IPCK_F_UNATTACHED for POSIX shared memory).  ipck_inuse_has() returns
 * how many of those processes use the object: 0 when none.
 */
ipck_inuse	*ipck_inuse_open(void);
int		 ipck_inuse_has(const ipck_inuse *u, const struct ipck_obj *obj);
void		 ipck_inuse_close(ipck_inuse *u);

/* The limits in force in the caller's IPC namespace. */
struct ipck_limits {
	uint64_t	shmmax;		/* bytes */
	uint64_t	shmmin;		/* bytes */
	uint64_t	shmall;		/* pages */
	uint64_t	shmmni;
	uint64_t	msgmni;
	uint64_t	msgmax;		/* bytes */
	uint64_t	msgmnb;		/* bytes */
	uint64_t	semmni;
	uint64_t	semmsl;
	uint64_t	semmns;
	uint64_t	semopm;
	uint64_t	semvmx;
};
int	ipck_limits(struct ipck_limits *lim);

/*
 * The POSIX kinds' limits: the mqueue sysctls of the IPC namespace
 * (/proc/sys/fs/mqueue), and the tmpfs behind /dev/shm, which holds shared
 * memory objects and named semaphores.
 */
struct ipck_posix_limits {
	uint64_t	queues_max;
	uint64_t	msg_max;
	uint64_t	msgsize_max;	/* bytes */
	uint64_t	msg_default;
	uint64_t	msgsize_default;	/* bytes */
	uint64_t	shm_size;	/* bytes of /dev/shm */
	uint64_t	shm_free;	/* bytes free there */
};
int	ipck_posix_limits(struct ipck_posix_limits *lim);
/* The same with the tmpfs of place pl's /dev/shm (NULL: here). */
int	ipck_posix_limits_at(const struct ipck_place *pl,
	    struct ipck_posix_limits *lim);

/* What one kind uses now (the *_INFO calls; for the POSIX kinds, a walk). */
struct ipck_usage {
	uint64_t	ids;		/* objects that exist */
	uint64_t	shm_pages;	/* shm: pages allocated */
	uint64_t	shm_rss;	/* shm: pages resident */
	uint64_t	shm_swap;	/* shm: pages swapped */
	uint64_t	shm_swap_attempts;	/* shm: kept at 0 by Linux */
	uint64_t	shm_swap_successes;	/* shm: kept at 0 by Linux */
	uint64_t	msg_headers;	/* msg: messages queued */
	uint64_t	msg_bytes;	/* msg: bytes queued */
	uint64_t	sem_sems;	/* sem: semaphores allocated */
	uint64_t	bytes;		/* pshm: bytes; pmsg: bytes queued */
	uint64_t	allocated;	/* pshm: bytes the pages take */
	uint64_t	messages;	/* pmsg: messages queued */
	uint64_t	unknown;	/* pmsg: queues not readable, not counted */
};
int	ipck_usage(enum ipck_kind kind, struct ipck_usage *use);
/* The same in a place: a POSIX kind's walk is of pl's /dev/shm. */
int	ipck_usage_at(const struct ipck_place *pl, enum ipck_kind kind,
	    struct ipck_usage *use);

/*
 * The reason for errno err, in the terms of how the user named the object:
 * a missing key is "No such key", a bad id "No such identifier", key 0
 * names nothing.  Anything else reads as strerror(3).
 */
const char	*ipck_strerror(int err, enum ipck_by by);

/* The library's version, IPCK_VERSION at build time. */
const char	*ipck_version(void);

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

/*
 * IPC namespaces.  System V objects and POSIX queues belong to the IPC
 * namespace; POSIX shared memory objects and named semaphores are files
 * in a mount namespace's /dev/shm.
 *
 * ipck_ns_open: a descriptor (O_CLOEXEC) of the IPC namespace of process
 * pid (> 0), or of the namespace file path (/proc/PID/ns/ipc, a bind
 * mount of one; pid 0).  ENOENT: no such process or file; EINVAL: the
 * file is no IPC namespace.  ipck_ns_enter makes it the calling thread's
 * (setns; EPERM without CAP_SYS_ADMIN over its owning user namespace):
 * from then on every System V call and every queue is the namespace's.
 */
int	ipck_ns_open(pid_t pid, const char *path);
int	ipck_ns_enter(int fd);
/* The lowest pid with a thread in namespace fd, or 0: none (a bind mount holds it). */
int	ipck_ns_holder(int fd, pid_t *pid);
/*
 * Every IPC namespace on the machine, each once: those any thread of any
 * process is in (/proc/PID/task/TID/ns/ipc) and those bound to a file in
 * this mount namespace (nsfs in /proc/self/mountinfo).  *v is malloc'd,
 * sorted by inode; free it with ipck_ns_free.  Processes in other PID
 * namespaces are seen as far as this /proc shows them.
 */
struct ipck_nsinfo {
	dev_t		 dev;		/* the namespace's file: ipc:[ino] */
	ino_t		 ino;
	unsigned int	 nprocs;	/* processes with a thread in it */
	pid_t		 pid;		/* the lowest of them; 0: none */
	char		 comm[16];	/* its command, "" when gone */
	char		 path[64];	/* a thread's ns file, when pid > 0 */
	char		*bound;		/* a bind mount of it, or NULL */
};
int	ipck_ns_all(struct ipck_nsinfo **v, size_t *n);
/* The same, and in *hidden the processes whose namespace is not the caller's to see. */
int	ipck_ns_scan(struct ipck_nsinfo **v, size_t *n, size_t *hidden);
void	ipck_ns_free(struct ipck_nsinfo *v, size_t n);
/* Open one that ipck_ns_all found, as ipck_ns_open does. */
int	ipck_nsinfo_open(const struct ipck_nsinfo *ns);
/*
 * The container a process runs in, from the cgroup paths of
 * /proc/PID/cgroup: engine "docker", "containerd", "cri-o", "podman",
 * "nspawn" or "kubernetes" (a pod's cgroup, no runtime named), id the
 * container's (64 hex digits, or a machine's name), pod a Kubernetes
 * pod's uid when one is named.  ipck_parse_cgroup reads the file's text;
 * both return 1 when a container is named, 0 when none is, -1 on error.
 */
struct ipck_container {
	char	engine[16];
	char	id[128];
	char	pod[64];
};
int	ipck_parse_cgroup(const char *text, struct ipck_container *c);
int	ipck_container_of(pid_t pid, struct ipck_container *c);

#ifdef __cplusplus
}
#endif

#endif /* IPCKIT_H */
