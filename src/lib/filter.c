/* SPDX-License-Identifier: MIT */
/* Selecting objects by key, id, owner, creator, attachment, liveness and age. */
#include <stddef.h>
#include <stdlib.h>

#include "internal.h"

/* No process uses it: a segment none has attached; a POSIX object none maps or holds. */
static int
unattached(const struct ipck_filter *f, const struct ipck_obj *o)
{
	struct ipck_user *u;
	size_t n, hidden;
	int saved = errno;

	if (o->kind == IPCK_SHM)
		return o->u.shm.nattch == 0;
	if (o->kind != IPCK_PSHM)
		return 0;
	if (f->inuse != NULL)
		return !ipck_inuse_has(f->inuse, o);
	/* asked of this object alone; what cannot be told counts as in use */
	if (ipck_users(o, &u, &n, &hidden) < 0) {
		errno = saved;
		return 0;
	}
	free(u);
	return n == 0;
}

/* Nothing shows a live user: the kind knows what to ask. */
static int
orphaned(const struct ipck_obj *o)
{
	const struct ipck__ops *ops = ipck__ops(o->kind);

	return ops != NULL && ops->orphaned != NULL && ops->orphaned(o);
}

/* any_key(v, n, x) and the others: one of the n values at v equals x. */
#define ANY_OF(name, type)						\
static int								\
name(const type *v, size_t n, type x)					\
{									\
	size_t i;							\
									\
	for (i = 0; i < n; i++)						\
		if (v[i] == x)						\
			return 1;					\
	return 0;							\
}
ANY_OF(any_key, key_t)
ANY_OF(any_id, int)
ANY_OF(any_uid, uid_t)
#undef ANY_OF

IPCK_API int
ipck_match(const struct ipck_filter *f, const struct ipck_obj *o)
{
	const struct ipck_kind_info *info;

	if (f == NULL || f->what == 0)
		return 1;
	/*
	 * A POSIX object has no key (its 0 is not IPC_PRIVATE's), no id and
	 * no creator: what asks for one never selects it.
	 */
	info = ipck_kind_info(o->kind);
	if ((f->what & (IPCK_F_KEY | IPCK_F_ID)) && (info == NULL ||
	    info->family != IPCK_SYSV))
		return 0;
	if ((f->what & IPCK_F_CREATOR) && !(o->have & IPCK_HAVE_CREATOR))
		return 0;
	if ((f->what & IPCK_F_KEY) && !any_key(f->keys, f->nkeys, o->key))
		return 0;
	if ((f->what & IPCK_F_ID) && !any_id(f->ids, f->nids, o->id))
		return 0;
	if ((f->what & IPCK_F_OWNER) && !any_uid(f->owners, f->nowners, o->uid))
		return 0;
	if ((f->what & IPCK_F_CREATOR) &&
	    !any_uid(f->creators, f->ncreators, o->cuid))
		return 0;
	if ((f->what & IPCK_F_CHANGED_BEFORE) && o->ctime >= f->changed_before)
		return 0;
	if ((f->what & IPCK_F_UNATTACHED) && !unattached(f, o))
		return 0;
	/* last: it may cost a system call a pid */
	if ((f->what & IPCK_F_ORPHANED) && !orphaned(o))
		return 0;
	return 1;
}
