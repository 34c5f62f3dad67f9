# SPDX-License-Identifier: MIT
# Shared by every .bats file: where the tools are, the util-linux oracle,
# and a guard that keeps the suite out of the host's IPC namespace.
# shellcheck disable=SC2034  # the variables set here are the .bats files'
bats_require_minimum_version 1.5.0

if [ -z "${IPCKIT_PRIVATE_NS:-}" ] ||
	[ "$IPCKIT_PRIVATE_NS" != "$(readlink /proc/self/ns/ipc)" ]; then
	echo "not in a private IPC namespace: run 'make check' or 'tests/run FILE.bats'" >&2
	exit 1
fi

TOP=$(cd "$BATS_TEST_DIRNAME/.." && pwd)
case ${IPCKIT_BUILD:=build} in
/*) BUILD=$IPCKIT_BUILD ;;
*) BUILD=$TOP/$IPCKIT_BUILD ;;
esac
BIN=$BUILD/bin
# The tools, as the Makefile's TOOLS lists them (the one list; make writes it)
TOOLS=$(paste -sd' ' "$BUILD/tools")

# util-linux, looked up on a PATH without our build directory: bats loads
# this file again for every test, after PATH already has it in front.
_ulpath=$(printf '%s\n' "$PATH" | tr ':' '\n' | grep -vxF "$BIN" | paste -sd: -)
UL_IPCS=$(PATH=$_ulpath command -v ipcs)
UL_IPCRM=$(PATH=$_ulpath command -v ipcrm)
for _ul in "$UL_IPCS" "$UL_IPCRM"; do
	case $("$_ul" --version 2>/dev/null) in
	*util-linux*) ;;
	*) echo "the oracle '$_ul' is not util-linux's" >&2; exit 1 ;;
	esac
done
export PATH="$BIN:$_ulpath"

PAGESIZE=$(getconf PAGESIZE)

# Every test: a fixed zone and locale; what a test starts is undone after
# it: helper processes (HELPERS), a namespace of its own (new_ns), a limit
# it lowered (set_limit).  A file that needs more calls these from its own.
ipck_setup() {
	export TZ=UTC LC_ALL=C
	HELPERS=
	T=$BATS_TEST_TMPDIR
}
ipck_teardown() {
	stop_helpers
	leave_ns
	restore_limit
}
setup() { ipck_setup; }
teardown() { ipck_teardown; }

# Whether this namespace maps uid or gid N (a user namespace may map only 0).
maps_id() {
	awk -v n="$2" '$1 <= n && n < $1 + $3 { f = 1 } END { exit !f }' "/proc/self/$1_map"
}
# Objects of other owners need uids 4242 and 65534 and gids 4242 and 4243.
need_owners() {
	if ! { maps_id uid 4242 && maps_id uid 65534 && maps_id gid 4243 &&
		maps_id gid 65534; }; then
		skip "this namespace maps no uid but 0: no other owners"
	fi
}

# The row util-linux's ipcs prints for KIND (-m, -q, -s) and a key or id in
# its first two columns, squeezed to single spaces.
ul_row() {
	"$UL_IPCS" "$1" | awk -v k="$2" '$1 == k || $2 == k' | tr -s ' ' |
		sed 's/ $//'
}

# The fields of util-linux's `ipcs KIND -i ID` as name=value lines.
ul_info() {
	"$UL_IPCS" "$1" -i "$2" | tr '\t,' '\n' | sed 's/^ *//; s/ = /=/'
}

# How many objects exist now, all kinds together.
count_objects() {
	cat /proc/sysvipc/shm /proc/sysvipc/msg /proc/sysvipc/sem | grep -vc '^ *key'
}

# Run as an unprivileged user, or skip when this namespace has none.
as_nobody() {
	setpriv --reuid=65534 --regid=65534 --clear-groups "$@"
}
need_nobody() {
	setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null ||
		skip "cannot switch to uid 65534 here (a user namespace maps only root)"
	as_nobody test -x "$BIN/ipccreate" || skip "uid 65534 cannot reach $BIN"
}

# Root of the whole machine, not only of a user namespace that maps uid 0.
need_real_root() {
	if [ "$(id -u)" != 0 ] ||
		[ "$(awk 'NR == 1 { print $3 }' /proc/self/uid_map)" != 4294967295 ]; then
		skip "not root outside a user namespace"
	fi
}

# Lower one /proc/sys/kernel limit for this test; teardown puts it back.
set_limit() {
	LIMIT_FILE=/proc/sys/kernel/$1
	LIMIT_SAVED=$(cat "$LIMIT_FILE")
	echo "$2" > "$LIMIT_FILE" || skip "cannot set $1 in this namespace"
}
restore_limit() {
	if [ -n "${LIMIT_FILE:-}" ]; then
		echo "$LIMIT_SAVED" > "$LIMIT_FILE"
		LIMIT_FILE=
	fi
}

