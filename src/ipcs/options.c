/* SPDX-License-Identifier: MIT */
/* ipcs's command line: every option recorded, then read in the layout it chose. */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ipcs.h"

enum {
	OPT_HUMAN = 0x100, OPT_POSIX, OPT_ALLNS, OPT_FIELDS, OPT_METRICS,
	OPT_OUTPUT, OPT_TOP, OPT_ORPHANS, OPT_EVENTS, OPT_INITIAL,
	OPT_COUNT, OPT_WATCH
};

static const struct option longopts[] = {
	{ "id",		required_argument,	NULL,	'i' },
	{ "queues",	no_argument,		NULL,	'q' },
	{ "shmems",	no_argument,		NULL,	'm' },
	{ "semaphores",	no_argument,		NULL,	's' },
	{ "all",	no_argument,		NULL,	'a' },
	{ "time",	no_argument,		NULL,	't' },
	{ "pid",	no_argument,		NULL,	'p' },
	{ "creator",	optional_argument,	NULL,	'c' },
	{ "limits",	no_argument,		NULL,	'l' },
	{ "summary",	no_argument,		NULL,	'u' },
	{ "human",	no_argument,		NULL,	OPT_HUMAN },
	{ "bytes",	no_argument,		NULL,	'b' },
	{ "posix-shmems", no_argument,		NULL,	'M' },
	{ "posix-mqueues", no_argument,		NULL,	'Q' },
	{ "posix-semaphores", no_argument,	NULL,	'S' },
	{ "all-kinds",	no_argument,		NULL,	'A' },
	CLI_FILTER_LONGOPTS,
	{ "xsi",	no_argument,		NULL,	OPT_POSIX },
	{ "posix",	no_argument,		NULL,	OPT_POSIX },
	{ "all-namespaces", no_argument,	NULL,	OPT_ALLNS },
	{ "json-fields", no_argument,		NULL,	OPT_FIELDS },
	{ "metrics",	no_argument,		NULL,	OPT_METRICS },
	{ "output",	required_argument,	NULL,	OPT_OUTPUT },
	{ "top",	required_argument,	NULL,	OPT_TOP },
	{ "orphans",	no_argument,		NULL,	OPT_ORPHANS },
	{ "events",	optional_argument,	NULL,	OPT_EVENTS },
	{ "initial",	no_argument,		NULL,	OPT_INITIAL },
	{ "count",	required_argument,	NULL,	OPT_COUNT },
	{ "watch",	optional_argument,	NULL,	OPT_WATCH },
	{ NULL,		0,			NULL,	0 }
};

/* c is one of the short options in set (strchr would also match c == 0 or > 0xff). */
static int
one_of(int c, const char *set)
{
	return c > 0 && c < 0x100 && strchr(set, c) != NULL;
}

