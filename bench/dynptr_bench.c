// SPDX-License-Identifier: GPL-2.0
/* Loader of `make bench` (programs in dynptr_bench.bpf.c), run in the VM:
 *
 *   dynptr_bench PROG.bpf.o [ROUNDS [TARGET_NS]]
 *
 * Loads every program with the verifier's statistics (BPF_LOG_STATS),
 * checks that the helper and kfunc forms compute the same thing and that
 * the three parsers agree, then measures: each program is run with
 * BPF_PROG_TEST_RUN and a repeat count calibrated so that one call takes
 * about TARGET_NS of guest time; ROUNDS rounds run every program once
 * each, in an order rotated from round to round (interleaved), and each
 * program's time is the median over the rounds. The time of a loop is
 * the program's minus that of the empty program of the same type (the
 * run's fixed cost), divided by BENCH_ITERS.
 *
 * Output: lines "BENCH|..." for scripts/bench.sh, then tables for people.
 * Exit status 0 when everything loaded and agreed; targets missed do not
 * change it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/types.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include "dynptr_bench.h"

#define MAX_VARIANTS	64
#define MAX_ROUNDS	101
#define LOG_SIZE	(64 * 1024)

struct variant {
	const char *name;
	struct bpf_program *prog;
	char *log;
	__u32 repeat;
	__u32 ns[MAX_ROUNDS];	/* average ns per run, one per round */
	double median;
	long insns, max_states, total_states, peak_states;
	__u32 id, xlated, jited;	/* id, BPF insns after fixups, JITed bytes */
};

static struct variant variants[MAX_VARIANTS];
static int n_variants, rounds = 11;
static unsigned long target_ns = 2000000;

/* One operation: its helper form, its kfunc form (or none), and whether
 * the verifier inlines the helper (a getter).
 */
struct op {
	const char *name;
	const char *helper;
	const char *kfunc;
	const char *kfunc_label;
	int getter;
	int xdp;
	/* results */
	double h, k, f;		/* ns per iteration: helper, kfunc, floor */
	int met;
};

static struct op ops[] = {
	{ "is_null", "is_null__helper", "is_null__kfunc", "bpf_dynptr_is_null", 1 },
	{ "is_rdonly", "is_rdonly__helper", "is_rdonly__kfunc", "bpf_dynptr_is_rdonly", 1 },
	{ "get_size", "get_size__helper", "get_size__kfunc", "bpf_dynptr_size", 1 },
	{ "get_offset", "get_offset__helper", NULL, "(none in 6.12)", 1 },
	{ "advance", "advance__helper", "advance__kfunc", "bpf_dynptr_adjust", 0 },
	{ "trim", "trim__helper", "trim__kfunc", "bpf_dynptr_adjust", 0 },
	{ "clone", "clone__helper", "clone__kfunc", "bpf_dynptr_clone", 0 },
	{ "clone+offset", "clone_off__helper", "clone_off__kfunc",
	  "bpf_dynptr_clone+bpf_dynptr_adjust", 0 },
	{ "from_skb", "from_skb__helper", "from_skb__kfunc", "bpf_dynptr_from_skb", 0 },
	{ "from_xdp", "from_xdp__helper", "from_xdp__kfunc", "bpf_dynptr_from_xdp", 0, 1 },
};

#define N_OPS (sizeof(ops) / sizeof(ops[0]))

static const struct {
	const char *prog;
	const char *label;
} parsers[PARSE_N] = {
	[PARSE_ITER] = { "parse_iter", "bpf_dynptr_iterator" },
	[PARSE_LOOP] = { "parse_loop", "bpf_loop+bpf_dynptr_read" },
	[PARSE_FOR] = { "parse_for", "bpf_for (open-coded)" },
};

static struct bpf_map *bss;
static struct bench_data data;

static struct variant *find(const char *name)
{
	int i;

