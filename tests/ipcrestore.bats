#!/usr/bin/env bats
# SPDX-License-Identifier: MIT
# ipcrestore (with ipcsave, which makes its archives).  What objects are
# before a save and after a restore is read by the oracles, never by our
# tools: /proc/sysvipc
# and util-linux's ipcs -i (System V), the files themselves with stat and
# md5sum (POSIX), and ipchelp's plain system calls for contents, messages
# and values.  This file's /dev/shm and mqueue are its own (tests/ns).

load helpers

HELP=$BUILD/tests/ipchelp

teardown() { ipck_teardown_all; }

# A seeded population of all six kinds: segments of 1 byte to 3 MiB with
# data here and there and holes between, owners and modes, queues with
# messages of several types and lengths and a byte limit, sets with
# values, POSIX objects with bytes, messages (priorities) and values.  The
# messages are written to $T/msgs as "sysv KEY TYPE TEXT" and
# "posix NAME PRIO TEXT", to be taken again after the restore.
populate() {
	local seed=$1 i j id size off k n owners=0 sizes=(1 4096 5000 65536 $((3 << 20)))
	local modes=(600 640 644 666) uid gid
	RANDOM=$seed
	maps_id uid 4242 && maps_id gid 4243 && owners=1
	: > "$T/msgs"
	for ((i = 0; i < 1 + RANDOM % 3; i++)); do
		size=${sizes[RANDOM % 5]}
		id=$(ipcmk -M "$size" -p "${modes[RANDOM % 4]}" | awk '{ print $NF }')
		rm -f "$T/seg"
		truncate -s "$size" "$T/seg"
		for ((j = 0; j < RANDOM % 4; j++)); do
			off=$((RANDOM * 97 % size))
			text "s$seed.$i.$j" $((RANDOM % 9000 + 1)) |
				dd of="$T/seg" bs=1 seek="$off" conv=notrunc 2>/dev/null
		done
		truncate -s "$size" "$T/seg"
		"$HELP" load "$id" < "$T/seg"
		if [ "$owners" = 1 ] && [ $((RANDOM % 2)) = 1 ]; then
			"$HELP" chown shm "$id" 4242 4243
		fi
	done
	# a private one too: key 0
	"$HELP" mk shm 1 > /dev/null
	for ((i = 0; i < 1 + RANDOM % 3; i++)); do
		id=$(ipcmk -Q -p "${modes[RANDOM % 4]}" | awk '{ print $NF }')
		ipcset --qbytes $((2048 << (RANDOM % 4))) -q "$id"
		k=$(awk -v id="$id" '$2 == id { print $1 }' /proc/sysvipc/msg)
		for ((j = 0; j < RANDOM % 6; j++)); do
			n=$((RANDOM % 5 + 1))
			off=$(text "m$seed$i$j" $((RANDOM % 200)))
			"$HELP" typed "$id" "$n:$off"
			echo "sysv $k $n $off" >> "$T/msgs"
		done
	done
	for ((i = 0; i < 1 + RANDOM % 3; i++)); do
		n=$((RANDOM % 5 + 1))
		id=$(ipcmk -S "$n" -p "${modes[RANDOM % 4]}" | awk '{ print $NF }')
		for ((j = 0; j < n; j++)); do
			"$HELP" setval "$id" "$j" $((RANDOM % 32768))
		done
		if [ "$owners" = 1 ] && [ $((RANDOM % 2)) = 1 ]; then
			"$HELP" chown sem "$id" 4242 4243 600
		fi
	done
	for ((i = 0; i < 1 + RANDOM % 3; i++)); do
		f="/dev/shm/p$seed $i"
		size=${sizes[RANDOM % 5]}
		truncate -s "$size" "$f"
		text "p$seed$i" $((RANDOM % 6000)) | dd of="$f" bs=1 seek=$((RANDOM * 13 % size)) conv=notrunc 2>/dev/null
		truncate -s "$size" "$f"
		chmod "${modes[RANDOM % 4]}" "$f"
		[ "$owners" = 1 ] && chown 4242:4243 "$f"
	done
	"$HELP" mkposix psem $((1 + RANDOM % 3)) "s$seed"
	for ((i = 0; i < 1 + RANDOM % 3; i++)); do
		ipccreate -q --maxmsg 6 --msgsize $((64 << (RANDOM % 3))) -n "/q$seed$i" > /dev/null
		for ((j = 0; j < RANDOM % 6; j++)); do
			n=$((RANDOM % 4))
			off=$(text "q$seed$i$j" $((RANDOM % 60 + 1)))
			printf '%s' "$off" | msgcat -w --priority "$n" --posix-mqueue "/q$seed$i"
			echo "posix /q$seed$i $n $off" >> "$T/msgs"
		done
	done
}

