#!/bin/sh
# Install the Debian 12 packages the harness needs; quiet and quick when
# they are all there already.
set -eu
PKGS="build-essential bc bison flex libelf-dev libssl-dev dwarves ccache
git kmod cpio rsync xz-utils python3 python3-docutils python3-ply python3-git perl
clang-19 llvm-19 lld-19 gcc-bpf libcap-dev libzstd-dev zlib1g-dev
binutils-dev libdw-dev pkg-config qemu-system-x86 iproute2 quilt procps
gnuplot-nox mmdebstrap iputils-ping ethtool keyutils iptables nftables"
missing=$(for p in $PKGS; do
	dpkg-query -W -f '${db:Status-Abbrev}' "$p" 2>/dev/null | grep -q '^ii' ||
		echo "$p"
done)
[ -n "$missing" ] || exit 0
echo "==> installing: $(echo $missing)" >&2
SUDO=
[ "$(id -u)" = 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
