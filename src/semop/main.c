/* SPDX-License-Identifier: MIT */
/*
 * semop: a semaphore set's values, set or read, operations on it, and a
 * lock around a command.  System V: the operations are one semtimedop,
 * and with -u the kernel undoes them when the process ends; the command
 * is exec'd in this very process, so it holds what was taken for exactly
 * as long as it runs, however it ends.  POSIX named semaphores have no
 * undo: with -u, a parent waits for the command and gives the semaphore
 * back (if the parent is killed, it stays taken).
 */
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


enum {
	OPT_SET = 0x100, OPT_NOWAIT, OPT_TIMEOUT
};

static const struct option longopts[] = {
	{ "get",		no_argument,		NULL,	'g' },
	{ "set",		required_argument,	NULL,	OPT_SET },
	{ "undo",		no_argument,		NULL,	'u' },
	{ "nowait",		no_argument,		NULL,	OPT_NOWAIT },
	{ "timeout",		required_argument,	NULL,	OPT_TIMEOUT },
	{ "verbose",		no_argument,		NULL,	'v' },
	{ NULL,			0,			NULL,	0 }
};

static void
usage(void)
{
	printf("Usage: %s [-uv] [--nowait | --timeout DURATION] SET INDEX:DELTA ...\n"
	    "             [-- CMD [ARG ...]]\n"
	    "       %s -g [-Jv] SET\n"
	    "       %s --set INDEX=VALUE[,INDEX=VALUE ...] [-v] SET\n"
	    "SET is -s ID, -S KEY, -F PATH -P PROJID [sem], or --posix-semaphore NAME.\n"
	    "Operate on a semaphore set, all operations at once; read or set its\n"
	    "values; or take a semaphore, run CMD, and give it back when CMD ends.\n"
	    "\n"
	    "  -s, --semaphore-id ID      the System V set ID (decimal)\n"
	    "  -S, --semaphore-key KEY    the set with KEY (0x hex, 0 octal or decimal)\n"
	    "  -F, --ftok PATH            the set whose key ftok(PATH, PROJID) makes\n"
	    "  -P, --proj-id PROJID       ftok's project id (a number or a character)\n"
	    "      --posix-semaphore NAME  the POSIX named semaphore NAME\n"
	    "  INDEX:DELTA                0:-1 takes one from semaphore 0, 0:+2 gives\n"
	    "                             two, 1:0 waits until semaphore 1 is 0\n"
	    "  -u, --undo                 give back what was taken when the process\n"
	    "                             ends (SEM_UNDO), with CMD when CMD ends\n"
	    "      --nowait               do not wait: what would wait is exit status 1\n"
	    "      --timeout DURATION     wait at most DURATION (90, 1.5s, 250ms, 2m)\n"
	    "  -g, --get                  print each semaphore's value, one a line\n"
	    "      --set INDEX=VALUE,...  set values (all of them given: at once)\n"
	    "  -J, --json                 -g as JSON\n"
	    "  -v, --verbose              say what was done; -g: pids and waiters too\n"
	    "%s"
	    "\n"
	    "Taking and giving need write permission, waiting for 0 and -g read\n"
	    "permission.  A signal while waiting changes nothing and ends semop as\n"
	    "the signal would.\n"
	    "\n"
	    "Exit status: 0 done, 1 not done (would wait, timed out, no such set, no\n"
	    "permission...), 2 usage error: nothing was done; with CMD, CMD's status\n"
	    "(126, 127: it could not be run, and what was taken was given back).\n",
	    cli_name, cli_name, cli_name, cli_help_common(29));
}

/* At file scope: a usage error's exit leaves what parse() made reachable. */
static struct job job;

static const struct cli_one one = {
	IPCK_SEM, "only semaphore sets have semaphores",
	"-s ID, -S KEY or --posix-semaphore NAME", "semaphore set",
	"-s ID, -S KEY, -F PATH -P PROJID or --posix-semaphore NAME", "set", 0
};

static void
operands(struct job *j, int argc, char *argv[], int ftok)
{
	int i = optind;

	/* getopt took a "--" that came before any operation: a command follows */
	if (optind > 1 && optind < argc && strcmp(argv[optind - 1], "--") == 0) {
		j->cmd = argv + optind;
		return;
	}
	/* the ftok form's TYPE, as the other tools take it: only sem */
	if (ftok && i < argc && (strcmp(argv[i], "sem") == 0 ||
	    strcmp(argv[i], "2") == 0))
		i++;
	for (; i < argc && strcmp(argv[i], "--") != 0; i++) {
		j->ops = cli_grow(j->ops, j->nops, sizeof(*j->ops));
		/* an operation begins with its index: this is an option */
		if (argv[i][0] == '-' && argv[i][1] != '\0')
			cli_die(CLI_USAGE, "%s: options go before the operations "
			    "(%s [OPTION]... INDEX:DELTA... [-- CMD])", argv[i],
			    cli_name);
		if (ipck_parse_semop(argv[i], &j->ops[j->nops]) < 0)
			cli_die(CLI_USAGE, "%s: %s", argv[i], errno == ERANGE ?
			    "out of range (INDEX 0 to 65535, DELTA -32768 to "
			    "+32767)" : "invalid operation (INDEX:DELTA, such as "
			    "0:-1; a command goes after --)");
		j->nops++;
	}
	j->opargs = argv + optind + (argc > optind && ftok &&
	    (strcmp(argv[optind], "sem") == 0 || strcmp(argv[optind], "2") == 0));
	if (i < argc) {
		if (i + 1 == argc)
			cli_die(CLI_USAGE, "--: no command after it");
		j->cmd = argv + i + 1;
	}
}

