#!/bin/sh
# Build every prefix of the series: the kernel (config/bisect.config, or
# the make check config with BISECT_FULL=1),
# tools/lib/bpf and tools/bpf/bpftool, each in its own worktree and output
# directories under $CACHE/bisect-*, so $SRC and $OBJ are left alone; then
# the whole series' kernel without CONFIG_NET (config/bisect-nonet.config).
# Slow (ccache makes the kernel steps incremental); not part of make check.
. "$(dirname "$0")/common.sh"

sh "$TOP/scripts/apply.sh"
WT=$CACHE/bisect-$KEY
if [ ! -d "$WT" ]; then
	git -C "$SRC" worktree prune
	git -C "$SRC" worktree add -q --detach "$WT" base
fi
n=$(git -C "$SRC" rev-list --count base..series)
KO=$CACHE/bisect-obj-$KEY
if [ -n "${BISECT_FULL:-}" ]; then
	kernel_cmd="KSRC=$WT KOBJ=$KO-full sh $TOP/scripts/build-kernel.sh"
else
	# config/bisect.config on tinyconfig, configured once
	mkdir -p "$KO"
	kernel_cmd="{ [ -f $KO/.config ] || { make -C $WT O=$KO tinyconfig &&
		(cd $KO && $WT/scripts/kconfig/merge_config.sh -m .config \
			$TOP/config/bisect.config) &&
		make -C $WT O=$KO olddefconfig; }; } &&
		make -C $WT O=$KO -j$JOBS CC='ccache gcc' HOSTCC='ccache gcc' vmlinux"
fi
start=$(date +%s)
failed=0
for c in $(git -C "$SRC" rev-list --reverse base..series); do
	subj=$(git -C "$SRC" log -1 --format=%s "$c")
	say "prefix $(git -C "$SRC" rev-list --count base.."$c")/$n: $subj"
	git -C "$WT" checkout -q --detach "$c"
	for step in kernel libbpf bpftool; do
		case $step in
		kernel) cmd=$kernel_cmd ;;
		libbpf) cmd="make -C $WT/tools/lib/bpf OUTPUT=$CACHE/bisect-libbpf-$KEY/ -j$JOBS" ;;
		bpftool) cmd="make -C $WT/tools/bpf/bpftool OUTPUT=$CACHE/bisect-bpftool-$KEY/ -j$JOBS" ;;
		esac
		mkdir -p "$CACHE/bisect-libbpf-$KEY" "$CACHE/bisect-bpftool-$KEY"
		if run_logged "bisect-$step" sh -c "$cmd"; then
			echo "PASS $step at: $subj"
		else
			echo "FAIL $step at: $subj"
			failed=$((failed + 1))
		fi
	done
done
# the whole series (the last prefix, checked out) without networking
KN=$KO-nonet
mkdir -p "$KN"
if run_logged bisect-kernel-nonet sh -c "{ [ -f $KN/.config ] || { make -C $WT O=$KN tinyconfig &&
		(cd $KN && $WT/scripts/kconfig/merge_config.sh -m .config \
			$TOP/config/bisect-nonet.config) &&
		make -C $WT O=$KN olddefconfig; }; } &&
		make -C $WT O=$KN -j$JOBS CC='ccache gcc' HOSTCC='ccache gcc' vmlinux"; then
	echo "PASS kernel without CONFIG_NET at: $subj"
else
	echo "FAIL kernel without CONFIG_NET at: $subj"
	failed=$((failed + 1))
fi
[ "$failed" -eq 0 ] || die "$failed build steps failed"
say "every prefix of the $n patches builds ($(($(date +%s) - start)) s)"
