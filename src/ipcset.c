/* SPDX-License-Identifier: MIT */
/* ipcset: change IPC objects' owner, group, mode, a queue's byte limit, a segment's memory lock. */
#define _DEFAULT_SOURCE	/* SHM_LOCKED */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ipc.h>
#include <sys/resource.h>
#include <sys/shm.h>

#include "cli.h"
#include "json.h"

enum {
	OPT_OWNER = 0x100, OPT_GROUP, OPT_MODE, OPT_QBYTES, OPT_LOCK,
	OPT_UNLOCK
};

static const struct option longopts[] = {
	{ "owner",	required_argument,	NULL,	OPT_OWNER },
	{ "group",	required_argument,	NULL,	OPT_GROUP },
	{ "mode",	required_argument,	NULL,	OPT_MODE },
	{ "qbytes",	required_argument,	NULL,	OPT_QBYTES },
	{ "lock",	no_argument,		NULL,	OPT_LOCK },
	{ "unlock",	no_argument,		NULL,	OPT_UNLOCK },
	{ "dry-run",	no_argument,		NULL,	'n' },
	{ "verbose",	no_argument,		NULL,	'v' },
	{ NULL,		0,			NULL,	0 }
};

static void
usage(void)
{
	printf("Usage: %s [-nvJ] CHANGE ... -m ID | -M KEY | -q ID | -Q KEY | -s ID | -S KEY ...\n"
	    "       %s [-nvJ] CHANGE ... --posix-shmem NAME | --posix-mqueue NAME | --posix-semaphore NAME ...\n"
	    "       %s [-nvJ] CHANGE ... -F PATH -P PROJID TYPE ...\n"
	    "Change IPC objects: owner, group, mode, a queue's byte limit, a\n"
	    "segment's lock in memory.\n"
	    "\n"
	    "CHANGE:\n"
	    "      --owner USER[:GROUP]   the owner (a name or a uid), and the group\n"
	    "      --group GROUP          the group (a name or a gid)\n"
	    "      --mode MODE            octal (0640) or as chmod: g+r, u=rw,go=\n"
	    "      --qbytes SIZE          a queue's byte limit (msg_qbytes)\n"
	    "      --lock, --unlock       keep a segment in memory, or let it be swapped\n"
	    "\n"
	    "%s%s"
	    "  -F, --ftok PATH            the key ftok(PATH, PROJID) makes, for each TYPE\n"
	    "  -P, --proj-id PROJID       ftok's project id (a number or a character)\n"
	    "  -n, --dry-run              say what would change, change nothing\n"
	    "  -v, --verbose              say what changed, old -> new\n"
	    "  -J, --json                 each object before and after, as JSON\n"
	    "%s"
	    "\n"
	    "Everything is checked before anything changes.  Exit status: 0 all\n"
	    "changed, 1 something was not, 2 usage error.\n",
	    cli_name, cli_name, cli_name, cli_target_help, cli_posix_help, cli_help_common(29));
}

/* What the command line asks for. */
struct job {
	struct ipck_change	 ch;		/* owner, group, qbytes (mode: below) */
	const char		*mode;		/* --mode as typed */
	int			 lock;		/* 1 --lock, 0 --unlock, -1 neither */
	int			 dry_run, verbose;
	struct cli_json		*json;		/* -J: out; else NULL */
	struct cli_json		 out;
	struct cli_targets	 targets;	/* the objects named */
	struct ipck_cred	 cred;		/* who may change what: -n's and a refusal's rule */
};


static void
owner_arg(const char *arg, struct job *j)
{
	char user[256];
	const char *colon = strchr(arg, ':');
	size_t n = colon != NULL ? (size_t)(colon - arg) : strlen(arg);

	/* chown(1)'s forms: USER, USER:GROUP, USER: (as USER:), :GROUP */
	if ((n == 0 && (colon == NULL || colon[1] == '\0')) || n >= sizeof(user))
		cli_die(CLI_USAGE, "--owner %s: no such user", arg);
	if (n > 0) {
		snprintf(user, sizeof(user), "%.*s", (int)n, arg);
		j->ch.uid = cli_user_arg(user, "--owner", arg);
		j->ch.what |= IPCK_SET_UID;
	}
	if (colon != NULL && colon[1] != '\0') {
		j->ch.gid = cli_group_arg(colon + 1, "--owner", arg);
		j->ch.what |= IPCK_SET_GID;
	}
}

