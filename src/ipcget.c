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

/* One object to look up, and the operand that named its key. */
struct target {
	enum ipck_kind	 kind;
	key_t		 key;
	const char	*arg;
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

static void
add_key(struct target *t, enum ipck_kind kind, const char *arg, int hex)
{
	if (!hex)
		t->key = cli_key(arg);
	else if (ipck_parse_key_hex(arg, &t->key) < 0)
		cli_die(CLI_USAGE, "%s: invalid key (hexadecimal, 32 bits)", arg);
	if (t->key == 0)
		cli_die(CLI_USAGE, "%s: %s", arg, ipck_strerror(EINVAL,
		    IPCK_BY_KEY));
	t->kind = kind;
	t->arg = arg;
}

static enum ipck_kind
kind_operand(const char *arg)
{
	enum ipck_kind kind;

	if (ipck_parse_kind(arg, &kind) < 0)
		cli_die(CLI_USAGE, "%s: unknown type (0, 1, 2, shm, msg or sem)",
		    arg);
	return kind;
}

/* Static, so that it stays reachable when a usage error exits mid-parse. */
static struct target *t;

int
main(int argc, char *argv[])
{
	const char *path = NULL, *proj = NULL;
	int c, i, id, n = 0, quiet = 0, tutorial = 0, rc = CLI_OK;
	char kb[16];

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
		case 'M':
			add_key(&t[n++], IPCK_SHM, optarg, 0);
			break;
		case 'P':
			proj = optarg;
			break;
		case 'q':
			quiet = 1;
			break;
		case 'Q':
			add_key(&t[n++], IPCK_MSG, optarg, 0);
			break;
		case 'S':
			add_key(&t[n++], IPCK_SEM, optarg, 0);
			break;
		case 'V':
			return cli_version();
		default:
			cli_bad_option(c, argv[optind - 1]);
		}
	}
	argc -= optind;
	argv += optind;

	if (path != NULL || proj != NULL) {
		key_t key = cli_ftok(path, proj, CLI_USAGE);

		if (argc == 0)
			cli_die(CLI_USAGE, "-F and -P need a TYPE to look up; "
			    "try '%s --help'", cli_name);
		snprintf(kb, sizeof(kb), "0x%08x", (unsigned int)key);
		for (i = 0; i < argc; i++) {
			t[n].kind = kind_operand(argv[i]);
			t[n].key = key;
			t[n++].arg = kb;
		}
		if (key == 0)
			cli_die(CLI_USAGE, "%s: %s", kb, ipck_strerror(EINVAL,
			    IPCK_BY_KEY));
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
		add_key(&t[n++], kind_operand(argv[0]), argv[1], 1);
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
