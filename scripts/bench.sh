#!/bin/sh
# make bench: the dynptr helpers against the 6.12 kfuncs doing the same
# thing and against a floor, the iterator against bpf_loop and bpf_for,
# and the verifier's cost of each program (bench/). Builds the programs
# and their loader against the series (like build-demo.sh), boots the
# kernel once under QEMU's -icount, runs the loader there, and writes
# out/bench/bench.md (tables), out/bench/bench.png (plot),
# out/bench/raw.txt (the loader's output) and out/bench/jited.txt (the JITed
# code of the floor and getter programs).
#   BENCH_ROUNDS     rounds, the median is taken over them (default 11)
#   BENCH_TARGET_NS  guest time of one BPF_PROG_TEST_RUN call (default 2 ms)
#   BENCH_ICOUNT     the -icount option (default shift=0,sleep=off)
#   BENCH_REPORT=1   only write bench.md and bench.png again from raw.txt
here=$(cd "$(dirname "$0")" && pwd)
OUT=${OUT:-$(cd "$here/.." && pwd)/out}
LOGS=${LOGS:-$OUT/bench/logs}
export OUT LOGS
. "$here/common.sh"

B=$OUT/bench
ROUNDS=${BENCH_ROUNDS:-11}
TARGET_NS=${BENCH_TARGET_NS:-2000000}
ICOUNT=${BENCH_ICOUNT:-shift=0,sleep=off}
command -v gnuplot >/dev/null || die "gnuplot missing: make deps"
mkdir -p "$B"

build() {
	need_libbpf
	[ -r "$OBJ/arch/x86/boot/bzImage" ] || die "no kernel in $OBJ: make kernel first"
	say "building bench/ against the series"
	run_logged bench-build sh -c "
		$BPF_CC -mcpu=v3 -Wall -I'$TOP/bench' \
			-c '$TOP/bench/dynptr_bench.bpf.c' -o '$B/dynptr_bench.bpf.o' &&
		$LOADER_CC -I'$TOP/bench' '$TOP/bench/dynptr_bench.c' $LOADER_LIBS \
			-o '$B/dynptr_bench'"
}

# One boot. -icount: the guest's clocks advance 2^shift ns per guest
# instruction, whatever the host does; one vCPU, since -icount runs TCG
# single-threaded anyway.
run_vm() {
	say "booting once under QEMU -icount $ICOUNT (1 vCPU): $ROUNDS rounds"
	_start=$(date +%s)
	_rc=0
	VM_SMP=1 VM_QEMU_ARGS="-icount $ICOUNT" sh "$TOP/scripts/vm.sh" -t 900 \
		sh "$TOP/bench/run-in-vm.sh" "$B" "$ROUNDS" "$TARGET_NS" "$STO/tools/sbin/bpftool" \
		>"$B/raw.txt" || _rc=$?
	echo $(($(date +%s) - _start)) >"$B/vm-seconds"
	printf 'BENCH|meta|icount|%s\n' "$ICOUNT" >>"$B/raw.txt"
	grep -v '^BENCH|\|^JIT|' "$B/raw.txt" >&2 || true
	[ "$_rc" = 0 ] ||
		die "the bench failed in the VM (exit $_rc): $B/raw.txt, $LOGS/vm-console.log"
	grep -q '^BENCH|op|' "$B/raw.txt" || die "no results in $B/raw.txt"
}

if [ -z "${BENCH_REPORT:-}" ]; then
	rm -f "$B/raw.txt" "$B/bench.md" "$B/bench.png" "$B/vm-seconds"
	build
	run_vm
fi
[ -r "$B/raw.txt" ] || die "no $B/raw.txt: run make bench"
secs=$(cat "$B/vm-seconds" 2>/dev/null || echo "?")
ICOUNT=$(awk -F'|' '$2 == "meta" && $3 == "icount" { print $4 }' "$B/raw.txt")

shift_n=$(printf '%s\n' "$ICOUNT" | sed -n 's/.*shift=\([0-9]*\).*/\1/p')
method="QEMU TCG with \`-icount $ICOUNT\` (1 vCPU): the guest's clocks advance 2^shift ns per guest \
instruction executed (here shift=${shift_n:-?}; shift=0 is exactly 1 ns per instruction), so every \
duration below is a count of guest x86 instructions (JITed program + helper or \
kfunc body), independent of the load on the host. TCG wall time is not used: it measures \
QEMU's translation and the host's load, not the guest code. What instruction counting does \
not see: cache misses, branch prediction and call/return costs of a real CPU."

