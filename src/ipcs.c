/* SPDX-License-Identifier: MIT */
/* ipcs: list System V IPC objects, as util-linux's ipcs prints them, or as JSON. */
#define _DEFAULT_SOURCE	/* SHM_DEST, SHM_LOCKED */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

enum format { F_DEFAULT, F_LIMITS, F_STATUS, F_CREATOR, F_TIME, F_PID };
enum unit { U_DEFAULT, U_BYTES, U_KB, U_HUMAN };
enum {
	OPT_HUMAN = 0x100, OPT_POSIX
};

/* The standard's print options, which add columns (-a is all of them). */
#define X_B	0x01
#define X_C	0x02
#define X_O	0x04
#define X_P	0x08
#define X_T	0x10

static const struct option longopts[] = {
	{ "id",		required_argument,	NULL,	'i' },
	{ "queues",	no_argument,		NULL,	'q' },
	{ "shmems",	no_argument,		NULL,	'm' },
	{ "semaphores",	no_argument,		NULL,	's' },
	{ "all",	no_argument,		NULL,	'a' },
	{ "time",	no_argument,		NULL,	't' },
	{ "pid",	no_argument,		NULL,	'p' },
	{ "creator",	optional_argument,	NULL,	'c' },
	{ "limits",	no_argument,		NULL,	'l' },
	{ "summary",	no_argument,		NULL,	'u' },
	{ "human",	no_argument,		NULL,	OPT_HUMAN },
	{ "bytes",	no_argument,		NULL,	'b' },
	{ "json",	no_argument,		NULL,	'J' },
	CLI_FILTER_LONGOPTS,
	{ "posix",	no_argument,		NULL,	OPT_POSIX },
	{ "version",	no_argument,		NULL,	'V' },
	{ "help",	no_argument,		NULL,	'h' },
	{ NULL,		0,			NULL,	0 }
};

/* What util-linux calls each kind's id column, and its tables' titles. */
static const struct {
	const char	*idname;
	const char	*title[F_PID + 1];
} kinds[IPCK_NKINDS] = {
	[IPCK_SHM] = { "shmid", {
		[F_DEFAULT] = "Shared Memory Segments",
		[F_CREATOR] = "Shared Memory Segment Creators/Owners",
		[F_TIME] = "Shared Memory Attach/Detach/Change Times",
		[F_PID] = "Shared Memory Creator/Last-op PIDs" } },
	[IPCK_MSG] = { "msqid", {
		[F_DEFAULT] = "Message Queues",
		[F_CREATOR] = "Message Queues Creators/Owners",
		[F_TIME] = "Message Queues Send/Recv/Change Times",
		[F_PID] = "Message Queues PIDs" } },
	[IPCK_SEM] = { "semid", {
		[F_DEFAULT] = "Semaphore Arrays",
		[F_CREATOR] = "Semaphore Arrays Creators/Owners",
		[F_TIME] = "Semaphore Operation/Change Times" } },
};

static struct cli_filter filt;
static int json;

/* c is one of the short options in set (strchr would also match c == 0 or > 0xff). */
static int
one_of(int c, const char *set)
{
	return c > 0 && c < 0x100 && strchr(set, c) != NULL;
}

static void
usage(void)
{
	printf("Usage: %s [-mqsa] [-t | -p | -c | -l | -u] [-b | --human] [-J] [FILTER ...]\n"
	    "       %s -m | -q | -s -i ID [-b | --human] [-J]\n"
	    "       %s --posix [-qms] [-a | -bcopt] [FILTER ...]\n"
	    "List System V IPC objects, as util-linux's ipcs does, or as JSON.\n"
	    "\n"
	    "  -m, --shmems       shared memory segments\n"
	    "  -q, --queues       message queues\n"
	    "  -s, --semaphores   semaphore sets\n"
	    "  -a, --all          all three (the default)\n"
	    "  -t, --time         attach, detach and change times\n"
	    "  -p, --pid          creator and last-operation PIDs\n"
	    "  -c, --creator      creators and owners\n"
	    "  -l, --limits       the limits in force\n"
	    "  -u, --summary      what is in use\n"
	    "  -b, --bytes        sizes in bytes\n"
	    "      --human        sizes with units (4K, 1.5M)\n"
	    "  -i, --id ID        everything about one object\n"
	    "  -J, --json         JSON: typed values, every field (man ipcs)\n"
	    "      --posix        the POSIX (XSI) layout, where -a -b -c -o -p -t\n"
	    "                     add columns; also when POSIXLY_CORRECT is set\n"
	    "\n"
	    "  -h, --help         show this help\n"
	    "  -V, --version      show the version\n"
	    "\n"
	    "Filters select rows in any listing:\n"
	    "%s"
	    "\n"
	    "The last of -t, -p, -c, -l, -u wins.  Exit status: 0 listed,\n"
	    "1 -i found no such object or a failure, 2 usage error.\n",
	    cli_name, cli_name, cli_name, cli_filter_help);
}

