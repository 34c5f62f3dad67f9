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

#include "cli.h"
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

/* What the command line asks for. */
struct job {
	const struct cli_target	*t;
	struct ipck_obj		 o;
	struct ipck_semset	 s;
	int			 get;
	int			 verbose;
	struct cli_json		*json;		/* -J: out; else NULL */
	struct cli_json		 out;
	unsigned int		 flags;		/* IPCK_UNDO, IPCK_NOWAIT */
	const char		*timeout_arg;
	uint64_t		 timeout;	/* ns; 0: none */
	struct ipck_semop	*ops;
	char			**opargs;	/* each operation as typed */
	size_t			 nops;
	char			**sets;		/* each --set as typed */
	size_t			 nsets;
	char			**cmd;		/* after --, or NULL */
	int			*vals;		/* --set's values, -1 for none */
	struct cli_targets	 targets;	/* the one set named */
};

static struct job job;

static const struct cli_one one = {
	IPCK_SEM, "only semaphore sets have semaphores",
	"-s ID, -S KEY or --posix-semaphore NAME", "semaphore set",
	"-s ID, -S KEY, -F PATH -P PROJID or --posix-semaphore NAME", "set", 0
};

/* Everything parse() allocated, before an exit. */
static void
done(void)
{
	free(job.ops);
	free(job.sets);
	free(job.vals);
	cli_targets_free(&job.targets);
	ipck_semset_close(&job.s);
}

static void
operands(int argc, char *argv[], int ftok)
{
	int i = optind;

	/* getopt took a "--" that came before any operation: a command follows */
	if (optind > 1 && optind < argc && strcmp(argv[optind - 1], "--") == 0) {
		job.cmd = argv + optind;
		return;
	}
	/* the ftok form's TYPE, as the other tools take it: only sem */
	if (ftok && i < argc && (strcmp(argv[i], "sem") == 0 ||
	    strcmp(argv[i], "2") == 0))
		i++;
	for (; i < argc && strcmp(argv[i], "--") != 0; i++) {
		job.ops = cli_grow(job.ops, job.nops, sizeof(*job.ops));
		/* an operation begins with its index: this is an option */
		if (argv[i][0] == '-' && argv[i][1] != '\0')
			cli_die(CLI_USAGE, "%s: options go before the operations "
			    "(%s [OPTION]... INDEX:DELTA... [-- CMD])", argv[i],
			    cli_name);
		if (ipck_parse_semop(argv[i], &job.ops[job.nops]) < 0)
			cli_die(CLI_USAGE, "%s: %s", argv[i], errno == ERANGE ?
			    "out of range (INDEX 0 to 65535, DELTA -32768 to "
			    "+32767)" : "invalid operation (INDEX:DELTA, such as "
			    "0:-1; a command goes after --)");
		job.nops++;
	}
	job.opargs = argv + optind + (argc > optind && ftok &&
	    (strcmp(argv[optind], "sem") == 0 || strcmp(argv[optind], "2") == 0));
	if (i < argc) {
		if (i + 1 == argc)
			cli_die(CLI_USAGE, "--: no command after it");
		job.cmd = argv + i + 1;
	}
}

