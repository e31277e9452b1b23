// SPDX-License-Identifier: BSD-2-Clause
/* Values of the dynptr helpers 212-219 on every dynptr type.
 *
 * Each program returns 0 when every check holds, else the line of the first
 * check that failed. The license is not GPL compatible and no kfunc is
 * called: the helpers must load for such programs, with the JIT or the
 * interpreter.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "bpf_misc.h"
#include "errno.h"

char _license[] SEC("license") = "BSD";

#define EXPECT(cond) do { if (!(cond)) return __LINE__; } while (0)
/* size and offset of a dynptr in one check */
#define EXPECT_VIEW(d, sz, off)					\
	EXPECT(bpf_dynptr_get_size(d) == (sz) &&			\
	       bpf_dynptr_get_offset(d) == (off))

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4096);
} ringbuf SEC(".maps");

static char buf[64];

SEC("tc")
__success __retval(0)
int local_advance_trim(struct __sk_buff *skb)
{
	struct bpf_dynptr d;
	__u8 b = 0;
	int i;

	for (i = 0; i < sizeof(buf); i++)
		buf[i] = i;
	EXPECT(bpf_dynptr_from_mem(buf, sizeof(buf), 0, &d) == 0);
	EXPECT(!bpf_dynptr_is_null(&d));
	EXPECT(!bpf_dynptr_is_rdonly(&d));
	EXPECT_VIEW(&d, 64, 0);

	EXPECT(bpf_dynptr_advance(&d, 10) == 0);
	EXPECT_VIEW(&d, 54, 10);
	EXPECT(bpf_dynptr_trim(&d, 4) == 0);
	EXPECT_VIEW(&d, 50, 10);
	EXPECT(bpf_dynptr_advance(&d, 0) == 0);
	EXPECT(bpf_dynptr_trim(&d, 0) == 0);
	EXPECT_VIEW(&d, 50, 10);

	/* reads and writes are relative to the view */
	EXPECT(bpf_dynptr_read(&b, 1, &d, 0, 0) == 0 && b == 10);
	EXPECT(bpf_dynptr_read(&b, 1, &d, 49, 0) == 0 && b == 59);
	EXPECT(bpf_dynptr_read(&b, 1, &d, 50, 0) == -E2BIG);
	b = 0xaa;
	EXPECT(bpf_dynptr_write(&d, 1, &b, 1, 0) == 0 && buf[11] == (char)0xaa);
	EXPECT(bpf_dynptr_write(&d, 50, &b, 1, 0) == -E2BIG);
	EXPECT(buf[60] == 60);

	/* len > size: -ERANGE, view unchanged */
	EXPECT(bpf_dynptr_advance(&d, 51) == -ERANGE);
	EXPECT(bpf_dynptr_trim(&d, 51) == -ERANGE);
	EXPECT(bpf_dynptr_advance(&d, 0xffffffff) == -ERANGE);
	EXPECT(bpf_dynptr_trim(&d, 0xffffffff) == -ERANGE);
	EXPECT_VIEW(&d, 50, 10);

	/* len == size: empty view, at the end */
	EXPECT(bpf_dynptr_advance(&d, 50) == 0);
	EXPECT_VIEW(&d, 0, 60);
	EXPECT(bpf_dynptr_read(&b, 1, &d, 0, 0) == -E2BIG);
	EXPECT(bpf_dynptr_advance(&d, 1) == -ERANGE);
	EXPECT(bpf_dynptr_trim(&d, 1) == -ERANGE);
	EXPECT(bpf_dynptr_advance(&d, 0) == 0);
	EXPECT_VIEW(&d, 0, 60);
	EXPECT(!bpf_dynptr_is_null(&d));
	return 0;
}

SEC("tc")
__success __retval(0)
int local_trim_all(struct __sk_buff *skb)
{
	struct bpf_dynptr d;

	EXPECT(bpf_dynptr_from_mem(buf, sizeof(buf), 0, &d) == 0);
	EXPECT(bpf_dynptr_trim(&d, 64) == 0);
	EXPECT_VIEW(&d, 0, 0);
	EXPECT(bpf_dynptr_advance(&d, 0) == 0);
	EXPECT(bpf_dynptr_advance(&d, 1) == -ERANGE);
	return 0;
}

