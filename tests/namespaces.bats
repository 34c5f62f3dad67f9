#!/usr/bin/env bats
# SPDX-License-Identifier: MIT
# --ns PID|PATH on every tool: helper processes each hold an IPC namespace
# (and a /dev/shm) of their own with known objects; util-linux's tools,
# run there by nsenter, are the oracle.  Nothing here leaves this file's
# own namespace but into the helpers'.

load helpers

# unshare --fork ignores SIGTERM while it waits: its helpers go by SIGKILL
# (and --kill-child takes the PID namespace with it)
teardown() {
	# shellcheck disable=SC2086  # one pid a word
	[ -z "${HELPERS:-}" ] || kill -9 $HELPERS 2>/dev/null || true
	ipck_teardown
}

# holder KEY NAME: a process in IPC and mount namespaces of its own, with a
# segment of key KEY and a POSIX shared memory object NAME; its pid, which
# the caller adds to HELPERS (holder runs in a subshell of its own).
holder() {
	local ready=$BATS_TEST_TMPDIR/ready.$1
	unshare --ipc --mount --propagation private sh -c '
		mount -t tmpfs -o mode=1777 none /dev/shm || exit 1
		"$1/ipccreate" -M 4096 -k "$2" > /dev/null || exit 1
		printf "inside %s" "$3" > "/dev/shm/$3"
		: > "$4"
		exec sleep 1000' sh "$BIN" "$1" "$2" "$ready" </dev/null >/dev/null 2>&1 3>&- &
	local pid=$!
	while [ ! -e "$ready" ]; do
		kill -0 "$pid" 2>/dev/null || return 1
		sleep 0.01
	done
	# unshare forks nothing here: the pid is the one that becomes sleep
	echo "$pid"
}

# in PID CMD...: util-linux's CMD in the helper's namespaces
in_ns() { local p=$1; shift; nsenter -t "$p" --ipc --mount -- "$@"; }

@test "--ns PID: every tool works in the process's IPC namespace and /dev/shm, and only there" {
	p=$(holder 0x4e01 inner)
	HELPERS="$HELPERS $p"
	here=$(ipccreate -M 8192 -k 0x4e01)
	# ipcs and ipcget: the helper's segment, not ours
	run -0 ipcs --ns "$p" -m
	[ "$output" = "$(in_ns "$p" "$UL_IPCS" -m)" ]
	[ "$(ipcs --ns "$p" -J -m | jq -r '.[0].size')" = 4096 ]
	id=$(in_ns "$p" "$UL_IPCS" -m | awk '$1 == "0x00004e01" { print $2 }')
	run -0 ipcget --ns "$p" -M 0x4e01
	[ "$output" = "$id" ]
	run -0 ipcstat --ns "$p" -M 0x4e01
	[[ $output = *"size (shm_segsz)"*"4096 bytes"* ]]
	# shmcat into the helper's segment, read back there by its own tools
	printf 'from the host' | shmcat --ns "$p" -w -M 0x4e01
	[ "$(shmcat --ns "/proc/$p/ns/ipc" -M 0x4e01 -l 13)" = "from the host" ]
	# POSIX shared memory: the helper's /dev/shm, through its root
	run -0 ipcs --ns "$p" -M
	[[ $output = *"/inner "* ]]
	[ "$(shmcat --ns "$p" --posix-shmem inner)" = "inside inner" ]
	run -1 ipcget --ns "$p" -q --posix-shmem other
	# ipccreate makes there, ipcrm removes there; ours stays
	q=$(ipccreate --ns "$p" -Q -k 0x4e02 -m 10 -n made | head -1)
	[ "$(in_ns "$p" "$UL_IPCS" -q | awk '$1 == "0x00004e02" { print $2 }')" = "$q" ]
	[ "$(in_ns "$p" ls /dev/shm | sort | tr '\n' ' ')" = "inner made " ]
	[ ! -e /dev/shm/made ]
	# a POSIX queue is the IPC namespace's: made there, found there, not here
	run -0 ipccreate --ns "$p" -q --maxmsg 3 -n nsq
	[ "$(nsenter -t "$p" --ipc "$BUILD/tests/ipchelp" mqattr /nsq)" = "3 8192 0" ]
	run -0 ipcget --ns "$p" --posix-mqueue nsq
	run -1 ipcget -q --posix-mqueue nsq
	run -0 ipcrm --ns "$p" --posix-mqueue nsq
	run -1 nsenter -t "$p" --ipc "$BUILD/tests/ipchelp" mqattr /nsq
	run -0 ipcrm --ns "$p" -v -M 0x4e01 -Q 0x4e02 --posix-shmem made
	[ "${lines[0]}" = "removing shared memory segment id \`$id' (key 0x00004e01, owner root)" ]
	[ -z "$(in_ns "$p" "$UL_IPCS" -m | grep 0x00004e01)" ]
	[ "$(ul_row -m 0x00004e01 | cut -d' ' -f2)" = "$here" ]
	[ "$(in_ns "$p" ls /dev/shm)" = inner ]
}

