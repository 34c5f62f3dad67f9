#!/usr/bin/env bats
# SPDX-License-Identifier: MIT
# shmcat: the bytes are checked against the segment as plain shmat(2) with
# read(2) and write(2) see it (tests/tools/ipchelp load and dump), -x
# against hexdump -C, and the way each copy took against what the caller's
# privileges and the output allow, found out without shmcat.

load helpers

HELP=$BUILD/tests/ipchelp

teardown() {
	ipck_teardown
	if [ -f "$T/segs" ]; then
		while read -r s; do "$UL_IPCRM" -m "$s" 2>/dev/null || true; done < "$T/segs"
	fi
}

# mkseg SIZE [MODE]: a new segment's id; teardown removes it
mkseg() {
	local id
	id=$(ipccreate -M "$1" -p "${2:-600}")
	echo "$id" >> "$T/segs"
	echo "$id"
}

sum() { sha256sum | cut -c1-64; }

# N random bytes in FILE
random_file() { head -c "$2" /dev/urandom > "$1"; }

# The segment's bytes, by a plain shmat and write loop.
content() { "$HELP" dump "$1"; }

# 1 when a process here may open a mapping's file through map_files: the
# capability shmcat's fastest way needs.  Asked of an attached helper.
have_map_files() {
	local id pid range
	id=$(mkseg 4096)
	pid=$("$HELP" attach "$id")
	range=$(awk -v id="$id" '$5 == id && $6 ~ /^\/SYSV/ { print $1 }' "/proc/$pid/maps")
	if head -c 1 "/proc/$pid/map_files/$range" >/dev/null 2>&1; then echo 1; else echo 0; fi
	kill "$pid"
}

# Run without the capabilities of the fastest way.
slow() { setpriv --bounding-set -sys_admin,-checkpoint_restore "$@"; }

# Run as root without CAP_IPC_OWNER: the mode's bits apply to root too.
modal() { setpriv --bounding-set -ipc_owner "$@"; }

@test "round trips are byte for byte for sizes 1, 4095, 4096, 4097 and 3 MiB, every way in and out" {
	set -o pipefail
	for size in 1 4095 4096 4097 $((3 * 1048576 + 5)); do
		random_file "$T/in" "$size"
		want=$(sum < "$T/in")
		id=$(mkseg "$size")
		for run in fast slow; do
			pre=; [ $run = slow ] && pre=slow
			# in from a regular file
			$pre shmcat -w -m "$id" < "$T/in"
			[ "$(content "$id" | sum)" = "$want" ]
			# out to a pipe, to a new file, appended to a file
			[ "$($pre shmcat -m "$id" | sum)" = "$want" ]
			$pre shmcat -m "$id" > "$T/out"
			[ "$(sum < "$T/out")" = "$want" ]
			printf 'head' > "$T/app"
			$pre shmcat -m "$id" >> "$T/app"
			[ "$(head -c 4 "$T/app")" = head ]
			[ "$(tail -c +5 "$T/app" | sum)" = "$want" ]
			# in from a pipe, over a segment zeroed first
			"$HELP" load "$id" < /dev/zero
			[ "$(content "$id" | sum)" != "$want" ]
			cat "$T/in" | $pre shmcat -w -m "$id"
			[ "$(content "$id" | sum)" = "$want" ]
		done
	done
}

