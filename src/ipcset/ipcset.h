/* SPDX-License-Identifier: MIT */
/* ipcset's parts: the job, and what it says of each object (report.c). */
#ifndef IPCSET_H
#define IPCSET_H

#include "cli.h"

/* What the command line asks for. */
struct job {
	struct ipck_change	 ch;		/* owner, group, qbytes (mode: below) */
	const char		*mode;		/* --mode as typed */
	int			 lock;		/* 1 --lock, 0 --unlock, -1 neither */
	int			 dry_run, verbose;
	struct cli_json		*json;		/* -J: out; else NULL */
	struct cli_json		 out;
	struct cli_targets	 targets;	/* the objects named */
	struct ipck_cred	 cred;		/* who may change what: -n's and a refusal's rule */
};

/* Whether ch (and lock) would leave o as it is. */
int	ipcset_unchanged(const struct ipck_obj *o, const struct ipck_change *ch,
	    int lock);
/* -v's and -n's line: what changes, from what to what. */
void	ipcset_say(const struct ipck_obj *o, const struct ipck_change *ch,
	    int lock);
/* What o has, or with ch and lock applied, what it would have, as JSON. */
void	ipcset_json_state(struct cli_json *jw, const char *key,
	    const struct ipck_obj *o, const struct ipck_change *ch, int lock);
/* Why a change was refused (why: ipck_may_change's), with the rule and the way out. */
void	ipcset_refused(const struct cli_target *t, const struct ipck_obj *o,
	    const struct ipck_change *ch, int err, int why, int lock);
/* -J's row for an object that could not be changed, or not found. */
void	ipcset_json_failed(struct cli_json *jw, const struct cli_target *t,
	    const struct ipck_obj *o, int err);

#endif /* IPCSET_H */
