# ipckit: System V IPC tools and library.  One non-recursive Makefile.
#
#   make                  build everything under build/
#   make check            build, then run every test in a private IPC namespace
#   make demo             build, then show the tools at work
#   make bench            build, then measure against util-linux
#   make asan             the whole suite under ASan and UBSan
#   make valgrind         the whole suite, every tool under memcheck
#   make stress           the storm, the filter property test, the
#                         command-line fuzz, long (STRESS_SECONDS, 300), 50
#                         archive round trips, 10^7 archives fuzzed
#   make analyze          cppcheck, clang's and gcc's static analyzers
#   make fuzz             every libFuzzer target, FUZZ_SECONDS (10) each
#   make install          PREFIX=/usr/local DESTDIR= (BASHCOMPDIR=...)
#   make dist             build/ipckit-VERSION.tar.gz of the tracked files
#   make distcheck        that tarball built, smoke-tested, installed, uninstalled
#   make smoke            the unit tests and a few bats files (SMOKE_TESTS)
#
# CFLAGS, CPPFLAGS and LDFLAGS are yours; the project's own flags are kept
# apart, so `make CFLAGS=-O0` still finds its headers.

VERSION		:= $(shell sed -n 's/^\#define IPCK_VERSION[^"]*"\(.*\)"/\1/p' include/ipckit.h)
SOVERSION	= 1

PREFIX		?= /usr/local
BINDIR		?= $(PREFIX)/bin
LIBDIR		?= $(PREFIX)/lib
INCLUDEDIR	?= $(PREFIX)/include
MANDIR		?= $(PREFIX)/share/man
PKGCONFIGDIR	?= $(LIBDIR)/pkgconfig
DATADIR		?= $(PREFIX)/share
# bash-completion's own place, moved under this PREFIX (Debian's .pc spells
# datadir out as /usr/share), else where bash-completion 2 looks too
# ($XDG_DATA_DIRS/bash-completion/completions)
BASHCOMPDIR	?= $(or $(shell pkg-config --define-variable=prefix=$(PREFIX) \
		   --define-variable=datadir=$(DATADIR) \
		   --variable=completionsdir bash-completion 2>/dev/null), \
		   $(DATADIR)/bash-completion/completions)
DESTDIR		?=

CC		?= cc
CFLAGS		?= -O2 -g
CPPFLAGS	?=
LDFLAGS		?=
WERROR		?=
AR		?= ar
INSTALL		?= install
B		?= build

WARNINGS	= -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
		  -Wmissing-prototypes -Wformat=2 -Wcast-qual -Wwrite-strings -Wvla
IPCK_CPPFLAGS	= -Iinclude -Isrc/cli -Isrc/archive -D_XOPEN_SOURCE=700
IPCK_CFLAGS	= -std=c11 $(WARNINGS) $(WERROR) -fPIC -fvisibility=hidden
COMPILE		= $(CC) $(IPCK_CPPFLAGS) $(CPPFLAGS) $(IPCK_CFLAGS) $(CFLAGS) -MMD -MP

TOOLS		= ipccheck ipccreate ipcget ipcrestore ipcrm ipcs ipcsave ipcset ipcstat msgcat semop shmcat
MAN1		= $(TOOLS:%=man/%.1)
MAN3		= man/libipckit.3
MAN7		= man/ipckit-json.7

