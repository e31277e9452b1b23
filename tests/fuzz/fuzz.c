// SPDX-License-Identifier: BSD-2-Clause
/* Differential dynptr fuzzer, user side: tape generator, reference model
 * of the semantics in SPEC.md, loader and comparator.
 *
 *   fuzz DIR     DIR holds fuzz_helper.bpf.o and fuzz_kfunc.bpf.o
 *
 * For every dynptr type (local, ringbuf, skb, skbro = read-only skb in
 * cgroup_skb, xdp, xdpfrags = multi-buffer xdp) the same seeded tapes run
 * in four variants: the helpers with the JIT, the helpers in the
 * interpreter, the 6.12 kfuncs with the JIT, and "mixed" (JIT): each
 * operation in the form, kfunc or helper, a bit of the tape picks, so
 * that dynptrs made by one form are used by the other. Every return value,
 * every byte read, what every bpf_dynptr_iterator callback saw, the final
 * size/offset/is_null/is_rdonly of every slot and the final memory (local
 * buffer, packet out of the test run, ring buffer records consumed) must
 * equal the model's. One line per variant:
 *
 *   #997/N fuzz/<type>-<helper|kfunc|mixed>-<jit|interp>:OK|FAIL
 *
 * then a summary line with the seed. The exit status is the number of
 * failed variants.
 *
 * Environment: FUZZ_SEED (default: random; printed), FUZZ_OPS (ops per
 * variant, default 100000), FUZZ_VARIANT (run only variants whose name
 * contains it), FUZZ_BREAK_MODEL=1|2|3 (perturb the model, which must make
 * variants FAIL: 1 get_offset is off by one, every variant; 2 the first
 * byte a write stores is flipped, every variant but skbro, whose writes
 * all fail; 3 advance past the end gives the other flavour's error, every
 * variant), FUZZ_MAX_REPORTS (mismatch lines per variant, default 10).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include "fuzz.h"

typedef __u8 u8;
typedef __u32 u32;
typedef __u64 u64;
typedef __s64 s64;

#define DYNPTR_MAX	((1u << 24) - 1)
#define PKT_MAX		12000
#define XDP_LINEAR	3520	/* PAGE_SIZE - XDP headroom - shared info */
#define RB_OK_MAX	600	/* largest reservation meant to succeed */
#define ETHERTYPE_TEST	0x88b5	/* not IP: the skb test run parses no header */

enum { T_LOCAL, T_RINGBUF, T_SKB, T_SKBRO, T_XDP, T_XDPFRAGS, T_N };

static const struct ftype {
	const char *name, *prog;
	u32 pkt_min, pkt_max;	/* packet sizes; 0: a dummy packet */
	u32 data_off;		/* where the dynptr starts in the packet */
	int rdonly;
	u32 boundary;		/* a linear/frag boundary worth hitting */
} types[T_N] = {
	[T_LOCAL] = { "local", "fuzz_local" },
	[T_RINGBUF] = { "ringbuf", "fuzz_ringbuf" },
	[T_SKB] = { "skb", "fuzz_skb", 14, 1500 },
	[T_SKBRO] = { "skbro", "fuzz_skbro", 14, 1500, 14, 1 },
	[T_XDP] = { "xdp", "fuzz_xdp", 14, 1500 },
	[T_XDPFRAGS] = { "xdpfrags", "fuzz_xdpfrags", 3000, PKT_MAX, 0, 0, XDP_LINEAR },
};

static const char *const op_names[OP_MAX] = {
	[OP_ADVANCE] = "advance", [OP_TRIM] = "trim", [OP_CLONE] = "clone",
	[OP_GET_SIZE] = "get_size", [OP_GET_OFFSET] = "get_offset",
	[OP_IS_NULL] = "is_null", [OP_IS_RDONLY] = "is_rdonly",
	[OP_READ] = "read", [OP_WRITE] = "write", [OP_ITER] = "iterator",
	[OP_SLICE] = "slice",
};

static u64 seed;
static int break_model;

/* ---- PRNG (splitmix64) ---- */

