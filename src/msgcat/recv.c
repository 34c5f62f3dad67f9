/* SPDX-License-Identifier: MIT */
/*
 * msgcat's receiving and peeking: messages taken (or copied) one at a
 * time and written in order, raw, framed, as a hex dump or as JSON.
 * stdout is buffered; it is flushed before any wait, so a message taken
 * is out before msgcat blocks, and a write that fails stops the taking
 * and says how many taken messages it may have lost.
 */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "msgcat.h"

/* One message out; index is its place in the queue (peek), or -1. */
static void
emit(const struct job *j, const struct ipck_msg *m, long long index)
{
	struct cli_hex h;

	if (j->json) {
		json_begin(j->json, NULL, '{');
		if (index >= 0)
			json_int(j->json, "index", index);
		json_int(j->json, j->o.kind == IPCK_PMSG ? "priority" : "type", m->type);
		json_uint(j->json, "size", m->len);
		if (cli_utf8_valid(m->text, m->len))
			json_bytes(j->json, "text", m->text, m->len);
		else
			json_str(j->json, "text", NULL);
		json_base64(j->json, "base64", m->text, m->len);
		json_end(j->json, '}');
	} else if (j->hex) {
		if (index >= 0)
			printf("message %lld: ", index);
		printf("%s %ld, %zu byte%s\n", j->o.kind == IPCK_PMSG ?
		    "priority" : "type", m->type, m->len, m->len == 1 ? "" : "s");
		cli_hex_start(&h, 0);
		cli_hex_run(&h, m->text, m->len);
		cli_hex_end(&h);
	} else {
		fwrite(m->text, 1, m->len, stdout);
		if (j->framed)
			putchar(j->sep);
	}
}

static int
take(struct job *j, struct ipck_msg *m, unsigned int flags)
{
	if (ipck_queue_recv(&j->q, j->type, flags | (j->except ? IPCK_EXCEPT :
	    0), m) < 0)
		return -1;
	/* a NUL after the text bounds a UTF-8 check and JSON's */
	if (ipck_msg_room(m, m->len + 1) == NULL)
		return -1;
	m->text[m->len] = '\0';
	return 0;
}

/* stdout failed: the taken messages it held are lost; say how many. */
static int
lost(struct job *j, uint64_t held)
{
	int err = errno;

	cli_err("standard output: %s: %s%" PRIu64 " message%s taken from the "
	    "queue not written", strerror(err == 0 ? EIO : err),
	    held > 1 ? "up to " : "", held, held == 1 ? "" : "s");
	j->lost = 1;
	return CLI_FAIL;
}

static int
receive(struct job *j)
{
	struct ipck_msg m = { 0, 0, NULL, NULL, 0 };
	uint64_t want = j->count > 0 ? j->count : j->all ? UINT64_MAX : 1;
	uint64_t held = 0;	/* taken since stdout last took everything */
	int r = 0, why = 0, err = 0, rc = CLI_OK;
	char db[64];

	while (j->moved < want) {
		if ((why = cli_wait_over()) != 0) {
			r = -1;
			err = EINTR;
			break;
		}
		if (j->all)
			r = take(j, &m, IPCK_NOWAIT);
		else {
			if (held > 0 && fflush(stdout) == 0)
				held = 0;
			r = msgcat_wait(j, &m, take, &why);
		}
		if (r < 0) {
			err = errno;
			break;
		}
		emit(j, &m, -1);
		j->moved++;
		j->bytes += m.len;
		held++;
		if (ferror(stdout)) {
			ipck_msg_free(&m);
			return lost(j, held);
		}
	}
	ipck_msg_free(&m);
	if (fflush(stdout) != 0)
		return lost(j, held);
	if (why <= 0)
		msgcat_said(j, "from");
	/* -a ends where the queue does: a failure only when nothing came */
	if (r < 0 && !(j->all && err == ENOMSG && j->moved > 0 && why == 0)) {
		snprintf(db, sizeof(db), "%" PRIu64 " of %" PRIu64 " messages "
		    "taken", j->moved, want);
		rc = msgcat_fail(j, err, why, j->moved > 0 ? db : NULL);
	}
	return rc;
}

