/* SPDX-License-Identifier: MIT */
/* semop's words: values and operations as typed, and the line a failure gets. */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <semaphore.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "semop.h"


/* Everything parse() allocated, before an exit. */
void
semop_done(struct job *j)
{
	free(j->ops);
	free(j->sets);
	free(j->vals);
	cli_targets_free(&j->targets);
	ipck_semset_close(&j->s);
}

/* The highest value a semaphore of this kind may have. */
uint64_t
semop_value_max(struct job *j)
{
	struct ipck_limits lim;

	if (j->o.kind == IPCK_PSEM)
		return (uint64_t)SEM_VALUE_MAX;
	return ipck_limits(&lim) == 0 ? lim.semvmx : 32767;
}

/* "0 1 3": the values now, for a line; "" when they cannot be read. */
const char *
semop_values(struct job *j, char *buf, size_t len)
{
	const struct ipck_semset *s = &j->s;
	uint64_t i;
	size_t k = 0;
	int v[8];

	/* a set of more than 8 is too long for a line */
	buf[0] = '\0';
	if (s->nsems > 8 || (s->kind == IPCK_PSEM && s->psem == NULL) ||
	    ipck_semset_values(&j->s, v) < 0)
		return buf;
	for (i = 0; i < s->nsems && k < len; i++)
		k += (size_t)snprintf(buf + k, len - k, "%s%d", i > 0 ? " " : "",
		    v[i]);
	return buf;
}

/* The operations as typed, joined: "0:-1 1:+1". */
const char *
semop_typed(struct job *j, char *buf, size_t len)
{
	size_t i, k = 0;

	buf[0] = '\0';
	for (i = 0; i < j->nops && k < len; i++)
		k += (size_t)snprintf(buf + k, len - k, "%s%s", i > 0 ? " " : "",
		    j->opargs[i]);
	return buf;
}

/* The line for what failed, and the status; a signal ends semop by it. */
int
semop_failed(struct job *j, int err, int why, unsigned int want)
{
	char wb[4 * NAME_MAX + 64], vb[64];

	fflush(stdout);
	if (why > 0) {
		if (j->verbose)
			cli_err("%s: stopped by signal %d (%s) while waiting: "
			    "nothing changed", j->t->arg, why, strsignal(why));
		semop_done(j);
		cli_wait_die(why);
	}
	switch (err) {
	case EAGAIN:
		semop_values(j, vb, sizeof(vb));
		if (j->timeout_arg != NULL && j->timeout > 0)
			cli_err("%s: %s: not done within %s%s%s%s", j->t->arg,
			    cli_what(&j->o, wb, sizeof(wb)), j->timeout_arg, vb[0] != '\0' ?
			    " (values " : "", vb, vb[0] != '\0' ? ")" : "");
		else
			cli_err("%s: %s: would wait%s%s%s", j->t->arg, cli_what(&j->o, wb,
			    sizeof(wb)), vb[0] != '\0' ? " (values " : "", vb,
			    vb[0] != '\0' ? ")" : "");
		return CLI_FAIL;
	case EINVAL:
		/* a POSIX semaphore's file is read, not looked up by id */
		if (j->o.kind == IPCK_PSEM) {
			cli_err("%s: not a semaphore: its file is too short to hold "
			    "one", j->t->arg);
			return CLI_FAIL;
		}
		/* FALLTHROUGH */
	case ENOENT:	/* a POSIX semaphore's file, replaced meanwhile */
	case EIDRM:
		cli_err("%s: %s was removed%s", j->t->arg, cli_what(&j->o, wb, sizeof(wb)),
		    err == EIDRM ? " while semop waited" : "");
		return CLI_FAIL;
	case EACCES:
		cli_denied(j->t->arg, &j->o, want);
		return CLI_FAIL;
	case ERANGE:
	case EOVERFLOW:
		cli_err("%s: %s: a value would pass the highest, %" PRIu64 " (%s)",
		    j->t->arg, cli_what(&j->o, wb, sizeof(wb)), semop_value_max(j),
		    j->o.kind == IPCK_PSEM ? "SEM_VALUE_MAX" : "semvmx");
		return CLI_FAIL;
	default:
		cli_err("%s: %s: %s", j->t->arg, cli_what(&j->o, wb, sizeof(wb)),
		    strerror(err));
		return CLI_FAIL;
	}
}
