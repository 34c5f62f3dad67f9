/* SPDX-License-Identifier: MIT */
/* ipcs: list System V IPC objects, as util-linux's ipcs prints them, in the POSIX layout, or as JSON. */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ipcs.h"
#include "json.h"
#include "events.h"
#include "watch.h"
#include "metrics.h"

struct ipck_semval *
ipcs_sem_values(const char *arg, const struct ipck_obj *o)
{
	struct ipck_semval *v;
	char mb[10], ob[CLI_OWNER_LEN];
	uint64_t n = o->u.sem.nsems;
	int err;

	/* they need read permission, which *_STAT_ANY did not */
	if ((v = calloc(n ? n : 1, sizeof(*v))) != NULL &&
	    ipck_sem_values(o->id, n, v) == 0)
		return v;
	err = errno;
	free(v);
	fflush(stdout);
	cli_err("%s: cannot read the values: %s (semaphore set, mode %s, owner "
	    "%s)", arg, ipck_strerror(err, IPCK_BY_ID), cli_mode(o->mode, mb),
	    cli_owner(o->uid, ob, sizeof(ob)));
	return NULL;
}

static const struct layout *
choose(const struct ipcs *q, const struct args *a)
{
	if (q->fmt == F_LIMITS || q->fmt == F_STATUS)
		return a->json ? &ipcs_info_json : &ipcs_info;
	if (a->json)
		return &ipcs_json;
	return a->xsi ? &ipcs_xsi : &ipcs_ul;
}

/* -i: the object, or the one line that says why not. */
static int
show_one(const struct ipcs *q, const struct layout *l, const struct args *a)
{
	struct cli_target t = { { IPCK_SHM, IPCK_BY_ID, 0, 0, NULL,
	    cli_place() }, a->idarg };
	struct ipck_obj o;
	int k;

	for (k = 0; !a->want[k]; k++)
		continue;
	t.ref.kind = (enum ipck_kind)k;
	t.ref.id = cli_id(a->idarg);
	if (cli_target_stat(&t, &o) < 0)
		return CLI_FAIL;
	return l->one(q, a->idarg, &o);
}

/* A kind's section, and its rows when it has them. */
static int
list(const struct ipcs *q, const struct layout *l, enum ipck_kind kind,
    const struct ipck_filter *f)
{
	struct ipck_obj o;
	ipck_iter *it = NULL;
	enum section s;
	int r = 0;

	if (l->row != NULL)
		it = ipck_open_at(cli_place(), kind, 0);
	if ((s = l->section(q, kind, it != NULL)) == ROWS && it == NULL) {
		cli_cannot_list(kind, errno);
		s = FAILED;
	}
	while (s == ROWS && (r = ipck_next(it, &o)) > 0)
		if (ipck_match(f, &o))
			l->row(q, &o);
	if (r < 0) {
		cli_cannot_list(kind, errno);
		s = FAILED;
	}
	ipck_close(it);
	if (l->end_section != NULL)
		l->end_section(q);
	return s == FAILED ? CLI_FAIL : CLI_OK;
}

/* The kinds asked for (arg: the struct args), of one namespace, in order. */
static int
list_kinds(const struct ipcs *q, const struct layout *l, const void *arg)
{
	const struct args *a = arg;
	/* util-linux's order of the tables, then the POSIX kinds the same way */
	static const enum ipck_kind order[] = { IPCK_MSG, IPCK_SHM, IPCK_SEM,
	    IPCK_PMSG, IPCK_PSHM, IPCK_PSEM };
	size_t i;
	int rc = CLI_OK;

	for (i = 0; i < sizeof(order) / sizeof(order[0]); i++)
		if (a->want[order[i]] && cli_ns_lists(q->ns, order[i]) &&
		    list(q, l, order[i], &a->filt.f) != CLI_OK)
			rc = CLI_FAIL;
	return rc;
}

int
main(int argc, char *argv[])
{
	struct ipcs q = { F_DEFAULT, U_DEFAULT, 0, NULL, NULL };
	struct cli_json out;
	struct args a;
	const struct layout *l;
	ipck_inuse *inuse = NULL;
	int k, rc;

	memset(&a, 0, sizeof(a));
	cli_init("ipcs", ipcs_usage);
	ipcs_parse(argc, argv, &q, &a);
	json_init(&out, stdout);
	q.json = a.json ? &out : NULL;
	if (a.fields)
		return ipcs_json_fields(q.json);
	if (a.metrics)
		return cli_finish(ipcs_metrics(a.allns, a.toparg ? a.top : 10,
		    a.orphans, a.output));
	if (a.events) {
		rc = ipcs_events(&a, q.json);
		cli_filter_free(&a.filt);
		return cli_finish(rc);
	}
	l = choose(&q, &a);
	if (a.idarg != NULL)
		return cli_finish(show_one(&q, l, &a));
	if (a.nwant == 0)
		for (k = 0; k < IPCK_NKINDS; k++)
			a.want[k] = ipck_kind_info((enum ipck_kind)k)->family ==
			    IPCK_SYSV;
	/* whether POSIX shared memory is in use: one walk for every object */
	if ((a.filt.f.what & IPCK_F_UNATTACHED) && a.want[IPCK_PSHM])
		inuse = ipck_inuse_open();
	a.filt.f.inuse = inuse;
	if (!isatty(STDOUT_FILENO))
		setvbuf(stdout, NULL, _IOFBF, 1 << 16);
	if (a.watch)
		rc = ipcs_watch(&q, l, &a, list_kinds);
	else if (a.allns)
		rc = ipcs_all_namespaces(&q, l, list_kinds, &a);
	else {
		l->begin(&q);
		rc = list_kinds(&q, l, &a);
		if (l->end != NULL)
			l->end(&q);
	}
	cli_filter_free(&a.filt);
	ipck_inuse_close(inuse);
	return cli_finish(rc);
}
