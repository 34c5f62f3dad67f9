/* SPDX-License-Identifier: MIT */
/*
 * semop's operations, all at once, and CMD after them: exec'd in this
 * process, or for a POSIX semaphore taken with -u, run by a child and the
 * semaphore given back when it ends.
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


/* The operations, waited for as asked: 0, or the status after the line. */
static int
operate(struct job *j)
{
	struct timespec deadline = { 0, 0 }, now, left, *tp = NULL;
	unsigned int want = IPCK_MAY_READ;
	size_t i;
	int r, err, why;

	for (i = 0; i < j->nops; i++)
		if (j->ops[i].delta != 0)
			want = IPCK_MAY_WRITE;
	cli_wait_init(0);
	if (j->timeout > 0) {
		clock_gettime(CLOCK_MONOTONIC, &deadline);
		deadline.tv_sec += (time_t)(j->timeout / 1000000000);
		deadline.tv_nsec += (long)(j->timeout % 1000000000);
		if (deadline.tv_nsec >= 1000000000L) {
			deadline.tv_nsec -= 1000000000L;
			deadline.tv_sec++;
		}
	}
	for (;;) {
		if (j->timeout > 0) {
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
			r = ipck_semset_op(&j->s, j->ops, j->nops, j->flags &
			    ~(j->o.kind == IPCK_PSEM ? IPCK_UNDO : 0U), tp);
			err = errno;
			why = r < 0 ? cli_wait_over() : 0;
		}
		cli_wait_end();
		if (r == 0)
			return CLI_OK;
		if (err != EINTR || why != 0)
			return semop_failed(j, err, why, want);
	}
}

/*
 * What the operations took, given back: each delta negated, at once and
 * without waiting (a give-back only raises, or lowers what was raised).
 */
static void
give_back(struct job *j)
{
	char wb[4 * NAME_MAX + 64];
	size_t i, n = 0;

	/* the operations are done with: turned into their inverse in place */
	for (i = 0; i < j->nops; i++)
		if (j->ops[i].delta != 0) {
			j->ops[n].num = j->ops[i].num;
			j->ops[n++].delta = -j->ops[i].delta;
		}
	if (n > 0 && ipck_semset_op(&j->s, j->ops, n, IPCK_NOWAIT, NULL) < 0)
		cli_err("%s: %s: could not be given back: %s", j->t->arg,
		    cli_what(&j->o, wb, sizeof(wb)), strerror(errno));
}

/*
 * CMD in this process, or the exit status for why it could not be.  What
 * was taken for a command that never ran is given back: by the kernel at
 * exit with -u on a System V set, here otherwise (and in a POSIX -u's
 * child, its parent gives it back).
 */
static int
run(struct job *j, int undo)
{
	int err;

	fflush(stdout);
	execvp(j->cmd[0], j->cmd);
	err = errno;
	cli_err("%s: %s", j->cmd[0], strerror(err));
	if (undo)
		give_back(j);
	/* POSIX's rule for a utility that runs another (env, nice, nohup) */
	return err == ENOENT ? 127 : 126;
}

/* A POSIX semaphore taken for CMD: a child runs it, and it is given back after. */
static int
run_and_give_back(struct job *j)
{
	struct ipck_semop back = { 0, 1 };
	char wb[4 * NAME_MAX + 64];
	pid_t pid, r;
	int st = 0, err = 0, sig, forwarded = 0;

	fflush(stdout);
	if ((pid = fork()) == 0) {
		ipck_semset_close(&j->s);
		_exit(run(j, 0));
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
	if (ipck_semset_op(&j->s, &back, 1, 0, NULL) < 0)
		cli_err("%s: %s: could not be given back: %s", j->t->arg,
		    cli_what(&j->o, wb, sizeof(wb)), strerror(errno));
	else if (j->verbose)
		cli_err("%s: %s given back", j->t->arg, cli_what(&j->o, wb, sizeof(wb)));
	if (pid < 0) {
		cli_err("cannot run %s: %s", j->cmd[0], strerror(err));
		return CLI_FAIL;
	}
	if (WIFSIGNALED(st)) {
		semop_done(j);
		cli_wait_die(WTERMSIG(st));
	}
	return WIFEXITED(st) ? WEXITSTATUS(st) : CLI_FAIL;
}

int
semop_operations(struct job *j)
{
	char wb[4 * NAME_MAX + 64], ob[256], vb[64];
	int rc;

	if ((rc = operate(j)) != CLI_OK)
		return rc;
	if (j->verbose) {
		semop_values(j, vb, sizeof(vb));
		cli_err("%s: %s: %s done%s%s%s%s%s", j->t->arg, cli_what(&j->o, wb,
		    sizeof(wb)), semop_typed(j, ob, sizeof(ob)), vb[0] != '\0' ?
		    " (values now " : "", vb, vb[0] != '\0' ? ")" : "",
		    j->cmd != NULL ? "; running " : "", j->cmd != NULL ?
		    j->cmd[0] : "");
	}
	if (j->cmd == NULL)
		return CLI_OK;
	if (j->o.kind == IPCK_PSEM && (j->flags & IPCK_UNDO))
		return run_and_give_back(j);
	return run(j, !(j->flags & IPCK_UNDO));
}