@test "--ns PATH: a bind mount keeps a namespace with no process; its /dev/shm is then unknown" {
	p=$(holder 0x4e03 inner)
	HELPERS="$HELPERS $p"
	touch "$BATS_TEST_TMPDIR/nsfile"
	mount --bind "/proc/$p/ns/ipc" "$BATS_TEST_TMPDIR/nsfile"
	run -0 ipcget --ns "$BATS_TEST_TMPDIR/nsfile" -M 0x4e03
	# with a process there, its /dev/shm
	run -0 ipcget --ns "$BATS_TEST_TMPDIR/nsfile" --posix-shmem inner
	kill "$p"
	while kill -0 "$p" 2>/dev/null; do sleep 0.01; done
	run -0 ipcs --ns "$BATS_TEST_TMPDIR/nsfile" -m
	[[ $output = *0x00004e03* ]]
	run -1 --separate-stderr ipcs --ns "$BATS_TEST_TMPDIR/nsfile" -M
	[ "$stderr" = "ipcs: cannot list POSIX shared memory: no process is in this IPC namespace, so no /dev/shm is known for it (--ns PID names a process's)" ]
	run -0 ipcrm --ns "$BATS_TEST_TMPDIR/nsfile" -M 0x4e03
	run -1 ipcget --ns "$BATS_TEST_TMPDIR/nsfile" -q -M 0x4e03
	umount "$BATS_TEST_TMPDIR/nsfile"
}

@test "--ns: a bad operand is a usage error for every tool, and nothing is done" {
	usage() {
		local t args
		for t in $TOOLS; do
			# a command line that is right but for --ns: each tool's own
			case $t in
			ipccheck) args="-M" ;;
			ipcsave | ipcrestore) args="$BATS_TEST_TMPDIR/ns.tar" ;;
			ipcset) args="--mode 600 -M 0x4e09" ;;
			msgcat) args="-Q 0x4e09" ;;
			semop) args="-g -S 0x4e09" ;;
			*) args="-M 0x4e09" ;;
			esac
			# shellcheck disable=SC2086  # the words of args
			run -2 --separate-stderr "$t" --ns "$1" $args
			[ "$output" = "" ]
			[ "$stderr" = "$t: --ns $1: $2" ] || { echo "$t: $stderr"; false; }
		done
		[ ! -e "$BATS_TEST_TMPDIR/ns.tar" ]
	}
	usage 2147483647 "no such process"
	usage 99999999999 "no such process (a pid is 1 to 2147483647)"
	usage 0 "no such process (a pid is 1 to 2147483647)"
	usage /nonexistent "no such file (a pid, or a namespace file such as /proc/PID/ns/ipc)"
	usage /etc/passwd "not an IPC namespace (a pid, or a file such as /proc/PID/ns/ipc or a bind mount of one)"
	usage /proc/self/ns/uts "not an IPC namespace (a pid, or a file such as /proc/PID/ns/ipc or a bind mount of one)"
	run -2 --separate-stderr ipcs --ns $$ --ns 1
	[ "$stderr" = "ipcs: --ns 1: one namespace at a time (--ns $$ came first)" ]
	[ -z "$(ul_row -m 0x00004e09)" ]
}

