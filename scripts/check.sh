#!/bin/sh
# make check: apply the series, check it on the host, build the kernel and
# the selftests, run the tests in the VM, and end with "N passed, N failed".
# Every PASS/FAIL line is counted, in $OUT/results.txt; test results give
# one line per test group and block (scripts/compare.awk, against the base
# kernel's where there is a baseline).
# make check-kasan (CHECK_KASAN=1): the same VM tests on the sanitizer kernel
# of config/kasan.config, without the host checks on the patches and the
# harness self-test; results and logs in out/kasan/.
. "$(dirname "$0")/common.sh"

PATCHES=${PATCHES:-$TOP/patches}
RESULTS=$OUT/results.txt
mkdir -p "$OUT"
# what was tested, for whoever reads the results later
{
	echo "# base: $BASE_PACKAGE $BASE_VERSION"
	echo "# series: $(ls "$PATCHES"/*.patch | grep -vc '/0000-cover-letter') patches, $(cat "$PATCHES"/*.patch | sha256sum | cut -c1-16)"
	echo "# run: $(date -u '+%Y-%m-%d %H:%M') ${CHECK_KASAN:+(check-kasan)}${FLAVOURS:+(check-full)}${CHECK_TRIXIE:+(check-trixie)}"
} >"$RESULTS"
sed 's/^# /==> /' "$RESULTS" >&2

