#!/bin/sh
# Export the commits base..series of $SRC back to patches/ with
# `git format-patch`, keeping the cover letter's subject and text from the
# current patches/0000-cover-letter.patch.  The output is stable: no git
# version signature, no commit ids, fixed abbreviation length.
# EXPORT_REF=REF exports base..REF (another branch of $SRC) instead.
. "$(dirname "$0")/common.sh"

PATCHES=${PATCHES:-$TOP/patches}
[ -z "$(git -C "$SRC" status --porcelain --untracked-files=no)" ] ||
	die "$SRC has uncommitted changes: commit them first"
n=$(git -C "$SRC" rev-list --count "base..${EXPORT_REF:-HEAD}")
[ "$n" -gt 0 ] || die "no commits on top of base in $SRC"

cover=$PATCHES/0000-cover-letter.patch
# Cover letter text: the subject after "[PATCH ...] " (unfolded), then the
# body up to the shortlog.
if [ -r "$cover" ]; then
	awk '
	!body && /^$/ { body = 1; print subj; print ""; next }
	!body && /^Subject: / { subj = $0; sub(/^Subject: \[[^]]*\] */, "", subj); h = 1; next }
	!body && /^[ \t]/ && h { s = $0; sub(/^[ \t]+/, " ", s); subj = subj s; next }
	!body { h = 0; next }
	{ line[++n] = $0 }
	END {
		# the body ends where the shortlog starts: the last
		# "Name (N):" line after a blank line
		end = n
		for (i = 2; i <= n; i++)
			if (line[i] ~ /^[^ ].* \([0-9]+\):$/ && line[i - 1] == "")
				end = i - 1
		while (end > 0 && line[end] == "") end--
		for (i = 1; i <= end; i++) print line[i]
	}' "$cover" >"$CACHE/cover.txt"
else
	printf 'bpf: dynptr helpers\n\n*** describe the series ***\n' >"$CACHE/cover.txt"
fi
git -C "$SRC" config "branch.${EXPORT_REF:-series}.description" "$(cat "$CACHE/cover.txt")"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
git -C "$SRC" -c core.abbrev=12 -c diff.renames=true -c diff.algorithm=myers \
	format-patch -q --compact-summary --cover-letter --cover-from-description=subject \
	--subject-prefix="PATCH bpf-next" --no-signature --zero-commit \
	--no-base -o "$tmp" "base..${EXPORT_REF:-series}"
rm -f "$PATCHES"/*.patch
mkdir -p "$PATCHES"
# The generated cover letter has a fresh Date: line; use the last commit's
# so that an unchanged series exports byte for byte the same.
date=$(git -C "$SRC" log -1 --format='%aD' "${EXPORT_REF:-series}")
sed "s/^Date: .*/Date: $date/" "$tmp/0000-cover-letter.patch" >"$cover"
rm "$tmp/0000-cover-letter.patch"
mv "$tmp"/*.patch "$PATCHES"/
[ -n "${EXPORT_REF:-}" ] || git -C "$SRC" rev-parse HEAD >"$CACHE/applied-$KEY"
say "exported $n patches + cover letter to $PATCHES"
