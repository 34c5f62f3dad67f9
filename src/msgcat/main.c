/* SPDX-License-Identifier: MIT */
/* msgcat: messages of a queue (System V or POSIX) to standard output, or standard input into it. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <mqueue.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "msgcat.h"

enum {
	OPT_PEEK = 0x100, OPT_EXCEPT, OPT_NOWAIT, OPT_TIMEOUT, OPT_PRIORITY,
	OPT_QUIET
};

static const struct option longopts[] = {
	{ "count",		required_argument,	NULL,	'n' },
	{ "all",		no_argument,		NULL,	'a' },
	{ "type",		required_argument,	NULL,	't' },
	{ "except",		no_argument,		NULL,	OPT_EXCEPT },
	{ "peek",		no_argument,		NULL,	OPT_PEEK },
	{ "nowait",		no_argument,		NULL,	OPT_NOWAIT },
	{ "timeout",		required_argument,	NULL,	OPT_TIMEOUT },
	{ "write",		no_argument,		NULL,	'w' },
	{ "priority",		required_argument,	NULL,	OPT_PRIORITY },
	{ "lines",		no_argument,		NULL,	'L' },
	{ "null",		no_argument,		NULL,	'0' },
	{ "hex",		no_argument,		NULL,	'x' },
	{ "verbose",		no_argument,		NULL,	'v' },
	{ "quiet",		no_argument,		NULL,	OPT_QUIET },
	{ NULL,			0,			NULL,	0 }
};

static void
usage(void)
{
	printf("Usage: %s [-0aJLvx] [-n COUNT] [-t TYPE] [--except] [--peek]\n"
	    "              [--nowait | --timeout DURATION] [--quiet] QUEUE\n"
	    "       %s -w [-0Lv] [-t TYPE | --priority N]\n"
	    "              [--nowait | --timeout DURATION] QUEUE\n"
	    "QUEUE is -q ID, -Q KEY, -F PATH -P PROJID [msg], or --posix-mqueue NAME.\n"
	    "Take messages from a message queue to standard output, or look at them\n"
	    "with --peek and leave them there; or with -w send standard input.\n"
	    "\n"
	    "  -q, --queue-id ID          the System V queue ID (decimal)\n"
	    "  -Q, --queue-key KEY        the queue with KEY (0x hex, 0 octal or decimal)\n"
	    "  -F, --ftok PATH            the queue whose key ftok(PATH, PROJID) makes\n"
	    "  -P, --proj-id PROJID       ftok's project id (a number or a character)\n"
	    "      --posix-mqueue NAME    the POSIX message queue NAME\n"
	    "  -n, --count COUNT          COUNT messages, each waited for (default 1)\n"
	    "  -a, --all                  every message there now, without waiting\n"
	    "  -t, --type TYPE            receive: 0 the first message, > 0 the first of\n"
	    "                             TYPE, < 0 the first of the lowest type up to\n"
	    "                             |TYPE|; send: the type (default 1)\n"
	    "      --except               the first message of any type but TYPE (> 0)\n"
	    "      --peek                 copy the messages and leave them queued\n"
	    "                             (System V only; never waits)\n"
	    "      --nowait               do not wait: an empty queue, or a full one, is\n"
	    "                             exit status 1\n"
	    "      --timeout DURATION     wait at most DURATION (90, 1.5s, 250ms, 2m, 1h)\n"
	    "  -w, --write                send standard input, as one message or, with\n"
	    "                             -L or -0, a message a record\n"
	    "      --priority N           a POSIX message's priority (0 to %ld, default 0)\n"
	    "  -L, --lines                a message a line, without its newline; receive:\n"
	    "                             a newline after each message\n"
	    "  -0, --null                 the same with NUL-terminated records\n"
	    "  -x, --hex                  show each message as a hex dump (as hexdump -C)\n"
	    "  -J, --json                 a JSON object a line for each message: its type\n"
	    "                             or priority, size, text and base64\n"
	    "  -v, --verbose              say how many messages and bytes moved\n"
	    "      --quiet                say nothing when there is no message\n"
	    "%s"
	    "\n"
	    "Receiving needs read permission, sending write permission.  A message\n"
	    "longer than the queue takes is refused before anything is sent.  A\n"
	    "signal while waiting takes nothing and ends msgcat as the signal would.\n"
	    "\n"
	    "Exit status: 0 done, 1 not done (no message, the queue full, time out,\n"
	    "no such queue, no permission...), 2 usage error: nothing was done.\n",
	    cli_name, cli_name, (long)MQ_PRIO_MAX - 1, cli_help_common(29));
}

/* A decimal number with an optional '-', from min to max; else exit 2. */
static long long
number(const char *opt, const char *arg, long long min, long long max,
    const char *what)
{
	const char *p = arg + (arg[0] == '-');
	unsigned long long v = 0;
	long long r;
	size_t n = strspn(p, "0123456789");

	/* min is at least -LLONG_MAX: the magnitude fits either way */
	if (n == 0 || p[n] != '\0' || (p != arg && min >= 0))
		cli_die(CLI_USAGE, "%s %s: invalid %s", opt, arg, what);
	for (; *p != '\0'; p++) {
		if (v > ((unsigned long long)LLONG_MAX -
		    (unsigned long long)(*p - '0')) / 10)
			break;
		v = v * 10 + (unsigned long long)(*p - '0');
	}
	r = p != arg + n + (arg[0] == '-') ? LLONG_MIN : arg[0] == '-' ?
	    -(long long)v : (long long)v;
	if (r < min || r > max)
		cli_die(CLI_USAGE, "%s %s: %s out of range (%lld to %lld)", opt,
		    arg, what, min, max);
	return r;
}