/* util-linux's size_to_human_string(): 1 letter, one decimal, 1024-based. */
static const char *
human(uint64_t bytes, char *buf, size_t len)
{
	static const char letters[] = "BKMGTPE";
	unsigned int exp = 0;
	uint64_t dec, frac;

	while (exp < 60 && (bytes >> exp) >= 1024)
		exp += 10;
	dec = exp ? bytes >> exp : bytes;
	frac = exp ? bytes & ((1ULL << exp) - 1) : 0;
	if (frac) {
		/* three digits after the point, then rounded to one */
		if (frac >= UINT64_MAX / 1000)
			frac = ((frac / 1024) * 1000) / (1ULL << (exp - 10));
		else
			frac = (frac * 1000) / (1ULL << exp);
		frac = (frac + 50) / 100;
		if (frac == 10) {
			dec++;
			frac = 0;
		}
	}
	if (frac)
		snprintf(buf, len, "%" PRIu64 ".%" PRIu64 "%c", dec, frac,
		    letters[exp / 10]);
	else
		snprintf(buf, len, "%" PRIu64 "%c", dec, letters[exp / 10]);
	return buf;
}

/*
 * util-linux's ipc_print_size(): "label (unit) = value" and the line's
 * end; width as printf's (negative: left-justified), for table cells.
 */
static void
print_size(enum unit unit, const char *label, uint64_t size, const char *end,
    int width)
{
	char buf[64];

	if (label == NULL)
		;
	else if (label[strlen(label) - 1] == '=')
		fputs(label, stdout);
	else if (unit == U_BYTES)
		printf("%s (bytes) = ", label);
	else if (unit == U_KB)
		printf("%s (kbytes) = ", label);
	else
		printf("%s = ", label);
	if (unit == U_HUMAN)
		printf("%*s", width, human(size, buf, sizeof(buf)));
	else
		printf("%*" PRIu64, width, unit == U_KB ? size / 1024 : size);
	if (end != NULL)
		fputs(end, stdout);
}

/* ctime(3)'s 24 characters, or util-linux's "Not set" for 0. */
static const char *
timestr(time_t t, char *buf)
{
	if (t == 0)
		return "Not set";
	if (ctime_r(&t, buf) == NULL)
		return "?";
	return buf;
}

/* The owner column: the name cut at 10, or the uid. */
static void
print_owner(uid_t uid)
{
	const char *name = cli_user(uid);

	if (name != NULL)
		printf("%-10.10s", name);
	else
		printf("%-10u", (unsigned int)uid);
}

static void
print_name(const char *name, unsigned int id, const char *end)
{
	if (name != NULL)
		printf(" %-10s%s", name, end);
	else
		printf(" %-10u%s", id, end);
}

static void
print_header(enum ipck_kind kind, enum format fmt, enum unit unit)
{
	const char *idn = kinds[kind].idname;

	printf("------ %s --------\n", kinds[kind].title[fmt]);
	switch (fmt) {
	case F_CREATOR:
		printf("%-10s %-10s %-10s %-10s %-10s %-10s\n", idn, "perms",
		    "cuid", "cgid", "uid", "gid");
		break;
	case F_TIME:
		if (kind == IPCK_SHM)
			printf("%-10s %-10s %-20s %-20s %-20s\n", idn, "owner",
			    "attached", "detached", "changed");
		else if (kind == IPCK_MSG)
			printf("%-8s %-10s %-20s %-20s %-20s\n", idn, "owner",
			    "send", "recv", "change");
		else
			printf("%-8s %-10s %-26.24s %-26.24s\n", idn, "owner",
			    "last-op", "last-changed");
		break;
	case F_PID:
		printf("%-10s %-10s %-10s %-10s\n", idn, "owner",
		    kind == IPCK_SHM ? "cpid" : "lspid",
		    kind == IPCK_SHM ? "lpid" : "lrpid");
		break;
	default:
		if (kind == IPCK_SHM)
			printf("%-10s %-10s %-10s %-10s %-10s %-10s %-12s\n",
			    "key", idn, "owner", "perms",
			    unit == U_HUMAN ? "size" : "bytes", "nattch",
			    "status");
		else if (kind == IPCK_MSG)
			printf("%-10s %-10s %-10s %-10s %-12s %-12s\n", "key",
			    idn, "owner", "perms",
			    unit == U_HUMAN ? "size" : "used-bytes", "messages");
		else
			printf("%-10s %-10s %-10s %-10s %-10s\n", "key", idn,
			    "owner", "perms", "nsems");
		break;
	}
}

