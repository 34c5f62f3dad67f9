/* SPDX-License-Identifier: MIT */
/*
 * Which container a process is in, told by the names container engines
 * give their cgroups (systemd and cgroupfs drivers alike):
 *   docker      .../docker-<id>.scope, /docker/<id>
 *   containerd  .../cri-containerd-<id>.scope, /containerd/<id>
 *   cri-o       .../crio-<id>.scope (not crio-conmon-)
 *   podman      .../libpod-<id>.scope (not libpod-conmon-), /libpod_parent/libpod-<id>
 *   nspawn      /machine.slice/machine-<name>.scope, systemd-nspawn@<name>.service
 *   kubernetes  a pod's slice or directory, kubepods...-pod<uid>.slice
 * Only the path is read, never trusted further: it names, it proves nothing.
 */
#define _GNU_SOURCE	/* memmem */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

/* s[0..n) is an id an engine gives: hex digits, at least 12. */
static int
hex_id(const char *s, size_t n)
{
	size_t i;

	if (n < 12)
		return 0;
	for (i = 0; i < n; i++)
		if (!isxdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

static void
set(char *dst, size_t len, const char *src, size_t n)
{
	if (n >= len)
		n = len - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

/* A systemd unit name's \x2d escapes undone: machine-my\x2dbox -> my-box. */
static void
unit_name(char *dst, size_t len, const char *src, size_t n)
{
	size_t i, k = 0;
	unsigned int c;

	for (i = 0; i < n && k + 1 < len; i++) {
		if (src[i] == '\\' && i + 3 < n && src[i + 1] == 'x' &&
		    isxdigit((unsigned char)src[i + 2]) &&
		    isxdigit((unsigned char)src[i + 3]) &&
		    sscanf(src + i + 2, "%2x", &c) == 1) {
			dst[k++] = (char)c;
			i += 3;
		} else
			dst[k++] = src[i];
	}
	dst[k] = '\0';
}

/*
 * A systemd scope an engine names "PREFIX<id>.scope": 1 when comp is one
 * (or one of the engine's helpers, which is none).
 */
static int
scope_unit(const char *comp, size_t n, struct ipck_container *c)
{
	static const struct {
		const char	*prefix;
		const char	*not;		/* a helper of the engine's, not a container */
		const char	*engine;
	} scope[] = {
		{ "docker-", NULL, "docker" },
		{ "cri-containerd-", NULL, "containerd" },
		{ "crio-", "crio-conmon-", "cri-o" },
		{ "libpod-", "libpod-conmon-", "podman" },
	};
	size_t i, k, end;

	for (i = 0; i < sizeof(scope) / sizeof(scope[0]); i++) {
		k = strlen(scope[i].prefix);
		if (n <= k || strncmp(comp, scope[i].prefix, k) != 0)
			continue;
		if (scope[i].not != NULL && n > strlen(scope[i].not) &&
		    strncmp(comp, scope[i].not, strlen(scope[i].not)) == 0)
			return 1;
		end = n;
		if (end > 6 && strncmp(comp + end - 6, ".scope", 6) == 0)
			end -= 6;
		if (!hex_id(comp + k, end - k))
			continue;
		set(c->engine, sizeof(c->engine), scope[i].engine,
		    strlen(scope[i].engine));
		set(c->id, sizeof(c->id), comp + k, end - k);
		return 1;
	}
	return 0;
}

/* A Kubernetes pod's part of the path, and its container's id under it. */
static void
pod_part(const char *comp, size_t n, const char *prev, size_t pn,
    struct ipck_container *c)
{
	const char *p;
	size_t i, k;

	/* a pod: kubepods-besteffort-pod<uid>.slice, with '-' written '_' */
	if (c->pod[0] == '\0' && n > 14 && strncmp(comp, "kubepods", 8) == 0 &&
	    strncmp(comp + n - 6, ".slice", 6) == 0 &&
	    (p = memmem(comp, n - 6, "-pod", 4)) != NULL) {
		k = (size_t)(p - comp) + 4;
		set(c->pod, sizeof(c->pod), comp + k, n - 6 - k);
		for (i = 0; c->pod[i] != '\0'; i++)
			if (c->pod[i] == '_')
				c->pod[i] = '-';
		return;
	}
	/* or, with cgroupfs, /kubepods/[QOS/]pod<uid>/<container id> */
	if (c->pod[0] == '\0' && n > 3 && strncmp(comp, "pod", 3) == 0 &&
	    prev != NULL && ((pn == 8 && strncmp(prev, "kubepods", 8) == 0) ||
	    (pn == 10 && strncmp(prev, "besteffort", 10) == 0) ||
	    (pn == 9 && strncmp(prev, "burstable", 9) == 0))) {
		set(c->pod, sizeof(c->pod), comp + 3, n - 3);
		return;
	}
	if (c->pod[0] != '\0' && hex_id(comp, n) && prev != NULL && pn > 3 &&
	    strncmp(prev, "pod", 3) == 0) {
		set(c->engine, sizeof(c->engine), "kubernetes", 10);
		set(c->id, sizeof(c->id), comp, n);
	}
}

/* One path component, comp[0..n): an engine's container, or a pod. */
static void
component(const char *comp, size_t n, const char *prev, size_t pn,
    struct ipck_container *c)
{
	if (scope_unit(comp, n, c))
		return;
	/* cgroupfs drivers: /docker/<id>, /containerd/<id> */
	if (hex_id(comp, n) && prev != NULL && ((pn == 6 &&
	    strncmp(prev, "docker", 6) == 0) || (pn == 10 &&
	    strncmp(prev, "containerd", 10) == 0))) {
		set(c->engine, sizeof(c->engine), prev, pn);
		set(c->id, sizeof(c->id), comp, n);
		return;
	}
	if (n > 16 && strncmp(comp, "machine-", 8) == 0 &&
	    strncmp(comp + n - 6, ".scope", 6) == 0) {
		set(c->engine, sizeof(c->engine), "nspawn", 6);
		unit_name(c->id, sizeof(c->id), comp + 8, n - 14);
		return;
	}
	if (n > 24 && strncmp(comp, "systemd-nspawn@", 15) == 0 &&
	    strncmp(comp + n - 8, ".service", 8) == 0) {
		set(c->engine, sizeof(c->engine), "nspawn", 6);
		unit_name(c->id, sizeof(c->id), comp + 15, n - 23);
		return;
	}
	pod_part(comp, n, prev, pn, c);
}

/* One line, "hierarchy:controllers:/path". */
static void
line(const char *s, size_t n, struct ipck_container *c)
{
	const char *path, *comp, *slash, *prev = NULL, *e = s + n;
	size_t pn = 0, k;

	/* the path follows the second colon */
	if ((path = memchr(s, ':', n)) == NULL ||
	    (path = memchr(path + 1, ':', (size_t)(e - path - 1))) == NULL)
		return;
	for (comp = path + 1; comp < e; comp += k + 1) {
		while (comp < e && *comp == '/')
			comp++;
		if (comp >= e)
			break;
		slash = memchr(comp, '/', (size_t)(e - comp));
		k = (size_t)((slash != NULL ? slash : e) - comp);
		if (c->id[0] == '\0')
			component(comp, k, prev, pn, c);
		prev = comp;
		pn = k;
	}
}

IPCK_API int
ipck_parse_cgroup(const char *text, struct ipck_container *c)
{
	const char *s = text, *nl;

	if (text == NULL || c == NULL) {
		errno = EINVAL;
		return -1;
	}
	memset(c, 0, sizeof(*c));
	while (*s != '\0') {
		nl = strchr(s, '\n');
		line(s, nl != NULL ? (size_t)(nl - s) : strlen(s), c);
		if (nl == NULL)
			break;
		s = nl + 1;
	}
	if (c->id[0] == '\0' && c->pod[0] != '\0')
		set(c->engine, sizeof(c->engine), "kubernetes", 10);
	return c->engine[0] != '\0';
}

IPCK_API int
ipck_container_of(pid_t pid, struct ipck_container *c)
{
	char path[64], buf[8192];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/cgroup", (int)pid);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n < 0)
		return -1;
	buf[n] = '\0';
	return ipck_parse_cgroup(buf, c);
}
