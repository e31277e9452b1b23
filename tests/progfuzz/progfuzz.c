// SPDX-License-Identifier: GPL-2.0
/* progfuzz: generated programs against the verifier's dynptr rules.
 *
 * Each program is a tc program of up to three frames (main, a subprogram
 * it calls, one that calls): every call site gets its own subprogram,
 * handed a pointer to one of its caller's dynptr stack slots. A frame runs
 * 3-12 operations on three dynptr slots of its own and that pointer:
 * ring buffer reserve/submit/discard (helpers 198-200), from_mem on a map
 * value (197), read/write (201/202), bpf_dynptr_data() (203) and the
 * bpf_dynptr_slice() and bpf_dynptr_clone() kfuncs, stores through the
 * last slice, and calls. Only 6.12's own API, so the same generator runs
 * on the base kernel.
 *
 * While it generates, a model of the rules decides each operation:
 * initialized or not, released (a release kills every instance of the
 * record in every frame, and their slices), overwritten (kills the slot's
 * slices; a referenced dynptr cannot be overwritten), what may be
 * submitted. Operations are mostly picked valid; with probability
 * INVALID_PCT one is not, and the program ends there. A frame releases
 * what its own slots still hold before it returns.
 *
 *   model invalid, verifier accepts   finding (a hole: the program is
 *                                      saved, with the reason)
 *   model valid, verifier rejects     counted: where the model is stricter
 *                                      than needed or wrong
 *   accepted                          run once (BPF_PROG_TEST_RUN), with
 *                                      the JIT, and in the interpreter too
 *                                      when it calls no kfunc
 *   JIT and interpreter verdicts differ (no kfunc)  finding
 *
 * Usage: progfuzz [-s SEED] [-n PROGRAMS] [-o DIR] [-B]
 * -B breaks the model on purpose (a read of a local dynptr counts as
 * invalid): the verifier accepts those programs, so findings must follow.
 * Prints "progfuzz: seed S generated N accepted A rejected R run X
 * false-rejections F findings H" and exits with the number of findings
 * (capped at 100). Kernel reports are vm.sh's to catch.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/bpf.h>
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#define MAX_INSNS	4096
#define MAX_FRAMES	16
#define SLOTS		3
#define INVALID_PCT	12

enum kind { UNINIT, LOCAL, RINGBUF, DEAD };

struct slot { enum kind kind; int ref, id; };
struct slice { int live, ref, id, rdonly, gone, kfunc; };	/* r7: none, live, gone */
struct frame {
	struct slot s[SLOTS];
	struct slice r7;
	int pframe, pslot;	/* where the pointer argument points, or -1 */
	struct bpf_insn insn[MAX_INSNS / 4];
	int n;
	int calls[8][2], ncalls;	/* (insn index, callee frame) */
};

static struct frame fr[MAX_FRAMES];
static int nfr, next_ref, next_id, uses_kfunc;
static const char *invalid;	/* the model's reason, once one op is invalid */
static unsigned long long rng;
static int rb_fd, mem_fd, clone_id, slice_id, slice_rdwr_id, broken;
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

static void ld_map(struct frame *f, int reg, int fd, int value)
{
	emit(f, I(BPF_LD | BPF_DW | BPF_IMM, reg,
		  value ? BPF_PSEUDO_MAP_VALUE : BPF_PSEUDO_MAP_FD, 0, fd));
	emit(f, I(0, 0, 0, 0, 0));
}

/* reg = address of target t of frame f: a slot of its own, or (t == SLOTS)
 * the pointer argument kept in r9
 */
static void addr(struct frame *f, int reg, int t)
{
	if (t == SLOTS) {
		emit(f, MOV_REG(reg, BPF_REG_9));
	} else {
		emit(f, MOV_REG(reg, BPF_REG_10));
		emit(f, ADD_IMM(reg, -16 * (t + 1)));
	}
}