# ftok(3)'s key, computed here from stat(1) so the tools are checked
# against something they do not share: projid's low 8 bits, then the
# device's low 8 bits, then the inode's low 16.
ftok_key() {
	local dev ino
	read -r dev ino < <(stat -L -c '%d %i' "$1")
	printf '0x%08x\n' $(( (($2 & 0xff) << 24) | ((dev & 0xff) << 16) | (ino & 0xffff) ))
}

# A new, empty IPC namespace of the test's own, for commands that act on
# every object (ipcrm -a): new_ns makes it, in_ns CMD... runs there,
# leave_ns (in teardown) ends it.  A sleeping process holds it open.
new_ns() {
	local mine
	mine=$(readlink /proc/self/ns/ipc)
	unshare --ipc sleep 600 </dev/null >/dev/null 2>&1 3>&- &
	NS_PID=$!
	while [ "$(readlink "/proc/$NS_PID/ns/ipc" 2>/dev/null || echo gone)" = "$mine" ]; do
		sleep 0.01
	done
}
in_ns() {
	nsenter --target "$NS_PID" --ipc -- "$@"
}
leave_ns() {
	if [ -n "${NS_PID:-}" ]; then
		kill "$NS_PID" 2>/dev/null
		NS_PID=
	fi
}

# Processes a test started (ipchelp attach, waiters) are listed in HELPERS;
# teardown stops them.
stop_helpers() {
	# shellcheck disable=SC2086  # one pid a word
	[ -z "${HELPERS:-}" ] || kill $HELPERS 2>/dev/null || true
	HELPERS=
}

# named_root NAME: /etc/passwd and /etc/group as they are, but for uid and
# gid 0 named NAME, in $BATS_TEST_TMPDIR/passwd and .../group; then
# with_names CMD... runs CMD where those are the system's (a mount
# namespace of its own).  For names no administrator would choose.
named_root() {
	awk -F: -v n="$1" 'BEGIN { OFS = ":" } $3 == 0 { $1 = n } { print }' /etc/passwd > "$BATS_TEST_TMPDIR/passwd"
	awk -F: -v n="$1" 'BEGIN { OFS = ":" } $3 == 0 { $1 = n } { print }' /etc/group > "$BATS_TEST_TMPDIR/group"
}
with_names() {
	# shellcheck disable=SC2016  # the inner shell expands them
	unshare --mount -- sh -c 'mount --bind "$1" /etc/passwd && mount --bind "$2" /etc/group && shift 2 && exec "$@"' \
		sh "$BATS_TEST_TMPDIR/passwd" "$BATS_TEST_TMPDIR/group" "$@"
}

# valid_utf8: stdin is UTF-8 throughout
valid_utf8() { iconv -f UTF-8 -t UTF-8 >/dev/null; }

# background TOOL ARGS...: one of the tools in the background, with SIGINT
# at its default (a shell's background job ignores it, so Ctrl-C could not
# be tried); its pid in BG, its output in $T/out and $T/err.  reap PID
# waits for it, its exit status in status.
background() {
	local tool=$1
	shift
	env --default-signal=INT "$BIN/$tool" "$@" > "$T/out" 2> "$T/err" </dev/null 3>&- &
	BG=$!
	HELPERS="$HELPERS $BG"
}
reap() {
	status=0
	wait "$1" || status=$?
}

# Wait until process $1 sleeps in the kernel (a wait begun), at most 5 s.
sleeping() {
	local i
	for ((i = 0; i < 500; i++)); do
		[ "$(awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null)" = S ] && return 0
		sleep 0.01
	done
	return 1
}

# usage_line TOOL ARG...: TOOL refuses its command line, status 2 and
# nothing on stdout; the line it said on stderr, for the test to compare.
# shellcheck disable=SC2154  # bats's run sets output and stderr
usage_line() {
	run -2 --separate-stderr "$@"
	[ "$output" = "" ]
	echo "$stderr"
}