pass() { echo "PASS $*" >>"$RESULTS"; printf 'PASS %s\n' "$*"; }
fail() { echo "FAIL $*" >>"$RESULTS"; printf 'FAIL %s\n' "$*"; }
# check NAME CMD...: one counted host check, output in $LOGS/check-NAME.log
check() {
	_n=$1; shift
	if run_logged "check-$_n" "$@"; then pass "$_n"; else fail "$_n"; return 1; fi
}
finish() {
	# never leave the trixie root half made to another run
	[ -z "${trixie_root:-}" ] || wait "$trixie_root" || true
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

# make check-trixie (CHECK_TRIXIE=1): the series built and run with Debian
# 13's tools and user space (scripts/trixie.sh), counted here.
if [ -n "${CHECK_TRIXIE:-}" ]; then
	sh "$TOP/scripts/trixie.sh" 2>"$LOGS/trixie.log" | tee -a "$RESULTS" || true
	grep -q '^PASS trixie-vm ' "$RESULTS" ||
		fail "trixie (did not reach its VM run: $(tail -n 1 "$LOGS/trixie.log"))"
	finish
fi

# 1. The series applies (the apply log names the patch that does not).
check series-applies sh "$TOP/scripts/apply.sh" || {
	sed -n 's/^ERROR: //p' "$LOGS/check-series-applies.log" | head -n 1 |
		sed 's/^/    /'
	finish
}

# 2. Host checks on the patches and the patched tree (not in the harness
# test's runs, TESTS_ONLY: its broken series are about steps 1 and 3-5,
# and each skip saves about 2.5 minutes).
if [ -z "${CHECK_KASAN:-}${TESTS_ONLY:-}" ]; then
	for p in $(ls "$PATCHES"/*.patch 2>/dev/null | grep -v '/0000-cover-letter'); do
		# from the tree's top, where checkpatch finds its data files; new
		# selftest files are covered by MAINTAINERS' BPF entry:
		# FILE_PATH_CHANGES off; the base is a source package without
		# upstream history, so the ids of Fixes: tags cannot be looked up
		# there (they were checked upstream): UNKNOWN_COMMIT_ID off
		check "checkpatch-$(basename "$p" .patch)" \
			sh -c "cd '$SRC' && perl scripts/checkpatch.pl --strict \
			--ignore FILE_PATH_CHANGES,UNKNOWN_COMMIT_ID '$p'" || true
	done
	check uapi-bpf.h-identical cmp "$SRC/include/uapi/linux/bpf.h" \
		"$SRC/tools/include/uapi/linux/bpf.h" || true
	check bpf_doc-header sh "$TOP/scripts/man.sh" header || true
	check bpf_doc-manpage sh "$TOP/scripts/man.sh" manpage || true
	check docs-ten-helpers sh "$TOP/tests/docs-check.sh" "$OUT/bpf_helper_defs.h" \
		"$OUT/bpf-helpers.7" "$SRC/include/uapi/linux/bpf.h" || true
	check quilt-series sh "$TOP/scripts/quilt.sh" || true
	# the Debian 13 root (scripts/trixie-root.sh: made once, mostly
	# download and unpacking) is made while the kernel compiles; the
	# quilt check on it follows the kernel
	sh "$TOP/scripts/trixie-root.sh" >"$LOGS/trixie-root-bg.log" 2>&1 &
	trixie_root=$!
	check standalone-fixes-apply sh "$TOP/scripts/fixes.sh" apply || true
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
if [ -n "${trixie_root:-}" ]; then
	wait "$trixie_root" || true
	trixie_root=
	check quilt-series-trixie sh "$TOP/scripts/quilt.sh" trixie || true
fi
# 3a. Every option the selftests' config asks for is in the kernel's
# .config, or config/kconfig-unmet says why not (olddefconfig drops an
# option whose dependencies are off, silently).
if [ -z "${CHECK_KASAN:-}${TESTS_ONLY:-}" ]; then
	sfc=$SRC/tools/testing/selftests/bpf/config
	awk -F= 'FNR == NR { if (/^CONFIG_/) have[$1] = $2; next }
		/^CONFIG_/ && have[$1] != $2 && !(have[$1] == "y" && $2 == "m") {
			sub(/^CONFIG_/, "", $1); print $1 }' "$OBJ/.config" "$sfc" |
		sort >"$LOGS/kconfig-unmet.now"
	sed 's/#.*//' "$TOP/config/kconfig-unmet" | awk 'NF { print $1 }' | sort >"$LOGS/kconfig-unmet.listed"
	new=$(comm -23 "$LOGS/kconfig-unmet.now" "$LOGS/kconfig-unmet.listed" | tr '\n' ' ' | sed 's/ $//')
	stale=$(comm -13 "$LOGS/kconfig-unmet.now" "$LOGS/kconfig-unmet.listed" | tr '\n' ' ' | sed 's/ $//')
	if [ -n "$new$stale" ]; then
		fail "kconfig-selftests (${new:+not set and not in config/kconfig-unmet: $new}${stale:+in config/kconfig-unmet, but set or not asked for: $stale})"
	else
		pass "kconfig-selftests ($(grep -c '^CONFIG_' "$sfc") options asked for, $(grep -c . "$LOGS/kconfig-unmet.now") not set, each with its reason in config/kconfig-unmet)"
	fi
fi

# 4. Selftests (in the harness test's short runs only the test files and
# BPF programs of TESTS_ONLY: each of its kernels is a new vmlinux.h).
if ! check selftests-build env SELFTESTS_SELECT="${TESTS_ONLY:-}" \
		sh "$TOP/scripts/build-selftests.sh"; then
	grep -E 'error:|Error [0-9]' "$LOGS/selftests-build.log" | head -n 5 |
		sed 's/^/    /'
	finish
fi

# 4a. The selftests' programs against a vmlinux.h with kfunc prototypes,
# from Debian 13's pahole (scripts/kfunc-vmlinux.sh): they build with the
# series' bpftool, and Debian 13's own bpftool shows the name collision.
if [ -z "${CHECK_KASAN:-}${TESTS_ONLY:-}" ]; then
	rc=0
	sh "$TOP/scripts/kfunc-vmlinux.sh" >"$OUT/kfunc-vmlinux.txt" 2>"$LOGS/kfunc-vmlinux.log" || rc=$?
	[ $rc = 0 ] || echo "FAIL kfunc-vmlinux (exit $rc: $(tail -n 1 "$LOGS/kfunc-vmlinux.log"))" \
		>>"$OUT/kfunc-vmlinux.txt"
	tee -a "$RESULTS" <"$OUT/kfunc-vmlinux.txt"
fi

# The demo of make run and the asm-call stubs test: built here, run in the
# VM with the tests.
check demo-build sh "$TOP/scripts/build-demo.sh" || true
check asm-calls-build sh "$TOP/scripts/build-asm-calls.sh" || true
check fuzz-build sh "$TOP/scripts/build-fuzz.sh" || true
# FUZZ_OPS operations a fuzz variant (100000 by default), FUZZ_SEED to
# repeat a run (the seed is printed either way)
fuzz_args="FUZZ_OPS=${FUZZ_OPS:-100000}${FUZZ_SEED:+ FUZZ_SEED=$FUZZ_SEED}"
# PROGFUZZ_N generated programs (40000 by default, 20000 on KASAN; 500
# in the harness test's short runs)

# 5. In the VM (scripts/guest-tests.sh, one block a run): test_progs on
# the groups of config/regression-tests and on every test the series adds
# (the prog_tests/ files it creates), and test_verifier, each with the JIT
# and with the interpreter; bpftool's feature probe, the demo, the asm-call
# stubs and the fuzzer.  Then every result is compared with the base
# kernel's (config/baseline.txt, made by make baseline): one line a test
# group (scripts/compare.awk).  make check-kasan runs only the series' own
# tests and upstream's dynptr tests, each of which must pass.
added=$(added_tests "$SRC" base..series)
words() { sed 's/#.*//' "$@"; }
if [ -n "${CHECK_KASAN:-}" ]; then
	tests=$(commas dynptr $added) tests_interp=$(commas $added) verifier=
	baseline=/dev/null
elif [ -n "${TESTS_ONLY:-}" ]; then
	# the harness test's short runs: these test_progs selectors only, and
	# the baseline's results of the tests they select
	tests=$TESTS_ONLY tests_interp=$TESTS_ONLY verifier=
	baseline=$OUT/baseline-only.txt
	awk -F '\t' -v sel="$TESTS_ONLY" 'BEGIN { n = split(sel, s, ",") }
		/^#/ { print; next }
		{ t = $3; sub(/\/.*/, "", t)
		  if ($2 !~ /^test_progs/) next
		  for (i = 1; i <= n; i++) if (index(t, s[i])) { print; next } }' \
		"$TOP/config/baseline.txt" >"$baseline"
elif [ -n "${FULL:-}" ]; then
	# make check-full: every test but config/not-run's, against a base
	# run of the same (hours: made once, kept in $CACHE/base by the
	# provenance's hash), made while the series' VM runs (a core each)
	tests='*' tests_interp='*' verifier=1
	baseline=$CACHE/base/baseline-full-$(sh "$TOP/scripts/baseline.sh" provenance | sha256sum | cut -c1-16).txt
	if ! sh "$TOP/scripts/baseline.sh" verify "$baseline" >/dev/null 2>&1; then
		run_logged baseline-full sh "$TOP/scripts/baseline.sh" full "$baseline" &
		base_run=$!
	fi
else
	tests=$(commas $(words "$TOP/config/regression-tests") $added)
	tests_interp=$tests verifier=1
	baseline=$TOP/config/baseline.txt
fi
plan=$OUT/guest-plan.sh
cat >"$plan" <<EOF
STO='$STO'
TESTS='$tests'
TESTS_INTERP='$tests_interp'
JIT_ONLY='$(commas $(words "$TOP/config/jit-only-tests"))'
NOT_RUN='${FULL:+$(not_run)}'
FLAVOURS='${FLAVOURS:-}'
VERIFIER=$verifier
PROBE='$TOP/config/probe-expect'
DEMO='$OUT/demo'
ASM='$OUT/asm-calls'
FUZZ='$OUT/fuzz'
FUZZ_ARGS='$fuzz_args'
PROGFUZZ_N='${PROGFUZZ_N:-${TESTS_ONLY:+500}${CHECK_KASAN:+20000}}'
EOF
say "in the VM: test_progs -t $tests (JIT), -t $tests_interp (interpreter)${verifier:+, test_verifier}"
vmlog=$LOGS/vm-tests.log
vm_limit=${VM_TIMEOUT:-2400}
[ -z "${CHECK_KASAN:-}" ] || vm_limit=${VM_TIMEOUT:-5400}	# KASAN under TCG
[ -z "${FULL:-}" ] || vm_limit=${VM_TIMEOUT:-43200}	# every test, six runs
rc=0
sh "$TOP/scripts/vm.sh" -t "$vm_limit" sh "$TOP/scripts/guest-tests.sh" "$plan" \
	>"$vmlog" 2>&1 || rc=$?
case $rc in
125) fail "vm-run (the guest died or timed out, see $LOGS/vm-console.log)"
     tail -n 15 "$vmlog" | sed 's/^/    /' ;;
126) fail "vm-kernel-clean (a kernel splat, see $LOGS/vm-console.log)"
     grep -A5 'kernel reported problems' "$vmlog" | sed 's/^/    /' ;;
