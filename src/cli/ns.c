/* SPDX-License-Identifier: MIT */
/*
 * --ns PID|PATH: the IPC namespace of a process (and the /dev/shm its
 * root sees), or of a namespace file (and the /dev/shm of a process in
 * it, when there is one).  Checked, then entered, before a tool looks
 * anything up.
 */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ns.h"
#include "json.h"
#include "msg.h"
#include "text.h"

/* A PID operand: all digits, 1 to INT_MAX; 0 when it is a path. */
static pid_t
pid_of(const char *arg)
{
	char *end;
	long v;

	if (arg[0] == '\0' || arg[strspn(arg, "0123456789")] != '\0')
		return 0;
	errno = 0;
	v = strtol(arg, &end, 10);
	if (errno == ERANGE || v <= 0 || v > INT_MAX)
		cli_die(CLI_USAGE, "--ns %s: no such process (a pid is 1 to %d)",
		    arg, INT_MAX);
	return (pid_t)v;
}

/* CAP_SYS_ADMIN among this process's effective capabilities. */
static int
sys_admin(void)
{
	char line[128];
	unsigned long long caps = 0;
	FILE *fp = fopen("/proc/self/status", "re");

	if (fp == NULL)
		return 0;
	while (fgets(line, sizeof(line), fp) != NULL)
		if (sscanf(line, "CapEff: %llx", &caps) == 1)
			break;
	fclose(fp);
	return (caps >> 21) & 1;
}

/*
 * Where the POSIX kinds' files are: here, until a namespace is entered;
 * then its first process's /dev/shm, or none when no process is in it.
 */
static struct ipck_place place = IPCK_PLACE_HERE;

const struct ipck_place *
cli_place(void)
{
	return &place;
}

static void
set_place(pid_t pid)
{
	ipck_place_close(&place);
	if (pid <= 0 || ipck_place_open(&place, pid) < 0)
		ipck_place_none(&place);
}

void
cli_ns_enter(const char *arg)
{
	struct stat own, st;
	pid_t pid = pid_of(arg), holder = 0;
	int fd;

	if ((fd = ipck_ns_open(pid, pid > 0 ? NULL : arg)) < 0) {
		if (errno == ENOENT && pid > 0)
			cli_die(CLI_USAGE, "--ns %s: no such process", arg);
		if (errno == ENOENT || errno == ENOTDIR)
			cli_die(CLI_USAGE, "--ns %s: no such file (a pid, or a "
			    "namespace file such as /proc/PID/ns/ipc)", arg);
		if (errno == EINVAL)
			cli_die(CLI_USAGE, "--ns %s: not an IPC namespace (a pid, "
			    "or a file such as /proc/PID/ns/ipc or a bind mount "
			    "of one)", arg);
		if (errno == EACCES || errno == EPERM)
			cli_die(CLI_FAIL, "--ns %s: cannot open its IPC "
			    "namespace: %s; %s", arg, strerror(errno),
			    geteuid() != 0 ? "run as root" : "it is not this "
			    "root's to look into");
		cli_die(CLI_FAIL, "--ns %s: %s", arg, strerror(errno));
	}
	/* POSIX shared memory and semaphores: a process's root shows them */
	if (pid == 0 && ipck_ns_holder(fd, &holder) == 0)
		pid = holder;
	/* one's own namespace takes no privilege: it is not entered */
	if ((stat("/proc/self/ns/ipc", &own) < 0 || fstat(fd, &st) < 0 ||
	    own.st_ino != st.st_ino || own.st_dev != st.st_dev) &&
	    ipck_ns_enter(fd) < 0) {
		if (errno == EPERM)
			cli_die(CLI_FAIL, "--ns %s: cannot enter its IPC "
			    "namespace: that needs CAP_SYS_ADMIN over the user "
			    "namespace that owns it; %s", arg, geteuid() != 0 ?
			    "run as root" : !sys_admin() ? "this process has "
			    "no CAP_SYS_ADMIN" : "this root has none there (it "
			    "belongs to a user namespace this one does not own)");
		cli_die(CLI_FAIL, "--ns %s: cannot enter its IPC "
		    "namespace: %s", arg, strerror(errno));
	}
	close(fd);
	set_place(pid);
}

/*
 * "docker 3f2a1b9c0d1e", or "-": a container's short name, at most 12
 * bytes of its escaped id (an engine's hash, shortened as docker ps does),
 * and only whole escapes and characters: cli_escape stops before one that
 * does not fit.
 */
const char *
cli_ns_container(const struct cli_ns *v, char *buf, size_t len)
{
	char eb[12 + 1];

	if (!v->has_container)
		return "-";
	snprintf(buf, len, "%s %s", v->container.engine,
	    cli_escape(v->container.id, eb, sizeof(eb), 0));
	return buf;
}

void
cli_ns_header(const struct cli_ns *v)
{
	const struct ipck_nsinfo *in = v->info;
	char cb[16 * 4 + 8], pb[4 * 4096 + 8], kb[300];

	if (in->pid > 0)
		printf("IPC namespace %ju: %u process%s, the first pid %d (%s)",
		    (uintmax_t)in->ino, in->nprocs, in->nprocs == 1 ? "" : "es",
		    (int)in->pid, cli_escape(in->comm, cb, sizeof(cb), 0));
	else
		printf("IPC namespace %ju: no process, so no /dev/shm is known",
		    (uintmax_t)in->ino);
	if (in->bound != NULL)
		printf("; bound at %s", cli_escape(in->bound, pb, sizeof(pb), 0));
	if (v->has_container)
		printf("; container %s", cli_ns_container(v, kb, sizeof(kb)));
	putchar('\n');
}

