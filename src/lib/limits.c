/* SPDX-License-Identifier: MIT */
/* The namespace's limits (IPC_INFO) and what is in use (*_INFO), kind by kind. */
#include <errno.h>
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
		if ((ops = ipck__ops(info->kind)) == NULL || ops->limits(lim) < 0)
			return -1;
	}
	return 0;
}

IPCK_API int
ipck_usage(enum ipck_kind kind, struct ipck_usage *use)
{
	const struct ipck__ops *ops = ipck__ops(kind);

	*use = (struct ipck_usage){ 0 };
	return ops == NULL ? -1 : ops->usage(use);
}