static struct slot *target(int f, int t)
{
	return t == SLOTS ? &fr[fr[f].pframe].s[fr[f].pslot] : &fr[f].s[t];
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

/* (re)initialization of slot s: a live record cannot be overwritten; the
 * old dynptr's slices go
 */
static int overwrite(struct slot *s)
{
	int f;

	if (s->kind == RINGBUF)
		return bad("overwrite of a referenced dynptr");
	for (f = 0; f < nfr; f++)
		/* Found by this generator: the verifier keeps the kfunc
		 * slices (bpf_dynptr_slice[_rdwr]) of a local dynptr that is
		 * initialized again, as destroy_if_dynptr_stack_slot() looks
		 * only at PTR_TO_MEM[_OR_NULL] and theirs carries the dynptr
		 * type flag (also so on 6.18). They still point into the
		 * map value, which stays: the model follows, README says so.
		 */
		if (fr[f].r7.live && fr[f].r7.id == s->id && s->kind == LOCAL &&
		    !fr[f].r7.kfunc)
			fr[f].r7 = (struct slice){ .gone = 1 };
	return 1;
}

static void release(int ref)
{
	int f, i;

	for (f = 0; f < nfr; f++) {
		for (i = 0; i < SLOTS; i++)
			if (fr[f].s[i].kind == RINGBUF && fr[f].s[i].ref == ref)
				fr[f].s[i].kind = DEAD;
		if (fr[f].r7.live && fr[f].r7.ref == ref)
			fr[f].r7 = (struct slice){ .gone = 1 };
	}
}

enum op { RESERVE, FROM_MEM, CLONE, SUBMIT, DISCARD, READ, WRITE, DATA,
	  SLICE, USE, CALLSUB, NOPS };
static const char *const op_name[] = { "reserve", "from_mem", "clone", "submit",
	"discard", "read", "write", "data", "slice", "use", "call" };

/* Would op on target t (and t2) of frame f be valid? No state change. */
static int valid(int f, enum op op, int t, int t2, int depth)
{
	const char *saved = invalid;
	struct slot *s = target(f, t), *d;
	int ok = 1;

	if (t == SLOTS && fr[f].pframe < 0)
		return 0;
	switch (op) {
	case RESERVE: case FROM_MEM:
		ok = s->kind != RINGBUF;
		break;
	case CLONE:
		if (t2 == SLOTS && fr[f].pframe < 0)
			return 0;
		d = target(f, t2);
		ok = (s->kind == LOCAL || s->kind == RINGBUF) && d->kind != RINGBUF;
		break;
	case SUBMIT: case DISCARD:
		ok = s->kind == RINGBUF;
		break;
	case READ: case WRITE: case DATA: case SLICE:
		ok = s->kind == LOCAL || s->kind == RINGBUF;
		break;
	case USE:
		ok = !fr[f].r7.gone;
		break;
	case CALLSUB:
		ok = depth < 2 && nfr < MAX_FRAMES - 1;
		break;
	default:
		ok = 0;
	}
	invalid = saved;
	return ok;
}

static void gen_frame(int f, int depth);

/* emit op and apply it to the model */
static void apply(int f, enum op op, int t, int t2, int depth)
{
	struct frame *F = &fr[f];
	struct slot *s = target(f, t), *d;
	int c;

	tr("f%d %s %c%d%s", f, op_name[op], t == SLOTS ? 'p' : 's', t == SLOTS ? 0 : t,
	   op == CLONE ? "" : "\n");
	if (op == CLONE)
		tr(" -> %c%d\n", t2 == SLOTS ? 'p' : 's', t2 == SLOTS ? 0 : t2);
	switch (op) {
	case RESERVE:	/* bpf_ringbuf_reserve_dynptr(&rb, size, 0, s) */
		ld_map(F, BPF_REG_1, rb_fd, 0);
		emit(F, MOV_IMM(BPF_REG_2, 8 + 8 * rnd(4)));
		emit(F, MOV_IMM(BPF_REG_3, 0));
		addr(F, BPF_REG_4, t);
		emit(F, CALL(BPF_FUNC_ringbuf_reserve_dynptr));
		if (overwrite(s))
			*s = (struct slot){ RINGBUF, ++next_ref, ++next_id };
		break;
	case FROM_MEM:	/* bpf_dynptr_from_mem(&value, 64, 0, s) */
		ld_map(F, BPF_REG_1, mem_fd, 1);
		emit(F, MOV_IMM(BPF_REG_2, 64));
		emit(F, MOV_IMM(BPF_REG_3, 0));
		addr(F, BPF_REG_4, t);
		emit(F, CALL(BPF_FUNC_dynptr_from_mem));
		if (overwrite(s))
			*s = (struct slot){ LOCAL, 0, ++next_id };
		break;
	case CLONE:	/* bpf_dynptr_clone(s, d) (kfunc) */
		d = target(f, t2);
		addr(F, BPF_REG_1, t);
		addr(F, BPF_REG_2, t2);
		emit(F, KCALL(clone_id));
		uses_kfunc = 1;
		if (usable(s)) {
			struct slot from = *s;	/* d may be s: a local one may */

			if (overwrite(d))
				*d = (struct slot){ from.kind, from.ref, ++next_id };
		}
		break;
	case SUBMIT: case DISCARD:
		addr(F, BPF_REG_1, t);
		emit(F, MOV_IMM(BPF_REG_2, 0));
		emit(F, CALL(op == SUBMIT ? BPF_FUNC_ringbuf_submit_dynptr :
				 BPF_FUNC_ringbuf_discard_dynptr));
		if (usable(s)) {
			if (s->kind != RINGBUF)
				bad("release of a dynptr without a reference");
			else
				release(s->ref);
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
		if (usable(s) && broken && op == READ && s->kind == LOCAL)
			bad("a read of a local dynptr (the model broken on purpose, -B)");
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
			F->r7 = (struct slice){ 1, s->kind == RINGBUF ? s->ref : 0, s->id, c, 0,
						op == SLICE };
		break;
	case USE:	/* if (r7) *(u64 *)r7 = 7, or r0 = *(u64 *)r7 when read-only */
		emit(F, JEQ_IMM(BPF_REG_7, 0, 1));
		if (F->r7.rdonly)
			emit(F, I(BPF_LDX | BPF_MEM | BPF_DW, BPF_REG_0, BPF_REG_7, 0, 0));
		else
			emit(F, ST_DW(BPF_REG_7, 0, 7));
		if (F->r7.gone)	/* never set: r7 == 0, the access is dead code */
			bad("access through a slice that is gone");
		break;
	case CALLSUB:	/* sub(pointer to target t) */
		c = nfr++;
		memset(&fr[c], 0, sizeof(fr[c]));
		if (t == SLOTS) {
			fr[c].pframe = F->pframe;
			fr[c].pslot = F->pslot;
		} else {
			fr[c].pframe = f;
			fr[c].pslot = t;
		}
		addr(F, BPF_REG_1, t);
		F->calls[F->ncalls][0] = F->n;
		F->calls[F->ncalls++][1] = c;
		emit(F, I(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, 0));
		gen_frame(c, depth + 1);
		break;
	default:
		break;
	}
}

static void gen_frame(int f, int depth)
{
	struct frame *F = &fr[f];
	int n = 3 + rnd(10), i, k, t, t2, tries;
	enum op op;

	if (f == 0)
		F->pframe = -1;
	/* the pointer argument in r9, no slice, the read/write buffer zeroed */
	if (F->pframe >= 0)
		emit(F, MOV_REG(BPF_REG_9, BPF_REG_1));
	emit(F, MOV_IMM(BPF_REG_7, 0));
	emit(F, ST_DW(BPF_REG_10, -64, 0));
	for (i = 0; i < n && !invalid && F->ncalls < 8; i++) {
		int want_valid = rnd(100) >= INVALID_PCT;

		tries = 0;
		do {
			op = rnd(NOPS);
			if (op == CALLSUB && depth >= 2)
				op = READ;
			t = rnd(SLOTS + 1);
			t2 = rnd(SLOTS + 1);
		} while (want_valid && !valid(f, op, t, t2, depth) && ++tries < 50);
		if (t == SLOTS && F->pframe < 0)
			t = 0;
		if (t2 == SLOTS && F->pframe < 0)
			t2 = 1;
		if (op == CALLSUB && (depth >= 2 || nfr >= MAX_FRAMES - 1))
			op = READ;
		apply(f, op, t, t2, depth);
	}
	/* release what this frame's own slots hold */
	for (k = 0; k < SLOTS && !invalid; k++)
		if (F->s[k].kind == RINGBUF)
			apply(f, DISCARD, k, 0, depth);
	emit(F, MOV_IMM(BPF_REG_0, 0));
	emit(F, EXIT);
}

/* lay the frames out one after the other and resolve the calls */
static int layout(struct bpf_insn *out)
{
	int start[MAX_FRAMES], n = 0, f, c;

	for (f = 0; f < nfr; f++) {
		start[f] = n;
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

static int load(const struct bpf_insn *insns, int n)
{
	LIBBPF_OPTS(bpf_prog_load_opts, o, .log_buf = log_buf,
		    .log_size = sizeof(log_buf), .log_level = only >= 0 ? 2 : 1);

	log_buf[0] = 0;
	return bpf_prog_load(BPF_PROG_TYPE_SCHED_CLS, "progfuzz", "GPL",
			     insns, n, &o);
}

static void save(const char *dir, unsigned long long seed, int i,
		 const struct bpf_insn *insns, int n, const char *what)
{
	char path[512];
	FILE *fp;
	int k;

	snprintf(path, sizeof(path), "%s/finding-%llu-%d.txt", dir, seed, i);
	fp = fopen(path, "w");
	if (!fp) {
		printf("FINDING program %d: %s\n%s", i, what, trace);
		return;
	}
	fprintf(fp, "# %s\n# seed %llu, program %d, %d insns\n# operations (frame, op, slot or pointer):\n%s",
		what, seed, i, n, trace);
	for (k = 0; k < n; k++)
		fprintf(fp, "%02x %x %x %d %d\n", insns[k].code, insns[k].dst_reg,
			insns[k].src_reg, insns[k].off, insns[k].imm);
	fprintf(fp, "# verifier log:\n%s", log_buf);
	fclose(fp);
	printf("FINDING program %d: %s (%s)\n%s", i, what, path, trace);
}

/* run an accepted program once on a 64-byte packet, then close it: 1 if
 * the run went through
 */
static int run_once(int fd)
{
	unsigned char pkt[64] = { 0 };
	LIBBPF_OPTS(bpf_test_run_opts, t, .data_in = pkt,
		    .data_size_in = sizeof(pkt), .repeat = 1);
	int ok = !bpf_prog_test_run_opts(fd, &t);

	close(fd);
	return ok;
}

static int new_maps(void)
{
	LIBBPF_OPTS(bpf_map_create_opts, none);

	if (rb_fd > 0)
		close(rb_fd);
	rb_fd = bpf_map_create(BPF_MAP_TYPE_RINGBUF, "pf_rb", 0, 0, 64 * 1024, &none);
	if (mem_fd <= 0)
		mem_fd = bpf_map_create(BPF_MAP_TYPE_ARRAY, "pf_mem", 4, 64, 1, &none);
	return rb_fd < 0 || mem_fd < 0 ? -1 : 0;
}

int main(int argc, char **argv)
{
	unsigned long long seed = 1;
	long programs = 1000, i;
	const char *dir = ".";
	static struct bpf_insn insns[MAX_INSNS];
	long acc = 0, rej = 0, ran = 0, falserej = 0, findings = 0, skipped = 0;
	struct btf *vmlinux;
	int c;

	while ((c = getopt(argc, argv, "s:n:o:Bp:")) != -1) {
		switch (c) {
		case 'p': only = strtol(optarg, NULL, 0); break;
		case 'B': broken = 1; break;
		case 's': seed = strtoull(optarg, NULL, 0); break;
		case 'n': programs = strtol(optarg, NULL, 0); break;
		case 'o': dir = optarg; break;
		default:
			fprintf(stderr, "usage: progfuzz [-s SEED] [-n PROGRAMS] [-o DIR] [-B]\n");
			return 100;
		}
	}
	vmlinux = btf__load_vmlinux_btf();
	if (!vmlinux) {
		fprintf(stderr, "progfuzz: no vmlinux BTF\n");
		return 100;
	}
	clone_id = btf__find_by_name_kind(vmlinux, "bpf_dynptr_clone", BTF_KIND_FUNC);
	slice_id = btf__find_by_name_kind(vmlinux, "bpf_dynptr_slice", BTF_KIND_FUNC);
	slice_rdwr_id = btf__find_by_name_kind(vmlinux, "bpf_dynptr_slice_rdwr", BTF_KIND_FUNC);
	if (clone_id <= 0 || slice_id <= 0 || slice_rdwr_id <= 0 || new_maps()) {
		fprintf(stderr, "progfuzz: kfuncs or maps missing (%d %d)\n", clone_id, slice_id);
		return 100;
	}
	for (i = 0; i < programs; i++) {
		int n, fd, ifd;

		rng = seed * 1000003ULL + i;
		rnd(2);
		memset(fr, 0, sizeof(fr[0]));
		nfr = 1;
		next_ref = next_id = uses_kfunc = 0;
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
			if (invalid) {
				findings++;
				save(dir, seed, (int)i, insns, n, invalid);
			}
			ran += run_once(fd);
		} else {
			rej++;
			if (!invalid && falserej++ < 3)
				printf("model-valid, rejected (program %ld): %s\n", i, last_line());
		}
		if (!uses_kfunc) {
			/* the interpreter must give the same verdict */
			jit(0);
			ifd = load(insns, n);
			jit(1);
			if ((ifd >= 0) != (fd >= 0)) {
				findings++;
				save(dir, seed, (int)i, insns, n, "JIT and interpreter verdicts differ");
			}
			if (ifd >= 0)
				ran += run_once(ifd);
		}
	}
	printf("progfuzz: seed %llu generated %ld accepted %ld rejected %ld run %ld false-rejections %ld skipped %ld findings %ld\n",
	       seed, programs, acc, rej, ran, falserej, skipped, findings);
	return findings > 100 ? 100 : (int)findings;
}
