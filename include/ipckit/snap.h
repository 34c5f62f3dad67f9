/* SPDX-License-Identifier: MIT */
/*
 * libipckit, snapshots: the objects of earlier walks, kept to be compared
 * with the next, so that a program can follow objects as they come, change
 * and go.  Include <ipckit.h>, which includes every one of these.
 */
#ifndef IPCKIT_SNAP_H
#define IPCKIT_SNAP_H

#include <stddef.h>

#include "object.h"
#include "fields.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * A snapshot holds one record per object, keyed by kind and id (System V)
 * or kind and name (POSIX), in memory that grows with the objects kept,
 * not with the walks.  A walk of one kind goes:
 *
 *	ipck_snap_begin(s, kind);
 *	while (ipck_next(it, &o) > 0)
 *		switch (ipck_snap_put(s, &o, &before)) { ... }
 *	ipck_snap_end(s, kind, gone, arg);
 *
 * ipck_snap_put says what o is to the snapshot, and keeps it:
 * IPCK_SNAP_SAME, IPCK_SNAP_NEW (not kept before), IPCK_SNAP_CHANGED (a
 * field differs; *before is the record kept), IPCK_SNAP_REPLACED (another
 * object under the same id or name: a System V key, creator or size that
 * cannot change differs, or a POSIX file's inode; *before is the one that
 * went); -1 and ENOMEM.  ipck_snap_end calls gone(o, arg) for each object
 * of kind not put since ipck_snap_begin, in the order they were first
 * kept, and forgets it; a non-zero return from gone stops it and is
 * returned, with the rest still kept.  A walk that failed should not end:
 * its objects did not go.  A record's place is NULL.
 */
typedef struct ipck_snap ipck_snap;
enum ipck_snap_seen {
	IPCK_SNAP_SAME,
	IPCK_SNAP_NEW,
	IPCK_SNAP_CHANGED,
	IPCK_SNAP_REPLACED
};
ipck_snap	*ipck_snap_new(void);
void	ipck_snap_free(ipck_snap *s);
/* Objects kept: of one kind, or of all with kind (enum ipck_kind)-1. */
size_t	ipck_snap_count(const ipck_snap *s, int kind);
void	ipck_snap_begin(ipck_snap *s, enum ipck_kind kind);
int	ipck_snap_put(ipck_snap *s, const struct ipck_obj *o,
	    struct ipck_obj *before);
int	ipck_snap_end(ipck_snap *s, enum ipck_kind kind,
	    int (*gone)(const struct ipck_obj *o, void *arg), void *arg);

/*
 * The fields of the record (IPCK_FIELDS_OBJECT) whose values differ
 * between a and b, two records of one kind, in the table's order: up to
 * max of them into changed; returns how many differ (more than max: only
 * max were written).  A field known in one and not the other differs;
 * an IPCK_FIELD_VOLATILE one is never compared, since looking sets it.
 */
size_t	ipck_obj_diff(const struct ipck_obj *a, const struct ipck_obj *b,
	    const struct ipck_field **changed, size_t max);

#ifdef __cplusplus
}
#endif

#endif /* IPCKIT_SNAP_H */