/*
 * A time cell of the -t tables: lead, then ctime's text from skip, cut at
 * prec and padded to width (shm and msg drop the weekday and the year).
 */
static void
print_time(const char *lead, time_t t, int skip, int width, int prec,
    const char *end)
{
	char buf[32];
	const char *s = timestr(t, buf);

	printf("%s%-*.*s%s", lead, width, prec, t != 0 ? s + skip : s, end);
}

static void
print_row(const struct ipck_obj *o, enum format fmt, enum unit unit)
{
	switch (fmt) {
	case F_CREATOR:
		printf("%-10d %-10o", o->id, o->mode & 0777);
		print_name(cli_user(o->cuid), (unsigned int)o->cuid, "");
		print_name(cli_group(o->cgid), (unsigned int)o->cgid, "");
		print_name(cli_user(o->uid), (unsigned int)o->uid, "");
		print_name(cli_group(o->gid), (unsigned int)o->gid, "\n");
		return;
	case F_TIME:
		printf(o->kind == IPCK_SHM ? "%-10d " : "%-8d ", o->id);
		print_owner(o->uid);
		if (o->kind == IPCK_SHM) {
			print_time(" ", o->u.shm.atime, 4, 20, 16, "");
			print_time(" ", o->u.shm.dtime, 4, 20, 16, "");
			print_time(" ", o->ctime, 4, 20, 16, "\n");
		} else if (o->kind == IPCK_MSG) {
			print_time(" ", o->u.msg.stime, 4, 20, 16, "");
			print_time(" ", o->u.msg.rtime, 4, 20, 16, "");
			print_time(" ", o->ctime, 4, 20, 16, "\n");
		} else {
			/* util-linux's extra space: sem rows sit one right of the header */
			print_time("  ", o->u.sem.otime, 0, 26, 24, "");
			print_time(" ", o->ctime, 0, 26, 24, "\n");
		}
		return;
	case F_PID:
		/* util-linux prints queue rows 8 and 5 wide under a 10-wide header */
		printf("%-10d ", o->id);
		print_owner(o->uid);
		if (o->kind == IPCK_SHM)
			printf(" %-10d %-10d\n", (int)o->u.shm.cpid,
			    (int)o->u.shm.lpid);
		else
			printf(" %-10d %-10d\n", (int)o->u.msg.lspid,
			    (int)o->u.msg.lrpid);
		return;
	default:
		break;
	}
	printf("0x%08x %-10d ", (unsigned int)o->key, o->id);
	print_owner(o->uid);
	printf(" %-10o ", o->mode & 0777);
	switch (o->kind) {
	case IPCK_SHM:
		if (unit == U_HUMAN)
			print_size(unit, NULL, o->u.shm.size, "    ", 6);
		else
			print_size(unit, NULL, o->u.shm.size, NULL, -10);
		printf(" %-10" PRIu64 " %-6s %-6s\n", o->u.shm.nattch,
		    (o->mode & SHM_DEST) ? "dest" : " ",
		    (o->mode & SHM_LOCKED) ? "locked" : " ");
		break;
	case IPCK_MSG:
		if (unit == U_HUMAN)
			print_size(unit, NULL, o->u.msg.cbytes, "      ", 6);
		else
			print_size(unit, NULL, o->u.msg.cbytes, NULL, -12);
		printf(" %-12" PRIu64 "\n", o->u.msg.qnum);
		break;
	default:
		printf("%-10" PRIu64 "\n", o->u.sem.nsems);
		break;
	}
}

/* The limits, read once for all the kinds a listing shows; NULL after a message. */
static const struct ipck_limits *
limits(void)
{
	static struct ipck_limits lim;
	static int have;

	if (!have && ipck_limits(&lim) < 0) {
		cli_err("cannot read the limits: %s", strerror(errno));
		return NULL;
	}
	have = 1;
	return &lim;
}

static int
json_limits(enum ipck_kind kind)
{
	const struct ipck_limits *lp = limits();

	if (lp == NULL)
		return CLI_FAIL;
	json_begin(ipck_kind_name(kind), '{');
	switch (kind) {
	case IPCK_MSG:
		json_uint("msgmni", lp->msgmni);
		json_uint("msgmax", lp->msgmax);
		json_uint("msgmnb", lp->msgmnb);
		break;
	case IPCK_SHM:
		json_uint("shmmni", lp->shmmni);
		json_uint("shmmax", lp->shmmax);
		json_uint("shmall", lp->shmall);
		json_uint("shmmin", lp->shmmin);
		json_uint("page_size", (uint64_t)sysconf(_SC_PAGESIZE));
		break;
	default:
		json_uint("semmni", lp->semmni);
		json_uint("semmsl", lp->semmsl);
		json_uint("semmns", lp->semmns);
		json_uint("semopm", lp->semopm);
		json_uint("semvmx", lp->semvmx);
		break;
	}
	json_end('}');
	return CLI_OK;
}