SEC("tc")
__success __retval(0)
int local_zero_size(struct __sk_buff *skb)
{
	struct bpf_dynptr d;

	EXPECT(bpf_dynptr_from_mem(buf, 0, 0, &d) == 0);
	EXPECT(!bpf_dynptr_is_null(&d));
	EXPECT_VIEW(&d, 0, 0);
	EXPECT(bpf_dynptr_advance(&d, 0) == 0 && bpf_dynptr_trim(&d, 0) == 0);
	EXPECT(bpf_dynptr_advance(&d, 1) == -ERANGE);
	EXPECT(bpf_dynptr_trim(&d, 1) == -ERANGE);
	EXPECT_VIEW(&d, 0, 0);
	return 0;
}

/* Every helper on a null dynptr. */
static __always_inline int check_null(struct bpf_dynptr *d)
{
	EXPECT(bpf_dynptr_is_null(d));
	EXPECT(!bpf_dynptr_is_rdonly(d));
	EXPECT(bpf_dynptr_get_size(d) == -EINVAL);
	EXPECT(bpf_dynptr_get_offset(d) == -EINVAL);
	EXPECT(bpf_dynptr_advance(d, 0) == -EINVAL);
	EXPECT(bpf_dynptr_trim(d, 0) == -EINVAL);
	return 0;
}

SEC("tc")
__success __retval(0)
int null_local(struct __sk_buff *skb)
{
	struct bpf_dynptr d;

	EXPECT(bpf_dynptr_from_mem(buf, sizeof(buf), 1, &d) == -EINVAL);
	return check_null(&d);
}

SEC("tc")
__success __retval(0)
int null_skb_flags(struct __sk_buff *skb)
{
	struct bpf_dynptr d;

	EXPECT(bpf_dynptr_from_skb(skb, 1, &d) == -EINVAL);
	return check_null(&d);
}

SEC("xdp")
__success __retval(0)
int null_xdp_flags(struct xdp_md *xdp)
{
	struct bpf_dynptr d;

	EXPECT(bpf_dynptr_from_xdp(xdp, 1ULL << 63, &d) == -EINVAL);
	return check_null(&d);
}

SEC("tc")
__success __retval(0)
int null_ringbuf(struct __sk_buff *skb)
{
	struct bpf_dynptr d;
	int ret;

	/* larger than the ring buffer: the reservation fails */
	EXPECT(bpf_ringbuf_reserve_dynptr(&ringbuf, 8192, 0, &d) != 0);
	ret = check_null(&d);
	bpf_ringbuf_discard_dynptr(&d, 0);
	return ret;
}

SEC("tc")
__success __retval(0)
int ringbuf_view(struct __sk_buff *skb)
{
	struct bpf_dynptr d;
	__u32 v = 0x12345678, r = 0;
	int ret = 0;

	if (bpf_ringbuf_reserve_dynptr(&ringbuf, 16, 0, &d)) {
		bpf_ringbuf_discard_dynptr(&d, 0);
		return __LINE__;
	}
	if (bpf_dynptr_is_null(&d) || bpf_dynptr_is_rdonly(&d) ||
	    bpf_dynptr_get_size(&d) != 16 || bpf_dynptr_get_offset(&d) != 0)
		ret = __LINE__;
	else if (bpf_dynptr_advance(&d, 4) || bpf_dynptr_trim(&d, 8) ||
		 bpf_dynptr_get_size(&d) != 4 || bpf_dynptr_get_offset(&d) != 4)
		ret = __LINE__;
	else if (bpf_dynptr_write(&d, 0, &v, 4, 0) ||
		 bpf_dynptr_read(&r, 4, &d, 0, 0) || r != v)
		ret = __LINE__;
	else if (bpf_dynptr_write(&d, 1, &v, 4, 0) != -E2BIG ||
		 bpf_dynptr_advance(&d, 5) != -ERANGE)
		ret = __LINE__;
	bpf_ringbuf_discard_dynptr(&d, 0);
	return ret;
}

