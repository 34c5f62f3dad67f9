/* SPDX-License-Identifier: MIT */
/*
 * msgcat's parts: the command line (main.c), sending (send.c), receiving
 * and peeking (recv.c), and what both share (tell.c): the waits, and the
 * lines about what moved or failed.
 */
#ifndef MSGCAT_H
#define MSGCAT_H

#include <stdint.h>

#include "cli.h"
#include "json.h"

/* What the command line asks for, and the queue it names. */
struct job {
	struct cli_targets	 targets;	/* what parse() made: freed before a signal ends us */
	const struct cli_target	*t;
	struct ipck_obj		 o;
	struct ipck_queue	 q;
	int			 wr;		/* -w */
	int			 peek;		/* --peek */
	int			 all;		/* -a */
	int			 except;	/* --except */
	int			 nowait;	/* --nowait, or --timeout 0 */
	int			 hex;		/* -x */
	int			 verbose;	/* -v */
	int			 quiet;		/* --quiet */
	struct cli_json		*json;		/* -J: out; else NULL */
	struct cli_json		 out;
	int			 framed;	/* -L or -0 */
	char			 sep;		/* '\n' for -L, '\0' for -0 */
	long			 type;		/* -t; --priority */
	uint64_t		 count;		/* -n; 0: none given */
	uint64_t		 timeout;	/* --timeout, ns; 0: none */
	const char		*timeout_arg;
	uint64_t		 moved;		/* messages sent or received */
	uint64_t		 bytes;
	int			 lost;		/* stdout failed, and it was said */
};

int	msgcat_send(struct job *j);
int	msgcat_recv(struct job *j);

/* With -v: "-q 5: 3 messages, 12 bytes, from queue 5" (how: "from", "to"). */
void	msgcat_said(const struct job *j, const char *how);
/*
 * A wait for op(j, m) (a send or a receive), tried without waiting first:
 * 0 done; else -1 with errno (EINTR: why, from cli_wait_over, in *why).
 */
int	msgcat_wait(struct job *j, struct ipck_msg *m,
	    int (*op)(struct job *j, struct ipck_msg *m, unsigned int flags),
	    int *why);
/* The line for a failed send or receive, after which it exits 1 or 2: the status. */
int	msgcat_fail(struct job *j, int err, int why, const char *done);

#endif /* MSGCAT_H */
