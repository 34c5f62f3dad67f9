/* SPDX-License-Identifier: MIT */
/*
 * libipckit, namespaces and containers.
 * Include <ipckit.h>, which includes every one of these.
 */
#ifndef IPCKIT_NS_H
#define IPCKIT_NS_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

#include "object.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * IPC namespaces.  System V objects and POSIX queues belong to the IPC
 * namespace; POSIX shared memory objects and named semaphores are files
 * in a mount namespace's /dev/shm.
 *
 * ipck_ns_open: a descriptor (O_CLOEXEC) of the IPC namespace of process
 * pid (> 0), or of the namespace file path (/proc/PID/ns/ipc, a bind
 * mount of one; pid 0).  ENOENT: no such process or file; EINVAL: the
 * file is no IPC namespace.  ipck_ns_enter makes it the calling thread's
 * (setns; EPERM without CAP_SYS_ADMIN over its owning user namespace):
 * from then on every System V call and every queue is the namespace's.
 */
int	ipck_ns_open(pid_t pid, const char *path);
int	ipck_ns_enter(int fd);
/* The lowest pid with a thread in namespace fd, or 0: none (a bind mount holds it). */
int	ipck_ns_holder(int fd, pid_t *pid);
/*
 * Every IPC namespace on the machine, each once: those any thread of any
 * process is in (/proc/PID/task/TID/ns/ipc) and those bound to a file in
 * this mount namespace (nsfs in /proc/self/mountinfo).  *v is malloc'd,
 * sorted by inode; free it with ipck_ns_free.  Processes in other PID
 * namespaces are seen as far as this /proc shows them.
 */
struct ipck_nsinfo {
	dev_t		 dev;		/* the namespace's file: ipc:[ino] */
	ino_t		 ino;
	unsigned int	 nprocs;	/* processes with a thread in it */
	pid_t		 pid;		/* the lowest of them; 0: none */
	char		 comm[16];	/* its command, "" when gone */
	char		 path[64];	/* a thread's ns file, when pid > 0 */
	char		*bound;		/* a bind mount of it, or NULL */
};
int	ipck_ns_all(struct ipck_nsinfo **v, size_t *n);
/* The same, and in *hidden the processes whose namespace is not the caller's to see. */
int	ipck_ns_scan(struct ipck_nsinfo **v, size_t *n, size_t *hidden);
void	ipck_ns_free(struct ipck_nsinfo *v, size_t n);
/* Open one that ipck_ns_all found, as ipck_ns_open does. */
int	ipck_nsinfo_open(const struct ipck_nsinfo *ns);
/*
 * The container a process runs in, from the cgroup paths of
 * /proc/PID/cgroup: engine "docker", "containerd", "cri-o", "podman",
 * "nspawn" or "kubernetes" (a pod's cgroup, no runtime named), id the
 * container's (64 hex digits, or a machine's name), pod a Kubernetes
 * pod's uid when one is named.  ipck_parse_cgroup reads the file's text;
 * both return 1 when a container is named, 0 when none is, -1 on error.
 */
struct ipck_container {
	char	engine[16];
	char	id[128];
	char	pod[64];
};
int	ipck_parse_cgroup(const char *text, struct ipck_container *c);
int	ipck_container_of(pid_t pid, struct ipck_container *c);

#ifdef __cplusplus
}
#endif

#endif /* IPCKIT_NS_H */
