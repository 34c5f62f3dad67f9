/* SPDX-License-Identifier: MIT */
/* shmcat: shared memory's bytes (a System V segment's or a POSIX object's) to standard output, or standard input into it. */
#define _DEFAULT_SOURCE	/* SHM_DEST */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

static const struct option longopts[] = {
	{ "offset",		required_argument,	NULL,	'o' },
	{ "length",		required_argument,	NULL,	'l' },
	{ "write",		no_argument,		NULL,	'w' },
	{ "hex",		no_argument,		NULL,	'x' },
	{ "verbose",		no_argument,		NULL,	'v' },
	{ NULL,			0,			NULL,	0 }
};

static void
usage(void)
{
	printf("Usage: %s [-vwx] [-o OFFSET] [-l LENGTH] -m ID | -M KEY\n"
	    "       %s [-vwx] [-o OFFSET] [-l LENGTH] -F PATH -P PROJID [shm]\n"
	    "       %s [-vwx] [-o OFFSET] [-l LENGTH] --posix-shmem NAME\n"
	    "Copy shared memory's bytes, a System V segment's or a POSIX object's,\n"
	    "to standard output, or with -w standard input into it.\n"
	    "\n"
	    "  -m, --shmem-id ID          the segment ID (decimal)\n"
	    "  -M, --shmem-key KEY        the segment with KEY (0x hex, 0 octal or decimal)\n"
	    "  -F, --ftok PATH            the segment whose key ftok(PATH, PROJID) makes\n"
	    "  -P, --proj-id PROJID       ftok's project id (a number or a character)\n"
	    "      --posix-shmem NAME     the POSIX shared memory object NAME (/dev/shm/NAME)\n"
	    "  -o, --offset OFFSET        start at byte OFFSET of the segment (default 0)\n"
	    "  -l, --length LENGTH        copy LENGTH bytes (default: to the end)\n"
	    "                             (4096, 4K or 4KiB = 4096, 4KB = 4000, 0x1000)\n"
	    "  -w, --write                copy standard input into the segment; input\n"
	    "                             beyond the range is not written, and is an error\n"
	    "  -x, --hex                  show the bytes as a hex dump (as hexdump -C)\n"
	    "  -v, --verbose              say how many bytes were copied, and how\n"
	    "%s"
	    "\n"
	    "Reading needs read permission; writing a segment read and write\n"
	    "permission, a POSIX object write permission.  A range past the end is\n"
	    "an error, and nothing is copied; nothing is ever resized.\n"
	    "\n"
	    "Exit status: 0 done, 1 failed, 2 usage error.\n",
	    cli_name, cli_name, cli_name, cli_help_common(29));
}

/* An offset or a length as typed; the value, or exit 2 naming it. */
static uint64_t
size_arg(const char *opt, const char *arg)
{
	uint64_t v;

	if (ipck_parse_size(arg, &v) < 0 && errno == ERANGE)
		cli_die(CLI_USAGE, "%s %s: %s out of range (at most %" PRIu64
		    " bytes)", opt, arg, opt[1] == 'o' ? "offset" : "length",
		    UINT64_MAX);
	if (ipck_parse_size(arg, &v) < 0)
		cli_die(CLI_USAGE, "%s %s: invalid %s (bytes: 4096, 4K, 4KB, "
		    "0x1000)", opt, arg, opt[1] == 'o' ? "offset" : "length");
	return v;
}

/*
 * The rest of standard input, which did not fit: counted, not kept.  A
 * regular file is measured; anything else is read, but no further than
 * REST_MAX, since it may never end (/dev/zero).  *more: it went on.
 */
#define REST_MAX	((uint64_t)1 << 20)

static uint64_t
rest_of_input(int *more)
{
	static char buf[1 << 16];
	struct stat st;
	uint64_t n = 0;
	off_t pos;
	ssize_t r;

	*more = 0;
	if (fstat(0, &st) == 0 && S_ISREG(st.st_mode) &&
	    (pos = lseek(0, 0, SEEK_CUR)) >= 0)
		return st.st_size > pos ? (uint64_t)(st.st_size - pos) : 0;
	/* to the bound, then one byte more: does it go on? */
	while (n <= REST_MAX) {
		r = read(0, buf, n < REST_MAX ? (size_t)(REST_MAX - n <
		    sizeof(buf) ? REST_MAX - n : sizeof(buf)) : 1);
		if (r > 0 && n == REST_MAX) {
			*more = 1;
			return n;
		}
		if (r > 0)
			n += (uint64_t)r;
		else if (r == 0 || errno != EINTR)
			return n;
	}
	return n;
}

