/* SPDX-License-Identifier: MIT */
/* ipcrm: remove IPC objects named by id, key or name, or every one that filters select. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ipcrm.h"

enum { OPT_ALLNS = 0x100, OPT_SAVE };

static const struct option longopts[] = {
	{ "all",		optional_argument,	NULL,	'a' },
	{ "dry-run",		no_argument,		NULL,	'n' },
	{ "verbose",		no_argument,		NULL,	'v' },
	{ "creator",		required_argument,	NULL,	CLI_OPT_CREATED_BY },
	{ "all-namespaces",	no_argument,		NULL,	OPT_ALLNS },
	{ "save",		required_argument,	NULL,	OPT_SAVE },
	CLI_FILTER_LONGOPTS,
	{ NULL,			0,			NULL,	0 }
};

static void
usage(void)
{
	printf("Usage: %s [-nvJ] [--save ARCHIVE] [-m ID] [-M KEY] [-q ID] [-Q KEY] [-s ID] [-S KEY] ...\n"
	    "       %s [-nvJ] [--save ARCHIVE] [--posix-shmem NAME] [--posix-mqueue NAME] [--posix-semaphore NAME] ...\n"
	    "       %s [-nvJ] [--save ARCHIVE | --all-namespaces] -a | --all=shm|msg|sem|pshm|pmsg|psem [FILTER ...]\n"
	    "       %s [-nvJ] shm|msg|sem ID ...\n"
	    "Remove System V and POSIX IPC objects.\n"
	    "\n"
	    "%s"
	    "%s"
	    "  -a, --all[=TYPE]           every object (of one type: shm, msg, sem,\n"
	    "                             pshm, pmsg, psem), after the above\n"
	    "      --all-namespaces       --all in every IPC namespace on the machine\n"
	    "      --save ARCHIVE         save what is selected first (ipcsave's\n"
	    "                             archive; ipcrestore undoes the removal);\n"
	    "                             nothing is removed if it cannot be saved\n"
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

static void check_plan(struct plan *p);

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
		case OPT_SAVE:
			if (optarg[0] == '\0')
				cli_die(CLI_USAGE, "--save '': not an archive's name");
			p->save = optarg;
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
	check_plan(p);
	for (i = 0; i < p->targets.n; i++)
		if (p->targets.v[i].ref.by == IPCK_BY_KEY)
			run->keyed[p->targets.v[i].ref.kind] = 1;
}

/* What the options ask for together, checked once all are read. */
static void
check_plan(struct plan *p)
{
	int k;

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
	if (p->save != NULL && p->allns)
		cli_die(CLI_USAGE, "--save: an archive holds one namespace's "
		    "objects; not with --all-namespaces");
	if (p->allns && (p->targets.n > 0 || !p->any_all || cli_ns_arg() != NULL))
		cli_die(CLI_USAGE, "--all-namespaces: %s", cli_ns_arg() != NULL ?
		    "not with --ns, which names one" : p->targets.n > 0 ? "ids, keys "
		    "and names are one namespace's; give --ns for it" : "it "
		    "removes what --all selects in each; add -a or --all=TYPE");
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
	if ((run.removed = calloc(p.targets.n + 1, 1)) == NULL)
		cli_die(CLI_FAIL, "%s", strerror(errno));
	if (run.dry_run && ipck_cred_self(&run.cred) < 0)
		cli_die(CLI_FAIL, "cannot tell who may remove what: %s",
		    strerror(errno));

	/* --save: select first (nothing removed), save, then remove */
	run.collect = p.save != NULL && !run.dry_run;
	if (run.json)
		json_begin(run.json, NULL, '[');
	for (i = 0; i < p.targets.n; i++)
		if ((p.targets.v[i].ref.by == IPCK_BY_NAME ?
		    ipcrm_remove_named(&run, i) :
		    ipcrm_remove_target(&run, &p.targets.v[i])) != CLI_OK)
			rc = CLI_FAIL;
	run.plan = &p;
	if (p.allns) {
		if (cli_each_ns(ipcrm_in_ns, &run) != CLI_OK)
			rc = CLI_FAIL;
	} else if (ipcrm_remove_kinds(&run, &p) != CLI_OK)
		rc = CLI_FAIL;
	if (run.collect && ipcrm_save_remove(&run, p.save) != CLI_OK)
		rc = CLI_FAIL;
	if (run.json)
		json_end(run.json, ']');
	else if (p.legacy && rc == CLI_OK && !run.dry_run)
		printf("resource(s) deleted\n");

	cli_seen_free(&run.done);
	ipck_inuse_close(run.inuse);
	free(run.removed);
	free(run.pend);
	cli_targets_free(&p.targets);
	cli_filter_free(&p.filt);
	ipck_cred_free(&run.cred);
	return cli_finish(rc);
}
