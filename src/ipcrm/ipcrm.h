/* SPDX-License-Identifier: MIT */
/* ipcrm's parts: what a run is, its removals (remove.c) and its report (report.c). */
#ifndef IPCRM_H
#define IPCRM_H

#include "cli.h"

/* What the command line asks for, besides how to report it. */
struct plan {
	int			all[IPCK_NKINDS];	/* --all of these kinds */
	int			any_all;
	int			one_all;	/* --all=TYPE, some TYPE */
	int			legacy;		/* TYPE ID...: util-linux's last line */
	int			allns;		/* --all-namespaces */
	const char		*save;		/* --save ARCHIVE */
	struct cli_filter	filt;
	struct cli_targets	targets;	/* the objects named */
};

enum outcome { REMOVED, SELECTED, GONE, FAILED };

/* --save: an object selected, to be saved and then removed. */
struct pending {
	const struct cli_target	*t;		/* its operand; NULL: --all's */
	struct ipck_obj		 o;
	int			 named;		/* operand index + 1, by name */
};

/* How the run reports, and what it knows as it goes. */
struct run {
	int			 verbose;
	int			 dry_run;
	struct cli_json		*json;		/* -J: out; else NULL */
	struct cli_json		 out;
	int			 keyed[IPCK_NKINDS];	/* kinds named by key */
	struct ipck_cred	 cred;		/* -n: who may remove what */
	struct cli_seen		 done;		/* operands removed, by id and key */
	const struct cli_target	*named;		/* the operands, for names removed */
	size_t			 nnamed;
	ipck_inuse		*inuse;		/* -v, -n, -J: who uses POSIX objects */
	int			 inuse_tried;
	const struct cli_ns	*ns;		/* --all-namespaces: this one */
	int			 ns_said;	/* its line is out */
	char			*removed;	/* removed[i]: operand i's name went */
	const struct plan	*plan;		/* what each namespace is asked */
	int			 collect;	/* --save: select into pend, remove nothing */
	struct pending		*pend;
	size_t			 npend;
};

/* Say what became of one object (t the operand, or NULL for --all's): the exit status. */
int	ipcrm_report(struct run *run, const struct cli_target *t,
	    enum ipck_kind kind, int id, const struct ipck_obj *o,
	    enum outcome out, int err);
/* The operand t (by id or key), and operand i by name. */
int	ipcrm_remove_target(struct run *run, const struct cli_target *t);
int	ipcrm_remove_named(struct run *run, size_t i);
/* --all's kinds, each walked, what the filters select removed. */
int	ipcrm_remove_kinds(struct run *run, const struct plan *p);
/* --save ARCHIVE: what the run selected saved, then removed (save.c). */
int	ipcrm_save_remove(struct run *run, const char *archive);
/* One namespace of --all-namespaces (cli_each_ns's fn, arg the run). */
int	ipcrm_in_ns(const struct cli_ns *ns, int err, void *arg);

#endif /* IPCRM_H */
