/* SPDX-License-Identifier: MIT */
/*
 * ipccreate's POSIX options: each object's name and its attributes,
 * checked before anything is made.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ipccreate.h"

/*
 * A count for --value or --maxmsg (decimal digits), or a size for
 * --msgsize (suffixes too), at most max; what names that limit.
 */
static uint64_t
count_arg(const char *opt, const char *arg, int size, uint64_t max,
    const char *what)
{
	uint64_t v;
	int bad;

	errno = 0;
	if (size)
		bad = ipck_parse_size(arg, &v) < 0 && errno != ERANGE;
	else {
		bad = arg[strspn(arg, "0123456789")] != '\0' || *arg == '\0';
		v = bad ? 0 : strtoull(arg, NULL, 10);
	}
	if (bad)
		cli_die(CLI_USAGE, "%s %s: invalid %s", opt, arg, size ? "size" :
		    "number");
	if (errno == ERANGE || v > max)
		cli_die(CLI_USAGE, "%s %s: out of range (at most %" PRIu64 ", %s)",
		    opt, arg, max, what);
	return v;
}

/*
 * Each POSIX object's name: the -n after it, or the one -n of the call;
 * its attributes, checked against the limits in force.  All before
 * anything is made.
 */
static void
posix_names(const struct given *g, struct res *rv, int rn, int *sem, int *mq)
{
	const char *why = "";
	char name[NAME_MAX + 2];
	int i, j, k;

	for (i = 0, j = 0; i < rn; i++) {
		if (rv[i].kind != IPCK_PSHM && rv[i].kind != IPCK_PMSG &&
		    rv[i].kind != IPCK_PSEM)
			continue;
		*sem |= rv[i].kind == IPCK_PSEM;
		*mq |= rv[i].kind == IPCK_PMSG;
		/* the first -n after it, or the one -n there is */
		while (j < g->nnames && g->upto[j] <= i)
			j++;
		k = g->nnames == 1 ? 0 : j;
		if (k >= g->nnames)
			cli_die(CLI_USAGE, "%s%s: a POSIX object needs a name: "
			    "add -n NAME after it", rv[i].kind == IPCK_PSHM ?
			    "-m " : "", rv[i].arg);
		if (ipck_parse_name(rv[i].kind, g->names[k], name,
		    sizeof(name), &why) < 0)
			cli_die(CLI_USAGE, "%s: invalid name: %s", g->names[k],
			    why);
		if ((rv[i].name = strdup(name)) == NULL)
			cli_die(CLI_FAIL, "%s", strerror(errno));
		for (k = 0; k < i; k++)
			if (rv[k].kind == rv[i].kind && rv[k].name !=
			    NULL && strcmp(rv[k].name, name) == 0)
				cli_die(CLI_USAGE, "%s: named twice for %s", name,
				    ipck_kind_noun(rv[i].kind));
	}
	/* a -n that names nothing is a mistake, not a no-op */
	for (j = 0; j < g->nnames; j++)
		if (g->nnames > 1 && (j == 0 ? g->upto[0] : g->upto[j] -
		    g->upto[j - 1]) == 0)
			cli_die(CLI_USAGE, "-n %s: no -m, -q or -s before it to "
			    "name", g->names[j]);
	if (g->nnames > 0 && !*sem && !*mq) {
		for (i = 0; i < rn && rv[i].kind != IPCK_PSHM; i++)
			continue;
		if (i == rn)
			cli_die(CLI_USAGE, "-n %s: a name is for POSIX objects, "
			    "and there is no -m, -q or -s", g->names[0]);
	}
}

/* --value, --maxmsg and --msgsize: only with what they are for, in range. */
static void
posix_attrs(const struct given *g, struct spec *sp, int sem, int mq)
{
	struct ipck_posix_limits lim;
	struct ipck_cred cred;
	int big;

	if (g->value != NULL && !sem)
		cli_die(CLI_USAGE, "--value is a semaphore's, and there is no -s");
	if ((g->maxmsg != NULL || g->msgsize != NULL) && !mq)
		cli_die(CLI_USAGE, "--%s is a queue's, and there is no -q",
		    g->maxmsg != NULL ? "maxmsg" : "msgsize");
	if (g->value != NULL)
		sp->attr.value = (unsigned int)count_arg("--value", g->value, 0,
		    (uint64_t)SEM_VALUE_MAX, "SEM_VALUE_MAX");
	if (g->maxmsg == NULL && g->msgsize == NULL)
		return;
	if (ipck_posix_limits_for(cli_place(), IPCK_PLIM_SIZES, &lim) < 0)
		cli_die(CLI_FAIL, "cannot read /proc/sys/fs/mqueue: %s",
		    strerror(errno));
	/* past the namespace's limits only with CAP_SYS_RESOURCE, to the kernel's */
	big = ipck_cred_self(&cred) == 0 && (cred.caps & IPCK_CAP_SYS_RESOURCE);
	if (big)
		ipck_cred_free(&cred);
	if (g->maxmsg != NULL)
		sp->attr.maxmsg = count_arg("--maxmsg", g->maxmsg, 0, big ? 65536 :
		    lim.msg_max, big ? "the kernel's HARD_MSGMAX" :
		    "/proc/sys/fs/mqueue/msg_max");
	if (g->msgsize != NULL)
		sp->attr.msgsize = count_arg("--msgsize", g->msgsize, 1, big ?
		    16777216 : lim.msgsize_max, big ? "the kernel's "
		    "HARD_MSGSIZEMAX" : "/proc/sys/fs/mqueue/msgsize_max");
	if ((g->maxmsg != NULL && sp->attr.maxmsg == 0) ||
	    (g->msgsize != NULL && sp->attr.msgsize == 0))
		cli_die(CLI_USAGE, "--%s 0: a queue holds at least one message of "
		    "one byte", g->maxmsg != NULL && sp->attr.maxmsg == 0 ?
		    "maxmsg" : "msgsize");
}

void
ipccreate_posix_of(const struct given *g, struct spec *sp, struct res *rv,
    int rn)
{
	int sem = 0, mq = 0;

	posix_names(g, rv, rn, &sem, &mq);
	posix_attrs(g, sp, sem, mq);
}
