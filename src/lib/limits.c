/* SPDX-License-Identifier: MIT */
/* The namespace's limits (IPC_INFO) and what is in use (*_INFO), kind by kind. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

IPCK_API int
ipck_limits(struct ipck_limits *lim)
{
	const struct ipck__ops *ops;
	int k;

	memset(lim, 0, sizeof(*lim));
	for (k = 0; k < IPCK_NKINDS; k++) {
		const struct ipck_kind_info *info = ipck_kind_info((enum ipck_kind)k);

		/* the POSIX kinds' limits are not in this record */
		if (info->family != IPCK_SYSV)
			continue;
		ops = ipck__ops(info->kind);
		if (!IPCK__CAN(ops, limits) || ops->limits(lim) < 0)
			return -1;
	}
	return 0;
}

/* A kind without a counter to ask: every object walked and added up. */
static int
walk(const struct ipck_place *pl, enum ipck_kind kind,
    const struct ipck__ops *ops, struct ipck_usage *use)
{
	struct ipck_obj o;
	ipck_iter *it;
	int r, saved = errno;

	if ((it = ipck_open_at(pl, kind, 0)) == NULL)
		return -1;
	while ((r = ipck_next(it, &o)) > 0)
		ops->tally(&o, use);
	ipck_close(it);
	if (r == 0)
		errno = saved;
	return r;
}

IPCK_API int
ipck_usage(enum ipck_kind kind, struct ipck_usage *use)
{
	return ipck_usage_at(NULL, kind, use);
}

IPCK_API int
ipck_usage_at(const struct ipck_place *pl, enum ipck_kind kind,
    struct ipck_usage *use)
{
	const struct ipck__ops *ops = ipck__ops(kind);
	int err;

	*use = (struct ipck_usage){ 0 };
	if (ops != NULL && ops->usage != NULL) {
		if (ops->usage(use) == 0)
			return 0;
		/*
		 * *_INFO refused (a seccomp filter, a security module): the
		 * walk, which then reads /proc/sysvipc, adds the same sums up
		 */
		if (!ipck__refused(err = errno) || ops->tally == NULL)
			return -1;
		*use = (struct ipck_usage){ 0 };
		if (walk(pl, kind, ops, use) == 0)
			return 0;
		/* no /proc/sysvipc either: the refusal is the answer */
		*use = (struct ipck_usage){ 0 };
		errno = err;
		return -1;
	}
	if (ops != NULL && ops->tally != NULL)
		return walk(pl, kind, ops, use);
	if (ops != NULL)
		errno = EOPNOTSUPP;
	return -1;
}