	for (i = 0; i < n_variants; i++)
		if (!strcmp(variants[i].name, name))
			return &variants[i];
	fprintf(stderr, "no program %s in the object\n", name);
	exit(2);
}

/* "processed N insns (limit L) max_states_per_insn M total_states T
 * peak_states P mark_read R" from the verifier's BPF_LOG_STATS output
 */
static void parse_stats(struct variant *v)
{
	const char *p = strstr(v->log, "processed ");

	v->insns = v->max_states = v->total_states = v->peak_states = -1;
	if (!p || sscanf(p, "processed %ld insns (limit %*d) max_states_per_insn %ld "
			 "total_states %ld peak_states %ld", &v->insns, &v->max_states,
			 &v->total_states, &v->peak_states) != 4)
		fprintf(stderr, "%s: no verifier statistics in its log\n", v->name);
}

/* One BPF_PROG_TEST_RUN of v with its repeat count: average ns per run */
static __u32 run(struct variant *v, __u32 repeat)
{
	static __u8 pkt[64] = { [12] = 0x08 };	/* Ethernet, IPv4 type */
	LIBBPF_OPTS(bpf_test_run_opts, opts,
		.data_in = pkt,
		.data_size_in = sizeof(pkt),
		.repeat = repeat,
	);
	int err;

	err = bpf_prog_test_run_opts(bpf_program__fd(v->prog), &opts);
	if (err) {
		fprintf(stderr, "%s: BPF_PROG_TEST_RUN: %s\n", v->name, strerror(-err));
		exit(2);
	}
	return opts.duration;
}

static void read_data(void)
{
	int zero = 0;

	if (bpf_map_lookup_elem(bpf_map__fd(bss), &zero, &data)) {
		perror("reading .bss");
		exit(2);
	}
}

/* The workload: "key=value;" records of 3 to 30 bytes filling the text
 * exactly; what a correct parser must find is computed on the way.
 */
static void make_text(struct parse_res *want)
{
	static const char *const keys[] = { "user", "lang", "id", "path", "k", "session" };
	char *t = data.text;
	unsigned int r, j, left, klen, vlen;
	const char *key;

	memset(want, 0, sizeof(*want));
	for (r = 0; ; r++) {
		left = BENCH_TEXT - (t - data.text);
		if (!left)
			break;
		key = keys[r % 6];
		klen = strlen(key);
		vlen = 1 + (r * 7) % 17;
		if (left < klen + vlen + 2 + 12) {	/* the last record fits exactly */
			key = "z";
			klen = 1;
			vlen = left - 3;
		}
		memcpy(t, key, klen);
		t[klen] = '=';
		for (j = 0; j < vlen; j++)
			t[klen + 1 + j] = 'a' + (r + j) % 26;
		t[klen + 1 + vlen] = ';';
		want->records++;
		want->eqs++;
		for (j = 0; j < klen + vlen + 2; j++)
			want->sum += (unsigned char)t[j];
		t += klen + vlen + 2;
	}
}

static int cmp_u32(const void *a, const void *b)
{
	__u32 x = *(const __u32 *)a, y = *(const __u32 *)b;

	return x < y ? -1 : x > y;
}

static double median(const struct variant *v)
{
	__u32 s[MAX_ROUNDS];

	memcpy(s, v->ns, rounds * sizeof(s[0]));
	qsort(s, rounds, sizeof(s[0]), cmp_u32);
	return rounds % 2 ? s[rounds / 2] : (s[rounds / 2 - 1] + s[rounds / 2]) / 2.0;
}

/* the program as the kernel runs it: its size after the verifier's fixups
 * (inlining) and after the JIT
 */
static void prog_info(struct variant *v)
{
	struct bpf_prog_info info = {};
	__u32 len = sizeof(info);

	if (bpf_prog_get_info_by_fd(bpf_program__fd(v->prog), &info, &len))
		return;
	v->id = info.id;
	v->xlated = info.xlated_prog_len / 8;
	v->jited = info.jited_prog_len;
}

