#!/usr/bin/env bats
# SPDX-License-Identifier: MIT
# The JSON reference: ipcs --json-fields, and ipckit-json(7) made from it.
# Every member any tool writes is in it; the page is what the tables say.

load helpers

HELP=$BUILD/tests/ipchelp

# js TOOL ARGS...: its JSON added to $T/all.json; a refusal (1) is output
# too (the members of a failure are members), a usage error (2) fails.
js() {
	local rc=0
	"$@" >> "$T/all.json" 2>/dev/null || rc=$?
	[ "$rc" -le 1 ] || { echo "$*: exit $rc"; return 1; }
}

# Every member path of JSON on stdin: "a", "a.b", "a[].b", the rows of an
# outermost array (or JSON Lines) not counted as a level.
paths() {
	jq -r '(if type == "array" then .[] else . end) | paths |
		map(if type == "number" then "[]" else . end) | join(".") |
		gsub("\\.\\[\\]"; "[]")' | grep -v '\[\]$' | sort -u
}

@test "--json-fields: the version, a line a member, and -J's JSON of the same" {
	run -0 --separate-stderr ipcs --json-fields
	[ "${lines[0]}" = "ipckit JSON, version 1" ]
	[[ ${lines[1]} = "SET"*"KIND"*"MEMBER"*"TYPE"*"MEANING" ]]
	# every record member of a segment, in ipcs -J's order
	got=$(awk '$1 == "object" && $2 == "shm" { print $3 }' <<<"$output" | paste -sd' ')
	[ "$got" = "kind id key key_num perms mode owner uid group gid creator cuid creator_group cgid ctime ctime_epoch size nattch dest locked cpid lpid atime atime_epoch dtime dtime_epoch" ]
	run -0 ipcs --json-fields -J
	[ "$(jq .version <<<"$output")" = 1 ]
	[ "$(jq '.members | length' <<<"$output")" = "$(($(ipcs --json-fields | wc -l) - 2))" ]
	# the POSIX name: text or null, and its bytes
	[ "$(jq -r '.members[] | select(.set == "object" and .kind == "pmsg" and
		(.member | startswith("name"))) | "\(.member) \(.type)"' <<<"$output" | paste -sd,)" = \
		"name string|null,name_base64 string" ]
}

@test "--json-fields takes -J and nothing else" {
	for a in -m -a -u "-i 0" --all-namespaces "--key 1" extra; do
		# shellcheck disable=SC2086  # the options are words
		line=$(usage_line ipcs --json-fields $a)
		[[ $line = "ipcs: "* ]]
	done
	[ "$(usage_line ipcs --json-fields -m)" = "ipcs: --json-fields: takes no other option but -J; try 'ipcs --help'" ]
}

@test "every member every tool writes as JSON is in the reference" {
	ref=$(ipcs --json-fields -J | jq -r '.members[].member' | sort -u)
	m=$(ipccreate -M 4096 -k 0x3a000001)
	q=$(ipccreate -Q -k 0x3a000002)
	s=$(ipccreate -S 2 -k 0x3a000003)
	ipccreate -m 100 -q -s -n /json_a >/dev/null
	ipccreate -q -n /json_q >/dev/null
	ipccreate -s -n /json_s >/dev/null
	printf x > /dev/shm/sem.json_bad
	printf 'one\n' | msgcat -w -q "$q"
	printf 'two\n' | msgcat -w --posix-mqueue /json_q
	HELPERS="$("$HELP" attach "$m")"
	sleep 600 3</dev/shm/json_a &
	HELPERS="$HELPERS $!"
	new_ns
	js ipcs -A -J
	js ipcs -A -u -J
	js ipcs -A -l -J
	js ipcs -s -i "$s" -J
	js ipcs -m -i "$m" -J
	js ipcstat -J -m "$m" -q "$q" -s "$s"
	js ipcstat -J --posix-shmem /json_a --posix-mqueue /json_q --posix-semaphore /json_s --posix-semaphore /json_a
	js ipcstat -J --posix-semaphore /json_bad
	js ipcrm -n -J --all
	js ipcrm -n -J --all=pshm
	js ipcrm -n -J --all=pmsg
	js ipcrm -n -J --all=psem
	js ipcrm -J -m 999999 -M 0x3a0000ff --posix-shmem /json_none
	js ipcset -n -J --mode 600 -m "$m" -q "$q" -s "$s" --posix-shmem /json_a
	js ipcset -J --mode 600 -m 999999
	js msgcat -J --peek -q "$q"
	js msgcat -J -q "$q" --nowait
	js msgcat -J --posix-mqueue /json_q --nowait
	js semop -J -g -s "$s"
	js semop -J -g -v -s "$s"
	js semop -J -g --posix-semaphore /json_s
	js ipcs -J --all-namespaces -A
	js ipcs -J -u --all-namespaces
	js ipcrm -n -J --all --all-namespaces
	# each output is whole JSON, or lines of it
	jq -e . "$T/all.json" >/dev/null
	run -0 paths < "$T/all.json"
	written=$output
	[ "$(wc -l <<<"$written")" -gt 100 ]
	missing=$(comm -23 <(printf '%s\n' "$written") <(printf '%s\n' "$ref"))
	[ "$missing" = "" ] || { echo "not in the reference:" $missing; false; }
	# and the paths checked hold the members of each kind of output
	for p in attached[].pid users[].fd namespace.inode before.perms after.qbytes \
		semaphores[].command base64 dev_shm_shared shm.pages_resident psem.value_max; do
		grep -qxF "$p" <<<"$written" || { echo "not written: $p"; false; }
	done
}

@test "ipckit-json(7) lists what the field tables say (make json-ref makes it)" {
	page=$TOP/man/ipckit-json.7
	sed -n '/^\.\\" BEGIN FIELDS/,/^\.\\" END FIELDS/p' "$page" | sed '1d;$d' > "$T/have"
	ipcs --json-fields | awk -f "$TOP/man/json-fields.awk" > "$T/want"
	[ -s "$T/want" ]
	run -0 diff "$T/have" "$T/want"
	# and the page reads as every member: a few, as a reader sees them
	text=$(groff -mdoc -Tascii "$page" 2>/dev/null | col -b)
	for m in name_base64 dev_shm_shared hidden_processes pmsg.msgsize_default; do
		grep -q "^ *$m (" <<<"$text" || { echo "not on the page: $m"; false; }
	done
}