@test "each way is the one the privileges and the output allow, and -v names it" {
	random_file "$T/in" 100000
	id=$(mkseg 100000)
	fast=$(have_map_files)
	say() { echo "shmcat: $id: 100000 bytes $1 shared memory segment $id at offset 0 ($2)"; }
	# (bats's run has a variable i of its own)
	if [ "$fast" = 1 ]; then to_pipe=sendfile to_file=sendfile from_file=splice from_pipe=splice
	else to_pipe=vmsplice to_file=write from_file=read from_pipe=read; fi

	run -0 --separate-stderr shmcat -v -w -m "$id" < "$T/in"
	[ "$stderr" = "$(say into "$from_file")" ]
	run -0 --separate-stderr sh -c "cat '$T/in' | shmcat -v -w -m $id"
	[ "$stderr" = "$(say into "$from_pipe")" ]
	run -0 --separate-stderr sh -c "shmcat -v -m $id | cat > /dev/null"
	[ "$stderr" = "$(say from "$to_pipe")" ]
	run -0 --separate-stderr sh -c "shmcat -v -m $id > '$T/out'"
	[ "$stderr" = "$(say from "$to_file")" ]
	run -0 --separate-stderr sh -c "shmcat -v -m $id >> '$T/out'"
	[ "$stderr" = "$(say from write)" ]

	# without the capability: the mapping, with vmsplice to a pipe
	run -0 --separate-stderr sh -c "setpriv --bounding-set -sys_admin,-checkpoint_restore shmcat -v -m $id | cat > /dev/null"
	[ "$stderr" = "$(say from vmsplice)" ]
	run -0 --separate-stderr sh -c "setpriv --bounding-set -sys_admin,-checkpoint_restore shmcat -v -m $id > '$T/out'"
	[ "$stderr" = "$(say from write)" ]
	run -0 --separate-stderr slow shmcat -v -w -m "$id" < "$T/in"
	[ "$stderr" = "$(say into read)" ]
	[ "$(content "$id" | sum)" = "$(sum < "$T/in")" ]
}

@test "as an unprivileged user, through a pipe and a file" {
	need_nobody
	set -o pipefail
	for size in 4097 $((2 * 1048576 + 3)); do
		random_file "$T/in" "$size"
		want=$(sum < "$T/in")
		id=$(mkseg "$size" 666)
		as_nobody shmcat -w -m "$id" < "$T/in"
		[ "$(content "$id" | sum)" = "$want" ]
		[ "$(as_nobody shmcat -m "$id" | sum)" = "$want" ]
		as_nobody shmcat -m "$id" > "$T/out"
		[ "$(sum < "$T/out")" = "$want" ]
		"$HELP" load "$id" < /dev/zero
		cat "$T/in" | as_nobody shmcat -w -m "$id"
		[ "$(content "$id" | sum)" = "$want" ]
	done
	run -0 --separate-stderr sh -c "setpriv --reuid=65534 --regid=65534 --clear-groups shmcat -v -m $id | cat >/dev/null"
	[ "$stderr" = "shmcat: $id: $size bytes from shared memory segment $id at offset 0 (vmsplice)" ]
}

@test "empty: -l 0, an offset at the end, and empty input copy nothing and succeed" {
	random_file "$T/in" 4096
	id=$(mkseg 4096)
	"$HELP" load "$id" < "$T/in"
	run -0 --separate-stderr shmcat -l 0 -m "$id"
	[ "$output$stderr" = "" ]
	run -0 --separate-stderr shmcat -o 4096 -m "$id"
	[ "$output$stderr" = "" ]
	run -0 --separate-stderr shmcat -x -l 0 -m "$id"
	[ "$output$stderr" = "" ]
	run -0 --separate-stderr shmcat -w -m "$id" < /dev/null
	[ "$output$stderr" = "" ]
	run -0 --separate-stderr sh -c "printf '' | shmcat -w -m $id"
	[ "$output$stderr" = "" ]
	run -0 --separate-stderr sh -c "shmcat -w -o 4096 -m $id < /dev/null"
	[ "$(content "$id" | sum)" = "$(sum < "$T/in")" ]
}

