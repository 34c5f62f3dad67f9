/* SPDX-License-Identifier: MIT */
/* ipccreate: create System V IPC objects by key, by ftok or privately, and print their ids. */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

enum { OPT_HUGETLB = 0x100, OPT_NORESERVE };

static const struct option longopts[] = {
	{ "shmem",	required_argument,	NULL,	'M' },
	{ "queue",	no_argument,		NULL,	'Q' },
	{ "semaphore",	required_argument,	NULL,	'S' },
	{ "mode",	required_argument,	NULL,	'p' },
	{ "key",	required_argument,	NULL,	'k' },
	{ "ftok",	required_argument,	NULL,	'F' },
	{ "proj-id",	required_argument,	NULL,	'P' },
	{ "reuse",	no_argument,		NULL,	'r' },
	{ "hugetlb",	no_argument,		NULL,	OPT_HUGETLB },
	{ "noreserve",	no_argument,		NULL,	OPT_NORESERVE },
	{ "verbose",	no_argument,		NULL,	'v' },
	{ "help",	no_argument,		NULL,	'h' },
	{ "version",	no_argument,		NULL,	'V' },
	{ NULL,		0,			NULL,	0 }
};

/* One object to create, as the command line asked for it. */
struct res {
	enum ipck_kind	 kind;
	uint64_t	 size;		/* shm bytes, sem count */
	const char	*arg;		/* the operand that named it, for messages */
	int		 id;
	int		 created;
};

/* What every object of the call shares. */
struct spec {
	key_t		 key;
	const char	*keyarg;	/* the key as the user gave it; NULL: private */
	unsigned int	 mode;
	unsigned int	 flags;
	int		 tutorial;	/* TYPE KEY form: the tutorial's output */
};

static void
usage(void)
{
	printf("Usage: %s TYPE KEY\n"
	    "       %s [-rv] [-p MODE] [-k KEY | -F PATH -P PROJID] [--hugetlb]\n"
	    "                 [--noreserve] -M SIZE | -Q | -S NSEMS ...\n"
	    "Create System V IPC objects and print their ids, one a line.\n"
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
	    "  -v, --verbose          describe each object on stderr\n"
	    "  -h, --help             show this help\n"
	    "  -V, --version          show the version\n"
	    "\n"
	    "Every object is made, or none: after a failure the ones this call made\n"
	    "are removed again.  Exit status: 0 done, 1 failed, 2 usage error.\n",
	    cli_name, cli_name);
}

/* "0x00001234", or "IPC_PRIVATE". */
static const char *
keystr(key_t key, char *buf, size_t len)
{
	if (key == 0)
		return "IPC_PRIVATE";
	snprintf(buf, len, "0x%08x", (unsigned int)key);
	return buf;
}

/* The operand that names the key, or the resource's own for a private one. */
static const char *
label(const struct res *r, const struct spec *sp)
{
	return sp->keyarg != NULL ? sp->keyarg : r->arg;
}

static void
explain_exists(const struct res *r, const struct spec *sp)
{
	char kb[16];
	int id = ipck_lookup(r->kind, sp->key);

	cli_err("%s: key already in use by %s id %d; remove it with "
	    "'ipcrm -%c %s'%s", sp->keyarg, ipck_kind_noun(r->kind), id,
	    "MQS"[r->kind], keystr(sp->key, kb, sizeof(kb)),
	    sp->tutorial ? "" : " or pass --reuse");
}

static void
explain_access(const struct res *r, const struct spec *sp)
{
	struct ipck_obj obj;
	char owner[CLI_OWNER_LEN];
	int id = ipck_lookup(r->kind, sp->key);

	if (id < 0 || ipck_stat(r->kind, id, &obj) < 0) {
		cli_err("%s: %s", label(r, sp), strerror(EACCES));
		return;
	}
	cli_err("%s: permission denied: %s id %d belongs to %s, mode %04o",
	    label(r, sp), ipck_kind_noun(r->kind), id,
	    cli_owner(obj.uid, owner, sizeof(owner)), obj.mode & 0777);
}

