/* SPDX-License-Identifier: MIT */
/*
 * The Prometheus text format (0.0.4, what node_exporter's textfile
 * collector reads) of namespaces measured: every family gauges under the
 * prefix ipc_, in base units, with HELP and TYPE, its samples together.
 * Label values are escaped as the format asks (\\, \", \n), after text
 * from the system was made printable UTF-8 (cli_escape), so no name or
 * container id can break the file.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "ipcs.h"
#include "metrics.h"

enum fam {
	OBJECTS, OBJECTS_LIMIT, BYTES, BYTES_LIMIT, RESIDENT, SWAPPED,
	ALLOCATED, MESSAGES, SEMAPHORES, SEMAPHORES_LIMIT, WAITERS, OLDEST,
	ORPHANS, ORPHAN_BYTES, UNREADABLE, SCRAPE_ERROR, NFAMS
};

static const struct {
	const char	*name;
	const char	*help;
} fams[NFAMS] = {
	[OBJECTS] = { "ipc_objects", "IPC objects that exist, by kind." },
	[OBJECTS_LIMIT] = { "ipc_objects_limit", "The most objects of a kind "
	    "(shmmni, msgmni, semmni, mqueue queues_max; /dev/shm's inodes)." },
	[BYTES] = { "ipc_bytes", "Bytes held: segment and POSIX object sizes, "
	    "bytes queued." },
	[BYTES_LIMIT] = { "ipc_bytes_limit", "The most bytes: shmall in bytes; "
	    "the size of the /dev/shm tmpfs." },
	[RESIDENT] = { "ipc_resident_bytes", "Bytes of shared memory segments "
	    "resident in memory." },
	[SWAPPED] = { "ipc_swapped_bytes", "Bytes of shared memory segments "
	    "swapped out." },
	[ALLOCATED] = { "ipc_allocated_bytes", "Bytes the pages of POSIX "
	    "shared memory objects take." },
	[MESSAGES] = { "ipc_messages", "Messages queued." },
	[SEMAPHORES] = { "ipc_semaphores", "Semaphores in all sets." },
	[SEMAPHORES_LIMIT] = { "ipc_semaphores_limit", "The most semaphores "
	    "of all sets (semmns)." },
	[WAITERS] = { "ipc_semaphore_waiters", "Processes waiting on "
	    "semaphores of sets that could be read (semncnt + semzcnt)." },
	[OLDEST] = { "ipc_oldest_change_age_seconds", "Seconds since the "
	    "earliest last change (ctime) of an object of the kind." },
	[ORPHANS] = { "ipc_orphaned_objects", "Segments with no attach whose "
	    "creator and last user are gone; with --orphans, POSIX shared "
	    "memory no process maps or holds open." },
	[ORPHAN_BYTES] = { "ipc_orphaned_bytes", "Bytes of those segments." },
	[UNREADABLE] = { "ipc_unreadable_objects", "Objects this scrape could "
	    "not read (semaphore sets, queues): not counted in waiters and "
	    "queued figures." },
	[SCRAPE_ERROR] = { "ipc_scrape_error", "1: the kind could not be "
	    "listed, for reason." },
};

/* A label value, escaped for the format (text already printable UTF-8). */
static void
value(FILE *f, const char *s)
{
	for (; *s != '\0'; s++)
		if (*s == '\\' || *s == '"')
			fprintf(f, "\\%c", *s);
		else if (*s == '\n')
			fputs("\\n", f);
		else
			putc(*s, f);
}

/* Text from the system as a label value: printable UTF-8, then escaped. */
static void
text(FILE *f, const char *s)
{
	char buf[4 * 257 + 8];

	value(f, cli_escape(s, buf, sizeof(buf), CLI_ESC_BACKSLASH));
}

/*
 * The labels of a namespace's series: kind, then with --all-namespaces the
 * namespace and its container, or for files of a /dev/shm that /dev/shm;
 * then up to two more labels (xname, yname; NULL for none) and their text.
 */
static void
labels(FILE *f, const struct ipcs_nsm *m, enum ipck_kind kind, int allns,
    const char *xname, const char *xtext, const char *yname, const char *ytext)
{
	fprintf(f, "{kind=\"%s\"", ipck_kind_name(kind));
	if (allns && (kind == IPCK_PSHM || kind == IPCK_PSEM) && m->shm_known)
		fprintf(f, ",dev_shm=\"%ju:%ju\"", (uintmax_t)m->shm_dev,
		    (uintmax_t)m->shm_ino);
	else if (allns) {
		fprintf(f, ",namespace=\"%s\"", m->nslabel);
		if (m->engine[0] != '\0') {
			fputs(",container_engine=\"", f);
			text(f, m->engine);
			fputs("\",container_id=\"", f);
			text(f, m->container);
			putc('"', f);
		}
	}
	if (xname != NULL) {
		fprintf(f, ",%s=\"", xname);
		text(f, xtext);
		putc('"', f);
	}
	if (yname != NULL) {
		fprintf(f, ",%s=\"", yname);
		text(f, ytext);
		putc('"', f);
	}
	putc('}', f);
}