/* Options that need, or cannot have, another: one line, exit 2. */
static void
conflicts(struct job *j, int posix)
{
	size_t i;

	if (j->cmd != NULL && j->nops == 0)
		cli_die(CLI_USAGE, "-- %s: a command needs an operation before it "
		    "(such as 0:-1)", j->cmd[0]);
	if (j->get + (j->nsets > 0) + (j->nops > 0) == 0)
		cli_die(CLI_USAGE, "nothing to do: INDEX:DELTA..., -g or --set; "
		    "try '%s --help'", cli_name);
	if (j->get + (j->nsets > 0) + (j->nops > 0) > 1)
		cli_die(CLI_USAGE, "%s and %s do not go together", j->get ? "-g" :
		    "--set", j->nops > 0 ? "operations" : "--set");
	if (j->nops == 0 && ((j->flags & (IPCK_UNDO | IPCK_NOWAIT)) ||
	    j->timeout_arg != NULL))
		cli_die(CLI_USAGE, "%s is for operations (INDEX:DELTA)",
		    j->flags & IPCK_UNDO ? "-u" : j->timeout_arg != NULL ?
		    "--timeout" : "--nowait");
	if (j->json && !j->get)
		cli_die(CLI_USAGE, "-J is for -g");
	if (!posix)
		return;
	if (j->nops > 1)
		cli_die(CLI_USAGE, "%s: a POSIX semaphore takes one operation at a "
		    "time", j->opargs[1]);
	for (i = 0; i < j->nops; i++) {
		if (j->ops[i].num != 0)
			cli_die(CLI_USAGE, "%s: a POSIX semaphore is one: its "
			    "index is 0", j->opargs[i]);
		if (j->ops[i].delta == 0)
			cli_die(CLI_USAGE, "%s: a POSIX semaphore cannot be waited "
			    "on to be 0", j->opargs[i]);
		if (j->ops[i].delta < -1)
			cli_die(CLI_USAGE, "%s: a POSIX semaphore is taken one at "
			    "a time (0:-1)", j->opargs[i]);
		if ((j->flags & IPCK_UNDO) && (j->cmd == NULL ||
		    j->ops[i].delta != -1))
			cli_die(CLI_USAGE, "-u: a POSIX semaphore has no undo; "
			    "with 0:-1 -- CMD, semop gives it back when CMD ends");
	}
}

static void
parse(struct job *j, int argc, char *argv[])
{
	struct cli_opts o = { CLI_TAKES_JSON | CLI_TAKES_TARGETS |
	    CLI_TAKES_FTOK, &one, 0, { NULL, 0 }, NULL, NULL };
	int c;

	while ((c = cli_getopt(argc, argv, "guv", longopts, &o)) != -1) {
		switch (c) {
		case 'g':
			j->get = 1;
			break;
		case 'u':
			j->flags |= IPCK_UNDO;
			break;
		case 'v':
			j->verbose = 1;
			break;
		case OPT_SET:
			j->sets = cli_grow(j->sets, j->nsets, sizeof(*j->sets));
			j->sets[j->nsets++] = optarg;
			break;
		case OPT_NOWAIT:
			j->flags |= IPCK_NOWAIT;
			break;
		case OPT_TIMEOUT:
			j->timeout = cli_timeout_arg(j->timeout_arg = optarg);
			break;
		default:
			abort();	/* getopt gives only the letters asked for */
		}
	}
	json_init(&j->out, stdout);
	j->json = o.json ? &j->out : NULL;
	operands(j, argc, argv, o.path != NULL || o.proj != NULL);
	j->targets = o.targets;
	j->t = cli_one_done(&one, &j->targets, argc, argv, o.path, o.proj);
	if (j->timeout_arg != NULL && (j->flags & IPCK_NOWAIT))
		cli_die(CLI_USAGE, "--nowait and --timeout do not go together");
	if (j->timeout_arg != NULL && j->timeout == 0)
		j->flags |= IPCK_NOWAIT;
	conflicts(j, j->t->ref.kind == IPCK_PSEM);
	cli_getopt_done();
}

int
main(int argc, char *argv[])
{
	struct job *j = &job;
	int rc, err;

	cli_init("semop", usage);
	parse(j, argc, argv);
	if (cli_target_stat(j->t, &j->o) < 0) {
		semop_done(j);
		return CLI_FAIL;
	}
	j->s.nsems = j->o.kind == IPCK_SEM ? j->o.u.sem.nsems : 1;
	if ((j->o.kind == IPCK_SEM || !j->get) &&
	    ipck_semset_open(&j->s, &j->o) < 0) {
		/* a POSIX semaphore's file: replaced meanwhile, or too short to be one */
		err = errno;
		rc = semop_failed(j, err, 0, IPCK_MAY_READ | IPCK_MAY_WRITE);
		semop_done(j);
		return rc;
	}
	if ((j->vals = calloc(j->s.nsems > 0 ? j->s.nsems : 1,
	    sizeof(*j->vals))) == NULL)
		cli_die(CLI_FAIL, "out of memory");
	semop_check(j, j->vals);
	rc = j->get ? semop_get(j) : j->nsets > 0 ? semop_set(j) : semop_operations(j);
	semop_done(j);
	return cli_finish(rc);
}
