/* SPDX-License-Identifier: MIT */
/* ipcs -J: one JSON array of every object listed, or one object with -i. */
#include <inttypes.h>
#include <stdlib.h>

#include "ipcs.h"

static void
begin(const struct ipcs *q)
{
	(void)q;
	json_begin(NULL, '[');
}

static enum section
section(const struct ipcs *q, enum ipck_kind kind, int listable)
{
	(void)q;
	(void)kind;
	(void)listable;
	return ROWS;
}

static void
row(const struct ipcs *q, const struct ipck_obj *o)
{
	json_object(NULL, o);
	if (q->ns != NULL)
		cli_json_ns(q->ns, 0);
	json_end('}');
}

static void
end(const struct ipcs *q)
{
	(void)q;
	json_end(']');
}

/* A set's values as an array, or null when they may not be read. */
static int
values(const char *arg, const struct ipck_obj *o)
{
	struct ipck_semval *v = ipcs_sem_values(arg, o);
	uint64_t i;

	if (v == NULL) {
		json_str("semaphores", NULL);
		return CLI_FAIL;
	}
	json_begin("semaphores", '[');
	for (i = 0; i < o->u.sem.nsems; i++) {
		json_semval(i, &v[i]);
		json_end('}');
	}
	json_end(']');
	free(v);
	return CLI_OK;
}

/* The record, and a set's values. */
static int
one(const struct ipcs *q, const char *arg, const struct ipck_obj *o)
{
	int rc = CLI_OK;

	(void)q;
	json_object(NULL, o);
	if (o->kind == IPCK_SEM)
		rc = values(arg, o);
	json_end('}');
	return rc;
}

const struct layout ipcs_json = {
	begin, section, row, NULL, end, one,
};
