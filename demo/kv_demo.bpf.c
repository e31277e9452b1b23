// SPDX-License-Identifier: BSD-2-Clause
/* The demo of `make run`: a tc program under a BSD license (not GPL
 * compatible, so no kfunc is allowed) that parses the payload of UDP
 * packets to port 7777 as "key=value;" records with the dynptr helpers,
 * hashes the value of the key "user", and reports each packet to user
 * space through a ring buffer dynptr. Built against the series' UAPI
 * header and bpf_helper_defs.h.
 */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/udp.h>
#include <linux/pkt_cls.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>
#include "kv_demo.h"

char _license[] SEC("license") = "BSD";

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 64 * 1024);
} reports SEC(".maps");

/* What the record callback collects; it lives on the program's stack. */
struct parse_ctx {
	__u32 records;
	__u32 user_hash;
	__u32 user_len;
	char user[KV_USER_MAX];
};

/* FNV-1a over the bytes of a dynptr, at most KV_HASH_MAX of them */
static __always_inline __u32 fnv1a(struct bpf_dynptr *d)
{
	__u32 h = 2166136261u;
	__u8 c;
	int i;

	for (i = 0; i < KV_HASH_MAX; i++) {
		if (bpf_dynptr_read(&c, 1, d, i, 0))
			break;
		h = (h ^ c) * 16777619u;
	}
	return h;
}

/* bpf_dynptr_iterator's callback: one "key=value;" record per call.
 * view is the rest of the payload (a const dynptr: the callback reads it
 * and clones it, the iterator moves it); the return value is how many
 * bytes the record took, or a negative error that ends the walk.
 */
static long record_cb(struct bpf_dynptr *view, void *data)
{
	struct parse_ctx *ctx = data;
	struct bpf_dynptr val;
	int eq, end, i;
	__u32 n;
	char key[4];
	char c = 0;

	for (i = 0; i < KV_RECORD_MAX; i++) {		/* the '=' */
		if (bpf_dynptr_read(&c, 1, view, i, 0))
			return -EBADMSG;
		if (c == '=')
			break;
	}
	if (c != '=' || i == 0)
		return -EBADMSG;
	eq = i;
	for (i = 0; i < KV_RECORD_MAX; i++) {		/* the ';' */
		if (bpf_dynptr_read(&c, 1, view, eq + 1 + i, 0))
			return -EBADMSG;
		if (c == ';')
			break;
	}
	if (c != ';')
		return -EBADMSG;
	end = eq + 1 + i;
	ctx->records++;

	if (eq == 4 && !bpf_dynptr_read(key, 4, view, 0, 0) &&
	    key[0] == 'u' && key[1] == 's' && key[2] == 'e' && key[3] == 'r') {
		/* 220 + 214 + 215: a second view that holds only the value */
		if (bpf_dynptr_clone(view, &val, 0) ||
		    bpf_dynptr_advance(&val, eq + 1) ||
		    bpf_dynptr_trim(&val, bpf_dynptr_get_size(&val) - (end - eq - 1)))
			return -EFAULT;
		ctx->user_hash = fnv1a(&val);
		/* 218: the value's length is the view's size */
		ctx->user_len = bpf_dynptr_get_size(&val);
		n = ctx->user_len < KV_USER_MAX ? ctx->user_len : KV_USER_MAX - 1;
		/* the mask tells the verifier what the test above did */
		bpf_dynptr_read(ctx->user, n & (KV_USER_MAX - 1), &val, 0, 0);
	}
	return end + 1;
}

SEC("tc")
int kv_parse(struct __sk_buff *skb)
{
	struct parse_ctx ctx = {};
	struct bpf_dynptr pkt, payload, out;
	struct kv_report r = {};
	struct udphdr udp;
	struct iphdr ip;
	__u32 l4;

	/* 212: the packet as a dynptr (writable in tc, read-only in a socket
	 * filter; 217 tells)
	 */
	if (bpf_dynptr_from_skb(skb, 0, &pkt))
		return TC_ACT_OK;
	if (bpf_dynptr_read(&ip, sizeof(ip), &pkt, ETH_HLEN, 0) ||
	    ip.protocol != IPPROTO_UDP)
		return TC_ACT_OK;
	l4 = ETH_HLEN + ip.ihl * 4;
	if (bpf_dynptr_read(&udp, sizeof(udp), &pkt, l4, 0) ||
	    udp.dest != bpf_htons(KV_PORT))
		return TC_ACT_OK;

	/* 220: a view of the payload; pkt itself stays as it is */
	if (bpf_dynptr_clone(&pkt, &payload, l4 + sizeof(udp)))
		return TC_ACT_OK;
	r.payload_off = bpf_dynptr_get_offset(&payload);	/* 219 */
	r.payload_len = bpf_dynptr_get_size(&payload);		/* 218 */
	r.pkt_rdonly = bpf_dynptr_is_rdonly(&pkt);		/* 217 */

	/* 221: one callback per record */
	r.status = bpf_dynptr_iterator(&payload, record_cb, &ctx, 0);
	r.records = ctx.records;
	r.user_hash = ctx.user_hash;
	r.user_len = ctx.user_len;
	__builtin_memcpy(r.user, ctx.user, sizeof(r.user));

	/* the report goes out through a ring buffer dynptr; 216 tells
	 * whether the reservation worked
	 */
	bpf_ringbuf_reserve_dynptr(&reports, sizeof(r), 0, &out);
	if (!bpf_dynptr_is_null(&out))
		bpf_dynptr_write(&out, 0, &r, sizeof(r), 0);
	bpf_ringbuf_submit_dynptr(&out, 0);
	return TC_ACT_OK;
}
