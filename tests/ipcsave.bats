#!/usr/bin/env bats
# SPDX-License-Identifier: MIT
# ipcsave: what its archives hold, read with tar(1) and jq, and what it
# selects; the round trips through ipcrestore are in ipcrestore.bats.
# This file's /dev/shm and mqueue are its own (tests/ns).

load helpers

HELP=$BUILD/tests/ipchelp

teardown() { ipck_teardown_all; }

@test "the archive is a plain tar: tar lists every member, and takes the manifest out" {
	m=$(ipcmk -M 10000 | awk '{ print $NF }')
	text abc 100 | "$HELP" load "$m"
	q=$(ipcmk -Q | awk '{ print $NF }')
	"$HELP" send "$q" hello
	ipcmk -S 2 > /dev/null
	run -0 ipcsave "$T/a.tar"
	# by hand: the segment's member, the queue's, then the manifest
	run -0 tar tf "$T/a.tar"
	[ "$output" = "ipckit/0.data
ipckit/1.messages
ipckit/manifest.json" ]
	run -0 tar tvf "$T/a.tar"
	[[ ${lines[0]} =~ ^-rw-------\ 0/0\ +4096\  ]]
	# a message: 16 bytes (type 1, length 5, big-endian), then its text
	[ "$(tar xOf "$T/a.tar" ipckit/1.messages | od -An -tx1 | tr -d ' \n')" = "00000000000000010000000000000005$(printf hello | od -An -tx1 | tr -d ' \n')" ]
	run -0 sh -c "tar xOf '$T/a.tar' ipckit/manifest.json | jq -c '[.format, .version, (.objects | map(.kind))]'"
	[ "$output" = '["ipckit archive",1,["shm","msg","sem"]]' ]
	# the segment: 100 bytes of data, in the first block, the rest no data
	run -0 sh -c "tar xOf '$T/a.tar' ipckit/manifest.json | jq -c '.objects[0].contents | [.bytes, .extents]'"
	[ "$output" = '[4096,[[0,4096]]]' ]
}

@test "objects with no bytes have no member: a segment never written, one of zeros, an empty queue" {
	ipcmk -M 8192 > /dev/null
	z=$(ipcmk -M 8192 | awk '{ print $NF }')
	head -c 8192 /dev/zero | "$HELP" load "$z"
	w=$(ipcmk -M 8192 | awk '{ print $NF }')
	printf x | "$HELP" load "$w"
	ipcmk -Q > /dev/null
	q=$(ipcmk -Q | awk '{ print $NF }')
	"$HELP" send "$q" hi
	run -0 ipcsave "$T/a.tar"
	# by hand: only the third segment (object 2) and the second queue (4) hold bytes
	run -0 tar tf "$T/a.tar"
	[ "$output" = "ipckit/2.data
ipckit/4.messages
ipckit/manifest.json" ]
	run -0 sh -c "tar xOf '$T/a.tar' ipckit/manifest.json | jq -c '[.objects[].contents]'"
	[[ $output == '[{"bytes":0,"extents":[]},{"bytes":0,"extents":[]},{"member":"ipckit/2.data","bytes":4096,'* ]]
	[[ $output == *'{"bytes":0,"messages":0},{"member":"ipckit/4.messages","bytes":18,'* ]]
	ipcrm -a
	run -0 ipcrestore "$T/a.tar"
	[ "$("$UL_IPCS" -q | awk '$1 ~ /^0x/ { print $6 }' | tr '\n' ' ')" = "0 1 " ]
	[ "$(ipcrm -n -a 2>&1 | wc -l)" = 5 ]
	cmp <(head -c 8192 /dev/zero) <(shmcat -m "$z")
	cmp <(printf x; head -c 8191 /dev/zero) <(shmcat -m "$w")
}

@test "holes stay holes: a 64 MiB segment never written saves as no data, and restores without a page allocated" {
	m=$(ipcmk -M $((64 << 20)) | awk '{ print $NF }')
	run -0 ipcsave -a "$T/a.tar"
	[ "$(stat -c %s "$T/a.tar")" -lt 10240 ]
	"$UL_IPCRM" -m "$m"
	run -0 ipcrestore "$T/a.tar"
	# /proc/sysvipc/shm's rss (column 15): no page resident
	[ "$(awk -v id="$m" '$2 == id { print $15 }' /proc/sysvipc/shm)" = 0 ]
	[ "$(awk -v id="$m" '$2 == id { print $4 }' /proc/sysvipc/shm)" = $((64 << 20)) ]
}

@test "a POSIX queue's messages are saved only when asked, and a warning says so" {
	ipccreate -q -n /jobs > /dev/null
	printf one | msgcat -w --posix-mqueue /jobs
	run -0 --separate-stderr ipcsave "$T/a.tar"
	[ "$stderr" = "ipcsave: --posix-mqueue /jobs: its 1 message was not saved (--take-posix-messages takes and puts them back)" ]
	# the queue still holds it, and the archive has no member for it
	[ "$("$HELP" mqattr /jobs | cut -d' ' -f3)" = 1 ]
	run -0 tar tf "$T/a.tar"
	[ "$output" = "ipckit/manifest.json" ]
	rm /dev/mqueue/jobs
	run -0 --separate-stderr ipcrestore "$T/a.tar"
	[ "$stderr" = "ipcrestore: $T/a.tar: 1 POSIX queue saved without its messages: made empty" ]
	[ "$("$HELP" mqattr /jobs)" = "10 8192 0" ]
}

@test "selection: ids, keys, names, --all=TYPE and filters choose what is saved" {
	a=$(ipccreate -M 4096 -k 0x51)
	b=$(ipccreate -M 4096 -k 0x52)
	ipccreate -Q -k 0x53 > /dev/null
	ipccreate -s -n /only > /dev/null
	run -0 ipcsave -m "$a" -Q 0x53 --posix-semaphore /only "$T/a.tar"
	run -0 sh -c "tar xOf '$T/a.tar' ipckit/manifest.json | jq -r '.objects[] | .key // .name'"
	[ "$output" = "0x00000051
0x00000053
/only" ]
	# the same object named twice is saved once
	run -0 ipcsave -m "$a" -M 0x51 "$T/b.tar"
	[ "$(tar xOf "$T/b.tar" ipckit/manifest.json | jq '.objects | length')" = 1 ]
	run -0 ipcsave --all=shm --key 0x52 "$T/c.tar"
	[ "$(tar xOf "$T/c.tar" ipckit/manifest.json | jq -c '[.objects[].id]')" = "[$b]" ]
	# no selection: every object of every kind
	run -0 ipcsave "$T/d.tar"
	[ "$(tar xOf "$T/d.tar" ipckit/manifest.json | jq -c '[.objects[].kind]')" = '["shm","shm","msg","psem"]' ]
}

@test "many objects: each saved once (a walk of hundreds, not only a command line's few)" {
	"$HELP" mk shm 300 > /dev/null
	"$HELP" mk sem 200 > /dev/null
	m=$(awk 'NR == 2 { print $2 }' /proc/sysvipc/shm)
	run -0 timeout 60 ipcsave -m "$m" "$T/a.tar"
	[ "$(tar xOf "$T/a.tar" ipckit/manifest.json | jq '.objects | length')" = 1 ]
	run -0 timeout 60 ipcsave -m "$m" -a "$T/b.tar"
	[ "$(tar xOf "$T/b.tar" ipckit/manifest.json | jq '.objects | length')" = 500 ]
	[ "$(tar xOf "$T/b.tar" ipckit/manifest.json | jq '[.objects[] | "\(.kind) \(.id)"] | unique | length')" = 500 ]
}

@test "a full file system: nothing written, the archive there untouched, no file left behind" {
	ipccreate -M $((1 << 20)) -k 0xb1 > /dev/null
	text w $((1 << 20)) | "$HELP" load "$(awk 'NR > 1 { print $2 }' /proc/sysvipc/shm)"
	on_full_fs ipcsave ARCHIVE
	[ "$status" = 1 ]
	[ "$stderr" = "ipcsave: $T/full/a.tar: No space left on device; nothing saved" ] || { echo "$stderr"; false; }
	[ "$output" = "old
a.tar" ]
}

@test "usage errors: one line, exit 2, nothing saved" {
	mkdir "$T/cwd"
	cd "$T/cwd" || exit 1
	usage_error "ipcsave: no archive named; try 'ipcsave --help'" ipcsave
	usage_error "ipcsave: b.tar: unexpected operand (the archive, a.tar, comes last)" ipcsave a.tar b.tar
	usage_error "ipcsave: --all=bogus: unknown type for --all (shm, msg, sem, pshm, pmsg or psem)" ipcsave --all=bogus a.tar
	usage_error "ipcsave: filters choose what --all saves; add -a or --all=TYPE, or name no object" ipcsave -m 1 --key 5 a.tar
	usage_error "ipcsave: '': not an archive's name" ipcsave ''
	[ "$(ls -A "$T/cwd")" = "" ]
}
