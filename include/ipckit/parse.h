/* SPDX-License-Identifier: MIT */
/*
 * libipckit, parsing what users type: keys, ids, sizes, modes, names, durations.
 * Include <ipckit.h>, which includes every one of these.
 */
#ifndef IPCKIT_PARSE_H
#define IPCKIT_PARSE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

#include "kind.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Parsers.  Each reads the whole string and nothing else: empty input,
 * a sign where none belongs, white space or trailing junk give EINVAL, a
 * value out of range ERANGE.
 */
/* 0x hex, leading-0 octal, decimal, or the signed decimal of /proc. */
int	ipck_parse_key(const char *s, key_t *key);
/* Hexadecimal, with or without 0x: the tutorial's key operand. */
int	ipck_parse_key_hex(const char *s, key_t *key);
/* A non-negative decimal int. */
int	ipck_parse_id(const char *s, int *id);
/* Bytes: 4096, 4K, 4KiB (1024), 4KB (1000), K M G T P E; or 0x1000. */
int	ipck_parse_size(const char *s, uint64_t *size);
/* Octal permission bits, at most 0777. */
int	ipck_parse_mode(const char *s, unsigned int *mode);
/* A kind's name (shm msg sem pshm pmsg psem), or the tutorial's 0 1 2. */
int	ipck_parse_kind(const char *s, enum ipck_kind *kind);
/* ftok's project id: a number (any base) or one character; low 8 bits != 0. */
int	ipck_parse_projid(const char *s, int *projid);
/*
 * A POSIX object's name as a user types it, with or without its leading
 * "/": into buf as "/name".  Not empty, no other "/", not "." or "..", at
 * most 255 bytes (251 for a semaphore, whose file is "sem.name"): else
 * EINVAL or ENAMETOOLONG, and *why (when not NULL) says which rule.
 */
int	ipck_parse_name(enum ipck_kind kind, const char *s, char *buf,
	    size_t len, const char **why);
/* A decimal uid or gid, 0 .. 4294967294 ((uid_t)-1 means "none" to the kernel). */
int	ipck_parse_uid(const char *s, uid_t *uid);
int	ipck_parse_gid(const char *s, gid_t *gid);

/* ftok(3): only the low 8 bits of projid count, and they must not be 0. */
int	ipck_ftok(const char *path, int projid, key_t *key);

/* Seconds: 90, 90s, 15m, 2h, 3d, 1w; ERANGE beyond 64 bits. */
int	ipck_parse_duration(const char *s, uint64_t *seconds);
/*
 * How long to wait, in nanoseconds: seconds with a fraction and a unit,
 * 90, 0.5s, 250ms, 1.5m, 2h, 1d, 1w; ERANGE beyond 64 bits.
 */
int	ipck_parse_wait(const char *s, uint64_t *ns);

#ifdef __cplusplus
}
#endif

#endif /* IPCKIT_PARSE_H */
