#!/usr/bin/env bats
# SPDX-License-Identifier: MIT
# The permission matrix: every tool that reads, writes, changes or removes
# an object, on every kind, run as seven people over twelve modes, against
# the kernel's rule written out here (not the library's):
#
#   System V (ipc/util.c ipcperms): the owner's bits if the euid is the
#   owner's or the creator's uid; else the group's if the owner's or the
#   creator's gid is one of the process's groups; else the others'.
#   CAP_IPC_OWNER passes every access check.  Changing (IPC_SET) and
#   removing (IPC_RMID) need the owner's or the creator's uid, or
#   CAP_SYS_ADMIN.
#
#   POSIX (a file in /dev/shm or the mqueue mount, generic_permission): the
#   owner's bits if the fsuid owns the file; else the group's if its gid is
#   one of the process's groups; else the others'.  CAP_DAC_OVERRIDE passes.
#   chmod needs the owner or CAP_FOWNER; removing from the sticky
#   directory (mode 1777, owned by root) the file's owner, the directory's
#   owner or CAP_FOWNER.
#
# The objects are made by uid 4241 (group 4241) and given to 4242:4243.
# "root without caps" is uid 0 with CAP_IPC_OWNER and CAP_SYS_ADMIN gone:
# for System V it is no one in particular, for POSIX files it still has
# CAP_DAC_OVERRIDE and CAP_FOWNER.  An allowed command succeeds, and says
# nothing on stderr; a refused one fails with its status and the exact
# line, naming the bit that is missing and whose bits applied.

load helpers

HELP=$BUILD/tests/ipchelp
UL_IPCMK=$(PATH=$_ulpath command -v ipcmk)
MODES="000 400 200 600 040 020 060 004 002 006 064 406"
# name uid "groups" setpriv's arguments
PEOPLE=(
	"creator 4241 4241 --reuid=4241 --regid=4241 --clear-groups"
	"owner 4242 4242 --reuid=4242 --regid=4242 --clear-groups"
	"member 4244 4244,4243 --reuid=4244 --regid=4244 --groups=4243"
	"cmember 4245 4245,4241 --reuid=4245 --regid=4245 --groups=4241"
	"other 65534 65534 --reuid=65534 --regid=65534 --clear-groups"
	"nocaps 0 0 --bounding-set=-ipc_owner,-sys_admin --inh-caps=-ipc_owner,-sys_admin"
	"root 0 0"
)

setup() {
	ipck_setup
	need_real_root
	for u in 4241 4242 4244 4245 65534; do
		setpriv --reuid=$u --regid=$u --clear-groups test -x "$BIN/ipcs" ||
			skip "uid $u cannot reach $BIN"
	done
	# how the tools name uid 4242 and 4241: a name where the machine has one
	OWNER=$(getent passwd 4242 | cut -d: -f1)
	OWNER=${OWNER:+$OWNER (uid 4242)}
	OWNER=${OWNER:-uid 4242}
	CREATOR=$(getent passwd 4241 | cut -d: -f1)
	CREATOR=${CREATOR:+$CREATOR (uid 4241)}
	CREATOR=${CREATOR:-uid 4241}
	CHECKED=0
}

# as PERSON CMD...: CMD run as PERSON (a line of PEOPLE)
as() {
	local p
	read -r -a p <<<"$1"
	shift
	if [ ${#p[@]} -gt 3 ]; then
		setpriv "${p[@]:3}" "$@"
	else
		"$@"
	fi
}

# quiet CMD...: CMD with nothing on stdin and its stdout dropped (bytes of
# a segment are not for bats's variables)
quiet() {
	"$@" </dev/null >/dev/null
}

# The kernel's rule.  grant FAMILY UID GROUPS MODE: the class whose bits
# apply, in CLASS ("its owner", "its group", "others"), and the bits in G.
grant() {
	local fam=$1 uid=$2 groups=",$3," mode=$4 d
	if [ "$uid" = 4242 ] || { [ "$fam" = sysv ] && [ "$uid" = 4241 ]; }; then
		CLASS="its owner" d=${mode:0:1}
	elif [[ $groups = *,4243,* ]] || { [ "$fam" = sysv ] && [[ $groups = *,4241,* ]]; }; then
		CLASS="its group" d=${mode:1:1}
	else
		CLASS=others d=${mode:2:1}
	fi
	G=$d
}

# rwx FIGURE: an octal digit as ls shows it
rwx() {
	local d=$1
	printf '%s%s%s' "$( ((d & 4)) && echo r || echo -)" \
		"$( ((d & 2)) && echo w || echo -)" "$( ((d & 1)) && echo x || echo -)"
}

# Objects: System V ones made by 4241 with util-linux's ipcmk and given to
# 4242:4243 with a plain IPC_SET; POSIX ones made by ipchelp, given away
# with chown(1) and chmod(1).  IDS[kind] is how the tools name each.
declare -gA IDS
make_sysv() { # KIND MODE
	local id
	case $1 in
	shm) id=$(as "${PEOPLE[0]}" "$UL_IPCMK" -M 4096) ;;
	msg) id=$(as "${PEOPLE[0]}" "$UL_IPCMK" -Q) ;;
	sem) id=$(as "${PEOPLE[0]}" "$UL_IPCMK" -S 1) ;;
	esac
	id=${id##* }
	"$HELP" chown "$1" "$id" 4242 4243 "$2"
	IDS[$1]=$id
}
make_posix() { # KIND MODE
	local f
	case $1 in
	pshm) f=/dev/shm/pm0 ;;
	pmsg) f=/dev/mqueue/pm0 ;;
	psem) f=/dev/shm/sem.pm0 ;;
	esac
	rm -f "$f"
	"$HELP" mkposix "$1" 1 pm
	chown 4242:4243 "$f"
	chmod "$2" "$f"
	IDS[$1]=/pm0
}