/* Whether an option that is one kind's fits every object named. */
static void
only_for(const struct cli_targets *ts, const char *opt, enum ipck_kind kind)
{
	size_t i;

	for (i = 0; i < ts->n; i++)
		if (ts->v[i].ref.kind != kind)
			cli_die(CLI_USAGE, "%s: not for %s %s (System V %s only)",
			    opt, ipck_kind_noun(ts->v[i].ref.kind),
			    ts->v[i].arg, kind == IPCK_MSG ? "message queues" :
			    "shared memory segments");
}

static void
parse(int argc, char *argv[], struct job *j)
{
	struct cli_opts o = { CLI_TAKES_JSON | CLI_TAKES_TARGETS |
	    CLI_TAKES_FTOK, NULL, 0, { NULL, 0 }, NULL, NULL };
	const char *qarg = NULL;
	unsigned int m;
	int c;

	while ((c = cli_getopt(argc, argv, "nv", longopts, &o)) != -1) {
		switch (c) {
		case 'n':
			j->dry_run = 1;
			break;
		case 'v':
			j->verbose = 1;
			break;
		case OPT_OWNER:
			owner_arg(optarg, j);
			break;
		case OPT_GROUP:
			j->ch.gid = cli_group_arg(optarg, "--group", NULL);
			j->ch.what |= IPCK_SET_GID;
			break;
		case OPT_MODE:
			if (ipck_mode_apply(optarg, 0, &m) < 0)
				cli_die(CLI_USAGE, "--mode %s: invalid mode (octal, at "
				    "most 0777, or as chmod: u+rw, g=r, o=)", optarg);
			j->mode = optarg;
			j->ch.what |= IPCK_SET_MODE;
			break;
		case OPT_QBYTES:
			if (ipck_parse_size(optarg, &j->ch.qbytes) < 0 ||
			    j->ch.qbytes > UINT32_MAX)
				cli_die(CLI_USAGE, "--qbytes %s: invalid size (bytes, "
				    "at most %u)", optarg, UINT32_MAX);
			qarg = optarg;
			j->ch.what |= IPCK_SET_QBYTES;
			break;
		case OPT_LOCK:
		case OPT_UNLOCK:
			if (j->lock >= 0 && j->lock != (c == OPT_LOCK))
				cli_die(CLI_USAGE, "--lock and --unlock: choose one");
			j->lock = c == OPT_LOCK;
			break;
		default:
			abort();	/* getopt gives only the letters asked for */
		}
	}
	cli_getopt_done();
	json_init(&j->out, stdout);
	j->json = o.json ? &j->out : NULL;
	cli_ftok_operands(o.path, o.proj, argc, argv, &o.targets);
	j->targets = o.targets;
	if (j->ch.what == 0 && j->lock < 0)
		cli_die(CLI_USAGE, "nothing to change: give --owner, --group, "
		    "--mode, --qbytes, --lock or --unlock; try '%s --help'",
		    cli_name);
	if (j->targets.n == 0)
		cli_die(CLI_USAGE, "no object named: -m ID, -M KEY, -q ID, -Q KEY, "
		    "-s ID, -S KEY or --posix-*; try '%s --help'", cli_name);
	if (qarg != NULL) {
		char opt[300];

		snprintf(opt, sizeof(opt), "--qbytes %s", qarg);
		only_for(&j->targets, opt, IPCK_MSG);
	}
	if (j->lock >= 0)
		only_for(&j->targets, j->lock ? "--lock" : "--unlock", IPCK_SHM);
}

