/* SPDX-License-Identifier: MIT */
/*
 * ipcs --all-namespaces: every IPC namespace on the machine, each once,
 * entered in turn in this process (no fork, no exec), its objects in the
 * layout chosen; with -u one line per namespace, biggest first, and a
 * total.  A namespace that cannot be entered is listed with the reason.
 * POSIX shared memory and semaphores live in a mount namespace's
 * /dev/shm, which several IPC namespaces may share (unshare --ipc,
 * systemd's PrivateIPC=): -u marks the rows that share one and counts it
 * once in the total; a namespace no process is in has none known.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ipcs.h"
#include "json.h"

/* What one namespace holds, for -u: its description copied, it is gone after. */
struct tally {
	struct cli_ns		 ns;
	struct ipck_nsinfo	 info;
	uint64_t		 n[IPCK_NKINDS];	/* objects */
	uint64_t		 bytes[IPCK_NKINDS];	/* shm, msg, pshm, pmsg */
	int			 failed;		/* errno, 0 */
	int			 shm_known;	/* its /dev/shm, and so pshm and psem */
	dev_t			 shm_dev;	/* which /dev/shm that is */
	ino_t			 shm_ino;
	int			 shared;	/* another row has the same one */
	int			 counted;	/* the total has that one already */
};

struct walk {
	struct ipcs		 *q;
	const struct layout	 *l;
	int			(*list)(const struct ipcs *q,
				    const struct layout *l, const void *arg);
	const void		 *arg;		/* list's */
	struct tally		 *t;
	size_t			  n;
};

/* What one namespace holds, counted by walking each kind. */
static void
count(struct tally *t)
{
	struct ipck_obj o;
	struct stat st;
	ipck_iter *it;
	int k;

	if (cli_ns_lists(&t->ns, IPCK_PSHM) && ipck_place_stat(cli_place(), &st) == 0) {
		t->shm_known = 1;
		t->shm_dev = st.st_dev;
		t->shm_ino = st.st_ino;
	}
	for (k = 0; k < IPCK_NKINDS; k++) {
		if (!cli_ns_lists(&t->ns, (enum ipck_kind)k))
			continue;
		if ((it = ipck_open_at(cli_place(), (enum ipck_kind)k, 0)) == NULL)
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
			json_begin(q->json, NULL, '{');
			cli_json_ns(q->json, ns, err);
			json_end(q->json, '}');
		}
		return CLI_FAIL;
	}
	q->ns = ns;
	rc = w->list(q, w->l, w->arg);
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

/*
 * A /dev/shm figure: "-" when no /dev/shm is known, marked "*" when the
 * row shares its /dev/shm with another.
 */
static const char *
shm_fig(const char *fig, int how, char *buf, size_t len)
{
	if (how < 0)
		return "-";
	snprintf(buf, len, "%s%s", fig, how > 0 ? "*" : "");
	return buf;
}

/* how: -1 no /dev/shm known, 1 one shared with another row, 0 its own */
static void
summary_line(const struct ipcs *q, const char *ns, const char *procs,
    const char *who, const char *container, const uint64_t *n,
    const uint64_t *bytes, int how)
{
	char b[4][32], f[3][40], c[2][24];

	snprintf(c[0], sizeof(c[0]), "%" PRIu64, n[IPCK_PSHM]);
	snprintf(c[1], sizeof(c[1]), "%" PRIu64, n[IPCK_PSEM]);
	printf("%-12s %6s %-22s %-20s %5" PRIu64 " %10s %5" PRIu64 " %10s %5"
	    PRIu64 " %5s %10s %5" PRIu64 " %10s %5s\n", ns, procs, who,
	    container, n[IPCK_SHM], size_str(q, bytes[IPCK_SHM], b[0],
	    sizeof(b[0])), n[IPCK_MSG], size_str(q, bytes[IPCK_MSG], b[1],
	    sizeof(b[1])), n[IPCK_SEM], shm_fig(c[0], how, f[0], sizeof(f[0])),
	    shm_fig(size_str(q, bytes[IPCK_PSHM], b[2], sizeof(b[2])), how, f[1],
	    sizeof(f[1])), n[IPCK_PMSG], size_str(q, bytes[IPCK_PMSG], b[3],
	    sizeof(b[3])), shm_fig(c[1], how, f[2], sizeof(f[2])));
}

/* Which rows share a /dev/shm, and the first of each that the total counts. */
static void
share(struct tally *t, size_t n)
{
	size_t i, k;

	for (i = 0; i < n; i++) {
		t[i].counted = t[i].shm_known;
		for (k = 0; k < n; k++)
			if (k != i && t[i].shm_known && t[k].shm_known &&
			    t[k].shm_dev == t[i].shm_dev &&
			    t[k].shm_ino == t[i].shm_ino) {
				t[i].shared = 1;
				if (k < i)
					t[i].counted = 0;
			}
	}
}

