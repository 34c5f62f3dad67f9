/* SPDX-License-Identifier: MIT */
/* semop's parts: the job, its report (report.c), values (values.c) and operations (run.c). */
#ifndef SEMOP_H
#define SEMOP_H

#include <stddef.h>
#include <stdint.h>

#include "cli.h"

/* What the command line asks for. */
struct job {
	const struct cli_target	*t;
	struct ipck_obj		 o;
	struct ipck_semset	 s;
	int			 get;
	int			 verbose;
	struct cli_json		*json;		/* -J: out; else NULL */
	struct cli_json		 out;
	unsigned int		 flags;		/* IPCK_UNDO, IPCK_NOWAIT */
	const char		*timeout_arg;
	uint64_t		 timeout;	/* ns; 0: none */
	struct ipck_semop	*ops;
	char			**opargs;	/* each operation as typed */
	size_t			 nops;
	char			**sets;		/* each --set as typed */
	size_t			 nsets;
	char			**cmd;		/* after --, or NULL */
	int			*vals;		/* --set's values, -1 for none */
	struct cli_targets	 targets;	/* the one set named */
};

/* Everything parse() allocated, before an exit. */
void	semop_done(struct job *j);
/* The highest value a semaphore of this kind may have. */
uint64_t	semop_value_max(struct job *j);
/* The values now, "0 1 2", in buf; "" when they cannot be read. */
const char	*semop_values(struct job *j, char *buf, size_t len);
/* The operations as typed, "0:-1 1:+1", in buf. */
const char	*semop_typed(struct job *j, char *buf, size_t len);
/* The line for a failure (err, why as ipck_may_change says, want IPCK_MAY_*): the status. */
int	semop_failed(struct job *j, int err, int why, unsigned int want);
/* --set's values checked against what a semaphore may hold, before anything. */
void	semop_check(struct job *j, int *vals);
/* -g, --set, and the operations (with CMD after them). */
int	semop_get(struct job *j);
int	semop_set(struct job *j);
int	semop_operations(struct job *j);

#endif /* SEMOP_H */
