#!/bin/sh
# Apply patches/*.patch (lexical order, cover letter skipped) with `git am`
# on top of "base", one commit a patch, and check the result out in $SRC.
# git am runs in a scratch worktree, so files the series does not change keep
# their timestamps in $SRC and the next kernel build stays incremental.
# Refuses to drop commits or edits in $SRC that were not exported (FORCE=1
# overrides).
. "$(dirname "$0")/common.sh"

PATCHES=${PATCHES:-$TOP/patches}
sh "$TOP/scripts/base.sh"

if [ -n "$(git -C "$SRC" status --porcelain --untracked-files=no)" ] &&
   [ "${FORCE:-}" != 1 ]; then
	die "$SRC has uncommitted changes: commit and 'make export', or FORCE=1"
fi
applied=$CACHE/applied-$KEY
head=$(git -C "$SRC" rev-parse HEAD)
if [ "$head" != "$(git -C "$SRC" rev-parse base)" ] &&
   [ "$head" != "$(cat "$applied" 2>/dev/null)" ] && [ "${FORCE:-}" != 1 ]; then
	die "$SRC has commits that were not exported: 'make export' first, or FORCE=1"
fi

if [ ! -d "$AMTREE" ]; then
	git -C "$SRC" worktree prune
	git -C "$SRC" worktree add -q --detach "$AMTREE" base
fi
cd "$AMTREE"
git am --abort >/dev/null 2>&1 || true
git reset -q --hard base
git clean -q -fdx

set -- $(ls "$PATCHES"/*.patch 2>/dev/null | grep -v '/0000-cover-letter\.patch$' || true)
n=0
for p in "$@"; do
	n=$((n + 1))
	if ! git am -q --no-3way --committer-date-is-author-date "$p" \
		>"$LOGS/apply.log" 2>&1; then
		git am --abort >/dev/null 2>&1 || true
		printf 'ERROR: patch %s (%s of %s) does not apply:\n' \
			"$(basename "$p")" "$n" "$#" >&2
		sed 's/^/    /' "$LOGS/apply.log" >&2
		exit 1
	fi
done
result=$(git rev-parse HEAD)
git -C "$SRC" checkout -q -B series "$result"
echo "$result" >"$applied"
say "applied $n patches on base: $SRC at $(git -C "$SRC" log --oneline -1)"
