/* SPDX-License-Identifier: MIT */
/* ipcrm: remove IPC objects named by id, key or name, or every one that filters select. */
#define _DEFAULT_SOURCE	/* SHM_DEST */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>

#include "cli.h"
#include "json.h"

enum { OPT_ALLNS = 0x100 };

static const struct option longopts[] = {
	{ "all",		optional_argument,	NULL,	'a' },
	{ "dry-run",		no_argument,		NULL,	'n' },
	{ "verbose",		no_argument,		NULL,	'v' },
	{ "creator",		required_argument,	NULL,	CLI_OPT_CREATED_BY },
	{ "all-namespaces",	no_argument,		NULL,	OPT_ALLNS },
	CLI_FILTER_LONGOPTS,
	{ NULL,			0,			NULL,	0 }
};

enum outcome { REMOVED, SELECTED, GONE, FAILED };

/* How the run reports, and what it knows as it goes. */
struct run {
	int			 verbose;
	int			 dry_run;
	struct cli_json		*json;		/* -J: out; else NULL */
	struct cli_json		 out;
	int			 keyed[IPCK_NKINDS];	/* kinds named by key */
	struct ipck_cred	 cred;		/* -n: who may remove what */
	struct cli_seen		 done;		/* operands removed, by id and key */
	const struct cli_target	*named;		/* the operands, for names removed */
	size_t			 nnamed;
	ipck_inuse		*inuse;		/* -v, -n, -J: who uses POSIX objects */
	int			 inuse_tried;
	const struct cli_ns	*ns;		/* --all-namespaces: this one */
	int			 ns_said;	/* its line is out */
};

static void
usage(void)
{
	printf("Usage: %s [-nvJ] [-m ID] [-M KEY] [-q ID] [-Q KEY] [-s ID] [-S KEY] ...\n"
	    "       %s [-nvJ] [--posix-shmem NAME] [--posix-mqueue NAME] [--posix-semaphore NAME] ...\n"
	    "       %s [-nvJ] [--all-namespaces] -a | --all=shm|msg|sem|pshm|pmsg|psem [FILTER ...]\n"
	    "       %s [-nvJ] shm|msg|sem ID ...\n"
	    "Remove System V and POSIX IPC objects.\n"
	    "\n"
	    "%s"
	    "%s"
	    "  -a, --all[=TYPE]           every object (of one type: shm, msg, sem,\n"
	    "                             pshm, pmsg, psem), after the above\n"
	    "      --all-namespaces       --all in every IPC namespace on the machine\n"
	    "  -n, --dry-run              say what would be removed, remove nothing\n"
	    "  -v, --verbose              say what is removed\n"
	    "  -J, --json                 report every object as JSON (man ipcrm)\n"
	    "%s"
	    "\n"
	    "Filters choose which objects --all removes:\n"
	    "%s"
	    "\n"
	    "The whole command line is checked before anything is removed.\n"
	    "Exit status: 0 all removed, 1 something was not, 2 usage error.\n",
	    cli_name, cli_name, cli_name, cli_name, cli_target_help, cli_posix_help, cli_help_common(29), cli_filter_help);
}

