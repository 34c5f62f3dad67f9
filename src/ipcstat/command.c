/* SPDX-License-Identifier: MIT */
/* The command of a process, as the kernel keeps it, and escaped for a terminal. */
#include <errno.h>

#include "ipcstat.h"

const char *
ipcstat_command(pid_t pid, char *buf, size_t len)
{
	if (ipck_pid_command(pid, buf, len) == 0)
		return buf;
	return errno == ESRCH ? NULL : "?";
}

/* The command for a terminal: any process may name itself "\x1b[2J". */
const char *
ipcstat_command_text(pid_t pid, char *buf, size_t len)
{
	char comm[64];
	const char *c = ipcstat_command(pid, comm, sizeof(comm));

	return c != NULL ? cli_escape(c, buf, len, CLI_ESC_BACKSLASH) : NULL;
}
