// SPDX-License-Identifier: GPL-2.0
/* progfuzz: generated programs against the verifier's dynptr rules.
 *
 * Each program is a tc program, or one in four an xdp one (every other of
 * those on a multi-buffer packet: a page and a fragment, loaded with
 * BPF_F_XDP_HAS_FRAGS), of up to three levels of frames: main, the
 * subprograms and callbacks it calls, and theirs. Every call site gets a
 * frame of its own, handed a pointer to one of its caller's dynptr stack
 * slots (a subprogram also gets the skb, which it keeps in r8). A frame
 * runs 3-12 operations on three dynptr slots of its own and that pointer:
 *   ring buffer reserve/submit/discard (helpers 198-200), from_mem on a map
 *   value (197), from_skb (kfunc, or helper 212), read/write (201/202),
 *   bpf_dynptr_data() (203), the bpf_dynptr_slice[_rdwr](),
 *   bpf_dynptr_clone() and bpf_dynptr_adjust() kfuncs, loads and stores
 *   through the last slice, the packet-changing helpers
 *   bpf_skb_pull_data(), bpf_skb_change_head() (which reallocates the
 *   test run's packet: its headroom is smaller) and bpf_skb_change_tail(),
 *   in xdp from_xdp (kfunc, or helper 213) and bpf_xdp_adjust_head() and
 *   bpf_xdp_adjust_tail() (which frees the fragment of a multi-buffer
 *   packet), subprogram calls and bpf_loop() callbacks;
 *   where the kernel has them (probed), helpers 212-221 too: advance,
 *   trim, the four getters, clone with an offset, and the iterator, whose
 *   callback gets the view in r6 and its context in r9.
 * On the base kernel only 6.12's own API is used.
 *
 * While it generates, a model of the rules decides each operation:
 * initialized or not, released (a release kills every instance of the
 * record in every frame, and their slices), overwritten (kills the slot's
 * helper slices; a referenced dynptr cannot be overwritten), packet data
 * changed (kills every slice of an skb dynptr), what may be submitted, and
 * what a callback may do to what it was given (nothing that changes its
 * state: a release of the caller's record there is invalid). Operations
 * are mostly picked valid; with probability INVALID_PCT one is not, and
 * the program ends there. A frame releases what its own slots hold before
 * it returns. The model also follows the memory: the first 8 bytes of the
 * map value, of the packet, of every ring buffer record and of each
 * frame's buffer, as far as they are known (not after a callback touched
 * them, nor after an advance, trim or clone with an offset).
 *
 *   model invalid, verifier accepts   finding (a hole: the program is
 *                                      saved, with the reason)
 *   model valid, verifier rejects     counted: where the model is stricter
 *                                      than needed or wrong
 *   accepted                          run once (BPF_PROG_TEST_RUN), with
 *                                      the JIT, and in the interpreter too
 *                                      when it calls no kfunc; the map
 *                                      value, the packet and the return
 *                                      value (main's buffer) must be what
 *                                      the model says, or it is a finding
 *   JIT and interpreter verdicts differ (no kfunc, no bpf_loop)  finding
 *
 * Usage: progfuzz [-s SEED] [-n PROGRAMS] [-t SECONDS] [-o DIR] [-B] [-X] [-T] [-p N]
 * -X also generates the xdp gap that patch 5 leaves as in 6.12 (a slice
 * of a global function's dynptr argument kept across a packet change)
 * and counts the accepted programs that do: a store through such a
 * slice is a model finding (the slices made here are in the packet's
 * linear part, which stays: no use-after-free for KASAN to see).
 * -T makes tc programs only (the programs of a seed before xdp came).
 * -B breaks the model on purpose (a read of a local dynptr counts as
 * invalid): the verifier accepts those programs, so findings must follow.
 * -t stops after SECONDS (the long runs), -p N loads program N alone and
 * prints its verifier log.
 * Prints "progfuzz: seed S generated N accepted A rejected R run X
 * false-rejections F skipped K findings H" (then "checked C" and the rate)
 * and exits with the number of findings (capped at 100). Kernel reports
 * are vm.sh's to catch.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <linux/bpf.h>
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#define MAX_INSNS	4096
#define MAX_FRAMES	16
#define SLOTS		3
#define VIEW		(SLOTS + 1)	/* target: an iterator callback's view (r6) */
#define INVALID_PCT	12
#define NOBJ		130		/* 0 map value, 1 packet, 2 + ref: records */
#define OBJ_MEM		0
#define OBJ_PKT		1
#define UNKNOWN		0x5a5a5a5a5a5a5a5aULL

/* the series' helpers, probed: not in 6.12's enum bpf_func_id */
enum { H_FROM_SKB = 212, H_FROM_XDP, H_ADVANCE, H_TRIM, H_IS_NULL, H_IS_RDONLY,
       H_GET_SIZE, H_GET_OFFSET, H_CLONE, H_ITERATOR };

enum kind { UNINIT, LOCAL, RINGBUF, SKB, DEAD };	/* SKB: the packet's (xdp too) */

/* mayskb: a view of type LOCAL, or a clone of one; in tc the series'
 * verifier takes such a const dynptr as a possible skb one (patch 5):
 * a write through it changes packet data, its kfunc slices are packet
 * slices
 */
/* unref: a record the verifier sees without its reference (a global
 * function's argument, and clones of it); off, size: the dynptr's at run
 * time (off -1: not known); xview: a global function's argument in xdp,
 * or a clone of it (see PKT in gen_frame)
 */
struct slot { enum kind kind; int ref, id, mayskb, unref, off, size, xview; };
/* r7: none, live, gone; obj: what a store through it changes; skb: dies
 * with a packet change; rtnull: NULL at run time (bpf_dynptr_data() of an
 * skb dynptr)
 */
struct slice { int live, ref, id, rdonly, gone, kfunc, obj, skb, rtnull, off, xview; };
struct frame {
	struct slot s[SLOTS], view;
	struct slice r7;
	int pframe, pslot;	/* where the pointer argument points, or -1 */
	int ctx;		/* has the skb in r8 */
	int cb;			/* 0, or 1: bpf_loop callback, 2: iterator's,
			 * 3: a global function (its argument is the view) */
	int restricted;		/* the pointer (and view) are a callback's */
	int active;		/* being generated: it or a frame it called */
	int ret;		/* an iterator callback's return value */
	struct slot *vsrc;	/* a global function's view: the caller's slot */
	int locked[16], nlocked;	/* records this frame may not release */
	unsigned long long buf;	/* the first 8 bytes at fp - 64 */
	struct bpf_insn insn[MAX_INSNS / 4];
	int n;
	int calls[8][2], ncalls;	/* (insn index, callee frame) */
};

static struct frame fr[MAX_FRAMES];
static int nfr, next_ref, next_id, uses_kfunc, uses_loop, in_cb, memunk,
	   nwrites, pkt_len, spills;
/* how many times the current frame may run, and the ring buffer bytes
 * the program may reserve: past half the ring, reservations may fail
 */
