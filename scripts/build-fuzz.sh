#!/bin/sh
# Build the differential dynptr fuzzer (tests/fuzz) against the series: its
# UAPI header, the bpf_helper_defs.h generated from it and the tree's
# libbpf, all as built with the selftests.  The BPF side twice: with the
# helpers only (fuzz_helper.bpf.o, BSD, JIT and interpreter) and with the
# 6.12 kfuncs where one exists (fuzz_kfunc.bpf.o, GPL, JIT only).
# And the program generator of tests/progfuzz (its programs are made at
# run time, it needs only libbpf).
# Output: $OUT/fuzz/ (fuzz, fuzz_helper.bpf.o, fuzz_kfunc.bpf.o, progfuzz).
. "$(dirname "$0")/common.sh"

t=$TOP/tests/fuzz
o=$OUT/fuzz
need_libbpf
mkdir -p "$o"
run_logged fuzz-build sh -c "
	for k in helper:0 kfunc:1; do
		$BPF_CC -DFUZZ_KFUNC=\${k#*:} -I'$t' \
			-c '$t/fuzz.bpf.c' -o '$o/fuzz_'\${k%:*}'.bpf.o' || exit 1
	done &&
	$LOADER_CC -I'$t' '$t/fuzz.c' $LOADER_LIBS -o '$o/fuzz' &&
	$LOADER_CC '$TOP/tests/progfuzz/progfuzz.c' $LOADER_LIBS -o '$o/progfuzz'"
say "fuzzers built: $o/fuzz, $o/fuzz_helper.bpf.o, $o/fuzz_kfunc.bpf.o, $o/progfuzz"
