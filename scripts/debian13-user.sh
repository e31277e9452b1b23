#!/bin/sh
# A user program on Debian 13, built and run as a Debian 13 user would
# (README, "BPF program authors"), calling every helper 212-221:
#  - in the trixie root (trixie-root.sh): vmlinux.h from Debian's bpftool
#    7.5, dumped from the check kernel's BTF as pahole 1.30 encodes it
#    (kfunc-vmlinux.sh makes it: run that first) or from BTF=FILE (the
#    vmlinux of make check-trixie, whose BTF pahole 1.30 made), clang-19,
#    <bpf/bpf_helpers.h> of libbpf-dev 1.5 plus the series' ten helpers
#    (out/bpf_dynptr_helpers.h, man.sh), bpftool 7.5's skeleton, a loader
#    linked against libbpf 1.5;
#  - in the VM, on the series kernel with the trixie root as its /, with
#    the JIT and with the interpreter: tests/debian13-user/dynptr_user.c.
# Prints check.sh's result lines: one for the build, one a check of the
# loader in each mode, and a FAIL when a mode gave fewer checks than the
# loader makes.
. "$(dirname "$0")/common.sh"

root=$CACHE/trixie/root
src=$TOP/tests/debian13-user
work=$root/opt/dynptr-user
checks=35	# the loader's checks a mode: load + 17 for each program
res() { echo "$1 debian13-user-$2"; }

sh "$TOP/scripts/trixie-root.sh"
btf=${BTF:-$root/work/kfunc-vmlinux/vmlinux.btf}
[ -s "$btf" ] ||
	{ res FAIL "build (no pahole 1.30 BTF at $btf: kfunc-vmlinux.sh did not run)"; exit 0; }
sh "$TOP/scripts/man.sh" header
rm -rf "$work"
mkdir -p "$work"
objcopy -O binary --only-section=.BTF "$btf" "$work/vmlinux.btf" 2>/dev/null ||
	cp "$btf" "$work/vmlinux.btf"	# raw BTF already
cp "$src"/dynptr_user.bpf.c "$src"/dynptr_user.c "$src"/dynptr_user.h \
	"$OUT/bpf_dynptr_helpers.h" "$work/"
if ! chroot "$root" sh -ec 'cd /opt/dynptr-user
	bpftool btf dump file vmlinux.btf format c >vmlinux.h
	clang-19 -O2 -g --target=bpf -D__TARGET_ARCH_x86 -Wall -Werror \
		-c dynptr_user.bpf.c -o dynptr_user.bpf.o
	bpftool gen skeleton dynptr_user.bpf.o name dynptr_user >dynptr_user.skel.h
	gcc -O2 -Wall -Werror dynptr_user.c -lbpf -o dynptr_user' \
	>"$LOGS/debian13-user-build.log" 2>&1; then
	res FAIL "build (see $LOGS/debian13-user-build.log: $(grep -m1 error "$LOGS/debian13-user-build.log"))"
	exit 0
fi
res PASS "build ($(chroot "$root" bpftool version | head -n 1), libbpf-dev $(chroot "$root" \
	dpkg-query -W -f '${Version}' libbpf-dev), $(chroot "$root" clang-19 --version | head -n 1))"
# Without BPF_NO_KFUNC_PROTOTYPES: bpftool 7.5's vmlinux.h has the five
# kfunc prototypes named like helpers, and bpf_dynptr_helpers.h must turn
# the five redeclarations into one error that names the define: exactly
# that one for the headers alone; for the program, that one first and no
# redeclaration (its call of the clone helper then meets the kfunc's
# prototype: a second error, about the arguments).
printf '#include "vmlinux.h"\n#include <bpf/bpf_helpers.h>\n#include "bpf_dynptr_helpers.h"\n' \
	>"$work/collide.bpf.c"
sed '/^#define BPF_NO_KFUNC_PROTOTYPES$/d' "$src/dynptr_user.bpf.c" >"$work/nodefine.bpf.c"
k=$(grep -cE '^extern .* bpf_dynptr_(from_skb|from_xdp|is_null|is_rdonly|clone)\(' "$work/vmlinux.h" || true)
ok=1 why=
for f in collide nodefine; do
	chroot "$root" sh -c "cd /opt/dynptr-user && clang-19 -O2 --target=bpf \
		-D__TARGET_ARCH_x86 -c $f.bpf.c -o $f.bpf.o" \
		>"$LOGS/debian13-user-$f.log" 2>&1 && { ok=; why="$why $f compiled;"; }
	n=$(grep -c 'error:' "$LOGS/debian13-user-$f.log" || true)
	grep -m1 'error:' "$LOGS/debian13-user-$f.log" |
		grep -q '#define BPF_NO_KFUNC_PROTOTYPES before' || { ok=; why="$why $f: first error;"; }
	! grep -q 'different kind of symbol' "$LOGS/debian13-user-$f.log" ||
		{ ok=; why="$why $f: redeclarations;"; }
	[ $f = nodefine ] || [ "$n" = 1 ] || { ok=; why="$why $f: $n errors;"; }
done
[ "$k" = 5 ] || { ok=; why="$why vmlinux.h has $k of the 5 kfunc prototypes;"; }
if [ -n "$ok" ]; then
	res PASS "one-clear-error (vmlinux.h with the 5 kfunc prototypes, no BPF_NO_KFUNC_PROTOTYPES: the first error names it)"
else
	res FAIL "one-clear-error ($why see $LOGS/debian13-user-*.log)"
fi

rc=0
VM_ROOT=$root VM_CONSOLE=$LOGS/vm-console-debian13.log sh "$TOP/scripts/vm.sh" -t 600 \
	sh -c 'sed -n "s/^PRETTY_NAME=\"\(.*\)\"/# \1/p" /etc/os-release
	       for jit in 1 0; do
		       echo $jit >/proc/sys/net/core/bpf_jit_enable
		       [ "$(cat /proc/sys/net/core/bpf_jit_enable)" = $jit ] ||
			       echo "not ok bpf_jit_enable=$jit (not taken)"
		       echo "=== jit $jit"
		       /opt/dynptr-user/dynptr_user
	       done' >"$LOGS/debian13-user-vm.log" 2>&1 || rc=$?
[ "$rc" != 125 ] && [ "$rc" != 126 ] ||
	res FAIL "vm (exit $rc, see $LOGS/vm-console-debian13.log)"
awk -v want=$checks '
	/^# / { sub(/^# /, ""); about = about (about ? ", " : "") $0; next }
	/^=== jit / { mode = $3 ? "jit" : "interp"; modes[mode] = 0; next }
	/^ok / { print "PASS debian13-user-" mode "-" $2; modes[mode]++ }
	/^not ok / { sub(/^not ok /, ""); print "FAIL debian13-user-" mode "-" $0; modes[mode]++ }
	END {
		# the guest ran Debian 13 and the loader libbpf 1.5
		ok = about ~ /^Debian GNU\/Linux 13 .*, libbpf 1\.5, libbpf 1\.5$/
		print (ok ? "PASS" : "FAIL") " debian13-user-userspace (" about ")"
		if (!("jit" in modes) || !("interp" in modes))
			print "FAIL debian13-user-vm (a mode did not run)"
		for (m in modes) if (modes[m] < want)
			print "FAIL debian13-user-" m " (" modes[m] " checks, expected " want ")"
	}' "$LOGS/debian13-user-vm.log"
