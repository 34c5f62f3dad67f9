/* SPDX-License-Identifier: MIT */
/* ipcsave: IPC objects with their contents into an archive that ipcrestore makes them again from. */
#define _DEFAULT_SOURCE	/* SHM_DEST */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>

#include "archive.h"
#include "cli.h"

enum { OPT_TAKE = 0x100 };

static const struct option longopts[] = {
	{ "all",		optional_argument,	NULL,	'a' },
	{ "verbose",		no_argument,		NULL,	'v' },
	{ "take-posix-messages", no_argument,		NULL,	OPT_TAKE },
	{ "creator",		required_argument,	NULL,	CLI_OPT_CREATED_BY },
	CLI_FILTER_LONGOPTS,
	{ NULL,			0,			NULL,	0 }
};

static void
usage(void)
{
	printf("Usage: %s [-v] [--take-posix-messages] [FILTER ...] ARCHIVE\n"
	    "       %s [-v] [-m ID] [-M KEY] ... [--posix-shmem NAME] ... ARCHIVE\n"
	    "       %s [-v] -a | --all=shm|msg|sem|pshm|pmsg|psem [FILTER ...] ARCHIVE\n"
	    "Save IPC objects and what they hold (bytes, messages, values) into\n"
	    "ARCHIVE, a tar file (- for standard output), for ipcrestore.\n"
	    "Every object of the namespace unless some are named or --all is given.\n"
	    "\n"
	    "%s"
	    "%s"
	    "  -a, --all[=TYPE]           every object (of one type), after the above\n"
	    "      --take-posix-messages  save POSIX queues' messages too, by taking\n"
	    "                             each and putting it back (not atomic)\n"
	    "  -v, --verbose              say what is saved\n"
	    "%s"
	    "\n"
	    "Filters choose which objects are saved:\n"
	    "%s"
	    "\n"
	    "Exit status: 0 all saved, 1 something was not, 2 usage error.\n",
	    cli_name, cli_name, cli_name, cli_target_help, cli_posix_help,
	    cli_help_common(29), cli_filter_help);
}

struct run {
	struct cli_targets	 targets;
	int			 all[IPCK_NKINDS];
	int			 any_all;
	struct cli_filter	 filt;
	int			 verbose;
	int			 take;
	const char		*archive;
	struct ar_save		 save;
	struct cli_seen		 seen;		/* System V objects named and saved */
	char			**names;	/* POSIX objects named and saved, "K/name" */
	size_t			 nnames;
	size_t			 saved;
	uint64_t		 unsaved;	/* POSIX messages left out */
	int			 broken;	/* the archive could not be written: errno */
	int			 rc;
};

static void
parse(int argc, char *argv[], struct run *r)
{
	struct cli_opts o = { CLI_TAKES_TARGETS, NULL, 0, { NULL, 0 }, NULL,
	    NULL };
	enum ipck_kind kind;
	int c, k;

	while ((c = cli_getopt(argc, argv, "a::v", longopts, &o)) != -1) {
		switch (c) {
		case 'a':
			r->any_all = 1;
			if (optarg != NULL && (ipck_parse_kind(optarg, &kind) < 0 ||
			    strcmp(optarg, ipck_kind_name(kind)) != 0))
				cli_die(CLI_USAGE, "%s: unknown type for --all "
				    "(shm, msg, sem, pshm, pmsg or psem)",
				    argv[optind - 1]);
			for (k = 0; k < IPCK_NKINDS; k++)
				if (optarg == NULL || k == (int)kind)
					r->all[k] = 1;
			break;
		case 'v':
			r->verbose = 1;
			break;
		case OPT_TAKE:
			r->take = 1;
			break;
		default:
			cli_filter_option(c, optarg, &r->filt);
			break;
		}
	}
	r->targets = o.targets;
	if (optind == argc)
		cli_die(CLI_USAGE, "no archive named; try '%s --help'", cli_name);
	if (optind + 1 < argc)
		cli_die(CLI_USAGE, "%s: unexpected operand (the archive, %s, "
		    "comes last)", argv[optind + 1], argv[optind]);
	r->archive = argv[optind];
	if (r->archive[0] == '\0')
		cli_die(CLI_USAGE, "'': not an archive's name");
	/* no object named and no --all: every object, filters choosing */
	if (r->targets.n == 0 && !r->any_all)
		for (k = 0; k < IPCK_NKINDS; k++)
			r->all[k] = 1;
	else if (r->filt.f.what != 0 && !r->any_all)
		cli_die(CLI_USAGE, "filters choose what --all saves; add -a or "
		    "--all=TYPE, or name no object");
	for (k = 0; r->any_all && k < IPCK_NKINDS; k++)
		if (r->all[k] && !(r->all[0] && r->all[IPCK_NKINDS - 1]))
			cli_filter_for(&r->filt.f, (enum ipck_kind)k);
	cli_getopt_done();
}

static uint64_t
tag(const struct ipck_obj *o)
{
	return (uint64_t)((unsigned int)o->kind + 1) << 32 | (uint32_t)o->id;
}

