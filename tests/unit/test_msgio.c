/* SPDX-License-Identifier: MIT */
/*
 * Unit tests for messages through ipck_queue_*: checked with plain
 * msgsnd, msgrcv, msgctl and mq_* calls, not with the library.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <mqueue.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <unistd.h>

#include "ipckit.h"
#include "check.h"

struct raw {
	long	type;
	char	text[8192];
};

static int
qnum(int id)
{
	struct msqid_ds ds;

	return msgctl(id, IPC_STAT, &ds) < 0 ? -1 : (int)ds.msg_qnum;
}

static void
test_sysv(void)
{
	static struct raw r;
	struct ipck_msg m = { 0, 0, NULL, NULL, 0 };
	struct ipck_queue q;
	struct ipck_obj o;
	int id = msgget(IPC_PRIVATE, 0600), i;

	CHECK(id >= 0 && ipck_stat(IPCK_MSG, id, &o) == 0, "a queue: %s",
	    strerror(errno));
	CHECK(ipck_queue_open(&q, &o, IPCK_Q_READ | IPCK_Q_WRITE) == 0 &&
	    q.fd == -1 && q.maxlen == 8192, "open: maxlen %llu",
	    (unsigned long long)q.maxlen);

	/* a send is what msgrcv takes */
	CHECK(ipck_msg_room(&m, 5) != NULL, "room");
	memcpy(m.text, "hello", 5);
	m.len = 5;
	m.type = 7;
	CHECK(ipck_queue_send(&q, &m, 0) == 0, "send: %s", strerror(errno));
	CHECK(msgrcv(id, &r, sizeof(r.text), 0, IPC_NOWAIT) == 5 && r.type == 7 &&
	    memcmp(r.text, "hello", 5) == 0, "msgrcv took what was sent");
	m.type = 0;
	errno = 0;
	CHECK(ipck_queue_send(&q, &m, 0) == -1 && errno == EINVAL,
	    "type 0: EINVAL");
	m.type = 1;
	m.len = 8193;
	CHECK(ipck_msg_room(&m, 8193) != NULL, "room 8193");
	CHECK(ipck_queue_send(&q, &m, 0) == -1 && errno == EMSGSIZE &&
	    qnum(id) == 0, "longer than msgmax: EMSGSIZE, nothing sent");
	ipck_msg_free(&m);

	/* a buffer too small grows: the message is whole, none cut */
	r.type = 3;
	memset(r.text, 'z', sizeof(r.text));
	CHECK(msgsnd(id, &r, sizeof(r.text), 0) == 0, "msgsnd");
	CHECK(ipck_msg_room(&m, 10) != NULL && m.cap < 8192, "a small buffer");
	CHECK(ipck_queue_recv(&q, 0, IPCK_NOWAIT, &m) == 0 && m.len == 8192 &&
	    m.type == 3 && m.text[8191] == 'z', "grown to the message: %zu",
	    m.len);
	errno = 0;
	CHECK(ipck_queue_recv(&q, 0, IPCK_NOWAIT, &m) == -1 && errno == ENOMSG,
	    "empty: ENOMSG");

	/* types by msgrcv's rule */
	for (i = 0; i < 4; i++) {
		r.type = (long[]){ 3, 1, 2, 1 }[i];
		r.text[0] = (char)('a' + i);
		CHECK(msgsnd(id, &r, 1, 0) == 0, "msgsnd %d", i);
	}
	CHECK(ipck_queue_recv(&q, 2, IPCK_NOWAIT, &m) == 0 && m.text[0] == 'c',
	    "type 2: the first of type 2");
	CHECK(ipck_queue_recv(&q, 1, IPCK_NOWAIT | IPCK_EXCEPT, &m) == 0 &&
	    m.text[0] == 'a' && m.type == 3, "except 1: the first of another");
	CHECK(ipck_queue_recv(&q, -5, IPCK_NOWAIT, &m) == 0 && m.text[0] == 'b',
	    "-5: the first of the lowest type");

	/* a peek copies, and the queue is as it was */
	CHECK(ipck_queue_peek(&q, 0, &m) == 0 && m.text[0] == 'd' &&
	    m.type == 1 && qnum(id) == 1, "peek 0 leaves it queued");
	errno = 0;
	CHECK(ipck_queue_peek(&q, 1, &m) == -1 && errno == ENOMSG,
	    "peek past the last: ENOMSG");
	CHECK(ipck_queue_recv(&q, 0, IPCK_NOWAIT, &m) == 0 && qnum(id) == 0,
	    "and it can still be taken");

	/* full, without waiting: EAGAIN */
	{
		struct msqid_ds ds;

		msgctl(id, IPC_STAT, &ds);
		ds.msg_qbytes = 4;
		CHECK(msgctl(id, IPC_SET, &ds) == 0, "qbytes 4");
		CHECK(ipck_stat(IPCK_MSG, id, &o) == 0 &&
		    ipck_queue_open(&q, &o, IPCK_Q_WRITE) == 0 && q.maxlen == 4,
		    "maxlen is the byte limit when lower: %llu",
		    (unsigned long long)q.maxlen);
	}
	ipck_msg_room(&m, 3);
	memcpy(m.text, "abc", 3);
	m.len = 3;
	m.type = 1;
	CHECK(ipck_queue_send(&q, &m, IPCK_NOWAIT) == 0, "3 bytes fit");
	errno = 0;
	CHECK(ipck_queue_send(&q, &m, IPCK_NOWAIT) == -1 && errno == EAGAIN &&
	    qnum(id) == 1, "full: EAGAIN");
	ipck_msg_free(&m);
	msgctl(id, IPC_RMID, NULL);
	errno = 0;
	CHECK(ipck_queue_recv(&q, 0, IPCK_NOWAIT, &m) == -1 &&
	    (errno == EINVAL || errno == EIDRM), "removed: %s", strerror(errno));
	ipck_msg_free(&m);
}

