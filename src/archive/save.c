/* SPDX-License-Identifier: MIT */
/*
 * Objects into an archive, each as it is when it is read: a segment's or
 * POSIX object's bytes block by block, a run of AR_BLOCK zeros (a hole
 * the reader never allocated, or zeros written) kept as no data, the rest
 * as extents; a System V queue's messages copied with MSG_COPY (the queue
 * untouched); a set's values; a POSIX queue's messages only when asked
 * (taken and put back); a named semaphore's value.  The manifest, written
 * last, holds each object's record (the names of ipcs -J) and what its
 * member holds, with the member's checksum.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "save.h"

int
ar_save_begin(struct ar_save *s, int fd, int take_pmsg)
{
	struct cli_json *j;
	char when[32];
	time_t now = time(NULL);
	struct tm tm;

	memset(s, 0, sizeof(*s));
	s->take_pmsg = take_pmsg;
	if (ar_out_init(&s->out, fd, now) < 0)
		return -1;
	if ((s->man = open_memstream(&s->mtext, &s->mlen)) == NULL ||
	    (j = malloc(sizeof(*j))) == NULL)
		return -1;
	s->json = j;
	json_init(j, s->man);
	json_begin(j, NULL, '{');
	json_str(j, "format", AR_FORMAT);
	json_int(j, "version", AR_VERSION);
	gmtime_r(&now, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	json_str(j, "saved", when);
	json_int(j, "saved_epoch", (int64_t)now);
	json_str(j, "by", "ipckit " IPCK_VERSION);
	json_begin(j, "objects", '[');
	return 0;
}

static int
message(struct ar_out *out, const struct ipck_msg *m)
{
	unsigned char h[AR_MSGHDR];
	uint64_t t = (uint64_t)m->type, n = m->len;
	int i;

	for (i = 0; i < 8; i++) {
		h[i] = (unsigned char)(t >> (56 - 8 * i));
		h[8 + i] = (unsigned char)(n >> (56 - 8 * i));
	}
	if (ar_out_write(out, h, sizeof(h)) < 0)
		return -1;
	return ar_out_write(out, m->text, m->len);
}

/* A System V queue's messages, copied in order (MSG_COPY). */
static int
sysv_messages(struct ar_save *s, struct ipck_queue *q, uint64_t *count)
{
	struct ipck_msg m;
	size_t i;

	memset(&m, 0, sizeof(m));
	for (i = 0;; i++) {
		if (ipck_queue_peek(q, i, &m) < 0) {
			if (errno == ENOMSG)
				break;
			ipck_msg_free(&m);
			return -1;
		}
		if (message(&s->out, &m) < 0) {
			ipck_msg_free(&m);
			return -1;
		}
	}
	*count = i;
	ipck_msg_free(&m);
	return 0;
}

/*
 * A POSIX queue's messages: each taken (oldest of the highest priority
 * first), then all sent back in that order with their priorities, which
 * makes the same queue again.  Others using the queue meanwhile may see
 * it empty, or fill it so a message cannot go back: then that is said.
 */
static int
posix_messages(struct ar_save *s, struct ipck_queue *q, uint64_t *count,
    char *err, size_t len)
{
	struct ipck_msg *v = NULL, *more;
	size_t n = 0, cap = 0, i;
	int r = 0, e = 0;

	for (;;) {
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			if ((more = realloc(v, cap * sizeof(*v))) == NULL) {
				e = errno;
				r = -1;
				snprintf(err, len, "its messages: %s", strerror(e));
				break;
			}
			v = more;
		}
		memset(&v[n], 0, sizeof(v[n]));
		if (ipck_queue_recv(q, 0, IPCK_NOWAIT, &v[n]) < 0) {
			ipck_msg_free(&v[n]);
			/* empty: ENOMSG, as a System V queue says it */
			if (errno != ENOMSG && errno != EAGAIN) {
				e = errno;
				r = -1;
				snprintf(err, len, "taking its messages: %s",
				    strerror(e));
			}
			break;
		}
		n++;
	}
	for (i = 0; i < n; i++)
		if (r == 0 && message(&s->out, &v[i]) < 0) {
			e = errno;
			r = -1;
			snprintf(err, len, "the archive: %s", strerror(e));
		}
	/* back, whatever else failed: they are the queue's */
	for (i = 0; i < n; i++) {
		if (ipck_queue_send(q, &v[i], IPCK_NOWAIT) < 0 && e == 0) {
			e = errno;
			r = -1;
			snprintf(err, len, "putting its messages back: %s; "
			    "%zu of %zu could not go back", strerror(e), n - i, n);
		}
		ipck_msg_free(&v[i]);
	}
	free(v);
	*count = n;
	errno = e;
	return r;
}