static long mult, reserved;
#define RB_SIZE		(256 * 1024)
static unsigned long long obj[NOBJ];	/* the model's memory */
static const char *invalid;	/* the model's reason, once one op is invalid */
static unsigned long long rng;
static int rb_fd, mem_fd, clone_id, slice_id, slice_rdwr_id, adjust_id,
	   from_skb_id, from_xdp_id, broken, series;
/* this program: an xdp one (else tc), with a multi-buffer packet; -X */
static int xdp, frags, xgap, gap, tc_only;
#define FRAGS_LEN	6000	/* a page's linear part and a fragment */
static int btf_fd, func_type[3 * MAX_FRAMES];
static struct ring_buffer *rbm;	/* drained after each run */
static struct bpf_func_info finfo[MAX_FRAMES];
static long only = -1;	/* -p N: program N alone, its full verifier log */
static char trace[8192];	/* the operations, as the model saw them */
static int trace_n;

static void tr(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (trace_n < (int)sizeof(trace))
		trace_n += vsnprintf(trace + trace_n, sizeof(trace) - trace_n, fmt, ap);
	va_end(ap);
}

static unsigned int rnd(unsigned int n)
{
	rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned int)(rng >> 33) % n;
}

static void emit(struct frame *f, struct bpf_insn i)
{
	if (f->n < (int)(sizeof(f->insn) / sizeof(f->insn[0])))
		f->insn[f->n++] = i;
}

#define I(c, d, s, o, m) ((struct bpf_insn){ .code = (c), .dst_reg = (d), .src_reg = (s), .off = (o), .imm = (m) })
#define MOV_IMM(d, m)	I(BPF_ALU64 | BPF_MOV | BPF_K, d, 0, 0, m)
#define MOV_REG(d, s)	I(BPF_ALU64 | BPF_MOV | BPF_X, d, s, 0, 0)
#define ADD_IMM(d, m)	I(BPF_ALU64 | BPF_ADD | BPF_K, d, 0, 0, m)
#define ST_DW(d, o, m)	I(BPF_ST | BPF_MEM | BPF_DW, d, 0, o, m)
#define JEQ_IMM(d, m, o) I(BPF_JMP | BPF_JEQ | BPF_K, d, 0, o, m)
#define CALL(id)	I(BPF_JMP | BPF_CALL, 0, 0, 0, id)
#define KCALL(id)	I(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_KFUNC_CALL, 0, id)
#define EXIT		I(BPF_JMP | BPF_EXIT, 0, 0, 0, 0)
#define R0_TO_BUF	I(BPF_STX | BPF_MEM | BPF_DW, BPF_REG_10, BPF_REG_0, -64, 0)

/* the call (or callback address) i of frame callee, resolved by layout() */
static void call_site(struct frame *f, int callee, struct bpf_insn i)
{
	f->calls[f->ncalls][0] = f->n;
	f->calls[f->ncalls++][1] = callee;
	emit(f, i);
}

static void ld_map(struct frame *f, int reg, int fd, int value)
{
	emit(f, I(BPF_LD | BPF_DW | BPF_IMM, reg,
		  value ? BPF_PSEUDO_MAP_VALUE : BPF_PSEUDO_MAP_FD, 0, fd));
	emit(f, I(0, 0, 0, 0, 0));
}

/* reg = address of target t of frame f: a slot of its own, the pointer
 * argument kept in r9 (t == SLOTS), or the view in r6 (t == VIEW). Every
 * third time, by the frame's length (not the random stream, so the
 * operations of a seed stay), the pointer goes through a spill to the
 * frame's stack and a fill: a pointer into a caller's frame, or a const
 * dynptr pointer (spillable since patch 6).
 */
static void addr(struct frame *f, int reg, int t)
{
	if ((t == SLOTS || t == VIEW) && f->n % 3 == 0) {
		emit(f, I(BPF_STX | BPF_MEM | BPF_DW, BPF_REG_10,
			  t == SLOTS ? BPF_REG_9 : BPF_REG_6, -72, 0));
		emit(f, I(BPF_LDX | BPF_MEM | BPF_DW, reg, BPF_REG_10, -72, 0));
		spills++;
	} else if (t == SLOTS) {
		emit(f, MOV_REG(reg, BPF_REG_9));
	} else if (t == VIEW) {
		emit(f, MOV_REG(reg, BPF_REG_6));
	} else {
		emit(f, MOV_REG(reg, BPF_REG_10));
		emit(f, ADD_IMM(reg, -16 * (t + 1)));
	}
}

static struct slot *slotp(int f, int t)
{
	return t == VIEW ? &fr[f].view : &fr[f].s[t];
}

static struct slot *target(int f, int t)
{
	return t == SLOTS ? slotp(fr[f].pframe, fr[f].pslot) : slotp(f, t);
}

/* a target of frame f whose state a callback was given, not owned */
static int foreign(int f, int t)
{
	return (t == SLOTS || t == VIEW) && fr[f].restricted;
}

/* the view, or a pointer to it: a const dynptr, not on the stack */
static int is_view(int f, int t)
{
	return t == VIEW || (t == SLOTS && fr[f].pslot == VIEW);
}

static int bad(const char *why)
{
	if (!invalid)
		invalid = why;
	return 0;
}

/* a use of a dynptr: it must hold one */
static int usable(struct slot *s)
{
	if (s->kind == UNINIT)
		return bad("use of an uninitialized dynptr");
	if (s->kind == DEAD)
		return bad("use of a released dynptr");
	return 1;
}

/* the memory object behind a dynptr, for the model of the bytes */
static int obj_of(struct slot *s)
{
	return s->kind == LOCAL ? OBJ_MEM : s->kind == SKB ? OBJ_PKT : 2 + s->ref;
}

/* a store of v into object o, or into frame f's buffer (o < 0) */
static void store(int f, int o, unsigned long long v)
{
	if (in_cb)	/* a callback runs any number of times */
		v = UNKNOWN;
	if (o < 0)
		fr[f].buf = v;
	else if (o < NOBJ)
		obj[o] = v;
}

/* (re)initialization of slot s: a live record cannot be overwritten; the
 * old dynptr's slices go
 */
static int overwrite(struct slot *s)
{
	int f;

	if (s->kind == RINGBUF && !s->unref)
		return bad("overwrite of a referenced dynptr");
	for (f = 0; f < nfr; f++)
		/* Found by this generator: the verifier keeps the kfunc
		 * slices (bpf_dynptr_slice[_rdwr]) of a dynptr that is
		 * initialized again, as destroy_if_dynptr_stack_slot() looks
		 * only at PTR_TO_MEM[_OR_NULL] and theirs carries the dynptr
		 * type flag (also so on 6.18). They still point into the map
		 * value or packet, which stay: the model follows, README
		 * says why this is left alone.
		 */
		if (fr[f].r7.live && fr[f].r7.id == s->id && s->kind != UNINIT &&
		    s->kind != DEAD && !fr[f].r7.kfunc)
			fr[f].r7 = (struct slice){ .gone = 1 };
	return 1;
}

