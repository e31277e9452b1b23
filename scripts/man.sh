#!/bin/sh
# Generate, from the patched tree, what users read:
#   out/bpf_helper_defs.h   (scripts/bpf_doc.py --header, as libbpf does)
#   out/bpf_dynptr_helpers.h  only the helpers 212-221, for programs built
#                            with an older libbpf's <bpf/bpf_helpers.h>
#   out/bpf-helpers.7       (scripts/bpf_doc.py helpers | rst2man; warnings
#                            are errors)
# man.sh [header|manpage]: one of them; both by default.
. "$(dirname "$0")/common.sh"

[ -f "$SRC/scripts/bpf_doc.py" ] || die "no work tree at $SRC: run make apply"
mkdir -p "$OUT"
case ${1:-both} in
header|both)
	python3 "$SRC/scripts/bpf_doc.py" --header \
		--filename "$SRC/tools/include/uapi/linux/bpf.h" >"$OUT/bpf_helper_defs.h"
	# the forward declarations, then comment and declaration of 212-221.
	# A vmlinux.h dumped by a bpftool without the series' last patch
	# (Debian 13's 7.5) from BTF with kfunc decl tags (pahole >= 1.26)
	# declares five kfuncs named like five of these helpers: a wall of
	# redeclaration errors.  Nothing in vmlinux.h tells whether it has
	# them, so a vmlinux.h included before this header without
	# BPF_NO_KFUNC_PROTOTYPES gets one error that says what to do, and
	# those five declarations are left out (no further errors);
	# BPF_DYNPTR_HELPERS_NO_KFUNC_CHECK skips the check for a vmlinux.h
	# known to have none of them (the series' bpftool, pahole < 1.26).
	awk -v collide='^static .*[(][*] const bpf_dynptr_(from_skb|from_xdp|is_null|is_rdonly|clone)[)]' '
		BEGIN { print "/* The helpers 212-221 of the dynptr helpers series," \
			" from its bpf_helper_defs.h.  Include it after vmlinux.h. */\n" \
			"#ifndef __BPF_DYNPTR_HELPERS_H\n#define __BPF_DYNPTR_HELPERS_H\n\n" \
			"#if defined(__VMLINUX_H__) && !defined(BPF_NO_KFUNC_PROTOTYPES) && \\\n" \
			"    !defined(BPF_DYNPTR_HELPERS_NO_KFUNC_CHECK)\n" \
			"#error \"vmlinux.h may declare kfuncs named like five of these helpers" \
			" (bpf_dynptr_from_skb, _from_xdp, _is_null, _is_rdonly, _clone):" \
			" #define BPF_NO_KFUNC_PROTOTYPES before #include \\\"vmlinux.h\\\"" \
			" (or BPF_DYNPTR_HELPERS_NO_KFUNC_CHECK if it has none of them)\"\n" \
			"#define __BPF_DYNPTR_HELPERS_COLLIDE\n#endif\n" }
		/^struct [a-z_0-9]+;$/ { print; next }
		/^\/\*$/ { buf = $0; inb = 1; next }
		inb { buf = buf "\n" $0 }
		/^static .* = \(void \*\) [0-9]+;$/ {
			if ($NF + 0 >= 212 && $NF + 0 <= 221) {
				if ($0 ~ collide)
					print "\n#ifndef __BPF_DYNPTR_HELPERS_COLLIDE\n" buf "\n#endif"
				else
					print "\n" buf
				n++
			}
			inb = 0
		}
		END { print "\n#endif"; if (n != 10) exit 1 }' \
		"$OUT/bpf_helper_defs.h" >"$OUT/bpf_dynptr_helpers.h" ||
		die "$OUT/bpf_dynptr_helpers.h: not the ten helpers 212-221"
	say "$OUT/bpf_helper_defs.h, $OUT/bpf_dynptr_helpers.h" ;;
esac
case ${1:-both} in
manpage|both)
	python3 "$SRC/scripts/bpf_doc.py" \
		--filename "$SRC/include/uapi/linux/bpf.h" helpers >"$OUT/bpf-helpers.rst"
	rst2man --halt=warning "$OUT/bpf-helpers.rst" "$OUT/bpf-helpers.7"
	say "$OUT/bpf-helpers.7 (read it with: man -l $OUT/bpf-helpers.7)" ;;
esac
