#!/bin/sh
# Print where the harness keeps things.
NO_CACHE_LOCK=1
. "$(dirname "$0")/common.sh"
cat <<EOT
base version       $BASE_VERSION
work tree          $SRC   (branch "series", tag "base")
kernel build       $OBJ   (arch/x86/boot/bzImage)
selftests build    $STO   (test_progs)
logs               $LOGS
generated          $OUT/bpf_helper_defs.h  $OUT/bpf-helpers.7
EOT
