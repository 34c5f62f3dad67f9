/* SPDX-License-Identifier: MIT */
/* Private helpers for ipckit's tools: messages, exit status, option errors, names. */
#ifndef IPCK_CLI_H
#define IPCK_CLI_H

#include <stddef.h>
#include <stdint.h>
#include <stdnoreturn.h>
#include <sys/types.h>
#include <time.h>

#include "ipckit.h"

/* Exit statuses shared by every tool (see each man page's EXIT STATUS). */
#define CLI_OK		0
#define CLI_FAIL	1	/* action tools: something failed; query tools: not found */
#define CLI_USAGE	2	/* usage error, or a query tool's other error */

extern const char *cli_name;

/* name: the tool's name; status: what a failed write to stdout exits with. */
void	cli_init(const char *name, int write_status);
/* "name: message" on stderr. */
void	cli_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "name: message" on stderr, then exit(status): for errors found before acting. */
noreturn void	cli_die(int status, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
struct option;
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
 * Text from the system for a terminal (text.c): bytes that are not UTF-8,
 * control characters (C0, DEL, C1) and the marks that reorder text become
 * \xHH; with CLI_ESC_BACKSLASH a backslash becomes \\, so the escaped
 * form reads back unambiguously.  buf gets as much as fits in len.
 */
#define CLI_ESC_BACKSLASH	0x1
const char	*cli_escape(const char *s, char *buf, size_t len,
	    unsigned int flags);
/* The code point of the UTF-8 sequence at s and its length in *n; -1 if invalid. */
long	cli_utf8(const char *s, size_t *n);
/* Whether a terminal shows code point cp as itself. */
int	cli_printable(long cp);
/*
 * Operands that must parse before anything is done: the value, or one line
 * naming the operand and exit 2.  The wording is the same in every tool.
 */
key_t	cli_key(const char *arg);		/* 0x hex, 0 octal, decimal */
key_t	cli_key_hex(const char *arg);		/* the tutorial's: hex, 0x or not */
int	cli_id(const char *arg);		/* a decimal id */
uid_t	cli_user_arg(const char *arg);	/* a user name or a uid */
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
/* The tutorial's words for a kind: "share memory", "message queue", "semaphore". */
const char	*cli_tutorial_noun(enum ipck_kind kind);
/* The key from -F PATH -P PROJID; a bad PROJID exits 2, a bad PATH exits path_status. */
key_t	cli_ftok(const char *path, const char *proj, int path_status);

/*
 * An object named on the command line (target.c): by id with -m -q -s, by
 * key with -M -Q -S, and util-linux's long names for them.
 */
struct cli_target {
	enum ipck_kind	 kind;
	enum ipck_by	 by;
	int		 id;
	key_t		 key;
	const char	*arg;		/* the operand as typed */
};
#define CLI_TARGET_LONGOPTS \
	{ "shmem-id",		required_argument,	NULL,	'm' }, \
	{ "shmem-key",		required_argument,	NULL,	'M' }, \
	{ "queue-id",		required_argument,	NULL,	'q' }, \
	{ "queue-key",		required_argument,	NULL,	'Q' }, \
	{ "semaphore-id",	required_argument,	NULL,	's' }, \
	{ "semaphore-key",	required_argument,	NULL,	'S' }
/* 1 when c is one of m M q Q s S, now parsed into t (a bad operand exits 2); else 0. */
int	cli_target_option(int c, const char *arg, struct cli_target *t);
/* Their lines of --help. */
extern const char cli_target_help[];
/*
 * The object t names, described in *o: its id, or -1 after one line
 * naming the operand ("No such key", "No such identifier"), errno kept.
 */
int	cli_target_stat(const struct cli_target *t, struct ipck_obj *o);
/* A TYPE operand: shm, msg, sem or 0, 1, 2; else exit 2. */
enum ipck_kind	cli_kind_arg(const char *arg);
/*
 * The ftok form, -F PATH -P PROJID TYPE...: one target by key for each of
 * the ntypes TYPEs, named by the key's text; returns ntypes.  Anything
 * wrong (no TYPE, a bad PROJID or PATH, key 0) exits 2.
 */
int	cli_ftok_targets(const char *path, const char *proj, int ntypes,
	    char *const types[], struct cli_target *t);

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
 * JSON on stdout (json.c).  key is the member's name, NULL inside an array;
 * open and close are '{' '}' or '[' ']'.  json_time writes two members, the
 * time as ISO 8601 and as epoch seconds, both null for 0 (never).
 */
void	json_begin(const char *key, char open);
void	json_end(char close);
void	json_string(const char *s);
void	json_str(const char *key, const char *value);
void	json_int(const char *key, int64_t value);
void	json_uint(const char *key, uint64_t value);
void	json_bool(const char *key, int value);
void	json_time(const char *key, const char *epoch_key, time_t t);
/* An object's record with ipcs(1)'s member names, left open for more. */
void	json_object(const char *key, const struct ipck_obj *o);

#endif /* IPCK_CLI_H */
