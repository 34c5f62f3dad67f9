/* SPDX-License-Identifier: MIT */
/* ipcstat: everything the kernel keeps about one System V IPC object, and who uses it. */
#define _DEFAULT_SOURCE	/* SHM_DEST, SHM_LOCKED */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

static const struct option longopts[] = {
	CLI_TARGET_LONGOPTS,
	{ "ftok",		required_argument,	NULL,	'F' },
	{ "proj-id",		required_argument,	NULL,	'P' },
	{ "json",		no_argument,		NULL,	'J' },
	{ "help",		no_argument,		NULL,	'h' },
	{ "version",		no_argument,		NULL,	'V' },
	{ NULL,			0,			NULL,	0 }
};

static int json;

static const char *const noun[IPCK_NKINDS] = {
	[IPCK_SHM] = "shared memory segment", [IPCK_MSG] = "message queue",
	[IPCK_SEM] = "semaphore set",
};

/* The struct each kind's fields are named after in its man page. */
static const char *const perm[IPCK_NKINDS] = {
	[IPCK_SHM] = "shm_perm", [IPCK_MSG] = "msg_perm", [IPCK_SEM] = "sem_perm",
};

static void
usage(void)
{
	printf("Usage: %s [-J] -m ID | -M KEY | -q ID | -Q KEY | -s ID | -S KEY ...\n"
	    "       %s [-J] -F PATH -P PROJID TYPE ...\n"
	    "Everything the kernel keeps about System V IPC objects, and who uses them.\n"
	    "\n"
	    "%s"
	    "  -F, --ftok PATH            the key ftok(PATH, PROJID) makes, for each TYPE\n"
	    "  -P, --proj-id PROJID       ftok's project id (a number or a character)\n"
	    "                             (TYPE: shm, msg, sem, or 0, 1, 2)\n"
	    "  -J, --json                 JSON, with the names of ipcs -J (man ipcstat)\n"
	    "  -h, --help                 show this help\n"
	    "  -V, --version              show the version\n"
	    "\n"
	    "Exit status: 0 found, 1 not found, 2 usage or other error.\n",
	    cli_name, cli_name, cli_target_help);
}

/* "2026-11-21 14:05:09 CET", or "never" for 0. */
static const char *
when(time_t t, char *buf, size_t len)
{
	struct tm tm;

	if (t == 0 || localtime_r(&t, &tm) == NULL ||
	    strftime(buf, len, "%Y-%m-%d %H:%M:%S %Z", &tm) == 0)
		return "never";
	return buf;
}

/* The command of a live process (its /proc/PID/comm), or NULL. */
static const char *
command(pid_t pid, char *buf, size_t len)
{
	char path[32];
	ssize_t n;
	int fd;

	if (!ipck_pid_alive(pid))
		return NULL;
	snprintf(path, sizeof(path), "/proc/%d/comm", (int)pid);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return "?";
	n = read(fd, buf, len - 1);
	close(fd);
	if (n <= 0)
		return "?";
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	return buf;
}

/* The command for a terminal: any process may name itself "\x1b[2J". */
static const char *
command_text(pid_t pid, char *buf, size_t len)
{
	char comm[64];
	const char *c = command(pid, comm, sizeof(comm));

	return c != NULL ? cli_escape(c, buf, len, CLI_ESC_BACKSLASH) : NULL;
}

/* "1234 (sshd)", "1234 (not running)", or "0 (none)". */
static const char *
pid_desc(pid_t pid, char *buf, size_t len)
{
	char comm[256];
	const char *c = command_text(pid, comm, sizeof(comm));

	snprintf(buf, len, "%d (%s)", (int)pid, pid == 0 ? "none" :
	    c != NULL ? c : "not running");
	return buf;
}

/* "rw-r----- (0640)" */
static const char *
mode_desc(unsigned int mode, char *buf, size_t len)
{
	char bits[10];

	snprintf(buf, len, "%s (%04o)", cli_mode(mode, bits), mode & 0777);
	return buf;
}

