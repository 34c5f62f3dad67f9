/* SPDX-License-Identifier: MIT */
/* Unit tests for libipckit's parsers: every accepted form and every way to be wrong. */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "ipckit.h"
#include "check.h"

/* One case: the input, the errno expected (0: success), and the value then. */
struct num_case {
	const char	*in;
	int		 err;
	uint64_t	 want;
};

/* Each parser seen as string to uint64_t, so that one runner serves them all. */
static int
p_key(const char *s, uint64_t *v)
{
	key_t k = 42;
	int r = ipck_parse_key(s, &k);

	*v = r == 0 ? (uint32_t)k : 42;
	return r;
}

static int
p_key_hex(const char *s, uint64_t *v)
{
	key_t k = 42;
	int r = ipck_parse_key_hex(s, &k);

	*v = r == 0 ? (uint32_t)k : 42;
	return r;
}

static int
p_id(const char *s, uint64_t *v)
{
	int id = 42, r = ipck_parse_id(s, &id);

	*v = (uint64_t)id;
	return r;
}

static int
p_mode(const char *s, uint64_t *v)
{
	unsigned int m = 42;
	int r = ipck_parse_mode(s, &m);

	*v = m;
	return r;
}

static int
p_projid(const char *s, uint64_t *v)
{
	int p = 42, r = ipck_parse_projid(s, &p);

	*v = (uint64_t)p;
	return r;
}

static int
p_uid(const char *s, uint64_t *v)
{
	uid_t u = 42;
	int r = ipck_parse_uid(s, &u);

	*v = u;
	return r;
}

static int
p_gid(const char *s, uint64_t *v)
{
	gid_t g = 42;
	int r = ipck_parse_gid(s, &g);

	*v = g;
	return r;
}

static int
p_size(const char *s, uint64_t *v)
{
	return ipck_parse_size(s, v);
}

static int
p_duration(const char *s, uint64_t *v)
{
	return ipck_parse_duration(s, v);
}

static int
p_wait(const char *s, uint64_t *v)
{
	return ipck_parse_wait(s, v);
}

/*
 * Every case: success with the value, or -1 with the errno and the output
 * left alone (the 42 it started as).
 */
static void
run_cases(const char *what, int (*parse)(const char *, uint64_t *),
    const struct num_case *c, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		uint64_t v = 42;
		int r;

		errno = 0;
		r = parse(c[i].in, &v);
		if (c[i].err == 0)
			CHECK(r == 0 && v == c[i].want, "%s '%s': r=%d v=%llu",
			    what, c[i].in, r, (unsigned long long)v);
		else
			CHECK(r == -1 && errno == c[i].err && v == 42,
			    "%s '%s': r=%d errno=%d v=%llu", what, c[i].in, r,
			    errno, (unsigned long long)v);
	}
}

#define RUN(what, parse, cases) \
	run_cases(what, parse, cases, sizeof(cases) / sizeof(cases[0]))

static const struct num_case keys[] = {
	{ "0", 0, 0 },
	{ "1234", 0, 1234 },
	{ "0x1234", 0, 0x1234 },
	{ "0X1234", 0, 0x1234 },
	{ "0xDeadBeef", 0, 0xdeadbeef },
	{ "0xffffffff", 0, 0xffffffff },
	{ "0x100000000", ERANGE, 0 },
	{ "4294967295", 0, 0xffffffff },
	{ "4294967296", ERANGE, 0 },
	{ "99999999999999999999999", ERANGE, 0 },
	{ "0777", 0, 0777 },
	{ "037777777777", 0, 0xffffffff },
	{ "040000000000", ERANGE, 0 },
	{ "08", EINVAL, 0 },
	{ "-1", 0, 0xffffffff },	/* /proc/sysvipc's signed form */
	{ "-2147483648", 0, 0x80000000 },
	{ "-2147483649", ERANGE, 0 },
	{ "-0", 0, 0 },
	{ "-0x1", EINVAL, 0 },
	{ "-", EINVAL, 0 },
	{ "+1", EINVAL, 0 },
	{ "", EINVAL, 0 },
	{ " 1", EINVAL, 0 },
	{ "1 ", EINVAL, 0 },
	{ "0x", EINVAL, 0 },
	{ "0x12g", EINVAL, 0 },
	{ "12abc", EINVAL, 0 },
	{ "1e3", EINVAL, 0 },
	{ "99999999999999999999x", EINVAL, 0 },	/* junk beats range */
};

