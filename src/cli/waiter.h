/* SPDX-License-Identifier: MIT */
/* A process blocked on an object, in words (waiter.c). */
#ifndef IPCK_CLI_WAITER_H
#define IPCK_CLI_WAITER_H

#include <stddef.h>

#include "ipckit.h"

/* Whether w waits on object o (the same kind, and id or name). */
int	cli_waits_on(const struct ipck_waiter *w, const struct ipck_obj *o);
/* A waiter's how in a word: "receive", "send" or "semop" (JSON's how). */
const char *cli_wait_word(unsigned int how);
/*
 * How w waits, into buf: "to receive (msgrcv)", "to send (mq_timedsend)",
 * "to take 2 from semaphore 0 (semop)", "for semaphore 1 to be 0
 * (semop), with 1 more operation".
 */
const char *cli_wait_how(const struct ipck_waiter *w, char *buf, size_t len);

#endif /* IPCK_CLI_WAITER_H */
