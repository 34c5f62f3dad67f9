/* SPDX-License-Identifier: MIT */
/* The tools' helpers: hexdump -C's layout (hex.c). */
#ifndef IPCK_CLI_HEX_H
#define IPCK_CLI_HEX_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "ipckit.h"

/*
 * hexdump -C's layout (hex.c) over runs of bytes given in order, from
 * offset at: equal lines show as one "*", and the end's offset closes
 * it, as hexdump's does.  cli_hex_run has ipck_shm_scan's shape.
 */
struct cli_hex {
	uint64_t	at;		/* the offset of line[0] */
	uint64_t	start;
	unsigned char	line[16];
	size_t		fill;		/* bytes in line */
	unsigned char	prev[16];
	int		have_prev;
	int		starred;
};
void	cli_hex_start(struct cli_hex *h, uint64_t at);
int	cli_hex_run(void *h, const void *p, size_t n);
void	cli_hex_end(struct cli_hex *h);

#endif /* IPCK_CLI_HEX_H */