@test "offsets and lengths: at the edges they are exact, past them nothing is copied" {
	random_file "$T/in" 4096
	id=$(mkseg 4096)
	"$HELP" load "$id" < "$T/in"
	[ "$(shmcat -o 4000 -l 96 -m "$id" | sum)" = "$(tail -c +4001 "$T/in" | sum)" ]
	[ "$(shmcat -o 4095 -m "$id" | sum)" = "$(tail -c 1 "$T/in" | sum)" ]
	[ "$(shmcat -o 0x10 -l 1K -m "$id" | sum)" = "$(tail -c +17 "$T/in" | head -c 1024 | sum)" ]
	[ "$(shmcat -l 4KiB -m "$id" | sum)" = "$(sum < "$T/in")" ]
	[ "$(shmcat -l 4KB -m "$id" | sum)" = "$(head -c 4000 "$T/in" | sum)" ]

	run -1 --separate-stderr shmcat -o 4097 -m "$id"
	[ "$output" = "" ]
	[ "$stderr" = "shmcat: -o 4097: past the end of shared memory segment $id (4096 bytes)" ]
	run -1 --separate-stderr shmcat -o 4000 -l 97 -m "$id"
	[ "$output" = "" ]
	[ "$stderr" = "shmcat: -l 97: past the end of shared memory segment $id (4096 bytes, 96 from offset 4000)" ]
	run -1 --separate-stderr shmcat -l 4097 -m "$id"
	[ "$stderr" = "shmcat: -l 4097: past the end of shared memory segment $id (4096 bytes, 4096 from offset 0)" ]
	# no wrap-around: offset + length past 2^64 is past the end too
	run -1 --separate-stderr shmcat -o 1 -l 18446744073709551615 -m "$id"
	[ "$output" = "" ]
	run -1 --separate-stderr shmcat -o 18446744073709551615 -l 1 -m "$id"
	[ "$output" = "" ]
	# the same ranges write nothing
	run -1 --separate-stderr sh -c "printf abc | shmcat -w -o 4097 -m $id"
	[ "$stderr" = "shmcat: -o 4097: past the end of shared memory segment $id (4096 bytes)" ]
	run -1 sh -c "printf abc | shmcat -w -o 4094 -l 3 -m $id"
	[ "$(content "$id" | sum)" = "$(sum < "$T/in")" ]
}

@test "-w writes only its range; input beyond it is counted, not written, and exits 1" {
	random_file "$T/in" 4096
	id=$(mkseg 4096)
	"$HELP" load "$id" < "$T/in"
	# exactly to the end
	run -0 --separate-stderr sh -c "printf abc | shmcat -w -o 4093 -m $id"
	[ "$stderr" = "" ]
	{ head -c 4093 "$T/in"; printf abc; } > "$T/want"
	[ "$(content "$id" | sum)" = "$(sum < "$T/want")" ]
	# one byte too many
	run -1 --separate-stderr sh -c "printf wxyz | shmcat -w -o 4093 -m $id"
	[ "$stderr" = "shmcat: $id: wrote 3 bytes; 1 more did not fit (the segment ends at byte 4096)" ]
	{ head -c 4093 "$T/in"; printf wxy; } > "$T/want"
	[ "$(content "$id" | sum)" = "$(sum < "$T/want")" ]
	# a range inside the segment: the byte after it stays
	run -1 --separate-stderr sh -c "printf 0123456789 | shmcat -w -o 100 -l 4 -m $id"
	[ "$stderr" = "shmcat: $id: wrote 4 bytes; 6 more did not fit (the range ends at byte 104)" ]
	{ head -c 100 "$T/want"; printf 0123; tail -c +105 "$T/want"; } > "$T/want2"
	[ "$(content "$id" | sum)" = "$(sum < "$T/want2")" ]
	# input larger than the segment, from a file (measured) and a pipe (read)
	random_file "$T/big" 10000
	run -1 --separate-stderr shmcat -w -m "$id" < "$T/big"
	[ "$stderr" = "shmcat: $id: wrote 4096 bytes; 5904 more did not fit (the segment ends at byte 4096)" ]
	[ "$(content "$id" | sum)" = "$(head -c 4096 "$T/big" | sum)" ]
	"$HELP" load "$id" < /dev/zero
	run -1 --separate-stderr sh -c "cat '$T/big' | shmcat -w -m $id"
	[ "$stderr" = "shmcat: $id: wrote 4096 bytes; 5904 more did not fit (the segment ends at byte 4096)" ]
	[ "$(content "$id" | sum)" = "$(head -c 4096 "$T/big" | sum)" ]
	# and without the capability
	"$HELP" load "$id" < /dev/zero
	run -1 --separate-stderr slow shmcat -w -m "$id" < "$T/big"
	[ "$stderr" = "shmcat: $id: wrote 4096 bytes; 5904 more did not fit (the segment ends at byte 4096)" ]
	[ "$(content "$id" | sum)" = "$(head -c 4096 "$T/big" | sum)" ]
}