/* EINVAL: a size out of the limits, or an existing object smaller than asked. */
static void
explain_invalid(const struct res *r, const struct spec *sp)
{
	struct ipck_limits lim;
	struct ipck_obj obj;
	int id;

	if (r->kind == IPCK_MSG || ipck_limits(&lim) < 0) {
		cli_err("%s: %s", r->arg, strerror(EINVAL));
		return;
	}
	if (r->kind == IPCK_SHM && (r->size < lim.shmmin || r->size > lim.shmmax)) {
		cli_err("%s: size out of range: from %" PRIu64 " (shmmin) to %"
		    PRIu64 " bytes (shmmax)", r->arg, lim.shmmin, lim.shmmax);
		return;
	}
	if (r->kind == IPCK_SEM && (r->size < 1 || r->size > lim.semmsl)) {
		cli_err("%s: number of semaphores out of range: from 1 to %"
		    PRIu64 " (semmsl)", r->arg, lim.semmsl);
		return;
	}
	if (sp->keyarg != NULL && (id = ipck_lookup(r->kind, sp->key)) >= 0 &&
	    ipck_stat(r->kind, id, &obj) == 0) {
		if (r->kind == IPCK_SHM)
			cli_err("%s: key already in use by shared memory id %d of %"
			    PRIu64 " bytes, less than %s", sp->keyarg, id,
			    obj.u.shm.size, r->arg);
		else
			cli_err("%s: key already in use by semaphore set id %d of %"
			    PRIu64 " semaphores, fewer than %s", sp->keyarg, id,
			    obj.u.sem.nsems, r->arg);
		return;
	}
	cli_err("%s: %s", r->arg, strerror(EINVAL));
}

/* ENOSPC: name the limit that is full. */
static void
explain_nospace(const struct res *r)
{
	struct ipck_limits lim;
	struct ipck_usage use;

	if (ipck_limits(&lim) < 0 || ipck_usage(r->kind, &use) < 0) {
		cli_err("%s: %s", r->arg, strerror(ENOSPC));
		return;
	}
	switch (r->kind) {
	case IPCK_SHM:
		if (use.ids >= lim.shmmni)
			cli_err("%s: no space: the limit of %" PRIu64 " segments "
			    "(shmmni) is reached", r->arg, lim.shmmni);
		else
			cli_err("%s: no space: shmall allows %" PRIu64 " pages in "
			    "all, and %" PRIu64 " are in use", r->arg, lim.shmall,
			    use.shm_pages);
		break;
	case IPCK_MSG:
		cli_err("%s: no space: the limit of %" PRIu64 " message queues "
		    "(msgmni) is reached", r->arg, lim.msgmni);
		break;
	default:
		if (use.ids >= lim.semmni)
			cli_err("%s: no space: the limit of %" PRIu64 " semaphore "
			    "sets (semmni) is reached", r->arg, lim.semmni);
		else
			cli_err("%s: no space: semmns allows %" PRIu64 " semaphores "
			    "in all, and %" PRIu64 " are in use", r->arg,
			    lim.semmns, use.sem_sems);
		break;
	}
}

static void
explain(const struct res *r, const struct spec *sp, int err)
{
	switch (err) {
	case EEXIST:
		explain_exists(r, sp);
		break;
	case EACCES:
		explain_access(r, sp);
		break;
	case EINVAL:
		explain_invalid(r, sp);
		break;
	case ENOSPC:
		explain_nospace(r);
		break;
	case EPERM:
		/* only SHM_HUGETLB makes shmget say EPERM */
		cli_err("--hugetlb: permission denied: it needs CAP_IPC_LOCK or "
		    "the group in /proc/sys/vm/hugetlb_shm_group");
		break;
	case ENOMEM:
		cli_err("%s: not enough memory%s", r->arg,
		    (sp->flags & IPCK_HUGETLB) ? " (for huge pages, see "
		    "/proc/sys/vm/nr_hugepages)" : "");
		break;
	default:
		cli_err("%s: %s", r->arg, strerror(err));
		break;
	}
}

static void
describe(const struct res *r, const struct spec *sp)
{
	struct ipck_obj obj;
	char kb[16], what[48] = "";

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
	    keystr(sp->key, kb, sizeof(kb)), what, obj.mode & 0777);
}

