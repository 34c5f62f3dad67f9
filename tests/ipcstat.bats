#!/usr/bin/env bats
# SPDX-License-Identifier: MIT
# ipcstat: the fields util-linux's `ipcs -i` also shows must agree with it;
# the rest (commands, who is attached, the layout) is checked against what
# the test itself set up, and against /proc read another way.

load helpers

HELP=$BUILD/tests/ipchelp

# util-linux's time ("Sat Nov 21 21:12:42 2026" or "Not set") as epoch seconds or null
ul_epoch() {
	case $1 in
	"Not set") echo null ;;
	*) date -d "$1" +%s ;;
	esac
}

# our text's way of writing a time
ours_time() {
	if [ "$1" = null ]; then echo never; else date -d "@$1" '+%Y-%m-%d %H:%M:%S %Z'; fi
}

# the value of FIELD in util-linux's `ipcs KIND -i ID`
ulf() {
	ul_info "$1" "$2" | sed -n "s/^$3=//p" | sed 's/ *$//'
}

# the line of our text output that starts with LABEL, value only
val() {
	awk -v l="$1" 'index($0, "  " l " ") == 1 { print substr($0, 33); exit }' <<<"$2"
}

@test "a segment: every field util-linux shows agrees, and the text is as documented" {
	m=$(ipccreate -M 100 -k 0x2c000001 -p 640)
	HELPERS=$("$HELP" attach "$m")
	run -0 --separate-stderr ipcstat -m "$m"
	[ "$stderr" = "" ]
	text=$output
	for f in uid gid cuid cgid; do [ "$(ulf -m "$m" $f)" = 0 ]; done
	[ "$(ulf -m "$m" mode)" = 0640 ]
	cpid=$(ulf -m "$m" cpid)
	lpid=$(ulf -m "$m" lpid)
	[ "$lpid" = "$HELPERS" ]
	att=$(ul_epoch "$(ulf -m "$m" att_time)")
	chg=$(ul_epoch "$(ulf -m "$m" change_time)")
	[ "$(ulf -m "$m" det_time)" = "Not set" ]
	[ "$(ulf -m "$m" bytes)" = 100 ]
	[ "$(ulf -m "$m" nattch)" = 1 ]
	map=$(grep -F '/SYSV2c000001' "/proc/$HELPERS/maps" | cut -d' ' -f1)
	expect="shared memory segment $m
  key (shm_perm.__key)          0x2c000001 (738197505)
  owner (shm_perm.uid)          root (uid 0)
  group (shm_perm.gid)          root (gid 0)
  creator (shm_perm.cuid)       root (uid 0)
  creator group (shm_perm.cgid) root (gid 0)
  mode (shm_perm.mode)          rw-r----- (0640)
  status                        neither SHM_DEST nor SHM_LOCKED
  changed (shm_ctime)           $(ours_time "$chg")
  size (shm_segsz)              100 bytes
  resident, swapped             0 bytes, 0 bytes
  attached (shm_nattch)         1
  creator pid (shm_cpid)        $cpid (not running)
  last pid (shm_lpid)           $lpid (ipchelp)
  last attach (shm_atime)       $(ours_time "$att")
  last detach (shm_dtime)       never
  attached now:
    pid $(printf '%-8s %-16s' "$HELPERS" ipchelp) $(printf '%012x-%012x' "0x${map%-*}" "0x${map#*-}") read-write"
	[ "$text" = "$expect" ] || { diff <(echo "$expect") <(echo "$text"); false; }
}

