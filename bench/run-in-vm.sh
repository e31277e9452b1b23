#!/bin/sh
# Runs inside the VM for `make bench`:
#   run-in-vm.sh BENCH_DIR ROUNDS TARGET_NS [BPFTOOL]
# BENCH_DIR holds dynptr_bench and dynptr_bench.bpf.o (built by
# scripts/bench.sh). The kfunc forms and bpf_for need the JIT. With
# BPFTOOL, the loader also prints the JITed code of every program.
dir=$1
echo 1 >/proc/sys/net/core/bpf_jit_enable || exit 2
echo "BENCH|meta|kernel|$(uname -r)"
echo "BENCH|meta|clocksource|$(cat /sys/devices/system/clocksource/clocksource0/current_clocksource)"
echo "BENCH|meta|jit|$(cat /proc/sys/net/core/bpf_jit_enable)"
echo "BENCH|meta|cpus|$(grep -c ^processor /proc/cpuinfo)"
echo "BENCH|meta|spectre_v2|$(cat /sys/devices/system/cpu/vulnerabilities/spectre_v2 2>/dev/null || echo unknown)"
[ -n "${4:-}" ] && export BENCH_BPFTOOL="$4"
exec "$dir/dynptr_bench" "$dir/dynptr_bench.bpf.o" "$2" "$3"
