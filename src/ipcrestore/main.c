/* SPDX-License-Identifier: MIT */
/* ipcrestore: make the IPC objects of an ipcsave archive again, with their contents; all or none. */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ipcrestore.h"

enum { OPT_EXACT = 0x100, OPT_SKIP };

static const struct option longopts[] = {
	{ "list",		no_argument,		NULL,	'n' },
	{ "dry-run",		no_argument,		NULL,	'n' },
	{ "verbose",		no_argument,		NULL,	'v' },
	{ "exact-ids",		no_argument,		NULL,	OPT_EXACT },
	{ "skip-existing",	no_argument,		NULL,	OPT_SKIP },
	{ NULL,			0,			NULL,	0 }
};

static void
usage(void)
{
	printf("Usage: %s [-nv] [--exact-ids | --skip-existing] ARCHIVE\n"
	    "Make the IPC objects of an ipcsave archive (- for standard input)\n"
	    "again, with their keys or names, owners, modes and contents: all of\n"
	    "them, or none.\n"
	    "\n"
	    "  -n, --list                 say what would be made, make nothing\n"
	    "      --exact-ids            the saved ids, or fail before making any\n"
	    "      --skip-existing        leave out objects whose key, name or id\n"
	    "                             is in use, rather than stop\n"
	    "  -v, --verbose              say what is made\n"
	    "%s"
	    "\n"
	    "Objects get their saved ids where the caller may set the kernel's\n"
	    "next id, else new ones, each change printed.\n"
	    "Exit status: 0 all made, 1 none made, 2 usage error.\n",
	    cli_name, cli_help_common(29));
}

static void
parse(int argc, char *argv[], struct run *r)
{
	struct cli_opts o = { 0, NULL, 0, { NULL, 0 }, NULL, NULL };
	int c;

	while ((c = cli_getopt(argc, argv, "nv", longopts, &o)) != -1) {
		switch (c) {
		case 'n':
			r->list = 1;
			break;
		case 'v':
			r->verbose = 1;
			break;
		case OPT_EXACT:
			r->exact = 1;
			break;
		case OPT_SKIP:
			r->skip = 1;
			break;
		default:
			abort();
		}
	}
	if (r->exact && r->skip)
		cli_die(CLI_USAGE, "--exact-ids and --skip-existing: one or the "
		    "other (an id in use is an error with --exact-ids)");
	if (optind == argc)
		cli_die(CLI_USAGE, "no archive named; try '%s --help'", cli_name);
	if (optind + 1 < argc)
		cli_die(CLI_USAGE, "%s: unexpected operand (one archive at a "
		    "time)", argv[optind + 1]);
	r->archive = argv[optind];
	if (r->archive[0] == '\0')
		cli_die(CLI_USAGE, "'': not an archive's name");
	cli_getopt_done();
}

/* What --list says of object o: "-m 5: key 0x00001234, 4096 bytes, ..." */
static void
describe(const struct run *r, size_t i)
{
	const struct ar_obj *o = &r->m.v[i];
	char arg[1100], own[CLI_OWNER_LEN], grp[CLI_OWNER_LEN];

	printf("%s %s", r->skipped[i] ? "skip" : "make",
	    restore_arg(o, o->id, arg, sizeof(arg)));
	if (ipck_kind_info(o->kind)->family == IPCK_SYSV)
		printf(": key 0x%08x", (unsigned int)o->key);
	else
		printf(":");
	switch (o->kind) {
	case IPCK_SHM:
	case IPCK_PSHM:
		printf("%s %" PRIu64 " bytes (%" PRIu64 " kept)",
		    o->kind == IPCK_SHM ? "," : "", o->size, o->bytes);
		break;
	case IPCK_MSG:
		printf(", %" PRIu64 " messages, byte limit %" PRIu64, o->nmsgs,
		    o->qbytes);
		break;
	case IPCK_PMSG:
		if (o->has_contents)
			printf(" %" PRIu64 " messages,", o->nmsgs);
		else
			printf(" messages not saved,");
		printf(" maxmsg %" PRIu64 ", msgsize %" PRIu64, o->maxmsg,
		    o->msgsize);
		break;
	case IPCK_SEM:
		printf(", %" PRIu64 " semaphores", o->nsems);
		break;
	default:
		printf(" value %d", o->values[0]);
		break;
	}
	printf(", owner %s, group %s, mode %04o\n",
	    cli_owner(o->uid, own, sizeof(own)),
	    cli_group_owner(o->gid, grp, sizeof(grp)), o->mode);
}

int
main(int argc, char *argv[])
{
	struct ipck_limits lim;
	struct run r;
	char err[600];
	size_t i;
	int fd, rc;

	memset(&r, 0, sizeof(r));
	cli_init("ipcrestore", usage);
	parse(argc, argv, &r);
	if ((fd = ar_file_open(r.archive)) < 0)
		cli_die(CLI_FAIL, "%s: %s", r.archive, strerror(errno));
	if (ar_in_open(&r.in, fd) < 0) {
		close(fd);
		cli_die(CLI_FAIL, "%s: %s; nothing made", r.archive, r.in.err);
	}
	if (ipck_limits(&lim) < 0)
		lim.msgmax = 0;
	if (ar_load(&r.in, &r.m, lim.msgmax, err, sizeof(err)) < 0) {
		ar_in_free(&r.in);
		close(fd);
		cli_die(CLI_FAIL, "%s: %s; nothing made", r.archive, err);
	}
	if ((r.skipped = calloc(r.m.n + 1, 1)) == NULL ||
	    (r.newid = calloc(r.m.n + 1, sizeof(int))) == NULL)
		cli_die(CLI_FAIL, "out of memory");
	for (i = 0; i < r.m.n; i++)
		r.newid[i] = r.m.v[i].id;
	rc = restore_conflicts(&r);
	if (rc == CLI_OK)
		rc = restore_ids(&r);
	if (rc == CLI_OK)
		rc = restore_fits(&r);
	if (r.m.pmsg_unsaved > 0)
		cli_err("%s: %d POSIX queue%s saved without %s messages: made "
		    "empty", r.archive, r.m.pmsg_unsaved, r.m.pmsg_unsaved == 1 ?
		    "" : "s", r.m.pmsg_unsaved == 1 ? "its" : "their");
	if (r.list) {
		for (i = 0; i < r.m.n; i++)
			describe(&r, i);
	} else if (rc == CLI_OK)
		rc = restore_make(&r);
	else
		cli_err("%s: nothing made", r.archive);
	free(r.skipped);
	free(r.newid);
	ar_manifest_free(&r.m);
	ar_in_free(&r.in);
	close(fd);
	return cli_finish(rc);
}