@test "a segment as JSON: the names of ipcs -J, the same values, and more" {
	m=$(ipccreate -M 8192 -k 0x2c000002)
	HELPERS="$("$HELP" attach "$m") $("$HELP" attach "$m" ro)"
	read -r rw ro <<<"$HELPERS"
	run -0 ipcstat -J -m "$m"
	j=$output
	[ "$(jq length <<<"$j")" = 1 ]
	# everything ipcs -J says about it, ipcstat -J says the same
	mine=$(jq -cS '.[0] | del(.cpid_command, .lpid_command, .rss, .swap, .attached, .hidden_processes)' <<<"$j")
	theirs=$(ipcs -J -m --key 0x2c000002 | jq -cS '.[0]')
	[ "$mine" = "$theirs" ]
	[ "$(jq -r '.[0] | "\(.size) \(.nattch) \(.cpid) \(.lpid)"' <<<"$j")" = \
		"$(ulf -m "$m" bytes) 2 $(ulf -m "$m" cpid) $ro" ]
	[ "$(jq -r '.[0] | "\(.cpid_command) \(.lpid_command) \(.hidden_processes >= 0)"' <<<"$j")" = "null ipchelp true" ]
	[ "$(jq -c '.[0].attached | map([.pid, .command, .read_only]) | sort' <<<"$j")" = \
		"$(jq -cn --argjson rw "$rw" --argjson ro "$ro" '[[$rw, "ipchelp", false], [$ro, "ipchelp", true]] | sort')" ]
	start=$(jq -r --argjson ro "$ro" '.[0].attached[] | select(.pid == $ro) | "\(.start)-\(.end)"' <<<"$j")
	map=$(grep -F '/SYSV2c000002' "/proc/$ro/maps" | cut -d' ' -f1)
	[ "$start" = "0x${map%-*}-0x${map#*-}" ]
	# rss and swap are /proc/sysvipc/shm's
	[ "$(jq -r '.[0] | "\(.rss) \(.swap)"' <<<"$j")" = \
		"$(awk -v id="$m" '$2 == id { print $15, $16 }' /proc/sysvipc/shm)" ]
}

@test "looking changes nothing: nattch, last pid and times stay" {
	m=$(ipccreate -M 4096 -k 0x2c000003)
	HELPERS=$("$HELP" attach "$m")
	before=$("$UL_IPCS" -m -i "$m")
	sleep 1
	ipcstat -m "$m" >/dev/null
	ipcstat -J -m "$m" >/dev/null
	[ "$("$UL_IPCS" -m -i "$m")" = "$before" ]
}

@test "the tutorial's walk: attach, detach, remove while attached" {
	new_ns
	run -0 in_ns ipccreate 0 0x1234
	run -0 in_ns ipcstat -M 0x1234
	[ "$(val "attached (shm_nattch)" "$output")" = 0 ]
	[ "${lines[-1]}" = "  attached now: none" ]
	server=$(in_ns "$HELP" attach 0)
	client=$(in_ns "$HELP" attach 0 detach)
	HELPERS="$server $client"
	run -0 in_ns ipcstat -m 0
	[ "$(val "attached (shm_nattch)" "$output")" = 1 ]
	[ "$(val "last pid (shm_lpid)" "$output")" = "$client (ipchelp)" ]
	[ "$(val "last detach (shm_dtime)" "$output")" != never ]
	[[ ${lines[-1]} = "    pid $server "*" read-write" ]]
	run -0 in_ns ipcrm -M 0x1234
	run -0 in_ns ipcstat -m 0
	[ "$(val "key (shm_perm.__key)" "$output")" = "0x00000000 (0)" ]
	[ "$(val status "$output")" = "SHM_DEST: removed, freed at the last detach" ]
	[[ ${lines[-1]} = "    pid $server "* ]]
	run -1 --separate-stderr in_ns ipcstat -M 0x1234
	[ "$stderr" = "ipcstat: 0x1234: No such key (shared memory, 0x00001234)" ]
	kill "$server"
	for _ in $(seq 50); do in_ns ipcstat -m 0 >/dev/null 2>&1 || break; sleep 0.1; done
	run -1 --separate-stderr in_ns ipcstat -m 0
	[ "$stderr" = "ipcstat: 0: No such identifier (shared memory)" ]
}

