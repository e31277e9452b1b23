#!/bin/sh
# make check-trixie: the series on Debian 13, built and run with Debian
# 13's tools; prints check.sh's result lines (check.sh counts them).
#  1. trixie's linux-source-6.12 of the same upstream release (quilt.sh
#     trixie unpacks it and proves the quilt series on it), the series
#     applied with git am in $CACHE/trixie/src;
#  2. the kernel built in the trixie root (gcc-14, pahole 1.30: its BTF
#     has the kfuncs' decl tags), config as make check's;
#  3. the selftests built there (clang-19) against the vmlinux.h the
#     series' bpftool dumps from that BTF: with kfunc prototypes;
#  4. the VM boots that kernel with the trixie root as its /: test_progs
#     on the dynptr tests and every test the series adds (JIT and
#     interpreter), test_verifier, bpftool's probe and the demo, against
#     make check's results of the same tests (out/series-results.txt);
#  5. the Debian 13 user program (debian13-user.sh) on this kernel.
# The trixie root's builds see $CACHE and the clone at their own paths
# (bind mounts, undone on exit).
. "$(dirname "$0")/common.sh"

root=$CACHE/trixie/root
wt=$CACHE/trixie/src
export KSRC=$wt KOBJ=$CACHE/trixie/obj KSTO=$CACHE/trixie/selftests
export CCACHE_DIR=$CACHE/trixie/ccache
PATCHES=${PATCHES:-$TOP/patches}
res() { echo "$1 trixie-$2"; }
# what the kernel and selftests builds need beyond trixie-root.sh's list
extra="bc bison flex libssl-dev cpio kmod python3 rsync ccache git xz-utils
libcap-dev libzstd-dev binutils-dev libdw-dev pkg-config lld-19 perl openssl"

binds=
unbind() {
	for d in $binds; do umount "$root$d" 2>/dev/null || true; done
	binds=
}
trap unbind EXIT
trap 'exit 130' INT TERM
# in_root CMD: CMD (sh -c) in the trixie root, with the paths it needs
# (a bind left by a killed run is taken over, and undone on exit)
in_root() {
	for d in /proc /dev /sys "$CACHE" "$TOP"; do
		case " $binds " in *" $d "*) continue ;; esac
		mkdir -p "$root$d"
		mountpoint -q "$root$d" || mount --bind "$d" "$root$d"
		binds="$d $binds"
	done
	chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
		CACHE="$CACHE" KSRC="$KSRC" KOBJ="$KOBJ" KSTO="$KSTO" \
		CCACHE_DIR="$CCACHE_DIR" OUT="$OUT" LOGS="$LOGS" JOBS="$JOBS" \
		sh -c "$1"
}

# 1. the trees
sh "$TOP/scripts/trixie-root.sh"
missing=$(for p in $extra; do
	chroot "$root" dpkg-query -W -f '${db:Status-Abbrev}' "$p" 2>/dev/null |
		grep -q '^ii' || echo "$p"
done)
if [ -n "$missing" ] && ! run_logged trixie-packages chroot "$root" sh -c \
	"apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	 --no-install-recommends $(echo $missing)"; then
	res FAIL "packages ($(echo $missing))"
	exit 0
fi
if env -u KSRC -u KOBJ -u KSTO sh "$TOP/scripts/quilt.sh" trixie >"$LOGS/trixie-quilt.log" 2>&1; then
	res PASS "quilt-series ($(sed -n 's/^==> quilt push -a --fuzz=0 onto //p' "$LOGS/trixie-quilt.log"))"
else
	res FAIL "quilt-series ($(tail -n 1 "$LOGS/trixie-quilt.log"))"
	exit 0
