/* SPDX-License-Identifier: MIT */
/* Messages, exit status and small lookups that every ipckit tool shares. */
#include <errno.h>
#include <getopt.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

const char *cli_name = "ipckit";
static int write_fail = CLI_FAIL;

void
cli_init(const char *name, int write_status)
{
	cli_name = name;
	write_fail = write_status;
}

static void __attribute__((format(printf, 1, 0)))
vmsg(const char *fmt, va_list ap)
{
	fprintf(stderr, "%s: ", cli_name);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void
cli_err(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(fmt, ap);
	va_end(ap);
}

noreturn void
cli_die(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(fmt, ap);
	va_end(ap);
	exit(status);
}

noreturn void
cli_bad_option(int c, const char *arg)
{
	char shortopt[3] = { '-', (char)optopt, '\0' };
	const char *name = shortopt;

	/*
	 * A bad short option is in optopt.  A long one is only in argv, and
	 * arg, argv[optind - 1], is it only for an unknown long option (optopt
	 * 0) or a missing argument, which always ends the word it stands in.
	 */
	if (strncmp(arg, "--", 2) == 0 && (optopt == 0 || c == ':'))
		name = arg;
	if (c == ':')
		cli_die(CLI_USAGE, "option '%.*s' needs an argument; try '%s --help'",
		    (int)strcspn(name, "="), name, cli_name);
	cli_die(CLI_USAGE, "unknown option '%.*s'; try '%s --help'",
	    (int)strcspn(name, "="), name, cli_name);
}

int
cli_version(void)
{
	printf("%s (ipckit) %s\n", cli_name, ipck_version());
	return cli_finish(CLI_OK);
}

int
cli_finish(int rc)
{
	/* `tool > /dev/full` must not exit 0: the data never arrived */
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_err("write error: %s", strerror(errno));
		return rc > write_fail ? rc : write_fail;
	}
	return rc;
}

/* "name (what n)", or "what n" when there is no name. */
static const char *
named(const char *name, const char *what, unsigned int n, char *buf,
    size_t len)
{
	if (name != NULL)
		snprintf(buf, len, "%s (%s %u)", name, what, n);
	else
		snprintf(buf, len, "%s %u", what, n);
	return buf;
}

const char *
cli_owner(uid_t uid, char *buf, size_t len)
{
	return named(cli_user(uid), "uid", (unsigned int)uid, buf, len);
}

const char *
cli_group_owner(gid_t gid, char *buf, size_t len)
{
	return named(cli_group(gid), "gid", (unsigned int)gid, buf, len);
}

const char *
cli_mode(unsigned int mode, char buf[10])
{
	static const char rwx[] = "rwxrwxrwx";
	int i;

	for (i = 0; i < 9; i++)
		buf[i] = (mode & (0400U >> i)) ? rwx[i] : '-';
	buf[9] = '\0';
	return buf;
}

const char *
cli_tutorial_noun(enum ipck_kind kind)
{
	static const char *const nouns[IPCK_NKINDS] = {
		[IPCK_SHM] = "share memory",
		[IPCK_MSG] = "message queue",
		[IPCK_SEM] = "semaphore",
	};

	return (unsigned int)kind < IPCK_NKINDS ? nouns[kind] : "?";
}

key_t
cli_ftok(const char *path, const char *proj, int path_status)
{
	key_t key;
	int projid;

	if (path == NULL || proj == NULL)
		cli_die(CLI_USAGE, "-F PATH and -P PROJID go together; try '%s --help'",
		    cli_name);
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
	key_t key;

	if (ipck_parse_key(arg, &key) < 0)
		cli_die(CLI_USAGE, "%s: invalid key (0x hex, 0 octal or decimal, "
		    "32 bits)", arg);
	return key;
}

int
cli_id(const char *arg)
{
	int id;

	if (ipck_parse_id(arg, &id) < 0)
		cli_die(CLI_USAGE, "%s: invalid id (a decimal number)", arg);
	return id;
}

uid_t
cli_user_arg(const char *arg)
{
	struct passwd *pw;
	int id;

	/* a number is a uid, named or not: containers are full of those */
	if (ipck_parse_id(arg, &id) == 0)
		return (uid_t)id;
	if (*arg == '\0' || (pw = getpwnam(arg)) == NULL)
		cli_die(CLI_USAGE, "%s: no such user", arg);
	return pw->pw_uid;
}
