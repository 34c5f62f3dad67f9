/* SPDX-License-Identifier: MIT */
/* Whole-string, range-checked parsers for what users type: keys, ids, sizes, modes, kinds. */
#include <errno.h>
#include <limits.h>
#include <string.h>

#include "internal.h"

static int
digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return 99;
}

/*
 * strtoul(3) would skip white space, take a sign and stop at junk; users'
 * operands must be all digits, so this reads the n characters at s itself.
 * Junk anywhere wins over overflow: "99999999999x" is not a number at all.
 */
static int
parse_digits(const char *s, size_t n, unsigned int base, uint64_t max,
    uint64_t *out)
{
	uint64_t v = 0;
	int range = 0;
	size_t i;

	if (s == NULL || n == 0) {
		errno = EINVAL;
		return -1;
	}
	for (i = 0; i < n; i++) {
		unsigned int d = (unsigned int)digit_value(s[i]);

		if (d >= base) {
			errno = EINVAL;
			return -1;
		}
		if (v > (max - d) / base)
			range = 1;
		else
			v = v * base + d;
	}
	if (range) {
		errno = ERANGE;
		return -1;
	}
	*out = v;
	return 0;
}

int
ipck__parse_u64(const char *s, unsigned int base, uint64_t max, uint64_t *out)
{
	return parse_digits(s, s == NULL ? 0 : strlen(s), base, max, out);
}

/* "0x..." hex, "0..." octal, else decimal: the bases C and util-linux accept. */
static int
parse_based(const char *s, uint64_t max, uint64_t *out)
{
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		return ipck__parse_u64(s + 2, 16, max, out);
	if (s[0] == '0' && s[1] != '\0')
		return ipck__parse_u64(s + 1, 8, max, out);
	return ipck__parse_u64(s, 10, max, out);
}

IPCK_API int
ipck_parse_key(const char *s, key_t *key)
{
	uint64_t v;

	if (s == NULL) {
		errno = EINVAL;
		return -1;
	}
	if (s[0] == '-') {
		/* /proc/sysvipc prints keys as signed decimal */
		if (ipck__parse_u64(s + 1, 10, (uint64_t)INT32_MAX + 1, &v) < 0)
			return -1;
		*key = (key_t)(int32_t)(0 - (uint32_t)v);
		return 0;
	}
	if (parse_based(s, UINT32_MAX, &v) < 0)
		return -1;
	*key = (key_t)(int32_t)(uint32_t)v;
	return 0;
}

IPCK_API int
ipck_parse_key_hex(const char *s, key_t *key)
{
	uint64_t v;

	if (s == NULL) {
		errno = EINVAL;
		return -1;
	}
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		s += 2;
	if (ipck__parse_u64(s, 16, UINT32_MAX, &v) < 0)
		return -1;
	*key = (key_t)(int32_t)(uint32_t)v;
	return 0;
}

IPCK_API int
ipck_parse_id(const char *s, int *id)
{
	uint64_t v;

	if (ipck__parse_u64(s, 10, INT_MAX, &v) < 0)
		return -1;
	*id = (int)v;
	return 0;
}

/*
 * The multiplier a size suffix stands for, as util-linux's ipcmk reads it:
 * K, KiB = 1024, KB = 1000, and so on up to E; B alone is bytes.  0 when
 * the suffix is not one of those.
 */
static uint64_t
size_unit(const char *sfx)
{
	static const char units[] = "KMGTPE";
	const char *u;
	uint64_t mult = 1, base = 1024;
	char c = *sfx;
	long i;

	if (c == '\0' || strcmp(sfx, "B") == 0)
		return 1;
	if (c >= 'a' && c <= 'z')
		c = (char)(c - 'a' + 'A');
	if ((u = strchr(units, c)) == NULL || c == '\0')
		return 0;
	if (strcmp(sfx + 1, "B") == 0)
		base = 1000;
	else if (sfx[1] != '\0' && strcmp(sfx + 1, "iB") != 0)
		return 0;
	for (i = u - units; i >= 0; i--)
		mult *= base;
	return mult;
}

IPCK_API int
ipck_parse_size(const char *s, uint64_t *size)
{
	uint64_t v, mult;
	size_t n;

	if (s == NULL) {
		errno = EINVAL;
		return -1;
	}
	/* an offset is often known in hexadecimal; such a number has no unit */
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		return ipck__parse_u64(s + 2, 16, UINT64_MAX, size);
	n = strspn(s, "0123456789");
	if ((mult = size_unit(s + n)) == 0) {
		errno = EINVAL;
		return -1;
	}
	if (parse_digits(s, n, 10, UINT64_MAX / mult, &v) < 0)
		return -1;
	*size = v * mult;
	return 0;
}

