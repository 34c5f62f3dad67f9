/* SPDX-License-Identifier: MIT */
/* ipcstat's JSON: the members of ipcs -J, and the commands, pages, attachments and values. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ipcstat.h"
#include "json.h"

static void
json_pid(struct cli_json *j, const char *key, pid_t pid)
{
	char comm[64], k[32];

	snprintf(k, sizeof(k), "%s_command", key);
	json_str(j, k, ipcstat_command(pid, comm, sizeof(comm)));
}

/* The command of each process a field of o names: cpid_command, ... */
static void
commands(struct cli_json *j, const struct ipck_obj *o)
{
	const struct ipck_field *f;
	struct ipck_value v;
	size_t i, n;

	f = ipck_fields(IPCK_FIELDS_OBJECT, o->kind, &n);
	for (i = 0; f != NULL && i < n; i++)
		if (f[i].type == IPCK_T_PID && ipck_field_get(&f[i], o, &v) == 1)
			json_pid(j, f[i].name, (pid_t)v.i);
}

/* The fields a listing leaves out, read from /proc/sysvipc: rss, swap. */
static void
details(struct cli_json *j, const struct ipck_obj *o)
{
	const struct ipck_field *f;
	struct ipck_obj pages;
	size_t i, n;

	if (ipcstat_pages(o->id, &pages) < 0)
		memset(&pages, 0, sizeof(pages));
	pages.kind = o->kind;
	f = ipck_fields(IPCK_FIELDS_OBJECT, o->kind, &n);
	for (i = 0; f != NULL && i < n; i++)
		if (f[i].flags & IPCK_FIELD_DETAIL)
			json_field(j, &f[i], &pages);
}

/* A set's semaphores, each with its last operator's command. */
static void
semaphores(struct cli_json *j, const struct ipck_obj *o)
{
	struct ipck_semval *v;
	char comm[64];
	uint64_t i;

	v = calloc(o->u.sem.nsems ? o->u.sem.nsems : 1, sizeof(*v));
	if (v == NULL || ipck_sem_values(o->id, o->u.sem.nsems, v) < 0) {
		json_str(j, "semaphores", NULL);
		free(v);
		return;
	}
	json_begin(j, "semaphores", '[');
	for (i = 0; i < o->u.sem.nsems; i++) {
		json_semval(j, i, &v[i]);
		json_str(j, "command", ipcstat_command(v[i].pid, comm,
		    sizeof(comm)));
		json_end(j, '}');
	}
	json_end(j, ']');
	free(v);
}

void
ipcstat_json(struct cli_json *j, const struct ipck_obj *o)
{
	json_object(j, NULL, o);
	if (ipck_kind_info(o->kind)->family == IPCK_POSIX)
		ipcstat_posix_json(j, o);
	else
		commands(j, o);
	if (o->kind == IPCK_SHM) {
		details(j, o);
		ipcstat_users_json(j, "attached", o);
	}
	if (o->kind == IPCK_SEM)
		semaphores(j, o);
	if (o->kind == IPCK_MSG || o->kind == IPCK_SEM)
		ipcstat_waiting_json(j, o);
	json_end(j, '}');
}
