/* SPDX-License-Identifier: MIT */
/*
 * Who uses an object now, of either family, in one shape: a segment's
 * attachments (each a mapping) and a POSIX object's mappings and open
 * descriptors are struct ipck_user records, written as a line each or as
 * JSON by the same two functions.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "ipcstat.h"
#include "json.h"

int
ipcstat_users(const struct ipck_obj *o, struct ipck_user **u, size_t *n,
    size_t *hidden)
{
	struct ipck_attacher *a;
	size_t i;

	/* none found is a list of none, which may be NULL: only -1 fails */
	if (ipck_kind_info(o->kind)->family == IPCK_POSIX)
		return ipck_users(o, u, n, hidden);
	if (ipck_attachers(o->id, &a, n, hidden) < 0)
		return -1;
	if ((*u = calloc(*n > 0 ? *n : 1, sizeof(**u))) == NULL) {
		free(a);
		return -1;
	}
	for (i = 0; i < *n; i++)
		(*u)[i] = (struct ipck_user){ a[i].pid, IPCK_USE_MAP,
		    a[i].start, a[i].end, a[i].rdonly, -1 };
	free(a);
	return 0;
}

void
ipcstat_user_text(const struct ipck_user *u)
{
	char comm[256];
	const char *c = ipcstat_command_text(u->pid, comm, sizeof(comm));

	printf("    pid %-8d %-16s ", (int)u->pid, c != NULL ? c :
	    "(not running)");
	if (u->how == IPCK_USE_MAP)
		printf("%012" PRIx64 "-%012" PRIx64 " %s\n", u->start, u->end,
		    u->rdonly ? "read-only" : "read-write");
	else
		printf("open, fd %d\n", u->fd);
}

void
ipcstat_users_json(struct cli_json *j, const char *key,
    const struct ipck_obj *o)
{
	int posix = ipck_kind_info(o->kind)->family == IPCK_POSIX;
	struct ipck_user *u;
	size_t i, n, hidden;
	char comm[64], buf[32];

	if (ipcstat_users(o, &u, &n, &hidden) < 0) {
		json_str(j, key, NULL);
		json_str(j, "hidden_processes", NULL);
		return;
	}
	json_begin(j, key, '[');
	for (i = 0; i < n; i++) {
		json_begin(j, NULL, '{');
		json_int(j, "pid", u[i].pid);
		json_str(j, "command", ipcstat_command(u[i].pid, comm,
		    sizeof(comm)));
		/* a segment is only ever attached: its rows need no "how" */
		if (posix)
			json_str(j, "how", u[i].how == IPCK_USE_MAP ? "mapped" :
			    "open");
		if (u[i].how == IPCK_USE_MAP) {
			snprintf(buf, sizeof(buf), "0x%" PRIx64, u[i].start);
			json_str(j, "start", buf);
			snprintf(buf, sizeof(buf), "0x%" PRIx64, u[i].end);
			json_str(j, "end", buf);
			json_bool(j, "read_only", u[i].rdonly);
		} else
			json_int(j, "fd", u[i].fd);
		json_end(j, '}');
	}
	json_end(j, ']');
	json_uint(j, "hidden_processes", hidden);
	free(u);
}