void
ipcs_usage(void)
{
	printf("Usage: %s [-mqsaMQSA] [-t | -p | -c | -l | -u] [-b | --human] [-J] [FILTER ...]\n"
	    "       %s -m | -q | -s -i ID [-b | --human] [-J]\n"
	    "       %s --xsi [-qms] [-a | -bcopt] [FILTER ...]\n"
	    "       %s --json-fields [-J]\n"
	    "       %s --metrics [--all-namespaces] [--top N] [--orphans]\n"
	    "                [--output FILE]\n"
	    "       %s --events[=INTERVAL] [--initial] [--count N] [-mqsMQSA] [-J]\n"
	    "                [--all-namespaces] [FILTER ...]\n"
	    "       %s --watch[=INTERVAL] [--count N] [any listing's options]\n"
	    "List IPC objects, System V as util-linux's ipcs does, POSIX in the\n"
	    "same spirit, or as JSON.\n"
	    "\n"
	    "  -m, --shmems       shared memory segments\n"
	    "  -q, --queues       message queues\n"
	    "  -s, --semaphores   semaphore sets\n"
	    "  -a, --all          all three (the default)\n"
	    "  -M, --posix-shmems  POSIX shared memory objects\n"
	    "  -Q, --posix-mqueues  POSIX message queues\n"
	    "  -S, --posix-semaphores  POSIX named semaphores\n"
	    "  -A, --all-kinds    all six kinds\n"
	    "  -t, --time         attach, detach and change times\n"
	    "  -p, --pid          creator and last-operation PIDs\n"
	    "  -c, --creator      creators and owners\n"
	    "  -l, --limits       the limits in force\n"
	    "  -u, --summary      what is in use\n"
	    "  -b, --bytes        sizes in bytes\n"
	    "      --human        sizes with units (4K, 1.5M)\n"
	    "  -i, --id ID        everything about one object\n"
	    "  -J, --json         JSON: typed values, every field (man ipckit-json)\n"
	    "      --json-fields  what each JSON member is, and the version (-J too)\n"
	    "      --metrics      usage, limits, orphans and the fullest queues in\n"
	    "                     Prometheus' text format (man ipcs: METRICS)\n"
	    "      --top N        --metrics: the N fullest queues, each a series (10)\n"
	    "      --output FILE  --metrics: FILE written whole (renamed over it)\n"
	    "      --orphans      --metrics: POSIX shared memory no process uses\n"
	    "                     too (a walk of /proc)\n"
	    "      --events[=INTERVAL]  a line per object created, changed or\n"
	    "                     removed, walking again each INTERVAL (1s), until\n"
	    "                     stopped; all six kinds unless some are given\n"
	    "      --initial      --events: first what is there, as present\n"
	    "      --watch[=INTERVAL]  the listing redrawn each INTERVAL (1s), rows\n"
	    "                     that appeared, changed and went marked; q ends it\n"
	    "      --count N      --events, --watch: end after N walks (the first too)\n"
	    "      --xsi, --posix  the layout of POSIX.1 (XSI), where -a -b -c -o -p -t\n"
	    "                     add columns; also when POSIXLY_CORRECT is set\n"
	    "\n"
	    "      --all-namespaces  every IPC namespace on the machine, each once;\n"
	    "                     with -u one line each, the biggest first\n"
	    "%s"
	    "\n"
	    "Filters select rows in any listing:\n"
	    "%s"
	    "\n"
	    "The last of -t, -p, -c, -l, -u wins.  Exit status: 0 listed,\n"
	    "1 -i found no such object or a failure, 2 usage error.\n",
	    cli_name, cli_name, cli_name, cli_name, cli_name, cli_name,
	    cli_name, cli_help_common(21),
	    cli_filter_help);
}


/* One option as getopt returned it, kept until the layout is known. */
struct opt {
	int		 c;
	const char	*arg;		/* optarg */
	const char	*word;		/* argv[optind - 1] */
};

static struct opt *opts;

/*
 * Every option, recorded: the layout decides what -a -b -c -p -t mean, so
 * it must be known first, from what getopt_long makes of the words (--pos
 * is --posix), not from the words themselves.  Returns how many.
 */
static size_t
record(int argc, char *argv[], struct args *a)
{
	struct cli_opts o = { CLI_TAKES_JSON, NULL, 0, { NULL, 0 }, NULL, NULL };
	size_t n = 0, i;
	int c;

	if (getenv("POSIXLY_CORRECT") != NULL)
		a->xsi = 1;
	while ((c = cli_getopt(argc, argv, "aAbci:lmMopqQsStu", longopts,
	    &o)) != -1) {
		/* --creator USER, as ipcrm takes it; alone it is util-linux's -c */
		if (c == 'c' && optarg == NULL &&
		    strncmp(argv[optind - 1], "--", 2) == 0 && optind < argc &&
		    argv[optind][0] != '-' && argv[optind][0] != '\0')
			optarg = argv[optind++];
		if (c == OPT_POSIX)
			a->xsi = 1;
		/* one word may hold several: -bcopt */
		opts = cli_grow(opts, n, sizeof(*opts));
		opts[n++] = (struct opt){ c, optarg, argv[optind - 1] };
	}
	cli_getopt_done();
	a->json = o.json;
	for (i = 0; i < n; i++)
		if (opts[i].c == OPT_FIELDS && n > 1)
			cli_die(CLI_USAGE, "--json-fields: takes no other option "
			    "but -J; try '%s --help'", cli_name);
	if (optind < argc)
		cli_die(CLI_USAGE, "%s: unexpected operand; try '%s --help'",
		    argv[optind], cli_name);
	return n;
}

/*
 * The kinds -a -m -q -s -M -Q -S -A ask for (-M: the POSIX cousin of
 * -m's kind): 1, or 0 for another option.  -a is the System V kinds only.
 */
static int
kinds_option(int c, struct args *a)
{
	const struct ipck_kind_info *in;
	int k;

	if (!one_of(c, "amqsAMQS"))
		return 0;
	for (k = 0; k < IPCK_NKINDS; k++) {
		in = ipck_kind_info((enum ipck_kind)k);
		if (c == 'a')
			a->want[k] = in->family == IPCK_SYSV;
		else if (c == 'A' || c == in->letter ||
		    (in->family == IPCK_POSIX &&
		    c == toupper(ipck_kind_info(in->cousin)->letter)))
			a->want[k] = 1;
	}
	return 1;
}

