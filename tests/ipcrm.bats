#!/usr/bin/env bats
# SPDX-License-Identifier: MIT
# ipcrm: every option, the old form and every error path.  What was removed
# is read back with util-linux's ipcs; whatever acts on every object (-a)
# runs in a namespace of the test's own (new_ns), where the survivors are
# compared with the set the test expects.

load helpers

HELP=$BUILD/tests/ipchelp

# id of the object util-linux lists with KEY (kind -m, -q, -s)
ul_id() {
	ul_row "$1" "$2" | cut -d' ' -f2
}

# 1 when util-linux's ipcs lists id ID of KIND, else 0
ul_has() {
	"$UL_IPCS" "$1" | awk -v id="$2" 'NR > 3 && $2 == id { n++ } END { print n + 0 }'
}

# What is left in the test's namespace, as util-linux lists it: "m KEY",
# "q KEY", "s KEY" sorted, with "m dest" for a segment marked for removal.
survivors() {
	{
		in_ns "$UL_IPCS" -m | awk 'NR > 3 && NF > 1 { print "m", ($7 == "dest" ? "dest" : $1) }'
		in_ns "$UL_IPCS" -q | awk 'NR > 3 && NF > 1 { print "q", $1 }'
		in_ns "$UL_IPCS" -s | awk 'NR > 3 && NF > 1 { print "s", $1 }'
	} | sort | paste -sd' ' -
}

# Wait until util-linux shows segment KEY with nattch N in the test's namespace.
wait_nattch() {
	for _ in $(seq 50); do
		[ "$(in_ns "$UL_IPCS" -m | awk -v k="$1" '$1 == k { print $6 }')" = "$2" ] && return
		sleep 0.1
	done
	echo "segment $1 never reached nattch $2"
	return 1
}

# In a new namespace, one object in each state the filters tell apart:
#   m ..01 attached by a live process      m ..02 detached by a live process
#   m ..03 its last user died               m ..08 never attached (creator gone)
#   q ..04 its last sender died             q ..05 never used
#   s ..06 its last semop-er died           s ..07 never used
# and, where this namespace maps other uids (need_owners), m ..08 and q ..09
# owned by uid 4242.
mix() {
	new_ns
	local id
	id=$(in_ns ipccreate -M 4096 -k 0x2a000001)
	HELPERS="$HELPERS $(in_ns "$HELP" attach "$id")"
	id=$(in_ns ipccreate -M 4096 -k 0x2a000002)
	HELPERS="$HELPERS $(in_ns "$HELP" attach "$id" detach)"
	id=$(in_ns ipccreate -M 4096 -k 0x2a000003)
	pid=$(in_ns "$HELP" attach "$id")
	kill "$pid"
	wait_nattch 0x2a000003 0
	id=$(in_ns ipccreate -Q -k 0x2a000004)
	in_ns "$HELP" send "$id" hello
	in_ns ipccreate -Q -k 0x2a000005 >/dev/null
	id=$(in_ns ipccreate -S 1 -k 0x2a000006)
	in_ns "$HELP" semop "$id" 0 1
	in_ns ipccreate -S 1 -k 0x2a000007 >/dev/null
	m8=$(in_ns ipccreate -M 4096 -k 0x2a000008)
	q9=$(in_ns ipccreate -Q -k 0x2a000009)
	if maps_id uid 4242; then
		in_ns "$HELP" chown shm "$m8" 4242 4242
		in_ns "$HELP" chown msg "$q9" 4242 4242
	fi
	[ "$(survivors)" = "$ALL" ]
}
ALL="m 0x2a000001 m 0x2a000002 m 0x2a000003 m 0x2a000008 q 0x2a000004 q 0x2a000005 q 0x2a000009 s 0x2a000006 s 0x2a000007"

# rm_leaves EXPECTED ARGS...: `ipcrm ARGS` in the test's namespace exits 0
# and leaves EXPECTED; first its dry run removes nothing and says what -v
# then says.
rm_leaves() {
	local expect=$1 before plan
	shift
	before=$(survivors)
	run -0 --separate-stderr in_ns ipcrm -n "$@"
	[ "$stderr" = "" ]
	plan=$output
	[ "$(survivors)" = "$before" ]
	run -0 --separate-stderr in_ns ipcrm -v "$@"
	[ "$stderr" = "" ]
	[ "$output" = "$plan" ] || { diff <(echo "$plan") <(echo "$output"); false; }
	[ "$(survivors)" = "$expect" ] || { echo "left: $(survivors)"; echo "want: $expect"; false; }
}

