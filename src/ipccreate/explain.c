/* SPDX-License-Identifier: MIT */
/* Why ipccreate could not make an object: the errno in the terms of limits, keys and owners. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "ipccreate.h"

/* "0x00001234", or "IPC_PRIVATE". */
const char *
ipccreate_keystr(key_t key, char *buf, size_t len)
{
	if (key == 0)
		return "IPC_PRIVATE";
	snprintf(buf, len, "0x%08x", (unsigned int)key);
	return buf;
}

/* The operand that names the key, or the resource's own for a private one. */
static const char *
label(const struct res *r, const struct spec *sp)
{
	return sp->keyarg != NULL ? sp->keyarg : r->arg;
}

static void
explain_exists(const struct res *r, const struct spec *sp)
{
	char kb[16];
	int id = ipck_lookup(r->kind, sp->key);

	cli_err("%s: key already in use by %s id %d; remove it with "
	    "'ipcrm -%c %s'%s", sp->keyarg, ipck_kind_noun(r->kind), id,
	    ipck_kind_info(r->kind)->letter - 'a' + 'A',
	    ipccreate_keystr(sp->key, kb, sizeof(kb)), sp->tutorial ? "" :
	    " or pass --reuse");
}

static void
explain_access(const struct res *r, const struct spec *sp)
{
	struct ipck_obj obj;
	char owner[CLI_OWNER_LEN];
	int id = ipck_lookup(r->kind, sp->key);

	if (id < 0 || ipck_stat(r->kind, id, &obj) < 0) {
		cli_err("%s: %s", label(r, sp), strerror(EACCES));
		return;
	}
	cli_err("%s: permission denied: %s id %d belongs to %s, mode %04o",
	    label(r, sp), ipck_kind_noun(r->kind), id,
	    cli_owner(obj.uid, owner, sizeof(owner)), obj.mode & 0777);
}

/* EINVAL: a size out of the limits, or an existing object smaller than asked. */
static void
explain_invalid(const struct res *r, const struct spec *sp)
{
	struct ipck_limits lim;
	struct ipck_obj obj;
	int id;

	if (r->kind == IPCK_MSG || ipck_limits(&lim) < 0) {
		cli_err("%s: %s", r->arg, strerror(EINVAL));
		return;
	}
	/* the kernel's default shmmax, ULONG_MAX - 2^24, means no limit */
	if (r->kind == IPCK_SHM && r->size < lim.shmmin &&
	    lim.shmmax >= UINT64_MAX - ((uint64_t)1 << 24)) {
		cli_err("%s: size out of range: at least %" PRIu64 " byte%s "
		    "(shmmin), and no upper limit (shmmax)", r->arg, lim.shmmin,
		    lim.shmmin == 1 ? "" : "s");
		return;
	}
	if (r->kind == IPCK_SHM && (r->size < lim.shmmin || r->size > lim.shmmax)) {
		cli_err("%s: size out of range: from %" PRIu64 " (shmmin) to %"
		    PRIu64 " bytes (shmmax)", r->arg, lim.shmmin, lim.shmmax);
		return;
	}
	if (r->kind == IPCK_SEM && (r->size < 1 || r->size > lim.semmsl)) {
		cli_err("%s: number of semaphores out of range: from 1 to %"
		    PRIu64 " (semmsl)", r->arg, lim.semmsl);
		return;
	}
	if (sp->keyarg != NULL && (id = ipck_lookup(r->kind, sp->key)) >= 0 &&
	    ipck_stat(r->kind, id, &obj) == 0) {
		if (r->kind == IPCK_SHM)
			cli_err("%s: key already in use by shared memory id %d of %"
			    PRIu64 " bytes, less than %s", sp->keyarg, id,
			    obj.u.shm.size, r->arg);
		else
			cli_err("%s: key already in use by semaphore set id %d of %"
			    PRIu64 " semaphores, fewer than %s", sp->keyarg, id,
			    obj.u.sem.nsems, r->arg);
		return;
	}
	cli_err("%s: %s", r->arg, strerror(EINVAL));
}

/* ENOSPC: name the limit that is full. */
static void
explain_nospace(const struct res *r)
{
	struct ipck_limits lim;
	struct ipck_usage use;

	if (ipck_limits(&lim) < 0 || ipck_usage_at(cli_place(), r->kind, &use) < 0) {
		cli_err("%s: %s", r->arg, strerror(ENOSPC));
		return;
	}
	switch (r->kind) {
	case IPCK_SHM:
		if (use.ids >= lim.shmmni)
			cli_err("%s: no space: the limit of %" PRIu64 " segments "
			    "(shmmni) is reached", r->arg, lim.shmmni);
		else
			cli_err("%s: no space: shmall allows %" PRIu64 " pages in "
			    "all, and %" PRIu64 " are in use", r->arg, lim.shmall,
			    use.shm_pages);
		break;
	case IPCK_MSG:
		cli_err("%s: no space: the limit of %" PRIu64 " message queues "
		    "(msgmni) is reached", r->arg, lim.msgmni);
		break;
	case IPCK_SEM:
		if (use.ids >= lim.semmni)
			cli_err("%s: no space: the limit of %" PRIu64 " semaphore "
			    "sets (semmni) is reached", r->arg, lim.semmni);
		else
			cli_err("%s: no space: semmns allows %" PRIu64 " semaphores "
			    "in all, and %" PRIu64 " are in use", r->arg,
			    lim.semmns, use.sem_sems);
		break;
	default:
		cli_err("%s: %s", r->arg, strerror(ENOSPC));
		break;
	}
}

void
ipccreate_explain(const struct res *r, const struct spec *sp, int err)
{
	switch (err) {
	case EEXIST:
		explain_exists(r, sp);
		break;
	case EACCES:
		explain_access(r, sp);
		break;
	case EINVAL:
		explain_invalid(r, sp);
		break;
	case ENOSPC:
		explain_nospace(r);
		break;
	case EPERM:
		/* only SHM_HUGETLB makes shmget say EPERM */
		cli_err("--hugetlb: permission denied: it needs CAP_IPC_LOCK or "
		    "the group in /proc/sys/vm/hugetlb_shm_group");
		break;
	case ENOMEM:
		cli_err("%s: not enough memory%s", r->arg,
		    (sp->flags & IPCK_HUGETLB) ? " (for huge pages, see "
		    "/proc/sys/vm/nr_hugepages)" : "");
		break;
	default:
		cli_err("%s: %s", r->arg, strerror(err));
		break;
	}
}

