#!/bin/sh
# Runs inside the VM: guest-tests.sh SELFTESTS_DIR JIT_TESTS INTERP_TESTS JIT_ONLY
# test_progs -t JIT_TESTS with the JIT, then -t INTERP_TESTS -b JIT_ONLY with
# the interpreter (bpf_jit_enable=0; only JITed programs may call kfuncs).  Each run's output starts with a
# "=== test_progs jit|interp" line for check.sh.
sto=$1
cd "$sto" || exit 1
status=0
deny=
for mode in jit interp; do
	case $mode in
	jit) tests=$2; echo 1 >/proc/sys/net/core/bpf_jit_enable ;;
	interp) tests=$3; deny=$4; echo 0 >/proc/sys/net/core/bpf_jit_enable ;;
	esac
	[ -n "$tests" ] || continue
	echo "=== test_progs $mode (bpf_jit_enable=$(cat /proc/sys/net/core/bpf_jit_enable))"
	./test_progs -t "$tests" ${deny:+-b "$deny"} || status=1
done
exit $status
