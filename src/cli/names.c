/* SPDX-License-Identifier: MIT */
/*
 * uid and gid to name, each looked up once: getpwuid(3) is six system calls
 * a row through nsswitch, and ~47 us for a uid with no entry, so misses are
 * remembered too.  Each name is kept as the database has it, for JSON, and
 * escaped for a terminal (text.c), for everything else; and owners and
 * modes as the tools' lines say them.
 */
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "names.h"
#include "text.h"

struct slot {
	unsigned int	 id;
	int		 used;
	char		*name;		/* NULL: the id has no name */
	char		*text;		/* name escaped; == name when it needs none */
};

struct cache {
	struct slot	*slot;
	size_t		 size;		/* a power of two */
	size_t		 count;
};

static struct cache users, groups;

static struct slot *
find(struct cache *c, unsigned int id)
{
	size_t i = (id * 2654435761U) & (c->size - 1);

	while (c->slot[i].used && c->slot[i].id != id)
		i = (i + 1) & (c->size - 1);
	return &c->slot[i];
}

static int
grow(struct cache *c)
{
	struct cache n = { NULL, c->size ? c->size * 2 : 64, 0 };
	size_t i;

	if ((n.slot = calloc(n.size, sizeof(*n.slot))) == NULL)
		return -1;
	for (i = 0; i < c->size; i++)
		if (c->slot[i].used)
			*find(&n, c->slot[i].id) = c->slot[i];
	n.count = c->count;
	free(c->slot);
	*c = n;
	return 0;
}

/* name made safe for a terminal: itself, or a copy that is (NULL: no memory). */
static char *
text_of(char *name)
{
	size_t len = 4 * strlen(name) + 1;
	char *buf;

	if ((buf = malloc(len)) == NULL)
		return NULL;
	cli_escape(name, buf, len, CLI_ESC_BACKSLASH);
	if (strcmp(buf, name) == 0) {
		free(buf);
		return name;
	}
	return buf;
}

static const struct slot *
lookup(struct cache *c, unsigned int id, int group)
{
	static struct slot none;
	struct slot *s;
	const char *name = NULL;

	if (c->size != 0 && (s = find(c, id))->used)
		return s;
	if (group) {
		struct group *gr = getgrgid((gid_t)id);

		name = gr != NULL ? gr->gr_name : NULL;
	} else {
		struct passwd *pw = getpwuid((uid_t)id);

		name = pw != NULL ? pw->pw_name : NULL;
	}
	/* out of memory costs the name: shown by number */
	if ((c->count + 1) * 2 > c->size && grow(c) < 0)
		return &none;
	s = find(c, id);
	s->used = 1;
	s->id = id;
	s->name = name != NULL ? strdup(name) : NULL;
	s->text = s->name != NULL ? text_of(s->name) : NULL;
	if (s->text == NULL) {
		free(s->name);
		s->name = NULL;
	}
	c->count++;
	return s;
}

const char *
cli_user(uid_t uid)
{
	return lookup(&users, (unsigned int)uid, 0)->text;
}

const char *
cli_group(gid_t gid)
{
	return lookup(&groups, (unsigned int)gid, 1)->text;
}

const char *
cli_user_raw(uid_t uid)
{
	return lookup(&users, (unsigned int)uid, 0)->name;
}

const char *
cli_group_raw(gid_t gid)
{
	return lookup(&groups, (unsigned int)gid, 1)->name;
}

/*
 * "name (what n)", or "what n" when there is no name.  A name too long for
 * buf is cut at a character, and marked; the number always stays.
 */
static const char *
named(const char *name, const char *what, unsigned int n, char *buf,
    size_t len)
{
	char tail[32];
	size_t room, at = 0, k;

	if (name == NULL) {
		snprintf(buf, len, "%s %u", what, n);
		return buf;
	}
	snprintf(tail, sizeof(tail), " (%s %u)", what, n);
	if (strlen(name) + strlen(tail) < len) {
		snprintf(buf, len, "%s%s", name, tail);
		return buf;
	}
	room = len > strlen(tail) + 4 ? len - strlen(tail) - 4 : 0;
	while (name[at] != '\0' && cli_utf8(name + at, &k) >= 0 &&
	    at + k <= room)
		at += k;
	snprintf(buf, len, "%.*s...%s", (int)at, name, tail);
	return buf;
}

const char *
cli_owner(uid_t uid, char *buf, size_t len)
{
	return named(cli_user(uid), "uid", (unsigned int)uid, buf, len);
}

const char *
cli_group_owner(gid_t gid, char *buf, size_t len)
{
	return named(cli_group(gid), "gid", (unsigned int)gid, buf, len);
}

const char *
cli_mode(unsigned int mode, char buf[10])
{
	static const char rwx[] = "rwxrwxrwx";
	int i;

	for (i = 0; i < 9; i++)
		buf[i] = (mode & (0400U >> i)) ? rwx[i] : '-';
	buf[9] = '\0';
	return buf;
}
