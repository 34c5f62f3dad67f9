#!/usr/bin/env bats
# SPDX-License-Identifier: MIT
# ipcset: owner, group, mode, qbytes and the memory lock, checked against
# util-linux's ipcs -i (the oracle); refusals as uid 65534; -n against the
# real run; POSIX objects by their files' stat.

load helpers

# field KIND ID NAME: one field of util-linux's ipcs KIND -i ID
field() { ul_info "$1" "$2" | awk -F= -v k="$3" '$1 == k { print $2; exit }'; }

@test "--mode, --owner, --group: what ipcs -i says after; the creator and other objects untouched" {
	need_owners
	id=$(ipccreate -M 4096 -k 0x5e01 -p 600)
	other=$(ipccreate -M 4096 -k 0x5e02 -p 600)
	run -0 --separate-stderr ipcset -v --mode g+r,o=r -M 0x5e01
	[ "$output" = "0x00005e01 shm $id: mode 600 -> 644" ]
	[ "$(field -m "$id" mode)" = 0644 ]
	run -0 ipcset --mode 0640 --owner 4242:4243 -m "$id"
	[ "$output" = "" ]
	[ "$(field -m "$id" mode) $(field -m "$id" uid) $(field -m "$id" gid)" = "0640 4242 4243" ]
	[ "$(field -m "$id" cuid) $(field -m "$id" cgid)" = "0 0" ]
	run -0 ipcset --group 65534 -m "$id"
	[ "$(field -m "$id" gid) $(field -m "$id" uid)" = "65534 4242" ]
	# symbolic modes from the object's own
	run -0 ipcset --mode u=rw,go= -m "$id"
	[ "$(field -m "$id" mode)" = 0600 ]
	run -0 ipcset --mode o=u -m "$id"
	[ "$(field -m "$id" mode)" = 0606 ]
	[ "$(field -m "$other" mode) $(field -m "$other" uid)" = "0600 0" ]
	# every kind, several at once, in order
	q=$(ipccreate -Q -k 0x5e03)
	s=$(ipccreate -S 2 -k 0x5e03)
	run -0 ipcset -v --mode 0660 -Q 0x5e03 -S 0x5e03
	[ "$output" = "0x00005e03 msg $q: mode 644 -> 660
0x00005e03 sem $s: mode 644 -> 660" ]
	[ "$(field -q "$q" mode) $(field -s "$s" mode)" = "0660 0660" ]
	run -0 ipcset -v --mode 0660 -q "$q"
	[ "$output" = "0x00005e03 msg $q: unchanged" ]
}

@test "--qbytes: a queue's limit, as ipcs -q -i says; above msgmnb without CAP_SYS_RESOURCE refused and unchanged" {
	q=$(ipccreate -Q -k 0x5e04)
	run -0 --separate-stderr ipcset -v --qbytes 8K -q "$q"
	[ "$output" = "0x00005e04 msg $q: qbytes 16384 -> 8192" ]
	[ "$(field -q "$q" qbytes)" = 8192 ]
	mnb=$(cat /proc/sys/kernel/msgmnb)
	run -1 --separate-stderr setpriv --inh-caps -sys_resource --bounding-set -sys_resource "$BIN/ipcset" --qbytes $((mnb + 1)) --mode 600 -q "$q"
	[ "$stderr" = "ipcset: $q: --qbytes $((mnb + 1)) is above msgmnb ($mnb): that needs CAP_SYS_RESOURCE in the initial user namespace" ]
	# one IPC_SET: the mode asked beside it did not change either
	[ "$(field -q "$q" qbytes) $(field -q "$q" mode)" = "8192 0644" ]
}

@test "--lock and --unlock: ipcs -m's status, and RLIMIT_MEMLOCK named when locking is refused" {
	id=$(ipccreate -M 1M -k 0x5e05)
	run -0 --separate-stderr ipcset -v --lock -m "$id"
	[ "$output" = "0x00005e05 shm $id: locked" ]
	[ "$(ul_row -m 0x00005e05 | awk '{ print $NF }')" = locked ]
	run -0 ipcset --unlock -M 0x5e05
	[ "$(ul_row -m 0x00005e05 | awk '{ print $7 }')" = "" ]
	run -1 --separate-stderr setpriv --inh-caps -ipc_lock --bounding-set -ipc_lock prlimit --memlock=0 "$BIN/ipcset" --lock -m "$id"
	[ "$stderr" = "ipcset: $id: cannot lock 0x00005e05 shm $id (1048576 bytes): that needs CAP_IPC_LOCK, or room under RLIMIT_MEMLOCK (0 bytes, shared with what this user has locked already)" ]
	[ "$(ul_row -m 0x00005e05 | awk '{ print $7 }')" = "" ]
}

@test "as uid 65534: another's object is refused and unchanged; an owner may give one away, and then may not" {
	need_nobody
	id=$(ipccreate -M 4096 -k 0x5e06 -p 600)
	run -1 --separate-stderr as_nobody "$BIN/ipcset" --mode 666 -m "$id"
	[ "$stderr" = "ipcset: $id: permission denied: only the owner (root (uid 0)), the creator (root (uid 0)) or CAP_SYS_ADMIN may change 0x00005e06 shm $id" ]
	[ "$(field -m "$id" mode)" = 0600 ]
	# root gives it to nobody, who may change it without read permission
	ipcset --owner 65534 --mode 200 -m "$id"
	run -0 as_nobody "$BIN/ipcset" --mode 0600 -m "$id"
	[ "$(field -m "$id" mode)" = 0600 ]
	# and gives it back: then it is root's, and nobody is not the creator
	run -0 as_nobody "$BIN/ipcset" --owner 0 -m "$id"
	run -1 as_nobody "$BIN/ipcset" --mode 0666 -m "$id"
	[ "$(field -m "$id" mode) $(field -m "$id" uid)" = "0600 0" ]
}

@test "-n predicts the real run: the same lines for a mix of allowed and refused, and nothing changes" {
	need_nobody
	mine=$(ipccreate -M 4096 -k 0x5e07 -p 600)
	ipcset --owner 65534 -m "$mine"
	theirs=$(ipccreate -M 4096 -k 0x5e08 -p 600)
	run -1 --separate-stderr as_nobody "$BIN/ipcset" -n --mode 640 -m "$mine" -m "$theirs"
	plan_out=$output plan_err=$stderr
	[ "$plan_out" = "0x00005e07 shm $mine: mode 600 -> 640" ]
	[ "$(field -m "$mine" mode)" = 0600 ]
	run -1 --separate-stderr as_nobody "$BIN/ipcset" -v --mode 640 -m "$mine" -m "$theirs"
	[ "$output" = "$plan_out" ]
	[ "$stderr" = "$plan_err" ]
	[ "$(field -m "$mine" mode) $(field -m "$theirs" mode)" = "0640 0600" ]
}

@test "-J: each object before and after, and the failures with their reason" {
	need_nobody
	id=$(ipccreate -M 4096 -k 0x5e09 -p 600)
	run -0 ipcset -J --mode 640 --group 65534 -m "$id"
	jq -e --argjson id "$id" '.[0] | .status == "changed" and .id == $id and .kind == "shm" and
		.before.perms == "0600" and .after.perms == "0640" and .before.gid == 0 and .after.gid == 65534 and
		.after.locked == false' <<<"$output"
	run -0 ipcset -n -J --mode 600 -m "$id"
	jq -e '.[0] | .status == "selected" and .before.perms == "0640" and .after.perms == "0600"' <<<"$output"
	[ "$(field -m "$id" mode)" = 0640 ]
	run -1 --separate-stderr as_nobody "$BIN/ipcset" -J --mode 666 -m "$id"
	jq -e '.[0] | .status == "failed" and .reason == "Operation not permitted" and .before.perms == "0640"' <<<"$output"
}

@test "POSIX objects: the file's owner, group and mode, by the file rules" {
	need_nobody
	ipccreate -m 10 -s -q -n /px -p 600 > /dev/null
	run -0 ipcset -v --mode 644 --owner 65534 --posix-shmem px --posix-semaphore px --posix-mqueue px
	[ "$output" = "pshm /px: mode 600 -> 644, owner root -> nobody
psem /px: mode 600 -> 644, owner root -> nobody
pmsg /px: mode 600 -> 644, owner root -> nobody" ]
	[ "$(stat -c '%a %u' /dev/shm/px /dev/shm/sem.px /dev/mqueue/px | paste -sd ' ')" = "644 65534 644 65534 644 65534" ]
	# its owner may change its mode, but not give it away
	run -0 as_nobody "$BIN/ipcset" --mode 600 --posix-shmem px
	[ "$(stat -c %a /dev/shm/px)" = 600 ]
	run -1 --separate-stderr as_nobody "$BIN/ipcset" --owner 0 --posix-shmem px
	[ "$stderr" = "ipcset: px: permission denied: only CAP_CHOWN may give pshm /px to another owner" ]
	[ "$(stat -c %u /dev/shm/px)" = 65534 ]
}

@test "-n predicts the real run for POSIX objects: chown, chgrp and chmod by the kernel's file rules" {
	need_nobody
	ipccreate -m 10 -n /pn -p 600 > /dev/null
	ipcset --owner 65534 --posix-shmem pn
	# each -n line is the real run's, and neither changes the file
	same() {
		run -1 --separate-stderr "${@:2}" -n --posix-shmem pn
		[ "$stderr" = "ipcset: pn: permission denied: $1" ] || { echo "-n: $stderr"; false; }
		[ "$output" = "" ]
		run -1 --separate-stderr "${@:2}" --posix-shmem pn
		[ "$stderr" = "ipcset: pn: permission denied: $1" ] || { echo "run: $stderr"; false; }
		[ "$(stat -c '%a %u %g' /dev/shm/pn)" = "600 65534 0" ]
	}
	# a plain owner may not give the file away (chown needs CAP_CHOWN)
	same "only CAP_CHOWN may give pshm /pn to another owner" as_nobody "$BIN/ipcset" --owner 0
	# nor give it to a group it is not in (chgrp: membership, or CAP_CHOWN)
	same "its owner may give pshm /pn only to a group it is in, and 4243 is not one; any other needs CAP_CHOWN" \
		as_nobody "$BIN/ipcset" --group 4243
	same "its owner may give pshm /pn only to a group it is in, and 4243 is not one; any other needs CAP_CHOWN" \
		as_nobody "$BIN/ipcset" --owner 65534:4243
	# root of a child user namespace holds CAP_FOWNER and CAP_CHOWN, but
	# not over a file whose owner that namespace does not map
	same "only the owner (nobody (uid 65534)) or CAP_FOWNER may change the mode of pshm /pn; CAP_FOWNER is held, but counts only over a file whose owner and group this user namespace maps" \
		unshare --user --map-root-user "$BIN/ipcset" --mode 644
	same "only CAP_CHOWN may give pshm /pn to another owner; CAP_CHOWN is held, but counts only over a file whose owner and group this user namespace maps" \
		unshare --user --map-root-user "$BIN/ipcset" --owner 0
	# what is allowed is predicted so, and done: its own group, its mode
	run -0 as_nobody "$BIN/ipcset" -n --group 65534 --mode 640 --posix-shmem pn
	[ "$output" = "pshm /pn: mode 600 -> 640, group root -> nogroup" ]
	run -0 as_nobody "$BIN/ipcset" -v --group 65534 --mode 640 --posix-shmem pn
	[ "$output" = "pshm /pn: mode 600 -> 640, group root -> nogroup" ]
	[ "$(stat -c '%a %u %g' /dev/shm/pn)" = "640 65534 65534" ]
}

@test "--lock and --unlock name the kernel's rule: the owner, the creator or CAP_IPC_LOCK; then the memlock limit" {
	need_nobody
	id=$(ipccreate -M 1M -k 0x5e0b -p 666)
	for how in lock unlock; do
		for n in -n ""; do
			run -1 --separate-stderr as_nobody "$BIN/ipcset" $n --$how -m "$id"
			[ "$stderr" = "ipcset: $id: permission denied: only the owner (root (uid 0)), the creator (root (uid 0)) or CAP_IPC_LOCK may $how 0x00005e0b shm $id" ]
		done
	done
	# the owner without CAP_IPC_LOCK: locking needs room under the limit, -n says so too
	for n in -n ""; do
		run -1 --separate-stderr setpriv --inh-caps -ipc_lock --bounding-set -ipc_lock prlimit --memlock=4096 "$BIN/ipcset" $n --lock -m "$id"
		[ "$stderr" = "ipcset: $id: cannot lock 0x00005e0b shm $id (1048576 bytes): that needs CAP_IPC_LOCK, or room under RLIMIT_MEMLOCK (4096 bytes, shared with what this user has locked already)" ]
	done
	# unlocking needs no room
	run -0 setpriv --inh-caps -ipc_lock --bounding-set -ipc_lock prlimit --memlock=0 "$BIN/ipcset" --unlock -m "$id"
	[ "$(ul_row -m 0x00005e0b | awk '{ print $7 }')" = "" ]
}

@test "-v names a uid or gid without a name by its number; -J lists every operand, and what was already so as unchanged" {
	id=$(ipccreate -M 4096 -k 0x5e0c -p 600)
	run -0 ipcset -v --owner 4321 --group 4322 -m "$id"
	[ "$output" = "0x00005e0c shm $id: owner root -> 4321, group root -> 4322" ]
	run -0 ipcset -v --owner 0 --group 0 -m "$id"
	[ "$output" = "0x00005e0c shm $id: owner 4321 -> root, group 4322 -> root" ]
	# chown's :GROUP: the group alone
	run -0 ipcset -v --owner :4322 -m "$id"
	[ "$output" = "0x00005e0c shm $id: group root -> 4322" ]
	run -1 --separate-stderr ipcset -J --mode 600 -m 999999 -m "$id"
	[ "$stderr" = "ipcset: 999999: No such identifier (shared memory)" ]
	[ "$(jq -c '[.[] | [.status, .operand, .kind, .reason]]' <<<"$output")" = \
		"$(jq -cn --arg id "$id" '[["failed", "999999", "shm", "No such identifier"], ["unchanged", $id, "shm", null]]')" ]
	run -0 ipcset -n -J --mode 600 -m "$id"
	[ "$(jq -r '.[0].status' <<<"$output")" = unchanged ]
	run -0 ipcset -J --mode 640 -m "$id"
	[ "$(jq -r '.[0].status' <<<"$output")" = changed ]
}

@test "usage errors: one line naming the operand, exit 2, nothing changed" {
	id=$(ipccreate -M 4096 -k 0x5e0a -p 600)
	q=$(ipccreate -Q -k 0x5e0a)
	u() {
		run -2 --separate-stderr ipcset "${@:2}"
		[ "$output" = "" ]
		[ "$stderr" = "ipcset: $1" ] || { echo "$stderr"; false; }
	}
	u "nothing to change: give --owner, --group, --mode, --qbytes, --lock or --unlock; try 'ipcset --help'" -m "$id"
	u "no object named: -m ID, -M KEY, -q ID, -Q KEY, -s ID, -S KEY or --posix-*; try 'ipcset --help'" --mode 600
	u "--mode 1777: invalid mode (octal, at most 0777, or as chmod: u+rw, g=r, o=)" --mode 1777 -m "$id"
	u "--mode g+z: invalid mode (octal, at most 0777, or as chmod: u+rw, g=r, o=)" --mode g+z -m "$id"
	u "--mode : invalid mode (octal, at most 0777, or as chmod: u+rw, g=r, o=)" --mode "" -m "$id"
	u "--owner nosuchuser: no such user" --owner nosuchuser -m "$id"
	u "--owner nosuchuser:root: no such user" --owner nosuchuser:root -m "$id"
	u "--owner :: no such user" --owner : -m "$id"
	u "--owner root:nosuchgroup: no such group" --owner root:nosuchgroup -m "$id"
	u "--group nosuchgroup: no such group" --group nosuchgroup -m "$id"
	u "--qbytes 1: not for shared memory $id (System V message queues only)" --qbytes 1 -q "$q" -m "$id"
	ipccreate -q -n /q5e0a >/dev/null
	u "--qbytes 1: not for POSIX message queue /q5e0a (System V message queues only)" --qbytes 1 --posix-mqueue /q5e0a
	u "--qbytes 5G: invalid size (bytes, at most 4294967295)" --qbytes 5G -q "$q"
	u "--lock: not for message queue $q (System V shared memory segments only)" --lock -m "$id" -q "$q"
	u "--lock and --unlock: choose one" --lock --unlock -m "$id"
	u "extra: unexpected operand; try 'ipcset --help'" --mode 644 -m "$id" extra
	u "0: Key 0 is IPC_PRIVATE and names no object" --mode 644 -M 0
	# checked first: a bad operand after good ones changes none of them
	u "x: invalid id (a decimal number)" --mode 644 -m "$id" -m x
	[ "$(field -m "$id" mode)" = 0600 ]
	run -1 --separate-stderr ipcset --mode 644 -m 999999
	[ "$stderr" = "ipcset: 999999: No such identifier (shared memory)" ]
}

@test "the ftok form and long names; ctime moves as the kernel says (IPC_SET does, SHM_LOCK does not)" {
	touch "$BATS_TEST_TMPDIR/keyfile"
	id=$(ipccreate -M 4096 -F "$BATS_TEST_TMPDIR/keyfile" -P A)
	ct() { ipcs -J -m | jq --argjson id "$id" '.[] | select(.id == $id) | .ctime_epoch'; }
	before=$(ct)
	sleep 1.1
	run -0 --separate-stderr ipcset -v --mode=640 -F "$BATS_TEST_TMPDIR/keyfile" -P A shm
	[[ $output = *" shm $id: mode 644 -> 640" ]]
	after=$(ct)
	[ "$after" -gt "$before" ]
	sleep 1.1
	run -0 ipcset --lock --shmem-id "$id"
	[ "$(ct)" = "$after" ]
	run -0 ipcset --unlock --shmem-key "$(ipcs -J -m | jq -r --argjson id "$id" '.[] | select(.id == $id) | .key')"
}
