/* SPDX-License-Identifier: GPL-2.0 */
/* Shared by the programs of `make bench` (dynptr_bench.bpf.c) and their
 * loader (dynptr_bench.c).
 */
#ifndef DYNPTR_BENCH_H
#define DYNPTR_BENCH_H

#define BENCH_ITERS	128	/* iterations of the measured loop per run */
#define BENCH_BUF	4096	/* bytes behind the local dynptr of the op loops */
#define BENCH_TEXT	2048	/* bytes of the string-parsing workload */
#define BENCH_REC_MAX	32	/* longest record of the workload, ';' included */
#define BENCH_CLONE_OFF	8	/* offset of the clone+offset loop */

/* What a parser found in the text: all three parsers must agree. */
struct parse_res {
	__u32 records;		/* "key=value;" records */
	__u32 eqs;		/* '=' characters seen in them */
	__u64 sum;		/* sum of their bytes, ';' included */
	__s64 err;		/* 0, or the error that stopped the walk */
};

enum { PARSE_ITER, PARSE_LOOP, PARSE_FOR, PARSE_N };

/* The program's only .bss variable: the loader writes the text into it and
 * reads the results back through the .bss array map.
 */
struct bench_data {
	__u8 buf[BENCH_BUF];
	char text[BENCH_TEXT];
	struct parse_res res[PARSE_N];
	__u64 sink;		/* what the last op loop computed */
};

#endif
