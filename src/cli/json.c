/* SPDX-License-Identifier: MIT */
/*
 * A streaming JSON writer for the tools' -J output: values go straight to
 * stdout, commas and nesting are tracked here.  Members of the outermost
 * array or object each start a line of their own, so output greps well.
 */
#define _DEFAULT_SOURCE	/* tm_gmtoff, SHM_DEST, SHM_LOCKED */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <time.h>

#include "cli.h"

#define MAXDEPTH	16

static int depth;
static int count[MAXDEPTH];
static int lines;		/* each outermost value on one line (JSON Lines) */

static void
sep(const char *key)
{
	if (depth > 0 && count[depth]++ > 0)
		putchar(',');
	if (depth == 1 && !lines)
		fputs("\n  ", stdout);
	if (key != NULL) {
		json_string(key);
		putchar(':');
	}
}

/*
 * A JSON string is UTF-8 (RFC 8259), but names from the system need not
 * be: each byte that is not part of a valid sequence becomes U+FFFD.
 * Controls, DEL, C1 and the line and paragraph separators are escaped, so
 * the text is also safe to look at on a terminal.
 */
void
json_string(const char *s)
{
	json_text(s, strlen(s));
}

/* n bytes at s, which a NUL follows (it bounds a sequence cut short). */
void
json_text(const char *s, size_t n)
{
	const char *end = s + n;
	size_t k;
	long cp;

	putchar('"');
	for (;;) {
		/* most text is plain ASCII, and the tools have one thread */
		for (; s < end && (unsigned char)*s >= 0x20 &&
		    (unsigned char)*s < 0x7f && *s != '"' && *s != '\\'; s++)
			putchar_unlocked(*s);
		if (s >= end)
			break;
		cp = cli_utf8(s, &k);
		if (cp < 0 || k > (size_t)(end - s)) {
			fputs("\\ufffd", stdout);
			k = 1;
		} else if (cp == '"' || cp == '\\')
			printf("\\%c", (int)cp);
		else if (cp < 0x10000 && !cli_printable(cp))
			printf("\\u%04lx", cp);
		else
			fwrite(s, 1, k, stdout);
		s += k;
	}
	putchar('"');
}

void
json_bytes(const char *key, const void *p, size_t n)
{
	sep(key);
	json_text(p, n);
}

