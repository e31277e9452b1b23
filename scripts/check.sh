#!/bin/sh
# make check: apply the series, check it on the host, build the kernel and
# the selftests, run the tests in the VM, and end with "N passed, N failed".
# Every check is counted; test_progs results count one per subtest (or per
# test when it has no subtests).
# make check-kasan (CHECK_KASAN=1): the same VM tests on the sanitizer kernel
# of config/kasan.config, without the host checks on the patches and the
# harness self-test; results and logs in out/kasan/.
. "$(dirname "$0")/common.sh"

PATCHES=${PATCHES:-$TOP/patches}
RESULTS=$OUT/results.txt
mkdir -p "$OUT"
: >"$RESULTS"

pass() { echo "PASS $*" >>"$RESULTS"; printf 'PASS %s\n' "$*"; }
fail() { echo "FAIL $*" >>"$RESULTS"; printf 'FAIL %s\n' "$*"; }
# check NAME CMD...: one counted host check, output in $LOGS/check-NAME.log
check() {
	_n=$1; shift
	if run_logged "check-$_n" "$@"; then pass "$_n"; else fail "$_n"; return 1; fi
}
finish() {
	np=$(grep -c '^PASS' "$RESULTS" || true)
	nf=$(grep -c '^FAIL' "$RESULTS" || true)
	if [ "$nf" -gt 0 ]; then
		echo "Failed:"
		grep '^FAIL' "$RESULTS" | sed 's/^FAIL /    /'
	fi
	echo "$np passed, $nf failed"
	[ "$nf" -eq 0 ]
	exit $?
}

# 1. The series applies (the apply log names the patch that does not).
check series-applies sh "$TOP/scripts/apply.sh" || {
	sed -n 's/^ERROR: //p' "$LOGS/check-series-applies.log" | head -n 1 |
		sed 's/^/    /'
	finish
}

