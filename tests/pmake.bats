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
	# and the System V objects, by util-linux's own (2.38) ipcrm
	PATH=$_ulpath ipcrm -a 2>/dev/null || true
}

need_oracle() {
	"$UL241/lsipc" --version 2>/dev/null | grep -q 'util-linux 2\.4[1-9]' ||
		skip "util-linux 2.41 is not set up here (tests/oracle)"
}

# a POSIX shared memory object of SIZE bytes, made as a user would
mkshm() { (umask 077 && truncate -s "$2" "/dev/shm/$1"); }

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
	run -1 --separate-stderr in_mnt "$top" "$BIN/ipcstat" --posix-mqueue q0
	[ "$stderr" = "ipcstat: q0: cannot read it: the mqueue at /dev/mqueue is another IPC namespace's, and there is no CAP_SYS_ADMIN for a private one of this one's; mount this namespace's with 'mount -t mqueue none /dev/mqueue'" ]
	# none at all
	run -0 in_mnt "$all" "$BIN/ipcget" --posix-mqueue q0
	[ "$output" = "/q0" ]
	run -1 --separate-stderr in_mnt "$all" "$BIN/ipcstat" --posix-mqueue q0
	[ "$stderr" = "ipcstat: q0: cannot read it: no mqueue filesystem at /dev/mqueue, and no CAP_SYS_ADMIN for a private one; mount one with 'mount -t mqueue none /dev/mqueue'" ]
	# and this file's is still mounted
	[ "$(stat -f -c %T /dev/mqueue)" = mqueue ]
}

