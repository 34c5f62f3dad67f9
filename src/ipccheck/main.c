/* SPDX-License-Identifier: MIT */
/* ipccheck: find what is wrong with a host's IPC, say why it matters and what to run. */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ipccheck.h"
#include "json.h"

const struct check ipccheck_checks[] = {
	{ "limits", "each count near its limit (shmmni, shmall, msgmni, "
	    "semmni, semmns, queues_max, /dev/shm)", NULL, NULL, limits_end },
	{ "orphans", "segments no one attaches whose creator and last user "
	    "are gone; POSIX shared memory no process has", orphans_begin,
	    orphans_object, orphans_end },
	{ "stuck-locks", "semaphores processes wait on whose last operator "
	    "is gone, or that no one else has", NULL, stuck_object, NULL },
	{ "full-queues", "queues near their byte or message limit", NULL,
	    full_object, NULL },
	{ "removeipc", "objects systemd-logind's RemoveIPC= removes when "
	    "their owner logs out", removeipc_begin, removeipc_object,
	    removeipc_end },
	{ "exposure", "objects any user may write or read, or of no user; "
	    "files in /dev/shm that are no object", NULL, exposure_object,
	    exposure_end },
	{ "waits", "processes blocked in msgrcv, msgsnd, semop or mq_*, and "
	    "on what", NULL, waits_object, waits_end },
};
const size_t ipccheck_nchecks = sizeof(ipccheck_checks) /
    sizeof(ipccheck_checks[0]);

enum {
	OPT_CHECK = 0x100, OPT_LIST, OPT_MINSEV, OPT_WARN, OPT_CRIT, OPT_FULL,
	OPT_MINAGE, OPT_ALLNS
};

static const struct option longopts[] = {
	{ "check",		required_argument,	NULL,	OPT_CHECK },
	{ "list-checks",	no_argument,		NULL,	OPT_LIST },
	{ "min-severity",	required_argument,	NULL,	OPT_MINSEV },
	{ "warn",		required_argument,	NULL,	OPT_WARN },
	{ "crit",		required_argument,	NULL,	OPT_CRIT },
	{ "full",		required_argument,	NULL,	OPT_FULL },
	{ "min-age",		required_argument,	NULL,	OPT_MINAGE },
	{ "all-namespaces",	no_argument,		NULL,	OPT_ALLNS },
	{ "shmems",		no_argument,		NULL,	'm' },
	{ "queues",		no_argument,		NULL,	'q' },
	{ "semaphores",		no_argument,		NULL,	's' },
	{ "posix-shmems",	no_argument,		NULL,	'M' },
	{ "posix-mqueues",	no_argument,		NULL,	'Q' },
	{ "posix-semaphores",	no_argument,		NULL,	'S' },
	{ "all-kinds",		no_argument,		NULL,	'A' },
	{ NULL,			0,			NULL,	0 }
};

static void
usage(void)
{
	printf("Usage: %s [-mqsMQSA] [--check NAME ...] [--min-severity LEVEL] [-J]\n"
	    "                [--warn PCT] [--crit PCT] [--full PCT] [--min-age AGE]\n"
	    "                [--all-namespaces]\n"
	    "       %s --list-checks\n"
	    "Find what is wrong with the IPC objects, limits and settings: each\n"
	    "finding with its severity, the object, what is wrong, why it matters\n"
	    "and what to run.\n"
	    "\n"
	    "  -m, --shmems       shared memory segments\n"
	    "  -q, --queues       message queues\n"
	    "  -s, --semaphores   semaphore sets\n"
	    "  -M, --posix-shmems  POSIX shared memory objects\n"
	    "  -Q, --posix-mqueues  POSIX message queues\n"
	    "  -S, --posix-semaphores  POSIX named semaphores\n"
	    "  -A, --all-kinds    all six (when none is given too)\n"
	    "      --check NAME   this check only (again for more)\n"
	    "      --list-checks  the checks, a line each\n"
	    "      --min-severity LEVEL  info, warning (the default) or critical\n"
	    "      --warn PCT     limits: a warning from PCT%% of a limit (80)\n"
	    "      --crit PCT     limits: critical from PCT%% (95)\n"
	    "      --full PCT     full-queues: from PCT%% of a queue's limit (90)\n"
	    "      --min-age AGE  orphans: unused for AGE at least (1h; 90, 10m, 2d)\n"
	    "      --all-namespaces  every IPC namespace on the machine\n"
	    "  -J, --json         the findings as a JSON array\n"
	    "%s"
	    "\n"
	    "Exit status: 0 nothing at warning or above, 1 findings (or a failure),\n"
	    "2 usage error.\n", cli_name, cli_name, cli_help_common(21));
}