/* Whether o was saved already (named twice, or named and walked). */
static int
seen(struct run *r, const struct ipck_obj *o)
{
	size_t i;

	if (ipck_kind_info(o->kind)->family == IPCK_SYSV)
		return cli_seen_has(&r->seen, tag(o));
	for (i = 0; i < r->nnames; i++)
		if (r->names[i][0] == (char)('0' + o->kind) &&
		    strcmp(r->names[i] + 1, o->name) == 0)
			return 1;
	return 0;
}

static void
mark(struct run *r, const struct ipck_obj *o)
{
	if (ipck_kind_info(o->kind)->family == IPCK_SYSV) {
		cli_seen_add(&r->seen, tag(o));
		return;
	}
	r->names = cli_grow(r->names, r->nnames, sizeof(*r->names));
	if ((r->names[r->nnames] = malloc(strlen(o->name) + 2)) == NULL)
		cli_die(CLI_FAIL, "out of memory");
	sprintf(r->names[r->nnames++], "%c%s", '0' + o->kind, o->name);
}

/* Save o; named: it was named on the command line (the walk's are not kept). */
static void
save(struct run *r, const struct ipck_obj *o, int named)
{
	char arg[1100], err[512];
	uint64_t before = r->unsaved;
	int s;

	if (r->broken || seen(r, o))
		return;
	s = ar_save_obj(&r->save, o, &r->unsaved, err, sizeof(err));
	cli_object_arg(o, arg, sizeof(arg));
	if (s < 0) {
		/* the archive itself failing ends the run */
		if (strncmp(err, "the archive", 11) == 0) {
			r->broken = errno ? errno : EIO;
			return;
		}
		cli_err("%s: not saved: %s", arg, err);
		r->rc = CLI_FAIL;
		return;
	}
	if (s > 0) {
		cli_err("%s: not saved: it was removed meanwhile", arg);
		return;
	}
	if (named)
		mark(r, o);
	r->saved++;
	if (r->unsaved > before)
		cli_err("%s: its %llu message%s not saved "
		    "(--take-posix-messages takes and puts them back)", arg,
		    (unsigned long long)(r->unsaved - before),
		    r->unsaved - before == 1 ? " was" : "s were");
	if (r->verbose)
		fprintf(stderr, "%s: saved %s\n", cli_name, arg);
}

static void
targets(struct run *r)
{
	struct ipck_obj o;
	size_t i;

	for (i = 0; i < r->targets.n; i++) {
		if (cli_target_stat(&r->targets.v[i], &o) < 0) {
			r->rc = CLI_FAIL;
			continue;
		}
		save(r, &o, 1);
	}
}

static void
kinds(struct run *r)
{
	static const enum ipck_kind order[] = { IPCK_SHM, IPCK_MSG, IPCK_SEM,
	    IPCK_PSHM, IPCK_PMSG, IPCK_PSEM };
	struct ipck_obj o;
	ipck_iter *it;
	size_t i;
	int n;

	for (i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		if (!r->all[order[i]] || !cli_ns_lists(NULL, order[i]))
			continue;
		/*
		 * segments from /proc/sysvipc, which has their pages: one with
		 * none resident or swapped holds no data, and is not attached
		 */
		if ((it = ipck_open_at(cli_place(), order[i], order[i] == IPCK_SHM ?
		    IPCK_ITER_PROC : 0)) == NULL) {
			cli_cannot_list(order[i], errno);
			r->rc = CLI_FAIL;
			continue;
		}
		while ((n = ipck_next(it, &o)) > 0) {
			/* removed while attached: gone but for its last detach */
			if (o.kind == IPCK_SHM && (o.mode & SHM_DEST))
				continue;
			if (ipck_match(&r->filt.f, &o))
				save(r, &o, 0);
		}
		if (n < 0) {
			cli_cannot_list(order[i], errno);
			r->rc = CLI_FAIL;
		}
		ipck_close(it);
	}
}

int
main(int argc, char *argv[])
{
	struct run r;
	struct ar_file f;
	size_t i;

	memset(&r, 0, sizeof(r));
	cli_init("ipcsave", usage);
	parse(argc, argv, &r);
	/* the objects named, by id; a walk meets each of its own once */
	cli_seen_init(&r.seen, r.targets.n + 1);
	if (ar_file_create(&f, r.archive) < 0)
		cli_die(CLI_FAIL, "%s: %s", r.archive, strerror(errno));
	if (ar_save_begin(&r.save, f.fd, r.take) < 0) {
		ar_file_abort(&f);
		cli_die(CLI_FAIL, "%s: %s", r.archive, strerror(errno));
	}
	targets(&r);
	kinds(&r);
	if (r.broken)
		errno = r.broken;
	if (r.broken || ar_save_end(&r.save) < 0 || ar_file_commit(&f) < 0) {
		ar_file_abort(&f);
		cli_die(CLI_FAIL, "%s: %s; nothing saved", r.archive,
		    strerror(errno));
	}
	if (r.verbose)
		fprintf(stderr, "%s: %zu object%s saved in %s\n", cli_name,
		    r.saved, r.saved == 1 ? "" : "s", r.archive);
	ar_save_free(&r.save);
	for (i = 0; i < r.nnames; i++)
		free(r.names[i]);
	free(r.names);
	cli_seen_free(&r.seen);
	cli_targets_free(&r.targets);
	cli_filter_free(&r.filt);
	return cli_finish(r.rc);
}