# The library by family: the core here, and sysv/ posix/ proc/ io/.
LIB_SRC		= $(wildcard src/lib/*.c src/lib/*/*.c)
CLI_SRC		= $(wildcard src/cli/*.c)
UNIT_SRC	= $(wildcard tests/unit/*.c)
LIB_OBJ		= $(LIB_SRC:src/%.c=$(B)/obj/%.o)
CLI_OBJ		= $(CLI_SRC:src/%.c=$(B)/obj/%.o)
# The archives of ipcsave, ipcrestore and ipcrm --save (src/archive/).
ARCHIVE_SRC	= $(wildcard src/archive/*.c)
ARCHIVE_OBJ	= $(ARCHIVE_SRC:src/%.c=$(B)/obj/%.o)
ARCHIVE_TOOLS	= ipcrestore ipcrm ipcsave
# A tool is src/TOOL.c, or the files of a folder src/TOOL/.
tool_src	= $(wildcard src/$(1).c src/$(1)/*.c)
tool_obj	= $(patsubst src/%.c,$(B)/obj/%.o,$(call tool_src,$(1)))
TOOL_SRC	= $(foreach t,$(TOOLS),$(call tool_src,$(t)))
TOOL_OBJ	= $(foreach t,$(TOOLS),$(call tool_obj,$(t)))
UNIT_BIN	= $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)

SONAME		= libipckit.so.$(SOVERSION)
SHLIB		= $(B)/lib/libipckit.so.$(VERSION)
STLIB		= $(B)/lib/libipckit.a
BINS		= $(TOOLS:%=$(B)/bin/%)

all: $(STLIB) $(SHLIB) $(B)/lib/$(SONAME) $(B)/lib/libipckit.so $(BINS) \
    $(B)/tools

# The one list of the tools, for the tests (and whoever reads a build).
$(B)/tools: Makefile
	@mkdir -p $(@D)
	printf '%s\n' $(TOOLS) > $@

$(B)/obj/%.o: src/%.c
	@mkdir -p $(@D)
	$(COMPILE) -c -o $@ $<

# the library's own files find its private header from every folder
$(LIB_OBJ): IPCK_CPPFLAGS += -Isrc/lib

$(STLIB): $(LIB_OBJ)
	@mkdir -p $(@D)
	rm -f $@
	$(AR) rcs $@ $(LIB_OBJ)

$(SHLIB): $(LIB_OBJ)
	@mkdir -p $(@D)
	$(CC) $(IPCK_CFLAGS) $(CFLAGS) -shared -Wl,-soname,$(SONAME) \
	    $(LDFLAGS) -o $@ $(LIB_OBJ)

$(B)/lib/$(SONAME): $(SHLIB)
	ln -sf $(notdir $(SHLIB)) $@

$(B)/lib/libipckit.so: $(B)/lib/$(SONAME)
	ln -sf $(SONAME) $@

# The tools take the library in statically: one file to load fewer at every
# start, which is most of what a tool like ipccreate costs (see make bench).
# The archive's reader reads a large member ahead in a second thread.
tool_extra	= $(if $(filter $(1),$(ARCHIVE_TOOLS)),$(ARCHIVE_OBJ) -pthread)
define tool_rule
$(B)/bin/$(1): $(call tool_obj,$(1)) $(filter-out -pthread,$(call tool_extra,$(1))) $(CLI_OBJ) $(STLIB)
	@mkdir -p $$(@D)
	$$(CC) $$(CFLAGS) $$(LDFLAGS) -o $$@ $(call tool_obj,$(1)) $(call tool_extra,$(1)) $$(CLI_OBJ) $$(STLIB)
endef
$(foreach t,$(TOOLS),$(eval $(call tool_rule,$(t))))

# Unit tests link the shared library, so it is exercised as users load it.
$(B)/tests/%: tests/unit/%.c $(B)/lib/libipckit.so
	@mkdir -p $(@D)
	$(COMPILE) $(LDFLAGS) -pthread -o $@ $< -L$(B)/lib -lipckit \
	    -Wl,-rpath,'$$ORIGIN/../lib'

# What the bats tests use to put objects in the states they need.
$(B)/tests/ipchelp: tests/tools/ipchelp.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $<

# The tutorial's chat server, as far as its POSIX shared memory goes.
$(B)/tests/chatserver: tests/tools/chatserver.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $<

# An LD_PRELOAD shim that makes objects vanish under a tool.  Built without
# the sanitizers: it only forwards calls.
$(B)/tests/vanish.so: tests/tools/vanish.c
	@mkdir -p $(@D)
	$(CC) -O2 -shared -fPIC -o $@ $< -ldl

# One that makes the Nth object a tool makes fail (FAIL_NTH), for ipcrestore.
$(B)/tests/failnth.so: tests/tools/failnth.c
	@mkdir -p $(@D)
	$(CC) -O2 -shared -fPIC -o $@ $< -ldl

unit: $(UNIT_BIN) $(B)/tests/ipchelp $(B)/tests/vanish.so $(B)/tests/failnth.so \
    $(B)/tests/chatserver

# IPCKIT_LDFLAGS: how a program must link to load this build's library.
# CHECK_TESTS: some bats files only (the unit tests still run); empty: all
CHECK_TESTS	?=
check: all unit
	IPCKIT_BUILD=$(B) IPCKIT_LDFLAGS="$(LDFLAGS)" $(if $(CHECK_TESTS),IPCKIT_UNITS=1) \
	    tests/ns tests/run $(CHECK_TESTS)

# The unit tests and a few bats files: what make distcheck runs in the
# unpacked tarball, where the whole suite would only repeat make check
SMOKE_TESTS	= tests/cli.bats tests/tutorial.bats tests/ipcget.bats tests/hostile.bats
smoke: all unit
	IPCKIT_BUILD=$(B) IPCKIT_LDFLAGS="$(LDFLAGS)" IPCKIT_UNITS=1 tests/ns tests/run $(SMOKE_TESTS)

# util-linux 2.41 beside the machine's, for the POSIX tests and make bench
oracle:
	tests/oracle

demo: all $(B)/tests/chatserver
	IPCKIT_BUILD=$(B) tests/ns tests/demo

bench: all
	IPCKIT_BUILD=$(B) tests/ns tests/bench

# Under the sanitizers, every file but permissions.bats: its 1428 outcomes
# walk the same code as the rest (the rule itself, access.c, is also under
# ASan in test_access), for a quarter of the suite's time; ASAN_TESTS=all
# runs it too.
ASAN_TESTS	?= $(filter-out tests/permissions.bats,$(wildcard tests/*.bats))
asan:
	$(MAKE) B=build/asan CFLAGS="-O1 -g -fno-omit-frame-pointer \
	    -fsanitize=address,undefined -fno-sanitize-recover=all" \
	    LDFLAGS="-fsanitize=address,undefined" \
	    CHECK_TESTS="$(filter-out all,$(ASAN_TESTS))" check

# The tests that draw at random or run for a time, run long: each draws
# anew (the seeds are printed).
STRESS_SECONDS	?= 300
stress: all unit $(B)/fuzz/fuzz_archive
	IPCKIT_BUILD=$(B) STORM_SECONDS=$(STRESS_SECONDS) FILTERS_POPS=20 \
	    CMDFUZZ_N=1000 ARCHIVE_SEEDS=50 tests/ns tests/run tests/storm.bats \
	    tests/filters.bats tests/cmdfuzz.bats tests/ipcrestore.bats
	@# the archive reader: 10^7 inputs at least
	mkdir -p $(B)/fuzz/corpus/archive && cp -n tests/fuzz/corpus/archive/* $(B)/fuzz/corpus/archive/
	$(B)/fuzz/fuzz_archive -runs=10000000 -max_len=4096 $(B)/fuzz/corpus/archive

# Its own build, -O1 -g without the sanitizers, for memcheck to see.
# VALGRIND_FILES: some .bats files only (all of them by default)
valgrind:
	$(MAKE) B=build/valgrind CFLAGS="-O1 -g" all unit
	tests/valgrind build/valgrind $(VALGRIND_FILES)

# libFuzzer targets (tests/fuzz/fuzz.c), one a parser: the library (and
# the tools' escaping of names, src/cli/text.c) built once with coverage
# and the sanitizers, each target linked against it.
FUZZ_TARGETS	= key key_hex id size mode projid uid gid duration wait semop name escape \
		  cgroup maps mqstatus sysvipc_shm sysvipc_msg sysvipc_sem archive manifest
FUZZ_SECONDS	?= 10
FUZZ_CC		?= clang
FUZZ_SAN	= -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_COMPILE	= $(FUZZ_CC) $(IPCK_CPPFLAGS) -Isrc/lib -std=c11 -g -O1 $(FUZZ_SAN)
FUZZ_LIB_OBJ	= $(LIB_SRC:src/%.c=$(B)/fuzz/obj/%.o) $(B)/fuzz/obj/cli/text.o $(B)/fuzz/obj/cli/base64.o \
		  $(patsubst %,$(B)/fuzz/obj/archive/%.o,tarin tarout hash jsonr load fields)
# kept: make would remove them as the pattern rules' intermediates
.SECONDARY: $(FUZZ_LIB_OBJ)

$(B)/fuzz/obj/%.o: src/%.c
	@mkdir -p $(@D)
	$(FUZZ_COMPILE) -fsanitize=fuzzer-no-link -MMD -MP -c -o $@ $<

$(B)/fuzz/fuzz_%: tests/fuzz/fuzz.c $(FUZZ_LIB_OBJ)
	@mkdir -p $(@D)
	$(FUZZ_COMPILE) -fsanitize=fuzzer -DTARGET=fuzz_$* -o $@ $< $(FUZZ_LIB_OBJ)

fuzz: $(FUZZ_TARGETS:%=$(B)/fuzz/fuzz_%)
	tests/fuzz/run $(B)/fuzz $(FUZZ_SECONDS) $(FUZZ_TARGETS)

ANALYZE_JOBS	?= 2
# cppcheck's variableScope and redundantContinue argue with style(9):
# declarations at the top of a function, and `continue;` as an empty loop body.
analyze:
	cppcheck --quiet --error-exitcode=1 --enable=warning,style,performance,portability \
	    --std=c11 --inline-suppr --suppress=missingIncludeSystem \
	    --suppress=variableScope --suppress=redundantContinue \
	    -Iinclude -Isrc/cli -Isrc/archive -Isrc/lib -D_XOPEN_SOURCE=700 -DTARGET=fuzz_key \
	    src tests/unit tests/fuzz
	shellcheck -s sh tests/ns tests/structure
	shellcheck -s bash tests/run tests/demo tests/bench tests/helpers.bash tests/oracle \
	    tests/fuzz/run tests/valgrind tests/lint-bats .ci/run src/bash-completion/ipckit
	tests/lint-bats
	tests/structure
	@# a file at a time, ANALYZE_JOBS at once; any finding fails the run
	@printf '%s\n' $(LIB_SRC) $(CLI_SRC) $(ARCHIVE_SRC) $(TOOL_SRC) | xargs -P $(ANALYZE_JOBS) -I F \
	    sh -c 'echo "clang --analyze F" && clang --analyze -Xclang \
	    -analyzer-werror $(IPCK_CPPFLAGS) -Isrc/lib -std=c11 -o /dev/null F'
	@# gcc's analyzer too; its leak check loses track of what lists own
	@# (every report a false one), and LeakSanitizer checks leaks in make asan
	@printf '%s\n' $(LIB_SRC) $(CLI_SRC) $(ARCHIVE_SRC) $(TOOL_SRC) | xargs -P $(ANALYZE_JOBS) -I F \
	    sh -c 'echo "gcc -fanalyzer F" && gcc -fanalyzer -Werror \
	    -Wno-analyzer-malloc-leak $(IPCK_CPPFLAGS) -Isrc/lib -std=c11 -c -o /dev/null F' 

install: all
	$(INSTALL) -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR) \
	    $(DESTDIR)$(INCLUDEDIR)/ipckit $(DESTDIR)$(MANDIR)/man1 \
	    $(DESTDIR)$(MANDIR)/man3 $(DESTDIR)$(MANDIR)/man7 \
	    $(DESTDIR)$(PKGCONFIGDIR)
	$(INSTALL) -m 755 $(BINS) $(DESTDIR)$(BINDIR)
	$(INSTALL) -m 644 $(STLIB) $(DESTDIR)$(LIBDIR)
	$(INSTALL) -m 755 $(SHLIB) $(DESTDIR)$(LIBDIR)
	ln -sf $(notdir $(SHLIB)) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/libipckit.so
	$(INSTALL) -m 644 include/ipckit.h $(DESTDIR)$(INCLUDEDIR)
	$(INSTALL) -m 644 $(wildcard include/ipckit/*.h) $(DESTDIR)$(INCLUDEDIR)/ipckit
	$(INSTALL) -m 644 $(MAN1) $(DESTDIR)$(MANDIR)/man1
	$(INSTALL) -m 644 $(MAN3) $(DESTDIR)$(MANDIR)/man3
	$(INSTALL) -m 644 $(MAN7) $(DESTDIR)$(MANDIR)/man7
	$(INSTALL) -d $(DESTDIR)$(DATADIR)/ipckit
	$(INSTALL) -m 644 man/ipckit-alerts.yml $(DESTDIR)$(DATADIR)/ipckit
	@# one file, under each tool's name: bash-completion loads by name
	$(INSTALL) -d $(DESTDIR)$(BASHCOMPDIR)
	for t in $(TOOLS); do \
	    $(INSTALL) -m 644 src/bash-completion/ipckit $(DESTDIR)$(BASHCOMPDIR)/$$t || exit 1; \
	done
	printf '%s\n' 'prefix=$(PREFIX)' 'includedir=$(INCLUDEDIR)' \
	    'libdir=$(LIBDIR)' '' 'Name: ipckit' \
	    'Description: System V IPC: create, find, list and remove objects' \
	    'Version: $(VERSION)' 'Cflags: -I$${includedir}' \
	    'Libs: -L$${libdir} -lipckit' > $(DESTDIR)$(PKGCONFIGDIR)/ipckit.pc

# ipckit-json(7)'s lists, made again from the field tables (ipcs
# --json-fields); cli.bats fails when the page and the tables differ.
json-ref: $(B)/bin/ipcs
	$(B)/bin/ipcs --json-fields | awk -f man/json-fields.awk > $(B)/fields.man
	awk -v f=$(B)/fields.man '/^\.\\" END FIELDS/ { skip = 0 } \
	    !skip { print } /^\.\\" BEGIN FIELDS/ { while ((getline l < f) > 0) \
	    print l; skip = 1 }' man/ipckit-json.7 > $(B)/ipckit-json.7
	mv $(B)/ipckit-json.7 man/ipckit-json.7

uninstall:
	rm -f $(TOOLS:%=$(DESTDIR)$(BINDIR)/%) \
	    $(DESTDIR)$(LIBDIR)/libipckit.a $(DESTDIR)$(LIBDIR)/libipckit.so \
	    $(DESTDIR)$(LIBDIR)/$(SONAME) $(DESTDIR)$(LIBDIR)/$(notdir $(SHLIB)) \
	    $(DESTDIR)$(INCLUDEDIR)/ipckit.h $(DESTDIR)$(PKGCONFIGDIR)/ipckit.pc \
	    $(patsubst include/%,$(DESTDIR)$(INCLUDEDIR)/%,$(wildcard include/ipckit/*.h)) \
	    $(TOOLS:%=$(DESTDIR)$(MANDIR)/man1/%.1) \
	    $(DESTDIR)$(MANDIR)/man3/libipckit.3 \
	    $(DESTDIR)$(MANDIR)/man7/ipckit-json.7 \
	    $(DESTDIR)$(DATADIR)/ipckit/ipckit-alerts.yml \
	    $(TOOLS:%=$(DESTDIR)$(BASHCOMPDIR)/%)

# The tracked files as they are in the tree, in a reproducible tarball:
# sorted, owned by 0, dated by the last commit.
DIST		= ipckit-$(VERSION)
dist:
	@mkdir -p build
	git ls-files -z | LC_ALL=C sort -z | tar --no-recursion --null \
	    --transform 's,^,$(DIST)/,' --owner=0 --group=0 --numeric-owner \
	    --mtime=@$$(git log -1 --format=%ct) -I 'gzip -9n' \
	    -cf build/$(DIST).tar.gz -T -
	@echo "build/$(DIST).tar.gz"

# Unpacked apart from this tree, built, checked, installed into a DESTDIR
# and uninstalled again: nothing but directories may be left there.
DISTCHECK	= build/distcheck
distcheck: dist
	rm -rf $(DISTCHECK)
	mkdir -p $(DISTCHECK)/inst
	tar -xzf build/$(DIST).tar.gz -C $(DISTCHECK)
	$(MAKE) -C $(DISTCHECK)/$(DIST) WERROR=$(WERROR) smoke
	$(MAKE) -C $(DISTCHECK)/$(DIST) install DESTDIR=$(CURDIR)/$(DISTCHECK)/inst
	test -x $(DISTCHECK)/inst$(BINDIR)/ipcs
	$(MAKE) -C $(DISTCHECK)/$(DIST) uninstall DESTDIR=$(CURDIR)/$(DISTCHECK)/inst
	@left=$$(find $(DISTCHECK)/inst ! -type d); \
	if [ -n "$$left" ]; then echo "distcheck: left after uninstall:"; \
	    echo "$$left"; exit 1; fi
	@echo "distcheck: build/$(DIST).tar.gz builds, passes make smoke, installs and uninstalls cleanly"

clean:
	rm -rf build

.PHONY: json-ref all unit check smoke demo bench oracle asan valgrind stress analyze fuzz install uninstall \
	dist distcheck clean

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(ARCHIVE_OBJ:.o=.d) $(TOOL_OBJ:.o=.d) $(UNIT_BIN:=.d) $(FUZZ_LIB_OBJ:.o=.d)