@test "the same id in another IPC namespace is another segment" {
	new_ns
	in_ns ipccreate -M 4096 >/dev/null
	att=$(in_ns "$HELP" attach 0)
	HELPERS=$att
	first=$NS_PID
	new_ns
	# the second namespace's holder is stopped with the helpers: NS_PID goes back
	HELPERS="$HELPERS $NS_PID"
	in_ns ipccreate -M 4096 >/dev/null
	run -0 in_ns ipcstat -m 0
	[ "${lines[-1]}" = "  attached now: none" ]
	NS_PID=$first
	run -0 in_ns ipcstat -m 0
	[[ ${lines[-1]} = "    pid $att "* ]]
}

@test "a queue: every field util-linux shows agrees" {
	q=$(ipccreate -Q -k 0x2c000004 -p 620)
	"$HELP" send "$q" hello world!
	run -0 ipcstat -Q 0x2c000004
	t=$output
	[ "${lines[0]}" = "message queue $q" ]
	[ "$(val "mode (msg_perm.mode)" "$t")" = "rw--w---- (0620)" ]
	[ "$(val "messages (msg_qnum)" "$t")" = "$(ulf -q "$q" qnum)" ]
	[ "$(val "messages (msg_qnum)" "$t")" = 2 ]
	[ "$(val "bytes queued (__msg_cbytes)" "$t")" = "$(ulf -q "$q" cbytes)" ]
	[ "$(val "byte limit (msg_qbytes)" "$t")" = "$(ulf -q "$q" qbytes)" ]
	[ "$(val "last sender (msg_lspid)" "$t")" = "$(ulf -q "$q" lspid) (not running)" ]
	[ "$(val "last receiver (msg_lrpid)" "$t")" = "0 (none)" ]
	[ "$(val "last send (msg_stime)" "$t")" = "$(ours_time "$(ul_epoch "$(ulf -q "$q" send_time)")")" ]
	[ "$(val "last receive (msg_rtime)" "$t")" = never ]
	[ "$(val "changed (msg_ctime)" "$t")" = "$(ours_time "$(ul_epoch "$(ulf -q "$q" change_time)")")" ]
	run -0 ipcstat -J -q "$q"
	[ "$(jq -c '.[0] | [.messages, .used_bytes, .lspid_command, .lrpid_command]' <<<"$output")" = "[2,11,null,null]" ]
	"$UL_IPCRM" -q "$q"
}

@test "a set: the values, waiters and pids of every semaphore, as util-linux shows them" {
	s=$(ipccreate -S 3 -k 0x2c000005)
	"$HELP" semop "$s" 1 2
	"$HELP" setval "$s" 2 7
	# one process waits for semaphore 0 to increase, one for 2 to be zero
	"$HELP" semop "$s" 0 -1 3>&- & HELPERS="$HELPERS $!"
	"$HELP" semop "$s" 2 0 3>&- & HELPERS="$HELPERS $!"
	for _ in $(seq 50); do
		[ "$("$UL_IPCS" -s -i "$s" | awk '$1 == 0 && NF == 5 { a = $3 } $1 == 2 && NF == 5 { b = $4 } END { print a b }')" = 11 ] && break
		sleep 0.1
	done
	run -0 ipcstat -s "$s"
	t=$output
	[ "$(val "semaphores (sem_nsems)" "$t")" = 3 ]
	[ "$(val "last semop (sem_otime)" "$t")" = "$(ours_time "$(ul_epoch "$("$UL_IPCS" -s -i "$s" | sed -n 's/^otime = //p' | sed 's/ *$//')")")" ]
	ul=$("$UL_IPCS" -s -i "$s" | awk '/^semnum/ { on = 1; next } on && NF == 5 { print $1, $2, $5, $3, $4 }')
	ours=$(awk '/^  semnum/ { on = 1; next } /^  [^0-9 ]/ { on = 0 } on { print $1, $2, $3, $(NF - 1), $NF }' <<<"$t")
	[ "$ours" = "$ul" ]
	[ "$(grep -c '(not running)' <<<"$t")" -ge 1 ]
	run -0 ipcstat -J -s "$s"
	[ "$(jq -c '.[0].semaphores | map([.semnum, .value, .ncount, .zcount])' <<<"$output")" = "[[0,0,1,0],[1,2,0,0],[2,7,0,1]]" ]
	"$UL_IPCRM" -s "$s"
}