static void release(int f0, int ref)
{
	int f, i;

	for (i = 0; i < fr[f0].nlocked; i++)
		if (fr[f0].locked[i] == ref)
			bad("a callback releases the record it was given");
	for (f = 0; f < nfr; f++) {
		for (i = 0; i < SLOTS; i++)
			if (fr[f].s[i].kind == RINGBUF && fr[f].s[i].ref == ref)
				fr[f].s[i].kind = DEAD;
		if (fr[f].view.kind == RINGBUF && fr[f].view.ref == ref)
			fr[f].view.kind = DEAD;
		if (fr[f].r7.live && fr[f].r7.ref == ref)
			fr[f].r7 = (struct slice){ .gone = 1 };
	}
}

/* packet data changed: every slice of an skb dynptr goes */
static void pkt_changed(void)
{
	int f;

	for (f = 0; f < nfr; f++)
		if (fr[f].r7.live && fr[f].r7.skb)
			fr[f].r7 = (struct slice){ .gone = 1 };
}

enum op { RESERVE, FROM_MEM, FROM_SKB, CLONE, SUBMIT, DISCARD, READ, WRITE,
	  DATA, SLICE, USE, ADJUST, PKT, CALLSUB, LOOP, GLOBAL,
	  /* the series' helpers */
	  ADVANCE, GETTER, ITER, NOPS };
static const char *const op_name[] = { "reserve", "from_mem", "from_skb", "clone",
	"submit", "discard", "read", "write", "data", "slice", "use", "adjust",
	"pkt", "call", "loop", "global", "advance", "getter", "iter" };
static long used[NOPS], acc_ops[NOPS];	/* ops in this program; in accepted ones */

/* Would op on target t (and t2) of frame f be valid? No state change. */
static int valid(int f, enum op op, int t, int t2, int depth)
{
	const char *saved = invalid;
	struct slot *s, *d;
	int ok = 1;

	if ((t == SLOTS || t2 == SLOTS) && fr[f].pframe < 0)
		return 0;
	if ((t == VIEW || t2 == VIEW) && fr[f].cb < 2)
		return 0;
	if (op >= ADVANCE && !series)
		return 0;
	s = target(f, t);
	switch (op) {
	case RESERVE: case FROM_MEM:
		ok = (s->kind != RINGBUF || s->unref) && !foreign(f, t);
		break;
	case FROM_SKB:
		ok = (s->kind != RINGBUF || s->unref) && !foreign(f, t) && fr[f].ctx;
		break;
	case CLONE:
		d = target(f, t2);
		ok = s->kind != UNINIT && s->kind != DEAD &&
		     (d->kind != RINGBUF || d->unref) && !foreign(f, t2);
		break;
	case SUBMIT: case DISCARD:
		ok = s->kind == RINGBUF && !s->unref && !foreign(f, t);
		break;
	case READ: case WRITE: case SLICE: case GETTER: case ITER: case ADJUST:
		ok = s->kind != UNINIT && s->kind != DEAD;
		break;
	case ADVANCE:
		ok = s->kind != UNINIT && s->kind != DEAD && !is_view(f, t);
		break;
	case DATA:
		ok = s->kind == LOCAL || s->kind == RINGBUF;
		break;
	case USE:
		ok = !fr[f].r7.gone;
		break;
	case PKT:
		ok = fr[f].ctx;
		break;
	case CALLSUB:
		ok = depth < 2 && nfr < MAX_FRAMES - 1;
		break;
	case LOOP:
		ok = depth < 2 && nfr < MAX_FRAMES - 1 && !is_view(f, t);
		break;
	case GLOBAL:
		ok = depth < 2 && nfr < MAX_FRAMES - 1 && fr[f].ctx &&
		     s->kind != UNINIT && s->kind != DEAD;
		break;
	default:
		ok = 0;
	}
	invalid = saved;
	return ok;
}

static void gen_frame(int f, int depth);

/* a new frame c called from frame f with a pointer to f's target t */
static int new_frame(int f, int t, int cb)
{
	int c = nfr++;

	memset(&fr[c], 0, sizeof(fr[c]));
	if (t == SLOTS) {
		fr[c].pframe = fr[f].pframe;
		fr[c].pslot = fr[f].pslot;
	} else {
		fr[c].pframe = f;
		fr[c].pslot = t;
	}
	fr[c].cb = cb;
	fr[c].ctx = !cb && fr[f].ctx;
	/* a callback may not change what it is given; nor may what it
	 * calls with that
	 */
	fr[c].restricted = cb || foreign(f, t);
	memcpy(fr[c].locked, fr[f].locked, sizeof(fr[c].locked));
	fr[c].nlocked = fr[f].nlocked;
	return c;
}

static void lock(int c, struct slot *s)
{
	if (s->kind == RINGBUF && fr[c].nlocked < 16)
		fr[c].locked[fr[c].nlocked++] = s->ref;
}

/* a bpf_loop() or iterator callback of frame f: 1 + rnd(3) rounds, or as
 * long as the view lasts
 */
static void callback(int f, int t, int t2, int depth, int iter)
{
	struct frame *F = &fr[f];
	struct slot *s = target(f, t);
	int c;

	static const int rets[] = { 0, 8, 1, -22 };
	long saved = mult, rounds;
	int n = 1 + rnd(3);

	if (iter) {	/* bpf_dynptr_iterator(t, cb, t2, 0) */
		addr(F, BPF_REG_1, t);
		addr(F, BPF_REG_3, t2);
	} else {	/* bpf_loop(n, cb, t, 0) */
		emit(F, MOV_IMM(BPF_REG_1, n));
		addr(F, BPF_REG_3, t);
	}
	c = new_frame(f, iter ? t2 : t, iter ? 2 : 1);
	call_site(F, c, I(BPF_LD | BPF_DW | BPF_IMM, BPF_REG_2, BPF_PSEUDO_FUNC, 0, 0));
	emit(F, I(0, 0, 0, 0, 0));
	emit(F, MOV_IMM(BPF_REG_4, 0));
	emit(F, CALL(iter ? H_ITERATOR : BPF_FUNC_loop));
	if (iter) {
		usable(s);
		fr[c].view = *s;
		fr[c].view.mayskb = !xdp && (s->kind == LOCAL || s->mayskb);
		fr[c].ret = rets[rnd(4)];
		/* a byte a round over a multi-buffer packet, nested: some 36
		 * million callbacks in one run; eight bytes a round instead
		 */
		if (fr[c].ret == 1 && xdp && (s->off < 0 || s->size > 256))
			fr[c].ret = 8;
		lock(c, s);
		rounds = s->off < 0 ? 256 : fr[c].ret == 1 ? s->size :
			 fr[c].ret == 8 ? s->size / 8 + 1 : 1;
	} else {
		uses_loop = 1;
		rounds = n;
	}
	lock(c, target(c, SLOTS));
	in_cb++;
	mult *= rounds;
	gen_frame(c, depth + 1);
	mult = saved;
	in_cb--;
	if (!iter)
		return;
	/* what the iterator returns: the walk never sees the view's
	 * adjustments (each round gets a copy)
	 */
	emit(F, R0_TO_BUF);
	if (s->off < 0)
		store(f, -1, UNKNOWN);
	else if (!s->size || fr[c].ret <= 0)
		store(f, -1, s->size ? (long long)fr[c].ret : 0);
	else
		store(f, -1, fr[c].ret == 8 && s->size % 8 ? (long long)-ERANGE : 0);
}

