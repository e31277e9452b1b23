#!/bin/sh
# Runs inside the VM:  guest-tests.sh PLAN
# PLAN (written by check.sh or baseline.sh) sets, each may be empty:
#   STO         selftests build dir (test_progs, test_verifier, bpftool)
#   TESTS, TESTS_INTERP  test_progs -t lists for the JIT run and the
#               interpreter run; "*": every test (make check-full)
#   NOT_RUN     test_progs -b list for both runs (config/not-run)
#   JIT_ONLY    test_progs -b list for the interpreter run (kfunc callers
#               the series adds; upstream tests run in both modes)
#   FLAVOURS    other test_progs binaries to run the same way (check-full)
#   VERIFIER    1: run test_verifier in both modes
#   PROBE       config/probe-expect;  DEMO, ASM, FUZZ: their build dirs
#   FUZZ_ARGS   "FUZZ_OPS=N [FUZZ_SEED=S]"
# Every block starts with "=== block NAME" and ends with
# "=== end NAME rc=N": check.sh counts the results between the two, and
# a block that ends without results, or never ends, is a FAIL there.  A
# block whose program is missing prints a FAIL result line itself.
plan=${1:?usage: guest-tests.sh PLAN}
# shellcheck disable=SC1090
. "$plan"
here=$(cd "$(dirname "$0")" && pwd)
cd "$STO" || exit 1
status=0
jit() { echo "$1" >/proc/sys/net/core/bpf_jit_enable; }
begin() { echo "=== block $1"; }
end() { echo "=== end $1 rc=$2"; [ "$2" = 0 ] || status=1; }
# missing BLOCK PATH: the block cannot run; one FAIL result says why
missing() { echo "#0 $1/missing:FAIL ($2 is not there)"; end "$1" 127; }
# block NAME PROGRAM FUNC: block NAME runs FUNC, which sets rc, when
# PROGRAM is there
block() {
	begin "$1"
	if [ -x "$2" ]; then
		rc=0
		"$3"
		end "$1" $rc
	else
		missing "$1" "$2"
	fi
}

progs() {
	set -- ${deny:+-b "$deny"}
	[ "$tests" = '*' ] || set -- -t "$tests" "$@"
	"./$bin" "$@" || rc=$?
}
verifier() { ./test_verifier || rc=$?; }
for mode in jit interp; do
	[ $mode = jit ] && jit 1 || jit 0
	tests=$TESTS deny=${NOT_RUN:-}
	[ $mode = jit ] || tests=$TESTS_INTERP deny=$(echo "$deny,${JIT_ONLY:-}" | sed 's/^,//; s/,$//')
	for bin in test_progs $FLAVOURS; do
		[ -z "$tests" ] || block "$bin-$mode" "$STO/$bin" progs
	done
	[ -z "${VERIFIER:-}" ] || block "test_verifier-$mode" "$STO/test_verifier" verifier
done
jit 1

# bpftool (built from the series) must list helper H for program type T
# exactly where expected: "+T:H" present, "-T:H" absent; a program type
# whose section is missing from bpftool's output fails both ways.
expect_probe() {
	list=$1; shift
	rc=0
	for e in "$@"; do
		t=${e#?}; t=${t%%:*}; h=${e#*:}
		if ! grep -q "program type $t:\$" "$list"; then
			echo "#999/$((n = ${n:-0} + 1)) feature_probe/$e:FAIL (no section for $t)"
			rc=1
			continue
		fi
		found=no
		awk -v t="$t" '$0 ~ "program type " t ":$" { p = 1; next }
			/program type/ { p = 0 } p' "$list" | grep -qx "	- $h" && found=yes
		case $e in +*) want=yes ;; *) want=no ;; esac
		if [ "$found" = "$want" ]; then r=OK; else r=FAIL; rc=1; fi
		echo "#999/$((n = ${n:-0} + 1)) feature_probe/$e:$r"
	done
	return $rc
}
bpftool=$STO/tools/sbin/bpftool
probe() {
	"$bpftool" feature probe kernel >/tmp/probe.txt 2>&1 || rc=$?
	expect_probe /tmp/probe.txt $(sed "s/#.*//" "$PROBE") || rc=1
}
[ -z "${PROBE:-}" ] || block probe "$bpftool" probe

# make run's packet demo, with the JIT and in the interpreter: one line a
# mode, OK when every packet was reported as expected.
demo() {
	sh "$here/../demo/run-in-vm.sh" "$STO" "$DEMO" >/tmp/demo.txt 2>&1 || rc=$?
	grep -v '^[0-9]*: \|^; ' /tmp/demo.txt
	awk '/^bpf_jit_enable=/ { m = $1 }
	     / packets sent, / { ok = $1 == $4 && $6 == 0
		printf "#998/%d demo/%s:%s\n", ++n, m, ok ? "OK" : "FAIL" }' /tmp/demo.txt
}
[ -z "${DEMO:-}" ] || block demo "$DEMO/kv_demo" demo

