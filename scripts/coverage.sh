#!/bin/sh
# coverage.sh ranges | report ADDRS... : line coverage of the verifier and
# of the dynptr helpers from a QEMU run with tests/progfuzz/qemu-cov.c,
# without a kcov/gcov kernel.  $OBJ (KOBJ=) is the kernel build that ran.
#   ranges   the .text ranges of kernel/bpf/verifier.o and helpers.o in
#            vmlinux, as qemu-cov.so's range= argument (no KASLR in the
#            harness' configs: link addresses are run addresses)
#   report   the source lines of those files that have code, and those the
#            addresses (files of qemu-cov.so) reached: in all, and in the
#            functions whose name says dynptr (inlined ones included),
#            each listed.  Lines are the compiler's (DWARF line table); a
#            translation block counts as run when it was entered.
. "$(dirname "$0")/common.sh"

OBJS="kernel/bpf/verifier.o kernel/bpf/helpers.o"
[ -r "$OBJ/System.map" ] || die "no kernel build in $OBJ"
SYMBOLIZE=${SYMBOLIZE:-llvm-addr2line-$LLVM}

# range OBJECT: LO-HI of OBJECT's .text in vmlinux, found through its
# global functions in .text (the object's .text is laid out in one piece:
# the first two must agree)
range() {
	_lo=
	for _sym in $(objdump -t "$OBJ/$1" |
			awk '$2 == "g" && $3 == "F" && $4 == ".text" { print $1 ":" $6 }' |
			head -n 2); do
		_at=$(awk -v s="${_sym#*:}" '$3 == s { print $1 }' "$OBJ/System.map")
		case $_at in ffffffff*) ;; *) die "${_sym#*:} of $1 is not in System.map" ;; esac
		# kernel text is in the top 2 GB: the low 32 bits, so that the
		# shell's signed 64-bit arithmetic does not overflow
		_l=$((0x${_at#ffffffff} - 0x${_sym%:*}))
		[ -z "$_lo" ] || [ "$_lo" = "$_l" ] || die "$1: its .text is not in one piece"
		_lo=$_l
	done
	_size=$(size -A "$OBJ/$1" | awk '$1 == ".text" { print $2 }')
	[ -n "$_lo" ] && [ -n "$_size" ] || die "no .text range for $1"
	printf 'ffffffff%08x-ffffffff%08x' $_lo $((_lo + _size))
}

# lines: hex addresses on stdin -> "function<TAB>file:line", one an
# address (the innermost inlined function; no discriminators: a line is
# a line)
lines() {
	sed 's/^/0x/' | "$SYMBOLIZE" -f -e "$OBJ/vmlinux" | paste - - |
		sed -e "s|\t.*/kernel/bpf/|\tkernel/bpf/|" -e 's/ (discriminator [0-9]*)//'
}

case ${1:-} in
ranges)
	r=
	for o in $OBJS; do r=$r${r:++}$(range "$o"); done
	echo "$r" ;;
report)
	shift
	[ $# -gt 0 ] || die "usage: coverage.sh report ADDRS..."
	all=$(mktemp) hit=$(mktemp)
	trap 'rm -f "$all" "$hit"' EXIT
	for r in $(sh "$0" ranges | tr + ' '); do
		objdump -d --no-show-raw-insn --start-address=0x"${r%-*}" \
			--stop-address=0x"${r#*-}" "$OBJ/vmlinux" |
			sed -n 's/^\(ffffffff[0-9a-f]*\):.*/\1/p'
	done | lines | sort -u >"$all"
	sort -u "$@" | lines | sort -u >"$hit"
	awk -F '\t' '
	FNR == NR { if ($2 !~ /^kernel\/bpf\/(verifier|helpers)\.c:[1-9]/) next
		    code[$2] = 1; fn[$2] = $1; next }
	$2 in code { reached[$2] = 1 }
	END {
		for (l in code) {
			f = l; sub(/:.*/, "", f)
			n[f]++; if (l in reached) r[f]++
			if (fn[l] !~ /dynptr/) continue
			k = f ": " fn[l]
			fl[k]++; if (l in reached) fr[k]++
			n["dynptr"]++; if (l in reached) r["dynptr"]++
		}
		for (f in n)
			printf "1 %-22s %5d of %5d lines reached (%.0f%%)\n",
				(f == "dynptr" ? "dynptr functions" : f),
				r[f], n[f], 100 * r[f] / n[f]
		for (k in fl)
			printf "2     %-58s %4d of %4d\n", k, fr[k], fl[k]
	}' "$all" "$hit" | sort | cut -c3- ;;
*)
	die "usage: coverage.sh ranges | report ADDRS..." ;;
esac