/* slot s (target t of frame f) moved at run time to (off, size): in a
 * callback, what it was handed moves an unknown number of times; a global
 * function's argument is its caller's dynptr
 */
static void moved(int f, int t, struct slot *s, int off, int size)
{
	int g = 0;

	if (s->off < 0 || (in_cb && foreign(f, t)))
		off = -1;
	while (g < nfr) {	/* and the slots behind global arguments */
		s->off = off;
		s->size = size;
		for (g = 0; g < nfr; g++)
			if (s == &fr[g].view && fr[g].vsrc) {
				s = fr[g].vsrc;
				break;
			}
	}
}

/* emit op and apply it to the model */
static void apply(int f, enum op op, int t, int t2, int depth)
{
	struct frame *F = &fr[f];
	struct slot *s = target(f, t), *d;
	int c, o;

	used[op] = 1;
	tr("f%d %s %c%d", f, op_name[op], t == SLOTS ? 'p' : t == VIEW ? 'v' : 's',
	   t >= SLOTS ? 0 : t);
	if (op == CLONE || op == ITER)
		tr(" -> %c%d", t2 == SLOTS ? 'p' : t2 == VIEW ? 'v' : 's', t2 >= SLOTS ? 0 : t2);
	tr("\n");
	/* a const dynptr (an iterator's view, a global function's argument)
	 * may not be changed, nor be bpf_loop()'s context (not on the stack)
	 */
	if (((op == RESERVE || op == FROM_MEM || op == FROM_SKB || op == ADVANCE ||
	      op == LOOP) && is_view(f, t)) || (op == CLONE && is_view(f, t2)))
		bad("a const dynptr changed, or bpf_loop()'s context");
	switch (op) {
	case RESERVE:	/* bpf_ringbuf_reserve_dynptr(&rb, size, 0, s) */
		c = 8 + 8 * rnd(4);
		ld_map(F, BPF_REG_1, rb_fd, 0);
		emit(F, MOV_IMM(BPF_REG_2, c));
		emit(F, MOV_IMM(BPF_REG_3, 0));
		addr(F, BPF_REG_4, t);
		emit(F, CALL(BPF_FUNC_ringbuf_reserve_dynptr));
		/* discarded records keep their room until user space reads
		 * (after each run): past half the ring, one may fail
		 */
		reserved += mult * (c + 8);
		memunk |= reserved > RB_SIZE / 2;
		if (overwrite(s)) {
			*s = (struct slot){ .kind = RINGBUF, .ref = ++next_ref,
					    .id = ++next_id, .size = c };
			store(f, obj_of(s), UNKNOWN);	/* not zeroed */
		}
		break;
	case FROM_MEM:	/* bpf_dynptr_from_mem(&value, 64, 0, s) */
		ld_map(F, BPF_REG_1, mem_fd, 1);
		emit(F, MOV_IMM(BPF_REG_2, 64));
		emit(F, MOV_IMM(BPF_REG_3, 0));
		addr(F, BPF_REG_4, t);
		emit(F, CALL(BPF_FUNC_dynptr_from_mem));
		if (overwrite(s))
			*s = (struct slot){ .kind = LOCAL, .id = ++next_id, .size = 64 };
		break;
	case FROM_SKB:	/* bpf_dynptr_from_skb/xdp(ctx, 0, s): kfunc or helper */
		emit(F, MOV_REG(BPF_REG_1, BPF_REG_8));
		emit(F, MOV_IMM(BPF_REG_2, 0));
		addr(F, BPF_REG_3, t);
		if (series && rnd(2)) {
			emit(F, CALL(xdp ? H_FROM_XDP : H_FROM_SKB));
		} else {
			emit(F, KCALL(xdp ? from_xdp_id : from_skb_id));
			uses_kfunc = 1;
		}
		if (!F->ctx)
			bad("from_skb without the skb");
		if (overwrite(s))	/* the packet's length now, if known */
			*s = (struct slot){ .kind = SKB, .id = ++next_id,
					    .off = pkt_len < 0 ? -1 : 0, .size = pkt_len };
		break;
	case CLONE:	/* bpf_dynptr_clone(s, d) kfunc, or helper (s, d, off) */
		d = target(f, t2);
		addr(F, BPF_REG_1, t);
		addr(F, BPF_REG_2, t2);
		c = 0;
		if (series && rnd(2)) {
			c = 4 * rnd(2);
			emit(F, MOV_IMM(BPF_REG_3, c));
			emit(F, CALL(H_CLONE));
		} else {
			emit(F, KCALL(clone_id));
			uses_kfunc = 1;
		}
		if (usable(s)) {
			struct slot from = *s;	/* d may be s: a local one may */

			if (foreign(f, t2) && d->kind != RINGBUF && !is_view(f, t2))
				break;	/* not generated (see gen_frame) */
			if (from.off >= 0 && c <= from.size) {
				from.off += c;
				from.size -= c;
			} else {
				from.off = -1;
			}
			if (overwrite(d)) {
				from.id = ++next_id;
				*d = from;
			}
		}
		break;
	case SUBMIT: case DISCARD:
		addr(F, BPF_REG_1, t);
		emit(F, MOV_IMM(BPF_REG_2, 0));
		emit(F, CALL(op == SUBMIT ? BPF_FUNC_ringbuf_submit_dynptr :
				 BPF_FUNC_ringbuf_discard_dynptr));
		if (usable(s)) {
			if (s->kind != RINGBUF || s->unref)
				bad("release of a dynptr without a reference");
			else
				release(f, s->ref);
		}
		break;
	case READ:	/* bpf_dynptr_read(fp - 64, 8, s, 0, 0) */
	case WRITE:	/* bpf_dynptr_write(s, 0, fp - 64, 8, 0) */
		emit(F, MOV_REG(op == READ ? BPF_REG_1 : BPF_REG_3, BPF_REG_10));
		emit(F, ADD_IMM(op == READ ? BPF_REG_1 : BPF_REG_3, -64));
		emit(F, MOV_IMM(op == READ ? BPF_REG_2 : BPF_REG_4, 8));
		addr(F, op == READ ? BPF_REG_3 : BPF_REG_1, t);
		emit(F, MOV_IMM(op == READ ? BPF_REG_4 : BPF_REG_2, 0));
		emit(F, MOV_IMM(BPF_REG_5, 0));
		emit(F, CALL(op == READ ? BPF_FUNC_dynptr_read : BPF_FUNC_dynptr_write));
		if (!usable(s))
			break;
		if (broken && op == READ && s->kind == LOCAL)
			bad("a read of a local dynptr (the model broken on purpose, -B)");
		/* at offset 0 of the dynptr: the object's first 8 bytes when
		 * it starts there; fails when it is shorter than 8 bytes
		 */
		o = obj_of(s);
		if (op == READ) {
			if (s->off < 0 || s->size >= 8)
				store(f, -1, s->off || o >= NOBJ ? UNKNOWN : obj[o]);
		} else {
			nwrites++;
			if (s->off < 0 || s->size >= 8)
				store(f, o, s->off ? UNKNOWN : F->buf);
			/* an skb's head may be reallocated; xdp's never is */
			if ((s->kind == SKB && !xdp) || s->mayskb)
				pkt_changed();
		}
		break;
	case DATA:	/* r7 = bpf_dynptr_data(s, 0, 8) */
	case SLICE:	/* r7 = bpf_dynptr_slice[_rdwr](s, 0, NULL, 8) (kfuncs) */
		c = op == SLICE && rnd(2);	/* read-only */
		addr(F, BPF_REG_1, t);
		emit(F, MOV_IMM(BPF_REG_2, 0));
		if (op == DATA) {
			emit(F, MOV_IMM(BPF_REG_3, 8));
			emit(F, CALL(BPF_FUNC_dynptr_data));
		} else {
			emit(F, MOV_IMM(BPF_REG_3, 0));
			emit(F, MOV_IMM(BPF_REG_4, 8));
			emit(F, KCALL(c ? slice_id : slice_rdwr_id));
			uses_kfunc = 1;
		}
		emit(F, MOV_REG(BPF_REG_7, BPF_REG_0));
		if (usable(s))
			F->r7 = (struct slice){ .live = 1, .id = s->id, .rdonly = c,
				.ref = s->kind == RINGBUF ? s->ref : 0, .kfunc = op == SLICE,
				.obj = obj_of(s), .off = s->off,
				.skb = (s->kind == SKB || s->mayskb) && op == SLICE,
				.xview = s->xview && s->kind == SKB,
				.rtnull = (s->kind == SKB && op == DATA) ||
					  (s->off >= 0 && s->size < 8) };
		break;
	case USE:	/* if (r7) *(u64 *)r7 = 7, or r0 = *(u64 *)r7 when read-only */
		emit(F, JEQ_IMM(BPF_REG_7, 0, 1));
		if (F->r7.rdonly)
			emit(F, I(BPF_LDX | BPF_MEM | BPF_DW, BPF_REG_0, BPF_REG_7, 0, 0));
		else
			emit(F, ST_DW(BPF_REG_7, 0, 7));
		if (F->r7.gone)	/* never set: r7 == 0, the access is dead code */
			bad("access through a slice that is gone");
		else if (F->r7.live && !F->r7.rdonly && !F->r7.rtnull)
			store(f, F->r7.obj, F->r7.off ? UNKNOWN : 7);
		break;
	case ADJUST:	/* bpf_dynptr_adjust(s, 0, 8) (kfunc): offset kept */
		addr(F, BPF_REG_1, t);
		emit(F, MOV_IMM(BPF_REG_2, 0));
		emit(F, MOV_IMM(BPF_REG_3, 8));
		emit(F, KCALL(adjust_id));
		uses_kfunc = 1;
		if (usable(s) && (s->off < 0 || s->size >= 8))	/* else -ERANGE */
			moved(f, t, s, s->off, 8);
		break;
	case PKT:
		if (xdp) {	/* xdp_adjust_head(+-14), xdp_adjust_tail(-16/-3000, +16) */
			static const int delta[] = { 14, -14, -16, 16 };

			c = rnd(4);
			o = c == 2 && frags ? -3000 : delta[c];	/* frees the fragment */
			emit(F, MOV_REG(BPF_REG_1, BPF_REG_8));
			emit(F, MOV_IMM(BPF_REG_2, o));
			emit(F, CALL(c < 2 ? BPF_FUNC_xdp_adjust_head : BPF_FUNC_xdp_adjust_tail));
			tr("  (xdp_adjust_%s %d)\n", c < 2 ? "head" : "tail", o);
			if (!F->ctx)
				bad("a packet change without the context");
			pkt_changed();
			if (c < 2)	/* other bytes first (old headroom: not known) */
				store(f, OBJ_PKT, UNKNOWN);
			pkt_len = -1;
			break;
		}
		/* pull_data(skb, 64), change_head(skb, 128, 0), change_tail */
		c = rnd(3);
		emit(F, MOV_REG(BPF_REG_1, BPF_REG_8));
		emit(F, MOV_IMM(BPF_REG_2, c == 0 ? 64 : c == 1 ? 128 : 64 + 64 * rnd(3)));
		emit(F, MOV_IMM(BPF_REG_3, 0));
		emit(F, CALL(c == 0 ? BPF_FUNC_skb_pull_data : c == 1 ?
			     BPF_FUNC_skb_change_head : BPF_FUNC_skb_change_tail));
		tr("  (%s)\n", c == 0 ? "pull_data" : c == 1 ? "change_head" : "change_tail");
		if (!F->ctx)
			bad("a packet change without the skb");
		pkt_changed();
		if (c == 1) {	/* 128 zero bytes pushed in front */
			store(f, OBJ_PKT, 0);
			pkt_len = pkt_len < 0 ? -1 : pkt_len + 128;
		} else if (c == 2) {	/* may be refused (a minimum length) */
			pkt_len = -1;
		}
		break;
	case ADVANCE:	/* r = bpf_dynptr_advance/trim(s, 0..2) into the buffer */
		c = rnd(3);
		o = rnd(2);
		addr(F, BPF_REG_1, t);
		emit(F, MOV_IMM(BPF_REG_2, c));
		emit(F, CALL(o ? H_ADVANCE : H_TRIM));
		emit(F, R0_TO_BUF);
		if (!usable(s))
			break;
		if (s->off < 0) {
			store(f, -1, UNKNOWN);
		} else if (c > s->size) {
			store(f, -1, (unsigned long long)-ERANGE);
		} else {
			store(f, -1, 0);
			moved(f, t, s, s->off + (o ? c : 0), s->size - c);
		}
		break;
	case GETTER:	/* r = is_null, is_rdonly, get_size or get_offset(s) */
		c = rnd(4);
		addr(F, BPF_REG_1, t);
		emit(F, CALL(H_IS_NULL + c));
		emit(F, R0_TO_BUF);
		if (usable(s))	/* none is null, none read-only */
			store(f, -1, c < 2 ? 0 : s->off < 0 ? UNKNOWN :
				     (unsigned long long)(c == 2 ? s->size : s->off));
		break;
	case CALLSUB:	/* sub(pointer to target t, skb) */
		c = new_frame(f, t, 0);
		addr(F, BPF_REG_1, t);
		if (F->ctx)
			emit(F, MOV_REG(BPF_REG_2, BPF_REG_8));
		call_site(F, c, I(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, 0));
		gen_frame(c, depth + 1);
		break;
	case LOOP: case ITER:
		callback(f, t, t2, depth, op == ITER);
		break;
	case GLOBAL:	/* g(pointer to target t, skb): verified on its own */
		c = new_frame(f, t, 3);
		fr[c].pframe = -1;
		fr[c].ctx = 1;
		addr(F, BPF_REG_1, t);
		emit(F, MOV_REG(BPF_REG_2, BPF_REG_8));
		call_site(F, c, I(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, 0));
		if (usable(s)) {
			/* a const dynptr of type LOCAL without a reference to
			 * the verifier, whatever the caller passed
			 */
			fr[c].view = *s;
			fr[c].view.mayskb = series && !xdp;
			fr[c].view.xview = xdp;
			fr[c].view.unref = 1;
			fr[c].vsrc = s;
			lock(c, s);
		}
		o = nwrites;
		gen_frame(c, depth + 1);
		/* the series counts any bpf_dynptr_write() in a global
		 * function as a packet change in tc (patch 5)
		 */
		if (series && !xdp && nwrites != o)
			pkt_changed();
		break;
	default:
		break;
	}
}

