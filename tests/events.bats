#!/usr/bin/env bats
# SPDX-License-Identifier: MIT
# ipcs --events: a script makes, attaches, sends, operates on, changes and
# removes objects of all six kinds with util-linux's tools, ipchelp and
# plain files (never ipckit's own), waiting after each step for the events
# it must cause; the log is then compared with the sequence worked out by
# hand.  Each test runs in an IPC namespace, /dev/shm and mqueue mount of
# its own.

load helpers

HELP=$BUILD/tests/ipchelp

# world SCRIPT: SCRIPT (bash, from stdin) in fresh namespaces, with $d set
world() {
	local d=$BATS_TEST_TMPDIR
	cat > "$d/world.sh"
	unshare --ipc --mount --propagation private bash -c '
		set -eu
		mount -t tmpfs -o mode=1777 none /dev/shm
		mount -t mqueue none /dev/mqueue
		d=$1 HELP=$2 UL_IPCRM=$3 UL_IPCS=$4
		. "$d/world.sh"' sh "$d" "$HELP" "$UL_IPCRM" "$UL_IPCS"
}

# The helpers the scenarios source: lines LOG N waits until LOG has N lines
# (5 s at most, then says what it has), and start_events [-o NAME] ARGS
# runs ipcs --events in the background into $d/NAME (log), its stderr
# into $d/NAME.err.
cat > "$BATS_FILE_TMPDIR/lib.sh" <<'LIB'
lines() {
	local i
	for ((i = 0; i < 100; i++)); do
		[ "$(wc -l < "$1")" -ge "$2" ] && return 0
		sleep 0.05
	done
	echo "waited for $2 lines of $1, which has:" >&2
	cat "$1" >&2
	return 1
}
start_events() {
	local out=log
	if [ "$1" = -o ]; then
		out=$2
		shift 2
	fi
	ipcs "$@" > "$d/$out" 2> "$d/$out.err" &
	EV=$!
	# the first walk is done when it sleeps until the next (hrtimer_nanosleep;
	# a kernel that hides its wchan gets 2 s)
	local i
	for ((i = 0; i < 40; i++)); do
		sleep 0.05
		grep -q nanosleep "/proc/$EV/wchan" 2>/dev/null && return 0
	done
	sleep 2
}
stop_events() {
	kill -TERM "$EV"
	wait "$EV"
}
LIB

