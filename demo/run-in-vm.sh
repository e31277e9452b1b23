#!/bin/sh
# Runs inside the VM for `make run`:
#   run-in-vm.sh SELFTESTS_DIR DEMO_DIR
# Shows which program types the running kernel offers the dynptr helpers
# to (bpftool built from the series), then runs the packet demo: a veth
# pair whose peer lives in network namespace "kvpeer", the demo program
# at tc egress of veth0, and UDP packets sent through it. The exit status
# is the loader's: 0 when every report was as expected.
sto=$1 demo=$2
echo "Kernel: $(uname -r)"
echo
echo "bpftool feature probe: the dynptr helpers, per program type"
"$sto/tools/sbin/bpftool" feature probe kernel 2>/dev/null | awk '
	/program type/ { t = $NF; sub(/:$/, "", t); next }
	/bpf_dynptr_(from_skb|from_xdp|advance|trim|is_null|is_rdonly|get_size|get_offset|clone|iterator)$/ {
		h = $2; n[h]++; if (n[h] <= 4) list[h] = list[h] " " t
	}
	END { for (h in list) printf "  %-22s%3d types:%s%s\n", h, n[h], list[h], (n[h] > 4 ? " ..." : "") }' | sort
echo

set -e
ip link add veth0 type veth peer name veth1
ip netns add kvpeer
ip link set veth1 netns kvpeer
ip addr add 10.77.0.1/24 dev veth0
ip link set veth0 up
ip -n kvpeer addr add 10.77.0.2/24 dev veth1
ip -n kvpeer link set veth1 up
ip -n kvpeer link set lo up
set +e
for jit in 1 0; do
	echo "$jit" >/proc/sys/net/core/bpf_jit_enable
	echo "bpf_jit_enable=$jit"
	"$demo/kv_demo" "$demo/kv_demo.bpf.o" veth0 10.77.0.2 || status=$?
	echo
done
exit ${status:-0}
