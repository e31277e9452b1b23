#!/bin/sh
# Unpack Debian's linux-source-6.12 (the pinned version) once into
# $CACHE/src-<version> and make it a git tree: one commit "base" (tag
# "base") on branch "series".  Falls back to the newest 6.12 package with a
# loud warning when the pinned version is no longer offered.
. "$(dirname "$0")/common.sh"

pinned=$(sed -n 's/^BASE_VERSION=//p' "$TOP/config/base-version")
offered=$(apt-cache madison "$BASE_PACKAGE" 2>/dev/null | awk '{print $3}')
use=$pinned
if ! printf '%s\n' "$offered" | grep -qxF "$pinned"; then
	newest=$(printf '%s\n' "$offered" | grep . | sort -V | tail -n 1)
	[ -n "$newest" ] || die "apt offers no $BASE_PACKAGE at all (apt-get update?)"
	cat >&2 <<EOF
################################################################
WARNING: pinned base $BASE_PACKAGE=$pinned is no longer offered.
WARNING: falling back to the newest offered: $BASE_PACKAGE=$newest
WARNING: results are for $newest, not for the pinned $pinned.
################################################################
EOF
	use=$newest
fi
if [ "$use" != "$pinned" ]; then
	echo "$use" >"$CACHE/base-version.in-use"
else
	rm -f "$CACHE/base-version.in-use"
fi
KEY=$(printf '%s' "$use" | tr -c 'A-Za-z0-9.-' '_')
SRC=$CACHE/src-$KEY

if git -C "$SRC" rev-parse -q --verify base >/dev/null 2>&1; then
	exit 0
fi

say "unpacking $BASE_PACKAGE=$use into $SRC"
debs=$CACHE/debs
mkdir -p "$debs"
deb=$(ls "$debs/${BASE_PACKAGE}_$(printf '%s' "$use" | sed 's/:/%3a/')_"*.deb 2>/dev/null | head -n 1 || true)
if [ -z "$deb" ]; then
	(cd "$debs" && apt-get download -q "$BASE_PACKAGE=$use") ||
		die "apt-get download $BASE_PACKAGE=$use failed"
	deb=$(ls "$debs/${BASE_PACKAGE}_"*.deb | grep -F "$(printf '%s' "$use" | sed 's/:/%3a/')" | head -n 1)
fi
tmp=$CACHE/tmp-unpack.$$
rm -rf "$tmp" "$SRC"
mkdir -p "$tmp"
dpkg-deb --fsys-tarfile "$deb" |
	tar -xO --wildcards './usr/src/linux-source-*.tar.xz' |
	tar -xJ -C "$tmp"
mv "$tmp"/linux-source-* "$SRC"
rmdir "$tmp"

cd "$SRC"
git init -q -b series
git config user.name "Dynptr Helpers Team"
git config user.email "dynptr-helpers@example.org"
git config core.autocrlf false
git config gc.auto 0
# Debian's top-level .gitignore ignores everything ("/*"): add with -f.
git add -f -A
git commit -q -m "base: $BASE_PACKAGE $use"
git tag base
say "base ready: $(git log --oneline -1)"