@test "-m, -q, -s remove by id, and nothing else" {
	m=$(ipccreate -M 4096 -k 0x2b000001)
	q=$(ipccreate -Q -k 0x2b000001)
	s=$(ipccreate -S 2 -k 0x2b000001)
	other=$(ipccreate -M 4096 -k 0x2b000002)
	[ "$(ul_has -m "$m")$(ul_has -q "$q")$(ul_has -s "$s")" = 111 ]
	run -0 --separate-stderr ipcrm -m "$m" -q "$q" -s "$s"
	[ "$output$stderr" = "" ]
	[ "$(ul_has -m "$m")$(ul_has -q "$q")$(ul_has -s "$s")" = 000 ]
	[ "$(ul_has -m "$other")" = 1 ]
	"$UL_IPCRM" -m "$other"
}

@test "the long names of util-linux" {
	m=$(ipccreate -M 4096 -k 0x2b000003)
	q=$(ipccreate -Q -k 0x2b000003)
	s=$(ipccreate -S 1 -k 0x2b000003)
	run -0 ipcrm --shmem-id "$m" --queue-id="$q" --semaphore-id "$s"
	[ "$(ul_has -m "$m")$(ul_has -q "$q")$(ul_has -s "$s")" = 000 ]
	m=$(ipccreate -M 4096 -k 0x2b000003)
	q=$(ipccreate -Q -k 0x2b000003)
	s=$(ipccreate -S 1 -k 0x2b000003)
	run -0 ipcrm --shmem-key 0x2b000003 --queue-key=0x2b000003 --semaphore-key 0x2b000003
	[ "$(ul_has -m "$m")$(ul_has -q "$q")$(ul_has -s "$s")" = 000 ]
}

@test "-M, -Q, -S remove by key in any notation, each of its own kind" {
	m=$(ipccreate -M 4096 -k 0x2b000004)
	q=$(ipccreate -Q -k 0x2b000004)
	s=$(ipccreate -S 1 -k 0x2b000004)
	run -0 --separate-stderr ipcrm -M $((0x2b000004))
	[ "$output$stderr" = "" ]
	[ "$(ul_has -m "$m")$(ul_has -q "$q")$(ul_has -s "$s")" = 011 ]
	run -0 ipcrm -Q 05300000004
	[ "$(ul_has -q "$q")$(ul_has -s "$s")" = 01 ]
	run -0 ipcrm -S 0X2B000004
	[ "$(ul_has -s "$s")" = 0 ]
}

@test "the old form: TYPE ID..., util-linux's line on success" {
	a=$(ipccreate -M 4096 -k 0x2b000005)
	b=$(ipccreate -M 4096 -k 0x2b000006)
	run -0 --separate-stderr ipcrm shm "$a" "$b"
	ul=$("$UL_IPCRM" shm "$(ipccreate -M 4096 -k 0x2b000007)")
	[ "$output" = "$ul" ]
	[ "$output" = "resource(s) deleted" ]
	[ "$(ul_has -m "$a")$(ul_has -m "$b")" = 00 ]
	q=$(ipccreate -Q -k 0x2b000005)
	s=$(ipccreate -S 1 -k 0x2b000005)
	run -0 ipcrm -v msg "$q"
	[ "${lines[0]}" = "removing message queue id \`$q' (key 0x2b000005, owner root)" ]
	[ "${lines[1]}" = "resource(s) deleted" ]
	run -1 --separate-stderr ipcrm sem "$s" 99999
	[ "$output" = "" ]
	[ "$stderr" = "ipcrm: 99999: No such identifier (semaphore set)" ]
	[ "$(ul_has -s "$s")" = 0 ]
}

@test "failures: one line each naming the operand; the rest still removed; exit 1" {
	m=$(ipccreate -M 4096 -k 0x2b000008)
	q=$(ipccreate -Q -k 0x2b000008)
	run -1 --separate-stderr ipcrm -m 99999 -m "$m" -M 0x2b0000ff -q "$q" -S 0x2b000008
	[ "$output" = "" ]
	[ "${#stderr_lines[@]}" = 3 ]
	[ "${stderr_lines[0]}" = "ipcrm: 99999: No such identifier (shared memory)" ]
	[ "${stderr_lines[1]}" = "ipcrm: 0x2b0000ff: No such key (shared memory, 0x2b0000ff)" ]
	[ "${stderr_lines[2]}" = "ipcrm: 0x2b000008: No such key (semaphore set, 0x2b000008)" ]
	[ "$(ul_has -m "$m")$(ul_has -q "$q")" = 00 ]
	run -1 --separate-stderr ipcrm -q 99999
	[ "$stderr" = "ipcrm: 99999: No such identifier (message queue)" ]
}

