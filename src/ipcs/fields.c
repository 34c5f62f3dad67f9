/* SPDX-License-Identifier: MIT */
/*
 * ipcs --json-fields: the reference of every member the tools' JSON has,
 * made from the library's field tables (an object's record, what a kind
 * uses, its limits) and from the members the tools add around a record,
 * which are listed here.  ipckit-json(7) is this, as a manual page.
 */
#include <stdio.h>
#include <string.h>

#include "ipcs.h"
#include "json.h"

/*
 * Members the tools write beside a record: set (which output), kind ("*":
 * every kind; "sysv", "posix", or one kind's name), the member's path
 * ("a.b" inside an object, "a[].b" inside an array's objects), its JSON
 * type and meaning.
 */
static const struct extra {
	const char	*set, *kind, *member, *type, *meaning;
} extras[] = {
	{ "namespace", "*", "namespace", "object",
	    "with --all-namespaces (ipcs, ipcrm): the IPC namespace of the row" },
	{ "namespace", "*", "namespace.inode", "integer",
	    "its inode, as in ipc:[inode]" },
	{ "namespace", "*", "namespace.processes", "integer",
	    "processes in it" },
	{ "namespace", "*", "namespace.pid", "integer|null",
	    "the lowest of them; null: none" },
	{ "namespace", "*", "namespace.command", "string|null",
	    "its command" },
	{ "namespace", "*", "namespace.bound", "string|null",
	    "a file it is bound to (a bind mount), if any" },
	{ "namespace", "*", "namespace.container", "object|null",
	    "the container its first process runs in; null: none named" },
	{ "namespace", "*", "namespace.container.engine", "string",
	    "docker, containerd, cri-o, podman, nspawn or kubernetes" },
	{ "namespace", "*", "namespace.container.id", "string",
	    "the container's id or machine name" },
	{ "namespace", "*", "namespace.container.pod", "string|null",
	    "a Kubernetes pod's uid" },
	{ "namespace", "*", "namespace.error", "string",
	    "only when it could not be entered: why" },
	{ "summary", "*", "namespace", "object",
	    "ipcs -u --all-namespaces: one row a namespace (members as above)" },
	{ "summary", "sysv", "shm", "integer|null",
	    "segments (null: the namespace could not be listed)" },
	{ "summary", "sysv", "msg", "integer|null", "message queues" },
	{ "summary", "sysv", "sem", "integer|null", "semaphore sets" },
	{ "summary", "posix", "pshm", "integer|null",
	    "POSIX shared memory objects (null: no /dev/shm known)" },
	{ "summary", "posix", "pmsg", "integer|null", "POSIX message queues" },
	{ "summary", "posix", "psem", "integer|null", "POSIX semaphores" },
	{ "summary", "shm", "shm_bytes", "integer", "bytes of the segments" },
	{ "summary", "msg", "msg_bytes", "integer", "bytes queued" },
	{ "summary", "pshm", "pshm_bytes", "integer|null",
	    "bytes of the POSIX shared memory objects" },
	{ "summary", "pmsg", "pmsg_bytes", "integer", "bytes queued" },
	{ "summary", "posix", "dev_shm", "string|null",
	    "the /dev/shm it sees, as device:inode; null: none known" },
	{ "summary", "posix", "dev_shm_shared", "boolean",
	    "another row sees the same /dev/shm (counted once in the total)" },
	{ "ipcs-i", "sem", "semaphores", "array|null",
	    "ipcs -i and ipcstat: the set's semaphores; null: not readable" },
	{ "ipcs-i", "sem", "semaphores[].semnum", "integer", "its index" },
	{ "ipcs-i", "sem", "semaphores[].value", "integer", "its value" },
	{ "ipcs-i", "sem", "semaphores[].ncount", "integer",
	    "processes waiting for it to grow" },
	{ "ipcs-i", "sem", "semaphores[].zcount", "integer",
	    "processes waiting for it to be 0" },
	{ "ipcs-i", "sem", "semaphores[].pid", "integer",
	    "the last process to operate on it" },
	{ "ipcstat", "sem", "semaphores[].command", "string|null",
	    "that process's command; null: gone or not shown" },
	{ "ipcstat", "shm", "cpid_command", "string|null",
	    "the creator process's command" },
	{ "ipcstat", "shm", "lpid_command", "string|null",
	    "the last attacher's command" },
	{ "ipcstat", "msg", "lspid_command", "string|null",
	    "the last sender's command" },
	{ "ipcstat", "msg", "lrpid_command", "string|null",
	    "the last receiver's command" },
	{ "ipcstat", "shm", "attached", "array|null",
	    "the processes that have it attached; null: not known" },
	{ "ipcstat", "shm", "attached[].pid", "integer", "the process" },
	{ "ipcstat", "shm", "attached[].command", "string|null",
	    "its command" },
	{ "ipcstat", "shm", "attached[].start", "string",
	    "where it is mapped, 0x and hex" },
	{ "ipcstat", "shm", "attached[].end", "string", "where that ends" },
	{ "ipcstat", "shm", "attached[].read_only", "boolean",
	    "attached read-only" },
	{ "ipcstat", "shm,posix", "hidden_processes", "integer|null",
	    "processes not this user's to look into" },
	{ "ipcstat", "posix", "users", "array|null",
	    "the processes that map it or hold it open" },
	{ "ipcstat", "posix", "users[].pid", "integer", "the process" },
	{ "ipcstat", "posix", "users[].command", "string|null", "its command" },
	{ "ipcstat", "posix", "users[].how", "string", "mapped or open" },
	{ "ipcstat", "posix", "users[].start", "string",
	    "mapped: where, 0x and hex" },
	{ "ipcstat", "posix", "users[].end", "string", "mapped: where it ends" },
	{ "ipcstat", "posix", "users[].read_only", "boolean",
	    "mapped: read-only" },
	{ "ipcstat", "posix", "users[].fd", "integer",
	    "open: the descriptor" },
	{ "ipcstat", "msg,sem,pmsg", "waiting", "array|null",
	    "the processes blocked on it now; null: not known" },
	{ "ipcstat", "msg,sem,pmsg", "waiting[].pid", "integer",
	    "the process" },
	{ "ipcstat", "msg,sem,pmsg", "waiting[].command", "string|null",
	    "its command" },
	{ "ipcstat", "msg,sem,pmsg", "waiting[].how", "string",
	    "receive, send or semop" },
	{ "ipcstat", "sem", "waiting[].semnum", "integer|null",
	    "the semaphore it can wait on; null: not readable" },
	{ "ipcstat", "sem", "waiting[].sem_op", "integer|null",
	    "that operation: less than 0 takes, 0 waits for zero" },
	{ "ipcstat", "sem", "waiting[].nsops", "integer|null",
	    "the operations in its call" },
	{ "ipcstat", "msg,sem,pmsg", "waiting_hidden_processes",
	    "integer|null", "processes not this user's to look into: "
	    "more may wait" },
	{ "ipcrm", "*", "status", "string",
	    "removed, selected (-n), already_removed or failed" },
	{ "ipcrm", "*", "operand", "string|null",
	    "the operand as typed; null: chosen by --all" },
	{ "ipcrm", "*", "kind", "string", "as in an object's record" },
	{ "ipcrm", "sysv", "id", "integer|null", "as in an object's record" },
	{ "ipcrm", "sysv", "key", "string|null", "as in an object's record" },
	{ "ipcrm", "sysv", "key_num", "integer|null",
	    "as in an object's record" },
	{ "ipcrm", "posix", "name", "string|null", "as in an object's record" },
	{ "ipcrm", "posix", "name_base64", "string",
	    "as in an object's record" },
	{ "ipcrm", "*", "owner", "string|null", "as in an object's record" },
	{ "ipcrm", "*", "uid", "integer|null", "as in an object's record" },
	{ "ipcrm", "shm", "nattch", "integer", "as in an object's record" },
	{ "ipcrm", "posix", "users", "integer|null",
	    "processes that map it or hold it open" },
	{ "ipcrm", "*", "reason", "string|null", "failed: why" },
	{ "ipcset", "*", "status", "string",
	    "changed, unchanged, selected (-n) or failed" },
	{ "ipcset", "*", "operand", "string", "the operand as typed" },
	{ "ipcset", "*", "kind", "string", "as in an object's record" },
	{ "ipcset", "sysv", "id", "integer", "as in an object's record" },
	{ "ipcset", "posix", "name", "string|null", "as in an object's record" },
	{ "ipcset", "posix", "name_base64", "string",
	    "as in an object's record" },
	{ "ipcset", "*", "before", "object|null",
	    "what it was: perms, mode, owner, uid, group, gid" },
	{ "ipcset", "*", "after", "object",
	    "what it is now, or with -n would be (the same members)" },
	{ "ipcset", "*", "before.perms", "string", "as in an object's record" },
	{ "ipcset", "*", "before.mode", "integer", "as in an object's record" },
	{ "ipcset", "*", "before.owner", "string|null",
	    "as in an object's record" },
	{ "ipcset", "*", "before.uid", "integer", "as in an object's record" },
	{ "ipcset", "*", "before.group", "string|null",
	    "as in an object's record" },
	{ "ipcset", "*", "before.gid", "integer", "as in an object's record" },
	{ "ipcset", "msg", "before.qbytes", "integer",
	    "a queue's byte limit" },
	{ "ipcset", "shm", "before.locked", "boolean",
	    "a segment's lock in memory" },
	{ "ipcset", "*", "after.perms", "string", "as before" },
	{ "ipcset", "*", "after.mode", "integer", "as before" },
	{ "ipcset", "*", "after.owner", "string|null", "as before" },
	{ "ipcset", "*", "after.uid", "integer", "as before" },
	{ "ipcset", "*", "after.group", "string|null", "as before" },
	{ "ipcset", "*", "after.gid", "integer", "as before" },
	{ "ipcset", "msg", "after.qbytes", "integer", "as before" },
	{ "ipcset", "shm", "after.locked", "boolean", "as before" },
	{ "ipcset", "*", "reason", "string", "failed: why" },
	{ "msgcat", "msg,pmsg", "index", "integer",
	    "--peek: the message's place, 0 the oldest" },
	{ "msgcat", "msg", "type", "integer", "the message's type" },
	{ "msgcat", "pmsg", "priority", "integer", "the message's priority" },
	{ "msgcat", "msg,pmsg", "size", "integer", "its length in bytes" },
	{ "msgcat", "msg,pmsg", "text", "string|null",
	    "its bytes as UTF-8 text; null when they are not" },
	{ "msgcat", "msg,pmsg", "base64", "string", "its bytes in base64" },
	{ "semop", "sem,psem", "semnum", "integer", "the semaphore's index" },
	{ "semop", "sem,psem", "value", "integer", "its value" },
	{ "semop", "sem", "ncount", "integer", "-v: as in ipcs -i" },
	{ "semop", "sem", "zcount", "integer", "-v: as in ipcs -i" },
	{ "semop", "sem", "pid", "integer", "-v: as in ipcs -i" },
	{ "ipccheck", "*", "severity", "string", "info, warning or critical" },
	{ "ipccheck", "*", "check", "string",
	    "the check that found it (ipccheck --list-checks)" },
	{ "ipccheck", "*", "object", "object|null",
	    "the object it is about; null: a limit or setting" },
	{ "ipccheck", "*", "object.kind", "string", "as in an object's record" },
	{ "ipccheck", "sysv", "object.id", "integer", "as in an object's record" },
	{ "ipccheck", "sysv", "object.key", "string", "as in an object's record" },
	{ "ipccheck", "posix", "object.name", "string|null",
	    "as in an object's record" },
	{ "ipccheck", "posix", "object.name_base64", "string",
	    "as in an object's record" },
	{ "ipccheck", "*", "topic", "string",
	    "what it is about: a kind's name, or dev_shm" },
	{ "ipccheck", "*", "what", "string", "what is wrong, in a line" },
	{ "ipccheck", "*", "why", "string", "why it matters, in a line" },
	{ "ipccheck", "*", "fix", "string", "what to run or set" },
	{ "ipccheck", "*", "namespace", "object",
	    "with --all-namespaces: as above" },
	{ "events", "*", "time", "string",
	    "ipcs --events: when the walk saw it, UTC, to the millisecond" },
	{ "events", "*", "event", "string",
	    "present, created, changed, removed; of a namespace: present, "
	    "appeared, gone" },
	{ "events", "*", "namespace", "object",
	    "the namespace (with --all-namespaces as above; else, and once "
	    "gone, inode and container only)" },
	{ "events", "*", "object", "object",
	    "the object's record as ipcs -J writes it (as it went, if removed)" },
	{ "events", "*", "before", "object",
	    "changed: each member that changed, as it was, under its name" },
};

