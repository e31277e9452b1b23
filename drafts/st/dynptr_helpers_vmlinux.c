// SPDX-License-Identifier: BSD-2-Clause
/* The helper stubs with a vmlinux.h dumped by this tree's bpftool, included
 * first (the usual order).
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char _license[] SEC("license") = "BSD";

SEC("tc")
int vmlinux_first(struct __sk_buff *skb)
{
	struct bpf_dynptr d;
	bool null, rdonly;

	if (bpf_dynptr_from_skb(skb, 0, &d))
		return 1;
	null = bpf_dynptr_is_null(&d);
	rdonly = bpf_dynptr_is_rdonly(&d);
	if (null || rdonly || bpf_dynptr_get_size(&d) != skb->len)
		return 2;
	return 0;
}
