#!/usr/bin/env bats
# SPDX-License-Identifier: MIT
# ipcget: every form, option and error path.  Objects are made with
# ipccreate and their ids read back from util-linux's ipcs.

load helpers

# make KIND-OPTION KEY: create with ipccreate, print util-linux's id for it
make_obj() {
	case $1 in
	-M) ipccreate -M 4096 -k "$2" >/dev/null; ul_row -m "$2" | cut -d' ' -f2 ;;
	-Q) ipccreate -Q -k "$2" >/dev/null; ul_row -q "$2" | cut -d' ' -f2 ;;
	-S) ipccreate -S 1 -k "$2" >/dev/null; ul_row -s "$2" | cut -d' ' -f2 ;;
	esac
}

@test "TYPE KEY: the tutorial's line for each kind" {
	shm=$(make_obj -M 0x1d000001)
	msg=$(make_obj -Q 0x1d000001)
	sem=$(make_obj -S 0x1d000001)
	run -0 --separate-stderr ipcget 0 0x1d000001
	[ "$output" = "get share memory at 0x1d000001, id = $shm" ]
	[ "$stderr" = "" ]
	run -0 ipcget 1 1d000001
	[ "$output" = "get message queue at 0x1d000001, id = $msg" ]
	run -0 ipcget 2 0X1D000001
	[ "$output" = "get semaphore at 0x1d000001, id = $sem" ]
	run -0 ipcget sem 1d000001
	[ "$output" = "get semaphore at 0x1d000001, id = $sem" ]
}

@test "-M, -Q, -S print ids alone, in order, in any key notation" {
	shm=$(make_obj -M 0x1d000002)
	msg=$(make_obj -Q 0x1d000003)
	sem=$(make_obj -S 0x1d000004)
	run -0 --separate-stderr ipcget -S 0x1d000004 -M 0x1d000002 -Q 0x1d000003
	[ "$output" = "$sem"$'\n'"$shm"$'\n'"$msg" ]
	run -0 ipcget --shmem-key $((0x1d000002)) --queue-key 03500000003 --semaphore-key 0x1D000004
	[ "$output" = "$shm"$'\n'"$msg"$'\n'"$sem" ]
}

@test "a missing key: exit 1, one line naming the operand and the kind" {
	run -1 --separate-stderr ipcget -M 0x1d000005
	[ "$output" = "" ]
	[ "$stderr" = "ipcget: 0x1d000005: No such key (shared memory, 0x1d000005)" ]
	run -1 --separate-stderr ipcget 1 1d000005
	[ "$stderr" = "ipcget: 1d000005: No such key (message queue, 0x1d000005)" ]
}

@test "a key is per kind: a segment's key finds no queue" {
	make_obj -M 0x1d000006 >/dev/null
	run -1 --separate-stderr ipcget -Q 0x1d000006
	[ "$stderr" = "ipcget: 0x1d000006: No such key (message queue, 0x1d000006)" ]
}

@test "found and missing together: the ids found, a line for the rest, exit 1" {
	shm=$(make_obj -M 0x1d000007)
	run -1 --separate-stderr ipcget -M 0x1d000008 -M 0x1d000007
	[ "$output" = "$shm" ]
	[ "$stderr" = "ipcget: 0x1d000008: No such key (shared memory, 0x1d000008)" ]
}

@test "-q prints nothing either way; the exit status tells" {
	make_obj -Q 0x1d000009 >/dev/null
	run -0 --separate-stderr ipcget -q -Q 0x1d000009
	[ "$output" = "" ]
	[ "$stderr" = "" ]
	run -1 --separate-stderr ipcget --quiet -Q 0x1d00000a
	[ "$output" = "" ]
	[ "$stderr" = "" ]
	run -1 --separate-stderr ipcget -q 1 1d00000a
	[ "$stderr" = "" ]
}

@test "key 0 is IPC_PRIVATE: a usage error, and no queue is made" {
	before=$(count_objects)
	run -2 --separate-stderr ipcget -Q 0
	[ "$stderr" = "ipcget: 0: Key 0 is IPC_PRIVATE and names no object" ]
	run -2 --separate-stderr ipcget 1 0
	[ "$stderr" = "ipcget: 0: Key 0 is IPC_PRIVATE and names no object" ]
	run -2 --separate-stderr ipcget -q -M 0x0
	[ "$stderr" = "ipcget: 0x0: Key 0 is IPC_PRIVATE and names no object" ]
	[ "$(count_objects)" = "$before" ]
}

