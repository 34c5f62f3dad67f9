/* SPDX-License-Identifier: MIT */
/* RFC 4648's base64, with its padding, both ways (base64.c). */
#ifndef IPCK_CLI_BASE64_H
#define IPCK_CLI_BASE64_H

#include <stddef.h>

/* The length of n bytes in base64. */
#define CLI_BASE64_LEN(n)	(((n) + 2) / 3 * 4)

/* n bytes at p into out (CLI_BASE64_LEN(n) bytes, no NUL added): its length. */
size_t	cli_base64(char *out, const void *p, size_t n);
/* n characters of base64 at s into out (at most cap bytes): the bytes' length, or -1 if not base64 or too long. */
long	cli_unbase64(const char *s, size_t n, void *out, size_t cap);

#endif /* IPCK_CLI_BASE64_H */
