/* SPDX-License-Identifier: MIT */
/*
 * ipcs's layouts behind one small interface: main.c reads the command
 * line into a struct ipcs, chooses a layout, and walks each kind through
 * it.  A layout prints; what it prints is decided by what it is given.
 */
#ifndef IPCS_H
#define IPCS_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "cli.h"

enum format { F_DEFAULT, F_LIMITS, F_STATUS, F_CREATOR, F_TIME, F_PID };
enum unit { U_DEFAULT, U_BYTES, U_KB, U_HUMAN };

/* The standard's print options, which add columns (-a is all of them). */
#define X_B	0x01
#define X_C	0x02
#define X_O	0x04
#define X_P	0x08
#define X_T	0x10

/* What the command line asked for: every layout reads it, none changes it. */
struct ipcs {
	enum format		 fmt;
	enum unit		 unit;
	unsigned int		 columns;	/* X_*: the POSIX layout's */
	struct cli_json		*json;		/* -J: the writer; else NULL */
	const struct cli_ns	*ns;		/* --all-namespaces: this one */
};

/* What a section says of its kind. */
enum section { ROWS, NO_ROWS, FAILED };

/*
 * A layout: how a listing begins and ends, and each kind's section; then,
 * if the section has rows, each object the filters select.  listable: the
 * kind's objects can be walked.  one() is -i's: everything of one object.
 */
struct layout {
	void		(*begin)(const struct ipcs *q);
	enum section	(*section)(const struct ipcs *q, enum ipck_kind kind,
			    int listable);
	void		(*row)(const struct ipcs *q, const struct ipck_obj *o);
	void		(*end_section)(const struct ipcs *q);
	void		(*end)(const struct ipcs *q);
	int		(*one)(const struct ipcs *q, const char *arg,
			    const struct ipck_obj *o);
};

extern const struct layout ipcs_ul;		/* util-linux's tables (ul.c) */
extern const struct layout ipcs_xsi;		/* the standard's (xsi.c) */
extern const struct layout ipcs_json;		/* JSON rows (json.c) */
extern const struct layout ipcs_info;		/* -l and -u (info.c) */
extern const struct layout ipcs_info_json;	/* -l and -u as JSON (info.c) */

/* The POSIX kinds' tables, for the util-linux layout (ptab.c). */
enum section	ipcs_ptab_section(const struct ipcs *q, enum ipck_kind kind);
void	ipcs_ptab_row(const struct ipcs *q, const struct ipck_obj *o);

/* What the command line gives, besides the query itself. */
struct args {
	int			 want[IPCK_NKINDS];
	int			 nwant;
	int			 json;
	int			 xsi;		/* the POSIX layout */
	const char		*idarg;		/* -i */
	int			 allns;		/* --all-namespaces */
	int			 fields;	/* --json-fields */
	int			 metrics;	/* --metrics */
	const char		*output;	/* --output */
	size_t			 top;		/* --top */
	int			 toparg;	/* --top given */
	int			 orphans;	/* --orphans */
	int			 events;	/* --events */
	int			 watch;		/* --watch */
	uint64_t		 interval;	/* --events=INTERVAL, ns */
	int			 initial;	/* --initial */
	uint64_t		 count;		/* --count: walks; 0: until stopped */
	struct cli_filter	 filt;
};

/* Every option and operand into q and a (options.c); a bad one exits 2. */
void	ipcs_parse(int argc, char *argv[], struct ipcs *q, struct args *a);
/* --help's text. */
void	ipcs_usage(void);

/* --json-fields: the reference of the JSON members (fields.c). */
int	ipcs_json_fields(struct cli_json *json);

/* -l and -u of the POSIX kinds (pinfo.c): CLI_OK, or CLI_FAIL after a line. */
int	ipcs_pinfo_text(const struct ipcs *q, enum ipck_kind kind);
int	ipcs_pinfo_json(const struct ipcs *q, enum ipck_kind kind);

/*
 * --all-namespaces (allns.c): each namespace entered in turn and listed by
 * list(q, l) (q->ns says which), or with -u summed up.
 */
int	ipcs_all_namespaces(struct ipcs *q, const struct layout *l,
	    int (*list)(const struct ipcs *q, const struct layout *l,
	    const void *arg), const void *arg);

/*
 * --events' and --watch's clock (watch.c): *next moved on by step ns, or
 * to now when a walk took longer than the interval (none is owed).
 */
struct timespec;
void	ipcs_tick(struct timespec *next, uint64_t step);

/* Sizes and times as util-linux prints them (units.c). */
const char	*ipcs_human(uint64_t bytes, char *buf, size_t len);
void	ipcs_size(enum unit unit, const char *label, uint64_t size,
	    const char *end, int width);
const char	*ipcs_ctime(time_t t, char *buf);

/*
 * A set's values for -i, or NULL after the line that says why not (the
 * caller may see the set but not read it); free them (main.c).
 */
struct ipck_semval	*ipcs_sem_values(const char *arg,
	    const struct ipck_obj *o);

#endif /* IPCS_H */