@test "permission: reading needs read, writing read and write; the error says which is missing" {
	random_file "$T/in" 4096
	random_file "$T/other" 4096
	want=$(sum < "$T/in")
	for mode in 444 200 000; do
		id=$(mkseg 4096 $mode)
		"$HELP" load "$id" < "$T/in"
		eval "m$mode=$id lpid$mode=\$(ul_info -m $id | grep '^lpid=')"
	done
	owner="(owner root (uid 0))"
	denied="shmcat: %s: Permission denied: %s: mode %s gives its owner %s $owner"

	# r--r--r--: writing is refused before attaching: nothing changes
	run -1 --separate-stderr modal shmcat -w -m "$m444" < "$T/other"
	# shellcheck disable=SC2059
	[ "$stderr" = "$(printf "$denied" "$m444" "no write permission" r--r--r-- r--)" ]
	# shellcheck disable=SC2154
	[ "$(ul_info -m "$m444" | grep '^lpid=')" = "$lpid444" ]
	[ "$(content "$m444" | sum)" = "$want" ]
	[ "$(modal shmcat -m "$m444" | sum)" = "$want" ]

	# -w-------: neither reading nor writing (which needs both)
	run -1 --separate-stderr modal shmcat -m "$m200"
	[ "$output" = "" ]
	# shellcheck disable=SC2059
	[ "$stderr" = "$(printf "$denied" "$m200" "no read permission" -w------- -w-)" ]
	run -1 --separate-stderr modal shmcat -x -m "$m200"
	# shellcheck disable=SC2059
	[ "$stderr" = "$(printf "$denied" "$m200" "no read permission" -w------- -w-)" ]
	run -1 --separate-stderr modal shmcat -w -m "$m200" < "$T/other"
	# shellcheck disable=SC2059
	[ "$stderr" = "$(printf "$denied" "$m200" "no read permission (writing needs read and write)" -w------- -w-)" ]

	# ---------
	run -1 --separate-stderr modal shmcat -w -m "$m000" < "$T/other"
	# shellcheck disable=SC2059
	[ "$stderr" = "$(printf "$denied" "$m000" "no read or write permission" --------- ---)" ]
	# refused before attaching: the last pid is still the loader's
	# shellcheck disable=SC2154  # set by eval
	[ "$(ul_info -m "$m200" | grep '^lpid=')" = "$lpid200" ]
	[ "$(ul_info -m "$m000" | grep '^lpid=')" = "$lpid000" ]
	[ "$(content "$m200" | sum)" = "$want" ]
	[ "$(content "$m000" | sum)" = "$want" ]
	# CAP_IPC_OWNER passes over the mode, as the kernel says
	shmcat -w -m "$m000" < "$T/other"
	[ "$(content "$m000" | sum)" = "$(sum < "$T/other")" ]
}

@test "permission as another user: others' bits, then the group's" {
	need_nobody
	random_file "$T/in" 4096
	id=$(mkseg 4096 604)
	"$HELP" load "$id" < "$T/in"
	[ "$(as_nobody shmcat -m "$id" | sum)" = "$(sum < "$T/in")" ]
	run -1 --separate-stderr as_nobody shmcat -w -m "$id" < /dev/null
	[ "$stderr" = "shmcat: $id: Permission denied: no write permission: mode rw----r-- gives others r-- (owner root (uid 0))" ]
	id=$(mkseg 4096 640)
	"$HELP" load "$id" < "$T/in"
	[ "$(setpriv --reuid=65534 --regid=0 --clear-groups shmcat -m "$id" | sum)" = "$(sum < "$T/in")" ]
	run -1 --separate-stderr setpriv --reuid=65534 --regid=0 --clear-groups shmcat -w -m "$id" < /dev/null
	[ "$stderr" = "shmcat: $id: Permission denied: no write permission: mode rw-r----- gives its group r-- (owner root (uid 0))" ]
	run -1 --separate-stderr as_nobody shmcat -x -m "$id"
	[ "$stderr" = "shmcat: $id: Permission denied: no read permission: mode rw-r----- gives others --- (owner root (uid 0))" ]
}

# Under ASan the shim must not be first: it is built without the sanitizers.
vanish() { env ASAN_OPTIONS=verify_asan_link_order=0 LD_PRELOAD="$BUILD/tests/vanish.so" VANISH_SHMAT=1 "$@"; }

