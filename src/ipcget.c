/* SPDX-License-Identifier: MIT */
/* ipcget: the id of the System V IPC object that has a key, or whether a POSIX object of a name is there. */
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
	{ "quiet",		no_argument,		NULL,	'q' },
	{ NULL,			0,			NULL,	0 }
};

static void
usage(void)
{
	printf("Usage: %s TYPE KEY\n"
	    "       %s [-q] -M KEY | -Q KEY | -S KEY ...\n"
	    "       %s [-q] -F PATH -P PROJID TYPE ...\n"
	    "       %s [-q] --posix-shmem NAME | --posix-mqueue NAME | --posix-semaphore NAME ...\n"
	    "Print the id of the System V IPC object that has a key, or the name\n"
	    "of a POSIX object that is there.\n"
	    "\n"
	    "TYPE KEY is the tutorial's form: TYPE 0 (shm), 1 (msg) or 2 (sem),\n"
	    "KEY in hexadecimal, and the tutorial's sentence as output.\n"
	    "The other forms print each id, or /name, alone on a line.\n"
	    "\n"
	    "  -M, --shmem-key KEY        the shared memory segment with KEY\n"
	    "  -Q, --queue-key KEY        the message queue with KEY\n"
	    "  -S, --semaphore-key KEY    the semaphore set with KEY\n"
	    "                             (KEY: 0x hex, 0 octal or decimal)\n"
	    "  -F, --ftok PATH            the key from ftok(PATH, PROJID), for each TYPE\n"
	    "  -P, --proj-id PROJID       ftok's project id (a number or a character)\n"
	    "%s"
	    "  -q, --quiet                print nothing: the exit status tells\n"
	    "%s"
	    "\n"
	    "Exit status: 0 found, 1 not found or not looked up, 2 usage error.\n",
	    cli_name, cli_name, cli_name, cli_name, cli_posix_help, cli_help_common(29));
}

/* What the command line asks for. */
struct ask {
	int	quiet;
	int	tutorial;	/* TYPE KEY: the tutorial's sentence */
};

/* The tutorial's TYPE KEY: the key in hexadecimal, with or without 0x. */
static void
tutorial_key(struct cli_targets *ts, const char *type, const char *arg)
{
	struct cli_target t = { { IPCK_SHM, IPCK_BY_KEY, 0, 0, NULL,
	    cli_place() }, arg };

	t.ref.kind = cli_kind_arg(type);
	if ((t.ref.key = cli_key_hex(arg)) == 0)
		cli_die(CLI_USAGE, "%s: %s", arg, ipck_strerror(EINVAL,
		    IPCK_BY_KEY));
	cli_targets_add(ts, &t);
}

static void
parse(int argc, char *argv[], struct cli_opts *o, struct ask *a)
{
	struct cli_targets *targets = &o->targets;
	int c;

	/* -q is quiet here: the keys' letters alone, -M -Q -S, are its own */
	while ((c = cli_getopt(argc, argv, "M:qQ:S:", longopts, o)) != -1)
		switch (c) {
		case 'q':
			a->quiet = 1;
			break;
		default:
			cli_target_option(c, optarg, targets);
			break;
		}
	cli_getopt_done();
	argc -= optind;
	argv += optind;
	if (o->path != NULL || o->proj != NULL) {
		cli_ftok_targets(o->path, o->proj, argc, argv, targets);
	} else if (argc > 0) {
		if (targets->n > 0)
			cli_die(CLI_USAGE, "%s: the TYPE KEY form takes no -M, -Q, "
			    "-S or --posix-*", argv[0]);
		if (argc < 2)
			cli_die(CLI_USAGE, "%s: missing KEY after TYPE; try "
			    "'%s --help'", argv[0], cli_name);
		if (argc > 2)
			cli_die(CLI_USAGE, "%s: unexpected operand after TYPE KEY",
			    argv[2]);
		tutorial_key(targets, argv[0], argv[1]);
		a->tutorial = 1;
	} else if (targets->n == 0)
		cli_die(CLI_USAGE, "nothing to look up; try '%s --help'",
		    cli_name);
}

/* One key's id on stdout: CLI_OK, or CLI_FAIL not found or not looked up. */
static int
get(const struct cli_target *t, const struct ask *a)
{
	int id, err;

	if ((id = ipck_ref_id(&t->ref)) < 0) {
		err = errno;
		if (err != ENOENT || !a->quiet)
			cli_target_error(t, -1, NULL, err);
		return CLI_FAIL;
	}
	if (a->quiet)
		return CLI_OK;
	if (a->tutorial)
		printf("get %s at 0x%x, id = %d\n",
		    ipck_kind_info(t->ref.kind)->tutorial,
		    (unsigned int)t->ref.key, id);
	else if (t->ref.by == IPCK_BY_NAME)
		printf("%s\n", t->ref.name);	/* as given, with its slash */
	else
		printf("%d\n", id);
	return CLI_OK;
}

int
main(int argc, char *argv[])
{
	struct cli_opts o = { CLI_TAKES_NAMES | CLI_TAKES_FTOK, NULL, 0,
	    { NULL, 0 }, NULL, NULL };
	struct ask a = { 0, 0 };
	size_t i;
	int r, rc = CLI_OK;

	cli_init("ipcget", usage);
	parse(argc, argv, &o, &a);
	for (i = 0; i < o.targets.n; i++)
		if ((r = get(&o.targets.v[i], &a)) > rc)
			rc = r;
	cli_targets_free(&o.targets);
	return cli_finish(rc);
}
