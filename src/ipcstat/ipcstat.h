/* SPDX-License-Identifier: MIT */
/* ipcstat's parts: the text a student reads, and the JSON a script reads. */
#ifndef IPCSTAT_H
#define IPCSTAT_H

#include <stddef.h>
#include <sys/types.h>
#include <time.h>

#include "cli.h"

/* A System V object's text (text.c); main.c puts a blank line between objects. */
void	ipcstat_text(const struct ipck_obj *o);
/* One object as a member of the JSON array. */
struct cli_json;
void	ipcstat_json(struct cli_json *j, const struct ipck_obj *o);

/* A POSIX object's text (posix.c), and its users as JSON members. */
void	ipcstat_posix_text(const struct ipck_obj *o);
void	ipcstat_posix_json(struct cli_json *j, const struct ipck_obj *o);

/* What text.c and posix.c share: one line, a word and the man page's name for it. */
void	ipcstat_field(const char *word, const char *name, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
/* "2026-11-21 14:05:09 CET", or "never" for 0. */
const char	*ipcstat_when(time_t t, char *buf, size_t len);
/* "rw-r----- (0640)" */
const char	*ipcstat_mode(unsigned int mode, char *buf, size_t len);
/* The command of a running process, escaped for a terminal; NULL: none runs. */
const char	*ipcstat_command_text(pid_t pid, char *buf, size_t len);

/*
 * Who uses o now (users.c): a segment's attachments or a POSIX object's
 * mappings and descriptors, in *u (malloc'd; NULL for none), *hidden
 * the processes not ours to look into: 0, or -1 and errno.  One line
 * each, and as JSON the array key and hidden_processes.
 */
int	ipcstat_users(const struct ipck_obj *o, struct ipck_user **u,
	    size_t *n, size_t *hidden);
void	ipcstat_user_text(const struct ipck_user *u);
void	ipcstat_users_json(struct cli_json *j, const char *key,
	    const struct ipck_obj *o);

/*
 * Who waits on a queue or a set now (waiting.c), from one walk of /proc
 * for every object shown: a line each, or the JSON members waiting and
 * waiting_hidden_processes.
 */
void	ipcstat_waiting_text(const struct ipck_obj *o);
void	ipcstat_waiting_json(struct cli_json *j, const struct ipck_obj *o);

/* What /proc/sysvipc/shm alone says of segment id: pages resident and swapped. */
int	ipcstat_pages(int id, struct ipck_obj *pages);

/*
 * The command of a running process as the kernel keeps it, or NULL when
 * none runs; "?" when it cannot be read.
 */
const char	*ipcstat_command(pid_t pid, char *buf, size_t len);

#endif /* IPCSTAT_H */