/* a live kfunc slice into the packet made through an xdp global
 * function's argument, in a frame that has not returned
 */
static int xview_slice(void)
{
	int f;

	for (f = 0; f < nfr; f++)
		if (fr[f].active && fr[f].r7.live && fr[f].r7.xview && fr[f].r7.skb)
			return 1;
	return 0;
}

static void gen_frame(int f, int depth)
{
	struct frame *F = &fr[f];
	int n = 3 + rnd(10), i, k, t, t2, tries;
	enum op op;

	F->active = 1;

	if (f == 0) {
		F->pframe = -1;
		F->ctx = 1;
		emit(F, MOV_REG(BPF_REG_8, BPF_REG_1));
	} else if (F->cb == 3) {
		emit(F, MOV_REG(BPF_REG_6, BPF_REG_1));
		emit(F, MOV_REG(BPF_REG_8, BPF_REG_2));
	} else if (F->cb == 2) {
		emit(F, MOV_REG(BPF_REG_6, BPF_REG_1));
		emit(F, MOV_REG(BPF_REG_9, BPF_REG_2));
	} else if (F->cb == 1) {
		emit(F, MOV_REG(BPF_REG_9, BPF_REG_2));
	} else {
		emit(F, MOV_REG(BPF_REG_9, BPF_REG_1));
		if (F->ctx)
			emit(F, MOV_REG(BPF_REG_8, BPF_REG_2));
	}
	/* no slice, the read/write buffer zeroed */
	emit(F, MOV_IMM(BPF_REG_7, 0));
	emit(F, ST_DW(BPF_REG_10, -64, 0));
	F->buf = 0;
	for (i = 0; i < n && !invalid && F->ncalls < 8; i++) {
		int want_valid = rnd(100) >= INVALID_PCT;

		tries = 0;
		do {
			op = rnd(series ? NOPS : ADVANCE);
			if ((op == CALLSUB || op == LOOP || op == ITER || op == GLOBAL) &&
			    depth >= 2)
				op = READ;
			t = rnd(SLOTS + 2);
			t2 = rnd(SLOTS + 2);
		} while (want_valid && !valid(f, op, t, t2, depth) && ++tries < 50);
		/* targets a frame does not have; ops that are not generated */
		if (t == SLOTS && F->pframe < 0)
			t = 0;
		if (t2 == SLOTS && F->pframe < 0)
			t2 = 1;
		if (t == VIEW && F->cb < 2)
			t = 2;
		if (t2 == VIEW && F->cb < 2)
			t2 = 2;
		if ((op == CALLSUB || op == LOOP || op == ITER || op == GLOBAL) &&
		    (depth >= 2 || nfr >= MAX_FRAMES - 1))
			op = READ;
		if ((op == FROM_SKB || op == PKT || op == GLOBAL) && !F->ctx)
			op = READ;
		/* A callback's changes of what it was given, other than a
		 * release, are not modelled (how many rounds ran is not
		 * known); a use of them stays, on a slot of its own.
		 */
		if ((op == RESERVE || op == FROM_MEM || op == FROM_SKB) &&
		    foreign(f, t) && !is_view(f, t) && target(f, t)->kind != RINGBUF)
			t = 0;
		if (op == CLONE && foreign(f, t2) && !is_view(f, t2) &&
		    target(f, t2)->kind != RINGBUF)
			t2 = 0;
		/* A reference taken in a subprogram of a callback cannot be
		 * released by the callback (6.12's callback_ref: a limit, not
		 * a rule of safety), so none is handed up to it.
		 */
		if (op == RESERVE && t == SLOTS && in_cb && !F->cb)
			t = 0;
		/* the iterator's context: a stack pointer, not the view */
		if (op == ITER && is_view(f, t2))
			t2 = 0;
		/* Not generated: in xdp, a global function's dynptr argument
		 * (const, of type LOCAL to the verifier) may be the packet's,
		 * and a packet change keeps its slices, which
		 * bpf_xdp_adjust_tail() may leave pointing into a freed
		 * fragment. Patch 5 names this gap, as in 6.12; README.
		 */
		if (op == PKT && xview_slice()) {
			if (!xgap)
				op = READ;
			gap = 1;
		}
		apply(f, op, t, t2, depth);
	}
	/* release what this frame's own slots hold, unless it is a record
	 * the frame was given (a clone of it); after an invalid operation
	 * too, so that a hole is not hidden behind a leak
	 */
	for (k = 0; k < SLOTS; k++) {
		struct slot *s = &F->s[k];

		for (i = 0; i < F->nlocked && s->kind == RINGBUF; i++)
			if (F->locked[i] == s->ref)
				break;
		if (s->kind == RINGBUF && !s->unref && i == F->nlocked)
			apply(f, DISCARD, k, 0, depth);
	}
	if (f == 0)	/* return main's buffer: the model knows it */
		emit(F, I(BPF_LDX | BPF_MEM | BPF_W, BPF_REG_0, BPF_REG_10, -64, 0));
	else
		emit(F, MOV_IMM(BPF_REG_0, F->cb == 2 ? F->ret : 0));
	emit(F, EXIT);
	F->active = 0;
}