/* Whether a copy of type has the type -t and --except ask for. */
static int
wanted(const struct job *j, long type)
{
	if (j->type == 0)
		return 1;
	if (j->type < 0)
		return type <= -j->type;
	return j->except ? type != j->type : type == j->type;
}

/* A copy kept for -t < 0, which takes the lowest type first. */
struct copy {
	struct ipck_msg	 m;
	long long	 index;
};

static int
by_type(const void *a, const void *b)
{
	const struct copy *x = a, *y = b;

	if (x->m.type != y->m.type)
		return x->m.type < y->m.type ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

static int
peek_one(struct job *j, struct ipck_msg *m, size_t index)
{
	if (ipck_queue_peek(&j->q, index, m) < 0 ||
	    ipck_msg_room(m, m->len + 1) == NULL)
		return -1;
	m->text[m->len] = '\0';
	return 0;
}

/* The line for a copy that failed, and the status. */
static int
peek_failed(struct job *j, int err, size_t index)
{
	struct ipck_limits lim;

	if (err == ENOSYS)
		cli_err("%s: this kernel cannot copy a message without taking it "
		    "(MSG_COPY needs CONFIG_CHECKPOINT_RESTORE)", j->t->arg);
	else if (err == E2BIG)
		cli_err("%s: message %zu is longer than msgmax is now (%" PRIu64
		    " bytes): it can be taken, not copied", j->t->arg, index,
		    ipck_limits(&lim) == 0 ? lim.msgmax : 0);
	else
		return msgcat_fail(j, err, 0, NULL);
	return CLI_FAIL;
}

static int
peek(struct job *j)
{
	struct ipck_msg m = { 0, 0, NULL, NULL, 0 };
	uint64_t want = j->count > 0 ? j->count : j->all ? UINT64_MAX : 1;
	struct copy *low = NULL;
	size_t index, n = 0, i;
	int rc = CLI_OK;

	/* by index, 0 the oldest: ENOMSG past the last one */
	for (index = 0; j->moved < want && cli_wait_over() == 0; index++) {
		if (peek_one(j, &m, index) < 0) {
			if (errno != ENOMSG)
				rc = peek_failed(j, errno, index);
			break;
		}
		if (!wanted(j, m.type))
			continue;
		if (j->type < 0) {
			/* the lowest types come first: all of them are seen first */
			low = cli_grow(low, n, sizeof(*low));
			low[n].index = (long long)index;
			low[n++].m = m;
			memset(&m, 0, sizeof(m));
			continue;
		}
		emit(j, &m, (long long)index);
		j->moved++;
		j->bytes += m.len;
	}
	if (low != NULL)
		qsort(low, n, sizeof(*low), by_type);
	for (i = 0; i < n; i++) {
		if (rc == CLI_OK && j->moved < want) {
			emit(j, &low[i].m, low[i].index);
			j->moved++;
			j->bytes += low[i].m.len;
		}
		ipck_msg_free(&low[i].m);
	}
	free(low);
	ipck_msg_free(&m);
	if (rc == CLI_OK) {
		msgcat_said(j, "copied from");
		if (j->moved == 0)
			rc = msgcat_fail(j, ENOMSG, 0, NULL);
	}
	if (cli_wait_over() > 0)
		msgcat_fail(j, EINTR, cli_wait_over(), NULL);
	return rc;
}

int
msgcat_recv(struct job *j)
{
	/*
	 * A stdout closed or opened read-only is known before a message is
	 * taken: a write of nothing says EBADF then, and nothing is lost.
	 */
	if (!j->peek && write(1, "", 0) < 0) {
		cli_err("standard output: %s: nothing taken from the queue",
		    strerror(errno));
		j->lost = 1;
		return CLI_FAIL;
	}
	setvbuf(stdout, NULL, _IOFBF, 1 << 16);
	if (j->json != NULL)
		json_lines(j->json, 1);
	return j->peek ? peek(j) : receive(j);
}
