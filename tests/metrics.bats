#!/usr/bin/env bats
# SPDX-License-Identifier: MIT
# ipcs --metrics: Prometheus' text format, checked by promtool (Debian's
# prometheus package), with the figures util-linux's ipcs and the kernel
# give, text from the system escaped, and --output written whole.

load helpers

HELP=$BUILD/tests/ipchelp

need_promtool() {
	command -v promtool >/dev/null ||
		skip "promtool is not installed (Debian: apt-get install prometheus)"
}

# metric SERIES: the value of the sample whose name and labels are SERIES,
# in $output; empty when there is none
metric() {
	awk -v s="$1" '$1 == s { print $2 }' <<<"$output"
}

# The figure after "= " (or the last word) of util-linux's line that starts LABEL.
ul_figure() {
	awk -v l="$2" 'index($0, l) == 1 { print $NF }' <<<"$1"
}

@test "--metrics: promtool accepts it, an empty namespace and a full one" {
	need_promtool
	new_ns
	run -0 --separate-stderr in_ns "$BIN/ipcs" --metrics
	[ "$stderr" = "" ]
	run -0 promtool check metrics <<<"$output"
	ipcmk -M 8192 >/dev/null
	ipcmk -Q >/dev/null
	ipcmk -S 3 >/dev/null
	printf 'x' > /dev/shm/metrics_obj
	run -0 --separate-stderr ipcs --metrics
	m=$output
	run -0 promtool check metrics <<<"$m"
	# HELP and TYPE for every family, each family's samples together
	families=$(grep -c '^# TYPE ipc_' <<<"$m")
	[ "$families" -ge 20 ]
	[ "$(grep -c '^# HELP ' <<<"$m")" = "$families" ]
	[ "$(grep -v '^#' <<<"$m" | sed 's/[{ ].*//' | uniq | sort | uniq -d)" = "" ]
	rm /dev/shm/metrics_obj
}

