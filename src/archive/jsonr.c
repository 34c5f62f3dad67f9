/* SPDX-License-Identifier: MIT */
/*
 * A strict JSON reader (RFC 8259) for the archive's manifest: the text is
 * parsed into nodes in one array, strings unescaped in place.  Anything
 * not JSON is an error with the byte it was found at; so are an object's
 * member named twice, nesting past JR_DEPTH, and more than JR_NODES
 * values.  Numbers are kept as 64-bit integers when they are ones.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "archive.h"

#define JR_DEPTH	32
#define JR_NODES	(64UL << 20)

struct parser {
	struct jr_doc	*d;
	char		*p, *end, *text;
	const char	*name;		/* the root's member being parsed */
};

static int
fail(struct parser *ps, const char *what)
{
	snprintf(ps->d->err, sizeof(ps->d->err), "%s at byte %zu", what,
	    (size_t)(ps->p - ps->text));
	return -1;
}

static void
space(struct parser *ps)
{
	while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t' ||
	    *ps->p == '\n' || *ps->p == '\r'))
		ps->p++;
}

static int
node(struct parser *ps, enum jr_type t)
{
	struct jr_doc *d = ps->d;

	if (d->n == d->cap) {
		struct jr_node *v;
		size_t cap = d->cap ? d->cap * 2 : 256;

		if (cap > JR_NODES || (v = realloc(d->v, cap * sizeof(*v))) == NULL)
			return fail(ps, "too many values");
		d->v = v;
		d->cap = cap;
	}
	d->v[d->n] = (struct jr_node){ .t = t, .first = -1, .next = -1 };
	return (int)d->n++;
}

static int
hex4(const char *p, unsigned int *v)
{
	int i;

	*v = 0;
	for (i = 0; i < 4; i++) {
		unsigned int c = (unsigned char)p[i];

		*v <<= 4;
		if (c >= '0' && c <= '9')
			*v |= c - '0';
		else if (c >= 'a' && c <= 'f')
			*v |= c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			*v |= c - 'A' + 10;
		else
			return -1;
	}
	return 0;
}

/* A \\u escape at ps->p (a pair for a surrogate) as UTF-8 at *out. */
static int
unicode(struct parser *ps, char **out)
{
	unsigned int u, lo;
	char *o = *out;

	if (ps->end - ps->p < 6 || hex4(ps->p + 2, &u) < 0)
		return fail(ps, "a bad \\u escape");
	if (u >= 0xd800 && u < 0xdc00) {
		if (ps->end - ps->p < 12 || ps->p[6] != '\\' ||
		    ps->p[7] != 'u' || hex4(ps->p + 8, &lo) < 0 ||
		    lo < 0xdc00 || lo >= 0xe000)
			return fail(ps, "a lone surrogate");
		u = 0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00);
		ps->p += 6;
	} else if (u >= 0xdc00 && u < 0xe000)
		return fail(ps, "a lone surrogate");
	/* the escape takes 6 or 12 bytes, its UTF-8 at most 4 */
	if (u < 0x80)
		*o++ = (char)u;
	else if (u < 0x800) {
		*o++ = (char)(0xc0 | u >> 6);
		*o++ = (char)(0x80 | (u & 0x3f));
	} else if (u < 0x10000) {
		*o++ = (char)(0xe0 | u >> 12);
		*o++ = (char)(0x80 | (u >> 6 & 0x3f));
		*o++ = (char)(0x80 | (u & 0x3f));
	} else {
		*o++ = (char)(0xf0 | u >> 18);
		*o++ = (char)(0x80 | (u >> 12 & 0x3f));
		*o++ = (char)(0x80 | (u >> 6 & 0x3f));
		*o++ = (char)(0x80 | (u & 0x3f));
	}
	*out = o;
	ps->p += 4;
	return 0;
}

