/* SPDX-License-Identifier: MIT */
/*
 * Objects named on the command line (by id with -m -q -s, by key with -M
 * -Q -S, or by the ftok form) as references into a vector, and the one
 * line that says one was not found or was refused.
 */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ipc.h>

#include "target.h"
#include "args.h"
#include "msg.h"
#include "names.h"
#include "ns.h"
#include "text.h"

const char cli_target_help[] =
    "  -m, --shmem-id ID          the shared memory segment ID\n"
    "  -M, --shmem-key KEY        the shared memory segment with KEY\n"
    "  -q, --queue-id ID          the message queue ID\n"
    "  -Q, --queue-key KEY        the message queue with KEY\n"
    "  -s, --semaphore-id ID      the semaphore set ID\n"
    "  -S, --semaphore-key KEY    the semaphore set with KEY\n"
    "                             (ID: decimal; KEY: 0x hex, 0 octal or decimal)\n";

void
cli_targets_add(struct cli_targets *ts, const struct cli_target *t)
{
	ts->v = cli_grow(ts->v, ts->n, sizeof(*ts->v));
	ts->v[ts->n++] = *t;
}

void
cli_targets_free(struct cli_targets *ts)
{
	size_t i;

	for (i = 0; i < ts->n; i++)
		if (ts->v[i].ref.by == IPCK_BY_NAME)
			free((char *)(uintptr_t)ts->v[i].ref.name);
	free(ts->v);
	ts->v = NULL;
	ts->n = 0;
}

const char cli_posix_help[] =
    "      --posix-shmem NAME     the POSIX shared memory object NAME\n"
    "      --posix-mqueue NAME    the POSIX message queue NAME\n"
    "      --posix-semaphore NAME  the POSIX named semaphore NAME\n"
    "                             (NAME: /name or name)\n";

/* --posix-*: the name checked and kept as "/name" (the target owns it); a bad one exits 2. */
static int
posix_option(int c, const char *arg, struct cli_targets *ts)
{
	struct cli_target t = { { IPCK_PSHM, IPCK_BY_NAME, 0, 0, NULL,
	    cli_place() }, arg };
	const char *why = "";
	char name[258];

	if (c == CLI_OPT_PMSG)
		t.ref.kind = IPCK_PMSG;
	else if (c == CLI_OPT_PSEM)
		t.ref.kind = IPCK_PSEM;
	else if (c != CLI_OPT_PSHM)
		return 0;
	if (ipck_parse_name(t.ref.kind, arg, name, sizeof(name), &why) < 0)
		cli_die(CLI_USAGE, "%s: invalid name: %s", arg, why);
	if ((t.ref.name = strdup(name)) == NULL)
		cli_die(CLI_USAGE, "%s", strerror(errno));
	cli_targets_add(ts, &t);
	return 1;
}

enum ipck_kind
cli_kind_arg(const char *arg)
{
	enum ipck_kind kind;

	/* a TYPE names a key's object: the System V kinds */
	if (ipck_parse_kind(arg, &kind) < 0 ||
	    ipck_kind_info(kind)->family != IPCK_SYSV)
		cli_die(CLI_USAGE, "%s: unknown type (0, 1, 2, shm, msg or sem)",
		    arg);
	return kind;
}

/* The System V kind whose option letter is c, either case; 0 when none. */
static const struct ipck_kind_info *
kind_of_letter(int c)
{
	const struct ipck_kind_info *info;
	int k, lower = c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;

	for (k = 0; k < IPCK_NKINDS; k++) {
		info = ipck_kind_info((enum ipck_kind)k);
		if (info->letter != 0 && info->letter == lower)
			return info;
	}
	return NULL;
}

int
cli_ftok_targets(const char *path, const char *proj, int ntypes,
    char *const types[], struct cli_targets *ts)
{
	static char kb[16];
	struct cli_target t = { { IPCK_SHM, IPCK_BY_KEY, 0, 0, NULL,
	    cli_place() }, kb };
	key_t key = cli_ftok(path, proj, CLI_USAGE);
	int i;

	if (ntypes == 0)
		cli_die(CLI_USAGE, "-F and -P need a TYPE to look up; try '%s "
		    "--help'", cli_name);
	snprintf(kb, sizeof(kb), "0x%08x", (unsigned int)key);
	t.ref.key = key;
	for (i = 0; i < ntypes; i++) {
		t.ref.kind = cli_kind_arg(types[i]);
		cli_targets_add(ts, &t);
	}
	if (key == IPC_PRIVATE)
		cli_die(CLI_USAGE, "%s: %s", kb, ipck_strerror(EINVAL,
		    IPCK_BY_KEY));
	return ntypes;
}

