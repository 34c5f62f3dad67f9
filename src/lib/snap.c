/* SPDX-License-Identifier: MIT */
/*
 * Snapshots: the objects of earlier walks, one record each, to compare the
 * next walk with.  Per kind, the records are slots of one size in one
 * array (a System V record keeps only its kind's part of the union, so
 * 3 x 32000 objects take some 10 MiB), found through an open-addressing
 * table of slot numbers keyed by id or name; a gone object's slot is
 * reused.  A walk is a generation: each object put is marked with it, and
 * what the end finds unmarked went.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define EMPTY	0u
#define TOMB	UINT32_MAX

/* A slot: this header, then the record's first objsz bytes. */
struct rec {
	uint32_t	gen;	/* the walk that last put it; free: the next free */
	uint32_t	live;
	char		*name;	/* the POSIX kinds' */
};

struct table {
	unsigned char	*slots;
	size_t		 nslots, cap;	/* slots made, room for */
	uint32_t	 free;		/* a free slot + 1, or 0 */
	uint32_t	*hash;		/* slot + 1, EMPTY or TOMB */
	size_t		 hcap, hused;	/* a power of 2; live and tombs */
	size_t		 count;
	uint32_t	 gen;
	size_t		 objsz, recsz;
};

struct ipck_snap {
	struct table	t[IPCK_NKINDS];
};

/* How much of a record a kind keeps: the union's part that is its own. */
static size_t
obj_size(enum ipck_kind kind)
{
	struct ipck_obj *o = NULL;

	switch (kind) {
	case IPCK_SHM:
		return offsetof(struct ipck_obj, u) + sizeof(o->u.shm);
	case IPCK_MSG:
		return offsetof(struct ipck_obj, u) + sizeof(o->u.msg);
	case IPCK_SEM:
		return offsetof(struct ipck_obj, u) + sizeof(o->u.sem);
	default:
		/* the union, the file; not the place, which is the walk's */
		return offsetof(struct ipck_obj, place);
	}
}

IPCK_API ipck_snap *
ipck_snap_new(void)
{
	ipck_snap *s;
	size_t k, a = sizeof(uint64_t);

	if ((s = calloc(1, sizeof(*s))) == NULL)
		return NULL;
	for (k = 0; k < IPCK_NKINDS; k++) {
		s->t[k].objsz = obj_size((enum ipck_kind)k);
		s->t[k].recsz = (sizeof(struct rec) + s->t[k].objsz + a - 1) /
		    a * a;
	}
	return s;
}

static struct rec *
slot(const struct table *t, uint32_t i)
{
	return (struct rec *)(void *)(t->slots + (size_t)i * t->recsz);
}

static unsigned char *
body(struct rec *r)
{
	return (unsigned char *)(r + 1);
}

IPCK_API void
ipck_snap_free(ipck_snap *s)
{
	size_t k, i;

	if (s == NULL)
		return;
	for (k = 0; k < IPCK_NKINDS; k++) {
		for (i = 0; i < s->t[k].nslots; i++)
			if (slot(&s->t[k], (uint32_t)i)->live)
				free(slot(&s->t[k], (uint32_t)i)->name);
		free(s->t[k].slots);
		free(s->t[k].hash);
	}
	free(s);
}

IPCK_API size_t
ipck_snap_count(const ipck_snap *s, int kind)
{
	size_t n = 0;
	int k;

	for (k = 0; k < IPCK_NKINDS; k++)
		if (kind < 0 || kind == k)
			n += s->t[k].count;
	return n;
}

IPCK_API void
ipck_snap_begin(ipck_snap *s, enum ipck_kind kind)
{
	if ((unsigned int)kind < IPCK_NKINDS)
		s->t[kind].gen++;
}

/* The id's or name's hash (FNV-1a for names). */
static uint32_t
key_hash(const struct ipck_obj *o)
{
	const unsigned char *p;
	uint32_t h = 2166136261u;

	if (ipck_kind_info(o->kind)->family == IPCK_SYSV)
		return (uint32_t)o->id * 2654435761u;
	for (p = (const unsigned char *)o->name; *p != '\0'; p++)
		h = (h ^ *p) * 16777619u;
	return h;
}

