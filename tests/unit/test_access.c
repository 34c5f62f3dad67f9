/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for selecting objects (ipck_match with values given several
 * times) and for the kernel's permission rule (ipck_may, ipck_mode_class),
 * on records made here, and for the capabilities ipck_cred_self finds in
 * a user namespace that does not own the IPC namespace.
 */
#define _GNU_SOURCE	/* unshare */
#include <errno.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ipckit.h"
#include "check.h"

static struct ipck_obj
obj(enum ipck_kind kind, int id, key_t key, uid_t uid, uid_t cuid,
    unsigned int mode)
{
	struct ipck_obj o;

	memset(&o, 0, sizeof(o));
	o.kind = kind;
	o.id = id;
	o.key = key;
	o.uid = uid;
	o.cuid = cuid;
	o.gid = 100;
	o.cgid = 200;
	o.mode = mode;
	o.ctime = 1000;
	if (ipck_kind_info(kind)->family == IPCK_SYSV)
		o.have = IPCK_HAVE_CREATOR;
	return o;
}

static void
test_match(void)
{
	static const key_t keys[] = { 0x10, 0 };
	static const int ids[] = { 7, 9 };
	static const uid_t owners[] = { 42, 4000000000U }, creators[] = { 1 };
	struct ipck_obj a = obj(IPCK_SHM, 7, 0x10, 42, 1, 0600);
	struct ipck_obj b = obj(IPCK_MSG, 9, 0, 4000000000U, 1, 0600);
	struct ipck_obj c = obj(IPCK_SEM, 8, 0x11, 42, 2, 0600);
	struct ipck_filter f;

	memset(&f, 0, sizeof(f));
	CHECK(ipck_match(&f, &a) && ipck_match(NULL, &c), "no filter: all");
	f.what = IPCK_F_KEY;
	f.keys = keys;
	f.nkeys = 2;
	CHECK(ipck_match(&f, &a) && ipck_match(&f, &b) && !ipck_match(&f, &c),
	    "either key; key 0 is a value like any");
	f.nkeys = 1;
	CHECK(ipck_match(&f, &a) && !ipck_match(&f, &b), "one key");
	f.nkeys = 0;
	CHECK(!ipck_match(&f, &a), "no key at all selects nothing");
	memset(&f, 0, sizeof(f));
	f.what = IPCK_F_ID | IPCK_F_OWNER;
	f.ids = ids;
	f.nids = 2;
	f.owners = owners;
	f.nowners = 2;
	CHECK(ipck_match(&f, &a) && ipck_match(&f, &b) && !ipck_match(&f, &c),
	    "ids and owners: each any of its values, both must hold");
	f.nowners = 1;
	CHECK(ipck_match(&f, &a) && !ipck_match(&f, &b), "owners narrowed");
	f.what |= IPCK_F_CREATOR;
	f.creators = creators;
	f.ncreators = 1;
	CHECK(ipck_match(&f, &a), "creator too");
	a.cuid = 3;
	CHECK(!ipck_match(&f, &a), "a creator not among them");
	memset(&f, 0, sizeof(f));
	f.what = IPCK_F_CHANGED_BEFORE;
	f.changed_before = 1001;
	CHECK(ipck_match(&f, &a), "changed before");
	f.changed_before = 1000;
	CHECK(!ipck_match(&f, &a), "not before itself");
}

/* --private, --creator root, --with-id never reach a POSIX object */
static void
test_match_posix(void)
{
	static const key_t priv[] = { 0 };
	static const int ids[] = { -1 };
	static const uid_t root[] = { 0 };
	struct ipck_obj p = obj(IPCK_PSHM, -1, 0, 0, 0, 0600);
	struct ipck_filter f;

	memset(&f, 0, sizeof(f));
	f.what = IPCK_F_KEY;
	f.keys = priv;
	f.nkeys = 1;
	CHECK(!ipck_match(&f, &p), "a POSIX object's key 0 is no IPC_PRIVATE");
	f.what = IPCK_F_ID;
	f.ids = ids;
	f.nids = 1;
	CHECK(!ipck_match(&f, &p), "its id -1 is none");
	f.what = IPCK_F_CREATOR;
	f.creators = root;
	f.ncreators = 1;
	CHECK(!ipck_match(&f, &p), "its cuid 0 is no creator");
	f.what = IPCK_F_OWNER;
	f.owners = root;
	f.nowners = 1;
	CHECK(ipck_match(&f, &p), "its owner is");
}