int
cli_target_option(int c, const char *arg, struct cli_targets *ts)
{
	const struct ipck_kind_info *info = kind_of_letter(c);
	struct cli_target t = { { IPCK_SHM, IPCK_BY_ID, 0, 0, NULL,
	    cli_place() }, arg };

	if (c <= 0 || c > 'z' || info == NULL)
		return posix_option(c, arg, ts);
	t.ref.kind = info->kind;
	if (c == info->letter) {
		t.ref.id = cli_id(arg);
	} else {
		t.ref.by = IPCK_BY_KEY;
		/* key 0 can never name an object: the command line is wrong */
		if ((t.ref.key = cli_key(arg)) == IPC_PRIVATE)
			cli_die(CLI_USAGE, "%s: %s", arg, ipck_strerror(EINVAL,
			    IPCK_BY_KEY));
	}
	cli_targets_add(ts, &t);
	return 1;
}

void
cli_target_error(const struct cli_target *t, int id, const struct ipck_obj *o,
    int err)
{
	const struct ipck_ref *r = &t->ref;
	const char *noun = ipck_kind_noun(r->kind);
	char ob[CLI_OWNER_LEN], cb[CLI_OWNER_LEN];

	/* the line on stderr lands after the lines before it on stdout */
	fflush(stdout);
	if (err == EPERM && o != NULL && (o->cuid == o->uid ||
	    !(o->have & IPCK_HAVE_CREATOR)))
		cli_err("%s: %s (%s, owner %s)", t->arg, ipck_strerror(err,
		    IPCK_BY_ID), noun, cli_owner(o->uid, ob, sizeof(ob)));
	else if (err == EPERM && o != NULL)
		cli_err("%s: %s (%s, owner %s, creator %s)", t->arg,
		    ipck_strerror(err, IPCK_BY_ID), noun,
		    cli_owner(o->uid, ob, sizeof(ob)),
		    cli_owner(o->cuid, cb, sizeof(cb)));
	else if (r->by == IPCK_BY_KEY && id < 0)
		cli_err("%s: %s (%s, 0x%08x)", t->arg, ipck_strerror(err,
		    IPCK_BY_KEY), noun, (unsigned int)r->key);
	else if (cli_posix_why(r->kind, err) != NULL)
		cli_err("%s: cannot read it: %s", t->arg, cli_posix_why(r->kind,
		    err));
	else
		cli_err("%s: %s (%s)", t->arg, ipck_strerror(err, r->by ==
		    IPCK_BY_NAME ? IPCK_BY_NAME : IPCK_BY_ID), noun);
}

const char *
cli_posix_why(enum ipck_kind kind, int err)
{
	if (err == ENXIO && (kind == IPCK_PSHM || kind == IPCK_PSEM))
		return "no process is in this IPC namespace, so no /dev/shm is "
		    "known for it (--ns PID names a process's)";
	if (kind != IPCK_PMSG)
		return NULL;
	if (err == ENODEV)
		return "no mqueue filesystem at /dev/mqueue, and no "
		    "CAP_SYS_ADMIN for a private one; mount one with "
		    "'mount -t mqueue none /dev/mqueue'";
	if (err == EXDEV)
		return "the mqueue at /dev/mqueue is another IPC namespace's, "
		    "and there is no CAP_SYS_ADMIN for a private one of this "
		    "one's; mount this namespace's with 'mount -t mqueue none "
		    "/dev/mqueue'";
	return NULL;
}

void
cli_cannot_list(enum ipck_kind kind, int err)
{
	fflush(stdout);
	if (cli_posix_why(kind, err) != NULL)
		cli_err("cannot list %s: %s", kind == IPCK_PMSG ? "POSIX message "
		    "queues" : kind == IPCK_PSEM ? "POSIX semaphores" :
		    ipck_kind_noun(kind), cli_posix_why(kind, err));
	else
		cli_err("cannot list %s: %s", ipck_kind_noun(kind),
		    strerror(err));
}

int
cli_target_stat(const struct cli_target *t, struct ipck_obj *o)
{
	int id, err;

	if (t->ref.by == IPCK_BY_NAME) {
		if (ipck_resolve(&t->ref, o) == 0)
			return 0;
		err = errno;
		cli_target_error(t, -1, NULL, err);
		errno = err;
		return -1;
	}
	if ((id = ipck_ref_id(&t->ref)) >= 0 && ipck_stat(t->ref.kind, id, o) ==
	    0)
		return id;
	err = errno;
	cli_target_error(t, id, NULL, err);
	errno = err;
	return -1;
}

/*
 * Access refused: which permission the mode withholds, by the kernel's
 * rule (ipck_mode_class: the owner's or creator's bits, else the group's,
 * else the others'; CAP_IPC_OWNER overrides).  Plain "Permission denied"
 * when the rule allows it (a security module said no).
 */
