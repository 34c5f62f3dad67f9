/* SPDX-License-Identifier: MIT */
/*
 * A streaming JSON writer for the tools' -J output: a value, struct
 * cli_json, over a FILE *; values go straight to it, and it tracks commas
 * and nesting.  Members of the outermost array or object each start a line
 * of their own, so output greps well.
 */
#define _DEFAULT_SOURCE	/* tm_gmtoff */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <time.h>

#include "base64.h"
#include "json.h"
#include "names.h"
#include "text.h"

void
json_init(struct cli_json *j, FILE *f)
{
	memset(j, 0, sizeof(*j));
	j->f = f;
}

static void
sep(struct cli_json *j, const char *key)
{
	int d = j->depth;

	if (d > 0 && j->count[d]++ > 0)
		putc_unlocked(',', j->f);
	if (d == 1 && !j->lines)
		fputs("\n  ", j->f);
	if (key != NULL) {
		json_string(j, key);
		putc_unlocked(':', j->f);
	}
}

/*
 * A JSON string is UTF-8 (RFC 8259), but names from the system need not
 * be: each byte that is not part of a valid sequence becomes U+FFFD.
 * Controls, DEL, C1 and the line and paragraph separators are escaped, so
 * the text is also safe to look at on a terminal.
 */
void
json_string(struct cli_json *j, const char *s)
{
	json_text(j, s, strlen(s));
}

/* n bytes at s, which a NUL follows (it bounds a sequence cut short). */
void
json_text(struct cli_json *j, const char *s, size_t n)
{
	const char *end = s + n;
	const char *run;
	size_t k;
	long cp;

	putc_unlocked('"', j->f);
	for (;;) {
		/* most text is plain ASCII: a run of it written at once */
		for (run = s; s < end && (unsigned char)*s >= 0x20 &&
		    (unsigned char)*s < 0x7f && *s != '"' && *s != '\\'; s++)
			;
		if (s > run)
			fwrite(run, 1, (size_t)(s - run), j->f);
		if (s >= end)
			break;
		cp = cli_utf8(s, &k);
		if (cp < 0 || k > (size_t)(end - s)) {
			fputs("\\ufffd", j->f);
			k = 1;
		} else if (cp == '"' || cp == '\\')
			fprintf(j->f, "\\%c", (int)cp);
		else if (cp < 0x10000 && !cli_printable(cp))
			fprintf(j->f, "\\u%04lx", cp);
		else
			fwrite(s, 1, k, j->f);
		s += k;
	}
	putc_unlocked('"', j->f);
}

void
json_bytes(struct cli_json *j, const char *key, const void *p, size_t n)
{
	sep(j, key);
	json_text(j, p, n);
}

/* RFC 4648's base64, with its padding, a piece at a time. */
void
json_base64(struct cli_json *j, const char *key, const void *p, size_t n)
{
	const unsigned char *b = p;
	char out[CLI_BASE64_LEN(3 * 256)];
	size_t k, m;

	sep(j, key);
	putc_unlocked('"', j->f);
	for (; n > 0; b += k, n -= k) {
		k = n < 3 * 256 ? n : 3 * 256;
		m = cli_base64(out, b, k);
		fwrite(out, 1, m, j->f);
	}
	putc_unlocked('"', j->f);
}

void
json_lines(struct cli_json *j, int on)
{
	j->lines = on;
}

void
json_begin(struct cli_json *j, const char *key, char open)
{
	sep(j, key);
	putc_unlocked(open, j->f);
	if (j->depth < CLI_JSON_DEPTH - 1)
		j->count[++j->depth] = 0;
}

void
json_end(struct cli_json *j, char close)
{
	if (j->depth == 1 && j->count[j->depth] > 0 && !j->lines)
		putc_unlocked('\n', j->f);
	j->depth--;
	putc_unlocked(close, j->f);
	if (j->depth == 0)
		putc_unlocked('\n', j->f);
}

void
json_str(struct cli_json *j, const char *key, const char *value)
{
	sep(j, key);
	if (value == NULL)
		fputs("null", j->f);
	else
		json_string(j, value);
}

/* v in decimal, with a minus sign if neg: digits by hand, no printf. */
static void
number(struct cli_json *j, int neg, uint64_t v)
{
	char buf[24], *p = buf + sizeof(buf);

	do
		*--p = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	if (neg)
		*--p = '-';
	fwrite(p, 1, (size_t)(buf + sizeof(buf) - p), j->f);
}

void
json_int(struct cli_json *j, const char *key, int64_t value)
{
	sep(j, key);
	/* the magnitude of INT64_MIN, without overflow */
	number(j, value < 0, value < 0 ? 0 - (uint64_t)value : (uint64_t)value);
}

void
json_uint(struct cli_json *j, const char *key, uint64_t value)
{
	sep(j, key);
	number(j, 0, value);
}

void
json_bool(struct cli_json *j, const char *key, int value)
{
	sep(j, key);
	fputs(value ? "true" : "false", j->f);
}

