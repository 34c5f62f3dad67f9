/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for semaphores through ipck_semset_* and ipck_parse_semop,
 * checked with plain semctl(2) and sem_getvalue(3), not with the library.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <semaphore.h>
#include <stdio.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/sem.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "ipckit.h"
#include "check.h"

static const struct {
	const char	*in;
	int		 err;
	unsigned int	 num;
	int		 delta;
} ops[] = {
	{ "0:-1", 0, 0, -1 },
	{ "0:+2", 0, 0, 2 },
	{ "0:2", 0, 0, 2 },
	{ "1:0", 0, 1, 0 },
	{ "65535:32767", 0, 65535, 32767 },
	{ "3:-32768", 0, 3, -32768 },
	{ "3:+32768", ERANGE, 0, 0 },
	{ "3:-32769", ERANGE, 0, 0 },
	{ "65536:1", ERANGE, 0, 0 },
	{ "0:+0", EINVAL, 0, 0 },
	{ "0:-0", EINVAL, 0, 0 },
	{ "0:", EINVAL, 0, 0 },
	{ ":1", EINVAL, 0, 0 },
	{ "0", EINVAL, 0, 0 },
	{ "0:1:2", EINVAL, 0, 0 },
	{ "-1:1", EINVAL, 0, 0 },
	{ "0:--1", EINVAL, 0, 0 },
	{ " 0:1", EINVAL, 0, 0 },
	{ "0:1 ", EINVAL, 0, 0 },
	{ "0x1:1", EINVAL, 0, 0 },
	{ "", EINVAL, 0, 0 },
};

static void
test_parse(void)
{
	struct ipck_semop op;
	size_t i;

	for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		op.num = 42;
		op.delta = 42;
		errno = 0;
		if (ops[i].err == 0)
			CHECK(ipck_parse_semop(ops[i].in, &op) == 0 &&
			    op.num == ops[i].num && op.delta == ops[i].delta,
			    "'%s': %u %d", ops[i].in, op.num, op.delta);
		else
			CHECK(ipck_parse_semop(ops[i].in, &op) == -1 &&
			    errno == ops[i].err && op.num == 42 && op.delta == 42,
			    "'%s': errno %d", ops[i].in, errno);
	}
}

static int
val(int id, int n)
{
	return semctl(id, n, GETVAL);
}

static void
test_sysv(void)
{
	struct ipck_semop two[2] = { { 0, -1 }, { 1, -1 } };
	struct ipck_semop give = { 0, 3 };
	struct timespec ts = { 0, 50000000 };
	struct ipck_semset s;
	struct ipck_obj o;
	int vals[3] = { -1, 7, -1 }, all[3] = { 1, 2, 3 }, got[3];
	int id = semget(IPC_PRIVATE, 3, 0600), st;
	pid_t pid;

	CHECK(id >= 0 && ipck_stat(IPCK_SEM, id, &o) == 0 &&
	    ipck_semset_open(&s, &o) == 0 && s.nsems == 3, "a set of 3");
	CHECK(ipck_semset_op(&s, &give, 1, 0, NULL) == 0 && val(id, 0) == 3,
	    "0:+3");
	/* semaphore 1 has none: so neither is taken */
	errno = 0;
	CHECK(ipck_semset_op(&s, two, 2, IPCK_NOWAIT, NULL) == -1 &&
	    errno == EAGAIN && val(id, 0) == 3, "all or none: EAGAIN, 0 kept 3");
	errno = 0;
	CHECK(ipck_semset_op(&s, two, 2, 0, &ts) == -1 && errno == EAGAIN &&
	    val(id, 0) == 3, "timed out: EAGAIN, nothing done");
	CHECK(ipck_semset_set(&s, vals) == 0 && val(id, 0) == 3 &&
	    val(id, 1) == 7 && val(id, 2) == 0, "SETVAL one: 3 7 0");
	CHECK(ipck_semset_set(&s, all) == 0 && val(id, 0) == 1 &&
	    val(id, 1) == 2 && val(id, 2) == 3, "SETALL: 1 2 3");
	CHECK(ipck_semset_values(&s, got) == 0 && got[0] == 1 && got[1] == 2 &&
	    got[2] == 3, "values: 1 2 3, as GETVAL says: %d %d %d", val(id, 0),
	    val(id, 1), val(id, 2));
	all[1] = 70000;
	errno = 0;
	CHECK(ipck_semset_set(&s, all) == -1 && errno == ERANGE && val(id, 1) == 2,
	    "70000: ERANGE, not cut to 16 bits");
	/* undo: a child takes one with IPCK_UNDO and exits; it comes back */
	if ((pid = fork()) == 0)
		_exit(ipck_semset_op(&s, two, 1, IPCK_UNDO, NULL) == 0 &&
		    val(id, 0) == 0 ? 0 : 1);
	CHECK(pid > 0 && waitpid(pid, &st, 0) == pid && WIFEXITED(st) &&
	    WEXITSTATUS(st) == 0 && val(id, 0) == 1, "undone at exit");
	semctl(id, 0, IPC_RMID);
	errno = 0;
	CHECK(ipck_semset_op(&s, &give, 1, 0, NULL) == -1 && errno == EINVAL,
	    "removed: EINVAL");
	ipck_semset_close(&s);
}

