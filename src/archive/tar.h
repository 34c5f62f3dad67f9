/* SPDX-License-Identifier: MIT */
/* What the tar writer (tarout.c) and reader (tarin.c) share: a ustar header. */
#ifndef IPCK_ARCHIVE_TAR_H
#define IPCK_ARCHIVE_TAR_H

#include "archive.h"

#define BLOCK	512

struct header {
	char	name[100];
	char	mode[8];
	char	uid[8];
	char	gid[8];
	char	size[12];
	char	mtime[12];
	char	chksum[8];
	char	typeflag;
	char	linkname[100];
	char	magic[6];
	char	version[2];
	char	uname[32];
	char	gname[32];
	char	devmajor[8];
	char	devminor[8];
	char	prefix[155];
	char	pad[12];
};

/* The header's checksum: its bytes added up, the checksum field as spaces. */
unsigned long	ar_tar_sum(const struct header *h);

#endif /* IPCK_ARCHIVE_TAR_H */