static const struct cli_one one = {
	IPCK_MSG, "only message queues have messages",
	"-q ID, -Q KEY or --posix-mqueue NAME", "queue",
	"-q ID, -Q KEY, -F PATH -P PROJID or --posix-mqueue NAME", "queue", 1
};

/* What is given, for the checks that options go together. */
struct given {
	const char	*type;		/* -t as typed */
	const char	*prio;		/* --priority as typed */
	int		 count;		/* -n */
	int		 nowait;	/* --nowait itself (--timeout 0 is one too) */
};

/* An option that needs, or cannot have, another: one line, exit 2. */
static void
conflicts(const struct job *j, const struct given *g, int posix)
{
	if (j->wr && (j->peek || j->all || g->count || j->except || j->hex ||
	    j->json))
		cli_die(CLI_USAGE, "-w sends: %s is for receiving",
		    j->peek ? "--peek" : j->all ? "-a" : g->count ? "-n" :
		    j->except ? "--except" : j->hex ? "-x" : "-J");
	if (j->framed && (j->hex || j->json))
		cli_die(CLI_USAGE, "%s and %s do not go together: %s shows each "
		    "message apart", j->sep == '\n' ? "-L" : "-0", j->hex ? "-x" :
		    "-J", j->hex ? "-x" : "-J");
	if (j->hex && j->json)
		cli_die(CLI_USAGE, "-x and -J do not go together");
	if (g->nowait && j->timeout_arg != NULL && j->timeout > 0)
		cli_die(CLI_USAGE, "--nowait and --timeout %s do not go together",
		    j->timeout_arg);
	if ((j->all || j->peek) && j->timeout_arg != NULL)
		cli_die(CLI_USAGE, "--timeout %s: %s never waits",
		    j->timeout_arg, j->peek ? "--peek" : "-a");
	if (j->except && (g->type == NULL || j->type <= 0))
		cli_die(CLI_USAGE, "--except needs -t TYPE with a TYPE above 0");
	if (g->prio != NULL && (!j->wr || !posix))
		cli_die(CLI_USAGE, "--priority %s: only a message sent to a POSIX "
		    "queue (-w --posix-mqueue) has one", g->prio);
	if (posix && g->type != NULL)
		cli_die(CLI_USAGE, "-t %s: a POSIX queue has no types: %s",
		    g->type, j->wr ? "send with --priority N" : "it gives the "
		    "oldest message of the highest priority");
	if (posix && j->except)
		cli_die(CLI_USAGE, "--except: a POSIX queue has no types");
	if (posix && j->peek)
		cli_die(CLI_USAGE, "--peek: a POSIX queue cannot be looked at "
		    "without taking the message (mq_receive always takes it)");
	if (j->wr && g->type != NULL && j->type < 1)
		cli_die(CLI_USAGE, "-t %s: a message's type is 1 or more",
		    g->type);
}

