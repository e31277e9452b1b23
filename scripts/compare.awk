# compare.awk KNOWN BASELINE SERIES: the series' results against the base
# kernel's, one PASS/FAIL line per group (a test_progs test, or a whole
# test_verifier run) of each block, in check.sh's format.  BASELINE and
# SERIES are results.awk output ("STATUS<TAB>BLOCK<TAB>NAME<TAB>WHY"; "#"
# lines are comments).  KNOWN lists the results that may fail on both
# kernels: "BLOCK:NAME-GLOB<TAB>reason", "*" and "?" as in the shell, or
# "BLOCK:NAME-GLOB ~ REGEX<TAB>reason" for those whose WHY on the series
# matches the extended regular expression REGEX.
#   passes on base, not on the series (or gone)  regression: FAIL
#   fails on base, gone from the series          FAIL (it did not run)
#   fails on both, matches KNOWN                 known: shown with its reason
#   fails on both, not in KNOWN                  FAIL (unexplained)
#   only in the series (a new test)              must be OK
# A KNOWN line that explains no result is shown as "#   unused known:".
# The last line is a summary: "compared N, both pass N, both fail N
# (known N), regressions N, fixed N, new N (failed N)".
function glob2re(g) {
	gsub(/[.+^$(){}|\[\]\\]/, "\\\\&", g)
	gsub(/\*/, ".*", g); gsub(/\?/, ".", g)
	return "^" g "$"
}
function group(b, n) {
	if (b ~ /^test_verifier/) return "test_verifier"
	sub(/\/.*/, "", n); return n
}
function note(g, s) { msg[g] = msg[g] (msg[g] == "" ? "" : "; ") s }
FILENAME == ARGV[1] {
	if ($0 ~ /^#/ || $0 !~ /\t/) next
	split($0, f, "\t"); g = f[1]; rx = ""
	if ((i = index(g, " ~ ")) > 0) { rx = substr(g, i + 3); g = substr(g, 1, i - 1) }
	kre[++nk] = glob2re(g); krx[nk] = rx; kwhy[nk] = f[2]; kline[nk] = f[1]; next
}
/^#/ { next }
{ split($0, f, "\t"); st = f[1]; b = f[2]; n = f[3]; k = b SUBSEP n; g = b SUBSEP group(b, n) }
!seen[g]++ { gorder[++ng] = g }
FILENAME == ARGV[2] { base[k] = st; bk[++nbk] = k; bg[k] = g; gbase[g] = 1; next }
{ ser[k] = st; swhy[k] = f[4]; sk[++nsk] = k; sg[k] = g }
END {
	for (i = 1; i <= nbk; i++) {
		k = bk[i]; g = bg[k]; split(k, p, SUBSEP)
		if (base[k] == "OK") {
			if ((k in ser) && ser[k] == "OK") { both[g]++; nboth++; continue }
			bad[g]++; nreg++
			note(g, p[2] " passes on base, " (k in ser ? ser[k] : "missing") " on series")
			continue
		}
		if ((k in ser) && ser[k] == "OK") { fixed[g]++; nfixed++; continue }
		if (!(k in ser)) {	# a known line must not excuse a test that did not run
			bad[g]++; nreg++
			note(g, p[2] " fails on base (" base[k] "), missing on series")
			continue
		}
		nbf++
		why = ""
		for (j = 1; j <= nk; j++)
			if ((p[1] ":" p[2]) ~ kre[j] && (krx[j] == "" || swhy[k] ~ krx[j])) {
				why = kwhy[j]; kused[j]++; break
			}
		if (why != "") { known[g]++; nknown++; kn[why]++; continue }
		bad[g]++; nunexp++
		note(g, p[2] " fails on both (" base[k] "/" (k in ser ? ser[k] : "missing") "), not in the known list")
	}
	for (i = 1; i <= nsk; i++) {
		k = sk[i]; if (k in base) continue
		g = sg[k]; split(k, p, SUBSEP); new[g]++; nnew++; isnew[g] = 1
		if (ser[k] != "OK") { bad[g]++; nnewf++; note(g, p[2] ": " ser[k]) }
	}
	for (i = 1; i <= ng; i++) {
		g = gorder[i]; split(g, p, SUBSEP)
		s = ""
		if (both[g]) s = s ", " both[g] " pass on both"
		if (known[g]) s = s ", " known[g] " fail on both (known)"
		if (fixed[g]) s = s ", " fixed[g] " fail on base only"
		if (new[g]) s = s ", " new[g] " new"
		sub(/^, /, "", s)
		tag = (g in gbase) ? "regress:" : ""
		if (bad[g]) print "FAIL " tag p[1] " " p[2] ": " msg[g]
		else print "PASS " tag p[1] " " p[2] ": " s
	}
	for (w in kn) printf "#   known (%d): %s\n", kn[w], w
	for (j = 1; j <= nk; j++) if (!kused[j]) printf "#   unused known: %s\n", kline[j]
	printf "# compared %d, both pass %d, both fail %d (known %d), regressions %d, fixed %d, new %d (failed %d)\n",
		nbk, nboth, nbf, nknown, nreg + nunexp, nfixed, nnew, nnewf
}
