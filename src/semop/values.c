/* SPDX-License-Identifier: MIT */
/* semop -g and --set: a set's values read, or set all at once. */
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
#include "json.h"


/* Every index in range of the set, every value too: before anything is done. */
void
semop_check(struct job *j, int *vals)
{
	struct ipck_limits lim;
	uint64_t max = j->nsets > 0 ? semop_value_max(j) : 0;
	char wb[4 * NAME_MAX + 64], item[32], *eq;
	const char *p, *q;
	size_t i;
	int idx, v;

	for (i = 0; i < j->nops; i++)
		if (j->ops[i].num >= j->s.nsems)
			cli_die(CLI_USAGE, "%s: %s has %" PRIu64 " semaphore%s "
			    "(0 to %" PRIu64 ")", j->opargs[i], cli_what(&j->o, wb,
			    sizeof(wb)), j->s.nsems, j->s.nsems == 1 ? "" : "s",
			    j->s.nsems - 1);
	if (j->o.kind == IPCK_SEM && j->nops > 1 && ipck_limits(&lim) == 0 &&
	    j->nops > lim.semopm)
		cli_die(CLI_USAGE, "%zu operations: one call takes at most %"
		    PRIu64 " (semopm)", j->nops, lim.semopm);
	for (i = 0; i < j->s.nsems; i++)
		vals[i] = -1;
	for (i = 0; i < j->nsets; i++)
		for (p = j->sets[i]; *p != '\0'; p = *q == ',' ? q + 1 : q) {
			q = p + strcspn(p, ",");
			if ((size_t)(q - p) >= sizeof(item) ||
			    (memcpy(item, p, (size_t)(q - p)), item[q - p] = '\0',
			    (eq = strchr(item, '=')) == NULL) ||
			    (*eq = '\0', ipck_parse_id(item, &idx) < 0) ||
			    ipck_parse_id(eq + 1, &v) < 0)
				cli_die(CLI_USAGE, "--set %s: invalid (INDEX=VALUE, "
				    "such as 0=1, or a list: 0=1,1=0)", j->sets[i]);
			if ((uint64_t)idx >= j->s.nsems)
				cli_die(CLI_USAGE, "--set %s: %s has %" PRIu64
				    " semaphore%s (0 to %" PRIu64 ")", j->sets[i],
				    cli_what(&j->o, wb, sizeof(wb)), j->s.nsems,
				    j->s.nsems == 1 ? "" : "s", j->s.nsems - 1);
			if ((uint64_t)v > max)
				cli_die(CLI_USAGE, "--set %s: %d is above the highest "
				    "value, %" PRIu64 " (%s)", j->sets[i], v, max,
				    j->o.kind == IPCK_PSEM ? "SEM_VALUE_MAX" :
				    "semvmx");
			if (vals[idx] >= 0)
				cli_die(CLI_USAGE, "--set %s: semaphore %d given "
				    "twice", j->sets[i], idx);
			vals[idx] = v;
		}
}

/* Each value, a line each; -v and -J: waiters and pids too (System V). */
int
semop_get(struct job *j)
{
	struct ipck_semval *v = NULL;
	int *vals, full = j->verbose || j->json != NULL, err;
	uint64_t i, n = j->s.nsems > 0 ? j->s.nsems : 1;

	/* a POSIX semaphore's file was read, which takes read permission alone */
	if (j->o.kind == IPCK_PSEM && !(j->o.have & IPCK_HAVE_VALUE))
		return semop_failed(j, j->o.u.psem.err, 0, IPCK_MAY_READ);
	if ((vals = calloc(n, sizeof(*vals))) == NULL ||
	    (full && j->o.kind == IPCK_SEM && (v = calloc(n, sizeof(*v))) == NULL))
		cli_die(CLI_FAIL, "out of memory");
	if (j->o.kind == IPCK_PSEM)
		vals[0] = (int)j->o.u.psem.value;
	else if (v != NULL ? ipck_sem_values(j->o.id, j->s.nsems, v) :
	    ipck_semset_values(&j->s, vals)) {
		err = errno;
		free(vals);
		free(v);
		return semop_failed(j, err, 0, IPCK_MAY_READ);
	}
	if (j->json)
		json_begin(j->json, NULL, '[');
	else if (j->verbose)
		printf("%-10s %-10s %-10s %-10s %s\n", "semnum", "value",
		    "ncount", "zcount", "pid");
	for (i = 0; i < j->s.nsems; i++) {
		if (j->json && v != NULL)
			json_semval(j->json, i, &v[i]);
		else if (j->json) {
			json_begin(j->json, NULL, '{');
			json_uint(j->json, "semnum", i);
			json_int(j->json, "value", vals[i]);
		} else if (v != NULL)
			printf("%-10" PRIu64 " %-10d %-10d %-10d %d\n", i, v[i].val,
			    v[i].ncnt, v[i].zcnt, (int)v[i].pid);
		else if (j->verbose)
			printf("%-10" PRIu64 " %-10d %-10s %-10s %s\n", i, vals[i],
			    "-", "-", "-");
		else
			printf("%d\n", vals[i]);
		if (j->json)
			json_end(j->json, '}');
	}
	if (j->json)
		json_end(j->json, ']');
	free(vals);
	free(v);
	return CLI_OK;
}

int
semop_set(struct job *j)
{
	char wb[4 * NAME_MAX + 64], ob[64], nb[64];
	int now;

	if (j->verbose)
		semop_values(j, ob, sizeof(ob));
	if (ipck_semset_set(&j->s, j->vals) == 0) {
		if (j->verbose)
			cli_err("%s: %s: values %s -> %s", j->t->arg, cli_what(&j->o, wb,
			    sizeof(wb)), ob, semop_values(j, nb, sizeof(nb)));
		return CLI_OK;
	}
	if (errno == ERANGE && j->o.kind == IPCK_PSEM) {
		now = sem_getvalue(j->s.psem, &now) == 0 ? now : -1;
		cli_err("%s: %s is at %d: it can only be raised here, by "
		    "sem_post; lower it by taking: %s --posix-semaphore %s 0:-1",
		    j->t->arg, cli_what(&j->o, wb, sizeof(wb)), now, cli_name, j->t->arg);
		return CLI_FAIL;
	}
	return semop_failed(j, errno, 0, IPCK_MAY_WRITE);
}
