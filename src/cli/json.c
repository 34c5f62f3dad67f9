/* SPDX-License-Identifier: MIT */
/*
 * A streaming JSON writer for the tools' -J output: values go straight to
 * stdout, commas and nesting are tracked here.  Members of the outermost
 * array or object each start a line of their own, so output greps well.
 */
#define _DEFAULT_SOURCE	/* tm_gmtoff */
#include <stdio.h>
#include <time.h>

#include "cli.h"

#define MAXDEPTH	16

static int depth;
static int count[MAXDEPTH];

static void
sep(const char *key)
{
	if (depth > 0 && count[depth]++ > 0)
		putchar(',');
	if (depth == 1)
		fputs("\n  ", stdout);
	if (key != NULL) {
		json_string(key);
		putchar(':');
	}
}

void
json_string(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	putchar('"');
	for (; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\')
			printf("\\%c", *p);
		else if (*p < 0x20)
			printf("\\u%04x", *p);
		else
			putchar(*p);
	}
	putchar('"');
}

void
json_begin(const char *key, char open)
{
	sep(key);
	putchar(open);
	if (depth < MAXDEPTH - 1)
		count[++depth] = 0;
}

void
json_end(char close)
{
	if (depth == 1 && count[depth] > 0)
		putchar('\n');
	depth--;
	putchar(close);
	if (depth == 0)
		putchar('\n');
}

void
json_str(const char *key, const char *value)
{
	sep(key);
	if (value == NULL)
		fputs("null", stdout);
	else
		json_string(value);
}

void
json_int(const char *key, int64_t value)
{
	sep(key);
	printf("%lld", (long long)value);
}

void
json_uint(const char *key, uint64_t value)
{
	sep(key);
	printf("%llu", (unsigned long long)value);
}

void
json_bool(const char *key, int value)
{
	sep(key);
	fputs(value ? "true" : "false", stdout);
}

void
json_time(const char *key, const char *epoch_key, time_t t)
{
	struct tm tm;
	char buf[40];
	long off;

	if (t == 0 || localtime_r(&t, &tm) == NULL) {
		json_str(key, NULL);
		json_str(epoch_key, NULL);
		return;
	}
	/* ISO 8601 with the offset as +hh:mm, which strftime's %z lacks */
	off = tm.tm_gmtoff / 60;
	strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%S", &tm);
	sep(key);
	printf("\"%s%c%02ld:%02ld\"", buf, off < 0 ? '-' : '+',
	    (off < 0 ? -off : off) / 60, (off < 0 ? -off : off) % 60);
	json_int(epoch_key, (int64_t)t);
}