/* RFC 4648's base64, with its padding. */
void
json_base64(const char *key, const void *p, size_t n)
{
	static const char abc[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const unsigned char *b = p;
	char out[4];
	uint32_t v;
	size_t i;

	sep(key);
	putchar('"');
	for (i = 0; i + 3 <= n; i += 3) {
		v = (uint32_t)b[i] << 16 | (uint32_t)b[i + 1] << 8 | b[i + 2];
		out[0] = abc[v >> 18];
		out[1] = abc[(v >> 12) & 63];
		out[2] = abc[(v >> 6) & 63];
		out[3] = abc[v & 63];
		fwrite(out, 1, 4, stdout);
	}
	if (n - i > 0) {
		v = (uint32_t)b[i] << 16 | (n - i > 1 ? (uint32_t)b[i + 1] << 8 : 0);
		out[0] = abc[v >> 18];
		out[1] = abc[(v >> 12) & 63];
		out[2] = n - i > 1 ? abc[(v >> 6) & 63] : '=';
		out[3] = '=';
		fwrite(out, 1, 4, stdout);
	}
	putchar('"');
}

void
json_lines(int on)
{
	lines = on;
}

void
json_begin(const char *key, char open)
{
	sep(key);
	putchar(open);
	if (depth < MAXDEPTH - 1)
		count[++depth] = 0;
}

void
json_end(char close)
{
	if (depth == 1 && count[depth] > 0 && !lines)
		putchar('\n');
	depth--;
	putchar(close);
	if (depth == 0)
		putchar('\n');
}

void
json_str(const char *key, const char *value)
{
	sep(key);
	if (value == NULL)
		fputs("null", stdout);
	else
		json_string(value);
}

void
json_int(const char *key, int64_t value)
{
	sep(key);
	printf("%lld", (long long)value);
}

void
json_uint(const char *key, uint64_t value)
{
	sep(key);
	printf("%llu", (unsigned long long)value);
}

void
json_bool(const char *key, int value)
{
	sep(key);
	fputs(value ? "true" : "false", stdout);
}

void
json_time(const char *key, const char *epoch_key, time_t t)
{
	struct tm tm;
	char buf[40];
	long off;

	if (t == 0 || localtime_r(&t, &tm) == NULL) {
		json_str(key, NULL);
		json_str(epoch_key, NULL);
		return;
	}
	/* ISO 8601 with the offset as +hh:mm, which strftime's %z lacks */
	off = tm.tm_gmtoff / 60;
	strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%S", &tm);
	sep(key);
	printf("\"%s%c%02ld:%02ld\"", buf, off < 0 ? '-' : '+',
	    (off < 0 ? -off : off) / 60, (off < 0 ? -off : off) % 60);
	json_int(epoch_key, (int64_t)t);
}

static void
json_names(const char *key, const char *idkey, const char *name,
    unsigned int id)
{
	json_str(key, name);
	json_uint(idkey, id);
}

void
json_semval(uint64_t semnum, const struct ipck_semval *v)
{
	json_begin(NULL, '{');
	json_uint("semnum", semnum);
	json_int("value", v->val);
	json_int("ncount", v->ncnt);
	json_int("zcount", v->zcnt);
	json_int("pid", v->pid);
}

/* perms, mode, owner, uid, group, gid: what every kind has. */
void
json_owners(const struct ipck_obj *o)
{
	char buf[16];

	snprintf(buf, sizeof(buf), "%04o", o->mode & 0777);
	json_str("perms", buf);
	json_uint("mode", o->mode);
	json_names("owner", "uid", cli_user_raw(o->uid), (unsigned int)o->uid);
	json_names("group", "gid", cli_group_raw(o->gid), (unsigned int)o->gid);
}

void
json_name(const char *name)
{
	size_t n = strlen(name);

	json_str("name", cli_utf8_valid(name, n) ? name : NULL);
	json_base64("name_base64", name, n);
}

/* A number when have has bit, else null. */
static void
json_known(const char *key, uint64_t v, int known)
{
	if (known)
		json_uint(key, v);
	else
		json_str(key, NULL);
}

/*
 * A POSIX object: its name, its file's owner, mode and times, and what one
 * open tells (null when it could not be opened); no id, key or creator.
 */
static void
json_posix(const struct ipck_obj *o)
{
	int q = (o->have & IPCK_HAVE_QUEUE) != 0;
	int v = (o->have & IPCK_HAVE_VALUE) != 0;

	json_name(o->name);
	json_owners(o);
	json_time("ctime", "ctime_epoch", o->ctime);
	switch (o->kind) {
	case IPCK_PSHM:
		json_uint("size", o->u.pshm.size);
		json_uint("allocated", o->u.pshm.allocated);
		json_time("atime", "atime_epoch", o->file.atime);
		json_time("mtime", "mtime_epoch", o->file.mtime);
		break;
	case IPCK_PMSG:
		json_known("used_bytes", o->u.pmsg.qsize, q);
		json_known("messages", o->u.pmsg.curmsgs, q);
		json_known("maxmsg", o->u.pmsg.maxmsg, q);
		json_known("msgsize", o->u.pmsg.msgsize, q);
		json_known("notify_pid", (uint64_t)o->u.pmsg.notify_pid, q);
		json_time("atime", "atime_epoch", o->file.atime);
		json_time("mtime", "mtime_epoch", o->file.mtime);
		break;
	case IPCK_PSEM:
		json_known("value", o->u.psem.value, v);
		json_known("waiters", o->u.psem.waiters, v);
		json_bool("valid", v || o->u.psem.err != EINVAL);
		json_time("atime", "atime_epoch", o->file.atime);
		json_time("mtime", "mtime_epoch", o->file.mtime);
		break;
	default:
		break;
	}
}

/*
 * One object as a JSON object, left open for the caller to add to and
 * close; the field names are documented in ipcs(1) and kept stable.
 */
void
json_object(const char *key, const struct ipck_obj *o)
{
	char buf[16];

	json_begin(key, '{');
	json_str("kind", ipck_kind_name(o->kind));
	if (ipck_kind_info(o->kind)->family == IPCK_POSIX) {
		json_posix(o);
		return;
	}
	json_int("id", o->id);
	snprintf(buf, sizeof(buf), "0x%08x", (unsigned int)o->key);
	json_str("key", buf);
	json_uint("key_num", (uint32_t)o->key);
	json_owners(o);
	json_names("creator", "cuid", cli_user_raw(o->cuid),
	    (unsigned int)o->cuid);
	json_names("creator_group", "cgid", cli_group_raw(o->cgid),
	    (unsigned int)o->cgid);
	json_time("ctime", "ctime_epoch", o->ctime);
	switch (o->kind) {
	case IPCK_SHM:
		json_uint("size", o->u.shm.size);
		json_uint("nattch", o->u.shm.nattch);
		json_bool("dest", (o->mode & SHM_DEST) != 0);
		json_bool("locked", (o->mode & SHM_LOCKED) != 0);
		json_int("cpid", o->u.shm.cpid);
		json_int("lpid", o->u.shm.lpid);
		json_time("atime", "atime_epoch", o->u.shm.atime);
		json_time("dtime", "dtime_epoch", o->u.shm.dtime);
		break;
	case IPCK_MSG:
		json_uint("used_bytes", o->u.msg.cbytes);
		json_uint("messages", o->u.msg.qnum);
		/* /proc/sysvipc has no byte limit: unknown, not 0 */
		if (o->have & IPCK_HAVE_QBYTES)
			json_uint("qbytes", o->u.msg.qbytes);
		else
			json_str("qbytes", NULL);
		json_int("lspid", o->u.msg.lspid);
		json_int("lrpid", o->u.msg.lrpid);
		json_time("stime", "stime_epoch", o->u.msg.stime);
		json_time("rtime", "rtime_epoch", o->u.msg.rtime);
		break;
	case IPCK_SEM:
		json_uint("nsems", o->u.sem.nsems);
		json_time("otime", "otime_epoch", o->u.sem.otime);
		break;
	default:
		break;
	}
}