@test "--ns: one's own namespace takes no privilege; another's is refused in one line" {
	need_nobody
	p=$(holder 0x4e04 inner)
	HELPERS="$HELPERS $p"
	# as uid 65534: its own shell's namespace is this one, and no entry is needed
	ipccreate -M 4096 -k 0x4e05 -p 644 > /dev/null
	run -0 as_nobody sh -c 'exec "$1" --ns $$ -M 0x4e05' sh "$BIN/ipcget"
	[ "$output" = "$(ipcget -M 0x4e05)" ]
	run -1 --separate-stderr as_nobody "$BIN/ipcs" --ns "$p"
	[ "$stderr" = "ipcs: --ns $p: cannot open its IPC namespace: Permission denied; run as root" ]
	run -1 --separate-stderr as_nobody "$BIN/ipcget" --ns "$p" -M 0x4e04
	[ "$stderr" = "ipcget: --ns $p: cannot open its IPC namespace: Permission denied; run as root" ]
	# root without CAP_SYS_ADMIN
	run -1 --separate-stderr setpriv --inh-caps -sys_admin --bounding-set -sys_admin "$BIN/ipcs" --ns "$p" -m
	[ "$stderr" = "ipcs: --ns $p: cannot enter its IPC namespace: that needs CAP_SYS_ADMIN over the user namespace that owns it; this process has no CAP_SYS_ADMIN" ]
}

@test "--ns: pids are shown as this PID namespace sees them, so a live attacher in a container is live" {
	ready=$BATS_TEST_TMPDIR/ready
	unshare --ipc --pid --fork --kill-child --mount-proc sh -c '
		id=$("$1/ipccreate" -M 4096 -k 0x4e06) || exit 1
		"$2" attach "$id" > "$3.pid" || exit 1
		: > "$3"
		exec sleep 1000' sh "$BIN" "$BUILD/tests/ipchelp" "$ready" </dev/null >/dev/null 2>&1 3>&- &
	HELPERS=$!
	while [ ! -e "$ready" ]; do sleep 0.01; done
	inner=$(cat "$ready.pid")
	# the attacher as this namespace numbers it: the child of the
	# namespace's init (unshare's child), whose NSpid ends in $inner
	init=$(cat "/proc/$HELPERS/task/$HELPERS/children")
	outer=
	for c in $(cat "/proc/${init% }/task/${init% }/children"); do
		[ "$(awk '/^NSpid:/ { print $NF }' "/proc/$c/status")" = "$inner" ] && outer=$c
	done
	[ -n "$outer" ]
	[ "$outer" != "$inner" ]
	run ipcs --ns "$outer" -J -m
	[ "$status" = 0 ]
	jq -e --argjson p "$outer" '.[0].lpid == $p and .[0].nattch == 1' <<<"$output"
	run -0 ipcs --ns "$outer" -m --orphaned
	[ "$(grep -c 0x00004e06 <<<"$output")" = 0 ]
	run -0 ipcstat --ns "$outer" -M 0x4e06
	[[ $output = *"pid $outer "* ]]
}

# --- ipcs --all-namespaces, in a PID namespace of the test's own -------------

# world DIR: in a fresh PID namespace (so "all" is this test's and nothing
# of the machine's), two holders with a segment and a POSIX object each, a
# namespace held only by a bind mount at DIR/nsb, and this one's own
# segment; then the commands on stdin, run there.
world() {
	cat > "$1/world.sh" <<'SCRIPT'
set -eu
d=$1
for k in 1 2; do
	unshare --ipc --mount --propagation private sh -c '
		mount -t tmpfs -o mode=1777 none /dev/shm
		ipccreate -M "${1}K" -k "0x5a0$1" > /dev/null
		ipccreate -Q -k 0x5a09 > /dev/null
		head -c "${1}000" /dev/zero > "/dev/shm/c$1"
		: > "$2/ready$1"
		exec sleep 1000' sh "$k" "$d" </dev/null >/dev/null 2>&1 &
	echo $! >> "$d/pids"
done
# held by nothing but a bind mount of its file, made in this mount namespace
touch "$d/nsb"
unshare --ipc sh -c 'ipccreate -M 12K -k 0x5a03 > /dev/null && mount --bind /proc/self/ns/ipc "$1"' sh "$d/nsb"
ipccreate -M 16K -k 0x5a04 > /dev/null
while [ ! -e "$d/ready1" ] || [ ! -e "$d/ready2" ]; do sleep 0.01; done
. "$d/cmds"
SCRIPT
	cat > "$1/cmds"
	VANISH=$BUILD/tests/vanish.so unshare --ipc --pid --fork --kill-child --mount-proc bash "$1/world.sh" "$1"
}

