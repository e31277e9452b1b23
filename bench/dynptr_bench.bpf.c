// SPDX-License-Identifier: GPL-2.0
/* The programs of `make bench`, run by dynptr_bench.c with
 * BPF_PROG_TEST_RUN.
 *
 * Per operation, the same loop of BENCH_ITERS iterations in three forms:
 * OP__helper calls the new helper, OP__kfunc the 6.12 kfunc doing the
 * same thing, and floor_tc / floor_xdp do a plain load from the stack
 * instead. empty_tc / empty_xdp have the same prologue and no loop: the
 * loader subtracts their time, so what is left is the loop's.
 *
 * Then a string-parsing workload, "key=value;" records in BENCH_TEXT
 * bytes, walked three ways with the same per-record scanner (bytes read
 * one at a time with bpf_dynptr_read): parse_iter with the
 * bpf_dynptr_iterator helper, parse_loop with bpf_loop, parse_for with an
 * open-coded bpf_for loop.
 *
 * GPL and JIT only: the kfunc forms and bpf_for need both.
 */
#include <stdbool.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include "dynptr_bench.h"

#define BENCH_EBADMSG	74

char _license[] SEC("license") = "GPL";

struct bench_data bench_data;

/* The kfuncs. Those sharing a C name with a helper stub get a ___kfunc
 * flavour, which libbpf strips when it resolves them in the kernel's BTF.
 */
extern int bpf_dynptr_from_skb___kfunc(struct __sk_buff *skb, __u64 flags,
				       struct bpf_dynptr *ptr__uninit) __ksym;
extern int bpf_dynptr_from_xdp___kfunc(struct xdp_md *xdp, __u64 flags,
				       struct bpf_dynptr *ptr__uninit) __ksym;
extern bool bpf_dynptr_is_null___kfunc(const struct bpf_dynptr *ptr) __ksym;
extern bool bpf_dynptr_is_rdonly___kfunc(const struct bpf_dynptr *ptr) __ksym;
extern int bpf_dynptr_clone___kfunc(const struct bpf_dynptr *ptr,
				    struct bpf_dynptr *clone__init) __ksym;
extern __u32 bpf_dynptr_size(const struct bpf_dynptr *ptr) __ksym;
extern int bpf_dynptr_adjust(const struct bpf_dynptr *ptr, __u32 start,
			     __u32 end) __ksym;

/* The measured loop: kept a loop (not unrolled), so that each iteration
 * is the operation plus the same few instructions of loop overhead.
 */
#define BENCH_LOOP(i) \
	_Pragma("clang loop unroll(disable)") \
	for (i = 0; i < BENCH_ITERS; i++)

/* Prologue of every tc and xdp program: a local dynptr over the buffer. */
#define PROLOGUE(d) \
	bpf_dynptr_from_mem(bench_data.buf, sizeof(bench_data.buf), 0, &(d))

/* An op loop: prologue, BENCH_ITERS times EXPR summed into acc, result
 * to bench_data.sink (so the helper and kfunc forms can be compared).
 * acc has 32 bits, so that an int (kfunc) and a long (helper) result
 * cost the same to add.
 */
#define OP_PROG(sec, name, ctx_type, EXPR)		\
SEC(sec)						\
int name(ctx_type *ctx)					\
{							\
	struct bpf_dynptr d, c __attribute__((unused));	\
	__u32 acc = 0;					\
	int i;						\
							\
	PROLOGUE(d);					\
	BENCH_LOOP(i)					\
		acc += (EXPR);				\
	bench_data.sink = acc;				\
	return 0;					\
}

/* the floors: the same loop, a plain load of a stack word instead */
#define FLOOR_PROG(sec, name, ctx_type)			\
SEC(sec)						\
int name(ctx_type *ctx)					\
{							\
	volatile __u32 word = BENCH_BUF;		\
	struct bpf_dynptr d;				\
	__u32 acc = 0;					\
	int i;						\
							\
	PROLOGUE(d);					\
	BENCH_LOOP(i)					\
		acc += word;				\
	bench_data.sink = acc;				\
	return 0;					\
}

/* the prologue alone: per-run costs of BPF_PROG_TEST_RUN and the program */
#define EMPTY_PROG(sec, name, ctx_type)			\
SEC(sec)						\
int name(ctx_type *ctx)					\
{							\
	struct bpf_dynptr d;				\
							\
	PROLOGUE(d);					\
	bench_data.sink = 0;				\
	return 0;					\
}

FLOOR_PROG("tc", floor_tc, struct __sk_buff)
EMPTY_PROG("tc", empty_tc, struct __sk_buff)
FLOOR_PROG("xdp", floor_xdp, struct xdp_md)
EMPTY_PROG("xdp", empty_xdp, struct xdp_md)

/* the getters: helpers inlined by the verifier, kfuncs called */
OP_PROG("tc", is_null__helper, struct __sk_buff, bpf_dynptr_is_null(&d))
OP_PROG("tc", is_null__kfunc, struct __sk_buff, bpf_dynptr_is_null___kfunc(&d))
OP_PROG("tc", is_rdonly__helper, struct __sk_buff, bpf_dynptr_is_rdonly(&d))
OP_PROG("tc", is_rdonly__kfunc, struct __sk_buff, bpf_dynptr_is_rdonly___kfunc(&d))
OP_PROG("tc", get_size__helper, struct __sk_buff, bpf_dynptr_get_size(&d))
OP_PROG("tc", get_size__kfunc, struct __sk_buff, bpf_dynptr_size(&d))
/* 6.12 has no kfunc for the offset: the helper is compared to the floor */
OP_PROG("tc", get_offset__helper, struct __sk_buff, bpf_dynptr_get_offset(&d))

