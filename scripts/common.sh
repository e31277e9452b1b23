# Shared settings for the harness scripts.  Sourced, not run.
# Everything heavy lives in $CACHE, outside the clone, keyed by the base
# package version, so that a fresh clone reuses an earlier unpack and build.

set -eu

TOP=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck disable=SC1091
. "$TOP/config/base-version"

CACHE=${CACHE:-/var/cache/dynptr-helpers}
JOBS=${JOBS:-$(($(nproc) + 1))}
# Debian 12's newest LLVM: the selftests' verifier_bounds.c needs >= 17,
# test_progs-cpuv4 >= 18.
LLVM=${LLVM_VERSION:-19}
CLANG=${CLANG:-clang-$LLVM}

# The version actually in use may differ from the pinned one (see base.sh).
if [ -r "$CACHE/base-version.in-use" ]; then
	BASE_VERSION=$(cat "$CACHE/base-version.in-use")
fi
KEY=$(printf '%s' "$BASE_VERSION" | tr -c 'A-Za-z0-9.-' '_')
SRC=${KSRC:-$CACHE/src-$KEY}	# git work tree: tag "base" + one commit a patch
AMTREE=$CACHE/am-$KEY		# scratch worktree where git am runs
# CHECK_KASAN=1 (make check-kasan): the sanitizer kernel of
# config/kasan.config, its own selftests build (bpf_testmod.ko must match
# the kernel's lockdep struct layouts) and its own out/ directory.
sfx=${CHECK_KASAN:+-kasan}
OBJ=${KOBJ:-$CACHE/obj-$KEY$sfx}	# kernel build (O=)
STO=${KSTO:-$CACHE/selftests-$KEY$sfx}	# selftests build (OUTPUT=)
OUT=${OUT:-$TOP/out${CHECK_KASAN:+/kasan}${CHECK_TRIXIE:+/trixie}}
KFRAGS=${CHECK_KASAN:+$TOP/config/kasan.config}
LOGS=${LOGS:-$OUT/logs}

export CCACHE_DIR=${CCACHE_DIR:-$CACHE/ccache}
export CCACHE_BASEDIR=$CACHE
# Trees laid out alike ($CACHE/src-K + obj-K, $CACHE/base/src-K + obj-K,
# ...) compile with the same relative paths: without the working directory
# in the hash, the base and fixes-only kernels reuse the series' objects.
export CCACHE_NOHASHDIR=1
# -fmacro-prefix-map=<abs source dir>= makes __FILE__ relative, the same in
# every such tree: its absolute path must not split the cache either.
export CCACHE_IGNOREOPTIONS='-fmacro-prefix-map=*'
export CCACHE_MAXSIZE=${CCACHE_MAXSIZE:-8G}
export CCACHE_SLOPPINESS=time_macros,include_file_mtime,include_file_ctime

# Debian's tools first (python3 with ply for checkpatch's spdxcheck).
PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:$PATH
export PATH

# The default cache is under /var/cache: a user who is not root gets it
# made and handed over with sudo, as deps.sh installs with sudo.
if ! mkdir -p "$CACHE" 2>/dev/null; then
	sudo mkdir -p "$CACHE" && sudo chown "$(id -u):$(id -g)" "$CACHE" ||
		{ echo "ERROR: cannot create $CACHE (set CACHE=)" >&2; exit 1; }
fi
# (one made by another user, root's by an earlier sudo make check, ...)
[ -w "$CACHE" ] || { echo "ERROR: $CACHE is not writable by $(id -un) (owner: $(stat -c %U "$CACHE"); chown it or set CACHE=)" >&2; exit 1; }
mkdir -p "$LOGS"

# hold_lock SCRIPT ARGS...: run the calling script again under $CACHE/lock,
# so that two runs sharing a cache (make check, check-kasan, baseline,
# make kernel, bench, ...) take turns instead of building or booting the
# same trees at once.  Every script that sources this file does, at its
# end (the scripts it runs hold the lock already); where.sh sets
# NO_CACHE_LOCK: it only prints paths.
hold_lock() {
	[ -z "${DYNPTR_CACHE_LOCKED:-}" ] || return 0
	flock -n "$CACHE/lock" true ||
		echo "==> waiting for $CACHE/lock (another run uses this cache)" >&2
	DYNPTR_CACHE_LOCKED=1 exec flock "$CACHE/lock" sh "$@"
}

