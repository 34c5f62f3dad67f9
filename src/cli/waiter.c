/* SPDX-License-Identifier: MIT */
/*
 * A process blocked on an object (the library's struct ipck_waiter) in
 * words, for ipcstat's "waiting now" and ipccheck's findings alike.
 */
#include <stdio.h>
#include <string.h>

#include "waiter.h"

int
cli_waits_on(const struct ipck_waiter *w, const struct ipck_obj *o)
{
	if (w->kind != o->kind)
		return 0;
	return o->kind == IPCK_PMSG ? strcmp(w->name, o->name) == 0 :
	    w->id == o->id;
}

const char *
cli_wait_word(unsigned int how)
{
	return how == IPCK_WAIT_RECEIVE ? "receive" :
	    how == IPCK_WAIT_SEND ? "send" : "semop";
}

const char *
cli_wait_how(const struct ipck_waiter *w, char *buf, size_t len)
{
	size_t at;

	if (w->kind == IPCK_PMSG)
		snprintf(buf, len, "to %s (mq_time%s)", cli_wait_word(w->how),
		    w->how == IPCK_WAIT_SEND ? "dsend" : "dreceive");
	else if (w->kind == IPCK_MSG)
		snprintf(buf, len, "to %s (msg%s)", cli_wait_word(w->how),
		    w->how == IPCK_WAIT_SEND ? "snd" : "rcv");
	else if (w->nsops == 0)
		snprintf(buf, len, "in semop (which operation: not readable)");
	else {
		if (w->semop < 0)
			snprintf(buf, len, "to take %d from semaphore %u (semop)",
			    -w->semop, w->semnum);
		else
			snprintf(buf, len, "for semaphore %u to be 0 (semop)",
			    w->semnum);
		at = strlen(buf);
		if (w->nsops > 1 && at < len)
			snprintf(buf + at, len - at, ", with %u more operation%s",
			    w->nsops - 1, w->nsops == 2 ? "" : "s");
	}
	return buf;
}
