// SPDX-License-Identifier: GPL-2.0
/* The dynptr helpers next to the 6.12 kfuncs: dynptrs made by one form are
 * used by the other with the same results, and slices of helper-made skb
 * and xdp dynptrs are invalidated like those of kfunc-made ones. Needs the
 * JIT (kfuncs).
 */
#include <stdbool.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "bpf_misc.h"
#include "errno.h"

#define EXPECT(cond) do { if (!(cond)) return __LINE__; } while (0)

/* The helper forms, under names that survive bpf_kfuncs.h's macros. */
static __always_inline long helper_from_skb(struct __sk_buff *skb, __u64 flags,
					    struct bpf_dynptr *d)
{
	return bpf_dynptr_from_skb(skb, flags, d);
}

static __always_inline long helper_from_xdp(struct xdp_md *xdp, __u64 flags,
					    struct bpf_dynptr *d)
{
	return bpf_dynptr_from_xdp(xdp, flags, d);
}

static __always_inline bool helper_is_null(struct bpf_dynptr *d)
{
	return bpf_dynptr_is_null(d);
}

static __always_inline bool helper_is_rdonly(struct bpf_dynptr *d)
{
	return bpf_dynptr_is_rdonly(d);
}

#include "bpf_kfuncs.h"	/* from here on, the plain names are the kfuncs */

char _license[] SEC("license") = "GPL";

/* kfunc-made skb dynptr, helper getters, advance vs bpf_dynptr_adjust */
SEC("tc")
__success __retval(0)
int kfunc_skb_helper_getters(struct __sk_buff *skb)
{
	struct bpf_dynptr k, h;
	__u32 len = skb->len;

	EXPECT(bpf_dynptr_from_skb(skb, 0, &k) == 0);
	EXPECT(helper_from_skb(skb, 0, &h) == 0);
	EXPECT(bpf_dynptr_get_size(&k) == bpf_dynptr_size(&k));
	EXPECT(bpf_dynptr_get_size(&h) == len && bpf_dynptr_size(&h) == len);
	EXPECT(bpf_dynptr_is_null(&h) == helper_is_null(&k));
	EXPECT(bpf_dynptr_is_rdonly(&h) == helper_is_rdonly(&k));
	EXPECT(!helper_is_rdonly(&h));

	/* advance(3) + trim(2) == adjust(3, size - 2) */
	EXPECT(bpf_dynptr_advance(&h, 3) == 0 && bpf_dynptr_trim(&h, 2) == 0);
	EXPECT(bpf_dynptr_adjust(&k, 3, len - 2) == 0);
	EXPECT(bpf_dynptr_get_size(&h) == bpf_dynptr_size(&k));
	EXPECT(bpf_dynptr_get_offset(&h) == bpf_dynptr_get_offset(&k));
	EXPECT(bpf_dynptr_get_offset(&k) == 3);
	/* out of range: -ERANGE from both forms */
	EXPECT(bpf_dynptr_advance(&h, len) == -ERANGE);
	EXPECT(bpf_dynptr_adjust(&k, len, len) == -ERANGE);
	return 0;
}

/* null dynptrs: the helpers and kfuncs agree; get_size keeps the sign */
SEC("tc")
__success __retval(0)
int null_helper_vs_kfunc(struct __sk_buff *skb)
{
	struct bpf_dynptr h, k;

	EXPECT(helper_from_skb(skb, 2, &h) == -EINVAL);
	EXPECT(bpf_dynptr_from_skb(skb, 2, &k) == -EINVAL);
	EXPECT(helper_is_null(&h) && bpf_dynptr_is_null(&h));
	EXPECT(helper_is_null(&k) && bpf_dynptr_is_null(&k));
	EXPECT(!helper_is_rdonly(&k) && !bpf_dynptr_is_rdonly(&h));
	EXPECT(bpf_dynptr_get_size(&h) == -EINVAL);
	EXPECT(bpf_dynptr_size(&h) == (__u32)-EINVAL);
	EXPECT(bpf_dynptr_adjust(&h, 0, 0) == -EINVAL);
	return 0;
}

/* cgroup_skb: both forms are read-only; returns 1 when all checks hold */
SEC("cgroup/skb")
__success __retval(1)
int rdonly_helper_vs_kfunc(struct __sk_buff *skb)
{
	struct bpf_dynptr h, k;

	if (helper_from_skb(skb, 0, &h) || bpf_dynptr_from_skb(skb, 0, &k))
		return 0;
	if (!helper_is_rdonly(&h) || !bpf_dynptr_is_rdonly(&h) ||
	    !helper_is_rdonly(&k) || !bpf_dynptr_is_rdonly(&k))
		return 0;
	return 1;
}

/* Writable slices need a program type that may write packet data. */
SEC("?cgroup/skb")
__failure __msg("the prog does not allow writes to packet data")
int helper_skb_slice_rdwr_rdonly(struct __sk_buff *skb)
{
	struct bpf_dynptr d;
	char buf[4];
	char *p;

	helper_from_skb(skb, 0, &d);
	p = bpf_dynptr_slice_rdwr(&d, 0, buf, sizeof(buf));
	if (p)
		*p = 1;
	return 1;
}

/* A packet-data change drops the slices of a helper-made skb dynptr ... */
SEC("?tc")
__failure __msg("invalid mem access 'scalar'")
int helper_skb_slice_after_pull(struct __sk_buff *skb)
{
	struct bpf_dynptr d;
	char buf[4];
	char *p;

	helper_from_skb(skb, 0, &d);
	p = bpf_dynptr_slice(&d, 0, buf, sizeof(buf));
	if (!p)
		return 0;
	bpf_skb_pull_data(skb, 0);
	return *p;
}

/* ... also when the change is a dynptr write to the skb ... */
SEC("?tc")
__failure __msg("invalid mem access 'scalar'")
int helper_skb_slice_after_write(struct __sk_buff *skb)
{
	struct bpf_dynptr d;
	char buf[4] = {};
	char *p;

	helper_from_skb(skb, 0, &d);
	p = bpf_dynptr_slice(&d, 0, buf, sizeof(buf));
	if (!p)
		return 0;
	bpf_dynptr_write(&d, 0, buf, 1, 0);
	return *p;
}

/* ... and after advance the slice stays valid (no data change). */
SEC("?tc")
__success
int helper_skb_slice_after_advance(struct __sk_buff *skb)
{
	struct bpf_dynptr d;
	char buf[4];
	char *p;

	helper_from_skb(skb, 0, &d);
	p = bpf_dynptr_slice(&d, 0, buf, sizeof(buf));
	if (!p)
		return 0;
	bpf_dynptr_advance(&d, 1);
	return *p;
}

SEC("?xdp")
__failure __msg("invalid mem access 'scalar'")
int helper_xdp_slice_after_adjust_head(struct xdp_md *xdp)
{
	struct bpf_dynptr d;
	char buf[4];
	char *p;

	helper_from_xdp(xdp, 0, &d);
	p = bpf_dynptr_slice(&d, 0, buf, sizeof(buf));
	if (!p)
		return XDP_DROP;
	bpf_xdp_adjust_head(xdp, 0);
	return *p;
}
