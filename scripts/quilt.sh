#!/bin/sh
# Export patches/ as a quilt series in the layout of Debian's kernel
# packaging (debian/patches/series naming features/all/<topic>/*.patch),
# then prove it: quilt push -a onto a fresh checkout of the base must give
# exactly the tree of the series branch.
#   out/quilt/debian/patches/series
#   out/quilt/debian/patches/features/all/dynptr-helpers/NNNN-*.patch
. "$(dirname "$0")/common.sh"

topic=features/all/dynptr-helpers
q=$OUT/quilt/debian/patches
rm -rf "$OUT/quilt"
mkdir -p "$q/$topic"
{
	echo "# dynptr helpers 212-221 (see $topic/*.patch headers)"
	for p in "${PATCHES:-$TOP/patches}"/[0-9][0-9][0-9][0-9]-*.patch; do
		case $p in */0000-*) continue ;; esac
		cp "$p" "$q/$topic/"
		echo "$topic/${p##*/}"
	done
} >"$q/series"
say "quilt series: $q/series ($(grep -vc '^#' "$q/series") patches)"

[ -d "$SRC/.git" ] || die "no work tree at $SRC: run make apply"
tree=$CACHE/quilt-$KEY
base_worktree "$tree"
(cd "$tree" && QUILT_PATCHES=$q QUILT_PC=$tree/.pc quilt push -a -q) \
	>"$LOGS/quilt.log" 2>&1 || {
	tail -n 20 "$LOGS/quilt.log" >&2
	die "quilt push -a failed (log: $LOGS/quilt.log)"
}
rm -rf "$tree/.pc"
git -C "$tree" add -A -f . >/dev/null
if ! git -C "$tree" diff --cached --quiet series; then
	git -C "$tree" diff --cached --stat series | tail -n 5 >&2
	die "quilt result differs from the series branch"
fi
git -C "$SRC" worktree remove --force "$tree"
say "quilt push -a onto base gives the series tree"