/* One line: a word a student knows, the man page's name for it, the value. */
static void __attribute__((format(printf, 3, 4)))
field(const char *word, const char *name, const char *fmt, ...)
{
	char label[48];
	va_list ap;

	if (name != NULL)
		snprintf(label, sizeof(label), "%s (%s)", word, name);
	else
		snprintf(label, sizeof(label), "%s", word);
	printf("  %-29s ", label);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

/* field() for a member of the kind's perm struct. */
static const char *
pname(enum ipck_kind kind, const char *member, char *buf, size_t len)
{
	snprintf(buf, len, "%s.%s", perm[kind], member);
	return buf;
}

/* field() for a member named <prefix>_<name>: shm_atime, msg_qnum. */
static const char *
kname(enum ipck_kind kind, const char *member, char *buf, size_t len)
{
	snprintf(buf, len, "%s_%s", ipck_kind_name(kind), member);
	return buf;
}

static void
print_pid(const char *word, enum ipck_kind kind, const char *member, pid_t pid)
{
	char nb[32], pb[288];

	field(word, kname(kind, member, nb, sizeof(nb)), "%s",
	    pid_desc(pid, pb, sizeof(pb)));
}

static void
print_time(const char *word, enum ipck_kind kind, const char *member, time_t t)
{
	char nb[32], tb[64];

	field(word, kname(kind, member, nb, sizeof(nb)), "%s",
	    when(t, tb, sizeof(tb)));
}

/* What /proc/sysvipc/shm alone says: pages resident and swapped. */
static int
shm_pages(int id, struct ipck_obj *pages)
{
	if (ipck_stat_proc(IPCK_SHM, id, pages) < 0)
		return -1;
	return (pages->have & IPCK_HAVE_PAGES) ? 0 : -1;
}

static void
print_attachers(const struct ipck_obj *o)
{
	struct ipck_attacher *a;
	size_t i, n, hidden;
	char comm[256];
	const char *c;

	if (ipck_attachers(o->id, &a, &n, &hidden) < 0) {
		printf("  attached now: cannot tell (%s)\n", strerror(errno));
		return;
	}
	if (n == 0 && o->u.shm.nattch == 0)
		printf("  attached now: none\n");
	else
		printf("  attached now:\n");
	for (i = 0; i < n; i++) {
		c = command_text(a[i].pid, comm, sizeof(comm));
		printf("    pid %-8d %-16s %012" PRIx64 "-%012" PRIx64 " %s\n",
		    (int)a[i].pid, c != NULL ? c : "(not running)", a[i].start,
		    a[i].end, a[i].rdonly ? "read-only" : "read-write");
	}
	/* every attachment found: the processes we could not read hold none */
	if (n < o->u.shm.nattch && hidden > 0)
		printf("    %" PRIu64 " more, not shown: %zu process%s hidden "
		    "(not this user's to inspect), or in another PID namespace\n",
		    o->u.shm.nattch - n, hidden, hidden == 1 ? " is" : "es are");
	else if (n < o->u.shm.nattch)
		printf("    %" PRIu64 " more, not shown: in another PID namespace\n",
		    o->u.shm.nattch - n);
	free(a);
}

static void
print_sems(const struct ipck_obj *o)
{
	struct ipck_semval *v;
	char pb[288], ob[CLI_OWNER_LEN], mb[32];
	uint64_t i;

	if ((v = calloc(o->u.sem.nsems ? o->u.sem.nsems : 1, sizeof(*v))) ==
	    NULL || ipck_sem_values(o->id, o->u.sem.nsems, v) < 0) {
		printf("  semaphores: %s (mode %s, owner %s)\n",
		    ipck_strerror(errno, IPCK_BY_ID), mode_desc(o->mode, mb, sizeof(mb)),
		    cli_owner(o->uid, ob, sizeof(ob)));
		free(v);
		return;
	}
	printf("  %-6s %-8s %-24s %-8s %s\n", "semnum", "semval", "sempid",
	    "semncnt", "semzcnt");
	for (i = 0; i < o->u.sem.nsems; i++)
		printf("  %-6" PRIu64 " %-8d %-24s %-8d %d\n", i, v[i].val,
		    pid_desc(v[i].pid, pb, sizeof(pb)), v[i].ncnt, v[i].zcnt);
	free(v);
}

static void
print_text(const struct ipck_obj *o)
{
	enum ipck_kind k = o->kind;
	struct ipck_obj pages;
	char nb[32], b1[CLI_OWNER_LEN];

	printf("%s %d\n", noun[k], o->id);
	field("key", pname(k, "__key", nb, sizeof(nb)), "0x%08x (%d)",
	    (unsigned int)o->key, (int)o->key);
	field("owner", pname(k, "uid", nb, sizeof(nb)), "%s",
	    cli_owner(o->uid, b1, sizeof(b1)));
	field("group", pname(k, "gid", nb, sizeof(nb)), "%s",
	    cli_group_owner(o->gid, b1, sizeof(b1)));
	field("creator", pname(k, "cuid", nb, sizeof(nb)), "%s",
	    cli_owner(o->cuid, b1, sizeof(b1)));
	field("creator group", pname(k, "cgid", nb, sizeof(nb)), "%s",
	    cli_group_owner(o->cgid, b1, sizeof(b1)));
	field("mode", pname(k, "mode", nb, sizeof(nb)), "%s",
	    mode_desc(o->mode, b1, sizeof(b1)));
	switch (k) {
	case IPCK_SHM:
		/* the kernel keeps both flags in the mode's high bits */
		field("status", NULL, "%s%s%s",
		    o->mode & SHM_DEST ?
		    "SHM_DEST: removed, freed at the last detach" : "",
		    (o->mode & (SHM_DEST | SHM_LOCKED)) ==
		    (SHM_DEST | SHM_LOCKED) ? "; " : "",
		    o->mode & SHM_LOCKED ? "SHM_LOCKED: locked in memory" :
		    o->mode & SHM_DEST ? "" : "neither SHM_DEST nor SHM_LOCKED");
		print_time("changed", k, "ctime", o->ctime);
		field("size", "shm_segsz", "%" PRIu64 " bytes", o->u.shm.size);
		if (shm_pages(o->id, &pages) == 0)
			field("resident, swapped", NULL, "%" PRIu64 " bytes, %"
			    PRIu64 " bytes", pages.u.shm.rss, pages.u.shm.swap);
		else
			field("resident, swapped", NULL, "unknown (%s)",
			    "/proc/sysvipc/shm cannot be read");
		field("attached", "shm_nattch", "%" PRIu64, o->u.shm.nattch);
		print_pid("creator pid", k, "cpid", o->u.shm.cpid);
		print_pid("last pid", k, "lpid", o->u.shm.lpid);
		print_time("last attach", k, "atime", o->u.shm.atime);
		print_time("last detach", k, "dtime", o->u.shm.dtime);
		print_attachers(o);
		break;
	case IPCK_MSG:
		print_time("changed", k, "ctime", o->ctime);
		field("messages", "msg_qnum", "%" PRIu64, o->u.msg.qnum);
		field("bytes queued", "__msg_cbytes", "%" PRIu64, o->u.msg.cbytes);
		field("byte limit", "msg_qbytes", "%" PRIu64, o->u.msg.qbytes);
		print_pid("last sender", k, "lspid", o->u.msg.lspid);
		print_pid("last receiver", k, "lrpid", o->u.msg.lrpid);
		print_time("last send", k, "stime", o->u.msg.stime);
		print_time("last receive", k, "rtime", o->u.msg.rtime);
		break;
	default:
		print_time("changed", k, "ctime", o->ctime);
		field("semaphores", "sem_nsems", "%" PRIu64, o->u.sem.nsems);
		print_time("last semop", k, "otime", o->u.sem.otime);
		print_sems(o);
		break;
	}
}

static void
json_pid(const char *key, pid_t pid)
{
	char comm[64], k[32];

	snprintf(k, sizeof(k), "%s_command", key);
	json_str(k, command(pid, comm, sizeof(comm)));
}

static void
print_json(const struct ipck_obj *o)
{
	struct ipck_attacher *a;
	struct ipck_semval *v;
	struct ipck_obj pages;
	size_t i, n, hidden;
	char comm[64], buf[32];

	json_object(NULL, o);
	switch (o->kind) {
	case IPCK_SHM:
		json_pid("cpid", o->u.shm.cpid);
		json_pid("lpid", o->u.shm.lpid);
		if (shm_pages(o->id, &pages) == 0) {
			json_uint("rss", pages.u.shm.rss);
			json_uint("swap", pages.u.shm.swap);
		} else {
			json_str("rss", NULL);
			json_str("swap", NULL);
		}
		if (ipck_attachers(o->id, &a, &n, &hidden) < 0) {
			json_str("attached", NULL);
			json_str("hidden_processes", NULL);
			break;
		}
		json_begin("attached", '[');
		for (i = 0; i < n; i++) {
			json_begin(NULL, '{');
			json_int("pid", a[i].pid);
			json_str("command", command(a[i].pid, comm, sizeof(comm)));
			snprintf(buf, sizeof(buf), "0x%" PRIx64, a[i].start);
			json_str("start", buf);
			snprintf(buf, sizeof(buf), "0x%" PRIx64, a[i].end);
			json_str("end", buf);
			json_bool("read_only", a[i].rdonly);
			json_end('}');
		}
		json_end(']');
		json_uint("hidden_processes", hidden);
		free(a);
		break;
	case IPCK_MSG:
		json_pid("lspid", o->u.msg.lspid);
		json_pid("lrpid", o->u.msg.lrpid);
		break;
	default:
		v = calloc(o->u.sem.nsems ? o->u.sem.nsems : 1, sizeof(*v));
		if (v == NULL || ipck_sem_values(o->id, o->u.sem.nsems, v) < 0) {
			json_str("semaphores", NULL);
			free(v);
			break;
		}
		json_begin("semaphores", '[');
		for (i = 0; i < o->u.sem.nsems; i++) {
			json_begin(NULL, '{');
			json_uint("semnum", i);
			json_int("value", v[i].val);
			json_int("ncount", v[i].ncnt);
			json_int("zcount", v[i].zcnt);
			json_int("pid", v[i].pid);
			json_str("command", command(v[i].pid, comm, sizeof(comm)));
			json_end('}');
		}
		json_end(']');
		free(v);
		break;
	}
	json_end('}');
}

static int
show(const struct cli_target *t, int first)
{
	struct ipck_obj o;

	if (cli_target_stat(t, &o) < 0)
		/* "no such object" is an answer; anything else an error */
		return errno == ENOENT || errno == EINVAL || errno == EIDRM ?
		    CLI_FAIL : CLI_USAGE;
	if (json) {
		print_json(&o);
		return CLI_OK;
	}
	if (!first)
		putchar('\n');
	print_text(&o);
	return CLI_OK;
}

/* Static, so that it stays reachable when a usage error exits mid-parse. */
static struct cli_target *targets;

int
main(int argc, char *argv[])
{
	const char *path = NULL, *proj = NULL;
	int c, i, n = 0, r, rc = CLI_OK, shown = 0;

	cli_init("ipcstat", CLI_USAGE);
	if ((targets = calloc((size_t)argc + 1, sizeof(*targets))) == NULL)
		cli_die(CLI_USAGE, "%s", strerror(errno));
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:F:hJm:M:P:q:Q:s:S:V", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'F':
			path = optarg;
			break;
		case 'h':
			usage();
			return cli_finish(CLI_OK);
		case 'J':
			json = 1;
			break;
		case 'P':
			proj = optarg;
			break;
		case 'V':
			return cli_version();
		default:
			if (cli_target_option(c, optarg, &targets[n]))
				n++;
			else
				cli_bad_option(c, argv[optind - 1], longopts);
		}
	}
	if (path != NULL || proj != NULL)
		n += cli_ftok_targets(path, proj, argc - optind, argv + optind,
		    targets + n);
	else if (optind < argc)
		cli_die(CLI_USAGE, "%s: unexpected operand; try '%s --help'",
		    argv[optind], cli_name);
	if (n == 0)
		cli_die(CLI_USAGE, "nothing to show; try '%s --help'", cli_name);

	if (json)
		json_begin(NULL, '[');
	for (i = 0; i < n; i++) {
		r = show(&targets[i], shown == 0);
		if (r == CLI_OK)
			shown++;
		if (r > rc)
			rc = r;
	}
	if (json)
		json_end(']');
	free(targets);
	return cli_finish(rc);
}