static int
hex_dump(const struct ipck_obj *o, uint64_t off, uint64_t len,
    struct ipck_copy *c)
{
	struct cli_hex h;

	cli_hex_start(&h, off);
	if ((o->kind == IPCK_PSHM ? ipck_pshm_scan(o, off, len,
	    cli_hex_run, &h, c) : ipck_shm_scan(o->id, off, len, cli_hex_run,
	    &h, c)) < 0)
		return -1;
	cli_hex_end(&h);
	return 0;
}

/* What the command line asks for. */
struct job {
	const char	*offarg;	/* -o as typed, or NULL */
	const char	*lenarg;	/* -l as typed, or NULL */
	uint64_t	 off;
	uint64_t	 len;
	int		 wr;
	int		 hex;
	int		 verbose;
};


static const struct cli_one one = {
	IPCK_SHM, "only shared memory has bytes to copy",
	"-m ID, -M KEY or --posix-shmem NAME", "shared memory",
	"-m ID, -M KEY, -F PATH -P PROJID or --posix-shmem NAME", "object", 1
};

/* The one segment, in o->targets, and the job. */
static void
parse(int argc, char *argv[], struct cli_opts *o, struct job *j)
{
	int c;

	while ((c = cli_getopt(argc, argv, "l:o:vwx", longopts, o)) != -1) {
		switch (c) {
		case 'l':
			j->len = size_arg("-l", j->lenarg = optarg);
			break;
		case 'o':
			j->off = size_arg("-o", j->offarg = optarg);
			break;
		case 'v':
			j->verbose = 1;
			break;
		case 'w':
			j->wr = 1;
			break;
		case 'x':
			j->hex = 1;
			break;
		default:
			abort();	/* getopt gives only the letters asked for */
		}
	}
	cli_getopt_done();
	cli_one_done(&one, &o->targets, argc, argv, o->path, o->proj);
	if (j->wr && j->hex)
		cli_die(CLI_USAGE, "-w and -x do not go together: -x only reads");
}

/* The range must lie within the object; a missing -l is the rest of it. */
static int
range(const struct ipck_obj *o, struct job *j)
{
	uint64_t size = o->kind == IPCK_PSHM ? o->u.pshm.size : o->u.shm.size;
	char wb[4 * NAME_MAX + 64];

	if (j->off > size) {
		cli_err("-o %s: past the end of %s (%" PRIu64 " bytes)",
		    j->offarg, cli_what(o, wb, sizeof(wb)), size);
		return CLI_FAIL;
	}
	if (j->lenarg == NULL)
		j->len = size - j->off;
	else if (j->len > size - j->off) {
		cli_err("-l %s: past the end of %s (%" PRIu64 " bytes, "
		    "%" PRIu64 " from offset %" PRIu64 ")", j->lenarg,
		    cli_what(o, wb, sizeof(wb)), size, size - j->off, j->off);
		return CLI_FAIL;
	}
	return CLI_OK;
}

/* Still there, as it was: a segment not marked for removal, a name still the same file. */
static int
still_there(const struct cli_target *t, const struct ipck_obj *o)
{
	struct ipck_obj after;

	if (o->kind == IPCK_PSHM)
		return ipck_resolve(&t->ref, &after) == 0 &&
		    after.file.dev == o->file.dev &&
		    after.file.ino == o->file.ino;
	return ipck_stat(IPCK_SHM, o->id, &after) == 0 &&
	    (!(after.mode & SHM_DEST) || (o->mode & SHM_DEST));
}