/* "0x00001234 shm 3", or "pshm /name": how lines name an object. */
static const char *
label(const struct ipck_obj *o, char *buf, size_t len)
{
	char nb[4 * 257 + 8];

	if (ipck_kind_info(o->kind)->family == IPCK_POSIX)
		snprintf(buf, len, "%s %s", ipck_kind_name(o->kind),
		    cli_escape(o->name, nb, sizeof(nb), CLI_ESC_BACKSLASH));
	else
		snprintf(buf, len, "0x%08x %s %d", (unsigned int)o->key,
		    ipck_kind_name(o->kind), o->id);
	return buf;
}

/* A user's or group's name, or as ipcs shows one without a name, its number. */
static void
named(const char *name, unsigned int id)
{
	if (name != NULL)
		fputs(name, stdout);
	else
		printf("%u", id);
}

/* Whether ch and lock leave o as it is. */
static int
unchanged(const struct ipck_obj *o, const struct ipck_change *ch, int lock)
{
	return (!(ch->what & IPCK_SET_MODE) || (o->mode & 0777) == ch->mode) &&
	    (!(ch->what & IPCK_SET_UID) || o->uid == ch->uid) &&
	    (!(ch->what & IPCK_SET_GID) || o->gid == ch->gid) &&
	    (!(ch->what & IPCK_SET_QBYTES) || o->u.msg.qbytes == ch->qbytes) &&
	    (lock < 0 || !!(o->mode & SHM_LOCKED) == lock);
}

/* The -v and -n line: each field that changes, old -> new. */
static void
say(const struct ipck_obj *o, const struct ipck_change *ch, int lock)
{
	char lb[1100];
	const char *sep = ": ";

	printf("%s", label(o, lb, sizeof(lb)));
	if ((ch->what & IPCK_SET_MODE) && (o->mode & 0777) != ch->mode) {
		printf("%smode %o -> %o", sep, o->mode & 0777, ch->mode);
		sep = ", ";
	}
	if ((ch->what & IPCK_SET_UID) && o->uid != ch->uid) {
		printf("%sowner ", sep);
		named(cli_user(o->uid), (unsigned int)o->uid);
		printf(" -> ");
		named(cli_user(ch->uid), (unsigned int)ch->uid);
		sep = ", ";
	}
	if ((ch->what & IPCK_SET_GID) && o->gid != ch->gid) {
		printf("%sgroup ", sep);
		named(cli_group(o->gid), (unsigned int)o->gid);
		printf(" -> ");
		named(cli_group(ch->gid), (unsigned int)ch->gid);
		sep = ", ";
	}
	if ((ch->what & IPCK_SET_QBYTES) && o->u.msg.qbytes != ch->qbytes) {
		printf("%sqbytes %" PRIu64 " -> %" PRIu64, sep, o->u.msg.qbytes,
		    ch->qbytes);
		sep = ", ";
	}
	if (lock >= 0 && !!(o->mode & SHM_LOCKED) != lock) {
		printf("%s%s", sep, lock ? "locked" : "unlocked");
		sep = ", ";
	}
	if (sep[0] == ':')
		printf(": unchanged");
	putchar('\n');
}

/* What o has, or with ch and lock applied, what it would have. */
static void
json_state(struct cli_json *jw, const char *key, const struct ipck_obj *o,
    const struct ipck_change *ch, int lock)
{
	struct ipck_obj w = *o;
	struct cli_json *out = jw;

	if (ch != NULL && (ch->what & IPCK_SET_MODE))
		w.mode = (o->mode & ~0777U) | ch->mode;
	if (ch != NULL && (ch->what & IPCK_SET_UID))
		w.uid = ch->uid;
	if (ch != NULL && (ch->what & IPCK_SET_GID))
		w.gid = ch->gid;
	if (ch != NULL && (ch->what & IPCK_SET_QBYTES))
		w.u.msg.qbytes = ch->qbytes;
	if (ch != NULL && lock >= 0)
		w.mode = lock ? w.mode | SHM_LOCKED : w.mode & ~(unsigned int)SHM_LOCKED;
	json_begin(out, key, '{');
	json_owners(out, &w);
	if (w.kind == IPCK_MSG || w.kind == IPCK_SHM)
		json_field(out, ipck_field_find(IPCK_FIELDS_OBJECT, w.kind,
		    w.kind == IPCK_MSG ? "qbytes" : "locked"), &w);
	json_end(out, '}');
}