static const struct num_case hex_keys[] = {
	{ "1234", 0, 0x1234 },		/* the tutorial's strtoll(s, 0, 16) */
	{ "0x1234", 0, 0x1234 },
	{ "0XABCDEF01", 0, 0xabcdef01 },
	{ "abcd", 0, 0xabcd },
	{ "0", 0, 0 },
	{ "ffffffff", 0, 0xffffffff },
	{ "100000000", ERANGE, 0 },
	{ "0x", EINVAL, 0 },
	{ "", EINVAL, 0 },
	{ "-1", EINVAL, 0 },
	{ "+1", EINVAL, 0 },
	{ "12 ", EINVAL, 0 },
	{ "0x0x1", EINVAL, 0 },
	{ "xyz", EINVAL, 0 },
};

static const struct num_case ids[] = {
	{ "0", 0, 0 },
	{ "7", 0, 7 },
	{ "01", 0, 1 },			/* decimal, as util-linux ipcrm */
	{ "2147483647", 0, 2147483647 },
	{ "2147483648", ERANGE, 0 },
	{ "-1", EINVAL, 0 },
	{ "+1", EINVAL, 0 },
	{ "0x1", EINVAL, 0 },
	{ "", EINVAL, 0 },
	{ "1a", EINVAL, 0 },
	{ " 1", EINVAL, 0 },
};

static const struct num_case sizes[] = {
	{ "0", 0, 0 },
	{ "4096", 0, 4096 },
	{ "512B", 0, 512 },
	{ "4K", 0, 4096 },
	{ "4k", 0, 4096 },
	{ "4KiB", 0, 4096 },
	{ "4KB", 0, 4000 },
	{ "1M", 0, 1048576 },
	{ "1MiB", 0, 1048576 },
	{ "1MB", 0, 1000000 },
	{ "2G", 0, 2147483648ULL },
	{ "2GiB", 0, 2147483648ULL },
	{ "1T", 0, 1099511627776ULL },
	{ "1P", 0, 1125899906842624ULL },
	{ "1E", 0, 1152921504606846976ULL },
	{ "15E", 0, 15ULL << 60 },
	{ "16E", ERANGE, 0 },
	{ "18446744073709551615", 0, UINT64_MAX },
	{ "18446744073709551616", ERANGE, 0 },
	{ "17179869184G", ERANGE, 0 },
	{ "", EINVAL, 0 },
	{ "K", EINVAL, 0 },
	{ "KiB", EINVAL, 0 },
	{ "-1", EINVAL, 0 },
	{ "+1", EINVAL, 0 },
	{ "1.5M", EINVAL, 0 },
	{ "4 K", EINVAL, 0 },
	{ "4K ", EINVAL, 0 },
	{ "4Ki", EINVAL, 0 },
	{ "4KiBs", EINVAL, 0 },
	{ "4X", EINVAL, 0 },
	{ "4BB", EINVAL, 0 },
	{ "0x10", 0, 16 },
	{ "0X1000", 0, 4096 },
	{ "0xffffffffffffffff", 0, UINT64_MAX },
	{ "0x10000000000000000", ERANGE, 0 },
	{ "0x", EINVAL, 0 },
	{ "0x10K", EINVAL, 0 },
	{ "0x-1", EINVAL, 0 },
	{ "010", 0, 10 },
	{ "99999999999999999999999X", EINVAL, 0 },
};

static const struct num_case modes[] = {
	{ "644", 0, 0644 },
	{ "0644", 0, 0644 },
	{ "0", 0, 0 },
	{ "777", 0, 0777 },
	{ "0777", 0, 0777 },
	{ "1000", ERANGE, 0 },
	{ "1777", ERANGE, 0 },
	{ "999", EINVAL, 0 },
	{ "8", EINVAL, 0 },
	{ "", EINVAL, 0 },
	{ "-644", EINVAL, 0 },
	{ "rw-r--r--", EINVAL, 0 },
	{ "0x1a4", EINVAL, 0 },
};

static const struct num_case projids[] = {
	{ "1", 0, 1 },
	{ "A", 0, 'A' },		/* ftok(path, 'A') */
	{ "z", 0, 'z' },
	{ "0x3456", 0, 0x3456 },	/* the tutorial's ftok(".", 0x3456) */
	{ "255", 0, 255 },
	{ "257", 0, 257 },
	{ "0", EINVAL, 0 },		/* low 8 bits 0: ftok would ignore it */
	{ "256", EINVAL, 0 },
	{ "0x100", EINVAL, 0 },
	{ "", EINVAL, 0 },
	{ "-1", EINVAL, 0 },
	{ "AB", EINVAL, 0 },
	{ "2147483648", ERANGE, 0 },
};

