/* SPDX-License-Identifier: MIT */
/*
 * msgcat -w: standard input into the queue, as one message, or a message
 * a record (-L lines, -0 NUL-terminated).  Every record is checked against
 * the longest message the queue takes before any is sent, when that can
 * be known: a file is read through first, then again to send it; a pipe
 * is sent as it comes, and a record too long stops it there, saying how
 * many went.
 */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
	/* bad input, and nothing done: a usage error; else a failure */
	return j->moved == 0 ? CLI_USAGE : CLI_FAIL;
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
		cli_die(CLI_FAIL, "out of memory");
	memcpy(m->text, p, n);
	m->len = n;
	return deliver(j, m);
}

/* The file was cut short between its check and its sending. */
static int
shrank(const struct job *j, uint64_t got, uint64_t checked)
{
	char sb[96];

	cli_err("standard input: the file ended at byte %" PRIu64 " of the %"
	    PRIu64 " checked: it shrank while it was sent; %s", got, checked,
	    sofar(j, sb, sizeof(sb)));
	return CLI_FAIL;
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
			cli_die(CLI_FAIL, "out of memory");
		if ((r = read_some(m->text + m->len, m->cap - m->len)) < 0)
			return CLI_FAIL;
		if (r == 0)
			break;
		m->len += (size_t)r;
		if (m->len > j->q.maxlen)
			return too_long(j, 1, (size_t)j->q.maxlen, 1);
	}
	return deliver(j, m);
}

/*
 * A file, read through once with every record checked (from pos, without
 * moving the offset), then read again and sent: nothing is sent from a
 * file that has a record too long.  Not mapped: a file truncated meanwhile
 * (logrotate's copytruncate) would be SIGBUS.  0 and *n the bytes that
 * were checked, a status, or -1 when it cannot be read so (and then
 * nothing was sent).
 */
static int
check_file(struct job *j, off_t pos, uint64_t *n)
{
	size_t cap = CHUNK, i, len = 0;
	uint64_t nth = 1;
	char *buf, *q;
	ssize_t r;
	int rc = 0;

	if ((buf = malloc(cap)) == NULL)
		cli_die(CLI_FAIL, "out of memory");
	*n = 0;
	while (rc == 0) {
		while ((r = pread(0, buf, cap, pos + (off_t)*n)) < 0 &&
		    errno == EINTR)
			continue;
		if (r <= 0)
			break;
		*n += (uint64_t)r;
		for (i = 0; rc == 0 && (q = memchr(buf + i, j->sep,
		    (size_t)r - i)) != NULL; i = (size_t)(q - buf) + 1, len = 0) {
			len += (size_t)(q - buf) - i;
			if (len > j->q.maxlen)
				rc = too_long(j, nth, len, 0);
			nth++;
		}
		len += (size_t)r - i;
		if (rc == 0 && len > j->q.maxlen)
			rc = too_long(j, nth, (size_t)j->q.maxlen, 1);
	}
	free(buf);
	return rc == 0 && r < 0 ? -1 : rc;
}

/*
 * Standard input sent a record at a time, as it comes, up to limit bytes:
 * a pipe, or a file read again after check_file.
 */
static int
streamed(struct job *j, struct ipck_msg *m, uint64_t limit)
{
	size_t cap = 0, fill = 0, start, len;
	uint64_t got = 0;
	char *buf = NULL, *q, *nb;
	ssize_t r = 1;
	int rc = 0;

	while (rc == 0 && r > 0) {
		/* full, with one record begun that is not too long: room for more */
		if (fill == cap) {
			cap = cap == 0 ? CHUNK : cap * 2;
			if ((nb = realloc(buf, cap)) == NULL)
				cli_die(CLI_FAIL, "out of memory");
			buf = nb;
		}
		len = cap - fill;
		if (limit - got < len)
			len = (size_t)(limit - got);
		if (len == 0)
			r = 0;
		else if ((r = read_some(buf + fill, len)) < 0) {
			rc = CLI_FAIL;
			break;
		}
		fill += (size_t)r;
		got += (uint64_t)r;
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
		else if (r == 0 && len > 0 && (limit == UINT64_MAX || got == limit))
			rc = deliver_bytes(j, m, buf + start, len);
		memmove(buf, buf + start, len);
		fill = len;
	}
	free(buf);
	/* cut short: the record begun is not sent as if it were whole */
	if (rc == 0 && limit != UINT64_MAX && got < limit)
		rc = shrank(j, got, limit);
	return rc;
}

int
msgcat_send(struct job *j)
{
	struct ipck_msg m = { 0, 0, NULL, NULL, 0 };
	struct stat st;
	uint64_t n;
	off_t pos;
	int rc;

	m.type = j->type;
	if (fstat(0, &st) < 0) {
		cli_err("standard input: %s", strerror(errno));
		return CLI_FAIL;
	}
	/*
	 * A regular file is checked whole first, unless its size says nothing
	 * (procfs and sysfs files say 0): those are read as a pipe is.
	 */
	if (!j->framed)
		rc = whole(j, &m, &st);
	else if (!S_ISREG(st.st_mode) || st.st_size == 0 ||
	    (pos = lseek(0, 0, SEEK_CUR)) < 0 ||
	    (rc = check_file(j, pos, &n)) < 0)
		rc = streamed(j, &m, UINT64_MAX);
	else if (rc == 0)
		rc = streamed(j, &m, n);
	ipck_msg_free(&m);
	if (rc == 0)
		msgcat_said(j, "to");
	return rc;
}
