/* SPDX-License-Identifier: BSD-2-Clause */
/* Shared by the demo's BPF program and its loader. */
#ifndef KV_DEMO_H
#define KV_DEMO_H

#define KV_PORT		7777	/* UDP port whose payload is parsed */
#define KV_RECORD_MAX	32	/* most bytes of a key or a value */
#define KV_HASH_MAX	32	/* most bytes hashed */
#define KV_USER_MAX	16	/* bytes of "user" kept for the report */

#ifndef EBADMSG
#define EBADMSG		74
#define EFAULT		14
#endif

/* one per UDP packet to KV_PORT */
struct kv_report {
	__u32 payload_off;	/* offset of the payload in the packet */
	__u32 payload_len;
	__u32 records;		/* "key=value;" records parsed */
	__u32 user_hash;	/* FNV-1a of the value of "user" */
	__u32 user_len;
	__s32 status;		/* what bpf_dynptr_iterator returned */
	__u32 pkt_rdonly;
	char user[KV_USER_MAX];	/* the value of "user", cut short */
};

#endif
