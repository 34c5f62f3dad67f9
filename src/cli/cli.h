/* SPDX-License-Identifier: MIT */
/*
 * The private helpers of ipckit's tools, a header a concern; a tool
 * includes this, a file of src/cli/ only what it uses.
 */
#ifndef IPCK_CLI_H
#define IPCK_CLI_H

#include "msg.h"
#include "args.h"
#include "names.h"
#include "text.h"
#include "target.h"
#include "opts.h"
#include "ns.h"
#include "json.h"
#include "filter.h"
#include "hex.h"
#include "wait.h"
#include "seen.h"

#endif /* IPCK_CLI_H */
