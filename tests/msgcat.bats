#!/usr/bin/env bats
# SPDX-License-Identifier: MIT
# msgcat: messages in and out of System V and POSIX queues.  The other end
# of every round trip is ipchelp (plain msgsnd, msgrcv, mq_send,
# mq_receive), the queue's counts are util-linux's ipcs, JSON is checked
# with jq and base64(1), the hex dump against hexdump -C.

load helpers

H=$BUILD/tests/ipchelp

# What ipcs (util-linux) says of queue ID: "messages used-bytes lrpid".
counts() {
	local row pid
	row=$(ul_row -q "$1")
	pid=$("$UL_IPCS" -q -p | awk -v id="$1" '$1 == id { print $4 }')
	echo "$(awk '{ print $6, $5 }' <<<"$row") $pid"
}

@test "round trips byte for byte: empty, 1 byte, msgmax bytes, binary with NULs (System V)" {
	q=$(ipccreate -Q -k 0x3c01)
	max=$(cat /proc/sys/kernel/msgmax)
	: > "$T/empty"
	printf x > "$T/one"
	head -c "$max" /dev/urandom > "$T/max"
	printf 'a\0b\0\0\377\n' > "$T/bin"
	for f in empty one max bin; do
		run -0 --separate-stderr msgcat -w -q "$q" < "$T/$f"
		[ "$output$stderr" = "" ]
		# ipchelp's msgrcv is the other end: type 1, the size, the bytes
		"$H" take "$q" 0 > "$T/got"
		[ "$(head -n 1 "$T/got")" = "1 $(stat -c %s "$T/$f")" ]
		tail -n +2 "$T/got" | head -c -1 | cmp - "$T/$f"
		# and back: msgcat takes what msgsnd sent
		"$BIN/msgcat" -w -q "$q" < "$T/$f"
		msgcat -q "$q" | cmp - "$T/$f"
	done
	# from a pipe as well as from a file
	cat "$T/max" | msgcat -w -Q 0x3c01
	msgcat -Q 0x3c01 | cmp - "$T/max"
	[ "$(counts "$q" | cut -d' ' -f1,2)" = "0 0" ]
}