static u64 rnd(u64 *s)
{
	u64 z = (*s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static u32 below(u64 *s, u64 n)
{
	return n ? rnd(s) % n : 0;
}

/* ---- reference model ---- */

struct mdp {
	int null, rdonly;
	u32 off, size;
};

struct mseg {
	int type, kf;		/* kf: the kfunc build's compositions */
	int mixed;		/* kfunc build: form bits pick the helper */
	u8 *mem;		/* the bytes behind every instance */
	struct mdp d[FUZZ_NSLOT];
};

/* the kfunc form, unless a form bit picks the helper in a mixed run */
static int m_kf(const struct mseg *m, int helper_bit)
{
	return m->kf && !(m->mixed && helper_bit);
}

static void m_null(struct mdp *p)
{
	memset(p, 0, sizeof(*p));
	p->null = 1;
}

/* the constructor of slot 0; rec: the ring buffer record's bytes */
static s64 m_mk(struct mseg *m, const struct fuzz_seg *g, u8 *lbuf, u8 *pkt,
		u32 pktlen, const u8 *pat, u8 *rec)
{
	struct mdp *d = &m->d[0];
	const struct ftype *t = &types[m->type];

	memset(d, 0, sizeof(*d));
	switch (m->type) {
	case T_LOCAL:
		if (g->mk_flags) {
			m_null(d);
			return -EINVAL;
		}
		m->mem = lbuf + g->mk_base;
		d->size = g->mk_size;
		return 0;
	case T_RINGBUF:
		m->mem = rec;
		if (g->mk_flags) {
			m_null(d);
			return -EINVAL;
		}
		if (g->mk_size > DYNPTR_MAX) {
			m_null(d);
			return -E2BIG;
		}
		/* no room: __bpf_ringbuf_reserve() fails, -EINVAL */
		if ((((u64)g->mk_size + 8 + 7) & ~7ULL) > FUZZ_RB_SIZE) {
			m_null(d);
			return -EINVAL;
		}
		d->size = g->mk_size;
		memcpy(rec, pat, g->mk_size < FUZZ_RB_INIT ? g->mk_size : FUZZ_RB_INIT);
		return 0;
	default:
		if (g->mk_flags) {
			m_null(d);
			return -EINVAL;
		}
		m->mem = pkt + t->data_off;
		d->size = pktlen - t->data_off;
		d->rdonly = t->rdonly;
		return 0;
	}
}

static s64 m_clone(int kf, const struct mdp *src, struct mdp *dst, u32 off)
{
	struct mdp c = *src;

	if (c.null) {
		m_null(dst);
		return -EINVAL;
	}
	if (off > c.size) {
		if (kf) {		/* bpf_dynptr_adjust(c, off, size): start > end */
			*dst = c;
			return -EINVAL;
		}
		c.off += c.size;	/* the helper: an empty view at the end */
		c.size = 0;
		*dst = c;
		return -ERANGE;
	}
	c.off += off;
	c.size -= off;
	*dst = c;
	return 0;
}

static u64 mix(u64 h, u64 v)
{
	return (h ^ v) * 0x100000001b3ULL;
}

/* bpf_dynptr_iterator with a callback returning step(call) */
static s64 m_walk(struct mdp v, s64 (*step)(void *ctx, const struct mdp *view),
		  void *ctx)
{
	s64 r;

	for (;;) {
		if (!v.size)
			return 0;
		r = step(ctx, &v);
		if (r <= 0)
			return r;
		if (r > v.size)
			return -ERANGE;
		v.off += r;
		v.size -= r;
	}
}

struct m_inner {
	u64 calls, sum;
	u32 step;
};

static s64 m_inner_cb(void *ctx, const struct mdp *v)
{
	struct m_inner *c = ctx;

	c->calls++;
	c->sum += (u64)v->size * 3 + v->off;
	return c->step & ITER_MASK;
}

struct m_outer {
	struct mseg *m;
	const struct fuzz_op *o;
	u64 calls, hash;
};

/* iter_cb of fuzz.bpf.c */
static s64 m_outer_cb(void *ctx, const struct mdp *v)
{
	struct m_outer *c = ctx;
	const struct fuzz_op *o = c->o;
	struct m_inner ic = { 0 };
	struct mdp cl;
	u64 n = ++c->calls;
	s64 cr, ir;

	cr = m_clone(0, v, &cl, n & 3);
	ic.step = 1 + (cl.size >> 2);
	ir = m_walk(cl, m_inner_cb, &ic);
	c->hash = mix(c->hash, (u64)v->size + ((u64)v->off << 24) +
			       ((u64)c->m->mem[v->off] << 48));
	c->hash = mix(c->hash, (u64)cr + ((u64)cl.size << 8) + ((u64)cl.off << 32));
	c->hash = mix(c->hash, (u64)ir + (ic.calls << 8) + (ic.sum << 24));
	if (n == ITER_STOP(o->b))
		return 0;
	if (n == ITER_ERR(o->b))
		return -(s64)ITER_ERRNO(o->b);
	if (n == ITER_BIG(o->b))
		return o->c & ITER_MASK;
	return o->a & ITER_MASK;
}

static s64 m_iter(struct mseg *m, const struct mdp *p, const struct fuzz_op *o, u8 *rd)
{
	struct m_outer c = { .m = m, .o = o };
	s64 ret = o->flags || p->null ? -EINVAL : m_walk(*p, m_outer_cb, &c);

	memcpy(rd, &c.calls, 8);
	memcpy(rd + 8, &c.hash, 8);
	return ret;
}

static s64 m_op(struct mseg *m, const struct fuzz_op *o, const u8 *pat, u8 *rd)
{
	struct mdp *p = &m->d[o->slot];
	u32 a = o->a, b = o->b;
	int kf = m_kf(m, o->form & 1);

	switch (o->op) {
	case OP_ADVANCE:
		if (p->null)
			return -EINVAL;
		if (a > p->size)	/* kfunc: adjust(p, a, size), start > end */
			return kf != (break_model == 3) ? -EINVAL : -ERANGE;
		p->off += a;
		p->size -= a;
		return 0;
	case OP_TRIM:
		if (p->null)
			return -EINVAL;
		if (a > p->size)	/* kfunc: adjust(p, 0, size - a), end > size */
			return -ERANGE;
		p->size -= a;
		return 0;
	case OP_CLONE:
		return m_clone(kf, &m->d[o->src], p, a);
	case OP_GET_SIZE:
		if (p->null)	/* the kfunc returns __u32 */
			return kf ? (s64)(u32)-EINVAL : -EINVAL;
		return p->size;
	case OP_GET_OFFSET:
		if (p->null)
			return -EINVAL;
		return p->off + (break_model == 1 && p->off);
	case OP_IS_NULL:
		return p->null;
	case OP_IS_RDONLY:
		return !p->null && p->rdonly;
	case OP_READ:
		if (p->null || o->flags)
			return -EINVAL;
		if (b > p->size || a > p->size - b)
			return -E2BIG;
		memcpy(rd, m->mem + p->off + a, b);
		return 0;
	case OP_WRITE:
		if (p->null || p->rdonly)
			return -EINVAL;
		if (b > p->size || a > p->size - b)
			return -E2BIG;
		if (m->type == T_SKB || m->type == T_SKBRO) {
			/* BPF_F_RECOMPUTE_CSUM | BPF_F_INVALIDATE_HASH */
			if (o->flags & ~3ULL)
				return -EINVAL;
		} else if (o->flags) {
			return -EINVAL;
		}
		memmove(m->mem + p->off + a, pat + o->c, b);
		if (break_model == 2 && b)	/* the data path is checked too */
			m->mem[p->off + a] ^= 0x01;
		return 0;
	case OP_ITER:
		return m_iter(m, p, o, rd);
	case OP_SLICE:
		if (p->null || FUZZ_SLICE > p->size || a > p->size - FUZZ_SLICE)
			return -1;
		memcpy(rd, m->mem + p->off + a, FUZZ_SLICE);
		return 0;
	}
	return FUZZ_SKIP;
}

static void m_snap(struct mseg *m, int s, int helper_bit, s64 *out)
{
	struct fuzz_op o = { .slot = s, .form = !!helper_bit };

	o.op = OP_GET_SIZE;
	out[0] = m_op(m, &o, NULL, NULL);
	o.op = OP_GET_OFFSET;
	out[1] = m_op(m, &o, NULL, NULL);
	o.op = OP_IS_NULL;
	out[2] = m_op(m, &o, NULL, NULL);
	o.op = OP_IS_RDONLY;
	out[3] = m_op(m, &o, NULL, NULL);
}

/* ---- one run: a tape of segments and the memory it starts from ---- */

struct run {
	u32 nseg;
	u32 pktlen;
	struct fuzz_seg tape[FUZZ_NSEG];
	u8 lbuf[FUZZ_LBUF];
	u8 pat[FUZZ_PAT];
	u8 pkt[PKT_MAX];
};

struct expect {
	struct fuzz_res res[FUZZ_NSEG];
	u8 lbuf[FUZZ_LBUF];
	u8 pkt[PKT_MAX];
	int nrec;
	u32 rec_len[FUZZ_NSEG];
	u32 rec_seg[FUZZ_NSEG];
	u8 rec[FUZZ_NSEG][RB_OK_MAX];
	u64 ops;
};

static void model_run(int type, int kf, int mixed, const struct run *rn,
		      struct expect *e)
{
	u32 s;
	int p, i;

	memset(e->res, 0, sizeof(e->res));
	memcpy(e->lbuf, rn->lbuf, sizeof(e->lbuf));
	memcpy(e->pkt, rn->pkt, sizeof(e->pkt));
	e->nrec = 0;
	e->ops = 0;
	for (s = 0; s < rn->nseg; s++) {
		const struct fuzz_seg *g = &rn->tape[s];
		struct fuzz_res *r = &e->res[s];
		struct mseg m = { .type = type, .kf = kf, .mixed = mixed };
		u8 *rec = e->rec[e->nrec];

		r->mk = m_mk(&m, g, e->lbuf, e->pkt, rn->pktlen, rn->pat, rec);
		e->ops++;
		for (p = 0; p < FUZZ_NPH; p++) {
			if (p) {
				r->crc[p] = m_clone(m_kf(&m, g->clone_form & (1 << p)),
						    &m.d[g->csrc[p]], &m.d[p], g->coff[p]);
				e->ops++;
			}
			for (i = 0; i < g->nops[p]; i++)
				r->rc[p][i] = m_op(&m, &g->ops[p][i], rn->pat, r->rd[p][i]);
			e->ops += g->nops[p];
		}
		for (p = 0; p < FUZZ_NSLOT; p++)
			m_snap(&m, p, g->snap_form & (1 << p), r->snap[p]);
		if (type == T_RINGBUF) {
			e->ops++;	/* submit or discard */
			if (!m.d[0].null && !g->rel_discard) {
				e->rec_len[e->nrec] = g->mk_size;
				e->rec_seg[e->nrec] = s;
				e->nrec++;
			}
		}
	}
}

/* ---- generator ---- */

/* a length or offset for advance/trim/clone around size S */
static u32 pick_len(u64 *rs, u32 S)
{
	switch (below(rs, 20)) {
	case 0: case 1: return 0;
	case 2: return 1;
	case 3: case 4: return S;
	case 5: case 6: return S + 1;
	case 7: return S ? S - 1 : 0;
	case 8: return S / 2;
	case 9: return UINT32_MAX;
	case 10: return 1u << 24;
	case 11: return DYNPTR_MAX;
	case 12: return 0x80000000u + below(rs, 4);
	case 13: return UINT32_MAX - below(rs, 4);
	case 14: return (u32)rnd(rs);
	default: return below(rs, (u64)S + 1);
	}
}

static u64 pick_flags(u64 *rs, int percent_bad, int skb_write)
{
	static const u64 bad[] = { 1, 2, 3, 4, 8, 1ULL << 32, 1ULL << 40, ~0ULL };

	if ((int)below(rs, 100) >= percent_bad)
		return 0;
	if (skb_write && below(rs, 2))	/* valid skb write flags */
		return 1 + below(rs, 3);
	return bad[below(rs, sizeof(bad) / sizeof(bad[0]))];
}

/* offset and length of a read or write on p, near its end mostly */
static void pick_rw(u64 *rs, const struct mdp *p, u32 max, u32 boundary,
		    u32 *off, u32 *len)
{
	u32 S = p->null ? below(rs, 64) : p->size, l, o;

	switch (len && *len ? 6 : below(rs, 6)) {
	case 6: l = *len; break;	/* fixed */
	case 0: l = 0; break;
	case 1: l = max; break;
	case 2: l = 1; break;
	case 3: l = S < max ? S : max; break;
	default: l = below(rs, max + 1); break;
	}
	switch (below(rs, 18)) {
	case 0: o = 0; break;
	case 1: case 2: o = S >= l ? S - l : 0; break;	/* ends at the end */
	case 3: case 4: o = S - l + 1; break;		/* crosses it by one */
	case 5: o = S; break;
	case 6: o = S + 1; break;
	case 7: o = UINT32_MAX; break;
	case 8: o = UINT32_MAX - l + 1; break;		/* off + len wraps */
	case 9: o = 1u << 24; break;
	case 10: o = S + below(rs, 64); break;
	case 11: case 12:
		if (boundary) {		/* around a linear/frag boundary */
			u32 bnd = boundary + 4096 * below(rs, 3);

			o = bnd - p->off - below(rs, (u64)l + 2);
			break;
		}
		/* fall through */
	default:
		o = S >= l ? below(rs, (u64)S - l + 1) : below(rs, (u64)S + 1);
		break;
	}
	*off = o;
	*len = l;
}

static void gen_op(u64 *rs, int type, int p, struct mseg *m, struct fuzz_op *o)
{
	/* weights of OP_ADVANCE .. OP_ITER */
	static const int w[OP_MAX] = { 0, 14, 14, 10, 8, 8, 5, 5, 18, 18, 6, 8 };
	int total = 0, k, x;
	const struct mdp *d;

	for (k = 1; k < OP_MAX; k++)
		total += (k == OP_CLONE && type == T_RINGBUF) ? 0 : w[k];
	x = below(rs, total);
	for (k = 1; k < OP_MAX; k++) {
		int wk = (k == OP_CLONE && type == T_RINGBUF) ? 0 : w[k];

		if (x < wk)
			break;
		x -= wk;
	}
	memset(o, 0, sizeof(*o));
	o->op = k;
	o->form = below(rs, 2);
	o->slot = below(rs, p + 1);
	d = &m->d[o->slot];
	switch (k) {
	case OP_ADVANCE:
	case OP_TRIM:
		o->a = pick_len(rs, d->null ? below(rs, 64) : d->size);
		break;
	case OP_CLONE:
		o->src = below(rs, p + 1);
		d = &m->d[o->src];
		o->a = pick_len(rs, d->null ? below(rs, 64) : d->size);
		break;
	case OP_READ:
		pick_rw(rs, d, FUZZ_RBUF, types[type].boundary, &o->a, &o->b);
		o->flags = pick_flags(rs, 5, 0);
		break;
	case OP_WRITE:
		pick_rw(rs, d, FUZZ_WMAX, types[type].boundary, &o->a, &o->b);
		o->c = below(rs, FUZZ_PAT - FUZZ_WMAX + 1);
		o->flags = pick_flags(rs, 8, type == T_SKB || type == T_SKBRO);
		break;
	case OP_SLICE:
		o->b = FUZZ_SLICE;
		pick_rw(rs, d, FUZZ_SLICE, types[type].boundary, &o->a, &o->b);
		break;
	case OP_ITER: {
		u32 S = d->null ? below(rs, 64) : d->size, step;

		switch (below(rs, 8)) {
		case 0: step = 1; break;
		case 1: step = S; break;
		case 2: step = S + 1; break;		/* -ERANGE at once */
		case 3: step = ITER_MASK; break;
		case 4: step = (u32)rnd(rs); break;	/* masked by the callback */
		default: step = S / (1 + below(rs, 8)); break;
		}
		if (step && (step & ITER_MASK) < S / 32)	/* bound the calls */
			step = S / 32 + 1;
		o->a = step;
		o->b = (below(rs, 10) < 3 ? 1 + below(rs, 8) : 0) |
		       (below(rs, 10) < 2 ? 1 + below(rs, 8) : 0) << 8 |
		       (below(rs, 10) < 2 ? 1 + below(rs, 8) : 0) << 16 |
		       below(rs, 128) << 24;
		switch (below(rs, 4)) {
		case 0: o->c = S + 1; break;
		case 1: o->c = ITER_MASK; break;
		case 2: o->c = (u32)rnd(rs); break;
		default: o->c = below(rs, (u64)S + 2); break;
		}
		o->flags = pick_flags(rs, 5, 0);
		break;
	}
	}
}

static u32 pick_edge(u64 *rs, u32 max)
{
	switch (below(rs, 8)) {
	case 0: return 0;
	case 1: return max;
	case 2: return 1;
	default: return below(rs, (u64)max + 1);
	}
}

/* The tape of run `run` for `type`: the same for every variant. The
 * generator follows the helper model's sizes to pick edge values.
 */
static void gen_run(int type, u32 run, struct run *rn)
{
	static u8 scratch_l[FUZZ_LBUF], scratch_p[PKT_MAX], scratch_r[FUZZ_RB_INIT],
		  scratch_rd[FUZZ_RBUF];
	const struct ftype *t = &types[type];
	u64 rs = seed ^ (0x1000193ULL * (type + 1)) ^ ((u64)run << 32);
	u32 s, i;
	int p;

	rnd(&rs);
	rn->nseg = FUZZ_NSEG;
	for (i = 0; i < FUZZ_LBUF; i++)
		rn->lbuf[i] = rnd(&rs);
	for (i = 0; i < FUZZ_PAT; i++)
		rn->pat[i] = rnd(&rs);
	for (i = 0; i < PKT_MAX; i++)
		rn->pkt[i] = rnd(&rs);
	if (t->pkt_max) {
		switch (below(&rs, 10)) {
		case 0: rn->pktlen = t->pkt_min; break;
		case 1: rn->pktlen = t->pkt_max; break;
		case 2: case 3: case 4:
			rn->pktlen = t->pkt_min + below(&rs, 200);
			break;
		default:
			rn->pktlen = t->pkt_min + below(&rs, t->pkt_max - t->pkt_min + 1);
		}
	} else {
		rn->pktlen = 64;
	}
	rn->pkt[12] = ETHERTYPE_TEST >> 8;
	rn->pkt[13] = ETHERTYPE_TEST & 0xff;

	for (s = 0; s < rn->nseg; s++) {
		struct fuzz_seg *g = &rn->tape[s];
		struct mseg m = { .type = type };

		memset(g, 0, sizeof(*g));
		switch (type) {
		case T_LOCAL:
			g->mk_base = pick_edge(&rs, FUZZ_LBASE_MAX);
			g->mk_size = pick_edge(&rs, FUZZ_LSIZE_MAX);
			break;
		case T_RINGBUF:
			if (below(&rs, 100) < 85) {
				g->mk_size = pick_edge(&rs, RB_OK_MAX);
			} else {
				static const u32 big[] = {
					DYNPTR_MAX, DYNPTR_MAX + 1, UINT32_MAX,
					FUZZ_RB_SIZE, FUZZ_RB_SIZE - 7, 0x80000000u,
				};
				g->mk_size = big[below(&rs, sizeof(big) / sizeof(big[0]))];
			}
			break;
		}
		g->mk_flags = pick_flags(&rs, 8, 0);
		m_mk(&m, g, scratch_l, scratch_p, rn->pktlen, rn->pat, scratch_r);
		for (p = 0; p < FUZZ_NPH; p++) {
			if (p) {
				const struct mdp *src;

				g->csrc[p] = below(&rs, p);
				src = &m.d[g->csrc[p]];
				g->coff[p] = pick_len(&rs, src->null ? 0 : src->size);
				m_clone(0, src, &m.d[p], g->coff[p]);
			}
			g->nops[p] = below(&rs, 10) < 3 ? FUZZ_K : below(&rs, FUZZ_K + 1);
			for (i = 0; i < g->nops[p]; i++) {
				gen_op(&rs, type, p, &m, &g->ops[p][i]);
				m_op(&m, &g->ops[p][i], rn->pat, scratch_rd);
			}
		}
		g->rel_slot = below(&rs, FUZZ_NSLOT);
		g->rel_discard = below(&rs, 10) < 3;
		g->mk_form = below(&rs, 2);
		g->clone_form = below(&rs, 16) & ~1;
		g->snap_form = below(&rs, 16);
	}
}

/* ---- running a variant ---- */

struct variant {
	int type, kf, jit, mixed;
	char name[64];
};

struct vstate {
	const struct variant *v;
	u32 run;
	u64 mismatches;
	int reports, max_reports;
	/* ring buffer records of the current run */
	const struct run *rn;
	const struct expect *ex;
	int nrec;
};

static void report(struct vstate *vs, int seg, const char *fmt, ...)
{
	va_list ap;

	vs->mismatches++;
	if (vs->reports++ >= vs->max_reports)
		return;
	printf("MISMATCH fuzz/%s seed=0x%016llx run=%u", vs->v->name,
	       (unsigned long long)seed, vs->run);
	if (seg >= 0)
		printf(" seg=%d (tape segment %llu)", seg,
		       (unsigned long long)vs->run * FUZZ_NSEG + seg);
	printf(": ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

/* mixed: say which form the kfunc build ran */
static const char *op_str(const struct fuzz_op *o, int mixed, char *buf, size_t n)
{
	const char *name = o->op < OP_MAX && op_names[o->op] ? op_names[o->op] : "?";

	switch (o->op) {
	case OP_ADVANCE:
	case OP_TRIM:
		snprintf(buf, n, "%s(slot %u, len %u)", name, o->slot, o->a);
		break;
	case OP_CLONE:
		snprintf(buf, n, "clone(slot %u -> slot %u, offset %u)", o->src, o->slot, o->a);
		break;
	case OP_SLICE:
		snprintf(buf, n, "slice(slot %u, offset %u, len %u)", o->slot, o->a, o->b);
		break;
	case OP_READ:
		snprintf(buf, n, "read(slot %u, offset %u, len %u, flags 0x%llx)",
			 o->slot, o->a, o->b, (unsigned long long)o->flags);
		break;
	case OP_WRITE:
		snprintf(buf, n, "write(slot %u, offset %u, len %u, flags 0x%llx)",
			 o->slot, o->a, o->b, (unsigned long long)o->flags);
		break;
	case OP_ITER:
		snprintf(buf, n, "iterator(slot %u, step %u, stop/err/big at call %u/%u/%u, "
			 "errno %u, big %u, flags 0x%llx)", o->slot, o->a & ITER_MASK,
			 ITER_STOP(o->b), ITER_ERR(o->b), ITER_BIG(o->b), ITER_ERRNO(o->b),
			 o->c & ITER_MASK, (unsigned long long)o->flags);
		break;
	default:
		snprintf(buf, n, "%s(slot %u)", name, o->slot);
	}
	if (mixed)
		strncat(buf, o->form & 1 ? " [helper form]" : " [kfunc form]",
			n - strlen(buf) - 1);
	return buf;
}

static void cmp_val(struct vstate *vs, int seg, const char *what, s64 got, s64 exp)
{
	if (got != exp)
		report(vs, seg, "%s: got %lld (0x%llx) expected %lld (0x%llx)", what,
		       (long long)got, (unsigned long long)got, (long long)exp,
		       (unsigned long long)exp);
}

static void cmp_bytes(struct vstate *vs, int seg, const char *what, const u8 *got,
		      const u8 *exp, u32 len)
{
	u32 i;

	for (i = 0; i < len; i++)
		if (got[i] != exp[i]) {
			report(vs, seg, "%s: byte %u of %u: got 0x%02x expected 0x%02x",
			       what, i, len, got[i], exp[i]);
			return;
		}
}

static const char *const snap_names[4] = { "get_size", "get_offset", "is_null", "is_rdonly" };

static void cmp_seg(struct vstate *vs, int s, const struct fuzz_seg *g,
		    const struct fuzz_res *got, const struct fuzz_res *exp)
{
	static const char *const forms[2] = { " [kfunc form]", " [helper form]" };
	u64 before = vs->mismatches;
	int p, i, mixed = vs->v->mixed;
	char what[320], ob[200];

	snprintf(what, sizeof(what), "constructor (flags 0x%llx, size %u, base %u)%s",
		 (unsigned long long)g->mk_flags, g->mk_size, g->mk_base,
		 mixed ? forms[g->mk_form & 1] : "");
	cmp_val(vs, s, what, got->mk, exp->mk);
	cmp_val(vs, s, "ring buffer record fill", got->init, exp->init);
	for (p = 1; p < FUZZ_NPH; p++) {
		snprintf(what, sizeof(what), "phase clone slot %u -> slot %d, offset %u%s",
			 g->csrc[p], p, g->coff[p],
			 mixed ? forms[!!(g->clone_form & (1 << p))] : "");
		cmp_val(vs, s, what, got->crc[p], exp->crc[p]);
	}
	for (p = 0; p < FUZZ_NPH; p++)
		for (i = 0; i < g->nops[p] && i < FUZZ_K; i++) {
			snprintf(what, sizeof(what), "phase %d op %d %s", p, i,
				 op_str(&g->ops[p][i], mixed, ob, sizeof(ob)));
			cmp_val(vs, s, what, got->rc[p][i], exp->rc[p][i]);
			if (g->ops[p][i].op == OP_READ || g->ops[p][i].op == OP_SLICE)
				cmp_bytes(vs, s, what, got->rd[p][i], exp->rd[p][i],
					  FUZZ_RBUF);
			if (g->ops[p][i].op == OP_ITER) {
				s64 gv[2], ev[2];

				memcpy(gv, got->rd[p][i], sizeof(gv));
				memcpy(ev, exp->rd[p][i], sizeof(ev));
				snprintf(what, sizeof(what), "phase %d op %d %s: callback calls",
					 p, i, op_str(&g->ops[p][i], mixed, ob, sizeof(ob)));
				cmp_val(vs, s, what, gv[0], ev[0]);
				snprintf(what, sizeof(what), "phase %d op %d %s: hash of the views",
					 p, i, op_str(&g->ops[p][i], mixed, ob, sizeof(ob)));
				cmp_val(vs, s, what, gv[1], ev[1]);
			}
		}
	for (p = 0; p < FUZZ_NSLOT; p++)
		for (i = 0; i < 4; i++) {
			snprintf(what, sizeof(what), "final %s(slot %d)%s", snap_names[i], p,
				 mixed && i != 1 ? forms[!!(g->snap_form & (1 << p))] : "");
			cmp_val(vs, s, what, got->snap[p][i], exp->snap[p][i]);
		}
	if (vs->mismatches == before && memcmp(got, exp, sizeof(*got)))
		report(vs, s, "result bytes outside the ops run differ");
}

static int on_record(void *ctx, void *data, size_t size)
{
	struct vstate *vs = ctx;
	const struct expect *ex = vs->ex;
	int k = vs->nrec++;
	char what[64];

	if (k >= ex->nrec) {
		report(vs, -1, "ring buffer: record %d of size %zu, expected %d records",
		       k, size, ex->nrec);
		return 0;
	}
	snprintf(what, sizeof(what), "ring buffer record %d (size)", k);
	cmp_val(vs, ex->rec_seg[k], what, size, ex->rec_len[k]);
	snprintf(what, sizeof(what), "ring buffer record %d", k);
	cmp_bytes(vs, ex->rec_seg[k], what, data, ex->rec[k],
		  size < ex->rec_len[k] ? size : ex->rec_len[k]);
	return 0;
}

/* libbpf's warnings, kept to show when a load fails */
static char logbuf[32768];
static size_t loglen;

static int libbpf_print(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	char *line = NULL, *tail;
	size_t keep = sizeof(logbuf) / 2;
	int n;

	if (level == LIBBPF_DEBUG)
		return 0;
	n = vasprintf(&line, fmt, ap);
	if (n < 0)
		return 0;
	tail = line;
	if ((size_t)n > keep) {	/* a verifier log: its end says why */
		tail = line + n - keep;
		n = keep;
	}
	if (loglen + n >= sizeof(logbuf)) {	/* keep the tail */
		memmove(logbuf, logbuf + loglen - keep, keep);
		loglen = keep;
		if (loglen + n >= sizeof(logbuf))
			loglen = 0;
	}
	memcpy(logbuf + loglen, tail, n);
	loglen += n;
	logbuf[loglen] = 0;
	free(line);
	return 0;
}

static const char *jit_path = "/proc/sys/net/core/bpf_jit_enable";

static int read_jit(void)
{
	char b[8] = "";
	int fd = open(jit_path, O_RDONLY);

	if (fd < 0)
		return -1;
	if (read(fd, b, sizeof(b) - 1) < 0)
		b[0] = 0;
	close(fd);
	return atoi(b);
}

static int set_jit(int on)
{
	int fd = open(jit_path, O_WRONLY), ok;

	if (fd < 0)
		return -1;
	ok = write(fd, on ? "1" : "0", 1) == 1;
	close(fd);
	return ok ? 0 : -1;
}

/* what the tapes of a type exercised, from the model's results */
struct coverage {
	u64 op[OP_MAX], rc[5], null_mk, mk;
};

static void cover(struct coverage *c, const struct run *rn, const struct expect *ex)
{
	u32 s;
	int p, i;

	for (s = 0; s < rn->nseg; s++) {
		const struct fuzz_seg *g = &rn->tape[s];
		const struct fuzz_res *r = &ex->res[s];

		c->mk++;
		c->null_mk += r->mk != 0;
		for (p = 0; p < FUZZ_NPH; p++)
			for (i = 0; i < g->nops[p]; i++) {
				s64 v = r->rc[p][i];

				c->op[g->ops[p][i].op]++;
				if (g->ops[p][i].op >= OP_GET_SIZE && g->ops[p][i].op <= OP_IS_RDONLY)
					continue;	/* values, not errors */
				c->rc[v == 0 ? 0 : v == -EINVAL ? 1 : v == -ERANGE ? 2 :
				      v == -E2BIG ? 3 : 4]++;
			}
	}
}

static void print_coverage(const char *name, const struct coverage *c)
{
	int k;

	printf("fuzz/%s coverage: %llu constructors, %llu failed;", name,
	       (unsigned long long)c->mk, (unsigned long long)c->null_mk);
	for (k = 1; k < OP_MAX; k++)
		printf(" %s %llu", op_names[k], (unsigned long long)c->op[k]);
	printf("; other ops returned 0: %llu, -EINVAL: %llu, -ERANGE: %llu, -E2BIG: %llu, "
	       "else: %llu\n", (unsigned long long)c->rc[0], (unsigned long long)c->rc[1],
	       (unsigned long long)c->rc[2], (unsigned long long)c->rc[3],
	       (unsigned long long)c->rc[4]);
}

static struct run rn_buf;
static struct expect ex_buf;
static u8 out_pkt[PKT_MAX + 64];

/* returns the number of ops run; *failed set on any mismatch or error */
static u64 run_variant(const char *dir, const struct variant *v, u64 target,
		       int max_reports, u64 *mismatches, double *secs, int *failed,
		       struct coverage *cov)
{
	struct vstate vs = { .v = v, .max_reports = max_reports };
	struct bpf_object *obj = NULL;
	struct bpf_program *prog, *pr;
	struct ring_buffer *ringbuf = NULL;
	struct bpf_prog_info info = {};
	u32 info_len = sizeof(info);
	struct fuzz_area *A;
	struct timespec t0, t1;
	struct bpf_map *bss;
	char path[4096];
	u64 ops = 0, segs = 0;
	size_t sz;
	int fd, err, jit0;

	*failed = 1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	snprintf(path, sizeof(path), "%s/fuzz_%s.bpf.o", dir, v->kf ? "kfunc" : "helper");
	obj = bpf_object__open_file(path, NULL);
	if (!obj) {
		printf("fuzz/%s: cannot open %s: %s\n", v->name, path, strerror(errno));
		goto out;
	}
	prog = bpf_object__find_program_by_name(obj, types[v->type].prog);
	if (!prog) {
		printf("fuzz/%s: no program %s in %s\n", v->name, types[v->type].prog, path);
		goto out;
	}
	bpf_object__for_each_program(pr, obj)
		bpf_program__set_autoload(pr, pr == prog);

	jit0 = read_jit();
	if (set_jit(v->jit)) {
		printf("fuzz/%s: cannot set bpf_jit_enable=%d\n", v->name, v->jit);
		goto out;
	}
	loglen = 0;
	logbuf[0] = 0;
	err = bpf_object__load(obj);
	set_jit(jit0 < 0 ? 1 : jit0);
	if (err) {
		printf("fuzz/%s: load failed (%d); libbpf said:\n%s\n", v->name, err,
		       loglen > 6000 ? logbuf + loglen - 6000 : logbuf);
		goto out;
	}
	fd = bpf_program__fd(prog);
	if (bpf_prog_get_info_by_fd(fd, &info, &info_len)) {
		printf("fuzz/%s: no prog info\n", v->name);
		goto out;
	}
	if (!!info.jited_prog_len != !!v->jit) {
		printf("fuzz/%s: program is %s, wanted %s\n", v->name,
		       info.jited_prog_len ? "JITed" : "interpreted",
		       v->jit ? "JIT" : "interpreter");
		goto out;
	}
	bss = bpf_object__find_map_by_name(obj, ".bss");
	A = bss ? bpf_map__initial_value(bss, &sz) : NULL;
	if (!A || sz < sizeof(*A)) {
		printf("fuzz/%s: .bss not mapped\n", v->name);
		goto out;
	}
	if (v->type == T_RINGBUF) {
		struct bpf_map *rbm = bpf_object__find_map_by_name(obj, "rb");

		ringbuf = rbm ? ring_buffer__new(bpf_map__fd(rbm), on_record, &vs, NULL) : NULL;
		if (!ringbuf) {
			printf("fuzz/%s: no ring buffer\n", v->name);
			goto out;
		}
	}

	for (vs.run = 0; ops < target; vs.run++) {
		struct run *rn = &rn_buf;
		struct expect *ex = &ex_buf;
		u32 s;

		gen_run(v->type, vs.run, rn);
		model_run(v->type, v->kf, v->mixed, rn, ex);

		A->nseg = rn->nseg;
		A->mixed = v->mixed;
		A->cur = 0;
		A->done = 0;
		memcpy(A->lbuf, rn->lbuf, sizeof(A->lbuf));
		memcpy(A->pat, rn->pat, sizeof(A->pat));
		memcpy(A->tape, rn->tape, sizeof(A->tape));
		memset(A->res, 0, sizeof(A->res));
		memset(out_pkt, 0, sizeof(out_pkt));

		LIBBPF_OPTS(bpf_test_run_opts, opts,
			    .data_in = rn->pkt, .data_size_in = rn->pktlen,
			    .data_out = out_pkt, .data_size_out = sizeof(out_pkt),
			    .repeat = rn->nseg);
		err = bpf_prog_test_run_opts(fd, &opts);
		if (err) {
			report(&vs, -1, "BPF_PROG_TEST_RUN failed: %d (%s)", err, strerror(errno));
			break;
		}
		if (A->done != rn->nseg || A->cur != rn->nseg)
			report(&vs, -1, "program ran %u of %u segments", A->done, rn->nseg);
		for (s = 0; s < rn->nseg; s++)
			cmp_seg(&vs, s, &rn->tape[s], &A->res[s], &ex->res[s]);

		switch (v->type) {
		case T_LOCAL:
			cmp_bytes(&vs, -1, "local buffer after the run", A->lbuf,
				  ex->lbuf, FUZZ_LBUF);
			break;
		case T_RINGBUF:
			vs.rn = rn;
			vs.ex = ex;
			vs.nrec = 0;
			err = ring_buffer__consume(ringbuf);
			if (err < 0)
				report(&vs, -1, "ring_buffer__consume: %d", err);
			cmp_val(&vs, -1, "ring buffer records consumed", vs.nrec, ex->nrec);
			break;
		default: {
			u32 off = types[v->type].data_off;	/* skbro: L2 header zeroed */

			cmp_val(&vs, -1, "packet size out of the test run",
				opts.data_size_out, rn->pktlen);
			cmp_bytes(&vs, -1, "packet after the run", out_pkt + off,
				  ex->pkt + off, rn->pktlen - off);
		}
		}
		ops += ex->ops;
		if (cov)
			cover(cov, rn, ex);
		segs += rn->nseg;
	}
	*failed = vs.mismatches != 0;
out:
	clock_gettime(CLOCK_MONOTONIC, &t1);
	*secs = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
	*mismatches = vs.mismatches;
	printf("fuzz/%s: %llu ops in %u runs (%llu segments), %llu mismatches, %.1f s%s\n",
	       v->name, (unsigned long long)ops, vs.run, (unsigned long long)segs,
	       (unsigned long long)vs.mismatches, *secs,
	       vs.reports > vs.max_reports ? " (not all mismatches printed)" : "");
	ring_buffer__free(ringbuf);
	bpf_object__close(obj);
	return ops;
}

static u64 env_u64(const char *name, u64 def)
{
	const char *s = getenv(name);

	return s && *s ? strtoull(s, NULL, 0) : def;
}

int main(int argc, char **argv)
{
	static const char *const flav[4] = {
		"helper-jit", "helper-interp", "kfunc-jit", "mixed-jit",
	};
	const char *filter = getenv("FUZZ_VARIANT");
	u64 target, total_ops = 0, total_mm = 0;
	int t, f, n = 0, failed_variants = 0, max_reports;
	double total_secs = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: %s DIR (with fuzz_helper.bpf.o and fuzz_kfunc.bpf.o)\n",
			argv[0]);
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	libbpf_set_print(libbpf_print);
	if (getenv("FUZZ_SEED") && *getenv("FUZZ_SEED")) {
		seed = env_u64("FUZZ_SEED", 0);
	} else {
		struct timespec ts;
		int fd = open("/dev/urandom", O_RDONLY);

		if (fd < 0 || read(fd, &seed, sizeof(seed)) != sizeof(seed)) {
			clock_gettime(CLOCK_REALTIME, &ts);
			seed = ts.tv_sec * 1000000007ULL ^ ts.tv_nsec ^ getpid();
		}
		if (fd >= 0)
			close(fd);
	}
	target = env_u64("FUZZ_OPS", 100000);
	break_model = env_u64("FUZZ_BREAK_MODEL", 0);
	max_reports = env_u64("FUZZ_MAX_REPORTS", 10);
	printf("fuzz: seed=0x%016llx ops per variant>=%llu (reproduce: FUZZ_SEED=0x%016llx)\n",
	       (unsigned long long)seed, (unsigned long long)target,
	       (unsigned long long)seed);
	if (break_model)
		printf("fuzz: FUZZ_BREAK_MODEL=%d: the model is deliberately wrong, expect FAIL\n",
		       break_model);

	for (t = 0; t < T_N; t++) {
		struct coverage cov = {};
		int covered = 0;

		for (f = 0; f < 4; f++) {
			struct variant v = { .type = t, .kf = f >= 2, .jit = f != 1,
					     .mixed = f == 3 };
			u64 mm, ops;
			double secs;
			int failed;

			snprintf(v.name, sizeof(v.name), "%s-%s", types[t].name, flav[f]);
			if (filter && *filter && !strstr(v.name, filter))
				continue;
			ops = run_variant(argv[1], &v, target, max_reports, &mm, &secs, &failed,
					  covered ? NULL : &cov);
			if (!covered && ops) {
				print_coverage(v.name, &cov);
				covered = 1;
			}
			total_ops += ops;
			total_mm += mm;
			total_secs += secs;
			failed_variants += failed;
			printf("#997/%d fuzz/%s:%s\n", ++n, v.name, failed ? "FAIL" : "OK");
		}
	}
	printf("fuzz summary: seed=0x%016llx variants=%d failed=%d ops=%llu mismatches=%llu time=%.1fs",
	       (unsigned long long)seed, n, failed_variants, (unsigned long long)total_ops,
	       (unsigned long long)total_mm, total_secs);
	if (break_model)
		printf(" (FUZZ_BREAK_MODEL=%d)", break_model);
	printf("\n");
	return failed_variants > 125 ? 125 : failed_variants;
}
