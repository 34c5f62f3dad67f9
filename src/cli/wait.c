/* SPDX-License-Identifier: MIT */
/*
 * Waits that a signal or --timeout ends (msgcat, semop).
 *
 * The handlers have SA_RESTART, so a write to standard output that a
 * signal interrupts goes on, while System V calls (msgsnd, msgrcv, semop)
 * are never restarted after a handler (signal(7)) and fail with EINTR,
 * having done nothing.  POSIX queues and semaphores would be restarted:
 * around a wait, cli_wait_begin puts handlers without SA_RESTART in place
 * and cli_wait_end puts the first ones back.  A timer's SIGALRM ends a
 * wait the same way, which is how a System V call gets a timeout.
 *
 * A signal that comes after cli_wait_begin looked but before the call
 * began waiting is the race every such loop has: a caught signal starts
 * the timer too, every millisecond, and the next tick ends the call.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "wait.h"
#include "msg.h"

static const int sigs[] = { SIGALRM, SIGINT, SIGTERM, SIGHUP };
#define NSIGS	(sizeof(sigs) / sizeof(sigs[0]))

static volatile sig_atomic_t caught;	/* the signal that asks to stop */
static volatile sig_atomic_t sent;	/* ... from a process (kill), not a terminal */
static volatile sig_atomic_t rang;	/* the timer went off */
static timer_t timer;
static int have_timer;
static int timed;			/* a timeout is running */
static int handled[NSIGS];		/* ours: not ignored when we began */

static void
tick(long long first_ns)
{
	struct itimerspec it = {
		{ 0, 1000000 },
		{ (time_t)(first_ns / 1000000000), (long)(first_ns % 1000000000) }
	};

	if (have_timer)
		timer_settime(timer, 0, &it, NULL);	/* async-signal-safe */
}

static void
on_signal(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	if (sig == SIGALRM) {
		rang = 1;
		return;
	}
	caught = sig;
	/* a terminal's Ctrl-C is the kernel's (SI_KERNEL); kill(2)'s is a process's */
	sent = si != NULL && si->si_code <= 0;
	tick(1000000);
}

static int
make_timer(void)
{
	struct sigevent ev;

	if (have_timer)
		return 0;
	memset(&ev, 0, sizeof(ev));
	ev.sigev_notify = SIGEV_SIGNAL;
	ev.sigev_signo = SIGALRM;
	if (timer_create(CLOCK_MONOTONIC, &ev, &timer) < 0)
		return -1;
	have_timer = 1;
	return 0;
}

/* Our handlers, restarting what they interrupt or not. */
static void
handlers(int restart)
{
	struct sigaction sa;
	size_t i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_signal;
	sa.sa_flags = SA_SIGINFO | (restart ? SA_RESTART : 0);
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < NSIGS; i++)
		sigaddset(&sa.sa_mask, sigs[i]);
	for (i = 0; i < NSIGS; i++)
		if (handled[i])
			sigaction(sigs[i], &sa, NULL);
}

void
cli_wait_init(uint64_t timeout_ns)
{
	struct sigaction old;
	size_t i;

	/* a signal ignored when we began stays ignored, as the shell meant */
	for (i = 0; i < NSIGS; i++)
		handled[i] = sigs[i] == SIGALRM || (sigaction(sigs[i], NULL,
		    &old) == 0 && old.sa_handler != SIG_IGN);
	handlers(1);
	if (timeout_ns == 0)
		return;
	if (make_timer() < 0)
		cli_die(CLI_FAIL, "cannot start a timer: %s",
		    strerror(errno));
	timed = 1;
	tick(timeout_ns > (uint64_t)INT64_MAX ? INT64_MAX :
	    (long long)timeout_ns);
}

int
cli_wait_over(void)
{
	if (caught)
		return caught;
	return rang && timed ? CLI_WAIT_TIMEOUT : 0;
}

int
cli_wait_sent(void)
{
	return caught && sent;
}

int
cli_wait_begin(void)
{
	if (make_timer() < 0)
		cli_die(CLI_FAIL, "cannot start a timer: %s",
		    strerror(errno));
	handlers(0);
	return cli_wait_over();
}

void
cli_wait_end(void)
{
	int saved = errno;

	handlers(1);
	errno = saved;
}

void
cli_wait_quiet(void)
{
	struct itimerspec off;

	memset(&off, 0, sizeof(off));
	if (have_timer)
		timer_settime(timer, 0, &off, NULL);
	timed = 0;
}

void
cli_wait_die(int sig)
{
	struct sigaction sa;
	sigset_t one;

	cli_wait_quiet();
	fflush(stdout);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_DFL;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
	sigemptyset(&one);
	sigaddset(&one, sig);
	sigprocmask(SIG_UNBLOCK, &one, NULL);
	raise(sig);
	/* not reached: each of the signals caught ends a process */
	exit(128 + sig);
}

uint64_t
cli_timeout_arg(const char *arg)
{
	uint64_t ns;

	if (ipck_parse_wait(arg, &ns) < 0)
		cli_die(CLI_USAGE, "--timeout %s: %s", arg, errno == ERANGE ?
		    "too long (at most about 584 years)" : "invalid duration "
		    "(90, 1.5s, 250ms, 2m, 1h, 1d)");
	return ns;
}