/* A POSIX object truncated while we wrote: the write stopped at its end. */
static void
shrank(const struct cli_target *t, const struct ipck_obj *o,
    const struct ipck_copy *c)
{
	struct ipck_obj now;
	char wb[4 * NAME_MAX + 64], nb[64];

	if (ipck_resolve(&t->ref, &now) == 0)
		snprintf(nb, sizeof(nb), " to %" PRIu64 " bytes", now.u.pshm.size);
	else
		nb[0] = '\0';
	cli_err("%s: wrote %" PRIu64 " byte%s; %s shrank%s while shmcat wrote "
	    "to it, and the rest did not fit (shmcat never grows an object)",
	    t->arg, c->done, c->done == 1 ? "" : "s", cli_what(o, wb,
	    sizeof(wb)), nb);
}

/* The copy, and every line about how it went: the exit status. */
static int
copy(const struct cli_target *t, const struct ipck_obj *o,
    const struct job *j)
{
	struct ipck_copy c = { 0, 0, NULL };
	uint64_t extra;
	int r, err, more, rc = CLI_OK, posix = o->kind == IPCK_PSHM;
	char wb[4 * NAME_MAX + 64];

	if (j->hex) {
		setvbuf(stdout, NULL, _IOFBF, 1 << 16);
		r = hex_dump(o, j->off, j->len, &c);
	} else if (j->wr)
		r = posix ? ipck_pshm_write(o, j->off, j->len, 0, &c) :
		    ipck_shm_write(o->id, j->off, j->len, 0, &c);
	else
		r = posix ? ipck_pshm_read(o, j->off, j->len, 1, &c) :
		    ipck_shm_read(o->id, j->off, j->len, 1, &c);
	if (r < 0) {
		err = errno;
		if (err == EFBIG && posix)
			shrank(t, o, &c);
		else if (c.via == NULL && err == EACCES)
			cli_denied(t->arg, o, !j->wr ? IPCK_MAY_READ : posix ?
			    IPCK_MAY_WRITE : IPCK_MAY_READ | IPCK_MAY_WRITE);
		else if (c.via == NULL)
			cli_target_error(t, o->id, NULL, err);
		else
			cli_err("%s: %s (%" PRIu64 " of %" PRIu64 " bytes %s)",
			    j->wr ? "standard input" : "standard output",
			    strerror(err), c.done, j->len, j->wr ? "written" :
			    "copied");
		return CLI_FAIL;
	}
	if (j->wr && c.done == j->len && !c.eof &&
	    (extra = rest_of_input(&more)) > 0) {
		cli_err("%s: wrote %" PRIu64 " byte%s; %s%" PRIu64 " more did not "
		    "fit (the %s ends at byte %" PRIu64 ")", t->arg, c.done,
		    c.done == 1 ? "" : "s", more ? "at least " : "", extra, j->lenarg != NULL ? "range" :
		    posix ? "object" : "segment", j->off + j->len);
		rc = CLI_FAIL;
	}
	if (j->verbose)
		cli_err("%s: %" PRIu64 " bytes %s %s at offset %" PRIu64
		    " (%s)", t->arg, c.done, j->wr ? "into" : "from",
		    cli_what(o, wb, sizeof(wb)), j->off, c.via);
	/* the bytes read are whole, but bytes written went with the object */
	if (!still_there(t, o)) {
		cli_err("%s: %s was removed while shmcat %s it%s", t->arg,
		    cli_what(o, wb, sizeof(wb)), j->wr ? "wrote to" : "read", j->wr ?
		    posix ? "; what it wrote goes with the object" : "; what it "
		    "wrote goes with the segment" : "; the bytes read are whole");
		if (j->wr)
			rc = CLI_FAIL;
	}
	return rc;
}

int
main(int argc, char *argv[])
{
	struct cli_opts opts = { CLI_TAKES_TARGETS | CLI_TAKES_FTOK, &one, 0,
	    { NULL, 0 }, NULL, NULL };
	struct job j = { NULL, NULL, 0, 0, 0, 0, 0 };
	struct ipck_obj o;
	int rc;

	cli_init("shmcat", usage);
	parse(argc, argv, &opts, &j);
	if (cli_target_stat(&opts.targets.v[0], &o) < 0)
		rc = CLI_FAIL;
	else if ((rc = range(&o, &j)) == CLI_OK)
		rc = copy(&opts.targets.v[0], &o, &j);
	cli_targets_free(&opts.targets);
	return cli_finish(rc);
}
