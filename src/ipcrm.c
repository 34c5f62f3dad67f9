/* SPDX-License-Identifier: MIT */
/* ipcrm: remove System V IPC objects named by id or key, or every one that filters select. */
#define _DEFAULT_SOURCE	/* SHM_DEST */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <unistd.h>

#include "cli.h"

static const struct option longopts[] = {
	CLI_TARGET_LONGOPTS,
	{ "all",		optional_argument,	NULL,	'a' },
	{ "dry-run",		no_argument,		NULL,	'n' },
	{ "verbose",		no_argument,		NULL,	'v' },
	{ "json",		no_argument,		NULL,	'J' },
	{ "creator",		required_argument,	NULL,	CLI_OPT_CREATED_BY },
	CLI_FILTER_LONGOPTS,
	{ "help",		no_argument,		NULL,	'h' },
	{ "version",		no_argument,		NULL,	'V' },
	{ NULL,			0,			NULL,	0 }
};

enum outcome { REMOVED, SELECTED, GONE, FAILED };

static int verbose, dry_run, json;

/* util-linux's words in its -v lines, kept for scripts that read them. */
static const char *const vnoun[IPCK_NKINDS] = {
	[IPCK_SHM] = "shared memory segment",
	[IPCK_MSG] = "message queue",
	[IPCK_SEM] = "semaphore",
};

static void
usage(void)
{
	printf("Usage: %s [-nvJ] [-m ID] [-M KEY] [-q ID] [-Q KEY] [-s ID] [-S KEY] ...\n"
	    "       %s [-nvJ] -a | --all=shm|msg|sem [FILTER ...]\n"
	    "       %s [-nvJ] shm|msg|sem ID ...\n"
	    "Remove System V IPC objects.\n"
	    "\n"
	    "%s"
	    "  -a, --all[=shm|msg|sem]    every object (of one type), after the above\n"
	    "  -n, --dry-run              say what would be removed, remove nothing\n"
	    "  -v, --verbose              say what is removed\n"
	    "  -J, --json                 report every object as JSON (man ipcrm)\n"
	    "  -h, --help                 show this help\n"
	    "  -V, --version              show the version\n"
	    "\n"
	    "Filters choose which objects --all removes:\n"
	    "%s"
	    "\n"
	    "The whole command line is checked before anything is removed.\n"
	    "Exit status: 0 all removed, 1 something was not, 2 usage error.\n",
	    cli_name, cli_name, cli_name, cli_target_help, cli_filter_help);
}

/*
 * What the operands removed (or, with -n, would have), by id and by key, so
 * an object named twice is "already removed" the second time.  Open addressing
 * over a power-of-two table; 0 marks an empty slot.
 */
static uint64_t *done;
static size_t done_mask;

static uint64_t
done_tag(enum ipck_kind kind, enum ipck_by by, uint32_t value)
{
	return (uint64_t)((unsigned int)kind * 2 + (unsigned int)by + 1) << 32 |
	    value;
}

static size_t
done_slot(uint64_t tag)
{
	size_t i = (size_t)((tag * 0x9e3779b97f4a7c15ULL) >> 32) & done_mask;

	while (done[i] != 0 && done[i] != tag)
		i = (i + 1) & done_mask;
	return i;
}

static int
done_has(uint64_t tag)
{
	return done[done_slot(tag)] == tag;
}

static void
done_add(uint64_t tag)
{
	done[done_slot(tag)] = tag;
}

/* n operands add at most 2n tags (id and key); keep the table at most half full. */
static void
done_init(size_t n)
{
	size_t cap = 64;

	while (cap < 4 * n)
		cap *= 2;
	if ((done = calloc(cap, sizeof(*done))) == NULL)
		cli_die(CLI_FAIL, "%s", strerror(errno));
	done_mask = cap - 1;
}

/* Who we are, for -n to predict what IPC_RMID will say (ipck_may). */
static struct ipck_cred cred;

static int
may_remove(const struct ipck_obj *o)
{
	return ipck_may(&cred, o, IPCK_MAY_CHANGE);
}

static const char *
user_or_uid(uid_t uid, char *buf, size_t len)
{
	const char *name = cli_user(uid);

	if (name != NULL)
		return name;
	snprintf(buf, len, "%u", (unsigned int)uid);
	return buf;
}

