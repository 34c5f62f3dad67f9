/* SPDX-License-Identifier: MIT */
/* Messages, exit status and small lookups that every ipckit tool shares. */
#include <errno.h>
#include <grp.h>
#include <getopt.h>
#include <limits.h>
#include <stdint.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

const char *cli_name = "ipckit";
static void (*usage_fn)(void);

void
cli_init(const char *name, void (*usage)(void))
{
	cli_name = name;
	usage_fn = usage;
}

void
cli_usage(void)
{
	if (usage_fn != NULL)
		usage_fn();
}

/*
 * "name: message" on one line.  The message may quote operands and names
 * as they came: whatever a terminal would act on is escaped (names from
 * cli_user are escaped already, and have nothing left to escape).
 */
static void __attribute__((format(printf, 1, 0)))
vmsg(const char *fmt, va_list ap)
{
	char line[4096], safe[4 * sizeof(line)];

	vsnprintf(line, sizeof(line), fmt, ap);
	fprintf(stderr, "%s: %s\n", cli_name, cli_escape(line, safe,
	    sizeof(safe), 0));
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

/* The long options whose names begin with the len bytes of name, as " --a, --b". */
static size_t
matches(const struct option *o, const char *name, size_t len, char *buf,
    size_t size, const struct option **one)
{
	size_t n = 0, at = 0;

	for (; o->name != NULL; o++) {
		if (strncmp(o->name, name, len) != 0)
			continue;
		if (strlen(o->name) == len) {
			/* an exact match is never ambiguous */
			*one = o;
			return 1;
		}
		if (at < size)
			at += (size_t)snprintf(buf + at, size - at, "%s--%s",
			    n ? ", " : "", o->name);
		*one = o;
		n++;
	}
	return n;
}

/*
 * getopt_long leaves optopt 0 for an unknown or ambiguous long option and
 * the option's value for one with an argument too many or too few; for a
 * short option it is the letter.  arg is the word it failed on, but only
 * when that word ended: within "-xv", argv[optind - 1] is the word before.
 */
noreturn void
cli_bad_option(int c, const char *arg, const struct option *longopts)
{
	char shortopt[3] = { '-', (char)optopt, '\0' }, list[512];
	const struct option *o = NULL;
	size_t len = 0, n = 0;

	if (strncmp(arg, "--", 2) == 0 && arg[2] != '\0') {
		len = strcspn(arg + 2, "=");
		n = matches(longopts, arg + 2, len, list, sizeof(list), &o);
	}
	if (len == 0 || (optopt != 0 && (n != 1 || o->flag != NULL ||
	    o->val != optopt))) {
		if (c == ':')
			cli_die(CLI_USAGE, "option '%s' needs an argument; try "
			    "'%s --help'", shortopt, cli_name);
		cli_die(CLI_USAGE, "unknown option '%s'; try '%s --help'",
		    shortopt, cli_name);
	}
	if (n > 1)
		cli_die(CLI_USAGE, "option '%.*s' is ambiguous (%s); try '%s "
		    "--help'", (int)len + 2, arg, list, cli_name);
	if (n == 0)
		cli_die(CLI_USAGE, "unknown option '%.*s'; try '%s --help'",
		    (int)len + 2, arg, cli_name);
	if (c == ':')
		cli_die(CLI_USAGE, "option '--%s' needs an argument; try '%s "
		    "--help'", o->name, cli_name);
	cli_die(CLI_USAGE, "option '--%s' takes no argument; try '%s --help'",
	    o->name, cli_name);
}

void *
cli_grow(void *v, size_t n, size_t size)
{
	void *more;

	/* capacities are powers of two: room is left unless n is one */
	if ((n & (n - 1)) != 0)
		return v;
	more = realloc(v, (n ? 2 * n : 1) * size);
	if (more == NULL)
		cli_die(CLI_FAIL, "%s", strerror(errno));
	return more;
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
		return rc > CLI_FAIL ? rc : CLI_FAIL;
	}
	return rc;
}

/*
 * "name (what n)", or "what n" when there is no name.  A name too long for
 * buf is cut at a character, and marked; the number always stays.
 */
static const char *
named(const char *name, const char *what, unsigned int n, char *buf,
    size_t len)
{
	char tail[32];
	size_t room, at = 0, k;

	if (name == NULL) {
		snprintf(buf, len, "%s %u", what, n);
		return buf;
	}
	snprintf(tail, sizeof(tail), " (%s %u)", what, n);
	if (strlen(name) + strlen(tail) < len) {
		snprintf(buf, len, "%s%s", name, tail);
		return buf;
	}
	room = len > strlen(tail) + 4 ? len - strlen(tail) - 4 : 0;
	while (name[at] != '\0' && cli_utf8(name + at, &k) >= 0 &&
	    at + k <= room)
		at += k;
	snprintf(buf, len, "%.*s...%s", (int)at, name, tail);
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
	if (*arg == '\0' || (pw = getpwnam(arg)) == NULL)
		cli_die(CLI_USAGE, "%s %s: no such user", opt, whole != NULL ?
		    whole : arg);
	return pw->pw_uid;
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

/*
 * The lines of --help every tool ends its options with (--ns, -h, -V),
 * their descriptions at column col, as the tool's own.
 */
const char *
cli_help_common(int col)
{
	static char buf[512];

	snprintf(buf, sizeof(buf), "%-*s%s\n%-*s%s\n%-*s%s\n%-*s%s\n",
	    col, "      --ns PID|PATH",
	    "the IPC namespace of process PID, or of a file",
	    col, "", "such as /proc/PID/ns/ipc (see the man page)",
	    col, "  -h, --help", "show this help",
	    col, "  -V, --version", "show the version");
	return buf;
}