# The commands, a line each: kind, the bits it needs (4 read, 2 write, 0
# none; "rm" and "set" for removing and changing), what it needs
# beforehand (a message there, or none), then its words, with
# @ for the object's operand and % for one more than the named semaphore's
# value (--set can only raise it).
OPS=(
	"shm 4 - shmcat -m @"
	"shm 6 - shmcat -w -m @"
	"shm 0 - ipcstat -m @"
	"msg 4 msg msgcat --nowait -q @"
	"msg 4 msg msgcat --peek -q @"
	"msg 2 - msgcat --nowait -w -q @"
	"msg 0 - ipcstat -q @"
	"sem 4 - semop -g -s @"
	"sem 2 - semop --nowait -s @ 0:+1"
	"sem 2 - semop --set 0=1 -s @"
	"sem 0 - ipcstat -s @"
	"pshm 4 - shmcat --posix-shmem @"
	"pshm 2 - shmcat -w --posix-shmem @"
	"pshm 0 - ipcstat --posix-shmem @"
	"pmsg 4 msg msgcat --nowait --posix-mqueue @"
	"pmsg 2 nomsg msgcat --nowait -w --posix-mqueue @"
	"pmsg 0 - ipcstat --posix-mqueue @"
	"psem 4 - semop -g --posix-semaphore @"
	"psem 6 - semop --nowait --posix-semaphore @ 0:+1"
	"psem 6 - semop --set 0=% --posix-semaphore @"
	"psem 0 - ipcstat --posix-semaphore @"
)

# What each kind is called in the lines of ipcrm and ipcset.
declare -gA NAMES=([shm]="shared memory segment" [msg]="message queue"
	[sem]="semaphore set" [pshm]="POSIX shared memory" [pmsg]="POSIX message queue"
	[psem]="POSIX semaphore")
declare -gA OPTS=([shm]=-m [msg]=-q [sem]=-s [pshm]=--posix-shmem
	[pmsg]=--posix-mqueue [psem]=--posix-semaphore)

# prepare KIND WHAT: a message in the queue (msg), or none (nomsg)
prepare() {
	local n
	case $1:$2 in
	msg:msg) "$HELP" send "${IDS[msg]}" hello ;;
	pmsg:*)
		read -r _ _ n < <("$HELP" mqattr /pm0)
		if [ "$2" = msg ] && [ "$n" = 0 ]; then
			"$HELP" mqsend /pm0 hello
		elif [ "$2" = nomsg ] && [ "$n" != 0 ]; then
			"$HELP" mqtake /pm0 >/dev/null
		fi
		;;
	esac
}

# there FAMILY KIND ID: whether the kernel has the object, as /proc/sysvipc
# or the directory shows it
there() {
	case $2 in
	shm | msg | sem) awk -v id="$3" '$2 == id { f = 1 } END { exit !f }' "/proc/sysvipc/$2" ;;
	pshm) [ -e /dev/shm/pm0 ] ;;
	pmsg) [ -e /dev/mqueue/pm0 ] ;;
	psem) [ -e /dev/shm/sem.pm0 ] ;;
	esac
}

# check WHAT: the command's status and stderr against WANT_STATUS and WANT
check() {
	CHECKED=$((CHECKED + 1))
	if [ "$status" != "$WANT_STATUS" ] || [ "$stderr" != "$WANT" ]; then
		echo "as $who, mode $mode: $*"
		echo "  status $status, want $WANT_STATUS"
		echo "  stderr: $stderr"
		echo "  want:   $WANT"
		return 1
	fi
}

