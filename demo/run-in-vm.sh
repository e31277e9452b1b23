#!/bin/sh
# Runs inside the VM for `make run` (interim demo until issue 6's packet
# parser): shows that the running kernel offers the dynptr helpers, where,
# and runs the series' helper tests with the JIT and with the interpreter.
sto=$1
cd "$sto" || exit 1
echo "Kernel: $(uname -r)"
echo
echo "Dynptr helpers bpftool (built from the series) finds, per program type:"
./tools/sbin/bpftool feature probe kernel 2>/dev/null | awk '
	/program type/ { t = $NF; sub(/:$/, "", t); next }
	/bpf_dynptr_(from_skb|from_xdp|advance|trim|is_null|is_rdonly|get_size|get_offset)$/ {
		h = $2; list[h] = list[h] " " t
	}
	END { for (h in list) printf "  %-22s%s\n", h, list[h] }' | sort
status=0
for jit in 1 0; do
	echo "$jit" >/proc/sys/net/core/bpf_jit_enable
	echo
	echo "test_progs -t dynptr_helpers with bpf_jit_enable=$jit:"
	./test_progs -t dynptr_helpers -b dynptr_helpers_kfunc | tail -n 1 || status=1
done
exit $status
