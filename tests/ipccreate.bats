#!/usr/bin/env bats
# SPDX-License-Identifier: MIT
# ipccreate: both forms, every option, every error path.  What was made is
# checked with util-linux's ipcs, not with our own tools.

load helpers

# --- the tutorial's form -------------------------------------------------

@test "TYPE 0: a page of shared memory, mode 0644, the tutorial's line" {
	run -0 --separate-stderr ipccreate 0 0x1c000001
	id=$(ul_row -m 0x1c000001 | cut -d' ' -f2)
	[ "$output" = "create share memory at 0x1c000001, id = $id" ]
	[ "$stderr" = "" ]
	[ "$(ul_row -m 0x1c000001)" = "0x1c000001 $id root 644 $PAGESIZE 0" ]
}

@test "TYPE 1: a message queue, key read as hex without 0x" {
	run -0 --separate-stderr ipccreate 1 1c000002
	id=$(ul_row -q 0x1c000002 | cut -d' ' -f2)
	[ "$output" = "create message queue at 0x1c000002, id = $id" ]
	[ "$(ul_row -q 0x1c000002)" = "0x1c000002 $id root 644 0 0" ]
}

@test "TYPE 2: a set of 5 semaphores" {
	run -0 --separate-stderr ipccreate 2 0x1c000003
	id=$(ul_row -s 0x1c000003 | cut -d' ' -f2)
	[ "$output" = "create semaphore at 0x1c000003, id = $id" ]
	[ "$(ul_row -s 0x1c000003)" = "0x1c000003 $id root 644 5" ]
}

@test "TYPE may be spelled shm, msg, sem" {
	run -0 ipccreate shm 0x1c000004
	[[ $output = "create share memory at 0x1c000004, id = "* ]]
	run -0 ipccreate msg 0x1c000004
	[[ $output = "create message queue at 0x1c000004, id = "* ]]
	run -0 ipccreate sem 0x1c000004
	[[ $output = "create semaphore at 0x1c000004, id = "* ]]
}

