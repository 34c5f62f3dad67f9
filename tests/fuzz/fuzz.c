/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer targets for libipckit's parsers: each is built with
 * -DTARGET=name and checks a property beside "no crash": what a parser
 * accepts, printed back in its plain form, parses to the same value; it
 * never accepts what its documentation rejects; text from the kernel
 * (/proc/sysvipc, a queue file's status, /proc/PID/maps, /proc/PID/cgroup)
 * of any shape gives a record or a clean refusal; a name from the system
 * is shown safely and without loss.  A failed property is
 * abort(), which libFuzzer reports with the input.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "ipckit.h"
#include "internal.h"
#include "cli.h"
#include "archive.h"

#define MUST(cond) do { if (!(cond)) { \
	fprintf(stderr, "property failed: %s (line %d)\n", #cond, __LINE__); \
	abort(); } } while (0)

/* The input as a string: NULs end it, as a command line's would. */
static char *
text(const uint8_t *d, size_t n)
{
	char *s = malloc(n + 1);

	if (s == NULL)
		abort();
	memcpy(s, d, n);
	s[n] = '\0';
	return s;
}

/* Only these characters may be in anything the parser accepts. */
static int
only(const char *s, const char *set)
{
	return s[strspn(s, set)] == '\0';
}

static void
fuzz_key(const char *s)
{
	key_t k, again;
	char buf[32];

	if (ipck_parse_key(s, &k) < 0)
		return;
	/* /proc/sysvipc's signed decimal is a key too: "-1" */
	MUST(s[0] != '\0' && (s[0] != '-' || only(s + 1, "0123456789")) &&
	    only(s + (s[0] == '-'), "0123456789abcdefABCDEFxX"));
	snprintf(buf, sizeof(buf), "0x%x", (unsigned int)k);
	MUST(ipck_parse_key(buf, &again) == 0 && again == k);
	snprintf(buf, sizeof(buf), "%x", (unsigned int)k);
	MUST(ipck_parse_key_hex(buf, &again) == 0 && again == k);
}

static void
fuzz_key_hex(const char *s)
{
	key_t k, again;
	char buf[32];

	if (ipck_parse_key_hex(s, &k) < 0)
		return;
	MUST(only(s, "0123456789abcdefABCDEFxX"));
	snprintf(buf, sizeof(buf), "0x%x", (unsigned int)k);
	MUST(ipck_parse_key(buf, &again) == 0 && again == k);
}

static void
fuzz_id(const char *s)
{
	char buf[32];
	int id, again;

	if (ipck_parse_id(s, &id) < 0)
		return;
	MUST(id >= 0 && only(s, "0123456789"));
	snprintf(buf, sizeof(buf), "%d", id);
	MUST(ipck_parse_id(buf, &again) == 0 && again == id);
}

static void
fuzz_size(const char *s)
{
	uint64_t v, again;
	char buf[32];

	if (ipck_parse_size(s, &v) < 0)
		return;
	MUST(s[0] != '\0' && strchr(s, '-') == NULL && strchr(s, ' ') == NULL);
	snprintf(buf, sizeof(buf), "%llu", (unsigned long long)v);
	MUST(ipck_parse_size(buf, &again) == 0 && again == v);
}

static void
fuzz_mode(const char *s)
{
	unsigned int m, again, applied;
	char buf[16];

	if (ipck_parse_mode(s, &m) == 0) {
		MUST(m <= 0777 && only(s, "01234567"));
		snprintf(buf, sizeof(buf), "%o", m);
		MUST(ipck_parse_mode(buf, &again) == 0 && again == m);
		/* an octal mode is the same to ipcset, whatever the old one */
		MUST(ipck_mode_apply(s, 0777, &applied) == 0 && applied == m);
	}
	if (ipck_mode_apply(s, 0640, &applied) == 0) {
		MUST(applied <= 0777);
		MUST(only(s, "ugoa+-=rwxXst01234567,"));
		/* the same clauses from the same mode: the same result */
		MUST(ipck_mode_apply(s, 0640, &again) == 0 && again == applied);
	}
}