/* Why a change was refused (why: ipck_may_change's), with the rule and the way out. */
static void
refused(const struct cli_target *t, const struct ipck_obj *o,
    const struct ipck_change *ch, int err, int why, int lock)
{
	struct ipck_limits lim;
	struct rlimit rl;
	char ob[CLI_OWNER_LEN], cb[CLI_OWNER_LEN], lb[1100], gb[CLI_OWNER_LEN];
	const char *held = "";

	label(o, lb, sizeof(lb));
	if (why & IPCK_DENY_UNMAPPED)
		held = (why & 0xff) == IPCK_DENY_OWNER && !(ch->what &
		    IPCK_SET_GID) ? "; CAP_FOWNER is held, but counts only over "
		    "a file whose owner and group this user namespace maps" :
		    "; CAP_CHOWN is held, but counts only over a file whose "
		    "owner and group this user namespace maps";
	switch (why & 0xff) {
	case IPCK_DENY_MEMLOCK:
		if (getrlimit(RLIMIT_MEMLOCK, &rl) < 0)
			break;
		cli_err("%s: cannot lock %s (%" PRIu64 " bytes): that needs "
		    "CAP_IPC_LOCK, or room under RLIMIT_MEMLOCK (%llu bytes, "
		    "shared with what this user has locked already)", t->arg, lb,
		    o->u.shm.size, (unsigned long long)rl.rlim_cur);
		return;
	case IPCK_DENY_LOCK:
		cli_err("%s: permission denied: only the owner (%s), the creator "
		    "(%s) or CAP_IPC_LOCK may %s %s", t->arg, cli_owner(o->uid,
		    ob, sizeof(ob)), cli_owner(o->cuid, cb, sizeof(cb)), lock ?
		    "lock" : "unlock", lb);
		return;
	case IPCK_DENY_OWNER:
		if (o->have & IPCK_HAVE_CREATOR)
			cli_err("%s: permission denied: only the owner (%s), the "
			    "creator (%s) or CAP_SYS_ADMIN may change %s", t->arg,
			    cli_owner(o->uid, ob, sizeof(ob)), cli_owner(o->cuid, cb,
			    sizeof(cb)), lb);
		else
			cli_err("%s: permission denied: only the owner (%s) or %s "
			    "may change the %s of %s%s", t->arg, cli_owner(o->uid, ob,
			    sizeof(ob)), ch->what & IPCK_SET_GID ? "CAP_CHOWN" :
			    "CAP_FOWNER", ch->what & IPCK_SET_GID ? "group" : "mode",
			    lb, held);
		return;
	case IPCK_DENY_GIVE:
		cli_err("%s: permission denied: only CAP_CHOWN may give %s to "
		    "another owner%s", t->arg, lb, held);
		return;
	case IPCK_DENY_GROUP:
		if (cli_group(ch->gid) != NULL)
			snprintf(gb, sizeof(gb), "%s", cli_group(ch->gid));
		else
			snprintf(gb, sizeof(gb), "%u", (unsigned int)ch->gid);
		if (o->uid != geteuid())
			cli_err("%s: permission denied: only the owner (%s) or "
			    "CAP_CHOWN may change the group of %s%s", t->arg,
			    cli_owner(o->uid, ob, sizeof(ob)), lb, held);
		else
			cli_err("%s: permission denied: its owner may give %s only "
			    "to a group it is in, and %s is not one; any other "
			    "needs CAP_CHOWN%s", t->arg, lb, gb, held);
		return;
	default:
		break;
	}
	if (err == EPERM && (ch->what & IPCK_SET_QBYTES) && ipck_limits(&lim) ==
	    0 && ch->qbytes > lim.msgmnb) {
		cli_err("%s: --qbytes %" PRIu64 " is above msgmnb (%" PRIu64
		    "): that needs CAP_SYS_RESOURCE in the initial user "
		    "namespace", t->arg, ch->qbytes, lim.msgmnb);
		return;
	}
	cli_target_error(t, o->id, o, err);
}