# Wait until process PID sleeps in the kernel function WCHAN names.
asleep_in() {
	for _ in $(seq 100); do
		grep -q "$2" "/proc/$1/wchan" && return 0
		sleep 0.05
	done
	echo "process $1 never slept in $2" >&2
	return 1
}

@test "waiting now: who is blocked on a set (and on which semaphore), a queue and a POSIX queue" {
	s=$(ipccreate -S 3 -k 0x2c00000a)
	"$HELP" setval "$s" 2 7
	"$HELP" semop "$s" 0 -2 3>&- & a=$!
	"$HELP" semop "$s" 2 0 3>&- & b=$!
	# two operations: +1 on semaphore 1 never waits, -1 on 0 does
	semop -s "$s" 1:+1 0:-1 3>&- & c=$!
	HELPERS="$a $b $c"
	q=$(ipccreate -Q -k 0x2c00000b)
	e=$(ipccreate -Q -k 0x2c00000c)
	msgcat -q "$q" > /dev/null 3>&- & r=$!
	HELPERS="$HELPERS $r"
	# ipchelp's POSIX queue holds one message, and has it: a sender waits
	"$HELP" mkposix pmsg 1 full
	printf x | msgcat -w --posix-mqueue /full0 3>&- & p=$!
	HELPERS="$HELPERS $p"
	for w in $a $b $c; do asleep_in "$w" semtimedop; done
	asleep_in "$r" msgrcv
	asleep_in "$p" wq_sleep
	# util-linux counts them too: 2 for more on semaphore 0, 1 for zero on 2
	[ "$("$UL_IPCS" -s -i "$s" | awk '$1 == 0 && NF == 5 { a = $3 } $1 == 2 && NF == 5 { b = $4 } END { print a b }')" = 21 ]
	# by hand: a line each, in pid order, under the set's table
	run -0 ipcstat -s "$s"
	t=$(sed -n '/^  waiting now:/,$p' <<<"$output" | sed '/^    and maybe more: /d')
	[ "$t" = "  waiting now:
$(for w in $a $b $c; do
	case $w in
	"$a") printf '    pid %-8d %-16s %s\n' "$w" ipchelp "to take 2 from semaphore 0 (semop)" ;;
	"$b") printf '    pid %-8d %-16s %s\n' "$w" ipchelp "for semaphore 2 to be 0 (semop)" ;;
	"$c") printf '    pid %-8d %-16s %s\n' "$w" semop "to take 1 from semaphore 0 (semop), with 1 more operation" ;;
	esac
done | sort -n -k2)" ]
	run -0 ipcstat -J -s "$s"
	[ "$(jq -c '.[0] | [(.waiting | sort_by(.pid) | map([.pid, .command, .how, .semnum, .sem_op, .nsops])), (.waiting_hidden_processes | type)]' <<<"$output")" = "[[[$a,\"ipchelp\",\"semop\",0,-2,1],[$b,\"ipchelp\",\"semop\",2,0,1],[$c,\"semop\",\"semop\",0,-1,2]],\"number\"]" ]
	# the queues: a receiver, none, a sender on the POSIX queue
	# (root may be kept out of a process too, a sandbox's pid 1: then the
	# empty list is "none seen", and "and maybe more" follows; as nobody below)
	run -0 ipcstat -q "$q" -q "$e" --posix-mqueue /full0
	[ "$(awk '/^  waiting now/ { on = 1; print; next } on && /^    pid / { print; next } { on = 0 }' <<<"$output" | sed 's/^  waiting now: none seen$/  waiting now: none/')" = "  waiting now:
    pid $(printf '%-8d %-16s' "$r" msgcat) to receive (msgrcv)
  waiting now: none
  waiting now:
    pid $(printf '%-8d %-16s' "$p" msgcat) to send (mq_timedsend)" ]
	run -0 ipcstat -J -q "$q" -q "$e" --posix-mqueue /full0
	[ "$(jq -c 'map(.waiting | map([.pid, .command, .how]))' <<<"$output")" = "[[[$r,\"msgcat\",\"receive\"]],[],[[$p,\"msgcat\",\"send\"]]]" ]
	# as nobody: root's waiters are not its to see, and that is said
	need_nobody
	run -0 as_nobody ipcstat -q "$q"
	[ "${lines[-2]}" = "  waiting now: none seen" ]
	[[ ${lines[-1]} =~ ^"    and maybe more: "[0-9]+" process"(es)?" could not be inspected"$ ]]
	run -0 as_nobody ipcstat -J -q "$q"
	[ "$(jq -c '.[0] | [.waiting, .waiting_hidden_processes > 0]' <<<"$output")" = "[[],true]" ]
}

