/* SPDX-License-Identifier: MIT */
/*
 * ipcrm --save: the objects the run selected are saved into the archive
 * first, and removed only once it is whole on disk (written, fsync'd,
 * renamed into place).  An object that cannot be saved, or an archive
 * that cannot be written (no space, no permission), removes nothing.  An
 * object gone meanwhile is neither saved nor removed: already removed.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "archive.h"
#include "ipcrm.h"

/* Remove one saved object, and say so as ipcrm does. */
static int
remove_saved(struct run *run, const struct pending *p)
{
	const struct ipck_obj *o = &p->o;
	int posix = ipck_kind_info(o->kind)->family == IPCK_POSIX;

	if (ipck_remove_obj(o) < 0)
		return ipcrm_report(run, p->t, o->kind, posix ? -1 : o->id, o,
		    (posix ? errno == ENOENT : errno == EIDRM || errno == EINVAL) ?
		    GONE : FAILED, errno);
	return ipcrm_report(run, p->t, o->kind, posix ? -1 : o->id, o,
	    REMOVED, 0);
}

int
ipcrm_save_remove(struct run *run, const char *archive)
{
	struct ar_save s;
	struct ar_file f;
	char arg[1100], err[512];
	size_t i;
	uint64_t unsaved = 0;
	int r, rc = CLI_OK, failed = 0;
	char *saved;

	if ((saved = calloc(run->npend + 1, 1)) == NULL)
		cli_die(CLI_FAIL, "out of memory");
	if (ar_file_create(&f, archive) < 0 ||
	    ar_save_begin(&s, f.fd, 1) < 0) {
		cli_err("%s: %s; nothing removed", archive, strerror(errno));
		ar_file_abort(&f);
		free(saved);
		return CLI_FAIL;
	}
	for (i = 0; i < run->npend && !failed; i++) {
		const struct pending *p = &run->pend[i];

		r = ar_save_obj(&s, &p->o, &unsaved, err, sizeof(err));
		if (r < 0 && strncmp(err, "the archive", 11) == 0) {
			cli_err("%s: %s; nothing removed", archive, strerror(errno));
			failed = 2;
		} else if (r < 0) {
			cli_err("%s: cannot be saved: %s", cli_object_arg(&p->o,
			    arg, sizeof(arg)), err);
			failed = 1;
		} else if (r > 0)
			(void)ipcrm_report(run, p->t, p->o.kind, ipck_kind_info(
			    p->o.kind)->family == IPCK_POSIX ? -1 : p->o.id,
			    &p->o, GONE, 0);
		else
			saved[i] = 1;
	}
	if (failed || ar_save_end(&s) < 0 || ar_file_commit(&f) < 0) {
		if (!failed)
			cli_err("%s: %s; nothing removed", archive, strerror(errno));
		else if (failed == 1)
			cli_err("%s: not written; nothing removed", archive);
		ar_file_abort(&f);
		ar_save_free(&s);
		free(saved);
		return CLI_FAIL;
	}
	ar_save_free(&s);
	for (i = 0; i < run->npend; i++)
		if (saved[i] && remove_saved(run, &run->pend[i]) != CLI_OK)
			rc = CLI_FAIL;
	free(saved);
	return rc;
}
