// SPDX-License-Identifier: GPL-2.0
/* Selftests of the dynptr helpers 212-219 (progs/dynptr_helpers*.c). */
#include <test_progs.h>
#include "network_helpers.h"
#include "dynptr_helpers.skel.h"
#include "dynptr_helpers_fail.skel.h"
#include "dynptr_helpers_kfunc.skel.h"
#include "dynptr_helpers_vmlinux.skel.h"
#include "dynptr_helpers_vmlinux_last.skel.h"

static int jit_enabled(void)
{
	char c = '1';
	FILE *f = fopen("/proc/sys/net/core/bpf_jit_enable", "r");

	if (f) {
		if (fread(&c, 1, 1, f) != 1)
			c = '1';
		fclose(f);
	}
	return c != '0';
}

/* The programs ran the way this run claims: JITed or interpreted. */
static void check_exec_mode(int prog_fd)
{
	struct bpf_prog_info info = {};
	__u32 len = sizeof(info);

	if (!ASSERT_OK(bpf_prog_get_info_by_fd(prog_fd, &info, &len), "prog_info"))
		return;
	if (jit_enabled())
		ASSERT_GT(info.jited_prog_len, 0, "jited");
	else
		ASSERT_EQ(info.jited_prog_len, 0, "interpreted");
}

static void run_include_order(void)
{
	LIBBPF_OPTS(bpf_test_run_opts, topts,
		.data_in = &pkt_v4,
		.data_size_in = sizeof(pkt_v4),
		.repeat = 1,
	);
	struct dynptr_helpers_vmlinux_last *last;
	struct dynptr_helpers_vmlinux *first;
	int fd;

	first = dynptr_helpers_vmlinux__open_and_load();
	if (!ASSERT_OK_PTR(first, "vmlinux_first load"))
		return;
	fd = bpf_program__fd(first->progs.vmlinux_first);
	ASSERT_OK(bpf_prog_test_run_opts(fd, &topts), "vmlinux_first run");
	ASSERT_EQ(topts.retval, 0, "vmlinux_first retval");
	check_exec_mode(fd);
	dynptr_helpers_vmlinux__destroy(first);

	last = dynptr_helpers_vmlinux_last__open_and_load();
	if (!ASSERT_OK_PTR(last, "vmlinux_last load"))
		return;
	fd = bpf_program__fd(last->progs.vmlinux_last);
	ASSERT_OK(bpf_prog_test_run_opts(fd, &topts), "vmlinux_last run");
	ASSERT_EQ(topts.retval, 0, "vmlinux_last retval");
	dynptr_helpers_vmlinux_last__destroy(last);
}

/* Helper-only programs (non-GPL): JIT and interpreter alike. */
void test_dynptr_helpers(void)
{
	RUN_TESTS(dynptr_helpers);
	RUN_TESTS(dynptr_helpers_fail);
	if (test__start_subtest("include_order"))
		run_include_order();
}

/* Next to the kfuncs: needs the JIT. */
void test_dynptr_helpers_kfunc(void)
{
	RUN_TESTS(dynptr_helpers_kfunc);
}
