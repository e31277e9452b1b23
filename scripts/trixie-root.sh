#!/bin/sh
# A Debian 13 (trixie) root in $CACHE/trixie/root, made once with
# mmdebstrap from the Debian mirror of this machine's apt configuration
# (never added to the host's sources): trixie's pahole 1.30, bpftool 7.5,
# libbpf 1.5 and clang-19, used through chroot.
. "$(dirname "$0")/common.sh"

root=$CACHE/trixie/root
[ -x "$root/usr/bin/pahole" ] && exit 0
# the first Debian mirror apt uses here (deb822 or one-line format)
mirror=$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null |
	sed -n 's/^URIs: *\([^ ]*debian\/*\)$/\1/p' | head -n 1)
[ -n "$mirror" ] || mirror=$(sed -n 's/^deb \(\[[^]]*\] \)\{0,1\}\([^ ]*debian\/*\) .*/\2/p' \
	/etc/apt/sources.list 2>/dev/null | head -n 1)
[ -n "$mirror" ] || die "no Debian mirror in /etc/apt: cannot make the trixie root"
say "making a trixie root from $mirror in $root (once)"
rm -rf "$root"
mkdir -p "$(dirname "$root")"
run_logged trixie-root mmdebstrap --variant=apt \
	--include=pahole,bpftool,libbpf-dev,clang-19,llvm-19,gcc,make,libelf-dev,zlib1g-dev \
	trixie "$root" "$mirror"
