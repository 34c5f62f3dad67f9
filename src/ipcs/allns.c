/* SPDX-License-Identifier: MIT */
/*
 * ipcs --all-namespaces: every IPC namespace on the machine, each once,
 * entered in turn in this process (no fork, no exec), its objects in the
 * layout chosen; with -u one line per namespace, biggest first, and a
 * total.  A namespace that cannot be entered is listed with the reason.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ipcs.h"

/* What one namespace holds, for -u: its description copied, it is gone after. */
struct tally {
	struct cli_ns		 ns;
	struct ipck_nsinfo	 info;
	uint64_t		 n[IPCK_NKINDS];	/* objects */
	uint64_t		 bytes[IPCK_NKINDS];	/* shm, msg, pshm, pmsg */
	int			 failed;		/* errno, 0 */
};

struct walk {
	struct ipcs		 *q;
	const struct layout	 *l;
	int			(*list)(const struct ipcs *q,
				    const struct layout *l);
	struct tally		 *t;
	size_t			  n;
};

/* What one namespace holds, counted by walking each kind. */
static void
count(struct tally *t)
{
	struct ipck_obj o;
	ipck_iter *it;
	int k;

	for (k = 0; k < IPCK_NKINDS; k++) {
		if (!cli_ns_lists(&t->ns, (enum ipck_kind)k))
			continue;
		if ((it = ipck_open((enum ipck_kind)k, 0)) == NULL)
			continue;
		while (ipck_next(it, &o) > 0) {
			t->n[k]++;
			if (k == IPCK_SHM)
				t->bytes[k] += o.u.shm.size;
			else if (k == IPCK_MSG)
				t->bytes[k] += o.u.msg.cbytes;
			else if (k == IPCK_PSHM)
				t->bytes[k] += o.u.pshm.size;
			else if (k == IPCK_PMSG && (o.have & IPCK_HAVE_QUEUE))
				t->bytes[k] += o.u.pmsg.qsize;
		}
		ipck_close(it);
	}
}

/* One namespace: its line and tables, its JSON rows, or its tally. */
static int
one(const struct cli_ns *ns, int err, void *arg)
{
	struct walk *w = arg;
	struct ipcs *q = w->q;
	struct tally *t;
	int rc;

	if (q->fmt == F_STATUS) {
		w->t = cli_grow(w->t, w->n, sizeof(*w->t));
		t = &w->t[w->n++];
		memset(t, 0, sizeof(*t));
		t->ns = *ns;
		t->info = *ns->info;
		t->info.bound = NULL;	/* freed with the walk: not shown */
		t->ns.info = &t->info;	/* again after the array moves */
		t->failed = err;
		if (err == 0)
			count(t);
		return CLI_OK;
	}
	if (!q->json)
		cli_ns_header(ns);
	if (err != 0) {
		if (q->json) {
			json_begin(NULL, '{');
			cli_json_ns(ns, err);
			json_end('}');
		}
		return CLI_FAIL;
	}
	q->ns = ns;
	rc = w->list(q, w->l);
	q->ns = NULL;
	return rc;
}

static uint64_t
total_bytes(const struct tally *t)
{
	return t->bytes[IPCK_SHM] + t->bytes[IPCK_MSG] + t->bytes[IPCK_PSHM] +
	    t->bytes[IPCK_PMSG];
}

static int
biggest_first(const void *a, const void *b)
{
	const struct tally *x = a, *y = b;
	uint64_t bx = total_bytes(x), by = total_bytes(y);

	if (bx != by)
		return bx > by ? -1 : 1;
	return x->info.ino < y->info.ino ? -1 : x->info.ino > y->info.ino;
}

static const char *
size_str(const struct ipcs *q, uint64_t n, char *buf, size_t len)
{
	if (q->unit == U_HUMAN)
		return ipcs_human(n, buf, len);
	snprintf(buf, len, "%" PRIu64, n);
	return buf;
}

