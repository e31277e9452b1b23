#!/bin/sh
# The selftests' BPF programs against a vmlinux.h that has kfunc
# prototypes, as pahole >= 1.26 makes the BTF (Debian 13's 1.30; Debian
# 12's 1.24 tags no kfuncs).  Prints check.sh's result lines:
#  - trixie's pahole re-encodes $OBJ/vmlinux's BTF with decl_tag_kfuncs;
#  - the series' bpftool dumps it: kfunc prototypes, but none for the five
#    kfuncs that share a name with a helper (a comment instead);
#  - every program of progs/ that includes vmlinux.h builds against it,
#    with the selftests' flags and headers (bpf_helper_defs.h of the series);
#  - Debian 13's own bpftool 7.5 dumps the prototypes of those five, and
#    the series' vmlinux.h programs do not build with that vmlinux.h: what
#    a user of an unpatched bpftool meets (README, "BPF program authors").
. "$(dirname "$0")/common.sh"

root=$CACHE/trixie/root
ST=$SRC/tools/testing/selftests/bpf
work=$root/work/kfunc-vmlinux
kf=$OUT/kfunc-vmlinux
mkdir -p "$kf/series" "$kf/trixie" "$kf/obj"
res() { echo "$1 kfunc-vmlinux-$2"; }

# clang NAME VMLINUX-DIR: one program, with the selftests' flags
build() {
	clang-$LLVM -g -Wall -Werror -D__TARGET_ARCH_x86 -mlittle-endian \
		-I"$2" -I"$STO/tools/include" -I"$ST" -I"$SRC/tools/include/uapi" \
		-Wno-compare-distinct-pointer-types \
		-idirafter "/usr/lib/llvm-$LLVM/lib/clang/$($CLANG -dumpversion | cut -d. -f1)/include" \
		-idirafter /usr/local/include -idirafter /usr/include/x86_64-linux-gnu \
		-idirafter /usr/include -DENABLE_ATOMICS_TESTS -O2 --target=bpf -mcpu=v3 \
		-c "$ST/progs/$1" -o "$kf/obj/${1%.c}.bpf.o"
}
# kfunc-vmlinux.sh build1 PROG DIR: xargs runs the builds $JOBS at a time
if [ "${1:-}" = build1 ]; then
	build "$2" "$3" >"$kf/obj/${2%.c}.log" 2>&1 || echo "$2" >>"$kf/failed"
	exit 0
fi
sh "$TOP/scripts/trixie-root.sh"
mkdir -p "$work"

# the BTF, re-encoded once per vmlinux
if [ ! -s "$work/vmlinux.btf" ] || [ "$OBJ/vmlinux" -nt "$work/vmlinux.btf" ]; then
	cp "$OBJ/vmlinux" "$work/vmlinux"
	if ! chroot "$root" pahole --btf_encode_detached=/work/kfunc-vmlinux/vmlinux.btf \
		--btf_features=encode_force,var,float,enum64,decl_tag,type_tag,optimized_func,consistent_func,decl_tag_kfuncs \
		/work/kfunc-vmlinux/vmlinux >"$LOGS/kfunc-pahole.log" 2>&1; then
		res FAIL "btf (pahole: $(tail -n 1 "$LOGS/kfunc-pahole.log"))"
		exit 0
	fi
	rm -f "$work/vmlinux"
fi
"$STO/tools/sbin/bpftool" btf dump file "$work/vmlinux.btf" format c >"$kf/series/vmlinux.h"
chroot "$root" bpftool btf dump file /work/kfunc-vmlinux/vmlinux.btf format c \
	>"$kf/trixie/vmlinux.h"
n=$(grep -c '__weak __ksym;$' "$kf/series/vmlinux.h" || true)
skipped=$(grep -c ': a helper of this kernel (bpf_helper_defs.h) \*/$' "$kf/series/vmlinux.h" || true)
if [ "$n" -gt 0 ] && [ "$skipped" = 5 ]; then
	res PASS "header ($n kfunc prototypes, the 5 helper names left out; $(chroot "$root" pahole --version))"
else
	res FAIL "header ($n kfunc prototypes, $skipped helper names left out, expected 5)"
fi

progs=$(cd "$ST/progs" && grep -l '^#include ["<]vmlinux.h[">]' ./*.c | sed 's|^\./||')
total=$(echo "$progs" | wc -l)
rm -f "$kf/failed" "$kf"/obj/*.log
echo "$progs" | xargs -P "$JOBS" -I{} sh "$0" build1 {} "$kf/series"
failed=$(cat "$kf/failed" 2>/dev/null | sort | tr '\n' ' ')
cat "$kf"/obj/*.log >"$LOGS/kfunc-vmlinux-build.log" 2>/dev/null || true
if [ -z "$failed" ]; then
	res PASS "build ($total programs that include vmlinux.h)"
else
	res FAIL "build ($(echo $failed | wc -w) of $total fail:$(echo $failed | cut -c1-200); $LOGS/kfunc-vmlinux-build.log)"
fi

# Debian 13's bpftool: the collision, named
if build dynptr_helpers_vmlinux.c "$kf/trixie" >"$LOGS/kfunc-vmlinux-trixie.log" 2>&1; then
	res FAIL "trixie-bpftool (builds: the collision is gone without the series' bpftool?)"
else
	c=$(grep -c "error: redefinition of 'bpf_dynptr_[a-z_]*' as different kind of symbol" \
		"$LOGS/kfunc-vmlinux-trixie.log" || true)
	if [ "$c" = 5 ]; then
		res PASS "trixie-bpftool-collides (5 redefinitions, as documented)"
	else
		res FAIL "trixie-bpftool-collides ($c redefinitions, expected 5: $LOGS/kfunc-vmlinux-trixie.log)"
	fi
fi
