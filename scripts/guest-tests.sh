#!/bin/sh
# Runs inside the VM: guest-tests.sh SELFTESTS_DIR JIT_TESTS INTERP_TESTS
# test_progs -t JIT_TESTS with the JIT, then -t INTERP_TESTS with the
# interpreter (bpf_jit_enable=0; kfunc calls need the JIT, so only tests that
# use no kfuncs belong there).  Each run's output starts with a
# "=== test_progs jit|interp" line for check.sh.
sto=$1
cd "$sto" || exit 1
status=0
for mode in jit interp; do
	case $mode in
	jit) tests=$2; echo 1 >/proc/sys/net/core/bpf_jit_enable ;;
	interp) tests=$3; echo 0 >/proc/sys/net/core/bpf_jit_enable ;;
	esac
	[ -n "$tests" ] || continue
	echo "=== test_progs $mode (bpf_jit_enable=$(cat /proc/sys/net/core/bpf_jit_enable))"
	./test_progs -t "$tests" || status=1
done
exit $status
