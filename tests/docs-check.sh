#!/bin/sh
# docs-check.sh HEADER MANPAGE UAPI_H
# Each of the ten helpers 212-221 is in the generated bpf_helper_defs.h
# with its number and a doc comment with Description text and Returns, and
# in the bpf-helpers(7) page with Description and Return sections.  The
# documented error codes of the UAPI comment reach both.
set -eu
hdr=$1 man=$2 uapi=$3
st=0
n=212
for h in from_skb from_xdp advance trim is_null is_rdonly get_size get_offset \
	clone iterator; do
	f=bpf_dynptr_$h
	grep -Eq "^static [A-Za-z_ ]+\(\* const $f\)\(.*\) = \(void \*\) $n;\$" "$hdr" ||
		{ echo "$f: no stub with id $n in $hdr"; st=1; }
	# the comment block above the stub: name, text, Returns, text
	awk -v f="$f" '
		$0 == " * " f { inb = 1; next }
		inb && /^ \*\/$/ { exit !(txt && ret && rtxt) }
		inb && /^ \* Returns$/ { ret = 1; next }
		inb && /^ \* \t[^ ]/ { if (ret) rtxt = 1; else txt = 1 }
		END { if (!inb) exit 1 }' "$hdr" ||
		{ echo "$f: doc comment incomplete in $hdr"; st=1; }
	awk -v f="$f" '
		index($0, "\\fB" "long " f "(") || index($0, "\\fBbool " f "(") { inb = 1; next }
		inb && /^\.B \\fB/ { exit }
		inb && /^\.B Description$/ { d = 1 }
		inb && /^\.B Return$/ { r = 1 }
		END { exit !(inb && d && r) }' "$man" ||
		{ echo "$f: no Description/Return in $man"; st=1; }
	n=$((n + 1))
done
# every error code that the UAPI text of the new helpers names is rendered
for e in EINVAL ERANGE E2BIG; do
	grep -q "\*\*-$e\*\*" "$hdr" && grep -q "\\\\-$e" "$man" ||
		{ echo "-$e missing"; st=1; }
done
grep -q 'FN(dynptr_iterator, 221, ##ctx)' "$uapi" || { echo "no FN 221"; st=1; }
[ $st -ne 0 ] || echo "ten helpers documented in $hdr and $man"
exit $st
