#!/bin/sh
# Build the demo (demo/kv_demo.bpf.c and its loader) against the series:
# its UAPI header, the bpf_helper_defs.h generated from it and the tree's
# libbpf, all as built with the selftests.  Output: $OUT/demo/.
. "$(dirname "$0")/common.sh"

need_libbpf
mkdir -p "$OUT/demo"
run_logged demo-build sh -c "
	$BPF_CC -I'$TOP/demo' \
		-c '$TOP/demo/kv_demo.bpf.c' -o '$OUT/demo/kv_demo.bpf.o' &&
	$LOADER_CC -I'$TOP/demo' '$TOP/demo/kv_demo.c' $LOADER_LIBS \
		-o '$OUT/demo/kv_demo'"
say "demo built: $OUT/demo/kv_demo, $OUT/demo/kv_demo.bpf.o"
