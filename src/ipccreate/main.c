/* SPDX-License-Identifier: MIT */
/* ipccreate: create System V IPC objects by key, by ftok or privately, and POSIX ones by name; print their ids and names. */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ipccreate.h"

enum { OPT_HUGETLB = 0x100, OPT_NORESERVE, OPT_VALUE, OPT_MAXMSG, OPT_MSGSIZE };

static const struct option longopts[] = {
	{ "shmem",	required_argument,	NULL,	'M' },
	{ "queue",	no_argument,		NULL,	'Q' },
	{ "semaphore",	required_argument,	NULL,	'S' },
	{ "mode",	required_argument,	NULL,	'p' },
	{ "key",	required_argument,	NULL,	'k' },
	{ "reuse",	no_argument,		NULL,	'r' },
	{ "hugetlb",	no_argument,		NULL,	OPT_HUGETLB },
	{ "noreserve",	no_argument,		NULL,	OPT_NORESERVE },
	{ "posix-shmem",	required_argument,	NULL,	'm' },
	{ "posix-mqueue",	no_argument,		NULL,	'q' },
	{ "posix-semaphore",	no_argument,		NULL,	's' },
	{ "name",	required_argument,	NULL,	'n' },
	{ "value",	required_argument,	NULL,	OPT_VALUE },
	{ "maxmsg",	required_argument,	NULL,	OPT_MAXMSG },
	{ "msgsize",	required_argument,	NULL,	OPT_MSGSIZE },
	{ "verbose",	no_argument,		NULL,	'v' },
	{ NULL,		0,			NULL,	0 }
};

static void
usage(void)
{
	printf("Usage: %s TYPE KEY\n"
	    "       %s [-rv] [-p MODE] [-k KEY | -F PATH -P PROJID] [--hugetlb]\n"
	    "                 [--noreserve] -M SIZE | -Q | -S NSEMS ...\n"
	    "       %s [-rv] [-p MODE] [--value N] [--maxmsg N] [--msgsize SIZE]\n"
	    "                 -m SIZE | -q | -s ... -n NAME ...\n"
	    "Create System V IPC objects and print their ids, and POSIX ones and\n"
	    "print their names, one a line.\n"
	    "\n"
	    "TYPE KEY is the tutorial's form: TYPE 0 (shm), 1 (msg) or 2 (sem),\n"
	    "KEY in hexadecimal; one page, a queue, or 5 semaphores; mode 0644.\n"
	    "\n"
	    "  -M, --shmem SIZE       a shared memory segment of SIZE bytes (4096, 4K, 1MiB)\n"
	    "  -Q, --queue            a message queue\n"
	    "  -S, --semaphore NSEMS  a set of NSEMS semaphores\n"
	    "  -p, --mode MODE        permissions, in octal (default 0644)\n"
	    "  -k, --key KEY          the key: 0x hex, 0 octal or decimal (default private)\n"
	    "  -F, --ftok PATH        the key from ftok(PATH, PROJID) ...\n"
	    "  -P, --proj-id PROJID   ... with this project id (a number or a character)\n"
	    "  -r, --reuse            take an object that already has the key (default: fail)\n"
	    "      --hugetlb          back segments with huge pages\n"
	    "      --noreserve        reserve no swap for segments\n"
	    "  -m, --posix-shmem SIZE  a POSIX shared memory object of SIZE bytes\n"
	    "  -q, --posix-mqueue     a POSIX message queue\n"
	    "  -s, --posix-semaphore  a POSIX named semaphore\n"
	    "  -n, --name NAME        the name (/name) of the POSIX objects before it,\n"
	    "                         or, given once, of all of them\n"
	    "      --value N          a semaphore's first value (default 0)\n"
	    "      --maxmsg N         a queue's most messages (default msg_default)\n"
	    "      --msgsize SIZE     a queue's largest message (default msgsize_default)\n"
	    "  -v, --verbose          describe each object on stderr\n"
	    "%s"
	    "\n"
	    "The mode is the object's whatever the umask.  Every object is made, or\n"
	    "none: after a failure the ones this call made are removed again.\n"
	    "Exit status: 0 done, 1 failed, 2 usage error.\n",
	    cli_name, cli_name, cli_name, cli_help_common(25));
}

