/* SPDX-License-Identifier: MIT */
/*
 * ipckit's archives (ipcsave, ipcrestore, ipcrm --save): a POSIX tar of a
 * manifest and one member for each object's contents, written to a file
 * beside the archive's name and renamed in place when whole.  Nothing
 * here prints: errors are a line in a buffer the tool writes.
 *
 *   tarout.c   the container: ustar headers written (tar.h)
 *   tarin.c    and read, trusting none of it
 *   hash.c     the members' checksum
 *   jsonr.c    a strict JSON reader, for the manifest
 *   file.c     the archive's file: made beside its name, renamed when whole
 *   save.c     objects into an archive: messages and values
 *   bytes.c    and a segment's or POSIX object's bytes, holes kept out
 *   load.c     an archive read and checked whole (load.h),
 *   fields.c   each object of its manifest into struct ar_obj
 *   make.c     the objects made again, all or none
 */
#ifndef IPCK_ARCHIVE_H
#define IPCK_ARCHIVE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>
#include <time.h>

#include "ipckit.h"

#define AR_FORMAT	"ipckit archive"
#define AR_VERSION	1
#define AR_MANIFEST	"ipckit/manifest.json"
/* The block a segment's holes are told in: a run of zeros this long is not stored. */
#define AR_BLOCK	4096

struct ar_hash {
	uint64_t	v[4];
	uint64_t	total;
	unsigned char	buf[32];
	size_t		n;
};
void		ar_hash_init(struct ar_hash *h);
void		ar_hash_add(struct ar_hash *h, const void *p, size_t n);
uint64_t	ar_hash_end(const struct ar_hash *h);

/* Writing: a member begun, written, ended (its size put in its header). */
struct ar_out {
	int		 fd;
	time_t		 mtime;
	uint64_t	 at;		/* bytes written, buffered or not */
	uint64_t	 hdr;		/* the open member's header */
	uint64_t	 size;
	char		 name[100];
	unsigned char	*buf;
	size_t		 nbuf;
	struct ar_hash	 hash;
	uint64_t	 written, synced;	/* bytes gone to the fd; told to the disk */
	int		 nosync;
};
int	ar_out_init(struct ar_out *o, int fd, time_t mtime);
int	ar_out_begin(struct ar_out *o, const char *name);
int	ar_out_write(struct ar_out *o, const void *p, size_t n);
int	ar_out_end(struct ar_out *o, uint64_t *size, uint64_t *hash);
/* The open member taken back out, as if never begun. */
int	ar_out_drop(struct ar_out *o);
int	ar_out_member(struct ar_out *o, const char *name, const void *p,
	    size_t n, uint64_t *hash);
int	ar_out_finish(struct ar_out *o);
void	ar_out_free(struct ar_out *o);

/* Reading: every header checked and indexed (by name) at open. */
struct ar_member {
	char		name[260];
	uint64_t	off;		/* its data */
	uint64_t	size;
};
struct ar_in {
	int			 fd;
	uint64_t		 len;
	struct ar_member	*m;
	size_t			 n, cap;
	char			 err[512];
	unsigned char		*hbuf;		/* headers read ahead */
	uint64_t		 hfrom, hgot;
};
#define AR_HBUF	(64U << 10)
int	ar_in_open(struct ar_in *in, int fd);
const struct ar_member *ar_in_find(const struct ar_in *in, const char *name);
int	ar_in_read(const struct ar_in *in, uint64_t off, void *buf, size_t n);
/* n bytes at off to fn a buffer at a time; fn's -1 stops it. */
int	ar_in_scan(const struct ar_in *in, uint64_t off, uint64_t n,
	    int (*fn)(void *arg, const unsigned char *p, size_t k), void *arg);
void	ar_in_free(struct ar_in *in);

