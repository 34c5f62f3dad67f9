/* SPDX-License-Identifier: MIT */
/*
 * ipcs --events' lines: readable text, or JSON Lines whose members are
 * ipcs -J's (the field table's names and types).  A text line is
 *   STAMP EVENT KIND ID-OR-NAME [ns=INODE] [key=KEY] FIELD=VALUE...
 * with, for "changed", each field that changed as FIELD=BEFORE->AFTER.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "events.h"

/* A time as ISO 8601 in UTC, or "never". */
static const char *
utc(time_t t, char *buf, size_t len)
{
	struct tm tm;

	if (t == 0 || gmtime_r(&t, &tm) == NULL)
		return "never";
	strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return buf;
}

/* Field f of o as text, as a line shows it (names escaped). */
static const char *
value(const struct ipck_field *f, const struct ipck_obj *o, char *buf,
    size_t len)
{
	struct ipck_value v;
	const char *s;

	if (ipck_field_get(f, o, &v) != 1)
		return "-";
	switch (f->type) {
	case IPCK_T_KIND:
	case IPCK_T_NAME:
		return cli_escape(v.s, buf, len, CLI_ESC_BACKSLASH);
	case IPCK_T_INT:
	case IPCK_T_PID:
		snprintf(buf, len, "%" PRId64, v.i);
		return buf;
	case IPCK_T_TIME:
		return utc((time_t)v.i, buf, len);
	case IPCK_T_UID:
	case IPCK_T_GID:
		s = f->type == IPCK_T_UID ? cli_user((uid_t)v.u) :
		    cli_group((gid_t)v.u);
		if (s != NULL)
			snprintf(buf, len, "%s", s);
		else
			snprintf(buf, len, "%" PRIu64, v.u);
		return buf;
	case IPCK_T_MODE:
		/* as JSON's perms: octal, so that before->after reads plainly */
		snprintf(buf, len, "%04o", (unsigned int)v.u & 0777);
		return buf;
	case IPCK_T_KEY:
		snprintf(buf, len, "0x%08" PRIx64, v.u);
		return buf;
	case IPCK_T_BOOL:
		return v.u ? "yes" : "no";
	default:
		snprintf(buf, len, "%" PRIu64, v.u);
		return buf;
	}
}

/* name=value for the field called name, if kind has it. */
static void
named(const char *name, const struct ipck_obj *o)
{
	const struct ipck_field *f = ipck_field_find(IPCK_FIELDS_OBJECT,
	    o->kind, name);
	char b[4 * 256 + 8];

	if (f != NULL)
		printf(" %s=%s", name, value(f, o, b, sizeof(b)));
}

/* What a created, present or removed object's line says of it. */
static void
summary(const struct ipck_obj *o)
{
	static const char *const figures[IPCK_NKINDS][2] = {
		[IPCK_SHM] = { "size", "nattch" },
		[IPCK_MSG] = { "messages", "used_bytes" },
		[IPCK_SEM] = { "nsems", NULL },
		[IPCK_PSHM] = { "size", NULL },
		[IPCK_PMSG] = { "messages", "used_bytes" },
		[IPCK_PSEM] = { "value", NULL },
	};
	size_t i;

	named("uid", o);
	named("mode", o);
	for (i = 0; i < 2; i++)
		if (figures[o->kind][i] != NULL)
			named(figures[o->kind][i], o);
}

void
ipcs_event_text(const char *stamp, const char *what, uint64_t nsino,
    const struct ipck_obj *o, const struct ipck_obj *before,
    const struct ipck_field *const *ch, size_t n)
{
	char a[4 * 256 + 8], b[4 * 256 + 8];
	size_t i;

	printf("%s %s %s ", stamp, what, ipck_kind_name(o->kind));
	if (ipck_kind_info(o->kind)->family == IPCK_POSIX)
		fputs(cli_escape(o->name, a, sizeof(a), CLI_ESC_BACKSLASH),
		    stdout);
	else
		printf("%d", o->id);
	if (nsino != 0)
		printf(" ns=%" PRIu64, nsino);
	if (ipck_kind_info(o->kind)->family == IPCK_SYSV)
		printf(" key=0x%08x", (unsigned int)o->key);
	if (before == NULL)
		summary(o);
	for (i = 0; before != NULL && i < n; i++)
		printf(" %s=%s->%s", ch[i]->name, value(ch[i], before, b,
		    sizeof(b)), value(ch[i], o, a, sizeof(a)));
	putchar('\n');
}

void
ipcs_event_json(struct cli_json *j, const char *stamp, const char *what,
    const struct cli_ns *ns, uint64_t nsino, const struct ipck_obj *o,
    const struct ipck_obj *before, const struct ipck_field *const *ch,
    size_t n)
{
	size_t i;

	json_begin(j, NULL, '{');
	json_str(j, "time", stamp);
	json_str(j, "event", what);
	if (ns != NULL)
		cli_json_ns(j, ns, 0);
	else {
		json_begin(j, "namespace", '{');
		json_uint(j, "inode", nsino);
		json_end(j, '}');
	}
	json_object(j, "object", o);
	json_end(j, '}');
	if (before != NULL) {
		/* what the changed members were, under the same names */
		json_begin(j, "before", '{');
		for (i = 0; i < n; i++)
			json_field(j, ch[i], before);
		json_end(j, '}');
	}
	json_end(j, '}');
}

void
ipcs_ns_event(struct cli_json *j, const char *stamp, const char *what,
    const struct cli_ns *ns, uint64_t nsino, const char *engine,
    const char *container)
{
	char kb[300];

	if (ns != NULL && ns->has_container) {
		engine = ns->container.engine;
		container = ns->container.id;
	} else if (ns != NULL)
		engine = NULL;
	if (j == NULL) {
		printf("%s %s namespace %" PRIu64, stamp, what, nsino);
		/* the id shortened as the tables do, in whole escapes */
		if (engine != NULL && *engine != '\0')
			printf(" engine=%s container=%s", engine,
			    cli_escape(container, kb, 13, 0));
		putchar('\n');
		return;
	}
	json_begin(j, NULL, '{');
	json_str(j, "time", stamp);
	json_str(j, "event", what);
	if (ns != NULL)
		cli_json_ns(j, ns, 0);
	else {
		json_begin(j, "namespace", '{');
		json_uint(j, "inode", nsino);
		if (engine != NULL && *engine != '\0') {
			json_begin(j, "container", '{');
			json_str(j, "engine", engine);
			json_str(j, "id", container);
			json_end(j, '}');
		}
		json_end(j, '}');
	}
	json_end(j, '}');
}
