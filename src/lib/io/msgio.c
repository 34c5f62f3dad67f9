/* SPDX-License-Identifier: MIT */
/*
 * Messages through a queue of either kind: a System V queue by id
 * (msgsnd, msgrcv, and MSG_COPY to look without taking), a POSIX queue
 * through one descriptor (mq_send, mq_receive).  The buffer grows to the
 * message: msgrcv says E2BIG, and leaves the message queued, when it is
 * too small, so nothing is ever cut short.
 */
#define _GNU_SOURCE	/* MSG_EXCEPT, MSG_COPY */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <mqueue.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <unistd.h>

#include "internal.h"

#ifndef MSG_COPY
#define MSG_COPY	040000
#endif

/* The largest message msgrcv can hand back: msgsz is checked as a long. */
#define TEXT_MAX	((size_t)INT_MAX)

IPCK_API unsigned char *
ipck_msg_room(struct ipck_msg *m, size_t len)
{
	size_t cap = m->cap > 0 ? m->cap : 256;
	void *p;

	if (len <= m->cap && m->buf != NULL)
		return m->text;
	if (len > TEXT_MAX) {
		errno = ENOMEM;
		return NULL;
	}
	while (cap < len)
		cap = cap > TEXT_MAX / 2 ? TEXT_MAX : cap * 2;
	/* msgsnd and msgrcv want the type just before the text */
	if ((p = realloc(m->buf, sizeof(long) + cap)) == NULL)
		return NULL;
	m->buf = p;
	m->cap = cap;
	m->text = (unsigned char *)p + sizeof(long);
	return m->text;
}

IPCK_API void
ipck_msg_free(struct ipck_msg *m)
{
	free(m->buf);
	m->buf = NULL;
	m->text = NULL;
	m->cap = 0;
	m->len = 0;
}

/* msgmax now: the kind's own IPC_INFO, which needs no permission. */
static int
msgmax(uint64_t *max)
{
	struct ipck_limits lim;

	if (ipck__msg_ops.limits(&lim) < 0)
		return -1;
	*max = lim.msgmax;
	return 0;
}

IPCK_API int
ipck_queue_open(struct ipck_queue *q, const struct ipck_obj *o,
    unsigned int how)
{
	struct mq_attr a;
	int oflag;

	q->kind = o->kind;
	q->id = o->id;
	q->fd = -1;
	q->nonblock = 0;
	if (o->kind == IPCK_MSG) {
		if (msgmax(&q->maxlen) < 0)
			return -1;
		/* a message longer than the queue's limit would never fit in it */
		if ((o->have & IPCK_HAVE_QBYTES) && o->u.msg.qbytes < q->maxlen)
			q->maxlen = o->u.msg.qbytes;
		return 0;
	}
	if (o->kind != IPCK_PMSG) {
		errno = EINVAL;
		return -1;
	}
	oflag = (how & IPCK_Q_READ) && (how & IPCK_Q_WRITE) ? O_RDWR :
	    (how & IPCK_Q_WRITE) ? O_WRONLY : O_RDONLY;
	if ((q->fd = mq_open(o->name, oflag | O_CLOEXEC)) < 0)
		return -1;
	if (mq_getattr(q->fd, &a) < 0) {
		ipck_queue_close(q);
		return -1;
	}
	q->maxlen = (uint64_t)a.mq_msgsize;
	return 0;
}

IPCK_API void
ipck_queue_close(struct ipck_queue *q)
{
	int saved = errno;

	if (q->fd >= 0)
		mq_close(q->fd);
	q->fd = -1;
	errno = saved;
}

/* A POSIX queue's descriptor blocks or not, as flags ask: one call when that changes. */
static int
pmsg_mode(struct ipck_queue *q, unsigned int flags)
{
	struct mq_attr a = { 0 };
	int want = (flags & IPCK_NOWAIT) != 0;

	if (want == q->nonblock)
		return 0;
	a.mq_flags = want ? O_NONBLOCK : 0;
	if (mq_setattr(q->fd, &a, NULL) < 0)
		return -1;
	q->nonblock = want;
	return 0;
}

