#!/usr/bin/env bats
# SPDX-License-Identifier: MIT
# ipcs: byte for byte against util-linux's ipcs on objects of every kind and
# state, then what util-linux cannot do: JSON, filters, exit status.

load helpers

HELP=$BUILD/tests/ipchelp

setup_file() {
	export TZ=UTC LC_ALL=C
	load helpers
	state=$BATS_FILE_TMPDIR/state
	: > "$state"
	mk() { local id; id=$("$@"); echo "$id"; }
	{
		s_att=$(mk ipccreate -M 4096 -k 0x1f000001)
		echo "s_att=$s_att"
		echo "p_att=$("$HELP" attach "$s_att")"
		echo "p_ro=$("$HELP" attach "$s_att" ro)"
		echo "s_big=$(mk ipccreate -M 1M -p 600)"
		s_dest=$(mk ipccreate -M 100 -k 0x1f000002 -p 600)
		echo "s_dest=$s_dest"
		echo "p_dest=$("$HELP" attach "$s_dest")"
		"$UL_IPCRM" -m "$s_dest"
		# other owners need uids this namespace maps; a user namespace may map only 0
		s_odd=$(mk ipccreate -M 1500 -p 444)
		"$HELP" chown shm "$s_odd" 4242 4243 2>/dev/null && echo "s_odd=$s_odd"
		echo "s_frac=$(mk ipccreate -M 1587 --noreserve)"
		echo "s_huge=$(mk ipccreate -M 3G --noreserve -p 0)"
		q_full=$(mk ipccreate -Q -k 0x1f000003)
		"$HELP" send "$q_full" hello world!
		echo "q_full=$q_full"
		q_odd=$(mk ipccreate -Q -p 622)
		"$HELP" chown msg "$q_odd" 4242 65534 2>/dev/null && echo "q_odd=$q_odd"
		m_vals=$(mk ipccreate -S 3 -p 640)
		"$HELP" semop "$m_vals" 0 3
		"$HELP" setval "$m_vals" 2 7
		echo "m_vals=$m_vals"
		m_odd=$(mk ipccreate -S 1)
		"$HELP" chown sem "$m_odd" 65534 4243 2>/dev/null && echo "m_odd=$m_odd"
		long=$(awk -F: 'length($1) > 10 { print $3; exit }' /etc/passwd)
		if [ -n "$long" ]; then
			s_long=$(mk ipccreate -M 8192)
			"$HELP" chown shm "$s_long" "$long" "$long" 2>/dev/null &&
				echo "s_long=$s_long"
		fi
		if setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
			echo "s_nobody=$(setpriv --reuid=65534 --regid=65534 --clear-groups "$BIN/ipccreate" -M 4096 -p 0)"
			echo "q_nobody=$(setpriv --reuid=65534 --regid=65534 --clear-groups "$BIN/ipccreate" -Q -p 0)"
		fi
	} >> "$state"
}

teardown_file() {
	. "$BATS_FILE_TMPDIR/state"
	kill "$p_att" "$p_ro" "$p_dest" 2>/dev/null || true
	for v in s_att s_big s_odd s_frac s_huge s_long s_nobody; do
		[ -n "${!v:-}" ] && "$UL_IPCRM" -m "${!v}" 2>/dev/null
	done
	for v in q_full q_odd q_nobody; do
		[ -n "${!v:-}" ] && "$UL_IPCRM" -q "${!v}" 2>/dev/null
	done
	for v in m_vals m_odd; do
		[ -n "${!v:-}" ] && "$UL_IPCRM" -s "${!v}" 2>/dev/null
	done
	true
}

setup() {
	ipck_setup
	s_odd='' q_odd='' m_odd='' s_long=''
	. "$BATS_FILE_TMPDIR/state"
}

# same ARGS...: our output and status equal util-linux's, byte for byte
same() {
	local ours theirs
	theirs=$("$UL_IPCS" "$@" 2>&1; echo "[exit $?]")
	ours=$(ipcs "$@" 2>&1; echo "[exit $?]")
	if [ "$ours" != "$theirs" ]; then
		echo "ipcs $*: differs from util-linux:"
		diff <(echo "$theirs") <(echo "$ours") | cat -A | head -20
		return 1
	fi
}

