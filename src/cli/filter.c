/* SPDX-License-Identifier: MIT */
/* The filter options that ipcs and ipcrm share: one parser, one wording, one help text. */
#include <stdint.h>
#include <time.h>

#include "cli.h"

const char cli_filter_help[] =
    "      --key KEY             the object with this key\n"
    "      --owner USER          owned by USER (a name or a uid)\n"
    "      --created-by USER     created by USER (also --creator=USER)\n"
    "      --unattached          segments no process has attached\n"
    "      --orphaned            no live process attached or last used it\n"
    "      --older-than DURATION last changed before DURATION ago (90s, 2h, 3d)\n";

int
cli_filter_option(int c, const char *arg, struct ipck_filter *f)
{
	uint64_t secs;
	time_t now;

	switch (c) {
	case CLI_OPT_KEY:
		f->key = cli_key(arg);
		f->what |= IPCK_F_KEY;
		return 1;
	case CLI_OPT_WITH_ID:
		f->id = cli_id(arg);
		f->what |= IPCK_F_ID;
		return 1;
	case CLI_OPT_OWNER:
		f->owner = cli_user_arg(arg);
		f->what |= IPCK_F_OWNER;
		return 1;
	case CLI_OPT_CREATED_BY:
		f->creator = cli_user_arg(arg);
		f->what |= IPCK_F_CREATOR;
		return 1;
	case CLI_OPT_UNATTACHED:
		f->what |= IPCK_F_UNATTACHED;
		return 1;
	case CLI_OPT_ORPHANED:
		f->what |= IPCK_F_ORPHANED;
		return 1;
	case CLI_OPT_OLDER_THAN:
		now = time(NULL);
		if (ipck_parse_duration(arg, &secs) < 0 ||
		    secs > (uint64_t)now)
			cli_die(CLI_USAGE, "%s: invalid duration (a number with "
			    "s, m, h, d or w)", arg);
		f->changed_before = now - (time_t)secs;
		f->what |= IPCK_F_CHANGED_BEFORE;
		return 1;
	default:
		return 0;
	}
}