static void
describe(const struct res *r, const struct spec *sp)
{
	struct ipck_obj obj;
	char kb[16], what[48] = "";

	if (r->name != NULL) {
		ipccreate_posix_describe(r);
		return;
	}
	/* a reused object keeps its own size and mode: show what it has */
	if (ipck_stat(r->kind, r->id, &obj) < 0) {
		obj.mode = sp->mode;
		obj.u.shm.size = r->size;
		obj.u.sem.nsems = r->size;
	}
	if (r->kind == IPCK_SHM)
		snprintf(what, sizeof(what), ", %" PRIu64 " byte%s",
		    obj.u.shm.size, obj.u.shm.size == 1 ? "" : "s");
	else if (r->kind == IPCK_SEM)
		snprintf(what, sizeof(what), ", %" PRIu64 " semaphore%s",
		    obj.u.sem.nsems, obj.u.sem.nsems == 1 ? "" : "s");
	fprintf(stderr, "%s %s id %d: key %s%s, mode %04o\n",
	    r->created ? "created" : "reused", ipck_kind_noun(r->kind), r->id,
	    ipccreate_keystr(sp->key, kb, sizeof(kb)), what, obj.mode & 0777);
}

/* Remove the objects this call made among the first n (never reused ones). */
static void
undo(const struct res *res, int n)
{
	int saved = errno;

	while (n-- > 0)
		if (res[n].created && res[n].name != NULL)
			(void)ipck_remove_obj(&res[n].made);
		else if (res[n].created)
			(void)ipck_remove(res[n].kind, res[n].id);
	errno = saved;
}

/* Create every object in order; on a failure, undo what this call made. */
static int
create_all(struct res *res, int n, const struct spec *sp)
{
	unsigned int shmonly = IPCK_HUGETLB | IPCK_NORESERVE, flags;
	int i, err;

	for (i = 0; i < n; i++) {
		if (res[i].name != NULL) {
			if (ipccreate_posix(&res[i], sp) == CLI_OK)
				continue;
			undo(res, i + 1);	/* too small to reuse: made by none */
			return CLI_FAIL;
		}
		flags = sp->flags & (res[i].kind == IPCK_SHM ? ~0U : ~shmonly);
		res[i].id = ipck_create(res[i].kind, sp->key, res[i].size,
		    sp->mode, flags, &res[i].created);
		if (res[i].id >= 0)
			continue;
		err = errno;
		ipccreate_explain(&res[i], sp, err);
		undo(res, i);
		return CLI_FAIL;
	}
	return CLI_OK;
}

static void
parse_tutorial(int argc, char *argv[], struct res *r, struct spec *sp)
{
	if (argc < 2)
		cli_die(CLI_USAGE, "%s: missing KEY after TYPE; try '%s --help'",
		    argv[0], cli_name);
	if (argc > 2)
		cli_die(CLI_USAGE, "%s: unexpected operand after TYPE KEY",
		    argv[2]);
	r->kind = cli_kind_arg(argv[0]);
	sp->key = cli_key_hex(argv[1]);
	/* as the tutorial's program: one page, 5 semaphores, exclusive */
	r->size = r->kind == IPCK_SHM ? (uint64_t)sysconf(_SC_PAGESIZE) : 5;
	r->arg = argv[1];
	sp->keyarg = argv[1];
	sp->flags |= IPCK_EXCL;
	sp->tutorial = 1;
}

/* The objects asked for, in order; kept where a usage error's exit still reaches them. */
static struct {
	struct res	*v;
	int		 n;
} res;

