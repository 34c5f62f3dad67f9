#!/usr/bin/env bats
# SPDX-License-Identifier: MIT
# What every tool owes its users: --help, --version, a man page that says
# the same, a clean page, and a failed write that does not pass for success.

load helpers

VERSION=$(sed -n 's/^#define IPCK_VERSION[^"]*"\(.*\)"/\1/p' "$TOP/include/ipckit.h")

# The usage lines of --help, joined, white space squeezed.
help_usage() {
	"$1" --help | awk 'NR == 1 { sub(/^Usage: /, "") } NR > 1 && !/^ / { exit } { print }' |
		tr -s ' \t\n' '   ' | sed 's/^ //; s/ $//'
}

# The rendered SYNOPSIS of a man page, the same way.
man_synopsis() {
	groff -mdoc -Tascii "$TOP/man/$1" 2>/dev/null | col -b |
		awk '/^SYNOPSIS/ { on = 1; next } /^[A-Z]/ { on = 0 } on' |
		tr -s ' \t\n' '   ' | sed 's/^ //; s/ $//'
}

@test "-h and --help print the usage on stdout and exit 0" {
	for t in $TOOLS; do
		run -0 --separate-stderr "$t" --help
		[[ ${lines[0]} = "Usage: $t "* ]]
		[ "$stderr" = "" ]
		long=$output
		run -0 "$t" -h
		[ "$output" = "$long" ]
	done
}

@test "--help's descriptions stand in one column, paragraph by paragraph" {
	for t in $TOOLS; do
		run -0 sh -c '"$1" --help | awk -v tool="$2" -f "$3"' sh "$BIN/$t" "$t" "$TOP/tests/tools/help-columns.awk"
		[ "$output" = "" ] || { echo "$output"; false; }
	done
}

@test "-V and --version print the version" {
	for t in $TOOLS; do
		run -0 --separate-stderr "$t" --version
		[ "$output" = "$t (ipckit) $VERSION" ]
		run -0 "$t" -V
		[ "$output" = "$t (ipckit) $VERSION" ]
	done
}

@test "--help's usage is the man page's SYNOPSIS" {
	for t in $TOOLS; do
		[ "$(help_usage "$t")" = "$(man_synopsis "$t.1")" ]
	done
}

@test "every option in --help is in the man page" {
	for t in $TOOLS; do
		page=$(groff -mdoc -Tascii "$TOP/man/$t.1" 2>/dev/null | col -b)
		for opt in $("$t" --help | grep -oE '(^| )--?[A-Za-z][a-z-]*' | sort -u); do
			grep -qe "$opt" <<<"$page" || { echo "$t: $opt not in $t.1"; false; }
		done
	done
}