/* The tag of an object in run->done: kind, how it was named, and the number. */
static uint64_t
tag(enum ipck_kind kind, enum ipck_by by, uint32_t value)
{
	return (uint64_t)((unsigned int)kind * 2 + (unsigned int)by + 1) << 32 |
	    value;
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

/* Field name of the record r, or null when it is not known. */
static void
field(struct cli_json *j, const char *name, const struct ipck_obj *r,
    int known)
{
	const struct ipck_field *f = ipck_field_find(IPCK_FIELDS_OBJECT,
	    r->kind, name);

	if (known)
		json_field(j, f, r);
	else
		json_field_null(j, f);
}

static void
report_json(struct cli_json *j, const struct cli_target *t, enum ipck_kind kind, int id,
    const struct ipck_obj *o, enum outcome out, int err, int users,
    const struct cli_ns *ns)
{
	static const char *const status[] = {
		[REMOVED] = "removed", [SELECTED] = "selected",
		[GONE] = "already_removed", [FAILED] = "failed",
	};
	struct ipck_obj r;

	/* what is known of it: the object, or the operand */
	if (o != NULL)
		r = *o;
	else {
		memset(&r, 0, sizeof(r));
		r.kind = kind;
		if (t != NULL && t->ref.by == IPCK_BY_KEY)
			r.key = t->ref.key;
		if (t != NULL && t->ref.by == IPCK_BY_NAME)
			snprintf(r.name, sizeof(r.name), "%s", t->ref.name);
	}
	r.id = id;
	json_begin(j, NULL, '{');
	json_str(j, "status", status[out]);
	json_str(j, "operand", t != NULL ? t->arg : NULL);
	field(j, "kind", &r, 1);
	if (ipck_kind_info(kind)->family == IPCK_POSIX) {
		field(j, "name", &r, 1);
		field(j, "uid", &r, o != NULL);
		if (users >= 0)
			json_int(j, "users", users);
		else
			json_str(j, "users", NULL);
	} else {
		field(j, "id", &r, id >= 0);
		field(j, "key", &r, o != NULL || (t != NULL &&
		    t->ref.by == IPCK_BY_KEY));
		field(j, "uid", &r, o != NULL);
		if (kind == IPCK_SHM && o != NULL)
			field(j, "nattch", &r, 1);
	}
	json_str(j, "reason", out == FAILED ? ipck_strerror(err, t != NULL ?
	    t->ref.by : IPCK_BY_ID) : NULL);
	if (ns != NULL)
		cli_json_ns(j, ns, 0);
	json_end(j, '}');
}

/* The -v and -n line for an object removed, selected or already gone. */
static void
report_text(const struct cli_target *t, enum ipck_kind kind, int id,
    const struct ipck_obj *o, enum outcome out, int users)
{
	const char *word = ipck_kind_info(kind)->ul_word;
	char ub[16], nb[4 * sizeof(o->name)];

	if (ipck_kind_info(kind)->family == IPCK_POSIX) {
		/* anyone may name a file of /dev/shm "\x1b[2J" */
		cli_escape(o != NULL ? o->name : t->ref.name, nb, sizeof(nb),
		    CLI_ESC_BACKSLASH);
		if (out == GONE) {
			printf("%s `%s' is already removed\n", word, nb);
			return;
		}
		printf("removing %s `%s'", word, nb);
		if (o != NULL)
			printf(" (owner %s", user_or_uid(o->uid, ub, sizeof(ub)));
		if (o != NULL && users > 0)
			printf(", used by %d process%s: freed when %s let%s go",
			    users, users == 1 ? "" : "es", users == 1 ? "it" :
			    "they", users == 1 ? "s" : "");
		printf("%s\n", o != NULL ? ")" : "");
		return;
	}

	if (out == GONE && id < 0)
		printf("%s key `0x%08x' is already removed\n", word,
		    (unsigned int)t->ref.key);
	if (out == GONE && id >= 0)
		printf("%s id `%d' is already removed\n", word, id);
	if (out == GONE)
		return;
	printf("removing %s id `%d'", word, id);
	if (o != NULL) {
		printf(" (key 0x%08x, owner %s", (unsigned int)o->key,
		    user_or_uid(o->uid, ub, sizeof(ub)));
		if (kind == IPCK_SHM && o->u.shm.nattch > 0)
			printf(", %llu attached: freed at the last detach",
			    (unsigned long long)o->u.shm.nattch);
		putchar(')');
	}
	putchar('\n');
}

/*
 * Say what became of one object: t is the operand that named it, or NULL
 * for one --all found; o describes it when known.  Returns the exit status.
 */
static int
report(struct run *run, const struct cli_target *t, enum ipck_kind kind,
    int id, const struct ipck_obj *o, enum outcome out, int err)
{
	struct cli_target found = { { kind, IPCK_BY_ID, id, 0, NULL,
	    cli_place() }, NULL };
	int posix = ipck_kind_info(kind)->family == IPCK_POSIX, users = -1;
	char arg[32];

	/* a POSIX object outlives its name while processes use it: say how many */
	if (posix && o != NULL && out != FAILED && out != GONE &&
	    (run->json || run->verbose || run->dry_run)) {
		if (!run->inuse_tried) {
			run->inuse = ipck_inuse_open();
			run->inuse_tried = 1;
		}
		if (run->inuse != NULL)
			users = ipck_inuse_has(run->inuse, o);
	}
	/* --all-namespaces: the namespace's line before its first */
	if (run->ns != NULL && !run->ns_said && !run->json &&
	    (out == FAILED || run->verbose || run->dry_run)) {
		cli_ns_header(run->ns);
		run->ns_said = 1;
	}
	if (run->json)
		report_json(run->json, t, kind, id, o, out, err, users, run->ns);
	else if (out != FAILED && (run->verbose || run->dry_run))
		report_text(t, kind, id, o, out, users);
	if (out != FAILED)
		return CLI_OK;
	if (t == NULL && posix) {
		found.ref.by = IPCK_BY_NAME;
		found.ref.name = o->name;
		found.arg = o->name;
		t = &found;
	} else if (t == NULL) {
		snprintf(arg, sizeof(arg), "id %d", id);
		found.arg = arg;
		t = &found;
	}
	cli_target_error(t, id, o, err);
	return CLI_FAIL;
}

/*
 * Remove one object whose id is known; o describes it when known.  An
 * object that vanished since it was found is "already removed"; so is one
 * this run removed before.
 */
static int
remove_one(struct run *run, const struct cli_target *t, enum ipck_kind kind,
    int id, const struct ipck_obj *o, int found)
{
	struct ipck_obj perm;
	int err;

	if (run->dry_run) {
		if (o != NULL && !ipck_may(&run->cred, o, IPCK_MAY_CHANGE))
			return report(run, t, kind, id, o, FAILED, EPERM);
	} else if (ipck_remove(kind, id) < 0) {
		err = errno;
		if (err == EIDRM || (err == EINVAL && found))
			return report(run, t, kind, id, o, GONE, err);
		if (err == EPERM && o == NULL && ipck_stat(kind, id, &perm) == 0)
			o = &perm;
		return report(run, t, kind, id, o, FAILED, err);
	}
	/*
	 * The walk of --all meets each object once: only operands are noted,
	 * by id and by key, so that naming it again either way finds it gone.
	 */
	if (t != NULL) {
		cli_seen_add(&run->done, tag(kind, IPCK_BY_ID, (uint32_t)id));
		if (t->ref.by == IPCK_BY_KEY)
			cli_seen_add(&run->done, tag(kind, IPCK_BY_KEY,
			    (uint32_t)t->ref.key));
		else if (o != NULL && o->key != IPC_PRIVATE)
			cli_seen_add(&run->done, tag(kind, IPCK_BY_KEY,
			    (uint32_t)o->key));
	}
	return report(run, t, kind, id, o, run->dry_run ? SELECTED : REMOVED, 0);
}

static int
remove_target(struct run *run, const struct cli_target *t)
{
	const struct ipck_ref *r = &t->ref;
	struct ipck_obj obj, *o = NULL;
	int id, found = r->by == IPCK_BY_KEY;

	if (cli_seen_has(&run->done, tag(r->kind, r->by, found ?
	    (uint32_t)r->key : (uint32_t)r->id)))
		return report(run, t, r->kind, found ? -1 : r->id, NULL, GONE, 0);
	if ((id = ipck_ref_id(r)) < 0)
		return report(run, t, r->kind, -1, NULL, FAILED, errno);
	/*
	 * The words of -v, -n and -J need the object; so does a removal by id
	 * when a later operand may name the same object by its key.  A plain
	 * removal does not.
	 */
	if (run->verbose || run->dry_run || run->json ||
	    (!found && run->keyed[r->kind])) {
		if (ipck_stat(r->kind, id, &obj) == 0)
			o = &obj;
		else if (run->dry_run)
			return report(run, t, r->kind, id, NULL,
			    found && errno == EINVAL ? GONE : FAILED, errno);
	}
	return remove_one(run, t, r->kind, id, o, found);
}

/*
 * Names removed (or, with -n, selected) this run, so that one named again
 * is "already removed": a hash of each in run->done to look first, then
 * the operands themselves.  removed[i] marks operand i.
 */
static char *removed;

static uint64_t
name_tag(enum ipck_kind kind, const char *name)
{
	uint64_t h = 14695981039346656037ULL ^ (unsigned int)kind;

	for (; *name != '\0'; name++)
		h = (h ^ (unsigned char)*name) * 1099511628211ULL;
	return h | 1ULL << 63;	/* apart from tag()'s, whose top bit is 0 */
}

static int
name_seen(const struct run *run, enum ipck_kind kind, const char *name)
{
	size_t i;

	if (!cli_seen_has(&run->done, name_tag(kind, name)))
		return 0;
	for (i = 0; i < run->nnamed; i++)
		if (removed[i] && run->named[i].ref.kind == kind &&
		    strcmp(run->named[i].ref.name, name) == 0)
			return 1;
	return 0;
}

/*
 * Remove a POSIX object: o as found (only while its name still has that
 * file), or by name alone when it could not be described (a queue where
 * no mqueue of this namespace can be read).  t is the operand, NULL for
 * one --all found.
 */
static int
remove_posix(struct run *run, const struct cli_target *t, enum ipck_kind kind,
    const struct ipck_obj *o)
{
	int err;

	if (run->dry_run) {
		if (o != NULL && !ipck_may(&run->cred, o, IPCK_MAY_CHANGE))
			return report(run, t, kind, -1, o, FAILED, EPERM);
	} else if ((o != NULL ? ipck_remove_obj(o) :
	    ipck_remove_name_at(cli_place(), kind, t->ref.name)) < 0) {
		err = errno;
		/* gone, or another of its name, since it was found */
		return report(run, t, kind, -1, o, err == ENOENT ? GONE :
		    FAILED, err);
	}
	return report(run, t, kind, -1, o, run->dry_run ? SELECTED : REMOVED,
	    0);
}

static int
remove_named(struct run *run, size_t i)
{
	const struct cli_target *t = &run->named[i];
	const struct ipck_ref *r = &t->ref;
	struct ipck_obj obj, *o = NULL;
	int rc;

	if (name_seen(run, r->kind, r->name))
		return report(run, t, r->kind, -1, NULL, GONE, 0);
	if (ipck_resolve(r, &obj) == 0)
		o = &obj;
	else if (r->kind != IPCK_PMSG || (errno != ENODEV && errno != EXDEV))
		return report(run, t, r->kind, -1, NULL, FAILED, errno);
	else if (run->dry_run && ipck_ref_id(r) < 0)
		return report(run, t, r->kind, -1, NULL, FAILED, errno);
	if ((rc = remove_posix(run, t, r->kind, o)) == CLI_OK) {
		removed[i] = 1;
		cli_seen_add(&run->done, name_tag(r->kind, r->name));
	}
	return rc;
}

/* Every object of a kind that the filters select. */
static int
remove_all(struct run *run, enum ipck_kind kind, const struct ipck_filter *filt)
{
	struct ipck_obj o;
	ipck_iter *it;
	int r, rc = CLI_OK;

	/* --unattached of POSIX shared memory: one walk over /proc for all */
	if ((it = ipck_open_at(cli_place(), kind, 0)) == NULL) {
		cli_cannot_list(kind, errno);
		return CLI_FAIL;
	}
	while ((r = ipck_next(it, &o)) > 0) {
		/* a segment removed while attached waits only for its last detach */
		if (kind == IPCK_SHM && (o.mode & SHM_DEST))
			continue;
		if (!ipck_match(filt, &o))
			continue;
		if (ipck_kind_info(kind)->family == IPCK_POSIX) {
			/* with -n an operand's object is still there: once is enough */
			if (!name_seen(run, kind, o.name) &&
			    remove_posix(run, NULL, kind, &o) != CLI_OK)
				rc = CLI_FAIL;
			continue;
		}
		if (cli_seen_has(&run->done, tag(kind, IPCK_BY_ID,
		    (uint32_t)o.id)))
			continue;
		if (remove_one(run, NULL, kind, o.id, &o, 1) != CLI_OK)
			rc = CLI_FAIL;
	}
	if (r < 0) {
		cli_cannot_list(kind, errno);
		rc = CLI_FAIL;
	}
	ipck_close(it);
	return rc;
}

/*
 * The type words: of --all=, every kind's name (shm ... psem); of the
 * legacy form, the System V kinds'.
 */
static int
kind_word(const char *s, enum ipck_kind *kind, int sysv_only)
{
	return ipck_parse_kind(s, kind) == 0 && strcmp(s,
	    ipck_kind_name(*kind)) == 0 && (!sysv_only ||
	    ipck_kind_info(*kind)->family == IPCK_SYSV);
}

/* What the command line asks for, besides how to report it. */
struct plan {
	int			all[IPCK_NKINDS];	/* --all of these kinds */
	int			any_all;
	int			one_all;	/* --all=TYPE, some TYPE */
	int			legacy;		/* TYPE ID...: util-linux's last line */
	int			allns;		/* --all-namespaces */
	struct cli_filter	filt;
	struct cli_targets	targets;	/* the objects named */
};

/* Bare -a: every kind asked for. */
static int
all_kinds(const struct plan *p)
{
	int k;

	for (k = 0; k < IPCK_NKINDS; k++)
		if (!p->all[k])
			return 0;
	return 1;
}

/* The old form, TYPE ID ...: every ID a target of that kind. */
static void
legacy(int argc, char *argv[], struct plan *p)
{
	struct cli_target t = { { IPCK_SHM, IPCK_BY_ID, 0, 0, NULL,
	    cli_place() }, NULL };
	int i;

	/* `ipcrm -a shm` is not --all=shm: util-linux removed everything */
	if (p->any_all)
		cli_die(CLI_USAGE, "%s: unexpected operand; --all takes its type "
		    "attached (--all=shm or -ashm)", argv[0]);
	if (!kind_word(argv[0], &t.ref.kind, 1))
		cli_die(CLI_USAGE, "%s: unexpected operand; try '%s --help'",
		    argv[0], cli_name);
	if (argc == 1)
		cli_die(CLI_USAGE, "%s: no id after the type; try '%s --help'",
		    argv[0], cli_name);
	for (i = 1; i < argc; i++) {
		t.arg = argv[i];
		t.ref.id = cli_id(argv[i]);
		cli_targets_add(&p->targets, &t);
	}
}

static void
parse(int argc, char *argv[], struct run *run, struct plan *p)
{
	struct cli_opts o = { CLI_TAKES_JSON | CLI_TAKES_TARGETS, NULL, 0,
	    { NULL, 0 }, NULL, NULL };
	enum ipck_kind kind;
	size_t i;
	int c, k;

	while ((c = cli_getopt(argc, argv, "a::nv", longopts, &o)) != -1) {
		switch (c) {
		case 'a':
			p->any_all = 1;
			if (optarg != NULL && !kind_word(optarg, &kind, 0))
				cli_die(CLI_USAGE, "%s: unknown type for --all "
				    "(shm, msg, sem, pshm, pmsg or psem)",
				    argv[optind - 1]);
			/* bare, every kind, as util-linux 2.41's does */
			for (k = 0; k < IPCK_NKINDS; k++)
				if (optarg == NULL || k == (int)kind)
					p->all[k] = 1;
			if (optarg != NULL)
				p->one_all = 1;
			break;
		case 'n':
			run->dry_run = 1;
			break;
		case 'v':
			run->verbose = 1;
			break;
		case OPT_ALLNS:
			p->allns = 1;
			break;
		default:
			cli_filter_option(c, optarg, &p->filt);
			break;
		}
	}
	cli_getopt_done();
	p->targets = o.targets;
	json_init(&run->out, stdout);
	run->json = o.json ? &run->out : NULL;
	if (optind < argc) {
		legacy(argc - optind, argv + optind, p);
		p->legacy = 1;
	}
	if (p->filt.f.what != 0 && !p->any_all)
		cli_die(CLI_USAGE, "filters choose what --all removes; add -a "
		    "or --all=TYPE");
	/*
	 * --all=pshm --key K asks what such objects lack: a usage error.
	 * Bare -a --key K selects System V objects only, as a POSIX
	 * object has no key.
	 */
	for (k = 0; p->one_all && k < IPCK_NKINDS; k++)
		if (p->all[k] && !all_kinds(p))
			cli_filter_for(&p->filt.f, (enum ipck_kind)k);
	if (p->targets.n == 0 && !p->any_all)
		cli_die(CLI_USAGE, "nothing to remove; try '%s --help'",
		    cli_name);
	if (p->allns && (p->targets.n > 0 || !p->any_all || cli_ns_arg() != NULL))
		cli_die(CLI_USAGE, "--all-namespaces: %s", cli_ns_arg() != NULL ?
		    "not with --ns, which names one" : p->targets.n > 0 ? "ids, keys "
		    "and names are one namespace's; give --ns for it" : "it "
		    "removes what --all selects in each; add -a or --all=TYPE");
	for (i = 0; i < p->targets.n; i++)
		if (p->targets.v[i].ref.by == IPCK_BY_KEY)
			run->keyed[p->targets.v[i].ref.kind] = 1;
}

/* --all's kinds, in util-linux's order, each kind's POSIX cousin after it. */
static int
remove_kinds(struct run *run, const struct plan *p)
{
	static const enum ipck_kind order[] = { IPCK_SHM, IPCK_PSHM, IPCK_SEM,
	    IPCK_PSEM, IPCK_MSG, IPCK_PMSG };
	size_t i;
	int rc = CLI_OK;

	for (i = 0; i < sizeof(order) / sizeof(order[0]); i++)
		if (p->all[order[i]] && cli_ns_lists(run->ns, order[i]) &&
		    remove_all(run, order[i], &p->filt.f) != CLI_OK)
			rc = CLI_FAIL;
	return rc;
}

static const struct plan *every;

/*
 * One namespace of --all-namespaces: who may remove what is asked anew
 * (the capabilities that count are over its owner), then --all there.
 */
static int
in_ns(const struct cli_ns *ns, int err, void *arg)
{
	struct run *run = arg;
	int rc;

	run->ns = ns;
	run->ns_said = 0;
	if (err != 0) {
		if (run->json) {
			json_begin(run->json, NULL, '{');
			cli_json_ns(run->json, ns, err);
			json_end(run->json, '}');
		} else
			cli_ns_header(ns);
		run->ns = NULL;
		return CLI_FAIL;
	}
	if (run->dry_run) {
		ipck_cred_free(&run->cred);
		if (ipck_cred_self(&run->cred) < 0)
			cli_die(CLI_FAIL, "cannot tell who may remove what: %s",
			    strerror(errno));
	}
	rc = remove_kinds(run, every);
	run->ns = NULL;
	return rc;
}

int
main(int argc, char *argv[])
{
	struct run run;
	struct plan p;
	size_t i;
	int rc = CLI_OK;

	memset(&run, 0, sizeof(run));
	memset(&p, 0, sizeof(p));
	cli_init("ipcrm", usage);
	parse(argc, argv, &run, &p);
	/* n operands add at most 2n tags (id and key, or a name) */
	cli_seen_init(&run.done, 2 * p.targets.n);
	run.named = p.targets.v;
	run.nnamed = p.targets.n;
	if ((removed = calloc(p.targets.n + 1, 1)) == NULL)
		cli_die(CLI_FAIL, "%s", strerror(errno));
	if (run.dry_run && ipck_cred_self(&run.cred) < 0)
		cli_die(CLI_FAIL, "cannot tell who may remove what: %s",
		    strerror(errno));

	if (run.json)
		json_begin(run.json, NULL, '[');
	for (i = 0; i < p.targets.n; i++)
		if ((p.targets.v[i].ref.by == IPCK_BY_NAME ? remove_named(&run, i) :
		    remove_target(&run, &p.targets.v[i])) != CLI_OK)
			rc = CLI_FAIL;
	if (p.allns) {
		every = &p;
		if (cli_each_ns(in_ns, &run) != CLI_OK)
			rc = CLI_FAIL;
	} else if (remove_kinds(&run, &p) != CLI_OK)
		rc = CLI_FAIL;
	if (run.json)
		json_end(run.json, ']');
	else if (p.legacy && rc == CLI_OK && !run.dry_run)
		printf("resource(s) deleted\n");

	cli_seen_free(&run.done);
	ipck_inuse_close(run.inuse);
	free(removed);
	cli_targets_free(&p.targets);
	cli_filter_free(&p.filt);
	ipck_cred_free(&run.cred);
	return cli_finish(rc);
}