static void
test_posix(void)
{
	struct ipck_ref ref = { IPCK_PSEM, IPCK_BY_NAME, 0, 0, "/ipck_semio", NULL };
	struct ipck_semop take = { 0, -1 }, give = { 0, 2 }, zero = { 0, 0 };
	struct timespec ts = { 0, 50000000 };
	struct ipck_semset s;
	struct ipck_obj o;
	int vals[1] = { 5 }, n = -1;
	sem_t *raw;

	sem_unlink("/ipck_semio");
	raw = sem_open("/ipck_semio", O_CREAT | O_EXCL, 0600, 1);
	CHECK(raw != SEM_FAILED && ipck_resolve(&ref, &o) == 0 &&
	    ipck_semset_open(&s, &o) == 0 && s.nsems == 1, "a POSIX semaphore");
	CHECK(ipck_semset_op(&s, &take, 1, 0, NULL) == 0 &&
	    sem_getvalue(raw, &n) == 0 && n == 0, "0:-1: sem_getvalue says 0");
	errno = 0;
	CHECK(ipck_semset_op(&s, &take, 1, IPCK_NOWAIT, NULL) == -1 &&
	    errno == EAGAIN, "none: EAGAIN");
	errno = 0;
	CHECK(ipck_semset_op(&s, &take, 1, 0, &ts) == -1 && errno == EAGAIN,
	    "timed out: EAGAIN");
	CHECK(ipck_semset_op(&s, &give, 1, 0, NULL) == 0 &&
	    sem_getvalue(raw, &n) == 0 && n == 2, "0:+2: 2");
	errno = 0;
	CHECK(ipck_semset_op(&s, &zero, 1, 0, NULL) == -1 && errno == EINVAL,
	    "wait for 0: EINVAL");
	CHECK(ipck_semset_op(&s, &take, 1, IPCK_UNDO, NULL) == -1 &&
	    errno == EINVAL, "undo: EINVAL");
	CHECK(ipck_semset_set(&s, vals) == 0 && sem_getvalue(raw, &n) == 0 &&
	    n == 5, "raised to 5");
	vals[0] = 1;
	errno = 0;
	CHECK(ipck_semset_set(&s, vals) == -1 && errno == ERANGE &&
	    sem_getvalue(raw, &n) == 0 && n == 5, "lowering: ERANGE, kept");
	CHECK(ipck_semset_values(&s, &n) == 0 && n == 5, "values: 5");
	ipck_semset_close(&s);
	CHECK(s.psem == NULL, "closed");
	sem_close(raw);
	sem_unlink("/ipck_semio");
}

int
main(void)
{
	test_parse();
	test_sysv();
	test_posix();
	return check_done("test_semio");
}