static int
json_status(enum ipck_kind kind)
{
	struct ipck_usage use;

	if (ipck_usage(kind, &use) < 0) {
		cli_err("cannot read what %s uses: %s", ipck_kind_noun(kind),
		    strerror(errno));
		return CLI_FAIL;
	}
	json_begin(ipck_kind_name(kind), '{');
	json_uint("objects", use.ids);
	switch (kind) {
	case IPCK_MSG:
		json_uint("messages", use.msg_headers);
		json_uint("bytes", use.msg_bytes);
		break;
	case IPCK_SHM:
		json_uint("pages", use.shm_pages);
		json_uint("pages_resident", use.shm_rss);
		json_uint("pages_swapped", use.shm_swap);
		break;
	default:
		json_uint("semaphores", use.sem_sems);
		break;
	}
	json_end('}');
	return CLI_OK;
}

static int
print_limits(enum ipck_kind kind, enum unit unit)
{
	const struct ipck_limits *lp = limits();
	uint64_t pgsz = (uint64_t)sysconf(_SC_PAGESIZE), tmp, per;

	if (lp == NULL)
		return CLI_FAIL;
	switch (kind) {
	case IPCK_MSG:
		printf("------ Messages Limits --------\n");
		printf("max queues system wide = %" PRIu64 "\n", lp->msgmni);
		print_size(unit == U_DEFAULT ? U_BYTES : unit,
		    "max size of message", lp->msgmax, "\n", 0);
		print_size(unit == U_DEFAULT ? U_BYTES : unit,
		    "default max size of queue", lp->msgmnb, "\n", 0);
		break;
	case IPCK_SHM:
		printf("------ Shared Memory Limits --------\n");
		printf("max number of segments = %" PRIu64 "\n", lp->shmmni);
		print_size(unit == U_DEFAULT ? U_KB : unit, "max seg size",
		    lp->shmmax, "\n", 0);
		/* shmall is pages: clamp the product where it overflows, as util-linux */
		per = unit == U_DEFAULT ? pgsz / 1024 : pgsz;
		tmp = lp->shmall * per;
		if (lp->shmall != 0 && tmp / lp->shmall != per)
			tmp = UINT64_MAX - (UINT64_MAX % per);
		if (unit == U_DEFAULT)
			print_size(U_DEFAULT, "max total shared memory (kbytes)",
			    tmp, "\n", 0);
		else
			print_size(unit, "max total shared memory", tmp, "\n", 0);
		print_size(unit == U_DEFAULT ? U_BYTES : unit, "min seg size",
		    lp->shmmin, "\n", 0);
		break;
	default:
		printf("------ Semaphore Limits --------\n");
		printf("max number of arrays = %" PRIu64 "\n", lp->semmni);
		printf("max semaphores per array = %" PRIu64 "\n", lp->semmsl);
		printf("max semaphores system wide = %" PRIu64 "\n", lp->semmns);
		printf("max ops per semop call = %" PRIu64 "\n", lp->semopm);
		printf("semaphore max value = %" PRIu64 "\n", lp->semvmx);
		break;
	}
	return CLI_OK;
}

static int
print_status(enum ipck_kind kind, enum unit unit)
{
	struct ipck_usage use;

	if (ipck_usage(kind, &use) < 0) {
		printf("kernel not configured for %s\n", kind == IPCK_SHM ?
		    "shared memory" : kind == IPCK_MSG ? "message queues" :
		    "semaphores");
		return CLI_OK;
	}
	switch (kind) {
	case IPCK_MSG:
		printf("------ Messages Status --------\n");
		printf("allocated queues = %" PRIu64 "\n", use.ids);
		printf("used headers = %" PRIu64 "\n", use.msg_headers);
		print_size(unit, "used space", use.msg_bytes,
		    unit == U_DEFAULT ? " bytes\n" : "\n", 0);
		break;
	case IPCK_SHM:
		printf("------ Shared Memory Status --------\n");
		printf("segments allocated %" PRIu64 "\n"
		    "pages allocated %" PRIu64 "\n"
		    "pages resident  %" PRIu64 "\n"
		    "pages swapped   %" PRIu64 "\n"
		    "Swap performance: %" PRIu64 " attempts\t %" PRIu64
		    " successes\n", use.ids, use.shm_pages, use.shm_rss,
		    use.shm_swap, use.shm_swap_attempts, use.shm_swap_successes);
		break;
	default:
		printf("------ Semaphore Status --------\n");
		printf("used arrays = %" PRIu64 "\n", use.ids);
		printf("allocated semaphores = %" PRIu64 "\n", use.sem_sems);
		break;
	}
	return CLI_OK;
}

