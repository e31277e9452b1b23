# veristat.awk KNOWN BASE SERIES (with -F, -v table=FILE): veristat's
# results on the series kernel against the base kernel's, in check.sh's
# format.  BASE and SERIES: "file,prog,verdict,insns,states" ("#" lines
# are comments); KNOWN: "file/prog<TAB>reason" ("*" globs) for the
# programs whose verdict the series changes on purpose (a soundness fix
# named in its commit) or whose counts grow by more than 10%.
#   a program in both whose verdict differs, not in KNOWN   FAIL, named
#   insns or states +10% or more (both verified)            a row of TABLE,
#                                                           FAIL if not in KNOWN
#   only in the series (the series' own objects, new programs)  not compared
# Then one PASS line with the counts.
function glob2re(g) {
	gsub(/[.+^$(){}|\[\]\\]/, "\\\\&", g)
	gsub(/\*/, ".*", g); gsub(/\?/, ".", g)
	return "^" g "$"
}
function known(k,   j) {
	for (j = 1; j <= nk; j++) if (k ~ kre[j]) return kwhy[j]
	return ""
}
function pct(a, b) { return a ? (b - a) * 100 / a : (b ? 100 : 0) }
FILENAME == ARGV[1] {
	if ($0 ~ /^#/ || $0 !~ /\t/) next
	split($0, f, "\t"); kre[++nk] = glob2re(f[1]); kwhy[nk] = f[2]; next
}
/^#/ || NF < 5 { next }
{ k = $1 "/" $2 }
FILENAME == ARGV[2] { bv[k] = $3; bi[k] = $4; bs[k] = $5; order[++n] = k; next }
{ sv[k] = $3; si[k] = $4; ss[k] = $5; if (!(k in bv)) nnew++ }
END {
	print "| program | verdict | insns base | insns series | states base | states series | reason |" >table
	print "|---|---|---|---|---|---|---|" >table
	for (i = 1; i <= n; i++) {
		k = order[i]
		if (!(k in sv)) { gone++; print "FAIL regress:veristat " k " (gone from the series' objects)"; continue }
		cmp++
		why = known(k)
		if (bv[k] != sv[k]) {
			changed++
			if (why == "") {
				bad++
				print "FAIL regress:veristat " k " (" bv[k] " on base, " sv[k] " on the series)"
			} else
				print "PASS veristat " k " (" bv[k] " -> " sv[k] ": known, " why ")"
			continue
		}
		if (sv[k] != "success") continue
		pi = pct(bi[k], si[k]); ps = pct(bs[k], ss[k])
		if (pi > maxg) { maxg = pi; maxk = k " insns " bi[k] " -> " si[k] }
		if (pi < 10 && ps < 10) continue
		grown++
		printf "| %s | %s | %d | %d (%+.0f%%) | %d | %d (%+.0f%%) | %s |\n", k, sv[k],
			bi[k], si[k], pi, bs[k], ss[k], ps, why == "" ? "unexplained" : why >table
		if (why == "") { bad++; printf "FAIL veristat %s (insns %+.0f%%, states %+.0f%%, unexplained)\n", k, pi, ps }
	}
	if (!cmp) { print "FAIL veristat-compare (no program in both)"; exit }
	printf "PASS veristat-compare (compared %d, verdict changes %d, grown >10%% %d, largest insns growth %s, series only %d)\n",
		cmp, changed + 0, grown + 0, maxk == "" ? "none" : sprintf("%+.1f%% (%s)", maxg, maxk), nnew + 0
}