static void
summary_line(const struct ipcs *q, const char *ns, const char *procs,
    const char *who, const char *container, const uint64_t *n,
    const uint64_t *bytes)
{
	char b[4][32];

	printf("%-12s %6s %-22s %-20s %5" PRIu64 " %10s %5" PRIu64 " %10s %5"
	    PRIu64 " %5" PRIu64 " %10s %5" PRIu64 " %10s %5" PRIu64 "\n", ns,
	    procs, who, container, n[IPCK_SHM], size_str(q, bytes[IPCK_SHM],
	    b[0], sizeof(b[0])), n[IPCK_MSG], size_str(q, bytes[IPCK_MSG], b[1],
	    sizeof(b[1])), n[IPCK_SEM], n[IPCK_PSHM], size_str(q,
	    bytes[IPCK_PSHM], b[2], sizeof(b[2])), n[IPCK_PMSG], size_str(q,
	    bytes[IPCK_PMSG], b[3], sizeof(b[3])), n[IPCK_PSEM]);
}

static void
summary_json(const struct tally *t)
{
	static const char *const key[IPCK_NKINDS] = {
		[IPCK_SHM] = "shm", [IPCK_MSG] = "msg", [IPCK_SEM] = "sem",
		[IPCK_PSHM] = "pshm", [IPCK_PMSG] = "pmsg", [IPCK_PSEM] = "psem",
	};
	int k;

	json_begin(NULL, '{');
	cli_json_ns(&t->ns, t->failed);
	if (!t->failed) {
		for (k = 0; k < IPCK_NKINDS; k++)
			json_uint(key[k], t->n[k]);
		json_uint("shm_bytes", t->bytes[IPCK_SHM]);
		json_uint("msg_bytes", t->bytes[IPCK_MSG]);
		json_uint("pshm_bytes", t->bytes[IPCK_PSHM]);
		json_uint("pmsg_bytes", t->bytes[IPCK_PMSG]);
	}
	json_end('}');
}

/* -u: one line per namespace, the biggest first, then the total. */
static void
summary(const struct ipcs *q, struct tally *t, size_t n)
{
	uint64_t tn[IPCK_NKINDS] = { 0 }, tb[IPCK_NKINDS] = { 0 };
	char ns[24], procs[16], who[16 * 4 + 24], cb[16 * 4 + 8], kb[300];
	size_t i;
	int k;

	if (n > 1)
		qsort(t, n, sizeof(*t), biggest_first);
	/* each copy's description is its own, wherever growing and sorting moved it */
	for (i = 0; i < n; i++)
		t[i].ns.info = &t[i].info;
	if (q->json)
		json_begin(NULL, '[');
	else
		printf("%-12s %6s %-22s %-20s %5s %10s %5s %10s %5s %5s %10s %5s "
		    "%10s %5s\n", "namespace", "procs", "first pid", "container",
		    "shm", "shm-bytes", "msg", "msg-bytes", "sem", "pshm",
		    "pshm-bytes", "pmsg", "pmsg-bytes", "psem");
	for (i = 0; i < n; i++) {
		if (q->json) {
			summary_json(&t[i]);
			continue;
		}
		for (k = 0; k < IPCK_NKINDS; k++) {
			tn[k] += t[i].n[k];
			tb[k] += t[i].bytes[k];
		}
		snprintf(ns, sizeof(ns), "%ju", (uintmax_t)t[i].info.ino);
		snprintf(procs, sizeof(procs), "%u", t[i].info.nprocs);
		if (t[i].info.pid > 0)
			snprintf(who, sizeof(who), "%d %s", (int)t[i].info.pid,
			    cli_escape(t[i].info.comm, cb, sizeof(cb), 0));
		else
			snprintf(who, sizeof(who), "-");
		if (t[i].failed)
			printf("%-12s %6s %-22s %-20s (cannot enter it: %s)\n", ns,
			    procs, who, cli_ns_container(&t[i].ns, kb,
			    sizeof(kb)), strerror(t[i].failed));
		else
			summary_line(q, ns, procs, who, cli_ns_container(&t[i].ns,
			    kb, sizeof(kb)), t[i].n, t[i].bytes);
	}
	if (q->json)
		json_end(']');
	else {
		snprintf(who, sizeof(who), "%zu namespace%s", n, n == 1 ? "" :
		    "s");
		summary_line(q, "total", "", who, "", tn, tb);
	}
}

int
ipcs_all_namespaces(struct ipcs *q, const struct layout *l,
    int (*list)(const struct ipcs *q, const struct layout *l))
{
	struct walk w = { q, l, list, NULL, 0 };
	int rc;

	if (q->fmt != F_STATUS)
		l->begin(q);
	rc = cli_each_ns(one, &w);
	if (q->fmt == F_STATUS)
		summary(q, w.t, w.n);
	else if (l->end != NULL)
		l->end(q);
	free(w.t);
	return rc;
}
