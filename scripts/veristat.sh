#!/bin/sh
# veristat over every BPF object of the selftests, the base kernel against
# the series:
#   veristat.sh run CSV         verify each program of $STO/*.bpf.o on
#                               $OBJ's kernel in the VM (KOBJ, KSTO select
#                               others); CSV gets "file,prog,verdict,insns,
#                               states" lines
#   veristat.sh check           run on the series kernel and compare with
#                               config/veristat-baseline.csv: check.sh's
#                               result lines (scripts/veristat.awk), the
#                               growth table in $OUT/veristat-growth.md
# The baseline is written by make baseline (scripts/baseline.sh), with the
# provenance of config/baseline.txt.
. "$(dirname "$0")/common.sh"

BASELINE=$TOP/config/veristat-baseline.csv

run() {
	csv=$1
	log=$LOGS/vm-veristat-$(basename "$csv" .csv).log
	# veristat (-q: no libbpf log) loads each program of each object alone;
	# the objects of the default flavour only (not no_alu32/, cpuv4/)
	rc=0
	VM_CONSOLE=$LOGS/vm-console-veristat.log sh "$TOP/scripts/vm.sh" \
		-t "${VERISTAT_TIMEOUT:-3600}" sh -c "cd '$STO' &&
		./veristat -q -o csv -e file,prog,verdict,insns,states ./*.bpf.o 2>/dev/null |
		sed 's/^/veristat,/'; echo \"veristat-exit \$?\"" >"$log" 2>&1 || rc=$?
	[ "$rc" = 0 ] || die "veristat in the VM failed (exit $rc): $log"
	grep -q '^veristat-exit 0' "$log" || die "veristat did not finish: $log"
	sed -n 's/^veristat,//p' "$log" | grep -v '^file_name,' >"$csv"
	[ -s "$csv" ] || die "veristat gave no results: $log"
	say "veristat: $(wc -l <"$csv") programs in $(cut -d, -f1 "$csv" | sort -u | wc -l) objects"
}

case ${1:-} in
run) run "${2:?usage: veristat.sh run CSV}" ;;
check)
	series=$OUT/veristat-series.csv
	start=$(date +%s)
	# in a subshell: a die() there must give the FAIL line, not end this script
	if ! (run "$series") >"$LOGS/veristat-run.log" 2>&1; then
		echo "FAIL veristat-run ($(tail -n 1 "$LOGS/veristat-run.log"))"
		exit 0
	fi
	echo "PASS veristat-run ($(wc -l <"$series") programs, $(($(date +%s) - start)) s)"
	if ! sh "$TOP/scripts/baseline.sh" verify "$BASELINE" >"$LOGS/veristat-baseline.log" 2>&1; then
		echo "FAIL veristat-baseline-provenance (stale: $(tr '\n' ' ' <"$LOGS/veristat-baseline.log"))"
		exit 0
	fi
	awk -F, -v table="$OUT/veristat-growth.md" -f "$TOP/scripts/veristat.awk" \
		"$TOP/config/veristat-known" "$BASELINE" "$series" ;;
*) die "usage: veristat.sh run CSV | check" ;;
esac
