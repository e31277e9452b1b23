#!/bin/sh
# Build tests/asm-calls: asm_calls.bpf.c with the default helper stubs
# (clang -O2, the reference) and with the inline-asm "call N" stubs that
# the series' `bpf_doc.py --asm-calls` emits (clang -O0, clang -O2,
# gcc-bpf -O2), and the loader that compares them.  Output: $OUT/asm-calls/.
. "$(dirname "$0")/common.sh"

o=$OUT/asm-calls
t=$TOP/tests/asm-calls
need_libbpf
rm -rf "$o" && mkdir -p "$o/inc/bpf"
# the asm variant of bpf_helper_defs.h next to a copy of bpf_helpers.h,
# which includes it by a quoted name
cp "$STO/tools/include/bpf/bpf_helpers.h" "$o/inc/bpf/"
run_logged asm-calls-build sh -c "
	python3 '$SRC/scripts/bpf_doc.py' --header --asm-calls \
		--filename '$UAPI/linux/bpf.h' >'$o/inc/bpf/bpf_helper_defs.h' &&
	$BPF_CC -c '$t/asm_calls.bpf.c' -o '$o/ref.o' &&
	$CLANG -O0 -g -target bpf -DBPF_HELPER_ASM_CALLS -DASM_CALLS_NO_CALLBACKS \
		-I'$UAPI' -I'$o/inc' \
		-c '$t/asm_calls.bpf.c' -o '$o/clang-O0.o' &&
	$CLANG -O2 -g -target bpf -DBPF_HELPER_ASM_CALLS -I'$UAPI' -I'$o/inc' \
		-c '$t/asm_calls.bpf.c' -o '$o/clang-O2.o' &&
	bpf-gcc -O2 -gbtf -DBPF_HELPER_ASM_CALLS -DASM_CALLS_NO_CALLBACKS \
		-I'$UAPI' -I'$o/inc' \
		-I/usr/include/x86_64-linux-gnu -I/usr/include \
		-c '$t/asm_calls.bpf.c' -o '$o/gcc-O2.o' &&
	$LOADER_CC '$t/asm_calls.c' $LOADER_LIBS -o '$o/asm_calls'"
say "asm-call stubs test built: $o"
