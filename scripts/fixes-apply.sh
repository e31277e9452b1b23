#!/bin/sh
# The patches listed in config/standalone-fixes apply, in order, to the
# bare base: a distribution can take the fixes without the new helpers.
. "$(dirname "$0")/common.sh"

PATCHES=${PATCHES:-$TOP/patches}
wt=$CACHE/fixes-$KEY
base_worktree "$wt"
trap 'git -C "$SRC" worktree remove --force "$wt"' EXIT
for n in $(sed 's/#.*//' "$TOP/config/standalone-fixes"); do
	p=$(ls "$PATCHES/$n"-*.patch 2>/dev/null) || die "no patch $n in $PATCHES"
	git -C "$wt" am -q --no-3way "$p" || die "$(basename "$p") does not apply to the base alone"
	echo "applies alone: $(basename "$p")"
done