@test "every listing mode matches util-linux, byte for byte" {
	# -p with queues is left out: its rows are fixed (the next test)
	for args in "" -a -m -q -s -t -c -l -u -b --human \
		"-m -t" "-q -t" "-s -t" "-m -p" "-s -p" "-m -s -p" "-m -c" "-q -c" "-s -c" \
		"-m -l" "-q -l" "-s -l" "-m -u" "-q -u" "-s -u" \
		"-l -b" "-l --human" "-u -b" "-u --human" "-m --human" "-q --human" \
		"-m -b" "-q -b" "-s --human" "-p -t" "-t -c" "-c -l" "-m -q" "-q -s -t"; do
		# shellcheck disable=SC2086
		same $args
	done
}

@test "the long options match util-linux's" {
	same --shmems
	same --queues --time
	same --semaphores --creator
	same --all --limits
	same --summary --bytes
	same --shmems --human
	same --shmems --pid
}

@test "-i matches util-linux for every kind and state" {
	for id in "$s_att" "$s_dest" "$s_odd" "$s_frac" "$s_huge"; do
		[ -n "$id" ] || continue
		same -m -i "$id"
		same -m --id "$id" --human
		same -m -i "$id" -b
	done
	same -q -i "$q_full"
	same -q -i "$q_full" --human
	[ -z "$q_odd" ] || same -q -i "$q_odd"
	same -s -i "$m_vals"
	[ -z "$m_odd" ] || same -s -i "$m_odd"
}

@test "the states util-linux shows: dest and key 0, names cut at 10, numeric owners" {
	need_owners
	run -0 ipcs -m
	[[ $output = *"0x00000000 $s_dest "*" dest "* ]]
	[[ $output = *"$(printf '%-10s %-10s %-10s' "$s_odd" 4242 444)"* ]]
	if [ -n "${s_long:-}" ]; then
		name=$(awk -F: 'length($1) > 10 { print $1; exit }' /etc/passwd)
		[[ $output = *" ${name:0:10} "* ]]
		run -0 ipcs -m -c
		[[ $output = *" $name "* ]]
	fi
}

@test "objects the caller cannot read are listed, as util-linux's /proc shows them" {
	[ -n "${s_nobody:-}" ] || skip "no second user in this namespace"
	need_nobody
	run -0 as_nobody "$BIN/ipcs" -m
	[[ $output = *" $s_nobody "*" 0          4096 "* ]]
	[ "$(as_nobody "$BIN/ipcs")" = "$(as_nobody "$UL_IPCS")" ]
	[ "$(as_nobody "$BIN/ipcs" -q -i "$q_nobody" | grep -c qbytes=)" = 1 ]
}

@test "-q -p rows are as wide as their header (util-linux's are narrower)" {
	expected=$("$UL_IPCS" -q -p | awk 'NR > 3 && NF == 4 { printf "%-10s %-10.10s %-10s %-10s\n", $1, $2, $3, $4; next } { print }')
	[ "$(ipcs -q -p)" = "$expected" ]
	run -0 ipcs -q -p
	header=${lines[1]}
	[ "${#header}" -eq 43 ]
	[ "$(printf '%s\n' "${lines[@]:2}" | awk '{ print length($0) }' | sort -u)" = 43 ]
}

@test "-i on a missing id: one line, exit 1 (util-linux exits 0)" {
	run -1 --separate-stderr ipcs -m -i 99999
	[ "$output" = "" ]
	[ "$stderr" = "ipcs: 99999: No such identifier (shared memory)" ]
	run -1 --separate-stderr ipcs -q --id 99999
	[ "$stderr" = "ipcs: 99999: No such identifier (message queue)" ]
	run -1 --separate-stderr ipcs -s -i 99999
	[ "$stderr" = "ipcs: 99999: No such identifier (semaphore set)" ]
}

