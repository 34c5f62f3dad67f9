/* SPDX-License-Identifier: MIT */
/* ipcs --metrics: a namespace measured (metrics.c), written as Prometheus text (prom.c). */
#ifndef IPCS_METRICS_H
#define IPCS_METRICS_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

#include "cli.h"

/* A queue of either kind, for the per-queue families. */
struct ipcs_queue {
	enum ipck_kind	 kind;
	int		 id;
	key_t		 key;
	char		 name[257];
	uint64_t	 messages, bytes;
	uint64_t	 limit;		/* System V: bytes; POSIX: messages */
	int		 limit_known;
	double		 fill;		/* of the limit, 0 .. 1 */
};

/* A semaphore set that processes wait on. */
struct ipcs_waited {
	int		 id;
	key_t		 key;
	uint64_t	 waiters;
};

/* What one kind holds in one namespace. */
struct ipcs_kindm {
	uint64_t	 objects, bytes, messages, semaphores, waiters;
	uint64_t	 allocated;		/* pshm: bytes the pages take */
	uint64_t	 resident, swapped;	/* shm: pages */
	uint64_t	 orphans, orphan_bytes;	/* shm; pshm with --orphans */
	int		 orphans_known;
	uint64_t	 unreadable;		/* sets or queues not readable */
	time_t		 oldest;		/* the earliest ctime; 0: none */
	int		 err;			/* not listed: why */
	const char	*reason;
};

/* One namespace measured. */
struct ipcs_nsm {
	const struct cli_ns	*ns;		/* --all-namespaces: which; else NULL */
	struct ipcs_kindm	 k[IPCK_NKINDS];
	struct ipck_limits	 lim;
	struct ipck_posix_limits plim;
	int			 have_lim, have_qmax, have_tmpfs, have_pages;
	int			 shm_known;	/* its /dev/shm, as dev and inode */
	dev_t			 shm_dev;
	ino_t			 shm_ino;
	int			 shm_first;	/* the first of those that share it */
	struct ipcs_queue	*queues;	/* the fullest, at most top */
	size_t			 nqueues;
	struct ipcs_waited	*waited;	/* the most waited on, at most top */
	size_t			 nwaited;
	time_t			 now;
	int			 entered_err;	/* --all-namespaces: not entered */
	char			 nslabel[32];	/* "ipc:[4026531839]" */
	char			 engine[16];
	char			 container[128];
};

void	ipcs_metrics_measure(struct ipcs_nsm *m, const struct cli_ns *ns,
	    size_t top, int orphans);
/*
 * --metrics: this namespace, or with allns every one, measured and written
 * to stdout, or whole to path (a file renamed over it); with orphans, POSIX
 * shared memory no process uses too (a walk of /proc).  The exit status.
 */
int	ipcs_metrics(int allns, size_t top, int orphans, const char *path);
/* Every family, each whole, of the n namespaces measured. */
void	ipcs_metrics_write(FILE *f, const struct ipcs_nsm *m, size_t n,
	    int allns);

#endif /* IPCS_METRICS_H */
