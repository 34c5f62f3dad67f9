/* SPDX-License-Identifier: MIT */
/*
 * The objects made again, in the archive's order, each whole before the
 * next: made with mode 0600 (only its maker may touch it meanwhile),
 * filled (bytes, byte limit and messages, values), and then given its
 * owner, group and mode.  The saved id is asked for by writing it to
 * /proc/sys/kernel/KIND_next_id where that may be written (as CRIU does),
 * and the id got is checked.  If anything fails, every object this run
 * made is removed again, last first, and the namespace is as it was.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ipcrestore.h"

/* Write id to kind's next id file, kept open for the objects that follow. */
static int
next_id(enum ipck_kind kind, int id)
{
	static int fds[IPCK_NKINDS] = { -1, -1, -1, -1, -1, -1 };
	char path[64], v[24];
	int n;

	if (fds[kind] < 0) {
		snprintf(path, sizeof(path), "/proc/sys/kernel/%s_next_id",
		    ipck_kind_name(kind));
		if ((fds[kind] = open(path, O_WRONLY | O_CLOEXEC)) < 0)
			return -1;
	}
	n = snprintf(v, sizeof(v), "%d\n", id);
	return pwrite(fds[kind], v, (size_t)n, 0) == n ? 0 : -1;
}

/*
 * A segment's or POSIX object's extents, from its member (their bytes
 * back to back): the object opened once for all of them.
 */
static int
bytes(const struct run *r, const struct ar_obj *o, const struct ipck_obj *x)
{
	struct ipck_copy c;
	int rc;

	if (o->next == 0)
		return 0;
	if (lseek(r->in.fd, (off_t)o->member->off, SEEK_SET) < 0)
		return -1;
	memset(&c, 0, sizeof(c));
	rc = o->kind == IPCK_SHM ?
	    ipck_shm_write_runs(x->id, o->ext, o->next, r->in.fd, &c) :
	    ipck_pshm_write_runs(x, o->ext, o->next, r->in.fd, &c);
	if (rc < 0)
		return -1;
	if (c.done != o->bytes) {
		errno = EIO;
		return -1;
	}
	return 0;
}

/* A queue's member as it is read: the message being put together. */
struct sender {
	struct ipck_queue	q;
	struct ipck_msg		m;
	unsigned char		h[AR_MSGHDR];
	size_t			hn;		/* header bytes so far */
	size_t			got;		/* text bytes so far */
	int			text;		/* in a text */
};

/* k bytes of the member, in order (ar_in_scan's fn): each message sent whole. */
static int
send_some(void *arg, const unsigned char *p, size_t k)
{
	struct sender *s = arg;
	uint64_t type, len;
	size_t t;
	int b;

	while (k > 0) {
		if (!s->text) {
			t = AR_MSGHDR - s->hn < k ? AR_MSGHDR - s->hn : k;
			memcpy(s->h + s->hn, p, t);
			s->hn += t;
			p += t;
			k -= t;
			if (s->hn < AR_MSGHDR)
				break;
			for (type = len = 0, b = 0; b < 8; b++) {
				type = type << 8 | s->h[b];
				len = len << 8 | s->h[8 + b];
			}
			if (ipck_msg_room(&s->m, (size_t)len) == NULL)
				return -1;
			s->m.type = (long)type;
			s->m.len = (size_t)len;
			s->hn = s->got = 0;
			s->text = 1;
		}
		t = s->m.len - s->got < k ? s->m.len - s->got : k;
		memcpy(s->m.text + s->got, p, t);
		s->got += t;
		p += t;
		k -= t;
		if (s->got < s->m.len)
			break;
		s->text = 0;
		if (ipck_queue_send(&s->q, &s->m, IPCK_NOWAIT) < 0)
			return -1;
	}
	return 0;
}

/* A queue's messages, from its member, in order (checked whole by ar_load). */
static int
messages(const struct run *r, const struct ar_obj *o, const struct ipck_obj *x)
{
	struct sender s;
	int rc;

	if (o->member == NULL)
		return 0;	/* none */
	memset(&s, 0, sizeof(s));
	if (ipck_queue_open(&s.q, x, IPCK_Q_WRITE) < 0)
		return -1;
	rc = ar_in_scan(&r->in, o->member->off, o->member->size, send_some, &s);
	ipck_msg_free(&s.m);
	ipck_queue_close(&s.q);
	return rc;
}

static int
values(const struct ar_obj *o, const struct ipck_obj *x)
{
	struct ipck_semset s;
	int rc;

	if (ipck_semset_open(&s, x) < 0)
		return -1;
	rc = ipck_semset_set(&s, o->values);
	ipck_semset_close(&s);
	return rc;
}

/* Its owner, group and mode, last. */
static int
owner(const struct ar_obj *o, struct ipck_obj *x)
{
	struct ipck_change ch = { IPCK_SET_UID | IPCK_SET_GID | IPCK_SET_MODE,
	    o->uid, o->gid, o->mode, 0 };

	return ipck_change(x, &ch);
}

