/* SPDX-License-Identifier: MIT */
/* Messages, exit status, usage and option errors: what every ipckit tool says alike. */
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

#include "msg.h"
#include "text.h"

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