@test "usage errors: exit 2, one line, nothing on stdout" {
	run -2 --separate-stderr ipcs -i 0
	[ "$output" = "" ]
	[ "$stderr" = "ipcs: -i 0: give exactly one of -m, -q or -s with it" ]
	run -2 --separate-stderr ipcs -m -q -i 0
	[ "$stderr" = "ipcs: -i 0: give exactly one of -m, -q or -s with it" ]
	run -2 --separate-stderr ipcs -m -i abc
	[ "$output" = "" ]
	[ "$stderr" = "ipcs: abc: invalid id (a decimal number)" ]
	run -2 --separate-stderr ipcs -m -i -1
	[ "$stderr" = "ipcs: -1: invalid id (a decimal number)" ]
	run -2 --separate-stderr ipcs --older-than 3x
	[ "$output" = "" ]
	[ "$stderr" = "ipcs: --older-than 3x: invalid duration (a number with s, m, h, d or w)" ]
	run -2 --separate-stderr ipcs --older-than ""
	[ "$stderr" = "ipcs: --older-than : invalid duration (a number with s, m, h, d or w)" ]
	run -2 --separate-stderr ipcs --owner no-such-user-here
	[ "$output" = "" ]
	[ "$stderr" = "ipcs: --owner no-such-user-here: no such user" ]
	run -2 --separate-stderr ipcs --creator=no-such-user-here
	[ "$stderr" = "ipcs: --created-by no-such-user-here: no such user" ]
	run -2 --separate-stderr ipcs --key 0xfffffffff
	[ "$stderr" = "ipcs: --key 0xfffffffff: key out of range (at most 0xffffffff)" ]
	run -2 --separate-stderr ipcs -m -i 2147483648
	[ "$stderr" = "ipcs: 2147483648: id out of range (at most 2147483647)" ]
	run -2 --separate-stderr ipcs --older-than 3000w
	[ "$stderr" = "ipcs: --older-than 3000w: duration out of range (at most $(( $(date +%s) / 604800 ))w, back to 1970)" ]
	run -2 --separate-stderr ipcs --created-by 99999999999
	[ "$stderr" = "ipcs: --created-by 99999999999: uid out of range (at most 4294967294)" ]
	run -2 --separate-stderr ipcs --with-id x
	[ "$stderr" = "ipcs: --with-id x: invalid id (a decimal number)" ]
	run -2 --separate-stderr ipcs -x
	[ "$output" = "" ]
	[ "$stderr" = "ipcs: unknown option '-x'; try 'ipcs --help'" ]
	run -2 --separate-stderr ipcs -m extra
	[ "$stderr" = "ipcs: extra: unexpected operand; try 'ipcs --help'" ]
	run -2 --separate-stderr ipcs -i
	[ "$stderr" = "ipcs: option '-i' needs an argument; try 'ipcs --help'" ]
	run -2 --separate-stderr ipcs -l --owner root
	[ "$stderr" = "ipcs: filters select rows, and -l has none" ]
	run -2 --separate-stderr ipcs -u --unattached
	[ "$stderr" = "ipcs: filters select rows, and -u has none" ]
	run -2 --separate-stderr ipcs -m -i 0 --orphaned
	[ "$stderr" = "ipcs: filters select rows, and -i has none" ]
}

@test "a write error fails: ipcs > /dev/full" {
	run -1 --separate-stderr sh -c 'ipcs > /dev/full'
	[ "$stderr" = "ipcs: write error: No space left on device" ]
	run -1 --separate-stderr sh -c 'ipcs -J -m > /dev/full'
	[ "$stderr" = "ipcs: write error: No space left on device" ]
}

# --- JSON ----------------------------------------------------------------

@test "-J is valid JSON with every object util-linux lists, typed" {
	run -0 ipcs -J
	jq -e 'type == "array"' <<<"$output"
	# the same ids util-linux lists, kind by kind
	for k in m:shm q:msg s:sem; do
		ul=$("$UL_IPCS" -"${k%%:*}" | awk 'NR > 3 && NF > 1 { print $2 }' | sort -n | tr '\n' ' ')
		js=$(jq -r --arg k "${k#*:}" '.[] | select(.kind == $k) | .id' <<<"$output" | sort -n | tr '\n' ' ')
		[ "$ul" = "$js" ]
	done
	jq -e --argjson id "$s_att" '.[] | select(.kind == "shm" and .id == $id) |
		.key == "0x1f000001" and .key_num == 520093697 and .size == 4096 and
		.nattch == 2 and .perms == "0644" and .mode == 420 and .owner == "root" and
		.uid == 0 and .creator == "root" and .cuid == 0 and .dest == false and
		(.atime | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}\\+00:00$")) and
		(.atime_epoch | type) == "number" and .dtime == null and .dtime_epoch == null' <<<"$output"
	jq -e --argjson id "$s_dest" '.[] | select(.kind == "shm" and .id == $id) |
		.dest == true and .key == "0x00000000" and .mode == 896' <<<"$output"
	if [ -n "$s_odd" ]; then
		jq -e --argjson id "$s_odd" '.[] | select(.kind == "shm" and .id == $id) |
			.owner == null and .uid == 4242 and .group == null and .gid == 4243' <<<"$output"
	fi
	jq -e --argjson id "$q_full" '.[] | select(.kind == "msg" and .id == $id) |
		.messages == 2 and .used_bytes == 11 and .qbytes > 0 and .lspid > 0 and
		.rtime == null' <<<"$output"
	jq -e --argjson id "$m_vals" '.[] | select(.kind == "sem" and .id == $id) |
		.nsems == 3 and .perms == "0640" and (.otime_epoch | type) == "number"' <<<"$output"
}

