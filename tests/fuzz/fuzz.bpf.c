// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* Differential dynptr fuzzer, BPF side: interprets the op tape in .bss
 * (see fuzz.h) on up to four dynptr slots and records every return value
 * and every byte read. Built twice:
 *
 *   FUZZ_KFUNC=0  the helpers of the series only (212-220 and the
 *                 existing read/write/from_mem/ring buffer helpers),
 *                 license BSD: loads with the JIT and in the interpreter;
 *   FUZZ_KFUNC=1  the 6.12 kfuncs where one exists (from_skb, from_xdp,
 *                 adjust, size, is_null, is_rdonly, clone), GPL, JIT only.
 *
 * advance(len) is bpf_dynptr_adjust(p, len, size) there, trim(len)
 * bpf_dynptr_adjust(p, 0, size - len), clone(p, c, off) bpf_dynptr_clone()
 * then bpf_dynptr_adjust(c, off, size); get_offset has no kfunc and is the
 * helper in both builds, like bpf_dynptr_iterator, read and write; a slice
 * is bpf_dynptr_slice() in the kfunc build, bpf_dynptr_read() in the
 * helper build. With
 * `mixed` set, the kfunc build picks the form of each operation from the
 * tape: helpers on kfunc-made dynptrs and the reverse. One program per
 * dynptr type; each run of it executes the next segment of the tape.
 */
#include <stdbool.h>
#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "fuzz.h"

#ifndef FUZZ_KFUNC
#define FUZZ_KFUNC 0
#endif

#if FUZZ_KFUNC
char _license[] SEC("license") = "GPL";

/* ___fz flavours: the plain names are the helper stubs of bpf_helpers.h */
extern int bpf_dynptr_from_skb___fz(struct __sk_buff *skb, __u64 flags,
				    struct bpf_dynptr *p) __ksym;
extern int bpf_dynptr_from_xdp___fz(struct xdp_md *xdp, __u64 flags,
				    struct bpf_dynptr *p) __ksym;
extern int bpf_dynptr_adjust___fz(const struct bpf_dynptr *p, __u32 start,
				  __u32 end) __ksym;
extern bool bpf_dynptr_is_null___fz(const struct bpf_dynptr *p) __ksym;
extern bool bpf_dynptr_is_rdonly___fz(const struct bpf_dynptr *p) __ksym;
extern __u32 bpf_dynptr_size___fz(const struct bpf_dynptr *p) __ksym;
extern int bpf_dynptr_clone___fz(const struct bpf_dynptr *p,
				 struct bpf_dynptr *clone) __ksym;
extern void *bpf_dynptr_slice___fz(const struct bpf_dynptr *p, __u32 offset,
				   void *buffer, __u32 buffer__szk) __ksym;
#else
char _license[] SEC("license") = "BSD";
#endif

enum { K_LOCAL, K_RINGBUF, K_SKB, K_XDP };

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, FUZZ_RB_SIZE);
} rb SEC(".maps");

struct fuzz_area A;

/* The dynptr of slot s, at a constant stack offset on every path the
 * verifier walks: the asm statements (a move to itself), all different, keep clang
 * from folding the choice into "d + s * 16", which the verifier rejects.
 * Only slots below n are live; anything else means slot 0.
 */
static __always_inline struct bpf_dynptr *slotp(struct bpf_dynptr *d, __u32 s,
						const int n)
{
	struct bpf_dynptr *p;

	if (n > 1 && s == 1) {
		p = &d[1];
		asm volatile("/* slot 1 */\n\t%0 = %0" : "+r"(p));
	} else if (n > 2 && s == 2) {
		p = &d[2];
		asm volatile("/* slot 2 */\n\t%0 = %0" : "+r"(p));
	} else if (n > 3 && s == 3) {
		p = &d[3];
		asm volatile("/* slot 3 */\n\t%0 = %0" : "+r"(p));
	} else {
		p = &d[0];
		asm volatile("/* slot 0 */\n\t%0 = %0" : "+r"(p));
	}
	return p;
}

/* h: the helper form (always, in the helper build) */
#if FUZZ_KFUNC
#define FORM(bit)	(A.mixed && (bit))

static __always_inline __s64 do_advance(struct bpf_dynptr *p, __u32 len, int h)
{
	if (h)
		return bpf_dynptr_advance(p, len);
	return bpf_dynptr_adjust___fz(p, len, bpf_dynptr_size___fz(p));
}

