/* SPDX-License-Identifier: MIT */
/*
 * ipccheck: checks over a namespace's objects, limits and settings, each
 * a small function that reports findings (checks.c, limits.c,
 * removeipc.c); main.c runs the ones asked for, report.c writes each
 * finding as text or JSON.
 */
#ifndef IPCCHECK_H
#define IPCCHECK_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "cli.h"

enum severity { SEV_INFO, SEV_WARNING, SEV_CRITICAL };

/* What the checks are given: the thresholds and the kinds asked for. */
struct opts {
	int		 want[IPCK_NKINDS];
	unsigned int	 warn, crit;	/* limits: percent */
	unsigned int	 full;		/* full-queues: percent */
	uint64_t	 min_age;	/* orphans: seconds */
	enum severity	 min_sev;
	time_t		 now;
	const char	*check;		/* the check running */
	/* who waits on what (ipck_waiters), for stuck-locks and waits */
	const struct ipck_waiter *waiters;
	size_t		 nwaiters, hidden;
	int		 waiters_err;	/* why they are not known; 0 */
};

/*
 * A finding: the check, its object (kind >= 0; else about the namespace,
 * with topic saying what, "sem"), what is wrong, why it matters, what to
 * run or set.
 */
struct finding {
	enum severity		 sev;
	const char		*check;
	int			 kind;		/* enum ipck_kind, or -1 */
	const struct ipck_obj	*obj;
	const char		*topic;
	char			 what[1536];
	char			 why[256];
	char			 fix[2560];
};

/*
 * One check: its name, a line of what it looks for, and its parts, any of
 * them NULL: begin (its state, into *ctx), object (each object of each
 * kind asked for: the kinds are walked once for every check), end (what
 * is not about one object, and its state freed).
 */
struct check {
	const char	*name;
	const char	*doc;
	void		(*begin)(const struct opts *o, void **ctx);
	void		(*object)(const struct opts *o, const struct ipck_obj *obj,
			    void *ctx);
	void		(*end)(const struct opts *o, void *ctx);
};
extern const struct check ipccheck_checks[];
extern const size_t ipccheck_nchecks;

void	limits_end(const struct opts *o, void *ctx);		/* limits.c */
void	orphans_begin(const struct opts *o, void **ctx);	/* checks.c */
void	orphans_object(const struct opts *o, const struct ipck_obj *obj,
	    void *ctx);
void	orphans_end(const struct opts *o, void *ctx);
void	stuck_object(const struct opts *o, const struct ipck_obj *obj,
	    void *ctx);
void	full_object(const struct opts *o, const struct ipck_obj *obj,
	    void *ctx);
void	removeipc_begin(const struct opts *o, void **ctx);	/* removeipc.c */
void	removeipc_object(const struct opts *o, const struct ipck_obj *obj,
	    void *ctx);
void	removeipc_end(const struct opts *o, void *ctx);
void	exposure_object(const struct opts *o, const struct ipck_obj *obj,
	    void *ctx);						/* exposure.c */
void	exposure_end(const struct opts *o, void *ctx);
void	waits_object(const struct opts *o, const struct ipck_obj *obj,
	    void *ctx);						/* waits.c */
void	waits_end(const struct opts *o, void *ctx);
/*
 * The processes that wait on obj, as "PID (COMMAND) to receive, ...", into
 * buf; how many, and in *senders how many of them send.
 */
size_t	waiting_on(const struct opts *o, const struct ipck_obj *obj, char *buf,
	    size_t len, size_t *senders);

/*
 * What a check could not see, as an info finding of its own (topic: the
 * kind's name or what it is about): never a silent all clear.
 */
void	cannot_see(const struct opts *o, const char *topic,
	    const struct ipck_obj *obj, const char *what, const char *why);

/* A finding out (report.c), if at or above the severity asked for. */
void	report(const struct opts *o, struct finding *f);
/*
 * The output's start (json: NULL for text), the namespace the findings
 * that follow are of (--all-namespaces; NULL: this one), and the end:
 * the highest severity reported, or -1.  ns_opt is " --ns PID" for the
 * commands a finding gives in another namespace, else "".
 */
void	report_start(struct cli_json *json);
void	report_ns(const struct cli_ns *ns);
const char	*ns_opt(void);
int	report_end(void);

#endif /* IPCCHECK_H */
