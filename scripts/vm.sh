#!/bin/sh
# vm.sh [-t SECONDS] [-i] CMD...
# Boot $OBJ's bzImage in QEMU with the host's / shared read-only over 9p,
# run CMD (through sh, in the current directory) and exit with its status.
#   -t N  time limit for the whole run (default $VM_TIMEOUT or 900 s)
#   -i    interactive: a shell on the console instead of CMD
# VM_QEMU_ARGS adds QEMU options (e.g. "-icount shift=0"); KOBJ, KERNEL,
# VM_CONSOLE, LOGS select another kernel build and log files.  VM_ROOT=DIR
# boots DIR (e.g. the Debian 13 root of trixie-root.sh) as the guest's /
# instead of the host's, with the clone and $CACHE bound from the host.
# The full console log is $LOGS/vm-console.log.  KVM is used only when a
# short probe shows that a guest boots with it; otherwise TCG.
. "$(dirname "$0")/common.sh"

timeout=${VM_TIMEOUT:-900}
interactive=
while getopts t:i opt; do
	case $opt in
	t) timeout=$OPTARG ;;
	i) interactive=1 ;;
	*) die "usage: vm.sh [-t SECONDS] [-i] CMD..." ;;
	esac
done
shift $((OPTIND - 1))
[ -n "$interactive" ] || [ $# -gt 0 ] || die "usage: vm.sh [-t SECONDS] [-i] CMD..."

KERNEL=${KERNEL:-$OBJ/arch/x86/boot/bzImage}
[ -r "$KERNEL" ] || die "no kernel at $KERNEL: run 'make kernel' first"
MEM=${VM_MEM:-2G}
SMP=${VM_SMP:-2}
CONSOLE=${VM_CONSOLE:-$LOGS/vm-console.log}

# boot NAME ACCEL SECONDS: one VM run with $run prepared; sets $rc.
boot() {
	_accel=$2
	_limit=$3
	_cpu=max
	[ "$_accel" = kvm ] && _cpu=host
	_root=/ _init=$TOP/scripts/guest-init.sh _host= _clock=
	# the host's TSC rate for a TCG guest (common.sh vm_clock)
	[ "$_accel" = tcg ] && _clock=$(vm_clock)
	if [ -n "${VM_ROOT:-}" ]; then
		mkdir -p "$VM_ROOT/host" "$VM_ROOT$TOP" "$VM_ROOT$CACHE"
		cp "$TOP/scripts/guest-init.sh" "$VM_ROOT/dynptr-init"
		_root=$VM_ROOT _init="/dynptr-init vm_top=$TOP vm_cache=$CACHE"
		_host="-fsdev local,id=host,path=/,security_model=none,readonly=on,multidevs=remap
			-device virtio-9p-pci,fsdev=host,mount_tag=host"
	fi
	# shellcheck disable=SC2086
	set -- qemu-system-x86_64 -machine q35,accel="$_accel" -cpu "$_cpu" \
		-m "$MEM" -smp "$SMP" -no-reboot -nodefaults -display none \
		-kernel "$KERNEL" \
		-append "console=ttyS0 earlyprintk=serial root=/dev/root rootfstype=9p rootflags=trans=virtio,version=9p2000.L,cache=loose ro init=$_init panic=-1 oops=panic loglevel=6 $_clock vm_run=$run" \
		-fsdev local,id=root,path="$_root",security_model=none,readonly=on,multidevs=remap \
		-device virtio-9p-pci,fsdev=root,mount_tag=/dev/root \
		-fsdev local,id=run,path="$run",security_model=none \
		-device virtio-9p-pci,fsdev=run,mount_tag=run $_host ${VM_QEMU_ARGS:-}
	rc=0
	if [ -n "$interactive" ]; then
		timeout --foreground "$_limit" "$@" -serial mon:stdio || rc=$?
	else
		timeout -k 5 "$_limit" "$@" -serial "file:$CONSOLE" </dev/null || rc=$?
	fi
}

# KVM probe, once per host boot: does a guest get to run `true`?
accel=tcg
if [ -z "${VM_ACCEL:-}" ] && [ -w /dev/kvm ]; then
	probe=$CACHE/kvm-probe.$(cat /proc/sys/kernel/random/boot_id)
	if [ ! -f "$probe" ]; then
		say "probing KVM (20 s at most)"
		run=$(mktemp -d "$CACHE/vmrun.XXXXXX")
		echo true >"$run/cmd"; echo / >"$run/cwd"
		( CONSOLE=$run/console; interactive=; boot probe kvm 20 ) >/dev/null 2>&1
		if [ "$(cat "$run/status" 2>/dev/null)" = 0 ]; then
			echo kvm >"$probe"
		else
			echo tcg >"$probe"
		fi
		rm -rf "$run"
	fi
	accel=$(cat "$probe")
fi
accel=${VM_ACCEL:-$accel}

run=$(mktemp -d "$CACHE/vmrun.XXXXXX")
trap 'rm -rf "$run"' EXIT
pwd >"$run/cwd"
if [ -n "$interactive" ]; then
	echo 'echo "dynptr-helpers VM: exit the shell to power off"; exec sh -i </dev/console >/dev/console 2>&1' >"$run/cmd"
else
	# Quote each argument so the command arrives as given.
	for a in "$@"; do
		printf "'%s' " "$(printf '%s' "$a" | sed "s/'/'\\\\''/g")"
	done >"$run/cmd"
fi
: >"$run/output"

say "booting $KERNEL ($accel, ${timeout}s limit): $*"
start=$(date +%s)
if [ -n "$interactive" ]; then
	boot run "$accel" "$timeout"
	exit 0
fi
tail -n +1 -f "$run/output" &
tailpid=$!
# the tail holds this run's open files (the cache lock among them): it
# goes with the run, also when the run is killed
trap 'kill "$tailpid" 2>/dev/null || true; rm -rf "$run"' EXIT
trap 'exit 130' INT TERM
boot run "$accel" "$timeout"
sleep 1
kill "$tailpid" 2>/dev/null || true
wait "$tailpid" 2>/dev/null || true
secs=$(($(date +%s) - start))

status=$(cat "$run/status" 2>/dev/null || true)
# A kernel splat fails the run even when the command succeeded.
# lockdep's "INFO: trying to register non-static key" has no BUG/WARNING line.
splat=$(grep -E 'BUG:|WARNING:|Oops|Kernel panic|KASAN|UBSAN|possible circular|general protection|INFO: trying to register|locking correctness validator' "$CONSOLE" | head -n 5 || true)
if [ -z "$status" ]; then
	if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
		why="timed out after ${timeout}s"
	else
		why="guest died (qemu exit $rc)"
	fi
	printf 'ERROR: VM run %s; last console lines (%s):\n' "$why" "$CONSOLE" >&2
	tail -n 30 "$CONSOLE" | sed 's/^/    /' >&2
	exit 125
fi
if [ -n "$splat" ]; then
	printf 'ERROR: kernel reported problems during the run (%s):\n' "$CONSOLE" >&2
	printf '%s\n' "$splat" | sed 's/^/    /' >&2
	exit 126
fi
say "VM run finished in ${secs}s, exit status $status"
exit "$status"