@test "-J times agree with util-linux's ctime text" {
	epoch=$(ipcs -J -m | jq -r --argjson id "$s_att" '.[] | select(.id == $id) | .ctime_epoch')
	ul=$("$UL_IPCS" -m -i "$s_att" | sed -n 's/^change_time=\(.*[0-9]\) *$/\1/p')
	[ "$(date -u -d "@$epoch" '+%a %b %e %H:%M:%S %Y')" = "$ul" ]
}

@test "-J of an empty selection is an empty array" {
	run -0 ipcs -J --key 0x7ffffff1
	[ "$output" = "[]" ]
	run -0 ipcs -J -t --owner 54321
	[ "$output" = "[]" ]
}

@test "-J for -i, -l and -u" {
	run -0 ipcs -J -s -i "$m_vals"
	jq -e '.kind == "sem" and .nsems == 3 and (.semaphores | length) == 3 and
		.semaphores[0].value == 3 and .semaphores[0].pid > 0 and
		.semaphores[2].value == 7 and .semaphores[1].value == 0' <<<"$output"
	run -0 ipcs -J -q -i "$q_full"
	jq -e '.messages == 2 and .qbytes == '"$(cat /proc/sys/kernel/msgmnb)" <<<"$output"
	run -0 ipcs -J -l
	jq -e '.shm.shmmax == '"$(cat /proc/sys/kernel/shmmax)"' and
		.shm.shmmni == '"$(cat /proc/sys/kernel/shmmni)"' and
		.msg.msgmnb == '"$(cat /proc/sys/kernel/msgmnb)"' and
		.sem.semmsl == '"$(cut -f1 /proc/sys/kernel/sem)" <<<"$output"
	run -0 ipcs -J -u -s
	used=$("$UL_IPCS" -u -s | sed -n 's/^allocated semaphores = //p')
	jq -e '.sem.semaphores == '"$used"' and (keys == ["sem"])' <<<"$output"
}

# --- filters ---------------------------------------------------------------

# the ids one kind's listing shows, sorted, on one line
ids() {
	ipcs "$@" | awk 'NR > 3 && NF > 1 { print $2 }' | sort -n | tr '\n' ' '
}

@test "--key and --with-id select rows in any mode" {
	[ "$(ids -m --key 0x1f000001)" = "$s_att " ]
	[ "$(ipcs -m -t --key 0x1f000001 | awk 'NR > 3 && NF > 1 { print $1 }')" = "$s_att" ]
	[ "$(ids -q --key 520093699)" = "$q_full " ]
	[ "$(ids -m --with-id "$s_big")" = "$s_big " ]
	[ "$(ipcs -J --with-id "$s_big" --private | jq -r '.[] | "\(.kind) \(.id)"' | grep -c "^shm $s_big$")" = 1 ]
}