/* --- the POSIX (XSI) layout ------------------------------------------ */

static unsigned int xsi;	/* X_* columns; nonzero bit 0x80: the layout is on */
#define X_ON	0x80

/* The standard's 11-character MODE: two flags, then r, w or a, and - per class. */
static const char *
xsi_mode(const struct ipck_obj *o, char *buf)
{
	int i;

	buf[0] = o->kind == IPCK_SHM && (o->mode & SHM_DEST) ? 'D' : '-';
	buf[1] = '-';
	for (i = 0; i < 3; i++) {
		unsigned int bits = (o->mode >> (6 - 3 * i)) & 7;

		buf[2 + 3 * i] = (bits & 4) ? 'r' : '-';
		buf[3 + 3 * i] = (bits & 2) ? (o->kind == IPCK_SEM ? 'a' : 'w') : '-';
		buf[4 + 3 * i] = '-';
	}
	buf[11] = '\0';
	return buf;
}

/* A time as the standard's "%d:%2.2d:%2.2d", or "no-entry". */
static void
xsi_time(time_t t)
{
	struct tm tm;

	if (t == 0 || localtime_r(&t, &tm) == NULL)
		printf(" %8s", "no-entry");
	else
		printf(" %2d:%2.2d:%2.2d", tm.tm_hour, tm.tm_min, tm.tm_sec);
}

static void
xsi_name(const char *name, unsigned int id)
{
	if (name != NULL)
		printf(" %8s", name);
	else
		printf(" %8u", id);
}

static void
xsi_header(enum ipck_kind kind)
{
	printf("%s %6s %-10s %-11s %8s %8s", "T", "ID", "KEY", "MODE", "OWNER",
	    "GROUP");
	if (xsi & X_C)
		printf(" %8s %8s", "CREATOR", "CGROUP");
	switch (kind) {
	case IPCK_MSG:
		if (xsi & X_O)
			printf(" %6s %6s", "CBYTES", "QNUM");
		if (xsi & X_B)
			printf(" %6s", "QBYTES");
		if (xsi & X_P)
			printf(" %6s %6s", "LSPID", "LRPID");
		if (xsi & X_T)
			printf(" %8s %8s %8s", "STIME", "RTIME", "CTIME");
		printf("\nMessage Queues:\n");
		break;
	case IPCK_SHM:
		if (xsi & X_O)
			printf(" %6s", "NATTCH");
		if (xsi & X_B)
			printf(" %10s", "SEGSZ");
		if (xsi & X_P)
			printf(" %6s %6s", "CPID", "LPID");
		if (xsi & X_T)
			printf(" %8s %8s %8s", "ATIME", "DTIME", "CTIME");
		printf("\nShared Memory:\n");
		break;
	default:
		if (xsi & X_B)
			printf(" %5s", "NSEMS");
		if (xsi & X_T)
			printf(" %8s %8s", "OTIME", "CTIME");
		printf("\nSemaphores:\n");
		break;
	}
}

static void
xsi_row(const struct ipck_obj *o)
{
	static const char letter[IPCK_NKINDS] = { 'm', 'q', 's' };
	char mode[12];

	printf("%c %6d 0x%08x %s", letter[o->kind], o->id, (unsigned int)o->key,
	    xsi_mode(o, mode));
	xsi_name(cli_user(o->uid), (unsigned int)o->uid);
	xsi_name(cli_group(o->gid), (unsigned int)o->gid);
	if (xsi & X_C) {
		xsi_name(cli_user(o->cuid), (unsigned int)o->cuid);
		xsi_name(cli_group(o->cgid), (unsigned int)o->cgid);
	}
	switch (o->kind) {
	case IPCK_MSG:
		if (xsi & X_O)
			printf(" %6" PRIu64 " %6" PRIu64, o->u.msg.cbytes,
			    o->u.msg.qnum);
		if (xsi & X_B)
			printf(" %6" PRIu64, o->u.msg.qbytes);
		if (xsi & X_P)
			printf(" %6d %6d", (int)o->u.msg.lspid,
			    (int)o->u.msg.lrpid);
		if (xsi & X_T) {
			xsi_time(o->u.msg.stime);
			xsi_time(o->u.msg.rtime);
			xsi_time(o->ctime);
		}
		break;
	case IPCK_SHM:
		if (xsi & X_O)
			printf(" %6" PRIu64, o->u.shm.nattch);
		if (xsi & X_B)
			printf(" %10" PRIu64, o->u.shm.size);
		if (xsi & X_P)
			printf(" %6d %6d", (int)o->u.shm.cpid,
			    (int)o->u.shm.lpid);
		if (xsi & X_T) {
			xsi_time(o->u.shm.atime);
			xsi_time(o->u.shm.dtime);
			xsi_time(o->ctime);
		}
		break;
	default:
		if (xsi & X_B)
			printf(" %5" PRIu64, o->u.sem.nsems);
		if (xsi & X_T) {
			xsi_time(o->u.sem.otime);
			xsi_time(o->ctime);
		}
		break;
	}
	putchar('\n');
}