# The messages every queue holds, taken: as $T/msgs has them, queue by
# queue (System V in order sent; POSIX by priority, then in order sent).
taken() {
	local k id out
	for k in $(awk 'NR > 1 { print $1 }' /proc/sysvipc/msg | sort -n); do
		id=$(awk -v k="$k" '$1 == k { print $2 }' /proc/sysvipc/msg)
		while out=$("$HELP" take "$id" 0 2>/dev/null); do
			echo "sysv $k $(head -1 <<<"$out" | cut -d' ' -f1) $(tail -n +2 <<<"$out")"
		done
	done
	for f in /dev/mqueue/*; do
		[ -e "$f" ] || continue
		while out=$("$HELP" mqtake "/${f#/dev/mqueue/}" 2>/dev/null); do
			echo "posix /${f#/dev/mqueue/} $(head -1 <<<"$out" | cut -d' ' -f1) $(tail -n +2 <<<"$out")"
		done
	done
}
expected_msgs() {
	awk '$1 == "sysv"' "$T/msgs" | sort -s -n -k2,2
	awk '$1 == "posix"' "$T/msgs" | sort -s -k2,2 -k3,3nr
}

everything_gone() {
	ipcrm -a
	rm -f /dev/shm/* /dev/mqueue/*
	[ "$(state)" = "" ]
}

roundtrip() {
	local seed=$1
	echo "seed $seed" >&3
	populate "$seed"
	state_sorted > "$T/before"
	[ -s "$T/before" ]
	run -0 ipcsave --take-posix-messages "$T/a.tar"
	[ "$output" = "" ]
	tar tf "$T/a.tar" > /dev/null
	everything_gone
	# as root here the kernel's next id may be set: the same ids
	run -0 ipcrestore "$T/a.tar"
	[ "$output" = "" ]
	state_sorted > "$T/after"
	run diff "$T/before" "$T/after"
	[ "$status" = 0 ] || { echo "seed $seed: $output"; false; }
	[ "$(taken)" = "$(expected_msgs)" ] || { echo "seed $seed: messages differ"; diff <(taken) <(expected_msgs); false; }
}

@test "round trip: a seeded population of all six kinds, saved, removed and made again, field by field and byte by byte" {
	# make stress runs many: ARCHIVE_SEEDS=N
	local seeds=${ARCHIVE_SEEDS:-2} s base=${ARCHIVE_SEED:-$RANDOM}
	for ((s = 0; s < seeds; s++)); do
		roundtrip $((base + s))
		everything_gone
	done
}

@test "standard output and standard input: ipcsave - | ipcrestore -" {
	populate 7
	state_sorted > "$T/before"
	ipcsave --take-posix-messages - > "$T/a.tar"
	everything_gone
	ipcsave - < /dev/null | cat > /dev/null
	run -0 sh -c "cat '$T/a.tar' | ipcrestore -"
	state_sorted > "$T/after"
	run -0 diff "$T/before" "$T/after"
}

@test "exact ids in a fresh namespace as root; new ids and their map without the capability; --exact-ids refuses first" {
	m=$(ipcmk -M 4096 | awk '{ print $NF }')
	"$UL_IPCRM" -m "$m"
	m=$(ipcmk -M 4096 | awk '{ print $NF }')
	q=$(ipcmk -Q | awk '{ print $NF }')
	[ "$m" != 0 ]
	run -0 ipcsave -a "$T/a.tar"
	new_ns
	run -0 ipcrestore --ns "$NS_PID" --exact-ids "$T/a.tar"
	[ "$output" = "" ]
	[ "$(in_ns awk 'NR > 1 { print $2 }' /proc/sysvipc/shm)" = "$m" ]
	[ "$(in_ns awk 'NR > 1 { print $2 }' /proc/sysvipc/msg)" = "$q" ]
	# saved from there (--ns), -v saying each; removed; made again, -v too
	run -0 --separate-stderr ipcsave -v --ns "$NS_PID" "$T/ns.tar"
	[ "$output" = "" ]
	[ "$stderr" = "ipcsave: saved -m $m
ipcsave: saved -q $q
ipcsave: 2 objects saved in $T/ns.tar" ]
	[ "$(tar xOf "$T/ns.tar" ipckit/manifest.json | jq -c '[.objects[].id]')" = "[$m,$q]" ]
	run -0 ipcrm --ns "$NS_PID" -a
	[ "$(in_ns cat /proc/sysvipc/shm /proc/sysvipc/msg | wc -l)" = 2 ]
	run -0 --separate-stderr ipcrestore -v --ns "$NS_PID" --exact-ids "$T/ns.tar"
	[ "$output" = "-m $m made
-q $q made" ]
	[ "$stderr" = "" ]
	[ "$(in_ns awk 'NR > 1 { print $2 }' /proc/sysvipc/shm)" = "$m" ]
	leave_ns
	# as nobody, in a namespace of its own, objects it owns
	# as nobody, which may not set the next id: objects it owns, the
	# archive through standard output and input (a file root opens)
	need_nobody
	"$UL_IPCRM" -a
	as_nobody ipcmk -M 4096 > /dev/null
	as_nobody ipcsave - > "$T/n.tar"
	as_nobody ipcrm -a
	old=$(tar xOf "$T/n.tar" ipckit/manifest.json | jq '.objects[0].id')
	run -1 --separate-stderr as_nobody ipcrestore --exact-ids - < "$T/n.tar"
	[ "$stderr" = "ipcrestore: --exact-ids: the kernel's next id cannot be set here (it takes CAP_CHECKPOINT_RESTORE or CAP_SYS_ADMIN over the namespace's user namespace)
ipcrestore: -: nothing made" ]
	[ "$(count_objects)" = 0 ]
	run -0 as_nobody ipcrestore - < "$T/n.tar"
	new=$(awk 'NR > 1 { print $2 }' /proc/sysvipc/shm)
	[ "$new" != "$old" ]
	[ "$output" = "-m $old is now -m $new" ]
}

@test "in use: a key or name taken stops the restore before anything is made; --skip-existing leaves those out" {
	ipccreate -M 4096 -k 0x61 > /dev/null
	ipccreate -Q -k 0x62 > /dev/null
	ipccreate -m 100 -n /taken > /dev/null
	run -0 ipcsave "$T/a.tar"
	"$UL_IPCRM" -Q 0x62
	rm /dev/shm/taken
	# the segment's key is still in use: nothing made, the queue neither
	run -1 --separate-stderr ipcrestore "$T/a.tar"
	m=$(awk 'NR > 1 { print $2 }' /proc/sysvipc/shm)
	[ "$stderr" = "ipcrestore: -m $m: key 0x00000061 is in use (by -m $m)
ipcrestore: $T/a.tar: nothing made" ]
	[ "$(awk 'NR > 1' /proc/sysvipc/msg)" = "" ]
	[ ! -e /dev/shm/taken ]
	run -0 --separate-stderr ipcrestore --skip-existing "$T/a.tar"
	[ "$stderr" = "ipcrestore: -m $m: skipped: key 0x00000061 is in use (by -m $m)" ]
	[ "$(awk 'NR > 1 { print $1 }' /proc/sysvipc/msg)" = $((0x62)) ]
	[ -f /dev/shm/taken ]
	run -2 ipcrestore --skip-existing --exact-ids "$T/a.tar"
}

@test "--list says what would be made, and makes nothing" {
	m=$(ipccreate -M 5000 -k 0x71 -p 640)
	s=$(ipccreate -S 3 -k 0x72)
	ipccreate -s --value 4 -n /v > /dev/null
	run -0 ipcsave "$T/a.tar"
	ipcrm -a
	run -0 ipcrestore --list "$T/a.tar"
	# by hand
	[ "$output" = "make -m $m: key 0x00000071, 5000 bytes (0 kept), owner root (uid 0), group root (gid 0), mode 0640
make -s $s: key 0x00000072, 3 semaphores, owner root (uid 0), group root (gid 0), mode 0644
make --posix-semaphore /v: value 4, owner root (uid 0), group root (gid 0), mode 0644" ]
	[ "$(state)" = "" ]
}

@test "what does not fit is said before anything is made: a lowered shmmni, msgmni, semmns" {
	for _ in 1 2 3; do ipcmk -M 4096 > /dev/null; ipcmk -Q > /dev/null; done
	ipcmk -S 4 > /dev/null
	run -0 ipcsave "$T/a.tar"
	ipcrm -a
	ipcmk -M 4096 > /dev/null
	set_limit shmmni 3
	run -1 --separate-stderr ipcrestore "$T/a.tar"
	[ "$stderr" = "ipcrestore: segments: 3 from the archive and 1 there are more than shmmni, 3 (sysctl kernel.shmmni)
ipcrestore: $T/a.tar: nothing made" ] || { echo "$stderr"; false; }
	[ "$(count_objects)" = 1 ]
}

@test "all or nothing: an object that fails halfway takes back everything this restore made" {
	need_nobody
	# nobody's segment, then a POSIX object of root's: nobody may make it, not give it to root
	as_nobody ipcmk -M 4096 > /dev/null
	as_nobody ipcmk -Q > /dev/null
	ipccreate -m 100 -n /roots > /dev/null
	run -0 ipcsave "$T/a.tar"
	ipcrm -a
	rm -f /dev/shm/*
	run -1 --separate-stderr as_nobody ipcrestore - < "$T/a.tar"
	[ "$stderr" = "ipcrestore: --posix-shmem /roots: its owner, group and mode: Operation not permitted; nothing restored (what was made is removed again)" ]
	[ "$(state)" = "" ]
}

@test "all or nothing at each step: the k-th object cannot be made, and the namespace is as it was" {
	ipccreate -M 8192 -k 0xc1 > /dev/null
	text seg 5000 | "$HELP" load "$(awk 'NR > 1 { print $2 }' /proc/sysvipc/shm)"
	q=$(ipccreate -Q -k 0xc2)
	"$HELP" send "$q" one two
	ipccreate -S 2 -k 0xc3 > /dev/null
	ipccreate -m 4K -q -s --value 2 -n /each > /dev/null
	printf bytes > /dev/shm/each
	printf msg | msgcat -w --posix-mqueue /each
	run -0 ipcsave --take-posix-messages "$T/a.tar"
	everything_gone
	# one object already there, someone else's, which must stay as it is
	ipccreate -M 4096 -k 0xc9 > /dev/null
	state_sorted > "$T/before"
	for k in 1 2 3 4 5 6; do
		run -1 --separate-stderr env ASAN_OPTIONS=verify_asan_link_order=0 FAIL_NTH="$k" LD_PRELOAD="$BUILD/tests/failnth.so" ipcrestore "$T/a.tar"
		[[ $stderr = *": making it: No space left on device; nothing restored"* ]] || { echo "k=$k: $stderr"; false; }
		[ "$(state_sorted)" = "$(cat "$T/before")" ] || { echo "k=$k left something"; false; }
	done
	# and with no fault, all six
	run -0 env ASAN_OPTIONS=verify_asan_link_order=0 FAIL_NTH=7 LD_PRELOAD="$BUILD/tests/failnth.so" ipcrestore "$T/a.tar"
	[ "$(count_objects)" = 4 ]
}

@test "hostile archives: each damage is one line naming the member, and nothing is made" {
	ipccreate -M 8192 -k 0x81 > /dev/null
	text x 100 | "$HELP" load "$(awk 'NR > 1 { print $2 }' /proc/sysvipc/shm)"
	q=$(ipccreate -Q -k 0x82)
	"$HELP" send "$q" "$(text y 250)"
	ipccreate -S 1 -k 0x83 > /dev/null
	run -0 ipcsave "$T/good.tar"
	ipcrm -a
	mkdir "$T/x"
	tar xf "$T/good.tar" -C "$T/x"
	man=$T/x/ipckit/manifest.json
	# retar DIR OUT: the members again, in ipcsave's order
	retar() { tar cf "$2" --format=ustar -C "$1" ipckit/0.data ipckit/1.messages ipckit/manifest.json; }
	hostile() {
		run -1 --separate-stderr ipcrestore "$1"
		[ "$stderr" = "ipcrestore: $1: $2; nothing made" ] || { echo "got: $stderr"; false; }
		[ "$(count_objects)" = 0 ]
	}
	# a member that climbs out
	cp -r "$T/x" "$T/y"
	mkdir "$T/y/sub"
	(cd "$T/y/sub" && tar cf "$T/climb.tar" --format=ustar -P ../ipckit/manifest.json)
	hostile "$T/climb.tar" "the header at byte 0: a member name that is empty, too long, absolute, climbs out with .., or is not printable ASCII"
	# cut short
	# (the queue's text starts at byte 5120: a header, 4096 bytes of data, a header)
	head -c 5200 "$T/good.tar" > "$T/short.tar"
	hostile "$T/short.tar" "member ipckit/1.messages: its size is unreadable, or it goes past the end of the file"
	# a byte of the segment's data changed
	cp "$T/good.tar" "$T/flip.tar"
	printf Z | dd of="$T/flip.tar" bs=1 seek=600 conv=notrunc 2>/dev/null
	hostile "$T/flip.tar" "ipckit/0.data: its checksum is wrong (damaged)"
	# a header's checksum wrong
	cp "$T/good.tar" "$T/hdr.tar"
	printf Z | dd of="$T/hdr.tar" bs=1 seek=10 conv=notrunc 2>/dev/null
	hostile "$T/hdr.tar" "the header at byte 0: its checksum is wrong (not a tar archive, or damaged)"
	# the segment's data past its size
	jq -c '.objects[0].size = 1000' "$man" > "$T/m" && cp "$T/m" "$man"
	retar "$T/x" "$T/big.tar"
	hostile "$T/big.tar" "ipckit/manifest.json: object 0: its extents overlap, are out of order, or go past its size"
	# a message longer than msgmax
	tar xf "$T/good.tar" -C "$T/x"
	retar "$T/x" "$T/again.tar"
	set_limit msgmax 200
	hostile "$T/again.tar" "ipckit/1.messages: message 0: 250 bytes, longer than 200 (msgmax)"
	restore_limit
	# not JSON
	printf '{"format": ' > "$man"
	retar "$T/x" "$T/json.tar"
	hostile "$T/json.tar" "ipckit/manifest.json: not JSON: a value expected at byte 11"
	# a key twice
	tar xf "$T/good.tar" -C "$T/x"
	jq -c '.objects += [.objects[2] | .id = 999999]' "$man" > "$T/m" && cp "$T/m" "$man"
	retar "$T/x" "$T/twice.tar"
	hostile "$T/twice.tar" "ipckit/manifest.json: object 3: the same key as another object of its kind"
	# another version
	tar xf "$T/good.tar" -C "$T/x"
	jq -c '.version = 2' "$man" > "$T/m" && cp "$T/m" "$man"
	retar "$T/x" "$T/v2.tar"
	hostile "$T/v2.tar" "ipckit/manifest.json: version 2; this ipckit reads version 1"
	# a member no object names
	tar xf "$T/good.tar" -C "$T/x"
	cp "$T/x/ipckit/0.data" "$T/x/ipckit/9.data"
	tar cf "$T/extra.tar" --format=ustar -C "$T/x" ipckit/0.data ipckit/1.messages ipckit/9.data ipckit/manifest.json
	hostile "$T/extra.tar" "member ipckit/9.data: no object's (the manifest does not name it)"
	# not an archive at all
	text noise 2048 > "$T/noise"
	hostile "$T/noise" "the header at byte 0: its checksum is wrong (not a tar archive, or damaged)"
	hostile /dev/null "it ends at byte 0, inside a header or without the end of the archive"
	# and the good one still restores
	run -0 ipcrestore "$T/good.tar"
	[ "$(count_objects)" = 3 ]
}

@test "a large member, read ahead by a second thread: restored byte for byte, and a byte flipped deep inside is found" {
	m=$(ipccreate -M $((9 << 20)) -k 0xf1)
	head -c $((9 << 20)) /dev/urandom > "$T/bytes"
	"$HELP" load "$m" < "$T/bytes"
	run -0 ipcsave "$T/a.tar"
	ipcrm -a
	run -0 ipcrestore "$T/a.tar"
	cmp "$T/bytes" <(shmcat -M 0xf1)
	ipcrm -a
	# the member's data starts after its 512-byte header: flip a byte 7 MiB in
	cp "$T/a.tar" "$T/bad.tar"
	at=$((512 + (7 << 20)))
	b=$(od -An -tu1 -j "$at" -N 1 "$T/bad.tar" | tr -d ' ')
	printf "\\$(printf %03o $(((b + 1) % 256)))" | dd of="$T/bad.tar" bs=1 seek="$at" conv=notrunc status=none
	run -1 --separate-stderr ipcrestore "$T/bad.tar"
	[ "$stderr" = "ipcrestore: $T/bad.tar: ipckit/0.data: its checksum is wrong (damaged); nothing made" ]
	[ "$(count_objects)" = 0 ]
}

@test "an archive of another machine's ipckit (a fixture) restores" {
	run -0 ipcrestore --exact-ids "$TOP/tests/fixtures/archive-v1.tar"
	# by hand, from how the fixture was made (tests/fixtures/README)
	[ "$(awk 'NR > 1 { print $1, $2, $3, $4 }' /proc/sysvipc/shm)" = "$((0x1234)) 0 640 10000" ]
	[ "$("$HELP" dump 0 | head -c 5)" = hello ]
	[ "$("$HELP" take "$(awk 'NR > 1 { print $2 }' /proc/sysvipc/msg)" 0 | tr '\n' ' ')" = "3 5 typed " ]
	[ "$("$UL_IPCS" -s -i "$(awk 'NR > 1 { print $2 }' /proc/sysvipc/sem)" | awk '/^semnum/ { on = 1; next } on && NF == 5 { printf "%s ", $2 }')" = "1 0 7 " ]
	[ "$(cat /dev/shm/fixture)" = "posix bytes" ]
	[ "$("$HELP" semvalue /fixture)" = 3 ]
}

# xh_empty: the checksum of ipcsave(1) of the empty string, by its words, worked out in bash's
# 64-bit arithmetic from the words of ipcsave(1), not by ipckit
xh_empty() {
	local P1=0x9E3779B185EBCA87 P2=0xC2B2AE3D27D4EB4F P3=0x165667B19E3779F9 P4=0x85EBCA77C2B2AE63
	local -a l=($((P1 + P2)) $((P2)) 0 $((-P1)))
	shr() { echo $((($1 >> $2) & ((1 << (64 - $2)) - 1))); }
	rotl() { echo $((($1 << $2) | $(shr "$1" $((64 - $2))))); }
	rnd() { local a=$(($1 + $2 * P2)); echo $(($(rotl "$a" 31) * P1)); }
	local h=$(($(rotl "${l[0]}" 1) + $(rotl "${l[1]}" 7) + $(rotl "${l[2]}" 12) + $(rotl "${l[3]}" 18))) i
	for i in 0 1 2 3; do h=$(((h ^ $(rnd 0 "${l[i]}")) * P1 + P4)); done
	h=$((h ^ $(shr "$h" 33))); h=$((h * P2))
	h=$((h ^ $(shr "$h" 29))); h=$((h * P3))
	h=$((h ^ $(shr "$h" 32)))
	printf '%016x\n' "$h"
}

@test "empty members, as ipcsave wrote them before objects of no bytes had none, are read" {
	ipccreate -M 8192 -k 0xe1 > /dev/null
	ipccreate -Q -k 0xe2 > /dev/null
	run -0 ipcsave "$T/new.tar"
	ipcrm -a
	mkdir -p "$T/x/ipckit"
	tar xf "$T/new.tar" -C "$T/x"
	: > "$T/x/ipckit/0.data"
	: > "$T/x/ipckit/1.messages"
	sum=$(xh_empty)
	[ "$sum" = 3fdf455f9dcf1e62 ]
	jq -c --arg s "$sum" '.objects[0].contents += {member: "ipckit/0.data", checksum: $s} |
	    .objects[1].contents += {member: "ipckit/1.messages", checksum: $s}' \
	    "$T/x/ipckit/manifest.json" > "$T/m.json"
	mv "$T/m.json" "$T/x/ipckit/manifest.json"
	tar cf "$T/old.tar" --format=ustar -C "$T/x" ipckit/0.data ipckit/1.messages ipckit/manifest.json
	run -0 ipcrestore "$T/old.tar"
	[ "$(awk 'NR > 1 { print $1, $4 }' /proc/sysvipc/shm)" = "225 8192" ]
	[ "$(awk 'NR > 1 { print $1, $5 }' /proc/sysvipc/msg)" = "226 0" ]
	# a member of bytes the manifest says it has none of is refused
	ipcrm -a
	jq -c '.objects[0].contents.extents = [[0, 4096]]' "$T/x/ipckit/manifest.json" > "$T/m.json"
	mv "$T/m.json" "$T/x/ipckit/manifest.json"
	tar cf "$T/bad.tar" --format=ustar -C "$T/x" ipckit/0.data ipckit/1.messages ipckit/manifest.json
	run -1 --separate-stderr ipcrestore "$T/bad.tar"
	[ "$stderr" = "ipcrestore: $T/bad.tar: ipckit/0.data: its extents add up to 4096 bytes, not 0; nothing made" ]
}

@test "usage errors: one line, exit 2, nothing made" {
	cd "$T" || exit 1
	usage_error "ipcrestore: no archive named; try 'ipcrestore --help'" ipcrestore
	usage_error "ipcrestore: b.tar: unexpected operand (one archive at a time)" ipcrestore a.tar b.tar
	usage_error "ipcrestore: --exact-ids and --skip-existing: one or the other (an id in use is an error with --exact-ids)" ipcrestore --exact-ids --skip-existing a.tar
	run -1 --separate-stderr ipcrestore "$T/none.tar"
	[ "$stderr" = "ipcrestore: $T/none.tar: No such file or directory" ]
}