static void
parse(int argc, char *argv[], struct job *j)
{
	struct cli_opts o = { CLI_TAKES_JSON | CLI_TAKES_TARGETS |
	    CLI_TAKES_FTOK, &one, 0, { NULL, 0 }, NULL, NULL };
	struct given g = { NULL, NULL, 0, 0 };
	int c;

	while ((c = cli_getopt(argc, argv, "0aLn:t:vwx", longopts, &o)) != -1) {
		switch (c) {
		case '0':
		case 'L':
			if (j->framed && j->sep != (c == 'L' ? '\n' : '\0'))
				cli_die(CLI_USAGE, "-L and -0 do not go together");
			j->framed = 1;
			j->sep = c == 'L' ? '\n' : '\0';
			break;
		case 'a':
			j->all = 1;
			break;
		case 'n':
			j->count = (uint64_t)number("-n", optarg, 1, LLONG_MAX,
			    "count");
			g.count = 1;
			break;
		case 't':
			j->type = (long)number("-t", g.type = optarg, -LONG_MAX,
			    LONG_MAX, "type");
			break;
		case 'v':
			j->verbose = 1;
			break;
		case 'w':
			j->wr = 1;
			break;
		case 'x':
			j->hex = 1;
			break;
		case OPT_EXCEPT:
			j->except = 1;
			break;
		case OPT_PEEK:
			j->peek = 1;
			break;
		case OPT_NOWAIT:
			j->nowait = g.nowait = 1;
			break;
		case OPT_PRIORITY:
			j->type = (long)number("--priority", g.prio = optarg, 0,
			    MQ_PRIO_MAX - 1, "priority");
			break;
		case OPT_QUIET:
			j->quiet = 1;
			break;
		case OPT_TIMEOUT:
			j->timeout = cli_timeout_arg(j->timeout_arg = optarg);
			if (j->timeout == 0)
				j->nowait = 1;
			break;
		default:
			abort();	/* getopt gives only the letters asked for */
		}
	}
	json_init(&j->out, stdout);
	j->json = o.json ? &j->out : NULL;
	j->targets = o.targets;
	j->t = cli_one_done(&one, &j->targets, argc, argv, o.path, o.proj);
	if (g.type == NULL && g.prio == NULL && j->wr)
		j->type = j->t->ref.kind == IPCK_MSG;	/* type 1, priority 0 */
	conflicts(j, &g, j->t->ref.kind == IPCK_PMSG);
	cli_getopt_done();
}

int
main(int argc, char *argv[])
{
	struct job j;
	int rc;

	memset(&j, 0, sizeof(j));
	cli_init("msgcat", usage);
	parse(argc, argv, &j);
	if (cli_target_stat(j.t, &j.o) < 0) {
		cli_targets_free(&j.targets);
		return CLI_FAIL;
	}
	if (ipck_queue_open(&j.q, &j.o, j.wr ? IPCK_Q_WRITE : IPCK_Q_READ) < 0) {
		rc = msgcat_fail(&j, errno == ENOENT ? EINVAL : errno, 0, NULL);
		cli_targets_free(&j.targets);
		return rc;
	}
	cli_wait_init(j.nowait ? 0 : j.timeout);
	if (j.wr)
		rc = msgcat_send(&j);
	else {
		/* a message taken is written, or said lost: never a silent end */
		signal(SIGPIPE, SIG_IGN);
		rc = msgcat_recv(&j);
	}
	ipck_queue_close(&j.q);
	cli_targets_free(&j.targets);
	/* a stdout that failed was said once, with what it lost */
	return j.lost ? rc : cli_finish(rc);
}
