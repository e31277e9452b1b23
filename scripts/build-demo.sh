#!/bin/sh
# Build the demo (demo/kv_demo.bpf.c and its loader) against the series:
# its UAPI header, the bpf_helper_defs.h generated from it and the tree's
# libbpf, all as built with the selftests.  Output: $OUT/demo/.
. "$(dirname "$0")/common.sh"

inc=$STO/tools/include
[ -r "$STO/tools/build/libbpf/libbpf.a" ] || die "no libbpf in $STO: build the selftests first"
mkdir -p "$OUT/demo"
run_logged demo-build sh -c "
	$CLANG -O2 -g -target bpf -I'$SRC/tools/include/uapi' -I'$inc' \
		-I/usr/include/x86_64-linux-gnu -I'$TOP/demo' \
		-c '$TOP/demo/kv_demo.bpf.c' -o '$OUT/demo/kv_demo.bpf.o' &&
	gcc -O2 -Wall -I'$SRC/tools/include/uapi' -I'$inc' -I'$TOP/demo' \
		'$TOP/demo/kv_demo.c' '$STO/tools/build/libbpf/libbpf.a' \
		-lelf -lz -o '$OUT/demo/kv_demo'"
say "demo built: $OUT/demo/kv_demo, $OUT/demo/kv_demo.bpf.o"
