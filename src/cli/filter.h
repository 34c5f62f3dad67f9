/* SPDX-License-Identifier: MIT */
/* The tools' helpers: the filter options ipcs and ipcrm share (filter.c). */
#ifndef IPCK_CLI_FILTER_H
#define IPCK_CLI_FILTER_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "ipckit.h"

/*
 * The filter options of ipcs and ipcrm (filter.c): the long options' values,
 * the entries for a getopt_long table, and their lines of --help.  Both
 * tools also take --creator USER for --created-by, each in its own table:
 * for ipcs, --creator alone is util-linux's table of creators.
 */
enum {
	CLI_OPT_KEY = 0x200, CLI_OPT_PRIVATE, CLI_OPT_WITH_ID, CLI_OPT_OWNER,
	CLI_OPT_CREATED_BY, CLI_OPT_UNATTACHED, CLI_OPT_ORPHANED,
	CLI_OPT_OLDER_THAN
};
#define CLI_FILTER_LONGOPTS \
	{ "key",	required_argument,	NULL,	CLI_OPT_KEY }, \
	{ "private",	no_argument,		NULL,	CLI_OPT_PRIVATE }, \
	{ "with-id",	required_argument,	NULL,	CLI_OPT_WITH_ID }, \
	{ "owner",	required_argument,	NULL,	CLI_OPT_OWNER }, \
	{ "created-by",	required_argument,	NULL,	CLI_OPT_CREATED_BY }, \
	{ "unattached",	no_argument,		NULL,	CLI_OPT_UNATTACHED }, \
	{ "orphaned",	no_argument,		NULL,	CLI_OPT_ORPHANED }, \
	{ "older-than",	required_argument,	NULL,	CLI_OPT_OLDER_THAN }
extern const char cli_filter_help[];
/* The filters as given: what ipck_match reads, and the value lists it points into. */
struct cli_filter {
	struct ipck_filter	 f;
	key_t			*keys;
	int			*ids;
	uid_t			*owners;
	uid_t			*creators;
};
/* 1 when c is a filter option, now added to cf (a bad argument exits 2); else 0. */
int	cli_filter_option(int c, const char *arg, struct cli_filter *cf);
void	cli_filter_free(struct cli_filter *cf);
/*
 * The filters in f that ask what objects of kind do not have (a POSIX
 * object's key, id, creator or pids; what attaches to a queue) are a
 * usage error: exit 2 with the line that says so.
 */
void	cli_filter_for(const struct ipck_filter *f, enum ipck_kind kind);

#endif /* IPCK_CLI_FILTER_H */
