#!/bin/sh
# The harness must fail, and name the culprit, for a series with
#   1. a patch that does not apply,
#   2. a patch that does not compile,
#   3. a patch whose selftest fails,
#   4. a patch that makes the verifier refuse what an upstream verifier_*
#      test expects to load (a regression against the base kernel),
#   5. a patch that reopens a verifier hole (patch 1's, undone): the
#      program generator must find it within 5,000 programs of seed 3.
# Cases 3-5 run short VM runs (check.sh's TESTS_ONLY).
# Each case runs scripts/check.sh on a copy of patches/ plus one broken
# patch (output under out/harness-test/); prints one PASS/FAIL line a case.
# The real series is applied again at the end.
. "$(dirname "$0")/../scripts/common.sh"

HT=$TOP/out/harness-test
rm -rf "$HT"
mkdir -p "$HT"
status=0

# copy_series NAME: the real series in $HT/NAME/patches
copy_series() {
	mkdir -p "$HT/$1/patches"
	cp "$TOP"/patches/*.patch "$HT/$1/patches/"
}

# mkpatch NAME FILE TEXT: a commit on top of the real series that appends
# TEXT to FILE (or, with mkpatch_sed, edits FILE with the sed script
# TEXT), exported as patch 0099-harness-test-NAME.patch after a copy of
# the series in $HT/NAME/patches.
mkpatch_sed() { edit=sed mkpatch "$@"; }
mkpatch() {
	name=$1 file=$2 text=$3
	dir=$HT/$name
	copy_series "$name"
	wt=$CACHE/harness-wt-$KEY
	git -C "$SRC" worktree prune
	[ -d "$wt" ] || git -C "$SRC" worktree add -q --detach "$wt" series
	git -C "$wt" checkout -q --detach series
	mkdir -p "$(dirname "$wt/$file")"
	if [ "${edit:-}" = sed ]; then
		sed -i "$text" "$wt/$file"
		git -C "$wt" diff --quiet && die "harness test $name: the sed script changed nothing"
	else
		printf '%s\n' "$text" >>"$wt/$file"
	fi
	git -C "$wt" add -f "$file"
	git -C "$wt" commit -q -m "harness-test: $name" \
		-m "Signed-off-by: Dynptr Helpers Team <dynptr-helpers@example.org>"
	git -C "$wt" format-patch -q --no-signature --zero-commit \
		--start-number 99 -o "$dir/patches" -1 HEAD
	git -C "$wt" checkout -q --detach series
}

# expect NAME PATTERN: check.sh on $HT/NAME/patches must fail and print PATTERN
expect() {
	name=$1 pattern=$2
	out=$HT/$name/check.out
	# (not make check-full's settings: a short run of make check's)
	if env -u FULL -u FLAVOURS -u VERISTAT \
		PATCHES=$HT/$name/patches OUT=$HT/$name FORCE=1 \
		PROGFUZZ_N=${pf_n:-} \
		TESTS_ONLY=${only:-dynptr_helpers} sh "$TOP/scripts/check.sh" >"$out" 2>&1; then
		echo "FAIL harness-test-$name (check passed on a broken series)"
		status=1
	elif grep -q -- "$pattern" "$out"; then
		echo "PASS harness-test-$name (fails, names: $(grep -m1 -o -- "$pattern" "$out"))"
	else
		echo "FAIL harness-test-$name (failed without naming '$pattern', see $out)"
		status=1
	fi
}

say "harness test 1: a patch that does not apply"
copy_series no-apply
# a hunk whose context line no tree has
cat >"$HT/no-apply/patches/0099-harness-test-no-apply.patch" <<'PATCH'
From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001
From: Dynptr Helpers Team <dynptr-helpers@example.org>
Date: Sun, 22 Nov 2026 00:00:00 +0000
Subject: [PATCH] harness-test: no-apply

Signed-off-by: Dynptr Helpers Team <dynptr-helpers@example.org>
---
diff --git a/Makefile b/Makefile
--- a/Makefile
+++ b/Makefile
@@ -1,1 +1,2 @@
 this line is not in the Makefile
+# harness-test
PATCH
expect no-apply "0099-harness-test-no-apply.patch"

say "harness test 2: a patch that does not compile"
mkpatch no-build kernel/bpf/helpers.c "#error harness-test: deliberately broken"
expect no-build "changed by patch 'harness-test: no-build'"

say "harness test 3: a patch whose selftest fails"
mkpatch test-fails tools/testing/selftests/bpf/prog_tests/harness_fail.c \
'// SPDX-License-Identifier: GPL-2.0
#include <test_progs.h>

void test_harness_fail(void)
{
	ASSERT_EQ(1, 2, "deliberate failure");
}'
only=harness_fail expect test-fails "FAIL test_progs-jit harness_fail"

say "harness test 4: a patch that makes an upstream verifier test regress"
# the verifier refuses 64-bit byte swaps, which verifier_bswap loads
mkpatch_sed regression kernel/bpf/verifier.c '/^			    (insn->imm != 16 && insn->imm != 32 && insn->imm != 64) ||$/a\
			    BPF_CLASS(insn->code) == BPF_ALU64 ||'
only=verifier_bswap expect regression "FAIL regress:test_progs-jit verifier_bswap: verifier_bswap/"

say "harness test 5: a verifier hole, found by the program generator"
# patch 1 undone: a release invalidates the clones in the dynptr's own
# frame only, as 6.12 did
mkpatch_sed hole kernel/bpf/verifier.c 's/^\t\tstate = vstate->frame\[fr\];$/\t\tstate = func(env, reg);/'
pf_n=5000 expect hole "FAIL progfuzz progfuzz: progfuzz/seed_3_5000_programs"

say "restoring the real series"
FORCE=1 sh "$TOP/scripts/apply.sh" >/dev/null
exit $status