# added_tests TREE RANGE: the test_progs tests of the prog_tests/ files
# that RANGE adds in the git tree TREE
added_tests() {
	for _f in $(git -C "$1" diff --name-only --diff-filter=A "$2" -- \
			tools/testing/selftests/bpf/prog_tests/); do
		sed -n -E 's/^void (serial_)?test_([a-zA-Z0-9_]+)\((void)?\).*/\2/p' "$1/$_f"
	done | tr '\n' ' '
}
# not_run: the test_progs -b list of config/not-run (make check-full);
# not_built: its prog_tests/ files, left out of the build
not_run() { sed 's/#.*//' "$TOP/config/not-run" | awk 'NF && $1 !~ /\.c$/ { print $1 }' | tr '\n' ',' | sed 's/,$//'; }
not_built() { sed 's/#.*//' "$TOP/config/not-run" | awk '$1 ~ /^prog_tests\/.*\.c$/ { sub(/^prog_tests\//, "", $1); print $1 }'; }
# vm_clock: "tsc_early_khz=N tsc=reliable" for a TCG guest's command line,
# or nothing.  Under TCG the guest's TSC runs at the host's rate (QEMU
# reads the host's), but the guest kernel measures that rate against the
# PIT, which fails when the host is busy ("tsc: Unable to calibrate
# against PIT"): sched_clock() then counts jiffies (4 ms) and a program's
# run_time_ns (test enable_stats) reads 0 on one boot, not on the next.
# And its clocksource watchdog, comparing the TSC with jiffies that TCG
# delivers late, drops the TSC within a minute: ktime then counts jiffies
# too, and time_tai's "now > ts1" fails on some runs.  So the guest is
# told the host's rate ("cpu MHz", the TSC's on a host with a constant
# TSC and no cpufreq, a VM such as this machine kind) and to trust it;
# nothing elsewhere, nor under -icount, which sets the guest's clock.
vm_clock() {
	case " ${VM_QEMU_ARGS:-} " in *-icount*) return 0 ;; esac
	[ ! -e /sys/devices/system/cpu/cpu0/cpufreq ] || return 0
	awk -F': *' '/^flags/ && / constant_tsc/ { c = 1 }
		/^cpu MHz/ && !m { m = $2 }
		END { if (c && m) printf "tsc_early_khz=%d tsc=reliable", m * 1000 }' /proc/cpuinfo
}
# base_out: where scripts/baseline.sh writes its run's results and logs
# (make baseline; make check-full's base run, FULL=1)
base_out() { echo "$TOP/out/baseline${FULL:+-full}"; }
# commas WORD...: the words sorted, once each, comma-separated
commas() { echo $* | tr ' ' '\n' | sort -u | tr '\n' ',' | sed 's/,$//'; }

say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

# base_worktree DIR: a fresh detached worktree of the base at DIR.
base_worktree() {
	git -C "$SRC" worktree remove --force "$1" 2>/dev/null || rm -rf "$1"
	git -C "$SRC" worktree prune
	git -C "$SRC" worktree add -q --detach "$1" base
}

# A BPF object and its libbpf loader built against the series: its UAPI
# header, the libbpf headers (bpf_helper_defs.h generated from that UAPI)
# and libbpf.a, as the selftests build made them.  Quoted for the
# "sh -c" strings of run_logged:
#   $BPF_CC -c x.bpf.c -o x.bpf.o;  $LOADER_CC x.c $LOADER_LIBS -o x
UAPI=$SRC/tools/include/uapi
BPF_CC="$CLANG -O2 -g -target bpf -I'$UAPI' -I'$STO/tools/include' -I/usr/include/x86_64-linux-gnu"
LOADER_CC="gcc -O2 -Wall -I'$UAPI' -I'$STO/tools/include'"
LOADER_LIBS="'$STO/tools/build/libbpf/libbpf.a' -lelf -lz"
need_libbpf() {
	[ -r "$STO/tools/build/libbpf/libbpf.a" ] ||
		die "no libbpf in $STO: build the selftests first (make selftests)"
}

# run_logged NAME CMD...: run CMD with its output in $LOGS/NAME.log; on
# failure show the last lines of that log and return its status.
run_logged() {
	_name=$1; shift
	_log=$LOGS/$_name.log
	if "$@" >"$_log" 2>&1; then
		return 0
	else
		_rc=$?
		printf 'ERROR: %s failed (exit %s); last lines of %s:\n' \
			"$_name" "$_rc" "$_log" >&2
		tail -n 40 "$_log" | sed 's/^/    /' >&2
		return "$_rc"
	fi
}

[ -n "${NO_CACHE_LOCK:-}" ] || hold_lock "$0" "$@"