static void
xsi_banner(void)
{
	char date[64];
	time_t now = time(NULL);
	struct tm tm;

	/* what date(1) prints in the POSIX locale */
	if (localtime_r(&now, &tm) == NULL ||
	    strftime(date, sizeof(date), "%a %b %e %H:%M:%S %Z %Y", &tm) == 0)
		snprintf(date, sizeof(date), "%lld", (long long)now);
	printf("IPC status from <running system> as of %s\n", date);
}

static int
list_kind(enum ipck_kind kind, enum format fmt, enum unit unit)
{
	struct ipck_obj o;
	ipck_iter *it;
	int r;

	if (fmt == F_LIMITS)
		return json ? json_limits(kind) : print_limits(kind, unit);
	if (fmt == F_STATUS)
		return json ? json_status(kind) : print_status(kind, unit);
	/* util-linux has no PID table for semaphores, not even a title */
	if (fmt == F_PID && kind == IPCK_SEM && !json)
		return CLI_OK;
	it = ipck_open(kind, 0);
	if (xsi && !json && it == NULL) {
		/* the standard's words for a facility the kernel lacks */
		printf("%s facility not in system.\n", kind == IPCK_MSG ?
		    "Message Queue" : kind == IPCK_SHM ? "Shared Memory" :
		    "Semaphore");
		return CLI_OK;
	}
	if (xsi && !json)
		xsi_header(kind);
	else if (!json)
		print_header(kind, fmt, unit);
	if (it == NULL) {
		cli_err("cannot list %s: %s", ipck_kind_noun(kind),
		    strerror(errno));
		return CLI_FAIL;
	}
	while ((r = ipck_next(it, &o)) > 0) {
		if (!ipck_match(&filt.f, &o))
			continue;
		if (json) {
			json_object(NULL, &o);
			json_end('}');
		} else if (xsi)
			xsi_row(&o);
		else
			print_row(&o, fmt, unit);
	}
	if (r < 0)
		cli_err("cannot list %s: %s", ipck_kind_noun(kind),
		    strerror(errno));
	ipck_close(it);
	return r < 0 ? CLI_FAIL : CLI_OK;
}

/*
 * Each semaphore's value, waiters and last pid.  They need read permission,
 * which *_STAT_ANY did not: without it, one line says so and the values
 * are not made up (JSON: null).
 */
static int
print_sem_values(const char *arg, const struct ipck_obj *o)
{
	struct ipck_semval *v;
	char mb[10], ob[CLI_OWNER_LEN];
	uint64_t i, n = o->u.sem.nsems;
	int err;

	if ((v = calloc(n ? n : 1, sizeof(*v))) == NULL ||
	    ipck_sem_values(o->id, n, v) < 0) {
		err = errno;
		free(v);
		if (json)
			json_str("semaphores", NULL);
		fflush(stdout);
		cli_err("%s: cannot read the values: %s (semaphore set, mode %s, "
		    "owner %s)", arg, ipck_strerror(err, IPCK_BY_ID),
		    cli_mode(o->mode, mb), cli_owner(o->uid, ob, sizeof(ob)));
		return CLI_FAIL;
	}
	if (json)
		json_begin("semaphores", '[');
	else
		printf("%-10s %-10s %-10s %-10s %-10s\n", "semnum", "value",
		    "ncount", "zcount", "pid");
	for (i = 0; i < n; i++) {
		if (!json) {
			printf("%-10" PRIu64 " %-10d %-10d %-10d %-10d\n", i,
			    v[i].val, v[i].ncnt, v[i].zcnt, (int)v[i].pid);
			continue;
		}
		json_begin(NULL, '{');
		json_uint("semnum", i);
		json_int("value", v[i].val);
		json_int("ncount", v[i].ncnt);
		json_int("zcount", v[i].zcnt);
		json_int("pid", v[i].pid);
		json_end('}');
	}
	if (json)
		json_end(']');
	free(v);
	return CLI_OK;
}

