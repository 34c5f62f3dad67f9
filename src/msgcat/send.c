/* SPDX-License-Identifier: MIT */
/*
 * msgcat -w: standard input into the queue, as one message, or a message
 * a record (-L lines, -0 NUL-terminated).  Every record is checked against
 * the longest message the queue takes before any is sent, when that can
 * be known: a file is mapped and read through first; a pipe is sent as it
 * comes, and a record too long stops it there, saying how many went.
 */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "msgcat.h"

#define CHUNK	((size_t)1 << 20)

static int
put(struct job *j, struct ipck_msg *m, unsigned int flags)
{
	return ipck_queue_send(&j->q, m, flags);
}

/* Which limit maxlen is: "msgmax", "its qbytes", "its mq_msgsize". */
static const char *
limit(const struct job *j)
{
	if (j->o.kind == IPCK_PMSG)
		return "its mq_msgsize";
	if ((j->o.have & IPCK_HAVE_QBYTES) && j->o.u.msg.qbytes == j->q.maxlen)
		return "its qbytes";
	return "msgmax";
}

/* What went before a failure: "nothing sent", "3 messages sent, the rest not". */
static const char *
sofar(const struct job *j, char *buf, size_t len)
{
	if (j->moved == 0)
		snprintf(buf, len, "nothing sent");
	else
		snprintf(buf, len, "%" PRIu64 " message%s sent, the rest of "
		    "standard input not", j->moved, j->moved == 1 ? "" : "s");
	return buf;
}

/* A record longer than the queue takes: the line, exit 2. */
static int
too_long(const struct job *j, uint64_t nth, size_t len, int more)
{
	char wb[4 * NAME_MAX + 64], sb[96], nb[32];

	if (j->framed)
		snprintf(nb, sizeof(nb), "%s %" PRIu64 " is ", j->sep == '\n' ?
		    "line" : "record", nth);
	else
		nb[0] = '\0';
	cli_err("standard input: %s%s%zu bytes: %s takes at most %" PRIu64
	    " (%s); %s", nb, more ? "more than " : "", len, cli_what(&j->o, wb,
	    sizeof(wb)), j->q.maxlen, limit(j), sofar(j, sb, sizeof(sb)));
	return CLI_USAGE;
}

/* One message, waited for as asked: 0, or the status after its line. */
static int
deliver(struct job *j, struct ipck_msg *m)
{
	char sb[96];
	int why;

	if ((why = cli_wait_over()) == 0 && msgcat_wait(j, m, put, &why) == 0) {
		j->moved++;
		j->bytes += m->len;
		return 0;
	}
	return msgcat_fail(j, why != 0 ? EINTR : errno, why,
	    sofar(j, sb, sizeof(sb)));
}

/* n bytes at p as one message, copied in after the type. */
static int
deliver_bytes(struct job *j, struct ipck_msg *m, const char *p, size_t n)
{
	if (ipck_msg_room(m, n) == NULL)
		cli_die(CLI_USAGE, "out of memory");
	memcpy(m->text, p, n);
	m->len = n;
	return deliver(j, m);
}

static ssize_t
read_some(void *p, size_t n)
{
	ssize_t r;

	while ((r = read(0, p, n)) < 0 && errno == EINTR)
		continue;
	if (r < 0)
		cli_err("standard input: %s", strerror(errno));
	return r;
}

/* Without -L or -0: all of standard input is the one message. */
static int
whole(struct job *j, struct ipck_msg *m, const struct stat *st)
{
	off_t pos;
	ssize_t r;

	if (S_ISREG(st->st_mode) && (pos = lseek(0, 0, SEEK_CUR)) >= 0 &&
	    st->st_size - pos > 0 && (uint64_t)(st->st_size - pos) > j->q.maxlen)
		return too_long(j, 1, (size_t)(st->st_size - pos), 0);
	m->len = 0;
	for (;;) {
		if (ipck_msg_room(m, m->len + 65536) == NULL)
			cli_die(CLI_USAGE, "out of memory");
		if ((r = read_some(m->text + m->len, m->cap - m->len)) < 0)
			return CLI_USAGE;
		if (r == 0)
			break;
		m->len += (size_t)r;
		if (m->len > j->q.maxlen)
			return too_long(j, 1, (size_t)j->q.maxlen, 1);
	}
	return deliver(j, m);
}