/* A string at ps->p (its opening quote), unescaped in place. */
static int
string(struct parser *ps, char **s, uint32_t *len)
{
	char *out;

	*s = ++ps->p;
	/* no escape yet: nothing to move */
	while (ps->p < ps->end && *ps->p != '"' && *ps->p != '\\' &&
	    (unsigned char)*ps->p >= 0x20)
		ps->p++;
	out = ps->p;
	for (;;) {
		if (ps->p >= ps->end)
			return fail(ps, "a string does not end");
		if (*ps->p == '"')
			break;
		if ((unsigned char)*ps->p < 0x20)
			return fail(ps, "a control character in a string");
		if (*ps->p != '\\') {
			*out++ = *ps->p++;
			continue;
		}
		if (ps->end - ps->p < 2)
			return fail(ps, "a string does not end");
		switch (ps->p[1]) {
		case '"': case '\\': case '/':
			*out++ = ps->p[1];
			break;
		case 'b': *out++ = '\b'; break;
		case 'f': *out++ = '\f'; break;
		case 'n': *out++ = '\n'; break;
		case 'r': *out++ = '\r'; break;
		case 't': *out++ = '\t'; break;
		case 'u':
			if (unicode(ps, &out) < 0)
				return -1;
			break;
		default:
			return fail(ps, "a bad escape");
		}
		ps->p += 2;
	}
	*len = (uint32_t)(out - *s);
	ps->p++;
	*out = '\0';	/* at or before the closing quote, passed now */
	return 0;
}