static void
fuzz_projid(const char *s)
{
	int p;

	if (ipck_parse_projid(s, &p) < 0)
		return;
	MUST((p & 0xff) != 0);
}

static void
fuzz_uid(const char *s)
{
	char buf[32];
	uid_t u, again;

	if (ipck_parse_uid(s, &u) < 0)
		return;
	MUST(u != (uid_t)-1 && only(s, "0123456789"));
	snprintf(buf, sizeof(buf), "%u", (unsigned int)u);
	MUST(ipck_parse_uid(buf, &again) == 0 && again == u);
}

/* A gid is read as a uid is: the same text, the same number. */
static void
fuzz_gid(const char *s)
{
	uid_t u;
	gid_t g;

	MUST((ipck_parse_gid(s, &g) == 0) == (ipck_parse_uid(s, &u) == 0));
	if (ipck_parse_gid(s, &g) == 0)
		MUST(g == (gid_t)u);
}

static int
hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ?
	    c - 'a' + 10 : -1;
}

/*
 * Names from the system (users, groups, processes) as the tools show
 * them: every character of the escaped text shows as itself on a
 * terminal, and the text reads back, \\ and \xHH undone, to the very
 * bytes of the name.
 */
static void
fuzz_escape(const char *s)
{
	size_t n = strlen(s), len = 4 * n + 1, i, j, k;
	char *buf = malloc(len), *back = malloc(n + 1);
	long cp;

	if (buf == NULL || back == NULL)
		abort();
	cli_escape(s, buf, len, CLI_ESC_BACKSLASH);
	for (i = 0; buf[i] != '\0'; i += k) {
		cp = cli_utf8(buf + i, &k);
		MUST(cp >= 0 && cli_printable(cp));
	}
	for (i = j = 0; buf[i] != '\0'; j++) {
		if (buf[i] != '\\') {
			back[j] = buf[i++];
		} else if (buf[i + 1] == '\\') {
			back[j] = '\\';
			i += 2;
		} else {
			MUST(buf[i + 1] == 'x' && hexval(buf[i + 2]) >= 0 &&
			    hexval(buf[i + 3]) >= 0);
			back[j] = (char)(hexval(buf[i + 2]) << 4 | hexval(buf[i + 3]));
			i += 4;
		}
		MUST(j < n);
	}
	MUST(j == n && memcmp(back, s, n) == 0);
	free(buf);
	free(back);
}

static void
fuzz_duration(const char *s)
{
	uint64_t v, again, ns;
	char buf[32];

	if (ipck_parse_duration(s, &v) < 0)
		return;
	MUST(only(s, "0123456789smhdw"));
	snprintf(buf, sizeof(buf), "%llu", (unsigned long long)v);
	MUST(ipck_parse_duration(buf, &again) == 0 && again == v);
	/* a duration is a wait too, when it fits in nanoseconds */
	if (v <= UINT64_MAX / 1000000000)
		MUST(ipck_parse_wait(s, &ns) == 0 && ns == v * 1000000000);
}

static void
fuzz_wait(const char *s)
{
	uint64_t ns, again;
	char buf[48];

	if (ipck_parse_wait(s, &ns) < 0)
		return;
	MUST(s[0] >= '0' && s[0] <= '9' && only(s, "0123456789.smhdw"));
	snprintf(buf, sizeof(buf), "%llu.%09llus",
	    (unsigned long long)(ns / 1000000000),
	    (unsigned long long)(ns % 1000000000));
	MUST(ipck_parse_wait(buf, &again) == 0 && again == ns);
}

static void
fuzz_semop(const char *s)
{
	struct ipck_semop op, again;
	char buf[32];

	if (ipck_parse_semop(s, &op) < 0)
		return;
	MUST(op.num <= 65535 && op.delta >= -32768 && op.delta <= 32767);
	MUST(only(s, "0123456789:+-") && strchr(s, ':') != NULL);
	if (op.delta == 0)
		snprintf(buf, sizeof(buf), "%u:0", op.num);
	else
		snprintf(buf, sizeof(buf), "%u:%+d", op.num, op.delta);
	MUST(ipck_parse_semop(buf, &again) == 0 && again.num == op.num &&
	    again.delta == op.delta);
}

