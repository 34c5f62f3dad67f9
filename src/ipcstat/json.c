/* SPDX-License-Identifier: MIT */
/* ipcstat's JSON: the members of ipcs -J, and the commands, pages, attachments and values. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "ipcstat.h"

static void
json_pid(const char *key, pid_t pid)
{
	char comm[64], k[32];

	snprintf(k, sizeof(k), "%s_command", key);
	json_str(k, ipcstat_command(pid, comm, sizeof(comm)));
}

void
ipcstat_json(const struct ipck_obj *o)
{
	struct ipck_attacher *a;
	struct ipck_semval *v;
	struct ipck_obj pages;
	size_t i, n, hidden;
	char comm[64], buf[32];

	json_object(NULL, o);
	switch (o->kind) {
	case IPCK_PSHM:
	case IPCK_PMSG:
	case IPCK_PSEM:
		ipcstat_posix_json(o);
		break;
	case IPCK_SHM:
		json_pid("cpid", o->u.shm.cpid);
		json_pid("lpid", o->u.shm.lpid);
		if (ipcstat_pages(o->id, &pages) == 0) {
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
			json_str("command", ipcstat_command(a[i].pid, comm,
			    sizeof(comm)));
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
	case IPCK_SEM:
		v = calloc(o->u.sem.nsems ? o->u.sem.nsems : 1, sizeof(*v));
		if (v == NULL || ipck_sem_values(o->id, o->u.sem.nsems, v) < 0) {
			json_str("semaphores", NULL);
			free(v);
			break;
		}
		json_begin("semaphores", '[');
		for (i = 0; i < o->u.sem.nsems; i++) {
			json_semval(i, &v[i]);
			json_str("command", ipcstat_command(v[i].pid, comm,
			    sizeof(comm)));
			json_end('}');
		}
		json_end(']');
		free(v);
		break;
	default:
		break;
	}
	json_end('}');
}