@test "an object named twice is removed once, then already removed: exit 0" {
	m=$(ipccreate -M 4096 -k 0x2b000009)
	run -0 --separate-stderr ipcrm -v -m "$m" -m "$m"
	[ "$stderr" = "" ]
	[ "${lines[0]}" = "removing shared memory segment id \`$m' (key 0x2b000009, owner root)" ]
	[ "${lines[1]}" = "shared memory segment id \`$m' is already removed" ]
	q=$(ipccreate -Q -k 0x2b000009)
	run -0 ipcrm -v -Q 0x2b000009 -Q 0x2b000009
	[ "${lines[1]}" = "message queue key \`0x2b000009' is already removed" ]
	[ "$(ul_has -q "$q")" = 0 ]
	# without -v the same, silently
	m=$(ipccreate -M 4096 -k 0x2b000009)
	run -0 --separate-stderr ipcrm -m "$m" -m "$m"
	[ "$output$stderr" = "" ]
}

@test "one object named by id, then by key (or the reverse), is removed once: exit 0" {
	for order in id-key key-id; do
		m=$(ipccreate -M 4096 -k 0x2b000019)
		if [ "$order" = id-key ]; then
			args=(-m "$m" -M 0x2b000019)
			second="shared memory segment key \`0x2b000019' is already removed"
		else
			args=(-M 0x2b000019 -m "$m")
			second="shared memory segment id \`$m' is already removed"
		fi
		run -0 --separate-stderr ipcrm -n "${args[@]}"
		[ "$stderr" = "" ]
		plan=$output
		[ "${lines[0]}" = "removing shared memory segment id \`$m' (key 0x2b000019, owner root)" ]
		[ "${lines[1]}" = "$second" ]
		[ "$(ul_has -m "$m")" = 1 ]
		run -0 --separate-stderr ipcrm -v "${args[@]}"
		[ "$stderr" = "" ]
		[ "$output" = "$plan" ]
		[ "$(ul_has -m "$m")" = 0 ]
	done
	# quietly, and for every kind
	m=$(ipccreate -M 4096 -k 0x2b000019)
	q=$(ipccreate -Q -k 0x2b000019)
	s=$(ipccreate -S 1 -k 0x2b000019)
	run -0 --separate-stderr ipcrm -m "$m" -q "$q" -s "$s" -M 0x2b000019 -Q 0x2b000019 -S 0x2b000019
	[ "$output$stderr" = "" ]
	[ "$(ul_has -m "$m")$(ul_has -q "$q")$(ul_has -s "$s")" = 000 ]
	# an attached segment keeps its id but loses its key when removed
	new_ns
	m=$(in_ns ipccreate -M 4096 -k 0x2b000019)
	HELPERS=$(in_ns "$HELP" attach "$m")
	run -0 --separate-stderr in_ns ipcrm -v -m "$m" -M 0x2b000019
	[ "$stderr" = "" ]
	[ "${lines[1]}" = "shared memory segment key \`0x2b000019' is already removed" ]
	[ "$(survivors)" = "m dest" ]
}