static void
fuzz_name(const char *s)
{
	static const enum ipck_kind kinds[] = { IPCK_PSHM, IPCK_PMSG, IPCK_PSEM };
	char canon[300], again[300];
	const char *why;
	size_t i;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		if (ipck_parse_name(kinds[i], s, canon, sizeof(canon), &why) < 0)
			continue;
		/* "/name": one slash, first; no "." or ".."; at most NAME_MAX */
		MUST(canon[0] == '/' && strchr(canon + 1, '/') == NULL);
		MUST(strcmp(canon, "/.") != 0 && strcmp(canon, "/..") != 0);
		MUST(strlen(canon) <= 256 && canon[1] != '\0');
		MUST(ipck_parse_name(kinds[i], canon, again, sizeof(again),
		    &why) == 0 && strcmp(again, canon) == 0);
	}
}

static void
fuzz_cgroup(const char *s)
{
	struct ipck_container c;
	int r = ipck_parse_cgroup(s, &c);

	MUST(r == 0 || r == 1 || r == -1);
	if (r == 1) {
		MUST(memchr(c.engine, '\0', sizeof(c.engine)) != NULL);
		MUST(memchr(c.id, '\0', sizeof(c.id)) != NULL);
		MUST(memchr(c.pod, '\0', sizeof(c.pod)) != NULL);
		MUST(c.engine[0] != '\0');
	}
}

static void
fuzz_maps(const char *s)
{
	struct ipck__mapping m;

	if (ipck__maps_line(s, &m) < 0)
		return;
	MUST(m.path != NULL && m.path >= s && m.path <= s + strlen(s));
	MUST(memchr(m.perms, '\0', sizeof(m.perms)) != NULL);
}

static void
fuzz_mqstatus(const char *s)
{
	uint64_t q;
	pid_t pid;

	if (ipck__mq_status(s, &q, &pid) < 0) {
		MUST(errno == EPROTO);
		return;
	}
	/* digits, never a sign: "QSIZE:-1" is no size */
	MUST(pid >= 0 && strstr(s, "QSIZE:") != NULL);
	MUST(strstr(s, "QSIZE:")[6] >= '0' && strstr(s, "QSIZE:")[6] <= '9');
	MUST(strstr(s, "NOTIFY_PID:")[11] >= '0' &&
	    strstr(s, "NOTIFY_PID:")[11] <= '9');
}

/* /proc/sysvipc/KIND of any shape: a file read as the kernel's would be. */
static void
sysvipc(enum ipck_kind kind, const uint8_t *d, size_t n)
{
	struct ipck__proc *p;
	struct ipck_obj o;
	char path[64];
	int fd = memfd_create("sysvipc", MFD_CLOEXEC), r, rows = 0;

	if (fd < 0 || (n > 0 && write(fd, d, n) != (ssize_t)n))
		abort();
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	if ((p = ipck__proc_open(kind, path)) != NULL) {
		while ((r = ipck__proc_next(p, &o)) > 0) {
			MUST(o.kind == kind && o.id >= 0);
			MUST(o.mode <= 07777);
			rows++;
		}
		MUST(r == 0 || r == -1);
		ipck__proc_close(p);
	}
	MUST((size_t)rows <= n);
	close(fd);
}

/*
 * An archive of any shape (ipcrestore's reader, which makes nothing):
 * refused with one printable line, or loaded into objects whose extents
 * lie within their sizes and add up to their members.
 */
