/* SPDX-License-Identifier: MIT */
/* The tools' helpers: messages, exit status, usage and option errors (msg.c). */
#ifndef IPCK_CLI_MSG_H
#define IPCK_CLI_MSG_H

#include <stddef.h>
#include <stdint.h>
#include <stdnoreturn.h>
#include <sys/types.h>

#include "ipckit.h"

/* Exit statuses shared by every tool (see each man page's EXIT STATUS). */
#define CLI_OK		0
#define CLI_FAIL	1	/* action tools: something failed; query tools: not found */
#define CLI_USAGE	2	/* usage error: nothing was done */

extern const char *cli_name;

struct option;

/*
 * name: the tool's name; usage: what -h prints (cli_usage calls it).
 * Every tool exits 2 for a usage error (and then nothing was done), 1
 * for any other failure, a failed write to stdout too.
 */
void	cli_init(const char *name, void (*usage)(void));
void	cli_usage(void);
/* --help's lines for --ns, -h and -V, the descriptions at column col. */
const char	*cli_help_common(int col);
/* "name: message" on stderr. */
void	cli_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "name: message" on stderr, then exit(status): for errors found before acting. */
noreturn void	cli_die(int status, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/*
 * getopt_long() returned '?' or ':' (option string "+:..."): say which
 * (unknown, ambiguous, missing or unwanted argument) and exit 2.  arg is
 * argv[optind - 1]; longopts the table getopt_long was given.
 */
noreturn void	cli_bad_option(int c, const char *arg,
	    const struct option *longopts);
/*
 * v, an array of n elements of size bytes grown by doubling, with room for
 * one more (it may have moved); out of memory is one line and exit.
 */
void	*cli_grow(void *v, size_t n, size_t size);
/* --version's line. */
int	cli_version(void);

/* Flush stdout; a write error becomes one line and the write status. */
int	cli_finish(int rc);

#endif /* IPCK_CLI_MSG_H */
