#!/usr/bin/env bats
# SPDX-License-Identifier: MIT
# semop: values and operations of semaphore sets, and a lock around a
# command.  Values are checked with util-linux's ipcs -s -i and ipchelp's
# plain semctl/semop/sem_getvalue calls; mutual exclusion is shown by
# workers that lose updates without the lock.

load helpers

H=$BUILD/tests/ipchelp

# The values of set ID as util-linux's ipcs -s -i prints them, a line each.
ul_values() {
	"$UL_IPCS" -s -i "$1" | awk 'f && NF >= 5 { print $2 } /^semnum/ { f = 1 }'
}
# One column of util-linux's ipcs -s -i for semaphore NUM: value ncount zcount pid.
ul_sem() {
	"$UL_IPCS" -s -i "$1" | awk -v n="$2" -v c="$3" 'f && $1 == n { print $c } /^semnum/ { f = 1 }'
}

# Wait until semaphore NUM of set ID has COUNT processes waiting for an increase.
waiting() {
	local i
	for ((i = 0; i < 500; i++)); do
		[ "$(ul_sem "$1" "$2" 3)" = "$3" ] && return 0
		sleep 0.01
	done
	return 1
}

@test "-g: each value, as ipcs -s -i says; -v with pids and waiters; -J" {
	s=$(ipccreate -S 3 -k 0x5e30)
	"$H" setval "$s" 0 4
	"$H" setval "$s" 2 7
	run -0 --separate-stderr semop -g -S 0x5e30
	[ "$output" = "$(ul_values "$s")" ]
	[ "$output" = "4
0
7" ]
	run -0 semop -g -v -s "$s"
	[ "${lines[0]}" = "semnum     value      ncount     zcount     pid" ]
	[ "$(awk 'NR == 2 { print $1, $2, $5 }' <<<"$output")" = "0 4 $(ul_sem "$s" 0 5)" ]
	run -0 semop -g -J -s "$s"
	[ "$(jq -c '[.[] | .value]' <<<"$output")" = "[4,0,7]" ]
	[ "$(jq -c '.[2] | [.semnum, .ncount, .zcount]' <<<"$output")" = "[2,0,0]" ]
}

@test "--set: SETALL when every value is given, SETVAL each otherwise; checked before anything changes" {
	s=$(ipccreate -S 3)
	run -0 --separate-stderr semop -v --set 0=1,1=2,2=3 -s "$s"
	[ "$stderr" = "semop: $s: semaphore set $s: values 0 0 0 -> 1 2 3" ]
	[ "$(ul_values "$s" | paste -sd' ')" = "1 2 3" ]
	run -0 semop --set 1=9 -s "$s"
	[ "$(ul_values "$s" | paste -sd' ')" = "1 9 3" ]
	run -0 semop --set 0=0 --set 2=0 -s "$s"
	[ "$(ul_values "$s" | paste -sd' ')" = "0 9 0" ]
	vmx=$("$UL_IPCS" -s -l | awk -F= '/max value/ { gsub(/ /, "", $2); print $2 }')
	[ -n "$vmx" ]
	run -2 --separate-stderr semop --set 0=5,1=$((vmx + 1)) -s "$s"
	[ "$stderr" = "semop: --set 0=5,1=$((vmx + 1)): $((vmx + 1)) is above the highest value, $vmx (semvmx)" ]
	run -2 --separate-stderr semop --set 0=5,3=1 -s "$s"
	[ "$stderr" = "semop: --set 0=5,3=1: semaphore set $s has 3 semaphores (0 to 2)" ]
	run -2 --separate-stderr semop --set 0=5,0=6 -s "$s"
	[ "$stderr" = "semop: --set 0=5,0=6: semaphore 0 given twice" ]
	run -2 --separate-stderr semop --set 0=x -s "$s"
	[ "$stderr" = "semop: --set 0=x: invalid (INDEX=VALUE, such as 0=1, or a list: 0=1,1=0)" ]
	[ "$(ul_values "$s" | paste -sd' ')" = "0 9 0" ]
}

@test "operations: all of one call at once, or none; wait for zero; --nowait" {
	s=$(ipccreate -S 2)
	run -0 --separate-stderr semop -v -s "$s" 0:+2 1:3
	[ "$stderr" = "semop: $s: semaphore set $s: 0:+2 1:3 done (values now 2 3)" ]
	[ "$(ul_values "$s" | paste -sd' ')" = "2 3" ]
	[ "$(ul_sem "$s" 0 5)" != 0 ]
	# 1:-4 cannot be done: so 0:-1 beside it is not done either
	run -1 --separate-stderr semop --nowait -s "$s" 0:-1 1:-4
	[ "$stderr" = "semop: $s: semaphore set $s: would wait (values 2 3)" ]
	[ "$(ul_values "$s" | paste -sd' ')" = "2 3" ]
	run -0 semop -s "$s" 0:-2 1:-3
	run -0 semop --nowait -s "$s" 0:0 1:0
	"$H" setval "$s" 1 1
	run -1 --separate-stderr semop --nowait -s "$s" 1:0
	[ "$stderr" = "semop: $s: semaphore set $s: would wait (values 0 1)" ]
	# -u without a command: taken, and given back as semop exits
	run -0 semop -u -s "$s" 1:-1
	[ "$(ul_values "$s" | paste -sd' ')" = "0 1" ]
}

@test "--timeout: not done within it is status 1, nothing changed; done in time when it comes" {
	s=$(ipccreate -S 1)
	start=$EPOCHREALTIME
	run -1 --separate-stderr semop --timeout 250ms -s "$s" 0:-1
	[ "$stderr" = "semop: $s: semaphore set $s: not done within 250ms (values 0)" ]
	awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { exit !(b - a >= 0.25) }'
	run -1 --separate-stderr semop --timeout 0 -s "$s" 0:-1
	[ "$stderr" = "semop: $s: semaphore set $s: would wait (values 0)" ]
	(sleep 0.2; "$H" semop "$s" 0 1) </dev/null >/dev/null 2>&1 3>&- &
	run -0 semop --timeout 20s -s "$s" 0:-1
	[ "$(ul_values "$s")" = 0 ]
	[ "$(ul_sem "$s" 0 3)" = 0 ]
}

@test "Ctrl-C while blocked: status 130, nothing changed, no waiter left" {
	s=$(ipccreate -S 2)
	"$H" setval "$s" 1 5
	background semop -s "$s" 1:-1 0:-1
	waiting "$s" 0 1
	kill -INT "$BG"
	reap "$BG"
	[ "$status" = 130 ]
	[ "$(cat "$T/out" "$T/err")" = "" ]
	[ "$(ul_values "$s" | paste -sd' ')" = "0 5" ]
	[ "$(ul_sem "$s" 0 3)" = 0 ]
	background semop -v -s "$s" 0:-1
	waiting "$s" 0 1
	kill -TERM "$BG"
	reap "$BG"
	[ "$status" = 143 ]
	[ "$(cat "$T/err")" = "semop: $s: stopped by signal 15 (Terminated) while waiting: nothing changed" ]
}

@test "a set removed while semop waits: one line, status 1" {
	s=$(ipccreate -S 1)
	background semop -s "$s" 0:-1
	waiting "$s" 0 1
	ipcrm -s "$s"
	reap "$BG"
	[ "$status" = 1 ]
	[ "$(cat "$T/err")" = "semop: $s: semaphore set $s was removed while semop waited" ]
}

# bump FILE N: N times, read the number in FILE and write it back plus one.
bump='for i in $(seq "$2"); do n=$(cat "$1"); echo $((n + 1)) > "$1"; done'

@test "a lock around a command: 8 workers x 200 increments are exact under it, and lose some without" {
	s=$(ipccreate -S 1 -k 0x5e31)
	semop --set 0=1 -S 0x5e31
	echo 0 > "$T/n"
	for w in 1 2 3 4 5 6 7 8; do
		sh -c "for i in \$(seq 200); do semop -S 0x5e31 -u 0:-1 -- sh -c 'n=\$(cat \"\$1\"); echo \$((n + 1)) > \"\$1\"' sh '$T/n'; done" &
	done
	wait
	[ "$(cat "$T/n")" = 1600 ]
	[ "$(ul_values "$s")" = 1 ]
	# the same workers without the lock: the test can fail
	echo 0 > "$T/n"
	for w in 1 2 3 4 5 6 7 8; do
		sh -c "for i in \$(seq 200); do sh -c 'n=\$(cat \"\$1\"); echo \$((n + 1)) > \"\$1\"' sh '$T/n'; done" &
	done
	wait
	[ "$(cat "$T/n")" -lt 1600 ]
}

@test "the lock is given back when the command ends, however: its status, kill -9, a command not found" {
	s=$(ipccreate -S 1 -k 0x5e32)
	semop --set 0=1 -s "$s"
	run -7 semop -S 0x5e32 -u 0:-1 -- sh -c 'semop -g -S 0x5e32; exit 7'
	[ "$output" = 0 ]
	[ "$(ul_values "$s")" = 1 ]
	# the command is semop itself, exec'd: no process left in between
	semop -S 0x5e32 -u 0:-1 -- sleep 100 </dev/null >/dev/null 2>&1 3>&- &
	pid=$!
	HELPERS="$HELPERS $pid"
	for ((i = 0; i < 500; i++)); do [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = sleep ] && break; sleep 0.01; done
	[ "$(cat "/proc/$pid/comm")" = sleep ]
	[ "$(ul_values "$s")" = 0 ]
	run -1 semop --nowait -S 0x5e32 0:-1
	kill -9 "$pid"
	wait "$pid" || true
	[ "$(ul_values "$s")" = 1 ]
	run -127 --separate-stderr semop -S 0x5e32 -u 0:-1 -- /no/such/command
	[ "$stderr" = "semop: /no/such/command: No such file or directory" ]
	[ "$(ul_values "$s")" = 1 ]
	run -126 --separate-stderr semop -S 0x5e32 -u 0:-1 -- "$T"
	[ "$stderr" = "semop: $T: Permission denied" ]
	[ "$(ul_values "$s")" = 1 ]
	# without -u too: a command that cannot run gets nothing taken for it
	run -127 --separate-stderr semop -S 0x5e32 0:-1 -- /no/such/command
	[ "$stderr" = "semop: /no/such/command: No such file or directory" ]
	[ "$(ul_values "$s")" = 1 ]
	run -126 --separate-stderr semop -S 0x5e32 0:-1 -- "$T"
	[ "$stderr" = "semop: $T: Permission denied" ]
	[ "$(ul_values "$s")" = 1 ]
	# --timeout as flock -w: the lock held elsewhere, the command never runs
	semop -S 0x5e32 -u 0:-1 -- sleep 100 </dev/null >/dev/null 2>&1 3>&- &
	pid=$!
	HELPERS="$HELPERS $pid"
	for ((i = 0; i < 500; i++)); do [ "$(ul_values "$s")" = 0 ] && break; sleep 0.01; done
	run -1 --separate-stderr semop --timeout 100ms -S 0x5e32 -u 0:-1 -- touch "$T/ran"
	[ "$stderr" = "semop: 0x5e32: semaphore set $s: not done within 100ms (values 0)" ]
	[ ! -e "$T/ran" ]
}

@test "permission as uid 65534: which bit is missing" {
	need_nobody
	s=$(ipccreate -S 1 -p 600)
	run -1 --separate-stderr as_nobody "$BIN/semop" -g -s "$s"
	[ "$stderr" = "semop: $s: Permission denied: no read permission: mode rw------- gives others --- (owner root (uid 0))" ]
	run -1 --separate-stderr as_nobody "$BIN/semop" -s "$s" 0:+1
	[ "$stderr" = "semop: $s: Permission denied: no write permission: mode rw------- gives others --- (owner root (uid 0))" ]
	ipcset --mode 644 -s "$s"
	run -0 as_nobody "$BIN/semop" -g -s "$s"
	[ "$output" = 0 ]
	run -0 as_nobody "$BIN/semop" --nowait -s "$s" 0:0
	run -1 --separate-stderr as_nobody "$BIN/semop" --set 0=1 -s "$s"
	[ "$stderr" = "semop: $s: Permission denied: no write permission: mode rw-r--r-- gives others r-- (owner root (uid 0))" ]
	[ "$(ul_values "$s")" = 0 ]
	ipccreate -s -n /sp1 -p 644 >/dev/null
	run -0 as_nobody "$BIN/semop" -g --posix-semaphore /sp1
	[ "$output" = 0 ]
	run -1 --separate-stderr as_nobody "$BIN/semop" --posix-semaphore /sp1 0:+1
	[ "$stderr" = "semop: /sp1: Permission denied: no write permission: mode rw-r--r-- gives others r-- (owner root (uid 0))" ]
}

@test "POSIX named semaphores: -g, 0:-1, 0:+N, --nowait, --timeout, --set raising only" {
	ipccreate -s -n /sp2 --value 2 >/dev/null
	run -0 semop -g --posix-semaphore /sp2
	[ "$output" = 2 ]
	run -0 semop --posix-semaphore /sp2 0:-1
	[ "$("$H" semvalue /sp2)" = 1 ]
	run -0 semop --posix-semaphore sp2 0:+3
	[ "$("$H" semvalue /sp2)" = 4 ]
	run -0 semop -g -J --posix-semaphore /sp2
	[ "$output" = '[
  {"semnum":0,"value":4}
]' ]
	run -0 semop --set 0=6 --posix-semaphore /sp2
	[ "$("$H" semvalue /sp2)" = 6 ]
	run -1 --separate-stderr semop --set 0=1 --posix-semaphore /sp2
	[ "$stderr" = "semop: /sp2: POSIX semaphore /sp2 is at 6: it can only be raised here, by sem_post; lower it by taking: semop --posix-semaphore /sp2 0:-1" ]
	[ "$("$H" semvalue /sp2)" = 6 ]
	# past System V's 65535, as ipccreate --value may make it
	run -0 semop --set 0=70000 --posix-semaphore /sp2
	[ "$("$H" semvalue /sp2)" = 70000 ]
	# a sem. file too short to be one is said so, not "removed"
	: > /dev/shm/sem.short
	for args in -g 0:+1; do
		run -1 --separate-stderr semop --posix-semaphore /short $args
		[ "$stderr" = "semop: /short: not a semaphore: its file is too short to hold one" ]
	done
	ipccreate -s -n /sp3 >/dev/null
	run -1 --separate-stderr semop --nowait --posix-semaphore /sp3 0:-1
	[ "$stderr" = "semop: /sp3: POSIX semaphore /sp3: would wait (values 0)" ]
	run -1 --separate-stderr semop --timeout 0.2s --posix-semaphore /sp3 0:-1
	[ "$stderr" = "semop: /sp3: POSIX semaphore /sp3: not done within 0.2s (values 0)" ]
	(sleep 0.2; "$BIN/semop" --posix-semaphore /sp3 0:+1) </dev/null >/dev/null 2>&1 3>&- &
	run -0 semop --timeout 20s --posix-semaphore /sp3 0:-1
	[ "$("$H" semvalue /sp3)" = 0 ]
	# Ctrl-C while blocked in sem_wait: it ends, and nothing was taken
	background semop --posix-semaphore /sp3 0:-1
	sleeping "$BG"
	sleep 0.05
	kill -INT "$BG"
	reap "$BG"
	[ "$status" = 130 ]
	"$H" semvalue /sp3 >/dev/null
	run -0 semop --posix-semaphore /sp3 0:+1
	[ "$("$H" semvalue /sp3)" = 1 ]
}

@test "POSIX lock around a command: given back after it ends, after kill -9 of it, and a kill of semop goes on to it" {
	ipccreate -s -n /sp4 --value 1 >/dev/null
	run -3 semop -u --posix-semaphore /sp4 0:-1 -- sh -c "$H semvalue /sp4; exit 3"
	[ "$output" = 0 ]
	[ "$("$H" semvalue /sp4)" = 1 ]
	# a command that cannot run, with -u or without: the value stays
	for u in -u ""; do
		run -127 --separate-stderr semop $u --posix-semaphore /sp4 0:-1 -- /no/such/command
		[ "$stderr" = "semop: /no/such/command: No such file or directory" ]
		[ "$("$H" semvalue /sp4)" = 1 ]
		run -126 --separate-stderr semop $u --posix-semaphore /sp4 0:-1 -- "$T"
		[ "$stderr" = "semop: $T: Permission denied" ]
		[ "$("$H" semvalue /sp4)" = 1 ]
	done
	# the command killed: the parent gives the semaphore back
	semop -u --posix-semaphore /sp4 0:-1 -- sleep 100 </dev/null >/dev/null 2>&1 3>&- &
	pid=$!
	HELPERS="$HELPERS $pid"
	for ((i = 0; i < 500; i++)); do child=$(pgrep -P "$pid" sleep) && break; sleep 0.01; done
	[ -n "$child" ]
	[ "$("$H" semvalue /sp4)" = 0 ]
	kill -9 "$child"
	reap "$pid"
	[ "$status" = 137 ]
	[ "$("$H" semvalue /sp4)" = 1 ]
	# semop itself sent SIGTERM: the command gets it, then the value comes back
	semop -u --posix-semaphore /sp4 0:-1 -- sleep 100 </dev/null >/dev/null 2>&1 3>&- &
	pid=$!
	HELPERS="$HELPERS $pid"
	for ((i = 0; i < 500; i++)); do child=$(pgrep -P "$pid" sleep) && break; sleep 0.01; done
	kill -TERM "$pid"
	reap "$pid"
	[ "$status" = 143 ]
	run -1 kill -0 "$child"
	[ "$("$H" semvalue /sp4)" = 1 ]
}

@test "usage errors: one line, status 2, nothing changed" {
	s=$(ipccreate -S 2)
	"$H" setval "$s" 0 3
	bad() { usage_line semop "$@"; }
	[ "$(bad -s "$s")" = "semop: nothing to do: INDEX:DELTA..., -g or --set; try 'semop --help'" ]
	[ "$(bad -g -s "$s" 0:-1)" = "semop: -g and operations do not go together" ]
	[ "$(bad -g --set 0=1 -s "$s")" = "semop: -g and --set do not go together" ]
	[ "$(bad --set 0=1 -s "$s" 0:-1)" = "semop: --set and operations do not go together" ]
	[ "$(bad -u -g -s "$s")" = "semop: -u is for operations (INDEX:DELTA)" ]
	[ "$(bad --timeout 1s --set 0=1 -s "$s")" = "semop: --timeout is for operations (INDEX:DELTA)" ]
	[ "$(bad --nowait --timeout 1s -s "$s" 0:-1)" = "semop: --nowait and --timeout do not go together" ]
	[ "$(bad -J -s "$s" 0:-1)" = "semop: -J is for -g" ]
	[ "$(bad -s "$s" 0:x)" = "semop: 0:x: invalid operation (INDEX:DELTA, such as 0:-1; a command goes after --)" ]
	[ "$(bad -s "$s" 0:-1 true)" = "semop: true: invalid operation (INDEX:DELTA, such as 0:-1; a command goes after --)" ]
	[ "$(bad -s "$s" 0:-1 -v)" = "semop: -v: options go before the operations (semop [OPTION]... INDEX:DELTA... [-- CMD])" ]
	[ "$(bad -s "$s" 0:-1 --nowait -- true)" = "semop: --nowait: options go before the operations (semop [OPTION]... INDEX:DELTA... [-- CMD])" ]
	[ "$(bad -s "$s" 0:+0)" = "semop: 0:+0: invalid operation (INDEX:DELTA, such as 0:-1; a command goes after --)" ]
	[ "$(bad -s "$s" 0:-32769)" = "semop: 0:-32769: out of range (INDEX 0 to 65535, DELTA -32768 to +32767)" ]
	[ "$(bad -s "$s" 65536:1)" = "semop: 65536:1: out of range (INDEX 0 to 65535, DELTA -32768 to +32767)" ]
	[ "$(bad -s "$s" 2:-1)" = "semop: 2:-1: semaphore set $s has 2 semaphores (0 to 1)" ]
	[ "$(bad -s "$s" 0:-1 --)" = "semop: --: no command after it" ]
	[ "$(bad -s "$s" -- true)" = "semop: -- true: a command needs an operation before it (such as 0:-1)" ]
	[ "$(bad -g -s "$s" -- true)" = "semop: -- true: a command needs an operation before it (such as 0:-1)" ]
	[ "$(bad --timeout soon -s "$s" 0:-1)" = "semop: --timeout soon: invalid duration (90, 1.5s, 250ms, 2m, 1h, 1d)" ]
	[ "$(bad -q 0 0:-1)" = "semop: -q 0: only semaphore sets have semaphores (-s ID, -S KEY or --posix-semaphore NAME)" ]
	[ "$(bad --posix-mqueue /x 0:-1)" = "semop: --posix-mqueue /x: only semaphore sets have semaphores (-s ID, -S KEY or --posix-semaphore NAME)" ]
	[ "$(bad -s "$s" -s "$s" 0:-1)" = "semop: $s: one set at a time" ]
	[ "$(bad 0:-1)" = "semop: no semaphore set named: -s ID, -S KEY, -F PATH -P PROJID or --posix-semaphore NAME; try 'semop --help'" ]
	ipccreate -s -n /sp5 >/dev/null
	[ "$(bad --posix-semaphore /sp5 0:-1 0:+1)" = "semop: 0:+1: a POSIX semaphore takes one operation at a time" ]
	[ "$(bad --posix-semaphore /sp5 1:-1)" = "semop: 1:-1: a POSIX semaphore is one: its index is 0" ]
	[ "$(bad --posix-semaphore /sp5 0:0)" = "semop: 0:0: a POSIX semaphore cannot be waited on to be 0" ]
	[ "$(bad --posix-semaphore /sp5 0:-2)" = "semop: 0:-2: a POSIX semaphore is taken one at a time (0:-1)" ]
	[ "$(bad -u --posix-semaphore /sp5 0:-1)" = "semop: -u: a POSIX semaphore has no undo; with 0:-1 -- CMD, semop gives it back when CMD ends" ]
	[ "$(ul_values "$s" | paste -sd' ')" = "3 0" ]
	[ "$("$H" semvalue /sp5)" = 0 ]
}

@test "not found is status 1; the ftok form; --ns" {
	run -1 --separate-stderr semop -g -s 99999
	[ "$stderr" = "semop: 99999: No such identifier (semaphore set)" ]
	run -1 --separate-stderr semop -g --posix-semaphore /none
	[ "${stderr%% (*}" = "semop: /none: No such name" ]
	touch "$T/f"
	key=$(ftok_key "$T/f" 9)
	s=$(ipccreate -S 1 -k "$key")
	run -0 semop -F "$T/f" -P 9 0:+2
	run -0 semop -g -F "$T/f" -P 9 sem
	[ "$output" = 2 ]
	new_ns
	other=$(in_ns "$BIN/ipccreate" -S 1 -k 0x5e33)
	mine=$(ipccreate -S 1 -k 0x5e33)
	semop --ns "$NS_PID" -S 0x5e33 0:+5
	[ "$(ul_values "$mine")" = 0 ]
	[ "$(in_ns "$UL_IPCS" -s -i "$other" | awk 'f && NF >= 5 { print $2 } /^semnum/ { f = 1 }')" = 5 ]
}