static void
report_json(const struct cli_target *t, enum ipck_kind kind, int id,
    const struct ipck_obj *o, enum outcome out, int err)
{
	static const char *const status[] = {
		[REMOVED] = "removed", [SELECTED] = "selected",
		[GONE] = "already_removed", [FAILED] = "failed",
	};
	char buf[16];

	json_begin(NULL, '{');
	json_str("status", status[out]);
	json_str("operand", t != NULL ? t->arg : NULL);
	json_str("kind", ipck_kind_name(kind));
	if (id >= 0)
		json_int("id", id);
	else
		json_str("id", NULL);
	if (o != NULL || (t != NULL && t->by == IPCK_BY_KEY)) {
		key_t key = o != NULL ? o->key : t->key;

		snprintf(buf, sizeof(buf), "0x%08x", (unsigned int)key);
		json_str("key", buf);
		json_uint("key_num", (uint32_t)key);
	} else {
		json_str("key", NULL);
		json_str("key_num", NULL);
	}
	if (o != NULL) {
		json_str("owner", cli_user_raw(o->uid));
		json_uint("uid", (unsigned int)o->uid);
	} else {
		json_str("owner", NULL);
		json_str("uid", NULL);
	}
	if (kind == IPCK_SHM && o != NULL)
		json_uint("nattch", o->u.shm.nattch);
	json_str("reason", out == FAILED ? ipck_strerror(err, t != NULL ?
	    t->by : IPCK_BY_ID) : NULL);
	json_end('}');
}

/* Why IPC_RMID was refused: who may remove the object. */
static void
fail_perm(const char *arg, const struct ipck_obj *o)
{
	char ob[CLI_OWNER_LEN], cb[CLI_OWNER_LEN];

	if (o->cuid == o->uid)
		cli_err("%s: %s (%s, owner %s)", arg,
		    ipck_strerror(EPERM, IPCK_BY_ID), ipck_kind_noun(o->kind),
		    cli_owner(o->uid, ob, sizeof(ob)));
	else
		cli_err("%s: %s (%s, owner %s, creator %s)", arg,
		    ipck_strerror(EPERM, IPCK_BY_ID), ipck_kind_noun(o->kind),
		    cli_owner(o->uid, ob, sizeof(ob)),
		    cli_owner(o->cuid, cb, sizeof(cb)));
}

/*
 * Say what became of one object: t is the operand that named it, or NULL
 * for one --all found; o describes it when known.  Returns the exit status.
 */
static int
report(const struct cli_target *t, enum ipck_kind kind, int id,
    const struct ipck_obj *o, enum outcome out, int err)
{
	char arg[32], ub[16];

	if (json) {
		report_json(t, kind, id, o, out, err);
		if (out != FAILED)
			return CLI_OK;
	} else if (out != FAILED) {
		if (!verbose && !dry_run)
			return CLI_OK;
		if (out == GONE && id < 0)
			printf("%s key `0x%08x' is already removed\n",
			    vnoun[kind], (unsigned int)t->key);
		if (out == GONE && id >= 0)
			printf("%s id `%d' is already removed\n", vnoun[kind], id);
		if (out == GONE)
			return CLI_OK;
		printf("removing %s id `%d'", vnoun[kind], id);
		if (o != NULL) {
			printf(" (key 0x%08x, owner %s", (unsigned int)o->key,
			    user_or_uid(o->uid, ub, sizeof(ub)));
			if (kind == IPCK_SHM && o->u.shm.nattch > 0)
				printf(", %llu attached: freed at the last detach",
				    (unsigned long long)o->u.shm.nattch);
			putchar(')');
		}
		putchar('\n');
		return CLI_OK;
	}
	/* the line on stderr lands after the lines before it on stdout */
	fflush(stdout);
	if (t == NULL)
		snprintf(arg, sizeof(arg), "id %d", id);
	if (err == EPERM && o != NULL)
		fail_perm(t != NULL ? t->arg : arg, o);
	else if (t != NULL && t->by == IPCK_BY_KEY && id < 0)
		cli_err("%s: %s (%s, 0x%08x)", t->arg,
		    ipck_strerror(err, IPCK_BY_KEY), ipck_kind_noun(kind),
		    (unsigned int)t->key);
	else
		cli_err("%s: %s (%s)", t != NULL ? t->arg : arg,
		    ipck_strerror(err, IPCK_BY_ID), ipck_kind_noun(kind));
	return CLI_FAIL;
}

