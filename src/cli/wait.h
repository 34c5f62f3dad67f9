/* SPDX-License-Identifier: MIT */
/* The tools' helpers: waits that a signal or a timeout ends (wait.c). */
#ifndef IPCK_CLI_WAIT_H
#define IPCK_CLI_WAIT_H

#include <stddef.h>
#include <stdint.h>
#include <stdnoreturn.h>
#include <sys/types.h>

#include "ipckit.h"

/*
 * Waits that a signal or a timeout ends (wait.c), for msgcat and semop.
 * cli_wait_init catches SIGINT, SIGTERM and SIGHUP (those not ignored)
 * and starts the timeout's clock (ns; 0: none).  A call that may wait
 * goes between cli_wait_begin and cli_wait_end: a signal or the timeout
 * ends it with EINTR, and it has done nothing.  cli_wait_begin and
 * cli_wait_over say why not to wait (any longer): 0 there is none,
 * CLI_WAIT_TIMEOUT, or the signal's number.  cli_wait_quiet stops the
 * clock; cli_wait_die flushes stdout and ends the process by the signal,
 * as if it had not been caught (the shell sees 128 + sig).
 */
#define CLI_WAIT_TIMEOUT	(-1)
/* --timeout's DURATION in nanoseconds (ipck_parse_wait); a bad one exits 2. */
uint64_t	cli_timeout_arg(const char *arg);
void	cli_wait_init(uint64_t timeout_ns);
int	cli_wait_begin(void);
void	cli_wait_end(void);
int	cli_wait_over(void);
/* The signal caught came from a process (kill), not from a terminal. */
int	cli_wait_sent(void);
void	cli_wait_quiet(void);
noreturn void	cli_wait_die(int sig);

#endif /* IPCK_CLI_WAIT_H */
