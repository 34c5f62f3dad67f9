/* SPDX-License-Identifier: MIT */
/* Sizes and times as util-linux's ipcs prints them. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "ipcs.h"

/* util-linux's size_to_human_string(): 1 letter, one decimal, 1024-based. */
const char *
ipcs_human(uint64_t bytes, char *buf, size_t len)
{
	static const char letters[] = "BKMGTPE";
	unsigned int exp = 0;
	uint64_t dec, frac;

	while (exp < 60 && (bytes >> exp) >= 1024)
		exp += 10;
	dec = exp ? bytes >> exp : bytes;
	frac = exp ? bytes & ((1ULL << exp) - 1) : 0;
	if (frac) {
		/* three digits after the point, then rounded to one */
		if (frac >= UINT64_MAX / 1000)
			frac = ((frac / 1024) * 1000) / (1ULL << (exp - 10));
		else
			frac = (frac * 1000) / (1ULL << exp);
		frac = (frac + 50) / 100;
		if (frac == 10) {
			dec++;
			frac = 0;
		}
	}
	if (frac)
		snprintf(buf, len, "%" PRIu64 ".%" PRIu64 "%c", dec, frac,
		    letters[exp / 10]);
	else
		snprintf(buf, len, "%" PRIu64 "%c", dec, letters[exp / 10]);
	return buf;
}

/*
 * util-linux's ipc_print_size(): "label (unit) = value" and the line's
 * end; width as printf's (negative: left-justified), for table cells.
 */
void
ipcs_size(enum unit unit, const char *label, uint64_t size, const char *end,
    int width)
{
	char buf[64];

	if (label == NULL)
		;
	else if (label[strlen(label) - 1] == '=')
		fputs(label, stdout);
	else if (unit == U_BYTES)
		printf("%s (bytes) = ", label);
	else if (unit == U_KB)
		printf("%s (kbytes) = ", label);
	else
		printf("%s = ", label);
	if (unit == U_HUMAN)
		printf("%*s", width, ipcs_human(size, buf, sizeof(buf)));
	else
		printf("%*" PRIu64, width, unit == U_KB ? size / 1024 : size);
	if (end != NULL)
		fputs(end, stdout);
}

/* ctime(3)'s 24 characters, or util-linux's "Not set" for 0. */
const char *
ipcs_ctime(time_t t, char *buf)
{
	if (t == 0)
		return "Not set";
	if (ctime_r(&t, buf) == NULL)
		return "?";
	return buf;
}