@test "a segment removed under shmcat: the bytes read are whole and it says so; bytes written are lost, exit 1" {
	random_file "$T/in" 3000000
	want=$(sum < "$T/in")
	for pre in "" "setpriv --bounding-set -sys_admin,-checkpoint_restore"; do
		id=$(mkseg 3000000)
		"$HELP" load "$id" < "$T/in"
		# shellcheck disable=SC2086  # pre is words
		vanish $pre shmcat -m "$id" > "$T/out" 2> "$T/err"
		[ "$(sum < "$T/out")" = "$want" ]
		[ "$(cat "$T/err")" = "shmcat: $id: shared memory segment $id was removed while shmcat read it; the bytes read are whole" ]
		run -1 ipcstat -m "$id"

		id=$(mkseg 3000000)
		# shellcheck disable=SC2086
		run -1 --separate-stderr vanish $pre shmcat -w -m "$id" < "$T/in"
		[ "$stderr" = "shmcat: $id: shared memory segment $id was removed while shmcat wrote to it; what it wrote goes with the segment" ]
	done
}

# The nattch util-linux's ipcs shows for a segment.
nattch() { "$UL_IPCS" -m | awk -v id="$1" '$2 == id { print $6 }'; }

@test "a segment removed in the middle of a copy, with its reader and writer waiting" {
	random_file "$T/in" $((8 * 1048576))
	want=$(sum < "$T/in")
	id=$(mkseg $((8 * 1048576)))
	"$HELP" load "$id" < "$T/in"
	mkfifo "$T/fifo"
	# out: shmcat fills the pipe and waits, attached, for the reader
	shmcat -m "$id" > "$T/fifo" 2> "$T/err" &
	pid=$!
	exec 7< "$T/fifo"
	while [ "$(nattch "$id")" != 1 ]; do sleep 0.01; done
	"$UL_IPCRM" -m "$id"
	[ "$("$UL_IPCS" -m | awk -v id="$id" '$2 == id { print $7 }')" = dest ]
	cat <&7 > "$T/out"
	exec 7<&-
	wait "$pid"
	[ "$(sum < "$T/out")" = "$want" ]
	[ "$(cat "$T/err")" = "shmcat: $id: shared memory segment $id was removed while shmcat read it; the bytes read are whole" ]
	run -1 ipcstat -m "$id"

	# in: shmcat has read part of its input when the segment goes
	id=$(mkseg $((8 * 1048576)))
	shmcat -w -m "$id" < "$T/fifo" 2> "$T/err" &
	pid=$!
	exec 7> "$T/fifo"
	head -c 1048576 "$T/in" >&7
	while [ "$(nattch "$id")" != 1 ]; do sleep 0.01; done
	"$UL_IPCRM" -m "$id"
	tail -c +1048577 "$T/in" >&7
	exec 7>&-
	rc=0
	wait "$pid" || rc=$?
	[ "$rc" = 1 ]
	[ "$(cat "$T/err")" = "shmcat: $id: shared memory segment $id was removed while shmcat wrote to it; what it wrote goes with the segment" ]
}

@test "-x is hexdump -C of the same bytes, with the segment's offsets" {
	{
		printf 'hello, client'
		head -c 100 /dev/zero
		printf '%b' "$(printf '\\x%02x' $(seq 0 255))"
		head -c 77 /dev/zero
		printf '\x7f\x80 ~\t'
		random_file /dev/stdout 300
		head -c 53 /dev/zero
	} > "$T/in"
	size=$(stat -c %s "$T/in")
	id=$(mkseg "$size")
	"$HELP" load "$id" < "$T/in"
	run -0 --separate-stderr shmcat -x -m "$id"
	[ "$output" = "$(hexdump -C "$T/in")" ]
	for r in "0 1" "3 40" "16 16" "15 17" "96 37" "$((size - 1)) 1" "100 $((size - 100))"; do
		set -- $r
		[ "$(shmcat -x -o "$1" -l "$2" -m "$id")" = "$(hexdump -C -s "$1" -n "$2" "$T/in")" ]
	done
}

