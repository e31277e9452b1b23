#!/usr/bin/env python3
# kern.py STEP: add the kernel side of one patch to kernel/bpf/helpers.c
import sys
step = sys.argv[1]
H = 'kernel/bpf/helpers.c'
B = 'include/linux/bpf.h'
def edit(p, old, new):
    s = open(p).read()
    assert s.count(old) == 1, (p, old)
    open(p, 'w').write(s.replace(old, new))

MARK = '/* Dynptr helpers built on the kfuncs above. */\n'
code = {
'advance': ('''BPF_CALL_2(bpf_dynptr_advance, struct bpf_dynptr_kern *, ptr, u32, len)
{
	u32 size = __bpf_dynptr_size(ptr);

	if (!ptr->data)
		return -EINVAL;
	if (len > size)
		return -ERANGE;
	return bpf_dynptr_adjust((struct bpf_dynptr *)ptr, len, size);
}

const struct bpf_func_proto bpf_dynptr_advance_proto = {
	.func		= bpf_dynptr_advance,
	.gpl_only	= false,
	.ret_type	= RET_INTEGER,
	.arg1_type	= ARG_PTR_TO_DYNPTR,
	.arg2_type	= ARG_ANYTHING,
};

BPF_CALL_2(bpf_dynptr_trim, struct bpf_dynptr_kern *, ptr, u32, len)
{
	u32 size = __bpf_dynptr_size(ptr);

	if (!ptr->data)
		return -EINVAL;
	if (len > size)
		return -ERANGE;
	return bpf_dynptr_adjust((struct bpf_dynptr *)ptr, 0, size - len);
}

const struct bpf_func_proto bpf_dynptr_trim_proto = {
	.func		= bpf_dynptr_trim,
	.gpl_only	= false,
	.ret_type	= RET_INTEGER,
	.arg1_type	= ARG_PTR_TO_DYNPTR,
	.arg2_type	= ARG_ANYTHING,
};
''', ['advance', 'trim']),
'is_null': ('''BPF_CALL_1(bpf_dynptr_is_null_helper, struct bpf_dynptr_kern *, ptr)
{
	return bpf_dynptr_is_null((struct bpf_dynptr *)ptr);
}

const struct bpf_func_proto bpf_dynptr_is_null_proto = {
	.func		= bpf_dynptr_is_null_helper,
	.gpl_only	= false,
	.ret_type	= RET_INTEGER,
	.arg1_type	= ARG_PTR_TO_DYNPTR | MEM_RDONLY,
};

BPF_CALL_1(bpf_dynptr_is_rdonly_helper, struct bpf_dynptr_kern *, ptr)
{
	return bpf_dynptr_is_rdonly((struct bpf_dynptr *)ptr);
}

const struct bpf_func_proto bpf_dynptr_is_rdonly_proto = {
	.func		= bpf_dynptr_is_rdonly_helper,
	.gpl_only	= false,
	.ret_type	= RET_INTEGER,
	.arg1_type	= ARG_PTR_TO_DYNPTR | MEM_RDONLY,
};
''', ['is_null', 'is_rdonly']),
'get_size': ('''BPF_CALL_1(bpf_dynptr_get_size, struct bpf_dynptr_kern *, ptr)
{
	/* Unlike the bpf_dynptr_size kfunc, return -EINVAL as a long */
	if (!ptr->data)
		return -EINVAL;
	return __bpf_dynptr_size(ptr);
}

const struct bpf_func_proto bpf_dynptr_get_size_proto = {
	.func		= bpf_dynptr_get_size,
	.gpl_only	= false,
	.ret_type	= RET_INTEGER,
	.arg1_type	= ARG_PTR_TO_DYNPTR | MEM_RDONLY,
};

BPF_CALL_1(bpf_dynptr_get_offset, struct bpf_dynptr_kern *, ptr)
{
	if (!ptr->data)
		return -EINVAL;
	return ptr->offset;
}

const struct bpf_func_proto bpf_dynptr_get_offset_proto = {
	.func		= bpf_dynptr_get_offset,
	.gpl_only	= false,
	.ret_type	= RET_INTEGER,
	.arg1_type	= ARG_PTR_TO_DYNPTR | MEM_RDONLY,
};
''', ['get_size', 'get_offset']),
}[step]
body, names = code
s = open(H).read()
if MARK not in s:
    edit(H, '__bpf_kfunc_end_defs();\n\nBTF_KFUNCS_START(generic_btf_ids)',
         '__bpf_kfunc_end_defs();\n\n' + MARK + '\nBTF_KFUNCS_START(generic_btf_ids)')
edit(H, '\nBTF_KFUNCS_START(generic_btf_ids)', '\n' + body + '\nBTF_KFUNCS_START(generic_btf_ids)')
# base proto: after the last dynptr case present
s = open(H).read()
anchor = '	case BPF_FUNC_dynptr_data:\n		return &bpf_dynptr_data_proto;\n'
i = s.index(anchor) + len(anchor)
while s.startswith('	case BPF_FUNC_dynptr_', i):
    i = s.index(';\n', i) + 2
s = s[:i] + ''.join('	case BPF_FUNC_dynptr_%s:\n		return &bpf_dynptr_%s_proto;\n' % (n, n) for n in names) + s[i:]
open(H, 'w').write(s)
# extern protos
s = open(B).read()
a = 'extern const struct bpf_func_proto bpf_dynptr_from_xdp_proto;\n'
i = s.index(a) + len(a)
while s.startswith('extern const struct bpf_func_proto bpf_dynptr_', i):
    i = s.index(';\n', i) + 2
s = s[:i] + ''.join('extern const struct bpf_func_proto bpf_dynptr_%s_proto;\n' % n for n in names) + s[i:]
open(B, 'w').write(s)