/* lay the frames out one after the other and resolve the calls */
static int layout(struct bpf_insn *out)
{
	int start[MAX_FRAMES], n = 0, f, c;

	for (f = 0; f < nfr; f++) {
		start[f] = n;
		finfo[f] = (struct bpf_func_info){ n,
			func_type[f + (fr[f].cb == 3) * (1 + xdp) * MAX_FRAMES] };
		n += fr[f].n;
	}
	if (n > MAX_INSNS)
		return -1;
	for (f = 0; f < nfr; f++) {
		memcpy(out + start[f], fr[f].insn, fr[f].n * sizeof(*out));
		for (c = 0; c < fr[f].ncalls; c++) {
			int at = start[f] + fr[f].calls[c][0];

			out[at].imm = start[fr[f].calls[c][1]] - at - 1;
		}
	}
	return n;
}

static int jit(int on)
{
	FILE *fp = fopen("/proc/sys/net/core/bpf_jit_enable", "w");

	if (!fp)
		return -1;
	fprintf(fp, "%d\n", on);
	return fclose(fp);
}

static char log_buf[1 << 20];

/* the verifier's last message (the reason of a refusal) */
static const char *last_line(void)
{
	static char line[256];
	char *e = log_buf + strlen(log_buf), *b;

	while (e > log_buf && e[-1] == '\n')
		e--;
	/* skip the "processed N insns" statistics line */
	for (b = e; b > log_buf && b[-1] != '\n'; b--)
		;
	if (!strncmp(b, "processed ", 10) && b > log_buf) {
		e = b - 1;
		for (b = e; b > log_buf && b[-1] != '\n'; b--)
			;
	}
	snprintf(line, sizeof(line), "%.*s", (int)(e - b), b);
	return line;
}

