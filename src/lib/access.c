/* SPDX-License-Identifier: MIT */
/*
 * The kernel's permission rule for System V objects, as a predicate: who
 * may read or write (ipcperms), who may remove or change (the owner, the
 * creator, or CAP_SYS_ADMIN).  Capabilities count over the user namespace
 * that owns the IPC namespace, not the caller's own: root of a child user
 * namespace is nobody special to its parent's objects.  The POSIX kinds
 * are files in sticky directories, and follow the file rules: the mode
 * (CAP_DAC_OVERRIDE past it), and removal by the file's owner, the
 * directory's, or CAP_FOWNER; chown, chgrp and chmod by setattr's rules.
 */
#define _GNU_SOURCE	/* syscall */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/capability.h>
#include <linux/nsfs.h>

#include "internal.h"

/* The caller's effective capabilities in its own user namespace. */
static int
effective(uint64_t *caps)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[_LINUX_CAPABILITY_U32S_3];

	if (syscall(SYS_capget, &h, d) < 0)
		return -1;
	*caps = (uint64_t)d[1].effective << 32 | d[0].effective;
	return 0;
}

static int
same_file(int fd, const struct stat *st)
{
	struct stat f;

	return fstat(fd, &f) == 0 && f.st_dev == st->st_dev &&
	    f.st_ino == st->st_ino;
}

/*
 * Whether capabilities held in the caller's user namespace reach user
 * namespace fd, as cap_capable() decides: fd is the caller's own, or a
 * descendant (then also its owner, when the caller's euid made the
 * child of the caller's that it descends from).  1 own caps count, 2 every
 * capability is held (ownership), 0 none.  Consumes fd.
 */
static int
reach(int fd, const struct stat *self, uid_t euid)
{
	int parent, r = 0;
	uid_t owner;

	for (;;) {
		if (same_file(fd, self)) {
			r = 1;
			break;
		}
		/* EPERM: the parent is outside the caller's namespace */
		if ((parent = ioctl(fd, NS_GET_PARENT)) < 0)
			break;
		if (same_file(parent, self)) {
			r = ioctl(fd, NS_GET_OWNER_UID, &owner) == 0 &&
			    owner == euid ? 2 : 1;
			close(parent);
			break;
		}
		close(fd);
		fd = parent;
	}
	close(fd);
	return r;
}

/* IPCK_CAP_* the caller holds over the owner of its IPC namespace. */
static unsigned int
ns_caps(uid_t euid)
{
	struct stat self;
	uint64_t caps;
	unsigned int held = 0;
	int ns, owner, r;

	if (effective(&caps) < 0)
		return 0;
	if (caps & ((uint64_t)1 << CAP_IPC_OWNER))
		held |= IPCK_CAP_IPC_OWNER;
	if (caps & ((uint64_t)1 << CAP_SYS_ADMIN))
		held |= IPCK_CAP_SYS_ADMIN;
	if (caps & ((uint64_t)1 << CAP_IPC_LOCK))
		held |= IPCK_CAP_IPC_LOCK;
	if (stat("/proc/self/ns/user", &self) < 0 ||
	    (ns = open("/proc/self/ns/ipc", O_RDONLY | O_CLOEXEC)) < 0)
		return held;	/* no namespaces to tell apart */
	owner = ioctl(ns, NS_GET_USERNS);
	r = errno;
	close(ns);
	if (owner < 0)
		/* ENOTTY: a kernel before 4.9, where only one answer is likely */
		return r == EPERM ? 0 : held;
	r = reach(owner, &self, euid);
	return r == 2 ? IPCK_CAP_IPC_OWNER | IPCK_CAP_SYS_ADMIN |
	    IPCK_CAP_IPC_LOCK : r == 1 ? held : 0;
}

/*
 * Whether the caller is in the initial user namespace, whose uid_map maps
 * every id to itself.  (NS_GET_PARENT cannot tell: from inside a child
 * its parent is out of reach, EPERM, as the initial one's is.)
 */
static int
initial_userns(void)
{
	unsigned long first, lower, count;
	FILE *f = fopen("/proc/self/uid_map", "re");
	int r;

	if (f == NULL)
		return 1;	/* no user namespaces */
	r = fscanf(f, "%lu %lu %lu", &first, &lower, &count) == 3 &&
	    first == 0 && lower == 0 && count == 4294967295UL;
	fclose(f);
	return r;
}

