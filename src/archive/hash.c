/* SPDX-License-Identifier: MIT */
/*
 * The checksum of an archive's members: 64 bits, four lanes over 32-byte
 * stripes, each 8-byte word (little-endian) taken into its lane as
 *   lane = rotl(lane + word * P2, 31) * P1
 * then the lanes folded, the tail and the length added, and the result
 * mixed; ipcsave(1) gives it whole, so another program can check one.
 * It guards against damage, not against someone who means harm.
 */
#include <string.h>

#include "archive.h"

#define P1	0x9E3779B185EBCA87ULL
#define P2	0xC2B2AE3D27D4EB4FULL
#define P3	0x165667B19E3779F9ULL
#define P4	0x85EBCA77C2B2AE63ULL
#define P5	0x27D4EB2F165667C5ULL

static inline uint64_t
rotl(uint64_t x, int r)
{
	return x << r | x >> (64 - r);
}

/* 8 bytes as a little-endian number: one load where the machine is so. */
static inline uint64_t
word(const unsigned char *p)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	uint64_t w;

	memcpy(&w, p, sizeof(w));
	return w;
#else
	return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 |
	    (uint64_t)p[3] << 24 | (uint64_t)p[4] << 32 | (uint64_t)p[5] << 40 |
	    (uint64_t)p[6] << 48 | (uint64_t)p[7] << 56;
#endif
}

static inline uint64_t
round1(uint64_t lane, uint64_t w)
{
	return rotl(lane + w * P2, 31) * P1;
}

void
ar_hash_init(struct ar_hash *h)
{
	h->v[0] = P1 + P2;
	h->v[1] = P2;
	h->v[2] = 0;
	h->v[3] = 0 - P1;
	h->total = 0;
	h->n = 0;
}

static void
stripes(struct ar_hash *h, const unsigned char *p, size_t n)
{
	uint64_t a = h->v[0], b = h->v[1], c = h->v[2], d = h->v[3];

	for (; n >= 32; p += 32, n -= 32) {
		a = round1(a, word(p));
		b = round1(b, word(p + 8));
		c = round1(c, word(p + 16));
		d = round1(d, word(p + 24));
	}
	h->v[0] = a;
	h->v[1] = b;
	h->v[2] = c;
	h->v[3] = d;
}

void
ar_hash_add(struct ar_hash *h, const void *data, size_t n)
{
	const unsigned char *p = data;
	size_t k;

	h->total += n;
	if (h->n > 0) {
		k = 32 - h->n < n ? 32 - h->n : n;
		memcpy(h->buf + h->n, p, k);
		h->n += k;
		p += k;
		n -= k;
		if (h->n < 32)
			return;
		stripes(h, h->buf, 32);
		h->n = 0;
	}
	stripes(h, p, n & ~(size_t)31);
	p += n & ~(size_t)31;
	n &= 31;
	memcpy(h->buf, p, n);
	h->n = n;
}

uint64_t
ar_hash_end(const struct ar_hash *h)
{
	uint64_t x;
	size_t i;

	x = rotl(h->v[0], 1) + rotl(h->v[1], 7) + rotl(h->v[2], 12) +
	    rotl(h->v[3], 18);
	for (i = 0; i < 4; i++)
		x = (x ^ round1(0, h->v[i])) * P1 + P4;
	x += h->total;
	for (i = 0; i + 8 <= h->n; i += 8)
		x = rotl(x ^ round1(0, word(h->buf + i)), 27) * P1 + P4;
	for (; i < h->n; i++)
		x = rotl(x ^ h->buf[i] * P5, 11) * P1;
	x ^= x >> 33;
	x *= P2;
	x ^= x >> 29;
	x *= P3;
	x ^= x >> 32;
	return x;
}