# The inline-asm helper stubs (bpf_doc.py --asm-calls): clang -O0/-O2 and
# gcc-bpf builds give what the default stubs give, with the JIT.
asm() {
	"$ASM/asm_calls" "$ASM/ref.o" "$ASM/clang-O0.o" "$ASM/clang-O2.o" \
		"$ASM/gcc-O2.o" || rc=$?
}
[ -z "${ASM:-}" ] || block asm "$ASM/asm_calls" asm

# The differential fuzzer (tests/fuzz): the helpers, the kfuncs and the
# reference model of SPEC.md must agree on every result and byte; one line
# a variant.  Then a reference model broken on purpose must be caught: the
# fuzzer must report a mismatch (a load failure or a crash is not that).
fuzz() {
	# shellcheck disable=SC2086
	sh "$here/../tests/fuzz/run-in-vm.sh" "$FUZZ" $FUZZ_ARGS || rc=$?
	r=FAIL
	sh "$here/../tests/fuzz/run-in-vm.sh" "$FUZZ" FUZZ_OPS=2000 \
		FUZZ_VARIANT=local-helper-jit FUZZ_BREAK_MODEL=1 \
		>/tmp/fuzz-break.txt 2>&1
	[ $? = 1 ] && grep -Eq 'fuzz/local-helper-jit: .* [1-9][0-9]* mismatches' \
		/tmp/fuzz-break.txt &&
		grep -q 'fuzz/local-helper-jit:FAIL' /tmp/fuzz-break.txt && r=OK
	[ $r = OK ] || { rc=1; sed 's/^/    /' /tmp/fuzz-break.txt | tail -n 5; }
	echo "#996/1 fuzz_self_test/broken_model_caught:$r"
}
[ -z "${FUZZ:-}" ] || block fuzz "$FUZZ/fuzz" fuzz

# The program generator (tests/progfuzz): a fixed-seed batch; a program
# its model calls unsafe that the verifier accepts, a JIT/interpreter
# verdict difference, or a run whose memory differs from the model's is a
# finding, and there must be none (while programs are accepted, run and
# checked, and every operation is in some accepted program).  Then, with
# its model broken on purpose (-B), findings must be reported.
progfuzz() {
	"$FUZZ/progfuzz" -s "${PROGFUZZ_SEED:-3}" -n "${PROGFUZZ_N:-40000}" -o /tmp \
		>/tmp/progfuzz.txt 2>&1 || rc=$?
	grep -v '^f[0-9]* \|^  (' /tmp/progfuzz.txt | head -n 40
	# "progfuzz: seed S generated N accepted A rejected R run X
	#  false-rejections F skipped K findings H", "progfuzz: accepted
	#  programs with: OP COUNT ...", "progfuzz: C runs checked ..."
	awk '/^progfuzz: seed / { ok = $17 == 0 && $7 > 0 && $11 > 0; seen = 1
		printf "#995/1 progfuzz/seed_%s_%s_programs:%s\n", $3, $5, ok ? "OK" : "FAIL" }
	     /^progfuzz: accepted programs with:/ { ops = 1
		for (i = 5; i < NF; i += 2) if ($(i + 1) == 0) none = none " " $i }
	     /^progfuzz: [0-9]+ runs checked/ { checked = $2 }
	     END { if (!seen) print "#995/1 progfuzz/summary:FAIL (no summary line)"
		printf "#995/3 progfuzz/every_operation_accepted:%s\n",
			(ops && none == "" ? "OK" : "FAIL (none accepted with:" none ")")
		printf "#995/4 progfuzz/memory_model_checked:%s\n",
			(checked > 0 ? "OK" : "FAIL (no run checked)") }' /tmp/progfuzz.txt
	b=0
	"$FUZZ/progfuzz" -B -s 1 -n 300 -o /tmp >/tmp/progfuzz-B.txt 2>&1 || b=$?
	r=FAIL
	[ $b -gt 0 ] && [ $b -lt 100 ] &&
		grep -q '^FINDING .*broken on purpose' /tmp/progfuzz-B.txt && r=OK
	[ $r = OK ] || { rc=1; tail -n 3 /tmp/progfuzz-B.txt | sed 's/^/    /'; }
	echo "#995/2 progfuzz_self_test/broken_model_caught:$r"
}
[ -z "${FUZZ:-}" ] || block progfuzz "$FUZZ/progfuzz" progfuzz
exit $status
