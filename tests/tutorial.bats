#!/usr/bin/env bats
# SPDX-License-Identifier: MIT
# The tutorial's session (shared/seeds, "IPC kernel objects"), step by step,
# with util-linux's ipcs and ipcrm checking what its program would have made:
# key, size or nsems, mode 0644, IPC_CREAT|IPC_EXCL.

load helpers

@test "ipccreate 0/1/2 0x1234, ipcget finds them, ipcs agrees" {
	run -0 ipccreate 0 0x1234
	[ "$output" = "create share memory at 0x1234, id = $(ul_row -m 0x00001234 | cut -d' ' -f2)" ]
	run -0 ipccreate 1 0x1234
	[ "$output" = "create message queue at 0x1234, id = $(ul_row -q 0x00001234 | cut -d' ' -f2)" ]
	run -0 ipccreate 2 0x1234
	[ "$output" = "create semaphore at 0x1234, id = $(ul_row -s 0x00001234 | cut -d' ' -f2)" ]

	# what shmget(key, getpagesize(), IPC_CREAT|IPC_EXCL|0644) makes
	shm=$(ul_row -m 0x00001234 | cut -d' ' -f2)
	[ "$(ul_row -m 0x00001234)" = "0x00001234 $shm root 644 $PAGESIZE 0" ]
	# msgget(key, IPC_CREAT|IPC_EXCL|0644): empty
	msg=$(ul_row -q 0x00001234 | cut -d' ' -f2)
	[ "$(ul_row -q 0x00001234)" = "0x00001234 $msg root 644 0 0" ]
	# semget(key, 5, IPC_CREAT|IPC_EXCL|0644)
	sem=$(ul_row -s 0x00001234 | cut -d' ' -f2)
	[ "$(ul_row -s 0x00001234)" = "0x00001234 $sem root 644 5" ]

	run -0 ipcget 0 0x1234
	[ "$output" = "get share memory at 0x1234, id = $shm" ]
	run -0 ipcget 1 0x1234
	[ "$output" = "get message queue at 0x1234, id = $msg" ]
	run -0 ipcget 2 0x1234
	[ "$output" = "get semaphore at 0x1234, id = $sem" ]

	# exercise 1: running ipccreate 0 0x1234 again fails
	run -1 --separate-stderr ipccreate 0 0x1234
	[ "$output" = "" ]
	[ "$stderr" = "ipccreate: 0x1234: key already in use by shared memory id $shm; remove it with 'ipcrm -M 0x00001234'" ]

	# exercise 2: the command the message names fixes it
	"$UL_IPCRM" -M 0x00001234
	[ -z "$(ul_row -m 0x00001234)" ]
	run -1 ipcget 0 0x1234
	run -0 ipccreate 0 0x1234
	new=$(ul_row -m 0x00001234 | cut -d' ' -f2)
	[ "$output" = "create share memory at 0x1234, id = $new" ]
	run -0 ipcget 0 0x1234
	[ "$output" = "get share memory at 0x1234, id = $new" ]

	"$UL_IPCRM" -M 0x1234 -Q 0x1234 -S 0x1234
}