static __always_inline __s64 do_trim(struct bpf_dynptr *p, __u32 len, int h)
{
	if (h)
		return bpf_dynptr_trim(p, len);
	return bpf_dynptr_adjust___fz(p, 0, bpf_dynptr_size___fz(p) - len);
}

static __always_inline __s64 do_clone(struct bpf_dynptr *p, struct bpf_dynptr *c,
				      __u32 off, int h)
{
	int err;

	if (h)
		return bpf_dynptr_clone(p, c, off);
	err = bpf_dynptr_clone___fz(p, c);
	if (err)
		return err;
	return bpf_dynptr_adjust___fz(c, off, bpf_dynptr_size___fz(c));
}

static __always_inline __s64 do_size(struct bpf_dynptr *p, int h)
{
	if (h)
		return bpf_dynptr_get_size(p);
	return (__u32)bpf_dynptr_size___fz(p);
}

static __always_inline __s64 do_is_null(struct bpf_dynptr *p, int h)
{
	if (h)
		return bpf_dynptr_is_null(p);
	return bpf_dynptr_is_null___fz(p);
}

static __always_inline __s64 do_is_rdonly(struct bpf_dynptr *p, int h)
{
	if (h)
		return bpf_dynptr_is_rdonly(p);
	return bpf_dynptr_is_rdonly___fz(p);
}

static __always_inline __s64 mk_skb(void *ctx, __u64 flags, struct bpf_dynptr *p, int h)
{
	if (h)
		return bpf_dynptr_from_skb(ctx, flags, p);
	return bpf_dynptr_from_skb___fz(ctx, flags, p);
}

static __always_inline __s64 mk_xdp(void *ctx, __u64 flags, struct bpf_dynptr *p, int h)
{
	if (h)
		return bpf_dynptr_from_xdp(ctx, flags, p);
	return bpf_dynptr_from_xdp___fz(ctx, flags, p);
}
#else
#define FORM(bit)	1

static __always_inline __s64 do_advance(struct bpf_dynptr *p, __u32 len, int h)
{
	return bpf_dynptr_advance(p, len);
}

static __always_inline __s64 do_trim(struct bpf_dynptr *p, __u32 len, int h)
{
	return bpf_dynptr_trim(p, len);
}

static __always_inline __s64 do_clone(struct bpf_dynptr *p, struct bpf_dynptr *c,
				      __u32 off, int h)
{
	return bpf_dynptr_clone(p, c, off);
}

static __always_inline __s64 do_size(struct bpf_dynptr *p, int h)
{
	return bpf_dynptr_get_size(p);
}

static __always_inline __s64 do_is_null(struct bpf_dynptr *p, int h)
{
	return bpf_dynptr_is_null(p);
}

static __always_inline __s64 do_is_rdonly(struct bpf_dynptr *p, int h)
{
	return bpf_dynptr_is_rdonly(p);
}

static __always_inline __s64 mk_skb(void *ctx, __u64 flags, struct bpf_dynptr *p, int h)
{
	return bpf_dynptr_from_skb(ctx, flags, p);
}

static __always_inline __s64 mk_xdp(void *ctx, __u64 flags, struct bpf_dynptr *p, int h)
{
	return bpf_dynptr_from_xdp(ctx, flags, p);
}
#endif

/* OP_ITER: what the callback sees and returns (see fuzz.h) */
struct iter_ctx {
	__u64 calls;
	__u64 hash;
	__u32 step;
	__u32 b;
	__u32 big;
	__u32 pad;
};

struct inner_ctx {
	__u64 calls;
	__u64 sum;
	__u32 step;
	__u32 pad;
};

/* the nested iterator's callback: fixed steps over a clone of the view */
static long inner_cb(struct bpf_dynptr *v, void *ctx)
{
	struct inner_ctx *c = ctx;

	c->calls++;
	c->sum += bpf_dynptr_get_size(v) * 3 + bpf_dynptr_get_offset(v);
	return c->step & ITER_MASK;
}

static __always_inline __u64 mix(__u64 h, __u64 v)
{
	return (h ^ v) * 0x100000001b3ULL;
}

/* Each call: read the view's first byte, clone the view (helper, offset
 * call number % 4) and walk the clone with a nested iterator in steps of
 * a quarter of its size plus one; hash all of it, then return what the
 * op asks for.
 */