/*
 * Remove one object whose id is known; o describes it when known.  An
 * object that vanished since it was found is "already removed"; so is one
 * this run removed before.
 */
static int
remove_one(const struct cli_target *t, enum ipck_kind kind, int id,
    const struct ipck_obj *o, int found)
{
	struct ipck_obj perm;
	int err;

	if (dry_run) {
		if (o != NULL && !may_remove(o))
			return report(t, kind, id, o, FAILED, EPERM);
	} else if (ipck_remove(kind, id) < 0) {
		err = errno;
		if (err == EIDRM || (err == EINVAL && found))
			return report(t, kind, id, o, GONE, err);
		if (err == EPERM && o == NULL && ipck_stat(kind, id, &perm) == 0)
			o = &perm;
		return report(t, kind, id, o, FAILED, err);
	}
	/*
	 * The walk of --all meets each object once: only operands are noted,
	 * by id and by key, so that naming it again either way finds it gone.
	 */
	if (t != NULL) {
		done_add(done_tag(kind, IPCK_BY_ID, (uint32_t)id));
		if (t->by == IPCK_BY_KEY)
			done_add(done_tag(kind, IPCK_BY_KEY, (uint32_t)t->key));
		else if (o != NULL && o->key != IPC_PRIVATE)
			done_add(done_tag(kind, IPCK_BY_KEY, (uint32_t)o->key));
	}
	return report(t, kind, id, o, dry_run ? SELECTED : REMOVED, 0);
}

/* Which kinds the operands name by key (-M -Q -S). */
static int keyed[IPCK_NKINDS];

static int
remove_target(const struct cli_target *t)
{
	struct ipck_obj obj, *o = NULL;
	int id = t->id, found = 0;

	if (done_has(done_tag(t->kind, t->by, t->by == IPCK_BY_KEY ?
	    (uint32_t)t->key : (uint32_t)t->id)))
		return report(t, t->kind, t->by == IPCK_BY_KEY ? -1 : t->id,
		    NULL, GONE, 0);
	if (t->by == IPCK_BY_KEY) {
		if ((id = ipck_lookup(t->kind, t->key)) < 0)
			return report(t, t->kind, -1, NULL, FAILED, errno);
		found = 1;
	}
	/*
	 * The words of -v, -n and -J need the object; so does a removal by id
	 * when a later operand may name the same object by its key.  A plain
	 * removal does not.
	 */
	if (verbose || dry_run || json || (t->by == IPCK_BY_ID &&
	    keyed[t->kind])) {
		if (ipck_stat(t->kind, id, &obj) == 0)
			o = &obj;
		else if (dry_run)
			return report(t, t->kind, id, NULL,
			    found && errno == EINVAL ? GONE : FAILED, errno);
	}
	return remove_one(t, t->kind, id, o, found);
}

/* Every object of a kind that the filters select. */
static int
remove_all(enum ipck_kind kind, const struct ipck_filter *filt)
{
	struct ipck_obj o;
	ipck_iter *it;
	int r, rc = CLI_OK;

	if ((it = ipck_open(kind, 0)) == NULL) {
		cli_err("cannot list %s: %s", ipck_kind_noun(kind),
		    strerror(errno));
		return CLI_FAIL;
	}
	while ((r = ipck_next(it, &o)) > 0) {
		/* a segment removed while attached waits only for its last detach */
		if (kind == IPCK_SHM && (o.mode & SHM_DEST))
			continue;
		if (!ipck_match(filt, &o) ||
		    done_has(done_tag(kind, IPCK_BY_ID, (uint32_t)o.id)))
			continue;
		if (remove_one(NULL, kind, o.id, &o, 1) != CLI_OK)
			rc = CLI_FAIL;
	}
	if (r < 0) {
		cli_err("cannot list %s: %s", ipck_kind_noun(kind),
		    strerror(errno));
		rc = CLI_FAIL;
	}
	ipck_close(it);
	return rc;
}