@test "-x shows a student what the server wrote, as the man page does" {
	id=$(mkseg 4096 666)
	printf 'hello, client' | shmcat -w -m "$id"
	run -0 --separate-stderr shmcat -x -l 64 -m "$id"
	[ "$output" = "00000000  68 65 6c 6c 6f 2c 20 63  6c 69 65 6e 74 00 00 00  |hello, client...|
00000010  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|
*
00000040" ]
	# the same lines are in shmcat.1's EXAMPLES
	page=$(sed -n '/^\.Sh EXAMPLES/,/^\.Sh DIAGNOSTICS/p' "$TOP/man/shmcat.1")
	while IFS= read -r line; do
		grep -qxF -- "$line" <<<"$page" || { echo "not in shmcat.1: $line"; false; }
	done <<<"$output"
}

@test "usage errors: one line naming the operand, exit 2, nothing read or written" {
	random_file "$T/in" 64
	id=$(mkseg 64)
	"$HELP" load "$id" < "$T/in"
	lpid=$(ul_info -m "$id" | grep '^lpid=')
	touch "$T/file"
	u() {
		run -2 --separate-stderr sh -c "printf xyz | shmcat $1"
		[ "$output" = "" ]
		[ "$stderr" = "shmcat: $2" ] || { echo "shmcat $1: $stderr"; false; }
	}
	u "" "no shared memory named: -m ID, -M KEY, -F PATH -P PROJID or --posix-shmem NAME; try 'shmcat --help'"
	u "-w -m $id -m $id" "$id: one object at a time"
	u "-w -m $id --posix-shmem x" "x: one object at a time"
	u "-w -x -m $id" "-w and -x do not go together: -x only reads"
	u "-w -q 3" "-q 3: only shared memory has bytes to copy (-m ID, -M KEY or --posix-shmem NAME)"
	u "-w --semaphore-key 0x10" "-S 0x10: only shared memory has bytes to copy (-m ID, -M KEY or --posix-shmem NAME)"
	u "-w --posix-semaphore /s" "--posix-semaphore /s: only shared memory has bytes to copy (-m ID, -M KEY or --posix-shmem NAME)"
	u "--posix-shmem a/b" "a/b: invalid name: a name has no '/' but the first"
	u "-w -o abc -m $id" "-o abc: invalid offset (bytes: 4096, 4K, 4KB, 0x1000)"
	u "-w -o -1 -m $id" "-o -1: invalid offset (bytes: 4096, 4K, 4KB, 0x1000)"
	u "-w -l 1.5K -m $id" "-l 1.5K: invalid length (bytes: 4096, 4K, 4KB, 0x1000)"
	u "-w -l 16E -m $id" "-l 16E: length out of range (at most 18446744073709551615 bytes)"
	u "-o 0x10000000000000000 -m $id" "-o 0x10000000000000000: offset out of range (at most 18446744073709551615 bytes)"
	u "-w -m $id extra" "extra: unexpected operand; try 'shmcat --help'"
	u "-w -m 0x1" "0x1: invalid id (a decimal number)"
	u "-w -M 0" "0: Key 0 is IPC_PRIVATE and names no object"
	u "-w -F $T/file" "-F PATH and -P PROJID go together; try 'shmcat --help'"
	u "-w -F $T/file -P 1 msg" "msg: only shared memory has bytes to copy"
	u "-w -F $T/file -P 1 pipe" "pipe: unknown type (0, 1, 2, shm, msg or sem)"
	u "-w -F $T/none -P 1" "$T/none: No such file or directory"
	u "-w -z -m $id" "unknown option '-z'; try 'shmcat --help'"
	u "-w -m $id -o" "option '-o' needs an argument; try 'shmcat --help'"
	[ "$(ul_info -m "$id" | grep '^lpid=')" = "$lpid" ]
	[ "$(content "$id" | sum)" = "$(sum < "$T/in")" ]
}

@test "no such segment: by id, by key, exit 1" {
	run -1 --separate-stderr shmcat -m 2147483647
	[ "$stderr" = "shmcat: 2147483647: No such identifier (shared memory)" ]
	run -1 --separate-stderr shmcat -w -M 0x7e5700ff < /dev/null
	[ "$stderr" = "shmcat: 0x7e5700ff: No such key (shared memory, 0x7e5700ff)" ]
	run -1 --separate-stderr shmcat -x -M 0x7e5700ff
	[ "$output" = "" ]
}

@test "by key, by ftok and by long option names" {
	id=$(ipccreate -M 64 -k 0x7e570101 -p 600)
	echo "$id" >> "$T/segs"
	printf 'by key' | shmcat -w -M 0x7e570101
	[ "$(shmcat -l 6 -M 2119631105)" = "by key" ]
	touch "$T/f"
	key=$(ftok_key "$T/f" 7)
	id=$(ipccreate -M 64 -k "$key" -p 600)
	echo "$id" >> "$T/segs"
	printf 'by ftok' | shmcat -w -F "$T/f" -P 7
	[ "$(content "$id" | head -c 7)" = "by ftok" ]
	[ "$(shmcat -l 7 -F "$T/f" -P 7 shm)" = "by ftok" ]
	[ "$(shmcat -o 3 -l 4 -F "$T/f" -P 7 0)" = "ftok" ]
	# every long name does what its letter does
	printf 'LONG' | shmcat --write --offset 2 --shmem-id "$id"
	[ "$(content "$id" | head -c 7)" = "byLONGk" ]
	[ "$(shmcat --ftok "$T/f" --proj-id 7 --length 3 --offset 2)" = "LON" ]
	[ "$(shmcat --hex --shmem-key "$key" --length 2)" = "$(printf 'by' | hexdump -C)" ]
	run -0 --separate-stderr shmcat --verbose --shmem-id "$id" --length 1
	[[ $stderr = "shmcat: $id: 1 bytes from shared memory segment $id at offset 0 ("*")" ]]
}

@test "an output that fails is an error, with the count of bytes that got there" {
	id=$(mkseg 4096)
	run -1 --separate-stderr sh -c "shmcat -m $id > /dev/full"
	[ "$stderr" = "shmcat: standard output: No space left on device (0 of 4096 bytes copied)" ]
	run -1 --separate-stderr sh -c "shmcat -x -m $id > /dev/full"
	[ "$stderr" = "shmcat: write error: No space left on device" ]
	run -1 --separate-stderr sh -c "shmcat -m $id 1>&-"
	[ "$stderr" = "shmcat: standard output: Bad file descriptor (0 of 4096 bytes copied)" ]
	run -1 --separate-stderr sh -c "shmcat -w -m $id 0<&-"
	[ "$stderr" = "shmcat: standard input: Bad file descriptor (0 of 4096 bytes written)" ]
}

@test "to a terminal" {
	command -v script >/dev/null || skip "no script(1) to make a terminal"
	id=$(mkseg 64)
	printf 'on a tty' | shmcat -w -m "$id"
	run -0 script -qec "shmcat -l 8 -m $id" /dev/null
	[[ $output = *"on a tty"* ]]
}

# The bytes a segment has resident, from /proc/sysvipc/shm.
resident() { awk -v id="$1" '$2 == id { print $15 }' /proc/sysvipc/shm; }

@test "a short copy into a fresh segment makes only the pages under its range resident" {
	for pre in "" "setpriv --bounding-set -sys_admin,-checkpoint_restore"; do
		id=$(mkseg 64M)
		[ "$(resident "$id")" = 0 ]
		# shellcheck disable=SC2086  # pre is words
		[ "$($pre shmcat -o 1M -l 5 -m "$id" | od -An -c | tr -d ' ')" = '\0\0\0\0\0' ]
		[ "$(resident "$id")" -le "$PAGESIZE" ]
		# shellcheck disable=SC2086
		printf abc | $pre shmcat -w -o 5M -m "$id"
		printf abc > "$T/abc"
		# shellcheck disable=SC2086
		$pre shmcat -w -o 9M -m "$id" < "$T/abc"
		[ "$(resident "$id")" -le $((3 * PAGESIZE)) ]
		[ "$(shmcat -o 5M -l 3 -m "$id")$(shmcat -o 9M -l 3 -m "$id")" = abcabc ]
	done
}

@test "reading never-written pages allocates none of them, on every way and with -x; the bytes are exact" {
	id=$(mkseg 64M 644)
	# data at the start, across the 16 MiB window's edge and at the very end
	printf head | shmcat -w -m "$id"
	printf edge | shmcat -w -o $((16 * 1048576 - 2)) -m "$id"
	printf tail | shmcat -w -o $((64 * 1048576 - 4)) -m "$id"
	truncate -s 64M "$T/want"
	printf head | dd of="$T/want" conv=notrunc status=none
	printf edge | dd of="$T/want" bs=1 seek=$((16 * 1048576 - 2)) conv=notrunc status=none
	printf tail | dd of="$T/want" bs=1 seek=$((64 * 1048576 - 4)) conv=notrunc status=none
	want=$(sum < "$T/want")
	pages=$((4 * PAGESIZE))
	[ "$(resident "$id")" = "$pages" ]
	set -o pipefail
	# the fastest way, without the capability to a pipe (vmsplice) and to
	# a file (write), to an O_APPEND file (write), and the hex dump
	[ "$(shmcat -m "$id" | sum)" = "$want" ]
	[ "$(resident "$id")" = "$pages" ]
	[ "$(slow shmcat -m "$id" | cat | sum)" = "$want" ]
	[ "$(resident "$id")" = "$pages" ]
	slow shmcat -m "$id" > "$T/out"
	[ "$(sum < "$T/out")" = "$want" ]
	[ "$(resident "$id")" = "$pages" ]
	: > "$T/app"
	slow shmcat -m "$id" >> "$T/app"
	[ "$(sum < "$T/app")" = "$want" ]
	[ "$(resident "$id")" = "$pages" ]
	[ "$(slow shmcat -x -m "$id" | sum)" = "$(hexdump -C "$T/want" | sum)" ]
	[ "$(resident "$id")" = "$pages" ]
	# ranges that start and end inside holes and inside data
	for r in "1 10" "5 $((16 * 1048576))" "$((16 * 1048576 - 3)) 6" "$((20 * 1048576)) $((44 * 1048576))"; do
		set -- $r
		[ "$(slow shmcat -o "$1" -l "$2" -m "$id" | cat | sum)" = "$(tail -c +$(($1 + 1)) "$T/want" | head -c "$2" | sum)" ]
		[ "$(slow shmcat -x -o "$1" -l "$2" -m "$id")" = "$(hexdump -C -s "$1" -n "$2" "$T/want")" ]
	done
	[ "$(resident "$id")" = "$pages" ]
	need_nobody
	[ "$(as_nobody "$BIN/shmcat" -m "$id" | cat | sum)" = "$want" ]
	[ "$(as_nobody "$BIN/shmcat" -x -m "$id" | sum)" = "$(hexdump -C "$T/want" | sum)" ]
	[ "$(resident "$id")" = "$pages" ]
}

@test "a 1 GiB --noreserve segment read with -x by anyone stays at 0 pages resident" {
	id=$(mkseg 1G 644)
	run -0 --separate-stderr slow shmcat -x -m "$id"
	[ "$output" = "00000000  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|
*
40000000" ]
	[ "$(resident "$id")" = 0 ]
	[ "$(slow shmcat -m "$id" | cat | wc -c)" = 1073741824 ]
	[ "$(resident "$id")" = 0 ]
	run -0 ipcs -u
	[[ $output = *"pages resident  0"* ]]
}

@test "-w from an endless input stops counting and says at least how much did not fit" {
	id=$(mkseg 4096)
	run -1 --separate-stderr timeout 20 shmcat -w -m "$id" < /dev/zero
	[ "$stderr" = "shmcat: $id: wrote 4096 bytes; at least 1048576 more did not fit (the segment ends at byte 4096)" ]
	run -1 --separate-stderr timeout 20 sh -c "cat /dev/zero | shmcat -w -l 10 -m $id"
	[ "$stderr" = "shmcat: $id: wrote 10 bytes; at least 1048576 more did not fit (the range ends at byte 10)" ]
	# a finite pipe within the bound is counted exactly
	run -1 --separate-stderr sh -c "head -c 1052672 /dev/zero | shmcat -w -m $id"
	[ "$stderr" = "shmcat: $id: wrote 4096 bytes; 1048576 more did not fit (the segment ends at byte 4096)" ]
	run -1 --separate-stderr sh -c "head -c 1052673 /dev/zero | shmcat -w -m $id"
	[ "$stderr" = "shmcat: $id: wrote 4096 bytes; at least 1048576 more did not fit (the segment ends at byte 4096)" ]
}
