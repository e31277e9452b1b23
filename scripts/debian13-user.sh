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
# The same headers without BPF_NO_KFUNC_PROTOTYPES: bpftool 7.5's five
# colliding kfunc prototypes must give one error that names the define
# (bpf_dynptr_helpers.h), not five redeclarations.
printf '#include "vmlinux.h"\n#include <bpf/bpf_helpers.h>\n#include "bpf_dynptr_helpers.h"\n' \
	>"$work/collide.bpf.c"
chroot "$root" sh -c 'cd /opt/dynptr-user && clang-19 -O2 --target=bpf \
	-D__TARGET_ARCH_x86 -c collide.bpf.c -o collide.bpf.o' \
	>"$LOGS/debian13-user-collide.log" 2>&1 && rc=0 || rc=$?
n=$(grep -c 'error:' "$LOGS/debian13-user-collide.log" || true)
if [ "$rc" != 0 ] && [ "$n" = 1 ] &&
   grep -q 'error:.*#define BPF_NO_KFUNC_PROTOTYPES before' "$LOGS/debian13-user-collide.log"; then
	res PASS "one-clear-error (without BPF_NO_KFUNC_PROTOTYPES: 1 error, which names it)"
else
	res FAIL "one-clear-error (exit $rc, $n errors, see $LOGS/debian13-user-collide.log)"
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