static int
save_messages(struct ar_save *s, const struct ipck_obj *o,
    const char *member, uint64_t *unsaved, char *err, size_t len)
{
	struct cli_json *j = s->json;
	struct ipck_queue q;
	uint64_t count = 0, size = 0, hash = 0;
	int r, e;

	if (o->kind == IPCK_PMSG && !s->take_pmsg) {
		if (o->have & IPCK_HAVE_QUEUE)
			*unsaved += o->u.pmsg.curmsgs;
		json_object(j, NULL, o);
		json_str(j, "contents", NULL);
		json_end(j, '}');
		return 0;
	}
	if (ipck_queue_open(&q, o, o->kind == IPCK_PMSG ?
	    IPCK_Q_READ | IPCK_Q_WRITE : IPCK_Q_READ) < 0) {
		e = errno;
		if (ar_gone(o, e))
			return 1;
		snprintf(err, len, "its messages: %s", strerror(e));
		return -1;
	}
	if (ar_out_begin(&s->out, member) < 0) {
		ipck_queue_close(&q);
		snprintf(err, len, "the archive: %s", strerror(errno));
		return -1;
	}
	if (o->kind == IPCK_MSG) {
		r = sysv_messages(s, &q, &count);
		e = errno;
		if (r < 0)
			snprintf(err, len, "its messages: %s", e == ENOSYS ?
			    "this kernel cannot copy them (MSG_COPY needs "
			    "CONFIG_CHECKPOINT_RESTORE)" : strerror(e));
	} else {
		r = posix_messages(s, &q, &count, err, len);
		e = errno;
	}
	ipck_queue_close(&q);
	if (r < 0) {
		ar_out_drop(&s->out);
		if (o->kind == IPCK_MSG && ar_gone(o, e))
			return 1;
		return -1;
	}
	/* no message: no member */
	if ((count == 0 ? ar_out_drop(&s->out) : ar_out_end(&s->out, &size,
	    &hash)) < 0) {
		snprintf(err, len, "the archive: %s", strerror(errno));
		return -1;
	}
	json_object(j, NULL, o);
	ar_contents(j, count == 0 ? NULL : member, size, hash);
	json_uint(j, "messages", count);
	json_end(j, '}');
	json_end(j, '}');
	return 0;
}

static int
save_values(struct ar_save *s, const struct ipck_obj *o, char *err,
    size_t len)
{
	struct cli_json *j = s->json;
	struct ipck_semset set;
	int *v, e;
	uint64_t i;

	if (o->kind == IPCK_PSEM) {
		if (!(o->have & IPCK_HAVE_VALUE)) {
			snprintf(err, len, "its value: %s",
			    strerror(o->u.psem.err ? o->u.psem.err : EACCES));
			return -1;
		}
		json_object(j, NULL, o);
		json_end(j, '}');
		return 0;
	}
	if ((v = calloc(o->u.sem.nsems ? o->u.sem.nsems : 1, sizeof(*v))) == NULL ||
	    ipck_semset_open(&set, o) < 0) {
		e = errno;
		free(v);
		if (ar_gone(o, e))
			return 1;
		snprintf(err, len, "its values: %s", strerror(e));
		return -1;
	}
	if (ipck_semset_values(&set, v) < 0) {
		e = errno;
		ipck_semset_close(&set);
		free(v);
		if (ar_gone(o, e))
			return 1;
		snprintf(err, len, "its values: %s", strerror(e));
		return -1;
	}
	ipck_semset_close(&set);
	json_object(j, NULL, o);
	json_begin(j, "values", '[');
	for (i = 0; i < o->u.sem.nsems; i++)
		json_int(j, NULL, v[i]);
	json_end(j, ']');
	json_end(j, '}');
	free(v);
	return 0;
}

int
ar_save_obj(struct ar_save *s, const struct ipck_obj *o, uint64_t *unsaved,
    char *err, size_t len)
{
	char member[64];
	int r;

	switch (o->kind) {
	case IPCK_SHM:
	case IPCK_PSHM:
		snprintf(member, sizeof(member), "ipckit/%zu.data", s->n);
		r = ar_save_bytes(s, o, member, err, len);
		break;
	case IPCK_MSG:
	case IPCK_PMSG:
		snprintf(member, sizeof(member), "ipckit/%zu.messages", s->n);
		r = save_messages(s, o, member, unsaved, err, len);
		break;
	default:
		r = save_values(s, o, err, len);
		break;
	}
	if (r == 0)
		s->n++;
	return r;
}

int
ar_save_end(struct ar_save *s)
{
	struct cli_json *j = s->json;

	json_end(j, ']');
	json_end(j, '}');
	fputc('\n', s->man);
	if (fflush(s->man) != 0 || ferror(s->man))
		return -1;
	if (ar_out_member(&s->out, AR_MANIFEST, s->mtext, s->mlen, NULL) < 0)
		return -1;
	return ar_out_finish(&s->out);
}

void
ar_save_free(struct ar_save *s)
{
	if (s->man != NULL)
		fclose(s->man);
	free(s->mtext);
	free(s->json);
	ar_out_free(&s->out);
	memset(s, 0, sizeof(*s));
}
