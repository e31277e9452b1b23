// SPDX-License-Identifier: BSD-2-Clause
/* The loader of dynptr_user.bpf.c, linked against the system's libbpf (on
 * Debian 13, libbpf1 1.5): runs both programs once with BPF_PROG_TEST_RUN
 * on a 64-byte packet of 0, 1, ..., 63 and checks what each helper gave.
 * One line a check, "ok NAME" or "not ok NAME (got X, want Y)"; the exit
 * status is the number of failed checks.
 */
#include <errno.h>
#include <stdio.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include "dynptr_user.h"
#include "dynptr_user.skel.h"

static int failed;

static void check(const char *prog, const char *what, long got, long want)
{
	if (got == want) {
		printf("ok %s/%s\n", prog, what);
	} else {
		printf("not ok %s/%s (got %ld, want %ld)\n", prog, what, got, want);
		failed++;
	}
}

int main(void)
{
	static const char *name[] = { "tc", "xdp" };
	struct dynptr_user *skel;
	unsigned char pkt[64];
	int i;

	printf("# libbpf %u.%u\n", libbpf_major_version(), libbpf_minor_version());
	for (i = 0; i < (int)sizeof(pkt); i++)
		pkt[i] = i;
	skel = dynptr_user__open_and_load();
	check("load", "open_and_load", skel ? 0 : -errno, 0);
	if (!skel)
		return failed;
	for (i = 0; i < 2; i++) {
		struct bpf_program *p = i ? skel->progs.user_xdp : skel->progs.user_tc;
		LIBBPF_OPTS(bpf_test_run_opts, o, .data_in = pkt,
			    .data_size_in = sizeof(pkt), .repeat = 1);
		struct result *r = &skel->bss->res[i];

		check(name[i], "test_run", bpf_prog_test_run_opts(bpf_program__fd(p), &o), 0);
		check(name[i], "ran", r->done, 1);
		check(name[i], "from", r->from, 0);
		check(name[i], "get_size", r->size, 64);
		check(name[i], "is_null", r->is_null, 0);
		check(name[i], "is_rdonly", r->is_rdonly, 0);
		check(name[i], "advance", r->advance, 0);
		check(name[i], "trim", r->trim, 0);
		check(name[i], "get_offset", r->offset, 14);
		check(name[i], "get_size_after", r->size_after, 40);
		check(name[i], "advance_too_far", r->too_far, -ERANGE);
		check(name[i], "clone", r->clone, 0);
		check(name[i], "clone_offset", r->clone_offset, 22);
		check(name[i], "clone_size", r->clone_size, 32);
		check(name[i], "iterator", r->iterator, 0);
		check(name[i], "iterator_calls", r->calls, 32);
		check(name[i], "iterator_sum", r->sum, (22 + 53) * 32 / 2);
	}
	dynptr_user__destroy(skel);
	return failed;
}
