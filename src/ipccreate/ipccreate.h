/* SPDX-License-Identifier: MIT */
/* ipccreate's parts: what is asked for, and why a creation failed. */
#ifndef IPCCREATE_H
#define IPCCREATE_H

#include <stdint.h>
#include <sys/types.h>

#include "cli.h"

/* One object to create, as the command line asked for it. */
struct res {
	enum ipck_kind	 kind;
	uint64_t	 size;		/* shm bytes, sem count */
	const char	*arg;		/* the operand that named it, for messages */
	int		 id;
	int		 created;
};

/* What every object of the call shares. */
struct spec {
	key_t		 key;
	const char	*keyarg;	/* the key as the user gave it; NULL: private */
	unsigned int	 mode;
	unsigned int	 flags;
	int		 tutorial;	/* TYPE KEY form: the tutorial's output */
};

/* "0x00001234", or "IPC_PRIVATE". */
const char	*ipccreate_keystr(key_t key, char *buf, size_t len);
/* The line that says why creating r failed with errno err. */
void	ipccreate_explain(const struct res *r, const struct spec *sp, int err);

#endif /* IPCCREATE_H */