@test "--metrics: the figures of util-linux's ipcs -u and -l, and of the kernel" {
	new_ns
	in_ns ipcmk -M 12288 >/dev/null
	in_ns ipcmk -M 4096 >/dev/null
	q=$(in_ns ipcmk -Q | awk '{ print $NF }')
	in_ns ipcmk -S 5 >/dev/null
	in_ns ipcmk -S 2 >/dev/null
	printf 'twelve bytes' | in_ns "$BIN/msgcat" -w -q "$q"
	u=$(in_ns "$UL_IPCS" -u)
	l=$(in_ns "$UL_IPCS" -l)
	run -0 in_ns "$BIN/ipcs" --metrics
	[ "$(metric 'ipc_objects{kind="shm"}')" = "$(ul_figure "$u" "segments allocated")" ]
	[ "$(metric 'ipc_objects{kind="msg"}')" = "$(ul_figure "$u" "allocated queues")" ]
	[ "$(metric 'ipc_objects{kind="sem"}')" = "$(ul_figure "$u" "used arrays")" ]
	[ "$(metric 'ipc_semaphores{kind="sem"}')" = "$(ul_figure "$u" "allocated semaphores")" ]
	[ "$(metric 'ipc_semaphores{kind="sem"}')" = 7 ]
	[ "$(metric 'ipc_messages{kind="msg"}')" = "$(ul_figure "$u" "used headers")" ]
	[ "$(metric 'ipc_bytes{kind="msg"}')" = 12 ]
	[ "$(awk '/used space/ { print $(NF - 1) }' <<<"$u")" = 12 ]
	[ "$(metric 'ipc_bytes{kind="shm"}')" = 16384 ]
	[ "$(metric 'ipc_objects_limit{kind="shm"}')" = "$(ul_figure "$l" "max number of segments")" ]
	[ "$(metric 'ipc_objects_limit{kind="msg"}')" = "$(ul_figure "$l" "max queues system wide")" ]
	[ "$(metric 'ipc_objects_limit{kind="sem"}')" = "$(ul_figure "$l" "max number of arrays")" ]
	[ "$(metric 'ipc_semaphores_limit{kind="sem"}')" = "$(ul_figure "$l" "max semaphores system wide")" ]
	# shmall pages in bytes, as the kernel has it
	[ "$(metric 'ipc_bytes_limit{kind="shm"}')" = \
		"$(awk -v p="$PAGESIZE" '{ printf "%.17g", $1 * p }' /proc/sys/kernel/shmall)" ]
	# the queue's own series: its id, key, depth and byte limit
	key=$(in_ns "$UL_IPCS" -q | awk -v id="$q" '$2 == id { print $1 }')
	[ "$(metric "ipc_queue_bytes{kind=\"msg\",id=\"$q\",key=\"$key\"}")" = 12 ]
	[ "$(metric "ipc_queue_bytes_limit{kind=\"msg\",id=\"$q\",key=\"$key\"}")" = \
		"$(cat /proc/sys/kernel/msgmnb)" ]
}

@test "--metrics: POSIX objects against stat and the mqueue limits" {
	new_ns
	head -c 5000 /dev/zero > /dev/shm/m_a
	truncate -s 1M /dev/shm/m_b
	ipccreate -s -n /m_s >/dev/null
	ipccreate -q --maxmsg 2 --msgsize 64 -n /m_q >/dev/null
	printf 'hi\n' | msgcat -w --posix-mqueue /m_q
	run -0 ipcs --metrics
	[ "$(metric 'ipc_objects{kind="pshm"}')" = 2 ]
	[ "$(metric 'ipc_objects{kind="psem"}')" = 1 ]
	[ "$(metric 'ipc_bytes{kind="pshm"}')" = $((5000 + 1048576)) ]
	[ "$(metric 'ipc_allocated_bytes{kind="pshm"}')" = \
		"$(stat -c '%b %B' /dev/shm/m_a /dev/shm/m_b | awk '{ s += $1 * $2 } END { print s }')" ]
	[ "$(metric 'ipc_bytes_limit{kind="pshm"}')" = "$(stat -f -c '%b %S' /dev/shm | awk '{ printf "%.17g", $1 * $2 }')" ]
	[ "$(metric 'ipc_objects_limit{kind="pshm"}')" = "$(stat -f -c %c /dev/shm)" ]
	[ "$(metric 'ipc_objects_limit{kind="pmsg"}')" = "$(cat /proc/sys/fs/mqueue/queues_max)" ]
	[ "$(metric 'ipc_messages{kind="pmsg"}')" = 1 ]
	[ "$(metric 'ipc_bytes{kind="pmsg"}')" = 3 ]
	[ "$(metric 'ipc_queue_messages_limit{kind="pmsg",name="/m_q"}')" = 2 ]
	rm /dev/shm/m_a /dev/shm/m_b /dev/shm/sem.m_s
}

@test "--metrics: orphans, waiters and the fullest queues only (--top)" {
	new_ns
	m=$(in_ns "$BIN/ipccreate" -M 8192)	# its creator, ipccreate, is gone: an orphan
	a=$(in_ns "$BIN/ipccreate" -M 4096)
	HELPERS="$(in_ns "$HELP" attach "$a")"
	s=$(in_ns "$BIN/ipccreate" -S 2)
	# one process waits for semaphore 0 to grow, another for 1 to be 0
	in_ns "$BIN/semop" -s "$s" 1:+1
	# nsenter execs semop: $! is the waiter itself, which teardown ends
	nsenter --target "$NS_PID" --ipc -- "$BIN/semop" -s "$s" 0:-1 </dev/null >/dev/null 2>&1 3>&- &
	HELPERS="$HELPERS $!"
	nsenter --target "$NS_PID" --ipc -- "$BIN/semop" -s "$s" 1:0 </dev/null >/dev/null 2>&1 3>&- &
	HELPERS="$HELPERS $!"
	for i in 1 2 3; do
		q=$(in_ns "$BIN/ipccreate" -Q)
		head -c $((i * 100)) /dev/zero | in_ns "$BIN/msgcat" -w -q "$q"
	done
	for i in $(seq 50); do
		w=$(in_ns "$BIN/ipcs" --metrics | awk '$1 == "ipc_semaphore_waiters{kind=\"sem\"}" { print $2 }')
		[ "$w" = 2 ] && break
		sleep 0.05
	done
	run -0 in_ns "$BIN/ipcs" --metrics --top 2
	[ "$(metric 'ipc_semaphore_waiters{kind="sem"}')" = 2 ]
	key=$(printf '0x%08x' 0)
	[ "$(metric "ipc_semaphore_set_waiters{kind=\"sem\",id=\"$s\",key=\"$key\"}")" = 2 ]
	[ "$(metric 'ipc_orphaned_objects{kind="shm"}')" = 1 ]
	[ "$(metric 'ipc_orphaned_bytes{kind="shm"}')" = 8192 ]
	# the two fullest of three queues, 300 and 200 bytes
	[ "$(grep -c '^ipc_queue_bytes{' <<<"$output")" = 2 ]
	[ "$(grep '^ipc_queue_bytes{' <<<"$output" | awk '{ print $2 }' | sort -n | paste -sd' ')" = "200 300" ]
	run -0 in_ns "$BIN/ipcs" --metrics --top 0
	[ "$(grep -c '^ipc_queue_\|^ipc_semaphore_set_' <<<"$output")" = 0 ]
	[ -n "$m" ]
}

@test "--metrics: names and container ids from the system are escaped; promtool reads them" {
	need_promtool
	new_ns
	name=$(printf '/q"\\x\nz\377')
	in_ns "$BIN/ipccreate" -q --maxmsg 2 --msgsize 64 -n "$name" >/dev/null
	run -0 in_ns "$BIN/ipcs" --metrics
	m=$output
	run -0 promtool check metrics <<<"$m"
	# by hand: cli_escape's text (\\ for \, \x0a, \xff), then the format's \" and \\ escapes
	grep -qxF 'ipc_queue_messages{kind="pmsg",name="/q\"\\\\x\\x0az\\xff"} 0' <<<"$m"
	# a namespace and its label, with --all-namespaces
	run --separate-stderr ipcs --metrics --all-namespaces
	[ "$status" -le 1 ]
	m=$output
	run -0 promtool check metrics <<<"$m"
	grep -q '^ipc_objects{kind="msg",namespace="ipc:\[[0-9]*\]"} ' <<<"$m"
}

@test "--metrics --all-namespaces: a hostile container name is escaped in its label; promtool reads it" {
	need_promtool
	new_ns
	# systemd-nspawn's machine name, as its scope writes it (\xHH undone):
	# a, ", b, \, a newline, c and the byte 0xff
	printf '0::/machine.slice/machine-a\\x22b\\x5c\\x0ac\\xff.scope\n' > "$BATS_TEST_TMPDIR/cgroup"
	# only that process's file, and only in a mount namespace of this command's
	run --separate-stderr unshare --mount sh -c 'mount --bind "$1" "/proc/$2/cgroup" &&
		exec "$3/ipcs" --metrics --all-namespaces' sh "$BATS_TEST_TMPDIR/cgroup" "$NS_PID" "$BIN"
	[ "$status" -le 1 ]
	m=$output
	run -0 promtool check metrics <<<"$m"
	# by hand: cli_escape's text is a"b\\\x0ac\xff; the format adds \ before " and \
	ns=$(readlink "/proc/$NS_PID/ns/ipc" | tr -dc 0-9)
	grep -qxF "ipc_objects{kind=\"shm\",namespace=\"ipc:[$ns]\",container_engine=\"nspawn\",container_id=\"a\\\"b\\\\\\\\\\\\x0ac\\\\xff\"} 0" <<<"$m"
}

@test "--metrics --orphans: POSIX shared memory no process maps or holds, and only with it" {
	new_ns
	head -c 4096 /dev/zero > /dev/shm/o_free
	head -c 8192 /dev/zero > /dev/shm/o_held
	sleep 1000 3</dev/shm/o_held </dev/null >/dev/null 2>&1 &
	HELPERS=$!
	run -0 in_ns "$BIN/ipcs" --metrics
	# without it no series, not a 0 that would say "none"
	[ "$(metric 'ipc_orphaned_objects{kind="pshm"}')" = "" ]
	run -0 in_ns "$BIN/ipcs" --metrics --orphans
	[ "$(metric 'ipc_orphaned_objects{kind="pshm"}')" = 1 ]
	[ "$(metric 'ipc_orphaned_bytes{kind="pshm"}')" = 4096 ]
	rm /dev/shm/o_free /dev/shm/o_held
}

@test "--metrics --all-namespaces: a /dev/shm several namespaces share counts once" {
	d=$BATS_TEST_TMPDIR
	# shellcheck disable=SC2016  # the inner shell expands it
	shared_dev_shm "$d" sh -c 'ipcs --metrics --all-namespaces > "$1/m.prom"' sh "$d"
	# three namespaces, one /dev/shm: its object once, not three times
	[ "$(grep -c '^ipc_objects{kind="msg",namespace=' "$d/m.prom")" = 3 ]
	[ "$(grep -c '^ipc_objects{kind="pshm",dev_shm=' "$d/m.prom")" = 1 ]
	[ "$(awk '$1 ~ /^ipc_bytes\{kind="pshm"/ { print $2 }' "$d/m.prom")" = 1048576 ]
}

@test "--output FILE: written whole and renamed over; a failure leaves the old one" {
	new_ns
	f=$BATS_TEST_TMPDIR/ipc.prom
	run -0 --separate-stderr in_ns "$BIN/ipcs" --metrics --output "$f"
	[ "$output" = "" ]
	[ "$(stat -c %a "$f")" = 644 ]
	grep -q '^ipc_objects{kind="shm"} 0$' "$f"
	[ "$(ls -A "$BATS_TEST_TMPDIR" | grep -c '\.ipc\.prom\.')" = 0 ]
	# a reader never sees half a file while it is rewritten 300 times
	: > "$BATS_TEST_TMPDIR/bad"
	(
		while [ ! -e "$BATS_TEST_TMPDIR/stop" ]; do
			c=$(cat "$f")
			[[ $c = "# HELP ipc_objects "* && $c = *"# TYPE ipc_queue_messages_limit gauge"* ]] ||
				echo torn >> "$BATS_TEST_TMPDIR/bad"
		done
	) &
	reader=$!
	for ((i = 0; i < 300; i++)); do
		ipcs --metrics --output "$f"
	done
	touch "$BATS_TEST_TMPDIR/stop"
	wait "$reader"
	[ ! -s "$BATS_TEST_TMPDIR/bad" ]
	# a full filesystem: exit 1, one line, the old file as it was, no leftover
	mkdir "$BATS_TEST_TMPDIR/full"
	unshare --mount sh -c '
		mount -t tmpfs -o size=4k none "$1" &&
		echo old > "$1/ipc.prom" && head -c 4096 /dev/zero > "$1/fill" 2>/dev/null
		"$2" --metrics --output "$1/ipc.prom" 2> "$1.err"
		echo $? > "$1.rc"; cat "$1/ipc.prom" > "$1.kept"; ls -A "$1" > "$1.ls"' \
		sh "$BATS_TEST_TMPDIR/full" "$BIN/ipcs"
	[ "$(cat "$BATS_TEST_TMPDIR/full.rc")" = 1 ]
	[ "$(cat "$BATS_TEST_TMPDIR/full.kept")" = old ]
	[ "$(wc -l < "$BATS_TEST_TMPDIR/full.err")" = 1 ]
	grep -q "ipc.prom: .*; the old file is left as it was\|ipc.prom: cannot write beside it" "$BATS_TEST_TMPDIR/full.err"
	[ "$(sort "$BATS_TEST_TMPDIR/full.ls" | paste -sd' ')" = "fill ipc.prom" ]
}

@test "end to end: node_exporter's textfile collector serves our series, with no scrape error" {
	command -v prometheus-node-exporter >/dev/null ||
		skip "node_exporter is not installed (Debian: apt-get install prometheus-node-exporter)"
	command -v curl >/dev/null || skip "curl is not installed"
	new_ns
	dir=$BATS_TEST_TMPDIR/textfile
	mkdir "$dir"
	m=$(in_ns "$BIN/ipccreate" -M 8192)
	in_ns "$BIN/ipcs" --metrics --output "$dir/ipc.prom"
	# every collector off but the textfile one, on a port of loopback's own
	port=$((20000 + RANDOM % 20000))
	prometheus-node-exporter --web.listen-address="127.0.0.1:$port" \
		--collector.disable-defaults --collector.textfile \
		--collector.textfile.directory="$dir" </dev/null >"$BATS_TEST_TMPDIR/ne.log" 2>&1 3>&- &
	HELPERS=$!
	for i in $(seq 100); do
		curl -sf "http://127.0.0.1:$port/metrics" > "$BATS_TEST_TMPDIR/scrape" && break
		sleep 0.05
	done
	grep -qx 'ipc_objects{kind="shm"} 1' "$BATS_TEST_TMPDIR/scrape"
	grep -qx 'ipc_bytes{kind="shm"} 8192' "$BATS_TEST_TMPDIR/scrape"
	grep -qx 'ipc_orphaned_bytes{kind="shm"} 8192' "$BATS_TEST_TMPDIR/scrape"
	grep -qx 'node_textfile_scrape_error 0' "$BATS_TEST_TMPDIR/scrape"
	# rewritten with the segment gone: the next scrape says so
	in_ns "$BIN/ipcrm" -m "$m"
	in_ns "$BIN/ipcs" --metrics --output "$dir/ipc.prom"
	curl -sf "http://127.0.0.1:$port/metrics" > "$BATS_TEST_TMPDIR/scrape"
	grep -qx 'ipc_objects{kind="shm"} 0' "$BATS_TEST_TMPDIR/scrape"
	grep -qx 'node_textfile_scrape_error 0' "$BATS_TEST_TMPDIR/scrape"
}

@test "the alerting rules: promtool checks them, and each fires where it should and nowhere else" {
	need_promtool
	run -0 promtool check rules "$TOP/man/ipckit-alerts.yml"
	[[ $output = *"SUCCESS: 7 rules found"* ]]
	cd "$TOP/tests/metrics"
	run -0 promtool test rules alerts.test.yml
	[[ $output = *SUCCESS* ]]
	# and the tests can fail: with 90% for 80% the 85% sets no longer alert
	sed 's/ > 0.80$/ > 0.90/' "$TOP/man/ipckit-alerts.yml" > "$BATS_TEST_TMPDIR/alerts.yml"
	sed "s|../../man/ipckit-alerts.yml|$BATS_TEST_TMPDIR/alerts.yml|" alerts.test.yml > "$BATS_TEST_TMPDIR/t.yml"
	run -1 promtool test rules "$BATS_TEST_TMPDIR/t.yml"
	[[ $output = *"alertname: IPCSemaphoreSetsHigh"* ]]
}

@test "--metrics: usage errors, one line, exit 2" {
	[ "$(usage_line ipcs --metrics -m)" = "ipcs: --metrics measures every kind in its own format: it takes only --all-namespaces, --ns, --top, --orphans and --output" ]
	[ "$(usage_line ipcs --metrics -J)" = "ipcs: --metrics measures every kind in its own format: it takes only --all-namespaces, --ns, --top, --orphans and --output" ]
	[ "$(usage_line ipcs --top 3)" = "ipcs: --top goes with --metrics; try 'ipcs --help'" ]
	[ "$(usage_line ipcs --output x.prom)" = "ipcs: --output goes with --metrics; try 'ipcs --help'" ]
	[ "$(usage_line ipcs --orphans)" = "ipcs: --orphans goes with --metrics; try 'ipcs --help'" ]
	[ "$(usage_line ipcs --metrics --top x)" = "ipcs: --top x: a number of queues, 0 to 10000" ]
	[ "$(usage_line ipcs --metrics --top 10001)" = "ipcs: --top 10001: a number of queues, 0 to 10000" ]
	[ "$(usage_line ipcs --metrics --output '')" = "ipcs: --output: an empty file name" ]
	[ ! -e x.prom ]
}