@test "usage errors: one line, exit 2, and nothing is removed" {
	m=$(ipccreate -M 4096 -k 0x2b00000a)
	try() {
		local want=$1
		shift
		run -2 --separate-stderr ipcrm "$@"
		[ "$output" = "" ]
		[ "$stderr" = "ipcrm: $want" ] || { echo "ipcrm $*: $stderr"; false; }
		[ "$(ul_has -m "$m")" = 1 ]
	}
	try "nothing to remove; try 'ipcrm --help'"
	try "x: invalid id (a decimal number)" -m "$m" -m x
	try "0x1: invalid id (a decimal number)" -m "$m" -q 0x1
	try "-1: invalid id (a decimal number)" -m "$m" -s -1
	try ": invalid id (a decimal number)" -m "$m" -m ""
	try "zz: invalid key (0x hex, 0 octal or decimal, 32 bits)" -m "$m" -M zz
	try "0x100000000: key out of range (at most 0xffffffff)" -m "$m" -Q 0x100000000
	try "2147483648: id out of range (at most 2147483647)" -m "$m" -s 2147483648
	try "--older-than 3000w: duration out of range (at most $(( $(date +%s) / 604800 ))w, back to 1970)" -a --older-than 3000w
	try "--older-than 99999999999999999999d: duration out of range (at most $(( $(date +%s) / 86400 ))d, back to 1970)" -a --older-than 99999999999999999999d
	try "--owner 4294967295: uid out of range (at most 4294967294)" -a --owner 4294967295
	try "--key zz: invalid key (0x hex, 0 octal or decimal, 32 bits)" -a --key zz
	try "--with-id x: invalid id (a decimal number)" -a --with-id x
	try "0: Key 0 is IPC_PRIVATE and names no object" -m "$m" -M 0
	try "0x0: Key 0 is IPC_PRIVATE and names no object" -S 0x0 -m "$m"
	try "option '-m' needs an argument; try 'ipcrm --help'" -M 0x2b00000a -m
	try "option '--shmem-key' needs an argument; try 'ipcrm --help'" -m "$m" --shmem-key
	try "unknown option '-x'; try 'ipcrm --help'" -m "$m" -x
	try "unknown option '--bogus'; try 'ipcrm --help'" -m "$m" --bogus=1
	try "foo: unexpected operand; try 'ipcrm --help'" -m "$m" foo
	try "shm: no id after the type; try 'ipcrm --help'" shm
	try "abc: invalid id (a decimal number)" shm "$m" abc
	try "filters choose what --all removes; add -a or --all=TYPE" -m "$m" --unattached
	try "--all=foo: unknown type for --all (shm, msg, sem, pshm, pmsg or psem)" -m "$m" --all=foo
	try "--all=: unknown type for --all (shm, msg, sem, pshm, pmsg or psem)" --all=
	try "-a0: unknown type for --all (shm, msg, sem, pshm, pmsg or psem)" -a0
	try "--older-than 3x: invalid duration (a number with s, m, h, d or w)" -a --older-than 3x
	try "--owner no-such-user-here: no such user" -a --owner no-such-user-here
	try "--created-by no-such-user-here: no such user" -a --creator no-such-user-here
	"$UL_IPCRM" -m "$m"
}

@test "the -a trap: 'ipcrm -a shm' removes nothing (util-linux removes everything)" {
	mix
	run -2 --separate-stderr in_ns ipcrm -a shm
	[ "$stderr" = "ipcrm: shm: unexpected operand; --all takes its type attached (--all=shm or -ashm)" ]
	[ "$(survivors)" = "$ALL" ]
	run -2 in_ns ipcrm -v --all shm 3
	run -2 in_ns ipcrm -m 0 -a msg
	[ "$(survivors)" = "$ALL" ]
}

@test "-a removes every object; one still attached stays, marked dest" {
	mix
	rm_leaves "m dest" -a
}

@test "--all=TYPE, -aTYPE and several of them" {
	mix
	rm_leaves "m dest q 0x2a000004 q 0x2a000005 q 0x2a000009 s 0x2a000006 s 0x2a000007" --all=shm
	leave_ns
	mix
	rm_leaves "m 0x2a000001 m 0x2a000002 m 0x2a000003 m 0x2a000008 q 0x2a000004 q 0x2a000005 q 0x2a000009" -asem
	rm_leaves "m dest" -amsg --all=shm
}

@test "-a goes in util-linux's order (segments, sets, queues), after the operands" {
	mk() {
		in_ns ipccreate -M 4096 -Q -S 1 >/dev/null
		in_ns ipccreate -M 100 -Q -S 2 -k 0x2a0000ff >/dev/null
	}
	new_ns
	mk
	theirs=$(in_ns "$UL_IPCRM" -v -a -q 1)
	leave_ns
	new_ns
	mk
	run -0 in_ns ipcrm -v -a -q 1
	[ "$(sed 's/ (key .*//' <<<"$output")" = "$theirs" ]
	[ "${#lines[@]}" = 6 ]
}

@test "--unattached removes the segments nothing has attached" {
	mix
	rm_leaves "m 0x2a000001 q 0x2a000004 q 0x2a000005 q 0x2a000009 s 0x2a000006 s 0x2a000007" \
		-a --unattached
}

@test "--orphaned removes what no live process attached or last used" {
	mix
	rm_leaves "m 0x2a000001 m 0x2a000002 q 0x2a000005 q 0x2a000009 s 0x2a000007" -a --orphaned
}

@test "--orphaned and --unattached together, one type" {
	mix
	rm_leaves "m 0x2a000001 m 0x2a000002 q 0x2a000004 q 0x2a000005 q 0x2a000009 s 0x2a000006 s 0x2a000007" \
		--all=shm --orphaned --unattached
}

@test "--key removes the objects with that key, of the types asked for" {
	mix
	rm_leaves "m 0x2a000001 m 0x2a000002 m 0x2a000003 m 0x2a000008 q 0x2a000005 q 0x2a000009 s 0x2a000006 s 0x2a000007" \
		-a --key 0x2a000004
	run -0 --separate-stderr in_ns ipcrm -v --all=shm --key 0x2a000005
	[ "$output$stderr" = "" ]
}

