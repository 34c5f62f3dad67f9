/* SPDX-License-Identifier: MIT */
/*
 * The archive's file.  It is written under a temporary name in the same
 * directory and renamed over its own name only when whole and on disk
 * (fsync of the file, then of the directory): a crash or a full disk
 * never leaves half an archive under the name, nor harms the one there.
 * Standard output is written through an unlinked file in $TMPDIR (the
 * writer mends each member's header once it knows its size).  An archive
 * read from standard input is kept in such a file too, so it can be
 * checked whole before anything is made.
 */
#define _GNU_SOURCE	/* O_TMPFILE */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "archive.h"

/* An unlinked file in $TMPDIR (or /tmp). */
static int
scratch(void)
{
	const char *dir = getenv("TMPDIR");
	char path[4096];
	int fd;

	if (dir == NULL || *dir == '\0')
		dir = "/tmp";
#ifdef O_TMPFILE
	if ((fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600)) >= 0)
		return fd;
#endif
	snprintf(path, sizeof(path), "%s/ipckit.XXXXXX", dir);
	if ((fd = mkstemp(path)) >= 0)
		unlink(path);
	return fd;
}

int
ar_file_create(struct ar_file *f, const char *path)
{
	char *copy, *dir;
	int saved;

	memset(f, 0, sizeof(*f));
	f->fd = -1;
	if (strcmp(path, "-") == 0) {
		f->fd = scratch();
		return f->fd < 0 ? -1 : 0;
	}
	if ((f->path = strdup(path)) == NULL || (copy = strdup(path)) == NULL) {
		free(f->path);
		return -1;
	}
	dir = dirname(copy);
	if ((f->tmp = malloc(strlen(dir) + 32)) == NULL) {
		free(copy);
		free(f->path);
		return -1;
	}
	sprintf(f->tmp, "%s/.ipcsave.XXXXXX", dir);
	free(copy);
	if ((f->fd = mkstemp(f->tmp)) < 0) {
		saved = errno;
		free(f->tmp);
		free(f->path);
		f->tmp = f->path = NULL;
		errno = saved;
		return -1;
	}
	return 0;
}

/* The whole of fd to standard output. */
static int
copy_out(int fd)
{
	char buf[1 << 16];
	ssize_t n, k, done;

	if (lseek(fd, 0, SEEK_SET) < 0)
		return -1;
	while ((n = read(fd, buf, sizeof(buf))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		for (done = 0; done < n; done += k)
			if ((k = write(STDOUT_FILENO, buf + done,
			    (size_t)(n - done))) < 0) {
				if (errno == EINTR) {
					k = 0;
					continue;
				}
				return -1;
			}
	}
	return 0;
}

int
ar_file_commit(struct ar_file *f)
{
	char *copy;
	int dfd, r = 0, saved;

	if (f->path == NULL) {
		r = copy_out(f->fd);
		saved = errno;
		close(f->fd);
		f->fd = -1;
		errno = saved;
		return r;
	}
	if (fsync(f->fd) < 0 || close(f->fd) < 0) {
		f->fd = -1;
		return -1;
	}
	f->fd = -1;
	if (rename(f->tmp, f->path) < 0)
		return -1;
	free(f->tmp);
	f->tmp = NULL;
	/* the rename on disk too */
	if ((copy = strdup(f->path)) != NULL) {
		if ((dfd = open(dirname(copy), O_RDONLY | O_DIRECTORY |
		    O_CLOEXEC)) >= 0) {
			if (fsync(dfd) < 0 && errno != EINVAL)
				r = -1;
			close(dfd);
		}
		free(copy);
	}
	free(f->path);
	f->path = NULL;
	return r;
}

void
ar_file_abort(struct ar_file *f)
{
	int saved = errno;

	if (f->fd >= 0)
		close(f->fd);
	if (f->tmp != NULL)
		unlink(f->tmp);
	free(f->tmp);
	free(f->path);
	f->fd = -1;
	f->tmp = f->path = NULL;
	errno = saved;
}

int
ar_file_open(const char *path)
{
	struct stat st;
	char buf[1 << 16];
	ssize_t n, k, done;
	int fd, saved;

	if (strcmp(path, "-") != 0)
		return open(path, O_RDONLY | O_CLOEXEC);
	if (fstat(STDIN_FILENO, &st) == 0 && S_ISREG(st.st_mode))
		return dup(STDIN_FILENO);
	if ((fd = scratch()) < 0)
		return -1;
	while ((n = read(STDIN_FILENO, buf, sizeof(buf))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		for (done = 0; done < n; done += k)
			if ((k = write(fd, buf + done, (size_t)(n - done))) < 0)
				goto fail;
	}
	return fd;
fail:
	saved = errno;
	close(fd);
	errno = saved;
	return -1;
}
