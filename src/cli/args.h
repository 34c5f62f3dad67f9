/* SPDX-License-Identifier: MIT */
/* The tools' helpers: operands parsed before anything is done: keys, ids, users, groups (args.c). */
#ifndef IPCK_CLI_ARGS_H
#define IPCK_CLI_ARGS_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "ipckit.h"

/*
 * Operands that must parse before anything is done: the value, or one line
 * naming the operand and exit 2.  The wording is the same in every tool.
 */
key_t	cli_key(const char *arg);		/* 0x hex, 0 octal, decimal */
key_t	cli_key_hex(const char *arg);		/* the tutorial's: hex, 0x or not */
int	cli_id(const char *arg);		/* a decimal id */
/* The same for an option's value: a usage error names the option too. */
key_t	cli_key_opt(const char *opt, const char *arg);
int	cli_id_opt(const char *opt, const char *arg);
/*
 * A user name or a uid, a group name or a gid: else a usage error that
 * names the option and the operand as typed (whole; NULL: arg).
 */
uid_t	cli_user_arg(const char *arg, const char *opt, const char *whole);
gid_t	cli_group_arg(const char *arg, const char *opt, const char *whole);

/* The key from -F PATH -P PROJID; a bad PROJID exits 2, a bad PATH exits path_status. */
key_t	cli_ftok(const char *path, const char *proj, int path_status);

#endif /* IPCK_CLI_ARGS_H */