@test "a filter given twice removes objects with either value; different filters must all hold" {
	mix
	rm_leaves "m 0x2a000001 m 0x2a000002 m 0x2a000003 m 0x2a000008 q 0x2a000005 q 0x2a000009 s 0x2a000007" \
		-a --key 0x2a000004 --key 0x2a000006
	rm_leaves "m 0x2a000001 m 0x2a000002 m 0x2a000008 q 0x2a000005 q 0x2a000009 s 0x2a000007" \
		--all=shm --key 0x2a000001 --key 0x2a000003 --unattached --unattached --orphaned --orphaned
	q5=$(in_ns "$UL_IPCS" -q | awk '$1 == "0x2a000005" { print $2 }')
	rm_leaves "m 0x2a000001 m 0x2a000002 m 0x2a000008 q 0x2a000009 s 0x2a000007" \
		--all=msg --with-id 99999 --with-id "$q5"
	sleep 1
	rm_leaves "m 0x2a000001 m 0x2a000008 q 0x2a000009" \
		-a --older-than 1d --older-than 0s --key 0x2a000007 --key 0x2a000002
	need_owners
	rm_leaves "m 0x2a000001 q 0x2a000009" \
		-a --owner 4242 --owner 54321 --key 0x2a000008 --key 0x2a000001
	rm_leaves "m 0x2a000001" \
		-a --created-by 4242 --creator root --key 0x2a000009
}

@test "--key 0 is a usage error that names --private; --private removes what has no key" {
	new_ns
	in_ns ipccreate -M 4096 -Q -S 1 >/dev/null
	in_ns ipccreate -M 4096 -k 0x5 >/dev/null
	ALL="m 0x00000000 m 0x00000005 q 0x00000000 s 0x00000000"
	[ "$(survivors)" = "$ALL" ]
	for k in 0 0x0 000; do
		run -2 --separate-stderr in_ns ipcrm -v -a --key "$k"
		[ "$output" = "" ]
		[ "$stderr" = "ipcrm: --key $k: key 0 is IPC_PRIVATE and names no object; objects without a key are --private" ]
	done
	[ "$(survivors)" = "$ALL" ]
	rm_leaves "m 0x00000000 m 0x00000005" --all=msg --all=sem --private
	rm_leaves "" -a --private --key 0x5
}

@test "--owner and --creator remove one user's objects" {
	mix
	need_owners
	rm_leaves "m 0x2a000001 m 0x2a000002 m 0x2a000003 q 0x2a000004 q 0x2a000005 s 0x2a000006 s 0x2a000007" \
		-a --owner 4242
	# uid 4242 owns them, root made them
	run -0 --separate-stderr in_ns ipcrm -v -a --creator 4242
	[ "$output" = "" ]
	rm_leaves "m 0x2a000001 q 0x2a000004 q 0x2a000005 s 0x2a000006 s 0x2a000007" \
		-a --created-by root --unattached
}

@test "--older-than removes what was last changed before then" {
	new_ns
	in_ns ipccreate -M 4096 -Q -k 0x2a000010 >/dev/null
	sleep 3
	in_ns ipccreate -M 4096 -k 0x2a000011 >/dev/null
	ALL="m 0x2a000010 m 0x2a000011 q 0x2a000010"
	run -0 --separate-stderr in_ns ipcrm -v -a --older-than 1h
	[ "$output" = "" ]
	# ctime is in whole seconds: the new one may look up to a second
	# older than it is, and a slow machine adds more; 2s keeps clear of both
	rm_leaves "m 0x2a000011 q 0x2a000010" --all=shm --older-than 2s
}

@test "-n: nothing removed, exit 1 for what would fail, the words of -v" {
	m=$(ipccreate -M 4096 -k 0x2b00000b)
	run -1 --separate-stderr ipcrm -n -m "$m" -M 0x2b0000fe -m "$m"
	[ "${lines[0]}" = "removing shared memory segment id \`$m' (key 0x2b00000b, owner root)" ]
	[ "${lines[1]}" = "shared memory segment id \`$m' is already removed" ]
	[ "$stderr" = "ipcrm: 0x2b0000fe: No such key (shared memory, 0x2b0000fe)" ]
	[ "$(ul_has -m "$m")" = 1 ]
	run -1 --separate-stderr ipcrm -v -m "$m" -M 0x2b0000fe -m "$m"
	[ "${lines[0]}" = "removing shared memory segment id \`$m' (key 0x2b00000b, owner root)" ]
	[ "${lines[1]}" = "shared memory segment id \`$m' is already removed" ]
	[ "$(ul_has -m "$m")" = 0 ]
}

