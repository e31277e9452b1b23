#!/bin/sh
# make progfuzz-long: the program generator's long run, on the KASAN +
# UBSAN + lockdep kernel of make check-kasan (built if missing), for
# PROGFUZZ_SECONDS of guest time (3600) from seed PROGFUZZ_SEED (11),
# with QEMU's tests/progfuzz/qemu-cov.c plugin recording which
# instructions of kernel/bpf/verifier.c and helpers.c ran.  Output in
# $OUT (out/progfuzz-long/): run.log (the generator's lines and any saved
# finding), coverage.txt (scripts/coverage.sh report), summary.txt.
# Exits non-zero on a finding, a kernel report or a VM that did not end.
. "$(dirname "$0")/common.sh"

[ -n "${CHECK_KASAN:-}" ] || die "run it as make progfuzz-long (CHECK_KASAN=1)"
secs=${PROGFUZZ_SECONDS:-3600}
seed=${PROGFUZZ_SEED:-11}
o=$OUT
mkdir -p "$o"
# the cache lock for the builds only: make check may run meanwhile
run_logged progfuzz-long-kernel flock "$CACHE/lock" sh -c "
	sh '$TOP/scripts/build-kernel.sh' && sh '$TOP/scripts/build-selftests.sh'"
need_libbpf
run_logged progfuzz-long-build sh -c "
	$LOADER_CC '$TOP/tests/progfuzz/progfuzz.c' $LOADER_LIBS -o '$o/progfuzz' &&
	gcc -O2 -Wall -shared -fPIC -fvisibility=hidden \
		'$TOP/tests/progfuzz/qemu-cov.c' -o '$o/qemu-cov.so' -lpthread"
rm -f "$o/coverage.addrs"
plugin="-plugin file=$o/qemu-cov.so,out=$o/coverage.addrs,range=$(sh "$TOP/scripts/coverage.sh" ranges)"
# the guest clock runs slow under load: room for twice the guest time
say "progfuzz: seed $seed, $secs s of guest time on $OBJ"
start=$(date +%s)
rc=0
# TCG: under KVM the plugin sees no translation
VM_ACCEL=tcg VM_QEMU_ARGS=$plugin sh "$TOP/scripts/vm.sh" -t $((2 * secs + 600)) sh -c "
	cd /tmp && '$o/progfuzz' -s $seed -t $secs -n 1000000000; r=\$?
	for f in finding-*; do [ -f \"\$f\" ] && echo \"=== \$f\" && cat \"\$f\"; done
	exit \$r" >"$o/run.log" 2>&1 || rc=$?
{
	echo "seed $seed, $secs s of guest time, $(($(date +%s) - start)) s of VM, exit $rc"
	grep '^progfuzz: ' "$o/run.log" | grep -v ' at program ' || true
} >"$o/summary.txt"
if [ -s "$o/coverage.addrs" ]; then
	sh "$TOP/scripts/coverage.sh" report "$o/coverage.addrs" >"$o/coverage.txt"
	sed -n '/^[^ ]/p' "$o/coverage.txt" >>"$o/summary.txt"
else
	echo "no coverage recorded (the VM did not end normally?)" >>"$o/summary.txt"
	[ "$rc" != 0 ] || rc=1
fi
cat "$o/summary.txt"
exit "$rc"
