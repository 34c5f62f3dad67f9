/* SPDX-License-Identifier: MIT */
/*
 * Operands that must parse before anything is done: keys, ids, users,
 * groups and the ftok pair, each the value or one line that names the
 * operand, and exit 2.  The wording is the same in every tool.
 */
#include <errno.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "args.h"
#include "msg.h"

key_t
cli_ftok(const char *path, const char *proj, int path_status)
{
	key_t key;
	int projid;

	if (path == NULL || proj == NULL)
		cli_die(CLI_USAGE, "-F PATH and -P PROJID go together; try '%s --help'",
		    cli_name);
	if (ipck_parse_projid(proj, &projid) < 0 && errno == ERANGE)
		cli_die(CLI_USAGE, "%s: project id out of range (at most %d)",
		    proj, INT_MAX);
	if (ipck_parse_projid(proj, &projid) < 0)
		cli_die(CLI_USAGE, "%s: invalid project id (a number or one "
		    "character, with a low byte that is not 0)", proj);
	if (ipck_ftok(path, projid, &key) < 0)
		cli_die(path_status, "%s: %s", path, strerror(errno));
	return key;
}

key_t
cli_key(const char *arg)
{
	return cli_key_opt(NULL, arg);
}

key_t
cli_key_opt(const char *opt, const char *arg)
{
	key_t key;

	if (ipck_parse_key(arg, &key) == 0)
		return key;
	if (errno == ERANGE)
		cli_die(CLI_USAGE, "%s%s%s: key out of range (at most 0xffffffff)",
		    opt != NULL ? opt : "", opt != NULL ? " " : "", arg);
	cli_die(CLI_USAGE, "%s%s%s: invalid key (0x hex, 0 octal or decimal, "
	    "32 bits)", opt != NULL ? opt : "", opt != NULL ? " " : "", arg);
}

key_t
cli_key_hex(const char *arg)
{
	key_t key;

	if (ipck_parse_key_hex(arg, &key) == 0)
		return key;
	if (errno == ERANGE)
		cli_die(CLI_USAGE, "%s: key out of range (at most 0xffffffff)",
		    arg);
	cli_die(CLI_USAGE, "%s: invalid key (hexadecimal, 32 bits)", arg);
}

int
cli_id(const char *arg)
{
	return cli_id_opt(NULL, arg);
}

int
cli_id_opt(const char *opt, const char *arg)
{
	int id;

	if (ipck_parse_id(arg, &id) == 0)
		return id;
	if (errno == ERANGE)
		cli_die(CLI_USAGE, "%s%s%s: id out of range (at most %d)", opt !=
		    NULL ? opt : "", opt != NULL ? " " : "", arg, INT_MAX);
	cli_die(CLI_USAGE, "%s%s%s: invalid id (a decimal number)", opt != NULL ?
	    opt : "", opt != NULL ? " " : "", arg);
}

uid_t
cli_user_arg(const char *arg, const char *opt, const char *whole)
{
	struct passwd *pw;
	uid_t uid;

	/* a number is a uid, named or not: containers are full of those */
	if (ipck_parse_uid(arg, &uid) == 0)
		return uid;
	if (errno == ERANGE)
		cli_die(CLI_USAGE, "%s %s: uid out of range (at most %u)", opt,
		    whole != NULL ? whole : arg, UINT32_MAX - 1);
	if (*arg != '\0' && (pw = getpwnam(arg)) != NULL)
		return pw->pw_uid;
	cli_die(CLI_USAGE, "%s %s: no such user", opt, whole != NULL ? whole :
	    arg);
}

gid_t
cli_group_arg(const char *arg, const char *opt, const char *whole)
{
	struct group *gr;
	gid_t gid;

	if (ipck_parse_gid(arg, &gid) == 0)
		return gid;
	if (*arg != '\0' && (gr = getgrnam(arg)) != NULL)
		return gr->gr_gid;
	cli_die(CLI_USAGE, "%s %s: no such group", opt, whole != NULL ? whole :
	    arg);
}