IPCK_API int
ipck_parse_mode(const char *s, unsigned int *mode)
{
	uint64_t v;

	if (ipck__parse_u64(s, 8, 0777, &v) < 0)
		return -1;
	*mode = (unsigned int)v;
	return 0;
}

IPCK_API int
ipck_parse_projid(const char *s, int *projid)
{
	uint64_t v;

	if (s == NULL) {
		errno = EINVAL;
		return -1;
	}
	if (s[0] != '\0' && s[1] == '\0' && !(s[0] >= '0' && s[0] <= '9')) {
		/* ftok(path, 'A'): one character stands for its code */
		v = (unsigned char)s[0];
	} else if (parse_based(s, INT_MAX, &v) < 0)
		return -1;
	if ((v & 0xff) == 0) {
		errno = EINVAL;
		return -1;
	}
	*projid = (int)v;
	return 0;
}

IPCK_API int
ipck_parse_duration(const char *s, uint64_t *seconds)
{
	static const struct {
		char		unit;
		uint64_t	mult;
	} units[] = {
		{ 's', 1 }, { 'm', 60 }, { 'h', 3600 }, { 'd', 86400 },
		{ 'w', 604800 },
	};
	uint64_t v, mult = 1;
	size_t n, i;

	if (s == NULL) {
		errno = EINVAL;
		return -1;
	}
	n = strspn(s, "0123456789");
	if (s[n] != '\0') {
		for (i = 0; i < sizeof(units) / sizeof(units[0]); i++)
			if (s[n] == units[i].unit)
				mult = units[i].mult;
		if (mult == 1 && s[n] != 's') {
			errno = EINVAL;
			return -1;
		}
		if (s[n + 1] != '\0') {
			errno = EINVAL;
			return -1;
		}
	}
	if (parse_digits(s, n, 10, UINT64_MAX / mult, &v) < 0)
		return -1;
	*seconds = v * mult;
	return 0;
}

/*
 * A wait: seconds with a fraction and a unit, in nanoseconds.  Digits of
 * the fraction finer than a nanosecond are dropped; "1." and ".5" are not
 * numbers.
 */
IPCK_API int
ipck_parse_wait(const char *s, uint64_t *ns)
{
	static const struct {
		const char	*unit;
		uint64_t	 mult;
	} units[] = {
		{ "", 1000000000 }, { "s", 1000000000 }, { "ms", 1000000 },
		{ "m", 60000000000 }, { "h", 3600000000000 },
		{ "d", 86400000000000 }, { "w", 604800000000000 },
	};
	uint64_t v, frac = 0, m, mult = 0;
	size_t n, f = 0, i;

	if (s == NULL) {
		errno = EINVAL;
		return -1;
	}
	n = strspn(s, "0123456789");
	if (s[n] == '.' && (f = strspn(s + n + 1, "0123456789")) == 0) {
		errno = EINVAL;
		return -1;
	}
	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (strcmp(s + n + (f > 0 ? f + 1 : 0), units[i].unit) == 0)
			mult = units[i].mult;
	if (mult == 0) {
		errno = EINVAL;
		return -1;
	}
	if (parse_digits(s, n, 10, UINT64_MAX / mult, &v) < 0)
		return -1;
	for (m = mult, i = 0; i < f && (m /= 10) > 0; i++)
		frac += (uint64_t)(s[n + 1 + i] - '0') * m;
	if (frac > UINT64_MAX - v * mult) {
		errno = ERANGE;
		return -1;
	}
	*ns = v * mult + frac;
	return 0;
}

/* The kernel reads (uid_t)-1 as "leave unchanged", so no object can have it. */
IPCK_API int
ipck_parse_uid(const char *s, uid_t *uid)
{
	uint64_t v;

	if (ipck__parse_u64(s, 10, UINT32_MAX - 1, &v) < 0)
		return -1;
	*uid = (uid_t)v;
	return 0;
}

IPCK_API int
ipck_parse_gid(const char *s, gid_t *gid)
{
	uint64_t v;

	if (ipck__parse_u64(s, 10, UINT32_MAX - 1, &v) < 0)
		return -1;
	*gid = (gid_t)v;
	return 0;
}
