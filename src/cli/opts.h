/* SPDX-License-Identifier: MIT */
/* The tools' helpers: the options every tool shares (opts.c). */
#ifndef IPCK_CLI_OPTS_H
#define IPCK_CLI_OPTS_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "ipckit.h"
#include "target.h"

/*
 * The options every tool shares (opts.c): -h and -V, and -J for a tool
 * whose takes has CLI_TAKES_JSON.  cli_getopt is getopt_long over the
 * tool's own options and these: -h prints the usage and exits 0, -V the
 * version, -J sets json; a bad option is one line and exit 2.  It returns
 * the tool's next option, or -1.  Give own without "+:" and without the
 * shared letters.
 */
#define CLI_TAKES_JSON		0x1
#define CLI_TAKES_TARGETS	0x2	/* -m -M -q -Q -s -S, --posix-* */
#define CLI_TAKES_NAMES		0x4	/* --posix-* alone */
#define CLI_TAKES_FTOK		0x8	/* -F PATH -P PROJID */
struct cli_opts {
	unsigned int		 takes;		/* CLI_TAKES_*: set by the tool */
	const struct cli_one	*one;		/* a tool of one object: its kind */
	int			 json;		/* -J, --json */
	struct cli_targets	 targets;	/* the objects named, in order */
	const char		*path, *proj;	/* -F, -P */
};
/*
 * --ns PID|PATH, which every tool takes: cli_getopt_done enters the IPC
 * namespace it names (ns.c), before the tool looks anything up.
 */
enum { CLI_OPT_NS = 0x170 };
int	cli_getopt(int argc, char *argv[], const char *own,
	    const struct option *ownlong, struct cli_opts *o);
/* Free what cli_getopt built, once parsing is over, and enter --ns's namespace. */
void	cli_getopt_done(void);
/* The --ns operand, or NULL. */
const char	*cli_ns_arg(void);

#endif /* IPCK_CLI_OPTS_H */