static int
number(struct parser *ps, int n)
{
	char *start = ps->p, *q;
	int integral = 1;
	long long v;

	if (ps->p < ps->end && *ps->p == '-')
		ps->p++;
	if (ps->p >= ps->end || *ps->p < '0' || *ps->p > '9')
		return fail(ps, "not a JSON value");
	if (*ps->p == '0' && ps->p + 1 < ps->end && ps->p[1] >= '0' &&
	    ps->p[1] <= '9')
		return fail(ps, "a number with a leading zero");
	while (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9')
		ps->p++;
	if (ps->p < ps->end && *ps->p == '.') {
		integral = 0;
		if (++ps->p >= ps->end || *ps->p < '0' || *ps->p > '9')
			return fail(ps, "a bad number");
		while (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9')
			ps->p++;
	}
	if (ps->p < ps->end && (*ps->p == 'e' || *ps->p == 'E')) {
		integral = 0;
		ps->p++;
		if (ps->p < ps->end && (*ps->p == '+' || *ps->p == '-'))
			ps->p++;
		if (ps->p >= ps->end || *ps->p < '0' || *ps->p > '9')
			return fail(ps, "a bad number");
		while (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9')
			ps->p++;
	}
	if (integral) {
		char buf[24];
		size_t k = (size_t)(ps->p - start);

		if (k < sizeof(buf)) {
			memcpy(buf, start, k);
			buf[k] = '\0';
			errno = 0;
			v = strtoll(buf, &q, 10);
			if (errno == 0 && *q == '\0') {
				ps->d->v[n].t = JR_INT;
				ps->d->v[n].i = v;
				return 0;
			}
		}
	}
	ps->d->v[n].t = JR_NUM;
	return 0;
}

static int
word(struct parser *ps, const char *w)
{
	size_t k = strlen(w);

	if ((size_t)(ps->end - ps->p) < k || memcmp(ps->p, w, k) != 0)
		return fail(ps, "not a JSON value");
	ps->p += k;
	return 0;
}

/*
 * A member of object n named twice is refused: its name is looked for
 * among the others only when one of the same length, first and last
 * byte came before (seen, 256 bits).
 */
static int
twice(struct parser *ps, int n, const char *key, uint32_t klen,
    uint64_t seen[4])
{
	unsigned int h = klen == 0 ? 0 : (klen * 31U + (unsigned char)key[0] *
	    7U + (unsigned char)key[klen - 1]) & 255U;
	int k;

	if (seen[h >> 6] & (uint64_t)1 << (h & 63))
		for (k = ps->d->v[n].first; k >= 0; k = ps->d->v[k].next)
			if (ps->d->v[k].keylen == klen &&
			    memcmp(ps->d->v[k].key, key, klen) == 0)
				return fail(ps, "a member named twice");
	seen[h >> 6] |= (uint64_t)1 << (h & 63);
	return 0;
}

static int value(struct parser *ps, int depth);

/* The members or elements of n, after its opening bracket. */
static int
items(struct parser *ps, int n, int depth, char close)
{
	uint64_t seen[4] = { 0, 0, 0, 0 };
	int last = -1, c;

	space(ps);
	if (ps->p < ps->end && *ps->p == close) {
		ps->p++;
		return 0;
	}
	for (;;) {
		char *key = NULL;
		uint32_t klen = 0;

		space(ps);
		if (close == '}') {
			if (ps->p >= ps->end || *ps->p != '"')
				return fail(ps, "a member name expected");
			if (string(ps, &key, &klen) < 0 ||
			    twice(ps, n, key, klen, seen) < 0)
				return -1;
			space(ps);
			if (ps->p >= ps->end || *ps->p != ':')
				return fail(ps, "':' expected");
			ps->p++;
		}
		if (depth == 0 && key != NULL)
			ps->name = key;
		if ((c = value(ps, depth + 1)) < 0)
			return -1;
		if (depth == 1 && close == ']' && ps->d->each != NULL &&
		    ps->d->v[0].t == JR_OBJ) {
			/* an element of a root member's array: handed over, dropped */
			if (ps->d->each(ps->d->arg, ps->d, ps->name, c) < 0)
				return fail(ps, "stopped");
			ps->d->n = (size_t)c;
			ps->d->hobj = -1;
			ps->d->v[n].count++;
			goto next;
		}
		ps->d->v[c].key = key;
		ps->d->v[c].keylen = klen;
		if (last < 0)
			ps->d->v[n].first = c;
		else
			ps->d->v[last].next = c;
		last = c;
		ps->d->v[n].count++;
next:
		space(ps);
		if (ps->p < ps->end && *ps->p == ',') {
			ps->p++;
			continue;
		}
		if (ps->p < ps->end && *ps->p == close) {
			ps->p++;
			return 0;
		}
		return fail(ps, close == '}' ? "',' or '}' expected" :
		    "',' or ']' expected");
	}
}

static int
value(struct parser *ps, int depth)
{
	int n;

	if (depth > JR_DEPTH)
		return fail(ps, "nested too deep");
	space(ps);
	if (ps->p >= ps->end)
		return fail(ps, "a value expected");
	if ((n = node(ps, JR_NULL)) < 0)
		return -1;
	switch (*ps->p) {
	case '{':
	case '[':
		ps->d->v[n].t = *ps->p == '{' ? JR_OBJ : JR_ARR;
		ps->p++;
		if (items(ps, n, depth, ps->d->v[n].t == JR_OBJ ? '}' : ']') < 0)
			return -1;
		break;
	case '"':
		ps->d->v[n].t = JR_STR;
		if (string(ps, &ps->d->v[n].s, &ps->d->v[n].len) < 0)
			return -1;
		break;
	case 't':
		ps->d->v[n].t = JR_BOOL;
		ps->d->v[n].i = 1;
		if (word(ps, "true") < 0)
			return -1;
		break;
	case 'f':
		ps->d->v[n].t = JR_BOOL;
		if (word(ps, "false") < 0)
			return -1;
		break;
	case 'n':
		if (word(ps, "null") < 0)
			return -1;
		break;
	default:
		if (number(ps, n) < 0)
			return -1;
		break;
	}
	return n;
}

int
jr_parse(struct jr_doc *d, char *text, size_t len)
{
	struct parser ps = { d, text, text + len, text, NULL };

	int (*each)(void *, struct jr_doc *, const char *, int) = d->each;
	void *arg = d->arg;

	memset(d, 0, sizeof(*d));
	d->each = each;
	d->arg = arg;
	d->hobj = -1;
	if (len >= UINT32_MAX) {
		snprintf(d->err, sizeof(d->err), "longer than 4 GiB");
		return -1;
	}
	if (memchr(text, '\0', len) != NULL) {
		ps.p = memchr(text, '\0', len);
		return fail(&ps, "a NUL byte");
	}
	if (value(&ps, 0) < 0)
		return -1;
	space(&ps);
	if (ps.p != ps.end)
		return fail(&ps, "more after the value");
	return 0;
}

static int
named(const struct jr_node *v, const char *key, size_t klen)
{
	return v->keylen == klen && v->key[0] == key[0] &&
	    memcmp(v->key, key, klen) == 0;
}

/*
 * Members are most often asked for in the order they come: the search
 * starts after the one found last in the same object, then wraps.
 */
int
jr_get(struct jr_doc *d, int obj, const char *key)
{
	size_t klen = strlen(key);
	int k, from;

	if (obj < 0 || d->v[obj].t != JR_OBJ || klen == 0)
		return -1;
	from = d->hobj == obj && d->hint >= 0 ? d->v[d->hint].next : -1;
	for (k = from; k >= 0; k = d->v[k].next)
		if (named(&d->v[k], key, klen))
			goto found;
	for (k = d->v[obj].first; k >= 0 && k != from; k = d->v[k].next)
		if (named(&d->v[k], key, klen))
			goto found;
	return -1;
found:
	d->hobj = obj;
	d->hint = k;
	return k;
}

void
jr_free(struct jr_doc *d)
{
	free(d->v);
	d->v = NULL;
	d->n = d->cap = 0;
}