/* The JSON reader. */
enum jr_type { JR_NULL, JR_BOOL, JR_INT, JR_NUM, JR_STR, JR_ARR, JR_OBJ };
/* 40 bytes: a manifest of 32000 objects is a million of them */
struct jr_node {
	union {
		int64_t	 i;		/* JR_INT, JR_BOOL */
		char	*s;		/* JR_STR, unescaped, NUL after */
	};
	const char	*key;		/* a member's name; NULL in an array */
	uint32_t	 len;		/* JR_STR */
	uint32_t	 keylen;
	int32_t		 first, next;	/* children, in order; -1 none */
	uint32_t	 count;
	enum jr_type	 t;
};
/*
 * With each set, each element of an array that is a member of the root
 * object is handed to each(arg, d, the array's name, its node) when
 * parsed, then dropped: a manifest of any length is parsed in the memory
 * of one object.  The array keeps its count.  each's -1 stops the parse.
 */
struct jr_doc {
	struct jr_node	*v;
	size_t		 n, cap;
	int		 hobj, hint;	/* jr_get's last: where the next starts */
	int		(*each)(void *arg, struct jr_doc *d, const char *name,
			    int node);
	void		*arg;
	char		 err[128];
};
/* text (len < 4 GiB) parsed into d (each and arg set first, or zero); -1 with d->err. */
int	jr_parse(struct jr_doc *d, char *text, size_t len);
/* The member key of object obj, or -1: looked for after the last found. */
int	jr_get(struct jr_doc *d, int obj, const char *key);
void	jr_free(struct jr_doc *d);

/* The archive's file. */
struct ar_file {
	int	 fd;
	char	*path;		/* NULL: standard output */
	char	*tmp;		/* the name it is written under; NULL: unlinked */
};
int	ar_file_create(struct ar_file *f, const char *path);
/* Flushed, fsync'd, renamed into place (or copied to standard output). */
int	ar_file_commit(struct ar_file *f);
void	ar_file_abort(struct ar_file *f);
/* An archive to read: a file, or standard input ("-") kept in an unlinked file. */
int	ar_file_open(const char *path);

/* One object as an archive keeps it. */
struct ar_obj {
	enum ipck_kind	 kind;
	int		 id;		/* System V */
	key_t		 key;
	char		*name;		/* POSIX: "/name"; else NULL */
	uid_t		 uid;
	gid_t		 gid;
	unsigned int	 mode;
	uint64_t	 size;		/* shm, pshm: bytes */
	uint64_t	 qbytes;	/* msg */
	uint64_t	 nsems;		/* sem */
	int		*values;	/* sem: nsems; psem: 1 */
	uint64_t	 maxmsg, msgsize;	/* pmsg */
	/* contents: shm and pshm data, msg and pmsg messages */
	int		 has_contents;
	const struct ar_member *member;
	uint64_t	 bytes;
	uint64_t	 checksum;
	struct ipck_run	*ext;		/* its extents: the library's runs */
	size_t		 next;
	uint64_t	 nmsgs;
};
struct ar_manifest {
	int		 version;
	time_t		 saved;
	struct ar_obj	*v;
	size_t		 n;
	int		 pmsg_unsaved;	/* POSIX queues whose messages were not kept */
};

/*
 * Saving.  ar_save_obj: 0 saved, 1 gone meanwhile (nothing kept), -1 not
 * saved (err says why); with take_pmsg a POSIX queue's messages are taken
 * and put back (not atomic against its other users), else only its
 * attributes are kept and *unsaved counts its messages.
 */
struct ar_save {
	struct ar_out	 out;
	FILE		*man;
	char		*mtext;
	size_t		 mlen;
	void		*json;		/* struct cli_json, over man */
	size_t		 n;
	int		 take_pmsg;
};
int	ar_save_begin(struct ar_save *s, int fd, int take_pmsg);
int	ar_save_obj(struct ar_save *s, const struct ipck_obj *o,
	    uint64_t *unsaved, char *err, size_t len);
int	ar_save_end(struct ar_save *s);
void	ar_save_free(struct ar_save *s);

/*
 * Loading: the archive read whole and checked (its headers, the manifest,
 * each object's fields and member, every checksum, each message against
 * msgmax) before anything is made.  -1 with err naming the member.
 * msgmax 0: not checked (no System V limits to read).
 */
int	ar_load(struct ar_in *in, struct ar_manifest *m, uint64_t msgmax,
	    char *err, size_t len);
void	ar_manifest_free(struct ar_manifest *m);

/* Each message of a queue's member: 16 bytes (type, length: big-endian), then the text. */
#define AR_MSGHDR	16

#endif /* IPCK_ARCHIVE_H */