/* The file capabilities that count for the POSIX kinds: the caller's own. */
static unsigned int
file_caps(void)
{
	uint64_t caps;
	unsigned int held = 0;

	if (effective(&caps) < 0)
		return 0;
	if (caps & ((uint64_t)1 << CAP_FOWNER))
		held |= IPCK_CAP_FOWNER;
	if (caps & ((uint64_t)1 << CAP_DAC_OVERRIDE))
		held |= IPCK_CAP_DAC_OVERRIDE;
	if (caps & ((uint64_t)1 << CAP_CHOWN))
		held |= IPCK_CAP_CHOWN;
	if ((caps & ((uint64_t)1 << CAP_SYS_RESOURCE)) && initial_userns())
		held |= IPCK_CAP_SYS_RESOURCE;
	return held;
}

IPCK_API int
ipck_cred_self(struct ipck_cred *c)
{
	struct stat st;
	int n, saved = errno;

	c->euid = geteuid();
	c->egid = getegid();
	c->groups = NULL;
	c->ngroups = 0;
	if ((n = getgroups(0, NULL)) < 0)
		return -1;
	if (n > 0) {
		if ((c->groups = calloc((size_t)n, sizeof(gid_t))) == NULL)
			return -1;
		if ((n = getgroups(n, c->groups)) < 0) {
			ipck_cred_free(c);
			return -1;
		}
	}
	c->ngroups = (size_t)n;
	c->caps = ns_caps(c->euid) | file_caps();
	c->shm_owner = stat(IPCK__SHM_DIR, &st) == 0 ? st.st_uid : 0;
	errno = saved;
	return 0;
}

IPCK_API void
ipck_cred_free(struct ipck_cred *c)
{
	free(c->groups);
	c->groups = NULL;
	c->ngroups = 0;
}

/* in_group_p(): the effective gid or a supplementary group. */
static int
in_group(const struct ipck_cred *c, gid_t gid)
{
	size_t i;

	if (gid == c->egid)
		return 1;
	for (i = 0; i < c->ngroups; i++)
		if (c->groups[i] == gid)
			return 1;
	return 0;
}

IPCK_API int
ipck_mode_class(const struct ipck_cred *c, const struct ipck_obj *o)
{
	/* a POSIX object keeps no creator: its cuid 0 is no one */
	int creator = (o->have & IPCK_HAVE_CREATOR) != 0;

	if (c->euid == o->uid || (creator && c->euid == o->cuid))
		return 6;
	if (in_group(c, o->gid) || (creator && in_group(c, o->cgid)))
		return 3;
	return 0;
}

/* Who owns the directory o is in: the cred's /dev/shm's, or its place's. */
static uid_t
dir_owner(const struct ipck_cred *c, const struct ipck_obj *o)
{
	struct stat st;
	int saved = errno;

	if (o->place == NULL || o->place->shm_dir < 0)	/* here, or none */
		return c->shm_owner;
	if (fstat(o->place->shm_dir, &st) < 0) {
		errno = saved;
		return c->shm_owner;
	}
	return st.st_uid;
}

IPCK_API int
ipck_may(const struct ipck_cred *c, const struct ipck_obj *o,
    unsigned int what)
{
	const struct ipck_kind_info *info = ipck_kind_info(o->kind);
	unsigned int want = what & 06, granted;

	if (info != NULL && info->family == IPCK_POSIX) {
		/* unlink from a sticky directory; the file's mode is not asked */
		if ((what & IPCK_MAY_CHANGE) && c->euid != o->uid &&
		    !(c->caps & IPCK_CAP_FOWNER) && c->euid != dir_owner(c, o))
			return 0;
		granted = (o->mode >> ipck_mode_class(c, o)) & 07;
		return (want & ~granted) == 0 || (c->caps &
		    IPCK_CAP_DAC_OVERRIDE) != 0;
	}
	if ((what & IPCK_MAY_CHANGE) && c->euid != o->uid &&
	    c->euid != o->cuid && !(c->caps & IPCK_CAP_SYS_ADMIN))
		return 0;
	granted = (o->mode >> ipck_mode_class(c, o)) & 07;
	if ((want & ~granted) != 0 && !(c->caps & IPCK_CAP_IPC_OWNER))
		return 0;
	return 1;
}

