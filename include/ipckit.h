/* SPDX-License-Identifier: MIT */
/*
 * libipckit: a thin library over Linux IPC objects, System V and POSIX.
 *
 * Every int function returns >= 0 on success and -1 with errno set on
 * failure; every pointer function returns NULL with errno set.  errno is
 * left alone on success.  Nothing here prints or exits.  The declarations
 * are in ipckit/, a header a topic, each included here in this order.
 */
#ifndef IPCKIT_H
#define IPCKIT_H

#define IPCK_VERSION	"0.2.0"

#include "ipckit/kind.h"
#include "ipckit/object.h"
#include "ipckit/fields.h"
#include "ipckit/parse.h"
#include "ipckit/ref.h"
#include "ipckit/io.h"
#include "ipckit/iter.h"
#include "ipckit/access.h"
#include "ipckit/limits.h"
#include "ipckit/error.h"
#include "ipckit/ns.h"
#include "ipckit/snap.h"

#endif /* IPCKIT_H */