static struct res *
add(enum ipck_kind kind, uint64_t size, const char *arg)
{
	struct res *r;

	res.v = cli_grow(res.v, (size_t)res.n, sizeof(*res.v));
	r = &res.v[res.n++];
	memset(r, 0, sizeof(*r));
	r->kind = kind;
	r->size = size;
	r->arg = arg;
	r->id = -1;
	return r;
}

/* -M SIZE: bytes, within what the kernel keeps a segment in. */
static uint64_t
size_arg(const char *arg)
{
	uint64_t size;

	if (ipck_parse_size(arg, &size) < 0) {
		if (errno != ERANGE)
			cli_die(CLI_USAGE, "%s: invalid size (a number of bytes, "
			    "with K, M, G, T, P or E)", arg);
		size = UINT64_MAX;
	}
	/* a segment is a file: the kernel's largest is 2^63 - 1 */
	if (size > INT64_MAX)
		cli_die(CLI_USAGE, "%s: size out of range (at most %" PRId64
		    " bytes)", arg, INT64_MAX);
	return size;
}

/* -S NSEMS */
static uint64_t
nsems_arg(const char *arg)
{
	int nsems;

	if (ipck_parse_id(arg, &nsems) < 0)
		cli_die(CLI_USAGE, errno == ERANGE ? "%s: number of semaphores "
		    "out of range (at most 2147483647)" : "%s: invalid number "
		    "of semaphores", arg);
	return (uint64_t)nsems;
}



/* The key and flags of the second form, checked together. */
static void
key_of(struct given *g, struct spec *sp, char *kb, size_t kblen)
{
	int i;

	if (res.n == 0)
		cli_die(CLI_USAGE, "nothing to create: give -M SIZE, -Q or "
		    "-S NSEMS, or -m SIZE, -q or -s with -n NAME; try '%s --help'",
		    cli_name);
	ipccreate_posix_of(g, sp, res.v, res.n);
	for (i = 0; i < res.n && res.v[i].name != NULL; i++)
		continue;
	if (i == res.n && (g->keyarg != NULL || g->path != NULL ||
	    g->proj != NULL))
		cli_die(CLI_USAGE, "%s: a key is for System V objects, and there "
		    "is no -M, -Q or -S", g->keyarg != NULL ? g->keyarg :
		    g->path != NULL ? g->path : g->proj);
	if (g->keyarg != NULL && (g->path != NULL || g->proj != NULL))
		cli_die(CLI_USAGE, "-k and -F/-P both give the key: choose one");
	if (g->keyarg != NULL)
		sp->key = cli_key(g->keyarg);
	if (g->keyarg == NULL && (g->path != NULL || g->proj != NULL)) {
		sp->key = cli_ftok(g->path, g->proj, CLI_FAIL);
		snprintf(kb, kblen, "0x%08x", (unsigned int)sp->key);
		g->keyarg = kb;
	}
	if (g->reuse && sp->key == 0 && i < res.n)
		cli_die(CLI_USAGE, "--reuse needs a key (-k or -F/-P); a private "
		    "object is always new");
	if (!g->reuse)
		sp->flags |= IPCK_EXCL;
	for (i = 0; i < res.n && res.v[i].kind != IPCK_SHM; i++)
		continue;
	if (i == res.n && (sp->flags & (IPCK_HUGETLB | IPCK_NORESERVE)))
		cli_die(CLI_USAGE, "--hugetlb and --noreserve are for segments, "
		    "and there is no -M");
	sp->keyarg = g->keyarg;
}