/* Options that need, or cannot have, another: one line, exit 2. */
static void
conflicts(int posix)
{
	size_t i;

	if (job.cmd != NULL && job.nops == 0)
		cli_die(CLI_USAGE, "-- %s: a command needs an operation before it "
		    "(such as 0:-1)", job.cmd[0]);
	if (job.get + (job.nsets > 0) + (job.nops > 0) == 0)
		cli_die(CLI_USAGE, "nothing to do: INDEX:DELTA..., -g or --set; "
		    "try '%s --help'", cli_name);
	if (job.get + (job.nsets > 0) + (job.nops > 0) > 1)
		cli_die(CLI_USAGE, "%s and %s do not go together", job.get ? "-g" :
		    "--set", job.nops > 0 ? "operations" : "--set");
	if (job.nops == 0 && ((job.flags & (IPCK_UNDO | IPCK_NOWAIT)) ||
	    job.timeout_arg != NULL))
		cli_die(CLI_USAGE, "%s is for operations (INDEX:DELTA)",
		    job.flags & IPCK_UNDO ? "-u" : job.timeout_arg != NULL ?
		    "--timeout" : "--nowait");
	if (job.json && !job.get)
		cli_die(CLI_USAGE, "-J is for -g");
	if (!posix)
		return;
	if (job.nops > 1)
		cli_die(CLI_USAGE, "%s: a POSIX semaphore takes one operation at a "
		    "time", job.opargs[1]);
	for (i = 0; i < job.nops; i++) {
		if (job.ops[i].num != 0)
			cli_die(CLI_USAGE, "%s: a POSIX semaphore is one: its "
			    "index is 0", job.opargs[i]);
		if (job.ops[i].delta == 0)
			cli_die(CLI_USAGE, "%s: a POSIX semaphore cannot be waited "
			    "on to be 0", job.opargs[i]);
		if (job.ops[i].delta < -1)
			cli_die(CLI_USAGE, "%s: a POSIX semaphore is taken one at "
			    "a time (0:-1)", job.opargs[i]);
		if ((job.flags & IPCK_UNDO) && (job.cmd == NULL ||
		    job.ops[i].delta != -1))
			cli_die(CLI_USAGE, "-u: a POSIX semaphore has no undo; "
			    "with 0:-1 -- CMD, semop gives it back when CMD ends");
	}
}

static void
parse(int argc, char *argv[])
{
	struct cli_opts o = { CLI_TAKES_JSON | CLI_TAKES_TARGETS |
	    CLI_TAKES_FTOK, &one, 0, { NULL, 0 }, NULL, NULL };
	int c;

	while ((c = cli_getopt(argc, argv, "guv", longopts, &o)) != -1) {
		switch (c) {
		case 'g':
			job.get = 1;
			break;
		case 'u':
			job.flags |= IPCK_UNDO;
			break;
		case 'v':
			job.verbose = 1;
			break;
		case OPT_SET:
			job.sets = cli_grow(job.sets, job.nsets, sizeof(*job.sets));
			job.sets[job.nsets++] = optarg;
			break;
		case OPT_NOWAIT:
			job.flags |= IPCK_NOWAIT;
			break;
		case OPT_TIMEOUT:
			job.timeout = cli_timeout_arg(job.timeout_arg = optarg);
			break;
		default:
			abort();	/* getopt gives only the letters asked for */
		}
	}
	json_init(&job.out, stdout);
	job.json = o.json ? &job.out : NULL;
	operands(argc, argv, o.path != NULL || o.proj != NULL);
	job.targets = o.targets;
	job.t = cli_one_done(&one, &job.targets, argc, argv, o.path, o.proj);
	if (job.timeout_arg != NULL && (job.flags & IPCK_NOWAIT))
		cli_die(CLI_USAGE, "--nowait and --timeout do not go together");
	if (job.timeout_arg != NULL && job.timeout == 0)
		job.flags |= IPCK_NOWAIT;
	conflicts(job.t->ref.kind == IPCK_PSEM);
	cli_getopt_done();
}

/* The highest value a semaphore of this kind may have. */
static uint64_t
value_max(void)
{
	struct ipck_limits lim;

	if (job.o.kind == IPCK_PSEM)
		return (uint64_t)SEM_VALUE_MAX;
	return ipck_limits(&lim) == 0 ? lim.semvmx : 32767;
}