void
cli_denied(const char *arg, const struct ipck_obj *o, unsigned int want)
{
	static const char *const lacks[8] = {
		[4] = "no read permission", [2] = "no write permission",
		[6] = "no read or write permission",
	};
	static const char *const who[7] = {
		[6] = "its owner", [3] = "its group", [0] = "others",
	};
	struct ipck_cred cred;
	unsigned int bits, lack;
	char mb[10], cb[10], ob[CLI_OWNER_LEN];
	int shift;

	fflush(stdout);
	if (ipck_cred_self(&cred) < 0 || ipck_may(&cred, o, want)) {
		ipck_cred_free(&cred);
		cli_err("%s: %s (%s)", arg, strerror(EACCES),
		    ipck_kind_noun(o->kind));
		return;
	}
	shift = ipck_mode_class(&cred, o);
	ipck_cred_free(&cred);
	bits = (o->mode >> shift) & 7U;
	lack = want & 6U & ~bits;
	cli_mode(bits << 6, cb);
	cb[3] = '\0';
	cli_err("%s: %s: %s%s: mode %s gives %s %s (owner %s)", arg,
	    strerror(EACCES), lacks[lack], (want & IPCK_MAY_WRITE) && lack == 4 ?
	    " (writing needs read and write)" : "", cli_mode(o->mode, mb),
	    who[shift], cb, cli_owner(o->uid, ob, sizeof(ob)));
}

/* The option c as a user typed it, short: "-m", or "--posix-shmem". */
static const char *
option_name(int c, char *buf, size_t len)
{
	if (c == CLI_OPT_PSHM)
		return "--posix-shmem";
	if (c == CLI_OPT_PMSG)
		return "--posix-mqueue";
	if (c == CLI_OPT_PSEM)
		return "--posix-semaphore";
	snprintf(buf, len, "-%c", c);
	return buf;
}

/* Whether kind is one's System V kind or its POSIX cousin. */
static int
one_of(const struct cli_one *one, enum ipck_kind kind)
{
	return kind == one->kind || kind == ipck_kind_info(one->kind)->cousin;
}

void
cli_ftok_operands(const char *path, const char *proj, int argc, char *argv[],
    struct cli_targets *ts)
{
	if (path != NULL || proj != NULL)
		cli_ftok_targets(path, proj, argc - optind, argv + optind, ts);
	else if (optind < argc)
		cli_die(CLI_USAGE, "%s: unexpected operand; try '%s --help'",
		    argv[optind], cli_name);
}

void
cli_one_option(const struct cli_one *one, int c, const char *arg,
    struct cli_targets *ts)
{
	char ob[8];

	cli_target_option(c, arg, ts);
	if (!one_of(one, ts->v[ts->n - 1].ref.kind))
		cli_die(CLI_USAGE, "%s %s: %s (%s)", option_name(c, ob, sizeof(ob)),
		    arg, one->only, one->hint);
}

const struct cli_target *
cli_one_done(const struct cli_one *one, struct cli_targets *ts, int argc,
    char *argv[], const char *path, const char *proj)
{
	/* the table's name, as a TYPE operand would be typed */
	char *kind[] = { (char *)(uintptr_t)ipck_kind_name(one->kind) };
	size_t i, n = ts->n;

	/* TYPE is the other tools' habit; here it can only be one */
	if ((path != NULL || proj != NULL) && (!one->types || optind == argc))
		cli_ftok_targets(path, proj, 1, kind, ts);
	else if (one->types)
		cli_ftok_operands(path, proj, argc, argv, ts);
	for (i = n; i < ts->n; i++)
		if (!one_of(one, ts->v[i].ref.kind))
			cli_die(CLI_USAGE, "%s: %s", argv[optind + (int)(i - n)],
			    one->only);
	if (ts->n == 0)
		cli_die(CLI_USAGE, "no %s named: %s; try '%s --help'", one->noun,
		    one->none, cli_name);
	if (ts->n > 1)
		cli_die(CLI_USAGE, "%s: one %s at a time", ts->v[1].arg,
		    one->each);
	return &ts->v[0];
}

const char *
cli_what(const struct ipck_obj *o, char *buf, size_t len)
{
	char nb[4 * NAME_MAX + 8];

	const struct ipck_kind_info *k = ipck_kind_info(o->kind);

	if (k->family == IPCK_POSIX)
		snprintf(buf, len, "%s %s", k->noun, cli_escape(o->name, nb,
		    sizeof(nb), 0));
	else
		snprintf(buf, len, "%s %d", k->object, o->id);
	return buf;
}