/* Object i made into *x: 0, or -1 with *why ("made", "filled", "owned"). */
static int
make_sysv(struct run *r, size_t i, struct ipck_obj *x, const char **why)
{
	const struct ar_obj *o = &r->m.v[i];
	struct ipck_change qb = { IPCK_SET_QBYTES, 0, 0, 0, o->qbytes };
	uint64_t size = o->kind == IPCK_SHM ? o->size : o->kind == IPCK_SEM ?
	    o->nsems : 0;
	int id, want = r->newid[i];

	/* a segment with no data, of the restorer's own: nothing to fill or give */
	int plain = o->kind == IPCK_SHM && o->next == 0 && o->uid == r->euid &&
	    o->gid == r->egid;

	*why = "making it";
	if (want >= 0 && next_id(o->kind, want) < 0)
		return -1;
	id = ipck_create(o->kind, o->key, size, plain ? o->mode : 0600,
	    IPCK_EXCL, NULL);
	if (id < 0)
		return -1;
	x->kind = o->kind;
	x->id = id;
	r->newid[i] = id;
	if (!plain && ipck_stat(o->kind, id, x) < 0)
		return 1;	/* made: to be removed */
	if (want >= 0 && id != want && r->exact) {
		*why = "its id";
		errno = EEXIST;
		return 1;	/* made: to be removed */
	}
	*why = o->kind == IPCK_SHM ? "its bytes" : o->kind == IPCK_MSG ?
	    "its messages" : "its values";
	if (o->kind == IPCK_SHM && bytes(r, o, x) < 0)
		return 1;
	if (o->kind == IPCK_MSG && ((o->qbytes != x->u.msg.qbytes &&
	    ipck_change(x, &qb) < 0) || messages(r, o, x) < 0))
		return 1;
	if (o->kind == IPCK_SEM && values(o, x) < 0)
		return 1;
	*why = "its owner, group and mode";
	return !plain && owner(o, x) < 0 ? 1 : 0;
}

static int
make_posix(struct run *r, size_t i, struct ipck_obj *x, const char **why)
{
	const struct ar_obj *o = &r->m.v[i];
	struct ipck_posix_attr a;

	memset(&a, 0, sizeof(a));
	a.size = o->size;
	a.maxmsg = o->maxmsg;
	a.msgsize = o->msgsize;
	a.value = o->kind == IPCK_PSEM ? (unsigned int)o->values[0] : 0;
	*why = "making it";
	if (ipck_create_name_at(cli_place(), o->kind, o->name, &a, 0600,
	    IPCK_EXCL, x, NULL) < 0)
		return -1;
	*why = o->kind == IPCK_PSHM ? "its bytes" : "its messages";
	if (o->kind == IPCK_PSHM && bytes(r, o, x) < 0)
		return 1;
	if (o->kind == IPCK_PMSG && o->has_contents && messages(r, o, x) < 0)
		return 1;
	*why = "its owner, group and mode";
	return owner(o, x) < 0 ? 1 : 0;
}

/* What was made, to be removed if a later object fails: small, one per object. */
struct made {
	enum ipck_kind	 kind;
	int		 id;
	struct ipck_obj	*posix;		/* a POSIX object's whole record */
};

static void
take_back(struct made *made, size_t n)
{
	struct ipck_obj x;
	size_t k;

	/* last first */
	for (k = n; k > 0; k--) {
		if (made[k - 1].posix != NULL) {
			(void)ipck_remove_obj(made[k - 1].posix);
			continue;
		}
		memset(&x, 0, sizeof(x));
		x.kind = made[k - 1].kind;
		x.id = made[k - 1].id;
		(void)ipck_remove_obj(&x);
	}
}

static void
made_free(struct made *made, size_t n)
{
	size_t k;

	for (k = 0; k < n; k++)
		free(made[k].posix);
	free(made);
}

int
restore_make(struct run *r)
{
	struct made *made;
	struct ipck_obj x;
	const char *why;
	char arg[1100], now[1100];
	size_t i, n = 0;
	int s, e;

	if ((made = calloc(r->m.n + 1, sizeof(*made))) == NULL)
		cli_die(CLI_FAIL, "out of memory");
	r->euid = geteuid();
	r->egid = getegid();
	for (i = 0; i < r->m.n; i++) {
		const struct ar_obj *o = &r->m.v[i];

		if (r->skipped[i])
			continue;
		made[n].kind = x.kind = o->kind;
		x.id = -1;
		if (ipck_kind_info(o->kind)->family == IPCK_SYSV)
			s = make_sysv(r, i, &x, &why);
		else if ((made[n].posix = malloc(sizeof(x))) == NULL) {
			why = "making it";
			s = -1;
		} else
			s = make_posix(r, i, made[n].posix, &why);
		e = errno;
		made[n].id = x.id;
		if (s < 0) {
			free(made[n].posix);
			made[n].posix = NULL;
		} else
			n++;
		if (s != 0) {
			/* all or none: what was made goes again, last first */
			take_back(made, n);
			cli_err("%s: %s: %s; nothing restored%s", restore_arg(o,
			    o->id, arg, sizeof(arg)), why, strerror(e), n > 0 ?
			    " (what was made is removed again)" : "");
			made_free(made, n);
			return CLI_FAIL;
		}
	}
	for (i = 0; i < r->m.n; i++) {
		const struct ar_obj *o = &r->m.v[i];

		if (r->skipped[i])
			continue;
		restore_arg(o, o->id, arg, sizeof(arg));
		if (ipck_kind_info(o->kind)->family == IPCK_SYSV &&
		    r->newid[i] != o->id)
			printf("%s is now %s\n", arg, restore_arg(o, r->newid[i],
			    now, sizeof(now)));
		else if (r->verbose)
			printf("%s made\n", arg);
	}
	made_free(made, n);
	return CLI_OK;
}