static int
print_one(enum ipck_kind kind, const char *arg, enum unit unit)
{
	struct ipck_obj o;
	char b1[32], b2[32], b3[32];
	int id, rc = CLI_OK;

	id = cli_id(arg);
	if (ipck_stat(kind, id, &o) < 0) {
		cli_err("%s: %s (%s)", arg, ipck_strerror(errno, IPCK_BY_ID),
		    ipck_kind_noun(kind));
		return CLI_FAIL;
	}
	if (json) {
		json_object(NULL, &o);
		if (kind == IPCK_SEM)
			rc = print_sem_values(arg, &o);
		json_end('}');
		return rc;
	}
	switch (kind) {
	case IPCK_SHM:
		printf("\nShared memory Segment shmid=%d\n", id);
		printf("uid=%u\tgid=%u\tcuid=%u\tcgid=%u\n", (unsigned)o.uid,
		    (unsigned)o.gid, (unsigned)o.cuid, (unsigned)o.cgid);
		printf("mode=%#o\taccess_perms=%#o\n", o.mode, o.mode & 0777);
		print_size(unit, unit == U_HUMAN ? "size=" : "bytes=",
		    o.u.shm.size, "\t", 0);
		printf("lpid=%d\tcpid=%d\tnattch=%" PRIu64 "\n",
		    (int)o.u.shm.lpid, (int)o.u.shm.cpid, o.u.shm.nattch);
		printf("att_time=%-26.24s\n", timestr(o.u.shm.atime, b1));
		printf("det_time=%-26.24s\n", timestr(o.u.shm.dtime, b2));
		printf("change_time=%-26.24s\n", timestr(o.ctime, b3));
		break;
	case IPCK_MSG:
		printf("\nMessage Queue msqid=%d\n", id);
		printf("uid=%u\tgid=%u\tcuid=%u\tcgid=%u\tmode=%#o\n",
		    (unsigned)o.uid, (unsigned)o.gid, (unsigned)o.cuid,
		    (unsigned)o.cgid, o.mode);
		print_size(unit, unit == U_HUMAN ? "csize=" : "cbytes=",
		    o.u.msg.cbytes, "\t", 0);
		print_size(unit, unit == U_HUMAN ? "qsize=" : "qbytes=",
		    o.u.msg.qbytes, "\t", 0);
		printf("qnum=%" PRIu64 "\tlspid=%d\tlrpid=%d\n", o.u.msg.qnum,
		    (int)o.u.msg.lspid, (int)o.u.msg.lrpid);
		printf("send_time=%-26.24s\n", timestr(o.u.msg.stime, b1));
		printf("rcv_time=%-26.24s\n", timestr(o.u.msg.rtime, b2));
		printf("change_time=%-26.24s\n", timestr(o.ctime, b3));
		break;
	default:
		printf("\nSemaphore Array semid=%d\n", id);
		printf("uid=%u\t gid=%u\t cuid=%u\t cgid=%u\n", (unsigned)o.uid,
		    (unsigned)o.gid, (unsigned)o.cuid, (unsigned)o.cgid);
		printf("mode=%#o, access_perms=%#o\n", o.mode, o.mode & 0777);
		printf("nsems = %" PRIu64 "\n", o.u.sem.nsems);
		printf("otime = %-26.24s\n", timestr(o.u.sem.otime, b1));
		printf("ctime = %-26.24s\n", timestr(o.ctime, b2));
		if ((rc = print_sem_values(arg, &o)) != CLI_OK)
			return rc;
		break;
	}
	printf("\n");
	return CLI_OK;
}

/* One option as getopt_long returned it, kept until the layout is known. */
struct opt {
	int		 c;
	const char	*arg;		/* optarg */
	const char	*word;		/* argv[optind - 1] */
};

/* Static, so that it stays reachable when a usage error exits mid-parse. */
static struct opt *opts;