# the markdown table ---------------------------------------------------
# bench/targets.txt: why a target can be missed, KEY|TEXT; printed for
# the targets that were.
awk -F'|' -v method="$method" -v date="$(date -u -r "$B/raw.txt" '+%Y-%m-%d %H:%M UTC')" \
	-v secs="$secs" '
function verdict(s,	n, p, i, r) {
	n = split(s, p, " / ")
	for (i = 1; i <= n; i++)
		r = r (i > 1 ? " / " : "") (p[i] == "no" ? "**no**" : p[i])
	return r
}
# a markdown table row of the fields of f named in list ("3 5 7")
function cells(f, list,	a, n, k, r) {
	n = split(list, a, " ")
	r = "|"
	for (k = 1; k <= n; k++)
		r = r " " f[a[k]] " |"
	return r
}
function addmiss(k) {
	if (!(k in seen)) {
		seen[k] = 1
		miss[++nmiss] = k
	}
}
FNR == NR { why[$1] = $2; next }
$1 != "BENCH" { next }
$2 == "meta" { meta[$3] = $4; next }
$2 == "run" { nrun++; run[nrun] = $0; ns[$3] = $5;
	if ($5 > 0 && ($7 - $6) / $5 > spread) spread = ($7 - $6) / $5; next }
$2 == "op" { nop++; op[nop] = $0; H[$3] = $5; K[$3] = $6; F[$3] = $7; next }
$2 == "parse" { nparse++; parse[nparse] = $0; next }
$2 == "target" { tgt[$3] = $4; next }
END {
	printf "# make bench: dynptr helpers vs the 6.12 kfuncs\n\n"
	printf "%s, kernel %s, JIT on, %s rounds (variants interleaved, medians), " \
		"%s loop iterations a run; the VM run of `make bench` took %s s.\n\n",
		date, meta["kernel"], meta["rounds"], meta["iters"], secs
	printf "**Method.** %s The fixed cost of a BPF_PROG_TEST_RUN run (measured by a program " \
		"with the same prologue and no loop) is subtracted before dividing by the " \
		"iterations. Reproducibility: the largest spread (max - min) between rounds of any " \
		"program was %.2f%% of its median. Guest clocksource %s; /sys/.../vulnerabilities/spectre_v2: %s.\n\n",
		method, 100 * spread, meta["clocksource"], meta["spectre_v2"]

	printf "## Per operation\n\n"
	printf "ns of guest time (= guest instructions) per loop iteration. The floor is the same " \
		"loop doing a plain load from the stack. Targets: inlined getters <= 1.2x the floor " \
		"and <= 0.5x the kfunc, the other helpers <= 1.05x their kfunc.\n\n"
	printf "| op | helper | kfunc | floor | helper/kfunc | helper/floor | kfunc/floor | target | met | kfunc compared |\n"
	printf "|---|---:|---:|---:|---:|---:|---:|---|---|---|\n"
	for (i = 1; i <= nop; i++) {
		split(op[i], f, "|")
		split(op[i], g, "|")
		g[11] = verdict(f[11])
		if (f[4] !~ /^\(/)
			g[4] = "`" f[4] "`"
		print cells(g, "3 5 6 7 8 9 17 10 11 4")
		if (f[11] ~ /^no/)
			addmiss(f[10] ~ /floor/ ? "getter-floor" : f[3])
		if (f[11] ~ / no$/)
			addmiss("getter-kfunc")
		if (f[16] == "no")
			vmiss = vmiss " " f[3]
	}

	printf "\n## String parsing\n\n"
	printf "%s bytes of `key=value;` records (%s records, 3 to 30 bytes), read one byte at a time " \
		"with `bpf_dynptr_read` by the same scanner; only the walk over the records differs. " \
		"Throughput in MB per second of guest time. Target: the iterator >= bpf_loop.\n\n",
		meta["text_bytes"], meta["records"]
	printf "| walk | ns per run | MB/s | vs bpf_loop | verifier insns | states |\n"
	printf "|---|---:|---:|---:|---:|---:|\n"
	for (i = 1; i <= nparse; i++) {
		split(parse[i], f, "|")
		printf "| %s | %s | %s | %.2fx | %s | %s |\n", f[3], f[5], f[7], f[8], f[9], f[10]
		pns[f[4]] = f[5]
	}
	t = tgt["iterator >= bpf_loop throughput"]
	printf "\nIterator >= bpf_loop throughput: %s\n", verdict(t)
	if (t == "no")
		addmiss("iterator")

	printf "\n## Verifier\n\n"
	printf "Processed instructions and total states, helper form vs kfunc form of each op " \
		"program (the verifier walks each of the %s iterations). Target: helper form <= " \
		"kfunc form.\n\n", meta["iters"]
	printf "| op | helper insns | kfunc insns | helper states | kfunc states | insns <= kfunc |\n"
	printf "|---|---:|---:|---:|---:|---|\n"
	for (i = 1; i <= nop; i++) {
		split(op[i], f, "|")
		split(op[i], g, "|")
		g[16] = verdict(f[16])
		print cells(g, "3 12 13 14 15 16")
	}
	if (vmiss != "")
		addmiss("verifier")

	printf "\n## Targets missed, and why\n\n"
	if (!nmiss)
		printf "None.\n"
	for (i = 1; i <= nmiss; i++) {
		k = miss[i]
		text = (k in why) ? why[k] : "no analysis recorded in bench/targets.txt."
		if (k == "iterator" && meta["records"] > 0)
			text = text sprintf(" Here: %.1f instructions more per record than bpf_loop.",
				(pns["parse_iter"] - pns["parse_loop"]) / meta["records"])
		key = (k ~ /^getter/) ? "get_size" : k
		gsub(/\{D\}/, sprintf("%.0f", H[key] - K[key]), text)
		gsub(/\{K\}/, sprintf("%.0f", K[key]), text)
		gsub(/\{F\}/, sprintf("%.0f", F[key]), text)
		if (k == "verifier")
			text = text " (" substr(vmiss, 2) ")"
		printf "- **%s**: %s\n", k, text
	}

	printf "\n## Every program\n\n"
	printf "BPF insns after the verifier (inlining included) and JITed bytes are what runs; " \
		"the JITed code of the floor and the getters is in jited.txt.\n\n"
	printf "| program | repeat | median ns/run | min | max | verifier insns | max states/insn | states | peak states | BPF insns run | JITed bytes |\n"
	printf "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n"
	for (i = 1; i <= nrun; i++) {
		split(run[i], f, "|")
		print cells(f, "3 4 5 6 7 8 9 10 11 12 13")
	}
	if (meta["checks_failed"] != 0)
		printf "\n**%s correctness checks failed** (see raw.txt)\n", meta["checks_failed"]
}' "$TOP/bench/targets.txt" "$B/raw.txt" >"$B/bench.md"
awk -F'|' '$1 == "JIT" { sub(/^JIT\|[^|]*\|/, ""); print }' "$B/raw.txt" >"$B/jited.txt"

# the plot ---------------------------------------------------------------
awk -F'|' '$1 == "BENCH" && $2 == "op" {
	printf "\"%s\" %s %s %s %s %s\n", $3, $5, $6, $7, $12, ($13 == "-" ? "-" : $13) }' \
	"$B/raw.txt" >"$B/ops.dat"
