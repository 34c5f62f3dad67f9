#!/usr/bin/env bats
# SPDX-License-Identifier: MIT
# Every tool's command line, fuzzed from a dictionary: its own options
# (read from its --help) with values good and bad, operands and junk, over
# a known population of objects of every kind.  The promise checked: the
# exit status is 0, 1 or 2 (130 for a wait that SIGINT ended: msgcat -n 2
# may have taken one message before it, semop nothing; 126 or 127 for a
# semop -- CMD that could not be run); a status 2 is one line on stderr and leaves every object as it was, to the byte of
# /proc/sysvipc and /dev/mqueue and the stat of /dev/shm.
#   CMDFUZZ_SEED (random, printed), CMDFUZZ_N (80 commands a tool)
#
# Nothing here may reach outside this test's namespaces: --ns only names
# this process or no namespace at all, and --all-namespaces is left out
# (the PID namespace is the machine's).

load helpers


# The options in TOOL's --help: "-m|--shmem-id|ID", one a line.
options() {
	"$BIN/$1" --help | grep -oE '^ +(-[A-Za-z0-9], )?--[a-z-]+( [][A-Z|=,.]+)?' |
		sed -E 's/^ *//; s/^(-[A-Za-z0-9]), /\1|/; s/^(--)/|\1/; s/ /|/' |
		grep -v -e '--all-namespaces' -e '--help' -e '--version'
}

# pick WORD...: one of them, by the seeded RANDOM.
pick() {
	local a=("$@")
	REPLY=${a[RANDOM % ${#a[@]}]}
}

# A value for an option's ARG in REPLY: a good one two times in three,
# else one a parser must refuse (or an edge it must take).
value() {
	local g b
	case $1 in
	ID) g="0 1 2" b="99999 -1 2147483648 x 0x1" ;;
	KEY) g="0x100 0x101 256" b="0 0xffffffff 0x100000000 -1 zz" ;;
	SIZE) g="4096 4K 1MiB" b="0 1 18446744073709551616 -1 4KB 0x10 x" ;;
	MODE) g="600 644 g+r u=rw,go= o=u a-w" b="0777 1777 x 8" ;;
	NAME) g="/fz fz /fz2" b="/a/b / . .. $(printf 'n%.0s' {1..256})" ;;
	USER) g="root 0 nobody 65534" b="4294967295 nosuchuser -1" ;;
	USER*) g="root 0:0 nobody: :0 4242:4243" b="x: ::" ;;
	GROUP) g="root 0 65534" b="x -1" ;;
	DURATION) g="0 1s 250ms 0.1 1d" b="x -1 1.5x" ;;
	PID*) g="$$ /proc/self/ns/ipc" b="/etc/passwd 99999999 x 0" ;;
	PATH) g="/etc/hostname $T" b="/nonexistent" ;;
	ARCHIVE) g="$T/a.tar -" b="/nonexistent/a.tar $T" ;;
	PROJID) g="1 A 255" b="0 256 -1 x" ;;
	COUNT | N) g="1 2 100" b="0 -1 x" ;;
	TYPE) g="0 1 -1 2" b="9223372036854775807 9223372036854775808 x" ;;
	OFFSET | LENGTH) g="0 1 4096" b="4097 0x10 -1 x" ;;
	INDEX=VALUE*) g="0=1 1=0 0=1,1=2" b="9=1 0=99999 0=x" ;;
	*) g="0 1" b="x" ;;
	esac
	# shellcheck disable=SC2086  # one value a word
	if ((RANDOM % 3)); then pick $g; else pick $b ""; fi
}

# A plain operand, or junk, in REPLY.
operand() {
	pick shm msg sem pshm pmsg psem 0 1 2 3 0x100 0:-1 0:+1 1:0 x:1 \
		-- - --bogus -Z "$(printf '\001\033[2J\377')" "" -a --all=shm \
		--all=pmsg --all=bogus
}