@test "round trips byte for byte through a POSIX queue, with priorities" {
	ipccreate -q -n /mc1 --msgsize 4096
	head -c 4096 /dev/urandom > "$T/max"
	printf 'a\0b\n' > "$T/bin"
	: > "$T/empty"
	for f in empty bin max; do
		msgcat -w --posix-mqueue /mc1 < "$T/$f"
		"$H" mqtake /mc1 > "$T/got"
		[ "$(head -n 1 "$T/got")" = "0 $(stat -c %s "$T/$f")" ]
		tail -n +2 "$T/got" | head -c -1 | cmp - "$T/$f"
	done
	printf low | msgcat -w --posix-mqueue /mc1
	printf high | msgcat -w --priority 9 --posix-mqueue mc1
	"$H" mqsend /mc1 plain
	run -0 msgcat -a -J --posix-mqueue /mc1
	[ "$output" = '{"priority":9,"size":4,"text":"high","base64":"aGlnaA=="}
{"priority":0,"size":3,"text":"low","base64":"bG93"}
{"priority":0,"size":5,"text":"plain","base64":"cGxhaW4="}' ]
	[ "$("$H" mqattr /mc1 | cut -d' ' -f3)" = 0 ]
}

@test "-t and --except take what msgrcv's rule says, from a known sequence" {
	q=$(ipccreate -Q)
	"$H" typed "$q" 3:c 1:a 2:b 5:e 1:d 4:f
	run -0 msgcat -t -2 -q "$q"		# the lowest type up to 2: 1, the first: a
	[ "$output" = a ]
	run -0 msgcat -t 5 -q "$q"
	[ "$output" = e ]
	run -0 msgcat -t 1 --except -q "$q"	# the first not of type 1: c
	[ "$output" = c ]
	run -0 msgcat -t -9 -n 2 -L -q "$q"	# lowest first: d (1), then b (2)
	[ "$output" = "d
b" ]
	run -0 msgcat -a -J -q "$q"
	[ "$output" = '{"type":4,"size":1,"text":"f","base64":"Zg=="}' ]
	# the sender's side: -t is the type sent, 1 by default
	printf x | msgcat -w -q "$q"
	printf y | msgcat -w -t 77 -q "$q"
	[ "$("$H" take "$q" 0 | head -n 1)" = "1 1" ]
	[ "$("$H" take "$q" 0 | head -n 1)" = "77 1" ]
}

@test "--peek copies without taking: ipcs's messages, used-bytes and lrpid unchanged" {
	q=$(ipccreate -Q -k 0x3c02)
	"$H" typed "$q" 1:one 2:two 3:three 2:deux
	"$H" take "$q" 0 >/dev/null	# a receiver, so lrpid is not 0
	before=$(counts "$q")
	[ "${before% *}" = "3 12" ]
	run -0 msgcat --peek -q "$q"
	[ "$output" = two ]
	run -0 msgcat --peek -a -L -Q 0x3c02
	[ "$output" = "two
three
deux" ]
	run -0 msgcat --peek -t 2 -a -J -q "$q"
	[ "$output" = '{"index":0,"type":2,"size":3,"text":"two","base64":"dHdv"}
{"index":2,"type":2,"size":4,"text":"deux","base64":"ZGV1eA=="}' ]
	run -0 msgcat --peek -t 2 --except -q "$q"
	[ "$output" = three ]
	# < 0: the lowest type first, as receiving would take them
	run -0 msgcat --peek -t -3 -n 2 -L -q "$q"
	[ "$output" = "two
deux" ]
	[ "$(counts "$q")" = "$before" ]
	run -1 --separate-stderr msgcat --peek -t 9 -q "$q"
	[ "$stderr" = "msgcat: $q: message queue $q has no message of type 9" ]
	[ "$(counts "$q")" = "$before" ]
}

@test "-x shows each message as hexdump -C does" {
	q=$(ipccreate -Q)
	printf 'hello, world\0\1\2 and more than sixteen bytes' > "$T/m"
	msgcat -w -t 7 -q "$q" < "$T/m"
	printf z | msgcat -w -q "$q"
	{ echo "message 0: type 7, $(stat -c %s "$T/m") bytes"
	  hexdump -C "$T/m"
	  echo "message 1: type 1, 1 byte"
	  printf z | hexdump -C; } > "$T/want"
	run -0 msgcat --peek -a -x -q "$q"
	[ "$output" = "$(cat "$T/want")" ]
	# taken, the first: no index, since it is no longer in the queue
	run -0 msgcat -x -q "$q"
	[ "$output" = "type 7, $(stat -c %s "$T/m") bytes
$(hexdump -C "$T/m")" ]
}

@test "-J is valid JSON and lossless: base64 decodes to the bytes; text only for UTF-8" {
	q=$(ipccreate -Q)
	printf 'caf\303\251 "q" \\ \t\n' > "$T/utf8"
	printf 'a\0b' > "$T/nul"
	printf 'bad \377 byte' > "$T/bad"
	for f in utf8 nul bad; do
		msgcat -w -q "$q" < "$T/$f"
	done
	run -0 msgcat -a -J -q "$q"
	[ "${#lines[@]}" = 3 ]
	for i in 0 1 2; do
		f=$(echo utf8 nul bad | cut -d' ' -f$((i + 1)))
		jq -e . >/dev/null <<<"${lines[$i]}"
		jq -r .base64 <<<"${lines[$i]}" | base64 -d | cmp - "$T/$f"
		[ "$(jq -r .size <<<"${lines[$i]}")" = "$(stat -c %s "$T/$f")" ]
	done
	jq -j .text <<<"${lines[0]}" | cmp - "$T/utf8"
	jq -j .text <<<"${lines[1]}" | cmp - "$T/nul"
	[ "$(jq -c .text <<<"${lines[2]}")" = null ]
}

@test "-L and -0: a message a record, and a separator after each one received" {
	q=$(ipccreate -Q)
	printf 'one\n\nthree\nlast without newline' | msgcat -w -L -q "$q"
	[ "$(counts "$q" | cut -d' ' -f1,2)" = "4 28" ]
	run -0 msgcat -a -L -q "$q"
	[ "$output" = "one

three
last without newline" ]
	printf 'a b\0c\nd\0' > "$T/recs"
	msgcat -w -0 -q "$q" < "$T/recs"
	[ "$(counts "$q" | cut -d' ' -f1,2)" = "2 6" ]
	msgcat -a -0 -q "$q" | cmp - "$T/recs"
	# nothing in: nothing sent, and that is no failure
	run -0 --separate-stderr msgcat -v -w -L -q "$q" < /dev/null
	[ "$stderr" = "msgcat: $q: 0 messages, 0 bytes, to message queue $q" ]
	[ "$(counts "$q" | cut -d' ' -f1)" = 0 ]
}

@test "a file whose size says nothing (procfs) is read as a stream, with -L and -0 too" {
	q=$(ipccreate -Q)
	# msgcat's own command line, its arguments NUL-ended
	msgcat -w -0 -q "$q" < /proc/self/cmdline
	run -0 msgcat -a -L -q "$q"
	[ "$output" = "$(printf '%s\n' msgcat -w -0 -q "$q")" ]
	msgcat -w -L -q "$q" < /proc/sys/kernel/sem
	run -0 msgcat -a -L -q "$q"
	[ "$output" = "$(cat /proc/sys/kernel/sem)" ]
	msgcat -w -q "$q" < /proc/sys/kernel/msgmax
	run -0 msgcat -q "$q"
	[ "$output" = "$(cat /proc/sys/kernel/msgmax)" ]
}

@test "a file cut short while it is sent (copytruncate): what went is said, status 1, no crash" {
	q=$(ipccreate -Q)
	# 3 MiB of 64-byte lines; the queue fills long before 1 MiB of them went
	awk 'BEGIN { for (i = 0; i < 49152; i++) printf "%063d\n", i }' > "$T/log"
	msgcat -w -L -q "$q" < "$T/log" 2> "$T/err" &
	pid=$!
	HELPERS="$HELPERS $pid"
	sleeping "$pid"
	: > "$T/log"
	got=0
	while kill -0 "$pid" 2>/dev/null; do
		got=$((got + $(msgcat -a -L -q "$q" 2>/dev/null | wc -l)))
	done
	reap "$pid"
	got=$((got + $(msgcat -a -L -q "$q" 2>/dev/null | wc -l)))
	[ "$status" = 1 ]
	# what it had read when the file was cut: 1 MiB, 16384 whole lines
	[ "$got" = 16384 ]
	[ "$(cat "$T/err")" = "msgcat: standard input: the file ended at byte 1048576 of the 3145728 checked: it shrank while it was sent; 16384 messages sent, the rest of standard input not" ]
}

@test "a message longer than the queue takes is refused before anything is sent" {
	q=$(ipccreate -Q)
	max=$(cat /proc/sys/kernel/msgmax)
	head -c $((max + 1)) /dev/zero > "$T/big"
	run -2 --separate-stderr msgcat -w -q "$q" < "$T/big"
	[ "$stderr" = "msgcat: standard input: $((max + 1)) bytes: message queue $q takes at most $max (msgmax); nothing sent" ]
	run -2 --separate-stderr sh -c "cat '$T/big' | msgcat -w -q $q"
	[ "$stderr" = "msgcat: standard input: more than $max bytes: message queue $q takes at most $max (msgmax); nothing sent" ]
	# a file is read through first: its third line is too long, none goes
	{ echo a; echo b; tr '\0' x < "$T/big"; echo; echo d; } > "$T/lines"
	run -2 --separate-stderr msgcat -w -L -q "$q" < "$T/lines"
	[ "$stderr" = "msgcat: standard input: line 3 is $((max + 1)) bytes: message queue $q takes at most $max (msgmax); nothing sent" ]
	[ "$(counts "$q" | cut -d' ' -f1)" = 0 ]
	# a pipe goes as it comes: what came before is sent, and said
	run -1 --separate-stderr sh -c "cat '$T/lines' | msgcat -w -L -q $q"
	[ "$stderr" = "msgcat: standard input: line 3 is $((max + 1)) bytes: message queue $q takes at most $max (msgmax); 2 messages sent, the rest of standard input not" ]
	[ "$(counts "$q" | cut -d' ' -f1)" = 2 ]
	# the queue's own limit when it is the lower one; a POSIX queue's msgsize
	ipcset --qbytes 100 -q "$q"
	run -2 --separate-stderr msgcat -w -q "$q" < <(head -c 101 /dev/zero)
	[ "$stderr" = "msgcat: standard input: more than 100 bytes: message queue $q takes at most 100 (its qbytes); nothing sent" ]
	ipccreate -q -n /mc2 --msgsize 64
	run -2 --separate-stderr msgcat -w --posix-mqueue /mc2 < <(head -c 65 /dev/zero)
	[ "$stderr" = "msgcat: standard input: more than 64 bytes: POSIX message queue /mc2 takes at most 64 (its mq_msgsize); nothing sent" ]
	[ "$("$H" mqattr /mc2 | cut -d' ' -f3)" = 0 ]
}

@test "--nowait: an empty queue, or a full one, is status 1 and one line; --quiet says nothing" {
	q=$(ipccreate -Q)
	run -1 --separate-stderr msgcat --nowait -q "$q"
	[ "$output" = "" ]
	[ "$stderr" = "msgcat: $q: message queue $q has no message" ]
	run -1 --separate-stderr msgcat --nowait --quiet -q "$q"
	[ "$output$stderr" = "" ]
	run -1 --separate-stderr msgcat -a -q "$q"
	[ "$stderr" = "msgcat: $q: message queue $q has no message" ]
	run -1 --separate-stderr msgcat --nowait -t 4 --except -q "$q"
	[ "$stderr" = "msgcat: $q: message queue $q has no message of a type other than 4" ]
	# -n with fewer there: what there is, then the line and status 1
	"$H" send "$q" one
	run -1 --separate-stderr msgcat --nowait -n 3 -L -q "$q"
	[ "$output" = one ]
	[ "$stderr" = "msgcat: $q: message queue $q has no message; 1 of 3 messages taken" ]
	# full: 10 bytes fit, 4 messages of 3 bytes do not
	ipcset --qbytes 10 -q "$q"
	run -1 --separate-stderr sh -c "printf 'aaa\nbbb\nccc\nddd\n' | msgcat -w -L --nowait -q $q"
	[ "$stderr" = "msgcat: $q: message queue $q is full (3 messages, 9 of 10 bytes); 3 messages sent, the rest of standard input not" ]
	[ "$(counts "$q" | cut -d' ' -f1,2)" = "3 9" ]
	ipccreate -q -n /mc3 --maxmsg 1
	"$H" mqsend /mc3 x
	run -1 --separate-stderr msgcat -w --nowait --posix-mqueue /mc3 < /dev/null
	[ "$stderr" = "msgcat: /mc3: POSIX message queue /mc3 is full (1 of 1 messages); nothing sent" ]
	msgcat --posix-mqueue /mc3 >/dev/null
	run -1 --separate-stderr msgcat --nowait --posix-mqueue /mc3
	[ "$stderr" = "msgcat: /mc3: POSIX message queue /mc3 has no message" ]
}

@test "--timeout: nothing within it is status 1; a message that comes in time is taken" {
	q=$(ipccreate -Q)
	start=$EPOCHREALTIME
	run -1 --separate-stderr msgcat --timeout 300ms -q "$q"
	[ "$stderr" = "msgcat: $q: message queue $q had no message within 300ms" ]
	# it waited, about as long as it was told (the bound is loose: no timing test)
	awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { exit !(b - a >= 0.3) }'
	run -1 --separate-stderr msgcat --timeout 0 -q "$q"
	[ "$stderr" = "msgcat: $q: message queue $q has no message" ]
	# a zero timeout in any spelling is --nowait, and goes with it
	for z in 0s 0ms 0.0; do
		run -1 --separate-stderr msgcat --timeout "$z" -q "$q"
		[ "$stderr" = "msgcat: $q: message queue $q has no message" ]
		run -1 --separate-stderr msgcat --nowait --timeout "$z" -q "$q"
		[ "$stderr" = "msgcat: $q: message queue $q has no message" ]
	done
	# --quiet: no message in time says nothing either
	run -1 --separate-stderr msgcat --quiet --timeout 50ms -q "$q"
	[ "$output$stderr" = "" ]
	(sleep 0.2; "$H" send "$q" late) </dev/null >/dev/null 2>&1 3>&- &
	run -0 msgcat --timeout 20s -q "$q"
	[ "$output" = late ]
	# a full queue that stays full
	ipcset --qbytes 3 -q "$q"
	"$H" send "$q" abc
	run -1 --separate-stderr msgcat -w --timeout 0.2s -q "$q" < <(printf x)
	[ "$stderr" = "msgcat: $q: message queue $q stayed full for 0.2s; nothing sent" ]
	ipccreate -q -n /mc4
	run -1 --separate-stderr msgcat --timeout 0.1 --posix-mqueue /mc4
	[ "$stderr" = "msgcat: /mc4: POSIX message queue /mc4 had no message within 0.1" ]
}


@test "Ctrl-C while waiting takes nothing: status 130, and every message is still there or written" {
	q=$(ipccreate -Q)
	background msgcat -q "$q"
	sleeping "$BG"
	kill -INT "$BG"
	reap "$BG"
	[ "$status" = 130 ]
	[ "$(cat "$T/out" "$T/err")" = "" ]
	"$H" send "$q" kept
	[ "$(counts "$q" | cut -d' ' -f1)" = 1 ]
	msgcat -q "$q" >/dev/null
	# signals among a stream of messages: what left the queue was written
	for round in 1 2 3 4 5; do
		background msgcat -L -n 100000 -q "$q"
		sleeping "$BG"
		for ((i = 0; i < 200; i++)); do echo "m$i"; done | "$BIN/msgcat" -w -L -q "$q" &
		sender=$!
		sleep 0.0$round
		kill -INT "$BG"
		wait "$sender"
		reap "$BG"
		[ "$status" = 130 ]
		left=$(counts "$q" | cut -d' ' -f1)
		[ $(($(wc -l < "$T/out") + left)) = 200 ]
		msgcat -a -q "$q" >/dev/null || true
	done
	# -v says what happened
	background msgcat -v -q "$q"
	sleeping "$BG"
	kill -TERM "$BG"
	reap "$BG"
	[ "$status" = 143 ]
	[ "$(cat "$T/err")" = "msgcat: $q: stopped by signal 15 (Terminated): 0 messages taken, every one written" ]
}

@test "Ctrl-C while waiting on a POSIX queue: status 130, the message sent after it stays" {
	ipccreate -q -n /mc7
	background msgcat --posix-mqueue /mc7
	sleeping "$BG"
	kill -INT "$BG"
	reap "$BG"
	[ "$status" = 130 ]
	"$H" mqsend /mc7 kept
	[ "$("$H" mqattr /mc7 | cut -d' ' -f3)" = 1 ]
}

@test "standard output that fails: taking stops, and the line says how many taken may be lost" {
	q=$(ipccreate -Q)
	"$H" send "$q" a b c
	# /dev/full refuses even a write of nothing: known before taking
	run -1 --separate-stderr sh -c "msgcat -a -L -q $q > /dev/full"
	[ "$stderr" = "msgcat: standard output: No space left on device: nothing taken from the queue" ]
	[ "$(counts "$q" | cut -d' ' -f1)" = 3 ]
	# a file system that fills up takes the first write, then refuses
	mkdir "$T/small"
	mount -t tmpfs -o size=4k none "$T/small"
	head -c 6000 /dev/zero | msgcat -w -q "$q"
	head -c 6000 /dev/zero | msgcat -w -q "$q"
	run --separate-stderr sh -c "msgcat -a -L -q $q > '$T/small/out'"
	umount "$T/small"
	[ "$status" = 1 ]
	[ "$stderr" = "msgcat: standard output: No space left on device: up to 5 messages taken from the queue not written" ]
	[ "$(counts "$q" | cut -d' ' -f1)" = 0 ]
	# --peek takes nothing, so nothing is lost
	"$H" send "$q" d
	run -1 --separate-stderr sh -c "msgcat --peek -q $q > /dev/full"
	[ "$stderr" = "msgcat: write error: No space left on device" ]
	[ "$(counts "$q" | cut -d' ' -f1)" = 1 ]
	# a stdout closed, or open only to read: known before anything is taken
	"$H" send "$q" e f
	run -1 --separate-stderr sh -c "msgcat -a -q $q >&-"
	[ "$stderr" = "msgcat: standard output: Bad file descriptor: nothing taken from the queue" ]
	run -1 --separate-stderr sh -c "msgcat -n 2 -q $q 1</dev/null"
	[ "$stderr" = "msgcat: standard output: Bad file descriptor: nothing taken from the queue" ]
	[ "$(counts "$q" | cut -d' ' -f1)" = 3 ]
}

@test "a queue removed while msgcat waits: one line, status 1" {
	q=$(ipccreate -Q)
	background msgcat -q "$q"
	sleeping "$BG"
	ipcrm -q "$q"
	reap "$BG"
	[ "$status" = 1 ]
	[ "$(cat "$T/err")" = "msgcat: $q: message queue $q was removed while msgcat used it" ]
	q=$(ipccreate -Q)
	ipcset --qbytes 1 -q "$q"
	"$H" send "$q" x
	printf y | env --default-signal=INT "$BIN/msgcat" -w -q "$q" 2> "$T/err" &
	BG=$!
	sleeping "$BG"
	ipcrm -q "$q"
	reap "$BG"
	[ "$status" = 1 ]
	[ "$(cat "$T/err")" = "msgcat: $q: message queue $q was removed while msgcat used it; nothing sent" ]
}

@test "permission as uid 65534: which bit is missing; a write-only queue takes messages" {
	need_nobody
	q=$(ipccreate -Q -p 600)
	"$H" send "$q" secret
	run -1 --separate-stderr as_nobody "$BIN/msgcat" -q "$q"
	[ "$stderr" = "msgcat: $q: Permission denied: no read permission: mode rw------- gives others --- (owner root (uid 0))" ]
	run -1 --separate-stderr as_nobody "$BIN/msgcat" --peek -q "$q"
	[ "$stderr" = "msgcat: $q: Permission denied: no read permission: mode rw------- gives others --- (owner root (uid 0))" ]
	run -1 --separate-stderr as_nobody "$BIN/msgcat" -w -q "$q" < /dev/null
	[ "$stderr" = "msgcat: $q: Permission denied: no write permission: mode rw------- gives others --- (owner root (uid 0))" ]
	[ "$(counts "$q" | cut -d' ' -f1)" = 1 ]
	ipcset --mode 622 -q "$q"
	printf drop | as_nobody "$BIN/msgcat" -w -q "$q"
	[ "$(counts "$q" | cut -d' ' -f1)" = 2 ]
	ipccreate -q -n /mc5 -p 600
	run -1 --separate-stderr as_nobody "$BIN/msgcat" --nowait --posix-mqueue /mc5
	[ "$stderr" = "msgcat: /mc5: Permission denied: no read permission: mode rw------- gives others --- (owner root (uid 0))" ]
}

@test "usage errors: one line, status 2, nothing taken or sent" {
	q=$(ipccreate -Q)
	"$H" send "$q" stays
	bad() { usage_line msgcat "$@"; }
	[ "$(bad -w -a -q "$q")" = "msgcat: -w sends: -a is for receiving" ]
	[ "$(bad -w --peek -q "$q")" = "msgcat: -w sends: --peek is for receiving" ]
	[ "$(bad -w -n 2 -q "$q")" = "msgcat: -w sends: -n is for receiving" ]
	[ "$(bad -w -x -q "$q")" = "msgcat: -w sends: -x is for receiving" ]
	[ "$(bad -w -J -q "$q")" = "msgcat: -w sends: -J is for receiving" ]
	[ "$(bad -L -0 -q "$q")" = "msgcat: -L and -0 do not go together" ]
	[ "$(bad -L -x -q "$q")" = "msgcat: -L and -x do not go together: -x shows each message apart" ]
	[ "$(bad -x -J -q "$q")" = "msgcat: -x and -J do not go together" ]
	[ "$(bad --nowait --timeout 1s -q "$q")" = "msgcat: --nowait and --timeout 1s do not go together" ]
	[ "$(bad -a --timeout 1s -q "$q")" = "msgcat: --timeout 1s: -a never waits" ]
	[ "$(bad --peek --timeout 1s -q "$q")" = "msgcat: --timeout 1s: --peek never waits" ]
	[ "$(bad --except -q "$q")" = "msgcat: --except needs -t TYPE with a TYPE above 0" ]
	[ "$(bad --except -t -1 -q "$q")" = "msgcat: --except needs -t TYPE with a TYPE above 0" ]
	[ "$(bad -w -t 0 -q "$q")" = "msgcat: -t 0: a message's type is 1 or more" ]
	[ "$(bad --priority 1 -q "$q")" = "msgcat: --priority 1: only a message sent to a POSIX queue (-w --posix-mqueue) has one" ]
	[ "$(bad -t x -q "$q")" = "msgcat: -t x: invalid type" ]
	[ "$(bad -t 9223372036854775808 -q "$q")" = "msgcat: -t 9223372036854775808: type out of range (-9223372036854775807 to 9223372036854775807)" ]
	[ "$(bad -n 0 -q "$q")" = "msgcat: -n 0: count out of range (1 to 9223372036854775807)" ]
	[ "$(bad -n -1 -q "$q")" = "msgcat: -n -1: invalid count" ]
	[ "$(bad --timeout 1x -q "$q")" = "msgcat: --timeout 1x: invalid duration (90, 1.5s, 250ms, 2m, 1h, 1d)" ]
	[ "$(bad --timeout 99999999999999w -q "$q")" = "msgcat: --timeout 99999999999999w: too long (at most about 584 years)" ]
	[ "$(bad -m 0)" = "msgcat: -m 0: only message queues have messages (-q ID, -Q KEY or --posix-mqueue NAME)" ]
	[ "$(bad --posix-shmem /x)" = "msgcat: --posix-shmem /x: only message queues have messages (-q ID, -Q KEY or --posix-mqueue NAME)" ]
	[ "$(bad -q "$q" -q "$q")" = "msgcat: $q: one queue at a time" ]
	[ "$(bad)" = "msgcat: no queue named: -q ID, -Q KEY, -F PATH -P PROJID or --posix-mqueue NAME; try 'msgcat --help'" ]
	[ "$(bad -q "$q" extra)" = "msgcat: extra: unexpected operand; try 'msgcat --help'" ]
	[ "$(bad -F /etc -P 1 shm)" = "msgcat: shm: only message queues have messages" ]
	[ "$(bad -Q 0)" = "msgcat: 0: $(ipcstat -Q 0 2>&1 | sed 's/^ipcstat: 0: //')" ]
	ipccreate -q -n /mc6
	[ "$(bad -t 1 --posix-mqueue /mc6)" = "msgcat: -t 1: a POSIX queue has no types: it gives the oldest message of the highest priority" ]
	[ "$(bad -w -t 1 --posix-mqueue /mc6)" = "msgcat: -t 1: a POSIX queue has no types: send with --priority N" ]
	[ "$(bad --peek --posix-mqueue /mc6)" = "msgcat: --peek: a POSIX queue cannot be looked at without taking the message (mq_receive always takes it)" ]
	[ "$(bad -w --priority 32768 --posix-mqueue /mc6)" = "msgcat: --priority 32768: priority out of range (0 to 32767)" ]
	[ "$(counts "$q" | cut -d' ' -f1)" = 1 ]
	[ "$("$H" mqattr /mc6 | cut -d' ' -f3)" = 0 ]
}

@test "not found is status 1; -F -P names a queue by ftok; -v says what moved" {
	run -1 --separate-stderr msgcat -q 99999
	[ "$stderr" = "msgcat: 99999: No such identifier (message queue)" ]
	run -1 --separate-stderr msgcat -Q 0x3c0f
	[ "${stderr%% (*}" = "msgcat: 0x3c0f: No such key" ]
	run -1 --separate-stderr msgcat --posix-mqueue /none
	[ "$stderr" = "msgcat: /none: No such name (POSIX message queue)" ]
	touch "$T/f"
	key=$(ftok_key "$T/f" 7)
	q=$(ipccreate -Q -k "$key")
	printf 'ab\ncd\n' | msgcat -w -L -F "$T/f" -P 7
	run -0 --separate-stderr msgcat -v -a -L -F "$T/f" -P 7 msg
	[ "$output" = "ab
cd" ]
	[ "$stderr" = "msgcat: $key: 2 messages, 4 bytes, from message queue $q" ]
	"$H" send "$q" x
	run -0 --separate-stderr msgcat -v --peek -q "$q"
	[ "$stderr" = "msgcat: $q: 1 message, 1 byte, copied from message queue $q" ]
}

@test "--ns: a queue of another IPC namespace, and none of this one's" {
	new_ns
	q=$(in_ns "$BIN/ipccreate" -Q -k 0x3c10)
	mine=$(ipccreate -Q -k 0x3c10)
	printf there | msgcat -w --ns "$NS_PID" -Q 0x3c10
	[ "$(counts "$mine" | cut -d' ' -f1)" = 0 ]
	[ "$(in_ns "$H" take "$q" 0 | tail -n 1)" = there ]
}