static unsigned int
pct_arg(const char *opt, const char *arg)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(arg, &end, 10);
	if (!isdigit((unsigned char)*arg) || *end != '\0' || errno != 0 ||
	    v < 1 || v > 100)
		cli_die(CLI_USAGE, "%s %s: a percentage, 1 to 100", opt, arg);
	return (unsigned int)v;
}

struct args {
	struct opts	 o;
	int		 run[16];
	int		 nrun, allns, list;
};

static void
option(int c, const char *arg, struct args *a)
{
	static const char *const sev[] = { "info", "warning", "critical" };
	uint64_t ns;
	size_t i;
	int k;

	switch (c) {
	case OPT_CHECK:
		for (i = 0; i < ipccheck_nchecks; i++)
			if (strcmp(arg, ipccheck_checks[i].name) == 0)
				break;
		if (i == ipccheck_nchecks)
			cli_die(CLI_USAGE, "--check %s: no such check (ipccheck "
			    "--list-checks names them)", arg);
		a->run[i] = 1;
		a->nrun++;
		break;
	case OPT_MINSEV:
		for (k = 0; k < 3 && strcmp(arg, sev[k]) != 0; k++)
			continue;
		if (k == 3)
			cli_die(CLI_USAGE, "--min-severity %s: info, warning or "
			    "critical", arg);
		a->o.min_sev = (enum severity)k;
		break;
	case OPT_WARN:
	case OPT_CRIT:
	case OPT_FULL:
		*(c == OPT_WARN ? &a->o.warn : c == OPT_CRIT ? &a->o.crit :
		    &a->o.full) = pct_arg(c == OPT_WARN ? "--warn" : c ==
		    OPT_CRIT ? "--crit" : "--full", arg);
		break;
	case OPT_MINAGE:
		if (ipck_parse_wait(arg, &ns) < 0)
			cli_die(CLI_USAGE, "--min-age %s: a duration (90, 10m, "
			    "1h, 2d)", arg);
		a->o.min_age = ns / 1000000000u;
		break;
	case OPT_ALLNS:
		a->allns = 1;
		break;
	case OPT_LIST:
		a->list = 1;
		break;
	default:
		for (k = 0; k < IPCK_NKINDS; k++)
			if (c == 'A' || c == ipck_kind_info((enum ipck_kind)k)->letter ||
			    (ipck_kind_info((enum ipck_kind)k)->family == IPCK_POSIX &&
			    c == toupper(ipck_kind_info(ipck_kind_info(
			    (enum ipck_kind)k)->cousin)->letter)))
				a->o.want[k] = 1;
		break;
	}
}

/* Whether check i runs. */
static int
runs(const struct args *a, size_t i)
{
	return a->nrun == 0 || a->run[i];
}

/* Each kind asked for walked once, each object to every check that looks. */
static void
walk(const struct args *a, struct opts *o, void **ctx)
{
	struct ipck_obj obj;
	ipck_iter *it;
	size_t i;
	int k, r, any = 0;

	for (i = 0; i < ipccheck_nchecks; i++)
		any |= runs(a, i) && ipccheck_checks[i].object != NULL;
	for (k = 0; any && k < IPCK_NKINDS; k++) {
		if (!o->want[k])
			continue;
		o->check = "ipccheck";
		if ((it = ipck_open_at(cli_place(), (enum ipck_kind)k, 0)) ==
		    NULL) {
			cannot_see(o, ipck_kind_name((enum ipck_kind)k), NULL,
			    "its objects cannot be listed", strerror(errno));
			continue;
		}
		while ((r = ipck_next(it, &obj)) > 0)
			for (i = 0; i < ipccheck_nchecks; i++)
				if (runs(a, i) && ipccheck_checks[i].object != NULL) {
					o->check = ipccheck_checks[i].name;
					ipccheck_checks[i].object(o, &obj, ctx[i]);
				}
		o->check = "ipccheck";
		if (r < 0)
			cannot_see(o, ipck_kind_name((enum ipck_kind)k), NULL,
			    "the listing of its objects failed", strerror(errno));
		ipck_close(it);
	}
}

