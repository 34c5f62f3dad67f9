/* SPDX-License-Identifier: MIT */
/*
 * A set of non-zero 64-bit tags, for what a run has already done (ipcrm's
 * objects named twice): open addressing over a power-of-two table kept at
 * most half full.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "seen.h"
#include "msg.h"

void
cli_seen_init(struct cli_seen *s, size_t n)
{
	size_t cap = 64;

	while (cap < 2 * n)
		cap *= 2;
	if ((s->v = calloc(cap, sizeof(*s->v))) == NULL)
		cli_die(CLI_FAIL, "%s", strerror(errno));
	s->mask = cap - 1;
}

static size_t
slot(const struct cli_seen *s, uint64_t tag)
{
	size_t i = (size_t)((tag * 0x9e3779b97f4a7c15ULL) >> 32) & s->mask;

	while (s->v[i] != 0 && s->v[i] != tag)
		i = (i + 1) & s->mask;
	return i;
}

int
cli_seen_has(const struct cli_seen *s, uint64_t tag)
{
	return s->v[slot(s, tag)] == tag;
}

void
cli_seen_add(struct cli_seen *s, uint64_t tag)
{
	s->v[slot(s, tag)] = tag;
}

void
cli_seen_free(struct cli_seen *s)
{
	free(s->v);
	s->v = NULL;
}
