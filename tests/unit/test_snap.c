/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for snapshots (ipck_snap_*) and ipck_obj_diff: records made
 * here by hand, so each answer is known before the library gives it; then
 * one walk of real segments, attached and removed between two walks.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>

#include "ipckit.h"
#include "check.h"

static struct ipck_obj
shm(int id, key_t key, uint64_t nattch)
{
	struct ipck_obj o;

	memset(&o, 0, sizeof(o));
	o.kind = IPCK_SHM;
	o.id = id;
	o.key = key;
	o.mode = 0600;
	o.u.shm.size = 4096;
	o.u.shm.nattch = nattch;
	o.u.shm.cpid = 100;
	return o;
}

static struct ipck_obj
pshm(const char *name, ino_t ino, uint64_t size)
{
	struct ipck_obj o;

	memset(&o, 0, sizeof(o));
	o.kind = IPCK_PSHM;
	o.id = -1;
	o.mode = 0600;
	o.u.pshm.size = size;
	o.file.ino = ino;
	snprintf(o.name, sizeof(o.name), "%s", name);
	return o;
}

/* What gone() was called with, in order: "id" or "name", a line each. */
static char gone_log[256];

static int
log_gone(const struct ipck_obj *o, void *arg)
{
	size_t n = strlen(gone_log);

	(void)arg;
	if (o->name[0] != '\0') {
		if (n + strlen(o->name) + 2 <= sizeof(gone_log)) {
			strcat(gone_log, o->name);
			strcat(gone_log, " ");
		}
	} else
		snprintf(gone_log + n, sizeof(gone_log) - n, "%d ", o->id);
	return 0;
}

static void
test_sysv(void)
{
	ipck_snap *s = ipck_snap_new();
	struct ipck_obj a = shm(5, 0x1234, 0), b = shm(70000, 0, 0), before;
	const struct ipck_field *ch[4];

	CHECK(s != NULL, "new");
	ipck_snap_begin(s, IPCK_SHM);
	CHECK(ipck_snap_put(s, &a, &before) == IPCK_SNAP_NEW, "a: new");
	CHECK(ipck_snap_put(s, &b, &before) == IPCK_SNAP_NEW, "b: new");
	CHECK(ipck_snap_end(s, IPCK_SHM, log_gone, NULL) == 0 &&
	    gone_log[0] == '\0', "nothing gone in the first walk");
	CHECK(ipck_snap_count(s, IPCK_SHM) == 2 && ipck_snap_count(s, -1) == 2 &&
	    ipck_snap_count(s, IPCK_MSG) == 0, "two kept");

	/* the second walk: a attached, b the same */
	ipck_snap_begin(s, IPCK_SHM);
	a.u.shm.nattch = 1;
	a.u.shm.lpid = 200;
	memset(&before, 0x55, sizeof(before));
	CHECK(ipck_snap_put(s, &a, &before) == IPCK_SNAP_CHANGED, "a: changed");
	CHECK(before.id == 5 && before.u.shm.nattch == 0 &&
	    before.u.shm.lpid == 0 && before.place == NULL &&
	    before.name[0] == '\0', "before: as kept, the rest zero");
	CHECK(ipck_snap_put(s, &b, &before) == IPCK_SNAP_SAME, "b: the same");
	CHECK(ipck_obj_diff(&before, &a, ch, 4) == 2 &&
	    strcmp(ch[0]->name, "nattch") == 0 &&
	    strcmp(ch[1]->name, "lpid") == 0, "nattch and lpid differ");
	CHECK(ipck_snap_end(s, IPCK_SHM, log_gone, NULL) == 0 &&
	    gone_log[0] == '\0', "nothing gone in the second");

	/* the third: a gone, b's id under another key (a new object) */
	ipck_snap_begin(s, IPCK_SHM);
	b.key = 0x99;
	CHECK(ipck_snap_put(s, &b, &before) == IPCK_SNAP_REPLACED &&
	    before.key == 0, "b: replaced, and the one that went");
	CHECK(ipck_snap_end(s, IPCK_SHM, log_gone, NULL) == 0 &&
	    strcmp(gone_log, "5 ") == 0, "a gone: %s", gone_log);
	CHECK(ipck_snap_count(s, IPCK_SHM) == 1, "one kept");
	gone_log[0] = '\0';

	/* a walk that put nothing: all gone, in id order */
	a.id = 3;
	ipck_snap_begin(s, IPCK_SHM);
	CHECK(ipck_snap_put(s, &a, NULL) == IPCK_SNAP_NEW, "a again (id 3)");
	ipck_snap_begin(s, IPCK_SHM);
	CHECK(ipck_snap_end(s, IPCK_SHM, log_gone, NULL) == 0 &&
	    strcmp(gone_log, "3 70000 ") == 0, "all gone, by id: %s", gone_log);
	CHECK(ipck_snap_count(s, -1) == 0, "none kept");
	gone_log[0] = '\0';
	ipck_snap_free(s);
}

static int
stop(const struct ipck_obj *o, void *arg)
{
	(void)o;
	return ++*(int *)arg == 2 ? 7 : 0;
}