@test "ipcs --all-namespaces: every namespace once, each with its own objects, one kept by a bind mount" {
	d=$BATS_TEST_TMPDIR
	world "$d" <<'EOF2'
ipcs --all-namespaces -J -m -M > "$d/rows.json"
ipcs --all-namespaces -m > "$d/rows.txt"
umount "$d/nsb"
EOF2
	rows=$(cat "$d/rows.json")
	# four namespaces: this one, the two holders', the bound one
	[ "$(jq '[.[].namespace.inode] | unique | length' <<<"$rows")" = 4 ]
	# each key once, in its own namespace only
	[ "$(jq -r '[.[] | select(.kind == "shm") | .key] | sort | join(" ")' <<<"$rows")" = "0x00005a01 0x00005a02 0x00005a03 0x00005a04" ]
	jq -e '[.[] | select(.key == "0x00005a03")][0].namespace | .processes == 0 and .pid == null and (.bound | endswith("/nsb"))' <<<"$rows"
	jq -e '[.[] | select(.key == "0x00005a01")][0].namespace | .processes == 1 and .command == "sleep" and .bound == null' <<<"$rows"
	# POSIX objects from each holder's own /dev/shm; the bound one has none known
	[ "$(jq -r '[.[] | select(.kind == "pshm") | "\(.name) \(.size)"] | sort | join(" ")' <<<"$rows")" = "/c1 1000 /c2 2000" ]
	i1=$(jq '[.[] | select(.key == "0x00005a01")][0].namespace.inode' <<<"$rows")
	[ "$(jq --argjson i "$i1" '[.[] | select(.namespace.inode == $i) | .name // .key] | sort | join(" ")' <<<"$rows")" = '"/c1 0x00005a01"' ]
	# the text: a line per namespace, then its tables
	[ "$(grep -c '^IPC namespace [0-9]*: ' "$d/rows.txt")" = 4 ]
	grep -q "^IPC namespace [0-9]*: no process, so no /dev/shm is known; bound at .*/nsb$" "$d/rows.txt"
	grep -q "^IPC namespace $i1: 1 process, the first pid [0-9]* (sleep)$" "$d/rows.txt"
}

@test "ipcs --metrics --all-namespaces: each namespace's series, and a scrape error where no /dev/shm is known" {
	d=$BATS_TEST_TMPDIR
	world "$d" <<'EOF2'
ipcs --all-namespaces --metrics > "$d/m.prom" || echo $? > "$d/rc"
umount "$d/nsb"
EOF2
	# four namespaces, each its segments: 16K ours, 12K bound, 2K and 1K
	[ "$(grep -c '^ipc_objects{kind="shm",namespace="ipc:\[[0-9]*\]"} ' "$d/m.prom")" = 4 ]
	[ "$(awk '$1 ~ /^ipc_bytes\{kind="shm",/ { print $2 }' "$d/m.prom" | sort -n | paste -sd' ')" = "1024 2048 12288 16384" ]
	# the namespace only a bind mount holds: its files cannot be found, and that is said
	[ "$(grep -c '^ipc_scrape_error{kind="pshm",namespace="ipc:\[[0-9]*\]",reason="no_dev_shm"} 1$' "$d/m.prom")" = 1 ]
	[ "$(grep -c '^ipc_scrape_error{kind="psem",namespace="ipc:\[[0-9]*\]",reason="no_dev_shm"} 1$' "$d/m.prom")" = 1 ]
	# the holders' /dev/shm objects, each its own tmpfs: 1000 and 2000 bytes
	awk '$1 ~ /^ipc_bytes\{kind="pshm",dev_shm=/ { print $2 }' "$d/m.prom" > "$d/pshm"
	grep -qx 1000 "$d/pshm"
	grep -qx 2000 "$d/pshm"
	if command -v promtool >/dev/null; then
		promtool check metrics < "$d/m.prom"
	fi
}

