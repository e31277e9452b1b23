#!/bin/sh
# Runs inside the VM:
#   run-in-vm.sh FUZZ_DIR [FUZZ_SEED=S] [FUZZ_OPS=N] [FUZZ_VARIANT=V] [FUZZ_BREAK_MODEL=1]
# The differential dynptr fuzzer built by scripts/build-fuzz.sh: one
# "#997/N fuzz/<variant>:OK|FAIL" line per variant (dynptr type x helper
# with the JIT, helper in the interpreter, kfunc with the JIT) and a summary
# line with the seed. The knobs may also come from the environment. Exit
# status: the number of failed variants. Leaves bpf_jit_enable=1.
dir=${1:?usage: run-in-vm.sh FUZZ_DIR [VAR=VALUE...]}
shift
for a in "$@"; do
	case $a in
	FUZZ_*=*) export "$a" ;;
	*) echo "run-in-vm.sh: unknown argument $a" >&2; exit 2 ;;
	esac
done
echo "=== test_progs fuzz (differential dynptr fuzzer)"
"$dir/fuzz" "$dir"
status=$?
echo 1 >/proc/sys/net/core/bpf_jit_enable
exit $status