SEC("tc")
__success __retval(0)
int skb_view(struct __sk_buff *skb)
{
	__u32 len = skb->len;
	struct bpf_dynptr d;
	__u8 b = 0x5a, r = 0;

	EXPECT(bpf_dynptr_from_skb(skb, 0, &d) == 0);
	EXPECT(len >= 20);
	EXPECT(!bpf_dynptr_is_null(&d) && !bpf_dynptr_is_rdonly(&d));
	EXPECT_VIEW(&d, len, 0);
	EXPECT(bpf_dynptr_advance(&d, 14) == 0);
	EXPECT_VIEW(&d, len - 14, 14);
	EXPECT(bpf_dynptr_trim(&d, 2) == 0);
	EXPECT_VIEW(&d, len - 16, 14);
	/* tc may write: the write lands at packet offset 14 */
	EXPECT(bpf_dynptr_write(&d, 0, &b, 1, 0) == 0);
	EXPECT(bpf_skb_load_bytes(skb, 14, &r, 1) == 0 && r == 0x5a);
	EXPECT(bpf_dynptr_read(&r, 1, &d, len - 16, 0) == -E2BIG);
	EXPECT(bpf_dynptr_advance(&d, len - 15) == -ERANGE);
	EXPECT(bpf_dynptr_advance(&d, len - 16) == 0);
	EXPECT_VIEW(&d, 0, len - 2);
	return 0;
}

/* Socket filters may not write packet data: the dynptr is read-only. */
SEC("socket")
__success __retval(0)
int skb_rdonly_socket(struct __sk_buff *skb)
{
	struct bpf_dynptr d;
	__u8 b = 1;

	EXPECT(bpf_dynptr_from_skb(skb, 0, &d) == 0);
	EXPECT(bpf_dynptr_is_rdonly(&d) && !bpf_dynptr_is_null(&d));
	EXPECT(bpf_dynptr_write(&d, 0, &b, 1, 0) == -EINVAL);
	EXPECT(bpf_dynptr_read(&b, 1, &d, 0, 0) == 0);
	/* advance and trim only change the view: allowed on read-only */
	EXPECT(bpf_dynptr_advance(&d, 1) == 0 && bpf_dynptr_trim(&d, 1) == 0);
	EXPECT(bpf_dynptr_is_rdonly(&d));
	EXPECT(bpf_dynptr_write(&d, 0, &b, 1, 0) == -EINVAL);
	return 0;
}

/* cgroup_skb returns 0 or 1 only: 1 when every check holds. */
SEC("cgroup/skb")
__success __retval(1)
int skb_rdonly_cgroup(struct __sk_buff *skb)
{
	struct bpf_dynptr d;
	__u8 b = 1;

	if (bpf_dynptr_from_skb(skb, 0, &d) || !bpf_dynptr_is_rdonly(&d) ||
	    bpf_dynptr_write(&d, 0, &b, 1, 0) != -EINVAL ||
	    bpf_dynptr_get_size(&d) != skb->len)
		return 0;
	return 1;
}

SEC("xdp")
__success __retval(0)
int xdp_view(struct xdp_md *xdp)
{
	__u32 len = xdp->data_end - xdp->data;
	struct bpf_dynptr d;
	__u8 b = 0x77, r = 0;

	EXPECT(bpf_dynptr_from_xdp(xdp, 0, &d) == 0);
	EXPECT(len >= 20);
	EXPECT(!bpf_dynptr_is_null(&d) && !bpf_dynptr_is_rdonly(&d));
	EXPECT_VIEW(&d, len, 0);
	EXPECT(bpf_dynptr_advance(&d, 3) == 0 && bpf_dynptr_trim(&d, 3) == 0);
	EXPECT_VIEW(&d, len - 6, 3);
	EXPECT(bpf_dynptr_write(&d, 1, &b, 1, 0) == 0);
	EXPECT(bpf_xdp_load_bytes(xdp, 4, &r, 1) == 0 && r == 0x77);
	EXPECT(bpf_dynptr_trim(&d, len - 5) == -ERANGE);
	EXPECT(bpf_dynptr_trim(&d, len - 6) == 0);
	EXPECT_VIEW(&d, 0, 3);
	return 0;
}