@test "ipcs --all-namespaces -u: one line a namespace, the most bytes first, and the total" {
	d=$BATS_TEST_TMPDIR
	world "$d" <<'EOF2'
ipcs --all-namespaces -u -b > "$d/sum.txt" 2> "$d/sum.err" || echo $? > "$d/rc"
ipcs --all-namespaces -u -J > "$d/sum.json" 2>/dev/null || echo $? >> "$d/rc"
umount "$d/nsb"
EOF2
	# the bound namespace has no process, so no /dev/shm: unknown, said, exit 1
	[ "$(cat "$d/rc")" = "1
1" ]
	grep -qx 'ipcs: IPC namespace [0-9]*: no process is in it, so no /dev/shm is known: its POSIX shared memory and semaphores are not counted' "$d/sum.err"
	[ "$(awk '$2 == 0 { print $10, $11, $14 }' "$d/sum.txt")" = "- - -" ]
	[ "$(jq -c '[.[] | select(.namespace.processes == 0) | .pshm, .pshm_bytes, .psem, .dev_shm]' "$d/sum.json")" = "[null,null,null,null]" ]
	# bytes: 16K (ours), 12K (bound), 2K + 2000 (holder 2), 1K + 1000 (holder 1)
	[ "$(awk 'NR > 1 && $1 != "total" { print $1 }' "$d/sum.txt" | wc -l)" = 4 ]
	[ "$(jq -r '[.[] | .shm_bytes + .pshm_bytes] | join(" ")' "$d/sum.json")" = "16384 12288 4048 2024" ]
	[ "$(awk '$1 == "total" { print $2, $3, $5 }' "$d/sum.txt")" = "4 namespaces $((16384 + 12288 + 2048 + 1024))" ]
	head -1 "$d/sum.txt" | grep -q '^namespace  *procs  *first pid  *container  *shm  *shm-bytes'
}

@test "ipcs --all-namespaces -u: namespaces that share one /dev/shm are marked, and it is counted once" {
	d=$BATS_TEST_TMPDIR
	# shellcheck disable=SC2016  # the inner shell expands them
	shared_dev_shm "$d" sh -c 'ipcs --all-namespaces -u -b > "$1/sum.txt" &&
		ipcs --all-namespaces -u -J > "$1/sum.json"' sh "$d"
	# three rows, each seeing the one object of 1 MiB and the semaphore, marked
	[ "$(awk '$1 ~ /^[0-9]+$/ { print $(NF - 4), $(NF - 3), $NF }' "$d/sum.txt" | sort -u)" = "1* 1048576* 1*" ]
	[ "$(awk '$1 ~ /^[0-9]+$/' "$d/sum.txt" | wc -l)" = 3 ]
	# the total counts it once
	[ "$(awk '$1 == "total" { print $(NF - 4), $(NF - 3), $NF }' "$d/sum.txt")" = "1 1048576 1" ]
	grep -qx '\*: a /dev/shm these namespaces share (one mount namespace): counted once in the total' "$d/sum.txt"
	# one JSON array, and nothing after it (a "}" once followed it, when every row was known)
	run -0 jq -c 'length' "$d/sum.json"
	[ "$output" = 3 ]
	[ "$(jq -r '[.[] | .dev_shm] | unique | length' "$d/sum.json")" = 1 ]
	[ "$(jq -r '[.[] | .dev_shm_shared] | unique | join(" ")' "$d/sum.json")" = true ]
}

@test "ipcs --all-namespaces: a hostile container name is escaped, and a shortened one never ends in part of an escape" {
	p=$(holder 0x5b01 /h1)
	HELPERS=$p
	# systemd-nspawn's machine name, as its scope writes it (\xHH undone):
	# a, ", b, \, a newline, c and the byte 0xff
	printf '0::/machine.slice/machine-a\\x22b\\x5c\\x0ac\\xff.scope\n' > "$BATS_TEST_TMPDIR/cgroup"
	# only that process's file, and only in a mount namespace of this command's
	# shellcheck disable=SC2016  # the inner shell expands them
	run --separate-stderr unshare --mount sh -c 'mount --bind "$1" "/proc/$2/cgroup" || exit 3
		"$3/ipcs" --all-namespaces -u; "$3/ipcs" --all-namespaces -m' sh "$BATS_TEST_TMPDIR/cgroup" "$p" "$BIN"
	[ "$status" -le 1 ]
	# by hand: escaped, the name is a"b\ \x0a c \xff (13 bytes); the summary
	# keeps at most 12 of them, whole escapes only: a"b\\x0ac
	line=$(grep "^[0-9]*  *1 $p sleep " <<<"$output")
	[[ "$line" == *' nspawn a"b\\x0ac '* ]]
	# and so does the line before that namespace's tables
	grep -qxF "IPC namespace $(readlink "/proc/$p/ns/ipc" | tr -dc 0-9): 1 process, the first pid $p (sleep); container nspawn a\"b\\\\x0ac" <<<"$output"
}

@test "ipcs --all-namespaces: a namespace that cannot be entered is listed with the reason, exit 1" {
	need_nobody
	d=$BATS_TEST_TMPDIR
	chmod 755 "$d"
	world "$d" <<'EOF2'
# uid 65534 sees its own namespace only; the bind mount it sees, and cannot enter
set +e
setpriv --reuid=65534 --regid=65534 --clear-groups ipcs --all-namespaces -m > "$d/out" 2> "$d/err"
echo $? > "$d/rc"
# root without CAP_SYS_ADMIN opens every one, and enters only its own
setpriv --inh-caps -sys_admin --bounding-set -sys_admin ipcs --all-namespaces -m > "$d/out2" 2> "$d/err2"
echo $? > "$d/rc2"
umount "$d/nsb"
EOF2
	[ "$(cat "$d/rc")" = 1 ]
	grep -q '^IPC namespace [0-9]*: no process, so no /dev/shm is known; bound at .*/nsb$' "$d/out"
	grep -qx "ipcs: IPC namespace [0-9]*: cannot enter it: Permission denied (its file is not this user's to open; run as root)" "$d/err"
	# the three root processes (bash and the holders) it may not look into
	grep -qx "ipcs: 3 processes are not this user's to look into: the IPC namespaces only they are in are left out; run as root to see every one" "$d/err"
	[ "$(cat "$d/rc2")" = 1 ]
	[ "$(grep -c '^IPC namespace ' "$d/out2")" = 4 ]
	[ "$(grep -cx 'ipcs: IPC namespace [0-9]*: cannot enter it: Operation not permitted (that needs CAP_SYS_ADMIN over the user namespace that owns it)' "$d/err2")" = 3 ]
	grep -q 0x00005a04 "$d/out2"
}

# alone CMD...: in a PID namespace of its own, so "every namespace" is
# only its own, whatever a regression in CMD would do
alone() { unshare --pid --fork --kill-child --mount-proc "$@"; }

@test "ipcs --all-namespaces as a user: the processes it may not look into are said, exit 1" {
	need_nobody
	run -1 --separate-stderr alone sh -c 'sleep 100 </dev/null >/dev/null 2>&1 & exec setpriv --reuid=65534 --regid=65534 --clear-groups "$1" --all-namespaces -u' sh "$BIN/ipcs"
	[ "$stderr" = "ipcs: 1 process is not this user's to look into: the IPC namespaces only it is in are left out; run as root to see every one" ]
	[[ $output == *"1 namespace"* ]]
}

@test "ipcs --all-namespaces: not with -i, -l or --ns" {
	run -2 --separate-stderr alone "$BIN/ipcs" --all-namespaces -m -i 0
	[ "$stderr" = "ipcs: --all-namespaces lists every namespace: not with -i" ]
	run -2 --separate-stderr alone "$BIN/ipcs" --all-namespaces -l
	[ "$stderr" = "ipcs: --all-namespaces lists every namespace: not with -l" ]
	run -2 --separate-stderr alone "$BIN/ipcs" --all-namespaces --ns 1
	[ "$stderr" = "ipcs: --all-namespaces lists every namespace: not with --ns" ]
}

@test "ipcrm --all-namespaces: the filters in every namespace, each line under its namespace; the same key elsewhere stays" {
	d=$BATS_TEST_TMPDIR
	world "$d" <<'EOF2'
ipcrm --all-namespaces -n --all=shm --key 0x5a02 > "$d/plan"
ipcs --all-namespaces -J -m -q > "$d/before.json"
ipcrm --all-namespaces -v --all=shm --key 0x5a02 > "$d/done"
ipcrm --all-namespaces -J --all=pshm > "$d/pshm.json"
# one namespace's queue of key 0x5a09, by --ns: the other keeps its own
ipcrm --ns "$(head -1 "$d/pids")" -Q 0x5a09
ipcs --all-namespaces -J -m -q -M > "$d/after.json"
umount "$d/nsb"
EOF2
	i2=$(jq '[.[] | select(.key == "0x00005a02")][0].namespace.inode' "$d/before.json")
	id=$(jq '[.[] | select(.key == "0x00005a02")][0].id' "$d/before.json")
	# the plan and the run: the namespace's line, then the segment's
	[ "$(cat "$d/plan")" = "IPC namespace $i2: 1 process, the first pid $(jq '[.[] | select(.key == "0x00005a02")][0].namespace.pid' "$d/before.json") (sleep)
removing shared memory segment id \`$id' (key 0x00005a02, owner root)" ]
	[ "$(cat "$d/done")" = "$(cat "$d/plan")" ]
	# only that segment went; every POSIX object went, each named with its namespace
	[ "$(jq -r '[.[] | select(.kind == "shm") | .key] | sort | join(" ")' "$d/after.json")" = "0x00005a01 0x00005a03 0x00005a04" ]
	[ "$(jq -r '[.[] | "\(.status) \(.name)"] | sort | join(", ")' "$d/pshm.json")" = "removed /c1, removed /c2" ]
	jq -e 'all(.[]; .namespace.processes == 1 and .namespace.command == "sleep")' "$d/pshm.json"
	[ "$(jq '[.[] | select(.kind == "pshm")] | length' "$d/after.json")" = 0 ]
	# the queue of key 0x5a09: gone from one namespace, still in the other
	[ "$(jq '[.[] | select(.key == "0x00005a09")] | length' "$d/before.json")" = 2 ]
	[ "$(jq '[.[] | select(.key == "0x00005a09")] | length' "$d/after.json")" = 1 ]
}

@test "ipcrm --all-namespaces: only with --all, and never with operands or --ns" {
	run -2 --separate-stderr alone "$BIN/ipcrm" --all-namespaces -M 0x1
	[ "$stderr" = "ipcrm: --all-namespaces: ids, keys and names are one namespace's; give --ns for it" ]
	run -2 --separate-stderr alone "$BIN/ipcrm" --all-namespaces --key 0x1
	[ "$stderr" = "ipcrm: filters choose what --all removes; add -a or --all=TYPE" ]
	run -2 --separate-stderr alone "$BIN/ipcrm" --all-namespaces -a --ns 1
	[ "$stderr" = "ipcrm: --all-namespaces: not with --ns, which names one" ]
	run -2 --separate-stderr alone "$BIN/ipcrm" --all-namespaces
	[ "$stderr" = "ipcrm: nothing to remove; try 'ipcrm --help'" ]
}

@test "ipcs --all-namespaces: a namespace whose last process leaves during the walk is said, not an error" {
	d=$BATS_TEST_TMPDIR
	world "$d" <<'EOF2'
set +e
ASAN_OPTIONS=verify_asan_link_order=0 VANISH_NS_PIDS="$(tr '\n' ' ' < "$d/pids")" LD_PRELOAD="$VANISH" ipcs --all-namespaces -m > "$d/out" 2> "$d/err"
echo $? > "$d/rc"
umount "$d/nsb"
EOF2
	[ "$(cat "$d/rc")" = 0 ]
	# one holder or both went before their turn; every line says so
	[ "$(grep -c . "$d/err")" -ge 1 ]
	run -1 grep -vx 'ipcs: IPC namespace [0-9]*: gone while we looked (its last process left)' "$d/err"
	# the bound one and this one are still listed
	grep -q 0x00005a03 "$d/out"
	grep -q 0x00005a04 "$d/out"
}
