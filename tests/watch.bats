#!/usr/bin/env bats
# SPDX-License-Identifier: MIT
# ipcs --watch in a real terminal: tmux runs a shell, the test types into
# it (send-keys) and reads the screen (capture-pane, -e with attributes),
# while util-linux's tools and ipchelp make, attach and remove objects.

load helpers

HELP=$BUILD/tests/ipchelp

setup() {
	ipck_setup
	command -v tmux > /dev/null ||
		skip "tmux is not installed (Debian: apt-get install tmux)"
	SOCK=ipckit-watch-$$-$BATS_TEST_NUMBER
	"$UL_IPCRM" -a
	rm -f /dev/shm/*
}

teardown() {
	tmux -L "$SOCK" kill-server 2>/dev/null || true
	ipck_teardown
}

tm() { tmux -L "$SOCK" "$@"; }

# term COLS LINES [ENV...]: a shell in a terminal of that size, with a
# plain prompt, and its terminal settings saved in $T/stty.before
term() {
	tm -f /dev/null new-session -d -x "$1" -y "$2" \
		env PATH="$PATH" TERM=xterm-256color "${@:3}" bash --norc --noprofile
	tm send-keys "PS1='\$ '; stty -g > $T/stty.before; clear" Enter
	screen '^\$ ?$'
}

# screen PATTERN [-e]: wait (5 s at most) until a line of the screen
# matches the extended regular expression; SCREEN is the screen then
screen() {
	local i
	for ((i = 0; i < 100; i++)); do
		SCREEN=$(tm capture-pane -p ${2:+-e})
		grep -qE -- "$1" <<<"$SCREEN" && return 0
		sleep 0.05
	done
	echo "no line matches $1 in:" >&2
	echo "$SCREEN" >&2
	return 1
}

# The screen after the watch ended: the shell's, as it was, with the
# command line typed and a new prompt; and the same terminal settings.
restored() {
	local want="\$ $1
\$" i
	# the screen is given back first, then the shell prompts once the
	# process has exited (later under a sanitizer, which checks for leaks)
	for ((i = 0; i < 100; i++)); do
		SCREEN=$(tm capture-pane -p | sed '/^$/d')
		[ "$SCREEN" = "$want" ] && break
		sleep 0.05
	done
	[ "$SCREEN" = "$want" ] || { echo "$SCREEN"; false; }
	tm send-keys "stty -g > $T/stty.after" Enter
	for ((i = 0; i < 100; i++)); do
		[ -s "$T/stty.after" ] && break
		sleep 0.05
	done
	cmp "$T/stty.before" "$T/stty.after"
}

@test "--watch in a terminal: a new row marked +, a changed cell marked ~ and highlighted, a removed row - then gone; q gives the terminal back" {
	id0=$(ipcmk -M 4096 | awk '{ print $NF }')
	term 100 20
	tm send-keys "ipcs --watch=0.2 -m" Enter
	screen "^  0x[0-9a-f]{8} $id0 "
	# the top line: the command's interval and the rows
	grep -qE '^ipcs --watch=0.2s  [0-9-]+ [0-9:]+  1 rows  q: quit' <<<"$SCREEN"
	id=$(ipcmk -M 8192 | awk '{ print $NF }')
	screen "^\+ 0x[0-9a-f]{8} $id +root +644 +8192 +0 *$"
	# attached: the row is marked, and its nattch cell (only) in reverse video
	HELPERS=$("$HELP" attach "$id")
	screen "^~ 0x[0-9a-f]{8} $id .*1" -e
	line=$(grep -E "^~ 0x[0-9a-f]{8} $id " <<<"$SCREEN")
	[[ "$line" =~ 8192\ +$'\e'\[[0-9\;]*7[0-9\;]*m1$'\e'\[ ]]
	[[ "$line" != *$'\e'\[*7*m8192* ]]
	# removed: marked, then gone; the other row stays
	"$UL_IPCRM" -m "$id0"
	screen "^- 0x[0-9a-f]{8} $id0 "
	screen "^~ 0x[0-9a-f]{8} $id |^  0x[0-9a-f]{8} $id "
	for ((i = 0; i < 100; i++)); do
		SCREEN=$(tm capture-pane -p)
		grep -qE "^. 0x[0-9a-f]{8} $id0 " <<<"$SCREEN" || break
		sleep 0.05
	done
	run ! grep -qE "^. 0x[0-9a-f]{8} $id0 " <<<"$SCREEN"
	tm send-keys q
	restored "ipcs --watch=0.2 -m"
}

@test "--watch: a narrower window is followed, every line fits; Ctrl-C gives the terminal back too" {
	"$HELP" mk shm 3 > /dev/null
	term 100 20
	tm send-keys "ipcs --watch=0.2 -m" Enter
	screen "^  ------ Shared Memory Segments"
	tm resize-window -x 30 -y 6
	# 6 lines: the top, then 4 of the table, then what is left out
	screen '^  \.\.\. [0-9]+ more lines'
	run -0 tm capture-pane -p
	[ "$(awk 'length > 30' <<<"$output")" = "" ]
	[ "${#lines[@]}" -le 6 ]
	[[ "${lines[0]}" == "ipcs --watch=0.2s  "* ]]
	tm resize-window -x 100 -y 20
	screen "^  0x00000000 "
	tm send-keys C-c
	restored "ipcs --watch=0.2 -m"
}

@test "--watch: NO_COLOR keeps the marks and drops the colours; names are escaped; 20 columns" {
	term 20 10 NO_COLOR=1
	# a command line that fits the 20 columns: the default interval, 1 s
	tm send-keys "ipcs --watch -M" Enter
	screen "POSIX"
	printf x > "/dev/shm/$(printf 'a\033[2Jb')"
	screen '^\+ /a\\x1b\[2Jb' -e
	# no SGR but the top line's reverse video (which is not a colour)
	[ "$(grep -c $'\e\[3[0-9]m' <<<"$SCREEN")" = 0 ]
	run -0 tm capture-pane -p
	[ "$(awk 'length > 20' <<<"$output")" = "" ]
	tm send-keys q
	restored "ipcs --watch -M"
}

@test "--watch, not a terminal: the listings one after another, each after its time" {
	ipcmk -M 4096 > /dev/null
	run -0 --separate-stderr ipcs --watch=0.1 --count 2 -m
	# by hand: a time line, then util-linux's table; a blank line between
	[ "$(grep -cE '^--- [0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$' <<<"$output")" = 2 ]
	[ "$(grep -c '^------ Shared Memory Segments --------$' <<<"$output")" = 2 ]
	want=$("$UL_IPCS" -m)
	[ "$(awk '/^--- / { n++; next } n == 2' <<<"$output")" = "$want" ]
	[ "$stderr" = "" ]
}

@test "--watch: usage errors, one line, exit 2" {
	for args in "--watch -J" "--watch --events" "--watch -i 0 -m" "--watch=0" "--watch=x" \
		"--watch --metrics" "--watch --initial"; do
		# shellcheck disable=SC2086  # the words are the options
		run -2 --separate-stderr ipcs $args
		[ "$output" = "" ]
		[ "${#stderr_lines[@]}" = 1 ]
	done
}
