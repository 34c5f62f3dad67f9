/* SPDX-License-Identifier: MIT */
/*
 * ipccheck exposure: objects any user may write or read, objects whose
 * owner is no user, and files in /dev/shm that are no POSIX object (a
 * symlink, fifo, socket, device or directory someone put there).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ipccheck.h"

void
exposure_object(const struct opts *o, const struct ipck_obj *obj, void *ctx)
{
	struct finding f = { SEV_WARNING, "exposure", (int)obj->kind, obj,
	    ipck_kind_name(obj->kind), "", "", "" };
	char b[4 * 256 + 32];

	(void)ctx;
	if (obj->mode & 0006) {
		f.sev = (obj->mode & 0002) ? SEV_WARNING : SEV_INFO;
		snprintf(f.what, sizeof(f.what), "any user may %s it (mode "
		    "%04o)", (obj->mode & 0002) ? "write" : "read",
		    obj->mode & 0777);
		snprintf(f.why, sizeof(f.why), "%s", (obj->mode & 0002) ?
		    "any process here can change its contents or its values" :
		    "any process here can read what it holds");
		snprintf(f.fix, sizeof(f.fix), "ipcset%s --mode o= %s (if it "
		    "is not meant to be shared)", ns_opt(), cli_object_arg(obj, b,
		    sizeof(b)));
		report(o, &f);
	}
	if (cli_user(obj->uid) == NULL) {
		f.sev = SEV_INFO;
		snprintf(f.what, sizeof(f.what), "owned by uid %u, which has no "
		    "user", (unsigned int)obj->uid);
		snprintf(f.why, sizeof(f.why), "left by a user since removed, "
		    "or made for a uid that a later user will get");
		snprintf(f.fix, sizeof(f.fix), "ipcset%s --owner USER %s, or "
		    "ipcrm%s %s", ns_opt(), cli_object_arg(obj, b, sizeof(b)),
		    ns_opt(), b);
		report(o, &f);
	}
}

static const char *
file_kind(mode_t m)
{
	return S_ISLNK(m) ? "a symbolic link" : S_ISFIFO(m) ? "a fifo" :
	    S_ISSOCK(m) ? "a socket" : S_ISDIR(m) ? "a directory" :
	    S_ISCHR(m) || S_ISBLK(m) ? "a device" : "not a file";
}

/* What in /dev/shm is no regular file. */
static void
planted(const struct opts *o)
{
	const struct ipck_place *pl = cli_place();
	struct finding f = { SEV_WARNING, "exposure", -1, NULL, "dev_shm", "",
	    "", "" };
	char e[4 * 256 + 8], q[4 * 256 + 8];
	struct dirent *d;
	struct stat st;
	DIR *dir;
	int fd;

	fd = pl == NULL || pl->shm_dir == AT_FDCWD ? open("/dev/shm",
	    O_RDONLY | O_DIRECTORY | O_CLOEXEC) : pl->shm_dir < 0 ? -1 :
	    openat(pl->shm_dir, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0 || (dir = fdopendir(fd)) == NULL) {
		if (fd >= 0)
			close(fd);
		return;
	}
	while ((d = readdir(dir)) != NULL) {
		if (strcmp(d->d_name, ".") == 0 || strcmp(d->d_name, "..") == 0 ||
		    fstatat(dirfd(dir), d->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0 ||
		    S_ISREG(st.st_mode))
			continue;
		snprintf(f.what, sizeof(f.what), "/dev/shm/%s is %s, no POSIX "
		    "object", cli_escape(d->d_name, e, sizeof(e),
		    CLI_ESC_BACKSLASH), file_kind(st.st_mode));
		snprintf(f.why, sizeof(f.why), "programs make their objects "
		    "there: a file of another kind was put there by hand, or to "
		    "trip one up");
		snprintf(f.fix, sizeof(f.fix), "ls -l /dev/shm/%s (and remove "
		    "it if no one meant it to be there)", cli_shell_quote(
		    d->d_name, q, sizeof(q)));
		report(o, &f);
	}
	closedir(dir);
}

void
exposure_end(const struct opts *o, void *ctx)
{
	(void)ctx;
	if (o->want[IPCK_PSHM] || o->want[IPCK_PSEM])
		planted(o);
}