@test "-S by key, and util-linux's long names" {
	m=$(ipccreate -M 4096 -k 0x2c000009)
	q=$(ipccreate -Q -k 0x2c000009)
	s=$(ipccreate -S 1 -k 0x2c000009)
	run -0 ipcstat -S 0x2c000009
	[ "${lines[0]}" = "semaphore set $s" ]
	run -0 ipcstat --semaphore-key=0x2c000009 --semaphore-id "$s" --shmem-id "$m" \
		--shmem-key 0x2c000009 --queue-id "$q" --queue-key 0x2c000009
	[ "$(grep -E '^(shared|message|semaphore) ' <<<"$output" | paste -sd, -)" = \
		"semaphore set $s,semaphore set $s,shared memory segment $m,shared memory segment $m,message queue $q,message queue $q" ]
	key=$(ftok_key "$BATS_TEST_FILENAME" 0x2d)
	f=$(ipccreate -M 4096 -k "$key")
	run -0 ipcstat --json --ftok "$BATS_TEST_FILENAME" --proj-id 0x2d shm
	[ "$(jq -c '.[0] | [.kind, .id, .key]' <<<"$output")" = "[\"shm\",$f,\"$key\"]" ]
	"$UL_IPCRM" -m "$m" -q "$q" -s "$s" -m "$f"
}

@test "the ftok form finds the key ftok(3) makes" {
	key=$(ftok_key "$BATS_TEST_FILENAME" 0x2c)
	m=$(ipccreate -M 4096 -k "$key")
	s=$(ipccreate -S 1 -k "$key")
	run -0 ipcstat -F "$BATS_TEST_FILENAME" -P 0x2c shm 2
	[ "${lines[0]}" = "shared memory segment $m" ]
	[ "$(grep -c '^semaphore set '"$s"'$' <<<"$output")" = 1 ]
	run -1 --separate-stderr ipcstat -F "$BATS_TEST_FILENAME" -P 0x2c msg
	[ "$stderr" = "ipcstat: $key: No such key (message queue, $key)" ]
	"$UL_IPCRM" -m "$m" -s "$s"
}

@test "every kind's labels fit their column: each value starts at column 33" {
	m=$(ipccreate -M 4096 -k 0x1c0000f1)
	q=$(ipccreate -Q -k 0x1c0000f1)
	s=$(ipccreate -S 2 -k 0x1c0000f1)
	ipccreate -m 1K -q -s -n /labels >/dev/null
	run -0 ipcstat -m "$m" -q "$q" -s "$s" --posix-shmem labels --posix-mqueue labels --posix-semaphore labels
	# a label line: two spaces, the label padded to 29, a space, the value
	bad=$(awk '/^  [a-z]/ && !/^  (attached now|used now|waiting now|semnum)/ && (substr($0, 32, 1) != " " || substr($0, 33, 1) == " ")' <<<"$output")
	[ "$bad" = "" ] || { echo "$bad"; false; }
	[ "$(grep -c '^  [a-z]' <<<"$output")" -gt 40 ]
}

