# dynptr helpers: a BPF patch series for Debian's linux-source-6.12 and the
# harness that proves it.  See README.md.
SH := sh scripts

PHONY_EXTRA := baseline check-full check-trixie progfuzz-long
.PHONY: $(PHONY_EXTRA) run check check-kasan bench deps base apply export bisect kernel selftests vm shell where quilt man \
	harness-test clean help

help:
	@sed -n 's/^## //p' Makefile

## make run           build and boot the patched kernel, run the demo
run: deps apply kernel selftests
	$(SH)/run.sh

## make check         all tests; ends with "N passed, N failed"
check: deps
	$(SH)/check.sh

## make check-full    every test_progs test (3 flavours), test_verifier and veristat, base vs series: hours
check-full: deps
	FULL=1 FLAVOURS="test_progs-no_alu32 test_progs-cpuv4" VERISTAT=1 $(SH)/check.sh

## make baseline      the base kernel's results (config/baseline.txt) for make check
baseline: deps
	$(SH)/baseline.sh make

## make check-trixie  the series built (gcc-14, pahole 1.30, clang-19) and run on Debian 13 (out/trixie/)
check-trixie: deps
	CHECK_TRIXIE=1 $(SH)/check.sh

## make check-kasan   the VM tests on a KASAN+UBSAN+lockdep kernel (out/kasan/)
check-kasan: deps
	CHECK_KASAN=1 $(SH)/check.sh

## make progfuzz-long  the program generator for an hour on the KASAN kernel, with coverage (out/progfuzz-long/)
progfuzz-long: deps
	CHECK_KASAN=1 OUT=$(CURDIR)/out/progfuzz-long $(SH)/progfuzz-long.sh

## make bench         helpers vs kfuncs vs floor, iterator vs bpf_loop/bpf_for, verifier stats (out/bench/)
bench: deps apply kernel selftests
	$(SH)/bench.sh

## make deps          apt-get what is missing (quiet when nothing is)
deps:
	$(SH)/deps.sh

## make base          unpack the pinned linux-source-6.12 into the cache
base: deps
	$(SH)/base.sh

## make apply         git am patches/ into the work tree (make where)
apply: base
	$(SH)/apply.sh

## make export        work tree commits -> patches/ (git format-patch)
export:
	$(SH)/export.sh

## make bisect        build kernel, libbpf, bpftool at every series prefix
bisect: deps
	$(SH)/bisect.sh

## make kernel        build bzImage + modules (ccache)
kernel: apply
	$(SH)/build-kernel.sh

## make selftests     build test_progs, test_verifier, veristat with clang-19
selftests: kernel
	$(SH)/build-selftests.sh

## make vm CMD='...'  run one command in the VM, exit with its status
vm:
	$(SH)/vm.sh sh -c '$(CMD)'

## make shell         interactive shell in the VM (host / read-only)
shell:
	$(SH)/vm.sh -i

## make harness-test  prove that broken patches make check fail
harness-test: deps
	$(SH)/../tests/harness-test.sh

## make man           out/bpf_helper_defs.h and out/bpf-helpers.7 (man -l)
man: apply
	$(SH)/man.sh

## make quilt         export patches/ as a Debian quilt series, test it
quilt: apply
	$(SH)/quilt.sh

## make where         print where the work tree, build and logs are
where:
	@$(SH)/where.sh
