/* SPDX-License-Identifier: MIT */
/*
 * -l and -u of the POSIX kinds, in the words of the System V ones: the
 * mqueue limits and the tmpfs behind /dev/shm; what the objects hold,
 * added up by a walk (no counter keeps it).  Text and JSON.
 */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "ipcs.h"
#include "json.h"

/* The limits, read once for all the kinds; NULL after a message. */
static const struct ipck_posix_limits *
limits(void)
{
	static struct ipck_posix_limits lim;
	static int have;

	if (!have && ipck_posix_limits_at(cli_place(), &lim) < 0) {
		cli_err("cannot read the POSIX limits: %s", strerror(errno));
		return NULL;
	}
	have = 1;
	return &lim;
}

/* What a kind uses; NULL after the line that says why not. */
static const struct ipck_usage *
usage_of(enum ipck_kind kind, struct ipck_usage *use)
{
	if (ipck_usage_at(cli_place(), kind, use) == 0)
		return use;
	cli_cannot_list(kind, errno);
	return NULL;
}

/* -u: what each kind holds, added up. */
static int
status_text(const struct ipcs *q, enum ipck_kind kind)
{
	struct ipck_usage use;
	const char *end = q->unit == U_DEFAULT ? " bytes\n" : "\n";

	if (usage_of(kind, &use) == NULL)
		return CLI_FAIL;
	switch (kind) {
	case IPCK_PMSG:
		printf("------ POSIX Message Queues Status --------\n");
		printf("queues = %" PRIu64 "\n", use.ids);
		printf("messages = %" PRIu64 "\n", use.messages);
		ipcs_size(q->unit, "used space", use.bytes, end, 0);
		if (use.unknown > 0)
			printf("queues not readable = %" PRIu64 "\n", use.unknown);
		break;
	case IPCK_PSHM:
		printf("------ POSIX Shared Memory Status --------\n");
		printf("objects = %" PRIu64 "\n", use.ids);
		ipcs_size(q->unit, "used space", use.bytes, end, 0);
		ipcs_size(q->unit, "allocated space", use.allocated, end, 0);
		break;
	case IPCK_PSEM:
		printf("------ POSIX Named Semaphores Status --------\n");
		printf("semaphores = %" PRIu64 "\n", use.ids);
		break;
	default:
		break;
	}
	return CLI_OK;
}

/* -l: the mqueue limits, and the tmpfs behind /dev/shm. */
static int
limits_text(const struct ipcs *q, enum ipck_kind kind)
{
	const struct ipck_posix_limits *lp = limits();
	enum unit u = q->unit == U_DEFAULT ? U_BYTES : q->unit;

	if (lp == NULL)
		return CLI_FAIL;
	switch (kind) {
	case IPCK_PMSG:
		printf("------ POSIX Message Queues Limits --------\n");
		printf("max queues system wide = %" PRIu64 "\n", lp->queues_max);
		printf("max messages per queue = %" PRIu64 "\n", lp->msg_max);
		ipcs_size(u, "max size of message", lp->msgsize_max, "\n", 0);
		printf("default messages per queue = %" PRIu64 "\n",
		    lp->msg_default);
		ipcs_size(u, "default size of message", lp->msgsize_default,
		    "\n", 0);
		break;
	case IPCK_PSHM:
		u = q->unit == U_DEFAULT ? U_KB : q->unit;
		printf("------ POSIX Shared Memory Limits --------\n");
		ipcs_size(u, "size of /dev/shm", lp->shm_size, "\n", 0);
		ipcs_size(u, "free in /dev/shm", lp->shm_free, "\n", 0);
		break;
	case IPCK_PSEM:
		printf("------ POSIX Named Semaphores Limits --------\n");
		printf("semaphore max value = %ld\n", (long)SEM_VALUE_MAX);
		break;
	default:
		break;
	}
	return CLI_OK;
}

int
ipcs_pinfo_text(const struct ipcs *q, enum ipck_kind kind)
{
	return q->fmt == F_STATUS ? status_text(q, kind) : limits_text(q, kind);
}

static int
status_json(const struct ipcs *q, enum ipck_kind kind)
{
	struct ipck_usage use;

	if (usage_of(kind, &use) == NULL)
		return CLI_FAIL;
	json_figures(q->json, IPCK_FIELDS_USAGE, kind, &use);
	return CLI_OK;
}

static int
limits_json(const struct ipcs *q, enum ipck_kind kind)
{
	const struct ipck_posix_limits *lp = limits();

	if (lp == NULL)
		return CLI_FAIL;
	json_figures(q->json, IPCK_FIELDS_LIMITS, kind, lp);
	return CLI_OK;
}

int
ipcs_pinfo_json(const struct ipcs *q, enum ipck_kind kind)
{
	return q->fmt == F_STATUS ? status_json(q, kind) : limits_json(q, kind);
}
