/* SPDX-License-Identifier: MIT */
/* ipcs -J: one JSON array of every object listed, or one object with -i. */
#include <inttypes.h>
#include <stdlib.h>

#include "ipcs.h"
#include "json.h"

static void
begin(const struct ipcs *q)
{
	(void)q;
	json_begin(q->json, NULL, '[');
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
	json_object(q->json, NULL, o);
	if (q->ns != NULL)
		cli_json_ns(q->json, q->ns, 0);
	json_end(q->json, '}');
}

static void
end(const struct ipcs *q)
{
	(void)q;
	json_end(q->json, ']');
}

/* A set's values as an array, or null when they may not be read. */
static int
values(const struct ipcs *q, const char *arg, const struct ipck_obj *o)
{
	struct ipck_semval *v = ipcs_sem_values(arg, o);
	uint64_t i;

	if (v == NULL) {
		json_str(q->json, "semaphores", NULL);
		return CLI_FAIL;
	}
	json_begin(q->json, "semaphores", '[');
	for (i = 0; i < o->u.sem.nsems; i++) {
		json_semval(q->json, i, &v[i]);
		json_end(q->json, '}');
	}
	json_end(q->json, ']');
	free(v);
	return CLI_OK;
}

/* The record, and a set's values. */
static int
one(const struct ipcs *q, const char *arg, const struct ipck_obj *o)
{
	int rc = CLI_OK;

	json_object(q->json, NULL, o);
	if (o->kind == IPCK_SEM)
		rc = values(q, arg, o);
	json_end(q->json, '}');
	return rc;
}

const struct layout ipcs_json = {
	begin, section, row, NULL, end, one,
};