# 2. Host checks on the patches and the patched tree.
if [ -z "${CHECK_KASAN:-}" ]; then
	for p in $(ls "$PATCHES"/*.patch 2>/dev/null | grep -v '/0000-cover-letter'); do
		# from the tree's top, where checkpatch finds its data files; new
		# selftest files are covered by MAINTAINERS' BPF entry:
		# FILE_PATH_CHANGES off
		check "checkpatch-$(basename "$p" .patch)" \
			sh -c "cd '$SRC' && perl scripts/checkpatch.pl --strict \
			--ignore FILE_PATH_CHANGES '$p'" || true
	done
	check uapi-bpf.h-identical cmp "$SRC/include/uapi/linux/bpf.h" \
		"$SRC/tools/include/uapi/linux/bpf.h" || true
	check bpf_doc-header sh "$TOP/scripts/man.sh" header || true
	check bpf_doc-manpage sh "$TOP/scripts/man.sh" manpage || true
	check docs-ten-helpers sh "$TOP/tests/docs-check.sh" "$OUT/bpf_helper_defs.h" \
		"$OUT/bpf-helpers.7" "$SRC/include/uapi/linux/bpf.h" || true
	check quilt-series sh "$TOP/scripts/quilt.sh" || true
	check standalone-fixes-apply sh "$TOP/scripts/fixes-apply.sh" || true
fi

# 3. Kernel.  On a compile error, name the patches that touched the file.
if ! check kernel-build sh "$TOP/scripts/build-kernel.sh"; then
	for f in $(sed -n 's|^\([^ :]*\.[ch]\):[0-9]*:[0-9]*: error:.*|\1|p' \
			"$LOGS/kernel-build.log" | sed "s|^.*$(basename "$SRC")/||" | sort -u); do
		git -C "$SRC" log --format="    $f: changed by patch '%s'" \
			base..series -- "$f"
	done
	finish
fi

# 4. Selftests.
if ! check selftests-build sh "$TOP/scripts/build-selftests.sh"; then
	grep -E 'error:|Error [0-9]' "$LOGS/selftests-build.log" | head -n 5 |
		sed 's/^/    /'
	finish
fi

# The demo of make run and the asm-call stubs test: built here, run in the
# VM with the tests.
check demo-build sh "$TOP/scripts/build-demo.sh" || true
check asm-calls-build sh "$TOP/scripts/build-asm-calls.sh" || true
check fuzz-build sh "$TOP/scripts/build-fuzz.sh" || true
# FUZZ_OPS operations a fuzz variant (100000 by default), FUZZ_SEED to
# repeat a run (the seed is printed either way)
fuzz_args="FUZZ_OPS=${FUZZ_OPS:-100000}${FUZZ_SEED:+ FUZZ_SEED=$FUZZ_SEED}"

# 5. In the VM: test_progs on the upstream dynptr tests and on every test the
# series adds (the prog_tests/ files it creates) with the JIT; the series'
# tests again with the interpreter.
added=
for f in $(git -C "$SRC" diff --name-only --diff-filter=A base..series -- \
		tools/testing/selftests/bpf/prog_tests/); do
	added="$added $(sed -n -E 's/^void (serial_)?test_([a-zA-Z0-9_]+)\((void)?\).*/\2/p' "$SRC/$f")"
done
commas() { echo $* | tr ' ' '\n' | sort -u | tr '\n' ',' | sed 's/,$//'; }
jit_tests=$(commas dynptr $added)
interp_tests=$(commas $added)
jit_only=$(commas $(sed 's/#.*//' "$TOP/config/jit-only-tests"))
runs=1
[ -z "$interp_tests" ] || runs=2
say "in the VM: test_progs -t $jit_tests (JIT)${added:+; -t $interp_tests (interpreter)}"
vmlog=$LOGS/vm-tests.log
vm_limit=${VM_TIMEOUT:-1500}
[ -z "${CHECK_KASAN:-}" ] || vm_limit=${VM_TIMEOUT:-5400}	# KASAN under TCG
rc=0
sh "$TOP/scripts/vm.sh" -t "$vm_limit" \
	sh "$TOP/scripts/guest-tests.sh" "$STO" "$jit_tests" "$interp_tests" "$jit_only" \
	"$TOP/config/probe-expect" "$OUT/demo" "$OUT/asm-calls" "$OUT/fuzz" "$fuzz_args" \
	>"$vmlog" 2>&1 || rc=$?
# Count results per run: a subtest line "#N/M name:OK|FAIL|SKIP", or the test
# line "#N name:..." when the test has no subtests.  SKIP counts as failed:
# every test run here is expected to run.
awk '
/^=== test_progs / { run = $3; next }
/^#[0-9]+\/[0-9]+ / { split($1, a, "/"); has[run, substr(a[1], 2)] = 1 }
/^#[0-9]+[\/ ]/ && /:(OK|FAIL|SKIP)( |$)/ {
	line[++n] = $0; lrun[n] = run
}
END {
	for (i = 1; i <= n; i++) {
		split(line[i], f, " "); id = f[1]
		if (id !~ /\// && has[lrun[i], substr(id, 2)]) continue
		name = f[2]; st = name; sub(/^.*:/, "", st); sub(/:[A-Z]+$/, "", name)
		print (st == "OK" ? "PASS" : "FAIL"), "test_progs[" lrun[i] "] " name
	}
}' "$vmlog" | tee -a "$RESULTS" | grep '^FAIL' || true
ran=$(grep -c '^=== test_progs ' "$vmlog" || true)
if [ "$rc" -ne 0 ] && ! grep -q '^FAIL test_progs' "$RESULTS"; then
	fail "vm-run (exit $rc, see $vmlog and $LOGS/vm-console.log)"
	tail -n 15 "$vmlog" | sed 's/^/    /'
elif [ "$ran" -lt "$runs" ]; then
	fail "vm-run (only $ran of $runs test_progs runs happened, see $vmlog)"
else
	pass "vm-run (kernel clean, exit $rc)"
fi
grep -c '^PASS test_progs' "$RESULTS" | sed 's/^/    test_progs subtests passed: /'
grep '^fuzz summary' "$vmlog" | sed 's/^/    /' || true

# 5b. make check-kasan: the sanitizers were on in that kernel (their boot
# messages, read with dmesg in the guest), and a report in the console fails
# a run: a fake KASAN report written to /dev/kmsg must make vm.sh exit 126.
sanitizers() {
	_rc=0
	VM_CONSOLE=$LOGS/vm-console-sanitizers.log sh "$TOP/scripts/vm.sh" -t 600 \
		sh -c 'dmesg | grep -E "KernelAddressSanitizer initialized|Lock dependency validator"
		       echo "BUG: KASAN: fake report (harness self-test)" >/dev/kmsg' \
		>"$LOGS/sanitizers.txt" 2>&1 || _rc=$?
	echo $_rc >"$LOGS/sanitizers.status"
}
if [ -n "${CHECK_KASAN:-}" ]; then
	sanitizers
	check kasan-on grep -q 'KernelAddressSanitizer initialized' "$LOGS/sanitizers.txt" || true
	check lockdep-on grep -q 'Lock dependency validator' "$LOGS/sanitizers.txt" || true
	check ubsan-on grep -q '^CONFIG_UBSAN_BOUNDS=y' "$OBJ/.config" || true
	check splat-fails-the-run grep -qx 126 "$LOGS/sanitizers.status" || true
fi

# 6. The harness itself: deliberately broken series must fail, naming the
# culprit (tests/harness-test.sh; restores the real series afterwards).
if [ -z "${SKIP_HARNESS_TEST:-}${CHECK_KASAN:-}" ]; then
	sh "$TOP/tests/harness-test.sh" | tee -a "$RESULTS"
fi

finish
