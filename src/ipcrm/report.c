/* SPDX-License-Identifier: MIT */
/* ipcrm's report of each object: nothing, -v's and -n's line, or -J's row. */
#include <stdio.h>
#include <string.h>

#include "ipcrm.h"

static const char *
user_or_uid(uid_t uid, char *buf, size_t len)
{
	const char *name = cli_user(uid);

	if (name != NULL)
		return name;
	snprintf(buf, len, "%u", (unsigned int)uid);
	return buf;
}

/* Field name of the record r, or null when it is not known. */
static void
field(struct cli_json *j, const char *name, const struct ipck_obj *r,
    int known)
{
	const struct ipck_field *f = ipck_field_find(IPCK_FIELDS_OBJECT,
	    r->kind, name);

	if (known)
		json_field(j, f, r);
	else
		json_field_null(j, f);
}

static void
report_json(struct cli_json *j, const struct cli_target *t, enum ipck_kind kind, int id,
    const struct ipck_obj *o, enum outcome out, int err, int users,
    const struct cli_ns *ns)
{
	static const char *const status[] = {
		[REMOVED] = "removed", [SELECTED] = "selected",
		[GONE] = "already_removed", [FAILED] = "failed",
	};
	struct ipck_obj r;

	/* what is known of it: the object, or the operand */
	if (o != NULL)
		r = *o;
	else {
		memset(&r, 0, sizeof(r));
		r.kind = kind;
		if (t != NULL && t->ref.by == IPCK_BY_KEY)
			r.key = t->ref.key;
		if (t != NULL && t->ref.by == IPCK_BY_NAME)
			snprintf(r.name, sizeof(r.name), "%s", t->ref.name);
	}
	r.id = id;
	json_begin(j, NULL, '{');
	json_str(j, "status", status[out]);
	json_str(j, "operand", t != NULL ? t->arg : NULL);
	field(j, "kind", &r, 1);
	if (ipck_kind_info(kind)->family == IPCK_POSIX) {
		field(j, "name", &r, 1);
		field(j, "uid", &r, o != NULL);
		if (users >= 0)
			json_int(j, "users", users);
		else
			json_str(j, "users", NULL);
	} else {
		field(j, "id", &r, id >= 0);
		field(j, "key", &r, o != NULL || (t != NULL &&
		    t->ref.by == IPCK_BY_KEY));
		field(j, "uid", &r, o != NULL);
		if (kind == IPCK_SHM && o != NULL)
			field(j, "nattch", &r, 1);
	}
	json_str(j, "reason", out == FAILED ? ipck_strerror(err, t != NULL ?
	    t->ref.by : IPCK_BY_ID) : NULL);
	if (ns != NULL)
		cli_json_ns(j, ns, 0);
	json_end(j, '}');
}

/* The -v and -n line for an object removed, selected or already gone. */
static void
report_text(const struct cli_target *t, enum ipck_kind kind, int id,
    const struct ipck_obj *o, enum outcome out, int users)
{
	const char *word = ipck_kind_info(kind)->ul_word;
	char ub[16], nb[4 * sizeof(o->name)];

	if (ipck_kind_info(kind)->family == IPCK_POSIX) {
		/* anyone may name a file of /dev/shm "\x1b[2J" */
		cli_escape(o != NULL ? o->name : t->ref.name, nb, sizeof(nb),
		    CLI_ESC_BACKSLASH);
		if (out == GONE) {
			printf("%s `%s' is already removed\n", word, nb);
			return;
		}
		printf("removing %s `%s'", word, nb);
		if (o != NULL)
			printf(" (owner %s", user_or_uid(o->uid, ub, sizeof(ub)));
		if (o != NULL && users > 0)
			printf(", used by %d process%s: freed when %s let%s go",
			    users, users == 1 ? "" : "es", users == 1 ? "it" :
			    "they", users == 1 ? "s" : "");
		printf("%s\n", o != NULL ? ")" : "");
		return;
	}

	if (out == GONE && id < 0)
		printf("%s key `0x%08x' is already removed\n", word,
		    (unsigned int)t->ref.key);
	if (out == GONE && id >= 0)
		printf("%s id `%d' is already removed\n", word, id);
	if (out == GONE)
		return;
	printf("removing %s id `%d'", word, id);
	if (o != NULL) {
		printf(" (key 0x%08x, owner %s", (unsigned int)o->key,
		    user_or_uid(o->uid, ub, sizeof(ub)));
		if (kind == IPCK_SHM && o->u.shm.nattch > 0)
			printf(", %llu attached: freed at the last detach",
			    (unsigned long long)o->u.shm.nattch);
		putchar(')');
	}
	putchar('\n');
}

/*
 * Say what became of one object: t is the operand that named it, or NULL
 * for one --all found; o describes it when known.  Returns the exit status.
 */
int
ipcrm_report(struct run *run, const struct cli_target *t, enum ipck_kind kind,
    int id, const struct ipck_obj *o, enum outcome out, int err)
{
	struct cli_target found = { { kind, IPCK_BY_ID, id, 0, NULL,
	    cli_place() }, NULL };
	int posix = ipck_kind_info(kind)->family == IPCK_POSIX, users = -1;
	char arg[32];

	/* a POSIX object outlives its name while processes use it: say how many */
	if (posix && o != NULL && out != FAILED && out != GONE &&
	    (run->json || run->verbose || run->dry_run)) {
		if (!run->inuse_tried) {
			run->inuse = ipck_inuse_open();
			run->inuse_tried = 1;
		}
		if (run->inuse != NULL)
			users = ipck_inuse_has(run->inuse, o);
	}
	/* --all-namespaces: the namespace's line before its first */
	if (run->ns != NULL && !run->ns_said && !run->json &&
	    (out == FAILED || run->verbose || run->dry_run)) {
		cli_ns_header(run->ns);
		run->ns_said = 1;
	}
	if (run->json)
		report_json(run->json, t, kind, id, o, out, err, users, run->ns);
	else if (out != FAILED && (run->verbose || run->dry_run))
		report_text(t, kind, id, o, out, users);
	if (out != FAILED)
		return CLI_OK;
	if (t == NULL && posix) {
		found.ref.by = IPCK_BY_NAME;
		found.ref.name = o->name;
		found.arg = o->name;
		t = &found;
	} else if (t == NULL) {
		snprintf(arg, sizeof(arg), "id %d", id);
		found.arg = arg;
		t = &found;
	}
	cli_target_error(t, id, o, err);
	return CLI_FAIL;
}