@test "the same key twice fails, naming the key and the ipcrm command" {
	run -0 ipccreate 0 0x1c000005
	id=${output##* }
	before=$(count_objects)
	run -1 --separate-stderr ipccreate 0 0x1c000005
	[ "$output" = "" ]
	[ "$stderr" = "ipccreate: 0x1c000005: key already in use by shared memory id $id; remove it with 'ipcrm -M 0x1c000005'" ]
	[ "$(count_objects)" = "$before" ]
	run -1 --separate-stderr ipccreate 0 1c000005
	[ "$stderr" = "ipccreate: 1c000005: key already in use by shared memory id $id; remove it with 'ipcrm -M 0x1c000005'" ]
}

@test "a taken key names the right ipcrm option for queues and semaphores" {
	ipccreate 1 0x1c000006
	ipccreate 2 0x1c000006
	run -1 --separate-stderr ipccreate 1 0x1c000006
	[[ $stderr = *"by message queue id "*"; remove it with 'ipcrm -Q 0x1c000006'" ]]
	run -1 --separate-stderr ipccreate 2 0x1c000006
	[[ $stderr = *"by semaphore set id "*"; remove it with 'ipcrm -S 0x1c000006'" ]]
}

@test "key 0 is IPC_PRIVATE: a new object every time, as the tutorial's program" {
	run -0 ipccreate 0 0
	first=${output##* }
	run -0 ipccreate 0 0
	[ "$output" = "create share memory at 0x0, id = ${output##* }" ]
	[ "${output##* }" != "$first" ]
	[ "$(ul_row -m "$first" | cut -d' ' -f1)" = "0x00000000" ]
}

@test "-p sets the mode in the TYPE KEY form" {
	run -0 ipccreate -p 600 0 0x1c000007
	[ "$(ul_row -m 0x1c000007 | cut -d' ' -f4)" = "600" ]
}

@test "an unknown TYPE is a usage error and makes nothing" {
	before=$(count_objects)
	run -2 --separate-stderr ipccreate 3 0x1c000008
	[ "$output" = "" ]
	[ "$stderr" = "ipccreate: 3: unknown type (0, 1, 2, shm, msg or sem)" ]
	[ "$(count_objects)" = "$before" ]
}

@test "a bad hexadecimal KEY is a usage error" {
	run -2 --separate-stderr ipccreate 0 xyz
	[ "$stderr" = "ipccreate: xyz: invalid key (hexadecimal, 32 bits)" ]
	run -2 --separate-stderr ipccreate 0 100000000
	[ "$stderr" = "ipccreate: 100000000: key out of range (at most 0xffffffff)" ]
	run -2 --separate-stderr ipccreate 0 ""
	[ "$stderr" = "ipccreate: : invalid key (hexadecimal, 32 bits)" ]
}

@test "TYPE without KEY, or a third operand, is a usage error" {
	run -2 --separate-stderr ipccreate 0
	[ "$stderr" = "ipccreate: 0: missing KEY after TYPE; try 'ipccreate --help'" ]
	run -2 --separate-stderr ipccreate 0 0x1c000009 extra
	[ "$stderr" = "ipccreate: extra: unexpected operand after TYPE KEY" ]
	[ -z "$(ul_row -m 0x1c000009)" ]
}

@test "the TYPE KEY form does not mix with resource or key options" {
	for opt in "-M 4096" -Q "-S 1" "-k 0x1" -r --hugetlb --noreserve "-F /"; do
		# shellcheck disable=SC2086
		run -2 --separate-stderr ipccreate $opt 0 0x1c00000a
		[ "$stderr" = "ipccreate: 0: the TYPE KEY form takes no -M, -Q, -S, -k, -F, -P, -r, huge page or POSIX options" ]
	done
	[ -z "$(ul_row -m 0x1c00000a)" ]
}

# --- the option form -------------------------------------------------------

@test "-M SIZE prints the id alone; private key, mode 0644" {
	run -0 --separate-stderr ipccreate -M 4096
	[[ $output =~ ^[0-9]+$ ]]
	[ "$stderr" = "" ]
	[ "$(ul_row -m "$output")" = "0x00000000 $output root 644 4096 0" ]
}

@test "-M takes ipcmk's size suffixes" {
	run -0 ipccreate -M 4K
	ul_info -m "$output" | grep -qx 'bytes=4096'
	run -0 ipccreate -M 1MiB
	ul_info -m "$output" | grep -qx 'bytes=1048576'
	run -0 ipccreate -M 2KB
	ul_info -m "$output" | grep -qx 'bytes=2000'
	run -0 ipccreate --shmem 1
	ul_info -m "$output" | grep -qx 'bytes=1'
}

@test "-Q and -S NSEMS, long and short" {
	run -0 ipccreate -Q
	[ "$(ul_row -q "$output" | cut -d' ' -f1,3,4)" = "0x00000000 root 644" ]
	run -0 ipccreate --queue
	[ -n "$(ul_row -q "$output")" ]
	run -0 ipccreate -S 3
	[ "$(ul_row -s "$output" | cut -d' ' -f5)" = "3" ]
	run -0 ipccreate --semaphore 7
	[ "$(ul_row -s "$output" | cut -d' ' -f5)" = "7" ]
}

@test "several resources in one call, one id a line, in command-line order" {
	run -0 ipccreate -S 2 -M 8192 -Q
	[ "${#lines[@]}" -eq 3 ]
	ul_info -s "${lines[0]}" | grep -qx 'nsems=2'
	ul_info -m "${lines[1]}" | grep -qx 'bytes=8192'
	[ -n "$(ul_row -q "${lines[2]}")" ]
}

@test "-p and --mode set every object's mode" {
	run -0 ipccreate -M 4096 -Q -p 0600
	[ "$(ul_row -m "${lines[0]}" | cut -d' ' -f4)" = "600" ]
	[ "$(ul_row -q "${lines[1]}" | cut -d' ' -f4)" = "600" ]
	run -0 ipccreate --mode 440 -S 1
	[ "$(ul_row -s "$output" | cut -d' ' -f4)" = "440" ]
}

@test "-k KEY: hex, octal and decimal; exclusive by default" {
	run -0 ipccreate -M 4096 -k 0x1c000010
	[ "$(ul_row -m 0x1c000010 | cut -d' ' -f2)" = "$output" ]
	run -0 ipccreate -Q --key 4660
	[ "$(ul_row -q 0x00001234 | cut -d' ' -f2)" = "$output" ]
	run -0 ipccreate -S 1 -k 011064
	[ "$(ul_row -s 0x00001234 | cut -d' ' -f2)" = "$output" ]
	run -1 --separate-stderr ipccreate -M 4096 -k 0x1c000010
	[ "$output" = "" ]
	[ "$stderr" = "ipccreate: 0x1c000010: key already in use by shared memory id $(ul_row -m 0x1c000010 | cut -d' ' -f2); remove it with 'ipcrm -M 0x1c000010' or pass --reuse" ]
	"$UL_IPCRM" -Q 0x1234 -S 0x1234
}

@test "a key may be the signed decimal that /proc/sysvipc prints" {
	run -0 ipccreate -M 4096 -k -1
	[ -n "$(ul_row -m 0xffffffff)" ]
	"$UL_IPCRM" -M 0xffffffff
}

@test "-r and --reuse take the existing object and print its id" {
	run -0 ipccreate -M 8192 -k 0x1c000011
	id=$output
	run -0 --separate-stderr ipccreate -M 4096 -k 0x1c000011 -r
	[ "$output" = "$id" ]
	[ "$stderr" = "" ]
	run -0 ipccreate --reuse -M 8192 -k 0x1c000011
	[ "$output" = "$id" ]
	run -0 ipccreate --reuse -Q -k 0x1c000011
	qid=$output
	[ "$(ul_row -q 0x1c000011 | cut -d' ' -f2)" = "$qid" ]
}

@test "--reuse of an object smaller than asked says so" {
	ipccreate -M 4096 -k 0x1c000012
	id=$(ul_row -m 0x1c000012 | cut -d' ' -f2)
	run -1 --separate-stderr ipccreate -M 8K -k 0x1c000012 -r
	[ "$stderr" = "ipccreate: 0x1c000012: key already in use by shared memory id $id of 4096 bytes, less than 8K" ]
	ipccreate -S 2 -k 0x1c000012
	id=$(ul_row -s 0x1c000012 | cut -d' ' -f2)
	run -1 --separate-stderr ipccreate -S 3 -k 0x1c000012 -r
	[ "$stderr" = "ipccreate: 0x1c000012: key already in use by semaphore set id $id of 2 semaphores, fewer than 3" ]
}

@test "--reuse needs a key" {
	run -2 --separate-stderr ipccreate -M 4096 -r
	[ "$output" = "" ]
	[ "$stderr" = "ipccreate: --reuse needs a key (-k or -F/-P); a private object is always new" ]
}

@test "-F PATH -P PROJID: the key is ftok's" {
	key=$(ftok_key /etc/passwd 0x41)
	run -0 ipccreate -M 4096 -F /etc/passwd -P A
	[ "$(ul_row -m "$key" | cut -d' ' -f2)" = "$output" ]
	run -0 ipccreate -Q --ftok /etc/passwd --proj-id 0x141
	[ "$(ul_row -q "$key" | cut -d' ' -f2)" = "$output" ]
	run -1 --separate-stderr ipccreate -M 4096 -F /etc/passwd -P 65
	[ "$stderr" = "ipccreate: $key: key already in use by shared memory id $(ul_row -m "$key" | cut -d' ' -f2); remove it with 'ipcrm -M $key' or pass --reuse" ]
	"$UL_IPCRM" -M "$key" -Q "$key"
}

@test "-F with a missing path fails before anything is made" {
	before=$(count_objects)
	run -1 --separate-stderr ipccreate -M 4096 -F /nonexistent/ipckit -P 1
	[ "$stderr" = "ipccreate: /nonexistent/ipckit: No such file or directory" ]
	[ "$(count_objects)" = "$before" ]
}

@test "-F and -P go together; -P must have a low byte that is not 0" {
	run -2 --separate-stderr ipccreate -M 4096 -F /
	[ "$stderr" = "ipccreate: -F PATH and -P PROJID go together; try 'ipccreate --help'" ]
	run -2 --separate-stderr ipccreate -M 4096 -P 1
	[ "$stderr" = "ipccreate: -F PATH and -P PROJID go together; try 'ipccreate --help'" ]
	for bad in 0 256 0x100 AB -1 ""; do
		run -2 --separate-stderr ipccreate -M 4096 -F / -P "$bad"
		[ "$stderr" = "ipccreate: $bad: invalid project id (a number or one character, with a low byte that is not 0)" ]
	done
}

@test "-k and -F both give the key: a usage error" {
	run -2 --separate-stderr ipccreate -M 4096 -k 1 -F / -P 1
	[ "$stderr" = "ipccreate: -k and -F/-P both give the key: choose one" ]
}

@test "-v describes each object on stderr; stdout keeps the ids" {
	run -0 --separate-stderr ipccreate -v -M 4096 -S 3 -k 0x1c000013 -p 640
	[ "${#lines[@]}" -eq 2 ]
	[ "${stderr_lines[0]}" = "created shared memory id ${lines[0]}: key 0x1c000013, 4096 bytes, mode 0640" ]
	[ "${stderr_lines[1]}" = "created semaphore set id ${lines[1]}: key 0x1c000013, 3 semaphores, mode 0640" ]
	run -0 --separate-stderr ipccreate --verbose -r -M 1 -Q -k 0x1c000013
	[ "${stderr_lines[0]}" = "reused shared memory id ${lines[0]}: key 0x1c000013, 4096 bytes, mode 0640" ]
	[ "${stderr_lines[1]}" = "created message queue id ${lines[1]}: key 0x1c000013, mode 0644" ]
	run -0 --separate-stderr ipccreate -v -M 1 -S 1
	[ "${stderr_lines[0]}" = "created shared memory id ${lines[0]}: key IPC_PRIVATE, 1 byte, mode 0644" ]
	[ "${stderr_lines[1]}" = "created semaphore set id ${lines[1]}: key IPC_PRIVATE, 1 semaphore, mode 0644" ]
}

@test "--noreserve makes a segment" {
	run -0 ipccreate -M 1M --noreserve
	ul_info -m "$output" | grep -qx 'bytes=1048576'
}

@test "--hugetlb without huge pages says where they are set" {
	[ "$(cat /proc/sys/vm/nr_hugepages)" = 0 ] || skip "this machine has huge pages"
	need_real_root	# else EPERM: CAP_IPC_LOCK is checked outside the namespace
	before=$(count_objects)
	run -1 --separate-stderr ipccreate -M 2M --hugetlb
	[ "$stderr" = "ipccreate: 2M: not enough memory (for huge pages, see /proc/sys/vm/nr_hugepages)" ]
	[ "$(count_objects)" = "$before" ]
}

@test "--hugetlb without the privilege says what it needs" {
	need_nobody
	run -1 --separate-stderr as_nobody "$BIN/ipccreate" -M 2M --hugetlb
	[ "$stderr" = "ipccreate: --hugetlb: permission denied: it needs CAP_IPC_LOCK or the group in /proc/sys/vm/hugetlb_shm_group" ]
}

@test "--hugetlb and --noreserve need a segment to apply to" {
	run -2 --separate-stderr ipccreate -Q --hugetlb
	[ "$stderr" = "ipccreate: --hugetlb and --noreserve are for segments, and there is no -M" ]
	run -2 --separate-stderr ipccreate -S 1 --noreserve
	[ "$stderr" = "ipccreate: --hugetlb and --noreserve are for segments, and there is no -M" ]
}

# --- errors ------------------------------------------------------------------

@test "bad sizes, counts, modes and keys are usage errors, and nothing is made" {
	before=$(count_objects)
	run -2 --separate-stderr ipccreate -Q -M abc
	[ "$stderr" = "ipccreate: abc: invalid size (a number of bytes, with K, M, G, T, P or E)" ]
	# out of range is not a syntax error: the message gives the limit
	run -2 --separate-stderr ipccreate -Q -M 99999999999999999999
	[ "$stderr" = "ipccreate: 99999999999999999999: size out of range (at most 9223372036854775807 bytes)" ]
	run -2 --separate-stderr ipccreate -M 9223372036854775808 --noreserve
	[ "$stderr" = "ipccreate: 9223372036854775808: size out of range (at most 9223372036854775807 bytes)" ]
	run -2 --separate-stderr ipccreate -M 8E
	[ "$stderr" = "ipccreate: 8E: size out of range (at most 9223372036854775807 bytes)" ]
	run -2 --separate-stderr ipccreate -Q -S 2147483648
	[ "$stderr" = "ipccreate: 2147483648: number of semaphores out of range (at most 2147483647)" ]
	run -2 --separate-stderr ipccreate -Q -M 4X
	[ "$stderr" = "ipccreate: 4X: invalid size (a number of bytes, with K, M, G, T, P or E)" ]
	run -2 --separate-stderr ipccreate -Q -S -1
	[ "$stderr" = "ipccreate: -1: invalid number of semaphores" ]
	run -2 --separate-stderr ipccreate -Q -S two
	[ "$stderr" = "ipccreate: two: invalid number of semaphores" ]
	run -2 --separate-stderr ipccreate -Q -p 999
	[ "$stderr" = "ipccreate: 999: invalid mode (octal, at most 0777)" ]
	run -2 --separate-stderr ipccreate -Q -p 1777
	[ "$stderr" = "ipccreate: 1777: mode out of range (at most 0777)" ]
	run -2 --separate-stderr ipccreate -Q -k 0x100000000
	[ "$stderr" = "ipccreate: 0x100000000: key out of range (at most 0xffffffff)" ]
	run -2 --separate-stderr ipccreate -Q -k 4294967296
	[ "$stderr" = "ipccreate: 4294967296: key out of range (at most 0xffffffff)" ]
	run -2 --separate-stderr ipccreate -Q -F / -P 2147483648
	[ "$stderr" = "ipccreate: 2147483648: project id out of range (at most 2147483647)" ]
	run -2 --separate-stderr ipccreate -Q -k 12ab
	[ "$stderr" = "ipccreate: 12ab: invalid key (0x hex, 0 octal or decimal, 32 bits)" ]
	[ "$(count_objects)" = "$before" ]
}

@test "a size outside shmmin..shmmax names the limits in force" {
	# the kernel's default shmmax is no limit, and said so
	set_limit shmmax 18446744073692774399
	run -1 --separate-stderr ipccreate -M 0
	[ "$output" = "" ]
	[ "$stderr" = "ipccreate: 0: size out of range: at least 1 byte (shmmin), and no upper limit (shmmax)" ]
	set_limit shmmax 65536
	run -1 --separate-stderr ipccreate -M 0
	[ "$stderr" = "ipccreate: 0: size out of range: from 1 (shmmin) to 65536 bytes (shmmax)" ]
	run -0 ipccreate -M 64K
	run -1 --separate-stderr ipccreate -M 65537
	[ "$stderr" = "ipccreate: 65537: size out of range: from 1 (shmmin) to 65536 bytes (shmmax)" ]
}

@test "a semaphore count outside 1..semmsl names the limit" {
	run -1 --separate-stderr ipccreate -S 0
	[ "$stderr" = "ipccreate: 0: number of semaphores out of range: from 1 to $(cut -f1 /proc/sys/kernel/sem) (semmsl)" ]
	run -1 --separate-stderr ipccreate -S 2147483647
	[ "$stderr" = "ipccreate: 2147483647: number of semaphores out of range: from 1 to $(cut -f1 /proc/sys/kernel/sem) (semmsl)" ]
}

@test "ENOSPC names the full limit: shmmni" {
	n=$(grep -vc '^ *key' /proc/sysvipc/shm)
	set_limit shmmni "$n"
	run -1 --separate-stderr ipccreate -M 4096
	[ "$stderr" = "ipccreate: 4096: no space: the limit of $n segments (shmmni) is reached" ]
}

@test "ENOSPC names the full limit: shmall" {
	used=$(awk 'NR > 1 { p += int(($4 + 4095) / 4096) } END { print p + 0 }' /proc/sysvipc/shm)
	set_limit shmall "$((used + 1))"
	run -1 --separate-stderr ipccreate -M $((2 * PAGESIZE))
	[ "$stderr" = "ipccreate: $((2 * PAGESIZE)): no space: shmall allows $((used + 1)) pages in all, and $used are in use" ]
}

@test "ENOSPC names the full limit: msgmni" {
	n=$(grep -vc '^ *key' /proc/sysvipc/msg)
	set_limit msgmni "$n"
	run -1 --separate-stderr ipccreate -Q
	[ "$stderr" = "ipccreate: -Q: no space: the limit of $n message queues (msgmni) is reached" ]
}

@test "ENOSPC names the full limit: semmni and semmns" {
	read -r msl mns opm mni < /proc/sys/kernel/sem
	n=$(grep -vc '^ *key' /proc/sysvipc/sem)
	used=$(awk 'NR > 1 { s += $4 } END { print s + 0 }' /proc/sysvipc/sem)
	set_limit sem "$msl $mns $opm $n"
	run -1 --separate-stderr ipccreate -S 1
	[ "$stderr" = "ipccreate: 1: no space: the limit of $n semaphore sets (semmni) is reached" ]
	echo "$msl $((used + 1)) $opm $mni" > /proc/sys/kernel/sem
	run -1 --separate-stderr ipccreate -S 2
	[ "$stderr" = "ipccreate: 2: no space: semmns allows $((used + 1)) semaphores in all, and $used are in use" ]
}

@test "a failure undoes what the call made, and keeps what it reused" {
	ipccreate -Q -k 0x1c000014
	ipccreate -S 1 -k 0x1c000015
	before=$(count_objects)
	run -1 --separate-stderr ipccreate -M 4096 -S 1 -Q -k 0x1c000014
	[ "$output" = "" ]
	[[ $stderr = "ipccreate: 0x1c000014: key already in use by message queue id "* ]]
	[ "$(count_objects)" = "$before" ]
	[ -z "$(ul_row -m 0x1c000014)" ]
	run -1 ipccreate -r -S 1 -M 4096 -S 9 -k 0x1c000015
	[ -n "$(ul_row -s 0x1c000015)" ]
	[ -z "$(ul_row -m 0x1c000015)" ]
}

@test "another user's key: exclusive says taken, --reuse says whose" {
	need_nobody
	ipccreate -M 4096 -k 0x1c000016 -p 600
	id=$(ul_row -m 0x1c000016 | cut -d' ' -f2)
	run -1 --separate-stderr as_nobody "$BIN/ipccreate" -M 4096 -k 0x1c000016
	[ "$stderr" = "ipccreate: 0x1c000016: key already in use by shared memory id $id; remove it with 'ipcrm -M 0x1c000016' or pass --reuse" ]
	run -1 --separate-stderr as_nobody "$BIN/ipccreate" -M 4096 -k 0x1c000016 -r
	[ "$stderr" = "ipccreate: 0x1c000016: permission denied: shared memory id $id belongs to root (uid 0), mode 0600" ]
}

@test "nothing to create is a usage error" {
	run -2 --separate-stderr ipccreate
	[ "$output" = "" ]
	[ "$stderr" = "ipccreate: nothing to create: give -M SIZE, -Q or -S NSEMS, or -m SIZE, -q or -s with -n NAME; try 'ipccreate --help'" ]
	run -2 --separate-stderr ipccreate -p 600 -v
	[ "$stderr" = "ipccreate: nothing to create: give -M SIZE, -Q or -S NSEMS, or -m SIZE, -q or -s with -n NAME; try 'ipccreate --help'" ]
}

@test "unknown options and missing arguments are one-line usage errors" {
	run -2 --separate-stderr ipccreate -x
	[ "$stderr" = "ipccreate: unknown option '-x'; try 'ipccreate --help'" ]
	run -2 --separate-stderr ipccreate --bogus=1 -Q
	[ "$stderr" = "ipccreate: unknown option '--bogus'; try 'ipccreate --help'" ]
	run -2 --separate-stderr ipccreate -Q -M
	[ "$stderr" = "ipccreate: option '-M' needs an argument; try 'ipccreate --help'" ]
	run -2 --separate-stderr ipccreate -Q --semaphore
	[ "$stderr" = "ipccreate: option '--semaphore' needs an argument; try 'ipccreate --help'" ]
	run -2 --separate-stderr ipccreate --queue -Qx
	[ "$stderr" = "ipccreate: unknown option '-x'; try 'ipccreate --help'" ]
}

@test "a write error on stdout fails and leaves nothing behind" {
	before=$(count_objects)
	run -1 --separate-stderr sh -c 'ipccreate -v -M 4096 -k 0x1c000017 > /dev/full'
	[ "$stderr" = "ipccreate: write error: No space left on device" ]
	[ "$(count_objects)" = "$before" ]
}