/* Every index in range of the set, every value too: before anything is done. */
static void
check(int *vals)
{
	struct ipck_limits lim;
	uint64_t max = job.nsets > 0 ? value_max() : 0;
	char wb[4 * NAME_MAX + 64], item[32], *eq;
	const char *p, *q;
	size_t i;
	int idx, v;

	for (i = 0; i < job.nops; i++)
		if (job.ops[i].num >= job.s.nsems)
			cli_die(CLI_USAGE, "%s: %s has %" PRIu64 " semaphore%s "
			    "(0 to %" PRIu64 ")", job.opargs[i], cli_what(&job.o, wb,
			    sizeof(wb)), job.s.nsems, job.s.nsems == 1 ? "" : "s",
			    job.s.nsems - 1);
	if (job.o.kind == IPCK_SEM && job.nops > 1 && ipck_limits(&lim) == 0 &&
	    job.nops > lim.semopm)
		cli_die(CLI_USAGE, "%zu operations: one call takes at most %"
		    PRIu64 " (semopm)", job.nops, lim.semopm);
	for (i = 0; i < job.s.nsems && vals != NULL; i++)
		vals[i] = -1;
	for (i = 0; i < job.nsets; i++)
		for (p = job.sets[i]; *p != '\0'; p = *q == ',' ? q + 1 : q) {
			q = p + strcspn(p, ",");
			if ((size_t)(q - p) >= sizeof(item) ||
			    (memcpy(item, p, (size_t)(q - p)), item[q - p] = '\0',
			    (eq = strchr(item, '=')) == NULL) ||
			    (*eq = '\0', ipck_parse_id(item, &idx) < 0) ||
			    ipck_parse_id(eq + 1, &v) < 0)
				cli_die(CLI_USAGE, "--set %s: invalid (INDEX=VALUE, "
				    "such as 0=1, or a list: 0=1,1=0)", job.sets[i]);
			if ((uint64_t)idx >= job.s.nsems)
				cli_die(CLI_USAGE, "--set %s: %s has %" PRIu64
				    " semaphore%s (0 to %" PRIu64 ")", job.sets[i],
				    cli_what(&job.o, wb, sizeof(wb)), job.s.nsems,
				    job.s.nsems == 1 ? "" : "s", job.s.nsems - 1);
			if ((uint64_t)v > max)
				cli_die(CLI_USAGE, "--set %s: %d is above the highest "
				    "value, %" PRIu64 " (%s)", job.sets[i], v, max,
				    job.o.kind == IPCK_PSEM ? "SEM_VALUE_MAX" :
				    "semvmx");
			if (vals[idx] >= 0)
				cli_die(CLI_USAGE, "--set %s: semaphore %d given "
				    "twice", job.sets[i], idx);
			vals[idx] = v;
		}
}

/* "0 1 3": the values now, for a line; "" when they cannot be read. */
static const char *
values(char *buf, size_t len)
{
	const struct ipck_semset *s = &job.s;
	uint64_t i;
	size_t k = 0;
	int v[8];

	/* a set of more than 8 is too long for a line */
	buf[0] = '\0';
	if (s->nsems > 8 || (s->kind == IPCK_PSEM && s->psem == NULL) ||
	    ipck_semset_values(&job.s, v) < 0)
		return buf;
	for (i = 0; i < s->nsems && k < len; i++)
		k += (size_t)snprintf(buf + k, len - k, "%s%d", i > 0 ? " " : "",
		    v[i]);
	return buf;
}

