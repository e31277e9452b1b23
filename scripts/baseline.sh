#!/bin/sh
# The base kernel's results, against which make check compares the series.
#   baseline.sh make [FILE]    build the base (6.12 without the series) with
#                              the same config and toolchain, run the same
#                              tests on it in the VM, write FILE
#                              (default config/baseline.txt), then veristat
#   baseline.sh full FILE      FULL=1: every test_progs test (but
#                              config/not-run), in every flavour of make
#                              check-full, and test_verifier, both modes;
#                              no veristat (make check-full makes FILE in
#                              $CACHE/base when it has none of now)
#   baseline.sh veristat       only veristat over the base selftests' BPF
#                              objects on the base kernel, written to
#                              config/veristat-baseline.csv
#   baseline.sh verify FILE    exit 0 when FILE's provenance matches what
#                              make check would test now; else name the
#                              fields that differ
#   baseline.sh provenance     print the provenance lines of now
# The base trees live in $CACHE/base/ with the series' layout (src-K,
# obj-K, selftests-K), so ccache serves them what the series' build made.
. "$(dirname "$0")/common.sh"

sha() { sha256sum | cut -c1-16; }
# provenance: what decides the results besides the kernel's code
provenance() {
	echo "# base-kernel: $BASE_PACKAGE $BASE_VERSION"
	echo "# kernel-config: $( (cat "$TOP/config/kernel.config"
		git -C "$SRC" show base:tools/testing/selftests/bpf/config) | sha)"
	echo "# clang: $($CLANG --version | head -n 1)"
	echo "# gcc: $(gcc --version | head -n 1)"
	if [ -n "${FULL:-}" ]; then
		echo "# tests: all but $(not_run | sha) (config/not-run), flavours: ${FLAVOURS:-} + test_verifier"
		echo "# harness: $(cat "$TOP/scripts/guest-tests.sh" "$TOP/scripts/results.awk" | sha) (guest-tests.sh, results.awk), clock: $(vm_clock)"
	else
		echo "# tests: $(sed 's/#.*//' "$TOP/config/regression-tests" | tr -s ' \n' ' ' | sha) (config/regression-tests) + test_verifier"
	fi
}

case ${1:-} in
provenance) provenance; exit 0 ;;
verify)
	file=${2:?usage: baseline.sh verify FILE}
	[ -r "$file" ] || { echo "no baseline $file"; exit 1; }
	# the file's own mode (make check-full's FULL=1 reaches make check's
	# files too: the veristat baseline, the harness test's runs)
	FULL=
	grep -q '^# tests: all but ' "$file" && FULL=1
	provenance >"$LOGS/provenance.now"
	grep '^# [a-z-]*: ' "$file" | grep -v '^# made: ' >"$LOGS/provenance.file" || true
	bad=$(diff "$LOGS/provenance.file" "$LOGS/provenance.now" |
		sed -n 's/^> # \([a-z-]*\): .*/\1/p' | tr '\n' ' ')
	how="make baseline"
	[ -z "$FULL" ] || how="make check-full remakes it"
	[ -z "$bad" ] || { echo "differs in: $bad(regenerate: $how)"; exit 1; }
	n=$(grep -vc '^#' "$file" || true)
	[ "$n" -gt 0 ] || { echo "no results in $file"; exit 1; }
	exit 0 ;;
make|veristat) ;;
full) FULL=1 ;;
*) die "usage: baseline.sh make [FILE] | full FILE | veristat | verify FILE | provenance" ;;
esac

mode=$1
file=${2:-$TOP/config/baseline.txt}
[ "$mode" != full ] || file=${2:?usage: baseline.sh full FILE}
sh "$TOP/scripts/base.sh"
bdir=$CACHE/base
mkdir -p "$bdir"
bsrc=$bdir/src-$KEY
# a worktree of the base, made once (so the build stays incremental)
if [ "$(git -C "$bsrc" rev-parse HEAD 2>/dev/null)" != "$(git -C "$SRC" rev-parse base)" ]; then
	base_worktree "$bsrc"
fi
out=$(base_out)
mkdir -p "$out/logs"
export KSRC=$bsrc KOBJ=$bdir/obj-$KEY KSTO=$bdir/selftests-$KEY OUT=$out LOGS=$out/logs
sh "$TOP/scripts/build-kernel.sh"
sh "$TOP/scripts/build-selftests.sh"

# veristat_baseline: every program of the base objects on the base kernel
veristat_baseline() {
	vfile=$TOP/config/veristat-baseline.csv
	sh "$TOP/scripts/veristat.sh" run "$out/veristat-base.csv"
	{
		echo "# veristat on the base kernel (6.12 without the series), every"
		echo "# program of the base selftests' BPF objects: file,prog,verdict,"
		echo "# insns,states.  Made by \"make baseline\" (scripts/baseline.sh);"
		echo "# compared by make check-full (scripts/veristat.sh)."
		provenance
		echo "# made: $(date -u +%Y-%m-%d) in $(uname -m) QEMU TCG"
		cat "$out/veristat-base.csv"
	} >"$vfile"
	say "veristat baseline: $(grep -vc '^#' "$vfile") programs in $vfile"
}
if [ "$mode" = veristat ]; then
	veristat_baseline
	exit 0
fi
tests=$(sed 's/#.*//' "$TOP/config/regression-tests" | tr -s ' \n' ',' | sed 's/^,//; s/,$//')
[ -z "${FULL:-}" ] || tests='*'
cat >"$out/guest-plan.sh" <<EOF
STO='$KSTO'
TESTS='$tests'
TESTS_INTERP='$tests'
NOT_RUN='${FULL:+$(not_run)}'
FLAVOURS='${FULL:+${FLAVOURS:-}}'
VERIFIER=1
EOF
say "base kernel in the VM: test_progs -t $tests, test_verifier; JIT and interpreter"
rc=0
limit=2400
[ -z "${FULL:-}" ] || limit=43200	# every test, six runs: hours under TCG
sh "$TOP/scripts/vm.sh" -t "${VM_TIMEOUT:-$limit}" \
	sh "$TOP/scripts/guest-tests.sh" "$out/guest-plan.sh" >"$out/logs/vm-tests.log" 2>&1 || rc=$?
[ "$rc" != 125 ] && [ "$rc" != 126 ] ||
	die "the base kernel's VM run failed (exit $rc): $out/logs/vm-tests.log"
{
	echo "# The base kernel's results (6.12 without the series), compared by"
	echo "# make check with the series' (scripts/compare.awk).  Made by"
	echo "# \"make baseline\" (scripts/baseline.sh make); make check refuses it"
	echo "# when a provenance line differs from what it tests."
	provenance
	echo "# made: $(date -u +%Y-%m-%d) in $(uname -m) QEMU TCG"
	awk -f "$TOP/scripts/results.awk" "$out/logs/vm-tests.log"
} >"$file"
say "baseline: $(grep -c '	' "$file") results in $file"
[ -n "${FULL:-}" ] || veristat_baseline