static struct ipck_cred
cred(uid_t euid, gid_t egid, gid_t *groups, size_t n, unsigned int caps)
{
	struct ipck_cred c = { euid, egid, groups, n, caps, 0 };

	return c;
}

static void
test_may(void)
{
	gid_t groups[] = { 5, 200 };
	struct ipck_obj o = obj(IPCK_SHM, 1, 0x10, 42, 43, 0640);
	struct ipck_cred owner = cred(42, 9, NULL, 0, 0);
	struct ipck_cred creator = cred(43, 9, NULL, 0, 0);
	struct ipck_cred group = cred(50, 100, NULL, 0, 0);
	struct ipck_cred cgroup = cred(50, 9, groups, 2, 0);
	struct ipck_cred other = cred(50, 9, NULL, 0, 0);
	struct ipck_cred ipcowner = cred(50, 9, NULL, 0, IPCK_CAP_IPC_OWNER);
	struct ipck_cred admin = cred(50, 9, NULL, 0, IPCK_CAP_SYS_ADMIN);

	CHECK(ipck_mode_class(&owner, &o) == 6 && ipck_mode_class(&creator, &o)
	    == 6, "owner and creator read the owner's bits");
	CHECK(ipck_mode_class(&group, &o) == 3 && ipck_mode_class(&cgroup, &o)
	    == 3, "the group or the creator's group, by egid or a supplementary group");
	CHECK(ipck_mode_class(&other, &o) == 0, "others");
	CHECK(ipck_may(&owner, &o, IPCK_MAY_READ | IPCK_MAY_WRITE),
	    "owner rw");
	CHECK(ipck_may(&group, &o, IPCK_MAY_READ) &&
	    !ipck_may(&group, &o, IPCK_MAY_WRITE), "group r only");
	CHECK(!ipck_may(&other, &o, IPCK_MAY_READ), "others nothing");
	CHECK(ipck_may(&ipcowner, &o, IPCK_MAY_READ | IPCK_MAY_WRITE),
	    "CAP_IPC_OWNER reads and writes anything");
	CHECK(!ipck_may(&ipcowner, &o, IPCK_MAY_CHANGE),
	    "but does not remove");
	CHECK(!ipck_may(&admin, &o, IPCK_MAY_READ), "CAP_SYS_ADMIN does not read");
	CHECK(ipck_may(&admin, &o, IPCK_MAY_CHANGE), "but removes");
	CHECK(ipck_may(&owner, &o, IPCK_MAY_CHANGE) &&
	    ipck_may(&creator, &o, IPCK_MAY_CHANGE), "owner and creator remove");
	CHECK(!ipck_may(&group, &o, IPCK_MAY_CHANGE), "the group does not");
	/* the owner's class is the owner's, even when the others' is wider */
	o.mode = 0007;
	CHECK(!ipck_may(&owner, &o, IPCK_MAY_READ) &&
	    ipck_may(&other, &o, IPCK_MAY_READ), "mode 007");
	o.mode = 0400 | 01000 | 02000;	/* SHM_DEST and SHM_LOCKED are not bits of access */
	CHECK(ipck_may(&owner, &o, IPCK_MAY_READ) &&
	    !ipck_may(&owner, &o, IPCK_MAY_WRITE), "high mode bits");
}

