/* SPDX-License-Identifier: MIT */
/* What save.c takes from bytes.c. */
#ifndef IPCK_ARCHIVE_SAVE_H
#define IPCK_ARCHIVE_SAVE_H

#include "archive.h"
#include "json.h"

/* Whether err says o went meanwhile (removed, or its name unlinked). */
int	ar_gone(const struct ipck_obj *o, int err);
/* Begin an object's "contents" member: member, bytes, checksum (left open). */
void	ar_contents(struct cli_json *j, const char *member, uint64_t size,
	    uint64_t hash);
/* A segment's or POSIX object's bytes: 0 saved, 1 gone, -1 err. */
int	ar_save_bytes(struct ar_save *s, const struct ipck_obj *o,
	    const char *member, char *err, size_t len);

#endif /* IPCK_ARCHIVE_SAVE_H */
