#!/usr/bin/env bats
# SPDX-License-Identifier: MIT
# The POSIX kinds in ipcs and ipcstat: every value both show is compared
# with util-linux 2.41's lsipc (tests/oracle), the tutorial's chat server
# is watched, and each case where 2.41 goes wrong is pinned.  This file's
# /dev/shm and mqueue are its own (tests/ns), so teardown empties them.

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

# lsipc 2.41's JSON for kind flag (-M, -Q, -S) as "name perms owner value..."
# lines, sorted; perms as rw-r--r-- (its -P gives null for queues)
ul241() {
	"$UL241/lsipc" "$1" -J -b | jq -r '.[][] | [(.name | ltrimstr("/")), .perms, .owner,
		(.size // .usedbytes // .sval // ""), (.msgs // "")] | join(" ")' | sed 's/ *$//' | sort
}

# ours, the same way, from ipcs -J
ours() {
	ipcs "$1" -J | jq -r 'def rwx: . as $m | [range(8; -1; -1)] | map(
			if (($m / pow(2; .)) | floor) % 2 == 1 then "xwr"[. % 3:. % 3 + 1] else "-" end) | join("");
		.[] | [(.name | ltrimstr("/")), (.mode | rwx), .owner,
		((.size // .used_bytes // .value) | tostring), ((.messages // "") | tostring)] | join(" ")' |
		sed 's/ *$//' | sort
}

@test "without a kind option ipcs is util-linux's, byte for byte, whatever POSIX objects exist" {
	"$HELP" mkposix pshm 3
	"$HELP" mkposix psem 3 s
	"$HELP" mkposix pmsg 3 q
	id=$(ipccreate -M 4096 -k 0x3a000001)
	for args in "" -a -m -q -s -t -c -l -u -b --human; do
		# shellcheck disable=SC2086
		[ "$(ipcs $args 2>&1)" = "$("$UL_IPCS" $args 2>&1)" ] || { echo "ipcs $args"; false; }
	done
	"$UL_IPCRM" -m "$id"
}

@test "-M, -Q, -S: every object with the values lsipc 2.41 gives, and JSON typed" {
	need_oracle
	echo 2000 > /proc/sys/fs/mqueue/queues_max
	"$HELP" mkposix pshm 20
	"$HELP" mkposix psem 20 s
	"$HELP" mkposix pmsg 20 q
	for k in -M -Q -S; do
		[ "$(ours "$k")" = "$(ul241 "$k")" ] || { diff <(ul241 "$k") <(ours "$k"); false; }
		[ "$(ours "$k" | wc -l)" = 20 ]
	done
	run -0 ipcs -J -A
	jq -e '[.[] | select(.kind == "pshm")] | length == 20 and
		(.[0].size | type) == "number" and (.[0].allocated | type) == "number"' <<<"$output"
	jq -e '[.[] | select(.kind == "psem") | .value] | sort == ([range(20)] | map(. % 7) | sort)' <<<"$output"
	jq -e '[.[] | select(.kind == "pmsg")] | all(.messages == 1 and .used_bytes == 1 and .maxmsg == 1 and .msgsize == 16 and .notify_pid == 0)' <<<"$output"
	jq -e 'all(.[] | select(.kind | startswith("p")); has("id") | not) and
		all(.[] | select(.kind | startswith("p")); (.name | startswith("/")) and (.mtime_epoch | type) == "number")' <<<"$output"
	# the System V kinds first, then the POSIX ones, in util-linux's order
	[ "$(jq -r '[.[].kind] | unique | join(" ")' <<<"$output")" = "pmsg psem pshm" ]
}

@test "the tables: title, header, a row an object, the name first" {
	"$HELP" mkposix pshm 1
	"$HELP" mkposix psem 1 s
	run -0 --separate-stderr ipcs -M
	[ "${lines[0]}" = "------ POSIX Shared Memory Objects --------" ]
	[ "$(tr -s ' ' <<<"${lines[1]}")" = "name owner perms bytes allocated " ]
	[ "$(tr -s ' ' <<<"${lines[2]}")" = "/o0 root 644 4096 0 " ]
	run -0 ipcs -S -c
	[ "${lines[0]}" = "------ POSIX Named Semaphores Owners --------" ]
	[ "$(tr -s ' ' <<<"${lines[2]}" | sed 's/ $//')" = "/s0 644 root root" ]
	run -0 ipcs -M --human
	[ "$(tr -s ' ' <<<"${lines[2]}" | sed 's/ $//')" = "/o0 root 644 4K 0B" ]
	run -0 ipcs -M -t
	[[ ${lines[1]} =~ ^name\ +owner\ +accessed\ +modified\ +changed ]]
	run -0 ipcs -Q -p
	[ "${lines[0]}" = "------ POSIX Message Queues Notification PIDs --------" ]
	run -0 ipcs -M -p
	[ "$output" = "" ]
}

@test "the tutorial's chat server: its buffer listed with 5 slots' bytes, it the user, then not" {
	pid=$("$BUILD/tests/chatserver" /my_shm 5 2 "hello, client")
	HELPERS=$pid
	run -0 ipcs -M
	[ "$(awk '$1 == "/my_shm" { print $4 }' <<<"$output")" = 5120 ]
	run -0 --separate-stderr ipcstat --posix-shmem /my_shm
	[[ $output = *"  size (st_size)                5120 bytes"* ]]
	[[ $output = *"    pid $pid "*" chatserver "*" read-write"* ]]
	# the message is in client 2's slot of the file
	[ "$(dd if=/dev/shm/my_shm bs=1 skip=2048 count=13 status=none)" = "hello, client" ]
	run -0 ipcstat -J --posix-shmem my_shm
	jq -e --argjson p "$pid" '.[0].users | map(select(.pid == $p)) | length == 1 and
		.[0].command == "chatserver" and .[0].how == "mapped"' <<<"$output"
	run -0 ipcs -M --unattached
	[[ $output != *my_shm* ]]
	kill "$pid"
	while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
	run -0 ipcstat --posix-shmem /my_shm
	[[ $output = *"  used now: by no process seen"* ]]
	run -0 ipcs -M --unattached
	[[ $output = *my_shm* ]]
}

@test "only regular files are objects: directories, fifos, sockets, symlinks are not listed (2.41 lists them)" {
	"$HELP" mkposix pshm 1
	mkdir /dev/shm/adir
	mkfifo /dev/shm/afifo
	ln -s o0 /dev/shm/alink
	"$HELP" socket /dev/shm/asock
	ln -s /etc/passwd /dev/shm/sem.evil
	run -0 --separate-stderr ipcs -M -S
	[ "$(grep -c '^/' <<<"$output")" = 1 ]
	[[ $output = *"/o0 "* ]]
	run -1 --separate-stderr ipcstat --posix-shmem adir
	[ "$stderr" = "ipcstat: adir: No such name (POSIX shared memory)" ]
	if "$UL241/lsipc" --version >/dev/null 2>&1; then
		# util-linux 2.41 shows the directory, the fifo and the link as objects
		[ "$("$UL241/lsipc" -M --noheadings -o NAME | wc -l)" -gt 1 ]
	fi
}

@test "a sem. file too short to be a semaphore is 'invalid', never read by a mapping (2.41 dies of SIGBUS)" {
	: > /dev/shm/sem.empty
	printf abc > /dev/shm/sem.short
	"$HELP" mkposix psem 1 s
	run -0 --separate-stderr ipcs -S
	[ "$stderr" = "" ]
	[ "$(awk '$1 == "/empty" { print $4 }' <<<"$output")" = invalid ]
	[ "$(awk '$1 == "/short" { print $4 }' <<<"$output")" = invalid ]
	[ "$(awk '$1 == "/s0" { print $4 }' <<<"$output")" = 0 ]
	run -0 ipcs -S -J
	jq -e '.[] | select(.name == "/empty") | .valid == false and .value == null' <<<"$output"
	run -0 ipcstat --posix-semaphore /short
	[[ $output = *"value (sem_getvalue)          none: the file is too short to hold a semaphore"* ]]
	if "$UL241/lsipc" --version >/dev/null 2>&1; then
		run "$UL241/lsipc" -S
		[ "$status" = 135 ]
	fi
}

@test "as nobody: root's 0600 objects are listed, what needs an open is '-' (2.41 leaves them out)" {
	need_nobody
	"$HELP" mkposix psem 1 s
	"$HELP" mkposix pmsg 1 q
	chmod 600 /dev/shm/sem.s0 /dev/mqueue/q0
	run -0 --separate-stderr as_nobody "$BIN/ipcs" -S -Q
	[ "$stderr" = "" ]
	[ "$(awk '$1 == "/s0" { print $2, $3, $4 }' <<<"$output")" = "root 600 -" ]
	[ "$(awk '$1 == "/q0" { print $2, $3, $4, $5 }' <<<"$output")" = "root 600 - -" ]
	run -0 as_nobody "$BIN/ipcs" -J -S -Q
	jq -e 'all(.[]; .owner == "root") and (map(select(.kind == "psem"))[0].value == null) and
		(map(select(.kind == "pmsg"))[0].messages == null)' <<<"$output"
	run -0 as_nobody "$BIN/ipcstat" --posix-mqueue /q0
	[[ $output = *"messages (mq_curmsgs)         unknown (Permission denied: the file is not readable)"* ]]
	if "$UL241/lsipc" --version >/dev/null 2>&1; then
		[ "$(as_nobody "$UL241/lsipc" -S --noheadings | wc -l)" = 0 ]
	fi
}

@test "queues without an mqueue mount: one line naming the mount command, exit 1 (2.41 lists none)" {
	need_nobody
	# every mqueue mounted there (this file's over the suite's) taken away
	off='while umount /dev/mqueue 2>/dev/null; do :; done'
	run -1 --separate-stderr unshare --mount sh -c "$off; setpriv --reuid=65534 --regid=65534 --clear-groups '$BIN/ipcs' -Q"
	[ "$stderr" = "ipcs: cannot list POSIX message queues: no mqueue filesystem at /dev/mqueue, and no CAP_SYS_ADMIN for a private one; mount one with 'mount -t mqueue none /dev/mqueue'" ]
	# with the privilege, a private instance of the namespace's own serves
	"$HELP" mkposix pmsg 1 q
	run -0 --separate-stderr unshare --mount sh -c "$off; '$BIN/ipcs' -Q"
	[[ $output = *"/q0 "* ]]
	if "$UL241/lsipc" --version >/dev/null 2>&1; then
		run -0 --separate-stderr unshare --mount sh -c "$off; '$UL241/lsipc' -Q --noheadings"
		[ "$output" = "" ]
	fi
}

@test "a /dev/mqueue of another IPC namespace is said to be, not listed as this one's" {
	need_nobody
	"$HELP" mkposix pmsg 1 q
	# a new IPC namespace, which still sees this one's mqueue at /dev/mqueue
	run -1 --separate-stderr unshare --ipc sh -c "setpriv --reuid=65534 --regid=65534 --clear-groups '$BIN/ipcs' -Q"
	[ "$(grep -c '^/' <<<"$output")" = 0 ]
	[ "$stderr" = "ipcs: cannot list POSIX message queues: the mqueue at /dev/mqueue is another IPC namespace's, and there is no CAP_SYS_ADMIN for a private one of this one's; mount this namespace's with 'mount -t mqueue none /dev/mqueue'" ]
	# root there has its own namespace's, empty
	run -0 --separate-stderr unshare --ipc "$BIN/ipcs" -Q
	[ "$(grep -c '^/' <<<"$output")" = 0 ]
	# and nobody here sees this one's through it
	run -0 --separate-stderr as_nobody "$BIN/ipcs" -Q
	[[ $output = *"/q0 "* ]]
}

@test "filters: --owner, --older-than, --unattached for shared memory; the rest are usage errors" {
	"$HELP" mkposix pshm 2
	chown 65534 /dev/shm/o1 2>/dev/null || skip "no uid 65534 here"
	[ "$(ipcs -M --owner nobody | grep -c '^/')" = 1 ]
	[ "$(ipcs -M --owner root --owner nobody | grep -c '^/')" = 2 ]
	sleep 1
	[ "$(ipcs -M --older-than 0s | grep -c '^/')" = 2 ]
	[ "$(ipcs -M --older-than 1h | grep -c '^/')" = 0 ]
	[ "$(ipcs -M --unattached | grep -c '^/')" = 2 ]
	for f in "--key 0x5" --private "--with-id 0" "--created-by root" --orphaned; do
		# shellcheck disable=SC2086
		run -2 --separate-stderr ipcs -M $f
		[ "$output" = "" ]
		[[ $stderr = "ipcs: "*": not for POSIX shared memory, which has no "* ]]
	done
	run -2 --separate-stderr ipcs -S --unattached
	[ "$stderr" = "ipcs: --unattached: not for POSIX semaphore, which nothing attaches (shared memory only)" ]
	run -2 --separate-stderr ipcs -A --key 0x5
	run -2 --separate-stderr ipcs -M -i 0
	[ "$stderr" = "ipcs: -i 0: POSIX shared memory objects have no ids; ipcstat --posix-shmem NAME shows one" ]
	run -2 --separate-stderr ipcs --xsi -M
	[ "$stderr" = "ipcs: -M: not in the POSIX layout; try 'ipcs --help'" ]
}

@test "-u and -l: what each POSIX kind holds, and its limits" {
	echo 2000 > /proc/sys/fs/mqueue/queues_max
	"$HELP" mkposix pshm 3
	"$HELP" mkposix pmsg 4 q
	"$HELP" mkposix psem 5 s
	run -0 ipcs -A -u -J
	jq -e '.pshm.objects == 3 and .pshm.bytes == 12288 and .pmsg.objects == 4 and
		.pmsg.messages == 4 and .pmsg.bytes == 4 and .psem.objects == 5' <<<"$output"
	run -0 ipcs -A -u
	[[ $output = *"------ POSIX Message Queues Status --------"$'\n'"queues = 4"$'\n'"messages = 4"$'\n'"used space = 4 bytes"* ]]
	run -0 ipcs -A -l -J
	jq -e --argjson qm "$(cat /proc/sys/fs/mqueue/queues_max)" --argjson mm "$(cat /proc/sys/fs/mqueue/msg_max)" \
		'.pmsg.queues_max == $qm and .pmsg.msg_max == $mm and .pshm.size > 0 and .psem.value_max == 2147483647' <<<"$output"
	size=$(df -B1 --output=size /dev/shm | tail -1 | tr -d ' ')
	jq -e --argjson s "$size" '.pshm.size == $s' <<<"$output"
	run -0 ipcs -Q -l
	[[ $output = *"max queues system wide = $(cat /proc/sys/fs/mqueue/queues_max)"* ]]
}

@test "ipcstat: every field of each POSIX kind, by name with or without its slash" {
	"$HELP" mkposix pmsg 1 q
	"$HELP" mkposix psem 4 s
	run -1 --separate-stderr ipcstat --posix-mqueue q0 --posix-semaphore /s3 --posix-shmem nope
	[ "$stderr" = "ipcstat: nope: No such name (POSIX shared memory)" ]
	[[ $output = *"POSIX message queue /q0"* ]]
	[[ $output = *"  messages (mq_curmsgs)         1"* ]]
	[[ $output = *"  message limit (mq_maxmsg)     1"* ]]
	[[ $output = *"  largest message (mq_msgsize)  16 bytes"* ]]
	[[ $output = *"POSIX named semaphore /s3"* ]]
	[[ $output = *"  value (sem_getvalue)          3"* ]]
	[[ $output = *"  file                          /dev/shm/sem.s3"* ]]
	for bad in "" / a/b . ..; do
		run -2 --separate-stderr ipcstat --posix-shmem "$bad"
		[[ $stderr = "ipcstat: $bad: invalid name: a name "* ]]
	done
	run -2 --separate-stderr ipcstat --posix-semaphore "$(printf 'x%.0s' $(seq 252))"
	[[ $stderr = *": invalid name: a semaphore's name is at most 251 bytes" ]]
}

@test "names from /dev/shm are escaped for the terminal, and valid in JSON" {
	: > "/dev/shm/"$'\x1b[2Jevil\xff'
	run -0 --separate-stderr ipcs -M
	[ "$(grep -c $'\x1b' <<<"$output")" = 0 ]
	[[ $output = *'/\x1b[2Jevil\xff '* ]]
	run -0 ipcs -M -J
	valid_utf8 <<<"$output"
	# not UTF-8: no text would be the name, so null, and its bytes in base64
	[ "$(jq -r '.[0].name' <<<"$output")" = null ]
	[ "$(jq -r '.[0].name_base64' <<<"$output")" = "$(printf '/\x1b[2Jevil\xff' | base64)" ]
}

@test "the tables count display columns, not bytes: UTF-8 names and owners keep their rows in line" {
	: > /dev/shm/plain
	: > "/dev/shm/ünïcödé"
	: > "/dev/shm/日本語"
	: > "/dev/shm/a"$'\xff'
	run -0 ipcs -M
	# the owner column starts at one display column on every row
	for n in plain ünïcödé 日本語 'a\xff'; do
		row=$(grep -F "/$n " <<<"$output")
		lead=${row%%root*}
		# a wide character takes two columns: count them so
		cols=$(printf '%s' "$lead" | LC_ALL=C.UTF-8 wc -m)
		wide=$(printf '%s' "$lead" | LC_ALL=C.UTF-8 grep -o '[日本語]' | wc -l)
		[ "$((cols + wide))" = 21 ] || { echo "$n: $((cols + wide))"; false; }
	done
}

@test "a name that is not UTF-8 goes back to ipcrm from JSON, and never as another object's" {
	# the 1-byte junk "/a" 0xff, and a live 1 MiB "/a" U+FFFD beside it:
	# U+FFFD in place of the byte would name the live one
	head -c 1 /dev/zero > "/dev/shm/a"$'\xff'
	head -c 1M /dev/zero > "/dev/shm/a"$'\xef\xbf\xbd'
	run -0 ipcs -M -J
	[ "$(jq -r '.[] | select(.size == 1) | .name' <<<"$output")" = null ]
	[ "$(jq -r '.[] | select(.size == 1048576) | .name' <<<"$output")" = $'/a\ufffd' ]
	# the README's way: name_base64 decoded (the x keeps a trailing newline)
	b64=$(jq -r '.[] | select(.size == 1) | .name_base64' <<<"$output")
	name=$(printf '%s' "$b64" | base64 -d; echo x)
	run -0 --separate-stderr ipcrm -J --posix-shmem "${name%x}"
	[ "$(jq -r '.[0].status, .[0].name, .[0].name_base64' <<<"$output")" = "$(printf '%s\n' removed null "$b64")" ]
	[ ! -e "/dev/shm/a"$'\xff' ]
	[ "$(stat -c %s "/dev/shm/a"$'\xef\xbf\xbd')" = 1048576 ]
	# every name, any byte but NUL and '/', comes back the same way
	for n in $'b\x80' $'c\xc3' $'d\n' $'e\xed\xa0\x80' $'f\xf4\x90\x80\x80' 'g"\'; do
		: > "/dev/shm/$n"
		b64=$(ipcs -M -J | jq -r --arg b "$(printf '/%s' "$n" | base64)" '.[] | select(.name_base64 == $b) | .name_base64')
		[ -n "$b64" ]
		name=$(printf '%s' "$b64" | base64 -d; echo x)
		run -0 ipcrm --posix-shmem "${name%x}"
		[ ! -e "/dev/shm/$n" ]
	done
}

@test "objects removed while being listed are skipped, not errors" {
	"$HELP" mkposix pshm 3000
	( for i in $(seq 0 2999); do rm -f "/dev/shm/o$i"; done ) &
	rmpid=$!
	for _ in 1 2 3 4 5; do
		run --separate-stderr ipcs -M -J
		[ "$status" = 0 ]
		[ "$stderr" = "" ]
		jq -e 'type == "array"' <<<"$output" >/dev/null
	done
	wait "$rmpid"
}

@test "10000 objects of each kind, and lsipc 2.41 counts the same" {
	echo 20000 > /proc/sys/fs/mqueue/queues_max
	"$HELP" mkposix pshm 10000
	"$HELP" mkposix psem 10000 s
	# a uid may queue only so much: the helper spreads them over uids
	"$HELP" mkposix pmsg 10000 q || skip "10000 queues need uids 1 and 2 mapped here"
	[ "$(ipcs -M | grep -c '^/')" = 10000 ]
	[ "$(ipcs -S | grep -c '^/')" = 10000 ]
	[ "$(ipcs -Q | grep -c '^/')" = 10000 ]
	[ "$(ipcs -A -J | jq length)" = 30000 ]
	need_oracle
	for k in -M -S -Q; do
		[ "$("$UL241/lsipc" "$k" --noheadings | wc -l)" = 10000 ]
	done
}