/*
 * Whether the caller's user namespace maps id (as stat showed it) in map
 * (/proc/self/uid_map or gid_map).  An id it does not map shows as the
 * overflow id; so any other shown id is mapped, and the overflow id is
 * taken as mapped only when the map has it (the initial namespace's map
 * has every id).
 */
static int
maps(const char *map, const char *overflow, unsigned long id)
{
	unsigned long first, lower, count, over = 65534;
	char line[128];
	FILE *f;
	int r = 0;

	if ((f = fopen(overflow, "re")) != NULL) {
		if (fscanf(f, "%lu", &over) != 1)
			over = 65534;
		fclose(f);
	}
	if (id != over)
		return 1;
	if ((f = fopen(map, "re")) == NULL)
		return 1;
	while (!r && fgets(line, sizeof(line), f) != NULL)
		r = sscanf(line, "%lu %lu %lu", &first, &lower, &count) == 3 &&
		    id >= first && id - first < count;
	fclose(f);
	return r;
}

/*
 * capable_wrt_inode_uidgid(): cap held, and the file's owner and group
 * mapped.  0 yes; IPCK_DENY_UNMAPPED held but not over the file; -1 not held.
 */
static int
file_cap(const struct ipck_cred *c, const struct ipck_obj *o, unsigned int cap)
{
	if (!(c->caps & cap))
		return -1;
	if (maps("/proc/self/uid_map", "/proc/sys/kernel/overflowuid",
	    (unsigned long)o->uid) && maps("/proc/self/gid_map",
	    "/proc/sys/kernel/overflowgid", (unsigned long)o->gid))
		return 0;
	return IPCK_DENY_UNMAPPED;
}

/* A refusal, with IPCK_DENY_UNMAPPED when a capability was held in vain. */
static int
denied(int why, int cap)
{
	return cap == IPCK_DENY_UNMAPPED ? why | IPCK_DENY_UNMAPPED : why;
}

static int
posix_change(const struct ipck_cred *c, const struct ipck_obj *o,
    const struct ipck_change *ch)
{
	int owner = c->euid == o->uid, cap;

	/* setattr_prepare's order: chown_ok, chgrp_ok, then the mode */
	if ((ch->what & IPCK_SET_UID) && !(owner && ch->uid == o->uid) &&
	    (cap = file_cap(c, o, IPCK_CAP_CHOWN)) != 0)
		return denied(IPCK_DENY_GIVE, cap);
	if ((ch->what & IPCK_SET_GID) && !(owner && (ch->gid == o->gid ||
	    in_group(c, ch->gid))) && (cap = file_cap(c, o, IPCK_CAP_CHOWN)) != 0)
		return denied(owner ? IPCK_DENY_GROUP : IPCK_DENY_OWNER, cap);
	if ((ch->what & IPCK_SET_MODE) && !owner &&
	    (cap = file_cap(c, o, IPCK_CAP_FOWNER)) != 0)
		return denied(IPCK_DENY_OWNER, cap);
	return 0;
}

IPCK_API int
ipck_may_change(const struct ipck_cred *c, const struct ipck_obj *o,
    const struct ipck_change *ch, int lock)
{
	const struct ipck_kind_info *info = ipck_kind_info(o->kind);
	int owner = c->euid == o->uid || c->euid == o->cuid;
	struct rlimit rl;

	if (info != NULL && info->family == IPCK_POSIX)
		return ch != NULL ? posix_change(c, o, ch) : 0;
	if (ch != NULL && ch->what != 0 && !owner &&
	    !(c->caps & IPCK_CAP_SYS_ADMIN))
		return IPCK_DENY_OWNER;
	if (lock < 0 || o->kind != IPCK_SHM || (c->caps & IPCK_CAP_IPC_LOCK))
		return 0;
	if (!owner)
		return IPCK_DENY_LOCK;
	/* shmctl says EPERM for a zero limit, ENOMEM when the pages do not fit */
	if (lock && getrlimit(RLIMIT_MEMLOCK, &rl) == 0 && rl.rlim_cur !=
	    RLIM_INFINITY && (rl.rlim_cur == 0 || o->u.shm.size > rl.rlim_cur))
		return IPCK_DENY_MEMLOCK;
	return 0;
}
