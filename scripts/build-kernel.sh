#!/bin/sh
# Build the kernel in $SRC (the series applied) into $OBJ with ccache.
# .config = tinyconfig + config/kernel.config + the selftests' own config
# (+ config/kasan.config for make check-kasan, + fragments given as arguments;
# KERNEL_LEAN=1: without the selftests' config).
. "$(dirname "$0")/common.sh"

[ -e "$SRC/.git" ] || die "no work tree at $SRC: run 'make apply' first"
mkdir -p "$OBJ"

# KERNEL_LEAN=1 (the fixes-only kernel of scripts/fixes.sh): without the
# selftests' config, which its tests do not need; the series' UAPI header
# changes what most files include, so ccache cannot serve that kernel from
# the series' build, and the lean one compiles far fewer files
sfconfig=$SRC/tools/testing/selftests/bpf/config
[ -z "${KERNEL_LEAN:-}" ] || sfconfig=
frags="$TOP/config/kernel.config $sfconfig $KFRAGS $*"
stamp=$(cat $frags | sha256sum | cut -c1-16)
if [ "$(cat "$OBJ/.config-inputs" 2>/dev/null)" != "$stamp" ]; then
	say "configuring kernel in $OBJ"
	configure() {
		make -C "$SRC" O="$OBJ" tinyconfig &&
		(cd "$OBJ" && "$SRC/scripts/kconfig/merge_config.sh" -m .config $frags) &&
		make -C "$SRC" O="$OBJ" olddefconfig
	}
	run_logged kconfig configure
	# Options the harness cannot live without: fail early if Kconfig
	# dropped one (a missing dependency in the fragment).
	for opt in BPF_SYSCALL BPF_JIT DEBUG_INFO_BTF MODULES NET_NS KEYS \
		   9P_FS NET_9P_VIRTIO VIRTIO_PCI SERIAL_8250_CONSOLE VETH \
		   NET_CLS_BPF CGROUP_BPF DEVTMPFS \
		   ${CHECK_KASAN:+KASAN KASAN_VMALLOC UBSAN PROVE_LOCKING}; do
		grep -q "^CONFIG_$opt=y" "$OBJ/.config" ||
			die "CONFIG_$opt is not set after olddefconfig"
	done
	! grep -q '^CONFIG_BPF_JIT_ALWAYS_ON=y' "$OBJ/.config" ||
		die "CONFIG_BPF_JIT_ALWAYS_ON is set: the interpreter is needed"
	echo "$stamp" >"$OBJ/.config-inputs"
fi

say "building kernel (bzImage, modules) with -j$JOBS"
start=$(date +%s)
run_logged kernel-build make -C "$SRC" O="$OBJ" -j"$JOBS" \
	CC="ccache gcc" HOSTCC="ccache gcc" bzImage modules
say "kernel built in $(($(date +%s) - start)) s: $OBJ/arch/x86/boot/bzImage"