static const struct num_case durations[] = {
	{ "0", 0, 0 },
	{ "90", 0, 90 },
	{ "90s", 0, 90 },
	{ "15m", 0, 900 },
	{ "2h", 0, 7200 },
	{ "3d", 0, 259200 },
	{ "1w", 0, 604800 },
	{ "18446744073709551615", 0, UINT64_MAX },
	{ "18446744073709551615s", 0, UINT64_MAX },
	{ "30500568904944w", ERANGE, 0 },
	{ "", EINVAL, 0 },
	{ "s", EINVAL, 0 },
	{ "1x", EINVAL, 0 },
	{ "1hh", EINVAL, 0 },
	{ "1 h", EINVAL, 0 },
	{ "-1h", EINVAL, 0 },
	{ "1.5h", EINVAL, 0 },
	{ "1H", EINVAL, 0 },
};

/* Nanoseconds, each figured by hand. */
static const struct num_case waits[] = {
	{ "0", 0, 0 },
	{ "0s", 0, 0 },
	{ "0ms", 0, 0 },
	{ "2", 0, 2000000000 },
	{ "0.5s", 0, 500000000 },
	{ "0.5", 0, 500000000 },
	{ "250ms", 0, 250000000 },
	{ "1.5ms", 0, 1500000 },
	{ "0.000000001", 0, 1 },
	{ "0.0000000019", 0, 1 },		/* finer than 1 ns: dropped */
	{ "1.0000015ms", 0, 1000001 },
	{ "1.5m", 0, 90000000000 },
	{ "2h", 0, 7200000000000 },
	{ "0.25d", 0, 21600000000000 },
	{ "1w", 0, 604800000000000 },
	{ "18446744073", 0, 18446744073000000000u },
	{ "18446744073.709551615", 0, UINT64_MAX },
	{ "18446744073.709551616", ERANGE, 0 },
	{ "18446744074", ERANGE, 0 },
	{ "30501w", ERANGE, 0 },
	{ "", EINVAL, 0 },
	{ ".5", EINVAL, 0 },
	{ "1.", EINVAL, 0 },
	{ "1.s", EINVAL, 0 },
	{ "1..5", EINVAL, 0 },
	{ "ms", EINVAL, 0 },
	{ "-1", EINVAL, 0 },
	{ "+1", EINVAL, 0 },
	{ "1 s", EINVAL, 0 },
	{ "1e3", EINVAL, 0 },
	{ "1us", EINVAL, 0 },
	{ "1sm", EINVAL, 0 },
	{ "1MS", EINVAL, 0 },
	{ "0x10", EINVAL, 0 },
};