/* Remove the objects this call made among the first n (never reused ones). */
static void
undo(const struct res *res, int n)
{
	int saved = errno;

	while (n-- > 0)
		if (res[n].created)
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
		flags = sp->flags & (res[i].kind == IPCK_SHM ? ~0U : ~shmonly);
		res[i].id = ipck_create(res[i].kind, sp->key, res[i].size,
		    sp->mode, flags, &res[i].created);
		if (res[i].id >= 0)
			continue;
		err = errno;
		explain(&res[i], sp, err);
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

/* Static, so that it stays reachable when a usage error exits mid-parse. */
static struct res *res;

int
main(int argc, char *argv[])
{
	struct spec sp = { .mode = 0644 };
	const char *keyarg = NULL, *path = NULL, *proj = NULL;
	int c, i, n = 0, reuse = 0, verbose = 0, other = 0, rc;
	char kb[16];

	cli_init("ipccreate", CLI_FAIL);
	if ((res = calloc((size_t)argc + 1, sizeof(*res))) == NULL)
		cli_die(CLI_FAIL, "%s", strerror(errno));
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:F:hk:M:P:p:QrS:vV", longopts,
	    NULL)) != -1) {
		struct res *r = &res[n];

		switch (c) {
		case 'F':
			path = optarg;
			other = 1;
			break;
		case 'h':
			usage();
			return cli_finish(CLI_OK);
		case 'k':
			keyarg = optarg;
			other = 1;
			break;
		case 'M':
			r->kind = IPCK_SHM;
			/* a segment is a file: the kernel's largest is 2^63 - 1 */
			if (ipck_parse_size(optarg, &r->size) < 0) {
				if (errno != ERANGE)
					cli_die(CLI_USAGE, "%s: invalid size (a "
					    "number of bytes, with K, M, G, T, P "
					    "or E)", optarg);
				r->size = UINT64_MAX;
			}
			if (r->size > INT64_MAX)
				cli_die(CLI_USAGE, "%s: size out of range (at "
				    "most %" PRId64 " bytes)", optarg, INT64_MAX);
			r->arg = optarg;
			n++;
			break;
		case 'P':
			proj = optarg;
			other = 1;
			break;
		case 'p':
			if (ipck_parse_mode(optarg, &sp.mode) < 0)
				cli_die(CLI_USAGE, errno == ERANGE ? "%s: mode out "
				    "of range (at most 0777)" : "%s: invalid mode "
				    "(octal, at most 0777)", optarg);
			break;
		case 'Q':
			r->kind = IPCK_MSG;
			r->arg = "-Q";
			n++;
			break;
		case 'r':
			reuse = 1;
			other = 1;
			break;
		case 'S': {
			int nsems;

			if (ipck_parse_id(optarg, &nsems) < 0)
				cli_die(CLI_USAGE, errno == ERANGE ? "%s: number "
				    "of semaphores out of range (at most "
				    "2147483647)" : "%s: invalid number of "
				    "semaphores", optarg);
			r->kind = IPCK_SEM;
			r->size = (uint64_t)nsems;
			r->arg = optarg;
			n++;
			break;
		}
		case 'v':
			verbose = 1;
			break;
		case 'V':
			return cli_version();
		case OPT_HUGETLB:
			sp.flags |= IPCK_HUGETLB;
			other = 1;
			break;
		case OPT_NORESERVE:
			sp.flags |= IPCK_NORESERVE;
			other = 1;
			break;
		default:
			cli_bad_option(c, argv[optind - 1], longopts);
		}
	}
	argc -= optind;
	argv += optind;

	if (argc > 0) {
		if (n > 0 || other)
			cli_die(CLI_USAGE, "%s: the TYPE KEY form takes no -M, -Q, "
			    "-S, -k, -F, -P, -r or huge page options", argv[0]);
		parse_tutorial(argc, argv, &res[0], &sp);
		n = 1;
	} else {
		if (n == 0)
			cli_die(CLI_USAGE, "nothing to create: give -M SIZE, -Q or "
			    "-S NSEMS; try '%s --help'", cli_name);
		if (keyarg != NULL && (path != NULL || proj != NULL))
			cli_die(CLI_USAGE, "-k and -F/-P both give the key: "
			    "choose one");
		if (keyarg != NULL)
			sp.key = cli_key(keyarg);
		if (keyarg == NULL && (path != NULL || proj != NULL)) {
			sp.key = cli_ftok(path, proj, CLI_FAIL);
			snprintf(kb, sizeof(kb), "0x%08x", (unsigned int)sp.key);
			keyarg = kb;
		}
		if (reuse && sp.key == 0)
			cli_die(CLI_USAGE, "--reuse needs a key (-k or -F/-P); a "
			    "private object is always new");
		if (!reuse)
			sp.flags |= IPCK_EXCL;
		for (i = 0; i < n && res[i].kind != IPCK_SHM; i++)
			continue;
		if (i == n && (sp.flags & (IPCK_HUGETLB | IPCK_NORESERVE)))
			cli_die(CLI_USAGE, "--hugetlb and --noreserve are for "
			    "segments, and there is no -M");
		sp.keyarg = keyarg;
	}

	rc = create_all(res, n, &sp);
	for (i = 0; rc == CLI_OK && i < n; i++) {
		if (sp.tutorial)
			printf("create %s at 0x%x, id = %d\n",
			    cli_tutorial_noun(res[i].kind), (unsigned int)sp.key,
			    res[i].id);
		else
			printf("%d\n", res[i].id);
	}
	/* ids that never reached the caller name objects nobody will remove */
	if (rc == CLI_OK && (fflush(stdout) != 0 || ferror(stdout))) {
		undo(res, n);
		rc = CLI_FAIL;
	}
	for (i = 0; rc == CLI_OK && verbose && i < n; i++)
		describe(&res[i], &sp);
	free(res);
	return cli_finish(rc);
}