/* With BENCH_BPFTOOL set, the JITed code of the floor and of the getter
 * programs, as lines "JIT|program|...": the record of what was counted
 * where inlining is at stake (bpftool is slow to start under TCG, so not
 * for every program)
 */
static void dump_jited(const struct variant *v)
{
	const char *tool = getenv("BENCH_BPFTOOL");
	char cmd[512], line[512];
	FILE *p;

	if (!tool || !v->id || (strcmp(v->name, "floor_tc") && !strstr(v->name, "is_") &&
				   !strstr(v->name, "get_")))
		return;
	snprintf(cmd, sizeof(cmd), "%s prog dump jited id %u 2>&1", tool, v->id);
	p = popen(cmd, "r");
	if (!p)
		return;
	while (fgets(line, sizeof(line), p))
		printf("JIT|%s|%s", v->name, line);
	pclose(p);
}

static __u32 spread_min(const struct variant *v)
{
	__u32 m = v->ns[0];
	int r;

	for (r = 1; r < rounds; r++)
		if (v->ns[r] < m)
			m = v->ns[r];
	return m;
}

static __u32 spread_max(const struct variant *v)
{
	__u32 m = v->ns[0];
	int r;

	for (r = 1; r < rounds; r++)
		if (v->ns[r] > m)
			m = v->ns[r];
	return m;
}

/* ns per loop iteration of a program, its type's fixed cost removed */
static double per_iter(const char *name, int xdp)
{
	return (find(name)->median - find(xdp ? "empty_xdp" : "empty_tc")->median) /
	       BENCH_ITERS;
}

