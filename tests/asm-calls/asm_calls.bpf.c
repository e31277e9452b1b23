// SPDX-License-Identifier: BSD-2-Clause
/* The ten dynptr helpers, for the asm-call stubs test: built with the
 * default stubs (clang -O2, the reference) and with BPF_HELPER_ASM_CALLS
 * (clang -O0, clang -O2, gcc-bpf -O2); every build must load and write
 * the same values into out[]. Small programs, so that -O0 stays within
 * the 512-byte stack.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char _license[] SEC("license") = "BSD";

long out[20];

SEC("tc")
int tc_view(struct __sk_buff *skb)
{
	struct bpf_dynptr d;

	out[0] = bpf_dynptr_from_skb(skb, 0, &d);
	out[1] = bpf_dynptr_get_size(&d);
	out[2] = bpf_dynptr_advance(&d, 14);
	out[3] = bpf_dynptr_trim(&d, 2);
	out[4] = bpf_dynptr_get_offset(&d);
	return 0;
}

SEC("tc")
int tc_bits_clone(struct __sk_buff *skb)
{
	struct bpf_dynptr d, c;

	bpf_dynptr_from_skb(skb, 0, &d);
	out[5] = bpf_dynptr_is_null(&d);
	out[6] = bpf_dynptr_is_rdonly(&d);
	out[7] = bpf_dynptr_clone(&d, &c, 5);
	out[8] = bpf_dynptr_get_size(&c);
	out[9] = bpf_dynptr_get_offset(&c);
	return 0;
}

/* A callback needs BTF function info, and this kernel refuses the BTF of
 * the gcc-bpf 12 build (-ENOTSUPP) and of the clang -O0 build (-EINVAL):
 * those builds leave the iterator out (the loader skips the out[] entries
 * of programs an object does not have); clang -O2 covers its stub.
 */
#ifndef ASM_CALLS_NO_CALLBACKS
static long ten_cb(struct bpf_dynptr *view, void *ctx)
{
	out[10]++;
	return bpf_dynptr_get_size(view) > 10 ? 10 : 0;
}

SEC("tc")
int tc_iter(struct __sk_buff *skb)
{
	struct bpf_dynptr m, c;

	/* an skb dynptr: bpf_dynptr_from_mem()'s constant size does not
	 * survive -O0's trips through the stack
	 */
	bpf_dynptr_from_skb(skb, 0, &m);
	out[11] = bpf_dynptr_iterator(&m, ten_cb, NULL, 0);
	out[12] = bpf_dynptr_clone(&m, &c, 65);
	out[13] = bpf_dynptr_advance(&m, 0xffffffff);
	return 0;
}
#endif

SEC("xdp")
int xdp_view(struct xdp_md *xdp)
{
	struct bpf_dynptr d;

	out[14] = bpf_dynptr_from_xdp(xdp, 0, &d);
	out[15] = bpf_dynptr_get_size(&d);
	out[16] = bpf_dynptr_is_rdonly(&d);
	out[17] = bpf_dynptr_from_xdp(xdp, 1, &d);
	out[18] = bpf_dynptr_is_null(&d);
	return XDP_PASS;
}