/* --top N: a count of queues, 0 .. 10000 (a bound on the series written). */
static size_t
top_arg(const char *arg)
{
	uint64_t n;

	if (arg[strspn(arg, "0123456789")] != '\0' || *arg == '\0' ||
	    (n = strtoull(arg, NULL, 10)) > 10000)
		cli_die(CLI_USAGE, "--top %s: a number of queues, 0 to 10000", arg);
	return (size_t)n;
}

/* --metrics and the options that go with it: 1, or 0 for another option. */
static int
metrics_option(int c, const char *arg, struct args *a)
{
	switch (c) {
	case OPT_METRICS:
		a->metrics = 1;
		return 1;
	case OPT_OUTPUT:
		if (*arg == '\0')
			cli_die(CLI_USAGE, "--output: an empty file name");
		a->output = arg;
		return 1;
	case OPT_TOP:
		a->top = top_arg(arg);
		a->toparg = 1;
		return 1;
	case OPT_ORPHANS:
		a->orphans = 1;
		return 1;
	case OPT_EVENTS:
	case OPT_WATCH:
		*(c == OPT_EVENTS ? &a->events : &a->watch) = 1;
		a->interval = 1000000000u;
		if (arg != NULL && (ipck_parse_wait(arg, &a->interval) < 0 ||
		    a->interval < 10000000u || a->interval > 86400000000000u))
			cli_die(CLI_USAGE, "--%s=%s: an interval from 0.01s "
			    "to 1d (0.5, 250ms, 2s, 1m)", c == OPT_EVENTS ?
			    "events" : "watch", arg);
		return 1;
	case OPT_INITIAL:
		a->initial = 1;
		return 1;
	case OPT_COUNT:
		if (arg[strspn(arg, "0123456789")] != '\0' || *arg == '\0' ||
		    (a->count = strtoull(arg, NULL, 10)) == 0 ||
		    a->count > 1000000000u)
			cli_die(CLI_USAGE, "--count %s: a number of walks, 1 or "
			    "more", arg);
		return 1;
	default:
		return 0;
	}
}

/* What each recorded option means, in the layout chosen. */
static void
apply(const struct opt *op, struct ipcs *q, struct args *a)
{
	int c = op->c;

	if (a->xsi && one_of(c, "abcopt") && op->arg == NULL) {
		q->columns |= c == 'a' ? X_B | X_C | X_O | X_P | X_T :
		    c == 'b' ? X_B : c == 'c' ? X_C : c == 'o' ? X_O :
		    c == 'p' ? X_P : X_T;
		return;
	}
	if (a->xsi && (one_of(c, "iluAMQS") || c == OPT_HUMAN))
		cli_die(CLI_USAGE, "%s: not in the POSIX layout; try '%s "
		    "--help'", op->word, cli_name);
	if (kinds_option(c, a) || metrics_option(c, op->arg, a))
		return;
	switch (c) {
	case 'b':
		q->unit = U_BYTES;
		break;
	case 'c':
		/* --creator=USER is the filter */
		if (op->arg != NULL)
			cli_filter_option(CLI_OPT_CREATED_BY, op->arg, &a->filt);
		else
			q->fmt = F_CREATOR;
		break;
	case 'i':
		a->idarg = op->arg;
		break;
	case 'l':
		q->fmt = F_LIMITS;
		break;
	case 'o':
		cli_die(CLI_USAGE, "-o: only in the POSIX layout (--posix); try "
		    "'%s --help'", cli_name);
	case 'p':
		q->fmt = F_PID;
		break;
	case 't':
		q->fmt = F_TIME;
		break;
	case 'u':
		q->fmt = F_STATUS;
		break;
	case OPT_HUMAN:
		q->unit = U_HUMAN;
		break;
	case OPT_POSIX:
		break;
	case OPT_FIELDS:
		a->fields = 1;
		break;
	case OPT_ALLNS:
		a->allns = 1;
		break;
	default:
		cli_filter_option(c, op->arg, &a->filt);
		break;
	}
}

/*
 * A POSIX kind has no id, key or creator, and no attachments but shared
 * memory's: the filters and -i that ask for them are usage errors.
 */
