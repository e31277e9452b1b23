// SPDX-License-Identifier: BSD-2-Clause
/* asm_calls REF.o OBJ...: load each object (builds of asm_calls.bpf.c),
 * run its programs once on the same packet with BPF_PROG_TEST_RUN, and
 * compare out[] with the reference build's. One line per object, in
 * test_progs' result format; the exit status is the number of failures.
 */
#include <stdio.h>
#include <string.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#define N_OUT 20

/* the out[] entries each program writes */
static const struct { const char *prog; int lo, hi; } ranges[] = {
	{ "tc_view", 0, 4 }, { "tc_bits_clone", 5, 9 },
	{ "tc_iter", 10, 13 }, { "xdp_view", 14, 18 },
};

/* out[] entries of programs an object lacks are not compared */
static int compared[N_OUT];

static int run(const char *path, long *out)
{
	unsigned char pkt[64] = { [12] = 0x08, [14] = 0x45, [23] = 6 };
	struct bpf_program *prog;
	struct bpf_object *obj;
	struct bpf_map *bss;
	int zero = 0, err = -1;

	obj = bpf_object__open_file(path, NULL);
	if (!obj || bpf_object__load(obj)) {
		fprintf(stderr, "%s: cannot load\n", path);
		goto out;
	}
	memset(compared, 0, sizeof(compared));
	bpf_object__for_each_program(prog, obj) {
		unsigned int r;
		int j;

		for (r = 0; r < sizeof(ranges) / sizeof(ranges[0]); r++)
			if (!strcmp(bpf_program__name(prog), ranges[r].prog))
				for (j = ranges[r].lo; j <= ranges[r].hi; j++)
					compared[j] = 1;
		LIBBPF_OPTS(bpf_test_run_opts, opts, .data_in = pkt,
			    .data_size_in = sizeof(pkt), .repeat = 1);

		if (bpf_prog_test_run_opts(bpf_program__fd(prog), &opts)) {
			fprintf(stderr, "%s: cannot run %s\n", path,
				bpf_program__name(prog));
			goto out;
		}
	}
	bss = bpf_object__find_map_by_name(obj, ".bss");
	if (!bss || bpf_map_lookup_elem(bpf_map__fd(bss), &zero, out))
		goto out;
	err = 0;
out:
	bpf_object__close(obj);
	return err;
}

int main(int argc, char **argv)
{
	long ref[N_OUT], out[N_OUT];
	int i, j, failed = 0;

	if (argc < 2 || run(argv[1], ref)) {
		fprintf(stderr, "usage: %s REF.o OBJ... (the reference must load)\n", argv[0]);
		return 1;
	}
	printf("reference %s:", argv[1]);
	for (j = 0; j < N_OUT; j++)
		printf(" %ld", ref[j]);
	printf("\n");
	for (i = 2; i < argc; i++) {
		const char *name = strrchr(argv[i], '/') ? strrchr(argv[i], '/') + 1 : argv[i];
		int ok = run(argv[i], out) == 0, n = 0;

		for (j = 0; ok && j < N_OUT; j++) {
			n += compared[j];
			if (compared[j] && out[j] != ref[j])
				ok = 0;
		}
		printf("#997/%d asm_calls/%s[%d_values]:%s\n", i - 1, name, n,
		       ok ? "OK" : "FAIL");
		failed += !ok;
	}
	return failed;
}
