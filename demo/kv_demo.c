// SPDX-License-Identifier: BSD-2-Clause
/* Loader of the demo (demo/kv_demo.bpf.c): attaches kv_parse at tc egress
 * of veth0, sends UDP packets with "key=value;" payloads through it to the
 * peer, reads the per-packet reports from the ring buffer and prints them.
 * Each report is also checked against what the payload should give; the
 * exit status is the number of mismatches.
 *
 *   kv_demo PROG.bpf.o IFNAME DST_IP
 */
#include <arpa/inet.h>
#include <errno.h>
#include <linux/types.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include "kv_demo.h"

/* a payload and what the program must report for it */
struct sample {
	const char *payload;
	int status;
	unsigned int records;
	const char *user;
};

static const struct sample samples[] = {
	{ "user=alice;lang=en;", 0, 2, "alice" },
	{ "lang=fr;user=bob;path=/srv/data;", 0, 3, "bob" },
	{ "a=1;b=2;c=3;d=4;e=5;user=dave;", 0, 6, "dave" },
	{ "user=carol", -EBADMSG, 0, NULL },		/* no ';' */
	{ "=nokey;", -EBADMSG, 0, NULL },		/* empty key */
	{ "", 0, 0, NULL },				/* no record */
	{ "id=12345678901234567890123456789012345;", -EBADMSG, 0, NULL },
};

#define N_SAMPLES (sizeof(samples) / sizeof(samples[0]))

static unsigned int fnv1a(const char *s)
{
	unsigned int h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static int n_reports, mismatches;

static int on_report(void *ctx, void *data, size_t size)
{
	const struct kv_report *r = data;
	const struct sample *s;
	char user[KV_USER_MAX + 1] = {};
	int ok;

	if (size < sizeof(*r) || n_reports >= (int)N_SAMPLES)
		return 0;
	s = &samples[n_reports++];
	memcpy(user, r->user, sizeof(r->user));
	ok = r->status == s->status && r->records == s->records &&
	     r->payload_len == strlen(s->payload) && !r->pkt_rdonly &&
	     (s->user ? strcmp(user, s->user) == 0 &&
			r->user_hash == fnv1a(s->user) : r->user_len == 0);
	mismatches += !ok;
	printf("  %-36s -> %-9s %u record%s", s->payload[0] ? s->payload : "(empty)",
	       r->status ? strerror(-r->status) : "ok", r->records,
	       r->records == 1 ? " " : "s");
	if (r->user_len)
		printf(", user=%s (FNV-1a %08x)", user, r->user_hash);
	printf("  [%s]\n", ok ? "as expected" : "MISMATCH");
	return 0;
}

int main(int argc, char **argv)
{
	LIBBPF_OPTS(bpf_tc_hook, hook, .attach_point = BPF_TC_EGRESS);
	LIBBPF_OPTS(bpf_tc_opts, opts, .handle = 1, .priority = 1);
	struct sockaddr_in dst = { .sin_family = AF_INET, .sin_port = htons(KV_PORT) };
	struct ring_buffer *rb = NULL;
	struct bpf_program *prog;
	struct bpf_object *obj;
	unsigned int i;
	int sock, err;

	if (argc != 4 || inet_pton(AF_INET, argv[3], &dst.sin_addr) != 1) {
		fprintf(stderr, "usage: %s PROG.bpf.o IFNAME DST_IP\n", argv[0]);
		return 2;
	}
	hook.ifindex = if_nametoindex(argv[2]);
	obj = bpf_object__open_file(argv[1], NULL);
	if (!obj || bpf_object__load(obj)) {
		fprintf(stderr, "cannot load %s\n", argv[1]);
		return 2;
	}
	prog = bpf_object__find_program_by_name(obj, "kv_parse");
	opts.prog_fd = bpf_program__fd(prog);
	err = bpf_tc_hook_create(&hook);
	if ((err && err != -EEXIST) || bpf_tc_attach(&hook, &opts)) {
		fprintf(stderr, "cannot attach to tc egress of %s\n", argv[2]);
		return 2;
	}
	rb = ring_buffer__new(bpf_map__fd(bpf_object__find_map_by_name(obj, "reports")),
			      on_report, NULL, NULL);
	sock = socket(AF_INET, SOCK_DGRAM, 0);
	if (!rb || sock < 0)
		return 2;

	printf("kv_parse (license BSD) at tc egress of %s; UDP to %s:%d:\n",
	       argv[2], argv[3], KV_PORT);
	for (i = 0; i < N_SAMPLES; i++) {
		if (sendto(sock, samples[i].payload, strlen(samples[i].payload), 0,
			   (struct sockaddr *)&dst, sizeof(dst)) < 0)
			perror("sendto");
		ring_buffer__poll(rb, 1000);
	}
	printf("%d packets sent, %d reported, %d not as expected\n",
	       (int)N_SAMPLES, n_reports, mismatches);

	opts.flags = opts.prog_fd = opts.prog_id = 0;
	bpf_tc_detach(&hook, &opts);
	hook.attach_point = BPF_TC_INGRESS | BPF_TC_EGRESS;
	bpf_tc_hook_destroy(&hook);
	ring_buffer__free(rb);
	bpf_object__close(obj);
	close(sock);
	return mismatches + (int)N_SAMPLES - n_reports;
}