@test "-F PATH -P PROJID TYPE...: ftok's key, for each TYPE" {
	key=$(ftok_key /etc/hostname 7)
	ipccreate -M 4096 -Q -k "$key" >/dev/null
	shm=$(ul_row -m "$key" | cut -d' ' -f2)
	msg=$(ul_row -q "$key" | cut -d' ' -f2)
	run -0 ipcget -F /etc/hostname -P 7 shm 1
	[ "$output" = "$shm"$'\n'"$msg" ]
	run -0 ipcget --ftok /etc/hostname --proj-id 0x107 0
	[ "$output" = "$shm" ]
	run -1 --separate-stderr ipcget -F /etc/hostname -P 7 sem
	[ "$stderr" = "ipcget: $key: No such key (semaphore set, $key)" ]
	"$UL_IPCRM" -M "$key" -Q "$key"
}

@test "-F: a missing path is an error (exit 2); -F needs -P and a TYPE" {
	run -2 --separate-stderr ipcget -F /nonexistent/ipckit -P 1 shm
	[ "$stderr" = "ipcget: /nonexistent/ipckit: No such file or directory" ]
	run -2 --separate-stderr ipcget -F / shm
	[ "$stderr" = "ipcget: -F PATH and -P PROJID go together; try 'ipcget --help'" ]
	run -2 --separate-stderr ipcget -P 1 shm
	[ "$stderr" = "ipcget: -F PATH and -P PROJID go together; try 'ipcget --help'" ]
	run -2 --separate-stderr ipcget -F / -P 1
	[ "$stderr" = "ipcget: -F and -P need a TYPE to look up; try 'ipcget --help'" ]
	run -2 --separate-stderr ipcget -F / -P 0x200 shm
	[ "$stderr" = "ipcget: 0x200: invalid project id (a number or one character, with a low byte that is not 0)" ]
	run -2 --separate-stderr ipcget -F / -P 1 queue
	[ "$stderr" = "ipcget: queue: unknown type (0, 1, 2, shm, msg or sem)" ]
}

@test "malformed keys and types are usage errors" {
	run -2 --separate-stderr ipcget -M xyz
	[ "$output" = "" ]
	[ "$stderr" = "ipcget: xyz: invalid key (0x hex, 0 octal or decimal, 32 bits)" ]
	run -2 --separate-stderr ipcget -S 4294967296
	[ "$stderr" = "ipcget: 4294967296: key out of range (at most 0xffffffff)" ]
	run -2 --separate-stderr ipcget 0 100000000
	[ "$stderr" = "ipcget: 100000000: key out of range (at most 0xffffffff)" ]
	run -2 --separate-stderr ipcget 0 0x1g
	[ "$stderr" = "ipcget: 0x1g: invalid key (hexadecimal, 32 bits)" ]
	run -2 --separate-stderr ipcget 5 1
	[ "$stderr" = "ipcget: 5: unknown type (0, 1, 2, shm, msg or sem)" ]
}

@test "the TYPE KEY form: operands counted, and no -M/-Q/-S beside it" {
	run -2 --separate-stderr ipcget 0
	[ "$stderr" = "ipcget: 0: missing KEY after TYPE; try 'ipcget --help'" ]
	run -2 --separate-stderr ipcget 0 1 2
	[ "$stderr" = "ipcget: 2: unexpected operand after TYPE KEY" ]
	run -2 --separate-stderr ipcget -M 0x1 0 0x1
	[ "$stderr" = "ipcget: 0: the TYPE KEY form takes no -M, -Q, -S or --posix-*" ]
}

@test "nothing to look up, unknown options, missing arguments: usage errors" {
	run -2 --separate-stderr ipcget
	[ "$stderr" = "ipcget: nothing to look up; try 'ipcget --help'" ]
	run -2 --separate-stderr ipcget -q
	[ "$stderr" = "ipcget: nothing to look up; try 'ipcget --help'" ]
	run -2 --separate-stderr ipcget -m 1
	[ "$stderr" = "ipcget: unknown option '-m'; try 'ipcget --help'" ]
	run -2 --separate-stderr ipcget --key=1
	[ "$stderr" = "ipcget: unknown option '--key'; try 'ipcget --help'" ]
	run -2 --separate-stderr ipcget -M
	[ "$stderr" = "ipcget: option '-M' needs an argument; try 'ipcget --help'" ]
	run -2 --separate-stderr ipcget --queue-key
	[ "$stderr" = "ipcget: option '--queue-key' needs an argument; try 'ipcget --help'" ]
}

@test "an object the caller cannot read is still found by key" {
	need_nobody
	shm=$(make_obj -M 0x1d00000b)
	run -0 as_nobody "$BIN/ipcget" -M 0x1d00000b
	[ "$output" = "$shm" ]
}

@test "a write error on stdout is a failure (exit 1)" {
	make_obj -M 0x1d00000c >/dev/null
	run -1 --separate-stderr sh -c 'ipcget -M 0x1d00000c > /dev/full'
	[ "$stderr" = "ipcget: write error: No space left on device" ]
}
