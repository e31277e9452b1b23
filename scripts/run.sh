#!/bin/sh
# make run: boot the patched kernel and run the demo inside it.
. "$(dirname "$0")/common.sh"
sh "$TOP/scripts/build-demo.sh"
exec sh "$TOP/scripts/vm.sh" -t 600 sh "$TOP/demo/run-in-vm.sh" "$STO" "$OUT/demo"
