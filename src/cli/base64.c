/* SPDX-License-Identifier: MIT */
/*
 * RFC 4648's base64 with its padding: the tools' JSON gives a name that
 * is not text as name_base64 and a message's bytes as base64, and an
 * archive's manifest is read back from them.  One alphabet, both ways.
 */
#include <stdint.h>

#include "base64.h"

static const char abc[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

size_t
cli_base64(char *out, const void *p, size_t n)
{
	const unsigned char *b = p;
	char *o = out;
	uint32_t v;
	size_t i;

	for (i = 0; i + 3 <= n; i += 3) {
		v = (uint32_t)b[i] << 16 | (uint32_t)b[i + 1] << 8 | b[i + 2];
		*o++ = abc[v >> 18];
		*o++ = abc[(v >> 12) & 63];
		*o++ = abc[(v >> 6) & 63];
		*o++ = abc[v & 63];
	}
	if (n - i > 0) {
		v = (uint32_t)b[i] << 16 | (n - i > 1 ? (uint32_t)b[i + 1] << 8 : 0);
		*o++ = abc[v >> 18];
		*o++ = abc[(v >> 12) & 63];
		*o++ = n - i > 1 ? abc[(v >> 6) & 63] : '=';
		*o++ = '=';
	}
	return (size_t)(o - out);
}

/* The value of base64 digit c, or -1. */
static int
digit(int c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	return c == '+' ? 62 : c == '/' ? 63 : -1;
}

long
cli_unbase64(const char *s, size_t n, void *out, size_t cap)
{
	unsigned char *b = out;
	size_t i, o = 0;
	int a, d1, c, d;

	if (n % 4 != 0)
		return -1;
	for (i = 0; i < n; i += 4) {
		/* padding only at the very end: "x=" or "==" */
		a = digit(s[i]);
		d1 = digit(s[i + 1]);
		c = s[i + 2] == '=' && i + 4 == n ? 0 : digit(s[i + 2]);
		d = s[i + 3] == '=' && i + 4 == n ? 0 : digit(s[i + 3]);
		if (a < 0 || d1 < 0 || c < 0 || d < 0 ||
		    (s[i + 2] == '=' && s[i + 3] != '=') || o + 3 > cap)
			return -1;
		b[o++] = (unsigned char)(a << 2 | d1 >> 4);
		if (s[i + 2] != '=')
			b[o++] = (unsigned char)((d1 & 15) << 4 | c >> 2);
		if (s[i + 3] != '=')
			b[o++] = (unsigned char)((c & 3) << 6 | d);
	}
	return (long)o;
}
