#!/bin/sh
# Generate, from the patched tree, what users read:
#   out/bpf_helper_defs.h   (scripts/bpf_doc.py --header, as libbpf does)
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
	say "$OUT/bpf_helper_defs.h" ;;
esac
case ${1:-both} in
manpage|both)
	python3 "$SRC/scripts/bpf_doc.py" \
		--filename "$SRC/include/uapi/linux/bpf.h" helpers >"$OUT/bpf-helpers.rst"
	rst2man --halt=warning "$OUT/bpf-helpers.rst" "$OUT/bpf-helpers.7"
	say "$OUT/bpf-helpers.7 (read it with: man -l $OUT/bpf-helpers.7)" ;;
esac