static void
test_kinds(void)
{
	static const struct {
		const char	*in;
		int		 want;	/* -1: EINVAL */
	} cases[] = {
	{ "shm", IPCK_SHM }, { "0", IPCK_SHM },
	{ "msg", IPCK_MSG }, { "1", IPCK_MSG },
	{ "sem", IPCK_SEM }, { "2", IPCK_SEM },
	{ "3", -1 }, { "", -1 }, { "SHM", -1 }, { "shm ", -1 },
	{ "00", -1 }, { "shared", -1 }, { "pshm", IPCK_PSHM },
	{ "pmsg", IPCK_PMSG }, { "psem", IPCK_PSEM }, { "3", -1 }, { "posix", -1 },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		enum ipck_kind k = IPCK_PSEM;
		int r;

		errno = 0;
		r = ipck_parse_kind(cases[i].in, &k);
		if (cases[i].want >= 0)
			CHECK(r == 0 && (int)k == cases[i].want,
			    "kind '%s': r=%d k=%d", cases[i].in, r, (int)k);
		else
			CHECK(r == -1 && errno == EINVAL && k == IPCK_PSEM,
			    "kind '%s': r=%d errno=%d", cases[i].in, r, errno);
	}
	/* the table: one row a kind, each knowing itself */
	for (i = 0; i < IPCK_NKINDS; i++) {
		const struct ipck_kind_info *info = ipck_kind_info((enum ipck_kind)i);
		const struct ipck_kind_info *cousin;
		enum ipck_kind back;

		CHECK(info != NULL && (size_t)info->kind == i &&
		    ipck_parse_kind(info->name, &back) == 0 && back == info->kind,
		    "row %zu", i);
		CHECK(info != NULL && (info->family == IPCK_SYSV) == (i < 3) &&
		    (info->digit != NULL) == (i < 3) &&
		    (info->letter != 0) == (i < 3), "row %zu: family", i);
		/* cousins: the other family's, each the other's */
		cousin = info != NULL ? ipck_kind_info(info->cousin) : NULL;
		CHECK(cousin != NULL && cousin->family != info->family &&
		    cousin->cousin == info->kind, "row %zu: cousin", i);
	}
	CHECK(ipck_kind_info(IPCK_MSG) != NULL && ipck_kind_info(IPCK_PSHM) != NULL &&
	    ipck_kind_info(IPCK_MSG)->cousin == IPCK_PMSG &&
	    ipck_kind_info(IPCK_PSHM)->cousin == IPCK_SHM, "msg and pmsg, pshm and shm");
	errno = 0;
	CHECK(ipck_kind_info((enum ipck_kind)IPCK_NKINDS) == NULL &&
	    errno == EINVAL, "no such row");
	CHECK(strcmp(ipck_kind_info(IPCK_SEM)->ul_word, "semaphore") == 0 &&
	    strcmp(ipck_kind_info(IPCK_SHM)->tutorial, "share memory") == 0 &&
	    strcmp(ipck_kind_info(IPCK_SHM)->object, "shared memory segment") == 0,
	    "the words of util-linux and of the tutorial");
	CHECK(strcmp(ipck_kind_name(IPCK_MSG), "msg") == 0, "name of msg");
	CHECK(strcmp(ipck_kind_noun(IPCK_SEM), "semaphore set") == 0, "noun");
	CHECK(strcmp(ipck_kind_name((enum ipck_kind)99), "?") == 0, "bad kind");
}

static void
test_strerror(void)
{
	CHECK(strcmp(ipck_strerror(ENOENT, IPCK_BY_KEY), "No such key") == 0,
	    "ENOENT by key");
	CHECK(strcmp(ipck_strerror(EINVAL, IPCK_BY_ID), "No such identifier") == 0,
	    "EINVAL by id");
	CHECK(strcmp(ipck_strerror(ENOENT, IPCK_BY_NAME), "No such name") == 0,
	    "ENOENT by name");
	CHECK(strcmp(ipck_strerror(EIDRM, IPCK_BY_ID), "Identifier removed") == 0,
	    "EIDRM");
	CHECK(strcmp(ipck_strerror(EACCES, IPCK_BY_KEY), "Permission denied") == 0,
	    "EACCES");
	CHECK(strstr(ipck_strerror(EINVAL, IPCK_BY_KEY), "IPC_PRIVATE") != NULL,
	    "key 0");
	CHECK(strcmp(ipck_strerror(ENOSPC, IPCK_BY_ID), strerror(ENOSPC)) == 0,
	    "others as strerror");
	CHECK(strcmp(ipck_version(), IPCK_VERSION) == 0, "version");
}

/* Every uid but (uid_t)-1, which the kernel reads as "none". */
static const struct num_case uids[] = {
	{ "0", 0, 0 },
	{ "65534", 0, 65534 },
	{ "2147483647", 0, 2147483647 },
	{ "2147483648", 0, 2147483648U },
	{ "3000000000", 0, 3000000000U },
	{ "4294967294", 0, 4294967294U },
	{ "4294967295", ERANGE, 0 },
	{ "99999999999999999999", ERANGE, 0 },
	{ "-1", EINVAL, 0 },
	{ "0x10", EINVAL, 0 },
	{ "", EINVAL, 0 },
	{ "12 ", EINVAL, 0 },
	{ "root", EINVAL, 0 },
};

int
main(void)
{
	RUN("uid", p_uid, uids);
	RUN("gid", p_gid, uids);
	RUN("key", p_key, keys);
	RUN("hex key", p_key_hex, hex_keys);
	RUN("id", p_id, ids);
	RUN("size", p_size, sizes);
	RUN("mode", p_mode, modes);
	RUN("projid", p_projid, projids);
	RUN("duration", p_duration, durations);
	RUN("wait", p_wait, waits);
	test_kinds();
	test_strerror();
	return check_done("test_parse");
}
