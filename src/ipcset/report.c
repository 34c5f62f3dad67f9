/* SPDX-License-Identifier: MIT */
/* What ipcset says of each object: -v and -n's lines, a refusal's reasons, -J's rows. */
#define _DEFAULT_SOURCE	/* SHM_LOCKED */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ipc.h>
#include <sys/resource.h>
#include <sys/shm.h>

#include "ipcset.h"
#include "json.h"


/* "0x00001234 shm 3", or "pshm /name": how lines name an object. */
static const char *
label(const struct ipck_obj *o, char *buf, size_t len)
{
	char nb[4 * 257 + 8];

	if (ipck_kind_info(o->kind)->family == IPCK_POSIX)
		snprintf(buf, len, "%s %s", ipck_kind_name(o->kind),
		    cli_escape(o->name, nb, sizeof(nb), CLI_ESC_BACKSLASH));
	else
		snprintf(buf, len, "0x%08x %s %d", (unsigned int)o->key,
		    ipck_kind_name(o->kind), o->id);
	return buf;
}

/* A user's or group's name, or as ipcs shows one without a name, its number. */
static void
named(const char *name, unsigned int id)
{
	if (name != NULL)
		fputs(name, stdout);
	else
		printf("%u", id);
}

/* Whether ch and lock leave o as it is. */
int
ipcset_unchanged(const struct ipck_obj *o, const struct ipck_change *ch, int lock)
{
	return (!(ch->what & IPCK_SET_MODE) || (o->mode & 0777) == ch->mode) &&
	    (!(ch->what & IPCK_SET_UID) || o->uid == ch->uid) &&
	    (!(ch->what & IPCK_SET_GID) || o->gid == ch->gid) &&
	    (!(ch->what & IPCK_SET_QBYTES) || o->u.msg.qbytes == ch->qbytes) &&
	    (lock < 0 || !!(o->mode & SHM_LOCKED) == lock);
}

/* The -v and -n line: each field that changes, old -> new. */
void
ipcset_say(const struct ipck_obj *o, const struct ipck_change *ch, int lock)
{
	char lb[1100];
	const char *sep = ": ";

	printf("%s", label(o, lb, sizeof(lb)));
	if ((ch->what & IPCK_SET_MODE) && (o->mode & 0777) != ch->mode) {
		printf("%smode %o -> %o", sep, o->mode & 0777, ch->mode);
		sep = ", ";
	}
	if ((ch->what & IPCK_SET_UID) && o->uid != ch->uid) {
		printf("%sowner ", sep);
		named(cli_user(o->uid), (unsigned int)o->uid);
		printf(" -> ");
		named(cli_user(ch->uid), (unsigned int)ch->uid);
		sep = ", ";
	}
	if ((ch->what & IPCK_SET_GID) && o->gid != ch->gid) {
		printf("%sgroup ", sep);
		named(cli_group(o->gid), (unsigned int)o->gid);
		printf(" -> ");
		named(cli_group(ch->gid), (unsigned int)ch->gid);
		sep = ", ";
	}
	if ((ch->what & IPCK_SET_QBYTES) && o->u.msg.qbytes != ch->qbytes) {
		printf("%sqbytes %" PRIu64 " -> %" PRIu64, sep, o->u.msg.qbytes,
		    ch->qbytes);
		sep = ", ";
	}
	if (lock >= 0 && !!(o->mode & SHM_LOCKED) != lock) {
		printf("%s%s", sep, lock ? "locked" : "unlocked");
		sep = ", ";
	}
	if (sep[0] == ':')
		printf(": unchanged");
	putchar('\n');
}

/* What o has, or with ch and lock applied, what it would have. */
void
ipcset_json_state(struct cli_json *jw, const char *key, const struct ipck_obj *o,
    const struct ipck_change *ch, int lock)
{
	struct ipck_obj w = *o;
	struct cli_json *out = jw;

	if (ch != NULL && (ch->what & IPCK_SET_MODE))
		w.mode = (o->mode & ~0777U) | ch->mode;
	if (ch != NULL && (ch->what & IPCK_SET_UID))
		w.uid = ch->uid;
	if (ch != NULL && (ch->what & IPCK_SET_GID))
		w.gid = ch->gid;
	if (ch != NULL && (ch->what & IPCK_SET_QBYTES))
		w.u.msg.qbytes = ch->qbytes;
	if (ch != NULL && lock >= 0)
		w.mode = lock ? w.mode | SHM_LOCKED : w.mode & ~(unsigned int)SHM_LOCKED;
	json_begin(out, key, '{');
	json_owners(out, &w);
	if (w.kind == IPCK_MSG || w.kind == IPCK_SHM)
		json_field(out, ipck_field_find(IPCK_FIELDS_OBJECT, w.kind,
		    w.kind == IPCK_MSG ? "qbytes" : "locked"), &w);
	json_end(out, '}');
}