/* The line for what failed, and the status; a signal ends semop by it. */
static int
failed(int err, int why, unsigned int want)
{
	char wb[4 * NAME_MAX + 64], vb[64];

	fflush(stdout);
	if (why > 0) {
		if (job.verbose)
			cli_err("%s: stopped by signal %d (%s) while waiting: "
			    "nothing changed", job.t->arg, why, strsignal(why));
		done();
		cli_wait_die(why);
	}
	switch (err) {
	case EAGAIN:
		values(vb, sizeof(vb));
		if (job.timeout_arg != NULL && job.timeout > 0)
			cli_err("%s: %s: not done within %s%s%s%s", job.t->arg,
			    cli_what(&job.o, wb, sizeof(wb)), job.timeout_arg, vb[0] != '\0' ?
			    " (values " : "", vb, vb[0] != '\0' ? ")" : "");
		else
			cli_err("%s: %s: would wait%s%s%s", job.t->arg, cli_what(&job.o, wb,
			    sizeof(wb)), vb[0] != '\0' ? " (values " : "", vb,
			    vb[0] != '\0' ? ")" : "");
		return CLI_FAIL;
	case EINVAL:
		/* a POSIX semaphore's file is read, not looked up by id */
		if (job.o.kind == IPCK_PSEM) {
			cli_err("%s: not a semaphore: its file is too short to hold "
			    "one", job.t->arg);
			return CLI_FAIL;
		}
		/* FALLTHROUGH */
	case ENOENT:	/* a POSIX semaphore's file, replaced meanwhile */
	case EIDRM:
		cli_err("%s: %s was removed%s", job.t->arg, cli_what(&job.o, wb, sizeof(wb)),
		    err == EIDRM ? " while semop waited" : "");
		return CLI_FAIL;
	case EACCES:
		cli_denied(job.t->arg, &job.o, want);
		return CLI_FAIL;
	case ERANGE:
	case EOVERFLOW:
		cli_err("%s: %s: a value would pass the highest, %" PRIu64 " (%s)",
		    job.t->arg, cli_what(&job.o, wb, sizeof(wb)), value_max(),
		    job.o.kind == IPCK_PSEM ? "SEM_VALUE_MAX" : "semvmx");
		return CLI_FAIL;
	default:
		cli_err("%s: %s: %s", job.t->arg, cli_what(&job.o, wb, sizeof(wb)),
		    strerror(err));
		return CLI_FAIL;
	}
}

/* Each value, a line each; -v and -J: waiters and pids too (System V). */
static int
get(void)
{
	struct ipck_semval *v = NULL;
	int *vals, full = job.verbose || job.json != NULL, err;
	uint64_t i, n = job.s.nsems > 0 ? job.s.nsems : 1;

	/* a POSIX semaphore's file was read, which takes read permission alone */
	if (job.o.kind == IPCK_PSEM && !(job.o.have & IPCK_HAVE_VALUE))
		return failed(job.o.u.psem.err, 0, IPCK_MAY_READ);
	if ((vals = calloc(n, sizeof(*vals))) == NULL ||
	    (full && job.o.kind == IPCK_SEM && (v = calloc(n, sizeof(*v))) == NULL))
		cli_die(CLI_FAIL, "out of memory");
	if (job.o.kind == IPCK_PSEM)
		vals[0] = (int)job.o.u.psem.value;
	else if (v != NULL ? ipck_sem_values(job.o.id, job.s.nsems, v) :
	    ipck_semset_values(&job.s, vals)) {
		err = errno;
		free(vals);
		free(v);
		return failed(err, 0, IPCK_MAY_READ);
	}
	if (job.json)
		json_begin(job.json, NULL, '[');
	else if (job.verbose)
		printf("%-10s %-10s %-10s %-10s %s\n", "semnum", "value",
		    "ncount", "zcount", "pid");
	for (i = 0; i < job.s.nsems; i++) {
		if (job.json && v != NULL)
			json_semval(job.json, i, &v[i]);
		else if (job.json) {
			json_begin(job.json, NULL, '{');
			json_uint(job.json, "semnum", i);
			json_int(job.json, "value", vals[i]);
		} else if (v != NULL)
			printf("%-10" PRIu64 " %-10d %-10d %-10d %d\n", i, v[i].val,
			    v[i].ncnt, v[i].zcnt, (int)v[i].pid);
		else if (job.verbose)
			printf("%-10" PRIu64 " %-10d %-10s %-10s %s\n", i, vals[i],
			    "-", "-", "-");
		else
			printf("%d\n", vals[i]);
		if (job.json)
			json_end(job.json, '}');
	}
	if (job.json)
		json_end(job.json, ']');
	free(vals);
	free(v);
	return CLI_OK;
}

