#!/bin/sh
# Build every prefix of the series: the kernel (same config as make check),
# tools/lib/bpf and tools/bpf/bpftool, each in its own worktree and output
# directories under $CACHE/bisect-*, so $SRC and $OBJ are left alone.
# Slow (ccache makes the kernel steps incremental); not part of make check.
. "$(dirname "$0")/common.sh"

sh "$TOP/scripts/apply.sh"
WT=$CACHE/bisect-$KEY
if [ ! -d "$WT" ]; then
	git -C "$SRC" worktree prune
	git -C "$SRC" worktree add -q --detach "$WT" base
fi
n=$(git -C "$SRC" rev-list --count base..series)
failed=0
for c in $(git -C "$SRC" rev-list --reverse base..series); do
	subj=$(git -C "$SRC" log -1 --format=%s "$c")
	say "prefix $(git -C "$SRC" rev-list --count base.."$c")/$n: $subj"
	git -C "$WT" checkout -q --detach "$c"
	for step in kernel libbpf bpftool; do
		case $step in
		kernel) cmd="KSRC=$WT KOBJ=$CACHE/bisect-obj-$KEY sh $TOP/scripts/build-kernel.sh" ;;
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
[ "$failed" -eq 0 ] || die "$failed build steps failed"
say "every prefix of the $n patches builds"
