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

void
ipcstat_json(struct cli_json *j, const struct ipck_obj *o)
{
	struct ipck_attacher *a;
	struct ipck_semval *v;
	const struct ipck_field *f;
	struct ipck_obj pages;
	size_t i, n, nf, hidden;
	char comm[64], buf[32];

	json_object(j, NULL, o);
	switch (o->kind) {
	case IPCK_PSHM:
	case IPCK_PMSG:
	case IPCK_PSEM:
		ipcstat_posix_json(j, o);
		break;
	case IPCK_SHM:
		json_pid(j, "cpid", o->u.shm.cpid);
		json_pid(j, "lpid", o->u.shm.lpid);
		/* the fields a listing leaves out, from /proc/sysvipc */
		if (ipcstat_pages(o->id, &pages) < 0)
			memset(&pages, 0, sizeof(pages));
		pages.kind = o->kind;
		f = ipck_fields(IPCK_FIELDS_OBJECT, o->kind, &nf);
		for (i = 0; i < nf; i++)
			if (f[i].flags & IPCK_FIELD_DETAIL)
				json_field(j, &f[i], &pages);
		if (ipck_attachers(o->id, &a, &n, &hidden) < 0) {
			json_str(j, "attached", NULL);
			json_str(j, "hidden_processes", NULL);
			break;
		}
		json_begin(j, "attached", '[');
		for (i = 0; i < n; i++) {
			json_begin(j, NULL, '{');
			json_int(j, "pid", a[i].pid);
			json_str(j, "command", ipcstat_command(a[i].pid, comm,
			    sizeof(comm)));
			snprintf(buf, sizeof(buf), "0x%" PRIx64, a[i].start);
			json_str(j, "start", buf);
			snprintf(buf, sizeof(buf), "0x%" PRIx64, a[i].end);
			json_str(j, "end", buf);
			json_bool(j, "read_only", a[i].rdonly);
			json_end(j, '}');
		}
		json_end(j, ']');
		json_uint(j, "hidden_processes", hidden);
		free(a);
		break;
	case IPCK_MSG:
		json_pid(j, "lspid", o->u.msg.lspid);
		json_pid(j, "lrpid", o->u.msg.lrpid);
		break;
	case IPCK_SEM:
		v = calloc(o->u.sem.nsems ? o->u.sem.nsems : 1, sizeof(*v));
		if (v == NULL || ipck_sem_values(o->id, o->u.sem.nsems, v) < 0) {
			json_str(j, "semaphores", NULL);
			free(v);
			break;
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
		break;
	default:
		break;
	}
	json_end(j, '}');
}

