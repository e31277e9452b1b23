#!/bin/sh
# Export patches/ as a quilt series in the layout of Debian's kernel
# packaging (debian/patches/series naming features/all/<topic>/*.patch),
# then prove it: quilt push -a onto a fresh checkout of the base must give
# exactly the tree of the series branch.
# quilt.sh trixie: the same series onto Debian 13's linux-source-6.12 of
# the same upstream release (fetched in the trixie root, unpacked once
# into $CACHE/trixie/), with --fuzz=0: every hunk applies as written.
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

if [ "${1:-}" = trixie ]; then
	root=$CACHE/trixie/root
	# Debian 13's package of the same upstream release, unpacked once
	# into $CACHE/trixie/src-VERSION; VERSION in $CACHE/trixie/base-version
	# (trixie.sh reads it)
	ver=$(cat "$CACHE/trixie/base-version" 2>/dev/null ||
		echo "$BASE_VERSION" | sed 's/~deb12u[0-9]*$//')
	tsrc=$CACHE/trixie/src-$ver
	sh "$TOP/scripts/trixie-root.sh"
	if ! git -C "$tsrc" rev-parse -q --verify base >/dev/null 2>&1; then
		ver=$(echo "$BASE_VERSION" | sed 's/~deb12u[0-9]*$//')
		# mmdebstrap leaves no package lists behind
		chroot "$root" apt-get update -qq >"$LOGS/quilt-trixie-download.log" 2>&1 ||
			die "apt-get update in the trixie root failed"
		if ! chroot "$root" apt-cache madison "$BASE_PACKAGE" | awk '{ print $3 }' |
			grep -qxF "$ver"; then
			new=$(chroot "$root" apt-cache madison "$BASE_PACKAGE" | awk '{ print $3 }' |
				sort -V | tail -n 1)
			[ -n "$new" ] || die "Debian 13 offers no $BASE_PACKAGE"
			say "WARNING: Debian 13 no longer offers $BASE_PACKAGE=$ver: using $new"
			ver=$new
		fi
		tsrc=$CACHE/trixie/src-$ver
		say "unpacking Debian 13's $BASE_PACKAGE=$ver into $tsrc (once)"
		rm -rf "$root/tmp/deb" "$tsrc" "$tsrc.tmp"
		mkdir -p "$root/tmp/deb" "$tsrc.tmp"
		chroot "$root" sh -c "cd /tmp/deb && apt-get download -q $BASE_PACKAGE=$ver" \
			>>"$LOGS/quilt-trixie-download.log" 2>&1 ||
			die "apt-get download $BASE_PACKAGE=$ver in the trixie root failed"
		dpkg-deb --fsys-tarfile "$root"/tmp/deb/*.deb |
			tar -xO --wildcards './usr/src/linux-source-*.tar.xz' |
			tar -xJ -C "$tsrc.tmp"
		rm -rf "$root/tmp/deb"
		mv "$tsrc.tmp"/linux-source-* "$tsrc"
		rmdir "$tsrc.tmp"
		echo "$ver" >"$CACHE/trixie/base-version"
		(cd "$tsrc" && git init -q && git add -f -A &&
			git -c user.name=base -c user.email=base@localhost commit -q -m base &&
			git tag base) || die "git init of $tsrc failed"
	fi
	git -C "$tsrc" checkout -q -f base
	git -C "$tsrc" clean -q -f -d -x
	(cd "$tsrc" && QUILT_PATCHES=$q QUILT_PC=$tsrc/.pc quilt push -a -q --fuzz=0) \
		>"$LOGS/quilt-trixie.log" 2>&1 || {
		tail -n 20 "$LOGS/quilt-trixie.log" >&2
		die "quilt push -a --fuzz=0 onto Debian 13's $ver failed (log: $LOGS/quilt-trixie.log)"
	}
	# every file the series touches is then as in the series' tree
	n=0 differ=
	for f in $(git -C "$SRC" diff --name-only base series); do
		n=$((n + 1))
		git -C "$SRC" show "series:$f" | cmp -s - "$tsrc/$f" || differ="$differ $f"
	done
	rm -rf "$tsrc/.pc"
	git -C "$tsrc" checkout -q -f base
	git -C "$tsrc" clean -q -f -d -x
	[ "$n" -gt 0 ] || die "no files in base..series of $SRC to compare"
	[ -z "$differ" ] || die "after quilt push onto Debian 13's $ver, these differ from the series:$differ"
	say "quilt push -a --fuzz=0 onto Debian 13's $BASE_PACKAGE $ver: the $n files of the series as in its tree"
	exit 0
fi

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