/* Why a change was refused (why: ipck_may_change's), with the rule and the way out. */
void
ipcset_refused(const struct cli_target *t, const struct ipck_obj *o,
    const struct ipck_change *ch, int err, int why, int lock)
{
	struct ipck_limits lim;
	struct rlimit rl;
	char ob[CLI_OWNER_LEN], cb[CLI_OWNER_LEN], lb[1100], gb[CLI_OWNER_LEN];
	const char *held = "";

	label(o, lb, sizeof(lb));
	if (why & IPCK_DENY_UNMAPPED)
		held = (why & 0xff) == IPCK_DENY_OWNER && !(ch->what &
		    IPCK_SET_GID) ? "; CAP_FOWNER is held, but counts only over "
		    "a file whose owner and group this user namespace maps" :
		    "; CAP_CHOWN is held, but counts only over a file whose "
		    "owner and group this user namespace maps";
	switch (why & 0xff) {
	case IPCK_DENY_MEMLOCK:
		if (getrlimit(RLIMIT_MEMLOCK, &rl) < 0)
			break;
		cli_err("%s: cannot lock %s (%" PRIu64 " bytes): that needs "
		    "CAP_IPC_LOCK, or room under RLIMIT_MEMLOCK (%llu bytes, "
		    "shared with what this user has locked already)", t->arg, lb,
		    o->u.shm.size, (unsigned long long)rl.rlim_cur);
		return;
	case IPCK_DENY_LOCK:
		cli_err("%s: permission denied: only the owner (%s), the creator "
		    "(%s) or CAP_IPC_LOCK may %s %s", t->arg, cli_owner(o->uid,
		    ob, sizeof(ob)), cli_owner(o->cuid, cb, sizeof(cb)), lock ?
		    "lock" : "unlock", lb);
		return;
	case IPCK_DENY_OWNER:
		if (o->have & IPCK_HAVE_CREATOR)
			cli_err("%s: permission denied: only the owner (%s), the "
			    "creator (%s) or CAP_SYS_ADMIN may change %s", t->arg,
			    cli_owner(o->uid, ob, sizeof(ob)), cli_owner(o->cuid, cb,
			    sizeof(cb)), lb);
		else
			cli_err("%s: permission denied: only the owner (%s) or %s "
			    "may change the %s of %s%s", t->arg, cli_owner(o->uid, ob,
			    sizeof(ob)), ch->what & IPCK_SET_GID ? "CAP_CHOWN" :
			    "CAP_FOWNER", ch->what & IPCK_SET_GID ? "group" : "mode",
			    lb, held);
		return;
	case IPCK_DENY_GIVE:
		cli_err("%s: permission denied: only CAP_CHOWN may give %s to "
		    "another owner%s", t->arg, lb, held);
		return;
	case IPCK_DENY_GROUP:
		if (cli_group(ch->gid) != NULL)
			snprintf(gb, sizeof(gb), "%s", cli_group(ch->gid));
		else
			snprintf(gb, sizeof(gb), "%u", (unsigned int)ch->gid);
		if (o->uid != geteuid())
			cli_err("%s: permission denied: only the owner (%s) or "
			    "CAP_CHOWN may change the group of %s%s", t->arg,
			    cli_owner(o->uid, ob, sizeof(ob)), lb, held);
		else
			cli_err("%s: permission denied: its owner may give %s only "
			    "to a group it is in, and %s is not one; any other "
			    "needs CAP_CHOWN%s", t->arg, lb, gb, held);
		return;
	default:
		break;
	}
	if (err == EPERM && (ch->what & IPCK_SET_QBYTES) && ipck_limits(&lim) ==
	    0 && ch->qbytes > lim.msgmnb) {
		cli_err("%s: --qbytes %" PRIu64 " is above msgmnb (%" PRIu64
		    "): that needs CAP_SYS_RESOURCE in the initial user "
		    "namespace", t->arg, ch->qbytes, lim.msgmnb);
		return;
	}
	cli_target_error(t, o->id, o, err);
}

/* -J's line for an object that could not be changed, or not found. */
void
ipcset_json_failed(struct cli_json *jw, const struct cli_target *t,
    const struct ipck_obj *o, int err)
{
	json_begin(jw, NULL, '{');
	json_str(jw, "status", "failed");
	json_str(jw, "operand", t->arg);
	json_str(jw, "kind", ipck_kind_name(o != NULL ? o->kind : t->ref.kind));
	if (o != NULL)
		ipcset_json_state(jw, "before", o, NULL, -1);
	else
		json_str(jw, "before", NULL);
	/* not found: in the operand's terms, as ipcrm -J says it */
	json_str(jw, "reason", o == NULL ? ipck_strerror(err, t->ref.by) :
	    strerror(err));
	json_end(jw, '}');
}

/* One object: the change worked out from what it is now, tried, reported. */