@test "an attached segment is marked dest, not freed; -v says how many have it" {
	new_ns
	m=$(in_ns ipccreate -M 4096 -k 0x2b00000c)
	HELPERS="$(in_ns "$HELP" attach "$m") $(in_ns "$HELP" attach "$m" ro)"
	run -0 --separate-stderr in_ns ipcrm -v -m "$m"
	[ "$output" = "removing shared memory segment id \`$m' (key 0x2b00000c, owner root, 2 attached: freed at the last detach)" ]
	row=$(in_ns "$UL_IPCS" -m | awk -v id="$m" '$2 == id' | tr -s ' ')
	[ "$row" = "0x00000000 $m root 644 4096 2 dest " ]
	# it can be named again; -a leaves it to the kernel
	run -0 --separate-stderr in_ns ipcrm -m "$m"
	[ "$output$stderr" = "" ]
	run -0 --separate-stderr in_ns ipcrm -v -a
	[ "$output$stderr" = "" ]
	[ "$(survivors)" = "m dest" ]
}

@test "an object that vanishes under ipcrm is already removed, not a failure" {
	export ASAN_OPTIONS=verify_asan_link_order=0
	mix
	run -0 --separate-stderr in_ns env LD_PRELOAD="$BUILD/tests/vanish.so" ipcrm -v -a --unattached
	[ "$stderr" = "" ]
	[ "${#lines[@]}" = 3 ]
	for l in "${lines[@]}"; do
		[[ $l = "shared memory segment id \`"*"' is already removed" ]]
	done
	[ "$(survivors)" = "m 0x2a000001 q 0x2a000004 q 0x2a000005 q 0x2a000009 s 0x2a000006 s 0x2a000007" ]
	run -0 --separate-stderr in_ns env LD_PRELOAD="$BUILD/tests/vanish.so" ipcrm -Q 0x2a000004 -S 0x2a000006
	[ "$output$stderr" = "" ]
	# an id no run found is still an error
	id=$(in_ns "$UL_IPCS" -q | awk '$1 == "0x2a000005" { print $2 }')
	run -1 --separate-stderr in_ns env LD_PRELOAD="$BUILD/tests/vanish.so" ipcrm -q "$id"
	[ "$stderr" = "ipcrm: $id: No such identifier (message queue)" ]
}

@test "-J: one object per line, removed, failed, selected, already removed" {
	m=$(ipccreate -M 4096 -k 0x2b00000d)
	q=$(ipccreate -Q -k 0x2b00000d)
	run -1 --separate-stderr ipcrm -J -M 0x2b00000d -q 99999 -S 0x2b0000fd -q "$q"
	[ "$stderr" = "ipcrm: 99999: No such identifier (message queue)"$'\n'"ipcrm: 0x2b0000fd: No such key (semaphore set, 0x2b0000fd)" ]
	[ "${#lines[@]}" = 6 ]
	[ "${lines[0]}" = "[" ]
	[ "${lines[5]}" = "]" ]
	want=$(jq -cn --argjson m "$m" --argjson q "$q" '[
		{status: "removed", operand: "0x2b00000d", kind: "shm", id: $m, key: "0x2b00000d",
		 key_num: 721420301, owner: "root", uid: 0, nattch: 0, reason: null},
		{status: "failed", operand: "99999", kind: "msg", id: 99999, key: null,
		 key_num: null, owner: null, uid: null, reason: "No such identifier"},
		{status: "failed", operand: "0x2b0000fd", kind: "sem", id: null, key: "0x2b0000fd",
		 key_num: 721420541, owner: null, uid: null, reason: "No such key"},
		{status: "removed", operand: ($q | tostring), kind: "msg", id: $q, key: "0x2b00000d",
		 key_num: 721420301, owner: "root", uid: 0, reason: null}]')
	[ "$(jq -cS . <<<"$output")" = "$(jq -cS . <<<"$want")" ]
	[ "$(ul_has -m "$m")$(ul_has -q "$q")" = 00 ]

	mix
	run -0 in_ns ipcrm -n -J -a --orphaned
	[ "$(jq -r 'map(.status) | unique | join(",")' <<<"$output")" = selected ]
	[ "$(jq -r 'map(.key) | sort | join(" ")' <<<"$output")" = \
		"0x2a000003 0x2a000004 0x2a000006 0x2a000008" ]
	[ "$(jq -r 'map(.operand) | unique | join(",")' <<<"$output")" = "" ]
	run -0 in_ns env ASAN_OPTIONS=verify_asan_link_order=0 \
		LD_PRELOAD="$BUILD/tests/vanish.so" ipcrm -J -S 0x2a000006
	[ "$(jq -r '.[0].status' <<<"$output")" = already_removed ]
	run -0 in_ns ipcrm -J --all=msg --key 0x2a000004
	[ "$(jq -c '.[0] | [.status, .kind, .key, .owner, .reason]' <<<"$output")" = \
		'["removed","msg","0x2a000004","root",null]' ]
}

