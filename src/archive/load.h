/* SPDX-License-Identifier: MIT */
/* What load.c and fields.c share: one archive being read and checked. */
#ifndef IPCK_ARCHIVE_LOAD_H
#define IPCK_ARCHIVE_LOAD_H

#include "archive.h"

struct load {
	const struct ar_in	*in;
	struct jr_doc		 d;
	char			*err;
	size_t			 len;
	uint64_t		 msgmax;
	char			*used;		/* used[i]: member i is an object's */
	struct ar_manifest	*m;		/* its objects, as parsed */
	size_t			 cap;
	int			 bad;		/* an object's error is in err */
};

/* The error, of object i ((size_t)-1: of the manifest): -1. */
int	oops(struct load *l, size_t i, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
/* Member obj.key as an integer within [lo, hi]; 0, or -1 when it is not. */
int	integer(struct load *l, int obj, const char *key, int64_t lo,
	    int64_t hi, int64_t *v);
/* Object i, node n of the manifest, into *o: 0, or -1 with the error. */
int	ar_object(struct load *l, size_t i, int n, struct ar_obj *o);

#endif /* IPCK_ARCHIVE_LOAD_H */
