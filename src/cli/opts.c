/* SPDX-License-Identifier: MIT */
/*
 * The options every tool shares, parsed in one place: -h, -V and --ns for
 * all, -J for the tools that take it (and room for the next ones).  A tool gives
 * its own options; cli_getopt adds these, handles them, and turns a bad
 * option into its one line.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const struct shared {
	unsigned int	 when;		/* 0: every tool; else a CLI_TAKES_* */
	char		 letter;
	struct option	 opt;
} shared[] = {
	{ 0, 'h', { "help", no_argument, NULL, 'h' } },
	{ 0, 'V', { "version", no_argument, NULL, 'V' } },
	{ CLI_TAKES_JSON, 'J', { "json", no_argument, NULL, 'J' } },
	{ 0, 0, { "ns", required_argument, NULL, CLI_OPT_NS } },
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
	    (shorts = malloc(strlen(own) + NSHARED + 3)) == NULL)
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
		if (shared[i].letter != 0)
			shorts[k++] = shared[i].letter;
	}
	shorts[k] = '\0';
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
		case CLI_OPT_NS:
			if (ns != NULL && strcmp(ns, optarg) != 0)
				cli_die(CLI_USAGE, "--ns %s: one namespace at a time "
				    "(--ns %s came first)", optarg, ns);
			ns = optarg;
			continue;
		case '?':
		case ':':
			cli_bad_option(c, argv[optind - 1], longs);
		default:
			return c;
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
