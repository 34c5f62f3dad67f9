/* SPDX-License-Identifier: MIT */
/*
 * ipcrm's removals: an operand's object, or every one --all selects, by
 * one path for all six kinds; what is done once is not done again.
 */
#define _DEFAULT_SOURCE	/* SHM_DEST */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>

#include "ipcrm.h"

static uint64_t
tag(enum ipck_kind kind, enum ipck_by by, uint32_t value)
{
	return (uint64_t)((unsigned int)kind * 2 + (unsigned int)by + 1) << 32 |
	    value;
}

/*
 * The walk of --all meets each object once: only operands are noted, by
 * id and by key, so that naming it again either way finds it gone.
 */
static void
seen_ids(struct run *run, const struct cli_target *t, enum ipck_kind kind,
    int id, const struct ipck_obj *o)
{
	if (t == NULL)
		return;
	cli_seen_add(&run->done, tag(kind, IPCK_BY_ID, (uint32_t)id));
	if (t->ref.by == IPCK_BY_KEY)
		cli_seen_add(&run->done, tag(kind, IPCK_BY_KEY,
		    (uint32_t)t->ref.key));
	else if (o != NULL && o->key != IPC_PRIVATE)
		cli_seen_add(&run->done, tag(kind, IPCK_BY_KEY, (uint32_t)o->key));
}

/*
 * Remove one object, System V or POSIX: o describes it when known; a
 * System V object without o by its id, a POSIX one by its operand's name
 * (a queue where no mqueue of this namespace can be read).  found: it was
 * found by key or by a walk, so an id gone since is "already removed",
 * not a wrong operand; a POSIX object gone or replaced since (ENOENT) is
 * too.  With -n nothing is removed: the kernel's rule is asked instead.
 */
static int
remove_obj(struct run *run, const struct cli_target *t, enum ipck_kind kind,
    int id, const struct ipck_obj *o, int found)
{
	int posix = ipck_kind_info(kind)->family == IPCK_POSIX;
	struct ipck_obj perm;
	int err;

	if (run->collect) {
		/* --save: kept, to be saved before anything is removed */
		if (o == NULL)
			return ipcrm_report(run, t, kind, id, NULL, FAILED, ENODEV);
		run->pend = cli_grow(run->pend, run->npend, sizeof(*run->pend));
		run->pend[run->npend++] = (struct pending){ t, *o, 0 };
		if (!posix)
			seen_ids(run, t, kind, id, o);
		return CLI_OK;
	}
	if (run->dry_run) {
		if (o != NULL && !ipck_may(&run->cred, o, IPCK_MAY_CHANGE))
			return ipcrm_report(run, t, kind, id, o, FAILED, EPERM);
	} else if ((o != NULL ? ipck_remove_obj(o) : posix ?
	    ipck_remove_name_at(cli_place(), kind, t->ref.name) :
	    ipck_remove(kind, id)) < 0) {
		err = errno;
		if (posix ? err == ENOENT : err == EIDRM ||
		    (err == EINVAL && found))
			return ipcrm_report(run, t, kind, id, o, GONE, err);
		if (!posix && err == EPERM && o == NULL &&
		    ipck_stat(kind, id, &perm) == 0)
			o = &perm;
		return ipcrm_report(run, t, kind, id, o, FAILED, err);
	}
	if (!posix)
		seen_ids(run, t, kind, id, o);
	return ipcrm_report(run, t, kind, id, o, run->dry_run ? SELECTED : REMOVED, 0);
}

int
ipcrm_remove_target(struct run *run, const struct cli_target *t)
{
	const struct ipck_ref *r = &t->ref;
	struct ipck_obj obj, *o = NULL;
	int id, found = r->by == IPCK_BY_KEY;

	if (cli_seen_has(&run->done, tag(r->kind, r->by, found ?
	    (uint32_t)r->key : (uint32_t)r->id)))
		return ipcrm_report(run, t, r->kind, found ? -1 : r->id, NULL, GONE, 0);
	if ((id = ipck_ref_id(r)) < 0)
		return ipcrm_report(run, t, r->kind, -1, NULL, FAILED, errno);
	/*
	 * The words of -v, -n and -J need the object; so does a removal by id
	 * when a later operand may name the same object by its key.  A plain
	 * removal does not.
	 */
	if (run->verbose || run->dry_run || run->json || run->collect ||
	    (!found && run->keyed[r->kind])) {
		if (ipck_stat(r->kind, id, &obj) == 0)
			o = &obj;
		else if (run->dry_run || run->collect)
			return ipcrm_report(run, t, r->kind, id, NULL,
			    found && errno == EINVAL ? GONE : FAILED, errno);
	}
	return remove_obj(run, t, r->kind, id, o, found);
}

/*
 * Names removed (or, with -n, selected) this run, so that one named again
 * is "already removed": a hash of each in run->done to look first, then
 * the operands themselves, run->removed[i] marking operand i.
 */