*)   pass "vm-kernel-clean (no splat, guest exit $rc)" ;;
esac
# vm_clock_check NAME CONSOLE: a guest that could not measure its TSC, or
# whose watchdog dropped it, times in jiffies (scripts/common.sh vm_clock)
vm_clock_check() {
	if [ ! -s "$2" ]; then
		fail "$1 (no console log $2)"
	elif grep -q "tsc: Unable to calibrate\|Marking clocksource 'tsc' as unstable" "$2"; then
		fail "$1 (the guest's TSC was not measured or was dropped: its clocks count jiffies and timing tests differ; this host gives vm.sh no TSC rate to pass, see $2)"
	else
		_k=$(grep -o 'tsc_early_khz=[0-9]*' "$2" | head -n 1)
		pass "$1 (the guest's clocks read the TSC${_k:+, $_k})"
	fi
}
vm_clock_check vm-clock "$LOGS/vm-console.log"
if [ -n "${base_run:-}" ]; then
	wait "$base_run" ||
		fail "baseline-full (the base kernel's run of every test did not finish, see $LOGS/baseline-full.log)"
	vm_clock_check vm-clock-base "$(base_out)/logs/vm-console.log"
fi
awk -f "$TOP/scripts/results.awk" "$vmlog" >"$OUT/series-results.txt"
# every block of the plan ran (a missing one has no results at all)
blocks="test_progs-jit test_progs-interp ${verifier:+test_verifier-jit test_verifier-interp}
	probe demo asm fuzz progfuzz"
