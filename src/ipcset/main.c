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

#include "ipcset.h"
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

static int
one(const struct cli_target *t, struct job *j)
{
	struct ipck_change ch = j->ch;
	struct ipck_limits lim;
	struct ipck_obj o, after;
	int err = 0, why = 0, same;

	if (cli_target_stat(t, &o) < 0) {
		if (j->json)
			ipcset_json_failed(j->json, t, NULL, errno);
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
			ipcset_json_failed(j->json, t, &o, err);
		fflush(stdout);
		ipcset_refused(t, &o, &ch, err, why, j->lock);
		return CLI_FAIL;
	}
	if (!j->json && (j->verbose || j->dry_run))
		ipcset_say(&o, &ch, j->lock);
	if (j->json) {
		same = ipcset_unchanged(&o, &ch, j->lock);
		json_begin(j->json, NULL, '{');
		json_str(j->json, "status", same ? "unchanged" : j->dry_run ? "selected" :
		    "changed");
		json_str(j->json, "operand", t->arg);
		json_str(j->json, "kind", ipck_kind_name(o.kind));
		if (ipck_kind_info(o.kind)->family == IPCK_POSIX)
			json_name(j->json, o.name);
		else
			json_int(j->json, "id", o.id);
		ipcset_json_state(j->json, "before", &o, NULL, -1);
		/* after: as the kernel has it now, or as it would be */
		if (!j->dry_run && cli_target_stat(t, &after) >= 0)
			ipcset_json_state(j->json, "after", &after, NULL, -1);
		else
			ipcset_json_state(j->json, "after", &o, &ch, j->lock);
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