@test "every man page is clean under groff -mdoc -ww" {
	for page in "$TOP"/man/*.[0-9]; do
		run -0 --separate-stderr groff -mdoc -ww -z "$page"
		[ "$output$stderr" = "" ] || { echo "$page: $output$stderr"; false; }
	done
}

# Warnings and errors; its STYLE notes are left: .Os names the package,
# a "sem." or "Message Queues:" is quoted as the system spells it, and
# whether a referenced page exists depends on what the machine installed.
@test "every man page is clean under mandoc -T lint (warnings and errors)" {
	command -v mandoc >/dev/null || skip "mandoc is not installed (Debian: apt-get install mandoc)"
	for page in "$TOP"/man/*.[0-9]; do
		run --separate-stderr mandoc -T lint -W warning "$page"
		[ "$output$stderr" = "" ] || { echo "$page: $output$stderr"; false; }
	done
}

@test "one list of the tools: the Makefile's; completion, README and the pages agree" {
	[ "$(wc -w <<<"$TOOLS")" = 12 ]
	# completion registers for each, and for nothing else
	[ "$(sed -n 's/^complete -F _ipckit //p' "$TOP/src/bash-completion/ipckit")" = "$TOOLS" ]
	for t in $TOOLS; do
		grep -q "^| \`$t\`" "$TOP/README.md" || { echo "$t: not in README's table"; false; }
		grep -q "^\.Xr $t 1" "$TOP/man/libipckit.3" || { echo "$t: not in libipckit.3"; false; }
	done
}

@test "every tool has a man page and a test file" {
	for t in $TOOLS; do
		[ -f "$TOP/man/$t.1" ]
		[ -f "$TOP/tests/$t.bats" ]
	done
}

@test "--help to a full disk fails" {
	for t in $TOOLS; do
		run --separate-stderr sh -c "$t --help > /dev/full"
		[ "$status" -ne 0 ]
		[ "$stderr" = "$t: write error: No space left on device" ]
	done
}

@test "the shared library has its soname and exports only ipck_*" {
	so=$BUILD/lib/libipckit.so.1
	[ -L "$so" ]
	readelf -d "$so" | grep -q 'Library soname: \[libipckit.so.1\]'
	run -0 sh -c "nm -D --defined-only '$so' | awk '{ print \$3 }' | grep -v '^ipck_' || true"
	[ "$output" = "" ]
	nm -D --defined-only "$so" | grep -q ' ipck_open$'
}

@test "the library keeps no writable static data: no .data, .bss or thread-local bytes" {
	# each object file, so the C runtime's own few bytes in the .so do not count;
	# tables of pointers sit in .data.rel.ro, read-only once relocated
	if nm "$BUILD/lib/libipckit.a" 2>/dev/null | grep -q ' __\(asan\|ubsan\)_'; then
		skip "a sanitizer build: its instrumentation keeps data of its own (make check judges the plain build)"
	fi
	n=0
	for o in $(find "$BUILD/obj/lib" -name '*.o'); do
		objdump -h "$o" | awk -v o="${o##*/}" '$2 ~ /^\.(data|bss|tdata|tbss)$/ && $3 ~ /[1-9a-f]/ {
			print o ": " $2 " holds 0x" $3 " bytes"; bad = 1 }
			END { exit bad }'
		n=$((n + 1))
	done
	[ "$n" -gt 30 ]
}

@test "every function the library exports is in libipckit.3's SYNOPSIS" {
	page=$(sed -n '/^\.Sh SYNOPSIS/,/^\.Sh DESCRIPTION/p' "$TOP/man/libipckit.3")
	n=0
	for f in $(nm -D --defined-only "$BUILD/lib/libipckit.so.1" | awk '$2 == "T" { print $3 }'); do
		grep -q "^\.Fn $f " <<<"$page" || { echo "$f: not in libipckit.3"; false; }
		n=$((n + 1))
	done
	# and every function marked for export is exported
	[ "$n" = "$(find "$TOP/src/lib" -name '*.c' -exec cat {} + | grep -c '^IPCK_API')" ]
}

@test "usable from C++: every exported function is declared with C linkage" {
	command -v c++ >/dev/null || skip "no C++ compiler (Debian: apt-get install g++)"
	{
		echo '#include <ipckit.h>'
		echo 'typedef void (*fn)();'
		echo 'int main() { fn v[] = {'
		nm -D --defined-only "$BUILD/lib/libipckit.so.1" | awk '$2 == "T" { printf "  reinterpret_cast<fn>(&%s),\n", $3 }'
		echo '}; return v[0] == 0; }'
	} > "$BATS_TEST_TMPDIR/all.cc"
	# shellcheck disable=SC2086
	c++ -std=c++11 -Wall -Wextra -Wpedantic -Werror -I"$TOP/include" -o "$BATS_TEST_TMPDIR/all" \
		"$BATS_TEST_TMPDIR/all.cc" -L"$BUILD/lib" -lipckit ${IPCKIT_LDFLAGS:-}
	LD_LIBRARY_PATH=$BUILD/lib "$BATS_TEST_TMPDIR/all"
}