int main(int argc, char **argv)
{
	struct parse_res want;
	struct bpf_object *obj;
	struct bpf_program *prog;
	int i, r, k, failed = 0;
	__u64 sink_h, sink_k;

	if (argc < 2 || argc > 4) {
		fprintf(stderr, "usage: %s PROG.bpf.o [ROUNDS [TARGET_NS]]\n", argv[0]);
		return 2;
	}
	if (argc > 2)
		rounds = atoi(argv[2]);
	if (argc > 3)
		target_ns = strtoul(argv[3], NULL, 0);
	if (rounds < 1 || rounds > MAX_ROUNDS || !target_ns) {
		fprintf(stderr, "bad ROUNDS or TARGET_NS\n");
		return 2;
	}

	obj = bpf_object__open_file(argv[1], NULL);
	if (!obj) {
		fprintf(stderr, "cannot open %s\n", argv[1]);
		return 2;
	}
	bpf_object__for_each_program(prog, obj) {
		struct variant *v = &variants[n_variants++];

		v->name = bpf_program__name(prog);
		v->prog = prog;
		v->log = calloc(1, LOG_SIZE);
		bpf_program__set_log_buf(prog, v->log, LOG_SIZE);
		bpf_program__set_log_level(prog, 4);	/* BPF_LOG_STATS */
	}
	if (bpf_object__load(obj)) {
		fprintf(stderr, "cannot load %s\n", argv[1]);
		return 2;
	}
	for (i = 0; i < n_variants; i++) {
		parse_stats(&variants[i]);
		prog_info(&variants[i]);
	}
	bss = bpf_object__find_map_by_name(obj, ".bss");
	if (!bss || bpf_map__value_size(bss) != sizeof(data)) {
		fprintf(stderr, "no .bss map of %zu bytes\n", sizeof(data));
		return 2;
	}

	/* the workload and the checks: same sink for both forms of an op,
	 * the same records for the three parsers
	 */
	memset(&data, 0, sizeof(data));
	make_text(&want);
	i = 0;
	if (bpf_map_update_elem(bpf_map__fd(bss), &i, &data, 0)) {
		perror("writing .bss");
		return 2;
	}
	for (i = 0; i < (int)N_OPS; i++) {
		if (!ops[i].kfunc)
			continue;
		run(find(ops[i].helper), 1);
		read_data();
		sink_h = data.sink;
		run(find(ops[i].kfunc), 1);
		read_data();
		sink_k = data.sink;
		if (sink_h != sink_k) {
			printf("MISMATCH %s: helper form computed %llu, kfunc form %llu\n",
			       ops[i].name, (unsigned long long)sink_h,
			       (unsigned long long)sink_k);
			failed++;
		}
	}
	for (i = 0; i < PARSE_N; i++)
		run(find(parsers[i].prog), 1);
	read_data();
	for (i = 0; i < PARSE_N; i++) {
		const struct parse_res *got = &data.res[i];

		if (memcmp(got, &want, sizeof(want))) {
			printf("MISMATCH %s: %u records, %u '=', sum %llu, error %lld; "
			       "expected %u, %u, %llu, 0\n", parsers[i].prog,
			       got->records, got->eqs, (unsigned long long)got->sum,
			       (long long)got->err, want.records, want.eqs,
			       (unsigned long long)want.sum);
			failed++;
		}
	}

	/* calibrate: repeat so that one call takes about target_ns */
	for (i = 0; i < n_variants; i++) {
		struct variant *v = &variants[i];
		__u32 d = run(v, 16);
		unsigned long rep = target_ns / (d ? d : 1);

		v->repeat = rep < 16 ? 16 : rep > 1000000 ? 1000000 : rep;
	}

	/* the rounds: every program once a round, the order rotated */
	for (r = 0; r < rounds; r++)
		for (k = 0; k < n_variants; k++) {
			struct variant *v = &variants[(k + r) % n_variants];

			v->ns[r] = run(v, v->repeat);
		}
	for (i = 0; i < n_variants; i++)
		variants[i].median = median(&variants[i]);

	printf("BENCH|meta|iters|%d\n", BENCH_ITERS);
	printf("BENCH|meta|rounds|%d\n", rounds);
	printf("BENCH|meta|target_ns|%lu\n", target_ns);
	printf("BENCH|meta|text_bytes|%d\n", BENCH_TEXT);
	printf("BENCH|meta|records|%u\n", want.records);
	printf("BENCH|meta|checks_failed|%d\n", failed);
	for (i = 0; i < n_variants; i++) {
		struct variant *v = &variants[i];

		printf("BENCH|run|%s|%u|%.1f|%u|%u|%ld|%ld|%ld|%ld|%u|%u\n", v->name,
		       v->repeat, v->median, spread_min(v), spread_max(v),
		       v->insns, v->max_states, v->total_states, v->peak_states,
		       v->xlated, v->jited);
		dump_jited(v);
	}

	/* per op: ns per iteration, ratios, targets */
	for (i = 0; i < (int)N_OPS; i++) {
		struct op *o = &ops[i];
		struct variant *vh = find(o->helper), *vk = o->kfunc ? find(o->kfunc) : NULL;
		char hk[16] = "-", ks[16] = "-", kf[16] = "-", kins[24] = "-", kst[24] = "-";
		const char *target;
		char met[32];
		int vmet;

		o->h = per_iter(o->helper, o->xdp);
		o->k = o->kfunc ? per_iter(o->kfunc, o->xdp) : 0;
		o->f = per_iter(o->xdp ? "floor_xdp" : "floor_tc", o->xdp);
		if (o->getter) {
			int floor_ok = o->h <= 1.2 * o->f, kfunc_ok = o->h <= 0.5 * o->k;

			target = "<=1.2x floor / <=0.5x kfunc";
			snprintf(met, sizeof(met), "%s / %s", floor_ok ? "yes" : "no",
				 !o->kfunc ? "n/a" : kfunc_ok ? "yes" : "no");
			o->met = floor_ok && (!o->kfunc || kfunc_ok);
		} else {
			target = "<=1.05x kfunc";
			o->met = o->h <= 1.05 * o->k;
			snprintf(met, sizeof(met), "%s", o->met ? "yes" : "no");
		}
		if (o->kfunc) {
			snprintf(hk, sizeof(hk), "%.2f", o->h / o->k);
			snprintf(ks, sizeof(ks), "%.2f", o->k);
			snprintf(kf, sizeof(kf), "%.2f", o->k / o->f);
			snprintf(kins, sizeof(kins), "%ld", vk->insns);
			snprintf(kst, sizeof(kst), "%ld", vk->total_states);
		}
		vmet = !vk || vh->insns <= vk->insns;
		/* op|name|kfunc label|helper|kfunc|floor|h/k|h/f|target|met|
		 * verifier insns h|k|states h|k|met|kfunc/floor
		 */
		printf("BENCH|op|%s|%s|%.2f|%s|%.2f|%s|%.2f|%s|%s|%ld|%s|%ld|%s|%s|%s\n",
		       o->name, o->kfunc_label, o->h, ks, o->f, hk, o->h / o->f, target,
		       met, vh->insns, kins, vh->total_states, kst,
		       vk ? (vmet ? "yes" : "no") : "-", kf);
	}

	/* the parsers: bytes per second of guest time */
	{
		double base = find("empty_tc")->median, loop_bps = 0, bps[PARSE_N];

		for (i = 0; i < PARSE_N; i++) {
			double t = find(parsers[i].prog)->median - base;

			bps[i] = BENCH_TEXT / t * 1e9;
			if (i == PARSE_LOOP)
				loop_bps = bps[i];
		}
		for (i = 0; i < PARSE_N; i++) {
			struct variant *v = find(parsers[i].prog);

			printf("BENCH|parse|%s|%s|%.1f|%d|%.2f|%.2f|%ld|%ld\n", parsers[i].label,
			       v->name, v->median - base, BENCH_TEXT, bps[i] / 1e6,
			       bps[i] / loop_bps, v->insns, v->total_states);
		}
		printf("BENCH|target|iterator >= bpf_loop throughput|%s\n",
		       bps[PARSE_ITER] >= loop_bps ? "yes" : "no");
	}

	/* for people */
	printf("\nns of guest time per loop iteration (median of %d rounds, fixed cost removed)\n",
	       rounds);
	printf("%-13s %9s %9s %9s %7s %7s  %-6s %s\n", "op", "helper", "kfunc", "floor",
	       "h/kfunc", "h/floor", "target", "kfunc");
	for (i = 0; i < (int)N_OPS; i++) {
		struct op *o = &ops[i];
		char k[16] = "-", hk[16] = "-";

		if (o->kfunc) {
			snprintf(k, sizeof(k), "%.2f", o->k);
			snprintf(hk, sizeof(hk), "%.2f", o->h / o->k);
		}
		printf("%-13s %9.2f %9s %9.2f %7s %7.2f  %-6s %s\n", o->name, o->h, k, o->f,
		       hk, o->h / o->f, o->met ? "met" : "missed", o->kfunc_label);
	}
	printf("\nstring parsing, %d bytes, %u records: MB per second of guest time\n",
	       BENCH_TEXT, want.records);
	for (i = 0; i < PARSE_N; i++) {
		double t = find(parsers[i].prog)->median - find("empty_tc")->median;

		printf("  %-26s %8.2f MB/s\n", parsers[i].label, BENCH_TEXT / t * 1e3);
	}
	printf("\nverifier: processed insns / total states\n");
	for (i = 0; i < n_variants; i++)
		printf("  %-20s %7ld insns %5ld states (peak %ld)   median %.1f ns/run, "
		       "rounds %u..%u, repeat %u\n", variants[i].name, variants[i].insns,
		       variants[i].total_states, variants[i].peak_states,
		       variants[i].median, spread_min(&variants[i]),
		       spread_max(&variants[i]), variants[i].repeat);
	printf("\n%d checks failed\n", failed);
	return failed ? 1 : 0;
}