void
json_time(struct cli_json *j, const char *key, const char *epoch_key, time_t t)
{
	struct tm tm;
	char buf[40];
	long off;

	if (t == 0 || localtime_r(&t, &tm) == NULL) {
		json_str(j, key, NULL);
		json_str(j, epoch_key, NULL);
		return;
	}
	/* ISO 8601 with the offset as +hh:mm, which strftime's %z lacks */
	off = tm.tm_gmtoff / 60;
	strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%S", &tm);
	sep(j, key);
	fprintf(j->f, "\"%s%c%02ld:%02ld\"", buf, off < 0 ? '-' : '+',
	    (off < 0 ? -off : off) / 60, (off < 0 ? -off : off) % 60);
	json_int(j, epoch_key, (int64_t)t);
}

void
json_semval(struct cli_json *j, uint64_t semnum, const struct ipck_semval *v)
{
	json_begin(j, NULL, '{');
	json_uint(j, "semnum", semnum);
	json_int(j, "value", v->val);
	json_int(j, "ncount", v->ncnt);
	json_int(j, "zcount", v->zcnt);
	json_int(j, "pid", v->pid);
}

void
json_name(struct cli_json *j, const char *name)
{
	size_t n = strlen(name);

	json_str(j, "name", cli_utf8_valid(name, n) ? name : NULL);
	json_base64(j, "name_base64", name, n);
}

/*
 * A field as its members: most are one; a time, an owner, a mode, a key
 * and a name are two, the second (also) showing it another way.  Not
 * known: null, in each member.
 */
void
json_field_null(struct cli_json *j, const struct ipck_field *f)
{
	int second = f->type == IPCK_T_KEY || f->type == IPCK_T_NAME ||
	    f->type == IPCK_T_TIME;

	if (f->also != NULL && !second)
		json_str(j, f->also, NULL);
	json_str(j, f->name, NULL);
	if (f->also != NULL && second)
		json_str(j, f->also, NULL);
}

void
json_field(struct cli_json *j, const struct ipck_field *f, const void *rec)
{
	struct ipck_value v;
	char buf[16];

	if (ipck_field_get(f, rec, &v) != 1) {
		json_field_null(j, f);
		return;
	}
	switch (f->type) {
	case IPCK_T_KIND:
		json_str(j, f->name, v.s);
		break;
	case IPCK_T_NAME:
		json_name(j, v.s);
		break;
	case IPCK_T_INT:
	case IPCK_T_PID:
		json_int(j, f->name, v.i);
		break;
	case IPCK_T_TIME:
		json_time(j, f->name, f->also, (time_t)v.i);
		break;
	case IPCK_T_UID:
		json_str(j, f->also, cli_user_raw((uid_t)v.u));
		json_uint(j, f->name, v.u);
		break;
	case IPCK_T_GID:
		json_str(j, f->also, cli_group_raw((gid_t)v.u));
		json_uint(j, f->name, v.u);
		break;
	case IPCK_T_MODE:
		snprintf(buf, sizeof(buf), "%04o", (unsigned int)v.u & 0777);
		json_str(j, f->also, buf);
		json_uint(j, f->name, v.u);
		break;
	case IPCK_T_KEY:
		snprintf(buf, sizeof(buf), "0x%08x", (unsigned int)v.u);
		json_str(j, f->name, buf);
		json_uint(j, f->also, (uint32_t)v.u);
		break;
	case IPCK_T_BOOL:
		json_bool(j, f->name, v.u != 0);
		break;
	default:
		json_uint(j, f->name, v.u);
		break;
	}
}

/* perms, mode, owner, uid, group, gid: what every kind has. */
void
json_owners(struct cli_json *j, const struct ipck_obj *o)
{
	static const char *const names[] = { "mode", "uid", "gid" };
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		json_field(j, ipck_field_find(IPCK_FIELDS_OBJECT, o->kind,
		    names[i]), o);
}

/*
 * One object as a JSON object, left open for the caller to add to and
 * close: every field of its kind's table but those that cost more than
 * the walk.  The reference (ipcs --json-fields) comes from the same table.
 */
void
json_object(struct cli_json *j, const char *key, const struct ipck_obj *o)
{
	const struct ipck_field *f;
	size_t n, i;

	json_begin(j, key, '{');
	if ((f = ipck_fields(IPCK_FIELDS_OBJECT, o->kind, &n)) == NULL)
		return;
	for (i = 0; i < n; i++)
		if (!(f[i].flags & IPCK_FIELD_DETAIL))
			json_field(j, &f[i], o);
}

/* The figures of one set for kind from rec, as a JSON object named for the kind. */
void
json_figures(struct cli_json *j, enum ipck_fieldset set, enum ipck_kind kind, const void *rec)
{
	const struct ipck_field *f;
	size_t n, i;

	json_begin(j, ipck_kind_name(kind), '{');
	if ((f = ipck_fields(set, kind, &n)) != NULL)
		for (i = 0; i < n; i++)
			json_field(j, &f[i], rec);
	json_end(j, '}');
}
