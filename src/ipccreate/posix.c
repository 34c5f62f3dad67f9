/* SPDX-License-Identifier: MIT */
/* ipccreate's POSIX objects: made by name, exactly, and why one could not be. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statvfs.h>

#include "ipccreate.h"

/* The ipcrm option that removes an object of kind. */
static const char *
rm_option(enum ipck_kind kind)
{
	return kind == IPCK_PSHM ? "--posix-shmem" : kind == IPCK_PMSG ?
	    "--posix-mqueue" : "--posix-semaphore";
}

static void
explain_exists(const struct res *r, int reuse)
{
	struct ipck_ref ref = { r->kind, IPCK_BY_NAME, 0, 0, r->name,
	    cli_place() };
	struct ipck_obj o;

	if (ipck_resolve(&ref, &o) == 0 || r->kind == IPCK_PMSG)
		cli_err("%s: name already in use by %s; remove it with 'ipcrm "
		    "%s %s'%s", r->name, ipck_kind_noun(r->kind),
		    rm_option(r->kind), r->name, reuse ? "" : " or pass --reuse");
	else
		cli_err("%s: name already in use in /dev/shm by what is no %s "
		    "(a directory, fifo, socket or symlink)", r->name,
		    ipck_kind_noun(r->kind));
}

/* EACCES: the object there (with --reuse) or the directory it goes in. */
static void
explain_access(const struct res *r)
{
	struct ipck_ref ref = { r->kind, IPCK_BY_NAME, 0, 0, r->name,
	    cli_place() };
	const char *dir = r->kind == IPCK_PMSG ? "/dev/mqueue" : "/dev/shm";
	struct ipck_obj o;
	struct stat st;
	char owner[CLI_OWNER_LEN];

	if (ipck_resolve(&ref, &o) == 0)
		cli_err("%s: permission denied: %s %s belongs to %s, mode %04o",
		    r->name, ipck_kind_noun(r->kind), r->name, cli_owner(o.uid,
		    owner, sizeof(owner)), o.mode & 0777);
	else if (stat(dir, &st) == 0)
		cli_err("%s: permission denied: %s (owner %s, mode %04o) does not "
		    "let this user make %s", r->name, dir, cli_owner(st.st_uid,
		    owner, sizeof(owner)), (unsigned int)st.st_mode & 07777,
		    r->kind == IPCK_PMSG ? "queues" : "files");
	else
		cli_err("%s: %s", r->name, strerror(EACCES));
}

/* ENOSPC: /dev/shm out of inodes (its bytes are taken only as written), or queues_max reached. */
static void
explain_nospace(const struct res *r)
{
	struct ipck_posix_limits lim;
	struct statvfs vfs;

	if (r->kind == IPCK_PMSG &&
	    ipck_posix_limits_for(cli_place(), IPCK_PLIM_QUEUES, &lim) == 0)
		cli_err("%s: no space: the limit of %" PRIu64 " queues "
		    "(/proc/sys/fs/mqueue/queues_max) is reached", r->name,
		    lim.queues_max);
	else if (r->kind != IPCK_PMSG && statvfs("/dev/shm", &vfs) == 0 &&
	    vfs.f_favail == 0)
		cli_err("%s: no space in /dev/shm: all of its %llu inodes are in "
		    "use (the tmpfs's nr_inodes)", r->name,
		    (unsigned long long)vfs.f_files);
	else if (r->kind != IPCK_PMSG && statvfs("/dev/shm", &vfs) == 0)
		cli_err("%s: no space in /dev/shm: %llu of its %llu bytes free",
		    r->name, (unsigned long long)vfs.f_bavail * vfs.f_frsize,
		    (unsigned long long)vfs.f_blocks * vfs.f_frsize);
	else
		cli_err("%s: %s", r->name, strerror(ENOSPC));
}

/* EMFILE from mq_open: the owner's RLIMIT_MSGQUEUE, which counts over every namespace. */
static void
explain_rlimit(const struct res *r, const struct spec *sp)
{
	struct ipck_posix_limits lim;
	struct rlimit rl;
	uint64_t maxmsg = sp->attr.maxmsg, msgsize = sp->attr.msgsize;

	if (getrlimit(RLIMIT_MSGQUEUE, &rl) < 0 ||
	    ipck_posix_limits_for(cli_place(), IPCK_PLIM_SIZES, &lim) < 0) {
		cli_err("%s: %s", r->name, strerror(EMFILE));
		return;
	}
	if (maxmsg == 0)
		maxmsg = lim.msg_default;
	if (msgsize == 0)
		msgsize = lim.msgsize_default;
	cli_err("%s: no space: a queue of %" PRIu64 " message%s of %" PRIu64
	    " bytes does not fit in what is left of the %llu bytes that "
	    "RLIMIT_MSGQUEUE lets this user's queues take, in every IPC "
	    "namespace together", r->name, maxmsg, maxmsg == 1 ? "" : "s",
	    msgsize, (unsigned long long)rl.rlim_cur);
}

static void
explain(const struct res *r, const struct spec *sp, int err)
{
	switch (err) {
	case EEXIST:
		explain_exists(r, !(sp->flags & IPCK_EXCL));
		break;
	case ENOSPC:
		explain_nospace(r);
		break;
	case EMFILE:
		if (r->kind == IPCK_PMSG) {
			explain_rlimit(r, sp);
			break;
		}
		cli_err("%s: %s", r->name, strerror(err));
		break;
	case EACCES:
		explain_access(r);
		break;
	default:
		cli_err("%s: %s", r->name, strerror(err));
		break;
	}
}

int
ipccreate_posix(struct res *r, const struct spec *sp)
{
	struct ipck_posix_attr a = sp->attr;

	a.size = r->size;
	if (ipck_create_name_at(cli_place(), r->kind, r->name, &a, sp->mode, sp->flags &
	    IPCK_EXCL, &r->made, &r->created) < 0) {
		explain(r, sp, errno);
		return CLI_FAIL;
	}
	/* taken as it is, never resized: too small is a failure, as for a segment */
	if (!r->created && r->kind == IPCK_PSHM && r->made.u.pshm.size < r->size) {
		cli_err("%s: name already in use by POSIX shared memory of %"
		    PRIu64 " bytes, less than %s", r->name, r->made.u.pshm.size,
		    r->arg);
		return CLI_FAIL;
	}
	return CLI_OK;
}

void
ipccreate_posix_describe(const struct res *r)
{
	const struct ipck_obj *o = &r->made;
	char what[64] = "";

	if (r->kind == IPCK_PSHM)
		snprintf(what, sizeof(what), ", %" PRIu64 " byte%s",
		    o->u.pshm.size, o->u.pshm.size == 1 ? "" : "s");
	else if (r->kind == IPCK_PSEM && (o->have & IPCK_HAVE_VALUE))
		snprintf(what, sizeof(what), ", value %u", o->u.psem.value);
	else if (r->kind == IPCK_PMSG && (o->have & IPCK_HAVE_QUEUE))
		snprintf(what, sizeof(what), ", %" PRIu64 " messages of %"
		    PRIu64 " bytes", o->u.pmsg.maxmsg, o->u.pmsg.msgsize);
	fprintf(stderr, "%s %s %s%s, mode %04o\n", r->created ? "created" :
	    "reused", ipck_kind_noun(r->kind), r->name, what, o->mode & 0777);
}