# One family, every mode, every person, every command of its kinds.
matrix() {
	local fam=$1 kinds=$2 k line op words w needs prep miss person
	for mode in $MODES; do
		for k in $kinds; do
			if [ "$fam" = sysv ]; then make_sysv "$k" "$mode"; else make_posix "$k" "$mode"; fi
		done
		sym=$(rwx "${mode:0:1}")$(rwx "${mode:1:1}")$(rwx "${mode:2:1}")
		for person in "${PEOPLE[@]}"; do
			read -r who uid groups _ <<<"$person"
			grant "$fam" "$uid" "$groups" "$mode"
			for line in "${OPS[@]}"; do
				read -r k needs prep op <<<"$line"
				[[ " $kinds " = *" $k "* ]] || continue
				words=()
				for w in $op; do
					[ "$w" = @ ] && w=${IDS[$k]}
					[ "$w" = 0=% ] && w=0=$(($("$HELP" semvalue /pm0) + 1))
					words+=("$w")
				done
				prepare "$k" "$prep"
				miss=$((needs & ~G))
				# CAP_IPC_OWNER, or CAP_DAC_OVERRIDE on a file
				if [ "$who" = root ] || { [ "$fam" = posix ] && [ "$uid" = 0 ]; }; then
					miss=0
				fi
				WANT_STATUS=0 WANT=
				if [ "$miss" != 0 ]; then
					case $miss in
					4) WANT="no read permission" ;;
					2) WANT="no write permission" ;;
					6) WANT="no read or write permission" ;;
					esac
					[ "$needs" = 6 ] && [ "$miss" = 4 ] && WANT+=" (writing needs read and write)"
					WANT_STATUS=1	# every tool: refused is a failure, not a usage error
					WANT="${words[0]}: ${IDS[$k]}: Permission denied: $WANT: mode $sym gives $CLASS $(rwx "$G") (owner $OWNER)"
				fi
				run --separate-stderr quiet as "$person" "$BIN/${words[0]}" "${words[@]:1}"
				check "${words[*]}"
			done
			for k in $kinds; do
				changes "$fam" "$k" || return 1
			done
		done
		for k in $kinds; do
			"$BIN/ipcrm" "${OPTS[$k]}" "${IDS[$k]}"
		done
	done
}

# ipcset --mode (to the mode it has) and ipcrm, as WHO: the rule for
# changing and removing, and the kernel's own answer, seen after.
changes() {
	local fam=$1 k=$2 may key o=${OPTS[$2]} id=${IDS[$2]}
	if [ "$fam" = sysv ]; then
		[ "$uid" = 4242 ] || [ "$uid" = 4241 ] || [ "$who" = root ] && may=1
	else
		[ "$uid" = 4242 ] || [ "$uid" = 0 ] && may=1
	fi
	run --separate-stderr as "$person" "$BIN/ipcset" --mode "$mode" "$o" "$id"
	WANT_STATUS=0 WANT=
	if [ -z "$may" ]; then
		WANT_STATUS=1
		if [ "$fam" = sysv ]; then
			key=$(awk -v id="$id" '$2 == id { k = $1 < 0 ? $1 + 4294967296 : $1; printf "0x%08x", k }' "/proc/sysvipc/$k")
			WANT="ipcset: $id: permission denied: only the owner ($OWNER), the creator ($CREATOR) or CAP_SYS_ADMIN may change $key $k $id"
		else
			WANT="ipcset: $id: permission denied: only the owner ($OWNER) or CAP_FOWNER may change the mode of $k $id"
		fi
	fi
	check "ipcset --mode $mode $o $id" || return 1
	run --separate-stderr as "$person" "$BIN/ipcrm" "$o" "$id"
	WANT_STATUS=0 WANT=
	if [ -z "$may" ]; then
		WANT_STATUS=1
		if [ "$fam" = sysv ]; then
			WANT="ipcrm: $id: Permission denied (${NAMES[$k]%% segment}, owner $OWNER, creator $CREATOR)"
		else
			WANT="ipcrm: $id: Permission denied (${NAMES[$k]}, owner $OWNER)"
		fi
	fi
	check "ipcrm $o $id" || return 1
	# the kernel's own answer: there, or not
	if there "$fam" "$k" "$id"; then
		[ -z "$may" ] || { echo "as $who: ipcrm $o $id said done, and it is there"; return 1; }
	else
		[ -n "$may" ] || { echo "as $who: ipcrm $o $id refused, and it is gone"; return 1; }
		if [ "$fam" = sysv ]; then make_sysv "$k" "$mode"; else make_posix "$k" "$mode"; fi
	fi
}

@test "System V: every command, as creator, owner, group members, others, root without caps and root, over 12 modes" {
	matrix sysv "shm msg sem"
	echo "# System V: $CHECKED outcomes, each against the kernel's rule" >&3
}

@test "POSIX: every command, as owner, group member, others, root without caps and root, over 12 modes" {
	matrix posix "pshm pmsg psem"
	echo "# POSIX: $CHECKED outcomes, each against the kernel's rule" >&3
}