@test "ipcrm --posix-*: by name with or without its slash, in command-line order, among System V operands" {
	mkshm a 4096
	mkshm b 4096
	"$HELP" mkposix psem 1 s
	"$HELP" mkposix pmsg 1 q
	id=$(ipccreate -M 4096)
	run -0 --separate-stderr ipcrm -v --posix-shmem a -m "$id" --posix-semaphore /s0 --posix-mqueue q0 --posix-shmem /a
	[ "$output" = "removing POSIX shared memory \`/a' (owner root)
removing shared memory segment id \`$id' (key 0x00000000, owner root)
removing POSIX semaphore \`/s0' (owner root)
removing POSIX message queue \`/q0' (owner root)
POSIX shared memory \`/a' is already removed" ]
	[ "$stderr" = "" ]
	[ "$(ls /dev/shm)" = b ]
	[ "$(ls /dev/mqueue)" = "" ]
	# one not there: one line naming it as typed, exit 1, the rest still done
	run -1 --separate-stderr ipcrm --posix-shmem nope --posix-shmem b
	[ "$output" = "" ]
	[ "$stderr" = "ipcrm: nope: No such name (POSIX shared memory)" ]
	[ "$(ls /dev/shm)" = "" ]
	# a bad name: nothing is removed at all
	mkshm c 4096
	run -2 --separate-stderr ipcrm --posix-shmem c --posix-shmem a/b
	[ "$stderr" = "ipcrm: a/b: invalid name: a name has no '/' but the first" ]
	[ "$(ls /dev/shm)" = c ]
	run -2 --separate-stderr ipcrm --all=posix
	[ "$stderr" = "ipcrm: --all=posix: unknown type for --all (shm, msg, sem, pshm, pmsg or psem)" ]
	run -2 --separate-stderr ipcrm pshm c
	[ "$stderr" = "ipcrm: pshm: unexpected operand; try 'ipcrm --help'" ]
	[ "$(ls /dev/shm)" = c ]
}

@test "ipcrm --all=pshm removes only real objects: no directory, fifo, socket or symlink (2.41 deletes them)" {
	mkshm a 4096
	mkdir /dev/shm/adir
	mkfifo /dev/shm/afifo
	ln -s a /dev/shm/alink
	"$HELP" socket /dev/shm/asock
	: > /dev/shm/sem.short
	run -0 --separate-stderr ipcrm -v --all=pshm
	[ "$output" = "removing POSIX shared memory \`/a' (owner root)" ]
	[ "$(ls /dev/shm | sort | tr '\n' ' ')" = "adir afifo alink asock sem.short " ]
	# a semaphore file too short to be one is still the semaphore namespace's
	run -0 ipcrm -v --all=psem
	[ "$output" = "removing POSIX semaphore \`/short' (owner root)" ]
	# and a directory never stops -a: the System V objects after it still go
	sid=$(ipccreate -S 1)
	qid=$(ipccreate -Q)
	run -0 --separate-stderr ipcrm -a
	[ "$stderr" = "" ]
	[ "$(count_objects)" = 0 ]
	[ "$(ls /dev/shm | sort | tr '\n' ' ')" = "adir afifo alink asock " ]
	if "$UL241/ipcrm" --version >/dev/null 2>&1; then
		# 2.41: the fifo, the symlink and the socket go, and the directory stops the run
		mkshm b 4096
		ln -sf b /dev/shm/alink
		ipccreate -S 1 > /dev/null
		run "$UL241/ipcrm" -a
		[ "$status" = 1 ]
		[ "$(ls /dev/shm | sort | tr '\n' ' ')" = "adir " ]
		[ "$(ipcs -s | grep -c '^0x')" = 1 ]
	fi
}

@test "ipcrm -a removes all six kinds, and filters select among them" {
	mkshm a 4096
	"$HELP" mkposix psem 2 s
	"$HELP" mkposix pmsg 2 q
	chown 65534 /dev/shm/sem.s1
	id=$(ipccreate -M 4096 -k 0x5eed)
	# a POSIX object has no key: --private and --key never select one
	run -0 --separate-stderr ipcrm -v -a --private
	[ "$output" = "" ]
	run -0 --separate-stderr ipcrm -v -a --key 0x5eed
	[ "$output" = "removing shared memory segment id \`$id' (key 0x00005eed, owner root)" ]
	run -0 --separate-stderr ipcrm -v -a --owner 65534
	[ "$output" = "removing POSIX semaphore \`/s1' (owner nobody)" ]
	run -2 --separate-stderr ipcrm --all=pmsg --orphaned
	[ "$stderr" = "ipcrm: --orphaned: not for POSIX message queue, which has no record of its users' pids" ]
	run -2 --separate-stderr ipcrm --all=psem --unattached
	[ "$stderr" = "ipcrm: --unattached: not for POSIX semaphore, which nothing attaches (shared memory only)" ]
	run -0 --separate-stderr ipcrm -J -a
	jq -e '(map(.kind) | sort == ["pmsg", "pmsg", "psem", "pshm"]) and
		all(.[]; .status == "removed" and .id == null and (.name | startswith("/")) and .users == 0)' <<<"$output"
	[ "$(ls /dev/shm /dev/mqueue | grep -c '^[a-z]')" = 0 ]
}

@test "ipcrm -n predicts the real run: as nobody, root's objects are refused alike; its own go" {
	need_nobody
	mkshm a 4096
	"$HELP" mkposix psem 1 s
	run -1 --separate-stderr as_nobody "$BIN/ipcrm" -n --posix-shmem a --posix-semaphore s0
	plan=$stderr
	[ "$output" = "" ]
	run -1 --separate-stderr as_nobody "$BIN/ipcrm" --posix-shmem a --posix-semaphore s0
	[ "$stderr" = "$plan" ]
	[ "$stderr" = "ipcrm: a: Permission denied (POSIX shared memory, owner root (uid 0))
ipcrm: s0: Permission denied (POSIX semaphore, owner root (uid 0))" ]
	[ "$(ls /dev/shm | tr '\n' ' ')" = "a sem.s0 " ]
	as_nobody sh -c 'umask 077 && : > /dev/shm/n'
	run -0 as_nobody "$BIN/ipcrm" -n --posix-shmem n
	[ "$output" = "removing POSIX shared memory \`/n' (owner nobody)" ]
	[ -e /dev/shm/n ]
	run -0 as_nobody "$BIN/ipcrm" --posix-shmem n
	[ ! -e /dev/shm/n ]
}

@test "ipcrm of an object in use: the name goes, the process keeps it, -v and -J say how many use it" {
	pid=$("$BUILD/tests/chatserver" /my_shm 5 2 "hello, client")
	HELPERS=$pid
	run -0 ipcrm -n -J --posix-shmem /my_shm
	jq -e '.[0].users == 1 and .[0].status == "selected"' <<<"$output"
	run -0 ipcrm -v --posix-shmem /my_shm
	[ "$output" = "removing POSIX shared memory \`/my_shm' (owner root, used by 1 process: freed when it lets go)" ]
	[ ! -e /dev/shm/my_shm ]
	# the server still has its buffer, client 2's slot as it wrote it
	range=$(awk '$6 == "/dev/shm/my_shm" && $7 == "(deleted)" { print $1; exit }' "/proc/$pid/maps")
	[ -n "$range" ]
	[ "$(dd if="/proc/$pid/map_files/$range" bs=1 skip=2048 count=13 status=none)" = "hello, client" ]
}

@test "the same removals as util-linux 2.41's ipcrm leave the same objects" {
	need_oracle
	objects() {
		mkshm a 10
		mkshm b 10
		"$HELP" mkposix psem 2 s
		"$HELP" mkposix pmsg 2 q
	}
	for cmd in "--posix-shmem /a --posix-semaphore /s1" "--posix-mqueue /q0 --posix-shmem /b" \
		"--all=pshm" "--all=psem" "--all=pmsg" "--all=pmsg --posix-shmem /a"; do
		objects
		# shellcheck disable=SC2086  # words
		ipcrm $cmd
		ours=$(ls /dev/shm /dev/mqueue)
		rm -rf /dev/shm/* /dev/mqueue/*
		objects
		# shellcheck disable=SC2086
		"$UL241/ipcrm" $cmd
		[ "$(ls /dev/shm /dev/mqueue)" = "$ours" ]
		rm -rf /dev/shm/* /dev/mqueue/*
	done
}

# --- ipccreate -m/-q/-s ------------------------------------------------------

@test "ipccreate -m/-q/-s -n: each name on a line in order, the mode exactly as asked whatever the umask" {
	umask 077
	run -0 --separate-stderr ipccreate -m 4K -q -s -n /app -p 0666
	[ "$output" = "$(printf '/app\n/app\n/app')" ]
	[ "$stderr" = "" ]
	[ "$(stat -c '%a %s %F' /dev/shm/app)" = "666 4096 regular file" ]
	[ "$(stat -c %a /dev/shm/sem.app /dev/mqueue/app | paste -sd ' ')" = "666 666" ]
	# the defaults: value 0, the namespace's queue attributes
	[ "$("$HELP" semvalue /app)" = 0 ]
	[ "$("$HELP" mqattr /app)" = "$(cat /proc/sys/fs/mqueue/msg_default) $(cat /proc/sys/fs/mqueue/msgsize_default) 0" ]
	# the shm object reads as zeros, and System V and POSIX mix in command-line order
	cmp -n 4096 /dev/shm/app /dev/zero
	run -0 --separate-stderr ipccreate -Q -k 0x7a01 -m 0 -n b -S 2 -k 0x7a01
	[ "${lines[1]}" = /b ]
	[ "$(ul_row -q 0x7a01 | awk '{ print $2 }')" = "${lines[0]}" ]
	[ "$(ul_row -s 0x7a01 | awk '{ print $2 }')" = "${lines[2]}" ]
	[ "$(stat -c %s /dev/shm/b)" = 0 ]
	# -v: one sentence per object on stderr, the names still alone on stdout
	run -0 --separate-stderr ipccreate -v -m 1 -n v1 -s --value 2 -n v2 -q --maxmsg 3 --msgsize 64 -n v3
	[ "$output" = "$(printf '/v1\n/v2\n/v3')" ]
	[ "$stderr" = "created POSIX shared memory /v1, 1 byte, mode 0644
created POSIX semaphore /v2, value 2, mode 0644
created POSIX message queue /v3, 3 messages of 64 bytes, mode 0644" ]
}

@test "ipccreate -m/-s of util-linux 2.41's ipcmk: its umask fault, not ours" {
	need_oracle
	umask 077
	"$UL241/ipcmk" -m 4096 -n /ul -p 0666
	"$UL241/ipcmk" -s -n /ul -p 0666
	ipccreate -m 4096 -s --value 2 -n /ours -p 0666
	[ "$(stat -c %a /dev/shm/ul /dev/shm/sem.ul | paste -sd ' ')" = "600 600" ]
	[ "$(stat -c %a /dev/shm/ours /dev/shm/sem.ours | paste -sd ' ')" = "666 666" ]
	# its semaphores are the same bytes: its lsipc reads ours
	[ "$("$UL241/lsipc" -S -J | jq -r '.[][] | "\(.name) \(.sval)"' | sort)" = "$(printf 'ours 2\nul 0')" ]
}

@test "ipccreate: an existing name fails and says how to remove it; --reuse takes it unchanged" {
	printf 'kept' > /dev/shm/x
	truncate -s 4096 /dev/shm/x
	"$HELP" mkposix psem 1 s
	"$HELP" mkposix pmsg 1 q
	run -1 --separate-stderr ipccreate -m 1000 -n /x
	[ "$output" = "" ]
	[ "$stderr" = "ipccreate: /x: name already in use by POSIX shared memory; remove it with 'ipcrm --posix-shmem /x' or pass --reuse" ]
	run -1 --separate-stderr ipccreate -s -n s0
	[ "$stderr" = "ipccreate: /s0: name already in use by POSIX semaphore; remove it with 'ipcrm --posix-semaphore /s0' or pass --reuse" ]
	run -1 --separate-stderr ipccreate -q -n q0
	[ "$stderr" = "ipccreate: /q0: name already in use by POSIX message queue; remove it with 'ipcrm --posix-mqueue /q0' or pass --reuse" ]
	# --reuse: not shrunk, not cleared, the value and the message kept
	run -0 --separate-stderr ipccreate -r -m 1000 -n x -s --value 5 -n s0 -q --maxmsg 1 -n q0
	[ "$output" = "$(printf '/x\n/s0\n/q0')" ]
	[ "$(stat -c %s /dev/shm/x)" = 4096 ]
	[ "$(head -c 4 /dev/shm/x)" = kept ]
	[ "$("$HELP" semvalue /s0)" = 0 ]
	[ "$("$HELP" mqattr /q0 | cut -d' ' -f3)" = 1 ]
	run -0 --separate-stderr ipccreate -rv -m 1000 -n x
	[ "$stderr" = "reused POSIX shared memory /x, 4096 bytes, mode 0644" ]
	# too small to take, as for a segment
	run -1 --separate-stderr ipccreate -r -m 8K -n x
	[ "$stderr" = "ipccreate: /x: name already in use by POSIX shared memory of 4096 bytes, less than 8K" ]
	[ "$(stat -c %s /dev/shm/x)" = 4096 ]
	# a directory or fifo holding the name is left alone
	mkdir /dev/shm/d
	mkfifo /dev/shm/sem.f
	run -1 --separate-stderr ipccreate -r -m 1 -n d
	[ "$stderr" = "ipccreate: /d: name already in use in /dev/shm by what is no POSIX shared memory (a directory, fifo, socket or symlink)" ]
	run -1 --separate-stderr ipccreate -s -n f
	[ "$stderr" = "ipccreate: /f: name already in use in /dev/shm by what is no POSIX semaphore (a directory, fifo, socket or symlink)" ]
	[ -d /dev/shm/d ]
	[ -p /dev/shm/sem.f ]
}

@test "ipccreate --reuse of an object the caller may not use as the mode asks is refused" {
	need_nobody
	ipccreate -m 1 -s -q -n /r -p 600 >/dev/null
	for opt in "-m 1" -s -q; do
		# shellcheck disable=SC2086
		run -1 --separate-stderr as_nobody "$BIN/ipccreate" -r $opt -n r
		[[ $stderr = "ipccreate: /r: permission denied: POSIX "*" /r belongs to root (uid 0), mode 0600" ]]
	done
	chmod 644 /dev/shm/r
	run -1 as_nobody "$BIN/ipccreate" -r -m 1 -n r
	run -0 as_nobody "$BIN/ipccreate" -r -m 1 -n r -p 444
	[ "$output" = /r ]
}

@test "util-linux 2.41's ipcmk shrinks an existing object; ipccreate never does" {
	need_oracle
	truncate -s 4096 /dev/shm/x
	run -0 "$UL241/ipcmk" -m 1000 -n /x
	[ "$(stat -c %s /dev/shm/x)" = 1000 ]
	truncate -s 4096 /dev/shm/x
	run -0 ipccreate -r -m 1000 -n /x
	[ "$(stat -c %s /dev/shm/x)" = 4096 ]
}

@test "ipccreate --value, --maxmsg, --msgsize: given to the object, checked against the limits first" {
	need_nobody
	queues=$(ls /dev/mqueue)
	made="five y"
	run -0 ipccreate -s --value 3 -n three -q --maxmsg 5 --msgsize 1K -n five
	[ "$("$HELP" semvalue /three)" = 3 ]
	[ "$("$HELP" mqattr /five)" = "5 1024 0" ]
	max=$(cat /proc/sys/fs/mqueue/msg_max)
	size=$(cat /proc/sys/fs/mqueue/msgsize_max)
	usage() { run -2 --separate-stderr "$@"; [ "$output" = "" ]; }
	usage ipccreate -s --value 2147483648 -n y
	[ "$stderr" = "ipccreate: --value 2147483648: out of range (at most 2147483647, SEM_VALUE_MAX)" ]
	usage ipccreate -s --value 1K -n y
	[ "$stderr" = "ipccreate: --value 1K: invalid number" ]
	usage ipccreate -s --value -1 -n y
	[ "$stderr" = "ipccreate: --value -1: invalid number" ]
	run -0 ipccreate -s --value 2147483647 -n top
	[ "$("$HELP" semvalue /top)" = 2147483647 ]
	# past the namespace's limits: only CAP_SYS_RESOURCE of the initial user namespace
	usage as_nobody "$BIN/ipccreate" -q --maxmsg $((max + 1)) -n y
	[ "$stderr" = "ipccreate: --maxmsg $((max + 1)): out of range (at most $max, /proc/sys/fs/mqueue/msg_max)" ]
	usage as_nobody "$BIN/ipccreate" -q --msgsize $((size + 1)) -n y
	[ "$stderr" = "ipccreate: --msgsize $((size + 1)): out of range (at most $size, /proc/sys/fs/mqueue/msgsize_max)" ]
	usage ipccreate -q --maxmsg 0 -n y
	[ "$stderr" = "ipccreate: --maxmsg 0: a queue holds at least one message of one byte" ]
	usage ipccreate -q --msgsize 0 -n y
	[ "$stderr" = "ipccreate: --msgsize 0: a queue holds at least one message of one byte" ]
	usage ipccreate -q --msgsize 1X -n y
	[ "$stderr" = "ipccreate: --msgsize 1X: invalid size" ]
	# the kernel agrees: its own limit refuses what we refuse
	echo 4 > /proc/sys/fs/mqueue/msg_max
	usage as_nobody "$BIN/ipccreate" -q --maxmsg 5 -n y
	[ "$stderr" = "ipccreate: --maxmsg 5: out of range (at most 4, /proc/sys/fs/mqueue/msg_max)" ]
	run -0 as_nobody "$BIN/ipccreate" -q --maxmsg 4 -n y
	[ "$("$HELP" mqattr /y)" = "4 8192 0" ]
	echo "$max" > /proc/sys/fs/mqueue/msg_max
	capeff=$(awk '/^CapEff/ { print $2 }' /proc/self/status)
	if [ "$(awk 'NR == 1 { print $3 }' /proc/self/uid_map)" = 4294967295 ] &&
		(((0x$capeff >> 24) & 1)); then
		run -0 ipccreate -q --maxmsg $((max + 1)) -n big
		made="big five y"
		usage ipccreate -q --maxmsg 65537 -n y
		[ "$stderr" = "ipccreate: --maxmsg 65537: out of range (at most 65536, the kernel's HARD_MSGMAX)" ]
	fi
	# the queues made are y (and big), and no usage error made one
	[ "$(ls /dev/mqueue | paste -sd ' ')" = "$(printf '%s\n' $queues $made | sort | paste -sd ' ')" ]
	[ ! -e /dev/shm/sem.y ]
}

@test "ipccreate's POSIX usage errors: one line, exit 2, nothing made" {
	usage() {
		run -2 --separate-stderr ipccreate "${@:2}"
		[ "$output" = "" ]
		[ "$stderr" = "ipccreate: $1" ]
	}
	usage "-m 2: a POSIX object needs a name: add -n NAME after it" -m 1 -n x -M 1 -q -n y -m 2
	usage "-q: a POSIX object needs a name: add -n NAME after it" -q
	usage "-n b: no -m, -q or -s before it to name" -m 1 -n a -n b
	usage "-n x: a name is for POSIX objects, and there is no -m, -q or -s" -M 4096 -n x
	usage "0x1: a key is for System V objects, and there is no -M, -Q or -S" -q -k 0x1 -n x
	usage "/: a key is for System V objects, and there is no -M, -Q or -S" -q -F / -P 1 -n x
	usage "--value is a semaphore's, and there is no -s" -q --value 1 -n x
	usage "--maxmsg is a queue's, and there is no -q" -s --maxmsg 1 -n x
	usage "--msgsize is a queue's, and there is no -q" -m 1 --msgsize 1 -n x
	usage "/y: named twice for POSIX semaphore" -s -n y -s -n y
	usage "/y: named twice for POSIX semaphore" -s -s -n y
	usage "a/b: invalid name: a name has no '/' but the first" -s -n a/b
	usage "..: invalid name: a name is not '.' or '..'" -m 1 -n ..
	usage "x: invalid size (a number of bytes, with K, M, G, T, P or E)" -m x -n a
	usage "--hugetlb and --noreserve are for segments, and there is no -M" -m 1 -n a --hugetlb
	[ "$(ls -A /dev/shm /dev/mqueue | grep -c .)" = 2 ]	# the two headers
}

@test "ipccreate: every object or none; a failure removes what the call made" {
	"$HELP" mkposix psem 1 taken
	run -1 --separate-stderr ipccreate -M 4096 -k 0x7001 -m 4K -n /ok -q -n /okq -s -n /taken0
	[ "$output" = "" ]
	[ "$stderr" = "ipccreate: /taken0: name already in use by POSIX semaphore; remove it with 'ipcrm --posix-semaphore /taken0' or pass --reuse" ]
	[ -z "$(ul_row -m 0x7001)" ]
	[ ! -e /dev/shm/ok ]
	[ ! -e /dev/mqueue/okq ]
	[ -e /dev/shm/sem.taken0 ]
	# reused objects stay: they were not this call's
	ipccreate -m 1 -n kept -m 1 -n small >/dev/null
	run -1 ipccreate -r -m 1 -n kept -m 1 -n new -m 2 -n small
	[ -e /dev/shm/kept ]
	[ -e /dev/shm/small ]
	[ ! -e /dev/shm/new ]
	# a full stdout undoes it too
	run -1 --separate-stderr sh -c 'ipccreate -m 1 -n full >/dev/full'
	[ ! -e /dev/shm/full ]
}

@test "ipccreate's POSIX errors say what to do: queues_max, RLIMIT_MSGQUEUE, /dev/shm's inodes and mode" {
	need_nobody
	echo 1 > /proc/sys/fs/mqueue/queues_max
	run -0 as_nobody "$BIN/ipccreate" -q -n q1
	run -1 --separate-stderr as_nobody "$BIN/ipccreate" -q -n q2
	[ "$stderr" = "ipccreate: /q2: no space: the limit of 1 queues (/proc/sys/fs/mqueue/queues_max) is reached" ]
	echo 256 > /proc/sys/fs/mqueue/queues_max
	run -1 --separate-stderr as_nobody prlimit --msgqueue=1000 "$BIN/ipccreate" -q --maxmsg 2 --msgsize 600 -n q3
	[ "$stderr" = "ipccreate: /q3: no space: a queue of 2 messages of 600 bytes does not fit in what is left of the 1000 bytes that RLIMIT_MSGQUEUE lets this user's queues take, in every IPC namespace together" ]
	[ ! -e /dev/mqueue/q3 ]
	chmod 755 /dev/shm
	run -1 --separate-stderr as_nobody "$BIN/ipccreate" -m 1 -n z
	chmod 1777 /dev/shm
	[ "$stderr" = "ipccreate: /z: permission denied: /dev/shm (owner root (uid 0), mode 0755) does not let this user make files" ]
	mount -t tmpfs -o nr_inodes=3,size=64k none /dev/shm
	run -1 --separate-stderr ipccreate -m 1 -n i1 -m 1 -n i2 -m 1 -n i3
	ls=$(ls -A /dev/shm)
	umount /dev/shm
	[ "$stderr" = "ipccreate: /i3: no space in /dev/shm: all of its 3 inodes are in use (the tmpfs's nr_inodes)" ]
	[ "$ls" = "" ]
}

# --- shmcat --posix-shmem ----------------------------------------------------

@test "shmcat --posix-shmem: the object's bytes, a range of them, and -x as hexdump -C" {
	head -c 10000 /dev/urandom > "$BATS_TEST_TMPDIR/in"
	cp "$BATS_TEST_TMPDIR/in" /dev/shm/obj
	run -0 --separate-stderr sh -c 'shmcat --posix-shmem /obj | cmp - "$1"' sh "$BATS_TEST_TMPDIR/in"
	[ "$stderr" = "" ]
	# a range, the same bytes as dd takes; without the slash too
	[ "$(shmcat --posix-shmem obj -o 4K -l 100 | od -An -tx1)" = "$(dd if=/dev/shm/obj bs=1 skip=4096 count=100 status=none | od -An -tx1)" ]
	[ "$(shmcat --posix-shmem obj -o 10000 | wc -c)" = 0 ]
	[ "$(shmcat --posix-shmem /obj -x -l 333)" = "$(head -c 333 /dev/shm/obj | hexdump -C)" ]
	# at an offset, hexdump -s's offsets
	[ "$(shmcat --posix-shmem /obj -x -o 100 -l 333)" = "$(hexdump -C -s 100 -n 333 /dev/shm/obj)" ]
	# past the end: exit 1, nothing copied
	run -1 --separate-stderr shmcat --posix-shmem /obj -o 10001
	[ "$output" = "" ]
	[ "$stderr" = "shmcat: -o 10001: past the end of POSIX shared memory /obj (10000 bytes)" ]
	run -1 --separate-stderr shmcat --posix-shmem /obj -o 9000 -l 1001
	[ "$stderr" = "shmcat: -l 1001: past the end of POSIX shared memory /obj (10000 bytes, 1000 from offset 9000)" ]
	run -1 --separate-stderr shmcat --posix-shmem /none
	[ "$stderr" = "shmcat: /none: No such name (POSIX shared memory)" ]
	# what is no object is no object: a directory, a semaphore's file
	mkdir /dev/shm/dir
	"$HELP" mkposix psem 1 s
	run -1 --separate-stderr shmcat --posix-shmem dir
	[ "$stderr" = "shmcat: dir: No such name (POSIX shared memory)" ]
	run -1 shmcat --posix-shmem sem.s0
	# -v: how, for everyone: the object's own file, no capability needed
	run -0 --separate-stderr setpriv --bounding-set -sys_admin,-checkpoint_restore,-dac_override "$BIN/shmcat" -v --posix-shmem obj -l 10
	[ "$stderr" = "shmcat: obj: 10 bytes from POSIX shared memory /obj at offset 0 (sendfile)" ]
}

@test "shmcat -w --posix-shmem: in place, never grown; what does not fit is counted, exit 1" {
	truncate -s 4096 /dev/shm/obj
	run -0 --separate-stderr sh -c 'printf reply | shmcat -v -w --posix-shmem /obj -o 1024'
	[ "$stderr" = "shmcat: /obj: 5 bytes into POSIX shared memory /obj at offset 1024 (splice)" ]
	[ "$(dd if=/dev/shm/obj bs=1 skip=1024 count=5 status=none)" = reply ]
	[ "$(stat -c %s /dev/shm/obj)" = 4096 ]
	head -c 5000 /dev/urandom > "$BATS_TEST_TMPDIR/in"
	run -1 --separate-stderr shmcat -v -w --posix-shmem /obj < "$BATS_TEST_TMPDIR/in"
	[ "$stderr" = "shmcat: /obj: wrote 4096 bytes; 904 more did not fit (the object ends at byte 4096)
shmcat: /obj: 4096 bytes into POSIX shared memory /obj at offset 0 (splice)" ]
	[ "$(stat -c %s /dev/shm/obj)" = 4096 ]
	cmp -n 4096 /dev/shm/obj "$BATS_TEST_TMPDIR/in"
	# from a terminal-like input, the plain way: the same bytes
	run -0 --separate-stderr sh -c 'printf abc | cat | shmcat -w --posix-shmem obj -l 3 -o 10'
	[ "$(dd if=/dev/shm/obj bs=1 skip=10 count=3 status=none)" = abc ]
	# an O_APPEND output takes the plain way out
	: > "$BATS_TEST_TMPDIR/app"
	run -0 --separate-stderr sh -c 'shmcat -v --posix-shmem obj -o 10 -l 3 >> "$1"' sh "$BATS_TEST_TMPDIR/app"
	[ "$stderr" = "shmcat: obj: 3 bytes from POSIX shared memory /obj at offset 10 (write)" ]
	[ "$(cat "$BATS_TEST_TMPDIR/app")" = abc ]
	# a zero-length object: nothing to read, nothing fits
	: > /dev/shm/empty
	run -0 shmcat --posix-shmem empty
	[ "$output" = "" ]
	run -1 --separate-stderr sh -c 'printf x | shmcat -w --posix-shmem empty'
	[ "$stderr" = "shmcat: empty: wrote 0 bytes; 1 more did not fit (the object ends at byte 0)" ]
	[ "$(stat -c %s /dev/shm/empty)" = 0 ]
	run -1 --separate-stderr sh -c 'printf x | shmcat -w --posix-shmem /obj -o 4095 -l 1 && printf xy | shmcat -w --posix-shmem /obj -o 4095'
	[ "$stderr" = "shmcat: /obj: wrote 1 byte; 1 more did not fit (the object ends at byte 4096)" ]
}

@test "shmcat -w --posix-shmem: an object its owner shrinks meanwhile is never grown again" {
	head -c 1M /dev/zero > /dev/shm/shrinks
	mkfifo "$T/in"
	shmcat -w --posix-shmem /shrinks < "$T/in" 2> "$T/err" &
	pid=$!
	HELPERS="$HELPERS $pid"
	exec 5> "$T/in"
	head -c 4096 /dev/zero | tr "\0" a >&5
	for ((i = 0; i < 500; i++)); do [ "$(head -c 1 /dev/shm/shrinks)" = a ] && break; sleep 0.01; done
	[ "$(head -c 1 /dev/shm/shrinks)" = a ]
	# the owner cuts it to what was written; then more comes
	truncate -s 4096 /dev/shm/shrinks
	head -c 8192 /dev/zero | tr "\0" b >&5
	exec 5>&-
	reap "$pid"
	[ "$status" = 1 ]
	[ "$(stat -c %s /dev/shm/shrinks)" = 4096 ]
	[ "$(tr -d a < /dev/shm/shrinks | wc -c)" = 0 ]
	[ "$(cat "$T/err")" = "shmcat: /shrinks: wrote 4096 bytes; POSIX shared memory /shrinks shrank to 4096 bytes while shmcat wrote to it, and the rest did not fit (shmcat never grows an object)" ]
}

@test "shmcat --posix-shmem as uid 65534: the file's permission bits decide, and the message says which" {
	need_nobody
	printf 'secret' > /dev/shm/obj
	chmod 600 /dev/shm/obj
	run -1 --separate-stderr as_nobody "$BIN/shmcat" --posix-shmem obj
	[ "$output" = "" ]
	[ "$stderr" = "shmcat: obj: Permission denied: no read permission: mode rw------- gives others --- (owner root (uid 0))" ]
	run -1 --separate-stderr sh -c 'printf x | setpriv --reuid=65534 --regid=65534 --clear-groups "$1" -w --posix-shmem obj' sh "$BIN/shmcat"
	[ "$stderr" = "shmcat: obj: Permission denied: no write permission: mode rw------- gives others --- (owner root (uid 0))" ]
	# write permission alone is enough to write a POSIX object (not a segment)
	chmod 602 /dev/shm/obj
	run -0 sh -c 'printf S | setpriv --reuid=65534 --regid=65534 --clear-groups "$1" -w --posix-shmem obj' sh "$BIN/shmcat"
	[ "$(cat /dev/shm/obj)" = Secret ]
	run -1 as_nobody "$BIN/shmcat" --posix-shmem obj
	chmod 604 /dev/shm/obj
	run -0 --separate-stderr as_nobody "$BIN/shmcat" -v --posix-shmem obj
	[ "$output" = "Secret" ]
	[ "$stderr" = "shmcat: obj: 6 bytes from POSIX shared memory /obj at offset 0 (sendfile)" ]
}

@test "shmcat --posix-shmem: an object removed while it waits on its reader; the bytes read are whole" {
	head -c $((8 * 1048576)) /dev/urandom > "$BATS_TEST_TMPDIR/in"
	cp "$BATS_TEST_TMPDIR/in" /dev/shm/obj
	mkfifo "$BATS_TEST_TMPDIR/fifo"
	shmcat --posix-shmem obj > "$BATS_TEST_TMPDIR/fifo" 2> "$BATS_TEST_TMPDIR/err" &
	pid=$!
	exec 7< "$BATS_TEST_TMPDIR/fifo"
	# shmcat has the file open, and the pipe is full
	until ls -l "/proc/$pid/fd" 2>/dev/null | grep -q '/dev/shm/obj'; do sleep 0.01; done
	ipcrm --posix-shmem obj
	cat <&7 > "$BATS_TEST_TMPDIR/out"
	exec 7<&-
	wait "$pid"
	cmp "$BATS_TEST_TMPDIR/in" "$BATS_TEST_TMPDIR/out"
	[ "$(cat "$BATS_TEST_TMPDIR/err")" = "shmcat: obj: POSIX shared memory /obj was removed while shmcat read it; the bytes read are whole" ]
	# and one of the same name made meanwhile is another object
	cp "$BATS_TEST_TMPDIR/in" /dev/shm/obj
	shmcat --posix-shmem obj > "$BATS_TEST_TMPDIR/fifo" 2> "$BATS_TEST_TMPDIR/err" &
	pid=$!
	exec 7< "$BATS_TEST_TMPDIR/fifo"
	until ls -l "/proc/$pid/fd" 2>/dev/null | grep -q '/dev/shm/obj'; do sleep 0.01; done
	rm /dev/shm/obj
	: > /dev/shm/obj
	cat <&7 > "$BATS_TEST_TMPDIR/out"
	exec 7<&-
	wait "$pid"
	cmp "$BATS_TEST_TMPDIR/in" "$BATS_TEST_TMPDIR/out"
	[ "$(cat "$BATS_TEST_TMPDIR/err")" = "shmcat: obj: POSIX shared memory /obj was removed while shmcat read it; the bytes read are whole" ]
}

# --- the tutorial's chat server (seed 004), end to end ------------------------

@test "seed 004: the chat server's buffer read, answered, removed; the server still reads it" {
	out=$BATS_TEST_TMPDIR/seen
	pid=$("$BUILD/tests/chatserver" /my_shm 5 2 "hello from client 2" "$out")
	HELPERS=$pid
	[ "$(stat -c %s /dev/shm/my_shm)" = 5120 ]
	# client 2's slot, byte for byte: the text, then zeros to 1024
	shmcat --posix-shmem /my_shm -o 2048 -l 1024 > "$BATS_TEST_TMPDIR/slot"
	[ "$(stat -c %s "$BATS_TEST_TMPDIR/slot")" = 1024 ]
	{ printf 'hello from client 2'; head -c $((1024 - 19)) /dev/zero; } | cmp - "$BATS_TEST_TMPDIR/slot"
	# a reply into client 3's slot, which the server reads from its mapping
	printf 'hi, 2' | shmcat -w --posix-shmem /my_shm -o 3072
	kill -USR1 "$pid"
	until [ -e "$out" ]; do sleep 0.01; done
	[ "$(dd if="$out" bs=1 skip=3072 count=5 status=none)" = "hi, 2" ]
	[ "$(dd if="$out" bs=1 skip=2048 count=19 status=none)" = "hello from client 2" ]
	# removed for the name: the server keeps its buffer, and still reads it
	run -0 ipcrm -v --posix-shmem /my_shm
	[ "$output" = "removing POSIX shared memory \`/my_shm' (owner root, used by 1 process: freed when it lets go)" ]
	[ ! -e /dev/shm/my_shm ]
	run -1 shmcat --posix-shmem /my_shm
	rm "$out"
	kill -USR1 "$pid"
	until [ -e "$out" ]; do sleep 0.01; done
	[ "$(dd if="$out" bs=1 skip=3072 count=5 status=none)" = "hi, 2" ]
}

@test "seed 004's other POSIX kinds: a semaphore made with --value 3, a queue's messages counted" {
	run -0 ipccreate -s --value 3 -n /chat -q --maxmsg 4 --msgsize 128 -n /chat
	[ "$output" = "$(printf '/chat\n/chat')" ]
	[ "$("$HELP" semvalue /chat)" = 3 ]
	"$HELP" mqsend /chat "hello" "from" "client 2"
	[ "$("$HELP" mqattr /chat)" = "4 128 3" ]
	run -0 ipcs -J --posix-mqueues
	jq -e 'length == 1 and .[0].name == "/chat" and .[0].messages == 3 and .[0].used_bytes == 17 and .[0].maxmsg == 4 and .[0].msgsize == 128' <<<"$output"
	run -0 ipcs -J --posix-semaphores
	jq -e '.[0].name == "/chat" and .[0].value == 3' <<<"$output"
	run -0 ipcget --posix-semaphore /chat --posix-mqueue /chat
	run -0 ipcrm --posix-semaphore /chat --posix-mqueue /chat
	run -1 "$HELP" semvalue /chat
	run -1 "$HELP" mqattr /chat
	run -1 ipcget -q --posix-semaphore /chat --posix-mqueue /chat
}

@test "names at and past the length limits: 255 bytes (251 for a semaphore) made, found, copied, removed" {
	n255=$(printf 'x%.0s' $(seq 255))
	s251=$(printf 's%.0s' $(seq 251))
	run -0 ipccreate -m 3 -q -n "$n255" -s -n "$s251"
	[ "$output" = "$(printf '/%s\n/%s\n/%s' "$n255" "$n255" "$s251")" ]
	# the whole name in every listing (a 256-byte buffer once cut one)
	[ "$(ipcs -J --posix-shmems --posix-mqueues --posix-semaphores | jq -r '.[].name' | sort)" = "$(printf '/%s\n/%s\n/%s' "$s251" "$n255" "$n255")" ]
	printf abc | shmcat -w --posix-shmem "$n255"
	[ "$(shmcat --posix-shmem "/$n255")" = abc ]
	run -0 ipcget --posix-shmem "$n255" --posix-mqueue "$n255" --posix-semaphore "$s251"
	run -2 --separate-stderr ipccreate -m 1 -n "${n255}x"
	[ "$stderr" = "ipccreate: ${n255}x: invalid name: a name is at most 255 bytes" ]
	run -2 --separate-stderr ipccreate -s -n "${s251}s"
	[ "$stderr" = "ipccreate: ${s251}s: invalid name: a semaphore's name is at most 251 bytes" ]
	run -2 --separate-stderr shmcat --posix-shmem "/${n255}x"
	[ "$stderr" = "shmcat: /${n255}x: invalid name: a name is at most 255 bytes" ]
	run -2 --separate-stderr ipcrm --posix-mqueue "${n255}x"
	[ "$stderr" = "ipcrm: ${n255}x: invalid name: a name is at most 255 bytes" ]
	run -0 ipcrm --posix-shmem "$n255" --posix-mqueue "$n255" --posix-semaphore "$s251"
	[ "$(ls -A /dev/shm /dev/mqueue | grep -c .)" = 2 ]
}

@test "util-linux 2.41 as ipcrm(1) and ipcs(1) say: slashes, and the sem. files it dies of" {
	need_oracle
	ipccreate -m 1 -n /a -s -n /b -q -n /c > /dev/null
	run -0 "$UL241/ipcrm" --posix-shmem a
	run -0 "$UL241/ipcrm" --posix-semaphore b
	run -1 --separate-stderr "$UL241/ipcrm" --posix-mqueue c
	[ "$stderr" = "ipcrm: name failed: Invalid argument" ]
	[ "$(ls /dev/shm /dev/mqueue | grep -cx '[abc]')" = 1 ]
	run -0 ipcrm --posix-mqueue c
	# an empty sem. file: SIGBUS; one too short: a value read past its end
	: > /dev/shm/sem.empty
	run -135 "$UL241/lsipc" -S
	run -135 "$UL241/ipcrm" --all=psem
	rm /dev/shm/sem.empty
	head -c 16 /dev/zero | tr '\0' '\1' > /dev/shm/sem.short
	run -0 "$UL241/lsipc" -S --noheadings
	[ "$(awk '{ print $1 }' <<<"$output")" = short ]
	# ipckit: invalid, and listed
	run -0 ipcs -S
	[[ $output == *"/short "*invalid* ]]
}
