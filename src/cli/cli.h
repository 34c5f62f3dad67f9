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
#define CLI_USAGE	2	/* usage error: nothing was done */

extern const char *cli_name;

struct option;

/*
 * name: the tool's name; usage: what -h prints (cli_usage calls it).
 * Every tool exits 2 for a usage error (and then nothing was done), 1
 * for any other failure, a failed write to stdout too.
 */
void	cli_init(const char *name, void (*usage)(void));
void	cli_usage(void);
/* --help's lines for --ns, -h and -V, the descriptions at column col. */
const char	*cli_help_common(int col);
/* "name: message" on stderr. */
void	cli_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "name: message" on stderr, then exit(status): for errors found before acting. */
noreturn void	cli_die(int status, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
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
struct cli_one;
struct cli_target;
struct cli_targets {
	struct cli_target	*v;
	size_t			 n;
};
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
/* Whether the n bytes at s (which a NUL follows) are all valid UTF-8. */
int	cli_utf8_valid(const void *s, size_t n);
/* Whether a terminal shows code point cp as itself. */
int	cli_printable(long cp);
/* The columns a terminal gives code point cp: 0 (a combining mark), 1 or 2 (wide). */
int	cli_cp_columns(long cp);
/*
 * Escaped text (cli_escape's) as a table cell: at most cut columns of it,
 * never part of a character, then spaces up to width columns.
 */
void	cli_cell(const char *s, int width, int cut);
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
/* The key from -F PATH -P PROJID; a bad PROJID exits 2, a bad PATH exits path_status. */
key_t	cli_ftok(const char *path, const char *proj, int path_status);

/*
 * Objects named on the command line (target.c): by id with -m -q -s, by
 * key with -M -Q -S (util-linux's long names for them), by the ftok form;
 * each a reference and the operand as typed, in a vector that owns its
 * memory.  Keep a vector at file scope, so that a usage error's exit
 * leaves it reachable (LeakSanitizer counts what is not).
 */
struct cli_target {
	struct ipck_ref	 ref;
	const char	*arg;		/* the operand as typed */
};
void	cli_targets_add(struct cli_targets *ts, const struct cli_target *t);
void	cli_targets_free(struct cli_targets *ts);
/* POSIX objects by name: util-linux 2.41's long options (no letters). */
enum {
	CLI_OPT_PSHM = 0x180, CLI_OPT_PMSG, CLI_OPT_PSEM
};
extern const char cli_posix_help[];
/*
 * 1 when c is one of m M q Q s S or a CLI_OPT_P*, its operand parsed and
 * added (a bad one exits 2, naming the rule a bad name broke); else 0.
 */
int	cli_target_option(int c, const char *arg, struct cli_targets *ts);
/* Their lines of --help. */
extern const char cli_target_help[];
/*
 * After the options: with -F or -P, the TYPE operands the ftok form names
 * (cli_ftok_targets); without, no operand at all ("X: unexpected operand").
 */
void	cli_ftok_operands(const char *path, const char *proj, int argc,
	    char *argv[], struct cli_targets *ts);
/*
 * A tool of one object, of a System V kind or its POSIX cousin (shmcat,
 * msgcat, semop).  cli_one_option adds c's operand, or exits 2 when it
 * names another kind ("-q 3: ONLY (HINT)"); cli_one_done, after the
 * options, adds the ftok form's target (of TYPE operands, with types, or
 * of kind), refuses operands a tool with types does not take, and
 * returns the one target: none is "no NOUN named: NONE", two "ARG: one
 * EACH at a time".
 */
struct cli_one {
	enum ipck_kind	 kind;		/* IPCK_SHM, IPCK_MSG or IPCK_SEM */
	const char	*only;		/* "only message queues have messages" */
	const char	*hint;		/* "-q ID, -Q KEY or --posix-mqueue NAME" */
	const char	*noun;		/* "queue" */
	const char	*none;		/* "-q ID, -Q KEY, -F PATH -P PROJID or ..." */
	const char	*each;		/* "queue" */
	int		 types;		/* the operands are ftok's TYPEs */
};
void	cli_one_option(const struct cli_one *one, int c, const char *arg,
	    struct cli_targets *ts);
const struct cli_target	*cli_one_done(const struct cli_one *one,
	    struct cli_targets *ts, int argc, char *argv[], const char *path,
	    const char *proj);
/*
 * "shared memory segment 3", "message queue 5", "semaphore set 7", or
 * "POSIX message queue /jobs": the kind table's words for one object.
 */
const char	*cli_what(const struct ipck_obj *o, char *buf, size_t len);
/* A TYPE operand: shm, msg, sem or 0, 1, 2; else exit 2. */
enum ipck_kind	cli_kind_arg(const char *arg);
/*
 * The ftok form, -F PATH -P PROJID TYPE...: one target by key for each of
 * the ntypes TYPEs, named by the key's text, added; returns ntypes.
 * Anything wrong (no TYPE, a bad PROJID or PATH, key 0) exits 2.
 */
int	cli_ftok_targets(const char *path, const char *proj, int ntypes,
	    char *const types[], struct cli_targets *ts);
/*
 * Why POSIX objects of kind cannot be read here, with the way out: for
 * queues ENODEV (no mqueue at /dev/mqueue) and EXDEV (another namespace's);
 * for shared memory and semaphores ENXIO (no /dev/shm known, --ns PATH);
 * NULL for any other error.
 */
const char	*cli_posix_why(enum ipck_kind kind, int err);
/* "cannot list KIND: why", stdout flushed first: a listing that failed. */
void	cli_cannot_list(enum ipck_kind kind, int err);
/*
 * The one line that says t was not found or refused: "ARG: reason (kind)";
 * a key that found nothing (id < 0) adds the key, a refusal of removal or
 * change (EPERM) with o known names its owner and a creator who differs.
 */
void	cli_target_error(const struct cli_target *t, int id,
	    const struct ipck_obj *o, int err);
/* The object t names, described in *o: its id, or -1 after that line, errno kept. */
int	cli_target_stat(const struct cli_target *t, struct ipck_obj *o);
/* Access (want: IPCK_MAY_*) refused: the line saying which bits the mode withholds. */
void	cli_denied(const char *arg, const struct ipck_obj *o, unsigned int want);

/*
 * hexdump -C's layout (hex.c) over runs of bytes given in order, from
 * offset at: equal lines show as one "*", and the end's offset closes
 * it, as hexdump's does.  cli_hex_run has ipck_shm_scan's shape.
 */
struct cli_hex {
	uint64_t	at;		/* the offset of line[0] */
	uint64_t	start;
	unsigned char	line[16];
	size_t		fill;		/* bytes in line */
	unsigned char	prev[16];
	int		have_prev;
	int		starred;
};
void	cli_hex_start(struct cli_hex *h, uint64_t at);
int	cli_hex_run(void *h, const void *p, size_t n);
void	cli_hex_end(struct cli_hex *h);

/*
 * Waits that a signal or a timeout ends (wait.c), for msgcat and semop.
 * cli_wait_init catches SIGINT, SIGTERM and SIGHUP (those not ignored)
 * and starts the timeout's clock (ns; 0: none).  A call that may wait
 * goes between cli_wait_begin and cli_wait_end: a signal or the timeout
 * ends it with EINTR, and it has done nothing.  cli_wait_begin and
 * cli_wait_over say why not to wait (any longer): 0 there is none,
 * CLI_WAIT_TIMEOUT, or the signal's number.  cli_wait_quiet stops the
 * clock; cli_wait_die flushes stdout and ends the process by the signal,
 * as if it had not been caught (the shell sees 128 + sig).
 */
#define CLI_WAIT_TIMEOUT	(-1)
/* --timeout's DURATION in nanoseconds (ipck_parse_wait); a bad one exits 2. */
uint64_t	cli_timeout_arg(const char *arg);
void	cli_wait_init(uint64_t timeout_ns);
int	cli_wait_begin(void);
void	cli_wait_end(void);
int	cli_wait_over(void);
/* The signal caught came from a process (kill), not from a terminal. */
int	cli_wait_sent(void);
void	cli_wait_quiet(void);
noreturn void	cli_wait_die(int sig);

/* A set of non-zero 64-bit tags (seen.c); init makes room for n of them. */
struct cli_seen {
	uint64_t	*v;
	size_t		 mask;
};
void	cli_seen_init(struct cli_seen *s, size_t n);
int	cli_seen_has(const struct cli_seen *s, uint64_t tag);
void	cli_seen_add(struct cli_seen *s, uint64_t tag);
void	cli_seen_free(struct cli_seen *s);

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


#endif /* IPCK_CLI_H */
