# results.awk VM-LOG: one line "STATUS<TAB>BLOCK<TAB>NAME<TAB>WHY" per
# result of guest-tests.sh's blocks, STATUS one of OK, FAIL, SKIP; WHY, for
# a result that is not OK, the log lines since the previous result that
# say why a program was refused or skipped (what config/known-failures
# matches), else empty:
#   test_progs     "#N/M test/subtest:STATUS" and "#N test:STATUS"; the
#                  test line counts only when the test has no subtests, or
#                  when it failed while none of its subtests did
#                  (NAME "test/(outside subtests)")
#   test_verifier  "#N/u descr OK", "#N/p descr FAIL...", "... SKIP (...)"
#   the harness's own lines in test_progs' format (probe, demo, asm, fuzz)
# and, for a block, FAIL lines named "(no results)", "(did not finish)" or
# "(exit N without a failed result)".
function emit(st, name, w) {
	print st "\t" blk "\t" name "\t" (st == "OK" ? "" : substr(w, 1, 400))
	cnt[blk]++; if (st == "FAIL") nf[blk]++
}
# the lines of a log that say why: the verifier's and the runners' reasons
/not allowed|is required|not supported|unsupported|requires|SKIP \(|JIT|unknown func|cannot use helper|invalid func/ &&
    !/^#[0-9]/ && blk { why = why (why == "" ? "" : " | ") $0 }
/^=== block / { blk = $3; order[++nb] = blk; began[blk] = 1; why = ""; recap = 0; next }
# test_progs repeats the failed tests' logs and result lines at its end
/^All error logs:/ { recap = 1; next }
recap && !/^=== end / { next }
/^=== end / {
	b = $3; rc = $4; sub(/^rc=/, "", rc); ended[b] = 1; exitc[b] = rc; recap = 0; next
}
!blk { next }
# test_verifier: "#12/u some description OK" (the result may follow on
# the same line after other text)
/^#[0-9]+\/[up] / {
	id = $1; sub(/^#/, "", id)
	line = $0; sub(/^#[0-9]+\/[up] /, "", line)
	if (match(line, / OK$/)) st = "OK"
	else if (match(line, / FAIL/)) st = "FAIL"
	else if (match(line, / SKIP/)) st = "SKIP"
	else next
	emit(st, id " " substr(line, 1, RSTART - 1), why " " substr(line, RSTART))
	why = ""
	next
}
/^#[0-9]+(\/[0-9]+)?[ \t]/ && /:(OK|FAIL|SKIP)( |$)/ {
	line = $0
	sub(/^#[0-9]+/, "", line)
	sub_ = line ~ /^\/[0-9]+/
	sub(/^(\/[0-9]+)?[ \t]+/, "", line)
	match(line, /:(OK|FAIL|SKIP)( |$)/)
	name = substr(line, 1, RSTART - 1)
	st = substr(line, RSTART + 1); sub(/ .*/, "", st)
	if (sub_) {
		t = name; sub(/\/.*/, "", t)
		hassub[blk, t] = 1
		if (st != "OK") subfail[blk, t] = 1
		emit(st, name, why)
	} else {
		tl[++nt] = name; tst[nt] = st; tblk[nt] = blk; twhy[nt] = why
	}
	why = ""
	next
}
END {
	for (i = 1; i <= nt; i++) {
		blk = tblk[i]; t = tl[i]
		if (!hassub[blk, t]) emit(tst[i], t, twhy[i])
		else if (tst[i] != "OK" && !subfail[blk, t])
			emit("FAIL", t "/(outside subtests)")
	}
	for (i = 1; i <= nb; i++) {
		blk = order[i]
		if (!ended[blk]) emit("FAIL", "(did not finish)")
		else if (!cnt[blk]) emit("FAIL", "(no results)")
		else if (exitc[blk] != 0 && !nf[blk])
			emit("FAIL", "(exit " exitc[blk] " without a failed result)")
	}
}