@test "several objects: in order, a blank line between; a missing one is exit 1" {
	m=$(ipccreate -M 4096 -k 0x2c000006)
	q=$(ipccreate -Q -k 0x2c000006)
	run -1 --separate-stderr ipcstat -q "$q" -m 99999 -M 0x2c000006
	[ "$stderr" = "ipcstat: 99999: No such identifier (shared memory)" ]
	[ "${lines[0]}" = "message queue $q" ]
	[ "$(grep -n "^shared memory segment $m\$" <<<"$output" | cut -d: -f1)" -gt 2 ]
	[ "$(grep -c '^$' <<<"$output")" = 1 ]
	run -1 --separate-stderr ipcstat -J -q "$q" -M 0x2c0000ff -m "$m"
	[ "$stderr" = "ipcstat: 0x2c0000ff: No such key (shared memory, 0x2c0000ff)" ]
	[ "$(jq -c 'map([.kind, .id])' <<<"$output")" = "[[\"msg\",$q],[\"shm\",$m]]" ]
	"$UL_IPCRM" -m "$m" -q "$q"
}

@test "usage errors: one line, exit 2" {
	try() {
		local want=$1
		shift
		run -2 --separate-stderr ipcstat "$@"
		[ "$output" = "" ]
		[ "$stderr" = "ipcstat: $want" ] || { echo "ipcstat $*: $stderr"; false; }
	}
	try "nothing to show; try 'ipcstat --help'"
	try "x: invalid id (a decimal number)" -m x
	try "2147483648: id out of range (at most 2147483647)" -m 2147483648
	try "zz: invalid key (0x hex, 0 octal or decimal, 32 bits)" -Q zz
	try "0: Key 0 is IPC_PRIVATE and names no object" -S 0
	try "option '-m' needs an argument; try 'ipcstat --help'" -m
	try "unknown option '-x'; try 'ipcstat --help'" -x
	try "unknown option '--bogus'; try 'ipcstat --help'" --bogus
	try "foo: unexpected operand; try 'ipcstat --help'" -m 0 foo
	try "-F PATH and -P PROJID go together; try 'ipcstat --help'" -F /etc/hostname shm
	try "-F and -P need a TYPE to look up; try 'ipcstat --help'" -F /etc/hostname -P 1
	try "queue: unknown type (0, 1, 2, shm, msg or sem)" -F /etc/hostname -P 1 queue
	try "/no/such/path: No such file or directory" -F /no/such/path -P 1 shm
}

@test "as nobody: root's set is described, its values are refused with the mode and owner" {
	need_nobody
	s=$(ipccreate -S 2 -k 0x2c000007 -p 600)
	run -0 --separate-stderr as_nobody ipcstat -s "$s"
	[ "$stderr" = "" ]
	[ "$(val "mode (sem_perm.mode)" "$output")" = "rw------- (0600)" ]
	grep -qxF "  semaphores: Permission denied (mode rw------- (0600), owner root (uid 0))" <<<"$output"
	grep -qxF "  waiting now: none seen" <<<"$output"
	run -0 as_nobody ipcstat -J -s "$s"
	[ "$(jq -c '.[0] | [.nsems, .semaphores]' <<<"$output")" = "[2,null]" ]
	"$UL_IPCRM" -s "$s"
}

@test "as nobody: attachments in processes it may not inspect are counted, not dropped" {
	need_nobody
	m=$(ipccreate -M 4096 -k 0x2c000008 -p 600)
	HELPERS=$("$HELP" attach "$m")
	run -0 --separate-stderr as_nobody ipcstat -m "$m"
	[ "$stderr" = "" ]
	[ "$(val "attached (shm_nattch)" "$output")" = 1 ]
	[[ ${lines[-1]} =~ ^"    1 more, not shown: "[0-9]+" process"(" is"|"es are")" hidden (not this user's to inspect), or in another PID namespace"$ ]]
	run -0 as_nobody ipcstat -J -m "$m"
	[ "$(jq -c '.[0] | [.attached, .hidden_processes > 0]' <<<"$output")" = "[[],true]" ]
}