/* Callbacks and global functions need BTF: "long f<k>(long, long)" per
 * frame, main global, the others static, and for the global functions
 * "long g<k>(const struct bpf_dynptr *, struct __sk_buff *)" (tc) and
 * "long x<k>(const struct bpf_dynptr *, struct xdp_md *)" (xdp);
 * func_info maps the frames' first insns to them
 */

static int make_btf(void)
{
	struct btf *b = btf__new_empty();
	int l, p, f, d, k, x;
	char name[8];

	if (!b)
		return -1;
	l = btf__add_int(b, "long", 8, BTF_INT_SIGNED);
	p = btf__add_func_proto(b, l);
	btf__add_func_param(b, "a", l);
	btf__add_func_param(b, "b", l);
	for (f = 0; f < MAX_FRAMES; f++) {
		snprintf(name, sizeof(name), "f%d", f);
		func_type[f] = btf__add_func(b, name, f ? BTF_FUNC_STATIC : BTF_FUNC_GLOBAL, p);
	}
	d = btf__add_struct(b, "bpf_dynptr", 16);
	btf__add_field(b, "a", l, 0, 0);
	btf__add_field(b, "b", l, 64, 0);
	d = btf__add_ptr(b, btf__add_const(b, d));
	for (x = 0; x < 2; x++) {
		k = btf__add_struct(b, x ? "xdp_md" : "__sk_buff", 8);
		btf__add_field(b, "a", l, 0, 0);
		k = btf__add_ptr(b, k);
		p = btf__add_func_proto(b, l);
		btf__add_func_param(b, "p", d);
		btf__add_func_param(b, "ctx", k);
		for (f = 0; f < MAX_FRAMES; f++) {
			snprintf(name, sizeof(name), "%c%d", x ? 'x' : 'g', f);
			func_type[(1 + x) * MAX_FRAMES + f] =
				btf__add_func(b, name, BTF_FUNC_GLOBAL, p);
		}
	}
	if (l < 0 || p < 0 || func_type[3 * MAX_FRAMES - 1] < 0 || btf__load_into_kernel(b))
		return -1;
	btf_fd = btf__fd(b);
	return 0;
}

static int load(const struct bpf_insn *insns, int n)
{
	LIBBPF_OPTS(bpf_prog_load_opts, o, .log_buf = log_buf,
		    .log_size = sizeof(log_buf), .log_level = only >= 0 ? 2 : 1);

	if (btf_fd > 0 && nfr > 0 && finfo[0].type_id) {
		o.prog_btf_fd = btf_fd;
		o.func_info = finfo;
		o.func_info_rec_size = sizeof(finfo[0]);
		o.func_info_cnt = nfr;
	}
	if (frags)
		o.prog_flags = BPF_F_XDP_HAS_FRAGS;
	log_buf[0] = 0;
	return bpf_prog_load(xdp ? BPF_PROG_TYPE_XDP : BPF_PROG_TYPE_SCHED_CLS,
			     "progfuzz", "GPL", insns, n, &o);
}

static void save(const char *dir, unsigned long long seed, long i,
		 const struct bpf_insn *insns, int n, const char *what)
{
	char path[512];
	FILE *fp;
	int k;

	snprintf(path, sizeof(path), "%s/finding-%llu-%ld.txt", dir, seed, i);
	fp = fopen(path, "w");
	if (!fp) {
		printf("FINDING program %ld: %s\n%s", i, what, trace);
		return;
	}
	fprintf(fp, "# %s\n# seed %llu, program %ld, %d insns\n# operations (frame, op, slot or pointer):\n%s",
		what, seed, i, n, trace);
	for (k = 0; k < n; k++)
		fprintf(fp, "%02x %x %x %d %d\n", insns[k].code, insns[k].dst_reg,
			insns[k].src_reg, insns[k].off, insns[k].imm);
	fprintf(fp, "# verifier log:\n%s", log_buf);
	fclose(fp);
	printf("FINDING program %ld: %s (%s)\n%s", i, what, path, trace);
}

#define MEM_INIT	0x1111111111111111ULL
#define PKT_INIT	0x2222222222222222ULL

/* run an accepted program once on a 64-byte packet (or a FRAGS_LEN one:
 * a page and a fragment), then close it; the map value, the packet and
 * the return value against the model. Returns 1 if the run went
 * through; *what says a mismatch.
 */
static int run_once(int fd, const char **what, long *checked)
{
	static char msg[160];
	static unsigned char pkt[FRAGS_LEN], out[65536];
	unsigned long long v[8], m;
	int key = 0, ok;
	LIBBPF_OPTS(bpf_test_run_opts, t, .data_in = pkt, .data_size_in = frags ? FRAGS_LEN : 64,
		    .data_out = out, .data_size_out = sizeof(out), .repeat = 1);

	memset(pkt, 0x22, sizeof(pkt));
	memset(v, 0x11, sizeof(v));
	if (bpf_map_update_elem(mem_fd, &key, v, 0))
		return 0;
	ok = !bpf_prog_test_run_opts(fd, &t);
	close(fd);
	ring_buffer__consume(rbm);	/* the room of every record, back */
	if (!ok || memunk)
		return ok;
	(*checked)++;
	if (!bpf_map_lookup_elem(mem_fd, &key, v) && obj[OBJ_MEM] != UNKNOWN &&
	    v[0] != obj[OBJ_MEM]) {
		snprintf(msg, sizeof(msg), "memory: map value %#llx, model %#llx",
			 v[0], obj[OBJ_MEM]);
		*what = msg;
	}
	memcpy(&m, out, 8);
	if (obj[OBJ_PKT] != UNKNOWN && (t.data_size_out < 8 || m != obj[OBJ_PKT])) {
		snprintf(msg, sizeof(msg), "memory: packet %#llx (%u bytes), model %#llx",
			 m, t.data_size_out, obj[OBJ_PKT]);
		*what = msg;
	}
	if (fr[0].buf != UNKNOWN && t.retval != (__u32)fr[0].buf) {
		snprintf(msg, sizeof(msg), "memory: returned %#x, model %#x",
			 t.retval, (__u32)fr[0].buf);
		*what = msg;
	}
	return ok;
}

static int drop(void *ctx, void *data, size_t size)
{
	(void)ctx, (void)data, (void)size;
	return 0;
}

static int new_maps(void)
{
	LIBBPF_OPTS(bpf_map_create_opts, none);

	ring_buffer__free(rbm);
	if (rb_fd > 0)
		close(rb_fd);
	rb_fd = bpf_map_create(BPF_MAP_TYPE_RINGBUF, "pf_rb", 0, 0, RB_SIZE, &none);
	rbm = rb_fd < 0 ? NULL : ring_buffer__new(rb_fd, drop, NULL, NULL);
	if (!rbm)
		return -1;
	if (mem_fd <= 0)
		mem_fd = bpf_map_create(BPF_MAP_TYPE_ARRAY, "pf_mem", 4, 64, 1, &none);
	return rb_fd < 0 || mem_fd < 0 ? -1 : 0;
}

