/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for changing objects: chmod's symbolic modes, checked by
 * hand against chmod(1)'s rules; IPC_SET through ipck_change, checked
 * with IPC_STAT; a POSIX object's file, checked with stat(2).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ipckit.h"
#include "check.h"

static const struct {
	const char	*spec;
	unsigned int	 old, want;
	int		 ok;		/* 1; 0 EINVAL; -1 ERANGE */
} modes[] = {
	{ "640", 0777, 0640, 1 },
	{ "0", 0777, 0, 1 },
	{ "1777", 0, 0, -1 },		/* above 0777: refused, not cut */
	{ "g+r", 0600, 0640, 1 },
	{ "g+r,o=r", 0600, 0644, 1 },
	{ "u=rw,go=", 0777, 0600, 1 },
	{ "+r", 0200, 0644, 1 },	/* no who: all (no umask) */
	{ "a-w", 0666, 0444, 1 },
	{ "o=u", 0640, 0646, 1 },
	{ "g=u-w", 0700, 0750, 1 },	/* = then -: g gets u's, less w */
	{ "ug+x", 0600, 0710, 1 },
	{ "go=", 0666, 0600, 1 },
	{ "u+rw,g+rw,o+rw", 0, 0666, 1 },
	{ "g+z", 0600, 0, 0 },
	{ "q+r", 0600, 0, 0 },
	{ "g", 0600, 0, 0 },
	{ "g+r,", 0600, 0, 0 },
	{ "", 0600, 0, 0 },
	{ "8", 0600, 0, 0 },
};

static void
test_modes(void)
{
	unsigned int m;
	size_t i;
	int r;

	for (i = 0; i < sizeof(modes) / sizeof(modes[0]); i++) {
		m = 01234;
		errno = 0;
		r = ipck_mode_apply(modes[i].spec, modes[i].old, &m);
		if (modes[i].ok > 0)
			CHECK(r == 0 && m == modes[i].want, "%s on %o: %o, not %o",
			    modes[i].spec, modes[i].old, m, modes[i].want);
		else
			CHECK(r == -1 && errno == (modes[i].ok < 0 ? ERANGE :
			    EINVAL), "%s refused", modes[i].spec);
	}
}

static void
test_sysv(void)
{
	struct ipck_change ch = { 0, 0, 0, 0, 0 };
	struct shmid_ds sd;
	struct msqid_ds md;
	struct ipck_obj o;
	int id, q;

	id = ipck_create(IPCK_SHM, 0, 4096, 0600, 0, NULL);
	q = ipck_create(IPCK_MSG, 0, 0, 0600, 0, NULL);
	CHECK(id >= 0 && q >= 0 && ipck_stat(IPCK_SHM, id, &o) == 0,
	    "a segment and a queue");
	ch.what = IPCK_SET_MODE | IPCK_SET_UID | IPCK_SET_GID;
	ch.mode = 0640;
	ch.uid = 4242;
	ch.gid = 4243;
	CHECK(ipck_change(&o, &ch) == 0, "mode, owner, group: %s",
	    strerror(errno));
	CHECK(shmctl(id, IPC_STAT, &sd) == 0 && (sd.shm_perm.mode & 0777) ==
	    0640 && sd.shm_perm.uid == 4242 && sd.shm_perm.gid == 4243 &&
	    sd.shm_perm.cuid == 0, "as IPC_STAT says; the creator kept");
	/* only the mode: owner and group stay */
	ch.what = IPCK_SET_MODE;
	ch.mode = 0604;
	CHECK(ipck_change(&o, &ch) == 0 && shmctl(id, IPC_STAT, &sd) == 0 &&
	    (sd.shm_perm.mode & 0777) == 0604 && sd.shm_perm.uid == 4242,
	    "the mode alone");
	errno = 0;
	ch.mode = 01777;
	CHECK(ipck_change(&o, &ch) == -1 && errno == EINVAL, "above 0777");
	ch.what = IPCK_SET_QBYTES;
	ch.qbytes = 100;
	errno = 0;
	CHECK(ipck_change(&o, &ch) == -1 && errno == EINVAL, "qbytes of a segment");
	CHECK(ipck_stat(IPCK_MSG, q, &o) == 0 && ipck_change(&o, &ch) == 0 &&
	    msgctl(q, IPC_STAT, &md) == 0 && md.msg_qbytes == 100 &&
	    (md.msg_perm.mode & 0777) == 0600, "a queue's qbytes, its mode kept");
	CHECK(ipck_shm_lock(id, 1) == 0 && shmctl(id, IPC_STAT, &sd) == 0 &&
	    (sd.shm_perm.mode & SHM_LOCKED), "locked");
	CHECK(ipck_shm_lock(id, 0) == 0 && shmctl(id, IPC_STAT, &sd) == 0 &&
	    !(sd.shm_perm.mode & SHM_LOCKED), "unlocked");
	ipck_remove(IPCK_SHM, id);
	ipck_remove(IPCK_MSG, q);
}

static void
test_posix(void)
{
	struct ipck_change ch = { IPCK_SET_MODE | IPCK_SET_GID, 0, 4243, 0640, 0 };
	struct ipck_ref ref = { IPCK_PSHM, IPCK_BY_NAME, 0, 0, "/t_change", NULL };
	struct ipck_obj o;
	struct stat st;
	int fd;

	fd = open("/dev/shm/t_change", O_RDWR | O_CREAT | O_EXCL, 0600);
	CHECK(fd >= 0 && ipck_resolve(&ref, &o) == 0, "an object");
	CHECK(ipck_change(&o, &ch) == 0 && fstat(fd, &st) == 0 &&
	    (st.st_mode & 0777) == 0640 && st.st_gid == 4243 && st.st_uid == 0,
	    "its file's mode and group");
	/* a file put in its place is not the object described */
	unlink("/dev/shm/t_change");
	close(open("/dev/shm/t_change", O_RDWR | O_CREAT | O_EXCL, 0600));
	errno = 0;
	CHECK(ipck_change(&o, &ch) == -1 && errno == ENOENT, "replaced: ENOENT");
	CHECK(stat("/dev/shm/t_change", &st) == 0 && (st.st_mode & 0777) ==
	    0600, "and the new file untouched");
	unlink("/dev/shm/t_change");
	close(fd);
}

int
main(void)
{
	const char *ns = getenv("IPCKIT_PRIVATE_NS");

	if (ns == NULL || *ns == '\0') {
		fprintf(stderr, "test_change: not in a private namespace; run it "
		    "through tests/ns\n");
		return 1;
	}
	test_modes();
	test_sysv();
	test_posix();
	return check_done("test_change");
}