@test "a filter given twice selects either value; different filters must all hold" {
	run -0 ipcs -J --key 0x1f000001 --key 0x1f000003 --key 0x7fffff01
	[ "$(jq -r 'map("\(.kind) \(.id)") | join(",")' <<<"$output")" = "msg $q_full,shm $s_att" ]
	[ "$(ids -m --key 0x1f000001 --key 0x1f000003)" = "$s_att " ]
	[ "$(ids -m --key 0x1f000001 --key 0x1f000003 --unattached)" = "" ]
	[ "$(ids -m --with-id "$s_big" --with-id "$s_frac")" = "$(printf '%s\n' "$s_big" "$s_frac" | sort -n | tr '\n' ' ')" ]
	[ "$(ids -m --with-id "$s_big" --with-id "$s_frac" --key 0x1f000001)" = "" ]
	[ "$(ids -m --unattached --unattached --with-id "$s_big")" = "$s_big " ]
	# --older-than twice: the less strict holds
	[ "$(ids -m --older-than 1h --older-than 0s --key 0x1f000001)" = "$s_att " ]
	[ "$(ids -m --older-than 0s --older-than 1h --key 0x1f000001)" = "$s_att " ]
	[ "$(ids -m --orphaned --orphaned --key 0x1f000001)" = "" ]
	# --private is one more value of --key
	[ "$(ids -m --private --key 0x1f000001 --with-id "$s_big" --with-id "$s_att")" = "$(printf '%s\n' "$s_att" "$s_big" | sort -n | tr '\n' ' ')" ]
	run -0 ipcs -J --private
	[ "$(jq -r 'map(.key) | unique | join(" ")' <<<"$output")" = "0x00000000" ]
	ul=$("$UL_IPCS" | awk 'NR > 3 && $1 == "0x00000000" { n++ } END { print n + 0 }')
	[ "$(jq length <<<"$output")" = "$ul" ]
	need_owners
	[ "$(ids -m --owner 4242 --owner root --private --key 0x1f000001 --with-id "$s_odd" --with-id "$s_att")" = "$(printf '%s\n' "$s_att" "$s_odd" | sort -n | tr '\n' ' ')" ]
	[ "$(ids -m --owner 4242 --owner 54321)" = "$s_odd " ]
	[ "$(ids -s --created-by 54321 --creator root --with-id "$m_odd")" = "$m_odd " ]
}

@test "--key 0 is a usage error that names --private" {
	for k in 0 0x0 00 0x00000000; do
		run -2 --separate-stderr ipcs --key "$k"
		[ "$output" = "" ]
		[ "$stderr" = "ipcs: --key $k: key 0 is IPC_PRIVATE and names no object; objects without a key are --private" ]
	done
	run -2 --separate-stderr ipcs -m --key 0x1f000001 --key 0
	[ "$output" = "" ]
}

@test "--owner and --creator=/--created-by, by name or uid" {
	need_owners
	[ "$(ids -m --owner 4242)" = "$s_odd " ]
	[ "$(ids -q --owner 4242)" = "$q_odd " ]
	[ "$(ids -s --owner nobody)" = "$m_odd " ]
	[ -z "$(ids -m --owner 4242 --created-by 4242)" ]
	[ "$(ids -m --owner 4242 --creator=root)" = "$s_odd " ]
	run -0 ipcs -c --creator=root --owner 4242
	[[ $output = *"$s_odd "* ]]
}

@test "--unattached selects segments with nattch 0, and no other kind" {
	expect=$("$UL_IPCS" -m | awk 'NR > 3 && NF > 1 && $6 == 0 { print $2 }' | sort -n | tr '\n' ' ')
	[ "$(ids -m --unattached)" = "$expect" ]
	[[ " $expect" != *" $s_att "* ]]
	[ -z "$(ids -q --unattached)" ]
	[ -z "$(ids -s --unattached)" ]
}

@test "--orphaned: unattached with creator and last user gone; never-used queues are not" {
	id=$(ipccreate -M 4096 -k 0x1f000010)
	pid=$("$HELP" attach "$id")
	[ -z "$(ids -m --orphaned --key 0x1f000010)" ]
	kill "$pid"
	for _ in 1 2 3 4 5 6 7 8 9 10; do
		[ "$("$UL_IPCS" -m | awk -v k=0x1f000010 '$1 == k { print $6 }')" = 0 ] && break
		sleep 0.1
	done
	[ "$(ids -m --orphaned --key 0x1f000010)" = "$id " ]
	# a segment whose creator lives is not orphaned
	sleep 30 & live=$!
	id2=$(ipccreate -M 4096 -k 0x1f000011)
	"$HELP" chown shm "$id2" 0 0
	[ -z "$(ids -m --orphaned --key 0x1f000011 --owner 54321)" ]
	kill "$live"
	q=$(ipccreate -Q -k 0x1f000012)
	[ -z "$(ids -q --orphaned --key 0x1f000012)" ]
	"$HELP" send "$q" x
	[ "$(ids -q --orphaned --key 0x1f000012)" = "$q " ]
	m=$(ipccreate -S 2 -k 0x1f000013)
	[ -z "$(ids -s --orphaned --key 0x1f000013)" ]
	"$HELP" semop "$m" 1 1
	[ "$(ids -s --orphaned --key 0x1f000013)" = "$m " ]
	"$UL_IPCRM" -m "$id" -m "$id2" -q "$q" -s "$m"
}

