/* SPDX-License-Identifier: MIT */
/* -l and -u: the limits in force and what is in use, as util-linux words them, or as JSON. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "ipcs.h"
#include "json.h"

/* util-linux's words for a kind the kernel lacks (-u) */
static const char *const plural[IPCK_NKINDS] = {
	[IPCK_SHM] = "shared memory", [IPCK_MSG] = "message queues",
	[IPCK_SEM] = "semaphores",
};

/* The limits, read once for all the kinds a listing shows; NULL after a message. */
static const struct ipck_limits *
limits(void)
{
	static struct ipck_limits lim;
	static int have;

	if (!have && ipck_limits(&lim) < 0) {
		cli_err("cannot read the limits: %s", strerror(errno));
		return NULL;
	}
	have = 1;
	return &lim;
}

static int
json_limits(const struct ipcs *q, enum ipck_kind kind)
{
	const struct ipck_limits *lp = limits();

	if (lp == NULL)
		return CLI_FAIL;
	json_figures(q->json, IPCK_FIELDS_LIMITS, kind, lp);
	return CLI_OK;
}

static int
json_status(const struct ipcs *q, enum ipck_kind kind)
{
	struct ipck_usage use;

	if (ipck_usage_at(cli_place(), kind, &use) < 0) {
		cli_err("cannot read what %s uses: %s", ipck_kind_noun(kind),
		    strerror(errno));
		return CLI_FAIL;
	}
	json_figures(q->json, IPCK_FIELDS_USAGE, kind, &use);
	return CLI_OK;
}

static int
print_limits(enum ipck_kind kind, enum unit unit)
{
	const struct ipck_limits *lp = limits();
	uint64_t pgsz = (uint64_t)sysconf(_SC_PAGESIZE), tmp, per;

	if (lp == NULL)
		return CLI_FAIL;
	switch (kind) {
	case IPCK_MSG:
		printf("------ Messages Limits --------\n");
		printf("max queues system wide = %" PRIu64 "\n", lp->msgmni);
		ipcs_size(unit == U_DEFAULT ? U_BYTES : unit,
		    "max size of message", lp->msgmax, "\n", 0);
		ipcs_size(unit == U_DEFAULT ? U_BYTES : unit,
		    "default max size of queue", lp->msgmnb, "\n", 0);
		break;
	case IPCK_SHM:
		printf("------ Shared Memory Limits --------\n");
		printf("max number of segments = %" PRIu64 "\n", lp->shmmni);
		ipcs_size(unit == U_DEFAULT ? U_KB : unit, "max seg size",
		    lp->shmmax, "\n", 0);
		/* shmall is pages: clamp the product where it overflows, as util-linux */
		per = unit == U_DEFAULT ? pgsz / 1024 : pgsz;
		tmp = lp->shmall * per;
		if (lp->shmall != 0 && tmp / lp->shmall != per)
			tmp = UINT64_MAX - (UINT64_MAX % per);
		if (unit == U_DEFAULT)
			ipcs_size(U_DEFAULT, "max total shared memory (kbytes)",
			    tmp, "\n", 0);
		else
			ipcs_size(unit, "max total shared memory", tmp, "\n", 0);
		ipcs_size(unit == U_DEFAULT ? U_BYTES : unit, "min seg size",
		    lp->shmmin, "\n", 0);
		break;
	case IPCK_SEM:
		printf("------ Semaphore Limits --------\n");
		printf("max number of arrays = %" PRIu64 "\n", lp->semmni);
		printf("max semaphores per array = %" PRIu64 "\n", lp->semmsl);
		printf("max semaphores system wide = %" PRIu64 "\n", lp->semmns);
		printf("max ops per semop call = %" PRIu64 "\n", lp->semopm);
		printf("semaphore max value = %" PRIu64 "\n", lp->semvmx);
		break;
	default:
		break;
	}
	return CLI_OK;
}

static int
print_status(enum ipck_kind kind, enum unit unit)
{
	struct ipck_usage use;

	if (ipck_usage_at(cli_place(), kind, &use) < 0) {
		printf("kernel not configured for %s\n", plural[kind]);
		return CLI_OK;
	}
	switch (kind) {
	case IPCK_MSG:
		printf("------ Messages Status --------\n");
		printf("allocated queues = %" PRIu64 "\n", use.ids);
		printf("used headers = %" PRIu64 "\n", use.msg_headers);
		ipcs_size(unit, "used space", use.msg_bytes,
		    unit == U_DEFAULT ? " bytes\n" : "\n", 0);
		break;
	case IPCK_SHM:
		printf("------ Shared Memory Status --------\n");
		printf("segments allocated %" PRIu64 "\n"
		    "pages allocated %" PRIu64 "\n"
		    "pages resident  %" PRIu64 "\n"
		    "pages swapped   %" PRIu64 "\n"
		    "Swap performance: %" PRIu64 " attempts\t %" PRIu64
		    " successes\n", use.ids, use.shm_pages, use.shm_rss,
		    use.shm_swap, use.shm_swap_attempts, use.shm_swap_successes);
		break;
	case IPCK_SEM:
		printf("------ Semaphore Status --------\n");
		printf("used arrays = %" PRIu64 "\n", use.ids);
		printf("allocated semaphores = %" PRIu64 "\n", use.sem_sems);
		break;
	default:
		break;
	}
	return CLI_OK;
}

/* The kinds these show: the System V ones (the POSIX kinds' are to come). */
static int
shown(enum ipck_kind kind)
{
	return (unsigned int)kind < IPCK_NKINDS && plural[kind] != NULL;
}

static void
text_begin(const struct ipcs *q)
{
	(void)q;
	printf("\n");
}

static enum section
text_section(const struct ipcs *q, enum ipck_kind kind, int listable)
{
	(void)listable;
	if ((unsigned int)kind < IPCK_NKINDS &&
	    ipck_kind_info(kind)->family == IPCK_POSIX)
		return ipcs_pinfo_text(q, kind) == CLI_OK ? NO_ROWS : FAILED;
	if (!shown(kind))
		return NO_ROWS;
	if ((q->fmt == F_LIMITS ? print_limits(kind, q->unit) :
	    print_status(kind, q->unit)) != CLI_OK)
		return FAILED;
	return NO_ROWS;
}

static void
text_end_section(const struct ipcs *q)
{
	(void)q;
	printf("\n");
}

static void
json_open(const struct ipcs *q)
{
	(void)q;
	json_begin(q->json, NULL, '{');
}

static enum section
json_section(const struct ipcs *q, enum ipck_kind kind, int listable)
{
	(void)listable;
	if ((unsigned int)kind < IPCK_NKINDS &&
	    ipck_kind_info(kind)->family == IPCK_POSIX)
		return ipcs_pinfo_json(q, kind) == CLI_OK ? NO_ROWS : FAILED;
	if (!shown(kind))
		return NO_ROWS;
	if ((q->fmt == F_LIMITS ? json_limits(q, kind) : json_status(q, kind)) !=
	    CLI_OK)
		return FAILED;
	return NO_ROWS;
}

static void
json_close(const struct ipcs *q)
{
	(void)q;
	json_end(q->json, '}');
}

const struct layout ipcs_info = {
	text_begin, text_section, NULL, text_end_section, NULL, NULL,
};

const struct layout ipcs_info_json = {
	json_open, json_section, NULL, NULL, json_close, NULL,
};