awk -F'|' '$1 == "BENCH" && $2 == "parse" { printf "\"%s\" %s\n", $3, $7 }' \
	"$B/raw.txt" >"$B/parse.dat"
gnuplot <<EOF 2>"$LOGS/bench-gnuplot.log" || die "gnuplot failed: $LOGS/bench-gnuplot.log"
set terminal png size 1500,600 font ",10" noenhanced
set output "$B/bench.png"
set datafile missing "-"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set grid ytics
set yrange [0:*]
set offsets 0, 0, graph 0.08, 0
set xtics rotate by -35 nomirror offset -1,0
set key top left
set multiplot layout 1,3 title "make bench (QEMU -icount $ICOUNT: 2^${shift_n:-?} ns of guest time per guest instruction)"
set title "per operation"
set ylabel "ns of guest time per iteration"
plot "$B/ops.dat" using 2:xtic(1) title "helper", '' using 3 title "kfunc", '' using 4 title "floor"
set title "string parsing, $(awk -F'|' '$3 == "text_bytes" { print $4 }' "$B/raw.txt") bytes"
set ylabel "MB per second of guest time"
set key off
plot "$B/parse.dat" using 2:xtic(1) title "MB/s" lc rgb "#4477aa"
set title "verifier"
set ylabel "processed instructions"
set key top left
plot "$B/ops.dat" using 5:xtic(1) title "helper form", '' using 6 title "kfunc form"
unset multiplot
EOF

cat "$B/bench.md"
say "wrote $B/bench.md, $B/bench.png, $B/raw.txt (VM run ${secs}s)"
awk -F'|' '$2 == "meta" && $3 == "checks_failed" { exit $4 != 0 }' "$B/raw.txt" ||
	die "the helper and kfunc forms or the parsers disagreed: see $B/raw.txt"