/* Whether namespace m writes kind's series (a shared /dev/shm: its first). */
static int
writes(const struct ipcs_nsm *m, enum ipck_kind kind, int allns)
{
	if (m->entered_err != 0)
		return 0;
	if (allns && (kind == IPCK_PSHM || kind == IPCK_PSEM))
		return m->shm_known && m->shm_first;
	return 1;
}

/* The figure of family fam for kind in m: 1 with *v, or 0 for none. */
static int
figure(enum fam fam, const struct ipcs_nsm *m, enum ipck_kind k, double *v)
{
	const struct ipcs_kindm *km = &m->k[k];
	uint64_t page = (uint64_t)sysconf(_SC_PAGESIZE);
	int posix = ipck_kind_info(k)->family == IPCK_POSIX;

	if (fam == SCRAPE_ERROR)
		return 0;	/* written with its reason, below */
	if (km->err != 0 && fam != OBJECTS_LIMIT && fam != BYTES_LIMIT &&
	    fam != SEMAPHORES_LIMIT)
		return 0;
	switch (fam) {
	case OBJECTS:
		*v = (double)km->objects;
		return 1;
	case OBJECTS_LIMIT:
		if (!posix && !m->have_lim)
			return 0;
		*v = (double)(k == IPCK_SHM ? m->lim.shmmni : k == IPCK_MSG ?
		    m->lim.msgmni : k == IPCK_SEM ? m->lim.semmni : k ==
		    IPCK_PMSG ? m->plim.queues_max : m->plim.shm_inodes);
		return !posix ? 1 : k == IPCK_PMSG ? m->have_qmax :
		    m->have_tmpfs;
	case BYTES:
		*v = (double)km->bytes;
		return k != IPCK_SEM && k != IPCK_PSEM;
	case BYTES_LIMIT:
		*v = k == IPCK_SHM ? (double)m->lim.shmall * (double)page :
		    (double)m->plim.shm_size;
		return (k == IPCK_SHM && m->have_lim) || (k == IPCK_PSHM &&
		    m->have_tmpfs);
	case RESIDENT:
	case SWAPPED:
		*v = (double)(fam == RESIDENT ? km->resident : km->swapped) *
		    (double)page;
		return k == IPCK_SHM && m->have_pages;
	case ALLOCATED:
		*v = (double)km->allocated;
		return k == IPCK_PSHM;
	case MESSAGES:
		*v = (double)km->messages;
		return k == IPCK_MSG || k == IPCK_PMSG;
	case SEMAPHORES:
		*v = (double)km->semaphores;
		return k == IPCK_SEM;
	case SEMAPHORES_LIMIT:
		*v = (double)m->lim.semmns;
		return k == IPCK_SEM && m->have_lim;
	case WAITERS:
		*v = (double)km->waiters;
		return k == IPCK_SEM;
	case OLDEST:
		*v = (double)(m->now - km->oldest);
		return km->oldest != 0;
	case ORPHANS:
	case ORPHAN_BYTES:
		*v = (double)(fam == ORPHANS ? km->orphans : km->orphan_bytes);
		return km->orphans_known;
	case UNREADABLE:
		*v = (double)km->unreadable;
		return k == IPCK_SEM || k == IPCK_PMSG;
	default:
		return 0;
	}
}

/* A sample's value: a whole number as one (most are), else as a float. */
static void
number(FILE *f, double v)
{
	if (v >= 0 && v < 9007199254740992.0 && v == (double)(uint64_t)v)
		fprintf(f, " %" PRIu64 "\n", (uint64_t)v);
	else
		fprintf(f, " %.17g\n", v);
}

static void
head(FILE *f, const char *name, const char *help)
{
	fprintf(f, "# HELP %s %s\n# TYPE %s gauge\n", name, help, name);
}

