/* SPDX-License-Identifier: MIT */
/* Error text in the user's terms: what "not found" means depends on how the object was named. */
#include <errno.h>
#include <string.h>

#include "internal.h"

IPCK_API const char *
ipck_strerror(int err, enum ipck_by by)
{
	switch (err) {
	case ENOENT:
		/* the *get calls say ENOENT for a key that names nothing */
		if (by == IPCK_BY_KEY)
			return "No such key";
		if (by == IPCK_BY_NAME)
			return "No such name";
		break;
	case EINVAL:
		/* Linux answers EINVAL for an id that names nothing */
		if (by == IPCK_BY_ID)
			return "No such identifier";
		return "Key 0 is IPC_PRIVATE and names no object";
	case EIDRM:
		return "Identifier removed";
	case EACCES:
	case EPERM:
		return "Permission denied";
	default:
		break;
	}
	return strerror(err);
}

IPCK_API const char *
ipck_version(void)
{
	return IPCK_VERSION;
}