/* -J's line for an object that could not be changed, or not found. */
static void
json_failed(struct cli_json *jw, const struct cli_target *t,
    const struct ipck_obj *o, int err)
{
	json_begin(jw, NULL, '{');
	json_str(jw, "status", "failed");
	json_str(jw, "operand", t->arg);
	json_str(jw, "kind", ipck_kind_name(o != NULL ? o->kind : t->ref.kind));
	if (o != NULL)
		json_state(jw, "before", o, NULL, -1);
	else
		json_str(jw, "before", NULL);
	/* not found: in the operand's terms, as ipcrm -J says it */
	json_str(jw, "reason", o == NULL ? ipck_strerror(err, t->ref.by) :
	    strerror(err));
	json_end(jw, '}');
}

/* One object: the change worked out from what it is now, tried, reported. */
static int
one(const struct cli_target *t, struct job *j)
{
	struct ipck_change ch = j->ch;
	struct ipck_limits lim;
	struct ipck_obj o, after;
	int err = 0, why = 0, same;

	if (cli_target_stat(t, &o) < 0) {
		if (j->json)
			json_failed(j->json, t, NULL, errno);
		return CLI_FAIL;
	}
	if (j->mode != NULL)
		(void)ipck_mode_apply(j->mode, o.mode, &ch.mode);
	/* -n asks the rule; a real run the kernel, and the rule says why */
	if (j->dry_run) {
		if ((why = ipck_may_change(&j->cred, &o, &ch, j->lock)) != 0)
			err = (why & 0xff) == IPCK_DENY_MEMLOCK ? ENOMEM : EPERM;
		else if ((ch.what & IPCK_SET_QBYTES) && ipck_limits(&lim) == 0 &&
		    ch.qbytes > lim.msgmnb &&
		    !(j->cred.caps & IPCK_CAP_SYS_RESOURCE))
			err = EPERM;
	} else if (ipck_change(&o, &ch) < 0 || (j->lock >= 0 &&
	    ipck_shm_lock(o.id, j->lock) < 0)) {
		err = errno;
		if (err == EPERM || err == ENOMEM)
			why = ipck_may_change(&j->cred, &o, &ch, j->lock);
	}
	if (err != 0) {
		if (j->json)
			json_failed(j->json, t, &o, err);
		fflush(stdout);
		refused(t, &o, &ch, err, why, j->lock);
		return CLI_FAIL;
	}
	if (!j->json && (j->verbose || j->dry_run))
		say(&o, &ch, j->lock);
	if (j->json) {
		same = unchanged(&o, &ch, j->lock);
		json_begin(j->json, NULL, '{');
		json_str(j->json, "status", same ? "unchanged" : j->dry_run ? "selected" :
		    "changed");
		json_str(j->json, "operand", t->arg);
		json_str(j->json, "kind", ipck_kind_name(o.kind));
		if (ipck_kind_info(o.kind)->family == IPCK_POSIX)
			json_name(j->json, o.name);
		else
			json_int(j->json, "id", o.id);
		json_state(j->json, "before", &o, NULL, -1);
		/* after: as the kernel has it now, or as it would be */
		if (!j->dry_run && cli_target_stat(t, &after) >= 0)
			json_state(j->json, "after", &after, NULL, -1);
		else
			json_state(j->json, "after", &o, &ch, j->lock);
		json_end(j->json, '}');
	}
	return CLI_OK;
}

int
main(int argc, char *argv[])
{
	struct job j;
	size_t i;
	int rc = CLI_OK;

	memset(&j, 0, sizeof(j));
	j.lock = -1;
	cli_init("ipcset", usage);
	parse(argc, argv, &j);
	if (ipck_cred_self(&j.cred) < 0)
		cli_die(CLI_FAIL, "cannot tell who may change what: %s",
		    strerror(errno));
	if (j.json)
		json_begin(j.json, NULL, '[');
	for (i = 0; i < j.targets.n; i++)
		if (one(&j.targets.v[i], &j) != CLI_OK)
			rc = CLI_FAIL;
	if (j.json)
		json_end(j.json, ']');
	ipck_cred_free(&j.cred);
	cli_targets_free(&j.targets);
	return cli_finish(rc);
}