static void
summary_json(const struct ipcs *q, const struct tally *t)
{
	static const char *const key[IPCK_NKINDS] = {
		[IPCK_SHM] = "shm", [IPCK_MSG] = "msg", [IPCK_SEM] = "sem",
		[IPCK_PSHM] = "pshm", [IPCK_PMSG] = "pmsg", [IPCK_PSEM] = "psem",
	};
	int k;

	char db[64];

	json_begin(q->json, NULL, '{');
	cli_json_ns(q->json, &t->ns, t->failed);
	if (!t->failed) {
		/* pshm and psem: null when no /dev/shm is known */
		for (k = 0; k < IPCK_NKINDS; k++)
			if (t->shm_known || (k != IPCK_PSHM && k != IPCK_PSEM))
				json_uint(q->json, key[k], t->n[k]);
			else
				json_str(q->json, key[k], NULL);
		json_uint(q->json, "shm_bytes", t->bytes[IPCK_SHM]);
		json_uint(q->json, "msg_bytes", t->bytes[IPCK_MSG]);
		if (t->shm_known)
			json_uint(q->json, "pshm_bytes", t->bytes[IPCK_PSHM]);
		else
			json_str(q->json, "pshm_bytes", NULL);
		json_uint(q->json, "pmsg_bytes", t->bytes[IPCK_PMSG]);
		/* which /dev/shm: rows with the same one count it once */
		snprintf(db, sizeof(db), "%ju:%ju", (uintmax_t)t->shm_dev,
		    (uintmax_t)t->shm_ino);
		json_str(q->json, "dev_shm", t->shm_known ? db : NULL);
		json_bool(q->json, "dev_shm_shared", t->shared);
	}
	json_end(q->json, '}');
}

/* -u: one line per namespace, the biggest first, then the total. */
static int
summary(const struct ipcs *q, struct tally *t, size_t n)
{
	uint64_t tn[IPCK_NKINDS] = { 0 }, tb[IPCK_NKINDS] = { 0 };
	char ns[24], procs[16], who[16 * 4 + 24], cb[16 * 4 + 8], kb[300];
	size_t i, shared = 0;
	int k, rc = CLI_OK;

	if (n > 1)
		qsort(t, n, sizeof(*t), biggest_first);
	/* each copy's description is its own, wherever growing and sorting moved it */
	for (i = 0; i < n; i++)
		t[i].ns.info = &t[i].info;
	share(t, n);
	if (q->json)
		json_begin(q->json, NULL, '[');
	else
		printf("%-12s %6s %-22s %-20s %5s %10s %5s %10s %5s %5s %10s %5s "
		    "%10s %5s\n", "namespace", "procs", "first pid", "container",
		    "shm", "shm-bytes", "msg", "msg-bytes", "sem", "pshm",
		    "pshm-bytes", "pmsg", "pmsg-bytes", "psem");
	for (i = 0; i < n; i++) {
		if (q->json) {
			summary_json(q, &t[i]);
			continue;
		}
		for (k = 0; k < IPCK_NKINDS; k++)
			if (t[i].counted || (k != IPCK_PSHM && k != IPCK_PSEM)) {
				tn[k] += t[i].n[k];
				tb[k] += t[i].bytes[k];
			}
		shared += (size_t)t[i].shared;
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
			    kb, sizeof(kb)), t[i].n, t[i].bytes, !t[i].shm_known ?
			    -1 : t[i].shared);
	}
	if (q->json)
		json_end(q->json, ']');
	else {
		snprintf(who, sizeof(who), "%zu namespace%s", n, n == 1 ? "" :
		    "s");
		summary_line(q, "total", "", who, "", tn, tb, 0);
		if (shared > 0)
			printf("*: a /dev/shm these namespaces share (one mount "
			    "namespace): counted once in the total\n");
	}
	for (i = 0; i < n; i++)
		if (!t[i].failed && !t[i].shm_known) {
			cli_err("IPC namespace %ju: no process is in it, so no "
			    "/dev/shm is known: its POSIX shared memory and "
			    "semaphores are not counted", (uintmax_t)t[i].info.ino);
			rc = CLI_FAIL;
		}
	return rc;
}

int
ipcs_all_namespaces(struct ipcs *q, const struct layout *l,
    int (*list)(const struct ipcs *q, const struct layout *l, const void *arg),
    const void *arg)
{
	struct walk w = { q, l, list, arg, NULL, 0 };
	int rc;

	if (q->fmt != F_STATUS)
		l->begin(q);
	rc = cli_each_ns(one, &w);
	/* -u's summary is a listing of its own: the layout neither began nor ends it */
	if (q->fmt == F_STATUS) {
		if (summary(q, w.t, w.n) != CLI_OK)
			rc = CLI_FAIL;
	} else if (l->end != NULL)
		l->end(q);
	free(w.t);
	return rc;
}
