/* SPDX-License-Identifier: MIT */
/* The tools' helpers: --ns and --all-namespaces: namespaces entered and described (ns.c). */
#ifndef IPCK_CLI_NS_H
#define IPCK_CLI_NS_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "ipckit.h"

/*
 * Enter the namespaces arg names (ns.c): a process's IPC namespace and
 * its /dev/shm, or a namespace file's.  A bad operand exits 2; a refusal
 * exits with the tool's failure status, one line saying what to do.
 */
void	cli_ns_enter(const char *arg);
/*
 * Every IPC namespace in turn (ns.c), entered (its /dev/shm that of its
 * first process), for fn(ns, 0, arg), then left again; one that cannot
 * be entered gets fn(ns, errno, arg) and a line on stderr; one whose
 * processes left meanwhile only the line.  CLI_FAIL if any failed.
 */
struct cli_ns {
	const struct ipck_nsinfo	*info;
	int				 has_container;
	struct ipck_container		 container;
};
int	cli_each_ns(int (*fn)(const struct cli_ns *ns, int err, void *arg),
	    void *arg);
/* on: cli_each_ns says nothing on stderr (a walk repeated says it once). */
void	cli_ns_quiet(int on);
/* Where the POSIX kinds' files are: here, or the namespace entered's. */
const struct ipck_place	*cli_place(void);
/* Whether kind's objects can be listed in ns (NULL: this one's, yes). */
int	cli_ns_lists(const struct cli_ns *ns, enum ipck_kind kind);
/* "IPC namespace N: 2 processes, the first pid 7 (sleep); container ..." */
void	cli_ns_header(const struct cli_ns *ns);
/* "docker 3f2a1b9c0d1e", or "-". */
const char	*cli_ns_container(const struct cli_ns *ns, char *buf, size_t len);
/* The "namespace" member of a JSON object; err: why it was not entered. */
struct cli_json;
void	cli_json_ns(struct cli_json *j, const struct cli_ns *ns, int err);

#endif /* IPCK_CLI_NS_H */