static int
set(void)
{
	char wb[4 * NAME_MAX + 64], ob[64], nb[64];
	int now;

	if (job.verbose)
		values(ob, sizeof(ob));
	if (ipck_semset_set(&job.s, job.vals) == 0) {
		if (job.verbose)
			cli_err("%s: %s: values %s -> %s", job.t->arg, cli_what(&job.o, wb,
			    sizeof(wb)), ob, values(nb, sizeof(nb)));
		return CLI_OK;
	}
	if (errno == ERANGE && job.o.kind == IPCK_PSEM) {
		now = sem_getvalue(job.s.psem, &now) == 0 ? now : -1;
		cli_err("%s: %s is at %d: it can only be raised here, by "
		    "sem_post; lower it by taking: %s --posix-semaphore %s 0:-1",
		    job.t->arg, cli_what(&job.o, wb, sizeof(wb)), now, cli_name, job.t->arg);
		return CLI_FAIL;
	}
	return failed(errno, 0, IPCK_MAY_WRITE);
}

/* The operations as typed, joined: "0:-1 1:+1". */
static const char *
typed(char *buf, size_t len)
{
	size_t i, k = 0;

	buf[0] = '\0';
	for (i = 0; i < job.nops && k < len; i++)
		k += (size_t)snprintf(buf + k, len - k, "%s%s", i > 0 ? " " : "",
		    job.opargs[i]);
	return buf;
}

/* The operations, waited for as asked: 0, or the status after the line. */
static int
operate(void)
{
	struct timespec deadline = { 0, 0 }, now, left, *tp = NULL;
	unsigned int want = IPCK_MAY_READ;
	size_t i;
	int r, err, why;

	for (i = 0; i < job.nops; i++)
		if (job.ops[i].delta != 0)
			want = IPCK_MAY_WRITE;
	cli_wait_init(0);
	if (job.timeout > 0) {
		clock_gettime(CLOCK_MONOTONIC, &deadline);
		deadline.tv_sec += (time_t)(job.timeout / 1000000000);
		deadline.tv_nsec += (long)(job.timeout % 1000000000);
		if (deadline.tv_nsec >= 1000000000L) {
			deadline.tv_nsec -= 1000000000L;
			deadline.tv_sec++;
		}
	}
	for (;;) {
		if (job.timeout > 0) {
			/* what is left of it, after a signal that did not stop us */
			clock_gettime(CLOCK_MONOTONIC, &now);
			left.tv_sec = deadline.tv_sec - now.tv_sec;
			left.tv_nsec = deadline.tv_nsec - now.tv_nsec;
			if (left.tv_nsec < 0) {
				left.tv_nsec += 1000000000L;
				left.tv_sec--;
			}
			if (left.tv_sec < 0)
				left.tv_sec = left.tv_nsec = 0;
			tp = &left;
		}
		if ((why = cli_wait_begin()) != 0) {
			r = -1;
			err = EINTR;
		} else {
			/* a POSIX semaphore's undo is run_and_give_back's */
			r = ipck_semset_op(&job.s, job.ops, job.nops, job.flags &
			    ~(job.o.kind == IPCK_PSEM ? IPCK_UNDO : 0U), tp);
			err = errno;
			why = r < 0 ? cli_wait_over() : 0;
		}
		cli_wait_end();
		if (r == 0)
			return CLI_OK;
		if (err != EINTR || why != 0)
			return failed(err, why, want);
	}
}

/*
 * What the operations took, given back: each delta negated, at once and
 * without waiting (a give-back only raises, or lowers what was raised).
 */
static void
give_back(void)
{
	char wb[4 * NAME_MAX + 64];
	size_t i, n = 0;

	/* the operations are done with: turned into their inverse in place */
	for (i = 0; i < job.nops; i++)
		if (job.ops[i].delta != 0) {
			job.ops[n].num = job.ops[i].num;
			job.ops[n++].delta = -job.ops[i].delta;
		}
	if (n > 0 && ipck_semset_op(&job.s, job.ops, n, IPCK_NOWAIT, NULL) < 0)
		cli_err("%s: %s: could not be given back: %s", job.t->arg,
		    cli_what(&job.o, wb, sizeof(wb)), strerror(errno));
}

/*
 * CMD in this process, or the exit status for why it could not be.  What
 * was taken for a command that never ran is given back: by the kernel at
 * exit with -u on a System V set, here otherwise (and in a POSIX -u's
 * child, its parent gives it back).
 */