/*
 * One member: its set, kinds, path, JSON type and meaning.  The figures of
 * -u and -l are in an object named for the kind: their path is "shm.pages".
 */
static void
member(struct cli_json *j, const char *set, const char *kind, const char *name,
    const char *type, const char *meaning, const char *more)
{
	char buf[256], path[64];

	snprintf(buf, sizeof(buf), "%s%s", meaning, more);
	if (strcmp(set, "usage") == 0 || strcmp(set, "limits") == 0) {
		snprintf(path, sizeof(path), "%s.%s", kind, name);
		name = path;
	}
	if (j != NULL) {
		json_begin(j, NULL, '{');
		json_str(j, "set", set);
		json_str(j, "kind", kind);
		json_str(j, "member", name);
		json_str(j, "type", type);
		json_str(j, "meaning", buf);
		json_end(j, '}');
	} else
		printf("%-10s %-9s %-22s %-13s %s\n", set, kind, name, type,
		    buf);
}

/* A field's members, as json_field writes them. */
static void
field(struct cli_json *j, const char *set, const char *kind, const struct ipck_field *f)
{
	const char *n = f->have != 0 ? "integer|null" : "integer";

	switch (f->type) {
	case IPCK_T_KIND:
		member(j, set, kind, f->name, "string", f->doc, "");
		break;
	case IPCK_T_NAME:
		member(j, set, kind, f->name, "string|null", f->doc,
		    ", as UTF-8 text; null when it is not UTF-8");
		member(j, set, kind, f->also, "string", f->doc,
		    ": its very bytes, in base64");
		break;
	case IPCK_T_TIME:
		member(j, set, kind, f->name, "string|null", f->doc,
		    ": ISO 8601 in local time with its offset; null: never");
		member(j, set, kind, f->also, "integer|null", f->doc,
		    ": seconds since 1970");
		break;
	case IPCK_T_UID:
	case IPCK_T_GID:
		member(j, set, kind, f->also, "string|null", f->doc,
		    ": its name; null when it has none");
		member(j, set, kind, f->name, n, f->doc, ": the number");
		break;
	case IPCK_T_MODE:
		member(j, set, kind, f->also, "string", "the permission bits",
		    ", 4 octal digits");
		member(j, set, kind, f->name, n, f->doc, "");
		break;
	case IPCK_T_KEY:
		member(j, set, kind, f->name, "string", f->doc,
		    ": 0x and 8 hex digits");
		member(j, set, kind, f->also, n, f->doc, ": the number");
		break;
	case IPCK_T_BOOL:
		member(j, set, kind, f->name, "boolean", f->doc, "");
		break;
	case IPCK_T_BYTES:
		member(j, set, kind, f->name, n, f->doc, ", in bytes");
		break;
	case IPCK_T_PAGES:
		member(j, set, kind, f->name, n, f->doc, ", in pages");
		break;
	default:
		member(j, set, kind, f->name, n, f->doc, "");
		break;
	}
}

