#!/bin/sh
# Export the commits base..series of $SRC back to patches/ with
# `git format-patch`, keeping the cover letter's subject and text from the
# current patches/0000-cover-letter.patch.  The output is stable: no git
# version signature, no commit ids, fixed abbreviation length.
. "$(dirname "$0")/common.sh"

PATCHES=${PATCHES:-$TOP/patches}
[ -z "$(git -C "$SRC" status --porcelain --untracked-files=no)" ] ||
	die "$SRC has uncommitted changes: commit them first"
n=$(git -C "$SRC" rev-list --count base..HEAD)
[ "$n" -gt 0 ] || die "no commits on top of base in $SRC"

cover=$PATCHES/0000-cover-letter.patch
# Cover letter text: the subject after "[PATCH ...] ", then the body up to
# the shortlog ("Name (N):").
if [ -r "$cover" ]; then
	awk '
	/^Subject: / && !subj { sub(/^Subject: \[[^]]*\] */, ""); subj = 1; print; print ""; next }
	hdr == 0 && /^$/ { hdr = 1; next }
	hdr == 1 && /^[^ ].* \([0-9]+\):$/ { exit }
	hdr == 1 { print }
	' "$cover" | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}' >"$CACHE/cover.txt"
else
	printf 'bpf: dynptr helpers\n\n*** describe the series ***\n' >"$CACHE/cover.txt"
fi
git -C "$SRC" config branch.series.description "$(cat "$CACHE/cover.txt")"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
git -C "$SRC" -c core.abbrev=12 -c diff.renames=true -c diff.algorithm=myers \
	format-patch -q --cover-letter --cover-from-description=subject \
	--subject-prefix="PATCH bpf-next" --no-signature --zero-commit \
	--no-base -o "$tmp" base..series
rm -f "$PATCHES"/*.patch
mkdir -p "$PATCHES"
# The generated cover letter has a fresh Date: line; use the last commit's
# so that an unchanged series exports byte for byte the same.
date=$(git -C "$SRC" log -1 --format='%aD' series)
sed "s/^Date: .*/Date: $date/" "$tmp/0000-cover-letter.patch" >"$cover"
rm "$tmp/0000-cover-letter.patch"
mv "$tmp"/*.patch "$PATCHES"/
git -C "$SRC" rev-parse HEAD >"$CACHE/applied-$KEY"
say "exported $n patches + cover letter to $PATCHES"