@test "install, pkg-config, the man page's example, uninstall" {
	root=$BATS_TEST_TMPDIR/root
	make -s -C "$TOP" B="$BUILD" install DESTDIR="$root" PREFIX=/opt/ipck >/dev/null
	for f in bin/ipccreate bin/ipcget include/ipckit.h lib/libipckit.a \
		lib/libipckit.so lib/libipckit.so.1 "lib/libipckit.so.$VERSION" \
		lib/pkgconfig/ipckit.pc share/man/man1/ipccreate.1 \
		share/man/man1/ipcget.1 share/man/man3/libipckit.3 share/man/man7/ipckit-json.7 \
		include/ipckit/object.h include/ipckit/ns.h share/ipckit/ipckit-alerts.yml \
		share/bash-completion/completions/ipcrm \
		share/bash-completion/completions/semop; do
		[ -e "$root/opt/ipck/$f" ] || { echo "missing $f"; false; }
	done
	grep -qx 'prefix=/opt/ipck' "$root/opt/ipck/lib/pkgconfig/ipckit.pc"

	# the EXAMPLES program of libipckit.3, built as its reader would build it
	sed -n '/^\.Sh EXAMPLES/,/^\.Sh/p' "$TOP/man/libipckit.3" |
		sed -n '/^\.Bd -literal/,/^\.Ed/p' | sed '1d;$d; s/\\e/\\/g' > "$BATS_TEST_TMPDIR/ex.c"
	flags=$(PKG_CONFIG_PATH=$root/opt/ipck/lib/pkgconfig PKG_CONFIG_SYSROOT_DIR=$root \
		pkg-config --cflags --libs ipckit)
	# shellcheck disable=SC2086
	cc -o "$BATS_TEST_TMPDIR/ex" "$BATS_TEST_TMPDIR/ex.c" $flags ${IPCKIT_LDFLAGS:-}
	id=$(ipccreate -M 12345 -k 0x1e000001)
	run -0 env LD_LIBRARY_PATH="$root/opt/ipck/lib" "$BATS_TEST_TMPDIR/ex"
	[[ $output = *"0x1e000001 $id uid 0 12345 bytes"* ]]
	"$root/opt/ipck/bin/ipcget" -q -M 0x1e000001

	# C++ against the installed headers: one call from each of them
	command -v c++ >/dev/null || skip "no C++ compiler (Debian: apt-get install g++)"
	cat > "$BATS_TEST_TMPDIR/groups.cc" <<'CXX'
#include <ipckit.h>
#include <cstdio>
#include <cstring>
int main() {
	struct ipck_place pl;
	struct ipck_cred cred;
	struct ipck_limits lim;
	struct ipck_msg m;
	size_t n = 0;
	key_t key;
	int ok = 1;

	ok &= std::strcmp(ipck_kind_name(IPCK_PSEM), "psem") == 0;	// kind
	ipck_place_none(&pl);						// object
	ok &= pl.shm_dir == -1;
	ok &= ipck_fields(IPCK_FIELDS_OBJECT, IPCK_SHM, &n) != 0 && n > 0; // fields
	ok &= ipck_parse_key("0x1e000001", &key) == 0 && key == 0x1e000001; // parse
	ok &= ipck_lookup(IPCK_SHM, key) >= 0;				// ref
	std::memset(&m, 0, sizeof(m));
	ipck_msg_free(&m);						// io
	ipck_iter *it = ipck_open(IPCK_SEM, 0);				// iter
	ok &= it != 0;
	ipck_close(it);
	ok &= ipck_cred_self(&cred) == 0;				// access
	ipck_cred_free(&cred);
	ok &= ipck_limits(&lim) == 0 && lim.shmmni > 0;			// limits
	ok &= std::strcmp(ipck_version(), IPCK_VERSION) == 0;		// error
	ok &= ipck_ns_open(0, "/proc/self/ns/ipc") >= 0;		// ns
	std::printf("%s\n", ok ? "every group" : "failed");
	return !ok;
}
CXX
	# shellcheck disable=SC2086
	c++ -std=c++11 -Wall -Wextra -Wpedantic -Werror -o "$BATS_TEST_TMPDIR/groups" \
		"$BATS_TEST_TMPDIR/groups.cc" $flags ${IPCKIT_LDFLAGS:-}
	run -0 env LD_LIBRARY_PATH="$root/opt/ipck/lib" "$BATS_TEST_TMPDIR/groups"
	[ "$output" = "every group" ]

	make -s -C "$TOP" B="$BUILD" uninstall DESTDIR="$root" PREFIX=/opt/ipck
	[ -z "$(find "$root" ! -type d)" ]
}