static uint64_t
name_tag(enum ipck_kind kind, const char *name)
{
	uint64_t h = 14695981039346656037ULL ^ (unsigned int)kind;

	for (; *name != '\0'; name++)
		h = (h ^ (unsigned char)*name) * 1099511628211ULL;
	return h | 1ULL << 63;	/* apart from tag()'s, whose top bit is 0 */
}

static int
name_seen(const struct run *run, enum ipck_kind kind, const char *name)
{
	size_t i;

	if (!cli_seen_has(&run->done, name_tag(kind, name)))
		return 0;
	for (i = 0; i < run->nnamed; i++)
		if (run->removed[i] && run->named[i].ref.kind == kind &&
		    strcmp(run->named[i].ref.name, name) == 0)
			return 1;
	return 0;
}

int
ipcrm_remove_named(struct run *run, size_t i)
{
	const struct cli_target *t = &run->named[i];
	const struct ipck_ref *r = &t->ref;
	struct ipck_obj obj, *o = NULL;
	int rc;

	if (name_seen(run, r->kind, r->name))
		return ipcrm_report(run, t, r->kind, -1, NULL, GONE, 0);
	if (ipck_resolve(r, &obj) == 0)
		o = &obj;
	else if (r->kind != IPCK_PMSG || (errno != ENODEV && errno != EXDEV))
		return ipcrm_report(run, t, r->kind, -1, NULL, FAILED, errno);
	else if (run->dry_run && ipck_ref_id(r) < 0)
		return ipcrm_report(run, t, r->kind, -1, NULL, FAILED, errno);
	if ((rc = remove_obj(run, t, r->kind, -1, o, 0)) == CLI_OK) {
		if (run->collect)
			run->pend[run->npend - 1].named = (int)i + 1;
		run->removed[i] = 1;
		cli_seen_add(&run->done, name_tag(r->kind, r->name));
	}
	return rc;
}

/* Every object of a kind that the filters select. */
static int
remove_all(struct run *run, enum ipck_kind kind, const struct ipck_filter *filt)
{
	struct ipck_obj o;
	ipck_iter *it;
	int r, rc = CLI_OK;

	/* --unattached of POSIX shared memory: one walk over /proc for all */
	if ((it = ipck_open_at(cli_place(), kind, 0)) == NULL) {
		cli_cannot_list(kind, errno);
		return CLI_FAIL;
	}
	while ((r = ipck_next(it, &o)) > 0) {
		/* a segment removed while attached waits only for its last detach */
		if (kind == IPCK_SHM && (o.mode & SHM_DEST))
			continue;
		if (!ipck_match(filt, &o))
			continue;
		if (ipck_kind_info(kind)->family == IPCK_POSIX) {
			/* with -n an operand's object is still there: once is enough */
			if (!name_seen(run, kind, o.name) &&
			    remove_obj(run, NULL, kind, -1, &o, 1) != CLI_OK)
				rc = CLI_FAIL;
			continue;
		}
		if (cli_seen_has(&run->done, tag(kind, IPCK_BY_ID,
		    (uint32_t)o.id)))
			continue;
		if (remove_obj(run, NULL, kind, o.id, &o, 1) != CLI_OK)
			rc = CLI_FAIL;
	}
	if (r < 0) {
		cli_cannot_list(kind, errno);
		rc = CLI_FAIL;
	}
	ipck_close(it);
	return rc;
}

/* --all's kinds, in util-linux's order, each kind's POSIX cousin after it. */
int
ipcrm_remove_kinds(struct run *run, const struct plan *p)
{
	static const enum ipck_kind order[] = { IPCK_SHM, IPCK_PSHM, IPCK_SEM,
	    IPCK_PSEM, IPCK_MSG, IPCK_PMSG };
	size_t i;
	int rc = CLI_OK;

	for (i = 0; i < sizeof(order) / sizeof(order[0]); i++)
		if (p->all[order[i]] && cli_ns_lists(run->ns, order[i]) &&
		    remove_all(run, order[i], &p->filt.f) != CLI_OK)
			rc = CLI_FAIL;
	return rc;
}

/*
 * One namespace of --all-namespaces: who may remove what is asked anew
 * (the capabilities that count are over its owner), then --all there.
 */
int
ipcrm_in_ns(const struct cli_ns *ns, int err, void *arg)
{
	struct run *run = arg;
	int rc;

	run->ns = ns;
	run->ns_said = 0;
	if (err != 0) {
		if (run->json) {
			json_begin(run->json, NULL, '{');
			cli_json_ns(run->json, ns, err);
			json_end(run->json, '}');
		} else
			cli_ns_header(ns);
		run->ns = NULL;
		return CLI_FAIL;
	}
	if (run->dry_run) {
		ipck_cred_free(&run->cred);
		if (ipck_cred_self(&run->cred) < 0)
			cli_die(CLI_FAIL, "cannot tell who may remove what: %s",
			    strerror(errno));
	}
	rc = ipcrm_remove_kinds(run, run->plan);
	run->ns = NULL;
	return rc;
}