IPCK_API int
ipck_queue_send(struct ipck_queue *q, struct ipck_msg *m, unsigned int flags)
{
	if (m->len > q->maxlen) {
		errno = EMSGSIZE;
		return -1;
	}
	if (q->kind == IPCK_PMSG) {
		if (m->type < 0 || m->type >= MQ_PRIO_MAX) {
			errno = EINVAL;
			return -1;
		}
		if (pmsg_mode(q, flags) < 0)
			return -1;
		return mq_send(q->fd, (const char *)m->text, m->len,
		    (unsigned int)m->type);
	}
	if (m->type <= 0 || ipck_msg_room(m, m->len) == NULL) {
		errno = m->type <= 0 ? EINVAL : ENOMEM;
		return -1;
	}
	*(long *)m->buf = m->type;
	return msgsnd(q->id, m->buf, m->len, flags & IPCK_NOWAIT ? IPC_NOWAIT : 0);
}

/* What msgrcv returned: the message's length and type, now in m. */
static int
took(struct ipck_msg *m, ssize_t r)
{
	if (r < 0)
		return -1;
	m->len = (size_t)r;
	m->type = *(long *)m->buf;
	return 0;
}

IPCK_API int
ipck_queue_recv(struct ipck_queue *q, long type, unsigned int flags,
    struct ipck_msg *m)
{
	unsigned int prio;
	ssize_t r;
	int flg;

	if (q->kind == IPCK_PMSG) {
		if (type != 0 || (flags & IPCK_EXCEPT)) {
			errno = EINVAL;
			return -1;
		}
		if (ipck_msg_room(m, (size_t)q->maxlen) == NULL ||
		    pmsg_mode(q, flags) < 0)
			return -1;
		if ((r = mq_receive(q->fd, (char *)m->text, m->cap, &prio)) < 0) {
			if (errno == EAGAIN)
				errno = ENOMSG;
			return -1;
		}
		m->len = (size_t)r;
		m->type = (long)prio;
		return 0;
	}
	flg = (flags & IPCK_NOWAIT ? IPC_NOWAIT : 0) |
	    (flags & IPCK_EXCEPT ? MSG_EXCEPT : 0);
	if (ipck_msg_room(m, m->cap > 0 ? m->cap : (size_t)q->maxlen) == NULL)
		return -1;
	/* too small a buffer leaves the message queued: grow, and take it again */
	while ((r = msgrcv(q->id, m->buf, m->cap, type, flg)) < 0 &&
	    errno == E2BIG && m->cap < TEXT_MAX)
		if (ipck_msg_room(m, m->cap + 1) == NULL)
			return -1;
	return took(m, r);
}

/*
 * The kernel copies into a buffer of at most msgmax bytes, whatever the
 * size asked: a message longer than today's msgmax (sent before it was
 * lowered) cannot be copied at all, and that stays E2BIG.
 */
IPCK_API int
ipck_queue_peek(struct ipck_queue *q, size_t index, struct ipck_msg *m)
{
	uint64_t max;
	ssize_t r;

	if (q->kind != IPCK_MSG) {
		errno = EOPNOTSUPP;
		return -1;
	}
	if (index > LONG_MAX) {
		errno = ENOMSG;
		return -1;
	}
	if (ipck_msg_room(m, m->cap > 0 ? m->cap : (size_t)q->maxlen) == NULL)
		return -1;
	while ((r = msgrcv(q->id, m->buf, m->cap, (long)index,
	    MSG_COPY | IPC_NOWAIT)) < 0 && errno == E2BIG) {
		if (msgmax(&max) < 0 || max <= m->cap) {
			errno = E2BIG;
			return -1;
		}
		if (ipck_msg_room(m, (size_t)max) == NULL)
			return -1;
	}
	return took(m, r);
}