@test "--events -J: every kind made, used, changed and removed, in order, with the fields that changed" {
	world <<'EOF' || return 1
. "$BATS_FILE_TMPDIR/lib.sh"
start_events --events=0.1 -J
n=0
step() { n=$((n + $1)); lines "$d/log" "$n"; }
m=$(ipcmk -M 4096 -p 0600 | awk '{ print $NF }'); step 1
p=$("$HELP" attach "$m"); step 1
kill "$p"; wait "$p" 2>/dev/null || true; step 1
q=$(ipcmk -Q | awk '{ print $NF }'); step 1
"$HELP" send "$q" hello; step 1
s=$(ipcmk -S 2 | awk '{ print $NF }'); step 1
"$HELP" semop "$s" 0 1; step 1
"$HELP" chown shm "$m" 0 0 0640; step 1
"$HELP" mkposix pshm 1 ev; step 1
"$HELP" mkposix pmsg 1 ev; step 1
"$HELP" mkposix psem 1 ev; step 1
"$HELP" mqtake /ev0 > /dev/null; step 1
truncate -s 8192 /dev/shm/ev0; step 1
"$UL_IPCRM" -m "$m"; step 1
"$UL_IPCRM" -q "$q" -s "$s"; step 2
rm /dev/shm/ev0 /dev/shm/sem.ev0 /dev/mqueue/ev0; step 3
stop_events
echo "$m $q $s" > "$d/ids"
EOF
	read -r m q s < "$BATS_TEST_TMPDIR/ids"
	# event, kind, id or name, the members of before but the times (a
	# change within one second leaves ctime as it was)
	run -0 jq -r '[.event, .object.kind, (.object.id // .object.name),
		(.before // {} | keys | map(select(test("time") | not)) | join(","))] | join(" ") | sub(" $"; "")' "$BATS_TEST_TMPDIR/log"
	[ "$output" = "created shm $m
changed shm $m lpid,nattch
changed shm $m nattch
created msg $q
changed msg $q lspid,messages,used_bytes
created sem $s
changed sem $s
changed shm $m mode,perms
created pshm /ev0
created pmsg /ev0
created psem /ev0
changed pmsg /ev0 messages,used_bytes
changed pshm /ev0 size
removed shm $m
removed msg $q
removed sem $s
removed pshm /ev0
removed pmsg /ev0
removed psem /ev0" ]
	# each line: a UTC time to the millisecond, and this namespace
	run -0 jq -r 'select((.time | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3}Z$") | not) or (.namespace.inode | type) != "number")' "$BATS_TEST_TMPDIR/log"
	[ "$output" = "" ]
	# before and after: the attach's count, the send's message, the mode
	[ "$(jq -c 'select(.event == "changed" and .object.kind == "shm") | [.before.nattch, .object.nattch]' "$BATS_TEST_TMPDIR/log" | paste -sd' ')" = "[0,1] [1,0] [null,0]" ]
	[ "$(jq -c 'select(.event == "changed" and .object.kind == "msg") | [.before.messages, .object.messages, .object.used_bytes]' "$BATS_TEST_TMPDIR/log")" = "[0,1,5]" ]
	[ "$(jq -r 'select(.before.perms) | "\(.before.perms) \(.object.perms)"' "$BATS_TEST_TMPDIR/log")" = "0600 0640" ]
	# SIGTERM: the walk's lines out, exit 0, nothing on stderr
	[ ! -s "$BATS_TEST_TMPDIR/log.err" ]
}

@test "--events: an id or name reused between two walks is removed + created, never changed" {
	world <<'EOF' || return 1
. "$BATS_FILE_TMPDIR/lib.sh"
start_events --events=0.1 -J -m -M
m=$(ipcmk -M 4096 | awk '{ print $NF }'); lines "$d/log" 1
# the same id for a new segment: the kernel's next id, in this namespace
"$UL_IPCRM" -m "$m"
echo "$m" > /proc/sys/kernel/shm_next_id
m2=$(ipcmk -M 8192 | awk '{ print $NF }')
[ "$m2" = "$m" ] || { echo "shm_next_id: $m2, not $m" >&2; exit 1; }
lines "$d/log" 3
head -c 10 /dev/zero > /dev/shm/re; lines "$d/log" 4
rm /dev/shm/re; head -c 20 /dev/zero > /dev/shm/re; lines "$d/log" 6
stop_events
echo "$m" > "$d/ids"
EOF
	read -r m < "$BATS_TEST_TMPDIR/ids"
	run -0 jq -r '"\(.event) \(.object.kind) \(.object.id // .object.name) \(.object.size)"' "$BATS_TEST_TMPDIR/log"
	[ "$output" = "created shm $m 4096
removed shm $m 4096
created shm $m 8192
created pshm /re 10
removed pshm /re 10
created pshm /re 20" ]
}

@test "--events: a POSIX queue's times that the walk's own reads set are no change" {
	world <<'EOF' || return 1
. "$BATS_FILE_TMPDIR/lib.sh"
"$HELP" mkposix pmsg 1 q
start_events --events=0.1 -Q
# long enough for a second to turn: each read of the queue's file sets
# its atime and ctime to now
sleep 2.2
"$HELP" mqtake /q0 > /dev/null
lines "$d/log" 1
sleep 0.3
stop_events
EOF
	run -0 awk '{ print $2, $3, $4, $5, $6 }' "$BATS_TEST_TMPDIR/log"
	[ "$output" = "changed pmsg /q0 used_bytes=1->0 messages=1->0" ]
}

@test "--events: text lines by hand; --initial says what is there first" {
	world <<'EOF' || return 1
. "$BATS_FILE_TMPDIR/lib.sh"
m=$(ipcmk -M 4096 -p 0600 | awk '{ print $NF }')
start_events --events=0.1 --initial -m
lines "$d/log" 1
# a second later, so that the change time changes too
sleep 1
"$HELP" chown shm "$m" 0 0 0644; lines "$d/log" 2
"$HELP" mk shm 1 > /dev/null; lines "$d/log" 3
stop_events
key=$("$UL_IPCS" -m | awk -v id="$m" '$2 == id { print $1 }')
new=$(awk -v id="$m" 'NR > 1 && $2 != id { print $2 }' /proc/sysvipc/shm)
echo "$m $key $new" > "$d/ids"
EOF
	read -r m key new < "$BATS_TEST_TMPDIR/ids"
	[ -n "$key" ]
	[ -n "$new" ]
	run -0 sed -E 's/^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z //' "$BATS_TEST_TMPDIR/log"
	[ "${#lines[@]}" = 3 ]
	[ "${lines[0]}" = "present shm $m key=$key uid=root mode=0600 size=4096 nattch=0" ]
	t='[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z'
	re="^changed shm $m key=$key mode=0600->0644 ctime=$t->$t\$"
	[[ "${lines[1]}" =~ $re ]]
	[ "${lines[2]}" = "created shm $new key=0x00000000 uid=root mode=0644 size=4096 nattch=0" ]
}

@test "--events: filters select what is said" {
	need_owners
	world <<'EOF' || return 1
. "$BATS_FILE_TMPDIR/lib.sh"
start_events --events=0.1 --owner 4242 -m
"$HELP" mk shm 1 > /dev/null
"$HELP" mk shm 1 4242 > /dev/null
lines "$d/log" 1
sleep 0.3
stop_events
EOF
	run -0 awk '{ print $2, $3, $6 }' "$BATS_TEST_TMPDIR/log"
	[ "$output" = "created shm uid=4242" ]
}

@test "--events --all-namespaces: a namespace that appears and one that goes, with its objects" {
	d=$BATS_TEST_TMPDIR
	cat > "$d/all.sh" <<'EOF'
set -eu
d=$1
. "$2"
mount -t tmpfs -o mode=1777 none /dev/shm
start_events --events=0.1 --all-namespaces -J
unshare --ipc sh -c 'ipcmk -M 4096 > /dev/null; : > "$1/made"; exec sleep 1000' sh "$d" &
h=$!
lines "$d/log" 2
kill "$h"
wait "$h" 2>/dev/null || true
lines "$d/log" 4
stop_events
EOF
	unshare --ipc --mount --propagation private --pid --fork --kill-child --mount-proc \
		bash "$d/all.sh" "$d" "$BATS_FILE_TMPDIR/lib.sh"
	run -0 jq -r '"\(.event) \(.object.kind // "namespace")"' "$d/log"
	[ "$output" = "appeared namespace
created shm
removed shm
gone namespace" ]
	# the same namespace throughout, and not ours
	[ "$(jq '.namespace.inode' "$d/log" | sort -u | wc -l)" = 1 ]
	[ "$(jq 'select(.event == "appeared") | .namespace.processes' "$d/log")" = 1 ]
}

@test "--events: hostile names are escaped in text and kept whole in JSON" {
	world <<'EOF' || return 1
. "$BATS_FILE_TMPDIR/lib.sh"
start_events --events=0.1 -M
printf x > "/dev/shm/$(printf 'a\nb\377')"
lines "$d/log" 1
stop_events
start_events -o json --events=0.1 -M -J --initial
lines "$d/json" 1
stop_events
EOF
	# by hand: \n is \x0a, the byte 0xff \xff; in JSON no text, the bytes in base64
	grep -qE '^[^ ]+ created pshm /a\\x0ab\\xff uid=root mode=0644 size=1$' "$BATS_TEST_TMPDIR/log"
	[ "$(wc -l < "$BATS_TEST_TMPDIR/log")" = 1 ]
	[ "$(jq -c '[.event, .object.name, .object.name_base64]' "$BATS_TEST_TMPDIR/json")" = '["present",null,"L2EKYv8="]' ]
}

@test "--events --count N: N walks, the first among them, then exit 0" {
	world <<'EOF' || return 1
ipcmk -M 4096 > /dev/null
# 0.3 s apart: three walks take 0.6 s or more, and then it ends by itself
start=$(date +%s%N)
ipcs --events=0.3 --count 3 --initial -m > "$d/log"
echo "$? $((($(date +%s%N) - start) / 1000000))" > "$d/rc"
ipcs --events --count 1 -m > "$d/one"
EOF
	read -r rc ms < "$BATS_TEST_TMPDIR/rc"
	[ "$rc" = 0 ]
	[ "$ms" -ge 600 ]
	[ "$(awk '{ print $2, $3 }' "$BATS_TEST_TMPDIR/log")" = "present shm" ]
	# one walk only learns: nothing to say without --initial
	[ ! -s "$BATS_TEST_TMPDIR/one" ]
}

@test "--events: usage errors, one line, exit 2" {
	for args in "--initial" "--count 2" "--events --count 0" "--events --count x" "--events --count -1" "--events -l" "--events -u" "--events -t" "--events=0" "--events=abc" \
		"--events --xsi" "--events -i 1 -m" "--events --metrics" "--events -b"; do
		# shellcheck disable=SC2086  # the words are the options
		run -2 --separate-stderr ipcs $args
		[ "$output" = "" ]
		[ "${#stderr_lines[@]}" = 1 ]
	done
}
