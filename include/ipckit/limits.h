/* SPDX-License-Identifier: MIT */
/*
 * libipckit, limits and usage: what the kernel allows, and what is in use.
 * Include <ipckit.h>, which includes every one of these.
 */
#ifndef IPCKIT_LIMITS_H
#define IPCKIT_LIMITS_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

#include "object.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The limits in force in the caller's IPC namespace. */
struct ipck_limits {
	uint64_t	shmmax;		/* bytes */
	uint64_t	shmmin;		/* bytes */
	uint64_t	shmall;		/* pages */
	uint64_t	shmmni;
	uint64_t	msgmni;
	uint64_t	msgmax;		/* bytes */
	uint64_t	msgmnb;		/* bytes */
	uint64_t	semmni;
	uint64_t	semmsl;
	uint64_t	semmns;
	uint64_t	semopm;
	uint64_t	semvmx;
};
int	ipck_limits(struct ipck_limits *lim);

/*
 * The POSIX kinds' limits: the mqueue sysctls of the IPC namespace
 * (/proc/sys/fs/mqueue), and the tmpfs behind /dev/shm, which holds shared
 * memory objects and named semaphores.
 */
struct ipck_posix_limits {
	uint64_t	queues_max;
	uint64_t	msg_max;
	uint64_t	msgsize_max;	/* bytes */
	uint64_t	msg_default;
	uint64_t	msgsize_default;	/* bytes */
	uint64_t	shm_size;	/* bytes of /dev/shm */
	uint64_t	shm_free;	/* bytes free there */
	uint64_t	shm_inodes;	/* files it may hold (objects, semaphores) */
};
int	ipck_posix_limits(struct ipck_posix_limits *lim);
/* The same with the tmpfs of place pl's /dev/shm (NULL: here). */
int	ipck_posix_limits_at(const struct ipck_place *pl,
	    struct ipck_posix_limits *lim);
/*
 * Only the parts asked for (each a read of the kernel; the rest stay 0):
 * queues_max; the four per-queue sizes; the tmpfs's three figures.
 */
#define IPCK_PLIM_QUEUES	0x1u
#define IPCK_PLIM_SIZES		0x2u
#define IPCK_PLIM_SHM		0x4u
#define IPCK_PLIM_ALL		0x7u
int	ipck_posix_limits_for(const struct ipck_place *pl, unsigned int want,
	    struct ipck_posix_limits *lim);

/* What one kind uses now (the *_INFO calls; for the POSIX kinds, a walk). */
struct ipck_usage {
	uint64_t	ids;		/* objects that exist */
	uint64_t	shm_pages;	/* shm: pages allocated */
	uint64_t	shm_rss;	/* shm: pages resident */
	uint64_t	shm_swap;	/* shm: pages swapped */
	uint64_t	shm_swap_attempts;	/* shm: kept at 0 by Linux */
	uint64_t	shm_swap_successes;	/* shm: kept at 0 by Linux */
	uint64_t	msg_headers;	/* msg: messages queued */
	uint64_t	msg_bytes;	/* msg: bytes queued */
	uint64_t	sem_sems;	/* sem: semaphores allocated */
	uint64_t	bytes;		/* pshm: bytes; pmsg: bytes queued */
	uint64_t	allocated;	/* pshm: bytes the pages take */
	uint64_t	messages;	/* pmsg: messages queued */
	uint64_t	unknown;	/* pmsg: queues not readable, not counted */
};
int	ipck_usage(enum ipck_kind kind, struct ipck_usage *use);
/* The same in a place: a POSIX kind's walk is of pl's /dev/shm. */
int	ipck_usage_at(const struct ipck_place *pl, enum ipck_kind kind,
	    struct ipck_usage *use);

#ifdef __cplusplus
}
#endif

#endif /* IPCKIT_LIMITS_H */
