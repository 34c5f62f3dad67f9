#!/usr/bin/env bats
# SPDX-License-Identifier: MIT
# The bash completion (src/bash-completion/ipckit), loaded into this bash
# and called as readline would: COMP_WORDS and COMP_CWORD set, COMPREPLY
# compared.  Live ids and keys are checked against util-linux's ipcs.

load helpers

setup() {
	ipck_setup
	# shellcheck source=../src/bash-completion/ipckit
	source "$TOP/src/bash-completion/ipckit"
}

# complete WORD...: COMPREPLY for the line WORD... with the cursor at the
# end of the last word, one a line, sorted
complete_line() {
	COMP_WORDS=("$@")
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMP_LINE="$*"
	COMPREPLY=()
	_ipckit "$1" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]:-}" 2>"$T/err"
	[ ! -s "$T/err" ] || { cat "$T/err"; return 1; }
	REPLY=$(printf '%s\n' "${COMPREPLY[@]}" | sed '/^$/d' | LC_ALL=C sort)
}

# Objects of every kind, and util-linux's word for what is there.
objects() {
	"$UL_IPCRM" -a
	rm -f /dev/shm/* /dev/mqueue/*
	ipccreate -k 0x1234 -M 4096 -Q -S 1 >/dev/null
	ipccreate -M 4096 -Q >/dev/null
	ipccreate -k 0x77 -M 4096 >/dev/null
	ipccreate -m 4K -q -s -n /c1 >/dev/null
	ipccreate -m 4K -n /c2 >/dev/null
}
ul_ids() { "$UL_IPCS" "$1" | awk '$1 ~ /^0x/ { print $2 }' | LC_ALL=C sort; }
ul_keys() { "$UL_IPCS" "$1" | awk '$1 ~ /^0x/ && $1 != "0x00000000" { print $1 }' | LC_ALL=C sort; }

@test "options, short and long, as each tool's --help lists them" {
	for t in $TOOLS; do
		complete_line "$t" -
		want=$("$BIN/$t" --help | grep -oE '^ +(-[A-Za-z0-9], )?--[a-z][a-z0-9-]*(, --[a-z][a-z0-9-]*)?' |
			grep -oE -- '--?[A-Za-z0-9][a-z0-9-]*' | LC_ALL=C sort -u)
		[ "$(sort -u <<<"$REPLY" | grep -v '=$')" = "$want" ] ||
			{ echo "$t:"; diff <(echo "$want") <(echo "$REPLY") || true; false; }
	done
	complete_line ipcrm --posix-s
	[ "$REPLY" = "$(printf '%s\n' --posix-semaphore --posix-shmem)" ]
	complete_line msgcat --ti
	[ "$REPLY" = --timeout ]
	# an optional value: --all and --all= both
	complete_line ipcrm --al
	[ "$REPLY" = "$(printf '%s\n' --all --all-namespaces --all=)" ]
}

@test "ids, keys and names of the objects there are, per kind" {
	objects
	complete_line ipcrm -m ""
	[ "$REPLY" = "$(ul_ids -m)" ]
	[ "$(wc -l <<<"$REPLY")" = 3 ]
	complete_line ipcstat --queue-id ""
	[ "$REPLY" = "$(ul_ids -q)" ]
	complete_line semop -s ""
	[ "$REPLY" = "$(ul_ids -s)" ]
	# keys: the private ones have none to offer
	complete_line ipcrm -M ""
	[ "$REPLY" = "$(ul_keys -m)" ]
	[ "$REPLY" = "$(printf '%s\n' 0x00000077 0x00001234)" ]
	complete_line ipcget -Q 0x
	[ "$REPLY" = 0x00001234 ]
	complete_line shmcat --posix-shmem ""
	[ "$REPLY" = "$(printf '%s\n' /c1 /c2)" ]
	complete_line msgcat --posix-mqueue /
	[ "$REPLY" = /c1 ]
	complete_line ipcset --mode 600 --posix-semaphore ""
	[ "$REPLY" = /c1 ]
	# ipcs -i: the kind the line names
	complete_line ipcs -q -i ""
	[ "$REPLY" = "$(ul_ids -q)" ]
	# the old form: ipcrm shm ID
	complete_line ipcrm sem ""
	[ "$REPLY" = "$(ul_ids -s)" ]
}

@test "fixed lists: --all= kinds (one word or three), TYPE operands, --ns pids, users" {
	complete_line ipcrm --all=p
	[ "$REPLY" = "$(printf '%s\n' pmsg psem pshm)" ]
	# readline splits at "=" (COMP_WORDBREAKS): --all, =, p
	complete_line ipcrm --all = p
	[ "$REPLY" = "$(printf '%s\n' pmsg psem pshm)" ]
	complete_line ipcrm --all =
	[ "$(wc -l <<<"$REPLY")" = 6 ]
	complete_line ipccreate ""
	[ "$REPLY" = "$(printf '%s\n' 0 1 2 msg sem shm)" ]
	complete_line ipcrm s
	[ "$REPLY" = "$(printf '%s\n' sem shm)" ]
	complete_line ipcs --ns "$$"
	grep -qx "$$" <<<"$REPLY"
	complete_line ipcrm -a --owner roo
	grep -qx root <<<"$REPLY"
	complete_line ipcset --group roo
	grep -qx root <<<"$REPLY"
	complete_line ipcstat -F /etc/hostn
	[ "$REPLY" = /etc/hostname ]
}

@test "nothing where there is nothing to offer: sizes and new names, and a listing that fails" {
	objects
	complete_line ipccreate -M ""
	[ "$REPLY" = "" ]
	complete_line ipccreate -m 4K -n ""
	[ "$REPLY" = "" ]
	complete_line msgcat -q 0 -t ""
	[ "$REPLY" = "" ]
	# --ns names no process: ipcs fails, and the completion says nothing
	complete_line ipcrm --ns 999999999 -m ""
	[ "$REPLY" = "" ]
	# --ns of this very namespace: the same ids
	complete_line ipcrm --ns "$$" -m ""
	[ "$REPLY" = "$(ul_ids -m)" ]
}

@test "registered for every tool, and loadable by bash-completion by each tool's name" {
	run -0 bash -c "source '$TOP/src/bash-completion/ipckit' && complete -p"
	for t in $(sed -n 's/^TOOLS[[:space:]]*= //p' "$TOP/Makefile"); do
		grep -qx "complete -F _ipckit $t" <<<"$output" || { echo "no completion for $t"; false; }
	done
}

# Names anyone may give a POSIX object, holding every shell metacharacter;
# each would run "touch" in the working directory were it expanded.
hostile_names() {
	printf '%s\0' 'a`touch ran1`' 'b$(touch ran2)' 'c${x:=ran3}' 'd*' 'e?' \
		'f[ab]' 'g;touch ran4' 'h|touch ran5' 'i&touch ran6' 'j<k' 'l>ran7' \
		"m'q" 'n"q' 'o\p' 'q r' $'s\nt' '-u' '$HOME' "v\$'\\x41'"
}

# Each COMPREPLY word, as bash would read it back when typed: one a line
# of $T/typed, NUL-ended
typed_back() {
	local w
	: >"$T/typed"
	for w in "${COMPREPLY[@]}"; do
		# a word printf %q made is safe to read back so; anything else
		# is caught by the check that nothing ran
		eval "printf '%s\0' $w" >>"$T/typed"
	done
}

@test "hostile names, users and groups are offered quoted, complete to themselves, and never run" {
	cd "$T"
	rm -f /dev/shm/* /dev/mqueue/*
	mapfile -d '' -t names < <(hostile_names)
	for n in "${names[@]}"; do
		: >"/dev/shm/$n"
		ipccreate -q --maxmsg 1 --msgsize 8 -n "/$n" >/dev/null
	done
	for opt in --posix-shmem --posix-mqueue; do
		COMP_WORDS=(ipcrm "$opt" "")
		COMP_CWORD=2
		_ipckit ipcrm "" "$opt"
		[ "${#COMPREPLY[@]}" = "${#names[@]}" ]
		typed_back
		[ "$(LC_ALL=C sort -z "$T/typed" | tr '\0' '|')" = "$(for n in "${names[@]}"; do printf '/%s\0' "$n"; done | LC_ALL=C sort -z | tr '\0' '|')" ]
		# a prefix narrows it, as typed or as quoted
		COMP_WORDS=(ipcrm "$opt" "/b")
		_ipckit ipcrm "/b" "$opt"
		[ "${#COMPREPLY[@]}" = 1 ]
		typed_back
		[ "$(tr '\0' '|' <"$T/typed")" = '/b$(touch ran2)|' ]
		COMP_WORDS=(ipcrm "$opt" '/q\ ')
		_ipckit ipcrm '/q\ ' "$opt"
		[ "${COMPREPLY[*]}" = '/q\ r' ]
	done
	# users and groups from the system: a passwd and a group of our own,
	# over the machine's in this test's mount namespace
	printf '%s\n' 'root:x:0:0::/root:/bin/sh' '$(touch ran8):x:4001:4001::/:/bin/sh' \
		'`touch ran9`:x:4002:4002::/:/bin/sh' >"$T/passwd"
	printf '%s\n' 'root:x:0:' '$(touch ran10):x:4001:' >"$T/group"
	run -0 unshare --mount --propagation private bash -c '
		mount --bind "$1/passwd" /etc/passwd && mount --bind "$1/group" /etc/group &&
		source "$2/src/bash-completion/ipckit" &&
		for line in "ipcrm -a --owner" "ipcset --group"; do
			read -r -a COMP_WORDS <<<"$line"
			COMP_WORDS+=("")
			COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
			_ipckit "${COMP_WORDS[0]}" "" "${COMP_WORDS[COMP_CWORD - 1]}"
			printf "%s\n" "${COMPREPLY[@]}"
		done' bash "$T" "$TOP"
	grep -qxF '\$\(touch\ ran8\)' <<<"$output"
	grep -qxF '\`touch\ ran9\`' <<<"$output"
	grep -qxF '\$\(touch\ ran10\)' <<<"$output"
	# and nothing ran, here or in the other shell
	[ "$(ls "$T" | grep -c '^ran')" = 0 ]
}

@test "in a real interactive bash (tmux), TAB completes a hostile name to itself and runs nothing" {
	command -v tmux >/dev/null || skip "tmux is not installed (Debian: apt-get install tmux)"
	cd "$T"
	rm -f /dev/shm/*
	: > '/dev/shm/x$(touch PWNED)y'
	sock="ipckit-$$-$BATS_TEST_NUMBER"
	tmux -L "$sock" -f /dev/null new-session -d -x 200 -y 10 "bash --norc --noprofile"
	tmux -L "$sock" send-keys "PS1='> '; PATH=$BIN:\$PATH; source $TOP/src/bash-completion/ipckit; cd $T; clear" Enter
	# the new prompt alone on a cleared screen first: keys typed ahead of
	# it would be echoed before the prompt, on its line (a loaded CI machine)
	for ((i = 0; i < 100; i++)); do
		[ "$(tmux -L "$sock" capture-pane -p | sed '/^$/d')" = ">" ] && break
		sleep 0.05
	done
	tmux -L "$sock" send-keys "ipcrm -n --posix-shmem /x" Tab
	for ((i = 0; i < 100; i++)); do
		line=$(tmux -L "$sock" capture-pane -p | grep '^> ipcrm' || true)
		[[ $line == *y ]] && break
		sleep 0.05
	done
	# what TAB put on the line, and that it names the object when run
	tmux -L "$sock" send-keys Enter
	sleep 0.3
	screen=$(tmux -L "$sock" capture-pane -p)
	tmux -L "$sock" kill-server
	[ "$line" = '> ipcrm -n --posix-shmem /x\$\(touch\ PWNED\)y' ] || { echo "$screen"; false; }
	grep -qxF "removing POSIX shared memory \`/x\$(touch PWNED)y' (owner root)" <<<"$screen" ||
		{ echo "$screen"; false; }
	[ ! -e "$T/PWNED" ]
}