/* helper 212 is there when a program calling it loads */
static int probe_series(void)
{
	struct bpf_insn p[] = {
		MOV_IMM(BPF_REG_2, 0),
		MOV_REG(BPF_REG_3, BPF_REG_10),
		ADD_IMM(BPF_REG_3, -16),
		CALL(H_FROM_SKB),
		MOV_IMM(BPF_REG_0, 0),
		EXIT,
	};
	int fd = load(p, sizeof(p) / sizeof(p[0]));

	if (fd < 0)
		return 0;
	close(fd);
	return 1;
}

int main(int argc, char **argv)
{
	unsigned long long seed = 1;
	long programs = 1000, i, seconds = 0;
	const char *dir = ".";
	static struct bpf_insn insns[MAX_INSNS];
	long acc = 0, rej = 0, ran = 0, falserej = 0, findings = 0, skipped = 0;
	long checked = 0, acc_xdp = 0, acc_frags = 0, acc_gap = 0, acc_spill = 0;
	struct btf *vmlinux;
	time_t t0 = time(NULL);
	int c;

	while ((c = getopt(argc, argv, "s:n:o:Bp:t:XT")) != -1) {
		switch (c) {
		case 'X': xgap = 1; break;
		case 'T': tc_only = 1; break;
		case 'p': only = strtol(optarg, NULL, 0); break;
		case 'B': broken = 1; break;
		case 's': seed = strtoull(optarg, NULL, 0); break;
		case 'n': programs = strtol(optarg, NULL, 0); break;
		case 't': seconds = strtol(optarg, NULL, 0); break;
		case 'o': dir = optarg; break;
		default:
			fprintf(stderr, "usage: progfuzz [-s SEED] [-n PROGRAMS] [-t SECONDS] [-o DIR] [-B] [-X] [-T] [-p N]\n");
			return 100;
		}
	}
	setvbuf(stdout, NULL, _IOLBF, 0);	/* lines, as they come */
	vmlinux = btf__load_vmlinux_btf();
	if (!vmlinux) {
		fprintf(stderr, "progfuzz: no vmlinux BTF\n");
		return 100;
	}
#define KFUNC(name) btf__find_by_name_kind(vmlinux, name, BTF_KIND_FUNC)
	clone_id = KFUNC("bpf_dynptr_clone");
	slice_id = KFUNC("bpf_dynptr_slice");
	slice_rdwr_id = KFUNC("bpf_dynptr_slice_rdwr");
	adjust_id = KFUNC("bpf_dynptr_adjust");
	from_skb_id = KFUNC("bpf_dynptr_from_skb");
	from_xdp_id = KFUNC("bpf_dynptr_from_xdp");
	if (clone_id <= 0 || slice_id <= 0 || slice_rdwr_id <= 0 || adjust_id <= 0 ||
	    from_skb_id <= 0 || from_xdp_id <= 0 || new_maps() || make_btf()) {
		fprintf(stderr, "progfuzz: kfuncs or maps missing\n");
		return 100;
	}
	nfr = 0;	/* the probe: no func_info, tc */
	xdp = frags = 0;
	series = probe_series();
	printf("progfuzz: helpers 212-221 %s\n", series ? "used" : "absent: 6.12's API only");
	for (i = 0; i < programs; i++) {
		const char *what = NULL;
		int n, fd, ifd;

		if (seconds && time(NULL) - t0 >= seconds) {
			programs = i;
			break;
		}
		if (seconds && i % 1000 == 0)	/* a long run: where it is */
			printf("progfuzz: at program %ld, %ld s, accepted %ld, findings %ld\n",
			       i, (long)(time(NULL) - t0), acc, findings);
		rng = seed * 1000003ULL + i;
		rnd(2);
		memset(fr, 0, sizeof(fr[0]));
		nfr = 1;
		memset(used, 0, sizeof(used));
		next_ref = next_id = uses_kfunc = uses_loop = in_cb = memunk = nwrites = 0;
		spills = 0;
		/* one program in four is an xdp one, every other of those on
		 * a multi-buffer packet; outside the generator's random
		 * stream, so that the tc programs of a seed stay the same
		 */
		xdp = !tc_only && (seed + i) % 4 == 3;
		frags = xdp && (seed + i) / 4 % 2;
		gap = 0;
		pkt_len = frags ? FRAGS_LEN : 64;
		mult = 1;
		reserved = 0;
		for (n = 0; n < NOBJ; n++)
			obj[n] = UNKNOWN;
		obj[OBJ_MEM] = MEM_INIT;
		obj[OBJ_PKT] = PKT_INIT;
		invalid = NULL;
		trace_n = 0;
		trace[0] = 0;
		if (i % 256 == 0 && new_maps())
			return 100;
		gen_frame(0, 0);
		if (only >= 0 && i != only)
			continue;
		n = layout(insns);
		if (n < 0) {
			skipped++;
			continue;
		}
		jit(1);
		fd = load(insns, n);
		if (only >= 0)
			printf("%s%s\nverdict %d, model: %s\n", trace, log_buf, fd >= 0,
			       invalid ? invalid : "valid");
		if (fd >= 0) {
			acc++;
			acc_xdp += xdp;
			acc_spill += spills > 0;
			acc_gap += gap;
			acc_frags += frags;
			for (c = 0; c < NOPS; c++)
				acc_ops[c] += used[c];
			if (invalid) {
				findings++;
				save(dir, seed, i, insns, n, invalid);
			}
			ran += run_once(fd, &what, &checked);
		} else {
			rej++;
			if (!invalid && falserej++ < 3)
				printf("model-valid, rejected (program %ld): %s\n", i, last_line());
		}
		if (!uses_kfunc && !uses_loop) {
			/* the interpreter must give the same verdict */
			jit(0);
			ifd = load(insns, n);
			jit(1);
			if ((ifd >= 0) != (fd >= 0)) {
				findings++;
				save(dir, seed, i, insns, n, "JIT and interpreter verdicts differ");
			}
			if (ifd >= 0)
				ran += run_once(ifd, &what, &checked);
		}
		if (what && !invalid) {
			findings++;
			save(dir, seed, i, insns, n, what);
		}
	}
	printf("progfuzz: seed %llu generated %ld accepted %ld rejected %ld run %ld false-rejections %ld skipped %ld findings %ld\n",
	       seed, programs, acc, rej, ran, falserej, skipped, findings);
	printf("progfuzz: accepted programs with:");
	for (c = 0; c < NOPS; c++)
		printf(" %s %ld", op_name[c], acc_ops[c]);
	printf(" xdp %ld xdp_frags %ld spill %ld", acc_xdp, acc_frags, acc_spill);
	if (xgap)
		printf("\nprogfuzz: -X: %ld accepted programs change the packet under a slice of an xdp global's argument",
		       acc_gap);
	printf("\nprogfuzz: %ld runs checked against the memory model, %ld s, %.1f programs/s\n",
	       checked, (long)(time(NULL) - t0),
	       (double)programs / (time(NULL) - t0 > 0 ? time(NULL) - t0 : 1));
	return findings > 100 ? 100 : (int)findings;
}