/* The POSIX kinds: files in a sticky directory that root owns. */
static void
test_may_posix(void)
{
	struct ipck_obj o = obj(IPCK_PSHM, -1, 0, 42, 0, 0640);
	struct ipck_cred owner = cred(42, 9, NULL, 0, 0);
	struct ipck_cred root = cred(0, 0, NULL, 0, 0);
	struct ipck_cred other = cred(50, 9, NULL, 0, 0);
	struct ipck_cred group = cred(50, 100, NULL, 0, 0);
	struct ipck_cred fowner = cred(50, 9, NULL, 0, IPCK_CAP_FOWNER);
	struct ipck_cred dac = cred(50, 9, NULL, 0, IPCK_CAP_DAC_OVERRIDE);
	struct ipck_cred admin = cred(50, 9, NULL, 0, IPCK_CAP_SYS_ADMIN |
	    IPCK_CAP_IPC_OWNER);

	CHECK(ipck_may(&owner, &o, IPCK_MAY_CHANGE), "the owner unlinks");
	CHECK(ipck_may(&root, &o, IPCK_MAY_CHANGE), "so does the directory's");
	CHECK(!ipck_may(&other, &o, IPCK_MAY_CHANGE), "no one else");
	CHECK(ipck_may(&fowner, &o, IPCK_MAY_CHANGE), "but CAP_FOWNER");
	CHECK(!ipck_may(&admin, &o, IPCK_MAY_CHANGE) &&
	    !ipck_may(&admin, &o, IPCK_MAY_READ), "the IPC capabilities do not count");
	CHECK(ipck_may(&group, &o, IPCK_MAY_READ) &&
	    !ipck_may(&group, &o, IPCK_MAY_WRITE), "group r");
	CHECK(ipck_may(&dac, &o, IPCK_MAY_READ | IPCK_MAY_WRITE),
	    "CAP_DAC_OVERRIDE past the mode");
	/* no creator: root is not the creator of every object (cuid 0) */
	CHECK(ipck_mode_class(&root, &o) == 0, "root is others: %d",
	    ipck_mode_class(&root, &o));
	o.uid = 0;
	o.mode = 0600;
	CHECK(ipck_may(&other, &o, IPCK_MAY_READ) == 0 &&
	    ipck_may(&root, &o, IPCK_MAY_READ), "root's own 0600");
}

/* In a child: the capabilities found before and after leaving for a user namespace. */
static void
test_cred_userns(void)
{
	struct ipck_cred c;
	pid_t pid;
	int st;

	CHECK(ipck_cred_self(&c) == 0, "cred");
	ipck_cred_free(&c);
	if ((pid = fork()) == 0) {
		int r = 0;

		if (unshare(CLONE_NEWUSER) < 0)
			_exit(77);
		/* all capabilities here, none over the parent's IPC namespace */
		if (ipck_cred_self(&c) < 0 || (c.caps & (IPCK_CAP_IPC_OWNER |
		    IPCK_CAP_SYS_ADMIN)) != 0)
			r |= 1;
		ipck_cred_free(&c);
		if (unshare(CLONE_NEWIPC) < 0)
			_exit(r | 4);
		/* an IPC namespace of its own user namespace: they count */
		if (ipck_cred_self(&c) < 0 || (c.caps & (IPCK_CAP_IPC_OWNER |
		    IPCK_CAP_SYS_ADMIN)) != (IPCK_CAP_IPC_OWNER |
		    IPCK_CAP_SYS_ADMIN))
			r |= 2;
		ipck_cred_free(&c);
		_exit(r);
	}
	CHECK(pid > 0 && waitpid(pid, &st, 0) == pid && WIFEXITED(st),
	    "child");
	if (WEXITSTATUS(st) == 77) {
		fprintf(stderr, "test_access: no user namespaces here; skipped\n");
		return;
	}
	CHECK((WEXITSTATUS(st) & 1) == 0, "a child user namespace holds no "
	    "capability over its parent's IPC namespace");
	CHECK((WEXITSTATUS(st) & 6) == 0, "its own IPC namespace: all (%d)",
	    WEXITSTATUS(st));
}

int
main(void)
{
	test_match();
	test_match_posix();
	test_may();
	test_may_posix();
	test_cred_userns();
	return check_done("test_access");
}
