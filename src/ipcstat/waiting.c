/* SPDX-License-Identifier: MIT */
/*
 * Who waits on a queue or a set now: the processes blocked in msgrcv,
 * msgsnd, semop, mq_timedreceive or mq_timedsend on it (the library's
 * ipck_waiters, one walk of /proc however many objects are shown), as
 * lines or as JSON.  What a caller may not look into is counted, so an
 * empty list is never taken for a complete one.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ipcstat.h"
#include "json.h"
#include "waiter.h"

/* The namespace's waiters, walked once: 0, or -1 and errno. */
static int
all(const struct ipck_waiter **w, size_t *n, size_t *hidden)
{
	static struct ipck_waiter *list;
	static size_t count, nhidden;
	static int done, err;

	if (!done) {
		done = 1;
		if (ipck_waiters(&list, &count, &nhidden) < 0)
			err = errno;
	}
	*w = list;
	*n = count;
	*hidden = nhidden;
	errno = err;
	return err ? -1 : 0;
}

void
ipcstat_waiting_text(const struct ipck_obj *o)
{
	const struct ipck_waiter *w;
	size_t i, n, hidden, shown = 0;
	char comm[256], b[128];
	const char *c;

	if (all(&w, &n, &hidden) < 0) {
		printf("  waiting now: cannot tell (%s)\n", strerror(errno));
		return;
	}
	for (i = 0; i < n; i++) {
		if (!cli_waits_on(&w[i], o))
			continue;
		if (shown++ == 0)
			printf("  waiting now:\n");
		c = ipcstat_command_text(w[i].pid, comm, sizeof(comm));
		printf("    pid %-8d %-16s %s\n", (int)w[i].pid,
		    c != NULL ? c : "(not running)", cli_wait_how(&w[i], b, sizeof(b)));
	}
	if (shown == 0)
		printf("  waiting now: %s\n", hidden > 0 ? "none seen" : "none");
	if (hidden > 0)
		printf("    and maybe more: %zu process%s could not be "
		    "inspected\n", hidden, hidden == 1 ? "" : "es");
}

void
ipcstat_waiting_json(struct cli_json *j, const struct ipck_obj *o)
{
	const struct ipck_waiter *w;
	size_t i, n, hidden;
	char comm[64];

	if (all(&w, &n, &hidden) < 0) {
		json_str(j, "waiting", NULL);
		json_str(j, "waiting_hidden_processes", NULL);
		return;
	}
	json_begin(j, "waiting", '[');
	for (i = 0; i < n; i++) {
		if (!cli_waits_on(&w[i], o))
			continue;
		json_begin(j, NULL, '{');
		json_int(j, "pid", w[i].pid);
		json_str(j, "command", ipcstat_command(w[i].pid, comm,
		    sizeof(comm)));
		json_str(j, "how", cli_wait_word(w[i].how));
		if (o->kind == IPCK_SEM) {
			if (w[i].nsops > 0) {
				json_uint(j, "semnum", w[i].semnum);
				json_int(j, "sem_op", w[i].semop);
				json_uint(j, "nsops", w[i].nsops);
			} else {
				json_str(j, "semnum", NULL);
				json_str(j, "sem_op", NULL);
				json_str(j, "nsops", NULL);
			}
		}
		json_end(j, '}');
	}
	json_end(j, ']');
	json_uint(j, "waiting_hidden_processes", hidden);
}
