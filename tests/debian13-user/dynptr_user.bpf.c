// SPDX-License-Identifier: BSD-2-Clause
/* A BPF program built the way a Debian 13 user builds one, calling each
 * of the helpers 212-221:
 *  - vmlinux.h dumped by Debian's own bpftool 7.5 from a kernel whose BTF
 *    pahole 1.30 made, so it has kfunc prototypes; five of them share a
 *    name with a helper, hence BPF_NO_KFUNC_PROTOTYPES (README, "BPF
 *    program authors");
 *  - <bpf/bpf_helpers.h> of libbpf-dev 1.5, whose bpf_helper_defs.h ends
 *    at helper 211;
 *  - bpf_dynptr_helpers.h, the ten helpers of the series (make man).
 * Not GPL: helpers, unlike kfuncs, are there for every license.
 */
#define BPF_NO_KFUNC_PROTOTYPES
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "bpf_dynptr_helpers.h"
#include "dynptr_user.h"

char _license[] SEC("license") = "BSD";

struct result res[2];

/* bpf_dynptr_iterator's callback: one byte a call */
static long sum_byte(struct bpf_dynptr *view, void *ctx)
{
	struct result *r = ctx;
	__u8 b;

	if (bpf_dynptr_read(&b, 1, view, 0, 0))
		return -1;
	r->sum += b;
	r->calls++;
	return 1;
}

/* The packet is 64 bytes of 0, 1, ..., 63 (the loader's BPF_PROG_TEST_RUN) */
static __always_inline void walk(struct bpf_dynptr *d, long from,
				 struct result *out)
{
	struct result rs = {}, *r = &rs;	/* the iterator's context: stack */
	struct bpf_dynptr c;

	r->from = from;
	r->size = bpf_dynptr_get_size(d);			/* 64 */
	r->is_null = bpf_dynptr_is_null(d);			/* 0 */
	r->is_rdonly = bpf_dynptr_is_rdonly(d);			/* 0 */
	r->advance = bpf_dynptr_advance(d, 14);			/* 0 */
	r->trim = bpf_dynptr_trim(d, 10);			/* 0: 14..53 */
	r->offset = bpf_dynptr_get_offset(d);			/* 14 */
	r->size_after = bpf_dynptr_get_size(d);			/* 40 */
	r->too_far = bpf_dynptr_advance(d, 41);			/* -ERANGE */
	r->clone = bpf_dynptr_clone(d, &c, 8);			/* 0: 22..53 */
	r->clone_offset = bpf_dynptr_get_offset(&c);		/* 22 */
	r->clone_size = bpf_dynptr_get_size(&c);		/* 32 */
	r->iterator = bpf_dynptr_iterator(&c, sum_byte, r, 0);	/* 0 */
	r->done = 1;
	*out = rs;
}

SEC("tc")
int user_tc(struct __sk_buff *skb)
{
	struct bpf_dynptr d;

	walk(&d, bpf_dynptr_from_skb(skb, 0, &d), &res[0]);
	return 0;
}

SEC("xdp")
int user_xdp(struct xdp_md *xdp)
{
	struct bpf_dynptr d;

	walk(&d, bpf_dynptr_from_xdp(xdp, 0, &d), &res[1]);
	return XDP_PASS;
}
