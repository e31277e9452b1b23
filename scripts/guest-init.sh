#!/bin/sh
# PID 1 of the test VM (see vm.sh).  The root file system is the host's /
# (or vm.sh's VM_ROOT), read-only over 9p; $VM_RUN (rw 9p, tag "run") holds
# the command to run and receives its output and exit status.  Everything
# the guest writes goes to tmpfs or to $VM_RUN.
PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export PATH
HOME=/tmp
export HOME

mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev 2>/dev/null  # the kernel may have done it
mkdir -p /dev/pts /dev/shm
mount -t devpts devpts /dev/pts
mount -t tmpfs tmp /dev/shm
# The clone or the cache may live under one of the directories that get a
# tmpfs (a clone in /tmp): keep the host's view of them visible.
run=$(sed -n 's/.*vm_run=\([^ ]*\).*/\1/p' /proc/cmdline)
top=$(sed -n 's/.*vm_top=\([^ ]*\).*/\1/p' /proc/cmdline)
if [ -n "$top" ]; then
	# Booted with another root (vm.sh VM_ROOT=): the host's / is the 9p
	# tag "host"; the clone and the cache come from it, read-only.
	mount -t 9p -o trans=virtio,version=9p2000.L,cache=loose,ro host /host
	for k in "$top" "$(sed -n 's/.*vm_cache=\([^ ]*\).*/\1/p' /proc/cmdline)"; do
		mount --bind "/host$k" "$k"
	done
else
	top=$(cd "$(dirname "$0")/.." && pwd)
fi
for d in /tmp /run /var/tmp /var/lib /root; do
	keep=
	for k in "$top" "${run%/*}"; do
		case $k in "$d"/*) keep="$keep $k" ;; esac
	done
	for k in $keep; do
		mkdir -p "/dev/shm/keep$k" && mount --bind "$k" "/dev/shm/keep$k"
	done
	mount -t tmpfs tmp "$d"
	for k in $keep; do
		mkdir -p "$k" && mount --move "/dev/shm/keep$k" "$k"
	done
done
mount -t bpf bpf /sys/fs/bpf
mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null
mount -t tracefs tracefs /sys/kernel/tracing 2>/dev/null
mount -t cgroup2 cgroup2 /sys/fs/cgroup 2>/dev/null
ip link set lo up 2>/dev/null
ulimit -l unlimited 2>/dev/null

mount -t 9p -o trans=virtio,version=9p2000.L,cache=none run "$run"

cd "$(cat "$run/cwd")" 2>/dev/null || cd /
# The command's output goes to the host (streamed from $run/output) and to
# the console log.
sh "$run/cmd" >"$run/output" 2>&1
echo $? >"$run/status"
sync
# Reboot = exit: QEMU runs with -no-reboot (tinyconfig has no ACPI power-off).
# Without sysrq, init exiting ends the VM the same way (panic=-1).
echo b >/proc/sysrq-trigger 2>/dev/null
sleep 30