# Every kind, known: what each command starts from.
populate() {
	"$UL_IPCRM" -a 2>/dev/null
	rm -f /dev/shm/* /dev/mqueue/* 2>/dev/null
	"$BIN/ipccreate" -k 0x100 -M 4096 -Q -S 3 >/dev/null
	"$BIN/ipccreate" -M 4096 -Q -S 1 -p 600 >/dev/null
	"$BIN/ipccreate" -m 4K -q -s --value 1 -n /fz >/dev/null
	"$BUILD/tests/ipchelp" send "$("$BIN/ipcget" -Q 0x100)" one two
	"$BUILD/tests/ipchelp" mqsend /fz three
	snap
	POP=$SNAP
}

# All there is, as text in SNAP, to tell "nothing changed": read with
# bash's own mapfile, and one stat(1) for every POSIX object's file
# (no ctime: reading a queue's file sets it, as its atime)
snap() {
	local f a=()
	for f in /proc/sysvipc/shm /proc/sysvipc/msg /proc/sysvipc/sem /dev/mqueue/*; do
		[ -e "$f" ] && mapfile -t -O "${#a[@]}" a < "$f"
	done
	SNAP="${a[*]}
$(stat -c '%n %s %a %u %g %Y' /dev/shm/* /dev/mqueue/* 2>/dev/null || true)"
	return 0
}

# fail WHY TOOL ARG...: the command line, quoted to be run again, and its stderr.
fail() {
	local why=$1 line
	shift
	printf -v line ' %q' "$@"
	echo "$why:$line (CMDFUZZ_SEED=$seed)"
	cat "$T/err"
	false
}

@test "every tool's command line, fuzzed: status 0, 1 or 2; a 2 is one line, and changes nothing" {
	seed=${CMDFUZZ_SEED:-$((SRANDOM % 1000000))}
	n=${CMDFUZZ_N:-80}
	echo "# CMDFUZZ_SEED=$seed CMDFUZZ_N=$n" >&3
	RANDOM=$seed
	# ipcsave and ipcrm --save write their archives here, never elsewhere
	cd "$T" || exit 1
	populate
	runs=0 twos=0 pops=0 waits=0
	for tool in $TOOLS; do
		mapfile -t opts < <(options "$tool")
		for ((i = 0; i < n; i++)); do
			args=()
			for ((k = 1 + RANDOM % 3; k > 0; k--)); do
				if ((RANDOM % 6 == 0)); then
					operand
					args+=("$REPLY")
					continue
				fi
				IFS='|' read -r short long arg <<<"${opts[RANDOM % ${#opts[@]}]}"
				opt=$long
				[ -n "$short" ] && ((RANDOM % 2)) && opt=$short
				args+=("$opt")
				if [ -n "$arg" ]; then
					value "$arg"
					args+=("$REPLY")
				fi
			done
			# msgcat and semop may wait: SIGINT after 0.3 s ends that,
			# and the status is the tool's own (130 if the signal ended it);
			# ipcs --events and --watch (or --ev, --wat...) run until a
			# signal, which ends them with 0
			status=0
			if [ "$tool" = msgcat ] || [ "$tool" = semop ]; then
				timeout --preserve-status -s INT 0.3 env --default-signal=INT "$BIN/$tool" \
					"${args[@]}" </dev/null >/dev/null 2>"$T/err" || status=$?
			elif [ "$tool" = ipcs ]; then
				timeout --preserve-status -s INT 1 env --default-signal=INT "$BIN/$tool" \
					"${args[@]}" </dev/null >/dev/null 2>"$T/err" || status=$?
			else
				"$BIN/$tool" "${args[@]}" </dev/null >/dev/null 2>"$T/err" ||
					status=$?
			fi
			runs=$((runs + 1))
			snap
			mapfile -t err < "$T/err"
			case $status in
			0 | 1) ;;
			2 | 130)
				[ "$status" = 2 ] && twos=$((twos + 1))
				[ "$status" = 130 ] && waits=$((waits + 1))
				if [ "$status" = 130 ] && [ "$tool" != msgcat ] && [ "$tool" != semop ]; then
					fail "ended by SIGINT" "$tool" "${args[@]}"
				elif [ "$status" = 2 ] && [ "${#err[@]}" != 1 ]; then
					fail "status 2 without one line on stderr" "$tool" "${args[@]}"
				elif [ "$SNAP" != "$POP" ] && { [ "$status" = 2 ] || [ "$tool" = semop ]; }; then
					diff <(echo "$POP") <(echo "$SNAP") || true
					fail "status $status changed something" "$tool" "${args[@]}"
				fi
				;;
			126 | 127)
				# semop ... -- CMD: CMD could not be run, as env(1) says
				[[ $tool = semop && " ${args[*]} " = *" -- "* ]] ||
					fail "status $status" "$tool" "${args[@]}"
				;;
			*)
				fail "status $status" "$tool" "${args[@]}"
				;;
			esac
			# anything a command may change is put back
			[ "$SNAP" = "$POP" ] || { populate; pops=$((pops + 1)); }
		done
	done
	echo "# $runs command lines: $twos status 2, $waits waits ended by SIGINT; $pops times the objects were put back" >&3
	[ "$twos" -gt 0 ]
}