@test "--older-than compares the last change with now" {
	[ -z "$(ids -m --older-than 1h --key 0x1f000001)" ]
	[ "$(ids -m --older-than 0s --key 0x1f000001)" = "$s_att " ]
	sleep 2
	[ "$(ids -m --older-than 1s --key 0x1f000001)" = "$s_att " ]
	[ "$(ids -m --older-than 1d --key 0x1f000001)" = "" ]
	[ "$(ids -m --older-than 2w)" = "" ]
}

@test "filters combine with AND, and with JSON" {
	need_owners
	run -0 ipcs -J --owner 4242 --private --unattached
	[ "$(jq -r '.[] | "\(.kind) \(.id)"' <<<"$output")" = "shm $s_odd" ]
}

# --- the POSIX layout ----------------------------------------------------------

@test "--posix: the banner, then headings and a title per kind, queues first" {
	run -0 --separate-stderr ipcs --posix
	[[ ${lines[0]} =~ ^IPC\ status\ from\ \<running\ system\>\ as\ of\ [A-Z][a-z]{2}\ [A-Z][a-z]{2}\ [\ 0-9][0-9]\ [0-9]{2}:[0-9]{2}:[0-9]{2}\ [A-Z]+\ [0-9]{4}$ ]]
	[ "$(awk '/^T / { print "T" } /:$/' <<<"$output")" = "T
Message Queues:
T
Shared Memory:
T
Semaphores:" ]
	[[ $(grep -m1 '^T ' <<<"$output") =~ ^T\ +ID\ +KEY\ +MODE\ +OWNER\ +GROUP$ ]]
}

@test "--posix rows: the objects util-linux lists, with type letter, key and owner" {
	for k in q:m:shm m:q:msg s:s:sem; do
		letter=${k%%:*} rest=${k#*:} opt=${rest%%:*}
		[ "$letter" = q ] && opt=q
		[ "$letter" = m ] && opt=m
		# keys from util-linux's table, owners from its -c table (not cut at 10)
		ul=$(join <("$UL_IPCS" -"$opt" | awk 'NR > 3 && NF > 1 { print $2, $1 }' | sort) \
			<("$UL_IPCS" -"$opt" -c | awk 'NR > 3 && NF > 1 { print $1, $5 }' | sort) | sort -n)
		ours=$(ipcs --posix -"$opt" | awk -v l="$letter" '$1 == l { print $2, $3, $5 }' | sort -n)
		[ "$ul" = "$ours" ] || { diff <(echo "$ul") <(echo "$ours"); false; }
	done
}

@test "--posix MODE: D for a removed segment, r w a per class" {
	run -0 ipcs --posix -m
	[ "$(awk -v id="$s_dest" '$1 == "m" && $2 == id { print $4 }' <<<"$output")" = "D-rw-------" ]
	[ "$(awk -v id="$s_att" '$1 == "m" && $2 == id { print $4 }' <<<"$output")" = "--rw-r--r--" ]
	[ -z "$s_odd" ] || [ "$(awk -v id="$s_odd" '$1 == "m" && $2 == id { print $4 }' <<<"$output")" = "--r--r--r--" ]
	run -0 ipcs --posix -s
	[ "$(awk -v id="$m_vals" '$1 == "s" && $2 == id { print $4 }' <<<"$output")" = "--ra-r-----" ]
	if [ -n "$q_odd" ]; then
		run -0 ipcs --posix -q
		[ "$(awk -v id="$q_odd" '$1 == "q" && $2 == id { print $4 }' <<<"$output")" = "--rw--w--w-" ]
	fi
}

@test "--posix: -b -c -o -p -t add the standard's columns, -a all of them" {
	[[ $(ipcs --posix -q -o | grep -m1 '^T ') =~ GROUP\ +CBYTES\ +QNUM$ ]]
	[[ $(ipcs --posix -m -o | grep -m1 '^T ') =~ GROUP\ +NATTCH$ ]]
	[[ $(ipcs --posix -q -b | grep -m1 '^T ') =~ GROUP\ +QBYTES$ ]]
	[[ $(ipcs --posix -m -b | grep -m1 '^T ') =~ GROUP\ +SEGSZ$ ]]
	[[ $(ipcs --posix -s -b | grep -m1 '^T ') =~ GROUP\ +NSEMS$ ]]
	[[ $(ipcs --posix -m -c | grep -m1 '^T ') =~ GROUP\ +CREATOR\ +CGROUP$ ]]
	[[ $(ipcs --posix -q -p | grep -m1 '^T ') =~ GROUP\ +LSPID\ +LRPID$ ]]
	[[ $(ipcs --posix -m -p | grep -m1 '^T ') =~ GROUP\ +CPID\ +LPID$ ]]
	[[ $(ipcs --posix -s -t | grep -m1 '^T ') =~ GROUP\ +OTIME\ +CTIME$ ]]
	[ "$(ipcs --posix -a -q | grep -m1 '^T ' | tr -s ' ')" = "T ID KEY MODE OWNER GROUP CREATOR CGROUP CBYTES QNUM QBYTES LSPID LRPID STIME RTIME CTIME" ]
	[ "$(ipcs --posix -a -m | grep -m1 '^T ' | tr -s ' ')" = "T ID KEY MODE OWNER GROUP CREATOR CGROUP NATTCH SEGSZ CPID LPID ATIME DTIME CTIME" ]
	[ "$(ipcs --posix -bcopt -s | grep -m1 '^T ' | tr -s ' ')" = "T ID KEY MODE OWNER GROUP CREATOR CGROUP NSEMS OTIME CTIME" ]
	# values: util-linux's -i is the reference
	row=$(ipcs --posix -a -q | awk -v id="$q_full" '$1 == "q" && $2 == id')
	read -r _ _ _ _ _ _ _ _ cb qn qb ls lr st rt ct <<<"$row"
	ul=$("$UL_IPCS" -q -i "$q_full")
	[[ $ul = *"cbytes=$cb	qbytes=$qb	qnum=$qn	lspid=$ls	lrpid=$lr"* ]]
	[ "$rt" = no-entry ]
	[[ $st =~ ^[0-9]{1,2}:[0-9]{2}:[0-9]{2}$ ]]
	# the standard's hour has no leading zero; util-linux's ctime(3) has one
	[[ $ul = *"send_time="*" $(printf '%02d' "${st%%:*}"):${st#*:} "* ]]
	row=$(ipcs --posix -o -b -m | awk -v id="$s_att" '$1 == "m" && $2 == id')
	[ "$(awk '{ print $7, $8 }' <<<"$row")" = "2 4096" ]
}

@test "POSIXLY_CORRECT chooses the POSIX layout" {
	run -0 env POSIXLY_CORRECT=1 "$BIN/ipcs" -m -o
	[[ ${lines[0]} = "IPC status from "* ]]
	[[ $output = *"Shared Memory:"* ]]
	[[ $output != *"Message Queues:"* ]]
}

@test "--posix: util-linux-only options are usage errors; -o only in it" {
	for opt in -l -u --human "-m -i 0"; do
		# shellcheck disable=SC2086
		run -2 --separate-stderr ipcs --posix $opt
		[ "$output" = "" ]
		[[ $stderr = "ipcs: "*": not in the POSIX layout; try 'ipcs --help'" ]]
	done
	run -2 --separate-stderr ipcs -o
	[ "$stderr" = "ipcs: -o: only in the POSIX layout (--posix); try 'ipcs --help'" ]
}

@test "--posix takes the filters" {
	need_owners
	run -0 ipcs --posix --owner 4242
	[ "$(grep -c '^[qms] ' <<<"$output")" = 2 ]
	[[ $output = *"m $(printf '%6s' "$s_odd") "* ]]
}

# --- what hostile or odd input must not do ---------------------------------------

@test "-s -i on a set the caller may not read: the set, then one line and exit 1, never -1 for values" {
	need_nobody
	# m_vals is root's, mode 0640: nobody may see it (*_STAT_ANY), not read it
	run -1 --separate-stderr as_nobody "$BIN/ipcs" -s -i "$m_vals"
	[ "$stderr" = "ipcs: $m_vals: cannot read the values: Permission denied (semaphore set, mode rw-r-----, owner root (uid 0))" ]
	[[ ${lines[0]} = "Semaphore Array semid=$m_vals" ]]
	[[ $output = *"nsems = 3"* ]]
	[[ $output != *"-1"* ]]
	[[ $output != *semnum* ]]
	run -1 --separate-stderr as_nobody "$BIN/ipcs" -J -s -i "$m_vals"
	jq -e '.semaphores == null and .nsems == 3 and .id == '"$m_vals" <<<"$output"
	[ "$stderr" = "ipcs: $m_vals: cannot read the values: Permission denied (semaphore set, mode rw-r-----, owner root (uid 0))" ]
}

@test "--xsi and --posix choose the XSI layout; --pos is ambiguous beside --posix-*, never the wrong layout" {
	for opt in --xsi --posix --xs; do
		run -0 --separate-stderr ipcs "$opt" -m -o
		[[ ${lines[0]} = "IPC status from "* ]]
		[[ $(grep -m1 '^T ' <<<"$output") =~ GROUP\ +NATTCH$ ]]
	done
	run -0 ipcs --xsi -bcopt -s
	[ "$(grep -m1 '^T ' <<<"$output" | tr -s ' ')" = "T ID KEY MODE OWNER GROUP CREATOR CGROUP NSEMS OTIME CTIME" ]
	run -2 --separate-stderr ipcs --pos -m -o
	[ "$output" = "" ]
	[ "$stderr" = "ipcs: option '--pos' is ambiguous (--posix-shmems, --posix-mqueues, --posix-semaphores, --posix); try 'ipcs --help'" ]
}

@test "--creator USER filters as in ipcrm; --creator alone is util-linux's table" {
	[ "$(ids -m --creator root)" = "$(ids -m --created-by root)" ]
	[ "$(ids -m --creator root)" = "$(ids -m --creator=root)" ]
	[ -n "$(ids -m --creator root)" ]
	[ -z "$(ids -m --creator 54321)" ]
	run -0 ipcs --creator -m
	[ "${lines[0]}" = "------ Shared Memory Segment Creators/Owners --------" ]
	same --creator -q
}

@test "uids above 2^31 are uids: --owner and --created-by take every valid one" {
	run -0 --separate-stderr ipcs -m --owner 4294967294
	[ "$stderr" = "" ]
	run -0 ipcs -m --created-by 2147483648
	need_real_root
	id=$(ipccreate -M 4096)
	"$HELP" chown shm "$id" 3000000000 3000000001
	[ "$(ids -m --owner 3000000000)" = "$id " ]
	run -0 ipcs -J -m --owner 3000000000
	jq -e '.[0].uid == 3000000000 and .[0].gid == 3000000001 and .[0].owner == null' <<<"$output"
	"$UL_IPCRM" -m "$id"
}

@test "user names are escaped in every table, and JSON stays valid UTF-8" {
	named_root $'\xffroot\x1b]0;pwn\x07'
	for args in "" -c -t -p "--posix -a"; do
		# shellcheck disable=SC2086
		run -0 --separate-stderr with_names "$BIN/ipcs" $args
		[ "$(grep -c $'[\x1b\x07]' <<<"$output")" = 0 ] || { echo "ipcs $args"; false; }
		LC_ALL=C grep -q $'\xff' <<<"$output" && { echo "ipcs $args"; false; }
		[[ $output = *'\xff'* ]]
	done
	run -0 --separate-stderr with_names "$BIN/ipcs" -c -m
	[[ $output = *' \xffroot\x1b]0;pwn\x07 '* ]]
	run -0 --separate-stderr with_names "$BIN/ipcs" -J
	valid_utf8 <<<"$output"
	jq -e --argjson id "$s_att" '.[] | select(.kind == "shm" and .id == $id) |
		.owner == "\ufffdroot\u001b]0;pwn\u0007" and .creator_group == "\ufffdroot\u001b]0;pwn\u0007"' <<<"$output"
	[ "$(grep -c $'[\x1b\x07]' <<<"$output")" = 0 ]
}
