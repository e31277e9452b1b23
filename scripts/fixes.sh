#!/bin/sh
# The fixes of config/standalone-fixes, alone on the bare base, as a stable
# tree would take them (their tests use 6.12's kfuncs, so they run with the
# JIT only):
#   fixes.sh apply   they apply in order (git am), in $CACHE/fixes/src-K
#   fixes.sh build   + that kernel and the selftests their tests need
#   fixes.sh plan P  write the guest plan P that runs those tests
# The fixes' trees live in $CACHE/fixes/ with the series' layout (src-K,
# obj-K, selftests-K).  The kernel is a lean one (tinyconfig +
# config/kernel.config, KERNEL_LEAN=1): the series' UAPI header is in
# most files, so ccache has little of the series' build to give it, and
# the selftests' config, which its tests do not need, adds about 40%
# to the files it compiles (1,150 lean against about 1,600).
. "$(dirname "$0")/common.sh"

PATCHES=${PATCHES:-$TOP/patches}
fdir=$CACHE/fixes
wt=$fdir/src-$KEY
list=$TOP/config/standalone-fixes
mkdir -p "$fdir"

# fix numbers, and the test_progs selectors that prove them
fixes() { sed 's/#.*//' "$list" | awk 'NF { print $1 }'; }
selectors() { sed 's/#.*//' "$list" | awk 'NF > 1 { print $2 }' | tr ',' '\n' | sort -u; }

apply() {
	# the worktree is kept, so that a rebuild is incremental: when the
	# fixes changed, back to the base (only the files the fixes touch
	# change), then the fixes
	stamp=$(for n in $(fixes); do cat "$PATCHES/$n"-*.patch; done | sha256sum | cut -c1-16)
	if ! git -C "$wt" rev-parse -q --verify HEAD >/dev/null 2>&1; then
		base_worktree "$wt"
	elif [ "$(cat "$fdir/applied" 2>/dev/null)" = "$stamp" ] &&
	     [ -z "$(git -C "$wt" status --porcelain --untracked-files=no)" ]; then
		echo "applied already: $(fixes | tr '\n' ' ')"
		return 0
	fi
	rm -f "$fdir/applied"
	git -C "$wt" am --abort >/dev/null 2>&1 || true
	git -C "$wt" checkout -q --detach base
	git -C "$wt" clean -q -fd -- tools/testing/selftests/bpf/prog_tests tools/testing/selftests/bpf/progs
	for n in $(fixes); do
		p=$(ls "$PATCHES/$n"-*.patch 2>/dev/null) || die "no patch $n in $PATCHES"
		git -C "$wt" am -q --no-3way --committer-date-is-author-date "$p" ||
			die "$(basename "$p") does not apply to the base with the fixes before it"
		echo "applies: $(basename "$p")"
	done
	echo "$stamp" >"$fdir/applied"
}

export KSRC=$wt KOBJ=$fdir/obj-$KEY KSTO=$fdir/selftests-$KEY
case ${1:-} in
apply) apply ;;
build)
	apply
	KERNEL_LEAN=1 sh "$TOP/scripts/build-kernel.sh"
	# only the test files and BPF programs of the fixes' tests
	SELFTESTS_SELECT=$(selectors | tr '\n' ',') \
		sh "$TOP/scripts/build-selftests.sh" ;;
plan)
	cat >"${2:?usage: fixes.sh plan FILE}" <<EOF
STO='$KSTO'
TESTS='$(selectors | tr '\n' ',' | sed 's/,$//')'
TESTS_INTERP=
EOF
	;;
*) die "usage: fixes.sh apply | build | plan FILE" ;;
esac
