/* SPDX-License-Identifier: MIT */
/* ipcstat: everything the kernel keeps about one System V IPC object, and who uses it. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "ipcstat.h"
#include "json.h"

static const struct option longopts[] = {
	{ NULL,			0,			NULL,	0 }
};

static void
usage(void)
{
	printf("Usage: %s [-J] -m ID | -M KEY | -q ID | -Q KEY | -s ID | -S KEY ...\n"
	    "       %s [-J] --posix-shmem NAME | --posix-mqueue NAME | --posix-semaphore NAME ...\n"
	    "       %s [-J] -F PATH -P PROJID TYPE ...\n"
	    "Everything the kernel keeps about IPC objects, and who uses them.\n"
	    "\n"
	    "%s%s"
	    "  -F, --ftok PATH            the key ftok(PATH, PROJID) makes, for each TYPE\n"
	    "  -P, --proj-id PROJID       ftok's project id (a number or a character)\n"
	    "                             (TYPE: shm, msg, sem, or 0, 1, 2)\n"
	    "  -J, --json                 JSON, with the names of ipcs -J (man ipcstat)\n"
	    "%s"
	    "\n"
	    "Exit status: 0 found, 1 not found or not looked at, 2 usage error.\n",
	    cli_name, cli_name, cli_name, cli_target_help, cli_posix_help, cli_help_common(29));
}

/* The objects asked for, in o->targets. */
static void
parse(int argc, char *argv[], struct cli_opts *o)
{
	if (cli_getopt(argc, argv, "", longopts, o) != -1)
		abort();	/* every option is a shared one */
	cli_getopt_done();
	cli_ftok_operands(o->path, o->proj, argc, argv, &o->targets);
	if (o->targets.n == 0)
		cli_die(CLI_USAGE, "nothing to show; try '%s --help'", cli_name);
}

/* One object: CLI_OK shown, CLI_FAIL none there or not looked at. */
static int
show(const struct cli_target *t, struct cli_json *json, int first)
{
	struct ipck_obj o;

	if (cli_target_stat(t, &o) < 0)
		return CLI_FAIL;
	if (json)
		ipcstat_json(json, &o);
	else {
		if (!first)
			putchar('\n');
		if (ipck_kind_info(o.kind)->family == IPCK_POSIX)
			ipcstat_posix_text(&o);
		else
			ipcstat_text(&o);
	}
	return CLI_OK;
}

int
main(int argc, char *argv[])
{
	struct cli_opts o = { CLI_TAKES_JSON | CLI_TAKES_TARGETS |
	    CLI_TAKES_FTOK, NULL, 0, { NULL, 0 }, NULL, NULL };
	struct cli_targets *targets = &o.targets;
	struct cli_json out, *json = NULL;
	size_t i;
	int r, rc = CLI_OK, shown = 0;

	cli_init("ipcstat", usage);
	json_init(&out, stdout);
	parse(argc, argv, &o);
	if (o.json)
		json = &out;
	if (json)
		json_begin(json, NULL, '[');
	for (i = 0; i < targets->n; i++) {
		if ((r = show(&targets->v[i], json, shown == 0)) == CLI_OK)
			shown++;
		if (r > rc)
			rc = r;
	}
	if (json)
		json_end(json, ']');
	cli_targets_free(targets);
	return cli_finish(rc);
}
