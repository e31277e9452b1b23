// SPDX-License-Identifier: BSD-2-Clause
/* The helper stubs before vmlinux.h: bpf_helper_defs.h must not need the
 * "bool" typedef that only vmlinux.h provides. Only the integer types the
 * stubs use are defined first, as vmlinux.h defines them.
 */
typedef unsigned char __u8;
typedef unsigned short __u16;
typedef unsigned int __u32;
typedef unsigned long long __u64;
typedef int __s32;
typedef long long __s64;
typedef __u16 __be16;
typedef __u32 __be32;
typedef __u32 __wsum;
#include <bpf/bpf_helpers.h>
#include "vmlinux.h"

char _license[] SEC("license") = "BSD";

SEC("tc")
int vmlinux_last(struct __sk_buff *skb)
{
	struct bpf_dynptr d;

	if (bpf_dynptr_from_skb(skb, 0, &d))
		return 1;
	if (bpf_dynptr_is_null(&d) || bpf_dynptr_is_rdonly(&d) ||
	    bpf_dynptr_get_size(&d) != skb->len)
		return 2;
	return 0;
}
