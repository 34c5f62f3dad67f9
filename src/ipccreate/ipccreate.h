/* SPDX-License-Identifier: MIT */
/* ipccreate's parts: what is asked for, and why a creation failed. */
#ifndef IPCCREATE_H
#define IPCCREATE_H

#include <stdint.h>
#include <sys/types.h>

#include "cli.h"

/* One object to create, as the command line asked for it. */
struct res {
	enum ipck_kind	 kind;
	uint64_t	 size;		/* shm and pshm bytes, sem count */
	const char	*arg;		/* the operand that named it, for messages */
	int		 id;
	int		 created;
	char		*name;		/* a POSIX object's, "/name" (malloc'd) */
	struct ipck_obj	 made;		/* a POSIX object as made or found */
};

/* What every object of the call shares. */
struct spec {
	key_t		 key;
	const char	*keyarg;	/* the key as the user gave it; NULL: private */
	unsigned int	 mode;
	unsigned int	 flags;
	int		 tutorial;	/* TYPE KEY form: the tutorial's output */
	struct ipck_posix_attr attr;	/* a semaphore's value, a queue's sizes */
};

/* "0x00001234", or "IPC_PRIVATE". */
const char	*ipccreate_keystr(key_t key, char *buf, size_t len);
/* The line that says why creating r failed with errno err. */
void	ipccreate_explain(const struct res *r, const struct spec *sp, int err);

/* POSIX objects (posix.c): make one (CLI_OK or CLI_FAIL, said why), and the -v line. */
int	ipccreate_posix(struct res *r, const struct spec *sp);
void	ipccreate_posix_describe(const struct res *r);

/* What the options other than the objects ask for, until they are checked. */
struct given {
	const char	*keyarg, *path, *proj;
	int		 reuse;
	int		 other;		/* an option the TYPE KEY form does not take */
	const char	*names[64];	/* -n, in order, and how many objects */
	int		 upto[64];	/*   were asked for before each */
	int		 nnames;
	const char	*value, *maxmsg, *msgsize;	/* as given */
};
/*
 * Each POSIX object of rv[0 .. rn-1] named (the -n after it, or the one
 * -n of the call), and --value, --maxmsg, --msgsize checked against the
 * limits in force, into sp: all before anything is made (given.c).
 */
void	ipccreate_posix_of(const struct given *g, struct spec *sp,
	    struct res *rv, int rn);

#endif /* IPCCREATE_H */