@test "make CFLAGS=-O0 still builds" {
	run -0 make -s -C "$TOP" B="$BATS_TEST_TMPDIR/b" CFLAGS=-O0 "$BATS_TEST_TMPDIR/b/bin/ipcget"
	"$BATS_TEST_TMPDIR/b/bin/ipcget" --version
}

@test "a bad long option is named: unknown, ambiguous, an argument too many or too few" {
	for t in $TOOLS; do
		run -2 --separate-stderr "$t" --help=1
		[ "$output" = "" ]
		[ "$stderr" = "$t: option '--help' takes no argument; try '$t --help'" ]
		run -2 --separate-stderr "$t" --vers=x
		[ "$stderr" = "$t: option '--version' takes no argument; try '$t --help'" ]
		run -2 --separate-stderr "$t" --no-such-option=1
		[ "$stderr" = "$t: unknown option '--no-such-option'; try '$t --help'" ]
	done
	run -2 --separate-stderr ipcrm --verbose=1 -m 1
	[ "$stderr" = "ipcrm: option '--verbose' takes no argument; try 'ipcrm --help'" ]
	run -2 --separate-stderr ipcrm -a --unattached=yes
	[ "$stderr" = "ipcrm: option '--unattached' takes no argument; try 'ipcrm --help'" ]
	run -2 --separate-stderr ipccreate -M 1 --noreserve=1
	[ "$stderr" = "ipccreate: option '--noreserve' takes no argument; try 'ipccreate --help'" ]
	run -2 --separate-stderr ipcs --human=1
	[ "$stderr" = "ipcs: option '--human' takes no argument; try 'ipcs --help'" ]
	run -2 --separate-stderr ipcs --s
	[ "$stderr" = "ipcs: option '--s' is ambiguous (--shmems, --semaphores, --summary); try 'ipcs --help'" ]
	run -2 --separate-stderr ipcs --cr=root
	[ "$stderr" = "ipcs: option '--cr' is ambiguous (--creator, --created-by); try 'ipcs --help'" ]
	run -2 --separate-stderr ipcrm -a --o
	[ "$stderr" = "ipcrm: option '--o' is ambiguous (--owner, --orphaned, --older-than); try 'ipcrm --help'" ]
	run -2 --separate-stderr ipcs --ke
	[ "$stderr" = "ipcs: option '--key' needs an argument; try 'ipcs --help'" ]
	run -2 --separate-stderr shmcat -m
	[ "$stderr" = "shmcat: option '-m' needs an argument; try 'shmcat --help'" ]
	# a bad letter inside a word of several, after a long option
	run -2 --separate-stderr ipcs --shmems -xm
	[ "$stderr" = "ipcs: unknown option '-x'; try 'ipcs --help'" ]
	run -2 --separate-stderr ipcrm --verbose -vZ
	[ "$stderr" = "ipcrm: unknown option '-Z'; try 'ipcrm --help'" ]
	# names that mean one option are not ambiguous
	run -0 --separate-stderr ipcrm -n -a --cr root --key 0x7fffff02
	[ "$stderr" = "" ]
}

@test "no rendered man page shows an option with three dashes" {
	for page in "$TOP"/man/*.[0-9]; do
		run -0 sh -c "groff -mdoc -Tascii '$page' 2>/dev/null | col -b | grep -E -- '(^|[^-])---[a-z]' || true"
		[ "$output" = "" ] || { echo "$page: $output"; false; }
	done
}

@test "each test file runs in an IPC namespace of its own, so files can run side by side" {
	[ -n "${IPCKIT_SUITE_NS:-}" ] || skip "not run by tests/run"
	here=$(readlink /proc/self/ns/ipc)
	[ "$here" != "$IPCKIT_SUITE_NS" ]
	[ "$here" = "$IPCKIT_PRIVATE_NS" ]
	# what this file makes, the suite's namespace (tests/run's) does not see
	id=$(ipccreate -M 4096 -k 0x1e000002)
	[ "$(ipcget -M 0x1e000002)" = "$id" ]
	[ "$(readlink "/proc/$IPCKIT_SUITE_PID/ns/ipc")" = "$IPCKIT_SUITE_NS" ]
	run -1 nsenter --target "$IPCKIT_SUITE_PID" --ipc "$BIN/ipcget" -q -M 0x1e000002
	ipcrm -m "$id"
}
