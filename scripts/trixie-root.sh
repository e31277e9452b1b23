#!/bin/sh
# A Debian 13 (trixie) root in $CACHE/trixie/root, made once with
# mmdebstrap from the Debian mirror of this machine's apt configuration
# (never added to the host's sources): trixie's pahole 1.30, bpftool 7.5,
# libbpf 1.5 and clang-19, used through chroot, and what the VM needs to
# boot it as its / (mount, iproute2).  A root made with an older list of
# packages gets the missing ones with apt-get in the chroot.
. "$(dirname "$0")/common.sh"

root=$CACHE/trixie/root
pkgs=pahole,bpftool,libbpf-dev,clang-19,llvm-19,gcc,make,libelf-dev,zlib1g-dev,mount,iproute2
[ "$(cat "$root/.dynptr-packages" 2>/dev/null)" = "$pkgs" ] && exit 0
if [ -x "$root/usr/bin/pahole" ]; then
	say "adding to the trixie root: $pkgs"
	run_logged trixie-root chroot "$root" sh -c "apt-get update -qq &&
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			--no-install-recommends $(echo "$pkgs" | tr , ' ')"
	echo "$pkgs" >"$root/.dynptr-packages"
	exit 0
fi
# the first Debian mirror apt uses here (deb822 or one-line format)
mirror=$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null |
	sed -n 's/^URIs: *\([^ ]*debian\/*\)$/\1/p' | head -n 1)
[ -n "$mirror" ] || mirror=$(sed -n 's/^deb \(\[[^]]*\] \)\{0,1\}\([^ ]*debian\/*\) .*/\2/p' \
	/etc/apt/sources.list 2>/dev/null | head -n 1)
[ -n "$mirror" ] || die "no Debian mirror in /etc/apt: cannot make the trixie root"
say "making a trixie root from $mirror in $root (once)"
# trixie.sh binds $CACHE and the clone into the root: never rm -rf those
! grep -q " $root/" /proc/mounts || die "something is mounted under $root: umount it first"
rm -rf "$root"
mkdir -p "$(dirname "$root")"
run_logged trixie-root mmdebstrap --variant=apt --include="$pkgs" \
	trixie "$root" "$mirror"
echo "$pkgs" >"$root/.dynptr-packages"