void
cli_json_ns(struct cli_json *j, const struct cli_ns *v, int err)
{
	const struct ipck_nsinfo *in = v->info;

	json_begin(j, "namespace", '{');
	json_uint(j, "inode", (uint64_t)in->ino);
	json_uint(j, "processes", in->nprocs);
	if (in->pid > 0) {
		json_int(j, "pid", in->pid);
		json_str(j, "command", in->comm);
	} else {
		json_str(j, "pid", NULL);
		json_str(j, "command", NULL);
	}
	json_str(j, "bound", in->bound);
	if (v->has_container) {
		json_begin(j, "container", '{');
		json_str(j, "engine", v->container.engine);
		json_str(j, "id", v->container.id);
		json_str(j, "pod", v->container.pod[0] != '\0' ? v->container.pod :
		    NULL);
		json_end(j, '}');
	} else
		json_str(j, "container", NULL);
	if (err != 0)
		json_str(j, "error", strerror(err));
	json_end(j, '}');
}

/* Where the walk is: a namespace's device and inode. */
struct at {
	dev_t	dev;
	ino_t	ino;
};

/*
 * Into a namespace, from wherever the walk is (no return to our own in
 * between: one setns a namespace): its IPC namespace entered, its
 * /dev/shm that of its first process's root (none known without one).
 * 0, or -1 with errno, still where it was.
 */
static int
visit(const struct ipck_nsinfo *in, const struct at *own, int self,
    struct at *cur)
{
	int fd, r, err;

	if (in->ino != cur->ino || in->dev != cur->dev) {
		if (in->ino == own->ino && in->dev == own->dev)
			r = ipck_ns_enter(self);
		else if ((fd = ipck_nsinfo_open(in)) < 0)
			return -1;
		else {
			r = ipck_ns_enter(fd);
			err = errno;
			close(fd);
			errno = err;
		}
		if (r < 0)
			return -1;
		cur->dev = in->dev;
		cur->ino = in->ino;
	}
	set_place(in->pid);
	return 0;
}

static int quiet;

void
cli_ns_quiet(int on)
{
	quiet = on;
}

int
cli_each_ns(int (*fn)(const struct cli_ns *ns, int err, void *arg),
    void *arg)
{
	struct ipck_nsinfo *v;
	struct cli_ns ns;
	struct stat st;
	struct at own, cur;
	size_t n, i, hidden;
	int self, r, err, rc = CLI_OK;

	if ((self = ipck_ns_open(0, "/proc/self/ns/ipc")) < 0 ||
	    fstat(self, &st) < 0 || ipck_ns_scan(&v, &n, &hidden) < 0) {
		cli_err("cannot find the IPC namespaces: %s", strerror(errno));
		return CLI_FAIL;
	}
	own.dev = cur.dev = st.st_dev;
	own.ino = cur.ino = st.st_ino;
	for (i = 0; i < n; i++) {
		memset(&ns, 0, sizeof(ns));
		ns.info = &v[i];
		ns.has_container = v[i].pid > 0 &&
		    ipck_container_of(v[i].pid, &ns.container) == 1;
		r = visit(&v[i], &own, self, &cur);
		err = errno;
		if (r < 0 && err == ENOENT && v[i].bound == NULL) {
			/* its last process left while we walked: nothing is lost */
			fflush(stdout);
			if (!quiet)
				cli_err("IPC namespace %ju: gone while we "
				    "looked (its last process left)",
				    (uintmax_t)v[i].ino);
		} else if (r < 0) {
			(void)fn(&ns, err, arg);
			fflush(stdout);
			if (!quiet)
				cli_err("IPC namespace %ju: cannot enter it: "
				    "%s%s", (uintmax_t)v[i].ino, strerror(err),
				    err == EPERM ? " (that needs CAP_SYS_ADMIN "
				    "over the user namespace that owns it)" :
				    err == EACCES ? " (its file is not this "
				    "user's to open; run as root)" : "");
			rc = CLI_FAIL;
		} else if (fn(&ns, 0, arg) != CLI_OK)
			rc = CLI_FAIL;
		ipck_place_close(&place);
	}
	if ((cur.ino != own.ino || cur.dev != own.dev) &&
	    ipck_ns_enter(self) < 0)
		cli_die(CLI_FAIL, "cannot come back to this IPC namespace: %s",
		    strerror(errno));
	ipck_ns_free(v, n);
	close(self);
	/* not every namespace, then: say so, and what would show them */
	if (hidden > 0 && !quiet) {
		fflush(stdout);
		cli_err("%zu process%s not this user's to look into: the IPC "
		    "namespaces only %s in are left out; run as root to see "
		    "every one", hidden, hidden == 1 ? " is" : "es are",
		    hidden == 1 ? "it is" : "they are");
		rc = CLI_FAIL;
	}
	return rc;
}

int
cli_ns_lists(const struct cli_ns *ns, enum ipck_kind kind)
{
	/* a namespace no process is in has no /dev/shm: its line says so */
	return ns == NULL || ns->info->pid > 0 ||
	    (kind != IPCK_PSHM && kind != IPCK_PSEM);
}