static void
archive_fd(int fd)
{
	struct ar_in in;
	struct ar_manifest m;
	char err[600];
	uint64_t sum;
	size_t i, k, j;

	if (ar_in_open(&in, fd) < 0) {
		for (j = 0; in.err[j] != '\0'; j++)
			MUST(in.err[j] >= 0x20 && in.err[j] < 0x7f);
		MUST(j > 0);
		ar_in_free(&in);
		return;
	}
	if (ar_load(&in, &m, 8192, err, sizeof(err)) < 0) {
		for (j = 0; err[j] != '\0'; j++)
			MUST(err[j] >= 0x20 && err[j] < 0x7f);
		MUST(j > 0);
		ar_in_free(&in);
		return;
	}
	for (i = 0; i < m.n; i++) {
		const struct ar_obj *o = &m.v[i];

		for (k = 0, sum = 0; k < o->next; k++) {
			MUST(o->ext[k].len > 0 && o->ext[k].off + o->ext[k].len <= o->size);
			MUST(k == 0 || o->ext[k].off >= o->ext[k - 1].off + o->ext[k - 1].len);
			sum += o->ext[k].len;
		}
		MUST(!o->has_contents || o->member->size == o->bytes);
		MUST(o->next == 0 || sum == o->bytes);
	}
	ar_manifest_free(&m);
	ar_in_free(&in);
}

static void
fuzz_archive_bytes(const uint8_t *d, size_t n)
{
	int fd = memfd_create("archive", MFD_CLOEXEC);

	if (fd < 0 || (n > 0 && write(fd, d, n) != (ssize_t)n))
		abort();
	archive_fd(fd);
	close(fd);
}

/*
 * A manifest of any shape, in an archive whose members are right: a
 * 16-byte segment's data and one message (type 1, "abc"), as the seed's
 * manifest names them.
 */
static void
fuzz_manifest_bytes(const uint8_t *d, size_t n)
{
	static const unsigned char msg[] = { 0, 0, 0, 0, 0, 0, 0, 1,
	    0, 0, 0, 0, 0, 0, 0, 3, 'a', 'b', 'c' };
	struct ar_out o;
	int fd = memfd_create("archive", MFD_CLOEXEC);

	if (fd < 0 || ar_out_init(&o, fd, 0) < 0 ||
	    ar_out_member(&o, "ipckit/0.data", "0123456789abcdef", 16, NULL) < 0 ||
	    ar_out_member(&o, "ipckit/1.messages", msg, sizeof(msg), NULL) < 0 ||
	    ar_out_member(&o, AR_MANIFEST, d, n, NULL) < 0 ||
	    ar_out_finish(&o) < 0)
		abort();
	ar_out_free(&o);
	archive_fd(fd);
	close(fd);
}

#define STRING_TARGET(name) \
	static void name##_bytes(const uint8_t *d, size_t n) \
	{ char *s = text(d, n); name(s); free(s); }
STRING_TARGET(fuzz_key)
STRING_TARGET(fuzz_key_hex)
STRING_TARGET(fuzz_id)
STRING_TARGET(fuzz_size)
STRING_TARGET(fuzz_mode)
STRING_TARGET(fuzz_projid)
STRING_TARGET(fuzz_uid)
STRING_TARGET(fuzz_gid)
STRING_TARGET(fuzz_escape)
STRING_TARGET(fuzz_duration)
STRING_TARGET(fuzz_wait)
STRING_TARGET(fuzz_semop)
STRING_TARGET(fuzz_name)
STRING_TARGET(fuzz_cgroup)
STRING_TARGET(fuzz_maps)
STRING_TARGET(fuzz_mqstatus)

static void fuzz_sysvipc_shm_bytes(const uint8_t *d, size_t n) { sysvipc(IPCK_SHM, d, n); }
static void fuzz_sysvipc_msg_bytes(const uint8_t *d, size_t n) { sysvipc(IPCK_MSG, d, n); }
static void fuzz_sysvipc_sem_bytes(const uint8_t *d, size_t n) { sysvipc(IPCK_SEM, d, n); }

#define GLUE2(a, b)	a##b
#define GLUE(a, b)	GLUE2(a, b)

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n);

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	GLUE(TARGET, _bytes)(d, n);
	return 0;
}
