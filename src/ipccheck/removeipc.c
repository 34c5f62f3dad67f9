/* SPDX-License-Identifier: MIT */
/*
 * ipccheck removeipc: systemd-logind's RemoveIPC= (yes unless set), read
 * as logind reads it: logind.conf, then the drop-ins logind.conf.d/NAME.conf
 * of /usr/lib, /usr/local/lib, /run and /etc by file name (a name in a
 * later directory hides the same name in an earlier one), the last
 * setting winning.  Where logind runs (/run/systemd/seats, which it
 * makes, is there), every object of a user above the system range
 * (SYS_UID_MAX of /etc/login.defs, else 999) goes when that user's last
 * session ends.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ipccheck.h"

/* RemoveIPC= in [Login] of one file: 1 yes, 0 no; *v untouched if unset. */
static void
read_conf(const char *path, int *v)
{
	char line[512], *p, *e;
	int login = 0;
	FILE *f;

	if ((f = fopen(path, "r")) == NULL)
		return;
	while (fgets(line, sizeof(line), f) != NULL) {
		for (p = line; isspace((unsigned char)*p); p++)
			continue;
		for (e = p + strlen(p); e > p && isspace((unsigned char)e[-1]); e--)
			continue;
		*e = '\0';
		if (*p == '[')
			login = strcmp(p, "[Login]") == 0;
		else if (login && strncmp(p, "RemoveIPC", 9) == 0) {
			for (p += 9; isspace((unsigned char)*p); p++)
				continue;
			if (*p++ != '=')
				continue;
			while (isspace((unsigned char)*p))
				p++;
			if (!strcasecmp(p, "no") || !strcasecmp(p, "false") ||
			    !strcmp(p, "0") || !strcasecmp(p, "off"))
				*v = 0;
			else if (!strcasecmp(p, "yes") || !strcasecmp(p, "true") ||
			    !strcmp(p, "1") || !strcasecmp(p, "on"))
				*v = 1;
		}
	}
	fclose(f);
}

static int
by_name(const void *a, const void *b)
{
	const char *x = strrchr(*(char *const *)a, '/');
	const char *y = strrchr(*(char *const *)b, '/');

	return strcmp(x, y);
}

/* Whether RemoveIPC is on, as logind reads its files. */
static int
remove_ipc(void)
{
	static const char *const dirs[] = { "/usr/lib/systemd/logind.conf.d",
	    "/usr/local/lib/systemd/logind.conf.d", "/run/systemd/logind.conf.d",
	    "/etc/systemd/logind.conf.d" };
	char **v = NULL, path[4096];
	size_t n = 0, i, k;
	struct dirent *d;
	DIR *dir;
	int on = 1;

	read_conf("/etc/systemd/logind.conf", &on);
	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		if ((dir = opendir(dirs[i])) == NULL)
			continue;
		while ((d = readdir(dir)) != NULL) {
			size_t len = strlen(d->d_name);

			if (len < 6 || strcmp(d->d_name + len - 5, ".conf") != 0)
				continue;
			snprintf(path, sizeof(path), "%s/%s", dirs[i], d->d_name);
			/* the same name in a later directory hides the earlier */
			for (k = 0; k < n; k++)
				if (strcmp(strrchr(v[k], '/'), strrchr(path, '/')) == 0)
					break;
			if (k == n)
				v = cli_grow(v, n++, sizeof(*v));
			else
				free(v[k]);
			if ((v[k] = strdup(path)) == NULL)
				cli_die(CLI_FAIL, "out of memory");
		}
		closedir(dir);
	}
	if (n > 0)
		qsort(v, n, sizeof(*v), by_name);
	for (i = 0; i < n; i++) {
		read_conf(v[i], &on);
		free(v[i]);
	}
	free(v);
	return on;
}

/* SYS_UID_MAX of /etc/login.defs, else systemd's usual 999. */
static unsigned long
sys_uid_max(void)
{
	char line[256], key[64];
	unsigned long v = 999, x;
	FILE *f;

	if ((f = fopen("/etc/login.defs", "r")) == NULL)
		return v;
	while (fgets(line, sizeof(line), f) != NULL)
		if (sscanf(line, " %63s %lu", key, &x) == 2 &&
		    strcmp(key, "SYS_UID_MAX") == 0)
			v = x;
	fclose(f);
	return v;
}

struct ctx {
	unsigned long	max;
};

void
removeipc_begin(const struct opts *o, void **ctx)
{
	struct ctx *c;

	(void)o;
	*ctx = NULL;
	/* logind makes /run/systemd/seats: without it, it does not run here */
	if (access("/run/systemd/seats", F_OK) != 0 || !remove_ipc())
		return;
	if ((c = malloc(sizeof(*c))) == NULL)
		cli_die(CLI_FAIL, "out of memory");
	else
		c->max = sys_uid_max();
	*ctx = c;
}

void
removeipc_object(const struct opts *o, const struct ipck_obj *obj, void *ctx)
{
	const struct ctx *c = ctx;
	struct finding f = { SEV_WARNING, "removeipc", (int)obj->kind, obj,
	    ipck_kind_name(obj->kind), "", "", "" };
	char own[CLI_OWNER_LEN];

	if (c == NULL || (unsigned long)obj->uid <= c->max ||
	    obj->uid == 65534)
		return;
	cli_owner(obj->uid, own, sizeof(own));
	snprintf(f.what, sizeof(f.what), "owned by %s, above the system "
	    "users (SYS_UID_MAX %lu): removed when that user's last session "
	    "ends", own, c->max);
	snprintf(f.why, sizeof(f.why), "systemd-logind's RemoveIPC=yes "
	    "removes it with no warning, under the processes that use it");
	snprintf(f.fix, sizeof(f.fix), "RemoveIPC=no in /etc/systemd/"
	    "logind.conf.d/ipc.conf (then systemctl restart systemd-logind), "
	    "or own it by a system user");
	report(o, &f);
}

void
removeipc_end(const struct opts *o, void *ctx)
{
	(void)o;
	free(ctx);
}