/* The fields a listing leaves out for their cost, which ipcstat gives. */
static void
details(struct cli_json *j)
{
	const struct ipck_field *f;
	size_t n, i, k;

	for (k = 0; k < IPCK_NKINDS; k++) {
		f = ipck_fields(IPCK_FIELDS_OBJECT, (enum ipck_kind)k, &n);
		for (i = 0; f != NULL && i < n; i++)
			if (f[i].flags & IPCK_FIELD_DETAIL)
				field(j, "ipcstat",
				    ipck_kind_name((enum ipck_kind)k), &f[i]);
	}
}

int
ipcs_json_fields(struct cli_json *j)
{
	static const char *const sets[] = { "object", "usage", "limits" };
	const struct ipck_field *f;
	size_t n, i, k, s;
	int detail = 0;

	if (j != NULL) {
		json_begin(j, NULL, '{');
		json_int(j, "version", CLI_JSON_VERSION);
		json_begin(j, "members", '[');
	} else {
		printf("ipckit JSON, version %d\n", CLI_JSON_VERSION);
		printf("%-10s %-9s %-22s %-13s %s\n", "SET", "KIND", "MEMBER",
		    "TYPE", "MEANING");
	}
	for (s = 0; s < 3; s++)
		for (k = 0; k < IPCK_NKINDS; k++) {
			f = ipck_fields((enum ipck_fieldset)s, (enum ipck_kind)k,
			    &n);
			for (i = 0; f != NULL && i < n; i++)
				if (!(f[i].flags & IPCK_FIELD_DETAIL))
					field(j, sets[s],
					    ipck_kind_name((enum ipck_kind)k), &f[i]);
		}
	for (i = 0; i < sizeof(extras) / sizeof(extras[0]); i++) {
		/* what only ipcstat gives of a record, first in its set */
		if (strcmp(extras[i].set, "ipcstat") == 0 && !detail++)
			details(j);
		member(j, extras[i].set, extras[i].kind, extras[i].member,
		    extras[i].type, extras[i].meaning, "");
	}
	if (j != NULL) {
		json_end(j, ']');
		json_end(j, '}');
	}
	return cli_finish(CLI_OK);
}