/* advance(1) and trim(1) against bpf_dynptr_adjust() doing the same:
 * at iteration i the dynptr has BENCH_BUF - i bytes
 */
OP_PROG("tc", advance__helper, struct __sk_buff, bpf_dynptr_advance(&d, 1))
OP_PROG("tc", advance__kfunc, struct __sk_buff,
	bpf_dynptr_adjust(&d, 1, BENCH_BUF - i))
OP_PROG("tc", trim__helper, struct __sk_buff, bpf_dynptr_trim(&d, 1))
OP_PROG("tc", trim__kfunc, struct __sk_buff,
	bpf_dynptr_adjust(&d, 0, BENCH_BUF - 1 - i))

/* clone: the helper at offset 0 against the two-argument kfunc, and the
 * helper at an offset against the kfunc clone followed by an adjust
 */
OP_PROG("tc", clone__helper, struct __sk_buff, bpf_dynptr_clone(&d, &c, 0))
OP_PROG("tc", clone__kfunc, struct __sk_buff, bpf_dynptr_clone___kfunc(&d, &c))
OP_PROG("tc", clone_off__helper, struct __sk_buff,
	bpf_dynptr_clone(&d, &c, BENCH_CLONE_OFF))
OP_PROG("tc", clone_off__kfunc, struct __sk_buff,
	bpf_dynptr_clone___kfunc(&d, &c) +
	bpf_dynptr_adjust(&c, BENCH_CLONE_OFF, BENCH_BUF))

/* packet dynptrs, made again and again in the same stack slot */
OP_PROG("tc", from_skb__helper, struct __sk_buff, bpf_dynptr_from_skb(ctx, 0, &c))
OP_PROG("tc", from_skb__kfunc, struct __sk_buff,
	bpf_dynptr_from_skb___kfunc(ctx, 0, &c))
OP_PROG("xdp", from_xdp__helper, struct xdp_md, bpf_dynptr_from_xdp(ctx, 0, &c))
OP_PROG("xdp", from_xdp__kfunc, struct xdp_md,
	bpf_dynptr_from_xdp___kfunc(ctx, 0, &c))

/* The string-parsing workload. One record at offset off of d: returns its
 * length with the ';', 0 at the end of the data, -EBADMSG for a record
 * without a ';' in its first BENCH_REC_MAX bytes.
 */
static __always_inline long scan_record(const struct bpf_dynptr *d, __u32 off,
					struct parse_res *r)
{
	__u64 sum = 0;
	__u32 eqs = 0;
	__u8 c;
	int i;

	for (i = 0; i < BENCH_REC_MAX; i++) {
		if (bpf_dynptr_read(&c, 1, d, off + i, 0))
			return i ? -BENCH_EBADMSG : 0;
		sum += c;
		/* 1 for an '=', without a branch: the verifier would follow
		 * both ways of one at every byte of an open-coded loop
		 */
		eqs += ((__u32)(c ^ '=') - 1) >> 31;
		if (c == ';') {
			r->records++;
			r->eqs += eqs;
			r->sum += sum;
			return i + 1;
		}
	}
	return -BENCH_EBADMSG;
}

#define TEXT_DYNPTR(d) \
	bpf_dynptr_from_mem(bench_data.text, sizeof(bench_data.text), 0, &(d))

/* 1. bpf_dynptr_iterator: the callback sees each record at offset 0 of
 * its view and returns how far to advance
 */
static long iter_cb(struct bpf_dynptr *view, void *data)
{
	return scan_record(view, 0, data);
}

SEC("tc")
int parse_iter(struct __sk_buff *ctx)
{
	struct parse_res r = {};
	struct bpf_dynptr d;

	TEXT_DYNPTR(d);
	r.err = bpf_dynptr_iterator(&d, iter_cb, &r, 0);
	bench_data.res[PARSE_ITER] = r;
	return 0;
}

/* 2. bpf_loop: the callback keeps the offset in its context */
struct loop_ctx {
	struct bpf_dynptr d;
	__u32 off;
	struct parse_res r;
};

static long loop_cb(__u32 index, void *data)
{
	struct loop_ctx *lc = data;
	long n;

	n = scan_record(&lc->d, lc->off, &lc->r);
	if (n <= 0) {
		lc->r.err = n;
		return 1;
	}
	lc->off += n;
	return 0;
}

SEC("tc")
int parse_loop(struct __sk_buff *ctx)
{
	struct loop_ctx lc = {};

	TEXT_DYNPTR(lc.d);
	bpf_loop(BENCH_TEXT, loop_cb, &lc, 0);
	bench_data.res[PARSE_LOOP] = lc.r;
	return 0;
}

/* 3. an open-coded bpf_for loop (the bpf_iter_num kfuncs) */
SEC("tc")
int parse_for(struct __sk_buff *ctx)
{
	struct parse_res r = {};
	struct bpf_dynptr d;
	__u32 off = 0;
	long n;
	int i;

	TEXT_DYNPTR(d);
	bpf_for(i, 0, BENCH_TEXT) {
		n = scan_record(&d, off, &r);
		if (n <= 0) {
			r.err = n;
			break;
		}
		off += n;
	}
	bench_data.res[PARSE_FOR] = r;
	return 0;
}