/* Whether the check named name runs. */
static int
runs_named(const struct args *a, const char *name)
{
	size_t i;

	for (i = 0; i < ipccheck_nchecks; i++)
		if (strcmp(ipccheck_checks[i].name, name) == 0)
			return runs(a, i);
	return 0;
}

static void
run_checks(const struct args *a)
{
	struct opts o = a->o;
	struct ipck_waiter *w = NULL;
	void *ctx[16] = { NULL };
	size_t i;

	/* one walk of the threads, for the checks that name waiters */
	if ((runs_named(a, "stuck-locks") || runs_named(a, "waits")) &&
	    ipck_waiters(&w, &o.nwaiters, &o.hidden) < 0)
		o.waiters_err = errno;
	o.waiters = w;

	for (i = 0; i < ipccheck_nchecks; i++)
		if (runs(a, i) && ipccheck_checks[i].begin != NULL) {
			o.check = ipccheck_checks[i].name;
			ipccheck_checks[i].begin(&o, &ctx[i]);
		}
	walk(a, &o, ctx);
	for (i = 0; i < ipccheck_nchecks; i++)
		if (runs(a, i) && ipccheck_checks[i].end != NULL) {
			o.check = ipccheck_checks[i].name;
			ipccheck_checks[i].end(&o, ctx[i]);
		}
	free(w);
}

static int
one_ns(const struct cli_ns *ns, int err, void *arg)
{
	if (err != 0)
		return CLI_FAIL;
	report_ns(ns);
	run_checks(arg);
	report_ns(NULL);
	return CLI_OK;
}

int
main(int argc, char *argv[])
{
	struct cli_opts co = { CLI_TAKES_JSON, NULL, 0, { NULL, 0 }, NULL, NULL };
	struct args a;
	struct cli_json out;
	int c, k, any = 0, rc = CLI_OK, worst;
	size_t i;

	memset(&a, 0, sizeof(a));
	a.o = (struct opts){ { 0 }, 80, 95, 90, 3600, SEV_WARNING, 0, NULL, NULL,
	    0, 0, 0 };
	cli_init("ipccheck", usage);
	while ((c = cli_getopt(argc, argv, "mqsMQSA", longopts, &co)) != -1)
		option(c, optarg, &a);
	if (optind < argc)
		cli_die(CLI_USAGE, "%s: unexpected operand; try '%s --help'",
		    argv[optind], cli_name);
	if (a.o.warn > a.o.crit)
		cli_die(CLI_USAGE, "--warn %u is above --crit %u", a.o.warn,
		    a.o.crit);
	if (a.allns && cli_ns_arg() != NULL)
		cli_die(CLI_USAGE, "--all-namespaces checks every namespace: "
		    "not with --ns");
	if (a.list && (argc > 2 || co.json))
		cli_die(CLI_USAGE, "--list-checks takes no other option");
	cli_getopt_done();
	if (a.list) {
		for (i = 0; i < ipccheck_nchecks; i++)
			printf("%-12s %s\n", ipccheck_checks[i].name,
			    ipccheck_checks[i].doc);
		return cli_finish(CLI_OK);
	}
	for (k = 0; k < IPCK_NKINDS; k++)
		any |= a.o.want[k];
	for (k = 0; k < IPCK_NKINDS && !any; k++)
		a.o.want[k] = 1;
	a.o.now = time(NULL);
	json_init(&out, stdout);
	report_start(co.json ? &out : NULL);
	if (a.allns)
		rc = cli_each_ns(one_ns, &a);
	else
		run_checks(&a);
	worst = report_end();
	if (worst >= SEV_WARNING)
		rc = CLI_FAIL;
	return cli_finish(rc);
}
