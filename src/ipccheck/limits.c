/* SPDX-License-Identifier: MIT */
/*
 * ipccheck limits: each count against the limit the kernel holds it to,
 * a warning at 80% and critical at 95% (netdata's thresholds; --warn,
 * --crit), with the setting that raises it.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "ipccheck.h"

/* One count against its limit: a finding when it is near. */
static void
near(const struct opts *o, const char *topic, uint64_t used, uint64_t max,
    const char *what, const char *fails, const char *fix)
{
	struct finding f = { SEV_WARNING, "limits", -1, NULL, topic, "", "",
	    "" };

	if (max == 0 || used * 100 < (uint64_t)o->warn * max)
		return;
	if (used * 100 >= (uint64_t)o->crit * max)
		f.sev = SEV_CRITICAL;
	snprintf(f.what, sizeof(f.what), "%" PRIu64 " of %" PRIu64 " %s "
	    "(%" PRIu64 "%%)", used, max, what, used * 100 / max);
	snprintf(f.why, sizeof(f.why), "at the limit, %s", fails);
	snprintf(f.fix, sizeof(f.fix), "%s", fix);
	report(o, &f);
}

/* The bigger limit to suggest: twice, within the kernel's own bound. */
static uint64_t
twice(uint64_t v, uint64_t most)
{
	return v * 2 > most ? most : v * 2;
}

static void
sysv(const struct opts *o)
{
	struct ipck_limits l;
	struct ipck_usage u;
	char fix[256];

	if (ipck_limits(&l) < 0) {
		cannot_see(o, "sysv", NULL, "the System V limits cannot be read",
		    strerror(errno));
		return;
	}
	if (o->want[IPCK_SHM] && ipck_usage(IPCK_SHM, &u) == 0) {
		snprintf(fix, sizeof(fix), "sysctl -w kernel.shmmni=%" PRIu64
		    " (and in /etc/sysctl.d/ to keep it)", twice(l.shmmni, 32768));
		near(o, "shm", u.ids, l.shmmni, "segments (shmmni)",
		    "shmget fails with ENOSPC", fix);
		snprintf(fix, sizeof(fix), "sysctl -w kernel.shmall=%" PRIu64
		    " (pages; and in /etc/sysctl.d/)", twice(l.shmall, UINT64_MAX / 2));
		near(o, "shm", u.shm_pages, l.shmall, "pages of shared memory "
		    "(shmall)", "shmget fails with ENOSPC", fix);
	}
	if (o->want[IPCK_MSG] && ipck_usage(IPCK_MSG, &u) == 0) {
		snprintf(fix, sizeof(fix), "sysctl -w kernel.msgmni=%" PRIu64
		    " (and in /etc/sysctl.d/)", twice(l.msgmni, 32768));
		near(o, "msg", u.ids, l.msgmni, "message queues (msgmni)",
		    "msgget fails with ENOSPC", fix);
	}
	if (o->want[IPCK_SEM] && ipck_usage(IPCK_SEM, &u) == 0) {
		/* kernel.sem is four numbers: SEMMSL SEMMNS SEMOPM SEMMNI */
		snprintf(fix, sizeof(fix), "sysctl -w kernel.sem=\"%" PRIu64 " %"
		    PRIu64 " %" PRIu64 " %" PRIu64 "\" (and in /etc/sysctl.d/)",
		    l.semmsl, l.semmns, l.semopm, twice(l.semmni, 32768));
		near(o, "sem", u.ids, l.semmni, "semaphore sets (semmni)",
		    "semget fails with ENOSPC", fix);
		snprintf(fix, sizeof(fix), "sysctl -w kernel.sem=\"%" PRIu64 " %"
		    PRIu64 " %" PRIu64 " %" PRIu64 "\" (and in /etc/sysctl.d/)",
		    l.semmsl, twice(l.semmns, INT32_MAX), l.semopm, l.semmni);
		near(o, "sem", u.sem_sems, l.semmns, "semaphores (semmns)",
		    "semget fails with ENOSPC", fix);
	}
}

static void
posix(const struct opts *o)
{
	struct ipck_posix_limits l;
	struct ipck_usage u, s;
	char fix[256];

	if (o->want[IPCK_PMSG] && ipck_posix_limits_for(cli_place(),
	    IPCK_PLIM_QUEUES, &l) == 0 && ipck_usage_at(cli_place(), IPCK_PMSG,
	    &u) == 0) {
		snprintf(fix, sizeof(fix), "sysctl -w fs.mqueue.queues_max=%"
		    PRIu64 " (and in /etc/sysctl.d/)", twice(l.queues_max, 1024));
		near(o, "pmsg", u.ids, l.queues_max, "POSIX message queues "
		    "(queues_max)", "mq_open fails with ENOSPC (but for "
		    "CAP_SYS_RESOURCE)", fix);
	}
	if (!o->want[IPCK_PSHM] && !o->want[IPCK_PSEM])
		return;
	if (ipck_posix_limits_for(cli_place(), IPCK_PLIM_SHM, &l) < 0)
		return;
	snprintf(fix, sizeof(fix), "mount -o remount,size=%" PRIu64 "k "
	    "/dev/shm (and its line in /etc/fstab)", twice(l.shm_size, UINT64_MAX /
	    2) / 1024);
	near(o, "dev_shm", l.shm_size - l.shm_free, l.shm_size, "bytes of "
	    "/dev/shm", "shm_open's objects cannot grow (SIGBUS on a page "
	    "written) and sem_open fails", fix);
	memset(&s, 0, sizeof(s));
	if (ipck_usage_at(cli_place(), IPCK_PSHM, &u) < 0 ||
	    ipck_usage_at(cli_place(), IPCK_PSEM, &s) < 0)
		return;
	snprintf(fix, sizeof(fix), "mount -o remount,nr_inodes=%" PRIu64
	    " /dev/shm (and its line in /etc/fstab)", twice(l.shm_inodes,
	    UINT64_MAX / 2));
	near(o, "dev_shm", u.ids + s.ids, l.shm_inodes, "files of /dev/shm "
	    "(its inodes; POSIX objects and semaphores)", "shm_open and "
	    "sem_open fail with ENOSPC", fix);
}

void
limits_end(const struct opts *o, void *ctx)
{
	(void)ctx;
	sysv(o);
	posix(o);
}
