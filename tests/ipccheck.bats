#!/usr/bin/env bats
# SPDX-License-Identifier: MIT
# ipccheck: each check made to fire by util-linux's tools, ipchelp and
# plain files (a limit lowered in this namespace, a creator gone, a lock
# whose holder died, a full queue, logind's settings in files of this
# mount namespace), each finding's lines worked out by hand; and silent
# where nothing is wrong.

load helpers

HELP=$BUILD/tests/ipchelp

setup() {
	ipck_setup
	"$UL_IPCRM" -a
	rm -f /dev/shm/* /dev/mqueue/*
}

teardown() {
	# shellcheck disable=SC2086  # one pid a word
	[ -z "${HELPERS:-}" ] || kill -9 $HELPERS 2>/dev/null || true
	ipck_teardown
}

@test "--list-checks: each check and what it looks for" {
	run -0 ipccheck --list-checks
	[ "$(awk '{ print $1 }' <<<"$output" | paste -sd' ')" = "limits orphans stuck-locks full-queues removeipc exposure waits" ]
	[ "${#lines[@]}" = 7 ]
}

@test "nothing wrong: nothing said, exit 0 (text and JSON)" {
	ipcmk -Q > /dev/null
	run -0 --separate-stderr ipccheck
	[ "$output" = "" ]
	run -0 ipccheck -J
	[ "$output" = "[]" ]
}

@test "limits: segments at 80% of shmmni a warning, at 95% critical, with the sysctl that doubles it" {
	set_limit shmmni 10
	for i in 1 2 3 4 5 6 7 8; do ipcmk -M 1 > /dev/null; done
	run -1 ipccheck --check limits
	[ "$output" = "warning   limits  shm: 8 of 10 segments (shmmni) (80%)
          why: at the limit, shmget fails with ENOSPC
          fix: sysctl -w kernel.shmmni=20 (and in /etc/sysctl.d/ to keep it)" ]
	# --warn higher: nothing; two more: critical
	run -0 ipccheck --check limits --warn 90
	[ "$output" = "" ]
	ipcmk -M 1 > /dev/null
	ipcmk -M 1 > /dev/null
	run -1 ipccheck --check limits -J
	[ "$(jq -r '.[] | "\(.severity) \(.check) \(.topic) \(.object)"' <<<"$output")" = "critical limits shm null" ]
	# only the kinds asked for
	run -0 ipccheck --check limits -q
	[ "$output" = "" ]
}

@test "orphans: a segment whose creator is gone, unused long enough; not one attached, not a young one" {
	id=$(ipcmk -M 4096 | awk '{ print $NF }')
	att=$(ipcmk -M 8192 | awk '{ print $NF }')
	HELPERS=$("$HELP" attach "$att")
	# made a moment ago: the default --min-age (1h) spares it
	run -0 ipccheck --check orphans
	[ "$output" = "" ]
	run -1 ipccheck --check orphans --min-age 0
	[ "${#lines[@]}" = 3 ]
	[[ "${lines[0]}" =~ ^"warning   orphans  -m $id: 4096 bytes no process has attached; its creator (pid "[0-9]+") is gone, and nothing ever attached it; last used "[0-9]+" second"s?" ago"$ ]]
	[ "${lines[2]}" = "          fix: ipcrm -m $id" ]
	# the fix does what it says
	"$UL_IPCRM" -m "$id"
	run -0 ipccheck --check orphans --min-age 0
	[ "$output" = "" ]
}

@test "orphans: POSIX shared memory no process holds; one held open is spared; a hostile name is quoted for the shell" {
	head -c 5000 /dev/zero > /dev/shm/free
	head -c 100 /dev/zero > /dev/shm/held
	printf x > "/dev/shm/$(printf "it's\nodd")"
	sleep 1000 3< /dev/shm/held > /dev/null 2>&1 &
	HELPERS=$!
	run -1 ipccheck --check orphans --min-age 0 -M
	# by hand: the fixes, one a name, the name with a quote and a newline as $'...'
	[ "$(grep -c '^warning   orphans  ' <<<"$output")" = 2 ]
	grep -qxF "          fix: ipcrm --posix-shmem /free" <<<"$output"
	grep -qxF "          fix: ipcrm --posix-shmem \$'/it\\'s\\x0aodd'" <<<"$output"
	[ "$(grep -c held <<<"$output")" = 0 ]
	# the quoted name is the file's
	run -1 ipccheck --check orphans --min-age 0 -M -J
	[ "$(jq -r '.[] | .object.name_base64' <<<"$output" | sort | paste -sd' ')" = "L2ZyZWU= L2l0J3MKb2Rk" ]
}

@test "stuck-locks: a semaphore whose holder died without undo, two waiting" {
	s=$(ipcmk -S 1 | awk '{ print $NF }')
	"$HELP" setval "$s" 0 1
	# the holder takes it and exits, as one killed holding it would
	"$HELP" semop "$s" 0 -1 &
	holder=$!
	wait "$holder"
	"$HELP" semop "$s" 0 -1 > /dev/null 2>&1 &
	HELPERS=$!
	"$HELP" semop "$s" 0 -1 > /dev/null 2>&1 &
	HELPERS="$HELPERS $!"
	for ((i = 0; i < 100; i++)); do
		[ "$("$UL_IPCS" -s -i "$s" | awk '$1 == 0 { print $3 }')" = 2 ] && break
		sleep 0.05
	done
	read -r w1 w2 < <(printf '%s\n' $HELPERS | sort -n | paste -sd' ')
	run -1 ipccheck --check stuck-locks
	[ "$output" = "critical  stuck-locks  -s $s: semaphore 0 is 0; its last operator, pid $holder, is gone, and 2 processes wait (2 for more, 0 for zero); on the set: $w1 (ipchelp) to take 1 from semaphore 0 (semop), $w2 (ipchelp) to take 1 from semaphore 0 (semop)
          why: a lock its holder took without SEM_UNDO and never gave back: the waiters sleep until someone changes it
          fix: ipcstat -s $s (its semaphores; semop -s $s 0:+1 gives it back once it is sure no one holds it)" ]
}

@test "stuck-locks: a live last operator is no finding" {
	s=$(ipcmk -S 1 | awk '{ print $NF }')
	"$HELP" semop "$s" 0 -1 > /dev/null 2>&1 &
	HELPERS=$!
	for ((i = 0; i < 100; i++)); do
		[ "$("$UL_IPCS" -s -i "$s" | awk '$1 == 0 { print $3 }')" = 1 ] && break
		sleep 0.05
	done
	# the last to operate is ipcmk's semget (pid 0: none): not a holder that died
	run -0 ipccheck --check stuck-locks
	[ "$output" = "" ]
}

@test "full-queues: a System V queue at 90% of its bytes, a POSIX queue at its maxmsg" {
	q=$(ipcmk -Q | awk '{ print $NF }')
	ipcset --qbytes 100 -q "$q"
	"$HELP" send "$q" "$(printf '%045d' 0)" "$(printf '%045d' 0)"
	# ipchelp's queue holds one message, and has it
	"$HELP" mkposix pmsg 1 jobs
	run -0 "$HELP" mqattr /jobs0
	[ "$output" = "1 16 1" ]
	run -1 ipccheck --check full-queues
	[ "$output" = "warning   full-queues  -q $q: 90 of its 100 bytes are taken (90%), in 2 messages
          why: a full queue blocks its senders (or fails them with EAGAIN): its reader is slow, stuck or gone
          fix: msgcat --peek -a -q $q (what is queued; ipcstat tells who last sent and took)
warning   full-queues  --posix-mqueue /jobs0: 1 of its 1 messages are there
          why: a full queue blocks its senders (or fails them with EAGAIN): its reader is slow, stuck or gone
          fix: msgcat --peek -a --posix-mqueue /jobs0 (what is queued; ipcstat tells who last sent and took)" ]
	run -0 ipccheck --check full-queues --full 95 -q
	[ "$output" = "" ]
}

@test "waits: a receiver on an empty queue (info), a sender on a full one (warning), named with what they do" {
	q=$(ipcmk -Q | awk '{ print $NF }')
	f=$(ipcmk -Q | awk '{ print $NF }')
	ipcset --qbytes 100 -q "$f"
	"$HELP" send "$f" "$(printf '%090d' 0)"
	msgcat -q "$q" > /dev/null &
	HELPERS=$!
	printf '%050d' 0 | msgcat -w -q "$f" &
	HELPERS="$HELPERS $!"
	read -r r w <<<"$HELPERS"
	# both asleep in the kernel's msgrcv and msgsnd
	for ((i = 0; i < 100; i++)); do
		grep -q msgrcv "/proc/$r/wchan" && grep -q msgsnd "/proc/$w/wchan" && break
		sleep 0.05
	done
	run -1 ipccheck --check waits --min-severity info -J
	# (a process this one may not look into, such as a sandbox's pid 1,
	# adds an info finding of its own, with no object)
	[ "$(jq -r '.[] | select(.object != null) | "\(.severity) \(.object.id) \(.what)"' <<<"$output")" = "info $q 1 process waits: $r (msgcat) to receive (msgrcv)
warning $f 1 process waits: $w (msgcat) to send (msgsnd)" ]
	# by default, the warning only
	run -1 ipccheck --check waits
	[ "$output" = "warning   waits  -q $f: 1 process waits: $w (msgcat) to send (msgsnd)
          why: it is full: its senders sleep until its reader takes messages
          fix: ipcstat -q $f" ]
}

# logind SEATS DROPIN...: ipccheck --check removeipc where logind runs (or
# not: SEATS no), with drop-ins NAME=TEXT in /run/systemd/logind.conf.d,
# and a login.defs whose SYS_UID_MAX is 999; all in a mount namespace of
# the command's own
removeipc() {
	local seats=$1 d=$BATS_TEST_TMPDIR
	shift
	printf 'SYS_UID_MAX\t999\n' > "$d/login.defs"
	# shellcheck disable=SC2016  # the inner shell expands them
	unshare --mount --propagation private sh -c '
		mount -t tmpfs none /run || exit 3
		mount --bind "$1/login.defs" /etc/login.defs || exit 3
		mkdir -p /run/systemd/logind.conf.d
		[ "$2" = yes ] && mkdir /run/systemd/seats
		shift 2
		for f in "$@"; do
			printf "%s\n" "${f#*=}" > "/run/systemd/logind.conf.d/${f%%=*}"
		done
		exec ipccheck --check removeipc' sh "$d" "$seats" "$@"
}

@test "removeipc: objects of a user above the system range go at logout, unless RemoveIPC=no; not where logind is not" {
	need_owners
	[ -f /etc/login.defs ] || skip "no /etc/login.defs to mount a file over"
	"$HELP" mk shm 1 4242 > /dev/null
	"$HELP" mk sem 1 0 > /dev/null
	id=$(awk 'NR > 1 && $8 == 4242 { print $2 }' /proc/sysvipc/shm)
	# uid 4242 has no name here (need_owners' users are mapped, not named)
	getent passwd 4242 > /dev/null && skip "uid 4242 has a name here"
	run -1 removeipc yes
	[ "$output" = "warning   removeipc  -m $id: owned by uid 4242, above the system users (SYS_UID_MAX 999): removed when that user's last session ends
          why: systemd-logind's RemoveIPC=yes removes it with no warning, under the processes that use it
          fix: RemoveIPC=no in /etc/systemd/logind.conf.d/ipc.conf (then systemctl restart systemd-logind), or own it by a system user" ]
	[ "${#lines[@]}" = 3 ]
	# RemoveIPC=no in a drop-in: nothing; a later file's yes wins again
	run -0 removeipc yes "50-ipc.conf=[Login]
RemoveIPC=no"
	[ "$output" = "" ]
	run -1 removeipc yes "50-ipc.conf=[Login]
RemoveIPC=no" "60-back.conf=[Login]
RemoveIPC=yes"
	[ "${#lines[@]}" = 3 ]
	# a setting outside [Login] is not logind's
	run -1 removeipc yes "50-ipc.conf=[Other]
RemoveIPC=no"
	[ "${#lines[@]}" = 3 ]
	# no logind: nothing to say
	run -0 removeipc no
	[ "$output" = "" ]
}

# logind_etc CONF DROPIN: ipccheck --check removeipc with CONF as
# /etc/systemd/logind.conf and DROPIN (or - for none) as its
# logind.conf.d/ipc.conf, a directory of the test's bound over /etc/systemd,
# with a passwd naming uid 1000 alice and uid 100 sys, and SYS_UID_MAX 999:
# all in a mount namespace of the command's own
logind_etc() {
	local d=$BATS_TEST_TMPDIR
	rm -rf "$d/systemd"
	mkdir -p "$d/systemd/logind.conf.d"
	printf '%s\n' "$1" > "$d/systemd/logind.conf"
	[ "$2" = - ] || printf '%s\n' "$2" > "$d/systemd/logind.conf.d/ipc.conf"
	printf 'root:x:0:0::/root:/bin/sh\nsys:x:100:100::/:/bin/false\nalice:x:1000:1000::/home/alice:/bin/sh\n' > "$d/passwd"
	printf 'SYS_UID_MAX\t999\n' > "$d/login.defs"
	# shellcheck disable=SC2016  # the inner shell expands them
	unshare --mount --propagation private sh -c '
		mount -t tmpfs none /run && mkdir -p /run/systemd/seats &&
		mount --bind "$1/systemd" /etc/systemd &&
		mount --bind "$1/passwd" /etc/passwd &&
		mount --bind "$1/login.defs" /etc/login.defs || exit 3
		for l in /usr/lib /usr/local/lib; do
			if [ -d "$l/systemd/logind.conf.d" ]; then
				mount -t tmpfs none "$l/systemd/logind.conf.d" || exit 3
			fi
		done
		exec ipccheck --check removeipc' sh "$d"
}

@test "removeipc: logind.conf and a drop-in over /etc/systemd; uid 1000 warned of, uid 100 not; RemoveIPC unset, yes, no" {
	maps_id uid 1000 && maps_id uid 100 || skip "this namespace maps neither uid 1000 nor 100"
	[ -d /etc/systemd ] || skip "no /etc/systemd to mount a directory over"
	[ -f /etc/login.defs ] || skip "no /etc/login.defs to mount a file over"
	"$HELP" mk shm 1 1000 > /dev/null
	"$HELP" mk shm 1 100 > /dev/null
	"$HELP" mk msg 1 1000 > /dev/null
	m=$(awk 'NR > 1 && $8 == 1000 { print $2 }' /proc/sysvipc/shm)
	q=$(awk 'NR > 1 && $8 == 1000 { print $2 }' /proc/sysvipc/msg)
	[ -n "$m" ]
	[ -n "$q" ]
	# by hand: one warning for each of uid 1000's objects, none for uid 100's
	expected="warning   removeipc  -m $m: owned by alice (uid 1000), above the system users (SYS_UID_MAX 999): removed when that user's last session ends
          why: systemd-logind's RemoveIPC=yes removes it with no warning, under the processes that use it
          fix: RemoveIPC=no in /etc/systemd/logind.conf.d/ipc.conf (then systemctl restart systemd-logind), or own it by a system user
warning   removeipc  -q $q: owned by alice (uid 1000), above the system users (SYS_UID_MAX 999): removed when that user's last session ends
          why: systemd-logind's RemoveIPC=yes removes it with no warning, under the processes that use it
          fix: RemoveIPC=no in /etc/systemd/logind.conf.d/ipc.conf (then systemctl restart systemd-logind), or own it by a system user"
	# unset (Debian's logind.conf has it commented out): systemd's default, yes
	run -1 logind_etc "[Login]
#RemoveIPC=yes" -
	[ "$output" = "$expected" ]
	run -1 logind_etc "[Login]
RemoveIPC=yes" -
	[ "$output" = "$expected" ]
	run -0 logind_etc "[Login]
RemoveIPC=no" -
	[ "$output" = "" ]
	# the drop-in is read after logind.conf, and wins either way
	run -1 logind_etc "[Login]
RemoveIPC=no" "[Login]
RemoveIPC=yes"
	[ "$output" = "$expected" ]
	run -0 logind_etc "[Login]
RemoveIPC=yes" "[Login]
RemoveIPC=no"
	[ "$output" = "" ]
}

@test "exposure: a segment any user may write, an object of no user, a fifo and a symlink in /dev/shm" {
	ipcmk -M 4096 -p 0666 > /dev/null
	ipcmk -Q -p 0600 > /dev/null
	"$HELP" mk sem 1 4242 > /dev/null
	mkfifo /dev/shm/pipe
	ln -s /etc/hostname /dev/shm/link
	m=$(awk 'NR > 1 { print $2 }' /proc/sysvipc/shm)
	s=$(awk 'NR > 1 { print $2 }' /proc/sysvipc/sem)
	run -1 ipccheck --check exposure
	# by hand: warnings only (ipchelp's set is 0644: readable, an info)
	[ "$(grep -v '^ ' <<<"$output" | sort)" = "$(printf '%s\n' \
		"warning   exposure  -m $m: any user may write it (mode 0666)" \
		"warning   exposure  dev_shm: /dev/shm/link is a symbolic link, no POSIX object" \
		"warning   exposure  dev_shm: /dev/shm/pipe is a fifo, no POSIX object" | sort)" ]
	grep -qxF "          fix: ipcset --mode o= -m $m (if it is not meant to be shared)" <<<"$output"
	# infos only: exit 0
	run -0 ipccheck --check exposure --min-severity info -s
	if ! getent passwd 4242 > /dev/null; then
		grep -qxF "info      exposure  -s $s: owned by uid 4242, which has no user" <<<"$output"
	fi
	grep -qxF "info      exposure  -s $s: any user may read it (mode 0644)" <<<"$output"
	rm /dev/shm/pipe /dev/shm/link
}

@test "as uid 65534: an empty namespace is all clear; what it cannot read is said, not hidden" {
	need_nobody
	run -0 as_nobody "$BIN/ipccheck"
	[ "$output" = "" ]
	s=$(ipcmk -S 1 -p 0600 | awk '{ print $NF }')
	run -0 as_nobody "$BIN/ipccheck" --check stuck-locks --min-severity info -s
	[ "$output" = "info      stuck-locks  -s $s: not checked: its values and waiters cannot be read
          why: Permission denied
          fix: run it as root, or as the objects' owner, to see everything" ]
}

@test "--min-severity: warnings left out, and then exit 0; info and critical" {
	ipcmk -M 4096 > /dev/null
	run -0 ipccheck --min-age 0 --min-severity critical
	[ "$output" = "" ]
	run -1 ipccheck --check orphans --min-age 0 --min-severity info
	[ "${#lines[@]}" = 3 ]
}

@test "--all-namespaces: each finding with its namespace, its fix with --ns" {
	new_ns
	in_ns ipcmk -M 4096 > /dev/null
	ns=$(readlink "/proc/$NS_PID/ns/ipc" | tr -dc 0-9)
	run --separate-stderr ipccheck --all-namespaces --check orphans --min-age 0 -J
	[ "$status" -ge 1 ]
	[ "$(jq -r --argjson n "$ns" '.[] | select(.namespace.inode == $n) | .fix' <<<"$output")" = "ipcrm --ns $NS_PID -m 0" ]
	run --separate-stderr ipccheck --all-namespaces --check orphans --min-age 0
	grep -qE "^warning   orphans  ipc:\[$ns\] -m 0: " <<<"$output"
}

@test "usage errors: one line, exit 2, nothing checked" {
	for args in "--check nope" "--min-severity loud" "--warn 0" "--warn 101" "--warn x" \
		"--warn 90 --crit 80" "--full 0" "--min-age soon" "operand" "--list-checks -J" \
		"--all-namespaces --ns 1" "-x"; do
		# shellcheck disable=SC2086  # the words are the options
		run -2 --separate-stderr ipccheck $args
		[ "$output" = "" ]
		[ "${#stderr_lines[@]}" = 1 ]
	done
}
