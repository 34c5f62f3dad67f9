#!/usr/bin/env bats
# SPDX-License-Identifier: MIT
# POSIX objects made, looked up, removed and copied from the shell:
# ipccreate -m/-q/-s, ipcget and ipcrm --posix-*, shmcat --posix-shmem.
# Where util-linux 2.41 (tests/oracle) is set up, its ipcmk and ipcrm are
# run beside on the same objects.  /dev/shm and mqueue are this file's own.

load helpers

HELP=$BUILD/tests/ipchelp
UL241=$TOP/build/oracle/bin

teardown() {
	ipck_teardown
	rm -rf /dev/shm/* /dev/mqueue/* 2>/dev/null || true
}

need_oracle() {
	"$UL241/lsipc" --version 2>/dev/null | grep -q 'util-linux 2\.4[1-9]' ||
		skip "util-linux 2.41 is not set up here (tests/oracle)"
}

# a POSIX shared memory object of SIZE bytes, made as a user would
mkshm() { python3 -c "import os,sys; fd = os.open('/dev/shm/' + sys.argv[1], os.O_CREAT | os.O_RDWR, 0o600); os.ftruncate(fd, int(sys.argv[2]))" "$1" "$2"; }

@test "ipcget --posix-*: the name when it is there, exit 1 when not, 2 for a bad name" {
	mkshm my_shm 4096
	"$HELP" mkposix psem 1 s
	"$HELP" mkposix pmsg 1 q
	run -0 --separate-stderr ipcget --posix-shmem my_shm --posix-semaphore /s0 --posix-mqueue q0
	[ "$output" = "$(printf '/my_shm\n/s0\n/q0')" ]
	[ "$stderr" = "" ]
	run -1 --separate-stderr ipcget --posix-shmem /nope --posix-shmem /my_shm
	[ "$output" = "/my_shm" ]
	[ "$stderr" = "ipcget: /nope: No such name (POSIX shared memory)" ]
	run -1 --separate-stderr ipcget -q --posix-semaphore nope
	[ "$output" = "" ]
	[ "$stderr" = "" ]
	run -2 --separate-stderr ipcget --posix-shmem a/b
	[ "$stderr" = "ipcget: a/b: invalid name: a name has no '/' but the first" ]
	run -2 --separate-stderr ipcget --posix-semaphore "$(printf 'x%.0s' $(seq 252))"
	[[ "$stderr" == *": invalid name: a semaphore's name is at most 251 bytes" ]]
	# what is no object is not found: a directory, a fifo, a semaphore's file as shm
	mkdir /dev/shm/adir
	mkfifo /dev/shm/afifo
	run -1 ipcget -q --posix-shmem adir
	run -1 ipcget -q --posix-shmem afifo
	run -1 ipcget -q --posix-shmem sem.s0
	run -2 --separate-stderr ipcget 0 0x1234 --posix-shmem x
}

@test "ipcget --posix-mqueue without an mqueue mount or the privilege still finds a queue" {
	"$HELP" mkposix pmsg 1 q
	drop="setpriv --bounding-set -sys_admin"
	# in a mount namespace of its own, this file's mqueue taken away: the
	# suite's, of another IPC namespace, shows through
	top='umount /dev/mqueue;'
	all='while umount /dev/mqueue 2>/dev/null; do :; done;'
	in_mnt() { unshare --mount sh -c "$1 exec $drop \"\$@\"" sh "${@:2}"; }
	run -0 in_mnt "$top" "$BIN/ipcget" --posix-mqueue q0
	[ "$output" = "/q0" ]
	run -1 --separate-stderr in_mnt "$top" "$BIN/ipcget" --posix-mqueue q1
	[ "$stderr" = "ipcget: q1: No such name (POSIX message queue)" ]
	# describing it needs this namespace's: ipcstat says how to mount it
	run -2 --separate-stderr in_mnt "$top" "$BIN/ipcstat" --posix-mqueue q0
	[ "$stderr" = "ipcstat: q0: cannot read it: the mqueue at /dev/mqueue is another IPC namespace's, and there is no CAP_SYS_ADMIN for a private one of this one's; mount this namespace's with 'mount -t mqueue none /dev/mqueue'" ]
	# none at all
	run -0 in_mnt "$all" "$BIN/ipcget" --posix-mqueue q0
	[ "$output" = "/q0" ]
	run -2 --separate-stderr in_mnt "$all" "$BIN/ipcstat" --posix-mqueue q0
	[ "$stderr" = "ipcstat: q0: cannot read it: no mqueue filesystem at /dev/mqueue, and no CAP_SYS_ADMIN for a private one; mount one with 'mount -t mqueue none /dev/mqueue'" ]
	# and this file's is still mounted
	[ "$(stat -f -c %T /dev/mqueue)" = mqueue ]
}
