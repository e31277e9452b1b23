#!/bin/sh
# Runs inside the VM:
#   guest-tests.sh SELFTESTS_DIR JIT_TESTS INTERP_TESTS JIT_ONLY PROBE_EXPECT DEMO_DIR ASM_DIR FUZZ_DIR FUZZ_ARGS
# test_progs -t JIT_TESTS with the JIT, then -t INTERP_TESTS -b JIT_ONLY with
# the interpreter (bpf_jit_enable=0; only JITed programs may call kfuncs).
# Each run's output starts with a "=== test_progs jit|interp|probe" line
# for check.sh.
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

# bpftool (built from the series) must list helper H for program type T
# exactly where expected: "+T:H" present, "-T:H" absent.  Printed in
# test_progs' result format so check.sh counts each line.
expect_probe() {
	list=$1; shift
	for e in "$@"; do
		t=${e#?}; t=${t%%:*}; h=${e#*:}
		found=no
		awk -v t="$t" '$0 ~ "program type " t ":$" { p = 1; next }
			/program type/ { p = 0 } p' "$list" | grep -qx "	- $h" && found=yes
		case $e in +*) want=yes ;; *) want=no ;; esac
		if [ "$found" = "$want" ]; then r=OK; else r=FAIL; status=1; fi
		echo "#999/$((n = ${n:-0} + 1)) feature_probe/$e:$r"
	done
}
bpftool=$sto/tools/sbin/bpftool
if [ -x "$bpftool" ] && [ -r "${5:-}" ]; then
	echo "=== test_progs probe (bpftool feature probe)"
	echo 1 >/proc/sys/net/core/bpf_jit_enable
	"$bpftool" feature probe kernel >/tmp/probe.txt 2>&1
	expect_probe /tmp/probe.txt $(sed "s/#.*//" "$5")
fi
# make run's packet demo, with the JIT and in the interpreter: one line a
# mode, OK when every packet was reported as expected.
if [ -x "${6:-}/kv_demo" ]; then
	echo "=== test_progs demo (make run's packet demo)"
	sh "$(dirname "$0")/../demo/run-in-vm.sh" "$sto" "$6" >/tmp/demo.txt 2>&1 ||
		status=1
	grep -v '^[0-9]*: \|^; ' /tmp/demo.txt
	awk '/^bpf_jit_enable=/ { m = $1 }
	     / packets sent, / { ok = $1 == $4 && $6 == 0
		printf "#998/%d demo/%s:%s\n", ++n, m, ok ? "OK" : "FAIL" }' /tmp/demo.txt
fi
# The inline-asm helper stubs (bpf_doc.py --asm-calls): clang -O0/-O2 and
# gcc-bpf builds give what the default stubs give, with the JIT.
if [ -x "${7:-}/asm_calls" ]; then
	echo "=== test_progs asm (bpf_doc.py --asm-calls stubs)"
	echo 1 >/proc/sys/net/core/bpf_jit_enable
	"$7/asm_calls" "$7/ref.o" "$7/clang-O0.o" "$7/clang-O2.o" "$7/gcc-O2.o" ||
		status=1
fi
# The differential fuzzer (tests/fuzz): the helpers, the kfuncs and the
# reference model of SPEC.md must agree on every result and byte; one line
# a variant.  FUZZ_ARGS: "FUZZ_OPS=N [FUZZ_SEED=S]".
if [ -x "${8:-}/fuzz" ]; then
	# shellcheck disable=SC2086
	sh "$(dirname "$0")/../tests/fuzz/run-in-vm.sh" "$8" ${9:-} || status=1
	# and it can fail: a reference model broken on purpose must be caught
	r=FAIL
	sh "$(dirname "$0")/../tests/fuzz/run-in-vm.sh" "$8" FUZZ_OPS=2000 \
		FUZZ_VARIANT=local-helper-jit FUZZ_BREAK_MODEL=1 >/tmp/fuzz-break.txt 2>&1 ||
		r=OK
	[ $r = OK ] || status=1
	echo "#996/1 fuzz_self_test/broken_model_caught:$r"
fi
exit $status