for f in ${FLAVOURS:-}; do blocks="$blocks $f-jit $f-interp"; done
for b in $blocks; do
	grep -q "^=== block $b\$" "$vmlog" || fail "block $b (did not run)"
done
# each test the series adds ran in each mode it is meant for
[ -n "${TESTS_ONLY:-}" ] && added=
for t in $added; do
	for b in test_progs-jit test_progs-interp; do
		[ $b = test_progs-interp ] && echo ",$(commas $(words "$TOP/config/jit-only-tests"))," |
			grep -q ",$t," && continue
		awk -F '\t' -v b=$b -v t=$t '$2 == b && ($3 == t || index($3, t "/") == 1) { f = 1 }
			END { exit !f }' "$OUT/series-results.txt" || fail "$b $t (did not run)"
	done
done
# and each block has at least the results it had when config/expected-counts
# was written (a -t list that matches nothing runs nothing, and exits 0)
run=check
[ -z "${FULL:-}" ] || run=full
[ -z "${CHECK_KASAN:-}" ] || run=kasan
[ -z "${TESTS_ONLY:-}" ] || run=harness
while read -r r b min; do
	[ "$r" = "$run" ] || continue
	echo " $blocks " | grep -q " $b " || continue
	n=$(awk -F '\t' -v b="$b" '$2 == b' "$OUT/series-results.txt" | wc -l)
	[ "$n" -ge "$min" ] || fail "block $b ($n results, expected at least $min)"