/* Whether slot r holds the object keyed as o is. */
static int
same_key(const struct table *t, struct rec *r, const struct ipck_obj *o)
{
	const struct ipck_obj *k = (const struct ipck_obj *)(void *)body(r);

	(void)t;
	if (r->name != NULL)
		return strcmp(r->name, o->name) == 0;
	return k->id == o->id;
}

/* The hash entry that holds slot i, or the first empty one for o. */
static uint32_t *
probe(const struct table *t, const struct ipck_obj *o, uint32_t *found)
{
	size_t m = t->hcap - 1, i = key_hash(o) & m;
	uint32_t *tomb = NULL, e;

	*found = 0;
	for (;; i = (i + 1) & m) {
		e = t->hash[i];
		if (e == EMPTY)
			return tomb != NULL ? tomb : &t->hash[i];
		if (e == TOMB) {
			if (tomb == NULL)
				tomb = &t->hash[i];
			continue;
		}
		if (same_key(t, slot(t, e - 1), o)) {
			*found = e;
			return &t->hash[i];
		}
	}
}

/* The record of slot r as a whole object, into o. */
static void
expand(const struct table *t, struct rec *r, struct ipck_obj *o)
{
	memset(o, 0, sizeof(*o));
	memcpy(o, body(r), t->objsz);
	if (r->name != NULL)
		snprintf(o->name, sizeof(o->name), "%s", r->name);
}

/* Room for one more entry: the table rebuilt at twice the live entries. */
static int
rehash(struct table *t)
{
	size_t cap = 16, i, j, m;
	uint32_t *h;

	while (cap < (t->count + 1) * 4)
		cap *= 2;
	if ((h = calloc(cap, sizeof(*h))) == NULL)
		return -1;
	m = cap - 1;
	for (i = 0; i < t->nslots; i++) {
		struct rec *r = slot(t, (uint32_t)i);
		struct ipck_obj k;

		if (!r->live)
			continue;
		expand(t, r, &k);
		for (j = key_hash(&k) & m; h[j] != EMPTY; j = (j + 1) & m)
			continue;
		h[j] = (uint32_t)i + 1;
	}
	free(t->hash);
	t->hash = h;
	t->hcap = cap;
	t->hused = t->count;
	return 0;
}

/* A slot for a new record: a free one, or one more. */
static int
new_slot(struct table *t, uint32_t *i)
{
	unsigned char *p;
	size_t cap;

	if (t->free != 0) {
		*i = t->free - 1;
		t->free = slot(t, *i)->gen;
		return 0;
	}
	if (t->nslots == t->cap) {
		cap = t->cap == 0 ? 64 : t->cap * 2;
		if (cap > UINT32_MAX - 1 ||
		    (p = realloc(t->slots, cap * t->recsz)) == NULL) {
			errno = ENOMEM;
			return -1;
		}
		t->slots = p;
		t->cap = cap;
	}
	*i = (uint32_t)t->nslots++;
	return 0;
}

/* Whether o is another object than the one r keeps, under the same key. */
static int
other(const struct ipck_obj *k, const struct ipck_obj *o)
{
	switch (o->kind) {
	case IPCK_SHM:
		return k->key != o->key || k->cuid != o->cuid ||
		    k->cgid != o->cgid || k->u.shm.cpid != o->u.shm.cpid;
	case IPCK_MSG:
		return k->key != o->key || k->cuid != o->cuid ||
		    k->cgid != o->cgid;
	case IPCK_SEM:
		return k->key != o->key || k->cuid != o->cuid ||
		    k->cgid != o->cgid || k->u.sem.nsems != o->u.sem.nsems;
	default:
		return k->file.dev != o->file.dev || k->file.ino != o->file.ino;
	}
}

/* Keep o in slot r (its name already there). */
static void
store(const struct table *t, struct rec *r, const struct ipck_obj *o)
{
	memcpy(body(r), o, t->objsz);
	r->gen = t->gen;
}

static int
add(struct table *t, const struct ipck_obj *o, uint32_t *entry)
{
	struct rec *r;
	uint32_t i;
	char *name = NULL;

	if (ipck_kind_info(o->kind)->family == IPCK_POSIX &&
	    (name = strdup(o->name)) == NULL)
		return -1;
	if (new_slot(t, &i) < 0) {
		free(name);
		return -1;
	}
	r = slot(t, i);
	r->live = 1;
	r->name = name;
	store(t, r, o);
	if (*entry == EMPTY)
		t->hused++;
	*entry = i + 1;
	t->count++;
	return IPCK_SNAP_NEW;
}

