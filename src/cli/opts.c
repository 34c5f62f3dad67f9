/* SPDX-License-Identifier: MIT */
/*
 * The options every tool shares, parsed in one place: -h, -V and --ns for
 * all; -J, the objects named (-m -M -q -Q -s -S, --posix-*) and the ftok
 * pair (-F -P) for the tools that take them.  A tool gives its own
 * options; cli_getopt adds these, handles them, and turns a bad option
 * into its one line.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "opts.h"
#include "msg.h"
#include "ns.h"
#include "target.h"

static const struct shared {
	unsigned int	 when;		/* 0: every tool; else a CLI_TAKES_* */
	char		 letter;
	struct option	 opt;
} shared[] = {
	{ 0, 'h', { "help", no_argument, NULL, 'h' } },
	{ 0, 'V', { "version", no_argument, NULL, 'V' } },
	{ CLI_TAKES_JSON, 'J', { "json", no_argument, NULL, 'J' } },
	{ 0, 0, { "ns", required_argument, NULL, CLI_OPT_NS } },
	{ CLI_TAKES_TARGETS, 'm', { "shmem-id", required_argument, NULL, 'm' } },
	{ CLI_TAKES_TARGETS, 'M', { "shmem-key", required_argument, NULL, 'M' } },
	{ CLI_TAKES_TARGETS, 'q', { "queue-id", required_argument, NULL, 'q' } },
	{ CLI_TAKES_TARGETS, 'Q', { "queue-key", required_argument, NULL, 'Q' } },
	{ CLI_TAKES_TARGETS, 's',
	    { "semaphore-id", required_argument, NULL, 's' } },
	{ CLI_TAKES_TARGETS, 'S',
	    { "semaphore-key", required_argument, NULL, 'S' } },
	{ CLI_TAKES_TARGETS | CLI_TAKES_NAMES, 0,
	    { "posix-shmem", required_argument, NULL, CLI_OPT_PSHM } },
	{ CLI_TAKES_TARGETS | CLI_TAKES_NAMES, 0,
	    { "posix-mqueue", required_argument, NULL, CLI_OPT_PMSG } },
	{ CLI_TAKES_TARGETS | CLI_TAKES_NAMES, 0,
	    { "posix-semaphore", required_argument, NULL, CLI_OPT_PSEM } },
	{ CLI_TAKES_FTOK, 'F', { "ftok", required_argument, NULL, 'F' } },
	{ CLI_TAKES_FTOK, 'P', { "proj-id", required_argument, NULL, 'P' } },
};
enum { NSHARED = sizeof(shared) / sizeof(shared[0]) };

/* The tool's options and the shared ones, built at the first call. */
static struct option *longs;
static char *shorts;
static const char *ns;

static void
build(const char *own, const struct option *ownlong, unsigned int takes)
{
	size_t n = 0, i, k = 0;

	while (ownlong[n].name != NULL)
		n++;
	if ((longs = calloc(n + NSHARED + 1, sizeof(*longs))) == NULL ||
	    (shorts = malloc(strlen(own) + 2 * NSHARED + 3)) == NULL)
		cli_die(CLI_FAIL, "out of memory");
	memcpy(longs, ownlong, n * sizeof(*longs));
	/* "+": stop at the first operand; ":": tell a missing argument apart */
	shorts[k++] = '+';
	shorts[k++] = ':';
	memcpy(shorts + k, own, strlen(own));
	k += strlen(own);
	for (i = 0; i < NSHARED; i++) {
		if (shared[i].when != 0 && !(takes & shared[i].when))
			continue;
		longs[n++] = shared[i].opt;
		if (shared[i].letter != 0) {
			shorts[k++] = shared[i].letter;
			if (shared[i].opt.has_arg == required_argument)
				shorts[k++] = ':';
		}
	}
	shorts[k] = '\0';
}

/* c names an object, and the tool takes it so. */
static int
taken(const struct cli_opts *o, int c)
{
	int name = c == CLI_OPT_PSHM || c == CLI_OPT_PMSG || c == CLI_OPT_PSEM;

	if (o->takes & CLI_TAKES_TARGETS)
		return name || (c > 0 && c < 0x80 && strchr("mMqQsS", c) != NULL);
	return (o->takes & CLI_TAKES_NAMES) && name;
}

int
cli_getopt(int argc, char *argv[], const char *own,
    const struct option *ownlong, struct cli_opts *o)
{
	int c;

	if (longs == NULL) {
		build(own, ownlong, o->takes);
		opterr = 0;
	}
	for (;;) {
		switch ((c = getopt_long(argc, argv, shorts, longs, NULL))) {
		case 'h':
			cli_usage();
			exit(cli_finish(CLI_OK));
		case 'V':
			exit(cli_version());
		case 'J':
			o->json = 1;
			continue;
		case 'F':
		case 'P':
			if (!(o->takes & CLI_TAKES_FTOK))
				return c;
			*(c == 'F' ? &o->path : &o->proj) = optarg;
			continue;
		case CLI_OPT_NS:
			if (ns != NULL && optarg != NULL &&
			    strcmp(ns, optarg) != 0)
				cli_die(CLI_USAGE, "--ns %s: one namespace at a time "
				    "(--ns %s came first)", optarg, ns);
			ns = optarg;
			continue;
		case '?':
		case ':':
			cli_bad_option(c, argv[optind - 1], longs);
		default:
			if (!taken(o, c))
				return c;
			/* an object named: of the one kind a tool acts on, or any */
			if (o->one != NULL)
				cli_one_option(o->one, c, optarg, &o->targets);
			else
				(void)cli_target_option(c, optarg, &o->targets);
			continue;
		}
	}
}

void
cli_getopt_done(void)
{
	free(longs);
	free(shorts);
	longs = NULL;
	shorts = NULL;
	if (ns != NULL)
		cli_ns_enter(ns);
}

const char *
cli_ns_arg(void)
{
	return ns;
}
