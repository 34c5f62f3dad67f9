/* SPDX-License-Identifier: MIT */
/*
 * Changing an object: a System V object's owner, group, mode and a
 * queue's byte limit in one IPC_SET, so a refusal leaves it as it was; a
 * segment locked in memory or let go; a POSIX object's file chowned and
 * chmodded as the file rule allows.  And chmod's symbolic modes.
 */
#define _GNU_SOURCE	/* O_PATH, SHM_LOCK */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

/* ops: the chmod(1) clauses of s applied to old, or -1 and EINVAL. */
IPCK_API int
ipck_mode_apply(const char *s, unsigned int old, unsigned int *mode)
{
	unsigned int m = old & 0777, who, bits, mask;
	const char *p = s;
	char op;

	if (s == NULL || *s == '\0')
		goto bad;
	/* octal: the whole mode, at most 0777 */
	if (*s >= '0' && *s <= '7')
		return ipck_parse_mode(s, mode);
	for (;;) {
		for (who = 0; *p == 'u' || *p == 'g' || *p == 'o' || *p == 'a'; p++)
			who |= *p == 'u' ? 0700 : *p == 'g' ? 0070 : *p == 'o' ?
			    0007 : 0777;
		if (who == 0)
			who = 0777;	/* chmod's "+r" is "a+r" (no umask here) */
		if (*p != '+' && *p != '-' && *p != '=')
			goto bad;
		while (*p == '+' || *p == '-' || *p == '=') {
			op = *p++;
			for (bits = 0; *p == 'r' || *p == 'w' || *p == 'x'; p++)
				bits |= *p == 'r' ? 0444 : *p == 'w' ? 0222 : 0111;
			/* u=g: the bits another class has now */
			if (bits == 0 && (*p == 'u' || *p == 'g' || *p == 'o')) {
				mask = *p == 'u' ? (m >> 6) & 7 : *p == 'g' ?
				    (m >> 3) & 7 : m & 7;
				bits = mask * 0111;
				p++;
			}
			bits &= who;
			if (op == '+')
				m |= bits;
			else if (op == '-')
				m &= ~bits;
			else
				m = (m & ~who) | bits;
		}
		if (*p == '\0')
			break;
		if (*p++ != ',')
			goto bad;
	}
	*mode = m;
	return 0;
bad:
	errno = EINVAL;
	return -1;
}

/*
 * One IPC_SET with every field asked for, over what the object has now.
 * IPC_SET reads only uid, gid, mode (and a queue's msg_qbytes), and the
 * owner who may change an object need not be allowed to read it: what it
 * has now comes from ipck_stat, which falls back to *_STAT_ANY.
 */
static int
sysv_set(const struct ipck_obj *o, const struct ipck_change *ch)
{
	struct shmid_ds sd;
	struct msqid_ds md;
	struct semid_ds ed;
	union semun arg;
	struct ipc_perm perm;
	struct ipck_obj now;

	if (ipck_stat(o->kind, o->id, &now) < 0)
		return -1;
	memset(&perm, 0, sizeof(perm));
	perm.uid = ch->what & IPCK_SET_UID ? ch->uid : now.uid;
	perm.gid = ch->what & IPCK_SET_GID ? ch->gid : now.gid;
	perm.mode = (ch->what & IPCK_SET_MODE ? ch->mode : now.mode) & 0777;
	switch (o->kind) {
	case IPCK_SHM:
		memset(&sd, 0, sizeof(sd));
		sd.shm_perm = perm;
		return shmctl(o->id, IPC_SET, &sd);
	case IPCK_MSG:
		memset(&md, 0, sizeof(md));
		md.msg_perm = perm;
		md.msg_qbytes = (msglen_t)(ch->what & IPCK_SET_QBYTES ?
		    ch->qbytes : now.u.msg.qbytes);
		return msgctl(o->id, IPC_SET, &md);
	case IPCK_SEM:
		memset(&ed, 0, sizeof(ed));
		ed.sem_perm = perm;
		arg.buf = &ed;
		return semctl(o->id, 0, IPC_SET, arg);
	default:
		errno = EINVAL;
		return -1;
	}
}

/* A POSIX object's file, the very one described: chown, then chmod. */
static int
posix_set(const struct ipck_obj *o, const struct ipck_change *ch)
{
	struct stat st;
	char self[64];
	int fd, r = 0, err;

	/* O_PATH: no permission on the file itself is needed to name it */
	if ((fd = ipck__posix_open(o, O_PATH, &st)) < 0)
		return -1;
	snprintf(self, sizeof(self), "/proc/self/fd/%d", fd);
	if ((ch->what & (IPCK_SET_UID | IPCK_SET_GID)) &&
	    fchownat(fd, "", ch->what & IPCK_SET_UID ? ch->uid : (uid_t)-1,
	    ch->what & IPCK_SET_GID ? ch->gid : (gid_t)-1, AT_EMPTY_PATH) < 0)
		r = -1;
	if (r == 0 && (ch->what & IPCK_SET_MODE) &&
	    chmod(self, (st.st_mode & ~0777U & 07777) | (ch->mode & 0777)) < 0)
		r = -1;
	err = errno;
	close(fd);
	errno = err;
	return r;
}

IPCK_API int
ipck_change(const struct ipck_obj *o, const struct ipck_change *ch)
{
	const struct ipck_kind_info *k;

	if (o == NULL || ch == NULL || (k = ipck_kind_info(o->kind)) == NULL ||
	    (ch->what & ~(IPCK_SET_UID | IPCK_SET_GID | IPCK_SET_MODE |
	    IPCK_SET_QBYTES)) != 0 || ((ch->what & IPCK_SET_MODE) &&
	    ch->mode > 0777) || ((ch->what & IPCK_SET_QBYTES) &&
	    o->kind != IPCK_MSG)) {
		errno = EINVAL;
		return -1;
	}
	if (ch->what == 0)
		return 0;
	if (k->family == IPCK_POSIX)
		return posix_set(o, ch);
	return sysv_set(o, ch);
}

IPCK_API int
ipck_shm_lock(int id, int lock)
{
	return shmctl(id, lock ? SHM_LOCK : SHM_UNLOCK, NULL);
}
