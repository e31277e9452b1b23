/* SPDX-License-Identifier: BSD-2-Clause */
/* What dynptr_user.bpf.c records for its loader, one per program */
#ifndef DYNPTR_USER_H
#define DYNPTR_USER_H

struct result {
	long from, size, is_null, is_rdonly, advance, trim, offset, size_after;
	long too_far, clone, clone_offset, clone_size, iterator;
	long calls, sum, done;
};

#endif