/*
 * The records of n bytes at p, to fn (each record without its separator);
 * a last one without a separator counts too.  0, or fn's status.
 */
static int
records(struct job *j, const char *p, size_t n,
    int (*fn)(struct job *j, struct ipck_msg *m, const char *r, size_t len,
    uint64_t nth), struct ipck_msg *m)
{
	const char *end = p + n, *q;
	uint64_t nth = 0;
	int rc;

	while (p < end) {
		if ((q = memchr(p, j->sep, (size_t)(end - p))) == NULL)
			q = end;
		if ((rc = fn(j, m, p, (size_t)(q - p), ++nth)) != 0)
			return rc;
		p = q + 1;
	}
	return 0;
}

static int
check_one(struct job *j, struct ipck_msg *m, const char *r, size_t len,
    uint64_t nth)
{
	(void)m;
	(void)r;
	return len > j->q.maxlen ? too_long(j, nth, len, 0) : 0;
}

static int
send_one(struct job *j, struct ipck_msg *m, const char *r, size_t len,
    uint64_t nth)
{
	(void)nth;
	return deliver_bytes(j, m, r, len);
}

/* A file: mapped, every record checked, then every record sent. */
static int
mapped(struct job *j, struct ipck_msg *m, const struct stat *st, off_t pos)
{
	size_t n = (size_t)(st->st_size - pos);
	char *map;
	int rc;

	if (n == 0)
		return CLI_OK;
	if ((map = mmap(NULL, (size_t)st->st_size, PROT_READ, MAP_PRIVATE, 0,
	    0)) == MAP_FAILED)
		return -1;
	posix_madvise(map, (size_t)st->st_size, POSIX_MADV_SEQUENTIAL);
	if ((rc = records(j, map + pos, n, check_one, m)) == 0)
		rc = records(j, map + pos, n, send_one, m);
	munmap(map, (size_t)st->st_size);
	/* what a file was read to, as read(2) would leave it */
	if (rc == 0)
		lseek(0, st->st_size, SEEK_SET);
	return rc;
}

/* A pipe or a terminal: sent as it comes, a record at a time. */
static int
streamed(struct job *j, struct ipck_msg *m)
{
	size_t cap = 0, fill = 0, start, len;
	char *buf = NULL, *q, *nb;
	ssize_t r = 1;
	int rc = 0;

	while (rc == 0 && r > 0) {
		/* full, with one record begun that is not too long: room for more */
		if (fill == cap) {
			cap = cap == 0 ? CHUNK : cap * 2;
			if ((nb = realloc(buf, cap)) == NULL)
				cli_die(CLI_USAGE, "out of memory");
			buf = nb;
		}
		if ((r = read_some(buf + fill, cap - fill)) < 0) {
			rc = CLI_USAGE;
			break;
		}
		fill += (size_t)r;
		for (start = 0; rc == 0 && (q = memchr(buf + start, j->sep,
		    fill - start)) != NULL; start = (size_t)(q - buf) + 1) {
			len = (size_t)(q - buf) - start;
			rc = len > j->q.maxlen ? too_long(j, j->moved + 1, len, 0) :
			    deliver_bytes(j, m, buf + start, len);
		}
		if (rc != 0)
			break;
		len = fill - start;
		/* the rest is a record begun: too long already, or kept */
		if (len > j->q.maxlen)
			rc = too_long(j, j->moved + 1, (size_t)j->q.maxlen, 1);
		else if (r == 0 && len > 0)
			rc = deliver_bytes(j, m, buf + start, len);
		memmove(buf, buf + start, len);
		fill = len;
	}
	free(buf);
	return rc;
}

int
msgcat_send(struct job *j)
{
	struct ipck_msg m = { 0, 0, NULL, NULL, 0 };
	struct stat st;
	off_t pos;
	int rc;

	m.type = j->type;
	if (fstat(0, &st) < 0) {
		cli_err("standard input: %s", strerror(errno));
		return CLI_USAGE;
	}
	if (!j->framed)
		rc = whole(j, &m, &st);
	else if (!S_ISREG(st.st_mode) || (pos = lseek(0, 0, SEEK_CUR)) < 0 ||
	    (rc = mapped(j, &m, &st, pos)) < 0)
		rc = streamed(j, &m);
	ipck_msg_free(&m);
	if (rc == 0)
		msgcat_said(j, "to");
	return rc;
}
