// SPDX-License-Identifier: BSD-2-Clause
/* Programs the verifier must reject when they use the dynptr helpers
 * 212-219 unsafely; each checks the verifier's message.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "bpf_misc.h"

char _license[] SEC("license") = "BSD";

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} ringbuf SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct { __u64 words[2]; });
} array SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_USER_RINGBUF);
	__uint(max_entries, 4096);
} user_ringbuf SEC(".maps");

/* An uninitialised dynptr, to each helper that reads one. */
#define UNINIT_TEST(name, call)					\
SEC("?tc")							\
__failure __msg("Expected an initialized dynptr as arg #0")	\
int uninit_##name(struct __sk_buff *skb)			\
{								\
	struct bpf_dynptr d;					\
								\
	return call;						\
}
UNINIT_TEST(advance, bpf_dynptr_advance(&d, 1))
UNINIT_TEST(trim, bpf_dynptr_trim(&d, 1))
UNINIT_TEST(is_null, bpf_dynptr_is_null(&d))
UNINIT_TEST(is_rdonly, bpf_dynptr_is_rdonly(&d))
UNINIT_TEST(get_size, bpf_dynptr_get_size(&d))
UNINIT_TEST(get_offset, bpf_dynptr_get_offset(&d))

/* A dynptr that is not on the stack: a map value. */
SEC("?tc")
__failure __msg("arg#0 expected pointer to stack or const struct bpf_dynptr")
int not_stack(struct __sk_buff *skb)
{
	__u32 key = 0;
	struct bpf_dynptr *d = (void *)bpf_map_lookup_elem(&array, &key);

	if (!d)
		return 0;
	return bpf_dynptr_get_size(d);
}

/* The out-parameter of from_skb must be stack memory too. */
SEC("?tc")
__failure __msg("arg#2 expected pointer to stack or const struct bpf_dynptr")
int from_skb_not_stack(struct __sk_buff *skb)
{
	__u32 key = 0;
	struct bpf_dynptr *d = (void *)bpf_map_lookup_elem(&array, &key);

	if (!d)
		return 0;
	return bpf_dynptr_from_skb(skb, 0, d);
}

/* Half of the dynptr overwritten by a scalar store. */
SEC("?tc")
__failure __msg("Expected an initialized dynptr as arg #0")
int partially_overwritten(struct __sk_buff *skb)
{
	struct bpf_dynptr d;

	bpf_dynptr_from_skb(skb, 0, &d);
	*(volatile __u64 *)&d = 0;
	return bpf_dynptr_get_offset(&d);
}

/* Re-initialising a live dynptr. */
SEC("?tc")
__failure __msg("Dynptr has to be an uninitialized dynptr")
int from_skb_twice(struct __sk_buff *skb)
{
	struct bpf_dynptr d;

	bpf_dynptr_from_skb(skb, 0, &d);
	bpf_dynptr_from_skb(skb, 0, &d);
	return 0;
}

/* Using a ring buffer dynptr after it was submitted. */
SEC("?tc")
__failure __msg("Expected an initialized dynptr as arg #0")
int advance_after_submit(struct __sk_buff *skb)
{
	struct bpf_dynptr d;

	bpf_ringbuf_reserve_dynptr(&ringbuf, 16, 0, &d);
	bpf_ringbuf_submit_dynptr(&d, 0);
	return bpf_dynptr_advance(&d, 1);
}

/* The reservation must still be released after advance/trim. */
SEC("?tc")
__failure __msg("Unreleased reference id=")
int ringbuf_leak_after_advance(struct __sk_buff *skb)
{
	struct bpf_dynptr d;

	bpf_ringbuf_reserve_dynptr(&ringbuf, 16, 0, &d);
	bpf_dynptr_advance(&d, 4);
	bpf_dynptr_trim(&d, 4);
	return 0;
}

/* from_skb only where the skb is the context: not in XDP ... */
SEC("?xdp")
__failure __msg("program of this type cannot use helper bpf_dynptr_from_skb#212")
int from_skb_in_xdp(struct xdp_md *xdp)
{
	struct bpf_dynptr d;

	bpf_dynptr_from_skb((void *)xdp, 0, &d);
	return 0;
}

/* ... and not in tracing programs. */
SEC("?kprobe/bpf_fentry_test1")
__failure __msg("program of this type cannot use helper bpf_dynptr_from_skb#212")
int from_skb_in_kprobe(void *ctx)
{
	struct bpf_dynptr d;

	bpf_dynptr_from_skb(ctx, 0, &d);
	return 0;
}

/* from_xdp only in XDP programs. */
SEC("?tc")
__failure __msg("program of this type cannot use helper bpf_dynptr_from_xdp#213")
int from_xdp_in_tc(struct __sk_buff *skb)
{
	struct bpf_dynptr d;

	bpf_dynptr_from_xdp((void *)skb, 0, &d);
	return 0;
}

/* The skb must be the context itself. */
SEC("?tc")
__failure __msg("R1 type=fp expected=ctx")
int from_skb_not_ctx(struct __sk_buff *skb)
{
	struct bpf_dynptr d;
	char fake[64] = {};

	bpf_dynptr_from_skb((void *)fake, 0, &d);
	return 0;
}

/* advance/trim modify the dynptr: not on a const one. */
static long drain_cb(struct bpf_dynptr *d, void *ctx)
{
	bpf_dynptr_advance(d, 1);
	return 0;
}

SEC("?tc")
__failure __msg("cannot pass pointer to const bpf_dynptr, the helper mutates it")
int advance_const_dynptr(struct __sk_buff *skb)
{
	bpf_user_ringbuf_drain(&user_ringbuf, drain_cb, NULL, 0);
	return 0;
}

static long trim_cb(struct bpf_dynptr *d, void *ctx)
{
	bpf_dynptr_trim(d, 1);
	return 0;
}

SEC("?tc")
__failure __msg("cannot pass pointer to const bpf_dynptr, the helper mutates it")
int trim_const_dynptr(struct __sk_buff *skb)
{
	bpf_user_ringbuf_drain(&user_ringbuf, trim_cb, NULL, 0);
	return 0;
}

/* The getters only read: fine on a const dynptr. */
static long getters_cb(struct bpf_dynptr *d, void *ctx)
{
	return bpf_dynptr_get_size(d) + bpf_dynptr_get_offset(d) +
	       bpf_dynptr_is_null(d) + bpf_dynptr_is_rdonly(d) > 0 ? 0 : 1;
}

SEC("?tc")
__success
int getters_const_dynptr(struct __sk_buff *skb)
{
	bpf_user_ringbuf_drain(&user_ringbuf, getters_cb, NULL, 0);
	return 0;
}