static void
posix_checks(const struct ipcs *q, const struct args *a, enum ipck_kind kind)
{
	(void)q;
	if (a->idarg != NULL)
		cli_die(CLI_USAGE, "-i %s: %s objects have no ids; ipcstat "
		    "--posix-%s NAME shows one", a->idarg, ipck_kind_noun(kind),
		    kind == IPCK_PSHM ? "shmem" : kind == IPCK_PMSG ? "mqueue" :
		    "semaphore");
	cli_filter_for(&a->filt.f, kind);
}

/*
 * --events writes lines of its own: not with a layout's options; its kinds
 * are all six when none is given (the System V three when a filter asks
 * what POSIX objects lack).
 */
static void
events_checks(const struct ipcs *q, struct args *a)
{
	const unsigned int sysv = IPCK_F_KEY | IPCK_F_ID | IPCK_F_CREATOR |
	    IPCK_F_ORPHANED | IPCK_F_UNATTACHED;
	int k;

	if (a->initial && !a->events)
		cli_die(CLI_USAGE, "--initial goes with --events; try '%s "
		    "--help'", cli_name);
	if (a->count != 0 && !a->events && !a->watch)
		cli_die(CLI_USAGE, "--count goes with --events or --watch; try "
		    "'%s --help'", cli_name);
	if (a->watch && (a->events || a->json || a->idarg != NULL ||
	    a->metrics || a->fields))
		cli_die(CLI_USAGE, "--watch redraws a table: not with %s",
		    a->events ? "--events" : a->json ? "-J (--events -J gives "
		    "changes as JSON Lines)" : a->idarg != NULL ? "-i" :
		    a->metrics ? "--metrics" : "--json-fields");
	if (!a->events)
		return;
	if (q->fmt != F_DEFAULT || a->idarg != NULL || q->unit != U_DEFAULT ||
	    a->xsi || a->fields || a->metrics || q->columns != 0)
		cli_die(CLI_USAGE, "--events writes a line per change: it takes "
		    "kinds, filters, -J, --initial, --ns and --all-namespaces "
		    "only");
	if (a->nwant > 0)
		return;
	for (k = 0; k < IPCK_NKINDS; k++)
		a->want[k] = !(a->filt.f.what & sysv) || ipck_kind_info(
		    (enum ipck_kind)k)->family == IPCK_SYSV;
	for (k = 0; k < IPCK_NKINDS; k++)
		a->nwant += a->want[k];
}

void
ipcs_parse(int argc, char *argv[], struct ipcs *q, struct args *a)
{
	size_t i, n = record(argc, argv, a);
	int k;

	for (i = 0; i < n; i++)
		apply(&opts[i], q, a);
	free(opts);
	for (k = 0; k < IPCK_NKINDS; k++)
		a->nwant += a->want[k];
	if (!a->metrics && (a->output != NULL || a->toparg || a->orphans))
		cli_die(CLI_USAGE, "--%s goes with --metrics; try '%s --help'",
		    a->output != NULL ? "output" : a->toparg ? "top" : "orphans",
		    cli_name);
	if (a->metrics && (a->nwant > 0 || q->fmt != F_DEFAULT || a->json ||
	    a->idarg != NULL || a->filt.f.what != 0 || q->unit != U_DEFAULT ||
	    a->xsi || a->fields || q->columns != 0))
		cli_die(CLI_USAGE, "--metrics measures every kind in its own "
		    "format: it takes only --all-namespaces, --ns, --top, "
		    "--orphans and --output");
	events_checks(q, a);
	if (a->filt.f.what != 0 && (q->fmt == F_LIMITS || q->fmt == F_STATUS ||
	    a->idarg))
		cli_die(CLI_USAGE, "filters select rows, and %s has none",
		    a->idarg ? "-i" : q->fmt == F_LIMITS ? "-l" : "-u");
	if (a->allns && (a->idarg != NULL || q->fmt == F_LIMITS ||
	    cli_ns_arg() != NULL))
		cli_die(CLI_USAGE, "--all-namespaces lists every namespace: not "
		    "with %s", a->idarg != NULL ? "-i" : q->fmt == F_LIMITS ?
		    "-l" : "--ns");
	if (a->idarg != NULL && a->nwant != 1)
		cli_die(CLI_USAGE, "-i %s: give exactly one of -m, -q or -s with "
		    "it", a->idarg);
	for (k = 0; k < IPCK_NKINDS; k++)
		if (a->want[k] && ipck_kind_info((enum ipck_kind)k)->family ==
		    IPCK_POSIX)
			posix_checks(q, a, (enum ipck_kind)k);
}