static long iter_cb(struct bpf_dynptr *v, void *ctx)
{
	struct iter_ctx *c = ctx;
	struct inner_ctx ic = {};
	struct bpf_dynptr cl;
	__s64 sz, off, rr, cr, csz, coff, ir;
	__u8 byte = 0;
	__u64 n;

	sz = bpf_dynptr_get_size(v);
	off = bpf_dynptr_get_offset(v);
	rr = bpf_dynptr_read(&byte, 1, v, 0, 0);
	n = ++c->calls;
	cr = bpf_dynptr_clone(v, &cl, n & 3);
	csz = bpf_dynptr_get_size(&cl);
	coff = bpf_dynptr_get_offset(&cl);
	ic.step = 1 + ((__u64)csz >> 2);
	ir = bpf_dynptr_iterator(&cl, inner_cb, &ic, 0);

	c->hash = mix(c->hash, (__u64)sz + ((__u64)off << 24) + ((__u64)byte << 48) +
			       ((__u64)(rr & 0xff) << 56));
	c->hash = mix(c->hash, (__u64)cr + ((__u64)csz << 8) + ((__u64)coff << 32));
	c->hash = mix(c->hash, (__u64)ir + (ic.calls << 8) + (ic.sum << 24));
	if (n == ITER_STOP(c->b))
		return 0;
	if (n == ITER_ERR(c->b)) {
		/* -errno, in a way the verifier keeps the bounds of */
		long e = 127 - ITER_ERRNO(c->b);

		asm volatile("%0 = %0" : "+r"(e));
		return e - 127;
	}
	if (n == ITER_BIG(c->b))
		return c->big & ITER_MASK;
	return c->step & ITER_MASK;
}

/* one op of the tape with n live slots */
static __always_inline __s64 run_op(struct bpf_dynptr *d, const struct fuzz_op *o,
				    __u8 *rd, const int n, const int can_clone)
{
	struct bpf_dynptr *p = slotp(d, o->slot, n);
	__u32 a = o->a, b = o->b, c = o->c;
	int h = FORM(o->form & 1);

	switch (o->op) {
	case OP_ADVANCE:
		return do_advance(p, a, h);
	case OP_TRIM:
		return do_trim(p, a, h);
	case OP_CLONE:
		if (!can_clone)
			return FUZZ_SKIP;
		return do_clone(slotp(d, o->src, n), p, a, h);
	case OP_GET_SIZE:
		return do_size(p, h);
	case OP_GET_OFFSET:
		return bpf_dynptr_get_offset(p);
	case OP_IS_NULL:
		return do_is_null(p, h);
	case OP_IS_RDONLY:
		return do_is_rdonly(p, h);
	case OP_READ:
		if (b > FUZZ_RBUF)
			return FUZZ_SKIP;
		return bpf_dynptr_read(rd, b, p, a, o->flags);
	case OP_WRITE:
		if (b > FUZZ_WMAX || c > FUZZ_PAT - FUZZ_WMAX)
			return FUZZ_SKIP;
		return bpf_dynptr_write(p, a, &A.pat[c], b, o->flags);
	case OP_ITER: {
		struct iter_ctx ic = { .step = a, .b = b, .big = c };
		__s64 ret = bpf_dynptr_iterator(p, iter_cb, &ic, o->flags);

		((__u64 *)rd)[0] = ic.calls;
		((__u64 *)rd)[1] = ic.hash;
		return ret;
	}
	case OP_SLICE: {
#if FUZZ_KFUNC
		if (!h) {
			__u8 buf[FUZZ_SLICE] = {};
			__u8 *q = bpf_dynptr_slice___fz(p, a, buf, FUZZ_SLICE);

			if (!q)
				return -1;
			__builtin_memcpy(rd, q, FUZZ_SLICE);
			return 0;
		}
#endif
		return bpf_dynptr_read(rd, FUZZ_SLICE, p, a, 0) ? -1 : 0;
	}
	}
	return FUZZ_SKIP;
}

/* phase p: up to FUZZ_K ops on slots 0..p */
static __always_inline void phase(struct bpf_dynptr *d, struct fuzz_seg *g,
				  struct fuzz_res *r, const int p,
				  const int can_clone)
{
	__u32 i, n = g->nops[p];

#pragma clang loop unroll(disable)
	for (i = 0; i < FUZZ_K; i++) {
		if (i >= n)
			break;
		r->rc[p][i] = run_op(d, &g->ops[p][i], r->rd[p][i], p + 1,
				     can_clone);
	}
}