@test "-J with nothing to remove is an empty array" {
	new_ns
	run -0 --separate-stderr in_ns ipcrm -J -a
	[ "$output" = "[]" ]
	[ "$stderr" = "" ]
}

@test "as nobody: root's objects are refused, naming the owner; its own unreadable ones go" {
	need_nobody
	m=$(ipccreate -M 4096 -k 0x2b00000e -p 644)
	run -1 --separate-stderr as_nobody ipcrm -m "$m"
	[ "$output" = "" ]
	[ "$stderr" = "ipcrm: $m: Permission denied (shared memory, owner root (uid 0))" ]
	run -1 --separate-stderr as_nobody ipcrm -M 0x2b00000e
	[ "$stderr" = "ipcrm: 0x2b00000e: Permission denied (shared memory, owner root (uid 0))" ]
	[ "$(ul_has -m "$m")" = 1 ]
	"$UL_IPCRM" -m "$m"

	mix
	nobody=(setpriv --reuid=65534 --regid=65534 --clear-groups)
	mine=$(in_ns "${nobody[@]}" ipccreate -M 4096 -p 0 -k 0x2a00000a)
	minq=$(in_ns "${nobody[@]}" ipccreate -Q -p 0 -k 0x2a00000a)
	ALL=$(survivors)
	[[ $ALL = *"m 0x2a00000a"*"q 0x2a00000a"* ]]
	run -1 --separate-stderr in_ns "${nobody[@]}" ipcrm -n -a
	[ "$output" = "removing shared memory segment id \`$mine' (key 0x2a00000a, owner nobody)"$'\n'"removing message queue id \`$minq' (key 0x2a00000a, owner nobody)" ]
	[ "$(grep -c 'Permission denied' <<<"$stderr")" = 9 ]
	[ "$(survivors)" = "$ALL" ]
	run -1 --separate-stderr in_ns "${nobody[@]}" ipcrm -a
	[ "$(grep -c 'Permission denied' <<<"$stderr")" = 9 ]
	[[ $stderr = *"ipcrm: id "*": Permission denied (shared memory, owner root (uid 0))"* ]]
	[ "$(survivors)" = "$(sed 's/ [mq] 0x2a00000a//g' <<<"$ALL")" ]
}

@test "as nobody: a creator other than the owner is named too" {
	need_nobody
	need_owners
	m=$(ipccreate -M 4096 -k 0x2b00000f)
	"$HELP" chown shm "$m" 4242 4242
	run -1 --separate-stderr as_nobody ipcrm -m "$m"
	[ "$stderr" = "ipcrm: $m: Permission denied (shared memory, owner uid 4242, creator root (uid 0))" ]
	"$UL_IPCRM" -m "$m"
}

@test "as nobody: the creator may remove what another user now owns" {
	need_nobody
	need_owners
	m=$(as_nobody ipccreate -M 4096 -k 0x2b000010)
	"$HELP" chown shm "$m" 4242 4242
	run -0 --separate-stderr as_nobody ipcrm -n -m "$m"
	[ "$output" = "removing shared memory segment id \`$m' (key 0x2b000010, owner 4242)" ]
	[ "$stderr" = "" ]
	run -0 --separate-stderr as_nobody ipcrm -m "$m"
	[ "$output$stderr" = "" ]
	[ "$(ul_has -m "$m")" = 0 ]
}

@test "-n in a child user namespace: its root is nobody to the parent's objects, as the real run finds" {
	need_real_root
	new_ns
	m=$(in_ns setpriv --reuid=4242 --regid=4242 --clear-groups "$BIN/ipccreate" -M 4096 -p 600 -k 0x2b00001a)
	child=(unshare --user --map-root-user)
	# uid 4242 is not mapped there: the kernel shows it as the overflow uid
	want="ipcrm: id $m: Permission denied (shared memory, owner $(id -nu 65534) (uid 65534))"
	run -1 --separate-stderr in_ns "${child[@]}" "$BIN/ipcrm" -n -v -a
	[ "$output" = "" ]
	[ "$stderr" = "$want" ]
	run -1 --separate-stderr in_ns "${child[@]}" "$BIN/ipcrm" -n -m "$m"
	[ "$stderr" = "ipcrm: $m: Permission denied (shared memory, owner $(id -nu 65534) (uid 65534))" ]
	run -1 --separate-stderr in_ns "${child[@]}" "$BIN/ipcrm" -v -a
	[ "$output" = "" ]
	[ "$stderr" = "$want" ]
	[ "$(survivors)" = "m 0x2b00001a" ]
	# root of the namespace's own user namespace may, and the plan says so
	run -0 --separate-stderr in_ns "$BIN/ipcrm" -n -v -a
	[ "$output" = "removing shared memory segment id \`$m' (key 0x2b00001a, owner 4242)" ]
	[ "$stderr" = "" ]
	run -0 --separate-stderr in_ns "$BIN/ipcrm" -v -a
	[ "$output" = "removing shared memory segment id \`$m' (key 0x2b00001a, owner 4242)" ]
	[ "$(survivors)" = "" ]
}

