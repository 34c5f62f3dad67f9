#!/usr/bin/env bats
# SPDX-License-Identifier: MIT
# Where the fast way is denied: a seccomp filter refusing *_INFO and
# *_STAT_ANY as a security module may (container-selinux#46 does it to
# BusyBox's ipcs), no /proc/sysvipc, three file descriptors, stdout
# closed.  Each tool falls back, or fails with one line; never silently.

load helpers

H=$BUILD/tests/ipchelp

# Objects of every System V kind, some unreadable to others.
objects() {
	"$UL_IPCRM" -a
	ipccreate -k 0x4051 -M 4096 -Q -S 3 >/dev/null
	ipccreate -M 8192 -Q -p 600 >/dev/null
	"$H" send "$(ipcget -Q 0x4051)" one two
}

@test "*_INFO and *_STAT_ANY refused (EACCES, ENOSYS): ipcs lists the same, from /proc/sysvipc" {
	objects
	want=$(ipcs)
	[ "$want" = "$("$UL_IPCS")" ]
	# /proc/sysvipc has everything but a queue's byte limit: null, not 0
	wantj=$(ipcs -a -J | jq -cS 'map(if .kind == "msg" then .qbytes = null else . end)')
	for err in 13 38; do
		run -0 --separate-stderr "$H" deny "$err" "$BIN/ipcs"
		[ "$output" = "$want" ]
		[ "$stderr" = "" ]
		run -0 --separate-stderr "$H" deny "$err" "$BIN/ipcs" -a -J
		[ "$(jq -cS . <<<"$output")" = "$wantj" ]
		[ "$(jq -c '[.[] | select(.kind == "shm")] | length' <<<"$output")" = 2 ]
		# util-linux reads /proc/sysvipc: it is unaffected, and agrees
		[ "$("$H" deny "$err" "$UL_IPCS")" = "$want" ]
		run -0 "$H" deny "$err" "$BIN/ipcstat" -M 0x4051
	done
}

@test "*_INFO refused: ipcs -u adds up /proc/sysvipc, and says what util-linux's ipcs -u says unrefused" {
	objects
	# a resident page too: the segment's one, written
	head -c 5000 /dev/urandom | "$H" load "$(ipcget -M 0x4051)"
	want=$("$UL_IPCS" -u)
	[[ $want = *"pages resident  1"* ]]
	[[ $want = *"used headers = 2"* ]]
	wantj=$(ipcs -u -J)
	for err in 13 38; do
		# util-linux's own, refused, thinks the kernel has no IPC at all
		[[ $("$H" deny "$err" "$UL_IPCS" -u) = *"kernel not configured for shared memory"* ]]
		run -0 --separate-stderr "$H" deny "$err" "$BIN/ipcs" -u
		[ "$output" = "$want" ]
		[ "$stderr" = "" ]
		run -0 --separate-stderr "$H" deny "$err" "$BIN/ipcs" -u -J
		[ "$output" = "$wantj" ]
		[ "$stderr" = "" ]
	done
}

@test "*_INFO and *_STAT_ANY refused: ipcrm --all still removes what it selects, and only that" {
	objects
	q=$(ipcget -Q 0x4051)
	run -0 --separate-stderr "$H" deny 13 "$BIN/ipcrm" -v --all=msg --key 0x4051
	[ "$output" = "removing message queue id \`$q' (key 0x00004051, owner root)" ]
	[ "$(ul_row -q 0x00004051)" = "" ]
	[ "$("$UL_IPCS" -q | grep -c '^0x')" = 1 ]
	[ "$("$UL_IPCS" -m | grep -c '^0x')" = 2 ]
	run -0 "$H" deny 38 "$BIN/ipcrm" --all=shm
	[ "$("$UL_IPCS" -m | grep -c '^0x')" = 0 ]
	[ "$("$UL_IPCS" -s | grep -c '^0x')" = 1 ]
}

@test "refused at the last index: one object of each kind is still listed" {
	"$UL_IPCRM" -a
	ipccreate -k 0x4052 -M 4096 -Q -S 1 >/dev/null
	want=$(ipcs)
	for err in 13 38; do
		run -0 --separate-stderr "$H" deny "$err" "$BIN/ipcs"
		[ "$output" = "$want" ]
		[ "$(grep -c '^0x00004052' <<<"$output")" = 3 ]
	done
}

@test "no /proc/sysvipc: the *_STAT_ANY walk needs none" {
	objects
	want=$(ipcs)
	run -0 --separate-stderr unshare --mount sh -c 'mount -t tmpfs none /proc/sysvipc && exec "$@"' sh "$BIN/ipcs"
	[ "$output" = "$want" ]
	[ "$stderr" = "" ]
	run -0 unshare --mount sh -c 'mount -t tmpfs none /proc/sysvipc && exec "$@"' sh "$BIN/ipcstat" -M 0x4051
	[ "${lines[0]}" = "shared memory segment $(ipcget -M 0x4051)" ]
}

@test "one file descriptor to spare: every tool does its work; where more are needed, one line" {
	objects
	ipccreate -m 4K -q -s -n /h4 >/dev/null
	"$H" send "$(ipcget -Q 0x4051)" three
	for c in "ipcs" "ipcs -A" "ipcs -a -J" "ipcget -M 0x4051" "ipcstat -M 0x4051" \
		"ipcstat --posix-shmem /h4" "ipcrm -n -a" "shmcat -M 0x4051" "msgcat --peek -Q 0x4051" \
		"semop -g -S 0x4051" "ipcset -n --mode 600 -Q 0x4051"; do
		# shellcheck disable=SC2086  # the command's words
		run -0 prlimit --nofile=4 "$BIN"/$c 3>&-
	done
	run -0 prlimit --nofile=4 "$BIN/ipccreate" -M 4096 3>&-
	# all namespaces: of a PID namespace of the test's own
	run -1 --separate-stderr unshare --pid --fork --mount-proc \
		prlimit --nofile=4 "$BIN/ipcs" --all-namespaces -m 3>&-
	# ASan's runtime, without descriptors of its own, adds lines of its own
	if ldd "$BIN/ipcs" | grep -q libasan; then
		[[ $stderr == *"ipcs: cannot find the IPC namespaces: Too many open files"* ]]
	else
		[ "$stderr" = "ipcs: cannot find the IPC namespaces: Too many open files" ]
	fi
}

@test "stdout closed: a write error, one line, and the tool's failure status" {
	objects
	"$H" send "$(ipcget -Q 0x4051)" three
	check() {
		local st=$1 t=$2
		shift 2
		run --separate-stderr sh -c 'exec "$@" >&-' sh "$BIN/$t" "$@"
		[ "$status" = "$st" ] || { echo "$t $*: status $status, not $st"; false; }
		[ "$stderr" = "$t: ${why:-write error}: Bad file descriptor${more:-}" ] ||
			{ echo "$t $*: $stderr"; false; }
	}
	n=$(count_objects)
	check 1 ipcs
	check 1 ipcs -a -J
	check 1 ipcget -M 0x4051
	check 1 ipcstat -M 0x4051
	check 1 msgcat --peek -Q 0x4051
	check 1 semop -g -S 0x4051
	why="standard output" more=" (0 of 4096 bytes copied)" check 1 shmcat -M 0x4051
	check 1 ipcset -v --mode 600 -Q 0x4051
	check 1 ipcrm -n -a
	# ipccreate takes back what it made when it cannot say so
	check 1 ipccreate -M 4096
	[ "$(count_objects)" = "$n" ]
}
