/* SPDX-License-Identifier: MIT */
/* ipcrestore's parts: what a run is (main.c), its checks (check.c) and the making (make.c). */
#ifndef IPCRESTORE_H
#define IPCRESTORE_H

#include "archive.h"
#include "cli.h"

struct run {
	const char		*archive;
	int			 list;		/* -n, --list: make nothing */
	int			 exact;		/* --exact-ids */
	int			 skip;		/* --skip-existing */
	int			 verbose;
	struct ar_in		 in;
	struct ar_manifest	 m;
	char			*skipped;	/* skipped[i]: object i is not made */
	int			 ids;		/* the kernel's next id can be set */
	int			*newid;		/* newid[i]: System V object i's id */
	uid_t			 euid;		/* who makes them */
	gid_t			 egid;
};

/*
 * Before anything is made (check.c): objects whose key, name or (with
 * exact ids) id is in use, said each, skipped with --skip-existing, else
 * the run stops; whether ids can be kept (exact: the error if not); and
 * whether everything fits the namespace's limits.  CLI_OK, or CLI_FAIL
 * with the lines said.
 */
int	restore_conflicts(struct run *r);
int	restore_ids(struct run *r);
int	restore_fits(struct run *r);
/* The objects made, in the archive's order; all removed again if one fails. */
int	restore_make(struct run *r);
/* "-m 5", "--posix-shmem /x": an archive's object as the tools name it (check.c). */
const char	*restore_arg(const struct ar_obj *o, int id, char *buf, size_t len);

#endif /* IPCRESTORE_H */
