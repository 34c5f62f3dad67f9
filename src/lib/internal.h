/* SPDX-License-Identifier: MIT */
/* libipckit's private declarations: shared between its files, never exported. */
#ifndef IPCK_INTERNAL_H
#define IPCK_INTERNAL_H

#include "ipckit.h"

/* Marks a definition as part of the library's ABI (built -fvisibility=hidden). */
#define IPCK_API	__attribute__((visibility("default")))

struct semid_ds;
struct seminfo;

/* glibc and musl leave the definition of semctl's fourth argument to us. */
union semun {
	int			 val;
	struct semid_ds		*buf;
	unsigned short		*array;
	struct seminfo		*__buf;
};

/*
 * Fill *obj from the kernel: by id with IPC_STAT (any = 0), or by index with
 * *_STAT_ANY (any = 1).  Returns the object's id.
 */
int	ipck__stat_kernel(enum ipck_kind kind, int n, int any,
	    struct ipck_obj *obj);
/* The highest index in use (IPC_INFO); 0 also when there is none. */
int	ipck__max_index(enum ipck_kind kind);
/* Unsigned whole-string number in base 8, 10 or 16 (no prefix), at most max. */
int	ipck__parse_u64(const char *s, unsigned int base, uint64_t max,
	    uint64_t *out);
/* 0 when kind is a System V kind, else -1 with EOPNOTSUPP or EINVAL. */
int	ipck__sysv_kind(enum ipck_kind kind);

#endif /* IPCK_INTERNAL_H */
