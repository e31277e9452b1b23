#!/bin/sh
# Build the BPF selftests' test_progs (and what it loads: bpf_testmod.ko,
# urandom_read, ...), test_verifier and veristat from $SRC with clang-19,
# against the tree's own libbpf, bpftool and headers, into $STO.  Needs the
# kernel built ($OBJ/vmlinux).  FLAVOURS="test_progs-no_alu32
# test_progs-cpuv4" (make check-full) builds those runners too.
#
# Left out, because they cannot build: the prog_tests/ files of
# config/not-run (see README, "Selftests").  The overrides below replace
# the Makefile's wildcard lists (the test list only for the runner whose
# tests live in prog_tests/).  Only these entries disappear; test_progs'
# tests are weak symbols, so everything else links and runs as upstream.
. "$(dirname "$0")/common.sh"

ST=$SRC/tools/testing/selftests/bpf
[ -r "$OBJ/vmlinux" ] || die "no $OBJ/vmlinux: build the kernel first"
mkdir -p "$STO"

EXCLUDE_PROGS=
EXCLUDE_TESTS=$(not_built)

list() { # list DIR EXCLUDES: the .c files of DIR minus EXCLUDES
	(cd "$1" && ls -- *.c) | grep -vxF "$(printf '%s\n' $2)" | tr '\n' ' '
}
progs=$(list "$ST/progs" "$EXCLUDE_PROGS")
tests=$(list "$ST/prog_tests" "$EXCLUDE_TESTS")
others="test_verifier veristat ${FLAVOURS:-}"
only=
# SELFTESTS_SELECT=SEL,... (the fixes-only kernel of scripts/fixes.sh, the
# harness test's short runs): test_progs with only the test files that
# define a test whose name holds a selector (as test_progs -t matches),
# and the BPF programs whose skeletons those include; no other runner,
# and none of the light and linked skeletons that test_progs' objects
# otherwise all wait for.  A fifth of the full build's BPF objects or less.
if [ -n "${SELFTESTS_SELECT:-}" ]; then
	tests=$(for s in $(echo "$SELFTESTS_SELECT" | tr ',' ' '); do
		grep -lE "^void (serial_)?test_[a-zA-Z0-9_]*$s[a-zA-Z0-9_]*\\(" "$ST"/prog_tests/*.c
	done | sort -u | xargs -r -n1 basename | tr '\n' ' ')
	[ -n "$tests" ] || die "no test file has a test that -t $SELFTESTS_SELECT selects"
	progs=$(cd "$ST/prog_tests" && sed -n 's/^#include "\(.*\)\.skel\.h"/\1.c/p' $tests |
		sort -u | tr '\n' ' ')
	others= only="LSKELS= LSKELS_EXTRA= LINKED_SKELS="
fi

# clang, llc, llvm-strip, llvm-objcopy, ... from LLVM $LLVM, unsuffixed.
PATH=/usr/lib/llvm-$LLVM/bin:$PATH
# bpf_testmod.ko is built against the kernel in $OBJ.
KBUILD_OUTPUT=$OBJ
export PATH KBUILD_OUTPUT
# With a base dir, ccache writes relative paths into the dependency files,
# which the selftests' Makefile (compiling from $STO) then cannot find.
unset CCACHE_BASEDIR

# test_progs refuses to start when tests.h names a test it does not have:
# write prog_tests/tests.h (as the Makefile would) from the kept files.  Only
# rewritten when it changes, and newer than every test file, so make keeps it.
hdr=$ST/prog_tests/tests.h
(echo '/* Generated header, do not edit */'
 cd "$ST/prog_tests" && sed -n -E \
	's/^void (serial_)?test_([a-zA-Z0-9_]+)\((void)?\).*/DEFINE_TEST(\2)/p' \
	$tests | sort) >"$hdr.new"
if cmp -s "$hdr.new" "$hdr"; then rm "$hdr.new"; else mv "$hdr.new" "$hdr"; fi
touch "$hdr"

# The Makefile compiles test objects from $STO with -I., so gcc writes the
# skeletons they include into their .d files as relative names
# ("atomics.lskel.h"), which make (running in $ST) then cannot find on the
# next build: "No rule to make target". Make those names absolute (the
# flavours' objects too, in $STO/no_alu32 and $STO/cpuv4).
for d in "$STO"/*.test.d "$STO"/*/*.test.d; do
	[ -e "$d" ] || continue
	awk -v o="${d%/*}" '{ for (i = 1; i <= NF; i++)
		if ($i ~ /\.h$/ && $i !~ /^\//) { $i = o "/" $i; n++ } print }
		END { exit !n }' "$d" >"$d.abs" && mv "$d.abs" "$d" || rm -f "$d.abs"
done

say "building selftests (test_progs $others) with $CLANG into $STO"
start=$(date +%s)
run_logged selftests-build \
	make -C "$ST" -j"$JOBS" OUTPUT="$STO" VMLINUX_BTF="$OBJ/vmlinux" \
	CLANG="$CLANG" BPF_GCC= CC="ccache gcc" HOSTCC="ccache gcc" \
	TRUNNER_BPF_SRCS="$progs" \
	TRUNNER_TEST_OBJS="\$(patsubst %.c,\$(TRUNNER_OUTPUT)/%.test.o,\$(if \$(filter prog_tests,\$(TRUNNER_TESTS_DIR)),$tests,\$(notdir \$(wildcard \$(TRUNNER_TESTS_DIR)/*.c))))" \
	$only "$STO/test_progs" $(for f in $others; do echo "$STO/$f"; done)
say "selftests built in $(($(date +%s) - start)) s: $STO/test_progs"