done <"$TOP/config/expected-counts"
# the baseline is the base kernel's, for this base, config, toolchain and
# test list (scripts/baseline.sh provenance), or it is refused
if [ "$baseline" != /dev/null ]; then
	src=$baseline	# (the harness test's runs: the file they take a part of)
	[ -z "${TESTS_ONLY:-}" ] || src=$TOP/config/baseline.txt
	if sh "$TOP/scripts/baseline.sh" verify "$src" >"$LOGS/baseline-verify.log" 2>&1; then
		pass "baseline-provenance ($(sed -n 's/^# base-kernel: //p' "$baseline"))"
	else
		fail "baseline-provenance (stale: $(tr '\n' ' ' <"$LOGS/baseline-verify.log"))"
		baseline=/dev/null
	fi
fi
# make check-full: the tests make check does not run fail on both kernels
# for reasons of their own too (config/known-failures-full)
known=$TOP/config/known-failures
if [ -n "${FULL:-}" ]; then
	known=$OUT/known-failures
	cat "$TOP/config/known-failures" "$TOP/config/known-failures-full" >"$known"
fi
awk -f "$TOP/scripts/compare.awk" "$known" "$baseline" \
	"$OUT/series-results.txt" >"$OUT/comparison.txt"
grep -v '^#' "$OUT/comparison.txt" | tee -a "$RESULTS"
grep '^#' "$OUT/comparison.txt" | grep -v '^#   unused known: ' | sed 's/^# */    /'
if [ -z "${TESTS_ONLY:-}" ] && [ "$baseline" != /dev/null ]; then
	# a known line that explains no result is out of date (the test
	# passes now, or was renamed) and would hide a later failure
	sed -n 's/^#   unused known: //p' "$OUT/comparison.txt" | while IFS= read -r k; do
		fail "known-unused ($k: explains no result that fails on both kernels; remove it)"
	done
	# each selector of config/regression-tests selects results in both
	# test_progs blocks, on both kernels (one that matches nothing runs
	# nothing; the blocks' totals of config/expected-counts would not see it)
	if [ -z "${FULL:-}" ]; then
		miss=$(words "$TOP/config/regression-tests" | awk -F '\t' '
			FNR == 1 { f++ } f == 1 { for (i = 1; i <= NF; i++) sel[++ns] = $i; next }
			/^#/ || $2 !~ /^test_progs-(jit|interp)$/ { next }
			{ t = $3; sub(/\/.*/, "", t)
			  for (i = 1; i <= ns; i++) if (index(t, sel[i])) n[f, $2, sel[i]]++ }
			END { for (i = 1; i <= ns; i++) for (k = 2; k <= 3; k++)
				for (m = 0; m < 2; m++) { b = m ? "test_progs-interp" : "test_progs-jit"
					if (!n[k, b, sel[i]]) print sel[i] " (" b ", " (k == 2 ? "base" : "series") ")" } }' \
			- "$baseline" "$OUT/series-results.txt" | tr '\n' ' ' | sed 's/ $//')
		if [ -n "$miss" ]; then
			fail "regression-selectors (select no result: $miss)"
		else
			pass "regression-selectors ($(words "$TOP/config/regression-tests" | wc -w) selectors of config/regression-tests, each with results in both blocks on both kernels)"
		fi
	fi
fi
grep -E '^(fuzz summary|progfuzz: )' "$vmlog" | sed 's/^/    /' || true

# 5b. veristat over every BPF object of the selftests on the series kernel,
# against the base kernel's (config/veristat-baseline.csv): a changed
# verdict fails (scripts/veristat.sh).  VERISTAT=1; make check-full sets it.
if [ -n "${VERISTAT:-}" ] && [ -z "${CHECK_KASAN:-}${TESTS_ONLY:-}" ]; then
	rc=0
	sh "$TOP/scripts/veristat.sh" check >"$OUT/veristat.txt" || rc=$?
	tee -a "$RESULTS" <"$OUT/veristat.txt" | grep -v '^PASS veristat ' || true
	grep -q '^[A-Z]* veristat-\(compare\|run\|baseline-provenance\) ' "$OUT/veristat.txt" ||
		fail "veristat (no comparison, exit $rc, see $LOGS/veristat-run.log)"
fi

# 5a. The standalone fixes on the bare base: that kernel, and the tests of
# config/standalone-fixes on it (JIT), each of which must pass.
if [ -z "${CHECK_KASAN:-}${TESTS_ONLY:-}" ] &&
   check standalone-fixes-build sh "$TOP/scripts/fixes.sh" build; then
	sh "$TOP/scripts/fixes.sh" plan "$OUT/fixes-plan.sh"
	rc=0
	KOBJ=$CACHE/fixes/obj-$KEY VM_CONSOLE=$LOGS/vm-console-fixes.log \
		sh "$TOP/scripts/vm.sh" -t 1200 sh "$TOP/scripts/guest-tests.sh" \
		"$OUT/fixes-plan.sh" >"$LOGS/vm-fixes.log" 2>&1 || rc=$?
	[ "$rc" != 125 ] && [ "$rc" != 126 ] ||
		fail "standalone-fixes-vm (exit $rc, see $LOGS/vm-console-fixes.log)"
	awk -f "$TOP/scripts/results.awk" "$LOGS/vm-fixes.log" |
		sed 's/\t/\tfixes-only:/' >"$OUT/fixes-results.txt"
	awk -f "$TOP/scripts/compare.awk" /dev/null /dev/null "$OUT/fixes-results.txt" |
		grep -v '^#' | tee -a "$RESULTS"
	# as many results as config/expected-counts says (a selector that
	# matches nothing runs nothing)
	min=$(awk '$1 == "fixes" && $2 == "test_progs-jit" { print $3 }' "$TOP/config/expected-counts")
	n=$(grep -c . "$OUT/fixes-results.txt" || true)
	[ "$n" -ge "${min:-1}" ] || fail "standalone-fixes-tests ($n results, expected at least ${min:-1})"
fi

# 5d. A user program built as on Debian 13 (its bpftool 7.5, libbpf 1.5,
# clang-19) and run in the VM with the trixie root as its / (JIT and
# interpreter), calling every helper 212-221 (scripts/debian13-user.sh).
if [ -z "${CHECK_KASAN:-}${TESTS_ONLY:-}" ]; then
	rc=0
	sh "$TOP/scripts/debian13-user.sh" >"$OUT/debian13-user.txt" 2>"$LOGS/debian13-user.log" || rc=$?
	[ $rc = 0 ] || echo "FAIL debian13-user (exit $rc: $(tail -n 1 "$LOGS/debian13-user.log"))" \
		>>"$OUT/debian13-user.txt"
	tee -a "$RESULTS" <"$OUT/debian13-user.txt" | grep -v '^PASS debian13-user-[ji]' || true
fi

# 5c. make check-kasan: the sanitizers were on in that kernel (their boot
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
# Its five cases each give a line; one that dies early must not take the
# lines of the cases after it along unnoticed.  (Its own runs of this
# script, TESTS_ONLY, do not run it again.)
if [ -z "${CHECK_KASAN:-}${TESTS_ONLY:-}" ]; then
	if [ -n "${SKIP_HARNESS_TEST:-}" ]; then
		fail "harness-test (not run: SKIP_HARNESS_TEST is set)"
	else
		rc=0
		sh "$TOP/tests/harness-test.sh" >"$OUT/harness-test.txt" || rc=$?
		tee -a "$RESULTS" <"$OUT/harness-test.txt"
		n=$(grep -c '^[A-Z]* harness-test-' "$OUT/harness-test.txt" || true)
		[ "$n" = 5 ] || fail "harness-test ($n of its 5 cases gave a result, exit $rc)"
	fi
fi

finish