fi
ver=$(cat "$CACHE/trixie/base-version")	# quilt.sh trixie unpacked it
tsrc=$CACHE/trixie/src-$ver
stamp=$(cat "$PATCHES"/*.patch | sha256sum | cut -c1-16)
if [ "$(cat "$CACHE/trixie/applied" 2>/dev/null)" != "$stamp" ]; then
	rm -f "$CACHE/trixie/applied"
	if ! git -C "$wt" rev-parse -q --verify HEAD >/dev/null 2>&1; then
		git -C "$tsrc" worktree prune
		rm -rf "$wt"
		git -C "$tsrc" worktree add -q --detach "$wt" base
	fi
	git -C "$wt" am --abort >/dev/null 2>&1 || true
	git -C "$wt" checkout -q -f --detach base
	git -C "$wt" clean -q -fd
	for p in $(ls "$PATCHES"/*.patch | grep -v '/0000-cover-letter'); do
		git -C "$wt" -c user.name=t -c user.email=t@localhost am -q --no-3way \
			--committer-date-is-author-date "$p" >"$LOGS/trixie-apply.log" 2>&1 ||
			{ res FAIL "series-applies ($(basename "$p"))"; exit 0; }
	done
	git -C "$wt" branch -f series HEAD
	echo "$stamp" >"$CACHE/trixie/applied"
fi
res PASS "series-applies ($(git -C "$wt" rev-list --count base..HEAD) patches on Debian 13's $BASE_PACKAGE $ver)"

# 2. kernel, with trixie's gcc and pahole
start=$(date +%s)
if ! in_root "sh $TOP/scripts/build-kernel.sh" >"$LOGS/trixie-kernel.log" 2>&1; then
	res FAIL "kernel-build ($(grep -m1 -E 'error:|not found|\*\*\*' "$LOGS/kernel-build.log"))"
	exit 0
fi
tags=$(in_root "bpftool btf dump file $KOBJ/vmlinux" 2>/dev/null |
	grep -c "DECL_TAG 'bpf_kfunc'" || true)
gcc=$(sed -n 's/^CONFIG_CC_VERSION_TEXT="\(.*\)"/\1/p' "$KOBJ/.config")
pahole=$(chroot "$root" pahole --version)
if [ "$tags" -gt 0 ] && echo "$gcc" | grep -q ' 14\.'; then
	res PASS "kernel-build ($gcc, pahole $pahole: $tags kfunc decl tags; $(($(date +%s) - start)) s)"
else
	res FAIL "kernel-build ($gcc, pahole $pahole: $tags kfunc decl tags, expected gcc 14 and > 0)"
fi

# 3. selftests, with trixie's clang-19, against vmlinux.h with kfunc prototypes
start=$(date +%s)
if ! in_root "sh $TOP/scripts/build-selftests.sh" >"$LOGS/trixie-selftests.log" 2>&1; then
	res FAIL "selftests-build ($(grep -m1 -E 'error:|Error [0-9]' "$LOGS/trixie-selftests.log"))"
	exit 0
fi
protos=$(grep -c '__weak __ksym;$' "$KSTO/tools/include/vmlinux.h" || true)
if [ "$protos" -gt 0 ]; then
	res PASS "selftests-build (vmlinux.h with $protos kfunc prototypes; $(($(date +%s) - start)) s)"
else
	res FAIL "selftests-build (vmlinux.h has no kfunc prototypes)"
fi
in_root "STO=$KSTO sh $TOP/scripts/build-demo.sh" >"$LOGS/trixie-demo.log" 2>&1 &&
	res PASS demo-build || res FAIL "demo-build ($LOGS/trixie-demo.log)"
unbind

# 4. in the VM, Debian 13's user space
added=$(added_tests "$wt" base..HEAD)
cat >"$OUT/trixie-plan.sh" <<PLAN
STO='$KSTO'
TESTS='$(commas dynptr $added)'
TESTS_INTERP='$(commas $added)'
JIT_ONLY='$(commas $(sed 's/#.*//' "$TOP/config/jit-only-tests"))'
VERIFIER=1
PROBE='$TOP/config/probe-expect'
DEMO='$OUT/demo'
PLAN
rc=0
start=$(date +%s)
VM_ROOT=$root KOBJ=$KOBJ VM_CONSOLE=$LOGS/vm-console-trixie.log \
	sh "$TOP/scripts/vm.sh" -t 2400 sh -c "sed -n 's/^PRETTY_NAME=/# /p' /etc/os-release;
		sh $TOP/scripts/guest-tests.sh $OUT/trixie-plan.sh" \
	>"$LOGS/vm-trixie.log" 2>&1 || rc=$?
os=$(sed -n 's/^# //p' "$LOGS/vm-trixie.log" | head -n 1)
case $rc:$os in
125:*|126:*) res FAIL "vm (exit $rc, see $LOGS/vm-console-trixie.log)" ;;
*'Debian GNU/Linux 13 '*) res PASS "vm ($os, exit $rc, $(($(date +%s) - start)) s)" ;;
*) res FAIL "vm (the guest is \"$os\", not Debian 13)" ;;
esac
for b in test_progs-jit test_progs-interp test_verifier-jit test_verifier-interp probe demo; do
	grep -q "^=== block $b\$" "$LOGS/vm-trixie.log" || res FAIL "block $b (did not run)"
done
# against the same tests of make check (Debian 12's tools and user space):
# what passes there must pass here, what fails on both must be known
awk -f "$TOP/scripts/results.awk" "$LOGS/vm-trixie.log" >"$OUT/trixie-results.txt"
deb12=$TOP/out/series-results.txt
if [ -s "$deb12" ]; then
	# make check runs more groups: only those that ran here
	awk -F '\t' 'NR == FNR { g = $3; sub(/\/.*/, "", g); ran[$2 SUBSEP g] = 1; next }
		/^#/ { print; next }
		{ g = $3; sub(/\/.*/, "", g); if (($2 SUBSEP g) in ran) print }' \
		"$OUT/trixie-results.txt" "$deb12" >"$OUT/deb12-results.txt"
	awk -f "$TOP/scripts/compare.awk" "$TOP/config/known-failures" "$OUT/deb12-results.txt" \
		"$OUT/trixie-results.txt" >"$OUT/trixie-comparison.txt"
	grep -v '^#' "$OUT/trixie-comparison.txt" | sed 's/^\(PASS\|FAIL\) \(regress:\)\{0,1\}/\1 trixie-/'
	sed -n 's/^# compared/# trixie against make check: compared/p' "$OUT/trixie-comparison.txt" >&2
else
	res FAIL "compare (no $deb12: run make check first)"
fi

# 5. the Debian 13 user program on this kernel, its vmlinux.h dumped from
# this kernel's own BTF (pahole 1.30), as on a Debian 13 system
KOBJ=$KOBJ BTF=$KOBJ/vmlinux VM_CONSOLE=$LOGS/vm-console-trixie-user.log \
	sh "$TOP/scripts/debian13-user.sh" | sed 's/^\(PASS\|FAIL\) /\1 trixie-/'
