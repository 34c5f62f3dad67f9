/* SPDX-License-Identifier: MIT */
/* One object's record: IPC_STAT by id, then *_STAT_ANY, then /proc/sysvipc. */
#include <errno.h>

#include "internal.h"

IPCK_API int
ipck_stat_proc(enum ipck_kind kind, int id, struct ipck_obj *obj)
{
	const struct ipck__ops *ops = ipck__ops(kind);
	struct ipck__proc *p;
	int r, saved = errno;

	/* the object's line in /proc/sysvipc, which needs no permission at all */
	if (!IPCK__CAN(ops, proc) ||
	    (p = ipck__proc_open(kind, ops->proc)) == NULL)
		return -1;
	while ((r = ipck__proc_next(p, obj)) > 0 && obj->id != id)
		continue;
	ipck__proc_close(p);
	if (r < 0)
		return -1;
	if (r == 0) {
		errno = EINVAL;		/* as IPC_STAT says of an id that names nothing */
		return -1;
	}
	errno = saved;
	return 0;
}

/*
 * IPC_STAT needs read permission, but *_STAT_ANY (Linux 4.17) does not: it
 * takes the index, which is the id's low bits (15 of them, or 24 with the
 * ipcmni_extend boot option).  The id it answers with tells which was right.
 * Where even that is refused (an older kernel, a security module),
 * /proc/sysvipc still describes the object.
 */
IPCK_API int
ipck_stat(enum ipck_kind kind, int id, struct ipck_obj *obj)
{
	static const int masks[] = { 0x7fff, 0xffffff };
	const struct ipck__ops *ops = ipck__ops(kind);
	size_t i;
	int entry = errno;

	if (!IPCK__CAN(ops, stat))
		return -1;
	if (ops->stat(id, obj) >= 0)
		return 0;
	if (errno != EACCES)
		return -1;
	for (i = 0; i < sizeof(masks) / sizeof(masks[0]); i++)
		if (ops->stat_index(id & masks[i], obj) == id)
			goto found;
	if (ipck_stat_proc(kind, id, obj) == 0)
		goto found;
	errno = EACCES;
	return -1;
found:
	errno = entry;
	return 0;
}
