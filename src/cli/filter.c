/* SPDX-License-Identifier: MIT */
/* The filter options that ipcs and ipcrm share: one parser, one wording, one help text. */
#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <time.h>

#include "filter.h"
#include "args.h"
#include "msg.h"

const char cli_filter_help[] =
    "      --key KEY              objects with this key\n"
    "      --private              objects without a key (IPC_PRIVATE)\n"
    "      --with-id ID           objects with this id\n"
    "      --owner USER           owned by USER (a name or a uid)\n"
    "      --created-by USER      created by USER (also --creator=USER)\n"
    "      --unattached           segments no process has attached\n"
    "      --orphaned             no live process attached or last used it\n"
    "      --older-than DURATION  last changed before DURATION ago (90s, 2h, 3d)\n"
    "A filter given several times selects any of its values; different\n"
    "filters must all hold.\n";

/* v, an array of n elements of size bytes, with x appended (it may have moved). */
static void *
append(void *v, size_t n, size_t size, const void *x)
{
	char *p = cli_grow(v, n, size);

	memcpy(p + n * size, x, size);
	return p;
}

static void
add_key(struct cli_filter *cf, key_t key)
{
	cf->keys = append(cf->keys, cf->f.nkeys++, sizeof(key), &key);
	cf->f.keys = cf->keys;
	cf->f.what |= IPCK_F_KEY;
}

/* The latest time the last change may have: DURATION before now. */
static time_t
before(const char *arg)
{
	uint64_t secs, mult;
	time_t now = time(NULL);
	size_t n = strspn(arg, "0123456789");
	char unit = arg[n] != '\0' ? arg[n] : 's';
	int r = ipck_parse_duration(arg, &secs);

	if (r < 0 && errno != ERANGE)
		cli_die(CLI_USAGE, "--older-than %s: invalid duration (a number with s, m, "
		    "h, d or w)", arg);
	if (r < 0 || secs > (uint64_t)now) {
		mult = unit == 'w' ? 604800 : unit == 'd' ? 86400 :
		    unit == 'h' ? 3600 : unit == 'm' ? 60 : 1;
		cli_die(CLI_USAGE, "--older-than %s: duration out of range (at most %" PRIu64
		    "%c, back to 1970)", arg, (uint64_t)now / mult, unit);
	}
	return now - (time_t)secs;
}

int
cli_filter_option(int c, const char *arg, struct cli_filter *cf)
{
	struct ipck_filter *f = &cf->f;
	key_t key;
	uid_t uid;
	time_t t;
	int id;

	switch (c) {
	case CLI_OPT_KEY:
		/* a $KEY that came out as 0 must not select every private object */
		if ((key = cli_key_opt("--key", arg)) == IPC_PRIVATE)
			cli_die(CLI_USAGE, "--key %s: key 0 is IPC_PRIVATE and "
			    "names no object; objects without a key are "
			    "--private", arg);
		add_key(cf, key);
		return 1;
	case CLI_OPT_PRIVATE:
		add_key(cf, IPC_PRIVATE);
		return 1;
	case CLI_OPT_WITH_ID:
		id = cli_id_opt("--with-id", arg);
		cf->ids = append(cf->ids, f->nids++, sizeof(id), &id);
		f->ids = cf->ids;
		f->what |= IPCK_F_ID;
		return 1;
	case CLI_OPT_OWNER:
		uid = cli_user_arg(arg, "--owner", NULL);
		cf->owners = append(cf->owners, f->nowners++, sizeof(uid),
		    &uid);
		f->owners = cf->owners;
		f->what |= IPCK_F_OWNER;
		return 1;
	case CLI_OPT_CREATED_BY:
		uid = cli_user_arg(arg, "--created-by", NULL);
		cf->creators = append(cf->creators, f->ncreators++,
		    sizeof(uid), &uid);
		f->creators = cf->creators;
		f->what |= IPCK_F_CREATOR;
		return 1;
	case CLI_OPT_UNATTACHED:
		f->what |= IPCK_F_UNATTACHED;
		return 1;
	case CLI_OPT_ORPHANED:
		f->what |= IPCK_F_ORPHANED;
		return 1;
	case CLI_OPT_OLDER_THAN:
		/* any of several: the latest of their times */
		t = before(arg);
		if (!(f->what & IPCK_F_CHANGED_BEFORE) || t > f->changed_before)
			f->changed_before = t;
		f->what |= IPCK_F_CHANGED_BEFORE;
		return 1;
	default:
		return 0;
	}
}

void
cli_filter_free(struct cli_filter *cf)
{
	free(cf->keys);
	free(cf->ids);
	free(cf->owners);
	free(cf->creators);
	memset(cf, 0, sizeof(*cf));
}

void
cli_filter_for(const struct ipck_filter *f, enum ipck_kind kind)
{
	static const struct {
		unsigned int	 bit;
		const char	*opt;
		const char	*lacks;
	} no[] = {
		{ IPCK_F_KEY, "--key and --private", "has no keys" },
		{ IPCK_F_ID, "--with-id", "has no ids" },
		{ IPCK_F_CREATOR, "--created-by", "has no record of its creator" },
		{ IPCK_F_ORPHANED, "--orphaned", "has no record of its users' pids" },
	};
	const char *noun = ipck_kind_noun(kind);
	size_t i;

	if (ipck_kind_info(kind)->family != IPCK_POSIX)
		return;
	for (i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		if (f->what & no[i].bit)
			cli_die(CLI_USAGE, "%s: not for %s, which %s",
			    no[i].opt, noun, no[i].lacks);
	if ((f->what & IPCK_F_UNATTACHED) && kind != IPCK_PSHM)
		cli_die(CLI_USAGE, "--unattached: not for %s, which nothing "
		    "attaches (shared memory only)", noun);
}
