/* SPDX-License-Identifier: MIT */
/* A unit-test harness in one header: CHECK() counts, check_done() reports. */
#ifndef CHECK_H
#define CHECK_H

#include <stdio.h>

static int check_pass, check_fail;

#define CHECK(cond, ...) do {						\
	if (cond) {							\
		check_pass++;						\
	} else {							\
		check_fail++;						\
		fprintf(stderr, "%s:%d: FAIL: %s: ", __FILE__, __LINE__, #cond); \
		fprintf(stderr, __VA_ARGS__);				\
		fputc('\n', stderr);					\
	}								\
} while (0)

/* The closing line: "name: N passed, N failed". */
static int
check_done(const char *name)
{
	printf("%s: %d passed, %d failed\n", name, check_pass, check_fail);
	return check_fail != 0;
}

#endif /* CHECK_H */
