/* SPDX-License-Identifier: MIT */
/* The tools' helpers: objects named on the command line, and the lines that say one was not found (target.c). */
#ifndef IPCK_CLI_TARGET_H
#define IPCK_CLI_TARGET_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "ipckit.h"

/*
 * Objects named on the command line (target.c): by id with -m -q -s, by
 * key with -M -Q -S (util-linux's long names for them), by the ftok form;
 * each a reference and the operand as typed, in a vector that owns its
 * memory (cli_getopt fills struct cli_opts's).  Keep it where a usage
 * error's exit still reaches it, in a frame that exit is called below or
 * at file scope: LeakSanitizer counts what is not.
 */
struct cli_target {
	struct ipck_ref	 ref;
	const char	*arg;		/* the operand as typed */
};
struct cli_targets {
	struct cli_target	*v;
	size_t			 n;
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

#endif /* IPCK_CLI_TARGET_H */
