/* SPDX-License-Identifier: MIT */
/* The tools' helpers: the names of users and groups, and owners and modes as lines say them (names.c). */
#ifndef IPCK_CLI_NAMES_H
#define IPCK_CLI_NAMES_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "ipckit.h"

/*
 * The name of a uid or gid, or NULL when it has none; each looked up once.
 * cli_user and cli_group give it escaped for a terminal (cli_escape), the
 * _raw forms as the database has it, for JSON.
 */
const char	*cli_user(uid_t uid);
const char	*cli_group(gid_t gid);
const char	*cli_user_raw(uid_t uid);
const char	*cli_group_raw(gid_t gid);

/*
 * "root (uid 0)", or "uid 4242" when the uid has no name.  A name too long
 * for len is cut, never the "(uid N)"; CLI_OWNER_LEN holds any.
 */
#define CLI_OWNER_LEN	320
const char	*cli_owner(uid_t uid, char *buf, size_t len);
/* "root (gid 0)", or "gid 4242". */
const char	*cli_group_owner(gid_t gid, char *buf, size_t len);
/* The permission bits as ls(1) shows them: "rw-r-----". */
const char	*cli_mode(unsigned int mode, char buf[10]);

#endif /* IPCK_CLI_NAMES_H */
