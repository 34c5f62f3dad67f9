/* SPDX-License-Identifier: MIT */
/* Objects named on the command line by id (-m -q -s) or by key (-M -Q -S), as ipcrm and ipcstat take them. */
#include <errno.h>
#include <sys/ipc.h>

#include "cli.h"

int
cli_target_option(int c, const char *arg, struct cli_target *t)
{
	switch (c) {
	case 'm': case 'M':
		t->kind = IPCK_SHM;
		break;
	case 'q': case 'Q':
		t->kind = IPCK_MSG;
		break;
	case 's': case 'S':
		t->kind = IPCK_SEM;
		break;
	default:
		return 0;
	}
	t->arg = arg;
	if (c == 'm' || c == 'q' || c == 's') {
		t->by = IPCK_BY_ID;
		t->id = cli_id(arg);
		return 1;
	}
	t->by = IPCK_BY_KEY;
	/* key 0 can never name an object: the command line is wrong */
	if ((t->key = cli_key(arg)) == IPC_PRIVATE)
		cli_die(CLI_USAGE, "%s: %s", arg, ipck_strerror(EINVAL,
		    IPCK_BY_KEY));
	return 1;
}
