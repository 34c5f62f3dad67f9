/* SPDX-License-Identifier: MIT */
/*
 * libipckit, errors and the version.
 * Include <ipckit.h>, which includes every one of these.
 */
#ifndef IPCKIT_ERROR_H
#define IPCKIT_ERROR_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

#include "ref.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The reason for errno err, in the terms of how the user named the object:
 * a missing key is "No such key", a bad id "No such identifier", key 0
 * names nothing.  Anything else reads as strerror(3).
 */
const char	*ipck_strerror(int err, enum ipck_by by);

/* The library's version, IPCK_VERSION at build time. */
const char	*ipck_version(void);

#ifdef __cplusplus
}
#endif

#endif /* IPCKIT_ERROR_H */
