/* SPDX-License-Identifier: MIT */
/* msgcat's waits and its lines about what moved or failed, shared by sending and receiving. */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "msgcat.h"

void
msgcat_said(const struct job *j, const char *how)
{
	char wb[4 * NAME_MAX + 64];

	if (j->verbose)
		cli_err("%s: %" PRIu64 " message%s, %" PRIu64 " byte%s, %s %s",
		    j->t->arg, j->moved, j->moved == 1 ? "" : "s", j->bytes,
		    j->bytes == 1 ? "" : "s", how, cli_what(&j->o, wb, sizeof(wb)));
}

int
msgcat_wait(struct job *j, struct ipck_msg *m,
    int (*op)(struct job *j, struct ipck_msg *m, unsigned int flags),
    int *why)
{
	int r, err;

	*why = 0;
	if ((r = op(j, m, IPCK_NOWAIT)) == 0 || j->nowait ||
	    (errno != ENOMSG && errno != EAGAIN))
		return r;
	/* what was taken before is out before waiting for more */
	fflush(stdout);
	for (;;) {
		if ((*why = cli_wait_begin()) != 0) {
			r = -1;
			err = EINTR;
		} else {
			r = op(j, m, 0);
			err = errno;
			*why = cli_wait_over();
		}
		cli_wait_end();
		if (r == 0 || err != EINTR || *why != 0)
			break;
	}
	errno = err;
	return r;
}

/* Some of what is queued: "(3 messages, 120 of 16384 bytes)". */
static const char *
fill(const struct job *j, char *buf, size_t len)
{
	struct ipck_obj now;

	buf[0] = '\0';
	if (j->o.kind == IPCK_MSG && ipck_stat(IPCK_MSG, j->o.id, &now) == 0)
		snprintf(buf, len, " (%" PRIu64 " messages, %" PRIu64 " of %"
		    PRIu64 " bytes)", now.u.msg.qnum, now.u.msg.cbytes,
		    now.u.msg.qbytes);
	else if (j->o.kind == IPCK_PMSG && ipck_resolve(&j->t->ref, &now) == 0 &&
	    (now.have & IPCK_HAVE_QUEUE))
		snprintf(buf, len, " (%" PRIu64 " of %" PRIu64 " messages)",
		    now.u.pmsg.curmsgs, now.u.pmsg.maxmsg);
	return buf;
}

int
msgcat_fail(struct job *j, int err, int why, const char *done)
{
	char wb[4 * NAME_MAX + 64], fb[96];
	const char *more = done != NULL ? "; " : "", *d = done != NULL ? done : "";

	fflush(stdout);
	if (why > 0) {
		if (j->verbose)
			cli_err("%s: stopped by signal %d (%s): %" PRIu64 " messages "
			    "%s", j->t->arg, why, strsignal(why), j->moved,
			    j->wr ? "sent" : "taken, every one written");
		cli_targets_free(&j->targets);
		cli_wait_die(why);
	}
	if (why == CLI_WAIT_TIMEOUT) {
		/* --quiet: no message, in time or at all, is said by the status */
		if (!j->wr && j->quiet)
			return CLI_FAIL;
		cli_err("%s: %s %s %s%s%s", j->t->arg, cli_what(&j->o, wb,
		    sizeof(wb)), j->wr ? "stayed full for" : "had no message "
		    "within", j->timeout_arg, more, d);
		return CLI_FAIL;
	}
	switch (err) {
	case ENOMSG:
		if (!j->quiet)
			cli_err("%s: %s has no message%s%s%s%s", j->t->arg,
			    cli_what(&j->o, wb, sizeof(wb)), j->type == 0 ? "" :
			    j->except ? " of a type other than " : j->type > 0 ?
			    " of type " : " of a type up to ", j->type == 0 ? "" :
			    (snprintf(fb, sizeof(fb), "%ld", j->type < 0 ?
			    -j->type : j->type), fb), more, d);
		return CLI_FAIL;
	case EAGAIN:
		cli_err("%s: %s is full%s%s%s", j->t->arg, cli_what(&j->o, wb,
		    sizeof(wb)), fill(j, fb, sizeof(fb)), more, d);
		return CLI_FAIL;
	case EIDRM:
	case EINVAL:
		cli_err("%s: %s was removed%s%s%s", j->t->arg, cli_what(&j->o, wb,
		    sizeof(wb)), j->moved > 0 || err == EIDRM ? " while msgcat "
		    "used it" : "", more, d);
		return CLI_FAIL;
	case EACCES:
		cli_denied(j->t->arg, &j->o, j->wr ? IPCK_MAY_WRITE :
		    IPCK_MAY_READ);
		return CLI_FAIL;
	default:
		cli_err("%s: %s: %s%s%s", j->t->arg, cli_what(&j->o, wb,
		    sizeof(wb)), strerror(err), more, d);
		return CLI_FAIL;
	}
}
