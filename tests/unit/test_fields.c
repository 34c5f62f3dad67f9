/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for the field tables: every kind's fields are there once,
 * each reads what struct ipck_obj holds (worked out here by hand from a
 * record filled in by the test, not by the library), unknown is unknown,
 * and the figures of usage and limits read their structures.
 */
#define _DEFAULT_SOURCE	/* SHM_DEST */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <unistd.h>

#include "ipckit.h"
#include "check.h"

static const char *const sets[] = { "object", "usage", "limits" };

/* Names (and second names) unique in each table; every table has rows. */
static void
test_tables(void)
{
	const struct ipck_field *f;
	size_t n, i, k, s, m;

	for (s = 0; s < 3; s++)
		for (k = 0; k < IPCK_NKINDS; k++) {
			f = ipck_fields((enum ipck_fieldset)s, (enum ipck_kind)k,
			    &n);
			CHECK(f != NULL && n > 0, "%s %zu: a table", sets[s], k);
			for (i = 0; f != NULL && i < n; i++) {
				CHECK(f[i].name != NULL && *f[i].name != '\0' &&
				    f[i].doc != NULL && *f[i].doc != '\0',
				    "%s %zu row %zu: named and said", sets[s], k, i);
				for (m = i + 1; m < n; m++)
					CHECK(strcmp(f[i].name, f[m].name) != 0 &&
					    (f[i].also == NULL || f[m].also == NULL ||
					    strcmp(f[i].also, f[m].also) != 0),
					    "%s %zu: %s twice", sets[s], k, f[i].name);
				CHECK(ipck_field_find((enum ipck_fieldset)s,
				    (enum ipck_kind)k, f[i].name) == &f[i],
				    "%s: found by its name", f[i].name);
			}
		}
	/* the record of every kind begins with its kind */
	for (k = 0; k < IPCK_NKINDS; k++) {
		f = ipck_fields(IPCK_FIELDS_OBJECT, (enum ipck_kind)k, &n);
		CHECK(f != NULL && strcmp(f[0].name, "kind") == 0 &&
		    f[0].type == IPCK_T_KIND, "kind %zu: kind first", k);
	}
	errno = 0;
	CHECK(ipck_fields(IPCK_FIELDS_OBJECT, (enum ipck_kind)IPCK_NKINDS,
	    &n) == NULL && errno == EINVAL, "no such kind: EINVAL");
	errno = 0;
	CHECK(ipck_fields((enum ipck_fieldset)3, IPCK_SHM, &n) == NULL &&
	    errno == EINVAL, "no such set: EINVAL");
	errno = 0;
	CHECK(ipck_field_find(IPCK_FIELDS_OBJECT, IPCK_SHM, "qbytes") == NULL &&
	    errno == ENOENT, "a queue's field is no segment's: ENOENT");
	f = ipck_field_find(IPCK_FIELDS_OBJECT, IPCK_SHM, "owner");
	CHECK(f != NULL && strcmp(f->name, "uid") == 0 && f->type == IPCK_T_UID,
	    "found by its second name: owner is uid");
}

/* The value of the field name of o, or -2 when there is no such field. */
static int
get(const struct ipck_obj *o, const char *name, struct ipck_value *v)
{
	const struct ipck_field *f = ipck_field_find(IPCK_FIELDS_OBJECT,
	    o->kind, name);

	return f == NULL ? -2 : ipck_field_get(f, o, v);
}