static int
run(int undo)
{
	int err;

	fflush(stdout);
	execvp(job.cmd[0], job.cmd);
	err = errno;
	cli_err("%s: %s", job.cmd[0], strerror(err));
	if (undo)
		give_back();
	/* POSIX's rule for a utility that runs another (env, nice, nohup) */
	return err == ENOENT ? 127 : 126;
}

/* A POSIX semaphore taken for CMD: a child runs it, and it is given back after. */
static int
run_and_give_back(void)
{
	struct ipck_semop back = { 0, 1 };
	char wb[4 * NAME_MAX + 64];
	pid_t pid, r;
	int st = 0, err = 0, sig, forwarded = 0;

	fflush(stdout);
	if ((pid = fork()) == 0) {
		ipck_semset_close(&job.s);
		_exit(run(0));
	}
	if (pid < 0)
		err = errno;
	while (pid > 0) {
		cli_wait_begin();
		r = waitpid(pid, &st, 0);
		err = errno;
		cli_wait_end();
		if (r == pid || (r < 0 && err != EINTR))
			break;
		/* kill(1)'s signal goes on to CMD; a terminal's reached it too */
		if ((sig = cli_wait_over()) > 0 && sig != forwarded) {
			if (cli_wait_sent())
				kill(pid, sig);
			forwarded = sig;
			cli_wait_quiet();
		}
	}
	if (ipck_semset_op(&job.s, &back, 1, 0, NULL) < 0)
		cli_err("%s: %s: could not be given back: %s", job.t->arg,
		    cli_what(&job.o, wb, sizeof(wb)), strerror(errno));
	else if (job.verbose)
		cli_err("%s: %s given back", job.t->arg, cli_what(&job.o, wb, sizeof(wb)));
	if (pid < 0) {
		cli_err("cannot run %s: %s", job.cmd[0], strerror(err));
		return CLI_FAIL;
	}
	if (WIFSIGNALED(st)) {
		done();
		cli_wait_die(WTERMSIG(st));
	}
	return WIFEXITED(st) ? WEXITSTATUS(st) : CLI_FAIL;
}

static int
operations(void)
{
	char wb[4 * NAME_MAX + 64], ob[256], vb[64];
	int rc;

	if ((rc = operate()) != CLI_OK)
		return rc;
	if (job.verbose) {
		values(vb, sizeof(vb));
		cli_err("%s: %s: %s done%s%s%s%s%s", job.t->arg, cli_what(&job.o, wb,
		    sizeof(wb)), typed(ob, sizeof(ob)), vb[0] != '\0' ?
		    " (values now " : "", vb, vb[0] != '\0' ? ")" : "",
		    job.cmd != NULL ? "; running " : "", job.cmd != NULL ?
		    job.cmd[0] : "");
	}
	if (job.cmd == NULL)
		return CLI_OK;
	if (job.o.kind == IPCK_PSEM && (job.flags & IPCK_UNDO))
		return run_and_give_back();
	return run(!(job.flags & IPCK_UNDO));
}

int
main(int argc, char *argv[])
{
	int rc, err;

	cli_init("semop", usage);
	parse(argc, argv);
	if (cli_target_stat(job.t, &job.o) < 0) {
		done();
		return CLI_FAIL;
	}
	job.s.nsems = job.o.kind == IPCK_SEM ? job.o.u.sem.nsems : 1;
	if ((job.o.kind == IPCK_SEM || !job.get) &&
	    ipck_semset_open(&job.s, &job.o) < 0) {
		/* a POSIX semaphore's file: replaced meanwhile, or too short to be one */
		err = errno;
		rc = failed(err, 0, IPCK_MAY_READ | IPCK_MAY_WRITE);
		done();
		return rc;
	}
	if ((job.vals = calloc(job.s.nsems > 0 ? job.s.nsems : 1,
	    sizeof(*job.vals))) == NULL)
		cli_die(CLI_FAIL, "out of memory");
	check(job.vals);
	rc = job.get ? get() : job.nsets > 0 ? set() : operations();
	done();
	return cli_finish(rc);
}