static void
test_posix(void)
{
	struct mq_attr a = { 0, 2, 16, 0, { 0 } };
	struct ipck_msg m = { 0, 0, NULL, NULL, 0 };
	struct ipck_ref ref = { IPCK_PMSG, IPCK_BY_NAME, 0, 0, "/ipck_msgio", NULL };
	struct ipck_queue q;
	struct ipck_obj o;
	char buf[16];
	unsigned int prio;
	mqd_t raw;

	mq_unlink("/ipck_msgio");
	raw = mq_open("/ipck_msgio", O_RDWR | O_CREAT | O_EXCL | O_NONBLOCK, 0600,
	    &a);
	CHECK(raw != (mqd_t)-1 && ipck_resolve(&ref, &o) == 0, "a POSIX queue: %s",
	    strerror(errno));
	CHECK(ipck_queue_open(&q, &o, IPCK_Q_READ | IPCK_Q_WRITE) == 0 &&
	    q.fd >= 0 && q.maxlen == 16, "open: maxlen %llu",
	    (unsigned long long)q.maxlen);
	ipck_msg_room(&m, 4);
	memcpy(m.text, "four", 4);
	m.len = 4;
	m.type = 9;
	CHECK(ipck_queue_send(&q, &m, 0) == 0, "send");
	CHECK(mq_receive(raw, buf, sizeof(buf), &prio) == 4 && prio == 9 &&
	    memcmp(buf, "four", 4) == 0, "mq_receive took it, priority 9");
	m.type = MQ_PRIO_MAX;
	errno = 0;
	CHECK(ipck_queue_send(&q, &m, 0) == -1 && errno == EINVAL,
	    "priority MQ_PRIO_MAX: EINVAL");
	m.type = 0;
	m.len = 17;
	ipck_msg_room(&m, 17);
	CHECK(ipck_queue_send(&q, &m, 0) == -1 && errno == EMSGSIZE,
	    "past mq_msgsize: EMSGSIZE");
	CHECK(mq_send(raw, "x", 1, 2) == 0 && mq_send(raw, "y", 1, 5) == 0,
	    "mq_send");
	errno = 0;
	CHECK(ipck_queue_send(&q, &m, IPCK_NOWAIT) == -1,
	    "still too long");
	m.len = 1;
	CHECK(ipck_queue_send(&q, &m, IPCK_NOWAIT) == -1 && errno == EAGAIN,
	    "full (maxmsg 2): EAGAIN");
	CHECK(ipck_queue_recv(&q, 0, IPCK_NOWAIT, &m) == 0 && m.type == 5 &&
	    m.len == 1 && m.text[0] == 'y', "the highest priority first");
	errno = 0;
	CHECK(ipck_queue_recv(&q, 1, IPCK_NOWAIT, &m) == -1 && errno == EINVAL,
	    "a type: EINVAL");
	CHECK(ipck_queue_peek(&q, 0, &m) == -1 && errno == EOPNOTSUPP,
	    "peek: EOPNOTSUPP");
	CHECK(ipck_queue_recv(&q, 0, IPCK_NOWAIT, &m) == 0 && m.text[0] == 'x',
	    "then the other");
	errno = 0;
	CHECK(ipck_queue_recv(&q, 0, IPCK_NOWAIT, &m) == -1 && errno == ENOMSG,
	    "empty: ENOMSG, as System V says it");
	ipck_queue_close(&q);
	CHECK(q.fd == -1, "closed");
	ipck_msg_free(&m);
	mq_close(raw);
	mq_unlink("/ipck_msgio");
}

int
main(void)
{
	test_sysv();
	test_posix();
	return check_done("test_msgio");
}
