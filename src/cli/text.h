/* SPDX-License-Identifier: MIT */
/* The tools' helpers: text from the system made safe for a terminal, and table cells (text.c). */
#ifndef IPCK_CLI_TEXT_H
#define IPCK_CLI_TEXT_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "ipckit.h"

/*
 * Text from the system for a terminal (text.c): bytes that are not UTF-8,
 * control characters (C0, DEL, C1) and the marks that reorder text become
 * \xHH; with CLI_ESC_BACKSLASH a backslash becomes \\, so the escaped
 * form reads back unambiguously.  buf gets as much as fits in len.
 */
#define CLI_ESC_BACKSLASH	0x1
const char	*cli_escape(const char *s, char *buf, size_t len,
	    unsigned int flags);
/* The code point of the UTF-8 sequence at s and its length in *n; -1 if invalid. */
long	cli_utf8(const char *s, size_t *n);
/* Whether the n bytes at s (which a NUL follows) are all valid UTF-8. */
int	cli_utf8_valid(const void *s, size_t n);
/* Whether a terminal shows code point cp as itself. */
int	cli_printable(long cp);
/* The columns a terminal gives code point cp: 0 (a combining mark), 1 or 2 (wide). */
int	cli_cp_columns(long cp);
/*
 * Escaped text (cli_escape's) as a table cell: at most cut columns of it,
 * never part of a character, then spaces up to width columns.
 */
void	cli_cell(const char *s, int width, int cut);
/*
 * s as one word a shell reads back as s: as it is when it needs no
 * quoting, else in '...', or in $'...' (bash, zsh, POSIX.1-2024) with
 * \xHH where a byte is not printable.  buf gets as much as fits in len.
 */
const char	*cli_shell_quote(const char *s, char *buf, size_t len);
/*
 * The object as the tools take it, to paste: "-m 5", "--posix-shmem /x"
 * (the name quoted by cli_shell_quote).
 */
const char	*cli_object_arg(const struct ipck_obj *o, char *buf, size_t len);

#endif /* IPCK_CLI_TEXT_H */
