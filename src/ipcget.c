/* SPDX-License-Identifier: MIT */
/* ipcget: the id of the System V IPC object that has a key. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const struct option longopts[] = {
	{ "shmem-key",		required_argument,	NULL,	'M' },
	{ "queue-key",		required_argument,	NULL,	'Q' },
	{ "semaphore-key",	required_argument,	NULL,	'S' },
	{ "ftok",		required_argument,	NULL,	'F' },
	{ "proj-id",		required_argument,	NULL,	'P' },
	{ "quiet",		no_argument,		NULL,	'q' },
	{ "help",		no_argument,		NULL,	'h' },
	{ "version",		no_argument,		NULL,	'V' },
	{ NULL,			0,			NULL,	0 }
};

static void
usage(void)
{
	printf("Usage: %s TYPE KEY\n"
	    "       %s [-q] -M KEY | -Q KEY | -S KEY ...\n"
	    "       %s [-q] -F PATH -P PROJID TYPE ...\n"
	    "Print the id of the System V IPC object that has a key.\n"
	    "\n"
	    "TYPE KEY is the tutorial's form: TYPE 0 (shm), 1 (msg) or 2 (sem),\n"
	    "KEY in hexadecimal, and the tutorial's sentence as output.\n"
	    "The other forms print each id alone on a line.\n"
	    "\n"
	    "  -M, --shmem-key KEY      the shared memory segment with KEY\n"
	    "  -Q, --queue-key KEY      the message queue with KEY\n"
	    "  -S, --semaphore-key KEY  the semaphore set with KEY\n"
	    "                           (KEY: 0x hex, 0 octal or decimal)\n"
	    "  -F, --ftok PATH          the key from ftok(PATH, PROJID), for each TYPE\n"
	    "  -P, --proj-id PROJID     ftok's project id (a number or a character)\n"
	    "  -q, --quiet              print nothing: the exit status tells\n"
	    "  -h, --help               show this help\n"
	    "  -V, --version            show the version\n"
	    "\n"
	    "Exit status: 0 found, 1 not found, 2 usage or other error.\n",
	    cli_name, cli_name, cli_name);
}

/* The tutorial's TYPE KEY: the key in hexadecimal, with or without 0x. */
static void
tutorial_key(struct cli_target *t, const char *type, const char *arg)
{
	t->kind = cli_kind_arg(type);
	t->by = IPCK_BY_KEY;
	t->arg = arg;
	if ((t->key = cli_key_hex(arg)) == 0)
		cli_die(CLI_USAGE, "%s: %s", arg, ipck_strerror(EINVAL,
		    IPCK_BY_KEY));
}

/* Static, so that it stays reachable when a usage error exits mid-parse. */
static struct cli_target *t;

int
main(int argc, char *argv[])
{
	const char *path = NULL, *proj = NULL;
	int c, i, id, n = 0, quiet = 0, tutorial = 0, rc = CLI_OK;

	cli_init("ipcget", CLI_USAGE);
	if ((t = calloc((size_t)argc + 1, sizeof(*t))) == NULL)
		cli_die(CLI_USAGE, "%s", strerror(errno));
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:F:hM:P:qQ:S:V", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'F':
			path = optarg;
			break;
		case 'h':
			usage();
			return cli_finish(CLI_OK);
		case 'P':
			proj = optarg;
			break;
		case 'q':
			quiet = 1;
			break;
		case 'M': case 'Q': case 'S':
			cli_target_option(c, optarg, &t[n++]);
			break;
		case 'V':
			return cli_version();
		default:
			cli_bad_option(c, argv[optind - 1], longopts);
		}
	}
	argc -= optind;
	argv += optind;

	if (path != NULL || proj != NULL) {
		n += cli_ftok_targets(path, proj, argc, argv, t + n);
	} else if (argc > 0) {
		if (n > 0)
			cli_die(CLI_USAGE, "%s: the TYPE KEY form takes no -M, -Q "
			    "or -S", argv[0]);
		if (argc < 2)
			cli_die(CLI_USAGE, "%s: missing KEY after TYPE; try "
			    "'%s --help'", argv[0], cli_name);
		if (argc > 2)
			cli_die(CLI_USAGE, "%s: unexpected operand after TYPE KEY",
			    argv[2]);
		tutorial_key(&t[n++], argv[0], argv[1]);
		tutorial = 1;
	} else if (n == 0)
		cli_die(CLI_USAGE, "nothing to look up; try '%s --help'",
		    cli_name);

	for (i = 0; i < n; i++) {
		if ((id = ipck_lookup(t[i].kind, t[i].key)) < 0) {
			int err = errno;

			if (err == ENOENT) {
				if (!quiet)
					cli_err("%s: %s (%s, 0x%08x)", t[i].arg,
					    ipck_strerror(err, IPCK_BY_KEY),
					    ipck_kind_noun(t[i].kind),
					    (unsigned int)t[i].key);
				if (rc == CLI_OK)
					rc = CLI_FAIL;
			} else {
				cli_err("%s: %s", t[i].arg,
				    ipck_strerror(err, IPCK_BY_KEY));
				rc = CLI_USAGE;
			}
			continue;
		}
		if (quiet)
			continue;
		if (tutorial)
			printf("get %s at 0x%x, id = %d\n",
			    cli_tutorial_noun(t[i].kind), (unsigned int)t[i].key,
			    id);
		else
			printf("%d\n", id);
	}
	free(t);
	return cli_finish(rc);
}
