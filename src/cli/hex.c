/* SPDX-License-Identifier: MIT */
/* hexdump -C's layout, for shmcat -x and msgcat -x. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "hex.h"

/* One line: offset, 16 bytes in two groups, their text. */
static void
hex_line(uint64_t at, const unsigned char *p, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	char line[96], *q = line;
	size_t i;

	q += snprintf(line, 32, "%08" PRIx64 "  ", at);
	for (i = 0; i < 16; i++) {
		if (i < n) {
			*q++ = hex[p[i] >> 4];
			*q++ = hex[p[i] & 15];
		} else {
			*q++ = ' ';
			*q++ = ' ';
		}
		*q++ = ' ';
		if (i == 7)
			*q++ = ' ';
	}
	*q++ = ' ';
	*q++ = '|';
	for (i = 0; i < n; i++)
		*q++ = p[i] >= 0x20 && p[i] < 0x7f ? (char)p[i] : '.';
	*q++ = '|';
	*q++ = '\n';
	fwrite(line, 1, (size_t)(q - line), stdout);
}

/* A line is full, or the bytes ended: it goes out, or "*" for a repeat. */
static void
hex_flush(struct cli_hex *h)
{
	if (h->fill == 16 && h->have_prev && memcmp(h->line, h->prev, 16) == 0) {
		if (!h->starred)
			fputs("*\n", stdout);
		h->starred = 1;
	} else {
		hex_line(h->at, h->line, h->fill);
		h->starred = 0;
	}
	memcpy(h->prev, h->line, 16);
	h->have_prev = 1;
	h->at += h->fill;
	h->fill = 0;
}

void
cli_hex_start(struct cli_hex *h, uint64_t at)
{
	memset(h, 0, sizeof(*h));
	h->at = h->start = at;
}

int
cli_hex_run(void *arg, const void *p, size_t n)
{
	struct cli_hex *h = arg;
	const unsigned char *b = p;
	size_t k;

	while (n > 0) {
		k = 16 - h->fill < n ? 16 - h->fill : n;
		memcpy(h->line + h->fill, b, k);
		h->fill += k;
		b += k;
		n -= k;
		if (h->fill == 16)
			hex_flush(h);
	}
	if (ferror(stdout)) {
		errno = EIO;
		return -1;
	}
	return 0;
}

void
cli_hex_end(struct cli_hex *h)
{
	if (h->fill > 0)
		hex_flush(h);
	if (h->at > h->start)
		printf("%08" PRIx64 "\n", h->at);
}
