/* SPDX-License-Identifier: BSD-2-Clause */
/* Shared between fuzz.bpf.c and its loader fuzz.c: the op tape user space
 * writes into the program's .bss and the results the program writes back.
 *
 * One program run (one repetition of BPF_PROG_TEST_RUN) executes one
 * segment of the tape: it makes dynptr slot 0 (from_mem, ring buffer
 * reservation, skb or xdp), then four phases of up to FUZZ_K ops each; in
 * phase p slots 0..p are live, and between phases slot p+1 is cloned from
 * one of them. Local, skb and xdp tapes may also clone between live slots
 * inside a phase (a ring buffer dynptr slot cannot be overwritten). At the
 * end every slot's size, offset, is_null and is_rdonly are recorded and a
 * ring buffer record is submitted or discarded through one of the slots.
 *
 * The kfunc build runs the kfunc form of an operation, or, when the loader
 * sets `mixed`, the form its `form` bit picks (1: the helper), so that
 * dynptrs made by one form are used by the other.
 */
#ifndef FUZZ_H
#define FUZZ_H

#define FUZZ_NSLOT	4		/* dynptr slots */
#define FUZZ_NPH	FUZZ_NSLOT	/* phases: one more live slot each */
#define FUZZ_K		8		/* max ops per phase */
#define FUZZ_NSEG	128		/* segments per BPF_PROG_TEST_RUN */
#define FUZZ_RBUF	64		/* max bytes of one read */
#define FUZZ_WMAX	64		/* max bytes of one write */
#define FUZZ_SLICE	8		/* bytes of one slice */
#define FUZZ_PAT	2048		/* write source bytes */
#define FUZZ_LBUF	512		/* local dynptr memory */
#define FUZZ_LBASE_MAX	255		/* local: start in the buffer */
#define FUZZ_LSIZE_MAX	256		/* local: size */
#define FUZZ_RB_INIT	1024		/* ring buffer: max record filled */
#define FUZZ_RB_SIZE	(256 * 1024)	/* ring buffer map size */

/* return value of an op the program could not run (malformed tape) */
#define FUZZ_SKIP	0x5eed5eedLL

enum fuzz_opcode {
	OP_ADVANCE = 1,		/* a = len */
	OP_TRIM,		/* a = len */
	OP_CLONE,		/* src -> slot, a = offset (not on ring buffers) */
	OP_GET_SIZE,
	OP_GET_OFFSET,
	OP_IS_NULL,
	OP_IS_RDONLY,
	OP_READ,		/* a = offset, b = len, flags */
	OP_WRITE,		/* a = offset, b = len, c = source in pat[], flags */
	OP_ITER,		/* bpf_dynptr_iterator: see ITER_* below */
	OP_SLICE,		/* a = offset: 8 bytes through bpf_dynptr_slice()
				 * (kfunc build) or bpf_dynptr_read(); 0 or -1 */
	OP_MAX
};

/* OP_ITER: the callback returns a (the step) on every call but these:
 * call number ITER_STOP(b) returns 0, ITER_ERR(b) returns -ITER_ERRNO(b),
 * ITER_BIG(b) returns c (0 in those fields: never); flags go to the helper.
 * The op records the calls and a hash of what each call saw in rd[0..16).
 */
#define ITER_STOP(b)	((b) & 0xff)
#define ITER_ERR(b)	(((b) >> 8) & 0xff)
#define ITER_BIG(b)	(((b) >> 16) & 0xff)
#define ITER_ERRNO(b)	(((b) >> 24) & 0x7f)
#define ITER_MASK	0x7fffffff	/* callback returns fit an int */

struct fuzz_op {
	__u8 op;
	__u8 slot;
	__u8 src;
	__u8 form;		/* bit 0: helper form (kfunc build, mixed) */
	__u32 a;
	__u32 b;
	__u32 c;
	__u64 flags;
};

struct fuzz_seg {
	__u64 mk_flags;		/* flags of the constructor */
	__u32 mk_size;		/* local: size; ring buffer: reservation */
	__u32 mk_base;		/* local: start in lbuf */
	__u8 nops[FUZZ_NPH];	/* ops run in each phase */
	__u8 csrc[FUZZ_NPH];	/* before phase p (p >= 1): slot p = clone of csrc[p] */
	__u32 coff[FUZZ_NPH];	/* ... advanced by coff[p] */
	__u8 rel_slot;		/* ring buffer: release through this slot */
	__u8 rel_discard;	/* ... discard instead of submit */
	__u8 mk_form;		/* bit 0: helper constructor (mixed) */
	__u8 clone_form;	/* bit p: helper clone before phase p (mixed) */
	__u8 snap_form;		/* bit s: helper getters for slot s (mixed) */
	__u8 pad[3];
	struct fuzz_op ops[FUZZ_NPH][FUZZ_K];
};

struct fuzz_res {
	__s64 mk;			/* constructor */
	__s64 init;			/* ring buffer: filling the record */
	__s64 crc[FUZZ_NPH];		/* phase clones (index 1..3) */
	__s64 rc[FUZZ_NPH][FUZZ_K];	/* every op */
	__s64 snap[FUZZ_NSLOT][4];	/* size, offset, is_null, is_rdonly */
	__u8 rd[FUZZ_NPH][FUZZ_K][FUZZ_RBUF];	/* bytes read */
};

struct fuzz_area {
	__u32 nseg;		/* segments in the tape */
	__u32 cur;		/* next segment to run */
	__u32 done;		/* segments run */
	__u32 mixed;		/* kfunc build: obey the form bits */
	__u8 lbuf[FUZZ_LBUF];
	__u8 pat[FUZZ_PAT];
	struct fuzz_seg tape[FUZZ_NSEG];
	struct fuzz_res res[FUZZ_NSEG];
};

#endif