@test "a forged maps line is no attachment: a path past byte 511, or /SYSV... on a mount of one's own" {
	new_ns
	for _ in 1 2 3; do in_ns ipccreate -M 4096 -p 600 >/dev/null; done
	id=2
	[ -n "$(in_ns "$UL_IPCS" -m | awk -v id=$id '$2 == id')" ]
	mkdir "$BATS_TEST_TMPDIR/f"
	long=$(in_ns "$HELP" forge-long $id "$BATS_TEST_TMPDIR/f")
	HELPERS="$HELPERS $long"
	# the forged text starts a line for whoever reads 512 bytes at a time
	[ "$(awk 'length($0) > 511 { print substr($0, 512, 30) }' "/proc/$long/maps")" = "1000-2000 rw-s 00000000 00:01 " ]
	inode=$(in_ns "$HELP" forge-inode $id)
	HELPERS="$HELPERS $inode"
	[ "$(awk '$6 == "/SYSV00000000" { print $5 }' "/proc/$inode/maps")" = $id ]
	real=$(in_ns "$HELP" attach $id ro)
	HELPERS="$HELPERS $real"
	run -0 --separate-stderr in_ns ipcstat -m $id
	[ "$(grep -c '^    pid ' <<<"$output")" = 1 ]
	[[ $(grep '^    pid ' <<<"$output") = "    pid $real "*" read-only" ]]
	run -0 in_ns ipcstat -J -m $id
	[ "$(jq -c '[.[0].attached[].pid]' <<<"$output")" = "[$real]" ]
}

@test "process names are escaped in text, and JSON stays valid UTF-8" {
	id=$(ipccreate -M 4096 -p 600)
	HELPERS=$("$HELP" attach "$id" rw $'\xff\x1b[31mEVIL\\')
	run -0 --separate-stderr ipcstat -m "$id"
	[ "$(grep -c $'\x1b' <<<"$output")" = 0 ]
	LC_ALL=C grep -q $'\xff' <<<"$output" && false
	[[ $output = *'  last pid (shm_lpid)           '*' (\xff\x1b[31mEVIL\\)'* ]]
	[[ $output = *'    pid '*' \xff\x1b[31mEVIL\\ '* ]]
	run -0 --separate-stderr ipcstat -J -m "$id"
	valid_utf8 <<<"$output"
	[ "$(grep -c $'\x1b' <<<"$output")" = 0 ]
	[ "$(jq -r '.[0].attached[0].command' <<<"$output")" = $'\ufffd\x1b[31mEVIL\\' ]
	[ "$(jq -r '.[0].lpid_command' <<<"$output")" = $'\ufffd\x1b[31mEVIL\\' ]
	"$UL_IPCRM" -m "$id"
}

@test "user and group names are escaped in text, valid in JSON, and never cut short of their number" {
	id=$(ipccreate -M 4096 -p 600)
	named_root $'\xffroot\x1b]0;pwn\x07'
	run -0 --separate-stderr with_names ipcstat -m "$id"
	[ "$(grep -c $'[\x1b\x07]' <<<"$output")" = 0 ]
	[[ $output = *'  owner (shm_perm.uid)          \xffroot\x1b]0;pwn\x07 (uid 0)'* ]]
	[[ $output = *'  creator group (shm_perm.cgid) \xffroot\x1b]0;pwn\x07 (gid 0)'* ]]
	run -0 --separate-stderr with_names ipcstat -J -m "$id"
	valid_utf8 <<<"$output"
	[ "$(jq -r '.[0].owner' <<<"$output")" = $'\ufffdroot\x1b]0;pwn\x07' ]
	[ "$(jq -r '.[0].group' <<<"$output")" = $'\ufffdroot\x1b]0;pwn\x07' ]
	# a name longer than the old 64-byte buffers keeps its "(uid 0)"
	long=r$(printf 'o%.0s' $(seq 70))t
	named_root "$long"
	run -0 --separate-stderr with_names ipcstat -m "$id"
	[[ $output = *"  owner (shm_perm.uid)          $long (uid 0)"* ]]
	[[ $output = *"  group (shm_perm.gid)          $long (gid 0)"* ]]
	"$UL_IPCRM" -m "$id"
}
