#!/usr/bin/env python3
# usage: uapi.py SRC DOCFILE FNLINES...  -- append helper docs and FN() entries
import sys
src, docfile = sys.argv[1], sys.argv[2]
fns = sys.argv[3:]
p = src + '/include/uapi/linux/bpf.h'
s = open(p).read()
doc = open(docfile).read()
# docs go right before the closing " */" of the helper comment block, which
# ends just after the last helper (the one before FN list).
last_fn = [l for l in s.split('\n') if l.strip().startswith('FN(')][-1]
anchor = s.rindex('\n */\n', 0, s.index('#define ___BPF_FUNC_MAPPER'))
s = s[:anchor] + '\n *\n' + doc.rstrip('\n') + s[anchor:]
i = s.index(last_fn) + len(last_fn)
s = s[:i] + '\n' + '\n'.join('\tFN(%s, %s, ##ctx)\t\t\\' % tuple(f.split(':')) for f in fns) + s[i:]
open(p, 'w').write(s)
open(src + '/tools/include/uapi/linux/bpf.h', 'w').write(s)