@test "owner names are escaped in -v and in refusals, valid in -J, and long ones keep their uid" {
	named_root $'\xffroot\x1b]0;pwn\x07'
	m=$(ipccreate -M 4096 -k 0x2b00001b)
	run -0 --separate-stderr with_names "$BIN/ipcrm" -n -v -m "$m"
	[ "$output" = "removing shared memory segment id \`$m' (key 0x2b00001b, owner \\xffroot\\x1b]0;pwn\\x07)" ]
	run -0 --separate-stderr with_names "$BIN/ipcrm" -n -J -m "$m"
	valid_utf8 <<<"$output"
	[ "$(jq -r '.[0].owner' <<<"$output")" = $'\ufffdroot\x1b]0;pwn\x07' ]
	need_nobody
	run -1 --separate-stderr with_names setpriv --reuid=65534 --regid=65534 --clear-groups "$BIN/ipcrm" -m "$m"
	[ "$stderr" = "ipcrm: $m: Permission denied (shared memory, owner \\xffroot\\x1b]0;pwn\\x07 (uid 0))" ]
	long=r$(printf 'o%.0s' $(seq 70))t
	named_root "$long"
	run -1 --separate-stderr with_names setpriv --reuid=65534 --regid=65534 --clear-groups "$BIN/ipcrm" -m "$m"
	[ "$stderr" = "ipcrm: $m: Permission denied (shared memory, owner $long (uid 0))" ]
	[ "$(ul_has -m "$m")" = 1 ]
	"$UL_IPCRM" -m "$m"
}

@test "ipcrm --save: removed only once saved; ipcrestore undoes it" {
	ipccreate -M 4096 -k 0x91 > /dev/null
	text z 50 | "$HELP" load "$(awk 'NR > 1 { print $2 }' /proc/sysvipc/shm)"
	ipccreate -Q -k 0x92 > /dev/null
	ipccreate -q -n /gone > /dev/null
	printf bye | msgcat -w --posix-mqueue /gone
	state_sorted > "$T/before"
	# -n: nothing saved, nothing removed
	run -0 ipcrm -n --save "$T/a.tar" -a
	[ ! -e "$T/a.tar" ]
	[ "$(state_sorted)" = "$(cat "$T/before")" ]
	run -0 ipcrm --save "$T/a.tar" -a
	[ "$(state)" = "" ]
	run -0 tar tf "$T/a.tar"
	run -0 ipcrestore "$T/a.tar"
	[ "$(state_sorted)" = "$(cat "$T/before")" ]
	[ "$("$HELP" mqtake /gone | tail -1)" = bye ]
	ipcrm -a
}

@test "ipcrm --save to a full file system: nothing removed, the archive there untouched" {
	ipccreate -M $((1 << 20)) -k 0xa1 > /dev/null
	text w $((1 << 20)) | "$HELP" load "$(awk 'NR > 1 { print $2 }' /proc/sysvipc/shm)"
	on_full_fs ipcrm --save ARCHIVE -a
	[ "$status" = 1 ]
	[ "$stderr" = "ipcrm: $T/full/a.tar: No space left on device; nothing removed" ] || { echo "$stderr"; false; }
	[ "$output" = "old
a.tar" ]
	[ "$(awk 'NR > 1 { print $1 }' /proc/sysvipc/shm)" = $((0xa1)) ]
	ipcrm -a
}

@test "--save: usage errors, one line, exit 2, nothing saved or removed" {
	mkdir "$T/cwd"
	cd "$T/cwd" || exit 1
	usage_error "ipcrm: --save '': not an archive's name" ipcrm --save '' -a
	usage_error "ipcrm: --save: an archive holds one namespace's objects; not with --all-namespaces" ipcrm --save a.tar --all-namespaces -a
	[ "$(ls -A "$T/cwd")" = "" ]
}