static void
test_posix(void)
{
	ipck_snap *s = ipck_snap_new();
	struct ipck_obj x = pshm("/x", 10, 0), y = pshm("/y", 11, 0), before;
	int calls = 0, i;
	char name[16];

	ipck_snap_begin(s, IPCK_PSHM);
	CHECK(ipck_snap_put(s, &y, NULL) == IPCK_SNAP_NEW &&
	    ipck_snap_put(s, &x, NULL) == IPCK_SNAP_NEW, "x, y: new");
	ipck_snap_end(s, IPCK_PSHM, NULL, NULL);
	ipck_snap_begin(s, IPCK_PSHM);
	x.u.pshm.size = 4096;
	CHECK(ipck_snap_put(s, &x, &before) == IPCK_SNAP_CHANGED &&
	    strcmp(before.name, "/x") == 0 && before.u.pshm.size == 0,
	    "x: grew");
	y.file.ino = 12;
	CHECK(ipck_snap_put(s, &y, &before) == IPCK_SNAP_REPLACED &&
	    before.file.ino == 11, "y: made again under its name");
	ipck_snap_end(s, IPCK_PSHM, log_gone, NULL);
	CHECK(gone_log[0] == '\0', "none gone");

	/* many, to grow the table and reuse slots; gone by name */
	ipck_snap_begin(s, IPCK_PSHM);
	for (i = 0; i < 1000; i++) {
		snprintf(name, sizeof(name), "/n%04d", i);
		x = pshm(name, (ino_t)(100 + i), 0);
		CHECK(ipck_snap_put(s, &x, NULL) == IPCK_SNAP_NEW, "%s", name);
	}
	ipck_snap_end(s, IPCK_PSHM, log_gone, NULL);
	CHECK(strcmp(gone_log, "/x /y ") == 0, "x and y gone, by name: %s",
	    gone_log);
	CHECK(ipck_snap_count(s, IPCK_PSHM) == 1000, "1000 kept");
	ipck_snap_begin(s, IPCK_PSHM);
	x = pshm("/n0500", 600, 0);
	CHECK(ipck_snap_put(s, &x, NULL) == IPCK_SNAP_SAME, "one found among many");
	/* a gone() that stops: the rest stay kept */
	CHECK(ipck_snap_end(s, IPCK_PSHM, stop, &calls) == 7 && calls == 2 &&
	    ipck_snap_count(s, IPCK_PSHM) == 998, "stopped at the second");
	ipck_snap_free(s);
	gone_log[0] = '\0';
}

static void
test_diff(void)
{
	struct ipck_obj a = shm(1, 1, 0), b = a;
	const struct ipck_field *ch[2];

	CHECK(ipck_obj_diff(&a, &b, ch, 2) == 0, "the same");
	b.u.shm.nattch = 2;
	b.u.shm.atime = 1000;
	b.mode = 0644;
	CHECK(ipck_obj_diff(&a, &b, ch, 2) == 3, "three differ");
	/* the table's order: mode (perms) before nattch */
	CHECK(strcmp(ch[0]->name, "mode") == 0 || strcmp(ch[0]->name, "perms") == 0,
	    "first: %s", ch[0]->name);
	CHECK(ipck_obj_diff(&a, &b, NULL, 0) == 3, "counted without room");
	/* known in one only */
	b = a;
	a.have |= IPCK_HAVE_PAGES;
	CHECK(ipck_obj_diff(&a, &b, ch, 2) >= 1, "rss known in one: differs");
}

/* Real segments: one walk, a change, a removal. */
static void
test_walk(void)
{
	ipck_snap *s = ipck_snap_new();
	struct ipck_obj o, before;
	ipck_iter *it;
	int id1, id2, r, news = 0, changes = 0;
	void *p;

	id1 = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
	id2 = shmget(IPC_PRIVATE, 8192, IPC_CREAT | 0600);
	CHECK(id1 >= 0 && id2 >= 0, "shmget");
	ipck_snap_begin(s, IPCK_SHM);
	CHECK((it = ipck_open(IPCK_SHM, 0)) != NULL, "open");
	while (it != NULL && (r = ipck_next(it, &o)) > 0)
		news += ipck_snap_put(s, &o, &before) == IPCK_SNAP_NEW &&
		    (o.id == id1 || o.id == id2);
	ipck_close(it);
	ipck_snap_end(s, IPCK_SHM, log_gone, NULL);
	CHECK(news == 2, "two new: %d", news);
	p = shmat(id1, NULL, SHM_RDONLY);
	shmctl(id2, IPC_RMID, NULL);
	ipck_snap_begin(s, IPCK_SHM);
	it = ipck_open(IPCK_SHM, 0);
	while (it != NULL && (r = ipck_next(it, &o)) > 0)
		if (ipck_snap_put(s, &o, &before) == IPCK_SNAP_CHANGED)
			changes += o.id == id1 && o.u.shm.nattch == 1 &&
			    before.u.shm.nattch == 0;
	ipck_close(it);
	gone_log[0] = '\0';
	ipck_snap_end(s, IPCK_SHM, log_gone, NULL);
	CHECK(changes == 1, "the attach a change");
	{
		char want[32];

		snprintf(want, sizeof(want), "%d ", id2);
		CHECK(strcmp(gone_log, want) == 0, "the removed gone: %s",
		    gone_log);
	}
	shmdt(p);
	shmctl(id1, IPC_RMID, NULL);
	ipck_snap_free(s);
	gone_log[0] = '\0';
}

int
main(void)
{
	errno = 0;
	CHECK(ipck_snap_put(NULL, NULL, NULL) < 0 && errno == EINVAL, "NULL");
	test_sysv();
	test_posix();
	test_diff();
	test_walk();
	return check_done("test_snap");
}
