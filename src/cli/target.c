/* SPDX-License-Identifier: MIT */
/* Objects named on the command line by id (-m -q -s) or by key (-M -Q -S), as ipcrm and ipcstat take them. */
#include <errno.h>
#include <stdio.h>
#include <sys/ipc.h>

#include "cli.h"

const char cli_target_help[] =
    "  -m, --shmem-id ID          the shared memory segment ID\n"
    "  -M, --shmem-key KEY        the shared memory segment with KEY\n"
    "  -q, --queue-id ID          the message queue ID\n"
    "  -Q, --queue-key KEY        the message queue with KEY\n"
    "  -s, --semaphore-id ID      the semaphore set ID\n"
    "  -S, --semaphore-key KEY    the semaphore set with KEY\n"
    "                             (ID: decimal; KEY: 0x hex, 0 octal or decimal)\n";

enum ipck_kind
cli_kind_arg(const char *arg)
{
	enum ipck_kind kind;

	/* a TYPE names a key's object: the System V kinds */
	if (ipck_parse_kind(arg, &kind) < 0 ||
	    ipck_kind_info(kind)->family != IPCK_SYSV)
		cli_die(CLI_USAGE, "%s: unknown type (0, 1, 2, shm, msg or sem)",
		    arg);
	return kind;
}

int
cli_ftok_targets(const char *path, const char *proj, int ntypes,
    char *const types[], struct cli_target *t)
{
	static char kb[16];
	key_t key = cli_ftok(path, proj, CLI_USAGE);
	int i;

	if (ntypes == 0)
		cli_die(CLI_USAGE, "-F and -P need a TYPE to look up; try '%s "
		    "--help'", cli_name);
	snprintf(kb, sizeof(kb), "0x%08x", (unsigned int)key);
	for (i = 0; i < ntypes; i++) {
		t[i].kind = cli_kind_arg(types[i]);
		t[i].by = IPCK_BY_KEY;
		t[i].key = key;
		t[i].arg = kb;
	}
	if (key == IPC_PRIVATE)
		cli_die(CLI_USAGE, "%s: %s", kb, ipck_strerror(EINVAL,
		    IPCK_BY_KEY));
	return ntypes;
}

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

int
cli_target_stat(const struct cli_target *t, struct ipck_obj *o)
{
	int id = t->by == IPCK_BY_KEY ? ipck_lookup(t->kind, t->key) : t->id;
	int err;

	if (id >= 0 && ipck_stat(t->kind, id, o) == 0)
		return id;
	err = errno;
	fflush(stdout);
	if (id < 0)
		cli_err("%s: %s (%s, 0x%08x)", t->arg, ipck_strerror(err,
		    IPCK_BY_KEY), ipck_kind_noun(t->kind), (unsigned int)t->key);
	else
		cli_err("%s: %s (%s)", t->arg, ipck_strerror(err, IPCK_BY_ID),
		    ipck_kind_noun(t->kind));
	errno = err;
	return -1;
}
