/* SPDX-License-Identifier: MIT */
/*
 * POSIX named semaphores: /dev/shm/sem.NAME, each a file holding one
 * sem_t.  Anyone may make a file of that name (the directory is 1777), so
 * one too short to hold a semaphore is reported as none, and the value is
 * read with pread(2), never through a mapping that a short file would
 * make fault (util-linux 2.41's lsipc dies of SIGBUS on one).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <semaphore.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

#define PREFIX	"sem."

/*
 * The value in a sem_t as the C library lays it out: glibc with 64-bit
 * atomics keeps the value in the low half of a 64-bit word and the number
 * of waiters in the high half; glibc without them the value shifted left
 * by one; musl an int whose sign bit tells of waiters.
 */
static void
decode(const unsigned char *b, struct ipck_obj *obj)
{
#if defined(__GLIBC__) && (defined(__LP64__) || defined(__x86_64__))
	uint64_t data;

	memcpy(&data, b, sizeof(data));
	obj->u.psem.value = (unsigned int)(data & 0xffffffffU);
	obj->u.psem.waiters = (unsigned int)(data >> 32);
#elif defined(__GLIBC__)
	uint32_t v, w;

	memcpy(&v, b, sizeof(v));
	memcpy(&w, b + 12, sizeof(w));
	obj->u.psem.value = v >> 1;
	obj->u.psem.waiters = w;
#else
	int32_t v;

	memcpy(&v, b, sizeof(v));
	obj->u.psem.value = (unsigned int)(v & 0x7fffffff);
	obj->u.psem.waiters = v < 0;
#endif
	obj->have |= IPCK_HAVE_VALUE;
}

static int
psem_entry(int dirfd, const char *dname, unsigned char type,
    struct ipck_obj *obj)
{
	unsigned char b[sizeof(sem_t)];
	struct stat st;
	int fd, err, r;

	if (strncmp(dname, PREFIX, strlen(PREFIX)) != 0 ||
	    dname[strlen(PREFIX)] == '\0')
		return 0;
	/* the one open the value needs; a reader's, never a writer's */
	if ((r = ipck__posix_entry(dirfd, dname, type, &st, &fd, &err)) <= 0)
		return r;
	ipck__posix_fill(obj, IPCK_PSEM, dname + strlen(PREFIX), &st);
	if (fd < 0) {
		obj->u.psem.err = err;
		return 1;
	}
	r = (uint64_t)st.st_size < sizeof(sem_t) ? 0 :
	    (int)pread(fd, b, sizeof(b), 0);
	err = errno;
	close(fd);
	if (r < 0)
		obj->u.psem.err = err != 0 ? err : EINVAL;
	else if ((size_t)r < sizeof(b))
		obj->u.psem.err = EINVAL;	/* too short to be one */
	else
		decode(b, obj);
	return 1;
}

static int
psem_dname(const char *name, char *buf, size_t len)
{
	char n[258];

	if (ipck_parse_name(IPCK_PSEM, name, n, sizeof(n), NULL) < 0)
		return -1;
	snprintf(buf, len, PREFIX "%s", n + 1);
	return 0;
}

static void
psem_tally(const struct ipck_obj *o, struct ipck_usage *use)
{
	(void)o;
	use->ids++;
}

/* A semaphore as the C library makes one: sem_init's bytes, in a file. */
static int
psem_make(const struct ipck_place *pl, const char *dname, const char *name,
    const struct ipck_posix_attr *attr, unsigned int mode)
{
	sem_t sem;
	int r;

	(void)name;
	if (attr->value > (unsigned int)SEM_VALUE_MAX) {
		errno = EINVAL;
		return -1;
	}
	memset(&sem, 0, sizeof(sem));
	if (sem_init(&sem, 1, attr->value) < 0)
		return -1;
	r = ipck__shm_make(pl, dname, &sem, sizeof(sem), 0, mode);
	sem_destroy(&sem);
	return r;
}

static int
psem_unlink(const struct ipck_place *pl, const char *dname, const char *name,
    int check, dev_t dev, ino_t ino)
{
	(void)name;
	return ipck__shm_unlink(pl, dname, check, dev, ino);
}

const struct ipck__ops ipck__psem_ops = {
	.dir = ipck__shm_dir,
	.entry = psem_entry,
	.dname = psem_dname,
	.tally = psem_tally,
	.make = psem_make,
	.unlink = psem_unlink,
};
