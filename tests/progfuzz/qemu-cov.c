// SPDX-License-Identifier: GPL-2.0
/* qemu-cov: which guest kernel instructions ran, without rebuilding the
 * kernel for kcov or gcov.  A QEMU TCG plugin (QEMU 7.2, plugin API
 * version 1): every translation block with an instruction in one of the
 * given address ranges gets an inline counter; at exit the address of
 * every instruction of a block whose counter moved is written to the
 * output file, one hex address a line (duplicates possible: a block can
 * be translated more than once).  scripts/coverage.sh turns them into
 * source lines.
 *
 *   qemu-system-x86_64 ... -plugin qemu-cov.so,out=FILE,range=LO-HI+LO-HI...
 *
 * Counters are not atomic: with two vCPUs a count may be low, never zero
 * for a block that ran, which is all that is asked of them.
 */
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The few declarations of QEMU 7.2's include/qemu/qemu-plugin.h used
 * here (Debian 12 does not package that header). */
typedef uint64_t qemu_plugin_id_t;
struct qemu_plugin_tb;
struct qemu_plugin_insn;
enum qemu_plugin_op { QEMU_PLUGIN_INLINE_ADD_U64 };
size_t qemu_plugin_tb_n_insns(const struct qemu_plugin_tb *tb);
struct qemu_plugin_insn *qemu_plugin_tb_get_insn(const struct qemu_plugin_tb *tb,
						 size_t idx);
uint64_t qemu_plugin_insn_vaddr(const struct qemu_plugin_insn *insn);
void qemu_plugin_register_vcpu_tb_trans_cb(qemu_plugin_id_t id,
	void (*cb)(qemu_plugin_id_t id, struct qemu_plugin_tb *tb));
void qemu_plugin_register_vcpu_tb_exec_inline(struct qemu_plugin_tb *tb,
	enum qemu_plugin_op op, void *ptr, uint64_t imm);
void qemu_plugin_register_atexit_cb(qemu_plugin_id_t id,
	void (*cb)(qemu_plugin_id_t id, void *userdata), void *userdata);

__attribute__((visibility("default"))) int qemu_plugin_version = 1;

struct block {
	struct block *next;
	uint64_t count;
	size_t n;
	uint64_t addr[];
};

#define MAX_RANGES 16
static uint64_t lo[MAX_RANGES], hi[MAX_RANGES];
static int nranges;
static const char *out_path;
static struct block *blocks;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static int wanted(uint64_t a)
{
	for (int i = 0; i < nranges; i++)
		if (a >= lo[i] && a < hi[i])
			return 1;
	return 0;
}

static void translated(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
	size_t n = qemu_plugin_tb_n_insns(tb), i, any = 0;
	struct block *b = malloc(sizeof(*b) + n * sizeof(b->addr[0]));

	(void)id;
	if (!b)
		return;
	for (i = 0; i < n; i++) {
		b->addr[i] = qemu_plugin_insn_vaddr(qemu_plugin_tb_get_insn(tb, i));
		any |= wanted(b->addr[i]);
	}
	if (!any) {
		free(b);
		return;
	}
	b->n = n;
	b->count = 0;
	qemu_plugin_register_vcpu_tb_exec_inline(tb, QEMU_PLUGIN_INLINE_ADD_U64,
						 &b->count, 1);
	pthread_mutex_lock(&lock);
	b->next = blocks;
	blocks = b;
	pthread_mutex_unlock(&lock);
}

static void done(qemu_plugin_id_t id, void *userdata)
{
	FILE *f = fopen(out_path, "w");
	struct block *b;

	(void)id;
	(void)userdata;
	if (!f) {
		perror(out_path);
		return;
	}
	for (b = blocks; b; b = b->next)
		for (size_t i = 0; b->count && i < b->n; i++)
			if (wanted(b->addr[i]))
				fprintf(f, "%" PRIx64 "\n", b->addr[i]);
	fclose(f);
}

__attribute__((visibility("default")))
int qemu_plugin_install(qemu_plugin_id_t id, const void *info, int argc, char **argv)
{
	(void)info;
	for (int i = 0; i < argc; i++) {
		if (!strncmp(argv[i], "out=", 4)) {
			out_path = argv[i] + 4;
		} else if (!strncmp(argv[i], "range=", 6)) {
			for (char *r = argv[i] + 5; r && nranges < MAX_RANGES;
			     r = strchr(r + 1, '+'))
				if (sscanf(r + 1, "%" SCNx64 "-%" SCNx64,
					   &lo[nranges], &hi[nranges]) == 2)
					nranges++;
		} else {
			fprintf(stderr, "qemu-cov: bad argument %s\n", argv[i]);
			return -1;
		}
	}
	if (!out_path || !nranges) {
		fprintf(stderr, "qemu-cov: out= and range= are needed\n");
		return -1;
	}
	qemu_plugin_register_vcpu_tb_trans_cb(id, translated);
	qemu_plugin_register_atexit_cb(id, done, NULL);
	return 0;
}
