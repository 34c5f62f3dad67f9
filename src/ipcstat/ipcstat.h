/* SPDX-License-Identifier: MIT */
/* ipcstat's parts: the text a student reads, and the JSON a script reads. */
#ifndef IPCSTAT_H
#define IPCSTAT_H

#include <stddef.h>
#include <sys/types.h>

#include "cli.h"

/* One object's text; first: no blank line before it. */
void	ipcstat_text(const struct ipck_obj *o, int first);
/* One object as a member of the JSON array. */
void	ipcstat_json(const struct ipck_obj *o);

/* What /proc/sysvipc/shm alone says of segment id: pages resident and swapped. */
int	ipcstat_pages(int id, struct ipck_obj *pages);

/*
 * The command of a running process as the kernel keeps it, or NULL when
 * none runs; "?" when it cannot be read.
 */
const char	*ipcstat_command(pid_t pid, char *buf, size_t len);

#endif /* IPCSTAT_H */