/* before phase p: slot p becomes a clone of one of slots 0..p-1 */
static __always_inline void grow(struct bpf_dynptr *d, struct fuzz_seg *g,
				 struct fuzz_res *r, const int p)
{
	r->crc[p] = do_clone(slotp(d, g->csrc[p], p), &d[p], g->coff[p],
			     FORM(g->clone_form & (1 << p)));
}

static __always_inline void snap(struct bpf_dynptr *p, __s64 *s, int h)
{
	s[0] = do_size(p, h);
	s[1] = bpf_dynptr_get_offset(p);
	s[2] = do_is_null(p, h);
	s[3] = do_is_rdonly(p, h);
}

static __always_inline void seg_run(void *ctx, const int kind)
{
	struct bpf_dynptr d[FUZZ_NSLOT];
	const int can_clone = kind != K_RINGBUF;
	struct fuzz_seg *g;
	struct fuzz_res *r;
	__u32 s = A.cur;

	if (s >= FUZZ_NSEG || s >= A.nseg)
		return;
	A.cur = s + 1;
	g = &A.tape[s];
	r = &A.res[s];

	switch (kind) {
	case K_LOCAL: {
		__u32 base = g->mk_base, size = g->mk_size;

		if (base > FUZZ_LBASE_MAX)
			base = FUZZ_LBASE_MAX;
		if (size > FUZZ_LSIZE_MAX)
			size = FUZZ_LSIZE_MAX;
		r->mk = bpf_dynptr_from_mem(&A.lbuf[base], size, g->mk_flags, &d[0]);
		break;
	}
	case K_RINGBUF:
		r->mk = bpf_ringbuf_reserve_dynptr(&rb, g->mk_size, g->mk_flags, &d[0]);
		if (r->mk == 0) {
			__u32 len = g->mk_size;

			if (len > FUZZ_RB_INIT)
				len = FUZZ_RB_INIT;
			r->init = bpf_dynptr_write(&d[0], 0, A.pat, len, 0);
		}
		break;
	case K_SKB:
		r->mk = mk_skb(ctx, g->mk_flags, &d[0], FORM(g->mk_form & 1));
		break;
	case K_XDP:
		r->mk = mk_xdp(ctx, g->mk_flags, &d[0], FORM(g->mk_form & 1));
		break;
	}

	phase(d, g, r, 0, can_clone);
	grow(d, g, r, 1);
	phase(d, g, r, 1, can_clone);
	grow(d, g, r, 2);
	phase(d, g, r, 2, can_clone);
	grow(d, g, r, 3);
	phase(d, g, r, 3, can_clone);

	snap(&d[0], r->snap[0], FORM(g->snap_form & 1));
	snap(&d[1], r->snap[1], FORM(g->snap_form & 2));
	snap(&d[2], r->snap[2], FORM(g->snap_form & 4));
	snap(&d[3], r->snap[3], FORM(g->snap_form & 8));

	if (kind == K_RINGBUF) {
		struct bpf_dynptr *p = slotp(d, g->rel_slot, FUZZ_NSLOT);

		if (g->rel_discard)
			bpf_ringbuf_discard_dynptr(p, BPF_RB_NO_WAKEUP);
		else
			bpf_ringbuf_submit_dynptr(p, BPF_RB_NO_WAKEUP);
	}
	A.done++;
}

/* One program a dynptr type: a tape segment a test run repetition. */
#define FUZZ_PROG(sec, name, ctx_type, kind, ret)	\
SEC(sec)						\
int name(ctx_type *ctx)					\
{							\
	seg_run(ctx, kind);				\
	return ret;					\
}

FUZZ_PROG("tc", fuzz_local, struct __sk_buff, K_LOCAL, 0)
FUZZ_PROG("tc", fuzz_ringbuf, struct __sk_buff, K_RINGBUF, 0)
FUZZ_PROG("tc", fuzz_skb, struct __sk_buff, K_SKB, 0)
/* cgroup_skb: the skb dynptr is read-only (and starts at the network
 * header, as the program's packet does)
 */
FUZZ_PROG("cgroup_skb/ingress", fuzz_skbro, struct __sk_buff, K_SKB, 1)
FUZZ_PROG("xdp", fuzz_xdp, struct xdp_md, K_XDP, XDP_PASS)
/* multi-buffer: the test run puts what does not fit one page in frags */
FUZZ_PROG("xdp.frags", fuzz_xdpfrags, struct xdp_md, K_XDP, XDP_PASS)
