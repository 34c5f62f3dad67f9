/* SPDX-License-Identifier: MIT */
/*
 * libipckit, fields: every field of every record, as data.
 * Include <ipckit.h>, which includes every one of these.
 */
#ifndef IPCKIT_FIELDS_H
#define IPCKIT_FIELDS_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

#include "object.h"

#ifdef __cplusplus
extern "C" {
#endif

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
#define IPCK_FIELD_VOLATILE	0x2	/* looking sets it: a POSIX queue's atime
					   and ctime, which any read of its
					   file (a walk's too) makes now */
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

#ifdef __cplusplus
}
#endif

#endif /* IPCKIT_FIELDS_H */