IPCK_API int
ipck_snap_put(ipck_snap *s, const struct ipck_obj *o, struct ipck_obj *before)
{
	struct ipck_obj old;
	struct table *t;
	struct rec *r;
	uint32_t *entry, found;

	if (s == NULL || o == NULL || (unsigned int)o->kind >= IPCK_NKINDS) {
		errno = EINVAL;
		return -1;
	}
	t = &s->t[o->kind];
	if ((t->hused + 1) * 2 > t->hcap && rehash(t) < 0)
		return -1;
	entry = probe(t, o, &found);
	if (found == 0)
		return add(t, o, entry);
	r = slot(t, found - 1);
	if (memcmp(body(r), o, t->objsz) == 0) {
		r->gen = t->gen;
		return IPCK_SNAP_SAME;
	}
	expand(t, r, &old);
	store(t, r, o);
	if (before != NULL)
		*before = old;
	if (other(&old, o))
		return IPCK_SNAP_REPLACED;
	/* bytes that differ may be padding: the fields say */
	return ipck_obj_diff(&old, o, NULL, 0) > 0 ? IPCK_SNAP_CHANGED :
	    IPCK_SNAP_SAME;
}

/* A gone object's place in the order: id (System V) or name (POSIX). */
struct gone_key {
	int		 id;
	const char	*name;
	uint32_t	 slot;
};

static int
by_key(const void *a, const void *b)
{
	const struct gone_key *x = a, *y = b;

	if (x->name != NULL && y->name != NULL)
		return strcmp(x->name, y->name);
	return (x->id > y->id) - (x->id < y->id);
}

/* Slot i forgotten: its hash entry a tomb, its slot free. */
static void
forget(struct table *t, uint32_t i)
{
	struct rec *r = slot(t, i);
	struct ipck_obj k;
	uint32_t *entry, found;

	expand(t, r, &k);
	entry = probe(t, &k, &found);
	if (found == i + 1)
		*entry = TOMB;
	free(r->name);
	r->name = NULL;
	r->live = 0;
	r->gen = t->free;
	t->free = i + 1;
	t->count--;
}

IPCK_API int
ipck_snap_end(ipck_snap *s, enum ipck_kind kind,
    int (*gone)(const struct ipck_obj *o, void *arg), void *arg)
{
	struct gone_key *v;
	struct ipck_obj o;
	struct table *t;
	struct rec *r;
	size_t i, n = 0;
	int rc = 0;

	if (s == NULL || (unsigned int)kind >= IPCK_NKINDS) {
		errno = EINVAL;
		return -1;
	}
	t = &s->t[kind];
	if ((v = malloc((t->count + 1) * sizeof(*v))) == NULL)
		return -1;
	for (i = 0; i < t->nslots; i++) {
		r = slot(t, (uint32_t)i);
		if (r->live && r->gen != t->gen)
			v[n++] = (struct gone_key){ ((const struct ipck_obj *)
			    (const void *)body(r))->id, r->name, (uint32_t)i };
	}
	qsort(v, n, sizeof(*v), by_key);
	for (i = 0; i < n && rc == 0; i++) {
		expand(t, slot(t, v[i].slot), &o);
		if (gone != NULL)
			rc = gone(&o, arg);
		forget(t, v[i].slot);
	}
	free(v);
	return rc;
}

IPCK_API size_t
ipck_obj_diff(const struct ipck_obj *a, const struct ipck_obj *b,
    const struct ipck_field **changed, size_t max)
{
	const struct ipck_field *f;
	struct ipck_value va, vb;
	size_t n, i, d = 0;
	int ka, kb;

	if ((f = ipck_fields(IPCK_FIELDS_OBJECT, a->kind, &n)) == NULL)
		return 0;
	for (i = 0; i < n; i++) {
		if (f[i].flags & IPCK_FIELD_VOLATILE)
			continue;
		ka = ipck_field_get(&f[i], a, &va);
		kb = ipck_field_get(&f[i], b, &vb);
		if (ka == kb && (ka != 1 || (va.s != NULL && vb.s != NULL ?
		    strcmp(va.s, vb.s) == 0 : va.u == vb.u && va.i == vb.i)))
			continue;
		if (d < max && changed != NULL)
			changed[d] = &f[i];
		d++;
	}
	return d;
}