/* The type words of --all= and of the legacy form. */
static int
kind_word(const char *s, enum ipck_kind *kind)
{
	return (strcmp(s, "shm") == 0 || strcmp(s, "msg") == 0 ||
	    strcmp(s, "sem") == 0) && ipck_parse_kind(s, kind) == 0;
}

/* util-linux's order for --all. */
static const enum ipck_kind order[] = { IPCK_SHM, IPCK_SEM, IPCK_MSG };

/* Static, so that it stays reachable when a usage error exits mid-parse. */
static struct cli_target *targets;

int
main(int argc, char *argv[])
{
	struct cli_filter filt = { 0 };
	enum ipck_kind kind;
	int all[IPCK_NKINDS] = { 0 }, any_all = 0, legacy = 0;
	int c, i, n = 0, rc = CLI_OK;

	cli_init("ipcrm", CLI_FAIL);
	if ((targets = calloc((size_t)argc + 1, sizeof(*targets))) == NULL)
		cli_die(CLI_FAIL, "%s", strerror(errno));
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:a::hJm:M:nq:Q:s:S:vV", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'a':
			any_all = 1;
			if (optarg == NULL)
				all[IPCK_SHM] = all[IPCK_MSG] = all[IPCK_SEM] = 1;
			else if (kind_word(optarg, &kind))
				all[kind] = 1;
			else
				cli_die(CLI_USAGE, "%s: unknown type for --all "
				    "(shm, msg or sem)", argv[optind - 1]);
			break;
		case 'h':
			usage();
			return cli_finish(CLI_OK);
		case 'J':
			json = 1;
			break;
		case 'n':
			dry_run = 1;
			break;
		case 'v':
			verbose = 1;
			break;
		case 'V':
			return cli_version();
		default:
			if (cli_target_option(c, optarg, &targets[n]))
				n++;
			else if (!cli_filter_option(c, optarg, &filt))
				cli_bad_option(c, argv[optind - 1], longopts);
		}
	}
	if (optind < argc) {
		/* `ipcrm -a shm` is not --all=shm: util-linux removed everything */
		if (any_all)
			cli_die(CLI_USAGE, "%s: unexpected operand; --all takes "
			    "its type attached (--all=shm or -ashm)",
			    argv[optind]);
		if (!kind_word(argv[optind], &kind))
			cli_die(CLI_USAGE, "%s: unexpected operand; try '%s "
			    "--help'", argv[optind], cli_name);
		if (optind + 1 == argc)
			cli_die(CLI_USAGE, "%s: no id after the type; try '%s "
			    "--help'", argv[optind], cli_name);
		for (i = optind + 1; i < argc; i++) {
			targets[n].kind = kind;
			targets[n].by = IPCK_BY_ID;
			targets[n].arg = argv[i];
			targets[n++].id = cli_id(argv[i]);
		}
		legacy = 1;
	}
	if (filt.f.what != 0 && !any_all)
		cli_die(CLI_USAGE, "filters choose what --all removes; add -a "
		    "or --all=shm|msg|sem");
	if (n == 0 && !any_all)
		cli_die(CLI_USAGE, "nothing to remove; try '%s --help'",
		    cli_name);
	done_init((size_t)n);
	for (i = 0; i < n; i++)
		if (targets[i].by == IPCK_BY_KEY)
			keyed[targets[i].kind] = 1;
	if (dry_run && ipck_cred_self(&cred) < 0)
		cli_die(CLI_FAIL, "cannot tell who may remove what: %s",
		    strerror(errno));

	if (json)
		json_begin(NULL, '[');
	for (i = 0; i < n; i++)
		if (remove_target(&targets[i]) != CLI_OK)
			rc = CLI_FAIL;
	for (i = 0; i < (int)(sizeof(order) / sizeof(order[0])); i++)
		if (all[order[i]] && remove_all(order[i], &filt.f) != CLI_OK)
			rc = CLI_FAIL;
	if (json)
		json_end(']');
	else if (legacy && rc == CLI_OK && !dry_run)
		printf("resource(s) deleted\n");
	free(done);
	free(targets);
	cli_filter_free(&filt);
	ipck_cred_free(&cred);
	return cli_finish(rc);
}