/* One option of the objects and their attributes, into g and sp. */
static void
option(int c, struct given *g, struct spec *sp, int *verbose)
{
	switch (c) {
	case 'k':
		g->keyarg = optarg;
		break;
	case 'M':
		add(IPCK_SHM, size_arg(optarg), optarg);
		break;
	case 'p':
		if (ipck_parse_mode(optarg, &sp->mode) < 0)
			cli_die(CLI_USAGE, errno == ERANGE ? "%s: mode out "
			    "of range (at most 0777)" : "%s: invalid mode "
			    "(octal, at most 0777)", optarg);
		break;
	case 'Q':
		add(IPCK_MSG, 0, "-Q");
		break;
	case 'r':
		g->reuse = 1;
		break;
	case 'S':
		add(IPCK_SEM, nsems_arg(optarg), optarg);
		break;
	case 'v':
		*verbose = 1;
		break;
	case OPT_HUGETLB:
		sp->flags |= IPCK_HUGETLB;
		break;
	case OPT_NORESERVE:
		sp->flags |= IPCK_NORESERVE;
		break;
	case 'm':
		add(IPCK_PSHM, size_arg(optarg), optarg);
		break;
	case 'q':
		add(IPCK_PMSG, 0, "-q");
		break;
	case 's':
		add(IPCK_PSEM, 0, "-s");
		break;
	case 'n':
		if (g->nnames == (int)(sizeof(g->names) / sizeof(g->names[0])))
			cli_die(CLI_USAGE, "-n %s: more than %d names",
			    optarg, g->nnames);
		g->names[g->nnames] = optarg;
		g->upto[g->nnames++] = res.n;
		break;
	case OPT_VALUE:
		g->value = optarg;
		break;
	case OPT_MAXMSG:
		g->maxmsg = optarg;
		break;
	case OPT_MSGSIZE:
		g->msgsize = optarg;
		break;
	}
}

static void
parse(int argc, char *argv[], struct spec *sp, int *verbose, char *kb,
    size_t kblen)
{
	struct cli_opts o = { CLI_TAKES_FTOK, NULL, 0, { NULL, 0 }, NULL,
	    NULL };
	struct given g;
	int c;

	memset(&g, 0, sizeof(g));

	while ((c = cli_getopt(argc, argv, "k:M:m:n:p:QqrS:sv", longopts,
	    &o)) != -1) {
		option(c, &g, sp, verbose);
		if (c == 'k' || c == 'r' || c == OPT_HUGETLB ||
		    c == OPT_NORESERVE || c == 'n' || c == OPT_VALUE ||
		    c == OPT_MAXMSG || c == OPT_MSGSIZE)
			g.other = 1;
	}
	cli_getopt_done();
	g.path = o.path;
	g.proj = o.proj;
	if (g.path != NULL || g.proj != NULL)
		g.other = 1;
	argc -= optind;
	argv += optind;
	if (argc == 0) {
		key_of(&g, sp, kb, kblen);
		return;
	}
	if (res.n > 0 || g.other)
		cli_die(CLI_USAGE, "%s: the TYPE KEY form takes no -M, -Q, -S, -k, "
		    "-F, -P, -r, huge page or POSIX options", argv[0]);
	parse_tutorial(argc, argv, add(IPCK_SHM, 0, NULL), sp);
}

int
main(int argc, char *argv[])
{
	struct spec sp = { .mode = 0644 };
	int i, verbose = 0, rc;
	char kb[16];

	cli_init("ipccreate", usage);
	parse(argc, argv, &sp, &verbose, kb, sizeof(kb));
	rc = create_all(res.v, res.n, &sp);
	for (i = 0; rc == CLI_OK && i < res.n; i++) {
		if (sp.tutorial)
			printf("create %s at 0x%x, id = %d\n",
			    ipck_kind_info(res.v[i].kind)->tutorial,
			    (unsigned int)sp.key, res.v[i].id);
		else if (res.v[i].name != NULL)
			printf("%s\n", res.v[i].name);
		else
			printf("%d\n", res.v[i].id);
	}
	/* ids that never reached the caller name objects nobody will remove */
	if (rc == CLI_OK && (fflush(stdout) != 0 || ferror(stdout))) {
		undo(res.v, res.n);
		rc = CLI_FAIL;
	}
	for (i = 0; rc == CLI_OK && verbose && i < res.n; i++)
		describe(&res.v[i], &sp);
	for (i = 0; i < res.n; i++)
		free(res.v[i].name);
	free(res.v);
	return cli_finish(rc);
}