static void
test_object_values(void)
{
	struct ipck_obj o;
	struct ipck_value v;

	memset(&o, 0, sizeof(o));
	o.kind = IPCK_SHM;
	o.id = 32769;
	o.key = (key_t)0x8000beef;	/* the high bit: a negative key_t */
	o.mode = 0640 | SHM_DEST;
	o.uid = 4242;
	o.gid = 4243;
	o.cuid = 65534;
	o.ctime = 1700000000;
	o.have = IPCK_HAVE_CREATOR;
	o.u.shm.size = 1ULL << 40;
	o.u.shm.nattch = 3;
	o.u.shm.cpid = 77;
	o.u.shm.lpid = 78;
	o.u.shm.rss = 4096;
	CHECK(get(&o, "kind", &v) == 1 && strcmp(v.s, "shm") == 0, "kind");
	CHECK(get(&o, "id", &v) == 1 && v.i == 32769, "id");
	CHECK(get(&o, "key", &v) == 1 && v.u == 0x8000beefU, "key: 32 bits, "
	    "unsigned (%llx)", (unsigned long long)v.u);
	CHECK(get(&o, "mode", &v) == 1 && v.u == (0640 | SHM_DEST), "mode");
	CHECK(get(&o, "dest", &v) == 1 && v.u == 1, "dest from the mode");
	CHECK(get(&o, "locked", &v) == 1 && v.u == 0, "not locked");
	CHECK(get(&o, "uid", &v) == 1 && v.u == 4242, "uid");
	CHECK(get(&o, "cgid", &v) == 1 && v.u == 0, "cgid");
	CHECK(get(&o, "cuid", &v) == 1 && v.u == 65534, "cuid");
	CHECK(get(&o, "ctime", &v) == 1 && v.i == 1700000000, "ctime");
	CHECK(get(&o, "atime", &v) == 1 && v.i == 0, "atime: never");
	CHECK(get(&o, "size", &v) == 1 && v.u == 1ULL << 40, "size, 64 bits");
	CHECK(get(&o, "nattch", &v) == 1 && v.u == 3, "nattch");
	CHECK(get(&o, "lpid", &v) == 1 && v.i == 78, "lpid");
	/* the pages are known only from /proc/sysvipc */
	CHECK(get(&o, "rss", &v) == 0, "rss unknown without IPCK_HAVE_PAGES");
	o.have |= IPCK_HAVE_PAGES;
	CHECK(get(&o, "rss", &v) == 1 && v.u == 4096, "rss with it");

	memset(&o, 0, sizeof(o));
	o.kind = IPCK_MSG;
	o.u.msg.qbytes = 16384;
	o.u.msg.qnum = 2;
	o.u.msg.lrpid = -1;
	CHECK(get(&o, "qbytes", &v) == 0, "qbytes unknown (/proc/sysvipc)");
	o.have = IPCK_HAVE_QBYTES;
	CHECK(get(&o, "qbytes", &v) == 1 && v.u == 16384, "qbytes");
	CHECK(get(&o, "messages", &v) == 1 && v.u == 2, "messages: qnum");
	CHECK(get(&o, "lrpid", &v) == 1 && v.i == -1, "a pid is signed");

	memset(&o, 0, sizeof(o));
	o.kind = IPCK_PMSG;
	o.id = -1;
	snprintf(o.name, sizeof(o.name), "/q\xff");
	o.file.mtime = 1700000001;
	o.u.pmsg.curmsgs = 5;
	CHECK(get(&o, "name", &v) == 1 && strcmp(v.s, "/q\xff") == 0,
	    "the name's bytes");
	CHECK(get(&o, "id", &v) == -2, "a POSIX object has no id field");
	CHECK(get(&o, "messages", &v) == 0, "not opened: unknown");
	o.have = IPCK_HAVE_QUEUE;
	CHECK(get(&o, "messages", &v) == 1 && v.u == 5, "opened: curmsgs");
	CHECK(get(&o, "mtime", &v) == 1 && v.i == 1700000001,
	    "mtime from the file, one place for every POSIX kind");

	memset(&o, 0, sizeof(o));
	o.kind = IPCK_PSEM;
	o.u.psem.err = EINVAL;
	CHECK(get(&o, "valid", &v) == 1 && v.u == 0, "too short: not valid");
	o.u.psem.err = EACCES;
	CHECK(get(&o, "valid", &v) == 1 && v.u == 1, "refused: still valid");
	CHECK(get(&o, "value", &v) == 0, "refused: value unknown");
}

static void
test_figures(void)
{
	struct ipck_usage use;
	struct ipck_limits lim;
	struct ipck_posix_limits pl;
	struct ipck_value v;
	const struct ipck_field *f;

	memset(&use, 0, sizeof(use));
	use.ids = 7;
	use.shm_rss = 9;
	use.unknown = 2;
	f = ipck_field_find(IPCK_FIELDS_USAGE, IPCK_SHM, "objects");
	CHECK(f != NULL && ipck_field_get(f, &use, &v) == 1 && v.u == 7,
	    "usage: objects");
	f = ipck_field_find(IPCK_FIELDS_USAGE, IPCK_SHM, "pages_resident");
	CHECK(f != NULL && f->type == IPCK_T_PAGES &&
	    ipck_field_get(f, &use, &v) == 1 && v.u == 9, "pages resident");
	f = ipck_field_find(IPCK_FIELDS_USAGE, IPCK_PMSG, "unreadable");
	CHECK(f != NULL && ipck_field_get(f, &use, &v) == 1 && v.u == 2,
	    "queues not readable");
	memset(&lim, 0, sizeof(lim));
	lim.semvmx = 32767;
	f = ipck_field_find(IPCK_FIELDS_LIMITS, IPCK_SEM, "semvmx");
	CHECK(f != NULL && ipck_field_get(f, &lim, &v) == 1 && v.u == 32767,
	    "semvmx");
	f = ipck_field_find(IPCK_FIELDS_LIMITS, IPCK_SHM, "page_size");
	CHECK(f != NULL && ipck_field_get(f, &lim, &v) == 1 &&
	    v.u == (uint64_t)sysconf(_SC_PAGESIZE), "page_size");
	memset(&pl, 0, sizeof(pl));
	pl.msgsize_default = 8192;
	f = ipck_field_find(IPCK_FIELDS_LIMITS, IPCK_PMSG, "msgsize_default");
	CHECK(f != NULL && f->type == IPCK_T_BYTES &&
	    ipck_field_get(f, &pl, &v) == 1 && v.u == 8192, "msgsize_default");
	f = ipck_field_find(IPCK_FIELDS_LIMITS, IPCK_PSEM, "value_max");
	CHECK(f != NULL && ipck_field_get(f, &pl, &v) == 1 &&
	    v.u == (uint64_t)SEM_VALUE_MAX, "value_max");
}

int
main(void)
{
	test_tables();
	test_object_values();
	test_figures();
	return check_done("test_fields");
}