int
main(int argc, char *argv[])
{
	static const enum ipck_kind order[] = { IPCK_MSG, IPCK_SHM, IPCK_SEM };
	enum format fmt = F_DEFAULT;
	enum unit unit = U_DEFAULT;
	const char *idarg = NULL;
	int c, i, n = 0, want[IPCK_NKINDS] = { 0 }, nwant, rc = CLI_OK;

	cli_init("ipcs", CLI_FAIL);
	/*
	 * The layout decides what -a -b -c -p -t mean, so know it first: from
	 * what getopt_long makes of the words (--pos is --posix), not from
	 * the words themselves.
	 */
	if (getenv("POSIXLY_CORRECT") != NULL)
		xsi = X_ON;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:abchi:JlmopqstuV", longopts,
	    NULL)) != -1) {
		if (c == '?' || c == ':')
			cli_bad_option(c, argv[optind - 1], longopts);
		/* --creator USER, as ipcrm takes it; alone it is util-linux's -c */
		if (c == 'c' && optarg == NULL &&
		    strncmp(argv[optind - 1], "--", 2) == 0 && optind < argc &&
		    argv[optind][0] != '-' && argv[optind][0] != '\0')
			optarg = argv[optind++];
		if (c == OPT_POSIX)
			xsi = X_ON;
		/* one word may hold several: -bcopt */
		opts = cli_grow(opts, (size_t)n, sizeof(*opts));
		opts[n++] = (struct opt){ c, optarg, argv[optind - 1] };
	}
	if (optind < argc)
		cli_die(CLI_USAGE, "%s: unexpected operand; try '%s --help'",
		    argv[optind], cli_name);
	for (i = 0; i < n; i++) {
		c = opts[i].c;
		if (xsi && one_of(c, "abcopt") && opts[i].arg == NULL) {
			xsi |= c == 'a' ? X_B | X_C | X_O | X_P | X_T :
			    c == 'b' ? X_B : c == 'c' ? X_C : c == 'o' ? X_O :
			    c == 'p' ? X_P : X_T;
			continue;
		}
		if (xsi && (one_of(c, "ilu") || c == OPT_HUMAN))
			cli_die(CLI_USAGE, "%s: not in the POSIX layout; try "
			    "'%s --help'", opts[i].word, cli_name);
		switch (c) {
		case 'a':
			want[IPCK_SHM] = want[IPCK_MSG] = want[IPCK_SEM] = 1;
			break;
		case 'b':
			unit = U_BYTES;
			break;
		case 'c':
			if (opts[i].arg == NULL) {
				fmt = F_CREATOR;
				break;
			}
			/* --creator=USER is the filter */
			cli_filter_option(CLI_OPT_CREATED_BY, opts[i].arg, &filt);
			break;
		case 'h':
			usage();
			return cli_finish(CLI_OK);
		case 'i':
			idarg = opts[i].arg;
			break;
		case 'J':
			json = 1;
			break;
		case 'l':
			fmt = F_LIMITS;
			break;
		case 'm':
			want[IPCK_SHM] = 1;
			break;
		case 'p':
			fmt = F_PID;
			break;
		case 'q':
			want[IPCK_MSG] = 1;
			break;
		case 's':
			want[IPCK_SEM] = 1;
			break;
		case 't':
			fmt = F_TIME;
			break;
		case 'u':
			fmt = F_STATUS;
			break;
		case 'V':
			return cli_version();
		case OPT_HUMAN:
			unit = U_HUMAN;
			break;
		case OPT_POSIX:
			break;
		case 'o':
			cli_die(CLI_USAGE, "-o: only in the POSIX layout (--posix); "
			    "try '%s --help'", cli_name);
		default:
			cli_filter_option(c, opts[i].arg, &filt);
			break;
		}
	}
	free(opts);
	nwant = want[IPCK_SHM] + want[IPCK_MSG] + want[IPCK_SEM];
	if (filt.f.what != 0 && (fmt == F_LIMITS || fmt == F_STATUS || idarg))
		cli_die(CLI_USAGE, "filters select rows, and %s has none",
		    idarg ? "-i" : fmt == F_LIMITS ? "-l" : "-u");
	if (idarg != NULL) {
		if (nwant != 1)
			cli_die(CLI_USAGE, "-i %s: give exactly one of -m, -q "
			    "or -s with it", idarg);
		for (i = 0; !want[i]; i++)
			continue;
		rc = print_one((enum ipck_kind)i, idarg, unit);
		return cli_finish(rc);
	}
	if (nwant == 0)
		want[IPCK_SHM] = want[IPCK_MSG] = want[IPCK_SEM] = 1;
	if (!isatty(STDOUT_FILENO))
		setvbuf(stdout, NULL, _IOFBF, 1 << 16);
	if (json)
		json_begin(NULL, fmt == F_LIMITS || fmt == F_STATUS ? '{' : '[');
	else if (xsi)
		xsi_banner();
	else
		printf("\n");
	for (i = 0; i < (int)(sizeof(order) / sizeof(order[0])); i++) {
		if (!want[order[i]])
			continue;
		if (list_kind(order[i], fmt, unit) != CLI_OK)
			rc = CLI_FAIL;
		if (!json && !xsi)
			printf("\n");
	}
	if (json)
		json_end(fmt == F_LIMITS || fmt == F_STATUS ? '}' : ']');
	cli_filter_free(&filt);
	return cli_finish(rc);
}
