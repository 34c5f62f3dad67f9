/* SPDX-License-Identifier: MIT */
/* The tools' helpers: a set of tags (seen.c). */
#ifndef IPCK_CLI_SEEN_H
#define IPCK_CLI_SEEN_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "ipckit.h"

/* A set of non-zero 64-bit tags (seen.c); init makes room for n of them. */
struct cli_seen {
	uint64_t	*v;
	size_t		 mask;
};
void	cli_seen_init(struct cli_seen *s, size_t n);
int	cli_seen_has(const struct cli_seen *s, uint64_t tag);
void	cli_seen_add(struct cli_seen *s, uint64_t tag);
void	cli_seen_free(struct cli_seen *s);

#endif /* IPCK_CLI_SEEN_H */