static void
family(FILE *f, enum fam fam, const struct ipcs_nsm *m, size_t n, int allns)
{
	size_t i;
	double v;
	int k;

	head(f, fams[fam].name, fams[fam].help);
	for (i = 0; i < n; i++)
		for (k = 0; k < IPCK_NKINDS; k++) {
			if (fam == SCRAPE_ERROR) {
				/* a kind of a namespace entered, not read: say so,
				   also where no /dev/shm is known to label it by */
				if (m[i].entered_err == 0 &&
				    m[i].k[k].reason != NULL &&
				    (!m[i].shm_known || writes(&m[i],
				    (enum ipck_kind)k, allns))) {
					fputs(fams[fam].name, f);
					labels(f, &m[i], (enum ipck_kind)k, allns,
					    "reason", m[i].k[k].reason, NULL, NULL);
					fputs(" 1\n", f);
				}
				continue;
			}
			if (!writes(&m[i], (enum ipck_kind)k, allns) ||
			    !figure(fam, &m[i], (enum ipck_kind)k, &v))
				continue;
			fputs(fams[fam].name, f);
			labels(f, &m[i], (enum ipck_kind)k, allns, NULL, NULL,
			    NULL, NULL);
			number(f, v);
		}
}

/* A namespace --all-namespaces could not enter: one series says so. */
static void
not_entered(FILE *f, const struct ipcs_nsm *m, size_t n)
{
	size_t i;

	head(f, "ipc_namespace_scrape_error", "1: the IPC namespace could not "
	    "be entered, for reason.");
	for (i = 0; i < n; i++)
		if (m[i].entered_err != 0) {
			fprintf(f, "ipc_namespace_scrape_error{namespace=\"%s\","
			    "reason=\"%s\"} 1\n", m[i].nslabel, m[i].entered_err ==
			    EPERM || m[i].entered_err == EACCES ? "permission" :
			    "error");
		}
}

/* The fullest queues: messages, bytes, and the limit of each. */
static void
queues(FILE *f, const struct ipcs_nsm *m, size_t n, int allns)
{
	static const char *const name[4] = { "ipc_queue_messages",
	    "ipc_queue_bytes", "ipc_queue_bytes_limit",
	    "ipc_queue_messages_limit" };
	static const char *const help[4] = {
	    "Messages in the queue (the fullest queues only: --top).",
	    "Bytes in the queue (the fullest queues only).",
	    "A System V queue's byte limit (msg_qbytes).",
	    "A POSIX queue's message limit (mq_maxmsg)." };
	const struct ipcs_queue *q;
	char id[16], key[16];
	size_t i, j;
	int fam;
	uint64_t v;

	for (fam = 0; fam < 4; fam++) {
		head(f, name[fam], help[fam]);
		for (i = 0; i < n; i++)
			for (j = 0; j < m[i].nqueues; j++) {
				q = &m[i].queues[j];
				if (fam >= 2 && (!q->limit_known || (fam == 2) !=
				    (q->kind == IPCK_MSG)))
					continue;
				v = fam == 0 ? q->messages : fam == 1 ? q->bytes :
				    q->limit;
				fputs(name[fam], f);
				if (q->kind == IPCK_MSG) {
					snprintf(id, sizeof(id), "%d", q->id);
					snprintf(key, sizeof(key), "0x%08x",
					    (unsigned int)q->key);
					labels(f, &m[i], q->kind, allns, "id", id,
					    "key", key);
				} else
					labels(f, &m[i], q->kind, allns, "name",
					    q->name, NULL, NULL);
				fprintf(f, " %" PRIu64 "\n", v);
			}
	}
}

/* The sets most waited on: how many processes wait on each. */
static void
waited(FILE *f, const struct ipcs_nsm *m, size_t n, int allns)
{
	char id[16], key[16];
	size_t i, j;

	head(f, "ipc_semaphore_set_waiters", "Processes waiting on the set "
	    "(the most waited on only: --top).");
	for (i = 0; i < n; i++)
		for (j = 0; j < m[i].nwaited; j++) {
			snprintf(id, sizeof(id), "%d", m[i].waited[j].id);
			snprintf(key, sizeof(key), "0x%08x",
			    (unsigned int)m[i].waited[j].key);
			fputs("ipc_semaphore_set_waiters", f);
			labels(f, &m[i], IPCK_SEM, allns, "id", id, "key", key);
			fprintf(f, " %" PRIu64 "\n", m[i].waited[j].waiters);
		}
}

void
ipcs_metrics_write(FILE *f, const struct ipcs_nsm *m, size_t n, int allns)
{
	int fam;

	for (fam = 0; fam < NFAMS; fam++)
		family(f, (enum fam)fam, m, n, allns);
	queues(f, m, n, allns);
	waited(f, m, n, allns);
	if (allns)
		not_entered(f, m, n);
}