# shared_dev_shm DIR CMD...: three IPC namespaces in one mount namespace
# (unshare --ipc, as systemd's PrivateIPC= makes them), in a PID namespace
# of their own, with a fresh /dev/shm that holds a 1 MiB object and the
# semaphore /lock: every namespace sees the same /dev/shm.  CMD runs in the
# first, with DIR as $1 of a shell when it is "sh -c".
shared_dev_shm() {
	local d=$1
	shift
	cat > "$d/share.sh" <<'SCRIPT'
set -eu
d=$1
shift
mount -t tmpfs none /dev/shm
head -c 1048576 /dev/zero > /dev/shm/big
ipccreate -s -n /lock > /dev/null
for k in 1 2; do
	unshare --ipc sh -c ': > "$1/in$2"; exec sleep 1000' sh "$d" "$k" </dev/null >/dev/null 2>&1 &
done
while [ ! -e "$d/in1" ] || [ ! -e "$d/in2" ]; do sleep 0.01; done
"$@"
SCRIPT
	unshare --ipc --pid --fork --kill-child --mount-proc bash "$d/share.sh" "$d" "$@"
}

# Everything the namespace holds, as the oracles see it, a line each and
# sorted: what a restore must make again (not creators, times or pids).
state() {
	local id
	# /proc/sysvipc/shm: key shmid perms size cpid lpid nattch uid gid
	awk 'NR > 1 { print "shm", $1, $2, $3, $4, $8, $9 }' /proc/sysvipc/shm
	awk 'NR > 1 { print $2 }' /proc/sysvipc/shm | while read -r id; do
		echo "shm $id bytes $("$BUILD/tests/ipchelp" dump "$id" | md5sum | cut -c1-32)"
	done
	# msg: key msqid perms cbytes qnum lspid lrpid uid gid; the byte limit from ipcs -i
	awk 'NR > 1 { print "msg", $1, $2, $3, $4, $5, $8, $9 }' /proc/sysvipc/msg
	awk 'NR > 1 { print $2 }' /proc/sysvipc/msg | while read -r id; do
		echo "msg $id qbytes $(ul_info -q "$id" | sed -n 's/^qbytes=//p')"
	done
	# sem: key semid perms nsems uid gid; the values from ipcs -i
	awk 'NR > 1 { print "sem", $1, $2, $3, $4, $5, $6 }' /proc/sysvipc/sem
	awk 'NR > 1 { print $2 }' /proc/sysvipc/sem | while read -r id; do
		echo "sem $id values $("$UL_IPCS" -s -i "$id" | awk '/^semnum/ { on = 1; next } on && NF == 5 { printf "%s ", $2 }')"
	done
	for f in /dev/shm/*; do
		[ -e "$f" ] || continue
		echo "file $(stat -c '%n %a %u %g %s' "$f") $(md5sum < "$f" | cut -c1-32)"
		case $f in
		/dev/shm/sem.*) echo "psem $f $("$BUILD/tests/ipchelp" semvalue "/${f#/dev/shm/sem.}")" ;;
		esac
	done
	for f in /dev/mqueue/*; do
		[ -e "$f" ] || continue
		echo "pmsg $(stat -c '%n %a %u %g' "$f") $("$BUILD/tests/ipchelp" mqattr "/${f#/dev/mqueue/}")"
	done
} 2>&1
state_sorted() { state | LC_ALL=C sort; }

# TEXT of LEN bytes, made of WORD: what the messages and segments hold
text() { yes "$1" | tr -d '\n' | head -c "$2"; }

# A teardown that also removes every object of the file's own namespace
# (util-linux's ipcrm, and the POSIX objects' files).
ipck_teardown_all() {
	ipck_teardown
	"$UL_IPCRM" -a 2>/dev/null || true
	rm -rf /dev/shm/* /dev/mqueue/* 2>/dev/null || true
}

# usage_error WANT CMD...: CMD is a usage error (exit 2) whose one line
# on stderr is WANT, with nothing on stdout.
usage_error() {
	local want=$1
	shift
	run -2 --separate-stderr "$@"
	[ "$stderr" = "$want" ] || { echo "$* said: $stderr"; false; }
	[ "$output" = "" ]
}

# on_full_fs CMD...: CMD run with $T/full a 64 KiB tmpfs (in a private
# mount namespace) holding a.tar, "old"; CMD's ARCHIVE is that a.tar.
# Its status is run's; its stdout is then a.tar's text and the files
# left in $T/full, a line each.
on_full_fs() {
	mkdir -p "$T/full"
	# shellcheck disable=SC2016  # the inner shell expands them
	run --separate-stderr unshare --mount --propagation private sh -c '
		d=$1
		shift
		mount -t tmpfs -o size=64k none "$d" || exit 3
		echo old > "$d/a.tar"
		for a; do
			shift
			[ "$a" = ARCHIVE ] && a=$d/a.tar
			set -- "$@" "$a"
		done
		"$@"
		rc=$?
		cat "$d/a.tar"
		ls -A "$d"
		exit $rc' sh "$T/full" "$@"
}
