#!/bin/sh
# Build the differential dynptr fuzzer (tests/fuzz) against the series: its
# UAPI header, the bpf_helper_defs.h generated from it and the tree's
# libbpf, all as built with the selftests.  The BPF side twice: with the
# helpers only (fuzz_helper.bpf.o, BSD, JIT and interpreter) and with the
# 6.12 kfuncs where one exists (fuzz_kfunc.bpf.o, GPL, JIT only).
# Output: $OUT/fuzz/ (fuzz, fuzz_helper.bpf.o, fuzz_kfunc.bpf.o).
. "$(dirname "$0")/common.sh"

inc=$STO/tools/include
uapi=$SRC/tools/include/uapi
t=$TOP/tests/fuzz
o=$OUT/fuzz
[ -r "$STO/tools/build/libbpf/libbpf.a" ] || die "no libbpf in $STO: build the selftests first"
mkdir -p "$o"
run_logged fuzz-build sh -c "
	for k in helper:0 kfunc:1; do
		$CLANG -O2 -g -target bpf -DFUZZ_KFUNC=\${k#*:} -I'$uapi' -I'$inc' \
			-I/usr/include/x86_64-linux-gnu -I'$t' \
			-c '$t/fuzz.bpf.c' -o '$o/fuzz_'\${k%:*}'.bpf.o' || exit 1
	done &&
	gcc -O2 -Wall -I'$uapi' -I'$inc' -I'$t' '$t/fuzz.c' \
		'$STO/tools/build/libbpf/libbpf.a' -lelf -lz -o '$o/fuzz'"
say "fuzzer built: $o/fuzz, $o/fuzz_helper.bpf.o, $o/fuzz_kfunc.bpf.o"
